"""core.benefits (step 5, GB/T 15774-2008): effect timing by year, 水土保持率 before / after on parcels whose
crossing of the tolerance is known by hand, NPV / IRR and the cost per tonne by hand, the tables, bad input,
and the property that a measure never increases soil loss."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sbplanner_plugin.adapters.param_files import (
    load_benefit_tables,
    load_catalogue,
    load_dam_params,
    load_plugin_params,
    plugin_measure_references,
    table_path,
)
from sbplanner_plugin.core import benefits as bn
from sbplanner_plugin.core import csle
from sbplanner_plugin.core.errors import InvalidParameterError, NotAnalysedParcelsError
from sbplanner_plugin.core.params import ParamTableError

PARAMS = load_plugin_params()
CATALOGUE = load_catalogue(table_path("measures.csv"), plugin_measure_references(PARAMS))
TABLES = load_benefit_tables()
TOL = 500.0
#: SL 190 lower bounds with the tolerance 500 (classes 0–5).
LOWER = [0.0, 500.0, 2500.0, 5000.0, 8000.0, 15000.0]
GROUPS = {"0103": "01", "0201": "02", "0301": "03", "0305": "03", "0404": "04", "1206": "12"}


def parcel(pid, ws, landuse, cls, a, b=1.0, e=1.0, t=1.0, codes="", area=1.0, erosion=None):
    """One analysed parcel of ``area`` hm² whose cells all lie in SL 190 class ``cls`` (0–5), mean A ``a``."""
    names = ("微度", "轻度", "中度", "强烈", "极强烈", "剧烈")
    row = {
        "parcel_id": pid, "ws_code": ws, "landuse_code": landuse, "landuse_group": GROUPS[landuse],
        "landuse_name": landuse, "area_ha": area, "soil_loss_t_km2_a": a, "b_factor": b, "e_factor": e,
        "t_factor": t, "measure_code": codes.split(";")[0] if codes else None, "measure_codes": codes,
        "erosion_class": erosion or names[cls], "d010_s1_pct": 100.0, "valid_cells": 100,
    }  # fmt: skip
    for j in range(6):
        row[f"erosion_c{j}_ha"] = area if j == cls else 0.0
    return row


def columns(rows):
    return {k: [r[k] for r in rows] for k in rows[0]}


def run(rows, **kw):
    kw.setdefault("years", 10)
    return bn.evaluate(bn.BenefitInputs(columns(rows), PARAMS, CATALOGUE, kw.pop("tables", TABLES), TOL, **kw))


def unit(result, ws):
    return result.units.set_index("ws_code").loc[ws]


# ----------------------------------------------------------------------------------------------------
# effect timing (GB/T 15774-2008 效益计算时段, benefit_timing.csv)
TIMING_CASES = [
    # ws, land use, current B, T, measures, implementation year, year the soil benefit starts
    ("terrace", "0103", 1.0, 1.0, "terrace_level_earth;hedgerow", 1, 1),  # 梯田: from the year of implementation
    ("tillage", "0103", 1.0, 1.0, "contour_tillage", 1, 1),  # 保土耕作: year 1
    ("trees", "0404", 0.5, 1.0, "forest_arbor", 1, 5),  # 乔木 without site preparation: year 5
    ("shrubs", "0404", 0.5, 1.0, "forest_shrub", 1, 3),  # 灌木: year 3
    ("grass", "0404", 0.5, 1.0, "grass", 1, 2),  # 草: year 2
    ("grass_prep", "0404", 0.5, 1.0, "grass;level_trench", 1, 1),  # with 水平沟 整地: year 1
    ("trees_prep", "0404", 0.5, 1.0, "forest_mixed;fish_scale_pit", 1, 1),  # with 鱼鳞坑: year 1
    ("closure", "0301", 0.1, 1.0, "closure", 1, 3),  # 封禁: year 3
    ("late_trees", "0404", 0.5, 1.0, "forest_arbor", 3, 7),  # implemented in year 3: 3 + 5 − 1
]


def test_effect_timing_by_year_follows_the_hand_table():
    rows = [parcel(k + 1, ws, lu, 1, 2000.0, b=b, t=t, codes=codes) for k, (ws, lu, b, t, codes, _i, _s) in
            enumerate(TIMING_CASES)]  # fmt: skip
    impl = [case[5] for case in TIMING_CASES]
    result = run(rows, implementation_years=impl)
    by_year = result.by_year.set_index(["ws_code", "year"])
    for ws, _lu, _b, _t, _codes, _impl, start in TIMING_CASES:
        full = unit(result, ws)["soil_conserved_t_a"]
        assert full > 0, ws
        for year in range(1, 11):
            expected = full if year >= start else 0.0
            assert by_year.loc[(ws, year), "soil_conserved_t"] == pytest.approx(expected, abs=1e-9), (ws, year)
    parcels = result.parcels.set_index("parcel_id")
    assert parcels.loc[3, "c_effect_year"] == 5 and np.isnan(parcels.loc[3, "e_effect_year"])
    assert parcels.loc[7, "e_effect_year"] == 1 and parcels.loc[7, "c_effect_year"] == 1
    assert parcels.loc[9, "full_effect_year"] == 7
    # ALL by year = the sum of the units by year
    table = result.by_year
    all_rows = table[table["ws_code"] == "ALL"].set_index("year")["soil_conserved_t"]
    units = table[table["ws_code"] != "ALL"].groupby("year")["soil_conserved_t"].sum()
    assert np.allclose(all_rows.to_numpy(), units.to_numpy())


def test_planned_b_uses_the_target_cover_of_the_measure():
    result = run([parcel(1, "A", "0404", 2, 3000.0, b=0.5, codes="forest_arbor")])
    row = result.parcels.iloc[0]
    # forest SLR with target GD 0.5, FVC 0.6 (measures.csv) — domain reference §3.6
    expected = 0.44468 * math.exp(-3.20096 * 0.5) - 0.04099 * math.exp(0.6 - 0.6 * 0.5) + 0.025
    assert row["b_planned"] == pytest.approx(expected, rel=1e-6)
    assert row["a_planned_t_km2_a"] == pytest.approx(3000.0 * expected / 0.5)


# ----------------------------------------------------------------------------------------------------
# 水土保持率 before and after (cells below the tolerance leave the 水土流失面积)
def swc_case():
    return [
        parcel(1, "A", "0103", 1, 1500.0, codes="terrace_level_earth"),  # 轻度 × 0.084: [42, 210) < 500 → crosses
        parcel(2, "A", "0103", 2, 3500.0, codes="terrace_level_earth"),  # 中度 × 0.084: [210, 420) → crosses
        parcel(3, "B", "0103", 3, 6000.0, codes="contour_tillage"),  # 强烈 × 0.6: [3000, 4800) → stays
        parcel(4, "B", "0404", 1, 1000.0, b=0.3),  # 轻度, no measure → stays
        parcel(5, "B", "0404", 0, 300.0, b=0.3),  # 微度
    ]


def test_swc_rate_before_and_after_on_parcels_that_cross_the_tolerance():
    result = run(swc_case(), target_id="CN-2025")
    w = result.whole
    # 5 hm² assessed, 4 hm² eroded → 20 %; after: parcels 1 and 2 leave → 2 hm² eroded → 60 %
    assert w["eroded_area_current_km2"] == pytest.approx(0.04)
    assert w["eroded_area_planned_km2"] == pytest.approx(0.02)
    assert w["swc_rate_current_pct"] == pytest.approx(20.0)
    assert w["swc_rate_planned_pct"] == pytest.approx(60.0)
    assert w["swc_gap_planned_pct"] == pytest.approx(73.0 - 60.0)
    parcels = result.parcels.set_index("parcel_id")
    assert list(parcels["eroded_area_planned_ha"]) == pytest.approx([0.0, 0.0, 1.0, 1.0, 0.0])
    assert list(parcels["erosion_class_planned"]) == ["微度", "微度", "中度", "轻度", "微度"]
    a, b = unit(result, "A"), unit(result, "B")
    assert a["swc_rate_current_pct"] == pytest.approx(0.0) and a["swc_rate_planned_pct"] == pytest.approx(100.0)
    assert b["swc_rate_current_pct"] == pytest.approx(100 / 3) and b["swc_rate_planned_pct"] == pytest.approx(100 / 3)
    # 治理度 = treated (parcels 1–3, 3 hm²) / eroded (4 hm²)
    assert w["treatment_degree_pct"] == pytest.approx(75.0)
    # soil loss (t/a = A × km²): 15 + 35 + 60 + 10 + 3 = 123 → 1.26 + 2.94 + 36 + 10 + 3
    assert w["soil_loss_current_t_a"] == pytest.approx(123.0)
    assert w["soil_loss_planned_t_a"] == pytest.approx(15 * 0.084 + 35 * 0.084 + 60 * 0.6 + 10 + 3)
    assert w["soil_conserved_t_a"] == pytest.approx(123.0 - w["soil_loss_planned_t_a"])
    # the whole-area row is the sum of the units
    for column in ("soil_loss_current_t_a", "soil_loss_planned_t_a", "soil_conserved_t_a",
                   "eroded_area_current_km2", "eroded_area_planned_km2", "treated_area_km2"):  # fmt: skip
        assert w[column] == pytest.approx(a[column] + b[column]), column


def test_a_class_straddling_the_tolerance_is_split_in_proportion():
    # 强烈 cells [5000, 8000) × 0.084 → [420, 672): (672 − 500) / (672 − 420) of them stay ≥ 500
    out = bn.scaled_class_areas(np.array([[0, 0, 0, 1.0, 0, 0]]), np.array([0.084]), LOWER)
    assert out[0, 1] == pytest.approx(172.0 / 252.0)
    assert out[0, 0] == pytest.approx(80.0 / 252.0)
    assert out.sum() == pytest.approx(1.0)
    # the open class 剧烈 spreads over [15000, 2·m − 15000), m from the parcel mean: here all cells are 剧烈, m = 20000
    top = bn.scaled_class_areas(np.array([[0, 0, 0, 0, 0, 1.0]]), np.array([0.5]), LOWER, np.array([20000.0]))
    # [7500, 12500): 500 in 强烈 (< 8000), 4500 in 极强烈
    assert top[0, 3] == pytest.approx(0.1) and top[0, 4] == pytest.approx(0.9)


def test_a_measure_replaces_the_factor_it_acts_on():
    # 三调 terraced cropland (E 0.084) repaired: the repaired terrace's E is the same — no double counting
    repaired = run([parcel(1, "A", "0103", 1, 800.0, e=0.084, codes="terrace_repair")]).parcels.iloc[0]
    assert repaired["a_planned_t_km2_a"] == pytest.approx(800.0)
    # a tillage practice replaces the default practice, the 轮作制度 zone's T (0.3) stays: T' = 0.3 × 0.6
    tilled = run([parcel(1, "A", "0103", 1, 900.0, t=0.3, codes="contour_tillage")]).parcels.iloc[0]
    assert tilled["t_planned"] == pytest.approx(0.18)
    assert tilled["a_planned_t_km2_a"] == pytest.approx(900.0 * 0.6)
    # cropland retired to forest: B·T = B_forest, T = 1
    retired = run([parcel(1, "A", "0103", 2, 4000.0, t=0.3, codes="retire_to_forest_grass")]).parcels.iloc[0]
    b_forest = float(csle.slr_forest(np.float64(0.5), np.float64(0.6), PARAMS.slr))
    assert retired["t_planned"] == 1.0 and retired["b_planned"] == pytest.approx(b_forest)
    assert retired["a_planned_t_km2_a"] == pytest.approx(4000.0 * b_forest / 0.3)
    # two E measures: the smaller E governs (水平阶 0.151 vs 鱼鳞坑 0.249), they do not multiply
    both = run([parcel(1, "A", "0404", 2, 3000.0, b=0.3, codes="level_bench;fish_scale_pit")]).parcels.iloc[0]
    assert both["e_planned"] == pytest.approx(0.151)


# ----------------------------------------------------------------------------------------------------
# economics
def test_npv_and_irr_by_hand():
    flows = [-1000.0, 300.0, 400.0, 500.0]
    hand = -1000 / 1.1 + 300 / 1.1**2 + 400 / 1.1**3 + 500 / 1.1**4
    assert bn.npv(flows, 10.0) == pytest.approx(hand)
    rate = bn.irr(flows)
    assert bn.npv(flows, rate) == pytest.approx(0.0, abs=1e-6)
    assert rate == pytest.approx(8.896, abs=1e-3)  # the textbook IRR of −1000, 300, 400, 500
    assert math.isnan(bn.irr([100.0, 200.0]))


def hand_tables(tmp_path):
    """The bundled tables, with prices and runoff set for a hand computation."""
    prices = (
        "item,measure_code,unit,value,start_year,source,confidence\n"
        "discount_rate,,%,10,,test,PROPOSAL\nwater,,元/m³,1,,test,PROPOSAL\nsoil,,元/t,20,,test,PROPOSAL\n"
        "sediment,,元/t,0,,test,PROPOSAL\nom_rate,,%/a,0,,test,PROPOSAL\n"
        "direct,terrace_level_earth,元/(hm²·a),1000,2,test,PROPOSAL\n"
    )
    runoff = "measure_code,name_zh,runoff_reduction_m3_ha_a,fills_per_year,source,confidence\n" \
             "terrace_level_earth,x,100,,test,PROPOSAL\n"  # fmt: skip
    paths = {}
    for name, text in ((bn.PRICES_TABLE, prices), (bn.RUNOFF_TABLE, runoff)):
        paths[name] = tmp_path / name
        paths[name].write_text(text, encoding="utf-8")
    return load_benefit_tables(paths)


def test_cost_per_tonne_npv_and_irr_of_a_terrace_by_hand(tmp_path):
    tables = hand_tables(tmp_path)
    rows = [parcel(1, "A", "0103", 1, 1500.0, codes="terrace_level_earth")]
    result = run(rows, years=3, tables=tables, investment_by_ws={"ws_code": ["A"], "static_total_yuan": [10000.0]})
    w = result.whole
    saved = 15.0 * (1 - 0.084)  # t/a: 1 hm² at 1500 t/(km²·a) → 15 t/a, × (1 − E)
    assert w["soil_conserved_t_a"] == pytest.approx(saved)
    assert w["investment_yuan_per_t_a"] == pytest.approx(10000.0 / saved)
    assert w["investment_yuan_per_t_period"] == pytest.approx(10000.0 / (3 * saved))
    assert w["investment_yuan_per_hm2"] == pytest.approx(10000.0)
    # year 1: soil 20 元/t + water 100 m³ × 1 元 − investment; years 2–3: + 1000 元 terrace yield
    net = [saved * 20 + 100 - 10000.0, saved * 20 + 100 + 1000, saved * 20 + 100 + 1000]
    hand = net[0] / 1.1 + net[1] / 1.1**2 + net[2] / 1.1**3
    assert w["npv_yuan"] == pytest.approx(hand)
    d021 = result.d021.set_index("ws_code").loc["ALL"]
    assert d021["npv_wan_yuan"] == pytest.approx(hand / 1e4)
    assert d021["total_cost_wan_yuan"] == pytest.approx(1.0)
    assert d021["total_benefit_wan_yuan"] == pytest.approx((3 * (saved * 20 + 100) + 2000) / 1e4)
    assert math.isnan(d021["irr_pct"]) is False and bn.npv(net, d021["irr_pct"]) == pytest.approx(0, abs=1e-6)
    d020 = result.d020.set_index(["ws_code", "measure_column"])
    assert d020.loc[("A", "土坎梯田"), "soil_wan_t_a"] == pytest.approx(saved / 1e4)
    assert d020.loc[("A", "土坎梯田"), "water_wan_m3_a"] == pytest.approx(100 / 1e4)
    assert d020.loc[("A", "土坎梯田"), "direct_benefit_wan_yuan_period"] == pytest.approx(2000 / 1e4)


def test_dams_trap_their_silt_capacity_over_their_silting_years():
    works = {"measure_code": ["check_dam", "water_cellar"], "ws_code": ["A", "A"], "storage_m3": [500.0, 40.0]}
    result = run([parcel(1, "A", "0103", 1, 1500.0, codes="terrace_level_earth")], works=works,
                 dam_params=load_dam_params())  # fmt: skip
    # 谷坊: silt share 1 × 500 m³ × 1.35 t/m³ / 5 a = 135 t/a in years 1–5; 水窖 40 m³ × 2 fills
    w = result.whole
    assert w["sediment_trapped_t_a"] == pytest.approx(135.0)
    by_year = result.by_year[result.by_year["ws_code"] == "ALL"].set_index("year")
    assert list(by_year["sediment_trapped_t"]) == pytest.approx([135.0] * 5 + [0.0] * 5)
    assert w["water_retained_m3_a"] == pytest.approx(450.0 + 80.0)


# ----------------------------------------------------------------------------------------------------
# bad input
def test_bad_input_is_a_clear_error():
    rows = swc_case()
    no_measures = [dict(r, measure_code=None, measure_codes="") for r in rows]
    with pytest.raises(bn.NoPlannedMeasuresError):
        run(no_measures)
    cols = columns(rows)
    del cols["measure_code"]
    with pytest.raises(bn.NoMeasureFieldError):
        bn.evaluate(bn.BenefitInputs(cols, PARAMS, CATALOGUE, TABLES, TOL))
    cols = columns(rows)
    del cols["b_factor"]
    with pytest.raises(NotAnalysedParcelsError) as info:
        bn.evaluate(bn.BenefitInputs(cols, PARAMS, CATALOGUE, TABLES, TOL))
    assert info.value.params["field"] == "b_factor"
    with pytest.raises(bn.ToleranceMismatchError):  # step 2 classed parcel 4 (A 1000) 轻度: not with 1200
        bn.evaluate(bn.BenefitInputs(columns(rows), PARAMS, CATALOGUE, TABLES, 1200.0))
    with pytest.raises(InvalidParameterError):
        run(rows, target_id="XX-2099")
    with pytest.raises(bn.TableFieldError):
        run(rows, investment_by_ws={"ws_code": ["A"]})


def test_tables_are_checked():
    text = (table_path(bn.TIMING_TABLE)).read_text(encoding="utf-8")
    with pytest.raises(ParamTableError, match="closure"):
        bn.parse_timing("benefit_timing.csv", "\n".join(line for line in text.splitlines()
                                                        if not line.startswith("closure,")))  # fmt: skip
    bad = text.replace("trees,乔木林、经济林（B 因子 forest / orchard）,5", "trees,x,0")
    assert bad != text
    with pytest.raises(ParamTableError, match="0 is outside the allowed range 1 ≤ effect_year ≤ 100"):
        bn.parse_timing("benefit_timing.csv", bad)
    assert {t.key: t.effect_year for t in TABLES.timing.values() if t.key in bn.KINDS} == {
        "engineering": 1, "tillage": 1, "storage_works": 1, "gully_works": 1, "trees": 5, "shrubs": 3, "grass": 2,
        "closure": 3,
    }  # fmt: skip
    assert TABLES.targets["CN-2025"].swc_rate_pct == 73.0


# ----------------------------------------------------------------------------------------------------
# property: a measure never increases soil loss
POLYGON_MEASURES = sorted(c for c, m in CATALOGUE.items() if m.geometry == "polygon")
CLASSES = ["cropland", "orchard", "forest", "shrub", "grass", "bare"]
unit_interval = st.floats(min_value=1e-4, max_value=1.0, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(
    b=unit_interval, e=unit_interval, t=unit_interval, cls=st.sampled_from(CLASSES),
    codes=st.lists(st.sampled_from(POLYGON_MEASURES), min_size=1, max_size=3, unique=True),
    fvc=st.floats(min_value=0.0, max_value=1.0), gd=st.floats(min_value=0.0, max_value=1.0),
)  # fmt: skip
def test_a_measure_never_increases_soil_loss(b, e, t, cls, codes, fvc, gd):
    if cls != "cropland":
        t = 1.0  # CSLE: T only on cropland
    measures = [CATALOGUE[c] for c in codes]
    designs = [{**m.design_params, "target_fvc": fvc, "target_gd": gd} for m in measures]
    f = bn.planned_factors(b, e, t, cls, measures, designs, PARAMS, TABLES.timing)
    re, rc = f.ratios(b, e, t)
    assert 0.0 <= re <= 1.0 and 0.0 <= rc <= 1.0
    assert f.e * f.b * f.t <= e * b * t * (1 + 1e-12)


@settings(max_examples=200, deadline=None)
@given(
    areas=st.lists(st.floats(min_value=0.0, max_value=10.0), min_size=6, max_size=6),
    ratio=st.floats(min_value=0.0, max_value=1.0),
    mean=st.floats(min_value=0.0, max_value=40000.0),
)
def test_scaling_conserves_area_and_never_adds_eroded_area(areas, ratio, mean):
    a = np.array([areas])
    out = bn.scaled_class_areas(a, np.array([ratio]), LOWER, np.array([mean]))
    assert out.sum() == pytest.approx(a.sum(), abs=1e-9)
    assert out[0, 1:].sum() <= a[0, 1:].sum() + 1e-9
