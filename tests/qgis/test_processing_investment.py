"""``sbplanner:estimate_investment`` in real QGIS: a hand-computed total from test tables, a missing price,
the plan layers, and the bad-input errors."""

from __future__ import annotations

import processing
import pytest
from qgis.core import QgsFeature, QgsProcessingException, QgsVectorLayer

from sbplanner_plugin.adapters.plan_store import PlanStore

PRICES = """measure_code,item,unit,price_yuan,price_basis,part,d018_row,source,year,region
terrace_level_earth,earth_cut_m3,元/m³,20,direct,1,梯田,test,2024,here
water_cellar,count,元/口,3000,all_in,1,小型蓄水工程,test,2024,here
"""
RATES = "part,measure_code,other_direct_pct,indirect_pct,profit_pct,tax_pct\n1,*,2,5,7,9\n2,*,0,0,0,0\n3,*,0,0,0,0\n"
INDEPENDENT = "code,name_zh,name_en,rate_pct\nmanagement,建设管理费,management,2\n"
FUNDING = "part,central_pct,local_pct,farmers_pct,private_pct\n*,60,30,10,0\n"
PARAMS = "key,value\nbasic_contingency_pct,3\nprice_contingency_pct,0\n"


def items_layer(rows) -> QgsVectorLayer:
    fields = ("source:string", "feature_id:integer", "ws_code:string", "village:string", "measure_code:string",
              "item:string", "unit:string", "quantity:double", "year:integer")  # fmt: skip
    layer = QgsVectorLayer("None?" + "&".join(f"field={f}" for f in fields), "terrace_items", "memory")
    feats = []
    for r in rows:
        f = QgsFeature(layer.fields())
        f.setAttributes([r.get(n.split(":")[0]) for n in fields])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


ROWS = [
    {"source": "terrace", "feature_id": 1, "ws_code": "A", "measure_code": "terrace_level_earth",
     "item": "earth_cut_m3", "unit": "m³", "quantity": 1000.0, "year": 1},
    {"source": "works", "feature_id": 7, "ws_code": "B", "measure_code": "water_cellar", "item": "count",
     "unit": "座", "quantity": 2.0, "year": 2},
]  # fmt: skip


@pytest.fixture
def tables(tmp_path) -> dict:
    out = {}
    for key, text in (("UNIT_PRICES", PRICES), ("RATES", RATES), ("INDEPENDENT_COSTS", INDEPENDENT),
                      ("FUNDING", FUNDING), ("PARAMS", PARAMS)):  # fmt: skip
        path = tmp_path / f"{key.lower()}.csv"
        path.write_text(text, encoding="utf-8")
        out[key] = str(path)
    return out


def test_hand_total_into_the_plan(tmp_path, tables) -> None:
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    outputs = {f"OUTPUT_{k}": store.destination(n) for k, n in (
        ("ITEMS", "investment_items"), ("SUMMARY", "investment_summary"), ("BY_WATERSHED", "investment_by_ws"),
        ("SCHEDULE", "investment_schedule"), ("FUNDING", "investment_funding"))}  # fmt: skip
    result = processing.run("sbplanner:estimate_investment", {"ITEMS": [items_layer(ROWS)], **tables, **outputs})
    # terrace: 20 000 × 1.02 × 1.05 × 1.07 × 1.09 = 24 982.146; cellars all-in 6 000 → part 1 30 982.146;
    # 建设管理费 2 % = 619.643; × 1.03 → static 32 549.613
    part1 = 20000 * 1.02 * 1.05 * 1.07 * 1.09 + 6000
    static = part1 * 1.02 * 1.03
    assert result["STATIC_TOTAL_YUAN"] == pytest.approx(static)
    assert result["TOTAL_YUAN"] == pytest.approx(static) and result["COMPLETE"] is True
    summary = QgsVectorLayer(store.layer_uri("investment_summary"), "s", "ogr")
    lines = {f["code"]: f["amount_yuan"] for f in summary.getFeatures()}
    assert lines["part1"] == pytest.approx(part1) and lines["management"] == pytest.approx(part1 * 0.02)
    by_ws = {
        f["ws_code"]: f["static_total_yuan"] for f in QgsVectorLayer(store.layer_uri("investment_by_ws")).getFeatures()
    }
    assert by_ws["B"] == pytest.approx(6000 * 1.02 * 1.03)
    funding = QgsVectorLayer(store.layer_uri("investment_funding"), "f", "ogr")
    assert sum(f["amount_yuan"] for f in funding.getFeatures()) == pytest.approx(static)
    assert QgsVectorLayer(store.layer_uri("investment_items"), "i", "ogr").featureCount() == 2


def test_missing_price_marks_the_total_incomplete(tmp_path, tables) -> None:
    fence = {"source": "measure", "feature_id": 3, "ws_code": "A", "measure_code": "closure", "item": "fence_m",
             "unit": "m", "quantity": 250.0, "year": 1}  # fmt: skip
    rows = [*ROWS, fence]
    result = processing.run(
        "sbplanner:estimate_investment",
        {"ITEMS": [items_layer(rows)], **tables, "OUTPUT_SUMMARY": str(tmp_path / "s.gpkg")},
    )
    assert result["COMPLETE"] is False and result["MISSING_PRICES"] == 1
    complete = processing.run(
        "sbplanner:estimate_investment",
        {"ITEMS": [items_layer(ROWS)], **tables, "OUTPUT_SUMMARY": str(tmp_path / "c.gpkg")},
    )
    assert result["STATIC_TOTAL_YUAN"] == pytest.approx(complete["STATIC_TOTAL_YUAN"])


def test_bad_tables_are_clear_errors_and_nothing_is_written(tmp_path, tables) -> None:
    out = tmp_path / "out.gpkg"
    bad = tmp_path / "bad_prices.csv"
    bad.write_text(PRICES.replace(",20,direct", ",-20,direct"), encoding="utf-8")
    with pytest.raises(QgsProcessingException, match=r"bad_prices.csv, line 2, column 'price_yuan': -20 is outside"):
        processing.run(
            "sbplanner:estimate_investment",
            {"ITEMS": [items_layer(ROWS)], **tables, "UNIT_PRICES": str(bad), "OUTPUT_SUMMARY": str(out)},
        )
    shares = tmp_path / "bad_funding.csv"
    shares.write_text("part,central_pct,local_pct,farmers_pct,private_pct\n*,60,20,10,0\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="add up to 90 %"):
        processing.run(
            "sbplanner:estimate_investment",
            {"ITEMS": [items_layer(ROWS)], **tables, "FUNDING": str(shares), "OUTPUT_SUMMARY": str(out)},
        )
    no_columns = QgsVectorLayer("None?field=item:string", "not_items", "memory")
    with pytest.raises(QgsProcessingException, match="not_items is not a quantity-items table"):
        processing.run("sbplanner:estimate_investment", {"ITEMS": [no_columns], **tables, "OUTPUT_SUMMARY": str(out)})
    with pytest.raises(QgsProcessingException, match="No quantity items to price"):
        processing.run(
            "sbplanner:estimate_investment", {"ITEMS": [items_layer([])], **tables, "OUTPUT_SUMMARY": str(out)}
        )
    assert not out.exists()
