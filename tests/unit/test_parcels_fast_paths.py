"""The faster paths of analyse_parcels (issue 14) give the numbers of the paths they replace.

Each check compares the new kernel with the numpy formula (or the former call) it stands for, on data with
NaN, values exactly on the class breaks and labels outside the parcels.
"""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from sbplanner_plugin.core import csle, parcels, zonal
from sbplanner_plugin.core.overlaps import find_overlaps


@pytest.fixture
def cells():
    rng = np.random.default_rng(14)
    labels = rng.integers(-1, 40, size=(60, 70)).astype(np.int32)
    values = rng.uniform(0.0, 40.0, size=labels.shape).astype(np.float32)
    values[rng.random(labels.shape) < 0.05] = np.nan
    values.flat[:30] = np.float32(15.0)  # on a break
    values.flat[30:60] = np.float32(25.0)
    return labels, values


def test_binned_shares_of_several_systems_in_one_pass_equal_one_by_one(cells) -> None:
    labels, values = cells
    systems = [((5.0, 15.0, 25.0, 35.0), False), ((2.0, 6.0, 15.0, 25.0), True), ((8.0, 15.0), False)]
    many = zonal.zonal_binned_shares_many(labels, values, systems, 39)
    assert len(many) == 3
    for (breaks, upper), got in zip(systems, many):
        want = zonal.zonal_binned_shares(labels, values, breaks, 39, upper)
        assert got.shape == (40, len(breaks) + 1)
        np.testing.assert_array_equal(got, want)
    assert np.isnan(many[0][0]).all()  # label 0: no cells
    assert np.nansum(many[0][1:], axis=1) == pytest.approx(1.0)


def test_unit_pieces_table_and_sorted_paths_agree(cells, monkeypatch) -> None:
    labels, _values = cells
    rng = np.random.default_rng(3)
    ws = rng.integers(-1, 5, size=labels.shape).astype(np.int32)
    codes = {1: "SW001", 2: "SW002", 3: "SW003", 4: "SW004"}
    dense = parcels.unit_pieces(labels, ws, codes, 45)
    monkeypatch.setattr(parcels, "DENSE_PIECES_MAX", 0)
    sorted_ = parcels.unit_pieces(labels, ws, codes, 45)
    assert dense == sorted_
    assert dense[40:] == [None] * 5  # parcels without cells
    inside = labels == 7
    pieces = dict(p.split("=") for p in dense[6].split(";"))
    assert sum(int(v) for v in pieces.values()) == int(inside.sum())
    assert int(pieces.get("SW002", 0)) == int((inside & (ws == 2)).sum())
    counts = [int(p.split("=")[1]) for p in dense[6].split(";")]
    assert counts == sorted(counts, reverse=True)
    assert parcels.unit_pieces(labels, None, None, 39)[6] == f"—={int(inside.sum())}"


def test_slope_length_and_ls_of_float32_slopes_equal_their_float64_copies() -> None:
    rng = np.random.default_rng(5)
    n = 5000
    idxs_ds = np.minimum(np.arange(n) + rng.integers(1, 4, n), n - 1).astype(np.int32)
    idxs_ds[-1] = n - 1
    seq = np.arange(n - 1, -1, -1, dtype=np.int64)  # outlet first
    step = rng.choice(np.array([10.0, 14.142136], dtype=np.float32), n)
    slope32 = rng.uniform(0.0, 30.0, n).astype(np.float32)
    slope32[::97] = np.nan
    channel = rng.random(n) < 0.05
    lam32 = csle.slope_length_m(seq, idxs_ds, step, slope32, channel)
    lam64 = csle.slope_length_m(seq, idxs_ds, step.astype(np.float64), slope32.astype(np.float64), channel)
    np.testing.assert_array_equal(lam32, lam64)
    assert np.nanmax(lam32) > 50.0  # paths longer than one step
    ls32 = csle.ls_factor(lam32, slope32)
    ls64 = csle.ls_factor(lam64, slope32.astype(np.float64))
    np.testing.assert_array_equal(ls32, ls64)
    serial = csle._ls_cells.serial(lam64, slope32.astype(np.float64))
    np.testing.assert_array_equal(ls32, serial)
    i = int(np.flatnonzero(~np.isnan(ls32))[0])
    want = (
        csle.l_factor(np.array([lam64[i]]), np.array([float(slope32[i])]))[0]
        * csle.s_factor(np.array([float(slope32[i])]))[0]
    )
    assert ls32[i] == pytest.approx(want, rel=1e-6)


def test_infinite_and_eroded_cells_in_one_pass(cells) -> None:
    labels, values = cells
    a = values * np.float32(30.0)
    a.flat[100] = np.inf
    flat = labels.ravel()
    tol = a.dtype.type(333.3)
    infinite, eroded = parcels._infinite_and_eroded(flat, a.ravel(), tol, 39)
    valid = flat > 0
    assert infinite == int(np.isinf(a.ravel()[valid]).sum()) == (1 if flat[100] > 0 else 0)
    np.testing.assert_array_equal(eroded, np.bincount(flat[valid & (a.ravel() >= 333.3)], minlength=40))


def test_overlaps_with_the_callers_geometries_equal_those_read_again() -> None:
    boxes = [shapely.box(0, 0, 10, 10), shapely.box(5, 0, 15, 10), shapely.box(20, 0, 30, 10)]
    wkbs = shapely.to_wkb(boxes).tolist()
    got = find_overlaps(wkbs, geometries=np.array(boxes, dtype=object))
    want = find_overlaps(wkbs)
    assert got.overlapping.tolist() == want.overlapping.tolist() == [True, True, False]
    np.testing.assert_array_equal(got.overlap_m2, want.overlap_m2)
    assert got.shared_m2 == want.shared_m2 == pytest.approx(50.0)
