"""core.measures.assign_layer — the whole of sbplanner:assign_measures on a parcel layer's attribute
columns (field choice, NULL handling, the 25° law, summary) — and the text parsers of the two tables."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from sbplanner_plugin.adapters import param_files
from sbplanner_plugin.core import measures as sbm
from sbplanner_plugin.core.errors import NotAnalysedParcelsError

PARAMS = Path(__file__).resolve().parents[2] / "resources" / "params"


@pytest.fixture(scope="module")
def cat() -> sbm.Catalogue:
    return param_files.load_catalogue(PARAMS / "measures.csv")


@pytest.fixture(scope="module")
def rules(cat) -> list[sbm.Rule]:
    return param_files.load_rules(PARAMS / "assignment_rules.csv", cat)


def layer(**extra) -> dict[str, list]:
    """Five analysed parcels as a layer's attribute columns (QGIS NULL = None or the text 'NULL')."""
    columns = {
        "fid": [1, 2, 3, 4, 5],
        "DLBM": ["0103", "0103", "0301", "0101", "0103"],
        "landuse_code": ["0103", "0103", "0301", "0101", " 0103 "],
        "landuse_name": ["旱地", "旱地", "乔木林地", "水田", None],
        "slope_mean_deg": [18.0, 28.0, 22.0, 27.4, "NULL"],
        "erosion_class": ["强烈", "剧烈", "light", "微度", "中度"],
        "area_ha": [2.0, 1.5, 4.0, 3.0, None],
    }
    columns.update(extra)
    return columns


def run(cat, rules, columns, **kw) -> sbm.AssignResult:
    return sbm.assign_layer(sbm.AssignInputs(columns=columns, catalogue=cat, rules=rules, **kw))


def test_assign_layer_on_a_small_layer(cat, rules) -> None:
    result = run(cat, rules, layer())
    got = result.assigned[["landuse_code", "rule_id", "measure_codes", "status"]].values.tolist()
    assert got == [
        ["0103", "C-15-25", "terrace_level_earth;hedgerow", "proposed"],
        ["0103", "SWC-LAW", "retire_to_forest_grass;fish_scale_pit", "proposed"],
        ["0301", "F-LIGHT", "closure", "proposed"],  # "light" read as 轻度; no cover field → not 低效林
        ["0101", "N-PADDY", "", "proposed"],
        ["0103", "", "", "proposed"],  # no slope: matches no sloped cropland rule
    ]
    assert result.parcels == 5
    assert result.fields_used == {}
    assert [m.key for m in result.messages] == ["law_override", "steep_paddy", "no_rule"]
    # the 28° cropland matched the exemption rule's terraces, which the law overrides (no 退耕确有困难 flag)
    assert result.messages[0].params == {
        "rule": "C-25-EXEMPT",
        "count": 1,
        "measures": "水平梯田(土坎) + 植物篱/地埂植物带",
        "limit": "25",
    }
    assert result.messages[1].params == {"count": 1, "limit": "25"}
    assert result.assigned["reason"].iat[4] == "0103：无匹配规则，请人工配置措施"
    assert "《水土保持法》第二十条" in result.assigned["reason"].iat[1]
    assert math.isnan(result.assigned["slope_mean_deg"].iat[4])
    # the summary counts each parcel's area once (a missing area counts 0)
    summary = result.summary.set_index("measure_code")
    assert summary.loc["terrace_level_earth", "area_ha"] == 2.0
    assert summary.loc["retire_to_forest_grass", "with_measures"] == "fish_scale_pit"
    assert summary.loc["", "parcels"] == 2 and summary.loc["", "area_ha"] == 3.0
    assert result.area_ha() == (7.5, 0.0, 3.0)  # 治理, 预防/保护, none
    # what the algorithm writes: the OUTPUT_COLUMNS per feature, in order
    rows = result.output_values()
    assert len(rows) == 5 and len(rows[0]) == len(sbm.OUTPUT_COLUMNS)
    assert rows[0][:4] == ["terrace_level_earth", "水平梯田(土坎)", "engineering", "terrace_level_earth;hedgerow"]
    assert rows[0][sbm.OUTPUT_COLUMNS.index("status")] == "proposed"
    assert [r[-1] for r in rows] == ["", "dem", "", "", ""]  # steep_cropland: the evidence
    assert rows[0][sbm.OUTPUT_COLUMNS.index("measure_params")] == sbm.format_design_params(
        cat["terrace_level_earth"].design_params
    )
    assert rows[0][sbm.OUTPUT_COLUMNS.index("measure_params")].startswith("riser=earth;riser_height_max_m=2;")


def test_the_parcel_frame_reads_codes_numbers_and_nulls_like_the_layer() -> None:
    columns = {
        "landuse_code": [1203.0, " 0103 ", None, "NULL"],
        "slope_mean_deg": ["12.5", float("inf"), None, "steep"],
        "erosion_class": ["中度", "NULL", None, "微度"],
        "FVC": [0.5, None, "NULL", "x"],
    }
    frame = sbm.parcel_frame(columns, {"cover": "FVC"})
    assert list(frame.columns) == [
        "landuse_code", "landuse_name", "slope_mean_deg", "erosion_class", "area_ha", "cover",
    ]  # fmt: skip
    assert frame["landuse_code"].tolist() == ["1203", "0103", None, None]
    assert frame["slope_mean_deg"].tolist()[0] == 12.5
    assert all(math.isnan(v) for v in frame["slope_mean_deg"].tolist()[1:])
    assert frame["erosion_class"].tolist() == ["中度", None, None, "微度"]
    assert frame["landuse_name"].tolist() == [None] * 4 and frame["area_ha"].isna().all()
    assert frame["cover"].tolist()[0] == 0.5 and frame["cover"].isna().sum() == 3


def test_fields_are_chosen_by_name_or_by_the_user(cat, rules) -> None:
    # default candidates (case-insensitive): FVC → cover, YBD → canopy, GDLX → gdlx
    columns = layer(
        FVC=[None, None, 30, None, None],  # percent
        YBD=[None, None, 0.7, None, None],
        GDLX=["TT", "PD", None, None, None],
        TGKN=[0, 1, 0, 0, 0],
        SOIL=["0.3", None, None, None, None],
    )
    result = run(cat, rules, columns, retire_exempt_field="TGKN", soil_depth_field="SOIL")
    assert result.fields_used == {
        "gdlx": "GDLX",
        "soil_depth_m": "SOIL",
        "retire_exempt": "TGKN",
        "cover": "FVC",
        "canopy": "YBD",
    }
    got = result.assigned[["rule_id", "measure_codes"]].values.tolist()
    assert got[0] == ["C-TT-ERODING", "hedgerow"]  # already terraced: never another terrace
    assert got[1] == ["C-25-EXEMPT", "terrace_level_earth;hedgerow"]  # 退耕确有困难: the rules decide
    assert got[2] == ["F-LIGHT-SPARSE-COVER", "low_forest_improvement"]  # 30 % < 45 %
    assert result.assigned["soil_depth_m"].iat[0] == pytest.approx(0.3)
    # a chosen field the layer lacks is not used; "" is the default
    result = run(cat, rules, layer(), cover_field="NO_SUCH_FIELD", soil_depth_field="")
    assert result.fields_used == {}


def test_a_layer_that_was_not_analysed_is_refused(cat, rules) -> None:
    columns = layer()
    del columns["erosion_class"]
    with pytest.raises(NotAnalysedParcelsError) as info:
        run(cat, rules, columns)
    assert info.value.params == {"field": "erosion_class"}
    assert str(info.value) == (
        "The parcel layer lacks the field 'erosion_class': run 'Analyse parcels' first and use its output."
    )


def test_an_empty_layer_gives_an_empty_result(cat, rules) -> None:
    columns = {name: [] for name in layer()}
    result = run(cat, rules, columns)
    assert result.parcels == 0 and result.output_values() == [] and result.messages == []
    assert result.summary.empty and result.area_ha() == (0.0, 0.0, 0.0)


def test_region_selects_the_stone_terraces(cat, rules) -> None:
    columns = layer(slope_mean_deg=[10.0, 10.0, 10.0, 10.0, 10.0], erosion_class=["中度"] * 5)
    earth = run(cat, rules, columns, region=0).assigned["rule_id"].iat[0]
    stone = run(cat, rules, columns, region=1).assigned["rule_id"].iat[0]
    assert (earth, stone) == ("C-5-15", "C-5-15-STONE")


# -- the tables as text --------------------------------------------------------------------------------
CATALOGUE = """code,name_zh,name_en,category,geometry,landuse_groups,slope_min_deg,slope_max_deg,csle_factor,\
csle_ref,csle_value,sl447_column,design_params,source,confidence
retire_to_forest_grass,退耕还林还草,retire to forest and grass,vegetative,polygon,01,25,90,B,forest,,乔木林,,law,CONFIRMED
terrace,水平梯田,level terrace,engineering,polygon,01；02,0,25,E,terrace_level_earth,,土坎梯田,riser=earth；bench_width_m=8,x,PROPOSAL
"""  # noqa: E501
RULES = """rule_id,order,landuse_groups,slope_min_deg,slope_max_deg,erosion_classes,gdlx,soil_depth_min_m,cover_min,\
cover_max,canopy_min,canopy_max,region,measure_codes,reason_zh,source,confidence
R1,10,01；!0101,5,25,中度；强烈,,,,,,,0；2,terrace,{landuse} {slope:.1f}° → {measures},x,PROPOSAL
"""


def test_the_tables_are_parsed_from_text_with_full_width_separators() -> None:
    refs = {"E": {"terrace_level_earth"}, "T": set(), "B": {"forest"}}
    cat = sbm.parse_catalogue("measures.csv", CATALOGUE, refs)
    assert cat.name == "measures.csv" and cat.path == "" and list(cat) == ["retire_to_forest_grass", "terrace"]
    assert cat["terrace"].landuse_groups == ("01", "02")
    assert cat["terrace"].design_params == {"riser": "earth", "bench_width_m": 8.0}
    (rule,) = sbm.parse_rules("assignment_rules.csv", RULES, cat)
    assert (rule.include, rule.exclude, rule.erosion_classes, rule.regions) == (
        ("01",),
        ("0101",),
        ("中度", "强烈"),
        (0, 2),
    )
    result = sbm.assign_layer(
        sbm.AssignInputs(
            columns={
                "landuse_code": ["0103", "0101"],
                "slope_mean_deg": [12.0, 12.0],
                "erosion_class": ["中度", "中度"],
                "landuse_name": ["旱地", "水田"],
            },
            catalogue=cat,
            rules=[rule],
        )
    )
    assert result.assigned["measure_codes"].tolist() == ["terrace", ""]
    assert result.assigned["reason"].iat[0] == "旱地 12.0° → 水平梯田"
    assert result.assigned["measure_params"].iat[0] == "riser=earth;bench_width_m=8"


def test_a_csle_ref_must_name_a_code_of_its_factor_table() -> None:
    with pytest.raises(sbm.MeasureTableError) as info:
        sbm.parse_catalogue("measures.csv", CATALOGUE, {"E": {"terrace_level_stone"}, "T": set(), "B": {"forest"}})
    assert (info.value.params["line"], info.value.params["column"]) == (3, "csle_ref")
    assert str(info.value.params["problem"]) == "'terrace_level_earth' is not a code of e_factor.csv"
    # no references: not checked
    assert "terrace" in sbm.parse_catalogue("measures.csv", CATALOGUE)


def test_reference_codes_read_the_code_column_of_each_factor_table() -> None:
    texts = {
        "E": "measure_code,e_value\nterrace_level_earth,0.1\n fish_scale_pit ,0.2\n",
        "T": "practice_code,t_value\r\ncontour_ridge,0.4\r\n",
        "B": "csle_class,b\nforest,0.01\n",
    }
    assert sbm.reference_codes(texts) == {
        "E": {"terrace_level_earth", "fish_scale_pit"},
        "T": {"contour_ridge"},
        "B": {"forest"},
    }


def test_the_adapter_reads_the_sibling_factor_tables_and_records_the_file(tmp_path) -> None:
    cat = param_files.load_catalogue(PARAMS / "measures.csv")
    assert cat.path == str(PARAMS / "measures.csv") and len(cat.sha1) == 10
    assert param_files.measure_references(PARAMS)["T"] >= {"contour_ridge"}
    assert param_files.measure_references(tmp_path) is None  # no factor tables there: nothing to check against
    missing = tmp_path / "measures.csv"
    with pytest.raises(sbm.MeasureTableError) as info:
        param_files.load_catalogue(missing)
    assert info.value.params["file"] == "measures.csv"
