"""CSLE factors, slope length, slope/erosion classes and 水土保持率 against known values."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from sbplanner_plugin.adapters.flow_cache import condition_dem
from sbplanner_plugin.adapters.param_files import load_param_set
from sbplanner_plugin.core import csle, summaries
from sbplanner_plugin.core.grid import Grid, horn_slope_deg
from sbplanner_plugin.core.parcels import classify_slope, erosion_class
from tests.unit.analytic import CRS_WKT


@pytest.fixture(scope="module")
def params():
    return load_param_set()


@pytest.mark.parametrize(
    ("deg", "expected"),
    # domain reference §3.5 [DERIVED] reference values
    [(5, 0.96), (8, 1.84), (10, 2.84), (15, 4.71), (20, 6.53), (25, 8.30), (30, 9.99), (35, 11.61)],
)
def test_s_factor_reference_values(deg, expected) -> None:
    assert csle.s_factor(np.array([deg]))[0] == pytest.approx(expected, abs=0.005)


def test_s_factor_pieces_and_breakpoints() -> None:
    assert csle.s_factor(np.array([3.0]))[0] == pytest.approx(10.8 * math.sin(math.radians(3)) + 0.03)
    # 5° and 10° belong to the upper piece (θ < 5 / 5 ≤ θ < 10 / θ ≥ 10)
    assert csle.s_factor(np.array([5.0]))[0] == pytest.approx(16.8 * math.sin(math.radians(5)) - 0.5)
    assert csle.s_factor(np.array([10.0]))[0] == pytest.approx(21.91 * math.sin(math.radians(10)) - 0.96)


@pytest.mark.parametrize(
    ("deg", "m"), [(0.5, 0.2), (1.0, 0.2), (2.0, 0.3), (3.0, 0.4), (4.9, 0.4), (5.0, 0.5), (30, 0.5)]
)
def test_m_table(deg, m) -> None:
    assert csle.m_exponent(np.array([deg]))[0] == m


def test_l_factor_is_one_at_22_13_m() -> None:
    assert csle.l_factor(np.array([22.13]), np.array([15.0]))[0] == pytest.approx(1.0)
    assert csle.l_factor(np.array([88.52]), np.array([15.0]))[0] == pytest.approx(2.0)  # (4)^0.5


def plane(rows: int, cols: int, cell: float, deg: float) -> Grid:
    r, _ = np.mgrid[0:rows, 0:cols]
    z = 500.0 - math.tan(math.radians(deg)) * cell * r
    return Grid(z, (0.0, cell, 0.0, rows * cell, 0.0, -cell), CRS_WKT)


def test_slope_length_on_a_plane_grows_one_cell_per_row() -> None:
    grid = plane(30, 5, 10.0, 15.0)
    model = condition_dem(grid)
    slope = horn_slope_deg(grid).ravel()
    lam = csle.slope_length_m(model.seq, model.idxs_ds, model.step_m, slope).reshape(grid.shape)
    # flow runs straight down the rows: λ = (row + 0.5) · cell to the cell centre
    rows = np.arange(30)
    assert np.allclose(lam[1:-1, 2], (rows[1:-1] + 0.5) * 10.0)
    assert np.allclose(horn_slope_deg(grid)[1:-1, 1:-1], 15.0)


def test_slope_length_is_cut_at_a_slope_break_and_at_channels() -> None:
    rows, cols, cell = 30, 5, 10.0
    r, _ = np.mgrid[0:rows, 0:cols]
    steep, gentle = math.tan(math.radians(20)), math.tan(math.radians(4))
    # 20° down to row 15, then 4°: 4/20 < 0.5 → deposition, the path restarts
    z = np.where(r < 15, 1000 - steep * cell * r, 1000 - steep * cell * 15 - gentle * cell * (r - 15))
    grid = Grid(z, (0.0, cell, 0.0, rows * cell, 0.0, -cell), CRS_WKT)
    model = condition_dem(grid)
    slope = horn_slope_deg(grid).ravel()
    lam = csle.slope_length_m(model.seq, model.idxs_ds, model.step_m, slope).reshape(grid.shape)
    assert lam[10, 2] == pytest.approx(10.5 * cell)
    assert lam[20, 2] < 6 * cell + 1e-6  # restarted near the break instead of ~20 cells
    channel = np.zeros(grid.shape, dtype=bool)
    channel[8, :] = True
    lam_c = csle.slope_length_m(model.seq, model.idxs_ds, model.step_m, slope, channel).reshape(grid.shape)
    assert lam_c[8, 2] == pytest.approx(0.5 * cell)  # a channel cell starts afresh
    assert lam_c[9, 2] == pytest.approx(0.5 * cell)  # and the hillslope below does not inherit λ


def test_slr_reference_values(params) -> None:
    # domain reference §3.6 [DERIVED] tables from the (unverified) formulas
    grass = csle.slr_grass(np.array([0.0, 0.3, 0.6, 0.9]), params.slr)
    assert np.allclose(grass, [0.491, 0.167, 0.036, 0.007], atol=0.0015)
    forest = csle.slr_forest(np.array([0.2, 0.6, 0.8]), np.array([0.0, 0.6, 0.9]), params.slr)
    assert np.allclose(forest, [0.218, 0.038, 0.010], atol=0.0015)


def test_soil_loss_units_are_t_per_km2() -> None:
    # R·K·LS·B·E·T in t/(hm²·a) → ×100 t/(km²·a)
    a = csle.soil_loss_t_km2_a(
        np.array(5000.0), np.array(0.005), np.array(2.0), np.array(0.1), np.array(1.0), np.array(1.0)
    )
    assert a == pytest.approx(500.0)


def test_slope_classes_are_lower_inclusive_except_gdpdjb(params) -> None:
    d010 = params.slope_systems[1]
    assert classify_slope(np.array([4.999, 5.0, 15.0, 35.0, np.nan]), d010).tolist() == [0, 1, 2, 4, -1]
    gdp = params.slope_systems[3]  # 三调: ≤2, (2,6], (6,15], (15,25], >25
    assert classify_slope(np.array([2.0, 2.01, 6.0, 25.0, 25.01]), gdp).tolist() == [0, 1, 1, 3, 4]


def test_erosion_classes_follow_sl190_with_the_regional_tolerance(params) -> None:
    values = np.array([499.9, 500, 2499, 2500, 5000, 8000, 14999, 15000, np.nan])
    assert erosion_class(values, params, 500).tolist() == [0, 1, 1, 2, 3, 4, 4, 5, -1]
    assert erosion_class(np.array([999.0, 1000.0]), params, 1000).tolist() == [0, 1]


def test_swc_rate_on_a_constructed_case(params) -> None:
    parcels = pd.DataFrame(
        {
            "ws_code": ["A", "A", "B"],
            "landuse_group": ["03", "01", "03"],
            "landuse_name": ["乔木林地", "旱地", "乔木林地"],
            "csle_class": ["forest", "cropland", "forest"],
            "area_ha": [60.0, 40.0, 100.0],
            "soil_loss_t_km2_a": [300.0, 3000.0, 100.0],
            **{
                f"erosion_c{j}_ha": v
                for j, v in enumerate(zip(*[[60, 0, 0, 0, 0, 0], [10, 10, 20, 0, 0, 0], [100, 0, 0, 0, 0, 0]]))
            },
        }
    )
    for j in range(6):
        parcels[f"erosion_c{j}_ha"] = parcels[f"erosion_c{j}_ha"].astype(float)
    ind = summaries.indicators(parcels, params).set_index("ws_code")
    # A: land 1 km², eroded (≥ 轻度) 0.30 km² → 70 %; B: nothing eroded → 100 %; all: 0.3 of 2 → 85 %
    assert ind.loc["A", "swc_rate_pct"] == pytest.approx(70.0)
    assert ind.loc["B", "swc_rate_pct"] == pytest.approx(100.0)
    assert ind.loc[summaries.ALL, "swc_rate_pct"] == pytest.approx(85.0)
    assert ind.loc["A", "forest_grass_cover_pct"] == pytest.approx(60.0)
    status = summaries.erosion_status(parcels).set_index("ws_code")
    assert status.loc["A", "moderate_pct"] == pytest.approx(20 / 30 * 100)
    assert status.loc["A", "mean_modulus_t_km2_a"] == pytest.approx((300 * 60 + 3000 * 40) / 100)


def test_one_pass_ls_matches_the_formulas() -> None:
    rng = np.random.default_rng(3)
    lam = rng.uniform(0, 300, 1000)
    deg = rng.uniform(0, 45, 1000)
    lam[5] = np.nan
    expected = csle.l_factor(lam, deg) * csle.s_factor(deg)
    got = csle.ls_factor(lam, deg)
    assert np.isnan(got[5])
    ok = ~np.isnan(lam)
    assert np.allclose(got[ok], expected[ok], rtol=1e-6)


def test_production_kernel_is_the_documented_formula_on_a_grid_of_slopes_and_lengths() -> None:
    """``ls_factor`` (the kernel analyse_parcels runs) gives exactly l_factor × s_factor, and those are
    the clauses as written: S in three pieces (θ < 5°, 5° ≤ θ < 10°, θ ≥ 10°), L = (λ/22.13)^m."""
    breakpoints = [0.0, 1.0, 3.0, 5.0, 10.0]
    near = [b + d for b in breakpoints for d in (-1e-9, 1e-9) if b + d >= 0]
    deg = np.array(sorted({*np.arange(0.0, 60.25, 0.25).tolist(), *near}))
    lam = np.array([0.0, 5.0, 10.0, 22.13, 50.0, 100.0, 333.3, 1000.0])
    grid_deg, grid_lam = (a.ravel() for a in np.meshgrid(deg, lam))
    got = csle.ls_factor(grid_lam, grid_deg)
    formula = csle.l_factor(grid_lam, grid_deg) * csle.s_factor(grid_deg)
    np.testing.assert_array_equal(got, formula.astype(np.float32))
    for d, x, ls in zip(grid_deg.tolist(), grid_lam.tolist(), got.tolist()):
        s = math.sin(math.radians(d))
        s_clause = 10.8 * s + 0.03 if d < 5 else (16.8 * s - 0.50 if d < 10 else 21.91 * s - 0.96)
        m_clause = 0.2 if d <= 1 else (0.3 if d < 3 else (0.4 if d < 5 else 0.5))
        assert ls == pytest.approx((x / 22.13) ** m_clause * s_clause, rel=1e-6, abs=1e-6), (d, x)
    # the scalar formulas are the functions the kernel calls
    assert csle.s_factor_cell(7.0) == csle.s_factor(np.array([7.0]))[0]
    assert csle.l_factor_cell(44.26, 2.0) == pytest.approx(2.0**0.3)
    assert math.isnan(csle.ls_factor(np.array([np.nan]), np.array([5.0]))[0])


def test_one_pass_soil_loss_uses_cell_cover_for_vegetated_parcels(params) -> None:
    labels = np.array([0, 1, 1, 2, 3])
    ls = np.full(5, 2.0, dtype=np.float32)
    b_par = np.array([np.nan, 0.05, 1.0, 0.0])  # 1 forest, 2 cropland, 3 built (non-eroding)
    e_par = np.array([1.0, 1.0, 0.084, 1.0])
    t_par = np.ones(4)
    eroding = np.array([False, True, True, False])
    cover = np.array([np.nan, np.nan, 0.6, np.nan, np.nan])
    gd = np.array([np.nan, 0.6, np.nan, np.nan])
    forest = np.array([False, True, False, False])
    grass = np.zeros(4, dtype=bool)
    coef = np.array(
        [params.slr[k] for k in ("forest_a", "forest_b", "forest_c", "forest_d", "grass_a", "grass_b", "grass_c")]
    )
    a, b = csle.soil_loss_cells(
        labels, ls, b_par, e_par, t_par, eroding, np.array([5000.0]), np.array([0.005]), cover, gd, forest, grass, coef
    )
    assert np.isnan(a[0])
    assert a[1] == pytest.approx(100 * 5000 * 0.005 * 2.0 * 0.05)  # no cell cover: the parcel's B
    b_cover = float(csle.slr_forest(np.array(0.6), np.array(0.6), params.slr))
    assert b[2] == pytest.approx(b_cover, rel=1e-6)
    assert a[2] == pytest.approx(100 * 5000 * 0.005 * 2.0 * b_cover, rel=1e-6)
    assert a[3] == pytest.approx(100 * 5000 * 0.005 * 2.0 * 1.0 * 0.084, rel=1e-6)  # terraced cropland
    assert a[4] == 0.0  # built-up: non-eroding


def test_inline_binned_shares_equal_classify_then_count(params) -> None:
    from sbplanner_plugin.core import zonal

    rng = np.random.default_rng(7)
    labels = rng.integers(0, 40, (60, 70))
    slope = rng.uniform(0, 40, (60, 70))
    slope[::7, ::5] = np.nan
    slope[0, :6] = [2.0, 6.0, 15.0, 25.0, 5.0, 35.0]  # exact boundaries
    for system in params.slope_systems.values():
        expected = zonal.zonal_class_shares(labels, classify_slope(slope, system), 39, len(system.labels))
        got = zonal.zonal_binned_shares(labels, slope, system.breaks, 39, system.upper_closed)
        assert np.allclose(np.nan_to_num(got, nan=-1), np.nan_to_num(expected, nan=-1))
