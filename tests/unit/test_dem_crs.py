"""A DEM's coordinate system is honoured or refused, never silently misread (issue 13, projections).

Before: a geographic DEM just east of 180° was projected to the polar UPS (catchment 0.014 km²
instead of 5.7), one in 0–360° longitudes landed in a non-existent/foreign zone, a DEM in US feet
was taken as metres (58 km² instead of 5.4), a rotated geotransform was ignored and ±inf cells
counted as valid. Each case here uses the real Youwuzhen DEM moved or relabelled, and checks the
true footprint (3.81 km × 2.94 km) or a clear error.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from osgeo import gdal, osr

from sbplanner_plugin.adapters.gdal_errors import gdal_exceptions
from sbplanner_plugin.adapters.raster import normalised_lon, projected_crs_for, read_dem
from sbplanner_plugin.core.errors import DemNotInMetresError

FOOTPRINT_KM2 = 3.81 * 2.94


@pytest.mark.parametrize(
    ("lon", "lat", "epsg"),
    [
        (180.5, -17.0, "32701"),  # just east of the antimeridian (Fiji): UTM zone 1 S, not UPS
        (-179.5, -17.0, "32701"),
        (243.6, 34.0, "32611"),  # 0–360° longitude of California → UTM 11 N
        (-116.4, 34.0, "32611"),
        (10.0, 50.0, "32632"),
        (179.99, 10.0, "32660"),
        (116.4, 25.7, "4548"),  # Fujian: CGCS2000 3° GK zone, CM 117°E
        (476.4, 25.7, "4548"),  # the same point one turn further east
        (0.0, 89.0, "32631"),  # the polar caps too: UTM (UPS shrank areas by ~1 % and lost the catchment)
        (0.0, -85.0, "32731"),
    ],
)
def test_projected_crs_for_normalises_longitude_and_stays_metric(lon, lat, epsg):
    with gdal_exceptions():
        srs = projected_crs_for(lon, lat)
        assert srs.GetAuthorityCode(None) == epsg
        assert srs.GetLinearUnits() == 1.0


def test_normalised_lon():
    assert normalised_lon(180.5) == pytest.approx(-179.5)
    assert normalised_lon(243.6) == pytest.approx(-116.4)
    assert normalised_lon(-180.0) == -180.0
    assert normalised_lon(116.4) == pytest.approx(116.4)


def _geographic_copy(demo_dir, tmp_path, shift_lon: float = 0.0):
    """The demo DEM warped to WGS 84, then moved by ``shift_lon`` degrees (the terrain unchanged)."""
    geo = tmp_path / f"dem_wgs84_{shift_lon:g}.tif"
    with gdal_exceptions():
        gdal.Warp(str(geo), str(demo_dir / "ywzdem10m.tif"), dstSRS="EPSG:4326", resampleAlg="bilinear")
        if shift_lon:
            ds = gdal.Open(str(geo), gdal.GA_Update)
            gt = list(ds.GetGeoTransform())
            gt[0] += shift_lon
            ds.SetGeoTransform(gt)
            ds = None
    return geo


@pytest.mark.parametrize("target_lon", [180.5, 116.4 + 360.0])
def test_geographic_dem_past_180_or_in_0_360_keeps_its_true_size(demo_dir, tmp_path, target_lon):
    lon_now = 116.4  # Youwuzhen, Changting county, Fujian
    grid, info = read_dem(str(_geographic_copy(demo_dir, tmp_path, target_lon - lon_now)))
    assert info.reprojected
    assert grid.cell_size_m == pytest.approx(10, abs=1)
    assert grid.valid.sum() * grid.cell_area_km2 == pytest.approx(FOOTPRINT_KM2, rel=0.03)


def test_dem_in_us_feet_is_refused_with_its_unit(demo_dir, tmp_path):
    feet = tmp_path / "dem_ftus.tif"
    with gdal_exceptions():
        gdal.Translate(str(feet), str(demo_dir / "ywzdem10m.tif"), outputSRS="EPSG:2227")  # CA zone 3, ftUS
    with pytest.raises(DemNotInMetresError) as info:
        read_dem(str(feet))
    assert "US survey foot" in str(info.value)
    assert "0.3048" in str(info.value)


def test_rotated_geotransform_is_resampled_north_up(demo_dir, tmp_path):
    native, _ = read_dem(str(demo_dir / "ywzdem10m.tif"))
    rotated = tmp_path / "dem_rotated.tif"
    angle = math.radians(30.0)
    with gdal_exceptions():
        gdal.Translate(str(rotated), str(demo_dir / "ywzdem10m.tif"))
        ds = gdal.Open(str(rotated), gdal.GA_Update)
        x0, c, _, y0, _, _ = ds.GetGeoTransform()
        ds.SetGeoTransform(
            [x0, c * math.cos(angle), -c * math.sin(angle), y0, -c * math.sin(angle), -c * math.cos(angle)]
        )
        ds = None
    grid, info = read_dem(str(rotated))
    assert info.rotated and not info.reprojected
    assert grid.transform[2] == 0.0 and grid.transform[4] == 0.0
    assert grid.cell_size_m == pytest.approx(10.0)
    assert grid.valid.sum() * grid.cell_area_km2 == pytest.approx(native.valid.sum() * native.cell_area_km2, rel=0.01)
    assert np.nanmax(grid.values) == pytest.approx(np.nanmax(native.values), abs=2.0)


def test_infinite_cells_are_nodata_and_counted(tmp_path):
    path = tmp_path / "dem_inf.tif"
    values = np.arange(100, dtype=np.float32).reshape(10, 10)
    values[2, 3] = np.inf
    values[7, 7] = -np.inf
    with gdal_exceptions():
        ds = gdal.GetDriverByName("GTiff").Create(str(path), 10, 10, 1, gdal.GDT_Float32)
        ds.SetGeoTransform([500000.0, 10.0, 0.0, 2800000.0, 0.0, -10.0])
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(32650)
        ds.SetProjection(srs.ExportToWkt())
        ds.GetRasterBand(1).WriteArray(values)
        ds = None
    grid, info = read_dem(str(path))
    assert info.infinite_cells == 2
    assert np.isnan(grid.values[2, 3]) and np.isnan(grid.values[7, 7])
    assert int(grid.valid.sum()) == 98
    assert np.isfinite(grid.values[grid.valid]).all()


def test_an_unwritable_geotiff_is_a_named_error_not_a_runtime_error(tmp_path):
    from sbplanner_plugin.adapters.raster import RasterOutputError, write_geotiff
    from sbplanner_plugin.core.grid import Grid

    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder", encoding="utf-8")
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32650)
    grid = Grid(np.zeros((3, 3), dtype=np.float32), (500000.0, 10.0, 0.0, 2800000.0, 0.0, -10.0), srs.ExportToWkt())
    with pytest.raises(RasterOutputError, match=r"The raster output '.*out\.tif' cannot be written"):
        write_geotiff(str(blocker / "out.tif"), grid.values, grid)
