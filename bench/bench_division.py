#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark SBPlanner's small-watershed division against a GRASS full-vector pipeline (issue 14).

Run with the project venv (under ``flock /tmp/bench.lock`` on a shared machine)::

    .venv/bin/python bench/bench_division.py                 # 5000 x 5000 = 25 M cells, two runs
    .venv/bin/python bench/bench_division.py --n 2500        # 6.25 M cells
    .venv/bin/python bench/bench_division.py --n 10000 --runs 1
    .venv/bin/python bench/bench_division.py --tools ours    # subset of ours,grass,stages,cancel

What it does, in one run:

1. Makes the synthetic DEM of ``bench_delineation.py`` (same generator and seed, 10 m cells,
   EPSG:32650), cached in ``bench/output/``.
2. Times each tool in its own process; peak memory is that process's maximum RSS (``os.wait4``
   rusage, children included):

   * ``ours``  ``qgis_process.bin run sbplanner:divide_small_watersheds`` on a staged copy of
     the plugin (``QGIS_PLUGINPATH``, a throw-away profile), every output given (GeoPackage),
     MAX_AREA_KM2 50, MIN_AREA_KM2 1, STREAM_THRESHOLD_KM2 0.1, a fresh empty
     ``SBPLANNER_CACHE_DIR`` (the conditioning cache is never read), numba's JIT cache warmed
     by a 1000 x 1000 run first. The wall time is the whole process (QGIS start-up included).
   * ``grass`` (GRASS 8.2, ``grass --tmp-location EPSG:32650 --exec``): ``r.in.gdal``,
     ``r.watershed -s`` (D8) with ``basin`` and ``stream`` outputs at the same 0.1 km²
     threshold, ``r.to.vect`` of the basins (areas) and the streams (lines), ``v.out.ogr`` of
     both to one GeoPackage. The wall time is the sum of the modules' processes, the peak the
     largest of them (the session start-up is excluded).
   * ``stages`` (optional) ``processing.run`` of the same algorithm in a standalone
     QgsApplication with an RSS sampler: wall time and peak RSS of every progress stage.
   * ``cancel`` (optional) ``core.division.divide`` in-process: for each stage a timer thread
     requests cancellation halfway through the stage (its duration from an uncancelled run) and
     the latency from the request to the ``CancelledError`` is recorded.
3. Prints the table and the ratio against the issue's target, writes ``<out>/division_<n>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import site
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import bench_delineation as bd  # noqa: E402  (the DEM generator and the measuring helpers)

REPO = bd.REPO
QGIS_PROCESS = shutil.which("qgis_process.bin") or "/usr/bin/qgis_process.bin"
MAX_AREA_KM2 = 50.0
MIN_AREA_KM2 = 1.0
STREAM_THRESHOLD_KM2 = 0.1
TARGET_VS_GRASS = 0.5
TARGET_PEAK_MB = 2048.0


# --------------------------------------------------------------------------- ours via qgis_process
def stage_plugin(root: str) -> dict:
    """A staged plugin folder and a throw-away QGIS profile (as tests/qgis/test_qgis_process.py)."""
    plugin = os.path.join(root, "plugins", "sbplanner_plugin")
    shutil.copytree(os.path.join(REPO, "sbplanner_plugin"), plugin, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(os.path.join(REPO, "metadata.txt"), plugin)
    shutil.copytree(
        os.path.join(REPO, "resources"), os.path.join(plugin, "resources"), ignore=shutil.ignore_patterns("demo")
    )
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        QGIS_PLUGINPATH=os.path.dirname(plugin),
        HOME=os.path.join(root, "home"),
        QGIS_CUSTOM_CONFIG_PATH=os.path.join(root, "profile"),
        XDG_RUNTIME_DIR=os.path.join(root, "run"),
        SBPLANNER_DEPS_DIR=site.getsitepackages()[0] if sys.prefix != sys.base_prefix else "",
    )
    os.makedirs(env["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)
    done = subprocess.run(
        [QGIS_PROCESS, "plugins", "enable", "sbplanner_plugin"], env=env, capture_output=True, text=True, timeout=300
    )
    if done.returncode != 0 and "already enabled" not in done.stderr:
        raise SystemExit("could not enable the staged plugin: " + done.stdout + done.stderr)
    return env


def _venv_site() -> str:
    venv = os.path.join(REPO, ".venv")
    for sub in ("lib",):
        base = os.path.join(venv, sub)
        if os.path.isdir(base):
            for name in os.listdir(base):
                cand = os.path.join(base, name, "site-packages")
                if os.path.isdir(cand):
                    return cand
    return ""


def run_ours(dem: str, out_dir: str, env_base: dict, numba_cache: str, label: str) -> dict:
    gpkg = os.path.join(out_dir, label + ".gpkg")
    if os.path.exists(gpkg):
        os.remove(gpkg)
    env = dict(env_base)
    env["SBPLANNER_CACHE_DIR"] = tempfile.mkdtemp(prefix="sbp-cache-")
    env["NUMBA_CACHE_DIR"] = numba_cache
    env["SBPLANNER_DEPS_DIR"] = env.get("SBPLANNER_DEPS_DIR") or _venv_site()
    cmd = [
        QGIS_PROCESS,
        "run",
        "sbplanner:divide_small_watersheds",
        "--",
        "DEM=" + dem,
        "MAX_AREA_KM2={0}".format(MAX_AREA_KM2),
        "MIN_AREA_KM2={0}".format(MIN_AREA_KM2),
        "STREAM_THRESHOLD_KM2={0}".format(STREAM_THRESHOLD_KM2),
        "OUTPUT_WATERSHEDS=ogr:dbname='{0}' table=\"small_watersheds\" (geom)".format(gpkg),
        "OUTPUT_STREAMS=ogr:dbname='{0}' table=\"streams\" (geom)".format(gpkg),
    ]
    print("  running {0} ...".format(label), flush=True)
    load = os.getloadavg()[0]
    rc, wall, peak, out, err, cpu = bd._run_measured(cmd, env=env)
    shutil.rmtree(env["SBPLANNER_CACHE_DIR"], ignore_errors=True)
    with open(os.path.join(out_dir, label + ".log"), "w", encoding="utf-8") as fh:
        fh.write("$ " + " ".join(cmd) + "\n--- stdout\n" + out + "\n--- stderr\n" + err)
    res = {"ok": rc == 0, "wall_s": wall, "peak_mb": peak, "process_cpu_s": cpu, "loadavg_1min_before": load}
    if rc != 0:
        res["error"] = (err or out)[-1500:]
        print("    FAILED:", res["error"], flush=True)
        return res
    res["outputs"] = _count_features(gpkg)
    print(
        "    {0:.2f} s (peak {1:.0f} MB, CPU {2:.1f} s, load before {3:.2f}) {4}".format(
            wall, peak, cpu, load, res["outputs"]
        ),
        flush=True,
    )
    return res


def _count_features(gpkg: str) -> dict:
    from osgeo import ogr

    ds = ogr.Open(gpkg)
    if ds is None:
        return {}
    out = {}
    for i in range(ds.GetLayerCount()):
        lyr = ds.GetLayer(i)
        out[lyr.GetName()] = lyr.GetFeatureCount()
    return out


# --------------------------------------------------------------------------- GRASS pipeline
def worker_grass(args) -> dict:
    """Runs INSIDE a GRASS session: import, r.watershed basins + streams, both to vectors, GPKG export."""
    gpkg = os.path.join(args.workdir, "grass_result.gpkg")
    if os.path.exists(gpkg):
        os.remove(gpkg)
    threshold = round(STREAM_THRESHOLD_KM2 * 1e6 / (bd.CELL_M * bd.CELL_M))
    steps = [
        ("r.in.gdal", ["r.in.gdal", "-o", "--overwrite", "--quiet", "input=" + args.dem, "output=dem"]),
        ("g.region", ["g.region", "raster=dem"]),
        (
            "r.watershed",
            [
                "r.watershed",
                "-s",
                "--overwrite",
                "--quiet",
                "elevation=dem",
                "basin=basins",
                "stream=streams",
                "threshold={0}".format(threshold),
            ],
        ),
        ("r.to.vect basins", ["r.to.vect", "--overwrite", "--quiet", "input=basins", "output=basins", "type=area"]),
        (
            "r.to.vect streams",
            ["r.to.vect", "-s", "--overwrite", "--quiet", "input=streams", "output=streams", "type=line"],
        ),
        (
            "v.out.ogr basins",
            ["v.out.ogr", "--quiet", "input=basins", "output=" + gpkg, "format=GPKG", "output_layer=basins"],
        ),
        (
            "v.out.ogr streams",
            ["v.out.ogr", "-a", "--quiet", "input=streams", "output=" + gpkg, "format=GPKG", "output_layer=streams"],
        ),
    ]
    res = {"steps": {}, "threshold_cells": threshold}
    wall = cpu = peak = 0.0
    for name, cmd in steps:
        rc, t, p, _out, err, c = bd._run_measured(cmd)
        if rc != 0:
            raise RuntimeError("{0} failed: {1}".format(name, err[-2000:]))
        res["steps"][name] = {"wall_s": t, "peak_mb": p, "cpu_s": c}
        wall, cpu, peak = wall + t, cpu + c, max(peak, p)
    res.update(wall_s=wall, cpu_s_tools=cpu, peak_mb_tool=peak, outputs=_count_features(gpkg))
    return res


def run_grass(ns, out_dir) -> dict:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    cmd = [
        "grass",
        "--tmp-location",
        "EPSG:{0}".format(bd.EPSG),
        "--exec",
        "/usr/bin/python3",
        os.path.abspath(__file__),
        "--worker",
        "grass",
        "--dem",
        ns.dem,
        "--workdir",
        ns.workdir,
    ]
    res = bd.run_tool("grass", cmd, env, out_dir, label="grass_pipeline_{0}".format(ns.size))
    if res.get("ok"):
        res["peak_mb_session"] = res["peak_mb"]
        res["peak_mb"] = res["peak_mb_tool"]
        print("    GRASS steps: " + ", ".join("{0} {1:.1f} s".format(k, v["wall_s"]) for k, v in res["steps"].items()))
    return res


# --------------------------------------------------------------------------- stages and cancel latency
def worker_stages(args) -> dict:
    """processing.run in a standalone QgsApplication: wall time and peak RSS of every progress stage."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for p in (REPO, bd.QGIS_PLUGINS):
        if p not in sys.path:
            sys.path.insert(0, p)
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    from sbplanner_plugin.processing.provider import SbPlannerProvider

    provider = SbPlannerProvider()  # keep a reference: the registry does not own the Python object
    QgsApplication.processingRegistry().addProvider(provider)
    import processing

    gpkg = os.path.join(args.workdir, "stages_result.gpkg")
    if os.path.exists(gpkg):
        os.remove(gpkg)
    params = {
        "DEM": args.dem,
        "MAX_AREA_KM2": MAX_AREA_KM2,
        "MIN_AREA_KM2": MIN_AREA_KM2,
        "STREAM_THRESHOLD_KM2": STREAM_THRESHOLD_KM2,
        "OUTPUT_WATERSHEDS": "ogr:dbname='{0}' table=\"small_watersheds\" (geom)".format(gpkg),
        "OUTPUT_STREAMS": "ogr:dbname='{0}' table=\"streams\" (geom)".format(gpkg),
    }
    t0_ref = [time.perf_counter()]
    feedback = bd._StageFeedback.create(t0_ref)
    trace = bd._start_rss_sampler(t0_ref)
    prof = None
    if args.profile:
        import cProfile

        prof = cProfile.Profile()
        prof.enable()
    t0_ref[0] = time.perf_counter()
    processing.run("sbplanner:divide_small_watersheds", params, feedback=feedback)
    wall = time.perf_counter() - t0_ref[0]
    if prof is not None:
        prof.disable()
        prof.dump_stats(os.path.join(args.workdir, "division.prof"))
    return {"wall_s": wall, "stage_peaks": bd._stage_peaks(feedback.lines, list(trace), wall)}


def worker_cancel(args) -> dict:
    """Cancel latency of core.division.divide per stage: request halfway through, time to the exception."""
    sys.path.insert(0, REPO)
    from sbplanner_plugin.adapters.raster import read_dem
    from sbplanner_plugin.core.division import divide
    from sbplanner_plugin.core.errors import CancelledError

    grid, _ = read_dem(args.dem)
    kw = dict(stream_threshold_km2=STREAM_THRESHOLD_KM2, max_area_km2=MAX_AREA_KM2, min_area_km2=MIN_AREA_KM2)
    starts: dict[str, float] = {}
    calls: dict[str, int] = {}
    gaps: dict[str, float] = {}  # longest time between two progress calls that fall in the stage
    last_in: dict[str, float] = {}
    t0 = time.perf_counter()

    def record(fraction: float, stage: str) -> bool:
        now = time.perf_counter() - t0
        starts.setdefault(stage, now)
        calls[stage] = calls.get(stage, 0) + 1
        if calls[stage] > 1:
            gaps[stage] = max(gaps.get(stage, 0.0), now - last_in[stage])
        last_in[stage] = now
        return False

    divide(grid, progress=record, **kw)
    total = time.perf_counter() - t0
    order = sorted(starts, key=starts.get)
    bounds = {s: (starts[s], (starts[order[i + 1]] if i + 1 < len(order) else total)) for i, s in enumerate(order)}
    for i, s in enumerate(order[:-1]):  # the gap to the next stage's first call counts for the stage too
        gaps[s] = max(gaps.get(s, 0.0), starts[order[i + 1]] - last_in[s])
    out = {"uncancelled_s": total, "wall_s": total, "stages": {}, "max_gap_s": gaps}
    print("  longest gap between progress calls per stage (s):", {k: round(v, 3) for k, v in gaps.items()})
    for stage in order:
        a, b = bounds[stage]
        if stage == "done" or b - a < 1e-3:
            continue
        state = {"flag": False, "t_req": None}

        def progress(fraction: float, s: str, state=state, stage=stage, delay=(b - a) / 2) -> bool:
            if s == stage and state["t_req"] is None and not state.get("timer"):

                def fire():
                    state["t_req"] = time.perf_counter()
                    state["flag"] = True

                state["timer"] = threading.Timer(delay, fire)
                state["timer"].start()
            return state["flag"]

        try:
            divide(grid, progress=progress, **kw)
            out["stages"][stage] = {"cancelled": False}
        except CancelledError:
            t_exc = time.perf_counter()
            if state["t_req"] is None:
                out["stages"][stage] = {"cancelled": True, "latency_s": None}
            else:
                out["stages"][stage] = {
                    "cancelled": True,
                    "latency_s": t_exc - state["t_req"],
                    "stage_s": b - a,
                    "progress_calls": calls[stage],
                }
        print("  cancel in {0!r}: {1}".format(stage, out["stages"][stage]), flush=True)
    return out


WORKERS = {"grass": worker_grass, "stages": worker_stages, "cancel": worker_cancel}


def worker_main(args) -> int:
    try:
        result = WORKERS[args.worker](args)
        result["ok"] = True
    except Exception as exc:  # report, never hide: the parent prints it
        import traceback

        result = {"ok": False, "error": "{0}: {1}".format(type(exc).__name__, exc), "traceback": traceback.format_exc()}
    sys.stdout.write("\n@@RESULT@@" + json.dumps(result) + "\n")
    sys.stdout.flush()
    os._exit(0 if result["ok"] else 1)


def worker_cmd(python: str, worker: str, ns, extra=()) -> list[str]:
    return [
        python,
        os.path.abspath(__file__),
        "--worker",
        worker,
        "--dem",
        ns.dem,
        "--workdir",
        ns.workdir,
        "--n",
        str(ns.size),
        *extra,
    ]


# --------------------------------------------------------------------------- parent
def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=5000, help="DEM rows = cols (2500, 5000, 10000)")
    ap.add_argument("--runs", type=int, default=2, help="timed runs of each tool")
    ap.add_argument("--tools", default="ours,grass", help="comma-separated subset of ours,grass,stages,cancel")
    ap.add_argument("--profile", action="store_true", help="cProfile the stages run")
    ap.add_argument("--out", default=os.path.join(HERE, "output"))
    ap.add_argument("--python", default=bd.VENV_PY if os.path.exists(bd.VENV_PY) else sys.executable)
    ap.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    ap.add_argument("--dem", help=argparse.SUPPRESS)
    ap.add_argument("--workdir", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        return worker_main(args)

    out_dir = os.path.abspath(args.out)
    os.makedirs(out_dir, exist_ok=True)
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    base_env = dict(os.environ)
    numba_root = os.path.join(out_dir, "numba_cache")
    warm_cache = os.path.join(numba_root, "division_warm")
    dem, _outlet, meta = bd.prepare_dem(args.n, out_dir, base_env, args.python, numba_root)
    ns = argparse.Namespace(dem=dem, workdir=out_dir, size=args.n)
    results: dict = {"ours": [], "grass": []}
    staged = tempfile.mkdtemp(prefix="sbp-qgis-process-")
    try:
        if "ours" in tools:
            qenv = stage_plugin(staged)
            qdem, _q, _m = bd.prepare_dem(1000, out_dir, base_env, args.python, numba_root)
            os.makedirs(warm_cache, exist_ok=True)
            print("numba JIT warm-up (1000 x 1000):", flush=True)
            run_ours(qdem, out_dir, qenv, warm_cache, "ours_warmup_1000")
        for i in range(args.runs):
            if "ours" in tools:
                results["ours"].append(
                    run_ours(dem, out_dir, qenv, warm_cache, "ours_{0}_run{1}".format(args.n, i + 1))
                )
            if "grass" in tools:
                results["grass"].append(run_grass(ns, out_dir))
        if "stages" in tools or "cancel" in tools:
            env = bd.ours_env(base_env, warm_cache)
            qdem, _q, _m = bd.prepare_dem(1000, out_dir, base_env, args.python, numba_root)
            qns = argparse.Namespace(dem=qdem, workdir=out_dir, size=1000)
            print("numba JIT warm-up of the in-process runs (1000 x 1000):", flush=True)
            bd.run_tool("stages", worker_cmd(args.python, "stages", qns), env, out_dir, label="stages_warmup_1000")
        if "stages" in tools:
            env = bd.ours_env(base_env, warm_cache)
            extra = ["--profile"] if args.profile else []
            results["stages"] = bd.run_tool("stages", worker_cmd(args.python, "stages", ns, extra), env, out_dir)
            for st in results["stages"].get("stage_peaks", []):
                print("  {0:<28} {1:8.2f} s {2:8.0f} MB".format(st["stage"][:28], st["wall_s"], st["peak_rss_mb"] or 0))
            if args.profile and results["stages"].get("ok"):
                bd.print_profile(os.path.join(out_dir, "division.prof"))
        if "cancel" in tools:
            env = dict(base_env, NUMBA_CACHE_DIR=warm_cache)
            results["cancel"] = bd.run_tool("cancel", worker_cmd(args.python, "cancel", ns), env, out_dir)
    finally:
        shutil.rmtree(staged, ignore_errors=True)

    print("\nDEM {0} x {0} = {1:,} cells".format(args.n, args.n * args.n))
    print("{0:<34} {1:>5} {2:>9} {3:>9} {4:>6}".format("tool", "run", "wall s", "peak MB", "load"))
    for key, label in (("ours", "ours (qgis_process)"), ("grass", "GRASS full-vector pipeline")):
        for i, r in enumerate(results[key], 1):
            if r.get("ok"):
                print(
                    "{0:<34} {1:>5} {2:>9.2f} {3:>9.0f} {4:>6.2f}".format(
                        label, i, r["wall_s"], r["peak_mb"], r["loadavg_1min_before"]
                    )
                )
            else:
                print("{0:<34} {1:>5} FAILED".format(label, i))
    verdict = []
    for o, g in zip(results["ours"], results["grass"]):
        if o.get("ok") and g.get("ok"):
            ratio = o["wall_s"] / g["wall_s"]
            verdict.append(
                {"ratio": ratio, "pass": ratio <= TARGET_VS_GRASS, "peak_pass": o["peak_mb"] <= TARGET_PEAK_MB}
            )
            print(
                "ours / GRASS = {0:.2f}x (target <= {1}) {2}; peak {3:.0f} MB (target <= {4:.0f}) {5}".format(
                    ratio,
                    TARGET_VS_GRASS,
                    "PASS" if ratio <= TARGET_VS_GRASS else "MISS",
                    o["peak_mb"],
                    TARGET_PEAK_MB,
                    "PASS" if o["peak_mb"] <= TARGET_PEAK_MB else "MISS",
                )
            )
    import platform

    doc = {
        "dem": meta,
        "results": results,
        "verdict": verdict,
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()},
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    path = os.path.join(out_dir, "division_{0}.json".format(args.n))
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, indent=1)
    print("wrote", path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
