"""The one-pass conditioning (fill + D8 + network order) against pyflwdir and brute force."""

from __future__ import annotations

import numpy as np
import pytest
from pyflwdir import dem as pyflwdir_dem
from pyflwdir import streams as pyflwdir_streams

from sbplanner_plugin.core.flood import D8_CODE, priority_flood
from sbplanner_plugin.core.grid import Grid
from sbplanner_plugin.core.hydrology import condition
from tests.unit.analytic import CRS_WKT

DX, DY = 10.0, 12.0
OFFSETS = {int(D8_CODE[r, c]): (r - 1, c - 1) for r in range(3) for c in range(3) if (r, c) != (1, 1)}


def random_dem(seed: int, shape=(120, 90), holes: bool = True) -> np.ndarray:
    """Noisy hills with 0.1 m rounding (flats) and, optionally, nodata holes and a nodata corner."""
    rng = np.random.default_rng(seed)
    rows, cols = shape
    yy, xx = np.mgrid[0:rows, 0:cols]
    z = 50 + 0.2 * yy + 8 * np.sin(xx / 9.0) * np.cos(yy / 13.0) + rng.normal(0, 1.5, shape)
    z = np.round(z, 1).astype(np.float32)
    if holes:
        z[rng.random(shape) < 0.01] = np.nan
        z[:15, :20] = np.nan
        z[60:64, 40:70] = np.nan
    return z


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_filled_surface_equals_pyflwdirs(seed: int) -> None:
    z = random_dem(seed)
    _, _, filled = priority_flood(z, DX, DY, True)
    ref, _ = pyflwdir_dem.fill_depressions(z.copy(), outlets="edge", nodata=np.nan)
    assert np.array_equal(np.isnan(filled), np.isnan(z))
    # pyflwdir adds the depth to the cell (z + (spill - z)), which can differ from the spill by a float32 ulp
    np.testing.assert_allclose(filled, ref, rtol=0, atol=1e-4)
    assert np.nansum(filled - z) > 100  # the DEM really had depressions to fill
    valid = ~np.isnan(z)
    assert np.all(filled[valid] >= z[valid])


@pytest.mark.parametrize("seed", [0, 5])
def test_directions_are_steepest_descent_and_seq_is_topological(seed: int) -> None:
    z = random_dem(seed)
    d8, seq, filled = priority_flood(z, DX, DY, True)
    rows, cols = z.shape
    valid = ~np.isnan(z)
    assert np.all(d8[~valid] == 247)
    assert seq.size == valid.sum() and np.unique(seq).size == seq.size
    pos = np.full(z.size, -1)
    pos[seq] = np.arange(seq.size)
    diag = np.hypot(DX, DY)
    n_flat = 0
    for r in range(rows):
        for c in range(cols):
            if not valid[r, c]:
                continue
            best, best_off = 0.0, None
            for dr, dc in OFFSETS.values():
                rr, cc = r + dr, c + dc
                if 0 <= rr < rows and 0 <= cc < cols and valid[rr, cc] and filled[rr, cc] < filled[r, c]:
                    dist = diag if dr and dc else (DY if dr else DX)
                    grad = (filled[r, c] - filled[rr, cc]) / dist
                    if grad > best:
                        best, best_off = grad, (dr, dc)
            code = int(d8[r, c])
            if best_off is not None:
                assert OFFSETS[code] == best_off, (r, c)
            elif code != 0:
                n_flat += 1
                dr, dc = OFFSETS[code]
                assert filled[r + dr, c + dc] == filled[r, c]  # across a flat, never uphill
            if code != 0:
                dr, dc = OFFSETS[code]
                assert pos[(r + dr) * cols + c + dc] < pos[r * cols + c]  # downstream leaves the queue first
            else:  # a pit: only where flow leaves the valid area
                window = np.pad(valid, 1)[r : r + 3, c : c + 3]
                assert not window.all()
    assert n_flat > 50  # the 0.1 m rounding made flats, so the flat rule was exercised


def test_upstream_area_matches_pyflwdirs_accumulation() -> None:
    z = random_dem(7)
    grid = Grid(z, (0.0, DX, 0.0, 2000.0, 0.0, -DY), CRS_WKT)
    model = condition(grid)
    ref = pyflwdir_streams.accuflux(model.idxs_ds, model.seq, np.ones(z.size, dtype=np.int32), -9999)
    valid = ~np.isnan(z).ravel()
    np.testing.assert_array_equal(model.uparea_cells[valid], ref[valid])
    assert np.all(model.uparea_cells[~valid] == 0)
    assert model.uparea_cells[model.idxs_pit].sum() == valid.sum()  # every cell reaches exactly one pit


def test_too_large_dem_is_refused_with_a_message(monkeypatch) -> None:
    from sbplanner_plugin.core import errors, hydrology

    monkeypatch.setattr(hydrology, "MAX_FLOOD_CELLS", 100)
    grid = Grid(random_dem(1, (12, 9), holes=False), (0.0, DX, 0.0, 2000.0, 0.0, -DY), CRS_WKT)
    with pytest.raises(errors.DemTooLargeError) as err:
        condition(grid)
    assert "12 × 9 cells" in str(err.value) and "at most 100 cells" in str(err.value)


@pytest.mark.parametrize("stop_at", ["filling depressions", "flow accumulation"])
def test_condition_stops_when_progress_asks(stop_at: str) -> None:
    from sbplanner_plugin.core import errors

    grid = Grid(random_dem(2, (30, 20)), (0.0, DX, 0.0, 2000.0, 0.0, -DY), CRS_WKT)
    stages: list[str] = []

    def progress(fraction: float, stage: str) -> bool:
        stages.append(stage)
        return stage == stop_at

    with pytest.raises(errors.CancelledError):
        condition(grid, progress)
    assert stages[-1] == stop_at


# -- progress and cancel inside the flood (issue 14: cancel within 1 s in every stage) -----------------------
def test_a_watched_flood_gives_the_same_model_and_reports_rising_fractions() -> None:
    z = random_dem(5, shape=(700, 600))
    plain = priority_flood(z, DX, DY, True)
    fractions: list[float] = []
    watched = priority_flood(z, DX, DY, True, progress=lambda f: fractions.append(f) or False)
    for a, b in zip(plain, watched):
        np.testing.assert_array_equal(a, b)
    assert fractions == sorted(fractions) and all(0.0 <= f <= 1.0 for f in fractions)


def test_a_cancel_request_stops_the_flood_kernel_at_its_next_check() -> None:
    """The kernel reads the request every FLOOD_REPORT_CELLS cells: set before the start, it stops at the first
    check, having ordered exactly that many cells of the 420 000."""
    from sbplanner_plugin.core import flood

    z = random_dem(6, shape=(700, 600), holes=False)
    filled, d8 = flood._pad_and_seed(z)
    control = np.array([1, 0], dtype=np.int64)
    seq = flood._flood(filled, d8, 700, 600, DX, DY, control)
    assert seq.size == flood.FLOOD_REPORT_CELLS and control[1] == flood.FLOOD_REPORT_CELLS


def test_cancelling_during_the_flood_raises_cancelled(monkeypatch) -> None:
    from sbplanner_plugin.core import flood
    from sbplanner_plugin.core.errors import CancelledError

    monkeypatch.setattr(flood, "FLOOD_POLL_S", 0.0)  # ask at once, before the flood is done
    calls = []
    with pytest.raises(CancelledError):
        priority_flood(random_dem(7, shape=(900, 900)), DX, DY, False, progress=lambda f: calls.append(f) or True)
    assert len(calls) == 1  # asked once; the request reached the kernel, no further report


def test_condition_reports_the_flood_inside_filling_depressions() -> None:
    """condition()'s progress moves inside "filling depressions" (it jumped 0 → 0.6 across the whole flood)."""
    grid = Grid(random_dem(8, shape=(1500, 1500), holes=False), (0.0, DX, 0.0, 20000.0, 0.0, -DY), CRS_WKT)
    seen: list[tuple[float, str]] = []
    condition(grid, lambda f, s: seen.append((f, s)) or False)
    inside = [f for f, s in seen if s == "filling depressions"]
    assert inside[0] == 0.0 and inside == sorted(inside) and max(inside) <= 0.6
    assert [s for _, s in seen][-1] == "flow accumulation"
