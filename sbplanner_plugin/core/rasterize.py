"""Polygons → label raster by cell centre, in one numba scanline pass (no GDAL round trip).

A cell gets polygon k (1-based) when its centre lies inside polygon k by the even-odd rule
over all its rings (holes and multi-parts included); where polygons overlap, the later one
wins, as with GDAL's rasterizer. Centres exactly on an edge follow the half-open convention
of scanline filling: a centre on a polygon's left edge is inside, on its right edge outside.
"""

from __future__ import annotations

import numpy as np
import shapely
from numba import njit


@njit(cache=True)
def _fill(
    xs: np.ndarray,
    ys: np.ndarray,
    ring_start: np.ndarray,
    poly_rings: np.ndarray,
    out: np.ndarray,
    x0: float,
    dx: float,
    y0: float,
    dy: float,
) -> None:
    rows, cols = out.shape
    xcut = np.empty(4096)
    n_poly = poly_rings.size - 1
    for p in range(n_poly):
        r_lo, r_hi = poly_rings[p], poly_rings[p + 1]
        if r_lo == r_hi:
            continue
        ymin, ymax = np.inf, -np.inf
        for r in range(r_lo, r_hi):
            for i in range(ring_start[r], ring_start[r + 1]):
                ymin = min(ymin, ys[i])
                ymax = max(ymax, ys[i])
        # rows whose centre y lies within [ymin, ymax]; dy < 0 for north-up grids
        a = (ymax - y0) / dy - 0.5
        b = (ymin - y0) / dy - 0.5
        row_lo = max(int(np.ceil(min(a, b))), 0)
        row_hi = min(int(np.floor(max(a, b))), rows - 1)
        for row in range(row_lo, row_hi + 1):
            yc = y0 + (row + 0.5) * dy
            n = 0
            for r in range(r_lo, r_hi):
                s, e = ring_start[r], ring_start[r + 1]
                for i in range(s, e - 1):
                    ya, yb = ys[i], ys[i + 1]
                    # half-open in y so a vertex on the scanline is counted once
                    if (ya <= yc < yb) or (yb <= yc < ya):
                        if n == xcut.size:  # a very complex boundary: grow, never drop a crossing
                            bigger = np.empty(2 * xcut.size)
                            bigger[:n] = xcut
                            xcut = bigger
                        xcut[n] = xs[i] + (yc - ya) * (xs[i + 1] - xs[i]) / (yb - ya)
                        n += 1
            if n < 2:
                continue
            for k in range(1, n):  # insertion sort: a scanline crosses few edges, no allocation
                v = xcut[k]
                j = k - 1
                while j >= 0 and xcut[j] > v:
                    xcut[j + 1] = xcut[j]
                    j -= 1
                xcut[j + 1] = v
            for k in range(0, n - 1, 2):
                # columns whose centre x lies in [xcut[k], xcut[k+1])
                c_lo = max(int(np.ceil((xcut[k] - x0) / dx - 0.5)), 0)
                c_hi = min(int(np.ceil((xcut[k + 1] - x0) / dx - 0.5)) - 1, cols - 1)
                for c in range(c_lo, c_hi + 1):
                    out[row, c] = p + 1


def rasterize_polygons(
    geoms: np.ndarray, shape: tuple[int, int], transform: tuple[float, float, float, float, float, float]
) -> np.ndarray:
    """Label raster (int32, 0 = none) of polygons ``geoms`` (shapely, any CRS-consistent units).

    ``transform`` is a north-up GDAL geotransform; polygon k of ``geoms`` burns value k + 1.
    """
    geoms = np.asarray(geoms, dtype=object)
    out = np.zeros(shape, dtype=np.int32)
    if geoms.size == 0:
        return out
    parts, part_of = shapely.get_parts(geoms, return_index=True)
    rings, ring_of_part = shapely.get_rings(parts, return_index=True)
    coords, coord_ring = shapely.get_coordinates(rings, return_index=True)
    ring_counts = np.bincount(coord_ring, minlength=rings.size)
    ring_start = np.zeros(rings.size + 1, dtype=np.int64)
    np.cumsum(ring_counts, out=ring_start[1:])
    ring_poly = part_of[ring_of_part]  # polygon of every ring (rings come grouped by part, parts by polygon)
    poly_rings = np.zeros(geoms.size + 1, dtype=np.int64)
    np.cumsum(np.bincount(ring_poly, minlength=geoms.size), out=poly_rings[1:])
    x0, dx, _, y0, _, dy = transform
    _fill(
        np.ascontiguousarray(coords[:, 0]),
        np.ascontiguousarray(coords[:, 1]),
        ring_start,
        poly_rings,
        out,
        float(x0),
        float(dx),
        float(y0),
        float(dy),
    )
    return out


def cell_of_points(
    xs: np.ndarray, ys: np.ndarray, shape: tuple[int, int], transform: tuple[float, float, float, float, float, float]
) -> tuple[np.ndarray, np.ndarray]:
    """Row, column of the cells holding the points (may fall outside the grid)."""
    x0, dx, _, y0, _, dy = transform
    return (
        np.floor((np.asarray(ys) - y0) / dy).astype(np.int64),
        np.floor((np.asarray(xs) - x0) / dx).astype(np.int64),
    )
