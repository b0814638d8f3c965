#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The tiled hydrology core (issue 16) against the single-machine path: wall time and identity.

Run with the project venv (under ``flock /tmp/bench.lock`` on a shared machine)::

    .venv/bin/python bench/bench_tiled.py                    # 5000 x 5000 = 25 M cells, tiles 1024 and 512
    .venv/bin/python bench/bench_tiled.py --n 2000 --tiles 256 512

Makes the synthetic DEM of ``bench_delineation.py`` (same generator and seed), runs the
single-machine ``priority_flood`` + ``accumulate_cells`` and, for each tile size, the in-process
driver ``core.tiled.driver.run_tiled`` (stages one after the other on one core: the per-tile work
a distributed run would spread over workers), checks the filled surface, the D8 codes and the
upstream cells are identical, and prints the times per stage as JSON. Numba's JIT is warmed
on a small DEM first. Peak memory is not measured here.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench_delineation import make_dem  # noqa: E402

from sbplanner_plugin.core.flood import accumulate_cells, downstream_indices, priority_flood  # noqa: E402
from sbplanner_plugin.core.tiled.driver import run_tiled  # noqa: E402

CELL_M = 10.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000, help="DEM side in cells")
    parser.add_argument("--tiles", type=int, nargs="+", default=[1024, 512], help="tile sides in cells")
    args = parser.parse_args()
    dem = np.ascontiguousarray(make_dem(args.n), dtype=np.float32)
    warm = np.ascontiguousarray(dem[:200, :200])
    priority_flood(warm, CELL_M, CELL_M, True)
    run_tiled(warm, 64, CELL_M, CELL_M)
    t = time.perf_counter()
    d8, seq, filled = priority_flood(dem, CELL_M, CELL_M, True)
    upa = accumulate_cells(seq, downstream_indices(d8)).reshape(dem.shape)
    single_s = time.perf_counter() - t
    report = {"cells": int(dem.size), "single_s": round(single_s, 2), "tiled": []}
    for tile in args.tiles:
        t = time.perf_counter()
        res = run_tiled(dem, tile, CELL_M, CELL_M)
        wall = time.perf_counter() - t
        report["tiled"].append(
            {
                "tile": tile,
                "wall_s": round(wall, 2),
                "stages_s": {k: round(v, 2) for k, v in res.seconds.items()},
                "flat_rounds": res.flat_rounds,
                "flat_cells": int(res.flat.sum()),
                "identical": {
                    "filled": bool(np.array_equal(res.filled, filled, equal_nan=True)),
                    "d8": bool(np.array_equal(res.d8, d8)),
                    "uparea": bool(np.array_equal(res.uparea_cells, upa)),
                },
            }
        )
        del res
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
