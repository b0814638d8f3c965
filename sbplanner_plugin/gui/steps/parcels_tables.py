"""Step 2 tables: the land-use code preview and the per-watershed summary (data from the core / the plan).

The dock only reads and shows: code names and groups come from ``sbplanner_plugin.core.landuse``,
the summary numbers from the ``ws_indicators`` / ``ws_d05`` tables ``summarise_watersheds`` wrote.
"""

from __future__ import annotations

import csv
import logging
import os
import tempfile
from collections import Counter
from collections.abc import Callable
from typing import Any

from qgis.core import QgsFeatureRequest, QgsLayerTreeLayer, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication, QObject, Qt
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from sbplanner_plugin.core.definitions import code_text
from sbplanner_plugin.core.errors import SbPlannerError
from sbplanner_plugin.core.landuse import VINTAGE_AUTO, LanduseNote, LanduseTable, detect_vintage
from sbplanner_plugin.core.summaries import ALL
from sbplanner_plugin.gui.models import Column, FeatureTableModel, field
from sbplanner_plugin.gui.names import erosion_class_name, landuse_group_name
from sbplanner_plugin.i18n import name_of

LOGGER = logging.getLogger(__name__)

#: Layers with more parcels than this are previewed from their first ``PREVIEW_SAMPLE`` features.
PREVIEW_ALL_UP_TO = 20000
PREVIEW_SAMPLE = 2000
UNMAPPED_COLOUR = QColor(255, 205, 210)
#: D.0.5 intensity classes (水土流失 = 轻度 and above) and their ``<name>_pct`` columns in ``ws_d05``.
D05_CLASSES = (
    ("轻度", "light"),
    ("中度", "moderate"),
    ("强烈", "intense"),
    ("极强烈", "very_intense"),
    ("剧烈", "severe"),
)

Lookup = Callable[[str], Any]


class RowTableModel(FeatureTableModel):
    """``FeatureTableModel`` filled from plain rows (one object per row, read by the column getters)."""

    def load_rows(self, items: list[Any], highlight: Callable[[Any], QColor | None] | None = None) -> None:
        self.beginResetModel()
        self.rows = [[column.getter(item) for column in self.columns] for item in items]
        self.fids = list(range(len(items)))
        self.colours = [highlight(item) if highlight else None for item in items]
        self.tooltips = ["" for _ in items]
        self.endResetModel()


def distinct_codes(layer: QgsVectorLayer | None, field_name: str) -> tuple[Counter, int, int]:
    """(count per code, parcels scanned, parcels in the layer); all parcels unless the layer is large."""
    counts: Counter = Counter()
    if layer is None or not layer.isValid() or layer.fields().indexOf(field_name) < 0:
        return counts, 0, 0
    total = max(layer.featureCount(), 0)
    request = QgsFeatureRequest()
    request.setFlags(QgsFeatureRequest.Flag.NoGeometry)
    request.setSubsetOfAttributes([field_name], layer.fields())
    if total > PREVIEW_ALL_UP_TO:
        request.setLimit(PREVIEW_SAMPLE)
    scanned = 0
    for feature in layer.getFeatures(request):
        value = feature[field_name]
        if hasattr(value, "isNull") and value.isNull():
            value = None
        counts[code_text(value) or ""] += 1
        scanned += 1
    return counts, scanned, total


def landuse_lookup(mapping_csv: str = "", table: LanduseTable | None = None) -> Lookup:
    """``lookup(code) -> (gbt_code, name, group) | None`` of the core land-use table (+ user mapping), the
    name in the UI language.

    The group reads "03 林地" / "03 forest land" (first-level code and name). Raises the core's ``ParamTableError``
    (naming file, line and column) when a CSV is invalid. ``table``: an already loaded resolver (in
    the vintage to preview, see :func:`vintage_line`).
    """
    if table is None:
        from sbplanner_plugin.adapters.param_files import landuse_table

        table = landuse_table(mapping_csv or None)

    def lookup(code: str):
        found = table.resolve(code)
        if found is None:
            return None
        return found.code, name_of(found), f"{found.group} {landuse_group_name(found.group)}".strip()

    return lookup


def landuse_reader(mapping_csv: str = "") -> LanduseTable:
    """The core land-use resolver (2017 and 2007 tables, + user mapping) the algorithm uses."""
    from sbplanner_plugin.adapters.param_files import landuse_table

    return landuse_table(mapping_csv or None)


def vintage_line(
    table: LanduseTable, counts: Counter, field_names: list[str], numeric: bool, choice: int = VINTAGE_AUTO
) -> tuple[LanduseTable, str, str, bool]:
    """(``table`` in the vintage the algorithm will read, the line to show, its tooltip, is it a problem).

    The same detection as ``analyse_parcels`` (``core.landuse.detect_vintage``) on the distinct codes;
    a numeric field's codes are numbers (101 may be 0101 that lost its zero)."""
    from sbplanner_plugin.processing.base import user_message

    values = [int(c) if numeric and c.isdigit() else c for c in counts if c]
    try:
        evidence = detect_vintage(values, field_names, table, choice)
    except SbPlannerError as exc:
        return table, user_message(exc), "", True
    reader = table.in_vintage(evidence.vintage)
    name = reader.table_name
    line = user_message(LanduseNote(text=evidence.describe(name)))
    return reader, line, reader.files.get(name, name), evidence.conflict


class PreviewRow:
    """One distinct land-use code of the preview: value, count and what the core maps it to."""

    def __init__(self, code: str, count: int, mapped: Any) -> None:
        self.code = code
        self.count = count
        self.mapped = tuple(mapped) if mapped else None

    def part(self, index: int) -> Any:
        return self.mapped[index] if self.mapped and len(self.mapped) > index else None


def preview_rows(counts: Counter, lookup: Lookup | None) -> list[PreviewRow]:
    rows = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        mapped = None
        if lookup is not None and code:
            try:
                mapped = lookup(code)
            except (KeyError, ValueError):
                mapped = None
        rows.append(PreviewRow(code, count, mapped))
    return rows


class ParcelsTables(QObject):
    """Column definitions (translated) and loaders of the two step-2 tables."""

    def preview_columns(self) -> list[Column]:
        return [
            Column(self.tr("Code"), lambda row: row.code or self.tr("(empty)")),
            Column(self.tr("Parcels"), lambda row: row.count),
            Column(self.tr("GB/T 21010"), lambda row: row.part(0)),
            Column(self.tr("Name"), lambda row: row.part(1) if row.mapped else self.tr("unmapped")),
            Column(self.tr("Group"), lambda row: row.part(2)),
        ]

    def _watershed_label(self, feature) -> Any:
        """The small watershed's code; the whole area's row (code ALL in the plan's tables) is 合计 / Total."""
        code = field("ws_code")(feature)
        return self.tr("Total") if code == ALL else code

    def summary_columns(self, d05: dict[str, dict[str, Any]]) -> list[Column]:
        columns = [
            Column(self.tr("Watershed"), self._watershed_label),
            Column(self.tr("Land km²"), field("land_area_km2"), 3),
            Column(self.tr("Eroded km²"), field("eroded_area_km2"), 3),
            Column(self.tr("SWC rate %"), field("swc_rate_pct"), 1),
            Column(self.tr("Forest-grass cover %"), field("forest_grass_cover_pct"), 1),
            Column(self.tr("Mean t/(km²·a)"), field("mean_modulus_t_km2_a"), 0),
            Column(self.tr("Unrecognised land use km²"), field("unmapped_area_km2"), 3),
        ]
        for name, column in D05_CLASSES:
            columns.append(Column(erosion_class_name(name) + " %", _d05_share(d05, column), 1))
        return columns


def _d05_share(d05: dict[str, dict[str, Any]], column: str) -> Callable:
    """Getter: the D.0.5 share (% of the eroded area) in ``<column>_pct`` for the feature's watershed."""
    ws_code = field("ws_code")

    def get(feature) -> Any:
        return d05.get(str(ws_code(feature)), {}).get(column)

    return get


def read_d05_shares(layer: QgsVectorLayer | None) -> dict[str, dict[str, Any]]:
    """``{ws_code: {class column: pct}}`` from the plan's ``ws_d05`` table."""
    shares: dict[str, dict[str, Any]] = {}
    if layer is None or not layer.isValid():
        return shares
    get_code = field("ws_code")
    getters = {column: field(f"{column}_pct") for _, column in D05_CLASSES}
    for feature in layer.getFeatures():
        shares[str(get_code(feature))] = {column: get(feature) for column, get in getters.items()}
    return shares


# -- where the numbers come from (issue 15): lookup tables, the factor table, the mapping editor -------------------
def confidence_text(code: str) -> str:
    """A table's confidence code (CONFIRMED … PROPOSAL) in the user's language; other texts as they are."""
    names = {
        "CONFIRMED": QCoreApplication.translate("ParcelsTables", "confirmed"),
        "PARTIAL": QCoreApplication.translate("ParcelsTables", "partly confirmed"),
        "UNVERIFIED": QCoreApplication.translate("ParcelsTables", "unverified"),
        "DERIVED": QCoreApplication.translate("ParcelsTables", "derived"),
        "PROPOSAL": QCoreApplication.translate("ParcelsTables", "proposal"),
    }
    parts = [names.get(part.strip(), part.strip()) for part in str(code or "").split(",") if part.strip()]
    return QCoreApplication.translate("ParcelsTables", ", ").join(dict.fromkeys(parts))


def chinese_names() -> bool:
    """True when the lookup tables' Chinese names are to be shown: the user interface is in Chinese (a text of
    this module translates into CJK characters)."""
    text = QCoreApplication.translate("ParcelsTables", "Name")
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def lookup_rows(table: str) -> list:
    """The rows (``core.factor_lookup.FactorRow``) of ``r_factor_regions.csv`` or ``k_soil_types.csv`` — the
    user's copy in the override folder when there is one. Raises the core's ``ParamTableError`` when invalid."""
    from sbplanner_plugin.adapters.param_files import read_text, table_path
    from sbplanner_plugin.core.factor_lookup import K_SOILS_TABLE, parse_k_soils, parse_r_regions

    path = table_path(table)
    parse = parse_k_soils if table == K_SOILS_TABLE else parse_r_regions
    return parse(path.name, read_text(path))


def table_rows_of(name: str) -> list[dict]:
    """The rows of one of the plugin's parameter tables (checked by its schema), [] when unreadable."""
    from sbplanner_plugin.adapters.param_files import read_table, table_path
    from sbplanner_plugin.core.param_schemas import table_schemas

    try:
        return read_table(table_path(name), table_schemas()[name])
    except (SbPlannerError, OSError, KeyError):
        LOGGER.exception("%s cannot be read", name)
        return []


class FactorPickerDialog(QDialog):
    """Pick one row of a lookup table (R by region or K by soil type): name, value, unit, source, confidence."""

    def __init__(self, title: str, rows: list, unit: str, parent=None, note: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.rows = rows
        zh = chinese_names()
        self.table = QTableWidget(len(rows), 5, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Value"), self.tr("Unit"), self.tr("Confidence"), self.tr("Source")]
        )
        for r, row in enumerate(rows):
            place = f"{row.name(zh)}"
            cells = [place, f"{row.value:g}", unit, confidence_text(row.confidence), row.source]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(row.source if c == 4 else text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if c == 3 and row.confidence != "CONFIRMED":
                    item.setForeground(QColor("#8a4b00"))
                self.table.setItem(r, c, item)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(4, 360)
        self.table.resizeRowsToContents()
        self.table.doubleClicked.connect(self.accept)
        if rows:
            self.table.selectRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Use this value"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if note:
            label = QLabel(note)
            label.setWordWrap(True)
            label.setStyleSheet("color: #8a4b00;")
            layout.addWidget(label)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(760, 320)

    def chosen(self):
        """The selected row (``FactorRow``), or None."""
        selected = self.table.selectionModel().selectedRows()
        return self.rows[selected[0].row()] if selected else None


class MappingEditorDialog(QDialog):
    """Map each land-use code of the parcels that GB/T 21010 does not know to a code of the table; save the
    mapping (with the rows of the current mapping file) as a CSV the step then uses (``code``,
    ``gbt21010_code``, ``note``: the columns ``core.landuse.parse_mapping`` reads)."""

    def __init__(self, unmapped: list[tuple[str, int]], classes: list, existing: dict[str, str], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Map land-use codes to GB/T 21010"))
        self.existing = dict(existing)
        zh = chinese_names()
        self.table = QTableWidget(len(unmapped), 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Parcels"), self.tr("GB/T 21010 code")])
        self.combos: list[QComboBox] = []
        self.codes = [code for code, _ in unmapped]
        for r, (code, count) in enumerate(unmapped):
            for c, text in enumerate((code or self.tr("(empty)"), str(count))):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(r, c, item)
            combo = QComboBox()
            combo.addItem(self.tr("(not mapped)"), "")
            for cls in classes:
                combo.addItem(f"{cls.code} {cls.name_zh if zh else cls.name_en}", cls.code)
            combo.setEnabled(bool(code))  # an empty code cannot be mapped: fill the field
            self.table.setCellWidget(r, 2, combo)
            self.combos.append(combo)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        hint = QLabel(
            self.tr(
                "Choose the GB/T 21010-2017 class of each code, then save the mapping as a CSV (columns code, "
                "gbt21010_code); the step uses it at once. Rows of the current mapping file are kept."
            )
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save as CSV…"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self._save_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.saved_path = ""
        self.default_path = ""
        self.resize(520, 360)

    def set_choice(self, code: str, target: str) -> bool:
        """Choose ``target`` for ``code`` (for tests and scripts); False when either is unknown."""
        if code not in self.codes:
            return False
        combo = self.combos[self.codes.index(code)]
        index = combo.findData(target)
        if index < 0:
            return False
        combo.setCurrentIndex(index)
        return True

    def mapping(self) -> dict[str, str]:
        """The current mapping file's rows, then the codes chosen here."""
        out = dict(self.existing)
        for code, combo in zip(self.codes, self.combos):
            if code and combo.currentData():
                out[code] = combo.currentData()
        return out

    def save(self, path: str) -> None:
        """Write the mapping to ``path`` (UTF-8, atomically: a temporary file moved over it)."""
        chosen = set(self.codes)
        folder = os.path.dirname(os.path.abspath(path)) or "."
        handle, temp = tempfile.mkstemp(prefix=".sbplanner-map-", suffix=".csv", dir=folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                writer = csv.writer(out)
                writer.writerow(["code", "gbt21010_code", "note"])
                for code, target in self.mapping().items():
                    writer.writerow([code, target, "SBPlanner mapping editor" if code in chosen else ""])
            os.replace(temp, path)
        except BaseException:
            if os.path.exists(temp):
                os.remove(temp)
            raise
        self.saved_path = path

    def _save_clicked(self) -> None:
        if not any(combo.currentData() for combo in self.combos):
            QMessageBox.information(
                self, self.windowTitle(), self.tr("Choose a GB/T 21010 code for at least one code.")
            )
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the land-use mapping"), self.default_path, self.tr("CSV table (*.csv)")
        )
        if not path:
            return
        if not path.lower().endswith(".csv"):
            path += ".csv"
        try:
            self.save(path)
        except OSError as exc:
            QMessageBox.warning(self, self.windowTitle(), self.tr("The mapping could not be saved: {0}").format(exc))
            return
        self.accept()


def add_soil_loss_raster(path: str, name: str, tolerance: float, group_key: str, group_name: str):
    """Load the soil-loss raster (t/(km²·a)) into the step's group, styled by the SL 190 classes of
    erosion_classes.csv (class 1 from ``tolerance``); returns the layer or None when it cannot be read."""
    from qgis.core import QgsColorRampShader, QgsRasterLayer, QgsRasterShader, QgsSingleBandPseudoColorRenderer

    from sbplanner_plugin.gui import layers

    layer = QgsRasterLayer(path, name)
    if not layer.isValid():
        return None
    rows = sorted(table_rows_of("erosion_classes.csv"), key=lambda row: row["class_id"])
    zh = chinese_names()
    lowers = [tolerance if row["lower_t_km2_a"] == "tolerance" else float(row["lower_t_km2_a"]) for row in rows]
    items = []
    for i, row in enumerate(rows):
        upper = lowers[i + 1] if i + 1 < len(lowers) else float("inf")
        label = row["name_zh"] if zh else row["name_en"]
        span = (
            f"< {upper:g}" if i == 0 else (f"≥ {lowers[i]:g}" if upper == float("inf") else f"{lowers[i]:g}–{upper:g}")
        )
        colour = QColor(EROSION_COLOURS[min(i, len(EROSION_COLOURS) - 1)])
        items.append(QgsColorRampShader.ColorRampItem(upper, colour, f"{label} {span}"))
    ramp = QgsColorRampShader()
    ramp.setColorRampType(QgsColorRampShader.Type.Discrete)
    ramp.setColorRampItemList(items)
    shader = QgsRasterShader()
    shader.setRasterShaderFunction(ramp)
    renderer = QgsSingleBandPseudoColorRenderer(layer.dataProvider(), 1, shader)
    layer.setRenderer(renderer)
    layer.setCustomProperty(layers.LAYER_PROPERTY, SOIL_LOSS_KEY)
    project = QgsProject.instance()
    group = layers.ensure_group(group_key, group_name, project)
    place = None
    for node in list(group.findLayers()):  # a re-run replaces the raster in place
        old = node.layer()
        if old is not None and old.customProperty(layers.LAYER_PROPERTY) == SOIL_LOSS_KEY:
            if place is None:
                place = group.children().index(node)
            project.removeMapLayer(old.id())
    project.addMapLayer(layer, False)
    if place is None:  # above the parcels' fills (it shows the same area cell by cell), below points and lines
        parcels = [
            i
            for i, c in enumerate(group.children())
            if isinstance(c, QgsLayerTreeLayer)
            and c.layer() is not None
            and c.layer().customProperty(layers.LAYER_PROPERTY) == "parcels"
        ]
        place = parcels[0] if parcels else len(group.children())
    group.insertLayer(place, layer)
    return layer


SOIL_LOSS_KEY = "soil_loss_raster"
#: SL 190 class colours of the parcels' erosion style (resources/styles/parcels_erosion.qml), 微度 … 剧烈.
EROSION_COLOURS = ("#b7e29e", "#ffec5c", "#faa03c", "#e2241e", "#960816", "#5c284c")
