"""QGIS test session: real QGIS (pytest-qgis, offscreen), Processing and the sbplanner provider."""

from __future__ import annotations

import importlib.util
import sys
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
