"""Delineation on the real Youwuzhen watershed against the SEIMS reference answers."""

from __future__ import annotations

import numpy as np
import pytest
from osgeo import gdal

from sbplanner_plugin.adapters.raster import read_dem
from sbplanner_plugin.core.delineation import delineate

OUTLET = ([39444813.9], [2840490.8])  # outlet_beijing1954.shp, EPSG:2415

pytestmark = pytest.mark.demo


def reference_mask(demo_dir, dem_transform, shape) -> np.ndarray:
    """The SEIMS watershed (valid cells of SLOPEPOSITION.tif) on the 10 m DEM grid."""
    ds = gdal.Open(str(demo_dir / "SLOPEPOSITION.tif"))
    ref = ds.GetRasterBand(1).ReadAsArray() != ds.GetRasterBand(1).GetNoDataValue()
    gt = ds.GetGeoTransform()
    col0 = round((gt[0] - dem_transform[0]) / dem_transform[1])
    row0 = round((gt[3] - dem_transform[3]) / dem_transform[5])
    full = np.zeros(shape, dtype=bool)
    full[row0 : row0 + ref.shape[0], col0 : col0 + ref.shape[1]] = ref
    return full


def test_10m_catchment_matches_seims_mask(demo_dir, reference_answers) -> None:
    grid, _ = read_dem(str(demo_dir / "ywzdem10m.tif"))
    ws = delineate(grid, *OUTLET, stream_threshold_km2=0.1).watersheds[0]
    ref = reference_mask(demo_dir, grid.transform, grid.shape)
    expected = reference_answers["peer_mask_10m"]["cells"]
    assert ref.sum() == expected == 53933
    assert ws.mask.sum() == pytest.approx(expected, rel=0.01)
    iou = (ws.mask & ref).sum() / (ws.mask | ref).sum()
    assert iou >= 0.97
    assert ws.attributes["elev_min_m"] == pytest.approx(295.0, abs=0.05)
    assert ws.attributes["elev_max_m"] == pytest.approx(556.53, abs=0.05)
    # published mean slope 16.8° (method unstated); Horn on the 10 m DEM gives ~15.9°
    assert ws.attributes["slope_mean_deg"] == pytest.approx(16.8, abs=1.5)


@pytest.mark.parametrize("res", ["30", "5"])
def test_other_resolutions_give_the_published_area(demo_dir, reference_answers, res) -> None:
    grid, _ = read_dem(str(demo_dir / f"ywzdem{res}m.tif"))
    ws = delineate(grid, *OUTLET, stream_threshold_km2=0.1).watersheds[0]
    assert ws.attributes["area_km2"] == pytest.approx(reference_answers["published"]["area_km2"], rel=0.02)


#: A point on the main channel ~400 m above the outlet, between confluences (3.77 km² at 10 m):
#: re-gridding moves channels by a cell, so a test point must not sit next to a junction.
MID_CHANNEL = (39445043.9, 2840780.8)


def test_geographic_dem_is_reprojected_to_true_km2(demo_dir, tmp_path) -> None:
    native, _ = read_dem(str(demo_dir / "ywzdem10m.tif"))
    expected = delineate(native, [MID_CHANNEL[0]], [MID_CHANNEL[1]], 0.1).watersheds[0].attributes["area_km2"]
    assert expected == pytest.approx(3.77, abs=0.01)
    geo = tmp_path / "dem_wgs84.tif"
    gdal.Warp(str(geo), str(demo_dir / "ywzdem10m.tif"), dstSRS="EPSG:4326", resampleAlg="bilinear")
    grid, info = read_dem(str(geo))
    assert info.reprojected
    assert "CGCS2000" in info.note  # Fujian → the CGCS2000 3° GK zone, not UTM
    assert grid.cell_size_m == pytest.approx(10, abs=1)
    # the DEM's footprint keeps its true size (3.81 km × 2.94 km) within the warp's edge loss
    assert grid.valid.sum() * grid.cell_area_km2 == pytest.approx(3.81 * 2.94, rel=0.02)
    from osgeo import osr

    src, dst = osr.SpatialReference(), osr.SpatialReference()
    src.ImportFromEPSG(2415)
    dst.ImportFromWkt(grid.crs_wkt)
    for s in (src, dst):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    x, y, _ = osr.CoordinateTransformation(src, dst).TransformPoint(*MID_CHANNEL)
    ws = delineate(grid, [x], [y], stream_threshold_km2=0.1).watersheds[0]
    assert ws.attributes["area_km2"] == pytest.approx(expected, rel=0.02)


def test_catchment_fast_path_equals_the_per_label_attributes(demo_dir) -> None:
    """delineate's single-catchment attributes (cells only) = unit_attributes over the whole grid."""
    from sbplanner_plugin.core.grid import horn_slope_deg
    from sbplanner_plugin.core.hydrology import stream_mask
    from sbplanner_plugin.core.morphometry import unit_attributes

    grid, _ = read_dem(str(demo_dir / "ywzdem10m.tif"))
    res = delineate(grid, *OUTLET, stream_threshold_km2=0.1)
    ws, model = res.watersheds[0], res.model
    idx = int(res.snapped.idx[0])
    streams = stream_mask(model, 0.1, ws.mask)
    ref = unit_attributes(model, ws.mask.astype(np.int32), {1: idx}, streams, horn_slope_deg(grid), 0.1).loc[1]
    for name, value in ref.items():
        assert ws.attributes[name] == pytest.approx(value, rel=1e-9, abs=1e-9), name
    assert ws.attributes["channel_length_km"] > 3.0  # a real main channel was walked


def test_catchment_reaches_equal_the_whole_network_walk(demo_dir) -> None:
    """delineate orders Strahler on the catchment's channel cells only: same reaches as the full pass."""
    from sbplanner_plugin.core.hydrology import stream_mask, stream_segments

    grid, _ = read_dem(str(demo_dir / "ywzdem10m.tif"))
    res = delineate(grid, *OUTLET, stream_threshold_km2=0.05)
    ws = res.watersheds[0]
    full = stream_segments(res.model, stream_mask(res.model, 0.05, ws.mask))
    key = lambda seg: int(seg.idxs[0])  # noqa: E731
    assert [(key(s), s.strahler, s.length_m) for s in sorted(ws.segments, key=key)] == [
        (key(s), s.strahler, s.length_m) for s in sorted(full, key=key)
    ]
    assert max(s.strahler for s in full) >= 3
