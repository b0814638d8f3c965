"""Chinese Soil Loss Equation (CSLE) factors on a grid: A = R·K·L·S·B·E·T.

Liu Baoyuan, Zhang Keli, Xie Yun (2002) An empirical soil loss equation, Proc. 12th ISCO,
Beijing (domain reference §3). Units: R in MJ·mm/(hm²·h·a), K in t·hm²·h/(hm²·MJ·mm), A in
t/(hm²·a) (×100 → t/(km²·a)); L, S, B, E, T dimensionless.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit, prange

from sbplanner_plugin.core.jit import parallel_kernel


# --------------------------------------------------------------------------------------------
# L and S: one scalar formula each (numba), used cell by cell by the production kernel
# :func:`ls_factor` (``_ls_cells``) and, element-wise, by the array functions below — one truth.
@njit(cache=True)
def s_factor_cell(slope_deg: float) -> float:
    """CSLE slope steepness factor S of one slope angle θ (degrees); NaN for NaN.

    S = 10.8·sinθ + 0.03 (θ < 5°) and 16.8·sinθ − 0.50 (5° ≤ θ < 10°) after McCool et al. (1987,
    Trans. ASAE 30(5)); S = 21.91·sinθ − 0.96 (θ ≥ 10°) after Liu, Nearing & Risse (1994, Trans.
    ASAE 37(6)) for steep slopes — the three-piece S of CSLE (Liu Baoyuan et al. 2002, Proc. 12th
    ISCO; domain reference §3.5 [CONFIRMED]).
    """
    s = np.sin(np.radians(slope_deg))
    if slope_deg < 5.0:
        return 10.8 * s + 0.03
    if slope_deg < 10.0:
        return 16.8 * s - 0.50
    return 21.91 * s - 0.96


@njit(cache=True)
def m_exponent_cell(slope_deg: float) -> float:
    """CSLE slope-length exponent m of one slope angle θ (degrees).

    m = 0.2 (θ ≤ 1°), 0.3 (1° < θ < 3°), 0.4 (3° ≤ θ < 5°), 0.5 (θ ≥ 5°, and for NaN): the
    LS_TOOL table (Van Remortel et al. 2004) of the USLE exponent of Wischmeier & Smith (1978, USDA
    Agriculture Handbook 537); domain reference §3.4 [CONFIRMED].
    """
    if slope_deg <= 1.0:
        return 0.2
    if slope_deg < 3.0:
        return 0.3
    if slope_deg < 5.0:
        return 0.4
    return 0.5


@njit(cache=True)
def l_factor_cell(slope_length_m: float, slope_deg: float) -> float:
    """CSLE slope length factor L = (λ / 22.13)^m of one cell, λ the horizontal slope length (m),
    m from :func:`m_exponent_cell` (Wischmeier & Smith 1978; Liu Baoyuan et al. 2002; domain reference §3.4);
    negative λ counts as 0, NaN λ gives NaN."""
    return (max(slope_length_m, 0.0) / 22.13) ** m_exponent_cell(slope_deg)


@njit(cache=True)
def _s_cells(slope_deg: np.ndarray) -> np.ndarray:
    out = np.empty(slope_deg.size)
    for i in range(slope_deg.size):
        out[i] = s_factor_cell(slope_deg[i])
    return out


@njit(cache=True)
def _m_cells(slope_deg: np.ndarray) -> np.ndarray:
    out = np.empty(slope_deg.size)
    for i in range(slope_deg.size):
        out[i] = m_exponent_cell(slope_deg[i])
    return out


@njit(cache=True)
def _l_cells(lam: np.ndarray, slope_deg: np.ndarray) -> np.ndarray:
    out = np.empty(lam.size)
    for i in range(lam.size):
        out[i] = l_factor_cell(lam[i], slope_deg[i])
    return out


def _flat(values, shape: tuple[int, ...] | None = None) -> tuple[np.ndarray, tuple[int, ...]]:
    """A float64 copy of ``values`` (broadcast to ``shape`` if given) as a flat array, and its shape."""
    a = np.asarray(values, dtype=np.float64)
    a = np.broadcast_to(a, shape) if shape is not None else a
    return a.astype(np.float64, copy=True).ravel(), a.shape


def s_factor(slope_deg: np.ndarray) -> np.ndarray:
    """CSLE slope steepness factor S per element: :func:`s_factor_cell` (McCool et al. 1987; Liu,
    Nearing & Risse 1994; domain reference §3.5), the formula production runs in :func:`ls_factor`."""
    flat, shape = _flat(slope_deg)
    return _s_cells(flat).reshape(shape)


def m_exponent(slope_deg: np.ndarray) -> np.ndarray:
    """CSLE slope-length exponent m per element: :func:`m_exponent_cell` (domain reference §3.4)."""
    flat, shape = _flat(slope_deg)
    return _m_cells(flat).reshape(shape)


def l_factor(slope_length_m: np.ndarray, slope_deg: np.ndarray) -> np.ndarray:
    """CSLE slope length factor L = (λ / 22.13)^m per element: :func:`l_factor_cell` (Wischmeier &
    Smith 1978; domain reference §3.4), the formula production runs in :func:`ls_factor`."""
    shape = np.broadcast_shapes(np.shape(slope_length_m), np.shape(slope_deg))
    lam, _ = _flat(slope_length_m, shape)
    deg, _ = _flat(slope_deg, shape)
    return _l_cells(lam, deg).reshape(shape)


#: LS_TOOL's default cutoff ratios (Van Remortel et al. 2001/2004; domain reference §3.4):
#: the flow path is cut where the downslope angle drops below this fraction of the upslope
#: angle — 0.7 on slopes under 5 % (2.8624°), 0.5 on slopes of 5 % or more.
CUTOFF_GENTLE = 0.7
CUTOFF_STEEP = 0.5
GENTLE_SLOPE_DEG = 2.8624


@njit(cache=True)
def _slope_length(seq, idxs_ds, step_m, slope_deg, channel, cut_gentle, cut_steep, gentle_deg):
    """Cumulative horizontal slope length λ (m) down D8 flow paths, with LS_TOOL cutoffs.

    ``seq`` is ordered from outlets upstream; it is walked backwards (ridges first). λ at a
    cell is the distance from the top of its flow path to the cell centre: half the cell's
    own flow length where a path starts, else the longest uncut upstream λ plus the step
    between the cell centres. A path restarts at a channel cell and where the slope angle
    falls below the cutoff fraction of the upslope angle.
    """
    n = idxs_ds.size
    lam = np.full(n, -1.0)
    for k in range(seq.size - 1, -1, -1):
        c = seq[k]
        step = np.float64(step_m[c])  # float32 or float64 input, always float64 arithmetic
        if lam[c] < 0.0:  # nothing upstream reached it: a path starts here
            own = step if step > 0 else 0.0
            lam[c] = 0.5 * own if own > 0 else 0.0
        d = idxs_ds[c]
        if d == c or d < 0:
            continue
        if channel[d] or channel[c]:
            continue  # hillslope flow ends at the channel: the channel cell starts afresh
        up = np.float64(slope_deg[c])
        down = np.float64(slope_deg[d])
        cutoff = cut_gentle if up < gentle_deg else cut_steep
        if up > 0.0 and down < cutoff * up:
            continue  # slope break: deposition starts, the path is cut
        cand = lam[c] + step
        if cand > lam[d]:
            lam[d] = cand
    return lam


def _float_flat(values) -> np.ndarray:
    """``values`` as a contiguous flat float32 or float64 array, copied only when it is neither (or strided)."""
    a = np.asarray(values)
    if a.dtype not in (np.float32, np.float64):
        a = a.astype(np.float64)
    return np.ascontiguousarray(a.ravel())


def slope_length_m(
    seq: np.ndarray, idxs_ds: np.ndarray, step_m: np.ndarray, slope_deg: np.ndarray, channel: np.ndarray | None = None
) -> np.ndarray:
    """Flat array of λ (m) for every cell in ``seq``; NaN elsewhere. See :func:`_slope_length`.

    ``step_m`` and ``slope_deg`` are read as they are (float32 or float64, no 25 M-cell float64 copies: the
    kernel widens each value to float64, the numbers a float64 copy would hold)."""
    chan = (
        np.zeros(idxs_ds.size, dtype=np.bool_)
        if channel is None
        else np.ascontiguousarray(np.ravel(channel), dtype=np.bool_)
    )
    lam = _slope_length(
        seq,
        idxs_ds,
        _float_flat(step_m),
        _float_flat(slope_deg),
        chan,
        CUTOFF_GENTLE,
        CUTOFF_STEEP,
        GENTLE_SLOPE_DEG,
    )
    lam[lam < 0] = np.nan
    return lam


def slr_forest(canopy: np.ndarray, cover: np.ndarray, c: dict[str, float]) -> np.ndarray:
    """Soil-loss ratio of forest / orchard: a·e^(b·GD) − c·e^(FVC − FVC·GD) + d.

    GD = canopy closure (郁闭度, 0–1), FVC = understorey cover (0–1); coefficients from
    ``slr_coefficients.csv`` (domain reference §3.6, [UNVERIFIED]). Clipped to [0, 1]. The per-parcel
    B of ``core.parcels.analyse``; the kernel of :func:`soil_loss_cells` evaluates the same formula
    per cell where a cover raster is given (tests/unit/test_csle.py proves them equal).
    """
    gd = np.clip(canopy, 0.0, 1.0)
    fvc = np.clip(cover, 0.0, 1.0)
    slr = c["forest_a"] * np.exp(c["forest_b"] * gd) - c["forest_c"] * np.exp(fvc - fvc * gd) + c["forest_d"]
    return np.clip(slr, 0.0, 1.0)


def slr_grass(cover: np.ndarray, c: dict[str, float]) -> np.ndarray:
    """Soil-loss ratio of shrub / grass land: 1 / (a + b·c^(100·FVC)) (domain reference §3.6, [UNVERIFIED]).

    Clipped to [0, 1]; per parcel as :func:`slr_forest`, per cell inside :func:`soil_loss_cells`."""
    fvc = np.clip(cover, 0.0, 1.0)
    return np.clip(1.0 / (c["grass_a"] + c["grass_b"] * np.power(c["grass_c"], 100.0 * fvc)), 0.0, 1.0)


def soil_loss_t_km2_a(
    r: np.ndarray, k: np.ndarray, ls: np.ndarray, b: np.ndarray, e: np.ndarray, t: np.ndarray
) -> np.ndarray:
    """A = R·K·LS·B·E·T in t/(km²·a) (Liu Baoyuan et al. 2002; domain reference §3.1, S11/S13): the
    equation gives t/(hm²·a), ×100. Production evaluates it per cell in :func:`soil_loss_cells`."""
    return 100.0 * r * k * ls * b * e * t


@dataclass(frozen=True)
class FractionReading:
    """Cover or canopy values read as fractions 0–1 (:func:`read_fraction`) and what the reading decided."""

    values: np.ndarray  # fractions 0–1 (NaN where not given)
    percent: bool  # the values are percentages (most of those above 0 are above 1)
    mixed: int  # values in the other form than most (read as explained in read_fraction): a warning
    impossible: int  # values below 0 or above 100: neither a fraction nor a percentage (an error)
    example: float  # one impossible value (NaN when none)


def read_fraction(values: np.ndarray) -> FractionReading:
    """Cover (植被覆盖度) or canopy closure (郁闭度) given as 0–1 or in percent, value by value.

    A value above 1 can only be a percentage: it is divided by 100. Values from 0 to 1 are fractions — unless
    most values above 0 are above 1 (a percentage column, where 0.5 means 0.5 %). Values in the minority form
    are counted in ``mixed`` (the caller warns): one 55 among fractions no longer turns every other value into
    a hundredth of itself. Values below 0 or above 100 (an undeclared nodata 255, −9999) are ``impossible``
    (NaN here; the caller stops).
    """
    v = np.asarray(values, dtype=np.float64)
    finite = np.isfinite(v)
    bad = (finite & ((v < 0.0) | (v > 100.0))) | np.isinf(v)
    ok = finite & ~bad
    big = ok & (v > 1.0)
    small = ok & (v > 0.0) & (v <= 1.0)
    n_big, n_small = int(big.sum()), int(small.sum())
    percent = n_big > 0 and n_big >= n_small
    out = np.where(ok, v, np.nan)
    out = out / 100.0 if percent else np.where(big, out / 100.0, out)
    example = float(v[bad].ravel()[0]) if bad.any() else float("nan")
    mixed = (n_small if percent else n_big) if n_big and n_small else 0
    return FractionReading(out, percent, mixed, int(bad.sum()), example)


def to_fraction(values: np.ndarray) -> np.ndarray:
    """Cover or canopy given as 0–1 or in percent as fractions (:func:`read_fraction`'s values)."""
    return read_fraction(values).values


@parallel_kernel
def _ls_cells(lam: np.ndarray, slope_deg: np.ndarray) -> np.ndarray:
    """L·S per cell: :func:`l_factor_cell` × :func:`s_factor_cell` (float32; NaN where λ or θ is NaN).

    Each value is widened to float64 first (float32 slopes are not copied); cells are independent, so the
    multi-threaded and the single-threaded versions give the same numbers."""
    out = np.empty(lam.size, dtype=np.float32)
    for i in prange(lam.size):
        lm = np.float64(lam[i])
        deg = np.float64(slope_deg[i])
        if np.isnan(lm) or np.isnan(deg):
            out[i] = np.nan
        else:
            out[i] = l_factor_cell(lm, deg) * s_factor_cell(deg)
    return out


def ls_factor(slope_length_m: np.ndarray, slope_deg: np.ndarray) -> np.ndarray:
    """L·S per cell in one pass — what ``analyse_parcels`` runs (``core.parcels.analyse``): the kernel
    ``_ls_cells`` evaluates :func:`l_factor_cell` × :func:`s_factor_cell`, the very functions behind
    :func:`l_factor` and :func:`s_factor` (float32, NaN where λ or θ is missing), on both cores."""
    return _ls_cells(_float_flat(slope_length_m), _float_flat(slope_deg))


@njit(cache=True)
def _a_cells(labels, ls, b_par, e_par, t_par, eroding, r, k, cover, gd_par, forest_par, grass_par, coef):
    n = labels.size
    out = np.full(n, np.nan, dtype=np.float32)
    b_out = np.full(n, np.nan, dtype=np.float32)
    r_one = r.size == 1
    k_one = k.size == 1
    has_cover = cover.size == n
    fa, fb, fc, fd, ga, gb, gc = coef[0], coef[1], coef[2], coef[3], coef[4], coef[5], coef[6]
    for i in range(n):
        p = labels[i]
        if p <= 0:
            continue
        b = b_par[p]
        if has_cover and not np.isnan(cover[i]):
            fvc = min(max(cover[i], 0.0), 1.0)
            if forest_par[p]:
                gd = min(max(gd_par[p], 0.0), 1.0)
                b = min(max(fa * np.exp(fb * gd) - fc * np.exp(fvc - fvc * gd) + fd, 0.0), 1.0)
            elif grass_par[p]:
                b = min(max(1.0 / (ga + gb * gc ** (100.0 * fvc)), 0.0), 1.0)
        if np.isnan(b):
            continue
        b_out[i] = b
        if not eroding[p]:
            out[i] = 0.0
            continue
        rv = r[0] if r_one else r[i]
        kv = k[0] if k_one else k[i]
        out[i] = 100.0 * rv * kv * ls[i] * b * e_par[p] * t_par[p]
    return out, b_out


def soil_loss_cells(labels, ls, b_par, e_par, t_par, eroding, r, k, cover, gd_par, forest_par, grass_par, coef):
    """A (t/(km²·a)) and B per cell in one pass, from per-parcel factors indexed by ``labels``.

    Same equation as :func:`soil_loss_t_km2_a` with B from :func:`slr_forest` / :func:`slr_grass`
    where a per-cell ``cover`` (0–1) is given for forest-/grass-type parcels; non-eroding
    parcels get A = 0; ``r`` and ``k`` are one value or one per cell.
    """
    return _a_cells(labels, ls, b_par, e_par, t_par, eroding, r, k, cover, gd_par, forest_par, grass_par, coef)
