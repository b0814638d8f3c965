"""The built-in 《中华人民共和国水土保持法》 rule: names and the steep-cropland test shared by the
assignment (:mod:`.assign`) and the parcel editor's validation (:mod:`.validation`).

Which cropland is beyond the 禁垦坡度 (the prohibited-cultivation slope, :func:`steep_basis`):

1. **禁垦范围** — a parcel whose area lies for at least :data:`NO_CULTIVATION_SHARE` (50 %) inside the
   county's published prohibited area (禁止开垦的陡坡地的范围由当地县级人民政府划定并公告) is beyond the limit,
   whatever its slope;
2. **三调 GDPDJB** (耕地坡度级别: 1 ≤ 2°, 2 (2°, 6°], 3 (6°, 15°], 4 (15°, 25°], 5 > 25°, domain reference
   §10.3) — a grade whose whole class lies above the limit puts the parcel beyond it, whatever the DEM
   mean says: with the default 25°, GDPDJB 5 is steep even on a DEM mean of 23°; with 15° (a class
   bound) grades 4 and 5. When the limit is not a class bound (e.g. 20°) only the grades wholly above
   it decide (grade 5), the straddling grade (4) does not. A grade never clears a parcel: a lower grade
   leaves the decision to the DEM (the disagreement is reported), since the law errs on protection;
3. **DEM** — the parcel's mean slope ≥ the limit (legal "以上" includes the number).

The limit is 25° by default (水土保持法 第二十条); provinces may set a smaller one (e.g. 15° in Inner
Mongolia's regulation), which the user gives as ``SLOPE_LIMIT_DEG``.
"""

from __future__ import annotations

import math

import numpy as np

#: 水土保持法 slope limit (degrees): "二十五度以上" (legal 以上 includes the number).
STEEP_CROPLAND_DEG = 25.0
CROPLAND_GROUP = "01"
PADDY_CODE = "0101"
#: rule_id of a parcel the law decided.
LAW_RULE_ID = "SWC-LAW"
RETIRE_MEASURE = "retire_to_forest_grass"
RETIRE_COMPANION = "fish_scale_pit"
#: A parcel with at least this share of its area inside the 禁垦范围 layer is beyond the limit.
NO_CULTIVATION_SHARE = 0.5
#: 三调 GDPDJB grade → its slope class (lower, upper] in degrees (domain reference §10.3, S8).
GDPDJB_CLASSES = {1: (0.0, 2.0), 2: (2.0, 6.0), 3: (6.0, 15.0), 4: (15.0, 25.0), 5: (25.0, 90.0)}

#: Evidence that put a parcel beyond the limit (the ``steep_cropland`` output field).
BASIS_DEM = "dem"
BASIS_GDPDJB = "gdpdjb"
BASIS_ZONE = "no_cultivation_area"
BASES = (BASIS_DEM, BASIS_GDPDJB, BASIS_ZONE)


def is_cropland(landuse_code: str) -> bool:
    """Cropland (GB/T 21010 group 01) that is not a paddy (0101): the law's scope."""
    return landuse_code.startswith(CROPLAND_GROUP) and not landuse_code.startswith(PADDY_CODE)


def gdpdjb_grade(value: object) -> int | None:
    """A GDPDJB value (1–5, text or number) as its grade; None when missing or not a grade."""
    try:
        grade = float(str(value).strip())
    except (TypeError, ValueError):
        return None
    return int(grade) if math.isfinite(grade) and grade.is_integer() and int(grade) in GDPDJB_CLASSES else None


def gdpdjb_above(grade: int | None, limit_deg: float) -> bool:
    """The grade's whole class lies above ``limit_deg`` (its lower bound, exclusive, ≥ the limit)."""
    return grade is not None and GDPDJB_CLASSES[grade][0] >= limit_deg - 1e-9


def gdpdjb_below(grade: int | None, limit_deg: float) -> bool:
    """The grade's whole class lies at or below ``limit_deg`` (its upper bound ≤ the limit)."""
    return grade is not None and GDPDJB_CLASSES[grade][1] <= limit_deg + 1e-9


def steep_basis(
    landuse_code: str,
    slope_deg: float,
    limit_deg: float = STEEP_CROPLAND_DEG,
    gdpdjb: object = None,
    zone_share: float = math.nan,
) -> str:
    """The evidence (:data:`BASES`) that puts a cropland parcel beyond the limit; "" when it is not."""
    if not is_cropland(landuse_code):
        return ""
    if zone_share is not None and math.isfinite(zone_share) and zone_share >= NO_CULTIVATION_SHARE:
        return BASIS_ZONE
    if gdpdjb_above(gdpdjb_grade(gdpdjb), limit_deg):
        return BASIS_GDPDJB
    return BASIS_DEM if slope_deg is not None and math.isfinite(slope_deg) and slope_deg >= limit_deg else ""


def is_steep_cropland(
    landuse_code: str, slope_deg: float, limit_deg: float = STEEP_CROPLAND_DEG, gdpdjb: object = None
) -> bool:
    """Cropland (group 01, not paddy) beyond the limit by GDPDJB or the DEM mean slope (:func:`steep_basis`)."""
    return bool(steep_basis(landuse_code, slope_deg, limit_deg, gdpdjb))


def truthy(value: object) -> bool:
    """A 退耕确有困难 flag: 1, true, yes, 是, x … (None, NaN, 0, false, '' are not)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        return value != 0
    return str(value).strip().lower() in ("1", "true", "t", "yes", "y", "是", "x")
