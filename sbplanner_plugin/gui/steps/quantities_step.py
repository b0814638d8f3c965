"""Step 4 of the dock (工程量与投资): design quantities of every measure and the investment estimate.

The step gathers the inputs and runs, in the background and in this order, ``sbplanner:terrace_quantities``,
``sbplanner:measure_quantities`` and ``sbplanner:estimate_investment`` into the plan; every number shown comes
from those algorithms (the chart draws the production formula of ``core.quantities.terrace.level_section``).
"Recompute changed" hands the previous terrace table to the terrace algorithm, which recomputes only the parcels
whose geometry, measure or parameters changed in step 3 (the other quantities are attribute arithmetic and are
recomputed whole, in about a second per 100 000 parcels).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import logging

from qgis.core import QgsFeatureRequest, QgsProject, QgsRasterLayer, QgsVectorLayer
from qgis.gui import QgsCollapsibleGroupBox, QgsFieldComboBox, QgsFileWidget, QgsMapLayerComboBox
from qgis.PyQt.QtCore import QCoreApplication, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from sbplanner_plugin import settings
from sbplanner_plugin.adapters import plan_store_common as names
from sbplanner_plugin.core.definitions import split_list
from sbplanner_plugin.core.quantities.terrace import TERRACE_KINDS
from sbplanner_plugin.gui import layers
from sbplanner_plugin.gui import measure_editor as editor
from sbplanner_plugin.gui.compat import layer_filter
from sbplanner_plugin.gui.models import FID_ROLE, Column, FeatureTableModel, field, select_feature_rows
from sbplanner_plugin.gui.names import (
    confidence_name,
    measure_names,
    param_name,
    param_unit,
    unit_label,
    value_name,
)
from sbplanner_plugin.gui.run_panel import RunPanel
from sbplanner_plugin.gui.steps.base import Step, register_step
from sbplanner_plugin.gui.steps.parcels_step import algorithm_parameter
from sbplanner_plugin.gui.steps.watersheds_step import double_spin
from sbplanner_plugin.gui.terrace_chart import TerraceChart
from sbplanner_plugin.gui.widgets import CopyableTableView
from sbplanner_plugin.i18n import name_of, pick

LOGGER = logging.getLogger(__name__)

ALG_TERRACE = "sbplanner:terrace_quantities"
ALG_MEASURES = "sbplanner:measure_quantities"
ALG_INVEST = "sbplanner:estimate_investment"
ALG_LAYOUT = "sbplanner:terrace_layout"
#: Shares of the run's progress bar (RunPanel.plan_stages).
STAGE_WEIGHTS = {ALG_TERRACE: 30, ALG_LAYOUT: 25, ALG_MEASURES: 30, ALG_INVEST: 15}
GROUP_KEY = "quantities"
#: riser limit by material when RISER_HEIGHT_MAX_M is 0 (GB 51018-2014 条文说明 6.1.4)
RISER_LIMIT_EARTH_M, RISER_LIMIT_STONE_M = 2.0, 2.5
#: quantity_params.csv keys shown with each family of measures (prefix match)
#: the catalogue's own text of a parameter value and the name the table shows for it
RAW_ROLE = Qt.ItemDataRole.UserRole + 1

FAMILY_PARAMS = {
    "planting": ("replant_rate", "mixed_shrub_share", "retire_density", "default_pit", "fish_pit", "fruit_pit"),
    "pits": ("fish_pit", "default_pit"),
    "level_bench": ("level_bench",),
    "ditch": ("ditch_", "manning_", "lining_", "design_intensity", "runoff_coeff"),
    "storage": ("cistern_", "water_cellar_", "silt_basin_"),
}
WORKS_INPUT_KEYS = ("check_dams", "gully_heads", "intercept_ditches", "sediment_basins",
                    *editor.GENERIC_WORKS_LAYERS.values())  # fmt: skip


def measure_family(code: str, category: str) -> str:
    """The formula family of a catalogue measure (what the formula label shows)."""
    from sbplanner_plugin.core.quantities import measures as q

    if code in TERRACE_KINDS:
        return "terrace"
    if code in q.DAM_CODES:
        return "dam"
    if code in q.DITCH_CODES:
        return "ditch"
    if code in q.STORAGE_CODES:
        return "storage"
    if code in q.ROAD_CODES:
        return "road"
    if code in ("fish_scale_pit", "planting_pit"):
        return "pits"
    if code in ("level_trench", "bamboo_trench"):
        return "trench"
    if code == "level_bench":
        return "level_bench"
    if code == "gully_head_protection":
        return "gully_head"
    if code == "closure":
        return "closure"
    if code == "hedgerow":
        return "hedgerow"
    if category == "vegetative":
        return "planting"
    return "area"


# fmt: off
def formula_text(family: str) -> str:
    """The formula (with its standard) a family's quantities are computed by — the production formulas of
    ``core.quantities.terrace`` / ``core.quantities.measures`` (see their docstrings)."""
    texts = {
        "terrace": QCoreApplication.translate("QuantitiesStep", "Level terrace (GB/T 16453.1-2008): B = H(cotθ − cotα) ⇔ H = B·sinθ·sinα / sin(α − θ); riser share tanθ / tanα; cut = fill = B·H/8 per metre of bench, haul 2B/3; bench length = horizontal area / (H·cotθ); earthwork per hm² 1250·H. Slope terrace: ridges at spacing B_x = H/sinθ, ridge earthwork only. Interval terrace: the benched share only."),  # noqa: E501
        "planting": QCoreApplication.translate("QuantitiesStep", "Density N = 10 000 / (株距 × 行距) per hm²; seedlings = N × area × (1 + replanting rate); one 整地 pit per plant (穴状 π·d²/4 × depth, 鱼鳞坑 π·a·b/4 × depth); seed = rate × area (GB/T 16453.2-2008)."),  # noqa: E501
        "pits": QCoreApplication.translate("QuantitiesStep", "Pits per hm² = 10 000 / (pit spacing × row spacing); excavation 鱼鳞坑 π·a·b/4 × depth, 穴状 π·d²/4 × depth."),  # noqa: E501
        "trench": QCoreApplication.translate("QuantitiesStep", "水平沟: length = area / spacing; excavation = (top + bottom)/2 × depth × length (竹节: less the ties)."),  # noqa: E501
        "level_bench": QCoreApplication.translate("QuantitiesStep", "水平阶: a narrow terrace, H = b / (cotθ − cotα), cut b·H/8 per metre; length = area / spacing."),  # noqa: E501
        "closure": QCoreApplication.translate("QuantitiesStep", "封育: fence = perimeter of the closed area (adjacent 封育 parcels share one fence around their union); signs = ⌈signs per km² × km²⌉, at least one; area."),  # noqa: E501
        "hedgerow": QCoreApplication.translate("QuantitiesStep", "植物篱: length = area / strip spacing."),
        "ditch": QCoreApplication.translate("QuantitiesStep", "截水沟 / 排水沟: excavation = trapezoid section × length; design discharge Q = 0.278·K·I·F (推理公式, GB/T 16453.4-2008); capacity by Manning Q = A·R^(2/3)·S^(1/2) / n; lining = thickness × wetted perimeter × length."),  # noqa: E501
        "storage": QCoreApplication.translate("QuantitiesStep", "蓄水池 / 水窖 / 沉沙池: storage = volume; excavation = volume × factor; lining per m³ of volume."),  # noqa: E501
        "gully_head": QCoreApplication.translate("QuantitiesStep", "沟头防护: earthwork = the design storage W = 10·K·R·F sited in step 3 (蓄水型)."),  # noqa: E501
        "road": QCoreApplication.translate("QuantitiesStep", "Roads: length from the line."),
        "dam": QCoreApplication.translate("QuantitiesStep", "Dams: crest length and height from the DEM cross-section at the dam; body volume = (top + bottom)/2 × H × crest length (trapezoid); stage–area–storage curve of the impoundment from the DEM; 淤地坝 class by capacity (SL/T 804-2020)."),  # noqa: E501
        "area": QCoreApplication.translate("QuantitiesStep", "Area measure (耕作 and others): the treated area."),
    }
    return texts.get(family, texts["area"])
# fmt: on


@register_step
class QuantitiesStep(Step):
    """Quantities (terraces, other measures, works) and the investment estimate, with the formulas shown."""

    number, key = 4, "quantities"
    #: (successful) after the last algorithm of a run finished (or the first failure).
    workflowFinished = pyqtSignal(bool)

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("QuantitiesStep", "Quantities")

    @classmethod
    def guide_text(cls) -> str:
        return QCoreApplication.translate(
            "QuantitiesStep",
            "Computes terrace dimensions and earthwork, the quantities of the other measures and works, and "
            "the investment estimate, with the formulas shown. The unit prices are examples: replace them "
            "with local ones."
        )  # fmt: skip

    @classmethod
    def guide_standards(cls) -> str:
        return QCoreApplication.translate(
            "QuantitiesStep",
            "GB/T 16453.1-2008 terrace cross-section; GB 51018-2014; cost structure of the Ministry of Water "
            "Resources' estimate rules (Shuizong [2003] No. 67); SL/T 447 Appendix D.0.16 quantity table."
        )  # fmt: skip

    def group_name(self) -> str:
        return self.tr("SBPlanner – 4 Quantities")

    def __init__(self, dock, parent=None) -> None:
        super().__init__(dock, parent)
        self._chain: list[str] = []
        self._incremental = False
        self._terrace_text = ""
        self._catalogue = None
        self._results: dict = {}
        self._syncing = False
        self._selection_layer = None

        # -- inputs ---------------------------------------------------------------------------------
        self.parcels_combo = QgsMapLayerComboBox()
        self.parcels_combo.setFilters(layer_filter("PolygonLayer"))
        self.parcels_combo.setToolTip(self.tr("The parcels with measures of step 3 (parcels_measures)"))
        self.dem_combo = QgsMapLayerComboBox()
        self.dem_combo.setFilters(layer_filter("RasterLayer"))
        self.dem_combo.setToolTip(self.tr("The DEM of steps 1 and 2: slopes of the terraced parcels, dam sections"))
        self.village_field = QgsFieldComboBox()
        self.village_field.setAllowEmptyFieldName(True)
        self.village_field.setToolTip(self.tr("Optional: administrative village of each parcel (quantities per village)"))  # noqa: E501
        self.year_field = QgsFieldComboBox()
        self.year_field.setAllowEmptyFieldName(True)
        self.year_field.setToolTip(self.tr("Optional: implementation year of each parcel (D.0.17 schedule)"))
        inputs = QFormLayout()
        inputs.addRow(self.tr("Parcels"), self.parcels_combo)
        inputs.addRow(self.tr("DEM"), self.dem_combo)
        inputs.addRow(self.tr("Village field"), self.village_field)
        inputs.addRow(self.tr("Year field"), self.year_field)
        inputs_box = QGroupBox(self.tr("Inputs"))
        inputs_box.setLayout(inputs)

        # -- terraces ---------------------------------------------------------------------------------
        self.bench_width = self._spin_for(ALG_TERRACE, "BENCH_WIDTH_M", 0, 50, 1, 0.0, " m")
        self.bench_width.setSpecialValueText(self.tr("by slope (table)"))
        self.bench_width.setToolTip(
            self.tr("Net bench width B; 0 = from the measure's design parameters, else the slope table")
        )
        self.riser_angle = self._spin_for(ALG_TERRACE, "RISER_ANGLE_DEG", 0, 89, 1, 0.0, " °")
        self.riser_angle.setSpecialValueText(self.tr("by material"))
        self.riser_angle.setToolTip(self.tr("Riser face angle α; 0 = the measure's (earth 75°, stone 80°)"))
        self.riser_max = self._spin_for(ALG_TERRACE, "RISER_HEIGHT_MAX_M", 0, 10, 2, 0.0, " m")
        self.riser_max.setSpecialValueText(self.tr("by material"))
        self.riser_max.setToolTip(self.tr("Riser height limit; 0 = by riser material: earth 2.0 m, stone 2.5 m"))
        self.min_bench = self._spin_for(ALG_TERRACE, "MIN_BENCH_WIDTH_M", 0.5, 50, 1, 3.0, " m")
        self.min_bench.setToolTip(
            self.tr("Narrowest workable bench: where even it needs a riser above the limit, the parcel is unsuitable")
        )
        terrace_form = QFormLayout()
        terrace_form.addRow(self.tr("Bench width B"), self.bench_width)
        terrace_form.addRow(self.tr("Riser angle α"), self.riser_angle)
        terrace_form.addRow(self.tr("Riser limit H"), self.riser_max)
        terrace_form.addRow(self.tr("Minimum bench"), self.min_bench)
        self.terrace_formula = QLabel(formula_text("terrace"))
        self.terrace_formula.setWordWrap(True)
        self.terrace_formula.setStyleSheet("color: palette(dark);")
        self.chart = TerraceChart()
        self.chart_note = QLabel()
        self.chart_note.setWordWrap(True)
        terrace_box = QgsCollapsibleGroupBox(self.tr("Terraces"))
        box = QVBoxLayout(terrace_box)
        box.addLayout(terrace_form)
        box.addWidget(self.terrace_formula)
        box.addWidget(self.chart)
        box.addWidget(self.chart_note)
        self.layout_check = QCheckBox(self.tr("Terrace edge lines and GNSS stakes"))
        self.layout_check.setToolTip(
            self.tr("sbplanner:terrace_layout: contour lines at the interval H, smoothed to the minimum radius, and stakes every N m (CSV and GPX beside the plan)")  # noqa: E501
        )
        self.min_radius = self._spin_for(ALG_LAYOUT, "MIN_RADIUS_M", 0.5, 500, 1, 10.0, " m")
        self.min_radius.setToolTip(self.tr("Smallest bend radius of an edge line (follow big bends, straighten small ones)"))  # noqa: E501
        self.stake_spacing = self._spin_for(ALG_LAYOUT, "STAKE_SPACING_M", 0.5, 500, 1, 10.0, " m")
        self.stake_spacing.setToolTip(self.tr("Distance between stakes along an edge line"))
        layout_form = QFormLayout()
        layout_form.addRow(self.tr("Minimum radius"), self.min_radius)
        layout_form.addRow(self.tr("Stake spacing"), self.stake_spacing)
        box.addWidget(self.layout_check)
        box.addLayout(layout_form)

        # -- other measures: parameters with their formula ---------------------------------------------
        self.measure_combo = QComboBox()
        # long measure names must not widen the dock beyond a 1366-pixel screen's share
        self.measure_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.measure_combo.setMinimumContentsLength(16)
        self.measure_combo.setToolTip(self.tr("A measure of the catalogue (measures.csv): its formula and parameters"))
        self.measure_formula = QLabel()
        self.measure_formula.setWordWrap(True)
        self.measure_formula.setStyleSheet("color: palette(dark);")
        self.param_table = QTableWidget(0, 4)
        self.param_table.setHorizontalHeaderLabels(
            [self.tr("Parameter"), self.tr("Value"), self.tr("Unit"), self.tr("Confidence")]
        )
        self.param_table.verticalHeader().setVisible(False)
        self.param_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.param_table.horizontalHeader().setStretchLastSection(True)
        self.param_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.param_table.setMaximumHeight(170)
        self.save_params_button = QPushButton(self.tr("Save parameters"))
        self.save_params_button.setToolTip(
            self.tr(
                "Write the edited values into your copy of measures.csv / quantity_params.csv (the next run uses it)"
            )
        )
        self.reset_params_button = QPushButton(self.tr("Restore defaults"))
        self.reset_params_button.setToolTip(self.tr("Remove your copies of the two tables: the shipped values apply"))
        self.params_status = QLabel()
        self.params_status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.save_params_button)
        row.addWidget(self.reset_params_button)
        measures_box = QgsCollapsibleGroupBox(self.tr("Measure parameters and formulas"))
        measures_layout = QVBoxLayout(measures_box)
        measures_layout.addWidget(self.measure_combo)
        measures_layout.addWidget(self.measure_formula)
        measures_layout.addWidget(self.param_table)
        measures_layout.addLayout(row)
        measures_layout.addWidget(self.params_status)

        # -- investment -------------------------------------------------------------------------------
        self.prices_widget = QgsFileWidget()
        self.prices_widget.setFilter(self.tr("CSV (*.csv)"))
        self.prices_widget.setToolTip(
            self.tr("Unit prices (CSV with item, unit, price, source, year, region); empty = unit_prices.csv")
        )
        self.prices_note = QLabel(
            self.tr("The shipped unit prices are EXAMPLES: replace them with the county's norms and price level.")
        )
        self.prices_note.setWordWrap(True)
        self.prices_note.setStyleSheet("color: #8a4b00;")
        invest_form = QFormLayout()
        invest_form.addRow(self.tr("Unit prices"), self.prices_widget)
        invest_box = QGroupBox(self.tr("Investment (MWR estimate rules, 2003)"))
        invest_layout = QVBoxLayout(invest_box)
        invest_layout.addLayout(invest_form)
        invest_layout.addWidget(self.prices_note)

        # -- run ----------------------------------------------------------------------------------------
        self.run_panel = RunPanel(self.tr("Compute quantities and investment"), self.tr("SBPlanner"), self.iface)
        self.recompute_button = QPushButton(self.tr("Recompute changed"))
        self.recompute_button.setToolTip(
            self.tr(
                "After edits in step 3 or of the parameters: parcels and works whose inputs are unchanged keep their quantities, only the changed ones are recomputed"  # noqa: E501
            )
        )
        self.run_panel.layout().insertWidget(1, self.recompute_button)  # its own row: the dock stays narrow
        run_box = QGroupBox(self.tr("Compute"))  # aligned with the boxes above, not flush left
        QVBoxLayout(run_box).addWidget(self.run_panel)

        # -- results ------------------------------------------------------------------------------------
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table_choice = QComboBox()
        self.table_choice.addItem(self.tr("Terraced parcels"), names.TERRACE_QUANTITIES)
        self.table_choice.addItem(self.tr("Other measures (parcels)"), names.MEASURE_QUANTITIES)
        self.table_choice.addItem(self.tr("Works"), names.WORKS_QUANTITIES)
        self.table_choice.addItem(self.tr("Investment estimate"), names.INVESTMENT_SUMMARY)
        self.table = CopyableTableView()
        self.table.setMinimumHeight(200)
        self.table.setToolTip(self.tr("Select rows to select the parcels on the map; Ctrl+C copies"))
        self.model = FeatureTableModel([])
        self.table.setModel(self.model)
        results_box = QGroupBox(self.tr("Results"))
        results_layout = QVBoxLayout(results_box)
        results_layout.addWidget(self.summary)
        results_layout.addWidget(self.table_choice)
        results_layout.addWidget(self.table)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (inputs_box, terrace_box, measures_box, invest_box, run_box, results_box):
            layout.addWidget(widget)
        layout.addStretch(1)

        self.parcels_combo.layerChanged.connect(self._parcels_changed)
        for spin in (self.bench_width, self.riser_angle, self.riser_max):
            spin.valueChanged.connect(self._update_chart)
        self.measure_combo.currentIndexChanged.connect(self._show_measure)
        self.save_params_button.clicked.connect(self.save_parameters)
        self.reset_params_button.clicked.connect(self.reset_parameters)
        self.run_panel.runRequested.connect(lambda: self.compute(incremental=False))
        self.recompute_button.clicked.connect(lambda: self.compute(incremental=True))
        self.run_panel.runFinished.connect(self._stage_finished)
        self.table_choice.currentIndexChanged.connect(self.show_table)
        self.table.selectionModel().selectionChanged.connect(self._rows_selected)
        self._preselect()
        self._fill_measures()
        self._update_chart()

    # -- inputs ------------------------------------------------------------------------------------------
    @staticmethod
    def _spin_for(alg: str, name: str, low: float, high: float, decimals: int, default: float, suffix: str):
        definition = algorithm_parameter(alg, name)
        value = definition.defaultValue() if definition is not None else None
        return double_spin(low, high, decimals, float(value) if value is not None else default, suffix)

    def _preselect(self) -> None:
        parcels = layers.find_layer(editor.MEASURES_KEY) or self._load_plan_measures()
        if parcels is not None:
            self.parcels_combo.setLayer(parcels)
        source = settings.LAST_DEM_SOURCE.value()
        for layer in QgsProject.instance().mapLayers().values():
            if isinstance(layer, QgsRasterLayer) and source and layer.source() == source:
                self.dem_combo.setLayer(layer)
                break
        self._parcels_changed(self.parcels_combo.currentLayer())

    def _load_plan_measures(self):
        """The plan's parcels_measures (step 3), loaded into the project when the project lacks it (e.g. a
        project saved before step 3 was run, or the layer removed by hand); None when the plan has none."""
        path = self.dock.plan_path()
        if not path:
            return None
        from sbplanner_plugin.adapters import plan_store

        try:
            store = self.dock.current_store or plan_store.open_scenario_store(path)
            if editor.MEASURES_KEY not in store.layers():
                return None
        except Exception:  # no plan yet: the user chooses the layer
            return None
        loaded = layers.load_plan_layers(
            [(editor.MEASURES_KEY, store.layer_uri(editor.MEASURES_KEY), self.tr("Parcels with measures"))],
            "measures",
            QCoreApplication.translate("MeasuresStep", "SBPlanner – 3 Measures"),
            provider=getattr(store, "provider", "ogr"),
        )
        return loaded.get(editor.MEASURES_KEY)

    def _parcels_changed(self, layer) -> None:
        if hasattr(self, "measure_combo"):
            self._fill_measures()
        for combo in (self.village_field, self.year_field):
            combo.setLayer(layer)
            combo.setField("")
        if isinstance(layer, QgsVectorLayer):
            from sbplanner_plugin.core.definitions import find_field
            from sbplanner_plugin.core.summaries import VILLAGE_FIELDS

            self.village_field.setField(find_field(layer.fields().names(), None, VILLAGE_FIELDS) or "")

    def showEvent(self, event) -> None:
        # a project read after the dock was built: the combo then holds whichever polygon layer came first
        tagged = layers.find_layer(editor.MEASURES_KEY)
        current = self.parcels_combo.currentLayer()
        if current is None or self.dem_combo.currentLayer() is None or (tagged is not None and current is not tagged):
            self._preselect()
        if not self._results:
            self.load_results()
        super().showEvent(event)

    # -- chart ---------------------------------------------------------------------------------------------
    def design_for_chart(self) -> tuple[float, float, float]:
        """(B, α, H limit) the chart draws: the spin values, else the earth-riser terrace's catalogue values."""
        design = {}
        catalogue = self.catalogue()
        if catalogue is not None and "terrace_level_earth" in catalogue:
            design = catalogue["terrace_level_earth"].design_params
        from sbplanner_plugin.core.definitions import to_number

        b = self.bench_width.value() or 7.0
        alpha = self.riser_angle.value() or to_number(design.get("riser_angle_deg", 75))
        limit = self.riser_max.value() or to_number(design.get("riser_height_max_m", RISER_LIMIT_EARTH_M))
        return b, alpha, limit

    def _update_chart(self) -> None:
        b, alpha, limit = self.design_for_chart()
        self.chart.set_design(b, alpha, limit)
        slope = self.chart.limit_slope_deg()
        text = self.tr("With B {0:g} m and α {1:g}°, H reaches the {2:g} m riser limit at θ {3:.1f}°.").format(
            b, alpha, limit, slope if slope is not None else float("nan")
        )
        if not self.bench_width.value():
            text += " " + self.tr("B = 0: each parcel takes B from the slope table (the chart shows B 7 m).")
        self.chart_note.setText(text)

    # -- measure parameters ----------------------------------------------------------------------------------
    def _measure_name(self, feature) -> str:
        """The measure's name in the UI language (from the catalogue by its code; step 3 writes the Chinese
        measure_name), else its code."""
        code = str(field("measure_code")(feature) or "")
        catalogue = self.catalogue() or {}
        if code and code in catalogue:
            return name_of(catalogue[code])
        return str(field("measure_name")(feature) or code)

    def _measure_list(self, feature) -> str:
        """The measures of a parcel (``qty_measures``: codes joined by ";") as names in the UI language."""
        codes = [c.strip() for c in str(field("qty_measures")(feature) or "").split(";")]
        return measure_names(self.catalogue() or {}, codes)

    def catalogue(self):
        if self._catalogue is None:
            from sbplanner_plugin.adapters.param_files import load_catalogue, table_path
            from sbplanner_plugin.core.errors import SbPlannerError

            try:
                self._catalogue = load_catalogue(table_path("measures.csv"))
            except (SbPlannerError, OSError) as exc:
                from sbplanner_plugin.processing.base import error_text

                LOGGER.exception("measures.csv")
                self.params_status.setText(error_text(exc))
                return None
        return self._catalogue

    def _fill_measures(self) -> None:
        current = self.measure_combo.currentData()
        self.measure_combo.blockSignals(True)
        self.measure_combo.clear()
        catalogue = self.catalogue() or {}
        used = self._used_codes()
        for code, measure in sorted(
            catalogue.items(), key=lambda kv: (kv[0] not in used, list(catalogue).index(kv[0]))
        ):
            mark = "● " if code in used else ""
            self.measure_combo.addItem(f"{mark}{name_of(measure)}", code)
        self.measure_combo.blockSignals(False)
        index = self.measure_combo.findData(current) if current else 0
        self.measure_combo.setCurrentIndex(max(index, 0))
        self._show_measure()

    def _used_codes(self) -> set[str]:
        layer = self.parcels_combo.currentLayer()
        codes: set[str] = set()
        if isinstance(layer, QgsVectorLayer) and layer.fields().indexOf("measure_code") >= 0:
            index = layer.fields().indexOf("measure_code")
            for value in layer.uniqueValues(index):
                codes.update(split_list(value))
        return codes

    def _quantity_rows(self) -> list[dict]:
        import csv
        import io

        from sbplanner_plugin.adapters.param_files import QUANTITY_TABLE, read_text, table_path

        try:
            return list(csv.DictReader(io.StringIO(read_text(table_path(QUANTITY_TABLE)))))
        except Exception:
            LOGGER.exception("quantity_params.csv")
            return []

    def _show_measure(self) -> None:
        code = self.measure_combo.currentData()
        catalogue = self.catalogue() or {}
        measure = catalogue.get(code) if code else None
        self.param_table.setRowCount(0)
        if measure is None:
            self.measure_formula.setText("")
            return
        family = measure_family(code, measure.category)
        self.measure_formula.setText(formula_text(family))
        rows = [("design", key, str(value), "", measure.confidence) for key, value in measure.design_params.items()]
        prefixes = FAMILY_PARAMS.get(family, ())
        for entry in self._quantity_rows():
            if entry.get("key", "").startswith(prefixes) and prefixes:
                rows.append(("quantity", entry["key"], entry.get("value", ""), entry.get("unit", ""),
                             entry.get("confidence", "")))  # fmt: skip
        self.param_table.setRowCount(len(rows))
        for r, (table, key, value, unit, confidence) in enumerate(rows):
            shown = value
            if table == "design":  # the catalogue's keys and coded values in the UI language, with the unit
                label, shown, unit = param_name(key), value_name(value), param_unit(key)
            else:
                label = key
            for c, text in enumerate((label, shown, unit, confidence_name(confidence))):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, (table, key))
                item.setData(RAW_ROLE, (value, shown))
                flags = item.flags()
                if c != 1:
                    item.setFlags(flags & ~Qt.ItemFlag.ItemIsEditable)
                item.setToolTip(
                    self.tr("measures.csv design_params of {0}").format(code)
                    if table == "design"
                    else self.tr("quantity_params.csv (shared by every measure of this kind)")
                )
                self.param_table.setItem(r, c, item)
        self.param_table.resizeColumnsToContents()

    def parameter_edits(self) -> tuple[dict, dict]:
        """(design params of the measure shown {key: text}, quantity params {key: text}) as in the table."""
        design, quantity = {}, {}
        for r in range(self.param_table.rowCount()):
            item = self.param_table.item(r, 1)
            table, key = item.data(Qt.ItemDataRole.UserRole)
            raw, shown = item.data(RAW_ROLE) or (None, None)
            text = item.text().strip()
            # a coded value shown by its name ("土坎") is saved as its code ("earth") unless the user typed over it
            (design if table == "design" else quantity)[key] = raw if raw is not None and text == shown else text
        return design, quantity

    def save_parameters(self) -> None:
        from sbplanner_plugin.adapters.param_files import (
            QUANTITY_TABLE,
            load_catalogue,
            load_quantity_params,
            save_table_edits,
        )
        from sbplanner_plugin.core.errors import SbPlannerError
        from sbplanner_plugin.processing.base import error_text

        code = self.measure_combo.currentData()
        measure = (self.catalogue() or {}).get(code)
        if measure is None:
            return
        design, quantity = self.parameter_edits()
        note = self.tr("edited in SBPlanner {0}").format(_dt.date.today().isoformat())
        written = []
        try:
            if design != {k: str(v) for k, v in measure.design_params.items()}:
                text = ";".join(f"{k}={v}" for k, v in design.items())
                # a value the catalogue reader refuses is never swapped in (the previous table stays)
                path = save_table_edits("measures.csv", "code", {code: {"design_params": text}}, note, load_catalogue)
                written.append(path)
            current = {row["key"]: row.get("value", "") for row in self._quantity_rows()}
            changed = {k: {"value": v} for k, v in quantity.items() if current.get(k) != v}
            if changed:
                path = save_table_edits(QUANTITY_TABLE, "key", changed, note, load_quantity_params)
                written.append(path)
        except (SbPlannerError, OSError) as exc:
            self.params_status.setStyleSheet("color: #b00020;")
            self.params_status.setText(error_text(exc))
            self._catalogue = None
            self._show_measure()  # the table shows the values in use again
            return
        self._catalogue = None
        self.params_status.setStyleSheet("color: #1b5e20;")
        self.params_status.setText(
            self.tr("Saved to {0}. Compute again to apply.").format(", ".join(str(p) for p in written))
            if written
            else self.tr("No value changed.")
        )
        self._fill_measures()
        self._update_chart()

    def reset_parameters(self) -> None:
        from sbplanner_plugin.adapters.param_files import QUANTITY_TABLE, reset_table

        removed = [name for name in ("measures.csv", QUANTITY_TABLE) if reset_table(name)]
        self._catalogue = None
        self.params_status.setStyleSheet("")
        self.params_status.setText(
            self.tr("Your copies removed ({0}): the shipped values apply.").format(", ".join(removed))
            if removed
            else self.tr("You have no edited copies: the shipped values apply.")
        )
        self._fill_measures()
        self._update_chart()

    # -- run ----------------------------------------------------------------------------------------------------
    def compute(self, incremental: bool = False) -> None:
        """Run terrace quantities → measure quantities → investment into the plan (in the background)."""
        if self.run_panel.busy:
            return
        parcels = self.parcels_combo.currentLayer()
        if parcels is None:
            self.run_panel.set_status(self.tr("Choose the parcels with measures (run step 3 first)."), error=True)
            return
        if parcels.fields().indexOf("measure_code") < 0:
            self.run_panel.set_status(
                self.tr("The layer {0} has no measures: choose the parcels with measures of step 3.").format(
                    parcels.name()
                ),
                error=True,
            )
            return
        if self.dem_combo.currentLayer() is None:
            self.run_panel.set_status(self.tr("Choose the DEM (terrace slopes and dam sections need it)."), error=True)
            return
        store = self.dock.plan_store(self.run_panel)
        if store is None:
            return
        self._incremental = incremental and names.TERRACE_QUANTITIES in store.layers()
        self._results = {}
        self._terrace_text = ""
        self._release_layers()
        self._chain = [ALG_TERRACE, ALG_MEASURES, ALG_INVEST]
        if self.layout_check.isChecked():
            self._chain.insert(1, ALG_LAYOUT)
        # one bar over the chain (a layout skipped for want of terraces leaves its share)
        self.run_panel.plan_stages([(alg, STAGE_WEIGHTS[alg]) for alg in self._chain])
        self.recompute_button.setEnabled(False)
        self._next()

    def parameters(self, alg: str) -> dict:
        store = self.dock.current_store
        parcels = layers.algorithm_input(self.parcels_combo.currentLayer())
        dem = layers.algorithm_input(self.dem_combo.currentLayer())
        fields = {}
        for key, combo in (("VILLAGE_FIELD", self.village_field), ("YEAR_FIELD", self.year_field)):
            if combo.currentField():
                fields[key] = combo.currentField()
        if alg == ALG_TERRACE:
            params = {
                "PARCELS": parcels,
                "DEM": dem,
                "BENCH_WIDTH_M": self.bench_width.value(),
                "RISER_ANGLE_DEG": self.riser_angle.value(),
                "RISER_HEIGHT_MAX_M": self.riser_max.value(),
                "MIN_BENCH_WIDTH_M": self.min_bench.value(),
                "OUTPUT_PARCELS": store.destination(names.TERRACE_QUANTITIES),
                "OUTPUT_ITEMS": store.destination(names.TERRACE_ITEMS),
                **fields,
            }
            if self._incremental:
                params["PREVIOUS_QUANTITIES"] = store.layer_uri(names.TERRACE_QUANTITIES)
            return params
        if alg == ALG_LAYOUT:
            params = {
                "PARCELS": store.layer_uri(names.TERRACE_QUANTITIES),
                "DEM": dem,
                "MIN_RADIUS_M": self.min_radius.value(),
                "STAKE_SPACING_M": self.stake_spacing.value(),
                "OUTPUT_LINES": store.destination(names.TERRACE_LINES),
                "OUTPUT_STAKES": store.destination(names.TERRACE_STAKES),
            }
            files = self.stake_files()
            if files:
                params["OUTPUT_CSV"], params["OUTPUT_GPX"] = (str(f) for f in files)
            return params
        if alg == ALG_MEASURES:
            present = set(store.layers())
            works = [store.layer_uri(k) for k in WORKS_INPUT_KEYS if k in present]
            previous = {}
            if self._incremental and {names.MEASURE_QUANTITIES, names.MEASURE_ITEMS} <= present:
                for key, name in (("PREVIOUS_QUANTITIES", names.MEASURE_QUANTITIES),
                                  ("PREVIOUS_ITEMS", names.MEASURE_ITEMS), ("PREVIOUS_WORKS", names.WORKS_QUANTITIES),
                                  ("PREVIOUS_STORAGE", names.DAM_STORAGE)):  # fmt: skip
                    if name in present:
                        previous[key] = store.layer_uri(name)
            return {
                **previous,
                "PARCELS": parcels,
                "WORKS": works,
                "DEM": dem,
                "OUTPUT_PARCELS": store.destination(names.MEASURE_QUANTITIES),
                "OUTPUT_WORKS": store.destination(names.WORKS_QUANTITIES),
                "OUTPUT_STORAGE": store.destination(names.DAM_STORAGE),
                "OUTPUT_ITEMS": store.destination(names.MEASURE_ITEMS),
                **fields,
            }
        params = {
            "ITEMS": [store.layer_uri(names.TERRACE_ITEMS), store.layer_uri(names.MEASURE_ITEMS)],
            "OUTPUT_ITEMS": store.destination(names.INVESTMENT_ITEMS),
            "OUTPUT_SUMMARY": store.destination(names.INVESTMENT_SUMMARY),
            "OUTPUT_BY_WATERSHED": store.destination(names.INVESTMENT_BY_WATERSHED),
            "OUTPUT_SCHEDULE": store.destination(names.INVESTMENT_SCHEDULE),
            "OUTPUT_FUNDING": store.destination(names.INVESTMENT_FUNDING),
        }
        if self.prices_widget.filePath().strip():
            params["UNIT_PRICES"] = self.prices_widget.filePath().strip()
        return params

    def stake_files(self):
        """(CSV, GPX) of the stakes beside a plan GeoPackage (``<plan>_terrace_stakes.csv/.gpx``); None for a
        PostGIS plan (the stakes are then in its terrace_stakes table only)."""
        from pathlib import Path

        from sbplanner_plugin.core.definitions import POSTGRES_PREFIX

        location = self.dock.current_store.location if self.dock.current_store is not None else ""
        if not location or str(location).startswith(POSTGRES_PREFIX):
            return None
        path = Path(location)
        return path.with_name(path.stem + "_terrace_stakes.csv"), path.with_name(path.stem + "_terrace_stakes.gpx")

    def _next(self) -> None:
        alg = self._chain.pop(0)
        if alg == ALG_LAYOUT and not int(self._results.get(ALG_TERRACE, {}).get("SUITABLE") or 0) + int(
            self._results.get(ALG_TERRACE, {}).get("REDUCED") or 0
        ):
            alg = self._chain.pop(0)  # no terrace to lay out
        try:
            params = self.parameters(alg)
        except Exception as exc:
            LOGGER.exception("Step 4 parameters")
            self._chain = []
            self.run_panel.set_status(str(exc), error=True)
            self.recompute_button.setEnabled(True)
            self.workflowFinished.emit(False)
            return
        if not self.run_panel.start(alg, params, lambda results, a=alg: self._done(a, results)):
            self._chain = []
            self.recompute_button.setEnabled(True)

    def _done(self, alg: str, results: dict) -> str:
        self._results[alg] = results
        if alg == ALG_TERRACE:
            text = self.tr("Terraces: {0} suitable, {1} narrowed, {2} unsuitable; {3:,.0f} m³ earthwork.").format(
                int(results.get("SUITABLE") or 0), int(results.get("REDUCED") or 0),
                int(results.get("UNSUITABLE") or 0), float(results.get("EARTHWORK_M3") or 0),
            )  # fmt: skip
            if self._incremental:
                text += " " + self.tr("{0} unchanged parcels kept, {1} recomputed.").format(
                    int(results.get("KEPT") or 0), int(results.get("RECOMPUTED") or 0)
                )
            self._terrace_text = text
            return text + " " + self.tr("Other measures next…")
        if alg == ALG_LAYOUT:
            text = self.tr("Terrace layout: {0} edge lines, {1} stakes.").format(
                int(results.get("LINE_COUNT") or 0), int(results.get("STAKE_COUNT") or 0)
            )
            files = self.stake_files()
            if files:
                text += " " + self.tr("Stakes for the GNSS receiver: {0}").format(files[1])
            self._terrace_text += " " + text
            return text
        if alg == ALG_MEASURES:
            text = self.tr("{0} parcels and {1} works with quantities; investment next…").format(
                int(results.get("PARCEL_COUNT") or 0), int(results.get("WORK_COUNT") or 0)
            )
            if self._incremental:
                kept = self.tr("Other measures: {0} unchanged parcels kept, {1} recomputed.").format(
                    int(results.get("KEPT") or 0), int(results.get("RECOMPUTED") or 0)
                )
                text = kept + " " + text
            return text
        self.load_results()
        return self.summary_status()

    def summary_status(self) -> str:
        invest = self._results.get(ALG_INVEST, {})
        total = float(invest.get("STATIC_TOTAL_YUAN") or 0) / 1e4
        text = self.tr("Quantities and investment saved in the plan: static total {0:,.2f} × 10⁴ yuan.").format(total)
        if self._terrace_text:
            text = self._terrace_text + " " + text
        if invest and not invest.get("COMPLETE", True):
            text += " " + self.tr("INCOMPLETE: {0} items without a unit price.").format(
                int(invest.get("MISSING_PRICES") or 0)
            )
        return text

    def _stage_finished(self, ok: bool) -> None:
        if ok and self._chain:
            self._next()
            return
        self._chain = []
        self.recompute_button.setEnabled(True)
        self.workflowFinished.emit(ok)

    def _release_layers(self) -> None:
        """Remove this step's layers from the project before the algorithms overwrite their tables."""
        self.model.load(None)
        for key in self.result_keys():
            old = layers.find_layer(key)
            if old is not None:
                QgsProject.instance().removeMapLayer(old.id())

    @staticmethod
    def result_keys() -> tuple[str, ...]:
        return (
            names.TERRACE_QUANTITIES, names.TERRACE_ITEMS, names.MEASURE_QUANTITIES, names.WORKS_QUANTITIES,
            names.DAM_STORAGE, names.MEASURE_ITEMS, names.INVESTMENT_ITEMS, names.INVESTMENT_SUMMARY,
            names.INVESTMENT_BY_WATERSHED, names.INVESTMENT_SCHEDULE, names.INVESTMENT_FUNDING,
            names.TERRACE_LINES, names.TERRACE_STAKES,
        )  # fmt: skip

    # -- results -------------------------------------------------------------------------------------------------
    def load_results(self) -> None:
        """Load the plan's step-4 layers into the project (when present) and refresh the summary and table."""
        store = self.dock.current_store
        if store is None:
            path = self.dock.plan_path()
            if not path:
                return
            from sbplanner_plugin.adapters import plan_store

            try:
                store = plan_store.open_scenario_store(path)
                present = set(store.layers())
            except Exception:
                return
        else:
            present = set(store.layers())
        labels = {
            names.TERRACE_QUANTITIES: self.tr("Terrace quantities"),
            names.MEASURE_QUANTITIES: self.tr("Measure quantities"),
            names.WORKS_QUANTITIES: self.tr("Works quantities"),
            names.TERRACE_ITEMS: self.tr("Terrace items"),
            names.MEASURE_ITEMS: self.tr("Measure items"),
            names.DAM_STORAGE: self.tr("Dam stage–storage"),
            names.INVESTMENT_SUMMARY: self.tr("Investment estimate"),
            names.INVESTMENT_BY_WATERSHED: self.tr("Investment per small watershed"),
            names.INVESTMENT_SCHEDULE: self.tr("Investment per year"),
            names.INVESTMENT_FUNDING: self.tr("Funding by source"),
            names.INVESTMENT_ITEMS: self.tr("Priced items"),
            names.TERRACE_LINES: self.tr("Terrace edge lines"),
            names.TERRACE_STAKES: self.tr("Terrace stakes"),
        }
        uris = [(k, store.layer_uri(k), labels[k]) for k in self.result_keys() if k in present]
        if not uris:
            return
        missing = [u for u in uris if layers.find_layer(u[0]) is None]
        if missing:
            layers.load_plan_layers(missing, GROUP_KEY, self.group_name(), provider=getattr(store, "provider", "ogr"))
        self.refresh_summary()
        terraces = layers.find_layer(names.TERRACE_QUANTITIES)
        if terraces is not None and terraces.featureCount() == 0 and layers.find_layer(names.MEASURE_QUANTITIES):
            self.table_choice.blockSignals(True)  # no terraces in the layout: show the other measures
            self.table_choice.setCurrentIndex(self.table_choice.findData(names.MEASURE_QUANTITIES))
            self.table_choice.blockSignals(False)
        self.show_table()

    def refresh_summary(self) -> None:
        parts = []
        terraces = layers.find_layer(names.TERRACE_QUANTITIES)
        if terraces is not None and terraces.featureCount() == 0:
            parts.append(self.tr("<b>Terraces</b>: none (no parcel of the layout has a terrace as its primary measure)."))  # noqa: E501
        elif terraces is not None:
            counts: dict[str, int] = {}
            earth = masonry = labour = 0.0
            for f in terraces.getFeatures(QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)):
                counts[str(f["suitability"])] = counts.get(str(f["suitability"]), 0) + 1
                earth += _number(f, "earthwork_m3")
                masonry += _number(f, "masonry_m3")
                labour += _number(f, "labour_days")
            parts.append(
                self.tr("<b>Terraces</b>: {0} parcels ({1}), earthwork {2:,.0f} m³, masonry {3:,.0f} m³, "
                        "labour {4:,.0f} man-days.").format(
                    terraces.featureCount(),
                    ", ".join(f"{suitability_label(k)} {counts[k]}" for k in sorted(counts, key=_suitability_order))
                    or "—",
                    earth, masonry, labour,
                )
            )  # fmt: skip
        items = layers.find_layer(names.MEASURE_ITEMS)
        if items is not None:
            totals: dict[tuple, float] = {}
            for f in items.getFeatures():
                key = (str(f["item"]), str(f["unit"]))
                totals[key] = totals.get(key, 0.0) + _number(f, "quantity")
            shown = [
                f"{item_label(item)} {value:,.0f} {unit_label(unit)}".rstrip()
                for (item, unit), value in sorted(totals.items())
                if item in ("trees", "shrubs", "site_prep_pits", "earth_cut_m3", "fence_m", "labour_days")
            ]
            parts.append(self.tr("<b>Other measures</b>: {0}.").format(", ".join(shown) or "—"))  # fmt: skip
        summary = layers.find_layer(names.INVESTMENT_SUMMARY)
        if summary is not None:
            static = None
            for f in summary.getFeatures():
                if str(f["code"]) == "static_total":
                    static = _number(f, "amount_wan")
            if static is not None:
                parts.append(self.tr("<b>Static total investment</b>: {0:,.2f} × 10⁴ yuan.").format(static))
            invest = self._results.get(ALG_INVEST, {})
            if invest and not invest.get("COMPLETE", True):
                parts.append(
                    "<span style='color:#b00020'>"
                    + self.tr("INCOMPLETE: {0} items have no unit price (see the log).").format(
                        int(invest.get("MISSING_PRICES") or 0)
                    )
                    + "</span>"
                )
        self.summary.setText("<br>".join(parts))

    def table_columns(self, key: str) -> list[Column]:
        c = Column
        if key == names.TERRACE_QUANTITIES:
            return [
                c(self.tr("Parcel"), field("parcel_id")), c(self.tr("Watershed"), field("ws_code")),
                c(self.tr("Measure"), self._measure_name), c(self.tr("θ (°)"), field("slope_design_deg"), 1),
                c(self.tr("B (m)"), field("bench_width_m"), 2), c(self.tr("H (m)"), field("riser_height_m"), 3),
                c(self.tr("Riser share"), field("riser_share"), 3),
                c(self.tr("Bench length (m)"), field("bench_length_m"), 0),
                c(self.tr("Earthwork (m³)"), field("earthwork_m3"), 0),
                c(self.tr("m³/hm²"), field("earthwork_m3_per_ha"), 0),
                c(self.tr("Masonry (m³)"), field("masonry_m3"), 1),
                c(self.tr("Net cropland (hm²)"), field("net_cropland_ha"), 3),
                c(self.tr("Labour (man-days)"), field("labour_days"), 0), c(self.tr("Suitability"), _suitability_text),
                c(self.tr("Reason"), field("suitability_reason")),
            ]  # fmt: skip
        if key == names.MEASURE_QUANTITIES:
            return [
                c(self.tr("Parcel"), field("parcel_id")), c(self.tr("Watershed"), field("ws_code")),
                c(self.tr("Measures"), self._measure_list), c(self.tr("Site preparation"), field("site_prep_spec")),
                c(self.tr("Spacing (m)"), field("spacing_m")), c(self.tr("Density (/hm²)"), field("density_per_ha"), 0),
                c(self.tr("Trees"), field("trees"), 0), c(self.tr("Shrubs"), field("shrubs"), 0),
                c(self.tr("Seed (kg)"), field("seed_kg"), 1), c(self.tr("Pits"), field("site_prep_pits"), 0),
                c(self.tr("Excavation (m³)"), field("earth_cut_m3"), 0), c(self.tr("Fence (m)"), field("fence_m"), 0),
                c(self.tr("Labour (man-days)"), field("labour_days"), 0), c(self.tr("Basis"), field("basis")),
            ]  # fmt: skip
        if key == names.WORKS_QUANTITIES:
            layer = layers.find_layer(key)
            shown = [f.name() for f in layer.fields()] if layer is not None else []
            return [c(n, field(n), 2) for n in shown if n.lower() != "fid"]
        return [
            c(self.tr("No."), field("line_no")), c(self.tr("Item"), _item_name),
            c(self.tr("Amount (10⁴ yuan)"), field("amount_wan"), 2),
            c(self.tr("Rate (%)"), field("rate_pct"), 2), c(self.tr("Basis"), field("basis")),
        ]  # fmt: skip

    def show_table(self) -> None:
        key = self.table_choice.currentData()
        layer = layers.find_layer(key)
        if self._selection_layer is not None:
            with contextlib.suppress(TypeError, RuntimeError):
                self._selection_layer.selectionChanged.disconnect(self._map_selection_changed)
            self._selection_layer = None
        if layer is not None and layer.isSpatial():
            layer.selectionChanged.connect(self._map_selection_changed)
            self._selection_layer = layer
        self.model = FeatureTableModel(self.table_columns(key))
        if key == names.TERRACE_QUANTITIES:
            self.model.highlight = _suitability_colour
            self.model.tooltip = lambda f: str(field("basis")(f) or "")
        self.model.load(layer)
        self.table.setModel(self.model)
        self.table.selectionModel().selectionChanged.connect(self._rows_selected)

    def _rows_selected(self, *_args) -> None:
        """Table → map: select the parcels (or works) of the selected rows; the chart marks the first θ."""
        key = self.table_choice.currentData()
        layer = layers.find_layer(key)
        if layer is None or not layer.isSpatial() or self._syncing:
            return
        rows = self.table.selectionModel().selectedRows()
        fids = [self.table.model().data(index, FID_ROLE) for index in rows]
        self._syncing = True
        try:
            layer.selectByIds(fids)
        finally:
            self._syncing = False
        if key == names.TERRACE_QUANTITIES and fids:
            feature = layer.getFeature(fids[0])
            self.chart.mark_slope(_number(feature, "slope_design_deg"))
        if fids and self.iface is not None:
            self.iface.mapCanvas().zoomToSelected(layer)

    def _map_selection_changed(self, selected, _deselected, _clear) -> None:
        if not self._syncing and self._selection_layer is not None:
            self.select_rows_of(self._selection_layer.selectedFeatureIds())

    def select_rows_of(self, fids) -> None:
        """Map → table: select the rows of ``fids`` (used when the map selection changes)."""
        self._syncing = True
        try:
            select_feature_rows(self.table, fids)
        finally:
            self._syncing = False

    # -- Step API --------------------------------------------------------------------------------------------------
    def plan_path_changed(self, path: str) -> None:
        self._results = {}
        self.model.load(None)
        self.summary.setText("")
        if self.isVisible():
            self.load_results()

    def project_cleared(self) -> None:
        self._results = {}
        self.model.load(None)
        self.summary.setText("")
        self.run_panel.set_status("")

    def cleanup(self) -> None:
        self._chain = []
        self.run_panel.cleanup()
        if self._selection_layer is not None:
            with contextlib.suppress(TypeError, RuntimeError):
                self._selection_layer.selectionChanged.disconnect(self._map_selection_changed)
            self._selection_layer = None


def _number(feature, name: str) -> float:
    value = field(name)(feature)
    try:
        return float(value) if value is not None else 0.0
    except (TypeError, ValueError):
        return 0.0


def item_label(item: str) -> str:
    """The translated name of a quantity item (core.quantities.items.ITEM_INFO)."""
    from sbplanner_plugin.core.quantities.items import ITEM_INFO, ITEMS_CONTEXT, Item

    try:
        return QCoreApplication.translate(ITEMS_CONTEXT, ITEM_INFO[Item(item)].name_en)
    except ValueError:
        return item


def suitability_label(value: str) -> str:
    return {
        "suitable": QCoreApplication.translate("QuantitiesStep", "suitable"),
        "reduced": QCoreApplication.translate("QuantitiesStep", "narrowed bench"),
        "unsuitable": QCoreApplication.translate("QuantitiesStep", "unsuitable"),
    }.get(value, value)


def _item_name(feature) -> str:
    """An investment line in the UI language (the table has name_zh and name_en)."""
    return pick(str(field("name_zh")(feature) or ""), str(field("name_en")(feature) or ""))


def _suitability_order(value: str) -> int:
    return {"suitable": 0, "reduced": 1, "unsuitable": 2}.get(value, 3)


def _suitability_text(feature) -> str:
    return suitability_label(str(field("suitability")(feature) or ""))


def _suitability_colour(feature):
    from qgis.PyQt.QtGui import QColor

    value = str(field("suitability")(feature) or "")
    return {"unsuitable": QColor(255, 205, 210), "reduced": QColor(255, 236, 179)}.get(value)
