"""deps.check_dependencies(): missing / incompatible packages, and the commands that fix them; and the
dependencies declared are the ones used (the source's imports = deps.REQUIREMENTS = requirements.txt,
pinned in constraints.txt, named in the README and make setup's check)."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
from pathlib import Path

import pytest

from sbplanner_plugin import deps

GOOD_VERSIONS = {
    "numpy": "1.26.4",
    "pandas": "2.3.3",
    "shapely": "2.2.0",
    "numba": "0.68.1",
    "affine": "2.4.0",
    "pyflwdir": "0.5.12",
    "openpyxl": "3.1.5",
    "python-docx": "1.2.0",
}


@pytest.fixture
def fake_versions(monkeypatch: pytest.MonkeyPatch) -> dict[str, str | None]:
    """Make importlib.metadata report these versions (None = not installed)."""
    versions: dict[str, str | None] = dict(GOOD_VERSIONS)

    def version(name: str) -> str:
        found = versions.get(name)
        if found is None:
            raise importlib.metadata.PackageNotFoundError(name)
        return found

    monkeypatch.setattr(deps.metadata, "version", version)
    monkeypatch.setattr(deps, "_gdal_accepts_numpy2", lambda: False)
    return versions


def test_all_good_gives_no_issue(fake_versions: dict) -> None:
    assert deps.check_dependencies(try_import=False) == []
    assert "available" in deps.format_report([])


def test_numpy2_is_incompatible_and_command_pins_below_2(fake_versions: dict) -> None:
    fake_versions["numpy"] = "2.0.0"

    issues = deps.check_dependencies(try_import=False)

    assert [(i.package, i.found, i.kind) for i in issues] == [("numpy", "2.0.0", "incompatible")]
    assert "<2" in issues[0].required
    for system in ("debian", "linux", "windows", "macos"):
        command = issues[0].install_command(system)
        assert '"numpy<2"' in command, system
        assert "pip install" in command, system
        assert "apt" not in command, system  # apt cannot downgrade a pip-installed numpy 2


def test_numpy2_is_accepted_when_gdal_is_built_for_it(fake_versions: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_versions["numpy"] = "2.2.4"
    monkeypatch.setattr(deps, "_gdal_accepts_numpy2", lambda: True)
    assert deps.check_dependencies(try_import=False) == []


def test_missing_pyflwdir_is_reported_with_pip_command(fake_versions: dict) -> None:
    fake_versions["pyflwdir"] = None

    issues = deps.check_dependencies(try_import=False)

    assert [(i.package, i.found, i.kind) for i in issues] == [("pyflwdir", None, "missing")]
    assert "not installed" in issues[0].problem
    debian = issues[0].install_command("debian")
    assert "apt" not in debian  # no Debian package for pyflwdir
    assert '"pyflwdir==0.5.12"' in debian
    assert '"numpy<2"' in debian
    assert '"affine<3"' in debian
    assert debian.startswith("python3 -m pip install --user")
    windows = issues[0].install_command("windows")
    assert windows.startswith("python -m pip install ")
    assert "--user" not in windows
    report = deps.format_report(issues, "windows")
    assert "pyflwdir" in report
    assert "OSGeo4W Shell" in report
    assert windows in report


def test_old_shapely_needs_pip_even_on_debian(fake_versions: dict) -> None:
    fake_versions["shapely"] = "1.8.5"  # Debian 12's python3-shapely

    issues = deps.check_dependencies(try_import=False)

    assert [(i.package, i.kind) for i in issues] == [("shapely", "incompatible")]
    assert '"shapely>=2,<3"' in issues[0].install_command("debian")


def test_missing_numpy_uses_apt_on_debian(fake_versions: dict) -> None:
    fake_versions["numpy"] = None
    issues = deps.check_dependencies(try_import=False)
    assert issues[0].install_command("debian") == "sudo apt install python3-numpy"


def test_affine3_is_incompatible(fake_versions: dict) -> None:
    fake_versions["affine"] = "3.0"
    issues = deps.check_dependencies(try_import=False)
    assert [(i.package, i.found) for i in issues] == [("affine", "3.0")]


def test_broken_import_is_reported(fake_versions: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(name: str) -> object:
        if name == "pyflwdir":
            raise ImportError("numba needs a newer numpy")
        return object()

    monkeypatch.setattr(deps, "_import_module", fail)

    issues = deps.check_dependencies(try_import=True)

    assert [(i.package, i.kind) for i in issues] == [("pyflwdir", "broken")]
    assert "numba needs a newer numpy" in issues[0].problem


def test_real_environment_is_complete() -> None:
    # `make setup` installed everything: the venv the tests run in must pass the check
    issues = deps.check_dependencies(try_import=True)
    assert issues == [], deps.format_report(issues)


@pytest.mark.parametrize(
    ("version", "ok"),
    [("1.26.4", True), ("1.21.6", False), ("2.0.0", False), ("2.0rc1", False), ("1.99", True)],
)
def test_numpy_bounds(version: str, ok: bool) -> None:
    numpy_req = deps.REQUIREMENTS[0]
    assert numpy_req.package == "numpy"
    assert deps.satisfies(version, numpy_req) is ok


def test_version_tuple() -> None:
    assert deps.version_tuple("0.5.12") == (0, 5, 12)
    assert deps.version_tuple("2.0rc1") == (2, 0)
    assert deps.version_tuple("1.26.4+dfsg") == (1, 26, 4)


def test_private_dirs_go_before_system_site_packages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env_dir = tmp_path / "env-deps"
    env_dir.mkdir()
    listed = tmp_path / "venv-site"
    listed.mkdir()
    (listed / "extra.pth").write_text(str(tmp_path / "from-pth") + "\n", encoding="utf-8")
    (tmp_path / "from-pth").mkdir()
    deps_file = tmp_path / "deps_path.txt"
    deps_file.write_text(f"# comment\n{listed}\n{tmp_path / 'does-not-exist'}\n", encoding="utf-8")

    fake_path = ["/usr/lib/python311.zip", "/usr/lib/python3.11", "/usr/lib/python3/dist-packages"]
    monkeypatch.setattr(sys, "path", list(fake_path))
    monkeypatch.setenv(deps.ENV_DEPS_DIR, str(env_dir))
    monkeypatch.setattr(deps, "DEPS_PATH_FILE", deps_file)
    monkeypatch.setattr(deps, "private_site_dir", lambda: tmp_path / "profile" / "python" / "sbplanner-deps")

    added = deps.ensure_private_site_on_path()

    assert added == [str(env_dir.resolve()), str(listed.resolve())]
    # stdlib first, then ours (with the .pth-listed folder), then the system's dist-packages
    assert sys.path[:2] == fake_path[:2]
    assert sys.path[-1] == "/usr/lib/python3/dist-packages"
    assert str(env_dir.resolve()) in sys.path[2:-1]
    assert str(listed.resolve()) in sys.path[2:-1]
    assert str(tmp_path / "from-pth") in sys.path[2:-1]
    # idempotent
    assert deps.ensure_private_site_on_path() == []


def test_linux_wheel_of_shapely_is_flagged_not_imported(fake_versions: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    imported = []
    # pyproj's wheel would crash QGIS too, but nothing SBPlanner uses imports pyproj any more
    monkeypatch.setattr(deps, "_bundles_native_libs", lambda package: package in ("shapely", "pyproj"))
    monkeypatch.setattr(deps, "_import_module", lambda name: imported.append(name))
    issues = deps.check_dependencies()
    assert [(i.package, i.kind) for i in issues] == [("shapely", "wheel")]
    assert "shapely" not in imported
    assert imported == [r.module for r in deps.REQUIREMENTS if r.package != "shapely"]
    command = deps.install_command(issues, system="debian")
    assert "libgeos-dev" in command
    assert "--force-reinstall --no-binary shapely" in command
    assert "pyproj" not in command
    assert '"shapely>=2,<3"' in command


def test_pip_install_of_shapely_on_linux_builds_from_source(fake_versions: dict) -> None:
    del fake_versions["shapely"]
    (issue,) = deps.check_dependencies(try_import=False)
    command = issue.install_command(system="linux")
    assert "--no-binary shapely " in command
    assert "apt" not in command  # not a Debian system: no apt line


def test_missing_numba_is_reported(fake_versions: dict) -> None:
    fake_versions["numba"] = None
    issues = deps.check_dependencies(try_import=False)
    assert [(i.package, i.kind) for i in issues] == [("numba", "missing")]
    assert '"numba>=0.57"' in issues[0].install_command("windows")


def test_old_numba_is_incompatible(fake_versions: dict) -> None:
    fake_versions["numba"] = "0.56.4"  # Debian 12's python3-numba
    issues = deps.check_dependencies(try_import=False)
    assert [(i.package, i.found, i.kind) for i in issues] == [("numba", "0.56.4", "incompatible")]


# --------------------------------------------------------------------------------------------
# declared = imported: the source, deps.REQUIREMENTS, requirements.txt, constraints.txt, README, Makefile

REPO_ROOT = Path(__file__).resolve().parents[2]
PACKAGE_DIR = REPO_ROOT / "sbplanner_plugin"
DIRECT = [r for r in deps.REQUIREMENTS if r.needed_by is None]
#: Pins in constraints.txt of what the requirements (runtime or development) pull in without a check of their own.
PINNED_FOR = {
    "llvmlite": "numba",
    "sortedcontainers": "hypothesis",
    "et-xmlfile": "openpyxl",
    "typing-extensions": "python-docx",
    "mccabe": "flake8",
    "pycodestyle": "flake8",
    "pyflakes": "flake8",
    "rich": "bandit",
    "markdown-it-py": "bandit",
    "mdurl": "bandit",
    "pygments": "bandit",
    "stevedore": "bandit",
    # dask[distributed], the optional dependency of the tiled path
    "click": "distributed",
    "cloudpickle": "dask",
    "fsspec": "dask",
    "importlib-metadata": "dask",
    "lazy-importer": "dask",
    "locket": "dask",
    "msgpack": "distributed",
    "partd": "dask",
    "psutil": "distributed",
    "tblib": "distributed",
    "toolz": "dask",
    "tornado": "distributed",
    "zict": "distributed",
    "zipp": "dask",
}
OPTIONAL = list(deps.OPTIONAL_REQUIREMENTS)


def _third_party_roots(source: str) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) in ("import_module", "__import__")
            and node.args
        ):
            arg = node.args[0]
            if isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant):
                arg = arg.values[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and not arg.value.startswith("."):
                names = [arg.value]
        roots |= {n.split(".")[0] for n in names}
    return {r for r in roots if r and r not in sys.stdlib_module_names and r not in ("__future__", "sbplanner_plugin")}


def imported_packages() -> dict[str, list[str]]:
    """Third-party top-level modules imported anywhere in sbplanner_plugin → the files importing them."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        for root in _third_party_roots(path.read_text(encoding="utf-8")):
            found.setdefault(root, []).append(str(path.relative_to(PACKAGE_DIR)))
    return found


def _names(path: Path) -> list[str]:
    """Package names of a requirements / constraints file, in order."""
    names = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            names.append(re.split(r"[<>=!~\[; ]", line, maxsplit=1)[0].lower())
    return names


def test_every_imported_package_is_declared_and_every_declared_one_imported() -> None:
    imported = imported_packages()
    declared = {r.module for r in DIRECT + OPTIONAL}
    undeclared = {m: files for m, files in imported.items() if m not in declared and m not in deps.SYSTEM_MODULES}
    assert undeclared == {}, "imported but not in deps.REQUIREMENTS (or deps.SYSTEM_MODULES)"
    unused = sorted((declared | set(deps.SYSTEM_MODULES)) - set(imported))
    assert unused == [], "declared but imported nowhere in sbplanner_plugin"


def test_checker_finds_imports_of_every_form() -> None:
    source = (
        "import numpy as np\nimport os.path\nfrom shapely.geometry import Point\nfrom . import core\n"
        "from ..x import y\nimport importlib\nimportlib.import_module('pyflwdir')\n"
        "importlib.import_module(f'numba.np.ufunc.{m}')\nimportlib.import_module('.sibling', 'pkg')\n"
        "def f():\n    import geopandas\n"
        "from sbplanner_plugin.core import grid\nfrom __future__ import annotations\n"
    )
    assert _third_party_roots(source) == {"numpy", "shapely", "pyflwdir", "numba", "geopandas"}


def test_guards_are_on_declared_packages() -> None:
    direct = {r.package for r in DIRECT}
    for req in deps.REQUIREMENTS:
        assert req.needed_by is None or req.needed_by in direct, req
    assert not {r.package for r in deps.REQUIREMENTS} & set(deps.SYSTEM_MODULES)


def test_requirements_txt_is_the_direct_requirements() -> None:
    assert _names(REPO_ROOT / "requirements.txt") == [r.package for r in DIRECT]


def test_constraints_pin_every_requirement_within_its_bounds_and_nothing_else() -> None:
    pins = {}
    for line in (REPO_ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, sep, version = line.partition("==")
            assert sep, f"constraints.txt pins exact versions: {line!r}"
            pins[name.strip().lower()] = version.strip()
    for req in deps.REQUIREMENTS + deps.OPTIONAL_REQUIREMENTS:
        assert req.package in pins, f"{req.package} is not pinned in constraints.txt"
        assert deps.satisfies(pins[req.package], req), (req.package, pins[req.package], req.required)
    dev = _names(REPO_ROOT / "requirements-dev.txt")
    optional = {r.package for r in OPTIONAL}
    expected = {r.package for r in deps.REQUIREMENTS} | optional | set(dev) | set(PINNED_FOR)
    assert set(pins) == expected, "a pin nobody needs (or a requirement without a pin)"
    assert set(PINNED_FOR.values()) <= {r.package for r in deps.REQUIREMENTS} | optional | set(dev)


def test_requirements_tiled_txt_is_the_optional_requirement_and_make_setup_installs_it() -> None:
    assert _names(REPO_ROOT / "requirements-tiled.txt") == ["dask"]
    assert "dask[distributed]" in (REPO_ROOT / "requirements-tiled.txt").read_text(encoding="utf-8")
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    assert "-r requirements-tiled.txt" in makefile


def test_missing_dask_is_not_a_missing_dependency_of_the_plugin(fake_versions: dict) -> None:
    fake_versions["dask"] = None
    fake_versions["distributed"] = None
    assert deps.check_dependencies(try_import=False) == []  # the plugin loads without it
    issues = deps.check_optional("tiled", try_import=False)
    assert [(i.package, i.kind) for i in issues] == [("dask", "missing"), ("distributed", "missing")]


def test_tiled_path_without_dask_says_how_to_install_it(fake_versions: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    from sbplanner_plugin.core.errors import OptionalPackageMissingError

    fake_versions["dask"] = None
    fake_versions["distributed"] = None
    monkeypatch.setattr(deps, "current_platform", lambda: "windows")
    with pytest.raises(OptionalPackageMissingError) as caught:
        deps.require_optional("tiled")
    error = caught.value
    assert error.params["packages"] == "dask, distributed"
    assert (
        error.params["command"]
        == 'python -m pip install "dask[distributed]>=2024.1" "distributed>=2024.1" "numpy<2" "affine<3"'
    )
    assert error.params["command"] in str(error)
    assert error.template.startswith("Tiled processing")  # translated by the Processing layer (context SbPlannerErrors)
    # the Debian command is a pip --user command too (dask in Debian 12 is older than we test with)
    assert "pip install --user" in deps.install_command(error.params["packages"].split(", "), "debian")


def test_tiled_adapter_raises_before_touching_dask(fake_versions: dict, tmp_path: Path) -> None:
    from sbplanner_plugin.adapters import tiled_dask
    from sbplanner_plugin.core.errors import OptionalPackageMissingError

    fake_versions["distributed"] = None
    with pytest.raises(OptionalPackageMissingError):
        tiled_dask.run_tiled_dask(str(tmp_path / "dem.tif"), tmp_path / "work", 64, {})
    assert not (tmp_path / "work").exists()


def test_readme_and_makefile_list_the_requirements() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    windows = deps.install_command([r.package for r in deps.REQUIREMENTS], "windows")
    assert f"`{windows}`" in readme, "README's OSGeo4W line is what the plugin itself shows"
    for req in DIRECT:
        assert req.package in readme
    assert "geopandas" not in readme  # declared once and never imported: dropped
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    check = re.search(r"\$\(PY\) -c 'import (numpy[a-z_, .]*);", makefile)
    assert check, "make setup's import check"
    assert [m.strip() for m in check.group(1).split(",") if m.strip() != "qgis.core"] == [r.module for r in DIRECT]
