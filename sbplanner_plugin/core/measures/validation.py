"""Validation of a measure the designer gives one parcel (the parcel editor calls it on every edit)."""

from __future__ import annotations

import math
from collections.abc import Mapping

from sbplanner_plugin.core.definitions import split_list
from sbplanner_plugin.core.measures.catalogue import Catalogue
from sbplanner_plugin.core.measures.law import BASES, STEEP_CROPLAND_DEG, is_cropland, is_steep_cropland, truthy
from sbplanner_plugin.core.measures.messages import Message


def validate_assignment(
    parcel: Mapping,
    measure_code: str,
    catalogue: Catalogue,
    exempt: bool | None = None,
    slope_limit_deg: float = STEEP_CROPLAND_DEG,
) -> list[Message]:
    """Problems of assigning ``measure_code`` (one code or ``;``-separated codes) to one parcel.

    ``parcel`` holds ``landuse_code``, ``slope_mean_deg`` and optionally ``gdlx``/``GDLX``,
    ``gdpdjb``/``GDPDJB``, ``retire_exempt`` and ``steep_cropland`` — the evidence ``assign`` stored
    (DEM, GDPDJB, 禁垦范围 at the limit of that run). Cropland is beyond the limit when that field says
    so or when its slope and GDPDJB are at ``slope_limit_deg`` (a land use edited after the run).
    Cheap (dictionary look-ups only): the parcel editor calls it on every edit.
    Message keys: unknown_measure, not_area_measure, landuse_not_applicable, slope_outside_range,
    terrace_on_terraced, steep_cropland.
    """
    code = str(parcel.get("landuse_code") or "").strip()
    try:
        slope = float(parcel.get("slope_mean_deg"))
    except (TypeError, ValueError):
        slope = math.nan
    gdlx = str(parcel.get("gdlx") or parcel.get("GDLX") or "").strip().upper()
    if exempt is None:
        exempt = truthy(parcel.get("retire_exempt"))
    gdpdjb = parcel.get("gdpdjb", parcel.get("GDPDJB"))
    stored = str(parcel.get("steep_cropland") or "").strip() in BASES
    steep = (stored and is_cropland(code)) or is_steep_cropland(code, slope, slope_limit_deg, gdpdjb)
    out: list[Message] = []
    measures = []
    for c in split_list(measure_code):
        m = catalogue.get(c)
        if m is None:
            out.append(Message("unknown_measure", {"measure": c}))
            continue
        measures.append(m)
        label = f"{m.name_zh} ({m.code})"
        if m.geometry != "polygon":
            out.append(Message("not_area_measure", {"measure": label, "geometry": m.geometry, "code": m.code}))
            continue
        if not m.applies_to(code):
            out.append(
                Message(
                    "landuse_not_applicable",
                    {
                        "measure": label,
                        "landuse": code or "?",
                        "groups": ", ".join(m.landuse_groups),
                        "code": m.code,
                        "group_codes": tuple(m.landuse_groups),
                    },
                )
            )
        in_range = m.slope_min_deg <= slope < m.slope_max_deg
        if math.isfinite(slope) and not in_range and not (steep and exempt and m.is_terrace):
            out.append(
                Message(
                    "slope_outside_range",
                    {"measure": label, "slope": slope, "low": m.slope_min_deg, "high": m.slope_max_deg, "code": m.code},
                )
            )
        if m.is_terrace and gdlx == "TT":
            out.append(Message("terrace_on_terraced", {"measure": label, "code": m.code}))
    if steep and not exempt and (not measures or any(m.keeps_cropping for m in measures)):
        out.append(Message("steep_cropland", {"slope": slope, "limit": f"{slope_limit_deg:g}"}))
    return out
