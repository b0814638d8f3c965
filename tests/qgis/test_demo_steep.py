"""The steep-cropland demo case (``make demo`` → ``demo-output/steep_cropland/``) in real QGIS: steps 1–4 on
the synthetic loess hillside of ``resources/demo/steep_cropland``; every terrace branch occurs, with hand
numbers; and Youwuzhen's step 4 (no terrace) writes its empty terrace table with a note."""

from __future__ import annotations

import csv
import math

import pytest

from sbplanner_plugin.adapters.plan_store import PlanStore
from sbplanner_plugin.demo import step4
from sbplanner_plugin.demo.runner import table_rows
from sbplanner_plugin.demo.steep_case import GPKG_NAME, OVERRIDE_FIELD, OVERRIDE_USER, run_case


def cot(deg: float) -> float:
    return 1.0 / math.tan(math.radians(deg))


def h_of(b: float, theta: float, alpha: float) -> float:
    """H = B·sinθ·sinα / sin(α − θ) (GB/T 16453.1-2008)."""
    t, a = math.radians(theta), math.radians(alpha)
    return b * math.sin(t) * math.sin(a) / math.sin(a - t)


def read_csv(path) -> list[dict]:
    with path.open(encoding="utf-8") as stream:
        text = stream.read()
    assert text.startswith("\ufeff"), f"{path.name}: no UTF-8 byte-order mark (Excel)"
    return list(csv.DictReader(text[1:].splitlines()))


@pytest.fixture(scope="module")
def steep(tmp_path_factory, sbplanner_provider) -> dict:
    assert sbplanner_provider is not None, "sbplanner provider missing"
    out = tmp_path_factory.mktemp("steep") / "steep_cropland"
    totals = run_case(out)
    store = PlanStore(out / GPKG_NAME)
    terraced = table_rows(store.layer_uri("terrace_quantities"), "terrace_quantities")
    return {"out": out, "store": store, "totals": totals, "rows": terraced}


def of(rows, code, suitability) -> list[dict]:
    return [r for r in rows if r["measure_code"] == code and r["suitability"] == suitability]


def test_every_terrace_branch_occurs(steep) -> None:
    rows = steep["rows"]
    branches = {(r["measure_code"], r["suitability"]) for r in rows}
    assert branches == {
        ("terrace_level_earth", "suitable"),
        ("terrace_level_earth", "reduced"),
        ("terrace_level_earth", "unsuitable"),
        ("terrace_level_stone", "suitable"),
        ("terrace_level_stone", "reduced"),
        ("terrace_slope", "suitable"),
        ("terrace_interval", "suitable"),
        ("terrace_interval", "reduced"),
        ("terrace_interval", "unsuitable"),
    }
    t = steep["totals"]
    assert t["suitable"] > 0 and t["reduced"] > 0 and t["unsuitable"] > 0
    assert t["suitable"] + t["reduced"] + t["unsuitable"] == t["terraced"] == len(rows)
    assert {r["riser_material"] for r in rows if r["measure_code"] == "terrace_level_stone"} == {"dry_stone"}
    assert {r["terrace_type"] for r in rows} == {"level", "slope", "interval"}
    # the two alternatives of an unsuitable parcel: retire from 25°, else 坡式梯田
    assert {r["alternative_measure"] for r in of(rows, "terrace_level_earth", "unsuitable")} == {
        "retire_to_forest_grass"
    }
    assert {r["alternative_measure"] for r in of(rows, "terrace_interval", "unsuitable")} == {"terrace_slope"}
    assert all(r["slope_design_deg"] > 20 and "20°" in r["suitability_reason"]
               for r in of(rows, "terrace_interval", "unsuitable"))  # fmt: skip
    # branch table CSV: the same groups
    csv_rows = read_csv(steep["out"] / step4.BRANCHES_CSV)
    assert {(r["measure_code"], r["suitability"]) for r in csv_rows} == branches
    assert sum(int(r["parcels"]) for r in csv_rows) == len(rows)


def test_level_earth_suitable_hand_numbers(steep) -> None:
    """A 12° band parcel: B 7.5 m (10–15° band of terrace_bench_widths.csv), α 75° → H = 7.5·sinθ·sin75°/
    sin(75° − θ) ≈ 1.69 m at 12°; cut = B·H/8 × L with L = A/(H·cotθ), i.e. B·A·tanθ/8."""
    # by hand: 7.5 × 0.20791 × 0.96593 / 0.89101 = 1.6905 m
    assert h_of(7.5, 12.0, 75.0) == pytest.approx(1.6905, abs=1e-4)
    rows = [r for r in of(steep["rows"], "terrace_level_earth", "suitable") if 11.5 < r["slope_design_deg"] < 12.1]
    assert rows
    for r in rows:
        theta, area_m2 = r["slope_design_deg"], r["area_ha"] * 1e4
        assert (r["bench_width_m"], r["riser_angle_deg"]) == (7.5, 75.0)
        assert r["riser_height_m"] == pytest.approx(h_of(7.5, theta, 75.0), rel=1e-9)
        assert 1.62 < r["riser_height_m"] < 1.70  # θ 11.5–12.1° (the 12° band as Horn's slope measures it)
        assert r["earthwork_m3_per_ha"] == pytest.approx(1250.0 * r["riser_height_m"], rel=1e-9)
        assert r["earthwork_m3"] == pytest.approx(7.5 * area_m2 * math.tan(math.radians(theta)) / 8.0, rel=1e-6)
        assert r["riser_share"] == pytest.approx(math.tan(math.radians(theta)) / math.tan(math.radians(75)))
        assert r["masonry_m3"] == 0.0


def test_reduced_and_unsuitable_hand_numbers(steep) -> None:
    rows = steep["rows"]
    for r in of(rows, "terrace_level_earth", "reduced"):  # H held at the 2.0 m earth limit, B narrowed to fit
        theta = r["slope_design_deg"]
        assert r["riser_height_m"] == pytest.approx(2.0, rel=1e-9)
        assert r["bench_width_m"] == pytest.approx(2.0 * (cot(theta) - cot(75.0)), rel=1e-9)
        assert 3.0 <= r["bench_width_m"] < 6.5
    for r in of(rows, "terrace_level_stone", "reduced"):  # stone: 2.5 m limit, α 80°
        theta = r["slope_design_deg"]
        assert r["riser_height_m"] == pytest.approx(2.5, rel=1e-9)
        assert r["bench_width_m"] == pytest.approx(2.5 * (cot(theta) - cot(80.0)), rel=1e-9)
        assert r["masonry_m3"] == pytest.approx(2.5 * 0.4 * r["bench_length_m"], rel=1e-9)
    for r in of(rows, "terrace_level_earth", "unsuitable"):  # ~32°: at the 3 m minimum bench H > 2 m
        theta = r["slope_design_deg"]
        assert theta > 30 and 2.0 * (cot(theta) - cot(75.0)) < 3.0
        assert f"H = {h_of(3.0, theta, 75.0):.2f} m > 限值 2 m" in r["suitability_reason"]
        assert r["earthwork_m3"] == 0.0 and r["bench_length_m"] == 0.0


def test_overrides_are_designer_edits(steep) -> None:
    store = steep["store"]
    layout = table_rows(store.layer_uri("parcels_measures"), "parcels_measures")
    overridden = [r for r in layout if r[OVERRIDE_FIELD]]
    assert overridden and steep["totals"]["overrides"] == len(overridden)
    for r in overridden:
        assert (r["measure_codes"], r["status"], r["rule_id"]) == (r[OVERRIDE_FIELD], "overridden", "manual")
        assert r["reason"].startswith("人工调整：")
    stone = [r for r in overridden if r["measure_code"] == "terrace_level_stone"]
    assert stone and all("riser=dry_stone" in r["measure_params"] for r in stone)
    log = store.edit_log("parcels_measures")
    assert {e["fid"] for e in log} == {r["fid"] for r in overridden}
    assert {e["user_name"] for e in log} == {OVERRIDE_USER}


def test_quantity_and_investment_tables(steep) -> None:
    out, rows = steep["out"], steep["rows"]
    d016 = read_csv(out / step4.D016_CSV)
    project = {r["measure_code"]: r for r in d016 if r["ws_code"] == "ALL"}
    masonry = sum(r["masonry_m3"] for r in rows)
    assert masonry > 0 and float(project["terrace_level_stone"]["干砌石"]) == pytest.approx(masonry, rel=1e-4)
    cut = sum(r["earthwork_m3"] for r in rows if r["measure_code"] == "terrace_level_earth")
    assert float(project["terrace_level_earth"]["土方开挖"]) == pytest.approx(cut, rel=1e-4)
    assert {r["ws_code"] for r in d016} - {"ALL"}  # per small watershed too
    summary = {r["code"]: r for r in read_csv(out / "investment_summary.csv")}
    assert float(summary["static_total"]["amount_yuan"]) == pytest.approx(steep["totals"]["static_total_yuan"])
    assert steep["totals"]["complete"] and steep["totals"]["static_total_yuan"] > 0
    for name in step4.CSV_NAMES:
        assert (out / name).is_file(), name


def test_youwuzhen_without_terraces_writes_an_empty_table_with_a_note(youwuzhen_plan_copy, tmp_path) -> None:
    """Youwuzhen (steps 1–3 as make demo runs them): no terraced parcel — step 4 does not fail, the terrace
    table holds only its note, the other measures are quantified and priced."""
    import processing

    from sbplanner_plugin.adapters.plan_store_common import PARCELS_MEASURES

    store = youwuzhen_plan_copy
    processing.run(
        "sbplanner:assign_measures",
        {"PARCELS": store.layer_uri("parcels"), "REGION": 0, "OUTPUT_PARCELS": store.destination(PARCELS_MEASURES)},
    )
    from sbplanner_plugin.paths import demo_path

    totals = step4.run_step4(store, demo_path("youwuzhen", "ywzdem10m.tif"), tmp_path, "Youwuzhen note.")
    assert (totals["terraced"], totals["suitable"], totals["reduced"], totals["unsuitable"]) == (0, 0, 0, 0)
    rows = read_csv(tmp_path / step4.TERRACE_CSV)
    assert len(rows) == 1 and rows[0]["note"].startswith(step4.NO_TERRACE_NOTE) and rows[0]["parcel_id"] == ""
    assert rows[0]["note"].endswith("Youwuzhen note.")
    assert read_csv(tmp_path / step4.BRANCHES_CSV) == []
    assert totals["measure_parcels"] > 0 and totals["static_total_yuan"] > 0


def test_step5_ranking_benefits_and_farmland_priority(steep) -> None:
    """Step 5 on the steep case: every small watershed ranked (a permutation), soil conserved = current −
    planned, and the 坡改梯 priority of its sloping cropland (5–25°) ranked within each small watershed."""
    from sbplanner_plugin.demo import step5

    out, store = steep["out"], steep["store"]
    for name in (*step5.CSV_NAMES, step5.FARMLAND_CSV):
        assert (out / name).is_file(), name
    ranking = read_csv(out / step5.URGENCY_CSV)
    small = table_rows(store.layer_uri("small_watersheds"), "small_watersheds")
    assert sorted(int(r["urgency_rank"]) for r in ranking) == list(range(1, len(small) + 1))
    for r in read_csv(out / "benefit_ws.csv"):
        current, planned = float(r["soil_loss_current_t_a"]), float(r["soil_loss_planned_t_a"])
        assert float(r["soil_conserved_t_a"]) == pytest.approx(current - planned, rel=1e-6) and planned < current
    farm = read_csv(out / step5.FARMLAND_CSV)
    totals = steep["totals"]["step5"]["farmland"]
    assert len(farm) == totals["candidates"] > 0
    assert all(5.0 <= float(r["slope_mean_deg"]) < 25.0 and r["landuse_code"].startswith("01") for r in farm)
    by_ws: dict[str, list[int]] = {}
    for r in farm:
        by_ws.setdefault(r["ws_code"], []).append(int(r["priority_rank"]))
    assert all(sorted(ranks) == list(range(1, len(ranks) + 1)) for ranks in by_ws.values())
    assert sum(int(r["selected"]) for r in farm) == totals["selected"]
    assert "farmland_priority" in store.layers()
