"""Gully and linear works siting (沟道与坡面线状工程布设): 谷坊, 沟头防护, 截水沟.

Pure numpy on the D8 model of :mod:`sbplanner_plugin.core.hydrology` (channel reaches from
``stream_segments``, step lengths ``FlowModel.step_m``), plus shapely for the ditch lines.
Every default number comes from ``resources/params/gully_works.csv`` (source and confidence per
row); the functions take them as arguments.

Conventions
-----------
- A reach's *own* cells are those of a :class:`~sbplanner_plugin.core.hydrology.Segment`
  without the downstream junction cell (which belongs to the reach below). Chainage is the
  distance (m) along the D8 path between cell centres, measured upstream from the reach's
  lowest own cell.
- Bed gradient i of a reach: the equal-area (面积包围) slope over its own cells, on the raw
  (unfilled) DEM — the 主沟道比降 method of SL 44-2006, see
  :func:`sbplanner_plugin.core.morphometry.equal_area_channel_slope` — or, with
  ``method="end_points"``, drop ÷ length between its ends. On a straight profile both equal
  the true gradient.
- Check dams (谷坊) by the 顶底相照 rule of GB/T 16453.3-2008 (domain reference §6.3): the
  deposit behind a dam (stable gradient i′) reaches the foot of the next dam upstream, so the
  spacing is L = H / (i − i′). The first dam stands at the reach's lowest own cell
  (chainage 0) and dams follow every L metres: n = floor(length / L) + 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import shapely
from pyflwdir import core as _pyflwdir_core

from sbplanner_plugin.core.definitions import REGION_IDS
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, InvalidParameterError, msg
from sbplanner_plugin.core.grid import D8_OFFSETS
from sbplanner_plugin.core.hydrology import FlowModel, Segment
from sbplanner_plugin.core.morphometry import equal_area_channel_slope
from sbplanner_plugin.core.params import NOT_A_NUMBER, NOT_ONE_OF, ParamTableError, parse_table

GULLY_TABLE = "gully_works.csv"
GULLY_SCHEMA: dict[str, str | tuple[str, ...]] = {"key": "str", "value": "opt", "unit": "opt", "description": "str"}
DAM_TYPES = ("earth", "stone", "plant")
GRADIENT_METHODS = ("equal_area", "end_points")
#: 截水沟 types (GB 51018-2014 11.1): storage (多蓄少排) or drainage (少蓄多排 / 全排).
DITCH_TYPES = ("蓄水型", "排水型")

# A number of gully_works.csv out of its range (ParamTableError problems).
BOUND_AT_LEAST = QT_TRANSLATE_NOOP("SbPlannerErrors", "{key} must be ≥ {lo:g}")
BOUND_ABOVE = QT_TRANSLATE_NOOP("SbPlannerErrors", "{key} must be > {lo:g}")
BOUNDS_CLOSED = QT_TRANSLATE_NOOP("SbPlannerErrors", "{key} must be ≥ {lo:g} and ≤ {hi:g}")
BOUNDS_OPEN_CLOSED = QT_TRANSLATE_NOOP("SbPlannerErrors", "{key} must be > {lo:g} and ≤ {hi:g}")


@dataclass(frozen=True)
class GullyParams:
    """Defaults of the gully-works siting (one row each in ``gully_works.csv``)."""

    dam_type: str
    dam_height_m: dict[str, float]
    stable_gradient_ratio: float
    stable_gradient_min: float
    min_gradient: float  # fraction (the CSV holds %)
    max_strahler: int
    min_reach_length_m: float
    gradient_method: str
    head_storm_mm: float
    head_runoff_coeff: float
    head_upslope_cells: int
    cropland_group: str
    head_landuse_exclude: tuple[str, ...]
    ditch_min_slope_deg: float
    ditch_treating_categories: tuple[str, ...]
    ditch_storm_mm: float
    ditch_runoff_coeff: float
    ditch_type_by_region: tuple[str, ...]
    provenance: dict[str, tuple[str, str]] = field(default_factory=dict)  # key → (source, confidence)

    @property
    def default_dam_height_m(self) -> float:
        return self.dam_height_m[self.dam_type]

    def is_head_cropland(self, landuse_group: str | None, landuse_code: str | None) -> bool:
        """Cropland a gully head can cut into: the cropland group, minus excluded codes (水田)."""
        return landuse_group == self.cropland_group and (landuse_code or "") not in self.head_landuse_exclude


def parse_gully_params(name: str, text: str) -> GullyParams:
    """Validate the text of ``gully_works.csv`` (file ``name``); errors name the file, line and column.

    The file is opened by ``adapters.param_files.load_gully_params``.
    """
    rows = parse_table(name, text, GULLY_SCHEMA)
    by_key = {}
    line_of = {}
    for line, row in enumerate(rows, start=2):
        by_key[row["key"]] = row
        line_of[row["key"]] = line

    def text(key: str, may_be_empty: bool = False) -> str:
        if key not in by_key:
            raise ParamTableError(
                file=name,
                line=0,
                column="key",
                problem=msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "no row '{key}'"), key=key),
            )
        value = by_key[key]["value"]
        if not value and not may_be_empty:
            raise ParamTableError(
                file=name,
                line=line_of[key],
                column="value",
                problem=QT_TRANSLATE_NOOP("SbPlannerErrors", "empty value"),
            )
        return value

    def codes(key: str) -> tuple[str, ...]:
        return tuple(c.strip() for c in text(key, may_be_empty=True).split(";") if c.strip())

    def number(key: str, lo: float = 0.0, hi: float = float("inf"), lo_open: bool = False) -> float:
        raw = text(key)
        try:
            value = float(raw)
        except ValueError:
            raise ParamTableError(
                file=name, line=line_of[key], column="value", problem=msg(NOT_A_NUMBER, text=raw)
            ) from None
        if not (value > lo if lo_open else value >= lo) or not value <= hi or not np.isfinite(value):
            if np.isfinite(hi):
                bound = BOUNDS_OPEN_CLOSED if lo_open else BOUNDS_CLOSED
            else:
                bound = BOUND_ABOVE if lo_open else BOUND_AT_LEAST
            raise ParamTableError(
                file=name, line=line_of[key], column="value", problem=msg(bound, key=key, lo=lo, hi=hi)
            )
        return value

    def choice(key: str, options: tuple[str, ...]) -> str:
        value = text(key)
        if value not in options:
            raise ParamTableError(
                file=name,
                line=line_of[key],
                column="value",
                problem=msg(NOT_ONE_OF, text=value, choices=", ".join(options)),
            )
        return value

    return GullyParams(
        dam_type=choice("dam_type", DAM_TYPES),
        dam_height_m={t: number(f"dam_height_m_{t}", 0.0, 20.0, lo_open=True) for t in DAM_TYPES},
        stable_gradient_ratio=number("stable_gradient_ratio", 0.0, 1.0),
        stable_gradient_min=number("stable_gradient_min", 0.0, 1.0),
        min_gradient=number("min_gradient_pct", 0.0, 100.0) / 100.0,
        max_strahler=int(number("max_strahler", 1.0, 20.0)),
        min_reach_length_m=number("min_reach_length_m"),
        gradient_method=choice("gradient_method", GRADIENT_METHODS),
        head_storm_mm=number("head_storm_mm", 0.0, 2000.0, lo_open=True),
        head_runoff_coeff=number("head_runoff_coeff", 0.0, 1.0),
        head_upslope_cells=int(number("head_upslope_cells", 0.0, 10.0)),
        cropland_group=text("cropland_group"),
        head_landuse_exclude=codes("head_landuse_exclude"),
        ditch_min_slope_deg=number("ditch_min_slope_deg", 0.0, 90.0),
        ditch_treating_categories=codes("ditch_treating_categories"),
        ditch_storm_mm=number("ditch_storm_mm", 0.0, 2000.0, lo_open=True),
        ditch_runoff_coeff=number("ditch_runoff_coeff", 0.0, 1.0),
        ditch_type_by_region=tuple(choice(f"ditch_type_region_{r}", DITCH_TYPES) for r in REGION_IDS),
        provenance={k: (r["source"], r["confidence"]) for k, r in by_key.items()},
    )


# ------------------------------------------------------------------------------------------------
# formulas


def check_dam_spacing_m(dam_height_m: float, gradient: float, stable_gradient: float) -> float:
    """Spacing of check dams by the 顶底相照 rule: L = H / (i − i′) (m).

    GB/T 16453.3-2008 谷坊 (domain reference §6.3, UNVERIFIED clause): H effective dam height
    (m), i original bed gradient, i′ stable gradient of the deposit (fractions). Infinite when
    the deposit would be as steep as the bed (i ≤ i′): no second dam is needed.
    """
    drop = gradient - stable_gradient
    return float(dam_height_m / drop) if drop > 0 else float("inf")


def stable_gradient(gradient: float, ratio: float, minimum: float) -> float:
    """i′ = max(ratio · i, minimum): a fraction of the bed gradient, never below the material's floor."""
    return max(ratio * gradient, minimum)


def design_runoff_m3(runoff_coeff: float, storm_mm: float, area_hm2: float) -> float:
    """W = 10 · K · R · F (m³): runoff of storm depth R (mm) from F (hm²) with runoff coefficient K.

    GB/T 16453.3-2008 沟头防护 and GB/T 16453.4-2008 蓄水型截水沟 (domain reference §6.3/§6.4,
    UNVERIFIED): 1 mm over 1 hm² is 10 m³.
    """
    return 10.0 * runoff_coeff * storm_mm * area_hm2


def reach_gradient(elev_m: np.ndarray, dist_m: np.ndarray, method: str = "equal_area") -> float:
    """Bed gradient (fraction) of a reach from elevations ordered outlet → head and their distances."""
    if elev_m.size < 2 or not dist_m[-1] > 0 or np.isnan(elev_m).any():
        return float("nan")
    if method == "end_points":
        return float((elev_m[-1] - elev_m[0]) / dist_m[-1])
    return equal_area_channel_slope(elev_m, dist_m)


# ------------------------------------------------------------------------------------------------
# channel network


def own_cells(segments: list[Segment]) -> list[np.ndarray]:
    """Each reach's cells upstream → downstream without the junction cell it shares with the reach below."""
    firsts = {int(s.idxs[0]) for s in segments}
    return [s.idxs[:-1] if s.idxs.size > 1 and int(s.idxs[-1]) in firsts else s.idxs for s in segments]


def dilate(mask: np.ndarray, cells: int = 1) -> np.ndarray:
    """A 2-D bool mask grown by ``cells`` in the 8 directions."""
    out = mask.copy()
    for _ in range(cells):
        padded = np.pad(out, 1)
        grown = out.copy()
        rows, cols = out.shape
        for dr, dc in D8_OFFSETS:
            grown |= padded[1 + dr : 1 + dr + rows, 1 + dc : 1 + dc + cols]
        out = grown
    return out


def channels_from_lines(model: FlowModel, line_cells: np.ndarray, start_cells: np.ndarray) -> np.ndarray:
    """A D8-consistent channel mask (flat bool) that follows a digitised stream network.

    ``line_cells`` (2-D bool) are the cells the stream lines cross; every ``start_cells`` cell
    (a line's upstream end) is traced down its D8 path while the path stays within one cell of
    the lines. Lines derived from the same DEM (step 1) give back exactly their own cells; lines
    from another source are followed as far as the DEM's flow agrees with them.
    """
    within = dilate(line_cells, 1).ravel()
    starts = np.unique(np.asarray(start_cells, dtype=model.idxs_ds.dtype))
    starts = starts[within[starts]]
    mask = np.zeros(model.idxs_ds.size, dtype=bool)
    if starts.size == 0:
        return mask
    paths, _ = _pyflwdir_core.path(starts, model.idxs_ds, mask=~within)
    for p in paths:
        mask[p[within[p]]] = True  # the trace ends on the first cell outside: drop it
    return mask


def segment_majority(cells: list[np.ndarray], labels: np.ndarray) -> np.ndarray:
    """Most frequent positive label (flat ``labels``) among each reach's cells; 0 where none."""
    out = np.zeros(len(cells), dtype=np.int64)
    for k, c in enumerate(cells):
        v = labels[c]
        v = v[v > 0]
        if v.size:
            vals, counts = np.unique(v, return_counts=True)
            out[k] = vals[np.argmax(counts)]
    return out


# ------------------------------------------------------------------------------------------------
# 谷坊


@dataclass
class DamSiting:
    """Check dams and the decision taken on every reach."""

    dams: pd.DataFrame  # x, y, cell, reach, strahler, channel_gradient_pct, stable_gradient_pct, ...
    reaches: pd.DataFrame  # reach, strahler, length_m, channel_gradient_pct, decision, n_dams


#: Reach decisions (English keys; the Processing layer reports counts).
DECISIONS = ("sited", "higher_order", "too_short", "too_flat", "no_gradient")


def site_check_dams(
    model: FlowModel,
    segments: list[Segment],
    dam_height_m: float,
    stable_gradient_ratio: float,
    stable_gradient_min: float = 0.0,
    min_gradient: float = 0.0,
    max_strahler: int = 2,
    min_reach_length_m: float = 0.0,
    method: str = "equal_area",
    strahler: np.ndarray | None = None,
) -> DamSiting:
    """Place 谷坊 on every reach of order ≤ ``max_strahler`` steep enough for them.

    A reach is skipped when its own length is below ``min_reach_length_m``, its gradient i is
    below ``min_gradient`` or not above i′ (deposit as steep as the bed). ``strahler`` overrides
    the reach orders (e.g. the orders of the user's stream layer). Gradients are fractions.
    """
    if not dam_height_m > 0:
        raise InvalidParameterError(
            name="DAM_HEIGHT_M", value=dam_height_m, reason=QT_TRANSLATE_NOOP("SbPlannerErrors", "must be > 0")
        )
    if not 0 <= stable_gradient_ratio < 1:
        raise InvalidParameterError(
            name="STABLE_GRADIENT_RATIO",
            value=stable_gradient_ratio,
            reason=QT_TRANSLATE_NOOP("SbPlannerErrors", "must be ≥ 0 and < 1"),
        )
    grid = model.grid
    cols = grid.shape[1]
    z = grid.values.ravel()
    step = model.step_m
    upa = model.uparea_km2
    orders = np.array([s.strahler for s in segments]) if strahler is None else np.asarray(strahler)
    dams: list[dict] = []
    reaches: list[dict] = []
    for k, cells in enumerate(own_cells(segments)):
        order = int(orders[k])
        up = cells[::-1]  # outlet → head
        dist = np.concatenate([[0.0], np.cumsum(step[up[1:]], dtype=np.float64)])
        length = float(dist[-1])
        i = reach_gradient(z[up].astype(np.float64), dist, method)
        i_s = stable_gradient(i, stable_gradient_ratio, stable_gradient_min) if np.isfinite(i) else float("nan")
        row = {
            "reach": k,
            "strahler": order,
            "length_m": length,
            "channel_gradient_pct": 100.0 * i,
            "stable_gradient_pct": 100.0 * i_s,
            "spacing_m": float("nan"),
            "n_dams": 0,
        }
        if order > max_strahler:
            row["decision"] = "higher_order"
        elif length < max(min_reach_length_m, 1e-9):
            row["decision"] = "too_short"
        elif not np.isfinite(i):
            row["decision"] = "no_gradient"
        elif i < min_gradient or i <= i_s:
            row["decision"] = "too_flat"
        else:
            spacing = check_dam_spacing_m(dam_height_m, i, i_s)
            chain = np.arange(int(np.floor(length / spacing + 1e-9)) + 1) * spacing
            x_c, y_c = grid.xy(up // cols, up % cols)
            at = np.clip(np.searchsorted(dist, chain + 1e-9, side="right") - 1, 0, up.size - 1)
            for c, j in zip(chain, at):
                dams.append(
                    {
                        "x": float(np.interp(c, dist, x_c)),
                        "y": float(np.interp(c, dist, y_c)),
                        "cell": int(up[j]),
                        "reach": k,
                        "strahler": order,
                        "channel_gradient_pct": 100.0 * i,
                        "stable_gradient_pct": 100.0 * i_s,
                        "dam_height_m": float(dam_height_m),
                        "spacing_m": spacing,
                        "chainage_m": float(c),
                        "uparea_km2": float(upa[up[j]]),
                    }
                )
            row.update(decision="sited", spacing_m=spacing, n_dams=int(chain.size))
        reaches.append(row)
    dam_cols = [
        "x",
        "y",
        "cell",
        "reach",
        "strahler",
        "channel_gradient_pct",
        "stable_gradient_pct",
        "dam_height_m",
        "spacing_m",
        "chainage_m",
        "uparea_km2",
    ]
    return DamSiting(pd.DataFrame(dams, columns=dam_cols), pd.DataFrame(reaches))


# ------------------------------------------------------------------------------------------------
# 沟头防护


def channel_heads(segments: list[Segment], strahler: np.ndarray | None = None) -> np.ndarray:
    """Flat indices of channel heads: the most upstream cell of every 1st-order reach."""
    orders = np.array([s.strahler for s in segments]) if strahler is None else np.asarray(strahler)
    heads = [int(s.idxs[0]) for s, o in zip(segments, orders) if o == 1]
    return np.asarray(heads, dtype=np.int64)


def upslope_cells(model: FlowModel, idx: int, steps: int) -> list[int]:
    """``idx`` and the cells up to ``steps`` D8 steps upstream of it (nearest first)."""
    out = [int(idx)]
    ring = [int(idx)]
    for _ in range(steps):
        ring = [u for c in ring for u in model.upstream_neighbours(c)]
        out.extend(ring)
    return out


def gully_heads(
    model: FlowModel,
    heads: np.ndarray,
    parcel_labels: np.ndarray,
    is_cropland: np.ndarray,
    slope_deg: np.ndarray,
    storm_mm: float,
    runoff_coeff: float,
    upslope_steps: int = 1,
) -> pd.DataFrame:
    """沟头防护 sites: channel heads cutting into cropland, with their design runoff W = 10·K·R·F.

    A head qualifies when a cropland parcel (``is_cropland`` by parcel label, index 0 = no
    parcel) holds the head cell or a cell within ``upslope_steps`` D8 steps upstream of it; that
    parcel is reported (the head cell's own parcel first). F is the upstream area at the head.
    """
    labels = parcel_labels.ravel()
    slope = slope_deg.ravel()
    cols = model.grid.shape[1]
    upa = model.uparea_km2
    rows = []
    for h in np.asarray(heads, dtype=np.int64):
        parcel = next((int(labels[c]) for c in upslope_cells(model, h, upslope_steps) if is_cropland[labels[c]]), 0)
        if parcel == 0:
            continue
        x, y = model.grid.xy(h // cols, h % cols)
        f_hm2 = float(upa[h]) * 100.0
        rows.append(
            {
                "x": float(x),
                "y": float(y),
                "cell": int(h),
                "parcel": parcel,
                "uparea_km2": float(upa[h]),
                "catchment_hm2": f_hm2,
                "head_slope_deg": float(slope[h]),
                "storm_mm": storm_mm,
                "runoff_coeff": runoff_coeff,
                "design_storage_m3": design_runoff_m3(runoff_coeff, storm_mm, f_hm2),
            }
        )
    columns = [
        "x",
        "y",
        "cell",
        "parcel",
        "uparea_km2",
        "catchment_hm2",
        "head_slope_deg",
        "storm_mm",
        "runoff_coeff",
        "design_storage_m3",
    ]
    return pd.DataFrame(rows, columns=columns)


# ------------------------------------------------------------------------------------------------
# 截水沟


def ditch_parcel_flags(
    measure_code: list[str | None],
    measure_category: list[str | None] | None,
    slope_deg: np.ndarray,
    treating_categories: tuple[str, ...],
    min_slope_deg: float,
) -> tuple[np.ndarray, np.ndarray]:
    """(treated, runoff_source) bool arrays by parcel label (index 0 = no parcel).

    Treated: a measure whose category is one of ``treating_categories`` (without a category
    column, any measure other than empty/none counts). Runoff source: not treated and mean slope
    ≥ ``min_slope_deg``. Inputs are per parcel in label order (label = position + 1).
    """
    n = len(measure_code)
    treated = np.zeros(n + 1, dtype=bool)
    for k, code in enumerate(measure_code):
        has = code is not None and str(code).strip().lower() not in ("", "none", "null")
        if has and measure_category is not None:
            has = str(measure_category[k] or "").strip() in treating_categories
        treated[k + 1] = has
    slope = np.concatenate([[np.nan], np.asarray(slope_deg, dtype=np.float64)])
    with np.errstate(invalid="ignore"):
        source = ~treated & (slope >= min_slope_deg)
    source[0] = False
    return treated, source


def intercept_ditches(
    model: FlowModel,
    parcel_labels: np.ndarray,
    treated: np.ndarray,
    runoff_source: np.ndarray,
    polygons: list[shapely.Geometry],
    channels: np.ndarray | None = None,
    tolerance_m: float = 0.5,
) -> list[tuple[shapely.Geometry, dict]]:
    """截水沟 along the upper edge of treated parcels that receive runoff from untreated steep land.

    ``treated`` and ``runoff_source`` are bool by parcel label (index 0 = no parcel);
    ``polygons[label - 1]`` is the parcel in the DEM's CRS. An edge is where hillslope flow
    crosses from a source parcel Q into a treated parcel P: cells of Q whose D8 downstream cell
    lies in P (channel cells excluded: concentrated flow is the gully works' business). The
    ditch is the stretch of P's boundary shared with Q (or, where the two do not share edges
    exactly, P's boundary within ``tolerance_m`` of Q) within 1.5 cells of those crossing
    cells. Its catchment is the upstream area of the crossing cells (the slope strip above,
    including whatever drains onto Q).
    """
    labels = parcel_labels.ravel()
    ds = model.idxs_ds
    n = ds.size
    idx = np.arange(n)
    ok = (labels > 0) & (ds >= 0) & (ds != idx)
    lab_ds = np.zeros(n, dtype=labels.dtype)
    lab_ds[ok] = labels[ds[ok]]
    cross = ok & (lab_ds > 0) & (lab_ds != labels) & runoff_source[labels] & treated[lab_ds]
    if channels is not None:
        cross &= ~channels.ravel()
    cells = np.flatnonzero(cross)
    if cells.size == 0:
        return []
    grid = model.grid
    cols = grid.shape[1]
    upa = model.uparea_km2
    radius = 1.5 * grid.cell_size_m
    pairs = pd.DataFrame({"cell": cells, "upper": labels[cells], "lower": lab_ds[cells]})
    out = []
    for (upper, lower), group in pairs.groupby(["upper", "lower"], sort=True):
        p, q = polygons[int(lower) - 1], polygons[int(upper) - 1]
        if p is None or q is None:
            continue
        # topologically clean parcels (三调) share their edges exactly; otherwise allow a small gap
        shared = _linear_part(shapely.intersection(p.boundary, q.boundary))
        if shared.length <= 0:
            shared = shapely.intersection(p.boundary, shapely.buffer(q, tolerance_m))
        c = group["cell"].to_numpy()
        x, y = grid.xy(c // cols, c % cols)
        near = shapely.union_all(shapely.buffer(shapely.points(x, y), radius))
        line = shapely.line_merge(_linear_part(shapely.intersection(shared, near)))
        if line.is_empty or line.length <= 0:
            continue
        out.append(
            (
                line,
                {
                    "lower": int(lower),
                    "upper": int(upper),
                    "length_m": float(line.length),
                    "catchment_hm2": float(upa[c].sum()) * 100.0,
                    "crossing_cells": int(c.size),
                },
            )
        )
    return out


def _linear_part(geom: shapely.Geometry) -> shapely.Geometry:
    """The line parts of any geometry (points of touching corners dropped) as one MultiLineString."""
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("LineString", "MultiLineString")]
    lines = [ln for g in parts for ln in shapely.get_parts(g)]
    return shapely.multilinestrings(lines) if lines else shapely.MultiLineString()
