"""Recompute only the changed parcels (core.quantities.measures with ``previous``): the kept parcels carry their
stored values, the changed ones are computed, and the merged result is the one a full run gives."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
import shapely

from sbplanner_plugin.core.quantities import measures as m
from tests.unit.test_measure_quantities import DESIGN, NORMS, Q, work

CODES = ["forest_arbor", "grass", "closure", "closure", "contour_tillage;hedgerow", "terrace_level_earth"]


def inputs(codes=CODES, area=None, works=()) -> m.MeasureQuantityInputs:
    n = len(codes)
    boxes = [shapely.box(100 * i, 0, 100 * (i + 1), 200) for i in range(n)]  # a row of touching 1 × 2 hm² boxes
    return m.MeasureQuantityInputs(
        parcel_ids=np.arange(11, 11 + n),
        measure_codes=list(codes),
        measure_params=[""] * n,
        area_m2=np.asarray(area if area is not None else [20_000.0] * n, dtype=float),
        perimeter_m=np.full(n, 600.0),
        slope_deg=np.full(n, 18.0),
        design_params=DESIGN,
        quantity_params=Q,
        labour_norms=NORMS,
        works=list(works),
        ws_codes=["W"] * n,
        years=[1] * n,
        geometries_wkb=[shapely.to_wkb(b) for b in boxes],
    )


def previous_of(result: m.MeasureQuantityResult, ids) -> m.PreviousMeasureQuantities:
    """What the plan holds after a run: the parcel table by parcel_id, the items, works and curves."""
    table = result.parcels.assign(parcel_id=np.asarray(ids)[result.parcel_rows])
    parcels = {int(r["parcel_id"]): r.to_dict() for _, r in table.iterrows()}
    return m.PreviousMeasureQuantities(parcels, result.items.copy(), result.works.copy(), result.storage.copy())


def canonical(items: pd.DataFrame) -> pd.DataFrame:
    cols = ["source", "feature_id", "measure_code", "item", "quantity"]
    return items[cols].sort_values(cols[:4]).reset_index(drop=True)


def test_unchanged_plan_keeps_every_parcel_and_the_works() -> None:
    first_inputs = inputs(works=[work("cistern"), work("field_road", 350.0)])
    first = m.measure_quantities(first_inputs)
    assert first.kept == 0 and first.recomputed == 5 and not first.works_kept  # the terrace parcel has none
    again = m.measure_quantities(replace(first_inputs, previous=previous_of(first, first_inputs.parcel_ids)))
    assert (again.kept, again.recomputed, again.works_kept) == (5, 0, True)
    assert again.parcel_rows.tolist() == first.parcel_rows.tolist()
    pd.testing.assert_frame_equal(canonical(again.items), canonical(first.items))
    assert again.parcels["change_key"].tolist() == first.parcels["change_key"].tolist()


def test_kept_values_come_from_the_plan_and_changed_parcels_are_computed() -> None:
    first_inputs = inputs()
    first = m.measure_quantities(first_inputs)
    prev = previous_of(first, first_inputs.parcel_ids)
    # mark the stored values: a kept parcel shows the mark, a recomputed one the true number
    prev.parcels[11]["trees"] = 12345.0
    prev.items.loc[(prev.items["feature_id"] == 11) & (prev.items["item"] == "trees"), "quantity"] = 12345.0
    prev.parcels[12]["seed_kg"] = -1.0
    edited = replace(first_inputs, measure_codes=["forest_arbor", "forest_shrub", *CODES[2:]], previous=prev)
    again = m.measure_quantities(edited)
    assert (again.kept, again.recomputed) == (4, 1)
    by_id = again.parcels.assign(pid=np.asarray(edited.parcel_ids)[again.parcel_rows]).set_index("pid")
    assert by_id.loc[11, "trees"] == 12345.0  # kept: the stored value, not recomputed
    items = again.items
    assert float(items[(items["feature_id"] == 11) & (items["item"] == "trees")]["quantity"].sum()) == 12345.0
    # parcel 12 now 灌木林 1×1.5 m on 2 hm²: 6667 plants/hm² × 2 × 1.05 shrubs, no seed
    fresh = m.measure_quantities(replace(edited, previous=None))
    full = fresh.parcels.assign(pid=np.asarray(edited.parcel_ids)[fresh.parcel_rows]).set_index("pid")
    assert by_id.loc[12, "shrubs"] == pytest.approx(full.loc[12, "shrubs"]) and by_id.loc[12, "shrubs"] > 13_000
    assert by_id.loc[12, "seed_kg"] == 0.0
    shrubs = items[(items["feature_id"] == 12) & (items["item"] == "shrubs")]["quantity"].sum()
    assert shrubs == pytest.approx(full.loc[12, "shrubs"])
    assert set(items[items["feature_id"] == 12]["measure_code"]) == {"forest_shrub"}  # the old grass rows are gone
    # apart from the marked parcel 11, the merge equals a full run
    keep = lambda f: f[f["feature_id"] != 11]  # noqa: E731
    pd.testing.assert_frame_equal(canonical(keep(items)), canonical(keep(fresh.items)))


def test_a_closure_change_recomputes_every_closure_parcel() -> None:
    # the shared fence: closure parcels 13 and 14 touch, so each is fenced (1200 − 2·200)/1200 of its perimeter;
    # making parcel 12 a closure too changes the union, hence every closure parcel's fence
    first_inputs = inputs()
    first = m.measure_quantities(first_inputs)
    codes = ["forest_arbor", "closure", *CODES[2:]]
    again = m.measure_quantities(
        replace(first_inputs, measure_codes=codes, previous=previous_of(first, first_inputs.parcel_ids))
    )
    assert (again.kept, again.recomputed) == (2, 3)  # 11 and 15 kept; 12, 13, 14 computed
    fence = again.items[again.items["item"] == "fence_m"]["quantity"].sum()
    assert fence == pytest.approx(1000.0)  # three touching 100 × 200 boxes: one fence of 2·300 + 2·200 m


def test_other_inputs_that_change_a_parcel() -> None:
    first_inputs = inputs()
    prev = previous_of(m.measure_quantities(first_inputs), first_inputs.parcel_ids)
    area = [20_000.0, 30_000.0, 20_000.0, 20_000.0, 20_000.0, 20_000.0]
    design = {**DESIGN, "grass": {"seed_kg_per_ha": 40}}
    norms = [*NORMS, m.LabourNorm("grass", "grass_ha", 3.0)]
    for changed, recomputed in (
        (dict(area_m2=np.asarray(area)), 1),  # parcel 12 redrawn
        (dict(design_params=design), 1),  # the catalogue's grass seed rate
        (dict(labour_norms=norms), 5),  # a labour norm: every parcel's labour may change
        (dict(years=[1, 2, 1, 1, 1, 1]), 1),  # parcel 12 moved to year 2
    ):
        again = m.measure_quantities(replace(first_inputs, previous=prev, **changed))
        assert again.recomputed == recomputed, changed


def test_a_changed_work_recomputes_the_works() -> None:
    works = [work("cistern"), work("field_road", 350.0)]
    first_inputs = inputs(works=works)
    prev = previous_of(m.measure_quantities(first_inputs), first_inputs.parcel_ids)
    longer = [work("cistern"), work("field_road", 500.0)]
    again = m.measure_quantities(replace(first_inputs, works=longer, previous=prev))
    assert not again.works_kept and again.kept == 5
    roads = again.items[(again.items["measure_code"] == "field_road") & (again.items["item"] == "length_m")]
    assert roads["quantity"].tolist() == [500.0]
    added = m.measure_quantities(replace(first_inputs, works=[*works, work("cistern")], previous=prev))
    assert not added.works_kept and len(added.works) == 3


def test_no_keeping_without_the_stored_items_or_with_duplicate_ids() -> None:
    first_inputs = inputs()
    first = m.measure_quantities(first_inputs)
    prev = previous_of(first, first_inputs.parcel_ids)
    no_items = replace(prev, items=None)
    assert m.measure_quantities(replace(first_inputs, previous=no_items)).kept == 0
    twins = replace(first_inputs, parcel_ids=np.array([11, 11, 13, 14, 15, 16]), previous=prev)
    assert m.measure_quantities(twins).kept == 0
