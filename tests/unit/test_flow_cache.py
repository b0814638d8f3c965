"""The conditioning cache (adapters.flow_cache): naming, reuse, background writes, eviction, failures."""

from __future__ import annotations

import logging
import os
import time

import numpy as np
import pytest

from sbplanner_plugin.adapters import flow_cache
from sbplanner_plugin.adapters.flow_cache import cached_conditioner, condition_dem
from sbplanner_plugin.core.delineation import delineate
from sbplanner_plugin.core.division import divide
from sbplanner_plugin.core.grid import Grid
from sbplanner_plugin.core.hydrology import condition
from tests.unit.analytic import CRS_WKT, v_valley
from tests.unit.test_priority_flood import DX, DY, random_dem

ROWS, COLS, CELL, SX, SY = 41, 31, 10.0, 0.3, 0.05


@pytest.fixture(scope="module")
def valley() -> Grid:
    return v_valley(ROWS, COLS, CELL, SX, SY)


def bumped(grid: Grid, by: float) -> Grid:
    """Another DEM (another cache key) of the same shape."""
    values = grid.values.copy()
    values[0, 0] += by
    return Grid(values, grid.transform, grid.crs_wkt)


def finish_writes() -> None:
    for thread in list(flow_cache._PENDING_WRITES.values()):
        thread.join()
    flow_cache._PENDING_WRITES.clear()


def entry(tmp_path, grid: Grid):
    return tmp_path / f"dem_{grid.fingerprint()}_v{flow_cache.CACHE_VERSION}.npz"


def test_cache_reuses_conditioning(valley: Grid, tmp_path) -> None:
    first = condition_dem(valley, tmp_path)
    second = condition_dem(Grid(valley.values.copy(), valley.transform, valley.crs_wkt), tmp_path)
    assert not first.from_cache
    assert second.from_cache
    assert np.array_equal(first.d8, second.d8)
    assert np.array_equal(first.uparea_cells, second.uparea_cells)
    changed = valley.values.copy()
    changed[0, 0] += 1.0
    assert not condition_dem(Grid(changed, valley.transform, valley.crs_wkt), tmp_path).from_cache


def test_cached_model_rebuilds_the_same_network(tmp_path) -> None:
    z = random_dem(3)
    grid = Grid(z, (0.0, DX, 0.0, 2000.0, 0.0, -DY), CRS_WKT)
    fresh = condition_dem(grid, tmp_path)
    cached = condition_dem(Grid(z.copy(), grid.transform, CRS_WKT), tmp_path)
    assert cached.from_cache and not fresh.from_cache
    np.testing.assert_array_equal(cached.d8, fresh.d8)
    np.testing.assert_array_equal(cached.idxs_ds, fresh.idxs_ds)
    pos = np.empty(z.size, dtype=np.int64)
    pos[cached.seq] = np.arange(cached.seq.size)
    inner = cached.seq[cached.idxs_ds[cached.seq] != cached.seq]
    assert np.all(pos[cached.idxs_ds[inner]] < pos[inner])


def test_entry_is_named_by_fingerprint_and_version_and_holds_the_model(valley: Grid, tmp_path) -> None:
    model = condition_dem(valley, tmp_path)
    finish_writes()
    assert [p.name for p in tmp_path.iterdir()] == [f"dem_{valley.fingerprint()}_v6.npz"]
    with np.load(entry(tmp_path, valley)) as data:
        assert sorted(data.files) == ["d8", "uparea_cells"]
        np.testing.assert_array_equal(data["d8"], model.d8)
        np.testing.assert_array_equal(data["uparea_cells"], model.uparea_cells)


def test_without_cache_dir_it_is_the_pure_conditioning(valley: Grid, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    model = condition_dem(valley)
    pure = condition(valley)
    assert not model.from_cache and not pure.from_cache
    np.testing.assert_array_equal(model.d8, pure.d8)
    np.testing.assert_array_equal(model.uparea_cells, pure.uparea_cells)
    assert list(tmp_path.iterdir()) == []


def test_a_hit_skips_the_conditioning_stages(valley: Grid, tmp_path) -> None:
    condition_dem(valley, tmp_path)
    stages: list[str] = []
    model = condition_dem(valley, tmp_path, lambda f, s: stages.append(s) or False)
    assert model.from_cache
    assert stages == []
    fresh_stages: list[str] = []
    condition_dem(bumped(valley, 2.0), tmp_path, lambda f, s: fresh_stages.append(s) or False)
    assert fresh_stages == ["filling depressions", "flow accumulation"]


def test_a_pending_background_write_is_awaited(valley: Grid, tmp_path, monkeypatch) -> None:
    store = flow_cache._store_cached

    def slow_store(path, model) -> None:
        time.sleep(0.3)
        store(path, model)

    monkeypatch.setattr(flow_cache, "_store_cached", slow_store)
    first = condition_dem(valley, tmp_path)
    assert not entry(tmp_path, valley).exists()  # the write is still running
    second = condition_dem(valley, tmp_path)
    assert not first.from_cache and second.from_cache


def test_least_recently_used_entries_are_evicted(valley: Grid, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(flow_cache, "CACHE_MAX_ENTRIES", 2)
    a, b, c = valley, bumped(valley, 1.0), bumped(valley, 2.0)
    condition_dem(a, tmp_path)
    finish_writes()
    os.utime(entry(tmp_path, a), (1000, 1000))
    condition_dem(b, tmp_path)
    finish_writes()
    os.utime(entry(tmp_path, b), (2000, 2000))
    assert condition_dem(a, tmp_path).from_cache  # a read refreshes a's mtime: b is now the oldest
    condition_dem(c, tmp_path)
    finish_writes()
    assert sorted(p.name for p in tmp_path.glob("dem_*.npz")) == sorted(entry(tmp_path, g).name for g in (a, c))


def test_an_unreadable_entry_is_recomputed_and_replaced(valley: Grid, tmp_path) -> None:
    entry(tmp_path, valley).write_bytes(b"not an npz")
    model = condition_dem(valley, tmp_path)
    assert not model.from_cache
    finish_writes()
    assert condition_dem(valley, tmp_path).from_cache
    assert not list(tmp_path.glob("*.part"))


def test_an_unwritable_cache_warns_and_never_fails_the_run(valley: Grid, tmp_path, caplog) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    with caplog.at_level(logging.WARNING, logger="sbplanner_plugin.adapters.flow_cache"):
        model = condition_dem(valley, not_a_folder)
        finish_writes()
    assert not model.from_cache and model.uparea_cells.max() == ROWS * COLS
    assert "Could not write the DEM conditioning cache" in caplog.text


def test_delineate_takes_the_cached_conditioner(valley: Grid, tmp_path) -> None:
    x, y = valley.xy(np.array([ROWS - 1]), np.array([COLS // 2]))
    stages: list[str] = []
    first = delineate(valley, x, y, stream_threshold_km2=1e-5, conditioner=cached_conditioner(tmp_path))
    second = delineate(valley, x, y, 1e-5, None, cached_conditioner(tmp_path), lambda f, s: stages.append(s) or False)
    assert not first.model.from_cache and second.model.from_cache
    assert first.watersheds[0].attributes["area_km2"] == second.watersheds[0].attributes["area_km2"]
    assert second.watersheds[0].mask.sum() == ROWS * COLS
    assert "filling depressions" not in stages and stages[-1] == "done"


def test_divide_conditions_the_clipped_dem_with_the_given_conditioner(valley: Grid) -> None:
    domain = np.zeros(valley.shape, dtype=bool)
    domain[10:, :] = True
    seen: list[Grid] = []

    def spy(grid: Grid, progress=None):
        seen.append(grid)
        return condition(grid, progress)

    res = divide(valley, 1e-4, max_area_km2=0.05, min_area_km2=0.0, domain=domain, conditioner=spy)
    assert len(seen) == 1
    np.testing.assert_array_equal(~np.isnan(seen[0].values), domain)
    assert res.model.grid is seen[0]
    assert (res.labels > 0).sum() == domain.sum()


def test_conditioning_in_background_gives_the_model_of_condition_dem_and_its_errors(tmp_path) -> None:
    """The future's model is the one condition_dem makes (same D8, upstream area, flow network), with the
    network arrays made on the worker thread; an error of the conditioning comes out of result()."""
    from sbplanner_plugin.adapters.flow_cache import condition_dem_in_background
    from sbplanner_plugin.core.errors import AllNodataDemError

    rng = np.random.default_rng(8)
    yy, xx = np.mgrid[0:40, 0:50]
    values = (100.0 + 0.5 * xx + 0.3 * yy + rng.uniform(0, 0.2, (40, 50))).astype(np.float32)
    grid = Grid(values, (500000.0, 10.0, 0.0, 3000000.0, 0.0, -10.0), CRS_WKT)
    model = condition_dem_in_background(grid, tmp_path / "cache").result(timeout=120)
    assert model._step_m is not None and model._seq is not None  # made on the worker thread
    want = condition_dem(grid, None)
    np.testing.assert_array_equal(model.d8, want.d8)
    np.testing.assert_array_equal(model.uparea_cells, want.uparea_cells)
    np.testing.assert_array_equal(model.seq, want.seq)
    np.testing.assert_array_equal(model.step_m, want.step_m)
    assert model.uparea_cells.max() > 100
    bad = Grid(np.full((5, 5), np.nan, dtype=np.float32), (500000.0, 10.0, 0.0, 3000000.0, 0.0, -10.0), CRS_WKT)
    with pytest.raises(AllNodataDemError):
        condition_dem_in_background(bad, None).result(timeout=60)
