"""Trainers and newcomers (issue 15): the plugin menu (demo project, guided mode, manual, About), the first-run hint
and the dock's guided mode, in real QGIS with pytest-qgis' iface."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
from qgis.core import QgsProject, QgsRasterLayer, QgsVectorLayer
from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtWidgets import QPushButton

import sbplanner_plugin
from sbplanner_plugin import __about__, settings
from sbplanner_plugin import plugin as plugin_module
from sbplanner_plugin.adapters import demo_data, plan_store
from sbplanner_plugin.gui import about, demo_project, manual


@pytest.fixture
def clean_settings():
    """First-run hint not shown yet, guided mode off; the user's values put back afterwards."""
    entries = (settings.FIRST_RUN_HINT_SHOWN, settings.GUIDED_MODE, settings.LAST_STEP)
    saved = [(e, e.value()) for e in entries]
    for entry in entries:
        entry.remove()
    yield
    for entry, value in saved:
        entry.set_value(value)


@pytest.fixture
def plugin(qgis_iface, clean_settings, sbplanner_provider):
    QgsProject.instance().clear()
    qgis_iface.messageBar().clear_messages()
    instance = sbplanner_plugin.classFactory(qgis_iface)
    with mock.patch.object(plugin_module.SbPlannerPlugin, "_start_warmup"):
        instance.initGui()
    yield instance
    instance.unload()
    QgsProject.instance().clear()


def _menu_actions(plugin) -> dict[str, object]:
    return {a.objectName(): a for a in plugin.actions}


def test_menu_has_the_newcomer_actions(plugin):
    actions = _menu_actions(plugin)
    for name in ("SbPlannerDemoAction", "SbPlannerGuidedAction", "SbPlannerManualAction", "SbPlannerAboutAction"):
        assert name in actions, name
    assert actions["SbPlannerDemoAction"].text() == "Load demo project (Youwuzhen)"
    assert actions["SbPlannerManualAction"].text() == "Manual"
    assert actions["SbPlannerGuidedAction"].isCheckable()
    assert not actions["SbPlannerGuidedAction"].isChecked()  # off by default


def test_about_text_has_version_licence_and_credits(plugin):
    text = about.about_html()
    assert __about__.__version__ in text
    assert "GPL-3.0-or-later" in text
    assert "SEIMS" in text and "lreis2415" in text
    assert "SL 653-2013" in text and "SL 190-2007" in text and "GB/T 15774-2008" in text
    box = plugin.show_about()
    assert box.isVisible()
    assert __about__.__version__ in box.text()


def test_first_run_hint_is_shown_once(qgis_iface, clean_settings, sbplanner_provider):
    QgsProject.instance().clear()
    first = sbplanner_plugin.classFactory(qgis_iface)
    with mock.patch.object(plugin_module.SbPlannerPlugin, "_start_warmup"):
        first.initGui()
    try:
        assert first.hint_item is not None
        assert "Start with step 1" in first.hint_item.text()
        buttons = {b.objectName(): b for b in first.hint_item.findChildren(QPushButton)}
        assert {"SbPlannerHintOpen", "SbPlannerHintDemo"} <= set(buttons)
        assert settings.FIRST_RUN_HINT_SHOWN.value() is True
        # "Open the panel": the dock, on step 1, in guided mode
        first.dock.step_list.setCurrentRow(2)
        buttons["SbPlannerHintOpen"].click()
        assert first.hint_item is None
        assert not first.dock.isHidden()
        assert first.dock.step_list.currentRow() == 0
        assert settings.GUIDED_MODE.value() is True
        assert first.guided_action.isChecked()
    finally:
        first.unload()
    second = sbplanner_plugin.classFactory(qgis_iface)
    with mock.patch.object(plugin_module.SbPlannerPlugin, "_start_warmup"):
        second.initGui()
    try:
        assert second.hint_item is None
    finally:
        second.unload()


def test_guided_mode_next_moves_to_the_next_step(plugin):
    dock = plugin.dock
    guide = dock.guide
    assert guide.isHidden()
    plugin.guided_action.setChecked(True)
    assert settings.GUIDED_MODE.value() is True
    assert not guide.isHidden()
    dock.step_list.setCurrentRow(0)
    assert "SL 653-2013" in guide.standards.text()
    assert guide.text.text() == type(dock.steps[0]).guide_text() != ""
    assert "Step 1 of" in guide.heading.text()
    guide.next_button.click()
    assert dock.step_list.currentRow() == 1
    assert dock.pages.currentIndex() == 1
    assert "SL 190-2007" in guide.standards.text()
    # every step explains itself; the last one has no Next
    for index in range(len(dock.steps)):
        dock.step_list.setCurrentRow(index)
        assert guide.text.text(), index
        assert guide.standards.text(), index
    assert not guide.next_button.isEnabled()
    guide.next_button.click()
    assert dock.step_list.currentRow() == len(dock.steps) - 1
    # the guide's own Hide button switches it off, and the menu item follows
    guide.hide_button.click()
    assert guide.isHidden()
    assert settings.GUIDED_MODE.value() is False
    assert not plugin.guided_action.isChecked()


def test_demo_project_is_loaded_ready_for_step_1(plugin, qgis_iface, tmp_path):
    QgsProject.instance().clear()
    with mock.patch.object(demo_project.tempfile, "mkdtemp", return_value=str(tmp_path / "demo")) as mkdtemp:
        (tmp_path / "demo").mkdir()
        demo = plugin.load_demo_project()
    mkdtemp.assert_called_once()
    assert demo is not None
    project = QgsProject.instance()
    # the shipped files are copied, never opened
    assert demo.folder == tmp_path / "demo"
    for name in (demo_data.DEM_NAME, demo_data.PARCELS_NAME, "outlet_beijing1954.shp"):
        assert (demo.folder / "data" / name).is_file()
    # layers in three groups: outlets above parcels above the terrain
    root = project.layerTreeRoot()
    groups = [g.customProperty(demo_project.GROUP_PROPERTY) for g in root.children()]
    assert groups == ["outlets", "parcels", "terrain"]
    outlet, parcels, dem = demo.layers["outlet"], demo.layers["parcels"], demo.layers["dem"]
    assert isinstance(outlet, QgsVectorLayer) and outlet.featureCount() == 1
    assert isinstance(parcels, QgsVectorLayer) and parcels.featureCount() == 584
    assert isinstance(dem, QgsRasterLayer) and dem.isValid()
    assert Path(dem.source()).parent == demo.folder / "data"
    assert {layer.id() for layer in project.mapLayers().values()} == {layer.id() for layer in demo.layers.values()}
    # English names (the UI language of the test session)
    assert [root.children()[i].name() for i in range(3)] == [
        "Outlets",
        "Land-use parcels (Third National Land Survey style)",
        "Terrain (DEM)",
    ]
    # the DEM's projection, with its EPSG code (the GeoTIFF carries it without)
    assert project.crs().authid() == "EPSG:2415"
    assert dem.crs().authid() == "EPSG:2415"
    # the demo cover written into the copy (forest canopy 0.75 from demo_factors.csv), the original unchanged
    forest = next(f for f in parcels.getFeatures() if f["DLBM"] == "0301")
    assert forest["YBD"] == pytest.approx(0.75)
    original = QgsVectorLayer(f"{demo_data.demo_folder() / demo_data.PARCELS_NAME}|layername=parcels", "o", "ogr")
    assert next(f for f in original.getFeatures() if f["DLBM"] == "0301")["YBD"] == pytest.approx(0.6)
    del original
    # a fresh plan there, the dock pointing at it, on step 1, with step 1's inputs filled in
    assert demo.plan == demo.folder / "youwuzhen_plan.gpkg" and demo.plan.is_file()
    store = plan_store.open_plan_store(str(demo.plan))
    assert "watersheds" not in store.layers()
    dock = plugin.dock
    assert dock.plan_path() == str(demo.plan)
    assert plan_store.project_plan_path(project) == str(demo.plan)
    assert dock.step_list.currentRow() == 0 and dock.pages.currentIndex() == 0
    assert not dock.isHidden()
    step1 = dock.steps[0]
    assert step1.dem_combo.currentLayer() is dem
    assert step1.outlets_combo.currentLayer() is outlet
    step2 = dock.steps[1]
    assert step2.parcels_combo.currentLayer() is parcels
    assert step2.r_spin.value() == pytest.approx(7000.0)
    assert step2.k_spin.value() == pytest.approx(0.005)
    # guided mode on for the newcomer; the project is the (illustrative) demo and was saved beside the plan
    assert settings.GUIDED_MODE.value() is True and not dock.guide.isHidden()
    assert project.readEntry(demo_project.DEMO_SCOPE, demo_project.DEMO_KEY, "")[0] == "youwuzhen"
    assert demo.project_file.is_file()
    # step 1's parameters are complete; its results are in EPSG:2415 too (the copied DEM carries the code)
    params = step1.parameters()
    assert params is not None
    import processing

    processing.run("sbplanner:delineate_watersheds", params)
    watersheds = QgsVectorLayer(store.layer_uri("watersheds"), "ws", "ogr")
    assert watersheds.featureCount() == 1
    assert watersheds.crs().authid() == "EPSG:2415"
    del watersheds


def test_demo_project_kept_out_when_the_user_cancels(plugin, qgis_iface, tmp_path):
    project = QgsProject.instance()
    layer = QgsVectorLayer("Point?crs=EPSG:4326", "mine", "memory")
    project.addMapLayer(layer)
    with (
        mock.patch.object(qgis_iface, "newProject", return_value=False) as new_project,
        mock.patch.object(demo_project.tempfile, "mkdtemp") as mkdtemp,
    ):
        assert plugin.load_demo_project() is None
    new_project.assert_called_once_with(True)  # QGIS's own "save the current project?" prompt
    mkdtemp.assert_not_called()
    assert project.mapLayersByName("mine")


def test_demo_project_names_missing_data(plugin, qgis_iface):
    qgis_iface.messageBar().clear_messages()
    with mock.patch.object(demo_data, "missing_files", return_value=["ywzdem10m.tif"]):
        assert plugin.load_demo_project() is None
    texts = " ".join(qgis_iface.messageBar().get_messages(2))  # Critical
    assert "ywzdem10m.tif" in texts and "reinstall" in texts


def test_manual_opens_the_local_guide(plugin, tmp_path):
    opened = []
    with mock.patch.object(manual.QDesktopServices, "openUrl", side_effect=lambda url: opened.append(url) or True):
        url = plugin.open_manual()
    assert len(opened) == 1 and opened[0] == url
    assert url.isLocalFile()
    html = Path(url.toLocalFile()).read_text(encoding="utf-8")
    assert "<base href=" in html and "docs/guide/en/" in html
    assert "qgis_process" in html  # the batch section is there
    assert "<pre><code>" in html and "<table>" in html
    # the link to the Chinese guide opens its rendering, not the Markdown
    zh = Path(url.toLocalFile()).with_name("guide_zh.html")
    assert zh.is_file() and QUrl.fromLocalFile(str(zh)).toString() in html
    assert "<h1>SBPlanner 用户手册</h1>" in zh.read_text(encoding="utf-8")
    assert manual.guide_file("zh").parent.name == "zh"
    assert manual.guide_file("xx").parent.name == "en"


def test_manual_falls_back_to_the_online_readme(plugin):
    with (
        mock.patch.object(manual, "guide_file", return_value=None),
        mock.patch.object(manual.QDesktopServices, "openUrl", return_value=True) as open_url,
    ):
        url = plugin.open_manual()
    assert url == QUrl(manual.ONLINE_GUIDE)
    open_url.assert_called_once()


@pytest.fixture
def zh_translator(tmp_path):
    """The compiled zh_CN translation installed for one test."""
    import shutil
    import subprocess

    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    lrelease = shutil.which("lrelease")
    if lrelease is None:
        pytest.skip("lrelease is not installed (make setup-dev)")
    qm = tmp_path / "sbplanner_zh_CN.qm"
    ts = Path(__file__).resolve().parents[2] / "i18n" / "sbplanner_zh_CN.ts"
    subprocess.run([lrelease, "-silent", str(ts), "-qm", str(qm)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


def test_demo_project_guide_and_about_in_chinese(
    zh_translator, qgis_iface, clean_settings, sbplanner_provider, tmp_path
):
    import re

    QgsProject.instance().clear()
    plugin = sbplanner_plugin.classFactory(qgis_iface)
    with mock.patch.object(plugin_module.SbPlannerPlugin, "_start_warmup"):
        plugin.initGui()
    try:
        actions = _menu_actions(plugin)
        assert actions["SbPlannerDemoAction"].text() == "加载示范项目（游屋镇）"
        assert actions["SbPlannerManualAction"].text() == "用户手册"
        assert actions["SbPlannerGuidedAction"].text() == "引导模式"
        assert "从第 1 步开始" in plugin.hint_item.text()
        with mock.patch.object(demo_project.tempfile, "mkdtemp", return_value=str(tmp_path)):
            demo = demo_project.load_demo_project(qgis_iface, plugin.dock, "zh")
        assert demo is not None
        root = QgsProject.instance().layerTreeRoot()
        assert [g.name() for g in root.children()] == ["出口点", "地类图斑（三调格式）", "地形（DEM）"]
        assert demo.layers["outlet"].name() == "流域出口（河田站）"
        labels = [c.label() for c in demo.layers["parcels"].renderer().categories()]
        assert "0301 乔木林地" in labels and "0101 水田" in labels
        guide = plugin.dock.guide
        guide.set_enabled(True)
        plugin.dock.step_list.setCurrentRow(0)
        texts = [guide.heading.text(), guide.text.text(), guide.standards.text(), guide.next_button.text()]
        assert texts[0] == f"<b>第 1 步（共 {len(plugin.dock.steps)} 步）：小流域划分</b>"
        assert "小流域划分及编码规范" in texts[2] and texts[3] == "下一步"
        # no English words in the Chinese guide (codes and units allowed: SL, GB/T, DEM, D8, km²)
        words = set(re.findall(r"[A-Za-z]{3,}", re.sub(r"<[^>]+>", "", " ".join(texts))))
        assert words <= {"DEM"}, words
        html = about.about_html()
        assert "依据的标准与方法" in html and "许可证 GPL-3.0-or-later" in html
    finally:
        plugin.unload()
        QgsProject.instance().clear()
