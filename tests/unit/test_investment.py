"""The investment estimate (core.investment): a roll-up computed by hand, each rate on its own base."""

from __future__ import annotations

import pytest

from sbplanner_plugin.core import investment as inv
from sbplanner_plugin.core.params import ParamTableError
from sbplanner_plugin.core.quantities.items import items_frame

PRICES = """measure_code,item,unit,price_yuan,price_basis,part,d018_row,source,year,region
terrace_level_earth,earth_cut_m3,元/m³,20,direct,1,梯田,test,2024,here
forest_arbor,trees,元/株,10,direct,2,水土保持造林,test,2024,here
water_cellar,count,元/口,3000,all_in,1,小型蓄水工程,test,2024,here
closure,fence_m,元/m,,direct,3,封育治理,test,2024,here
"""
RATES = """part,measure_code,other_direct_pct,indirect_pct,profit_pct,tax_pct
1,*,4,7,7,9
1,terrace_level_earth,2,5,7,9
2,*,1.5,5,7,9
3,*,1,4,7,9
"""
INDEPENDENT = "code,name_zh,name_en,rate_pct\nmanagement,建设管理费,management,2\nsupervision,监理费,supervision,1\n"
FUNDING = "part,central_pct,local_pct,farmers_pct,private_pct\n*,60,30,10,0\n2,50,30,20,0\n"


def tables(prices=PRICES) -> inv.InvestmentTables:
    return inv.InvestmentTables(
        prices=inv.parse_unit_prices("unit_prices.csv", prices),
        rates=inv.parse_cost_rates("cost_rates.csv", RATES),
        independent=inv.parse_independent_costs("independent_costs.csv", INDEPENDENT),
        funding=inv.parse_funding_shares("funding_shares.csv", FUNDING),
        basic_contingency_pct=3.0,
        price_contingency_pct=0.0,
    )


def items(extra=()):
    rows = [
        {"source": "terrace", "feature_id": 1, "ws_code": "A", "measure_code": "terrace_level_earth",
         "item": "earth_cut_m3", "quantity": 1000.0},
        {"source": "terrace", "feature_id": 1, "ws_code": "A", "measure_code": "terrace_level_earth",
         "item": "labour_days", "quantity": 300.0},  # a quantity, not a cost (no price row for it)
        {"source": "measure", "feature_id": 2, "ws_code": "B", "measure_code": "forest_arbor", "item": "trees",
         "quantity": 1667.0, "year": 2},
        {"source": "works", "feature_id": 3, "ws_code": "B", "measure_code": "water_cellar", "item": "count",
         "quantity": 2.0},
        *extra,
    ]  # fmt: skip
    return items_frame(rows)


def test_hand_roll_up() -> None:
    r = inv.estimate(inv.InvestmentInputs(items(), tables()))
    # terrace: D0 = 1000 × 20 = 20 000; 其他直接费 2 % = 400 → D = 20 400; 间接费 5 % = 1 020; 利润 7 % of
    # 21 420 = 1 499.40; 税金 9 % of 22 919.40 = 2 062.746 → 24 982.146
    t = r.items.set_index("measure_code").loc["terrace_level_earth"]
    t = t[t["item"] == "earth_cut_m3"].iloc[0]
    assert (t["basic_direct_yuan"], t["other_direct_yuan"], t["indirect_yuan"]) == pytest.approx((20000, 400, 1020))
    assert (t["profit_yuan"], t["tax_yuan"], t["total_yuan"]) == pytest.approx((1499.4, 2062.746, 24982.146))
    # trees: D0 = 16 670; ×1.015 = 16 920.05; ×1.05 = 17 766.0525; ×1.07 = 19 009.676; ×1.09 = 20 720.547
    forest = r.items[r.items["measure_code"] == "forest_arbor"].iloc[0]
    assert forest["total_yuan"] == pytest.approx(16670 * 1.015 * 1.05 * 1.07 * 1.09)
    # cellars: all-in 2 × 3000 = 6000, no rate applied
    cellar = r.items[r.items["measure_code"] == "water_cellar"].iloc[0]
    assert cellar["total_yuan"] == pytest.approx(6000) and cellar["other_direct_yuan"] == 0
    labour = r.items[r.items["item"] == "labour_days"].iloc[0]
    assert not labour["priced"] and labour["total_yuan"] == 0  # not a cost item of the terrace
    s = r.summary.set_index("code")["amount_yuan"]
    part1 = 24982.146 + 6000
    part2 = 16670 * 1.015 * 1.05 * 1.07 * 1.09
    assert s["part1"] == pytest.approx(part1) and s["part2"] == pytest.approx(part2) and s["part3"] == 0
    part4 = (part1 + part2) * 0.03  # 2 % + 1 %
    assert s["part4"] == pytest.approx(part4) and s["management"] == pytest.approx((part1 + part2) * 0.02)
    static = (part1 + part2 + part4) * 1.03
    assert s["basic_contingency"] == pytest.approx((part1 + part2 + part4) * 0.03)
    assert s["static_total"] == pytest.approx(static) and r.static_total_yuan == pytest.approx(static)
    assert r.complete
    # per watershed: A holds only the terrace, B the forest and cellars; the shares add up to the total
    ws = r.by_watershed.set_index("ws_code")
    assert ws.loc["A", "part1_yuan"] == pytest.approx(24982.146)
    assert ws["static_total_yuan"].sum() == pytest.approx(static)
    assert r.schedule.set_index("year").loc[2, "part2_yuan"] == pytest.approx(part2)
    # funding: part 2 by its own 50/30/20 row, part 1 by the default 60/30/10
    f = r.funding.set_index(["part", "source_code"])["amount_yuan"]
    assert f[(2, "farmers")] == pytest.approx(static * part2 / (part1 + part2) * 0.20)
    assert r.funding["amount_yuan"].sum() == pytest.approx(static)


def test_a_missing_price_is_reported_and_the_rest_priced() -> None:
    extra = [
        {"source": "measure", "feature_id": 4, "measure_code": "closure", "item": "fence_m", "quantity": 400.0},
        {"source": "measure", "feature_id": 5, "measure_code": "grass", "item": "grass_ha", "quantity": 2.0},
    ]
    r = inv.estimate(inv.InvestmentInputs(items(extra), tables()))
    assert not r.complete
    assert set(zip(r.missing["measure_code"], r.missing["item"])) == {("closure", "fence_m"), ("grass", "grass_ha")}
    assert r.summary.iloc[-1]["code"] == "incomplete"
    complete = inv.estimate(inv.InvestmentInputs(items(), tables()))
    assert r.static_total_yuan == pytest.approx(complete.static_total_yuan)  # the rest is priced the same


def test_bad_tables_and_items() -> None:
    with pytest.raises(ParamTableError, match="line 2, column 'price_yuan': -20 is outside the allowed range 0 ≤"):
        inv.parse_unit_prices("unit_prices.csv", PRICES.replace(",20,direct", ",-20,direct"))
    with pytest.raises(ParamTableError, match="107 is outside the allowed range 0 ≤ indirect_pct ≤ 100"):
        inv.parse_cost_rates("cost_rates.csv", RATES.replace("1,*,4,7,7,9", "1,*,4,107,7,9"))
    with pytest.raises(inv.InvestmentTableError, match="add up to 90"):
        inv.parse_funding_shares(
            "funding_shares.csv", "part,central_pct,local_pct,farmers_pct,private_pct\n*,60,20,10,0\n"
        )
    with pytest.raises(inv.InvestmentTableError, match="unknown quantity item"):
        inv.parse_unit_prices("unit_prices.csv", PRICES.replace("trees", "saplings"))
    with pytest.raises(inv.NoItemsError):
        inv.estimate(inv.InvestmentInputs(items_frame(), tables()))
    with pytest.raises(inv.ItemsColumnsError, match="quantity"):
        inv.estimate(inv.InvestmentInputs(items().drop(columns=["quantity"]), tables()))


def test_measure_lines_carry_the_catalogue_names() -> None:
    names = {"forest_arbor": ("水土保持林(乔木)", "soil conservation forest")}
    r = inv.estimate(inv.InvestmentInputs(items(), tables(), measure_names=names))
    line = r.summary.set_index("code").loc["forest_arbor"]
    assert (line["name_zh"], line["name_en"]) == names["forest_arbor"]
    assert r.summary.set_index("code").loc["water_cellar", "name_zh"] == "water_cellar"  # no name given: the code
