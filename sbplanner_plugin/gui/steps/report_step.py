"""Step 6 of the dock: the design deliverables (设计成果) — the SL/T 447 workbook, the Word report, the map atlas.

The step gathers the choices (scenario, tables, language, project name, output folder, map types, page size,
report template) and runs, in the background, ``sbplanner:export_maps`` (PDF atlas and the whole-area PNGs the
report inserts), ``sbplanner:export_report`` (.docx) and ``sbplanner:export_design_tables`` (.xlsx); each writes
its file atomically and lists what the plan could not give. **Make all** runs the three in that order. A chosen
sheet of the written workbook is previewed inside the dock, as written (merged headers included).
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from qgis.gui import QgsCollapsibleGroupBox, QgsFileWidget
from qgis.PyQt.QtCore import QCoreApplication, Qt, QUrl
from qgis.PyQt.QtGui import QDesktopServices, QFont
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from sbplanner_plugin.core import atlas, design_tables
from sbplanner_plugin.gui.run_panel import RunPanel
from sbplanner_plugin.gui.steps.base import Step, register_step
from sbplanner_plugin.i18n import pick

LOGGER = logging.getLogger(__name__)

ALG_TABLES = "sbplanner:export_design_tables"
ALG_REPORT = "sbplanner:export_report"
ALG_MAPS = "sbplanner:export_maps"
#: The LANGUAGE enum of the three algorithms.
ZH, EN = 0, 1


def file_stem(text: str) -> str:
    """``text`` usable in a file name on every system (Chinese kept; path separators and reserved characters
    replaced)."""
    cleaned = re.sub(r'[\\/:*?"<>|\s]+', "_", text.strip()).strip("._")
    return cleaned or "plan"


@register_step
class ReportStep(Step):
    """Design tables (.xlsx), Word report (.docx) and PDF map atlas of one scenario of the plan."""

    number, key = 6, "report"

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("ReportStep", "Tables and report")

    @classmethod
    def guide_text(cls) -> str:
        return QCoreApplication.translate(
            "ReportStep",
            "Writes the deliverables of the plan: the design tables (.xlsx), the Word report (.docx) and the "
            "PDF map atlas of one scenario."
        )  # fmt: skip

    @classmethod
    def guide_standards(cls) -> str:
        return QCoreApplication.translate(
            "ReportStep",
            "SL/T 447-2026 Appendix D design tables; GB/T 15772-2008 (general rules for comprehensive-control "
            "planning): contents and maps of a plan."
        )  # fmt: skip

    def __init__(self, dock, parent=None) -> None:
        super().__init__(dock, parent)
        self._queue: list[RunPanel] = []
        self.workbook_path = ""

        # -- what and where ------------------------------------------------------------------------------
        self.scenario_combo = QComboBox()
        self.scenario_combo.setToolTip(self.tr("The scenario whose measures, quantities and benefits are exported"))
        self.language_combo = QComboBox()
        self.language_combo.addItem(self.tr("Chinese (SL/T 447 headers)"), ZH)
        self.language_combo.addItem(self.tr("English"), EN)
        self.project_edit = QLineEdit()
        self.project_edit.setPlaceholderText(self.tr("the plan's file name"))
        self.project_edit.setToolTip(self.tr("Project name on the cover, the report's title and the maps"))
        self.folder_widget = QgsFileWidget()
        self.folder_widget.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
        self.folder_widget.setToolTip(self.tr("Folder of the deliverables (default: a folder beside the plan)"))
        form = QFormLayout()
        form.addRow(self.tr("Scenario"), self.scenario_combo)
        form.addRow(self.tr("Language"), self.language_combo)
        form.addRow(self.tr("Project name"), self.project_edit)
        form.addRow(self.tr("Output folder"), self.folder_widget)
        self.all_button = QPushButton(self.tr("Make all three"))
        self.all_button.setToolTip(self.tr("The atlas, then the report (with the atlas's maps), then the workbook"))
        self.open_button = QPushButton(self.tr("Open the folder"))
        self.open_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_button, 1)
        buttons.addWidget(self.open_button)
        for button in (self.all_button, self.open_button):
            button.setMinimumWidth(0)
        common = QGroupBox(self.tr("Deliverables"))
        common_layout = QVBoxLayout(common)
        common_layout.addLayout(form)
        common_layout.addLayout(buttons)

        # -- 1 workbook -------------------------------------------------------------------------------------
        self.table_list = QListWidget()
        self.table_list.setMinimumHeight(150)
        self.table_list.setToolTip(self.tr("The SL/T 447 Appendix D tables to write, one sheet each"))
        self.select_all = QPushButton(self.tr("All"))
        self.select_none = QPushButton(self.tr("None"))
        pick = QHBoxLayout()
        pick.addWidget(self.select_all)
        pick.addWidget(self.select_none)
        pick.addStretch(1)
        self.tables_run = RunPanel(self.tr("Write the workbook (.xlsx)"), self.tr("SBPlanner"), self.iface)
        self.preview_combo = QComboBox()
        self.preview_combo.setToolTip(self.tr("A sheet of the written workbook, shown as written"))
        self.preview_combo.setVisible(False)
        self.preview = QTableWidget(0, 0)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setMinimumHeight(200)
        self.preview.setMinimumWidth(120)
        self.preview.setVisible(False)
        tables_box = QgsCollapsibleGroupBox(self.tr("1 Design tables (SL/T 447, Excel)"))
        tables_layout = QVBoxLayout(tables_box)
        tables_layout.addWidget(self.table_list)
        tables_layout.addLayout(pick)
        tables_layout.addWidget(self.tables_run)
        tables_layout.addWidget(self.preview_combo)
        tables_layout.addWidget(self.preview)

        # -- 2 atlas -----------------------------------------------------------------------------------------
        self.map_list = QListWidget()
        self.map_list.setMaximumHeight(130)
        self.map_list.setToolTip(self.tr("The map types of the atlas: one page per small watershed and map type"))
        self.page_combo = QComboBox()  # export_maps' PAGE_SIZE enum
        for text in (self.tr("A3 landscape"), self.tr("A4 landscape"), self.tr("A3 portrait"), self.tr("A4 portrait")):
            self.page_combo.addItem(text)
        self.load_layouts = QCheckBox(self.tr("Load the layouts into the project"))
        self.load_layouts.setToolTip(
            self.tr("Also add the atlas layouts to this project (Project ▸ Layouts), to finish them by hand")
        )
        self.maps_run = RunPanel(self.tr("Write the map atlas (.pdf)"), self.tr("SBPlanner"), self.iface)
        maps_form = QFormLayout()
        maps_form.addRow(self.tr("Page size"), self.page_combo)
        maps_box = QgsCollapsibleGroupBox(self.tr("2 Map atlas (PDF)"))
        maps_layout = QVBoxLayout(maps_box)
        maps_layout.addWidget(self.map_list)
        maps_layout.addLayout(maps_form)
        maps_layout.addWidget(self.load_layouts)
        maps_layout.addWidget(self.maps_run)

        # -- 3 report ----------------------------------------------------------------------------------------
        self.template_widget = QgsFileWidget()
        self.template_widget.setFilter(self.tr("Word document (*.docx)"))
        self.template_widget.setToolTip(
            self.tr("Optional: your institute's .docx template (its styles are used); empty = SBPlanner's")
        )
        self.report_run = RunPanel(self.tr("Write the report (.docx)"), self.tr("SBPlanner"), self.iface)
        self.report_note = QLabel(
            self.tr("The report inserts the atlas's whole-area maps when the atlas was written first (Make all does).")
        )
        self.report_note.setWordWrap(True)
        report_form = QFormLayout()
        report_form.addRow(self.tr("Template"), self.template_widget)
        report_box = QgsCollapsibleGroupBox(self.tr("3 Word report (implementation plan)"))
        report_layout = QVBoxLayout(report_box)
        report_layout.addLayout(report_form)
        report_layout.addWidget(self.report_note)
        report_layout.addWidget(self.report_run)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (common, tables_box, maps_box, report_box):
            layout.addWidget(widget)
        layout.addStretch(1)

        self._fill_lists()
        self.select_all.clicked.connect(lambda: self._check_all(Qt.CheckState.Checked))
        self.select_none.clicked.connect(lambda: self._check_all(Qt.CheckState.Unchecked))
        self.language_combo.currentIndexChanged.connect(self._fill_lists)
        self.tables_run.runRequested.connect(self.write_tables)
        self.maps_run.runRequested.connect(self.write_maps)
        self.report_run.runRequested.connect(self.write_report)
        for panel in (self.maps_run, self.report_run, self.tables_run):
            panel.runFinished.connect(self._next_in_queue)
        self.all_button.clicked.connect(self.make_all)
        self.open_button.clicked.connect(self.open_folder)
        self.preview_combo.currentIndexChanged.connect(self.show_preview)

    # -- choices -----------------------------------------------------------------------------------------------
    def zh(self) -> bool:
        return self.language_combo.currentData() == ZH

    def _fill_lists(self, *_args) -> None:
        """The table and map-type lists in the UI language (ticks kept); the output language is the combo's."""
        ticked = {self.table_list.item(i).data(Qt.ItemDataRole.UserRole): self.table_list.item(i).checkState()
                  for i in range(self.table_list.count())}  # fmt: skip
        self.table_list.clear()
        for key, spec in design_tables.TABLES.items():
            zh, en = spec.name
            # SL/T 447 numbers its tables (D.0.5); SBPlanner's own tables are named only
            item = QListWidgetItem(f"{key}  {pick(zh, en)}" if key.startswith("D.") else pick(zh, en))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(ticked.get(key, Qt.CheckState.Checked))
            self.table_list.addItem(item)
        maps = {self.map_list.item(i).data(Qt.ItemDataRole.UserRole): self.map_list.item(i).checkState()
                for i in range(self.map_list.count())}  # fmt: skip
        self.map_list.clear()
        for index, key in enumerate(atlas.MAP_KEYS):  # the order of export_maps' MAPS enum
            zh, en = atlas.MAP_TITLES[key]
            item = QListWidgetItem(pick(zh, en))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setData(Qt.ItemDataRole.UserRole + 1, index)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(maps.get(key, Qt.CheckState.Checked))
            self.map_list.addItem(item)

    def _check_all(self, state) -> None:
        for i in range(self.table_list.count()):
            self.table_list.item(i).setCheckState(state)

    def chosen_tables(self) -> list[str]:
        return [self.table_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.table_list.count())
                if self.table_list.item(i).checkState() == Qt.CheckState.Checked]  # fmt: skip

    def chosen_maps(self) -> list[int]:
        return [self.map_list.item(i).data(Qt.ItemDataRole.UserRole + 1) for i in range(self.map_list.count())
                if self.map_list.item(i).checkState() == Qt.CheckState.Checked]  # fmt: skip

    def scenario(self) -> str:
        return self.scenario_combo.currentData() or ""

    def project_name(self) -> str:
        return self.project_edit.text().strip()

    def output_folder(self) -> str:
        """The folder chosen, else ``<plan folder>/<plan name>_deliverables`` (a PostGIS plan: the home folder)."""
        chosen = self.folder_widget.filePath().strip()
        if chosen:
            return chosen
        path = self.dock.plan_path()
        if not path or path.startswith("postgres:"):
            return str(Path.home() / "sbplanner_deliverables")
        plan = Path(path)
        return str(plan.with_name(f"{plan.stem}_deliverables"))

    def output_path(self, kind: str) -> str:
        """The file of one deliverable: ``<project>[_<scenario>]_<kind>.<ext>`` in the output folder."""
        stem = file_stem(self.project_name() or Path(self.dock.plan_path() or "plan").stem)
        scenario = self.scenario()
        if scenario and scenario != "baseline":
            stem += f"_{file_stem(scenario)}"
        names = {
            "tables": (f"{stem}_设计表.xlsx", f"{stem}_design_tables.xlsx"),
            "report": (f"{stem}_报告.docx", f"{stem}_report.docx"),
            "atlas": (f"{stem}_图集.pdf", f"{stem}_atlas.pdf"),
            "images": (f"{stem}_maps", f"{stem}_maps"),
        }
        return os.path.join(self.output_folder(), names[kind][0 if self.zh() else 1])

    def _fill_scenarios(self) -> None:
        store = self.dock.current_store
        self.scenario_combo.clear()
        rows = []
        if store is not None:
            try:
                rows = store.list_scenarios()
            except Exception:  # the plan cannot be read: the runs report it
                LOGGER.exception("scenarios")
        if not rows:
            rows = [{"scenario_id": "baseline", "name": "baseline"}]
        bar = self.dock.scenario_bar
        for row in rows:
            self.scenario_combo.addItem(bar.label(row), row["scenario_id"])
        current = getattr(store, "scenario_id", "baseline")
        self.scenario_combo.setCurrentIndex(max(self.scenario_combo.findData(current), 0))

    # -- runs ------------------------------------------------------------------------------------------------
    def _common(self, panel: RunPanel, kind: str) -> dict | None:
        """PLAN, SCENARIO, LANGUAGE, PROJECT_NAME and OUTPUT of a run, the output folder made; None after saying
        why in ``panel``'s status."""
        store = self.dock.plan_store(panel)
        if store is None:
            return None
        folder = self.output_folder()
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as exc:
            panel.set_status(self.tr("The output folder {0} cannot be made: {1}").format(folder, exc.strerror or exc),
                             error=True)  # fmt: skip
            return None
        params = {
            "PLAN": str(store.location),
            "SCENARIO": self.scenario(),
            "LANGUAGE": self.language_combo.currentData(),
            "OUTPUT": self.output_path(kind),
        }
        if self.project_name():
            params["PROJECT_NAME"] = self.project_name()
        return params

    def write_tables(self) -> None:
        panel = self.tables_run
        if panel.busy:
            return
        tables = self.chosen_tables()
        if not tables:
            panel.set_status(self.tr("Tick at least one table."), error=True)
            self._queue.clear()
            return
        params = self._common(panel, "tables")
        if params is None:
            self._queue.clear()
            return
        params["TABLES"] = ";".join(tables)
        if not panel.start(ALG_TABLES, params, self._tables_done):
            self._queue.clear()

    def write_maps(self) -> None:
        panel = self.maps_run
        if panel.busy:
            return
        maps = self.chosen_maps()
        if not maps:
            panel.set_status(self.tr("Tick at least one map type."), error=True)
            self._queue.clear()
            return
        params = self._common(panel, "atlas")
        if params is None:
            self._queue.clear()
            return
        params.update({
            "MAPS": maps, "PAGE_SIZE": self.page_combo.currentIndex(), "OUTPUT_IMAGES": self.output_path("images"),
        })  # fmt: skip
        if not panel.start(ALG_MAPS, params, self._maps_done):
            self._queue.clear()

    def write_report(self) -> None:
        panel = self.report_run
        if panel.busy:
            return
        params = self._common(panel, "report")
        if params is None:
            self._queue.clear()
            return
        template = self.template_widget.filePath().strip()
        if template:
            params["TEMPLATE"] = template
        images = self.output_path("images")
        if os.path.isdir(images):
            params["MAPS_FOLDER"] = images
        if not panel.start(ALG_REPORT, params, self._report_done):
            self._queue.clear()

    def make_all(self) -> None:
        """Atlas, then the report (with the atlas's maps), then the workbook; a failure stops the chain."""
        if any(p.busy for p in (self.maps_run, self.report_run, self.tables_run)):
            return
        self._queue = [self.report_run, self.tables_run]
        self.write_maps()

    def _next_in_queue(self, ok: bool) -> None:
        if not ok:
            self._queue.clear()
            return
        if self._queue:
            panel = self._queue.pop(0)
            {self.report_run: self.write_report, self.tables_run: self.write_tables}[panel]()

    def _missing_text(self, results: dict) -> str:
        missing = str(results.get("MISSING") or "").strip()
        return ("\n" + self.tr("Not made: {0}").format(missing)) if missing else ""

    def _done_text(self, path: str) -> str:
        """The file written, by name (a long path would widen the panel; Open the folder shows where)."""
        self.open_button.setEnabled(True)
        self.open_button.setToolTip(os.path.dirname(path))
        return self.tr("Written: {0}").format(os.path.basename(path))

    def _tables_done(self, results: dict) -> str:
        self.workbook_path = str(results.get("OUTPUT") or "")
        self.fill_preview_sheets()
        return self._done_text(self.workbook_path) + self._missing_text(results)

    def _maps_done(self, results: dict) -> str:
        pages = int(results.get("PAGES") or 0)
        text = self._done_text(str(results.get("OUTPUT") or "")) + " " + self.tr("({0} pages)").format(pages)
        if self.load_layouts.isChecked():
            text += "\n" + self.load_into_project()
        return text + self._missing_text(results)

    def load_into_project(self) -> str:
        """The atlas layouts (and their layers, in an unchecked group) into the user's project."""
        from qgis.core import QgsProject

        from sbplanner_plugin.adapters.atlas_export import load_layouts_into_project
        from sbplanner_plugin.core.errors import SbPlannerError
        from sbplanner_plugin.processing.base import user_message

        store = self.dock.current_store
        store = getattr(store, "store", store)
        try:
            names_, _notes = load_layouts_into_project(
                QgsProject.instance(), store, self.scenario() or None, "zh" if self.zh() else "en",
                self.page_combo.currentIndex(), [atlas.MAP_KEYS[i] for i in self.chosen_maps()], self.project_name(),
            )  # fmt: skip
        except SbPlannerError as exc:
            return self.tr("The layouts could not be loaded into the project: {0}").format(user_message(exc))
        return self.tr("{0} layouts loaded into the project (Project ▸ Layouts).").format(len(names_))

    def _report_done(self, results: dict) -> str:
        return self._done_text(str(results.get("OUTPUT") or "")) + self._missing_text(results)

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(self.output_folder()))

    # -- preview -----------------------------------------------------------------------------------------------
    def fill_preview_sheets(self) -> None:
        from sbplanner_plugin.adapters.xlsx_export import workbook_sheets

        self.preview_combo.blockSignals(True)
        self.preview_combo.clear()
        try:
            for name in workbook_sheets(self.workbook_path):
                self.preview_combo.addItem(name, name)
        except Exception:  # the workbook cannot be read back: no preview, the file is there
            LOGGER.exception("preview of %s", self.workbook_path)
        self.preview_combo.blockSignals(False)
        has = self.preview_combo.count() > 0
        self.preview_combo.setVisible(has)
        self.preview.setVisible(has)
        if has:
            self.preview_combo.setCurrentIndex(min(1, self.preview_combo.count() - 1))  # the first table, not the cover
            self.show_preview()

    def show_preview(self, *_args) -> None:
        """The chosen sheet as written: cell texts, merged cells spanned, bold cells bold."""
        from sbplanner_plugin.adapters.xlsx_export import read_sheet

        name = self.preview_combo.currentData()
        self.preview.clear()
        self.preview.clearSpans()
        if not name or not self.workbook_path:
            self.preview.setRowCount(0)
            return
        sheet = read_sheet(self.workbook_path, name)
        self.preview.setRowCount(len(sheet.cells))
        self.preview.setColumnCount(max((len(r) for r in sheet.cells), default=0))
        bold = QFont()
        bold.setBold(True)
        for r, row in enumerate(sheet.cells):
            for c, text in enumerate(row):
                if text:
                    item = QTableWidgetItem(text)
                    if (r, c) in sheet.bold:
                        item.setFont(bold)
                    self.preview.setItem(r, c, item)
        for first_row, first_col, last_row, last_col in sheet.merges:
            self.preview.setSpan(first_row, first_col, last_row - first_row + 1, last_col - first_col + 1)
        self._fit_columns(sheet)

    def _fit_columns(self, sheet) -> None:
        """Column widths from the cells that are not merged across columns (a title spanning the table would
        otherwise make its first column as wide as the title)."""
        spanned = {(r, c) for r0, c0, r1, c1 in sheet.merges if c1 > c0
                   for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}  # fmt: skip
        metrics = self.preview.fontMetrics()
        for c in range(self.preview.columnCount()):
            texts = [row[c] for r, row in enumerate(sheet.cells) if c < len(row) and (r, c) not in spanned]
            width = max([metrics.horizontalAdvance(t) for t in texts if t] + [metrics.horizontalAdvance("0000")])
            self.preview.setColumnWidth(c, min(width + 12, 240))

    # -- Step API --------------------------------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        if self.dock.current_store is None and self.dock.plan_path():
            self.dock.plan_store()
        self._fill_scenarios()
        super().showEvent(event)

    def plan_path_changed(self, path: str) -> None:
        self.workbook_path = ""
        self.preview_combo.clear()
        self.preview_combo.setVisible(False)
        self.preview.setVisible(False)
        self.open_button.setEnabled(False)
        if self.isVisible():
            self._fill_scenarios()

    def scenario_changed(self, store) -> None:
        self._fill_scenarios()

    def project_cleared(self) -> None:
        self.plan_path_changed("")
        for panel in (self.tables_run, self.maps_run, self.report_run):
            panel.set_status("")

    def cleanup(self) -> None:
        self._queue.clear()
        for panel in (self.tables_run, self.maps_run, self.report_run):
            panel.cleanup()
