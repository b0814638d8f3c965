#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark SBPlanner's watershed delineation against GRASS r.watershed and WhiteboxTools.

Run with the project venv::

    .venv/bin/python bench/bench_delineation.py            # 5000 x 5000 = 25 M cells
    .venv/bin/python bench/bench_delineation.py --quick    # 1000 x 1000 smoke run
    .venv/bin/python bench/bench_delineation.py --profile  # + cProfile of our run

What it does, in one run:

1. Generates a synthetic, deterministic DEM (spectral 1/f^beta fractal relief on a
   tilted trough that drains to the south edge, plus decimetre noise that leaves
   many small pits, rounded to 0.1 m so there are flats too), 10 m cells in
   EPSG:32650, float32 GeoTIFF with nodata -9999. The outlet is the edge cell with
   the largest upstream area (computed once with pyflwdir when the DEM is made).
2. Times each tool in its own subprocess so that the peak resident memory of every
   tool is measured separately (``os.wait4`` rusage of that child, which includes
   its waited-for descendants):

   * ``ours``   ``processing.run("sbplanner:delineate_watersheds", ...)`` in a
     standalone QgsApplication, fresh ``SBPLANNER_CACHE_DIR`` (no conditioning
     cache), numba JIT cache warmed by a small run first;
   * ``r.watershed`` (GRASS 8.2, ``-s`` = single flow direction D8, default memory
     settings); the r.in.gdal import is timed separately and excluded;
   * ``WhiteboxTools`` via whitebox-workflows: fill_depressions + d8_pointer +
     d8_flow_accum (reading the raster timed separately and excluded);
   * ``pyflwdir`` alone (from_dem + upstream_area), the floor of our engine.
3. Prints the table, the ratios against the targets of issue 2 and writes
   ``<out>/results.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
VENV_PY = os.path.join(REPO, ".venv", "bin", "python")
QGIS_PLUGINS = "/usr/share/qgis/python/plugins"

CELL_M = 10.0
EPSG = 32650
NODATA = -9999.0
SEED = 20240601
STREAM_THRESHOLD_KM2 = 1.0

# Targets from issue 2.
TARGET_VS_GRASS = 0.5
TARGET_VS_WBT = 1.2
TARGET_PEAK_MB = 2048.0


# --------------------------------------------------------------------------- DEM
def make_dem(n: int, seed: int = SEED):
    """Return an (n, n) float32 DEM in metres; row 0 is north, the trough drains south."""
    import numpy as np

    rng = np.random.default_rng(seed)
    # Spectral synthesis: 2-D power spectrum ~ 1/f^3.6 (fractal dimension ~2.2, smooth hills as in
    # real topography).
    white = rng.standard_normal((n, n)).astype(np.float64)
    spec = np.fft.rfft2(white)
    del white
    fy = np.fft.fftfreq(n)[:, None]
    fx = np.fft.rfftfreq(n)[None, :]
    f = np.sqrt(fx * fx + fy * fy)
    f[0, 0] = 1.0
    spec *= f ** (-3.6 / 2.0)
    spec[0, 0] = 0.0
    del f
    relief = np.fft.irfft2(spec, s=(n, n))
    del spec
    relief *= 120.0 / relief.std()  # ~120 m standard deviation of hill relief
    # Regional form: falls 5 m/km towards the south edge, plus a trough along the
    # centre line (10 m/km cross slope) so most of the area drains to one outlet.
    extent_m = n * CELL_M
    y = (n - 1 - np.arange(n, dtype=np.float64))[:, None] * CELL_M  # distance from south edge
    x = np.arange(n, dtype=np.float64)[None, :] * CELL_M
    relief += 200.0 + 0.005 * y + 0.010 * np.abs(x - extent_m / 2.0)
    # Fluvial incision: carve valleys along the flow paths of that surface, deeper where
    # more area drains through (depth ~ 25 m x area_km2^0.4 before widening),
    # widened by a Gaussian so valleys have side slopes. This gives the dendritic
    # valley network of real terrain (a bare fractal has none).
    import pyflwdir
    from scipy.ndimage import gaussian_filter

    flw = pyflwdir.from_dem(
        relief.astype(np.float32),
        outlets="edge",
        latlon=False,
        transform=_affine((0.0, CELL_M, 0.0, extent_m, 0.0, -CELL_M)),
    )
    upa_km2 = flw.upstream_area(unit="cell") * (CELL_M * CELL_M / 1e6)
    del flw
    incision = np.where(upa_km2 > 0.02, 25.0 * np.power(upa_km2, 0.4, dtype=np.float64), 0.0)
    del upa_km2
    relief -= gaussian_filter(incision, sigma=4.0)
    del incision
    # Decimetre noise: many single-cell pits, as in real photogrammetric DEMs.
    relief += rng.uniform(-0.5, 0.5, size=(n, n))
    dem = np.round(relief, 1).astype(np.float32)
    return dem


def write_geotiff(path: str, arr, cell: float = CELL_M, epsg: int = EPSG, nodata: float = NODATA):
    from osgeo import gdal, osr

    n_rows, n_cols = arr.shape
    drv = gdal.GetDriverByName("GTiff")
    ds = drv.Create(
        path, n_cols, n_rows, 1, gdal.GDT_Float32, options=["TILED=YES", "COMPRESS=NONE", "BIGTIFF=IF_SAFER"]
    )
    x0, y0 = 500000.0, 3000000.0 + n_rows * cell
    ds.SetGeoTransform((x0, cell, 0.0, y0, 0.0, -cell))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    ds.SetProjection(srs.ExportToWkt())
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(nodata)
    band.WriteArray(arr)
    band.FlushCache()
    ds = None
    return (x0, cell, 0.0, y0, 0.0, -cell)


def worker_generate(args) -> dict:
    """Write the DEM, pick the outlet (max upstream area on the edge), write the outlet layer."""
    import numpy as np
    import pyflwdir
    from osgeo import ogr, osr

    t0 = time.perf_counter()
    dem = make_dem(args.size)
    gt = write_geotiff(args.dem, dem)
    t_gen = time.perf_counter() - t0
    t0 = time.perf_counter()
    flw = pyflwdir.from_dem(dem, nodata=NODATA, outlets="edge", transform=_affine(gt), latlon=False)
    acc = flw.upstream_area(unit="cell")
    edge = np.zeros(acc.shape, dtype=bool)
    edge[0, :] = edge[-1, :] = edge[:, 0] = edge[:, -1] = True
    masked = np.where(edge, acc, -1)
    r, c = np.unravel_index(int(np.argmax(masked)), acc.shape)
    cells = int(acc[r, c])
    x = gt[0] + (c + 0.5) * gt[1]
    y = gt[3] + (r + 0.5) * gt[5]
    t_outlet = time.perf_counter() - t0

    drv = ogr.GetDriverByName("GPKG")
    if os.path.exists(args.outlet):
        drv.DeleteDataSource(args.outlet)
    ds = drv.CreateDataSource(args.outlet)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    lyr = ds.CreateLayer("outlet", srs, ogr.wkbPoint)
    lyr.CreateField(ogr.FieldDefn("name", ogr.OFTString))
    feat = ogr.Feature(lyr.GetLayerDefn())
    feat.SetField("name", "bench outlet")
    pt = ogr.Geometry(ogr.wkbPoint)
    pt.AddPoint_2D(x, y)
    feat.SetGeometry(pt)
    lyr.CreateFeature(feat)
    ds = None
    return {
        "size": args.size,
        "cells": args.size * args.size,
        "cell_m": CELL_M,
        "epsg": EPSG,
        "seed": SEED,
        "elev_min_m": float(dem.min()),
        "elev_max_m": float(dem.max()),
        "outlet_x": x,
        "outlet_y": y,
        "outlet_row": int(r),
        "outlet_col": int(c),
        "outlet_upstream_cells": cells,
        "outlet_upstream_km2": cells * CELL_M * CELL_M / 1e6,
        "generate_s": t_gen,
        "pick_outlet_s": t_outlet,
        "wall_s": t_gen + t_outlet,
    }


def _affine(gt):
    from affine import Affine

    return Affine(gt[1], gt[2], gt[0], gt[4], gt[5], gt[3])


# --------------------------------------------------------------------------- workers
class _StageFeedback:
    """Factory for a QgsProcessingFeedback that records timestamped log lines."""

    @staticmethod
    def create(t0_ref):
        from qgis.core import QgsProcessingFeedback

        class Fb(QgsProcessingFeedback):
            def __init__(self):
                super().__init__()
                self.lines = []

            def _rec(self, kind, text):
                self.lines.append((round(time.perf_counter() - t0_ref[0], 3), kind, str(text)))

            def pushInfo(self, info):
                self._rec("info", info)

            def pushDebugInfo(self, info):
                self._rec("debug", info)

            def pushCommandInfo(self, info):
                self._rec("command", info)

            def pushConsoleInfo(self, info):
                self._rec("console", info)

            def setProgressText(self, text):
                self._rec("progress", text)

            def reportError(self, error, fatalError=False):  # noqa: N803
                self._rec("error", error)

            def pushWarning(self, warning):
                self._rec("warning", warning)

        return Fb()


def worker_ours(args) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for p in (REPO, QGIS_PLUGINS):
        if p not in sys.path:
            sys.path.insert(0, p)
    t_start = time.perf_counter()
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    from sbplanner_plugin.processing.provider import SbPlannerProvider

    provider = SbPlannerProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    import processing

    t_boot = time.perf_counter() - t_start
    gpkg = os.path.join(args.workdir, "ours_result.gpkg")
    if os.path.exists(gpkg):
        os.remove(gpkg)

    def dest(name):
        return "ogr:dbname='{0}' table=\"{1}\" (geom)".format(gpkg, name)

    params = {
        "DEM": args.dem,
        "OUTLETS": args.outlet + "|layername=outlet",
        "STREAM_THRESHOLD_KM2": STREAM_THRESHOLD_KM2,
        "SNAP_DISTANCE_M": 0.0,
        "OUTPUT_WATERSHEDS": dest("watersheds"),
        "OUTPUT_STREAMS": dest("streams"),
        "OUTPUT_OUTLETS": dest("outlets_snapped"),
    }
    t0_ref = [time.perf_counter()]
    feedback = _StageFeedback.create(t0_ref)
    rss_trace = _start_rss_sampler(t0_ref)
    prof = None
    if args.profile:
        import cProfile

        prof = cProfile.Profile()
        prof.enable()
    t0_ref[0] = time.perf_counter()
    processing.run("sbplanner:delineate_watersheds", params, feedback=feedback)
    wall = time.perf_counter() - t0_ref[0]
    if prof is not None:
        prof.disable()
        prof.dump_stats(os.path.join(args.workdir, "ours.prof"))

    # Read back what was written: a cheap sanity check that the run did real work.
    from qgis.core import QgsVectorLayer

    summary = {}
    for name in ("watersheds", "streams", "outlets_snapped"):
        lyr = QgsVectorLayer("{0}|layername={1}".format(gpkg, name), name, "ogr")
        summary[name] = lyr.featureCount() if lyr.isValid() else None
        if name == "watersheds" and lyr.isValid():
            for f in lyr.getFeatures():
                if "area_km2" in f.fields().names():
                    summary["watershed_area_km2"] = f["area_km2"]
                break
    return {
        "wall_s": wall,
        "boot_s": t_boot,
        "log": feedback.lines,
        "outputs": summary,
        "stage_peaks": _stage_peaks(feedback.lines, list(rss_trace), wall),
    }


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return 0.0


def _start_rss_sampler(t0_ref, every_s: float = 0.05):
    """Sample this process' resident memory in a daemon thread: [(t, MB), ...]."""
    import threading

    trace = []

    def run():
        while True:
            trace.append((time.perf_counter() - t0_ref[0], _rss_mb()))
            time.sleep(every_s)

    threading.Thread(target=run, daemon=True).start()
    return trace


def _stage_peaks(lines, trace, wall):
    """Wall time and peak RSS of each stage, stages delimited by the progress texts."""
    marks = [(t, text) for t, kind, text in lines if kind == "progress"]
    marks = [(0.0, "start (read DEM, checks)"), *marks, (wall, "end")]
    out = []
    for (t_a, name), (t_b, _next) in zip(marks[:-1], marks[1:]):
        rss = [mb for t, mb in trace if t_a <= t <= t_b]
        out.append({"stage": name, "start_s": t_a, "wall_s": t_b - t_a, "peak_rss_mb": max(rss) if rss else None})
    return out


def worker_wbt(args) -> dict:
    import whitebox_workflows as w

    wbe = w.WbEnvironment()
    wbe.verbose = False
    t0 = time.perf_counter()
    dem = wbe.read_raster(args.dem)
    # read_raster is lazy in whitebox-workflows 2.x; counting valid cells forces the read so
    # that reading is timed here and not inside fill_depressions.
    dem.num_valid_cells()
    t_read = time.perf_counter() - t0
    t0 = time.perf_counter()
    filled = wbe.hydrology.depressions_storage.fill_depressions(dem=dem)
    t_fill = time.perf_counter() - t0
    t0 = time.perf_counter()
    ptr = wbe.hydrology.flow_routing.d8_pointer(dem=filled)
    t_d8 = time.perf_counter() - t0
    t0 = time.perf_counter()
    acc = wbe.hydrology.flow_routing.d8_flow_accum(input=ptr, input_is_pointer=True, out_type="cells")
    t_acc = time.perf_counter() - t0
    del acc
    return {
        "wall_s": t_fill + t_d8 + t_acc,
        "read_s": t_read,
        "stages": {"fill_depressions": t_fill, "d8_pointer": t_d8, "d8_flow_accum": t_acc},
    }


def worker_pyflwdir(args) -> dict:
    import numpy as np
    import pyflwdir
    from osgeo import gdal

    t0 = time.perf_counter()
    ds = gdal.Open(args.dem)
    dem = ds.GetRasterBand(1).ReadAsArray()
    gt = ds.GetGeoTransform()
    ds = None
    t_read = time.perf_counter() - t0
    t0 = time.perf_counter()
    flw = pyflwdir.from_dem(dem, nodata=NODATA, outlets="edge", transform=_affine(gt), latlon=False)
    t_dem = time.perf_counter() - t0
    t0 = time.perf_counter()
    upa = flw.upstream_area(unit="km2")
    t_upa = time.perf_counter() - t0
    return {
        "wall_s": t_dem + t_upa,
        "read_s": t_read,
        "stages": {"from_dem": t_dem, "upstream_area": t_upa},
        "max_upstream_km2": float(np.nanmax(upa)),
    }


def _run_measured(cmd, env=None, cwd=None, timeout=None):
    """Run cmd; return (returncode, wall_s, peak_rss_mb, stdout, stderr, cpu_s) for that child.

    cpu_s (user + system) is reported next to wall time because the machine may be shared:
    when other processes compete for the cores, wall time grows but CPU time hardly does.
    """
    out_f = tempfile.TemporaryFile()  # noqa: SIM115 - handed to a child process, closed below
    err_f = tempfile.TemporaryFile()  # noqa: SIM115
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out_f, stderr=err_f)
    deadline = None if timeout is None else t0 + timeout
    while True:
        pid, status, ru = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if deadline and time.perf_counter() > deadline:
            proc.kill()
        time.sleep(0.05)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    out_f.seek(0)
    err_f.seek(0)
    out = out_f.read().decode("utf-8", "replace")
    err = err_f.read().decode("utf-8", "replace")
    return proc.returncode, wall, ru.ru_maxrss / 1024.0, out, err, ru.ru_utime + ru.ru_stime


def worker_grass(args) -> dict:
    """Runs INSIDE a GRASS session (grass ... --exec); times r.in.gdal and r.watershed."""
    res = {}
    rc, t_imp, peak_imp, _out, err, _cpu = _run_measured(
        ["r.in.gdal", "-o", "--overwrite", "--quiet", "input=" + args.dem, "output=dem"]
    )
    if rc != 0:
        raise RuntimeError("r.in.gdal failed: " + err[-2000:])
    res["import_s"] = t_imp
    res["import_peak_mb"] = peak_imp
    rc, _t, _p, _out, err, _cpu = _run_measured(["g.region", "raster=dem"])
    if rc != 0:
        raise RuntimeError("g.region failed: " + err[-2000:])
    threshold_cells = round(STREAM_THRESHOLD_KM2 * 1e6 / (CELL_M * CELL_M))
    rc, t_ws, peak_ws, _out, err, cpu_ws = _run_measured(
        [
            "r.watershed",
            "-s",
            "--overwrite",
            "--quiet",
            "elevation=dem",
            "accumulation=acc",
            "drainage=dir",
            "threshold={0}".format(threshold_cells),
        ]
    )
    if rc != 0:
        raise RuntimeError("r.watershed failed: " + err[-2000:])
    res["wall_s"] = t_ws
    res["peak_mb_tool"] = peak_ws
    res["cpu_s_tool"] = cpu_ws
    res["threshold_cells"] = threshold_cells
    return res


WORKERS = {
    "generate": worker_generate,
    "ours": worker_ours,
    "wbt": worker_wbt,
    "pyflwdir": worker_pyflwdir,
    "grass": worker_grass,
}


def worker_main(args) -> int:
    try:
        result = WORKERS[args.worker](args)
        result["ok"] = True
    except Exception as exc:  # report, never hide: the parent prints it
        import traceback

        result = {"ok": False, "error": "{0}: {1}".format(type(exc).__name__, exc), "traceback": traceback.format_exc()}
    sys.stdout.write("\n@@RESULT@@" + json.dumps(result) + "\n")
    sys.stdout.flush()
    # Skip interpreter/QGIS teardown (it can crash headless and is not part of the timing).
    os._exit(0 if result["ok"] else 1)


# --------------------------------------------------------------------------- parent
def _parse_result(out: str) -> dict:
    marker = "@@RESULT@@"
    idx = out.rfind(marker)
    if idx < 0:
        return {"ok": False, "error": "worker produced no result"}
    return json.loads(out[idx + len(marker) :].strip().splitlines()[0])


def run_tool(name, cmd, env, log_dir, label=None):
    label = label or name
    print("  running {0} ...".format(label), flush=True)
    load = os.getloadavg()[0]
    rc, wall, peak, out, err, cpu = _run_measured(cmd, env=env)
    with open(os.path.join(log_dir, "{0}.log".format(label)), "w", encoding="utf-8") as fh:
        fh.write("$ " + " ".join(cmd) + "\n--- stdout\n" + out + "\n--- stderr\n" + err)
    res = _parse_result(out)
    res["process_wall_s"] = wall
    res["peak_mb"] = peak
    res["process_cpu_s"] = cpu
    res["loadavg_1min_before"] = load
    res["returncode"] = rc
    cache = env.get("SBPLANNER_CACHE_DIR", "")
    if os.path.basename(cache).startswith("sbp-cache-"):  # the run's private conditioning cache (~125 MB)
        shutil.rmtree(cache, ignore_errors=True)
    if not res.get("ok"):
        tail = (res.get("traceback") or err or out)[-1500:]
        print("    FAILED: {0}\n{1}".format(res.get("error"), tail), flush=True)
    else:
        print(
            "    {0:.2f} s (peak {1:.0f} MB, process CPU {2:.1f} s, load before {3:.2f})".format(
                res["wall_s"], peak, cpu, load
            ),
            flush=True,
        )
    return res


def worker_cmd(python, worker, args, extra=()):
    cmd = [
        python,
        os.path.abspath(__file__),
        "--worker",
        worker,
        "--dem",
        args.dem,
        "--outlet",
        args.outlet,
        "--workdir",
        args.workdir,
        "--size",
        str(args.size),
    ]
    return cmd + list(extra)


def ours_env(base_env, numba_cache):
    env = dict(base_env)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["SBPLANNER_CACHE_DIR"] = tempfile.mkdtemp(prefix="sbp-cache-")  # never reuse conditioning
    env["NUMBA_CACHE_DIR"] = numba_cache
    env["PYTHONPATH"] = os.pathsep.join(
        [REPO, QGIS_PLUGINS] + ([base_env["PYTHONPATH"]] if base_env.get("PYTHONPATH") else [])
    )
    return env


def prepare_dem(size, out_dir, base_env, python, numba_root):
    dem = os.path.join(out_dir, "dem_{0}.tif".format(size))
    outlet = os.path.join(out_dir, "outlet_{0}.gpkg".format(size))
    meta_path = os.path.join(out_dir, "dem_{0}.json".format(size))
    if os.path.exists(dem) and os.path.exists(outlet) and os.path.exists(meta_path):
        with open(meta_path, encoding="utf-8") as fh:
            meta = json.load(fh)
        if meta.get("seed") == SEED:
            return dem, outlet, meta
    ns = argparse.Namespace(dem=dem, outlet=outlet, workdir=out_dir, size=size)
    env = dict(base_env)
    # Keep the generator's JIT cache apart so it does not pre-warm the measured runs.
    env["NUMBA_CACHE_DIR"] = os.path.join(numba_root, "generator")
    print("generating {0} x {0} DEM ...".format(size), flush=True)
    res = run_tool("generate", worker_cmd(python, "generate", ns), env, out_dir, label="generate_{0}".format(size))
    if not res.get("ok"):
        raise SystemExit("DEM generation failed")
    with open(meta_path, "w", encoding="utf-8") as fh:
        json.dump(res, fh, indent=1)
    return dem, outlet, res


def run_grass(ns, out_dir):
    gisdb = tempfile.mkdtemp(prefix="sbp-grass-", dir=out_dir)
    loc = os.path.join(gisdb, "bench")
    rc = subprocess.run(
        ["grass", "-c", "EPSG:{0}".format(EPSG), "-e", loc], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    if rc.returncode != 0:
        return {"ok": False, "error": "could not create GRASS location: " + rc.stdout.decode()[-500:]}
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    cmd = ["grass", os.path.join(loc, "PERMANENT"), "--exec", "/usr/bin/python3", *worker_cmd("", "grass", ns)[1:]]
    res = run_tool("grass", cmd, env, out_dir, label="grass_r.watershed")
    shutil.rmtree(gisdb, ignore_errors=True)
    if res.get("ok"):
        res["peak_mb_session"] = res["peak_mb"]
        res["peak_mb"] = res["peak_mb_tool"]
    return res


def fmt_ratio(num, den):
    if not num or not den:
        return None
    return num / den


def print_table(results, meta):
    rows = [
        ("ours (SBPlanner delineate_watersheds)", "ours"),
        ("ours, cold numba JIT", "ours_cold"),
        ("GRASS r.watershed -s", "grass"),
        ("WhiteboxTools fill+D8+accum", "wbt"),
        ("pyflwdir from_dem+upstream_area", "pyflwdir"),
    ]
    print()
    print(
        "DEM: {0} x {0} = {1:,} cells, 10 m, outlet catchment {2:,.1f} km2".format(
            meta["size"], meta["cells"], meta["outlet_upstream_km2"]
        )
    )
    print("{0:<40} {1:>9} {2:>9}".format("tool", "wall s", "peak MB"))
    for label, key in rows:
        r = results.get(key)
        if not r:
            continue
        if r.get("ok"):
            print("{0:<40} {1:>9.2f} {2:>9.0f}".format(label, r["wall_s"], r["peak_mb"]))
        else:
            print("{0:<40} {1:>9} {2:>9}   ({3})".format(label, "FAILED", "-", r.get("error", "")[:60]))
    ours = results.get("ours", {})
    verdict = {}
    if ours.get("ok"):
        g = results.get("grass", {})
        w = results.get("wbt", {})
        rg = fmt_ratio(ours["wall_s"], g.get("wall_s")) if g.get("ok") else None
        rw = fmt_ratio(ours["wall_s"], w.get("wall_s")) if w.get("ok") else None
        print()
        if rg is not None:
            verdict["ours_vs_r.watershed"] = {"ratio": rg, "target": TARGET_VS_GRASS, "pass": rg <= TARGET_VS_GRASS}
        if rw is not None:
            verdict["ours_vs_whiteboxtools"] = {"ratio": rw, "target": TARGET_VS_WBT, "pass": rw <= TARGET_VS_WBT}
        verdict["ours_peak_mb"] = {
            "value": ours["peak_mb"],
            "target": TARGET_PEAK_MB,
            "pass": ours["peak_mb"] <= TARGET_PEAK_MB,
        }
        for k, v in verdict.items():
            val = v.get("ratio", v.get("value"))
            unit = "x" if "ratio" in v else " MB"
            print(
                "{0:<26} {1:>9.2f}{2}  target <= {3}{2}  {4}".format(
                    k, val, unit, v["target"], "PASS" if v["pass"] else "MISS"
                )
            )
    return verdict


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=5000, help="DEM rows = cols (default 5000)")
    ap.add_argument("--quick", action="store_true", help="1000 x 1000 smoke run")
    ap.add_argument("--out", default=os.path.join(HERE, "output"), help="output directory")
    ap.add_argument(
        "--tools", default="ours,grass,wbt,pyflwdir", help="comma-separated subset of ours,grass,wbt,pyflwdir"
    )
    ap.add_argument("--cold-full", action="store_true", help="also time ours with an empty numba cache at full size")
    ap.add_argument("--profile", action="store_true", help="cProfile our run (adds overhead)")
    ap.add_argument("--python", default=VENV_PY if os.path.exists(VENV_PY) else sys.executable)
    # worker mode (internal)
    ap.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    ap.add_argument("--dem", help=argparse.SUPPRESS)
    ap.add_argument("--outlet", help=argparse.SUPPRESS)
    ap.add_argument("--workdir", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        return worker_main(args)

    if args.quick:
        args.size = 1000
    out_dir = os.path.abspath(args.out)
    os.makedirs(out_dir, exist_ok=True)
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    base_env = dict(os.environ)
    numba_root = os.path.join(out_dir, "numba_cache")
    warm_cache = os.path.join(numba_root, "warm")

    dem, outlet, meta = prepare_dem(args.size, out_dir, base_env, args.python, numba_root)
    print(
        "DEM {0}: outlet ({1:.1f}, {2:.1f}), upstream {3:,.1f} km2".format(
            dem, meta["outlet_x"], meta["outlet_y"], meta["outlet_upstream_km2"]
        ),
        flush=True,
    )
    ns = argparse.Namespace(dem=dem, outlet=outlet, workdir=out_dir, size=args.size)

    results = {}
    if "ours" in tools or "pyflwdir" in tools:
        # JIT warm-up: a 1000 x 1000 run with an EMPTY numba cache measures the cold start
        # (compile time is independent of the DEM size) and fills the warm cache.
        qdem, qoutlet, _qmeta = prepare_dem(1000, out_dir, base_env, args.python, numba_root)
        qns = argparse.Namespace(dem=qdem, outlet=qoutlet, workdir=out_dir, size=1000)
        shutil.rmtree(warm_cache, ignore_errors=True)
        os.makedirs(warm_cache)
        if "ours" in tools:
            print("numba JIT warm-up (1000 x 1000):", flush=True)
            cold = run_tool(
                "ours",
                worker_cmd(args.python, "ours", qns),
                ours_env(base_env, warm_cache),
                out_dir,
                label="ours_quick_coldjit",
            )
            warm = run_tool(
                "ours",
                worker_cmd(args.python, "ours", qns),
                ours_env(base_env, warm_cache),
                out_dir,
                label="ours_quick_warm",
            )
            if cold.get("ok") and warm.get("ok"):
                results["jit_overhead_s"] = cold["wall_s"] - warm["wall_s"]
                results["ours_quick"] = {"cold_s": cold["wall_s"], "warm_s": warm["wall_s"]}
        if "pyflwdir" in tools:
            env = dict(base_env, NUMBA_CACHE_DIR=warm_cache)
            run_tool("pyflwdir", worker_cmd(args.python, "pyflwdir", qns), env, out_dir, label="pyflwdir_quick_warmup")

    print("timed runs ({0} x {0}):".format(args.size), flush=True)
    if "ours" in tools:
        if args.cold_full:
            cold_cache = tempfile.mkdtemp(prefix="sbp-numba-cold-")
            results["ours_cold"] = run_tool(
                "ours",
                worker_cmd(args.python, "ours", ns),
                ours_env(base_env, cold_cache),
                out_dir,
                label="ours_coldjit",
            )
            shutil.rmtree(cold_cache, ignore_errors=True)
        extra = ["--profile"] if args.profile else []
        results["ours"] = run_tool(
            "ours", worker_cmd(args.python, "ours", ns, extra), ours_env(base_env, warm_cache), out_dir
        )
    if "grass" in tools:
        results["grass"] = run_grass(ns, out_dir)
    if "wbt" in tools:
        results["wbt"] = run_tool("wbt", worker_cmd(args.python, "wbt", ns), dict(base_env), out_dir)
    if "pyflwdir" in tools:
        env = dict(base_env, NUMBA_CACHE_DIR=warm_cache)
        results["pyflwdir"] = run_tool("pyflwdir", worker_cmd(args.python, "pyflwdir", ns), env, out_dir)

    verdict = print_table(results, meta)
    ours = results.get("ours", {})
    if ours.get("log"):
        print("\nour stage log (s since processing.run started):")
        for t, kind, text in ours["log"]:
            if kind in ("info", "progress", "warning", "error"):
                print("  {0:8.2f}  {1}".format(t, text[:110]))
    if ours.get("stage_peaks"):
        print("\nour stages (wall s, peak RSS MB of the whole process during the stage):")
        for st in ours["stage_peaks"]:
            print("  {0:<28} {1:8.2f} {2:8.0f}".format(st["stage"][:28], st["wall_s"], st["peak_rss_mb"] or 0))
    if args.profile and ours.get("ok"):
        print_profile(os.path.join(out_dir, "ours.prof"))

    import platform

    doc = {
        "dem": meta,
        "results": results,
        "verdict": verdict,
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()},
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    path = os.path.join(out_dir, "results.json" if args.size == 5000 else "results_{0}.json".format(args.size))
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, indent=1)
    print("\nwrote", path)
    return 0 if ours.get("ok", "ours" not in tools) else 1


def print_profile(path, n=30):
    import pstats

    st = pstats.Stats(path)
    st.sort_stats("cumulative")
    print("\ncProfile of our run, top {0} by cumulative time:".format(n))
    st.print_stats(n)


if __name__ == "__main__":
    sys.exit(main())
