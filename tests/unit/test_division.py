"""Small-watershed division: aggregation rules, topology and admin sub-units."""

from __future__ import annotations

import numpy as np
import pytest

from sbplanner_plugin.adapters.raster import read_dem
from sbplanner_plugin.core import errors
from sbplanner_plugin.core.delineation import delineate
from sbplanner_plugin.core.division import _aggregate, divide
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
