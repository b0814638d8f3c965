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
that outlet crosses tile edges. It is solved by relaxation rounds over the tiles whose edges a
flat crosses (:func:`flat_round`: a breadth-first search of the tile's flats from its own
outlets and from its edge cells, seeded with the neighbouring tiles' edge distances), repeated
on the neighbours of every tile whose edge distances changed until none change; the second
pass (:func:`directions_stage2`) then finishes each tile. Each round costs one pass over the
flat cells of the tiles it touches, and a flat needs about as many rounds as the tiles its
longest shortest path crosses — unlike an all-pairs graph of a tile's flat edge cells (tried
first), whose cost per tile grows with the tile side cubed when a lake or plain covers it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit

from sbplanner_plugin.core.flood import D8_CODE, D8_NODATA
from sbplanner_plugin.core.tiled.tiles import DCS, DRS, Window, perimeter_local, to_global

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
def _halo_seeds(f: np.ndarray, code: np.ndarray, halo_dist: np.ndarray):
    """Flat perimeter cells one step from a halo cell of their level: (local index, halo distance + 1)."""
    h, w = code.shape
    seeds = []
    values = []
    for r in range(h):
        for c in range(w):
            if (0 < r < h - 1 and 0 < c < w - 1) or code[r, c] != 255:
                continue
            zc = f[r + 1, c + 1]
            best = FAR
            for k in range(8):
                rr = r + DRS[k]
                cc = c + DCS[k]
                if 0 <= rr < h and 0 <= cc < w:
                    continue
                d = halo_dist[rr + 1, cc + 1]
                if d < FAR and f[rr + 1, cc + 1] == zc and d + 1 < best:
                    best = d + 1
            if best < FAR:
                seeds.append(r * w + c)
                values.append(best)
    n = len(seeds)
    out_s = np.empty(n, dtype=np.int64)
    out_v = np.empty(n, dtype=np.int64)
    for k in range(n):
        out_s[k] = seeds[k]
        out_v[k] = values[k]
    order = np.argsort(out_v, kind="mergesort")
    return out_s[order], out_v[order]


@dataclass
class DirectionSummary:
    """What a tile's first direction pass tells the driver about its perimeter."""

    window: Window
    perimeter: np.ndarray  # grid flat indices of the valid perimeter cells
    perimeter_flat: np.ndarray  # bool: on a flat
    perimeter_dist: np.ndarray  # distance across the flat to the tile's own nearest outlet (FAR: none; 0 off flats)


def _valid_perimeter(code: np.ndarray) -> np.ndarray:
    perim = perimeter_local(code.shape)
    return perim[code.ravel()[perim] != D8_NODATA]


def directions_stage1(filled_padded: np.ndarray, window: Window, grid_cols: int, dx: float, dy: float):
    """First pass of a tile: codes off the flats (255 on flats, kept by the tile) and its perimeter summary.

    ``filled_padded``: the tile's final filled surface with a one-cell halo (NaN = nodata / outside).
    """
    f = np.ascontiguousarray(filled_padded, dtype=np.float32)
    code = _steepest(f, _inverse_lengths(dx, dy), _TO_CODE)
    perim = _valid_perimeter(code)
    is_flat = code.ravel()[perim] == 255
    dist = _flat_bfs(f, code, np.zeros(0, np.int64), np.zeros(0, np.int64)) if is_flat.any() else None
    summary = DirectionSummary(
        window=window,
        perimeter=to_global(perim, window, grid_cols),
        perimeter_flat=is_flat,
        perimeter_dist=np.where(is_flat, dist[perim], 0) if dist is not None else np.zeros(perim.size, np.int64),
    )
    return code, summary


def _tile_flat_distances(f: np.ndarray, code: np.ndarray, halo_dist: np.ndarray) -> np.ndarray:
    seeds, values = _halo_seeds(f, code, np.ascontiguousarray(halo_dist, dtype=np.int64))
    return _flat_bfs(f, code, seeds, values)


def flat_round(filled_padded: np.ndarray, code: np.ndarray, halo_dist: np.ndarray) -> np.ndarray:
    """One relaxation round of a tile: its perimeter cells' distances across flats, given the halo's.

    ``halo_dist``: the padded tile whose ring holds the neighbouring tiles' perimeter distances
    (0 off the flats, :data:`FAR` unknown). Rounds repeat, on the tiles next to a tile whose
    perimeter distances changed, until none change (:func:`solve_flats_iteratively`); the
    distances only decrease and each is the length of a real path, so they end at the true ones.
    """
    f = np.ascontiguousarray(filled_padded, dtype=np.float32)
    dist = _tile_flat_distances(f, code, halo_dist)
    perim = _valid_perimeter(code)
    return np.where(code.ravel()[perim] == 255, dist[perim], 0)


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


def directions_stage2(filled_padded: np.ndarray, code: np.ndarray, halo_dist: np.ndarray) -> np.ndarray:
    """Second pass of a tile: the flat cells' codes, from the halo's solved distances across flats."""
    f = np.ascontiguousarray(filled_padded, dtype=np.float32)
    halo_dist = np.ascontiguousarray(halo_dist, dtype=np.int64)
    if not (code == 255).any():
        return code
    dist = _tile_flat_distances(f, code, halo_dist)
    return _flat_codes(f, code, dist, halo_dist, _TO_CODE)
