"""Scenarios of a plan GeoPackage in real QGIS: copy the baseline (complete, atomic), edit the copy (the baseline
stays), delete (the baseline cannot be), migrate a plan without the registry, and sbplanner:compare_scenarios on
a constructed case with hand-computed differences."""

from __future__ import annotations

import shutil
import sqlite3

import processing
import pytest
from osgeo import ogr, osr
from qgis.core import QgsProcessingException, QgsVectorLayer

from sbplanner_plugin.adapters import plan_store_common as names
from sbplanner_plugin.adapters.plan_store import (
    SCHEMA_VERSION,
    BaselineScenarioError,
    PlanStore,
    ScenarioCopyError,
    ScenarioExistsError,
    ScenarioIdError,
    UnknownScenarioError,
    scenario_layer_name,
    split_scenario_layer,
    suggest_scenario_id,
)
from sbplanner_plugin.processing.base import user_message
from tests.qgis.test_plan_store import V0_FIXTURE, check_rtree_matches_geometries, dump, rows
from tests.qgis.test_processing_benefits import outputs, parcels_layer, table_layer, watersheds_layer

PM = names.PARCELS_MEASURES


def features(store: PlanStore, layer: str, scenario: str | None = None) -> list[tuple]:
    """(fid, geometry WKT, attributes) of every feature, by fid."""
    loaded = QgsVectorLayer(store.layer_uri(layer, scenario), layer, "ogr")
    assert loaded.isValid(), (layer, scenario)
    plain = lambda v: None if v is None or str(v) == "NULL" else v  # noqa: E731
    out = [(f.id(), f.geometry().asWkt(3), tuple(map(plain, f.attributes()))) for f in loaded.getFeatures()]
    return sorted(out)


def fid_by(store: PlanStore, layer: str, field: str, scenario: str | None = None) -> dict:
    """{value of ``field``: fid} of the scenario's layer."""
    loaded = QgsVectorLayer(store.layer_uri(layer, scenario), layer, "ogr")
    return {f[field]: f.id() for f in loaded.getFeatures()}


def save(layer, destination: str) -> None:
    processing.run("native:savefeatures", {"INPUT": layer, "OUTPUT": destination})


def evaluate(store: PlanStore, scenario: str | None = None) -> None:
    """Step 5 for one scenario: its parcels_measures and investment_by_ws in, its benefit layers out."""
    processing.run(
        "sbplanner:evaluate_benefits",
        {"PARCELS": store.layer_uri(PM, scenario), "WATERSHEDS": watersheds_layer(),
         "INVESTMENT_BY_WS": store.layer_uri(names.INVESTMENT_BY_WATERSHED, scenario), "EROSION_REGION": 0,
         "YEARS": 10, "DISCOUNT_RATE_PCT": 8, "TARGET_REGION": "CN-2025",
         **{k: store.destination(v.split('"')[1], scenario) for k, v in outputs(store).items()}},
    )  # fmt: skip


@pytest.fixture
def plan(tmp_path) -> PlanStore:
    """A plan whose baseline has the synthetic layout of test_processing_benefits (5 parcels, watersheds A, B),
    an investment estimate (A 100 000 元, B 50 000 元), a check dam and its benefits (step 5)."""
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    save(parcels_layer(), store.destination(PM))
    invest = table_layer("investment_by_ws", ("ws_code:string", "static_total_yuan:double"),
                         [("A", 100000.0), ("B", 50000.0)])  # fmt: skip
    save(invest, store.destination(names.INVESTMENT_BY_WATERSHED))
    dams = QgsVectorLayer("Point?crs=EPSG:32650&field=measure_code:string", "check_dams", "memory")
    save(dams, store.destination(names.CHECK_DAMS))
    store.insert_feature(names.CHECK_DAMS, ogr.CreateGeometryFromWkt("POINT (50 50)").ExportToIsoWkb(),
                         {"measure_code": "check_dam"})  # fmt: skip
    evaluate(store)
    return store


def test_layer_names():
    assert scenario_layer_name(PM, "plan_a") == "parcels_measures__s_plan_a"
    assert scenario_layer_name(PM, "baseline") == PM and scenario_layer_name(PM, None) == PM
    assert scenario_layer_name("parcels", "plan_a") == "parcels"  # step 2: shared by every scenario
    assert split_scenario_layer("investment_by_ws__s_plan_b2") == ("investment_by_ws", "plan_b2")
    assert split_scenario_layer(PM) == (PM, "baseline") and split_scenario_layer("parcels") == ("parcels", None)
    assert suggest_scenario_id("Plan B", ["baseline"]) == "plan_b"
    assert suggest_scenario_id("Plan B", ["plan_b"]) == "plan_b_2"
    assert suggest_scenario_id("方案二", ["plan_1"]) == "plan_2"
    assert suggest_scenario_id("2030 target", []) == "s_2030_target"
    with pytest.raises(ScenarioIdError):
        scenario_layer_name(PM, "Plan A")
    with pytest.raises(ScenarioIdError):
        scenario_layer_name(PM, "plan__a")  # "__" would make the table name ambiguous


def test_copy_is_complete_and_an_edit_of_the_copy_leaves_the_baseline(plan):
    store = plan
    base_tables = store.scenario_tables("baseline")
    assert set(base_tables) == {PM, names.CHECK_DAMS, names.INVESTMENT_BY_WATERSHED, names.BENEFIT_PARCELS,
                                names.BENEFIT_WATERSHEDS, names.BENEFIT_BY_YEAR, names.BENEFIT_D020,
                                names.BENEFIT_D021}  # fmt: skip
    before = {layer: features(store, layer) for layer in base_tables}
    shared = dump(store.path)
    row = store.create_scenario("plan_a", "方案A", "more terraces")
    assert row["parent"] == "baseline" and row["name"] == "方案A"
    assert [(s["scenario_id"], s["name"], s["parent"]) for s in store.list_scenarios()] == [
        ("baseline", "baseline", None), ("plan_a", "方案A", "baseline"),
    ]  # fmt: skip
    copies = store.scenario_tables("plan_a")
    assert copies == {layer: f"{layer}__s_plan_a" for layer in base_tables}
    for layer in base_tables:  # every feature with its fid, geometry and attributes; same fields and extent
        assert features(store, layer, "plan_a") == before[layer], layer
        a = QgsVectorLayer(store.layer_uri(layer), "a", "ogr")
        b = QgsVectorLayer(store.layer_uri(layer, "plan_a"), "b", "ogr")
        assert b.fields().names() == a.fields().names() and b.wkbType() == a.wkbType() and b.crs() == a.crs()
        assert b.extent() == a.extent() and b.featureCount() == a.featureCount()
    # the copies' definitions are the originals' (column types, key), their R-trees hold every feature
    for layer in (PM, names.CHECK_DAMS):
        sql = "SELECT sql FROM sqlite_master WHERE name=?"
        original = rows(store.path, sql, (layer,))[0][0]
        assert rows(store.path, sql, (copies[layer],))[0][0] == original.replace(f'"{layer}"', f'"{copies[layer]}"')
        check_rtree_matches_geometries(store.path, copies[layer])
    assert rows(store.path, "PRAGMA integrity_check") == [("ok",)]
    assert all(line in dump(store.path) for line in shared)  # nothing of the plan was changed by the copy

    # edit one parcel's measure in plan_a: the baseline keeps its own
    fid = fid_by(store, PM, "parcel_id")[3]  # parcel 3 (contour tillage)
    assert store.update_attributes(PM, {fid: {"measure_code": None, "measure_codes": ""}}, "engineer", "plan_a") == 2
    assert features(store, PM) == before[PM]
    edited = dict((f[0], f[2]) for f in features(store, PM, "plan_a"))
    names_ = QgsVectorLayer(store.layer_uri(PM), "p", "ogr").fields().names()
    assert edited[fid][names_.index("measure_codes")] == ""
    log = store.edit_log(PM, scenario="plan_a")
    assert [(r["layer"], r["fid"], r["field"], r["scenario"]) for r in log] == [
        ("parcels_measures__s_plan_a", fid, "measure_code", "plan_a"),
        ("parcels_measures__s_plan_a", fid, "measure_codes", "plan_a"),
    ]
    assert store.edit_log(PM) == []  # the baseline's table was not edited
    # a feature edit in the copy keeps its spatial index and count (the copied triggers work)
    new = store.insert_feature(names.CHECK_DAMS, ogr.CreateGeometryFromWkt("POINT (900 90)").ExportToIsoWkb(),
                               {"measure_code": "check_dam"}, scenario="plan_a")  # fmt: skip
    assert new == 2
    check_rtree_matches_geometries(store.path, copies[names.CHECK_DAMS])
    assert QgsVectorLayer(store.layer_uri(names.CHECK_DAMS, "plan_a"), "d", "ogr").featureCount() == 2
    assert QgsVectorLayer(store.layer_uri(names.CHECK_DAMS), "d", "ogr").featureCount() == 1
    assert store.edit_log(names.CHECK_DAMS)[0]["scenario"] == "baseline"  # the fixture's insert


def test_delete_rename_current_and_refusals(plan):
    store = plan
    with pytest.raises(BaselineScenarioError) as info:
        store.delete_scenario("baseline")
    assert "baseline scenario cannot be deleted" in user_message(info.value)
    store.create_scenario("plan_a", "方案A")
    with pytest.raises(ScenarioExistsError):
        store.create_scenario("plan_a")
    with pytest.raises(ScenarioIdError):
        store.create_scenario("Plan A")
    with pytest.raises(UnknownScenarioError):
        store.create_scenario("plan_z", copy_from="nope")
    assert store.rename_scenario("plan_a", "方案甲", "steeper terraces")["name"] == "方案甲"
    assert store.scenario("plan_a")["description"] == "steeper terraces"
    assert store.current_scenario() == "baseline"
    store.set_current_scenario("plan_a")
    assert store.current_scenario() == "plan_a"
    empty = store.create_scenario("plan_e", copy_from=None)
    assert empty["parent"] is None and store.scenario_tables("plan_e") == {}
    dropped = store.delete_scenario("plan_a")
    assert sorted(dropped) == sorted(f"{t}__s_plan_a" for t in store.scenario_tables("baseline"))
    assert not [t for t in store.layers() if t.endswith("__s_plan_a")]
    assert not rows(store.path, "SELECT name FROM sqlite_master WHERE name LIKE '%plan_a%'")
    assert not rows(store.path, "SELECT table_name FROM gpkg_contents WHERE table_name LIKE '%plan_a%'")
    assert not rows(store.path, "SELECT table_name FROM gpkg_extensions WHERE table_name LIKE '%plan_a%'")
    assert rows(store.path, "PRAGMA integrity_check") == [("ok",)]
    assert store.current_scenario() == "baseline"  # the current one was deleted
    assert [s["scenario_id"] for s in store.list_scenarios()] == ["baseline", "plan_e"]
    assert ogr.Open(str(store.path)).GetLayerCount() == len(store.layers()) + 3  # GDAL reads the plan


def test_a_failing_copy_writes_nothing(plan):
    store = plan
    with sqlite3.connect(store.path) as con:  # a stray table in the way of the last copy
        con.execute('CREATE TABLE "benefit_ws__s_plan_b" (x)')
    con.close()
    before = dump(store.path)
    with pytest.raises(ScenarioCopyError) as info:
        store.create_scenario("plan_b")
    assert "plan_b was not written" in user_message(info.value)
    assert dump(store.path) == before
    assert [s["scenario_id"] for s in store.list_scenarios()] == ["baseline"]


def test_v2_plan_without_the_registry_is_migrated(tmp_path):
    from sbplanner_plugin.adapters import plan_store_gpkg as gpkg

    path = tmp_path / "old.gpkg"
    shutil.copyfile(V0_FIXTURE, path)
    con = sqlite3.connect(path, isolation_level=None)
    gpkg._v0_to_v1(con)
    gpkg._v1_to_v2(con)
    gpkg._set_meta(con, "schema_version", 2)
    con.execute("INSERT INTO sbplanner_edit_log (edited_at, user_name, layer, fid, field, old_value, new_value)"
                " VALUES ('2025-01-01', 'a', 'parcels_measures', 1, 'status', 'proposed', 'confirmed')")  # fmt: skip
    con.close()
    ds = ogr.Open(str(path), 1)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32650)
    layer = ds.CreateLayer(PM, srs, ogr.wkbPolygon, ["GEOMETRY_NAME=geom", "FID=fid"])
    layer.CreateField(ogr.FieldDefn("measure_code", ogr.OFTString))
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetField("measure_code", "closure")
    feature.SetGeometry(ogr.CreateGeometryFromWkt("POLYGON ((0 0,10 0,10 10,0 0))"))
    layer.CreateFeature(feature)
    layer = ds = None
    store = PlanStore(path)
    assert store.schema_version() == 2
    old_layers = store.layers()
    store.ensure()
    assert store.schema_version() == SCHEMA_VERSION == 3
    assert (tmp_path / "old.v2.bak.gpkg").exists() and PlanStore(tmp_path / "old.v2.bak.gpkg").schema_version() == 2
    assert store.layers() == old_layers  # the registry is an internal table, the layers are the baseline's
    assert [s["scenario_id"] for s in store.list_scenarios()] == ["baseline"]
    assert store.scenario_tables("baseline") == {PM: PM}
    assert [(r["layer"], r["scenario"]) for r in store.edit_log()] == [(PM, "baseline")]
    assert store.current_scenario() == "baseline"
    store.create_scenario("plan_a")
    assert features(store, PM, "plan_a") == features(store, PM)


def compare(store: PlanStore, scenarios: str, **extra) -> dict:
    return processing.run("sbplanner:compare_scenarios",
                          {"PLAN": str(store.path), "SCENARIOS": scenarios, "OUTPUT": "memory:", **extra})  # fmt: skip


def table(layer) -> dict:
    return {f["scenario_id"]: {n: f[n] for n in layer.fields().names()} for f in layer.getFeatures()}


def test_compare_scenarios_gives_the_hand_differences(plan, tmp_path):
    store = plan
    store.create_scenario("plan_a", "方案A")
    fid = fid_by(store, PM, "parcel_id", "plan_a")[3]
    # plan A drops the contour tillage of parcel 3 (6 000 t/(km²·a) on 1 hm², T 0.6) and costs less in B
    store.update_attributes(PM, {fid: {"measure_code": None, "measure_codes": ""}}, scenario="plan_a")
    inv = fid_by(store, names.INVESTMENT_BY_WATERSHED, "ws_code", "plan_a")
    store.update_attributes(names.INVESTMENT_BY_WATERSHED, {inv["B"]: {"static_total_yuan": 20000.0}},
                            scenario="plan_a")  # fmt: skip
    evaluate(store, "plan_a")
    store.set_current_scenario("plan_a")  # the comparison does not depend on the current scenario
    result = compare(store, "baseline;plan_a", OUTPUT_WATERSHEDS="memory:")
    whole = table(result["OUTPUT"])
    assert list(whole) == ["baseline", "plan_a"]
    a, base = whole["plan_a"], whole["baseline"]
    conserved_base = (15 + 35) * (1 - 0.084) + 60 * (1 - 0.6)  # as test_processing_benefits: 69.8 t/a
    conserved_a = (15 + 35) * (1 - 0.084)  # 45.8 t/a
    assert base["soil_conserved_t_a"] == pytest.approx(conserved_base)
    assert a["soil_conserved_t_a"] == pytest.approx(conserved_a)
    assert a["diff_soil_conserved_t_a"] == pytest.approx(-24.0)
    assert a["diff_soil_loss_planned_t_a"] == pytest.approx(24.0) and a["diff_soil_loss_current_t_a"] == 0
    assert a["investment_wan_yuan"] == pytest.approx(12.0) and a["diff_investment_wan_yuan"] == pytest.approx(-3.0)
    assert base["cost_yuan_per_t"] == pytest.approx(150000 / conserved_base)
    assert a["cost_yuan_per_t"] == pytest.approx(120000 / conserved_a)
    assert a["swc_rate_planned_pct"] == base["swc_rate_planned_pct"] == pytest.approx(60.0)  # parcel 3 stays 中度
    assert a["diff_treated_area_km2"] == pytest.approx(-0.01)  # one 1 hm² parcel fewer treated
    assert a["scenario_name"] == "方案A" and a["reference_id"] == "baseline"
    per_ws = {(f["scenario_id"], f["ws_code"]): f for f in result["OUTPUT_WATERSHEDS"].getFeatures()}
    assert set(per_ws) == {("baseline", "A"), ("baseline", "B"), ("plan_a", "A"), ("plan_a", "B")}
    assert per_ws[("plan_a", "B")]["diff_soil_conserved_t_a"] == pytest.approx(-24.0)
    assert per_ws[("plan_a", "A")]["diff_soil_conserved_t_a"] == pytest.approx(0.0)
    assert per_ws[("plan_a", "B")]["diff_investment_wan_yuan"] == pytest.approx(-3.0)
    # empty SCENARIOS: every scenario; a plain plan path writes the plan-level comparison table
    result = compare(store, "", OUTPUT=str(store.path))
    assert "scenario_comparison" in store.layers()
    assert len(QgsVectorLayer(store.layer_uri("scenario_comparison"), "c", "ogr")) == 2


def test_a_scenario_without_measures_is_refused_and_nothing_written(plan, tmp_path):
    store = plan
    store.create_scenario("plan_c", "方案C")
    fids = [f[0] for f in features(store, PM, "plan_c")]
    store.update_attributes(PM, {fid: {"measure_code": None, "measure_codes": None} for fid in fids},
                            scenario="plan_c")  # fmt: skip
    store.delete_features(names.CHECK_DAMS, [1], scenario="plan_c")
    out = tmp_path / "comparison.gpkg"
    with pytest.raises(QgsProcessingException, match="The scenario 方案C has no measures"):
        compare(store, "baseline;plan_c", OUTPUT=str(out))
    assert not out.exists()
    with pytest.raises(QgsProcessingException, match="has no scenario plan_x"):
        compare(store, "baseline;plan_x")


def test_a_plain_plan_output_goes_to_the_current_scenario(plan):
    store = plan
    store.create_scenario("plan_a")
    store.set_current_scenario("plan_a")
    before = features(store, names.BENEFIT_WATERSHEDS)
    processing.run(
        "sbplanner:evaluate_benefits",
        {"PARCELS": store.layer_uri(PM, "plan_a"), "EROSION_REGION": 0, "YEARS": 5,
         "OUTPUT_WATERSHEDS": str(store.path)},
    )  # fmt: skip
    assert features(store, names.BENEFIT_WATERSHEDS) == before  # the baseline's table kept
    written = QgsVectorLayer(store.layer_uri(names.BENEFIT_WATERSHEDS, "plan_a"), "b", "ogr")
    assert written.featureCount() == 3 and "name" not in written.fields().names()  # run without WATERSHEDS
