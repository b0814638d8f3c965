"""In-process driver of the tiled pipeline: cuts an array into tiles and runs the stages in turn.

It only ever hands a tile (with its one-cell halo) to a per-tile function and only the tiles'
summaries to the central solves, the way a distributed driver does with windows of a raster;
here the tiles' intermediate arrays are simply kept in memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sbplanner_plugin.core.flood import D8_NODATA
from sbplanner_plugin.core.tiled.accumulation import accumulation_stage1, accumulation_stage2, solve_inflow
from sbplanner_plugin.core.tiled.directions import FAR, directions_stage1, directions_stage2, flat_round
from sbplanner_plugin.core.tiled.fill import fill_stage1, fill_stage2, solve_spill
from sbplanner_plugin.core.tiled.tiles import PerimeterTable, StageClock, Window, padded, windows


def _tile_neighbours(wins: list[Window]) -> list[list[int]]:
    """Indices of the (up to 8) tiles touching each tile, edges or corners."""
    by_corner = {(w.r0, w.c0): k for k, w in enumerate(wins)}
    rows0 = sorted({w.r0 for w in wins})
    cols0 = sorted({w.c0 for w in wins})
    out = []
    for w in wins:
        i, j = rows0.index(w.r0), cols0.index(w.c0)
        out.append(
            [
                by_corner[(rows0[a], cols0[b])]
                for a in range(max(i - 1, 0), min(i + 2, len(rows0)))
                for b in range(max(j - 1, 0), min(j + 2, len(cols0)))
                if (a, b) != (i, j)
            ]
        )
    return out


def _solve_flats(dir1, filled_tiles, filled_table: PerimeterTable, wins: list[Window], shape) -> tuple:
    """Relaxation rounds of :func:`flat_round` until no tile's edge distances change; the final table and rounds."""
    summaries = [s for _, s in dir1]
    gidx = np.concatenate([s.perimeter for s in summaries])
    dist = np.concatenate([s.perimeter_dist for s in summaries]).astype(np.int64)
    offsets = np.concatenate([[0], np.cumsum([s.perimeter.size for s in summaries])]).astype(np.int64)
    table = PerimeterTable(gidx, dist, FAR)
    # the table sorts by grid index: where each tile's perimeter cells sit in it
    where = np.empty(gidx.size, dtype=np.int64)
    where[np.argsort(gidx, kind="stable")] = np.arange(gidx.size)
    neighbours = _tile_neighbours(wins)
    has_flat_edge = [bool(s.perimeter_flat.any()) for s in summaries]
    dirty = {k for k, flag in enumerate(has_flat_edge) if flag}
    rounds = 0
    while dirty:
        rounds += 1
        changed = []
        for k in sorted(dirty):
            w = wins[k]
            halo = table.halo(np.zeros(w.shape, np.int64), w, shape)
            new = flat_round(filled_table.halo(filled_tiles[k], w, shape), dir1[k][0], halo)
            pos = where[offsets[k] : offsets[k + 1]]
            if not np.array_equal(new, table.values[pos]):
                table.values[pos] = np.minimum(new, table.values[pos])
                changed.append(k)
        dirty = {n for k in changed for n in neighbours[k] if has_flat_edge[n]}
    return table, rounds


@dataclass
class TiledResult:
    filled: np.ndarray  # float32, NaN at nodata
    d8: np.ndarray  # uint8, pyflwdir's codes (247 at nodata)
    uparea_cells: np.ndarray  # int64, 0 at nodata
    flat: np.ndarray  # bool: the cells whose direction the flat rule decided (no lower neighbour, not at the edge)
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per stage
    flat_rounds: int = 0  # relaxation rounds the distances across flats took


def run_tiled(
    dem: np.ndarray, tile_size: int | tuple[int, int], dx: float = 1.0, dy: float = 1.0, d8: np.ndarray | None = None
) -> TiledResult:
    """Filled surface, D8 directions and upstream cells of ``dem`` (float32, NaN = nodata), tile by tile.

    With ``d8`` given, the accumulation runs on those codes instead of the tiled directions
    (the filled surface and directions are still computed).
    """
    dem = np.ascontiguousarray(dem, dtype=np.float32)
    shape = dem.shape
    cols = shape[1]
    wins = windows(shape, tile_size)
    clock = StageClock()
    lap, seconds = clock.lap, clock.seconds

    # filling: stage 1, spill graph, stage 2
    stage1 = [fill_stage1(padded(dem, w, np.nan), w, cols) for w in wins]
    lap("fill stage 1")
    spill = solve_spill([s[2] for s in stage1], shape)
    lap("fill solve")
    filled_tiles = [fill_stage2(f, lab, sp) for (f, lab, _), sp in zip(stage1, spill.per_tile)]
    del stage1
    lap("fill stage 2")
    filled_table = PerimeterTable(spill.perimeter, spill.perimeter_filled, np.float32(np.nan))
    # directions: steepest descent + flat summaries, flat solve, flat codes
    dir1 = [directions_stage1(filled_table.halo(ft, w, shape), w, cols, dx, dy) for ft, w in zip(filled_tiles, wins)]
    lap("directions stage 1")
    dist_table, flat_rounds = _solve_flats(dir1, filled_tiles, filled_table, wins, shape)
    lap("flat solve")
    codes = [
        directions_stage2(filled_table.halo(ft, w, shape), code, dist_table.halo(np.zeros(w.shape, np.int64), w, shape))
        for ft, w, (code, _) in zip(filled_tiles, wins, dir1)
    ]
    lap("directions stage 2")
    acc_codes = codes if d8 is None else [np.ascontiguousarray(d8[w.r0 : w.r1, w.c0 : w.c1]) for w in wins]
    acc1 = [accumulation_stage1(c, w, cols) for c, w in zip(acc_codes, wins)]
    lap("accumulation stage 1")
    inflow = solve_inflow(acc1)
    lap("accumulation solve")
    filled = np.full(shape, np.nan, dtype=np.float32)
    out_d8 = np.full(shape, D8_NODATA, dtype=np.uint8)
    upa = np.zeros(shape, dtype=np.int64)
    flat = np.zeros(shape, dtype=bool)
    for w, ft, code, c_acc, inf, (code1, _) in zip(wins, filled_tiles, codes, acc_codes, inflow.per_tile, dir1):
        sl = (slice(w.r0, w.r1), slice(w.c0, w.c1))
        filled[sl] = ft
        out_d8[sl] = code
        upa[sl] = accumulation_stage2(c_acc, w, inf)
        flat[sl] = code1 == 255
    lap("accumulation stage 2 + assembly")
    return TiledResult(filled, out_d8, upa, flat, seconds, flat_rounds)
