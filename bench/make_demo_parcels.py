#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Derive the demo parcel layer ``resources/demo/youwuzhen/parcels_gbt21010.gpkg`` (三调-like 地类图斑).

Not shipped in the plugin; kept here so the demo layer is reproducible::

    .venv/bin/python bench/make_demo_parcels.py            # writes the GeoPackage, prints the checks
    .venv/bin/python bench/make_demo_parcels.py --check    # only re-checks an existing file

Inputs (SEIMS / LREIS Youwuzhen data, GPL-3.0, ``/work/shared/data/youwuzhen_fujian_seims`` or
``--data``): ``youwuzhen_polygons_derived.gpkg`` layers ``fields_10m`` (the 103 SEIMS
hydrologically connected field units) and ``landuse_10m`` (``ywzlanduse10m_upd.tif`` polygonised,
7 SWAT-style classes); ``resources/demo/youwuzhen/ywzdem10m.tif`` for the slope grade.

Method:

1. every field unit is intersected with every land-use polygon (shapely 2, built against the
   system GEOS — the same GEOS as OGR/QGIS); multiparts are exploded into single polygons;
2. pieces under 200 m² (one or two 10 m cells cut off by the intersection) are dropped;
3. each parcel gets 三调 DLTB-style attributes:

   * ``BSM`` identifier, ``DLBM``/``DLMC`` GB/T 21010-2017 code and name mapped from the SWAT
     code (table ``SWAT_TO_GBT`` below; FRSE "evergreen forest" also becomes 0301 乔木林地 — the
     evergreen broadleaf forest of the region — since GB/T 21010 has no evergreen subclass),
   * ``TBMJ`` planar area in m² (EPSG:2415 plane, not the 三调 ellipsoidal area),
   * ``GDLX`` 耕地类型: 'TT' (梯田) for 0101 水田 on slopes > 2° (GDPDJB 2–5; the hill paddies of
     this region are terraced), empty on flat paddies (GDPDJB 1 — as in 三调, where GDLX is only
     filled for cropland steeper than 2°) and for other classes,
   * ``GDPDJB`` 耕地坡度级别 1–5 for 01 cropland only, **derived from the 10 m DEM** (Horn mean
     slope of the parcel's cells, classes ≤2°, (2,6], (6,15], (15,25], >25°): no official value
     exists for these data,
   * ``SWAT_CODE`` the original SEIMS land-use code (to exercise the SWAT→GB/T mapping table),
   * ``FVC`` vegetation cover 0–1 and ``YBD`` canopy closure 0–1, **assumed** per class
     (forest 0.75 / 0.6, orchard 0.45 / 0.3, everything else 0) — demo values, not measurements,
   * ``FIELD_ID`` the SEIMS field unit the parcel comes from.

Check printed at the end: land-use shares inside the SEIMS watershed mask (valid cells of
``SLOPEPOSITION.tif``), computed from the parcels by burning them on the 10 m mask grid (cell
centres), against the published forest 59.8 %, paddy 20.6 %, orchard 12.8 % (±0.5 pt).
"""

from __future__ import annotations

import argparse
import os
import sys

import numpy as np
import shapely
from osgeo import gdal, ogr, osr

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, REPO)

from sbplanner_plugin.adapters.raster import rasterize, read_dem  # noqa: E402
from sbplanner_plugin.core.grid import horn_slope_deg  # noqa: E402
from sbplanner_plugin.core.zonal import zonal_mean  # noqa: E402

gdal.UseExceptions()
ogr.UseExceptions()

DEFAULT_DATA = "/work/shared/data/youwuzhen_fujian_seims"
DEMO_DIR = os.path.join(REPO, "resources", "demo", "youwuzhen")
OUT_PATH = os.path.join(DEMO_DIR, "parcels_gbt21010.gpkg")
LAYER = "parcels"
MIN_AREA_M2 = 200.0

# SWAT code -> (SWAT name, DLBM, DLMC)
SWAT_TO_GBT = {
    4: ("ORCD", "0201", "果园"),
    6: ("FRST", "0301", "乔木林地"),
    8: ("FRSE", "0301", "乔木林地"),  # evergreen broadleaf forest; GB/T 21010 has no evergreen class
    18: ("WATR", "1104", "坑塘水面"),  # small ponds
    33: ("RICE", "0101", "水田"),
    104: ("URLD", "0702", "农村宅基地"),
    106: ("UIDU", "0601", "工业用地"),
}
# assumed vegetation cover (FVC) and canopy closure (YBD) per SWAT code — demo values
FVC = {4: 0.45, 6: 0.75, 8: 0.75}
YBD = {4: 0.3, 6: 0.6, 8: 0.6}
GDPDJB_BREAKS_DEG = (2.0, 6.0, 15.0, 25.0)  # upper-inclusive: <=2 -> 1, (2,6] -> 2, ... >25 -> 5

PUBLISHED = {"forest": 59.8, "paddy": 20.6, "orchard": 12.8}
GROUPS = {"forest": ("0301",), "paddy": ("0101",), "orchard": ("0201",)}


def _read_layer(path: str, layer: str) -> tuple[list[tuple[dict, shapely.Geometry]], osr.SpatialReference]:
    ds = ogr.Open(path)
    lyr = ds.GetLayerByName(layer)
    srs = lyr.GetSpatialRef().Clone()
    out = []
    for f in lyr:
        attrs = {lyr.GetLayerDefn().GetFieldDefn(i).GetName(): f.GetField(i) for i in range(f.GetFieldCount())}
        out.append((attrs, shapely.from_wkb(bytes(f.GetGeometryRef().ExportToWkb()))))
    return out, srs


def build_parcels(data_dir: str) -> tuple[list[dict], osr.SpatialReference]:
    gpkg = os.path.join(data_dir, "youwuzhen_polygons_derived.gpkg")
    fields, srs = _read_layer(gpkg, "fields_10m")
    landuse, _ = _read_layer(gpkg, "landuse_10m")
    lu_code_field = "landuse_id" if "landuse_id" in landuse[0][0] else next(iter(landuse[0][0]))
    parcels = []
    dropped = 0
    fields.sort(key=lambda fa: int(fa[0]["field_id"]))
    for fattrs, fgeom in fields:
        fgeom = shapely.make_valid(fgeom)
        for lattrs, lgeom in landuse:
            code = int(lattrs[lu_code_field])
            if code not in SWAT_TO_GBT:
                raise SystemExit(f"unknown SWAT code {code} in landuse_10m")
            with np.errstate(invalid="ignore"):  # GEOS warns on the empty results
                inter = shapely.intersection(fgeom, shapely.make_valid(lgeom))
            if inter.is_empty:
                continue
            polys = [g for g in shapely.get_parts(inter) if g.geom_type == "Polygon"]
            for p in sorted(polys, key=lambda g: (-g.area, g.centroid.x)):
                p = shapely.normalize(p)
                if p.area < MIN_AREA_M2:
                    dropped += 1
                    continue
                parcels.append({"geom": p, "swat": code, "field_id": int(fattrs["field_id"])})
    print(
        f"{len(parcels)} parcels from {len(fields)} field units x {len(landuse)} land-use classes; "
        f"{dropped} slivers < {MIN_AREA_M2:.0f} m² dropped"
    )
    return parcels, srs


def gdpdjb(slope_deg: float) -> int:
    return int(np.searchsorted(np.asarray(GDPDJB_BREAKS_DEG), slope_deg, side="left")) + 1


def add_attributes(parcels: list[dict], dem_path: str) -> None:
    grid, _ = read_dem(dem_path)
    slope = horn_slope_deg(grid)
    labels = rasterize([(shapely.to_wkb(p["geom"]), i + 1) for i, p in enumerate(parcels)], grid)
    stats = zonal_mean(labels, slope, len(parcels))
    for i, p in enumerate(parcels):
        name, dlbm, dlmc = SWAT_TO_GBT[p["swat"]]
        p["BSM"] = f"YWZ{i + 1:06d}"
        p["DLBM"] = dlbm
        p["DLMC"] = dlmc
        p["TBMJ"] = round(float(p["geom"].area), 2)
        mean = stats.mean[i + 1]
        if dlbm.startswith("01"):
            if np.isnan(mean):  # parcel too thin to hold a cell centre: fall back to its centroid cell
                r, c = grid.rowcol(np.array([p["geom"].centroid.x]), np.array([p["geom"].centroid.y]))
                mean = float(slope[int(r[0]), int(c[0])])
            p["GDPDJB"] = gdpdjb(float(mean))
            p["GDLX"] = "TT" if dlbm == "0101" and p["GDPDJB"] >= 2 else ""
        else:
            p["GDLX"] = ""
            p["GDPDJB"] = None
        p["SWAT_CODE"] = p["swat"]
        p["SWAT_NAME"] = name
        p["FVC"] = FVC.get(p["swat"], 0.0)
        p["YBD"] = YBD.get(p["swat"], 0.0)


FIELDS = (
    ("BSM", ogr.OFTString, 18),
    ("DLBM", ogr.OFTString, 5),
    ("DLMC", ogr.OFTString, 60),
    ("TBMJ", ogr.OFTReal, 0),
    ("GDLX", ogr.OFTString, 2),
    ("GDPDJB", ogr.OFTInteger, 0),
    ("SWAT_CODE", ogr.OFTInteger, 0),
    ("SWAT_NAME", ogr.OFTString, 4),
    ("FVC", ogr.OFTReal, 0),
    ("YBD", ogr.OFTReal, 0),
    ("FIELD_ID", ogr.OFTInteger, 0),
)


def write_gpkg(parcels: list[dict], srs: osr.SpatialReference, path: str) -> None:
    if os.path.exists(path):
        os.remove(path)
    drv = ogr.GetDriverByName("GPKG")
    ds = drv.CreateDataSource(path)
    srs2415 = osr.SpatialReference()
    srs2415.ImportFromEPSG(2415)
    lyr = ds.CreateLayer(LAYER, srs2415, ogr.wkbPolygon, options=["FID=fid", "GEOMETRY_NAME=geom", "SPATIAL_INDEX=YES"])
    for name, typ, width in FIELDS:
        fd = ogr.FieldDefn(name, typ)
        if width:
            fd.SetWidth(width)
        lyr.CreateField(fd)
    ds.StartTransaction()
    for i, p in enumerate(parcels):
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetFID(i + 1)
        for name, _typ, _w in FIELDS:
            key = "field_id" if name == "FIELD_ID" else name
            val = p[key]
            if val is None:
                f.SetFieldNull(name)
            else:
                f.SetField(name, val)
        f.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(p["geom"])))
        lyr.CreateFeature(f)
    ds.CommitTransaction()
    ds = None
    # a small file: no WAL/shm left behind, vacuumed
    ds = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_UPDATE)
    ds.ExecuteSQL("VACUUM")
    ds = None


def check(path: str, mask_path: str) -> dict:
    """Land-use shares (%) inside the SEIMS mask, from the parcels burnt on the mask grid."""
    grid, _ = read_dem(mask_path)
    mask = ~np.isnan(grid.values)
    ds = ogr.Open(path)
    lyr = ds.GetLayer(0)
    dlbm_codes: list[str] = []
    geoms = []
    for f in lyr:
        dlbm_codes.append(f.GetField("DLBM"))
        geoms.append((bytes(f.GetGeometryRef().ExportToWkb()), len(dlbm_codes)))
    labels = rasterize(geoms, grid)
    n_mask = int(mask.sum())
    lab_in = labels[mask]
    covered = int((lab_in > 0).sum())
    codes = np.array(["", *dlbm_codes])
    code_in = codes[lab_in]
    shares = {}
    print(f"mask cells {n_mask}; covered by parcels {covered} ({100 * covered / n_mask:.2f} %)")
    for code in sorted(set(dlbm_codes)):
        shares[code] = 100.0 * float((code_in == code).sum()) / n_mask
    ok = True
    for group, codes_g in GROUPS.items():
        s = sum(shares.get(c, 0.0) for c in codes_g)
        s_cov = s * n_mask / covered  # share of the parcel-covered cells (slivers left out)
        pub = PUBLISHED[group]
        good = abs(s - pub) <= 0.5 and abs(s_cov - pub) <= 0.5
        ok &= good
        print(
            f"  {group:8s} {s:5.2f} % of the mask, {s_cov:5.2f} % of the parcel cells "
            f"(published {pub:4.1f} %, diff {s - pub:+.2f} / {s_cov - pub:+.2f} pt) {'OK' if good else 'OFF'}"
        )
    for code, s in shares.items():
        print(f"  DLBM {code}: {s:5.2f} %")
    n = lyr.GetFeatureCount()
    print(f"{n} parcels, file {os.path.getsize(path) / 1024:.0f} KiB")
    shares["_ok"] = ok
    return shares


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--out", default=OUT_PATH)
    ap.add_argument("--check", action="store_true", help="only check an existing file")
    a = ap.parse_args()
    if not a.check:
        parcels, srs = build_parcels(a.data)
        add_attributes(parcels, os.path.join(DEMO_DIR, "ywzdem10m.tif"))
        write_gpkg(parcels, srs, a.out)
    res = check(a.out, os.path.join(DEMO_DIR, "SLOPEPOSITION.tif"))
    return 0 if res["_ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
