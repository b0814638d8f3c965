"""Categorised measure picker (names in the UI language, icons by category, from the catalogue) and the
design-parameter form (translated names with units, a choice list for coded values)."""

from __future__ import annotations

from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sbplanner_plugin.core import measures as core
from sbplanner_plugin.gui import names
from sbplanner_plugin.i18n import name_of

CODE_ROLE = Qt.ItemDataRole.UserRole + 10


def category_icon(category: str) -> QIcon:
    """The icon of a measure category (``resources/icons/measure_<category>.svg``; "" = no measure)."""
    from sbplanner_plugin.paths import resources_path

    return QIcon(str(resources_path("icons", f"measure_{category or 'none'}.svg")))


class MeasurePicker(QWidget):
    """Tree of the catalogue's measures by category; checked measures (in check order, the first is the
    primary one) are what ``codes()`` returns. ``geometry`` limits the tree to parcel (polygon) measures
    or to the works placed on the map (point / line)."""

    changed = pyqtSignal()

    def __init__(self, geometries: tuple[str, ...] = ("polygon",), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.geometries = geometries
        self.catalogue: core.Catalogue | None = None
        self._checked: list[str] = []
        self._updating = False
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setMinimumHeight(150)
        self.chosen = QLabel()
        self.chosen.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        layout.addWidget(self.chosen)
        self.tree.itemChanged.connect(self._item_changed)

    def category_label(self, category: str) -> str:
        return names.category_name(category)

    def set_catalogue(self, catalogue: core.Catalogue | None) -> None:
        self.catalogue = catalogue
        self._updating = True
        self.tree.clear()
        for category in core.CATEGORIES:
            measures = [
                m for m in (catalogue or {}).values() if m.category == category and m.geometry in self.geometries
            ]
            if not measures:
                continue
            top = QTreeWidgetItem([self.category_label(category)])
            top.setIcon(0, category_icon(category))
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(top)
            for measure in measures:
                item = QTreeWidgetItem([name_of(measure)])
                item.setData(0, CODE_ROLE, measure.code)
                item.setIcon(0, category_icon(category))
                item.setToolTip(0, self.tooltip(measure))
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
                )
                item.setCheckState(0, Qt.CheckState.Unchecked)
                top.addChild(item)
            top.setExpanded(True)
        self._updating = False
        self.set_codes([])

    def tooltip(self, measure: core.Measure) -> str:
        groups = names.landuse_groups_text(measure.landuse_groups)
        return self.tr("{0}; land use {1}; slope {2:g}–{3:g}°; D.0.15: {4}; {5}").format(
            name_of(measure),
            groups,
            measure.slope_min_deg,
            measure.slope_max_deg,
            measure.sl447_column or "—",
            measure.confidence,
        )

    def _items(self):
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                yield top.child(j)

    def item(self, code: str) -> QTreeWidgetItem | None:
        return next((it for it in self._items() if it.data(0, CODE_ROLE) == code), None)

    def codes(self) -> list[str]:
        return list(self._checked)

    def set_codes(self, codes: list[str]) -> None:
        """Check exactly ``codes`` (unknown codes are ignored)."""
        self._updating = True
        known = {it.data(0, CODE_ROLE) for it in self._items()}
        self._checked = [c for c in codes if c in known]
        for it in self._items():
            on = it.data(0, CODE_ROLE) in self._checked
            it.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self._updating = False
        self._show_chosen()
        self.changed.emit()

    def _item_changed(self, item: QTreeWidgetItem, _column: int) -> None:
        if self._updating:
            return
        code = item.data(0, CODE_ROLE)
        if item.checkState(0) == Qt.CheckState.Checked and code not in self._checked:
            self._checked.append(code)
        elif item.checkState(0) != Qt.CheckState.Checked and code in self._checked:
            self._checked.remove(code)
        self._show_chosen()
        self.changed.emit()

    def _show_chosen(self) -> None:
        chosen = names.measure_names(self.catalogue, self._checked) if self.catalogue else ""
        self.chosen.setText(self.tr("Measures: {0}").format(chosen or self.tr("none")))


class DesignParamsForm(QWidget):
    """The design parameters of a measure (catalogue defaults, the parcel's values on top): one row per
    parameter with its translated name and unit; a choice list where the catalogue codes the value (riser
    earth / dry stone, yes / no, automatic bench width), a line edit for numbers and sizes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.edits: dict[str, QWidget] = {}
        self.defaults: dict[str, str] = {}
        self.catalogue: core.Catalogue | None = None

    def set_catalogue(self, catalogue: core.Catalogue | None) -> None:
        """The catalogue whose values of a key make its choice list (every coded value any measure uses)."""
        self.catalogue = catalogue

    def choices(self, key: str, default: str) -> list[str]:
        """The coded values offered for ``key``: those the catalogue uses for it (yes/no for a switch),
        empty when the parameter is a number or a size."""
        used = [default]
        for measure in (self.catalogue or {}).values():
            value = measure.design_params.get(key)
            if value is not None:
                text = f"{value:g}" if isinstance(value, float) else str(value)
                if text not in used:
                    used.append(text)
        if not any(names.is_coded(v) for v in used):
            return []
        if "yes" in used or "no" in used:
            return [v for v in names.YES_NO] + [v for v in used if v not in names.YES_NO]
        return used

    def set_measure(self, measure: core.Measure | None, values: dict[str, str] | None = None) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.edits, self.defaults = {}, {}
        if measure is None:
            return
        for key, default in measure.design_params.items():
            text = f"{default:g}" if isinstance(default, float) else str(default)
            self.defaults[key] = text
            value = (values or {}).get(key, text)
            choices = self.choices(key, text)
            if choices:
                edit = QComboBox()
                # a number typed over "automatic" (bench width) stays possible
                edit.setEditable(any(not names.is_coded(c) for c in choices) or not names.is_coded(value))
                for choice in choices:
                    edit.addItem(names.value_name(choice), choice)
                index = edit.findData(value)
                if index < 0:
                    edit.addItem(names.value_name(value), value)
                    index = edit.count() - 1
                edit.setCurrentIndex(index)
            else:
                edit = QLineEdit(value)
                edit.setPlaceholderText(text)
            edit.setToolTip(self.tr("Catalogue default: {0}").format(names.value_name(text)))
            edit.setObjectName(key)
            self.edits[key] = edit
            self.form.addRow(names.param_label(key), edit)

    def value_of(self, key: str) -> str:
        edit = self.edits[key]
        if isinstance(edit, QComboBox):
            index = edit.findText(edit.currentText())
            if index >= 0 and edit.itemData(index) is not None:
                return str(edit.itemData(index))
            return edit.currentText().strip() or self.defaults[key]
        return edit.text().strip() or self.defaults[key]

    def values(self) -> dict[str, str]:
        return {key: self.value_of(key) for key in self.edits}
