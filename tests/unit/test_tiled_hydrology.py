"""Tiled filling, D8 directions and accumulation (issue 16) against the single-machine path, cell by cell.

Every comparison is ``np.array_equal`` (NaN = NaN for the filled surface), never approximate:
the filled surface, the D8 directions (flats included) and the upstream cells of the tiled path
are the single-machine path's. The flat rule is also checked against a brute-force statement of
it, and the accumulation on the single-machine directions on its own.
"""

from __future__ import annotations

from collections import deque

import numpy as np
import pytest

from sbplanner_plugin.core.flood import (
    D8_CODE,
    accumulate_cells,
    downstream_indices,
    order_down_up,
    priority_flood,
)
from sbplanner_plugin.core.tiled.driver import run_tiled

DX, DY = 10.0, 12.0
OFFSETS = [(-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1)]
CODE_OFFSET = {int(D8_CODE[dr + 1, dc + 1]): (dr, dc) for dr, dc in OFFSETS}


def single(dem: np.ndarray, dx: float = DX, dy: float = DY):
    """The single-machine path: filled surface, D8 codes and upstream cells."""
    d8, seq, filled = priority_flood(dem, dx, dy, True)
    upa = accumulate_cells(seq, downstream_indices(d8)).reshape(dem.shape)
    return filled, d8, upa


def random_dem(seed: int, shape: tuple[int, int], levels: int = 6, holes: float = 0.05) -> np.ndarray:
    """Coarsely rounded noise on a tilt: many pits and flats; nodata holes and a nodata corner."""
    rng = np.random.default_rng(seed)
    rows, cols = shape
    yy, xx = np.mgrid[0:rows, 0:cols]
    z = np.round(rng.random(shape) * levels + 0.05 * yy + 0.03 * xx).astype(np.float32)
    if holes:
        z[rng.random(shape) < holes] = np.nan
        z[: rows // 5, : cols // 4] = np.nan
    return z


def plateau_dem(shape: tuple[int, int]) -> np.ndarray:
    """A large flat plateau and a filled lake draining through one channel, all crossing many tiles."""
    rows, cols = shape
    yy, xx = np.mgrid[0:rows, 0:cols]
    z = np.full(shape, 100.0, dtype=np.float32)
    z[(yy - rows / 2) ** 2 + (xx - cols / 2) ** 2 < (min(shape) / 3) ** 2] = 90.0  # a lake: filled to 100
    z[rows // 2, : cols // 2] = 99.0 - 0.01 * (cols // 2 - xx[rows // 2, : cols // 2])  # a channel to the west edge
    z[:, -3:] = 101.0 + yy[:, -3:]  # a ramp along the east edge
    z[0, :] = 105.0  # a rim on the north edge: the plateau spills only through the channel or the south edge
    return z.astype(np.float32)


def assert_identical(dem: np.ndarray, tile) -> None:
    filled, d8, upa = single(dem)
    tiled = run_tiled(dem, tile, DX, DY)
    assert np.array_equal(tiled.filled, filled, equal_nan=True)
    assert np.array_equal(tiled.d8, d8)
    assert np.array_equal(tiled.uparea_cells, upa)
    # the accumulation stages alone, on the single-machine directions
    assert np.array_equal(run_tiled(dem, tile, DX, DY, d8=d8).uparea_cells, upa)


SIZES_AND_TILES = [
    ((1, 1), 1),
    ((1, 37), 5),
    ((37, 1), 4),
    ((23, 31), 7),
    ((40, 40), 13),
    ((64, 50), 16),
    ((50, 64), 1),
]


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize(("shape", "tile"), SIZES_AND_TILES)
def test_fill_directions_and_accumulation_match_the_single_machine_path(seed, shape, tile) -> None:
    assert_identical(random_dem(seed, shape), tile)


@pytest.mark.parametrize("tile", [1, 2, 9, (5, 11), 64])
def test_tile_sizes_that_do_not_divide_leave_one_cell_wide_last_tiles(tile) -> None:
    dem = random_dem(11, (46, 55))  # 46 = 5·9 + 1, 55 = 6·9 + 1: the last tiles are one cell wide for tile 9
    assert_identical(dem, tile)


def test_large_flats_and_channels_cut_by_tile_edges() -> None:
    dem = plateau_dem((90, 70))
    filled, _, _ = single(dem)
    assert (filled == 100.0).sum() > 2500  # a real flat, across many 8 × 8 tiles
    for tile in (8, 9, (17, 5)):
        assert_identical(dem, tile)
    assert run_tiled(dem, 8, DX, DY).flat.sum() > 2500


def test_nodata_holes_and_edges() -> None:
    dem = random_dem(5, (60, 60), holes=0.2)
    dem[:, 30] = np.nan  # a nodata column along a tile seam
    dem[29:31, :] = np.nan
    assert_identical(dem, 10)
    assert_identical(np.full((9, 9), np.nan, np.float32), 4)


def brute_force_flat_codes(filled: np.ndarray, dx: float, dy: float) -> np.ndarray:
    """The canonical rule, written plainly over the whole grid (independent of the tiled code)."""
    rows, cols = filled.shape
    valid = ~np.isnan(filled)
    code = np.full(filled.shape, 247, dtype=np.uint8)
    kind = np.zeros(filled.shape, dtype=np.int8)  # 1 outlet, 2 flat
    diag = np.sqrt(dx * dx + dy * dy)
    for r in range(rows):
        for c in range(cols):
            if not valid[r, c]:
                continue
            best, bk, edge = np.float32(0), None, False
            for dr, dc in OFFSETS:
                rr, cc = r + dr, c + dc
                if not (0 <= rr < rows and 0 <= cc < cols) or not valid[rr, cc]:
                    edge = True
                elif filled[rr, cc] < filled[r, c]:
                    inv = np.float32(1.0 / (diag if dr and dc else (dy if dr else dx)))
                    g = np.float32(filled[r, c] - filled[rr, cc]) * inv
                    if g > best:
                        best, bk = g, (dr, dc)
            if bk is not None or edge:
                code[r, c] = D8_CODE[bk[0] + 1, bk[1] + 1] if bk else 0
                kind[r, c] = 1
            else:
                kind[r, c] = 2
    dist = np.where(kind == 1, 0, -1)
    queue = deque(zip(*np.nonzero(kind == 1)))
    while queue:
        r, c = queue.popleft()
        for dr, dc in OFFSETS:
            rr, cc = r + dr, c + dc
            inside = 0 <= rr < rows and 0 <= cc < cols
            if inside and kind[rr, cc] == 2 and dist[rr, cc] < 0 and filled[rr, cc] == filled[r, c]:
                dist[rr, cc] = dist[r, c] + 1
                queue.append((rr, cc))
    for r, c in zip(*np.nonzero(kind == 2)):
        for dr, dc in OFFSETS:
            rr, cc = r + dr, c + dc
            if valid[rr, cc] and filled[rr, cc] == filled[r, c] and dist[rr, cc] == dist[r, c] - 1:
                code[r, c] = D8_CODE[dr + 1, dc + 1]
                break
    return code


@pytest.mark.parametrize("seed", range(3))
def test_flat_rule_equals_its_brute_force_definition_for_every_tiling(seed) -> None:
    dem = random_dem(seed, (33, 41), levels=3)
    filled, _, _ = single(dem)
    expected = brute_force_flat_codes(filled, DX, DY)
    assert (expected != 247).sum() > 0
    for tile in (1, 4, 7, (3, 10), 41):
        tiled = run_tiled(dem, tile, DX, DY)
        assert np.array_equal(tiled.d8, expected), tile
        assert tiled.flat.sum() > 30


def test_tiled_directions_form_a_network_and_its_accumulation_matches_the_single_machine_kernel() -> None:
    dem = plateau_dem((60, 48))
    dem[::7, ::5] -= 3.0  # pits inside the plateau, filled to its level
    tiled = run_tiled(dem, 7, DX, DY)
    ds = downstream_indices(tiled.d8)
    seq = order_down_up(ds)
    assert seq.size == np.count_nonzero(~np.isnan(dem))  # every cell reaches a pit: no flow loop
    for i in np.flatnonzero(tiled.flat.ravel()):
        assert tiled.filled.ravel()[ds[i]] == tiled.filled.ravel()[i]  # across a flat, never uphill
    assert np.array_equal(tiled.uparea_cells.ravel(), accumulate_cells(seq, ds))


def test_flats_are_exercised_and_edge_cells_of_a_flat_drain_across_the_seam() -> None:
    dem = plateau_dem((90, 70))
    _, d8, _ = single(dem)
    tiled = run_tiled(dem, 8, DX, DY)
    assert np.array_equal(tiled.d8, d8)
    # flat cells on a tile's edge that drain into the neighbouring tile
    crossing = 0
    for r, c in zip(*np.nonzero(tiled.flat)):
        dr, dc = CODE_OFFSET[int(tiled.d8[r, c])]
        crossing += (r // 8 != (r + dr) // 8) or (c // 8 != (c + dc) // 8)
    assert crossing > 50


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - hypothesis is in the dev requirements
    given = None

if given is not None:

    @settings(max_examples=60, deadline=None)
    @given(
        rows=st.integers(1, 24),
        cols=st.integers(1, 24),
        tile_rows=st.integers(1, 9),
        tile_cols=st.integers(1, 9),
        levels=st.integers(1, 6),
        holes=st.sampled_from([0.0, 0.1, 0.3]),
        seed=st.integers(0, 2**31 - 1),
    )
    def test_property_tiled_equals_untiled(rows, cols, tile_rows, tile_cols, levels, holes, seed) -> None:
        dem = random_dem(seed, (rows, cols), levels=levels, holes=holes)
        assert_identical(dem, (tile_rows, tile_cols))


@pytest.mark.demo
@pytest.mark.parametrize("name", ["ywzdem30m.tif", "ywzdem10m.tif", "ywzdem5m.tif"])
def test_youwuzhen_in_64_by_64_tiles(demo_dir, name) -> None:
    from osgeo import gdal

    ds = gdal.Open(str(demo_dir / name))
    band = ds.GetRasterBand(1)
    dem = band.ReadAsArray().astype(np.float32)
    nodata = band.GetNoDataValue()
    if nodata is not None:
        dem[dem == nodata] = np.nan
    gt = ds.GetGeoTransform()
    dx, dy = abs(gt[1]), abs(gt[5])
    d8, seq, filled = priority_flood(dem, dx, dy, True)
    upa = accumulate_cells(seq, downstream_indices(d8)).reshape(dem.shape)
    assert max(dem.shape) > 64
    tiled = run_tiled(dem, 64, dx, dy)
    assert np.array_equal(tiled.filled, filled, equal_nan=True)
    assert np.array_equal(tiled.d8, d8)
    assert np.array_equal(tiled.uparea_cells, upa)
    assert tiled.flat.sum() > 20


def test_a_tile_covered_by_one_flat_costs_rounds_not_all_pairs() -> None:
    """A lake over many tiles: the distances across it are relaxed tile to tile, and stay exact."""
    n = 160
    dem = np.full((n, n), 100.0, np.float32)
    dem[0, :] = dem[-1, :] = dem[:, 0] = dem[:, -1] = 101.0
    dem[-1, n // 3] = 99.0  # the lake's one outlet, off-centre
    _, d8, upa = single(dem)
    tiled = run_tiled(dem, 16, DX, DY)
    assert tiled.flat.sum() == (n - 2) ** 2 - 3  # all but the three cells next to the outlet
    assert np.array_equal(tiled.d8, d8)
    assert np.array_equal(tiled.uparea_cells, upa)
    assert upa[-1, n // 3] > (n - 2) ** 2  # the whole lake drains through its outlet
    assert 5 <= tiled.flat_rounds <= 4 * (n // 16)
