"""Step 5 of ``make demo`` (``sbplanner_plugin/demo/step5.py``) in real QGIS: on Youwuzhen with the demo's small
watersheds (steps 1–4 as ``make demo`` runs them) the ranking of ≥ 4 units and the benefit tables as CSV, the
urgency score on the watershed layer of the plan and in the demo project; the steep-cropland case's step 5 with
the 坡改梯 priority is checked in tests/qgis/test_demo_steep.py."""

from __future__ import annotations

import csv
import math

import processing
import pytest

from sbplanner_plugin.demo import step4, step5
from sbplanner_plugin.demo.runner import table_rows
from tests.qgis.conftest import copy_plan, demo_units


def read_csv(path) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("\ufeff"), f"{path.name}: no UTF-8 byte-order mark (Excel)"
    return list(csv.DictReader(text[1:].splitlines()))


def number(text) -> float:
    return float(text) if text not in ("", None) else math.nan


@pytest.fixture(scope="module")
def youwuzhen(youwuzhen_plan, demo_dir, tmp_path_factory) -> dict:
    """Steps 1–5 on Youwuzhen as ``make demo`` (0.3–2 km² small watersheds, 南方红壤丘陵区)."""
    out = tmp_path_factory.mktemp("ywz_step5")
    store = copy_plan(youwuzhen_plan, out / "plan")
    dem = demo_dir / "ywzdem10m.tif"
    demo_units(store, demo_dir)
    processing.run("sbplanner:assign_measures", {
        "PARCELS": store.layer_uri("parcels"), "REGION": 0, "OUTPUT_PARCELS": store.destination("parcels_measures"),
    })  # fmt: skip
    assert step4.run_step4(store, dem, out, "note")
    totals = step5.run_step5(store, out, 0)
    return {"out": out, "store": store, "totals": totals, "dem": dem}


def test_ranking_csv_and_the_plan_layer(youwuzhen) -> None:
    out, store = youwuzhen["out"], youwuzhen["store"]
    for name in step5.CSV_NAMES:
        assert (out / name).is_file(), name
    rows = read_csv(out / step5.URGENCY_CSV)
    n = len(rows)
    assert n >= 4 and youwuzhen["totals"]["units"] == n
    assert [int(r["urgency_rank"]) for r in rows] == list(range(1, n + 1))  # sorted by rank, a permutation
    scores = [number(r["urgency_score"]) for r in rows]
    assert all(0.0 <= s <= 100.0 for s in scores) and scores == sorted(scores, reverse=True)
    assert {r["urgency_class"] for r in rows} <= {"极紧迫", "紧迫", "较紧迫", "一般"} and rows[0][
        "urgency_class"
    ] == "极紧迫"
    # the score lands on the small watersheds of the plan (ws_urgency: polygons with the input fields)
    layer = table_rows(store.layer_uri(step5.URGENCY_LAYER), step5.URGENCY_LAYER)
    assert {r["ws_code"]: r["urgency_score"] for r in layer} == pytest.approx(
        {r["ws_code"]: number(r["urgency_score"]) for r in rows}
    )
    watersheds = {r["ws_code"] for r in table_rows(store.layer_uri("small_watersheds"), "small_watersheds")}
    assert {r["ws_code"] for r in rows} == watersheds
    assert "area_km2" in layer[0]  # the watershed fields are kept


def test_benefit_tables_are_finite_and_consistent(youwuzhen) -> None:
    out = youwuzhen["out"]
    units = read_csv(out / "benefit_ws.csv")
    codes = {r["ws_code"] for r in units}
    assert "ALL" in codes and len(codes) >= 5
    for r in units:
        current, planned, conserved = (number(r[k]) for k in ("soil_loss_current_t_a", "soil_loss_planned_t_a",
                                                              "soil_conserved_t_a"))  # fmt: skip
        assert all(math.isfinite(v) for v in (current, planned, conserved)), r["ws_code"]
        assert conserved == pytest.approx(current - planned, rel=1e-6, abs=1e-6) and conserved >= 0
        assert 0 <= number(r["swc_rate_current_pct"]) <= number(r["swc_rate_planned_pct"]) <= 100
    whole = next(r for r in units if r["ws_code"] == "ALL")
    parts = [r for r in units if r["ws_code"] != "ALL"]
    assert number(whole["soil_conserved_t_a"]) == pytest.approx(sum(number(r["soil_conserved_t_a"]) for r in parts))
    assert number(whole["soil_conserved_t_a"]) == pytest.approx(youwuzhen["totals"]["soil_conserved_t_a"])
    years = read_csv(out / "benefit_by_year.csv")
    assert {r["ws_code"] for r in years} == codes and all(math.isfinite(number(r["soil_conserved_t"])) for r in years)
    d020 = read_csv(out / "benefit_d020.csv")
    assert d020 and all(math.isfinite(number(r["soil_wan_t_a"])) for r in d020)
    for r in read_csv(out / "benefit_d021.csv"):
        pv_b, pv_c, npv = number(r["pv_benefit_wan_yuan"]), number(r["pv_cost_wan_yuan"]), number(r["npv_wan_yuan"])
        assert all(math.isfinite(v) for v in (pv_b, pv_c, npv)), r["ws_code"]
        assert npv == pytest.approx(pv_b - pv_c, abs=1e-6) and number(r["bcr"]) == pytest.approx(pv_b / pv_c)


def test_demo_project_holds_the_step5_layers(youwuzhen) -> None:
    """The demo project (run_demo._build_project) shows the urgency classes on the small watersheds, unticked."""
    from qgis.core import QgsCategorizedSymbolRenderer, QgsProject

    from sbplanner_plugin.demo import run_demo

    out, store = youwuzhen["out"], youwuzhen["store"]
    try:
        project, _ = run_demo._build_project(out, store.path, youwuzhen["dem"], youwuzhen["dem"].parent /
                                             "outlet_beijing1954.shp")  # fmt: skip
        layers = {lyr.customProperty("sbplanner/layer"): lyr for lyr in project.mapLayers().values()}
        assert {"ws_urgency", "benefit_ws"} <= set(layers)
        urgency = layers["ws_urgency"]
        assert isinstance(urgency.renderer(), QgsCategorizedSymbolRenderer)
        assert urgency.renderer().classAttribute() == "urgency_class_id"
        node = project.layerTreeRoot().findLayer(urgency.id())
        assert not node.itemVisibilityChecked()
        assert (out / run_demo.PROJECT_NAME).is_file()
    finally:
        QgsProject.instance().clear()
