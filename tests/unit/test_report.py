"""The Word report's content (core.report): the sentences with the plan's numbers in Chinese and English on a
hand-made two-watershed plan (numbers worked out by hand below), the placeholders, where the tables and maps go
and what is listed as missing when steps 3–5 were not run."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sbplanner_plugin.adapters import param_files
from sbplanner_plugin.core import report as rp
from sbplanner_plugin.core.design_tables import DATA, TOTAL, DesignTable

CATALOGUE_CSV = Path(__file__).resolve().parents[2] / "resources" / "params" / "measures.csv"


@pytest.fixture(scope="module")
def catalogue():
    return param_files.load_catalogue(CATALOGUE_CSV)


def frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows)


def step12() -> dict:
    """Steps 1–2 of a plan of two small watersheds W1 (1.20 km²) and W2 (0.80 km²)."""
    return dict(
        small_watersheds=frame([
            {"ws_code": "W1", "area_km2": 1.2, "elev_min_m": 300.0, "elev_max_m": 420.0, "slope_mean_deg": 10.0},
            {"ws_code": "W2", "area_km2": 0.8, "elev_min_m": 310.0, "elev_max_m": 560.0, "slope_mean_deg": 20.0},
        ]),
        ws_indicators=frame([{"ws_code": "ALL", "land_area_km2": 2.0, "swc_rate_pct": 64.5,
                              "forest_grass_cover_pct": 55.25}]),
        # land use 200 hm²: 林地 110 (55 %), 耕地 60 (30 %), 园地 20 (10 %), 住宅 10 (5 %); W1's rows are ignored
        ws_landuse_slope=frame([
            {"ws_code": "ALL", "landuse_group": "03", "landuse_name": "乔木林地", "total_hm2": 100.0},
            {"ws_code": "ALL", "landuse_group": "03", "landuse_name": "灌木林地", "total_hm2": 10.0},
            {"ws_code": "ALL", "landuse_group": "01", "landuse_name": "水田", "total_hm2": 60.0},
            {"ws_code": "ALL", "landuse_group": "02", "landuse_name": "果园", "total_hm2": 20.0},
            {"ws_code": "ALL", "landuse_group": "07", "landuse_name": "农村宅基地", "total_hm2": 10.0},
            {"ws_code": "W1", "landuse_group": "03", "landuse_name": "乔木林地", "total_hm2": 999.0},
        ]),
        ws_d010=frame([{"ws_code": "ALL", "c1_hm2": 40.0, "c1_pct": 20.0, "c2_hm2": 60.0, "c2_pct": 30.0,
                        "c3_hm2": 70.0, "c3_pct": 35.0, "c4_hm2": 26.0, "c4_pct": 13.0, "c5_hm2": 4.0,
                        "c5_pct": 2.0}]),
        ws_d011=frame([{"ws_code": "ALL", "total_hm2": 0.0}]),  # no sloping cropland: no sentence
        # eroded 0.71 km² = 35.5 % of 2 km²: 轻度 0.50 (70.42 % of 0.71), 中度 0.20 (28.17 %), 强烈 0.01 (1.41 %)
        ws_d05=frame([
            {"ws_code": "ALL", "eroded_area_km2": 0.71, "eroded_pct_of_land": 35.5, "light_km2": 0.5,
             "light_pct": 70.4225, "moderate_km2": 0.2, "moderate_pct": 28.169, "intense_km2": 0.01,
             "intense_pct": 1.4085, "very_intense_km2": 0.0, "very_intense_pct": 0.0, "severe_km2": 0.0,
             "severe_pct": 0.0, "mean_modulus_t_km2_a": 612.4},
            {"ws_code": "W1", "eroded_pct_of_land": 30.0, "mean_modulus_t_km2_a": 800.0},
            {"ws_code": "W2", "eroded_pct_of_land": 42.0, "mean_modulus_t_km2_a": 500.0},
        ]),
    )  # fmt: skip


def step345() -> dict:
    return dict(
        # closure 10 hm² on 轻度 (治理) + 2 hm² on 微度 (预防/保护); orchard 5.5 hm² on 中度 with a hedgerow
        parcels_measures=frame([
            {"ws_code": "W1", "measure_code": "closure", "measure_codes": "closure", "erosion_class": "轻度",
             "area_ha": 10.0},
            {"ws_code": "W1", "measure_code": "orchard_improvement", "measure_codes": "orchard_improvement;hedgerow",
             "erosion_class": "中度", "area_ha": 5.5},
            {"ws_code": "W2", "measure_code": "closure", "measure_codes": "closure", "erosion_class": "微度",
             "area_ha": 2.0},
            {"ws_code": "W2", "measure_code": None, "measure_codes": None, "erosion_class": "微度", "area_ha": 3.0},
        ]),
        terrace_quantities=frame([
            {"area_ha": 2.0, "terrace_type": "level", "suitability": "suitable", "bench_width_m": 8.0,
             "riser_height_m": 1.5},
            {"area_ha": 1.0, "terrace_type": "slope", "suitability": "reduced", "bench_width_m": 5.0,
             "riser_height_m": 2.0},
            {"area_ha": 0.5, "terrace_type": "interval", "suitability": "unsuitable", "bench_width_m": 4.0,
             "riser_height_m": 3.5},
        ]),
        terrace_items=frame([
            {"item": "earth_cut_m3", "quantity": 3500.0}, {"item": "earth_fill_m3", "quantity": 3400.0},
            {"item": "labour_days", "quantity": 900.0}, {"item": "area_ha", "quantity": 3.5},
        ]),
        measure_items=frame([
            {"item": "site_prep_pits", "quantity": 120.0}, {"item": "trees", "quantity": 1500.0},
            {"item": "fence_m", "quantity": 800.0}, {"item": "labour_days", "quantity": 100.4},
            {"item": "area_ha", "quantity": 17.5},
        ]),
        # parts 10 + 20 + 5 + 3 万元 = 38, 基本预备费 3 % = 1.14, 静态总投资 39.14 万元
        investment_summary=frame([
            {"code": "part1", "amount_yuan": 100000.0, "rate_pct": None},
            {"code": "part2", "amount_yuan": 200000.0, "rate_pct": None},
            {"code": "part3", "amount_yuan": 50000.0, "rate_pct": None},
            {"code": "part4", "amount_yuan": 30000.0, "rate_pct": None},
            {"code": "parts1_4", "amount_yuan": 380000.0, "rate_pct": None},
            {"code": "basic_contingency", "amount_yuan": 11400.0, "rate_pct": 3.0},
            {"code": "static_total", "amount_yuan": 391400.0, "rate_pct": None},
            {"code": "price_contingency", "amount_yuan": 0.0, "rate_pct": 0.0},
            {"code": "total", "amount_yuan": 391400.0, "rate_pct": None},
        ]),
        investment_funding=frame([
            {"part": 1, "source_code": "central", "name_zh": "中央投资", "name_en": "central government",
             "amount_yuan": 150000.0},
            {"part": 2, "source_code": "central", "name_zh": "中央投资", "name_en": "central government",
             "amount_yuan": 84840.0},
            {"part": 1, "source_code": "local", "name_zh": "地方投资", "name_en": "local government",
             "amount_yuan": 156560.0},
            {"part": 1, "source_code": "private", "name_zh": "民间投资", "name_en": "private", "amount_yuan": 0.0},
        ]),
        investment_schedule=frame([{"year": 2, "static_total_yuan": 156560.0},
                                   {"year": 1, "static_total_yuan": 234840.0}]),
        ws_urgency_table=frame([
            {"ws_code": "W2", "urgency_score": 30.0, "urgency_rank": 2, "urgency_class": "较紧迫",
             "urgency_class_en": "fairly urgent"},
            {"ws_code": "W1", "urgency_score": 62.5, "urgency_rank": 1, "urgency_class": "极紧迫",
             "urgency_class_en": "very urgent"},
        ]),
        benefit_ws=frame([
            {"ws_code": "W1", "soil_conserved_t_a": 1.0},
            {"ws_code": "ALL", "soil_loss_current_t_a": 1224.8, "soil_loss_planned_t_a": 900.0,
             "soil_conserved_t_a": 324.8, "soil_conserved_wan_t_a": 0.03248, "soil_loss_reduction_pct": 26.518,
             "mean_modulus_current_t_km2_a": 612.4, "mean_modulus_planned_t_km2_a": 450.0,
             "water_retained_m3_a": 5000.0, "water_retained_wan_m3_a": 0.5, "eroded_area_current_km2": 0.71,
             "eroded_area_planned_km2": 0.6, "treatment_degree_pct": 21.83, "swc_rate_current_pct": 64.5,
             "swc_rate_planned_pct": 70.0, "swc_target_id": "CN-2025", "swc_target_pct": 73.0,
             "forest_grass_cover_current_pct": 55.25, "forest_grass_cover_planned_pct": 56.0},
        ]),
        benefit_d021=frame([{"ws_code": "ALL", "years": 20, "discount_rate_pct": 8.0, "total_cost_wan_yuan": 50.12,
                             "total_benefit_wan_yuan": 80.5, "npv_wan_yuan": 5.25, "irr_pct": 10.5, "bcr": 1.12}]),
    )  # fmt: skip


def inputs(language: str, catalogue, frames: dict | None = None, **kw) -> rp.ReportInputs:
    frames = {**step12(), **step345()} if frames is None else frames
    return rp.ReportInputs(language, "示例镇", "plan_a", "方案A", "plan.gpkg", "2026-12-07",
                           rp.ReportFrames(**frames), catalogue, **kw)  # fmt: skip


def texts(report: rp.Report, chapter: str) -> list[str]:
    c = next(c for c in report.chapters if c.key == chapter)
    return [b.text for b in c.blocks if isinstance(b, rp.Paragraph)]


def table(key: str, title: str = "表") -> DesignTable:
    return DesignTable(key, f"{key} {title}", [["a", "b"]], [["x", 1.0], ["合计", 1.0]], [DATA, TOTAL], [None, 2])


def test_chapters_in_the_order_of_an_implementation_plan(catalogue) -> None:
    zh = rp.build_report(inputs("zh", catalogue))
    assert [c.title for c in zh.chapters] == ["1 基本情况", "2 水土流失现状", "3 总体布置与措施设计", "4 工程量",
                                              "5 投资估算", "6 效益分析", "7 实施进度"]  # fmt: skip
    en = rp.build_report(inputs("en", catalogue))
    assert [c.title for c in en.chapters][:2] == ["1 Basic information", "2 Soil erosion status"]
    assert zh.title == "示例镇" and zh.subtitle == "水土保持综合治理实施方案"
    assert "方案：方案A（plan_a）" in zh.cover_lines and "Scenario: 方案A (plan_a)" in en.cover_lines


def test_basic_information_sentences(catalogue) -> None:
    zh, en = (texts(rp.build_report(inputs(lang, catalogue)), "1") for lang in ("zh", "en"))
    # slope: (1.2 × 10 + 0.8 × 20) / 2.0 = 14.0°
    assert zh[0] == ("示例镇项目区土地总面积 2.00 km²，划分为 2 条小流域（W1、W2），单条小流域面积 0.80～1.20 km²。"
                     "项目区海拔 300～560 m，平均坡度 14.0°。")  # fmt: skip
    assert en[0] == ("The project area of 示例镇 covers 2.00 km² of land, divided into 2 small watersheds (W1, W2) of "
                     "0.80–1.20 km² each. Elevations range from 300 to 560 m; the mean slope is 14.0°.")  # fmt: skip
    assert zh[1] == ("土地利用以林地（110.00 hm²，55.00%）、耕地（60.00 hm²，30.00%）和园地（20.00 hm²，10.00%）为主，"
                     "林草覆盖率 55.25%。")  # fmt: skip
    assert en[1] == ("Land use is mainly forest land (110.00 hm², 55.00 %), cropland (60.00 hm², 30.00 %) and garden "
                     "land (20.00 hm², 10.00 %); the forest and grass cover is 55.25 %.")  # fmt: skip
    assert zh[2].startswith("土地坡度组成：<5° 40.00 hm²（20.00%），5°～15° 60.00 hm²（30.00%）")
    assert zh[2].endswith("≥35° 4.00 hm²（2.00%）。")
    # what the plan cannot know: placeholders
    assert zh[3].startswith("【待补充：地形地貌") and zh[4].startswith("【待补充：行政区划")
    assert en[3].startswith("[to be completed: landform") and rp.Paragraph(en[3]).has_placeholder


def test_erosion_sentences(catalogue) -> None:
    zh, en = (texts(rp.build_report(inputs(lang, catalogue)), "2") for lang in ("zh", "en"))
    assert zh[0] == ("按 SL 190—2007 分级，项目区水土流失面积 0.71 km²，占土地总面积的 35.50%，其中轻度 0.50 km²"
                     "（占 70.42%），中度 0.20 km²（占 28.17%），强烈 0.01 km²（占 1.41%）。"
                     "平均土壤侵蚀模数 612 t/(km²·a)。")  # fmt: skip
    assert en[0] == ("By the classes of SL 190-2007, 0.71 km² of the project area are eroded (35.50 % of the land): "
                     "light 0.50 km² (70.42 %), moderate 0.20 km² (28.17 %), intense 0.01 km² (1.41 %) (shares of the "
                     "eroded area). The mean soil erosion modulus is 612 t/(km²·a).")  # fmt: skip
    assert zh[1] == "各小流域中，W2 水土流失面积占比最高（42.00%），W1 平均土壤侵蚀模数最大（800 t/(km²·a)）。"
    # 73 − 64.5 = 8.5 points below the target
    assert zh[2] == "项目区现状水土保持率为 64.50%，比目标值 73.00%（CN-2025）低 8.50 个百分点。"
    assert en[2] == ("The current soil and water conservation rate (水土保持率) is 64.50 %, 8.50 percentage points "
                     "below the target of 73.00 % (CN-2025).")  # fmt: skip


def test_layout_and_terrace_sentences(catalogue) -> None:
    zh, en = (texts(rp.build_report(inputs(lang, catalogue)), "3") for lang in ("zh", "en"))
    assert "按治理紧迫程度评价，2 个单元由高到低依次为：W1（极紧迫，62.50 分）、W2（较紧迫，30.00 分）。" in zh
    assert "By treatment urgency, the 2 units rank as follows (score 0–100): W1 (very urgent, 62.50), W2 (fairly " \
           "urgent, 30.00)." in en  # fmt: skip
    # 17.5 hm² with measures on 3 parcels: 15.5 治理 (10 closure on 轻度 + 5.5 orchard on 中度), 2 预防/保护
    assert (
        "本方案布设水土保持措施面积 17.50 hm²（3 个图斑），其中治理水土流失面积 15.50 hm²，预防保护面积 2.00 hm²。"
        in zh
    )
    assert "各项措施：封育治理 12.00 hm²（2 个图斑）；果园改造 5.50 hm²（1 个图斑，配套植物篱/地埂植物带）。" in zh
    assert ("Measures: closure for natural recovery 12.00 hm² (2 parcels); orchard improvement 5.50 hm² (1 parcel, "
            "with hedgerow / riser plant strip).") in en  # fmt: skip
    # terraces: 3.5 hm²; the unsuitable parcel's bench and riser are not the design's range
    assert ("坡改梯 3 个图斑，面积 3.50 hm²，其中水平梯田 2.00 hm²，坡式梯田 1.00 hm²，隔坡梯田 0.50 hm²。"
            "田面宽 5.0～8.0 m，田坎高 1.50～2.00 m。经断面校核，适宜修梯田 1 个，需减小田面宽 1 个，"
            "不宜修梯田 1 个（0.50 hm²，"
            "宜改配其他措施）。") in zh  # fmt: skip


def test_quantity_and_investment_sentences(catalogue) -> None:
    zh, en = (rp.build_report(inputs(lang, catalogue)) for lang in ("zh", "en"))
    # labour 900 + 100.4 = 1000.4 工日; terrace cut 3500 m³ over 3.5 hm² = 1000 m³/hm²
    assert texts(zh, "4") == [
        "本方案主要工程量：土方开挖 3500 m³，土方回填 3400 m³，整地 120 个，栽植乔木 1500 株，围栏 800 m，"
        "投工 1000 工日。",
        "其中坡改梯土方开挖 3500 m³，平均 1000 m³/hm²。",
    ]
    assert texts(en, "4")[0] == (
        "Main quantities: earth excavation 3,500 m³, earth fill 3,400 m³, site preparation 120 pits, trees planted "
        "1,500 plants, fence 800 m, labour 1,000 workdays."
    )
    five = texts(zh, "5")
    # shares of 391 400 元: 100 000 → 25.55 %, 200 000 → 51.10 %, 50 000 → 12.77 %, 30 000 → 7.66 %
    assert ("项目静态总投资 39.14 万元，其中第一部分工程措施 10.00 万元（25.55%），"
            "第二部分林草措施 20.00 万元（51.10%），第三部分封育治理措施 5.00 万元（12.77%），"
            "第四部分独立费用 3.00 万元（7.66%），基本预备费 1.14 万元"
            "（一至四部分合计的 3.00%）。") in five  # fmt: skip
    # 391 400 元 / 17.5 hm² = 22 365.7 元/hm²
    assert "按措施面积 17.50 hm² 计，单位面积投资 22366 元/hm²。" in five
    # central 150 000 + 84 840 = 234 840 (60 %), local 156 560 (40 %); a source of 0 is not named
    assert "资金筹措：中央投资 23.48 万元（60.00%），地方投资 15.66 万元（40.00%）。" in five
    assert "Funding: central government 23.48 万元 (60.00 %), local government 15.66 万元 (40.00 %)." in texts(en, "5")


def test_benefit_and_schedule_sentences(catalogue) -> None:
    zh, en = (rp.build_report(inputs(lang, catalogue)) for lang in ("zh", "en"))
    six = texts(zh, "6")
    assert six[0] == ("方案实施后，项目区土壤流失量由 1225 t/a 减少到 900 t/a，年保土 325 t（0.0325 万t），"
                      "减少 26.52%；平均土壤侵蚀模数由 612 t/(km²·a) 降至 450 t/(km²·a)。"
                      "年蓄水 5000 m³（0.50 万m³）。")  # fmt: skip
    assert six[1] == ("水土流失面积由 0.71 km² 减少到 0.60 km²，水土流失治理度 21.83%；"
                      "水土保持率由 64.50% 提高到 70.00%，距目标值 73.00%（CN-2025）尚差 3.00 个百分点。"
                      "林草覆盖率由 55.25% 变为 56.00%。")  # fmt: skip
    assert ("按 GB/T 15774—2008 计算，计算期 20 年、社会折现率 8.00%：总费用 50.12 万元，总经济效益 80.50 万元，"
            "经济净现值 5.25 万元，经济内部收益率 10.50%，效益费用比 1.12。经济净现值不小于零，"
            "内部收益率不低于社会折现率，"
            "项目在经济上合理。") in six  # fmt: skip
    assert texts(en, "6")[1].endswith("still 3.00 percentage points short of the target of 73.00 % (CN-2025). The "
                                      "forest and grass cover changes from 55.25 % to 56.00 %.")  # fmt: skip
    assert (
        texts(zh, "7")[0] == "项目建设期 2 年，分年度投资：第 1 年 23.48 万元（60.00%），第 2 年 15.66 万元（40.00%）。"
    )
    assert texts(en, "7")[0] == ("The project is built over 2 years; investment by year: year 1 23.48 万元 (60.00 %), "
                                 "year 2 15.66 万元 (40.00 %).")  # fmt: skip
    assert texts(zh, "7")[-1] == "【待补充：组织管理、技术保障、资金保障、运行管护与监测】"


def test_a_negative_npv_is_said_so(catalogue) -> None:
    frames = {**step12(), **step345()}
    frames["benefit_d021"] = frame([{"ws_code": "ALL", "years": 20, "discount_rate_pct": 8.0, "npv_wan_yuan": -33.55,
                                     "irr_pct": 5.65, "bcr": 0.86}])  # fmt: skip
    zh = texts(rp.build_report(inputs("zh", catalogue, frames)), "6")
    line = next(t for t in zh if t.startswith("按 GB/T 15774"))
    assert "经济净现值 -33.55 万元，经济内部收益率 5.65%，效益费用比 0.86。经济净现值小于零" in line


def test_a_plan_with_steps_1_and_2_only(catalogue) -> None:
    report = rp.build_report(inputs("zh", catalogue, step12()))
    assert [c.key for c in report.chapters] == ["1", "2", "3", "4", "5", "6", "7"]
    assert texts(report, "1")[0].startswith("示例镇项目区土地总面积 2.00 km²")  # steps 1–2 still fill chapters 1–2
    assert texts(report, "2")[2] == "项目区现状水土保持率为 64.50%。"  # no target without step 5
    assert texts(report, "6")[0] == "【待补充：保土、蓄水效益（GB/T 15774—2008）（规划数据库中尚无相应成果）】"
    assert [str(m) for m in report.missing] == [
        "Chapter 3: the plan has no parcels_measures for scenario plan_a (run step 3, “Assign measures”); its numbers "
        "are left as placeholders",
        "Chapter 4: the plan has no measure_items for scenario plan_a (run step 4, “Measure quantities”); its numbers "
        "are left as placeholders",
        "Chapter 5, 7: the plan has no investment_summary, investment_funding, investment_schedule for scenario "
        "plan_a (run step 4, “Estimate the investment”); its numbers are left as placeholders",
        "Chapter 3: the plan has no ws_urgency_table for scenario plan_a (run step 5, “Urgency ranking”); its numbers "
        "are left as placeholders",
        "Chapter 6: the plan has no benefit_ws, benefit_d021 for scenario plan_a (run step 5, “Evaluate the "
        "benefits”); its numbers are left as placeholders",
        "Tables: none of the SL/T 447 tables could be made from this plan",
        "Figures: no maps folder given; the 6 maps are placeholders (run “Export maps” and give its PNG folder)",
    ]


def test_tables_are_placed_by_chapter_and_numbered(catalogue) -> None:
    tables = [table("D.0.21"), table("D.0.13"), table("D.0.5-village"), table("D.0.5"), table("X.9"), table("D.0.4")]
    report = rp.build_report(inputs("zh", catalogue, tables=tables))
    where = {b.table.key: (c.key, b.number, b.caption) for c in report.chapters for b in c.blocks
             if isinstance(b, rp.TableBlock)}  # fmt: skip
    assert where["D.0.4"] == ("1", 1, "表 1  D.0.4 表")
    assert where["D.0.5"][:2] == ("2", 2) and where["D.0.5-village"][:2] == ("2", 3)
    assert where["D.0.21"][:2] == ("6", 4)
    assert where["D.0.13"][:2] == ("appendix", 5) and where["X.9"][:2] == ("appendix", 6)
    assert report.chapters[-1].title == "附表"
    assert "各图斑的现状及治理措施设计见附表。" in texts(report, "3")
    assert not any("none of the SL/T 447 tables" in str(m) for m in report.missing)


def test_maps_go_where_they_belong_and_missing_ones_are_named(catalogue) -> None:
    report = rp.build_report(inputs("zh", catalogue, maps={"erosion": "/m/erosion.png"}, maps_folder="/m"))
    figures = {f.map_key: f for f in report.figures}
    assert [f.map_key for f in report.figures] == ["location", "landuse", "slope", "erosion", "urgency", "measures"]
    assert figures["erosion"].image == "/m/erosion.png" and figures["erosion"].caption == "图 4  土壤侵蚀强度图"
    assert figures["slope"].image is None and figures["slope"].placeholder == "【待补充：插入坡度分级图（slope.png）】"
    missing = [str(m) for m in report.missing]
    assert "Figure 3 Slope class map: slope.png is not in the maps folder /m; a placeholder is left" in missing
    assert not any("erosion.png" in m for m in missing) and not any("no maps folder" in m for m in missing)
    en = rp.build_report(inputs("en", catalogue))
    assert en.figures[0].caption == "Figure 1  Location map"
    assert en.figures[0].placeholder == "[to be completed: insert the location map (location.png)]"


def test_numbers() -> None:
    assert rp.number(-0.001, 2) == "0.00" and rp.number(1234.5678, 2, "en") == "1,234.57"
    assert rp.number(1234.5678, 2, "zh") == "1234.57" and rp.number(None, 2) == "—"
    assert rp.number(float("nan"), 1) == "—" and rp.number("text", 1) == "—"


def test_an_unknown_language_is_refused(catalogue) -> None:
    with pytest.raises(ValueError, match="fr"):
        rp.build_report(inputs("fr", catalogue))
