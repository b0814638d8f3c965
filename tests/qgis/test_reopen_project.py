"""Opening a project (issue 15): the dock shows what the plan holds and changes nothing — no table written into
the plan, no empty layer added to the project."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtWidgets import QApplication

from sbplanner_plugin.adapters.plan_store import set_project_plan_path
from sbplanner_plugin.gui import layers
from sbplanner_plugin.gui.dock import SbPlannerDock
from tests.qgis.conftest import copy_plan


def plan_digest(path) -> str:
    con = sqlite3.connect(path)
    try:
        return hashlib.sha256("\n".join(con.iterdump()).encode()).hexdigest()
    finally:
        con.close()


def test_opening_a_project_writes_nothing_into_the_plan_and_adds_no_empty_layer(
    youwuzhen_plan5, qgis_iface, sbplanner_provider, tmp_path
):
    store = copy_plan(youwuzhen_plan5.path, tmp_path / "plan")
    project = QgsProject.instance()
    project.clear()
    set_project_plan_path(project, str(store.path))
    # the project as the engineer saved it after steps 1–5: the plan's layers in the dock's groups
    layers.load_plan_layers(
        [(key, store.layer_uri(key), key) for key in ("small_watersheds", "parcels_measures")], "measures", "SBPlanner"
    )
    project_file = tmp_path / "county.qgz"
    assert project.write(str(project_file))
    project.clear()
    before = plan_digest(store.path)

    dock = SbPlannerDock(qgis_iface)
    try:
        assert project.read(str(project_file))
        for _ in range(20):
            QApplication.processEvents()
        assert dock.plan_path() == str(store.path)
        for index in range(len(dock.steps)):  # the engineer looks at every step
            dock.show_step(index)
            for _ in range(5):
                QApplication.processEvents()
        added = {layer.name(): layer for layer in project.mapLayers().values()}
        empty = [
            name for name, layer in added.items() if isinstance(layer, QgsVectorLayer) and layer.featureCount() == 0
        ]
        assert empty == [], sorted(added)
    finally:
        dock.cleanup()
        dock.deleteLater()
        project.clear()
    assert plan_digest(store.path) == before


def test_a_new_division_marks_the_later_steps_stale(
    youwuzhen_plan5, qgis_iface, sbplanner_provider, demo_dir, tmp_path
):
    """Issue 15: re-running an earlier step says which later results are based on the old one."""
    import processing

    store = copy_plan(youwuzhen_plan5.path, tmp_path / "plan")
    QgsProject.instance().clear()
    dock = SbPlannerDock(qgis_iface)
    try:
        dock.plan_widget.setFilePath(str(store.path))
        assert not dock.stale_label.isVisibleTo(dock) and dock.stale_label.text() == ""
        processing.run("sbplanner:divide_small_watersheds", {
            "DEM": str(demo_dir / "ywzdem10m.tif"), "BOUNDARY": store.layer_uri("watersheds"), "MAX_AREA_KM2": 2.0,
            "MIN_AREA_KM2": 0.3, "STREAM_THRESHOLD_KM2": 0.1,
            "OUTPUT_WATERSHEDS": store.destination("small_watersheds"),
            "OUTPUT_STREAMS": store.destination("small_watershed_streams"),
        })  # fmt: skip
        dock.refresh_staleness()  # (the dock's own runs refresh it when they finish)
        assert dock.stale_label.isVisibleTo(dock)
        assert dock.stale_label.text() == (
            "The results of steps 2, 3, 4, 5 are based on an older small-watershed division (step 1): run them again."
        )
        icons = [not dock.step_list.item(i).icon().isNull() for i in range(dock.step_list.count())]
        assert icons[:6] == [False, True, True, True, True, False]
        assert "older small-watershed division" in dock.step_list.item(1).toolTip()
    finally:
        dock.cleanup()
        dock.deleteLater()
        QgsProject.instance().clear()


def test_reopening_a_project_restores_the_step_1_tables(
    youwuzhen_plan5, qgis_iface, sbplanner_provider, demo_dir, tmp_path
):
    """Issue 15: reopening shows the snapped outlets and the small watersheds (with areas) the plan holds, read
    from the plan (the project need not hold the layers), and the outlet combo does not default to the plugin's
    own empty gully-head works layer."""
    store = copy_plan(youwuzhen_plan5.path, tmp_path / "plan")
    project = QgsProject.instance()
    project.clear()
    set_project_plan_path(project, str(store.path))
    gully = QgsVectorLayer(f"Point?crs={QgsVectorLayer(store.layer_uri('watersheds'), 'w', 'ogr').crs().authid()}",
                           "沟头防护", "memory")  # fmt: skip
    gully.setCustomProperty(layers.LAYER_PROPERTY, "gully_heads")  # the plugin's own (empty) works layer
    project.addMapLayer(gully)
    outlet = QgsVectorLayer(str(demo_dir / "outlet_beijing1954.shp"), "outlet", "ogr")
    project.addMapLayer(outlet)
    project_file = tmp_path / "county.qgz"
    assert project.write(str(project_file))
    project.clear()
    before = plan_digest(store.path)
    expected_units = {
        f["ws_code"]: f["area_km2"]
        for f in QgsVectorLayer(store.layer_uri("small_watersheds"), "units", "ogr").getFeatures()
    }
    (snapped,) = QgsVectorLayer(store.layer_uri("outlets_snapped"), "snapped", "ogr").getFeatures()

    dock = SbPlannerDock(qgis_iface)
    try:
        step = dock.steps[0]
        assert step.outlet_model.rowCount() == 0
        assert project.read(str(project_file))
        for _ in range(20):
            QApplication.processEvents()
        model = step.outlet_model
        assert model.rowCount() == 1
        assert model.index(0, 1).data() == snapped["ws_code"]
        assert float(model.index(0, 4).data()) == pytest.approx(snapped["uparea_km2"], abs=0.001)
        assert model.index(0, 2).data() == "along its channel"
        assert step.snap_hint.text() == ""
        units = step.divide_panel.result_model
        assert len(expected_units) >= 3
        shown = {units.index(r, 0).data(): float(units.index(r, 2).data()) for r in range(units.rowCount())}
        assert shown == {code: pytest.approx(area, abs=0.005) for code, area in expected_units.items()}
        assert step.outlets_combo.currentLayer() is not None
        assert step.outlets_combo.currentLayer().name() == "outlet"
        assert layers.find_layer("outlets_snapped") is None  # read from the plan, nothing added to the project
    finally:
        dock.cleanup()
        dock.deleteLater()
        project.clear()
    assert plan_digest(store.path) == before
