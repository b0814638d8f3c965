"""The atlas plan of step 6 (core.atlas): which map types a plan gives, the page order, the notes and errors."""

from __future__ import annotations

import csv

import pytest

from sbplanner_plugin.core import atlas as core

FULL = {
    "small_watersheds": core.LayerInfo(frozenset({"ws_code"}), 3),
    "parcels": core.LayerInfo(frozenset({"ws_code", "landuse_group", "erosion_class", "slope_class"}), 50),
    "parcels_measures": core.LayerInfo(frozenset({"measure_code", "measure_category"}), 50),
    "ws_urgency": core.LayerInfo(frozenset({"ws_code", "urgency_class_id"}), 3),
}


def inputs(maps=core.MAP_KEYS, layers=None, codes=("SW003", "SW001", "SW002"), language="zh", scenario="plan_a"):
    return core.AtlasInputs(maps=maps, language=language, ws_codes=codes, layers=FULL if layers is None else layers,
                            scenario=scenario, plan="plan.gpkg")  # fmt: skip


def test_pages_go_map_type_by_map_type_then_small_watershed_by_code():
    plan = core.atlas_plan(inputs(maps=("urgency", "location", "erosion")))  # chosen in any order
    assert plan.maps == ("location", "erosion", "urgency")  # the order of MAP_KEYS
    assert plan.ws_codes == ("SW001", "SW002", "SW003")
    assert [(p.number, p.map_key, p.ws_code) for p in plan.pages] == [
        (1, "location", "SW001"), (2, "location", "SW002"), (3, "location", "SW003"),
        (4, "erosion", "SW001"), (5, "erosion", "SW002"), (6, "erosion", "SW003"),
        (7, "urgency", "SW001"), (8, "urgency", "SW002"), (9, "urgency", "SW003"),
    ]  # fmt: skip
    assert plan.missing == ()
    assert plan.titles == {"location": "位置图", "erosion": "土壤侵蚀强度图", "urgency": "治理紧迫程度图"}


def test_all_six_map_types_give_n_watersheds_times_six_pages():
    plan = core.atlas_plan(inputs())
    assert plan.maps == core.MAP_KEYS and len(plan.pages) == 3 * 6


def test_a_plan_without_step_3_and_5_layers_skips_those_map_types_and_says_why():
    layers = {k: v for k, v in FULL.items() if k in ("small_watersheds", "parcels")}
    plan = core.atlas_plan(inputs(layers=layers))
    assert plan.maps == ("location", "landuse", "erosion", "slope")
    assert len(plan.pages) == 3 * 4
    assert [str(m) for m in plan.missing] == [
        "水土保持措施总体布局图: scenario plan_a has no measure layout (run step 3, Assign measures).",
        "治理紧迫程度图: scenario plan_a has no urgency ranking (run step 5, Rank the small watersheds).",
    ]


def test_missing_notes_name_the_map_in_the_chosen_language():
    layers = {k: v for k, v in FULL.items() if k != "ws_urgency"}
    plan = core.atlas_plan(inputs(maps=("urgency", "slope"), layers=layers, language="en"))
    assert plan.maps == ("slope",)
    assert str(plan.missing[0]).startswith("Treatment urgency map: scenario plan_a has no urgency ranking")


def test_a_layer_without_its_field_or_without_features_is_reported():
    layers = dict(FULL)
    layers["parcels"] = core.LayerInfo(frozenset({"ws_code", "landuse_group"}), 50)  # step 2 of an old version
    layers["parcels_measures"] = core.LayerInfo(frozenset({"measure_code"}), 0)
    plan = core.atlas_plan(inputs(layers=layers))
    assert plan.maps == ("location", "landuse", "urgency")
    assert [str(m) for m in plan.missing] == [
        "土壤侵蚀强度图: the layer parcels has no field erosion_class (run its step again).",
        "坡度分级图: the layer parcels has no field slope_class (run its step again).",
        "水土保持措施总体布局图: the layer parcels_measures holds no features.",
    ]


def test_no_analysed_parcels_note():
    layers = {k: v for k, v in FULL.items() if k != "parcels"}
    plan = core.atlas_plan(inputs(maps=("landuse", "location"), layers=layers))
    assert plan.maps == ("location",)
    assert str(plan.missing[0]) == "土地利用现状图: the plan has no analysed parcels (run step 2, Analyse the parcels)."


def test_a_plan_without_small_watersheds_is_refused():
    with pytest.raises(core.AtlasNoWatershedsError) as info:
        core.atlas_plan(inputs(codes=(None, "")))
    assert "plan.gpkg has no small watersheds" in str(info.value)


def test_nothing_to_map_is_refused_with_the_reasons():
    layers = {k: v for k, v in FULL.items() if k != "ws_urgency"}
    with pytest.raises(core.AtlasNothingToMapError) as info:
        core.atlas_plan(inputs(maps=("urgency",), layers=layers))
    assert "None of the chosen maps can be made: 治理紧迫程度图: scenario plan_a has no urgency ranking" in str(
        info.value
    )


def test_erosion_legend_labels_follow_the_class_table(repo_root):
    with open(repo_root / "resources" / "params" / "erosion_classes.csv", encoding="utf-8") as f:
        rows = sorted(csv.DictReader(f), key=lambda r: int(r["class_id"]))
    zh = core.erosion_labels(rows, "zh")
    assert zh == {
        "微度": "微度 < 容许值", "轻度": "轻度 容许值～2 500", "中度": "中度 2 500～5 000", "强烈": "强烈 5 000～8 000",
        "极强烈": "极强烈 8 000～15 000", "剧烈": "剧烈 ≥ 15 000", "": "无数据",
    }  # fmt: skip
    en = core.erosion_labels(rows, "en")
    assert en["中度"] == "Moderate 2 500–5 000" and en["微度"] == "Slight < tolerance" and en[""] == "No data"


def test_legend_labels_of_land_use_urgency_and_measure_categories():
    assert (
        core.landuse_label("03", "zh") == "03 林地"
        and core.landuse_label("11", "en") == "11 Water and water facilities"
    )
    assert core.landuse_label("99", "zh") == "99"
    assert [core.urgency_label(i, "zh") for i in (1, 2, 3, 4)] == ["极紧迫", "紧迫", "较紧迫", "一般"]
    assert core.urgency_label(1, "en") == "Very urgent"
    assert core.category_label("closure", "zh") == "封育治理" and core.category_label("x", "en") == "x"
    assert core.text("colon", "zh") == "：" and core.text("colon", "en") == ": "


def test_every_map_type_has_titles_and_a_source():
    assert set(core.MAP_TITLES) == set(core.MAP_SOURCES) == set(core.MAP_KEYS)
    assert all(len(t) == 2 and all(t) for t in core.MAP_TITLES.values())
    assert all(len(t) == 2 for t in core.TEXTS.values())


def test_one_page_per_small_watershed_even_when_two_share_a_code():
    """The atlas has a page per coverage feature: a code held twice (a unit split in two) gives two pages."""
    plan = core.atlas_plan(inputs(maps=("location",), codes=("SW002", "SW001", "SW002", None)))
    assert [p.ws_code for p in plan.pages] == ["SW001", "SW002", "SW002"]
