"""The investment, benefit and ranking design tables (steps 4–5): SL/T 447-2026 D.0.18 (with the estimate's
summary, 投资估算总表), D.0.19, D.0.20, D.0.21 and the urgency ranking (治理紧迫程度排序表).

The numbers are the scenario's own step 4–5 layers: ``investment_by_ws``, ``investment_items``,
``investment_summary``, ``investment_funding`` (水总[2003]67号 estimate, domain reference §9), ``benefit_d020``,
``benefit_d021`` (GB/T 15774-2008, §8) and ``ws_urgency_table`` (§7). Here they are only laid out in the
standard's tables: yuan → 万元, the D.0.20 measure columns side by side, totals summed.
"""

from __future__ import annotations

import pandas as pd

from sbplanner_plugin.core.definitions import code_text
from sbplanner_plugin.core.design_model import (
    ALL,
    BY_PROJECT,
    BY_WATERSHED,
    DATA,
    EN,
    STEP_BENEFITS,
    STEP_INVESTMENT,
    STEP_RANKING,
    SUBTOTAL,
    TOTAL,
    Context,
    DesignTable,
    Sheet,
    col,
    group,
    ratio_pct,
    rounded,
    sort_codes,
)
from sbplanner_plugin.core.design_status import UNIT_KEY, indexed, title, total_label, unit_column, unit_labels
from sbplanner_plugin.core.design_works import D015_AREA_COLUMNS, D015_COUNTS, D015_DAMS, D015_DITCH
from sbplanner_plugin.core.investment import PART_NAMES

WAN = 1e4  # yuan per 万元
#: English names of the D.0.18 rows of unit_prices.csv (the ``d018_row`` texts; others stay as written).
D018_ROWS_EN = {
    "梯田": "Terraces", "保土耕作": "Soil-conserving tillage", "坡面水系工程": "Slope water works", "塘坝": "Pond dams",
    "小型蓄水工程": "Small storage works", "崩岗治理": "Benggang control", "拦沙坝": "Sediment dams",
    "沟头防护": "Gully-head protection", "沟道整治": "Channel works", "淤地坝": "Warping dams",
    "田间道路": "Field roads", "谷坊": "Check dams", "水土保持造林": "Conservation forest", "种草": "Grass planting",
    "经济林": "Economic forest", "封育治理": "Closure", "其他": "Other",
}  # fmt: skip
OTHER_ROW = "其他"


def part_name(ctx: Context, part: int) -> str:
    zh, en = PART_NAMES[part]
    return en if ctx.language == EN else zh


# -- D.0.18 水土保持措施投资汇总表 ---------------------------------------------------------------------------------
def _d018_cells(items: pd.DataFrame | None) -> tuple[dict, dict]:
    """(part → its D.0.18 rows in order, (ws_code, part, row) → 万元) from the priced items."""
    if items is None or items.empty or "d018_row" not in items:
        return {}, {}
    priced = items[pd.to_numeric(items["part"], errors="coerce").isin([1, 2, 3])].copy()
    priced["part"] = pd.to_numeric(priced["part"]).astype(int)
    priced["d018_row"] = [code_text(v) or OTHER_ROW for v in priced["d018_row"]]
    priced["ws_code"] = [code_text(v) or "—" for v in priced["ws_code"]]
    sums = priced.groupby(["ws_code", "part", "d018_row"])["total_yuan"].sum() / WAN
    rows = {p: list(dict.fromkeys(priced.loc[priced["part"] == p, "d018_row"])) for p in (1, 2, 3)}
    return rows, {k: float(v) for k, v in sums.items()}


def d018(ctx: Context, by: str) -> DesignTable:
    """D.0.18 水土保持措施投资汇总表 (万元) per small watershed: parts 1–3 by their D.0.18 rows (梯田, 水土保持造林 …,
    the priced items of ``investment_items``) and their 小计 (``investment_by_ws``), 第四部分 独立费用, 基本预备费 and
    静态总投资 (the estimate allocates parts 4 and the contingency pro rata to parts 1–3)."""
    by_ws = ctx.frame("investment_by_ws", STEP_INVESTMENT)
    rows_of, cells = _d018_cells(ctx.layers.get("investment_items"))
    columns = [col("小流域", "Small watershed", UNIT_KEY)]
    for part in (1, 2, 3):
        zh, en = PART_NAMES[part]
        subs = [col(r, D018_ROWS_EN.get(r, r), f"p{part}_{i}", 2) for i, r in enumerate(rows_of.get(part, []))]
        total = col("小计", "Subtotal", f"part{part}", 2)
        columns.append(group(zh, en, *subs, total) if subs else col(zh, en, f"part{part}", 2))
    zh4, en4 = PART_NAMES[4]
    columns += [col(zh4, en4, "part4", 2), col("基本预备费", "Basic contingency", "contingency", 2),
                col("静态总投资", "Static total investment", "static", 2)]  # fmt: skip
    sheet = Sheet(columns, ctx.language)
    rows = indexed(by_ws)
    codes = sort_codes(rows)
    labels = unit_labels(ctx, by, codes)
    for code in codes:
        r = rows[code]
        values = {
            UNIT_KEY: labels[code],
            **{f"part{p}": _wan(r.get(f"part{p}_yuan")) for p in (1, 2, 3, 4)},
            "contingency": _wan(r.get("basic_contingency_yuan")),
            "static": _wan(r.get("static_total_yuan")),
        }
        for part, names in rows_of.items():
            for i, name in enumerate(names):
                values[f"p{part}_{i}"] = cells.get((code, part, name), 0.0)
        sheet.add(values)
    sheet.add({UNIT_KEY: total_label(ctx), **sheet.summed(sheet.data_rows, sheet.number_keys())}, TOTAL)
    notes = [("第四部分 独立费用与基本预备费按各小流域第一至三部分投资比例分摊；价差预备费与总投资见投资估算总表。",
              "Part 4 and the basic contingency are allocated to the small watersheds pro rata to their parts 1–3; "
              "the price contingency and the total investment are in the estimate summary.")]  # fmt: skip
    return sheet.table("D.0.18", title("D.0.18", "水土保持措施投资汇总表", "Investment summary of soil and water "
                       "conservation measures", by), ("单位：万元", "Unit: 10⁴ yuan"), notes, None, BY_WATERSHED,
                       "investment_by_ws, investment_items")  # fmt: skip


def _wan(value: object) -> float | None:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return v / WAN if v == v else None


def estimate(ctx: Context, by: str) -> DesignTable:
    """投资估算总表: the estimate's lines (``investment_summary``: parts with their measures, independent costs,
    contingencies, totals) with their rate and basis, as 水总[2003]67号 lays it out."""
    summary = ctx.frame("investment_summary", STEP_INVESTMENT)
    columns = [col("序号", "No.", "no", 0), col("工程或费用名称", "Works or cost", "name"),
               col("投资", "Investment", "amount", 2, "万元"), col("费率", "Rate", "rate", 2, "%"),
               col("计算依据", "Basis", "basis")]  # fmt: skip
    sheet = Sheet(columns, ctx.language)
    name = "name_en" if ctx.language == EN else "name_zh"
    for r in summary.sort_values("line_no").to_dict("records"):
        level = int(r.get("level") or 1)
        kind = TOTAL if r.get("code") == "total" else (SUBTOTAL if level == 1 else DATA)
        text = str(r.get(name) or r.get("name_zh") or "")
        sheet.add({"no": r.get("line_no"), "name": ("    " * (level - 1)) + text, "amount": r.get("amount_wan"),
                   "rate": r.get("rate_pct"), "basis": r.get("basis")}, kind)  # fmt: skip
    return sheet.table("estimate", ("投资估算总表", "Investment estimate summary"), None, [],
                       ("投资估算总表", "Estimate summary"), BY_PROJECT, "investment_summary")  # fmt: skip


# -- D.0.19 资金筹措表 -------------------------------------------------------------------------------------
def d019(ctx: Context, by: str) -> DesignTable:
    """D.0.19 资金筹措表 (万元): each part's share of the static total (with its part of the independent costs and
    the contingency) by funding source, from ``investment_funding``."""
    funding = ctx.frame("investment_funding", STEP_INVESTMENT)
    sources = list(dict.fromkeys(funding["source_code"]))
    names = {r["source_code"]: (r["name_zh"], r["name_en"]) for r in funding.to_dict("records")}
    columns = [col("投资构成", "Part", "part"), col("合计", "Total", "sum", 2, "万元")]
    columns += [group(*names[s], col("金额", "Amount", f"{s}_wan", 2, "万元"), col("比例", "Share", f"{s}_pct", 2, "%"))
                for s in sources]  # fmt: skip
    sheet = Sheet(columns, ctx.language)
    for part in sorted({int(p) for p in funding["part"]}):
        mine = funding[funding["part"] == part]
        amounts = {s: _wan(mine.loc[mine["source_code"] == s, "amount_yuan"].sum()) for s in sources}
        whole = sum(a for a in amounts.values() if a is not None)
        sheet.add({"part": part_name(ctx, part) if part in PART_NAMES else str(part), "sum": whole,
                   **{f"{s}_wan": a for s, a in amounts.items()},
                   **{f"{s}_pct": ratio_pct(a, whole) for s, a in amounts.items()}})  # fmt: skip
    total = sheet.summed(sheet.data_rows, ["sum", *[f"{s}_wan" for s in sources]])
    for s in sources:
        total[f"{s}_pct"] = ratio_pct(sheet.raw_sum(f"{s}_wan"), sum(sheet.raw_sum(f"{x}_wan") or 0 for x in sources))
    sheet.add({"part": total_label(ctx), **total}, TOTAL)
    notes = [("各部分含按比例分摊的独立费用和基本预备费，合计为静态总投资；比例为筹措比例（funding_shares.csv）。",
              "Each part includes its pro-rata share of the independent costs and the basic contingency; the total is "
              "the static total investment; shares per funding_shares.csv.")]  # fmt: skip
    return sheet.table("D.0.19", title("D.0.19", "资金筹措表", "Funding", by), None, notes, None, BY_PROJECT,
                       "investment_funding")  # fmt: skip


# -- D.0.20 效益计算成果表 ---------------------------------------------------------------------------------
#: English names of the D.0.15 columns (the measure columns of D.0.20).
COLUMN_EN = {zh: en for zh, en in D015_AREA_COLUMNS} | {zh: en for zh, (en, _) in D015_DAMS.items()} | {
    zh: en for zh, en, _ in D015_COUNTS} | {D015_DITCH[0]: D015_DITCH[1]}  # fmt: skip
D020_KINDS = (("water", "蓄水效益", "Water retained", "万m³/a", "water_wan_m3_a", 4),
              ("soil", "保土效益", "Soil conserved", "万t/a", "soil_wan_t_a", 4),
              ("money", "直接经济效益", "Direct economic benefit", "万元/a", "direct_benefit_wan_yuan_a", 2))  # fmt: skip  # noqa: E501
D020_TOTAL = "合计"


def d020(ctx: Context, by: str) -> DesignTable:
    """D.0.20 水土保持措施效益计算成果表 per small watershed: 蓄水 (万m³/a), 保土 (万t/a) and 直接经济效益 (万元/a)
    of each measure column (``benefit_d020``) and their sum. 4 decimals in 万m³ and 万t (1 m³, 1 t)."""
    d020_frame = ctx.frame("benefit_d020", STEP_BENEFITS)
    frame = d020_frame[(d020_frame["measure_column"] != D020_TOTAL) & (d020_frame["ws_code"] != ALL)]
    measures = _measure_order(list(dict.fromkeys(frame["measure_column"])))
    labels_en = {m: _column_en(ctx, m, frame) for m in measures}
    columns = [col("小流域", "Small watershed", UNIT_KEY)]
    for kind, zh, en, unit, _, decimals in D020_KINDS:
        subs = [col(m, labels_en[m], f"{kind}_{i}", decimals) for i, m in enumerate(measures)]
        columns.append(group(f"{zh}/({unit})", f"{en} ({unit})", *subs, col("合计", "Total", f"{kind}_sum", decimals)))
    sheet = Sheet(columns, ctx.language)
    codes = sort_codes(code_text(v) for v in frame["ws_code"])
    labels = unit_labels(ctx, by, codes)
    for code in codes:
        mine = frame[frame["ws_code"] == code]
        values = {UNIT_KEY: labels[code]}
        for kind, *_, field, _ in D020_KINDS:
            for i, m in enumerate(measures):
                values[f"{kind}_{i}"] = mine.loc[mine["measure_column"] == m, field].sum()
        row = sheet.add(values)
        for kind, *_ in D020_KINDS:
            row[f"{kind}_sum"] = rounded(_sum_keys(row, kind, measures), sheet.decimals[f"{kind}_sum"])
    sheet.add({UNIT_KEY: total_label(ctx), **sheet.summed(sheet.data_rows, sheet.number_keys())}, TOTAL)
    notes = [("为多年平均年效益；计算期累计值见规划的 benefit_d020 图层。各措施列为措施的 D.0.15 列（无对应列时为措施名称）。",  # noqa: E501
              "Annual benefits; the evaluation-period totals are in the plan's benefit_d020 layer. Measure columns are "
              "the measures' D.0.15 columns (else the measure's name).")]  # fmt: skip
    return sheet.table("D.0.20", title("D.0.20", "效益计算成果表", "Benefits of the measures", by), None, notes, None,
                       BY_WATERSHED, "benefit_d020")  # fmt: skip


def _sum_keys(row: dict, kind: str, measures) -> float:
    return sum(row.get(f"{kind}_{i}") or 0 for i in range(len(measures)))


def _measure_order(columns: list[str]) -> list[str]:
    """D.0.20 measure columns in D.0.15 order, the others (measures without a D.0.15 column) after them."""
    order = [c for c, _ in D015_AREA_COLUMNS] + list(D015_DAMS) + [c for c, _, _ in D015_COUNTS] + [D015_DITCH[0]]
    return sorted(columns, key=lambda c: (order.index(c) if c in order else len(order), c))


def _column_en(ctx: Context, column: str, frame: pd.DataFrame) -> str:
    if column in COLUMN_EN:
        return COLUMN_EN[column]
    codes = {str(c) for c in frame.loc[frame["measure_column"] == column, "measure_codes"] if c}
    if len(codes) == 1 and ctx.catalogue is not None and codes.copy().pop() in ctx.catalogue:
        return ctx.catalogue[codes.pop()].name_en
    return column


# -- D.0.21 经济评价分析成果表 -----------------------------------------------------------------------------------
D021_MONEY = ("investment_wan_yuan", "om_cost_wan_yuan", "total_cost_wan_yuan", "direct_benefit_wan_yuan",
              "water_benefit_wan_yuan", "soil_benefit_wan_yuan", "sediment_benefit_wan_yuan", "total_benefit_wan_yuan",
              "pv_benefit_wan_yuan", "pv_cost_wan_yuan", "npv_wan_yuan")  # fmt: skip


def d021(ctx: Context, by: str) -> DesignTable:
    """D.0.21 经济评价分析成果表 (万元, 2 decimals) from ``benefit_d021``: costs, benefits, present values, 净现值,
    内部收益率 and 效益费用比. The total row sums the money (NPV is additive at one discount rate), takes B/C from
    the summed present values and the IRR of the plan's whole-area evaluation (an IRR does not add up)."""
    frame = ctx.frame("benefit_d021", STEP_BENEFITS)
    rows = indexed(frame)
    columns = [
        unit_column(ctx, by), col("计算期", "Period", "years", 0, "a"), col("折现率", "Discount rate", "rate", 2, "%"),
        group("费用", "Costs", col("投资", "Investment", "investment_wan_yuan", 2),
              col("运行维护费", "Operation and maintenance", "om_cost_wan_yuan", 2),
              col("总费用", "Total cost", "total_cost_wan_yuan", 2)),
        group("效益", "Benefits", col("直接经济效益", "Direct", "direct_benefit_wan_yuan", 2),
              col("蓄水效益", "Water", "water_benefit_wan_yuan", 2), col("保土效益", "Soil", "soil_benefit_wan_yuan", 2),  # noqa: E501
              col("拦沙效益", "Sediment", "sediment_benefit_wan_yuan", 2),
              col("总经济效益", "Total benefit", "total_benefit_wan_yuan", 2)),
        col("效益现值", "PV of benefits", "pv_benefit_wan_yuan", 2), col("费用现值", "PV of costs", "pv_cost_wan_yuan", 2),  # noqa: E501
        col("净现值", "NPV", "npv_wan_yuan", 2), col("内部收益率", "IRR", "irr_pct", 2, "%"),
        col("效益费用比", "B/C ratio", "bcr", 2),
    ]  # fmt: skip
    sheet = Sheet(columns, ctx.language)
    codes = sort_codes(rows)
    labels = unit_labels(ctx, by, codes)
    for code in codes:
        r = rows[code]
        sheet.add({UNIT_KEY: labels[code], "years": r.get("years"), "rate": r.get("discount_rate_pct"),
                   **{k: r.get(k) for k in (*D021_MONEY, "irr_pct", "bcr")}})  # fmt: skip
    total = sheet.summed(sheet.data_rows, D021_MONEY)
    for key in ("years", "rate"):
        same = {r[key] for r in sheet.data_rows}
        total[key] = same.pop() if len(same) == 1 else None
    total["bcr"] = ratio_pct(sheet.raw_sum("pv_benefit_wan_yuan"), sheet.raw_sum("pv_cost_wan_yuan"), 1.0)
    total["irr_pct"] = rows.get(ALL, {}).get("irr_pct")
    sheet.add({UNIT_KEY: total_label(ctx), **total}, TOTAL)
    notes = [("单位：万元（另注明者除外）。合计行：金额与净现值为各小流域之和，效益费用比由合计现值计算，内部收益率为全区整体评价的结果。",  # noqa: E501
              "Unit: 10⁴ yuan unless stated. Total row: money and NPV summed over the small watersheds, B/C from the "
              "summed present values, IRR from the whole-area evaluation.")]  # fmt: skip
    return sheet.table("D.0.21", title("D.0.21", "经济评价分析成果表", "Economic evaluation", by), None, notes, None,
                       BY_WATERSHED, "benefit_d021")  # fmt: skip


# -- 治理紧迫程度排序表 -------------------------------------------------------------------------------------------
UNITS_ZH = {"percentage points": "百分点", "persons/km²": "人/km²", "count": "个", "ratio": "", "level": ""}


def urgency(ctx: Context, by: str) -> DesignTable:
    """治理紧迫程度排序表 from ``ws_urgency_table``: the units by rank with their score (0–100), class, the value
    of every indicator used (names and units of urgency_indicators.csv), the rank stability and the flags. No
    total row: nothing in a ranking adds up."""
    frame = ctx.frame("ws_urgency_table", STEP_RANKING)
    frame = frame.sort_values("urgency_rank")
    indicators = {i.key: i for i in ctx.indicators}
    used = [c[2:] for c in frame.columns if c.startswith("v_") and frame[c].notna().any()]
    columns = [
        col("排序", "Rank", "rank", 0),
        unit_column(ctx, BY_WATERSHED),
        col("综合得分", "Score", "score", 2),
        col("紧迫程度", "Urgency", "class"),
    ]
    subs = []
    for key in used:
        ind = indicators.get(key)
        zh, en, unit = (ind.name_zh, ind.name_en or key, ind.unit) if ind else (key, key, "")
        subs.append(col(zh, en, f"v_{key}", 2, UNITS_ZH.get(unit, unit) if ctx.language != EN else unit))
    if subs:
        columns.append(group("指标值", "Indicator values", *subs))
    columns += [col("排序稳定性", "Rank stability", "stability", 2), col("重点区", "Key area", "key_area"),
                col("提示", "Flags", "flags")]  # fmt: skip
    sheet = Sheet(columns, ctx.language)
    class_field = "urgency_class_en" if ctx.language == EN else "urgency_class"
    for r in frame.to_dict("records"):
        sheet.add({"rank": r.get("urgency_rank"), UNIT_KEY: code_text(r.get("ws_code")), "score": r.get("urgency_score"),  # noqa: E501
                   "class": r.get(class_field), "stability": r.get("rank_stability"), "key_area": r.get("key_area"),
                   "flags": r.get("urgency_flags"), **{f"v_{k}": r.get(f"v_{k}") for k in used}})  # fmt: skip
    notes = [("综合得分为各指标归一化值的加权和（0–100），权重见 urgency_indicators.csv；排序稳定性为权重扰动下排序不变的比例。",  # noqa: E501
              "Score = weighted sum of the normalised indicators (0–100), weights of urgency_indicators.csv; rank "
              "stability = the share of weight perturbations that keep the rank.")]  # fmt: skip
    return sheet.table("urgency", ("治理紧迫程度排序表", "Treatment urgency ranking"), None, notes,
                       ("治理紧迫程度排序", "Urgency ranking"), BY_WATERSHED, "ws_urgency_table")  # fmt: skip


BUILDERS = {
    "D.0.18": (d018, False),
    "estimate": (estimate, False),
    "D.0.19": (d019, False),
    "D.0.20": (d020, False),
    "D.0.21": (d021, False),
    "urgency": (urgency, False),
}
