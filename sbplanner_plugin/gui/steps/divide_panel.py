"""Step 1, part 2: divide a region into small watersheds (area range, admin sub-units) and list them."""

from __future__ import annotations

from qgis.gui import QgsCollapsibleGroupBox, QgsDoubleSpinBox, QgsFieldComboBox, QgsMapLayerComboBox
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from sbplanner_plugin import settings
from sbplanner_plugin.gui import layers
from sbplanner_plugin.gui.compat import layer_filter
from sbplanner_plugin.gui.models import Column, FeatureTableModel, field
from sbplanner_plugin.gui.run_panel import RunPanel
from sbplanner_plugin.gui.widgets import CopyableTableView

ALG_DIVIDE = "sbplanner:divide_small_watersheds"


class DividePanel(QgsCollapsibleGroupBox):
    """Inputs and results of ``sbplanner:divide_small_watersheds``; DEM and threshold come from the step."""

    def __init__(
        self, step, dem_combo: QgsMapLayerComboBox, threshold_spin: QgsDoubleSpinBox, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Divide into small watersheds"))
        self.step = step
        self.dem_combo = dem_combo
        self.threshold_spin = threshold_spin

        self.boundary_combo = QgsMapLayerComboBox()
        self.boundary_combo.setFilters(layer_filter("PolygonLayer"))
        self.boundary_combo.setAllowEmptyLayer(True)
        self.boundary_combo.setLayer(None)
        self.boundary_combo.setToolTip(
            self.tr("Optional: region to divide (e.g. the delineated watersheds or a county). Empty = whole DEM.")
        )
        self.admin_combo = QgsMapLayerComboBox()
        self.admin_combo.setFilters(layer_filter("PolygonLayer"))
        self.admin_combo.setAllowEmptyLayer(True)
        self.admin_combo.setLayer(None)
        self.admin_combo.setToolTip(self.tr("Optional: units crossing these boundaries are split into sub-units."))
        self.admin_field = QgsFieldComboBox()
        self.admin_field.setAllowEmptyFieldName(True)
        self.admin_field.setEnabled(False)
        self.max_spin = self._spin(settings.MAX_AREA_KM2.value(), 50.0)
        self.min_spin = self._spin(settings.MIN_AREA_KM2.value(), 1.0)
        self.min_spin.setToolTip(self.tr("Smaller residual areas are merged into a neighbour."))

        form = QFormLayout()
        form.addRow(self.tr("Boundary"), self.boundary_combo)
        form.addRow(self.tr("Admin units"), self.admin_combo)
        form.addRow(self.tr("Admin name field"), self.admin_field)
        form.addRow(self.tr("Largest unit"), self.max_spin)
        form.addRow(self.tr("Smallest unit"), self.min_spin)

        self.run_panel = RunPanel(self.tr("Divide"), self.tr("SBPlanner"), step.iface)
        self.result_model = FeatureTableModel(
            [
                Column(self.tr("Code"), field("ws_code")),
                Column(self.tr("Downstream"), field("downstream_code")),
                Column(self.tr("Area km²"), field("area_km2"), 2),
                Column(self.tr("Type"), self._unit_type_label),
                Column(self.tr("Admin"), field("admin_code")),
            ],
            self,
        )
        self.result_table = CopyableTableView()
        self.result_table.setModel(self.result_model)
        self.result_table.setMinimumHeight(120)
        self.result_table.setToolTip(self.tr("Click a header to sort; Ctrl+C copies the selected rows."))

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.run_panel)
        layout.addWidget(QLabel(self.tr("Small watersheds:")))
        layout.addWidget(self.result_table)

        self.admin_combo.layerChanged.connect(self._admin_changed)
        self.run_panel.runRequested.connect(self.divide)

    def _unit_type_label(self, feature) -> str | None:
        """Display label of the ``unit_type`` code; the GeoPackage keeps the English code."""
        code = field("unit_type")(feature)
        labels = {
            "headwater": self.tr("headwater"),
            "interbasin": self.tr("inter-basin"),
        }
        return labels.get(code, code)

    def _spin(self, value: float, default: float) -> QgsDoubleSpinBox:
        spin = QgsDoubleSpinBox()
        spin.setRange(0.01, 100000.0)
        spin.setDecimals(2)
        spin.setSuffix(" km²")
        spin.setValue(value)
        spin.setClearValue(default)
        return spin

    def _admin_changed(self, layer) -> None:
        self.admin_field.setLayer(layer)
        self.admin_field.setEnabled(layer is not None)

    def parameters(self) -> dict | None:
        dem = self.dem_combo.currentLayer()
        if dem is None:
            self.run_panel.set_status(self.tr("Choose a DEM raster layer."), error=True)
            return None
        if self.min_spin.value() >= self.max_spin.value():
            self.run_panel.set_status(self.tr("The smallest unit must be smaller than the largest unit."), error=True)
            return None
        admin = self.admin_combo.currentLayer()
        if admin is not None and not self.admin_field.currentField():
            self.run_panel.set_status(self.tr("Choose the name or code field of the admin layer."), error=True)
            return None
        store = self.step.dock.plan_store(self.run_panel)
        if store is None:
            return None
        boundary = self.boundary_combo.currentLayer()
        params = {
            "DEM": layers.algorithm_input(dem),
            "MAX_AREA_KM2": self.max_spin.value(),
            "MIN_AREA_KM2": self.min_spin.value(),
            "STREAM_THRESHOLD_KM2": self.threshold_spin.value(),
            "OUTPUT_WATERSHEDS": store.destination("small_watersheds"),
            "OUTPUT_STREAMS": store.destination("small_watershed_streams"),
        }
        if boundary is not None:
            params["BOUNDARY"] = layers.algorithm_input(boundary)
        if admin is not None:
            params["ADMIN"] = layers.algorithm_input(admin)
            params["ADMIN_FIELD"] = self.admin_field.currentField()
        return params

    def divide(self) -> None:
        params = self.parameters()
        if params is None:
            return
        settings.MAX_AREA_KM2.set_value(self.max_spin.value())
        settings.MIN_AREA_KM2.set_value(self.min_spin.value())
        self.run_panel.start(ALG_DIVIDE, params, self._divided)

    def _divided(self, results: dict) -> str:
        store = self.step.dock.current_store
        loaded = layers.load_plan_layers(
            [
                ("small_watersheds", store.layer_uri("small_watersheds"), self.tr("Small watersheds")),
                (
                    "small_watershed_streams",
                    store.layer_uri("small_watershed_streams"),
                    self.tr("Small watershed streams"),
                ),
            ],
            self.step.group_key,
            self.step.group_name(),
            provider=getattr(store, "provider", "ogr"),
        )
        self.show_units(loaded.get("small_watersheds"))
        return self.tr("{0} small watershed(s) saved in the plan.").format(self.result_model.rowCount())

    def show_units(self, layer) -> None:
        """List the small watersheds of ``layer`` (the project's layer after a run, the plan's on reopening)."""
        self.result_model.load(layer)
        self.result_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    def cleanup(self) -> None:
        self.run_panel.cleanup()
