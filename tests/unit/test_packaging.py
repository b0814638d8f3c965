"""What ``make stage`` (and so ``make package`` / ``make deploy``) ships: the plugin without the demo CLI.

``sbplanner_plugin/demo/run_demo.py`` is the command line behind ``make demo``; it runs from the source
tree and the plugin never imports it (tests/unit/test_architecture.py checks the source), so the staged
plugin leaves ``demo/`` out. The bundled demo *data* (``resources/demo``) stays.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "sbplanner_plugin"


@pytest.fixture(scope="module")
def staged(tmp_path_factory) -> Path:
    if shutil.which("make") is None or shutil.which("tar") is None:
        pytest.skip("make and tar are needed to stage the plugin")
    build = tmp_path_factory.mktemp("build")
    # -o transcompile: do not compile the translations into the source tree (stage copies any .qm there is)
    done = subprocess.run(
        ["make", "--no-print-directory", "-s", "-o", "transcompile", "stage", f"BUILD_DIR={build}"],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return build / PACKAGE


def _python_files(root: Path) -> set[str]:
    return {
        str(p.relative_to(root))
        for p in root.rglob("*.py")
        if "__pycache__" not in p.parts and p.relative_to(root).parts[0] != "resources"
    }


def test_staged_plugin_has_no_demo_cli(staged: Path) -> None:
    assert (staged / "__init__.py").is_file()
    assert (staged / "metadata.txt").is_file()
    assert not (staged / "demo").exists()
    assert [p for p in staged.rglob("run_demo*")] == []
    assert (staged / "resources" / "demo").is_dir()  # the demo data stays (paths.demo_path)


def test_staged_plugin_is_the_package_minus_the_demo(staged: Path) -> None:
    source = {f for f in _python_files(REPO_ROOT / PACKAGE) if not f.startswith("demo/")}
    assert _python_files(staged) == source


def _demo_imports(path: Path, root: Path) -> list[str]:
    """Imports of ``sbplanner_plugin.demo`` in ``path`` (absolute, relative, importlib with a constant)."""
    relative = path.relative_to(root).with_suffix("").parts
    package = [PACKAGE, *relative[:-1]]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            names = [base] + [f"{base}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
            "import_module",
            "__import__",
        ):
            names = [a.value for a in node.args[:1] if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        found += [f"{node.lineno}: {n}" for n in names if n == f"{PACKAGE}.demo" or n.startswith(f"{PACKAGE}.demo.")]
    return found


def test_no_shipped_module_imports_the_demo() -> None:
    """The modules staged (the package minus demo/, see above), read in the source tree: no make needed."""
    root = REPO_ROOT / PACKAGE
    shipped = [root / f for f in sorted(_python_files(root)) if not f.startswith("demo/")]
    assert len(shipped) > 40
    offences = {str(p.relative_to(root)): _demo_imports(p, root) for p in shipped}
    assert {k: v for k, v in offences.items() if v} == {}


@pytest.mark.parametrize(
    ("where", "source", "caught"),
    [
        ("plugin.py", "from sbplanner_plugin.demo.run_demo import main", True),
        ("__init__.py", "from .demo import run_demo", True),
        ("gui/dock.py", "from ..demo import run_demo", True),
        ("gui/dock.py", "import importlib\nimportlib.import_module('sbplanner_plugin.demo.run_demo')", True),
        ("gui/dock.py", "from ..paths import demo_path", False),
        ("plugin.py", "from sbplanner_plugin import deps", False),
    ],
)
def test_checker_finds_demo_imports(tmp_path: Path, where: str, source: str, caught: bool) -> None:
    path = tmp_path / where
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")
    assert bool(_demo_imports(path, tmp_path)) is caught


# -- QGIS 4 (Qt6) readiness and the plugin repository's security scan (issue 15) ---------------------------
def _run_tool(*args: str) -> subprocess.CompletedProcess:
    import sys

    return subprocess.run([sys.executable, "-m", *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=600)


def test_flake8_qgis_finds_nothing_that_breaks_on_qgis_4() -> None:
    """flake8-qgis's QGS4xx rules name the API that QGIS 4 (Qt6) no longer has (QVariant field types, …)."""
    pytest.importorskip("flake8_qgis")
    done = _run_tool("flake8", "--select=QGS4", PACKAGE)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_flake8_qgis_would_catch_a_qvariant_field_type(tmp_path: Path) -> None:
    """The check above can fail: a QVariant field type is reported."""
    pytest.importorskip("flake8_qgis")
    bad = tmp_path / "bad.py"
    bad.write_text(
        'from qgis.core import QgsField\nfrom qgis.PyQt.QtCore import QVariant\n\nQgsField("x", QVariant.Int)\n'
    )
    done = _run_tool("flake8", "--select=QGS4", str(bad))
    assert "QGS402" in done.stdout


def test_bandit_reports_no_high_severity_finding() -> None:
    """The plugin repository runs bandit; no finding of high severity (e.g. SHA-1 without usedforsecurity=False:
    our hashes are content keys, not security)."""
    pytest.importorskip("bandit")
    done = _run_tool(
        "bandit", "-q", "-r", PACKAGE, "-lll", "-f", "custom", "--msg-template", "{relpath}:{line} {test_id}"
    )
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_staged_plugin_ships_the_user_guide_and_its_screenshots(staged: Path) -> None:
    """Plugins ▸ SBPlanner ▸ Manual opens ``docs/guide/<lang>/index.md`` of the installed plugin (gui/manual.py):
    both languages are staged, with every screenshot they show (and only those)."""
    import re

    shown: set[str] = set()
    for lang in ("zh", "en"):
        guide = staged / "docs" / "guide" / lang / "index.md"
        assert guide.is_file(), lang
        for target in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", guide.read_text(encoding="utf-8")):
            assert (guide.parent / target).resolve().is_file(), f"{lang}: {target}"
            shown.add(Path(target).name)
    assert shown
    assert {p.name for p in (staged / "docs" / "img").iterdir()} == shown


# -- Qt6: no Qt5-only API (what flake8-qgis does not see) ---------------------------------------------------
def _scan_qt_api(root: str, binding: str) -> list[str]:
    """Qt API used through ``qgis.PyQt`` in the ``*.py`` under ``root`` that breaks on Qt6, resolved in ``binding``.

    ``PyQt5``: unscoped enum members (``Qt.AlignLeft``: PyQt6 has only ``Qt.AlignmentFlag.AlignLeft``) and
    imports of classes that Qt6 moved from QtWidgets to QtGui without a ``qgis.PyQt`` alias.
    ``PyQt6``: every imported name and every ``Class.attribute`` must exist in PyQt6 (QGIS aliases QAction,
    QActionGroup and QShortcut in ``qgis.PyQt.QtWidgets``). Self-contained: it also runs in a PyQt6-only Python.
    Imports in an ``except ImportError`` fallback and lines marked ``noqa: QGS402`` (the QGIS < 3.38 field types
    in adapters/field_types.py, never run on Qt6) are Qt5-only on purpose.
    """
    import ast
    import importlib
    import pathlib

    qgis_aliases = {("QtWidgets", "QAction"), ("QtWidgets", "QActionGroup"), ("QtWidgets", "QShortcut")}
    moved_to_qtgui = {"QUndoCommand", "QUndoGroup", "QUndoStack", "QFileSystemModel"}

    def qt_imports(nodes):
        found = [n for top in nodes for n in ast.walk(top) if isinstance(n, ast.ImportFrom)]
        return [n for n in found if (n.module or "").startswith("qgis.PyQt.") and n.module != "qgis.PyQt.sip"]

    def resolve(node):
        """{name: object or None} for one ``from qgis.PyQt.X import ...``."""
        module_name = node.module.split(".", 2)[2]
        module = importlib.import_module(f"{binding}.{module_name}")
        out = {}
        for alias in node.names:
            obj = getattr(module, alias.name, None)
            if binding == "PyQt6" and obj is None and (module_name, alias.name) in qgis_aliases:
                obj = getattr(importlib.import_module(f"{binding}.QtGui"), alias.name)
            out[alias.asname or alias.name] = obj
        return out

    found = []
    for path in sorted(pathlib.Path(root).rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        tree = ast.parse(text)
        names, guarded = {}, set()
        # try: <Qt6 import> except ImportError: <Qt5 import> -- fine when one of the two resolves
        for node in ast.walk(tree):
            if isinstance(node, ast.Try) and any(
                "ImportError" in ast.dump(h.type or ast.Pass()) for h in node.handlers
            ):
                branches = [qt_imports(node.body)] + [qt_imports(h.body) for h in node.handlers]
                if not any(branches):
                    continue
                guarded |= {id(n) for branch in branches for n in branch}
                resolved = [{k: v for n in branch for k, v in resolve(n).items()} for branch in branches if branch]
                usable = [r for r in resolved if None not in r.values()]
                if usable:
                    names.update(usable[0])
                else:
                    found.append(
                        f"{path.relative_to(root)}:{node.lineno} no branch of this import resolves in {binding}"
                    )
        for node in qt_imports(tree.body):
            if id(node) in guarded:
                continue
            where = f"{path.relative_to(root)}:{node.lineno}"
            for name, obj in resolve(node).items():
                if obj is None:
                    found.append(f"{where} {binding}.{node.module.split('.', 2)[2]} has no {name}")
                elif binding == "PyQt5" and node.module == "qgis.PyQt.QtWidgets" and name in moved_to_qtgui:
                    found.append(f"{where} {name} is in QtGui in Qt6 (import it with a fallback)")
                names[name] = obj
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)):
                continue
            owner = names.get(node.value.id)
            if owner is None or "noqa: QGS402" in lines[node.lineno - 1]:
                continue
            where = f"{path.relative_to(root)}:{node.lineno} {node.value.id}.{node.attr}"
            if binding == "PyQt6" and not hasattr(owner, node.attr):
                found.append(f"{where}: not in PyQt6")
            elif binding == "PyQt5" and type(type(getattr(owner, node.attr, None))).__name__ == "enumtype":
                found.append(f"{where}: unscoped enum (use {type(getattr(owner, node.attr)).__name__}.{node.attr})")
    return found


def test_no_unscoped_qt_enum_nor_qt5_only_import() -> None:
    pytest.importorskip("PyQt5.QtWidgets")
    assert _scan_qt_api(str(REPO_ROOT / PACKAGE), "PyQt5") == []


@pytest.mark.parametrize(
    ("source", "caught"),
    [
        ("from qgis.PyQt.QtCore import Qt\nx = Qt.AlignLeft\n", "unscoped enum (use AlignmentFlag.AlignLeft)"),
        ("from qgis.PyQt.QtCore import Qt\nx = Qt.AlignmentFlag.AlignLeft\n", None),
        ("from qgis.PyQt.QtWidgets import QSizePolicy\nx = QSizePolicy.Expanding\n", "unscoped enum"),
        ("from qgis.PyQt.QtWidgets import QUndoStack\n", "QUndoStack is in QtGui in Qt6"),
        (
            "try:\n    from qgis.PyQt.QtGui import QUndoStack\n"
            "except ImportError:\n    from qgis.PyQt.QtWidgets import QUndoStack\n",
            None,
        ),
        ("from qgis.PyQt.QtWidgets import QAction\n", None),  # qgis.PyQt aliases it on Qt6
    ],
)
def test_qt_api_scan_can_fail(tmp_path: Path, source: str, caught: str | None) -> None:
    pytest.importorskip("PyQt5.QtWidgets")
    (tmp_path / "mod.py").write_text(source, encoding="utf-8")
    found = _scan_qt_api(str(tmp_path), "PyQt5")
    if caught is None:
        assert found == []
    else:
        assert len(found) == 1 and caught in found[0], found


def _pyqt6_python() -> str | None:
    """A Python with PyQt6 (``SBPLANNER_PYQT6_PYTHON``, else this one), or None."""
    import os
    import sys

    for python in filter(None, (os.environ.get("SBPLANNER_PYQT6_PYTHON"), sys.executable)):
        probe = subprocess.run([python, "-c", "import PyQt6.QtWidgets"], capture_output=True, timeout=120)
        if probe.returncode == 0:
            return python
    return None


def test_every_qt_name_the_plugin_uses_exists_in_pyqt6() -> None:
    """Resolved in real PyQt6 (pip install PyQt6 into a scratch venv, point SBPLANNER_PYQT6_PYTHON at it)."""
    import inspect

    python = _pyqt6_python()
    if python is None:
        pytest.skip("no Python with PyQt6 (set SBPLANNER_PYQT6_PYTHON)")
    code = inspect.getsource(_scan_qt_api) + f"\nprint('\\n'.join(_scan_qt_api({str(REPO_ROOT / PACKAGE)!r}, 'PyQt6')))"
    done = subprocess.run(
        [python, "-c", code], capture_output=True, text=True, timeout=300, env={"QT_QPA_PLATFORM": "offscreen"}
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


# -- the zip `make package` builds passes plugins.qgis.org's structural validation ------------------------------
# The repository's checks (QGIS-Django plugins/validator.py), re-stated: size, one top folder named
# [A-Za-z][A-Za-z0-9-_]+ holding __init__.py, metadata.txt and LICENSE, no path tricks, no .pyc, no
# __MACOSX/.git/__pycache__, metadata read with an *interpolating* ConfigParser with these fields, author
# without "/", URLs with scheme and host. Its security scan (bandit, detect-secrets) is separate: docs/packaging.md.
REPOSITORY_MAX_BYTES = 25_000_000
REPOSITORY_REQUIRED_METADATA = (
    "name", "description", "version", "qgisMinimumVersion", "author", "email", "about", "tracker", "repository",
)  # fmt: skip
#: compiled code or executables: what "no binaries" means for a pure-Python plugin
BINARY_SUFFIXES = (".so", ".pyd", ".dll", ".dylib", ".exe", ".pyc", ".pyo", ".whl", ".egg", ".jar", ".class", ".bat")
BINARY_MAGIC = (b"\x7fELF", b"MZ", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"\xfe\xed\xfa\xce")


@pytest.fixture(scope="module")
def plugin_zip(tmp_path_factory) -> Path:
    if shutil.which("make") is None or shutil.which("tar") is None or shutil.which("unzip") is None:
        pytest.skip("make, tar and unzip are needed to package the plugin")
    work = tmp_path_factory.mktemp("package")
    done = subprocess.run(
        ["make", "--no-print-directory", "-s", "-o", "transcompile", "package",
         f"BUILD_DIR={work / 'build'}", f"DIST_DIR={work / 'dist'}"],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    (found,) = (work / "dist").glob(f"{PACKAGE}-*.zip")
    return found


def _repository_problems(path: Path) -> list[str]:
    """What plugins.qgis.org's validator (and its 'suspicious files' advice) would reject in the zip at ``path``."""
    import configparser
    import re
    import zipfile
    from io import StringIO
    from urllib.parse import urlparse

    problems = []
    if path.stat().st_size > REPOSITORY_MAX_BYTES:
        problems.append(f"{path.stat().st_size} bytes > {REPOSITORY_MAX_BYTES}")
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        if zf.testzip() is not None:
            problems.append("bad CRC")
        tops = {n.split("/")[0] for n in names}
        if len(tops) != 1:
            problems.append(f"top-level entries: {sorted(tops)}")
        top = names[0].split("/")[0]
        if not re.match(r"^[A-Za-z][A-Za-z0-9-_]+$", top):
            problems.append(f"bad folder name {top!r}")
        for name in names:
            parts = name.split("/")
            if ".." in name or name.startswith("/"):
                problems.append(f"path information: {name}")
            if ".pyc" in name:
                problems.append(f".pyc: {name}")
            if {"__MACOSX", ".git", "__pycache__"} & set(parts):
                problems.append(f"forbidden folder: {name}")
            if any(p.startswith(".") for p in parts if p):
                problems.append(f"hidden file: {name}")
            if name.lower().endswith(BINARY_SUFFIXES):
                problems.append(f"binary: {name}")
        for info in zf.infolist():
            if info.is_dir():
                continue
            if (info.external_attr >> 16) & 0o111:
                problems.append(f"executable bit: {info.filename}")
            if zf.read(info.filename)[:4].startswith(BINARY_MAGIC) and not info.filename.endswith(".tif"):
                problems.append(f"executable content: {info.filename}")
        for required in ("__init__.py", "metadata.txt", "LICENSE"):
            if f"{top}/{required}" not in names:
                problems.append(f"no {top}/{required}")
        if f"{top}/metadata.txt" not in names:
            return problems
        parser = configparser.ConfigParser()  # the validator's parser: with interpolation
        parser.optionxform = str
        parser.read_file(StringIO(zf.read(f"{top}/metadata.txt").decode("utf-8")))
        meta = dict(parser.items("general"))
        problems += [f"metadata lacks {key}" for key in REPOSITORY_REQUIRED_METADATA if not meta.get(key, "").strip()]
        if "/" in meta.get("author", ""):
            problems.append("author contains '/'")
        for key, placeholder in (
            ("tracker", "http://bugs"),
            ("repository", "http://repo"),
            ("homepage", "http://homepage"),
        ):
            url = urlparse(meta.get(key, ""))
            if meta.get(key) == placeholder or not (url.scheme and url.netloc):
                problems.append(f"bad URL for {key}")
        icon = meta.get("icon", "")
        if icon and f"{top}/{icon.removeprefix('./')}" not in names:
            problems.append(f"icon {icon} not in the zip")
    return problems


def test_zip_passes_the_plugin_repository_checks(plugin_zip: Path) -> None:
    assert _repository_problems(plugin_zip) == []


def test_zip_is_the_staged_plugin(plugin_zip: Path) -> None:
    import zipfile

    with zipfile.ZipFile(plugin_zip) as zf:
        names = set(zf.namelist())
        meta = zf.read(f"{PACKAGE}/metadata.txt").decode("utf-8")
    assert plugin_zip.name == f"{PACKAGE}-{meta.split('version=')[1].split()[0]}.zip"
    assert meta == (REPO_ROOT / "metadata.txt").read_text(encoding="utf-8")
    assert f"{PACKAGE}/resources/icons/sbplanner.svg" in names and f"{PACKAGE}/resources/params/" in names
    assert not any(n.startswith(f"{PACKAGE}/demo/") or n.endswith("deps_path.txt") for n in names)
    py = {n.removeprefix(f"{PACKAGE}/") for n in names if n.endswith(".py") and "/resources/" not in n}
    assert py == {f for f in _python_files(REPO_ROOT / PACKAGE) if not f.startswith("demo/")}
    # today ~11 MB: ~7.7 MB the user guide's screenshots, ~2 MB the demo watershed; room left below the 25 MB limit
    assert plugin_zip.stat().st_size < 20_000_000


_BASE = {"pk/__init__.py": b"", "pk/metadata.txt": None, "pk/LICENSE": b"GPL", "pk/resources/icons/sbplanner.svg": b""}


@pytest.mark.parametrize(
    ("entries", "caught"),
    [
        (_BASE, None),
        ({k: v for k, v in _BASE.items() if k != "pk/LICENSE"}, "no pk/LICENSE"),
        ({**_BASE, "pk/__pycache__/x.cpython-311.pyc": b""}, ".pyc"),
        ({**_BASE, "pk/lib/fast.so": b"\x7fELF...."}, "binary"),
        ({**_BASE, "pk/tool": b"MZ\x90\x00"}, "executable content"),
        ({**_BASE, ".git/config": b""}, "top-level entries"),
        ({**_BASE, "pk/metadata.txt": b"[general]\nname=p\nversion=1.0\n"}, "metadata lacks"),
        ({**_BASE, "pk/metadata.txt": b"[general]\nabout=100%\n"}, "interpolation"),
    ],
)
def test_repository_checks_can_fail(tmp_path: Path, entries: dict, caught: str | None) -> None:
    import configparser
    import zipfile

    good = (REPO_ROOT / "metadata.txt").read_bytes()
    path = tmp_path / "p.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, good if data is None else data)
    if caught == "interpolation":
        with pytest.raises(configparser.InterpolationSyntaxError):
            _repository_problems(path)
        return
    problems = _repository_problems(path)
    if caught is None:
        assert problems == []
    else:
        assert any(caught in p for p in problems), problems
