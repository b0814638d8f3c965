"""Fixtures shared by the unit tests (no QGIS) and the QGIS tests.

This file must not import qgis: `make test-unit` runs without QGIS (`-p no:qgis`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

DEMO_DIR = REPO_ROOT / "resources" / "demo" / "youwuzhen"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The source tree root (holds metadata.txt, sbplanner_plugin/, resources/)."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    """resources/demo/youwuzhen: real SEIMS DEMs (5/10/30 m), outlet, reference mask."""
    assert DEMO_DIR.is_dir(), f"demo data missing: {DEMO_DIR}"
    return DEMO_DIR


@pytest.fixture(scope="session")
def reference_answers(demo_dir: Path) -> dict:
    """Published / reproduced reference numbers for Youwuzhen (reference_answers.json)."""
    with (demo_dir / "reference_answers.json").open(encoding="utf-8") as stream:
        return json.load(stream)
