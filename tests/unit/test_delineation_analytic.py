"""Delineation on an analytical V-valley: every attribute has an exact expected value."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely

from sbplanner_plugin.adapters.flow_cache import condition_dem
from sbplanner_plugin.core import errors
from sbplanner_plugin.core.delineation import OutletInputs, delineate, delineate_outlets, outlet_points
from sbplanner_plugin.core.grid import Grid, horn_slope_deg
from sbplanner_plugin.core.hydrology import snap_outlets
from tests.unit.analytic import CRS_WKT, v_valley

ROWS, COLS, CELL, SX, SY = 41, 31, 10.0, 0.3, 0.05
CC = COLS // 2


@pytest.fixture(scope="module")
def valley() -> Grid:
    return v_valley(ROWS, COLS, CELL, SX, SY)


def outlet_xy(grid: Grid, row: int, col: int) -> tuple[float, float]:
    x, y = grid.xy(np.array([row]), np.array([col]))
    return float(x[0]), float(y[0])


def test_v_valley_catchment_is_the_whole_grid(valley: Grid) -> None:
    x, y = outlet_xy(valley, ROWS - 1, CC)
    res = delineate(valley, [x], [y], stream_threshold_km2=1e-5)
    ws = res.watersheds[0]
    assert ws.mask.sum() == ROWS * COLS
    a = ws.attributes
    assert a["area_km2"] == pytest.approx(ROWS * COLS * CELL**2 / 1e6)
    assert a["perimeter_km"] == pytest.approx(2 * (ROWS + COLS) * CELL / 1e3)
    assert a["elev_min_m"] == pytest.approx(100.0)
    top = 100.0 + SY * CELL * (ROWS - 1) + SX * CELL * CC
    assert a["elev_max_m"] == pytest.approx(top)
    assert a["relief_m"] == pytest.approx(top - 100.0)


def test_v_valley_main_channel_runs_up_the_axis(valley: Grid) -> None:
    x, y = outlet_xy(valley, ROWS - 1, CC)
    # 20 cells: above any hillside cell (≤ 15 cells drain into one), below the top axis cell (31)
    a = delineate(valley, [x], [y], stream_threshold_km2=20 * CELL**2 / 1e6).watersheds[0].attributes
    assert a["channel_length_km"] == pytest.approx((ROWS - 1) * CELL / 1e3)
    assert a["channel_slope_pct"] == pytest.approx(SY * 100)
    # longest flow path: from a top corner sideways to the axis, then down the axis
    assert a["flow_path_length_km"] == pytest.approx((CC * CELL + (ROWS - 1) * CELL) / 1e3)
    area = ROWS * COLS * CELL**2 / 1e6
    assert a["form_factor"] == pytest.approx(area / a["flow_path_length_km"] ** 2)
    # only the axis is a channel at this threshold
    assert a["gully_density_km_per_km2"] == pytest.approx((ROWS - 1) * CELL / 1e3 / area)


def test_tiny_threshold_makes_every_cell_a_channel(valley: Grid) -> None:
    x, y = outlet_xy(valley, ROWS - 1, CC)
    a = delineate(valley, [x], [y], stream_threshold_km2=1e-5).watersheds[0].attributes
    # hillside cells step sideways to the axis, axis cells step down; the main channel climbs the
    # axis and then the hillside to the top corner
    channel_km = ((COLS - 1) * ROWS * CELL + (ROWS - 1) * CELL) / 1e3
    assert a["gully_density_km_per_km2"] == pytest.approx(channel_km / (ROWS * COLS * CELL**2 / 1e6))
    assert a["channel_length_km"] == pytest.approx(((ROWS - 1) + CC) * CELL / 1e3)


def test_v_valley_mean_slope(valley: Grid) -> None:
    slope = horn_slope_deg(valley)
    inner = slope[1:-1, 1:-1]
    axis = inner[:, CC - 1]
    off = np.delete(inner, CC - 1, axis=1)
    assert np.allclose(off, math.degrees(math.atan(math.hypot(SX, SY))), atol=1e-9)
    assert np.allclose(axis, math.degrees(math.atan(SY)), atol=1e-9)
    x, y = outlet_xy(valley, ROWS - 1, CC)
    a = delineate(valley, [x], [y], stream_threshold_km2=1e-5).watersheds[0].attributes
    assert a["slope_mean_deg"] == pytest.approx(float(np.nanmean(slope)))


def test_plane_slope_is_exact_away_from_edges() -> None:
    r, _c = np.mgrid[0:20, 0:25]
    z = 500 - math.tan(math.radians(15.0)) * 5.0 * r
    grid = Grid(z, (0.0, 5.0, 0.0, 0.0, 0.0, -5.0), CRS_WKT)
    assert np.allclose(horn_slope_deg(grid)[1:-1, 1:-1], 15.0, atol=1e-9)


def test_channel_stops_at_threshold(valley: Grid) -> None:
    x, y = outlet_xy(valley, ROWS - 1, CC)
    # axis cell at row r drains (r+1) full rows: threshold of 10.5 rows puts the head at row 10
    thr = 10.5 * COLS * CELL**2 / 1e6
    a = delineate(valley, [x], [y], stream_threshold_km2=thr).watersheds[0].attributes
    assert a["channel_length_km"] == pytest.approx((ROWS - 1 - 10) * CELL / 1e3)


def test_snapping_moves_to_highest_accumulation(valley: Grid) -> None:
    model = condition_dem(valley)
    x, y = outlet_xy(valley, ROWS - 1, CC + 2)
    snapped = snap_outlets(model, [x], [y], None)  # default 3 cells
    assert (snapped.row[0], snapped.col[0]) == (ROWS - 1, CC)
    assert snapped.distance_m[0] == pytest.approx(2 * CELL)
    assert snapped.uparea_km2[0] == pytest.approx(ROWS * COLS * CELL**2 / 1e6)
    near = snap_outlets(model, [x], [y], 5.0)  # too short to reach the axis: stays put
    assert (near.row[0], near.col[0]) == (ROWS - 1, CC + 2)


def test_nested_outlets_give_nested_full_catchments(valley: Grid) -> None:
    xs, ys = zip(outlet_xy(valley, ROWS - 1, CC), outlet_xy(valley, 20, CC))
    res = delineate(valley, xs, ys, stream_threshold_km2=1e-5, snap_distance_m=1.0)
    lower, upper = res.watersheds
    assert lower.mask.sum() == ROWS * COLS
    assert upper.mask.sum() == 21 * COLS
    assert np.all(lower.mask[upper.mask])


def test_nodata_hole_is_excluded(valley: Grid) -> None:
    values = valley.values.copy()
    values[5:8, 3:6] = np.nan
    grid = Grid(values, valley.transform, valley.crs_wkt)
    x, y = outlet_xy(grid, ROWS - 1, CC)
    ws = delineate(grid, [x], [y], stream_threshold_km2=1e-5).watersheds[0]
    assert not ws.mask[5:8, 3:6].any()
    assert ws.mask.sum() == ROWS * COLS - 9


@pytest.mark.parametrize(
    ("grid", "xy", "error"),
    [
        (Grid(np.full((5, 5), np.nan), (0, 10, 0, 50, 0, -10), CRS_WKT), ([25.0], [25.0]), errors.AllNodataDemError),
        (Grid(np.ones((5, 5)), (0, 10, 0, 50, 0, -10), ""), ([25.0], [25.0]), errors.DemWithoutCrsError),
        (Grid(np.ones((2, 5)), (0, 10, 0, 20, 0, -10), CRS_WKT), ([25.0], [15.0]), errors.DemTooSmallError),
        (v_valley(), ([0.0], [0.0]), errors.OutletOutsideDemError),
        (v_valley(), ([], []), errors.EmptyOutletsError),
    ],
)
def test_bad_inputs_raise_typed_errors(grid: Grid, xy, error) -> None:
    with pytest.raises(error):
        delineate(grid, *xy)


def test_error_messages_are_filled_in() -> None:
    err = errors.OutletOutsideDemError(outlet=2, x=1.0, y=2.0)
    assert "Outlet 2" in str(err)
    assert err.key == "outlet_outside_dem"


def test_flat_rounded_dem_has_no_flow_loops() -> None:
    """0.1 m rounding (like integer SRTM) makes big filled flats near zero elevation.

    Float32 rounding in the filled surface once let a steepest step and a flood step form
    loops (60 % of the cells of this DEM never reached an outlet); every valid cell must drain
    to exactly one outlet.
    """
    rng = np.random.default_rng(1)
    z = rng.normal(0, 3, (300, 300)).cumsum(0) * 0.05 + rng.normal(0, 1, (300, 300))
    grid = Grid(np.round(z, 1).astype(np.float32), (0.0, 10.0, 0.0, 3000.0, 0.0, -10.0), CRS_WKT)
    model = condition_dem(grid)
    assert model.seq.size == grid.values.size
    pits = model.idxs_pit
    assert model.uparea_cells[pits].sum() == grid.values.size


def test_mask_window_keeps_the_cells_and_their_coordinates(valley: Grid) -> None:
    from sbplanner_plugin.core.delineation import mask_window

    mask = np.zeros(valley.shape, dtype=bool)
    mask[5:9, 3:12] = True
    mask[7, 20] = True
    sub, window = mask_window(mask, valley)
    assert sub.shape == window.shape == (4, 18)
    assert sub.sum() == mask.sum()
    # the window's cell (0, 0) is the full grid's cell (5, 3): same centre coordinates
    np.testing.assert_allclose(window.xy(np.array([0]), np.array([17])), valley.xy(np.array([5]), np.array([20])))
    empty, _ = mask_window(np.zeros(valley.shape, dtype=bool), valley)
    assert empty.size == 0


# ------------------------------------------------------------------------------------------------
# the whole run on an outlet layer: core.delineation.delineate_outlets


def test_delineate_outlets_codes_topology_and_rows(valley: Grid) -> None:
    outlet = shapely.Point(outlet_xy(valley, ROWS - 1, CC))
    upper = shapely.MultiPoint([outlet_xy(valley, 20, CC), outlet_xy(valley, 10, CC)])  # two outlets, no code
    inputs = OutletInputs(
        valley,
        [shapely.to_wkb(outlet), shapely.to_wkb(upper)],
        {"id": [1, 2], "WS_CODE": [" HT01 ", None]},
        stream_threshold_km2=20 * CELL**2 / 1e6,
        snap_distance_m=1.0,
    )
    res = delineate_outlets(inputs)
    ws = res.watersheds
    assert [w["ws_code"] for w in ws] == ["HT01", "WS002", "WS003"]  # own code, else by position
    assert [w["outlet_id"] for w in ws] == [1, 2, 3]
    assert [w["downstream_code"] for w in ws] == [None, "HT01", "WS002"]  # the smallest holder downstream
    assert [w["area_km2"] for w in ws] == pytest.approx([r * COLS * CELL**2 / 1e6 for r in (ROWS, 21, 11)])
    # each watershed cropped to its rows (all columns), with the window's georeference
    assert [m.shape for m, _ in res.windows] == [(ROWS, COLS), (21, COLS), (11, COLS)]
    assert all(m.all() for m, _ in res.windows)
    assert res.windows[2][1].transform == valley.transform
    # one reach up the axis per watershed, carrying its code: 400, 200 and 100 m
    assert [(a["ws_code"], a["strahler"]) for _, a in res.streams] == [("HT01", 1), ("WS002", 1), ("WS003", 1)]
    assert [a["length_km"] for _, a in res.streams] == pytest.approx([0.4, 0.2, 0.1])
    assert [line.length for line, _ in res.streams] == pytest.approx([400.0, 200.0, 100.0])
    # snapped outlets: not moved, upstream area of their cell
    point, attrs = res.outlets[1]
    assert (point.x, point.y) == pytest.approx(outlet_xy(valley, 20, CC))
    assert attrs == {
        "outlet_id": 2,
        "ws_code": "WS002",
        "orig_x": pytest.approx(point.x),
        "orig_y": pytest.approx(point.y),
        "snap_distance_m": pytest.approx(0.0),
        "uparea_km2": pytest.approx(21 * COLS * CELL**2 / 1e6),
        # the review of the snap (core.outlet_review): on the axis channel, not moved
        "fixed": 0,
        "snap_check": "not_moved",
        "channel_uparea_km2": pytest.approx(21 * COLS * CELL**2 / 1e6),
        "stream_threshold_km2": pytest.approx(0.002),
    }


def test_outlet_codes_come_from_the_first_code_field_of_the_layer() -> None:
    wkb = [shapely.to_wkb(shapely.Point(1, 2)), shapely.to_wkb(shapely.MultiPoint([(3, 4), (5, 6)]))]
    x, y, codes = outlet_points(wkb, {"Name": ["a", 7.0], "ws_code": ["W1", "W2"]})
    assert x.tolist() == [1, 3, 5] and y.tolist() == [2, 4, 6]
    assert codes == ["a", "7", "7"]  # the layer's first candidate field (Name), 7.0 read as the code '7'
    assert outlet_points(wkb, {"id": [1, 2]})[2] == [None, None, None]


def test_delineate_outlets_without_points_is_a_typed_error(valley: Grid) -> None:
    with pytest.raises(errors.EmptyOutletsError):
        delineate_outlets(OutletInputs(valley, [], {}))
