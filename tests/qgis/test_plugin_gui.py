"""Plugin life cycle in QGIS (pytest-qgis iface): initGui adds menu, toolbar, dock and provider;
unload removes every one of them, plus the translator, log handler, map tool and project signals."""

from __future__ import annotations

import logging
from unittest import mock

import pytest
from qgis.core import QgsApplication, QgsProject
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QEvent

import sbplanner_plugin
from sbplanner_plugin import plugin as plugin_module
from sbplanner_plugin.gui.dock import SbPlannerDock


def _receivers(signal_owner, signal_name: str) -> int:
    return signal_owner.receivers(getattr(signal_owner, signal_name))


def _flush_deletes() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def no_session_provider(qgis_app):
    """These tests register the provider themselves: take the session's one out, put one back after."""
    registry = QgsApplication.processingRegistry()
    existing = registry.providerById("sbplanner")
    if existing is not None:
        registry.removeProvider(existing)
    yield
    if existing is not None and registry.providerById("sbplanner") is None:
        from sbplanner_plugin.processing.provider import SbPlannerProvider

        registry.addProvider(SbPlannerProvider())


@pytest.fixture
def spy_iface(qgis_iface):
    """pytest-qgis' iface, with the add/remove calls recorded (its own versions are no-ops)."""
    names = (
        "addDockWidget",
        "removeDockWidget",
        "addToolBarIcon",
        "removeToolBarIcon",
        "addPluginToMenu",
        "removePluginMenu",
    )
    patches = [mock.patch.object(qgis_iface, n, wraps=getattr(qgis_iface, n)) for n in names]
    for p in patches:
        p.start()
    yield qgis_iface
    for p in patches:
        p.stop()


def test_class_factory_without_iface_gives_processing_only_plugin(qgis_app):
    plugin = sbplanner_plugin.classFactory(None)
    assert isinstance(plugin, plugin_module.ProcessingOnlyPlugin)
    assert not isinstance(plugin, plugin_module.SbPlannerPlugin)
    registry = QgsApplication.processingRegistry()
    plugin.initProcessing()
    try:
        assert registry.providerById("sbplanner") is not None
        assert registry.algorithmById("sbplanner:delineate_watersheds") is not None
        assert registry.algorithmById("sbplanner:divide_small_watersheds") is not None
    finally:
        plugin.unload()
    assert registry.providerById("sbplanner") is None


def test_init_gui_then_unload_leaves_nothing_behind(qgis_app, spy_iface):
    project = QgsProject.instance()
    canvas = spy_iface.mapCanvas()
    baseline = {
        "readProject": _receivers(project, "readProject"),
        "cleared": _receivers(project, "cleared"),
        "mapToolSet": _receivers(canvas, "mapToolSet"),
    }
    logger = logging.getLogger("sbplanner_plugin")
    handlers_before = list(logger.handlers)

    plugin = sbplanner_plugin.classFactory(spy_iface)
    assert isinstance(plugin, plugin_module.SbPlannerPlugin)
    plugin.initGui()

    registry = QgsApplication.processingRegistry()
    assert registry.providerById("sbplanner") is not None
    dock = plugin.dock
    assert isinstance(dock, SbPlannerDock)
    spy_iface.addDockWidget.assert_called_once()
    assert spy_iface.addDockWidget.call_args[0][1] is dock
    toolbar_actions = [c[0][0] for c in spy_iface.addToolBarIcon.call_args_list]
    menu_actions = [c[0][1] for c in spy_iface.addPluginToMenu.call_args_list]
    assert toolbar_actions == [plugin.dock_action]
    assert plugin.dock_action in menu_actions
    assert len(menu_actions) == 6  # panel, demo, guided mode, manual, packages, About (issue 15)
    assert {c[0][0] for c in spy_iface.addPluginToMenu.call_args_list} == {"SBPlanner"}
    assert not plugin.dock_action.icon().isNull()
    assert len(logger.handlers) == len(handlers_before) + 1
    assert _receivers(project, "readProject") > baseline["readProject"]
    assert _receivers(canvas, "mapToolSet") > baseline["mapToolSet"]

    # the map tool of step 1 is active when unload happens: it must be released too
    step = dock.steps[0]
    step.click_button.setChecked(True)
    assert canvas.mapTool() is step.click_tool

    plugin.unload()
    _flush_deletes()

    assert registry.providerById("sbplanner") is None
    spy_iface.removeDockWidget.assert_called_once_with(dock)
    assert sip.isdeleted(dock)
    removed_menu = [c[0][1] for c in spy_iface.removePluginMenu.call_args_list]
    assert set(map(id, removed_menu)) == set(map(id, menu_actions))
    removed_icons = [c[0][0] for c in spy_iface.removeToolBarIcon.call_args_list]
    assert all(any(r is a for r in removed_icons) for a in toolbar_actions)
    assert all(sip.isdeleted(a) for a in menu_actions)
    assert canvas.mapTool() is None
    assert logger.handlers == handlers_before
    assert plugin.translator is None
    for name, count in baseline.items():
        owner = canvas if name == "mapToolSet" else project
        assert _receivers(owner, name) == count, name


def test_dock_title_and_numbered_steps(qgis_app, spy_iface):
    plugin = sbplanner_plugin.classFactory(spy_iface)
    plugin.initGui()
    try:
        dock = plugin.dock
        assert "SBPlanner" in dock.windowTitle()
        labels = [dock.step_list.item(i).text() for i in range(dock.step_list.count())]
        assert labels[0].startswith("1 ")
        assert [int(label.split()[0]) for label in labels] == list(range(1, len(labels) + 1))
        assert len(labels) >= 3
        dock.step_list.setCurrentRow(1)
        assert dock.pages.currentIndex() == 1
        # the plan field says what belongs there while it is empty (issue 15)
        dock.plan_widget.setFilePath("")
        assert dock.plan_widget.lineEdit().placeholderText() == "Choose or create the plan GeoPackage (.gpkg)"
    finally:
        plugin.unload()


def test_missing_dependency_gives_one_message_and_no_provider(qgis_app, spy_iface):
    class Issue:
        package = "pyflwdir"
        found = None
        required = ">=0.5"
        problem = "pyflwdir is not installed"

        def install_command(self):
            return "pip install pyflwdir"

    spy_iface.messageBar().clear_messages()
    with mock.patch.object(plugin_module, "check_dependencies", return_value=[Issue()]):
        plugin = sbplanner_plugin.classFactory(spy_iface)
        plugin.initGui()
    try:
        assert QgsApplication.processingRegistry().providerById("sbplanner") is None
        assert plugin.message_item is not None
        assert "pyflwdir" in plugin.message_item.text()
        assert plugin.dock.banner.isVisibleTo(plugin.dock)
        assert "pyflwdir" in plugin.dock.banner.text()
    finally:
        plugin.unload()
    assert plugin.message_item is None
