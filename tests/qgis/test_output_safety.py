"""Outputs are checked before the computation and a plain path to a plan never replaces the plan (issue 13)."""

from __future__ import annotations

import re
import sqlite3

import processing
import pytest
from qgis.core import QgsProcessingException

from sbplanner_plugin.adapters.plan_store import PlanStore
from tests.qgis.conftest import copy_plan


def _tables(path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        names = [r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")]
        names += [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE name LIKE 'sbplanner_%'")]
        return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        con.close()


def _parcels(demo_dir, **outputs) -> dict:
    return processing.run(
        "sbplanner:analyse_parcels",
        {
            "PARCELS": str(demo_dir / "parcels_gbt21010.gpkg"),
            "DEM": str(demo_dir / "ywzdem10m.tif"),
            "R_FACTOR": 7000,
            "K_FACTOR": 0.005,
            "EROSION_REGION": 0,
            "SLOPE_SYSTEM": 1,
            **outputs,
        },
    )


@pytest.fixture
def plan(youwuzhen_plan, tmp_path) -> PlanStore:
    store = copy_plan(youwuzhen_plan, tmp_path / "plan")
    store.ensure()
    with sqlite3.connect(store.path) as con:  # an edit log entry that must survive
        con.execute(
            "INSERT INTO sbplanner_edit_log (edited_at, user_name, layer, fid, field, old_value, new_value)"
            " VALUES ('2026-01-01', 'engineer', 'parcels', 1, 'measure', 'a', 'b')"
        )
    return store


def test_a_plain_path_to_a_plan_writes_only_that_layer(plan, demo_dir) -> None:
    before = _tables(plan.path)
    assert before["sbplanner_edit_log"] >= 1 and before["parcels"] > 0
    result = processing.run(
        "sbplanner:delineate_watersheds",
        {
            "DEM": str(demo_dir / "ywzdem10m.tif"),
            "OUTLETS": str(demo_dir / "outlet_beijing1954.shp"),
            "STREAM_THRESHOLD_KM2": 0.1,
            "OUTPUT_WATERSHEDS": str(plan.path),
            "OUTPUT_STREAMS": "TEMPORARY_OUTPUT",
            "OUTPUT_OUTLETS": "TEMPORARY_OUTPUT",
        },
    )
    assert result["OUTPUT_WATERSHEDS"].endswith("layername=watersheds")
    after = _tables(plan.path)
    assert after == before  # every table, the edit log included, is still there with its rows
    assert plan.schema_version() is not None and plan.schema_version() > 0


def test_a_raster_into_a_plan_is_refused_before_anything_is_written(plan, demo_dir, tmp_path) -> None:
    before = _tables(plan.path)
    out = tmp_path / "parcels.gpkg"
    with pytest.raises(QgsProcessingException, match=r"plan\.gpkg is an SBPlanner plan; a raster"):
        _parcels(demo_dir, OUTPUT_PARCELS=str(out), OUTPUT_SOIL_LOSS=str(plan.path))
    assert not out.exists()
    assert _tables(plan.path) == before


@pytest.mark.parametrize(
    ("where", "cause"),
    [
        ("missing/sub/out.gpkg", "its folder does not exist"),
        ("a_file.txt/out.gpkg", "its folder is a file, not a folder"),
        ("/proc/out.gpkg", "its folder is read-only"),
    ],
)
def test_an_unwritable_output_fails_before_the_computation(tmp_path, demo_dir, where, cause) -> None:
    (tmp_path / "a_file.txt").write_text("not a folder")
    target = where if where.startswith("/") else str(tmp_path / where)
    with pytest.raises(QgsProcessingException, match=re.escape(f"Cannot write the output {target}: {cause}")):
        _parcels(demo_dir, OUTPUT_PARCELS=target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a_file.txt"]


def test_an_existing_read_only_file_is_refused(tmp_path, demo_dir) -> None:
    target = tmp_path / "old.gpkg"
    target.write_bytes(b"old")
    target.chmod(0o444)
    try:
        open(target, "r+b").close()
        pytest.skip("running as root: a read-only file is still writable")
    except OSError:
        pass
    with pytest.raises(QgsProcessingException, match="the file exists and is read-only"):
        _parcels(demo_dir, OUTPUT_PARCELS=str(target))
    assert target.read_bytes() == b"old"


def test_an_unwritable_soil_loss_raster_leaves_no_parcels_output(tmp_path, demo_dir) -> None:
    parcels = tmp_path / "parcels.gpkg"
    with pytest.raises(QgsProcessingException, match=re.escape("Cannot write the output /proc/soil.tif")):
        _parcels(demo_dir, OUTPUT_PARCELS=str(parcels), OUTPUT_SOIL_LOSS="/proc/soil.tif")
    assert not parcels.exists()
    assert list(tmp_path.iterdir()) == []


def test_division_into_a_plain_plan_path_writes_its_own_layers_and_says_so(plan, demo_dir) -> None:
    from tests.qgis.feedback import Log

    before = _tables(plan.path)
    log = Log()
    processing.run(
        "sbplanner:divide_small_watersheds",
        {
            "DEM": str(demo_dir / "ywzdem10m.tif"),
            "BOUNDARY": plan.layer_uri("watersheds"),
            "MAX_AREA_KM2": 2.0,
            "MIN_AREA_KM2": 0.3,
            "STREAM_THRESHOLD_KM2": 0.1,
            "OUTPUT_WATERSHEDS": str(plan.path),
            "OUTPUT_STREAMS": str(plan.path),
        },
        feedback=log,
    )
    after = _tables(plan.path)
    assert after["small_watersheds"] > 0 and after["small_watershed_streams"] > 0
    assert {k: v for k, v in after.items() if k in before} == before  # step 1 and 2 layers, edit log kept
    assert "only its layer “small_watersheds” is written" in log.text()
