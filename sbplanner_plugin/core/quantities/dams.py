"""Dam works from the DEM (谷坊, 拦沙坝, 塘坝, 淤地坝, 崩口谷坊, 滚水坝): cross-section, body volume, storage.

Pure numpy (+ one numba priority-flood kernel); every default comes from ``resources/params/dam_params.csv``
(parsed by :func:`parse_dam_params`, opened by ``adapters.param_files.load_dam_params``).

Per site (:class:`DamSite`) :func:`dam_quantities` computes, all reproducible by hand from the ``basis`` text:

1. **Dam axis.** A drawn polyline is used as it is. A point gets a derived axis (PROPOSAL, SBPlanner):
   the channel direction is the vector from the lowest cell within ``snap_radius_m`` of the point to the
   end of a ``direction_cells``-step steepest-descent (D8) walk from it; the axis runs through the point
   perpendicular to it, ``axis_half_length_m`` each way, and is then turned within ±``axis_search_deg``
   to the orientation with the shortest crest (the usual siting rule: the axis across the narrowest
   section, perpendicular to the flow).
2. **Cross-section.** The DEM is sampled bilinearly along the axis every ``sample_step_cells`` cells.
   Bed elevation z_b = the lowest sample (point site: the lowest within ``snap_radius_m`` of the point,
   then down the profile to the local minimum). Crest elevation z_c = z_b + H. Walking out from the bed
   both ways until the ground reaches z_c gives the abutments (linear interpolation between samples):
   crest length L = distance between them; bottom length = length around the bed where the ground is
   within ``bed_tolerance_m`` of z_b. A line whose lowest point is not at least ``channel_tolerance_m``
   below both ends → ``error = "not_across_channel"``; ground that never reaches z_c on one side →
   ``"abutment_not_reached"``. Errors leave every quantity NaN — never a made-up number.
3. **Body volume** (GB/T 16453.3-2008 谷坊 trapezoidal section, domain reference §6.3; 平均断面法): at each
   station s along the axis h(s) = max(z_c − ground(s), 0) and the section area is
   A(h) = b·h + (m₁ + m₂)/2 · h²  (b crest width, m₁ / m₂ upstream / downstream slope, horizontal : 1);
   V = ∫ A(h(s)) ds by the trapezoidal (average end-area) rule over the samples between the abutments.
4. **Stage–area–storage** of the impoundment: the cells upstream of the axis whose water, at stage
   elevation E, connects to the dam without crossing the axis. A priority flood (4-connected) from the
   upstream cells next to the axis gives each cell its spill elevation c (the lowest possible highest
   ground on a path to the dam); a cell is inundated at E when c < E. The axis cuts the flood: a step
   between two cells on opposite sides of it (cell centres within 1.5 cells of the axis) is forbidden,
   so cells are split by their centres and nothing leaks downstream. Area(E) = n·a, storage(E) =
   Σ (E − z)·a over the inundated cells (a cell area), at stages every ``stage_step_m`` up to the crest.
   An impoundment that reaches the DEM's edge, nodata or the ``max_reservoir_length_m`` window below the
   crest → ``"reservoir_not_closed"``.
5. **Capacities** (SL/T 804-2020 淤地坝 / GB/T 16453.3-2008, domain reference §6.3): total capacity V_t =
   storage at the design water level z_c − freeboard; silt (拦泥) capacity V_s = T·F·M·(1 − η)/γ
   (T silting years, F catchment km², M erosion modulus t/(km²·a), η 排沙比, γ sediment bulk density
   t/m³), capped at V_t; silt level = stage of V_s on the curve; flood (滞洪) capacity V_f = V_t − V_s.
   淤地坝 class by total capacity: 小型 1–10 万m³, 中型 10–50 万m³, 大型 (骨干坝) 50–500 万m³ (lower
   bound inclusive). SL/T 804 also uses the dam height for the class; that criterion is NOT implemented
   (its numbers are not in the domain reference): the height is reported beside the class.
6. Optional: a site without a height but with ``required_storage_m3`` (塘坝 capacity) gets the height whose
   total capacity equals it: H = stage(V_required) + freeboard, solved on the exact curve.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numba
import numpy as np
import pandas as pd

from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, msg
from sbplanner_plugin.core.grid import D8_OFFSETS, Grid
from sbplanner_plugin.core.params import ByKey, Kind, Num, ParamTableError, parse_table

nan = float("nan")

DAM_TABLE = "dam_params.csv"
#: Dam works this kernel knows (measure codes of measures.csv).
DAM_CODES = ("check_dam", "sediment_dam", "pond_dam", "warping_dam", "benggang_mouth_dam", "overflow_weir")
#: Per-dam-type keys: ``<name>_<code>`` (and ``<name>_<code>_<material>``, e.g. check_dam_stone).
DAM_TYPE_KEYS = ("dam_height_m", "crest_width_m", "upstream_slope_m", "downstream_slope_m", "freeboard_m")
#: General keys of dam_params.csv with their allowed range (lo, hi), both inclusive.
GENERAL_KEYS: dict[str, tuple[float, float]] = {
    "stage_step_m": (0.01, 10.0),
    "sample_step_cells": (0.01, 1.0),
    "snap_radius_m": (0.0, 1000.0),
    "direction_cells": (1.0, 50.0),
    "axis_half_length_m": (1.0, 5000.0),
    "axis_search_deg": (0.0, 89.0),
    "channel_tolerance_m": (0.0, 100.0),
    "bed_tolerance_m": (0.0, 100.0),
    "max_reservoir_length_m": (10.0, 100000.0),
    "max_dam_height_m": (0.1, 300.0),
    "sediment_bulk_density_t_m3": (0.5, 3.0),
    "sediment_release_ratio": (0.0, 1.0),
    "warping_small_min_m3": (0.0, 1e9),
    "warping_medium_min_m3": (0.0, 1e9),
    "warping_large_min_m3": (0.0, 1e9),
    "warping_large_max_m3": (0.0, 1e10),
    "silting_years_warping_dam_small": (0.0, 500.0),
    "silting_years_warping_dam_medium": (0.0, 500.0),
    "silting_years_warping_dam_large": (0.0, 500.0),
}
#: Allowed range of the per-type keys: heights and crest widths > 0, side slopes and freeboards ≥ 0 (m, m:1).
TYPE_KEY_RANGES: dict[str, Num] = {
    "dam_height_m_": Num(0.0, 300.0, lo_open=True),
    "crest_width_m_": Num(0.0, 100.0, lo_open=True),
    "upstream_slope_m_": Num(0.0, 20.0),
    "downstream_slope_m_": Num(0.0, 20.0),
    "freeboard_m_": Num(0.0, 50.0),
    "silting_years_": Num(0.0, 500.0),
}
DAM_SCHEMA: dict[str, Kind] = {
    "key": "str",
    "value": ByKey(
        keys={key: Num(lo, hi) for key, (lo, hi) in GENERAL_KEYS.items()},
        prefixes=TYPE_KEY_RANGES,
        required=(*GENERAL_KEYS, *(f"{key}_{code}" for key in DAM_TYPE_KEYS for code in DAM_CODES)),
    ),
    "unit": "opt",
    "description": "str",
}
#: 淤地坝 classes (SL/T 804-2020 by total capacity) and their labels.
WARPING_CLASSES = ("below_small", "small", "medium", "large", "above_large")
WARPING_CLASS_LABELS = {
    "below_small": "不足小型 (< 1 万m³)",
    "small": "小型淤地坝",
    "medium": "中型淤地坝",
    "large": "大型淤地坝 (骨干坝)",
    "above_large": "超出大型 (> 500 万m³)",
}

#: Error keys of ``DamResult.table.error`` (the algorithm translates them, naming the work).
NOT_ACROSS_CHANNEL = "not_across_channel"
ABUTMENT_NOT_REACHED = "abutment_not_reached"
AXIS_OUTSIDE_DEM = "axis_outside_dem"
NO_FLOW_DIRECTION = "no_flow_direction"
RESERVOIR_NOT_CLOSED = "reservoir_not_closed"
INVALID_DIMENSIONS = "invalid_dimensions"
CAPACITY_NOT_REACHED = "capacity_not_reached"
UNKNOWN_DAM_TYPE = "unknown_dam_type"
ERROR_KEYS = (
    NOT_ACROSS_CHANNEL,
    ABUTMENT_NOT_REACHED,
    AXIS_OUTSIDE_DEM,
    NO_FLOW_DIRECTION,
    RESERVOIR_NOT_CLOSED,
    INVALID_DIMENSIONS,
    CAPACITY_NOT_REACHED,
    UNKNOWN_DAM_TYPE,
)
#: Warning keys (quantities are still valid): silt / flood capacity not computed.
SILT_INPUTS_MISSING = "silt_inputs_missing"

TABLE_COLUMNS = (
    "work_id",
    "measure_code",
    "crest_elev_m",
    "bed_elev_m",
    "dam_height_m",
    "crest_length_m",
    "bottom_length_m",
    "body_volume_m3",
    "total_storage_m3",
    "silt_storage_m3",
    "flood_storage_m3",
    "dam_class",
    "basis",
    "error",
    # extras
    "error_detail",
    "warning",
    "height_source",
    "crest_width_m",
    "upstream_slope_m",
    "downstream_slope_m",
    "freeboard_m",
    "water_level_m",
    "water_area_m2",
    "silt_elev_m",
    "silting_years",
    "annual_sediment_m3",
    "dam_class_label",
    "flow_azimuth_deg",
    "axis_x0",
    "axis_y0",
    "axis_x1",
    "axis_y1",
)
CURVE_COLUMNS = ("work_id", "stage_m", "elevation_m", "area_m2", "storage_m3")


@dataclass(frozen=True)
class DamSite:
    """One dam work. NaN dimensions take the dam type's defaults of dam_params.csv."""

    work_id: int
    measure_code: str  # check_dam, sediment_dam, pond_dam, warping_dam, benggang_mouth_dam, overflow_weir
    axis_xy: np.ndarray  # (n, 2) map coordinates: one point (axis point) or the drawn axis polyline
    dam_height_m: float  # design height (NaN = from the catalogue / gully_works defaults)
    crest_width_m: float
    upstream_slope_m: float  # side slope m (horizontal : 1 vertical) of the upstream face
    downstream_slope_m: float
    catchment_km2: float = nan
    erosion_modulus_t_km2_a: float = nan
    silting_years: float = nan
    material: str = ""  # optional: earth / stone (谷坊 土/石): picks ``<key>_<code>_<material>`` defaults
    required_storage_m3: float = nan  # optional: with a NaN height, solve the height for this total capacity


@dataclass
class DamResult:
    table: pd.DataFrame  # one row per site: TABLE_COLUMNS
    curves: pd.DataFrame  # work_id, stage_m, elevation_m, area_m2, storage_m3


# ------------------------------------------------------------------------------------------------
# parameter table


def parse_dam_params(name: str, text: str) -> dict[str, float]:
    """Validate the text of ``dam_params.csv`` (file ``name``) into ``key → value`` by :data:`DAM_SCHEMA`:
    every general key (:data:`GENERAL_KEYS`, in range) and ``<name>_<code>`` for every :data:`DAM_TYPE_KEYS` ×
    :data:`DAM_CODES` must be there; heights and widths > 0, slopes and freeboards ≥ 0 (errors name file, line,
    column, value and range)."""
    rows = parse_table(name, text, DAM_SCHEMA)
    return {row["key"]: float(row["value"]) for row in rows if not isinstance(row["value"], str)}  # str: unknown


def _type_value(params: Mapping[str, float], key: str, code: str, material: str) -> float:
    if material and f"{key}_{code}_{material}" in params:
        return float(params[f"{key}_{code}_{material}"])
    if f"{key}_{code}" in params:
        return float(params[f"{key}_{code}"])
    raise ParamTableError(
        file=DAM_TABLE,
        line=0,
        column="key",
        problem=msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "no row '{key}'"), key=f"{key}_{code}"),
    )


# ------------------------------------------------------------------------------------------------
# formulas


def section_area_m2(h, crest_width_m: float, slope_up: float, slope_down: float):
    """Trapezoidal dam section A(h) = b·h + (m₁ + m₂)/2 · h² (GB/T 16453.3-2008 谷坊, domain reference §6.3)."""
    h = np.asarray(h, dtype=np.float64)
    return crest_width_m * h + 0.5 * (slope_up + slope_down) * h * h


def silt_storage_m3(
    years: float, catchment_km2: float, modulus_t_km2_a: float, release_ratio: float, density_t_m3: float
) -> float:
    """拦泥库容 V_s = T·F·M·(1 − η)/γ (m³): SL/T 804-2020 / domain reference §6.3 (clause UNVERIFIED)."""
    return years * catchment_km2 * modulus_t_km2_a * (1.0 - release_ratio) / density_t_m3


def warping_class(total_m3: float, params: Mapping[str, float]) -> str:
    """淤地坝 class by total capacity (SL/T 804-2020, domain reference §6.3): 小型 1–10, 中型 10–50,
    大型 (骨干坝) 50–500 万m³; lower bounds inclusive. The height criterion of the standard is not applied."""
    if not np.isfinite(total_m3):
        return ""
    if total_m3 < params["warping_small_min_m3"]:
        return "below_small"
    if total_m3 < params["warping_medium_min_m3"]:
        return "small"
    if total_m3 < params["warping_large_min_m3"]:
        return "medium"
    if total_m3 <= params["warping_large_max_m3"]:
        return "large"
    return "above_large"


# ------------------------------------------------------------------------------------------------
# DEM sampling and the cross-section


def _bilinear(grid: Grid, dem: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Bilinear interpolation between cell centres; NaN outside the raster or next to nodata."""
    x0, dx, _, y0, _, dy = grid.transform
    rows, cols = dem.shape
    cf = (np.asarray(x, float) - x0) / dx - 0.5
    rf = (np.asarray(y, float) - y0) / dy - 0.5
    inside = (cf >= -0.5) & (cf <= cols - 0.5) & (rf >= -0.5) & (rf <= rows - 0.5)
    cf = np.clip(cf, 0.0, cols - 1.0)
    rf = np.clip(rf, 0.0, rows - 1.0)
    c0 = np.minimum(np.floor(cf).astype(np.int64), max(cols - 2, 0))
    r0 = np.minimum(np.floor(rf).astype(np.int64), max(rows - 2, 0))
    c1 = np.minimum(c0 + 1, cols - 1)
    r1 = np.minimum(r0 + 1, rows - 1)
    tc = cf - c0
    tr = rf - r0
    z = (
        dem[r0, c0] * (1 - tr) * (1 - tc)
        + dem[r0, c1] * (1 - tr) * tc
        + dem[r1, c0] * tr * (1 - tc)
        + dem[r1, c1] * tr * tc
    )
    return np.where(inside, z, np.nan)


def _densify(vertices: np.ndarray, step: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Points every ``step`` m along a polyline (vertices kept): chainage, x, y."""
    seg = np.hypot(*np.diff(vertices, axis=0).T)
    cum = np.concatenate([[0.0], np.cumsum(seg)])
    n = max(int(np.ceil(cum[-1] / step)), 1)
    s = np.union1d(np.linspace(0.0, cum[-1], n + 1), cum)
    return s, np.interp(s, cum, vertices[:, 0]), np.interp(s, cum, vertices[:, 1])


def _crossing(s: np.ndarray, g: np.ndarray, start: int, level: float, step: int) -> tuple[float, str]:
    """Chainage where the ground first reaches ``level`` walking from sample ``start`` by ``step`` (±1);
    ("", chainage) or (error, nan)."""
    idx = np.arange(start, len(s)) if step > 0 else np.arange(start, -1, -1)
    gi = g[idx]
    bad = np.isnan(gi)
    hit = gi >= level
    first_hit = int(np.argmax(hit)) if hit.any() else len(idx)
    first_bad = int(np.argmax(bad)) if bad.any() else len(idx)
    if first_bad < first_hit:
        return nan, AXIS_OUTSIDE_DEM
    if first_hit == len(idx):
        return nan, ABUTMENT_NOT_REACHED
    if first_hit == 0:
        return float(s[idx[0]]), ""
    i_in, i_out = idx[first_hit - 1], idx[first_hit]
    t = (level - g[i_in]) / (g[i_out] - g[i_in])
    return float(s[i_in] + t * (s[i_out] - s[i_in])), ""


@dataclass
class _Section:
    s: np.ndarray
    x: np.ndarray
    y: np.ndarray
    g: np.ndarray
    bed_index: int
    error: str = ""
    detail: str = ""


def _profile(grid: Grid, dem: np.ndarray, vertices: np.ndarray, step: float, centre: np.ndarray | None,
             snap_m: float, tol: float) -> _Section:  # fmt: skip
    s, x, y = _densify(vertices, step)
    g = _bilinear(grid, dem, x, y)
    if centre is None:  # drawn line: the lowest point on it
        if np.isnan(g).all():
            return _Section(s, x, y, g, 0, AXIS_OUTSIDE_DEM, "no DEM value on the dam line")
        bed = int(np.nanargmin(g))
    else:  # derived axis: the lowest within snap radius of the point, then down the profile
        sc = float(np.hypot(*(vertices[0] - centre)))
        near = np.abs(s - sc) <= max(snap_m, step)
        gn = np.where(near, g, np.nan)
        if np.isnan(gn).all():
            return _Section(s, x, y, g, 0, AXIS_OUTSIDE_DEM, "no DEM value at the dam point")
        bed = int(np.nanargmin(gn))
        while True:
            nb = [i for i in (bed - 1, bed + 1) if 0 <= i < len(g) and np.isfinite(g[i]) and g[i] < g[bed]]
            if not nb:
                break
            bed = min(nb, key=lambda i: g[i])
    # the ends of the DEM-covered run of samples around the bed (the axis may leave the DEM beyond the abutments)
    finite = np.isfinite(g)
    lo = int(np.flatnonzero(~finite[: bed + 1])[-1]) + 1 if not finite[: bed + 1].all() else 0
    hi = bed + int(np.argmax(~finite[bed:])) - 1 if not finite[bed:].all() else len(g) - 1
    ends = g[[lo, hi]]
    if not (g[bed] <= ends.min() - tol and lo < bed < hi):
        return _Section(s, x, y, g, bed, NOT_ACROSS_CHANNEL, f"lowest point not {tol:g} m below both ends")
    return _Section(s, x, y, g, bed)


def _abutments(sec: _Section, level: float) -> tuple[float, float, str, str]:
    left, e1 = _crossing(sec.s, sec.g, sec.bed_index, level, -1)
    right, e2 = _crossing(sec.s, sec.g, sec.bed_index, level, +1)
    if e1 or e2:
        return nan, nan, e1 or e2, "left" if e1 else "right"
    return left, right, "", ""


def _crest_length(sec: _Section, level: float) -> float:
    left, right, err, _ = _abutments(sec, level)
    return right - left if not err else math.inf


def _body_volume(sec: _Section, left: float, right: float, crest: float, b: float, m1: float, m2: float):
    """∫ A(h(s)) ds between the abutments by the trapezoidal (average end-area) rule."""
    inner = (sec.s > left) & (sec.s < right)
    s = np.concatenate([[left], sec.s[inner], [right]])
    h = np.concatenate([[0.0], np.maximum(crest - sec.g[inner], 0.0), [0.0]])
    area = section_area_m2(h, b, m1, m2)
    return float(np.sum(0.5 * (area[1:] + area[:-1]) * np.diff(s)))


def _bottom_length(sec: _Section, bed: float, tol: float) -> float:
    left, _ = _crossing(sec.s, sec.g, sec.bed_index, bed + tol, -1)
    right, _ = _crossing(sec.s, sec.g, sec.bed_index, bed + tol, +1)
    return right - left if np.isfinite(left) and np.isfinite(right) else nan


# ------------------------------------------------------------------------------------------------
# point sites: the derived axis


def _flow_vector(grid: Grid, dem: np.ndarray, x: float, y: float, snap_m: float, steps: int) -> np.ndarray | None:
    """Downstream channel direction (unit vector, map axes) at a point, or None (flat / nodata)."""
    rows, cols = dem.shape
    rr, cc = grid.rowcol(np.array([x]), np.array([y]))
    r, c = int(rr[0]), int(cc[0])
    if not (0 <= r < rows and 0 <= c < cols):
        return None
    k = max(int(np.ceil(snap_m / grid.cell_size_m)), 0)
    r0, r1, c0, c1 = max(r - k, 0), min(r + k + 1, rows), max(c - k, 0), min(c + k + 1, cols)
    win = dem[r0:r1, c0:c1]
    if np.isnan(win).all():
        return None
    rr, cc = np.unravel_index(int(np.nanargmin(win)), win.shape)
    r, c = r0 + int(rr), c0 + int(cc)
    start = (r, c)
    visited = {start}
    for _ in range(steps):  # D8 steepest descent (least rise in a pit), never back to a visited cell
        best, best_slope = None, -math.inf
        for dr, dc in D8_OFFSETS:
            rn, cn = r + dr, c + dc
            if not (0 <= rn < rows and 0 <= cn < cols) or (rn, cn) in visited or np.isnan(dem[rn, cn]):
                continue
            slope = (dem[r, c] - dem[rn, cn]) / math.hypot(dr * grid.dy_m, dc * grid.dx_m)
            if slope > best_slope:
                best, best_slope = (rn, cn), slope
        if best is None:
            break
        r, c = best
        visited.add(best)
    if (r, c) == start:
        return None
    xs, ys = grid.xy(np.array([start[0], r]), np.array([start[1], c]))
    v = np.array([xs[1] - xs[0], ys[1] - ys[0]])
    return v / np.hypot(*v)


def _derived_axis(grid, dem, point, flow, half, step, snap, tol, height, search_deg) -> np.ndarray:
    """The axis through ``point``: perpendicular to ``flow``, turned within ±search to the shortest crest."""
    base = math.atan2(flow[1], flow[0]) + math.pi / 2

    def axis(angle: float) -> np.ndarray:
        d = np.array([math.cos(angle), math.sin(angle)])
        return np.array([point - half * d, point + half * d])

    def length(delta_deg: float) -> float:
        sec = _profile(grid, dem, axis(base + math.radians(delta_deg)), step, point, snap, tol)
        return math.inf if sec.error else _crest_length(sec, sec.g[sec.bed_index] + height)

    if search_deg > 0:
        coarse = np.arange(-search_deg, search_deg + 1e-9, max(search_deg / 6.0, 1.0))
        lengths = [length(d) for d in coarse]
        if np.isfinite(lengths).any():
            best = float(coarse[int(np.argmin(np.where(np.isfinite(lengths), lengths, np.inf)))])
            fine = [d for d in np.arange(best - 4.0, best + 4.0 + 1e-9, 1.0) if abs(d) <= search_deg]
            fl = [length(d) for d in fine]
            # ties: the smallest turn
            order = sorted(range(len(fine)), key=lambda i: (round(fl[i], 6), abs(fine[i])))
            return axis(base + math.radians(fine[order[0]]))
    return axis(base)


# ------------------------------------------------------------------------------------------------
# the impoundment


@numba.njit(cache=True)
def _priority_flood(z, sd, sr0, sc0, seeds, e_max):  # pragma: no cover - compiled
    """Spill elevation of every cell reachable from ``seeds`` below ``e_max`` (inf elsewhere), 4-connected,
    never stepping between two cells of opposite sign of ``sd`` (NaN = away from the axis; ``sd`` covers the
    rows / columns from ``sr0`` / ``sc0`` on). Also returns
    the lowest spill elevation of a reached cell on the window edge or next to nodata (inf if none)."""
    rows, cols = z.shape
    n = rows * cols
    cost = np.full(n, np.inf)
    cap = max(16, 4 * len(seeds) + 16)
    hk = np.empty(cap)
    hv = np.empty(cap, dtype=np.int64)
    size = 0
    for i in seeds:
        zi = z[i // cols, i % cols]
        if zi < e_max and zi < cost[i]:
            cost[i] = zi
            # push
            if size == cap:
                cap *= 2
                hk2 = np.empty(cap)
                hv2 = np.empty(cap, dtype=np.int64)
                hk2[:size] = hk[:size]
                hv2[:size] = hv[:size]
                hk, hv = hk2, hv2
            j = size
            size += 1
            while j > 0 and hk[(j - 1) // 2] > zi:
                hk[j] = hk[(j - 1) // 2]
                hv[j] = hv[(j - 1) // 2]
                j = (j - 1) // 2
            hk[j] = zi
            hv[j] = i
    leak = np.inf
    dr = (-1, 1, 0, 0)
    dc = (0, 0, -1, 1)
    while size > 0:
        key = hk[0]
        idx = hv[0]
        size -= 1
        lk = hk[size]
        lv = hv[size]
        j = 0
        while True:
            ch = 2 * j + 1
            if ch >= size:
                break
            if ch + 1 < size and hk[ch + 1] < hk[ch]:
                ch += 1
            if hk[ch] >= lk:
                break
            hk[j] = hk[ch]
            hv[j] = hv[ch]
            j = ch
        if size > 0:
            hk[j] = lk
            hv[j] = lv
        if key > cost[idx]:
            continue
        r = idx // cols
        c = idx % cols
        edge = r == 0 or c == 0 or r == rows - 1 or c == cols - 1
        for k in range(4):
            rn = r + dr[k]
            cn = c + dc[k]
            if rn < 0 or cn < 0 or rn >= rows or cn >= cols:
                continue
            zn = z[rn, cn]
            if np.isnan(zn):
                edge = True
                continue
            if zn >= e_max:
                continue
            a = np.nan
            b = np.nan
            if 0 <= r - sr0 < sd.shape[0] and 0 <= c - sc0 < sd.shape[1]:
                a = sd[r - sr0, c - sc0]
            if 0 <= rn - sr0 < sd.shape[0] and 0 <= cn - sc0 < sd.shape[1]:
                b = sd[rn - sr0, cn - sc0]
            if not np.isnan(a) and not np.isnan(b) and (a >= 0) != (b >= 0):
                continue
            cn_cost = max(zn, key)
            ni = rn * cols + cn
            if cn_cost < cost[ni]:
                cost[ni] = cn_cost
                if size == cap:
                    cap *= 2
                    hk2 = np.empty(cap)
                    hv2 = np.empty(cap, dtype=np.int64)
                    hk2[:size] = hk[:size]
                    hv2[:size] = hv[:size]
                    hk, hv = hk2, hv2
                j = size
                size += 1
                while j > 0 and hk[(j - 1) // 2] > cn_cost:
                    hk[j] = hk[(j - 1) // 2]
                    hv[j] = hv[(j - 1) // 2]
                    j = (j - 1) // 2
                hk[j] = cn_cost
                hv[j] = ni
        if edge and key < leak:
            leak = key
    return cost.reshape(rows, cols), leak


@dataclass
class _Reservoir:
    cost: np.ndarray  # spill elevations of the inundated cells, ascending
    z_cum: np.ndarray  # prefix sums of their ground elevations (same order), with a leading 0
    cell_area: float
    leak: float  # water at or above this elevation leaves the DEM / window

    def count(self, e):
        return np.searchsorted(self.cost, np.asarray(e, float), side="left")

    def area(self, e):
        return self.count(e) * self.cell_area

    def storage(self, e):
        e = np.asarray(e, float)
        k = self.count(e)
        return (k * e - self.z_cum[k]) * self.cell_area

    def level_of(self, volume: float, lo: float, hi: float) -> float:
        """Water level holding ``volume`` (bisection on the exact, increasing storage function)."""
        if volume <= 0:
            return lo
        for _ in range(60):
            mid = 0.5 * (lo + hi)
            if self.storage(mid) < volume:
                lo = mid
            else:
                hi = mid
        return 0.5 * (lo + hi)


def _reservoir(grid, dem, vertices, sec, up_sign, left, right, e_top, params) -> _Reservoir:
    rows, cols = dem.shape
    cell = grid.cell_size_m
    reach = params["max_reservoir_length_m"] + float(np.ptp(vertices, axis=0).max()) / 2 + 2 * cell
    bx, by = sec.x[sec.bed_index], sec.y[sec.bed_index]
    (ra, rb), (ca, cb) = grid.rowcol(np.array([bx + reach, bx - reach]), np.array([by + reach, by - reach]))
    r0, r1 = max(min(ra, rb), 0), min(max(ra, rb) + 1, rows)
    c0, c1 = max(min(ca, cb), 0), min(max(ca, cb) + 1, cols)
    z = dem[r0:r1, c0:c1]
    # signed distance to the axis for the cells near it (a block around the axis; NaN away from it)
    vr, vc = grid.rowcol(vertices[:, 0], vertices[:, 1])
    pad = 3
    ar0, ar1 = max(int(vr.min()) - pad - r0, 0), min(int(vr.max()) + pad + 1 - r0, z.shape[0])
    ac0, ac1 = max(int(vc.min()) - pad - c0, 0), min(int(vc.max()) + pad + 1 - c0, z.shape[1])
    seeds = np.empty(0, dtype=np.int64)
    sd = np.full((max(ar1 - ar0, 0), max(ac1 - ac0, 0)), np.nan)
    if ar1 > ar0 and ac1 > ac0:
        rr, cc = np.mgrid[ar0:ar1, ac0:ac1]
        qx, qy = grid.xy(rr + r0, cc + c0)
        p0, p1 = vertices[:-1], vertices[1:]
        d = p1 - p0
        seg_len = np.hypot(d[:, 0], d[:, 1])
        cum = np.concatenate([[0.0], np.cumsum(seg_len)])
        ox = qx[..., None] - p0[:, 0]
        oy = qy[..., None] - p0[:, 1]
        t = np.clip((ox * d[:, 0] + oy * d[:, 1]) / np.maximum(seg_len**2, 1e-12), 0.0, 1.0)
        dist = np.hypot(ox - t * d[:, 0], oy - t * d[:, 1])
        near = np.argmin(dist, axis=-1)
        pick = np.take_along_axis
        dmin = pick(dist, near[..., None], -1)[..., 0]
        cross = pick(d[:, 0] * oy - d[:, 1] * ox, near[..., None], -1)[..., 0]
        chain = cum[near] + pick(t, near[..., None], -1)[..., 0] * seg_len[near]
        strip = dmin <= 1.5 * cell
        side = np.where(cross >= 0, 1.0, -1.0)
        sd = np.where(strip, side * np.maximum(dmin, 1e-9), np.nan)
        seed = strip & (side == up_sign) & (chain >= left - cell) & (chain <= right + cell)
        seed &= np.isfinite(z[ar0:ar1, ac0:ac1]) & (z[ar0:ar1, ac0:ac1] < e_top)
        sr, scol = np.nonzero(seed)
        seeds = ((sr + ar0) * z.shape[1] + (scol + ac0)).astype(np.int64)
    cost, leak = _priority_flood(z, sd, ar0, ac0, seeds, float(e_top))
    wet = np.isfinite(cost)
    order = np.argsort(cost[wet], kind="stable")
    c_sorted = cost[wet][order]
    z_sorted = z[wet][order]
    return _Reservoir(c_sorted, np.concatenate([[0.0], np.cumsum(z_sorted)]), grid.cell_area_m2, float(leak))


def _upstream_sign(grid, dem, sec: _Section, vertices: np.ndarray) -> float:
    """+1 when the upstream side is left of the axis direction at the bed (higher ground there), −1 else,
    0 when undecided."""
    i = min(max(sec.bed_index, 1), len(sec.s) - 1)
    a = np.array([sec.x[i] - sec.x[i - 1], sec.y[i] - sec.y[i - 1]])
    a /= max(np.hypot(*a), 1e-12)
    n = np.array([-a[1], a[0]])
    d = grid.cell_size_m * np.array([1.0, 2.0, 3.0])
    bx, by = sec.x[sec.bed_index], sec.y[sec.bed_index]
    plus = _bilinear(grid, dem, bx + n[0] * d, by + n[1] * d)
    minus = _bilinear(grid, dem, bx - n[0] * d, by - n[1] * d)
    diff = np.nanmean(plus) - np.nanmean(minus) if np.isfinite(plus).any() and np.isfinite(minus).any() else 0.0
    return 0.0 if not np.isfinite(diff) or abs(diff) < 1e-9 else float(np.sign(diff))


# ------------------------------------------------------------------------------------------------
# the kernel


def _error_row(site: DamSite, error: str, detail: str, **known) -> dict:
    row = {col: nan for col in TABLE_COLUMNS}
    row.update(work_id=site.work_id, measure_code=site.measure_code, dam_class="", basis="", warning="",
               height_source="", dam_class_label="", error=error, error_detail=detail)  # fmt: skip
    row.update(known)
    return row


def dam_quantities(grid: Grid, dem: np.ndarray, sites: Sequence[DamSite], params: Mapping[str, float]) -> DamResult:
    """Cross-section, body volume, stage–area–storage curve and capacities of every dam site (see the
    module docstring for every formula). ``dem`` holds the elevations on ``grid``'s georeference; ``params``
    is :func:`parse_dam_params`'s dict. Per-site problems set ``error`` (a key of :data:`ERROR_KEYS`) and
    leave the quantities NaN."""
    dem = np.asarray(dem, dtype=np.float64)
    if dem.shape != tuple(grid.shape):
        raise ValueError(f"dem shape {dem.shape} differs from the grid's {grid.shape}")
    rows, curves = [], []
    for site in sites:
        row, curve = _one_site(grid, dem, site, params)
        rows.append(row)
        if curve is not None:
            curves.append(curve)
    table = pd.DataFrame(rows, columns=list(TABLE_COLUMNS))
    curve_frame = (pd.concat(curves, ignore_index=True) if curves else pd.DataFrame({c: [] for c in CURVE_COLUMNS}))[
        list(CURVE_COLUMNS)
    ]
    return DamResult(table=table, curves=curve_frame)


def _one_site(grid: Grid, dem: np.ndarray, site: DamSite, params: Mapping[str, float]):
    code, mat = site.measure_code, site.material
    if code not in DAM_CODES:
        return _error_row(site, UNKNOWN_DAM_TYPE, f"measure code {code!r} is not a dam work"), None

    def pick(value: float, key: str) -> float:
        return float(value) if np.isfinite(value) else _type_value(params, key, code, mat)

    b = pick(site.crest_width_m, "crest_width_m")
    m1 = pick(site.upstream_slope_m, "upstream_slope_m")
    m2 = pick(site.downstream_slope_m, "downstream_slope_m")
    freeboard = _type_value(params, "freeboard_m", code, mat)
    from_capacity = not np.isfinite(site.dam_height_m) and np.isfinite(site.required_storage_m3)
    if np.isfinite(site.dam_height_m):
        height, source = float(site.dam_height_m), "site"
    else:
        height, source = _type_value(params, "dam_height_m", code, mat), "params"
    if from_capacity:
        source = "capacity"
    dims = dict(crest_width_m=b, upstream_slope_m=m1, downstream_slope_m=m2, freeboard_m=freeboard)
    if not (height > 0 and b > 0 and m1 >= 0 and m2 >= 0 and freeboard >= 0) or (
        from_capacity and site.required_storage_m3 <= 0
    ):
        return _error_row(site, INVALID_DIMENSIONS, f"H {height:g} m, b {b:g} m, m1 {m1:g}, m2 {m2:g}", **dims), None
    if not from_capacity and freeboard >= height:
        return _error_row(site, INVALID_DIMENSIONS, f"freeboard {freeboard:g} m ≥ H {height:g} m", **dims), None

    step = params["sample_step_cells"] * min(grid.dx_m, grid.dy_m)
    snap, tol = params["snap_radius_m"], params["channel_tolerance_m"]
    xy = np.asarray(site.axis_xy, dtype=np.float64).reshape(-1, 2)
    if len(xy) == 0 or not np.isfinite(xy).all():
        return _error_row(site, AXIS_OUTSIDE_DEM, "no valid coordinates", **dims), None
    point = None
    if len(xy) == 1:
        point = xy[0]
        flow = _flow_vector(grid, dem, point[0], point[1], snap, int(params["direction_cells"]))
        if flow is None:
            return _error_row(site, NO_FLOW_DIRECTION, "flat or nodata DEM at the dam point", **dims), None
        vertices = _derived_axis(grid, dem, point, flow, params["axis_half_length_m"], step, snap, tol, height,
                                 params["axis_search_deg"])  # fmt: skip
    else:
        vertices = xy
    sec = _profile(grid, dem, vertices, step, point, snap, tol)
    if sec.error:
        return _error_row(site, sec.error, sec.detail, **dims), None
    bed = float(sec.g[sec.bed_index])
    up = _upstream_sign(grid, dem, sec, vertices)
    if up == 0:
        return _error_row(site, NO_FLOW_DIRECTION, "ground equally high on both sides of the axis", **dims), None

    e_top = bed + (params["max_dam_height_m"] if from_capacity else height)
    left, right, err, side = _abutments(sec, e_top)
    if from_capacity and err:  # the solved crest may be lower: seed along the whole axis for now
        left, right, err = sec.s[0], sec.s[-1], ""
    if err:
        return _error_row(site, err, f"{side} side, crest {e_top:.2f} m", bed_elev_m=bed, **dims), None
    res = _reservoir(grid, dem, vertices, sec, up, left, right, e_top, params)
    if from_capacity:
        hi = min(e_top, res.leak) - freeboard
        if hi <= bed or res.storage(hi) < site.required_storage_m3:
            return _error_row(site, CAPACITY_NOT_REACHED, f"{site.required_storage_m3:g} m³ not held below "
                              f"{hi - bed + freeboard:.2f} m", bed_elev_m=bed, **dims), None  # fmt: skip
        height = res.level_of(site.required_storage_m3, bed, hi) - bed + freeboard
        left, right, err, side = _abutments(sec, bed + height)
        if err:
            return _error_row(site, err, f"{side} side, crest {bed + height:.2f} m", bed_elev_m=bed, **dims), None
    crest = bed + height
    if res.leak <= crest:
        detail = f"water leaves the DEM or the {params['max_reservoir_length_m']:g} m window at {res.leak:.2f} m"
        return _error_row(site, RESERVOIR_NOT_CLOSED, detail, bed_elev_m=bed, **dims), None

    length = right - left
    bottom = _bottom_length(sec, bed, params["bed_tolerance_m"])
    volume = _body_volume(sec, left, right, crest, b, m1, m2)
    level = crest - freeboard
    total = float(res.storage(level))
    step_m = params["stage_step_m"]
    stages = np.arange(int(np.floor(height / step_m + 1e-9)) + 1) * step_m
    if stages[-1] < height - 1e-9:
        stages = np.append(stages, height)
    curve = pd.DataFrame(
        {
            "work_id": site.work_id,
            "stage_m": stages,
            "elevation_m": bed + stages,
            "area_m2": res.area(bed + stages).astype(float),
            "storage_m3": res.storage(bed + stages),
        }
    )

    dam_class, label = "", ""
    if code == "warping_dam":
        dam_class = warping_class(total, params)
        label = WARPING_CLASS_LABELS.get(dam_class, "")
    years = site.silting_years
    if not np.isfinite(years):
        key = f"silting_years_{code}_{dam_class}" if code == "warping_dam" else f"silting_years_{code}"
        years = float(params.get(key, params.get(f"silting_years_{code}", nan)))
    density, eta = params["sediment_bulk_density_t_m3"], params["sediment_release_ratio"]
    warning, silt, silt_elev, annual = "", nan, nan, nan
    if np.isfinite(years) and np.isfinite(site.catchment_km2) and np.isfinite(site.erosion_modulus_t_km2_a):
        annual = silt_storage_m3(1.0, site.catchment_km2, site.erosion_modulus_t_km2_a, eta, density)
        silt = min(years * annual, total)
        silt_elev = res.level_of(silt, bed, level)
    else:
        warning = SILT_INPUTS_MISSING
    flood = total - silt

    a1 = np.interp([left, right], sec.s, sec.x)
    a2 = np.interp([left, right], sec.s, sec.y)
    n = np.array([-(a2[1] - a2[0]), a1[1] - a1[0]]) * up  # toward upstream
    azimuth = (math.degrees(math.atan2(-n[0], -n[1])) + 360.0) % 360.0  # downstream, clockwise from north
    basis = (
        f"bed {bed:.2f} m + H {height:.2f} m ({source}) = crest {crest:.2f} m; crest length {length:.1f} m, "
        f"bottom {bottom:.1f} m (ground ≤ bed + {params['bed_tolerance_m']:g} m); body V = Σ A(h)·Δs, "
        f"A(h) = b·h + (m1+m2)/2·h², b {b:g} m, m1 {m1:g}, m2 {m2:g} → {volume:.1f} m³; "
        f"total capacity = storage at crest − freeboard {freeboard:g} m ({level:.2f} m) = {total:.0f} m³ "
        f"(DEM cells {grid.dx_m:g}×{grid.dy_m:g} m)"
    )
    if np.isfinite(silt):
        basis += (
            f"; silt = T·F·M·(1−η)/γ = {years:g} a × {site.catchment_km2:g} km² × "
            f"{site.erosion_modulus_t_km2_a:g} t/(km²·a) × (1 − {eta:g}) / {density:g} t/m³ = "
            f"{years * annual:.0f} m³{' capped at the total' if years * annual > total else ''} "
            f"(level {silt_elev:.2f} m); flood = total − silt = {flood:.0f} m³"
        )
    else:
        basis += "; silt and flood capacity not computed (catchment, erosion modulus or silting years missing)"
    if dam_class:
        basis += f"; class {dam_class} by total capacity {total / 1e4:.2f} 万m³ (SL/T 804-2020; height not used)"
    row = _error_row(site, "", "", **dims)
    row.update(crest_elev_m=crest, bed_elev_m=bed, dam_height_m=height, crest_length_m=length,
               bottom_length_m=bottom, body_volume_m3=volume, total_storage_m3=total, silt_storage_m3=silt,
               flood_storage_m3=flood, dam_class=dam_class, dam_class_label=label, basis=basis, warning=warning,
               height_source=source, water_level_m=level, water_area_m2=float(res.area(level)),
               silt_elev_m=silt_elev, silting_years=years, annual_sediment_m3=annual, flow_azimuth_deg=azimuth,
               axis_x0=a1[0], axis_y0=a2[0], axis_x1=a1[1], axis_y1=a2[1])  # fmt: skip
    return row, curve
