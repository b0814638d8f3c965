"""Quantities of the non-terrace measures (core.quantities.measures): hand numbers for every quantity type."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely

from sbplanner_plugin.core.quantities import measures as m
from sbplanner_plugin.core.quantities.terrace import LabourNorm

DESIGN = {
    "forest_arbor": {"spacing_m": "2x3", "density_per_ha": 1667, "pit": "cave_0.5x0.4"},
    "forest_shrub": {"spacing_m": "1x1.5", "density_per_ha": 6667},
    "forest_mixed": {"spacing_m": "2x2", "density_per_ha": 2500},
    "fish_scale_pit": {"long_diameter_m": 1.0, "short_diameter_m": 0.6, "depth_m": 0.4, "pit_spacing_m": 2.5,
                       "row_spacing_m": 4},
    "level_trench": {"top_width_m": 0.8, "bottom_width_m": 0.4, "depth_m": 0.5, "spacing_m": 3},
    "level_bench": {"bench_width_m": 1.2},
    "grass": {"seed_kg_per_ha": 30},
    "closure": {"fence": "net", "signs_per_km2": 4},
    "contour_tillage": {},
    "hedgerow": {"strip_spacing_m": 8},
    "intercept_ditch": {"top_width_m": 0.8, "depth_m": 0.5},
    "drain_ditch": {"top_width_m": 0.8, "depth_m": 0.6, "lining": "masonry"},
    "cistern": {"volume_m3": 100},
    "gully_head_protection": {},
    "field_road": {"width_m": 3},
}  # fmt: skip
Q = {"replant_rate": 0.05, "mixed_shrub_share": 0.5, "level_bench_spacing_m": 3.0, "level_bench_riser_angle_deg": 60,
     "ditch_bottom_width_m": 0.4, "ditch_gradient": 0.005, "manning_n_earth": 0.03, "manning_n_masonry": 0.025,
     "lining_thickness_m": 0.3, "design_intensity_mm_h": 60, "runoff_coeff": 0.5, "cistern_excavation_factor": 1.3,
     "cistern_concrete_m3_per_m3": 0.15, "cistern_masonry_m3_per_m3": 0.25}  # fmt: skip
NORMS = [LabourNorm("forest_arbor", "trees", 0.02), LabourNorm("forest_arbor", "site_prep_pits", 0.05)]


def run(codes, params=None, area_m2=20_000.0, slope=20.0, works=(), geoms=None):
    n = len(codes)
    return m.measure_quantities(
        m.MeasureQuantityInputs(
            parcel_ids=np.arange(1, n + 1),
            measure_codes=codes,
            measure_params=params or [""] * n,
            area_m2=np.full(n, area_m2),
            perimeter_m=np.full(n, 600.0),
            slope_deg=np.full(n, slope),
            design_params=DESIGN,
            quantity_params=Q,
            labour_norms=NORMS,
            works=list(works),
            ws_codes=["W"] * n,
            geometries_wkb=geoms,
        )
    )


def qty(result, code, item) -> float:
    rows = result.items[(result.items["measure_code"] == code) & (result.items["item"] == item)]
    return float(rows["quantity"].sum())


def test_planting_pits_and_labour() -> None:
    r = run(["forest_arbor"])  # 2 hm², 1667/hm², 5 % replanting
    assert qty(r, "forest_arbor", "trees") == pytest.approx(1667 * 2 * 1.05)  # 3500.7 株
    assert qty(r, "forest_arbor", "site_prep_pits") == pytest.approx(3334)  # one pit per plant, no replanting
    assert qty(r, "forest_arbor", "earth_cut_m3") == pytest.approx(3334 * math.pi * 0.25 / 4 * 0.4)  # 261.9 m³
    assert qty(r, "forest_arbor", "labour_days") == pytest.approx(0.02 * 3500.7 + 0.05 * 3334)
    row = r.parcels.iloc[0]
    assert row["site_prep_spec"] == "穴状 Φ0.5×0.4 m" and row["spacing_m"] == "2×3"


def test_shrubs_mixed_and_density_from_spacing() -> None:
    r = run(["forest_shrub", "forest_mixed"], params=["", "density_per_ha=;spacing_m=2x2.5"])
    assert qty(r, "forest_shrub", "shrubs") == pytest.approx(6667 * 2 * 1.05)
    # the parcel's spacing 2 × 2.5 → 10 000 / 5 = 2 000 /hm², half trees half shrubs
    assert qty(r, "forest_mixed", "trees") == pytest.approx(2000 * 2 * 1.05 / 2)
    assert qty(r, "forest_mixed", "shrubs") == pytest.approx(2000 * 2 * 1.05 / 2)


def test_fish_scale_pits_trenches_and_benches() -> None:
    r = run(["fish_scale_pit", "level_trench", "level_bench"])
    pits = 10_000 / (2.5 * 4) * 2  # 2 000 pits in 2 hm²
    assert qty(r, "fish_scale_pit", "site_prep_pits") == pytest.approx(pits)
    assert qty(r, "fish_scale_pit", "earth_cut_m3") == pytest.approx(pits * math.pi * 1.0 * 0.6 / 4 * 0.4)
    length = 20_000 / 3  # 6 667 m of trench
    assert qty(r, "level_trench", "length_m") == pytest.approx(length)
    assert qty(r, "level_trench", "earth_cut_m3") == pytest.approx((0.8 + 0.4) / 2 * 0.5 * length)  # 2 000 m³
    h = 1.2 / (1 / math.tan(math.radians(20)) - 1 / math.tan(math.radians(60)))  # 0.5379 m
    assert qty(r, "level_bench", "earth_cut_m3") == pytest.approx(1.2 * h / 8 * length)


def test_grass_closure_tillage_hedgerow() -> None:
    r = run(["grass", "closure", "contour_tillage", "contour_tillage;hedgerow"])
    assert qty(r, "grass", "grass_seed_kg") == pytest.approx(60) and qty(r, "grass", "grass_ha") == pytest.approx(2)
    assert qty(r, "closure", "fence_m") == pytest.approx(600) and qty(r, "closure", "signs") == 1  # ⌈4 × 0.02⌉
    assert qty(r, "contour_tillage", "area_ha") == pytest.approx(4)
    assert qty(r, "hedgerow", "length_m") == pytest.approx(20_000 / 8)
    assert r.parcels.iloc[3]["qty_measures"] == "contour_tillage;hedgerow"


def test_adjacent_closure_parcels_share_one_fence() -> None:
    # two 100 × 200 m rectangles side by side: perimeters 600 + 600, union boundary 800 → each fenced 400 m
    a = shapely.to_wkb(shapely.box(0, 0, 100, 200))
    b = shapely.to_wkb(shapely.box(100, 0, 200, 200))
    r = run(["closure", "closure"], geoms=[a, b])
    assert qty(r, "closure", "fence_m") == pytest.approx(800)


def test_terraces_are_left_to_terrace_quantities() -> None:
    r = run(["terrace_level_earth;hedgerow"])
    assert set(r.items["measure_code"]) == {"hedgerow"}


def work(code, length=0.0, **attrs):
    return m.WorkInput(layer="w", work_id=7, measure_code=code, params="", attrs=attrs, length_m=length,
                       xy=np.zeros((1, 2)), ws_code="W")  # fmt: skip


def test_ditches_storage_gully_heads_roads() -> None:
    works = [
        work("intercept_ditch", 200.0, catchment_hm2=5.0, runoff_coeff=0.4),
        work("drain_ditch", 100.0),
        work("cistern"),
        work("gully_head_protection", design_storage_m3=250.0),
        work("field_road", 350.0),
    ]
    r = run([], works=works)
    w = r.works.set_index("measure_code")
    ditch = w.loc["intercept_ditch"]
    area = (0.8 + 0.4) / 2 * 0.5  # 0.30 m²
    wetted = 0.4 + 2 * math.hypot(0.2, 0.5)
    assert ditch["section_m2"] == pytest.approx(area) and ditch["earth_cut_m3"] == pytest.approx(area * 200)
    assert ditch["design_q_m3s"] == pytest.approx(0.278 * 0.4 * 60 * 0.05)  # 0.3336 m³/s
    assert ditch["capacity_q_m3s"] == pytest.approx(area * (area / wetted) ** (2 / 3) * math.sqrt(0.005) / 0.03)
    assert not ditch["capacity_ok"]  # 0.21 < 0.33 m³/s: the section is too small
    drain = w.loc["drain_ditch"]
    wetted_d = 0.4 + 2 * math.hypot(0.2, 0.6)
    assert drain["mortar_masonry_m3"] == pytest.approx(0.3 * wetted_d * 100)
    cistern = w.loc["cistern"]
    assert (cistern["storage_m3"], cistern["earth_cut_m3"], cistern["concrete_m3"]) == pytest.approx((100, 130, 15))
    assert w.loc["gully_head_protection", "earth_cut_m3"] == 250
    assert qty(r, "field_road", "length_m") == 350


def test_bad_design_parameters_are_named() -> None:
    with pytest.raises(m.MeasureParamError) as info:
        run(["forest_arbor"], params=["density_per_ha=;spacing_m=0x3"])
    assert info.value.params["name"] == "spacing_m" and "parcel 1" in info.value.params["where"]
    with pytest.raises(m.MeasureParamError, match="depth_m"):
        run(["level_trench"], params=["depth_m=-0.5"])
    with pytest.raises(m.DamWithoutDemError):
        run([], works=[work("check_dam")])
    r = run(["not_a_measure"])
    assert r.unknown_codes == ["not_a_measure"] and r.items.empty
