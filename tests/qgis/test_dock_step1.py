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
    assert keys == {"watersheds", "streams", "outlets_snapped", "outlets_snap_lines"}
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
    assert float(model.index(0, 3).data()) == pytest.approx(snapped["snap_distance_m"], abs=0.05)
    assert float(model.index(0, 4).data()) == pytest.approx(area_km2, rel=0.02)
    assert float(model.index(0, 7).data()) == pytest.approx(snapped.geometry().asPoint().x(), abs=0.05)
    # the demo outlet lies on its channel and slides 30 m (3 cells) down it: a fair snap, no warning
    assert snapped["snap_distance_m"] == pytest.approx(30.0)
    assert model.index(0, 2).data() == "along its channel"
    assert model.colours == [None]
    assert step.snap_hint.text() == ""
    # the snap line joins the given point to the snapped outlet; drawn above the streams
    order = [n.layer().customProperty(layers.LAYER_PROPERTY) for n in layers.find_group("watersheds").findLayers()]
    assert order == ["outlets_snapped", "outlets_snap_lines", "streams", "watersheds"]
    (line,) = layers.find_layer("outlets_snap_lines").getFeatures()
    ends = line.geometry().asPolyline()
    assert ends[0].distance(QgsPointXY(snapped["orig_x"], snapped["orig_y"])) < 1e-6
    assert ends[-1].distance(snapped.geometry().asPoint()) < 1e-6
    # selecting the row zooms to the pair: both points in view, a few hundred metres across
    canvas = qgis_iface.mapCanvas()
    canvas.resize(400, 400)
    canvas.setDestinationCrs(dem.crs())
    canvas.setExtent(dem.extent())
    step.outlet_table.selectRow(0)
    extent = canvas.extent()
    for point in ends:
        assert extent.contains(point)
    assert 300.0 <= min(extent.width(), extent.height()) <= 1000.0  # (the other side follows the canvas shape)
    middle = QgsPointXY((ends[0].x() + ends[-1].x()) / 2, (ends[0].y() + ends[-1].y()) / 2)
    assert extent.center().distance(middle) < 1.0

    # re-running replaces the layers in the group instead of piling them up
    step.delineate()
    assert wait_for(step.run_panel)
    assert len(layers.find_group("watersheds").findLayers()) == 4

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


def point_layer(dem, points, name="outlets", fields="&field=id:integer"):
    layer = QgsVectorLayer(f"Point?crs={dem.crs().authid()}{fields}", name, "memory")
    features = []
    for point in points:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(point))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    QgsProject.instance().addMapLayer(layer)
    return layer


#: A hillside point of the demo, ~290 m from the channel: its catchment is one cell.
STRAY = QgsPointXY(39445243.9, 2841080.8)
OUTLET = QgsPointXY(39444813.9, 2840490.8)
#: The centre of a cell of a 0.22 km² tributary, two cells from the 3.40 km² main channel.
TRIBUTARY = QgsPointXY(39445503.9, 2841150.8)


def test_a_stray_click_gets_the_tiny_catchment_warning(dock, demo_layers):
    """Three outlets: the demo's (fine), a hillside click (tiny) and a click on a 0.22 km² tributary two cells
    from the 3.40 km² main channel, where the snap to the largest upstream area jumps onto the main channel."""
    dem, _ = demo_layers
    step = dock.steps[0]
    step.dem_combo.setLayer(dem)
    step.outlets_combo.setLayer(point_layer(dem, [OUTLET, STRAY, TRIBUTARY]))
    step.threshold_spin.setValue(0.1)
    step.snap_spin.setValue(0.0)
    step.delineate()
    assert wait_for(step.run_panel), step.run_panel.status.text()
    assert [step.outlet_table.model().index(r, 0).data() for r in range(3)] == ["1", "2", "3"]  # in outlet order
    tiny, other = step.snap_hint.text().split("\n")
    assert tiny == (
        "WS002 0.00 km²: the outlet is not on a channel; the catchment is smaller than the stream threshold "
        "(0.1 km²) — click nearer the stream."
    )
    assert other.startswith("WS003: the snap moved the outlet ")
    assert "past a confluence onto another channel — 3.40 km² instead of the 0.22 km² of the channel" in other
    model = step.outlet_model
    assert [model.index(r, 2).data() for r in range(3)] == ["along its channel", "not on a channel", "another channel"]
    assert model.colours[0] is None
    assert model.colours[1] is not None and model.colours[2] is not None  # the rows to review are highlighted
    assert model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) == tiny  # and their warning is the tooltip
    assert model.index(2, 0).data(Qt.ItemDataRole.ToolTipRole) == other


def test_dragging_a_snapped_outlet_keeps_it_there_and_delineates_again(dock, demo_layers, qgis_iface):
    """The engineer drags outlet 1 150 m up the main channel: it stays in the cell dropped on (no snapping),
    its catchment is delineated again there; the user's outlet layer is not edited."""
    dem, outlet = demo_layers
    canvas = qgis_iface.mapCanvas()
    canvas.setDestinationCrs(dem.crs())
    step = dock.steps[0]
    step.dem_combo.setLayer(dem)
    step.outlets_combo.setLayer(outlet)
    step.snap_spin.setValue(0.0)
    step.delineate()
    assert wait_for(step.run_panel)
    assert step.move_button.isEnabled()
    first_area = next(layers.find_layer("watersheds").getFeatures())["area_km2"]
    step.move_button.setChecked(True)
    tool = step.drag_tool
    assert canvas.mapTool() is tool
    canvas.resize(400, 400)
    step.outlet_table.selectRow(0)
    snapped = next(step.outlets_layer.getFeatures())
    assert tool.outlet_at(snapped.geometry().asPoint()) == snapped.id()
    drop = QgsPointXY(39445043.9, 2840780.8)  # on the main channel, 3.77 km² (tests/unit/test_youwuzhen.py)
    tool.drop(snapped.id(), drop)
    assert wait_for(step.run_panel), step.run_panel.status.text()
    moved = next(layers.find_layer("outlets_snapped").getFeatures())
    assert moved["fixed"] == 1
    assert moved["orig_x"] == pytest.approx(drop.x())
    assert moved.geometry().asPoint().distance(drop) < 7.1  # the centre of the 10 m cell dropped on
    assert moved["snap_distance_m"] < 7.1
    assert moved["uparea_km2"] == pytest.approx(3.77, abs=0.02)
    area = next(layers.find_layer("watersheds").getFeatures())["area_km2"]
    assert area == pytest.approx(3.77, abs=0.02) and area < first_area
    assert step.outlet_model.index(0, 2).data() == "placed by hand"
    clicked = layers.find_layer(layers.OUTLETS_KEY)
    assert step.outlets_combo.currentLayer() is clicked
    assert [(f["outlet_id"], f["fixed"]) for f in clicked.getFeatures()] == [(1, 1)]
    assert next(outlet.getFeatures()).geometry().asPoint().distance(OUTLET) < 0.1  # the user's layer unchanged
    tool.keyPressEvent(QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier))
    assert not step.move_button.isChecked()


def test_the_outlet_combo_does_not_default_to_the_plugins_own_layers(dock, demo_layers):
    """Issue 15: the empty gully-head works layer (沟头防护) of the plugin is no default outlet layer."""
    dem, outlet = demo_layers
    gully = QgsVectorLayer(f"Point?crs={dem.crs().authid()}", "沟头防护", "memory")
    gully.setCustomProperty(layers.LAYER_PROPERTY, "gully_heads")
    QgsProject.instance().addMapLayer(gully)
    step = dock.steps[0]
    step.outlets_combo.setLayer(gully)
    step.choose_outlet_layer()
    assert step.outlets_combo.currentLayer() is outlet  # the user's layer named like outlets
    # a user's own choice is kept, whatever its name
    dams = point_layer(dem, [OUTLET], name="dams")
    step.outlets_combo.setLayer(dams)
    step.choose_outlet_layer()
    assert step.outlets_combo.currentLayer() is dams
    # no user layer named like outlets: none rather than the plugin's layer
    QgsProject.instance().removeMapLayer(outlet.id())
    step.outlets_combo.setLayer(gully)
    step.choose_outlet_layer()
    assert step.outlets_combo.currentLayer() is None
    # a layer added later that is named like outlets is picked up when nothing (or the plugin's layer) is chosen
    later = point_layer(dem, [OUTLET], name="出口点")
    assert step.outlets_combo.currentLayer() is later


def test_the_drag_tool_follows_the_mouse(qgis_iface, demo_layers):
    """Press on an outlet, move, release: one outletMoved with the release point; a press beside it drags nothing."""
    from qgis.core import QgsRectangle
    from qgis.gui import QgsMapMouseEvent
    from qgis.PyQt.QtCore import QEvent, QPoint

    from sbplanner_plugin.gui.map_tools import OutletDragTool

    dem, _ = demo_layers
    layer = point_layer(dem, [OUTLET], name="snapped")
    canvas = qgis_iface.mapCanvas()
    canvas.resize(400, 400)
    canvas.setDestinationCrs(dem.crs())
    canvas.setExtent(QgsRectangle(OUTLET.x() - 200, OUTLET.y() - 200, OUTLET.x() + 200, OUTLET.y() + 200))
    tool = OutletDragTool(canvas, layer)
    moves = []
    tool.outletMoved.connect(lambda fid, point: moves.append((fid, point)))
    transform = canvas.getCoordinateTransform()
    start = transform.transform(OUTLET).toQPointF().toPoint()
    end = start + QPoint(40, -30)

    def event(kind, pixel, button=Qt.MouseButton.LeftButton):
        return QgsMapMouseEvent(canvas, kind, pixel, button, button, Qt.KeyboardModifier.NoModifier)

    tool.canvasPressEvent(event(QEvent.Type.MouseButtonPress, start + QPoint(30, 30)))  # 30 px away: nothing
    assert tool.dragged is None and tool.band is None
    tool.canvasPressEvent(event(QEvent.Type.MouseButtonPress, start + QPoint(3, 2)))
    assert tool.dragged == next(layer.getFeatures()).id()
    assert tool.band is not None
    tool.canvasMoveEvent(event(QEvent.Type.MouseMove, end, Qt.MouseButton.NoButton))
    tool.canvasReleaseEvent(event(QEvent.Type.MouseButtonRelease, end))
    assert tool.band is None and tool.dragged is None
    assert len(moves) == 1
    fid, point = moves[0]
    assert fid == next(layer.getFeatures()).id()
    expected = transform.toMapCoordinates(end)
    assert point.distance(QgsPointXY(expected)) < canvas.mapUnitsPerPixel()
    assert layer.getFeature(fid).geometry().asPoint().distance(OUTLET) < 1e-6  # the tool edits nothing itself
    tool.deleteLater()
