"""Step 5's sloping-farmland priority in the dock, on the steep-cropland demo case (steps 1–5 as ``make demo`` runs
them): the ranked candidate parcels shown in a table linked to the map, the weights edited in the panel's own
indicator editor, the 近村/近路/近水 layers and the area budget passed to ``sbplanner:slope_farmland_priority``."""

from __future__ import annotations

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QItemSelectionModel, Qt

from sbplanner_plugin.adapters.plan_store import PlanStore
from sbplanner_plugin.demo.steep_case import GPKG_NAME, run_case
from sbplanner_plugin.gui import layers
from sbplanner_plugin.gui import measure_editor as editor
from sbplanner_plugin.gui.indicator_editor import COL_USE
from sbplanner_plugin.gui.models import FID_ROLE
from sbplanner_plugin.gui.steps.benefits_step import BenefitsStep
from tests.qgis.conftest import copy_plan
from tests.qgis.test_dock_step5 import make_dock, run


@pytest.fixture(scope="module")
def steep_plan(tmp_path_factory, sbplanner_provider):
    out = tmp_path_factory.mktemp("steep5") / "steep_cropland"
    run_case(out)
    return out / GPKG_NAME


@pytest.fixture
def step(qgis_iface, steep_plan, monkeypatch, tmp_path):
    plan = copy_plan(steep_plan, tmp_path / "plan")
    dock = make_dock(qgis_iface, plan.location, monkeypatch, tmp_path)
    found = next(s for s in dock.steps if s.key == "benefits")
    assert isinstance(found, BenefitsStep)
    dock.show()
    dock.step_list.setCurrentRow(dock.steps.index(found))
    found.plan = plan
    yield found
    dock.cleanup()
    dock.deleteLater()
    QgsProject.instance().clear()
    editor.clear_sessions()


def plan_rows(store: PlanStore) -> dict[int, dict]:
    layer = QgsVectorLayer(store.layer_uri("farmland_priority"), "p", "ogr")
    assert layer.isValid()
    names = layer.fields().names()
    return {f.id(): dict(zip(names, f.attributes())) for f in layer.getFeatures()}


def table(step) -> list[dict]:
    model = step.priority_table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return [dict({h: model.index(r, c).data() for c, h in enumerate(headers)}, fid=model.index(r, 0).data(FID_ROLE))
            for r in range(model.rowCount())]  # fmt: skip


def test_priority_table_is_the_plans_and_follows_the_map(step):
    rows = plan_rows(step.plan)
    assert len(rows) > 10  # the steep case has many candidate parcels (make demo's farmland_priority)
    shown = table(step)
    assert step.priority_table.isVisibleTo(step) and len(shown) == len(rows)
    for r in shown:
        p = rows[r["fid"]]
        assert r["Watershed"] == p["ws_code"] and int(r["Rank"]) == p["priority_rank"]
        assert r["Score"] == f"{p['priority_score']:.1f}" and r["Area (hm²)"] == f"{p['area_ha']:.2f}"
        assert (r["Selected"] == "yes") == bool(p["selected"])
    # sorted by small watershed, then rank within it
    keys = [(r["Watershed"], int(r["Rank"])) for r in shown]
    assert keys == sorted(keys)
    # table → map, map → table
    layer = layers.find_layer("farmland_priority")
    view, model = step.priority_table, step.priority_table.model()
    view.selectionModel().select(
        model.index(2, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    assert layer.selectedFeatureIds() == [shown[2]["fid"]]
    layer.selectByIds([shown[-1]["fid"]])
    assert [model.data(i, FID_ROLE) for i in view.selectionModel().selectedRows()] == [shown[-1]["fid"]]


def test_weights_budget_and_near_village_reach_the_algorithm(step):
    parcels = step.parcels_combo.currentLayer()
    centre = parcels.extent().center()
    village = QgsVectorLayer(f"Point?crs={parcels.crs().authid()}&field=name:string", "villages", "memory")
    f = QgsFeature(village.fields())
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(centre)))
    f.setAttributes(["村"])
    village.dataProvider().addFeatures([f])
    QgsProject.instance().addMapLayer(village)
    step.near_village_combo.setLayer(village)
    # only slope and the village distance count
    editor_ = step.priority_indicators
    for r, key in enumerate(editor_.keys()):
        state = Qt.CheckState.Checked if key in ("slope", "dist_village") else Qt.CheckState.Unchecked
        editor_.table.item(r, COL_USE).setCheckState(state)
    step.budget_spin.setValue(3.0)
    assert run(step.priority_run), step.priority_run.status.text()
    rows = list(plan_rows(step.plan).values())
    weights = editor_.weights()
    total = weights["slope"] + weights["dist_village"]
    for p in rows:
        assert p["v_dist_village"] is not None and p["v_dist_village"] >= 0
        expected = 100 * (weights["slope"] * p["n_slope"] + weights["dist_village"] * p["n_dist_village"]) / total
        assert p["priority_score"] == pytest.approx(expected, abs=1e-9)
    selected = [p for p in rows if p["selected"]]
    area = sum(p["area_ha"] for p in selected)
    assert 0 < area <= 3.0 + 1e-9
    assert f"{len(selected)} selected, {area:,.2f} hm²" in step.priority_run.status.text()
    assert len(table(step)) == len(rows)
