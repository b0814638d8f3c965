"""Measure catalogue, assignment rules, the built-in 25° law and editor validation (core, no QGIS)."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest

from sbplanner_plugin.adapters import param_files
from sbplanner_plugin.core import measures as sbm

PARAMS = Path(__file__).resolve().parents[2] / "resources" / "params"
CATALOGUE_CSV = PARAMS / "measures.csv"
RULES_CSV = PARAMS / "assignment_rules.csv"


@pytest.fixture(scope="module")
def cat() -> sbm.Catalogue:
    return param_files.load_catalogue(CATALOGUE_CSV)


@pytest.fixture(scope="module")
def rules(cat) -> list[sbm.Rule]:
    return param_files.load_rules(RULES_CSV, cat)


NAMES = {
    "旱地": "0103",
    "水浇地": "0102",
    "水田": "0101",
    "果园": "0201",
    "茶园": "0202",
    "乔木林地": "0301",
    "灌木林地": "0305",
    "其他林地": "0307",
    "其他草地": "0404",
    "天然牧草地": "0401",
    "裸土地": "1206",
    "田坎": "1203",
    "农村宅基地": "0702",
    "工业用地": "0601",
    "坑塘水面": "1104",
    "采矿用地": "0602",
    "农村道路": "1006",
    "裸岩石砾地": "1207",
}


def parcel(landuse: str = "旱地", slope: float = 10.0, erosion: str = "轻度", **extra) -> dict:
    row = {
        "landuse_code": NAMES[landuse],
        "landuse_name": landuse,
        "slope_mean_deg": slope,
        "erosion_class": erosion,
        "area_ha": 1.0,
    }
    row.update(extra)
    return row


def run(cat, rules, rows: list[dict], region: int = 0, messages: list | None = None) -> pd.DataFrame:
    return sbm.assign(pd.DataFrame(rows), cat, rules, region, messages.append if messages is not None else None)


def one(cat, rules, region: int = 0, **kw) -> pd.Series:
    return run(cat, rules, [parcel(**kw)], region).iloc[0]


# ------------------------------------------------------------------------------------------------
# catalogue


def test_catalogue_has_every_measure_the_issue_lists(cat) -> None:
    names = {m.name_zh for m in cat.values()}
    for wanted in (
        "水平梯田(土坎)",
        "水平梯田(石坎)",
        "坡式梯田",
        "隔坡梯田",
        "水平阶",
        "水平沟",
        "鱼鳞坑",
        "水土保持林(乔木)",
        "水土保持林(灌木)",
        "水土保持林(乔灌混交)",
        "经济林",
        "果园改造",
        "种草",
        "封育治理",
        "等高耕作",
        "等高沟垄种植",
        "保护性耕作/免耕",
        "植物篱/地埂植物带",
        "谷坊",
        "拦沙坝",
        "塘坝",
        "淤地坝",
        "蓄水池",
        "水窖",
        "沉沙池",
        "截水沟",
        "排水沟",
        "沟头防护",
        "田间道路",
        "生产道路",
        "退耕还林还草",
        "低效林改造",
        "生态林草(乔灌草混交)",
    ):
        assert wanted in names, wanted
    assert {m.category for m in cat.values()} == set(sbm.CATEGORIES)
    assert cat["check_dam"].geometry == "point" and cat["intercept_ditch"].geometry == "line"
    assert cat["terrace_level_earth"].is_terrace and not cat["closure"].is_terrace
    assert cat["contour_tillage"].keeps_cropping and not cat["retire_to_forest_grass"].keeps_cropping


def test_catalogue_numbers_have_one_home(cat) -> None:
    """E/T values live in e_factor.csv / t_factor.csv; the catalogue only points at them."""
    with (PARAMS / "e_factor.csv").open(encoding="utf-8") as fh:
        e_codes = {r["measure_code"] for r in csv.DictReader(fh)}
    with (PARAMS / "t_factor.csv").open(encoding="utf-8") as fh:
        t_codes = {r["practice_code"] for r in csv.DictReader(fh)}
    e_measures = [m for m in cat.values() if m.csle_factor == "E"]
    assert {m.code for m in e_measures} >= {"terrace_level_earth", "terrace_level_stone", "fish_scale_pit"}
    for m in e_measures:
        assert m.csle_ref in e_codes and m.csle_value is None
    for m in cat.values():
        if m.csle_factor == "T":
            assert m.csle_ref in t_codes and m.csle_value is None
        assert m.source and m.confidence in ("CONFIRMED", "PARTIAL", "UNVERIFIED", "DERIVED", "PROPOSAL")
    assert cat["terrace_level_earth"].design_params["riser_height_max_m"] == 2.0
    assert cat["terrace_level_stone"].design_params["riser"] == "dry_stone"


def _write_variant(tmp_path: Path, source: Path, edit) -> Path:
    """Copy ``source`` (and the factor tables) to tmp_path, editing its text with ``edit``."""
    for name in ("e_factor.csv", "t_factor.csv", "b_factor.csv", "measures.csv"):
        shutil.copy(PARAMS / name, tmp_path / name)
    target = tmp_path / source.name
    target.write_text(edit(source.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def _line_of(path: Path, start: str) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(start):
            return i
    raise AssertionError(start)


@pytest.mark.parametrize(
    ("old", "new", "column", "problem"),
    [
        ("grass,种草,grass planting,vegetative,", "grass,种草,grass planting,plants,", "category", "'plants'"),
        (
            "fish_scale_pit,鱼鳞坑,fish-scale pit,engineering,polygon,01;02;03;04;12,15,45,E,fish_scale_pit,,",
            "fish_scale_pit,鱼鳞坑,fish-scale pit,engineering,polygon,01;02;03;04;12,15,45,E,fish_scale_pit,0.249,",
            "csle_value",
            "not both",
        ),
        (
            "level_trench,水平沟,level trench,engineering,polygon,01;03;04;12,5,35,E,level_trench,",
            "level_trench,水平沟,level trench,engineering,polygon,01;03;04;12,5,35,E,level_ditch,",
            "csle_ref",
            "e_factor.csv",
        ),
        (
            "contour_ridge,等高沟垄种植,contour ridge planting,tillage,polygon,01,0,25,T,contour_ridge",
            "contour_ridge,等高沟垄种植,contour ridge planting,tillage,polygon,01,0,25,T,ridge",
            "csle_ref",
            "t_factor.csv",
        ),
        (
            "pond_dam,塘坝,pond dam,engineering,point,*,0,90",
            "pond_dam,塘坝,pond dam,engineering,point,*,30,20",
            "slope_max_deg",
            "slope_min_deg",
        ),
        (
            "cistern,蓄水池,storage pond (cistern),engineering,point,*,0,90,none,,,蓄水池,volume_m3=100",
            "cistern,蓄水池,storage pond (cistern),engineering,point,*,0,90,none,,,蓄水池,volume_m3 100",
            "design_params",
            "key=value",
        ),
        (
            "water_cellar,水窖,water cellar,engineering,point,*,0,90,none,,,水窖",
            "water_cellar,水窖,water cellar,engineering,point,*,0,90,none,,,水柜",
            "sl447_column",
            "'水柜'",
        ),
        ("silt_basin,沉沙池", "grass,沉沙池", "code", "duplicate"),
        (
            "drain_ditch,排水沟,drainage ditch,engineering,line,*,abc",
            "drain_ditch,排水沟,drainage ditch,engineering,line,*,abc",
            "slope_min_deg",
            "not a number",
        ),
    ],
)
def test_catalogue_errors_name_file_line_and_column(tmp_path, old, new, column, problem) -> None:
    def edit(text: str) -> str:
        if old.endswith(",abc"):  # corrupt the slope_min cell of that row
            prefix = old[: -len("abc")]
            return text.replace(prefix + "0,", prefix + "abc,")
        assert old in text, old
        return text.replace(old, new, 1)

    path = _write_variant(tmp_path, CATALOGUE_CSV, edit)
    start = new.split(",")[0] + "," + new.split(",")[1]
    line = _line_of(path, start) if "duplicate" not in problem else _line_of(path, "grass,沉沙池")
    with pytest.raises(sbm.MeasureTableError) as info:
        param_files.load_catalogue(path)
    err = info.value
    assert err.params["file"] == "measures.csv"
    assert err.params["line"] == line
    assert err.params["column"] == column
    assert problem in str(err.params["problem"]) and problem in str(err)
    assert f"measures.csv, line {line}, column '{column}'" in str(err)


def test_catalogue_missing_column_and_provenance(tmp_path) -> None:
    path = _write_variant(tmp_path, CATALOGUE_CSV, lambda t: t.replace(",sl447_column,", ",sl447,", 1))
    with pytest.raises(sbm.MeasureTableError) as info:
        param_files.load_catalogue(path)
    assert (info.value.params["line"], info.value.params["column"]) == (1, "sl447_column")
    path = _write_variant(tmp_path, CATALOGUE_CSV, lambda t: t.replace(",PROPOSAL\n", ",GUESS\n", 1))
    with pytest.raises(sbm.MeasureTableError) as info:
        param_files.load_catalogue(path)
    assert info.value.params["column"] == "confidence"


@pytest.mark.parametrize(
    ("old", "new", "column", "problem"),
    [
        (",terrace_level_earth;hedgerow,", ",terrace_level_clay;hedgerow,", "measure_codes", "terrace_level_clay"),
        (",terrace_slope;hedgerow,", ",check_dam,", "measure_codes", "point work"),
        (",强烈;极强烈;剧烈,", ",强烈;很强烈,", "erosion_classes", "很强烈"),
        (
            "{landuse}，{slope:.1f}° < 5°，{erosion}侵蚀 → 保土耕作",
            "{landuse}，{slop:.1f}° < 5°，{erosion}侵蚀 → 保土耕作",
            "reason_zh",
            "{slop}",
        ),
        (",TT,,,,,,,,hedgerow,", ",TX,,,,,,,,hedgerow,", "gdlx", "TX"),
        (",1;4,,terrace_level_stone;hedgerow,", ",1;7,,terrace_level_stone;hedgerow,", "region", "'7'"),
        (",0.45,,,,,low_forest_improvement,", ",45,,,,,low_forest_improvement,", "cover_max", "0 ≤ cover_max ≤ 1"),
        ("C-FLAT,210,", "C-TT,210,", "rule_id", "duplicate"),
    ],
)
def test_rule_file_errors_name_file_line_and_column(tmp_path, cat, old, new, column, problem) -> None:
    text = RULES_CSV.read_text(encoding="utf-8")
    assert old in text, old
    edited = text.replace(old, new, 1)
    path = tmp_path / "assignment_rules.csv"
    path.write_text(edited, encoding="utf-8")
    line = next(i for i, ln in enumerate(edited.splitlines(), start=1) if new in ln)
    with pytest.raises(sbm.MeasureTableError) as info:
        param_files.load_rules(path, cat)
    assert info.value.params["file"] == "assignment_rules.csv"
    assert info.value.params["line"] == line
    assert info.value.params["column"] == column
    assert problem in str(info.value.params["problem"]) and problem in str(info.value)


# ------------------------------------------------------------------------------------------------
# every default rule


DEFAULT_CASES = [
    # (parcel kwargs, region, rule_id, measure_codes)
    (dict(landuse="水田", slope=3.0, erosion="微度"), 0, "N-PADDY", ""),
    (dict(landuse="农村宅基地", slope=8.0, erosion="微度"), 0, "N-BUILT", ""),
    (dict(landuse="工业用地", slope=14.0, erosion="微度"), 0, "N-BUILT", ""),
    (dict(landuse="坑塘水面", slope=1.0, erosion="微度"), 0, "N-WATER", ""),
    (dict(landuse="采矿用地", slope=20.0, erosion="强烈"), 0, "N-MINE", ""),
    (dict(landuse="农村道路", slope=12.0, erosion="中度"), 0, "N-ROAD", ""),
    (dict(landuse="裸岩石砾地", slope=30.0, erosion="微度"), 0, "N-ROCK", ""),
    (dict(landuse="旱地", slope=12.0, erosion="中度", gdlx="TT"), 0, "C-TT-ERODING", "hedgerow"),
    (dict(landuse="旱地", slope=12.0, erosion="", gdlx="TT"), 0, "C-TT", ""),
    (dict(landuse="旱地", slope=12.0, erosion="微度", gdlx="TT"), 0, "SLIGHT", ""),
    (dict(landuse="旱地", slope=3.0, erosion="微度"), 0, "SLIGHT", ""),
    (dict(landuse="旱地", slope=12.0, erosion="微度"), 0, "SLIGHT", ""),  # was C-5-15: 微度 is not eroded land
    (
        dict(landuse="旱地", slope=12.0, erosion="中度", gdlx="TT", terrace_damaged="是"),
        0,
        "C-TT-REPAIR",
        "terrace_repair;hedgerow",
    ),
    (
        dict(landuse="其他草地", slope=30.0, erosion="剧烈", benggang=1),
        0,
        "BG-MARKED",
        "benggang_slope_cut;benggang_wall_steps;benggang_revegetation",
    ),
    (dict(landuse="旱地", slope=4.0, erosion="轻度"), 3, "BT-3-5", "ridge_realign;hedgerow"),
    (dict(landuse="旱地", slope=4.0, erosion="轻度"), 0, "C-FLAT", "contour_tillage;hedgerow"),
    (dict(landuse="旱地", slope=8.0, erosion="中度"), 3, "BT-5-15", "terrace_slope;hedgerow"),
    (dict(landuse="旱地", slope=3.0, erosion="轻度"), 0, "C-FLAT", "contour_tillage;hedgerow"),
    (dict(landuse="旱地", slope=10.0, erosion="中度"), 1, "C-5-15-STONE", "terrace_level_stone;hedgerow"),
    (dict(landuse="旱地", slope=10.0, erosion="中度"), 4, "C-5-15-STONE", "terrace_level_stone;hedgerow"),
    (dict(landuse="旱地", slope=10.0, erosion="中度"), 0, "C-5-15", "terrace_level_earth;hedgerow"),
    (dict(landuse="水浇地", slope=10.0, erosion="中度", soil_depth_m=0.4), 0, "C-5-15", "terrace_level_earth;hedgerow"),
    (dict(landuse="旱地", slope=10.0, erosion="中度", soil_depth_m=0.2), 0, "C-5-15-THIN", "terrace_slope;hedgerow"),
    (dict(landuse="旱地", slope=17.0, erosion="强烈"), 2, "C-15-20-DRY", "terrace_interval;hedgerow"),
    (dict(landuse="旱地", slope=21.0, erosion="强烈"), 2, "C-15-25", "terrace_level_earth;hedgerow"),
    (dict(landuse="旱地", slope=18.0, erosion="强烈"), 1, "C-15-25-STONE", "terrace_level_stone;hedgerow"),
    (dict(landuse="旱地", slope=18.0, erosion="强烈"), 0, "C-15-25", "terrace_level_earth;hedgerow"),
    (dict(landuse="旱地", slope=18.0, erosion="强烈", soil_depth_m=0.3), 0, "C-15-25-THIN", "terrace_slope;hedgerow"),
    (
        dict(landuse="旱地", slope=28.0, erosion="剧烈", retire_exempt=True),
        4,
        "C-25-EXEMPT-STONE",
        "terrace_level_stone;hedgerow",
    ),
    (
        dict(landuse="旱地", slope=28.0, erosion="剧烈", retire_exempt=1),
        0,
        "C-25-EXEMPT",
        "terrace_level_earth;hedgerow",
    ),
    (
        dict(landuse="旱地", slope=28.0, erosion="剧烈", retire_exempt="是", soil_depth_m=0.35),
        0,
        "C-25-EXEMPT-THIN",
        "terrace_slope;hedgerow",
    ),
    (dict(landuse="果园", slope=12.0, erosion="微度"), 0, "SLIGHT", ""),
    (dict(landuse="果园", slope=3.0, erosion="轻度"), 0, "O-FLAT", "orchard_improvement"),
    (dict(landuse="茶园", slope=12.0, erosion="中度"), 0, "O-SLOPE", "orchard_improvement;hedgerow"),
    (dict(landuse="果园", slope=27.0, erosion="中度"), 0, "O-STEEP", "orchard_improvement;fish_scale_pit"),
    (
        dict(landuse="乔木林地", slope=22.0, erosion="强烈", cover=0.8, canopy=0.7),
        0,
        "F-SEVERE",
        "eco_forest_grass;level_trench",
    ),
    (dict(landuse="乔木林地", slope=22.0, erosion="剧烈"), 0, "F-SEVERE", "eco_forest_grass;level_trench"),
    (dict(landuse="乔木林地", slope=22.0, erosion="中度", cover=0.8), 0, "F-MODERATE", "low_forest_improvement"),
    (
        dict(landuse="乔木林地", slope=22.0, erosion="轻度", cover=0.3, canopy=0.7),
        0,
        "F-LIGHT-SPARSE-COVER",
        "low_forest_improvement",
    ),
    (
        dict(landuse="乔木林地", slope=22.0, erosion="轻度", cover=30, canopy=0.7),
        0,
        "F-LIGHT-SPARSE-COVER",
        "low_forest_improvement",
    ),  # cover in %
    (
        dict(landuse="乔木林地", slope=22.0, erosion="轻度", cover=0.75, canopy=0.3),
        0,
        "F-LIGHT-SPARSE-CANOPY",
        "low_forest_improvement",
    ),
    (dict(landuse="灌木林地", slope=22.0, erosion="轻度", cover=0.75, canopy=0.1), 0, "F-LIGHT", "closure"),
    (dict(landuse="乔木林地", slope=22.0, erosion="轻度", cover=0.75, canopy=0.6), 0, "F-LIGHT", "closure"),
    (dict(landuse="乔木林地", slope=22.0, erosion="轻度"), 0, "F-LIGHT", "closure"),  # unknown cover: no 低效林
    (dict(landuse="其他林地", slope=12.0, erosion="微度"), 0, "SLIGHT", ""),  # was F-SLIGHT 封育 (counted as treated)
    (dict(landuse="其他草地", slope=12.0, erosion="微度"), 0, "SLIGHT", ""),
    (dict(landuse="田坎", slope=12.0, erosion="微度"), 0, "SLIGHT", ""),
    (dict(landuse="天然牧草地", slope=20.0, erosion="轻度", cover=0.7), 0, "G-COVERED", "closure"),
    (dict(landuse="田坎", slope=12.0, erosion="中度"), 0, "G-RISER", "hedgerow"),
    (dict(landuse="其他草地", slope=20.0, erosion="轻度", cover=0.3), 0, "G-STEEP", "forest_mixed;fish_scale_pit"),
    (dict(landuse="裸土地", slope=10.0, erosion="强烈"), 0, "G-MID", "grass;level_trench"),
    (dict(landuse="裸土地", slope=3.0, erosion="轻度"), 0, "G-FLAT", "grass"),
]


@pytest.mark.parametrize(("kw", "region", "rule_id", "codes"), DEFAULT_CASES)
def test_default_rule(cat, rules, kw, region, rule_id, codes) -> None:
    row = one(cat, rules, region, **kw)
    assert row["rule_id"] == rule_id
    assert row["measure_codes"] == codes
    assert row["measure_code"] == (codes.split(";")[0] if codes else "")
    assert row["status"] == "proposed"
    assert row["reason"] and "{" not in row["reason"]
    if codes:
        first = cat[codes.split(";")[0]]
        assert (row["measure_name"], row["measure_category"]) == (first.name_zh, first.category)
    # the rules' own choices pass the editor's validation
    assert sbm.validate_assignment(parcel(**kw), codes, cat) == []


def test_every_default_rule_is_exercised(rules) -> None:
    assert {r.rule_id for r in rules} == {case[2] for case in DEFAULT_CASES}


def test_reason_is_human_readable(cat, rules) -> None:
    row = one(cat, rules, landuse="旱地", slope=18.24, erosion="强烈", soil_depth_m=0.6)
    assert row["reason"] == "旱地，18.2° ∈ [15°, 25°)，土层 ≥ 0.5 m（0.60 m） → 窄幅水平梯田(土坎) + 植物篱/地埂植物带"
    row = one(cat, rules, landuse="旱地", slope=18.24, erosion="强烈")
    assert "（未知）" in row["reason"]
    row = one(cat, rules, landuse="水田", slope=2.0, erosion="微度")
    assert "非侵蚀" in row["reason"] and row["measure_code"] == "" and row["measure_name"] == ""


@pytest.mark.parametrize(
    ("slope", "rule_id"),
    [
        (4.999, "C-FLAT"),
        (5.0, "C-5-15"),
        (14.999, "C-5-15"),
        (15.0, "C-15-25"),
        (24.999, "C-15-25"),
        (25.0, sbm.LAW_RULE_ID),
        (25.001, sbm.LAW_RULE_ID),
    ],
)
def test_cropland_slope_boundaries_are_lower_inclusive(cat, rules, slope, rule_id) -> None:
    assert one(cat, rules, landuse="旱地", slope=slope, erosion="中度")["rule_id"] == rule_id


@pytest.mark.parametrize(
    ("landuse", "slope", "rule_id"),
    [
        ("果园", 4.99, "O-FLAT"),
        ("果园", 5.0, "O-SLOPE"),
        ("果园", 24.99, "O-SLOPE"),
        ("果园", 25.0, "O-STEEP"),
        ("裸土地", 4.99, "G-FLAT"),
        ("裸土地", 5.0, "G-MID"),
        ("裸土地", 14.99, "G-MID"),
        ("裸土地", 15.0, "G-STEEP"),
    ],
)
def test_other_slope_boundaries(cat, rules, landuse, slope, rule_id) -> None:
    assert one(cat, rules, landuse=landuse, slope=slope, erosion="中度")["rule_id"] == rule_id


# ------------------------------------------------------------------------------------------------
# TT parcels, non-eroding land, the law


def test_terraced_parcels_never_get_a_terrace(cat, rules) -> None:
    rows = [
        parcel("旱地", s, e, gdlx=g) for s in (3, 10, 18, 24.9) for e in ("微度", "中度", "剧烈") for g in ("TT", "tt")
    ]
    out = run(cat, rules, rows)
    for codes in out["measure_codes"]:
        assert not any(cat[c].is_terrace for c in codes.split(";") if c)
    assert set(out["rule_id"]) == {"SLIGHT", "C-TT-ERODING"}  # 微度: no measure at all


def test_a_rule_that_terraces_tt_parcels_is_skipped_for_them(tmp_path, cat, rules) -> None:
    text = RULES_CSV.read_text(encoding="utf-8").replace(",TT,,,,,,,,hedgerow,", ",TT,,,,,,,,terrace_level_earth,", 1)
    path = tmp_path / "assignment_rules.csv"
    path.write_text(text, encoding="utf-8")
    edited = param_files.load_rules(path, cat)
    messages: list = []
    out = run(cat, edited, [parcel("旱地", 10, "中度", gdlx="TT"), parcel("旱地", 10, "中度", gdlx="PD")], 0, messages)
    assert list(out["rule_id"]) == ["C-TT", "C-5-15"]  # C-TT-ERODING skipped, C-TT (no measure) takes it
    assert [m.key for m in messages] == ["tt_terrace_skipped"]
    assert messages[0].params == {"rule": "C-TT-ERODING", "count": 1}


@pytest.mark.parametrize("landuse", ["水田", "农村宅基地", "工业用地", "坑塘水面"])
def test_non_eroding_land_gets_no_measure_even_when_steep(cat, rules, landuse) -> None:
    row = one(cat, rules, landuse=landuse, slope=30.0 if landuse != "水田" else 8.0, erosion="微度")
    assert row["measure_code"] == "" and row["measure_codes"] == ""
    assert "不配置措施" in row["reason"]


def test_steep_cropland_is_retired_by_the_law(cat, rules) -> None:
    for kw in (dict(gdlx="PD"), dict(gdlx="TT"), dict(soil_depth_m=1.2), dict(retire_exempt=False)):
        row = one(cat, rules, landuse="旱地", slope=31.0, erosion="极强烈", **kw)
        assert row["rule_id"] == sbm.LAW_RULE_ID
        assert row["measure_codes"] == "retire_to_forest_grass;fish_scale_pit"
        assert row["measure_category"] == "vegetative"
        assert "《水土保持法》第二十条" in row["reason"] and "31.0°" in row["reason"]


def test_exempt_steep_terraced_cropland_keeps_its_terraces(cat, rules) -> None:
    row = one(cat, rules, landuse="旱地", slope=28.0, erosion="中度", gdlx="TT", retire_exempt=True)
    assert (row["rule_id"], row["measure_codes"]) == ("C-TT-ERODING", "hedgerow")


def test_steep_paddies_are_reported_not_retired(cat, rules) -> None:
    messages: list = []
    out = run(cat, rules, [parcel("水田", 27.4, "微度")], 0, messages)
    assert out.iloc[0]["rule_id"] == "N-PADDY"
    assert [m.key for m in messages] == ["steep_paddy"] and messages[0].params["count"] == 1


def _rules_with(tmp_path: Path, cat, extra_row: str) -> list[sbm.Rule]:
    """The bundled rules plus ``extra_row``, written without the optional parcel_flag cell (it is added)."""
    lines = RULES_CSV.read_text(encoding="utf-8").splitlines()
    cells = extra_row.split(",")
    cells.insert(lines[0].split(",").index("parcel_flag"), "")
    path = tmp_path / "assignment_rules.csv"
    path.write_text("\n".join([lines[0], ",".join(cells), *lines[1:]]) + "\n", encoding="utf-8")
    return param_files.load_rules(path, cat)


def test_a_rule_keeping_steep_cropland_cropped_is_overridden_and_named(tmp_path, cat) -> None:
    rules = _rules_with(
        tmp_path, cat, "MY-TILL,1,01;!0101,20,,,,,,,,,,contour_tillage,{landuse} → {measures},my county,PROPOSAL"
    )
    messages: list = []
    out = run(
        cat, rules, [parcel("旱地", 26.0, "中度"), parcel("旱地", 26.0, "中度"), parcel("旱地", 22.0)], 0, messages
    )
    assert list(out["rule_id"]) == [sbm.LAW_RULE_ID, sbm.LAW_RULE_ID, "MY-TILL"]
    assert list(out["measure_code"]) == ["retire_to_forest_grass", "retire_to_forest_grass", "contour_tillage"]
    (msg,) = messages
    assert msg.key == "law_override"
    assert msg.params == {"rule": "MY-TILL", "count": 2, "measures": "等高耕作", "limit": "25"}
    assert "MY-TILL" in msg.text
    # "no measure" on steep cropland is overridden too
    rules = _rules_with(tmp_path, cat, "MY-NONE,1,0103,,,,,,,,,,,,{landuse} → 不治理,my county,PROPOSAL")
    messages = []
    out = run(cat, rules, [parcel("旱地", 30.0, "中度")], 0, messages)
    assert out.iloc[0]["rule_id"] == sbm.LAW_RULE_ID
    assert messages[0].params["rule"] == "MY-NONE"


def test_a_rule_retiring_steep_cropland_to_economic_forest_is_honoured(tmp_path, cat) -> None:
    rules = _rules_with(
        tmp_path,
        cat,
        "MY-ECON,1,01;!0101,25,,,,,,,,,,economic_forest;fish_scale_pit,{landuse} → {measures},my county,PROPOSAL",
    )
    messages: list = []
    row = run(cat, rules, [parcel("旱地", 27.0, "中度")], 0, messages).iloc[0]
    assert (row["rule_id"], row["measure_codes"]) == ("MY-ECON", "economic_forest;fish_scale_pit")
    assert row["reason"].startswith("《水土保持法》") and messages == []


def test_exempt_parcel_without_a_measure_falls_back_to_a_terrace(tmp_path, cat) -> None:
    lines = [ln for ln in RULES_CSV.read_text(encoding="utf-8").splitlines() if not ln.startswith("C-25-EXEMPT")]
    path = tmp_path / "assignment_rules.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rules = param_files.load_rules(path, cat)
    messages: list = []
    out = run(cat, rules, [parcel("旱地", 29.0, "剧烈", retire_exempt=True)], 1, messages)
    row = out.iloc[0]
    assert row["measure_codes"] == "terrace_level_stone;hedgerow"  # what C-15-25-STONE gives region 1
    assert row["rule_id"] == "SWC-LAW+C-15-25-STONE"
    assert "退耕确有困难" in row["reason"] and "29.0°" in row["reason"]
    assert [m.key for m in messages] == ["exempt_without_measure"]


# ------------------------------------------------------------------------------------------------
# edited rule files, unmatched parcels


def test_an_edited_rule_file_is_honoured(tmp_path, cat, rules) -> None:
    before = one(cat, rules, landuse="旱地", slope=10.0, erosion="中度")
    assert before["measure_codes"] == "terrace_level_earth;hedgerow"
    text = RULES_CSV.read_text(encoding="utf-8")
    old = "C-5-15,310,01;!0101,5,15,,,0.3,,,,,,,terrace_level_earth;hedgerow,"
    assert old in text
    path = tmp_path / "assignment_rules.csv"
    path.write_text(text.replace(old, "C-5-15,310,01;!0101,5,12,,,0.3,,,,,,,terrace_slope,"), encoding="utf-8")
    edited = param_files.load_rules(path, cat)
    assert one(cat, edited, landuse="旱地", slope=10.0, erosion="中度")["measure_codes"] == "terrace_slope"
    # 12° is now outside the edited rule: the next matching rule (thin-soil, no depth bound) takes it
    assert one(cat, edited, landuse="旱地", slope=12.0, erosion="中度")["rule_id"] == "C-5-15-THIN"


def test_rule_order_column_decides_not_file_order(tmp_path, cat) -> None:
    rules = _rules_with(tmp_path, cat, "LATE,9999,0103,,,,,,,,,,,grass,{landuse} → {measures},my county,PROPOSAL")
    assert rules[-1].rule_id == "LATE"
    assert one(cat, rules, landuse="旱地", slope=10.0)["rule_id"] == "C-5-15"


def test_unmatched_parcels_are_reported(cat, rules) -> None:
    messages: list = []
    out = run(cat, rules, [parcel("旱地", float("nan"), "")], 0, messages)
    assert out.iloc[0]["rule_id"] == "" and out.iloc[0]["measure_code"] == ""
    assert "无匹配规则" in out.iloc[0]["reason"]
    assert [m.key for m in messages] == ["no_rule"]


def test_law_needs_the_retire_measure(tmp_path, rules) -> None:
    path = _write_variant(
        tmp_path, CATALOGUE_CSV, lambda t: "\n".join(x for x in t.splitlines() if not x.startswith("retire_to"))
    )
    with pytest.raises(sbm.MeasureTableError, match="retire_to_forest_grass"):
        sbm.assign(pd.DataFrame([parcel()]), param_files.load_catalogue(path), [], 0)


# ------------------------------------------------------------------------------------------------
# validation for the parcel editor


def keys(messages) -> list[str]:
    return [m.key for m in messages]


def test_validate_assignment_messages(cat) -> None:
    dry = parcel("旱地", 12.0)
    assert sbm.validate_assignment(dry, "terrace_level_earth", cat) == []
    assert keys(sbm.validate_assignment(dry, "low_forest_improvement", cat)) == ["landuse_not_applicable"]
    assert keys(sbm.validate_assignment(parcel("乔木林地", 50.0), "fish_scale_pit", cat)) == ["slope_outside_range"]
    msg = sbm.validate_assignment(parcel("乔木林地", 50.0), "fish_scale_pit", cat)[0]
    assert msg.text == "Parcel slope 50.0° is outside the range of 鱼鳞坑 (fish_scale_pit) (15–45°)."
    assert keys(sbm.validate_assignment({**dry, "GDLX": "TT"}, "terrace_slope", cat)) == ["terrace_on_terraced"]
    assert keys(sbm.validate_assignment(dry, "check_dam", cat)) == ["not_area_measure"]
    assert keys(sbm.validate_assignment(dry, "terrace_moon", cat)) == ["unknown_measure"]


@pytest.mark.parametrize(
    ("code", "exempt", "expected"),
    [
        ("", False, ["steep_cropland"]),
        ("contour_tillage", False, ["slope_outside_range", "steep_cropland"]),
        ("terrace_level_earth;hedgerow", False, ["slope_outside_range", "steep_cropland"]),
        ("retire_to_forest_grass;fish_scale_pit", False, []),
        ("terrace_level_earth", True, []),
        ("", True, []),
    ],
)
def test_validate_steep_cropland(cat, code, exempt, expected) -> None:
    assert keys(sbm.validate_assignment(parcel("旱地", 27.0), code, cat, exempt=exempt)) == expected


def test_validation_message_templates_format(cat) -> None:
    sample = {
        "measure": "x",
        "geometry": "point",
        "landuse": "0103",
        "groups": "01",
        "slope": 1.0,
        "low": 0.0,
        "high": 25.0,
        "rule": "R",
        "count": 2,
        "measures": "y",
        "limit": "25",
    }
    for key, template in sbm.MESSAGES.items():
        assert sbm.Message(key, sample).text == template.format(**sample)
        assert "{" not in sbm.Message(key, sample).text


# ------------------------------------------------------------------------------------------------
# summary


def test_summary_counts_each_parcel_once_under_its_primary_measure(cat, rules) -> None:
    rows = [
        parcel("旱地", 10.0, "中度", area_ha=2.5),
        parcel("旱地", 12.0, "中度", area_ha=1.5),
        parcel("乔木林地", 20.0, "轻度", area_ha=10.0),
        parcel("水田", 2.0, "微度", area_ha=4.0),
    ]
    summary = sbm.summarise(run(cat, rules, rows), cat).set_index("measure_code")
    assert summary.loc["closure", "area_ha"] == 10.0
    assert summary.loc["terrace_level_earth", "area_ha"] == 4.0
    assert summary.loc["terrace_level_earth", "parcels"] == 2
    assert summary.loc["terrace_level_earth", "with_measures"] == "hedgerow"
    assert summary.loc["terrace_level_earth", "sl447_column"] == "土坎梯田"
    assert summary.loc["", "measure_name"] == "无措施" and summary.loc["", "area_ha"] == 4.0
    assert summary["area_ha"].sum() == pytest.approx(18.0)
    assert summary.index[0] == "closure"


def test_design_params_round_trip_and_assign_writes_the_defaults() -> None:
    from sbplanner_plugin.core import measures as m

    text = m.format_design_params({"riser": "earth", "bench_width_m": 8.0, "empty": ""})
    assert text == "riser=earth;bench_width_m=8"
    assert m.parse_design_params(text) == {"riser": "earth", "bench_width_m": 8.0}
    assert "measure_params" in m.OUTPUT_COLUMNS


# ------------------------------------------------------------------------------------------------
# issue 9 item 9: the legal slope limit is a parameter; 三调 GDPDJB and the 禁垦范围 are evidence


def run_at(cat, rules, rows: list[dict], limit: float, messages: list | None = None) -> pd.DataFrame:
    say = messages.append if messages is not None else None
    return sbm.assign(pd.DataFrame(rows), cat, rules, 0, say, slope_limit_deg=limit)


def test_a_provincial_slope_limit_retires_cropland_below_25(cat, rules) -> None:
    rows = [parcel("旱地", 18.0, "强烈"), parcel("旱地", 14.9, "中度")]
    at_25 = run_at(cat, rules, rows, 25.0)
    assert list(at_25["rule_id"]) == ["C-15-25", "C-5-15"]  # before: 25° was the only limit
    messages: list = []
    at_15 = run_at(cat, rules, rows, 15.0, messages)  # e.g. Inner Mongolia's regulation
    assert list(at_15["rule_id"]) == [sbm.LAW_RULE_ID, "C-5-15"]
    assert at_15["measure_codes"].iat[0] == "retire_to_forest_grass;fish_scale_pit"
    assert list(at_15["steep_cropland"]) == ["dem", ""]
    assert at_15["reason"].iat[0].startswith("旱地，DEM 平均坡度 18.0° ≥ 禁垦坡度 15°：")
    assert "省级规定的禁止开垦坡度（15°）" in at_15["reason"].iat[0]
    assert [m.key for m in messages] == ["law_override"]
    assert messages[0].params["limit"] == "15" and "(15°)" in messages[0].text
    # the editor's validation follows the stored evidence, not a fixed 25°
    keys = [m.key for m in sbm.validate_assignment(at_15.iloc[0].to_dict(), "terrace_level_earth", cat)]
    assert keys == ["steep_cropland"]


def test_gdpdjb_5_is_steep_even_where_the_dem_mean_says_23(cat, rules) -> None:
    rows = [
        parcel("旱地", 23.0, "强烈", gdpdjb="5"),
        parcel("旱地", 23.0, "强烈", gdpdjb="4"),
        parcel("旱地", 26.0, "强烈", gdpdjb=4),  # the DEM says beyond, the grade says within
        parcel("旱地", 23.0, "强烈", gdpdjb=5.0),
    ]
    messages: list = []
    out = run_at(cat, rules, rows, 25.0, messages)
    assert list(out["rule_id"]) == [sbm.LAW_RULE_ID, "C-15-25", sbm.LAW_RULE_ID, sbm.LAW_RULE_ID]
    assert list(out["steep_cropland"]) == ["gdpdjb", "", "dem", "gdpdjb"]
    assert (
        out["reason"]
        .iat[0]
        .startswith("旱地，三调耕地坡度级别 GDPDJB=5（> 25°），禁垦坡度 25°（DEM 平均坡度 23.0°）：")
    )
    assert "GDPDJB=5（" in out["reason"].iat[3]
    # C-15-25 (GDPDJB 5 on 23°) and C-25-EXEMPT (26°) would keep them cropped
    assert [m.key for m in messages] == ["law_override", "law_override", "steep_by_gdpdjb", "gdpdjb_below_limit"]
    assert messages[2].params == {"count": 2, "limit": "25"}
    assert messages[3].params == {"count": 1, "limit": "25"}


def test_gdpdjb_decides_only_grades_wholly_above_the_limit(cat, rules) -> None:
    rows = [parcel("旱地", 12.0, "强烈", gdpdjb=g) for g in (3, 4, 5)]
    # 15° is a class bound: grades 4 (15°–25°] and 5 decide
    assert list(run_at(cat, rules, rows, 15.0)["steep_cropland"]) == ["", "gdpdjb", "gdpdjb"]
    # 20° is not: grade 4 straddles it and does not decide (the DEM mean 12° does: within)
    assert list(run_at(cat, rules, rows, 20.0)["steep_cropland"]) == ["", "", "gdpdjb"]
    assert sbm.steep_basis("0101", 30.0, 25.0, 5) == ""  # paddies stay outside the law's scope


def test_cropland_in_the_no_cultivation_area_is_beyond_the_limit(cat, rules) -> None:
    rows = [
        parcel("旱地", 8.0, "中度", no_cultivation_share=0.6),
        parcel("旱地", 8.0, "中度", no_cultivation_share=0.4),
        parcel("乔木林地", 8.0, "中度", no_cultivation_share=1.0),
    ]
    messages: list = []
    out = run_at(cat, rules, rows, 25.0, messages)
    assert list(out["rule_id"]) == [sbm.LAW_RULE_ID, "C-5-15", "F-MODERATE"]
    assert list(out["steep_cropland"]) == ["no_cultivation_area", "", ""]
    assert (
        out["reason"].iat[0].startswith("旱地，位于县级人民政府公告的禁垦范围内（面积占比 ≥ 50%，DEM 平均坡度 8.0°）")
    )
    assert "steep_by_no_cultivation_area" in [m.key for m in messages]


def test_area_share_inside_the_zones() -> None:
    from shapely.geometry import box

    parcels = [box(0, 0, 10, 10).wkb, box(20, 0, 30, 10).wkb, box(40, 0, 50, 10).wkb]
    zones = [box(0, 0, 6, 10).wkb, box(24, 0, 40, 10).wkb]
    share = sbm.area_share_inside(parcels, zones)
    assert share.tolist() == pytest.approx([0.6, 0.6, 0.0])
    assert sbm.area_share_inside(parcels, []).tolist() == [0.0, 0.0, 0.0]


# ------------------------------------------------------------------------------------------------
# issue 9 item 10: 微度 parcels get no measure; treated area stays within the eroded area


def test_treated_area_stays_within_the_eroded_area(cat, rules) -> None:
    rows = [
        parcel("乔木林地", 12.0, "微度"),  # 4 hm² of 微度 forest: before, 封育 counted as treated
        parcel("乔木林地", 12.0, "轻度"),
        parcel("旱地", 10.0, "中度"),
        parcel("旱地", 10.0, "微度"),
        parcel("其他草地", 20.0, "微度"),
    ]
    for row, area in zip(rows, (4.0, 2.0, 1.5, 0.5, 3.0)):
        row["area_ha"] = area
    out = run(cat, rules, rows)
    assert list(out["measure_code"]) == ["", "closure", "terrace_level_earth", "", ""]
    eroded = sum(r["area_ha"] for r in rows if r["erosion_class"] != "微度")
    area = sbm.treated_area(sbm.summarise(out, cat))
    assert area == (3.5, 0.0, 7.5) and area.treated <= eroded == 3.5


def test_a_measure_a_user_gives_a_slight_parcel_counts_as_prevention(cat, rules) -> None:
    rows = [parcel("乔木林地", 12.0, "微度"), parcel("乔木林地", 12.0, "轻度")]
    rows[0]["area_ha"], rows[1]["area_ha"] = 4.0, 2.0
    out = run(cat, rules, rows)
    out.loc[0, ["measure_code", "measure_codes"]] = ["closure", "closure"]  # the designer's edit
    summary = sbm.summarise(out, cat)
    rows_ = summary[["measure_code", "treatment", "parcels", "area_ha"]].values.tolist()
    assert rows_ == [["closure", sbm.PROTECTION, 1, 4.0], ["closure", sbm.TREATED, 1, 2.0]]
    assert sbm.treated_area(summary) == (2.0, 4.0, 0.0)
    assert sbm.PROTECTION == "预防/保护" and sbm.TREATED == "治理"


# ------------------------------------------------------------------------------------------------
# issue 9 item 15: the missing measures and their rules


def test_the_missing_measures_are_in_the_catalogue(cat) -> None:
    wanted = {
        "benggang_slope_cut": ("削坡减级(崩岗)", "polygon", "none"),
        "benggang_wall_steps": ("崩壁小台阶", "polygon", "none"),
        "benggang_revegetation": ("崩岗植被恢复", "polygon", "B"),
        "benggang_mouth_dam": ("崩口谷坊/拦沙坝", "point", "none"),
        "flood_ditch": ("排洪沟", "line", "none"),
        "bamboo_trench": ("竹节水平沟", "polygon", "E"),
        "planting_pit": ("穴状整地", "polygon", "none"),
        "terrace_repair": ("梯田修复(老旧梯田提升)", "polygon", "E"),
        "grass_crop_rotation": ("草田轮作", "polygon", "T"),  # T row in t_factor.csv: a placeholder 1 (PROPOSAL)
        "intercropping": ("间作套种", "polygon", "T"),
        "ridge_realign": ("改垄(横坡垄作)", "polygon", "T"),
        "vegetative_filter_strip": ("植物过滤带", "polygon", "B"),
        "bank_protection": ("护岸/沟道整治", "line", "none"),
        "overflow_weir": ("滚水坝", "point", "none"),
    }
    for code, (name, geometry, factor) in wanted.items():
        m = cat[code]
        assert (m.name_zh, m.geometry, m.csle_factor) == (name, geometry, factor), code
        assert m.name_en and m.source and m.confidence in ("PARTIAL", "UNVERIFIED", "PROPOSAL")
    e = {r["measure_code"]: r for r in csv.DictReader((PARAMS / "e_factor.csv").open(encoding="utf-8"))}
    assert float(e["bamboo_trench"]["e"]) == 0.335 and e["bamboo_trench"]["confidence"] == "PROPOSAL"
    assert cat["terrace_repair"].keeps_cropping and not cat["terrace_repair"].is_terrace


def test_benggang_and_damaged_terraces_only_where_the_user_marks_them(cat, rules) -> None:
    rows = [
        parcel("其他草地", 30.0, "剧烈", benggang="是"),
        parcel("其他草地", 30.0, "剧烈"),
        parcel("旱地", 12.0, "中度", gdlx="TT", terrace_damaged=1),
        parcel("旱地", 12.0, "中度", gdlx="TT"),
    ]
    out = run(cat, rules, rows)
    assert list(out["rule_id"]) == ["BG-MARKED", "G-STEEP", "C-TT-REPAIR", "C-TT-ERODING"]
    assert out["measure_codes"].iat[0] == "benggang_slope_cut;benggang_wall_steps;benggang_revegetation"
    assert "崩口布设谷坊/拦沙坝" in out["reason"].iat[0]
    assert out["measure_codes"].iat[2] == "terrace_repair;hedgerow"
    # a damaged terrace beyond the limit is still retired: repair keeps it cropped
    steep = run(cat, rules, [parcel("旱地", 27.0, "中度", gdlx="TT", terrace_damaged=1)]).iloc[0]
    assert steep["rule_id"] == sbm.LAW_RULE_ID


def test_black_soil_gentle_long_slopes_get_ridge_realignment_or_slope_terraces(cat, rules) -> None:
    rows = [parcel("旱地", 4.0, "轻度"), parcel("旱地", 8.0, "中度"), parcel("旱地", 2.0, "轻度")]
    black = run(cat, rules, rows, region=3)
    assert list(black["measure_codes"]) == [
        "ridge_realign;hedgerow",
        "terrace_slope;hedgerow",
        "contour_tillage;hedgerow",
    ]
    south = run(cat, rules, rows, region=0)
    assert list(south["rule_id"]) == ["C-FLAT", "C-5-15", "C-FLAT"]


def test_a_rule_table_without_the_parcel_flag_column_still_loads(tmp_path, cat) -> None:
    text = RULES_CSV.read_text(encoding="utf-8")
    lines = list(csv.reader(io.StringIO(text)))
    k = lines[0].index("parcel_flag")
    kept = [r[:k] + r[k + 1 :] for r in lines if not r[k] or r is lines[0]]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(kept)
    path = tmp_path / "assignment_rules.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    loaded = param_files.load_rules(path, cat)
    assert "BG-MARKED" not in {r.rule_id for r in loaded} and all(not r.parcel_flag for r in loaded)
    bad = tmp_path / "bad.csv"
    bad.write_text(text.replace(",benggang,", ",collapse,", 1), encoding="utf-8")
    with pytest.raises(sbm.MeasureTableError) as info:
        param_files.load_rules(bad, cat)
    assert info.value.params["column"] == "parcel_flag" and "collapse" in str(info.value)


# ------------------------------------------------------------------------------------------------
# issue 9 item 14: current standards in the source columns


def test_sources_cite_current_standards() -> None:
    for name in ("measures.csv", "assignment_rules.csv", "e_factor.csv", "b_factor.csv", "t_factor.csv"):
        text = (PARAMS / name).read_text(encoding="utf-8")
        for row in csv.DictReader(io.StringIO(text)):
            source = row["source"]
            for old in ("SL 289", "SL 302"):
                assert old not in source or "replaced" in source, (name, row)
    cat_text = (PARAMS / "measures.csv").read_text(encoding="utf-8")
    assert "SL/T 804-2020" in next(ln for ln in cat_text.splitlines() if ln.startswith("warping_dam,"))
