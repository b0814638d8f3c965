"""Dam works from the DEM (core.quantities.dams): cross-section, body volume, stage–storage, capacities.

Every expected value is derived by hand in the comments from analytic valley DEMs:

- V valley  z = s_x·|x| + s_y·y  (side slope s_x, bed gradient s_y, flow towards −y), dam along y = 0.
  Below stage H behind the dam (y ≥ 0) the water covers the triangle 0 ≤ y ≤ (H − s_x|x|)/s_y.
  At distance y the depth is D = H − s_y·y over the width |x| < D/s_x, so the cross-section of the water
  is ∫(D − s_x|x|)dx = D²/s_x and its top width 2D/s_x. Hence
      area(H)    = ∫₀^{H/s_y} 2(H − s_y y)/s_x dy = H²/(s_x·s_y)
      storage(H) = ∫₀^{H/s_y} (H − s_y y)²/s_x dy = H³/(3·s_x·s_y)
  and the crest length at height H is 2H/s_x.
- Trapezoidal valley  z = s_y·y + f(x), f = 0 on a bed of width W, rising at s_l on the left and s_r on
  the right: crest length L = W + H/s_l + H/s_r; with h(s) = H on the bed and falling linearly to 0 on
  each bank, the body volume ∫A(h)ds, A(h) = b·h + (m₁+m₂)/2·h², is
      V = W·A(H) + (1/s_l + 1/s_r)·∫₀^H A(h)dh = W·A(H) + (1/s_l + 1/s_r)·(b·H²/2 + (m₁+m₂)·H³/6)
  and the storage (depth D = H − s_y y, section W·D + D²/2·(1/s_l + 1/s_r)) is
      storage(H) = W·H²/(2 s_y) + (1/s_l + 1/s_r)·H³/(6 s_y).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from sbplanner_plugin.core.grid import Grid
from sbplanner_plugin.core.params import ParamTableError
from sbplanner_plugin.core.quantities import dams
from sbplanner_plugin.core.quantities.dams import DamSite, dam_quantities, parse_dam_params, warping_class

REPO = Path(__file__).resolve().parents[2]
TABLE = (REPO / "resources" / "params" / "dam_params.csv").read_text(encoding="utf-8")
nan = float("nan")


@pytest.fixture(scope="module")
def params() -> dict[str, float]:
    return parse_dam_params("dam_params.csv", TABLE)


def valley_grid(d: float, surface, x_half: float = 15.0, y_top: float = 100.0, y_bottom: float = -20.0):
    """A north-up grid of cell size d with a cell centre on x = 0 and a row boundary on y = 0."""
    ncol = round(2 * x_half / d) | 1
    x0 = -ncol * d / 2
    nrow = round((y_top - y_bottom) / d)
    x = x0 + (np.arange(ncol) + 0.5) * d
    y = y_top - (np.arange(nrow) + 0.5) * d
    z = surface(x[None, :], y[:, None])
    return Grid(z, (x0, d, 0.0, y_top, 0.0, -d), "EPSG:4547"), z


def v_valley(sx: float = 0.5, sy: float = 0.05):
    return lambda x, y: sx * np.abs(x) + sy * y + 0 * x


def site(work_id=1, code="check_dam", axis=((-12.0, 0.0), (12.0, 0.0)), height=4.0, **kw) -> DamSite:
    return DamSite(work_id, code, np.asarray(axis, dtype=float), height, nan, nan, nan, **kw)


def run(grid, z, sites, params, **override):
    return dam_quantities(grid, z, sites, {**params, **override})


# ------------------------------------------------------------------------------------------------
# stage–area–storage on the analytic V valley


def test_v_valley_storage_matches_closed_form_and_converges(params):
    # s_x 0.5, s_y 0.05, H 4 m (谷坊: no freeboard, so total capacity = storage at the crest):
    # storage = 4³/(3·0.5·0.05) = 853.33 m³, area = 4²/(0.5·0.05) = 640 m², crest length 2·4/0.5 = 16 m.
    exact = 4.0**3 / (3 * 0.5 * 0.05)
    errors = []
    for d in (1.0, 0.5, 0.25):
        grid, z = valley_grid(d, v_valley())
        row = run(grid, z, [site()], params).table.iloc[0]
        assert row.error == ""
        assert row.bed_elev_m == pytest.approx(0.0, abs=1e-9)
        assert row.crest_length_m == pytest.approx(16.0, rel=1e-6)
        assert row.water_area_m2 == pytest.approx(640.0, rel=0.02)
        errors.append(abs(row.total_storage_m3 - exact) / exact)
    assert errors[1] < 0.01 and errors[2] < 0.002  # ~1 % at 0.5 m cells, better at 0.25 m
    assert errors[0] > errors[1] > errors[2]  # converges as the cells shrink


def test_v_valley_curve_every_stage(params):
    # curve at stage h: storage h³/(3·s_x·s_y), area h²/(s_x·s_y); stages every 0.5 m up to the crest
    grid, z = valley_grid(0.25, v_valley())
    result = run(grid, z, [site()], params)
    curve = result.curves
    assert list(curve.stage_m) == pytest.approx([0.5 * k for k in range(9)])
    assert list(curve.elevation_m) == pytest.approx(list(curve.stage_m))
    h = curve.stage_m.to_numpy()[2:]  # from 1 m (at 0.5 m the pond is 10 m²: a few % off)
    assert curve.storage_m3.to_numpy()[2:] == pytest.approx(h**3 / (3 * 0.025), rel=0.015)
    assert curve.area_m2.to_numpy()[2:] == pytest.approx(h**2 / 0.025, rel=0.02)
    assert curve.storage_m3.iloc[1] == pytest.approx(0.5**3 / (3 * 0.025), rel=0.05)
    assert curve.storage_m3.iloc[0] == 0.0
    assert (curve.work_id == 1).all()


def test_reversed_line_same_result(params):
    # the upstream side is found from the ground, not from the drawing direction
    grid, z = valley_grid(0.5, v_valley())
    a = run(grid, z, [site()], params).table.iloc[0]
    b = run(grid, z, [site(axis=((12.0, 0.0), (-12.0, 0.0)))], params).table.iloc[0]
    assert b.total_storage_m3 == pytest.approx(a.total_storage_m3)
    assert b.crest_length_m == pytest.approx(a.crest_length_m)
    assert a.flow_azimuth_deg == pytest.approx(180.0) and b.flow_azimuth_deg == pytest.approx(180.0)


def test_no_leak_downstream(params):
    # the valley keeps falling below the dam: water must not cross the axis. With the whole grid reachable,
    # a leak would add the downstream wedge and far more than the closed form.
    grid, z = valley_grid(0.5, v_valley(), y_bottom=-80.0)
    row = run(grid, z, [site()], params).table.iloc[0]
    assert row.total_storage_m3 == pytest.approx(853.33, rel=0.01)


# ------------------------------------------------------------------------------------------------
# trapezoidal valley: crest length, bottom length, body volume


def trapezoid(w=6.0, sl=0.5, sr=1.0, sy=0.02):
    def f(x, y):
        return sy * y + np.where(x < -w / 2, sl * (-w / 2 - x), np.where(x > w / 2, sr * (x - w / 2), 0.0))

    return f


def test_trapezoid_crest_and_body_volume(params):
    # W 6 m, banks 1:2 (s_l 0.5) and 1:1 (s_r 1), H 3 m: L = 6 + 3/0.5 + 3/1 = 15 m.
    # b 2 m, m1 2, m2 1.5: A(3) = 2·3 + 1.75·9 = 21.75 m²; V = 6·21.75 + (2 + 1)·(2·9/2 + 3.5·27/6)
    # = 130.5 + 3·(9 + 15.75) = 204.75 m³.
    # bottom length: ground ≤ bed + 0.1 m: 6 + 0.1/0.5 + 0.1/1 = 6.3 m.
    # storage: 6·9/(2·0.02) + 3·27/(6·0.02) = 1350 + 675 = 2025 m³ (freeboard 0 here).
    grid, z = valley_grid(0.25, trapezoid(), y_top=170.0)
    s = DamSite(7, "sediment_dam", np.array([[-14.0, 0.0], [14.0, 0.0]]), 3.0, 2.0, 2.0, 1.5)
    row = run(grid, z, [s], params, freeboard_m_sediment_dam=0.0).table.iloc[0]
    assert row.error == ""
    assert row.crest_length_m == pytest.approx(15.0, rel=1e-6)
    assert row.bottom_length_m == pytest.approx(6.3, abs=0.01)
    assert row.body_volume_m3 == pytest.approx(204.75, rel=1e-3)
    assert row.total_storage_m3 == pytest.approx(2025.0, rel=0.01)
    assert row.crest_elev_m == pytest.approx(3.0) and row.dam_height_m == 3.0
    assert (row.axis_x0, row.axis_x1) == pytest.approx((-9.0, 6.0))
    assert "204.8 m³" in row.basis and "b 2 m, m1 2, m2 1.5" in row.basis


def test_freeboard_lowers_the_total_capacity(params):
    # freeboard 0.5 m on the V valley with H 4: total = 3.5³/(3·0.025) = 571.67 m³
    grid, z = valley_grid(0.25, v_valley())
    row = run(grid, z, [site()], params, freeboard_m_check_dam=0.5).table.iloc[0]
    assert row.water_level_m == pytest.approx(3.5)
    assert row.total_storage_m3 == pytest.approx(571.67, rel=0.01)


def test_section_area_formula():
    # A(h) = b·h + (m1+m2)/2·h²: b 1.5, m1 2, m2 2, h 2 → 3 + 8 = 11 m² (bottom width 1.5 + 4·2 = 9.5 m)
    assert dams.section_area_m2(2.0, 1.5, 2.0, 2.0) == pytest.approx(11.0)


# ------------------------------------------------------------------------------------------------
# point sites: the derived axis


@pytest.mark.parametrize("azimuth_deg", [180.0, 135.0, 210.0])
def test_point_site_axis_across_the_channel(params, azimuth_deg):
    # A V valley whose downstream direction has the given azimuth (clockwise from north), thalweg through
    # the origin: the derived axis must run perpendicular to it through the point, the crest length be
    # 2H/s_x and the storage the closed form.
    a = math.radians(azimuth_deg)
    v = np.array([math.sin(a), math.cos(a)])  # downstream unit vector
    n = np.array([-v[1], v[0]])

    def surface(x, y):
        return 0.5 * np.abs(n[0] * x + n[1] * y) - 0.05 * (v[0] * x + v[1] * y)

    grid, z = valley_grid(0.5, surface, x_half=100.0, y_top=100.0, y_bottom=-100.0)
    row = run(grid, z, [site(axis=((0.0, 0.0),))], params).table.iloc[0]
    assert row.error == ""
    axis = np.array([row.axis_x1 - row.axis_x0, row.axis_y1 - row.axis_y0])
    angle = math.degrees(math.acos(abs(axis @ n) / np.hypot(*axis)))
    assert angle <= 2.0
    assert ((row.flow_azimuth_deg - azimuth_deg + 180) % 360 - 180) == pytest.approx(0.0, abs=2.0)
    # an oblique thalweg is smoothed by the bilinear DEM (the bed comes out up to ~0.1 m high): the banks
    # are exact, so the crest length is 2·z_crest/s_x with z_crest = z_bed + 4 m, and the storage is that
    # of the true valley below z_crest: z_crest³/(3·s_x·s_y)
    assert row.bed_elev_m == pytest.approx(0.0, abs=0.15)
    assert row.crest_length_m == pytest.approx(2 * row.crest_elev_m / 0.5, rel=0.005)
    assert row.total_storage_m3 == pytest.approx(row.crest_elev_m**3 / (3 * 0.025), rel=0.02)
    mid = np.array([row.axis_x0 + row.axis_x1, row.axis_y0 + row.axis_y1]) / 2
    assert np.hypot(*mid) < 1.0  # through the point


# ------------------------------------------------------------------------------------------------
# errors: never a made-up number


def assert_error(row, key):
    assert row.error == key
    for col in ("crest_length_m", "body_volume_m3", "total_storage_m3", "silt_storage_m3", "flood_storage_m3"):
        assert math.isnan(row[col]), col


def test_line_on_a_hillside_does_not_cross_a_channel(params):
    grid, z = valley_grid(0.5, v_valley())
    sites = [
        site(1, axis=((2.0, 0.0), (12.0, 0.0))),  # one valley side: lowest at its end
        site(2, axis=((0.0, -10.0), (0.0, 10.0))),  # along the thalweg: lowest at the downstream end
    ]
    table = run(grid, z, sites, params).table
    assert_error(table.iloc[0], dams.NOT_ACROSS_CHANNEL)
    assert_error(table.iloc[1], dams.NOT_ACROSS_CHANNEL)


def test_abutment_not_reached(params):
    # H 4 needs ±8 m on the V valley; a 10 m line reaches only ±5 m (2.5 m high)
    grid, z = valley_grid(0.5, v_valley())
    row = run(grid, z, [site(axis=((-5.0, 0.0), (5.0, 0.0)))], params).table.iloc[0]
    assert_error(row, dams.ABUTMENT_NOT_REACHED)


def test_reservoir_beyond_the_window(params):
    # the impoundment is H/s_y = 80 m long: a 30 m window cannot hold it; nor can a DEM ending 50 m upstream
    grid, z = valley_grid(0.5, v_valley())
    assert_error(run(grid, z, [site()], params, max_reservoir_length_m=30.0).table.iloc[0], dams.RESERVOIR_NOT_CLOSED)
    grid, z = valley_grid(0.5, v_valley(), y_top=50.0)
    assert_error(run(grid, z, [site()], params).table.iloc[0], dams.RESERVOIR_NOT_CLOSED)


def test_invalid_dimensions_and_unknown_type(params):
    grid, z = valley_grid(1.0, v_valley())
    table = run(grid, z, [site(1, height=0.0), site(2, height=-1.0), site(3, code="terrace")], params).table
    assert_error(table.iloc[0], dams.INVALID_DIMENSIONS)
    assert_error(table.iloc[1], dams.INVALID_DIMENSIONS)
    assert_error(table.iloc[2], dams.UNKNOWN_DAM_TYPE)
    assert list(table.work_id) == [1, 2, 3]


def test_point_outside_the_dem(params):
    grid, z = valley_grid(1.0, v_valley())
    row = run(grid, z, [site(axis=((500.0, 500.0),))], params).table.iloc[0]
    assert row.error == dams.NO_FLOW_DIRECTION


# ------------------------------------------------------------------------------------------------
# capacities and classes


def test_silt_and_flood_split_by_hand(params):
    # F 0.5 km², M 2000 t/(km²·a), η 0.1, γ 1.35 t/m³, T 0.5 a:
    # V_s = 0.5 · 0.5 · 2000 · 0.9 / 1.35 = 333.33 m³; flood = total − 333.33.
    # silt level: h³/(3·0.025) = 333.33 → h = 25^(1/3) = 2.924 m.
    grid, z = valley_grid(0.25, v_valley())
    s = site(catchment_km2=0.5, erosion_modulus_t_km2_a=2000.0, silting_years=0.5)
    row = run(grid, z, [s], params, sediment_release_ratio=0.1).table.iloc[0]
    assert row.annual_sediment_m3 == pytest.approx(2000 / 3, rel=1e-9)
    assert row.silt_storage_m3 == pytest.approx(1000 / 3, rel=1e-9)
    assert row.flood_storage_m3 == pytest.approx(row.total_storage_m3 - 1000 / 3, rel=1e-9)
    assert row.silt_elev_m == pytest.approx(25 ** (1 / 3), rel=0.01)
    assert row.warning == ""
    # 2 years: 1333 m³ > the total → capped, no flood capacity left
    row = run(grid, z, [site(catchment_km2=0.5, erosion_modulus_t_km2_a=2000.0, silting_years=2.0)], params,
              sediment_release_ratio=0.1).table.iloc[0]  # fmt: skip
    assert row.silt_storage_m3 == pytest.approx(row.total_storage_m3)
    assert row.flood_storage_m3 == pytest.approx(0.0)
    assert "capped" in row.basis


def test_silt_inputs_missing_is_a_warning_not_an_error(params):
    grid, z = valley_grid(0.5, v_valley())
    row = run(grid, z, [site()], params).table.iloc[0]
    assert row.error == "" and row.warning == dams.SILT_INPUTS_MISSING
    assert math.isnan(row.silt_storage_m3) and math.isnan(row.flood_storage_m3)
    assert row.total_storage_m3 > 0


def test_warping_class_thresholds(params):
    # SL/T 804-2020: 小型 1–10, 中型 10–50, 大型 (骨干坝) 50–500 万m³, lower bounds inclusive
    cases = {5000: "below_small", 9999: "below_small", 10000: "small", 99999: "small", 100000: "medium",
             499999: "medium", 500000: "large", 5e6: "large", 5e6 + 1: "above_large"}  # fmt: skip
    for total, expected in cases.items():
        assert warping_class(total, params) == expected, total
    assert dams.WARPING_CLASS_LABELS["large"] == "大型淤地坝 (骨干坝)"


def test_warping_dam_class_and_silting_years_by_class(params):
    # total 853 m³ on the test valley → below 小型; thresholds lowered to 100 / 500 / 800 m³ make it 大型,
    # whose silting years (20 a) then give V_s = 20 · 0.001 · 1000 / 1.35 = 14.81 m³.
    grid, z = valley_grid(0.5, v_valley())
    s = site(code="warping_dam", catchment_km2=0.001, erosion_modulus_t_km2_a=1000.0)
    row = run(grid, z, [s], params, freeboard_m_warping_dam=0.0).table.iloc[0]
    assert row.dam_class == "below_small"
    over = dict(warping_small_min_m3=100.0, warping_medium_min_m3=500.0, warping_large_min_m3=800.0)
    row = run(grid, z, [s], params, freeboard_m_warping_dam=0.0, **over).table.iloc[0]
    assert row.dam_class == "large" and row.dam_class_label == "大型淤地坝 (骨干坝)"
    assert row.silting_years == 20.0
    assert row.silt_storage_m3 == pytest.approx(20 * 0.001 * 1000 / 1.35)


def test_height_solved_for_a_required_capacity(params):
    # 塘坝 needing 500 m³ with freeboard 0.5 m: h³/(3·0.025) = 500 → h = 37.5^(1/3) = 3.347 m, H = 3.847 m
    grid, z = valley_grid(0.25, v_valley())
    s = site(code="pond_dam", height=nan, required_storage_m3=500.0)
    row = run(grid, z, [s], params).table.iloc[0]
    assert row.error == "" and row.height_source == "capacity"
    assert row.total_storage_m3 == pytest.approx(500.0, rel=1e-4)
    assert row.dam_height_m == pytest.approx(37.5 ** (1 / 3) + 0.5, rel=0.005)
    assert row.crest_length_m == pytest.approx(2 * row.dam_height_m / 0.5, rel=1e-3)


def test_defaults_from_the_table(params):
    # NaN height / width / slopes → the dam type's rows (谷坊 stone: H 2.5, b 1.0, m1 0.2, m2 0.5)
    grid, z = valley_grid(0.5, v_valley())
    row = run(grid, z, [site(height=nan, material="stone")], params).table.iloc[0]
    assert (row.dam_height_m, row.crest_width_m, row.upstream_slope_m, row.downstream_slope_m) == (2.5, 1.0, 0.2, 0.5)
    assert row.height_source == "params"


# ------------------------------------------------------------------------------------------------
# the parameter table


def test_bundled_table_parses(params):
    assert params["sediment_bulk_density_t_m3"] == 1.35
    assert params["warping_large_min_m3"] == 500000
    for code in dams.DAM_CODES:
        assert params[f"crest_width_m_{code}"] > 0


def test_table_errors_name_the_row():
    lines = TABLE.splitlines()
    missing = "\n".join(line for line in lines if not line.startswith("stage_step_m,"))
    with pytest.raises(ParamTableError, match="stage_step_m"):
        parse_dam_params("dam_params.csv", missing)
    negative = TABLE.replace("stage_step_m,0.5,", "stage_step_m,-1,")
    with pytest.raises(ParamTableError, match="line 2"):
        parse_dam_params("dam_params.csv", negative)
    text = TABLE.replace("stage_step_m,0.5,", "stage_step_m,abc,")
    with pytest.raises(ParamTableError, match="not a number"):
        parse_dam_params("dam_params.csv", text)


def test_point_on_a_plane_slope_is_not_across_a_channel(params):
    # z = 0.1·y: the derived axis follows the contour, whose lowest point is no lower than its ends
    grid, z = valley_grid(1.0, lambda x, y: 0.1 * y + 0 * x)
    assert_error(run(grid, z, [site(axis=((0.0, 10.0),))], params).table.iloc[0], dams.NOT_ACROSS_CHANNEL)


def test_crest_stage_closes_the_curve(params):
    # H 4.2 m with 0.5 m stages: …, 4.0, then the crest 4.2 (storage 4.2³/(3·0.025) = 987.8 m³)
    grid, z = valley_grid(0.25, v_valley())
    result = run(grid, z, [site(height=4.2)], params)
    assert list(result.curves.stage_m[-3:]) == pytest.approx([3.5, 4.0, 4.2])
    assert result.curves.storage_m3.iloc[-1] == pytest.approx(result.table.total_storage_m3.iloc[0])
    assert result.table.total_storage_m3.iloc[0] == pytest.approx(4.2**3 / 0.075, rel=0.005)


def test_adapter_reads_an_edited_copy(tmp_path):
    from sbplanner_plugin.adapters.param_files import load_dam_params

    copy = tmp_path / "dam_params.csv"
    copy.write_text(TABLE.replace("stage_step_m,0.5,", "stage_step_m,0.25,"), encoding="utf-8")
    assert load_dam_params(copy)["stage_step_m"] == 0.25


def test_empty_geometry(params):
    grid, z = valley_grid(1.0, v_valley())
    row = run(grid, z, [site(axis=np.empty((0, 2)))], params).table.iloc[0]
    assert_error(row, dams.AXIS_OUTSIDE_DEM)
