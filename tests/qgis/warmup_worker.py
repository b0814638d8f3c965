"""Run in a fresh process by test_warmup_task.py (and bench/bench_first_run.py): the numba warm-up task and
delineation + division on Youwuzhen through Processing, in a standalone QgsApplication, with numba's cache in
``NUMBA_CACHE_DIR`` (the caller makes it empty, so every specialisation is really compiled).

    python warmup_worker.py MODE OUT.json

MODE ``after``: the warm-up task runs to completion first, then delineate + divide (timed).
MODE ``race``: the warm-up task is queued and delineate + divide start at once on the main thread, so both
compile at the same time. MODE ``none``: no warm-up task (delineate + divide twice: cold, then warm).
``OUT.json`` gets the times, the numba compilations counted per (function, argument types) during each
phase, the kernels' signatures before and after the runs, and the outlet watershed's area.
"""

from __future__ import annotations

import collections
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "resources" / "demo" / "youwuzhen"


def main(mode: str, out_path: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for p in (str(REPO), "/usr/share/qgis/python/plugins"):
        if p not in sys.path:
            sys.path.insert(0, p)
    t_start = time.perf_counter()
    from qgis.core import QgsApplication, QgsVectorLayer

    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    import processing
    from numba.core import event

    from sbplanner_plugin.processing.provider import SbPlannerProvider

    provider = SbPlannerProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    start_up_s = time.perf_counter() - t_start

    phase = ["start"]
    compiles: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)

    class Count(event.Listener):
        def on_start(self, ev):
            d = ev.data["dispatcher"]
            key = f"{d.py_func.__module__}.{d.py_func.__qualname__}{tuple(str(a) for a in ev.data['args'])}"
            compiles[phase[0]][key] += 1

        def on_end(self, ev):
            pass

    event.register("numba:compile", Count())

    def signatures() -> dict[str, list[str]]:
        from sbplanner_plugin.core import warmup as core_warmup

        return {k.name: sorted(map(str, k.dispatcher().signatures)) for k in core_warmup.KERNELS}

    def wait(task, timeout_s: float = 900.0) -> None:
        end = time.perf_counter() + timeout_s
        while not task.ended:
            app.processEvents()
            time.sleep(0.01)
            if time.perf_counter() > end:
                raise TimeoutError("warm-up task did not finish")

    work = Path(tempfile.mkdtemp(prefix="sbp-warmup-out-"))
    dem = str(DEMO / "ywzdem10m.tif")

    def delineate_and_divide(tag: str) -> dict:
        gpkg = work / f"{tag}.gpkg"
        # each run conditions the DEM itself (a new conditioning cache; divide re-uses its delineation's, as
        # step 2 does in a session), so runs differ only in what numba has compiled
        os.environ["SBPLANNER_CACHE_DIR"] = tempfile.mkdtemp(prefix=f"sbp-warmup-flow-{tag}-")
        t0 = time.perf_counter()
        processing.run(
            "sbplanner:delineate_watersheds",
            {
                "DEM": dem,
                "OUTLETS": str(DEMO / "outlet_beijing1954.shp"),
                "STREAM_THRESHOLD_KM2": 0.1,
                "OUTPUT_WATERSHEDS": f"ogr:dbname='{gpkg}' table=\"watersheds\" (geom)",
                "OUTPUT_STREAMS": f"ogr:dbname='{gpkg}' table=\"streams\" (geom)",
                "OUTPUT_OUTLETS": f"ogr:dbname='{gpkg}' table=\"outlets_snapped\" (geom)",
            },
        )
        t1 = time.perf_counter()
        processing.run(
            "sbplanner:divide_small_watersheds",
            {
                "DEM": dem,
                "BOUNDARY": f"{gpkg}|layername=watersheds",
                "MAX_AREA_KM2": 2.0,
                "MIN_AREA_KM2": 0.3,
                "STREAM_THRESHOLD_KM2": 0.1,
                "OUTPUT_WATERSHEDS": f"ogr:dbname='{gpkg}' table=\"small_watersheds\" (geom)",
                "OUTPUT_STREAMS": f"ogr:dbname='{gpkg}' table=\"small_watershed_streams\" (geom)",
            },
        )
        t2 = time.perf_counter()
        ws = QgsVectorLayer(f"{gpkg}|layername=watersheds", "ws", "ogr")
        units = QgsVectorLayer(f"{gpkg}|layername=small_watersheds", "units", "ogr")
        return {
            "delineate_s": t1 - t0,
            "divide_s": t2 - t1,
            "total_s": t2 - t0,
            "area_km2": [f["area_km2"] for f in ws.getFeatures()],
            "units": units.featureCount(),
            "units_area_km2": sum(f["area_km2"] for f in units.getFeatures()),
        }

    from sbplanner_plugin.gui import warmup

    result: dict = {"mode": mode, "start_up_s": start_up_s, "numba_cache_dir": os.environ.get("NUMBA_CACHE_DIR")}
    if mode == "after":
        phase[0] = "warmup"
        t0 = time.perf_counter()
        task = warmup.start_warmup()
        wait(task)
        result["warmup_wall_s"] = time.perf_counter() - t0
        result["warmup_report_s"] = task.report.total_s
        result["warmup_ok"] = task.report is not None and not task.report.cancelled and not task.error
        result["signatures_before"] = signatures()
        phase[0] = "run1"
        result["run1"] = delineate_and_divide("run1")
        phase[0] = "run2"
        result["run2"] = delineate_and_divide("run2")
        result["signatures_after"] = signatures()
    elif mode == "race":
        phase[0] = "race"
        task = warmup.start_warmup()
        result["run1"] = delineate_and_divide("run1")
        wait(task)
        result["warmup_ok"] = task.report is not None and not task.report.cancelled and not task.error
        result["warmup_error"] = task.error
    elif mode == "none":
        phase[0] = "run1"
        result["run1"] = delineate_and_divide("run1")
        phase[0] = "run2"
        result["run2"] = delineate_and_divide("run2")
    else:
        raise SystemExit(f"unknown mode {mode}")
    result["compiles"] = {k: dict(v) for k, v in compiles.items()}
    Path(out_path).write_text(json.dumps(result, indent=1), encoding="utf-8")
    sys.stdout.flush()
    os._exit(0)  # skip QGIS teardown


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
