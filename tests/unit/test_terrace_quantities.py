"""Terrace quantities per parcel (core.quantities.terrace.terrace_layer): every branch against hand numbers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from sbplanner_plugin.core.quantities import terrace as t

DESIGN = {
    "terrace_level_earth": {"riser": "earth", "riser_height_max_m": 2.0, "riser_angle_deg": 75.0,
                            "bench_width_m": "auto", "lip_ridge_m": 0.3},
    "terrace_level_stone": {"riser": "dry_stone", "riser_height_max_m": 2.5, "riser_angle_deg": 80.0,
                            "bench_width_m": "auto", "wall_top_m": 0.4},
    "terrace_slope": {"ridge_height_m": 0.5, "ridge_top_m": 0.3, "ridge_side_slope": 1.0},
    "terrace_interval": {"riser": "earth", "bench_share": 0.5, "bench_width_m": "auto"},
}  # fmt: skip
BENCH = [t.BenchWidthRow(0, 5, 12.5), t.BenchWidthRow(5, 10, 9), t.BenchWidthRow(10, 15, 7.5),
         t.BenchWidthRow(15, 20, 6.5), t.BenchWidthRow(20, 25, 5.5), t.BenchWidthRow(25, 90, 5)]  # fmt: skip
NORMS = [
    t.LabourNorm("terrace_level_earth", "earth_cut_m3", 0.3),
    t.LabourNorm("terrace_level_stone", "earth_cut_m3", 0.3),
    t.LabourNorm("terrace_level_stone", "dry_masonry_m3", 1.2),
]
AREA = 10_000.0  # 1 hm² each


def inputs(parcels, settings=None, previous=None, cells=4):
    """parcels: (code, slope °, params); each parcel gets ``cells`` DEM cells of that slope."""
    n = len(parcels)
    labels = np.repeat(np.arange(1, n + 1), cells).reshape(n, cells)
    slope = np.repeat([p[1] for p in parcels], cells).reshape(n, cells).astype(float)
    return t.TerraceInputs(
        parcel_ids=np.arange(101, 101 + n),
        measure_codes=[p[0] for p in parcels],
        measure_params=[p[2] if len(p) > 2 else "" for p in parcels],
        area_m2=np.full(n, AREA),
        geometries_wkb=[bytes([i]) for i in range(n)],
        cell_labels=labels,
        cell_slope_deg=slope,
        design_params=DESIGN,
        bench_widths=BENCH,
        labour_norms=NORMS,
        settings=settings or t.TerraceSettings(),
        ws_codes=["W1"] * n,
        previous=previous,
    )


def cot(deg: float) -> float:
    return 1 / math.tan(math.radians(deg))


def test_worked_check_parcel_earth_riser() -> None:
    # θ 15°, B 7 m, α 75° (given as parameters): H = 7/(cot15 − cot75) = 2.0207 m ≤ 2.0? no: 2.02 > 2.0 → give H max 2.5
    r = t.terrace_layer(inputs([("terrace_level_earth", 15.0)], t.TerraceSettings(7.0, 75.0, 2.5, 3.0)))
    row = r.table.iloc[0]
    assert row["riser_height_m"] == pytest.approx(2.021, rel=1e-3)
    assert row["earthwork_m3_per_ha"] == pytest.approx(2526, rel=1e-3)
    assert row["riser_share"] == pytest.approx(0.0718, abs=5e-4)
    bm = 2.0207 * cot(15)  # 7.5413 m gross width
    assert row["bench_length_m"] == pytest.approx(AREA / bm, rel=1e-3)  # 1326 m of bench in 1 hm²
    assert row["earthwork_m3"] == pytest.approx(7 * 2.0207 / 8 * AREA / bm, rel=1e-3)  # 2345 m³
    assert row["net_cropland_ha"] == pytest.approx(1 - 0.0718, abs=5e-4)
    assert row["lip_ridge_m3"] == pytest.approx(0.09 * AREA / bm, rel=1e-3)
    assert row["labour_days"] == pytest.approx(0.3 * row["earthwork_m3"], rel=1e-9)
    assert row["suitability"] == "suitable" and row["masonry_m3"] == 0
    items = r.items.set_index("item")["quantity"]
    assert items["earth_cut_m3"] == pytest.approx(row["earthwork_m3"])
    assert items["earth_fill_m3"] == pytest.approx(row["earthwork_m3"] + row["lip_ridge_m3"])
    assert items["area_ha"] == pytest.approx(1.0)


def test_auto_width_reduced_to_the_riser_limit() -> None:
    # θ 12° → table B 7.5 m, α 75: H = 7.5/(cot12 − cot75) = 7.5/(4.7046 − 0.2679) = 1.6905 ≤ 2 → suitable
    # θ 18° → B 6.5: H = 6.5/(3.0777 − 0.2679) = 2.3134 > 2 → B' = 2·(3.0777 − 0.2679) = 5.6196 ≥ 3 → reduced
    r = t.terrace_layer(inputs([("terrace_level_earth", 12.0), ("terrace_level_earth", 18.0)]))
    a, b = r.table.iloc[0], r.table.iloc[1]
    assert (a["suitability"], a["bench_width_m"]) == ("suitable", 7.5)
    assert a["riser_height_m"] == pytest.approx(7.5 / (cot(12) - cot(75)), rel=1e-9)
    assert b["suitability"] == "reduced"
    assert b["bench_width_m"] == pytest.approx(2 * (cot(18) - cot(75)), rel=1e-9)
    assert b["riser_height_m"] == pytest.approx(2.0, rel=1e-9)
    assert "5.62" in b["suitability_reason"]


def test_unsuitable_parcels_get_the_alternative_and_no_quantities() -> None:
    # θ 24°, B min 3, α 75: H = 3/(cot24 − cot75) = 3/(2.2460 − 0.2679) = 1.5166 — fits. Use B min 5 m:
    # H = 5/1.9781 = 2.5277 > 2 → unsuitable, < 25° → 坡式梯田; θ 28° (退耕确有困难): H = 5/(1.8807 − 0.2679)
    # = 3.1000 > 2 → 退耕还林还草
    r = t.terrace_layer(inputs([("terrace_level_earth", 24.0), ("terrace_level_earth", 28.0)],
                               t.TerraceSettings(min_bench_width_m=5.0)))  # fmt: skip
    a, b = r.table.iloc[0], r.table.iloc[1]
    assert a["suitability"] == b["suitability"] == "unsuitable"
    assert (a["alternative_measure"], b["alternative_measure"]) == ("terrace_slope", "retire_to_forest_grass")
    assert "2.53" in a["suitability_reason"] and "3.10" in b["suitability_reason"]
    assert a["earthwork_m3"] == 0 and a["labour_days"] == 0 and r.items.empty


def test_stone_riser_masonry() -> None:
    # θ 20°, table B 5.5, α 80: H = 5.5/(cot20 − cot80) = 5.5/(2.7475 − 0.1763) = 2.1390 ≤ 2.5
    r = t.terrace_layer(inputs([("terrace_level_stone", 20.0)]))
    row = r.table.iloc[0]
    h = 5.5 / (cot(20) - cot(80))
    length = AREA / (h * cot(20))
    assert row["riser_height_m"] == pytest.approx(h, rel=1e-9)
    assert row["masonry_m3"] == pytest.approx(h * 0.4 * length, rel=1e-9)
    assert row["labour_days"] == pytest.approx(0.3 * row["earthwork_m3"] + 1.2 * row["masonry_m3"], rel=1e-9)


def test_slope_terrace_counts_only_the_ridge() -> None:
    # θ 16°, B 6.5, α 75 (default): H = 6.5/(cot16 − cot75) = 6.5/(3.4874 − 0.2679) = 2.0190; B_m = H·cot16
    # = 7.0410; ridge 0.5 high, top 0.3, side 1:1 → bottom 1.3, section 0.4 m²; L = 10000/7.0410 = 1420.2 m
    r = t.terrace_layer(inputs([("terrace_slope", 16.0)]))
    row = r.table.iloc[0]
    bm = 6.5 / (cot(16) - cot(75)) * cot(16)
    assert row["bench_length_m"] == pytest.approx(AREA / bm, rel=1e-9)
    assert row["earthwork_m3"] == pytest.approx(0.4 * AREA / bm, rel=1e-9)
    assert row["riser_share"] == pytest.approx(1.3 / bm, rel=1e-9)
    assert row["suitability"] == "suitable"


def test_interval_terrace_benched_share_and_its_slope_limit() -> None:
    # θ 16°, B 6.5, α 75: as the level terrace, halved (bench_share 0.5); θ 22° > 20° → unsuitable
    r = t.terrace_layer(inputs([("terrace_interval", 16.0), ("terrace_interval", 22.0), ("terrace_level_earth", 16.0)]))
    interval, steep, level = r.table.iloc[0], r.table.iloc[1], r.table.iloc[2]
    assert interval["earthwork_m3"] == pytest.approx(level["earthwork_m3"] / 2, rel=1e-9)
    assert interval["net_cropland_ha"] == pytest.approx(1 - level["riser_share"] / 2, rel=1e-9)
    assert steep["suitability"] == "unsuitable" and "20°" in steep["suitability_reason"]


def test_steep_share_of_the_cells() -> None:
    # mean 15° of cells 10, 10, 20, 20; B 7, α 75, H max 2.5: θ* = atan(1/(7/2.5 + cot75)) = 18.25°: half the cells
    inp = inputs([("terrace_level_earth", 15.0)], t.TerraceSettings(7.0, 75.0, 2.5, 3.0))
    inp.cell_slope_deg = np.array([[10.0, 10.0, 20.0, 20.0]])
    row = t.terrace_layer(inp).table.iloc[0]
    assert row["slope_design_deg"] == pytest.approx(15.0)
    assert row["steep_share_pct"] == pytest.approx(50.0)
    assert "50 %" in row["suitability_reason"]


def test_bad_input_is_named() -> None:
    with pytest.raises(t.RiserAngleError) as info:
        t.terrace_layer(inputs([("terrace_level_earth", 15.0)], t.TerraceSettings(7.0, 12.0, 2.5, 3.0)))
    assert info.value.params["parcel"] == 101
    with pytest.raises(t.BenchBelowMinimumError):
        t.terrace_layer(inputs([("terrace_level_earth", 15.0)], t.TerraceSettings(2.0, 75.0, 2.5, 3.0)))
    with pytest.raises(t.DimensionError, match="bench_width_m"):
        t.terrace_layer(inputs([("terrace_level_earth", 15.0, "bench_width_m=-4")]))
    with pytest.raises(t.DimensionError, match="MIN_BENCH_WIDTH_M"):
        t.terrace_layer(inputs([("terrace_level_earth", 15.0)], t.TerraceSettings(min_bench_width_m=0)))
    none = t.terrace_layer(inputs([("forest_arbor", 15.0)]))  # no terrace: an empty result, not an error
    assert none.table.empty and none.items.empty and list(none.table.columns) == list(t.OUTPUT_COLUMNS)
    off = inputs([("terrace_level_earth", 15.0), ("terrace_level_earth", 15.0)])
    off.cell_labels = np.where(off.cell_labels == 2, 0, off.cell_labels)
    with pytest.raises(t.TerraceOffDemError) as info:
        t.terrace_layer(off)
    assert info.value.params["ids"] == "102"


def test_previous_results_are_kept_for_unchanged_parcels() -> None:
    first = t.terrace_layer(inputs([("terrace_level_earth", 12.0), ("terrace_level_earth", 18.0)]))
    previous = {101 + j: dict(first.table.iloc[j]) for j in range(2)}
    previous[101]["earthwork_m3"] = 999.0  # a marker: a kept row is copied, not recomputed
    again = t.terrace_layer(inputs([("terrace_level_earth", 12.0), ("terrace_level_earth", 18.0, "bench_width_m=5")],
                                   previous=previous))  # fmt: skip
    assert (again.kept, again.recomputed) == (1, 1)
    assert again.table.iloc[0]["earthwork_m3"] == 999.0
    assert again.table.iloc[1]["bench_width_m"] == 5.0  # recomputed with the edited width (was reduced to 5.62)


def test_an_edited_parameter_table_recomputes_the_parcels_it_touches() -> None:
    # step 4's parameter editor changes the catalogue, the bench-width or the labour table: "Recompute changed"
    # must not keep numbers computed with the old table
    parcels = [("terrace_level_earth", 12.0), ("terrace_level_stone", 18.0)]
    first = t.terrace_layer(inputs(parcels))
    previous = {101 + j: dict(first.table.iloc[j]) for j in range(2)}
    same = t.terrace_layer(inputs(parcels, previous=previous))
    assert (same.kept, same.recomputed) == (2, 0)
    edited = inputs(parcels, previous=previous)
    stone = {**DESIGN["terrace_level_stone"], "riser_angle_deg": 78.0}
    edited.design_params = {**DESIGN, "terrace_level_stone": stone}
    again = t.terrace_layer(edited)
    assert (again.kept, again.recomputed) == (1, 1)  # only the stone-riser parcel
    assert again.table.iloc[1]["riser_angle_deg"] == 78.0
    edited = inputs(parcels, previous=previous)
    edited.labour_norms = [*NORMS, t.LabourNorm("terrace_level_earth", "earth_cut_m3", 0.5)]
    assert t.terrace_layer(edited).recomputed == 2
    edited = inputs(parcels, previous=previous)
    edited.bench_widths = [t.BenchWidthRow(0.0, 90.0, 6.0)]
    assert t.terrace_layer(edited).recomputed == 2
