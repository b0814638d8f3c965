"""deps.check_dependencies(): missing / incompatible packages, and the commands that fix them."""

from __future__ import annotations

import importlib.metadata
import sys
from pathlib import Path

import pytest

from sbplanner_plugin import deps

GOOD_VERSIONS = {
    "numpy": "1.26.4",
    "pandas": "2.3.3",
    "shapely": "2.2.0",
    "geopandas": "1.1.4",
    "affine": "2.4.0",
    "pyflwdir": "0.5.12",
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


def test_linux_wheels_of_shapely_and_pyproj_are_flagged_not_imported(
    fake_versions: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    imported = []
    monkeypatch.setattr(deps, "_bundles_native_libs", lambda package: package in ("shapely", "pyproj"))
    monkeypatch.setattr(deps, "_import_module", lambda name: imported.append(name))
    issues = deps.check_dependencies()
    flagged = {i.package: i for i in issues}
    assert set(flagged) == {"shapely", "pyproj"}
    assert all(i.kind == "wheel" for i in issues)
    assert "shapely" not in imported
    assert "geopandas" not in imported
    command = deps.install_command(issues, system="debian")
    assert "libgeos-dev" in command
    assert "libproj-dev" in command
    assert "--force-reinstall --no-binary shapely,pyproj" in command
    assert '"pyproj<3.7"' in command
    assert '"shapely>=2,<3"' in command


def test_pip_install_of_shapely_on_linux_builds_from_source(fake_versions: dict) -> None:
    del fake_versions["shapely"]
    (issue,) = deps.check_dependencies(try_import=False)
    command = issue.install_command(system="linux")
    assert "--no-binary shapely,pyproj" in command
    assert "apt" not in command  # not a Debian system: no apt line
