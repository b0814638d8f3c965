"""The parameter tables viewer (issue 15): every CSV under ``resources/params`` with its ``source`` and
``confidence`` columns highlighted, which of them the user's override folder replaces, and three actions —
open the override folder, copy a table there for editing, reset a table to the shipped one.

The override folder is the one the plugin reads (``adapters.param_files``: ``$SBPLANNER_PARAMS_DIR`` or
``<QGIS profile>/sbplanner/params``); a copy there replaces the shipped table as a whole. "Reset to defaults"
deletes only that table's copy, after a confirmation; the other copies and the plan are not touched.
:func:`open_param_viewer` is what a menu item calls.
"""

from __future__ import annotations

import csv
import io
import logging
import os
import shutil
from pathlib import Path

from qgis.PyQt.QtCore import Qt, QUrl
from qgis.PyQt.QtGui import QColor, QDesktopServices, QFont
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sbplanner_plugin.adapters.param_files import bundled_dir

LOGGER = logging.getLogger(__name__)

#: Columns shown highlighted: where a value comes from and how sure it is.
PROVENANCE_COLUMNS = ("source", "confidence")
PROVENANCE_COLOUR = QColor(255, 243, 205)
OVERRIDE_COLOUR = QColor("#8a4b00")
#: Confidence codes shown in a colour: anything not confirmed is to be checked.
CHECK_COLOUR = QColor("#b00020")


def override_folder() -> Path:
    """The folder of the user's edited tables (it need not exist yet): ``$SBPLANNER_PARAMS_DIR``, else
    ``<QGIS profile>/sbplanner/params`` — the folder ``adapters.param_files.params_override_dir`` reads."""
    env = os.environ.get("SBPLANNER_PARAMS_DIR")
    if env:
        return Path(env)
    from qgis.core import QgsApplication

    return Path(QgsApplication.qgisSettingsDirPath()) / "sbplanner" / "params"


def table_names() -> list[str]:
    """The shipped parameter tables (file names, sorted)."""
    return sorted(p.name for p in bundled_dir().glob("*.csv"))


def is_overridden(name: str) -> bool:
    return (override_folder() / name).is_file()


def copy_to_override(name: str) -> Path:
    """Copy the shipped table ``name`` into the override folder (created when missing) and return the copy;
    an existing copy is kept as it is (never overwritten: it may hold the user's edits)."""
    target = override_folder() / name
    if target.is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{name}.part")
    shutil.copyfile(bundled_dir() / name, temp)
    os.replace(temp, target)
    return target


def reset_to_default(name: str) -> bool:
    """Delete the user's copy of ``name`` (the shipped table applies again); True when there was one. Only
    that one file is removed."""
    target = override_folder() / name
    if not target.is_file():
        return False
    target.unlink()
    return True


def read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    """(header, rows) of a CSV file as text (UTF-8 with or without BOM)."""
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return (rows[0], rows[1:]) if rows else ([], [])


class ParamViewerDialog(QDialog):
    """List of the tables (an override marked), the chosen table's rows, and the override actions."""

    def __init__(self, parent: QWidget | None = None, select: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("SBPlanner parameter tables"))
        self.list = QListWidget()
        self.list.setMinimumWidth(200)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(self.tr("Open override folder"))
        self.copy_button = QPushButton(self.tr("Copy to override folder for editing"))
        self.reset_button = QPushButton(self.tr("Reset to defaults"))
        self.open_button.setToolTip(self.tr("Open the folder whose copies of the tables replace the shipped ones"))
        self.copy_button.setToolTip(
            self.tr("Copy the shipped table into the override folder and open it; edit it there (UTF-8 CSV)")
        )
        self.reset_button.setToolTip(
            self.tr("Delete this table's copy in the override folder (after a confirmation): the shipped table applies")
        )

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.info)
        right_layout.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        close.rejected.connect(self.reject)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.folder_label)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

        #: the CSV columns in the order shown
        self.columns: list[str] = []
        self.list.currentRowChanged.connect(self._show_current)
        self.open_button.clicked.connect(self.open_folder)
        self.copy_button.clicked.connect(self.copy_current)
        self.reset_button.clicked.connect(self.reset_current)
        self.refresh(select)
        self.resize(1100, 560)

    # -- state -------------------------------------------------------------------------------------------------
    def current_name(self) -> str:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else ""

    def refresh(self, select: str = "") -> None:
        """Re-list the tables (override marks), keep or set the selection, show the selected table."""
        select = select or self.current_name()
        folder = override_folder()
        self.folder_label.setText(
            self.tr("Override folder: {0} — a table copied there replaces the shipped one.").format(folder)
            if folder.is_dir()
            else self.tr("Override folder: {0} (not created yet) — all tables are the shipped ones.").format(folder)
        )
        self.list.blockSignals(True)
        self.list.clear()
        for name in table_names():
            overridden = is_overridden(name)
            item = QListWidgetItem(name + ("  ✎" if overridden else ""))
            item.setData(Qt.ItemDataRole.UserRole, name)
            if overridden:
                item.setForeground(OVERRIDE_COLOUR)
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
                item.setToolTip(self.tr("Replaced by your copy in the override folder"))
            self.list.addItem(item)
        self.list.blockSignals(False)
        names = table_names()
        self.list.setCurrentRow(names.index(select) if select in names else 0)
        self._show_current()

    def _show_current(self, *_args) -> None:
        name = self.current_name()
        overridden = bool(name) and is_overridden(name)
        self.reset_button.setEnabled(overridden)
        self.copy_button.setText(
            self.tr("Open your copy for editing") if overridden else self.tr("Copy to override folder for editing")
        )
        if not name:
            self.table.clear()
            self.info.clear()
            return
        path = override_folder() / name if overridden else bundled_dir() / name
        try:
            header, rows = read_rows(path)
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            self.table.clear()
            self.table.setRowCount(0)
            self.info.setText(self.tr("{0} cannot be read: {1}").format(path, exc))
            self.info.setStyleSheet("color: #b00020;")
            return
        self.info.setStyleSheet("")
        self.info.setText(
            (
                self.tr("Your copy (replaces the shipped table): {0}") if overridden else self.tr("Shipped table: {0}")
            ).format(path)
        )
        # the key column first, then where the values come from and how sure they are, then the other columns
        provenance = [header.index(c) for c in PROVENANCE_COLUMNS[::-1] if c in header]
        order = [0] + [i for i in provenance if i != 0] + [i for i in range(1, len(header)) if i not in provenance]
        order = order[: len(header)]
        self.table.clear()
        self.table.setColumnCount(len(header))
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels([header[i] for i in order])
        self.columns = [header[i] for i in order]
        confidence = header.index("confidence") if "confidence" in header else -1
        for shown, column in enumerate(order):
            if column in provenance:
                head = self.table.horizontalHeaderItem(shown)
                font = QFont(head.font())
                font.setBold(True)
                head.setFont(font)
        for r, row in enumerate(rows):
            for shown, column in enumerate(order):
                text = row[column] if column < len(row) else ""
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column in provenance:
                    item.setBackground(PROVENANCE_COLOUR)
                if column == confidence and text.strip() and text.strip() != "CONFIRMED":
                    item.setForeground(CHECK_COLOUR)
                self.table.setItem(r, shown, item)
        self.table.resizeColumnsToContents()
        for shown, column in enumerate(order):
            self.table.setColumnWidth(shown, min(self.table.columnWidth(shown), 380 if column in provenance else 200))
        self.table.resizeRowsToContents()  # the sources wrap: all of them on the page, not only in the tooltip

    # -- actions -----------------------------------------------------------------------------------------------
    def open_folder(self) -> None:
        folder = override_folder()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            QMessageBox.warning(self, self.windowTitle(), self.tr("The folder cannot be created: {0}").format(exc))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        self.refresh()

    def copy_current(self, open_file: bool = True) -> Path | None:
        """Copy the selected table into the override folder (kept when already there) and open it."""
        name = self.current_name()
        if not name:
            return None
        try:
            copy = copy_to_override(name)
        except OSError as exc:
            QMessageBox.warning(self, self.windowTitle(), self.tr("The table cannot be copied: {0}").format(exc))
            return None
        self.refresh(name)
        if open_file:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))
        return copy

    def reset_current(self, confirm: bool = True) -> bool:
        """Delete the selected table's copy in the override folder after a confirmation."""
        name = self.current_name()
        if not name or not is_overridden(name):
            return False
        if confirm:
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                self.tr(
                    "Delete your copy of {0} in the override folder? The shipped table applies again; your "
                    "other tables and the plan are not touched."
                ).format(name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            removed = reset_to_default(name)
        except OSError as exc:
            QMessageBox.warning(self, self.windowTitle(), self.tr("The copy cannot be deleted: {0}").format(exc))
            return False
        self.refresh(name)
        return removed


def open_param_viewer(parent: QWidget | None = None, select: str = "") -> ParamViewerDialog:
    """Show the parameter tables viewer (non-modal; the plugin menu and step 2 call this)."""
    dialog = ParamViewerDialog(parent, select)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.show()
    return dialog
