"""SBPlanner plugin wiring: menu, toolbar button, main dock, Processing provider, translator, logging."""

from __future__ import annotations

import contextlib
import logging

from qgis.core import Qgis, QgsApplication, QgsMessageLog
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QMessageBox, QPushButton

from sbplanner_plugin import settings

PLUGIN_LOGGER = "sbplanner_plugin"
LOG_TAG = "SBPlanner"
MENU = "SBPlanner"


def tr(text: str) -> str:
    # pylupdate5 files module-level tr() calls under "@default", so look them up there
    return QCoreApplication.translate("@default", text)


class QgsLogHandler(logging.Handler):
    """Forwards ``sbplanner_plugin`` log records to the QGIS log panel (tag "SBPlanner")."""

    LEVELS = (
        (logging.ERROR, Qgis.MessageLevel.Critical),
        (logging.WARNING, Qgis.MessageLevel.Warning),
        (logging.NOTSET, Qgis.MessageLevel.Info),
    )

    def emit(self, record: logging.LogRecord) -> None:
        try:
            level = next(q for threshold, q in self.LEVELS if record.levelno >= threshold)
            QgsMessageLog.logMessage(self.format(record), LOG_TAG, level, False)
        except Exception:
            self.handleError(record)


def icon_path(name: str = "sbplanner") -> str:
    try:
        from sbplanner_plugin.paths import icon_path as _icon_path

        return str(_icon_path(name))
    except ImportError:
        return ""


class ProcessingOnlyPlugin:
    """What QGIS loads without a GUI (qgis_process): registers the Processing provider only."""

    def __init__(self) -> None:
        self.provider = None
        self.dependency_issues: list = []
        self.provider_error = ""
        # installed before the provider exists, so algorithm names, help and messages are translated
        # under qgis_process and in the Processing toolbox too, not only in the dock
        self.translator = None
        try:
            from sbplanner_plugin import i18n

            self.translator = i18n.install_translator()
        except Exception:
            logging.getLogger(PLUGIN_LOGGER).exception("Translator not installed")

    def initProcessing(self) -> None:
        if self.provider is not None:
            return
        self.dependency_issues = check_dependencies()
        if self.dependency_issues:
            QgsMessageLog.logMessage(dependency_report(self.dependency_issues), LOG_TAG, Qgis.MessageLevel.Critical)
            return
        try:
            from sbplanner_plugin.processing.provider import SbPlannerProvider

            provider = SbPlannerProvider()
        except Exception as exc:
            self.provider_error = str(exc)
            logging.getLogger(PLUGIN_LOGGER).exception("SBPlanner Processing provider could not be loaded")
            return
        if QgsApplication.processingRegistry().addProvider(provider):
            self.provider = provider

    def initGui(self) -> None:
        self.initProcessing()

    def unload(self) -> None:
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            from sbplanner_plugin import i18n

            i18n.remove_translator(self.translator)
            self.translator = None


class SbPlannerPlugin(ProcessingOnlyPlugin):
    """The full plugin: ``initGui`` adds menu, toolbar button and dock; ``unload`` removes all of it."""

    def __init__(self, iface) -> None:
        super().__init__()
        self.iface = iface
        self.log_handler: QgsLogHandler | None = None
        self.actions: list[QAction] = []
        self.dock_action: QAction | None = None
        self.dock = None
        self.message_item = None
        self.hint_item = None
        self.guided_action: QAction | None = None
        self.demo = None
        self._about_box = None
        self.warmup_task = None

    # -- set-up --------------------------------------------------------------------------------
    def initGui(self) -> None:
        self._install_log_handler()
        self.initProcessing()
        icon = QIcon(icon_path())
        self.dock_action = QAction(icon, tr("SBPlanner panel"), self.iface.mainWindow())
        self.dock_action.setObjectName("SbPlannerDockAction")
        self.dock_action.setCheckable(True)
        self.dock_action.setToolTip(tr("Show or hide the SBPlanner small-watershed planning panel"))
        self.iface.addToolBarIcon(self.dock_action)
        self.iface.addPluginToMenu(MENU, self.dock_action)
        self.actions.append(self.dock_action)

        # trainers and newcomers (issue 15): the demo, the guided mode, the manual, About
        demo_action = self._menu_action(
            tr("Load demo project (Youwuzhen)"),
            "SbPlannerDemoAction",
            tr("A new project with the bundled Youwuzhen watershed and a new plan, ready to run step 1"),
        )
        demo_action.triggered.connect(lambda: self.load_demo_project())
        self.guided_action = self._menu_action(
            tr("Guided mode"),
            "SbPlannerGuidedAction",
            tr("Show what each step does, the standard it follows and a Next step button"),
        )
        self.guided_action.setCheckable(True)
        self.guided_action.setChecked(bool(settings.GUIDED_MODE.value()))
        self.guided_action.toggled.connect(self.set_guided_mode)
        manual_action = self._menu_action(tr("Manual"), "SbPlannerManualAction", tr("Open the SBPlanner user guide"))
        manual_action.triggered.connect(lambda: self.open_manual())

        report_action = QAction(tr("Check Python packages…"), self.iface.mainWindow())
        report_action.setObjectName("SbPlannerDepsAction")
        report_action.triggered.connect(self.show_dependency_report)
        self.iface.addPluginToMenu(MENU, report_action)
        self.actions.append(report_action)
        about_action = self._menu_action(tr("About SBPlanner"), "SbPlannerAboutAction", "")
        about_action.triggered.connect(lambda: self.show_about())

        self._create_dock()
        self.dock.setUserVisible(settings.DOCK_VISIBLE.value())
        self.dock_action.toggled.connect(settings.DOCK_VISIBLE.set_value)

        if self.dependency_issues:
            self._report_dependency_problem()
        elif self.provider is None and self.provider_error:
            self.iface.messageBar().pushMessage(
                tr("SBPlanner"),
                tr("The SBPlanner algorithms could not be loaded: {0}").format(self.provider_error),
                Qgis.MessageLevel.Critical,
                0,
            )
        else:
            self._start_warmup()
            self._show_first_run_hint()

    def _menu_action(self, text: str, name: str, tip: str) -> QAction:
        action = QAction(text, self.iface.mainWindow())
        action.setObjectName(name)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        self.iface.addPluginToMenu(MENU, action)
        self.actions.append(action)
        return action

    def _install_log_handler(self) -> None:
        if self.log_handler is not None:
            return
        self.log_handler = QgsLogHandler()
        self.log_handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
        logger = logging.getLogger(PLUGIN_LOGGER)
        logger.addHandler(self.log_handler)
        if logger.level == logging.NOTSET or logger.level > logging.INFO:
            logger.setLevel(logging.INFO)

    def _start_warmup(self) -> None:
        """Compile the numba kernels in a background task (issue 14), unless the setting is off."""
        try:
            from sbplanner_plugin.gui import warmup

            self.warmup_task = warmup.start_warmup()
        except Exception:  # never block the plugin's start: the kernels then compile on first use
            logging.getLogger(PLUGIN_LOGGER).exception("Numba warm-up task not started")

    # -- dock ------------------------------------------------------------------------------------
    def _create_dock(self) -> None:
        from sbplanner_plugin.gui.dock import SbPlannerDock

        self.dock = SbPlannerDock(self.iface, self.iface.mainWindow())
        self.dock.setToggleVisibilityAction(self.dock_action)
        if self.dependency_issues:
            self.dock.show_problem(
                tr(
                    "Some Python packages SBPlanner needs are missing: {0}. "
                    "See Plugins ▸ SBPlanner ▸ Check Python packages."
                ).format(", ".join(issue.package for issue in self.dependency_issues))
            )
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        guide = getattr(self.dock, "guide", None)
        if guide is not None:  # the guide's own "Hide" button unticks the menu item
            guide.enabledChanged.connect(self.set_guided_mode)

    def show_dock(self) -> None:
        """Open (creating on first use) the main dock."""
        if self.dock is None:
            self._create_dock()
        self.dock.setUserVisible(True)

    # -- trainers and newcomers (issue 15) ---------------------------------------------------------
    def _show_first_run_hint(self) -> None:
        """Once per profile: "Start with step 1", with buttons opening the panel and the demo project."""
        if settings.FIRST_RUN_HINT_SHOWN.value():
            return
        settings.FIRST_RUN_HINT_SHOWN.set_value(True)
        bar = self.iface.messageBar()
        item = bar.createMessage(
            tr("SBPlanner"),
            tr("Start with step 1: delineate the watersheds of a DEM. New to SBPlanner? Try the demo watershed."),
        )
        open_button = QPushButton(tr("Open the panel"))
        open_button.setObjectName("SbPlannerHintOpen")
        open_button.clicked.connect(lambda: self._hint_clicked(demo=False))
        demo_button = QPushButton(tr("Load demo project"))
        demo_button.setObjectName("SbPlannerHintDemo")
        demo_button.clicked.connect(lambda: self._hint_clicked(demo=True))
        item.layout().addWidget(open_button)
        item.layout().addWidget(demo_button)
        self.hint_item = item
        bar.pushWidget(item, Qgis.MessageLevel.Info, 0)

    def _hint_clicked(self, demo: bool) -> None:
        if self.hint_item is not None:
            with contextlib.suppress(RuntimeError):
                self.iface.messageBar().popWidget(self.hint_item)
            self.hint_item = None
        if demo:
            self.load_demo_project()
        else:
            self.show_dock()
            self.set_guided_mode(True)
            self.dock.step_list.setCurrentRow(0)

    def set_guided_mode(self, enabled: bool) -> None:
        """Switch the dock's guided mode (the menu item follows)."""
        enabled = bool(enabled)
        guide = getattr(self.dock, "guide", None)
        if guide is not None:
            guide.set_enabled(enabled)
        else:
            settings.GUIDED_MODE.set_value(enabled)
        if self.guided_action is not None and self.guided_action.isChecked() != enabled:
            self.guided_action.blockSignals(True)
            self.guided_action.setChecked(enabled)
            self.guided_action.blockSignals(False)

    def load_demo_project(self):
        """Plugins ▸ SBPlanner ▸ Load demo project: returns the DemoProject, None when not loaded."""
        from sbplanner_plugin.gui import demo_project
        from sbplanner_plugin.gui.manual import ui_language

        self.show_dock()
        demo = demo_project.load_demo_project(self.iface, self.dock, ui_language())
        if demo is not None:
            self.demo = demo
            self.set_guided_mode(True)
            self.dock.step_list.setCurrentRow(0)
        return demo

    def open_manual(self):
        from sbplanner_plugin.gui import manual

        return manual.open_manual()

    def show_about(self):
        from sbplanner_plugin.gui import about

        self._about_box = about.show_about(self.iface.mainWindow())
        return self._about_box

    # -- dependency problems ----------------------------------------------------------------------
    def _report_dependency_problem(self) -> None:
        bar = self.iface.messageBar()
        packages = ", ".join(issue.package for issue in self.dependency_issues)
        item = bar.createMessage(
            tr("SBPlanner"),
            tr("Missing or incompatible Python packages: {0}. The SBPlanner algorithms are disabled.").format(packages),
        )
        button = QPushButton(tr("Details"))
        button.clicked.connect(self.show_dependency_report)
        item.layout().addWidget(button)
        self.message_item = item
        bar.pushWidget(item, Qgis.MessageLevel.Critical, 0)

    def show_dependency_report(self) -> None:
        issues = check_dependencies()
        text = dependency_report(issues)
        box = QMessageBox(self.iface.mainWindow())
        box.setWindowTitle(tr("SBPlanner — Python packages"))
        box.setIcon(QMessageBox.Icon.Warning if issues else QMessageBox.Icon.Information)
        box.setText(
            tr("Some Python packages are missing or incompatible.")
            if issues
            else tr("All required Python packages are available.")
        )
        box.setDetailedText(text)
        box.setInformativeText(text if len(text) < 1500 else "")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.open()
        self._report_box = box

    # -- tear-down --------------------------------------------------------------------------------
    def unload(self) -> None:
        """Remove every action, menu entry, toolbar icon, the dock, provider, translator and log handler."""
        if self.warmup_task is not None:
            from sbplanner_plugin.gui import warmup

            warmup.cancel_warmup()  # stops after the kernel being compiled
            self.warmup_task = None
        if self.dock is not None:
            self.dock.cleanup()
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None
        for action in self.actions:
            self.iface.removePluginMenu(MENU, action)
            self.iface.removeToolBarIcon(action)
            action.deleteLater()
        self.actions = []
        self.dock_action = None
        self.guided_action = None
        for item in (self.message_item, self.hint_item):
            if item is not None:
                with contextlib.suppress(RuntimeError):  # already closed by the user
                    self.iface.messageBar().popWidget(item)
        self.message_item = None
        self.hint_item = None
        if self._about_box is not None:
            with contextlib.suppress(RuntimeError):
                self._about_box.close()
                self._about_box.deleteLater()
            self._about_box = None
        super().unload()
        if self.log_handler is not None:
            logging.getLogger(PLUGIN_LOGGER).removeHandler(self.log_handler)
            self.log_handler = None


def check_dependencies() -> list:
    """Dependency issues reported by ``deps`` (empty when deps.py is not available)."""
    try:
        from sbplanner_plugin import deps
    except ImportError:
        return []
    try:
        return list(deps.check_dependencies())
    except Exception:
        logging.getLogger(PLUGIN_LOGGER).exception("Dependency check failed")
        return []


def dependency_report(issues: list) -> str:
    try:
        from sbplanner_plugin import deps

        return deps.format_report(issues)
    except Exception:
        return "\n".join(str(getattr(i, "problem", i)) for i in issues)
