"""QGIS test session: real QGIS (pytest-qgis, offscreen), Processing and the sbplanner provider."""

from __future__ import annotations

import gc
import importlib.util
import sys
import types
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def pytest_report_header(config: pytest.Config) -> list[str]:
    from osgeo import gdal
    from qgis.core import Qgis
    from qgis.PyQt.QtCore import PYQT_VERSION_STR, QT_VERSION_STR

    return [
        f"QGIS {Qgis.QGIS_VERSION} · GDAL {gdal.__version__} · Qt {QT_VERSION_STR} · PyQt {PYQT_VERSION_STR}",
    ]


@pytest.fixture(autouse=True)
def release_frames_of_failed_runs():
    """Free what a test held once it ends, even after an algorithm failed.

    An exception raised by an algorithm's ``processAlgorithm`` crosses into QGIS, which keeps its
    traceback (measured in 3.22: the traceback outlives ``processing.run``). Its frame's ``f_back``
    chain reaches the test's own frame, so every layer the test held lives on; a GeoPackage layer
    still alive when QGIS exits crashes the interpreter (segfault at exit: the whole ``make test``
    fails although every test passed). After each test, the finished frames of such tracebacks are
    cleared (their locals released); frames still running are left alone.
    """
    yield
    gc.collect()
    for tb in [o for o in gc.get_objects() if isinstance(o, types.TracebackType)]:
        frame = tb.tb_frame
        while frame is not None:
            try:
                frame.clear()
            except RuntimeError:  # still executing (pytest's own frames)
                break
            frame = frame.f_back
    gc.collect()


@pytest.fixture(scope="session", autouse=True)
def sbplanner_provider(qgis_app, qgis_processing):
    """Register SbPlannerProvider (id "sbplanner") once for the session; yields it (None if not built yet)."""
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    import sbplanner_plugin  # noqa: F401 - fails loudly when the package is broken

    try:
        has_provider = importlib.util.find_spec("sbplanner_plugin.processing.provider") is not None
    except ModuleNotFoundError:
        has_provider = False
    if not has_provider:
        yield None
        return
    from qgis.core import QgsApplication

    from sbplanner_plugin.processing.provider import SbPlannerProvider

    registry = QgsApplication.processingRegistry()
    provider = registry.providerById("sbplanner")
    registered_here = False
    if provider is None:
        provider = SbPlannerProvider()
        assert registry.addProvider(provider), "could not register the sbplanner provider"
        registered_here = True
    yield provider
    if registered_here and registry.providerById("sbplanner") is provider:
        registry.removeProvider(provider)


@pytest.fixture(scope="session")
def youwuzhen_plan(tmp_path_factory, demo_dir, sbplanner_provider) -> Path:
    """Steps 1 and 2 run once on Youwuzhen, as ``make demo`` does: a plan GeoPackage with
    watersheds/streams/outlets_snapped and the analysed ``parcels`` (demo R 7000, K 0.005, cover FVC,
    canopy YBD, 南方红壤丘陵区). Read-only: tests that write take ``youwuzhen_plan_copy``."""
    import processing

    from sbplanner_plugin.adapters.plan_store import PlanStore

    store = PlanStore(tmp_path_factory.mktemp("youwuzhen") / "plan.gpkg")
    store.ensure()
    dem = str(demo_dir / "ywzdem10m.tif")
    processing.run(
        "sbplanner:delineate_watersheds",
        {
            "DEM": dem,
            "OUTLETS": str(demo_dir / "outlet_beijing1954.shp"),
            "STREAM_THRESHOLD_KM2": 0.1,
            "OUTPUT_WATERSHEDS": store.destination("watersheds"),
            "OUTPUT_STREAMS": store.destination("streams"),
            "OUTPUT_OUTLETS": store.destination("outlets_snapped"),
        },
    )
    processing.run(
        "sbplanner:analyse_parcels",
        {
            "PARCELS": str(demo_dir / "parcels_gbt21010.gpkg"),
            "DEM": dem,
            "WATERSHEDS": store.layer_uri("watersheds"),
            "R_FACTOR": 7000,
            "K_FACTOR": 0.005,
            "COVER_FIELD": "FVC",
            "CANOPY_FIELD": "YBD",
            "EROSION_REGION": 0,
            "SLOPE_SYSTEM": 1,
            "OUTPUT_PARCELS": store.destination("parcels"),
        },
    )
    return store.path


def copy_plan(source: Path, folder: Path):
    """A private, writable copy of a plan GeoPackage (a PlanStore): SQLite's backup API, so tables still in the
    source's write-ahead log (a plan QGIS has just written and still holds open) are copied too."""
    import sqlite3

    from sbplanner_plugin.adapters.plan_store import PlanStore

    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "plan.gpkg"
    src, dst = sqlite3.connect(source, timeout=30), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return PlanStore(target)


def demo_units(store, demo_dir: Path) -> None:
    """Into ``store`` (a copy of the Youwuzhen plan): the small watersheds (0.3–2 km², as ``make demo``) and the
    parcels analysed on them (南方红壤丘陵区, D.0.10 slope classes, the demo's assumed R and K)."""
    import processing

    dem = str(demo_dir / "ywzdem10m.tif")
    processing.run("sbplanner:divide_small_watersheds", {
        "DEM": dem, "BOUNDARY": store.layer_uri("watersheds"), "MAX_AREA_KM2": 2.0, "MIN_AREA_KM2": 0.3,
        "STREAM_THRESHOLD_KM2": 0.1, "OUTPUT_WATERSHEDS": store.destination("small_watersheds"),
        "OUTPUT_STREAMS": store.destination("small_watershed_streams"),
    })  # fmt: skip
    processing.run("sbplanner:analyse_parcels", {
        "PARCELS": str(demo_dir / "parcels_gbt21010.gpkg"), "DEM": dem,
        "WATERSHEDS": store.layer_uri("small_watersheds"),
        "R_FACTOR": 7000, "K_FACTOR": 0.005, "COVER_FIELD": "FVC", "CANOPY_FIELD": "YBD", "EROSION_REGION": 0,
        "SLOPE_SYSTEM": 1, "OUTPUT_PARCELS": store.destination("parcels"),
    })  # fmt: skip


@pytest.fixture
def youwuzhen_plan_copy(youwuzhen_plan, tmp_path):
    return copy_plan(youwuzhen_plan, tmp_path / "copy")


@pytest.fixture
def dock(qgis_iface, sbplanner_provider, tmp_path):
    """The SBPlanner dock on a fresh project, its plan GeoPackage in ``tmp_path`` (step-3 tests override
    this with a dock on an analysed plan)."""
    from qgis.core import QgsProject

    from sbplanner_plugin.gui.dock import SbPlannerDock

    assert sbplanner_provider is not None, "sbplanner provider missing"
    QgsProject.instance().clear()
    widget = SbPlannerDock(qgis_iface)
    widget.plan_widget.setFilePath(str(tmp_path / "plan.gpkg"))
    yield widget
    widget.cleanup()
    widget.deleteLater()
    QgsProject.instance().clear()


@pytest.fixture(scope="session")
def youwuzhen_plan5(youwuzhen_plan, demo_dir, tmp_path_factory):
    """Youwuzhen with steps 1–5 as ``make demo`` runs them (small watersheds, summaries, layout, quantities,
    investment, ranking, benefits): a PlanStore, read only — tests that write take a ``copy_plan`` of it."""
    import processing

    from sbplanner_plugin.demo import step4, step5

    out = tmp_path_factory.mktemp("ywz_steps5")
    store = copy_plan(youwuzhen_plan, out / "plan")
    demo_units(store, demo_dir)
    processing.run("sbplanner:summarise_watersheds", {
        "PARCELS": store.layer_uri("parcels"), "WATERSHEDS": store.layer_uri("small_watersheds"), "SLOPE_SYSTEM": 1,
        "PLAN": str(store.path), **{k: "TEMPORARY_OUTPUT" for k in ("OUTPUT_LANDUSE_SLOPE", "OUTPUT_D010",
                                                                    "OUTPUT_D011", "OUTPUT_D05", "OUTPUT_INDICATORS")},
    })  # fmt: skip
    processing.run("sbplanner:assign_measures", {
        "PARCELS": store.layer_uri("parcels"), "REGION": 0, "OUTPUT_PARCELS": store.destination("parcels_measures"),
    })  # fmt: skip
    assert step4.run_step4(store, demo_dir / "ywzdem10m.tif", out, "note")
    assert step5.run_step5(store, out, 0)
    return store
