"""metadata.txt is complete and consistent (what Plugin Manager and plugins.qgis.org check)."""

from __future__ import annotations

import configparser
import re
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
REQUIRED = ("name", "qgisMinimumVersion", "description", "about", "version", "author", "email", "repository")
RECOMMENDED = ("tracker", "homepage", "tags", "category", "icon", "changelog", "hasProcessingProvider")


@pytest.fixture(scope="module")
def meta() -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)  # QGIS also reads it with configparser
    parser.optionxform = str
    parser.read(REPO_ROOT / "metadata.txt", encoding="utf-8")
    return dict(parser["general"])


def _version(text: str) -> tuple[int, ...]:
    assert re.fullmatch(r"\d+(\.\d+){1,2}", text), f"not a plain version: {text!r}"
    return tuple(int(p) for p in text.split("."))


@pytest.mark.parametrize("key", REQUIRED + RECOMMENDED)
def test_field_present_and_not_empty(meta: dict[str, str], key: str) -> None:
    assert meta.get(key, "").strip(), f"metadata.txt lacks {key}"


def test_version_parses_and_about_agrees(meta: dict[str, str]) -> None:
    from sbplanner_plugin import __about__

    assert len(_version(meta["version"])) == 3
    assert __about__.__version__ == meta["version"]
    assert __about__.__version_info__ == _version(meta["version"])
    assert __about__.__title__ == meta["name"] == "SBPlanner"


def test_qgis_version_range(meta: dict[str, str]) -> None:
    minimum = _version(meta["qgisMinimumVersion"])
    maximum = _version(meta["qgisMaximumVersion"])
    assert minimum == (3, 22)  # the Debian 12 LTR we test on
    # QGIS 4 (Qt6) and plugins.qgis.org list a plugin for QGIS 4 only when qgisMaximumVersion >= 4.0
    # (QGIS PRs 65146/65168: no more automatic 3.99 -> 4.99 bump, supportsQt6 no longer read)
    assert maximum == (4, 99)


def test_declares_qt6_support_for_qgis_3_qt6_builds(meta: dict[str, str]) -> None:
    # the Qt6 builds of QGIS 3.34-3.44 refuse a plugin without it (QGIS 4 ignores it): the values
    # their installer accepts are True / yes, case-insensitive
    assert meta["supportsQt6"].strip().upper() in ("TRUE", "YES")


def _installer_version_compare():
    """QGIS's own pyplugin_installer.version_compare (the Plugin Manager's compatibility rule), if installed."""
    import importlib.util

    for folder in (Path("/usr/share/qgis/python/pyplugin_installer"),):
        path = folder / "version_compare.py"
        if path.is_file():
            spec = importlib.util.spec_from_file_location("_sbplanner_version_compare", path)
            module = importlib.util.module_from_spec(spec)
            try:
                spec.loader.exec_module(module)  # imports qgis.core (Qgis.QGIS_VERSION)
            except ImportError as exc:  # pragma: no cover - QGIS without its python bindings
                pytest.skip(f"QGIS's version_compare needs qgis.core: {exc}")
            return module
    pytest.skip("QGIS's pyplugin_installer is not installed here")


@pytest.mark.parametrize(
    ("qgis_api", "expected"),
    [
        ("3.22.16", True),  # Debian 12's LTR
        ("3.40.0", True),
        ("3.44.5", True),  # the last QGIS 3 (Qt5 and Qt6 builds)
        ("4.0.0", True),  # QGIS 4.0 and 3.99 (master) whose PyQGIS API is 4.0.0
        ("4.2.3", True),  # the QGIS 4 LTR
        ("3.20.3", False),  # older than qgisMinimumVersion
        ("5.0.0", False),
    ],
)
def test_plugin_manager_rule_accepts_qgis_3_and_4(meta: dict[str, str], qgis_api: str, expected: bool) -> None:
    """The Plugin Manager's own isCompatible() (QGIS's pyplugin_installer) on our range."""
    version_compare = _installer_version_compare()
    assert version_compare.isCompatible(qgis_api, meta["qgisMinimumVersion"], meta["qgisMaximumVersion"]) is expected


def test_processing_provider_declared(meta: dict[str, str]) -> None:
    assert meta["hasProcessingProvider"] == "yes"


def test_about_names_dependencies_in_both_languages(meta: dict[str, str]) -> None:
    from sbplanner_plugin.deps import REQUIREMENTS

    about = meta["about"]
    english, chinese = about.split("Python dependencies:")[1], about.split("Python 依赖：")[1]
    for req in REQUIREMENTS:
        if req.needed_by is None:  # what SBPlanner imports (tests/unit/test_deps.py: the source)
            assert req.package in english.split(".")[0], req.package
            assert req.package in chinese.split("。")[0], req.package
    assert "geopandas" not in about  # declared once and never imported: dropped
    assert "小流域" in about  # the Chinese paragraph is there
    assert "pip install" in about  # and how to install the dependencies


def test_urls_and_tags(meta: dict[str, str]) -> None:
    for key in ("tracker", "repository", "homepage"):
        assert meta[key].startswith("https://"), key
    assert meta["tracker"].endswith("/issues")
    tags = [t.strip() for t in meta["tags"].split(",")]
    assert {"hydrology", "watershed", "水土保持", "小流域"} <= set(tags)


def test_icon_path_is_inside_plugin(meta: dict[str, str]) -> None:
    assert meta["icon"] == "resources/icons/sbplanner.svg"


def test_changelog_mentions_current_version(meta: dict[str, str]) -> None:
    assert meta["version"] in meta["changelog"]
    changelog_md = (REPO_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert meta["version"] in changelog_md


def test_no_percent_sign_breaks_interpolating_parsers() -> None:
    # some tools read metadata.txt with the default (interpolating) ConfigParser
    parser = configparser.ConfigParser()
    parser.read(REPO_ROOT / "metadata.txt", encoding="utf-8")
    assert all(parser.get("general", key) is not None for key in parser.options("general"))


def test_license_is_gpl3() -> None:
    text = (REPO_ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in text
    assert "Version 3, 29 June 2007" in text
