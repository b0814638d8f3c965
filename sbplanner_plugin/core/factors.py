"""Where each CSLE factor of a run comes from, and whether R and K are plausible.

- :func:`cropland_t`: cropland T from the 轮作制度 zone (``t_zones.csv``; domain reference §3.8) and/or
  the default tillage practice (``t_factor.csv``); T = 1 (bare fallow, no measure) only when neither is
  given, and then the caller says so.
- :func:`check_plausibility`: R and K against the ranges of ``factor_plausibility.csv`` — a number, or
  the 5th/95th percentiles of a raster / per-parcel values over the parcels' cells. A warning, never an
  error: the engineer may know better. The warning names the value, the range, the unit and the likely
  cause (US customary units).
- :func:`check_allowed`: R and K against the *allowed* range of ``factor_plausibility.csv``
  (``allowed_lower`` … ``allowed_upper``): beyond it a value is impossible in any unit (R = 1e300, a
  negative K, an undeclared nodata value of −9999 in a K raster) — a :class:`FactorRangeError`, nothing is
  computed; non-finite values (±inf) are impossible too.
- :class:`FactorSource`: one line of the factor provenance (factor, value, source) that the algorithm
  logs and writes into the plan, the dock shows and the demo prints (domain reference §3.9 note 3).

Texts are :class:`~sbplanner_plugin.core.errors.Msg` (context ``SbPlannerErrors``): the Processing layer
translates them; ``str()`` gives English.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, InvalidParameterError, Msg, SbPlannerError, msg
from sbplanner_plugin.core.params import ParamSet

#: The percentiles of a factor raster checked against the plausible range.
PERCENTILES = (5.0, 95.0)

#: Display names of the provenance's factor keys that are words (R, K, L, S, B, E, T are symbols).
FACTOR_NAMES = {
    "cover": QT_TRANSLATE_NOOP("SbPlannerErrors", "cover"),
    "tolerance": QT_TRANSLATE_NOOP("SbPlannerErrors", "tolerance"),
}

# Texts (context SbPlannerErrors). No trailing comma after a literal: pylupdate5 skips those.
T_NO_CROPLAND = QT_TRANSLATE_NOOP("SbPlannerErrors", "no cropland (旱地/水浇地) parcels: T = 1 on all land (CSLE rule)")
T_FALLBACK = QT_TRANSLATE_NOOP(
    "SbPlannerErrors",
    "T = 1 used for {count} cropland parcels: no cropping zone and no tillage practice given "
    "(bare-fallow value, inflates cropland soil loss; choose the 轮作制度 zone) — {file}"
)  # fmt: skip
T_ZONE = QT_TRANSLATE_NOOP("SbPlannerErrors", "zone {zone} {name} T = {t:g} ({confidence}) — {file}")
T_PRACTICE = QT_TRANSLATE_NOOP("SbPlannerErrors", "practice {practice} T = {t:g} ({confidence}) — {file}")
T_ONE = QT_TRANSLATE_NOOP("SbPlannerErrors", "{count} cropland parcels: {first}")
T_TWO = QT_TRANSLATE_NOOP("SbPlannerErrors", "{count} cropland parcels: {first} × {second}")
ZONE_CHOICES = QT_TRANSLATE_NOOP("SbPlannerErrors", "one of {choices}")
CAUSE_US = QT_TRANSLATE_NOOP("SbPlannerErrors", "{factor} looks like US customary units (×{conv:g} to SI)")
CAUSE_R_UNIT = QT_TRANSLATE_NOOP(
    "SbPlannerErrors", "check the unit: R must be the mean annual value in MJ·mm/(hm²·h·a)"
)  # fmt: skip
CAUSE_OTHER = QT_TRANSLATE_NOOP("SbPlannerErrors", "check the unit and the values")
IMPLAUSIBLE_NUMBER = QT_TRANSLATE_NOOP(
    "SbPlannerErrors",
    "{factor} = {value:.4g} ({origin}) lies outside the expected {lower:g}–{upper:g} {unit}; {cause}. "
    "Soil loss scales with it: check before using the numbers."
)  # fmt: skip
IMPLAUSIBLE_RASTER = QT_TRANSLATE_NOOP(
    "SbPlannerErrors",
    "{factor} ({origin}): 5th–95th percentile {low:.4g}–{high:.4g} over the parcels' cells lies outside "
    "the expected {lower:g}–{upper:g} {unit}; {cause}. Soil loss scales with it: check before using the numbers."
)  # fmt: skip


@dataclass(frozen=True)
class FactorSource:
    """One factor of a run: its value (a text: a number, a range, a method) and where it came from."""

    factor: str  # "R", "K", "L", "S", "B", "cover", "E", "T", "tolerance"
    value: Msg | str
    source: Msg | str

    def text(self) -> str:
        """English one-liner (the demo's print-out; the Processing layer translates the parts)."""
        return f"{self.factor}: {self.value} — {self.source}"


@dataclass(frozen=True)
class CroplandT:
    """Cropland T of a run and how it was found."""

    t: float
    zone: str | None  # zone id in t_zones.csv
    practice: str  # practice code in t_factor.csv ("none" = no practice)
    fallback: bool  # neither zone nor practice: T = 1 was used


def cropland_t(params: ParamSet, zone: str | None, practice: str | None = None) -> CroplandT:
    """Cropland T: the zone's T (t_zones.csv) times the practice's T (t_factor.csv, "none" = 1).

    ``practice`` defaults to ``defaults.csv`` ``default_tillage_practice``. An unknown zone id raises
    :class:`InvalidParameterError` (CROPPING_ZONE) listing the zones. Combining zone and practice by
    product is an SBPlanner rule (PROPOSAL: the 2018 regulation's combination rule was not read).
    """
    practice = practice or params.defaults.get("default_tillage_practice", "none") or "none"
    zone = (zone or "").strip() or None
    if zone is not None and zone not in params.t_zones:
        raise InvalidParameterError(
            name="CROPPING_ZONE",
            value=zone,
            reason=msg(ZONE_CHOICES, choices=", ".join(params.t_zones)),
        )
    t_practice = params.t_factor[practice]
    t_zone = params.t_zones[zone]["t"] if zone is not None else 1.0
    fallback = zone is None and practice == "none"
    return CroplandT(float(t_zone * t_practice), zone, practice, fallback)


def t_source(params: ParamSet, info: CroplandT, cropland_parcels: int) -> FactorSource:
    """The provenance line of T (cropland; other land has T = 1 by the CSLE combination rule)."""
    if cropland_parcels == 0:
        return FactorSource(
            "T",
            "1",
            msg(T_NO_CROPLAND),
        )
    if info.fallback:
        return FactorSource(
            "T",
            f"{info.t:g}",
            msg(
                T_FALLBACK,
                count=cropland_parcels,
                file=params.files.get("t_factor.csv", "t_factor.csv"),
            ),
        )
    parts: list[Msg] = []
    if info.zone is not None:
        row = params.t_zones[info.zone]
        parts.append(
            msg(
                T_ZONE,
                zone=info.zone,
                name=row["name_zh"],
                t=row["t"],
                confidence=row["confidence"],
                file=params.files.get("t_zones.csv", "t_zones.csv"),
            )
        )
    if info.practice != "none":
        row = params.t_practices.get(info.practice, {})
        parts.append(
            msg(
                T_PRACTICE,
                practice=info.practice,
                t=params.t_factor[info.practice],
                confidence=row.get("confidence", ""),
                file=params.files.get("t_factor.csv", "t_factor.csv"),
            )
        )
    template = T_TWO if len(parts) == 2 else T_ONE
    params_ = {"count": cropland_parcels, "first": parts[0]}
    if len(parts) == 2:
        params_["second"] = parts[1]
    return FactorSource("T", f"{info.t:g}", msg(template, **params_))


# --------------------------------------------------------------------------------------------
# plausibility of R and K
def factor_range(values, labels: np.ndarray | None = None) -> tuple[float, float] | None:
    """(5th, 95th) percentile of a factor over the parcels' cells (``labels`` > 0) — or (v, v) for a
    number; None when no cell has a value."""
    arr = np.asarray(values, dtype=np.float64)
    if arr.ndim == 0 or arr.size == 1:
        v = float(arr.ravel()[0])
        return None if np.isnan(v) else (v, v)
    flat = arr.ravel()
    if labels is not None and labels.size == flat.size:
        flat = flat[labels.ravel() > 0]
    flat = flat[np.isfinite(flat)]
    if flat.size == 0:
        return None
    lo, hi = np.percentile(flat, PERCENTILES)
    return float(lo), float(hi)


def check_plausibility(
    params: ParamSet, factor: str, values, origin: Msg | str, labels=None, region: int | None = None
) -> Msg | None:
    """A warning when ``factor`` ("R"/"K") lies outside its plausible range, else None.

    The range is the erosion region's row of factor_plausibility.csv when ``region`` has one, else
    the general row (the region's name is then added to the unit in the message).

    A number is checked itself; a grid (or per-cell values) by its 5th–95th percentiles over the
    parcels' cells: a warning when either lies outside the range. The likely cause: US customary
    units when the value times ``us_to_si`` falls inside the range.
    """
    bounds = params.plausibility.get(factor)
    unit_note = ""
    if region is not None and (factor, int(region)) in params.plausibility_regional:
        bounds = params.plausibility_regional[(factor, int(region))]
        unit_note = ", " + params.tolerance.get(int(region), (str(region),))[0]
    rng = factor_range(values, labels)
    if bounds is None or rng is None:
        return None
    lower, upper, conv = bounds["lower"], bounds["upper"], bounds["us_to_si"]
    p_lo, p_hi = rng
    if p_lo >= lower and p_hi <= upper:
        return None
    middle = 0.5 * (p_lo + p_hi)
    if lower <= middle * conv <= upper:
        cause = msg(CAUSE_US, factor=factor, conv=conv)
    elif (p_hi < lower or p_lo > upper) and factor == "R":
        cause = msg(CAUSE_R_UNIT)
    else:
        cause = msg(CAUSE_OTHER)
    common = {
        "factor": factor,
        "origin": origin,
        "lower": lower,
        "upper": upper,
        "unit": bounds["unit"] + unit_note,
        "cause": cause,
    }
    if np.asarray(values).size == 1:
        return msg(IMPLAUSIBLE_NUMBER, value=p_lo, **common)
    return msg(IMPLAUSIBLE_RASTER, low=p_lo, high=p_hi, **common)


# --------------------------------------------------------------------------------------------
# impossible R and K (issue 13): an error, never a number
class FactorRangeError(SbPlannerError):
    """A factor value outside its allowed range (``factor_plausibility.csv`` ``allowed_lower`` … ``allowed_upper``)
    or not finite: impossible in any unit, so the run stops before anything is written."""

    key = "factor_range"
    # no trailing comma: pylupdate5 skips a QT_TRANSLATE_NOOP call that ends with one
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "{factor} ({origin}): {problem} The allowed range is {range} {unit} (factor_plausibility.csv); correct the "
        "value or its unit. Nothing was written."
    )  # fmt: skip


FACTOR_NUMBER_IMPOSSIBLE = QT_TRANSLATE_NOOP("SbPlannerErrors", "{value} is impossible.")
FACTOR_CELLS_IMPOSSIBLE = QT_TRANSLATE_NOOP(
    "SbPlannerErrors",
    "{count} of the parcels' cells hold impossible values (e.g. {value}; an undeclared nodata value?)."
)  # fmt: skip
FACTOR_PARCELS_IMPOSSIBLE = QT_TRANSLATE_NOOP(
    "SbPlannerErrors", "{count} parcels hold impossible values (e.g. {value})."
)  # fmt: skip


def allowed_range(params: ParamSet, factor: str) -> tuple[float, float]:
    """(lower, upper) a factor may take (inclusive): the general row's ``allowed_lower`` / ``allowed_upper`` of
    factor_plausibility.csv; (0, inf) where the table leaves them empty (a user's older copy)."""
    row = params.plausibility.get(factor) or {}
    lower = row.get("allowed_lower")
    upper = row.get("allowed_upper")
    return (0.0 if lower is None else float(lower), np.inf if upper is None else float(upper))


def check_allowed(params: ParamSet, factor: str, values, origin: Msg | str, labels=None, per_parcel=False) -> None:
    """Raise :class:`FactorRangeError` when ``factor`` ("R"/"K") holds a value outside its allowed range or a
    non-finite one: a number itself; a grid over the parcels' cells (``labels`` > 0; NaN = no data is not
    checked); per-parcel values (``per_parcel``, NaN = not given)."""
    lower, upper = allowed_range(params, factor)
    unit = (params.plausibility.get(factor) or {}).get("unit", "")
    arr = np.asarray(values, dtype=np.float64)
    flat = arr.ravel()
    if labels is not None and np.size(labels) == flat.size:
        flat = flat[np.asarray(labels).ravel() > 0]
    bad = ~np.isnan(flat) & ~((flat >= lower) & (flat <= upper))  # ±inf fails both comparisons' conjunction
    if not bad.any():
        return
    example = flat[bad][np.argmax(np.abs(np.nan_to_num(flat[bad], posinf=1e308, neginf=-1e308)))]
    value = f"{example:.4g}"
    if arr.size == 1:
        problem = msg(FACTOR_NUMBER_IMPOSSIBLE, value=value)
    elif per_parcel:
        problem = msg(FACTOR_PARCELS_IMPOSSIBLE, count=int(bad.sum()), value=value)
    else:
        problem = msg(FACTOR_CELLS_IMPOSSIBLE, count=int(bad.sum()), value=value)
    upper_text = f"{upper:g}" if np.isfinite(upper) else "∞"
    raise FactorRangeError(
        factor=factor, origin=origin, problem=problem, range=f"{lower:g} ≤ {factor} ≤ {upper_text}", unit=unit
    )
