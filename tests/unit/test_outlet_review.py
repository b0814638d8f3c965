"""Outlet review (issue 15): the diagnosis of a snap on networks whose upstream areas are known exactly."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from sbplanner_plugin.core import outlet_review as review
from sbplanner_plugin.core.delineation import OutletInputs, delineate_outlets
from sbplanner_plugin.core.hydrology import condition, snap_outlets
from sbplanner_plugin.core.outlet_review import diagnose_snap, review_snaps, threshold_cells
from tests.unit.analytic import v_valley


def accumulate(ds: np.ndarray) -> np.ndarray:
    """Upstream cells (the cell included) of every cell of a small network (``ds[i] == i`` at pits)."""
    upa = np.zeros(ds.size, dtype=np.int64)
    for i in range(ds.size):
        j = i
        while True:
            upa[j] += 1
            if ds[j] == j:
                break
            j = ds[j]
    return upa


def network(headwater: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A main stem 0 ← 1 ← … ← 9 (pit 0) with ``headwater`` more cells above cell 9 (30, 31 …); a tributary
    14 → … → 10 joining it at cell 5; a hillside cell 15 draining into 7; cells 16–19 lone pits; another
    catchment 22 → 21 → 20 (pit)."""
    n = 30 + headwater
    ds = np.arange(n)
    ds[1:10] = np.arange(0, 9)
    ds[10] = 5
    ds[11:15] = np.arange(10, 14)
    ds[15] = 7
    ds[21], ds[22] = 20, 21
    if headwater:
        ds[30] = 9
        ds[31:n] = np.arange(30, n - 1)
    return ds, accumulate(ds)


def test_the_network_has_the_areas_the_cases_rely_on() -> None:
    _ds, upa = network()
    assert [int(upa[i]) for i in (9, 8, 7, 6, 5, 4, 0)] == [1, 2, 4, 5, 11, 12, 16]
    assert [int(upa[i]) for i in (14, 11, 10, 15, 20)] == [1, 4, 5, 1, 3]
    _ds, upa = network(headwater=20)
    assert [int(upa[i]) for i in (9, 6, 5)] == [21, 25, 31]


@pytest.mark.parametrize(
    ("clicked", "snapped", "code", "channel", "steps"),
    [
        (5, 5, review.NOT_MOVED, 11, 0),
        (4, 2, review.ALONG_CHANNEL, 12, 2),  # already on the channel, slid two cells down it
        (15, 7, review.ONTO_CHANNEL, 4, 1),  # from the hillside onto the channel it drains to
        (8, 6, review.ONTO_CHANNEL, 4, 2),  # above the channel head: onto the channel below
        (11, 4, review.OTHER_CHANNEL, 4, 3),  # tributary (4 cells) → main stem below the confluence (12)
        (6, 3, review.OTHER_CHANNEL, 5, 3),  # two equal branches (5 + 5) meet: the catchment more than doubles
        (21, 5, review.CROSSED_RIDGE, 0, -1),  # another catchment: 21 drains to pit 20, never to 5
        (2, 12, review.CROSSED_RIDGE, 0, -1),  # the tributary is not downstream of the main stem
        (15, 15, review.TINY, 0, 0),  # a stray hillside click that found no channel
        (9, 8, review.TINY, 0, 1),  # moved, but still above the channel head
    ],
)
def test_diagnosis_on_a_river_with_a_tributary(clicked, snapped, code, channel, steps) -> None:
    ds, upa = network()
    check = diagnose_snap(ds, upa, clicked, snapped, channel_cells=3)
    assert check.code == code
    assert check.snapped_cells == upa[snapped]
    assert check.clicked_cells == upa[clicked]
    assert check.channel_cells == channel
    assert check.steps == steps
    assert check.is_problem == (code in (review.TINY, review.CROSSED_RIDGE, review.OTHER_CHANNEL))


def test_a_small_tributary_joining_a_large_river_is_still_the_same_channel() -> None:
    """Main stem of 25 cells at 6, a 5-cell tributary joins at 5: 32 cells at 4 is ×1.28 < 1.5, the same
    channel; from the tributary (4 cells) onto the river it is ×8, another channel."""
    ds, upa = network(headwater=20)
    assert diagnose_snap(ds, upa, 6, 4, channel_cells=3).code == review.ALONG_CHANNEL
    check = diagnose_snap(ds, upa, 11, 4, channel_cells=3)
    assert check.code == review.OTHER_CHANNEL
    assert check.snapped_cells / check.channel_cells == pytest.approx(32 / 4)


def test_inflow_below_the_threshold_is_not_another_channel() -> None:
    """With a threshold of 6 cells the 5-cell tributary is no channel: passing its mouth stays on the channel."""
    ds, upa = network()
    assert diagnose_snap(ds, upa, 11, 4, channel_cells=6).code == review.ONTO_CHANNEL  # enters the channel at 5
    assert diagnose_snap(ds, upa, 5, 2, channel_cells=6).code == review.ALONG_CHANNEL


def test_threshold_cells_counts_like_the_stream_mask() -> None:
    assert threshold_cells(0.1, 1e-4) == 1000  # 0.1 km² on 10 m cells
    assert threshold_cells(0.10001, 1e-4) == 1001
    assert threshold_cells(1e-9, 1e-4) == 1


ROWS, COLS, CELL = 41, 31, 10.0
CC = COLS // 2


def centre(grid, row: int, col: int) -> tuple[float, float]:
    x, y = grid.xy(np.array([row]), np.array([col]))
    return float(x[0]), float(y[0])


def test_review_on_a_v_valley() -> None:
    """On the V-valley every cell drains sideways to the axis, then down it; an axis cell at row r drains
    (r + 1) full rows. Clicks: on the axis one row above the bottom (slides one cell down), two cells
    beside the axis (onto it), and far up a side with a threshold of half the valley (no channel there)."""
    grid = v_valley(ROWS, COLS, CELL)
    model = condition(grid)
    points = [centre(grid, ROWS - 2, CC), centre(grid, 30, CC + 2), centre(grid, 5, 2)]
    x, y = map(np.array, zip(*points))
    snapped = snap_outlets(model, x, y, 3 * CELL)
    threshold_km2 = ROWS * COLS * CELL**2 / 1e6 / 2
    checks = review_snaps(model, snapped, threshold_km2)
    assert [c.code for c in checks] == [review.ALONG_CHANNEL, review.ONTO_CHANNEL, review.TINY]
    assert checks[0].snapped_cells == ROWS * COLS
    assert checks[1].clicked_cells == COLS - (CC + 2)  # a side cell drains the cells beyond it in its row
    assert checks[2].snapped_cells < threshold_cells(threshold_km2, grid.cell_area_km2)


def test_delineate_outlets_writes_the_review_and_the_snap_lines() -> None:
    grid = v_valley(ROWS, COLS, CELL)
    points = [centre(grid, ROWS - 2, CC), centre(grid, 30, CC + 2)]
    inputs = OutletInputs(
        grid, [shapely.to_wkb(shapely.Point(p)) for p in points], {"fixed": [None, 1]}, 1e-5, 3 * CELL
    )
    out = delineate_outlets(inputs)
    first, second = (attrs for _g, attrs in out.outlets)
    assert first["snap_check"] == review.ALONG_CHANNEL
    assert first["fixed"] == 0
    assert first["snap_distance_m"] == pytest.approx(CELL)
    # the fixed outlet stays in its side cell (the threshold of 1e-5 km² makes every cell a channel cell)
    assert second["fixed"] == 1
    assert second["snap_distance_m"] == pytest.approx(0.0)
    assert second["snap_check"] == review.NOT_MOVED
    assert second["uparea_km2"] == pytest.approx((COLS - (CC + 2)) * CELL**2 / 1e6)
    assert second["stream_threshold_km2"] == pytest.approx(1e-5)
    # one snap line, from the clicked to the snapped point of the outlet that moved
    assert len(out.snap_lines) == 1
    line, attrs = out.snap_lines[0]
    assert attrs["outlet_id"] == 1
    assert list(line.coords) == [points[0], centre(grid, ROWS - 1, CC)]
