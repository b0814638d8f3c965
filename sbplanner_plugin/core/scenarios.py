"""Comparing the scenarios of a plan (方案比选, issue 11): baseline, plan A, plan B … side by side.

One entry: :func:`compare_scenarios` (:class:`CompareInputs` → :class:`CompareResult`). Each scenario brings
the step-5 unit table of its own layers (``benefit_ws``: one row per small watershed and ``ALL``, columns of
:data:`sbplanner_plugin.core.benefits.UNIT_COLUMNS`), its step-4 ``investment_by_ws`` (``ws_code``,
``static_total_yuan``) and the measures of its step-3 layout (to refuse a scenario without measures). Per
scenario and unit (each small watershed and the whole area ``ALL``) the result holds

* soil loss now and after the plan (t/a), soil conserved = now − after (t/a) — ``benefit_ws``
  (GB/T 15774-2008, CSLE on the step-2 factors);
* 水土保持率 now and after (%) — ``benefit_ws`` (domain reference §4);
* static total investment (万元) — ``investment_by_ws`` (水总[2003]67号 静态总投资, parts 1–4 + 基本预备费;
  ``benefit_ws.investment_yuan`` when the scenario has no investment table);
* cost per tonne (元/t): the static investment ÷ the soil conserved in one year (元 per t/a). Step 5's
  ``investment_yuan_per_t_a`` divides by the soil conserved *plus* the sediment the dams trap; this one
  compares what the measures buy in soil conservation alone [PROPOSAL];
* treated area (治理面积, km², step 3: whole parcels with a treating measure);
* the difference of each to the reference scenario (the baseline when compared, else the first one).

The two steps that produce the numbers (step 4 and step 5) are run per scenario: a scenario whose benefits were
evaluated with a different investment than its current estimate gets a note (re-run step 5).

**One classification for the before/after maps** (:func:`map_classes`): every map of a comparison (the soil
loss modulus now and after the plan of every scenario) uses the same class breaks — the SL 190-2007 erosion
intensity classes (:func:`erosion_map_classes`, the breaks of erosion_classes.csv with the regional tolerance),
or, for any other quantity, breaks computed once over the values of all the maps pooled (quantiles or equal
intervals), so equal colours mean equal values on every map.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sbplanner_plugin.core.definitions import code_text, split_list, to_number
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, InvalidParameterError, Msg, SbPlannerError, msg
from sbplanner_plugin.core.summaries import ALL

#: The benefit_ws fields a comparison reads.
BENEFIT_FIELDS = (
    "ws_code", "soil_loss_current_t_a", "soil_loss_planned_t_a", "soil_conserved_t_a", "swc_rate_current_pct",
    "swc_rate_planned_pct", "treated_area_km2",
)  # fmt: skip
#: The investment_by_ws fields a comparison reads.
INVESTMENT_FIELDS = ("ws_code", "static_total_yuan")
#: The compared quantities, in order (each also as ``diff_<name>``: scenario − reference).
METRICS = (
    "soil_loss_current_t_a", "soil_loss_planned_t_a", "soil_conserved_t_a", "swc_rate_current_pct",
    "swc_rate_planned_pct", "investment_wan_yuan", "cost_yuan_per_t", "treated_area_km2",
)  # fmt: skip
#: Columns of both result tables.
COLUMNS = ("scenario_id", "scenario_name", "reference_id", "ws_code", *METRICS, *(f"diff_{m}" for m in METRICS))
#: Investment differences below this (元) are rounding, not a stale evaluation.
INVESTMENT_TOLERANCE_YUAN = 1.0


class ScenarioWithoutMeasuresError(SbPlannerError):
    key = "scenario_without_measures"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The scenario {scenario} has no measures: assign measures to its parcels (step 3), then run steps 4 and 5 for it before comparing it."  # noqa: E501
    )  # fmt: skip


class ScenarioNotEvaluatedError(SbPlannerError):
    key = "scenario_not_evaluated"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The scenario {scenario} has no benefit evaluation (benefit_ws): run step 5 (Evaluate the benefits) for it before comparing it."  # noqa: E501
    )  # fmt: skip


class ScenarioTableError(SbPlannerError):
    key = "scenario_table"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The table {table} of scenario {scenario} lacks the field '{field}': run that step again for the scenario."
    )  # fmt: skip


class NoScenariosError(SbPlannerError):
    key = "no_scenarios"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "Choose at least one scenario to compare.")


NOTE_STALE_INVESTMENT = QT_TRANSLATE_NOOP(
    "SbPlannerErrors",
    "Scenario {scenario}: its benefits were evaluated with an investment of {evaluated:,.2f} 万元, its estimate is now {current:,.2f} 万元; run step 5 again for it."  # noqa: E501
)  # fmt: skip
NOTE_NO_INVESTMENT = QT_TRANSLATE_NOOP(
    "SbPlannerErrors",
    "Scenario {scenario} has no investment estimate (step 4): its investment and cost per tonne are empty."
)  # fmt: skip


NOTE_STALE_QUANTITIES = QT_TRANSLATE_NOOP(
    "SbPlannerErrors",
    "Scenario {scenario}: the measures of {count} parcels changed after its quantities (step 4), so its investment and cost per tonne are those of the earlier layout; run step 4 (Recompute changed) and step 5 again for it."  # noqa: E501
)  # fmt: skip

#: The parcel fields that make a layout: compared between parcels_measures and measure_quantities.
LAYOUT_FIELDS = ("parcel_id", "measure_code", "measure_codes", "measure_params")


@dataclass(frozen=True)
class ScenarioTables:
    """What one scenario brings to a comparison (attribute columns: field → values, None = NULL)."""

    scenario_id: str
    name: str = ""
    benefit_ws: Mapping[str, Sequence] | None = None  # its benefit_ws (None: step 5 not run)
    investment_by_ws: Mapping[str, Sequence] | None = None  # its investment_by_ws (None: step 4 not run)
    #: the measure_code / measure_codes values of its parcels_measures (None: no layout)
    measure_codes: Sequence | None = None
    works_count: int = 0  # features of its works layers (check dams, gully heads, ditches …)
    #: LAYOUT_FIELDS columns of its parcels_measures and of its measure_quantities (step 4's copy of the layout
    #: it computed); None: the table is missing
    layout: Mapping[str, Sequence] | None = None
    quantities_layout: Mapping[str, Sequence] | None = None

    @property
    def label(self) -> str:
        return self.name or self.scenario_id


@dataclass(frozen=True)
class CompareInputs:
    scenarios: Sequence[ScenarioTables]
    baseline: str = "baseline"  # the reference when it is compared (else the first scenario)


@dataclass
class CompareResult:
    whole: pd.DataFrame  # COLUMNS, one row per scenario (ws_code ALL), in the order given
    by_watershed: pd.DataFrame  # COLUMNS, per scenario then small watershed (as in its benefit_ws)
    reference_id: str
    notes: list[Msg] = field(default_factory=list)


def scenario_title(scenario_id: str, name: str = "", language: str = "zh") -> str:
    """A scenario as a deliverable names it: the baseline 现状方案 / Baseline, another ``name（id）`` (``name (id)``
    in English; its id alone when it has no other name)."""
    if scenario_id == "baseline":
        return "Baseline" if language == "en" else "现状方案"
    name = (name or "").strip()
    if not name or name == scenario_id:
        return scenario_id
    return f"{name} ({scenario_id})" if language == "en" else f"{name}（{scenario_id}）"


def has_measures(tables: ScenarioTables) -> bool:
    """True when the scenario's layout gives a parcel a measure or it has a work."""
    if tables.works_count > 0:
        return True
    return any(split_list(code_text(v) or "") for v in (tables.measure_codes or ()))


def _columns(tables: ScenarioTables, name: str, columns: Mapping[str, Sequence], needed: Sequence[str]) -> None:
    for f in needed:
        if f not in columns:
            raise ScenarioTableError(scenario=tables.label, table=name, field=f)


def _check(inputs: CompareInputs) -> None:
    if not inputs.scenarios:
        raise NoScenariosError()
    seen: set[str] = set()
    for s in inputs.scenarios:
        if s.scenario_id in seen:
            raise InvalidParameterError(
                name="SCENARIOS",
                value=s.scenario_id,
                reason=QT_TRANSLATE_NOOP("SbPlannerErrors", "each scenario once"),
            )
        seen.add(s.scenario_id)
        if not has_measures(s):
            raise ScenarioWithoutMeasuresError(scenario=s.label)
        if s.benefit_ws is None:
            raise ScenarioNotEvaluatedError(scenario=s.label)
        _columns(s, "benefit_ws", s.benefit_ws, BENEFIT_FIELDS)
        if s.investment_by_ws is not None:
            _columns(s, "investment_by_ws", s.investment_by_ws, INVESTMENT_FIELDS)


def _units(tables: ScenarioTables) -> dict[str, dict[str, float]]:
    """{ws_code: {field: value}} of the scenario's benefit_ws (the unit order kept)."""
    columns = tables.benefit_ws or {}
    n = len(columns["ws_code"])
    out: dict[str, dict[str, float]] = {}
    for i in range(n):
        code = code_text(columns["ws_code"][i]) or "—"
        out[code] = {f: to_number(columns[f][i]) for f in BENEFIT_FIELDS[1:]}
        out[code]["investment_yuan"] = (
            to_number(columns["investment_yuan"][i]) if "investment_yuan" in columns else math.nan
        )
    return out


def _investment(tables: ScenarioTables) -> dict[str, float] | None:
    """Static total (元) per small watershed and ALL (their sum) of investment_by_ws; None without the table."""
    table = tables.investment_by_ws
    if table is None:
        return None
    out: dict[str, float] = {}
    for ws, value in zip(table["ws_code"], table["static_total_yuan"]):
        v = to_number(value)
        key = code_text(ws) or "—"
        if key == ALL or not np.isfinite(v):
            continue
        out[key] = out.get(key, 0.0) + v
    out[ALL] = sum(out.values())
    return out


def _row(tables: ScenarioTables, code: str, unit: dict[str, float], invest_yuan: float) -> dict:
    conserved = unit["soil_conserved_t_a"]
    cost = invest_yuan / conserved if np.isfinite(invest_yuan) and conserved > 0 else math.nan
    return {
        "scenario_id": tables.scenario_id, "scenario_name": tables.label, "ws_code": code,
        "soil_loss_current_t_a": unit["soil_loss_current_t_a"], "soil_loss_planned_t_a": unit["soil_loss_planned_t_a"],
        "soil_conserved_t_a": conserved, "swc_rate_current_pct": unit["swc_rate_current_pct"],
        "swc_rate_planned_pct": unit["swc_rate_planned_pct"], "investment_wan_yuan": invest_yuan / 1e4,
        "cost_yuan_per_t": cost, "treated_area_km2": unit["treated_area_km2"],
    }  # fmt: skip


def _layout_keys(columns: Mapping[str, Sequence]) -> dict[object, tuple]:
    """{parcel_id: (sorted measure codes, measure_params)} of a layout's parcels with a measure."""
    ids = columns.get("parcel_id") or ()
    out: dict[object, tuple] = {}
    for i, pid in enumerate(ids):
        text = ""
        for name in ("measure_codes", "measure_code"):
            values = columns.get(name)
            if values is not None and code_text(values[i]):
                text = code_text(values[i])
                break
        codes = tuple(sorted(split_list(text)))
        if codes:  # a parcel without a measure has no quantities
            params = columns.get("measure_params")
            out[pid] = (codes, (code_text(params[i]) or "") if params is not None else "")
    return out


def layout_changes(tables: ScenarioTables) -> int:
    """Parcels whose measures (codes or parameters) differ between the scenario's layout (parcels_measures) and
    the layout its quantities were computed for (measure_quantities, step 4), parcels in only one counted too;
    0 when either table is missing (nothing to compare)."""
    if tables.layout is None or tables.quantities_layout is None:
        return 0
    if "parcel_id" not in tables.layout or "parcel_id" not in tables.quantities_layout:
        return 0
    now, computed = _layout_keys(tables.layout), _layout_keys(tables.quantities_layout)
    return sum(1 for pid in now.keys() | computed.keys() if now.get(pid) != computed.get(pid))


def compare_scenarios(inputs: CompareInputs) -> CompareResult:
    """The comparison table of the scenarios (whole area and per small watershed) with the differences to the
    reference scenario; raises :class:`ScenarioWithoutMeasuresError`, :class:`ScenarioNotEvaluatedError` or
    :class:`ScenarioTableError` naming the scenario."""
    _check(inputs)
    ids = [s.scenario_id for s in inputs.scenarios]
    reference = inputs.baseline if inputs.baseline in ids else ids[0]
    notes: list[Msg] = []
    rows: list[dict] = []
    for s in inputs.scenarios:
        units = _units(s)
        invest = _investment(s)
        changed = layout_changes(s)
        if changed:
            notes.append(msg(NOTE_STALE_QUANTITIES, scenario=s.label, count=changed))
        if invest is None:
            if all(not np.isfinite(u["investment_yuan"]) for u in units.values()):
                notes.append(msg(NOTE_NO_INVESTMENT, scenario=s.label))
        elif ALL in units and np.isfinite(units[ALL]["investment_yuan"]):
            evaluated, current = units[ALL]["investment_yuan"], invest[ALL]
            if abs(evaluated - current) > INVESTMENT_TOLERANCE_YUAN:
                notes.append(msg(NOTE_STALE_INVESTMENT, scenario=s.label, evaluated=evaluated / 1e4,
                                 current=current / 1e4))  # fmt: skip
        for code, unit in units.items():
            yuan = unit["investment_yuan"] if invest is None else invest.get(code, 0.0)
            rows.append(_row(s, code, unit, yuan))
    frame = pd.DataFrame(rows, columns=[c for c in COLUMNS if not c.startswith("diff_") and c != "reference_id"])
    frame.insert(2, "reference_id", reference)
    ref = frame[frame["scenario_id"] == reference].set_index("ws_code")
    for m in METRICS:
        base = frame["ws_code"].map(ref[m]).astype(np.float64)
        frame[f"diff_{m}"] = frame[m].astype(np.float64) - base
    frame = frame[list(COLUMNS)]
    whole = frame[frame["ws_code"] == ALL].reset_index(drop=True)
    by_ws = frame[frame["ws_code"] != ALL].reset_index(drop=True)
    return CompareResult(whole=whole, by_watershed=by_ws, reference_id=reference, notes=notes)


# -- one classification for the before / after maps -----------------------------------------------------------
QUANTILE, EQUAL_INTERVAL = "quantile", "equal_interval"


@dataclass(frozen=True)
class MapClasses:
    """Class breaks shared by every map of a comparison: class 0 is below ``breaks[0]``, class i in
    [breaks[i-1], breaks[i]), the last class from ``breaks[-1]`` up (lower-inclusive, as SL 190-2007)."""

    breaks: tuple[float, ...]
    labels: tuple[str, ...]  # one per class (len(breaks) + 1)

    def classify(self, values: Sequence[float] | np.ndarray) -> np.ndarray:
        """Class index per value; -1 for NaN / NULL."""
        v = np.array([to_number(x) for x in np.asarray(values, dtype=object).ravel()], dtype=np.float64)
        out = np.searchsorted(np.asarray(self.breaks, dtype=np.float64), v, side="right").astype(np.int64)
        out[np.isnan(v)] = -1
        return out


def erosion_map_classes(breaks: Sequence[float], names: Sequence[str]) -> MapClasses:
    """The SL 190-2007 erosion intensity classes (微度 … 剧烈) for soil-loss modulus maps (t/(km²·a)): the lower
    bounds of classes 1–5 (``ParamSet.erosion_breaks(tolerance)``: the regional tolerance, 2 500, 5 000, 8 000,
    15 000) and the six class names (SL 190-2007 §2.1, erosion_classes.csv)."""
    if len(names) != len(breaks) + 1:
        raise ValueError("one name per class")
    return MapClasses(tuple(float(b) for b in breaks), tuple(str(n) for n in names))


def map_classes(maps: Mapping[str, Sequence[float]], n_classes: int = 5, method: str = QUANTILE) -> MapClasses:
    """Breaks computed ONCE over the values of all ``maps`` pooled (e.g. ``{"baseline before": …,
    "baseline after": …, "plan_a after": …}``): quantiles (each class about the same number of values over all
    maps) or equal intervals between the pooled minimum and maximum. Labels "a – b". NaN values are ignored; no
    value at all gives one class."""
    pooled = np.concatenate([np.array([to_number(x) for x in v], dtype=np.float64) for v in maps.values()] or [[]])
    pooled = pooled[np.isfinite(pooled)]
    if pooled.size == 0 or n_classes < 2:
        return MapClasses((), ("–",))
    if method == QUANTILE:
        cuts = np.quantile(pooled, np.linspace(0.0, 1.0, n_classes + 1)[1:-1])
    elif method == EQUAL_INTERVAL:
        cuts = np.linspace(pooled.min(), pooled.max(), n_classes + 1)[1:-1]
    else:
        raise ValueError(method)
    breaks = tuple(float(b) for b in np.unique(cuts) if pooled.min() < b <= pooled.max())
    edges = (float(pooled.min()), *breaks, float(pooled.max()))
    labels = tuple(f"{edges[i]:,.6g} – {edges[i + 1]:,.6g}" for i in range(len(edges) - 1))
    return MapClasses(breaks, labels)


def classify_maps(maps: Mapping[str, Sequence[float]], classes: MapClasses) -> dict[str, np.ndarray]:
    """``{map: class index per value}`` with the one shared classification."""
    return {key: classes.classify(values) for key, values in maps.items()}
