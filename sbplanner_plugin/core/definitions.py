"""Names shared by every layer: enums, field-name candidates, statuses, prefixes and value coercion.

One definitions module (core, so every layer may import it): algorithms, the dock, the plan store
and the demo spell these names from here, never as their own copies. Nothing here opens a file or
imports QGIS/Qt.
"""

from __future__ import annotations

import math
from enum import Enum, IntEnum

from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP

#: Translation context of the display names below: ``QCoreApplication.translate(DEFINITIONS_CONTEXT, name)``.
DEFINITIONS_CONTEXT = "SbPlannerDefinitions"


# --------------------------------------------------------------------------------------------
# erosion-type regions (SL 190-2007 容许土壤流失量; rows of resources/params/tolerance_regions.csv)
class ErosionRegion(IntEnum):
    """The five erosion-type regions, in the order of ``tolerance_regions.csv`` and of the
    ``EROSION_REGION`` enum of ``sbplanner:analyse_parcels`` / ``sbplanner:assign_measures``."""

    SOUTH_RED_SOIL = 0  # 南方红壤丘陵区
    SOUTHWEST_ROCKY = 1  # 西南土石山区
    NORTHWEST_LOESS = 2  # 西北黄土高原区
    NORTHEAST_BLACK_SOIL = 3  # 东北黑土区
    NORTH_ROCKY = 4  # 北方土石山区


REGION_IDS = tuple(int(r) for r in ErosionRegion)
N_REGIONS = len(REGION_IDS)

#: Display name of each region, by ``ErosionRegion`` id (English source, translated with
#: ``DEFINITIONS_CONTEXT``): the one label list of every region choice (algorithm enums, the dock).
REGION_NAMES = (
    QT_TRANSLATE_NOOP("SbPlannerDefinitions", "Southern red-soil hilly region"),
    QT_TRANSLATE_NOOP("SbPlannerDefinitions", "Southwestern rocky mountain region"),
    QT_TRANSLATE_NOOP("SbPlannerDefinitions", "Northwestern Loess Plateau"),
    QT_TRANSLATE_NOOP("SbPlannerDefinitions", "Northeastern black-soil region"),
    QT_TRANSLATE_NOOP("SbPlannerDefinitions", "Northern rocky mountain region"),
)


def region_labels(names, tolerances: dict[int, float] | None = None) -> list[str]:
    """Option texts of a region choice, by ``ErosionRegion`` id: each (translated) name of
    :data:`REGION_NAMES`, followed by its allowable soil loss when ``tolerances`` (region id →
    t/(km²·a), from ``tolerance_regions.csv``) has one — "Southern red-soil hilly region (500)"."""
    out = []
    for region, name in zip(REGION_IDS, names):
        tolerance = (tolerances or {}).get(region)
        out.append(f"{name} ({tolerance:g})" if tolerance else name)
    return out


# --------------------------------------------------------------------------------------------
# plan status of a proposed measure or work (step 3)
class Status(str, Enum):
    """Life cycle of a parcel's measure or a work: proposed by the rules, overridden by the engineer
    (a changed measure or a moved work), confirmed (accepted as it is)."""

    PROPOSED = "proposed"
    OVERRIDDEN = "overridden"
    CONFIRMED = "confirmed"


PROPOSED = Status.PROPOSED.value
OVERRIDDEN = Status.OVERRIDDEN.value
CONFIRMED = Status.CONFIRMED.value


# --------------------------------------------------------------------------------------------
# field-name candidates of the input layers (compared case-insensitively, first match wins)
#: The land-use code field of parcels (三调 DLBM first; then common names of other code lists).
LANDUSE_FIELDS = ("dlbm", "landuse", "lu_code", "lucode", "landuse_code", "swat_code", "code")
#: 三调 / 二调 cropland slope grade (耕地坡度级别).
GDPDJB_FIELDS = ("gdpdjb", "gdpdj")
#: 三调 cropland type (耕地类型: TT 梯田, PD 坡地).
GDLX_FIELDS = ("gdlx",)
#: Vegetation cover (植被覆盖度) and canopy closure (郁闭度) fields of parcels.
COVER_FIELDS = ("fvc", "cover", "veg_cover")
CANOPY_FIELDS = ("ybd", "canopy", "canopy_closure")
#: The small-watershed code field of units.
WS_CODE_FIELD = "ws_code"


def find_field(names, wanted: str | None, candidates: tuple[str, ...] = ()) -> str | None:
    """The field to use among ``names``: ``wanted`` when given (None if the layer lacks it), else the
    first of ``candidates`` present (case-insensitive), else None."""
    names = list(names)
    if wanted:
        return wanted if wanted in names else None
    lower = {n.lower(): n for n in names}
    return next((lower[c] for c in candidates if c in lower), None)


# --------------------------------------------------------------------------------------------
# plan locations
#: A PostGIS plan is named ``postgres:<connection>/<schema>`` (a GeoPackage plan by its path).
POSTGRES_PREFIX = "postgres:"


# --------------------------------------------------------------------------------------------
# value coercion of attribute values read from layers and tables
def code_text(value: object) -> str | None:
    """A code as text: None/NULL/'' → None, 103.0 → '103', ' 0103 ' → '0103'."""
    if value is None:
        return None
    if isinstance(value, float):
        if value != value:  # NaN
            return None
        if value.is_integer():
            value = int(value)
    text = str(value).strip()
    return text if text and text.upper() != "NULL" else None


def to_number(value: object) -> float:
    """An attribute value as a finite float, NaN for NULL, text that is not a number, or ±inf."""
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan
    return v if math.isfinite(v) else math.nan


def split_list(text: object) -> list[str]:
    """A ``;``-separated list (full-width ``；`` too) as its stripped, non-empty items."""
    return [t.strip() for t in str(text or "").replace("；", ";").split(";") if t.strip()]
