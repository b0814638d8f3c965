"""Step 1 of the dock: delineate watersheds of outlets and review the snapped outlets."""

from __future__ import annotations

import contextlib

from qgis.core import (
    QgsCoordinateTransform,
    QgsDistanceArea,
    QgsGeometry,
    QgsMapLayer,
    QgsPointXY,
    QgsProject,
    QgsRasterLayer,
    QgsUnitTypes,
)
from qgis.gui import QgsDoubleSpinBox, QgsMapLayerComboBox
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sbplanner_plugin import settings
from sbplanner_plugin.gui import layers
from sbplanner_plugin.gui.compat import layer_filter, metres_unit
from sbplanner_plugin.gui.map_tools import OutletClickTool
from sbplanner_plugin.gui.models import FID_ROLE, Column, FeatureTableModel, field, point_x, point_y
from sbplanner_plugin.gui.run_panel import RunPanel
from sbplanner_plugin.gui.steps.base import Step, register_step
from sbplanner_plugin.gui.steps.divide_panel import DividePanel
from sbplanner_plugin.gui.widgets import CopyableTableView

ALG_DELINEATE = "sbplanner:delineate_watersheds"
GROUP_KEY = "watersheds"
#: Snaps longer than this many DEM cells are highlighted for review.
LONG_SNAP_CELLS = 2.0


def double_spin(minimum: float, maximum: float, decimals: int, value: float, suffix: str) -> QgsDoubleSpinBox:
    spin = QgsDoubleSpinBox()
    spin.setRange(minimum, maximum)
    spin.setDecimals(decimals)
    spin.setValue(value)
    spin.setSuffix(suffix)
    return spin


@register_step
class WatershedsStep(Step):
    """Delineation (outlets → catchments) and division into small watersheds."""

    number, key = 1, "watersheds"
    group_key = GROUP_KEY

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("WatershedsStep", "Watersheds", "workflow step title")

    @classmethod
    def guide_text(cls) -> str:
        return QCoreApplication.translate(
            "WatershedsStep",
            "Delineates the catchment of each outlet from the DEM (D8 flow directions; channels start at the "
            "stream threshold), then divides it into small watersheds within an area range. Choose the DEM "
            "and the outlets (or click them on the map) and press Delineate."
        )  # fmt: skip

    @classmethod
    def guide_standards(cls) -> str:
        return QCoreApplication.translate(
            "WatershedsStep",
            "SL 653-2013 (small watershed division and coding): a small watershed is a closed natural "
            "catchment, normally not larger than 50 km²."
        )  # fmt: skip

    def group_name(self) -> str:
        return self.tr("SBPlanner – 1 Watersheds")

    def __init__(self, dock, parent: QWidget | None = None) -> None:
        super().__init__(dock, parent)
        self.canvas = self.iface.mapCanvas() if self.iface is not None else None
        self.click_tool: OutletClickTool | None = None
        self.cell_size_m = 0.0

        self.dem_combo = QgsMapLayerComboBox()
        self.dem_combo.setFilters(layer_filter("RasterLayer"))
        self.outlets_combo = QgsMapLayerComboBox()
        self.outlets_combo.setFilters(layer_filter("PointLayer"))
        self.click_button = QPushButton(self.tr("Click outlets on map"))
        self.click_button.setCheckable(True)
        self.click_button.setToolTip(self.tr("Left click adds an outlet; right click or Esc ends."))
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Remove all clicked outlets"))
        self.threshold_spin = double_spin(0.001, 10000.0, 3, settings.STREAM_THRESHOLD_KM2.value(), " km²")
        self.threshold_spin.setClearValue(0.1)
        self.threshold_spin.setToolTip(self.tr("Upstream area at which a channel starts"))
        self.snap_spin = double_spin(0.0, 100000.0, 1, settings.SNAP_DISTANCE_M.value(), " m")
        self.snap_spin.setSpecialValueText(self.tr("auto (3 cells)"))
        self.snap_spin.setClearValue(0.0)
        self.snap_spin.setToolTip(self.tr("Outlets move to the highest-accumulation cell within this distance"))

        click_row = QHBoxLayout()
        click_row.addWidget(self.click_button, 1)
        click_row.addWidget(self.clear_button)
        form = QFormLayout()
        form.addRow(self.tr("DEM"), self.dem_combo)
        form.addRow(self.tr("Outlets"), self.outlets_combo)
        form.addRow("", click_row)
        form.addRow(self.tr("Stream threshold"), self.threshold_spin)
        form.addRow(self.tr("Snap distance"), self.snap_spin)

        self.run_panel = RunPanel(self.tr("Delineate"), self.tr("SBPlanner"), self.iface)
        self.outlet_model = FeatureTableModel(
            [
                Column(self.tr("Outlet"), field("outlet_id")),
                Column(self.tr("Snap m"), field("snap_distance_m"), 1),
                Column(self.tr("Upstream km²"), field("uparea_km2"), 3),
                Column(self.tr("Code"), field("ws_code")),
                Column(self.tr("x"), field("orig_x"), 1),
                Column(self.tr("y"), field("orig_y"), 1),
                Column(self.tr("Snapped x"), point_x, 1),
                Column(self.tr("Snapped y"), point_y, 1),
            ],
            self,
        )
        self.outlet_model.highlight = self._long_snap_colour
        self.outlet_table = CopyableTableView()
        self.outlet_table.setModel(self.outlet_model)
        self.outlet_table.setMinimumHeight(90)
        self.outlet_table.setMaximumHeight(150)
        self.snap_hint = QLabel()
        self.snap_hint.setWordWrap(True)

        delineate = QGroupBox(self.tr("Delineate catchments of outlets"))
        box = QVBoxLayout(delineate)
        box.addLayout(form)
        box.addWidget(self.run_panel)
        box.addWidget(QLabel(self.tr("Snapped outlets (select a row to show it on the map):")))
        box.addWidget(self.outlet_table)
        box.addWidget(self.snap_hint)

        self.divide_panel = DividePanel(self, self.dem_combo, self.threshold_spin)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(delineate)
        layout.addWidget(self.divide_panel)
        layout.addStretch(1)

        self._select_last_dem()
        self.click_button.toggled.connect(self._toggle_click_tool)
        self.clear_button.clicked.connect(self.clear_clicked_outlets)
        self.outlets_combo.layerChanged.connect(self._update_clear_button)
        self.run_panel.runRequested.connect(self.delineate)
        self.outlet_table.selectionModel().selectionChanged.connect(self._show_selected_outlet)
        if self.canvas is not None:
            self.canvas.mapToolSet.connect(self._map_tool_changed)
        self._update_clear_button()

    # -- outlets clicked on the map -----------------------------------------------------------------
    def clicked_layer(self):
        return layers.find_layer(layers.OUTLETS_KEY)

    def _toggle_click_tool(self, checked: bool) -> None:
        if self.canvas is None:
            return
        if not checked:
            if self.click_tool is not None and self.canvas.mapTool() is self.click_tool:
                self.canvas.unsetMapTool(self.click_tool)
            return
        dem = self.dem_combo.currentLayer()
        crs = dem.crs() if dem is not None else self.canvas.mapSettings().destinationCrs()
        layer = layers.ensure_outlet_layer(crs, self.tr("SBPlanner outlets"))
        self.outlets_combo.setLayer(layer)
        if self.click_tool is None:
            self.click_tool = OutletClickTool(self.canvas, layer)
            self.click_tool.finished.connect(lambda: self.click_button.setChecked(False))
        self.click_tool.set_layer(layer)
        self.canvas.setMapTool(self.click_tool)

    def _map_tool_changed(self, new_tool, old_tool=None) -> None:
        if self.click_tool is not None and new_tool is not self.click_tool and self.click_button.isChecked():
            self.click_button.setChecked(False)

    def clear_clicked_outlets(self) -> None:
        layer = self.clicked_layer()
        if layer is not None:
            layer.dataProvider().truncate()
            layer.triggerRepaint()

    def _update_clear_button(self, *_args) -> None:
        layer = self.clicked_layer()
        self.clear_button.setEnabled(layer is not None and self.outlets_combo.currentLayer() is layer)

    # -- delineation -------------------------------------------------------------------------------
    def parameters(self) -> dict | None:
        """Algorithm parameters from the widgets, or None (with a status message) when incomplete."""
        dem, outlets = self.dem_combo.currentLayer(), self.outlets_combo.currentLayer()
        if dem is None:
            self.run_panel.set_status(self.tr("Choose a DEM raster layer."), error=True)
            return None
        if outlets is None:
            self.run_panel.set_status(self.tr("Choose an outlet point layer or click outlets on the map."), error=True)
            return None
        if outlets.featureCount() == 0:
            self.run_panel.set_status(self.tr("The outlet layer has no points."), error=True)
            return None
        store = self.dock.plan_store(self.run_panel)
        if store is None:
            return None
        return {
            "DEM": layers.algorithm_input(dem),
            "OUTLETS": layers.algorithm_input(outlets),
            "STREAM_THRESHOLD_KM2": self.threshold_spin.value(),
            "SNAP_DISTANCE_M": self.snap_spin.value(),
            "OUTPUT_WATERSHEDS": store.destination("watersheds"),
            "OUTPUT_STREAMS": store.destination("streams"),
            "OUTPUT_OUTLETS": store.destination("outlets_snapped"),
        }

    def delineate(self) -> None:
        if self.click_button.isChecked():
            self.click_button.setChecked(False)
        params = self.parameters()
        if params is None:
            return
        self.cell_size_m = cell_size_m(self.dem_combo.currentLayer())
        settings.STREAM_THRESHOLD_KM2.set_value(self.threshold_spin.value())
        settings.SNAP_DISTANCE_M.set_value(self.snap_spin.value())
        settings.LAST_DEM_SOURCE.set_value(self.dem_combo.currentLayer().source())
        self.run_panel.start(ALG_DELINEATE, params, self._delineated)

    def _delineated(self, results: dict) -> str:
        store = self.dock.current_store
        loaded = layers.load_plan_layers(
            [
                ("watersheds", store.layer_uri("watersheds"), self.tr("Watersheds")),
                ("streams", store.layer_uri("streams"), self.tr("Streams")),
                ("outlets_snapped", store.layer_uri("outlets_snapped"), self.tr("Snapped outlets")),
            ],
            GROUP_KEY,
            self.group_name(),
            provider=getattr(store, "provider", "ogr"),
        )
        self.outlet_model.load(loaded.get("outlets_snapped"))
        long_snaps = sum(1 for c in self.outlet_model.colours if c is not None)
        self.snap_hint.setText(
            self.tr("{0} outlet(s) moved more than {1:g} cells (highlighted): check them on the map.").format(
                long_snaps, LONG_SNAP_CELLS
            )
            if long_snaps
            else ""
        )
        watersheds = loaded.get("watersheds")
        if watersheds is not None:
            self.divide_panel.boundary_combo.setLayer(watersheds)
        areas = [f["area_km2"] for f in watersheds.getFeatures()] if watersheds is not None else []
        areas = [a for a in areas if isinstance(a, (int, float))]
        return self.tr("{0} watershed(s), total {1:.2f} km², saved in the plan.").format(len(areas), sum(areas))

    def _long_snap_colour(self, feature) -> QColor | None:
        distance = feature["snap_distance_m"] if feature.fields().indexOf("snap_distance_m") >= 0 else None
        if isinstance(distance, (int, float)) and 0 < self.cell_size_m * LONG_SNAP_CELLS < distance:
            return QColor(255, 204, 128)
        return None

    def _show_selected_outlet(self, *_args) -> None:
        rows = self.outlet_table.selectionModel().selectedRows()
        layer = layers.find_layer("outlets_snapped")
        if not rows or layer is None or self.canvas is None:
            return
        fid = rows[0].data(FID_ROLE)
        feature = layer.getFeature(fid)
        geometries = [QgsGeometry(feature.geometry())]
        orig_x, orig_y = feature["orig_x"], feature["orig_y"]
        if isinstance(orig_x, (int, float)) and isinstance(orig_y, (int, float)):
            geometries.append(QgsGeometry.fromPointXY(QgsPointXY(orig_x, orig_y)))
        transform = QgsCoordinateTransform(
            layer.crs(), self.canvas.mapSettings().destinationCrs(), QgsProject.instance()
        )
        centre = QgsGeometry(geometries[0])
        centre.transform(transform)
        self.canvas.setCenter(centre.asPoint())
        self.canvas.refresh()
        self.canvas.flashGeometries(geometries, layer.crs())

    # -- Step API --------------------------------------------------------------------------------------
    def _select_last_dem(self) -> None:
        source = settings.LAST_DEM_SOURCE.value()
        for layer in QgsProject.instance().mapLayers().values():
            if isinstance(layer, QgsRasterLayer) and source and layer.source() == source:
                self.dem_combo.setLayer(layer)
                return

    def project_cleared(self) -> None:
        self.outlet_model.load(None)
        self.divide_panel.result_model.load(None)
        self.snap_hint.clear()
        self.run_panel.set_status("")
        self.divide_panel.run_panel.set_status("")

    def cleanup(self) -> None:
        self.run_panel.cleanup()
        self.divide_panel.cleanup()
        if self.canvas is not None:
            with contextlib.suppress(TypeError):
                self.canvas.mapToolSet.disconnect(self._map_tool_changed)
            if self.click_tool is not None and self.canvas.mapTool() is self.click_tool:
                self.canvas.unsetMapTool(self.click_tool)
        if self.click_tool is not None:
            self.click_tool.deleteLater()
            self.click_tool = None


def cell_size_m(layer: QgsMapLayer | None) -> float:
    """Ground size of one DEM cell in metres (ellipsoidal for geographic CRSs), 0 when unknown."""
    if not isinstance(layer, QgsRasterLayer) or not layer.isValid():
        return 0.0
    size = layer.rasterUnitsPerPixelX()
    if not layer.crs().isGeographic():
        return size * QgsUnitTypes.fromUnitToUnitFactor(layer.crs().mapUnits(), metres_unit())
    centre = layer.extent().center()
    distance = QgsDistanceArea()
    distance.setSourceCrs(layer.crs(), QgsProject.instance().transformContext())
    distance.setEllipsoid(layer.crs().ellipsoidAcronym() or "EPSG:7030")
    return distance.measureLine(centre, QgsPointXY(centre.x() + size, centre.y()))
