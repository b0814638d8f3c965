"""Run inside real QGIS (``qgis --code shoot.py``): open a project, show the SBPlanner dock on a step,
wait for rendering, write a screenshot of the whole screen, quit.

Driven by environment variables (set by ``shoot.sh``):
``SHOT_OUT`` (PNG path), ``SHOT_PROJECT`` (optional .qgz), ``SHOT_STEP`` (0-based dock step),
``SHOT_DELAY_S`` (seconds before the shot, default 6), ``SHOT_DOCK_WIDTH`` (px, optional),
``SHOT_RUN`` (optional, comma-separated run panels of the step to click one after the other before the shot,
e.g. ``urgency_run,benefits_run`` for step 5: each waits for the previous run to finish).
The screenshot is taken with ImageMagick's ``import -window root`` when available (what a user sees,
window manager included), else with ``QScreen.grabWindow``.
"""

import os
import shutil
import subprocess

from qgis.core import QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QScrollArea
from qgis.utils import iface, plugins

OUT = os.environ["SHOT_OUT"]
PROJECT = os.environ.get("SHOT_PROJECT", "")
STEP = int(os.environ.get("SHOT_STEP", "0"))
DELAY_MS = int(float(os.environ.get("SHOT_DELAY_S", "6")) * 1000)
DOCK_WIDTH = int(os.environ.get("SHOT_DOCK_WIDTH", "0") or 0)
RUNS = [name.strip() for name in os.environ.get("SHOT_RUN", "").split(",") if name.strip()]
#: issue 15: SHOT_DEMO=1 loads the demo project through the plugin menu's loader (instead of SHOT_PROJECT),
#: SHOT_GUIDED=1 switches the guided mode on, SHOT_ABOUT=1 opens the About box before the shot.
DEMO = os.environ.get("SHOT_DEMO", "") == "1"
GUIDED = os.environ.get("SHOT_GUIDED", "") == "1"
ABOUT = os.environ.get("SHOT_ABOUT", "") == "1"


def prepare():
    if PROJECT:
        QgsProject.instance().read(PROJECT)
    plugin = plugins.get("sbplanner_plugin")
    if plugin is None:
        print("SHOT: plugin not loaded", flush=True)
    else:
        plugin.show_dock()
        if DEMO:
            plugin.load_demo_project()
        if GUIDED:
            plugin.set_guided_mode(True)
        dock = plugin.dock
        dock.step_list.setCurrentRow(STEP)
        if ABOUT:
            QTimer.singleShot(DELAY_MS // 2, plugin.show_about)
        if DOCK_WIDTH:
            iface.mainWindow().resizeDocks([dock], [DOCK_WIDTH], 1)  # Qt.Horizontal
    window = iface.mainWindow()
    window.showMaximized()
    # Xvfb has no window manager, so "maximised" keeps QGIS's default size: fill the screen ourselves
    window.setGeometry(window.screen().availableGeometry())
    if RUNS and plugin is not None:
        QTimer.singleShot(DELAY_MS, lambda: run_next(plugin.dock.steps[STEP], list(RUNS)))
    else:
        QTimer.singleShot(DELAY_MS, shoot)


def run_next(step, names):
    """Click the run button of the next panel in ``names``; shoot when all have finished."""
    if not names:
        QTimer.singleShot(DELAY_MS, shoot)
        return
    panel = getattr(step, names.pop(0), None)
    if panel is None:
        print("SHOT: no such run panel", flush=True)
        run_next(step, names)
        return
    finished = []
    panel.runFinished.connect(lambda ok: (finished.append(ok), print(f"SHOT: run finished {ok}", flush=True),
                                          run_next(step, names)))  # fmt: skip
    panel.run_button.click()
    if not panel.busy and not finished:  # refused before starting (the status says why): go on
        print(f"SHOT: run refused: {panel.status.text()}", flush=True)
        run_next(step, names)


def shoot():
    if shutil.which("import") and os.environ.get("DISPLAY"):
        subprocess.run(["import", "-window", "root", OUT], check=False)
    else:
        QApplication.primaryScreen().grabWindow(0).save(OUT)
    print(f"SHOT: wrote {OUT}", flush=True)
    plugin = plugins.get("sbplanner_plugin")
    if plugin is not None and plugin.dock is not None:
        # the whole current step page, beyond what the dock's scroll area shows: <OUT>_page.png
        areas = [a for a in plugin.dock.findChildren(QScrollArea) if a.isVisible() and a.widget() is not None]
        if areas:
            page = max(areas, key=lambda a: a.widget().sizeHint().height()).widget()
            page.resize(page.width(), max(page.sizeHint().height(), page.height()))
            page.grab().save(OUT.replace(".png", "_page.png"))
            print(f"SHOT: wrote {OUT.replace('.png', '_page.png')}", flush=True)
    # quit without QGIS's save / temporary-layer questions (a modal dialog would block the run)
    QTimer.singleShot(500, lambda: os._exit(0))


QTimer.singleShot(3000, prepare)
