"""Step 2 of the dock: analyse land parcels (slope class, land use, CSLE soil loss) and summarise them
per small watershed. All numbers come from ``sbplanner:analyse_parcels`` / ``sbplanner:summarise_watersheds``."""

from __future__ import annotations

import html
import logging
import os

from qgis.core import QgsApplication, QgsProject, QgsRasterLayer, QgsVectorLayer
from qgis.gui import QgsCollapsibleGroupBox, QgsFieldComboBox, QgsFileWidget, QgsMapLayerComboBox
from qgis.PyQt.QtCore import QCoreApplication, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sbplanner_plugin import settings
from sbplanner_plugin.adapters.styles import apply_style, drop_unused_categories
from sbplanner_plugin.core import errors as core_errors
from sbplanner_plugin.core.definitions import DEFINITIONS_CONTEXT, LANDUSE_FIELDS, REGION_NAMES, find_field
from sbplanner_plugin.core.factor_lookup import K_SOILS_TABLE, K_UNIT, R_REGIONS_TABLE, R_UNIT
from sbplanner_plugin.core.parcels import CUSTOM_SLOPE_SYSTEM, DEFAULT_SLOPE_SYSTEM
from sbplanner_plugin.core.summaries import VILLAGE_FIELDS
from sbplanner_plugin.gui import layers
from sbplanner_plugin.gui.compat import layer_filter
from sbplanner_plugin.gui.names import confidence_name
from sbplanner_plugin.gui.run_panel import RunPanel
from sbplanner_plugin.gui.steps.base import Step, register_step
from sbplanner_plugin.gui.steps.parcels_tables import (
    UNMAPPED_COLOUR,
    FactorPickerDialog,
    MappingEditorDialog,
    ParcelsTables,
    RowTableModel,
    add_soil_loss_raster,
    chinese_names,
    confidence_text,
    distinct_codes,
    landuse_lookup,
    landuse_reader,
    lookup_rows,
    preview_rows,
    read_d05_shares,
    table_rows_of,
    vintage_line,
)
from sbplanner_plugin.gui.steps.watersheds_step import double_spin
from sbplanner_plugin.gui.widgets import CopyableTableView
from sbplanner_plugin.i18n import name_of, ui_language

LOGGER = logging.getLogger(__name__)

ALG_ANALYSE = "sbplanner:analyse_parcels"
ALG_SUMMARISE = "sbplanner:summarise_watersheds"
#: Shares of the run's progress bar (RunPanel.plan_stages).
STAGE_WEIGHTS = ((ALG_ANALYSE, 85), (ALG_SUMMARISE, 15))
GROUP_KEY = "parcels"
PARCELS_KEY = "parcels"
STYLE_EROSION = "parcels_erosion"
STYLE_SLOPE = "parcels_slope"
FACTORS_KEY = "factor_provenance"
SOIL_LOSS_FILE = "soil_loss_t_km2_a.tif"
#: The project entry ``make demo`` sets (sbplanner_plugin/demo/run_demo.py): the project is the demo.
DEMO_SCOPE, DEMO_KEY = "sbplanner", "demo"
DEMO_PLAN_NAME = "youwuzhen_plan.gpkg"


def cropping_zones() -> list[dict]:
    """The rows of t_zones.csv (the user's copy when there is one); [] when it cannot be read (the run
    reports the table's problem)."""
    from sbplanner_plugin.adapters.param_files import read_table, table_path
    from sbplanner_plugin.core.params import SCHEMAS

    try:
        return read_table(table_path("t_zones.csv"), SCHEMAS["t_zones.csv"])
    except (core_errors.SbPlannerError, OSError):
        LOGGER.exception("t_zones.csv cannot be read")
        return []


def is_demo_project(plan_path: str = "") -> bool:
    """True when the current project is the one ``make demo`` built (or its plan is the demo plan)."""
    entry, ok = QgsProject.instance().readEntry(DEMO_SCOPE, DEMO_KEY, "")
    return bool(ok and entry) or os.path.basename(plan_path or "") == DEMO_PLAN_NAME


def algorithm_parameter(alg_id: str, name: str):
    """Parameter definition ``name`` of a registered algorithm (None when not registered)."""
    alg = QgsApplication.processingRegistry().algorithmById(alg_id)
    return alg.parameterDefinition(name) if alg is not None else None


@register_step
class ParcelsStep(Step):
    """Parcel analysis (图斑分析): inputs, background run, styled parcels and the watershed summary."""

    number, key = 2, "parcels"
    group_key = GROUP_KEY
    #: (successful) after analysis + summary (or the first failure).
    workflowFinished = pyqtSignal(bool)

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("ParcelsStep", "Parcels and erosion")

    @classmethod
    def guide_text(cls) -> str:
        return QCoreApplication.translate(
            "ParcelsStep",
            "Computes slope and soil loss of every land-use parcel with the Chinese Soil Loss Equation A = "
            "R·K·L·S·B·E·T, grades the erosion intensity and summarises each small watershed (eroded area, "
            "conservation rate, slope composition). Set R, K and the vegetation cover first."
        )  # fmt: skip

    @classmethod
    def guide_standards(cls) -> str:
        return QCoreApplication.translate(
            "ParcelsStep",
            "CSLE (Liu Baoyuan et al. 2002); SL 190-2007 erosion intensity classes and tolerable soil loss; "
            "GB/T 21010-2017 land-use codes; slope classes of SL/T 447 Appendix D."
        )  # fmt: skip

    def group_name(self) -> str:
        return self.tr("SBPlanner – 2 Parcels")

    def __init__(self, dock, parent: QWidget | None = None) -> None:
        super().__init__(dock, parent)
        self.tables = ParcelsTables(self)
        #: (code, parcels) of the land-use codes the preview found unmapped
        self._unmapped: list[tuple[str, int]] = []
        self._stage = ""
        self._slope_system = 0
        self._watersheds = ""
        self._village = ""

        # -- parcels and land use -------------------------------------------------------------------
        self.parcels_combo = QgsMapLayerComboBox()
        self.parcels_combo.setFilters(layer_filter("PolygonLayer"))
        self.parcels_combo.setAllowEmptyLayer(True)
        self.parcels_combo.setLayer(None)
        self.dem_combo = QgsMapLayerComboBox()
        self.dem_combo.setFilters(layer_filter("RasterLayer"))
        self.landuse_field = QgsFieldComboBox()
        self.landuse_field.setAllowEmptyFieldName(True)
        self.landuse_field.setToolTip(self.tr("Field with the land-use code (third land survey DLBM or another code list)"))  # noqa: E501
        self.mapping_file = QgsFileWidget()
        self.mapping_file.setStorageMode(QgsFileWidget.StorageMode.GetFile)
        self.mapping_file.setFilter(self.tr("CSV table (*.csv)"))
        self.mapping_file.setDialogTitle(self.tr("Land-use mapping table"))
        self.mapping_file.setToolTip(
            self.tr("Optional CSV with columns code,gbt21010_code mapping another code list to GB/T 21010.")
        )
        self.preview_model = RowTableModel(self.tables.preview_columns(), self)
        self.preview_table = CopyableTableView()
        self.preview_table.setModel(self.preview_model)
        self.preview_table.setMinimumHeight(100)
        self.preview_table.setMaximumHeight(170)
        self.preview_hint = QLabel()
        self.preview_hint.setWordWrap(True)
        self.vintage_combo = QComboBox()
        for text in self._vintage_names():
            self.vintage_combo.addItem(text)
        self.vintage_combo.setToolTip(
            self.tr(
                "二调 codes (GB/T 21010-2007: 101 铁路用地) and 三调 codes (2017: 0101 水田) share digits; "
                "'Automatic' detects the vintage from the codes and the field names."
            )
        )
        self.vintage_label = QLabel()
        self.vintage_label.setWordWrap(True)

        inputs = QFormLayout()
        inputs.addRow(self.tr("Parcels"), self.parcels_combo)
        inputs.addRow(self.tr("DEM"), self.dem_combo)
        inputs.addRow(self.tr("Land-use field"), self.landuse_field)
        inputs.addRow(self.tr("Code mapping"), self.mapping_file)
        inputs.addRow(self.tr("Code vintage"), self.vintage_combo)
        parcels_box = QGroupBox(self.tr("Parcels and land use"))
        box = QVBoxLayout(parcels_box)
        box.addLayout(inputs)
        box.addWidget(QLabel(self.tr("Land-use codes found in the parcels:")))
        box.addWidget(self.preview_table)
        box.addWidget(self.preview_hint)
        self.map_button = QPushButton(self.tr("Map unmapped codes…"))
        self.map_button.setToolTip(
            self.tr("Map each code GB/T 21010 does not know to a code of the table and save the mapping as a CSV")
        )
        self.map_button.setEnabled(False)
        map_row = QHBoxLayout()
        map_row.addWidget(self.map_button)
        map_row.addStretch(1)
        box.addLayout(map_row)
        box.addWidget(self.vintage_label)

        # -- slope system -----------------------------------------------------------------------------
        self.slope_combo = QComboBox()
        for text in self._slope_system_names():
            self.slope_combo.addItem(text)
        self.slope_combo.setCurrentIndex(self._enum_default("SLOPE_SYSTEM", DEFAULT_SLOPE_SYSTEM))
        self.custom_breaks = QLineEdit()
        self.custom_breaks.setPlaceholderText(self.tr("e.g. 5,15,25 (degrees)"))
        self.custom_breaks.setEnabled(False)
        self.watersheds_combo = QgsMapLayerComboBox()
        self.watersheds_combo.setFilters(layer_filter("PolygonLayer"))
        self.watersheds_combo.setAllowEmptyLayer(True)
        self.watersheds_combo.setLayer(None)
        self.watersheds_combo.setToolTip(self.tr("Optional: small watersheds (with ws_code) for the summary tables"))
        self.village_field = self._optional_field(
            self.tr("Optional: parcel field with the village code (third land survey ZLDWDM / QSDWDM) for tables per village")  # noqa: E501
        )
        classes = QFormLayout()
        classes.addRow(self.tr("Slope classes"), self.slope_combo)
        classes.addRow(self.tr("Custom breaks"), self.custom_breaks)
        classes.addRow(self.tr("Watersheds"), self.watersheds_combo)
        classes.addRow(self.tr("Village field"), self.village_field)
        # in a box like the other rows (they sat flush left outside any box)
        classes_box = QGroupBox(self.tr("Slope classes and summary units"))
        classes_box.setLayout(classes)

        # -- CSLE factor sources --------------------------------------------------------------------------
        self.factors = QgsCollapsibleGroupBox(self.tr("Erosion factors (CSLE)"))
        self.r_spin = self._factor_spin("R_FACTOR", 0.0, 100000.0, 2)
        self.r_spin.setToolTip(self.tr("Rainfall erosivity R, MJ·mm/(hm²·h·a)"))
        self.r_raster = self._optional_raster(self.tr("Optional raster of R (replaces the number)"))
        self.k_spin = self._factor_spin("K_FACTOR", 0.0, 1.0, 4)
        self.k_spin.setToolTip(self.tr("Soil erodibility K, t·hm²·h/(hm²·MJ·mm)"))
        self.k_raster = self._optional_raster(self.tr("Optional raster of K (replaces the number)"))
        self.k_field = self._optional_field(self.tr("Optional parcel field with K (replaces number and raster)"))
        self.cover_raster = self._optional_raster(self.tr("Optional vegetation cover raster (0–1 or %)"))
        self.cover_field = self._optional_field(self.tr("Optional parcel field with vegetation cover (0–1 or %)"))
        self.canopy_field = self._optional_field(self.tr("Optional parcel field with canopy closure (0–1)"))
        self.region_combo = QComboBox()
        for text in self._region_names():
            self.region_combo.addItem(text)
        self.region_combo.setToolTip(self.tr("Erosion type region; sets the tolerable soil loss (SL 190)"))
        self.tolerance_spin = double_spin(0.0, 100000.0, 0, 0.0, " t/(km²·a)")
        self.tolerance_spin.setSpecialValueText(self.tr("from region"))
        self.tolerance_spin.setClearValue(0.0)
        self.tolerance_spin.setToolTip(self.tr("Tolerable soil loss; 0 = the value of the erosion region"))
        self.zone_combo = QComboBox()
        self.zone_combo.addItem(self.tr("none given: cropland T = 1 (bare fallow)"), "")
        for row in cropping_zones():
            text = f"{name_of(row)} (T = {row['t']:g}, {confidence_name(row['confidence'])})"
            self.zone_combo.addItem(text, row["zone_id"])
            self.zone_combo.setItemData(
                self.zone_combo.count() - 1,
                f"{row['zone_id']}: {name_of(row)}\n{row['source']}",
                Qt.ItemDataRole.ToolTipRole,
            )
        self.zone_combo.setToolTip(
            self.tr("Cropping-system zone: sets the tillage factor T of cropland (t_zones.csv)")
        )
        self.r_lookup_button = QPushButton(self.tr("Look up…"))
        self.r_lookup_button.setToolTip(
            self.tr("R by region from the shipped table r_factor_regions.csv (with its source)")
        )
        self.k_lookup_button = QPushButton(self.tr("Look up…"))
        self.k_lookup_button.setToolTip(
            self.tr("K by soil type from the shipped table k_soil_types.csv (with its source)")
        )
        #: the lookup-table row the R / K number came from (None: typed in)
        self.r_row = None
        self.k_row = None
        for combo in (self.zone_combo, self.region_combo, self.slope_combo, self.vintage_combo):  # popups show all
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(18)
        factor_form = QFormLayout(self.factors)
        factor_form.addRow(self.tr("R"), self._with_button(self.r_spin, self.r_lookup_button))
        factor_form.addRow(self.tr("R raster"), self.r_raster)
        factor_form.addRow(self.tr("K"), self._with_button(self.k_spin, self.k_lookup_button))
        factor_form.addRow(self.tr("K raster"), self.k_raster)
        factor_form.addRow(self.tr("K field"), self.k_field)
        factor_form.addRow(self.tr("Cover raster"), self.cover_raster)
        factor_form.addRow(self.tr("Cover field"), self.cover_field)
        factor_form.addRow(self.tr("Canopy field"), self.canopy_field)
        factor_form.addRow(self.tr("Erosion region"), self.region_combo)
        factor_form.addRow(self.tr("Tolerance"), self.tolerance_spin)
        factor_form.addRow(self.tr("Cropping zone"), self.zone_combo)

        # -- where the numbers come from: every factor's value, unit, confidence and source -------------------
        # a rich-text table in a label: it wraps to the dock's width (no column behind a scrollbar)
        self.factor_table = QLabel()
        self.factor_table.setWordWrap(True)
        self.factor_table.setTextFormat(Qt.TextFormat.RichText)
        self.factor_table.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.params_button = QPushButton(self.tr("Parameter tables…"))
        self.params_button.setToolTip(
            self.tr("View the parameter tables with their sources, edit a copy, or reset it to the shipped table")
        )
        self.sources_box = QGroupBox(self.tr("Factors: value, unit and source"))
        sources_layout = QVBoxLayout(self.sources_box)
        sources_layout.addWidget(self.factor_table)
        params_row = QHBoxLayout()
        self.r_table_button = QPushButton(self.tr("Look up R…"))
        self.r_table_button.setToolTip(self.r_lookup_button.toolTip())
        self.k_table_button = QPushButton(self.tr("Look up K…"))
        self.k_table_button.setToolTip(self.k_lookup_button.toolTip())
        params_row.addWidget(self.r_table_button)
        params_row.addWidget(self.k_table_button)
        params_row.addWidget(self.params_button)
        params_row.addStretch(1)
        sources_layout.addLayout(params_row)

        # -- run, style toggle, summary --------------------------------------------------------------------
        self.run_panel = RunPanel(self.tr("Analyse parcels"), self.tr("SBPlanner"), self.iface)
        self.erosion_radio = QRadioButton(self.tr("Erosion class"))
        self.slope_radio = QRadioButton(self.tr("Slope class"))
        self.erosion_radio.setChecked(True)
        self.style_group = QButtonGroup(self)
        self.style_group.addButton(self.erosion_radio)
        self.style_group.addButton(self.slope_radio)
        self.soil_loss_check = QCheckBox(self.tr("Add the soil-loss raster to the map"))
        self.soil_loss_check.setToolTip(
            self.tr(
                "Also write the soil loss of every DEM cell (t/(km²·a)) as a GeoTIFF beside the plan and show it "
                "by the SL 190 erosion classes (the erosion intensity map)"
            )
        )
        style_row = QHBoxLayout()
        style_row.addWidget(QLabel(self.tr("Show parcels by")))
        style_row.addWidget(self.erosion_radio)
        style_row.addWidget(self.slope_radio)
        style_row.addStretch(1)
        self.summary_model = RowTableModel(self.tables.summary_columns({}), self)
        self.summary_table = CopyableTableView()
        self.summary_table.setModel(self.summary_model)
        self.summary_table.setMinimumHeight(130)
        self.summary_table.setToolTip(self.tr("Click a header to sort; Ctrl+C copies the selected rows."))

        # the factors of the last run (value — source) and their warnings; the demo's illustrative note
        self.factor_warnings = QLabel()
        self.factor_warnings.setWordWrap(True)
        self.factor_warnings.setStyleSheet("color: #b00020;")
        self.factor_warnings.setVisible(False)
        self.factor_info = QLabel()
        self.factor_info.setWordWrap(True)
        self.factor_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.factor_info.setVisible(False)
        self.demo_note = QLabel(
            self.tr(
                "Demo project: illustrative only. R, K and vegetation cover are assumptions (see "
                "resources/demo/youwuzhen/README.md), not survey data; the rates are not Changting's "
                "published state."
            )
        )
        self.demo_note.setWordWrap(True)
        self.demo_note.setStyleSheet("color: #8a4b00;")
        self.demo_note.setVisible(False)
        self._factor_warning_texts: list[str] = []
        #: parcels of the last analysis wholly outside the DEM (no numbers; issue 13: the status says so)
        self._outside_dem = 0

        run_box = QGroupBox(self.tr("Analyse and summarise"))
        run_layout = QVBoxLayout(run_box)
        run_layout.addWidget(self.demo_note)
        run_layout.addWidget(self.soil_loss_check)
        run_layout.addWidget(self.run_panel)
        run_layout.addWidget(self.factor_warnings)
        run_layout.addWidget(self.factor_info)
        run_layout.addLayout(style_row)
        run_layout.addWidget(QLabel(self.tr("Per watershed (soil-erosion status, D.0.5 shares in %):")))
        run_layout.addWidget(self.summary_table)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(parcels_box)
        layout.addWidget(classes_box)
        layout.addWidget(self.factors)
        layout.addWidget(self.sources_box)
        layout.addWidget(run_box)
        layout.addStretch(1)
        self.factors.setCollapsed(True)

        self.parcels_combo.layerChanged.connect(self._parcels_changed)
        self.landuse_field.fieldChanged.connect(self.refresh_preview)
        self.mapping_file.fileChanged.connect(self.refresh_preview)
        self.vintage_combo.currentIndexChanged.connect(self.refresh_preview)
        self.slope_combo.currentIndexChanged.connect(self._slope_system_changed)
        self.run_panel.runRequested.connect(self.analyse)
        self.run_panel.runFinished.connect(self._stage_finished)
        self.style_group.buttonToggled.connect(self._style_toggled)
        self.map_button.clicked.connect(self.edit_mapping)
        self.r_lookup_button.clicked.connect(self.look_up_r)
        self.r_table_button.clicked.connect(self.look_up_r)
        self.k_table_button.clicked.connect(self.look_up_k)
        self.k_lookup_button.clicked.connect(self.look_up_k)
        self.params_button.clicked.connect(self.show_param_tables)
        #: the last run's factor values and sources (factor key → (value, source)), for the factor table
        self._run_factors: dict[str, tuple[str, str]] = {}
        for spin in (self.r_spin, self.k_spin, self.tolerance_spin):
            spin.valueChanged.connect(self.refresh_factor_table)
        for combo in (self.r_raster, self.k_raster, self.cover_raster):
            combo.layerChanged.connect(self.refresh_factor_table)
        for combo in (self.k_field, self.cover_field, self.canopy_field):
            combo.fieldChanged.connect(self.refresh_factor_table)
        self.region_combo.currentIndexChanged.connect(self.refresh_factor_table)
        self.zone_combo.currentIndexChanged.connect(self.refresh_factor_table)
        self.refresh_inputs()
        self.refresh_factor_table()

    # -- widgets -----------------------------------------------------------------------------------------
    def _factor_spin(self, name: str, minimum: float, maximum: float, decimals: int):
        definition = algorithm_parameter(ALG_ANALYSE, name)
        default = definition.defaultValue() if definition is not None else None
        value = float(default) if isinstance(default, (int, float)) else minimum
        spin = double_spin(minimum, maximum, decimals, value, "")
        spin.setClearValue(value)
        spin.setSpecialValueText(self.tr("not set"))
        return spin

    @staticmethod
    def _with_button(widget: QWidget, button: QPushButton) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(widget, 1)
        layout.addWidget(button)
        return row

    def _optional_raster(self, tooltip: str) -> QgsMapLayerComboBox:
        combo = QgsMapLayerComboBox()
        combo.setFilters(layer_filter("RasterLayer"))
        combo.setAllowEmptyLayer(True)
        combo.setLayer(None)
        combo.setToolTip(tooltip)
        return combo

    def _optional_field(self, tooltip: str) -> QgsFieldComboBox:
        combo = QgsFieldComboBox()
        combo.setAllowEmptyFieldName(True)
        combo.setToolTip(tooltip)
        return combo

    @staticmethod
    def _enum_default(name: str, fallback: int) -> int:
        """The default option of an analyse_parcels enum (the dock starts where the algorithm does)."""
        definition = algorithm_parameter(ALG_ANALYSE, name)
        try:
            return int(definition.defaultValue()) if definition is not None else fallback
        except (TypeError, ValueError):
            return fallback

    @staticmethod
    def _enum_options(name: str, fallback: list[str]) -> list[str]:
        """Option texts of an analyse_parcels enum (translated by the algorithm), else ``fallback``."""
        definition = algorithm_parameter(ALG_ANALYSE, name)
        if definition is not None and len(definition.options()) == len(fallback):
            return list(definition.options())
        return fallback

    def _slope_system_names(self) -> list[str]:
        return self._enum_options(
            "SLOPE_SYSTEM",
            [
                self.tr("SL 190 surface erosion (5/8/15/25/35°)"),
                self.tr("SL/T 447 D.0.10 land slope composition (5/15/25/35°)"),
                self.tr("SL/T 447 D.0.11 sloping cropland (5/10/15/25°)"),
                self.tr("Land survey GDPDJB (2/6/15/25°)"),
                self.tr("Custom breaks"),
            ],
        )

    def _vintage_names(self) -> list[str]:
        return self._enum_options(
            "LANDUSE_VINTAGE",
            [
                self.tr("Automatic (detect)"),
                self.tr("3rd land survey / GB/T 21010-2017"),
                self.tr("2nd land survey / GB/T 21010-2007"),
            ],
        )

    def _region_names(self) -> list[str]:
        """The algorithm's options (names with their tolerance), else the region names of core.definitions."""
        names = [QCoreApplication.translate(DEFINITIONS_CONTEXT, name) for name in REGION_NAMES]
        return self._enum_options("EROSION_REGION", names)

    def _slope_system_changed(self, index: int) -> None:
        self.custom_breaks.setEnabled(index == CUSTOM_SLOPE_SYSTEM)

    def _parcels_changed(self, layer) -> None:
        for combo in (self.landuse_field, self.k_field, self.cover_field, self.canopy_field, self.village_field):
            combo.setLayer(layer)
            combo.setField("")
        if isinstance(layer, QgsVectorLayer):
            # the algorithm's own choice when no field is given (core.definitions, case-insensitive)
            self.landuse_field.setField(find_field(layer.fields().names(), None, LANDUSE_FIELDS) or "")
            self.village_field.setField(find_field(layer.fields().names(), None, VILLAGE_FIELDS) or "")
        self.refresh_preview()

    def refresh_inputs(self) -> None:
        """Preselect the DEM used last / in step 1 and the plan's small watersheds (else watersheds)."""
        source = settings.LAST_DEM_SOURCE.value()
        for layer in QgsProject.instance().mapLayers().values():
            if isinstance(layer, QgsRasterLayer) and source and layer.source() == source:
                self.dem_combo.setLayer(layer)
                break
        watersheds = layers.find_layer("small_watersheds") or layers.find_layer("watersheds")
        if watersheds is not None:
            self.watersheds_combo.setLayer(watersheds)
        self.refresh_demo_note()

    def refresh_demo_note(self) -> None:
        """Show the illustrative-demo note when the project is the demo."""
        store = getattr(self.dock, "current_store", None)
        location = getattr(store, "location", "") if store is not None else ""
        self.demo_note.setVisible(is_demo_project(str(location or "")))

    def showEvent(self, event) -> None:
        if self.watersheds_combo.currentLayer() is None or self.dem_combo.currentLayer() is None:
            self.refresh_inputs()
        else:
            self.refresh_demo_note()
        super().showEvent(event)

    # -- land-use preview ---------------------------------------------------------------------------------
    def refresh_preview(self, *_args) -> None:
        """List the distinct codes of the land-use field and what the core maps them to."""
        layer = self.parcels_combo.currentLayer()
        field_name = self.landuse_field.currentField()
        if layer is None or not field_name:
            self.preview_model.load_rows([])
            self.preview_hint.setStyleSheet("")
            self.preview_hint.setText(
                self.tr("Choose the land-use field.") if layer is not None else self.tr("Choose a parcel layer.")
            )
            self._show_vintage("", "", False)
            self._unmapped = []
            self.map_button.setEnabled(False)
            return
        counts, scanned, total = distinct_codes(layer, field_name)
        lookup, problem = None, ""
        mapping = self.mapping_file.filePath().strip()
        for mapping_csv in (mapping, "") if mapping else ("",):
            try:
                table, line, tip, warn = vintage_line(
                    landuse_reader(mapping_csv),
                    counts,
                    layer.fields().names(),
                    layer.fields().field(field_name).isNumeric(),
                    self.vintage_combo.currentIndex(),
                )
                self._show_vintage(line, tip, warn)
                lookup = landuse_lookup(mapping_csv, table)
                break
            except ImportError:
                LOGGER.exception("Land-use table missing")
                problem = self.tr("The land-use table of SBPlanner is not available; reinstall the plugin.")
                break
            except (core_errors.SbPlannerError, OSError, ValueError) as exc:
                # a bad mapping: say why and preview with the GB/T 21010 codes alone
                from sbplanner_plugin.processing.base import error_text

                problem = problem or self.tr("Mapping not used: {0}").format(error_text(exc))
        rows = preview_rows(counts, lookup)
        self.preview_model.load_rows(rows, lambda row: None if row.mapped else UNMAPPED_COLOUR)
        unmapped = [row for row in rows if not row.mapped]
        self._unmapped = [(row.code, row.count) for row in unmapped]
        self.map_button.setEnabled(bool(unmapped))
        parts = []
        if scanned < total:
            parts.append(self.tr("First {0} of {1} parcels.").format(scanned, total))
        parts.append(self.tr("{0} code(s) in {1} parcel(s).").format(len(rows), scanned))
        if unmapped:
            parts.append(
                self.tr("{0} code(s) in {1} parcel(s) are not mapped to GB/T 21010: {2}").format(
                    len(unmapped), sum(r.count for r in unmapped), ", ".join(r.code or "NULL" for r in unmapped[:8])
                )
            )
        if problem:
            parts.append(problem)
        self.preview_hint.setStyleSheet("color: #b00020;" if unmapped or problem else "")
        self.preview_hint.setText(" ".join(parts))

    def _show_vintage(self, line: str, tooltip: str, warn: bool) -> None:
        """The land-use code vintage line (before a run: detected here; after: the algorithm's)."""
        self.vintage_label.setText(line)
        self.vintage_label.setToolTip(tooltip)
        self.vintage_label.setStyleSheet("color: #b00020;" if warn else "")

    # -- where the numbers come from (issue 15) -----------------------------------------------------------------------
    def tolerance_value(self) -> float:
        """The allowable soil loss the run will use: the number given, else the erosion region's."""
        if self.tolerance_spin.value() > 0:
            return float(self.tolerance_spin.value())
        for row in table_rows_of("tolerance_regions.csv"):
            if row["region_id"] == self.region_combo.currentIndex():
                return float(row["tolerance_t_km2_a"])
        return 0.0

    def _lookup_source(self, row, table: str) -> tuple[str, str, str]:
        """(source, its tooltip, confidence) of a number picked from a lookup table."""
        return (
            f"{table} — {row.name(chinese_names())}",
            f"{table} ({row.key}): {row.source}",
            confidence_text(row.confidence),
        )

    def factor_rows(self) -> list[tuple[str, str, str, str, str, str]]:
        """The factor table: (factor, value, unit, confidence, source, tooltip of the source) of every factor of
        A = R·K·L·S·B·E·T and the allowable soil loss, from the inputs as they are set now (L·S and B from the last
        run of this plan, when there was one). A factor not set says what the run does then."""
        run = self._run_factors
        given, data = self.tr("your value"), self.tr("your data")
        rows = []
        # R
        if self.r_raster.currentLayer() is not None:
            layer = self.r_raster.currentLayer()
            rows.append(
                (
                    self.tr("R rainfall erosivity"),
                    self.tr("raster {0}").format(layer.name()),
                    R_UNIT,
                    data,
                    self.tr("raster layer (replaces the number)"),
                    layer.source(),
                )
            )
        elif self.r_spin.value() > 0:
            if self.r_row is not None and abs(self.r_row.value - self.r_spin.value()) < 1e-9:
                source, tip, confidence = self._lookup_source(self.r_row, R_REGIONS_TABLE)
            else:
                source, tip, confidence = self.tr("typed in"), self.tr("number typed in the dock"), given
            rows.append((self.tr("R rainfall erosivity"), f"{self.r_spin.value():g}", R_UNIT, confidence, source, tip))
        else:
            text = self.tr("the run stops — enter R, look it up or choose an R raster")
            rows.append((self.tr("R rainfall erosivity"), self.tr("not set"), R_UNIT, "", text, text))
        # K
        if self.k_field.currentField():
            rows.append(
                (
                    self.tr("K soil erodibility"),
                    self.tr("field {0}").format(self.k_field.currentField()),
                    K_UNIT,
                    data,
                    self.tr("parcel field (replaces number and raster)"),
                    "",
                )
            )
        elif self.k_raster.currentLayer() is not None:
            layer = self.k_raster.currentLayer()
            rows.append(
                (
                    self.tr("K soil erodibility"),
                    self.tr("raster {0}").format(layer.name()),
                    K_UNIT,
                    data,
                    self.tr("raster layer (replaces the number)"),
                    layer.source(),
                )
            )
        elif self.k_spin.value() > 0:
            if self.k_row is not None and abs(self.k_row.value - self.k_spin.value()) < 1e-12:
                source, tip, confidence = self._lookup_source(self.k_row, K_SOILS_TABLE)
            else:
                source, tip, confidence = self.tr("typed in"), self.tr("number typed in the dock"), given
            rows.append((self.tr("K soil erodibility"), f"{self.k_spin.value():g}", K_UNIT, confidence, source, tip))
        else:
            text = self.tr("the run stops — enter K, look it up, or choose a K raster or field")
            rows.append((self.tr("K soil erodibility"), self.tr("not set"), K_UNIT, "", text, text))
        # L·S
        ls_value, ls_source = run.get("L", ("", ""))
        s_source = run.get("S", ("", ""))[1]
        rows.append(
            (
                self.tr("L·S slope length and steepness"),
                ls_value or self.tr("from the DEM, per cell"),
                "–",
                confidence_text("CONFIRMED"),
                self.tr("CSLE L (LS_TOOL, flow paths) and S (three-piece formula), domain reference §3.4–3.5"),
                "\n".join(t for t in (ls_source, s_source) if t),
            )
        )
        # B and cover
        b_rows = table_rows_of("b_factor.csv")
        b_value = run.get("B", ("", ""))[0]
        rows.append(
            (
                self.tr("B biological measures"),
                b_value or self.tr("by land use"),
                "0–1",
                confidence_text(",".join(r["confidence"] for r in b_rows)),
                self.tr("b_factor.csv, slr_coefficients.csv (soil-loss ratio, §3.6)"),
                "\n".join(f"{r['csle_class']}: {r['source']}" for r in b_rows),
            )
        )
        if self.cover_raster.currentLayer() is not None:
            cover = (
                self.tr("raster {0}").format(self.cover_raster.currentLayer().name()),
                data,
                self.tr("raster layer, per cell"),
            )
        elif self.cover_field.currentField() or self.canopy_field.currentField():
            names = ", ".join(f for f in (self.cover_field.currentField(), self.canopy_field.currentField()) if f)
            cover = (self.tr("field {0}").format(names), data, self.tr("parcel fields"))
        else:
            cover = (
                self.tr("not set"),
                confidence_text(",".join(r["confidence"] for r in b_rows if r["default_fvc"] is not None)),
                self.tr("the run uses the default cover and canopy per land use of b_factor.csv"),
            )
        rows.append((self.tr("Vegetation cover"), cover[0], "0–1", cover[1], cover[2], cover[2]))
        # E
        defaults = {r["key"]: r for r in table_rows_of("defaults.csv")}
        measure = str(defaults.get("tt_engineering_measure", {}).get("value", "none"))
        e_rows = {r["measure_code"]: r for r in table_rows_of("e_factor.csv")}
        e_row = e_rows.get(measure)
        e_name = (e_row["name_zh"] if chinese_names() else e_row["name_en"]) if e_row else ""
        e_text = self.tr("1; {0:g} on terraced cropland ({1})").format(e_row["e"], e_name) if e_row else "1"
        rows.append(
            (
                self.tr("E engineering measures"),
                e_text,
                "0–1",
                confidence_text(",".join(r["confidence"] for r in (e_rows.get("none"), e_row) if r)),
                self.tr("e_factor.csv: 1 without measures; the value of terraced cropland (GDLX = TT)"),
                "\n".join(f"{r['measure_code']}: {r['source']}" for r in (e_rows.get("none"), e_row) if r),
            )
        )
        # T
        zone = self.zone_combo.currentData()
        zones = {r["zone_id"]: r for r in table_rows_of("t_zones.csv")}
        if zone and zone in zones:
            row = zones[zone]
            rows.append(
                (
                    self.tr("T tillage measures"),
                    f"{row['t']:g}",
                    "0–1",
                    confidence_text(row["confidence"]),
                    "t_zones.csv — " + (row["name_zh"] if chinese_names() else row["name_en"]),
                    row["source"],
                )
            )
        else:
            text = self.tr("no cropping zone: T = 1 on cropland (bare fallow, inflates its soil loss)")
            rows.append((self.tr("T tillage measures"), "1", "0–1", confidence_text("CONFIRMED"), text, text))
        # the allowable soil loss
        if self.tolerance_spin.value() > 0:
            rows.append(
                (
                    self.tr("T0 allowable soil loss"),
                    f"{self.tolerance_spin.value():g}",
                    "t/(km²·a)",
                    given,
                    self.tr("typed in"),
                    self.tr("number typed in the dock"),
                )
            )
        else:
            region = [
                r for r in table_rows_of("tolerance_regions.csv") if r["region_id"] == self.region_combo.currentIndex()
            ]
            if region:
                row = region[0]
                rows.append(
                    (
                        self.tr("T0 allowable soil loss"),
                        f"{row['tolerance_t_km2_a']:g}",
                        "t/(km²·a)",
                        confidence_text(row["confidence"]),
                        "tolerance_regions.csv — " + (row["name_zh"] if chinese_names() else row["name_en"]),
                        row["source"],
                    )
                )
        return rows

    def refresh_factor_table(self, *_args) -> None:
        """Show :meth:`factor_rows`: per factor its name, value, unit and confidence, the source on the line below
        (the full sources in the tooltip); a factor not set in red, a value not confirmed in amber."""
        rows = self.factor_rows()
        head = "".join(
            f"<th align='left'>{html.escape(t)}</th>"
            for t in (self.tr("Factor"), self.tr("Value"), self.tr("Unit"), self.tr("Confidence"))
        )
        body, tips = [], []
        source_text = self.tr("Source: {0}")
        for r, (name, value, unit, confidence, source, tip) in enumerate(rows):
            missing = value == self.tr("not set") and r < 2
            colour = (
                "#b00020"
                if missing
                else ("#8a4b00" if confidence and confidence != confidence_text("CONFIRMED") else "")
            )
            style = f" style='color:{colour}'" if colour else ""
            value_style = " style='color:#b00020'" if missing else ""
            body.append(
                f"<tr><td><b>{html.escape(name)}</b></td><td{value_style}>{html.escape(value)}</td>"
                f"<td>{html.escape(unit).replace('·', '·&#8203;')}</td><td{style}>{html.escape(confidence)}</td></tr>"
                f"<tr><td colspan='4' style='color:{'#b00020' if missing else '#555555'}; padding-bottom:4px'>"
                f"{html.escape(source_text.format(source))}</td></tr>"
            )
            tips.append(f"{name}: {tip or source}")
        self.factor_table.setText(
            f"<table cellspacing='0' cellpadding='1' width='100%'><tr>{head}</tr>{''.join(body)}</table>"
        )
        self.factor_table.setToolTip("\n\n".join(tips))

    def look_up_r(self, *_args, dialog_result=None) -> bool:
        """R by region: pick a row of r_factor_regions.csv; its value fills the R number."""
        return self._look_up(R_REGIONS_TABLE, R_UNIT, self.tr("Rainfall erosivity R by region"), dialog_result)

    def look_up_k(self, *_args, dialog_result=None) -> bool:
        """K by soil type: pick a row of k_soil_types.csv; its value fills the K number."""
        return self._look_up(K_SOILS_TABLE, K_UNIT, self.tr("Soil erodibility K by soil type"), dialog_result)

    def _look_up(self, table: str, unit: str, title: str, dialog_result) -> bool:
        from sbplanner_plugin.processing.base import user_message

        try:
            rows = lookup_rows(table)
        except (core_errors.SbPlannerError, OSError) as exc:
            self.run_panel.set_status(self.tr("{0} cannot be read: {1}").format(table, user_message(exc)), error=True)
            return False
        note = self.tr(
            "First-look values, not survey data: for a plan use the provincial erosion-monitoring R and K rasters. "
            "Edit or extend the table through Parameter tables…"
        )
        dialog = FactorPickerDialog(title, rows, unit, self, note)
        if dialog_result is None:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
        else:  # tests and scripts: the row to choose (an index), without showing the dialog
            dialog.table.selectRow(dialog_result)
            accepted = True
        row = dialog.chosen() if accepted else None
        dialog.deleteLater()
        if row is None:
            return False
        if table == R_REGIONS_TABLE:
            self.r_row = row
            self.r_raster.setLayer(None)
            self.r_spin.setValue(row.value)
        else:
            self.k_row = row
            self.k_raster.setLayer(None)
            self.k_field.setField("")
            self.k_spin.setValue(row.value)
        self.refresh_factor_table()
        return True

    def show_param_tables(self, *_args):
        """The parameter tables viewer (sources, confidence, the override folder, reset)."""
        from sbplanner_plugin.gui.param_viewer import open_param_viewer

        return open_param_viewer(self)

    def mapping_editor(self) -> MappingEditorDialog | None:
        """The editor for the unmapped codes of the preview (None when every code is mapped)."""
        if not self._unmapped:
            return None
        from sbplanner_plugin.adapters.param_files import load_plugin_params, read_mapping
        from sbplanner_plugin.processing.base import user_message

        existing: dict[str, str] = {}
        mapping = self.mapping_file.filePath().strip()
        if mapping and os.path.isfile(mapping):
            try:
                existing = read_mapping(mapping)
            except (core_errors.SbPlannerError, OSError) as exc:
                self.run_panel.set_status(self.tr("Mapping not used: {0}").format(user_message(exc)), error=True)
        try:
            classes = sorted(load_plugin_params().landuse.values(), key=lambda cls: cls.code)
        except (core_errors.SbPlannerError, OSError) as exc:
            self.run_panel.set_status(user_message(exc), error=True)
            return None
        dialog = MappingEditorDialog(self._unmapped, classes, existing, self)
        store = getattr(self.dock, "current_store", None)
        location = str(getattr(store, "location", "") or "")
        folder = os.path.dirname(location) if location and not location.startswith("postgres:") else ""
        dialog.default_path = os.path.join(folder or os.path.expanduser("~"), "landuse_mapping.csv")
        return dialog

    def edit_mapping(self, *_args) -> bool:
        """Open the mapping editor; a saved mapping becomes the step's code mapping."""
        dialog = self.mapping_editor()
        if dialog is None:
            return False
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        path = dialog.saved_path
        dialog.deleteLater()
        if accepted and path:
            self.use_mapping(path)
            return True
        return False

    def use_mapping(self, path: str) -> None:
        """Make ``path`` the step's land-use code mapping (the preview and the run read it)."""
        self.mapping_file.setFilePath(path)
        self.refresh_preview()

    def soil_loss_path(self, store) -> str:
        """Where the soil-loss raster goes: beside a GeoPackage plan (``<plan>_soil_loss_t_km2_a.tif``), else
        into the Processing temporary folder."""
        location = str(getattr(store, "location", "") or "")
        if location and not location.startswith("postgres:"):
            return os.path.splitext(location)[0] + "_" + SOIL_LOSS_FILE
        from qgis.core import QgsProcessingUtils

        return os.path.join(QgsProcessingUtils.tempFolder(), SOIL_LOSS_FILE)

    # -- run --------------------------------------------------------------------------------------------------
    def parameters(self) -> dict | None:
        """analyse_parcels parameters from the widgets, or None (with a status message) when incomplete."""
        parcels, dem = self.parcels_combo.currentLayer(), self.dem_combo.currentLayer()
        if parcels is None:
            self.run_panel.set_status(self.tr("Choose a parcel polygon layer."), error=True)
            return None
        if dem is None:
            self.run_panel.set_status(self.tr("Choose a DEM raster layer."), error=True)
            return None
        system = self.slope_combo.currentIndex()
        breaks = self.custom_breaks.text().strip()
        if system == CUSTOM_SLOPE_SYSTEM and not breaks:
            self.run_panel.set_status(self.tr("Enter the custom slope breaks in degrees, e.g. 5,15,25."), error=True)
            return None
        if self.r_spin.value() <= 0 and self.r_raster.currentLayer() is None:
            self.run_panel.set_status(self.tr("Enter the rainfall erosivity R or choose an R raster."), error=True)
            self.factors.setCollapsed(False)
            return None
        if self.k_spin.value() <= 0 and self.k_raster.currentLayer() is None and not self.k_field.currentField():
            self.run_panel.set_status(
                self.tr("Enter the soil erodibility K or choose a K raster or field."), error=True
            )
            self.factors.setCollapsed(False)
            return None
        store = self.dock.plan_store(self.run_panel)
        if store is None:
            return None
        params = {
            "PARCELS": layers.algorithm_input(parcels),
            "DEM": layers.algorithm_input(dem),
            "SLOPE_SYSTEM": system,
            "CUSTOM_SLOPE_BREAKS": breaks if system == CUSTOM_SLOPE_SYSTEM else "",
            "EROSION_REGION": self.region_combo.currentIndex(),
            "TOLERANCE_T_KM2_A": self.tolerance_spin.value(),
            "OUTPUT_PARCELS": store.destination(PARCELS_KEY),
            "OUTPUT_FACTORS": store.destination(FACTORS_KEY),
        }
        if self.soil_loss_check.isChecked():
            params["OUTPUT_SOIL_LOSS"] = self.soil_loss_path(store)
        if self.zone_combo.currentData():
            params["CROPPING_ZONE"] = self.zone_combo.currentData()
        optional = {
            "WATERSHEDS": self.watersheds_combo.currentLayer(),
            "R_RASTER": self.r_raster.currentLayer(),
            "K_RASTER": self.k_raster.currentLayer(),
            "COVER_RASTER": self.cover_raster.currentLayer(),
        }
        for key, spin in (("R_FACTOR", self.r_spin), ("K_FACTOR", self.k_spin)):
            if spin.value() > 0:
                params[key] = spin.value()
        for key, layer in optional.items():
            if layer is not None:
                params[key] = layers.algorithm_input(layer)
        fields = {
            "LANDUSE_FIELD": self.landuse_field,
            "K_FIELD": self.k_field,
            "COVER_FIELD": self.cover_field,
            "CANOPY_FIELD": self.canopy_field,
        }
        for key, combo in fields.items():
            if combo.currentField():
                params[key] = combo.currentField()
        mapping = self.mapping_file.filePath().strip()
        if mapping:
            params["LANDUSE_MAPPING"] = mapping
        params["LANDUSE_VINTAGE"] = self.vintage_combo.currentIndex()
        return params

    def analyse(self) -> None:
        params = self.parameters()
        if params is None:
            return
        self._slope_system = params["SLOPE_SYSTEM"]
        self._watersheds = params.get("WATERSHEDS", "")
        self._village = self.village_field.currentField()
        settings.LAST_DEM_SOURCE.set_value(self.dem_combo.currentLayer().source())
        self._stage = "analyse"
        # one bar over analyse → summarise (the analysis is most of the time)
        self.run_panel.plan_stages(STAGE_WEIGHTS)
        if not self.run_panel.start(ALG_ANALYSE, params, self._analysed):
            self._stage = ""

    def _analysed(self, results: dict) -> str:
        store = self.dock.current_store
        loaded = layers.load_plan_layers(
            [(PARCELS_KEY, store.layer_uri(PARCELS_KEY), self.tr("Parcels"))],
            GROUP_KEY,
            self.group_name(),
            provider=getattr(store, "provider", "ogr"),
        )
        parcels = loaded.get(PARCELS_KEY)
        if parcels is None:
            raise RuntimeError(self.tr("the parcels layer was not written into the plan"))
        self.apply_parcel_style()
        self.show_factors(results)
        if FACTORS_KEY in store.layers():
            self.load_factors(store)
        soil_loss = results.get("OUTPUT_SOIL_LOSS")
        if soil_loss and os.path.isfile(str(soil_loss)):
            tolerance = float(results.get("TOLERANCE_USED") or 0.0) or self.tolerance_value()
            raster = add_soil_loss_raster(
                str(soil_loss), self.tr("Soil loss t/(km²·a)"), tolerance, GROUP_KEY, self.group_name()
            )
            if raster is None:
                LOGGER.warning("The soil-loss raster %s could not be loaded", soil_loss)
        self._outside_dem = int(results.get("PARCELS_OUTSIDE_DEM") or 0)
        used = results.get("OUTPUT_LANDUSE_VINTAGE")
        if used:
            self._show_vintage(self.tr("Last run: {0}").format(used), used, False)
        return self.tr("{0} parcel(s) analysed; summarising per watershed…").format(parcels.featureCount())

    def show_factors(self, results: dict) -> None:
        """The run's factor values and sources, and its factor warnings (R/K plausibility, T = 1)."""
        warnings = str(results.get("FACTOR_WARNINGS") or "").strip()
        provenance = str(results.get("FACTOR_PROVENANCE") or "").strip()
        self._factor_warning_texts = [w for w in warnings.splitlines() if w.strip()]
        self.factor_warnings.setText("\n".join(self._factor_warning_texts))
        self.factor_warnings.setVisible(bool(self._factor_warning_texts))
        self.factor_info.setText(self.tr("CSLE factors (value — source):") + "\n" + provenance if provenance else "")
        self.factor_info.setVisible(bool(provenance))

    def _stage_finished(self, ok: bool) -> None:
        """Chain analyse → summarise on the same run panel; emit ``workflowFinished`` at the end."""
        stage, self._stage = self._stage, ""
        if ok and stage == "analyse":
            store = self.dock.current_store
            # With PLAN the tables go into the plan (ws_landuse_slope, ws_d010, ws_d011, ws_d05,
            # ws_indicators). Same enum index: 4 (custom here) is "as analysed" there.
            params = {
                "PARCELS": store.layer_uri(PARCELS_KEY),
                "SLOPE_SYSTEM": self._slope_system,
                "PLAN": store.location,
            }
            if self._watersheds:
                params["WATERSHEDS"] = self._watersheds
            if self._village:
                params["VILLAGE_FIELD"] = self._village
            self._stage = "summarise"
            try:
                self.run_panel.start(ALG_SUMMARISE, params, self._summarised)
            except Exception as exc:  # a slot must not raise: Qt would abort QGIS
                LOGGER.exception("Could not start %s", ALG_SUMMARISE)
                self._stage = ""
                self.run_panel.set_status(self.tr("The watershed summary could not start: {0}").format(exc), error=True)
                self.workflowFinished.emit(False)
            # when start() fails it reports through runFinished(False): this slot ran again and emitted
            return
        if stage:
            self.workflowFinished.emit(ok)

    def _summarised(self, results: dict) -> str:
        rows = self.load_summary()
        if rows == 0:
            return self.tr("Parcels analysed; no watershed summary was written.") + self._outside_dem_text()
        self.load_summary_tables()
        parcels = layers.find_layer(PARCELS_KEY)
        count = parcels.featureCount() if parcels is not None else 0
        text = self.tr("{0} parcel(s) analysed and {1} summary row(s) saved in the plan.").format(count, rows)
        if self._factor_warning_texts:
            text += " " + self.tr("Check the factors: {0} warning(s) below.").format(len(self._factor_warning_texts))
        return text + self._outside_dem_text()

    def _outside_dem_text(self) -> str:
        if not self._outside_dem:
            return ""
        return " " + self.tr(
            "Warning: {0} parcel(s) lie wholly outside the DEM: they have no numbers and are not counted in the rates."
        ).format(self._outside_dem)

    # -- results -------------------------------------------------------------------------------------------------
    def load_summary(self, store=None) -> int:
        """Fill the summary table from the plan's ws_indicators (+ ws_d05) tables; returns the row count."""
        store = store or self.dock.current_store
        if store is None:
            self.summary_model.load_rows([])
            return 0
        provider = getattr(store, "provider", "ogr")
        indicators = QgsVectorLayer(store.layer_uri("ws_indicators"), "ws_indicators", provider)
        d05 = QgsVectorLayer(store.layer_uri("ws_d05"), "ws_d05", provider)
        self.summary_model.columns = self.tables.summary_columns(read_d05_shares(d05))
        self.summary_model.load(indicators if indicators.isValid() else None)
        self.summary_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        return self.summary_model.rowCount()

    def load_summary_tables(self) -> None:
        """Add the plan's summary tables to the step's group, to open, filter and export in QGIS."""
        store = self.dock.current_store
        if store is None:
            return
        names = {
            "ws_indicators": self.tr("Indicators per watershed (SWC rate, forest and grass cover)"),
            "ws_d05": self.tr("D.0.5 soil-erosion status"),
            "ws_d010": self.tr("D.0.10 land slope composition"),
            "ws_d011": self.tr("D.0.11 sloping-cropland slope composition"),
            "ws_landuse_slope": self.tr("Land use by slope class"),
            "vil_indicators": self.tr("Indicators per village"),
            "vil_d05": self.tr("D.0.5 soil-erosion status per village"),
            "vil_d010": self.tr("D.0.10 land slope composition per village"),
            "vil_d011": self.tr("D.0.11 sloping-cropland slope composition per village"),
            "vil_landuse_slope": self.tr("Land use by slope class per village"),
            FACTORS_KEY: self.tr("CSLE factor values and sources"),
        }
        present = set(store.layers())
        uris = [(key, store.layer_uri(key), label) for key, label in names.items() if key in present]
        layers.load_plan_layers(uris, GROUP_KEY, self.group_name(), provider=getattr(store, "provider", "ogr"))

    def apply_parcel_style(self) -> bool:
        """Style the loaded parcels by erosion class or slope class (the radio buttons)."""
        layer = layers.find_layer(PARCELS_KEY)
        if layer is None:
            return False
        name = STYLE_SLOPE if self.slope_radio.isChecked() else STYLE_EROSION
        ok = apply_style(layer, name, ui_language())
        if ok and name == STYLE_SLOPE:
            drop_unused_categories(layer)  # the style lists the classes of every slope system
        if self.iface is not None:
            self.iface.layerTreeView().refreshLayerSymbology(layer.id())
        return ok

    def _style_toggled(self, button, checked: bool) -> None:
        if checked:
            self.apply_parcel_style()

    # -- Step API ----------------------------------------------------------------------------------------------
    def plan_path_changed(self, path: str) -> None:
        """Show the summary a plan already holds (opening a plan loses nothing); clear it otherwise."""
        self._run_factors = {}
        self.refresh_factor_table()
        self.summary_model.load_rows([])
        self.show_factors({})
        self.demo_note.setVisible(is_demo_project(path))
        if not path or (not path.startswith("postgres:") and not os.path.isfile(path)):
            return
        try:
            from sbplanner_plugin.adapters.plan_store import open_plan_store

            store = open_plan_store(path)  # read only: no ensure(), nothing is created or upgraded here
            if "ws_indicators" in store.layers():
                self.load_summary(store)
            if FACTORS_KEY in store.layers():
                self.load_factors(store)
        except Exception:  # a slot must not raise; the plan is checked properly when a step runs
            LOGGER.exception("Could not read the summary of plan %s", path)

    def load_factors(self, store) -> None:
        """Show the factor values and sources (and warnings) of the plan's last analysis."""
        layer = QgsVectorLayer(store.layer_uri(FACTORS_KEY), FACTORS_KEY, getattr(store, "provider", "ogr"))
        if not layer.isValid():
            return
        lines, warnings = [], []
        run: dict[str, tuple[str, str]] = {}
        for feature in layer.getFeatures():
            factor, value, source = (feature[name] for name in ("factor", "value", "source"))
            if factor == "warning":
                warnings.append(str(source))
            else:
                lines.append(f"{factor}: {value} — {source}" if value else f"{factor}: {source}")
                run[str(factor)] = ("" if value is None else str(value), "" if source is None else str(source))
        self.show_factors({"FACTOR_PROVENANCE": "\n".join(lines), "FACTOR_WARNINGS": "\n".join(warnings)})
        self._run_factors = run
        self.refresh_factor_table()

    def project_cleared(self) -> None:
        self._run_factors = {}
        self.refresh_factor_table()
        self.summary_model.load_rows([])
        self.preview_model.load_rows([])
        self.preview_hint.clear()
        self.vintage_label.clear()
        self.run_panel.set_status("")
        self.show_factors({})
        self.demo_note.setVisible(False)

    def cleanup(self) -> None:
        self._stage = ""
        self.run_panel.cleanup()
