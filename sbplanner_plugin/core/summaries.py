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

from sbplanner_plugin.core.definitions import WS_CODE_FIELD, code_text, to_number
from sbplanner_plugin.core.errors import NotAnalysedParcelsError
from sbplanner_plugin.core.params import ParamSet, SlopeSystem
from sbplanner_plugin.core.parcels import D010_SYSTEM, D011_SYSTEM, SLOPE_SYSTEM_IDS

ALL = "ALL"
#: Columns of the analysed parcel layer every summary needs (``analyse_parcels`` writes them) …
NEEDED = ("ws_code", "landuse_code", "landuse_group", "landuse_name", "area_ha", "soil_loss_t_km2_a")
#: … and the per-class columns: slope classes of the run, D.0.10, D.0.11 and erosion classes.
CLASS_PREFIXES = ("slope_s", "d010_s", "d011_s", "erosion_c")
TEXT_COLUMNS = ("ws_code", "landuse_code", "landuse_group", "landuse_name")
#: The gully density field of step 1's small watersheds.
GULLY_DENSITY_FIELD = "gully_density_km_per_km2"
#: The summary tables, in output order (plan GeoPackage table names).
TABLE_NAMES = ("ws_landuse_slope", "ws_d010", "ws_d011", "ws_d05", "ws_indicators")
#: Erosion-class keys by class id (0 微度 … 5 剧烈); 水土流失面积 = classes 1–5 (SL 190 §2.2 note).
EROSION_KEYS = ("slight", "light", "moderate", "intense", "very_intense", "severe")


def _with_all(frame: pd.DataFrame) -> pd.DataFrame:
    """Parcels tagged with their ws_code plus a copy tagged ALL."""
    f = frame.copy()
    f["ws_code"] = f["ws_code"].fillna("—").astype(str)
    every = f.copy()
    every["ws_code"] = ALL
    return pd.concat([f, every], ignore_index=True)


def swc_rate_pct(land_area: float, eroded_area: float) -> float:
    """水土保持率 (%) = (land area − 水土流失面积) / land area × 100 (domain reference §4, [CONFIRMED]).

    水土流失面积 is the area with erosion intensity ≥ 轻度, i.e. modulus ≥ the regional
    容许土壤流失量.
    """
    if not land_area > 0:
        return float("nan")
    return (land_area - eroded_area) / land_area * 100.0


def composition(parcels: pd.DataFrame, prefix: str, system: SlopeSystem, cropland_only: bool = False) -> pd.DataFrame:
    """Slope composition (hm² and %) per watershed from per-parcel class shares ``<prefix>_s<j>_pct``.

    SL/T 447-2026 D.0.10 土地坡度组成 (all land) or D.0.11 坡耕地坡度组成 (cropland only).
    """
    f = parcels
    if cropland_only:
        f = f[f["csle_class"] == "cropland"]
    f = _with_all(f)
    out = pd.DataFrame(index=pd.Index(sorted(f["ws_code"].unique()), name="ws_code"))
    total = f.groupby("ws_code")["area_ha"].sum()
    out["total_hm2"] = total
    for j, _label in enumerate(system.labels, start=1):
        area = (f["area_ha"] * f[f"{prefix}_s{j}_pct"].fillna(0.0) / 100.0).groupby(f["ws_code"]).sum()
        out[f"c{j}_hm2"] = area
        out[f"c{j}_pct"] = area / total.replace(0, np.nan) * 100.0
    out.attrs["labels"] = system.labels
    return out.fillna(0.0).reset_index()


def landuse_by_slope(parcels: pd.DataFrame, system: SlopeSystem, prefix: str = "slope") -> pd.DataFrame:
    """Land use × slope class (hm²) per watershed, from the chosen system's parcel shares."""
    f = _with_all(parcels[parcels["landuse_group"].notna()])
    rows = []
    for (ws, group, name), g in f.groupby(["ws_code", "landuse_group", "landuse_name"]):
        row = {"ws_code": ws, "landuse_group": group, "landuse_name": name, "total_hm2": g["area_ha"].sum()}
        for j in range(1, len(system.labels) + 1):
            row[f"c{j}_hm2"] = float((g["area_ha"] * g[f"{prefix}_s{j}_pct"].fillna(0.0) / 100.0).sum())
        rows.append(row)
    return pd.DataFrame(rows)


def erosion_status(parcels: pd.DataFrame, gully_density: dict[str, float] | None = None) -> pd.DataFrame:
    """SL/T 447 D.0.5 水土流失现状: area and % per intensity class (轻度…剧烈), mean modulus.

    Class areas are cell areas (not parcel labels); percentages are of the 水土流失面积. The
    mean modulus is area-weighted over all land (non-eroding land counts with A = 0).
    """
    f = _with_all(parcels)
    g = f.groupby("ws_code")
    out = pd.DataFrame({"land_area_km2": g["area_ha"].sum() / 100.0})
    classes = [f"erosion_c{j}_ha" for j in range(6)]
    eroded = sum(g[c].sum() for c in classes[1:]) / 100.0
    out["eroded_area_km2"] = eroded
    out["eroded_pct_of_land"] = eroded / out["land_area_km2"].replace(0, np.nan) * 100.0
    for j, key in enumerate(EROSION_KEYS[1:], start=1):
        area = g[classes[j]].sum() / 100.0
        out[f"{key}_km2"] = area
        out[f"{key}_pct"] = area / eroded.replace(0, np.nan) * 100.0
    valid = f[f["soil_loss_t_km2_a"].notna()]
    weighted = (valid["soil_loss_t_km2_a"] * valid["area_ha"]).groupby(valid["ws_code"]).sum()
    out["mean_modulus_t_km2_a"] = weighted / valid.groupby("ws_code")["area_ha"].sum()
    out["gully_density_km_per_km2"] = [(gully_density or {}).get(ws, np.nan) for ws in out.index]
    return out.reset_index()


def indicators(parcels: pd.DataFrame, params: ParamSet, status: pd.DataFrame | None = None) -> pd.DataFrame:
    """水土保持率, 林草覆盖率 and the eroded area per watershed (domain reference §4)."""
    status = erosion_status(parcels) if status is None else status
    classes = set(params.defaults.get("forest_grass_classes", "forest;shrub;grass").split(";"))
    f = _with_all(parcels)
    fg = f[f["csle_class"].isin(classes)].groupby("ws_code")["area_ha"].sum() / 100.0
    out = status[["ws_code", "land_area_km2", "eroded_area_km2", "mean_modulus_t_km2_a"]].copy()
    out["swc_rate_pct"] = [swc_rate_pct(a, e) for a, e in zip(out["land_area_km2"], out["eroded_area_km2"])]
    out["forest_grass_area_km2"] = out["ws_code"].map(fg).fillna(0.0)
    out["forest_grass_cover_pct"] = out["forest_grass_area_km2"] / out["land_area_km2"].replace(0, np.nan) * 100.0
    return out


# --------------------------------------------------------------------------------------------
# one summarise_watersheds run
def check_analysed(names: Sequence[str]) -> None:
    """Raise ``NotAnalysedParcelsError`` naming the first field of an analysed parcel layer that
    ``names`` lacks."""
    for name in (*NEEDED, "erosion_c1_ha", "d010_s1_pct"):
        if name not in names:
            raise NotAnalysedParcelsError(field=name)


def parcel_frame(columns: Mapping[str, Sequence], params: ParamSet) -> pd.DataFrame:
    """The analysed parcels as a frame: :data:`NEEDED` and the class columns, numbers as floats
    (NaN for NULL), ws_code as code text, plus the CSLE class of each resolved land-use code."""
    check_analysed(list(columns))
    extra = [n for n in columns if n.startswith(CLASS_PREFIXES)]
    frame = pd.DataFrame({n: list(columns[n]) for n in (*NEEDED, *extra)})
    frame["ws_code"] = pd.Series([code_text(v) for v in frame["ws_code"]], index=frame.index, dtype=object)
    for col in frame.columns:
        if col not in TEXT_COLUMNS:
            frame[col] = pd.to_numeric(frame[col], errors="coerce")
    frame["csle_class"] = [params.landuse[c].csle_class if c in params.landuse else None for c in frame["landuse_code"]]
    return frame


def gully_densities(watersheds: Mapping[str, Sequence] | None) -> dict[str, float]:
    """ws_code → gully density (km/km²) of step 1's small watersheds (empty without that field)."""
    if not watersheds or GULLY_DENSITY_FIELD not in watersheds or WS_CODE_FIELD not in watersheds:
        return {}
    return {code_text(ws): to_number(d) for ws, d in zip(watersheds[WS_CODE_FIELD], watersheds[GULLY_DENSITY_FIELD])}


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
    watersheds: Mapping[str, Sequence] | None = None  # step 1's small watersheds (for gully density)


@dataclass
class SummaryResult:
    tables: dict[str, pd.DataFrame]  # plan table name (TABLE_NAMES) → table
    as_analysed: bool  # the land-use table uses the slope classes the parcels were analysed with

    @property
    def whole(self) -> pd.Series:
        """The indicators of the whole area (row ALL)."""
        ind = self.tables["ws_indicators"]
        return ind[ind["ws_code"] == ALL].iloc[0]


def summarise(inputs: SummaryInputs) -> SummaryResult:
    """Every per-watershed table of SL/T 447 Appendix D and the indicators from analysed parcels."""
    params = inputs.params
    parcels = parcel_frame(inputs.parcels, params)
    n_own = len([c for c in parcels.columns if c.startswith("slope_s")])
    system, prefix, as_analysed = landuse_slope_system(params, inputs.slope_system, n_own)
    status = erosion_status(parcels, gully_densities(inputs.watersheds))
    tables = {
        "ws_landuse_slope": landuse_by_slope(parcels, system, prefix),
        "ws_d010": composition(parcels, "d010", params.slope_systems[D010_SYSTEM]),
        "ws_d011": composition(parcels, "d011", params.slope_systems[D011_SYSTEM], cropland_only=True),
        "ws_d05": status,
        "ws_indicators": indicators(parcels, params, status),
    }
    return SummaryResult(tables, as_analysed)
