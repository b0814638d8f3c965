"""Hostile DEMs through the Processing algorithms in real QGIS (issue 13, helper P).

Each DEM is the bundled Youwuzhen 10 m DEM, moved, relabelled, rotated or with cells overwritten by GDAL
here. A run that must succeed is compared with a correctly projected run of the same DEM (warped by hand
to a local Lambert azimuthal equal-area CRS, or the native DEM) within 0.5 %; a run that must fail gives
the named, translated error and leaves no output file.
"""

from __future__ import annotations

import math

import numpy as np
import processing
import pytest
from osgeo import gdal, ogr
from qgis.core import QgsProcessingException, QgsVectorLayer

from sbplanner_plugin.adapters.gdal_errors import gdal_exceptions
from tests.qgis.feedback import Log
from tests.qgis.test_processing_parcels import num

LAT_NOW, LON_NOW = 25.68, 116.4
PARCELS = "parcels_gbt21010.gpkg"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("hostile_dem")


@pytest.fixture(scope="module")
def dem(demo_dir) -> str:
    return str(demo_dir / "ywzdem10m.tif")


@pytest.fixture(scope="module")
def geo_dem(folder, dem) -> str:
    path = folder / "dem_wgs84.tif"
    with gdal_exceptions():
        gdal.Warp(str(path), dem, dstSRS="EPSG:4326", resampleAlg="bilinear")
    return str(path)


def moved(geo_dem: str, folder, lon: float, lat: float, outlet_file: str) -> tuple[str, str]:
    """The WGS 84 DEM and its outlet (a GeoPackage in EPSG:4326) moved so the DEM's centre is at (lon, lat)."""
    tag = f"{lon:g}_{lat:g}"
    path, outlet = folder / f"dem_{tag}.tif", folder / f"outlet_{tag}.gpkg"
    d_lon, d_lat = lon - LON_NOW, lat - LAT_NOW
    with gdal_exceptions():
        gdal.Translate(str(path), geo_dem)
        ds = gdal.Open(str(path), gdal.GA_Update)
        gt = list(ds.GetGeoTransform())
        gt[0] += d_lon
        gt[3] += d_lat
        ds.SetGeoTransform(gt)
        ds = None
        gdal.VectorTranslate(str(outlet), outlet_file, dstSRS="EPSG:4326", format="GPKG", layerName="outlet")
        ds = ogr.Open(str(outlet), 1)
        layer = ds.GetLayer(0)
        for f in layer:
            g = f.GetGeometryRef()
            g.SetPoint_2D(0, g.GetX() + d_lon, g.GetY() + d_lat)
            f.SetGeometry(g)
            layer.SetFeature(f)
        ds = None
    return str(path), str(outlet)


def laea_copy(path: str, lon: float, lat: float, res: float) -> str:
    """``path`` warped by hand to a Lambert azimuthal equal-area CRS centred on it: true areas."""
    out = path.replace(".tif", "_laea.tif")
    laea = f"+proj=laea +lat_0={lat} +lon_0={((lon + 180) % 360) - 180} +datum=WGS84 +units=m +no_defs"
    with gdal_exceptions():
        gdal.Warp(out, path, dstSRS=laea, xRes=res, yRes=res, resampleAlg="bilinear")
    return out


@pytest.fixture(scope="module")
def outlet(demo_dir) -> str:
    return str(demo_dir / "outlet_beijing1954.shp")


def delineate(dem: str, outlets: str, feedback=None, **extra) -> dict:
    params = {
        "DEM": dem,
        "OUTLETS": outlets,
        "STREAM_THRESHOLD_KM2": 0.1,
        "OUTPUT_WATERSHEDS": "memory:",
        "OUTPUT_STREAMS": "memory:",
        "OUTPUT_OUTLETS": "memory:",
    }
    params.update(extra)
    return processing.run("sbplanner:delineate_watersheds", params, feedback=feedback)


def watershed(result: dict) -> dict:
    layer = result["OUTPUT_WATERSHEDS"]
    (feature,) = list(layer.getFeatures())
    return dict(zip(layer.fields().names(), feature.attributes()), _crs=layer.crs().authid())


def ground_res(path: str) -> float:
    """The cell size read_dem picks for a geographic DEM (its smaller ground step, to 0.1 m)."""
    ds = gdal.Open(path)
    gt = ds.GetGeoTransform()
    lat = gt[3] + gt[5] * ds.RasterYSize / 2
    return round(min(gt[1] * 111320 * math.cos(math.radians(lat)), -gt[5] * 110574), 1)


# -- projections --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lon", "lat", "crs"),
    [
        (180.5, LAT_NOW, "EPSG:32601"),  # P-Q1 just east of 180°: was the polar UPS, 0.014 km² instead of 5.7
        (243.6, LAT_NOW, "EPSG:32611"),  # P-Q2 0–360° longitudes: was a US-feet zone, 201 km²
        (LON_NOW, 84.5, "EPSG:32650"),  # P-Q3 north of 84°: UPS gave 0.00002 km²
        (LON_NOW, -80.5, "EPSG:32750"),  # P-Q4 south of 80°S
    ],
)
def test_delineation_on_a_moved_geographic_dem_matches_a_true_projection(geo_dem, folder, outlet, lon, lat, crs):
    path, moved_outlet = moved(geo_dem, folder, lon, lat, outlet)
    log = Log()
    ws = watershed(delineate(path, moved_outlet, log))
    reference = watershed(delineate(laea_copy(path, lon, lat, ground_res(path)), moved_outlet))
    assert ws["_crs"] == crs
    assert "reprojected" in log.text()
    assert ws["area_km2"] == pytest.approx(reference["area_km2"], rel=0.005)
    assert ws["area_km2"] > 0.3  # a real catchment, not a snapped hillslope cell


def test_delineation_on_a_dem_in_grads_from_paris(dem, geo_dem, folder, outlet):
    """P-Q5 a DEM in NTF (Paris) grads: CM 117°E, the WGS 84 copy's catchment (it was +2.3 % in CM 126°E)."""
    grads = folder / "dem_ntf_grads.tif"
    with gdal_exceptions():
        gdal.Warp(str(grads), dem, dstSRS="EPSG:4807", resampleAlg="bilinear")
    ws = watershed(delineate(str(grads), outlet))
    reference = watershed(delineate(geo_dem, outlet))
    assert ws["_crs"] == reference["_crs"] == "EPSG:4548"
    assert ws["area_km2"] == pytest.approx(reference["area_km2"], rel=0.005)


def test_division_on_a_dem_east_of_180_matches_a_true_projection(geo_dem, folder, outlet):
    """P-Q6 divide_small_watersheds on the DEM past 180°: the units' total area as on the LAEA copy."""
    path, _ = moved(geo_dem, folder, 180.5, LAT_NOW, outlet)
    totals = []
    for dem in (path, laea_copy(path, 180.5, LAT_NOW, ground_res(path))):
        result = processing.run(
            "sbplanner:divide_small_watersheds",
            {"DEM": dem, "MAX_AREA_KM2": 2.0, "MIN_AREA_KM2": 0.3, "STREAM_THRESHOLD_KM2": 0.1,
             "OUTPUT_WATERSHEDS": "memory:", "OUTPUT_STREAMS": "memory:"},
        )  # fmt: skip
        layer = result["OUTPUT_WATERSHEDS"]
        totals.append(sum(f["area_km2"] for f in layer.getFeatures()))
        if dem == path:
            assert layer.crs().authid() == "EPSG:32601"
    assert totals[0] > 5.0
    assert totals[0] == pytest.approx(totals[1], rel=0.005)


def rotated_copy(dem: str, folder, degrees: float = 20.0) -> str:
    """The DEM resampled into a rotated geotransform over the same ground (a 5 km frame centred on it)."""
    path = folder / f"dem_rotated_{degrees:g}.tif"
    with gdal_exceptions():
        src = gdal.Open(dem)
        x0, _, _, y0, _, _ = src.GetGeoTransform()
        cx, cy = x0 + 5.0 * src.RasterXSize, y0 - 5.0 * src.RasterYSize
        a, b = 10 * math.cos(math.radians(degrees)), 10 * math.sin(math.radians(degrees))
        n = 500
        out = gdal.GetDriverByName("GTiff").Create(str(path), n, n, 1, gdal.GDT_Float32)
        out.SetGeoTransform([cx - n / 2 * (a + b), a, b, cy - n / 2 * (b - a), b, -a])
        out.SetProjection(src.GetProjection())
        out.GetRasterBand(1).SetNoDataValue(-9999.0)
        gdal.Warp(out, dem, resampleAlg="bilinear", dstNodata=-9999.0)
        out = None
    return str(path)


def north_up_copy(path: str, crs: str, res: float) -> str:
    """``path`` warped north-up into ``crs`` by hand (gdalwarp, bilinear): the reference a correct reader matches."""
    out = path.replace(".tif", f"_north_up_{crs.replace(':', '_')}.tif")
    with gdal_exceptions():
        gdal.Warp(out, path, dstSRS=crs, xRes=res, yRes=res, targetAlignedPixels=True, resampleAlg="bilinear")
    return out


def test_delineation_on_a_rotated_dem_matches_a_hand_warped_copy(dem, folder, outlet):
    """P-Q7 a 20°-rotated geotransform: resampled north-up with a warning, the hand-warped copy's catchment ±0.5 %
    (it was read as if north-up: the terrain turned by 20° under the outlet)."""
    log = Log()
    rotated = rotated_copy(dem, folder)
    ws = watershed(delineate(rotated, outlet, log))
    reference = watershed(delineate(north_up_copy(rotated, "EPSG:2415", 10.0), outlet))
    assert "geotransform is rotated" in log.text()
    assert ws["area_km2"] > 5.0
    assert ws["area_km2"] == pytest.approx(reference["area_km2"], rel=0.005)


def test_delineation_on_a_south_up_dem_is_the_native_one(dem, folder, outlet):
    """P-Q8 a south-up grid (dy > 0): flipped, not resampled — the same catchment to the cell."""
    with gdal_exceptions():
        src = gdal.Open(dem)
        values = src.ReadAsArray()
        x0, dx, _, y0, _, dy = src.GetGeoTransform()
        path = folder / "dem_south_up.tif"
        out = gdal.GetDriverByName("GTiff").Create(str(path), values.shape[1], values.shape[0], 1, gdal.GDT_Float32)
        out.SetGeoTransform([x0, dx, 0.0, y0 + dy * values.shape[0], 0.0, -dy])
        out.SetProjection(src.GetProjection())
        out.GetRasterBand(1).WriteArray(values[::-1])
        out = None
    log = Log()
    ws = watershed(delineate(str(path), outlet, log))
    assert "turned north-up" in log.text()
    assert ws["area_km2"] == pytest.approx(watershed(delineate(dem, outlet))["area_km2"], rel=1e-9)


@pytest.mark.parametrize(
    ("label", "source", "expected"),
    [
        ("EPSG:2227", "dem", r"measures in US survey foot \(1 unit = 0\.3048\d* m\), not metres"),  # P-Q9 feet
        ("EPSG:4326", "dem", r"geographic \(WGS 84\), but its coordinates reach"),  # P-Q10 was a traceback
        ("EPSG:32650", "geo", r"cells are 9\.6\de-05 m wide"),  # P-Q11 was 'outlet outside the DEM'
    ],
)
def test_a_mislabelled_dem_is_refused_by_name_and_writes_nothing(
    dem, geo_dem, folder, outlet, tmp_path, label, source, expected
):
    path = folder / f"dem_as_{label.replace(':', '_')}_{source}.tif"
    with gdal_exceptions():
        gdal.Translate(str(path), dem if source == "dem" else geo_dem, outputSRS=label)
    outs = {k: str(tmp_path / f"{k}.gpkg") for k in ("OUTPUT_WATERSHEDS", "OUTPUT_STREAMS", "OUTPUT_OUTLETS")}
    with pytest.raises(QgsProcessingException, match=expected) as err:
        delineate(str(path), outlet, **outs)
    assert "Traceback" not in str(err.value) and "Error" not in str(err.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def analyse(demo_dir, dem: str, feedback=None, **extra) -> QgsVectorLayer:
    params = {
        "PARCELS": str(demo_dir / PARCELS),
        "DEM": dem,
        "R_FACTOR": 7000,
        "K_FACTOR": 0.005,
        "COVER_FIELD": "FVC",
        "CANOPY_FIELD": "YBD",
        "EROSION_REGION": 0,
        "SLOPE_SYSTEM": 1,
        "OUTPUT_PARCELS": "memory:",
    }
    params.update(extra)
    return processing.run("sbplanner:analyse_parcels", params, feedback=feedback)["OUTPUT_PARCELS"]


def parcel_rows(layer: QgsVectorLayer) -> list[dict]:
    names = layer.fields().names()
    return [dict(zip(names, f.attributes())) for f in layer.getFeatures()]


@pytest.fixture(scope="module")
def native_parcels(demo_dir, dem) -> list[dict]:
    return parcel_rows(analyse(demo_dir, dem))


def weighted(parcels: list[dict], key: str) -> float:
    pairs = [(p["area_ha"], num(p[key])) for p in parcels if num(p[key]) is not None]
    return sum(a * v for a, v in pairs) / sum(a for a, _ in pairs)


@pytest.mark.parametrize("kind", ["geographic", "rotated"])
def test_parcels_on_a_geographic_or_rotated_dem_match_the_native_run(
    demo_dir, dem, geo_dem, folder, native_parcels, kind
):
    """P-Q12/13 analyse_parcels on the WGS 84 copy (→ CGCS2000 GK 117°E) and on the rotated copy: every parcel
    analysed, their area within 0.5 % of the native run, slope (±0.2°) and soil loss (±2 %) as on a copy warped
    north-up by hand, elevation within 1 m."""
    path = geo_dem if kind == "geographic" else rotated_copy(dem, folder)
    parcels = parcel_rows(analyse(demo_dir, path))
    by_hand = parcel_rows(analyse(demo_dir, north_up_copy(path, "EPSG:4548" if kind == "geographic" else "EPSG:2415", 9.7 if kind == "geographic" else 10.0)))  # fmt: skip  # noqa: E501
    assert len(parcels) == len(native_parcels) == 584
    assert all(num(p["slope_mean_deg"]) is not None for p in parcels)
    area, native_area = sum(p["area_ha"] for p in parcels), sum(p["area_ha"] for p in native_parcels)
    assert area == pytest.approx(native_area, rel=0.005)
    assert weighted(parcels, "slope_mean_deg") == pytest.approx(weighted(by_hand, "slope_mean_deg"), abs=0.2)
    assert weighted(parcels, "elev_mean_m") == pytest.approx(weighted(native_parcels, "elev_mean_m"), abs=1.0)
    losses = [sum(num(p["soil_loss_t_km2_a"]) * p["area_ha"] for p in ps) for ps in (parcels, by_hand)]
    assert losses[0] == pytest.approx(losses[1], rel=0.02)


# -- cell values --------------------------------------------------------------------------------------


def overwritten(dem: str, folder, name: str, value: float, gdal_type=gdal.GDT_Float32, nodata=None) -> str:
    """The DEM with 500 cells (rows 100-119, columns 150-174: inside the catchment, under parcels) set to
    ``value``."""
    path = folder / name
    with gdal_exceptions():
        src = gdal.Open(dem)
        values = src.ReadAsArray().astype(np.float64)
        values[100:120, 150:175] = value
        out = gdal.GetDriverByName("GTiff").Create(str(path), values.shape[1], values.shape[0], 1, gdal_type)
        out.SetGeoTransform(src.GetGeoTransform())
        out.SetProjection(src.GetProjection())
        if nodata is not None:
            out.GetRasterBand(1).SetNoDataValue(nodata)
        out.GetRasterBand(1).WriteArray(values)
        out = None
    return str(path)


@pytest.mark.parametrize(
    ("name", "value", "gdal_type", "warning"),
    [
        ("dem_inf.tif", np.inf, gdal.GDT_Float32, "500 DEM cells hold an infinite value"),  # P-Q14
        ("dem_minus_inf.tif", -np.inf, gdal.GDT_Float64, "500 DEM cells hold an infinite value"),  # P-Q15
        ("dem_nan.tif", np.nan, gdal.GDT_Float32, "500 DEM cells hold NaN"),  # P-Q16
        ("dem_9999.tif", -9999.0, gdal.GDT_Float32, "500 DEM cells hold elevations below −1000 m"),  # P-Q17
    ],
)
def test_bad_dem_cells_are_nodata_said_once_and_never_reach_a_parcel(
    demo_dir, dem, folder, outlet, native_parcels, name, value, gdal_type, warning
):
    log = Log("WARNING ")
    parcels = parcel_rows(analyse(demo_dir, overwritten(dem, folder, name, value, gdal_type, -3.4e38), log))
    assert log.text().count(warning) == 1 and f"WARNING {warning}" in log.text()
    for p in parcels:
        for key in ("elev_mean_m", "slope_mean_deg", "ls_factor", "soil_loss_t_km2_a"):
            v = num(p[key])
            assert v is None or math.isfinite(v), (key, v)
        assert num(p["elev_mean_m"]) is None or 250.0 < num(p["elev_mean_m"]) < 600.0
    assert weighted(parcels, "slope_mean_deg") == pytest.approx(weighted(native_parcels, "slope_mean_deg"), abs=0.5)
    log = Log("WARNING ")
    ws = watershed(delineate(overwritten(dem, folder, name, value, gdal_type, -3.4e38), outlet, log))
    assert log.text().count(warning) == 1
    reference = watershed(delineate(dem, outlet))["area_km2"]
    # the hole and the few cells that drained into it are lost, nothing else (a nodata hole is an outlet)
    assert reference - 0.15 <= ws["area_km2"] <= reference - 0.05 + 1e-9
    assert 290.0 < ws["elev_min_m"] < ws["elev_max_m"] < 560.0


def test_elevations_in_feet_of_a_compound_crs_are_converted(dem, folder, outlet):
    """P-Q18 a compound CRS with the vertical in US feet: elevations converted, said so (were metres)."""
    path = folder / "dem_vertical_ftus.tif"
    with gdal_exceptions():
        gdal.Translate(str(path), dem, outputSRS="EPSG:2415+6360")
    log = Log("WARNING ")
    ws = watershed(delineate(str(path), outlet, log))
    native = watershed(delineate(dem, outlet))
    assert "WARNING The DEM's vertical coordinate system measures elevations in US survey foot" in log.text()
    assert ws["elev_min_m"] == pytest.approx(native["elev_min_m"] * 0.3048006, rel=1e-4)
    assert ws["area_km2"] == pytest.approx(native["area_km2"], rel=0.005)


def factor_raster(dem: str, folder, name: str, value: float, where: float) -> str:
    """A factor raster over the DEM holding ``value`` everywhere and ``where`` in 500 cells under parcels."""
    path = folder / name
    with gdal_exceptions():
        src = gdal.Open(dem)
        values = np.full((src.RasterYSize, src.RasterXSize), value, dtype=np.float32)
        values[100:120, 150:175] = where
        out = gdal.GetDriverByName("GTiff").Create(str(path), src.RasterXSize, src.RasterYSize, 1, gdal.GDT_Float32)
        out.SetGeoTransform(src.GetGeoTransform())
        out.SetProjection(src.GetProjection())
        out.GetRasterBand(1).WriteArray(values)
        out = None
    return str(path)


@pytest.mark.parametrize(
    ("factor", "key", "value", "bad"),
    [("R", "R_RASTER", 7000.0, np.inf), ("K", "K_RASTER", 0.005, -np.inf), ("R", "R_RASTER", 7000.0, 1e300)],
)
def test_a_factor_raster_with_infinite_cells_is_said_and_gives_no_infinite_soil_loss(
    demo_dir, dem, folder, native_parcels, factor, key, value, bad
):
    """P-Q19/20/21 an R raster with +inf, a K raster with −inf, an R raster of 1e300 (inf as Float32): those
    cells are nodata with a count, their parcels are uncovered (said), no soil loss is infinite, and a parcel
    without soil loss has no erosion class (it read 剧烈)."""
    log = Log("WARNING ")
    raster = factor_raster(dem, folder, f"{factor}_{bad:g}.tif", value, bad)
    parcels = parcel_rows(analyse(demo_dir, dem, log, **{key: raster}))
    text = log.text()
    assert f"DEM cells get an infinite {factor} from its raster; they are treated as nodata there." in text
    assert f"WARNING The {factor} raster does not cover" in text
    losses = [num(p["soil_loss_t_km2_a"]) for p in parcels]
    assert all(v is None or math.isfinite(v) for v in losses)
    without = [p for p, v in zip(parcels, losses) if v is None]
    assert 0 < len(without) < 40
    assert all(num(p["erosion_class"]) is None or str(p["erosion_class"]) in ("NULL", "") for p in without)
    assert sum(1 for v in losses if v is not None) == sum(
        1 for p in native_parcels if num(p["soil_loss_t_km2_a"]) is not None
    ) - len(without)


def damaged_deflate(dem: str, folder, seed: int) -> str:
    """A tiled DEFLATE copy of the DEM with 8000 random bytes over its middle (QGIS loads it: header and last
    row intact)."""
    path = folder / f"dem_damaged_{seed}.tif"
    with gdal_exceptions():
        gdal.Translate(str(path), dem, creationOptions=["COMPRESS=DEFLATE", "TILED=YES"])
    size = path.stat().st_size
    with path.open("r+b") as f:
        f.seek(size // 2)
        f.write(np.random.default_rng(seed).bytes(8000))
    return str(path)


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        (0, r"dem_damaged_0\.tif' looks damaged: 3341 cells hold 3324 different impossible elevations"),  # P-Q22
        (1, r"dem_damaged_1\.tif' exists but is not a readable raster: .*TIFFReadEncodedTile\(\) failed"),  # P-Q23
    ],
)
def test_a_dem_damaged_inside_is_refused_by_name_and_writes_nothing(dem, folder, outlet, tmp_path, seed, expected):
    """P-Q22 a tile decoding to random floats (was a 0.03 km² catchment, exit 0) and P-Q23 a tile GDAL cannot
    decode (was a traceback): the file named, nothing written."""
    path = damaged_deflate(dem, folder, seed)
    outs = {k: str(tmp_path / f"{k}.gpkg") for k in ("OUTPUT_WATERSHEDS", "OUTPUT_STREAMS", "OUTPUT_OUTLETS")}
    with pytest.raises(QgsProcessingException, match=expected) as err:
        delineate(path, outlet, **outs)
    assert "Traceback" not in str(err.value) and "RuntimeError" not in str(err.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_factor_raster_damaged_inside_is_refused_by_name(demo_dir, dem, folder, tmp_path):
    """P-Q24 an R raster with an undecodable tile: the file and GDAL's reason, no parcels written."""
    out = tmp_path / "parcels.gpkg"
    with pytest.raises(QgsProcessingException, match=r"dem_damaged_1\.tif' exists but is not a readable raster"):
        analyse(demo_dir, dem, R_RASTER=damaged_deflate(dem, folder, 1), OUTPUT_PARCELS=str(out))
    assert not out.exists()


def test_a_dem_in_millimetres_with_a_scale_factor_delineates_in_metres(dem, folder, outlet):
    """P-Q25 Int32 millimetres with GDAL scale 0.001: the native catchment and elevations in metres (the scale was
    ignored: elevations ×1000 — and refused as out of range now, had it no scale)."""
    path = folder / "dem_mm_scaled.tif"
    with gdal_exceptions():
        src = gdal.Open(dem)
        values = np.round(src.ReadAsArray().astype(np.float64) * 1000)
        out = gdal.GetDriverByName("GTiff").Create(str(path), values.shape[1], values.shape[0], 1, gdal.GDT_Int32)
        out.SetGeoTransform(src.GetGeoTransform())
        out.SetProjection(src.GetProjection())
        out.GetRasterBand(1).SetScale(0.001)
        out.GetRasterBand(1).WriteArray(values)
        out = None
    ws = watershed(delineate(str(path), outlet))
    native = watershed(delineate(dem, outlet))
    assert ws["elev_min_m"] == pytest.approx(native["elev_min_m"], abs=0.001)
    assert ws["area_km2"] == pytest.approx(native["area_km2"], rel=0.005)
    assert ws["channel_slope_pct"] == pytest.approx(native["channel_slope_pct"], rel=0.02)
