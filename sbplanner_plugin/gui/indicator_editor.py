"""Indicator and weight editor of the ranking (dock step 5): the indicator table, fields added as indicators,
and the weights given directly or by an AHP pairwise matrix with its consistency ratio computed live.

Nothing is computed here: the table is read by ``adapters.param_files.load_indicators``, a field becomes an
indicator through ``core.ranking.parse_extra_indicators`` (the algorithm's EXTRA_INDICATORS), the matrix is
checked by ``core.ranking.parse_ahp_matrix`` and weighted by ``core.ranking.ahp_weights`` — the functions the
algorithm runs, on the same CSV text the run is handed (``INDICATORS``, ``EXTRA_INDICATORS``, ``AHP_MATRIX``).
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import logging
from dataclasses import replace

from qgis.core import QgsFieldProxyModel, QgsVectorLayer
from qgis.gui import QgsFieldComboBox
from qgis.PyQt.QtCore import QCoreApplication, Qt, pyqtSignal
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sbplanner_plugin.core import ranking

LOGGER = logging.getLogger(__name__)

DIRECT, AHP = "direct", "ahp"
#: weight of an indicator added from a field (the user edits it)
EXTRA_WEIGHT = 0.05
COL_USE, COL_NAME, COL_DIRECTION, COL_WEIGHT, COL_FIELD = range(5)
LOWER_BRUSH = QBrush(QColor(238, 238, 238))


def chinese_ui() -> bool:
    """Whether the UI shows Chinese: asks the installed translation, as every label does (a zh_TW locale
    without a traditional file is English throughout, names included)."""
    from sbplanner_plugin.i18n import chinese_ui as translated_to_chinese

    return translated_to_chinese()


def reciprocal_text(text: str) -> str:
    """The text of aⱼᵢ for aᵢⱼ = ``text`` ("3" → "1/3", "1/5" → "5", "1" → "1"); the core parses both."""
    t = text.strip()
    if t in ("1", "1.0", ""):
        return "1"
    num, slash, den = t.partition("/")
    if slash:
        return den.strip() if num.strip() in ("1", "1.0") else f"{den.strip()}/{num.strip()}"
    return f"1/{t}"


class IndicatorEditor(QWidget):
    """Indicators (include, direction, weight), fields added as indicators, direct or AHP weights."""

    #: the indicators, their weights or the matrix changed
    changed = pyqtSignal()

    def __init__(self, table: str = ranking.URGENCY_TABLE, computed=ranking.URGENCY_COMPUTED, parent=None) -> None:
        super().__init__(parent)
        self.table_name = table
        self.computed = tuple(computed)
        self.shipped: list[ranking.Indicator] = []
        self.extras: list[tuple[str, int, float]] = []  # (field, direction, weight) in the order added
        self.matrix_text: dict[tuple[str, str], str] = {}  # (row key, column key) → aᵢⱼ as typed (upper)
        self.cr_max = 0.10
        self.random_index: dict[int, float] = {}
        self._filling = False
        self.ahp_error = ""

        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Use"), self.tr("Indicator"), self.tr("Direction"), self.tr("Weight"), self.tr("Source")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )  # fmt: skip
        self.table.setMinimumHeight(180)
        self.table.setToolTip(
            self.tr(
                "Untick an indicator to leave it out (weight 0); double-click a weight to edit it. +1: more is more urgent, −1: less is more urgent."  # noqa: E501
            )
        )
        self.field_combo = QgsFieldComboBox()
        self.field_combo.setFilters(QgsFieldProxyModel.Filter.Numeric)
        self.field_combo.setAllowEmptyFieldName(True)
        self.field_combo.setToolTip(self.tr("A numeric field of the small watersheds to use as an indicator"))
        self.add_button = QPushButton(self.tr("Add field"))
        self.add_button.setToolTip(
            self.tr("Add the field as an indicator (EXTRA_INDICATORS), direction +1, weight 0.05")
        )
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Remove the selected indicator added from a field"))
        add_row = QHBoxLayout()
        add_row.addWidget(self.field_combo, 1)
        add_row.addWidget(self.add_button)
        add_row.addWidget(self.remove_button)
        self.sum_label = QLabel()
        self.sum_label.setWordWrap(True)

        self.mode_combo = QComboBox()
        self.mode_combo.addItem(self.tr("Direct weights (the table)"), DIRECT)
        self.mode_combo.addItem(self.tr("AHP pairwise matrix"), AHP)
        self.mode_combo.setToolTip(
            self.tr(
                "AHP: judge each pair of the used indicators on Saaty's 1–9 scale (row vs column); the weights are the principal eigenvector, the matrix is used only when CR < 0.10"  # noqa: E501
            )
        )
        self.matrix = QTableWidget(0, 0)
        self.matrix.setMinimumHeight(160)
        self.matrix.setEditTriggers(self.table.editTriggers())
        self.matrix.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.matrix.setToolTip(
            self.tr(
                "aᵢⱼ: how much more important the row's indicator is than the column's (1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely; 1/3 … the reverse). Edit the upper triangle; the lower one is its reciprocal."  # noqa: E501
            )
        )
        self.ahp_label = QLabel()
        self.ahp_label.setWordWrap(True)
        self.ahp_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.matrix_box = QWidget()
        matrix_layout = QVBoxLayout(self.matrix_box)
        matrix_layout.setContentsMargins(0, 0, 0, 0)
        matrix_layout.addWidget(self.matrix)
        matrix_layout.addWidget(self.ahp_label)

        self.save_button = QPushButton(self.tr("Save weights"))
        self.save_button.setToolTip(
            self.tr(
                "Write the weights (unticked: 0) into your copy of the indicator table; fields added and the matrix are used by the run but not saved"  # noqa: E501
            )
        )
        self.reset_button = QPushButton(self.tr("Restore defaults"))
        self.reset_button.setToolTip(self.tr("Remove your copy of the indicator table: the shipped weights apply"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.reset_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(add_row)
        layout.addWidget(self.sum_label)
        layout.addWidget(self.mode_combo)
        layout.addWidget(self.matrix_box)
        layout.addLayout(buttons)
        layout.addWidget(self.status)

        self.table.itemChanged.connect(self._table_edited)
        self.matrix.itemChanged.connect(self._matrix_edited)
        self.mode_combo.currentIndexChanged.connect(self._mode_changed)
        self.add_button.clicked.connect(lambda: self.add_field(self.field_combo.currentField()))
        self.remove_button.clicked.connect(self.remove_selected)
        self.save_button.clicked.connect(self.save)
        self.reset_button.clicked.connect(self.reset)
        self.load()
        self._mode_changed()

    # -- the table ------------------------------------------------------------------------------------------
    def load(self) -> None:
        """(Re)read the indicator table in use (the user's copy, else the shipped one) and the AHP settings."""
        from sbplanner_plugin.adapters.param_files import load_indicators, load_random_index, load_ranking_params
        from sbplanner_plugin.core.errors import SbPlannerError
        from sbplanner_plugin.processing.base import error_text

        try:
            self.shipped = load_indicators(self.table_name, self.computed)
            self.random_index = load_random_index()
            self.cr_max = float(load_ranking_params()["ahp_cr_max"])
        except (SbPlannerError, OSError) as exc:
            LOGGER.warning("Ranking tables: %s", exc)
            self.shipped = []
            self._say(error_text(exc), error=True)
        self._fill(keep=False)

    def set_layer(self, layer) -> None:
        """The layer whose numeric fields can be added (the small watersheds)."""
        self.field_combo.setLayer(layer if isinstance(layer, QgsVectorLayer) else None)
        self.field_combo.setField("")

    def _capture(self) -> dict[str, tuple[bool, str]]:
        """What the table shows per indicator key: (ticked, weight text)."""
        out = {}
        for r in range(self.table.rowCount()):
            use, weight = self.table.item(r, COL_USE), self.table.item(r, COL_WEIGHT)
            if use is not None and weight is not None:
                out[use.data(Qt.ItemDataRole.UserRole)] = (use.checkState() == Qt.CheckState.Checked, weight.text())
        return out

    def _fill(self, keep: bool = True) -> None:
        """Rebuild the table from the indicators; ``keep``: the ticks and weights shown stay as they are."""
        shown = self._capture() if keep else {}
        self._filling = True
        try:
            zh = chinese_ui()
            rows = [(i, False) for i in self.shipped] + [(i, True) for i in self._extra_indicators()]
            self.table.setRowCount(len(rows))
            for r, (ind, extra) in enumerate(rows):
                use = QTableWidgetItem()
                use.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                use.setCheckState(Qt.CheckState.Checked if ind.weight > 0 else Qt.CheckState.Unchecked)
                use.setData(Qt.ItemDataRole.UserRole, ind.key)
                name = QTableWidgetItem((ind.name_zh if zh else ind.name_en) or ind.key)
                name.setToolTip(
                    f"{ind.key}: {ind.name_zh} / {ind.name_en} ({ind.unit})\n{ind.source} [{ind.confidence}]"
                )
                direction = QComboBox()
                direction.addItem("+1", 1)
                direction.addItem("−1", -1)
                direction.setCurrentIndex(0 if ind.direction > 0 else 1)
                direction.setEnabled(extra)
                direction.setToolTip(
                    self.tr(
                        "+1: more is more urgent; −1: less is more urgent (fixed for the indicators SBPlanner computes)"
                    )
                )
                direction.currentIndexChanged.connect(lambda _i, row=r: self._direction_changed(row))
                weight = QTableWidgetItem(f"{ind.weight:g}" if ind.weight > 0 else f"{self._default_weight(ind):g}")
                source = QTableWidgetItem(self.tr("field {0}").format(ind.field) if extra else self.tr("computed"))
                for item in (name, source):
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if ind.key in shown:
                    use.setCheckState(Qt.CheckState.Checked if shown[ind.key][0] else Qt.CheckState.Unchecked)
                    weight.setText(shown[ind.key][1])
                for c, item in ((COL_USE, use), (COL_NAME, name), (COL_WEIGHT, weight), (COL_FIELD, source)):
                    self.table.setItem(r, c, item)
                self.table.setCellWidget(r, COL_DIRECTION, direction)
        finally:
            self._filling = False
        # every indicator visible without scrolling (up to 12 rows)
        header = self.table.horizontalHeader().sizeHint().height()
        shown = min(max(self.table.rowCount(), 3), 12)
        self.table.setMinimumHeight(header + shown * self.table.verticalHeader().defaultSectionSize() + 4)
        self._refresh()

    def _default_weight(self, ind) -> float:
        """The weight shown for an unticked indicator (its saved weight is 0): the shipped one, else 0.05."""
        from sbplanner_plugin.adapters.param_files import bundled_dir, load_indicators

        try:
            shipped = {
                i.key: i.weight
                for i in load_indicators(self.table_name, self.computed, bundled_dir() / self.table_name)
            }
        except Exception:
            shipped = {}
        return shipped.get(ind.key) or EXTRA_WEIGHT

    def _extra_text(self, extras=None) -> str:
        return ";".join(
            f"{f}:{'+1' if d > 0 else '-1'}:{w:g}" for f, d, w in (self.extras if extras is None else extras)
        )

    def _extra_indicators(self) -> list[ranking.Indicator]:
        return ranking.parse_extra_indicators(self._extra_text(), self.shipped) if self.extras else []

    def add_field(self, name: str) -> bool:
        """Add the numeric field ``name`` of the watersheds as an indicator (the algorithm's EXTRA_INDICATORS)."""
        from sbplanner_plugin.core.errors import SbPlannerError
        from sbplanner_plugin.processing.base import error_text

        if not name:
            self._say(self.tr("Choose a numeric field of the small watersheds first."), error=True)
            return False
        if any(f == name for f, _d, _w in self.extras):
            self._say(self.tr("The field {0} is already an indicator.").format(name), error=True)
            return False
        candidate = [*self._read_extras(), (name, 1, EXTRA_WEIGHT)]
        try:
            ranking.parse_extra_indicators(self._extra_text(candidate), self.shipped)
        except SbPlannerError as exc:
            self._say(error_text(exc), error=True)
            return False
        self.extras = candidate
        self._fill()
        self._say(self.tr("Field {0} added as an indicator.").format(name))
        self.changed.emit()
        return True

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        extras = self._read_extras()
        first = len(self.shipped)
        removed = False
        for r in rows:
            if r >= first:
                del extras[r - first]
                removed = True
        if not removed:
            self._say(self.tr("Only indicators added from a field can be removed; untick the others."), error=True)
            return
        self.extras = extras
        self._fill()
        self.changed.emit()

    def _read_extras(self) -> list[tuple[str, int, float]]:
        """The added fields with the direction and weight as the table shows them."""
        out = []
        for k, (name, _d, w) in enumerate(self.extras):
            r = len(self.shipped) + k
            combo = self.table.cellWidget(r, COL_DIRECTION)
            direction = combo.currentData() if combo is not None else 1
            weight = self._weight_of_row(r)
            out.append((name, direction, w if weight is None else weight))
        return out

    def _weight_of_row(self, r: int) -> float | None:
        from sbplanner_plugin.core.definitions import to_number

        item = self.table.item(r, COL_WEIGHT)
        value = to_number(item.text()) if item is not None else float("nan")
        return value if value == value and value >= 0 else None

    def _table_edited(self, item) -> None:
        if self._filling:
            return
        self._refresh()
        self.changed.emit()

    def _direction_changed(self, _row: int) -> None:
        if not self._filling:
            self._refresh()
            self.changed.emit()

    # -- what the run is handed ------------------------------------------------------------------------------
    def keys(self) -> list[str]:
        return [i.key for i in self.shipped] + [i.key for i in self._extra_indicators()]

    def used_keys(self) -> list[str]:
        """The ticked indicators (in table order)."""
        keys = self.keys()
        return [keys[r] for r in range(self.table.rowCount()) if self._used(r)]

    def _used(self, r: int) -> bool:
        item = self.table.item(r, COL_USE)
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def problems(self) -> list[str]:
        """Translated reasons why the table cannot be run (bad weights, nothing ticked)."""
        out = []
        for r in range(self.table.rowCount()):
            if self._used(r) and self._weight_of_row(r) is None:
                out.append(self.tr("Weight of {0}: '{1}' is not a number ≥ 0.").format(
                    self.table.item(r, COL_NAME).text(), self.table.item(r, COL_WEIGHT).text()))  # fmt: skip
        if not self.used_keys():
            out.append(self.tr("Tick at least one indicator."))
        return out

    def weights(self) -> dict[str, float]:
        """Direct weight of every indicator as the table shows it (unticked: 0)."""
        keys = self.keys()
        return {k: (self._weight_of_row(r) or 0.0) if self._used(r) else 0.0 for r, k in enumerate(keys)}

    def indicators(self) -> list[ranking.Indicator]:
        """The shipped indicators with the weights of the table (unticked: 0)."""
        weights = self.weights()
        return [replace(i, weight=weights[i.key]) for i in self.shipped]

    def table_csv(self) -> str:
        """The indicator table with the panel's weights (the algorithm's INDICATORS file)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["key", "name_zh", "name_en", "field", "direction", "weight", "unit", "source", "confidence"])
        for i in self.indicators():
            writer.writerow([i.key, i.name_zh, i.name_en, i.field, str(i.direction), f"{i.weight:g}", i.unit,
                             i.source, i.confidence])  # fmt: skip
        return out.getvalue()

    def extra_text(self) -> str:
        """The added fields as the algorithm's EXTRA_INDICATORS (unticked: weight 0)."""
        extras = self._read_extras()
        first = len(self.shipped)
        return self._extra_text([(f, d, w if self._used(first + k) else 0.0) for k, (f, d, w) in enumerate(extras)])

    def mode(self) -> str:
        return self.mode_combo.currentData()

    # -- AHP ---------------------------------------------------------------------------------------------------
    def _mode_changed(self, *_args) -> None:
        self.matrix_box.setVisible(self.mode() == AHP)
        self._refresh()
        if not self._filling:
            self.changed.emit()

    def matrix_keys(self) -> list[str]:
        return self.used_keys()

    def _default_cell(self, ki: str, kj: str) -> str:
        """aᵢⱼ before the user judges: wᵢ / wⱼ of the direct weights (a consistent matrix, CR 0)."""
        w = self.weights()
        if not (w.get(ki, 0) > 0 and w.get(kj, 0) > 0):
            return "1"
        return f"{w[ki] / w[kj]:.3g}"

    def cell_text(self, ki: str, kj: str) -> str:
        """aᵢⱼ as the matrix holds it (typed in the upper triangle, else the reciprocal of the upper cell)."""
        keys = self.matrix_keys()
        if ki == kj:
            return "1"
        if keys.index(ki) < keys.index(kj):
            return self.matrix_text.get((ki, kj)) or self._default_cell(ki, kj)
        return reciprocal_text(self.cell_text(kj, ki))

    def set_cell(self, ki: str, kj: str, text: str) -> None:
        """Judge aᵢⱼ (``ki`` before ``kj`` in the matrix order; else the reciprocal is stored)."""
        keys = self.matrix_keys()
        if keys.index(ki) > keys.index(kj):
            ki, kj, text = kj, ki, reciprocal_text(text)
        self.matrix_text[(ki, kj)] = text.strip()
        i, j = keys.index(ki), keys.index(kj)
        self._filling = True
        try:  # update the two cells in place (the edited item must outlive its itemChanged signal)
            for r, c, value in ((i, j, self.cell_text(ki, kj)), (j, i, self.cell_text(kj, ki))):
                item = self.matrix.item(r, c)
                if item is not None and item.text() != value:
                    item.setText(value)
        finally:
            self._filling = False
        self.ahp_label.setText(self.ahp_text())

    def matrix_csv(self) -> str:
        """The matrix as the algorithm's AHP_MATRIX file (header key,<keys>, one row per key)."""
        keys = self.matrix_keys()
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["key", *keys])
        for ki in keys:
            writer.writerow([ki, *(self.cell_text(ki, kj) for kj in keys)])
        return out.getvalue()

    def ahp_result(self) -> ranking.AhpResult:
        """Weights, λmax, CI, RI and CR of the matrix by ``core.ranking`` (raises a core error on a bad matrix)."""
        matrix = ranking.parse_ahp_matrix(self.tr("AHP matrix"), self.matrix_csv())
        w, lam, ci, ri, cr = ranking.ahp_weights(matrix.values, self.random_index)
        return ranking.AhpResult(matrix.keys, w, lam, ci, ri, cr, cr < self.cr_max)

    def ahp_usable(self) -> bool:
        """The matrix will be used by the run (AHP mode, valid, CR below the limit)."""
        if self.mode() != AHP:
            return False
        try:
            return self.ahp_result().used
        except Exception:
            return False

    def _fill_matrix(self) -> None:
        keys = self.matrix_keys()
        self._filling = True
        try:
            self.matrix.setRowCount(len(keys))
            self.matrix.setColumnCount(len(keys))
            self.matrix.setHorizontalHeaderLabels(keys)
            self.matrix.setVerticalHeaderLabels(keys)
            for i, ki in enumerate(keys):
                for j, kj in enumerate(keys):
                    item = QTableWidgetItem(self.cell_text(ki, kj))
                    item.setData(Qt.ItemDataRole.UserRole, (ki, kj))
                    item.setTextAlignment(int(Qt.AlignmentFlag.AlignCenter))
                    if j <= i:
                        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                        item.setBackground(LOWER_BRUSH)
                    self.matrix.setItem(i, j, item)
        finally:
            self._filling = False

    def _matrix_edited(self, item) -> None:
        if self._filling:
            return
        ki, kj = item.data(Qt.ItemDataRole.UserRole)
        if ki in self.matrix_keys() and kj in self.matrix_keys():
            self.set_cell(ki, kj, item.text())
            self.changed.emit()

    def _refresh(self) -> None:
        """Sum of the weights, and in AHP mode the matrix with its weights and CR."""
        if self._filling:
            return
        weights = self.weights()
        total = sum(weights.values())
        problems = self.problems()
        text = self.tr("Weights of the ticked indicators add up to {0:g}; the run divides them by the sum.").format(
            total
        )
        if abs(total - 1.0) <= 1e-6:
            text = self.tr("Weights of the ticked indicators add up to 1.")
        self.sum_label.setText("<br>".join([_red(p) for p in problems] + [text]))
        if self.mode() != AHP:
            self.ahp_label.setText("")
            return
        self._fill_matrix()
        self.ahp_label.setText(self.ahp_text())

    def ahp_text(self) -> str:
        from sbplanner_plugin.processing.base import error_text

        try:
            result = self.ahp_result()
        except Exception as exc:
            self.ahp_error = error_text(exc)
            return _red(self.ahp_error)
        self.ahp_error = ""
        weights = ", ".join(f"{k} {w:.3f}" for k, w in zip(result.keys, result.weights))
        text = self.tr("AHP weights: {0}; λmax {1:.4f}, CI {2:.4f}, RI {3:.2f}, CR {4:.4f}.").format(
            weights, result.lambda_max, result.ci, result.ri, result.cr
        )
        if result.used:
            return (
                text
                + " "
                + _green(self.tr("CR < {0:.2f}: consistent, the run uses these weights.").format(self.cr_max))
            )
        return (
            text
            + "<br>"
            + _red(
                self.tr(
                    "CR {0:.3f} ≥ {1:.2f}: the matrix is NOT consistent enough and will NOT be used; the run uses the table's direct weights (and warns). Revise the judgements."  # noqa: E501
                ).format(result.cr, self.cr_max)
            )
        )

    # -- saving ---------------------------------------------------------------------------------------------------
    def save(self) -> bool:
        """Write the weights of the shipped indicators into the user's copy of the table (save_table_edits)."""
        from sbplanner_plugin.adapters.param_files import load_indicators, save_table_edits
        from sbplanner_plugin.core.errors import SbPlannerError
        from sbplanner_plugin.processing.base import error_text

        problems = self.problems()
        if problems:
            self._say(problems[0], error=True)
            return False
        current = {i.key: i.weight for i in self.shipped}
        edits = {
            i.key: {"weight": f"{i.weight:g}"} for i in self.indicators() if abs(i.weight - current[i.key]) > 1e-12
        }
        if not edits:
            self._say(self.tr("No weight changed."))
            return True
        note = QCoreApplication.translate("IndicatorEditor", "edited in SBPlanner {0}").format(
            _dt.date.today().isoformat()
        )
        try:
            path = save_table_edits(self.table_name, "key", edits, note,
                                    lambda p: load_indicators(self.table_name, self.computed, p))  # fmt: skip
        except (SbPlannerError, OSError) as exc:
            self._say(error_text(exc), error=True)
            return False
        extras = self._read_extras()
        self.load()
        self.extras = extras
        self._fill(keep=False)
        self._say(self.tr("Saved to {0}.").format(path), ok=True)
        return True

    def reset(self) -> None:
        from sbplanner_plugin.adapters.param_files import reset_table

        removed = reset_table(self.table_name)
        self.extras = []
        self.load()
        self.changed.emit()
        self._say(
            self.tr("Your copy of {0} removed: the shipped weights apply.").format(self.table_name)
            if removed
            else self.tr("You have no edited copy: the shipped weights apply.")
        )

    def _say(self, text: str, error: bool = False, ok: bool = False) -> None:
        colour = "#b00020" if error else ("#1b5e20" if ok else "")
        self.status.setStyleSheet(f"color: {colour};" if colour else "")
        self.status.setText(text)


def _red(text: str) -> str:
    return f"<span style='color:#b00020'>{_escape(text)}</span>"


def _green(text: str) -> str:
    return f"<span style='color:#1b5e20'>{_escape(text)}</span>"


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=False)
