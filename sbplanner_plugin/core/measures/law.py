"""The built-in 《中华人民共和国水土保持法》 rule: names and the steep-cropland test shared by the
assignment (:mod:`.assign`) and the parcel editor's validation (:mod:`.validation`)."""

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


def is_steep_cropland(landuse_code: str, slope_deg: float) -> bool:
    """Cropland (GB/T 21010 group 01) that is not a paddy (0101), on ≥ 25°: the law's scope."""
    return (
        landuse_code.startswith(CROPLAND_GROUP)
        and not landuse_code.startswith(PADDY_CODE)
        and slope_deg >= STEEP_CROPLAND_DEG
    )


def truthy(value: object) -> bool:
    """A 退耕确有困难 flag: 1, true, yes, 是, x … (None, NaN, 0, false, '' are not)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        return value != 0
    return str(value).strip().lower() in ("1", "true", "t", "yes", "y", "是", "x")
