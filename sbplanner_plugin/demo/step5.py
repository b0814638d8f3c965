"""Step 5 of a ``make demo`` case: urgency ranking, benefits and (where there is sloping cropland) the
坡改梯 priority, with their CSV tables.

Runs on the plan of steps 1–4, into the plan GeoPackage (the layers of each algorithm's ``plan_layers``):

* ``sbplanner:urgency_ranking`` on the small watersheds of step 1 and the analysed parcels of step 2
  (bundled indicator table and weights, natural breaks, 1000 seeded Monte Carlo draws) → ``ws_urgency``
  (the small watersheds with ``urgency_score``, ``urgency_rank``, ``urgency_class`` …) and
  ``ws_urgency_table``; written as ``urgency_ranking.csv`` (by rank);
* ``sbplanner:evaluate_benefits`` on ``parcels_measures`` (step 3) with ``works_quantities`` and
  ``investment_by_ws`` (step 4) → ``benefit_parcels``, ``benefit_ws``, ``benefit_by_year``, ``benefit_d020``,
  ``benefit_d021``; written as ``benefit_ws.csv``, ``benefit_by_year.csv``, ``benefit_d020.csv`` (SL/T 447
  D.0.20) and ``benefit_d021.csv`` (D.0.21);
* ``sbplanner:slope_farmland_priority`` when the case has sloping cropland (``farmland=True``: the
  steep-cropland case; Youwuzhen's cropland is paddy) → ``farmland_priority`` and ``farmland_priority.csv``.

The benefit prices of ``resources/params/benefit_prices.csv`` are EXAMPLES, the urgency weights PROPOSALS.
"""

from __future__ import annotations

import math
from pathlib import Path

from sbplanner_plugin.adapters import plan_store_common as names
from sbplanner_plugin.demo.runner import algorithm_available, run, table_rows, write_csv

URGENCY_LAYER, URGENCY_TABLE = "ws_urgency", "ws_urgency_table"  # UrgencyRanking.plan_layers
FARMLAND_LAYER = "farmland_priority"  # SlopeFarmlandPriority.plan_layers
URGENCY_CSV = "urgency_ranking.csv"
FARMLAND_CSV = "farmland_priority.csv"
#: plan table → CSV file
BENEFIT_CSVS = (
    (names.BENEFIT_WATERSHEDS, "benefit_ws.csv"),
    (names.BENEFIT_BY_YEAR, "benefit_by_year.csv"),
    (names.BENEFIT_D020, "benefit_d020.csv"),
    (names.BENEFIT_D021, "benefit_d021.csv"),
)
CSV_NAMES = (URGENCY_CSV, *(n for _, n in BENEFIT_CSVS))
STEP5_ALGORITHMS = ("sbplanner:urgency_ranking", "sbplanner:evaluate_benefits")
#: The urgency columns first in urgency_ranking.csv (then every v_ / n_ indicator column).
URGENCY_FIRST = ("ws_code", "urgency_rank", "urgency_score", "urgency_class", "urgency_class_en",
                 "urgency_flags", "rank_stability", "missing_indicators", "key_area")  # fmt: skip
#: The parcel fields of farmland_priority.csv before the scores (those the layer has).
FARMLAND_FIRST = ("parcel_id", "ws_code", "landuse_code", "area_ha", "slope_mean_deg", "soil_loss_t_km2_a",
                  "priority_rank", "priority_score", "block_id", "block_area_ha", "block_eligible", "selected",
                  "missing_indicators")  # fmt: skip
DRAWS, SEED = 1000, 1


def _plain(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k != "fid"} for r in rows]


def _ordered(rows: list[dict], first) -> list[str]:
    present = list(rows[0]) if rows else []
    return [c for c in first if c in present] + [c for c in present if c not in first]


def run_step5(
    store, out_dir: Path, region: int, farmland: bool = False, soil_depth_field: str | None = None
) -> dict | None:
    """Urgency, benefits (and the farmland priority with ``farmland``) of the plan; the CSV tables; the
    figures printed (None when the step-5 algorithms are not in this build)."""
    missing = [a for a in STEP5_ALGORITHMS if not algorithm_available(a)]
    if missing:
        print(f"\nStep 5 skipped: {', '.join(missing)} not available in this build.")
        return None
    print("\nStep 5 — ranking and benefits 治理紧迫程度与效益分析 (PROPOSAL weights, EXAMPLE benefit prices).")
    urgency = run(
        "sbplanner:urgency_ranking",
        {
            "WATERSHEDS": store.layer_uri(names.SMALL_WATERSHEDS),
            "PARCELS": store.layer_uri(names.PARCELS),
            "EROSION_REGION": region,
            "DRAWS": DRAWS,
            "SEED": SEED,
            "OUTPUT_WATERSHEDS": store.destination(URGENCY_LAYER),
            "OUTPUT_TABLE": store.destination(URGENCY_TABLE),
        },
    )
    works = names.WORKS_QUANTITIES in store.layers()
    benefits = run(
        "sbplanner:evaluate_benefits",
        {
            "PARCELS": store.layer_uri(names.PARCELS_MEASURES),
            "WATERSHEDS": store.layer_uri(names.SMALL_WATERSHEDS),
            "WORKS_QUANTITIES": store.layer_uri(names.WORKS_QUANTITIES) if works else None,
            "INVESTMENT_BY_WS": store.layer_uri(names.INVESTMENT_BY_WATERSHED),
            "EROSION_REGION": region,
            "OUTPUT_PARCELS": store.destination(names.BENEFIT_PARCELS),
            "OUTPUT_WATERSHEDS": store.destination(names.BENEFIT_WATERSHEDS),
            "OUTPUT_BY_YEAR": store.destination(names.BENEFIT_BY_YEAR),
            "OUTPUT_D020": store.destination(names.BENEFIT_D020),
            "OUTPUT_D021": store.destination(names.BENEFIT_D021),
        },
    )
    wanted = (URGENCY_LAYER, URGENCY_TABLE, *(t for t, _ in BENEFIT_CSVS))
    missing_layers = [n for n in wanted if n not in store.layers()]
    if missing_layers:
        raise RuntimeError(f"step 5 did not write {', '.join(missing_layers)} into {store.path}")

    ranking = sorted(_plain(table_rows(store.layer_uri(URGENCY_TABLE), URGENCY_TABLE)),
                     key=lambda r: r["urgency_rank"])  # fmt: skip
    write_csv(ranking, out_dir / URGENCY_CSV, _ordered(ranking, URGENCY_FIRST))
    tables = {}
    for layer, file_name in BENEFIT_CSVS:
        tables[layer] = _plain(table_rows(store.layer_uri(layer), layer))
        write_csv(tables[layer], out_dir / file_name)
    totals = {
        "units": int(urgency["UNITS"]),
        "weights": urgency["WEIGHTS"],
        "ranking": ranking,
        "soil_conserved_t_a": float(benefits["SOIL_CONSERVED_T_A"]),
        "swc_rate_current_pct": benefits["SWC_RATE_CURRENT_PCT"],
        "swc_rate_planned_pct": benefits["SWC_RATE_PLANNED_PCT"],
        "benefit_ws": tables[names.BENEFIT_WATERSHEDS],
        "d021": tables[names.BENEFIT_D021],
        "farmland": _farmland(store, out_dir, soil_depth_field) if farmland else None,
    }
    print_totals(totals)
    return totals


def _farmland(store, out_dir: Path, soil_depth_field: str | None) -> dict | None:
    """坡改梯 priority of the sloping cropland (sbplanner:slope_farmland_priority: no area budget, blocks of
    farmland_min_block_ha and more selected) and its CSV."""
    if not algorithm_available("sbplanner:slope_farmland_priority"):
        return None
    params = {"PARCELS": store.layer_uri(names.PARCELS), "OUTPUT_PARCELS": store.destination(FARMLAND_LAYER)}
    if soil_depth_field:
        params["SOIL_DEPTH_FIELD"] = soil_depth_field
    result = run("sbplanner:slope_farmland_priority", params)
    rows = _plain(table_rows(store.layer_uri(FARMLAND_LAYER), FARMLAND_LAYER))
    rows.sort(key=lambda r: (str(r.get("ws_code") or ""), r["priority_rank"]))
    write_csv(rows, out_dir / FARMLAND_CSV, _ordered(rows, FARMLAND_FIRST))
    return {
        "candidates": int(result["CANDIDATES"]),
        "blocks": int(result["BLOCKS"]),
        "selected": int(result["SELECTED"]),
        "selected_area_ha": float(result["SELECTED_AREA_HA"]),
    }


def _number(value, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    return f"{float(value):,.{digits}f}"


def print_totals(totals: dict) -> None:
    """The ranking, the whole area's benefits and the economic figures, in a few lines."""
    print(f"\nUrgency ranking 治理紧迫程度 ({totals['units']} small watersheds; weights {totals['weights']}):")
    for row in totals["ranking"]:
        flags = f"  [{row['urgency_flags']}]" if row.get("urgency_flags") else ""
        print(
            f"  #{row['urgency_rank']:<2} {row['ws_code']:<8} score {_number(row.get('urgency_score'))}  "
            f"{row.get('urgency_class') or '–'}  rank stability {_number(row.get('rank_stability'), 2)}{flags}"
        )
    whole = next((r for r in totals["benefit_ws"] if r.get("ws_code") == "ALL"), {})
    print(
        f"Benefits 效益 (whole area): soil conserved 保土 {totals['soil_conserved_t_a']:,.0f} t/a; 水土保持率 "
        f"{_number(totals['swc_rate_current_pct'])} % → {_number(totals['swc_rate_planned_pct'])} %; 治理度 "
        f"{_number(whole.get('treatment_degree_pct'))} %; 林草覆盖率 "
        f"{_number(whole.get('forest_grass_cover_current_pct'))} % → "
        f"{_number(whole.get('forest_grass_cover_planned_pct'))} %"
    )
    d021 = next((r for r in totals["d021"] if r.get("ws_code") == "ALL"), None)
    if d021:
        print(
            f"D.0.21 (EXAMPLE prices, {d021.get('years')} years at {_number(d021.get('discount_rate_pct'))} %): "
            f"NPV {_number(d021.get('npv_wan_yuan'), 2)} 万元, IRR {_number(d021.get('irr_pct'))} %, "
            f"B/C {_number(d021.get('bcr'), 2)}"
        )
    farm = totals.get("farmland")
    if farm:
        print(
            f"Sloping farmland 坡改梯 priority: {farm['candidates']} candidate parcels in {farm['blocks']} blocks; "
            f"{farm['selected']} selected, {farm['selected_area_ha']:.2f} hm² ({FARMLAND_CSV})"
        )
