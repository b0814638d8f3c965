"""Step 1 of the dock driven like a user would, on the real Youwuzhen 10 m DEM: delineate, review the
snapped outlet, divide into small watersheds, copy the table; plus the error path and outlet clicking."""

from __future__ import annotations

import pytest
from qgis.core import (
    Qgis,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRasterLayer,
    QgsSymbolLayer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QEventLoop, QItemSelectionModel, Qt, QTimer
from qgis.PyQt.QtGui import QKeyEvent
from qgis.PyQt.QtWidgets import QApplication

from sbplanner_plugin.gui import layers


def wait_for(run_panel, timeout_ms: int = 300000) -> bool:
    """Wait (event loop) for the panel's run to finish; returns its success flag."""
    result = []
    if not run_panel.busy:
        return False
    loop = QEventLoop()
    run_panel.runFinished.connect(lambda ok: (result.append(ok), loop.quit()))
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec_()
    assert result, "run did not finish"
    return result[0]


@pytest.fixture
def demo_layers(demo_dir):
    dem = QgsRasterLayer(str(demo_dir / "ywzdem10m.tif"), "ywzdem10m")
    outlet = QgsVectorLayer(str(demo_dir / "outlet_beijing1954.shp"), "outlet", "ogr")
    assert dem.isValid()
    assert outlet.isValid()
    QgsProject.instance().addMapLayers([dem, outlet])
    return dem, outlet


def test_plan_path_is_stored_in_the_project(dock, tmp_path):
    path = str(tmp_path / "other")
    dock.plan_widget.setFilePath(path)
    value, found = QgsProject.instance().readEntry("sbplanner", "plan_path", "")
    assert found
    assert value == path + ".gpkg"
    assert dock.plan_path() == path + ".gpkg"


def test_delineate_and_divide_on_youwuzhen(dock, demo_layers, qgis_iface, reference_answers):
    dem, outlet = demo_layers
    step = dock.steps[0]
    step.dem_combo.setLayer(dem)
    step.outlets_combo.setLayer(outlet)
    step.threshold_spin.setValue(0.1)
    step.snap_spin.setValue(0.0)
    assert step.snap_spin.text() == "auto (3 cells)"

    step.run_panel.run_button.click()
    assert step.run_panel.busy
    assert step.run_panel.cancel_button.isEnabled()
    assert wait_for(step.run_panel), step.run_panel.status.text()
    assert not step.run_panel.cancel_button.isEnabled()
    assert step.run_panel.progress.value() == 100

    group = layers.find_group("watersheds")
    assert group is not None
    keys = {node.layer().customProperty(layers.LAYER_PROPERTY) for node in group.findLayers()}
    assert keys == {"watersheds", "streams", "outlets_snapped"}
    watersheds = layers.find_layer("watersheds")
    assert watersheds.source().startswith(dock.plan_path())
    assert watersheds.featureCount() == 1
    area_km2 = next(watersheds.getFeatures())["area_km2"]
    assert area_km2 == pytest.approx(53933 * 100 / 1e6, rel=0.01)
    assert watersheds.labelsEnabled()
    streams = layers.find_layer("streams")
    props = streams.renderer().symbol().symbolLayer(0).dataDefinedProperties()
    assert "strahler" in props.property(QgsSymbolLayer.PropertyStrokeWidth).expressionString()
    assert "1 watershed(s)" in step.run_panel.status.text()

    # review table: one outlet, its snap distance as written by the algorithm
    snapped = next(layers.find_layer("outlets_snapped").getFeatures())
    model = step.outlet_model
    assert model.rowCount() == 1
    assert float(model.index(0, 1).data()) == pytest.approx(snapped["snap_distance_m"], abs=0.05)
    assert float(model.index(0, 2).data()) == pytest.approx(area_km2, rel=0.02)
    assert float(model.index(0, 6).data()) == pytest.approx(snapped.geometry().asPoint().x(), abs=0.05)
    canvas = qgis_iface.mapCanvas()
    canvas.resize(400, 400)
    canvas.setDestinationCrs(dem.crs())
    canvas.setExtent(dem.extent())
    step.outlet_table.selectRow(0)
    centre = qgis_iface.mapCanvas().center()
    assert centre.distance(snapped.geometry().asPoint()) < 1.0

    # re-running replaces the layers in the group instead of piling them up
    step.delineate()
    assert wait_for(step.run_panel)
    assert len(layers.find_group("watersheds").findLayers()) == 3

    # divide the delineated catchment into small watersheds (the boundary is pre-selected)
    divide = step.divide_panel
    assert divide.boundary_combo.currentLayer() is layers.find_layer("watersheds")
    divide.max_spin.setValue(2.0)
    divide.min_spin.setValue(0.3)
    divide.run_panel.run_button.click()
    assert wait_for(divide.run_panel), divide.run_panel.status.text()
    units = layers.find_layer("small_watersheds")
    assert units is not None
    assert units.featureCount() == divide.result_model.rowCount() >= 3
    total = sum(f["area_km2"] for f in units.getFeatures())
    assert total == pytest.approx(area_km2, rel=0.02)
    assert all(f["area_km2"] <= 2.0 + 1e-6 for f in units.getFeatures())
    keys = {node.layer().customProperty(layers.LAYER_PROPERTY) for node in layers.find_group("watersheds").findLayers()}
    assert {"small_watersheds", "small_watershed_streams"} <= keys

    # sortable by area, Ctrl+C copies the selection as TSV with a header row
    table = divide.result_table
    table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    shown = [float(table.model().index(r, 2).data()) for r in range(table.model().rowCount())]
    assert shown == sorted(shown, reverse=True)
    table.selectionModel().select(
        table.model().index(0, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    QApplication.clipboard().clear()
    table.keyPressEvent(QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier))
    lines = QApplication.clipboard().text().splitlines()
    assert lines[0].split("\t")[:3] == ["Code", "Downstream", "Area km²"]
    assert float(lines[1].split("\t")[2]) == pytest.approx(shown[0])


def test_outlet_outside_dem_shows_the_algorithm_message(dock, demo_layers, qgis_iface):
    dem, _ = demo_layers
    far = QgsVectorLayer(f"Point?crs={dem.crs().authid()}&field=id:integer", "far", "memory")
    feature = QgsFeature(far.fields())
    feature.setGeometry(
        QgsGeometry.fromPointXY(QgsPointXY(dem.extent().xMaximum() + 5000, dem.extent().yMaximum() + 5000))
    )
    far.dataProvider().addFeatures([feature])
    QgsProject.instance().addMapLayer(far)
    step = dock.steps[0]
    step.dem_combo.setLayer(dem)
    step.outlets_combo.setLayer(far)
    qgis_iface.messageBar().clear_messages()
    step.delineate()
    assert wait_for(step.run_panel) is False
    status = step.run_panel.status.text()
    assert status
    assert "Traceback" not in status
    assert "outside the valid DEM area" in status
    assert any(status in m for m in qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Critical))
    assert layers.find_group("watersheds") is None


def test_missing_inputs_are_reported_before_running(dock):
    step = dock.steps[0]
    step.dem_combo.setLayer(None)
    step.delineate()
    assert not step.run_panel.busy
    assert step.run_panel.status.text() == "Choose a DEM raster layer."


def test_click_outlets_on_map_and_clear(dock, demo_layers, qgis_iface):
    dem, _ = demo_layers
    canvas = qgis_iface.mapCanvas()
    canvas.setDestinationCrs(dem.crs())
    step = dock.steps[0]
    step.dem_combo.setLayer(dem)
    step.click_button.setChecked(True)
    tool = step.click_tool
    assert canvas.mapTool() is tool
    clicked = layers.find_layer(layers.OUTLETS_KEY)
    assert clicked.crs() == dem.crs()
    assert step.outlets_combo.currentLayer() is clicked
    centre = dem.extent().center()
    tool.add_point(centre)
    tool.add_point(QgsPointXY(centre.x() + 100, centre.y()))
    assert sorted(f["outlet_id"] for f in clicked.getFeatures()) == [1, 2]
    tool.keyPressEvent(QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier))
    assert not step.click_button.isChecked()
    assert canvas.mapTool() is None
    assert step.clear_button.isEnabled()
    step.clear_button.click()
    assert clicked.featureCount() == 0
