"""The demo project (run_demo._build_project) follows the dock's layer policy (gui/layers.py): the steps' groups in
GROUP_ORDER, points above lines above polygons, one stream network ticked, the steps' names in the chosen language;
project and layers in EPSG:2415 (the DEM's WKT is Beijing 1954 / 3-degree GK zone 39 without an authority); no
font the system lacks (the offscreen default DejaVu LGC Sans was written into labels)."""

from __future__ import annotations

import zipfile

import pytest
from qgis.core import QgsApplication, QgsLayerTreeGroup, QgsProject

from sbplanner_plugin.demo import run_demo
from sbplanner_plugin.gui.layers import GROUP_ORDER, GROUP_PROPERTY, LAYER_PROPERTY, geometry_rank
from tests.qgis.conftest import copy_plan, demo_units


@pytest.fixture(scope="module")
def plan(youwuzhen_plan, demo_dir, tmp_path_factory):
    import processing

    out = tmp_path_factory.mktemp("demo_project")
    store = copy_plan(youwuzhen_plan, out / "plan")
    demo_units(store, demo_dir)  # small watersheds and their streams, as make demo divides them
    processing.run("sbplanner:assign_measures", {
        "PARCELS": store.layer_uri("parcels"), "REGION": 0, "OUTPUT_PARCELS": store.destination("parcels_measures"),
    })  # fmt: skip
    return out, store


def build(plan, demo_dir, language: str):
    out, store = plan
    translator = run_demo.install_translator(language)
    try:
        project, _styled = run_demo._build_project(
            out, store.path, demo_dir / "ywzdem10m.tif", demo_dir / "outlet_beijing1954.shp"
        )
    finally:
        if translator is not None:
            QgsApplication.removeTranslator(translator)
    return project


def tree(project) -> list[tuple[str, str, list]]:
    """(group key, group name, [(layer key, name, ticked, layer)]) of the top-level groups."""
    out = []
    for group in project.layerTreeRoot().children():
        if isinstance(group, QgsLayerTreeGroup):
            layers = [(n.layer().customProperty(LAYER_PROPERTY), n.name(), n.itemVisibilityChecked(), n.layer())
                      for n in group.findLayers()]  # fmt: skip
            out.append((group.customProperty(GROUP_PROPERTY), group.name(), layers))
    return out


def test_demo_project_follows_the_dock_policy(plan, demo_dir):
    try:
        project = build(plan, demo_dir, "en")
        groups = tree(project)
        keys = [key for key, _name, _layers in groups]
        ours = [k for k in keys if k]
        assert ours == sorted(ours, key=GROUP_ORDER.index)  # the steps' groups in the dock's order
        assert ours[0] == "watersheds" and ours[-1] == "parcels"
        assert keys[-1] is None  # the inputs below them
        for key, _name, layers in groups:
            ranks = [geometry_rank(layer) for _k, _n, _t, layer in layers]
            assert ranks == sorted(ranks), (key, [n for _k, n, _t, _l in layers])  # points, lines, polygons
        shown = {k: ticked for _g, _n, layers in groups for k, _name, ticked, _l in layers}
        assert shown["streams"] is False and shown["small_watershed_streams"] is True  # one network
        assert shown["parcels"] is True and shown["parcels_measures"] is False
        names = {k: name for _g, _n, layers in groups for k, name, _t, _l in layers}
        assert names["watersheds"] == "Watersheds" and names["parcels"] == "Parcels"
        assert [name for key, name, _l in groups if key is None] == ["Inputs"]

        assert project.crs().authid() == "EPSG:2415"
        assert {layer.crs().authid() for layer in project.mapLayers().values()} == {"EPSG:2415"}
        with zipfile.ZipFile(project.fileName()) as archive:
            text = "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".qgs"))
        assert "DejaVu LGC Sans" not in text
    finally:
        QgsProject.instance().clear()


def test_demo_project_names_follow_the_language(plan, demo_dir):
    try:
        project = build(plan, demo_dir, "zh_CN.UTF-8")
        groups = tree(project)
        names = {k: name for _g, _n, layers in groups for k, name, _t, _l in layers}
        group_names = {key: name for key, name, _l in groups}
        assert names["watersheds"] == "流域" and names["parcels"] == "图斑"
        assert names["small_watershed_streams"] == "小流域河网"
        assert group_names[None] == "输入数据"
        assert group_names["watersheds"] == "SBPlanner – 1 小流域划分"
        assert all("Hillshade" not in name for _g, _n, layers in groups for _k, name, _t, _l in layers)
    finally:
        QgsProject.instance().clear()
