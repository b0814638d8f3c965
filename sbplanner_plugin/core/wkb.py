"""WKB (Multi)Polygons read in numba: vertex arrays and bounding boxes without GEOS objects.

The reader follows the OGC Simple Features WKB encoding (OGC 06-103r4 §8.2; ISO 19125-1): a byte
order byte, a uint32 type code and the rings' vertex counts and coordinates. Type codes of
Polygon (3) and MultiPolygon (6) are read in XY, Z, M and ZM, as ISO codes (+1000/2000/3000) and
as EWKB/OGR 2.5D flags (0x80000000 Z, 0x40000000 M, 0x20000000 SRID follows), in either byte order.
Anything else (curves, collections) makes the readers return ``None``; callers then use GEOS.
"""

from __future__ import annotations

import struct

import numpy as np
from numba import njit


def _buffer(wkbs) -> tuple[np.ndarray, np.ndarray]:
    """All WKB in one byte array, and each geometry's start offset (n + 1 offsets)."""
    blobs = [b"" if w is None else bytes(w) for w in wkbs]
    sizes = np.fromiter(map(len, blobs), dtype=np.int64, count=len(blobs))
    offsets = np.zeros(len(blobs) + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    return np.frombuffer(b"".join(blobs), dtype=np.uint8), offsets


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


def polygon_rings(wkbs) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """x and y of every ring vertex, ring start offsets and each geometry's ring range.

    Geometry k owns rings ``poly_rings[k]:poly_rings[k + 1]``; ring r owns vertices
    ``ring_start[r]:ring_start[r + 1]`` (closed: an unclosed ring gets its first vertex repeated).
    ``None`` or empty bytes is a geometry without rings. Returns ``None`` when some WKB is not a
    (Multi)Polygon this reader handles.
    """
    buf, offsets = _buffer(wkbs)
    xs, ys, ring_start, poly_rings, ok = _rings_of_wkb(buf, offsets)
    return (xs, ys, ring_start, poly_rings) if ok else None


@njit(cache=True)
def _bounds(xs: np.ndarray, ys: np.ndarray, ring_start: np.ndarray, poly_rings: np.ndarray) -> np.ndarray:
    n = poly_rings.size - 1
    out = np.full((n, 4), np.nan)
    for k in range(n):
        lo, hi = ring_start[poly_rings[k]], ring_start[poly_rings[k + 1]]
        if hi > lo:
            out[k, 0] = xs[lo:hi].min()
            out[k, 1] = ys[lo:hi].min()
            out[k, 2] = xs[lo:hi].max()
            out[k, 3] = ys[lo:hi].max()
    return out


def polygon_bounds(wkbs) -> np.ndarray | None:
    """(minx, miny, maxx, maxy) of every WKB (Multi)Polygon, NaN for empty ones; ``None`` as in
    :func:`polygon_rings`."""
    rings = polygon_rings(wkbs)
    return None if rings is None else _bounds(*rings)


def to_multipolygon(wkb: bytes) -> bytes:
    """A WKB Polygon wrapped as a one-part MultiPolygon (same byte order and dimensions); any other
    geometry unchanged. The part keeps its own header, as WKB MultiPolygons require."""
    if len(wkb) < 5 or wkb[0] > 1:
        return wkb
    order = "<" if wkb[0] == 1 else ">"
    (code,) = struct.unpack_from(order + "I", wkb, 1)
    if (code & 0x0FFFFFFF) % 1000 != 3:
        return wkb
    code &= ~0x20000000  # an EWKB SRID stays with the part only
    return wkb[:1] + struct.pack(order + "II", code + 3, 1) + wkb
