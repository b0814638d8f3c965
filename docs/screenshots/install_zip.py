"""Run inside real QGIS (``qgis --code install_zip.py``, started by ``install_zip.sh``): install the plugin zip
the way a user does — Plugins ▸ Manage and Install Plugins ▸ Install from ZIP ▸ choose the file ▸ Install
Plugin — then check that SBPlanner is loaded, take a screenshot of the whole screen and quit.

The dialog is QGIS's own Plugin Manager (C++); its "Install Plugin" button runs
``pyplugin_installer.instance().installFromZipFile(path)``, which unzips into the profile's python/plugins,
loads and starts the plugin. Nothing here calls the plugin directly before the check.

Environment (set by ``install_zip.sh``): ``INSTALL_ZIP`` (the zip), ``INSTALL_OUT`` (PNG path),
``INSTALL_RESULT`` (a ``key=value`` file the shell script checks), ``INSTALL_EXPECT_DEPS`` (``1``: the
Python packages are reachable, the provider must be registered; ``0``: they are not, the plugin must say so).
Every step prints a line starting with ``INSTALL:`` to QGIS's stdout.
"""

import os
import shutil
import subprocess

from qgis.core import Qgis, QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QDialog, QListWidget, QMessageBox, QPushButton, QStackedWidget, QWidget
from qgis.utils import active_plugins, iface, plugins

ZIP = os.environ["INSTALL_ZIP"]
OUT = os.environ["INSTALL_OUT"]
RESULT = os.environ["INSTALL_RESULT"]
EXPECT_DEPS = os.environ.get("INSTALL_EXPECT_DEPS", "1") == "1"
PLUGIN = "sbplanner_plugin"
results = {}


def say(text):
    print(f"INSTALL: {text}", flush=True)


def record(key, value):
    results[key] = value
    say(f"{key}={value}")


def manager_dialog():
    for widget in QApplication.topLevelWidgets():
        # the Plugin Manager is a child of the main window, which therefore "contains" its widgets too
        if isinstance(widget, QDialog) and widget.isVisible() and widget.findChild(QWidget, "mZipFileWidget"):
            return widget
    return None


def start():
    record("qgis_version", Qgis.QGIS_VERSION)
    record("loaded_before", PLUGIN in plugins)
    # offline: no fetching of plugins.qgis.org when the dialog opens (it would only time out)
    settings = QgsSettings()
    settings.setValue("app/plugin_repositories/QGIS Official Plugin Repository/url",
                      "https://plugins.qgis.org/plugins/plugins.xml")  # fmt: skip
    settings.setValue("app/plugin_repositories/QGIS Official Plugin Repository/enabled", False)
    window = iface.mainWindow()
    window.setGeometry(window.screen().availableGeometry())  # Xvfb has no window manager to maximise it
    QTimer.singleShot(1500, open_zip_page)
    iface.actionManagePlugins().trigger()  # the Plugins ▸ Manage and Install Plugins… menu item


def open_zip_page():
    dialog = manager_dialog()
    if dialog is None:
        record("dialog", False)
        return finish()
    record("dialog", True)
    pages = dialog.findChild(QStackedWidget, "mOptionsStackedWidget")
    zip_page = dialog.findChild(QWidget, "pageInstallFromZip")
    tabs = dialog.findChild(QListWidget, "mOptionsListWidget")
    for row in range(tabs.count() if tabs is not None else 0):  # click the "Install from ZIP" entry on the left
        tabs.setCurrentRow(row)
        if pages is not None and pages.currentWidget() is zip_page:
            record("zip_tab", tabs.item(row).text())
            break
    dialog.findChild(QWidget, "mZipFileWidget").setFilePath(ZIP)
    QTimer.singleShot(1000, lambda: click_install(dialog))


def click_install(dialog):
    button = dialog.findChild(QPushButton, "buttonInstallFromZip")
    record("install_button_enabled", button is not None and button.isEnabled())
    if button is None or not button.isEnabled():
        return finish()
    say(f"clicking {button.text()!r} for {ZIP}")
    QTimer.singleShot(1500, accept_warning)  # runs inside the warning's modal event loop
    button.click()  # warning, then unzip, load and start the plugin (synchronously)
    check(dialog)


def accept_warning():
    """QGIS warns before installing from a zip ("untrusted source ... Continue?"): answer Yes, as the user does."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            record("warning", widget.text().replace("\n", " ")[:120])
            yes = widget.button(QMessageBox.StandardButton.Yes)
            if yes is not None:
                yes.click()
                return
    record("warning", "none")


def check(dialog):
    plugin = plugins.get(PLUGIN)
    installed = os.path.join(QgsApplication.qgisSettingsDirPath(), "python", "plugins", PLUGIN, "metadata.txt")
    record("installed_into_profile", os.path.isfile(installed))
    record("loaded", plugin is not None)
    record("active", PLUGIN in active_plugins)
    record("enabled_setting", QgsSettings().value(f"PythonPlugins/{PLUGIN}", False, type=bool))
    record("provider", QgsApplication.processingRegistry().providerById("sbplanner") is not None)
    menu_titles = [a.text().replace("&", "") for a in iface.pluginMenu().actions()]
    record("menu", "SBPlanner" in menu_titles)
    if plugin is not None:
        record("dependency_issues", ",".join(i.package for i in plugin.dependency_issues) or "none")
        record("dock", plugin.dock is not None)
        if plugin.dock is not None:
            plugin.show_dock()
            iface.mainWindow().resizeDocks([plugin.dock], [460], 1)  # Qt.Horizontal
    installed = all(results[k] for k in ("installed_into_profile", "loaded", "active", "menu"))
    if EXPECT_DEPS:  # everything there: panel and algorithms
        ok = installed and results.get("dock", False) and results["provider"]
    else:  # packages missing: loaded, no algorithms, the missing packages named (message bar, report)
        ok = installed and not results["provider"] and results.get("dependency_issues", "none") != "none"
    record("ok", ok)
    # the Plugin Manager stays open (its message bar says whether the install worked), the main window with
    # the SBPlanner dock or, without the packages, SBPlanner's message bar and its package report beside it
    dialog.setGeometry(*((0, 90, 890, 540) if EXPECT_DEPS else (0, 160, 620, 480)))
    dialog.raise_()
    if plugin is not None and not EXPECT_DEPS:
        plugin.show_dependency_report()  # what "Details" in the message bar opens
        box = getattr(plugin, "_report_box", None)
        if box is not None:
            box.move(640, 170)
    QTimer.singleShot(1200, shoot)


def shoot():
    if shutil.which("import") and os.environ.get("DISPLAY"):
        subprocess.run(["import", "-window", "root", OUT], check=False)
    else:
        QApplication.primaryScreen().grabWindow(0).save(OUT)
    say(f"wrote {OUT}")
    finish()


def finish():
    with open(RESULT, "w", encoding="utf-8") as stream:
        stream.writelines(f"{key}={value}\n" for key, value in results.items())
    # quit without QGIS's save questions (a modal dialog would block the run)
    QTimer.singleShot(500, lambda: os._exit(0))


QTimer.singleShot(3000, start)
