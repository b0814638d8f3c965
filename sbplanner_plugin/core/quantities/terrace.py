"""Terraces (坡改梯): the level-terrace cross-section of GB/T 16453.1-2008 and the quantities built on it.

Symbols (GB/T 16453.1-2008 notation, domain reference §5.3): θ original ground slope, α riser face
angle (田坎侧坡), H riser height (田坎高度), B net bench width (田面净宽), B_m gross width (田面毛宽,
horizontal width of one terrace unit), B_x slope width of one unit (原坡面斜宽), B_n riser footprint
(田坎占地宽).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sbplanner_plugin.core.definitions import code_text, split_list, to_number
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, SbPlannerError, msg
from sbplanner_plugin.core.params import Kind, Num, parse_table_lines
from sbplanner_plugin.core.quantities.items import SOURCE_TERRACE, Item, items_frame
from sbplanner_plugin.core.zonal import zonal_count_above, zonal_finite_sum_count


@dataclass(frozen=True)
class LevelSection:
    """Cross-section of a level terrace, per bench (arrays broadcast from the inputs; NaN where
    0 < θ < α < 90° does not hold or B ≤ 0)."""

    riser_height_m: np.ndarray  # H
    slope_width_m: np.ndarray  # B_x
    gross_width_m: np.ndarray  # B_m
    riser_footprint_m: np.ndarray  # B_n
    riser_share: np.ndarray  # B_n / B_m = tanθ / tanα (fraction of the land the risers take)
    cut_m3_per_m: np.ndarray  # V₁ = B·H/8 (= fill), per metre of bench
    haul_m: np.ndarray  # 2B/3
    earthwork_m3_per_ha: np.ndarray  # 1250·H (m³/hm²), the standard's per-hectare figure


def level_section(slope_deg, bench_width_m, riser_angle_deg) -> LevelSection:
    """Level-terrace geometry for a chosen net bench width B (GB/T 16453.1-2008, domain reference §5.3).

    - B = H (cotθ − cotα)  ⇔  H = B / (cotθ − cotα) = B·sinθ·sinα / sin(α − θ);
    - B_x = H / sinθ, B_m = H·cotθ, B_n = H·cotα, riser land share B_n/B_m = tanθ / tanα;
    - balanced cut and fill through the bench centre: V₁ = ½·(B/2)·(H/2) = B·H/8 m³ per metre of bench,
      haul distance (centroid of cut to centroid of fill) 2B/3;
    - per hectare, with the standard's bench length 10 000/B m per hm²: V = B·H/8 · 10 000/B = 1250·H
      m³/hm² (GB/T 16453.1 gives 83.3·H m³/亩 = 1250·H/15).

    Worked check: θ 15°, B 7 m, α 75° → H 2.021 m, 2526 m³/hm², riser share 7.2 %.
    """
    theta = np.radians(np.asarray(slope_deg, dtype=np.float64))
    alpha = np.radians(np.asarray(riser_angle_deg, dtype=np.float64))
    b = np.asarray(bench_width_m, dtype=np.float64)
    theta, alpha, b = np.broadcast_arrays(theta, alpha, b)
    ok = (theta > 0) & (alpha > theta) & (alpha < np.pi / 2) & (b > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        h = np.where(ok, b * np.sin(theta) * np.sin(alpha) / np.sin(alpha - theta), np.nan)
        section = LevelSection(
            riser_height_m=h,
            slope_width_m=h / np.sin(theta),
            gross_width_m=h / np.tan(theta),
            riser_footprint_m=h / np.tan(alpha),
            riser_share=np.where(ok, np.tan(theta) / np.tan(alpha), np.nan),
            cut_m3_per_m=b * h / 8.0,
            haul_m=np.where(ok, 2.0 * b / 3.0, np.nan),
            earthwork_m3_per_ha=1250.0 * h,
        )
    return section


def bench_width_for_height(slope_deg, riser_height_m, riser_angle_deg) -> np.ndarray:
    """Net bench width B = H (cotθ − cotα) of a riser height H (the inverse of :func:`level_section`);
    NaN where 0 < θ < α < 90° does not hold or H ≤ 0."""
    theta = np.radians(np.asarray(slope_deg, dtype=np.float64))
    alpha = np.radians(np.asarray(riser_angle_deg, dtype=np.float64))
    h = np.asarray(riser_height_m, dtype=np.float64)
    ok = (theta > 0) & (alpha > theta) & (alpha < np.pi / 2) & (h > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(ok, h * (1.0 / np.tan(theta) - 1.0 / np.tan(alpha)), np.nan)


# =============================================================================================
# Parcel quantities (sbplanner:terrace_quantities)
# =============================================================================================

#: Terrace measures of the catalogue and their cross-section kind.
TERRACE_KINDS = {
    "terrace_level_earth": "level",
    "terrace_level_stone": "level",
    "terrace_slope": "slope",
    "terrace_interval": "interval",
}
SUITABLE, REDUCED, UNSUITABLE = "suitable", "reduced", "unsuitable"
#: Measure codes proposed instead of an unsuitable terrace.
RETIRE_CODE, SLOPE_TERRACE_CODE = "retire_to_forest_grass", "terrace_slope"
#: Slope (°) from which an unsuitable parcel is retired rather than slope-terraced (水土保持法 第二十条).
RETIRE_SLOPE_DEG = 25.0
#: Riser height limit by riser material when neither the parameter nor the catalogue gives one
#: (GB 51018-2014 条文说明 6.1.4: earth ≤ 2.0 m, stone ≤ 2.5 m).
RISER_LIMIT_BY_MATERIAL_M = {"earth": 2.0, "dry_stone": 2.5, "stone": 2.5}

#: Output columns of the terraced parcels, in this order (the issue's stable contract first).
OUTPUT_COLUMNS = (
    "bench_width_m",
    "riser_height_m",
    "riser_angle_deg",
    "riser_share",
    "bench_length_m",
    "earthwork_m3",
    "earthwork_m3_per_ha",
    "masonry_m3",
    "net_cropland_ha",
    "labour_days",
    "suitability",
    "suitability_reason",
    "terrace_type",
    "riser_material",
    "slope_design_deg",
    "steep_share_pct",
    "gross_width_m",
    "slope_width_m",
    "cut_m3_per_m",
    "haul_m",
    "lip_ridge_m3",
    "alternative_measure",
    "basis",
    "change_key",
)
TEXT_COLUMNS = frozenset(
    {
        "suitability",
        "suitability_reason",
        "terrace_type",
        "riser_material",
        "alternative_measure",
        "basis",
        "change_key",
    }
)


class TerraceError(SbPlannerError):
    key = "terrace"


class RiserAngleError(TerraceError):
    key = "riser_angle"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "Parcel {parcel}: the riser angle α {alpha:g}° must be steeper than the ground slope θ {theta:.1f}° (and below 90°); a riser at α ≤ θ cannot hold a bench."  # noqa: E501
    )  # fmt: skip


class DimensionError(TerraceError):
    key = "terrace_dimension"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "{name} must be a positive number (got {value}) — {where}.")


class BenchBelowMinimumError(TerraceError):
    key = "bench_below_minimum"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The bench width B {bench:g} m is below the minimum workable width {minimum:g} m ({where})."
    )  # fmt: skip


class TerraceOffDemError(TerraceError):
    key = "terrace_off_dem"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The DEM does not cover {count} terraced parcels (no DEM cell inside; parcel ids {ids}): their slope is unknown. Use a DEM that covers every parcel."  # noqa: E501
    )  # fmt: skip


class TerraceTableError(TerraceError):
    key = "terrace_table"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "{file}, line {line}: {problem}")


@dataclass(frozen=True)
class BenchWidthRow:
    """One row of ``terrace_bench_widths.csv``: the recommended net bench width for a slope band."""

    slope_min_deg: float
    slope_max_deg: float
    bench_width_m: float


@dataclass(frozen=True)
class LabourNorm:
    """One row of ``labour_norms.csv``: ``days_per_unit`` 工日 per unit of ``basis_item`` of ``measure_code``."""

    measure_code: str
    basis_item: str
    days_per_unit: float


BENCH_WIDTH_SCHEMA: dict[str, Kind] = {
    "slope_min_deg": Num(0.0, 90.0),
    "slope_max_deg": Num(0.0, 90.0, lo_open=True),
    "bench_width_m": Num(0.0, 100.0, lo_open=True, warn_lo=1.0, warn_hi=30.0),
}
LABOUR_SCHEMA: dict[str, Kind] = {
    "measure_code": "opt",
    "basis_item": "str",
    "days_per_unit": Num(0.0, 1000.0, warn_hi=50.0),  # 工日 per unit of the item
}


def parse_bench_widths(name: str, text: str) -> list[BenchWidthRow]:
    """``terrace_bench_widths.csv``: slope_min_deg, slope_max_deg, bench_width_m (lower-inclusive bands)."""
    rows = [
        BenchWidthRow(float(row["slope_min_deg"]), float(row["slope_max_deg"]), float(row["bench_width_m"]))
        for _line, row in parse_table_lines(name, text, BENCH_WIDTH_SCHEMA, provenance=False)
    ]
    return sorted(rows, key=lambda r: r.slope_min_deg)


def parse_labour_norms(name: str, text: str) -> list[LabourNorm]:
    """``labour_norms.csv``: measure_code, basis_item (an :class:`Item`), days_per_unit (工日 per unit)."""
    out = []
    known = {i.value for i in Item}
    for line, row in parse_table_lines(name, text, LABOUR_SCHEMA, provenance=False):
        item = row["basis_item"]
        if item not in known:
            raise TerraceTableError(
                file=name,
                line=line,
                problem=msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "unknown quantity item '{item}'"), item=item),
            )
        out.append(LabourNorm(row["measure_code"], item, float(row["days_per_unit"])))
    return out


def bench_width_from_table(slope_deg: np.ndarray, table: Sequence[BenchWidthRow]) -> np.ndarray:
    """Recommended net bench width B per slope (NaN outside every band)."""
    slope = np.asarray(slope_deg, dtype=np.float64)
    out = np.full(slope.shape, np.nan)
    for row in table:
        inside = (slope >= row.slope_min_deg) & (slope < row.slope_max_deg) & np.isnan(out)
        out[inside] = row.bench_width_m
    return out


@dataclass(frozen=True)
class TerraceSettings:
    """The algorithm's parameters; 0 = from the catalogue / tables (see ``sbplanner:terrace_quantities``)."""

    bench_width_m: float = 0.0
    riser_angle_deg: float = 0.0
    riser_height_max_m: float = 0.0
    min_bench_width_m: float = 3.0

    def key(self) -> str:
        return f"{self.bench_width_m:g}|{self.riser_angle_deg:g}|{self.riser_height_max_m:g}|{self.min_bench_width_m:g}"


@dataclass
class TerraceInputs:
    """Parcels (one entry per feature of the layer, in layer order) and the DEM cells."""

    parcel_ids: np.ndarray  # int, the parcels' parcel_id (or feature index)
    measure_codes: Sequence[object]  # primary measure (step 3)
    measure_params: Sequence[object]  # the parcel's key=value overrides of the catalogue's design_params
    area_m2: np.ndarray  # horizontal (map) area
    geometries_wkb: Sequence[bytes]
    cell_labels: np.ndarray  # DEM-shaped: 0 = no parcel, i + 1 = parcel at index i
    cell_slope_deg: np.ndarray  # DEM-shaped slope (Horn, as step 2)
    design_params: Mapping[str, Mapping]  # catalogue design_params by terrace measure code
    bench_widths: Sequence[BenchWidthRow]
    labour_norms: Sequence[LabourNorm]
    settings: TerraceSettings = field(default_factory=TerraceSettings)
    ws_codes: Sequence[object] | None = None
    villages: Sequence[object] | None = None
    years: Sequence[object] | None = None
    #: Previous result rows by parcel_id (the OUTPUT_COLUMNS values of an earlier run), or None.
    previous: Mapping[int, Mapping] | None = None


@dataclass
class TerraceResult:
    rows: np.ndarray  # indices (into the inputs) of the terraced parcels, in layer order
    table: pd.DataFrame  # OUTPUT_COLUMNS, one row per entry of ``rows``
    items: pd.DataFrame  # core.quantities.items table
    recomputed: int
    kept: int

    def count(self, suitability: str) -> int:
        return int((self.table["suitability"] == suitability).sum())


def change_key(wkb: bytes, code: object, params: object, settings: TerraceSettings, tables: str = "") -> str:
    """What a parcel's terrace quantities depend on: geometry, measure, its params, the settings and
    ``tables`` (:func:`tables_key`: the catalogue's design_params of the measure, the bench-width and labour
    tables), so an edit of any of them recomputes the parcel."""
    h = hashlib.sha1(bytes(wkb or b""), usedforsecurity=False)
    h.update(f"|{code_text(code) or ''}|{code_text(params) or ''}|{settings.key()}|{tables}".encode())
    return h.hexdigest()[:16]


def tables_key(inputs: TerraceInputs, code: str) -> str:
    """A digest of the parameter tables a parcel of measure ``code`` depends on."""
    design = sorted((str(k), repr(v)) for k, v in inputs.design_params.get(code, {}).items())
    widths = [(r.slope_min_deg, r.slope_max_deg, r.bench_width_m) for r in inputs.bench_widths]
    norms = sorted((n.measure_code, n.basis_item, repr(n.days_per_unit)) for n in inputs.labour_norms)
    return hashlib.sha1(repr((design, widths, norms)).encode(), usedforsecurity=False).hexdigest()[:16]


def _design(inputs: TerraceInputs, index: int) -> dict:
    code = code_text(inputs.measure_codes[index]) or ""
    merged = dict(inputs.design_params.get(code, {}))
    for token in split_list(inputs.measure_params[index]):
        key, sep, value = token.partition("=")
        if sep and key.strip():
            number = to_number(value)
            merged[key.strip()] = number if np.isfinite(number) else value.strip()
    return merged


def _positive(value, name: str, where: str) -> float:
    number = to_number(value)
    if not np.isfinite(number) or number <= 0:
        raise DimensionError(name=name, value=value, where=where)
    return number


def _design_values(inputs: TerraceInputs, i: int, code: str, s: TerraceSettings) -> tuple:
    """(design, kind, riser material, B or NaN for auto, α, H_max) of parcel ``i`` (see :func:`terrace_layer`)."""
    design = _design(inputs, i)
    where = f"parcel {int(inputs.parcel_ids[i])}, {code}"
    kind = TERRACE_KINDS[code]
    material = str(design.get("riser", "earth" if kind != "level" or code.endswith("earth") else "dry_stone"))
    bench = np.nan
    if s.bench_width_m > 0:
        bench = s.bench_width_m
    elif str(design.get("bench_width_m", "auto")).strip().lower() not in ("auto", "", "nan"):
        bench = _positive(design["bench_width_m"], "bench_width_m", where)
    alpha = s.riser_angle_deg or _positive(design.get("riser_angle_deg", 75.0), "riser_angle_deg", where)
    limit = s.riser_height_max_m or to_number(design.get("riser_height_max_m"))
    if not np.isfinite(limit) or limit <= 0:
        limit = RISER_LIMIT_BY_MATERIAL_M.get(material, 2.0)
    return design, kind, material, bench, alpha, limit


def terrace_layer(inputs: TerraceInputs) -> TerraceResult:
    """Cross-section, suitability and quantities of every terraced parcel (GB/T 16453.1-2008,
    GB 51018-2014 §6.1; domain reference §5.3–§5.6).

    Per parcel with a terrace as primary measure:

    - θ = the area-weighted mean slope of its DEM cells (equal cells: the cell mean);
    - B = the setting, else the parcel's/catalogue's ``bench_width_m``, else (``auto``) the slope band of
      ``terrace_bench_widths.csv``; α = the setting, else ``riser_angle_deg``; H_max = the setting, else
      ``riser_height_max_m``, else by riser material (earth 2.0 m, stone 2.5 m);
    - H = B·sinθ·sinα / sin(α − θ) (:func:`level_section`). When H > H_max, B is reduced to
      B' = H_max (cotθ − cotα) so H = H_max (suitability ``reduced``); when B' < the minimum workable
      width the parcel is ``unsuitable`` (H at the minimum width is reported in the reason, never a
      clipped H) with the alternative: 退耕还林还草 from 25°, else 坡式梯田;
    - level terraces: bench length L = A / B_m (A the horizontal area, B_m = H·cotθ the gross width of one
      unit), earthwork (cut = fill) = B·H/8 · L, riser length = L, riser share tanθ/tanα, net cropland
      A·(1 − tanθ/tanα); ``earthwork_m3_per_ha`` = 1250·H, the standard's per-hectare figure (it takes
      10 000/B m of bench per hm²; the parcel's own earthwork uses L = A/B_m, so earthwork_m3 / area =
      1250·H·B/B_m, smaller by the riser share); stone risers: dry masonry H × wall thickness × L; an earth
      lip ridge (田埂) of side ``lip_ridge_m`` adds lip² × L of fill;
    - 坡式梯田 (GB 51018 条文说明 6.2.2): contour ridges at the slope width B_x of the level design (B_m
      horizontally), only the ridge earthwork counts: ridge section (top + top + 2·m·h)/2 · h × L, the ridge
      footprint (top + 2·m·h)/B_m is the riser share;
    - 隔坡梯田 (条文说明 6.2.3, ≤ 20°): the level section on the benched share ``bench_share`` of the area;
    - labour = Σ quantity × 工日 per unit of ``labour_norms.csv`` (PROPOSAL norms, §5.6).

    ``steep_share_pct`` is the share of the parcel's cells steeper than θ*, the slope at which H(B) would
    exceed H_max (cotθ* = B/H_max + cotα): the part of the parcel the mean-slope design does not fit.
    """
    codes = [code_text(c) or "" for c in inputs.measure_codes]
    rows = np.array([i for i, c in enumerate(codes) if c in TERRACE_KINDS], dtype=np.int64)
    s = inputs.settings
    if s.min_bench_width_m <= 0:
        raise DimensionError(name="MIN_BENCH_WIDTH_M", value=s.min_bench_width_m, where="parameter")
    for name, value in (("BENCH_WIDTH_M", s.bench_width_m), ("RISER_ANGLE_DEG", s.riser_angle_deg),
                        ("RISER_HEIGHT_MAX_M", s.riser_height_max_m)):  # fmt: skip
        if value < 0 or not np.isfinite(value):
            raise DimensionError(name=name, value=value, where="parameter")
    if 0 < s.bench_width_m < s.min_bench_width_m:
        raise BenchBelowMinimumError(bench=s.bench_width_m, minimum=s.min_bench_width_m, where="BENCH_WIDTH_M")

    if rows.size == 0:  # a plan without terraces: nothing to compute (the algorithm says so)
        table = pd.DataFrame({c: pd.Series([], dtype=object if c in TEXT_COLUMNS else float) for c in OUTPUT_COLUMNS})
        return TerraceResult(rows=rows, table=table, items=items_frame(), recomputed=0, kept=0)
    tables = {c: tables_key(inputs, c) for c in {codes[i] for i in rows}}
    keys = [change_key(inputs.geometries_wkb[i], codes[i], inputs.measure_params[i], s, tables[codes[i]]) for i in rows]
    ids = np.asarray(inputs.parcel_ids)[rows]
    previous = inputs.previous or {}
    kept_mask = np.array([previous.get(int(pid), {}).get("change_key") == k for pid, k in zip(ids, keys)], bool)
    todo = rows[~kept_mask]

    # slope of every parcel: mean and the cells themselves (one numba pass over the grid)
    n = len(codes)
    sums, counts = zonal_finite_sum_count(inputs.cell_labels, np.asarray(inputs.cell_slope_deg), n)
    sums, counts = sums[1:], counts[1:]
    off = todo[counts[todo] == 0]
    if off.size:
        shown = ", ".join(str(int(inputs.parcel_ids[i])) for i in off[:10]) + (" …" if off.size > 10 else "")
        raise TerraceOffDemError(count=int(off.size), ids=shown)
    with np.errstate(invalid="ignore", divide="ignore"):
        theta_all = sums / counts

    table = pd.DataFrame(index=range(rows.size), columns=list(OUTPUT_COLUMNS), dtype=object)
    out = {c: np.full(rows.size, np.nan) for c in OUTPUT_COLUMNS if c not in TEXT_COLUMNS}
    text = {c: [None] * rows.size for c in TEXT_COLUMNS}

    # per parcel design values (a dict per parcel; vectorised computation after)
    b0 = np.full(rows.size, np.nan)
    alpha = np.full(rows.size, np.nan)
    hmax = np.full(rows.size, np.nan)
    designs: list[dict] = []
    memo: dict = {}  # (code, measure_params text) → design values: a plan has few distinct ones
    for j, i in enumerate(rows):
        if kept_mask[j]:
            designs.append({})
            continue
        params = inputs.measure_params[i]
        key = (codes[i], params) if params is None or type(params) is str else None
        got = memo.get(key) if key is not None else None
        if got is None:  # errors name the first parcel with these values, as a loop over every parcel would
            got = _design_values(inputs, int(i), codes[i], s)
            if key is not None:
                memo[key] = got
        design, kind, material, b0[j], alpha[j], hmax[j] = got
        designs.append(design)
        text["riser_material"][j] = material
        text["terrace_type"][j] = kind
    theta = theta_all[rows]
    auto = np.isnan(b0) & ~kept_mask
    b0[auto] = bench_width_from_table(theta[auto], inputs.bench_widths)
    missing = auto & np.isnan(b0)
    if missing.any():
        j = int(np.flatnonzero(missing)[0])
        raise DimensionError(
            name="bench_width_m",
            value=f"auto ({theta[j]:.1f}°)",
            where=f"parcel {int(ids[j])}: no band of terrace_bench_widths.csv covers this slope",
        )
    todo_j = np.flatnonzero(~kept_mask)
    bad = todo_j[~((alpha[todo_j] > theta[todo_j]) & (alpha[todo_j] < 90.0))]
    if bad.size:
        j = int(bad[0])
        raise RiserAngleError(parcel=int(ids[j]), alpha=float(alpha[j]), theta=float(theta[j]))

    _compute(inputs, rows, todo_j, theta, b0, alpha, hmax, designs, codes, out, text)
    for j in todo_j:
        text["change_key"][j] = keys[j]
    for j in np.flatnonzero(kept_mask):
        prev = previous[int(ids[j])]
        for c in OUTPUT_COLUMNS:
            if c in TEXT_COLUMNS:
                text[c][j] = prev.get(c)
            else:
                out[c][j] = to_number(prev.get(c))
    for c in OUTPUT_COLUMNS:
        table[c] = text[c] if c in TEXT_COLUMNS else out[c]
    items = _items(inputs, rows, codes, table)
    return TerraceResult(rows=rows, table=table, items=items, recomputed=int(todo_j.size), kept=int(kept_mask.sum()))


def _compute(inputs, rows, todo_j, theta, b0, alpha, hmax, designs, codes, out, text) -> None:
    s = inputs.settings
    area = np.asarray(inputs.area_m2, dtype=np.float64)[rows][todo_j]
    th, al, hm, bw = theta[todo_j], alpha[todo_j], hmax[todo_j], b0[todo_j]
    h0 = level_section(th, bw, al).riser_height_m
    b_fit = np.where(h0 > hm, bench_width_for_height(th, hm, al), bw)
    kinds = np.array([TERRACE_KINDS[codes[rows[j]]] for j in todo_j])
    reduced = (h0 > hm) & (b_fit >= s.min_bench_width_m) & (kinds != "slope")
    unsuitable = (h0 > hm) & (b_fit < s.min_bench_width_m) & (kinds != "slope")
    interval_steep = (kinds == "interval") & (th > 20.0)
    unsuitable |= interval_steep
    reduced &= ~interval_steep
    b = np.where(reduced, b_fit, bw)
    sec = level_section(th, b, al)
    h = sec.riser_height_m
    # H at the minimum width, for the reason of an unsuitable parcel
    h_min = level_section(th, s.min_bench_width_m, al).riser_height_m
    # share of cells steeper than θ*, where H(B) would exceed H_max: cotθ* = B/H_max + cotα
    theta_star = np.degrees(np.arctan(1.0 / (b / hm + 1.0 / np.tan(np.radians(al)))))
    steep_share = _steep_share(inputs, rows[todo_j], theta_star)

    length = area / sec.gross_width_m  # bench (= riser) length in the parcel
    earth = sec.cut_m3_per_m * length
    share = sec.riser_share.copy()
    masonry = np.zeros(todo_j.size)
    lip = np.zeros(todo_j.size)
    for k, j in enumerate(todo_j):
        d = designs[j]
        kind = kinds[k]
        if kind == "level" and str(d.get("riser", "earth")) in ("dry_stone", "stone", "mortar_stone"):
            thickness = _positive(d.get("wall_top_m", 0.4), "wall_top_m", f"parcel {int(inputs.parcel_ids[rows[j]])}")
            masonry[k] = h[k] * thickness * length[k]
        if kind == "level" and to_number(d.get("lip_ridge_m")) > 0:
            lip[k] = to_number(d.get("lip_ridge_m")) ** 2 * length[k]
        if kind == "slope":
            rh = _positive(d.get("ridge_height_m", 0.5), "ridge_height_m", "terrace_slope")
            rt = _positive(d.get("ridge_top_m", 0.3), "ridge_top_m", "terrace_slope")
            m = to_number(d.get("ridge_side_slope", 1.0))
            m = 1.0 if not np.isfinite(m) or m < 0 else m
            bottom = rt + 2 * m * rh
            earth[k] = (rt + bottom) / 2 * rh * length[k]
            share[k] = bottom / sec.gross_width_m[k]
        if kind == "interval":
            bench_share = to_number(d.get("bench_share", 0.5))
            bench_share = 0.5 if not (0 < bench_share <= 1) else bench_share
            length[k] *= bench_share
            earth[k] *= bench_share
            lip[k] *= bench_share
            share[k] *= bench_share
    none = unsuitable
    for arr in (earth, masonry, lip, length):
        arr[none] = 0.0
    net = area / 1e4 * (1.0 - np.where(none, 0.0, share))
    labour = np.zeros(todo_j.size)
    norms: dict = {}  # measure code → its (item, 工日 per unit), in the table's order
    for n in inputs.labour_norms:
        norms.setdefault(n.measure_code, []).append((n.basis_item, n.days_per_unit))
    cut, dry, fill = Item.EARTH_CUT_M3.value, Item.DRY_MASONRY_M3.value, Item.EARTH_FILL_M3.value
    for k, j in enumerate(todo_j):
        quantities = {cut: earth[k], dry: masonry[k], fill: earth[k] + lip[k]}
        labour[k] = sum(quantities.get(item, 0.0) * days for item, days in norms.get(codes[rows[j]], ()))
    values = {
        "bench_width_m": b,
        "riser_height_m": h,
        "riser_angle_deg": al,
        "riser_share": np.where(none, np.nan, share),
        "bench_length_m": length,
        "earthwork_m3": earth,
        "earthwork_m3_per_ha": np.where(kinds == "slope", np.nan, sec.earthwork_m3_per_ha),
        "masonry_m3": masonry,
        "net_cropland_ha": net,
        "labour_days": labour,
        "slope_design_deg": th,
        "steep_share_pct": steep_share * 100.0,
        "gross_width_m": sec.gross_width_m,
        "slope_width_m": sec.slope_width_m,
        "cut_m3_per_m": np.where(kinds == "slope", np.nan, sec.cut_m3_per_m),
        "haul_m": np.where(kinds == "slope", np.nan, sec.haul_m),
        "lip_ridge_m3": lip,
    }
    for c, v in values.items():
        out[c][todo_j] = v
    for k, j in enumerate(todo_j):
        kind = kinds[k]
        if unsuitable[k]:
            alt = RETIRE_CODE if th[k] >= RETIRE_SLOPE_DEG else SLOPE_TERRACE_CODE
            text["suitability"][j] = UNSUITABLE
            text["alternative_measure"][j] = alt
            alt_zh = "退耕还林还草" if alt == RETIRE_CODE else "坡式梯田"
            if interval_steep[k]:
                reason = f"坡度 {th[k]:.1f}° > 20°：隔坡梯田适用于 ≤ 20° 的坡耕地（GB 51018-2014 6.1.4）；建议{alt_zh}"
            else:
                reason = (
                    f"最小田面宽 {s.min_bench_width_m:g} m 时田坎高 H = {h_min[k]:.2f} m > 限值 {hm[k]:g} m"
                    f"（θ {th[k]:.1f}°, α {al[k]:g}°）：不宜修水平梯田，建议{alt_zh}"
                )
            text["suitability_reason"][j] = reason
        elif reduced[k]:
            text["suitability"][j] = REDUCED
            text["suitability_reason"][j] = (
                f"田面宽 {bw[k]:g} m 时 H = {h0[k]:.2f} m > 限值 {hm[k]:g} m：田面宽减为 {b[k]:.2f} m，H = {hm[k]:g} m"
            )
        else:
            text["suitability"][j] = SUITABLE
            text["suitability_reason"][j] = (
                f"坡式梯田：埂距（斜宽）B_x = {sec.slope_width_m[k]:.2f} m，仅计等高埂土方" if kind == "slope" else
                f"H = {h[k]:.2f} m ≤ 限值 {hm[k]:g} m"
            )  # fmt: skip
        if steep_share[k] > 0 and not unsuitable[k]:
            text["suitability_reason"][j] += (
                f"；{steep_share[k] * 100:.0f} % 的面积坡度 > {theta_star[k]:.1f}°，该处 H 将超限"
            )
        text["basis"][j] = _basis(kind, th[k], b[k], al[k], h[k], sec, k, area[k], length[k], earth[k], masonry[k])


def _basis(kind, th, b, al, h, sec, k, area, length, earth, masonry) -> str:
    """The formula with the parcel's numbers (reproducible by hand)."""
    if not np.isfinite(h):
        return ""
    head = (
        f"H = B·sinθ·sinα/sin(α−θ) = {b:.2f}·sin{th:.2f}°·sin{al:g}°/sin{al - th:.2f}° = {h:.3f} m; "
        f"B_m = H·cotθ = {sec.gross_width_m[k]:.3f} m; L = A/B_m = {area:.1f}/{sec.gross_width_m[k]:.3f}"
    )
    if kind == "slope":
        return head + f" = {length:.1f} m of contour ridge; ridge earthwork {earth:.1f} m³ (ridge section × L)"
    tail = f" = {length:.1f} m; V = B·H/8·L = {earth:.1f} m³; 1250·H = {1250 * h:.0f} m³/hm² (GB/T 16453.1)"
    if masonry > 0:
        tail += f"; dry masonry H·t·L = {masonry:.1f} m³"
    if kind == "interval":
        tail += " (benched share only)"
    return head + tail


def _steep_share(inputs: TerraceInputs, rows: np.ndarray, theta_star: np.ndarray) -> np.ndarray:
    """Share of each parcel's cells (rows) steeper than its θ* (one numba pass over the grid)."""
    n = len(inputs.measure_codes)
    limit = np.full(n + 1, np.inf)
    limit[rows + 1] = theta_star
    total, above = zonal_count_above(inputs.cell_labels, np.asarray(inputs.cell_slope_deg), limit)
    above = above.astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.nan_to_num(above[rows + 1] / total[rows + 1])


def _items(inputs: TerraceInputs, rows: np.ndarray, codes, table: pd.DataFrame) -> pd.DataFrame:
    """The items of the suitable / reduced parcels (vectorised: one block of rows per item)."""
    ok = (table["suitability"] != UNSUITABLE).to_numpy()
    idx = rows[ok]
    if idx.size == 0:
        return items_frame()

    def column(values):
        return [None] * idx.size if values is None else [code_text(values[i]) for i in idx]

    earth = table["earthwork_m3"].to_numpy(np.float64)[ok]
    per_item = (
        (Item.AREA_HA, np.asarray(inputs.area_m2, dtype=np.float64)[idx] / 1e4),
        (Item.EARTH_CUT_M3, earth),
        (Item.EARTH_FILL_M3, earth + table["lip_ridge_m3"].to_numpy(np.float64)[ok]),
        (Item.DRY_MASONRY_M3, table["masonry_m3"].to_numpy(np.float64)[ok]),
        (Item.LENGTH_M, table["bench_length_m"].to_numpy(np.float64)[ok]),
        (Item.LABOUR_DAYS, table["labour_days"].to_numpy(np.float64)[ok]),
    )
    base = pd.DataFrame({
        "source": SOURCE_TERRACE,
        "feature_id": np.asarray(inputs.parcel_ids)[idx],
        "ws_code": column(inputs.ws_codes),
        "village": column(inputs.villages),
        "measure_code": [codes[i] for i in idx],
        "year": [to_number(inputs.years[i]) for i in idx] if inputs.years is not None else 1,
    })  # fmt: skip
    blocks = []
    for item, quantity in per_item:
        keep = np.isfinite(quantity) & (quantity > 0)
        if keep.any():
            blocks.append(base[keep].assign(item=item.value, quantity=quantity[keep]))
    return items_frame(pd.concat(blocks, ignore_index=True) if blocks else None)
