"""In-process driver of the tiled pipeline: cuts an array into tiles and runs the stages in turn.

It only ever hands a tile (with its one-cell halo) to a per-tile function and only the tiles'
summaries to the central solves, the way a distributed driver does with windows of a raster;
here the tiles' intermediate arrays are simply kept in memory.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from sbplanner_plugin.core.flood import D8_NODATA
from sbplanner_plugin.core.tiled.accumulation import accumulation_stage1, accumulation_stage2, solve_inflow
from sbplanner_plugin.core.tiled.directions import directions_stage1, directions_stage2, solve_flats
from sbplanner_plugin.core.tiled.fill import fill_stage1, fill_stage2, solve_spill
from sbplanner_plugin.core.tiled.tiles import PerimeterTable, padded, windows


@dataclass
class TiledResult:
    filled: np.ndarray  # float32, NaN at nodata
    d8: np.ndarray  # uint8, pyflwdir's codes (247 at nodata)
    uparea_cells: np.ndarray  # int64, 0 at nodata
    flat: np.ndarray  # bool: the cells whose direction the flat rule decided (no lower neighbour, not at the edge)
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per stage


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
    seconds: dict[str, float] = {}
    t = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal t
        now = time.perf_counter()
        seconds[name] = now - t
        t = now

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
    flats = solve_flats([s for _, s in dir1], shape)
    lap("flat solve")
    dist_table = PerimeterTable(flats.perimeter, flats.perimeter_dist, np.int64(-1))
    codes = [
        directions_stage2(
            filled_table.halo(ft, w, shape), code, w, pd, dist_table.halo(np.zeros(w.shape, np.int64), w, shape)
        )
        for ft, w, (code, _), pd in zip(filled_tiles, wins, dir1, flats.per_tile)
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
    return TiledResult(filled, out_d8, upa, flat, seconds)
