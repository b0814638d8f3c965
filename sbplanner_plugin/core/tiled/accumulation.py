"""Tiled flow accumulation (Barnes 2017): per-tile accumulation, a perimeter link graph solved centrally.

Stage 1 (:func:`accumulation_stage1`) accumulates a tile on its own D8 codes and, for every
perimeter cell, follows the flow down to the cell where it leaves the tile (its *link*; none
when the flow ends in a pit inside). The central solve (:func:`solve_inflow`) walks the small
graph of links and tile-to-tile steps in topological order and finds how many cells flow into
each perimeter cell from outside its tile. Stage 2 (:func:`accumulation_stage2`) accumulates the
tile again with that inflow added where it enters. Integer sums, so the result is the same as
:func:`sbplanner_plugin.core.flood.accumulate_cells`'s (as int64: a province overflows int32).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit

from sbplanner_plugin.core.flood import D8_CODE, D8_NODATA
from sbplanner_plugin.core.tiled.tiles import Window, perimeter_local, to_global

_DROW = np.zeros(256, dtype=np.int64)
_DCOL = np.zeros(256, dtype=np.int64)
for _r in range(3):
    for _c in range(3):
        _DROW[D8_CODE[_r, _c]] = _r - 1
        _DCOL[D8_CODE[_r, _c]] = _c - 1


@njit(cache=True, nogil=True)
def _accumulate(code: np.ndarray, weight: np.ndarray, drow: np.ndarray, dcol: np.ndarray):
    """Weighted upstream sums inside a tile, and each cell's exit (local index; -2 outside, -1 pit)."""
    h, w = code.shape
    n = h * w
    ds = np.full(n, -1, dtype=np.int64)  # -1: pit / nodata, -2: leaves the tile
    indeg = np.zeros(n, dtype=np.int32)
    for r in range(h):
        for c in range(w):
            i = r * w + c
            k = code[r, c]
            if k == D8_NODATA or k == 0:
                continue
            rr = r + drow[k]
            cc = c + dcol[k]
            if 0 <= rr < h and 0 <= cc < w:
                ds[i] = rr * w + cc
                indeg[rr * w + cc] += 1
            else:
                ds[i] = -2
    acc = np.zeros(n, dtype=np.int64)
    order = np.empty(n, dtype=np.int64)
    tail = 0
    flat_code = code.ravel()
    flat_weight = weight.ravel()
    for i in range(n):
        if flat_code[i] != D8_NODATA:
            acc[i] = flat_weight[i]
            if indeg[i] == 0:
                order[tail] = i
                tail += 1
    head = 0
    while head < tail:
        i = order[head]
        head += 1
        d = ds[i]
        if d >= 0:
            acc[d] += acc[i]
            indeg[d] -= 1
            if indeg[d] == 0:
                order[tail] = d
                tail += 1
    exit_of = np.full(n, -1, dtype=np.int64)
    for k in range(tail - 1, -1, -1):  # downstream first
        i = order[k]
        d = ds[i]
        if d == -2:
            exit_of[i] = i
        elif d >= 0:
            exit_of[i] = exit_of[d]
    return acc, exit_of, ds


@dataclass
class AccumulationSummary:
    """What a tile's stage 1 sends to the central solve."""

    window: Window
    perimeter: np.ndarray  # grid flat indices of the valid perimeter cells
    local_acc: np.ndarray  # their upstream cells inside the tile
    link: np.ndarray  # grid flat index of the cell where their flow leaves the tile (-1: a pit inside)
    downstream: np.ndarray  # grid flat index of the cell outside the tile they drain to (-1: inside / pit)


def _outside_target(code: np.ndarray, local: np.ndarray, window: Window, cols: int) -> np.ndarray:
    w = window.c1 - window.c0
    r, c = np.divmod(local, w)
    k = code.ravel()[local]
    return (r + window.r0 + _DROW[k]) * cols + (c + window.c0 + _DCOL[k])


def accumulation_stage1(code: np.ndarray, window: Window, grid_cols: int):
    """Stage 1 of a tile (its D8 codes, unpadded): the summary for the central solve."""
    code = np.ascontiguousarray(code, dtype=np.uint8)
    acc, exit_of, ds = _accumulate(code, np.ones(code.shape, dtype=np.int64), _DROW, _DCOL)
    perim = perimeter_local(window.shape)
    perim = perim[code.ravel()[perim] != D8_NODATA]
    ex = exit_of[perim]
    link = np.full(perim.size, -1, dtype=np.int64)
    link[ex >= 0] = to_global(ex[ex >= 0], window, grid_cols)
    leaves = ds[perim] == -2
    down = np.full(perim.size, -1, dtype=np.int64)
    down[leaves] = _outside_target(code, perim[leaves], window, grid_cols)
    return AccumulationSummary(window, to_global(perim, window, grid_cols), acc[perim], link, down)


@njit(cache=True)
def _solve_links(local_acc: np.ndarray, link: np.ndarray, down: np.ndarray) -> np.ndarray:
    """Inflow from outside the tile into each perimeter node (``link``/``down``: node positions, -1 none)."""
    n = local_acc.size
    indeg = np.zeros(n, dtype=np.int64)
    for p in range(n):
        if link[p] >= 0 and link[p] != p:
            indeg[link[p]] += 1
        if down[p] >= 0:
            indeg[down[p]] += 1
    inflow = np.zeros(n, dtype=np.int64)
    carried = np.zeros(n, dtype=np.int64)
    queue = np.empty(n, dtype=np.int64)
    tail = 0
    for p in range(n):
        if indeg[p] == 0:
            queue[tail] = p
            tail += 1
    head = 0
    while head < tail:
        p = queue[head]
        head += 1
        q = link[p]
        if q == p:
            carried[p] += inflow[p]
        elif q >= 0:
            carried[q] += inflow[p]
            indeg[q] -= 1
            if indeg[q] == 0:
                queue[tail] = q
                tail += 1
        t = down[p]
        if t >= 0:
            inflow[t] += local_acc[p] + carried[p]
            indeg[t] -= 1
            if indeg[t] == 0:
                queue[tail] = t
                tail += 1
    return inflow


@dataclass
class InflowSolution:
    """Per tile, the inflow into each of its valid perimeter cells (stage 1's order)."""

    per_tile: list[np.ndarray]


def solve_inflow(summaries: list[AccumulationSummary]) -> InflowSolution:
    """Central solve of the perimeter link graph: cells flowing into each tile edge cell from outside."""
    sizes = [s.perimeter.size for s in summaries]
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    gidx = np.concatenate([s.perimeter for s in summaries])
    order = np.argsort(gidx, kind="stable")
    sg = gidx[order]

    def position(g: np.ndarray) -> np.ndarray:
        pos = np.minimum(np.searchsorted(sg, g), max(sg.size - 1, 0))
        out = np.where((g >= 0) & (sg[pos] == g), order[pos], -1)
        if np.any((g >= 0) & (out < 0)):
            raise ValueError("a tile's flow leaves into a cell that is no tile's perimeter cell")
        return out

    link = position(np.concatenate([s.link for s in summaries]))
    down = position(np.concatenate([s.downstream for s in summaries]))
    acc = np.concatenate([s.local_acc for s in summaries]).astype(np.int64)
    inflow = _solve_links(acc, link, down)
    return InflowSolution([inflow[offsets[t] : offsets[t + 1]] for t in range(len(summaries))])


def accumulation_stage2(code: np.ndarray, window: Window, inflow: np.ndarray) -> np.ndarray:
    """Stage 2 of a tile: upstream cells (int64, 0 at nodata) with the solved inflow added at its edge."""
    code = np.ascontiguousarray(code, dtype=np.uint8)
    perim = perimeter_local(window.shape)
    perim = perim[code.ravel()[perim] != D8_NODATA]
    weight = np.ones(code.size, dtype=np.int64)
    weight[perim] += inflow
    acc, _, _ = _accumulate(code, weight.reshape(code.shape), _DROW, _DCOL)
    return acc.reshape(code.shape)
