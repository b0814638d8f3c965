"""A re-proposal keeps the engineer's decisions (issue 13).

Re-running the proposal (``sbplanner:assign_measures``) over a plan whose parcels the engineer already
confirmed or changed must not put them back to ``proposed``. :func:`keep_decisions` merges the fresh
proposal with the previous layout: a parcel whose previous status is ``confirmed`` or ``overridden``
keeps its measure fields, design parameters, ``rule_id``, ``reason`` and ``status``
(:data:`~.edits.PARCEL_EDIT_FIELDS`); every other parcel takes the new proposal.

Parcels are matched by geometry (:func:`geometry_key`: the normalised 2-D shape, single and
multi-polygons alike), since the proposal copies the analysed parcels' geometry unchanged and the
analysed layer has no stable id field. A previous parcel no longer in the input is dropped; a new one
is proposed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import shapely

from sbplanner_plugin.core.definitions import CONFIRMED, OVERRIDDEN
from sbplanner_plugin.core.measures.edits import PARCEL_EDIT_FIELDS

#: Statuses the engineer set: a re-proposal keeps these parcels.
KEPT_STATUSES = (CONFIRMED, OVERRIDDEN)
#: Rounding of coordinates for matching (the plan store may write doubles back a little differently).
KEY_DECIMALS = 6


def geometry_key(wkb: bytes | None) -> bytes | None:
    """A key equal for the same parcel shape read from two layers (None for no/invalid geometry)."""
    if not wkb:
        return None
    try:
        geom = shapely.from_wkb(bytes(wkb))
    except Exception:
        return None
    if geom is None or geom.is_empty:
        return None
    if geom.geom_type == "Polygon":
        geom = shapely.MultiPolygon([geom])
    geom = shapely.force_2d(geom)
    geom = shapely.transform(geom, lambda xy: xy.round(KEY_DECIMALS))
    return shapely.to_wkb(shapely.normalize(geom), output_dimension=2)


def keep_decisions(
    assigned: pd.DataFrame,
    keys: Sequence[bytes | None],
    previous: Mapping[str, Sequence],
    previous_keys: Sequence[bytes | None],
) -> tuple[pd.DataFrame, int]:
    """(``assigned`` with the engineer's decisions of ``previous`` restored, how many parcels were kept).

    ``assigned``: the fresh proposal (row ``i`` = parcel with key ``keys[i]``); ``previous``: the previous
    layout's columns (field → values, None = NULL) with ``previous_keys`` in the same order. A previous
    layout without a ``status`` field keeps nothing. When two previous parcels share a key the first one
    with a kept status decides.
    """
    statuses = previous.get("status")
    if statuses is None or not len(assigned):
        return assigned, 0
    fields = [name for name in PARCEL_EDIT_FIELDS if name in previous and name in assigned.columns]
    decided: dict[bytes, int] = {}
    for j, (key, status) in enumerate(zip(previous_keys, statuses)):
        if key is not None and (status or "") in KEPT_STATUSES and key not in decided:
            decided[key] = j
    out = assigned.copy()
    kept = 0
    for i, key in enumerate(keys):
        j = decided.get(key) if key is not None else None
        if j is None:
            continue
        for name in fields:
            value = previous[name][j]
            out.iat[i, out.columns.get_loc(name)] = "" if value is None or str(value) == "NULL" else str(value)
        kept += 1
    return out, kept


def unmatched_decisions(
    keys: Sequence[bytes | None], previous: Mapping[str, Sequence], previous_keys: Sequence[bytes | None]
) -> int:
    """How many confirmed / overridden parcels of ``previous`` match none of ``keys`` (their decision is lost:
    the parcel's shape changed or it was deleted — the caller says so)."""
    statuses = previous.get("status")
    if statuses is None:
        return 0
    present = set(keys)
    decided = {key for key, status in zip(previous_keys, statuses) if (status or "") in KEPT_STATUSES}
    return len({key for key in decided if key is None or key not in present})
