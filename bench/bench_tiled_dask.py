#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Dask driver of the tiled pipeline (adapters/tiled_dask.py) on a local cluster: wall time and memory.

Run with the project venv (under ``flock /tmp/bench.lock`` on a shared machine)::

    .venv/bin/python bench/bench_tiled_dask.py                   # 5000 x 5000 = 25 M cells, tiles 1000, 2 workers
    .venv/bin/python bench/bench_tiled_dask.py --n 2000 --tile 500 --check

Writes the synthetic DEM of ``bench_delineation.py`` (same generator and seed) as a GeoTIFF in
``--folder`` (once, in a child process, so that the generator's memory is not counted), then runs
``run_tiled_dask`` on a new ``LocalCluster`` of ``--workers`` single-threaded worker processes and
prints JSON: wall time per stage, the peak resident memory (``ru_maxrss``) of each worker process and
of this (the client) process. Numba's JIT is compiled (or loaded from its cache) by the first tiles of
each worker, inside the measured time. ``--check`` then compares the outputs with the single-machine
``priority_flood`` + ``accumulate_cells`` (in this process, after the measurement).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

CELL_M = 10.0


def _write_dem(n: int, path: Path) -> None:
    from bench_delineation import make_dem
    from osgeo import gdal

    dem = make_dem(n)
    tmp = path.with_suffix(".tmp.tif")
    ds = gdal.GetDriverByName("GTiff").Create(
        str(tmp), n, n, 1, gdal.GDT_Float32, options=["TILED=YES", "COMPRESS=DEFLATE", "BIGTIFF=IF_SAFER"]
    )
    ds.SetGeoTransform((500000.0, CELL_M, 0.0, 4000000.0, 0.0, -CELL_M))
    ds.GetRasterBand(1).WriteArray(dem)
    ds = None
    os.replace(tmp, path)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # kB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000, help="DEM side in cells")
    parser.add_argument("--tile", type=int, default=1000, help="tile side in cells")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--memory-limit", default="4GB", help="per worker")
    parser.add_argument("--folder", type=Path, default=Path("/tmp/sbplanner-bench-dask"))
    parser.add_argument("--write-dem", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--check", action="store_true", help="compare with the single-machine path")
    args = parser.parse_args()
    if args.write_dem:
        _write_dem(args.n, args.write_dem)
        return

    from sbplanner_plugin.adapters import tiled_dask

    args.folder.mkdir(parents=True, exist_ok=True)
    dem_path = args.folder / f"dem{args.n}.tif"
    if not dem_path.exists():
        subprocess.run(  # nosec B603 - this script, this interpreter
            [sys.executable, __file__, "--n", str(args.n), "--write-dem", str(dem_path)], check=True
        )
    work = args.folder / f"work{args.n}-{args.tile}"
    shutil.rmtree(work, ignore_errors=True)
    out = args.folder / "out"
    outputs = {name: str(out / f"{name}{args.n}.tif") for name in ("filled", "d8", "accumulation")}
    client, cluster = tiled_dask.open_client(n_workers=args.workers, memory_limit=args.memory_limit)
    try:
        start = time.perf_counter()
        result = tiled_dask.run_tiled_dask(str(dem_path), work, args.tile, outputs, client=client)
        wall = time.perf_counter() - start
        workers = client.run(_peak_rss_mb)
    finally:
        client.close()
        cluster.close()
    report = {
        "cells": args.n * args.n,
        "tile": args.tile,
        "tiles": result.tiles,
        "workers": args.workers,
        "memory_limit": args.memory_limit,
        "wall_s": round(wall, 2),
        "seconds": {k: round(v, 2) for k, v in result.seconds.items()},
        "flat_rounds": result.flat_rounds,
        "worker_peak_rss_mb": sorted(round(v) for v in workers.values()),
        "client_peak_rss_mb": round(_peak_rss_mb()),
        "work_folder_mb": round(sum(f.stat().st_size for f in work.rglob("*") if f.is_file()) / 2**20),
    }
    if args.check:
        from osgeo import gdal

        from sbplanner_plugin.core.flood import accumulate_cells, downstream_indices, priority_flood

        dem = gdal.Open(str(dem_path)).ReadAsArray().astype(np.float32)
        d8, seq, filled = priority_flood(dem, CELL_M, CELL_M, True)
        upa = accumulate_cells(seq, downstream_indices(d8)).reshape(dem.shape)
        report["identical"] = {
            "filled": bool(np.array_equal(gdal.Open(outputs["filled"]).ReadAsArray(), filled, equal_nan=True)),
            "d8": bool(np.array_equal(gdal.Open(outputs["d8"]).ReadAsArray(), d8)),
            "accumulation": bool(np.array_equal(gdal.Open(outputs["accumulation"]).ReadAsArray(), upa)),
        }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
