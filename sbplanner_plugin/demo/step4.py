"""Step 4 of a ``make demo`` case: terrace and measure quantities, the investment estimate, their CSV tables.

Runs ``sbplanner:terrace_quantities``, ``sbplanner:measure_quantities`` and ``sbplanner:estimate_investment``
on the plan's ``parcels_measures`` (step 3) into the plan GeoPackage (layer names of
``adapters.plan_store_common``), then writes into the case's output folder:

* ``terrace_quantities.csv`` — per terraced parcel: B, H, α, bench length, earthwork, masonry, net
  cropland, suitability and its reason, the formula with the parcel's numbers (``basis``); when the
  plan holds no terrace the table has no parcel and one row with only ``note`` filled, saying so;
* ``terrace_branches.csv`` — terraced parcels per measure, riser material and suitability;
* ``measure_quantities.csv`` — per parcel of every other area measure (planting, 整地, 封育, 耕作);
* ``quantity_items.csv`` — every quantity item (terrace and measure items, one row per feature × item);
* ``d016_quantities.csv`` — SL/T 447 D.0.16 工程量汇总表 per small watershed and measure, plus the
  project rows (``ws_code`` ALL);
* ``investment_summary.csv``, ``investment_by_ws.csv``, ``investment_schedule.csv``,
  ``investment_funding.csv``, ``investment_items.csv`` — the estimate (水总[2003]67号 structure), per
  small watershed, per implementation year (D.0.17), by funding source (D.0.19), every priced item.

The unit prices shipped in ``resources/params/unit_prices.csv`` are EXAMPLES: so is the demo's total.
"""

from __future__ import annotations

from pathlib import Path

from sbplanner_plugin.adapters import plan_store_common as names
from sbplanner_plugin.demo.runner import algorithm_available, run, table_rows, write_csv

TERRACE_CSV = "terrace_quantities.csv"
BRANCHES_CSV = "terrace_branches.csv"
MEASURE_CSV = "measure_quantities.csv"
ITEMS_CSV = "quantity_items.csv"
D016_CSV = "d016_quantities.csv"
STAKES_CSV, STAKES_GPX = "terrace_stakes.csv", "terrace_stakes.gpx"
#: plan table → CSV file
INVESTMENT_CSVS = (
    (names.INVESTMENT_SUMMARY, "investment_summary.csv"),
    (names.INVESTMENT_BY_WATERSHED, "investment_by_ws.csv"),
    (names.INVESTMENT_SCHEDULE, "investment_schedule.csv"),
    (names.INVESTMENT_FUNDING, "investment_funding.csv"),
    (names.INVESTMENT_ITEMS, "investment_items.csv"),
)
CSV_NAMES = (TERRACE_CSV, BRANCHES_CSV, MEASURE_CSV, ITEMS_CSV, D016_CSV, *(n for _, n in INVESTMENT_CSVS),
             STAKES_CSV, STAKES_GPX)  # fmt: skip
STEP4_ALGORITHMS = ("sbplanner:terrace_quantities", "sbplanner:measure_quantities", "sbplanner:estimate_investment")
#: Works layers of step 3 that measure_quantities prices when the plan holds them.
WORKS_LAYERS = (names.CHECK_DAMS, names.GULLY_HEADS, names.INTERCEPT_DITCHES, "works_points", "works_lines")
#: The parcel fields repeated in the per-parcel CSVs before the quantities (those the layer has).
PARCEL_ID_COLUMNS = (
    "fid",
    "parcel_id",
    "BSM",
    "ws_code",
    "DLBM",
    "landuse_name",
    "area_ha",
    "slope_mean_deg",
    "erosion_class",
    "measure_code",
    "measure_name",
    "measure_codes",
    "rule_id",
    "status",
)
NO_TERRACE_NOTE = (
    "No parcel of this plan has a terrace (水平梯田, 坡式梯田, 隔坡梯田) as its primary measure: "
    "the terrace tables are empty."
)
BRANCH_KEYS = ("measure_code", "terrace_type", "riser_material", "suitability", "alternative_measure")


def _columns(rows: list[dict], wanted) -> list[str]:
    present = set(rows[0]) if rows else set()
    return [c for c in wanted if c in present]


def _terrace_csv(store, out_dir: Path, empty_note: str) -> list[dict]:
    from sbplanner_plugin.core.quantities.terrace import OUTPUT_COLUMNS

    rows = table_rows(store.layer_uri(names.TERRACE_QUANTITIES), names.TERRACE_QUANTITIES)
    if rows:
        write_csv(rows, out_dir / TERRACE_CSV, [*_columns(rows, PARCEL_ID_COLUMNS), *OUTPUT_COLUMNS])
    else:
        note = " ".join(t for t in (NO_TERRACE_NOTE, empty_note) if t)
        fields = ["parcel_id", "ws_code", "measure_code", *OUTPUT_COLUMNS, "note"]
        write_csv([{"note": note}], out_dir / TERRACE_CSV, fields)
        print(f"\n  {TERRACE_CSV}: {note}")
    return rows


def branch_table(rows: list[dict]) -> list[dict]:
    """Terraced parcels per (measure, type, riser material, suitability, alternative): count, area,
    earthwork, masonry and the range of H and θ — what every terrace branch of the plan did."""
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        groups.setdefault(tuple(row.get(k) or "" for k in BRANCH_KEYS), []).append(row)
    out = []
    for key, members in sorted(groups.items()):
        heights = [r["riser_height_m"] for r in members if r.get("riser_height_m") is not None]
        slopes = [r["slope_design_deg"] for r in members if r.get("slope_design_deg") is not None]
        out.append({
            **dict(zip(BRANCH_KEYS, key)),
            "parcels": len(members),
            "area_ha": round(sum(r.get("area_ha") or 0.0 for r in members), 3),
            "earthwork_m3": round(sum(r.get("earthwork_m3") or 0.0 for r in members), 1),
            "masonry_m3": round(sum(r.get("masonry_m3") or 0.0 for r in members), 1),
            "slope_min_deg": round(min(slopes), 2) if slopes else None,
            "slope_max_deg": round(max(slopes), 2) if slopes else None,
            "riser_height_min_m": round(min(heights), 3) if heights else None,
            "riser_height_max_m": round(max(heights), 3) if heights else None,
        })  # fmt: skip
    return out


def _items(store) -> list[dict]:
    rows = []
    for layer in (names.TERRACE_ITEMS, names.MEASURE_ITEMS):
        if layer in store.layers():
            rows += [{k: v for k, v in r.items() if k != "fid"} for r in table_rows(store.layer_uri(layer), layer)]
    return rows


def _d016(items: list[dict]) -> list[dict]:
    """D.0.16 per (ws_code, measure_code) and for the project (ws_code ALL), with the measure's name."""
    import pandas as pd

    from sbplanner_plugin.adapters.param_files import load_catalogue, table_path
    from sbplanner_plugin.core.quantities.items import ITEM_COLUMNS, d016_table

    if not items:
        return []
    frame = pd.DataFrame(items, columns=list(ITEM_COLUMNS))
    frame["ws_code"] = frame["ws_code"].fillna("")
    by_ws = d016_table(frame, ("ws_code", "measure_code"))
    total = d016_table(frame, ("measure_code",))
    total.insert(0, "ws_code", "ALL")
    table = pd.concat([by_ws, total], ignore_index=True)
    catalogue = load_catalogue(table_path("measures.csv"))
    table.insert(2, "measure_name", [catalogue[c].name_zh if c in catalogue else "" for c in table["measure_code"]])
    return table.round(3).to_dict("records")


def run_step4(store, dem_path: Path, out_dir: Path, empty_note: str = "") -> dict | None:
    """Quantities and investment of the plan's step-3 layout; the CSV tables; the totals (None when the
    step-4 algorithms are not in this build)."""
    missing = [a for a in STEP4_ALGORITHMS if not algorithm_available(a)]
    if missing:
        print(f"\nStep 4 skipped: {', '.join(missing)} not available in this build.")
        return None
    print(
        "\nStep 4 — quantities and investment 工程量与投资估算 (EXAMPLE unit prices: resources/params/unit_prices.csv)."
    )
    parcels = store.layer_uri(names.PARCELS_MEASURES)
    terrace = run(
        "sbplanner:terrace_quantities",
        {
            "PARCELS": parcels,
            "DEM": str(dem_path),
            "OUTPUT_PARCELS": store.destination(names.TERRACE_QUANTITIES),
            "OUTPUT_ITEMS": store.destination(names.TERRACE_ITEMS),
        },
    )
    works = [store.layer_uri(n) for n in WORKS_LAYERS if n in store.layers()]
    run(
        "sbplanner:measure_quantities",
        {
            "PARCELS": parcels,
            "WORKS": works,
            "DEM": str(dem_path),
            "OUTPUT_PARCELS": store.destination(names.MEASURE_QUANTITIES),
            "OUTPUT_WORKS": store.destination(names.WORKS_QUANTITIES),
            "OUTPUT_STORAGE": store.destination(names.DAM_STORAGE),
            "OUTPUT_ITEMS": store.destination(names.MEASURE_ITEMS),
        },
    )
    investment = run(
        "sbplanner:estimate_investment",
        {
            "ITEMS": [store.layer_uri(names.TERRACE_ITEMS), store.layer_uri(names.MEASURE_ITEMS)],
            "OUTPUT_ITEMS": store.destination(names.INVESTMENT_ITEMS),
            "OUTPUT_SUMMARY": store.destination(names.INVESTMENT_SUMMARY),
            "OUTPUT_BY_WATERSHED": store.destination(names.INVESTMENT_BY_WATERSHED),
            "OUTPUT_SCHEDULE": store.destination(names.INVESTMENT_SCHEDULE),
            "OUTPUT_FUNDING": store.destination(names.INVESTMENT_FUNDING),
        },
    )
    missing_layers = [
        n for n in (names.TERRACE_QUANTITIES, names.TERRACE_ITEMS, names.MEASURE_QUANTITIES, names.MEASURE_ITEMS,
                    *(t for t, _ in INVESTMENT_CSVS)) if n not in store.layers()
    ]  # fmt: skip
    if missing_layers:
        raise RuntimeError(f"step 4 did not write {', '.join(missing_layers)} into {store.path}")

    terraced = _terrace_csv(store, out_dir, empty_note)
    layout = _layout(store, dem_path, out_dir) if terraced else {}
    branches = branch_table(terraced)
    write_csv(branches, out_dir / BRANCHES_CSV, [*BRANCH_KEYS, "parcels", "area_ha", "earthwork_m3", "masonry_m3",
              "slope_min_deg", "slope_max_deg", "riser_height_min_m", "riser_height_max_m"])  # fmt: skip
    from sbplanner_plugin.core.quantities.measures import PARCEL_COLUMNS

    measured = table_rows(store.layer_uri(names.MEASURE_QUANTITIES), names.MEASURE_QUANTITIES)
    write_csv(measured, out_dir / MEASURE_CSV, [*_columns(measured, PARCEL_ID_COLUMNS), *PARCEL_COLUMNS])
    items = _items(store)
    write_csv(items, out_dir / ITEMS_CSV)
    d016 = _d016(items)
    write_csv(d016, out_dir / D016_CSV)
    tables = {}
    for layer, file_name in INVESTMENT_CSVS:
        tables[layer] = table_rows(store.layer_uri(layer), layer)
        write_csv([{k: v for k, v in r.items() if k != "fid"} for r in tables[layer]], out_dir / file_name)
    totals = {
        "terraced": len(terraced),
        "suitable": int(terrace["SUITABLE"]),
        "reduced": int(terrace["REDUCED"]),
        "unsuitable": int(terrace["UNSUITABLE"]),
        "terrace_earthwork_m3": float(terrace["EARTHWORK_M3"]),
        "layout": layout,
        "measure_parcels": len(measured),
        "items": len(items),
        "total_yuan": float(investment["TOTAL_YUAN"]),
        "static_total_yuan": float(investment["STATIC_TOTAL_YUAN"]),
        "complete": bool(investment["COMPLETE"]),
        "missing_prices": int(investment["MISSING_PRICES"]),
        "branches": branches,
        "d016": d016,
        "summary": tables[names.INVESTMENT_SUMMARY],
    }
    print_totals(totals)
    return totals


def _layout(store, dem_path: Path, out_dir: Path) -> dict:
    """Terrace edge lines and staking points (sbplanner:terrace_layout) into the plan, the stakes as CSV and
    GPX for GNSS setting-out; {} when the algorithm is not in this build."""
    if not algorithm_available("sbplanner:terrace_layout"):
        return {}
    result = run(
        "sbplanner:terrace_layout",
        {
            "PARCELS": store.layer_uri(names.TERRACE_QUANTITIES),
            "DEM": str(dem_path),
            "OUTPUT_LINES": store.destination(names.TERRACE_LINES),
            "OUTPUT_STAKES": store.destination(names.TERRACE_STAKES),
            "OUTPUT_CSV": str(out_dir / STAKES_CSV),
            "OUTPUT_GPX": str(out_dir / STAKES_GPX),
        },
    )
    return {"lines": int(result["LINE_COUNT"]), "stakes": int(result["STAKE_COUNT"])}


def print_totals(totals: dict) -> None:
    """A few lines: terraces by suitability, D.0.16 project totals, the estimate's parts and totals."""
    print(
        f"\nTerraces 梯田: {totals['terraced']} parcels — {totals['suitable']} suitable, {totals['reduced']} with a "
        f"reduced bench width, {totals['unsuitable']} unsuitable; earthwork {totals['terrace_earthwork_m3']:,.0f} m³"
    )
    for row in totals["branches"]:
        print(
            f"  {row['measure_code']:<20} {row['riser_material'] or '':<9} {row['suitability']:<10} "
            f"{row['parcels']:3d} parcels {row['area_ha']:7.2f} hm²  earthwork {row['earthwork_m3']:9,.0f} m³"
            + (f"  → {row['alternative_measure']}" if row["alternative_measure"] else "")
        )
    if totals.get("layout"):
        print(f"Terrace layout 梯田放样: {totals['layout']['lines']} edge lines, {totals['layout']['stakes']} stakes "
              f"({STAKES_CSV}, {STAKES_GPX})")  # fmt: skip
    project = [r for r in totals["d016"] if r["ws_code"] == "ALL"]
    print(f"D.0.16 工程量 (project, {len(project)} measures, {totals['items']} items):")
    for column in ("土方开挖", "土方回填", "干砌石", "整地", "栽植乔木", "栽植灌木", "种草", "投工"):
        value = sum(float(r.get(column) or 0.0) for r in project)
        if value:
            print(f"  {column}: {value:,.1f}")
    print("Investment estimate 投资估算 (EXAMPLE unit prices):")
    for row in totals["summary"]:
        if row.get("level") == 1 and row.get("amount_wan") is not None:
            print(f"  {row.get('name_zh', '')}: {float(row['amount_wan']):,.2f} 万元")
    state = "complete" if totals["complete"] else f"INCOMPLETE: {totals['missing_prices']} items without a price"
    print(
        f"  静态总投资 {totals['static_total_yuan'] / 1e4:,.2f} 万元, 总投资 {totals['total_yuan'] / 1e4:,.2f} 万元 "
        f"({state})"
    )
