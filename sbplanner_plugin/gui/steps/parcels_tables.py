"""Step 2 tables: the land-use code preview and the per-watershed summary (data from the core / the plan).

The dock only reads and shows: code names and groups come from ``sbplanner_plugin.core.landuse``,
the summary numbers from the ``ws_indicators`` / ``ws_d05`` tables ``summarise_watersheds`` wrote.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from typing import Any

from qgis.core import QgsFeatureRequest, QgsVectorLayer
from qgis.PyQt.QtCore import QObject
from qgis.PyQt.QtGui import QColor

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
