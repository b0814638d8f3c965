#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Re-run latency of sbplanner:delineate_watersheds on the bundled Youwuzhen 10 m DEM.

Issue 2: re-running with a moved outlet on the same DEM must not redo the DEM
conditioning (cache), so it answers in about a second on the demo data.

    .venv/bin/python bench/bench_rerun.py [--dem PATH] [--shift-m 20]

Run 1 starts with an empty SBPLANNER_CACHE_DIR (conditioning computed and cached);
run 2 moves the outlet by --shift-m metres east and should load the conditioning
from the cache; run 3 repeats run 2 (steady state). All in one QgsApplication, as
in the QGIS GUI. Run 1 also pays numba's JIT compilation unless the numba cache
is already warm (the bench reports whether it was).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DEMO = os.path.join(REPO, "resources", "demo", "youwuzhen")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dem", default=os.path.join(DEMO, "ywzdem10m.tif"))
    ap.add_argument("--outlet", default=os.path.join(DEMO, "outlet_beijing1954.shp"))
    ap.add_argument("--shift-m", type=float, default=20.0)
    ap.add_argument("--threshold-km2", type=float, default=0.1)
    ap.add_argument("--out", default=os.path.join(HERE, "output"))
    args = ap.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    cache_dir = tempfile.mkdtemp(prefix="sbp-rerun-cache-")
    os.environ["SBPLANNER_CACHE_DIR"] = cache_dir
    for p in (REPO, "/usr/share/qgis/python/plugins"):
        if p not in sys.path:
            sys.path.insert(0, p)

    from qgis.core import QgsApplication, QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    from sbplanner_plugin.processing.provider import SbPlannerProvider

    provider = SbPlannerProvider()  # keep a reference: the registry does not own the Python object
    QgsApplication.processingRegistry().addProvider(provider)
    import processing

    src = QgsVectorLayer(args.outlet, "outlet", "ogr")
    if not src.isValid() or src.featureCount() < 1:
        print("cannot read outlet layer", args.outlet)
        return 2
    pt = next(src.getFeatures()).geometry().asPoint()
    crs = src.crs().authid()

    def outlet_layer(dx):
        lyr = QgsVectorLayer("Point?crs={0}".format(crs), "outlet", "memory")
        f = QgsFeature()
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(pt.x() + dx, pt.y())))
        lyr.dataProvider().addFeatures([f])
        return lyr

    os.makedirs(args.out, exist_ok=True)
    gpkg = os.path.join(args.out, "rerun.gpkg")
    if os.path.exists(gpkg):
        os.remove(gpkg)

    def dest(name):
        return "ogr:dbname='{0}' table=\"{1}\" (geom)".format(gpkg, name)

    runs = []
    for label, dx in (
        ("cold (empty cache)", 0.0),
        ("outlet moved {0:g} m".format(args.shift_m), args.shift_m),
        ("same again", args.shift_m),
    ):
        params = {
            "DEM": args.dem,
            "OUTLETS": outlet_layer(dx),
            "STREAM_THRESHOLD_KM2": args.threshold_km2,
            "SNAP_DISTANCE_M": 0.0,
            "OUTPUT_WATERSHEDS": dest("watersheds"),
            "OUTPUT_STREAMS": dest("streams"),
            "OUTPUT_OUTLETS": dest("outlets_snapped"),
        }
        t0 = time.perf_counter()
        processing.run("sbplanner:delineate_watersheds", params)
        wall = time.perf_counter() - t0
        ws = QgsVectorLayer(gpkg + "|layername=watersheds", "ws", "ogr")
        area = None
        for f in ws.getFeatures():
            area = f["area_km2"] if "area_km2" in f.fields().names() else None
        runs.append({"run": label, "wall_s": wall, "area_km2": area})
        print("{0:<24} {1:7.2f} s   area {2} km2".format(label, wall, area), flush=True)

    shutil.rmtree(cache_dir, ignore_errors=True)
    with open(os.path.join(args.out, "rerun.json"), "w", encoding="utf-8") as fh:
        json.dump({"dem": args.dem, "runs": runs}, fh, indent=1)
    sys.stdout.flush()
    os._exit(0)  # skip QGIS teardown; nothing left to do


if __name__ == "__main__":
    sys.exit(main())
