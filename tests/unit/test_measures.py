"""Measure catalogue, assignment rules, the built-in 25° law and editor validation (core, no QGIS)."""

from __future__ import annotations

import csv
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
        ("{landuse}，{slope:.1f}° < 5°，微度侵蚀", "{landuse}，{slop:.1f}° < 5°，微度侵蚀", "reason_zh", "{slop}"),
        (",TT,,,,,,,hedgerow,", ",TX,,,,,,,hedgerow,", "gdlx", "TX"),
        (",1;4,terrace_level_stone;hedgerow,", ",1;7,terrace_level_stone;hedgerow,", "region", "'7'"),
        (",0.45,,,,low_forest_improvement,", ",45,,,,low_forest_improvement,", "cover_max", "between 0 and 1"),
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
    (dict(landuse="旱地", slope=12.0, erosion="微度", gdlx="TT"), 0, "C-TT", ""),
    (dict(landuse="旱地", slope=3.0, erosion="微度"), 0, "C-FLAT-SLIGHT", ""),
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
    (dict(landuse="果园", slope=12.0, erosion="微度"), 0, "O-SLIGHT", ""),
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
    (dict(landuse="其他林地", slope=12.0, erosion="微度"), 0, "F-SLIGHT", "closure"),
    (dict(landuse="其他草地", slope=12.0, erosion="微度"), 0, "G-SLIGHT", ""),
    (dict(landuse="田坎", slope=12.0, erosion="微度"), 0, "G-SLIGHT", ""),
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
    assert set(out["rule_id"]) == {"C-TT", "C-TT-ERODING"}


def test_a_rule_that_terraces_tt_parcels_is_skipped_for_them(tmp_path, cat, rules) -> None:
    text = RULES_CSV.read_text(encoding="utf-8").replace(",TT,,,,,,,hedgerow,", ",TT,,,,,,,terrace_level_earth,", 1)
    path = tmp_path / "assignment_rules.csv"
    path.write_text(text, encoding="utf-8")
    edited = param_files.load_rules(path, cat)
    messages: list = []
    out = run(cat, edited, [parcel("旱地", 10, "中度", gdlx="TT"), parcel("旱地", 10, "中度", gdlx="PD")], 0, messages)
    assert list(out["rule_id"]) == ["C-TT", "C-5-15"]
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
    lines = RULES_CSV.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "assignment_rules.csv"
    path.write_text("\n".join([lines[0], extra_row, *lines[1:]]) + "\n", encoding="utf-8")
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
    assert msg.params == {"rule": "MY-TILL", "count": 2, "measures": "等高耕作"}
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
    old = "C-5-15,310,01;!0101,5,15,,,0.3,,,,,,terrace_level_earth;hedgerow,"
    assert old in text
    path = tmp_path / "assignment_rules.csv"
    path.write_text(text.replace(old, "C-5-15,310,01;!0101,5,12,,,0.3,,,,,,terrace_slope,"), encoding="utf-8")
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
