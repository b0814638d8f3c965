"""The provider works headless: ``qgis_process.bin run sbplanner:...`` on a staged plugin."""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys

import pytest
from qgis.core import QgsVectorLayer

QGIS_PROCESS = shutil.which("qgis_process.bin")

pytestmark = pytest.mark.skipif(QGIS_PROCESS is None, reason="qgis_process.bin not installed")


@pytest.fixture(scope="module")
def headless_env(tmp_path_factory, repo_root) -> dict:
    """A staged plugin folder (package + metadata + resources) and a throw-away QGIS profile."""
    root = tmp_path_factory.mktemp("qgis_process")
    plugin = root / "plugins" / "sbplanner_plugin"
    shutil.copytree(repo_root / "sbplanner_plugin", plugin, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(repo_root / "metadata.txt", plugin)
    shutil.copytree(repo_root / "resources", plugin / "resources", ignore=shutil.ignore_patterns("demo"))
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        QGIS_PLUGINPATH=str(plugin.parent),
        HOME=str(root / "home"),
        QGIS_CUSTOM_CONFIG_PATH=str(root / "profile"),
        XDG_RUNTIME_DIR=str(root / "run"),
        SBPLANNER_DEPS_DIR=site.getsitepackages()[0] if sys.prefix != sys.base_prefix else "",
        SBPLANNER_CACHE_DIR=str(root / "cache"),
    )
    (root / "run").mkdir(mode=0o700)
    done = subprocess.run(
        [QGIS_PROCESS, "plugins", "enable", "sbplanner_plugin"], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0 or "already enabled" in done.stderr, done.stdout + done.stderr
    return env


def test_qgis_process_runs_delineation_and_division(headless_env, demo_dir, tmp_path) -> None:
    ws, streams, outlets = (tmp_path / f"{n}.gpkg" for n in ("ws", "streams", "outlets"))
    run = subprocess.run(
        [
            QGIS_PROCESS,
            "run",
            "sbplanner:delineate_watersheds",
            "--",
            f"DEM={demo_dir / 'ywzdem10m.tif'}",
            f"OUTLETS={demo_dir / 'outlet_beijing1954.shp'}",
            "STREAM_THRESHOLD_KM2=0.1",
            f"OUTPUT_WATERSHEDS={ws}",
            f"OUTPUT_STREAMS={streams}",
            f"OUTPUT_OUTLETS={outlets}",
        ],
        env=headless_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    layer = QgsVectorLayer(str(ws), "ws", "ogr")
    (feat,) = list(layer.getFeatures())
    assert feat["area_km2"] == pytest.approx(5.3933, rel=0.01)
    small = tmp_path / "small.gpkg"
    run = subprocess.run(
        [
            QGIS_PROCESS,
            "run",
            "sbplanner:divide_small_watersheds",
            "--",
            f"DEM={demo_dir / 'ywzdem10m.tif'}",
            f"BOUNDARY={ws}",
            "MAX_AREA_KM2=2",
            "MIN_AREA_KM2=0.3",
            f"OUTPUT_WATERSHEDS={small}",
            f"OUTPUT_STREAMS={tmp_path / 'small_streams.gpkg'}",
        ],
        env=headless_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    units = list(QgsVectorLayer(str(small), "small", "ogr").getFeatures())
    assert len(units) >= 3
    assert sum(u["area_km2"] for u in units) == pytest.approx(feat["area_km2"])


def test_qgis_process_reports_bad_input_without_traceback(headless_env, demo_dir, tmp_path) -> None:
    empty = tmp_path / "empty.geojson"
    empty.write_text('{"type": "FeatureCollection", "features": []}')
    run = subprocess.run(
        [
            QGIS_PROCESS,
            "run",
            "sbplanner:delineate_watersheds",
            "--",
            f"DEM={demo_dir / 'ywzdem10m.tif'}",
            f"OUTLETS={empty}",
            f"OUTPUT_WATERSHEDS={tmp_path / 'ws.gpkg'}",
            f"OUTPUT_STREAMS={tmp_path / 's.gpkg'}",
            f"OUTPUT_OUTLETS={tmp_path / 'o.gpkg'}",
        ],
        env=headless_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode != 0
    out = run.stdout + run.stderr
    assert "holds no points" in out
    assert "Traceback" not in out
    assert not (tmp_path / "ws.gpkg").exists()
