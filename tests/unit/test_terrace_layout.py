"""Terrace layout (core.quantities.layout): contours at the riser height H, 大弯就势、小弯取直 smoothing to the
minimum radius R, staking every N m — on DEMs whose contours are known in closed form."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
import shapely

from sbplanner_plugin.core.errors import InvalidParameterError
from sbplanner_plugin.core.grid import Grid
from sbplanner_plugin.core.params import ParamTableError
from sbplanner_plugin.core.quantities import layout as lay

REPO = Path(__file__).resolve().parents[2]
TABLE = (REPO / "resources" / "params" / "layout_params.csv").read_text(encoding="utf-8")

X0, Y0, CELL = 500_000.0, 2_800_000.0, 10.0


def cot(deg: float) -> float:
    return 1 / math.tan(math.radians(deg))


def plane(theta_deg: float = 15.0, rows: int = 60, cols: int = 60, cell: float = CELL) -> Grid:
    """z rises northwards by tan θ per metre (row 0 is the north edge)."""
    r = np.arange(rows, dtype=np.float64)[:, None]
    z = 100.0 + (rows - 1 - r) * cell * math.tan(math.radians(theta_deg)) + np.zeros((1, cols))
    return Grid(z, (X0, cell, 0.0, Y0, 0.0, -cell), "EPSG:32650")


def run(grid, geoms, h, suitability=None, **settings) -> lay.LayoutResult:
    n = len(geoms)
    return lay.terrace_lines(
        lay.LayoutInputs(
            grid=grid,
            parcel_ids=np.arange(1, n + 1),
            geometries=geoms,
            riser_height_m=np.asarray(h, dtype=np.float64),
            suitability=suitability,
            ws_codes=["W1"] * n,
            settings=lay.LayoutSettings(**settings),
        )
    )


SQUARE = shapely.box(X0 + 50, Y0 - 450, X0 + 150, Y0 - 350)  # 100 m × 100 m, well inside the DEM


# --------------------------------------------------------------------------------------------------------
# plane: straight parallel lines, horizontal spacing H·cotθ, elevations H apart


def test_plane_gives_straight_parallel_lines_at_h_cot_theta() -> None:
    h = 2.021  # θ 15°, B 7 m, α 75° (the terrace_quantities worked check)
    res = run(plane(15.0), [SQUARE], [h])
    lines = res.lines
    # z0 = the lower edge (y = Y0 − 450), lines at z0 + kH below the top z0 + 100·tan15° = z0 + 26.79 m: k = 1…13
    assert len(lines) == 13 == len(res.geometries)
    assert lines["level"].tolist() == list(range(1, 14))
    z0 = 100.0 + (59 * CELL - (450 - 5)) * math.tan(math.radians(15))  # plane through the cell centres
    assert lines["elevation_m"].to_numpy() == pytest.approx(z0 + h * np.arange(1, 14), abs=1e-9)
    ys = []
    for g in res.geometries:
        xy = shapely.get_coordinates(g)
        assert len(xy) == 2  # straight: the two ends only
        assert xy[:, 1] == pytest.approx(xy[0, 1], abs=1e-6)  # along the contour (east–west)
        assert (xy[0, 0], xy[-1, 0]) == pytest.approx((X0 + 50, X0 + 150))  # clipped to the parcel, west → east
        ys.append(xy[0, 1])
    assert np.diff(ys) == pytest.approx(h * cot(15), rel=1e-9)  # 7.5425 m
    assert ys[0] - (Y0 - 450) == pytest.approx(h * cot(15), rel=1e-9)
    assert lines["length_m"].to_numpy() == pytest.approx(100.0)
    assert lines["max_dz_m"].max() < 1e-6 and lines["max_offset_m"].max() < 1e-6
    assert lines["tightest_radius_m"].isna().all()  # straight
    assert res.laid_out == [1] and not res.partial and res.too_tight == 0


def test_uphill_is_on_the_left_of_the_chainage() -> None:
    south = plane(15.0)
    north = Grid(south.values[::-1].copy(), south.transform, south.crs_wkt)  # z now rises southwards
    for grid, west_to_east in ((south, True), (north, False)):
        xy = shapely.get_coordinates(run(grid, [SQUARE], [2.0]).geometries[0])
        assert bool(xy[-1, 0] > xy[0, 0]) is west_to_east


def test_min_length_drops_short_pieces() -> None:
    narrow = shapely.box(X0 + 50, Y0 - 450, X0 + 58, Y0 - 350)  # 8 m wide: every line 8 m long
    assert len(run(plane(), [narrow], [2.0], min_length_m=8.5).lines) == 0
    res = run(plane(), [narrow], [2.0], min_length_m=5.0)
    assert len(res.lines) == 13 and res.lines["length_m"].to_numpy() == pytest.approx(8.0)
    assert run(plane(), [narrow], [2.0], min_length_m=8.5).without_lines == [1]


# --------------------------------------------------------------------------------------------------------
# cone: circles of known radius


def cone(theta_deg: float = 20.0, n: int = 201, cell: float = 1.0) -> tuple[Grid, tuple[float, float]]:
    """z = 100 − tanθ·r around the centre cell; returns the grid and the apex (map coordinates)."""
    rr, cc = np.mgrid[0:n, 0:n]
    c = n // 2
    z = 100.0 - math.tan(math.radians(theta_deg)) * np.hypot(rr - c, cc - c) * cell
    grid = Grid(z, (0.0, cell, 0.0, n * cell, 0.0, -cell), "EPSG:32650")
    return grid, ((c + 0.5) * cell, (n - c - 0.5) * cell)


def test_cone_gives_circles_of_known_radius() -> None:
    grid, apex = cone(20.0)
    parcel = shapely.Point(apex).buffer(90.0, quad_segs=256)
    res = run(grid, [parcel], [2.0], min_radius_m=10.0)
    t = math.tan(math.radians(20))
    z0 = 100.0 - 90.0 * t  # the parcel's boundary is its lowest line
    lines = res.lines
    assert lines["elevation_m"].iloc[0] == pytest.approx(z0 + 2.0, abs=2e-3)
    radii = (100.0 - lines["elevation_m"].to_numpy()) / t  # 84.5, 79.0, … 13.1 m
    # k = 15, 16 (r 7.6 m, 2.1 m) are hill-top rings smaller than R = 10 m: dropped, counted
    assert len(lines) == 14 and res.too_tight == 2
    assert radii[-1] == pytest.approx(90 - 14 * 2 / t, abs=1e-2) and radii[-1] > 10
    assert lines["closed"].all()
    for g, r in zip(res.geometries, radii):
        xy = shapely.get_coordinates(g)
        d = np.hypot(xy[:, 0] - apex[0], xy[:, 1] - apex[1])
        # the ring lies on the circle up to the simplification tolerance (0.05·R = 0.5 m, chords inside it)
        assert d.max() <= r + 0.02 and d.min() >= r - 0.5 - 0.02
        assert shapely.is_ccw(shapely.linearrings(xy))  # uphill (the apex) on the left
        assert 2 * math.pi * (r - 0.5) <= g.length <= 2 * math.pi * r
    assert lines["tightest_radius_m"].to_numpy() == pytest.approx(10.0, rel=1e-9)  # the rounded bends: R exactly


# --------------------------------------------------------------------------------------------------------
# 大弯就势、小弯取直


def zigzag_l(amplitude: float = 1.0, period: float = 4.0) -> np.ndarray:
    """An L (0,0) → (100,0) → (100,100) — one big 90° bend — with ±amplitude teeth every period/2 m."""
    half = period / 2
    pts = [(0.0, 0.0)]
    for k, x in enumerate(np.arange(half, 100.0, half), start=1):
        pts.append((x, amplitude if k % 2 else -amplitude))
    pts.append((100.0, 0.0))
    for k, y in enumerate(np.arange(half, 100.0, half), start=1):
        pts.append((100.0 + (amplitude if k % 2 else -amplitude), y))
    pts.append((100.0, 100.0))
    return np.array(pts)


def test_small_bends_straightened_big_bend_kept() -> None:
    r = 10.0
    raw = zigzag_l()
    turns, _ = lay._turns(raw, False)
    assert np.degrees(np.abs(turns[1:-1])).max() > 80  # the teeth turn ~90° every 2 m
    out = lay.smooth_line(raw, False, r)
    assert out[0] == pytest.approx([0, 0]) and out[-1] == pytest.approx([100, 100])  # the ends stay
    # no bend tighter than R: the circle through any three consecutive vertices has a radius ≥ R …
    assert lay.tightest_radius(out) >= r * (1 - 1e-9)
    # … and no vertex turns more than one arc chord (5°)
    turns, _ = lay._turns(out, False)
    assert np.degrees(np.abs(turns)).max() <= 5.0 + 1e-9
    # the teeth are gone: the line follows the L within the teeth's amplitude (plus the rounding) …
    line = shapely.LineString(out)
    ideal = shapely.LineString(lay._round(np.array([[0.0, 0], [100, 0], [100, 100]]), False, r, math.radians(5)))
    assert shapely.hausdorff_distance(line, ideal) <= 1.0 + 0.5
    # … and the big bend is kept: the line heads east, then north, and passes the corner at about R(√2 − 1) =
    # 4.1 m (straightening the big bend would give the chord (0,0)–(100,100), 70.7 m from the corner)
    p = shapely.get_coordinates(shapely.line_interpolate_point(line, [10.0, 80.0, line.length - 80, line.length - 10]))
    east, north = p[1] - p[0], p[3] - p[2]
    # (within ±2°: the straightened legs join tooth tips ±1 m off the L)
    assert math.degrees(math.atan2(east[1], east[0])) == pytest.approx(0.0, abs=2.0)
    assert math.degrees(math.atan2(north[1], north[0])) == pytest.approx(90.0, abs=2.0)
    assert 4.14 - 1.5 <= shapely.distance(shapely.Point(100, 0), line) <= 4.14 + 1.5


def test_the_guarantee_holds_at_gauss_krueger_coordinates() -> None:
    """Eastings with the zone number (39 444 000 m): the arcs are computed near the origin, so only the
    rounding of the stored coordinates is left (RADIUS_RTOL)."""
    offset = np.array([39_444_000.0, 2_841_000.0])
    for r in (5.0, 10.0):
        out = lay.smooth_line(zigzag_l() + offset, False, r)
        assert lay.tightest_radius(out) >= r * (1 - lay.RADIUS_RTOL)
        assert lay.tightest_radius(out) == pytest.approx(r, rel=1e-5)
        near = lay.smooth_line(zigzag_l(), False, r)
        assert out - offset == pytest.approx(near, abs=1e-6)


def test_clipping_to_the_parcel_keeps_the_guarantee() -> None:
    """Rings of the cone cut by a square parcel: the cuts fall inside arcs; the ends are moved back to the
    last arc vertex, so no end vertex on a chord makes a circle tighter than R."""
    grid, apex = cone(20.0)
    parcel = shapely.box(apex[0] - 45, apex[1] - 45, apex[0] + 45, apex[1] + 45)
    res = run(grid, [parcel], [1.5], min_radius_m=15.0)
    lines = res.lines
    assert (~lines["closed"]).sum() >= 8  # rings wider than the square are cut into four arcs each
    for g, closed in zip(res.geometries, lines["closed"]):
        xy = shapely.get_coordinates(g)
        assert lay.tightest_radius(xy, closed) >= 15.0 * (1 - lay.RADIUS_RTOL)
        assert shapely.distance(shapely.Point(xy[0]), parcel.boundary) <= 15.0 * math.radians(5) or closed
        assert parcel.buffer(1e-6).covers(g)
    assert (lines["tightest_radius_m"].dropna() >= 15.0 * (1 - lay.RADIUS_RTOL)).all()


def test_a_bend_wider_than_r_is_rounded_with_radius_r_exactly() -> None:
    out = lay.smooth_line(np.array([[0.0, 0], [50, 0], [50, 50]]), False, 10.0, arc_step_deg=5.0)
    tangent = 10.0 * math.tan(math.radians(45))  # T = R·tan(Δ/2)
    assert out[1] == pytest.approx([50 - tangent, 0.0]) and out[-2] == pytest.approx([50, tangent])  # tangent points
    arc = out[1:-1]
    assert len(arc) == 18 + 1  # 90° in chords of at most 5°
    centre = np.array([50.0 - tangent, 10.0])
    assert np.hypot(*(arc - centre).T) == pytest.approx(10.0, rel=1e-12)
    assert lay.tightest_radius(out) == pytest.approx(10.0, rel=1e-9)


def test_a_closed_contour_smaller_than_r_is_dropped() -> None:
    small = shapely.get_coordinates(shapely.Point(0, 0).buffer(4.0, quad_segs=32).exterior)
    assert lay.smooth_line(small, True, 10.0) is None
    big = shapely.get_coordinates(shapely.Point(0, 0).buffer(30.0, quad_segs=64).exterior)
    ring = lay.smooth_line(big, True, 10.0)
    assert np.array_equal(ring[0], ring[-1]) and lay.tightest_radius(ring, True) >= 10.0 * (1 - 1e-9)


# --------------------------------------------------------------------------------------------------------
# staking


def test_stakes_every_n_m_with_chainage_and_names() -> None:
    res = run(plane(15.0), [SQUARE], [2.021], stake_spacing_m=10.0)
    st = res.stakes
    first = st[st["line_id"] == 1]
    assert first["chainage_m"].tolist() == [0.0, 10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0]
    assert first["x"].to_numpy() == pytest.approx(X0 + 50 + first["chainage_m"].to_numpy())
    assert first["name"].tolist()[:3] == ["1-1-0", "1-1-10", "1-1-20"]
    assert (first["dz_m"].abs() < 1e-6).all()  # on the plane the stakes sit on their level
    assert len(st) == 13 * 11 and st["stake_id"].tolist() == list(range(1, 144))
    assert (res.lines["stake_count"] == 11).all()
    # 30 m spacing: 0, 30, 60, 90 and the end 100
    res = run(plane(15.0), [SQUARE], [2.021], stake_spacing_m=30.0)
    assert res.stakes[res.stakes["line_id"] == 1]["chainage_m"].tolist() == [0.0, 30.0, 60.0, 90.0, 100.0]


def test_stake_chainages() -> None:
    assert lay.stake_chainages(25.0, 10.0).tolist() == [0.0, 10.0, 20.0, 25.0]
    assert lay.stake_chainages(20.0, 10.0).tolist() == [0.0, 10.0, 20.0]
    assert lay.stake_chainages(20.0, 10.0, closed=True).tolist() == [0.0, 10.0]
    assert lay.stake_chainages(4.0, 10.0).tolist() == [0.0, 4.0]


def test_stake_elevation_is_bilinear() -> None:
    """A hyperbolic paraboloid z = a + b·x + c·y + d·x·y is reproduced exactly by bilinear interpolation."""
    rows, cols, cell = 40, 40, 5.0
    grid = Grid(np.zeros((rows, cols)), (X0, cell, 0.0, Y0, 0.0, -cell), "EPSG:32650")
    xc, yc = grid.xy(*np.mgrid[0:rows, 0:cols])

    def f(x, y):
        u, v = (x - X0) / 100.0, (Y0 - y) / 100.0
        return 200.0 + 3.0 * u - 20.0 * v + 4.0 * u * v

    grid.values[:] = f(xc, yc)
    x = X0 + np.array([2.5, 7.3, 51.1, 100.0, 197.5])
    y = Y0 - np.array([2.5, 13.9, 77.7, 100.0, 197.5])
    assert lay.sample_dem(grid, x, y) == pytest.approx(f(x, y), abs=1e-9)
    assert np.isnan(lay.sample_dem(grid, [X0 + 1.0], [Y0 - 50.0]))[0]  # west of the first cell centre
    res = run(grid, [shapely.box(X0 + 20, Y0 - 180, X0 + 180, Y0 - 20)], [2.0], stake_spacing_m=7.0)
    st = res.stakes
    assert len(st) > 50
    assert st["elevation_m"].to_numpy() == pytest.approx(f(st["x"].to_numpy(), st["y"].to_numpy()), abs=1e-9)
    assert st["dz_m"].to_numpy() == pytest.approx((st["elevation_m"] - st["level_elevation_m"]).to_numpy())


# --------------------------------------------------------------------------------------------------------
# parcels skipped, errors


def test_unsuitable_and_untiered_parcels_get_no_lines() -> None:
    other = shapely.box(X0 + 250, Y0 - 450, X0 + 350, Y0 - 350)
    third = shapely.box(X0 + 400, Y0 - 450, X0 + 500, Y0 - 350)
    res = run(plane(), [SQUARE, other, third], [2.0, 2.0, np.nan], ["unsuitable", "reduced", None])
    assert res.unsuitable == [1] and res.not_terraced == [3] and res.laid_out == [2]
    assert set(res.lines["parcel_id"]) == {2} and set(res.stakes["parcel_id"]) == {2}
    assert set(res.lines["parcel_index"]) == {1}


def test_dem_not_covering_a_parcel_is_an_error() -> None:
    far = shapely.box(0, 0, 100, 100)
    with pytest.raises(lay.LayoutOffDemError, match=r"does not cover 1 terraced parcels.*parcel ids 2"):
        run(plane(), [SQUARE, far], [2.0, 2.0])
    # an unsuitable parcel off the DEM is not laid out, so it is no error
    assert len(run(plane(), [SQUARE, far], [2.0, 2.0], ["suitable", "unsuitable"]).lines) == 13
    edge = shapely.box(X0 - 50, Y0 - 450, X0 + 50, Y0 - 350)  # half outside the DEM
    assert run(plane(), [edge], [2.0]).partial == [1]


@pytest.mark.parametrize(
    ("setting", "value", "name"),
    [("min_radius_m", 0.0, "MIN_RADIUS_M"), ("min_radius_m", -5.0, "MIN_RADIUS_M"),
     ("stake_spacing_m", 0.0, "STAKE_SPACING_M"), ("min_length_m", -1.0, "MIN_LENGTH_M")],
)  # fmt: skip
def test_bad_settings_name_the_parameter(setting, value, name) -> None:
    with pytest.raises(InvalidParameterError, match=f"Invalid value for {name}"):
        run(plane(), [SQUARE], [2.0], **{setting: value})


def test_layout_params_table() -> None:
    values = lay.parse_layout_params("layout_params.csv", TABLE)
    assert values == {"simplify_share": 0.05, "arc_step_deg": 5.0}
    assert lay.settings_from(values, min_radius_m=12.0) == lay.LayoutSettings(min_radius_m=12.0)
    with pytest.raises(ParamTableError, match="no row 'arc_step_deg'"):
        lay.parse_layout_params(
            "layout_params.csv", "\n".join(line for line in TABLE.splitlines() if "arc_step" not in line)
        )
    with pytest.raises(ParamTableError, match=r"90 is outside the allowed range 0.5 ≤ arc_step_deg ≤ 45"):
        lay.parse_layout_params("layout_params.csv", TABLE.replace("arc_step_deg,5,", "arc_step_deg,90,"))
    with pytest.raises(ParamTableError, match="is not a number"):
        lay.parse_layout_params("layout_params.csv", TABLE.replace("simplify_share,0.05,", "simplify_share,x,"))
