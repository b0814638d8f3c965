"""Polygons → label raster by cell centre, in one numba scanline pass (no GDAL round trip).

A cell gets polygon k (1-based) when its centre lies inside polygon k by the even-odd rule
over all its rings (holes and multi-parts included); where polygons overlap, the later one
wins, as with GDAL's rasterizer. Centres exactly on an edge follow the half-open convention
of scanline filling: a centre on a polygon's left edge is inside, on its right edge outside.

Polygons come either as shapely geometries (:func:`rasterize_polygons`) or as WKB
(:func:`rasterize_wkb`), whose rings are read straight from the bytes by a numba parser of the
OGC Simple Features WKB encoding (Polygon / MultiPolygon, XY/Z/M/ZM, ISO and EWKB type codes),
which skips building 100 000 GEOS geometries; anything else goes through shapely.
"""

from __future__ import annotations

import numba
import numpy as np
import shapely
from numba import njit

from sbplanner_plugin.core.jit import parallel_kernel


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


@njit(cache=True)
def _u32(buf: np.ndarray, o: int, little: bool) -> int:
    b0, b1, b2, b3 = np.int64(buf[o]), np.int64(buf[o + 1]), np.int64(buf[o + 2]), np.int64(buf[o + 3])
    if little:
        return b0 | (b1 << 8) | (b2 << 16) | (b3 << 24)
    return b3 | (b2 << 8) | (b1 << 16) | (b0 << 24)


@njit(cache=True)
def _f64(buf: np.ndarray, o: int, little: bool, scratch: np.ndarray, scratch_f64: np.ndarray) -> float:
    for k in range(8):
        scratch[k] = buf[o + k] if little else buf[o + 7 - k]
    return scratch_f64[0]


@njit(cache=True)
def _header(buf: np.ndarray, o: int, end: int) -> tuple[int, int, int, bool]:
    """Byte order and type of the WKB geometry at ``o``: (offset after the header, base type, bytes per
    vertex, little-endian); offset -1 when unreadable."""
    if o + 5 > end or buf[o] > 1:
        return -1, 0, 0, True
    little = buf[o] == 1
    code = _u32(buf, o + 1, little)
    o += 5
    has_z = (code & 0x80000000) != 0  # EWKB / OGR 2.5D flags
    has_m = (code & 0x40000000) != 0
    if code & 0x20000000:  # EWKB SRID follows the type
        o += 4
    code &= 0x0FFFFFFF
    iso = code // 1000  # ISO 19125 type codes: +1000 Z, +2000 M, +3000 ZM
    if iso > 3:
        return -1, 0, 0, True
    has_z = has_z or iso == 1 or iso == 3
    has_m = has_m or iso == 2 or iso == 3
    return o, code % 1000, 16 + 8 * (int(has_z) + int(has_m)), little


@njit(cache=True)
def _polygon_rings(
    buf: np.ndarray,
    o: int,
    end: int,
    stride: int,
    little: bool,
    xs: np.ndarray,
    ys: np.ndarray,
    ring_start: np.ndarray,
    counters: np.ndarray,
    scratch: np.ndarray,
    scratch_f64: np.ndarray,
) -> int:
    """Append the rings of the WKB polygon body at ``o``; the offset after it, -1 if unreadable."""
    if o + 4 > end:
        return -1
    n_rings = _u32(buf, o, little)
    o += 4
    for _ in range(n_rings):
        if o + 4 > end:
            return -1
        n_pts = _u32(buf, o, little)
        o += 4
        if o + n_pts * stride > end:
            return -1
        if n_pts == 0:
            continue
        p = counters[0]
        if p + n_pts + 1 > xs.size:
            return -1  # more vertices than the buffers hold (cannot happen for well-formed WKB)
        for k in range(n_pts):
            xs[p + k] = _f64(buf, o + k * stride, little, scratch, scratch_f64)
            ys[p + k] = _f64(buf, o + k * stride + 8, little, scratch, scratch_f64)
        o += n_pts * stride
        q = p + n_pts
        if xs[q - 1] != xs[p] or ys[q - 1] != ys[p]:  # close an unclosed ring
            xs[q] = xs[p]
            ys[q] = ys[p]
            q += 1
        counters[0] = q
        counters[1] += 1
        ring_start[counters[1]] = q
    return o


@njit(cache=True)
def _rings_of_wkb(buf: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, bool]:
    n = offsets.size - 1
    cap = buf.size // 16 + 2 * n + 2  # a vertex takes ≥ 16 bytes; + one closing vertex per ring
    xs = np.empty(cap)
    ys = np.empty(cap)
    ring_start = np.zeros(buf.size // 4 + 2, dtype=np.int64)  # a ring takes ≥ 4 bytes
    poly_rings = np.zeros(n + 1, dtype=np.int64)
    counters = np.zeros(2, dtype=np.int64)  # vertices, rings so far
    scratch = np.zeros(8, dtype=np.uint8)
    scratch_f64 = scratch.view(np.float64)
    for g in range(n):
        end = offsets[g + 1]
        if end > offsets[g]:  # empty bytes: no geometry
            o, base, stride, little = _header(buf, offsets[g], end)
            if o >= 0 and base == 3:
                o = _polygon_rings(buf, o, end, stride, little, xs, ys, ring_start, counters, scratch, scratch_f64)
            elif o >= 0 and base == 6:  # MultiPolygon: a count, then complete WKB polygons
                n_parts = _u32(buf, o, little) if o + 4 <= end else -1
                o = o + 4 if n_parts >= 0 else -1
                for _ in range(max(n_parts, 0)):
                    o, base, stride, little = _header(buf, o, end)
                    if o < 0 or base != 3:
                        o = -1
                        break
                    o = _polygon_rings(buf, o, end, stride, little, xs, ys, ring_start, counters, scratch, scratch_f64)
                    if o < 0:
                        break
            else:
                o = -1
            if o < 0:  # not a (multi)polygon we read: the caller lets GEOS do it
                return xs[:0], ys[:0], ring_start[:1], poly_rings, False
        poly_rings[g + 1] = counters[1]
    return xs[: counters[0]], ys[: counters[0]], ring_start[: counters[1] + 1], poly_rings, True


def rasterize_wkb(wkbs, shape: tuple[int, int], transform: Transform) -> np.ndarray:
    """:func:`rasterize_polygons` of WKB geometries (bytes; ``None`` or ``b""`` = no geometry)."""
    blobs = [b"" if w is None else bytes(w) for w in wkbs]
    if not blobs:
        return np.zeros(shape, dtype=np.int32)
    sizes = np.fromiter(map(len, blobs), dtype=np.int64, count=len(blobs))
    offsets = np.zeros(len(blobs) + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    buf = np.frombuffer(b"".join(blobs), dtype=np.uint8)
    xs, ys, ring_start, poly_rings, ok = _rings_of_wkb(buf, offsets)
    if not ok:  # curves, collections …: let GEOS read them
        geoms = shapely.from_wkb([w or None for w in blobs])
        return rasterize_polygons(geoms, shape, transform)
    return _burn(xs, ys, ring_start, poly_rings, shape, transform)


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
