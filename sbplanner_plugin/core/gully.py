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
- Check dams (谷坊) by the 顶底相照 rule of GB/T 16453.3-2008 谷坊 (spacing clause; domain
  reference §6.3): the deposit behind a dam (stable gradient i′) reaches the foot of the next dam
  upstream, so the spacing is

      L = H / (i − i′)        H effective dam height (m), i bed gradient, i′ deposit gradient

  with i′ taken from the deposit material (``gully_deposit_gradient.csv``: 粗砂含石砾 2.0 %,
  黏土 1.0 %, 黏壤土 0.8 %, 砂土 0.5 %, UNVERIFIED) unless the user gives i′ as a ratio of i.
  The first dam stands at the reach's lowest own cell (chainage 0) and dams follow every L
  metres: n = floor(length / L) + 1. Sites on land where no 谷坊 belongs (水田, 建设用地, water:
  ``dam_exclude_*`` rows) are screened out afterwards, by the parcel under the dam cell.
- Larger gully control works (淤地坝: SL/T 804-2020 淤地坝技术规范, which replaced SL 289-2003 and
  SL 302-2004; 拦沙坝) are not sited here.
- 截水沟 (GB 51018-2014 6.1.1 条文说明: 梯田区上部有坡耕地或荒地时设截排水设施): along the upper
  edge of every terrace block that receives hillslope runoff from untreated sloping cropland or
  waste land; each ditch drains by a 排水沟 down the flow path from its lower end to the nearest
  channel (or ends on the slope) into a 沉沙池 at the outlet (GB 51018-2014 11.1; domain reference §6.1).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import shapely

from sbplanner_plugin.core.definitions import PROPOSED, REGION_IDS, code_text, find_field, to_number
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, CancelledError, InvalidParameterError, SbPlannerError, msg
from sbplanner_plugin.core.grid import D8_OFFSETS, horn_slope_deg
from sbplanner_plugin.core.hydrology import FlowModel, Progress, Segment, stream_mask, stream_segments
from sbplanner_plugin.core.morphometry import equal_area_channel_slope
from sbplanner_plugin.core.params import ByKey, Kind, Num, ParamTableError, parse_table, parse_table_lines

GULLY_TABLE = "gully_works.csv"
DEPOSIT_TABLE = "gully_deposit_gradient.csv"
DEPOSIT_SCHEMA: dict[str, Kind] = {
    "material": "str",
    "name_zh": "str",
    "name_en": "str",
    "deposit_gradient_pct": Num(0.0, 100.0, hi_open=True, optional=True),
    "ratio": Num(0.0, 1.0, hi_open=True, optional=True),
}
#: Why a check-dam site was screened out (``GullyResult.screened``), in the order of the table rows.
DAM_SCREENS = ("paddy", "built", "water")
DAM_TYPES = ("earth", "stone", "plant")
GRADIENT_METHODS = ("equal_area", "end_points")
#: 截水沟 types (GB 51018-2014 11.1): storage (多蓄少排) or drainage (少蓄多排 / 全排).
DITCH_TYPES = ("蓄水型", "排水型")
#: Each key of gully_works.csv with its kind and allowed range (the reader, :func:`parse_gully_params`).
GULLY_KEYS: dict[str, Kind] = {
    "dam_type": DAM_TYPES,
    **{f"dam_height_m_{t}": Num(0.0, 20.0, lo_open=True) for t in DAM_TYPES},
    "deposit_material": "str",
    "stable_gradient_min": Num(0.0, 1.0),
    "min_gradient_pct": Num(0.0, 100.0),
    "max_strahler": Num(1, 20, integer=True),
    "min_reach_length_m": Num(0.0, 100000.0),
    "gradient_method": GRADIENT_METHODS,
    "head_storm_mm": Num(0.0, 2000.0, lo_open=True),
    "head_runoff_coeff": Num(0.0, 1.0),
    "head_upslope_cells": Num(0, 10, integer=True),
    "cropland_group": "str",
    "head_landuse_exclude": "opt",
    "ditch_terrace_measures": "opt",
    "ditch_source_cropland": "opt",
    "ditch_source_wasteland": "opt",
    "ditch_source_min_slope_deg": Num(0.0, 90.0),
    "ditch_treating_categories": "opt",
    "ditch_storm_mm": Num(0.0, 2000.0, lo_open=True),
    "ditch_runoff_coeff": Num(0.0, 1.0),
    **{f"ditch_type_region_{r}": DITCH_TYPES for r in REGION_IDS},
    **{f"dam_exclude_{k}": "opt" for k in DAM_SCREENS},
    "outlet_max_drain_m": Num(0.0, 100000.0),
}
GULLY_SCHEMA: dict[str, Kind] = {
    "key": "str",
    "value": ByKey(keys=GULLY_KEYS, required=tuple(GULLY_KEYS)),
    "unit": "opt",
    "description": "str",
}


@dataclass(frozen=True)
class GullyParams:
    """Defaults of the gully-works siting (one row each in ``gully_works.csv``)."""

    dam_type: str
    dam_height_m: dict[str, float]
    deposit_material: str  # default material of gully_deposit_gradient.csv
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
    ditch_terrace_measures: tuple[str, ...]
    ditch_source_cropland: tuple[str, ...]
    ditch_source_wasteland: tuple[str, ...]
    ditch_source_min_slope_deg: float
    ditch_treating_categories: tuple[str, ...]
    ditch_storm_mm: float
    ditch_runoff_coeff: float
    ditch_type_by_region: tuple[str, ...]
    dam_exclude: dict[str, tuple[str, ...]]  # DAM_SCREENS key → land-use code prefixes
    outlet_max_drain_m: float
    provenance: dict[str, tuple[str, str]] = field(default_factory=dict)  # key → (source, confidence)

    @property
    def default_dam_height_m(self) -> float:
        return self.dam_height_m[self.dam_type]

    def is_head_cropland(self, landuse_group: str | None, landuse_code: str | None) -> bool:
        """Cropland a gully head can cut into: the cropland group, minus excluded codes (水田)."""
        return landuse_group == self.cropland_group and (landuse_code or "") not in self.head_landuse_exclude

    def dam_screen(self, landuse: str | None) -> str | None:
        """The DAM_SCREENS key that excludes a 谷坊 on land use ``landuse`` (code or group); None if allowed."""
        return next((k for k in DAM_SCREENS if matches_prefix(landuse, self.dam_exclude[k])), None)


def matches_prefix(code: str | None, prefixes: tuple[str, ...]) -> bool:
    """True when the land-use ``code`` (e.g. ``0101``, ``1104A``, a group ``05``) starts with one of ``prefixes``."""
    return bool(code) and any(str(code).startswith(p) for p in prefixes)


@dataclass(frozen=True)
class DepositMaterial:
    """One row of ``gully_deposit_gradient.csv``: i′ absolute (fraction) or as a ratio of i."""

    material: str
    name_zh: str
    name_en: str
    gradient: float | None  # i′ (fraction); None when given as a ratio
    ratio: float | None
    source: str = ""
    confidence: str = ""

    def stable_gradient(self, bed_gradient: float, minimum: float) -> float:
        if self.gradient is not None:
            return self.gradient
        return stable_gradient(bed_gradient, float(self.ratio), minimum)

    def label(self, language: str = "") -> str:
        """"砂土 sandy soil (i′ = 0.5 %)"; with ``language`` "zh" / "en" in that language only."""
        value = f"{100.0 * self.gradient:g} %" if self.gradient is not None else f"{self.ratio:g}·i"
        if language == "zh":
            return f"{self.name_zh}（i′ = {value}）"
        if language == "en":
            return f"{self.name_en} (i′ = {value})"
        return f"{self.name_zh} {self.name_en} (i′ = {value})"


ONE_OF_TWO = QT_TRANSLATE_NOOP("SbPlannerErrors", "give exactly one of deposit_gradient_pct and ratio")
DUPLICATE = QT_TRANSLATE_NOOP("SbPlannerErrors", "material '{material}' appears twice")


def parse_deposit_materials(name: str, text: str) -> dict[str, DepositMaterial]:
    """Validate ``gully_deposit_gradient.csv`` (i′ by deposit material; opened by
    ``adapters.param_files.load_deposit_materials``): material id → row, in table order."""
    out: dict[str, DepositMaterial] = {}
    for line, row in parse_table_lines(name, text, DEPOSIT_SCHEMA):
        pct, ratio = row["deposit_gradient_pct"], row["ratio"]
        if (pct is None) == (ratio is None):
            raise ParamTableError(file=name, line=line, column="deposit_gradient_pct", problem=ONE_OF_TWO)
        if row["material"] in out:
            raise ParamTableError(
                file=name, line=line, column="material", problem=msg(DUPLICATE, material=row["material"])
            )
        out[row["material"]] = DepositMaterial(
            row["material"],
            row["name_zh"],
            row["name_en"],
            None if pct is None else pct / 100.0,
            ratio,
            row.get("source", ""),
            row.get("confidence", ""),
        )
    return out


def parse_gully_params(name: str, text: str) -> GullyParams:
    """Validate the text of ``gully_works.csv`` (file ``name``); errors name the file, line and column.

    The file is opened by ``adapters.param_files.load_gully_params``.
    """
    rows = parse_table(name, text, GULLY_SCHEMA)  # every key there, each value of its kind and in range
    by_key = {row["key"]: row for row in rows}

    def value(key: str):
        return by_key[key]["value"]

    def codes(key: str) -> tuple[str, ...]:
        return tuple(c.strip() for c in value(key).split(";") if c.strip())

    return GullyParams(
        dam_type=value("dam_type"),
        dam_height_m={t: value(f"dam_height_m_{t}") for t in DAM_TYPES},
        deposit_material=value("deposit_material"),
        stable_gradient_min=value("stable_gradient_min"),
        min_gradient=value("min_gradient_pct") / 100.0,
        max_strahler=int(value("max_strahler")),
        min_reach_length_m=value("min_reach_length_m"),
        gradient_method=value("gradient_method"),
        head_storm_mm=value("head_storm_mm"),
        head_runoff_coeff=value("head_runoff_coeff"),
        head_upslope_cells=int(value("head_upslope_cells")),
        cropland_group=value("cropland_group"),
        head_landuse_exclude=codes("head_landuse_exclude"),
        ditch_terrace_measures=codes("ditch_terrace_measures"),
        ditch_source_cropland=codes("ditch_source_cropland"),
        ditch_source_wasteland=codes("ditch_source_wasteland"),
        ditch_source_min_slope_deg=value("ditch_source_min_slope_deg"),
        ditch_treating_categories=codes("ditch_treating_categories"),
        ditch_storm_mm=value("ditch_storm_mm"),
        ditch_runoff_coeff=value("ditch_runoff_coeff"),
        ditch_type_by_region=tuple(value(f"ditch_type_region_{r}") for r in REGION_IDS),
        dam_exclude={k: codes(f"dam_exclude_{k}") for k in DAM_SCREENS},
        outlet_max_drain_m=value("outlet_max_drain_m"),
        provenance={k: (r["source"], r["confidence"]) for k, r in by_key.items()},
    )


# ------------------------------------------------------------------------------------------------
# formulas


def check_dam_spacing_m(dam_height_m: float, gradient: float, stable_gradient: float) -> float:
    """Spacing of check dams by the 顶底相照 rule: L = H / (i − i′) (m).

    GB/T 16453.3-2008 谷坊, spacing clause (domain reference §6.3; clause number and wording
    UNVERIFIED): H effective dam height (m), i original bed gradient, i′ stable gradient of the
    deposit behind the dam (fractions), which the standard takes from the deposit material
    (``gully_deposit_gradient.csv``, :meth:`DepositMaterial.stable_gradient`). Infinite when the
    deposit would be as steep as the bed (i ≤ i′): no second dam is needed.
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
    from pyflwdir import core as _pyflwdir_core  # lazily: see core.hydrology.stream_segments

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
    surveyed: bool = False,
) -> pd.DataFrame:
    """沟头防护 sites: channel heads cutting into cropland, with their design runoff W = 10·K·R·F.

    A head qualifies when a cropland parcel (``is_cropland`` by parcel label, index 0 = no
    parcel) holds the head cell or a cell within ``upslope_steps`` D8 steps upstream of it; that
    parcel is reported (the head cell's own parcel first). F is the upstream area at the head.
    ``surveyed`` heads (SL/T 447 D.0.7 沟头 recorded in the field) all qualify; their parcel is
    the one under the head cell (0 = none).
    """
    labels = parcel_labels.ravel()
    slope = slope_deg.ravel()
    cols = model.grid.shape[1]
    upa = model.uparea_km2
    rows = []
    for h in np.asarray(heads, dtype=np.int64):
        if surveyed:
            parcel = int(labels[h])
        else:
            cells = upslope_cells(model, h, upslope_steps)
            parcel = next((int(labels[c]) for c in cells if is_cropland[labels[c]]), 0)
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
    landuse: list[str | None],
    slope_deg: np.ndarray,
    terrace_measures: tuple[str, ...],
    treating_categories: tuple[str, ...],
    source_landuse: tuple[str, ...],
    min_slope_deg: float,
) -> tuple[np.ndarray, np.ndarray]:
    """(terraced, runoff_source) bool arrays by parcel label (index 0 = no parcel).

    GB 51018-2014 6.1.1 条文说明: 截排水 where a terrace area has sloping cropland or waste land
    above it. Terraced: the parcel's planned measure (``measure_code``, ';'-separated codes too)
    is one of ``terrace_measures``. Runoff source: untreated — no measure, or (with a category
    column) a category outside ``treating_categories`` — whose land use (code or group) starts
    with one of ``source_landuse`` (坡耕地, 荒地) and whose mean slope exceeds ``min_slope_deg``.
    Inputs are per parcel in label order (label = position + 1).
    """
    n = len(measure_code)
    terraced = np.zeros(n + 1, dtype=bool)
    source = np.zeros(n + 1, dtype=bool)
    for k, code in enumerate(measure_code):
        codes = {c.strip() for c in str(code or "").split(";") if c.strip()} - {"none", "null", "NULL"}
        terraced[k + 1] = bool(codes & set(terrace_measures))
        treated = bool(codes)
        if treated and measure_category is not None:
            treated = str(measure_category[k] or "").strip() in treating_categories
        slope = float(slope_deg[k])
        source[k + 1] = not treated and matches_prefix(landuse[k], source_landuse) and slope > min_slope_deg
    return terraced, source


def intercept_ditches(
    model: FlowModel,
    parcel_labels: np.ndarray,
    treated: np.ndarray,
    runoff_source: np.ndarray,
    polygons: list[shapely.Geometry],
    channels: np.ndarray | None = None,
    tolerance_m: float = 0.5,
) -> list[tuple[shapely.Geometry, dict]]:
    """截水沟 along the upper edge of treated (terraced) parcels that receive runoff from source land.

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


def ditch_outlet(
    model: FlowModel, ditch: shapely.Geometry, channels: np.ndarray, max_drain_m: float
) -> tuple[shapely.Geometry | None, shapely.Point, str, float]:
    """The 排水沟 and 沉沙池 of one 截水沟 (GB 51018-2014 11.1: 就近排泄, with 沉沙 works).

    The ditch drains at the lower of its end points (raw DEM; of equal ends the one draining more,
    then the west-most, then the south-most). From that cell the drain follows the
    D8 flow path down to the first channel cell, if one lies within ``max_drain_m``: the drain is
    that path (the ditch end, then the cell centres), the basin stands at its lower end and the
    outlet type is ``channel``. Otherwise the ditch discharges at its own lower end (type
    ``ditch_end``, no drain line, the basin at the end). Returns (drain, basin, type, drain length).
    """
    grid = model.grid
    rows, cols = grid.shape
    ends = [shapely.get_coordinates(g)[[0, -1]] for g in shapely.get_parts(ditch)]
    pts = np.concatenate(ends) if ends else np.zeros((0, 2))
    r, c = grid.rowcol(pts[:, 0], pts[:, 1])
    r, c = np.clip(r, 0, rows - 1), np.clip(c, 0, cols - 1)
    z = grid.values[r, c].astype(np.float64)
    # the lowest end; ties (a level ditch) → more upstream area, then west-most, then south-most
    z = np.where(np.isfinite(z), z, np.inf)
    k = int(np.lexsort((pts[:, 1], pts[:, 0], -model.uparea_cells[r * cols + c], z))[0]) if len(pts) else 0
    end = shapely.Point(pts[k])
    cell = int(r[k] * cols + c[k])
    flat = channels.ravel()
    path = [cell]
    length = 0.0
    while not flat[path[-1]]:
        nxt = int(model.idxs_ds[path[-1]])
        if nxt < 0 or nxt == path[-1]:
            return None, end, "ditch_end", 0.0
        length += float(model.step_m[path[-1]])
        if length > max_drain_m:
            return None, end, "ditch_end", 0.0
        path.append(nxt)
    if len(path) == 1:  # the ditch ends on a channel cell
        return None, end, "channel", 0.0
    idx = np.asarray(path[1:])
    x, y = grid.xy(idx // cols, idx % cols)
    line = shapely.LineString(np.vstack([pts[k], np.column_stack([x, y])]))
    return line, shapely.Point(x[-1], y[-1]), "channel", float(line.length)


def _linear_part(geom: shapely.Geometry) -> shapely.Geometry:
    """The line parts of any geometry (points of touching corners dropped) as one MultiLineString."""
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("LineString", "MultiLineString")]
    lines = [ln for g in parts for ln in shapely.get_parts(g)]
    return shapely.multilinestrings(lines) if lines else shapely.MultiLineString()


# ------------------------------------------------------------------------------------------------
# the whole proposal (``sbplanner:suggest_gully_works``)


class NoChannelsError(SbPlannerError):
    key = "no_channels"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "No channel on the DEM: no cell drains {threshold_km2:g} km². Lower the stream threshold or use a larger DEM."
    )  # fmt: skip


class StreamsOffDemError(SbPlannerError):
    key = "streams_off_dem"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "None of the {count} stream lines follows a flow path of the DEM: do they belong to this DEM?"
    )  # fmt: skip


class StreamsOffFlowNetworkError(SbPlannerError):
    """Stream lines that hardly follow the DEM's flow paths (another DEM, CRS or survey): the check dams
    would be sited on the few hillslope paths that cross them, far from any channel."""

    key = "streams_off_flow_network"
    # no trailing comma: pylupdate5 skips a QT_TRANSLATE_NOOP call that ends with one
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "Only {pct:.0f} % of the cells of the {count} {what} lie on the DEM's flow paths; the lines lie a "
        "median {offset_m:.0f} m from the DEM's channels (cells draining {threshold_km2:g} km²). Do they belong "
        "to this DEM (coordinate system, survey)? Check dams would be sited off the channels: correct the lines, "
        "or leave the layer empty to derive the channels from the DEM."
    )  # fmt: skip


#: Stream lines (or surveyed gullies) of which less than this share (%) of the cells lie on the DEM's flow
#: paths are refused (:class:`StreamsOffFlowNetworkError`); below :data:`STREAMS_WARN_ON_FLOW_PCT` they are
#: used with a warning. Lines derived from the same DEM (step 1) give 100 %; the step-1 lines moved by
#: 1.5–20 cells give 3–4 %. A software sanity bound, not a design value.
STREAMS_MIN_ON_FLOW_PCT = 10.0
STREAMS_WARN_ON_FLOW_PCT = 50.0
LINES_WHAT = {
    "streams": QT_TRANSLATE_NOOP("SbPlannerErrors", "stream lines"),
    "survey": QT_TRANSLATE_NOOP("SbPlannerErrors", "surveyed gullies"),
}


def line_offset_m(model: FlowModel, wkb: list[bytes], threshold_km2: float) -> float:
    """Median distance (m) from the lines, sampled every half cell, to the nearest cell centre of the DEM's
    channel network (cells draining ``threshold_km2``); NaN without channel cells or line points."""
    grid = model.grid
    cols = grid.shape[1]
    channel = np.flatnonzero(stream_mask(model, threshold_km2))
    if channel.size == 0 or not wkb:
        return float("nan")
    x0, dx, _, y0, _, dy = grid.transform
    r, c = np.divmod(channel, cols)
    tree = shapely.STRtree(shapely.points(x0 + (c + 0.5) * dx, y0 + (r + 0.5) * dy))
    lines = shapely.segmentize(shapely.from_wkb(wkb), 0.5 * grid.cell_size_m)
    coords = shapely.get_coordinates(lines)
    if not len(coords):
        return float("nan")
    _, distances = tree.query_nearest(shapely.points(coords), return_distance=True, all_matches=False)
    return float(np.median(distances))


class DepositMaterialError(SbPlannerError):
    key = "deposit_material"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "Unknown deposit material '{material}': gully_deposit_gradient.csv lists {choices}."
    )  # fmt: skip


class EmptyStreamsError(SbPlannerError):
    key = "empty_streams"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "The stream layer holds no lines.")


#: Fields read from the stream lines (step 1) and the parcels (steps 2-3), case-insensitive.
STREAM_ORDER_FIELDS = ("strahler",)
WS_CODE_FIELDS = ("ws_code",)
PARCEL_ID_FIELDS = ("parcel_id",)
LANDUSE_GROUP_FIELDS = ("landuse_group",)
PARCEL_LANDUSE_FIELDS = ("landuse_code", "dlbm")
SLOPE_FIELDS = ("slope_mean_deg",)
MEASURE_CODE_FIELDS = ("measure_code",)
MEASURE_CATEGORY_FIELDS = ("measure_category",)

#: Why no intercepting ditch was proposed (``GullyResult.ditch_skip``).
NO_PARCELS, NO_MEASURE_CODE, NO_SLOPE = "no_parcels", "no_measure_code", "no_slope"
#: Where the channels / heads of the works come from.
SITED_FROM = ("survey", "streams", "dem")


@dataclass
class LayerInput:
    """A vector input as the adapters read it, in the DEM's CRS.

    ``wkb``, ``ids`` and every list of ``attrs`` (field name → plain values, None = NULL) are in
    feature order; ``labels`` is the flat raster the adapters burnt the features into (feature
    position + 1 on its cells, 0 elsewhere): lines on the cells they cross, polygons on the cells
    whose centre they hold.
    """

    wkb: list[bytes]
    attrs: dict[str, list]
    labels: np.ndarray
    ids: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.wkb)

    def field_of(self, candidates: tuple[str, ...]) -> str | None:
        return find_field(self.attrs, None, candidates)

    def values(self, candidates: tuple[str, ...], convert: Callable[[object], object]) -> list | None:
        """The converted values of the first field of ``candidates`` present; None without such a field."""
        name = self.field_of(candidates)
        return None if name is None else [convert(v) for v in self.attrs[name]]


@dataclass
class GullyInputs:
    """Everything :func:`suggest` needs; ``None`` numbers take the table's default."""

    model: FlowModel  # the conditioned DEM (its ``grid`` is the DEM)
    params: GullyParams
    region: int = 0  # erosion-type region (core.definitions.ErosionRegion)
    stream_threshold_km2: float = 0.1  # channels from the DEM when there are no stream lines
    streams: LayerInput | None = None  # step-1 stream lines (``strahler``, ``ws_code`` kept)
    parcels: LayerInput | None = None  # analysed parcels (land use, slope; measures for ditches)
    max_strahler: float | None = None
    min_gradient_pct: float | None = None
    dam_height_m: float | None = None
    stable_gradient_ratio: float | None = None  # given: i′ = ratio·i (overrides the material)
    materials: dict[str, DepositMaterial] = field(default_factory=dict)  # gully_deposit_gradient.csv
    deposit_material: str | None = None  # None: the table's default (``deposit_material`` row)
    surveyed_gullies: LayerInput | None = None  # lines (D.0.7 侵蚀沟): channels follow them
    surveyed_heads: LayerInput | None = None  # points (D.0.7 沟头): 沟头防护 at each


Row = tuple[shapely.Geometry, dict]


@dataclass
class GullyResult:
    """The proposed works (geometry, attributes) and the figures the Processing layer reports."""

    dams: list[Row]  # points: measure_code, ws_code, reach_id, strahler, gradients, dam type/height …
    heads: list[Row]  # points: measure_code, ws_code, parcel_id, landuse_code, catchment, storage …
    ditches: list[Row]  # MultiLineStrings: measure_code, ws_code, parcel ids, length, runoff, outlet …
    dam_height_m: float
    stable_gradient_ratio: float | None  # the user's ratio; None: i′ from the deposit material
    min_gradient: float  # fraction
    n_lines: int | None  # stream lines given; None: channels derived from the DEM
    lines_on_flow_pct: float  # share of the lines' cells on the DEM's flow paths
    n_reaches: int
    decisions: Counter  # reach decision (DECISIONS) → count
    parcels_given: bool  # a parcel layer with at least one polygon
    parcels_without_landuse: bool  # a parcel layer without landuse_group or a land-use code field
    n_channel_heads: int
    ditch_skip: str | None  # NO_PARCELS, NO_MEASURE_CODE, NO_SLOPE or None (ditches sited)
    n_treated: int
    n_runoff_sources: int
    ditch_length_m: float
    drains: list[Row] = field(default_factory=list)  # 排水沟 lines (measure_code drain_ditch)
    basins: list[Row] = field(default_factory=list)  # 沉沙池 points (measure_code silt_basin)
    deposit_material: DepositMaterial | None = None  # the material whose i′ was used
    channels_from: str = "dem"  # SITED_FROM: survey, streams or dem
    heads_from: str = "dem"  # survey or dem
    n_surveyed_heads_off_grid: int = 0
    screened: Counter = field(default_factory=Counter)  # DAM_SCREENS key → candidate sites removed
    n_candidate_dams: int = 0
    drain_length_m: float = 0.0
    #: median distance (m) from the lines to the DEM's channels, measured when few line cells lie on flow paths
    lines_offset_m: float = float("nan")


def dam_type_for_height(params: GullyParams, height_m: float) -> str | None:
    """The dam type whose table height is ``height_m`` (the default type first); None for a custom height."""
    same = [t for t, h in params.dam_height_m.items() if abs(h - height_m) < 1e-9]
    return params.dam_type if params.dam_type in same else (same[0] if same else None)


def _to_int(value: object) -> int | None:
    number = to_number(value)
    return None if number != number else int(number)


def point_cells(model: FlowModel, wkb: list[bytes]) -> tuple[np.ndarray, int]:
    """Flat cells of the points (every part of multipoints) inside the grid, and how many fell outside."""
    grid = model.grid
    rows, cols = grid.shape
    coords = shapely.get_coordinates(shapely.from_wkb(wkb)) if wkb else np.zeros((0, 2))
    if not len(coords):
        return np.zeros(0, dtype=np.int64), 0
    r, c = grid.rowcol(coords[:, 0], coords[:, 1])
    inside = (r >= 0) & (r < rows) & (c >= 0) & (c < cols)
    return np.unique((r * cols + c)[inside]).astype(np.int64), int((~inside).sum())


def line_start_cells(model: FlowModel, wkb: list[bytes]) -> np.ndarray:
    """The upstream end of every part of the lines: of its two end points inside the grid, the cell of
    smaller upstream area (flat indices; parts with both ends off the grid are left out)."""
    grid = model.grid
    rows, cols = grid.shape
    starts = []
    for geom in shapely.from_wkb(wkb):
        for part in shapely.get_parts(geom):
            coords = shapely.get_coordinates(part)
            if not len(coords):
                continue
            r, c = grid.rowcol(coords[[0, -1], 0], coords[[0, -1], 1])
            inside = (r >= 0) & (r < rows) & (c >= 0) & (c < cols)
            if inside.any():
                idx = (r * cols + c)[inside]
                starts.append(int(idx[np.argmin(model.uparea_cells[idx])]))
    return np.asarray(starts, dtype=np.int64)


@dataclass
class _Parcels:
    """The parcel attributes the siting uses, by label - 1."""

    layer: LayerInput
    geoms: list
    ids: list
    landuse: list
    group: list
    cropland: np.ndarray  # by label (index 0 = no parcel)
    slope: np.ndarray | None
    measure_code: list | None
    measure_category: list | None
    ws_code: list


def _parcels(layer: LayerInput, params: GullyParams) -> _Parcels:
    n = len(layer)
    landuse = layer.values(PARCEL_LANDUSE_FIELDS, code_text) or [None] * n
    group = layer.values(LANDUSE_GROUP_FIELDS, code_text) or [lu[:2] if lu else None for lu in landuse]
    ids = layer.values(PARCEL_ID_FIELDS, _to_int) or [int(i) for i in layer.ids]
    slope = layer.values(SLOPE_FIELDS, to_number)
    return _Parcels(
        layer=layer,
        geoms=list(shapely.make_valid(shapely.from_wkb(layer.wkb))),
        ids=ids,
        landuse=landuse,
        group=group,
        cropland=np.array([False] + [params.is_head_cropland(g, lu) for g, lu in zip(group, landuse)]),
        slope=None if slope is None else np.array(slope, dtype=np.float64),
        measure_code=layer.values(MEASURE_CODE_FIELDS, code_text),
        measure_category=layer.values(MEASURE_CATEGORY_FIELDS, code_text),
        ws_code=layer.values(WS_CODE_FIELDS, code_text) or [None] * n,
    )


def suggest(inputs: GullyInputs, progress: Progress | None = None) -> GullyResult:
    """Propose 谷坊, 沟头防护 and 截水沟 for a small watershed (see the module docstring).

    Channels follow the surveyed gullies (SL/T 447 D.0.7) when given, else the stream lines (their
    Strahler orders and watershed codes win over the DEM's) or, without lines, the cells draining
    ``stream_threshold_km2``. Check dams go on every reach of order ≤ ``max_strahler``
    (:func:`site_check_dams`, i′ from the deposit material unless a ratio is given), minus the
    sites on land where no 谷坊 belongs (``dam_exclude_*``: 水田, 建设用地, water; counted in
    ``screened``); gully-head protection at the surveyed heads, else on channel heads cutting into
    cropland parcels (:func:`gully_heads`); intercepting ditches along terrace blocks below
    untreated sloping cropland / waste land (:func:`ditch_parcel_flags`, :func:`intercept_ditches`),
    each with its 排水沟 and 沉沙池 (:func:`ditch_outlet`). A work's ``ws_code`` is its line's,
    else the parcel's under it.
    """

    def report(fraction: float, stage: str) -> None:
        if progress is not None and progress(fraction, stage):
            raise CancelledError()

    model, params = inputs.model, inputs.params
    grid = model.grid
    max_order = int(params.max_strahler if inputs.max_strahler is None else inputs.max_strahler)
    min_gradient = (100.0 * params.min_gradient if inputs.min_gradient_pct is None else inputs.min_gradient_pct) / 100.0
    height = params.default_dam_height_m if inputs.dam_height_m is None else inputs.dam_height_m
    material = None
    if inputs.stable_gradient_ratio is not None:  # the user's ratio wins over the material
        ratio, floor = float(inputs.stable_gradient_ratio), params.stable_gradient_min
    else:
        key = inputs.deposit_material or params.deposit_material
        if key not in inputs.materials:
            raise DepositMaterialError(material=key, choices=", ".join(inputs.materials) or "—")
        material = inputs.materials[key]
        if material.gradient is not None:  # i′ = max(0·i, i′_material) = i′_material
            ratio, floor = 0.0, material.gradient
        else:
            ratio, floor = float(material.ratio), params.stable_gradient_min

    # channel network: surveyed gullies first, then the stream lines, then the DEM --------------
    surveyed = inputs.surveyed_gullies is not None and len(inputs.surveyed_gullies) > 0
    lines = inputs.surveyed_gullies if surveyed else inputs.streams
    channels_from = "survey" if surveyed else ("streams" if lines is not None else "dem")
    covered = float("nan")
    offset = float("nan")
    line_order: list = []
    line_code: list = []
    if lines is not None:
        report(0.4, QT_TRANSLATE_NOOP("SbPlannerStages", "Following the stream lines on the DEM"))
        if not len(lines):
            raise EmptyStreamsError()
        on_line = lines.labels > 0
        channels = channels_from_lines(model, on_line.reshape(grid.shape), line_start_cells(model, lines.wkb))
        if not channels.any():
            raise StreamsOffDemError(count=len(lines))
        covered = 100.0 * np.count_nonzero(channels & on_line) / max(np.count_nonzero(on_line), 1)
        if covered < STREAMS_WARN_ON_FLOW_PCT:
            offset = line_offset_m(model, lines.wkb, inputs.stream_threshold_km2)
            if covered < STREAMS_MIN_ON_FLOW_PCT:
                raise StreamsOffFlowNetworkError(
                    pct=covered, count=len(lines), what=LINES_WHAT[channels_from], offset_m=offset,
                    threshold_km2=inputs.stream_threshold_km2,
                )  # fmt: skip
        line_order = lines.values(STREAM_ORDER_FIELDS, _to_int) or [None] * len(lines)
        line_code = lines.values(WS_CODE_FIELDS, code_text) or [None] * len(lines)
    else:
        channels = stream_mask(model, inputs.stream_threshold_km2)
        if not channels.any():
            raise NoChannelsError(threshold_km2=inputs.stream_threshold_km2)
    segments = stream_segments(model, channels)
    own = own_cells(segments)
    seg_line = segment_majority(own, lines.labels) if lines is not None else np.zeros(len(own), int)
    orders = np.array(
        [(line_order[lab - 1] or seg.strahler) if lab else seg.strahler for seg, lab in zip(segments, seg_line)]
    )
    report(0.45, QT_TRANSLATE_NOOP("SbPlannerStages", "Siting check dams"))

    given = inputs.parcels is not None and len(inputs.parcels) > 0
    parcels = _parcels(inputs.parcels, params) if given else None
    parcel_labels = parcels.layer.labels if parcels else None

    def ws_code_at(cell: int, seg: int | None) -> str | None:
        if seg is not None and seg_line[seg] and line_code[seg_line[seg] - 1]:
            return line_code[seg_line[seg] - 1]
        if parcels and parcel_labels[cell] > 0:
            return parcels.ws_code[parcel_labels[cell] - 1]
        return None

    # 谷坊 ----------------------------------------------------------------------------------------
    siting = site_check_dams(
        model,
        segments,
        height,
        ratio,
        floor,
        min_gradient,
        max_order,
        params.min_reach_length_m,
        params.gradient_method,
        strahler=orders,
    )
    dam_type = dam_type_for_height(params, height)
    # land-use screen at the dam cell (no 谷坊 on 水田, 建设用地, water) -----------------------------
    screened: Counter = Counter()
    keep = np.ones(len(siting.dams), dtype=bool)
    if parcels is not None:
        for k, cell in enumerate(siting.dams["cell"].to_numpy()):
            lab = int(parcel_labels[int(cell)])
            why = params.dam_screen(parcels.landuse[lab - 1] or parcels.group[lab - 1]) if lab else None
            if why:
                screened[why] += 1
                keep[k] = False
    n_candidates = len(siting.dams)
    siting.dams = siting.dams[keep]
    dams = [
        (
            shapely.Point(r.x, r.y),
            {
                "measure_code": "check_dam",
                "ws_code": ws_code_at(int(r.cell), int(r.reach)),
                "reach_id": int(r.reach) + 1,
                "strahler": int(r.strahler),
                "channel_gradient_pct": r.channel_gradient_pct,
                "stable_gradient_pct": r.stable_gradient_pct,
                "dam_type": dam_type,
                "dam_height_m": r.dam_height_m,
                "spacing_m": r.spacing_m,
                "chainage_m": r.chainage_m,
                "uparea_km2": r.uparea_km2,
                "deposit_material": material.material if material else None,
                "sited_from": channels_from,
                "status": PROPOSED,
            },
        )
        for r in siting.dams.itertuples()
    ]
    report(0.65, QT_TRANSLATE_NOOP("SbPlannerStages", "Finding gully heads in cropland"))

    # 沟头防护 ------------------------------------------------------------------------------------
    head_layer = inputs.surveyed_heads
    heads_from = "survey" if head_layer is not None and len(head_layer) > 0 else "dem"
    off_grid = 0
    if heads_from == "survey":
        channel_head_cells, off_grid = point_cells(model, head_layer.wkb)
    else:
        channel_head_cells = channel_heads(segments, orders)
    heads: list[Row] = []
    if parcels is not None or heads_from == "survey":
        no_labels = np.zeros(grid.values.size, dtype=np.int32)
        found = gully_heads(
            model,
            channel_head_cells,
            parcel_labels if parcels is not None else no_labels,
            parcels.cropland if parcels is not None else np.zeros(1, dtype=bool),
            horn_slope_deg(grid),
            params.head_storm_mm,
            params.head_runoff_coeff,
            params.head_upslope_cells,
            surveyed=heads_from == "survey",
        )
        heads = [
            (
                shapely.Point(r.x, r.y),
                {
                    "measure_code": "gully_head_protection",
                    "ws_code": ws_code_at(int(r.cell), None),
                    "parcel_id": parcels.ids[int(r.parcel) - 1] if r.parcel else None,
                    "landuse_code": parcels.landuse[int(r.parcel) - 1] if r.parcel else None,
                    "uparea_km2": r.uparea_km2,
                    "catchment_hm2": r.catchment_hm2,
                    "head_slope_deg": r.head_slope_deg,
                    "protection_type": params.ditch_type_by_region[inputs.region],
                    "storm_mm": r.storm_mm,
                    "runoff_coeff": r.runoff_coeff,
                    "design_storage_m3": r.design_storage_m3,
                    "sited_from": heads_from,
                    "status": PROPOSED,
                },
            )
            for r in found.itertuples()
        ]
    report(0.8, QT_TRANSLATE_NOOP("SbPlannerStages", "Siting intercepting ditches"))

    # 截水沟 --------------------------------------------------------------------------------------
    ditches: list[Row] = []
    drains: list[Row] = []
    basins: list[Row] = []
    treated = source = np.zeros(0, dtype=bool)
    if parcels is None:
        skip = NO_PARCELS
    elif parcels.measure_code is None:
        skip = NO_MEASURE_CODE
    elif parcels.slope is None:
        skip = NO_SLOPE
    else:
        skip = None
        treated, source = ditch_parcel_flags(
            parcels.measure_code,
            parcels.measure_category,
            [lu or g for lu, g in zip(parcels.landuse, parcels.group)],
            parcels.slope,
            params.ditch_terrace_measures,
            params.ditch_treating_categories,
            params.ditch_source_cropland + params.ditch_source_wasteland,
            params.ditch_source_min_slope_deg,
        )
        found_ditches = intercept_ditches(model, parcel_labels, treated, source, parcels.geoms, channels)
        for n, (line, a) in enumerate(found_ditches, start=1):
            lower, upper = a["lower"] - 1, a["upper"] - 1
            drain, basin, outlet, drain_m = ditch_outlet(model, line, channels, params.outlet_max_drain_m)
            runoff = design_runoff_m3(params.ditch_runoff_coeff, params.ditch_storm_mm, a["catchment_hm2"])
            common = {"ws_code": parcels.ws_code[lower], "ditch_id": n, "outlet_type": outlet}
            ditches.append(
                (
                    shapely.multilinestrings(shapely.get_parts(line)),
                    {
                        "measure_code": "intercept_ditch",
                        **common,
                        "parcel_id": parcels.ids[lower],
                        "upslope_parcel_id": parcels.ids[upper],
                        "upslope_landuse": parcels.landuse[upper] or parcels.group[upper],
                        "upslope_slope_deg": float(parcels.slope[upper]),
                        "length_m": a["length_m"],
                        "catchment_hm2": a["catchment_hm2"],
                        "ditch_type": params.ditch_type_by_region[inputs.region],
                        "storm_mm": params.ditch_storm_mm,
                        "runoff_coeff": params.ditch_runoff_coeff,
                        "design_runoff_m3": runoff,
                        "status": PROPOSED,
                    },
                )
            )
            if drain is not None:
                drains.append(
                    (
                        shapely.multilinestrings([drain]),
                        {
                            "measure_code": "drain_ditch",
                            **common,
                            "parcel_id": parcels.ids[lower],
                            "length_m": drain_m,
                            "catchment_hm2": a["catchment_hm2"],
                            "ditch_type": DITCH_TYPES[1],
                            "design_runoff_m3": runoff,
                            "status": PROPOSED,
                        },
                    )
                )
            basins.append(
                (
                    basin,
                    {
                        "measure_code": "silt_basin",
                        **common,
                        "drain_length_m": drain_m,
                        "catchment_hm2": a["catchment_hm2"],
                        "design_runoff_m3": runoff,
                        "status": PROPOSED,
                    },
                )
            )
    return GullyResult(
        dams=dams,
        heads=heads,
        ditches=ditches,
        dam_height_m=float(height),
        stable_gradient_ratio=None if material else float(ratio),
        min_gradient=float(min_gradient),
        n_lines=len(lines) if lines is not None else None,
        lines_on_flow_pct=covered,
        lines_offset_m=offset,
        n_reaches=len(segments),
        decisions=Counter(siting.reaches["decision"]) if len(siting.reaches) else Counter(),
        parcels_given=given,
        parcels_without_landuse=inputs.parcels is not None
        and inputs.parcels.field_of(LANDUSE_GROUP_FIELDS) is None
        and inputs.parcels.field_of(PARCEL_LANDUSE_FIELDS) is None,
        n_channel_heads=len(channel_head_cells),
        ditch_skip=skip,
        n_treated=int(treated.sum()),
        n_runoff_sources=int(source.sum()),
        ditch_length_m=float(sum(a["length_m"] for _, a in ditches)),
        drains=drains,
        basins=basins,
        deposit_material=material,
        channels_from=channels_from,
        heads_from=heads_from,
        n_surveyed_heads_off_grid=off_grid,
        screened=screened,
        n_candidate_dams=n_candidates,
        drain_length_m=float(sum(a["length_m"] for _, a in drains)),
    )
