"""Parcel analysis (图斑分析): slope composition, CSLE soil loss and erosion class per parcel.

CSLE is evaluated per DEM cell and aggregated to parcels by area (domain reference §3.9):
the parcel modulus is the mean of its cells' A, the eroded area counts its cells with
A ≥ the tolerance, and the class shares are shares of cells.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from numba import njit

from sbplanner_plugin.core import csle, zonal
from sbplanner_plugin.core.definitions import ErosionRegion, code_text, to_number
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, InvalidParameterError, Msg, SbPlannerError, msg
from sbplanner_plugin.core.factors import (
    CroplandT,
    FactorSource,
    check_allowed,
    check_plausibility,
    cropland_t,
    factor_range,
    t_source,
)
from sbplanner_plugin.core.grid import Grid, horn_slope_deg
from sbplanner_plugin.core.hydrology import FlowModel, stream_mask
from sbplanner_plugin.core.landuse import (
    V2007,
    VINTAGE_2007,
    VINTAGE_2017,
    VINTAGE_AUTO,
    LanduseResolution,
    LanduseTable,
    resolve_codes,
)
from sbplanner_plugin.core.overlaps import check_overlaps
from sbplanner_plugin.core.params import LanduseClass, ParamSet, SlopeSystem, custom_slope_system
from sbplanner_plugin.core.rasterize import label_counts

#: 1 hm² = 15 亩 (mu).
MU_PER_HA = 15.0

#: System ids in slope_systems.csv: SL/T 447 D.0.10, D.0.11 and 三调 GDPDJB.
D010_SYSTEM = 1
D011_SYSTEM = 2
GDPDJB_SYSTEM = 3

#: The ``SLOPE_SYSTEM`` choices of ``analyse_parcels`` / ``summarise_watersheds``: option index →
#: system id in slope_systems.csv (SL 190, SL/T 447 D.0.10, D.0.11, 三调 GDPDJB) …
SLOPE_SYSTEM_IDS = (0, 1, 2, 3)
#: … and the option after them: custom breaks (analyse) / the parcels' own classes (summarise).
CUSTOM_SLOPE_SYSTEM = len(SLOPE_SYSTEM_IDS)
#: The option both the algorithm and the dock start with: SL/T 447 D.0.10 land slope composition (the design
#: tables' slope classes).
DEFAULT_SLOPE_SYSTEM = SLOPE_SYSTEM_IDS.index(D010_SYSTEM)

#: Parcels with less of their area on DEM cells than this are reported as partly outside the DEM.
DEM_COVERAGE_MIN = 0.9


# --------------------------------------------------------------------------------------------
# errors about the parcel layer (translated by the Processing layer, context SbPlannerErrors); the
# error about a layer that is not analysed, NotAnalysedParcelsError, is core.errors'.


class NoLanduseFieldError(SbPlannerError):
    key = "no_landuse_field"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "The parcel layer has no land-use field (DLBM or similar); choose one in 'Land-use field'."
    )


class NoParcelsError(SbPlannerError):
    key = "no_parcels"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "The parcel layer holds no polygons with a geometry.")


class ParcelsOutsideDemError(SbPlannerError):
    """Every parcel lies wholly outside the DEM: no parcel has numbers (issue 13 — nothing is written)."""

    key = "parcels_outside_dem"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "All {count} parcels lie wholly outside the DEM: no parcel could be analysed. Check that the parcels and "
        "the DEM cover the same area (and their coordinate reference systems)."
    )  # fmt: skip


class NonFiniteResultError(SbPlannerError):
    """The soil loss of some cells overflowed (a factor too large for a float): nothing is written."""

    key = "non_finite_result"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The soil loss of {count} DEM cells is not a finite number (a factor far too large?); nothing was written."
    )  # fmt: skip


class MissingFactorError(SbPlannerError):
    key = "missing_factor"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "Give the {factor} factor as a number greater than 0 or as a raster."
    )


@dataclass
class ParcelInputs:
    """Per-parcel attributes (index 0 unused, parcels 1..n) and per-cell factor grids."""

    landuse: list[LanduseClass | None]  # resolved class per parcel (None = unmapped / missing)
    area_m2: np.ndarray  # planar parcel area
    cover: np.ndarray | None = None  # FVC 0–1 per parcel (NaN = use class default)
    canopy: np.ndarray | None = None  # GD 0–1 per parcel
    k: np.ndarray | None = None  # K per parcel (NaN = use the K grid / number)
    terraced: np.ndarray | None = None  # bool per parcel: 三调 GDLX = TT
    gdpdjb: np.ndarray | None = None  # official GDPDJB (1..5, 0 = none) per parcel


@dataclass
class ParcelResult:
    table: pd.DataFrame  # one row per parcel (index 1..n)
    soil_loss: np.ndarray  # 2-D t/(km²·a), NaN outside parcels / non-eroding
    slope_labels: tuple[str, ...]


def classify_slope(slope_deg: np.ndarray, system: SlopeSystem) -> np.ndarray:
    """Class index 0..k-1 per value, honouring the system's boundary convention; -1 for NaN."""
    values = np.asarray(slope_deg, dtype=np.float64)
    side = "left" if system.upper_closed else "right"
    out = np.searchsorted(np.asarray(system.breaks), values, side=side).astype(np.int64)
    out[np.isnan(values)] = -1
    return out


def erosion_class(modulus: np.ndarray, params: ParamSet, tolerance: float) -> np.ndarray:
    """SL 190-2007 intensity class 0 (微度) … 5 (剧烈); lower-inclusive; -1 for NaN (§2.1)."""
    values = np.asarray(modulus, dtype=np.float64)
    out = np.searchsorted(np.asarray(params.erosion_breaks(tolerance)), values, side="right").astype(np.int64)
    out[~np.isfinite(values)] = -1  # no class without a finite modulus (never 剧烈 beside a NULL soil loss)
    return out


def _b_per_parcel(inputs: ParcelInputs, params: ParamSet, n: int) -> tuple[np.ndarray, np.ndarray]:
    """B factor and 'eroding' flag per parcel from its class, cover and canopy (§3.6), vectorised by class."""
    b = np.full(n + 1, np.nan)
    eroding = np.zeros(n + 1, dtype=bool)
    cls = np.array([None] + [lu.csle_class if lu is not None else None for lu in inputs.landuse[1:]], dtype=object)
    for name, rule in params.b_rules.items():
        idx = np.flatnonzero(cls == name)
        if idx.size == 0:
            continue
        eroding[idx] = rule["eroding"] == "yes"
        fvc = np.full(idx.size, rule["default_fvc"] if rule["default_fvc"] is not None else 0.0)
        gd = np.full(idx.size, rule["default_gd"] if rule["default_gd"] is not None else 0.0)
        if inputs.cover is not None:
            given = inputs.cover[idx]
            fvc = np.where(np.isnan(given), fvc, given)
        if inputs.canopy is not None:
            given = inputs.canopy[idx]
            gd = np.where(np.isnan(given), gd, given)
        if rule["method"] == "constant":
            b[idx] = rule["constant_b"]
        elif rule["method"] == "slr_forest":
            b[idx] = csle.slr_forest(gd, fvc, params.slr)
        else:
            b[idx] = csle.slr_grass(fvc, params.slr)
    return b, eroding


@njit(cache=True)
def _infinite_and_eroded(labels: np.ndarray, a: np.ndarray, tolerance, n: int) -> tuple[int, np.ndarray]:
    """One pass over the parcels' cells: how many have an infinite A, and per parcel 0..n its cells with
    A ≥ ``tolerance`` (the eroded area's cells; NaN never counts); ``tolerance`` of ``a``'s dtype."""
    infinite = 0
    eroded = np.zeros(n + 1, dtype=np.int64)
    for i in range(labels.size):
        lab = labels[i]
        if lab <= 0:
            continue
        v = a[i]
        if np.isinf(v):
            infinite += 1
        if v >= tolerance and lab <= n:
            eroded[lab] += 1
    return infinite, eroded


def flow_model(model: FlowModel | Future) -> FlowModel:
    """The conditioned DEM: ``model`` itself, or what a future of it gives (the adapters condition the DEM on
    a worker thread while the parcels are read: ``adapters.flow_cache.condition_dem_in_background``)."""
    return model.result() if isinstance(model, Future) else model


def analyse(
    grid: Grid,
    model: FlowModel | Future,
    labels: np.ndarray,
    inputs: ParcelInputs,
    params: ParamSet,
    slope_system: SlopeSystem,
    r_factor: float | np.ndarray,
    k_factor: float | np.ndarray,
    tolerance_t_km2_a: float,
    cover_grid: np.ndarray | None = None,
    channel_threshold_km2: float = 0.1,
    ws_labels: np.ndarray | None = None,
    ws_codes: dict[int, str] | None = None,
    cropland_t: float | None = None,
) -> ParcelResult:
    """Per-parcel slope, CSLE and erosion figures. ``labels``: parcel id per cell (0 = none).

    Cropland uses T with B = 1; other land B with T = 1; built-up land and water are
    non-eroding (A = 0, never eroded area). 三调 terraced cropland (GDLX = TT) carries the
    level-terrace E; all else E = 1 (current state, no measures yet). Cropland T is ``cropland_t``
    (``core.factors.cropland_t``: the 轮作制度 zone's T), else the default practice's T of t_factor.csv.
    """
    n = len(inputs.landuse) - 1
    flat_lab = labels.ravel()
    slope = horn_slope_deg(grid)  # float32; the kernels below widen each value to float64
    slope_flat = slope.ravel()
    # first what needs no flow model (the DEM may still be being conditioned on another thread)
    counts = label_counts(flat_lab, n)
    mean_slope = zonal.zonal_mean(labels, slope, n).mean
    elev = zonal.zonal_mean(labels, grid.values, n).mean
    # the chosen slope classes and the SL/T 447 D.0.10 / D.0.11 ones the design tables need, in one pass
    systems = [slope_system] + [
        s for s in (params.slope_systems[D010_SYSTEM], params.slope_systems[D011_SYSTEM]) if s != slope_system
    ]
    slope_shares = zonal.zonal_binned_shares_many(labels, slope, [(s.breaks, s.upper_closed) for s in systems], n)
    shares = slope_shares[0]
    cover_gd = parcel_cover(labels, inputs, params, cover_grid, n)
    pieces = unit_pieces(labels, ws_labels, ws_codes, n)
    # per-parcel factors; cells get theirs by parcel id inside one numba pass (no n-sized temporaries)
    b_par, eroding = _b_per_parcel(inputs, params, n)
    t_par = np.ones(n + 1)
    e_par = np.ones(n + 1)
    default_t = (
        cropland_t
        if cropland_t is not None
        else params.t_factor[params.defaults.get("default_tillage_practice", "none")]
    )
    tt_e = params.e_factor[params.defaults.get("tt_engineering_measure", "none")]
    for i in range(1, n + 1):
        lu = inputs.landuse[i]
        if lu is not None and lu.csle_class == "cropland":
            t_par[i] = default_t
            if inputs.terraced is not None and inputs.terraced[i]:
                e_par[i] = tt_e
    methods = {c: r["method"] for c, r in params.b_rules.items()}
    forest = np.array([lu is not None and methods[lu.csle_class] == "slr_forest" for lu in inputs.landuse])
    grass = np.array([lu is not None and methods[lu.csle_class] == "slr_grass" for lu in inputs.landuse])
    gd = np.array(
        [np.nan]
        + [
            (
                inputs.canopy[i]
                if inputs.canopy is not None and not np.isnan(inputs.canopy[i])
                else (params.b_rules[lu.csle_class]["default_gd"] or 0.0)
            )
            if lu is not None
            else np.nan
            for i, lu in enumerate(inputs.landuse[1:], start=1)
        ]
    )
    cover_cells = csle.to_fraction(cover_grid.ravel()) if cover_grid is not None else np.empty(0)
    k_cells = np.atleast_1d(np.asarray(k_factor, dtype=np.float64)).ravel()
    if inputs.k is not None and np.any(~np.isnan(inputs.k)):
        if k_cells.size == 1:
            k_cells = np.full(flat_lab.size, k_cells[0])
        use = (flat_lab > 0) & ~np.isnan(inputs.k)[flat_lab]
        k_cells[use] = inputs.k[flat_lab[use]]
    r_cells = np.atleast_1d(np.asarray(r_factor, dtype=np.float64)).ravel()
    coef = np.array(
        [params.slr[k] for k in ("forest_a", "forest_b", "forest_c", "forest_d", "grass_a", "grass_b", "grass_c")]
    )
    model = flow_model(model)
    # CSLE L·S per cell; λ restarts at channels and slope breaks
    channels = stream_mask(model, channel_threshold_km2)
    lam = csle.slope_length_m(model.seq, model.idxs_ds, model.step_m, slope_flat, channels)
    del channels
    ls = csle.ls_factor(lam, slope_flat)
    del lam
    a, b_cells = csle.soil_loss_cells(
        flat_lab, ls, b_par, e_par, t_par, eroding, r_cells, k_cells, cover_cells, gd, forest, grass, coef
    )
    # aggregation
    # A is float32: compared with the tolerance as a float32, as numpy's ``a >= tolerance`` does
    infinite, eroded_cells = _infinite_and_eroded(flat_lab, a, a.dtype.type(tolerance_t_km2_a), n)
    if infinite:  # finite factors cannot give this; never written as NULL beside a class
        raise NonFiniteResultError(count=infinite)
    ls_mean = zonal.zonal_mean(labels, ls.reshape(grid.shape), n).mean
    a_mean = zonal.zonal_mean(labels, a.reshape(grid.shape), n).mean
    b_mean = zonal.zonal_mean(labels, b_cells.reshape(grid.shape), n).mean
    del b_cells
    k_mean = (
        zonal.zonal_mean(labels, np.broadcast_to(k_cells, flat_lab.shape).reshape(grid.shape), n).mean
        if k_cells.size > 1
        else np.where(counts > 0, k_cells[0], np.nan)
    )
    cell_ha = grid.cell_area_m2 / 1e4
    gdp_system = params.slope_systems.get(GDPDJB_SYSTEM)
    rows = {
        "landuse_code": [None] + [lu.code if lu else None for lu in inputs.landuse[1:]],
        "landuse_name": [None] + [lu.name_zh if lu else None for lu in inputs.landuse[1:]],
        "landuse_group": [None] + [lu.group if lu else None for lu in inputs.landuse[1:]],
        "csle_class": [None] + [lu.csle_class if lu else None for lu in inputs.landuse[1:]],
        "area_ha": inputs.area_m2 / 1e4,
        "valid_cells": counts,
        "slope_mean_deg": mean_slope,
        "elev_mean_m": elev,
        "ls_factor": ls_mean,
        "k_factor": k_mean,
        "b_factor": b_mean,
        "e_factor": np.where(counts > 0, e_par, np.nan),
        "t_factor": np.where(counts > 0, t_par, np.nan),
        "soil_loss_t_km2_a": a_mean,
        "eroded_area_ha": np.where(counts > 0, eroded_cells * cell_ha, np.nan),
    }
    table = pd.DataFrame(rows).iloc[1:]
    table.index = np.arange(1, n + 1)
    table["area_mu"] = table["area_ha"] * MU_PER_HA
    sc = classify_slope(table["slope_mean_deg"].to_numpy(), slope_system)
    table["slope_class"] = [slope_system.labels[c] if c >= 0 else None for c in sc]
    for j in range(len(slope_system.labels)):
        table[f"slope_s{j + 1}_pct"] = shares[1:, j] * 100.0
    # the SL/T 447 design tables need D.0.10 and D.0.11 compositions whatever system was chosen
    for prefix, sid in (("d010", D010_SYSTEM), ("d011", D011_SYSTEM)):
        system = params.slope_systems[sid]
        sh = shares if system == slope_system else slope_shares[systems.index(system)]
        for j in range(len(system.labels)):
            table[f"{prefix}_s{j + 1}_pct"] = sh[1:, j] * 100.0
    # area of each erosion intensity class inside the parcel (cells), for D.0.5
    cls_share = zonal.zonal_binned_shares(labels, a, params.erosion_breaks(tolerance_t_km2_a), n)
    for j in range(len(params.erosion_names)):
        table[f"erosion_c{j}_ha"] = np.nan_to_num(cls_share[1:, j]) * counts[1:] * cell_ha
    ec = erosion_class(table["soil_loss_t_km2_a"].to_numpy(), params, tolerance_t_km2_a)
    table["erosion_class"] = [params.erosion_names[c][0] if c >= 0 else None for c in ec]
    table["erosion_class_en"] = [params.erosion_names[c][1] if c >= 0 else None for c in ec]
    if gdp_system is not None:
        g = classify_slope(table["slope_mean_deg"].to_numpy(), gdp_system) + 1
        is_crop = table["landuse_group"].to_numpy() == "01"  # 三调 grades every 耕地 parcel, paddies too
        table["gdpdjb_dem"] = np.where(is_crop & (g > 0), g, 0)
        if inputs.gdpdjb is not None:
            official = inputs.gdpdjb[1:]
            table["gdpdjb_flag"] = np.where(is_crop & (official > 0) & (g > 0), (official != g).astype(int), 0)
        else:
            table["gdpdjb_flag"] = 0
    table["cover_fvc"], table["canopy_gd"] = cover_gd
    table["ws_pieces"] = pieces
    if ws_labels is not None and ws_codes:
        nws = int(ws_labels.max())
        wsh = zonal.zonal_class_shares(labels, np.where(ws_labels > 0, ws_labels - 1, -1), n, max(nws, 1))
        best = np.nanargmax(np.nan_to_num(wsh[1:], nan=-1.0), axis=1)
        best_share = wsh[1:][np.arange(n), best]
        has = ~np.isnan(best_share) & (best_share > 0)
        table["ws_code"] = [ws_codes.get(int(b) + 1) if h else None for b, h in zip(best, has)]
        table["ws_share_pct"] = np.where(has, best_share * 100.0, np.nan)
    else:
        table["ws_code"] = None
        table["ws_share_pct"] = np.nan
    numeric_cols = [
        "slope_mean_deg",
        "elev_mean_m",
        "ls_factor",
        "k_factor",
        "b_factor",
        "e_factor",
        "t_factor",
        "soil_loss_t_km2_a",
        "eroded_area_ha",
    ]
    outside = table["valid_cells"].to_numpy() == 0
    numeric_cols += [c for c in table.columns if c.startswith(("slope_s", "d010_s", "d011_s", "erosion_c"))]
    table.loc[outside, numeric_cols] = np.nan  # no numbers, not zeros, for parcels off the DEM
    table.loc[outside, ["slope_class", "erosion_class", "erosion_class_en"]] = None
    return ParcelResult(table, a.reshape(grid.shape), slope_system.labels)


# --------------------------------------------------------------------------------------------
# per-unit pieces and the cover of each parcel (for the summaries)
#: ``ws_pieces`` code of the cells of a parcel outside every small watershed.
OUTSIDE_UNITS = "—"


def unit_pieces(
    labels: np.ndarray, ws_labels: np.ndarray | None, ws_codes: dict[int, str] | None, n: int
) -> list[str | None]:
    """Per parcel 1..n, its DEM cells per small watershed as ``"SW001=412;SW002=88"`` (most cells
    first; :data:`OUTSIDE_UNITS` for cells in no watershed), None for a parcel without cells.

    A parcel keeps its identity and is split at unit boundaries by these cell counts for the
    per-unit summaries (``core.summaries.split_pieces``), so the land of each unit adds up to the
    unit's area (issue 9 item 7). Without watersheds every parcel is one piece outside units.
    """
    flat = labels.ravel()
    ws_flat = ws_labels.ravel() if ws_labels is not None and ws_codes else None
    width = max(int(ws_flat.max()), 0) + 1 if ws_flat is not None and ws_flat.size else 1
    codes = ws_codes or {}
    if (n + 1) * width <= DENSE_PIECES_MAX:
        # one numba pass into a (parcel, unit) count table; its non-zero entries in row-major order are the
        # sorted keys np.unique gives below
        table = _piece_table(flat, ws_flat if ws_flat is not None else np.zeros(0, dtype=np.int32), n, width)
        parcel_of, unit_of = np.nonzero(table)
        count_of = table[parcel_of, unit_of]
    else:
        inside = flat > 0
        lab = flat[inside].astype(np.int64)
        ws = ws_flat[inside].astype(np.int64) if ws_flat is not None else np.zeros(lab.size, dtype=np.int64)
        ws = np.where(ws < 0, 0, ws)
        keys, count_of = np.unique(lab * width + ws, return_counts=True)
        parcel_of, unit_of = np.divmod(keys, width)
    names = [OUTSIDE_UNITS] + [codes.get(u, OUTSIDE_UNITS) for u in range(1, width)]
    out: list[str | None] = [None] * (n + 1)
    pieces = np.bincount(parcel_of, minlength=n + 1)
    single = pieces[parcel_of] == 1
    for parcel, unit, count in zip(
        parcel_of[single].tolist(), unit_of[single].tolist(), count_of[single].tolist()
    ):  # the usual case: one piece
        out[parcel] = f"{names[unit]}={count}"
    several: dict[int, list[tuple[int, str]]] = {}
    for parcel, unit, count in zip(parcel_of[~single].tolist(), unit_of[~single].tolist(), count_of[~single].tolist()):
        several.setdefault(parcel, []).append((count, names[unit]))
    for parcel, items in several.items():
        items.sort(key=lambda item: (-item[0], item[1]))
        out[parcel] = ";".join(f"{code}={count}" for count, code in items)
    return out[1:]


#: Largest (parcels + 1) × (units + 1) count table :func:`unit_pieces` builds (int64, 128 MB); above it
#: the cells are sorted instead.
DENSE_PIECES_MAX = 16_000_000


@njit(cache=True)
def _piece_table(labels: np.ndarray, ws: np.ndarray, n: int, width: int) -> np.ndarray:
    """Cells per (parcel 0..n, unit 0..width-1): parcel = ``labels`` (> 0 and ≤ n counted), unit = ``ws``
    (negative → 0; every cell in unit 0 when ``ws`` is empty)."""
    table = np.zeros((n + 1, width), dtype=np.int64)
    has_ws = ws.size == labels.size
    for i in range(labels.size):
        lab = labels[i]
        if lab <= 0 or lab > n:
            continue
        u = 0
        if has_ws:
            u = ws[i]
            if u < 0:
                u = 0
        table[lab, u] += 1
    return table


def parcel_cover(
    labels: np.ndarray, inputs: ParcelInputs, params: ParamSet, cover_grid: np.ndarray | None, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """(vegetation cover FVC, canopy closure GD), 0–1, per parcel 1..n as the B factor uses them:
    the cover raster's mean over the parcel's cells where it has data, else the parcel's cover /
    canopy field, else the class default of b_factor.csv; NaN for land without a class or default.
    The 林草覆盖率 threshold (forest_grass_cover.csv) is applied to these values."""
    fvc = np.full(n + 1, np.nan)
    gd = np.full(n + 1, np.nan)
    for i, lu in enumerate(inputs.landuse[1:], start=1):
        rule = params.b_rules.get(lu.csle_class) if lu is not None else None
        if rule is not None:
            fvc[i] = np.nan if rule["default_fvc"] is None else rule["default_fvc"]
            gd[i] = np.nan if rule["default_gd"] is None else rule["default_gd"]
    for given, out in ((inputs.cover, fvc), (inputs.canopy, gd)):
        if given is not None:
            out[:] = np.where(np.isnan(given[: n + 1]), out, given[: n + 1])
    if cover_grid is not None:
        mean = zonal.zonal_mean(labels, csle.to_fraction(cover_grid), n).mean
        fvc = np.where(np.isnan(mean), fvc, mean)
    return fvc[1:], gd[1:]


# --------------------------------------------------------------------------------------------
# one analyse_parcels run: parcel attributes → factors → analyse → what to tell the user
def parse_slope_breaks(text: str | None) -> list[float]:
    """Custom slope breaks typed by the user: degrees separated by ``,`` (or the full-width ``，``);
    empty items are ignored. Anything else raises ``InvalidParameterError`` (CUSTOM_SLOPE_BREAKS)."""
    text = text or ""
    try:
        return [float(v) for v in text.replace("，", ",").split(",") if v.strip()]
    except ValueError:
        raise InvalidParameterError(
            name="CUSTOM_SLOPE_BREAKS",
            value=text,
            reason=QT_TRANSLATE_NOOP("SbPlannerErrors", "numbers separated by commas"),
        ) from None


def slope_system_of(params: ParamSet, index: int, custom_breaks: str | None = "") -> SlopeSystem:
    """The slope system of a ``SLOPE_SYSTEM`` choice: one of :data:`SLOPE_SYSTEM_IDS`, else the
    custom breaks (:func:`parse_slope_breaks`, checked by ``core.params.custom_slope_system``)."""
    if 0 <= index < len(SLOPE_SYSTEM_IDS):
        return params.slope_systems[SLOPE_SYSTEM_IDS[index]]
    return custom_slope_system(parse_slope_breaks(custom_breaks))


def tolerance_of(params: ParamSet, region: int, given: float | None = 0.0) -> float:
    """The allowable soil loss (t/(km²·a)): ``given`` when > 0, else the region's (tolerance_regions.csv).

    A given value must lie below the 中度 lower bound (2500 t/(km²·a), ``ParamSet.tolerance_upper``): above it
    the SL 190 classes would overlap and every parcel be classed wrongly (an :class:`InvalidParameterError`);
    a non-finite value is refused too."""
    if given is not None and not np.isfinite(given):
        raise InvalidParameterError(name="TOLERANCE_T_KM2_A", value=f"{given}", reason=_TOLERANCE_RANGE)
    if given and given > 0:
        upper = params.tolerance_upper()
        if given >= upper:
            raise InvalidParameterError(
                name="TOLERANCE_T_KM2_A", value=f"{given:g}", reason=msg(_TOLERANCE_BELOW, upper=upper)
            )
        return float(given)
    return params.tolerance[int(region)][2]


_TOLERANCE_RANGE = QT_TRANSLATE_NOOP("SbPlannerErrors", "a finite number of t/(km²·a)")
_TOLERANCE_BELOW = QT_TRANSLATE_NOOP(
    "SbPlannerErrors", "it must lie below {upper:g} t/(km²·a), the lower bound of 中度 (SL 190-2007)"
)  # fmt: skip


@dataclass
class ParcelLayerInputs:
    """One ``analyse_parcels`` run, as read by the adapters.

    Parcels are numbered 1..n in feature order: ``labels`` holds that number per DEM cell (0 =
    none; ``adapters.raster.rasterize_parcels``), ``area_m2`` and every ``attrs`` column one value
    per parcel (plain Python values, None = NULL). Field names are those chosen by the algorithm
    (None = not given); factors are a number or a grid on the DEM (NaN = no data).
    """

    grid: Grid
    model: FlowModel | Future  # the conditioned DEM (core.hydrology.condition), or a future of it
    params: ParamSet
    landuse_table: LanduseTable  # GB/T 21010-2017 and -2007 classes (+ the user's code mapping)
    labels: np.ndarray
    area_m2: np.ndarray
    attrs: Mapping[str, Sequence]
    landuse_field: str
    r_factor: float | np.ndarray
    k_factor: float | np.ndarray | None = None  # None: K only from ``k_field``
    k_field: str | None = None  # K per parcel, or the soil code when ``soil_k`` is given
    soil_k: Mapping[str, float] | None = None  # soil code → K (the K_TABLE)
    cover_field: str | None = None  # vegetation cover, 0–1 or %
    canopy_field: str | None = None  # canopy closure, 0–1 or %
    cover_grid: np.ndarray | None = None
    gdpdjb_field: str | None = None  # 三调 GDPDJB
    gdlx_field: str | None = None  # 三调 GDLX (TT = terraced)
    slope_system: int = 1  # SLOPE_SYSTEM choice (CUSTOM_SLOPE_SYSTEM: ``custom_breaks``)
    custom_breaks: str = ""
    region: int = ErosionRegion.SOUTH_RED_SOIL
    tolerance_t_km2_a: float = 0.0  # 0 = the region's
    channel_threshold_km2: float = 0.1
    ws_labels: np.ndarray | None = None  # small watershed number per cell (0 = none)
    ws_codes: dict[int, str] | None = None  # watershed number → ws_code
    cropping_zone: str | None = None  # 轮作制度分区 id of t_zones.csv (cropland T); None = none given
    #: where the factor inputs came from, for the provenance: "R", "K", "cover" raster path, "K_TABLE" path
    factor_origins: Mapping[str, str] = field(default_factory=dict)
    landuse_vintage: int = VINTAGE_AUTO  # LANDUSE_VINTAGE choice (core.landuse): detect / 2017 / 2007
    #: the parcels' WKB (same CRS as the grid) and feature ids, for the duplicate / overlap check
    #: (``core.overlaps``); None: not checked
    geometries: Sequence[bytes] | None = None
    ids: Sequence | None = None
    #: shapely geometries of ``geometries`` when the reader made them (not read from the WKB again)
    shapes: np.ndarray | None = None


@dataclass
class ParcelLayerResult:
    """The analysed parcels and the counts the algorithm reports."""

    table: pd.DataFrame  # one row per parcel (index 1..n), see :func:`analyse`
    soil_loss: np.ndarray  # 2-D t/(km²·a)
    slope_system: SlopeSystem
    tolerance_t_km2_a: float
    unmapped: list[tuple[str, int]] = field(default_factory=list)  # (code or "NULL", parcels), most first
    missing_soil_codes: list[str] = field(default_factory=list)  # soil codes without K in soil_k, sorted
    uncovered: dict[str, int] = field(default_factory=dict)  # "R"/"K" raster → parcels with no-data cells
    outside_dem: int = 0  # parcels without a DEM cell (not for lack of cells to an overlapping parcel)
    partly_outside_dem: int = 0  # parcels with < DEM_COVERAGE_MIN of their area on DEM cells (overlaps aside)
    overlapping: int = 0  # parcels overlapping another (``core.overlaps``)
    overlap_warning: Msg | None = None  # what to tell the user about them
    #: each factor's value and source (R, K, L, S, B, cover, E, T, tolerance): :func:`factor_provenance`
    provenance: list[FactorSource] = field(default_factory=list)
    #: implausible R / K, T = 1 fallback on cropland (translated by the Processing layer)
    factor_warnings: list[Msg] = field(default_factory=list)
    cropland: CroplandT | None = None
    landuse: LanduseResolution | None = None  # the code vintage used, why, and codes not read as themselves

    @property
    def area_ha(self) -> float:
        return float(np.nansum(self.table["area_ha"].to_numpy()))

    @property
    def eroded_area_ha(self) -> float:
        return float(np.nansum(self.table["eroded_area_ha"].to_numpy()))


def resolve_landuse(
    table: LanduseTable, values: Sequence, field_names: Sequence[str] | None = None, choice: int | None = None
) -> tuple[list, list[tuple[str, int]]]:
    """Each value's land-use class (None = unmapped) and the unmapped codes with their parcel
    counts, most frequent first (ties in order of appearance); a NULL code counts as "NULL".

    With ``field_names`` or ``choice`` the code vintage is detected or chosen first
    (``core.landuse.resolve_codes``); without them the codes are read in ``table``'s vintage."""
    if field_names is None and choice is None:
        resolution = resolve_codes(table, values, (), VINTAGE_2007 if table.vintage == V2007 else VINTAGE_2017)
    else:
        resolution = resolve_codes(table, values, field_names or (), VINTAGE_AUTO if choice is None else choice)
    return resolution.classes, resolution.unmapped


def _numbers(values: Sequence | None) -> np.ndarray | None:
    """A column as floats with the unused parcel 0 in front (NaN where not a number)."""
    if values is None:
        return None
    return np.array([np.nan] + [to_number(v) for v in values], dtype=np.float64)


class FractionRangeError(SbPlannerError):
    """Cover or canopy values that are neither a fraction (0–1) nor a percentage (0–100)."""

    key = "fraction_range"
    # no trailing comma: pylupdate5 skips a QT_TRANSLATE_NOOP call that ends with one
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "{what}: {count} values lie outside 0–1 and 0–100 % (e.g. {value:g}): neither a fraction nor a "
        "percentage. Correct them (or declare the raster's nodata value); nothing was written."
    )  # fmt: skip


_MIXED_PERCENT = QT_TRANSLATE_NOOP(
    "SbPlannerErrors",
    "{what}: {count} values above 1 among fractions were read as percentages (55 → 0.55), the others as "
    "fractions; check the values."
)  # fmt: skip
_MIXED_FRACTION = QT_TRANSLATE_NOOP(
    "SbPlannerErrors",
    "{what}: {count} values from 0 to 1 among percentages were read as percentages too (0.6 → 0.6 %); if they "
    "are fractions, write them as percentages."
)  # fmt: skip
_FIELD = QT_TRANSLATE_NOOP("SbPlannerErrors", "field {field}")
_COVER_RASTER_OF = QT_TRANSLATE_NOOP("SbPlannerErrors", "cover raster {path}")


def _fraction(values, what: Msg, notes: list[Msg]) -> np.ndarray | None:
    """Cover or canopy values (a field's column, or a raster's cells) as fractions (``core.csle.read_fraction``):
    a warning into ``notes`` when they mix fractions and percentages, a :class:`FractionRangeError` when some
    are neither."""
    if values is None:
        return None
    reading = csle.read_fraction(values)
    if reading.impossible:
        raise FractionRangeError(what=what, count=reading.impossible, value=reading.example)
    if reading.mixed:
        notes.append(msg(_MIXED_FRACTION if reading.percent else _MIXED_PERCENT, what=what, count=reading.mixed))
    return reading.values


def parcel_k(values: Sequence | None, soil_k: Mapping[str, float] | None) -> tuple[np.ndarray | None, list[str]]:
    """K per parcel (parcel 0 in front, NaN = use the K number / raster) and the soil codes missing
    from ``soil_k``: the K field's numbers, or its soil codes looked up in ``soil_k`` when given."""
    if values is None:
        return None, []
    if soil_k is None:
        return _numbers(values), []
    codes = [code_text(v) for v in values]
    missing = sorted({c or "NULL" for c in codes if c not in soil_k})
    return np.array([np.nan] + [soil_k.get(c, np.nan) for c in codes], dtype=np.float64), missing


def _uncovered(labels: np.ndarray, factor, n: int) -> int | None:
    """Parcels with cells where a factor raster has no data (None when the factor is a number)."""
    if not isinstance(factor, np.ndarray) or factor.ndim == 0:
        return None
    flat = labels.ravel()
    hit = flat[np.isnan(factor).ravel() & (flat > 0)]
    return int((np.bincount(hit, minlength=n + 1)[1:] > 0).sum())


def _field_fraction(attrs: Mapping[str, Sequence], name: str | None, notes: list[Msg]) -> np.ndarray | None:
    """A cover / canopy field as fractions, parcel 0 in front (see :func:`_fraction`)."""
    if not name:
        return None
    return _fraction(_numbers(attrs[name]), msg(_FIELD, field=name), notes)


def _cover_grid(inputs: ParcelLayerInputs, notes: list[Msg]) -> np.ndarray | None:
    """The cover raster as fractions over the parcels' cells (NaN elsewhere: values outside the parcels, e.g.
    the raster's own fill beyond the county, are not read)."""
    if inputs.cover_grid is None:
        return None
    cells = np.where(inputs.labels > 0, np.asarray(inputs.cover_grid, dtype=np.float64), np.nan)
    what = msg(_COVER_RASTER_OF, path=inputs.factor_origins.get("cover", "?"))
    return _fraction(cells, what, notes)


def _check_factors(inputs: ParcelLayerInputs, k_values: np.ndarray | None) -> None:
    """R and K within their allowed ranges (``core.factors.check_allowed``) before anything is computed."""
    params = inputs.params
    for factor, values, key in (("R", inputs.r_factor, "R_FACTOR"), ("K", inputs.k_factor, "K_FACTOR")):
        if values is None:
            continue
        labels = inputs.labels if isinstance(values, np.ndarray) and values.size == inputs.labels.size else None
        check_allowed(params, factor, values, _origin(inputs, factor, key), labels)
    if k_values is not None and inputs.k_field:
        origin = _k_source(inputs) if inputs.soil_k is not None else msg(_K_FIELD, field=inputs.k_field)
        check_allowed(params, "K", k_values[1:], origin, per_parcel=True)


def analyse_layer(inputs: ParcelLayerInputs) -> ParcelLayerResult:
    """Analyse a parcel layer: resolve land use, cover, canopy, K, terraces and GDPDJB from the
    attributes, run :func:`analyse` and count what the user must be told (unmapped codes, soil
    codes without K, parcels the factor rasters or the DEM do not cover).

    Cover and canopy in percent are read as fractions (:func:`core.csle.to_fraction`); the K field
    holds soil codes when ``soil_k`` is given; GDLX = TT marks terraced cropland.

    Raises :class:`ParcelsOutsideDemError` when no parcel has a DEM cell (nothing to report); parcels of
    which only some lie off the DEM are counted in ``outside_dem`` (a warning; they get no numbers).
    """
    params = inputs.params
    system = slope_system_of(params, inputs.slope_system, inputs.custom_breaks)
    tolerance = tolerance_of(params, inputs.region, inputs.tolerance_t_km2_a)
    attrs = inputs.attrs
    n = len(inputs.area_m2)
    lu = resolve_codes(inputs.landuse_table, attrs[inputs.landuse_field], list(attrs), inputs.landuse_vintage)
    landuse = lu.classes
    k_values, missing_soil = parcel_k(
        attrs[inputs.k_field] if inputs.k_field else None, inputs.soil_k if inputs.k_field else None
    )
    gdlx = attrs[inputs.gdlx_field] if inputs.gdlx_field else None
    gdpdjb = _numbers(attrs[inputs.gdpdjb_field]) if inputs.gdpdjb_field else None
    notes: list[Msg] = []
    overlap_m2, overlapping, overlap_warning = np.zeros(n), 0, None
    if inputs.geometries is not None:  # duplicates: an error; overlaps: a warning, not "outside the DEM"
        got = label_counts(inputs.labels, n)[1:] * inputs.grid.cell_area_m2 if n else np.zeros(0)
        short = np.flatnonzero(got < DEM_COVERAGE_MIN * np.asarray(inputs.area_m2, dtype=np.float64))
        found, overlap_warning = check_overlaps(
            inputs.geometries, inputs.ids, short, inputs.area_m2, geometries=inputs.shapes
        )
        overlap_m2, overlapping = found.overlap_m2, found.count
    cover_grid = _cover_grid(inputs, notes)
    _check_factors(inputs, k_values)
    parcel_inputs = ParcelInputs(
        landuse=[None, *landuse],
        area_m2=np.concatenate([[0.0], np.asarray(inputs.area_m2, dtype=np.float64)]),
        cover=_field_fraction(attrs, inputs.cover_field, notes),
        canopy=_field_fraction(attrs, inputs.canopy_field, notes),
        k=k_values,
        terraced=np.array([False] + [str(v).strip().upper() == "TT" for v in gdlx]) if gdlx is not None else None,
        gdpdjb=np.nan_to_num(gdpdjb, nan=0.0).astype(int) if gdpdjb is not None else None,
    )
    k = np.nan if inputs.k_factor is None else inputs.k_factor
    t_info = cropland_t(params, inputs.cropping_zone)
    result = analyse(
        inputs.grid,
        inputs.model,
        inputs.labels,
        parcel_inputs,
        params,
        system,
        inputs.r_factor,
        k,
        tolerance,
        cover_grid,
        inputs.channel_threshold_km2,
        inputs.ws_labels,
        inputs.ws_codes,
        cropland_t=t_info.t,
    )
    uncovered = {}
    for name, factor in (("R", inputs.r_factor), ("K", inputs.k_factor)):
        count = _uncovered(inputs.labels, factor, n)
        if count:
            uncovered[name] = count
    cells = result.table["valid_cells"].to_numpy()
    if n and not (cells > 0).any():
        raise ParcelsOutsideDemError(count=n)
    area = np.maximum(parcel_inputs.area_m2[1:], 1e-9)
    coverage = cells * inputs.grid.cell_area_m2 / area
    # the part of a parcel lying in another parcel may have gone to that parcel's cells: not off the DEM
    covered = (cells * inputs.grid.cell_area_m2 + overlap_m2) / area
    off = (cells == 0) & ~(overlap_m2 >= DEM_COVERAGE_MIN * area)
    return ParcelLayerResult(
        table=result.table,
        soil_loss=result.soil_loss,
        slope_system=system,
        tolerance_t_km2_a=tolerance,
        unmapped=lu.unmapped,
        missing_soil_codes=missing_soil,
        uncovered=uncovered,
        outside_dem=int(off.sum()),
        partly_outside_dem=int(((cells > 0) & (coverage < DEM_COVERAGE_MIN) & (covered < DEM_COVERAGE_MIN)).sum()),
        overlapping=overlapping,
        overlap_warning=overlap_warning,
        provenance=factor_provenance(inputs, result.table, t_info, tolerance),
        factor_warnings=notes + factor_warnings(inputs, result.table, t_info, k_values),
        cropland=t_info,
        landuse=lu,
    )


# --------------------------------------------------------------------------------------------
# factor provenance and plausibility of one analyse_parcels run (issue 9 items 1 and 2)
_NUMBER = QT_TRANSLATE_NOOP("SbPlannerErrors", "number given ({key})")
_RASTER = QT_TRANSLATE_NOOP("SbPlannerErrors", "raster {path}")
_K_FIELD = QT_TRANSLATE_NOOP("SbPlannerErrors", "parcel field {field}")
_K_TABLE = QT_TRANSLATE_NOOP("SbPlannerErrors", "soil codes of parcel field {field} in the K table {path}")
_K_ELSE = QT_TRANSLATE_NOOP("SbPlannerErrors", "{first}; parcels without a value: {second}")
_L_SOURCE = QT_TRANSLATE_NOOP(
    "SbPlannerErrors",
    "CSLE L = (λ/22.13)^m, λ along D8 flow paths with LS_TOOL cutoffs, restarting at channels of "
    "{threshold:g} km² (domain reference §3.4)"
)  # fmt: skip
_S_SOURCE = QT_TRANSLATE_NOOP(
    "SbPlannerErrors", "CSLE three-piece S: McCool et al. 1987 below 10°, Liu, Nearing & Risse 1994 from 10° (§3.5)"
)  # fmt: skip
_MEAN_OVER = QT_TRANSLATE_NOOP("SbPlannerErrors", "mean {value:.3g} over eroding land (area-weighted)")
_MEAN_LS = QT_TRANSLATE_NOOP("SbPlannerErrors", "mean L·S {value:.3g} (area-weighted)")
_E_VALUE = QT_TRANSLATE_NOOP("SbPlannerErrors", "1; {value:g} on terraced cropland")
_B_SOURCE = QT_TRANSLATE_NOOP("SbPlannerErrors", "soil-loss ratio by land use (§3.6): {b} ; {slr}")
_COVER_FIELDS = QT_TRANSLATE_NOOP("SbPlannerErrors", "cover field {cover}, canopy field {canopy}")
_COVER_DEFAULTS = QT_TRANSLATE_NOOP("SbPlannerErrors", "default cover and canopy per land use of {file}")
_COVER_RASTER = QT_TRANSLATE_NOOP("SbPlannerErrors", "cover raster {path} (per cell, forest/grass land)")
_E_SOURCE = QT_TRANSLATE_NOOP(
    "SbPlannerErrors", "E = 1 without measures; 三调 GDLX = TT cropland: {measure} of {file} ({defaults})"
)  # fmt: skip
_TOLERANCE_GIVEN = QT_TRANSLATE_NOOP("SbPlannerErrors", "given (TOLERANCE_T_KM2_A)")
_TOLERANCE_REGION = QT_TRANSLATE_NOOP("SbPlannerErrors", "region {region} of {file} (SL 190-2007)")
_NONE = QT_TRANSLATE_NOOP("SbPlannerErrors", "none")


def _factor_value(value) -> str:
    """A factor as a text: the number, or the 5th–95th percentile range of a grid."""
    if isinstance(value, np.ndarray) and value.size > 1:
        rng = factor_range(value)
        return "–" if rng is None else f"P5–P95 {rng[0]:.4g}–{rng[1]:.4g}"
    return f"{float(np.asarray(value, dtype=float).ravel()[0]):g}"


def _table_mean(table: pd.DataFrame, column: str) -> float:
    values = table[column].to_numpy(dtype=float)
    area = table["area_ha"].to_numpy(dtype=float)
    ok = ~np.isnan(values) & (area > 0)
    return float(np.average(values[ok], weights=area[ok])) if ok.any() else float("nan")


def _origin(inputs: ParcelLayerInputs, factor: str, key: str) -> Msg:
    value = inputs.r_factor if factor == "R" else inputs.k_factor
    if isinstance(value, np.ndarray) and value.size > 1:
        return msg(_RASTER, path=inputs.factor_origins.get(factor, "?"))
    return msg(_NUMBER, key=key)


def _k_source(inputs: ParcelLayerInputs) -> Msg:
    base = _origin(inputs, "K", "K_FACTOR") if inputs.k_factor is not None else None
    if not inputs.k_field:
        return base
    own = (
        msg(_K_TABLE, field=inputs.k_field, path=inputs.factor_origins.get("K_TABLE", "?"))
        if inputs.soil_k is not None
        else msg(_K_FIELD, field=inputs.k_field)
    )
    return own if base is None else msg(_K_ELSE, first=own, second=base)


def factor_provenance(
    inputs: ParcelLayerInputs, table: pd.DataFrame, t_info: CroplandT, tolerance: float
) -> list[FactorSource]:
    """Each factor's value and source for the log, the plan (``factor_provenance`` table), the dock and
    the demo: R and K (number / raster + path / field / table), the L and S methods, B, E and T with
    their tables (path + sha1 from ``ParamSet.files``), the cover source and the tolerance."""
    params = inputs.params
    files = params.files
    crop = sum(1 for c in table["csle_class"] if c == "cropland")
    k_value = _factor_value(inputs.k_factor) if inputs.k_factor is not None else "–"
    if inputs.k_field:
        k_value = f"{_table_mean(table, 'k_factor'):.4g}"
    if inputs.cover_grid is not None:
        cover = msg(_COVER_RASTER, path=inputs.factor_origins.get("cover", "?"))
    elif inputs.cover_field or inputs.canopy_field:
        cover = msg(_COVER_FIELDS, cover=inputs.cover_field or msg(_NONE), canopy=inputs.canopy_field or msg(_NONE))
    else:
        cover = msg(_COVER_DEFAULTS, file=files.get("b_factor.csv", "b_factor.csv"))
    tt_measure = params.defaults.get("tt_engineering_measure", "none")
    eroding = np.array([params.b_rules.get(c, {}).get("eroding") == "yes" for c in table["csle_class"]], dtype=bool)
    region = params.tolerance.get(int(inputs.region), ("?", "?", 0.0))[0]
    return [
        FactorSource("R", _factor_value(inputs.r_factor), _origin(inputs, "R", "R_FACTOR")),
        FactorSource("K", k_value, _k_source(inputs)),
        FactorSource(
            "L",
            msg(_MEAN_LS, value=_table_mean(table, "ls_factor")),
            msg(_L_SOURCE, threshold=inputs.channel_threshold_km2),
        ),
        FactorSource("S", "", msg(_S_SOURCE)),
        FactorSource(
            "B",
            msg(_MEAN_OVER, value=_table_mean(table[eroding], "b_factor")),
            msg(_B_SOURCE, b=files.get("b_factor.csv", "b_factor.csv"), slr=files.get("slr_coefficients.csv", "")),
        ),
        FactorSource("cover", "", cover),
        FactorSource(
            "E",
            msg(_E_VALUE, value=params.e_factor.get(tt_measure, 1.0)),
            msg(
                _E_SOURCE,
                measure=tt_measure,
                file=files.get("e_factor.csv", "e_factor.csv"),
                defaults=files.get("defaults.csv", "defaults.csv"),
            ),
        ),
        t_source(params, t_info, crop),
        FactorSource(
            "tolerance",
            f"{tolerance:g} t/(km²·a)",
            msg(_TOLERANCE_GIVEN)
            if inputs.tolerance_t_km2_a and inputs.tolerance_t_km2_a > 0
            else msg(_TOLERANCE_REGION, region=region, file=files.get("tolerance_regions.csv", "")),
        ),
    ]


def factor_warnings(
    inputs: ParcelLayerInputs, table: pd.DataFrame, t_info: CroplandT, k_values: np.ndarray | None
) -> list[Msg]:
    """R and K outside their plausible ranges (``core.factors.check_plausibility``: a number, a raster's
    5th–95th percentiles over the parcels' cells, the K field's values) and T = 1 on cropland."""
    params = inputs.params
    out: list[Msg] = []
    checks = [("R", inputs.r_factor, _origin(inputs, "R", "R_FACTOR"))]
    if inputs.k_factor is not None:
        checks.append(("K", inputs.k_factor, _origin(inputs, "K", "K_FACTOR")))
    if k_values is not None and inputs.k_field:
        checks.append(
            ("K", k_values[1:], _k_source(inputs) if inputs.soil_k is not None else msg(_K_FIELD, field=inputs.k_field))
        )
    for factor, values, origin in checks:
        labels = inputs.labels if isinstance(values, np.ndarray) and values.size == inputs.labels.size else None
        warning = check_plausibility(params, factor, values, origin, labels, inputs.region)
        if warning is not None:
            out.append(warning)
    crop = sum(1 for c in table["csle_class"] if c == "cropland")
    if t_info.fallback and crop:
        out.append(t_source(params, t_info, crop).source)
    return out
