"""One language at a time (issue 15): a walk through every page of the dock, in Chinese and in English.

The dock is built on the analysed Youwuzhen plan (steps 1 and 2 run headless, its result layers loaded by the
steps as a user's run loads them); every step page is shown and every text a user reads is collected: labels,
buttons, check boxes, radio buttons, group-box titles, combo-box items, table and tree headers and cells, the
step list, the layer-tree groups and layers and their legend labels. In Chinese no Latin-letter word may
appear except units, codes and names (:data:`ALLOWED_LATIN`); in English no Chinese character at all.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from qgis.core import QgsProject, QgsVectorLayer
from qgis.gui import QgsFieldComboBox
from qgis.PyQt.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QEventLoop,
    QModelIndex,
    Qt,
    QTimer,
    QTranslator,
)
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QToolButton,
    QWidget,
)

from sbplanner_plugin.gui import layers
from sbplanner_plugin.gui import measure_editor as editor

REPO_ROOT = Path(__file__).resolve().parents[2]
TS_FILE = REPO_ROOT / "i18n" / "sbplanner_zh_CN.ts"
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_.'\-]*")

#: Latin-letter words a Chinese user interface keeps: units and symbols, factor letters, standards, formats,
#: software and data names (codes of the data itself, e.g. the demo's watershed codes, are read from the data).
ALLOWED_LATIN = {
    # units and symbols
    "m", "km", "hm", "ha", "t", "a", "h", "kg", "mm", "cm", "MJ", "N", "x", "y", "z",
    # CSLE / RUSLE factors and their symbols
    "CSLE", "RUSLE", "USLE", "R", "K", "L", "S", "LS", "B", "E", "T", "C", "P", "A", "F", "H", "I", "Q", "W",
    "i", "i0", "b", "n", "FVC", "NDVI", "Strahler",
    # data and standards
    "DEM", "GB", "GB/T", "SL", "SL/T", "DLBM", "DLMC", "GDLX", "GDPDJB", "ZLDWDM", "QSDWDM", "TT", "D.0.5",
    "D.0.10", "D.0.11", "D.0.15", "CGCS2000", "EPSG", "CRS", "ID", "AHP", "CR", "CI", "RI",
    # formulas and names
    "sin", "cos", "tan", "cot", "B_x", "B_m", "B_n", "Jenks", "Saaty", "GNSS", "GPX", "WGS", "LS_TOOL",
    # formats and software
    "GeoPackage", "gpkg", "PostGIS", "CSV", "csv", "PDF", "Excel", "Word", "docx", "xlsx", "QGIS", "SBPlanner",
}  # fmt: skip

#: Words of the data itself (layer fields, the demo's codes): not user-interface text.
DATA_WORDS = re.compile(r"^(WS\d+|ws_\w+|[A-Z]{1,4}-?\d+[A-Za-z0-9]*|D\.\d+(\.\d+)*|\d[\dA-Za-z]*)$")


def latin_words(text: str) -> list[str]:
    """Latin-letter words of ``text`` that are not units, codes or names."""
    text = re.sub(r"<[^>]+>", " ", text)  # rich text tags
    text = re.sub(r"&\w+;", " ", text)
    text = re.sub(r"(?:[A-Za-z]:)?[/\\][\w./\\-]+", " ", text)  # paths
    text = re.sub(r"\w*\.(csv|gpkg|qml|docx|xlsx|pdf|gpx)\b", " ", text)  # file names and extensions
    found = []
    for word in WORD.findall(text):
        word = word.strip(".'-")
        if not word or word in ALLOWED_LATIN or DATA_WORDS.match(word):
            continue
        if re.fullmatch(r"[A-Z]\d*", word):  # single factor letters with an index
            continue
        found.append(word)
    return found


# --------------------------------------------------------------------------------------------------------------
# what the user reads


def _model_texts(view: QAbstractItemView, rows: int = 40) -> list[str]:
    """Column headers and the cells of the first ``rows`` rows (children of tree rows too)."""
    model = view.model()
    if model is None:
        return []
    texts = []
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a list model (QAbstractListModel hides columnCount from Python)
        columns = 1
    # table and list models hide hasChildren from Python: only tree models have rows below rows
    tree = not isinstance(model, (QAbstractListModel, QAbstractTableModel))
    for section in range(columns):
        value = model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if value:
            texts.append(str(value))

    def cells(parent, depth):
        for row in range(min(model.rowCount(parent), rows)):
            for column in range(columns):
                index = model.index(row, column, parent)
                value = index.data(Qt.ItemDataRole.DisplayRole)
                if isinstance(value, str) and value:
                    texts.append(value)
                if tree and column == 0 and depth < 3 and model.hasChildren(index):
                    cells(index, depth + 1)

    cells(QModelIndex(), 0)
    return texts


def widget_texts(root: QWidget, skip: QWidget | None = None) -> list[tuple[str, str]]:
    """(where, text) of everything shown under ``root`` (not under ``skip``)."""
    out: list[tuple[str, str]] = []

    def add(widget, text):
        if text and text.strip():
            out.append((f"{type(widget).__name__}:{widget.objectName()}", text))

    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or (skip is not None and skip.isAncestorOf(widget)):
            continue
        if isinstance(widget, (QLabel, QPushButton, QToolButton, QCheckBox, QRadioButton)):
            add(widget, widget.text())
        elif isinstance(widget, QGroupBox):
            add(widget, widget.title())
        elif isinstance(widget, QgsFieldComboBox):
            continue  # the field names of the user's layers are data, not user-interface text
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                add(widget, widget.itemText(i))
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                add(widget, widget.tabText(i))
        elif isinstance(widget, QAbstractSpinBox):
            if widget.specialValueText() and widget.text() == widget.specialValueText():
                add(widget, widget.text())
            add(widget, (getattr(widget, "prefix", str)() or "") + (getattr(widget, "suffix", str)() or ""))
        elif isinstance(widget, QAbstractItemView):
            for text in _model_texts(widget):
                add(widget, text)
    return out


def layer_tree_texts(project: QgsProject) -> list[tuple[str, str]]:
    """Group and layer names of the layer tree and the legend labels of their styles."""
    out = []
    root = project.layerTreeRoot()
    for group in root.findGroups(True):
        out.append(("group", group.name()))
    for node in root.findLayers():
        layer = node.layer()
        out.append(("layer", node.name()))
        renderer = layer.renderer() if isinstance(layer, QgsVectorLayer) else None
        if renderer is not None:
            for item in renderer.legendSymbolItems():
                out.append((f"legend:{node.name()}", item.label()))
    return out


# --------------------------------------------------------------------------------------------------------------
# the walk


@pytest.fixture(scope="module")
def zh_qm(tmp_path_factory) -> Path:
    lrelease = shutil.which("lrelease")
    if lrelease is None:
        pytest.skip("lrelease is not installed (make setup-dev)")
    qm = tmp_path_factory.mktemp("i18n-walk") / "sbplanner_zh_CN.qm"
    subprocess.run([lrelease, "-silent", str(TS_FILE), "-qm", str(qm)], check=True)
    return qm


def walk(qgis_iface, plan_path: Path) -> list[tuple[str, str, str]]:
    """(step, where, text) of every page of a dock on ``plan_path``, with step 1–3 layers loaded."""
    from sbplanner_plugin.gui.dock import SbPlannerDock

    project = QgsProject.instance()
    project.clear()
    editor.clear_sessions()
    dock = SbPlannerDock(qgis_iface)
    try:
        dock.plan_widget.setFilePath(str(plan_path))
        steps = {s.key: s for s in dock.steps}
        dock.show()
        QApplication.processEvents()
        assert dock.current_store is not None or dock.plan_store() is not None
        # steps 1 and 2 ran headless (the fixture): their results are loaded as the steps load them after a run
        steps["watersheds"]._delineated({})
        steps["parcels"]._analysed({})
        steps["parcels"].load_summary_tables()
        # step 3 runs for real: the proposal, the parcel editor with a terraced parcel selected
        measures = steps["measures"]
        dock.step_list.setCurrentRow(dock.steps.index(measures))
        QApplication.processEvents()
        measures._preselect_parcels()
        assert propose(measures), measures.run_panel.status.text()
        QApplication.processEvents()
        texts = [("dock", "title", dock.windowTitle())]
        for i in range(dock.step_list.count()):
            texts.append(("dock", "step list", dock.step_list.item(i).text()))
        texts += [("dock", w, t) for w, t in widget_texts(dock.widget(), skip=dock.pages)]
        for index, step in enumerate(dock.steps):
            dock.step_list.setCurrentRow(index)
            QApplication.processEvents()
            if step is measures:
                # a forest parcel given a level terrace: the form shows the terrace's parameters, the validation
                # names the measure and the land-use groups it applies to
                select_first(measures, lambda f: str(f["landuse_code"] or "").startswith("03"))
                measures.editor.picker.set_codes(["terrace_level_earth"])
                QApplication.processEvents()
            texts += [(step.key, where, text) for where, text in widget_texts(step)]
        texts += [("layer tree", where, text) for where, text in layer_tree_texts(project)]
        return texts
    finally:
        dock.cleanup()
        dock.deleteLater()
        QApplication.processEvents()
        project.clear()
        editor.clear_sessions()


def propose(step, timeout_ms: int = 300000) -> bool:
    result = []
    loop = QEventLoop()
    step.workflowFinished.connect(lambda ok: (result.append(ok), loop.quit()))
    step.run_panel.run_button.click()
    assert step.run_panel.busy, step.run_panel.status.text()
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec_()
    assert result, "run did not finish"
    return result[0]


def select_first(step, predicate) -> None:
    """Select the first parcel of the editor's table matching ``predicate`` (the form shows its measure)."""
    from sbplanner_plugin.gui.models import FID_ROLE

    view = step.editor.table
    model = view.model()
    layer = layers.find_layer(editor.MEASURES_KEY)
    wanted = {f.id() for f in layer.getFeatures() if predicate(f)}
    for row in range(model.rowCount()):
        if model.index(row, 0).data(FID_ROLE) in wanted:
            view.selectRow(row)
            return
    raise AssertionError("no parcel to select")


@pytest.fixture
def plan(youwuzhen_plan, tmp_path) -> Path:
    path = tmp_path / "plan.gpkg"
    shutil.copy(youwuzhen_plan, path)
    return path


def test_chinese_ui_shows_no_english_words(qgis_iface, plan, zh_qm, sbplanner_provider):
    from sbplanner_plugin.i18n import ui_language

    translator = QTranslator()
    assert translator.load(str(zh_qm))
    QCoreApplication.installTranslator(translator)
    # the algorithms' parameter texts (choices the dock offers) are made when they load: QGIS loads the
    # provider after the plugin installed its translator; here it is reloaded
    sbplanner_provider.refreshAlgorithms()
    try:
        assert ui_language() == "zh"
        texts = walk(qgis_iface, plan)
    finally:
        QCoreApplication.removeTranslator(translator)
        sbplanner_provider.refreshAlgorithms()
    assert ui_language() == "en"
    assert len(texts) > 200  # the walk really read the pages
    assert any(t == "措施配置" or t.endswith("措施配置") for _, _, t in texts)
    assert any("图斑" in t for s, w, t in texts if s == "layer tree" and w == "group")
    shown = {t for _, _, t in texts}
    # the design-parameter form of the level terrace: names with units, coded values as choices
    form = {"田坎类型", "最大田坎高度（m）", "田坎坡度（°）", "田面宽度（m）", "土坎", "干砌石坎", "自动（按坡度）"}
    assert form <= shown, form - shown
    # the validation names the measure and the land-use groups, not "(terrace_level_earth)" / "01, 02, 04, 12"
    problems = [t for t in shown if "不适用于" in t]
    assert problems and all("terrace_level_earth" not in t and "01, 02" not in t for t in problems), problems
    assert any("耕地、园地、草地、其他土地" in t for t in problems), problems
    # the legend in one language
    legend = [t for s, w, t in texts if w.startswith("legend:")]
    assert "微度（< 容许土壤流失量）" in legend and not any("slight" in t for t in legend)
    english = sorted(
        {(step, where, text, " ".join(latin_words(text))) for step, where, text in texts if latin_words(text)}
    )
    assert english == [], "English words in the Chinese UI:\n" + "\n".join(map(str, english))


def test_english_ui_shows_no_chinese(qgis_iface, plan):
    from sbplanner_plugin.i18n import ui_language

    assert ui_language() == "en"
    texts = walk(qgis_iface, plan)
    assert len(texts) > 200
    assert any(t.endswith("Measures") for s, _, t in texts if s == "dock")
    shown = {t for _, _, t in texts}
    assert {"Riser", "Maximum riser height (m)", "Riser angle (°)", "earth", "dry stone"} <= shown
    assert any("cropland, garden land, grassland, other land" in t for t in shown)
    legend = [t for s, w, t in texts if w.startswith("legend:")]
    assert "slight (< tolerance)" in legend
    assert "SBPlanner – 2 Parcels" in {t for s, w, t in texts if w == "group"}
    chinese = sorted({(step, where, text) for step, where, text in texts if CJK.search(text)})
    assert chinese == [], "Chinese in the English UI:\n" + "\n".join(map(str, chinese))


def test_latin_word_filter():
    assert latin_words("土壤侵蚀模数 t/(km²·a)") == []
    assert latin_words("SL 190-2007 面蚀 (5/8/15/25/35°)") == []
    assert latin_words("R 因子（MJ·mm/(hm²·h·a)）") == []
    assert latin_words("水平梯田(土坎)  level terrace") == ["level", "terrace"]
    assert latin_words("ALL") == ["ALL"]
    assert latin_words("CN-2025  全国 2025: 73 %") == latin_words("D.0.13  图斑林草设计表") == []
    assert latin_words("输出图集（.pdf）") == latin_words("按 benefit_prices.csv") == []
    assert latin_words("riser_height_max_m") == ["riser_height_max_m"]
