"""The plan in PostgreSQL/PostGIS: Processing writes layers there, two engineers edit different parcels
at the same time without overwriting each other, and versions/migrations work as in a GeoPackage.

Needs a server: SBPLANNER_TEST_PG="host=… port=… dbname=… user=… password=…" (a database with the
postgis extension). `.ci/run` starts one (`.ci/postgres.sh`); without the variable these tests skip.
"""

from __future__ import annotations

import os
import threading
import uuid

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

from sbplanner_plugin.adapters.plan_store import SCHEMA_VERSION, PlanSchemaTooNewError, open_plan_store
from sbplanner_plugin.processing.base import user_message

DSN = os.environ.get("SBPLANNER_TEST_PG", "")
pytestmark = pytest.mark.skipif(
    not DSN, reason="SBPLANNER_TEST_PG is not set (no PostgreSQL/PostGIS test server; .ci/postgres.sh starts one)"
)
LAYER = "parcels_measures"

psycopg2 = pytest.importorskip("psycopg2") if DSN else None


@pytest.fixture
def store():
    from sbplanner_plugin.adapters.plan_store_postgis import PostgisPlanStore

    plan = PostgisPlanStore(DSN, f"plan_{uuid.uuid4().hex[:10]}")
    yield plan
    with psycopg2.connect(DSN) as con, con.cursor() as cur:
        cur.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE %s", (plan.schema + "%",))
        for (name,) in cur.fetchall():
            cur.execute(f'DROP SCHEMA "{name}" CASCADE')
    con.close()


def sql(query: str, args: tuple = ()) -> list[tuple]:
    con = psycopg2.connect(DSN)
    try:
        with con, con.cursor() as cur:
            cur.execute(query, args)
            return cur.fetchall() if cur.description else []
    finally:
        con.close()


def write_parcels(store, n: int, measure: str = "") -> dict:
    """Write ``n`` parcels into the plan with Processing (as the algorithms do) and return the result."""
    import processing

    mem = QgsVectorLayer(
        "Polygon?crs=EPSG:2415&field=parcel_id:integer&field=measure_code:string&field=status:string",
        "parcels",
        "memory",
    )
    features = []
    for i in range(n):
        feature = QgsFeature(mem.fields())
        feature.setAttributes([1000 + i, measure or None, "proposed"])
        x = 500000 + 10 * i
        feature.setGeometry(QgsGeometry.fromWkt(f"POLYGON (({x} 0, {x + 10} 0, {x + 10} 10, {x} 10, {x} 0))"))
        features.append(feature)
    assert mem.dataProvider().addFeatures(features)[0]
    return processing.run("native:fixgeometries", {"INPUT": mem, "OUTPUT": store.destination(LAYER)})


def test_new_plan_schema_and_processing_output(store):
    store.ensure()
    assert store.schema_version() == SCHEMA_VERSION
    assert store.layers() == []
    write_parcels(store, 4)
    assert store.layers() == [LAYER]
    assert sql(f'SELECT count(*), sum(parcel_id) FROM "{store.schema}".{LAYER}') == [(4, 4006)]
    layer = QgsVectorLayer(store.layer_uri(LAYER), "p", "postgres")
    assert layer.isValid(), layer.error().summary()
    assert sorted(f["parcel_id"] for f in layer.getFeatures()) == [1000, 1001, 1002, 1003]
    assert round(sum(f.geometry().area() for f in layer.getFeatures())) == 400
    assert sorted(f.id() for f in layer.getFeatures()) == [1, 2, 3, 4]  # fid as in a GeoPackage
    # running the algorithm again replaces the layer and keeps the store's tables
    write_parcels(store, 2, measure="grass")
    assert sql(f'SELECT count(*), min(measure_code) FROM "{store.schema}".{LAYER}') == [(2, "grass")]
    assert store.schema_version() == SCHEMA_VERSION
    # the location round-trips through a project entry
    again = open_plan_store(store.location)
    assert (again.dsn, again.schema) == (store.dsn, store.schema)
    assert again.layers() == [LAYER]


def test_two_engineers_edit_different_parcels_at_the_same_time(store):
    store.ensure()
    write_parcels(store, 6)
    # engineer A holds an open edit on parcel 1 while engineer B edits parcel 2 and commits
    a_inside = threading.Event()
    b_done = threading.Event()
    errors = []

    def engineer_a():
        try:
            with store.edit(user="engineer_a") as editor:
                editor.update_attributes(LAYER, {1: {"measure_code": "terrace_level_earth", "status": "confirmed"}})
                a_inside.set()
                assert b_done.wait(30), "B was blocked by A's edit of another parcel"
        except Exception as exc:  # reported below
            errors.append(exc)

    thread = threading.Thread(target=engineer_a)
    thread.start()
    assert a_inside.wait(30)
    store.update_attributes(LAYER, {2: {"measure_code": "closure"}}, user="engineer_b")
    b_done.set()
    thread.join(30)
    assert not errors, errors
    got = sql(f'SELECT fid, measure_code, status FROM "{store.schema}".{LAYER} ORDER BY fid')
    assert got[:3] == [(1, "terrace_level_earth", "confirmed"), (2, "closure", "proposed"), (3, None, "proposed")]
    # B read the layer before A committed: a whole-layer rewrite would have lost A's edit
    log = [(r["user_name"], r["fid"], r["field"]) for r in store.edit_log(LAYER)]
    assert sorted(log) == [
        ("engineer_a", 1, "measure_code"),
        ("engineer_a", 1, "status"),
        ("engineer_b", 2, "measure_code"),
    ]
    # QGIS sees both edits
    layer = QgsVectorLayer(store.layer_uri(LAYER), "p", "postgres")
    assert {f.id(): f["measure_code"] for f in layer.getFeatures() if f.id() <= 2} == {
        1: "terrace_level_earth",
        2: "closure",
    }


def test_edits_of_the_same_parcel_are_serialised_not_lost(store):
    store.ensure()
    write_parcels(store, 2)
    a_inside = threading.Event()
    release_a = threading.Event()

    def engineer_a():
        with store.edit(user="a") as editor:
            editor.update_attributes(LAYER, {1: {"measure_code": "hedgerow"}})
            a_inside.set()
            release_a.wait(30)

    thread = threading.Thread(target=engineer_a)
    thread.start()
    assert a_inside.wait(30)
    b = threading.Thread(target=lambda: store.update_attributes(LAYER, {1: {"status": "confirmed"}}, user="b"))
    b.start()
    b.join(1.0)
    blocked = b.is_alive()  # B waits for A's row lock
    release_a.set()
    thread.join(30)
    b.join(30)
    assert blocked
    assert sql(f'SELECT measure_code, status FROM "{store.schema}".{LAYER} WHERE fid = 1') == [
        ("hedgerow", "confirmed")
    ]


def test_failed_edit_is_rolled_back(store):
    from sbplanner_plugin.adapters.plan_store import PlanEditError

    store.ensure()
    write_parcels(store, 3)
    with pytest.raises(PlanEditError):
        store.update_attributes(LAYER, {1: {"measure_code": "grass"}, 42: {"measure_code": "grass"}})
    assert sql(f'SELECT count(*) FROM "{store.schema}".{LAYER} WHERE measure_code IS NOT NULL') == [(0,)]
    assert store.edit_log() == []


def test_old_plan_schema_is_migrated_after_a_backup_schema(store):
    # a schema-0 plan: step layers only, no sbplanner_meta
    sql(f'CREATE SCHEMA "{store.schema}"')
    write_parcels(store, 3)
    assert store.schema_version() == 0
    backup = store.migrate()
    assert backup == f"{store.schema}_v0_bak"
    assert store.schema_version() == SCHEMA_VERSION
    assert sql(f'SELECT count(*) FROM "{backup}".{LAYER}') == [(3,)]
    meta = dict(sql(f'SELECT key, value FROM "{store.schema}".sbplanner_meta'))
    assert meta["schema_version"] == str(SCHEMA_VERSION) and "migrated_from_v0_at" in meta
    assert store.layers() == [LAYER]
    store.ensure()  # current: nothing more
    assert sql("SELECT count(*) FROM pg_namespace WHERE nspname LIKE %s", (store.schema + "_v%",)) == [(1,)]
    store.record_params("assign_measures", [os.path.join(os.path.dirname(__file__), "..", "data", "make_plan_v0.py")])
    assert [r["file_name"] for r in store.params()] == ["make_plan_v0.py"]


def test_newer_plan_schema_is_refused_and_nothing_is_written(store):
    store.ensure()
    write_parcels(store, 1)
    sql(f"UPDATE \"{store.schema}\".sbplanner_meta SET value = '9' WHERE key = 'schema_version'")
    before = sql(f'SELECT key, value FROM "{store.schema}".sbplanner_meta ORDER BY key')
    with pytest.raises(PlanSchemaTooNewError) as info:
        store.ensure()
    assert info.value.params["found"] == 9
    message = user_message(info.value)
    assert "password" not in message or "***" in message
    assert "9" in message and store.schema in message
    with pytest.raises(PlanSchemaTooNewError):
        store.update_attributes(LAYER, {1: {"status": "confirmed"}})
    assert sql(f'SELECT key, value FROM "{store.schema}".sbplanner_meta ORDER BY key') == before
    assert sql(f'SELECT status FROM "{store.schema}".{LAYER}') == [("proposed",)]
    assert sql("SELECT count(*) FROM pg_namespace WHERE nspname LIKE %s", (store.schema + "_v%",)) == [(0,)]


def write_dams(store) -> None:
    """Two check dams (points) written into the plan by Processing, as suggest_gully_works does."""
    import processing

    mem = QgsVectorLayer("Point?crs=EPSG:2415&field=measure_code:string&field=status:string", "dams", "memory")
    features = []
    for x, y in ((500000, 3000000), (500100, 3000100)):
        feature = QgsFeature(mem.fields())
        feature.setAttributes(["check_dam", "proposed"])
        feature.setGeometry(QgsGeometry.fromWkt(f"POINT ({x} {y})"))
        features.append(feature)
    assert mem.dataProvider().addFeatures(features)[0]
    processing.run("native:savefeatures", {"INPUT": mem, "OUTPUT": store.destination("check_dams")})


def test_works_are_added_moved_and_deleted_in_transactions_and_logged(store):
    import json

    from qgis.core import QgsFeatureRequest, QgsRectangle

    from sbplanner_plugin.adapters.plan_store import PlanEditError

    store.ensure()
    write_dams(store)
    table = f'"{store.schema}".check_dams'

    def found(box):
        layer = QgsVectorLayer(store.layer_uri("check_dams"), "d", "postgres")
        assert layer.isValid(), layer.error().summary()
        return sorted(f.id() for f in layer.getFeatures(QgsFeatureRequest().setFilterRect(QgsRectangle(*box))))

    point = lambda wkt: bytes(QgsGeometry.fromWkt(wkt).asWkb())  # noqa: E731
    fid = store.insert_feature(
        "check_dams", point("POINT (500300 3000300)"), {"measure_code": "check_dam", "status": "confirmed"}, user="a"
    )
    assert fid == 3
    assert sql(f"SELECT ST_AsText(geom), ST_SRID(geom), status FROM {table} WHERE fid = 3") == [
        ("POINT(500300 3000300)", 2415, "confirmed")
    ]
    assert found((500290, 3000290, 500310, 3000310)) == [3]
    assert store.update_geometry("check_dams", {3: point("POINT (500500 3000600)")}, user="a") == 1
    assert found((500290, 3000290, 500310, 3000310)) == []
    assert found((500490, 3000590, 500510, 3000610)) == [3]
    deleted = store.delete_features("check_dams", [1], user="a")
    assert deleted[0]["attributes"] == {"measure_code": "check_dam", "status": "proposed"}
    assert as_wkt(deleted[0]["wkb"]) == "Point (500000 3000000)"
    assert sql(f"SELECT fid FROM {table} ORDER BY fid") == [(2,), (3,)]
    assert store.insert_feature("check_dams", deleted[0]["wkb"], deleted[0]["attributes"], fid=1) == 1  # undo
    assert sql(f"SELECT fid, ST_AsText(geom) FROM {table} WHERE fid = 1") == [(1, "POINT(500000 3000000)")]
    log = store.edit_log("check_dams")
    assert [(r["fid"], r["field"], r["user_name"]) for r in log] == [
        (3, "__insert__", "a"), (3, "__geometry__", "a"), (1, "__delete__", "a"), (1, "__insert__", store_user()),
    ]  # fmt: skip
    assert json.loads(log[0]["new_value"])["attributes"]["status"] == "confirmed"
    assert as_wkt(bytes.fromhex(log[1]["old_value"])) == "Point (500300 3000300)"
    assert as_wkt(bytes.fromhex(log[1]["new_value"])) == "Point (500500 3000600)"
    # a failing edit changes nothing
    with pytest.raises(PlanEditError):
        store.update_geometry("check_dams", {2: point("POINT (1 1)"), 99: point("POINT (2 2)")})
    with pytest.raises(PlanEditError):
        store.delete_features("check_dams", [2, 99])
    assert sql(f"SELECT fid, ST_AsText(geom) FROM {table} WHERE fid = 2") == [(2, "POINT(500100 3000100)")]
    assert len(store.edit_log("check_dams")) == 4


def as_wkt(wkb: bytes) -> str:
    geometry = QgsGeometry()
    geometry.fromWkb(wkb)
    return geometry.asWkt()


def store_user() -> str:
    return sql("SELECT session_user")[0][0]


# -- scenarios --------------------------------------------------------------------------------------------
def test_scenarios_copy_edit_delete_in_postgis(store):
    from sbplanner_plugin.adapters.plan_store import BaselineScenarioError, ScenarioCopyError

    store.ensure()
    write_parcels(store, 4)
    sql(f'DELETE FROM "{store.schema}".{LAYER} WHERE fid = 4')  # the copy's fid sequence continues after 4
    store.create_scenario("plan_a", "方案A")
    copy = f'"{store.schema}".{LAYER}__s_plan_a'
    base = f'"{store.schema}".{LAYER}'
    select = "SELECT fid, parcel_id, measure_code, status, ST_AsText(geom) FROM {} ORDER BY fid"
    assert sql(select.format(copy)) == sql(select.format(base))
    assert sql(
        "SELECT type, srid FROM geometry_columns WHERE f_table_schema = %s AND f_table_name = %s",
        (store.schema, f"{LAYER}__s_plan_a"),
    ) == sql(
        "SELECT type, srid FROM geometry_columns WHERE f_table_schema = %s AND f_table_name = %s",
        (store.schema, LAYER),
    )
    assert sql("SELECT count(*) FROM pg_indexes WHERE schemaname = %s AND tablename = %s", (store.schema, f"{LAYER}__s_plan_a")) == sql(  # noqa: E501
        "SELECT count(*) FROM pg_indexes WHERE schemaname = %s AND tablename = %s", (store.schema, LAYER))  # fmt: skip
    layer = QgsVectorLayer(store.layer_uri(LAYER, "plan_a"), "p", "postgres")
    assert layer.isValid() and layer.featureCount() == 3
    # edit the copy: the baseline keeps its values; a new feature of the copy gets fid 5, its own sequence
    store.update_attributes(LAYER, {2: {"measure_code": "closure"}}, user="a", scenario="plan_a")
    assert sql(f"SELECT measure_code FROM {copy} WHERE fid = 2") == [("closure",)]
    assert sql(f"SELECT measure_code FROM {base} WHERE fid = 2") == [(None,)]
    wkb = bytes.fromhex(
        "0103000000010000000400000000000000000000000000000000000000000000000000244000000000000000000000000000002440000000000000244000000000000000000000000000000000"
    )
    assert store.insert_feature(LAYER, wkb, {"parcel_id": 9}, user="a", scenario="plan_a") == 5
    assert store.insert_feature(LAYER, wkb, {"parcel_id": 8}, user="a") == 5  # the baseline's own sequence
    assert [(r["layer"], r["scenario"]) for r in store.edit_log(scenario="plan_a")] == [
        (f"{LAYER}__s_plan_a", "plan_a"), (f"{LAYER}__s_plan_a", "plan_a"),
    ]  # fmt: skip
    assert [r["scenario"] for r in store.edit_log(LAYER)] == ["baseline"]
    # a failing copy writes nothing
    sql(f'CREATE TABLE "{store.schema}".{LAYER}__s_plan_b (x int)')
    with pytest.raises(ScenarioCopyError):
        store.create_scenario("plan_b")
    assert [s["scenario_id"] for s in store.list_scenarios()] == ["baseline", "plan_a"]
    sql(f'DROP TABLE "{store.schema}".{LAYER}__s_plan_b')
    # delete; the baseline cannot be
    with pytest.raises(BaselineScenarioError):
        store.delete_scenario("baseline")
    store.set_current_scenario("plan_a")
    assert store.delete_scenario("plan_a") == [f"{LAYER}__s_plan_a"]
    assert store.layers() == [LAYER] and store.current_scenario() == "baseline"
    assert sql("SELECT count(*) FROM pg_class WHERE relname LIKE %s", (f"{LAYER}__s_plan_a%",)) == [(0,)]


def test_v2_plan_gets_the_scenario_registry(store):
    store.ensure()
    write_parcels(store, 2)
    store.update_attributes(LAYER, {1: {"status": "confirmed"}}, user="a")
    # back to what schema 2 wrote: no registry, no scenario column
    sql(f'DROP TABLE "{store.schema}".sbplanner_scenarios')
    sql(f'ALTER TABLE "{store.schema}".sbplanner_edit_log DROP COLUMN scenario')
    sql(f"UPDATE \"{store.schema}\".sbplanner_meta SET value = '2' WHERE key = 'schema_version'")
    assert store.migrate() == f"{store.schema}_v2_bak"
    assert store.schema_version() == SCHEMA_VERSION
    assert [s["scenario_id"] for s in store.list_scenarios()] == ["baseline"]
    assert [(r["fid"], r["scenario"]) for r in store.edit_log()] == [(1, "baseline")]


def write_table(store, layer: str, columns: str, rows: list[tuple]) -> None:
    """A plain table (no geometry, like step 4's investment_by_ws) in the plan schema."""
    sql(f'CREATE TABLE "{store.schema}".{layer} (fid serial PRIMARY KEY, {columns})')
    names = ", ".join(c.split()[0] for c in columns.split(", "))
    marks = ", ".join(["%s"] * len(rows[0]))
    for row in rows:
        sql(f'INSERT INTO "{store.schema}".{layer} ({names}) VALUES ({marks})', row)


def test_compare_scenarios_of_a_plan_in_postgis(store):
    """``sbplanner:compare_scenarios`` with PLAN = a PostGIS plan: each scenario's own benefit_ws and
    investment_by_ws are read from the schema, the comparison lands there; Plan A's layout edited after its
    quantities is noted."""
    import processing

    store.ensure()
    write_parcels(store, 2, "closure")
    benefit = ("ws_code text, soil_loss_current_t_a float8, soil_loss_planned_t_a float8, soil_conserved_t_a float8, "
               "swc_rate_current_pct float8, swc_rate_planned_pct float8, treated_area_km2 float8, investment_yuan float8")  # fmt: skip  # noqa: E501
    write_table(store, "benefit_ws", benefit, [("W1", 1000.0, 600.0, 400.0, 60.0, 70.0, 0.5, 200000.0),
                                               ("ALL", 1000.0, 600.0, 400.0, 60.0, 70.0, 0.5, 200000.0)])  # fmt: skip
    write_table(store, "investment_by_ws", "ws_code text, static_total_yuan float8", [("W1", 200000.0)])
    quantities = "parcel_id integer, measure_code text, measure_codes text"
    write_table(store, "measure_quantities", quantities, [(1000, "closure", "closure"), (1001, "closure", "closure")])
    store.create_scenario("plan_a", "方案A")
    schema = f'"{store.schema}"'
    sql(f"UPDATE {schema}.benefit_ws__s_plan_a SET soil_loss_planned_t_a = 300, soil_conserved_t_a = 700")
    sql(f"UPDATE {schema}.investment_by_ws__s_plan_a SET static_total_yuan = 350000")
    sql(f"UPDATE {schema}.benefit_ws__s_plan_a SET investment_yuan = 350000")
    sql(f"UPDATE {schema}.{LAYER}__s_plan_a SET measure_code = 'grass' WHERE parcel_id = 1001")
    from sbplanner_plugin.gui.tasks import CollectingFeedback

    feedback = CollectingFeedback()
    result = processing.run("sbplanner:compare_scenarios", {
        "PLAN": store.location, "OUTPUT": store.destination("scenario_comparison"),
        "OUTPUT_WATERSHEDS": store.destination("scenario_comparison_ws"),
    }, feedback=feedback)  # fmt: skip
    assert result["OUTPUT"]
    assert [w for w in feedback.warnings if "changed after its quantities" in w] == [
        "Scenario 方案A: the measures of 1 parcels changed after its quantities (step 4), so its investment and cost "
        "per tonne are those of the earlier layout; run step 4 (Recompute changed) and step 5 again for it."
    ]
    rows = sql(f"SELECT scenario_id, scenario_name, soil_conserved_t_a, diff_soil_conserved_t_a, investment_wan_yuan, "
               f"cost_yuan_per_t FROM {schema}.scenario_comparison ORDER BY scenario_id")  # fmt: skip
    assert rows == [("baseline", rows[0][1], 400.0, 0.0, 20.0, 500.0), ("plan_a", "方案A", 700.0, 300.0, 35.0, 500.0)]
    ws = sql(f"SELECT scenario_id, ws_code, soil_conserved_t_a FROM {schema}.scenario_comparison_ws ORDER BY 1")
    assert ws == [("baseline", "W1", 400.0), ("plan_a", "W1", 700.0)]
