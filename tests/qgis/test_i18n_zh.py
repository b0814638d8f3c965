"""The Chinese (zh_CN) user interface: the committed .ts is complete and really reaches the user.

The runtime tests compile ``i18n/sbplanner_zh_CN.ts`` with ``lrelease`` into a temporary ``.qm``
(nothing is written into the source tree), install it and look at what QGIS users see: core error
messages, algorithm names and help, dock labels. The source checks need no Qt: every ``tr()`` gets
a string literal (pylupdate5 cannot collect f-strings or ``.format`` inside ``tr``) and every
marked literal is in the ``.ts`` under the context the code translates it with at run time.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
PACKAGE = REPO_ROOT / "sbplanner_plugin"
TS_FILE = REPO_ROOT / "i18n" / "sbplanner_zh_CN.ts"
CJK = re.compile(r"[\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\d")


# --------------------------------------------------------------------------------------------
# the .ts file


def ts_messages() -> list[dict]:
    root = ET.parse(TS_FILE).getroot()
    messages = []
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            messages.append(
                {
                    "context": name,
                    "source": message.findtext("source"),
                    "comment": message.findtext("comment"),
                    "translation": translation.text or "",
                    "type": translation.get("type"),
                }
            )
    return messages


def test_ts_is_complete_and_clean():
    messages = ts_messages()
    assert len(messages) >= 140  # step 1 alone has ~140 user-visible texts
    unfinished = [(m["context"], m["source"]) for m in messages if m["type"] is not None]
    assert unfinished == [], "unfinished, vanished or obsolete entries in the .ts"
    empty = [(m["context"], m["source"]) for m in messages if not m["translation"].strip()]
    assert empty == []


def test_ts_translations_keep_placeholders_and_are_chinese():
    for m in ts_messages():
        source, translation = m["source"], m["translation"]
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(translation)), (m["context"], source)
        if CJK.search(source) is None and source not in NOT_TRANSLATED:
            assert CJK.search(translation), f"{m['context']}: {source!r} kept in English"
        if "SBPlanner" in source:
            assert "SBPlanner" in translation, (m["context"], source)


#: Texts that are the same in Chinese (product name, file filter) or punctuation (the list separator ", " is 、);
#: "en" is the language marker (SbPlannerLanguage), translated to the code "zh".
NOT_TRANSLATED = {"SBPlanner", "DEM", "GeoPackage (*.gpkg)", ", ", "en"}


def test_ts_terminology():
    by_key = {(m["context"], m["source"], m["comment"]): m["translation"] for m in ts_messages()}
    assert by_key[("SbPlannerLanguage", "en", None)] == "zh"  # i18n.ui_language() reads it
    assert by_key[("DelineateWatersheds", "Delineate watersheds from outlets", None)] == "由出口点划分流域"
    assert by_key[("DivideSmallWatersheds", "Divide into small watersheds (SL 653)", None)] == "划分小流域（SL 653）"
    assert by_key[("SbAlgorithm", "1 · Small watersheds", None)] == "1 · 小流域划分"
    assert by_key[("SbPlannerDock", "SBPlanner / Small-watershed planning", None)] == "SBPlanner / 小流域治理规划"
    assert by_key[("DividePanel", "headwater", None)] == "源头小流域"
    assert by_key[("DividePanel", "inter-basin", None)] == "区间小流域"
    assert by_key[("WatershedsStep", "Snap distance", None)] == "捕捉距离"
    assert by_key[("WatershedsStep", "Stream threshold", None)] == "河网提取阈值"
    help_text = next(
        zh for (ctx, src, _), zh in by_key.items() if ctx == "DelineateWatersheds" and src.startswith("Delineates the")
    )
    for term in ("填洼", "流向", "汇流累积", "捕捉距离", "主沟道长度", "主沟道比降", "沟壑密度", "Strahler 分级"):
        assert term in help_text, term


# --------------------------------------------------------------------------------------------
# the sources


def _calls(tree: ast.AST):
    """(call, context pylupdate5 files it under) for every tr / translate / QT_TRANSLATE_NOOP call."""

    def walk(node: ast.AST, cls: str | None):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                yield from walk(child, child.name)
                continue
            if isinstance(child, ast.Call):
                func = child.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
                if name == "tr":
                    yield child, (cls if isinstance(func, ast.Attribute) else "@default")
                elif name == "QT_TRANSLATE_NOOP" or (name == "translate" and _is_qt_translate(func)):
                    yield child, None
            yield from walk(child, cls)

    yield from walk(tree, None)


def _is_qt_translate(func: ast.AST) -> bool:
    """``QCoreApplication.translate`` (or a bare ``translate``), not e.g. ``QgsGeometry.translate(dx, dy)``."""
    if isinstance(func, ast.Name):
        return True
    owner = func.value
    return isinstance(owner, ast.Name) and owner.id in ("QCoreApplication", "QgsApplication", "QApplication")


def _source_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _is_str(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def test_every_tr_call_gets_a_string_literal():
    """f-strings, ``%``/``.format`` or variables inside tr() cannot be collected or translated."""
    offenders = []
    for path in _source_files():
        for call, _ in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            name = call.func.attr if isinstance(call.func, ast.Attribute) else call.func.id
            args = call.args
            if name == "tr":
                text = args[0] if args else None
            else:
                text = args[1] if len(args) >= 2 else None
                if isinstance(text, (ast.Name, ast.Attribute)):
                    continue  # a tr() helper forwarding a marked text: translate(context, text)
            if text is None or not _is_str(text):
                offenders.append(f"{path.relative_to(REPO_ROOT)}:{call.lineno} {ast.unparse(call)[:80]}")
    assert offenders == []


def test_every_marked_text_is_in_the_ts():
    """A text added to the code but not to the .ts (run ``make transup`` and translate it)."""
    have = {(m["context"], m["source"]) for m in ts_messages()}
    missing = []
    for path in _source_files():
        for call, ctx in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            args = call.args
            if ctx is not None and args and _is_str(args[0]):
                key = (ctx, args[0].value)
            elif ctx is None and len(args) >= 2 and _is_str(args[0]) and _is_str(args[1]):
                key = (args[0].value, args[1].value)
            else:
                continue
            if key not in have:
                missing.append(f"{path.relative_to(REPO_ROOT)}:{call.lineno} {key}")
    assert missing == []


def test_no_trailing_comma_in_marked_calls():
    """pylupdate5 drops ``tr("…",)`` / ``QT_TRANSLATE_NOOP("ctx", "…",)`` without a word."""
    offenders = []
    for path in _source_files():
        text = path.read_text(encoding="utf-8")
        for call, _ in _calls(ast.parse(text)):
            segment = ast.get_source_segment(text, call) or ""
            if re.search(r",\s*\)\s*$", segment):
                offenders.append(f"{path.relative_to(REPO_ROOT)}:{call.lineno}")
    assert offenders == []


# --------------------------------------------------------------------------------------------
# at run time, with the compiled translation installed


@pytest.fixture(scope="module")
def zh_translator(qgis_app, tmp_path_factory):
    """Compile the .ts into a temporary .qm and install it for this module only."""
    lrelease = shutil.which("lrelease")
    if lrelease is None:
        pytest.skip("lrelease is not installed (make setup-dev)")
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    qm = tmp_path_factory.mktemp("i18n") / "sbplanner_zh_CN.qm"
    subprocess.run([lrelease, "-silent", str(TS_FILE), "-qm", str(qm)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm)), f"cannot load {qm}"
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


def test_core_error_message_in_chinese_with_numbers(zh_translator):
    from sbplanner_plugin.core.errors import DemTooSmallError, OutletOutsideDemError
    from sbplanner_plugin.processing.base import user_message

    error = OutletOutsideDemError(outlet=7, x=39444813.94, y=2840210.25)
    assert user_message(error) == "出口点 7（39444813.9, 2840210.2）位于 DEM 有效范围之外。"
    assert user_message(DemTooSmallError(rows=2, cols=5)) == "DEM 只有 2 × 5 个像元；至少需要 3 × 3 个有效像元。"


def test_every_core_error_template_is_translated(zh_translator):
    from qgis.PyQt.QtCore import QCoreApplication

    from sbplanner_plugin.core import errors

    classes = [
        c
        for c in vars(errors).values()
        if isinstance(c, type) and issubclass(c, errors.SbPlannerError) and c is not errors.SbPlannerError
    ]
    assert len(classes) >= 9
    for cls in classes:
        translated = QCoreApplication.translate(errors.ERROR_CONTEXT, cls.template)
        assert CJK.search(translated), f"{cls.__name__}: {cls.template!r} untranslated"


def test_algorithm_names_group_and_help_in_chinese(zh_translator):
    from sbplanner_plugin.processing.algorithms.delineate_watersheds import DelineateWatersheds
    from sbplanner_plugin.processing.algorithms.divide_small_watersheds import DivideSmallWatersheds

    delineate, divide = DelineateWatersheds(), DivideSmallWatersheds()
    assert delineate.displayName() == "由出口点划分流域"
    assert divide.displayName() == "划分小流域（SL 653）"
    assert delineate.group() == divide.group() == "1 · 小流域划分"
    assert delineate.groupId() == divide.groupId() == "watersheds"  # ids stay English
    assert "填洼" in delineate.shortHelpString()
    assert "亚单元" in divide.shortHelpString()
    assert "源头小流域" in divide.shortHelpString()


def test_algorithm_parameters_in_chinese(zh_translator):
    from sbplanner_plugin.processing.algorithms.delineate_watersheds import DelineateWatersheds

    alg = DelineateWatersheds()
    alg.initAlgorithm({})
    names = {p.name(): p.description() for p in alg.parameterDefinitions()}
    assert names["OUTLETS"] == "出口点"
    assert names["SNAP_DISTANCE_M"] == "出口点捕捉距离（m，0 = 3 个像元）"
    assert names["STREAM_THRESHOLD_KM2"].startswith("河网提取阈值")


def test_dock_texts_in_chinese(zh_translator):
    from qgis.PyQt.QtCore import QCoreApplication

    import sbplanner_plugin.gui.steps  # noqa: F401 - registers every step
    from sbplanner_plugin.gui.steps.base import registered_steps
    from sbplanner_plugin.gui.steps.divide_panel import DividePanel
    from sbplanner_plugin.gui.steps.watersheds_step import WatershedsStep

    assert WatershedsStep.title() == "小流域划分"
    steps = registered_steps()
    assert len(steps) >= 6
    for step in steps:  # the workflow list of the dock, placeholders of later issues included
        assert CJK.search(step.title()), f"step {step.number}: {step.title()!r} untranslated"
    assert QCoreApplication.translate("WatershedsStep", "Watersheds") == "流域"  # the layer name
    assert QCoreApplication.translate("AlgorithmRun", "Invalid parameters.") == "参数无效。"

    panel = SimpleNamespace(tr=lambda text: QCoreApplication.translate("DividePanel", text))

    def feature(unit_type):
        return SimpleNamespace(
            fields=lambda: SimpleNamespace(indexOf=lambda name: 0 if name == "unit_type" else -1),
            attribute=lambda index: unit_type,
        )

    assert DividePanel._unit_type_label(panel, feature("headwater")) == "源头小流域"
    assert DividePanel._unit_type_label(panel, feature("interbasin")) == "区间小流域"
    assert DividePanel._unit_type_label(panel, feature("other")) == "other"


def test_plugin_menu_texts_in_chinese(zh_translator):
    from sbplanner_plugin import plugin

    assert plugin.tr("SBPlanner panel") == "SBPlanner 面板"


def test_shared_algorithm_messages_in_chinese(zh_translator):
    from sbplanner_plugin.processing.base import SbAlgorithm

    # strings written in the base class are looked up under its own context, whatever the subclass
    assert SbAlgorithm._tr_base("DEM: {0} × {1} cells of {2:g} m") == "DEM：{0} × {1} 个像元，像元大小 {2:g} m"


def test_table_and_plan_error_details_in_chinese(zh_translator, tmp_path):
    """The detail of an error (problem=, reason=) is translated too, not only the sentence around it."""
    from sbplanner_plugin.adapters.param_files import read_table
    from sbplanner_plugin.adapters.plan_store import NO_FEATURE, PlanEditError, PlanStore
    from sbplanner_plugin.core.errors import msg
    from sbplanner_plugin.core.params import SCHEMAS, ParamTableError
    from sbplanner_plugin.processing.base import user_message

    path = tmp_path / "slr_coefficients.csv"
    path.write_text("name,value,source,confidence\na,1.5,x,CONFIRMED\nb,abc,x,PARTIAL\n", encoding="utf-8")
    with pytest.raises(ParamTableError) as info:
        read_table(path, SCHEMAS["slr_coefficients.csv"])
    text = user_message(info.value)
    assert text == "参数表 slr_coefficients.csv 第 3 行“value”列：“abc”不是数字"
    assert "is not a number" not in text and "is not a number" in str(info.value)

    path.write_text("name,value,source,confidence\na,1.5,x,SURE\n", encoding="utf-8")
    with pytest.raises(ParamTableError) as info:
        read_table(path, SCHEMAS["slr_coefficients.csv"])
    assert user_message(info.value) == (
        "参数表 slr_coefficients.csv 第 2 行“confidence”列：“SURE”不是以下取值之一："
        "CONFIRMED, PARTIAL, UNVERIFIED, DERIVED, PROPOSAL"
    )

    error = PlanEditError(path="", layer="works_points", reason=msg(NO_FEATURE, fid=99))
    assert user_message(error) == "图层 works_points 的编辑未能保存（未作任何更改）：不存在 ID 为 99 的要素"
    assert str(error) == "The edit of layer works_points was not saved (nothing was changed): no feature with id 99"

    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    with pytest.raises(PlanEditError) as info:
        store.update_attributes("no_such_layer", {1: {"status": "x"}})
    assert user_message(info.value) == "图层 no_such_layer 的编辑未能保存（未作任何更改）：规划成果库中没有该图层"


def test_a_broken_detail_translation_falls_back_to_english_for_that_detail(zh_translator, tmp_path):
    """A translation with a wrong placeholder costs only its own text: the detail reads in English."""
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    from sbplanner_plugin.core.errors import msg
    from sbplanner_plugin.core.params import NOT_A_NUMBER, ParamTableError
    from sbplanner_plugin.processing.base import user_message

    ts = tmp_path / "broken.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="zh_CN">'
        "<context><name>SbPlannerErrors</name><message><source>&apos;{text}&apos; is not a number</source>"
        "<translation>“{txt}”不是数字</translation></message></context></TS>",
        encoding="utf-8",
    )
    qm = tmp_path / "broken.qm"
    subprocess.run([shutil.which("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
    broken = QTranslator()
    assert broken.load(str(qm))
    QCoreApplication.installTranslator(broken)  # searched before the zh_CN one
    try:
        assert QCoreApplication.translate("SbPlannerErrors", NOT_A_NUMBER) == "“{txt}”不是数字"
        error = ParamTableError(file="t.csv", line=2, column="v", problem=msg(NOT_A_NUMBER, text="x"))
        assert user_message(error) == "参数表 t.csv 第 2 行“v”列：'x' is not a number"
    finally:
        QCoreApplication.removeTranslator(broken)
    assert user_message(error) == "参数表 t.csv 第 2 行“v”列：“x”不是数字"


def test_a_failed_edit_of_the_measure_editor_is_reported_in_chinese(zh_translator):
    from sbplanner_plugin.adapters.plan_store import NO_FEATURE, PlanEditError
    from sbplanner_plugin.core.errors import msg
    from sbplanner_plugin.gui.undo import AttributeEditCommand

    def write(changes):
        raise PlanEditError(path="", layer="parcels_measures", reason=msg(NO_FEATURE, fid=7))

    reports = []
    command = AttributeEditCommand(
        "edit", write, {7: {"status": "confirmed"}}, {7: {"status": "proposed"}}, reports.append
    )
    command.redo()
    assert command.failed
    assert reports == ["图层 parcels_measures 的编辑未能保存（未作任何更改）：不存在 ID 为 7 的要素"]


def test_a_broken_measure_catalogue_is_named_in_chinese(zh_translator, monkeypatch, tmp_path):
    import sbplanner_plugin.gui.steps  # noqa: F401 - first, as the dock does (gui.measure_panel alone is circular)
    from sbplanner_plugin.core.errors import msg
    from sbplanner_plugin.core.measures import MeasureTableError
    from sbplanner_plugin.core.params import NOT_ONE_OF
    from sbplanner_plugin.gui import measure_editor
    from sbplanner_plugin.gui.measure_panel import MeasureEditorPanel

    def broken():
        problem = msg(NOT_ONE_OF, text="plants", choices="engineering, vegetative")
        raise MeasureTableError(file="measures.csv", line=4, column="category", problem=problem)

    monkeypatch.setattr(measure_editor, "load_measure_catalogue", broken)
    panel = MeasureEditorPanel()
    try:
        panel.attach(measure_editor.EditSession(str(tmp_path / "plan.gpkg")), None)
        text = panel.preview.text()
    finally:
        panel.attach(None, None)
        panel.deleteLater()
    assert (
        "无法读取措施库：参数表 measures.csv 第 4 行“category”列：“plants”不是以下取值之一：engineering, vegetative"
        in text
    )
    assert "is not one of" not in text


def test_step4_texts_in_chinese(zh_translator):
    """Dock step 4: its title, the formula beside the terrace parameters, the suitability labels and the
    quantity item names the summary uses."""
    from sbplanner_plugin.gui.steps.quantities_step import QuantitiesStep, formula_text, item_label, suitability_label

    assert QuantitiesStep.title() == "工程量与投资"
    assert formula_text("terrace").startswith("水平梯田（GB/T 16453.1-2008）")
    assert "田坎占地率" in formula_text("terrace")
    assert suitability_label("unsuitable") == "不适宜"
    assert CJK.search(item_label("trees"))


def test_step5_texts_in_chinese(zh_translator):
    """Dock step 5: its title, the weight editor's AHP texts (with CR), the refusals that name the step to run
    first, and the chart legend."""
    from qgis.PyQt.QtCore import QCoreApplication

    from sbplanner_plugin.gui.steps.benefits_step import BenefitsStep

    assert BenefitsStep.title() == "排序与效益"
    tr = QCoreApplication.translate
    assert tr("IndicatorEditor", "AHP pairwise matrix") == "AHP 判断矩阵"
    text = tr("IndicatorEditor", "CR {0:.3f} ≥ {1:.2f}: the matrix is NOT consistent enough and will NOT be used; the run uses the table's direct weights (and warns). Revise the judgements.")  # fmt: skip  # noqa: E501
    assert "一致性检验" in text and "{0:.3f}" in text
    assert "第 1 步" in tr("BenefitsStep", "No small watersheds: run step 1 (Divide into small watersheds) first, or choose the layer.")  # fmt: skip  # noqa: E501
    assert tr("BenefitsStep", "Whole area") == "全区"
    assert tr("BenefitChart", "after the plan") == "规划后"


def test_the_staleness_notice_in_chinese(zh_translator):
    """Issue 15's own wording: 步骤 2、3 的结果基于旧的小流域划分，请重新运行."""
    from qgis.PyQt.QtCore import QCoreApplication

    from sbplanner_plugin.core.staleness import Staleness
    from sbplanner_plugin.gui.dock import SbPlannerDock

    dock = SimpleNamespace(tr=lambda text: QCoreApplication.translate("SbPlannerDock", text))
    division = SbPlannerDock.stale_text(dock, Staleness(1, (2, 3)))
    assert division == "步骤 2、3 的结果基于旧的小流域划分（步骤 1），请重新运行。"
    assert SbPlannerDock.stale_text(dock, Staleness(3, (4,))) == "步骤 4 的结果基于旧的措施布局（步骤 3），请重新运行。"
