"""A re-proposal keeps the engineer's confirmed and overridden parcels (issue 13, core.measures.keep)."""

from __future__ import annotations

import pandas as pd
import shapely

from sbplanner_plugin.core import measures as sbm
from sbplanner_plugin.core.measures.keep import geometry_key, keep_decisions


def square(x: float) -> bytes:
    return shapely.to_wkb(shapely.box(x, 0, x + 10, 10))


def proposal(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area_ha": [0.01] * n,
            "measure_code": ["TT_LEVEL"] * n,
            "measure_name": ["水平梯田"] * n,
            "measure_category": ["工程"] * n,
            "measure_codes": ["TT_LEVEL"] * n,
            "measure_names": ["水平梯田"] * n,
            "rule_id": ["R1"] * n,
            "reason": ["新规则"] * n,
            "status": [sbm.PROPOSED] * n,
            "measure_params": ["a=1"] * n,
            "steep_cropland": [""] * n,
        }
    )


def previous_layout(statuses: list) -> dict:
    n = len(statuses)
    return {
        "measure_code": ["GRASS"] * n,
        "measure_name": ["种草"] * n,
        "measure_category": ["林草"] * n,
        "measure_codes": ["GRASS"] * n,
        "measure_names": ["种草"] * n,
        "rule_id": ["manual"] * n,
        "reason": ["人工调整"] * n,
        "status": statuses,
        "measure_params": ["b=2"] * n,
        "steep_cropland": ["dem"] * n,
    }


def test_confirmed_and_overridden_parcels_keep_their_decision_the_rest_are_proposed_anew() -> None:
    geoms = [square(0), square(10), square(20), square(30)]
    previous = previous_layout(["confirmed", "overridden", "proposed", None])
    merged, kept = keep_decisions(
        proposal(4), [geometry_key(g) for g in geoms], previous, [geometry_key(g) for g in geoms]
    )
    assert kept == 2
    assert merged["status"].tolist() == ["confirmed", "overridden", "proposed", "proposed"]
    assert merged["measure_code"].tolist() == ["GRASS", "GRASS", "TT_LEVEL", "TT_LEVEL"]
    assert merged["reason"].tolist()[:2] == ["人工调整", "人工调整"]
    assert merged["measure_params"].tolist() == ["b=2", "b=2", "a=1", "a=1"]
    # the steep-cropland evidence is recomputed, never taken from the previous layout
    assert merged["steep_cropland"].tolist() == [""] * 4


def test_parcels_are_matched_by_shape_not_by_order_and_gone_parcels_are_dropped() -> None:
    now = [square(0), square(10), square(20)]
    # previous layout: other order, a multipolygon for one square, one parcel that no longer exists
    multi = shapely.to_wkb(shapely.MultiPolygon([shapely.box(20, 0, 30, 10)]))
    before = [multi, square(500), square(0)]
    previous = previous_layout(["confirmed", "confirmed", "proposed"])
    merged, kept = keep_decisions(
        proposal(3), [geometry_key(g) for g in now], previous, [geometry_key(g) for g in before]
    )
    assert kept == 1
    assert merged["status"].tolist() == ["proposed", "proposed", "confirmed"]


def test_no_status_field_or_no_geometry_keeps_nothing() -> None:
    geoms = [square(0)]
    previous = previous_layout(["confirmed"])
    del previous["status"]
    merged, kept = keep_decisions(proposal(1), [geometry_key(g) for g in geoms], previous, [geometry_key(geoms[0])])
    assert kept == 0 and merged["status"].tolist() == [sbm.PROPOSED]
    assert geometry_key(None) is None and geometry_key(b"not wkb") is None
    merged, kept = keep_decisions(proposal(1), [None], previous_layout(["confirmed"]), [None])
    assert kept == 0


def test_input_frame_is_not_modified() -> None:
    fresh = proposal(1)
    keep_decisions(fresh, [geometry_key(square(0))], previous_layout(["confirmed"]), [geometry_key(square(0))])
    assert fresh["status"].tolist() == [sbm.PROPOSED]
