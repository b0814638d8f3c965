"""Investment estimate (投资估算/概算) of the step-4 quantities, in the structure of 水土保持工程概(估)算编制规定
(水总[2003]67号, the rule set for 水土保持生态建设工程; domain reference §9).

Every quantity item (core.quantities.items) is priced by its (measure_code, item) row of
``unit_prices.csv``. A price is either a 基本直接费 per unit (``price_basis`` = ``direct``), to which the
rates of ``cost_rates.csv`` are applied each to its own base, or an all-in unit price (``all_in``, 综合单价)
taken as it is:

- 基本直接费 D₀ = quantity × unit price;
- 其他直接费 = D₀ × r_other; 直接费 D = D₀ + 其他直接费;
- 间接费 I = D × r_indirect;
- 企业利润 P = (D + I) × r_profit;
- 税金 T = (D + I + P) × r_tax;
- item cost = D + I + P + T.

Items sum into 第一部分 工程措施, 第二部分 林草措施, 第三部分 封育治理措施 (the price row's ``part``). 第四部分
独立费用 = Σ rate × (parts 1–3) over ``independent_costs.csv``; 基本预备费 = rate × (parts 1–4); 静态总投资 =
parts 1–4 + 基本预备费; 总投资 = 静态总投资 + 价差预备费 (rate × 静态总投资). Funding by source (D.0.19) by the
shares of ``funding_shares.csv`` per part. Independent costs and contingencies are allocated to the small
watersheds, villages and years pro rata to their parts 1–3 cost.

The price table says which items of a measure carry cost: items of a measure that has price rows but not
for that item (e.g. 投工, bench length) are quantities, not costs. A measure with no price row at all, or a
row without a price, is a missing price: reported per item, the rest still priced, the total incomplete.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, SbPlannerError, msg
from sbplanner_plugin.core.params import PERCENT, ByKey, Kind, Num, parse_table_lines
from sbplanner_plugin.core.quantities.items import ITEM_COLUMNS, Item

PARTS = (1, 2, 3)
PART_NAMES = {
    1: ("第一部分 工程措施", QT_TRANSLATE_NOOP("SbPlannerInvestment", "Part 1 Engineering measures")),
    2: ("第二部分 林草措施", QT_TRANSLATE_NOOP("SbPlannerInvestment", "Part 2 Forest and grass measures")),
    3: ("第三部分 封育治理措施", QT_TRANSLATE_NOOP("SbPlannerInvestment", "Part 3 Closure measures")),
    4: ("第四部分 独立费用", QT_TRANSLATE_NOOP("SbPlannerInvestment", "Part 4 Independent costs")),
}
FUNDING_SOURCES = (
    ("central_pct", "中央投资", QT_TRANSLATE_NOOP("SbPlannerInvestment", "central government")),
    ("local_pct", "地方投资", QT_TRANSLATE_NOOP("SbPlannerInvestment", "local government")),
    ("farmers_pct", "群众自筹", QT_TRANSLATE_NOOP("SbPlannerInvestment", "farmers' own contribution")),
    ("private_pct", "民间投资", QT_TRANSLATE_NOOP("SbPlannerInvestment", "private investment")),
)
PRICE_BASES = ("direct", "all_in")
COST_COLUMNS = ("basic_direct_yuan", "other_direct_yuan", "indirect_yuan", "profit_yuan", "tax_yuan", "total_yuan")


class InvestmentError(SbPlannerError):
    key = "investment"


class InvestmentTableError(InvestmentError):
    key = "investment_table"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "{file}, line {line}: {problem}")


class NoItemsError(InvestmentError):
    key = "no_items"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "No quantity items to price: run Terrace quantities and/or Measure quantities first and give their items tables."  # noqa: E501
    )  # fmt: skip


class ItemsColumnsError(InvestmentError):
    key = "items_columns"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The table {table} is not a quantity-items table: it lacks the columns {columns}."
    )  # fmt: skip


# -- tables -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class UnitPrice:
    measure_code: str
    item: str
    unit: str
    price_yuan: float  # NaN = missing
    price_basis: str
    part: int
    d018_row: str
    source: str
    year: str
    region: str


@dataclass(frozen=True)
class CostRates:
    """Rates in percent (cost_rates.csv); ``measure_code`` '*' = every measure of the part."""

    part: int
    measure_code: str
    other_direct_pct: float
    indirect_pct: float
    profit_pct: float
    tax_pct: float


@dataclass(frozen=True)
class IndependentCost:
    code: str
    name_zh: str
    name_en: str
    rate_pct: float


@dataclass(frozen=True)
class FundingShares:
    part: str  # '1', '2', '3' or '*'
    shares_pct: tuple[float, float, float, float]  # in FUNDING_SOURCES order


@dataclass(frozen=True)
class InvestmentTables:
    prices: Sequence[UnitPrice]
    rates: Sequence[CostRates]
    independent: Sequence[IndependentCost]
    funding: Sequence[FundingShares]
    basic_contingency_pct: float = 3.0
    price_contingency_pct: float = 0.0
    files: Mapping[str, str] = field(default_factory=dict)


#: The investment tables' schemas (the bounds of every number column; provenance columns optional: the
#: tables are read without them too). Rates and shares are percentages 0–100.
PART = ("1", "2", "3")
RATE_PCT = Num(0.0, 100.0, warn_hi=50.0)
UNIT_PRICE_SCHEMA: dict[str, Kind] = {
    "measure_code": "opt",
    "item": "str",
    "unit": "opt",
    "price_yuan": Num(0.0, 1e9, optional=True),  # blank = missing (reported as unpriced)
    "price_basis": PRICE_BASES,
    "part": PART,
    "d018_row": "opt",
    "year": Num(1949, 2100, integer=True, optional=True, may_be_absent=True),
    "region": "opt",
}
COST_RATE_SCHEMA: dict[str, Kind] = {
    "part": PART,
    "measure_code": "opt",
    "other_direct_pct": RATE_PCT,
    "indirect_pct": RATE_PCT,
    "profit_pct": RATE_PCT,
    "tax_pct": RATE_PCT,
}
INDEPENDENT_SCHEMA: dict[str, Kind] = {"code": "str", "name_zh": "str", "name_en": "opt", "rate_pct": RATE_PCT}
FUNDING_SCHEMA: dict[str, Kind] = {"part": (*PART, "*"), **{c: PERCENT for c, _, _ in FUNDING_SOURCES}}
INVESTMENT_PARAMS_SCHEMA: dict[str, Kind] = {
    "key": "str",
    "value": ByKey(
        keys={"basic_contingency_pct": RATE_PCT, "price_contingency_pct": RATE_PCT},
        required=("basic_contingency_pct", "price_contingency_pct"),
    ),
}


def _rows(name: str, text: str, schema: Mapping[str, Kind]) -> list[tuple[int, dict]]:
    return parse_table_lines(name, text, dict(schema), provenance=False)


def parse_unit_prices(name: str, text: str) -> list[UnitPrice]:
    """``unit_prices.csv``: measure_code, item, unit, price_yuan (blank = missing), price_basis, part, d018_row,
    source, year, region."""
    out = []
    known = {i.value for i in Item}
    for line, r in _rows(name, text, UNIT_PRICE_SCHEMA):
        item = r["item"]
        if item not in known:
            raise InvestmentTableError(
                file=name,
                line=line,
                problem=msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "unknown quantity item '{item}'"), item=item),
            )
        out.append(
            UnitPrice(
                measure_code=r["measure_code"],
                item=item,
                unit=r["unit"],
                price_yuan=np.nan if r["price_yuan"] is None else float(r["price_yuan"]),
                price_basis=r["price_basis"],
                part=int(r["part"]),
                d018_row=r["d018_row"],
                source=(r.get("source") or "").strip(),
                year="" if r["year"] is None else str(r["year"]),
                region=r["region"],
            )
        )
    return out


def parse_cost_rates(name: str, text: str) -> list[CostRates]:
    """``cost_rates.csv``: part, measure_code ('*' = the part's default), other_direct_pct, indirect_pct,
    profit_pct, tax_pct (percent)."""
    cols = ("other_direct_pct", "indirect_pct", "profit_pct", "tax_pct")
    return [
        CostRates(int(r["part"]), r["measure_code"] or "*", *(float(r[c]) for c in cols))
        for _line, r in _rows(name, text, COST_RATE_SCHEMA)
    ]


def parse_independent_costs(name: str, text: str) -> list[IndependentCost]:
    """``independent_costs.csv``: code, name_zh, name_en, rate_pct (of parts 1–3)."""
    return [
        IndependentCost(r["code"], r["name_zh"], r["name_en"], float(r["rate_pct"]))
        for _line, r in _rows(name, text, INDEPENDENT_SCHEMA)
    ]


def parse_funding_shares(name: str, text: str) -> list[FundingShares]:
    """``funding_shares.csv``: part ('1'–'3' or '*'), central_pct, local_pct, farmers_pct, private_pct (sum 100)."""
    cols = [c for c, _, _ in FUNDING_SOURCES]
    out = []
    for line, r in _rows(name, text, FUNDING_SCHEMA):
        shares = tuple(float(r[c]) for c in cols)
        if abs(sum(shares) - 100.0) > 0.01:
            raise InvestmentTableError(
                file=name,
                line=line,
                problem=msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "the funding shares add up to {total:g} %, not 100 %"),
                            total=sum(shares)),
            )  # fmt: skip
        out.append(FundingShares(r["part"], shares))  # type: ignore[arg-type]
    return out


def parse_investment_params(name: str, text: str) -> dict[str, float]:
    """``investment_params.csv``: key, value — basic_contingency_pct, price_contingency_pct."""
    rows = _rows(name, text, INVESTMENT_PARAMS_SCHEMA)
    return {r["key"]: float(r["value"]) for _line, r in rows if not isinstance(r["value"], str)}


# -- the estimate --------------------------------------------------------------------------------
@dataclass
class InvestmentInputs:
    items: pd.DataFrame  # ITEM_COLUMNS (several items tables concatenated)
    tables: InvestmentTables
    #: measure code → (name_zh, name_en) of the catalogue, for the estimate's measure lines (else the code)
    measure_names: Mapping[str, tuple[str, str]] = field(default_factory=dict)


@dataclass
class InvestmentResult:
    items: pd.DataFrame  # every item with its price and cost columns (priced = False: missing price)
    summary: pd.DataFrame  # line_no, level, code, name_zh, name_en, amount_yuan, amount_wan, rate_pct, basis
    by_watershed: pd.DataFrame
    schedule: pd.DataFrame
    funding: pd.DataFrame
    by_d018: pd.DataFrame
    missing: pd.DataFrame  # measure_code, item, unit, quantity, items — the unpriced quantities
    static_total_yuan: float
    total_yuan: float

    @property
    def complete(self) -> bool:
        return self.missing.empty


def _rates_for(tables: InvestmentTables, part: int, code: str) -> CostRates:
    exact = [r for r in tables.rates if r.part == part and r.measure_code == code]
    default = [r for r in tables.rates if r.part == part and r.measure_code in ("*", "")]
    found = (exact or default or [CostRates(part, "*", 0.0, 0.0, 0.0, 0.0)])[0]
    return found


def estimate(inputs: InvestmentInputs) -> InvestmentResult:
    """The estimate of :mod:`this module`'s docstring, each rate applied to its own base."""
    items = inputs.items
    missing_cols = [c for c in ITEM_COLUMNS if c not in items.columns]
    if missing_cols:
        raise ItemsColumnsError(table="ITEMS", columns=", ".join(missing_cols))
    items = items[list(ITEM_COLUMNS)].copy()
    items["quantity"] = pd.to_numeric(items["quantity"], errors="coerce")
    items = items[items["quantity"].notna() & (items["quantity"] > 0)].reset_index(drop=True)
    if items.empty:
        raise NoItemsError()
    t = inputs.tables
    priced_measures = {p.measure_code for p in t.prices}
    price_of = {(p.measure_code, p.item): p for p in t.prices}

    keys = list(zip(items["measure_code"].astype(str), items["item"].astype(str)))
    rows = [price_of.get(k) for k in keys]
    has_row = np.array([r is not None for r in rows])
    measure_priced = np.array([k[0] in priced_measures for k in keys])
    # cost-carrying = a row exists; a measure without any row: every item is a missing price
    carries = has_row | ~measure_priced
    price = np.array([r.price_yuan if r is not None else np.nan for r in rows], dtype=np.float64)
    missing = carries & ~np.isfinite(price)
    items["priced"] = carries & ~missing
    items["cost_item"] = carries
    items["unit_price_yuan"] = price
    items["price_basis"] = [r.price_basis if r else None for r in rows]
    part_of = [r.part if r else None for r in rows]
    items["part"] = pd.array(part_of, dtype="Int64")
    items["d018_row"] = [r.d018_row if r else None for r in rows]
    items["price_source"] = [r.source if r else None for r in rows]
    items["price_year"] = [r.year if r else None for r in rows]
    items["price_region"] = [r.region if r else None for r in rows]

    q = items["quantity"].to_numpy(np.float64)
    d0 = np.where(items["priced"], q * np.nan_to_num(price), 0.0)
    rates = [_rates_for(t, p, c) if p else None for p, c in zip(part_of, items["measure_code"])]
    direct = np.array([b == "direct" for b in items["price_basis"]])
    pct = lambda name: np.array([getattr(r, name) / 100.0 if r else 0.0 for r in rates]) * direct  # noqa: E731
    other = d0 * pct("other_direct_pct")
    d = d0 + other
    indirect = d * pct("indirect_pct")
    profit = (d + indirect) * pct("profit_pct")
    tax = (d + indirect + profit) * pct("tax_pct")
    items["basic_direct_yuan"] = d0
    items["other_direct_yuan"] = other
    items["indirect_yuan"] = indirect
    items["profit_yuan"] = profit
    items["tax_yuan"] = tax
    items["total_yuan"] = np.where(missing, np.nan, d + indirect + profit + tax)

    costed = items[items["priced"]]
    parts = {p: float(costed.loc[costed["part"] == p, "total_yuan"].sum()) for p in PARTS}
    base13 = sum(parts.values())
    independent = [(c, base13 * c.rate_pct / 100.0) for c in t.independent]
    part4 = sum(v for _, v in independent)
    base14 = base13 + part4
    basic_cont = base14 * t.basic_contingency_pct / 100.0
    static = base14 + basic_cont
    price_cont = static * t.price_contingency_pct / 100.0
    total = static + price_cont

    summary = _summary(costed, parts, independent, base13, part4, base14, basic_cont, static, price_cont, total, t,
                       inputs.measure_names)  # fmt: skip
    missing_table = (
        items[missing].groupby(["measure_code", "item", "unit"], dropna=False)
        .agg(quantity=("quantity", "sum"), items=("quantity", "size")).reset_index()
    )  # fmt: skip
    if not missing_table.empty:
        summary.loc[len(summary)] = [len(summary) + 1, 0, "incomplete", "投资不完整：缺少单价",
                                     "incomplete: items without a unit price", np.nan, np.nan, np.nan,
                                     f"{int(missing_table['items'].sum())} items"]  # fmt: skip
    return InvestmentResult(
        items=items.drop(columns=["cost_item"]),
        summary=summary,
        by_watershed=_grouped(costed, ["ws_code"], t.basic_contingency_pct, part4, base13),
        schedule=_grouped(costed, ["year"], t.basic_contingency_pct, part4, base13),
        funding=_funding(costed, parts, base13, static, t),
        by_d018=costed.groupby("d018_row", dropna=False)["total_yuan"].sum().reset_index(),
        missing=missing_table,
        static_total_yuan=static,
        total_yuan=total,
    )


def _summary(costed, parts, independent, base13, part4, base14, basic_cont, static, price_cont, total, t, names):
    lines: list[list] = []

    def add(level, code, zh, en, amount, rate=np.nan, basis=""):
        lines.append([len(lines) + 1, level, code, zh, en, amount, amount / 1e4, rate, basis])

    for p in PARTS:
        zh, en = PART_NAMES[p]
        add(1, f"part{p}", zh, en, parts[p], basis="Σ item costs (D₀ + 其他直接费 + 间接费 + 利润 + 税金)")
        by_measure = costed[costed["part"] == p].groupby("measure_code")["total_yuan"].sum()
        for code, amount in by_measure.items():
            zh_m, en_m = names.get(str(code), (str(code), str(code)))
            add(2, str(code), zh_m, en_m, float(amount))
    zh, en = PART_NAMES[4]
    add(1, "part4", zh, en, part4, basis=f"Σ rate × parts 1–3 ({base13:.2f} 元)")
    for cost, amount in independent:
        add(2, cost.code, cost.name_zh, cost.name_en, amount, cost.rate_pct, f"{cost.rate_pct:g} % × {base13:.2f}")
    add(1, "parts1_4", "一至四部分合计", "parts 1–4", base14)
    add(1, "basic_contingency", "基本预备费", "basic contingency", basic_cont, t.basic_contingency_pct,
        f"{t.basic_contingency_pct:g} % × {base14:.2f}")  # fmt: skip
    add(1, "static_total", "静态总投资", "static total investment", static, basis="parts 1–4 + 基本预备费")
    add(1, "price_contingency", "价差预备费", "price contingency", price_cont, t.price_contingency_pct,
        f"{t.price_contingency_pct:g} % × {static:.2f}")  # fmt: skip
    add(1, "total", "总投资", "total investment", total, basis="静态总投资 + 价差预备费")
    return pd.DataFrame(
        lines,
        columns=["line_no", "level", "code", "name_zh", "name_en", "amount_yuan", "amount_wan", "rate_pct", "basis"],
    )


def _grouped(costed, keys, contingency_pct, part4, base13) -> pd.DataFrame:
    """Parts 1–3 per group, independent costs and the basic contingency pro rata to the group's parts 1–3."""
    frame = costed.pivot_table(index=keys, columns="part", values="total_yuan", aggfunc="sum", fill_value=0.0)
    frame = frame.reindex(columns=list(PARTS), fill_value=0.0)
    frame.columns = [f"part{p}_yuan" for p in PARTS]
    frame = frame.reset_index()
    base = frame[[f"part{p}_yuan" for p in PARTS]].sum(axis=1)
    share = base / base13 if base13 > 0 else base * 0.0
    frame["part4_yuan"] = share * part4
    frame["basic_contingency_yuan"] = (base + frame["part4_yuan"]) * contingency_pct / 100.0
    frame["static_total_yuan"] = base + frame["part4_yuan"] + frame["basic_contingency_yuan"]
    return frame


def _funding(costed, parts, base13, static, t: InvestmentTables) -> pd.DataFrame:
    """D.0.19: each part's share of the static total split by that part's funding shares."""
    default = next((f for f in t.funding if f.part in ("*", "")), None)
    rows = []
    for p in PARTS:
        shares = next((f for f in t.funding if f.part == str(p)), default)
        if shares is None or base13 <= 0:
            continue
        amount = static * parts[p] / base13
        for (col, zh, en), pct in zip(FUNDING_SOURCES, shares.shares_pct):
            rows.append({"part": p, "source_code": col.removesuffix("_pct"), "name_zh": zh, "name_en": en,
                         "share_pct": pct, "amount_yuan": amount * pct / 100.0})  # fmt: skip
    frame = pd.DataFrame(rows, columns=["part", "source_code", "name_zh", "name_en", "share_pct", "amount_yuan"])
    return frame
