"""House rule: sbplanner_plugin/core/ is pure numpy/pandas/geopandas/shapely/pyflwdir.

No QGIS, no Qt, no GDAL bindings: the core must run (and be tested) without QGIS, and every
QGIS/GDAL conversion belongs to sbplanner_plugin/adapters/.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE_DIR = Path(__file__).resolve().parents[2] / "sbplanner_plugin" / "core"
FORBIDDEN_ROOTS = {"qgis", "PyQt5", "PyQt6", "PySide2", "PySide6", "sip", "osgeo", "processing"}
FORBIDDEN_PACKAGE_PARTS = {"adapters", "gui", "processing", "plugin"}  # sbplanner_plugin.<part>


def forbidden_imports(source: str, filename: str = "<string>") -> list[str]:
    """Every forbidden import in ``source`` as ``"line: module"``."""
    found = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        modules: list[str] = []
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules = [node.module]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", ""))
            in (
                "import_module",
                "__import__",
            )
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            modules = [node.args[0].value]
        for module in modules:
            parts = module.split(".")
            if parts[0] in FORBIDDEN_ROOTS or (
                parts[0] == "sbplanner_plugin" and len(parts) > 1 and parts[1] in FORBIDDEN_PACKAGE_PARTS
            ):
                found.append(f"{node.lineno}: {module}")
    return found


def core_files() -> list[Path]:
    return sorted(CORE_DIR.rglob("*.py"))


def test_core_exists() -> None:
    assert (CORE_DIR / "__init__.py").is_file()


@pytest.mark.parametrize("path", core_files(), ids=lambda p: str(p.relative_to(CORE_DIR)))
def test_core_module_imports_no_qgis_qt_or_gdal(path: Path) -> None:
    offences = forbidden_imports(path.read_text(encoding="utf-8"), str(path))
    assert offences == [], f"{path} imports what core/ must not: {offences}"


@pytest.mark.parametrize(
    "source",
    [
        "import qgis.core",
        "from qgis.PyQt.QtCore import QVariant",
        "from PyQt5 import QtWidgets",
        "import PyQt6.QtCore as qc",
        "from osgeo import gdal",
        "def f():\n    from qgis.core import QgsRasterLayer\n",
        "import importlib\nimportlib.import_module('qgis.core')",
        "from sbplanner_plugin.adapters.raster import read_dem",
    ],
)
def test_checker_catches_forbidden_imports(source: str) -> None:
    assert forbidden_imports(source) != []


@pytest.mark.parametrize(
    "source",
    [
        "import numpy as np",
        "from shapely import geometry",
        "import pyflwdir",
        "from sbplanner_plugin.core.errors import SbPlannerError",
        "from . import hydrology",
        "qgis_like_name = 1",
    ],
)
def test_checker_allows_core_imports(source: str) -> None:
    assert forbidden_imports(source) == []
