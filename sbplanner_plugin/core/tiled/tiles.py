"""The tiling: tile windows, halo-padded tile arrays and the lookup of tile-edge cells.

A tile is a window ``(r0, r1, c0, c1)`` of the grid. Per-tile functions take the tile padded
with a one-cell halo (``(r1 - r0 + 2, c1 - c0 + 2)``); halo cells outside the grid are NaN
(nodata) for elevations. A tile's *perimeter* is its outermost ring of cells; the central
solves only ever see perimeter cells, by their flat index in the whole grid.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

#: D8 neighbour offsets in the order of the single-machine flood (NW, N, NE, W, E, SW, S, SE).
DRS = np.array([-1, -1, -1, 0, 0, 1, 1, 1], dtype=np.int64)
DCS = np.array([-1, 0, 1, -1, 1, -1, 0, 1], dtype=np.int64)


@dataclass(frozen=True)
class Window:
    """A tile's rows ``r0:r1`` and columns ``c0:c1`` in the grid."""

    r0: int
    r1: int
    c0: int
    c1: int

    @property
    def shape(self) -> tuple[int, int]:
        return self.r1 - self.r0, self.c1 - self.c0


def windows(shape: tuple[int, int], tile_size: int | tuple[int, int]) -> list[Window]:
    """Tiles of at most ``tile_size`` cells a side covering ``shape``, row by row (the last ones may be smaller)."""
    th, tw = (int(tile_size), int(tile_size)) if np.ndim(tile_size) == 0 else (int(tile_size[0]), int(tile_size[1]))
    if th < 1 or tw < 1:
        raise ValueError("tile_size must be at least 1")
    rows, cols = shape
    return [Window(r, min(r + th, rows), c, min(c + tw, cols)) for r in range(0, rows, th) for c in range(0, cols, tw)]


def padded(array: np.ndarray, win: Window, fill) -> np.ndarray:
    """``array[win]`` with a one-cell halo taken from ``array`` (``fill`` outside the grid)."""
    rows, cols = array.shape
    out = np.full((win.r1 - win.r0 + 2, win.c1 - win.c0 + 2), fill, dtype=array.dtype)
    rr0, rr1 = max(win.r0 - 1, 0), min(win.r1 + 1, rows)
    cc0, cc1 = max(win.c0 - 1, 0), min(win.c1 + 1, cols)
    out[rr0 - win.r0 + 1 : rr1 - win.r0 + 1, cc0 - win.c0 + 1 : cc1 - win.c0 + 1] = array[rr0:rr1, cc0:cc1]
    return out


def perimeter_local(shape: tuple[int, int]) -> np.ndarray:
    """Row-major flat indices (in the unpadded tile) of the tile's outermost ring."""
    h, w = shape
    mask = np.zeros((h, w), dtype=bool)
    mask[0, :] = mask[-1, :] = True
    mask[:, 0] = mask[:, -1] = True
    return np.flatnonzero(mask)


def to_global(local: np.ndarray, win: Window, cols: int) -> np.ndarray:
    """Grid flat indices of a tile's local (unpadded) flat indices."""
    w = win.c1 - win.c0
    r, c = np.divmod(np.asarray(local, dtype=np.int64), w)
    return (r + win.r0) * cols + (c + win.c0)


class PerimeterTable:
    """Values attached to the tiles' perimeter cells, looked up by grid flat index.

    Built centrally from the tiles' summaries; a tile's halo is the neighbouring tiles'
    perimeter, so :meth:`halo` pads a tile from this table alone (no neighbouring tile is read).
    """

    def __init__(self, gidx: np.ndarray, values: np.ndarray, missing) -> None:
        order = np.argsort(gidx, kind="stable")
        self.gidx = np.asarray(gidx, dtype=np.int64)[order]
        self.values = np.asarray(values)[order]
        self.missing = missing

    def lookup(self, gidx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Values at ``gidx`` (``missing`` where not a perimeter cell) and whether each was found."""
        pos = np.searchsorted(self.gidx, gidx)
        pos = np.minimum(pos, max(self.gidx.size - 1, 0))
        found = (self.gidx.size > 0) & (self.gidx[pos] == gidx) if self.gidx.size else np.zeros(gidx.shape, bool)
        out = np.full(gidx.shape, self.missing, dtype=self.values.dtype)
        out[found] = self.values[pos[found]]
        return out, found

    def halo(self, inner: np.ndarray, win: Window, shape: tuple[int, int]) -> np.ndarray:
        """``inner`` (the tile's own values) padded with the halo ring looked up in this table."""
        rows, cols = shape
        h, w = win.shape
        out = np.full((h + 2, w + 2), self.missing, dtype=self.values.dtype)
        out[1:-1, 1:-1] = inner
        ring = np.ones((h + 2, w + 2), dtype=bool)
        ring[1:-1, 1:-1] = False
        pr, pc = np.nonzero(ring)
        gr, gc = pr - 1 + win.r0, pc - 1 + win.c0
        inside = (gr >= 0) & (gr < rows) & (gc >= 0) & (gc < cols)
        vals, _ = self.lookup(gr[inside] * cols + gc[inside])
        out[pr[inside], pc[inside]] = vals
        return out


def neighbour_pairs(gidx: np.ndarray, tile_of: np.ndarray, shape: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """Pairs ``(i, j)`` (positions in ``gidx``) of D8-adjacent perimeter cells in different tiles, each pair once."""
    rows, cols = shape
    order = np.argsort(gidx, kind="stable")
    sg = gidx[order]
    r, c = np.divmod(sg, cols)
    out_i, out_j = [], []
    for dr, dc in ((0, 1), (1, -1), (1, 0), (1, 1)):  # half the neighbourhood: each pair once
        nr, nc = r + dr, c + dc
        ok = (nr >= 0) & (nr < rows) & (nc >= 0) & (nc < cols)
        target = nr * cols + nc
        pos = np.minimum(np.searchsorted(sg, target), sg.size - 1)
        ok &= sg[pos] == target
        a, b = order[np.flatnonzero(ok)], order[pos[ok]]
        keep = tile_of[a] != tile_of[b]
        out_i.append(a[keep])
        out_j.append(b[keep])
    return np.concatenate(out_i), np.concatenate(out_j)


class StageClock:
    """Wall time per stage of a tiled run: ``lap(name)`` records the time since the previous lap (or since
    the clock was made) under ``name`` in ``seconds``."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._t = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] = now - self._t
        self._t = now
