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


def truncated_copy(demo_dir, tmp_path, name: str, keep: int) -> str:
    path = tmp_path / name
    path.write_bytes((demo_dir / name).read_bytes()[:keep])
    return str(path)


def test_a_text_file_named_tif_as_dem_says_it_is_not_a_raster(tmp_path, demo_dir) -> None:
    dem = tmp_path / "dem.tif"
    dem.write_text("this is not a raster\n", encoding="utf-8")
    out = tmp_path / "out.gpkg"
    with pytest.raises(QgsProcessingException, match=r"exists but is not a readable raster") as err:
        analyse(demo_dir, str(demo_dir / PARCELS), str(out), dem=str(dem))
    assert "dem.tif" in str(err.value) and "not found" not in str(err.value)
    assert not out.exists()


def test_a_truncated_geotiff_dem_names_the_damage(tmp_path, demo_dir) -> None:
    dem = truncated_copy(demo_dir, tmp_path, "ywzdem10m.tif", 20000)
    out = tmp_path / "out.gpkg"
    with pytest.raises(QgsProcessingException, match=r"ywzdem10m.tif' exists but is not a readable raster") as err:
        analyse(demo_dir, str(demo_dir / PARCELS), str(out), dem=dem)
    assert "not found" not in str(err.value)
    assert not out.exists()


def test_a_corrupt_geopackage_as_parcels_names_the_damage(tmp_path, demo_dir) -> None:
    parcels = truncated_copy(demo_dir, tmp_path, PARCELS, 200000)
    out = tmp_path / "out.gpkg"
    with pytest.raises(
        QgsProcessingException, match=r"parcels_gbt21010.gpkg' exists but is not a readable vector"
    ) as err:
        analyse(demo_dir, parcels, str(out))
    assert "not found" not in str(err.value)
    assert not out.exists()


def test_zero_parcels_give_a_named_error_not_a_key_error(tmp_path, demo_dir) -> None:
    from osgeo import gdal

    from sbplanner_plugin.adapters.gdal_errors import gdal_exceptions

    parcels = tmp_path / "empty.gpkg"
    with gdal_exceptions():
        gdal.VectorTranslate(str(parcels), str(demo_dir / PARCELS), where="1=0")
    out = tmp_path / "out.gpkg"
    with pytest.raises(QgsProcessingException) as err:
        analyse(demo_dir, str(parcels), str(out))
    print(repr(err.value))
    assert "KeyError" not in str(err.value) and not out.exists()


def test_an_unwritable_soil_loss_raster_is_a_named_error(tmp_path, demo_dir) -> None:
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file where the output folder should be", encoding="utf-8")
    soil = blocker / "soil.tif"  # its parent is a file: GDAL cannot create it (even as root)
    params = {"OUTPUT_SOIL_LOSS": str(soil)}
    # checked before the computation (processing.base.prepare_outputs); write_geotiff's own translated
    # RasterOutputError covers a failure during the write
    with pytest.raises(
        QgsProcessingException, match=r"Cannot write the output .*soil.tif: its folder is a file"
    ) as err:
        processing.run(
            "sbplanner:analyse_parcels",
            {
                "PARCELS": str(demo_dir / PARCELS),
                "DEM": str(demo_dir / "ywzdem10m.tif"),
                "R_FACTOR": 7000,
                "K_FACTOR": 0.005,
                "COVER_FIELD": "FVC",
                "CANOPY_FIELD": "YBD",
                "EROSION_REGION": 0,
                "SLOPE_SYSTEM": 1,
                "OUTPUT_PARCELS": str(tmp_path / "out.gpkg"),
                **params,
            },
        )
    assert "RuntimeError" not in str(err.value) and "Traceback" not in str(err.value)
    assert not soil.exists()
    assert not (tmp_path / "out.gpkg").exists()  # nothing written before the failure
