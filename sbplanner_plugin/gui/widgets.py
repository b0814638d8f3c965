"""Small reusable widgets for the SBPlanner dock."""

from __future__ import annotations

from html import escape

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QSortFilterProxyModel, Qt, pyqtSignal
from qgis.PyQt.QtGui import QKeySequence
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHeaderView,
    QLabel,
    QMenu,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sbplanner_plugin.gui.models import SORT_ROLE

#: QgsSettings folder of the tables' hidden columns (``<prefix>/<table key>``: column numbers, "2,5").
COLUMNS_SETTINGS_PREFIX = "sbplanner/hidden_columns"


class CopyableTableView(QTableView):
    """Sortable table; Ctrl+C copies the selected cells as tab-separated text (with a header row); the header's
    context menu shows or hides columns (remembered in QgsSettings for a table given a key by
    :meth:`remember_columns`), so a narrow dock shows the columns the user reads without sideways scrolling."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSortRole(SORT_ROLE)
        super().setModel(self.proxy)
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self._columns_key = ""
        header = self.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        header.setToolTip(self.tr("Right-click to choose the columns shown"))
        for signal in (self.proxy.modelReset, self.proxy.columnsInserted, self.proxy.layoutChanged):
            signal.connect(self.apply_hidden_columns)

    def setModel(self, model) -> None:
        self.proxy.setSourceModel(model)
        self.apply_hidden_columns()

    # -- column picker ---------------------------------------------------------------------------------
    def remember_columns(self, key: str) -> None:
        """Keep the columns the user hides in this table under ``key`` (the same table in every project)."""
        self._columns_key = key
        self.apply_hidden_columns()

    def columns_key(self) -> str:
        return self._columns_key

    def _settings_name(self) -> str:
        return f"{COLUMNS_SETTINGS_PREFIX}/{self._columns_key}"

    def hidden_columns(self) -> set[int]:
        if not self._columns_key:
            return {c for c in range(self.proxy.columnCount()) if self.isColumnHidden(c)}
        text = str(QgsSettings().value(self._settings_name(), "") or "")
        return {int(part) for part in text.split(",") if part.strip().isdigit()}

    def set_column_shown(self, column: int, shown: bool) -> None:
        """Show or hide ``column`` (one column always stays) and remember the choice."""
        hidden = self.hidden_columns()
        hidden = hidden - {column} if shown else hidden | {column}
        if len(hidden & set(range(self.proxy.columnCount()))) >= self.proxy.columnCount():
            return  # the last visible column stays
        if self._columns_key:
            QgsSettings().setValue(self._settings_name(), ",".join(str(c) for c in sorted(hidden)))
        self.setColumnHidden(column, not shown)
        self.apply_hidden_columns(hidden)

    def apply_hidden_columns(self, hidden=None, *_args) -> None:
        if not isinstance(hidden, set):
            if not self._columns_key:
                return
            hidden = self.hidden_columns()
        for column in range(self.proxy.columnCount()):
            self.setColumnHidden(column, column in hidden)

    def column_menu(self) -> QMenu:
        """The header's context menu: one checkable entry per column."""
        menu = QMenu(self)
        hidden = self.hidden_columns()
        for column in range(self.proxy.columnCount()):
            name = str(self.proxy.headerData(column, Qt.Orientation.Horizontal) or column + 1)
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(column not in hidden)
            action.toggled.connect(lambda on, c=column: self.set_column_shown(c, on))
        return menu

    def _column_menu(self, pos) -> None:
        self.column_menu().exec(self.horizontalHeader().mapToGlobal(pos))

    def source_model(self):
        return self.proxy.sourceModel()

    def selection_as_tsv(self) -> str:
        """Selected cells (whole rows and columns spanned by the selection) as TSV with headers."""
        indexes = self.selectionModel().selectedIndexes() if self.selectionModel() else []
        if not indexes:
            return ""
        rows = sorted({i.row() for i in indexes})
        cols = sorted({i.column() for i in indexes})
        model = self.model()
        lines = ["\t".join(str(model.headerData(c, Qt.Orientation.Horizontal)) for c in cols)]
        for r in rows:
            lines.append("\t".join(str(model.index(r, c).data() or "") for c in cols))
        return "\n".join(lines) + "\n"

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            text = self.selection_as_tsv()
            if text:
                QApplication.clipboard().setText(text)
            event.accept()
            return
        super().keyPressEvent(event)


class ProblemList(QScrollArea):
    """Validation lines that wrap (never cut with "…"), each with a "show" link selecting its parcels: identical
    problems of many parcels are one line with their count ("65 parcels: …  show them"). ``showRequested(fids)``
    is emitted on a click of the link."""

    showRequested = pyqtSignal(list)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        body = QWidget()
        self._layout = QVBoxLayout(body)
        self._layout.setContentsMargins(4, 4, 4, 4)
        self._layout.setSpacing(2)
        self._layout.addStretch(1)
        self.setWidget(body)
        self._lines: list[QLabel] = []
        self._fids: list[list[int]] = []

    def clear(self) -> None:
        for label in self._lines:
            self._layout.removeWidget(label)
            label.deleteLater()
        self._lines, self._fids = [], []

    def add_line(self, text: str, fids: list[int] | None = None, link: str = "") -> QLabel:
        """A line ``text``; with ``fids``, followed by the link ``link`` that asks to show (select) them."""
        index = len(self._lines)
        html = escape(text).replace("\n", "<br>")
        if fids and link:
            html += f' &nbsp;<a href="{index}">{escape(link)}</a>'
        label = QLabel(html)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setToolTip(text)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        label.linkActivated.connect(self._link_activated)
        self._layout.insertWidget(index, label)
        self._lines.append(label)
        self._fids.append(list(fids or []))
        return label

    def count(self) -> int:
        return len(self._lines)

    def texts(self) -> list[str]:
        """The lines' texts (without the links)."""
        return [label.toolTip() for label in self._lines]

    def fids(self, index: int) -> list[int]:
        return list(self._fids[index]) if 0 <= index < len(self._fids) else []

    def show_line(self, index: int) -> None:
        """What a click on the line's link does."""
        self._link_activated(str(index))

    def _link_activated(self, href: str) -> None:
        try:
            fids = self.fids(int(href))
        except ValueError:
            return
        if fids:
            self.showRequested.emit(fids)
