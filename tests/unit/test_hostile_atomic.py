"""Issue 13, "outputs are atomic", without QGIS: the plan store's own writes (a new plan, a migration, a scenario
copy, a copy of the plan), the renaming of a GeoPackage layer that swaps an output in, the DEM conditioning
cache and the user's parameter tables — each killed (kill -9) in the middle of its write, or failing, leaves the
previous state whole.

Every child is a plain Python process (no QGIS) that stops at a named point of the write (a patched function
prints ``HOOK`` and sleeps) and is killed there, so the kill lands at a known moment of every run."""

from __future__ import annotations

import hashlib
import os
import select
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal, ogr, osr

from sbplanner_plugin.adapters import flow_cache
from sbplanner_plugin.adapters.gdal_errors import gdal_exceptions
from sbplanner_plugin.adapters.plan_store_gpkg import (
    SCHEMA_VERSION,
    PlanStore,
    backup_copy,
    connect_gpkg,
    rename_gpkg_table,
    uri_quote,
)
from sbplanner_plugin.adapters.vector_io import create_gpkg_table, fill_gpkg_table

REPO_ROOT = Path(__file__).resolve().parents[2]

#: What every child runs first: stop(*_) prints HOOK and sleeps (the parent kills it there).
PRELUDE = textwrap.dedent(
    """
    import sys, time
    def stop(*_args, **_kwargs):
        print("HOOK", flush=True)
        time.sleep(600)
    """
)


def kill_at_hook(code: str, *args: str) -> None:
    """Run ``PRELUDE + code`` in a child; kill -9 it once it prints HOOK (fails if it ends or errs first)."""
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    child = subprocess.Popen(
        [sys.executable, "-c", PRELUDE + textwrap.dedent(code), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        ready, _, _ = select.select([child.stdout], [], [], 120)
        line = child.stdout.readline().strip() if ready else ""
        assert line == "HOOK", f"the child did not reach its hook: {line!r} {child.stderr.read() if ready else ''}"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(30)
    finally:
        child.kill()
        child.wait(30)
    assert child.returncode == -signal.SIGKILL


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows(path: Path, sql: str, args: tuple = ()) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def state(path: Path) -> dict:
    """Every table of a SQLite file with all its rows, and the schema: what must survive unchanged."""
    con = sqlite3.connect(path)
    try:
        schema = con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()
        tables = [n for t, n, _, sql in schema if t == "table" and not (sql or "").startswith("CREATE VIRTUAL")]
        return {"schema": schema, **{t: con.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}}
    finally:
        con.close()


def journal_and_integrity(path: Path) -> None:
    """The file opens whole: integrity_check ok (a hot journal is rolled back by this first opener; a journal
    that is not hot — nothing of the killed transaction reached the file — is ignored by SQLite)."""
    assert rows(path, "PRAGMA integrity_check") == [("ok",)]


def parcels(path: Path, table: str = "parcels_measures", n: int = 50) -> None:
    """A layer of ``n`` squares (EPSG:2415) in the GeoPackage ``path``, through the bulk writer."""
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2415)
    fields = [ogr.FieldDefn("parcel_id", ogr.OFTInteger), ogr.FieldDefn("measure_code", ogr.OFTString)]
    create_gpkg_table(str(path), table, srs.ExportToWkt(), ogr.wkbMultiPolygon, fields)
    wkbs = []
    for i in range(n):
        x, y = 500000 + 20 * (i % 10), 3000000 + 20 * (i // 10)
        square = ogr.CreateGeometryFromWkt(f"MULTIPOLYGON ((({x} {y},{x + 10} {y},{x + 10} {y + 10},{x} {y})))")
        wkbs.append(bytes(square.ExportToIsoWkb()))
    fill_gpkg_table(str(path), table, wkbs, {"parcel_id": np.arange(1, n + 1), "measure_code": ["grass"] * n})


@pytest.fixture
def plan(tmp_path) -> PlanStore:
    """A current plan with a step-3 layer (50 parcels), an edit in its log and a second scenario."""
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    parcels(store.path)
    store.update_attributes("parcels_measures", {3: {"measure_code": "forest_arbor"}}, user="engineer")
    return store


# -- renaming a GeoPackage layer (what swaps a staged output in) ------------------------------------------
def test_a_renamed_layer_is_a_whole_geopackage_layer_under_its_new_name(tmp_path) -> None:
    """rename_gpkg_table: rows, R-tree, triggers, metadata rows follow; GDAL reads it with a spatial filter."""
    path = tmp_path / "a.gpkg"
    parcels(path, "sbplanner_tmp_x", 30)
    con = sqlite3.connect(path, isolation_level=None)
    from sbplanner_plugin.adapters.plan_store_gpkg import register_gpkg_functions

    register_gpkg_functions(con)
    con.execute("BEGIN IMMEDIATE")
    rename_gpkg_table(con, "sbplanner_tmp_x", "parcels")
    con.execute("COMMIT")
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    assert not [n for n in names if "tmp" in n]
    assert {
        "parcels",
        "rtree_parcels_geom",
        "rtree_parcels_geom_insert",
        "trigger_insert_feature_count_parcels",
    } <= names
    assert con.execute("SELECT identifier FROM gpkg_contents WHERE table_name='parcels'").fetchone() == ("parcels",)
    assert con.execute("SELECT rtreecheck('rtree_parcels_geom')").fetchone() == ("ok",)
    con.execute("INSERT INTO parcels (geom, parcel_id) VALUES (NULL, 99)")  # the renamed triggers run
    assert con.execute("SELECT feature_count FROM gpkg_ogr_contents WHERE table_name='parcels'").fetchone() == (31,)
    con.close()
    with gdal_exceptions():
        ds = gdal.OpenEx(str(path), gdal.OF_VECTOR)
        layer = ds.GetLayerByName("parcels")
        layer.SetSpatialFilterRect(500000, 3000000, 500025, 3000025)  # squares 1, 2, 11, 12 (20 m apart)
        assert sorted(f.GetField("parcel_id") for f in layer) == [1, 2, 11, 12]
        ds = None


def test_renaming_refuses_a_target_that_exists(tmp_path) -> None:
    """rename_gpkg_table onto an existing name (any case) raises; the caller's transaction rolls back."""
    path = tmp_path / "a.gpkg"
    parcels(path, "one", 3)
    parcels(path, "Two", 3)
    con = sqlite3.connect(path)
    with pytest.raises(ValueError, match="exists already"):
        rename_gpkg_table(con, "one", "two")
    con.close()


def test_a_plan_path_with_an_apostrophe_is_quoted_in_its_destination(tmp_path) -> None:
    """An apostrophe (or a backslash) in the plan path is escaped as QgsDataSourceUri reads it."""
    store = PlanStore(tmp_path / "county's plans" / "plan.gpkg")
    assert uri_quote("C:\\plans\\it's.gpkg") == "'C:\\\\plans\\\\it\\'s.gpkg'"
    assert store.destination("parcels").startswith(f"ogr:dbname='{tmp_path}/county\\'s plans/plan.gpkg' table=")


# -- a new plan ----------------------------------------------------------------------------------------------
def test_a_new_plan_that_fails_half_way_leaves_no_file(tmp_path, monkeypatch) -> None:
    """PlanStore.ensure() failing after the GeoPackage is made: no plan file, no temporary file."""
    from sbplanner_plugin.adapters import plan_store_gpkg

    def broken(con):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(plan_store_gpkg, "_v2_to_v3", broken)
    with pytest.raises(sqlite3.OperationalError):
        PlanStore(tmp_path / "new.gpkg").ensure()
    assert list(tmp_path.iterdir()) == []


def test_a_new_plan_replaces_the_empty_file_of_a_save_dialog(tmp_path) -> None:
    """An empty file at the plan path (a save dialog made it) becomes a plan; nothing else is left."""
    (tmp_path / "plan.gpkg").write_bytes(b"")
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    assert store.schema_version() == SCHEMA_VERSION
    assert [p.name for p in tmp_path.iterdir()] == ["plan.gpkg"]


CHILD_CREATE = """
from sbplanner_plugin.adapters import plan_store_gpkg
plan_store_gpkg._v2_to_v3 = stop  # inside the meta tables' transaction of the new file
plan_store_gpkg.PlanStore(sys.argv[1]).ensure()
"""


def test_kill_9_while_a_new_plan_is_made_leaves_no_plan_file(tmp_path) -> None:
    """kill -9 while a new plan's tables are written: no half plan at the path (a later ensure() makes it)."""
    path = tmp_path / "plan.gpkg"
    kill_at_hook(CHILD_CREATE, str(path))
    assert not path.exists()
    PlanStore(path).ensure()
    assert PlanStore(path).schema_version() == SCHEMA_VERSION


# -- a migration ------------------------------------------------------------------------------------------------
def v2_plan(store: PlanStore) -> None:
    """Make ``store`` a schema-2 plan (no scenario registry, no ``scenario`` column in the edit log)."""
    con = sqlite3.connect(store.path)
    with con:
        con.execute("DROP TABLE sbplanner_scenarios")
        con.execute("DELETE FROM gpkg_contents WHERE table_name='sbplanner_scenarios'")
        con.execute("ALTER TABLE sbplanner_edit_log DROP COLUMN scenario")
        con.execute("UPDATE sbplanner_meta SET value='2' WHERE key='schema_version'")
    con.close()


CHILD_MIGRATE = """
from sbplanner_plugin.adapters import plan_store_gpkg
real = plan_store_gpkg._MIGRATIONS[2]
def half(con):
    real(con)
    stop()  # the scenario registry made, inside the migration's transaction
plan_store_gpkg._MIGRATIONS[2] = half
plan_store_gpkg.PlanStore(sys.argv[1]).ensure()
"""


def test_kill_9_during_a_migration_leaves_the_old_plan_and_a_whole_backup(plan) -> None:
    """kill -9 inside the v2 → v3 migration: the plan is still v2 and whole; the backup is a whole copy."""
    v2_plan(plan)
    before = state(plan.path)
    kill_at_hook(CHILD_MIGRATE, str(plan.path))
    assert Path(f"{plan.path}-journal").exists()  # killed inside the transaction
    journal_and_integrity(plan.path)
    assert state(plan.path) == before
    backup = plan.path.with_name("plan.v2.bak.gpkg")
    assert state(backup) == before
    assert not [p for p in plan.path.parent.iterdir() if p.name.startswith(".")]
    plan.ensure()  # the next opening migrates it
    assert plan.schema_version() == SCHEMA_VERSION


CHILD_BACKUP = """
from sbplanner_plugin.adapters import plan_store_gpkg
plan_store_gpkg.settle_sqlite = stop  # the copy is in its temporary file, not yet moved
plan_store_gpkg.PlanStore(sys.argv[1]).ensure()
"""


def test_kill_9_while_the_migration_backup_is_written_leaves_no_partial_backup(plan) -> None:
    """kill -9 while the backup is copied: no file under the backup's name, the plan untouched (still v2)."""
    v2_plan(plan)
    before = state(plan.path)
    kill_at_hook(CHILD_BACKUP, str(plan.path))
    assert not plan.path.with_name("plan.v2.bak.gpkg").exists()
    journal_and_integrity(plan.path)
    assert state(plan.path) == before


# -- a scenario copy --------------------------------------------------------------------------------------------
CHILD_SCENARIO = """
from sbplanner_plugin.adapters import plan_store_gpkg
real = plan_store_gpkg.copy_gpkg_table
def copy_then_stop(con, source, target):
    real(con, source, target)
    stop()  # one layer copied, inside the scenario's transaction
plan_store_gpkg.copy_gpkg_table = copy_then_stop
plan_store_gpkg.PlanStore(sys.argv[1]).create_scenario("plan_b", "Plan B")
"""


def test_kill_9_during_a_scenario_copy_leaves_no_half_scenario(plan) -> None:
    """kill -9 after the first copied layer of a new scenario: no scenario row, no copied table."""
    before = state(plan.path)
    kill_at_hook(CHILD_SCENARIO, str(plan.path))
    journal_and_integrity(plan.path)
    assert state(plan.path) == before
    assert [s["scenario_id"] for s in plan.list_scenarios()] == ["baseline"]


# -- a copy of the plan (save_copy) -------------------------------------------------------------------------------
CHILD_COPY = """
from sbplanner_plugin.adapters import plan_store_gpkg
plan_store_gpkg.settle_sqlite = stop  # the copy is in its temporary file beside the target
plan_store_gpkg.PlanStore(sys.argv[1]).save_copy(sys.argv[2])
"""


def test_kill_9_during_save_copy_leaves_the_earlier_copy(plan, tmp_path) -> None:
    """kill -9 while a copy is written over an earlier copy: the earlier copy is unchanged, the plan too."""
    target = tmp_path / "archive" / "copy.gpkg"
    target.parent.mkdir()
    plan.save_copy(target)
    earlier, before = sha(target), state(plan.path)
    plan.update_attributes("parcels_measures", {4: {"measure_code": "closure"}})
    kill_at_hook(CHILD_COPY, str(plan.path), str(target))
    assert sha(target) == earlier
    assert [p.name for p in target.parent.iterdir() if not p.name.startswith(".")] == ["copy.gpkg"]
    assert state(plan.path) != before and rows(plan.path, "PRAGMA integrity_check") == [("ok",)]


def test_save_copy_of_an_open_plan_has_every_committed_edit_and_none_in_progress(plan, tmp_path) -> None:
    """A copy made while another connection holds an uncommitted write: the committed state, whole."""
    writer = connect_gpkg(plan.path)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE parcels_measures SET measure_code='half-done' WHERE fid=5")
    try:
        copy = plan.save_copy(tmp_path / "copy")  # .gpkg appended
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert copy == tmp_path / "copy.gpkg"
    assert rows(copy, "PRAGMA integrity_check") == [("ok",)]
    assert rows(copy, "PRAGMA journal_mode") == [("delete",)]
    assert rows(copy, "SELECT measure_code FROM parcels_measures WHERE fid IN (3, 5) ORDER BY fid") == [
        ("forest_arbor",), ("grass",)
    ]  # fmt: skip
    assert PlanStore(copy).schema_version() == SCHEMA_VERSION
    assert PlanStore(copy).edit_log("parcels_measures")[0]["user_name"] == "engineer"


def test_save_copy_of_a_plan_in_wal_mode_has_the_edits_still_in_its_log(plan, tmp_path) -> None:
    """A plan QGIS holds open in WAL mode: the copy has the edits still in ``-wal``; a file copy has not."""
    import shutil

    holder = connect_gpkg(plan.path)
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("PRAGMA wal_autocheckpoint=0")
    holder.execute("UPDATE parcels_measures SET measure_code='in-the-wal' WHERE fid=7")
    try:
        assert Path(f"{plan.path}-wal").stat().st_size > 0
        copy = plan.save_copy(tmp_path / "copy.gpkg")
        shutil.copyfile(plan.path, tmp_path / "file_copy.gpkg")
    finally:
        holder.close()
    assert rows(copy, "SELECT measure_code FROM parcels_measures WHERE fid=7") == [("in-the-wal",)]
    assert rows(copy, "PRAGMA journal_mode") == [("delete",)]  # one self-contained file
    assert not Path(f"{copy}-wal").exists()
    assert rows(tmp_path / "file_copy.gpkg", "SELECT measure_code FROM parcels_measures WHERE fid=7") == [("grass",)]


def test_save_copy_refuses_the_plan_itself_and_a_missing_folder(plan, tmp_path) -> None:
    """save_copy onto the plan itself, or into a folder that does not exist: PlanCopyError, nothing written."""
    from sbplanner_plugin.adapters.plan_store_common import PlanCopyError

    before = sha(plan.path)
    with pytest.raises(PlanCopyError, match="that is the plan itself"):
        plan.save_copy(plan.path)
    with pytest.raises(PlanCopyError, match=r"No copy of the plan .* was saved to .*missing"):
        plan.save_copy(tmp_path / "missing" / "copy.gpkg")
    assert sha(plan.path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.gpkg"]


def test_backup_copy_failing_removes_its_temporary_file(tmp_path) -> None:
    """backup_copy of something that is not a database: the error, and no file left beside the target."""
    bad = tmp_path / "not.gpkg"
    bad.write_text("not sqlite")
    with pytest.raises(sqlite3.DatabaseError):
        backup_copy(bad, tmp_path / "copy.gpkg")
    assert [p.name for p in tmp_path.iterdir()] == ["not.gpkg"]


# -- the DEM conditioning cache ------------------------------------------------------------------------------------
CHILD_CACHE = """
import numpy as np
from sbplanner_plugin.adapters import flow_cache
from sbplanner_plugin.core.grid import Grid
from sbplanner_plugin.core.hydrology import FlowModel
real = np.savez
def half(stream, **arrays):
    stream.write(b"PK\\x03\\x04 half an npz")
    stream.flush()
    stop()
np.savez = half
grid = Grid(np.arange(12.0).reshape(3, 4), (0.0, 10.0, 0.0, 30.0, 0.0, -10.0), "")
model = FlowModel(grid, np.zeros((3, 4), np.uint8), np.ones((3, 4)))
flow_cache._store_cached(flow_cache._cache_path(sys.argv[1], grid), model)
"""


def test_kill_9_while_a_cache_entry_is_written_leaves_no_entry_and_its_part_is_swept(tmp_path) -> None:
    """kill -9 mid-write of a cache entry: no ``dem_*.npz`` (only a ``.part``); an old part goes on the next write."""
    kill_at_hook(CHILD_CACHE, str(tmp_path))
    assert not list(tmp_path.glob("dem_*.npz"))
    (part,) = tmp_path.glob("*.npz.part")
    old = time.time() - flow_cache.STALE_PART_S - 60
    os.utime(part, (old, old))
    from sbplanner_plugin.core.grid import Grid
    from sbplanner_plugin.core.hydrology import FlowModel

    grid = Grid(np.arange(12.0).reshape(3, 4), (0.0, 10.0, 0.0, 30.0, 0.0, -10.0), "")
    flow_cache._store_cached(
        flow_cache._cache_path(tmp_path, grid), FlowModel(grid, np.zeros((3, 4), np.uint8), np.ones((3, 4)))
    )
    assert not part.exists() and [p.suffix for p in tmp_path.iterdir()] == [".npz"]


# -- the user's parameter tables ------------------------------------------------------------------------------------
CHILD_PARAMS = """
from sbplanner_plugin.adapters import param_files
param_files.save_table_edits("measures.csv", "code", {"grass": {"name_zh": "killed"}}, "edited", check=stop)
"""


def test_kill_9_while_a_parameter_table_is_saved_keeps_the_previous_copy(tmp_path, monkeypatch) -> None:
    """kill -9 while an edited parameter table is checked before the swap: the user's previous copy stays."""
    from sbplanner_plugin.adapters import param_files

    monkeypatch.setenv("SBPLANNER_PARAMS_DIR", str(tmp_path))
    first = param_files.save_table_edits("measures.csv", "code", {"grass": {"name_zh": "草地一"}}, "edited")
    before = sha(first)
    env_dir = os.environ["SBPLANNER_PARAMS_DIR"]
    assert env_dir == str(tmp_path)
    kill_at_hook(CHILD_PARAMS)
    assert sha(first) == before and "草地一" in first.read_text(encoding="utf-8")


def test_save_copy_of_a_postgis_plan_says_how_it_is_copied(tmp_path) -> None:
    """A PostGIS plan: save_copy is refused naming pg_dump (no server contacted), nothing written."""
    from sbplanner_plugin.adapters.plan_store_common import PlanCopyError
    from sbplanner_plugin.adapters.plan_store_postgis import PostgisPlanStore

    store = PostgisPlanStore("host=localhost dbname=county password=secret", "plan_youwuzhen")
    with pytest.raises(PlanCopyError, match="pg_dump --schema=<plan schema>") as error:
        store.save_copy(tmp_path / "copy.gpkg")
    assert "secret" not in str(error.value) and list(tmp_path.iterdir()) == []
