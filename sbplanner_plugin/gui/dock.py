"""The SBPlanner main dock: plan GeoPackage header and the numbered workflow steps."""

from __future__ import annotations

import contextlib
import datetime
import logging
import os

from qgis.core import Qgis, QgsProject
from qgis.gui import QgsDockWidget, QgsFileWidget
from qgis.PyQt.QtCore import QEvent, QSize, Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sbplanner_plugin import settings
from sbplanner_plugin.core.definitions import POSTGRES_PREFIX
from sbplanner_plugin.gui.layers import LAYER_PROPERTY
from sbplanner_plugin.gui.scenario_bar import ScenarioBar
from sbplanner_plugin.gui.steps import registered_steps

LOGGER = logging.getLogger(__name__)

#: The dock's narrowest width (px): at 1366×768 it opens this wide, so the step pages' buttons (取消, 清除) and
#: table columns fit without a sideways scrollbar and the map keeps ~650 px.
DOCK_MIN_WIDTH = 400


def source_is_table(source: str, table: str) -> bool:
    """Whether a layer source (GeoPackage ``path|layername=t`` or PostGIS ``table="schema"."t"``) is ``table``."""
    for part in source.split("|"):
        if part.startswith("layername="):
            return part[len("layername=") :] == table
    return f'."{table}"' in source or f'table="{table}"' in source


#: Labels and combo boxes wider than this (px) wrap / shrink (see :func:`fit_to_width`).
WIDE_CHILD_PX = 220


def fit_to_width(page: QWidget, limit: int = WIDE_CHILD_PX) -> None:
    """Let a step page fit the dock's width: a label wider than ``limit`` wraps, a combo box is as wide as the
    room it gets, down to a dozen characters, not as wide as its longest entry (its list still shows the whole
    names; the current one is its tooltip). Run once the page is built."""
    from qgis.PyQt.QtWidgets import QComboBox

    for label in page.findChildren(QLabel):
        if not label.wordWrap() and label.minimumSizeHint().width() > limit:
            label.setWordWrap(True)
    from sbplanner_plugin.gui.widgets import CopyableTableView

    for index, table in enumerate(page.findChildren(CopyableTableView)):
        if not table.columns_key():  # the columns the user hides stay hidden (key: step and table)
            table.remember_columns(f"{getattr(page, 'key', '') or type(page).__name__}_{index}")
    for combo in page.findChildren(QComboBox):
        if combo.sizeAdjustPolicy() != QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon:
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, combo.sizePolicy().verticalPolicy())
            if not combo.toolTip():
                combo.currentTextChanged.connect(combo.setToolTip)


class StepList(QListWidget):
    """The numbered steps, as tall as all its rows (never a scrollbar, whatever the language's font metrics);
    a title too long for the width is elided, in full in its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def contents_height(self) -> int:
        rows = sum(max(self.sizeHintForRow(i), 0) for i in range(self.count()))
        return rows + 2 * self.frameWidth() + 2

    def fit(self) -> None:
        self.setFixedHeight(max(self.contents_height(), 2 * self.frameWidth() + 2))

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.contents_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self.contents_height())

    def showEvent(self, event) -> None:
        self.fit()
        super().showEvent(event)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.LanguageChange):
            self.fit()


class StepPages(QWidget):
    """The dock's step pages, one shown at a time. Unlike a QStackedWidget (as wide and — through height-for-width
    — as tall as its largest page, so a short step scrolled over empty space and a narrow one sideways), only the
    page shown counts for the size: the others are hidden in a plain column layout."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._pages: list[QWidget] = []
        self._current = -1

    def addWidget(self, page: QWidget) -> int:
        page.setVisible(False)
        self._layout.addWidget(page)
        self._pages.append(page)
        if self._current < 0:
            self.setCurrentIndex(0)
        return len(self._pages) - 1

    def count(self) -> int:
        return len(self._pages)

    def widget(self, index: int) -> QWidget | None:
        return self._pages[index] if 0 <= index < len(self._pages) else None

    def currentIndex(self) -> int:
        return self._current

    def currentWidget(self) -> QWidget | None:
        return self.widget(self._current)

    def setCurrentIndex(self, index: int) -> None:
        if not 0 <= index < len(self._pages) or index == self._current:
            return
        old = self.currentWidget()
        self._current = index
        self._pages[index].setVisible(True)
        if old is not None:
            old.setVisible(False)


class SbPlannerDock(QgsDockWidget):
    """Main dock. Steps get the plan store from ``plan_store()`` and report through ``push_message()``."""

    def __init__(self, iface, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.iface = iface
        self.current_store = None
        self.setObjectName("SbPlannerDock")
        # One language at a time (issue 15): "SBPlanner / 小流域治理规划" in Chinese
        self.setWindowTitle(self.tr("SBPlanner / Small-watershed planning"))

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background:#fdecea; color:#611a15; padding:6px; border-radius:3px;")
        self.banner.setVisible(False)

        self.plan_widget = QgsFileWidget()
        self.plan_widget.setStorageMode(QgsFileWidget.StorageMode.SaveFile)
        self.plan_widget.setFilter(self.tr("GeoPackage (*.gpkg)"))
        self.plan_widget.setDialogTitle(self.tr("Plan GeoPackage"))
        self.plan_widget.setToolTip(self.tr("All results of the plan are saved in this GeoPackage."))
        self.plan_widget.lineEdit().setPlaceholderText(self.tr("Choose or create the plan GeoPackage (.gpkg)"))
        self.copy_button = QToolButton()
        self.copy_button.setText(self.tr("Save a copy…"))
        self.copy_button.setToolTip(
            self.tr("Save a complete copy of the plan, consistent even while it is open, to mail or archive it.")
        )
        self.copy_button.clicked.connect(lambda: self.save_plan_copy())
        self.plan_status = QLabel()
        self.plan_status.setWordWrap(True)
        self.plan_status.setVisible(False)
        #: "the results of steps 2, 3 are based on an older small-watershed division" (core.staleness)
        self.stale_label = QLabel()
        self.stale_label.setWordWrap(True)
        self.stale_label.setStyleSheet("color: #8a4b00;")
        self.stale_label.setVisible(False)
        plan_row = QHBoxLayout()
        plan_row.addWidget(QLabel(self.tr("Plan")))
        plan_row.addWidget(self.plan_widget, 1)
        plan_row.addWidget(self.copy_button)
        self.scenario_bar = ScenarioBar()

        self.setMinimumWidth(DOCK_MIN_WIDTH)
        self.step_list = StepList()
        self.step_list.setIconSize(QSize(16, 16))
        self.pages = StepPages()
        self.steps = []
        for step_class in registered_steps():
            step = step_class(self)
            fit_to_width(step)
            self.steps.append(step)
            self.pages.addWidget(step)
            item = QListWidgetItem(step_class.list_label())
            if not step_class.implemented:
                item.setForeground(
                    self.palette().brush(self.palette().ColorGroup.Disabled, self.palette().ColorRole.Text)
                )
            item.setToolTip(item.text())
            self.step_list.addItem(item)
        self.step_list.fit()
        #: guided mode (issue 15): what the current step does, its standard and a "Next step" button
        from sbplanner_plugin.gui.guide import GuidePanel

        self.guide = GuidePanel(self)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        self.page_scroll = scroll
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.pages)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)
        layout.addLayout(plan_row)
        layout.addWidget(self.plan_status)
        layout.addWidget(self.stale_label)
        layout.addWidget(self.scenario_bar)
        layout.addWidget(self.step_list)
        layout.addWidget(self.guide)
        layout.addWidget(scroll, 1)
        self.setWidget(body)

        self.step_list.currentRowChanged.connect(self.show_step)
        self.step_list.setCurrentRow(min(max(settings.LAST_STEP.value(), 0), max(len(self.steps) - 1, 0)))
        self.step_list.currentRowChanged.connect(settings.LAST_STEP.set_value)
        self.plan_widget.fileChanged.connect(self.set_plan_path)
        from sbplanner_plugin.gui.run_panel import RunPanel

        for step in self.steps:
            for panel in step.findChildren(RunPanel):
                panel.runFinished.connect(lambda _ok: self.refresh_staleness())
        self.scenario_bar.scenarioChanged.connect(self.scenario_changed)

        project = QgsProject.instance()
        project.readProject.connect(self._project_read)
        project.cleared.connect(self._project_cleared)
        self._load_plan_path()

    def show_step(self, index: int) -> None:
        self.pages.setCurrentIndex(index)

    # -- plan GeoPackage ---------------------------------------------------------------------------
    def plan_path(self) -> str:
        return self.plan_widget.filePath().strip()

    def set_plan_path(self, path: str) -> None:
        """Remember ``path`` (in the project, relative to it, and in the settings) and tell the steps."""
        from sbplanner_plugin.adapters import plan_store

        raw = (path or "").strip()
        path = plan_store.set_project_plan_path(QgsProject.instance(), raw)
        if path != raw:
            self.plan_widget.blockSignals(True)
            self.plan_widget.setFilePath(path)
            self.plan_widget.blockSignals(False)
        if path:
            settings.LAST_PLAN_PATH.set_value(path)
        self.set_plan_status("")
        self.current_store = None
        self.refresh_scenarios()
        for step in self.steps:
            step.plan_path_changed(path)
        self.refresh_staleness()

    def _load_plan_path(self) -> None:
        from sbplanner_plugin.adapters import plan_store

        path = plan_store.project_plan_path(QgsProject.instance()) or self.default_plan_path()
        self.plan_widget.blockSignals(True)
        self.plan_widget.setFilePath(path)
        self.plan_widget.blockSignals(False)
        self.refresh_staleness()

    def default_plan_path(self) -> str:
        """``<project>_plan.gpkg`` beside a saved project, else the plan used last."""
        project_file = QgsProject.instance().fileName()
        if project_file:
            return os.path.splitext(project_file)[0] + "_plan.gpkg"
        return settings.LAST_PLAN_PATH.value()

    def plan_store(self, run_panel=None):
        """The plan store (created when missing), or None after telling the user what is wrong."""
        path = self.plan_path()
        message = ""
        if not path:
            message = self.tr("Choose the plan GeoPackage (top of the panel) where the results are saved.")
        elif not path.startswith(POSTGRES_PREFIX) and not os.path.isdir(os.path.dirname(os.path.abspath(path))):
            message = self.tr("The folder of the plan GeoPackage does not exist: {0}").format(os.path.dirname(path))
        else:
            try:
                from sbplanner_plugin.adapters import plan_store
                from sbplanner_plugin.core.errors import SbPlannerError
                from sbplanner_plugin.processing.base import user_message

                store = plan_store.open_plan_store(path)
                try:
                    store.ensure()  # creates a new plan, upgrades an older one after a backup
                except SbPlannerError as exc:  # too new, not a GeoPackage …: say so, write nothing
                    message = user_message(exc)
                    store = None
                if store is not None:
                    # the steps read and write the plan's current scenario (steps 1–2 layers are shared)
                    store = plan_store.ScenarioView(store, store.current_scenario())
                    if self.scenario_bar.store is None or self.scenario_bar.current() != store.scenario_id:
                        self.scenario_bar.set_store(store.store)
                    self.current_store = store
                    plan_store.set_project_plan_path(QgsProject.instance(), path)
                    settings.LAST_PLAN_PATH.set_value(path)
                    return store
            except ImportError:
                LOGGER.exception("Plan store module missing")
                message = self.tr("SBPlanner is incomplete (plan store module missing); reinstall the plugin.")
            except Exception as exc:
                LOGGER.exception("Plan GeoPackage %s cannot be used", path)
                message = self.tr("The plan GeoPackage cannot be opened or created: {0}").format(exc)
        if run_panel is not None:
            run_panel.set_status(message, error=True)
        self.push_message(message, Qgis.MessageLevel.Warning)
        return None

    def save_plan_copy(self, target: str | None = None) -> str | None:
        """ "Save a copy…": the plan copied with SQLite's backup API to ``target`` (asked for with a file dialog when
        None); the outcome is shown under the plan row. Returns the copy's path, None when nothing was saved."""
        from sbplanner_plugin.adapters import plan_store
        from sbplanner_plugin.core.errors import SbPlannerError
        from sbplanner_plugin.processing.base import user_message

        location = plan_store.normalise_location(self.plan_path())
        if not location:
            self.set_plan_status(self.tr("Choose the plan GeoPackage first."), error=True)
            return None
        if target is None:
            stem = os.path.splitext(location)[0] if not location.startswith(POSTGRES_PREFIX) else ""
            suggestion = f"{stem}_{datetime.datetime.now():%Y%m%d-%H%M}.gpkg" if stem else ""
            target, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save a copy of the plan"), suggestion, self.tr("GeoPackage (*.gpkg)")
            )
            if not target:
                return None
        try:
            copy = plan_store.open_plan_store(location).save_copy(target)
        except SbPlannerError as exc:
            self.set_plan_status(user_message(exc), error=True)
            return None
        except Exception as exc:  # anything unexpected: said, never raised into Qt
            LOGGER.exception("Copy of the plan %s to %s", location, target)
            self.set_plan_status(self.tr("No copy of the plan was saved: {0}").format(exc), error=True)
            return None
        self.set_plan_status(self.tr("A copy of the plan was saved: {0}").format(copy))
        return str(copy)

    def set_plan_status(self, text: str, error: bool = False) -> None:
        """A line under the plan row (the outcome of "Save a copy…"), red for an error; hidden when empty."""
        self.plan_status.setStyleSheet("color: #b00020;" if error else "color: #1b5e20;")
        self.plan_status.setText(text)
        self.plan_status.setVisible(bool(text))

    # -- scenarios -----------------------------------------------------------------------------------
    def refresh_scenarios(self) -> None:
        """Show the scenarios of the plan at the top (an existing plan is only read: nothing is created)."""
        from sbplanner_plugin.adapters import plan_store

        path = plan_store.normalise_location(self.plan_path())
        store = None
        if path and (path.startswith(POSTGRES_PREFIX) or os.path.isfile(path)):
            try:
                store = plan_store.open_plan_store(path)
                if (store.schema_version() or 0) < plan_store.SCHEMA_VERSION:
                    store = None  # an older plan: upgraded (after a backup) when a step first opens it
            except Exception:
                LOGGER.exception("Plan %s: scenarios cannot be read", path)
                store = None
        self.scenario_bar.set_store(store)
        if store is not None:
            self.sync_scenario_layers(store)

    def sync_scenario_layers(self, store) -> None:
        """A project saved while another scenario was current (or a plan switched elsewhere) holds step 3–5
        layers of a scenario that is not the plan's current one: reload them, so the steps never show one
        scenario and write another."""
        from sbplanner_plugin.adapters.plan_store import SCENARIO_LAYERS, ScenarioView

        view = ScenarioView(store, store.current_scenario())
        for layer in QgsProject.instance().mapLayers().values():
            key = layer.customProperty(LAYER_PROPERTY)
            if key in SCENARIO_LAYERS and not source_is_table(layer.source(), view.table_name(key)):
                self.scenario_changed(view.scenario_id)
                return

    def scenario_changed(self, scenario: str) -> None:
        """Another scenario is current: drop the old scenario's step 3–5 layers from the project, forget the
        undo history of its edits, and let every step reload from the plan."""
        from sbplanner_plugin.adapters.plan_store import SCENARIO_LAYERS
        from sbplanner_plugin.gui import measure_editor

        project = QgsProject.instance()
        for layer in list(project.mapLayers().values()):
            if layer.customProperty(LAYER_PROPERTY) in SCENARIO_LAYERS:
                project.removeMapLayer(layer.id())
        measure_editor.clear_sessions()
        self.current_store = None
        store = self.plan_store()
        if store is None:
            return
        for step in self.steps:
            step.scenario_changed(store)
        self.refresh_staleness()
        name = self.scenario_bar.combo.currentText()
        self.push_message(self.tr("Scenario {0}: steps 3–5 now work on it.").format(name))

    # -- stale results -------------------------------------------------------------------------------
    def refresh_staleness(self) -> None:
        """Say which steps' results are older than a step run again before them (core.staleness), in the line
        under the plan and with a warning icon on those steps; nothing for a plan not made yet (opening a
        project or choosing a path never creates the plan)."""
        from qgis.core import QgsApplication
        from qgis.PyQt.QtGui import QIcon

        from sbplanner_plugin.adapters import plan_store
        from sbplanner_plugin.core.staleness import stale_steps

        found = None
        path = self.plan_path()
        if path and (path.startswith(POSTGRES_PREFIX) or os.path.isfile(path)):
            try:
                store = self.current_store or plan_store.open_scenario_store(path)
                found = stale_steps(store.layer_times())
            except Exception:  # an unreadable plan: the steps say so when they use it
                LOGGER.exception("Staleness of %s", path)
        text = self.stale_text(found) if found is not None else ""
        for index in range(len(self.steps)):
            stale = found is not None and index + 1 in found.steps
            item = self.step_list.item(index)
            item.setIcon(QgsApplication.getThemeIcon("/mIconWarning.svg") if stale else QIcon())
            title = self.steps[index].list_label()
            item.setToolTip(f"{title}\n{text}" if stale else title)
        self.stale_label.setText(text)
        self.stale_label.setVisible(found is not None)

    def stale_text(self, found) -> str:
        """ "The results of steps 2, 3 are based on an older small-watershed division (step 1): run them again." """
        from qgis.PyQt.QtCore import QCoreApplication

        from sbplanner_plugin.core.staleness import STEP_RESULT_NAMES

        name = STEP_RESULT_NAMES[found.cause]
        cause = QCoreApplication.translate("SbPlannerStaleness", name)
        if len(found.steps) == 1:
            return self.tr("The results of step {0} are based on an older {1} (step {2}): run it again.").format(
                found.steps[0], cause, found.cause
            )
        steps = self.tr(", ").join(str(n) for n in found.steps)
        return self.tr("The results of steps {0} are based on an older {1} (step {2}): run them again.").format(
            steps, cause, found.cause
        )

    # -- messages ------------------------------------------------------------------------------------
    def push_message(self, text: str, level=Qgis.MessageLevel.Info) -> None:
        if self.iface is not None:
            self.iface.messageBar().pushMessage(self.tr("SBPlanner"), text, level, 8)

    def show_problem(self, text: str) -> None:
        """Show a persistent problem (e.g. missing Python packages) at the top of the dock."""
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    # -- project life cycle -----------------------------------------------------------------------------
    def _project_read(self, *_args) -> None:
        self._load_plan_path()
        self.current_store = None
        self.refresh_scenarios()
        for step in self.steps:
            step.plan_path_changed(self.plan_path())

    def _project_cleared(self) -> None:
        self.current_store = None
        self._load_plan_path()
        for step in self.steps:
            step.project_cleared()

    def cleanup(self) -> None:
        """Disconnect project signals and let every step release its tasks and map tools."""
        project = QgsProject.instance()
        for signal, slot in ((project.readProject, self._project_read), (project.cleared, self._project_cleared)):
            with contextlib.suppress(TypeError):
                signal.disconnect(slot)
        for step in self.steps:
            step.cleanup()
