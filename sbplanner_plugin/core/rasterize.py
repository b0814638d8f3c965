"""Polygons → label raster by cell centre, in one numba scanline pass (no GDAL round trip).

A cell gets polygon k (1-based) when its centre lies inside polygon k by the even-odd rule
over all its rings (holes and multi-parts included); where polygons overlap, the later one
wins, as with GDAL's rasterizer. Centres exactly on an edge follow the half-open convention
of scanline filling: a centre on a polygon's left edge is inside, on its right edge outside.

Polygons come either as shapely geometries (:func:`rasterize_polygons`) or as WKB
(:func:`rasterize_wkb`), whose rings :func:`sbplanner_plugin.core.wkb.polygon_rings` reads straight
from the bytes (no 100 000 GEOS geometries built); anything else goes through shapely.
"""

from __future__ import annotations

import numba
import numpy as np
import shapely
from numba import njit

from sbplanner_plugin.core.jit import parallel_kernel
from sbplanner_plugin.core.wkb import polygon_rings


@njit(cache=True)
def _burn_rows(
    xs: np.ndarray,
    ys: np.ndarray,
    ring_start: np.ndarray,
    r_lo: int,
    r_hi: int,
    row_a: int,
    row_b: int,
    value: int,
    out: np.ndarray,
    x0: float,
    dx: float,
    y0: float,
    dy: float,
    xcut: np.ndarray,
) -> np.ndarray:
    """Scanline-fill rows row_a..row_b of the polygon made of rings r_lo..r_hi-1 with ``value``.

    Returns the crossing buffer (grown when a boundary crosses a row more often than it holds).
    """
    cols = out.shape[1]
    for row in range(row_a, row_b + 1):
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
                out[row, c] = value
    return xcut


#: Rows per band of the parallel fill: each band burns, in polygon order, the polygons reaching it.
_BAND_ROWS = 16


@parallel_kernel
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
    rows = out.shape[0]
    n_poly = poly_rings.size - 1
    row_lo = np.zeros(n_poly, dtype=np.int64)
    row_hi = np.full(n_poly, -1, dtype=np.int64)  # row_hi < row_lo: no row
    for p in numba.prange(n_poly):
        r_lo, r_hi = poly_rings[p], poly_rings[p + 1]
        if r_lo == r_hi:
            continue
        ymin, ymax = np.inf, -np.inf
        for i in range(ring_start[r_lo], ring_start[r_hi]):
            ymin = min(ymin, ys[i])
            ymax = max(ymax, ys[i])
        # rows whose centre y lies within [ymin, ymax]; dy < 0 for north-up grids
        a = (ymax - y0) / dy - 0.5
        b = (ymin - y0) / dy - 0.5
        row_lo[p] = max(int(np.ceil(min(a, b))), 0)
        row_hi[p] = min(int(np.floor(max(a, b))), rows - 1)
    # bands of rows, each with the list of polygons reaching it in polygon order, so a band burns
    # its rows alone (bands run in parallel) and a later polygon still overwrites an earlier one
    n_bands = (rows + _BAND_ROWS - 1) // _BAND_ROWS
    first = np.zeros(n_bands + 1, dtype=np.int64)
    for p in range(n_poly):
        if row_lo[p] <= row_hi[p]:
            for band in range(row_lo[p] // _BAND_ROWS, row_hi[p] // _BAND_ROWS + 1):
                first[band + 1] += 1
    for band in range(n_bands):
        first[band + 1] += first[band]
    members = np.empty(first[n_bands], dtype=np.int64)
    fill_at = first[:n_bands].copy()
    for p in range(n_poly):
        if row_lo[p] <= row_hi[p]:
            for band in range(row_lo[p] // _BAND_ROWS, row_hi[p] // _BAND_ROWS + 1):
                members[fill_at[band]] = p
                fill_at[band] += 1
    for band in numba.prange(n_bands):
        xcut = np.empty(64)
        top = band * _BAND_ROWS
        bottom = min(top + _BAND_ROWS, rows) - 1
        for m in range(first[band], first[band + 1]):
            p = members[m]
            xcut = _burn_rows(
                xs,
                ys,
                ring_start,
                poly_rings[p],
                poly_rings[p + 1],
                max(row_lo[p], top),
                min(row_hi[p], bottom),
                p + 1,
                out,
                x0,
                dx,
                y0,
                dy,
                xcut,
            )


Transform = tuple[float, float, float, float, float, float]


def _burn(
    xs: np.ndarray,
    ys: np.ndarray,
    ring_start: np.ndarray,
    poly_rings: np.ndarray,
    shape: tuple[int, int],
    transform: Transform,
) -> np.ndarray:
    out = np.zeros(shape, dtype=np.int32)
    x0, dx, _, y0, _, dy = transform
    _fill(xs, ys, ring_start, poly_rings, out, float(x0), float(dx), float(y0), float(dy))
    return out


def rasterize_polygons(geoms: np.ndarray, shape: tuple[int, int], transform: Transform) -> np.ndarray:
    """Label raster (int32, 0 = none) of polygons ``geoms`` (shapely, any CRS-consistent units).

    ``transform`` is a north-up GDAL geotransform; polygon k of ``geoms`` burns value k + 1.
    """
    geoms = np.asarray(geoms, dtype=object)
    if geoms.size == 0:
        return np.zeros(shape, dtype=np.int32)
    return _burn(*_rings_of_geometries(geoms), shape, transform)


def _rings_of_geometries(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """x, y of every ring vertex, ring start offsets and each polygon's ring range (shapely)."""
    parts, part_of = shapely.get_parts(geoms, return_index=True)
    rings, ring_of_part = shapely.get_rings(parts, return_index=True)
    coords, coord_ring = shapely.get_coordinates(rings, return_index=True)
    ring_counts = np.bincount(coord_ring, minlength=rings.size)
    ring_start = np.zeros(rings.size + 1, dtype=np.int64)
    np.cumsum(ring_counts, out=ring_start[1:])
    ring_poly = part_of[ring_of_part]  # polygon of every ring (rings come grouped by part, parts by polygon)
    poly_rings = np.zeros(geoms.size + 1, dtype=np.int64)
    np.cumsum(np.bincount(ring_poly, minlength=geoms.size), out=poly_rings[1:])
    return np.ascontiguousarray(coords[:, 0]), np.ascontiguousarray(coords[:, 1]), ring_start, poly_rings


def rasterize_wkb(wkbs, shape: tuple[int, int], transform: Transform) -> np.ndarray:
    """:func:`rasterize_polygons` of WKB geometries (bytes; ``None`` or ``b""`` = no geometry)."""
    rings = polygon_rings(wkbs)
    if rings is None:  # curves, collections …: let GEOS read them
        return rasterize_polygons(shapely.from_wkb([w or None for w in wkbs]), shape, transform)
    return _burn(*rings, shape, transform)


@njit(cache=True)
def _label_counts(labels: np.ndarray, n: int) -> np.ndarray:
    counts = np.zeros(n + 1, dtype=np.int64)
    for i in range(labels.size):
        lab = labels[i]
        if 0 < lab <= n:
            counts[lab] += 1
    return counts


def label_counts(labels: np.ndarray, n: int) -> np.ndarray:
    """Cells per label 0..n (index 0 stays 0; labels outside 1..n are not counted)."""
    return _label_counts(labels.ravel(), int(n))


def cell_of_points(
    xs: np.ndarray, ys: np.ndarray, shape: tuple[int, int], transform: tuple[float, float, float, float, float, float]
) -> tuple[np.ndarray, np.ndarray]:
    """Row, column of the cells holding the points (may fall outside the grid)."""
    x0, dx, _, y0, _, dy = transform
    return (
        np.floor((np.asarray(ys) - y0) / dy).astype(np.int64),
        np.floor((np.asarray(xs) - x0) / dx).astype(np.int64),
    )
