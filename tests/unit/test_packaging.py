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
