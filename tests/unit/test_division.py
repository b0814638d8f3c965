"""Small-watershed division: aggregation rules, topology and admin sub-units."""

from __future__ import annotations

import numpy as np
import pytest

from sbplanner_plugin.adapters.raster import read_dem
from sbplanner_plugin.core import errors
from sbplanner_plugin.core.delineation import delineate
from sbplanner_plugin.core.division import (
    DivisionInputs,
    MissingAdminFieldError,
    Zones,
    _aggregate,
    admin_names,
    divide,
    divide_watersheds,
    majority,
    parent_codes,
)
from tests.unit.analytic import v_valley
from tests.unit.test_youwuzhen import OUTLET


def test_aggregate_closes_largest_tributary_first() -> None:
    # micro units 1..4: 1 and 2 drain into 3, 3 into 4 (the outlet); areas 3, 1, 1, 1
    area = np.array([0, 3.0, 1.0, 1.0, 1.0])
    down = np.array([0, 3, 3, 4, 0])
    upa = np.array([0, 3.0, 1.0, 5.0, 6.0])
    group = _aggregate(area, down, upa, max_area=4.0)
    # 3 + 1 + 1 = 5 > 4 → unit 1 (largest, 3 km²) closes; 2 joins 3; then 3's group (2) + 4 = 3 ≤ 4
    assert group[1] == 1
    assert group[2] == group[3] == group[4]


def test_aggregate_keeps_everything_together_under_the_limit() -> None:
    area = np.array([0, 3.0, 1.0, 1.0, 1.0])
    down = np.array([0, 3, 3, 4, 0])
    upa = np.array([0, 3.0, 1.0, 5.0, 6.0])
    group = _aggregate(area, down, upa, max_area=50.0)
    assert len(set(group[1:])) == 1


@pytest.fixture(scope="module")
def youwuzhen(demo_dir):
    grid, _ = read_dem(str(demo_dir / "ywzdem10m.tif"))
    mask = delineate(grid, *OUTLET, stream_threshold_km2=0.1).watersheds[0].mask
    return grid, mask


def test_division_respects_area_range_and_topology(youwuzhen) -> None:
    grid, mask = youwuzhen
    res = divide(grid, 0.1, max_area_km2=2.0, min_area_km2=0.3, domain=mask)
    t = res.table
    assert len(t) >= 3
    assert t["area_km2"].sum() == pytest.approx(mask.sum() * grid.cell_area_km2)
    assert (t["area_km2"] <= 2.0 + 1e-9).all()
    assert (t["area_km2"] >= 0.3).all()
    codes = set(t["ws_code"])
    roots = t[t["downstream_code"].isna()]
    assert len(roots) == 1  # one outlet: every other unit drains into another unit
    assert set(t["downstream_code"].dropna()) <= codes
    # the downstream chain from every unit ends at the root without cycles
    down = dict(zip(t["ws_code"], t["downstream_code"]))
    for code in codes:
        seen = set()
        while down[code] is not None:
            assert code not in seen
            seen.add(code)
            code = down[code]
        assert code == roots["ws_code"].iat[0]
    assert set(t["unit_type"]) == {"headwater", "interbasin"}
    # units tile the catchment exactly
    assert ((res.labels > 0) == mask).all()


def test_admin_boundary_splits_units_into_subunits(youwuzhen) -> None:
    grid, mask = youwuzhen
    admin = np.where(np.arange(grid.shape[1])[None, :] < 150, 1, 2) * np.ones(grid.shape, dtype=int)
    res = divide(grid, 0.1, 2.0, 0.3, domain=mask, admin=admin, admin_names={1: "县A", 2: "县B"})
    t = res.table
    for uid in t.index:
        cells = admin[res.labels == uid]
        assert len(np.unique(cells)) == 1  # a sub-unit lies in one admin area
    assert set(t["admin_code"]) == {"县A", "县B"}
    assert t["ws_code"].str.contains("-").any()  # split units carry suffixes
    assert t["area_km2"].sum() == pytest.approx(mask.sum() * grid.cell_area_km2)


def test_whole_dem_default_limits(demo_dir) -> None:
    grid, _ = read_dem(str(demo_dir / "ywzdem10m.tif"))
    res = divide(grid, 0.1)
    assert res.table["area_km2"].sum() == pytest.approx(grid.valid.sum() * grid.cell_area_km2)
    assert (res.table["area_km2"] <= 50).all()


def test_bad_area_range_and_empty_boundary(youwuzhen) -> None:
    grid, _mask = youwuzhen
    with pytest.raises(errors.InvalidParameterError):
        divide(grid, 0.1, max_area_km2=1.0, min_area_km2=2.0)
    with pytest.raises(errors.EmptyBoundaryError):
        divide(grid, 0.1, domain=np.zeros(grid.shape, dtype=bool))


# ------------------------------------------------------------------------------------------------
# the whole run on boundary / admin layers: core.division.divide_watersheds


@pytest.fixture(scope="module")
def valley_grid():
    """41 × 31 cells of 10 m draining to the bottom-centre cell: one channel up the axis from row 3."""
    return v_valley(41, 31, 10.0, 0.3, 0.05)


def test_majority_takes_the_most_cells_then_the_smallest_value() -> None:
    labels = np.array([[1, 1, 1, 2], [2, 2, 3, 0]])
    values = np.array([[5, 3, 5, 3], [5, 4, 0, 9]])
    # 1: 5 twice; 2: 3, 5, 4 once each → 3; 3: 0; 0 (outside) counts too
    assert majority(labels, values) == {0: 9, 1: 5, 2: 3, 3: 0}
    assert majority(labels, values - 7) == {0: 2, 1: -2, 2: -4, 3: -7}  # any int values
    assert majority(np.zeros(0, int), np.zeros(0, int)) == {}


def halves(grid) -> np.ndarray:
    lab = np.full(grid.shape, 2, dtype=np.int32)
    lab[:, :15] = 1  # columns 0 … 14; the valley axis (column 15) is in feature 2
    return lab


def test_boundary_code_prefixes_the_units(valley_grid) -> None:
    boundary = Zones(halves(valley_grid), {"name": ["west", "east"], "XLYDM": [None, 4103.0]}, [7, 8])
    assert parent_codes(boundary) == {2: "4103"}  # the first of ws_code/XLYDM/LYDM/code in the layer
    res = divide_watersheds(DivisionInputs(valley_grid, 0.01, 50.0, 0.001, boundary=boundary))
    t = res.table
    # one unit; 656 of its 1271 cells lie in the eastern feature, whose code becomes the parent code
    assert t["ws_code"].tolist() == ["4103-SW001"] and t["parent_code"].tolist() == ["4103"]
    assert t["area_km2"].tolist() == pytest.approx([41 * 31 * 100 / 1e6])
    assert [(a["ws_code"], a["strahler"], a["length_km"]) for _, a in res.streams] == [("4103-SW001", 1, 0.37)]


def test_admin_areas_split_the_units_and_keep_their_names(valley_grid) -> None:
    boundary = Zones(halves(valley_grid), {"LYDM": [None, "HT9"]}, [7, 8])
    admin = Zones(halves(valley_grid), {"county": ["县A", "县B"]}, [0, 1])
    inputs = DivisionInputs(valley_grid, 0.01, 50.0, 0.001, boundary=boundary, admin=admin, admin_field="county")
    t = divide_watersheds(inputs).table
    assert t["ws_code"].tolist() == ["SW001-1", "HT9-SW001-2"]  # the western piece lies in the uncoded half
    assert t["parent_code"].tolist() == [None, "HT9"]
    assert t["downstream_code"].tolist() == ["HT9-SW001-2", None]  # renamed with the unit it drains into
    assert t["admin_code"].tolist() == ["县A", "县B"]
    assert t["area_km2"].tolist() == pytest.approx([41 * 15 * 100 / 1e6, 41 * 16 * 100 / 1e6])
    assert admin_names(admin, None) == {1: "0", 2: "1"}  # without a field: the feature ids
    with pytest.raises(MissingAdminFieldError, match="no field 'county_name'"):
        divide_watersheds(DivisionInputs(valley_grid, 0.01, 50.0, 0.001, admin=admin, admin_field="county_name"))


def test_whole_dem_without_boundary_and_empty_boundary(valley_grid) -> None:
    t = divide_watersheds(DivisionInputs(valley_grid, 0.01, 50.0, 0.001)).table
    assert t["ws_code"].tolist() == ["SW001"] and t["parent_code"].tolist() == [None]
    empty = Zones(np.zeros(valley_grid.shape, dtype=np.int32), {}, [])
    with pytest.raises(errors.EmptyBoundaryError):
        divide_watersheds(DivisionInputs(valley_grid, boundary=empty))
    outside = Zones(np.zeros(valley_grid.shape, dtype=np.int32), {"ws_code": ["X"]}, [1])  # a feature off the DEM
    with pytest.raises(errors.EmptyBoundaryError):
        divide_watersheds(DivisionInputs(valley_grid, boundary=outside))
