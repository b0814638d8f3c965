"""core.design_tables: the SL/T 447 Appendix D tables laid out from small hand-made plan frames.

Totals are the sums of the (rounded) rows, ratios of the total row are recomputed from the sums (not summed),
values carry the precision rules' decimals, 行政村 rows come from the first 12 digits of ZLDWDM, and a table the
plan cannot give is named with its reason.
"""

from __future__ import annotations

import pandas as pd
import pytest

from sbplanner_plugin.adapters.param_files import (
    load_catalogue,
    load_plugin_params,
    plugin_measure_references,
    table_path,
)
from sbplanner_plugin.core import design_tables as dt
from sbplanner_plugin.core.design_model import Sheet, col, group, label_text, layout_header, message_in, rounded
from sbplanner_plugin.core.design_status import VILLAGE_DIGITS, d04_column
from sbplanner_plugin.core.errors import InvalidParameterError

PARAMS = load_plugin_params()
CATALOGUE = load_catalogue(table_path("measures.csv"), plugin_measure_references(PARAMS))


def build(layers: dict, tables=(), language="zh", **kw) -> dt.DesignTablesResult:
    inputs = dt.DesignTablesInputs(layers=layers, tables=list(tables), language=language, params=PARAMS,
                                   catalogue=CATALOGUE, plan_location="plan.gpkg", project_name="P", **kw)  # fmt: skip
    return dt.build_design_tables(inputs)


def column(table: dt.DesignTable, header: str, row: int = -1) -> int:
    """The index of the leaf column whose last header row (or any row when merged down) reads ``header``."""
    for c in range(table.width):
        labels = [r[c] for r in table.header if r[c]]
        if labels and labels[-1] == header:
            return c
    raise KeyError(header)


def body(table: dt.DesignTable, kind: str = dt.DATA) -> list[list]:
    return [r for r, k in zip(table.rows, table.row_kinds) if k == kind]


# -- model -------------------------------------------------------------------------------------------
def test_rounding_is_half_up_and_counts_are_integers() -> None:
    assert rounded(2.345, 2) == 2.35 and rounded(2.335, 2) == 2.34  # a reader's rounding, not half-even
    assert rounded(1234.5, 0) == 1235 and isinstance(rounded(1234.5, 0), int)
    assert rounded(float("nan"), 2) is None and rounded(None, 2) is None and rounded("x", 2) == "x"


def test_units_in_the_standards_quantity_unit_form() -> None:
    assert label_text(col("面积", "Area", "a", 2, "hm²"), "zh") == "面积/hm²"
    assert label_text(col("沟壑密度", "Gully density", "g", 2, "km/km²"), "zh") == "沟壑密度/(km/km²)"
    assert label_text(col("侵蚀模数", "Modulus", "m", 0, "t/(km²·a)"), "zh") == "侵蚀模数/[t/(km²·a)]"
    assert label_text(col("面积", "Area", "a", 2, "hm²"), "en") == "Area (hm²)"


def test_a_column_tree_gives_the_merged_header() -> None:
    columns = [
        col("小流域", "Unit", "u"),
        group("轻度", "Light", col("面积", "Area", "a", 2), col("比例", "Share", "p", 2)),
    ]
    header, merges, leaves = layout_header(columns, "zh")
    assert header == [["小流域", "轻度", ""], ["", "面积", "比例"]]
    assert {(m.first_row, m.first_col, m.last_row, m.last_col) for m in merges} == {(0, 0, 1, 0), (0, 1, 0, 2)}
    assert [leaf.key for leaf in leaves] == ["u", "a", "p"]


def test_sheet_totals_sum_the_rounded_rows() -> None:
    sheet = Sheet([col("u", "u", "u"), col("a", "a", "a", 2)], "zh")
    for v in (0.114, 0.114, 0.114):
        sheet.add({"u": "x", "a": v})
    assert sheet.summed(sheet.data_rows, ["a"]) == {"a": 0.33}  # 3 × 0.11, what the reader adds up
    assert sheet.raw_sum("a") == pytest.approx(0.342)  # the base of the total row's ratios


# -- D.0.5: totals, ratios from sums, decimals ------------------------------------------------------------
def d05_row(ws, land, assessed, eroded, light, moderate, modulus, gully=None) -> dict:
    row = {"ws_code": ws, "land_area_km2": land, "unmapped_area_km2": land - assessed, "assessed_area_km2": assessed,
           "eroded_area_km2": eroded, "eroded_pct_of_land": eroded / assessed * 100, "mean_modulus_t_km2_a": modulus,
           "gully_density_km_per_km2": gully}  # fmt: skip
    for key, area in (("light", light), ("moderate", moderate), ("intense", 0.0), ("very_intense", 0.0),
                      ("severe", 0.0)):  # fmt: skip
        row[f"{key}_km2"], row[f"{key}_pct"] = area, area / eroded * 100 if eroded else 0.0
    return row


D05 = pd.DataFrame([
    d05_row("SW1", 1.0, 1.0, 0.5, 0.4, 0.1, 1000.0, 2.0),
    d05_row("SW2", 3.0, 2.0, 0.5, 0.5, 0.0, 400.0, 1.0),
    d05_row("ALL", 4.0, 3.0, 1.0, 0.9, 0.1, 600.0, 1.25),
])  # fmt: skip


def test_d05_total_row_sums_areas_and_recomputes_ratios() -> None:
    table = build({"ws_d05": D05}, ["D.0.5"]).table("D.0.5")
    assert table.title == "D.0.5 水土流失现状表"
    assert table.header[0][:3] == ["小流域", "总面积/km²", "水土流失面积"] and table.header[1][2:4] == [
        "面积/km²",
        "比例/%",
    ]
    assert [r[0] for r in table.rows] == ["SW1", "SW2", "合计"] and table.row_kinds[-1] == dt.TOTAL
    total = table.rows[-1]
    land, eroded, share = (column(table, h) for h in ("总面积/km²", "面积/km²", "比例/%"))
    assert total[land] == 4.0 and total[eroded] == 1.0
    assert total[share] == pytest.approx(33.33)  # 1.0 / 3.0 assessed, not 50 + 25
    assert total[share + 1] == 0.9 and total[share + 2] == pytest.approx(90.0)  # 轻度 of the eroded area
    modulus = column(table, "平均侵蚀模数/[t/(km²·a)]")
    assert total[modulus] == 600 and isinstance(total[modulus], int)  # (1000 × 1 + 400 × 2) / 3
    assert table.rows[0][modulus] == 1000 and table.decimals[modulus] == 0 and table.decimals[land] == 2
    assert total[column(table, "沟壑密度/(km/km²)")] == pytest.approx(1.25)  # (2 × 1 + 1 × 3) / 4 km²


def test_english_option_translates_titles_headers_and_totals() -> None:
    table = build({"ws_d05": D05}, ["D.0.5"], language="en").table("D.0.5")
    assert table.title == "Table D.0.5 Soil erosion status"
    assert table.header[0][:3] == ["Small watershed", "Total area (km²)", "Eroded area"]
    assert table.rows[-1][0] == "Total" and all(
        not any("\u4e00" <= ch <= "\u9fff" for ch in h) for h in table.header[0]
    )


# -- D.0.10: shares of the total from the summed areas ---------------------------------------------------------
def test_d010_shares_of_the_total_row_from_the_sums() -> None:
    rows = []
    for ws, areas in (("SW1", (1.0, 1.0, 0.0, 0.0, 0.0)), ("SW2", (0.0, 1.0, 1.0, 1.0, 0.0))):
        total = sum(areas)
        row = {"ws_code": ws, "total_hm2": total}
        for j, a in enumerate(areas, start=1):
            row[f"c{j}_hm2"], row[f"c{j}_pct"] = a, a / total * 100
        rows.append(row)
    table = build({"ws_d010": pd.DataFrame(rows)}, ["D.0.10"]).table("D.0.10")
    total = table.rows[-1]
    assert table.header[0][2] == "<5°" and table.header[0][10] == "≥35°"
    assert total[1] == 5.0 and total[2] == 1.0 and total[3] == pytest.approx(20.0)
    assert total[4] == 2.0 and total[5] == pytest.approx(40.0)  # (1 + 1) / 5, not 50 % + 33.33 %


# -- parcels: D.0.4 with the 旱地 split and rows per 行政村 from ZLDWDM -----------------------------------------------
def parcel(ws, code, name, group_code, area, grade=None, slope=3.0, village=None, eroded=0.0) -> dict:
    row = {"ws_code": ws, "landuse_code": code, "landuse_group": group_code, "landuse_name": name, "area_ha": area,
           "soil_loss_t_km2_a": 600.0 if eroded else 100.0, "slope_mean_deg": slope, "GDPDJB": grade,
           "valid_cells": 10, "ZLDWDM": village, "GDLX": "PD"}  # fmt: skip
    for j in range(1, 6):
        row[f"slope_s{j}_pct"] = 100.0 if j == 1 else 0.0
        row[f"d010_s{j}_pct"] = 100.0 if j == 1 else 0.0
        row[f"d011_s{j}_pct"] = 100.0 if j == 2 else 0.0
    for j in range(6):
        row[f"erosion_c{j}_ha"] = (area - eroded) if j == 0 else (eroded if j == 1 else 0.0)
    return row


VILLAGE_A1 = "3508210010010000001"  # 19 characters: 12-digit village + 村民小组
VILLAGE_A2 = "3508210010010000002"  # the same village, another group
VILLAGE_B = "3508210010020000001"
PARCELS = pd.DataFrame([
    parcel("SW1", "0103", "旱地", "01", 2.0, grade=3, village=VILLAGE_A1, eroded=2.0),  # 坡耕地 (grade 3 > 2°)
    parcel("SW1", "0103", "旱地", "01", 1.0, grade=1, slope=8.0, village=VILLAGE_A2),  # 旱平地: grade, not DEM
    parcel("SW2", "0301", "乔木林地", "03", 4.0, village=VILLAGE_B, eroded=1.0),
    parcel("SW2", "0201", "果园", "02", 0.5, village=VILLAGE_B),
])  # fmt: skip


def test_d04_splits_dry_land_by_the_slope_grade_and_totals_the_rows() -> None:
    result = build({"parcels": PARCELS}, ["D.0.4"])
    table = result.table("D.0.4")
    sloping, flat, crop, forest = (column(table, h) for h in ("坡耕地", "旱平地", "小计", "乔木林地"))
    assert table.header[0][2] == "耕地" and table.header[1][crop] == "小计"
    sw1, sw2, total = table.rows
    assert sw1[sloping] == 2.0 and sw1[flat] == 1.0 and sw1[crop] == 3.0 and sw1[1] == 3.0
    assert sw2[forest] == 4.0 and sw2[1] == 4.5
    assert total[1] == 7.5 and total[sloping] == 2.0 and total[forest] == 4.0
    assert d04_column("01", "旱地", float("nan"), 1.5) == "flat" and d04_column("11", "沼泽地", 0, 0) == "swamp"


def test_village_tables_group_the_first_12_digits_of_zldwdm() -> None:
    result = build({"parcels": PARCELS}, ["D.0.4", "D.0.5", "D.0.10"])
    assert result.villages and VILLAGE_DIGITS == 12
    table = result.table("D.0.4-village")
    assert table.rows_are == dt.BY_VILLAGE and table.sheet == "D.0.4 行政村" and table.header[0][0] == "行政村"
    assert [r[0] for r in table.rows] == ["350821001001", "350821001002", "合计"]
    assert [r[1] for r in table.rows] == [3.0, 4.5, 7.5]  # both 村民小组 of village 001 in one row
    d05 = result.table("D.0.5-village")
    assert [r[1] for r in d05.rows] == [0.03, 0.05, 0.08]  # km²
    assert d05.rows[-1][2] == 0.03  # eroded 2 + 1 hm²
    assert result.table("D.0.10-village").rows[-1][1] == 7.5


def test_without_a_village_code_only_small_watershed_tables() -> None:
    result = build({"parcels": PARCELS.drop(columns=["ZLDWDM"])}, ["D.0.4"])
    assert not result.villages and [t.key for t in result.tables] == ["cover", "D.0.4"]


# -- D.0.15 / D.0.16 from the layout and the items ---------------------------------------------------------
def test_d015_counts_each_parcel_under_its_primary_measure_and_d016_sums_items() -> None:
    layout = pd.DataFrame([
        {"ws_code": "SW1", "measure_code": "terrace_level_earth", "measure_codes": "terrace_level_earth;hedgerow",
         "area_ha": 2.0, "erosion_class": "轻度"},
        {"ws_code": "SW1", "measure_code": "closure", "measure_codes": "closure", "area_ha": 3.0,
         "erosion_class": "微度"},
        {"ws_code": "SW2", "measure_code": "forest_arbor", "measure_codes": "forest_arbor", "area_ha": 1.25,
         "erosion_class": "中度"},
    ])  # fmt: skip
    works = pd.DataFrame([{"measure_code": "check_dam", "ws_code": "SW1", "count": 2, "length_m": None,
                           "storage_m3": None}])  # fmt: skip
    items = pd.DataFrame([
        {"source": "terrace", "feature_id": 1, "ws_code": "SW1", "village": None, "measure_code": "terrace_level_earth",
         "item": "area_ha", "unit": "hm²", "quantity": 2.0, "year": 1},
        {"source": "terrace", "feature_id": 1, "ws_code": "SW1", "village": None, "measure_code": "terrace_level_earth",
         "item": "earth_cut_m3", "unit": "m³", "quantity": 1234.4, "year": 1},
        {"source": "measure", "feature_id": 3, "ws_code": "SW2", "village": None, "measure_code": "forest_arbor",
         "item": "trees", "unit": "株", "quantity": 2083.7, "year": 1},
    ])  # fmt: skip
    result = build(
        {"parcels_measures": layout, "works_quantities": works, "terrace_items": items}, ["D.0.15", "D.0.16"]
    )
    d15 = result.table("D.0.15")
    terrace, arbor, closure = (column(d15, h) for h in ("土坎梯田/hm²", "乔木林/hm²", "封育治理/hm²"))
    treated, checks = column(d15, "治理面积/km²"), column(d15, "谷坊/座")
    sw1, sw2, total = d15.rows
    assert sw1[terrace] == 2.0 and sw1[closure] == 3.0 and sw2[arbor] == 1.25
    assert sw1[treated] == 0.02 and total[treated] == pytest.approx(0.03)  # the 微度 closure is protection, not 治理
    assert sw1[checks] == 2 and total[checks] == 2 and d15.decimals[checks] == 0
    d16 = result.table("D.0.16")
    cut, trees = column(d16, "土方开挖/m³"), column(d16, "栽植乔木/株")
    assert [k for k in d16.row_kinds] == [dt.DATA, dt.SUBTOTAL, dt.DATA, dt.SUBTOTAL, dt.TOTAL]
    assert d16.rows[0][cut] == 1234 and d16.rows[2][trees] == 2084 and d16.rows[-1][cut] == 1234
    assert d16.rows[-1][3] is None  # 措施数量 (hm², 座, m) is not added up


# -- investment and benefits ----------------------------------------------------------------------------
def test_d018_d019_d021_totals() -> None:
    by_ws = pd.DataFrame([
        {"ws_code": "SW1", "part1_yuan": 10000.0, "part2_yuan": 5000.0, "part3_yuan": 0.0, "part4_yuan": 1000.0,
         "basic_contingency_yuan": 480.0, "static_total_yuan": 16480.0},
        {"ws_code": "SW2", "part1_yuan": 0.0, "part2_yuan": 2000.0, "part3_yuan": 3000.0, "part4_yuan": 333.0,
         "basic_contingency_yuan": 160.0, "static_total_yuan": 5493.0},
    ])  # fmt: skip
    funding = pd.DataFrame([
        {"part": p, "source_code": s, "name_zh": z, "name_en": e, "share_pct": pct, "amount_yuan": a}
        for p, total in ((1, 11000.0), (2, 6000.0))
        for s, z, e, pct in (("central", "中央投资", "central", 60.0), ("local", "地方投资", "local", 40.0))
        for a in [total * pct / 100]
    ])  # fmt: skip
    d021 = pd.DataFrame([
        {"ws_code": ws, "years": 20, "discount_rate_pct": 8.0, "investment_wan_yuan": inv, "om_cost_wan_yuan": 0.0,
         "total_cost_wan_yuan": inv, "direct_benefit_wan_yuan": b, "water_benefit_wan_yuan": 0.0,
         "soil_benefit_wan_yuan": 0.0, "sediment_benefit_wan_yuan": 0.0, "total_benefit_wan_yuan": b,
         "pv_benefit_wan_yuan": pvb, "pv_cost_wan_yuan": pvc, "npv_wan_yuan": pvb - pvc, "irr_pct": irr,
         "bcr": pvb / pvc}
        for ws, inv, b, pvb, pvc, irr in (("SW1", 1.648, 3.0, 2.0, 1.0, 12.0), ("SW2", 0.5493, 0.5, 0.25, 0.5, None),
                                          ("ALL", 2.1973, 3.5, 2.25, 1.5, 7.77))
    ])  # fmt: skip
    result = build({"investment_by_ws": by_ws, "investment_funding": funding, "benefit_d021": d021},
                   ["D.0.18", "D.0.19", "D.0.21"])  # fmt: skip
    d18 = result.table("D.0.18")
    assert d18.unit == "单位：万元" and d18.rows[0][1] == 1.0 and d18.rows[-1][-1] == pytest.approx(2.2)  # 万元
    d19 = result.table("D.0.19")
    assert d19.rows[-1][1] == 1.7 and d19.rows[-1][2] == pytest.approx(1.02) and d19.rows[-1][3] == pytest.approx(60.0)
    d21 = result.table("D.0.21")
    bcr, irr, npv = (column(d21, h) for h in ("效益费用比", "内部收益率/%", "净现值"))
    assert d21.rows[-1][npv] == pytest.approx(0.75)  # NPV adds up at one rate
    assert d21.rows[-1][bcr] == 1.5  # Σ PV benefits / Σ PV costs, not 2.0 + 0.5
    assert d21.rows[-1][irr] == 7.77  # the whole-area evaluation's own IRR


def test_d020_measure_columns_side_by_side_with_their_sums() -> None:
    rows = [
        ("SW1", "封育治理", "closure", 0.1, 0.00123),
        ("SW1", "乔木林", "forest_arbor", 0.2, 0.00456),
        ("SW1", "合计", "", 0.3, 0.00579),
        ("SW2", "封育治理", "closure", 0.05, 0.0),
        ("ALL", "合计", "", 0.35, 0.00579),
    ]
    frame = pd.DataFrame([{"ws_code": w, "measure_column": m, "measure_codes": c, "water_wan_m3_a": a,
                           "soil_wan_t_a": s, "direct_benefit_wan_yuan_a": 0.0} for w, m, c, a, s in rows])  # fmt: skip
    table = build({"benefit_d020": frame}, ["D.0.20"]).table("D.0.20")
    assert table.header[0][1] == "蓄水效益/(万m³/a)" and table.header[1][1:4] == ["乔木林", "封育治理", "合计"]
    assert table.rows[0][1:4] == [0.2, 0.1, 0.3] and table.rows[0][4:7] == [0.0046, 0.0012, 0.0058]
    assert table.rows[-1][1:4] == [0.2, 0.15, pytest.approx(0.35)]


# -- what cannot be made -----------------------------------------------------------------------------------
def test_missing_tables_are_named_with_their_step_and_an_empty_plan_is_an_error() -> None:
    result = build({"ws_d05": D05}, ["D.0.5", "D.0.18", "terraces"], scenario_id="plan_a")
    assert [t.key for t in result.tables] == ["cover", "D.0.5"]
    assert [str(m) for m in result.missing] == [
        "terraces: the plan has no terrace_quantities for scenario plan_a (run step 4, Terrace quantities)",
        "D.0.18: the plan has no investment_by_ws for scenario plan_a (run step 4, Estimate investment)",
    ]
    assert (
        message_in("zh", result.missing[1])
        == "D.0.18：规划中方案 plan_a 没有 investment_by_ws（请先运行第 4 步 投资估算）"
    )
    cover = result.table("cover")
    assert [
        "D.0.18",
        "水土保持措施投资汇总表：规划中方案 plan_a 没有 investment_by_ws（请先运行第 4 步 投资估算）",
    ] in cover.rows
    with pytest.raises(dt.NoDesignTablesError):
        build({}, [])


def test_unknown_table_and_language_are_refused() -> None:
    with pytest.raises(dt.UnknownDesignTableError) as caught:
        build({"ws_d05": D05}, ["D.0.99"])
    assert "D.0.5" in str(caught.value)
    assert dt.chosen_keys(["urgency", "d.0.5-village"]) == ["D.0.5", "urgency"]
    with pytest.raises(InvalidParameterError):
        build({"ws_d05": D05}, [], language="fr")
