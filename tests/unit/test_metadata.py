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
    assert minimum == (3, 22)
    assert minimum <= maximum
    assert maximum < (4, 0), "Qt6/QGIS 4 support is not tested yet"


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
