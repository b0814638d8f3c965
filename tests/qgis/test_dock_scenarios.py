"""The dock's scenario row in real QGIS: copy the baseline into a new scenario, the steps then read and write the
copy (layers in the project, edits of step 3, algorithm destinations), switch back, delete."""

from __future__ import annotations

import processing
import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsProject, QgsVectorLayer

from sbplanner_plugin.adapters.plan_store import PlanStore
from sbplanner_plugin.gui import layers
from sbplanner_plugin.gui import measure_editor as editor
from sbplanner_plugin.gui.dock import SbPlannerDock


@pytest.fixture
def plan(tmp_path) -> PlanStore:
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    layer = QgsVectorLayer(
        "Polygon?crs=EPSG:32650&field=parcel_id:integer&field=ws_code:string&field=measure_code:string",
        "p",
        "memory",
    )
    feats = []
    for k, code in enumerate(("forest_arbor", "grass", "closure")):
        f = QgsFeature(layer.fields())
        x = 500_000 + 200 * k
        f.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({x} 0,{x + 100} 0,{x + 100} 100,{x} 100,{x} 0))"))
        f.setAttributes([k + 1, "W1", code])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    processing.run("native:savefeatures", {"INPUT": layer, "OUTPUT": store.destination(editor.MEASURES_KEY)})
    return store


@pytest.fixture
def dock(qgis_iface, plan):
    QgsProject.instance().clear()
    editor.clear_sessions()
    widget = SbPlannerDock(qgis_iface)
    widget.plan_widget.setFilePath(str(plan.location))
    yield widget
    widget.cleanup()
    widget.deleteLater()
    QgsProject.instance().clear()
    editor.clear_sessions()


def codes(store: PlanStore, scenario: str | None = None) -> dict[int, str]:
    layer = QgsVectorLayer(store.layer_uri(editor.MEASURES_KEY, scenario), "m", "ogr")
    assert layer.isValid()
    return {f["parcel_id"]: f["measure_code"] for f in layer.getFeatures()}


def test_copy_edit_switch_and_delete_a_scenario(dock, plan):
    bar = dock.scenario_bar
    assert bar.store is not None and bar.combo.count() == 1 and not bar.delete_button.isEnabled()
    scenario = bar.copy("Plan B")
    assert scenario == "plan_b" and plan.current_scenario() == "plan_b"
    assert [bar.combo.itemData(i) for i in range(bar.combo.count())] == ["baseline", "plan_b"]
    assert bar.current() == "plan_b" and bar.delete_button.isEnabled()
    # the steps now see the copy: the store, the algorithm destinations, the layer loaded by step 3
    store = dock.current_store
    assert store.scenario_id == "plan_b"
    assert "parcels_measures__s_plan_b" in store.destination(editor.MEASURES_KEY)
    assert editor.MEASURES_KEY in store.layers() and "parcels_measures__s_plan_b" not in store.layers()
    loaded = layers.find_layer(editor.MEASURES_KEY)
    assert loaded is not None and "layername=parcels_measures__s_plan_b" in loaded.source()
    # a step-3 edit through the editor's session writes the scenario's table, the baseline stays
    session = editor.session_for(store.location)
    fid = next(f.id() for f in loaded.getFeatures() if f["parcel_id"] == 2)
    session.store().update_attributes(editor.MEASURES_KEY, {fid: {"measure_code": "forest_shrub"}})
    assert codes(plan, "plan_b")[2] == "forest_shrub"
    assert codes(plan)[2] == "grass"
    log = plan.edit_log(editor.MEASURES_KEY, scenario="plan_b")
    assert len(log) == 1 and log[0]["scenario"] == "plan_b"
    # back to the baseline: its layer replaces the copy's in the project
    assert bar.switch_to("baseline")
    assert dock.current_store.scenario_id == "baseline"
    loaded = layers.find_layer(editor.MEASURES_KEY)
    assert loaded is not None and "__s_" not in loaded.source()
    assert {f["measure_code"] for f in loaded.getFeatures()} == {"forest_arbor", "grass", "closure"}
    # delete plan_b: its tables go, the baseline is current and cannot be deleted
    assert bar.switch_to("plan_b") and bar.delete("plan_b")
    assert plan.current_scenario() == "baseline" and bar.combo.count() == 1
    assert not any("__s_" in t for t in plan.layers())
    assert not bar.delete_button.isEnabled()


def test_a_second_copy_with_the_same_name_gets_its_own_id(dock, plan):
    bar = dock.scenario_bar
    assert bar.copy("Plan B") == "plan_b"
    assert bar.copy("Plan B") == "plan_b_2"  # copied from plan_b, the current one
    assert plan.scenario("plan_b_2")["parent"] == "plan_b"
    assert codes(plan, "plan_b_2") == codes(plan)


def test_a_project_with_another_scenarios_layers_is_brought_in_line(qgis_iface, plan):
    """The plan's current scenario changed while the project still shows the baseline's layout (a project saved
    earlier): the dock reloads the layout of the current scenario, so edits and display agree."""
    QgsProject.instance().clear()
    editor.clear_sessions()
    plan.create_scenario("plan_b", name="Plan B")
    plan.set_current_scenario("plan_b")
    baseline = QgsVectorLayer(plan.layer_uri(editor.MEASURES_KEY), "parcels_measures", "ogr")
    baseline.setCustomProperty(layers.LAYER_PROPERTY, editor.MEASURES_KEY)
    QgsProject.instance().addMapLayer(baseline)
    widget = SbPlannerDock(qgis_iface)
    try:
        widget.plan_widget.setFilePath(str(plan.location))
        loaded = layers.find_layer(editor.MEASURES_KEY)
        assert loaded is not None and "layername=parcels_measures__s_plan_b" in loaded.source()
        assert widget.scenario_bar.current() == "plan_b"
    finally:
        widget.cleanup()
        widget.deleteLater()
        QgsProject.instance().clear()
        editor.clear_sessions()
