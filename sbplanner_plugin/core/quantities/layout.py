"""Terrace layout (梯田定线): terrace edge lines along the DEM contours and staking points for the field.

The bench of a level terrace (水平梯田) is level, so its edge follows a contour, one riser (田坎) every
vertical interval H: the riser height of the parcel's GB/T 16453.1-2008 cross-section (domain reference
§5.3, H = B_x·sinθ; ``sbplanner:terrace_quantities``). GB 51018-2014 §6.1.2 (domain reference §5.2) asks for the layout
"大弯就势、小弯取直": follow the big bends of the slope, straighten the small ones. Here a bend is small
when it is tighter than the minimum radius R (the designer's choice: machine access, bench length):
:func:`smooth_line` straightens it, and rounds every bend it keeps with arcs of radius R.

Pipeline per parcel (:func:`terrace_lines`):

1. the DEM window around the parcel; z0 = the parcel's lowest DEM elevation (bilinear surface, sampled
   at the cell centres inside the parcel and along its boundary every half cell);
2. contours at z0 + k·H, k = 1, 2, … below the parcel's highest elevation (the lowest bench runs from the
   parcel's lowest point up to the first line, so no line lies on the parcel's lower edge): marching
   squares on the cell-centre lattice (:func:`contour_lines`), joined with ``shapely.line_merge``;
3. clipped to the parcel polygon, each piece smoothed to R (:func:`smooth_line`), clipped again (a rounded
   bend of a concave parcel may leave it), pieces shorter than the minimum length dropped;
4. every line oriented so that the slope rises on its left (walking along the chainage, uphill is on the
   left hand; a ring around a hill runs counter-clockwise) and staked every N m (:func:`stake_chainages`),
   with the DEM elevation (bilinear, :func:`sample_dem`) at each stake.

Pure numpy + shapely; no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import shapely

from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, CancelledError, InvalidParameterError, SbPlannerError
from sbplanner_plugin.core.grid import Grid
from sbplanner_plugin.core.params import ByKey, Kind, Num, parse_table

LAYOUT_TABLE = "layout_params.csv"
#: Keys of ``layout_params.csv`` with their allowed range [lo, hi].
LAYOUT_KEYS: dict[str, tuple[float, float]] = {
    "simplify_share": (0.0, 1.0),
    "arc_step_deg": (0.5, 45.0),
}
LAYOUT_SCHEMA: dict[str, Kind] = {
    "key": "str",
    "value": ByKey(keys={key: Num(lo, hi) for key, (lo, hi) in LAYOUT_KEYS.items()}, required=tuple(LAYOUT_KEYS)),
    "unit": "opt",
    "description": "str",
}
UNSUITABLE = "unsuitable"
#: Relative tolerance of the radius guarantee (:func:`smooth_line`): the rounding of map coordinates of
#: 10⁷ m (Gauss–Krüger eastings with the zone number) shifts the circle through three vertices 0.3 m
#: apart by ~1e-6·R.
RADIUS_RTOL = 1e-5
#: Progress stage reported by :func:`terrace_lines`.
STAGE = QT_TRANSLATE_NOOP("SbPlannerStages", "Tracing terrace lines")

#: Columns of the terrace lines (one row per line, in the order of ``LayoutResult.geometries``).
LINE_COLUMNS = (
    "line_id",
    "parcel_index",
    "parcel_id",
    "ws_code",
    "level",
    "piece",
    "elevation_m",
    "riser_height_m",
    "length_m",
    "closed",
    "tightest_radius_m",
    "max_offset_m",
    "max_dz_m",
    "stake_count",
)
#: Columns of the staking points.
STAKE_COLUMNS = (
    "stake_id",
    "name",
    "line_id",
    "parcel_index",
    "parcel_id",
    "ws_code",
    "level",
    "chainage_m",
    "x",
    "y",
    "elevation_m",
    "level_elevation_m",
    "dz_m",
)


class LayoutOffDemError(SbPlannerError):
    key = "layout_off_dem"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The DEM does not cover {count} terraced parcels (no DEM elevation inside; parcel ids {ids}): their terrace lines cannot be laid out. Use a DEM that covers every parcel."  # noqa: E501
    )  # fmt: skip


@dataclass(frozen=True)
class LayoutSettings:
    """The algorithm's parameters (``sbplanner:terrace_layout``) and ``layout_params.csv``.

    ``min_radius_m`` R, ``stake_spacing_m`` N and ``min_length_m`` are named in errors as the
    Processing parameters MIN_RADIUS_M, STAKE_SPACING_M, MIN_LENGTH_M.
    """

    min_radius_m: float = 10.0
    stake_spacing_m: float = 10.0
    min_length_m: float = 10.0
    simplify_share: float = 0.05  # Douglas–Peucker tolerance / R
    arc_step_deg: float = 5.0  # largest turning of one chord of a rounded bend

    def validate(self) -> None:
        for name in ("min_radius_m", "stake_spacing_m"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value > 0):
                raise InvalidParameterError(
                    name=name.upper(), value=f"{value:g}", reason=QT_TRANSLATE_NOOP("SbPlannerErrors", "must be > 0")
                )
        if not (math.isfinite(self.min_length_m) and self.min_length_m >= 0):
            raise InvalidParameterError(
                name="MIN_LENGTH_M",
                value=f"{self.min_length_m:g}",
                reason=QT_TRANSLATE_NOOP("SbPlannerErrors", "must be ≥ 0"),
            )
        for name, (lo, hi) in LAYOUT_KEYS.items():
            value = getattr(self, name)
            if not (math.isfinite(value) and lo <= value <= hi):
                raise InvalidParameterError(name=name, value=f"{value:g}", reason=f"{lo:g} … {hi:g}")


def parse_layout_params(name: str, text: str) -> dict[str, float]:
    """Validate the text of ``layout_params.csv`` (file ``name``) into ``key → value`` by :data:`LAYOUT_SCHEMA`:
    every key of :data:`LAYOUT_KEYS` must be there and in range. Errors name file, line, column, value and range."""
    rows = parse_table(name, text, LAYOUT_SCHEMA)
    return {row["key"]: float(row["value"]) for row in rows if not isinstance(row["value"], str)}  # str: unknown


@dataclass
class LayoutInputs:
    """The terraced parcels (one entry per feature, in layer order) and the DEM, in one metric CRS."""

    grid: Grid
    parcel_ids: np.ndarray  # int: the parcels' parcel_id (or feature id)
    geometries: Sequence[shapely.Geometry]  # (multi)polygons in the grid's CRS
    riser_height_m: np.ndarray  # H per parcel; NaN or ≤ 0 = not terraced (skipped)
    suitability: Sequence[object] | None = None  # "unsuitable" parcels get no lines
    ws_codes: Sequence[object] | None = None
    settings: LayoutSettings = field(default_factory=LayoutSettings)


@dataclass
class LayoutResult:
    lines: pd.DataFrame  # LINE_COLUMNS
    geometries: list  # shapely LineStrings, one per row of ``lines``
    stakes: pd.DataFrame  # STAKE_COLUMNS
    laid_out: list = field(default_factory=list)  # parcel ids with at least one line
    unsuitable: list = field(default_factory=list)  # parcel ids skipped as unsuitable
    not_terraced: list = field(default_factory=list)  # parcel ids without a riser height
    without_lines: list = field(default_factory=list)  # laid out, but no line long enough (flat / small parcel)
    partial: list = field(default_factory=list)  # parcel ids the DEM covers only in part
    too_tight: int = 0  # closed contours (hill tops, hollows) smaller than a circle of radius R: dropped


# =============================================================================================
# DEM sampling and contours
# =============================================================================================


def _lattice(grid: Grid) -> tuple[float, float, float, float]:
    """(x of column 0's centre, dx, y of row 0's centre, dy) of the cell-centre lattice."""
    x0, dx, _, y0, _, dy = grid.transform
    return x0 + 0.5 * dx, dx, y0 + 0.5 * dy, dy


def sample_dem(grid: Grid, x, y) -> np.ndarray:
    """Bilinear DEM elevation at map points, between the four surrounding cell centres.

    The surface is the one the contours are traced on (linear along the lattice edges); NaN outside the
    cell-centre lattice or where one of the four cells is nodata.
    """
    cx, dx, cy, dy = _lattice(grid)
    u = (np.asarray(x, dtype=np.float64) - cx) / dx
    v = (np.asarray(y, dtype=np.float64) - cy) / dy
    rows, cols = grid.shape
    inside = (u >= 0) & (u <= cols - 1) & (v >= 0) & (v <= rows - 1)
    j = np.clip(np.floor(np.where(inside, u, 0)).astype(np.int64), 0, max(cols - 2, 0))
    i = np.clip(np.floor(np.where(inside, v, 0)).astype(np.int64), 0, max(rows - 2, 0))
    fu, fv = np.where(inside, u, 0) - j, np.where(inside, v, 0) - i
    z = grid.values  # the four corners are gathered, then widened to float64 (not the whole DEM)
    j1, i1 = np.minimum(j + 1, cols - 1), np.minimum(i + 1, rows - 1)
    z00, z01 = z[i, j].astype(np.float64), z[i, j1].astype(np.float64)
    z10, z11 = z[i1, j].astype(np.float64), z[i1, j1].astype(np.float64)
    out = z00 * (1 - fu) * (1 - fv) + z01 * fu * (1 - fv) + z10 * (1 - fu) * fv + z11 * fu * fv
    return np.where(inside, out, np.nan)


# Marching squares. Corner bits: top-left 8, top-right 4, bottom-right 2, bottom-left 1 (1 = z ≥ level);
# edges: 0 top, 1 right, 2 bottom, 3 left. _SEGMENTS[case, saddle centre ≥ level, slot] = (edge, edge).
_SEGMENTS = np.full((16, 2, 2, 2), -1, dtype=np.int64)
for _case, _pairs in {
    1: ((3, 2),), 2: ((2, 1),), 3: ((3, 1),), 4: ((0, 1),), 6: ((0, 2),), 7: ((3, 0),), 8: ((3, 0),),
    9: ((0, 2),), 11: ((0, 1),), 12: ((3, 1),), 13: ((2, 1),), 14: ((3, 2),),
}.items():  # fmt: skip
    _SEGMENTS[_case, :, 0] = _pairs[0]
# saddles: the centre (mean of the four corners) decides which corners are joined
_SEGMENTS[5, 1] = ((3, 0), (2, 1))  # tr, bl above and joined: cut off tl and br
_SEGMENTS[5, 0] = ((0, 1), (3, 2))  # centre below: cut off tr and bl
_SEGMENTS[10, 1] = ((0, 1), (3, 2))  # tl, br above and joined: cut off tr and bl
_SEGMENTS[10, 0] = ((3, 0), (2, 1))


def contour_segments(z: np.ndarray, xs: np.ndarray, ys: np.ndarray, level: float) -> np.ndarray:
    """Marching-squares segments (n, 2, 2) of the contour ``z = level`` on the lattice ``z[row, col]`` at
    ``(xs[col], ys[row])``.

    Each crossing is interpolated linearly along its lattice edge, once per edge, as (1 − t)·a + t·b, so
    the squares on either side of an edge share the point bit for bit (``line_merge`` joins them) and a
    crossing at a lattice node is that node exactly. Squares with a nodata corner give no segment;
    saddles are decided by the square's centre value; zero-length segments are dropped.
    """
    z = np.asarray(z, dtype=np.float64)
    nr, nc = z.shape
    if nr < 2 or nc < 2:
        return np.zeros((0, 2, 2))
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):  # edges without a crossing: unused
        th = (level - z[:, :-1]) / (z[:, 1:] - z[:, :-1])  # along rows (top / bottom edges)
        tv = (level - z[:-1, :]) / (z[1:, :] - z[:-1, :])  # along columns (left / right edges)
        hx = (1 - th) * xs[None, :-1] + th * xs[None, 1:]
        vy = (1 - tv) * ys[:-1, None] + tv * ys[1:, None]
    hy = np.broadcast_to(ys[:, None], th.shape)
    vx = np.broadcast_to(xs[None, :], tv.shape)
    edges = np.stack(
        [
            np.stack([hx[:-1], hy[:-1]], -1),  # top
            np.stack([vx[:, 1:], vy[:, 1:]], -1),  # right
            np.stack([hx[1:], hy[1:]], -1),  # bottom
            np.stack([vx[:, :-1], vy[:, :-1]], -1),  # left
        ],
        axis=2,
    )  # (nr-1, nc-1, 4, 2)
    tl, tr, br, bl = z[:-1, :-1], z[:-1, 1:], z[1:, 1:], z[1:, :-1]
    valid = np.isfinite(tl) & np.isfinite(tr) & np.isfinite(br) & np.isfinite(bl)
    case = 8 * (tl >= level) + 4 * (tr >= level) + 2 * (br >= level) + (bl >= level)
    centre = ((tl + tr + br + bl) / 4.0 >= level).astype(np.int64)
    case = np.where(valid, case, 0)
    out = []
    for slot in (0, 1):
        pair = _SEGMENTS[case, centre, slot]  # (nr-1, nc-1, 2)
        r, c = np.nonzero(pair[..., 0] >= 0)
        if r.size == 0:
            continue
        a = edges[r, c, pair[r, c, 0]]
        b = edges[r, c, pair[r, c, 1]]
        out.append(np.stack([a, b], axis=1))
    if not out:
        return np.zeros((0, 2, 2))
    segs = np.concatenate(out)
    return segs[np.any(segs[:, 0] != segs[:, 1], axis=1)]


def contour_lines(z: np.ndarray, xs: np.ndarray, ys: np.ndarray, level: float) -> list:
    """The contour ``z = level`` as shapely LineStrings (closed where the contour closes)."""
    segs = contour_segments(z, xs, ys, level)
    if not len(segs):
        return []
    merged = shapely.line_merge(shapely.multilinestrings(shapely.linestrings(segs)))
    return [g for g in shapely.get_parts(merged) if not g.is_empty]


# =============================================================================================
# 大弯就势、小弯取直: smoothing to a minimum radius
# =============================================================================================


def _dedupe(p: np.ndarray, closed: bool) -> np.ndarray:
    if len(p) < 2:
        return p
    scale = max(1.0, float(np.max(np.abs(p))))
    keep = np.r_[True, np.any(np.abs(np.diff(p, axis=0)) > 1e-12 * scale, axis=1)]
    p = p[keep]
    if closed and len(p) > 1 and np.all(np.abs(p[0] - p[-1]) <= 1e-12 * scale):
        p = p[:-1]
    return p


def _turns(p: np.ndarray, closed: bool) -> tuple[np.ndarray, np.ndarray]:
    """Signed turning angle at every vertex (0 at the ends of an open line) and segment lengths
    (segment j from vertex j to j+1, cyclic when closed)."""
    nxt = np.roll(p, -1, axis=0)
    seg = (nxt - p) if closed else np.diff(p, axis=0)
    length = np.hypot(seg[:, 0], seg[:, 1])
    s_in = np.roll(seg, 1, axis=0) if closed else seg[:-1]
    s_out = seg if closed else seg[1:]
    turn = np.arctan2(s_in[:, 0] * s_out[:, 1] - s_in[:, 1] * s_out[:, 0], np.sum(s_in * s_out, axis=1))
    if not closed:
        turn = np.r_[0.0, turn, 0.0]
    return turn, length


def _areas(p: np.ndarray, closed: bool) -> np.ndarray:
    """Area of the triangle each vertex makes with its neighbours (inf at the fixed ends of an open line)."""
    prev, nxt = np.roll(p, 1, axis=0), np.roll(p, -1, axis=0)
    a = 0.5 * np.abs((p[:, 0] - prev[:, 0]) * (nxt[:, 1] - p[:, 1]) - (p[:, 1] - prev[:, 1]) * (nxt[:, 0] - p[:, 0]))
    if not closed:
        a[0] = a[-1] = np.inf
    return a


def _straighten(p: np.ndarray, closed: bool, radius: float) -> np.ndarray | None:
    """小弯取直: remove vertices until every bend can be rounded with radius R inside its segments.

    A bend of turning Δ rounded with radius R needs the tangent length T = R·tan(Δ/2) on both of its
    segments; a segment must hold the tangent lengths of both its ends (T_j + T_{j+1} ≤ L_j). While a
    segment is too short, the vertex with the smallest triangle area (the smallest bend, Visvalingam)
    among the ends of the too-short segments is removed. None when a closed line cannot be kept (it is
    smaller than a circle of radius R).
    """
    while True:
        n = len(p)
        if (closed and n < 3) or n < 2:
            return None if closed else p
        turn, length = _turns(p, closed)
        with np.errstate(over="ignore"):
            tangent = radius * np.tan(np.abs(turn) / 2.0)
        need = tangent + np.roll(tangent, -1) if closed else tangent[:-1] + tangent[1:]
        short = need > length * (1 + 1e-9) + 1e-9
        if not short.any():
            return p
        j = np.nonzero(short)[0]
        candidates = np.unique(np.r_[j, (j + 1) % n] if closed else np.r_[j, j + 1])
        areas = _areas(p, closed)[candidates]
        drop = candidates[np.argmin(areas)]
        if not np.isfinite(areas.min()):  # only the fixed ends left: cannot happen for n > 2
            return p
        p = np.delete(p, drop, axis=0)


def _round(p: np.ndarray, closed: bool, radius: float, step: float) -> np.ndarray:
    """大弯就势: replace every remaining bend by the arc of radius R tangent to both segments, drawn with
    chords turning at most ``step`` radians; the tangent points are exact."""
    n = len(p)
    out = [] if closed else [p[:1]]
    for i in range(n) if closed else range(1, n - 1):
        a, b, c = p[i - 1], p[i], p[(i + 1) % n]
        u, w = (b - a) / np.hypot(*(b - a)), (c - b) / np.hypot(*(c - b))
        delta = math.atan2(u[0] * w[1] - u[1] * w[0], float(u @ w))
        if abs(delta) < 1e-12:
            continue
        t = radius * math.tan(abs(delta) / 2.0)
        start, end = b - t * u, b + t * w
        centre = start + math.copysign(radius, delta) * np.array([-u[1], u[0]])
        m = max(1, math.ceil(abs(delta) / step - 1e-9))
        phi = math.atan2(start[1] - centre[1], start[0] - centre[0]) + delta * np.arange(m + 1) / m
        arc = centre + radius * np.column_stack([np.cos(phi), np.sin(phi)])
        arc[0], arc[-1] = start, end
        out.append(arc)
    if closed:
        out.append(out[0][:1])
    else:
        out.append(p[-1:])
    q = np.concatenate(out)
    keep = np.r_[True, np.any(np.abs(np.diff(q, axis=0)) > 1e-9, axis=1)]
    q = q[keep]
    if closed:
        q[-1] = q[0]
    return q


def smooth_line(coords, closed: bool, min_radius_m: float, simplify_share: float = 0.05,
                arc_step_deg: float = 5.0) -> np.ndarray | None:  # fmt: skip
    """Smooth a contour to the minimum radius R (GB 51018-2014 §6.1.2, 大弯就势、小弯取直).

    1. Douglas–Peucker with tolerance ``simplify_share``·R (0.5 m at R = 10 m): wiggles narrower than
       that (DEM noise) are straightened outright;
    2. 小弯取直 (:func:`_straighten`): vertices are removed, smallest bend first, until every bend can be
       rounded with radius R inside its two segments (a bend "smaller than R");
    3. 大弯就势 (:func:`_round`): every bend left is replaced by the circular arc of radius R tangent to
       its two segments.

    Guaranteed for the result (``coords`` of ≥ 2 points; an open line keeps its two end points, a closed
    one stays closed):

    - it is a chain of straight segments and arcs of radius exactly R, tangent where they meet (G1); the
      arcs are drawn with vertices on them, chords turning at most ``arc_step_deg``;
    - hence at every vertex the line turns by at most ``arc_step_deg``, and the circle through any three
      consecutive vertices has a radius ≥ R (:func:`tightest_radius`; = R on an arc, larger where an arc
      meets a straight), up to the rounding of the coordinates (:data:`RADIUS_RTOL`): no bend is tighter
      than R. :func:`terrace_lines` keeps this after clipping to the parcel (:func:`_tidy`);
    - it does not stay on the contour where a bend was straightened: its distance from the contour and
      its DEM elevation off the level are reported per line (``max_offset_m``, ``max_dz_m``).

    Returns None for a closed line that cannot be kept: one smaller than a circle of radius R (a small
    hill top or hollow).
    """
    p = np.asarray(coords, dtype=np.float64)[:, :2]
    if closed and len(p) > 1 and np.array_equal(p[0], p[-1]):
        p = p[:-1]
    if len(p) == 0:
        return None if closed else p
    origin = p[0].copy()  # work near the origin: full precision for the arcs at map coordinates of 10⁷ m
    out = _smooth_local(p - origin, closed, min_radius_m, simplify_share, arc_step_deg)
    return None if out is None else out + origin


def _smooth_local(p, closed, min_radius_m, simplify_share, arc_step_deg):
    p = _dedupe(p, closed)
    if len(p) < (3 if closed else 2):
        return None if closed else p
    tol = simplify_share * min_radius_m
    if tol > 0:
        ring = np.vstack([p, p[:1]]) if closed else p
        simple = shapely.get_coordinates(shapely.simplify(shapely.linestrings(ring), tol, preserve_topology=False))
        p = _dedupe(simple, closed)
        if len(p) < (3 if closed else 2):
            return None if closed else p
    p = _straighten(p, closed, min_radius_m)
    if p is None:
        return None
    return _round(p, closed, min_radius_m, math.radians(arc_step_deg))


def tightest_radius(coords, closed: bool = False) -> float:
    """The smallest radius of the circles through three consecutive vertices (inf for a straight line)."""
    p = np.asarray(coords, dtype=np.float64)[:, :2]
    if closed and len(p) > 1 and np.array_equal(p[0], p[-1]):
        p = p[:-1]
    if len(p) < 3:
        return math.inf
    p = p - p[0]
    a, b = (np.roll(p, 1, 0), np.roll(p, -1, 0)) if closed else (p[:-2], p[2:])
    m = p if closed else p[1:-1]
    ab, bc, ca = np.hypot(*(m - a).T), np.hypot(*(b - m).T), np.hypot(*(a - b).T)
    area2 = np.abs((m[:, 0] - a[:, 0]) * (b[:, 1] - a[:, 1]) - (m[:, 1] - a[:, 1]) * (b[:, 0] - a[:, 0]))
    scale = np.maximum(ab, bc) ** 2
    bent = area2 > 1e-12 * scale
    if not bent.any():
        return math.inf
    return float(np.min(ab[bent] * bc[bent] * ca[bent] / (2.0 * area2[bent])))


def stake_chainages(length_m: float, spacing_m: float, closed: bool = False) -> np.ndarray:
    """Chainages of the stakes: 0, N, 2N, … and the end of an open line (when it is more than 1 mm past
    the last multiple of N); a closed line ends where it starts, so its end is not staked twice."""
    ch = np.arange(0.0, length_m, spacing_m)
    if not closed and (ch.size == 0 or length_m - ch[-1] > 1e-3):
        ch = np.r_[ch, length_m]
    return ch


# =============================================================================================
# the parcels
# =============================================================================================


def _window(grid: Grid, geom) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """DEM values, column x and row y of the cell centres around ``geom`` (one cell of margin)."""
    cx, dx, cy, dy = _lattice(grid)
    rows, cols = grid.shape
    xmin, ymin, xmax, ymax = shapely.bounds(geom)
    c = sorted(((xmin - cx) / dx, (xmax - cx) / dx))
    r = sorted(((ymin - cy) / dy, (ymax - cy) / dy))
    c0, c1 = max((math.floor(c[0])) - 1, 0), min((math.ceil(c[1])) + 2, cols)
    r0, r1 = max((math.floor(r[0])) - 1, 0), min((math.ceil(r[1])) + 2, rows)
    if c1 <= c0 or r1 <= r0:
        return np.zeros((0, 0)), np.zeros(0), np.zeros(0)
    z = np.asarray(grid.values[r0:r1, c0:c1], dtype=np.float64)
    return z, cx + dx * np.arange(c0, c1), cy + dy * np.arange(r0, r1)


def _samples(grid: Grid, geom, z, xs, ys) -> np.ndarray:
    """The DEM at the cell centres inside the parcel and along its boundary every half cell."""
    gx, gy = np.meshgrid(xs, ys)
    inside = shapely.contains_xy(geom, gx, gy)
    boundary = shapely.get_coordinates(shapely.segmentize(shapely.boundary(geom), 0.5 * grid.cell_size_m))
    return np.r_[z[inside], sample_dem(grid, boundary[:, 0], boundary[:, 1])]


def _clip(line, geom):
    # GEOS 3.11 with shapely 2 raises numpy's "invalid value" flag for an empty intersection: harmless
    with np.errstate(invalid="ignore"):
        return shapely.intersection(line, geom)


def _lines(geom, z, xs, ys, level: float) -> list:
    """The contour pieces at ``level`` inside the parcel."""
    pieces = []
    for line in contour_lines(z, xs, ys, level):
        clipped = shapely.line_merge(_clip(line, geom))
        pieces += [g for g in shapely.get_parts(clipped) if shapely.get_type_id(g) == 1 and g.length > 0]
    return pieces


def _tidy(line, radius: float):
    """A smoothed line after clipping, with the guarantee of :func:`smooth_line` kept: a cut inside an arc
    leaves an end vertex on a chord (inside the circle); that end is moved back to the last arc vertex
    (less than one chord, ≤ R·arc step, from the parcel's edge). Vertices on a straight run are dropped."""
    if line.is_closed:
        return line
    p = shapely.get_coordinates(shapely.simplify(line, 1e-6, preserve_topology=False))
    while len(p) >= 3 and tightest_radius(p[:3]) < radius * (1 - RADIUS_RTOL):
        p = p[1:]
    while len(p) >= 3 and tightest_radius(p[-3:]) < radius * (1 - RADIUS_RTOL):
        p = p[:-1]
    return shapely.linestrings(p) if len(p) >= 2 else None


def _uphill_left(grid: Grid, line) -> shapely.LineString:
    """The line reversed where needed so that the DEM rises on its left."""
    p = shapely.get_coordinates(line)
    seg = np.diff(p, axis=0)
    length = np.hypot(seg[:, 0], seg[:, 1])
    ok = length > 0
    mid = (p[:-1] + p[1:])[ok] / 2
    left = np.column_stack([-seg[ok, 1], seg[ok, 0]]) / length[ok, None] * (0.5 * grid.cell_size_m)
    rise = sample_dem(grid, *(mid + left).T) - sample_dem(grid, *(mid - left).T)
    return shapely.reverse(line) if np.nansum(rise * length[ok]) < 0 else line


def _piece_label(k: int, count: int) -> str:
    if count <= 1:
        return ""
    letters = ""
    k += 1
    while k:
        k, r = divmod(k - 1, 26)
        letters = chr(ord("a") + r) + letters
    return letters


def terrace_lines(inputs: LayoutInputs, progress: Callable[[float, str], bool] | None = None) -> LayoutResult:
    """Terrace edge lines and staking points of every terraced parcel (GB/T 16453.1-2008 level terraces
    along the contour at the riser height H; GB 51018-2014 §6.1.2 大弯就势、小弯取直; domain reference §5.2–§5.3).

    Per parcel with a riser height H > 0 and a suitability other than ``unsuitable``: lines at the DEM
    contours z0 + k·H (k ≥ 1, z0 the parcel's lowest DEM elevation), inside the parcel, smoothed to the
    minimum radius R (:func:`smooth_line`), at least ``min_length_m`` long, chainage uphill on the left;
    stakes every N m and at the end of each open line, with the bilinear DEM elevation.

    Line columns (:data:`LINE_COLUMNS`): ``elevation_m`` the design level z0 + k·H, ``length_m``,
    ``tightest_radius_m`` (:func:`tightest_radius`; NaN for a straight line), ``max_offset_m`` (largest
    distance from the line to its unsmoothed contour piece) and ``max_dz_m`` (largest |DEM − level| along
    the line), both sampled every half cell. Stake columns (:data:`STAKE_COLUMNS`): ``name`` =
    ``<parcel>-<level><piece>-<chainage>`` (piece letters a, b … only where one level has several pieces
    in the parcel), ``elevation_m`` the DEM, ``level_elevation_m`` the line's level, ``dz_m`` their
    difference.

    Raises :class:`LayoutOffDemError` when the DEM has no elevation in a parcel to lay out, and
    ``InvalidParameterError`` for a radius or spacing ≤ 0.
    """
    s = inputs.settings
    s.validate()
    grid = inputs.grid
    n = len(inputs.geometries)
    ids = [int(v) for v in np.asarray(inputs.parcel_ids)]
    h = np.asarray(inputs.riser_height_m, dtype=np.float64)
    suit = [str(v or "").strip().lower() for v in (inputs.suitability or [None] * n)]
    ws = list(inputs.ws_codes) if inputs.ws_codes is not None else [None] * n
    result = LayoutResult(pd.DataFrame(columns=list(LINE_COLUMNS)), [], pd.DataFrame(columns=list(STAKE_COLUMNS)))
    todo = []
    for i in range(n):
        if not (np.isfinite(h[i]) and h[i] > 0):
            result.not_terraced.append(ids[i])
        elif suit[i] == UNSUITABLE:
            result.unsuitable.append(ids[i])
        else:
            todo.append(i)
    geometries = [shapely.force_2d(g) for g in inputs.geometries]
    windows = _windows(grid, geometries, todo, ids, result)
    rows, stakes = [], []
    for done, i in enumerate(todo):
        if progress is not None and progress(done / max(len(todo), 1), STAGE):
            raise CancelledError()
        count = 0
        for k, pieces in _parcel_lines(grid, geometries[i], windows[i], float(h[i]), s, result):
            for piece, (line, raw) in enumerate(pieces):
                label = f"{ids[i]}-{k}{_piece_label(piece, len(pieces))}"
                parcel = (i, ids[i], ws[i], k)
                rows.append(_line_row(grid, line, raw, len(rows) + 1, parcel, piece + 1, windows[i][3] + k * h[i],
                                      float(h[i]), s, label, stakes))  # fmt: skip
                result.geometries.append(line)
                count += 1
        (result.laid_out if count else result.without_lines).append(ids[i])
    if rows:
        result.lines = pd.DataFrame(rows, columns=list(LINE_COLUMNS))
    if stakes:
        result.stakes = pd.DataFrame(stakes, columns=list(STAKE_COLUMNS))
    return result


def _windows(grid: Grid, geometries, todo: list, ids: list, result: LayoutResult) -> dict:
    """DEM window, z0 and the highest elevation of every parcel to lay out; :class:`LayoutOffDemError`
    naming the parcels without any DEM elevation; parcels covered in part are listed in ``result.partial``."""
    windows, off = {}, []
    for i in todo:
        z, xs, ys = _window(grid, geometries[i])
        values = _samples(grid, geometries[i], z, xs, ys) if z.size else np.zeros(0)
        if not np.isfinite(values).any():
            off.append(ids[i])
            continue
        windows[i] = (z, xs, ys, float(np.nanmin(values)), float(np.nanmax(values)))
        if np.isnan(values).any():
            result.partial.append(ids[i])
    if off:
        raise LayoutOffDemError(count=len(off), ids=", ".join(map(str, off[:10])) + (" …" if len(off) > 10 else ""))
    return windows


def _parcel_lines(grid: Grid, geom, window, h: float, s: LayoutSettings, result: LayoutResult):
    """(k, [(line, raw contour piece), …]) for each level z0 + k·H of one parcel that has a line."""
    z, xs, ys, z0, z1 = window
    for k in range(1, math.floor((z1 - z0) / h) + 1):
        level = z0 + k * h
        if level >= z1:
            break
        kept = []
        for raw in _lines(geom, z, xs, ys, level):
            closed = raw.is_closed
            smooth = smooth_line(shapely.get_coordinates(raw), closed, s.min_radius_m, s.simplify_share, s.arc_step_deg)
            if smooth is None:
                result.too_tight += 1
                continue
            line = shapely.linestrings(smooth)
            if not (closed and shapely.covers(geom, line)):
                line = shapely.line_merge(_clip(line, geom))
            for part in shapely.get_parts(line):
                part = _tidy(part, s.min_radius_m) if shapely.get_type_id(part) == 1 else None
                if part is not None and part.length >= max(s.min_length_m, 1e-9):
                    kept.append((_uphill_left(grid, part), raw))
        if kept:
            yield k, kept


def _line_row(grid: Grid, line, raw, line_id: int, parcel: tuple, piece: int, level: float, h: float,
              s: LayoutSettings, label: str, stakes: list) -> tuple:  # fmt: skip
    """The LINE_COLUMNS row of one line; its stakes are appended to ``stakes``."""
    index, parcel_id, ws_code, k = parcel
    closed = bool(line.is_closed)
    dense = shapely.get_coordinates(shapely.segmentize(line, 0.5 * grid.cell_size_m))
    dz = np.abs(sample_dem(grid, dense[:, 0], dense[:, 1]) - level)
    offset = float(np.max(shapely.distance(shapely.points(dense), raw)))
    radius = tightest_radius(shapely.get_coordinates(line), closed)
    ch = stake_chainages(line.length, s.stake_spacing_m, closed)
    pts = shapely.get_coordinates(shapely.line_interpolate_point(line, ch))
    ground = sample_dem(grid, pts[:, 0], pts[:, 1])
    for j, c in enumerate(ch.tolist()):
        stakes.append((len(stakes) + 1, f"{label}-{round(c, 1):g}", line_id, index, parcel_id, ws_code, k, c,
                       pts[j, 0], pts[j, 1], ground[j], level, ground[j] - level))  # fmt: skip
    return (line_id, index, parcel_id, ws_code, k, piece, level, h, float(line.length), closed,
            radius if math.isfinite(radius) else np.nan, offset,
            float(np.nanmax(dz)) if np.isfinite(dz).any() else np.nan, len(ch))  # fmt: skip


def settings_from(params: Mapping[str, float], **parameters: float) -> LayoutSettings:
    """Settings from ``layout_params.csv`` values and the algorithm's parameters."""
    return LayoutSettings(**parameters, **{k: float(params[k]) for k in LAYOUT_KEYS if k in params})
