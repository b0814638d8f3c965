"""numba kernels over label rasters: one pass per question instead of full-grid pandas group-bys.

Used by :mod:`sbplanner_plugin.core.division` (outlets, neighbour edge counts, merging) and
:mod:`sbplanner_plugin.core.morphometry` (per-unit sums). Every kernel works on a range of flat
(row-major) cell indices ``[lo, hi)`` and accumulates into arrays the caller owns, so the caller
can walk the grid in chunks and report progress (or stop) between them — numba code cannot call
a Python progress callback.

The reductions reproduce the numpy/pandas ones they replace exactly: cells are visited in
ascending index order (``np.bincount``'s order), the elevation mean is pandas' compensated
(Kahan) group mean, ties of the outlet search keep the last cell (a stable sort + ``tail(1)``).
"""

from __future__ import annotations

import numpy as np
from numba import njit

#: Cells per chunk of the label passes: the work between two progress calls (~10 ms of numba).
CHUNK_CELLS = 1 << 20


def chunks(n: int, size: int | None = None):
    """``(lo, hi)`` ranges of at most ``size`` (default :data:`CHUNK_CELLS`) covering ``range(n)``."""
    size = max(int(size or CHUNK_CELLS), 1)
    for lo in range(0, n, size):
        yield lo, min(lo + size, n)


@njit(cache=True, nogil=True)
def reach_ends(streams: np.ndarray, ds: np.ndarray) -> np.ndarray:
    """Channel cells that end a reach: pits, and cells draining into a confluence (≥ 2 channel inflows)."""
    n = ds.size
    nup = np.zeros(n, dtype=np.uint8)
    for i in range(n):
        if streams[i]:
            d = ds[i]
            if d != i and d >= 0 and streams[d]:
                nup[d] += 1
    out = np.zeros(n, dtype=np.bool_)
    for i in range(n):
        if streams[i]:
            d = ds[i]
            if d == i or (d >= 0 and nup[d] >= 2):
                out[i] = True
    return out


@njit(cache=True, nogil=True)
def outlets_chunk(
    flat: np.ndarray, upa: np.ndarray, lo: int, hi: int, best_upa: np.ndarray, best_idx: np.ndarray, count: np.ndarray
) -> None:
    """Per label: the cell of largest upstream area (ties: the last one), and the cell count."""
    for i in range(lo, hi):
        lab = flat[i]
        if lab > 0:
            count[lab] += 1
            u = upa[i]
            if best_idx[lab] < 0 or u >= best_upa[lab]:
                best_upa[lab] = u
                best_idx[lab] = i


@njit(cache=True, nogil=True)
def edge_count_chunk(flat: np.ndarray, cols: int, lo: int, hi: int, horizontal: bool) -> int:
    """Number of cell edges between two different positive labels whose first cell is in ``[lo, hi)``."""
    n = flat.size
    k = 0
    for i in range(lo, hi):
        a = flat[i]
        if a <= 0:
            continue
        if horizontal:
            if i % cols == cols - 1:
                continue
            j = i + 1
        else:
            j = i + cols
            if j >= n:
                continue
        b = flat[j]
        if b > 0 and b != a:
            k += 1
    return k


@njit(cache=True, nogil=True)
def edge_keys_chunk(flat: np.ndarray, cols: int, lo: int, hi: int, horizontal: bool, nmax: int, out: np.ndarray) -> int:
    """Fill ``out`` with ``a * nmax + b`` of each edge counted by :func:`edge_count_chunk`; returns how many."""
    n = flat.size
    k = 0
    for i in range(lo, hi):
        a = flat[i]
        if a <= 0:
            continue
        if horizontal:
            if i % cols == cols - 1:
                continue
            j = i + 1
        else:
            j = i + cols
            if j >= n:
                continue
        b = flat[j]
        if b > 0 and b != a:
            out[k] = np.int64(a) * nmax + b
            k += 1
    return k


@njit(cache=True, nogil=True)
def unit_sums_chunk(
    flat: np.ndarray,
    values: np.ndarray,
    slope: np.ndarray,
    streams: np.ndarray,
    ds: np.ndarray,
    step: np.ndarray,
    dist: np.ndarray,
    cols: int,
    lo: int,
    hi: int,
    count: np.ndarray,
    zstat: np.ndarray,
    zn: np.ndarray,
    sstat: np.ndarray,
    sn: np.ndarray,
    edges: np.ndarray,
    dmax: np.ndarray,
    dn: np.ndarray,
) -> None:
    """Per-label sums of :func:`~sbplanner_plugin.core.morphometry.unit_attributes` over cells ``[lo, hi)``.

    ``zstat[:, l]``: elevation min, max, compensated sum and its compensation (pandas' group mean);
    ``sstat[:, l]``: slope sum, channel length (m, steps from a channel cell to a channel cell);
    ``edges[:, l]``: cell edges to a different label (or the grid's edge) on the right, left, below,
    above; ``dmax[l]``: largest distance to the pit. NaN values are skipped (``zn``, ``sn``, ``dn``).
    """
    n = flat.size
    for i in range(lo, hi):
        lab = flat[i]
        if lab <= 0:
            continue
        count[lab] += 1
        z = np.float64(values[i])
        if not np.isnan(z):
            zn[lab] += 1
            if z < zstat[0, lab]:
                zstat[0, lab] = z
            if z > zstat[1, lab]:
                zstat[1, lab] = z
            y = z - zstat[3, lab]
            t = zstat[2, lab] + y
            comp = t - zstat[2, lab] - y
            zstat[3, lab] = 0.0 if np.isnan(comp) else comp
            zstat[2, lab] = t
        s = slope[i]
        if not np.isnan(s):
            sstat[0, lab] += np.float64(s)
            sn[lab] += 1
        if streams[i] and streams[ds[i]]:
            sstat[1, lab] += np.float64(step[i])
        else:
            sstat[1, lab] += 0.0
        c = i % cols
        if c == cols - 1 or flat[i + 1] != lab:
            edges[0, lab] += 1
        if c == 0 or flat[i - 1] != lab:
            edges[1, lab] += 1
        if i + cols >= n or flat[i + cols] != lab:
            edges[2, lab] += 1
        if i < cols or flat[i - cols] != lab:
            edges[3, lab] += 1
        d = dist[i]
        if not np.isnan(d):
            dn[lab] += 1
            if d > dmax[lab]:
                dmax[lab] = d


@njit(cache=True, nogil=True)
def main_channel_walk(
    ds: np.ndarray, upa: np.ndarray, streams: np.ndarray, flat: np.ndarray, own: int, outlet: int, rows: int, cols: int
) -> np.ndarray:
    """Cells from ``outlet`` upstream along the channel cell of largest upstream area (ties: first in D8 order).

    ``own`` ≥ 0 keeps the walk on cells of that label in ``flat`` (-1: any); the D8 order is
    :data:`~sbplanner_plugin.core.grid.D8_OFFSETS` (row-major around the cell).
    """
    drs = np.array([-1, -1, -1, 0, 0, 1, 1, 1])
    dcs = np.array([-1, 0, 1, -1, 1, -1, 0, 1])
    path = np.empty(64, dtype=np.int64)
    path[0] = outlet
    k = 1
    cur = outlet
    while True:
        r = cur // cols
        c = cur - r * cols
        best = -1
        for j in range(8):
            rr = r + drs[j]
            cc = c + dcs[j]
            if rr < 0 or rr >= rows or cc < 0 or cc >= cols:
                continue
            nb = rr * cols + cc
            if nb == cur or ds[nb] != cur or not streams[nb]:
                continue
            if own >= 0 and flat[nb] != own:
                continue
            if best < 0 or upa[nb] > upa[best]:
                best = nb
        if best < 0:
            break
        if k == path.size:
            grown = np.empty(path.size * 2, dtype=np.int64)
            grown[:k] = path[:k]
            path = grown
        path[k] = best
        k += 1
        cur = best
    return path[:k].copy()


@njit(cache=True, nogil=True)
def segment_starts(streams: np.ndarray, ds: np.ndarray, flat: np.ndarray, use_labels: bool) -> np.ndarray:
    """Channel cells that start a reach: heads and confluences (≠ 1 channel inflow), label changes."""
    n = ds.size
    nup = np.zeros(n, dtype=np.uint8)
    for i in range(n):
        if streams[i]:
            d = ds[i]
            if d != i and d >= 0 and streams[d]:
                nup[d] += 1
    starts = np.zeros(n, dtype=np.bool_)
    for i in range(n):
        if streams[i] and nup[i] != 1:
            starts[i] = True
    if use_labels:
        for i in range(n):
            if streams[i]:
                d = ds[i]
                if d != i and d >= 0 and streams[d] and flat[i] != flat[d]:
                    starts[d] = True
    return starts


@njit(cache=True, nogil=True)
def segment_walks(streams: np.ndarray, ds: np.ndarray, starts: np.ndarray, heads: np.ndarray) -> tuple:
    """Cells of each reach from its start down to (and including) the next start or the network's end.

    Returns the cells of all reaches concatenated and their offsets (``heads.size + 1``).
    """
    offsets = np.zeros(heads.size + 1, dtype=np.int64)
    total = 0
    for h in range(heads.size):
        cur = heads[h]
        k = 1
        while True:
            nxt = ds[cur]
            if nxt == cur or nxt < 0 or not streams[nxt]:
                break
            k += 1
            if starts[nxt]:
                break
            cur = nxt
        total += k
        offsets[h + 1] = total
    cells = np.empty(total, dtype=np.int64)
    for h in range(heads.size):
        cur = heads[h]
        p = offsets[h]
        cells[p] = cur
        p += 1
        while True:
            nxt = ds[cur]
            if nxt == cur or nxt < 0 or not streams[nxt]:
                break
            cells[p] = nxt
            p += 1
            if starts[nxt]:
                break
            cur = nxt
    return cells, offsets


@njit(cache=True, nogil=True)
def fill_upstream_chunk(seq: np.ndarray, ds: np.ndarray, labels: np.ndarray, lo: int, hi: int) -> None:
    """Unlabelled cells ``seq[lo:hi]`` take the label of their downstream cell (``seq``: down- to upstream).

    Run over consecutive ranges of ``seq`` it is pyflwdir's ``fillnodata_upstream`` (nodata 0)
    in place: every cell gets the label of the first labelled cell on its way down.
    """
    for k in range(lo, hi):
        i = seq[k]
        if labels[i] == 0:
            d = ds[i]
            if labels[d] != 0:
                labels[i] = labels[d]
