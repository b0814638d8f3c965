"""Damaged input files (issue 13): a clear error that names the file and the damage, no output."""

from __future__ import annotations

import shutil

import processing
import pytest
from qgis.core import QgsProcessingException

PARCELS = "parcels_gbt21010.gpkg"


def damaged_copy(demo_dir, tmp_path, name: str = PARCELS, at: float = 0.5) -> str:
    """A copy of a demo file with 32 KiB overwritten from the middle: OGR opens the GeoPackage and
    reads its features up to the damaged pages (284 of 584), logging only 'database disk image is malformed'."""
    path = tmp_path / name
    shutil.copy(demo_dir / name, path)
    size = path.stat().st_size
    with path.open("r+b") as f:
        f.seek(int(size * at) // 4096 * 4096)
        f.write(b"\xff" * 32768)
    return str(path)


def analyse(demo_dir, parcels: str, out: str, dem: str | None = None) -> dict:
    return processing.run(
        "sbplanner:analyse_parcels",
        {
            "PARCELS": parcels,
            "DEM": dem or str(demo_dir / "ywzdem10m.tif"),
            "R_FACTOR": 7000,
            "K_FACTOR": 0.005,
            "COVER_FIELD": "FVC",
            "CANOPY_FIELD": "YBD",
            "EROSION_REGION": 0,
            "SLOPE_SYSTEM": 1,
            "OUTPUT_PARCELS": out,
        },
    )


def test_a_geopackage_damaged_in_the_middle_is_refused_naming_the_file(tmp_path, demo_dir) -> None:
    parcels = damaged_copy(demo_dir, tmp_path)
    out = tmp_path / "out.gpkg"
    with pytest.raises(QgsProcessingException, match=r"Only \d+ of the 584 features of '.*parcels_gbt21010.gpkg'"):
        analyse(demo_dir, parcels, str(out))
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [PARCELS]
