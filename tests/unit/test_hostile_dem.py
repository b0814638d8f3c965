"""Hostile DEMs read without QGIS (issue 13, helper P): every odd projection, geotransform and cell value
is honoured, converted or refused by name — never read silently wrong.

Each hostile DEM is built here from the bundled Youwuzhen 10 m DEM (381 × 294 cells, 11.2014 km²) with
GDAL: warped to WGS 84 and moved (past 180°, to 0–360° longitudes, to the polar caps), relabelled (another
CRS on the same numbers), rotated, flipped, or with cells overwritten. A footprint is compared with the
same DEM projected by hand to a local Lambert azimuthal equal-area CRS (true areas), within 0.5 %.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from osgeo import gdal, osr

from sbplanner_plugin.adapters.gdal_errors import gdal_exceptions
from sbplanner_plugin.adapters.raster import (
    DemCellSizeError,
    DemNotLonLatError,
    projected_crs_for,
    read_dem,
    resample_to_grid,
    resample_to_grid_counted,
)
from sbplanner_plugin.core.errors import DemNotInMetresError, DemWithoutCrsError
from sbplanner_plugin.core.grid import Grid

LAT_NOW, LON_NOW = 25.68, 116.4  # Youwuzhen, Changting county, Fujian (centre of the DEM in WGS 84)


@pytest.fixture(scope="module")
def dem(demo_dir) -> str:
    return str(demo_dir / "ywzdem10m.tif")


@pytest.fixture(scope="module")
def geo_dem(tmp_path_factory, dem) -> str:
    """The demo DEM warped to WGS 84 (terrain unchanged, cells in degrees)."""
    path = tmp_path_factory.mktemp("geo") / "dem_wgs84.tif"
    with gdal_exceptions():
        gdal.Warp(str(path), dem, dstSRS="EPSG:4326", resampleAlg="bilinear")
    return str(path)


def moved(geo_dem: str, folder, lon: float = LON_NOW, lat: float = LAT_NOW) -> str:
    """A copy of the WGS 84 DEM whose centre is moved to (lon, lat): the same cells, other coordinates."""
    path = folder / f"dem_{lon:g}_{lat:g}.tif"
    with gdal_exceptions():
        gdal.Translate(str(path), geo_dem)
        ds = gdal.Open(str(path), gdal.GA_Update)
        gt = list(ds.GetGeoTransform())
        gt[0] += lon - LON_NOW
        gt[3] += lat - LAT_NOW
        ds.SetGeoTransform(gt)
        ds = None
    return str(path)


def laea_area_km2(path: str, lon: float, lat: float) -> float:
    """The valid area of a geographic DEM projected by hand to a Lambert azimuthal equal-area CRS centred on it."""
    laea = f"+proj=laea +lat_0={lat} +lon_0={((lon + 180) % 360) - 180} +datum=WGS84 +units=m"
    with gdal_exceptions():
        ds = gdal.Warp("", path, format="MEM", dstSRS=laea, resampleAlg="bilinear", xRes=2.0, yRes=2.0)
        band = ds.GetRasterBand(1)
        values = band.ReadAsArray()
        nodata = band.GetNoDataValue()
    valid = np.isfinite(values) & (values != nodata if nodata is not None else True)
    return float(valid.sum()) * 4.0 / 1e6


def area_km2(grid: Grid) -> float:
    return float(grid.valid.sum()) * grid.cell_area_km2


def epsg(grid: Grid) -> str:
    srs = osr.SpatialReference()
    srs.ImportFromWkt(grid.crs_wkt)
    return srs.GetAuthorityCode(None)


def write(path, values: np.ndarray, gt, crs: str, nodata=None, dtype=gdal.GDT_Float32) -> str:
    with gdal_exceptions():
        ds = gdal.GetDriverByName("GTiff").Create(str(path), values.shape[1], values.shape[0], 1, dtype)
        ds.SetGeoTransform(list(gt))
        if crs:
            srs = osr.SpatialReference()
            srs.SetFromUserInput(crs)
            ds.SetProjection(srs.ExportToWkt())
        if nodata is not None:
            ds.GetRasterBand(1).SetNoDataValue(nodata)
        ds.GetRasterBand(1).WriteArray(values)
        ds = None
    return str(path)


def demo_values(dem: str) -> tuple[np.ndarray, tuple]:
    with gdal_exceptions():
        ds = gdal.Open(dem)
        return ds.ReadAsArray().astype(np.float32), ds.GetGeoTransform()


# -- projections --------------------------------------------------------------------------------------


def test_projected_crs_is_metric_and_never_polar_anywhere():
    """P-U1 every (lon, lat) on a 7.5° grid, longitudes −720…720: a metre CRS, UTM/GK, never UPS."""
    with gdal_exceptions():
        for lon in np.arange(-720.0, 720.1, 7.5):
            for lat in np.arange(-89.5, 89.6, 7.5):
                srs = projected_crs_for(lon, lat)
                code = int(srs.GetAuthorityCode(None))
                assert srs.GetLinearUnits() == 1.0, (lon, lat)
                assert code not in (32661, 32761), (lon, lat)
                assert 32601 <= code <= 32760 or 4534 <= code <= 4554, (lon, lat, code)


@pytest.mark.parametrize(
    ("lon", "lat", "expected"),
    [
        (180.5, -17.0, "32701"),  # P-U2 just east of 180° (Fiji): UTM 1 S — it was the polar UPS
        (243.6, 34.0, "32611"),  # P-U3 0–360° longitude of California: UTM 11 N — it was a US-feet zone
        (LON_NOW, 84.5, "32650"),  # P-U4 beyond UTM's 84°N: still UTM (UPS lost the catchment)
        (LON_NOW, -80.5, "32750"),  # P-U5 beyond 80°S
    ],
)
def test_geographic_dem_moved_keeps_its_true_area(geo_dem, tmp_path, lon, lat, expected):
    path = moved(geo_dem, tmp_path, lon, lat)
    grid, info = read_dem(path)
    assert info.reprojected and epsg(grid) == expected
    assert area_km2(grid) == pytest.approx(laea_area_km2(path, lon, lat), rel=0.005)


def test_geographic_dem_in_grads_from_paris_gets_its_zone_and_area(dem, geo_dem, tmp_path):
    """P-U6 NTF (Paris) in grads: CM 117°E and the WGS 84 copy's area (it took 126.8 grads as 126.8°E)."""
    grads = tmp_path / "dem_ntf_paris_grads.tif"
    with gdal_exceptions():
        gdal.Warp(str(grads), dem, dstSRS="EPSG:4807", resampleAlg="bilinear")
    grid, _ = read_dem(str(grads))
    reference, _ = read_dem(geo_dem)
    assert epsg(grid) == epsg(reference) == "4548"  # CGCS2000 3° GK CM 117°E
    assert grid.cell_size_m == pytest.approx(reference.cell_size_m, abs=0.15)
    assert area_km2(grid) == pytest.approx(area_km2(reference), rel=0.005)


def test_projected_coordinates_under_a_geographic_label_are_refused(dem, tmp_path):
    """P-U7 the Gauss-Krüger numbers labelled EPSG:4326: a named error, not GDAL's 'failed to transform'."""
    path = tmp_path / "dem_labelled_4326.tif"
    with gdal_exceptions():
        gdal.Translate(str(path), dem, outputSRS="EPSG:4326")
    with pytest.raises(DemNotLonLatError, match=r"geographic \(WGS 84\).*no longitude and latitude"):
        read_dem(str(path))


def test_degrees_under_a_metric_label_are_refused(geo_dem, tmp_path):
    """P-U8 a WGS 84 grid labelled UTM 50N: cells of 0.0001 'm' — it delineated nothing ('outlet outside')."""
    path = tmp_path / "dem_degrees_as_utm.tif"
    with gdal_exceptions():
        gdal.Translate(str(path), geo_dem, outputSRS="EPSG:32650")
    with pytest.raises(DemCellSizeError, match=r"9\.6\de-05 m wide in WGS 84 / UTM zone 50N.*degrees"):
        read_dem(str(path))


@pytest.mark.parametrize(("crs", "unit"), [("EPSG:2227", "US survey foot"), ("EPSG:2252", "foot")])
def test_dem_in_feet_is_refused_with_its_unit(dem, tmp_path, crs, unit):
    """P-U9 a projected CRS in US survey feet or international feet: refused naming the unit."""
    path = tmp_path / "dem_feet.tif"
    with gdal_exceptions():
        gdal.Translate(str(path), dem, outputSRS=crs)
    with pytest.raises(DemNotInMetresError) as info:
        read_dem(str(path))
    assert info.value.params["unit"] == unit and "0.3048" in str(info.value)


def test_elevations_in_us_feet_of_a_compound_crs_are_converted(dem, tmp_path):
    """P-U10 a compound CRS whose vertical unit is the US foot: elevations × 0.3048006 (were taken as metres)."""
    path = tmp_path / "dem_vertical_ftus.tif"
    with gdal_exceptions():
        gdal.Translate(str(path), dem, outputSRS="EPSG:2415+6360")
    native, _ = read_dem(dem)
    grid, info = read_dem(str(path))
    assert info.vertical_unit == "US survey foot" and info.vertical_metres == pytest.approx(0.3048006)
    assert np.nanmax(grid.values) == pytest.approx(np.nanmax(native.values) * 0.3048006, rel=1e-6)
    assert epsg(grid) == "2415"  # the grid keeps the horizontal CRS: its elevations are metres now
    assert grid.transform == native.transform


def test_dem_without_crs_is_refused(dem, tmp_path):
    """P-U11 no CRS at all: the named error (already handled)."""
    values, gt = demo_values(dem)
    with pytest.raises(DemWithoutCrsError):
        read_dem(write(tmp_path / "dem_no_crs.tif", values, gt, ""))


# -- geotransforms ------------------------------------------------------------------------------------


@pytest.mark.parametrize("flip", ["south-up", "east-to-west", "both"])
def test_a_flipped_grid_is_turned_north_up_without_resampling(dem, tmp_path, flip):
    """P-U12 dy > 0 and/or dx < 0 (the same cells, mirrored storage): exactly the native grid, flagged."""
    native, _ = read_dem(dem)
    values, (x0, dx, _, y0, _, dy) = demo_values(dem)
    rows, cols = values.shape
    if flip in ("south-up", "both"):
        values, y0, dy = values[::-1], y0 + dy * rows, -dy
    if flip in ("east-to-west", "both"):
        values, x0, dx = values[:, ::-1], x0 + dx * cols, -dx
    grid, info = read_dem(write(tmp_path / "dem_flipped.tif", np.ascontiguousarray(values), (x0, dx, 0, y0, 0, dy), "EPSG:2415"))  # fmt: skip  # noqa: E501
    assert info.flipped and not info.rotated
    assert grid.transform == pytest.approx(native.transform)
    np.testing.assert_array_equal(grid.values, native.values)


def test_a_rotated_grid_over_the_same_terrain_keeps_area_and_relief(dem, tmp_path):
    """P-U13 the terrain resampled into a 20°-rotated geotransform: read north-up, same area within 0.5 %."""
    native, _ = read_dem(dem)
    angle = math.radians(20.0)
    rows, cols = native.shape
    cx, cy = native.transform[0] + 5.0 * cols, native.transform[3] - 5.0 * rows
    a, b = 10 * math.cos(angle), 10 * math.sin(angle)
    n = 500  # a 5 km frame, centred on the DEM, holds the whole 3.8 × 2.9 km DEM at any angle
    gt = [cx - n / 2 * (a + b), a, b, cy - n / 2 * (b - a), b, -a]
    cols = rows = n
    path = tmp_path / "dem_rotated.tif"
    with gdal_exceptions():
        out = gdal.GetDriverByName("GTiff").Create(str(path), cols, rows, 1, gdal.GDT_Float32)
        out.SetGeoTransform(gt)
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(2415)
        out.SetProjection(srs.ExportToWkt())
        out.GetRasterBand(1).SetNoDataValue(-9999.0)
        gdal.Warp(out, dem, resampleAlg="bilinear", dstNodata=-9999.0)
        out = None
    grid, info = read_dem(str(path))
    assert info.rotated and grid.transform[2] == 0.0 and grid.transform[4] == 0.0
    assert area_km2(grid) == pytest.approx(area_km2(native), rel=0.005)
    assert np.nanmax(grid.values) == pytest.approx(np.nanmax(native.values), abs=2.0)
    assert np.nanmin(grid.values) == pytest.approx(np.nanmin(native.values), abs=2.0)


# -- cell values --------------------------------------------------------------------------------------


def block(dem: str, value: float, dtype=np.float32) -> tuple[np.ndarray, tuple]:
    values, gt = demo_values(dem)
    values = values.astype(dtype)
    values[100:120, 150:175] = value  # 500 cells under parcels, inside the catchment
    return values, gt


@pytest.mark.parametrize("value", [np.inf, -np.inf])
def test_infinite_cells_of_a_float64_dem_are_nodata_and_counted(dem, tmp_path, value):
    """P-U14 ±inf in a Float64 DEM: nodata, 500 counted (elevation/relief were NULL)."""
    values, gt = block(dem, value, np.float64)
    grid, info = read_dem(write(tmp_path / "dem_inf.tif", values, gt, "EPSG:2415", dtype=gdal.GDT_Float64))
    assert info.infinite_cells == 500 and int((~grid.valid).sum()) == 500
    assert np.isfinite(grid.values[grid.valid]).all()


def test_nan_cells_without_a_nan_nodata_value_are_counted(dem, tmp_path):
    """P-U15 NaN cells in a DEM whose nodata value is −3.4e38: nodata, and the 500 are counted."""
    values, gt = block(dem, np.nan)
    grid, info = read_dem(write(tmp_path / "dem_nan.tif", values, gt, "EPSG:2415", nodata=-3.4028234663852886e38))
    assert info.nan_cells == 500 and info.infinite_cells == 0 and info.implausible_cells == 0
    assert int((~grid.valid).sum()) == 500


def test_nan_as_the_declared_nodata_value_is_not_reported(dem, tmp_path):
    """P-U16 NaN cells when NaN is the nodata value: nodata, nothing to report (control case)."""
    values, gt = block(dem, np.nan)
    grid, info = read_dem(write(tmp_path / "dem_nan_nodata.tif", values, gt, "EPSG:2415", nodata=float("nan")))
    assert info.nan_cells == 0 and int((~grid.valid).sum()) == 500


@pytest.mark.parametrize(
    ("value", "dtype", "gdal_type"),
    [
        (-9999.0, np.float32, gdal.GDT_Float32),
        (-3.4028234663852886e38, np.float32, gdal.GDT_Float32),
        (-32768, np.int16, gdal.GDT_Int16),
        (32767, np.int16, gdal.GDT_Int16),
    ],
)
def test_unflagged_nodata_values_are_nodata_and_counted(dem, tmp_path, value, dtype, gdal_type):
    """P-U17 −9999 / −3.4e38 / ±32767 without a nodata flag: they were valid elevations (slopes of 80°)."""
    values, gt = block(dem, value, dtype)
    grid, info = read_dem(write(tmp_path / "dem_unflagged.tif", values, gt, "EPSG:2415", dtype=gdal_type))
    assert info.implausible_cells == 500
    assert info.implausible_value == pytest.approx(float(np.asarray(value, dtype=dtype)), rel=1e-6)
    assert int((~grid.valid).sum()) == 500
    assert np.nanmin(grid.values) > 250.0 and np.nanmax(grid.values) < 600.0


def test_a_dem_of_nothing_but_inf_has_no_valid_cell(dem, tmp_path):
    """P-U18 every cell +inf: all nodata, all counted (the core then refuses an all-nodata DEM)."""
    values, gt = demo_values(dem)
    grid, info = read_dem(write(tmp_path / "dem_all_inf.tif", np.full_like(values, np.inf), gt, "EPSG:2415"))
    assert info.infinite_cells == values.size and not grid.valid.any()


@pytest.mark.parametrize("value", [np.inf, -np.inf, 1e300])
def test_a_factor_raster_with_infinite_cells_gives_nodata_and_a_count(dem, tmp_path, value):
    """P-U19 an R/K raster with ±inf (or 1e300, inf as Float32): NaN on the grid, counted — never an inf factor."""
    native, _ = read_dem(dem)
    values, gt = demo_values(dem)
    factor = np.full(values.shape, 7000.0, dtype=np.float64)
    factor[100:120, 150:175] = value
    path = write(tmp_path / "r_factor.tif", factor, gt, "EPSG:2415", dtype=gdal.GDT_Float64)
    with gdal_exceptions():  # 1e300 as a Float32 raster is inf: what a 'R = 1e300' raster holds
        gdal.Translate(str(tmp_path / "r_factor32.tif"), path, outputType=gdal.GDT_Float32)
    for source in (path, str(tmp_path / "r_factor32.tif")):
        out, infinite = resample_to_grid_counted(source, native)
        assert np.isfinite(out[np.isfinite(out)]).all() and not np.isinf(out).any()
        if value == 1e300 and source == path:  # a finite Float64 value: kept (its size is another check's)
            assert infinite == 0
            continue
        assert infinite >= 500  # the 500 cells, and the bilinear neighbours they reach
        assert np.isnan(out[100:120, 150:175]).all()
        assert np.count_nonzero(out == 7000.0) >= values.size - 700
    assert not np.isinf(resample_to_grid(str(tmp_path / "r_factor32.tif"), native)).any()


# -- damaged files that GDAL opens --------------------------------------------------------------------


def damaged_deflate(dem: str, folder, seed: int) -> str:
    """A tiled DEFLATE copy of the DEM with 8000 random bytes written over its middle: the header and the last
    row read fine (so QGIS loads it and the input check passes)."""
    path = folder / f"dem_damaged_{seed}.tif"
    with gdal_exceptions():
        gdal.Translate(str(path), dem, creationOptions=["COMPRESS=DEFLATE", "TILED=YES"])
    size = path.stat().st_size
    with path.open("r+b") as f:
        f.seek(size // 2)
        f.write(np.random.default_rng(seed).bytes(8000))
    return str(path)


def test_a_damaged_tile_that_decodes_to_random_floats_is_refused(dem, tmp_path):
    """P-U20 corrupt DEFLATE data that decodes without any GDAL error: 3341 cells of 3324 different impossible
    values — DemDamagedError naming the file (it delineated 0.03 km² instead of 5.39, silently)."""
    from sbplanner_plugin.adapters.raster import DemDamagedError

    # How many cells the random bytes spoil depends on where the compressed tiles fall in the file (zlib's
    # build, the tags GDAL writes): thousands of cells of nearly as many different values, never a handful.
    damaged = r"dem_damaged_0\.tif' looks damaged: \d+ cells hold \d+ different"
    with pytest.raises(DemDamagedError, match=damaged) as err:
        read_dem(damaged_deflate(dem, tmp_path, 0))
    cells, values = map(int, re.search(r"(\d+) cells hold (\d+) different", str(err.value)).groups())
    assert cells > 1000 and values > 0.9 * cells


def test_a_tile_that_cannot_be_decoded_names_the_file_and_gdal_s_reason(dem, tmp_path):
    """P-U21 corrupt DEFLATE data GDAL cannot decode, as a DEM and as a factor raster: the file and GDAL's reason
    (was a RuntimeError → traceback)."""
    from sbplanner_plugin.adapters.input_files import UnreadableRasterFileError

    native, _ = read_dem(dem)
    path = damaged_deflate(dem, tmp_path, 1)
    with pytest.raises(
        UnreadableRasterFileError,
        match=r"dem_damaged_1\.tif' exists but is not a readable raster: .*TIFFReadEncodedTile",
    ):
        read_dem(path)
    with pytest.raises(UnreadableRasterFileError, match=r"dem_damaged_1\.tif' exists but is not a readable raster"):
        resample_to_grid(path, native)


def test_a_block_of_one_repeated_impossible_value_is_nodata_not_damage(dem, tmp_path):
    """P-U22 8000 bytes of one repeated pattern in an uncompressed DEM (one float value, −1.7e38): taken as an
    unflagged nodata value (warning), not as damage."""
    path = tmp_path / "dem_pattern.tif"
    with gdal_exceptions():
        gdal.Translate(str(path), dem)
    # Write on a cell boundary of the image data (where the middle of the file falls depends on the tags GDAL
    # writes; half a cell off, the pattern decodes as 2.3e-38 m, a plausible 0 m).
    copy = gdal.Open(str(path))  # held while its band is used (a band outliving its dataset crashes GDAL)
    data_offset = int(copy.GetRasterBand(1).GetMetadataItem("BLOCK_OFFSET_0_0", "TIFF"))
    copy = None
    middle = data_offset + (path.stat().st_size // 2 - data_offset) // 4 * 4
    with path.open("r+b") as f:
        f.seek(middle)
        f.write(b"\x00\xff" * 8000)
    grid, info = read_dem(str(path))
    assert info.implausible_cells == 4000 and info.implausible_value == pytest.approx(-1.71465e38, rel=1e-4)
    assert np.nanmin(grid.values) > 250.0


# -- stored units -------------------------------------------------------------------------------------


def test_a_dem_stored_in_decimetres_with_a_scale_factor_is_read_in_metres(dem, tmp_path):
    """P-U23 Int16 decimetres with GDAL scale 0.1: metres (the scale was ignored: elevations ×10)."""
    values, gt = demo_values(dem)
    path = write(tmp_path / "dem_dm.tif", np.round(values * 10), gt, "EPSG:2415", dtype=gdal.GDT_Int16)
    with gdal_exceptions():
        ds = gdal.Open(path, gdal.GA_Update)
        ds.GetRasterBand(1).SetScale(0.1)
        ds.GetRasterBand(1).SetOffset(0.0)
        ds = None
    native, _ = read_dem(dem)
    grid, _ = read_dem(path)
    np.testing.assert_allclose(grid.values, native.values, atol=0.051)


def test_a_dem_in_centimetres_without_a_scale_factor_is_refused(dem, tmp_path):
    """P-U24 centimetres stored as plain Int32 (27122…55653): DemElevationRangeError asking for the unit."""
    from sbplanner_plugin.adapters.raster import DemElevationRangeError

    values, gt = demo_values(dem)
    path = write(tmp_path / "dem_cm.tif", np.round(values * 100), gt, "EPSG:2415", dtype=gdal.GDT_Int32)
    with pytest.raises(DemElevationRangeError, match=r"run from 27122 to 55653: no land surface .* centimetres"):
        read_dem(path)


def test_a_factor_raster_with_a_scale_factor_gives_its_real_values(dem, tmp_path):
    """P-U25 an R raster stored as Int16 700 with scale 10: R = 7000 on the grid (was 700: soil loss ÷10)."""
    native, _ = read_dem(dem)
    values, gt = demo_values(dem)
    path = write(tmp_path / "r_scaled.tif", np.full(values.shape, 700), gt, "EPSG:2415", dtype=gdal.GDT_Int16)
    with gdal_exceptions():
        ds = gdal.Open(path, gdal.GA_Update)
        ds.GetRasterBand(1).SetScale(10.0)
        ds = None
    assert np.nanmin(resample_to_grid(path, native)) == np.nanmax(resample_to_grid(path, native)) == 7000.0
