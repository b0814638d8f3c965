"""The steep-cropland demo case (``resources/demo/steep_cropland``): steps 1–4 on a synthetic loess hillside.

Youwuzhen has almost no dry cropland, so ``make demo`` runs this second case for the terraces (坡改梯):
a synthetic 5 m DEM with dry cropland (0103 旱地) from 3.5° to 32° and a 三调-like parcel layer
(``bench/make_steep_case.py`` generates both; ``resources/demo/steep_cropland/README.md``):

1. ``sbplanner:delineate_watersheds`` from ``outlet.gpkg`` and ``sbplanner:divide_small_watersheds``;
2. ``sbplanner:analyse_parcels`` with the case's assumed R and K (``demo_factors.csv``, 西北黄土高原区
   tolerance 1000 t/(km²·a)) and ``sbplanner:summarise_watersheds``;
3. ``sbplanner:assign_measures`` (region 西北黄土高原区, soil depth ``SOIL_DEPTH_M``, exemption
   ``RETIRE_EXEMPT`` = 退耕确有困难), then the designer's overrides of the parcels whose
   ``PLAN_MEASURE`` is filled, written the way the dock's parcel editor writes them
   (``core.measures.edits.assign_measures``: status ``overridden``, rule ``manual``, logged in the plan's
   edit log) — the region's rules never give stone risers nor a 隔坡梯田 above 20°;
4. :func:`sbplanner_plugin.demo.step4.run_step4`;
5. :func:`sbplanner_plugin.demo.step5.run_step5` with the 坡改梯 priority of the sloping cropland
   (``sbplanner:slope_farmland_priority``, soil depth ``SOIL_DEPTH_M``).

Everything goes to ``<output>/steep_cropland/``: the plan ``steep_cropland_plan.gpkg``, ``factor_provenance.csv``,
``measures_summary.csv``, the step-4 and step-5 CSV tables (UTF-8 with a byte-order mark).
ILLUSTRATIVE: synthetic terrain, assumed factors, example unit prices.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sbplanner_plugin.core.definitions import ErosionRegion
from sbplanner_plugin.demo.runner import read_factors, run, table_rows, write_csv

CASE = "steep_cropland"
DEM_NAME, PARCELS_NAME, OUTLET_NAME = "dem_5m.tif", "parcels.gpkg", "outlet.gpkg"
FACTORS_NAME = "demo_factors.csv"
GPKG_NAME = "steep_cropland_plan.gpkg"
PROJECT_NAME = "steep_cropland_demo.qgz"
MEASURES_SUMMARY_NAME = "measures_summary.csv"
FACTORS_CSV = "factor_provenance.csv"
REGION = int(ErosionRegion.NORTHWEST_LOESS)  # 西北黄土高原区: 隔坡梯田 on 15–20°, tolerance 1000 t/(km²·a)
SOIL_DEPTH_FIELD, EXEMPT_FIELD, OVERRIDE_FIELD = "SOIL_DEPTH_M", "RETIRE_EXEMPT", "PLAN_MEASURE"
SLOPE_SYSTEM_D010 = 1
#: Step 1 on a ~1 km² catchment of 5 m cells: channels from 0.05 km², small watersheds of 0.15–0.6 km².
THRESHOLD_KM2, MAX_AREA_KM2, MIN_AREA_KM2 = 0.05, 0.6, 0.15
#: Who the edit log names for the overrides.
OVERRIDE_USER = "demo (PLAN_MEASURE)"
ILLUSTRATIVE = "illustrative demo: synthetic terrain and parcels, assumed R and K, example unit prices"


def copy_inputs(case_dir: Path, data_dir: Path) -> dict[str, Path]:
    data_dir.mkdir(parents=True, exist_ok=True)
    out = {}
    for name in (DEM_NAME, PARCELS_NAME, OUTLET_NAME, FACTORS_NAME):
        shutil.copy2(case_dir / name, data_dir / name)
        out[name] = data_dir / name
    return out


def apply_overrides(store) -> int:
    """The designer's measures of ``PLAN_MEASURE`` (codes, primary first) on ``parcels_measures``, as the
    parcel editor writes them (with the new primary measure's catalogue design parameters, which the
    dock's parameter editor starts from); returns the parcels changed."""
    from sbplanner_plugin.adapters.param_files import load_catalogue, table_path
    from sbplanner_plugin.core.measures import edits

    catalogue = load_catalogue(table_path("measures.csv"))
    wanted: dict[tuple[str, ...], dict[int, dict]] = {}
    for row in table_rows(store.layer_uri("parcels_measures"), "parcels_measures"):
        codes = tuple(c.strip() for c in str(row.get(OVERRIDE_FIELD) or "").split(";") if c.strip())
        if codes:
            unknown = [c for c in codes if c not in catalogue]
            if unknown:
                raise RuntimeError(f"{OVERRIDE_FIELD} of parcel {row['fid']}: unknown measure {', '.join(unknown)}")
            wanted.setdefault(codes, {})[int(row["fid"])] = {k: row.get(k) for k in edits.PARCEL_EDIT_FIELDS}
    changed = 0
    for codes, rows in wanted.items():
        # the dock's parameter editor starts from the new primary measure's catalogue design values
        changes = edits.assign_measures(rows, codes, catalogue, dict(catalogue[codes[0]].design_params))
        if changes:
            store.update_attributes("parcels_measures", changes.new, user=OVERRIDE_USER)
            changed += len(changes.new)
    return changed


def run_case(out_dir: Path, case_dir: Path | None = None) -> dict:
    """Steps 1–4 on the steep-cropland case into ``out_dir`` (overwritten); returns the step-4 totals
    (with ``overrides``, the parcels changed by ``PLAN_MEASURE``)."""
    import pandas as pd

    from sbplanner_plugin.adapters.param_files import load_catalogue, table_path
    from sbplanner_plugin.adapters.plan_store import PlanStore
    from sbplanner_plugin.core.measures import summarise
    from sbplanner_plugin.demo.step4 import run_step4
    from sbplanner_plugin.demo.step5 import run_step5
    from sbplanner_plugin.paths import demo_path

    case_dir = case_dir or demo_path(CASE)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    files = copy_inputs(case_dir, out_dir / "data")
    factors = read_factors(files[FACTORS_NAME])
    store = PlanStore(out_dir / GPKG_NAME)
    store.ensure()
    print(f"\n=== Steep-cropland case 坡耕地示例 ({case_dir}) — {ILLUSTRATIVE} ===")
    dem = str(files[DEM_NAME])
    run("sbplanner:delineate_watersheds", {
        "DEM": dem, "OUTLETS": f"{files[OUTLET_NAME]}|layername=outlet", "STREAM_THRESHOLD_KM2": THRESHOLD_KM2,
        "SNAP_DISTANCE_M": 0.0, "OUTPUT_WATERSHEDS": store.destination("watersheds"),
        "OUTPUT_STREAMS": store.destination("streams"), "OUTPUT_OUTLETS": store.destination("outlets_snapped"),
    })  # fmt: skip
    run("sbplanner:divide_small_watersheds", {
        "DEM": dem, "BOUNDARY": store.layer_uri("watersheds"), "MAX_AREA_KM2": MAX_AREA_KM2,
        "MIN_AREA_KM2": MIN_AREA_KM2, "STREAM_THRESHOLD_KM2": THRESHOLD_KM2,
        "OUTPUT_WATERSHEDS": store.destination("small_watersheds"),
        "OUTPUT_STREAMS": store.destination("small_watershed_streams"),
    })  # fmt: skip
    for key, row in factors.items():
        print(f"    {key} = {row['value']} {row.get('unit') or ''} [{row['confidence']}] {row['source']}")
    run("sbplanner:analyse_parcels", {
        "PARCELS": f"{files[PARCELS_NAME]}|layername=parcels", "DEM": dem,
        "WATERSHEDS": store.layer_uri("small_watersheds"), "LANDUSE_FIELD": "DLBM", "SLOPE_SYSTEM": SLOPE_SYSTEM_D010,
        "R_FACTOR": float(factors["r_factor"]["value"]), "K_FACTOR": float(factors["k_factor"]["value"]),
        "COVER_FIELD": "FVC", "CANOPY_FIELD": "YBD", "EROSION_REGION": REGION, "TOLERANCE_T_KM2_A": 0.0,
        "CROPPING_ZONE": factors.get("cropping_zone", {}).get("value", ""),
        "OUTPUT_PARCELS": store.destination("parcels"), "OUTPUT_FACTORS": store.destination("factor_provenance"),
    })  # fmt: skip
    params = {"PARCELS": store.layer_uri("parcels"), "WATERSHEDS": store.layer_uri("small_watersheds"),
              "SLOPE_SYSTEM": SLOPE_SYSTEM_D010, "PLAN": str(store.path)}  # fmt: skip
    params.update({k: "TEMPORARY_OUTPUT" for k in ("OUTPUT_LANDUSE_SLOPE", "OUTPUT_D010", "OUTPUT_D011",
                                                   "OUTPUT_D05", "OUTPUT_INDICATORS")})  # fmt: skip
    run("sbplanner:summarise_watersheds", params)
    write_csv(
        [{"factor": "demo", "value": "illustrative", "source": ILLUSTRATIVE, "confidence": ""}]
        + [{"factor": f"demo:{k}", **{c: r.get(c) for c in ("value", "source", "confidence")}}
           for k, r in factors.items()]
        + [{"factor": r["factor"], "value": r["value"], "source": r["source"], "confidence": ""}
           for r in table_rows(store.layer_uri("factor_provenance"), "factor_provenance")],
        out_dir / FACTORS_CSV,
    )  # fmt: skip
    run("sbplanner:assign_measures", {
        "PARCELS": store.layer_uri("parcels"), "REGION": REGION, "SOIL_DEPTH_FIELD": SOIL_DEPTH_FIELD,
        "RETIRE_EXEMPT_FIELD": EXEMPT_FIELD, "OUTPUT_PARCELS": store.destination("parcels_measures"),
    })  # fmt: skip
    overrides = apply_overrides(store)
    print(f"\n  {overrides} parcels given the designer's measures of {OVERRIDE_FIELD} (status overridden, edit log)")
    assigned = pd.DataFrame(table_rows(store.layer_uri("parcels_measures"), "parcels_measures"))
    summary = summarise(assigned.fillna({"measure_code": "", "measure_codes": ""}),
                        load_catalogue(table_path("measures.csv")))  # fmt: skip
    write_csv(summary.to_dict("records"), out_dir / MEASURES_SUMMARY_NAME)
    totals = run_step4(store, Path(dem), out_dir) or {}
    totals["overrides"] = overrides
    # step 5 with the 坡改梯 priority: this case has the sloping cropland Youwuzhen lacks
    totals["step5"] = (
        run_step5(store, out_dir, REGION, farmland=True, soil_depth_field=SOIL_DEPTH_FIELD) if totals else None
    )
    return totals
