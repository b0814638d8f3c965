"""Per-watershed summary tables from analysed parcels (SL/T 447 Appendix D, 水土保持率).

Input is the parcel table written by ``analyse_parcels`` (one row per parcel with area,
land use, slope-class shares and erosion-class areas). Every table has one row per small
watershed plus a row ``ALL`` for the whole area.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from sbplanner_plugin.core.definitions import WS_CODE_FIELD, code_text, find_field, to_number
from sbplanner_plugin.core.errors import (
    QT_TRANSLATE_NOOP,
    InvalidParameterError,
    NotAnalysedParcelsError,
    SbPlannerError,
)
from sbplanner_plugin.core.params import ParamSet, SlopeSystem
from sbplanner_plugin.core.parcels import D010_SYSTEM, D011_SYSTEM, OUTSIDE_UNITS, SLOPE_SYSTEM_IDS

ALL = "ALL"
#: Columns of the analysed parcel layer every summary needs (``analyse_parcels`` writes them) …
NEEDED = ("ws_code", "landuse_code", "landuse_group", "landuse_name", "area_ha", "soil_loss_t_km2_a")
#: … the per-class columns: slope classes of the run, D.0.10, D.0.11 and erosion classes …
CLASS_PREFIXES = ("slope_s", "d010_s", "d011_s", "erosion_c")
#: … and the optional ones (parcels analysed before issue 9 lack them: whole parcels, class defaults).
OPTIONAL = ("ws_pieces", "cover_fvc", "canopy_gd", "valid_cells")
TEXT_COLUMNS = ("ws_code", "landuse_code", "landuse_group", "landuse_name", "ws_pieces", "village_code")
#: The DEM drainage density (河网密度) of step 1's small watersheds, its legacy name and its threshold.
DRAINAGE_DENSITY_FIELD = "drainage_density_km_per_km2"
GULLY_DENSITY_FIELD = "gully_density_km_per_km2"
STREAM_THRESHOLD_FIELD = "stream_threshold_km2"
#: 三调 DLTB fields naming the village of a parcel: 座落单位代码, then 权属单位代码 (domain reference §10.3).
VILLAGE_FIELDS = ("zldwdm", "qsdwdm")
#: The summary tables per small watershed, in output order (plan GeoPackage table names) …
TABLE_NAMES = ("ws_landuse_slope", "ws_d010", "ws_d011", "ws_d05", "ws_indicators")
#: … and the same tables per village × small watershed (written when the parcels carry a village code).
VILLAGE_TABLE_NAMES = ("vil_landuse_slope", "vil_d010", "vil_d011", "vil_d05", "vil_indicators")
#: Erosion-class keys by class id (0 微度 … 5 剧烈); 水土流失面积 = classes 1–5 (SL 190 §2.2 note).
EROSION_KEYS = ("slight", "light", "moderate", "intense", "very_intense", "severe")
#: Land-use name and group of the line of parcels whose land-use code is not recognised (item 3).
UNMAPPED_NAME = "未识别地类"
UNMAPPED_GROUP = "—"
WS_KEYS = ("ws_code",)
VILLAGE_KEYS = ("village_code", "ws_code")


def _with_all(frame: pd.DataFrame, keys: Sequence[str] = WS_KEYS) -> pd.DataFrame:
    """Parcel pieces tagged with their keys plus copies with the trailing keys set to ALL: for
    (ws_code) the watersheds and ALL; for (village_code, ws_code) village × watershed, each
    village (ws_code ALL) and the whole area (ALL, ALL)."""
    f = frame.copy()
    for key in keys:
        f[key] = f[key].fillna("—").astype(str)
    parts = [f]
    for i in range(len(keys) - 1, -1, -1):
        every = f.copy()
        for key in keys[i:]:
            every[key] = ALL
        parts.append(every)
    return pd.concat(parts, ignore_index=True)


def split_pieces(parcels: pd.DataFrame) -> pd.DataFrame:
    """The parcels split at small-watershed boundaries: one row per parcel × unit piece.

    ``ws_pieces`` ("SW001=412;SW002=88", DEM cells per unit, ``core.parcels.unit_pieces``) gives
    each piece its share of the parcel's cells; the piece takes that share of the parcel's area
    and of its erosion-class areas, and the parcel's slope-class shares, modulus and land use. A
    parcel keeps its identity (``parcel_index``) and its pieces add up to it, so every unit's land
    adds up to the unit's area (issue 9 item 7). The class make-up of a parcel is taken as the
    same in each of its pieces. Parcels without ``ws_pieces`` stay whole in their ``ws_code``.
    """
    f = parcels.copy()
    f["parcel_index"] = np.arange(len(f))
    if "ws_pieces" not in f.columns:
        f["piece_share"] = 1.0
        return f
    codes: list[int] = []
    units: list[str | None] = []
    shares: list[float] = []
    for i, (text, ws) in enumerate(zip(f["ws_pieces"], f["ws_code"])):
        items = [item.rpartition("=") for item in str(text).split(";")] if isinstance(text, str) and text else []
        cells = [(code, to_number(count)) for code, _, count in items]
        cells = [(code, n) for code, n in cells if n == n and n > 0]
        total = sum(n for _, n in cells)
        if not cells or total <= 0:
            codes.append(i)
            units.append(ws)
            shares.append(1.0)
            continue
        for code, n in cells:
            codes.append(i)
            units.append(None if code in ("", OUTSIDE_UNITS) else code)
            shares.append(n / total)
    out = f.iloc[codes].reset_index(drop=True)
    out["ws_code"] = pd.Series(units, dtype=object)
    share = np.asarray(shares)
    out["piece_share"] = share
    for col in ["area_ha", *[c for c in out.columns if c.startswith("erosion_c")]]:
        out[col] = out[col] * share
    return out


def overlay_pieces(
    parcel_wkb: Sequence[bytes | None], unit_codes: Sequence[str], unit_wkb: Sequence[bytes | None]
) -> tuple[list[str | None], list[str | None]]:
    """The parcels over any unit polygons (行政村 …): per parcel, the unit holding most of its area (None: in
    no unit) and its ``ws_pieces`` text — its area (m²) in each unit, largest first, and the part in no unit
    as :data:`~sbplanner_plugin.core.parcels.OUTSIDE_UNITS` — so :func:`split_pieces` splits them at the
    unit boundaries by area as it splits them at the small-watershed boundaries by DEM cells. Projected
    CRS (metres); a parcel without geometry is in no unit. Overlapping units each take their overlap (the
    shares are then of the overlaps' sum)."""
    parcels = np.array([shapely.from_wkb(w) if w is not None else None for w in parcel_wkb], dtype=object)
    units = np.array([shapely.from_wkb(w) if w is not None else None for w in unit_wkb], dtype=object)
    valid = np.array([u is not None and not u.is_empty for u in units], dtype=bool)
    pieces: list[list[tuple[float, str]]] = [[] for _ in range(len(parcels))]
    has = np.array([g is not None and not g.is_empty for g in parcels], dtype=bool)
    if valid.any() and has.any():
        keep = np.flatnonzero(valid)
        tree = shapely.STRtree(units[keep])
        rows = np.flatnonzero(has)
        p_idx, u_idx = tree.query(parcels[rows], predicate="intersects")
        if len(p_idx):
            p_idx = rows[p_idx]
            areas = shapely.area(shapely.intersection(parcels[p_idx], units[keep][u_idx]))
            for i, j, a in zip(p_idx, u_idx, areas):
                if a > 1e-6:
                    pieces[int(i)].append((float(a), str(unit_codes[int(keep[j])])))
    dominant: list[str | None] = []
    texts: list[str | None] = []
    for i, items in enumerate(pieces):
        if not items:
            dominant.append(None)
            texts.append(None)
            continue
        items.sort(key=lambda item: (-item[0], item[1]))
        outside = float(shapely.area(parcels[i])) - sum(a for a, _ in items)
        if outside > 1e-6 * max(1.0, float(shapely.area(parcels[i]))):
            items.append((outside, OUTSIDE_UNITS))
        dominant.append(items[0][1])
        texts.append(";".join(f"{code}={area:.4f}" for area, code in items))
    return dominant, texts


def swc_rate_pct(land_area: float, eroded_area: float) -> float:
    """水土保持率 (%) = (land area − 水土流失面积) / land area × 100 (domain reference §4, [CONFIRMED]).

    水土流失面积 is the area with erosion intensity ≥ 轻度, i.e. modulus ≥ the regional
    容许土壤流失量. The summaries pass the assessed land as ``land_area`` (see :func:`erosion_status`).
    """
    if not land_area > 0:
        return float("nan")
    return (land_area - eroded_area) / land_area * 100.0


def composition(
    parcels: pd.DataFrame,
    prefix: str,
    system: SlopeSystem,
    cropland_only: bool = False,
    keys: Sequence[str] = WS_KEYS,
) -> pd.DataFrame:
    """Slope composition (hm² and %) per watershed from per-parcel class shares ``<prefix>_s<j>_pct``.

    SL/T 447-2026 D.0.10 土地坡度组成 (all land) or D.0.11 坡耕地坡度组成 (cropland only).
    """
    f = parcels
    if cropland_only:
        f = f[f["csle_class"] == "cropland"]
    f = _with_all(f, keys)
    keys = list(keys)
    g = f.groupby(keys)
    out = pd.DataFrame({"total_hm2": g["area_ha"].sum()})
    for j, _label in enumerate(system.labels, start=1):
        area = (f["area_ha"] * f[f"{prefix}_s{j}_pct"].fillna(0.0) / 100.0).groupby([f[k] for k in keys]).sum()
        out[f"c{j}_hm2"] = area
        out[f"c{j}_pct"] = area / out["total_hm2"].replace(0, np.nan) * 100.0
    out = out.sort_index()
    out.attrs["labels"] = system.labels
    return out.fillna(0.0).reset_index()


def landuse_by_slope(
    parcels: pd.DataFrame, system: SlopeSystem, prefix: str = "slope", keys: Sequence[str] = WS_KEYS
) -> pd.DataFrame:
    """Land use × slope class (hm²) per watershed, from the chosen system's parcel shares. Parcels
    whose land use is not recognised make their own line (:data:`UNMAPPED_NAME`)."""
    f = parcels.copy()
    unmapped = f["landuse_group"].isna()
    f.loc[unmapped, "landuse_group"] = UNMAPPED_GROUP
    f.loc[unmapped, "landuse_name"] = UNMAPPED_NAME
    f = _with_all(f, keys)
    rows = []
    for key, g in f.groupby([*keys, "landuse_group", "landuse_name"]):
        row = dict(zip([*keys, "landuse_group", "landuse_name"], key))
        row["total_hm2"] = g["area_ha"].sum()
        for j in range(1, len(system.labels) + 1):
            row[f"c{j}_hm2"] = float((g["area_ha"] * g[f"{prefix}_s{j}_pct"].fillna(0.0) / 100.0).sum())
        rows.append(row)
    return pd.DataFrame(rows)


def erosion_status(
    parcels: pd.DataFrame,
    gully_density: Mapping[str, float] | None = None,
    keys: Sequence[str] = WS_KEYS,
    drainage: Mapping[str, tuple[float, float]] | None = None,
) -> pd.DataFrame:
    """SL/T 447 D.0.5 水土流失现状: area and % per intensity class (轻度…剧烈), mean modulus.

    ``land_area_km2`` is all land of the unit (its parcel pieces), ``unmapped_area_km2`` the part
    whose land use is not recognised and ``assessed_area_km2`` the land with a computed soil loss
    (recognised land use on the DEM; parcels without a DEM cell, ``valid_cells`` = 0, are not assessed
    land, like unrecognised land — issue 13). Eroded share, mean modulus and 水土保持率 are over the
    assessed land: unrecognised land has no soil loss and would otherwise lift the rate (issue 9
    item 3). Class areas are cell areas; class percentages are of the 水土流失面积.

    ``gully_density_km_per_km2`` (沟壑密度) comes only from a gully line layer (``gully_density``,
    ws_code → km/km², see :func:`gully_densities`); the DEM drainage density (河网密度) of step 1
    and its stream threshold (``drainage``: ws_code → (km/km², km²)) have their own columns.
    Village rows carry neither (no village polygons).
    """
    keys = list(keys)
    f = _with_all(parcels, keys)
    g = f.groupby(keys)
    out = pd.DataFrame({"land_area_km2": g["area_ha"].sum() / 100.0})
    out["unmapped_area_km2"] = f[f["landuse_group"].isna()].groupby(keys)["area_ha"].sum() / 100.0
    assessed = f["soil_loss_t_km2_a"].notna()
    if "valid_cells" in f.columns:  # a parcel off the DEM has no soil loss: never counted as non-eroded land
        assessed &= ~(f["valid_cells"] == 0)
    valid = f[assessed]
    assessed_ha = valid.groupby(keys)["area_ha"].sum()
    out["assessed_area_km2"] = assessed_ha / 100.0
    out[["unmapped_area_km2", "assessed_area_km2"]] = out[["unmapped_area_km2", "assessed_area_km2"]].fillna(0.0)
    classes = [f"erosion_c{j}_ha" for j in range(6)]
    eroded = sum(g[c].sum() for c in classes[1:]) / 100.0
    out["eroded_area_km2"] = eroded
    out["eroded_pct_of_land"] = eroded / out["assessed_area_km2"].replace(0, np.nan) * 100.0
    for j, key in enumerate(EROSION_KEYS[1:], start=1):
        area = g[classes[j]].sum() / 100.0
        out[f"{key}_km2"] = area
        out[f"{key}_pct"] = area / eroded.replace(0, np.nan) * 100.0
    weighted = (valid["soil_loss_t_km2_a"] * valid["area_ha"]).groupby([valid[k] for k in keys]).sum()
    out["mean_modulus_t_km2_a"] = weighted / assessed_ha
    out = out.sort_index().reset_index()
    by_ws = keys == ["ws_code"]
    ws = out["ws_code"] if by_ws else pd.Series([None] * len(out))
    out["gully_density_km_per_km2"] = [(gully_density or {}).get(w, np.nan) for w in ws]
    out[DRAINAGE_DENSITY_FIELD] = [(drainage or {}).get(w, (np.nan, np.nan))[0] for w in ws]
    out[STREAM_THRESHOLD_FIELD] = [(drainage or {}).get(w, (np.nan, np.nan))[1] for w in ws]
    return out


def forest_grass_mask(parcels: pd.DataFrame, params: ParamSet) -> np.ndarray:
    """Parcel pieces counted as 林草 for 林草覆盖率 (forest_grass_cover.csv): a class with counts =
    yes whose cover (``cover_fvc``) or canopy closure (``canopy_gd``) reaches ``min_value``; a
    piece whose value is unknown counts (no threshold can be checked)."""
    out = np.zeros(len(parcels), dtype=bool)
    cls = parcels["csle_class"].to_numpy(dtype=object)
    for name, rule in params.forest_grass.items():
        if rule["counts"] != "yes":
            continue
        hit = cls == name
        column = {"cover": "cover_fvc", "canopy": "canopy_gd"}.get(rule["measure"])
        if column and rule["min_value"] is not None and column in parcels.columns:
            value = parcels[column].to_numpy(dtype=np.float64)
            hit &= np.isnan(value) | (value >= rule["min_value"])
        out |= hit
    return out


def indicators(
    parcels: pd.DataFrame, params: ParamSet, status: pd.DataFrame | None = None, keys: Sequence[str] = WS_KEYS
) -> pd.DataFrame:
    """水土保持率, 林草覆盖率 and the eroded area per watershed (domain reference §4).

    水土保持率 = (assessed land − 水土流失面积) / assessed land (:func:`erosion_status`); 林草覆盖率 =
    林草 area (:func:`forest_grass_mask`) / land of recognised use × 100.
    """
    keys = list(keys)
    status = erosion_status(parcels, keys=keys) if status is None else status
    f = parcels.assign(_fg=forest_grass_mask(parcels, params))
    f = _with_all(f, keys)
    fg = f[f["_fg"]].groupby(keys)["area_ha"].sum() / 100.0
    cols = [*keys, "land_area_km2", "unmapped_area_km2", "assessed_area_km2", "eroded_area_km2"]
    out = status[[*cols, "mean_modulus_t_km2_a"]].copy()
    out["swc_rate_pct"] = [swc_rate_pct(a, e) for a, e in zip(out["assessed_area_km2"], out["eroded_area_km2"])]
    index = pd.MultiIndex.from_frame(out[keys]) if len(keys) > 1 else pd.Index(out[keys[0]])
    out["forest_grass_area_km2"] = fg.reindex(index).fillna(0.0).to_numpy()
    mapped = out["land_area_km2"] - out["unmapped_area_km2"]
    out["forest_grass_cover_pct"] = out["forest_grass_area_km2"] / mapped.where(mapped > 1e-12) * 100.0
    return out


def gully_densities(unit_wkb: Mapping[str, bytes], gully_wkb: Sequence[bytes]) -> dict[str, tuple[float, float, float]]:
    """沟壑密度 from a surveyed gully line layer: ws_code → (gully length km, unit area km², km/km²)
    of the lines inside each unit polygon, plus ALL for the whole area (projected CRS, metres)."""
    units = {code: shapely.from_wkb(w) for code, w in unit_wkb.items() if w is not None}
    lines = [g for g in (shapely.from_wkb(w) for w in gully_wkb if w is not None) if g is not None]
    if not lines or not units:
        return {}
    gullies = shapely.union_all(lines) if len(lines) > 1 else lines[0]
    out = {}
    total_len = total_area = 0.0
    for code, poly in units.items():
        length = float(shapely.intersection(gullies, poly).length) / 1e3
        area = float(poly.area) / 1e6
        out[code] = (length, area, length / area if area > 0 else np.nan)
        total_len += length
        total_area += area
    out[ALL] = (total_len, total_area, total_len / total_area if total_area > 0 else np.nan)
    return out


# --------------------------------------------------------------------------------------------
# one summarise_watersheds run
def check_analysed(names: Sequence[str]) -> None:
    """Raise ``NotAnalysedParcelsError`` naming the first field of an analysed parcel layer that
    ``names`` lacks."""
    for name in (*NEEDED, "erosion_c1_ha", "d010_s1_pct"):
        if name not in names:
            raise NotAnalysedParcelsError(field=name)


class ParcelAreaError(SbPlannerError):
    """Parcels without a usable ``area_ha`` (a hand-edited layer): every area and rate would be wrong."""

    key = "parcel_area"
    # no trailing comma: pylupdate5 skips a QT_TRANSLATE_NOOP call that ends with one
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "{count} parcels have no usable area_ha (negative, empty or not a number; e.g. row {row}: '{value}'). "
        "Run 'Analyse parcels' again, or correct the field."
    )  # fmt: skip


class NoAssessedParcelsError(SbPlannerError):
    """No parcel of the layer has a soil loss: no 水土保持率 can be given (never 100 %)."""

    key = "no_assessed_parcels"
    # no trailing comma: pylupdate5 skips a QT_TRANSLATE_NOOP call that ends with one
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "None of the {count} parcels has a soil loss (they lie off the DEM, or their land use is not recognised): "
        "there is nothing to summarise. Run 'Analyse parcels' with a DEM that covers them."
    )  # fmt: skip


def check_areas(values: Sequence) -> None:
    """Raise :class:`ParcelAreaError` when a parcel's ``area_ha`` is negative, empty, not a number or ±inf."""
    numbers = np.array([to_number(v) for v in values], dtype=np.float64)
    bad = np.flatnonzero(~(numbers >= 0.0))  # NaN fails too
    if bad.size:
        first = int(bad[0])
        raise ParcelAreaError(count=int(bad.size), row=first + 1, value=values[first])


def assessed_mask(frame: pd.DataFrame) -> pd.Series:
    """Parcels with a soil loss on DEM cells (``valid_cells`` = 0: off the DEM, whatever the layer holds)."""
    assessed = frame["soil_loss_t_km2_a"].notna()
    if "valid_cells" in frame.columns:
        assessed &= ~(frame["valid_cells"] == 0)
    return assessed


def unassessed(frame: pd.DataFrame) -> int:
    """Parcels of a recognised land use without a soil loss (off the DEM): not assessed land."""
    return int((frame["csle_class"].notna() & ~assessed_mask(frame)).sum())


def parcel_frame(columns: Mapping[str, Sequence], params: ParamSet, village_field: str | None = None) -> pd.DataFrame:
    """The analysed parcels as a frame: :data:`NEEDED`, the class columns and :data:`OPTIONAL` ones
    present, numbers as floats (NaN for NULL), ws_code as code text, the CSLE class of each
    resolved land-use code and, with ``village_field``, the parcel's village as ``village_code``."""
    check_analysed(list(columns))
    check_areas(columns["area_ha"])
    extra = [n for n in columns if n.startswith(CLASS_PREFIXES) or n in OPTIONAL]
    frame = pd.DataFrame({n: list(columns[n]) for n in (*NEEDED, *extra)})
    frame["ws_code"] = pd.Series([code_text(v) for v in frame["ws_code"]], index=frame.index, dtype=object)
    if village_field:
        codes = [code_text(v) for v in columns[village_field]]
        frame["village_code"] = pd.Series(codes, index=frame.index, dtype=object)
    for col in frame.columns:
        if col not in TEXT_COLUMNS:
            frame[col] = pd.to_numeric(frame[col], errors="coerce")
    frame["csle_class"] = [params.landuse[c].csle_class if c in params.landuse else None for c in frame["landuse_code"]]
    return frame


def village_field_of(names: Sequence[str], given: str | None = None) -> str | None:
    """The parcel field holding the village code: ``given`` when the layer has it, else 三调
    ZLDWDM / QSDWDM (:data:`VILLAGE_FIELDS`, any case), else None (no village tables). The full
    code is the group: 三调 座落/权属单位代码 are 19-character village-level codes (domain reference
    §10.3); whether their first 12 digits alone name the 行政村 is not confirmed, so no prefix is cut."""
    names = list(names)
    if given and given not in names:
        raise InvalidParameterError(
            name="VILLAGE_FIELD", value=given, reason=QT_TRANSLATE_NOOP("SbPlannerErrors", "a field of the parcels")
        )
    return find_field(names, given or None, VILLAGE_FIELDS)


def drainage_densities(watersheds: Mapping[str, Sequence] | None) -> dict[str, tuple[float, float]]:
    """ws_code → (DEM drainage density 河网密度 km/km², stream threshold km²) of step 1's small
    watersheds (``drainage_density_km_per_km2``, else its legacy name ``gully_density_km_per_km2``;
    threshold NaN when step 1 did not record it), with ALL = the area-weighted mean when step 1
    gives ``area_km2``. Empty without those fields."""
    if not watersheds or WS_CODE_FIELD not in watersheds:
        return {}
    name = next((n for n in (DRAINAGE_DENSITY_FIELD, GULLY_DENSITY_FIELD) if n in watersheds), None)
    if name is None:
        return {}
    n = len(watersheds[WS_CODE_FIELD])
    thresholds = watersheds.get(STREAM_THRESHOLD_FIELD, [None] * n)
    out = {
        code_text(ws): (to_number(d), to_number(t))
        for ws, d, t in zip(watersheds[WS_CODE_FIELD], watersheds[name], thresholds)
    }
    if "area_km2" in watersheds:
        areas = np.array([to_number(a) for a in watersheds["area_km2"]])
        dens = np.array([to_number(d) for d in watersheds[name]])
        ok = ~np.isnan(areas) & ~np.isnan(dens)
        known = {t for _, t in out.values() if t == t}
        if ok.any() and areas[ok].sum() > 0:
            out[ALL] = (
                float((dens[ok] * areas[ok]).sum() / areas[ok].sum()),
                known.pop() if len(known) == 1 else np.nan,
            )
    return out


def landuse_slope_system(params: ParamSet, index: int, n_own: int) -> tuple[SlopeSystem, str, bool]:
    """(system, column prefix, as analysed) of the land-use × slope table for a ``SLOPE_SYSTEM``
    choice: D.0.10 / D.0.11 read their own columns; any other system reads the parcels' ``slope_s``
    columns, and when it is ``core.parcels.CUSTOM_SLOPE_SYSTEM`` or its class count differs from the
    ``n_own`` the parcels were analysed with, the parcels' own classes are used (as analysed)."""
    if 0 <= index < len(SLOPE_SYSTEM_IDS):
        system = params.slope_systems[SLOPE_SYSTEM_IDS[index]]
        prefix = {D010_SYSTEM: "d010", D011_SYSTEM: "d011"}.get(system.system_id, "slope")
        if prefix != "slope" or len(system.labels) == n_own:
            return system, prefix, False
    own = SlopeSystem(-1, "as analysed", tuple(f"s{j}" for j in range(1, n_own + 1)), (), False)
    return own, "slope", True


@dataclass
class SummaryInputs:
    """One ``summarise_watersheds`` run: the analysed parcels' attribute columns (field → values)."""

    parcels: Mapping[str, Sequence]
    params: ParamSet
    slope_system: int = 1  # SLOPE_SYSTEM choice; core.parcels.CUSTOM_SLOPE_SYSTEM = the parcels' own classes
    watersheds: Mapping[str, Sequence] | None = None  # step 1's small watersheds (drainage density)
    watershed_wkb: Sequence[bytes] | None = None  # their polygons (same order, projected CRS), for 沟壑密度
    gullies: Sequence[bytes] | None = None  # surveyed gully lines (same CRS): 沟壑密度 per unit
    village_field: str | None = None  # parcel field of the village code (None: ZLDWDM / QSDWDM when present)


@dataclass
class SummaryResult:
    tables: dict[str, pd.DataFrame]  # plan table name (TABLE_NAMES, VILLAGE_TABLE_NAMES) → table
    as_analysed: bool  # the land-use table uses the slope classes the parcels were analysed with
    village_field: str | None = None  # the field the village tables are grouped by (None: no village tables)
    split_parcels: int = 0  # parcels split at small-watershed boundaries
    gully_layer: bool = False  # 沟壑密度 came from a gully line layer
    #: parcels of a recognised land use without a soil loss (off the DEM): not assessed land, never non-eroded
    unassessed_parcels: int = 0

    @property
    def whole(self) -> pd.Series:
        """The indicators of the whole area (row ALL)."""
        ind = self.tables["ws_indicators"]
        return ind[ind["ws_code"] == ALL].iloc[0]


def _tables(parcels: pd.DataFrame, params: ParamSet, system, prefix, keys, gully, drainage) -> list[pd.DataFrame]:
    status = erosion_status(parcels, gully, keys, drainage)
    return [
        landuse_by_slope(parcels, system, prefix, keys),
        composition(parcels, "d010", params.slope_systems[D010_SYSTEM], keys=keys),
        composition(parcels, "d011", params.slope_systems[D011_SYSTEM], cropland_only=True, keys=keys),
        status,
        indicators(parcels, params, status, keys),
    ]


def summarise(inputs: SummaryInputs) -> SummaryResult:
    """Every per-watershed table of SL/T 447 Appendix D and the indicators from analysed parcels,
    on the parcels split at unit boundaries (:func:`split_pieces`); with a village code the same
    tables per village × small watershed (:data:`VILLAGE_TABLE_NAMES`)."""
    params = inputs.params
    village = village_field_of(list(inputs.parcels), inputs.village_field)
    parcels = parcel_frame(inputs.parcels, params, village)
    if len(parcels) and not assessed_mask(parcels).any():  # a rate without land to rate: an error, never 100 %
        raise NoAssessedParcelsError(count=len(parcels))
    pieces = split_pieces(parcels)
    split = int((pieces.groupby("parcel_index").size() > 1).sum())
    n_own = len([c for c in parcels.columns if c.startswith("slope_s")])
    system, prefix, as_analysed = landuse_slope_system(params, inputs.slope_system, n_own)
    gully = {}
    if inputs.gullies and inputs.watersheds and inputs.watershed_wkb and WS_CODE_FIELD in inputs.watersheds:
        units = {code_text(c): w for c, w in zip(inputs.watersheds[WS_CODE_FIELD], inputs.watershed_wkb)}
        gully = {ws: v[2] for ws, v in gully_densities(units, inputs.gullies).items()}
    drainage = drainage_densities(inputs.watersheds)
    tables = dict(zip(TABLE_NAMES, _tables(pieces, params, system, prefix, WS_KEYS, gully, drainage)))
    if village:
        tables.update(zip(VILLAGE_TABLE_NAMES, _tables(pieces, params, system, prefix, VILLAGE_KEYS, None, None)))
    return SummaryResult(tables, as_analysed, village, split, bool(gully), unassessed(parcels))
