"""House rules of the package layout, checked on the source (AST), for every module of sbplanner_plugin.

1. Layers, imports one way only: ``core ← adapters ← processing ← gui ← plugin``. A module may import
   modules of its own layer and of the layers below it. Every import form counts: ``import a.b``,
   ``from a import b`` (``b`` a module or a name), relative ``from . import x`` / ``from ..gui import y``,
   ``from sbplanner_plugin import gui``, imports inside functions, and ``importlib.import_module`` /
   ``__import__`` with a constant name (an f-string counts by its constant prefix). The top-level
   modules are classified in :data:`TOP_LEVEL`; a new one fails until it is classified.
2. ``core`` imports no QGIS, Qt, GDAL, SQLite or PostgreSQL driver, and below ``gui`` no module imports
   widgets (``qgis.gui``, ``QtWidgets``, ``qgis.utils``' iface): Processing runs headless (qgis_process).
3. An algorithm module (``processing/algorithms/*``) never imports another algorithm module, nor the
   provider (which imports them all); shared code goes to core, adapters or ``processing/base.py``.
4. ``gui`` never imports ``processing.algorithms`` (it may import ``processing.base`` and
   ``processing.provider``).
5. ``core`` does no file I/O: no ``open()``, no ``Path`` reads/writes/listing, no ``os``/``shutil``/
   ``tempfile`` file calls, no csv reader/writer on a file (parsing text handed in is fine), no
   numpy/pandas file readers/writers.
6. Thin algorithms: every algorithm's ``compute()`` is at most :data:`MAX_COMPUTE_LINES` lines
   (``def`` line to last line, as ``ast`` counts them), and no algorithm overrides
   ``processAlgorithm`` (the base class's runs ``compute`` and translates errors).

7. No import cycle (any import, also inside functions) among the modules below the gui: the plan
   store's GeoPackage and PostGIS modules used to import each other.

Each rule is tested on the package and, with sample sources that must fail and that must pass, on
the checker itself.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "sbplanner_plugin"
PACKAGE_DIR = REPO_ROOT / PACKAGE
ALGORITHMS = f"{PACKAGE}.processing.algorithms"
#: Stands for the run-time part of a dynamic import's name.
DYNAMIC = "<dynamic>"
BEYOND = "<relative import beyond the package>"
MAX_COMPUTE_LINES = 60

LAYERS = ("core", "adapters", "processing", "gui", "plugin")
RANK = {layer: rank for rank, layer in enumerate(LAYERS)}

#: Layer of each top-level module or package of sbplanner_plugin (``__init__`` = the package itself).
TOP_LEVEL = {
    "core": "core",
    "adapters": "adapters",
    # infrastructure at the adapters level: environment, files and settings, no SBPlanner layer above
    "paths": "adapters",  # where the bundled resources are (stdlib only); adapters and gui read them
    "deps": "adapters",  # dependency check and pip install (environment, files, subprocess)
    "__about__": "adapters",  # version from metadata.txt; the Processing provider reports it
    "settings": "adapters",  # QgsSettings of the plugin, read by the gui and the plugin
    "i18n": "adapters",  # finds and installs the .qm translator (also for Processing-only use)
    "processing": "processing",
    "gui": "gui",
    "plugin": "plugin",
    "__init__": "plugin",  # classFactory: QGIS's entry point, imports plugin.py
    "demo": "plugin",  # the command-line demo drives everything (and is not shipped: test_packaging)
}

#: Third-party roots the core must not import.
CORE_FORBIDDEN_ROOTS = {"qgis", "PyQt5", "PyQt6", "PySide2", "PySide6", "sip", "osgeo", "processing", "sqlite3",
                        "psycopg2"}  # fmt: skip
#: Widget modules: gui and plugin only.
WIDGET_MODULES = ("qgis.gui", "qgis.utils", "qgis.PyQt.QtWidgets", "PyQt5.QtWidgets", "PyQt6.QtWidgets")


# --------------------------------------------------------------------------------------------------------
# the package's modules


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO_ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def package_files() -> list[Path]:
    return sorted(p for p in PACKAGE_DIR.rglob("*.py") if "__pycache__" not in p.parts)


KNOWN_MODULES = frozenset(module_name(p) for p in package_files())


def is_package(module: str) -> bool:
    return (REPO_ROOT.joinpath(*module.split(".")) / "__init__.py").is_file()


def layer_of(module: str) -> str:
    """Layer of a module of sbplanner_plugin; KeyError for an unclassified top-level module."""
    parts = module.split(".")
    if len(parts) == 1:
        return TOP_LEVEL["__init__"]
    return "plugin" if parts[1] == DYNAMIC else TOP_LEVEL[parts[1]]  # unknown: anything in the package


def _ids(path: Path) -> str:
    return str(path.relative_to(PACKAGE_DIR))


# --------------------------------------------------------------------------------------------------------
# what a source imports


def _resolve_relative(name: str, level: int, package: str) -> str | None:
    base = package.split(".")
    if level - 1 > len(base) - 1:
        return None  # beyond the top-level package
    base = base[: len(base) - (level - 1)]
    return ".".join(base + ([name] if name else []))


def _from_target(module: str, alias: str) -> str:
    """``from module import alias``: the submodule when it is one of ours, else the module."""
    candidate = f"{module}.{alias}"
    return candidate if candidate in KNOWN_MODULES else module


def _constant_prefix(node: ast.expr) -> tuple[str | None, bool]:
    """(text, complete) of a string argument: a constant, or the constant start of an f-string / sum."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value, True
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        return str(node.values[0].value), False
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        text, _complete = _constant_prefix(node.left)
        return text, False
    return None, False


def _dynamic_target(call: ast.Call, package: str) -> str | None:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if name not in ("import_module", "__import__") or not call.args:
        return None
    text, complete = _constant_prefix(call.args[0])
    if not text:
        return None  # a name computed at run time (deps imports third-party packages so): not checkable
    if not complete:  # f"sbplanner_plugin.processing.algorithms.{x}": any module under the known part
        text = text[: text.rfind(".") + 1] + DYNAMIC
    if text.startswith("."):
        anchor = None
        if len(call.args) > 1:
            anchor, _ = _constant_prefix(call.args[1])
        for keyword in call.keywords:
            if keyword.arg == "package":
                anchor, _ = _constant_prefix(keyword.value)
        level = len(text) - len(text.lstrip("."))
        return _resolve_relative(text.lstrip("."), level, anchor or package) or BEYOND
    return text


def imports(source: str, module: str) -> list[tuple[int, str]]:
    """Every module ``source`` (the text of ``module``) imports, as ``(line, absolute dotted name)``."""
    package = module if is_package(module) else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = _resolve_relative(base, node.level, package)
                if base is None:
                    found.append((node.lineno, BEYOND))
                    continue
            for alias in node.names:
                target = _from_target(base, alias.name) if _ours(base) else base
                found.append((node.lineno, target))
        elif isinstance(node, ast.Call):
            target = _dynamic_target(node, package)
            if target:
                found.append((node.lineno, target))
    return sorted(set(found))


def _ours(name: str) -> bool:
    return name == PACKAGE or name.startswith(PACKAGE + ".")


# --------------------------------------------------------------------------------------------------------
# rules 1-4: imports


def layer_offences(source: str, module: str) -> list[str]:
    """Imports of ``module`` that break the layering (rules 1 and 2), as ``"line: target (why)"``."""
    own = layer_of(module)
    offences = []
    for line, target in imports(source, module):
        if target == BEYOND:
            offences.append(f"{line}: {target}")
        elif _ours(target):
            try:
                theirs = layer_of(target)
            except KeyError:
                offences.append(f"{line}: {target} (unclassified top-level module)")
                continue
            if RANK[theirs] > RANK[own]:
                offences.append(f"{line}: {target} ({own} must not import {theirs})")
        elif own == "core" and target.split(".")[0] in CORE_FORBIDDEN_ROOTS:
            offences.append(f"{line}: {target} (core is pure numpy/pandas/shapely/numba)")
        elif RANK[own] < RANK["gui"] and any(target == w or target.startswith(w + ".") for w in WIDGET_MODULES):
            offences.append(f"{line}: {target} (widgets below the gui)")
    return offences


def algorithm_offences(source: str, module: str) -> list[str]:
    """An algorithm module importing another algorithm module or the provider (rule 3)."""
    offences = []
    for line, target in imports(source, module):
        other_algorithm = target.startswith(ALGORITHMS + ".") and target != module
        if other_algorithm or target == f"{PACKAGE}.processing.provider":
            offences.append(f"{line}: {target}")
    return offences


def gui_algorithm_offences(source: str, module: str) -> list[str]:
    """The gui importing ``processing.algorithms`` (rule 4)."""
    return [
        f"{line}: {target}"
        for line, target in imports(source, module)
        if target == ALGORITHMS or target.startswith(ALGORITHMS + ".")
    ]


# --------------------------------------------------------------------------------------------------------
# rule 5: no file I/O in core

#: Calls (by dotted name, import aliases resolved) that read, write, list or test files.
FILE_CALLS = {
    "open", "io.open", "io.FileIO", "builtins.open", "codecs.open", "sqlite3.connect",
    "json.load", "json.dump", "pickle.load", "pickle.dump",
    "os.open", "os.fdopen", "os.remove", "os.unlink", "os.rename", "os.replace", "os.utime", "os.mkdir",
    "os.makedirs", "os.rmdir", "os.removedirs", "os.listdir", "os.scandir", "os.walk", "os.stat", "os.lstat",
    "os.truncate", "os.chmod", "os.link", "os.symlink", "os.access",
    "os.path.exists", "os.path.lexists", "os.path.isfile", "os.path.isdir", "os.path.islink",
    "os.path.getsize", "os.path.getmtime", "os.path.getatime", "os.path.getctime", "os.path.samefile",
    "numpy.load", "numpy.save", "numpy.savez", "numpy.savez_compressed", "numpy.loadtxt", "numpy.savetxt",
    "numpy.genfromtxt", "numpy.fromfile", "numpy.memmap",
}  # fmt: skip
#: Any call into these modules is file I/O.
FILE_MODULES = ("shutil", "tempfile", "glob")
#: Methods that read, write, list or test files whatever object they are called on (Path, file, gzip …).
FILE_METHODS = {"read_text", "read_bytes", "write_text", "write_bytes", "open", "touch", "unlink", "mkdir",
                "rmdir", "iterdir", "glob", "rglob", "exists", "is_file", "is_dir", "stat", "tofile"}  # fmt: skip
#: pandas writers: file I/O when given a path or buffer (``to_csv()`` alone returns text).
PANDAS_WRITERS = {"to_csv", "to_excel", "to_parquet", "to_pickle", "to_feather", "to_hdf", "to_sql", "to_json"}
CSV_READERS_WRITERS = {"csv.reader", "csv.writer", "csv.DictReader", "csv.DictWriter"}


def _dotted(node: ast.expr, aliases: dict[str, str]) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return ""
    parts.append(aliases.get(node.id, node.id))
    return ".".join(reversed(parts))


def _text_source(node: ast.expr, aliases: dict[str, str]) -> bool:
    """A csv reader's argument that is text in memory: ``io.StringIO(...)``, ``x.splitlines()``, a literal."""
    if isinstance(node, ast.List | ast.Tuple):
        return True
    if isinstance(node, ast.Call):
        name = _dotted(node.func, aliases)
        return name in ("io.StringIO", "StringIO") or name.endswith(".splitlines")
    return False


def file_io_offences(source: str) -> list[str]:
    tree = ast.parse(source)
    aliases: dict[str, str] = {}
    offences = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                aliases[alias.asname or alias.name.split(".")[0]] = (
                    alias.name if alias.asname else alias.name.split(".")[0]
                )
                if alias.name.split(".")[0] in (*FILE_MODULES, "sqlite3"):
                    offences.append(f"{node.lineno}: import {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
            if node.module.split(".")[0] in (*FILE_MODULES, "sqlite3"):
                offences.append(f"{node.lineno}: from {node.module} import …")
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _dotted(node.func, aliases)
        method = node.func.attr if isinstance(node.func, ast.Attribute) else ""
        if name in FILE_CALLS or name.split(".")[0] in FILE_MODULES or name.startswith("pandas.read_"):
            offences.append(f"{node.lineno}: {name}()")
        elif name in CSV_READERS_WRITERS and not (node.args and _text_source(node.args[0], aliases)):
            offences.append(f"{node.lineno}: {name}() on a file")
        elif method in FILE_METHODS:
            offences.append(f"{node.lineno}: .{method}()")
        elif method in PANDAS_WRITERS and (node.args or any(k.arg == "path_or_buf" for k in node.keywords)):
            offences.append(f"{node.lineno}: .{method}(<file>)")
    return sorted(set(offences), key=lambda o: int(o.split(":")[0]))


# --------------------------------------------------------------------------------------------------------
# rule 6: thin algorithms


def compute_offences(source: str, limit: int = MAX_COMPUTE_LINES) -> list[str]:
    offences = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ClassDef):
            continue
        for item in node.body:
            if not isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            lines = item.end_lineno - item.lineno + 1
            if item.name == "compute" and lines > limit:
                offences.append(f"{node.name}.compute: {lines} lines (at most {limit})")
            if item.name == "processAlgorithm":
                offences.append(f"{node.name}.processAlgorithm: overridden (put the work in compute)")
    return offences


# --------------------------------------------------------------------------------------------------------
# rule 7: no import cycle


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return cycles


def package_import_graph(layers: tuple[str, ...]) -> dict[str, set[str]]:
    """module → the package modules it imports, for the modules of ``layers``."""
    graph = {}
    for path in package_files():
        module = module_name(path)
        if layer_of(module) in layers:
            targets = {t for _line, t in imports(path.read_text(encoding="utf-8"), module)}
            graph[module] = {t for t in targets if t in KNOWN_MODULES and t != module}
    return graph


# ========================================================================================================
# the package


def test_package_layout_exists() -> None:
    for layer in ("core", "adapters", "processing", "gui"):
        assert (PACKAGE_DIR / layer / "__init__.py").is_file(), layer
    assert (PACKAGE_DIR / "processing" / "base.py").is_file()


@pytest.mark.parametrize("path", package_files(), ids=_ids)
def test_every_module_is_classified(path: Path) -> None:
    assert layer_of(module_name(path)) in LAYERS


@pytest.mark.parametrize("path", package_files(), ids=_ids)
def test_imports_follow_the_layers(path: Path) -> None:
    offences = layer_offences(path.read_text(encoding="utf-8"), module_name(path))
    assert offences == [], f"{_ids(path)} ({layer_of(module_name(path))}) imports across the layers: {offences}"


ALGORITHM_FILES = sorted(p for p in (PACKAGE_DIR / "processing" / "algorithms").glob("*.py") if p.name != "__init__.py")
CORE_FILES = sorted((PACKAGE_DIR / "core").rglob("*.py"))
GUI_FILES = sorted((PACKAGE_DIR / "gui").rglob("*.py"))


def test_there_are_algorithms() -> None:
    assert len(ALGORITHM_FILES) >= 6


@pytest.mark.parametrize("path", ALGORITHM_FILES, ids=_ids)
def test_algorithms_do_not_import_each_other(path: Path) -> None:
    offences = algorithm_offences(path.read_text(encoding="utf-8"), module_name(path))
    assert offences == [], f"{_ids(path)} imports another algorithm module: {offences}"


@pytest.mark.parametrize("path", GUI_FILES, ids=_ids)
def test_gui_does_not_import_algorithm_modules(path: Path) -> None:
    offences = gui_algorithm_offences(path.read_text(encoding="utf-8"), module_name(path))
    assert offences == [], f"{_ids(path)} imports processing.algorithms: {offences}"


@pytest.mark.parametrize("path", CORE_FILES, ids=_ids)
def test_core_does_no_file_io(path: Path) -> None:
    offences = file_io_offences(path.read_text(encoding="utf-8"))
    assert offences == [], f"{_ids(path)} does file I/O (belongs to adapters/): {offences}"


@pytest.mark.parametrize("path", ALGORITHM_FILES, ids=_ids)
def test_algorithms_are_thin(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert "def compute(" in source, f"{_ids(path)} has no compute()"
    offences = compute_offences(source)
    assert offences == [], f"{_ids(path)}: {offences}"


def test_no_import_cycle_below_the_gui() -> None:
    graph = package_import_graph(("core", "adapters", "processing"))
    assert f"{PACKAGE}.adapters.plan_store_postgis" in graph
    assert import_cycles(graph) == []


# ========================================================================================================
# the checker (test the test): samples that must fail and samples that must pass, for every rule

CORE = f"{PACKAGE}.core.grid"
ADAPTER = f"{PACKAGE}.adapters.raster"
PROC = f"{PACKAGE}.processing.base"
ALGO = f"{ALGORITHMS}.assign_measures"
GUI = f"{PACKAGE}.gui.dock"
GUI_STEP = f"{PACKAGE}.gui.steps.base"
PLUGIN = f"{PACKAGE}.plugin"


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        (CORE, "import qgis.core", "qgis.core (core is"),
        (CORE, "from qgis.PyQt.QtCore import QVariant", "qgis.PyQt.QtCore"),
        (CORE, "from PyQt5 import QtWidgets", "PyQt5"),
        (CORE, "import PyQt6.QtCore as qc", "PyQt6.QtCore"),
        (CORE, "from osgeo import gdal", "osgeo"),
        (CORE, "import sqlite3", "sqlite3"),
        (CORE, "def f():\n    from qgis.core import QgsRasterLayer\n", "2: qgis.core"),
        (CORE, "import importlib\nimportlib.import_module('qgis.core')", "2: qgis.core"),
        (CORE, "from sbplanner_plugin.adapters.raster import read_dem", "raster (core must not import adapters)"),
        (CORE, "from sbplanner_plugin import adapters", "sbplanner_plugin.adapters (core must not import adapters)"),
        (CORE, "from sbplanner_plugin import gui", "sbplanner_plugin.gui (core must not import gui)"),
        (CORE, "from sbplanner_plugin import paths", "sbplanner_plugin.paths (core must not import adapters)"),
        (CORE, "from .. import paths", "sbplanner_plugin.paths (core"),
        (CORE, "from ..adapters import raster", "sbplanner_plugin.adapters.raster (core"),
        (CORE, "from ..adapters.raster import read_dem", "sbplanner_plugin.adapters.raster (core"),
        (CORE, "import sbplanner_plugin.processing.base", "processing.base (core must not import processing)"),
        (CORE, "import sbplanner_plugin", "sbplanner_plugin (core must not import plugin)"),
        (CORE, "__import__('sbplanner_plugin.gui')", "sbplanner_plugin.gui (core"),
        (ADAPTER, "from sbplanner_plugin.processing.base import user_message", "processing.base (adapters"),
        (ADAPTER, "from ..processing import base", "sbplanner_plugin.processing.base (adapters"),
        (ADAPTER, "from .. import processing", "sbplanner_plugin.processing (adapters"),
        (ADAPTER, "def f():\n    from sbplanner_plugin import gui\n", "2: sbplanner_plugin.gui (adapters"),
        (ADAPTER, "import sbplanner_plugin.plugin", "sbplanner_plugin.plugin (adapters must not import plugin)"),
        (ADAPTER, "from sbplanner_plugin import classFactory", "sbplanner_plugin (adapters must not import plugin)"),
        (ADAPTER, "from qgis.utils import iface", "qgis.utils (widgets"),
        (ADAPTER, "from qgis.gui import QgsMapCanvas", "qgis.gui (widgets"),
        (f"{PACKAGE}.paths", "from sbplanner_plugin.processing import provider", "processing.provider (adapters"),
        (f"{PACKAGE}.deps", "from .gui import dock", "sbplanner_plugin.gui.dock (adapters"),
        (f"{PACKAGE}.settings", "from sbplanner_plugin import plugin", "sbplanner_plugin.plugin (adapters"),
        (f"{PACKAGE}.i18n", "from . import gui", "sbplanner_plugin.gui (adapters"),
        (PROC, "from sbplanner_plugin.gui.dock import SbPlannerDock", "gui.dock (processing must not import gui)"),
        (PROC, "from ..gui import dock", "sbplanner_plugin.gui.dock (processing"),
        (PROC, "from qgis.PyQt.QtWidgets import QDialog", "qgis.PyQt.QtWidgets (widgets"),
        (PROC, "__import__('sbplanner_plugin.gui.dock')", "sbplanner_plugin.gui.dock (processing"),
        (PROC, "import importlib\nimportlib.import_module('.gui', 'sbplanner_plugin')", ".gui (processing"),
        (PROC, "import importlib\nimportlib.import_module('..gui.dock', package='sbplanner_plugin.processing')",
         "sbplanner_plugin.gui.dock (processing"),
        (PROC, "from importlib import import_module\nimport_module(f'sbplanner_plugin.gui.{name}')",
         "sbplanner_plugin.gui.<dynamic> (processing must not import gui)"),
        (PROC, "import importlib\nimportlib.import_module('sbplanner_plugin.' + 'gui')",
         "sbplanner_plugin.<dynamic> (processing must not import plugin)"),
        (ALGO, "from ...gui import layers", "sbplanner_plugin.gui.layers (processing"),
        (ALGO, "from ... import plugin", "sbplanner_plugin.plugin (processing"),
        (GUI, "from sbplanner_plugin.plugin import SbPlannerPlugin", "plugin (gui must not import plugin)"),
        (GUI, "from .. import plugin", "sbplanner_plugin.plugin (gui"),
        (GUI, "import sbplanner_plugin", "sbplanner_plugin (gui must not import plugin)"),
        (GUI_STEP, "from ...demo import run_demo", "sbplanner_plugin.demo.run_demo (gui must not import plugin)"),
        (GUI_STEP, "from ....outside import x", "relative import beyond the package"),
        (GUI_STEP, "import importlib\nimportlib.import_module('....outside')", "relative import beyond the package"),
    ],
)  # fmt: skip
def test_checker_catches_layer_violations(module: str, source: str, expected: str) -> None:
    offences = layer_offences(source, module)
    assert any(expected in offence for offence in offences), offences


@pytest.mark.parametrize(
    ("module", "source"),
    [
        (CORE, "import numpy as np"),
        (CORE, "from shapely import geometry"),
        (CORE, "import pyflwdir"),
        (CORE, "import numba"),
        (CORE, "from sbplanner_plugin.core.errors import SbPlannerError"),
        (CORE, "from sbplanner_plugin import core"),
        (CORE, "from . import hydrology"),
        (CORE, "from .errors import SbPlannerError"),
        (f"{PACKAGE}.core", "from . import grid"),
        (CORE, "qgis_like_name = 1"),
        (ADAPTER, "from sbplanner_plugin.core.grid import Grid"),
        (ADAPTER, "from ..core import grid"),
        (ADAPTER, "from . import vector_io"),
        (ADAPTER, "from sbplanner_plugin import paths"),
        (ADAPTER, "from osgeo import gdal"),
        (ADAPTER, "from qgis.core import QgsVectorLayer"),
        (f"{PACKAGE}.__about__", "from sbplanner_plugin.deps import version_tuple"),
        (PROC, "from sbplanner_plugin.adapters.raster import read_dem"),
        (PROC, "from .. import adapters"),
        (PROC, "import processing"),  # QGIS's Processing framework, not ours
        (PROC, "from qgis.core import QgsProcessingAlgorithm"),
        (f"{PACKAGE}.processing.provider", "from .algorithms.delineate_watersheds import DelineateWatersheds"),
        (f"{PACKAGE}.processing.provider", "from sbplanner_plugin.__about__ import __version__"),
        (PROC, "import importlib\nimportlib.import_module(name)"),  # computed at run time: not checkable
        (GUI, "from sbplanner_plugin.processing.base import user_message"),
        (GUI, "from ..processing.provider import ALGORITHMS"),
        (GUI, "from qgis.PyQt.QtWidgets import QDialog"),
        (GUI, "from sbplanner_plugin import settings"),
        (GUI_STEP, "from ..widgets import labelled"),
        (GUI_STEP, "from ...adapters.plan_store import open_plan_store"),
        (PLUGIN, "from sbplanner_plugin.gui.dock import SbPlannerDock"),
        (PLUGIN, "from qgis.utils import iface"),
        (PACKAGE, "from sbplanner_plugin.plugin import SbPlannerPlugin"),
        (PACKAGE, "from . import deps"),
        (f"{PACKAGE}.demo.run_demo", "from sbplanner_plugin.processing.provider import SbPlannerProvider"),
    ],
)
def test_checker_allows_imports_down_the_layers(module: str, source: str) -> None:
    assert layer_offences(source, module) == []


def test_checker_knows_every_layer() -> None:
    assert layer_of(CORE) == "core" and layer_of(ADAPTER) == "adapters" and layer_of(PROC) == "processing"
    assert layer_of(GUI_STEP) == "gui" and layer_of(PLUGIN) == "plugin" and layer_of(PACKAGE) == "plugin"
    with pytest.raises(KeyError):
        layer_of(f"{PACKAGE}.newthing")


@pytest.mark.parametrize(
    "source",
    [
        "from sbplanner_plugin.processing.algorithms.analyse_parcels import _read_parcels_from_file",
        "from .analyse_parcels import AnalyseParcels",
        "from . import analyse_parcels",
        "from sbplanner_plugin.processing.algorithms import analyse_parcels",
        "import sbplanner_plugin.processing.algorithms.delineate_watersheds as d",
        "def f():\n    from .summarise_watersheds import SummariseWatersheds\n",
        "from ..provider import ALGORITHMS",
        "import importlib\nimportlib.import_module('sbplanner_plugin.processing.algorithms.analyse_parcels')",
        "import importlib\nimportlib.import_module(f'sbplanner_plugin.processing.algorithms.{name}')",
    ],
)
def test_checker_catches_algorithms_importing_each_other(source: str) -> None:
    assert algorithm_offences(source, ALGO) != []


@pytest.mark.parametrize(
    "source",
    [
        "from sbplanner_plugin.processing.base import SbAlgorithm",
        "from ..base import SbAlgorithm",
        "from sbplanner_plugin.core.definitions import REGION_IDS",
        "from sbplanner_plugin.adapters.features import read_features",
        "from sbplanner_plugin.processing.algorithms.assign_measures import AssignMeasures",  # itself
    ],
)
def test_checker_allows_algorithm_imports(source: str) -> None:
    assert algorithm_offences(source, ALGO) == []


@pytest.mark.parametrize(
    ("module", "source"),
    [
        (GUI, "from sbplanner_plugin.processing.algorithms.assign_measures import message_text"),
        (GUI, "from sbplanner_plugin.processing import algorithms"),
        (GUI, "from ..processing.algorithms import assign_measures"),
        (GUI_STEP, "from ...processing.algorithms.analyse_parcels import AnalyseParcels"),
        (GUI, "def f():\n    import sbplanner_plugin.processing.algorithms.assign_measures as a\n"),
        (GUI, "import importlib\nimportlib.import_module('sbplanner_plugin.processing.algorithms.analyse_parcels')"),
    ],
)
def test_checker_catches_gui_importing_algorithms(module: str, source: str) -> None:
    assert gui_algorithm_offences(source, module) != []


@pytest.mark.parametrize(
    ("module", "source"),
    [
        (GUI, "from sbplanner_plugin.processing.base import error_text"),
        (GUI, "from sbplanner_plugin.processing.provider import ALGORITHMS"),
        (GUI_STEP, "from ...processing import provider"),
        (GUI, "import processing\nprocessing.run('sbplanner:assign_measures', {})"),
    ],
)
def test_checker_allows_gui_imports(module: str, source: str) -> None:
    assert gui_algorithm_offences(source, module) == []


@pytest.mark.parametrize(
    "source",
    [
        "open('measures.csv')",
        "with open(path, encoding='utf-8') as fh:\n    text = fh.read()",
        "from pathlib import Path\nPath(p).read_text(encoding='utf-8')",
        "data = path.read_bytes()",
        "path.write_text('x')",
        "path.write_bytes(b'')",
        "with path.open(encoding='utf-8-sig', newline='') as fh:\n    pass",
        "if not path.is_file():\n    pass",
        "path.parent.mkdir(parents=True, exist_ok=True)",
        "entries = sorted(folder.glob('dem_*.npz'))",
        "import csv\nrows = list(csv.DictReader(fh))",
        "import csv\ncsv.writer(fh).writerow([1])",
        "import os\nos.remove(p)",
        "import os\nos.replace(tmp, path)",
        "import os\nos.utime(path)",
        "import os\nos.makedirs(d, exist_ok=True)",
        "import os\nif os.path.exists(p):\n    pass",
        "import os\nwith os.fdopen(fd, 'wb') as fh:\n    pass",
        "import tempfile",
        "import tempfile as t\nt.mkstemp()",
        "from tempfile import mkstemp",
        "import shutil\nshutil.copy(a, b)",
        "import numpy as np\nnp.load(path)",
        "import numpy as np\nnp.savez(fh, d8=d8)",
        "import numpy\nnumpy.loadtxt(p)",
        "import pandas as pd\npd.read_csv(p)",
        "df.to_csv(path, index=False)",
        "import io\nio.open(p)",
        "import json\njson.load(fh)",
        "import sqlite3",
    ],
)
def test_checker_catches_file_io(source: str) -> None:
    assert file_io_offences(source) != []


@pytest.mark.parametrize(
    "source",
    [
        "import csv, io\nrows = list(csv.DictReader(io.StringIO(text.lstrip('\\ufeff'), newline='')))",
        "import csv\nrows = list(csv.reader(text.splitlines()))",
        "from io import StringIO\nimport csv\ncsv.DictReader(StringIO(text))",
        "import os\nthreads = os.environ.get('SBPLANNER_NUMBA_THREADS', '')",
        "import os\ndef f(cache_dir: str | os.PathLike[str] | None = None):\n    pass",
        "import os\nname = os.path.join(a, b)",
        "from pathlib import Path\nname = Path(p).name",
        "text = df.to_csv(index=False)",
        "values = df['x'].to_numpy()",
        "s = text.replace('；', ';').split(';')",
        "import json\nparams = json.loads(text)",
        "import numpy as np\na = np.asarray(values)",
        "open_ = mask & ~closed",
    ],
)
def test_checker_allows_pure_code(source: str) -> None:
    assert file_io_offences(source) == []


def _algorithm(body_lines: int) -> str:
    body = "\n".join(f"        x{i} = {i}" for i in range(body_lines - 2))
    return (
        f"class A(SbAlgorithm):\n    def compute(self, parameters, context, feedback):\n{body}\n        return {{}}\n"
    )


def test_checker_counts_compute_lines() -> None:
    assert compute_offences(_algorithm(MAX_COMPUTE_LINES)) == []
    assert compute_offences(_algorithm(MAX_COMPUTE_LINES + 1)) == [
        f"A.compute: {MAX_COMPUTE_LINES + 1} lines (at most {MAX_COMPUTE_LINES})"
    ]
    assert compute_offences("def compute():\n" + "    x = 1\n" * 100) == []  # a function, not an algorithm
    overridden = "class A(SbAlgorithm):\n    def processAlgorithm(self, parameters, context, feedback):\n        pass\n"
    assert compute_offences(overridden) != []


def test_checker_finds_import_cycles() -> None:
    assert import_cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []
    assert import_cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]
    assert import_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"d"}}) == [["a", "b", "c"]]
    # the plan store before the split: the GeoPackage module opened PostGIS plans, PostGIS took its helpers
    gpkg = f"{PACKAGE}.adapters.plan_store"
    postgis = f"{PACKAGE}.adapters.plan_store_postgis"
    before = {
        gpkg: {t for _l, t in imports("def open_plan_store():\n    from .plan_store_postgis import X\n", gpkg)},
        postgis: {t for _l, t in imports("from sbplanner_plugin.adapters.plan_store import quote_ident", postgis)},
    }
    assert import_cycles(before) == [[gpkg, postgis]]
