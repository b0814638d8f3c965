"""Step 2 of the dock: analyse land parcels (slope class, land use, CSLE soil loss) and summarise them
per small watershed. All numbers come from ``sbplanner:analyse_parcels`` / ``sbplanner:summarise_watersheds``."""

from __future__ import annotations

import logging
import os

from qgis.core import QgsApplication, QgsProject, QgsRasterLayer, QgsVectorLayer
from qgis.gui import QgsCollapsibleGroupBox, QgsFieldComboBox, QgsFileWidget, QgsMapLayerComboBox
from qgis.PyQt.QtCore import QCoreApplication, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sbplanner_plugin import settings
from sbplanner_plugin.adapters.styles import apply_style, drop_unused_categories
from sbplanner_plugin.core import errors as core_errors
from sbplanner_plugin.core.definitions import DEFINITIONS_CONTEXT, LANDUSE_FIELDS, REGION_NAMES, find_field
from sbplanner_plugin.core.parcels import CUSTOM_SLOPE_SYSTEM, DEFAULT_SLOPE_SYSTEM
from sbplanner_plugin.core.summaries import VILLAGE_FIELDS
from sbplanner_plugin.gui import layers
from sbplanner_plugin.gui.compat import layer_filter
from sbplanner_plugin.gui.names import confidence_name
from sbplanner_plugin.gui.run_panel import RunPanel
from sbplanner_plugin.gui.steps.base import Step, register_step
from sbplanner_plugin.gui.steps.parcels_tables import (
    UNMAPPED_COLOUR,
    ParcelsTables,
    RowTableModel,
    distinct_codes,
    landuse_lookup,
    landuse_reader,
    preview_rows,
    read_d05_shares,
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
        self.landuse_field.setToolTip(self.tr("Field with the land-use code (三调 DLBM or another code list)"))
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
            self.tr("Optional: parcel field with the village code (三调 ZLDWDM / QSDWDM) for tables per village")
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
            self.tr("Cropping-system zone (轮作制度分区): sets the tillage factor T of cropland (t_zones.csv)")
        )
        factor_form = QFormLayout(self.factors)
        factor_form.addRow(self.tr("R"), self.r_spin)
        factor_form.addRow(self.tr("R raster"), self.r_raster)
        factor_form.addRow(self.tr("K"), self.k_spin)
        factor_form.addRow(self.tr("K raster"), self.k_raster)
        factor_form.addRow(self.tr("K field"), self.k_field)
        factor_form.addRow(self.tr("Cover raster"), self.cover_raster)
        factor_form.addRow(self.tr("Cover field"), self.cover_field)
        factor_form.addRow(self.tr("Canopy field"), self.canopy_field)
        factor_form.addRow(self.tr("Erosion region"), self.region_combo)
        factor_form.addRow(self.tr("Tolerance"), self.tolerance_spin)
        factor_form.addRow(self.tr("Cropping zone"), self.zone_combo)

        # -- run, style toggle, summary --------------------------------------------------------------------
        self.run_panel = RunPanel(self.tr("Analyse parcels"), self.tr("SBPlanner"), self.iface)
        self.erosion_radio = QRadioButton(self.tr("Erosion class"))
        self.slope_radio = QRadioButton(self.tr("Slope class"))
        self.erosion_radio.setChecked(True)
        self.style_group = QButtonGroup(self)
        self.style_group.addButton(self.erosion_radio)
        self.style_group.addButton(self.slope_radio)
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
        self.refresh_inputs()

    # -- widgets -----------------------------------------------------------------------------------------
    def _factor_spin(self, name: str, minimum: float, maximum: float, decimals: int):
        definition = algorithm_parameter(ALG_ANALYSE, name)
        default = definition.defaultValue() if definition is not None else None
        value = float(default) if isinstance(default, (int, float)) else minimum
        spin = double_spin(minimum, maximum, decimals, value, "")
        spin.setClearValue(value)
        spin.setSpecialValueText(self.tr("not set"))
        return spin

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
            "ws_indicators": self.tr("Indicators per watershed (水土保持率, 林草覆盖率)"),
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
        for feature in layer.getFeatures():
            factor, value, source = (feature[name] for name in ("factor", "value", "source"))
            if factor == "warning":
                warnings.append(str(source))
            else:
                lines.append(f"{factor}: {value} — {source}" if value else f"{factor}: {source}")
        self.show_factors({"FACTOR_PROVENANCE": "\n".join(lines), "FACTOR_WARNINGS": "\n".join(warnings)})

    def project_cleared(self) -> None:
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
