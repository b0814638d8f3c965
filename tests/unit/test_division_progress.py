"""Division progress and cancel (issue 14): every stage reports at bounded work intervals, and a cancel
request inside any stage stops the division there (CancelledError, no later stage runs)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from sbplanner_plugin.adapters.raster import read_dem
from sbplanner_plugin.core import division, label_kernels
from sbplanner_plugin.core.errors import CancelledError
from sbplanner_plugin.core.hydrology import condition, stream_mask, stream_segments

#: The division's own stages, in order (conditioning comes before them).
STAGES = ("micro-watersheds", "aggregating", "merging small units", "attributes", "channels")
CHUNK = 4096


@pytest.fixture(scope="module")
def youwuzhen(demo_dir):
    grid, _ = read_dem(str(demo_dir / "ywzdem10m.tif"))
    return grid, condition(grid)


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(label_kernels, "CHUNK_CELLS", CHUNK)
    monkeypatch.setattr(division, "MERGE_CHUNK_UNITS", 2)


def run(youwuzhen, progress):
    grid, model = youwuzhen
    return division.divide(grid, 0.1, 2.0, 0.3, conditioner=lambda g, p: model, progress=progress)


def test_every_stage_reports_increasing_fractions_at_bounded_intervals(youwuzhen, small_chunks) -> None:
    calls: list[tuple[float, str]] = []
    result = run(youwuzhen, lambda f, s: calls.append((f, s)) or False)
    assert len(result.table) == 11  # the same division as without progress (see test_division.py)
    stages = [s for _f, s in calls]
    order = list(dict.fromkeys(stages))
    assert order[-len(STAGES) - 1 :] == [*STAGES, "done"]
    fractions = [f for f, _s in calls]
    assert fractions == sorted(fractions)  # never goes back
    assert min(f for f, s in calls if s in STAGES) >= 0.5 and fractions[-1] == 1.0
    cells = youwuzhen[0].values.size
    passes = math.ceil(cells / CHUNK)  # chunks of one pass over the grid
    per_stage = {s: [f for f, t in calls if t == s] for s in STAGES}
    # aggregating relabels the grid in chunks, merging reads it twice (outlets, edges) and writes it twice,
    # attributes read it twice (outlets, sums); every chunk is followed by a progress call
    assert len(per_stage["aggregating"]) >= passes
    assert len(per_stage["merging small units"]) >= 4 * passes
    assert len(per_stage["attributes"]) >= 2 * passes
    assert len(per_stage["micro-watersheds"]) >= 3 and len(per_stage["channels"]) >= 4
    for s, fs in per_stage.items():
        lo, hi = fs[0], fs[-1]
        assert hi > lo, s  # the fraction moves inside the stage
        assert len(set(fs)) >= min(len(fs), 3), s


@pytest.mark.parametrize("stage", STAGES)
def test_cancel_inside_a_stage_stops_there(youwuzhen, small_chunks, stage) -> None:
    seen: list[str] = []

    def progress(fraction: float, name: str) -> bool:
        seen.append(name)
        return name == stage and seen.count(stage) == 2  # the second call: inside the stage

    with pytest.raises(CancelledError):
        run(youwuzhen, progress)
    assert seen[-1] == stage and seen.count(stage) == 2  # nothing after the cancelled call
    later = STAGES[STAGES.index(stage) + 1 :]
    assert not {*later, "done"} & set(seen)


def test_unit_attributes_and_reaches_report_and_can_stop(youwuzhen, small_chunks) -> None:
    grid, model = youwuzhen
    streams = stream_mask(model, 0.1)
    calls: list[float] = []
    segs = stream_segments(model, streams, progress=calls.append)
    assert len(segs) > 10 and calls == sorted(calls) and len(calls) >= 4 and calls[-1] <= 1.0

    def stop(fraction: float) -> None:
        raise CancelledError()

    with pytest.raises(CancelledError):
        stream_segments(model, streams, progress=stop)
    labels = np.where(grid.valid, 1, 0).astype(np.int32)
    fractions: list[float] = []
    from sbplanner_plugin.core.grid import horn_slope_deg
    from sbplanner_plugin.core.morphometry import unit_attributes

    idx = int(np.argmax(np.where(grid.valid.ravel(), model.uparea_cells, -1)))
    table = unit_attributes(model, labels, {1: idx}, streams, horn_slope_deg(grid), 0.1, progress=fractions.append)
    assert table.loc[1, "area_km2"] == pytest.approx(grid.valid.sum() * grid.cell_area_km2)
    assert len(fractions) >= math.ceil(grid.values.size / CHUNK) and fractions == sorted(fractions)
