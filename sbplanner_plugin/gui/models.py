"""Read-only table models for result layers (snapped outlets, small watersheds)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from qgis.core import QgsFeature, QgsVectorLayer
from qgis.PyQt.QtCore import QAbstractTableModel, QItemSelection, QItemSelectionModel, QModelIndex, Qt
from qgis.PyQt.QtGui import QBrush, QColor

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
FID_ROLE = Qt.ItemDataRole.UserRole + 2

#: SL 190-2007 erosion intensity classes in their order (Chinese and English names of erosion_classes.csv).
EROSION_ORDER = (
    ("微度", "slight"), ("轻度", "light"), ("中度", "moderate"), ("强烈", "intense"), ("极强烈", "extremely intense"),
    ("剧烈", "severe"),
)  # fmt: skip
_EROSION_RANK = {name: rank for rank, names in enumerate(EROSION_ORDER) for name in names}
_LEADING_NUMBER = re.compile(r"^\s*([<≤‹＜>≥›＞]?)\s*(\d+(?:\.\d+)?)")


def natural_sort_text(value: str) -> str:
    """A text that sorts ``value`` as an engineer reads it: erosion classes in their SL 190 order (微度, 轻度, 中度
    …, a bilingual "微度 slight" too), slope classes by their degrees ("<5°", "5–8°", "8–15°" … ">35°", not
    "15–25°" before "5–8°"), and numbers inside codes by value ("WS2" before "WS10")."""
    text = str(value).strip()
    head = text.split()[0] if text else ""
    if text in _EROSION_RANK or head in _EROSION_RANK:
        return f"0{_EROSION_RANK.get(text, _EROSION_RANK.get(head)):02d}"
    match = _LEADING_NUMBER.match(text)
    if match:
        sign = {"<": 0, "≤": 0, "‹": 0, "＜": 0, ">": 2, "≥": 2, "›": 2, "＞": 2}.get(match[1], 1)
        return f"1{float(match[2]):016.4f}{sign}{text}"
    return "2" + re.sub(r"\d+", lambda m: m.group().zfill(12), text)


@dataclass(frozen=True)
class Column:
    """A column: header text, how to read the value from a feature, and decimals for floats."""

    header: str
    getter: Callable[[QgsFeature], Any]
    decimals: int | None = None


def field(name: str) -> Callable[[QgsFeature], Any]:
    """Getter for attribute ``name`` (None when missing or NULL)."""

    def get(feature: QgsFeature) -> Any:
        index = feature.fields().indexOf(name)
        if index < 0:
            return None
        value = feature.attribute(index)
        return None if value is None or (hasattr(value, "isNull") and value.isNull()) else value

    return get


def point_x(feature: QgsFeature) -> float | None:
    geometry = feature.geometry()
    return None if geometry.isEmpty() else geometry.centroid().asPoint().x()


def point_y(feature: QgsFeature) -> float | None:
    geometry = feature.geometry()
    return None if geometry.isEmpty() else geometry.centroid().asPoint().y()


class FeatureTableModel(QAbstractTableModel):
    """Rows = features of a layer (copied on ``load``), columns = ``Column`` definitions.

    ``highlight(feature)`` may return a colour for a row (e.g. a long outlet snap).
    """

    def __init__(self, columns: list[Column], parent=None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.rows: list[list[Any]] = []
        self.fids: list[int] = []
        self.colours: list[QColor | None] = []
        self.highlight: Callable[[QgsFeature], QColor | None] | None = None
        self.tooltip: Callable[[QgsFeature], str] | None = None
        self.tooltips: list[str] = []

    def load(self, layer: QgsVectorLayer | None) -> None:
        """Refill from ``layer`` (None clears the table)."""
        self.beginResetModel()
        self.rows, self.fids, self.colours, self.tooltips = [], [], [], []
        if layer is not None and layer.isValid():
            for feature in layer.getFeatures():
                self.rows.append([column.getter(feature) for column in self.columns])
                self.fids.append(feature.id())
                self.colours.append(self.highlight(feature) if self.highlight else None)
                self.tooltips.append(self.tooltip(feature) if self.tooltip else "")
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        value = self.rows[index.row()][index.column()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(value, column)
        if role == SORT_ROLE:
            return natural_sort_text(value) if isinstance(value, str) else value if value is not None else ""
        if role == FID_ROLE:
            return self.fids[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, (int, float)):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and self.colours[index.row()] is not None:
            return QBrush(self.colours[index.row()])
        if role == Qt.ItemDataRole.ToolTipRole and self.tooltips[index.row()]:
            return self.tooltips[index.row()]
        return None

    @staticmethod
    def display(value: Any, column: Column) -> str:
        if value is None:
            return ""
        if column.decimals is not None and isinstance(value, (int, float)):
            return f"{value:.{column.decimals}f}"
        return str(value)


def select_feature_rows(view, fids) -> None:
    """Map → table: select (only) the rows of ``view`` whose FID_ROLE is in ``fids``, whole rows."""
    wanted = set(fids)
    selection = QItemSelection()
    model = view.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if model.data(index, FID_ROLE) in wanted:
            selection.select(index, model.index(row, model.columnCount() - 1))
    view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
