"""Quantities of every measure other than terraces (sbplanner:measure_quantities): area measures per parcel
(林草, 整地, 封育, 耕作) and point / line works (ditches, cisterns, cellars, basins, gully heads, roads, dams).

Every number is a formula of the catalogue's ``design_params`` (resources/params/measures.csv, overridden by a
parcel's / work's ``measure_params``) and of ``quantity_params.csv`` (replanting rate, section sizes, runoff
coefficient …; each with its source and confidence). Formulas (domain reference §6.2–§6.5, DERIVED/PROPOSAL
unless a clause is named):

- planting density N = 10 000 / (株距 × 行距) per hm² (``spacing_m`` "2x3"), or ``density_per_ha``;
  seedlings = N × area × (1 + replanting rate); trees and shrubs by the measure (乔灌混交: ``shrub_share``);
- one 整地 pit per plant; pit excavation 穴状 π·d²/4 · depth, 鱼鳞坑 (half-moon: long diameter a, short radius
  b) π·a·b/4 · depth; 鱼鳞坑 as a measure: 10 000 / (pit spacing × row spacing) pits per hm²;
- 水平沟 / 竹节水平沟: length = area / spacing, excavation = (top + bottom)/2 × depth × length (竹节: less the
  ties, × (1 − tie width / tie spacing)); 水平阶: a narrow terrace, H = b/(cotθ − cotα), cut b·H/8 per metre,
  length = area / spacing (θ = the parcel's mean slope);
- 种草 / seed: area, seed = rate × area; 封育: fence = the parcel's perimeter (adjacent 封育 parcels share one
  fence around their union: perimeters scaled by union boundary / Σ perimeters), signs = ⌈signs_per_km2 × km²⌉
  (at least one), area; 耕作 and other area measures: area; 植物篱: length = area / strip spacing;
- 截水沟 / 排水沟: trapezoidal section (top, bottom, depth) × length = excavation; lined ditches: masonry =
  lining thickness × wetted perimeter × length; design discharge Q = 0.278·K·I·F (推理公式, F km², I mm/h,
  GB/T 16453.4 as in domain reference §6.4), section capacity by Manning Q = A·R^(2/3)·S^(1/2)/n;
- 蓄水池 / 水窖 / 沉沙池: count, storage = volume, excavation = volume × factor, lining by the table;
- 沟头防护: count, earthwork = the design storage W = 10·K·R·F of step 3 (蓄水型);
- dams (谷坊, 拦沙坝, 塘坝, 淤地坝 …): :func:`sbplanner_plugin.core.quantities.dams.dam_quantities` on the DEM.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from operator import itemgetter

import numpy as np
import pandas as pd

from sbplanner_plugin.core.definitions import code_text, split_list, to_number
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, SbPlannerError, msg
from sbplanner_plugin.core.params import ByKey, Kind, Num, parse_table_lines
from sbplanner_plugin.core.quantities.items import SOURCE_MEASURE, SOURCE_WORKS, Item, items_frame
from sbplanner_plugin.core.quantities.terrace import TERRACE_KINDS, LabourNorm

#: Measures whose plants are shrubs (the others plant trees).
SHRUB_MEASURES = frozenset({"forest_shrub", "benggang_revegetation"})
#: Measures planting both (``shrub_share`` of the plants are shrubs).
MIXED_MEASURES = frozenset({"forest_mixed", "eco_forest_grass"})
#: Dam works (computed from the DEM by the dams kernel).
DAM_CODES = frozenset({"check_dam", "sediment_dam", "pond_dam", "warping_dam", "benggang_mouth_dam", "overflow_weir"})
DITCH_CODES = frozenset({"intercept_ditch", "drain_ditch", "flood_ditch"})
ROAD_CODES = frozenset({"field_road", "production_road"})
STORAGE_CODES = frozenset({"cistern", "water_cellar", "silt_basin"})

PARCEL_COLUMNS = (
    "qty_measures",  # the measures of the parcel whose quantities are given (';')
    "site_prep_spec",  # 整地规格 (D.0.14)
    "spacing_m",  # 株行距
    "density_per_ha",  # 种植密度
    "trees",
    "shrubs",
    "seed_kg",  # 播种量
    "site_prep_pits",
    "earth_cut_m3",
    "fence_m",
    "signs",
    "length_m",
    "labour_days",
    "basis",
    "change_key",  # what the parcel's quantities depend on (parcel_change_keys): unchanged parcels are kept
)
WORK_COLUMNS = (
    "work_layer",
    "work_id",
    "measure_code",
    "ws_code",
    "count",
    "length_m",
    "section_m2",
    "design_q_m3s",
    "capacity_q_m3s",
    "capacity_ok",
    "earth_cut_m3",
    "earth_fill_m3",
    "mortar_masonry_m3",
    "concrete_m3",
    "storage_m3",
    "crest_length_m",
    "dam_height_m",
    "dam_class",
    "labour_days",
    "basis",
    "error",
    "change_key",  # what the works' quantities depend on (works_change_key), the same on every row
)


class MeasureQuantityError(SbPlannerError):
    key = "measure_quantity"


class MeasureParamError(MeasureQuantityError):
    key = "measure_param"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "{where}: the design parameter {name} = '{value}' must be a positive number (or AxB for a spacing)."
    )  # fmt: skip


class QuantityTableError(MeasureQuantityError):
    key = "quantity_table"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "{file}, line {line}: {problem}")


class DamWithoutDemError(MeasureQuantityError):
    key = "dam_without_dem"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "{count} dam works (谷坊, 拦沙坝, 塘坝, 淤地坝 …) need the DEM for their cross-section and storage: give the DEM."  # noqa: E501
    )  # fmt: skip


class DamSiteError(MeasureQuantityError):
    key = "dam_site"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "Dam work {work} ({layer}, {code}): {reason}. Move the dam point onto the channel or redraw the dam line across it."  # noqa: E501
    )  # fmt: skip


#: Why the dam kernel could not place a dam, by its error key (core.quantities.dams.ERROR_KEYS).
DAM_REASONS = {
    "not_across_channel": QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "the dam line does not cross a channel (no point on it is lower than both ends)"),
    "abutment_not_reached": QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "the ground does not rise to the crest elevation on one side of the dam line"),
    "axis_outside_dem": QT_TRANSLATE_NOOP("SbPlannerErrors", "the DEM does not cover the dam line"),
    "no_flow_direction": QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "no flow direction at the dam point (flat or nodata DEM); draw the dam axis as a line"),
    "reservoir_not_closed": QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "the impoundment below the crest reaches the edge of the DEM or of the search window"),
    "invalid_dimensions": QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "zero or negative height, crest width or side slope, or a freeboard not below the height"),
    "capacity_not_reached": QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "the required storage is not held below the maximum dam height"),
    "unknown_dam_type": QT_TRANSLATE_NOOP("SbPlannerErrors", "this measure is not a dam work"),
}  # fmt: skip


_PIT_M = Num(0.0, 10.0, lo_open=True)
#: Each key of quantity_params.csv with its allowed (and usual) range; a key left out takes the rule's default.
QUANTITY_KEYS: dict[str, Kind] = {
    "replant_rate": Num(0.0, 1.0, warn_hi=0.5),
    "mixed_shrub_share": Num(0.0, 1.0),
    "retire_density_per_ha": Num(0.0, 1e6, lo_open=True, warn_lo=100.0, warn_hi=50000.0),
    **{k: _PIT_M for k in ("fish_pit_long_m", "fish_pit_short_m", "fish_pit_depth_m", "fruit_pit_side_m")},
    **{k: _PIT_M for k in ("fruit_pit_depth_m", "default_pit_diameter_m", "default_pit_depth_m")},
    "level_bench_spacing_m": Num(0.0, 100.0, lo_open=True),
    "level_bench_riser_angle_deg": Num(0.0, 90.0, lo_open=True),
    "ditch_bottom_width_m": Num(0.0, 20.0, lo_open=True),
    "ditch_gradient": Num(0.0, 1.0, lo_open=True, warn_hi=0.1),
    "manning_n_earth": Num(0.0, 1.0, lo_open=True, warn_lo=0.01, warn_hi=0.1),
    "manning_n_masonry": Num(0.0, 1.0, lo_open=True, warn_lo=0.01, warn_hi=0.1),
    "lining_thickness_m": Num(0.0, 5.0),
    "design_intensity_mm_h": Num(0.0, 1000.0, lo_open=True, warn_hi=300.0),
    "runoff_coeff": Num(0.0, 1.0),
    **{f"{w}_excavation_factor": Num(0.0, 10.0) for w in ("cistern", "water_cellar", "silt_basin")},
    **{k: Num(0.0, 10.0) for k in ("cistern_concrete_m3_per_m3", "cistern_masonry_m3_per_m3")},
    **{k: Num(0.0, 10.0) for k in ("water_cellar_concrete_m3_per_m3", "silt_basin_masonry_m3_per_m3")},
}
QUANTITY_SCHEMA: dict[str, Kind] = {"key": "str", "value": ByKey(keys=QUANTITY_KEYS)}


def parse_quantity_params(name: str, text: str) -> dict[str, float]:
    """``quantity_params.csv``: key, value (numbers, each in its range of :data:`QUANTITY_KEYS`)."""
    rows = parse_table_lines(name, text, QUANTITY_SCHEMA, provenance=False)
    return {row["key"]: float(row["value"]) for _line, row in rows if not isinstance(row["value"], str)}


def _merged(design: Mapping, params_text: object) -> dict:
    merged = dict(design)
    for token in split_list(params_text):
        key, sep, value = token.partition("=")
        if sep and key.strip():
            number = to_number(value)
            merged[key.strip()] = number if np.isfinite(number) else value.strip()
    return merged


def _positive(d: Mapping, key: str, default: float, where: str) -> float:
    value = d.get(key, default)
    number = to_number(value)
    if not np.isfinite(number) or number <= 0:
        raise MeasureParamError(where=where, name=key, value=value)
    return number


def _spacing(d: Mapping, where: str) -> tuple[float, float] | None:
    """``spacing_m`` "2x3" → (2, 3) (株距 × 行距); None when not given."""
    value = d.get("spacing_m")
    if value is None or str(value).strip() == "":
        return None
    parts = str(value).lower().replace("×", "x").replace("*", "x").split("x")
    numbers = [to_number(p) for p in parts]
    if len(numbers) == 1 and np.isfinite(numbers[0]) and numbers[0] > 0:
        return numbers[0], numbers[0]
    if len(numbers) != 2 or not all(np.isfinite(n) and n > 0 for n in numbers):
        raise MeasureParamError(where=where, name="spacing_m", value=value)
    return numbers[0], numbers[1]


def _pit_volume(spec: object, q: Mapping[str, float]) -> tuple[float, str]:
    """Excavation (m³) of one planting pit from a catalogue ``pit`` spec: ``cave_0.5x0.4`` (穴状, diameter ×
    depth), ``large_fruit_pit`` (the table's size), ``fish_scale_pit`` (the table's 鱼鳞坑)."""
    text = str(spec or "").strip().lower()
    if text.startswith("cave_"):
        d, _, depth = text.removeprefix("cave_").partition("x")
        d, depth = to_number(d), to_number(depth)
        if np.isfinite(d) and np.isfinite(depth) and d > 0 and depth > 0:
            return math.pi * d * d / 4 * depth, f"穴状 Φ{d:g}×{depth:g} m"
    if text in ("large_fruit_pit", "fruit_pit"):
        side, depth = q.get("fruit_pit_side_m", 0.8), q.get("fruit_pit_depth_m", 0.6)
        return side * side * depth, f"大穴 {side:g}×{side:g}×{depth:g} m"
    if text in ("fish_scale_pit", "fish_scale"):
        a, b, depth = q.get("fish_pit_long_m", 1.0), q.get("fish_pit_short_m", 0.6), q.get("fish_pit_depth_m", 0.4)
        return math.pi * a * b / 4 * depth, f"鱼鳞坑 {a:g}×{b:g}×{depth:g} m"
    d, depth = q.get("default_pit_diameter_m", 0.4), q.get("default_pit_depth_m", 0.3)
    return math.pi * d * d / 4 * depth, f"穴状 Φ{d:g}×{depth:g} m"


@dataclass(frozen=True)
class ParcelQuantities:
    values: dict  # PARCEL_COLUMNS values of this (parcel, measure)
    items: list  # (Item, quantity)


def parcel_measure(code: str, d: Mapping, area_ha: float, perimeter_m: float, slope_deg: float,
                   q: Mapping[str, float], where: str) -> ParcelQuantities:  # fmt: skip
    """The quantities of one area measure on one parcel (formulas: module docstring)."""
    v: dict = {}
    items: list = [(Item.AREA_HA, area_ha)]
    basis = []
    spacing = _spacing(d, where)
    density = to_number(d.get("density_per_ha"))
    if spacing is not None and not np.isfinite(density):
        density = 10_000.0 / (spacing[0] * spacing[1])
    if code == "low_forest_improvement":
        density = _positive(d, "replant_density_per_ha", 600.0, where)
    if code == "retire_to_forest_grass" and not np.isfinite(density):
        density = q.get("retire_density_per_ha", 1667.0)
    planted = np.isfinite(density) and density > 0 and code not in ("fish_scale_pit", "planting_pit")
    if planted:
        replant = q.get("replant_rate", 0.05)
        plants = density * area_ha * (1.0 + replant)
        shrub_share = 0.0
        if code in SHRUB_MEASURES:
            shrub_share = 1.0
        elif code in MIXED_MEASURES:
            shrub_share = to_number(d.get("shrub_share", q.get("mixed_shrub_share", 0.5)))
        v["trees"], v["shrubs"] = plants * (1 - shrub_share), plants * shrub_share
        v["density_per_ha"] = density
        v["spacing_m"] = f"{spacing[0]:g}×{spacing[1]:g}" if spacing else ""
        items += [(Item.TREES, v["trees"]), (Item.SHRUBS, v["shrubs"])]
        basis.append(f"N = {density:.0f}/hm² × {area_ha:.4f} hm² × (1 + {replant:g}) = {plants:.0f} 株")
        pit = d.get("pit") or d.get("site_prep")
        if pit or code in ("retire_to_forest_grass",):
            pits = density * area_ha
            volume, spec = _pit_volume(pit, q)
            v["site_prep_pits"], v["site_prep_spec"] = pits, spec
            v["earth_cut_m3"] = pits * volume
            items += [(Item.SITE_PREP_PITS, pits), (Item.EARTH_CUT_M3, pits * volume)]
            basis.append(f"整地 {pits:.0f} 个 × {volume:.4f} m³ ({spec})")
    if code == "fish_scale_pit":
        a = _positive(d, "long_diameter_m", 1.0, where)
        b = _positive(d, "short_diameter_m", 0.6, where)
        depth = _positive(d, "depth_m", 0.4, where)
        per_ha = 10_000.0 / (_positive(d, "pit_spacing_m", 2.5, where) * _positive(d, "row_spacing_m", 4.0, where))
        pits = per_ha * area_ha
        volume = math.pi * a * b / 4 * depth
        v.update(site_prep_pits=pits, earth_cut_m3=pits * volume, site_prep_spec=f"鱼鳞坑 {a:g}×{b:g}×{depth:g} m")
        items += [(Item.SITE_PREP_PITS, pits), (Item.EARTH_CUT_M3, pits * volume)]
        basis.append(f"鱼鳞坑 {per_ha:.0f}/hm² × {area_ha:.4f} hm² × π·{a:g}·{b:g}/4·{depth:g} m³")
    if code == "planting_pit":
        density = _positive(d, "density_per_ha", 2500.0, where)
        dia, depth = _positive(d, "diameter_m", 0.4, where), _positive(d, "depth_m", 0.35, where)
        pits = density * area_ha
        volume = math.pi * dia * dia / 4 * depth
        v.update(site_prep_pits=pits, earth_cut_m3=pits * volume, site_prep_spec=f"穴状 Φ{dia:g}×{depth:g} m",
                 density_per_ha=density)  # fmt: skip
        items += [(Item.SITE_PREP_PITS, pits), (Item.EARTH_CUT_M3, pits * volume)]
        basis.append(f"穴状 {pits:.0f} 个 × π·{dia:g}²/4·{depth:g} m³")
    if code in ("level_trench", "bamboo_trench"):
        top, bottom = _positive(d, "top_width_m", 0.8, where), _positive(d, "bottom_width_m", 0.4, where)
        depth, spacing_m = _positive(d, "depth_m", 0.5, where), _positive(d, "spacing_m", 3.0, where)
        length = area_ha * 10_000.0 / spacing_m
        dug = length
        if code == "bamboo_trench":
            dug = length * (1 - _positive(d, "tie_width_m", 0.5, where) / _positive(d, "tie_spacing_m", 5.0, where))
        cut = (top + bottom) / 2 * depth * dug
        v.update(length_m=length, earth_cut_m3=cut, site_prep_spec=f"水平沟 {top:g}/{bottom:g}×{depth:g} m")
        items += [(Item.LENGTH_M, length), (Item.EARTH_CUT_M3, cut)]
        basis.append(
            f"L = {area_ha * 1e4:.0f} m² / {spacing_m:g} m = {length:.0f} m; "
            f"V = ({top:g}+{bottom:g})/2·{depth:g}·{dug:.0f}"
        )
    if code == "level_bench":
        b = _positive(d, "bench_width_m", 1.2, where)
        spacing_m = to_number(d.get("spacing_m", q.get("level_bench_spacing_m", 3.0)))
        alpha = q.get("level_bench_riser_angle_deg", 60.0)
        theta = slope_deg if np.isfinite(slope_deg) and 0 < slope_deg < alpha else np.nan
        h = (
            b / (1 / math.tan(math.radians(theta)) - 1 / math.tan(math.radians(alpha)))
            if np.isfinite(theta)
            else np.nan
        )
        length = area_ha * 10_000.0 / spacing_m
        cut = b * h / 8 * length if np.isfinite(h) else 0.0
        v.update(length_m=length, earth_cut_m3=cut, site_prep_spec=f"水平阶 宽 {b:g} m")
        items += [(Item.LENGTH_M, length), (Item.EARTH_CUT_M3, cut)]
        basis.append(f"H = {b:g}/(cot{slope_deg:.1f}° − cot{alpha:g}°) = {h:.3f} m; V = b·H/8·L, L = {length:.0f} m")
    seed_rate = to_number(d.get("seed_kg_per_ha", d.get("grass_seed_kg_per_ha")))
    if np.isfinite(seed_rate) and seed_rate > 0:
        v["seed_kg"] = seed_rate * area_ha
        items.append((Item.GRASS_SEED_KG, v["seed_kg"]))
        if code == "grass":
            items.append((Item.GRASS_HA, area_ha))
        basis.append(f"种子 {seed_rate:g} kg/hm² × {area_ha:.4f} hm²")
    if code == "closure":
        signs = max(1, math.ceil(_positive(d, "signs_per_km2", 4.0, where) * area_ha / 100.0 - 1e-9))
        fence = perimeter_m if str(d.get("fence", "net")).lower() not in ("no", "none", "0") else 0.0
        v.update(fence_m=fence, signs=signs)
        items += [(Item.FENCE_M, fence), (Item.SIGNS, float(signs))]
        basis.append(f"围栏 = 周长 {fence:.0f} m; 标志牌 ⌈{d.get('signs_per_km2', 4)}/km² × {area_ha / 100:.4f} km²⌉")
    if code == "hedgerow":
        length = area_ha * 10_000.0 / _positive(d, "strip_spacing_m", 8.0, where)
        v["length_m"] = length
        items.append((Item.LENGTH_M, length))
        basis.append(f"植物篱 L = 面积 / {d.get('strip_spacing_m', 8)} m = {length:.0f} m")
    v["basis"] = "; ".join(basis) if basis else f"面积 {area_ha:.4f} hm²"
    return ParcelQuantities(v, items)


@dataclass
class WorkInput:
    """One point / line work of step 3."""

    layer: str
    work_id: int
    measure_code: str
    params: object  # its measure_params text
    attrs: Mapping  # its other attributes (length_m, catchment_hm2, design_storage_m3, dam_height_m …)
    length_m: float  # line length (0 for points)
    xy: np.ndarray  # (n, 2) vertices in the DEM's CRS
    ws_code: object = None


@dataclass
class MeasureQuantityInputs:
    parcel_ids: np.ndarray
    measure_codes: Sequence[object]  # all measures of the parcel (';'), primary first
    measure_params: Sequence[object]
    area_m2: np.ndarray
    perimeter_m: np.ndarray
    slope_deg: np.ndarray
    design_params: Mapping[str, Mapping]  # catalogue design_params by code
    quantity_params: Mapping[str, float]
    labour_norms: Sequence[LabourNorm]
    works: Sequence[WorkInput] = ()
    ws_codes: Sequence[object] | None = None
    villages: Sequence[object] | None = None
    years: Sequence[object] | None = None
    #: The parcels' geometries (WKB): 封育 parcels that touch share one fence (their union's boundary).
    geometries_wkb: Sequence[bytes] | None = None
    grid: object = None  # core.grid.Grid of the DEM, when dams are computed
    dem: np.ndarray | None = None
    dam_params: Mapping[str, float] = field(default_factory=dict)
    #: An earlier run's outputs (the plan's layers): unchanged parcels and works keep their values.
    previous: PreviousMeasureQuantities | None = None
    #: The shared-fence factor of the closure parcels; None = computed from ``geometries_wkb``.
    fence_factor: float | None = None


@dataclass
class PreviousMeasureQuantities:
    """An earlier run of ``measure_quantities`` as stored in the plan (measure_quantities, measure_items,
    works_quantities, dam_storage)."""

    parcels: Mapping[int, Mapping]  # parcel_id → its PARCEL_COLUMNS values (change_key among them)
    items: pd.DataFrame  # that run's items table (ITEM_COLUMNS)
    works: pd.DataFrame | None = None  # that run's works table (WORK_COLUMNS)
    storage: pd.DataFrame | None = None  # that run's stage–storage curves


@dataclass
class MeasureQuantityResult:
    parcel_rows: np.ndarray  # indices of the parcels with quantities
    parcels: pd.DataFrame  # PARCEL_COLUMNS per entry of parcel_rows (the parcel's measures summed)
    works: pd.DataFrame  # WORK_COLUMNS
    storage: pd.DataFrame  # dam stage–area–storage curves
    items: pd.DataFrame
    unknown_codes: list = field(default_factory=list)
    kept: int = 0  # parcels whose quantities were kept from ``previous``
    recomputed: int = 0  # parcels whose quantities were computed in this run
    works_kept: bool = False  # the works table, curves and items were kept from ``previous``


def _labour(code: str, items: list, norms: Sequence[LabourNorm]) -> float:
    quantities = {}
    for item, value in items:
        quantities[item.value] = quantities.get(item.value, 0.0) + float(value)
    return sum(quantities.get(n.basis_item, 0.0) * n.days_per_unit for n in norms if n.measure_code == code)


#: Measures whose quantities are not proportional to the area (perimeter, rounding, slope): computed per parcel.
PER_PARCEL_MEASURES = frozenset({"closure", "level_bench"})
_TEXT_COLUMNS = ("site_prep_spec", "spacing_m", "basis")


def measure_quantities(inputs: MeasureQuantityInputs) -> MeasureQuantityResult:
    """Quantities of every non-terrace measure of every parcel, and of every work (module docstring).

    Measures whose quantities are proportional to the area are computed once per (measure, parameters) for
    1 hm² and scaled by each parcel's area (the basis then reads "A hm² × (per hm²: …)"); 封育 and 水平阶 are
    computed per parcel (perimeter, ⌈signs⌉, slope).

    With ``inputs.previous`` (the plan's earlier run) a parcel whose :func:`parcel_change_keys` key is the one
    stored keeps its stored values and items, and the works keep theirs when :func:`works_change_key` is
    unchanged; everything else is computed. The result is the one a full run gives (tests hold it to that)."""
    fence = inputs.fence_factor if inputs.fence_factor is not None else _shared_fence_factor(inputs)
    ids = np.asarray(inputs.parcel_ids, dtype=np.int64)
    keys = np.asarray(parcel_change_keys(inputs, fence), dtype=object)
    prev = inputs.previous
    keep = np.zeros(ids.size, dtype=bool)
    if prev is not None and prev.items is not None and prev.parcels and np.unique(ids).size == ids.size:
        keep = np.fromiter((prev.parcels.get(int(p), {}).get("change_key") == k for p, k in zip(ids, keys)),
                           dtype=bool, count=ids.size)  # fmt: skip
    todo = np.flatnonzero(~keep)
    part = inputs if not keep.any() else _subset(inputs, todo)
    parcels, rows, items = _parcel_quantities(part, fence)
    unknown = {c for t in set(inputs.measure_codes) for c in split_list(t)
               if c not in TERRACE_KINDS and c not in inputs.design_params}  # fmt: skip
    if keep.any():
        rows = todo[rows]
    parcels["change_key"] = keys[rows].tolist() if rows.size else []
    recomputed = int(rows.size)
    kept_rows = np.flatnonzero(keep)
    if kept_rows.size:
        parcels, rows, items = _with_kept(prev, ids, kept_rows, parcels, rows, items)

    works_key = works_change_key(inputs)
    works_kept = (
        prev is not None and prev.works is not None and prev.items is not None and len(inputs.works) > 0
        and len(prev.works) == len(inputs.works) and "change_key" in prev.works
        and bool((prev.works["change_key"].astype(str) == works_key).all())
    )  # fmt: skip
    if works_kept:
        works = _typed(prev.works.reindex(columns=list(WORK_COLUMNS)), _WORK_TEXT)
        storage = _typed(prev.storage, ("work_layer",)) if prev.storage is not None else pd.DataFrame()
        work_items = prev.items[prev.items["source"].astype(str) == SOURCE_WORKS]
    else:
        works, storage, work_rows = _works(inputs)
        works["change_key"] = works_key
        work_items = items_frame(work_rows) if work_rows else None
    if work_items is not None and len(work_items):
        items = items_frame(pd.concat([items, items_frame(work_items)], ignore_index=True) if len(items)
                            else work_items)  # fmt: skip
    return MeasureQuantityResult(
        parcel_rows=rows, parcels=parcels, works=works, storage=storage, items=items, unknown_codes=sorted(unknown),
        kept=int(kept_rows.size), recomputed=recomputed, works_kept=works_kept,
    )  # fmt: skip


_WORK_TEXT = ("work_layer", "measure_code", "ws_code", "dam_class", "basis", "error", "change_key", "capacity_ok")


def _typed(frame: pd.DataFrame, text: Sequence[str]) -> pd.DataFrame:
    """A table read back from the plan with its number columns as numbers again (NULL → NaN), so a kept table
    is written with the field types of a computed one."""
    out = frame.copy()
    for c in out.columns:
        if c not in text:
            out[c] = pd.to_numeric(out[c], errors="coerce")
    if "work_id" in out:
        out["work_id"] = out["work_id"].astype(np.int64)
    return out


def _parcel_quantities(inputs: MeasureQuantityInputs, fence_factor: float) -> tuple:
    """(parcel table, parcel rows, items) of every parcel of ``inputs`` (codes outside the catalogue are skipped:
    :func:`measure_quantities` reports them)."""
    q = inputs.quantity_params
    area_ha = np.asarray(inputs.area_m2, dtype=np.float64) / 1e4
    groups: dict = {}
    order: dict = {}
    parsed: dict = {}  # measure_codes text → its non-terrace codes (a plan has a few dozen distinct texts)
    for i, text in enumerate(inputs.measure_codes):
        codes = parsed.get(text)
        if codes is None:
            codes = parsed[text] = [c for c in split_list(text) if c not in TERRACE_KINDS]
        for k, code in enumerate(codes):
            if code not in inputs.design_params:
                continue
            params = code_text(inputs.measure_params[i]) if k == 0 else None
            groups.setdefault((code, params or ""), []).append(i)
            order.setdefault(i, []).append(code)
    blocks, values = [], []
    for (code, params), members in groups.items():
        idx = np.asarray(members, dtype=np.int64)
        d = _merged(inputs.design_params[code], params)
        if code in PER_PARCEL_MEASURES:
            per_item: dict = {}
            for k, i in enumerate(idx):
                pid = int(inputs.parcel_ids[i])
                perimeter = float(inputs.perimeter_m[i]) * (fence_factor if code == "closure" else 1.0)
                pq = parcel_measure(code, d, float(area_ha[i]), perimeter, float(inputs.slope_deg[i]), q,
                                    f"parcel {pid}, {code}")  # fmt: skip
                labour = _labour(code, pq.items, inputs.labour_norms)
                pq.items.append((Item.LABOUR_DAYS, labour))
                for it, v in pq.items:
                    acc = per_item.get(it)
                    if acc is None:
                        acc = per_item[it] = np.zeros(idx.size)
                    acc[k] += float(v)
                values.append((np.array([i]), {**pq.values, "labour_days": labour}, 1.0))
            blocks.append((code, idx, list(per_item.items())))
            continue
        where = f"parcel {int(inputs.parcel_ids[idx[0]])}, {code}"
        unit = parcel_measure(code, d, 1.0, 0.0, math.nan, q, where)
        labour = _labour(code, unit.items, inputs.labour_norms)
        unit.items.append((Item.LABOUR_DAYS, labour))
        scale = area_ha[idx]
        blocks.append((code, idx, [(it, float(v) * scale) for it, v in unit.items]))
        per_ha = {**unit.values, "labour_days": labour, "basis": "每 hm²: " + unit.values.get("basis", "")}
        values.append((idx, per_ha, scale))
    parcels, rows = _parcel_table(values, order, area_ha)
    return parcels, rows, _item_blocks(inputs, blocks)


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def _tables_digest(inputs: MeasureQuantityInputs) -> str:
    """The tables every quantity depends on: quantity_params.csv and labour_norms.csv."""
    q = sorted((str(k), repr(v)) for k, v in inputs.quantity_params.items())
    norms = sorted((n.measure_code, n.basis_item, repr(n.days_per_unit)) for n in inputs.labour_norms)
    return _digest(repr((q, norms)))


def parcel_change_keys(inputs: MeasureQuantityInputs, fence_factor: float) -> list[str]:
    """Per parcel, a digest of everything its quantities and items depend on: its measures and their
    parameters, the catalogue's design_params of those measures, quantity_params and labour norms, its area,
    perimeter and mean slope, its watershed, village and year, and for 封育 the shared-fence factor (which
    every closure parcel's fence depends on, so a closure change anywhere recomputes them all)."""
    tables = _tables_digest(inputs)
    per_text: dict = {}  # measure_codes text → digest of its codes' design params (+ the fence factor)
    for text in set(inputs.measure_codes):
        codes = split_list(text)
        design = [(c, sorted((str(k), repr(v)) for k, v in inputs.design_params.get(c, {}).items())
                   if c in inputs.design_params else None) for c in codes]  # fmt: skip
        fence = repr(fence_factor) if "closure" in codes else ""
        per_text[text] = _digest(repr((text, design, fence, tables)))
    n = len(inputs.measure_codes)
    area = np.asarray(inputs.area_m2, dtype=np.float64).tolist()
    perimeter = np.asarray(inputs.perimeter_m, dtype=np.float64).tolist()
    slope = np.asarray(inputs.slope_deg, dtype=np.float64).tolist()
    ws = inputs.ws_codes if inputs.ws_codes is not None else [None] * n
    villages = inputs.villages if inputs.villages is not None else [None] * n
    years = inputs.years if inputs.years is not None else [None] * n
    return [
        _digest(f"{per_text[t]}|{p!r}|{a!r}|{m!r}|{s!r}|{w!r}|{v!r}|{y!r}")
        for t, p, a, m, s, w, v, y in zip(
            inputs.measure_codes, inputs.measure_params, area, perimeter, slope, ws, villages, years
        )
    ]


def works_change_key(inputs: MeasureQuantityInputs) -> str:
    """A digest of everything the works' quantities depend on: every work (layer, id, measure, parameters,
    attributes, vertices), the catalogue's design_params of their measures, the tables, and for dams the
    dam parameters and the DEM (values and georeferencing)."""
    h = hashlib.blake2b(digest_size=8)
    h.update(_tables_digest(inputs).encode())
    codes = set()
    for w in inputs.works:
        codes.add(w.measure_code)
        attrs = sorted((str(k), repr(v)) for k, v in (w.attrs or {}).items())
        h.update(repr((w.layer, w.work_id, w.measure_code, w.params, attrs, w.length_m, w.ws_code)).encode())
        h.update(np.ascontiguousarray(w.xy, dtype=np.float64).tobytes())
    for c in sorted(codes):
        h.update(repr((c, sorted((str(k), repr(v)) for k, v in inputs.design_params.get(c, {}).items()))).encode())
    if codes & DAM_CODES and inputs.dem is not None:
        h.update(repr(sorted(inputs.dam_params.items())).encode())
        h.update(repr(tuple(getattr(inputs.grid, "transform", ()))).encode())
        h.update(np.ascontiguousarray(inputs.dem).tobytes())
    return h.hexdigest()


def _subset(inputs: MeasureQuantityInputs, rows: np.ndarray) -> MeasureQuantityInputs:
    """The inputs of the parcels ``rows`` only (no works: they are computed separately)."""
    pick = lambda values: None if values is None else _pick(list(values), rows)  # noqa: E731
    return replace(
        inputs,
        parcel_ids=np.asarray(inputs.parcel_ids)[rows],
        measure_codes=pick(inputs.measure_codes),
        measure_params=pick(inputs.measure_params),
        area_m2=np.asarray(inputs.area_m2)[rows],
        perimeter_m=np.asarray(inputs.perimeter_m)[rows],
        slope_deg=np.asarray(inputs.slope_deg)[rows],
        ws_codes=pick(inputs.ws_codes),
        villages=pick(inputs.villages),
        years=pick(inputs.years),
        geometries_wkb=pick(inputs.geometries_wkb),
        works=(),
        previous=None,
    )


def _with_kept(prev: PreviousMeasureQuantities, ids, kept_rows, parcels, rows, items) -> tuple:
    """The computed parcels plus the kept ones (their stored values and items), in layer order."""
    text = {*_TEXT_COLUMNS, "qty_measures", "change_key"}
    stored = [prev.parcels[int(ids[i])] for i in kept_rows]
    kept = pd.DataFrame({
        c: [s.get(c) for s in stored] if c in text else np.array([to_number(s.get(c)) for s in stored], float)
        for c in PARCEL_COLUMNS
    })  # fmt: skip
    kept_ids = set(ids[kept_rows].tolist())
    old = prev.items
    old = old[
        (old["source"].astype(str) == SOURCE_MEASURE) & pd.to_numeric(old["feature_id"], errors="coerce").isin(kept_ids)
    ]
    all_rows = np.concatenate([rows, kept_rows])
    order = np.argsort(all_rows, kind="stable")
    table = pd.concat([parcels, kept], ignore_index=True).iloc[order].reset_index(drop=True)
    merged = pd.concat([items, items_frame(old)], ignore_index=True) if len(items) else items_frame(old)
    return table[list(PARCEL_COLUMNS)], all_rows[order], items_frame(merged)


def _parcel_table(values, order, area_ha) -> tuple[pd.DataFrame, np.ndarray]:
    """Per parcel: the numbers of its measures summed, the texts joined (in the parcel's measure order)."""
    rows = np.array(sorted(order), dtype=np.int64)
    numeric = {
        c: np.zeros(rows.size) for c in PARCEL_COLUMNS if c not in (*_TEXT_COLUMNS, "qty_measures", "change_key")
    }
    # texts joined with "; " as they come (every piece is non-empty): strings, not a list per parcel
    texts: dict = {c: [""] * rows.size for c in _TEXT_COLUMNS}
    for idx, vals, scale in values:
        at = np.searchsorted(rows, idx)  # positions in rows (rows is sorted and holds every idx)
        per_parcel = not np.ndim(scale)
        j0 = int(at[0]) if per_parcel and at.size == 1 else None  # one parcel (封育, 水平阶): scalar updates
        for c, v in vals.items():
            if c == "density_per_ha" and v is not None:
                if j0 is not None:
                    numeric[c][j0] = np.maximum(numeric[c][j0], float(v))
                else:
                    numeric[c][at] = np.maximum(numeric[c][at], float(v))  # the planting measure's density
            elif c in numeric and v is not None and not isinstance(v, str):
                if j0 is not None:
                    numeric[c][j0] += float(v) * 1.0
                else:
                    numeric[c][at] += float(v) * (1.0 if per_parcel else scale)
            elif c in texts and v:
                column = texts[c]
                pieces = [f"{a:.4f} hm² × ({v})" for a in area_ha[idx].tolist()] if c == "basis" and not per_parcel \
                    else [v] * idx.size  # fmt: skip
                for j, text in zip(at.tolist(), pieces):
                    column[j] = f"{column[j]}; {text}" if column[j] else text
    table = pd.DataFrame({c: numeric[c] for c in numeric})
    for c in _TEXT_COLUMNS:
        table[c] = texts[c]
    table["qty_measures"] = [";".join(order[int(r)]) for r in rows]
    table["change_key"] = ""  # filled by measure_quantities
    return table[list(PARCEL_COLUMNS)], rows


def _per_parcel(values: Sequence[object] | None, convert) -> list | None:
    """``[convert(v) for v in values]``; a column of text (str / None) is converted once per distinct value."""
    if values is None:
        return None
    if {str, type(None)}.issuperset(map(type, values)):
        memo = {v: convert(v) for v in set(values)}
        return list(map(memo.__getitem__, values))
    return [convert(v) for v in values]


def _pick(values: list, idx: np.ndarray) -> list:
    """``[values[i] for i in idx]``."""
    if idx.size < 2:
        return [values[i] for i in idx]
    return list(itemgetter(*idx)(values))


def _item_blocks(inputs: MeasureQuantityInputs, blocks) -> pd.DataFrame:
    frames = []
    ids = np.asarray(inputs.parcel_ids)
    ws_codes, villages = _per_parcel(inputs.ws_codes, code_text), _per_parcel(inputs.villages, code_text)
    years = _per_parcel(inputs.years, to_number)
    for code, idx, quantities in blocks:
        base = {
            "source": SOURCE_MEASURE,
            "feature_id": ids[idx],
            "ws_code": _pick(ws_codes, idx) if ws_codes is not None else None,
            "village": _pick(villages, idx) if villages is not None else None,
            "measure_code": code,
            "year": _pick(years, idx) if years is not None else 1,
        }
        frame = pd.DataFrame(base)
        for item, quantity in quantities:
            quantity = np.asarray(quantity, dtype=np.float64)
            keep = np.isfinite(quantity) & (quantity > 0)
            if keep.any():
                frames.append(frame[keep].assign(item=item.value, quantity=quantity[keep]))
    return items_frame(pd.concat(frames, ignore_index=True) if frames else None)


def _shared_fence_factor(inputs: MeasureQuantityInputs) -> float:
    """Adjacent 封育 parcels are fenced once around their union: each parcel's fence is its perimeter × (the
    union's boundary length / the sum of the closure parcels' perimeters)."""
    if inputs.geometries_wkb is None:
        return 1.0
    import shapely

    has_closure: dict = {}  # measure_codes text → whether it holds 封育 (each distinct text split once)
    for text in inputs.measure_codes:
        if text not in has_closure:
            has_closure[text] = "closure" in split_list(text)
    closure = [i for i, text in enumerate(inputs.measure_codes) if has_closure[text]]
    if len(closure) < 2:
        return 1.0
    geoms = shapely.from_wkb([inputs.geometries_wkb[i] for i in closure])
    total = float(np.sum(shapely.length(geoms)))
    union = float(shapely.length(shapely.union_all(shapely.make_valid(geoms))))
    return union / total if total > 0 else 1.0


def _works(inputs: MeasureQuantityInputs) -> tuple[pd.DataFrame, pd.DataFrame, list]:
    q = inputs.quantity_params
    out, item_rows = [], []
    dams = [w for w in inputs.works if w.measure_code in DAM_CODES]
    dam_rows, curves = _dams(inputs, dams) if dams else ({}, pd.DataFrame())
    for w in inputs.works:
        d = _merged(inputs.design_params.get(w.measure_code, {}), w.params)
        where = f"{w.layer} {w.work_id}, {w.measure_code}"
        row = {c: None for c in WORK_COLUMNS}
        row.update(work_layer=w.layer, work_id=w.work_id, measure_code=w.measure_code, ws_code=code_text(w.ws_code),
                   count=1.0)  # fmt: skip
        items: list = []
        if w.measure_code in DITCH_CODES:
            length = w.length_m if w.length_m > 0 else to_number(w.attrs.get("length_m"))
            top = _positive(d, "top_width_m", 0.8, where)
            depth = _positive(d, "depth_m", 0.5, where)
            bottom = to_number(d.get("bottom_width_m", q.get("ditch_bottom_width_m", 0.4)))
            area = (top + bottom) / 2 * depth
            side = math.hypot((top - bottom) / 2, depth)
            wetted = bottom + 2 * side
            lined = str(d.get("lining", "earth")).lower() in ("masonry", "stone", "mortar")
            n = q.get("manning_n_masonry", 0.025) if lined else q.get("manning_n_earth", 0.03)
            slope = q.get("ditch_gradient", 0.005)
            capacity = area * (area / wetted) ** (2 / 3) * math.sqrt(slope) / n
            f_km2 = to_number(w.attrs.get("catchment_hm2")) / 100.0
            k, intensity = to_number(w.attrs.get("runoff_coeff")), q.get("design_intensity_mm_h", 60.0)
            k = k if np.isfinite(k) else q.get("runoff_coeff", 0.5)
            design_q = 0.278 * k * intensity * f_km2 if np.isfinite(f_km2) else np.nan
            cut = area * length
            masonry = q.get("lining_thickness_m", 0.3) * wetted * length if lined else 0.0
            row.update(length_m=length, section_m2=area, design_q_m3s=design_q, capacity_q_m3s=capacity,
                       capacity_ok=None if not np.isfinite(design_q) else bool(capacity >= design_q),
                       earth_cut_m3=cut, mortar_masonry_m3=masonry,
                       basis=f"A = ({top:g}+{bottom:g})/2·{depth:g} = {area:.3f} m² × {length:.1f} m; "
                             f"Q = 0.278·{k:g}·{intensity:g}·{f_km2:.4f} = {design_q:.3f} m³/s; "
                             f"Manning A·R^(2/3)·S^(1/2)/n = {capacity:.3f} m³/s (S {slope:g}, n {n:g})")  # fmt: skip
            items += [(Item.LENGTH_M, length), (Item.EARTH_CUT_M3, cut), (Item.MORTAR_MASONRY_M3, masonry)]
        elif w.measure_code in STORAGE_CODES:
            volume = _positive(
                d, "volume_m3", {"cistern": 100, "water_cellar": 40, "silt_basin": 4}[w.measure_code], where
            )
            cut = volume * q.get(f"{w.measure_code}_excavation_factor", 1.3)
            concrete = volume * q.get(f"{w.measure_code}_concrete_m3_per_m3", 0.0)
            masonry = volume * q.get(f"{w.measure_code}_masonry_m3_per_m3", 0.0)
            row.update(storage_m3=volume, earth_cut_m3=cut, concrete_m3=concrete, mortar_masonry_m3=masonry,
                       basis=f"V {volume:g} m³; 开挖 = V × {cut / volume:g}; 混凝土 = V × {concrete / volume:g}; "
                             f"浆砌石 = V × {masonry / volume:g}")  # fmt: skip
            items += [(Item.COUNT, 1.0), (Item.STORAGE_M3, volume), (Item.EARTH_CUT_M3, cut),
                      (Item.CONCRETE_M3, concrete), (Item.MORTAR_MASONRY_M3, masonry)]  # fmt: skip
        elif w.measure_code == "gully_head_protection":
            storage = to_number(w.attrs.get("design_storage_m3"))
            cut = storage if np.isfinite(storage) else 0.0
            row.update(storage_m3=storage, earth_cut_m3=cut, basis=f"蓄水型: 开挖 = W = 10·K·R·F = {cut:.1f} m³")
            items += [(Item.COUNT, 1.0), (Item.EARTH_CUT_M3, cut)]
        elif w.measure_code in ROAD_CODES or w.measure_code == "bank_protection":
            length = w.length_m if w.length_m > 0 else to_number(w.attrs.get("length_m"))
            row.update(length_m=length, basis=f"L = {length:.1f} m")
            items.append((Item.LENGTH_M, length))
        elif w.measure_code in DAM_CODES:
            r = dam_rows.get((w.layer, w.work_id), {})
            for k in ("crest_length_m", "dam_height_m", "dam_class", "basis", "error"):
                row[k] = r.get(k)
            body = to_number(r.get("body_volume_m3"))
            row.update(storage_m3=to_number(r.get("total_storage_m3")))
            material = str(d.get("type", "earth")).lower()
            if "stone" in material or w.measure_code == "overflow_weir":
                row["mortar_masonry_m3"] = body
                items.append((Item.MORTAR_MASONRY_M3, body))
            else:
                row["earth_fill_m3"] = body
                items.append((Item.EARTH_FILL_M3, body))
            items += [(Item.COUNT, 1.0), (Item.STORAGE_M3, row["storage_m3"])]
        else:
            items.append((Item.COUNT, 1.0))
            row["basis"] = "数量 1"
        labour = _labour(w.measure_code, items, inputs.labour_norms)
        row["labour_days"] = labour
        items.append((Item.LABOUR_DAYS, labour))
        for item, value in items:
            if value is not None and np.isfinite(value) and value > 0:
                item_rows.append({"source": SOURCE_WORKS, "feature_id": int(w.work_id),
                                  "ws_code": code_text(w.ws_code), "measure_code": w.measure_code,
                                  "item": item.value, "quantity": float(value)})  # fmt: skip
        out.append(row)
    # number columns as numbers even when every value is None (a plan without ditches): Real fields, not text
    return _typed(pd.DataFrame(out, columns=list(WORK_COLUMNS)), _WORK_TEXT), curves, item_rows


def _dams(inputs: MeasureQuantityInputs, dams: list) -> tuple[dict, pd.DataFrame]:
    """Cross-section, body and storage of the dam works by the dams kernel; a site the kernel cannot place is a
    clear error naming the work."""
    if inputs.dem is None or inputs.grid is None:
        raise DamWithoutDemError(count=len(dams))
    from sbplanner_plugin.core.quantities import dams as kernel

    sites = []
    for k, w in enumerate(dams):
        d = _merged(inputs.design_params.get(w.measure_code, {}), w.params)
        height = to_number(w.attrs.get("dam_height_m"))
        height = height if np.isfinite(height) else to_number(d.get("height_m"))
        sites.append(kernel.DamSite(
            work_id=k,
            measure_code=w.measure_code,
            axis_xy=np.asarray(w.xy, dtype=np.float64),
            dam_height_m=height if np.isfinite(height) else math.nan,
            crest_width_m=to_number(d.get("crest_width_m")),
            upstream_slope_m=math.nan,
            downstream_slope_m=math.nan,
            catchment_km2=to_number(w.attrs.get("uparea_km2")),
            silting_years=to_number(d.get("silting_years")),
        ))  # fmt: skip
    result = kernel.dam_quantities(inputs.grid, inputs.dem, sites, inputs.dam_params)
    rows = {}
    table = result.table.set_index("work_id")
    for k, w in enumerate(dams):
        r = table.loc[k].to_dict() if k in table.index else {"error": "not_computed"}
        if r.get("error"):
            key = str(r.get("error"))
            reason = msg(DAM_REASONS[key]) if key in DAM_REASONS else key
            raise DamSiteError(work=w.work_id, layer=w.layer, code=w.measure_code, reason=reason)
        rows[(w.layer, w.work_id)] = r
    curves = result.curves.copy()
    if not curves.empty:
        curves["work_layer"] = [dams[int(k)].layer for k in curves["work_id"]]
        curves["work_id"] = [dams[int(k)].work_id for k in curves["work_id"]]
    return rows, curves
