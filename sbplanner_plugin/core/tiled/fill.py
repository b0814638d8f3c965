"""Tiled depression filling (Barnes 2016): each tile flooded alone, a spill graph solved centrally.

Stage 1 (:func:`fill_stage1`) floods a tile from its own perimeter and from the cells next to
nodata or the grid's edge (the *ocean*, label 0), labelling every cell with the perimeter cell
whose flood reached it, and records where two labels meet and at what elevation (the spill
graph's edges). The central solve (:func:`solve_spill`) floods that small graph from the ocean:
each label's spill elevation is the lowest level at which its water can get out of the DEM.
Stage 2 (:func:`fill_stage2`) raises each cell to its label's spill elevation. The result is the
same filled surface as the single-machine flood's (the surface is unique: every cell at the
lowest elevation over which it can drain off the valid area; float32 values are only copied and
compared, so it is identical, not approximately equal).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np
from numba import njit

from sbplanner_plugin.core.tiled.tiles import DCS, DRS, Window, neighbour_pairs, perimeter_local, to_global


@dataclass
class FillSummary:
    """What a tile's stage 1 sends to the central solve (small: perimeter cells and label edges)."""

    window: Window
    perimeter: np.ndarray  # grid flat indices of the tile's valid perimeter cells
    perimeter_z: np.ndarray  # their elevations (float32)
    perimeter_label: np.ndarray  # their labels (0 = ocean)
    n_labels: int  # labels 1..n_labels-1 are the tile's own
    edge_a: np.ndarray  # label edges (a < b) and the elevation at which the two labels meet
    edge_b: np.ndarray
    edge_w: np.ndarray


@njit(cache=True, nogil=True)
def _flood_labels(z: np.ndarray, perim: np.ndarray):
    """Priority flood of a padded tile from its perimeter and ocean cells; local filled surface, labels, edges."""
    hp, wp = z.shape
    h, w = hp - 2, wp - 2
    zf = z.ravel()
    filled = np.empty(h * w, dtype=np.float32)
    label = np.full(h * w, -1, dtype=np.int32)
    heap = [(np.float32(0.0), np.int64(0))]
    heap.pop()
    plabel = np.empty(perim.size, dtype=np.int32)
    for k in range(perim.size):
        plabel[k] = -1
    # seeds: cells next to nodata or outside the grid (ocean) and the tile's perimeter (own labels)
    is_perim = np.zeros(h * w, dtype=np.int32) - 1
    for k in range(perim.size):
        is_perim[perim[k]] = k
    next_label = 1
    for r in range(h):
        for c in range(w):
            i = r * w + c
            v = zf[(r + 1) * wp + c + 1]
            filled[i] = v
            if np.isnan(v):
                continue
            ocean = False
            for k in range(8):
                if np.isnan(zf[(r + 1 + DRS[k]) * wp + c + 1 + DCS[k]]):
                    ocean = True
                    break
            if ocean:
                label[i] = 0
            elif is_perim[i] >= 0:
                label[i] = next_label
                next_label += 1
            else:
                continue
            if is_perim[i] >= 0:
                plabel[is_perim[i]] = label[i]
            heapq.heappush(heap, (v, np.int64(i)))
    ea = []
    eb = []
    ew = []
    # cells raised to (or lying at) the level being flooded skip the heap: a plain FIFO queue (Barnes et al. 2014)
    pit = np.empty(h * w, dtype=np.int64)
    phead = 0
    ptail = 0
    while ptail > phead or len(heap) > 0:
        if ptail > phead:
            i = pit[phead]
            phead += 1
            zc = filled[i]
        else:
            zc, i = heapq.heappop(heap)
            phead = 0
            ptail = 0
        r = i // w
        c = i - r * w
        li = label[i]
        for k in range(8):
            rr = r + DRS[k]
            cc = c + DCS[k]
            if rr < 0 or rr >= h or cc < 0 or cc >= w:
                continue
            j = rr * w + cc
            if np.isnan(filled[j]):
                continue
            lj = label[j]
            if lj < 0:
                label[j] = li
                if filled[j] <= zc:
                    filled[j] = zc
                    pit[ptail] = j
                    ptail += 1
                else:
                    heapq.heappush(heap, (filled[j], np.int64(j)))
            elif lj != li:
                ea.append(min(li, lj))
                eb.append(max(li, lj))
                ew.append(max(zc, filled[j]))
    a = np.empty(len(ea), dtype=np.int32)
    b = np.empty(len(ea), dtype=np.int32)
    wgt = np.empty(len(ea), dtype=np.float32)
    for k in range(len(ea)):
        a[k] = ea[k]
        b[k] = eb[k]
        wgt[k] = ew[k]
    return filled.reshape(h, w), label.reshape(h, w), plabel, next_label, a, b, wgt


def _dedupe(a: np.ndarray, b: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One edge per label pair, at the lowest elevation recorded for it."""
    if a.size == 0:
        return a, b, w
    order = np.lexsort((w, b, a))
    a, b, w = a[order], b[order], w[order]
    first = np.ones(a.size, dtype=bool)
    first[1:] = (a[1:] != a[:-1]) | (b[1:] != b[:-1])
    return a[first], b[first], w[first]


def fill_stage1(z_padded: np.ndarray, window: Window, grid_cols: int):
    """Stage 1 of a tile: local filled surface and labels (kept by the tile) and the summary for the solve.

    ``z_padded`` is the tile's float32 elevations with a one-cell halo (NaN = nodata or outside the grid).
    """
    z = np.ascontiguousarray(z_padded, dtype=np.float32)
    h, w = window.shape
    perim = perimeter_local((h, w))
    filled, label, plabel, n_labels, a, b, wgt = _flood_labels(z, perim)
    a, b, wgt = _dedupe(a, b, wgt)
    valid = plabel >= 0
    inner = z[1:-1, 1:-1].ravel()
    summary = FillSummary(
        window=window,
        perimeter=to_global(perim[valid], window, grid_cols),
        perimeter_z=inner[perim[valid]].astype(np.float32),
        perimeter_label=plabel[valid],
        n_labels=int(n_labels),
        edge_a=a,
        edge_b=b,
        edge_w=wgt,
    )
    return filled, label, summary


@njit(cache=True)
def _minimax_flood(n: int, start: np.ndarray, nbr: np.ndarray, wgt: np.ndarray) -> np.ndarray:
    """Spill elevation of every node: the lowest, over paths from node 0 (the ocean), of the highest edge."""
    spill = np.full(n, np.inf, dtype=np.float64)
    done = np.zeros(n, dtype=np.bool_)
    spill[0] = -np.inf
    heap = [(-np.inf, np.int64(0))]
    while len(heap) > 0:
        s, u = heapq.heappop(heap)
        if done[u]:
            continue
        done[u] = True
        for k in range(start[u], start[u + 1]):
            v = nbr[k]
            cand = max(s, np.float64(wgt[k]))
            if cand < spill[v]:
                spill[v] = cand
                heapq.heappush(heap, (cand, np.int64(v)))
    return spill


@dataclass
class SpillSolution:
    """The central solve's answer: per tile, each label's spill elevation (float32; -inf for the ocean)."""

    per_tile: list[np.ndarray]
    perimeter: np.ndarray  # grid flat indices of all tiles' perimeter cells
    perimeter_filled: np.ndarray  # their filled elevations (the halo values of the later stages)


def solve_spill(summaries: list[FillSummary], shape: tuple[int, int]) -> SpillSolution:
    """Central solve: spill elevations of all tiles' labels from the label edges and the tiles' seams."""
    offsets = np.zeros(len(summaries) + 1, dtype=np.int64)
    offsets[0] = 1  # node 0 is the ocean, shared by all tiles
    for t, s in enumerate(summaries):
        offsets[t + 1] = offsets[t] + s.n_labels - 1

    def node(t: int, labels: np.ndarray) -> np.ndarray:
        lab = labels.astype(np.int64)
        return np.where(lab == 0, 0, offsets[t] + lab - 1)

    ua, ub, uw = [], [], []
    for t, s in enumerate(summaries):
        ua.append(node(t, s.edge_a))
        ub.append(node(t, s.edge_b))
        uw.append(s.edge_w.astype(np.float32))
    gidx = np.concatenate([s.perimeter for s in summaries]) if summaries else np.zeros(0, np.int64)
    pz = np.concatenate([s.perimeter_z for s in summaries]).astype(np.float32)
    tile_of = np.concatenate([np.full(s.perimeter.size, t, dtype=np.int64) for t, s in enumerate(summaries)])
    pnode = np.concatenate([node(t, s.perimeter_label) for t, s in enumerate(summaries)])
    i, j = neighbour_pairs(gidx, tile_of, shape)
    ua.append(pnode[i])
    ub.append(pnode[j])
    uw.append(np.maximum(pz[i], pz[j]))
    a, b, w = np.concatenate(ua), np.concatenate(ub), np.concatenate(uw)
    n = int(offsets[-1])
    # undirected CSR
    src = np.concatenate([a, b])
    dst = np.concatenate([b, a])
    ww = np.concatenate([w, w])
    order = np.argsort(src, kind="stable")
    src, dst, ww = src[order], dst[order], ww[order]
    start = np.zeros(n + 1, dtype=np.int64)
    np.add.at(start, src + 1, 1)
    start = np.cumsum(start)
    spill = _minimax_flood(n, start, dst.astype(np.int64), ww.astype(np.float32)).astype(np.float32)
    per_tile = []
    for t, s in enumerate(summaries):
        sp = np.empty(s.n_labels, dtype=np.float32)
        sp[0] = -np.inf
        sp[1:] = spill[offsets[t] : offsets[t] + s.n_labels - 1]
        per_tile.append(sp)
    pfilled = np.maximum(pz, spill[pnode])
    return SpillSolution(per_tile, gidx, pfilled.astype(np.float32))


def fill_stage2(filled_local: np.ndarray, label: np.ndarray, spill: np.ndarray) -> np.ndarray:
    """Stage 2 of a tile: every cell raised to its label's spill elevation (NaN stays NaN)."""
    out = filled_local.copy()
    ok = label >= 0
    out[ok] = np.maximum(out[ok], spill[label[ok]])
    return out
