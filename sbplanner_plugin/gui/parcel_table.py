"""The parcel table of the measure editor: filterable rows with a validation flag, linked to the map selection."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from qgis.core import QgsFeature, QgsFeatureRequest, QgsVectorLayer
from qgis.PyQt.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QObject
from qgis.PyQt.QtGui import QColor

from sbplanner_plugin.gui.models import FID_ROLE, Column, FeatureTableModel, field, natural_sort_text

#: Fields the table can be filtered by (the step labels them).
FILTER_FIELDS = ("ws_code", "landuse_name", "slope_class", "erosion_class", "status")
PROBLEM_COLOUR = QColor(255, 224, 178)
FLAG = "⚠"

Problems = Callable[[QgsFeature], list[str]]


class ParcelTableModel(FeatureTableModel):
    """All parcels of the layer are kept; ``set_filter`` shows the matching ones. The last column is the
    validation flag (count of problems; the row tooltip lists them)."""

    def __init__(self, columns: list[Column], parent=None) -> None:
        super().__init__(columns, parent)
        self.problems_of: Problems = lambda feature: []
        self.filters: dict[str, str] = {}
        self._entries: dict[int, tuple[list, dict, list[str]]] = {}
        self._order: list[int] = []

    # -- filling ---------------------------------------------------------------------------------
    def _entry(self, feature: QgsFeature) -> tuple[list, dict, list[str]]:
        problems = self.problems_of(feature)
        row = [column.getter(feature) for column in self.columns[:-1]]
        row.append(f"{FLAG} {len(problems)}" if problems else "")
        record = {name: "" if field(name)(feature) is None else str(field(name)(feature)) for name in FILTER_FIELDS}
        return row, record, problems

    def load(self, layer: QgsVectorLayer | None) -> None:
        self._entries, self._order = {}, []
        if layer is not None and layer.isValid():
            request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
            for feature in layer.getFeatures(request):
                self._entries[feature.id()] = self._entry(feature)
                self._order.append(feature.id())
        self.apply_filter()

    def refresh(self, layer: QgsVectorLayer, fids: list[int], written: dict | None = None) -> None:
        """Re-read ``fids`` from the layer and update their rows in place (rows stay where they are).

        ``written`` ({fid: {field: value}}) is what the edit just stored: it is laid over the values
        read back, so a read that still sees the previous state cannot show stale measures or flags.
        """
        if layer is None or not fids:
            return
        request = QgsFeatureRequest().setFilterFids(list(fids)).setFlags(QgsFeatureRequest.Flag.NoGeometry)
        position = {fid: i for i, fid in enumerate(self.fids)}
        for feature in layer.getFeatures(request):
            for name, value in (written or {}).get(feature.id(), {}).items():
                index = feature.fields().indexOf(name)
                if index >= 0:
                    feature.setAttribute(index, value)
            entry = self._entry(feature)
            self._entries[feature.id()] = entry
            row = position.get(feature.id())
            if row is not None:
                self._set_row(row, entry)
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def _set_row(self, row: int, entry) -> None:
        values, _record, problems = entry
        self.rows[row] = values
        self.colours[row] = PROBLEM_COLOUR if problems else None
        self.tooltips[row] = "\n".join(problems)

    # -- filtering -------------------------------------------------------------------------------
    def set_filter(self, name: str, value: str | None) -> None:
        if value is None:
            self.filters.pop(name, None)
        else:
            self.filters[name] = value
        self.apply_filter()

    def apply_filter(self) -> None:
        self.beginResetModel()
        self.rows, self.fids, self.colours, self.tooltips = [], [], [], []
        for fid in self._order:
            entry = self._entries[fid]
            if all(entry[1].get(k) == v for k, v in self.filters.items()):
                self.rows.append(None)
                self.colours.append(None)
                self.tooltips.append("")
                self.fids.append(fid)
                self._set_row(len(self.rows) - 1, entry)
        self.endResetModel()

    def distinct(self, name: str) -> list[str]:
        return sorted({entry[1].get(name, "") for entry in self._entries.values()}, key=natural_sort_text)

    def all_problems(self) -> dict[int, list[str]]:
        return {fid: entry[2] for fid, entry in self._entries.items() if entry[2]}

    def feature_count(self) -> int:
        return len(self._entries)


class SelectionLink(QObject):
    """Two-way link of a table view's row selection (rows carry ``FID_ROLE``) and a layer's selection."""

    def __init__(self, view, parent: QObject | None = None, canvas=None) -> None:
        super().__init__(parent)
        self.view = view
        self.layer: QgsVectorLayer | None = None
        self.canvas = canvas  # given: a table selection also zooms the map to it
        self._busy = False
        view.selectionModel().selectionChanged.connect(self.from_table)

    def set_layer(self, layer: QgsVectorLayer | None) -> None:
        if self.layer is not None:
            with contextlib.suppress(TypeError, RuntimeError):
                self.layer.selectionChanged.disconnect(self.from_map)
        self.layer = layer
        if layer is not None:
            layer.selectionChanged.connect(self.from_map)

    def selected_fids(self) -> list[int]:
        model = self.view.model()
        rows = {index.row() for index in self.view.selectionModel().selectedRows()}
        return sorted(model.index(r, 0).data(FID_ROLE) for r in rows)

    def from_table(self, *_args) -> None:
        if self._busy or self.layer is None:
            return
        self._busy = True
        try:
            fids = self.selected_fids()
            self.layer.selectByIds(fids)
        finally:
            self._busy = False
        if fids and self.canvas is not None:
            self.canvas.zoomToSelected(self.layer)

    def from_map(self, *_args) -> None:
        if self._busy or self.layer is None:
            return
        self._busy = True
        try:
            self.select_rows(set(self.layer.selectedFeatureIds()))
        finally:
            self._busy = False

    def select_rows(self, fids: set[int]) -> None:
        model = self.view.model()
        selection = QItemSelection()
        last = model.columnCount() - 1
        first_row = None
        for row in range(model.rowCount()):
            if model.index(row, 0).data(FID_ROLE) in fids:
                selection.select(model.index(row, 0), model.index(row, last))
                first_row = row if first_row is None else first_row
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.view.selectionModel().select(selection, flags)
        if first_row is not None:
            self.view.scrollTo(model.index(first_row, 0))
        elif not fids:
            self.view.selectionModel().clearSelection()
        self.view.selectionModel().setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
