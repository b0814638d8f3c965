"""Plan GeoPackage: schema version and migrations, parameters used, transactional edits (kill -9),
and the QGIS project remembering its plan."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from osgeo import ogr, osr
from qgis.core import QgsFeatureRequest, QgsGeometry, QgsProject, QgsRectangle, QgsVectorLayer

from sbplanner_plugin.adapters.plan_store import (
    SCHEMA_VERSION,
    PlanEditError,
    PlanNotGeoPackageError,
    PlanSchemaTooNewError,
    PlanStore,
    gpkg_blob,
    gpkg_blob_to_wkb,
    open_plan_store,
    project_plan_path,
    set_project_plan_path,
)
from sbplanner_plugin.processing.base import user_message

REPO_ROOT = Path(__file__).resolve().parents[2]
V0_FIXTURE = REPO_ROOT / "tests" / "data" / "plan_v0.gpkg"
PARAMS_DIR = REPO_ROOT / "resources" / "params"
LAYER = "parcels_measures"


def sha1(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()


def rows(path: Path, sql: str, args: tuple = ()) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def dump(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def v0_plan(tmp_path: Path) -> Path:
    path = tmp_path / "old_plan.gpkg"
    shutil.copyfile(V0_FIXTURE, path)
    return path


def make_parcels(store: PlanStore, n: int) -> None:
    """``n`` square parcels (fid 1..n) with empty measure fields, written with OGR in one transaction."""
    ogr.UseExceptions()
    ds = ogr.Open(str(store.path), 1)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2415)
    layer = ds.CreateLayer(LAYER, srs, ogr.wkbPolygon, ["GEOMETRY_NAME=geom", "FID=fid"])
    for name, kind in (("parcel_id", ogr.OFTInteger), ("measure_code", ogr.OFTString),
                       ("status", ogr.OFTString), ("edit_seq", ogr.OFTInteger)):  # fmt: skip
        layer.CreateField(ogr.FieldDefn(name, kind))
    layer.StartTransaction()
    for i in range(n):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("parcel_id", 1000 + i)
        feature.SetField("status", "proposed")
        x = 500000 + 10 * (i % 100)
        y = 3000000 + 10 * (i // 100)
        feature.SetGeometry(ogr.CreateGeometryFromWkt(f"POLYGON (({x} {y},{x + 10} {y},{x + 10} {y + 10},{x} {y}))"))
        layer.CreateFeature(feature)
    layer.CommitTransaction()
    ds = None


# -- creation and versions ---------------------------------------------------------------------------
def test_new_plan_has_the_current_schema_and_its_tables(tmp_path):
    store = PlanStore(tmp_path / "plan")
    assert store.path.name == "plan.gpkg"
    store.ensure()
    assert SCHEMA_VERSION == 3
    assert store.schema_version() == 3
    tables = {r[0] for r in rows(store.path, "SELECT name FROM sqlite_master WHERE type='table'")}
    internal = {"sbplanner_meta", "sbplanner_params", "sbplanner_edit_log", "sbplanner_scenarios"}
    assert internal | {"gpkg_contents"} <= tables
    # the store's own tables are GeoPackage attribute tables (QGIS can open them) but not plan layers
    contents = dict(rows(store.path, "SELECT table_name, data_type FROM gpkg_contents"))
    assert contents == {
        "sbplanner_params": "attributes", "sbplanner_edit_log": "attributes", "sbplanner_scenarios": "attributes"
    }  # fmt: skip
    assert [s["scenario_id"] for s in store.list_scenarios()] == ["baseline"]
    assert store.layers() == []
    assert rows(store.path, "PRAGMA journal_mode") == [("delete",)]
    store.ensure()  # idempotent: no backup, same version
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.gpkg"]


def test_v0_fixture_is_upgraded_in_place_after_a_backup(tmp_path):
    path = v0_plan(tmp_path)
    before = dump(path)
    store = PlanStore(path)
    assert store.schema_version() == 0
    store.ensure()
    assert store.schema_version() == SCHEMA_VERSION
    backup = tmp_path / "old_plan.v0.bak.gpkg"
    assert backup.exists()
    assert dump(backup) == before  # the backup holds the untouched old plan
    assert rows(backup, "PRAGMA application_id") == rows(V0_FIXTURE, "PRAGMA application_id")
    assert PlanStore(backup).schema_version() == 0
    assert store.layers() == ["outlets_snapped", "streams", "watersheds"]
    meta = dict(rows(path, "SELECT key, value FROM sbplanner_meta"))
    assert meta["schema_version"] == str(SCHEMA_VERSION)
    assert "migrated_from_v0_at" in meta
    # every feature survived, readable by QGIS
    layer = QgsVectorLayer(store.layer_uri("watersheds"), "w", "ogr")
    assert layer.isValid()
    got = sorted((f["ws_code"], f["area_km2"], round(f.geometry().area())) for f in layer.getFeatures())
    assert got == [("W01", 0.25, 250000), ("W02", 0.5, 500000)]
    streams = QgsVectorLayer(store.layer_uri("streams"), "s", "ogr")
    assert sorted((f["ws_code"], f["strahler"]) for f in streams.getFeatures()) == [("W01", 1), ("W02", 2)]
    # a second open does nothing more
    store.ensure()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old_plan.gpkg", "old_plan.v0.bak.gpkg"]


def test_v1_plan_is_upgraded_and_a_second_backup_does_not_overwrite_the_first(tmp_path):
    path = v0_plan(tmp_path)
    with sqlite3.connect(path) as con:  # what SBPlanner 0.x (schema 1) wrote
        con.execute("CREATE TABLE sbplanner_meta (key TEXT PRIMARY KEY, value TEXT)")
        con.execute("INSERT INTO sbplanner_meta VALUES ('schema_version', '1')")
    con.close()
    (tmp_path / "old_plan.v1.bak.gpkg").write_bytes(b"an older backup the user keeps")
    store = PlanStore(path)
    assert store.schema_version() == 1
    backup = store.migrate()
    assert backup == tmp_path / "old_plan.v1.bak-2.gpkg"
    assert PlanStore(backup).schema_version() == 1
    assert (tmp_path / "old_plan.v1.bak.gpkg").read_bytes() == b"an older backup the user keeps"
    assert store.schema_version() == SCHEMA_VERSION
    assert store.params() == []
    assert store.edit_log() == []
    assert "migrated_from_v1_at" in dict(rows(path, "SELECT key, value FROM sbplanner_meta"))


def test_newer_plan_is_refused_and_nothing_is_written(tmp_path):
    store = PlanStore(tmp_path / "future.gpkg")
    store.ensure()
    with sqlite3.connect(store.path) as con:
        con.execute("UPDATE sbplanner_meta SET value='7' WHERE key='schema_version'")
    con.close()
    before = sha1(store.path)
    with pytest.raises(PlanSchemaTooNewError) as info:
        store.ensure()
    assert info.value.params == {"path": str(store.path), "found": 7, "supported": SCHEMA_VERSION}
    message = user_message(info.value)
    assert "future.gpkg" in message and "7" in message and str(SCHEMA_VERSION) in message
    assert "newer SBPlanner" in message and "not changed" in message
    with pytest.raises(PlanSchemaTooNewError):
        store.update_attributes("watersheds", {1: {"ws_code": "X"}})
    assert sha1(store.path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["future.gpkg"]


def test_a_file_that_is_not_a_geopackage_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.gpkg"
    path.write_text("these are my notes, not a plan\n", encoding="utf-8")
    with pytest.raises(PlanNotGeoPackageError) as info:
        PlanStore(path).ensure()
    assert "notes.gpkg" in user_message(info.value)
    assert path.read_text(encoding="utf-8") == "these are my notes, not a plan\n"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.gpkg"]


# -- parameters used --------------------------------------------------------------------------------
def test_parameter_tables_used_are_recorded_with_their_sha1_and_text(tmp_path):
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    csvs = sorted(PARAMS_DIR.glob("*.csv"))[:2]
    assert len(csvs) == 2
    store.record_params("analyse_parcels", csvs)
    got = store.params("analyse_parcels")
    assert [r["file_name"] for r in got] == [p.name for p in csvs]
    for row, csv_path in zip(got, csvs):
        assert row["sha1"] == sha1(csv_path)
        assert row["content"] == csv_path.read_bytes().decode("utf-8-sig")
    # the user edits a table and runs again: one row per (step, file), the new text wins
    edited = tmp_path / csvs[0].name
    edited.write_text(csvs[0].read_text(encoding="utf-8-sig") + "# edited\n", encoding="utf-8")
    store.record_params("analyse_parcels", [edited])
    store.record_params("assign_measures", [edited])
    got = {(r["step"], r["file_name"]): r for r in store.params()}
    assert len(got) == 3
    assert got[("analyse_parcels", csvs[0].name)]["sha1"] == sha1(edited)
    assert got[("analyse_parcels", csvs[0].name)]["content"].endswith("# edited\n")
    assert got[("analyse_parcels", csvs[1].name)]["sha1"] == sha1(csvs[1])


# -- edits ------------------------------------------------------------------------------------------
def test_update_attributes_writes_named_fields_and_logs_them(tmp_path):
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    make_parcels(store, 5)
    layer = QgsVectorLayer(store.layer_uri(LAYER), "p", "ogr")  # QGIS has the plan open meanwhile
    assert layer.isValid() and layer.featureCount() == 5
    n = store.update_attributes(
        LAYER, {2: {"measure_code": "terrace_level_earth", "status": "confirmed"}, 4: {"status": "proposed"}},
        user="engineer_a",
    )  # fmt: skip
    assert n == 2  # fid 4 was already "proposed": nothing changed, nothing logged
    layer.dataProvider().reloadData()
    values = {f.id(): (f["measure_code"], f["status"], f["parcel_id"]) for f in layer.getFeatures()}
    assert values[2] == ("terrace_level_earth", "confirmed", 1001)
    assert values[1][1] == "proposed" and values[4][1] == "proposed"
    log = store.edit_log(LAYER)
    assert [(r["user_name"], r["fid"], r["field"], r["old_value"], r["new_value"]) for r in log] == [
        ("engineer_a", 2, "measure_code", None, "terrace_level_earth"),
        ("engineer_a", 2, "status", "proposed", "confirmed"),
    ]


def test_a_failing_edit_changes_nothing(tmp_path):
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    make_parcels(store, 3)
    with pytest.raises(PlanEditError) as info:
        store.update_attributes(LAYER, {1: {"measure_code": "hedgerow"}, 99: {"measure_code": "hedgerow"}})
    assert "99" in user_message(info.value)
    assert str(info.value) == f"The edit of layer {LAYER} was not saved (nothing was changed): no feature with id 99"
    with pytest.raises(PlanEditError):
        store.update_attributes(LAYER, {1: {"no_such_field": 1}})
    with pytest.raises(PlanEditError):
        store.update_attributes("no_such_layer", {1: {"status": "x"}})

    def failing_edit():
        with store.edit() as editor:
            editor.update_attributes(LAYER, {2: {"measure_code": "grass"}})
            raise RuntimeError("the editor failed half-way")

    with pytest.raises(RuntimeError):
        failing_edit()
    assert rows(store.path, f"SELECT count(*) FROM {LAYER} WHERE measure_code IS NOT NULL") == [(0,)]
    assert store.edit_log() == []
    with store.edit(user="b") as editor:  # several edits, one transaction
        editor.update_attributes(LAYER, {2: {"measure_code": "grass"}})
        editor.update_attributes(LAYER, {3: {"measure_code": "closure"}})
    assert rows(store.path, f"SELECT fid, measure_code FROM {LAYER} WHERE measure_code IS NOT NULL ORDER BY fid") == [
        (2, "grass"),
        (3, "closure"),
    ]


# -- feature edits (works: add / move / delete) -------------------------------------------------------
DAMS = "check_dams"
DITCHES = "intercept_ditches"


def make_works(store: PlanStore) -> None:
    """A point layer (two check dams) and a multi-line layer, as OGR/Processing write them (rtree index)."""
    ogr.UseExceptions()
    ds = ogr.Open(str(store.path), 1)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2415)
    dams = ds.CreateLayer(DAMS, srs, ogr.wkbPoint, ["GEOMETRY_NAME=geom", "FID=fid"])
    for name, kind in (("measure_code", ogr.OFTString), ("status", ogr.OFTString), ("height_m", ogr.OFTReal)):
        dams.CreateField(ogr.FieldDefn(name, kind))
    for x, y in ((500000, 3000000), (500100, 3000100)):
        feature = ogr.Feature(dams.GetLayerDefn())
        feature.SetField("measure_code", "check_dam")
        feature.SetField("status", "proposed")
        feature.SetField("height_m", 2.0)
        feature.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({x} {y})"))
        dams.CreateFeature(feature)
    ditches = ds.CreateLayer(DITCHES, srs, ogr.wkbMultiLineString, ["GEOMETRY_NAME=geom", "FID=fid"])
    ditches.CreateField(ogr.FieldDefn("status", ogr.OFTString))
    ds = None


def wkb(wkt: str) -> bytes:
    return bytes(QgsGeometry.fromWkt(wkt).asWkb())


def ids_in(path: Path, layer: str, box: tuple[float, float, float, float]) -> list[int]:
    """Feature ids QGIS finds with a spatial filter (answered from the rtree index) in a fresh layer."""
    vl = QgsVectorLayer(f"{path}|layername={layer}", "w", "ogr")
    assert vl.isValid()
    return sorted(f.id() for f in vl.getFeatures(QgsFeatureRequest().setFilterRect(QgsRectangle(*box))))


def rtree(path: Path, layer: str) -> dict[int, tuple]:
    got = rows(path, f"SELECT id, minx, maxx, miny, maxy FROM rtree_{layer}_geom ORDER BY id")
    return {r[0]: tuple(round(v, 3) for v in r[1:]) for r in got}


def check_rtree_matches_geometries(path: Path, layer: str) -> None:
    """Every feature is in the spatial index with its true bounding box, and nothing else is."""
    ds = ogr.Open(str(path))
    truth = {}
    for feature in ds.GetLayerByName(layer):
        minx, maxx, miny, maxy = feature.GetGeometryRef().GetEnvelope()
        truth[feature.GetFID()] = tuple(round(v, 3) for v in (minx, maxx, miny, maxy))
    ds = None
    index = rtree(path, layer)
    assert index.keys() == truth.keys()
    for fid, box in truth.items():  # the rtree stores float32 bounds, rounded outwards
        assert index[fid] == pytest.approx(box, abs=0.05), fid


def test_geopackage_blob_has_the_standard_header():
    point = wkb("POINT (500010.5 3000020.25)")
    blob = gpkg_blob(point, 2415)
    assert blob[:2] == b"GP" and blob[2] == 0 and blob[3] == 0b0011  # little endian, xy envelope
    assert int.from_bytes(blob[4:8], "little") == 2415
    assert gpkg_blob_to_wkb(blob) == point
    geometry = ogr.CreateGeometryFromWkb(gpkg_blob_to_wkb(blob))
    assert (geometry.GetX(), geometry.GetY()) == (500010.5, 3000020.25)
    empty = gpkg_blob(wkb("POINT EMPTY"), 2415)
    assert empty[3] & 0x10 and len(empty) == 8 + len(wkb("POINT EMPTY"))


def test_insert_move_delete_a_work_keeps_the_spatial_index_and_the_log(tmp_path):
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    make_works(store)
    layer = QgsVectorLayer(store.layer_uri(DAMS), "dams", "ogr")  # QGIS has the plan open meanwhile
    assert layer.isValid() and layer.featureCount() == 2

    fid = store.insert_feature(
        DAMS, wkb("POINT (500300 3000300)"), {"measure_code": "check_dam", "status": "confirmed", "height_m": 3.5},
        user="engineer_a",
    )  # fmt: skip
    assert fid == 3
    layer.dataProvider().reloadData()
    assert layer.featureCount() == 3
    feature = layer.getFeature(fid)
    assert feature.geometry().asWkt() == "Point (500300 3000300)"
    assert (feature["measure_code"], feature["status"], feature["height_m"]) == ("check_dam", "confirmed", 3.5)
    assert ids_in(store.path, DAMS, (500290, 3000290, 500310, 3000310)) == [3]
    check_rtree_matches_geometries(store.path, DAMS)
    extent = rows(store.path, "SELECT max_x, max_y FROM gpkg_contents WHERE table_name = ?", (DAMS,))[0]
    assert extent[0] >= 500300 and extent[1] >= 3000300  # the layer extent includes the new work

    assert store.update_geometry(DAMS, {fid: wkb("POINT (500500 3000600)"), 1: wkb("POINT (499900 2999950)")}) == 2
    assert ids_in(store.path, DAMS, (500290, 3000290, 500310, 3000310)) == []  # not found at the old place
    assert ids_in(store.path, DAMS, (500490, 3000590, 500510, 3000610)) == [3]
    assert ids_in(store.path, DAMS, (499890, 2999940, 499910, 2999960)) == [1]
    check_rtree_matches_geometries(store.path, DAMS)

    deleted = store.delete_features(DAMS, [2])
    assert [d["fid"] for d in deleted] == [2]
    assert deleted[0]["attributes"] == {"measure_code": "check_dam", "status": "proposed", "height_m": 2.0}
    assert ogr.CreateGeometryFromWkb(deleted[0]["wkb"]).ExportToWkt() == "POINT (500100 3000100)"
    assert ids_in(store.path, DAMS, (500090, 3000090, 500110, 3000110)) == []
    check_rtree_matches_geometries(store.path, DAMS)
    # undo of the delete: the same feature id comes back with its attributes
    assert store.insert_feature(DAMS, deleted[0]["wkb"], deleted[0]["attributes"], fid=2) == 2
    assert ids_in(store.path, DAMS, (500090, 3000090, 500110, 3000110)) == [2]
    check_rtree_matches_geometries(store.path, DAMS)
    assert rows(store.path, "PRAGMA integrity_check") == [("ok",)]

    log = store.edit_log(DAMS)
    assert [(r["fid"], r["field"]) for r in log] == [
        (3, "__insert__"), (3, "__geometry__"), (1, "__geometry__"), (2, "__delete__"), (2, "__insert__"),
    ]  # fmt: skip
    assert log[0]["user_name"] == "engineer_a" and log[0]["old_value"] is None
    inserted = json.loads(log[0]["new_value"])
    assert inserted["attributes"] == {"measure_code": "check_dam", "status": "confirmed", "height_m": 3.5}
    assert ogr.CreateGeometryFromWkb(bytes.fromhex(inserted["wkb"])).ExportToWkt() == "POINT (500300 3000300)"
    moved = log[1]
    assert ogr.CreateGeometryFromWkb(bytes.fromhex(moved["old_value"])).ExportToWkt() == "POINT (500300 3000300)"
    assert ogr.CreateGeometryFromWkb(bytes.fromhex(moved["new_value"])).ExportToWkt() == "POINT (500500 3000600)"
    removed = json.loads(log[3]["old_value"])
    assert removed["attributes"]["status"] == "proposed" and log[3]["new_value"] is None
    # GDAL reads the file back (its own GeoPackage checks) and sees the same works
    ds = ogr.Open(str(store.path))
    dams = ds.GetLayerByName(DAMS)
    assert sorted(f.GetFID() for f in dams) == [1, 2, 3]
    dams.SetSpatialFilterRect(500490, 3000590, 500510, 3000610)
    assert [f.GetFID() for f in dams] == [3]
    ds = None


def test_a_line_is_stored_as_the_layers_multi_type(tmp_path):
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    make_works(store)
    fid = store.insert_feature(DITCHES, wkb("LINESTRING (500000 3000000, 500200 3000050)"), {"status": "confirmed"})
    layer = QgsVectorLayer(store.layer_uri(DITCHES), "d", "ogr")
    assert layer.getFeature(fid).geometry().asWkt() == "MultiLineString ((500000 3000000, 500200 3000050))"
    assert ids_in(store.path, DITCHES, (500100, 3000000, 500110, 3000100)) == [fid]
    check_rtree_matches_geometries(store.path, DITCHES)


def test_a_failing_feature_edit_changes_nothing(tmp_path):
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    make_works(store)
    before = dump(store.path)
    with pytest.raises(PlanEditError):
        store.insert_feature(DAMS, wkb("POINT (1 2)"), {"no_such_field": 1})
    with pytest.raises(PlanEditError):
        store.insert_feature(DAMS, b"not a geometry", {"status": "confirmed"})
    with pytest.raises(PlanEditError) as info:
        store.update_geometry(DAMS, {1: wkb("POINT (1 2)"), 99: wkb("POINT (3 4)")})
    assert "99" in user_message(info.value)
    with pytest.raises(PlanEditError):
        store.delete_features(DAMS, [2, 99])
    with pytest.raises(PlanEditError):
        store.insert_feature("sbplanner_edit_log", None, {})
    with pytest.raises(sqlite3.IntegrityError):  # fid 1 is taken
        store.insert_feature(DAMS, wkb("POINT (1 2)"), {}, fid=1)
    assert dump(store.path) == before
    check_rtree_matches_geometries(store.path, DAMS)


CHILD_GEOMETRY_HOLD = textwrap.dedent(
    """
    import sys, time
    from osgeo import ogr
    from sbplanner_plugin.adapters.plan_store import PlanStore
    store = PlanStore(sys.argv[1])
    point = lambda x, y: bytes(ogr.CreateGeometryFromWkt(f"POINT ({x} {y})").ExportToIsoWkb())
    with store.edit() as editor:
        editor.update_geometry("check_dams", {1: point(510000, 3010000)})
        editor.delete_features("check_dams", [2])
        for i in range(3000):  # more pages than the page cache holds: some reach the file before COMMIT
            editor.insert_feature("check_dams", point(520000 + i, 3020000), {"status": "x" * 1000})
        print("inside", flush=True)
        time.sleep(120)
    print("done", flush=True)
    """
)


def test_kill_9_inside_a_geometry_edit_rolls_it_back_with_its_index(tmp_path):
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    make_works(store)
    store.insert_feature(DAMS, wkb("POINT (500700 3000700)"), {"status": "confirmed"})  # committed
    clean = sha1(store.path)
    child = run_child(CHILD_GEOMETRY_HOLD, str(store.path))
    journal = Path(str(store.path) + "-journal")
    try:
        line = child.stdout.readline().strip()
        assert line == "inside", child.stderr.read()
        assert journal.exists()  # the child is inside its write transaction…
        assert sha1(store.path) != clean  # …and has already written part of it into the file
        os.kill(child.pid, signal.SIGKILL)
        child.wait(30)
    finally:
        child.kill()
        child.wait(30)
    assert child.returncode == -signal.SIGKILL
    assert journal.exists()  # hot journal: the half-written edit is rolled back by the next opener
    assert rows(store.path, "PRAGMA integrity_check") == [("ok",)]
    assert not journal.exists()
    layer = QgsVectorLayer(store.layer_uri(DAMS), "d", "ogr")
    assert layer.isValid() and layer.featureCount() == 3  # the committed insert, nothing of the open edit
    assert layer.getFeature(1).geometry().asWkt() == "Point (500000 3000000)"
    assert ids_in(store.path, DAMS, (509990, 3009990, 530000, 3020010)) == []
    assert ids_in(store.path, DAMS, (499990, 2999990, 500710, 3000710)) == [1, 2, 3]
    check_rtree_matches_geometries(store.path, DAMS)
    assert [r["field"] for r in store.edit_log(DAMS)] == ["__insert__"]


CHILD_LOOP = textwrap.dedent(
    """
    import sys
    from sbplanner_plugin.adapters.plan_store import PlanStore
    store = PlanStore(sys.argv[1])
    for i in range(int(sys.argv[2])):
        store.update_attributes(
            "parcels_measures", {i + 1: {"measure_code": f"m{i}", "status": "confirmed", "edit_seq": i}}
        )
        print(i, flush=True)
    """
)

CHILD_HOLD = textwrap.dedent(
    """
    import sys, time
    from sbplanner_plugin.adapters.plan_store import PlanStore
    store = PlanStore(sys.argv[1])
    for i in range(5):
        store.update_attributes("parcels_measures", {i + 1: {"measure_code": f"m{i}", "edit_seq": i}})
    with store.edit() as editor:
        # a big edit: more changed pages than SQLite's page cache holds, so some are written into the
        # database file before COMMIT (the rollback journal keeps their old content)
        n = int(sys.argv[2])
        editor.update_attributes(
            "parcels_measures", {fid: {"measure_code": "half" * 250, "edit_seq": 5} for fid in range(6, n + 1)}
        )
        print("inside", flush=True)
        time.sleep(120)
        editor.update_attributes("parcels_measures", {7: {"measure_code": "half", "edit_seq": 6}})
    print("done", flush=True)
    """
)


def run_child(code: str, *args: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    return subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def check_opens_and_is_intact(path: Path, n: int) -> None:
    assert rows(path, "PRAGMA integrity_check") == [("ok",)]
    layer = QgsVectorLayer(f"{path}|layername={LAYER}", "p", "ogr")
    assert layer.isValid()
    assert layer.featureCount() == n


def test_kill_9_during_a_stream_of_edits_loses_no_committed_edit_and_leaves_no_partial_one(tmp_path):
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    n = 3000
    make_parcels(store, n)
    child = run_child(CHILD_LOOP, str(store.path), str(n))
    last = -1
    try:
        for line in child.stdout:
            last = int(line)
            if last >= 150:
                break
        assert last >= 150, child.stderr.read()
        os.kill(child.pid, signal.SIGKILL)  # mid-way: the child keeps editing until the signal lands
    finally:
        child.kill()
        child.wait(30)
    for line in child.stdout:  # commits printed between our read and the kill
        last = int(line)
    assert child.returncode == -signal.SIGKILL
    check_opens_and_is_intact(store.path, n)
    got = rows(store.path, f"SELECT fid, measure_code, status, edit_seq FROM {LAYER} ORDER BY fid")
    edited = [r for r in got if r[3] is not None]
    assert last + 1 < n, "the child finished before it was killed"
    # every edit reported as committed is there; at most one more (committed, killed before printing)
    assert last + 1 <= len(edited) <= last + 2
    for fid, code, status, seq in got:
        if fid <= len(edited):
            assert (code, status, seq) == (f"m{fid - 1}", "confirmed", fid - 1)
        else:  # untouched, not half-written
            assert (code, status, seq) == (None, "proposed", None)
    log = rows(store.path, "SELECT fid, count(*) FROM sbplanner_edit_log GROUP BY fid ORDER BY fid")
    assert log == [(fid, 3) for fid in range(1, len(edited) + 1)]  # edit and its log: same transaction


def test_kill_9_inside_an_open_edit_transaction_rolls_it_back(tmp_path):
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    n = 3000
    make_parcels(store, n)
    clean = sha1(store.path)
    child = run_child(CHILD_HOLD, str(store.path), str(n))
    try:
        line = child.stdout.readline().strip()
        assert line == "inside", child.stderr.read()
        journal = Path(str(store.path) + "-journal")
        assert journal.exists()  # the child is inside a write transaction…
        assert sha1(store.path) != clean  # …and has already written part of it into the file
        os.kill(child.pid, signal.SIGKILL)
        child.wait(30)
    finally:
        child.kill()
        child.wait(30)
    assert child.returncode == -signal.SIGKILL
    assert journal.exists()  # a hot journal: the next opener rolls the half edit back
    check_opens_and_is_intact(store.path, n)
    assert not journal.exists()  # the first reader rolled the hot journal back
    got = rows(store.path, f"SELECT fid, measure_code, edit_seq FROM {LAYER} WHERE fid <= 5 ORDER BY fid")
    assert got == [(i + 1, f"m{i}", i) for i in range(5)]
    assert rows(store.path, f"SELECT count(*) FROM {LAYER} WHERE fid > 5 AND measure_code IS NULL") == [(n - 5,)]
    assert rows(store.path, "SELECT count(*) FROM sbplanner_edit_log") == [(10,)]
    assert store.schema_version() == SCHEMA_VERSION


# -- the project remembers its plan --------------------------------------------------------------------
def test_project_remembers_its_plan_relative_to_the_project_file(tmp_path):
    folder = tmp_path / "county"
    folder.mkdir()
    project = QgsProject()
    project.setFileName(str(folder / "plan_project.qgz"))
    assert set_project_plan_path(project, str(folder / "youwuzhen")) == str(folder / "youwuzhen.gpkg")
    stored, found = project.readEntry("sbplanner", "plan_path", "")
    assert found and stored == "./youwuzhen.gpkg"
    assert project_plan_path(project) == str(folder / "youwuzhen.gpkg")
    PlanStore(project_plan_path(project)).ensure()
    assert project.write()
    # the folder moves to another machine: the project still finds its plan
    moved = tmp_path / "moved"
    shutil.move(str(folder), str(moved))
    reopened = QgsProject()
    assert reopened.read(str(moved / "plan_project.qgz"))
    assert project_plan_path(reopened) == str(moved / "youwuzhen.gpkg")
    assert open_plan_store(project_plan_path(reopened)).schema_version() == SCHEMA_VERSION


def test_project_without_a_plan_and_postgis_locations(tmp_path):
    project = QgsProject()
    assert project_plan_path(project) == ""
    location = "postgres:host=db.county port=5432 dbname=gis schema=plan_a"
    assert set_project_plan_path(project, location) == location
    assert project_plan_path(project) == location
    store = open_plan_store(location)
    assert (store.dsn, store.schema, store.provider) == ("host=db.county port=5432 dbname=gis", "plan_a", "postgres")
