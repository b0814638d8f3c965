"""Benefit evaluation of a plan (治理效益评价, step 5): GB/T 15774-2008 水土保持综合治理 效益计算方法.

Pure numpy / pandas; the tables come as text (``parse_*``), the layers as attribute columns. One entry:
:func:`evaluate` (:class:`BenefitInputs` → :class:`BenefitResult`).

**Soil loss before and after** (CSLE, domain reference §3.1). The parcels are the step-3 layout
(``parcels_measures``), which carries the step-2 analysis: per parcel the cell mean A (``soil_loss_t_km2_a``),
the factors B, E, T (``b_factor``, ``e_factor``, ``t_factor``; cell means) and the area of each SL 190 class
inside it (``erosion_c0_ha`` … ``erosion_c5_ha``, cells). The planned measures change only B, E or T, on the
same R·K·L·S, so per parcel

    A_planned = A_current × (E_planned / E_current) × (B_planned·T_planned) / (B_current·T_current)

(exact when B, E and T are uniform in the parcel; with a cover raster B varies per cell and its cell mean
is used). No double counting (§3.1): E already encodes benching, the slope S is not recomputed; a measure
*replaces* the factor it acts on and never worsens it:

* E: the smallest E of the parcel's E measures (e_factor.csv / csle_value), at most the current E;
* T (cropland only, CSLE combination rule S11): the measure's practice replaces the default practice —
  T_planned = T_current × T(practice) / T(default practice) (the 轮作制度 zone part stays, as in
  ``core.factors.cropland_t``); several T measures: the smallest; at most the current T;
* B (non-cropland): the measure's B from its SLR class (b_factor.csv) with its target cover / canopy
  (design parameters ``target_fvc`` / ``target_gd``, the parcel's measure_params for its primary measure),
  else the class defaults; a B measure without a class (封育) uses the parcel's own SLR class (grass when
  its class has none); several B measures: the smallest; at most the current B;
* cropland retired to vegetation (a B measure and no measure that keeps it cropped): it becomes
  non-cropland, B·T_planned = min(B·T_current, B_measure) with T = 1;
* several measures of one parcel combine per factor as above (the strongest measure of a factor governs)
  and multiply across factors — each factor is a ratio against its own no-measure state. [PROPOSAL]

**水土保持率** (domain reference §4) is recounted with the step-2 definition (``core.summaries``): 水土流失面积 =
cells with A ≥ the tolerance, over the assessed land. Per-cell A after the plan is not stored; each class's
cells are taken as spread uniformly over the class's range [lower, upper) and scaled by the parcel's ratio
A_planned / A_current, which moves them into the planned classes; the open class 剧烈 is spread over
[15 000, 2·m − 15 000) with m its mean implied by the parcel mean A (class midpoints for the other classes).
A parcel whose cells all lie in one class at the current state crosses exactly (e.g. all 轻度 cells of a
level terrace: 2 500 × 0.084 < 500). [PROPOSAL]

**治理度** (domain reference §4, definition [UNVERIFIED]) = the 水土流失面积 (eroded cells) inside the parcels
whose measure counts as 治理 (step 3: a measure on a parcel of class 轻度 or above) / the 水土流失面积 × 100, so
at most 100 %; ``treated_area_km2`` is step 3's 治理面积 (whole parcels). **林草覆盖率** after the plan counts a
parcel whose B a vegetation measure lowers as the measure's SLR class with its target cover
(forest_grass_cover.csv thresholds, as step 2).

**By year** (GB/T 15774-2008 效益计算时段, domain reference §8, benefit_timing.csv): a factor takes effect in
year y_impl + effect_year − 1 (y_impl = the parcel's implementation year, 1 by default): terraces, tillage and
small storage works from year 1; trees year 5, shrubs year 3, grass year 2 (all from year 1 with engineering
site preparation — a measure of the parcel marked site_preparation); 封禁 year 3. Soil conserved
ΔS_t = Σ F_e·(A_current − A_t) (t/a).

**Gully works** (works_quantities): silt capacity V_s = ``silt_storage_m3`` when the table has it, else the
total ``storage_m3`` × silt_share (sediment_trapping.csv); trapped sediment V_s·γ / T per year during the T
silting years (dam_params.csv: γ = sediment_bulk_density_t_m3, T = silting_years_<code>[_<class>]).

**Water retained**: area measures ΔW_m (runoff_reduction.csv, m³/(hm²·a)) on the effective area — several
measures of one parcel: the largest (not the sum); storage works volume × fills per year, dams (total − silt)
× fills per year.

**Economics** (D.0.20, D.0.21): benefit_t = direct (元/(hm²·a) per measure from its first year of produce)
+ water × price + soil conserved × price + trapped sediment × price (benefit_prices.csv, EXAMPLE values);
cost_t = the static investment per small watershed (investment_by_ws) spent in the implementation years pro
rata to the treated area + operation and maintenance (om_rate × investment spent before year t);
flows at the end of each year: NPV = Σ (B_t − C_t)/(1 + i)^t, IRR the i with NPV = 0, BCR = PV(B)/PV(C).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sbplanner_plugin.core import csle
from sbplanner_plugin.core.definitions import code_text, split_list, to_number
from sbplanner_plugin.core.errors import (
    QT_TRANSLATE_NOOP,
    InvalidParameterError,
    Msg,
    NotAnalysedParcelsError,
    SbPlannerError,
    msg,
)
from sbplanner_plugin.core.measures.catalogue import Catalogue, Measure, parse_design_params
from sbplanner_plugin.core.measures.summary import PROTECTION, TREATED, treatment_kind
from sbplanner_plugin.core.params import (
    FRACTION,
    HINT_PERCENT,
    ByKey,
    Num,
    ParamSet,
    ParamTableError,
    parse_table_lines,
)
from sbplanner_plugin.core.parcels import erosion_class
from sbplanner_plugin.core.quantities.dams import DAM_CODES
from sbplanner_plugin.core.quantities.measures import STORAGE_CODES
from sbplanner_plugin.core.summaries import (
    ALL,
    NoAssessedParcelsError,
    indicators,
    parcel_frame,
    split_pieces,
    swc_rate_pct,
)

TIMING_TABLE = "benefit_timing.csv"
RUNOFF_TABLE = "runoff_reduction.csv"
SEDIMENT_TABLE = "sediment_trapping.csv"
PRICES_TABLE = "benefit_prices.csv"
TARGETS_TABLE = "swc_targets.csv"
TABLE_NAMES = (TIMING_TABLE, RUNOFF_TABLE, SEDIMENT_TABLE, PRICES_TABLE, TARGETS_TABLE)

#: Effect kinds of benefit_timing.csv (a measure's own row, keyed by its code, comes first).
KINDS = ("engineering", "tillage", "storage_works", "gully_works", "trees", "shrubs", "grass", "closure")
#: Items of benefit_prices.csv.
PRICE_ITEMS = ("discount_rate", "water", "soil", "sediment", "om_rate", "direct")
#: Works that store water (besides the dams): volume × fills per year.
WATER_WORKS = frozenset(STORAGE_CODES) | {"gully_head_protection"}
#: The parcel fields of the step-2 factors the evaluation reads (missing → an error naming the field).
FACTOR_FIELDS = ("b_factor", "e_factor", "t_factor", "erosion_class")
#: D.0.20 row of a unit's total.
TOTAL_COLUMN = "合计"

YEAR = Num(1, 100, integer=True)  # a year of the evaluation period (1 = the year of implementation)
SCHEMAS: dict[str, dict] = {
    TIMING_TABLE: {
        "key": "str",
        "name_zh": "opt",
        "effect_year": YEAR,
        "effect_year_site_prep": Num(1, 100, integer=True, optional=True),
        "site_preparation": ("yes", "no"),
    },
    RUNOFF_TABLE: {
        "measure_code": "str",
        "name_zh": "opt",
        "runoff_reduction_m3_ha_a": Num(0.0, 100000.0, optional=True, warn_hi=5000.0),
        "fills_per_year": Num(0.0, 365.0, optional=True, warn_hi=20.0),
    },
    SEDIMENT_TABLE: {"measure_code": "str", "name_zh": "opt", "silt_share": FRACTION},
    PRICES_TABLE: {
        "item": PRICE_ITEMS,
        "measure_code": "opt",
        "unit": "opt",
        "value": ByKey(
            keys={
                # a discount rate above −100 % (a factor 1 + r > 0); usually a few per cent
                "discount_rate": Num(-100.0, 100.0, lo_open=True, warn_lo=1.0, warn_hi=20.0, hint=HINT_PERCENT),
                "water": Num(0.0, 1000.0),  # 元/m³
                "soil": Num(0.0, 100000.0),  # 元/t
                "sediment": Num(0.0, 100000.0),  # 元/t
                "om_rate": Num(0.0, 100.0, warn_hi=20.0),  # %/a of the investment
                "direct": Num(0.0, 1e7),  # 元/(hm²·a)
            },
            key_column="item",
        ),
        "start_year": Num(1, 100, integer=True, optional=True),
        "year": Num(1949, 2100, integer=True, optional=True, may_be_absent=True),
    },
    TARGETS_TABLE: {
        "target_id": "str",
        "level": "str",
        "region_zh": "str",
        "region_en": "opt",
        "target_year": Num(1949, 2100, integer=True),
        "swc_rate_target_pct": Num(0.0, 100.0, warn_lo=10.0, hint=HINT_PERCENT),
    },
}


# ------------------------------------------------------------------------------------------------
# errors and notes (translated by the Processing layer, context SbPlannerErrors)
class NoMeasureFieldError(SbPlannerError):
    key = "no_step3_measures"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The parcel layer has no measure_code field: it is not a step-3 layout. Use the plan's parcels_measures layer (step 3, Assign measures)."  # noqa: E501
    )  # fmt: skip


class NoPlannedMeasuresError(SbPlannerError):
    key = "no_planned_measures"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The layout {layer} holds no measure (every parcel's measure_code is empty and no works are given): there is no benefit to evaluate. Assign measures in step 3 or choose a scenario with measures."  # noqa: E501
    )  # fmt: skip


class TableFieldError(SbPlannerError):
    key = "benefit_table_field"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "The table {table} lacks the field '{field}': use the plan's {expected} table (step 4)."
    )


class ToleranceMismatchError(SbPlannerError):
    key = "tolerance_mismatch"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The allowable soil loss {tolerance:g} t/(km²·a) does not match the step-2 erosion classes (parcel {parcel}: {cls} at {modulus:.1f} t/(km²·a)). Choose the erosion region or tolerance that step 2 (Analyse parcels) used."  # noqa: E501
    )  # fmt: skip


class BenefitNote(SbPlannerError):  # noqa: N818 (a message carrier, not an error)
    """Carrier of a translatable note of the evaluation (``processing.base.user_message`` translates ``text``)."""

    key = "benefit_note"
    template = "{text}"


NOTE_UNKNOWN = QT_TRANSLATE_NOOP("SbPlannerErrors", "Measures not in the catalogue (no benefit counted): {codes}")
NOTE_UNASSESSED = QT_TRANSLATE_NOOP(
    "SbPlannerErrors",
    "{count} parcels have no soil loss (they lie off the DEM): no benefit is counted for them and they are not "
    "assessed land in 水土保持率 (never non-eroded)."
)  # fmt: skip
NOTE_B_ON_CROPLAND = QT_TRANSLATE_NOOP(
    "SbPlannerErrors",
    "{count} cropland parcels keep cropping (a terrace or tillage measure): their vegetation measures do not change B (CSLE: cropland uses T with B = 1)."  # noqa: E501
)  # fmt: skip
NOTE_T_OFF_CROPLAND = QT_TRANSLATE_NOOP(
    "SbPlannerErrors",
    "{count} parcels that are not cropland carry a tillage measure: T stays 1 there (CSLE: T only on cropland)."
)  # fmt: skip
NOTE_NO_SILTING_YEARS = QT_TRANSLATE_NOOP(
    "SbPlannerErrors", "No silting years for {codes} in dam_params.csv: their trapped sediment is not counted."
)
NOTE_NO_INVESTMENT = QT_TRANSLATE_NOOP(
    "SbPlannerErrors",
    "No investment table (investment_by_ws of step 4): the cost per tonne, NPV and IRR are not computed."
)  # fmt: skip
NOTE_LATE_EFFECT = QT_TRANSLATE_NOOP(
    "SbPlannerErrors",
    "{count} parcels take effect only after year {years} of the evaluation period: their planned soil loss is reached after the period."  # noqa: E501
)  # fmt: skip
NOTE_NO_IRR = QT_TRANSLATE_NOOP(
    "SbPlannerErrors", "Unit {unit}: the net cash flows do not change sign, so there is no internal rate of return."
)


# ------------------------------------------------------------------------------------------------
# the tables
@dataclass(frozen=True)
class Timing:
    """A row of benefit_timing.csv: the year a measure (or kind) takes effect, without and with site preparation."""

    key: str
    effect_year: int
    effect_year_site_prep: int | None
    site_preparation: bool

    def year(self, site_prep: bool) -> int:
        return self.effect_year_site_prep if site_prep and self.effect_year_site_prep else self.effect_year


@dataclass(frozen=True)
class DirectBenefit:
    measure_code: str
    yuan_per_ha_a: float
    start_year: int


@dataclass(frozen=True)
class Prices:
    """benefit_prices.csv: the discount rate, the prices of water, soil and sediment, the O&M rate, direct benefits."""

    discount_rate_pct: float
    water_yuan_m3: float
    soil_yuan_t: float
    sediment_yuan_t: float
    om_rate_pct: float
    direct: dict[str, DirectBenefit] = field(default_factory=dict)


@dataclass(frozen=True)
class SwcTarget:
    target_id: str
    level: str
    region_zh: str
    region_en: str
    target_year: int
    swc_rate_pct: float
    source: str
    confidence: str


@dataclass
class BenefitTables:
    timing: dict[str, Timing]
    runoff: dict[str, tuple[float, float]]  # measure code → (ΔW m³/(hm²·a), fills per year); NaN = none
    silt_share: dict[str, float]
    prices: Prices
    targets: dict[str, SwcTarget]
    files: dict[str, str] = field(default_factory=dict)  # table name → what it was read from


def _problem(name: str, line: int, column: str, template: str, **params) -> ParamTableError:
    return ParamTableError(file=name, line=line, column=column, problem=msg(template, **params) if params else template)


_DUPLICATE = QT_TRANSLATE_NOOP("SbPlannerErrors", "duplicate key '{key}'")


def _unique(name: str, rows, column: str) -> None:
    seen: set = set()
    for line, row in rows:
        if row[column] in seen:
            raise _problem(name, line, column, _DUPLICATE, key=row[column])
        seen.add(row[column])


def parse_timing(name: str, text: str) -> dict[str, Timing]:
    """benefit_timing.csv: one row per kind (:data:`KINDS`, all required) or measure code."""
    rows = parse_table_lines(name, text, SCHEMAS[TIMING_TABLE])
    _unique(name, rows, "key")
    out = {}
    for _line, r in rows:
        out[r["key"]] = Timing(r["key"], r["effect_year"], r["effect_year_site_prep"], r["site_preparation"] == "yes")
    missing = [k for k in KINDS if k not in out]
    if missing:
        raise _problem(
            name, 0, "key", QT_TRANSLATE_NOOP("SbPlannerErrors", "no row for {keys}"), keys=", ".join(missing)
        )
    return out


def parse_runoff(name: str, text: str) -> dict[str, tuple[float, float]]:
    """runoff_reduction.csv: measure code → (ΔW_m m³/(hm²·a), fills per year), NaN where empty; values ≥ 0."""
    rows = parse_table_lines(name, text, SCHEMAS[RUNOFF_TABLE])
    _unique(name, rows, "measure_code")
    out = {}
    for _line, r in rows:
        values = [math.nan if r[c] is None else float(r[c]) for c in ("runoff_reduction_m3_ha_a", "fills_per_year")]
        out[r["measure_code"]] = (values[0], values[1])
    return out


def parse_sediment(name: str, text: str) -> dict[str, float]:
    """sediment_trapping.csv: dam code → share of its total storage that holds silt (0–1)."""
    rows = parse_table_lines(name, text, SCHEMAS[SEDIMENT_TABLE])
    _unique(name, rows, "measure_code")
    return {r["measure_code"]: float(r["silt_share"]) for _, r in rows}


def parse_prices(name: str, text: str) -> Prices:
    """benefit_prices.csv: one row per item of :data:`PRICE_ITEMS` (``direct`` one per measure code)."""
    rows = parse_table_lines(name, text, SCHEMAS[PRICES_TABLE])
    single: dict[str, float] = {}
    direct: dict[str, DirectBenefit] = {}
    for line, r in rows:
        item, value = r["item"], float(r["value"])  # in the item's range (SCHEMAS)
        if item == "direct":
            code = r["measure_code"]
            if not code:
                raise _problem(name, line, "measure_code", QT_TRANSLATE_NOOP("SbPlannerErrors", "empty value"))
            if code in direct:
                raise _problem(name, line, "measure_code", _DUPLICATE, key=code)
            start = r["start_year"] or 1
            direct[code] = DirectBenefit(code, value, start)
            continue
        if item in single:
            raise _problem(name, line, "item", _DUPLICATE, key=item)
        single[item] = value
    missing = [k for k in PRICE_ITEMS if k != "direct" and k not in single]
    if missing:
        raise _problem(
            name, 0, "item", QT_TRANSLATE_NOOP("SbPlannerErrors", "no row for {keys}"), keys=", ".join(missing)
        )
    return Prices(
        single["discount_rate"], single["water"], single["soil"], single["sediment"], single["om_rate"], direct
    )


def parse_targets(name: str, text: str) -> dict[str, SwcTarget]:
    """swc_targets.csv: 水土保持率 targets (national, provincial …) by target id; 0–100 %."""
    rows = parse_table_lines(name, text, SCHEMAS[TARGETS_TABLE])
    _unique(name, rows, "target_id")
    out = {}
    for _line, r in rows:
        out[r["target_id"]] = SwcTarget(
            r["target_id"], r["level"], r["region_zh"], r["region_en"], r["target_year"],
            float(r["swc_rate_target_pct"]), r["source"], r["confidence"],
        )  # fmt: skip
    return out


def parse_tables(texts: Mapping[str, str], files: Mapping[str, str] | None = None) -> BenefitTables:
    """The five benefit tables from their texts (table name of :data:`TABLE_NAMES` → CSV text)."""
    return BenefitTables(
        timing=parse_timing(TIMING_TABLE, texts[TIMING_TABLE]),
        runoff=parse_runoff(RUNOFF_TABLE, texts[RUNOFF_TABLE]),
        silt_share=parse_sediment(SEDIMENT_TABLE, texts[SEDIMENT_TABLE]),
        prices=parse_prices(PRICES_TABLE, texts[PRICES_TABLE]),
        targets=parse_targets(TARGETS_TABLE, texts[TARGETS_TABLE]),
        files=dict(files or {}),
    )


# ------------------------------------------------------------------------------------------------
# one parcel's planned factors
#: SLR classes of trees / shrubs / grass for the effect timing (b_factor.csv classes).
TREE_CLASSES = ("forest", "orchard")


def measure_kind(measure: Measure, b_class: str | None = None) -> str:
    """The benefit_timing.csv kind of a measure: 封育 → closure; B → trees / shrubs / grass by its SLR class;
    T → tillage; storage works → storage_works; dams → gully_works; else engineering (E and other works)."""
    if measure.category == "closure":
        return "closure"
    if measure.csle_factor == "B":
        cls = measure.csle_ref or b_class or "grass"
        return "trees" if cls in TREE_CLASSES else "shrubs" if cls == "shrub" else "grass"
    if measure.csle_factor == "T" or measure.category == "tillage":
        return "tillage"
    if measure.code in DAM_CODES:
        return "gully_works"
    if measure.code in WATER_WORKS:
        return "storage_works"
    return "engineering"


def timing_of(measure: Measure, timing: Mapping[str, Timing], b_class: str | None = None) -> Timing:
    """The measure's own row of benefit_timing.csv, else the row of its :func:`measure_kind`."""
    return timing.get(measure.code) or timing[measure_kind(measure, b_class)]


def _fraction(value: object, default: float | None) -> float:
    v = to_number(value)
    if math.isnan(v):
        return math.nan if default is None else float(default)
    return v / 100.0 if v > 1.0 else v


def measure_b(measure: Measure, design: Mapping, parcel_class: str | None, params: ParamSet) -> tuple:
    """(B, SLR class, FVC, GD) of a B measure at full effect (domain reference §3.6).

    ``csle_value`` when given; else the class ``csle_ref`` (or, for a measure without one such as 封育, the
    parcel's own class when it has an SLR formula, else grass) with ``target_fvc`` / ``target_gd`` of the
    design parameters (percent or 0–1), else the class defaults of b_factor.csv."""
    if measure.csle_value is not None:
        return float(measure.csle_value), measure.csle_ref or parcel_class, math.nan, math.nan
    cls = measure.csle_ref
    if not cls:
        own = params.b_rules.get(parcel_class or "", {})
        cls = parcel_class if own.get("method", "constant") != "constant" else "grass"
    rule = params.b_rules[cls]
    fvc = _fraction(design.get("target_fvc"), rule["default_fvc"] if rule["default_fvc"] is not None else 0.0)
    gd = _fraction(design.get("target_gd"), rule["default_gd"] if rule["default_gd"] is not None else 0.0)
    if rule["method"] == "constant":
        return float(rule["constant_b"] if rule["constant_b"] is not None else 1.0), cls, fvc, gd
    if rule["method"] == "slr_forest":
        return float(csle.slr_forest(np.float64(gd), np.float64(fvc), params.slr)), cls, fvc, gd
    return float(csle.slr_grass(np.float64(fvc), params.slr)), cls, fvc, math.nan


@dataclass(frozen=True)
class PlannedFactors:
    """One parcel's factors at full effect and when each factor group takes effect (relative year, 1 = the
    implementation year; 0 = the group does not change)."""

    b: float
    e: float
    t: float
    e_code: str | None  # the measure that sets E (None: E unchanged)
    c_code: str | None  # the measure that sets B·T (None: unchanged)
    e_year: int
    c_year: int
    converted: bool = False  # cropland retired to vegetation
    planned_class: str | None = None  # SLR class after the plan when a B measure acts
    fvc: float = math.nan
    gd: float = math.nan
    b_ignored: bool = False  # B measures on cropland that stays cropped
    t_ignored: bool = False  # T measures on land that is not cropland

    def ratios(self, b: float, e: float, t: float) -> tuple[float, float]:
        """(E ratio, B·T ratio) of the planned against the current factors; 1 where the current one is 0."""
        re = self.e / e if e > 0 else 1.0
        rc = (self.b * self.t) / (b * t) if b * t > 0 else 1.0
        return re, rc


def planned_factors(
    b: float,
    e: float,
    t: float,
    csle_class: str | None,
    measures: Sequence[Measure],
    designs: Sequence[Mapping],
    params: ParamSet,
    timing: Mapping[str, Timing],
) -> PlannedFactors:
    """The planned B, E, T of a parcel with current ``b``, ``e``, ``t`` and its ``measures`` (catalogue rows,
    ``designs`` their design parameters), by the rules of the module docstring: each measure replaces the
    factor it acts on, the strongest measure of a factor governs, no factor gets worse."""
    cropland = csle_class == "cropland"
    site_prep = any(timing.get(m.code) is not None and timing[m.code].site_preparation for m in measures)
    e_best, e_code = e, None
    t_best, t_code = t, None
    b_best: tuple | None = None
    t_default = params.t_factor.get(params.defaults.get("default_tillage_practice", "none") or "none", 1.0)
    t_ignored = False
    for m, design in zip(measures, designs):
        if m.csle_factor == "E":
            value = m.csle_value if m.csle_value is not None else params.e_factor[m.csle_ref]
            if value < e_best:
                e_best, e_code = float(value), m.code
        elif m.csle_factor == "T":
            if not cropland:
                t_ignored = True
                continue
            practice = m.csle_value if m.csle_value is not None else params.t_factor[m.csle_ref]
            value = t * practice / t_default if t_default > 0 else t
            if value < t_best:
                t_best, t_code = float(value), m.code
        elif m.csle_factor == "B" or m.category == "closure":
            vb = measure_b(m, design, csle_class, params)
            if b_best is None or vb[0] < b_best[0][0]:
                b_best = (vb, m)
    e_year = timing_of(timing_key(e_code, measures), timing).year(site_prep) if e_code else 0
    keeps = any(m.keeps_cropping for m in measures)
    if cropland and b_best is not None and not keeps:  # retired to vegetation: B·T = min(B·T, B_measure), T = 1
        (vb, cls, fvc, gd), m = b_best
        if vb < b * t:
            year = timing_of(m, timing, cls).year(site_prep)
            return PlannedFactors(vb, e_best, 1.0, e_code, m.code, e_year, year, True, cls, fvc, gd, False, t_ignored)
        return PlannedFactors(b, e_best, t, e_code, None, e_year, 0, False, None, math.nan, math.nan, False, t_ignored)
    if cropland:
        year = timing_of(timing_key(t_code, measures), timing).year(site_prep) if t_code else 0
        return PlannedFactors(b, e_best, t_best, e_code, t_code, e_year, year, False, None, math.nan, math.nan,
                              b_best is not None, t_ignored)  # fmt: skip
    if b_best is not None and b_best[0][0] < b:
        (vb, cls, fvc, gd), m = b_best
        year = timing_of(m, timing, cls).year(site_prep)
        return PlannedFactors(vb, e_best, t, e_code, m.code, e_year, year, False, cls, fvc, gd, False, t_ignored)
    return PlannedFactors(b, e_best, t, e_code, None, e_year, 0, False, None, math.nan, math.nan, False, t_ignored)


def timing_key(code: str | None, measures: Sequence[Measure]) -> Measure:
    """The measure of ``measures`` with ``code``."""
    return next(m for m in measures if m.code == code)


# ------------------------------------------------------------------------------------------------
# planned class areas (cells) from the current ones
def scaled_class_areas(
    areas: np.ndarray, ratio: np.ndarray, lower: Sequence[float], mean: np.ndarray | None = None
) -> np.ndarray:
    """The SL 190 class areas (n × k) of parcels whose every cell's A is multiplied by ``ratio`` (n,).

    ``lower``: the k lower bounds (class 0 from 0, class 1 from the tolerance …). Each class's cells are
    taken as spread uniformly over [lower_j, lower_j+1); the open top class over [L, 2·m − L) with m its mean
    implied by the parcel ``mean`` A (cell mean, t/(km²·a)) and the midpoints of the other classes (a point
    at L when that mean is not above L or ``mean`` is None). The scaled ranges are cut by the class bounds;
    a degenerate range (ratio 0 or a point) goes whole to the class holding it. Areas are conserved."""
    areas = np.nan_to_num(np.asarray(areas, dtype=np.float64))
    ratio = np.clip(np.nan_to_num(np.asarray(ratio, dtype=np.float64), nan=1.0), 0.0, None)
    n, k = areas.shape
    lo = np.broadcast_to(np.asarray(lower, dtype=np.float64), (n, k)).copy()
    hi = np.empty((n, k))
    hi[:, :-1] = lo[:, 1:]
    top = lo[:, -1]
    hi[:, -1] = top
    if mean is not None:
        total = areas.sum(axis=1)
        mids = (lo[:, :-1] + hi[:, :-1]) / 2.0
        rest = (areas[:, :-1] * mids).sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            m_top = (np.nan_to_num(np.asarray(mean, dtype=np.float64)) * total - rest) / areas[:, -1]
        m_top = np.where(np.isfinite(m_top), np.maximum(m_top, top), top)
        hi[:, -1] = 2.0 * m_top - top
    bounds_lo, bounds_hi = lo, np.concatenate([lo[:, 1:], np.full((n, 1), np.inf)], axis=1)
    out = np.zeros((n, k))
    for j in range(k):
        a = areas[:, j]
        s_lo, s_hi = lo[:, j] * ratio, hi[:, j] * ratio
        width = s_hi - s_lo
        point = width <= 0
        for c in range(k):
            overlap = np.clip(np.minimum(s_hi, bounds_hi[:, c]) - np.maximum(s_lo, bounds_lo[:, c]), 0.0, None)
            with np.errstate(divide="ignore", invalid="ignore"):
                share = np.where(point, ((s_lo >= bounds_lo[:, c]) & (s_lo < bounds_hi[:, c])) * 1.0, overlap / width)
            out[:, c] += a * np.nan_to_num(share)
    return out


# ------------------------------------------------------------------------------------------------
# economics
def npv(flows: Sequence[float], rate_pct: float) -> float:
    """Net present value Σ_t flow_t / (1 + i)^t, t = 1 … n (flows at the end of each year)."""
    f = np.asarray(flows, dtype=np.float64)
    t = np.arange(1, f.size + 1)
    return float(np.sum(f / (1.0 + rate_pct / 100.0) ** t))


def irr(flows: Sequence[float]) -> float:
    """Internal rate of return (%): the rate with :func:`npv` = 0, by bisection on the first sign change of NPV
    over −99 % … 1000 %; NaN when the net flows never change sign (no rate makes NPV zero)."""
    f = np.asarray(flows, dtype=np.float64)
    if f.size == 0 or not (np.any(f > 0) and np.any(f < 0)):
        return math.nan
    grid = np.concatenate([np.linspace(-99.0, 0.0, 100, endpoint=False), np.geomspace(0.01, 1000.0, 400)])
    values = np.array([npv(f, r) for r in grid])
    sign = np.sign(values)
    change = np.flatnonzero(sign[:-1] * sign[1:] <= 0)
    if change.size == 0:
        return math.nan
    a, b = grid[change[0]], grid[change[0] + 1]
    fa = values[change[0]]
    if fa == 0:
        return float(a)
    for _ in range(200):
        mid = (a + b) / 2.0
        fm = npv(f, mid)
        if fm == 0 or b - a < 1e-12:
            return float(mid)
        if np.sign(fm) == np.sign(fa):
            a, fa = mid, fm
        else:
            b = mid
    return float((a + b) / 2.0)


# ------------------------------------------------------------------------------------------------
# the evaluation
@dataclass
class BenefitInputs:
    """One evaluation: the step-3 parcels' attribute columns (field → values, feature order; they carry the
    step-2 analysis), the tables, and the optional step-4 works and investment tables (field → values)."""

    parcels: Mapping[str, Sequence]
    params: ParamSet
    catalogue: Catalogue
    tables: BenefitTables
    tolerance_t_km2_a: float
    years: int = 20
    discount_rate_pct: float | None = None  # None: benefit_prices.csv
    target_id: str | None = None  # a target of swc_targets.csv (None / "": no target)
    works: Mapping[str, Sequence] | None = None  # works_quantities (step 4)
    investment_by_ws: Mapping[str, Sequence] | None = None  # investment_by_ws (step 4)
    dam_params: Mapping[str, float] = field(default_factory=dict)
    implementation_years: Sequence | None = None  # per parcel (None / NULL: year 1)
    layer_name: str = ""


#: Fields of the per-parcel output, in order.
PARCEL_COLUMNS = (
    "parcel_id", "ws_code", "landuse_code", "measure_code", "measure_codes", "area_ha", "treatment",
    "b_current", "e_current", "t_current", "b_planned", "e_planned", "t_planned",
    "a_current_t_km2_a", "a_planned_t_km2_a", "soil_loss_current_t_a", "soil_loss_planned_t_a",
    "soil_conserved_t_a", "eroded_area_current_ha", "eroded_area_planned_ha", "erosion_class_planned",
    "implementation_year", "e_effect_year", "c_effect_year", "full_effect_year",
    "water_retained_m3_a", "direct_benefit_yuan_a", "basis",
)  # fmt: skip
#: Fields of the per-unit table (one row per small watershed and ALL), in order.
UNIT_COLUMNS = (
    "ws_code", "land_area_km2", "assessed_area_km2",
    "soil_loss_current_t_a", "soil_loss_planned_t_a", "soil_conserved_t_a", "soil_conserved_wan_t_a",
    "soil_loss_reduction_pct", "mean_modulus_current_t_km2_a", "mean_modulus_planned_t_km2_a",
    "eroded_area_current_km2", "eroded_area_planned_km2", "eroded_area_reduction_km2",
    "swc_rate_current_pct", "swc_rate_planned_pct", "swc_rate_gain_pct",
    "swc_target_id", "swc_target_pct", "swc_gap_current_pct", "swc_gap_planned_pct",
    "treated_area_km2", "treated_eroded_area_km2", "protection_area_km2", "treatment_degree_pct",
    "forest_grass_cover_current_pct", "forest_grass_cover_planned_pct", "forest_grass_cover_change_pct",
    "sediment_trapped_t_a", "soil_retained_total_t_a", "water_retained_m3_a", "water_retained_wan_m3_a",
    "direct_benefit_yuan_a", "investment_yuan", "investment_yuan_per_t_a", "investment_yuan_per_t_period",
    "investment_yuan_per_hm2", "npv_yuan", "irr_pct",
)  # fmt: skip
BY_YEAR_COLUMNS = (
    "ws_code", "year", "effective_area_hm2", "soil_loss_t", "soil_conserved_t", "sediment_trapped_t",
    "water_retained_m3", "eroded_area_km2", "swc_rate_pct", "direct_benefit_yuan", "benefit_yuan",
    "investment_yuan", "om_cost_yuan", "cost_yuan", "net_yuan", "discount_factor", "pv_net_yuan",
    "cumulative_soil_conserved_t",
)  # fmt: skip
D020_COLUMNS = (
    "ws_code", "measure_column", "measure_codes", "water_wan_m3_a", "soil_wan_t_a", "direct_benefit_wan_yuan_a",
    "water_wan_m3_period", "soil_wan_t_period", "direct_benefit_wan_yuan_period",
)  # fmt: skip
D021_COLUMNS = (
    "ws_code", "years", "discount_rate_pct", "investment_wan_yuan", "om_cost_wan_yuan", "total_cost_wan_yuan",
    "direct_benefit_wan_yuan", "water_benefit_wan_yuan", "soil_benefit_wan_yuan", "sediment_benefit_wan_yuan",
    "total_benefit_wan_yuan", "pv_benefit_wan_yuan", "pv_cost_wan_yuan", "npv_wan_yuan", "irr_pct", "bcr",
)  # fmt: skip


@dataclass
class BenefitResult:
    parcels: pd.DataFrame  # PARCEL_COLUMNS, one row per input parcel (feature order)
    units: pd.DataFrame  # UNIT_COLUMNS, per small watershed then ALL
    by_year: pd.DataFrame  # BY_YEAR_COLUMNS, per unit (and ALL) and year
    d020: pd.DataFrame  # D020_COLUMNS (SL/T 447 D.0.20 效益计算成果表)
    d021: pd.DataFrame  # D021_COLUMNS (D.0.21 经济效益分析)
    tolerance_t_km2_a: float
    years: int
    discount_rate_pct: float
    target: SwcTarget | None = None
    notes: list[Msg] = field(default_factory=list)
    unknown_codes: list[str] = field(default_factory=list)

    @property
    def whole(self) -> pd.Series:
        """The row of the whole area (ALL)."""
        return self.units[self.units["ws_code"] == ALL].iloc[0]


def _check(inputs: BenefitInputs) -> None:
    names = list(inputs.parcels)
    if "measure_code" not in names:
        raise NoMeasureFieldError()
    for name in FACTOR_FIELDS:
        if name not in names:
            raise NotAnalysedParcelsError(field=name)
    if not 1 <= int(inputs.years) <= 200 or int(inputs.years) != inputs.years:
        raise InvalidParameterError(
            name="YEARS",
            value=inputs.years,
            reason=QT_TRANSLATE_NOOP("SbPlannerErrors", "a whole number of years, 1–200"),
        )
    if not inputs.tolerance_t_km2_a > 0:
        raise InvalidParameterError(
            name="TOLERANCE_T_KM2_A",
            value=inputs.tolerance_t_km2_a,
            reason=QT_TRANSLATE_NOOP("SbPlannerErrors", "a number greater than 0"),
        )
    if inputs.discount_rate_pct is not None and not -100.0 < inputs.discount_rate_pct < 1000.0:
        raise InvalidParameterError(
            name="DISCOUNT_RATE_PCT",
            value=inputs.discount_rate_pct,
            reason=QT_TRANSLATE_NOOP("SbPlannerErrors", "a rate above -100 %"),
        )
    if inputs.target_id and inputs.target_id not in inputs.tables.targets:
        raise InvalidParameterError(
            name="TARGET_REGION",
            value=inputs.target_id,
            reason=msg(
                QT_TRANSLATE_NOOP("SbPlannerErrors", "one of {choices} (swc_targets.csv)"),
                choices=", ".join(inputs.tables.targets),
            ),
        )
    for table, columns, needed, expected in (
        ("works_quantities", inputs.works, ("measure_code", "ws_code", "storage_m3"), "works_quantities"),
        ("investment_by_ws", inputs.investment_by_ws, ("ws_code", "static_total_yuan"), "investment_by_ws"),
    ):
        if columns is not None:
            for name in needed:
                if name not in columns:
                    raise TableFieldError(table=table, field=name, expected=expected)


def _check_tolerance(frame: pd.DataFrame, classes: Sequence, ids: np.ndarray, tolerance: float) -> None:
    """Every parcel classed 微度 by step 2 has A < the tolerance, every other class A ≥ it."""
    a = frame["soil_loss_t_km2_a"].to_numpy(dtype=np.float64)
    for i, cls in enumerate(classes):
        if cls is None or not np.isfinite(a[i]):
            continue
        slight = str(cls) in ("微度", "slight")
        if slight == (a[i] >= tolerance):
            raise ToleranceMismatchError(tolerance=tolerance, parcel=int(ids[i]), cls=str(cls), modulus=float(a[i]))


def _design(measure: Measure, params_text: object, primary: bool) -> dict:
    """The measure's design parameters: the catalogue's, with the parcel's measure_params for its primary measure."""
    design = dict(measure.design_params)
    if primary and code_text(params_text):
        design.update(parse_design_params(params_text, lenient=True))
    return design


def column_name(measure: Measure | None, code: str) -> str:
    """The D.0.20 column of a measure: its SL/T 447 D.0.15 column, else its Chinese name, else its code."""
    if measure is None:
        return code
    return measure.sl447_column or measure.name_zh


def log_shares(r_e: np.ndarray, r_c: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The shares of a soil-loss reduction A·(1 − r_E·r_C) due to E and to B·T: ln r_E and ln r_C over
    ln(r_E·r_C) (a factor that falls to 0 takes it all; both 0: half each; no reduction: 0, 0) — the
    apportioning (分摊) of combined measures GB/T 15774-2008 asks for [PROPOSAL: the standard's own rule was
    not read]."""
    r_e = np.clip(np.asarray(r_e, dtype=np.float64), 0.0, 1.0)
    r_c = np.clip(np.asarray(r_c, dtype=np.float64), 0.0, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        le = -np.log(r_e)
        lc = -np.log(r_c)
        share_e = np.where(np.isinf(le) & np.isinf(lc), 0.5, np.where(np.isinf(le), 1.0, np.where(np.isinf(lc), 0.0,
                           le / (le + lc))))  # fmt: skip
    none = (r_e * r_c) >= 1.0
    share_e = np.where(none, 0.0, np.nan_to_num(share_e))
    share_c = np.where(none, 0.0, 1.0 - share_e)
    return share_e, share_c


@dataclass
class _Layout:
    """The parcels of one evaluation as arrays (feature order)."""

    frame: pd.DataFrame
    ids: np.ndarray
    primary: list
    codes: list
    assessed: np.ndarray
    area_ha: np.ndarray
    a_cur: np.ndarray
    b: np.ndarray
    e: np.ndarray
    t: np.ndarray
    classes: list
    factors: list
    impl: np.ndarray
    re: np.ndarray
    rc: np.ndarray
    e_start: np.ndarray
    c_start: np.ndarray
    cur_classes: np.ndarray
    lower: list
    raw_erosion: list  # the step-2 erosion_class of each parcel (text)

    @property
    def n(self) -> int:
        return len(self.frame)

    @property
    def a_plan(self) -> np.ndarray:
        return np.where(self.assessed, self.a_cur * self.re * self.rc, np.nan)

    @property
    def loss_cur(self) -> np.ndarray:
        return np.where(self.assessed, self.a_cur * self.area_ha / 100.0, 0.0)

    def classes_at(self, ratio: np.ndarray) -> np.ndarray:
        out = scaled_class_areas(self.cur_classes, ratio, self.lower, self.a_cur)
        out[~np.isfinite(self.cur_classes).all(axis=1)] = np.nan
        return out

    def site_prep(self, i: int, catalogue: Catalogue, timing: Mapping[str, Timing]) -> bool:
        return any(timing.get(c) is not None and timing[c].site_preparation for c in self.codes[i] if c in catalogue)


CLASS_COLUMNS = tuple(f"erosion_c{j}_ha" for j in range(6))


def _layout(inputs: BenefitInputs, notes: list[Msg]) -> _Layout:
    params, catalogue, tables = inputs.params, inputs.catalogue, inputs.tables
    cols = inputs.parcels
    frame = parcel_frame(cols, params)
    n = len(frame)
    raw_ids = cols.get("parcel_id") or list(range(1, n + 1))
    ids = np.array([int(to_number(v)) if np.isfinite(to_number(v)) else i + 1 for i, v in enumerate(raw_ids)])
    tol = float(inputs.tolerance_t_km2_a)
    _check_tolerance(frame, cols["erosion_class"], ids, tol)
    primary = [code_text(v) or "" for v in cols["measure_code"]]
    lists = cols.get("measure_codes") or [None] * n
    codes = [split_list(v) or ([p] if p else []) for v, p in zip(lists, primary)]
    mparams = cols.get("measure_params") or [None] * n
    b, e, t = (np.array([to_number(v) for v in cols[name]]) for name in ("b_factor", "e_factor", "t_factor"))
    a_cur = frame["soil_loss_t_km2_a"].to_numpy(dtype=np.float64)
    valid = frame["valid_cells"].to_numpy(dtype=np.float64) if "valid_cells" in frame else np.ones(n)
    assessed = np.isfinite(a_cur) & ~(valid == 0)
    classes = frame["csle_class"].tolist()
    if n and not assessed.any():  # no parcel with a soil loss: no benefit and no 水土保持率 (never 100 %)
        raise NoAssessedParcelsError(count=n)
    off = sum(1 for c, ok in zip(classes, assessed) if c is not None and not ok)
    if off:
        notes.append(msg(NOTE_UNASSESSED, count=off))
    factors: list[PlannedFactors | None] = []
    for i in range(n):
        ms = [catalogue[c] for c in codes[i] if c in catalogue]
        if not ms or not assessed[i] or not np.isfinite([b[i], e[i], t[i]]).all():
            factors.append(None)
            continue
        designs = [_design(m, mparams[i], m.code == primary[i]) for m in ms]
        factors.append(planned_factors(b[i], e[i], t[i], classes[i], ms, designs, params, tables.timing))
    for count, note in ((sum(1 for f in factors if f is not None and f.b_ignored), NOTE_B_ON_CROPLAND),
                        (sum(1 for f in factors if f is not None and f.t_ignored), NOTE_T_OFF_CROPLAND)):  # fmt: skip
        if count:
            notes.append(msg(note, count=count))
    impl = np.ones(n, dtype=np.int64)
    if inputs.implementation_years is not None:
        given = np.array([to_number(v) for v in inputs.implementation_years])
        impl = np.where(np.isfinite(given) & (given >= 1), np.floor(np.nan_to_num(given, nan=1.0)), 1).astype(np.int64)
    re, rc = np.ones(n), np.ones(n)
    e_start = np.zeros(n, dtype=np.int64)  # evaluation year a factor group takes effect (0: it does not change)
    c_start = np.zeros(n, dtype=np.int64)
    for i, f in enumerate(factors):
        if f is None:
            continue
        re[i], rc[i] = f.ratios(b[i], e[i], t[i])
        if f.e_code and re[i] < 1.0:
            e_start[i] = impl[i] + f.e_year - 1
        if f.c_code and rc[i] < 1.0:
            c_start[i] = impl[i] + f.c_year - 1
    return _Layout(
        frame=frame, ids=ids, primary=primary, codes=codes, assessed=assessed,
        area_ha=frame["area_ha"].to_numpy(dtype=np.float64), a_cur=a_cur, b=b, e=e, t=t, classes=classes,
        factors=factors, impl=impl, re=re, rc=rc, e_start=e_start, c_start=c_start,
        cur_classes=frame[list(CLASS_COLUMNS)].to_numpy(dtype=np.float64), lower=[0.0, *params.erosion_breaks(tol)],
        raw_erosion=[code_text(v) for v in cols["erosion_class"]],
    )  # fmt: skip


def _planned_frame(lay: _Layout) -> pd.DataFrame:
    """The parcel frame after the plan (full effect): planned A and class areas, and for parcels whose B·T a
    vegetation measure lowers, its SLR class and cover (never below the present cover of the same class)."""
    planned = lay.frame.copy()
    planned["soil_loss_t_km2_a"] = lay.a_plan
    planned[list(CLASS_COLUMNS)] = lay.classes_at(lay.re * lay.rc)
    for i, f in enumerate(lay.factors):
        if f is None or not f.planned_class or lay.rc[i] >= 1.0:
            continue
        row = planned.index[i]
        same = f.planned_class == lay.classes[i]
        for column, value in (("cover_fvc", f.fvc), ("canopy_gd", f.gd)):
            if column in planned.columns:
                old = float(planned.at[row, column]) if same else math.nan
                both = [v for v in (old, value) if np.isfinite(v)]
                planned.at[row, column] = max(both) if both else math.nan
        planned.at[row, "csle_class"] = f.planned_class
    return planned


def _parcel_water(lay: _Layout, catalogue: Catalogue, tables: BenefitTables) -> tuple[np.ndarray, list, np.ndarray]:
    """Per parcel: ΔW (m³/(hm²·a)) at full effect — the largest of its measures' (runoff_reduction.csv) —, the
    measure giving it, and the evaluation year it takes effect (that measure's timing; 0: none)."""
    water = np.zeros(lay.n)
    code = [None] * lay.n
    year = np.zeros(lay.n, dtype=np.int64)
    for i, cs in enumerate(lay.codes):
        best, best_m = 0.0, None
        for c in cs:
            value = tables.runoff.get(c, (math.nan, math.nan))[0]
            if c in catalogue and np.isfinite(value) and value > best:
                best, best_m = value, catalogue[c]
        if best_m is not None:
            water[i], code[i] = best, best_m.code
            prep = lay.site_prep(i, catalogue, tables.timing)
            year[i] = lay.impl[i] + timing_of(best_m, tables.timing, lay.classes[i]).year(prep) - 1
    return water, code, year


def _parcel_direct(lay: _Layout, catalogue: Catalogue, prices: Prices) -> list[list[tuple[str, float, int]]]:
    """Per parcel: (measure, 元/(hm²·a), first evaluation year of produce) of its measures with a direct benefit."""
    return [
        [(c, prices.direct[c].yuan_per_ha_a, int(lay.impl[i]) + prices.direct[c].start_year - 1)
         for c in cs if c in catalogue and c in prices.direct]
        for i, cs in enumerate(lay.codes)
    ]  # fmt: skip


def _works_frame(inputs: BenefitInputs) -> pd.DataFrame:
    """The works_quantities rows as a frame (measure_code, ws_code, storage_m3, silt_storage_m3, dam_class)."""
    w = inputs.works
    if not w or not len(w.get("measure_code", [])):
        return pd.DataFrame(columns=["measure_code", "ws_code", "storage_m3", "silt_storage_m3", "dam_class"])
    n = len(w["measure_code"])
    return pd.DataFrame({
        "measure_code": [code_text(v) or "" for v in w["measure_code"]],
        "ws_code": [code_text(v) or "—" for v in w["ws_code"]],
        "storage_m3": [to_number(v) for v in w["storage_m3"]],
        "silt_storage_m3": [to_number(v) for v in w.get("silt_storage_m3", [None] * n)],
        "dam_class": [code_text(v) or "" for v in w.get("dam_class", [None] * n)],
    })  # fmt: skip


def _spread(annual: float, start: int, length: float, years: int) -> np.ndarray:
    """``annual`` in each evaluation year of [start, start + length) (a fraction in a partial last year)."""
    y = np.arange(1, years + 1, dtype=np.float64)
    lo, hi = start - 1.0, start - 1.0 + length
    return annual * np.clip(np.minimum(y, hi) - np.maximum(y - 1.0, lo), 0.0, 1.0)


def _works(works: pd.DataFrame, tables: BenefitTables, dam_params: Mapping[str, float], years: int,
           notes: list[Msg]) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:  # fmt: skip
    """Per work: trapped sediment (t/a during its silting years) and water retained (m³/a), with their
    year-by-year arrays (works are built in year 1)."""
    density = float(dam_params.get("sediment_bulk_density_t_m3", math.nan))
    sediment_y = np.zeros((len(works), years))
    water_y = np.zeros((len(works), years))
    rows = []
    missing_years: set = set()
    gully_start = tables.timing["gully_works"].effect_year
    storage_start = tables.timing["storage_works"].effect_year
    for k, w in enumerate(works.itertuples(index=False)):
        code, storage = w.measure_code, (w.storage_m3 if np.isfinite(w.storage_m3) else 0.0)
        fills = tables.runoff.get(code, (math.nan, math.nan))[1]
        fills = fills if np.isfinite(fills) else 0.0
        sediment_a = water_a = 0.0
        silting = math.nan
        if code in DAM_CODES:
            silt = w.silt_storage_m3 if np.isfinite(w.silt_storage_m3) else storage * tables.silt_share.get(code, 0.0)
            silting = dam_params.get(f"silting_years_{code}_{w.dam_class}", dam_params.get(f"silting_years_{code}"))
            silting = float(silting) if silting is not None else math.nan
            if np.isfinite(silting) and silting > 0 and np.isfinite(density):
                sediment_a = silt * density / silting
                sediment_y[k] = _spread(sediment_a, gully_start, silting, years)
            elif silt > 0:
                missing_years.add(code)
            water_a = max(storage - silt, 0.0) * fills
            water_y[k] = _spread(water_a, gully_start, years, years)
        elif code in WATER_WORKS:
            water_a = storage * fills
            water_y[k] = _spread(water_a, storage_start, years, years)
        rows.append({"ws_code": w.ws_code, "measure_code": code, "sediment_t_a": sediment_a, "water_m3_a": water_a,
                     "silting_years": silting})  # fmt: skip
    if missing_years:
        notes.append(msg(NOTE_NO_SILTING_YEARS, codes=", ".join(sorted(missing_years))))
    frame = pd.DataFrame(rows, columns=["ws_code", "measure_code", "sediment_t_a", "water_m3_a", "silting_years"])
    return frame, sediment_y, water_y


def _investment(inputs: BenefitInputs) -> dict[str, float]:
    """Static total investment (元) per small watershed of investment_by_ws (ws_code NULL → "—")."""
    table = inputs.investment_by_ws
    out: dict[str, float] = {}
    if not table:
        return out
    for ws, value in zip(table["ws_code"], table["static_total_yuan"]):
        v = to_number(value)
        if np.isfinite(v):
            key = code_text(ws) or "—"
            out[key] = out.get(key, 0.0) + v
    out.pop(ALL, None)
    return out


class _Units:
    """Sums of parcel values per small watershed by the parcel pieces' shares (``core.summaries.split_pieces``),
    and of works values by their ws_code; the last row is the whole area (ALL = the sum of the units)."""

    def __init__(self, pieces: pd.DataFrame, works_ws: Sequence[str], extra: Sequence[str]) -> None:
        self.idx = pieces["parcel_index"].to_numpy()
        self.share = pieces["piece_share"].to_numpy(dtype=np.float64)
        ws = pieces["ws_code"].fillna("—").astype(str).to_numpy()
        self.names = [u for u in sorted(set(ws) | set(works_ws) | set(extra)) if u != ALL]
        pos = {u: k for k, u in enumerate(self.names)}
        self.of_piece = np.array([pos[u] for u in ws], dtype=np.int64)
        self.of_work = np.array([pos[u] for u in works_ws], dtype=np.int64)
        self.codes = [*self.names, ALL]

    def __len__(self) -> int:
        return len(self.codes)

    def parcels(self, values: np.ndarray) -> np.ndarray:
        values = np.asarray(values, dtype=np.float64)
        v = np.nan_to_num(values[self.idx]) * (self.share if values.ndim == 1 else self.share[:, None])
        out = np.zeros((len(self), *values.shape[1:]))
        np.add.at(out, self.of_piece, v)
        out[-1] = out[:-1].sum(axis=0)
        return out

    def works(self, values: np.ndarray) -> np.ndarray:
        values = np.asarray(values, dtype=np.float64)
        out = np.zeros((len(self), *values.shape[1:]))
        if values.shape[0]:
            np.add.at(out, self.of_work, np.nan_to_num(values))
        out[-1] = out[:-1].sum(axis=0)
        return out


def _d020(lay: _Layout, catalogue: Catalogue, units: _Units, years: int, yearly: dict, works: pd.DataFrame,
          works_rows: pd.DataFrame) -> pd.DataFrame:  # fmt: skip
    """SL/T 447 D.0.20 per small watershed × measure column (+ 合计, + ALL): water (万m³), soil (slope ΔS apportioned
    to the measure that set each factor, + sediment trapped by gully works; 万t) and direct benefit (万元), per
    year at full effect (``*_a``) and summed over the evaluation period (``*_period``)."""
    records = []
    loss = lay.loss_cur
    full = loss * (1.0 - lay.re * lay.rc)
    se, sc = log_shares(lay.re, lay.rc)
    se_y, sc_y = log_shares(yearly["r_e"], yearly["r_c"])
    d_y = loss[:, None] * (1.0 - yearly["r_e"] * yearly["r_c"])
    for i, f in enumerate(lay.factors):
        if f is None:
            continue
        for code, part, part_y in ((f.e_code, se[i], se_y[i]), (f.c_code, sc[i], sc_y[i])):
            if code and part > 0:
                records.append((i, code, 0.0, full[i] * part, 0.0, 0.0, float(np.sum(d_y[i] * part_y)), 0.0))
    for i, code in enumerate(yearly["water_code"]):
        if code:
            records.append((i, code, yearly["water_full"][i] * lay.area_ha[i], 0.0, 0.0,
                            float(yearly["water"][i].sum()), 0.0, 0.0))  # fmt: skip
    for i, items in enumerate(yearly["direct"]):
        for code, value, start in items:
            area = lay.area_ha[i]
            records.append((i, code, 0.0, 0.0, value * area, 0.0, 0.0, value * area * max(0, years - start + 1)))
    value_cols = ["water_a", "soil_a", "direct_a", "water_p", "soil_p", "direct_p"]
    rec = pd.DataFrame(records, columns=["parcel", "code", *value_cols])
    pieces = pd.DataFrame({"parcel": units.idx, "unit": units.of_piece, "share": units.share})
    rec = rec.merge(pieces, on="parcel")
    rec[value_cols] = rec[value_cols].mul(rec["share"], axis=0)
    rec["unit"] = [units.names[u] for u in rec["unit"]]
    w = pd.DataFrame({
        "unit": works_rows["ws_code"].tolist(), "code": works_rows["measure_code"].tolist(), "water_a":
        works_rows["water_m3_a"].to_numpy(), "soil_a": works_rows["sediment_t_a"].to_numpy(), "direct_a": 0.0,
        "water_p": yearly["works_water"].sum(axis=1) if len(works_rows) else [], "soil_p":
        yearly["works_sediment"].sum(axis=1) if len(works_rows) else [], "direct_p": 0.0,
    })  # fmt: skip
    both = pd.concat([f for f in (rec[["unit", "code", *value_cols]], w) if len(f)], ignore_index=True)
    if both.empty:
        both = pd.DataFrame(columns=["unit", "code", *value_cols])
    both = pd.concat([both, both.assign(unit=ALL)], ignore_index=True)
    both["measure_column"] = [column_name(catalogue.get(c), c) for c in both["code"]]
    out_rows = []
    for u in units.codes:
        g = both[both["unit"] == u]
        for column, h in sorted(g.groupby("measure_column"), key=lambda item: item[0]):
            out_rows.append({"ws_code": u, "measure_column": column, "measure_codes": ";".join(sorted(set(h["code"]))),
                             **{c: float(h[c].sum()) for c in value_cols}})  # fmt: skip
        out_rows.append({"ws_code": u, "measure_column": TOTAL_COLUMN, "measure_codes": "",
                         **{c: float(g[c].sum()) for c in value_cols}})  # fmt: skip
    out = pd.DataFrame(out_rows)
    return pd.DataFrame({
        "ws_code": out["ws_code"], "measure_column": out["measure_column"], "measure_codes": out["measure_codes"],
        "water_wan_m3_a": out["water_a"] / 1e4, "soil_wan_t_a": out["soil_a"] / 1e4,
        "direct_benefit_wan_yuan_a": out["direct_a"] / 1e4, "water_wan_m3_period": out["water_p"] / 1e4,
        "soil_wan_t_period": out["soil_p"] / 1e4, "direct_benefit_wan_yuan_period": out["direct_p"] / 1e4,
    }, columns=list(D020_COLUMNS))  # fmt: skip


def _parcel_table(lay: _Layout, params: ParamSet, tol: float, water_full: np.ndarray, direct: list) -> pd.DataFrame:
    a_plan = lay.a_plan
    loss_cur = lay.loss_cur
    loss_plan = np.where(lay.assessed, a_plan * lay.area_ha / 100.0, np.nan)
    known = np.isfinite(lay.cur_classes).all(axis=1)
    plan_classes = lay.classes_at(lay.re * lay.rc)
    planned = [(f.b, f.e, f.t) if f is not None else (b, e, t) for f, b, e, t in zip(lay.factors, lay.b, lay.e, lay.t)]
    bp, ep, tp = (np.array([p[k] for p in planned], dtype=np.float64) for k in range(3))
    ec = erosion_class(a_plan, params, tol)
    kinds = [treatment_kind(p, c) for p, c in zip(lay.primary, lay.raw_erosion)]
    e_year = np.where(lay.e_start > 0, lay.e_start, np.nan)
    c_year = np.where(lay.c_start > 0, lay.c_start, np.nan)
    return pd.DataFrame({
        "parcel_id": lay.ids, "ws_code": lay.frame["ws_code"].tolist(),
        "landuse_code": lay.frame["landuse_code"].tolist(),
        "measure_code": lay.primary, "measure_codes": [";".join(cs) for cs in lay.codes], "area_ha": lay.area_ha,
        "treatment": kinds, "b_current": lay.b, "e_current": lay.e, "t_current": lay.t,
        "b_planned": bp, "e_planned": ep, "t_planned": tp,
        "a_current_t_km2_a": np.where(lay.assessed, lay.a_cur, np.nan), "a_planned_t_km2_a": a_plan,
        "soil_loss_current_t_a": np.where(lay.assessed, loss_cur, np.nan), "soil_loss_planned_t_a": loss_plan,
        "soil_conserved_t_a": np.where(lay.assessed, loss_cur - np.nan_to_num(loss_plan), np.nan),
        "eroded_area_current_ha": np.where(known, np.nansum(lay.cur_classes[:, 1:], axis=1), np.nan),
        "eroded_area_planned_ha": np.where(known, np.nansum(plan_classes[:, 1:], axis=1), np.nan),
        "erosion_class_planned": [params.erosion_names[c][0] if c >= 0 else None for c in ec],
        "implementation_year": lay.impl, "e_effect_year": e_year, "c_effect_year": c_year,
        "full_effect_year": np.fmax(e_year, c_year),
        "water_retained_m3_a": water_full * lay.area_ha,
        "direct_benefit_yuan_a": np.array([sum(v for _, v, _ in d) for d in direct]) * lay.area_ha,
        "basis": [
            f"A' = {a:.1f} × E {fe:.4g}/{ce:.4g} × BT {fb * ft:.4g}/{cb * ct:.4g} = {ap:.1f} t/(km²·a)"
            if f is not None else ""
            for f, a, ap, fe, ce, fb, ft, cb, ct in zip(lay.factors, lay.a_cur, a_plan, ep, lay.e, bp, tp, lay.b, lay.t)
        ],
    }, columns=list(PARCEL_COLUMNS))  # fmt: skip


def _yearly(lay: _Layout, catalogue: Catalogue, tables: BenefitTables, years: int) -> dict:
    """Per parcel and evaluation year (n × years): factor ratios, soil loss and ΔS (t), water (m³), direct
    benefit (元), effective area (hm²) and eroded area (hm², recounted from the class areas)."""
    y = np.arange(1, years + 1)
    e_on = (lay.e_start[:, None] > 0) & (y[None, :] >= lay.e_start[:, None])
    c_on = (lay.c_start[:, None] > 0) & (y[None, :] >= lay.c_start[:, None])
    r_e = np.where(e_on, lay.re[:, None], 1.0)
    r_c = np.where(c_on, lay.rc[:, None], 1.0)
    ratio = r_e * r_c
    loss = lay.loss_cur[:, None]
    water_full, water_code, water_year = _parcel_water(lay, catalogue, tables)
    started = (water_year[:, None] > 0) & (y[None, :] >= water_year[:, None])
    direct = _parcel_direct(lay, catalogue, tables.prices)
    direct_y = np.zeros((lay.n, years))
    for i, items in enumerate(direct):
        for _code, value, start in items:
            direct_y[i, y >= start] += value * lay.area_ha[i]
    eroded = np.empty((lay.n, years))
    cache: dict = {}
    for k in range(years):
        key = ratio[:, k].tobytes()
        if key not in cache:
            cache[key] = np.nansum(lay.classes_at(ratio[:, k])[:, 1:], axis=1)
        eroded[:, k] = cache[key]
    return {
        "r_e": r_e, "r_c": r_c, "loss": loss * ratio, "soil": loss * (1.0 - ratio),
        "water_full": water_full, "water_code": water_code,
        "water": np.where(started, (water_full * lay.area_ha)[:, None], 0.0),
        "direct": direct, "direct_y": direct_y, "effective": np.where(e_on | c_on, lay.area_ha[:, None], 0.0),
        "eroded": eroded,
    }  # fmt: skip


def evaluate(inputs: BenefitInputs) -> BenefitResult:
    """The benefits of one plan (module docstring): per parcel, per small watershed and ALL, by year, D.0.20
    and D.0.21. Raises :class:`NoMeasureFieldError` / :class:`NotAnalysedParcelsError` for a layer that is not a
    step-3 layout, :class:`NoPlannedMeasuresError` for a layout without any measure, :class:`TableFieldError`
    for a works / investment table without its fields, :class:`ToleranceMismatchError` when the tolerance is
    not the one step 2 classified with, and :class:`InvalidParameterError` for a bad period, rate or target."""
    _check(inputs)
    params, catalogue, tables = inputs.params, inputs.catalogue, inputs.tables
    tol, years = float(inputs.tolerance_t_km2_a), int(inputs.years)
    rate = float(inputs.discount_rate_pct if inputs.discount_rate_pct is not None else tables.prices.discount_rate_pct)
    notes: list[Msg] = []
    lay = _layout(inputs, notes)
    unknown = sorted({c for cs in lay.codes for c in cs if c not in catalogue})
    if unknown:
        notes.append(msg(NOTE_UNKNOWN, codes=", ".join(unknown)))
    works = _works_frame(inputs)
    if not any(c in catalogue for cs in lay.codes for c in cs) and works.empty:
        raise NoPlannedMeasuresError(layer=inputs.layer_name or "PARCELS")
    late = int(np.sum((lay.e_start > years) | (lay.c_start > years)))
    if late:
        notes.append(msg(NOTE_LATE_EFFECT, count=late, years=years))

    # now and after the plan, per unit, with the step-2 definitions (core.summaries)
    pieces = split_pieces(lay.frame)
    ind_cur = indicators(pieces, params).set_index("ws_code")
    ind_plan = indicators(split_pieces(_planned_frame(lay)), params).set_index("ws_code")
    yearly = _yearly(lay, catalogue, tables, years)
    works_rows, sediment_y, works_water_y = _works(works, tables, inputs.dam_params, years, notes)
    yearly["works_sediment"], yearly["works_water"] = sediment_y, works_water_y
    invest = _investment(inputs)
    units = _Units(pieces, works["ws_code"].tolist(), list(invest))
    u = {
        "soil_y": units.parcels(yearly["soil"]), "loss_y": units.parcels(yearly["loss"]),
        "sed_y": units.works(sediment_y), "water_y": units.parcels(yearly["water"]) + units.works(works_water_y),
        "direct_y": units.parcels(yearly["direct_y"]), "effective_y": units.parcels(yearly["effective"]),
        "eroded_y": units.parcels(yearly["eroded"]) / 100.0,
        "loss_cur": units.parcels(lay.loss_cur),
        "loss_plan": units.parcels(np.where(lay.assessed, lay.a_plan * lay.area_ha / 100.0, 0.0)),
        "sed_a": units.works(works_rows["sediment_t_a"].to_numpy()),
        "water_a": units.parcels(yearly["water_full"] * lay.area_ha) + units.works(works_rows["water_m3_a"].to_numpy()),
        "direct_a": units.parcels(np.array([sum(v for _, v, _ in d) for d in yearly["direct"]]) * lay.area_ha),
    }  # fmt: skip
    kinds = np.array([treatment_kind(p, c) for p, c in zip(lay.primary, lay.raw_erosion)])
    u["treated_ha"] = units.parcels(np.where(kinds == TREATED, lay.area_ha, 0.0))
    eroded_now = np.nansum(lay.cur_classes[:, 1:], axis=1)
    u["treated_eroded_ha"] = units.parcels(np.where(kinds == TREATED, eroded_now, 0.0))
    u["protection_ha"] = units.parcels(np.where(kinds == PROTECTION, lay.area_ha, 0.0))
    econ = _economics(lay, units, u, invest, inputs.investment_by_ws is not None, tables.prices, rate, years, notes)
    target = tables.targets.get(inputs.target_id) if inputs.target_id else None
    unit_table = _unit_table(units, u, ind_cur, ind_plan, econ, target)
    by_year = _by_year(units, u, econ, unit_table["assessed_area_km2"].to_numpy(), years)
    return BenefitResult(
        parcels=_parcel_table(lay, params, tol, yearly["water_full"], yearly["direct"]),
        units=unit_table, by_year=by_year, d020=_d020(lay, catalogue, units, years, yearly, works, works_rows),
        d021=_d021(units, u, econ, rate, years), tolerance_t_km2_a=tol, years=years,
        discount_rate_pct=rate, target=target, notes=notes, unknown_codes=unknown,
    )  # fmt: skip


def _economics(lay: _Layout, units: _Units, u: dict, invest: dict, has_inv: bool, p: Prices, rate: float,
               years: int, notes: list[Msg]) -> dict:  # fmt: skip
    """Cash flows per unit and year: the investment spent in the implementation years pro rata to the area with
    measures (all in year 1 when a unit has none), O&M on what was spent before, benefits valued at the prices."""
    if not has_inv:
        notes.append(msg(NOTE_NO_INVESTMENT))
    nu = len(units)
    inv = np.array([invest.get(name, 0.0) for name in units.names] + [sum(invest.values())])
    measured = np.array([bool(cs) for cs in lay.codes])
    spend = np.zeros((nu, years))
    for y in range(1, years + 1):
        spend[:, y - 1] = units.parcels(np.where(measured & (lay.impl == y), lay.area_ha, 0.0))
    total = spend.sum(axis=1, keepdims=True)
    shares = np.divide(spend, total, out=np.zeros_like(spend), where=total > 0)
    shares[total[:, 0] <= 0, 0] = 1.0
    invest_y = shares * inv[:, None]
    invest_y[-1] = invest_y[:-1].sum(axis=0)
    om_y = (np.cumsum(invest_y, axis=1) - invest_y) * p.om_rate_pct / 100.0
    benefit_y = (
        u["direct_y"] + u["water_y"] * p.water_yuan_m3 + u["soil_y"] * p.soil_yuan_t + u["sed_y"] * p.sediment_yuan_t
    )
    cost_y = invest_y + om_y
    disc = 1.0 / (1.0 + rate / 100.0) ** np.arange(1, years + 1)
    net_y = benefit_y - cost_y
    irrs = np.array([irr(net_y[k]) if has_inv else math.nan for k in range(nu)])
    for k, name in enumerate(units.codes):
        if has_inv and inv[k] > 0 and not np.isfinite(irrs[k]):
            notes.append(msg(NOTE_NO_IRR, unit=name))
    return {"has_inv": has_inv, "prices": p, "inv": inv, "invest_y": invest_y, "om_y": om_y, "benefit_y": benefit_y,
            "cost_y": cost_y, "net_y": net_y, "disc": disc, "irr": irrs}  # fmt: skip


def _unit_table(units: _Units, u: dict, ind_cur: pd.DataFrame, ind_plan: pd.DataFrame, econ: dict,
                target: SwcTarget | None) -> pd.DataFrame:  # fmt: skip
    rows = []
    nan = math.nan
    for k, name in enumerate(units.codes):

        def get(table: pd.DataFrame, column: str) -> float:
            return float(table.at[name, column]) if name in table.index else nan  # noqa: B023

        assessed = get(ind_cur, "assessed_area_km2")
        loss_c, loss_p = float(u["loss_cur"][k]), float(u["loss_plan"][k])
        conserved = loss_c - loss_p
        sediment = float(u["sed_a"][k])
        retained = conserved + sediment
        period = float(u["soil_y"][k].sum() + u["sed_y"][k].sum())
        eroded_c, eroded_p = get(ind_cur, "eroded_area_km2"), get(ind_plan, "eroded_area_km2")
        swc_c, swc_p = get(ind_cur, "swc_rate_pct"), get(ind_plan, "swc_rate_pct")
        fg_c, fg_p = get(ind_cur, "forest_grass_cover_pct"), get(ind_plan, "forest_grass_cover_pct")
        treated_ha = float(u["treated_ha"][k])
        treated_eroded = float(u["treated_eroded_ha"][k])
        inv = float(econ["inv"][k]) if econ["has_inv"] else nan
        water = float(u["water_a"][k])
        rows.append({
            "ws_code": name, "land_area_km2": get(ind_cur, "land_area_km2"), "assessed_area_km2": assessed,
            "soil_loss_current_t_a": loss_c, "soil_loss_planned_t_a": loss_p, "soil_conserved_t_a": conserved,
            "soil_conserved_wan_t_a": conserved / 1e4,
            "soil_loss_reduction_pct": conserved / loss_c * 100.0 if loss_c > 0 else nan,
            "mean_modulus_current_t_km2_a": loss_c / assessed if assessed > 0 else nan,
            "mean_modulus_planned_t_km2_a": loss_p / assessed if assessed > 0 else nan,
            "eroded_area_current_km2": eroded_c, "eroded_area_planned_km2": eroded_p,
            "eroded_area_reduction_km2": eroded_c - eroded_p,
            "swc_rate_current_pct": swc_c, "swc_rate_planned_pct": swc_p, "swc_rate_gain_pct": swc_p - swc_c,
            "swc_target_id": target.target_id if target else None,
            "swc_target_pct": target.swc_rate_pct if target else nan,
            "swc_gap_current_pct": target.swc_rate_pct - swc_c if target else nan,
            "swc_gap_planned_pct": target.swc_rate_pct - swc_p if target else nan,
            "treated_area_km2": treated_ha / 100.0, "treated_eroded_area_km2": treated_eroded / 100.0,
            "protection_area_km2": float(u["protection_ha"][k]) / 100.0,
            "treatment_degree_pct": treated_eroded / 100.0 / eroded_c * 100.0 if eroded_c > 0 else nan,
            "forest_grass_cover_current_pct": fg_c, "forest_grass_cover_planned_pct": fg_p,
            "forest_grass_cover_change_pct": fg_p - fg_c,
            "sediment_trapped_t_a": sediment, "soil_retained_total_t_a": retained,
            "water_retained_m3_a": water, "water_retained_wan_m3_a": water / 1e4,
            "direct_benefit_yuan_a": float(u["direct_a"][k]), "investment_yuan": inv,
            "investment_yuan_per_t_a": inv / retained if retained > 0 else nan,
            "investment_yuan_per_t_period": inv / period if period > 0 else nan,
            "investment_yuan_per_hm2": inv / treated_ha if treated_ha > 0 else nan,
            "npv_yuan": float(np.sum(econ["net_y"][k] * econ["disc"])) if econ["has_inv"] else nan,
            "irr_pct": float(econ["irr"][k]),
        })  # fmt: skip
    return pd.DataFrame(rows, columns=list(UNIT_COLUMNS))


def _by_year(units: _Units, u: dict, econ: dict, assessed: np.ndarray, years: int) -> pd.DataFrame:
    rows = []
    has = econ["has_inv"]
    money = lambda key, k, y: float(econ[key][k, y]) if has else math.nan  # noqa: E731
    for k, name in enumerate(units.codes):
        cumulative = np.cumsum(u["soil_y"][k])
        for y in range(years):
            eroded = float(u["eroded_y"][k, y])
            rows.append((
                name, y + 1, float(u["effective_y"][k, y]), float(u["loss_y"][k, y]), float(u["soil_y"][k, y]),
                float(u["sed_y"][k, y]), float(u["water_y"][k, y]), eroded, swc_rate_pct(assessed[k], eroded),
                float(u["direct_y"][k, y]), float(econ["benefit_y"][k, y]), money("invest_y", k, y),
                money("om_y", k, y), money("cost_y", k, y), money("net_y", k, y), float(econ["disc"][y]),
                float(econ["net_y"][k, y] * econ["disc"][y]) if has else math.nan, float(cumulative[y]),
            ))  # fmt: skip
    return pd.DataFrame(rows, columns=list(BY_YEAR_COLUMNS))


def _d021(units: _Units, u: dict, econ: dict, rate: float, years: int) -> pd.DataFrame:
    """SL/T 447 D.0.21 per unit: 总费用 (investment + O&M), 总经济效益 (direct + valued water, soil and sediment),
    their present values, NPV, IRR and the benefit–cost ratio (万元; undiscounted sums over the period)."""
    has, disc = econ["has_inv"], econ["disc"]
    nan = math.nan
    rows = []
    for k, name in enumerate(units.codes):
        pv_b = float(np.sum(econ["benefit_y"][k] * disc))
        pv_c = float(np.sum(econ["cost_y"][k] * disc))
        water = u["water_y"][k].sum()
        rows.append({
            "ws_code": name, "years": years, "discount_rate_pct": rate,
            "investment_wan_yuan": econ["invest_y"][k].sum() / 1e4 if has else nan,
            "om_cost_wan_yuan": econ["om_y"][k].sum() / 1e4 if has else nan,
            "total_cost_wan_yuan": econ["cost_y"][k].sum() / 1e4 if has else nan,
            "direct_benefit_wan_yuan": u["direct_y"][k].sum() / 1e4,
            "water_benefit_wan_yuan": water * econ["prices"].water_yuan_m3 / 1e4,
            "soil_benefit_wan_yuan": u["soil_y"][k].sum() * econ["prices"].soil_yuan_t / 1e4,
            "sediment_benefit_wan_yuan": u["sed_y"][k].sum() * econ["prices"].sediment_yuan_t / 1e4,
            "total_benefit_wan_yuan": econ["benefit_y"][k].sum() / 1e4,
            "pv_benefit_wan_yuan": pv_b / 1e4, "pv_cost_wan_yuan": pv_c / 1e4 if has else nan,
            "npv_wan_yuan": (pv_b - pv_c) / 1e4 if has else nan, "irr_pct": float(econ["irr"][k]),
            "bcr": pv_b / pv_c if has and pv_c > 0 else nan,
        })  # fmt: skip
    return pd.DataFrame(rows, columns=list(D021_COLUMNS))
