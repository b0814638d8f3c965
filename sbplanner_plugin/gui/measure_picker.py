"""Categorised measure picker (Chinese names, icons by category, from the catalogue) and the design-parameter form."""

from __future__ import annotations

from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QFormLayout, QLabel, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from sbplanner_plugin.core import measures as core

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
        return {
            "engineering": self.tr("工程措施 engineering"),
            "vegetative": self.tr("林草措施 vegetative"),
            "tillage": self.tr("耕作措施 tillage"),
            "closure": self.tr("封育治理 closure"),
        }.get(category, category)

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
                item = QTreeWidgetItem([f"{measure.name_zh}  {measure.name_en}"])
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
        groups = ", ".join(measure.landuse_groups)
        return self.tr("{0} ({1}); land use {2}; slope {3:g}–{4:g}°; D.0.15: {5}; {6}").format(
            measure.name_zh,
            measure.code,
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
        names = self.catalogue.names_zh(self._checked) if self.catalogue else ""
        self.chosen.setText(self.tr("Measures: {0}").format(names or self.tr("none (无措施)")))


class DesignParamsForm(QWidget):
    """One line edit per design parameter of a measure (catalogue defaults, the parcel's values on top)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.edits: dict[str, QLineEdit] = {}
        self.defaults: dict[str, str] = {}

    def set_measure(self, measure: core.Measure | None, values: dict[str, str] | None = None) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.edits, self.defaults = {}, {}
        if measure is None:
            return
        for key, default in measure.design_params.items():
            text = f"{default:g}" if isinstance(default, float) else str(default)
            self.defaults[key] = text
            edit = QLineEdit((values or {}).get(key, text))
            edit.setPlaceholderText(text)
            edit.setToolTip(self.tr("Catalogue default: {0}").format(text))
            self.edits[key] = edit
            self.form.addRow(key, edit)

    def values(self) -> dict[str, str]:
        return {key: edit.text().strip() or self.defaults[key] for key, edit in self.edits.items()}
