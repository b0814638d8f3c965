"""Tiled D8 directions on the filled surface, identical to the single-machine flood's.

Off the flats a cell's direction is decided exactly as the single-machine flood
(:func:`sbplanner_plugin.core.flood.priority_flood`) decides it: the steepest strictly lower
neighbour by drop over distance, in float32, the first of equal slopes in the order NW, N, NE,
W, E, SW, S, SE; a cell next to nodata or the grid's edge with no lower neighbour is a pit
(code 0, flow leaves the DEM). That needs only the filled surface of the cell and its eight
neighbours, so a tile with a one-cell halo decides it alone.

**Flats** (cells with no lower neighbour that are not at the edge) follow the flood's flat rule,
which depends on the filled surface alone: a flat cell drains to the first neighbour (same
order), on the same flat, that is one step closer in D8 steps across the flat to the flat's
nearest *outlet* (a cell of its level with a lower neighbour, or at the edge). The distance to
that outlet crosses tile edges: per tile, the distances across the tile's flats between its
perimeter cells (and from them to the tile's own outlets) go to a central shortest-path solve
(:func:`solve_flats`), and the second pass (:func:`directions_stage2`) finishes each tile from
its perimeter's solved distances. The per-tile cost grows with (flat perimeter cells) × (flat
cells) for a flat that covers a tile edge: negligible on real terrain, quadratic in the tile
side for a tile that is one flat.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np
from numba import njit

from sbplanner_plugin.core.flood import D8_CODE, D8_NODATA
from sbplanner_plugin.core.tiled.tiles import DCS, DRS, Window, neighbour_pairs, perimeter_local, to_global

#: Distance of a flat cell that reaches no outlet (never happens on a filled surface).
FAR = np.int64(2**62)


def _inverse_lengths(dx: float, dy: float) -> np.ndarray:
    """1 / step length per neighbour, computed as the single-machine flood does (float64, stored float32)."""
    diag = np.sqrt(dx * dx + dy * dy)
    inv = np.empty(8, dtype=np.float32)
    for k in range(8):
        dr, dc = DRS[k], DCS[k]
        inv[k] = 1.0 / (diag if dr != 0 and dc != 0 else (dy if dr != 0 else dx))
    return inv


_TO_CODE = np.array([D8_CODE[DRS[k] + 1, DCS[k] + 1] for k in range(8)], dtype=np.uint8)


@njit(cache=True, nogil=True)
def _steepest(f: np.ndarray, inv: np.ndarray, to_code: np.ndarray):
    """D8 codes off the flats (255 on flats) and the flat mask of a padded filled tile."""
    hp, wp = f.shape
    h, w = hp - 2, wp - 2
    code = np.empty((h, w), dtype=np.uint8)
    for r in range(h):
        for c in range(w):
            zc = f[r + 1, c + 1]
            if np.isnan(zc):
                code[r, c] = D8_NODATA
                continue
            best = np.float32(0.0)
            bk = -1
            edge = False
            for k in range(8):
                zn = f[r + 1 + DRS[k], c + 1 + DCS[k]]
                if np.isnan(zn):
                    edge = True
                elif zn < zc:
                    g = (zc - zn) * inv[k]
                    if g > best:
                        best = g
                        bk = k
            if bk >= 0:
                code[r, c] = to_code[bk]
            elif edge:
                code[r, c] = 0
            else:
                code[r, c] = 255
    return code


@njit(cache=True, nogil=True)
def _flat_bfs(f: np.ndarray, code: np.ndarray, seeds: np.ndarray, seed_d: np.ndarray) -> np.ndarray:
    """Distance across flats to the nearest outlet, from ``seeds`` (local flat indices, ascending ``seed_d``).

    Outlets (cells with a code other than 255) are at 0; the search moves between cells of equal
    filled elevation, into flat cells only, inside the tile.
    """
    h, w = code.shape
    dist = np.full(h * w, FAR, dtype=np.int64)
    queue = np.empty(h * w + seeds.size + 1, dtype=np.int64)
    qd = np.empty(h * w + seeds.size + 1, dtype=np.int64)
    head = 0
    tail = 0
    for r in range(h):
        for c in range(w):
            i = r * w + c
            if code[r, c] != 255 and code[r, c] != D8_NODATA:
                dist[i] = 0
                # outlets next to a flat of their own level start the search
                zc = f[r + 1, c + 1]
                for k in range(8):
                    rr = r + DRS[k]
                    cc = c + DCS[k]
                    if 0 <= rr < h and 0 <= cc < w and code[rr, cc] == 255 and f[rr + 1, cc + 1] == zc:
                        queue[tail] = i
                        qd[tail] = 0
                        tail += 1
                        break
    s = 0
    while head < tail or s < seeds.size:
        if s < seeds.size and (head == tail or seed_d[s] < qd[head]):
            i = seeds[s]
            d = seed_d[s]
            s += 1
            if d >= dist[i]:
                continue
            dist[i] = d
        else:
            i = queue[head]
            d = qd[head]
            head += 1
            if d > dist[i]:
                continue
        r = i // w
        c = i - r * w
        zc = f[r + 1, c + 1]
        for k in range(8):
            rr = r + DRS[k]
            cc = c + DCS[k]
            if rr < 0 or rr >= h or cc < 0 or cc >= w:
                continue
            j = rr * w + cc
            if code[rr, cc] == 255 and f[rr + 1, cc + 1] == zc and dist[j] > d + 1:
                dist[j] = d + 1
                queue[tail] = j
                qd[tail] = d + 1
                tail += 1
    return dist


@njit(cache=True, nogil=True)
def _perimeter_geodesics(f: np.ndarray, code: np.ndarray, pflat: np.ndarray):
    """Distances across the tile's flats between its flat perimeter cells (pairs ``a < b``, same flat)."""
    h, w = code.shape
    pos = np.full(h * w, -1, dtype=np.int64)
    for k in range(pflat.size):
        pos[pflat[k]] = k
    stamp = np.full(h * w, -1, dtype=np.int64)
    dist = np.zeros(h * w, dtype=np.int64)
    queue = np.empty(h * w, dtype=np.int64)
    ea = []
    eb = []
    ed = []
    for a in range(pflat.size):
        src = pflat[a]
        head = 0
        tail = 1
        queue[0] = src
        stamp[src] = a
        dist[src] = 0
        while head < tail:
            i = queue[head]
            head += 1
            b = pos[i]
            if b > a:
                ea.append(a)
                eb.append(b)
                ed.append(dist[i])
            r = i // w
            c = i - r * w
            zc = f[r + 1, c + 1]
            for k in range(8):
                rr = r + DRS[k]
                cc = c + DCS[k]
                if rr < 0 or rr >= h or cc < 0 or cc >= w:
                    continue
                j = rr * w + cc
                if stamp[j] != a and code[rr, cc] == 255 and f[rr + 1, cc + 1] == zc:
                    stamp[j] = a
                    dist[j] = dist[i] + 1
                    queue[tail] = j
                    tail += 1
    n = len(ea)
    oa = np.empty(n, dtype=np.int64)
    ob = np.empty(n, dtype=np.int64)
    od = np.empty(n, dtype=np.int64)
    for k in range(n):
        oa[k] = ea[k]
        ob[k] = eb[k]
        od[k] = ed[k]
    return oa, ob, od


@dataclass
class DirectionSummary:
    """What a tile's first direction pass sends to the flat solve."""

    window: Window
    perimeter: np.ndarray  # grid flat indices of the valid perimeter cells
    perimeter_filled: np.ndarray  # their filled elevations
    perimeter_flat: np.ndarray  # bool: on a flat
    perimeter_dist: np.ndarray  # distance across the flat to the tile's own nearest outlet (FAR: none)
    edge_a: np.ndarray  # positions in ``perimeter`` of flat cells joined across the tile's flats
    edge_b: np.ndarray
    edge_d: np.ndarray


def directions_stage1(filled_padded: np.ndarray, window: Window, grid_cols: int, dx: float, dy: float):
    """First pass of a tile: codes off the flats (255 on flats, kept by the tile) and the flat summary.

    ``filled_padded``: the tile's final filled surface with a one-cell halo (NaN = nodata / outside).
    """
    f = np.ascontiguousarray(filled_padded, dtype=np.float32)
    code = _steepest(f, _inverse_lengths(dx, dy), _TO_CODE)
    h, w = window.shape
    perim = perimeter_local((h, w))
    flat_code = code.ravel()
    valid = flat_code[perim] != D8_NODATA
    perim = perim[valid]
    is_flat = flat_code[perim] == 255
    dist = _flat_bfs(f, code, np.zeros(0, np.int64), np.zeros(0, np.int64))
    pflat = perim[is_flat]
    a, b, d = _perimeter_geodesics(f, code, pflat)
    flat_pos = np.flatnonzero(is_flat)
    summary = DirectionSummary(
        window=window,
        perimeter=to_global(perim, window, grid_cols),
        perimeter_filled=f[1:-1, 1:-1].ravel()[perim].copy(),
        perimeter_flat=is_flat,
        perimeter_dist=np.where(is_flat, dist[perim], 0),
        edge_a=flat_pos[a],
        edge_b=flat_pos[b],
        edge_d=d,
    )
    return code, summary


@njit(cache=True)
def _dijkstra(dist: np.ndarray, start: np.ndarray, nbr: np.ndarray, wgt: np.ndarray) -> np.ndarray:
    """Shortest distances from the initial ``dist`` values over a CSR graph with integer weights."""
    out = dist.copy()
    heap = [(np.int64(0), np.int64(0))]
    heap.pop()
    for u in range(out.size):
        if out[u] < FAR:
            heapq.heappush(heap, (out[u], np.int64(u)))
    while len(heap) > 0:
        d, u = heapq.heappop(heap)
        if d > out[u]:
            continue
        for k in range(start[u], start[u + 1]):
            v = nbr[k]
            nd = d + wgt[k]
            if nd < out[v]:
                out[v] = nd
                heapq.heappush(heap, (nd, np.int64(v)))
    return out


@dataclass
class FlatSolution:
    """Per tile, the perimeter distances across flats; and all perimeter cells' distances (halo values)."""

    per_tile: list[np.ndarray]
    perimeter: np.ndarray
    perimeter_dist: np.ndarray  # 0 off the flats


def solve_flats(summaries: list[DirectionSummary], shape: tuple[int, int]) -> FlatSolution:
    """Central solve: every flat perimeter cell's distance to its flat's nearest outlet, across tiles."""
    sizes = [s.perimeter.size for s in summaries]
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    gidx = np.concatenate([s.perimeter for s in summaries])
    pf = np.concatenate([s.perimeter_filled for s in summaries])
    flat = np.concatenate([s.perimeter_flat for s in summaries])
    dist = np.concatenate([s.perimeter_dist for s in summaries]).astype(np.int64)
    tile_of = np.concatenate([np.full(n, t, dtype=np.int64) for t, n in enumerate(sizes)])
    ua = [offsets[t] + s.edge_a for t, s in enumerate(summaries)]
    ub = [offsets[t] + s.edge_b for t, s in enumerate(summaries)]
    ud = [s.edge_d for s in summaries]
    i, j = neighbour_pairs(gidx, tile_of, shape)
    same = pf[i] == pf[j]
    i, j = i[same], j[same]
    both = flat[i] & flat[j]
    ua.append(i[both])
    ub.append(j[both])
    ud.append(np.ones(int(both.sum()), dtype=np.int64))
    # a flat cell next to an outlet of its own level across a seam is one step from it
    for x, y in ((i, j), (j, i)):
        k = flat[x] & ~flat[y]
        dist[x[k]] = np.minimum(dist[x[k]], 1)
    a = np.concatenate(ua).astype(np.int64)
    b = np.concatenate(ub).astype(np.int64)
    d = np.concatenate(ud).astype(np.int64)
    src = np.concatenate([a, b])
    dst = np.concatenate([b, a])
    ww = np.concatenate([d, d])
    order = np.argsort(src, kind="stable")
    src, dst, ww = src[order], dst[order], ww[order]
    start = np.zeros(gidx.size + 1, dtype=np.int64)
    np.add.at(start, src + 1, 1)
    start = np.cumsum(start)
    dist = np.where(flat, dist, 0)
    out = _dijkstra(dist, start, dst, ww)
    per_tile = [out[offsets[t] : offsets[t + 1]] for t in range(len(summaries))]
    return FlatSolution(per_tile, gidx, out)


@njit(cache=True, nogil=True)
def _flat_codes(f: np.ndarray, code: np.ndarray, dist: np.ndarray, halo_dist: np.ndarray, to_code: np.ndarray):
    """Codes of the flat cells: the first neighbour of the same level one step closer to the outlet."""
    h, w = code.shape
    out = code.copy()
    for r in range(h):
        for c in range(w):
            if code[r, c] != 255:
                continue
            d = dist[r * w + c]
            zc = f[r + 1, c + 1]
            out[r, c] = 0
            for k in range(8):
                rr = r + DRS[k]
                cc = c + DCS[k]
                if f[rr + 1, cc + 1] != zc:
                    continue
                dn = dist[rr * w + cc] if 0 <= rr < h and 0 <= cc < w else halo_dist[rr + 1, cc + 1]
                if dn == d - 1:
                    out[r, c] = to_code[k]
                    break
    return out


def directions_stage2(
    filled_padded: np.ndarray,
    code: np.ndarray,
    window: Window,
    perimeter_dist: np.ndarray,
    halo_dist: np.ndarray,
) -> np.ndarray:
    """Second pass of a tile: the flat cells' codes, from its perimeter's distances and the halo's.

    ``perimeter_dist``: the solved distances of this tile's valid perimeter cells (in
    :func:`directions_stage1`'s order); ``halo_dist``: the padded tile's ring holding the
    neighbouring perimeter cells' solved distances (0 off the flats, anything inside).
    """
    f = np.ascontiguousarray(filled_padded, dtype=np.float32)
    h, w = window.shape
    perim = perimeter_local((h, w))
    perim = perim[code.ravel()[perim] != D8_NODATA]
    is_flat = code.ravel()[perim] == 255
    seeds = perim[is_flat]
    seed_d = perimeter_dist[is_flat]
    order = np.argsort(seed_d, kind="stable")
    dist = _flat_bfs(f, code, seeds[order].astype(np.int64), seed_d[order].astype(np.int64))
    return _flat_codes(f, code, dist, np.ascontiguousarray(halo_dist, dtype=np.int64), _TO_CODE)
