"""Per-parcel (zonal) statistics of cell grids, by label raster and ``bincount``.

Parcels are burnt into a label raster at DEM resolution (cell centre inside the parcel,
adapters.raster.rasterize); every statistic is then one pass over the labelled cells, which
is what makes 100 000 parcels over 25 M cells take seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit


@njit(cache=True)
def _sum_count(labels: np.ndarray, values: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """One pass: sum and count of non-NaN values per label (labels ≤ 0 or > n ignored)."""
    total = np.zeros(n + 1)
    count = np.zeros(n + 1)
    for i in range(labels.size):
        lab = labels[i]
        if lab <= 0 or lab > n:
            continue
        v = values[i]
        if np.isnan(v):
            continue
        total[lab] += v
        count[lab] += 1.0
    return total, count


@njit(cache=True)
def _finite_sum_count(labels: np.ndarray, values: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """One pass: float64 sum and int64 count of the finite values per label, in cell order (labels ≤ 0 or
    > n ignored) — the numbers ``np.bincount(labels[ok], weights=values[ok].astype(float64))`` gives, without
    the 25 M-cell temporaries."""
    total = np.zeros(n + 1)
    count = np.zeros(n + 1, dtype=np.int64)
    for i in range(labels.size):
        lab = labels[i]
        if lab <= 0 or lab > n:
            continue
        v = np.float64(values[i])
        if not np.isfinite(v):
            continue
        total[lab] += v
        count[lab] += 1
    return total, count


def zonal_finite_sum_count(labels: np.ndarray, values: np.ndarray, n_labels: int) -> tuple[np.ndarray, np.ndarray]:
    """(sum, count) of the finite ``values`` of every label 0..n (index 0 unused): float64 sums in cell
    order, int64 counts. One numba pass over the grid; ``values`` of any float dtype (float32 slopes are
    not copied)."""
    return _finite_sum_count(labels.ravel(), values.ravel(), n_labels)


@njit(cache=True)
def _count_above(labels: np.ndarray, values: np.ndarray, limit: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n = limit.size - 1
    total = np.zeros(n + 1, dtype=np.int64)
    above = np.zeros(n + 1, dtype=np.int64)
    for i in range(labels.size):
        lab = labels[i]
        if lab <= 0 or lab > n:
            continue
        v = np.float64(values[i])
        if not np.isfinite(v):
            continue
        total[lab] += 1
        if v > limit[lab]:
            above[lab] += 1
    return total, above


def zonal_count_above(labels: np.ndarray, values: np.ndarray, limit: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(finite cells, cells with a value > ``limit[label]``) of every label 0..len(limit)-1 (int64; a NaN
    limit counts nothing above). One numba pass."""
    return _count_above(labels.ravel(), values.ravel(), np.asarray(limit, dtype=np.float64))


@njit(cache=True)
def _class_counts(labels: np.ndarray, classes: np.ndarray, n: int, k: int) -> np.ndarray:
    """One pass: cells of each class 0..k-1 per label (negative classes ignored)."""
    counts = np.zeros((n + 1, k))
    for i in range(labels.size):
        lab = labels[i]
        c = classes[i]
        if lab <= 0 or lab > n or c < 0 or c >= k:
            continue
        counts[lab, c] += 1.0
    return counts


@dataclass
class ZonalStats:
    """Statistics per label 1..n (index 0 of every array is unused)."""

    count: np.ndarray  # cells with a valid value
    mean: np.ndarray  # NaN where count == 0
    sum: np.ndarray

    def valid(self) -> np.ndarray:
        return self.count > 0


def zonal_mean(labels: np.ndarray, values: np.ndarray, n_labels: int, weights: np.ndarray | None = None) -> ZonalStats:
    """Mean of ``values`` over the cells of each label (NaN cells skipped).

    ``weights`` (same shape) gives a weighted mean, e.g. cell areas; labels ≤ 0 are ignored.
    """
    lab = labels.ravel()
    val = values.ravel()
    if weights is None:
        total, count = _sum_count(lab, val, n_labels)
        denom = count
    else:
        ok = (lab > 0) & ~np.isnan(val)
        lab_ok = lab[ok]
        v = val[ok].astype(np.float64)
        w = weights.ravel()[ok].astype(np.float64)
        count = np.bincount(lab_ok, minlength=n_labels + 1).astype(np.float64)
        total = np.bincount(lab_ok, weights=v * w, minlength=n_labels + 1)
        denom = np.bincount(lab_ok, weights=w, minlength=n_labels + 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(denom > 0, total / np.where(denom > 0, denom, 1), np.nan)
    return ZonalStats(count[: n_labels + 1], mean[: n_labels + 1], total[: n_labels + 1])


def zonal_class_shares(labels: np.ndarray, classes: np.ndarray, n_labels: int, n_classes: int) -> np.ndarray:
    """Share (0–1) of each class 0..n_classes-1 in every label: array (n_labels + 1, n_classes).

    Cells with a negative class (nodata) are left out of the denominator too.
    """
    counts = _class_counts(labels.ravel(), classes.ravel(), n_labels, n_classes)
    totals = counts.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(totals > 0, counts / np.where(totals > 0, totals, 1), np.nan)


@njit(cache=True)
def _binned_counts(
    labels: np.ndarray, values: np.ndarray, breaks: np.ndarray, upper_closed: bool, n: int
) -> np.ndarray:
    k = breaks.size + 1
    counts = np.zeros((n + 1, k))
    for i in range(labels.size):
        lab = labels[i]
        v = values[i]
        if lab <= 0 or lab > n or np.isnan(v):
            continue
        c = 0
        if upper_closed:
            while c < breaks.size and v > breaks[c]:
                c += 1
        else:
            while c < breaks.size and v >= breaks[c]:
                c += 1
        counts[lab, c] += 1.0
    return counts


def zonal_binned_shares(
    labels: np.ndarray, values: np.ndarray, breaks, n_labels: int, upper_closed: bool = False
) -> np.ndarray:
    """Class shares per label with the classification done inline (one pass, no class grid).

    Same result as ``zonal_class_shares`` over the classified values (``parcels.classify_slope``); classes are
    lower-inclusive ``[a, b)``, or ``(a, b]`` with ``upper_closed`` (三调 GDPDJB).
    """
    counts = _binned_counts(
        labels.ravel(), values.ravel(), np.asarray(breaks, dtype=np.float64), upper_closed, n_labels
    )
    totals = counts.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(totals > 0, counts / np.where(totals > 0, totals, 1), np.nan)


@njit(cache=True)
def _binned_counts_multi(
    labels: np.ndarray, values: np.ndarray, breaks: np.ndarray, starts: np.ndarray, upper: np.ndarray, n: int
) -> np.ndarray:
    """:func:`_binned_counts` of several break sets in one pass: set ``s`` has the breaks
    ``breaks[starts[s]:starts[s + 1]]`` and its classes in columns ``starts[s] + s`` onwards."""
    m = starts.size - 1
    counts = np.zeros((n + 1, breaks.size + m))
    for i in range(labels.size):
        lab = labels[i]
        v = values[i]
        if lab <= 0 or lab > n or np.isnan(v):
            continue
        for s in range(m):
            b0 = starts[s]
            nb = starts[s + 1] - b0
            c = 0
            if upper[s]:
                while c < nb and v > breaks[b0 + c]:
                    c += 1
            else:
                while c < nb and v >= breaks[b0 + c]:
                    c += 1
            counts[lab, b0 + s + c] += 1.0
    return counts


def zonal_binned_shares_many(labels: np.ndarray, values: np.ndarray, systems, n_labels: int) -> list[np.ndarray]:
    """:func:`zonal_binned_shares` of every ``(breaks, upper_closed)`` in ``systems``, in one pass over the
    cells (the same shares, cell counts being whole numbers)."""
    breaks = [np.asarray(b, dtype=np.float64).ravel() for b, _upper in systems]
    starts = np.concatenate([[0], np.cumsum([b.size for b in breaks])]).astype(np.int64)
    upper = np.array([bool(u) for _b, u in systems], dtype=np.bool_)
    flat_breaks = np.concatenate(breaks) if breaks else np.zeros(0)
    counts = _binned_counts_multi(labels.ravel(), values.ravel(), flat_breaks, starts, upper, n_labels)
    out = []
    for s, b in enumerate(breaks):
        part = counts[:, starts[s] + s : starts[s] + s + b.size + 1]
        totals = part.sum(axis=1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            out.append(np.where(totals > 0, part / np.where(totals > 0, totals, 1), np.nan))
    return out
