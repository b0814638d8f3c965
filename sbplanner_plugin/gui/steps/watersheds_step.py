"""Step 1 of the dock: delineate watersheds of outlets and review the snapped outlets."""

from __future__ import annotations

import contextlib
import logging
import os
import re

from qgis.core import (
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import QgsDoubleSpinBox, QgsMapLayerComboBox
from qgis.PyQt.QtCore import QCoreApplication, Qt
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
from sbplanner_plugin.adapters.field_types import INT, STRING
from sbplanner_plugin.core import outlet_review
from sbplanner_plugin.gui import layers
from sbplanner_plugin.gui.compat import layer_filter
from sbplanner_plugin.gui.map_tools import OutletClickTool, OutletDragTool
from sbplanner_plugin.gui.models import FID_ROLE, Column, FeatureTableModel, field, point_x, point_y
from sbplanner_plugin.gui.run_panel import RunPanel
from sbplanner_plugin.gui.steps.base import Step, register_step
from sbplanner_plugin.gui.steps.divide_panel import DividePanel
from sbplanner_plugin.gui.widgets import CopyableTableView

LOGGER = logging.getLogger(__name__)

ALG_DELINEATE = "sbplanner:delineate_watersheds"
GROUP_KEY = "watersheds"
SNAPPED_KEY = "outlets_snapped"
SNAP_LINES_KEY = "outlets_snap_lines"
#: Row colour of a snap to review (core.outlet_review.PROBLEMS).
REVIEW_COLOUR = QColor(255, 204, 128)
#: Zooming to an outlet shows at least this many metres around the given and the snapped point.
ZOOM_MIN_M = 300.0
#: Names of user point layers the outlet combo prefers (outlet, pour point, 出口, 卡口).
OUTLET_NAME = re.compile(r"outlet|pour|出口|卡口", re.IGNORECASE)


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
        self.drag_tool: OutletDragTool | None = None
        #: The snapped outlets the review table shows (the project's layer, or the plan's when reopened).
        self.outlets_layer: QgsVectorLayer | None = None

        self.dem_combo = QgsMapLayerComboBox()
        self.dem_combo.setFilters(layer_filter("RasterLayer"))
        self.outlets_combo = QgsMapLayerComboBox()
        self.outlets_combo.setFilters(layer_filter("PointLayer"))
        self.outlets_combo.setAllowEmptyLayer(True)
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
                Column(self.tr("Code"), field("ws_code")),
                Column(self.tr("Check"), self.check_label),
                Column(self.tr("Snap m"), field("snap_distance_m"), 1),
                Column(self.tr("Upstream km²"), field("uparea_km2"), 3),
                Column(self.tr("x"), field("orig_x"), 1),
                Column(self.tr("y"), field("orig_y"), 1),
                Column(self.tr("Snapped x"), point_x, 1),
                Column(self.tr("Snapped y"), point_y, 1),
            ],
            self,
        )
        self.outlet_model.highlight = self._review_colour
        self.outlet_model.tooltip = lambda feature: self.snap_warning(feature) or ""
        self.outlet_table = CopyableTableView()
        self.outlet_table.setModel(self.outlet_model)
        self.outlet_table.setMinimumHeight(90)
        self.outlet_table.setMaximumHeight(150)
        self.move_button = QPushButton(self.tr("Move an outlet"))
        self.move_button.setCheckable(True)
        self.move_button.setToolTip(
            self.tr(
                "Drag a snapped outlet on the map to where the outlet really is (e.g. the dam axis): it stays "
                "there, without snapping, and the catchments are delineated again. The outlets are then taken from "
                "the layer 'SBPlanner outlets'; your own outlet layer is not changed. Right click or Esc ends."
            )
        )
        self.move_button.setEnabled(False)
        self.snap_hint = QLabel()
        self.snap_hint.setWordWrap(True)

        delineate = QGroupBox(self.tr("Delineate catchments of outlets"))
        box = QVBoxLayout(delineate)
        box.addLayout(form)
        box.addWidget(self.run_panel)
        review_label = QLabel(self.tr("Snapped outlets (select a row to show it on the map):"))
        review_label.setWordWrap(True)
        box.addWidget(review_label)
        box.addWidget(self.outlet_table)
        box.addWidget(self.snap_hint)
        box.addWidget(self.move_button)

        self.divide_panel = DividePanel(self, self.dem_combo, self.threshold_spin)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(delineate)
        layout.addWidget(self.divide_panel)
        layout.addStretch(1)

        self._select_last_dem()
        self.choose_outlet_layer()
        self.click_button.toggled.connect(self._toggle_click_tool)
        self.move_button.toggled.connect(self._toggle_drag_tool)
        self.clear_button.clicked.connect(self.clear_clicked_outlets)
        self.outlets_combo.layerChanged.connect(self._update_clear_button)
        self.run_panel.runRequested.connect(self.delineate)
        self.outlet_table.selectionModel().selectionChanged.connect(self._show_selected_outlet)
        if self.canvas is not None:
            self.canvas.mapToolSet.connect(self._map_tool_changed)
        QgsProject.instance().layersAdded.connect(self._layers_added)
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
        if self.drag_tool is not None and new_tool is not self.drag_tool and self.move_button.isChecked():
            self.move_button.setChecked(False)

    def clear_clicked_outlets(self) -> None:
        layer = self.clicked_layer()
        if layer is not None:
            layer.dataProvider().truncate()
            layer.triggerRepaint()

    def _update_clear_button(self, *_args) -> None:
        layer = self.clicked_layer()
        self.clear_button.setEnabled(layer is not None and self.outlets_combo.currentLayer() is layer)

    def _layers_added(self, *_args) -> None:
        self.choose_outlet_layer()

    def choose_outlet_layer(self) -> None:
        """Default of the outlet combo when it shows nothing or one of SBPlanner's own result layers (the empty
        gully-head works, the snapped outlets …): the first user point layer named like outlets, else the
        clicked outlets, else none. A user layer the engineer chose is kept."""
        current = self.outlets_combo.currentLayer()
        if current is not None and current.customProperty(layers.LAYER_PROPERTY) in (None, layers.OUTLETS_KEY):
            return
        points = [
            layer
            for layer in QgsProject.instance().mapLayers().values()
            if isinstance(layer, QgsVectorLayer)
            and layer.isValid()
            and layer.geometryType() == QgsWkbTypes.GeometryType.PointGeometry
        ]
        user = [layer for layer in points if layer.customProperty(layers.LAYER_PROPERTY) is None]
        named = sorted((layer for layer in user if OUTLET_NAME.search(layer.name())), key=lambda lyr: lyr.name())
        choice = named[0] if named else self.clicked_layer()
        self.outlets_combo.setLayer(choice)

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
            "OUTPUT_OUTLETS": store.destination(SNAPPED_KEY),
            "OUTPUT_SNAP_LINES": store.destination(SNAP_LINES_KEY),
        }

    def delineate(self) -> None:
        if self.click_button.isChecked():
            self.click_button.setChecked(False)
        params = self.parameters()
        if params is None:
            return
        settings.STREAM_THRESHOLD_KM2.set_value(self.threshold_spin.value())
        settings.SNAP_DISTANCE_M.set_value(self.snap_spin.value())
        settings.LAST_DEM_SOURCE.set_value(self.dem_combo.currentLayer().source())
        self.run_panel.start(ALG_DELINEATE, params, self._delineated)

    def _delineated(self, results: dict) -> str:
        store = self.dock.current_store
        uris = [("watersheds", store.layer_uri("watersheds"), self.tr("Watersheds"))]
        if results.get("OUTPUT_SNAP_LINES"):  # loaded before the streams: drawn above them
            uris.append((SNAP_LINES_KEY, store.layer_uri(SNAP_LINES_KEY), self.tr("Outlet snaps")))
        uris += [
            ("streams", store.layer_uri("streams"), self.tr("Streams")),
            (SNAPPED_KEY, store.layer_uri(SNAPPED_KEY), self.tr("Snapped outlets")),
        ]
        loaded = layers.load_plan_layers(
            uris, GROUP_KEY, self.group_name(), provider=getattr(store, "provider", "ogr")
        )
        self.show_outlets(loaded.get(SNAPPED_KEY))
        if self.drag_tool is not None:
            self.drag_tool.set_layer(self.outlets_layer)
        watersheds = loaded.get("watersheds")
        if watersheds is not None:
            self.divide_panel.boundary_combo.setLayer(watersheds)
        areas = [f["area_km2"] for f in watersheds.getFeatures()] if watersheds is not None else []
        areas = [a for a in areas if isinstance(a, (int, float))]
        return self.tr("{0} watershed(s), total {1:.2f} km², saved in the plan.").format(len(areas), sum(areas))

    # -- outlet review -------------------------------------------------------------------------------
    def show_outlets(self, layer: QgsVectorLayer | None) -> None:
        """Fill the review table from the snapped outlets ``layer`` and say which snaps need a look."""
        self.outlets_layer = layer if layer is not None and layer.isValid() else None
        self.outlet_model.load(self.outlets_layer)
        self.outlet_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        warnings = (
            [w for w in (self.snap_warning(f) for f in self.outlets_layer.getFeatures()) if w]
            if self.outlets_layer is not None
            else []
        )
        self.snap_hint.setText("\n".join(warnings))
        self.snap_hint.setStyleSheet("color: #b35900;" if warnings else "")
        self.move_button.setEnabled(self.outlets_layer is not None and self.canvas is not None)

    def check_label(self, feature) -> str | None:
        """Short label of the snap review (``snap_check``) for the table; None in plans written before it."""
        code = field("snap_check")(feature)
        if field("fixed")(feature) == 1 and code != outlet_review.TINY:
            return self.tr("placed by hand")
        labels = {
            outlet_review.NOT_MOVED: self.tr("not moved"),
            outlet_review.ALONG_CHANNEL: self.tr("along its channel"),
            outlet_review.ONTO_CHANNEL: self.tr("onto its channel"),
            outlet_review.TINY: self.tr("not on a channel"),
            outlet_review.CROSSED_RIDGE: self.tr("across a ridge"),
            outlet_review.OTHER_CHANNEL: self.tr("another channel"),
        }
        return labels.get(code, code)

    def snap_warning(self, feature) -> str | None:
        """The engineer's warning about one snapped outlet, or None when its snap is fine."""
        code = field("snap_check")(feature)
        name = field("ws_code")(feature) or str(field("outlet_id")(feature))
        area = field("uparea_km2")(feature) or 0.0
        distance = field("snap_distance_m")(feature) or 0.0
        if code == outlet_review.TINY:
            threshold = field("stream_threshold_km2")(feature) or self.threshold_spin.value()
            return self.tr(
                "{0} {1:.2f} km²: the outlet is not on a channel; the catchment is smaller than the stream "
                "threshold ({2:g} km²) — click nearer the stream."
            ).format(name, area, threshold)
        if code == outlet_review.CROSSED_RIDGE:
            return self.tr(
                "{0}: the snap moved the outlet {1:.0f} m onto a channel the given point does not drain to "
                "(across a ridge) — check it on the map, drag it into place or lower the snap distance."
            ).format(name, distance)
        if code == outlet_review.OTHER_CHANNEL:
            channel = field("channel_uparea_km2")(feature) or 0.0
            return self.tr(
                "{0}: the snap moved the outlet {1:.0f} m past a confluence onto another channel — {2:.2f} km² "
                "instead of the {3:.2f} km² of the channel the given point drains to; check it is on the intended "
                "stream or drag it into place."
            ).format(name, distance, area, channel)
        return None

    def _review_colour(self, feature) -> QColor | None:
        return REVIEW_COLOUR if field("snap_check")(feature) in outlet_review.PROBLEMS else None

    def _show_selected_outlet(self, *_args) -> None:
        rows = self.outlet_table.selectionModel().selectedRows()
        layer = self.outlets_layer
        if not rows or layer is None or self.canvas is None:
            return
        feature = layer.getFeature(rows[0].data(FID_ROLE))
        if not feature.isValid() or feature.geometry().isEmpty():
            return
        self.zoom_to_outlet(feature, layer)

    def zoom_to_outlet(self, feature: QgsFeature, layer: QgsVectorLayer) -> None:
        """Zoom the canvas to the given and the snapped point of ``feature`` (at least :data:`ZOOM_MIN_M`
        around them) and flash both and the line between them."""
        snapped = feature.geometry().asPoint()
        points = [snapped]
        orig_x, orig_y = field("orig_x")(feature), field("orig_y")(feature)
        if isinstance(orig_x, (int, float)) and isinstance(orig_y, (int, float)):
            points.append(QgsPointXY(orig_x, orig_y))
        box = QgsRectangle(points[0], points[-1])
        box.normalize()
        centre = box.center()
        half = max(box.width(), box.height(), ZOOM_MIN_M / 2.0) * 1.5
        if layer.crs().isGeographic():  # outputs are projected; a user-made layer might not be
            half = max(box.width(), box.height(), 0.003) * 1.5
        box = QgsRectangle(centre.x() - half, centre.y() - half, centre.x() + half, centre.y() + half)
        canvas_crs = self.canvas.mapSettings().destinationCrs()
        if canvas_crs.isValid() and layer.crs().isValid() and canvas_crs != layer.crs():
            box = QgsCoordinateTransform(layer.crs(), canvas_crs, QgsProject.instance()).transformBoundingBox(box)
        self.canvas.setExtent(box)
        self.canvas.refresh()
        geometries = [QgsGeometry.fromPointXY(p) for p in points]
        if len(points) == 2:
            geometries.append(QgsGeometry.fromPolylineXY(points[::-1]))
        self.canvas.flashGeometries(geometries, layer.crs())

    # -- dragging a snapped outlet -------------------------------------------------------------------
    def _toggle_drag_tool(self, checked: bool) -> None:
        if self.canvas is None:
            return
        if not checked:
            if self.drag_tool is not None and self.canvas.mapTool() is self.drag_tool:
                self.canvas.unsetMapTool(self.drag_tool)
            return
        if self.click_button.isChecked():
            self.click_button.setChecked(False)
        if self.drag_tool is None:
            self.drag_tool = OutletDragTool(self.canvas, self.outlets_layer)
            self.drag_tool.finished.connect(lambda: self.move_button.setChecked(False))
            self.drag_tool.outletMoved.connect(self.move_outlet)
        self.drag_tool.set_layer(self.outlets_layer)
        self.canvas.setMapTool(self.drag_tool)

    def move_outlet(self, fid: int, point: QgsPointXY) -> None:
        """Keep snapped outlet ``fid`` at ``point`` (the snapped outlets' CRS), unsnapped, and delineate again.

        The outlets of the last run go into the clicked-outlets layer ('SBPlanner outlets': the user's own
        layer is never edited) as the points given, each with its code and ``fixed`` flag — the moved one at
        ``point`` with ``fixed`` = 1 — and that layer becomes the step's outlet layer."""
        source = self.outlets_layer
        if source is None or self.run_panel.busy:
            return
        target = layers.ensure_outlet_layer(source.crs(), self.tr("SBPlanner outlets"))
        missing = [
            QgsField(name, kind)
            for name, kind in (("outlet_id", INT), ("ws_code", STRING), ("fixed", INT))
            if target.fields().indexOf(name) < 0
        ]
        if missing:
            target.dataProvider().addAttributes(missing)
            target.updateFields()
        transform = (
            QgsCoordinateTransform(source.crs(), target.crs(), QgsProject.instance())
            if source.crs() != target.crs()
            else None
        )
        features = []
        for outlet in source.getFeatures():
            moved = outlet.id() == fid
            orig_x, orig_y = field("orig_x")(outlet), field("orig_y")(outlet)
            given = QgsPointXY(orig_x, orig_y) if orig_x is not None and orig_y is not None else None
            where = QgsPointXY(point) if moved else given or outlet.geometry().asPoint()
            if transform is not None:
                where = transform.transform(where)
            feature = QgsFeature(target.fields())
            feature.setGeometry(QgsGeometry.fromPointXY(where))
            feature["outlet_id"] = field("outlet_id")(outlet)
            feature["ws_code"] = field("ws_code")(outlet)
            feature["fixed"] = 1 if moved else int(field("fixed")(outlet) == 1)
            features.append(feature)
        target.dataProvider().truncate()
        target.dataProvider().addFeatures(features)
        target.updateExtents()
        target.triggerRepaint()
        self.outlets_combo.setLayer(target)
        self.delineate()

    # -- Step API --------------------------------------------------------------------------------------
    def _select_last_dem(self) -> None:
        source = settings.LAST_DEM_SOURCE.value()
        for layer in QgsProject.instance().mapLayers().values():
            if isinstance(layer, QgsRasterLayer) and source and layer.source() == source:
                self.dem_combo.setLayer(layer)
                return

    def plan_path_changed(self, path: str) -> None:
        """Show what the plan holds (reopening a project): the snapped outlets and the small watersheds, read
        only — nothing is written into the plan and no layer is added to the project."""
        self.show_outlets(None)
        self.divide_panel.result_model.load(None)
        self.choose_outlet_layer()
        if not path or (not path.startswith("postgres:") and not os.path.isfile(path)):
            return
        try:
            from sbplanner_plugin.adapters.plan_store import open_plan_store

            store = open_plan_store(path)  # read only: no ensure(), nothing is created or upgraded here
            held = set(store.layers())
            provider = getattr(store, "provider", "ogr")
            if SNAPPED_KEY in held:
                project_layer = layers.find_layer(SNAPPED_KEY)
                uri = store.layer_uri(SNAPPED_KEY)
                if project_layer is None or project_layer.source() != uri:
                    # a copy in memory: the table and the zoom keep it, while a GeoPackage layer outside the
                    # project, kept by the dock, is still open when QGIS exits and crashes it at exit
                    plan_layer = QgsVectorLayer(uri, SNAPPED_KEY, provider)
                    project_layer = plan_layer.materialize(QgsFeatureRequest()) if plan_layer.isValid() else None
                    del plan_layer
                self.show_outlets(project_layer)
            if "small_watersheds" in held:
                self.divide_panel.show_units(QgsVectorLayer(store.layer_uri("small_watersheds"), "", provider))
        except Exception:  # a slot must not raise; the plan is checked properly when a step runs
            LOGGER.exception("Could not read the step 1 results of plan %s", path)

    def project_cleared(self) -> None:
        self.show_outlets(None)
        self.divide_panel.result_model.load(None)
        self.run_panel.set_status("")
        self.divide_panel.run_panel.set_status("")

    def cleanup(self) -> None:
        self.run_panel.cleanup()
        self.divide_panel.cleanup()
        with contextlib.suppress(TypeError):
            QgsProject.instance().layersAdded.disconnect(self._layers_added)
        if self.canvas is not None:
            with contextlib.suppress(TypeError):
                self.canvas.mapToolSet.disconnect(self._map_tool_changed)
            for tool in (self.click_tool, self.drag_tool):
                if tool is not None and self.canvas.mapTool() is tool:
                    self.canvas.unsetMapTool(tool)
        for tool in (self.click_tool, self.drag_tool):
            if tool is not None:
                tool.deleteLater()
        self.click_tool = self.drag_tool = None
