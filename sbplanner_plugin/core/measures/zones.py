"""Share of each parcel's area inside a set of polygons (the county's 禁垦范围), with shapely.

The adapters read both layers into one CRS (``adapters.features.read_features``); this only does the
geometry. A parcel without area (or an unreadable geometry) gets NaN.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely


def area_share_inside(parcels_wkb: Sequence[bytes], zones_wkb: Sequence[bytes]) -> np.ndarray:
    """Per parcel: area inside the union of ``zones_wkb`` / parcel area (0–1; NaN for a parcel without area)."""
    n = len(parcels_wkb)
    out = np.full(n, np.nan)
    if n == 0:
        return out
    parcels = shapely.from_wkb([bytes(w) for w in parcels_wkb], on_invalid="ignore")
    areas = shapely.area(parcels)
    has_area = np.asarray([g is not None for g in parcels], dtype=bool) & (np.nan_to_num(areas) > 0)
    out[has_area] = 0.0
    zones = [z for z in shapely.from_wkb([bytes(w) for w in zones_wkb], on_invalid="ignore") if z is not None]
    zones = [shapely.make_valid(z) for z in zones if not z.is_empty]
    if not zones or not has_area.any():
        return out
    union = shapely.union_all(zones)
    tree = shapely.STRtree(parcels[has_area])
    hit = np.unique(tree.query(union, predicate="intersects")) if not union.is_empty else np.array([], dtype=int)
    index = np.flatnonzero(has_area)[hit]
    if index.size:
        inside = shapely.area(shapely.intersection(shapely.make_valid(parcels[index]), union))
        out[index] = np.clip(inside / areas[index], 0.0, 1.0)
    return out
