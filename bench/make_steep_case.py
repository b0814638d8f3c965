#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate the synthetic steep-cropland demo case ``resources/demo/steep_cropland/`` (issue 10).

The Youwuzhen demo has almost no dry cropland, so the terrace branches of step 4 (坡改梯) never run on
it. This case is a **synthetic** loess-hill catchment built so that the step-3 rules and the step-4
terrace design meet every branch: level earth terraces that fit, benches narrowed to the riser limit,
stone risers, 坡式梯田, 隔坡梯田, and parcels where no workable bench fits. Nothing here is survey data.

Not shipped in the plugin; kept here so the case is reproducible (deterministic: fixed geometry and a
seeded random generator)::

    .venv/bin/python bench/make_steep_case.py            # writes the files, prints the checks
    .venv/bin/python bench/make_steep_case.py --check    # regenerates in memory, compares with the files

Terrain (``dem_5m.tif``, 5 m cells, 200 × 240, Float32 rounded to 1 mm): a Y-shaped valley — a main
channel running north to the outlet and two branches to the south-west and south-east. Each channel
segment *i* defines a surface ``z_i = 1000 + g·s_i + h(d_i)`` (``s_i`` the distance along the channel
from the outlet of the nearest point of the segment, ``g`` = 2 % channel gradient, ``d_i`` the
distance to the segment) and the DEM is their lower envelope ``z = min_i z_i`` (continuous; ridges
where two surfaces meet). ``h`` is piecewise linear in ``d`` with a constant slope per distance band
(``BANDS``: 3.5° next to the channel, then 8°, 12°, 15.6°, 17.5°, 22°, 27°, 32°, 35° up to the ridges),
so every parcel inside one band has a near-constant slope, the band's angle (slightly more where the
channel gradient adds to it: atan √(tan²θ + g²)).

Parcels (``parcels.gpkg`` layer ``parcels``, 三调 DLTB-like; derived cell-aligned like the Youwuzhen
parcels): the cells are labelled by (channel segment, side, slope band, 100 m stretch along the
channel), the labels polygonised (GDAL), pieces < 300 m² dropped, and a 15 m strip along the DEM edge
left out. Attributes:

* ``BSM``, ``DLBM``/``DLMC`` (GB/T 21010-2017: 0103 旱地, 0201 果园, 0301 乔木林地, 0404 其他草地,
  0702 农村宅基地), ``TBMJ`` planar area (m²);
* ``GEN_SLOPE_DEG`` the band's design slope the generator built the parcel on (not a measured value;
  step 2 measures the slope from the DEM);
* ``SOIL_DEPTH_M`` soil depth (m): 0.8 by default, 0.25 (< 0.3) or 0.4 (< 0.5) on thin-soil parcels —
  the rules then give 坡式梯田 instead of level terraces;
* ``RETIRE_EXEMPT`` (0/1) 退耕确有困难: cropland ≥ 25° flagged 1 keeps a terrace (level earth; the law
  retires the others to forest and grass);
* ``PLAN_MEASURE`` the designer's override (``measure_codes``, primary first; empty = keep the rules'
  proposal). The demo applies it after step 3 as the dock's parcel editor would (status
  ``overridden``, rule ``manual``, logged in the plan's edit log): in the 西北黄土高原区 the rules never
  propose stone risers, and never a 隔坡梯田 above 20°, so those branches come from overrides;
* ``FVC`` vegetation cover, ``YBD`` canopy closure (0–1), assumed per land use.

The outlet (``outlet.gpkg`` layer ``outlet``, ``ws_code`` SC) sits on the main channel one cell inside the
north edge.

CRS: EPSG:4546 (CGCS2000 / 3-degree Gauss-Kruger CM 111E); the grid is placed nominally near 111.1°E
37.5°N (吕梁山 loess hills) — the terrain is synthetic and is not that place.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile

import numpy as np
import shapely
from osgeo import gdal, ogr, osr

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, REPO)

from sbplanner_plugin.core.grid import Grid, horn_slope_deg  # noqa: E402
from sbplanner_plugin.core.rasterize import rasterize_wkb  # noqa: E402

gdal.UseExceptions()
ogr.UseExceptions()

CASE_DIR = os.path.join(REPO, "resources", "demo", "steep_cropland")
DEM_NAME, PARCELS_NAME, OUTLET_NAME = "dem_5m.tif", "parcels.gpkg", "outlet.gpkg"
EPSG = 4546
SEED = 20240610
CELL = 5.0
COLS, ROWS = 200, 240  # 1000 m × 1200 m
X0, Y_TOP = 508_000.0, 4_152_400.0  # upper-left corner
Z0 = 1000.0  # m at the outlet
GRADIENT = 0.02  # channel gradient (m/m)
MARGIN_M = 15.0
STRETCH_M = 100.0  # parcel length along the channel
MIN_AREA_M2 = 300.0
OUTLET_CODE = "SC"  # steep cropland: the small watersheds become SC-SW001 …

#: Channel segments in local metres (x east, y north from the lower-left corner), through cell centres.
JUNCTION = (502.5, 697.5)
SEGMENTS = (
    ((502.5, 1197.5), JUNCTION),  # main channel: outlet end first
    (JUNCTION, (202.5, 197.5)),  # south-west branch
    (JUNCTION, (802.5, 197.5)),  # south-east branch
)
#: (distance from the channel where the band ends (m), slope of the band (°)); the last band runs to the ridges.
BANDS = (
    (40.0, 3.5),
    (90.0, 8.0),
    (140.0, 12.0),
    (170.0, 15.6),
    (200.0, 17.5),
    (250.0, 22.0),
    (300.0, 27.0),
    (350.0, 32.0),
    (np.inf, 35.0),
)

LANDUSE = {
    "0103": "旱地",
    "0201": "果园",
    "0301": "乔木林地",
    "0404": "其他草地",
    "0702": "农村宅基地",
}
#: assumed cover per land use (FVC, YBD)
COVER = {"0103": (0.0, 0.0), "0201": (0.4, 0.3), "0301": (0.7, 0.6), "0404": (0.6, 0.0), "0702": (0.0, 0.0)}
#: land-use mix per band slope (°): code → weight
MIX = {
    3.5: {"0103": 0.9, "0702": 0.1},
    8.0: {"0103": 0.85, "0201": 0.15},
    12.0: {"0103": 0.85, "0201": 0.15},
    15.6: {"0103": 1.0},
    17.5: {"0103": 0.85, "0404": 0.15},
    22.0: {"0103": 0.8, "0201": 0.2},
    27.0: {"0103": 0.7, "0404": 0.3},
    32.0: {"0103": 0.4, "0301": 0.6},
    35.0: {"0301": 0.7, "0404": 0.3},
}
STONE = "terrace_level_stone;hedgerow"
INTERVAL = "terrace_interval;hedgerow"

FIELDS = (
    ("BSM", ogr.OFTString, 18),
    ("DLBM", ogr.OFTString, 5),
    ("DLMC", ogr.OFTString, 60),
    ("TBMJ", ogr.OFTReal, 0),
    ("GEN_SLOPE_DEG", ogr.OFTReal, 0),
    ("SOIL_DEPTH_M", ogr.OFTReal, 0),
    ("RETIRE_EXEMPT", ogr.OFTInteger, 0),
    ("PLAN_MEASURE", ogr.OFTString, 80),
    ("FVC", ogr.OFTReal, 0),
    ("YBD", ogr.OFTReal, 0),
)


def _srs() -> osr.SpatialReference:
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    return srs


def _transform() -> tuple[float, ...]:
    return (X0, CELL, 0.0, Y_TOP, 0.0, -CELL)


def _hillslope(d: np.ndarray) -> np.ndarray:
    """h(d) = ∫₀ᵈ tan θ(u) du with θ constant per band."""
    h = np.zeros_like(d)
    start = 0.0
    base = 0.0
    for end, theta in BANDS:
        tan = np.tan(np.radians(theta))
        inside = (d >= start) & (d < end)
        h[inside] = base + (d[inside] - start) * tan
        if np.isfinite(end):
            base += (end - start) * tan
        start = end
    return h


def terrain() -> dict[str, np.ndarray]:
    """The DEM and, per cell, the dominant segment, its distance, along-channel position and side."""
    x = (np.arange(COLS) + 0.5) * CELL
    y = CELL * ROWS - (np.arange(ROWS) + 0.5) * CELL
    px, py = np.meshgrid(x, y)
    start_s = 0.0
    surfaces, dists, along, sides = [], [], [], []
    for (ax, ay), (bx, by) in SEGMENTS:
        vx, vy = bx - ax, by - ay
        length = float(np.hypot(vx, vy))
        t = np.clip(((px - ax) * vx + (py - ay) * vy) / length**2, 0.0, 1.0)
        d = np.hypot(px - (ax + t * vx), py - (ay + t * vy))
        s = start_s + t * length
        surfaces.append(Z0 + GRADIENT * s + _hillslope(d))
        dists.append(d)
        along.append(s)
        sides.append(np.sign(vx * (py - ay) - vy * (px - ax)))
        if start_s == 0.0:
            start_s = length  # both branches start at the junction, s = the main channel's length
    stack = np.stack(surfaces)
    seg = np.argmin(stack, axis=0)
    pick = lambda arrays: np.take_along_axis(np.stack(arrays), seg[None], axis=0)[0]  # noqa: E731
    return {
        "z": np.round(stack.min(axis=0), 3).astype(np.float32),
        "segment": seg,
        "distance": pick(dists),
        "along": pick(along),
        "side": pick(sides),
    }


def cell_labels(t: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Parcel label per cell (0 = no parcel) and the band index per cell."""
    ends = np.array([e for e, _ in BANDS])
    band = np.searchsorted(ends, t["distance"], side="right")
    stretch = np.floor(t["along"] / STRETCH_M).astype(np.int64)
    side = (t["side"] > 0).astype(np.int64)
    label = ((t["segment"] * 2 + side) * len(BANDS) + band) * 100 + stretch + 1
    rows, cols = np.indices(label.shape)
    margin = int(MARGIN_M / CELL)
    edge = (rows < margin) | (cols < margin) | (rows >= ROWS - margin) | (cols >= COLS - margin)
    label[edge] = 0
    # ridge cells (a neighbour drains to another channel segment): Horn's 3 × 3 slope there mixes the two
    # hillsides and is far below the band's, so they are left out (a 10 m strip along the ridges)
    seg = np.pad(t["segment"], 1, mode="edge")
    ridge = np.zeros(label.shape, dtype=bool)
    for dr in (0, 1, 2):
        for dc in (0, 1, 2):
            ridge |= seg[dr : dr + ROWS, dc : dc + COLS] != t["segment"]
    label[ridge] = 0
    return label.astype(np.int32), band


def polygons(label: np.ndarray) -> list[tuple[int, shapely.Geometry]]:
    """(label, polygon) of every 4-connected piece of equal label (GDAL Polygonize), sorted."""
    mem = gdal.GetDriverByName("MEM").Create("", COLS, ROWS, 1, gdal.GDT_Int32)
    mem.SetGeoTransform(_transform())
    mem.SetProjection(_srs().ExportToWkt())
    mem.GetRasterBand(1).WriteArray(label)
    mask = gdal.GetDriverByName("MEM").Create("", COLS, ROWS, 1, gdal.GDT_Byte)
    mask.SetGeoTransform(_transform())
    mask.GetRasterBand(1).WriteArray((label > 0).astype(np.uint8))
    vds = ogr.GetDriverByName("Memory").CreateDataSource("")
    layer = vds.CreateLayer("p", _srs(), ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("label", ogr.OFTInteger))
    gdal.Polygonize(mem.GetRasterBand(1), mask.GetRasterBand(1), layer, 0)
    out = []
    for f in layer:
        geom = shapely.normalize(shapely.from_wkb(bytes(f.GetGeometryRef().ExportToIsoWkb())))
        if geom.area >= MIN_AREA_M2:
            out.append((int(f.GetField(0)), geom))
    out.sort(key=lambda lg: (lg[0], round(lg[1].centroid.y, 1), round(lg[1].centroid.x, 1)))
    return out


def measured_slopes(z: np.ndarray, label_of_parcel: np.ndarray) -> np.ndarray:
    """Mean Horn slope of every parcel's cells (as step 2 measures it)."""
    slope = horn_slope_deg(Grid(z.astype(np.float64), _transform(), _srs().ExportToWkt()))
    n = int(label_of_parcel.max())
    ok = label_of_parcel > 0
    sums = np.bincount(label_of_parcel[ok], weights=slope[ok], minlength=n + 1)
    counts = np.bincount(label_of_parcel[ok], minlength=n + 1)
    return sums[1:] / np.maximum(counts[1:], 1)


def attributes(pieces: list[tuple[int, shapely.Geometry]], band_of_label: dict[int, int]) -> list[dict]:
    """Land use, soil, exemption and override per parcel (seeded; every branch guaranteed below)."""
    rng = np.random.default_rng(SEED)
    parcels = []
    for i, (label, geom) in enumerate(pieces):
        theta = BANDS[band_of_label[label]][1]
        codes, weights = zip(*MIX[theta].items())
        code = str(rng.choice(codes, p=np.asarray(weights) / sum(weights)))
        fvc, ybd = COVER[code]
        parcels.append({
            "geom": geom, "BSM": f"SC{i + 1:06d}", "DLBM": code, "DLMC": LANDUSE[code],
            "TBMJ": round(float(geom.area), 2), "GEN_SLOPE_DEG": theta, "SOIL_DEPTH_M": 0.8,
            "RETIRE_EXEMPT": 0, "PLAN_MEASURE": "", "FVC": fvc, "YBD": ybd,
        })  # fmt: skip
    dry = lambda theta: [p for p in parcels if p["DLBM"] == "0103" and p["GEN_SLOPE_DEG"] == theta]  # noqa: E731

    def pick(candidates: list[dict], share: float, at_least: int) -> list[dict]:
        free = [p for p in candidates if not p["PLAN_MEASURE"] and p["SOIL_DEPTH_M"] == 0.8]
        k = min(len(free), max(at_least, round(share * len(free))))
        return [free[j] for j in sorted(rng.choice(len(free), size=k, replace=False))]

    # thin soil: < 0.3 m on 5–15° → 坡式梯田 (C-5-15-THIN); < 0.5 m on 15–25° → 坡式梯田 (C-15-25-THIN)
    for p in pick(dry(8.0) + dry(12.0), 0.2, 2):
        p["SOIL_DEPTH_M"] = 0.25
    for p in pick(dry(22.0), 0.25, 2):
        p["SOIL_DEPTH_M"] = 0.4
    # the designer's stone risers (stone on site): 12° (fits) and 22° (fits, α 80°, limit 2.5 m)
    for theta in (12.0, 22.0, 27.0):
        for p in pick(dry(theta), 0.0, 2):
            p["PLAN_MEASURE"] = STONE
    # 隔坡梯田 asked for on a 22° parcel: above the 20° limit → unsuitable, alternative 坡式梯田
    for p in pick(dry(22.0), 0.0, 2):
        p["PLAN_MEASURE"] = INTERVAL
    # 退耕确有困难 on part of the ≥ 25° cropland: level terraces there (reduced at 27°, none fits at 32°)
    for theta in (27.0, 32.0):
        for p in pick(dry(theta), 0.5, 3):
            p["RETIRE_EXEMPT"] = 1
    for p in parcels:
        if p["PLAN_MEASURE"] and p["GEN_SLOPE_DEG"] >= 25:
            p["RETIRE_EXEMPT"] = 1  # an override on steep cropland is an exempt parcel too
    return parcels


def build() -> tuple[np.ndarray, list[dict], np.ndarray]:
    t = terrain()
    label, band = cell_labels(t)
    band_of_label = {int(v): int(b) for v, b in zip(label.ravel(), band.ravel()) if v}
    pieces = polygons(label)
    parcels = attributes(pieces, band_of_label)
    # each parcel's cells (cell centres inside: the piece's own cells) for the measured slope
    piece_id = rasterize_wkb([shapely.to_wkb(p["geom"]) for p in parcels], label.shape, _transform())
    slopes = measured_slopes(t["z"], np.asarray(piece_id, dtype=np.int64))
    return t["z"], parcels, slopes


def write_dem(z: np.ndarray, path: str) -> None:
    options = ["COMPRESS=DEFLATE", "PREDICTOR=3", "ZLEVEL=9"]
    ds = gdal.GetDriverByName("GTiff").Create(path, COLS, ROWS, 1, gdal.GDT_Float32, options=options)
    ds.SetGeoTransform(_transform())
    ds.SetProjection(_srs().ExportToWkt())
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(-9999.0)
    band.WriteArray(z)
    ds.SetMetadataItem("SOURCE", "synthetic: bench/make_steep_case.py (SBPlanner), not survey data")
    ds = None


def _create(path: str, layer_name: str, geom_type: int):
    if os.path.exists(path):
        os.remove(path)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    layer = ds.CreateLayer(layer_name, _srs(), geom_type, options=["FID=fid", "GEOMETRY_NAME=geom"])
    return ds, layer


def write_parcels(parcels: list[dict], path: str) -> None:
    ds, layer = _create(path, "parcels", ogr.wkbPolygon)
    for name, kind, width in FIELDS:
        fd = ogr.FieldDefn(name, kind)
        if width:
            fd.SetWidth(width)
        layer.CreateField(fd)
    ds.StartTransaction()
    for i, p in enumerate(parcels):
        f = ogr.Feature(layer.GetLayerDefn())
        f.SetFID(i + 1)
        for name, _kind, _width in FIELDS:
            f.SetField(name, p[name])
        f.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(p["geom"])))
        layer.CreateFeature(f)
    ds.CommitTransaction()
    ds = None


def write_outlet(path: str) -> None:
    ds, layer = _create(path, "outlet", ogr.wkbPoint)
    layer.CreateField(ogr.FieldDefn("ws_code", ogr.OFTString))  # the watershed code step 1 keeps (SC-SW001 …)
    x, y = SEGMENTS[0][0]
    f = ogr.Feature(layer.GetLayerDefn())
    f.SetField("ws_code", OUTLET_CODE)
    f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({X0 + x} {Y_TOP - ROWS * CELL + y - CELL})"))
    layer.CreateFeature(f)
    del layer, ds  # closes the file


def report(parcels: list[dict], slopes: np.ndarray) -> None:
    print(f"{len(parcels)} parcels, {sum(p['TBMJ'] for p in parcels) / 1e4:.2f} hm²")
    print("  band °   parcels  dry   measured slope of the dry parcels (min–max °)  thin  exempt  override")
    for _end, theta in BANDS:
        idx = [i for i, p in enumerate(parcels) if p["GEN_SLOPE_DEG"] == theta]
        dry = [i for i in idx if parcels[i]["DLBM"] == "0103"]
        span = f"{slopes[dry].min():5.2f}–{slopes[dry].max():5.2f}" if dry else "     –     "
        print(
            f"  {theta:6.1f} {len(idx):8d} {len(dry):4d}   {span:>44}  "
            f"{sum(parcels[i]['SOIL_DEPTH_M'] < 0.8 for i in dry):4d}  "
            f"{sum(parcels[i]['RETIRE_EXEMPT'] for i in dry):6d}  "
            f"{sum(bool(parcels[i]['PLAN_MEASURE']) for i in dry):8d}"
        )


def _read_parcels(path: str) -> list[tuple]:
    ds = ogr.Open(path)
    layer = ds.GetLayerByName("parcels")
    rows = []
    for f in layer:
        geom = shapely.normalize(shapely.from_wkb(bytes(f.GetGeometryRef().ExportToIsoWkb())))
        rows.append((tuple(f.GetField(n) for n, _k, _w in FIELDS), shapely.to_wkt(geom, rounding_precision=3)))
    return rows


def check() -> int:
    """Regenerate in a temporary folder and compare values (not bytes: GeoPackages carry timestamps)."""
    z, parcels, _ = build()
    with tempfile.TemporaryDirectory() as tmp:
        write_parcels(parcels, os.path.join(tmp, PARCELS_NAME))
        fresh = _read_parcels(os.path.join(tmp, PARCELS_NAME))
    ds = gdal.Open(os.path.join(CASE_DIR, DEM_NAME))  # keep the dataset while its band is read
    shipped = ds.GetRasterBand(1).ReadAsArray()
    ds = None
    same_dem = np.array_equal(shipped, z)
    same_parcels = _read_parcels(os.path.join(CASE_DIR, PARCELS_NAME)) == fresh
    print(f"DEM identical: {same_dem}; parcels identical: {same_parcels}")
    return 0 if same_dem and same_parcels else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare a fresh build with the shipped files")
    args = parser.parse_args(argv)
    if args.check:
        return check()
    z, parcels, slopes = build()
    os.makedirs(CASE_DIR, exist_ok=True)
    write_dem(z, os.path.join(CASE_DIR, DEM_NAME))
    write_parcels(parcels, os.path.join(CASE_DIR, PARCELS_NAME))
    write_outlet(os.path.join(CASE_DIR, OUTLET_NAME))
    report(parcels, slopes)
    print(f"relief {float(z.min()):.1f}–{float(z.max()):.1f} m; files in {CASE_DIR}:")
    for name in (DEM_NAME, PARCELS_NAME, OUTLET_NAME):
        print(f"  {name}  {os.path.getsize(os.path.join(CASE_DIR, name)) / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
