"""Scenario comparison (core.scenarios): hand-computed differences, costs per tonne, the errors naming the
scenario, and one classification shared by the before/after maps."""

from __future__ import annotations

import math

import numpy as np
import pytest

from sbplanner_plugin.core import scenarios as sc
from sbplanner_plugin.core.errors import InvalidParameterError


def benefit_ws(rows):
    """benefit_ws columns from (ws_code, loss now, loss after, 水土保持率 now, after, treated km², investment 元)."""
    keys = ("ws_code", "soil_loss_current_t_a", "soil_loss_planned_t_a", "swc_rate_current_pct",
            "swc_rate_planned_pct", "treated_area_km2", "investment_yuan")  # fmt: skip
    cols = {k: [r[i] for r in rows] for i, k in enumerate(keys)}
    cols["soil_conserved_t_a"] = [r[1] - r[2] for r in rows]
    return cols


# baseline: W1 1 000 → 600 t/a, W2 500 → 400 t/a; plan A treats more: W1 1 000 → 300, W2 500 → 250
BASE = sc.ScenarioTables(
    "baseline", "现状方案",
    benefit_ws=benefit_ws([("W1", 1000.0, 600.0, 60.0, 70.0, 0.5, 200_000.0),
                           ("W2", 500.0, 400.0, 80.0, 82.0, 0.1, 50_000.0),
                           ("ALL", 1500.0, 1000.0, 70.0, 76.0, 0.6, 250_000.0)]),
    investment_by_ws={"ws_code": ["W1", "W2"], "static_total_yuan": [200_000.0, 50_000.0]},
    measure_codes=["terrace_level_earth", None, ""],
)  # fmt: skip
PLAN_A = sc.ScenarioTables(
    "plan_a", "方案A",
    benefit_ws=benefit_ws([("W1", 1000.0, 300.0, 60.0, 85.0, 0.9, 630_000.0),
                           ("W2", 500.0, 250.0, 80.0, 90.0, 0.3, 150_000.0),
                           ("ALL", 1500.0, 550.0, 70.0, 87.5, 1.2, 780_000.0)]),
    investment_by_ws={"ws_code": ["W1", "W2", None], "static_total_yuan": [630_000.0, 150_000.0, None]},
    measure_codes=["terrace_level_earth;fish_scale_pit", "closure"],
)  # fmt: skip


def test_whole_area_and_watersheds_with_differences_to_the_baseline():
    result = sc.compare_scenarios(sc.CompareInputs([BASE, PLAN_A]))
    assert result.reference_id == "baseline" and result.notes == []
    whole = result.whole.set_index("scenario_id")
    assert list(result.whole.columns) == list(sc.COLUMNS)
    a, b = whole.loc["plan_a"], whole.loc["baseline"]
    assert a["scenario_name"] == "方案A" and a["ws_code"] == "ALL" and a["reference_id"] == "baseline"
    assert a["soil_conserved_t_a"] == 950.0 and b["soil_conserved_t_a"] == 500.0
    assert a["investment_wan_yuan"] == pytest.approx(78.0) and b["investment_wan_yuan"] == pytest.approx(25.0)
    # cost per tonne = static investment / soil conserved per year: 780 000 / 950, 250 000 / 500
    assert a["cost_yuan_per_t"] == pytest.approx(821.0526, abs=1e-4)
    assert b["cost_yuan_per_t"] == pytest.approx(500.0)
    assert a["diff_soil_loss_planned_t_a"] == -450.0 and a["diff_soil_conserved_t_a"] == 450.0
    assert a["diff_swc_rate_planned_pct"] == pytest.approx(11.5) and a["diff_swc_rate_current_pct"] == 0.0
    assert a["diff_investment_wan_yuan"] == pytest.approx(53.0)
    assert a["diff_cost_yuan_per_t"] == pytest.approx(321.0526, abs=1e-4)
    assert a["diff_treated_area_km2"] == pytest.approx(0.6)
    assert (b[[f"diff_{m}" for m in sc.METRICS]] == 0).all()
    ws = result.by_watershed.set_index(["scenario_id", "ws_code"])
    assert list(ws.index) == [("baseline", "W1"), ("baseline", "W2"), ("plan_a", "W1"), ("plan_a", "W2")]
    w1 = ws.loc[("plan_a", "W1")]
    assert w1["soil_conserved_t_a"] == 700.0 and w1["diff_soil_conserved_t_a"] == 300.0
    assert w1["cost_yuan_per_t"] == pytest.approx(900.0)  # 630 000 / 700
    assert ws.loc[("plan_a", "W2"), "diff_investment_wan_yuan"] == pytest.approx(10.0)  # 15 − 5 万元


def test_without_the_baseline_the_first_scenario_is_the_reference():
    plan_b = sc.ScenarioTables("plan_b", "", benefit_ws=BASE.benefit_ws, investment_by_ws=BASE.investment_by_ws,
                               works_count=3)  # fmt: skip
    result = sc.compare_scenarios(sc.CompareInputs([PLAN_A, plan_b]))
    assert result.reference_id == "plan_a"
    row = result.whole.set_index("scenario_id").loc["plan_b"]
    assert row["scenario_name"] == "plan_b"  # no display name: its id
    assert row["diff_soil_conserved_t_a"] == -450.0


def test_stale_evaluation_and_missing_estimate_are_noted():
    stale = sc.ScenarioTables("plan_c", "方案C", benefit_ws=PLAN_A.benefit_ws,
                              investment_by_ws={"ws_code": ["W1", "W2"], "static_total_yuan": [700_000.0, 150_000.0]},
                              measure_codes=["closure"])  # fmt: skip
    without = {k: v for k, v in BASE.benefit_ws.items() if k != "investment_yuan"}
    none = sc.ScenarioTables("plan_d", "方案D", benefit_ws=without, measure_codes=["closure"])
    result = sc.compare_scenarios(sc.CompareInputs([BASE, stale, none]))
    notes = [str(n) for n in result.notes]
    assert notes == [
        "Scenario 方案C: its benefits were evaluated with an investment of 78.00 万元, its estimate is now 85.00 万元; "
        "run step 5 again for it.",
        "Scenario 方案D has no investment estimate (step 4): its investment and cost per tonne are empty.",
    ]
    whole = result.whole.set_index("scenario_id")
    assert whole.loc["plan_c", "investment_wan_yuan"] == pytest.approx(85.0)  # the current estimate counts
    assert math.isnan(whole.loc["plan_d", "investment_wan_yuan"]) and math.isnan(whole.loc["plan_d", "cost_yuan_per_t"])


def test_layout_changed_after_the_quantities_is_noted():
    """Parcel 1 lost its measure, parcel 2 got another parameter, parcel 3 a second code, parcel 4 is new, parcel 5
    (codes in another order) and parcel 6 (no measure in either) are unchanged: 4 parcels changed since step 4."""
    quantities = {"parcel_id": [1, 2, 3, 5], "measure_code": ["closure", "terrace_level_earth", "closure", "a"],
                  "measure_codes": ["closure", "terrace_level_earth", "closure", "a;b"],
                  "measure_params": [None, "riser=0.3", "", ""]}  # fmt: skip
    layout = {"parcel_id": [1, 2, 3, 4, 5, 6],
              "measure_code": [None, "terrace_level_earth", "closure", "x", "b", None],
              "measure_codes": ["", "terrace_level_earth", "closure;grass", "x", "b;a", None],
              "measure_params": [None, "riser=0.4", "", None, None, None]}  # fmt: skip
    changed = sc.ScenarioTables("plan_e", "方案E", benefit_ws=BASE.benefit_ws, investment_by_ws=BASE.investment_by_ws,
                                measure_codes=["closure"], layout=layout, quantities_layout=quantities)  # fmt: skip
    assert sc.layout_changes(changed) == 4
    same = sc.ScenarioTables("plan_f", benefit_ws=BASE.benefit_ws, investment_by_ws=BASE.investment_by_ws,
                             measure_codes=["closure"], layout=quantities,
                             quantities_layout=dict(quantities))  # fmt: skip
    assert sc.layout_changes(same) == 0
    assert sc.layout_changes(sc.ScenarioTables("g", layout=layout)) == 0  # step 4 not run: nothing to compare
    notes = [str(n) for n in sc.compare_scenarios(sc.CompareInputs([BASE, changed, same])).notes]
    assert notes == [
        "Scenario 方案E: the measures of 4 parcels changed after its quantities (step 4), so its investment and cost "
        "per tonne are those of the earlier layout; run step 4 (Recompute changed) and step 5 again for it."
    ]


def test_a_scenario_without_measures_is_refused_by_name():
    empty = sc.ScenarioTables("plan_e", "方案E", benefit_ws=BASE.benefit_ws, measure_codes=[None, "", " ; "])
    with pytest.raises(sc.ScenarioWithoutMeasuresError) as info:
        sc.compare_scenarios(sc.CompareInputs([BASE, empty]))
    assert info.value.params == {"scenario": "方案E"}
    assert "方案E has no measures" in str(info.value)
    with pytest.raises(sc.ScenarioWithoutMeasuresError):  # no layout at all
        sc.compare_scenarios(sc.CompareInputs([sc.ScenarioTables("plan_f", benefit_ws=BASE.benefit_ws)]))


def test_other_bad_inputs():
    with pytest.raises(sc.NoScenariosError):
        sc.compare_scenarios(sc.CompareInputs([]))
    with pytest.raises(InvalidParameterError):
        sc.compare_scenarios(sc.CompareInputs([BASE, BASE]))
    with pytest.raises(sc.ScenarioNotEvaluatedError) as info:
        sc.compare_scenarios(sc.CompareInputs([sc.ScenarioTables("plan_g", "方案G", measure_codes=["closure"])]))
    assert info.value.params == {"scenario": "方案G"}
    broken = sc.ScenarioTables("plan_h", benefit_ws={"ws_code": ["ALL"]}, measure_codes=["closure"])
    with pytest.raises(sc.ScenarioTableError) as info:
        sc.compare_scenarios(sc.CompareInputs([broken]))
    assert info.value.params == {"scenario": "plan_h", "table": "benefit_ws", "field": "soil_loss_current_t_a"}


def test_erosion_classes_shared_by_before_and_after_maps():
    names = ("微度", "轻度", "中度", "强烈", "极强烈", "剧烈")
    classes = sc.erosion_map_classes([500.0, 2500.0, 5000.0, 8000.0, 15000.0], names)
    maps = {
        "baseline 现状": [100.0, 500.0, 2499.9, 9000.0, None],
        "plan_a 规划": [40.0, 499.9, 15000.0, float("nan"), 2500.0],
    }
    got = sc.classify_maps(maps, classes)
    assert got["baseline 现状"].tolist() == [0, 1, 1, 4, -1]  # lower-inclusive, as SL 190-2007
    assert got["plan_a 规划"].tolist() == [0, 0, 5, -1, 2]
    with pytest.raises(ValueError, match="one name per class"):
        sc.erosion_map_classes([500.0], names)


def test_pooled_breaks_are_the_same_for_every_map():
    maps = {"before": [0.0, 10.0, 20.0, 30.0], "after": [40.0, 50.0, 60.0, 70.0, np.nan]}
    eq = sc.map_classes(maps, n_classes=4, method=sc.EQUAL_INTERVAL)
    assert eq.breaks == (17.5, 35.0, 52.5)
    assert eq.labels == ("0 – 17.5", "17.5 – 35", "35 – 52.5", "52.5 – 70")
    got = sc.classify_maps(maps, eq)
    assert got["before"].tolist() == [0, 0, 1, 1] and got["after"].tolist() == [2, 2, 3, 3, -1]
    q = sc.map_classes(maps, n_classes=2)  # the pooled median 35 splits before from after
    assert q.breaks == (35.0,)
    assert sc.classify_maps(maps, q)["before"].tolist() == [0, 0, 0, 0]
    assert sc.map_classes({"x": [None]}).breaks == ()


def test_scenario_title_of_the_deliverables():
    assert sc.scenario_title("baseline", "baseline", "zh") == "现状方案"
    assert sc.scenario_title("baseline", "", "en") == "Baseline"
    assert sc.scenario_title("plan_b", "方案B") == "方案B（plan_b）"
    assert sc.scenario_title("plan_b", "Plan B", "en") == "Plan B (plan_b)"
    assert sc.scenario_title("plan_b", " plan_b ") == "plan_b" and sc.scenario_title("plan_c") == "plan_c"
