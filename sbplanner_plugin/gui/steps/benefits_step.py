"""Step 5 of the dock (排序与效益): urgency ranking of the small watersheds, sloping-farmland priority, benefits.

The step gathers the inputs and runs, in the background, ``sbplanner:urgency_ranking`` (indicators and weights
from the editor: the table as the algorithm's INDICATORS file, fields added as EXTRA_INDICATORS, an AHP matrix
as AHP_MATRIX), ``sbplanner:slope_farmland_priority`` and ``sbplanner:evaluate_benefits`` into the plan; every
number shown comes from those algorithms (the AHP weights and CR shown while editing come from
``core.ranking``, as in the run). A matrix with CR ≥ 0.10 is not used by the algorithm: the panel says so
before and after the run.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from qgis.core import Qgis, QgsFeatureRequest, QgsProject, QgsVectorLayer
from qgis.gui import QgsCollapsibleGroupBox, QgsFieldComboBox, QgsMapLayerComboBox, QgsSpinBox
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sbplanner_plugin.adapters import plan_store_common as names
from sbplanner_plugin.core import ranking
from sbplanner_plugin.gui import layers
from sbplanner_plugin.gui import measure_editor as editor
from sbplanner_plugin.gui.benefit_chart import BenefitChart
from sbplanner_plugin.gui.compat import layer_filter
from sbplanner_plugin.gui.indicator_editor import AHP, IndicatorEditor, chinese_ui
from sbplanner_plugin.gui.models import Column, FeatureTableModel, field
from sbplanner_plugin.gui.parcel_table import SelectionLink
from sbplanner_plugin.gui.run_panel import RunPanel
from sbplanner_plugin.gui.steps.base import Step, register_step
from sbplanner_plugin.gui.steps.watersheds_step import double_spin
from sbplanner_plugin.gui.widgets import CopyableTableView

LOGGER = logging.getLogger(__name__)

ALG_URGENCY = "sbplanner:urgency_ranking"
ALG_PRIORITY = "sbplanner:slope_farmland_priority"
ALG_BENEFITS = "sbplanner:evaluate_benefits"
GROUP_KEY = "ranking"
URGENCY_KEY, URGENCY_TABLE_KEY = "ws_urgency", "ws_urgency_table"
#: The plan layers of a ranking of 行政村 (urgency_ranking RANK_UNITS = 1); the small watersheds' ranking stays.
VILLAGE_URGENCY_KEY, VILLAGE_URGENCY_TABLE_KEY = "vil_urgency", "vil_urgency_table"
#: Unit kinds of the ranking (the RANK_UNITS enum of urgency_ranking).
UNIT_WATERSHEDS, UNIT_VILLAGES = 0, 1
PRIORITY_KEY = "farmland_priority"
SMALL_WS_KEY, PARCELS_KEY = names.SMALL_WATERSHEDS, names.PARCELS
CLASS_COLOURS = {1: (239, 154, 154), 2: (255, 204, 128), 3: (255, 245, 157), 4: (200, 230, 201)}
#: chart metrics: key → (field now, field after the plan, target field or None)
METRICS = {
    "soil_loss": ("soil_loss_current_t_a", "soil_loss_planned_t_a", None),
    "swc_rate": ("swc_rate_current_pct", "swc_rate_planned_pct", "swc_target_pct"),
    "eroded": ("eroded_area_current_km2", "eroded_area_planned_km2", None),
    "modulus": ("mean_modulus_current_t_km2_a", "mean_modulus_planned_t_km2_a", None),
}


@register_step
class BenefitsStep(Step):
    """Urgency ranking (indicators, weights, AHP), sloping-farmland priority and the benefits of the plan."""

    number, key = 5, "benefits"

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("BenefitsStep", "Ranking and benefits")

    @classmethod
    def guide_text(cls) -> str:
        return QCoreApplication.translate(
            "BenefitsStep",
            "Ranks the small watersheds by treatment urgency (indicators and weights, optionally AHP), sets "
            "the priority of sloping cropland for terracing and computes the benefits of the plan (water and "
            "soil retained, economic benefits)."
        )  # fmt: skip

    @classmethod
    def guide_standards(cls) -> str:
        return QCoreApplication.translate(
            "BenefitsStep",
            "GB/T 15774-2008 (calculation of the benefits of comprehensive control); the urgency weights are "
            "SBPlanner proposals (no official formula exists)."
        )  # fmt: skip

    def group_name(self) -> str:
        return self.tr("SBPlanner – 5 Ranking and benefits")

    def __init__(self, dock, parent=None) -> None:
        super().__init__(dock, parent)
        self._temp_dir: Path | None = None
        self._region_synced = False
        self.benefit_rows: list[dict] = []
        # the last comparison: whole-area rows, per-watershed rows, and the rows shown (table, chart, maps)
        self.compare_whole_rows: list[dict] = []
        self.compare_ws_rows: list[dict] = []
        self.compare_rows: list[dict] = []

        # -- scenario comparison (the scenario itself is chosen in the dock's scenario row) -----------------
        self.compare_note = QLabel(
            self.tr(
                "The ranking and the benefits are those of the scenario chosen at the top of the panel. Evaluate each scenario's benefits, then compare them here."  # noqa: E501
            )
        )
        self.compare_note.setWordWrap(True)
        self.compare_run = RunPanel(self.tr("Compare scenarios"), self.tr("SBPlanner"), self.iface)
        self.compare_unit = QComboBox()
        self.compare_unit.setToolTip(self.tr("Compare the whole area or one small watershed"))
        self.compare_unit.setVisible(False)
        self.compare_table = QTableWidget(0, len(COMPARE_COLUMNS))
        self.compare_table.setHorizontalHeaderLabels([self.compare_header(c) for c in COMPARE_COLUMNS])
        self.compare_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.compare_table.setMinimumHeight(120)
        self.compare_table.setVisible(False)
        self.compare_metric = QComboBox()
        self.compare_metric.addItem(self.tr("Soil loss (t/a): now and planned"), "soil_loss")
        self.compare_metric.addItem(self.tr("SWC rate (%): now and planned"), "swc_rate")
        self.compare_chart = BenefitChart()
        self.compare_chart.setToolTip(
            self.tr("Per scenario: the whole area now (left bar) and with its measures (right bar)")
        )
        self.maps_button = QPushButton(self.tr("Before / after maps (one classification)"))
        self.maps_button.setToolTip(
            self.tr("Soil-loss modulus of the parcels now and after each compared scenario, all classed by the SL 190-2007 erosion intensity classes")  # noqa: E501
        )
        for widget in (self.compare_metric, self.compare_chart, self.maps_button):
            widget.setVisible(False)
        compare_box = QgsCollapsibleGroupBox(self.tr("Scenario comparison"))
        compare_layout = QVBoxLayout(compare_box)
        compare_layout.addWidget(self.compare_note)
        compare_layout.addWidget(self.compare_run)
        compare_layout.addWidget(self.compare_unit)
        compare_layout.addWidget(self.compare_table)
        compare_layout.addWidget(self.compare_metric)
        compare_layout.addWidget(self.compare_chart)
        compare_layout.addWidget(self.maps_button)

        # -- inputs -------------------------------------------------------------------------------------------
        self.ws_combo = QgsMapLayerComboBox()
        self.ws_combo.setFilters(layer_filter("PolygonLayer"))
        self.ws_combo.setToolTip(self.tr("The small watersheds of step 1 (with ws_code)"))
        self.parcels_combo = QgsMapLayerComboBox()
        self.parcels_combo.setFilters(layer_filter("PolygonLayer"))
        self.parcels_combo.setToolTip(self.tr("The analysed parcels of step 2 (parcels)"))
        self.region_combo = QComboBox()
        from sbplanner_plugin.processing.base import erosion_region_options

        for text in erosion_region_options():
            self.region_combo.addItem(text)
        self.region_combo.setToolTip(self.tr("The erosion type region of step 2 (allowable soil loss)"))
        inputs = QFormLayout()
        inputs.addRow(self.tr("Small watersheds"), self.ws_combo)
        inputs.addRow(self.tr("Analysed parcels"), self.parcels_combo)
        inputs.addRow(self.tr("Erosion region"), self.region_combo)
        inputs_box = QGroupBox(self.tr("Inputs"))
        inputs_box.setLayout(inputs)

        # -- 1 urgency --------------------------------------------------------------------------------------------
        self.indicators = IndicatorEditor(ranking.URGENCY_TABLE, ranking.URGENCY_COMPUTED)
        self.unit_combo = QComboBox()
        self.unit_combo.addItem(self.tr("Small watersheds"), UNIT_WATERSHEDS)
        self.unit_combo.addItem(self.tr("Villages"), UNIT_VILLAGES)
        self.unit_combo.setToolTip(
            self.tr("Rank the small watersheds of step 1, or the administrative villages of a village polygon layer (an implementation plan per village)")  # noqa: E501
        )
        self.villages_combo = self._optional_layer(
            "PolygonLayer", self.tr("The administrative-village polygons to rank (e.g. the county's village boundaries)")  # noqa: E501
        )
        self.village_field = QgsFieldComboBox()
        self.village_field.setToolTip(self.tr("The village code or name field"))
        self.village_population = QgsFieldComboBox()
        self.village_population.setAllowEmptyFieldName(True)
        self.village_population.setToolTip(self.tr("Optional: population of each village (persons)"))
        village_form = QFormLayout()
        village_form.setContentsMargins(0, 0, 0, 0)
        village_form.addRow(self.tr("Village polygons"), self.villages_combo)
        village_form.addRow(self.tr("Village field"), self.village_field)
        village_form.addRow(self.tr("Village population"), self.village_population)
        self.village_box = QWidget()
        self.village_box.setLayout(village_form)
        self.village_box.setVisible(False)
        self.class_combo = QComboBox()
        self.class_combo.addItem(self.tr("Natural breaks (Jenks)"), 0)
        self.class_combo.addItem(self.tr("Quartiles"), 1)
        self.draws_spin = QgsSpinBox()
        self.draws_spin.setRange(0, 100000)
        self.draws_spin.setValue(1000)
        self.draws_spin.setClearValue(1000)
        self.draws_spin.setToolTip(
            self.tr("Monte Carlo draws for the rank stability (every weight ×U(0.8, 1.2)); 0 = none")
        )
        self.population_field = QgsFieldComboBox()
        self.population_field.setAllowEmptyFieldName(True)
        self.population_field.setToolTip(self.tr("Optional: population of each small watershed (persons)"))
        self.population_raster = self._optional_layer(
            "RasterLayer", self.tr("Optional: a population density raster (persons/km²), averaged over each unit")
        )
        self.gullies_combo = self._optional_layer(
            "LineLayer",
            self.tr("Optional: surveyed gully lines (gully density); without them the drainage density of step 1"),
        )
        self.protected_combo = self._optional_layer(
            "VectorLayer", self.tr("Optional: protected objects (villages, reservoirs, key river reaches)")
        )
        self.water_source_combo = self._optional_layer(
            "PolygonLayer", self.tr("Optional: drinking-water source areas (very urgent whatever the score)")
        )
        self.key_areas_combo = self._optional_layer(
            "PolygonLayer", self.tr("Optional: key prevention / treatment area polygons and their kind field")
        )
        self.key_kind_field = QgsFieldComboBox()
        self.key_kind_field.setToolTip(self.tr("The kind field of the key prevention / treatment areas (e.g. national key treatment area)"))  # noqa: E501
        self.key_kind_field.setEnabled(False)
        urgency_form = QFormLayout()
        urgency_form.addRow(self.tr("Rank"), self.unit_combo)
        urgency_form.addRow(self.village_box)
        urgency_form.addRow(self.tr("Classes"), self.class_combo)
        urgency_form.addRow(self.tr("Stability draws"), self.draws_spin)
        urgency_form.addRow(self.tr("Population field"), self.population_field)
        urgency_form.addRow(self.tr("Population raster"), self.population_raster)
        urgency_form.addRow(self.tr("Gully lines"), self.gullies_combo)
        urgency_form.addRow(self.tr("Protected objects"), self.protected_combo)
        urgency_form.addRow(self.tr("Water-source areas"), self.water_source_combo)
        urgency_form.addRow(self.tr("Key prevention/treatment areas"), self.key_areas_combo)
        urgency_form.addRow(self.tr("Kind field"), self.key_kind_field)
        self.urgency_run = RunPanel(self.tr("Rank the small watersheds"), self.tr("SBPlanner"), self.iface)
        self.urgency_summary = QLabel(self.not_ranked_text())
        self.urgency_summary.setWordWrap(True)
        self.urgency_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = CopyableTableView()
        self.table.setMinimumHeight(160)
        self.table.setToolTip(self.tr("Select rows to select the small watersheds on the map; Ctrl+C copies"))
        self.model = FeatureTableModel(self.urgency_columns())
        self.table.setModel(self.model)
        canvas = self.iface.mapCanvas() if self.iface is not None else None
        self.link = SelectionLink(self.table, self, canvas)
        urgency_box = QgsCollapsibleGroupBox(self.tr("1 Urgency of the small watersheds"))
        urgency_layout = QVBoxLayout(urgency_box)
        urgency_layout.addWidget(self.indicators)
        urgency_layout.addLayout(urgency_form)
        urgency_layout.addWidget(self.urgency_run)
        urgency_layout.addWidget(self.urgency_summary)
        urgency_layout.addWidget(self.table)

        # -- 2 sloping farmland ---------------------------------------------------------------------------------
        defaults = self._ranking_defaults()
        self.budget_spin = double_spin(0, 1e7, 2, 0.0, " hm²")
        self.budget_spin.setSpecialValueText(self.tr("no budget"))
        self.budget_spin.setToolTip(self.tr("Area of the terracing programme; 0 = every eligible parcel"))
        self.min_block_spin = double_spin(0, 1e6, 2, defaults.get("farmland_min_block_ha", 2.0), " hm²")
        self.min_block_spin.setToolTip(self.tr("Smallest contiguous block whose parcels may be selected"))
        self.priority_indicators = IndicatorEditor(ranking.PRIORITY_TABLE, ranking.PRIORITY_COMPUTED)
        self.near_village_combo = self._optional_layer(
            "VectorLayer", self.tr("Optional: villages / settlements (near villages: distance to the nearest)")
        )
        self.near_road_combo = self._optional_layer("VectorLayer", self.tr("Optional: roads (near roads)"))
        self.near_water_combo = self._optional_layer(
            "VectorLayer", self.tr("Optional: rivers, ponds, reservoirs (near water)")
        )
        self.soil_depth_field = QgsFieldComboBox()
        self.soil_depth_field.setAllowEmptyFieldName(True)
        self.soil_depth_field.setToolTip(self.tr("Optional: the parcels' soil depth field (m)"))
        farmland_form = QFormLayout()
        farmland_form.addRow(self.tr("Area budget"), self.budget_spin)
        farmland_form.addRow(self.tr("Minimum block"), self.min_block_spin)
        farmland_form.addRow(self.tr("Villages"), self.near_village_combo)
        farmland_form.addRow(self.tr("Roads"), self.near_road_combo)
        farmland_form.addRow(self.tr("Water"), self.near_water_combo)
        farmland_form.addRow(self.tr("Soil depth field"), self.soil_depth_field)
        self.priority_run = RunPanel(self.tr("Prioritise sloping farmland"), self.tr("SBPlanner"), self.iface)
        self.priority_summary = QLabel()
        self.priority_summary.setWordWrap(True)
        self.priority_table = CopyableTableView()
        self.priority_table.setMinimumHeight(140)
        self.priority_table.setToolTip(
            self.tr("Candidate parcels by small watershed and rank; select rows to select them on the map; Ctrl+C copies")  # noqa: E501
        )
        self.priority_model = FeatureTableModel(self.priority_columns())
        self.priority_model.highlight = _selected_colour
        self.priority_table.setModel(self.priority_model)
        self.priority_table.setVisible(False)
        self.priority_link = SelectionLink(self.priority_table, self, canvas)
        farmland_box = QgsCollapsibleGroupBox(self.tr("2 Sloping farmland priority"))
        farmland_layout = QVBoxLayout(farmland_box)
        farmland_layout.addWidget(self.priority_indicators)
        farmland_layout.addLayout(farmland_form)
        farmland_layout.addWidget(self.priority_run)
        farmland_layout.addWidget(self.priority_summary)
        farmland_layout.addWidget(self.priority_table)

        # -- 3 benefits -------------------------------------------------------------------------------------------
        self.measures_combo = QgsMapLayerComboBox()
        self.measures_combo.setFilters(layer_filter("PolygonLayer"))
        self.measures_combo.setToolTip(self.tr("The parcels with measures of step 3 (parcels_measures)"))
        self.years_spin = QgsSpinBox()
        self.years_spin.setRange(1, 200)
        self.years_spin.setValue(20)
        self.years_spin.setClearValue(20)
        self.years_spin.setSuffix(self.tr(" years"))
        self.years_spin.setToolTip(self.tr("Evaluation period (GB/T 15774-2008: generally 20–30 years)"))
        self.discount_spin = double_spin(-1, 100, 2, -1, " %")
        self.discount_spin.setSpecialValueText(self.tr("benefit_prices.csv"))
        self.discount_spin.setToolTip(
            self.tr("Discount rate of the economic evaluation; lowest = the value of benefit_prices.csv")
        )
        self.target_combo = QComboBox()
        self.target_combo.setToolTip(self.tr("SWC rate target (swc_targets.csv) the plan is compared with"))
        self._fill_targets()
        benefits_form = QFormLayout()
        benefits_form.addRow(self.tr("Parcels with measures"), self.measures_combo)
        benefits_form.addRow(self.tr("Evaluation period"), self.years_spin)
        benefits_form.addRow(self.tr("Discount rate"), self.discount_spin)
        benefits_form.addRow(self.tr("SWC rate target"), self.target_combo)
        self.benefits_run = RunPanel(self.tr("Evaluate benefits"), self.tr("SBPlanner"), self.iface)
        self.benefits_summary = QLabel()
        self.benefits_summary.setWordWrap(True)
        self.benefits_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.metric_combo = QComboBox()
        self.metric_combo.addItem(self.tr("Soil loss (t/a)"), "soil_loss")
        self.metric_combo.addItem(self.tr("SWC rate (%)"), "swc_rate")
        self.metric_combo.addItem(self.tr("Eroded area (km²)"), "eroded")
        self.metric_combo.addItem(self.tr("Mean erosion modulus (t/(km²·a))"), "modulus")
        self.chart = BenefitChart()
        self.chart.setToolTip(
            self.tr("Now and after the plan, per small watershed and for the whole area (benefit_ws)")
        )
        benefits_box = QgsCollapsibleGroupBox(self.tr("3 Benefits"))
        benefits_layout = QVBoxLayout(benefits_box)
        benefits_layout.addLayout(benefits_form)
        benefits_layout.addWidget(self.benefits_run)
        benefits_layout.addWidget(self.benefits_summary)
        benefits_layout.addWidget(self.metric_combo)
        benefits_layout.addWidget(self.chart)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (inputs_box, urgency_box, farmland_box, benefits_box, compare_box):
            layout.addWidget(widget)
        layout.addStretch(1)

        self.ws_combo.layerChanged.connect(self._watersheds_changed)
        self.parcels_combo.layerChanged.connect(self._parcels_changed)
        self.priority_run.runFinished.connect(self._urgency_finished)
        self.unit_combo.currentIndexChanged.connect(self._units_changed)
        self.villages_combo.layerChanged.connect(self._villages_changed)
        self.key_areas_combo.layerChanged.connect(self._key_areas_changed)
        self.urgency_run.runRequested.connect(self.rank)
        self.urgency_run.runFinished.connect(self._urgency_finished)
        self.priority_run.runRequested.connect(self.prioritise)
        self.benefits_run.runRequested.connect(self.evaluate)
        self.compare_run.runRequested.connect(self.compare)
        self.compare_metric.currentIndexChanged.connect(self.refresh_compare_chart)
        self.maps_button.clicked.connect(self.show_maps)
        self.compare_unit.currentIndexChanged.connect(self.show_compare_unit)
        self.metric_combo.currentIndexChanged.connect(self.refresh_chart)
        self._preselect()

    # -- inputs ---------------------------------------------------------------------------------------------------
    def _optional_layer(self, kind: str, tooltip: str) -> QgsMapLayerComboBox:
        combo = QgsMapLayerComboBox()
        combo.setFilters(layer_filter(kind))
        combo.setAllowEmptyLayer(True)
        combo.setLayer(None)
        combo.setToolTip(tooltip)
        return combo

    @staticmethod
    def _ranking_defaults() -> dict[str, float]:
        from sbplanner_plugin.adapters.param_files import load_ranking_params

        try:
            return load_ranking_params()
        except Exception:  # the run reports the table's problem
            LOGGER.exception("ranking_params.csv")
            return {}

    def _fill_targets(self) -> None:
        from sbplanner_plugin.adapters.param_files import load_benefit_tables

        self.target_combo.clear()
        self.target_combo.addItem(self.tr("none"), "")
        try:
            targets = load_benefit_tables().targets
        except Exception:  # the run reports the table's problem
            LOGGER.exception("benefit tables")
            targets = {}
        zh = chinese_ui()
        for target_id, t in targets.items():
            region = t.region_zh if zh else t.region_en
            self.target_combo.addItem(f"{target_id}  {region} {t.target_year}: {t.swc_rate_pct:g} %", target_id)
        self.target_combo.setCurrentIndex(max(self.target_combo.findData("CN-2025"), 0))

    def store(self):
        """The plan store to read (not created when missing), or None."""
        if self.dock.current_store is not None:
            return self.dock.current_store
        path = self.dock.plan_path()
        if not path:
            return None
        from sbplanner_plugin.adapters import plan_store

        try:
            store = plan_store.open_plan_store(path)
            store.layers()
        except Exception:
            return None
        return store

    def _plan_layer(self, key: str, label: str, step_key: str):
        """The project layer tagged ``key``, else the plan's layer loaded into the group of its step; None when
        the plan has none."""
        found = layers.find_layer(key)
        if found is not None:
            return found
        store = self.store()
        try:
            if store is None or key not in store.layers():
                return None
        except Exception:
            return None
        step = next((s for s in self.dock.steps if s.key == step_key), None)
        group = step.group_name() if step is not None and hasattr(step, "group_name") else self.group_name()
        loaded = layers.load_plan_layers([(key, store.layer_uri(key), label)], step_key, group,
                                         provider=getattr(store, "provider", "ogr"))  # fmt: skip
        return loaded.get(key)

    def _preselect(self) -> None:
        for combo, key, label, step_key in (
            (self.ws_combo, SMALL_WS_KEY, self.tr("Small watersheds"), "watersheds"),
            (self.parcels_combo, PARCELS_KEY, self.tr("Parcels"), "parcels"),
            (self.measures_combo, editor.MEASURES_KEY, self.tr("Parcels with measures"), "measures"),
        ):
            layer = self._plan_layer(key, label, step_key)
            if layer is not None:
                combo.setLayer(layer)
        self._watersheds_changed(self.ws_combo.currentLayer())

    def _watersheds_changed(self, layer) -> None:
        if not self.ranks_villages():
            self.indicators.set_layer(layer)
        self.population_field.setLayer(layer)
        self.population_field.setField("")

    def _parcels_changed(self, layer) -> None:
        self.priority_indicators.set_layer(layer)
        self.soil_depth_field.setLayer(layer)
        self.soil_depth_field.setField("")

    def ranks_villages(self) -> bool:
        return self.unit_combo.currentData() == UNIT_VILLAGES

    def urgency_key(self) -> str:
        """The plan layer of the ranking chosen (ws_urgency or vil_urgency)."""
        return VILLAGE_URGENCY_KEY if self.ranks_villages() else URGENCY_KEY

    def _units_changed(self, *_args) -> None:
        village = self.ranks_villages()
        self.village_box.setVisible(village)
        self.population_field.setEnabled(not village)
        self.indicators.set_layer(self.villages_combo.currentLayer() if village else self.ws_combo.currentLayer())
        self.load_results()

    def _villages_changed(self, layer) -> None:
        self.village_field.setLayer(layer)
        self.village_population.setLayer(layer)
        self.village_population.setField("")
        names_ = layer.fields().names() if layer is not None else []
        guess = next((n for n in names_ if n.lower() in ("village_code", "cdm", "zldwdm", "code", "name", "cmc")), "")
        self.village_field.setField(guess or (names_[0] if names_ else ""))
        if self.ranks_villages():
            self.indicators.set_layer(layer)

    def _key_areas_changed(self, layer) -> None:
        self.key_kind_field.setLayer(layer)
        self.key_kind_field.setEnabled(layer is not None)

    def _sync_region(self) -> None:
        """Once: the erosion region chosen in step 2 (the benefits refuse another one)."""
        if self._region_synced:
            return
        self._region_synced = True
        parcels_step = next((s for s in self.dock.steps if s.key == "parcels"), None)
        combo = getattr(parcels_step, "region_combo", None)
        if combo is not None and 0 <= combo.currentIndex() < self.region_combo.count():
            self.region_combo.setCurrentIndex(combo.currentIndex())

    def showEvent(self, event) -> None:
        tagged = {
            SMALL_WS_KEY: self.ws_combo,
            PARCELS_KEY: self.parcels_combo,
            editor.MEASURES_KEY: self.measures_combo,
        }
        if any(c.currentLayer() is None or (layers.find_layer(k) not in (None, c.currentLayer()))
               for k, c in tagged.items()):  # fmt: skip
            self._preselect()
        self._sync_region()
        if self.model.rowCount() == 0 and not self.benefit_rows:
            self.load_results()
        super().showEvent(event)

    # -- 1 urgency ---------------------------------------------------------------------------------------------------
    def _check_inputs(self, panel: RunPanel, need_ws: bool = True) -> bool:
        """The step-1/2 inputs are there; else the status says which step to run first."""
        ws, parcels = self.ws_combo.currentLayer(), self.parcels_combo.currentLayer()
        if need_ws and self.ranks_villages():
            need_ws = False
            if self.villages_combo.currentLayer() is None or not self.village_field.currentField():
                panel.set_status(self.tr("Choose the village polygons and their code or name field."), error=True)
                return False
        if need_ws and ws is None:
            panel.set_status(
                self.tr("No small watersheds: run step 1 (Divide into small watersheds) first, or choose the layer."),
                error=True,
            )
            return False
        if need_ws and "ws_code" not in ws.fields().names():
            panel.set_status(
                self.tr("The layer {0} has no ws_code: choose the small watersheds of step 1.").format(ws.name()),
                error=True,
            )
            return False
        if parcels is None:
            panel.set_status(
                self.tr("No analysed parcels: run step 2 (Parcels and erosion) first, or choose the layer."), error=True
            )
            return False
        if "erosion_class" not in parcels.fields().names() and "erosion_class_id" not in parcels.fields().names():
            panel.set_status(
                self.tr("The layer {0} is not analysed: choose the parcels of step 2 (Analyse parcels).").format(
                    parcels.name()
                ),
                error=True,
            )
            return False
        return True

    def _temp_file(self, name: str, text: str) -> str:
        if self._temp_dir is None:
            self._temp_dir = Path(tempfile.mkdtemp(prefix="sbplanner-ranking-"))
        path = self._temp_dir / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    def _drop_temp(self) -> None:
        if self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)
            self._temp_dir = None

    def urgency_parameters(self, store) -> dict:
        village = self.ranks_villages()
        params = {
            "RANK_UNITS": self.unit_combo.currentData(),
            "PARCELS": layers.algorithm_input(self.parcels_combo.currentLayer()),
            "INDICATORS": self._temp_file(ranking.URGENCY_TABLE, self.indicators.table_csv()),
            "EROSION_REGION": self.region_combo.currentIndex(),
            "CLASS_METHOD": self.class_combo.currentData(),
            "DRAWS": self.draws_spin.value(),
            "OUTPUT_WATERSHEDS": store.destination(VILLAGE_URGENCY_KEY if village else URGENCY_KEY),
            "OUTPUT_TABLE": store.destination(VILLAGE_URGENCY_TABLE_KEY if village else URGENCY_TABLE_KEY),
        }
        if village:
            params["VILLAGES"] = layers.algorithm_input(self.villages_combo.currentLayer())
            params["VILLAGE_NAME_FIELD"] = self.village_field.currentField()
            if self.village_population.currentField():
                params["VILLAGE_POPULATION_FIELD"] = self.village_population.currentField()
        else:
            params["WATERSHEDS"] = layers.algorithm_input(self.ws_combo.currentLayer())
        if self.key_areas_combo.currentLayer() is not None:
            params["KEY_AREAS"] = layers.algorithm_input(self.key_areas_combo.currentLayer())
            params["KEY_AREA_KIND_FIELD"] = self.key_kind_field.currentField()
        extra = self.indicators.extra_text()
        if extra:
            params["EXTRA_INDICATORS"] = extra
        if self.indicators.mode() == AHP:
            params["AHP_MATRIX"] = self._temp_file("ahp_matrix.csv", self.indicators.matrix_csv())
        if not village and self.population_field.currentField():
            params["POPULATION_FIELD"] = self.population_field.currentField()
        for key, combo in (("GULLIES", self.gullies_combo), ("PROTECTED", self.protected_combo),
                           ("WATER_SOURCE", self.water_source_combo),
                           ("POPULATION_RASTER", self.population_raster)):  # fmt: skip
            if combo.currentLayer() is not None:
                params[key] = layers.algorithm_input(combo.currentLayer())
        return params

    def rank(self) -> None:
        """Run the urgency ranking into the plan (in the background)."""
        panel = self.urgency_run
        if panel.busy or not self._check_inputs(panel):
            return
        if self.key_areas_combo.currentLayer() is not None and not self.key_kind_field.currentField():
            panel.set_status(
                self.tr("Choose the kind field of the key prevention / treatment area layer (e.g. national key treatment area)."), error=True  # noqa: E501
            )
            return
        problems = self.indicators.problems()
        if problems:
            panel.set_status(" ".join(problems), error=True)
            return
        if self.indicators.mode() == AHP and self.indicators.ahp_error:
            panel.set_status(self.indicators.ahp_error, error=True)
            return
        store = self.dock.plan_store(panel)
        if store is None:
            return
        self._release((self.urgency_key(),))
        try:
            params = self.urgency_parameters(store)
        except Exception as exc:
            LOGGER.exception("Step 5 parameters")
            panel.set_status(str(exc), error=True)
            return
        if not panel.start(ALG_URGENCY, params, self._urgency_done):
            self._drop_temp()

    def _urgency_done(self, results: dict) -> str:
        self.load_results()
        n = int(results.get("UNITS") or 0)
        if self.ranks_villages():
            text = self.tr("{0} villages ranked into the plan (vil_urgency).").format(n)
        else:
            text = self.tr("{0} small watersheds ranked into the plan (ws_urgency).").format(n)
        top = self.top_unit()
        if top is not None:
            text += " " + self.tr("Most urgent: {0} (score {1}).").format(*top)
        cr = results.get("AHP_CR")
        if self.indicators.mode() == AHP and cr is not None:
            if cr < self.indicators.cr_max:
                text += " " + self.tr("AHP weights used (CR {0:.3f}).").format(cr)
            else:
                warning = self.tr(
                    "The AHP matrix was NOT used (CR {0:.3f} ≥ {1:.2f}): the table's direct weights were."
                ).format(cr, self.indicators.cr_max)
                text += " " + warning
                self.urgency_run.push_message(warning, Qgis.MessageLevel.Warning)
        return text

    def _urgency_finished(self, _ok: bool) -> None:
        if not (self.urgency_run.busy or self.priority_run.busy):  # the two runs share the temporary folder
            self._drop_temp()

    def not_ranked_text(self) -> str:
        return self.tr("Not ranked yet: choose the indicators and weights, then rank.")

    def top_unit(self) -> tuple[str, str] | None:
        layer = layers.find_layer(self.urgency_key())
        if layer is None:
            return None
        best = None
        for f in layer.getFeatures(QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)):
            rank = field("urgency_rank")(f)
            if rank is not None and (best is None or rank < best[0]):
                score = field("urgency_score")(f)
                best = (rank, str(_unit_code(f)), "—" if score is None else f"{score:.1f}")
        return None if best is None else (best[1], best[2])

    def urgency_columns(self) -> list[Column]:
        c = Column
        return [
            c(self.tr("Rank"), field("urgency_rank")), c(self.tr("Unit"), _unit_code),
            c(self.tr("Score"), field("urgency_score"), 1), c(self.tr("Class"), _class_text),
            c(self.tr("Rank stability"), field("rank_stability"), 2), c(self.tr("Flags"), field("urgency_flags")),
        ]  # fmt: skip

    def show_table(self) -> None:
        layer = layers.find_layer(self.urgency_key())
        self.link.set_layer(layer)
        self.model.highlight = _class_colour
        self.model.load(layer)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    def select_rows_of(self, fids) -> None:
        """Map → table: select the rows of ``fids``."""
        self.link.select_rows(set(fids))

    # -- 2 sloping farmland ------------------------------------------------------------------------------------------
    def prioritise(self) -> None:
        panel = self.priority_run
        if panel.busy or not self._check_inputs(panel, need_ws=False):
            return
        store = self.dock.plan_store(panel)
        if store is None:
            return
        editor_ = self.priority_indicators
        problems = editor_.problems()
        if problems:
            panel.set_status(" ".join(problems), error=True)
            return
        if editor_.mode() == AHP and editor_.ahp_error:
            panel.set_status(editor_.ahp_error, error=True)
            return
        self._release((PRIORITY_KEY,))
        params = {
            "PARCELS": layers.algorithm_input(self.parcels_combo.currentLayer()),
            "INDICATORS": self._temp_file(ranking.PRIORITY_TABLE, editor_.table_csv()),
            "AREA_BUDGET_HA": self.budget_spin.value(),
            "MIN_BLOCK_HA": self.min_block_spin.value(),
            "OUTPUT_PARCELS": store.destination(PRIORITY_KEY),
        }
        if editor_.extra_text():
            params["EXTRA_INDICATORS"] = editor_.extra_text()
        if editor_.mode() == AHP:
            params["AHP_MATRIX"] = self._temp_file("priority_ahp_matrix.csv", editor_.matrix_csv())
        for key, combo in (("VILLAGES", self.near_village_combo), ("ROADS", self.near_road_combo),
                           ("WATER", self.near_water_combo)):  # fmt: skip
            if combo.currentLayer() is not None:
                params[key] = layers.algorithm_input(combo.currentLayer())
        if self.soil_depth_field.currentField():
            params["SOIL_DEPTH_FIELD"] = self.soil_depth_field.currentField()
        if not panel.start(ALG_PRIORITY, params, self._priority_done):
            self._urgency_finished(False)

    def _priority_done(self, results: dict) -> str:
        self.load_results()
        text = self.tr("{0} candidate parcels in {1} contiguous blocks; {2} selected, {3:,.2f} hm².").format(
            int(results.get("CANDIDATES") or 0), int(results.get("BLOCKS") or 0), int(results.get("SELECTED") or 0),
            float(results.get("SELECTED_AREA_HA") or 0),
        )  # fmt: skip
        self.priority_summary.setText(text)
        return text

    def priority_columns(self) -> list[Column]:
        c = Column
        return [
            c(self.tr("Watershed"), field("ws_code")), c(self.tr("Rank"), field("priority_rank")),
            c(self.tr("Parcel"), field("parcel_id")), c(self.tr("Score"), field("priority_score"), 1),
            c(self.tr("Slope (°)"), field("slope_mean_deg"), 1), c(self.tr("Area (hm²)"), field("area_ha"), 2),
            c(self.tr("Block (hm²)"), field("block_area_ha"), 2), c(self.tr("Selected"), self._selected_text),
        ]  # fmt: skip

    def _selected_text(self, feature) -> str:
        return self.tr("yes") if field("selected")(feature) else ""

    def show_priority_table(self) -> None:
        layer = layers.find_layer(PRIORITY_KEY)
        self.priority_link.set_layer(layer)
        self.priority_model.load(layer)
        self.priority_table.setVisible(self.priority_model.rowCount() > 0)
        self.priority_table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.priority_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    def priority_text(self) -> str:
        """Selected parcels and their area, read from the plan's farmland_priority layer."""
        layer = layers.find_layer(PRIORITY_KEY)
        if layer is None:
            return ""
        count, area, total = 0, 0.0, 0
        for f in layer.getFeatures(QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)):
            total += 1
            if field("selected")(f):
                count += 1
                area += _number(field("area_ha")(f))
        return self.tr("{0} of {1} candidate parcels selected, {2:,.2f} hm².").format(count, total, area)

    # -- 3 benefits ----------------------------------------------------------------------------------------------------
    def evaluate(self) -> None:
        panel = self.benefits_run
        if panel.busy:
            return
        parcels = self.measures_combo.currentLayer()
        if parcels is None or "measure_code" not in parcels.fields().names():
            panel.set_status(
                self.tr("No parcels with measures: run step 3 (Measures) first, or choose the layer parcels_measures."),
                error=True,
            )
            return
        store = self.dock.plan_store(panel)
        if store is None:
            return
        present = set(store.layers())
        self._release((names.BENEFIT_WATERSHEDS, names.BENEFIT_PARCELS))
        params = {
            "PARCELS": layers.algorithm_input(parcels),
            "EROSION_REGION": self.region_combo.currentIndex(),
            "YEARS": self.years_spin.value(),
            "TARGET_REGION": self.target_combo.currentData() or "",
            "OUTPUT_PARCELS": store.destination(names.BENEFIT_PARCELS),
            "OUTPUT_WATERSHEDS": store.destination(names.BENEFIT_WATERSHEDS),
            "OUTPUT_BY_YEAR": store.destination(names.BENEFIT_BY_YEAR),
            "OUTPUT_D020": store.destination(names.BENEFIT_D020),
            "OUTPUT_D021": store.destination(names.BENEFIT_D021),
        }
        if self.discount_spin.value() > self.discount_spin.minimum():
            params["DISCOUNT_RATE_PCT"] = self.discount_spin.value()
        ws = self.ws_combo.currentLayer()
        if ws is not None and "ws_code" in ws.fields().names():
            params["WATERSHEDS"] = layers.algorithm_input(ws)
        for key, layer_name in (("WORKS_QUANTITIES", names.WORKS_QUANTITIES),
                                ("INVESTMENT_BY_WS", names.INVESTMENT_BY_WATERSHED)):  # fmt: skip
            if layer_name in present:
                params[key] = store.layer_uri(layer_name)
        self._no_investment = names.INVESTMENT_BY_WATERSHED not in present
        panel.start(ALG_BENEFITS, params, self._benefits_done)

    def _benefits_done(self, results: dict) -> str:
        self.load_results()
        text = self.tr("Benefits saved in the plan: soil conserved {0:,.1f} t/a, SWC rate {1:.2f} % → {2:.2f} %.").format(  # noqa: E501
            _number(results.get("SOIL_CONSERVED_T_A")), _number(results.get("SWC_RATE_CURRENT_PCT")),
            _number(results.get("SWC_RATE_PLANNED_PCT")),
        )  # fmt: skip
        if getattr(self, "_no_investment", False):
            text += " " + self.tr("Run step 4 (Quantities) for the investment per tonne.")
        return text

    # -- 4 scenario comparison -----------------------------------------------------------------------------------
    def compare(self) -> None:
        panel = self.compare_run
        if panel.busy:
            return
        store = self.dock.plan_store(panel)
        if store is None:
            return
        params = {
            "PLAN": str(store.location),
            "OUTPUT": store.destination(COMPARISON_LAYER),
            "OUTPUT_WATERSHEDS": store.destination(COMPARISON_WS_LAYER),
        }
        panel.start(ALG_COMPARE, params, self._compared)

    def _compared(self, results: dict) -> str:
        rows = self.read_comparison()
        self.compare_ws_rows = self.read_comparison(COMPARISON_WS_LAYER)
        self.compare_unit.blockSignals(True)
        self.compare_unit.clear()
        self.compare_unit.addItem(self.tr("Whole area"), "")
        for code in sorted({str(r.get("ws_code")) for r in self.compare_ws_rows if r.get("ws_code")}):
            self.compare_unit.addItem(code, code)
        self.compare_unit.blockSignals(False)
        self.compare_unit.setVisible(bool(self.compare_ws_rows))
        self.compare_whole_rows = rows
        self.fill_comparison(rows)
        return self.tr("{0} scenarios compared (whole area; differences to the baseline).").format(len(rows))

    def show_compare_unit(self, *_args) -> None:
        """The comparison of the whole area or of one small watershed (the table and the chart)."""
        code = self.compare_unit.currentData()
        rows = self.compare_whole_rows
        if code:
            rows = [r for r in self.compare_ws_rows if str(r.get("ws_code")) == code]
        self.fill_comparison(rows)

    def read_comparison(self, name: str | None = None) -> list[dict]:
        """The rows of the plan's comparison table (whole area; ``name``: another, e.g. per watershed)."""
        name = name or COMPARISON_LAYER
        store = self.store()
        if store is None or name not in store.layers():
            return []
        layer = QgsVectorLayer(store.layer_uri(name), "c", getattr(store, "provider", "ogr"))
        if not layer.isValid():
            return []
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
        return [{n: field(n)(f) for n in layer.fields().names()} for f in layer.getFeatures(request)]

    def fill_comparison(self, rows: list[dict]) -> None:
        table = self.compare_table
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, column in enumerate(COMPARE_COLUMNS):
                value = row.get(column)
                if column == "scenario_name":
                    text = self.scenario_label(row)
                else:
                    number = _number(value)
                    style = "{0:+,.1f}" if column.startswith("diff_") else "{0:,.1f}"
                    text = "" if number != number else style.format(number)
                item = QTableWidgetItem(text)
                if column != "scenario_name":
                    item.setTextAlignment(int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter))
                table.setItem(r, c, item)
        table.resizeColumnsToContents()
        table.setVisible(bool(rows))
        self.compare_rows = rows
        for widget in (self.compare_metric, self.compare_chart, self.maps_button):
            widget.setVisible(bool(rows))
        self.refresh_compare_chart()

    def refresh_compare_chart(self, *_args) -> None:
        """The scenarios side by side: whole-area value now and planned, per scenario."""
        now_key, after_key, _target = METRICS[self.compare_metric.currentData() or "soil_loss"]
        rows = self.compare_rows
        groups = [(self.scenario_label(r), r.get(now_key), r.get(after_key)) for r in rows]
        self.compare_chart.set_data(groups, self.compare_metric.currentText())

    def show_maps(self) -> list:
        """One map of the parcels' soil-loss modulus now (shared by all scenarios: steps 1–2) and one after each
        compared scenario, every map with the same SL 190-2007 erosion classes (core.scenarios.erosion_map_classes)
        in one layer group; returns the layers."""
        from sbplanner_plugin.adapters.param_files import load_param_set
        from sbplanner_plugin.core.scenarios import erosion_map_classes
        from sbplanner_plugin.processing.base import error_text

        store = self.dock.plan_store(self.compare_run)
        rows = self.compare_rows
        if store is None or not rows:
            return []
        try:
            params = load_param_set()
            tolerance = params.tolerance[self.region_combo.currentIndex()][2]
            names_zh_en = params.erosion_names
            classes = erosion_map_classes(
                params.erosion_breaks(tolerance), [zh if chinese_ui() else en for zh, en in names_zh_en]
            )
        except Exception as exc:
            self.compare_run.set_status(error_text(exc), error=True)
            return []
        maps = [(rows[0].get("reference_id") or "baseline", "a_current_t_km2_a", self.tr("Now (before the plan)"))]
        maps += [(r["scenario_id"], "a_planned_t_km2_a", self.tr("{0}: after").format(self.scenario_label(r)))
                 for r in rows]  # fmt: skip
        project = QgsProject.instance()
        group = layers.ensure_group(MAPS_GROUP_KEY, self.tr("SBPlanner – 5 scenario maps"), project)
        for node in list(group.findLayers()):
            project.removeMapLayer(node.layer().id())
        provider = getattr(store, "provider", "ogr")
        out = []
        for k, (scenario, field_name, title) in enumerate(maps):
            uri = store.layer_uri(names.BENEFIT_PARCELS, scenario)
            layer = QgsVectorLayer(uri, title, provider)
            if not layer.isValid():
                self.compare_run.set_status(
                    self.tr("Scenario {0} has no evaluated benefits: evaluate it first.").format(scenario), error=True
                )
                continue
            layer.setRenderer(erosion_renderer(field_name, classes))
            layer.setCustomProperty(layers.LAYER_PROPERTY, f"{MAPS_GROUP_KEY}:{scenario}:{field_name}")
            project.addMapLayer(layer, False)
            group.insertLayer(k, layer)
            out.append(layer)
        for node in group.findLayers()[2:]:
            node.setItemVisibilityChecked(False)  # the first after-map over the before-map; tick the others
        return out

    def scenario_label(self, row: dict) -> str:
        if row.get("scenario_id") == "baseline":
            return self.tr("Baseline")
        return str(row.get("scenario_name") or row.get("scenario_id") or "")

    def compare_header(self, column: str) -> str:
        return {
            "scenario_name": self.tr("Scenario"),
            "soil_loss_planned_t_a": self.tr("Soil loss planned (t/a)"),
            "soil_conserved_t_a": self.tr("Soil conserved (t/a)"),
            "swc_rate_planned_pct": self.tr("SWC rate planned (%)"),
            "investment_wan_yuan": self.tr("Investment (10⁴ yuan)"),
            "cost_yuan_per_t": self.tr("Cost (yuan/t)"),
            "diff_soil_conserved_t_a": self.tr("Δ soil conserved (t/a)"),
            "diff_investment_wan_yuan": self.tr("Δ investment (10⁴ yuan)"),
        }[column]

    def read_benefits(self) -> list[dict]:
        """The rows of the plan's benefit_ws table (per small watershed, ALL last)."""
        store = self.store()
        try:
            if store is None or names.BENEFIT_WATERSHEDS not in store.layers():
                return []
        except Exception:
            return []
        layer = QgsVectorLayer(
            store.layer_uri(names.BENEFIT_WATERSHEDS), "benefit_ws", getattr(store, "provider", "ogr")
        )
        if not layer.isValid():
            return []
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
        rows = [{n: field(n)(f) for n in layer.fields().names()} for f in layer.getFeatures(request)]
        return sorted(rows, key=lambda r: (r.get("ws_code") == "ALL", str(r.get("ws_code"))))

    def refresh_benefits(self) -> None:
        self.benefit_rows = self.read_benefits()
        whole = next((r for r in self.benefit_rows if r.get("ws_code") == "ALL"), None)
        if whole is None:
            self.benefits_summary.setText("")
            self.refresh_chart()
            return
        g = lambda key: _number(whole.get(key))  # noqa: E731
        parts = [
            self.tr("<b>Soil loss</b>: {0:,.1f} → {1:,.1f} t/a; soil conserved {2:,.1f} t/a ({3:.1f} %).").format(
                g("soil_loss_current_t_a"), g("soil_loss_planned_t_a"), g("soil_conserved_t_a"),
                g("soil_loss_reduction_pct"),
            ),
            self.tr("<b>SWC rate</b>: {0:.2f} % → {1:.2f} %.").format(g("swc_rate_current_pct"), g("swc_rate_planned_pct")),  # noqa: E501
            self.tr("<b>Eroded area</b>: {0:.3f} → {1:.3f} km²; degree of treatment {2:.1f} %.").format(
                g("eroded_area_current_km2"), g("eroded_area_planned_km2"), g("treatment_degree_pct"),
            ),
        ]  # fmt: skip
        target = whole.get("swc_target_pct")
        if target is not None:
            short = float(target) - g("swc_rate_planned_pct")
            line = self.tr("Target {0} {1:g} %: reached.").format(whole.get("swc_target_id") or "", float(target))
            if short > 0:
                line = "<span style='color:#b00020'>" + self.tr("Target {0} {1:g} %: {2:.2f} points short after the plan.").format(  # noqa: E501
                    whole.get("swc_target_id") or "", float(target), short) + "</span>"  # fmt: skip
            parts.append(line)
        if whole.get("investment_yuan_per_t_a") is not None:
            parts.append(self.tr("<b>Investment per tonne</b>: {0:,.0f} yuan per t/a of soil conserved ({1:,.1f} yuan/t over the evaluation period).").format(  # noqa: E501
                g("investment_yuan_per_t_a"), g("investment_yuan_per_t_period")))  # fmt: skip
        else:
            parts.append(self.tr("Investment per tonne: run step 4 (Quantities) first."))
        self.benefits_summary.setText("<br>".join(parts))
        self.refresh_chart()

    def refresh_chart(self, *_args) -> None:
        now_key, after_key, target_key = METRICS[self.metric_combo.currentData() or "soil_loss"]
        whole_label = self.tr("Whole area")
        groups = [(whole_label if r.get("ws_code") == "ALL" else str(r.get("ws_code")), r.get(now_key),
                   r.get(after_key)) for r in self.benefit_rows]  # fmt: skip
        whole = next((r for r in self.benefit_rows if r.get("ws_code") == "ALL"), {})
        target = whole.get(target_key) if target_key else None
        self.chart.set_data(groups, self.metric_combo.currentText(), target, whole_label)

    # -- results ------------------------------------------------------------------------------------------------------
    def _release(self, keys) -> None:
        """Remove this step's layers from the project before an algorithm overwrites their tables."""
        if URGENCY_KEY in keys or VILLAGE_URGENCY_KEY in keys:
            self.model.load(None)
            self.link.set_layer(None)
        if PRIORITY_KEY in keys:
            self.priority_model.load(None)
            self.priority_link.set_layer(None)
        for key in keys:
            old = layers.find_layer(key)
            if old is not None:
                QgsProject.instance().removeMapLayer(old.id())

    def load_results(self) -> None:
        """Load the plan's step-5 layers (ws_urgency, farmland_priority) and refresh the table, texts and chart."""
        store = self.store()
        if store is None:
            return
        try:
            present = set(store.layers())
        except Exception:
            return
        labels = {
            URGENCY_KEY: self.tr("Urgency of small watersheds"),
            VILLAGE_URGENCY_KEY: self.tr("Urgency of villages"),
            PRIORITY_KEY: self.tr("Sloping farmland priority"),
        }
        missing = [
            (k, store.layer_uri(k), label)
            for k, label in labels.items()
            if k in present and layers.find_layer(k) is None
        ]
        if missing:
            layers.load_plan_layers(missing, GROUP_KEY, self.group_name(), provider=getattr(store, "provider", "ogr"))
        self.show_table()
        layer = layers.find_layer(self.urgency_key())
        top = self.top_unit()
        if layer is None or top is None:
            text = self.not_ranked_text()
        elif self.ranks_villages():
            text = self.tr("{0} villages ranked; most urgent: {1} (score {2}).").format(layer.featureCount(), *top)
        else:
            text = self.tr("{0} small watersheds ranked; most urgent: {1} (score {2}).").format(
                layer.featureCount(), *top
            )
        self.urgency_summary.setText(text)
        self.priority_summary.setText(self.priority_text())
        self.show_priority_table()
        self.refresh_benefits()

    # -- Step API ----------------------------------------------------------------------------------------------------
    def plan_path_changed(self, path: str) -> None:
        self._release(())
        self.model.load(None)
        self.benefit_rows = []
        self.benefits_summary.setText("")
        if self.isVisible():
            self._preselect()
            self.load_results()

    def project_cleared(self) -> None:
        self.link.layer = self.priority_link.layer = None  # the project's layers are gone already
        self.model.load(None)
        self.priority_model.load(None)
        self.priority_table.setVisible(False)
        self.benefit_rows = []
        self.benefits_summary.setText("")
        self.urgency_summary.setText(self.not_ranked_text())
        self.priority_summary.setText("")
        for panel in (self.urgency_run, self.priority_run, self.benefits_run, self.compare_run):
            panel.set_status("")
        self.refresh_chart()

    def cleanup(self) -> None:
        for panel in (self.urgency_run, self.priority_run, self.benefits_run, self.compare_run):
            panel.cleanup()
        self.link.set_layer(None)
        self.priority_link.set_layer(None)
        self._drop_temp()


ALG_COMPARE = "sbplanner:compare_scenarios"
MAPS_GROUP_KEY = "scenario_maps"
#: Fill colours of the SL 190-2007 classes 微度 … 剧烈 (green → dark red).
EROSION_COLOURS = ("#e8f5e9", "#c5e1a5", "#fff59d", "#ffb74d", "#e57373", "#8e0000")


def erosion_renderer(field_name: str, classes):
    """A graduated renderer of ``field_name`` with the fixed ``classes`` (core.scenarios.MapClasses), the same
    for every map so that before and after read alike."""
    from qgis.core import QgsFillSymbol, QgsGraduatedSymbolRenderer, QgsRendererRange

    edges = [0.0, *classes.breaks, 1e12]
    ranges = []
    for k, label in enumerate(classes.labels):
        colour = EROSION_COLOURS[min(k, len(EROSION_COLOURS) - 1)]
        symbol = QgsFillSymbol.createSimple({"color": colour, "outline_color": "#9e9e9e", "outline_width": "0.1"})
        ranges.append(QgsRendererRange(edges[k], edges[k + 1], symbol, label))
    return QgsGraduatedSymbolRenderer(field_name, ranges)
COMPARISON_LAYER = "scenario_comparison"
COMPARISON_WS_LAYER = "scenario_comparison_ws"
#: Whole-area columns of the comparison shown in the step (the plan table has them all, per watershed too).
COMPARE_COLUMNS = (
    "scenario_name", "soil_loss_planned_t_a", "soil_conserved_t_a", "swc_rate_planned_pct", "investment_wan_yuan",
    "cost_yuan_per_t", "diff_soil_conserved_t_a", "diff_investment_wan_yuan",
)  # fmt: skip


def urgency_class_label(class_id, zh: str = "", en: str = "") -> str:
    """The class name in the interface language (the algorithm writes both)."""
    if chinese_ui():
        return zh or en
    return en or zh


def _unit_code(feature):
    """The ranked unit's code: ws_code of a small watershed, village_code of a 行政村."""
    code = field("ws_code")(feature)
    return code if code is not None else field("village_code")(feature)


def _class_text(feature) -> str:
    return urgency_class_label(field("urgency_class_id")(feature), str(field("urgency_class")(feature) or ""),
                               str(field("urgency_class_en")(feature) or ""))  # fmt: skip


def _selected_colour(feature):
    """Selected parcels of the terracing programme: light green."""
    return QColor(200, 230, 201) if field("selected")(feature) else None


def _class_colour(feature):
    rgb = CLASS_COLOURS.get(field("urgency_class_id")(feature))
    return QColor(*rgb) if rgb else None


def _number(value) -> float:
    try:
        return float(value) if value is not None else 0.0
    except (TypeError, ValueError):
        return 0.0
