"""Flow routing on a DEM with pyflwdir: conditioning (cached), outlet snapping, catchments, streams.

Everything here works on flat (row-major) cell indices, the convention of pyflwdir.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from numba import njit, prange
from pyflwdir import basins as _basins
from pyflwdir import streams as _streams

from sbplanner_plugin.core.errors import (
    QT_TRANSLATE_NOOP,
    CancelledError,
    DemTooLargeError,
    EmptyOutletsError,
    InvalidParameterError,
    OutletOutsideDemError,
)
from sbplanner_plugin.core.grid import D8_OFFSETS, Grid
from sbplanner_plugin.core.jit import parallel_kernel

LOGGER = logging.getLogger(__name__)

#: Progress callback: fraction 0-1 and a short English stage name; returns True to cancel.
Progress = Callable[[float, str], bool]

#: Bump when the cached arrays change meaning, so stale caches are ignored.
CACHE_VERSION = 5
#: How many conditioned DEMs the cache keeps (oldest evicted first).
CACHE_MAX_ENTRIES = 8


def _no_progress(fraction: float, stage: str) -> bool:
    return False


@njit(cache=True)
def _distance_to_pit(seq: np.ndarray, idxs_ds: np.ndarray, step_m: np.ndarray) -> np.ndarray:
    """Flow-path distance (m) from every cell down to its pit (seq is ordered down- to upstream)."""
    dist = np.zeros(idxs_ds.size, dtype=np.float64)
    for idx in seq:
        ds = idxs_ds[idx]
        if ds != idx:
            dist[idx] = dist[ds] + step_m[idx]
    return dist


#: pyflwdir's D8 codes (ESRI convention): code of the direction (drow+1, dcol+1) to the downstream cell.
_D8_CODE = np.array([[32, 64, 128], [16, 0, 1], [8, 4, 2]], dtype=np.uint8)
#: pyflwdir's code for nodata cells.
_D8_NODATA = np.uint8(247)
#: Marks a cell the flood has not reached yet (only inside the flood's working array).
_D8_UNSEEN = np.uint8(255)
#: The flood's cell indices are packed into 32 bits of its queue keys.
MAX_FLOOD_CELLS = 2**31 - 1


#: Entries per chunk of the flood's radix-heap buckets.
_CHUNK = 1024


@njit(cache=True, inline="always")
def _sort_key(bits: np.uint32) -> np.uint32:
    """A float32's bits as an unsigned integer with the same order (IEEE sign-magnitude flipped)."""
    u = np.uint32(bits)
    return ~u if u & np.uint32(0x80000000) else u | np.uint32(0x80000000)


@njit(cache=True, inline="always")
def _bit_length(x: np.uint32) -> int:
    """Number of bits of ``x`` (0 for 0): the bucket of a key differing from the last minimum by ``x``."""
    n = 0
    if x >= np.uint32(1 << 16):
        x >>= np.uint32(16)
        n += 16
    if x >= np.uint32(1 << 8):
        x >>= np.uint32(8)
        n += 8
    if x >= np.uint32(1 << 4):
        x >>= np.uint32(4)
        n += 4
    if x >= np.uint32(1 << 2):
        x >>= np.uint32(2)
        n += 2
    if x >= np.uint32(2):
        x >>= np.uint32(1)
        n += 1
    return n + np.int64(x)


@njit(cache=True)
def _new_chunk(fill: np.ndarray, nxt: np.ndarray, head: np.ndarray, bucket: int, free: int, used: int):
    """Put a fresh chunk at the head of ``bucket``'s chain (a freed one if any); returns it, ``free``, ``used``.

    ``free`` is the first freed chunk (-1: none), ``used`` how many chunks were ever taken. Called
    once per 1024 pushes; the pushes themselves stay inline in the flood loop (as a function call
    they made it ~40 % slower).
    """
    if free >= 0:
        c = free
        free = nxt[c]
    else:
        c = used
        used += 1
    fill[c] = 0
    nxt[c] = head[bucket]
    head[bucket] = c
    return c, free, used


@parallel_kernel
def _pad_and_seed(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The flood's working arrays, framed by one nodata cell (so no bounds checks are needed).

    ``filled`` starts as the DEM; ``d8`` holds 247 at nodata, 0 at seeds (valid cells next to
    nodata or the grid's edge: flow leaves the DEM there) and 255 at cells not reached yet.
    """
    rows, cols = values.shape
    pc = cols + 2
    filled = np.empty((rows + 2) * pc, dtype=np.float32)
    d8 = np.empty((rows + 2) * pc, dtype=np.uint8)
    for r in prange(rows + 2):
        base = r * pc
        if r == 0 or r == rows + 1:
            for c in range(pc):
                filled[base + c] = np.nan
                d8[base + c] = _D8_NODATA
            continue
        filled[base] = np.nan
        d8[base] = _D8_NODATA
        filled[base + pc - 1] = np.nan
        d8[base + pc - 1] = _D8_NODATA
        for c in range(cols):
            v = values[r - 1, c]
            filled[base + 1 + c] = v
            d8[base + 1 + c] = _D8_NODATA if np.isnan(v) else _D8_UNSEEN
    for r in prange(1, rows + 1):
        for c in range(1, cols + 1):
            i = r * pc + c
            if d8[i] == _D8_NODATA:
                continue
            # only nodata is tested here, which no thread writes
            if (
                d8[i - pc - 1] == _D8_NODATA
                or d8[i - pc] == _D8_NODATA
                or d8[i - pc + 1] == _D8_NODATA
                or d8[i - 1] == _D8_NODATA
                or d8[i + 1] == _D8_NODATA
                or d8[i + pc - 1] == _D8_NODATA
                or d8[i + pc] == _D8_NODATA
                or d8[i + pc + 1] == _D8_NODATA
            ):
                d8[i] = 0
    return filled, d8


@parallel_kernel
def _unpad(d8: np.ndarray, filled: np.ndarray, seq: np.ndarray, rows: int, cols: int, keep_filled: bool):
    """Drop the frame: D8 codes (and the filled surface) on the DEM's grid, ``seq`` re-indexed in place."""
    pc = cols + 2
    out = np.empty((rows, cols), dtype=np.uint8)
    out_filled = np.empty((rows, cols) if keep_filled else (0, 0), dtype=np.float32)
    for r in prange(rows):
        base = (r + 1) * pc + 1
        for c in range(cols):
            out[r, c] = d8[base + c]
            if keep_filled:
                out_filled[r, c] = filled[base + c]
    for k in prange(seq.size):
        i = seq[k]
        r = i // pc
        seq[k] = (r - 1) * cols + (i - r * pc - 1)
    return out, out_filled


def _priority_flood(
    values: np.ndarray, dx: float, dy: float, keep_filled: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Fill depressions, give every cell its D8 direction and order the cells, in one pass.

    The fill is the priority flood from the edge of the valid area (Wang & Liu 2006,
    doi:10.1080/13658810500433453) with Barnes et al.'s plain queue for cells that the flood
    raises (Priority-Flood, 2014, doi:10.1016/j.cageo.2013.04.024, Algorithm 2); the filled
    surface is the same as pyflwdir's ``fill_depressions(outlets="edge")`` (tested). When a cell
    leaves the queue, every neighbour that is lower on the filled surface has left it before
    (cells leave in non-decreasing filled elevation), so its D8 direction is decided there:

    * the steepest strictly lower neighbour, by drop over distance (O'Callaghan & Mark 1984);
    * on a flat (no lower neighbour), the neighbour the flood came from, which leads across
      the flat to where it spills.

    Either way a cell drains to one that left the queue earlier, so the order in which cells
    leave it is a down- to upstream order of the network and no flow loop can exist.

    ``values`` is float32 with NaN for nodata. Returns the D8 codes (pyflwdir's convention,
    0 at pits where flow leaves the valid area, 247 at nodata), the valid cells' flat
    indices from the pits upstream (int32) and, if ``keep_filled``, the filled surface
    (else an empty array: the model does not need it).
    """
    rows, cols = values.shape
    filled, d8 = _pad_and_seed(values)
    seq = _flood(filled, d8, rows, cols, dx, dy)
    out, out_filled = _unpad(d8, filled, seq, rows, cols, keep_filled)
    return out, seq, out_filled


@njit(cache=True, nogil=True)
def _flood(filled: np.ndarray, d8: np.ndarray, rows: int, cols: int, dx: float, dy: float) -> np.ndarray:
    """The priority flood over the framed arrays of :func:`_pad_and_seed` (see :func:`_priority_flood`).

    Updates ``filled`` and ``d8`` in place; returns the framed indices of the valid cells in
    the order they left the queue.
    """
    pc = cols + 2
    n = filled.size
    fbits = filled.view(np.uint32)
    seq = np.empty(rows * cols, dtype=np.int32)
    tail = 0
    # Radix heap (Ahuja et al. 1990) on the 32-bit elevation keys: the flood only ever pushes
    # keys at or above the last minimum (a monotone queue), so a key goes to bucket
    # bit_length(key ^ last) and moves down at most 32 times. Buckets are chains of chunks;
    # the chunk pool is sized for every cell but only the chunks in use get touched (memory
    # is committed lazily). Equal elevations pop last-in first-out: deterministic.
    n_chunks = (rows * cols) // _CHUNK + 40
    keys = np.empty((n_chunks, _CHUNK), dtype=np.uint32)
    idxs = np.empty((n_chunks, _CHUNK), dtype=np.int32)
    fill = np.empty(n_chunks, dtype=np.int32)
    nxt = np.empty(n_chunks, dtype=np.int32)
    head = np.full(33, -1, dtype=np.int32)
    free = -1
    used = 0
    last = np.uint32(0)
    queued = 0
    pit = np.empty(1 << 16, dtype=np.int32)
    diag = np.sqrt(dx * dx + dy * dy)
    drs = np.array([-1, -1, -1, 0, 0, 1, 1, 1])
    dcs = np.array([-1, 0, 1, -1, 1, -1, 0, 1])
    off = np.empty(8, dtype=np.int64)
    inv = np.empty(8, dtype=np.float32)
    to_code = np.empty(8, dtype=np.uint8)
    from_code = np.empty(8, dtype=np.uint8)
    for k in range(8):
        off[k] = drs[k] * pc + dcs[k]
        inv[k] = 1.0 / (diag if drs[k] != 0 and dcs[k] != 0 else (dy if drs[k] != 0 else dx))
        to_code[k] = _D8_CODE[drs[k] + 1, dcs[k] + 1]
        from_code[k] = _D8_CODE[1 - drs[k], 1 - dcs[k]]
    for i in range(n):
        if d8[i] == 0:
            key = _sort_key(fbits[i])
            nb = _bit_length(key ^ last)
            h = head[nb]
            if h < 0 or fill[h] == _CHUNK:
                h, free, used = _new_chunk(fill, nxt, head, nb, free, used)
            keys[h, fill[h]] = key
            idxs[h, fill[h]] = i
            fill[h] += 1
            queued += 1
    phead = 0
    ptail = 0
    while True:
        if ptail > phead:  # raised cells first: they sit at the level being flooded
            i = np.int64(pit[phead])
            phead += 1
            if phead == ptail:
                phead = 0
                ptail = 0
        elif queued > 0:
            if head[0] < 0:  # bucket 0 is empty: the smallest key of the first non-empty bucket
                b = 1
                while head[b] < 0:
                    b += 1
                c = head[b]
                m = keys[c, 0]
                while c >= 0:
                    for q in range(fill[c]):
                        m = min(m, keys[c, q])
                    c = nxt[c]
                last = m
                c = head[b]
                head[b] = -1
                while c >= 0:  # redistribute that bucket (into lower ones) and free its chunks
                    for q in range(fill[c]):
                        key = keys[c, q]
                        nb = _bit_length(key ^ last)
                        h = head[nb]
                        if h < 0 or fill[h] == _CHUNK:
                            h, free, used = _new_chunk(fill, nxt, head, nb, free, used)
                        keys[h, fill[h]] = key
                        idxs[h, fill[h]] = idxs[c, q]
                        fill[h] += 1
                    following = nxt[c]
                    nxt[c] = free
                    free = c
                    c = following
            h = head[0]
            fill[h] -= 1
            i = np.int64(idxs[h, fill[h]])
            if fill[h] == 0:
                head[0] = nxt[h]
                nxt[h] = free
                free = h
            queued -= 1
        else:
            break
        seq[tail] = i
        tail += 1
        zc = filled[i]
        best = np.float32(0.0)
        bk = -1
        for k in range(8):
            j = i + off[k]
            s = d8[j]
            if s == _D8_UNSEEN:
                d8[j] = from_code[k]
                if filled[j] <= zc:  # in a depression or on a flat: raise to the flood level
                    filled[j] = zc
                    if ptail == pit.size:
                        grown_p = np.empty(pit.size * 2, dtype=np.int32)
                        grown_p[:ptail] = pit[:ptail]
                        pit = grown_p
                    pit[ptail] = j
                    ptail += 1
                else:
                    key = _sort_key(fbits[j])
                    nb = _bit_length(key ^ last)
                    h = head[nb]
                    if h < 0 or fill[h] == _CHUNK:
                        h, free, used = _new_chunk(fill, nxt, head, nb, free, used)
                    keys[h, fill[h]] = key
                    idxs[h, fill[h]] = j
                    fill[h] += 1
                    queued += 1
            elif s != _D8_NODATA:
                zn = filled[j]
                if zn < zc:
                    g = (zc - zn) * inv[k]
                    if g > best:
                        best = g
                        bk = k
        if bk >= 0:
            d8[i] = to_code[bk]
    return seq[:tail]


@njit(cache=True, nogil=True)
def _downstream(d8: np.ndarray) -> np.ndarray:
    """Flat index of each cell's downstream cell from D8 codes: itself at pits, -1 at nodata."""
    cols = d8.shape[1]
    drow = np.zeros(256, dtype=np.int64)
    dcol = np.zeros(256, dtype=np.int64)
    for r in range(3):
        for c in range(3):
            drow[_D8_CODE[r, c]] = r - 1
            dcol[_D8_CODE[r, c]] = c - 1
    flat = d8.ravel()
    out = np.empty(flat.size, dtype=np.int32)
    for i in range(flat.size):
        code = flat[i]
        if code == _D8_NODATA:
            out[i] = -1
        else:
            j = i + drow[code] * cols + dcol[code]
            out[i] = j if 0 <= j < flat.size else i
    return out


@njit(cache=True, nogil=True)
def _accumulate_cells(seq: np.ndarray, idxs_ds: np.ndarray) -> np.ndarray:
    """Upstream area in cells, the cell itself included (0 at nodata); ``seq`` down- to upstream."""
    upa = np.zeros(idxs_ds.size, dtype=np.int32)
    for k in range(seq.size - 1, -1, -1):
        i = seq[k]
        upa[i] += 1
        d = idxs_ds[i]
        if d != i:
            upa[d] += upa[i]
    return upa


@njit(cache=True, nogil=True)
def _order_down_up(idxs_ds: np.ndarray) -> np.ndarray:
    """Valid cells ordered from the pits upstream (breadth-first over a CSR upstream list).

    Rebuilds the network order of a model loaded from the cache. A valid order for pyflwdir's
    ``idxs_seq`` consumers, in O(n) time with ~3 index arrays of memory
    instead of pyflwdir's (n × 8) upstream matrix (1.6 GB at 25 M cells).
    """
    n = idxs_ds.size
    start = np.zeros(n + 1, dtype=np.int64)
    for i in range(n):
        d = idxs_ds[i]
        if d >= 0 and d != i:
            start[d + 1] += 1
    for i in range(n):
        start[i + 1] += start[i]
    fill = start[:-1].copy()
    children = np.empty(start[n], dtype=idxs_ds.dtype)
    seq = np.empty(n, dtype=idxs_ds.dtype)
    tail = 0
    for i in range(n):
        d = idxs_ds[i]
        if d < 0:
            continue
        if d == i:
            seq[tail] = i
            tail += 1
        else:
            children[fill[d]] = i
            fill[d] += 1
    head = 0
    while head < tail:
        c = seq[head]
        head += 1
        for k in range(start[c], start[c + 1]):
            seq[tail] = children[k]
            tail += 1
    return seq[:tail]


#: Step length factors per D8 code: 1 = dx, 2 = dy, 3 = diagonal, 0 = none (pit / nodata).
_STEP_KIND = np.zeros(256, dtype=np.uint8)
_STEP_KIND[[1, 16]] = 1
_STEP_KIND[[4, 64]] = 2
_STEP_KIND[[2, 8, 32, 128]] = 3


@njit(cache=True, nogil=True)
def _step_lengths(d8: np.ndarray, idxs_ds: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Length of each cell's step downstream (float32); 0 at pits and nodata."""
    flat = d8.ravel()
    out = np.empty(flat.size, dtype=np.float32)
    for i in range(flat.size):
        out[i] = 0.0 if idxs_ds[i] == i else lengths[_STEP_KIND[flat[i]]]
    return out


@njit(cache=True)
def _pits(idxs_ds: np.ndarray) -> np.ndarray:
    n = 0
    for i in range(idxs_ds.size):
        if idxs_ds[i] == i:
            n += 1
    out = np.empty(n, dtype=idxs_ds.dtype)
    k = 0
    for i in range(idxs_ds.size):
        if idxs_ds[i] == i:
            out[k] = i
            k += 1
    return out


@njit(cache=True, nogil=True)
def _upstream_bfs(d8: np.ndarray, outlet: int, size: int, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cells draining to ``outlet`` (outlet first, breadth-first upstream) and their flow distance to it.

    ``size`` is the outlet's upstream cell count, so the arrays are allocated once. Walks only
    the catchment (and the ring of cells around it), not the whole grid.
    """
    rows, cols = d8.shape
    flat = d8.ravel()
    cells = np.empty(size, dtype=np.int64)
    dist = np.empty(size, dtype=np.float64)
    cells[0] = outlet
    dist[0] = 0.0
    head = 0
    tail = 1
    while head < tail:
        i = cells[head]
        di = dist[head]
        head += 1
        r = i // cols
        c = i - r * cols
        for dr in range(-1, 2):
            rr = r + dr
            if rr < 0 or rr >= rows:
                continue
            for dc in range(-1, 2):
                cc = c + dc
                if (dr == 0 and dc == 0) or cc < 0 or cc >= cols:
                    continue
                j = rr * cols + cc
                code = flat[j]
                if code == _D8_CODE[1 - dr, 1 - dc] and tail < size:  # j drains into i
                    cells[tail] = j
                    dist[tail] = di + lengths[_STEP_KIND[code]]
                    tail += 1
    return cells[:tail], dist[:tail]


@dataclass
class FlowModel:
    """A conditioned DEM: D8 directions, upstream area and the network arrays over ``grid``.

    Built by :func:`_priority_flood`: depressions filled from the edge of the valid area, D8
    directions the steepest descent on the filled surface, the flood's directions across
    flats. The network arrays (``idxs_ds``, ``seq``) follow pyflwdir's conventions, so its
    basin, stream-order and path functions run on them.
    """

    grid: Grid
    d8: np.ndarray
    uparea_cells: np.ndarray
    from_cache: bool = False
    _idxs_ds: np.ndarray | None = field(default=None, repr=False)
    _idxs_pit: np.ndarray | None = field(default=None, repr=False)
    _seq: np.ndarray | None = field(default=None, repr=False)
    _step_m: np.ndarray | None = field(default=None, repr=False)
    _dist_m: np.ndarray | None = field(default=None, repr=False)

    @property
    def idxs_ds(self) -> np.ndarray:
        """Flat index of each cell's downstream cell (itself at pits, -1 at nodata), int32."""
        if self._idxs_ds is None:
            self._idxs_ds = _downstream(self.d8)
        return self._idxs_ds

    @property
    def idxs_pit(self) -> np.ndarray:
        """Flat indices of pits: where flow leaves the valid area or ends."""
        if self._idxs_pit is None:
            self._idxs_pit = _pits(self.idxs_ds)
        return self._idxs_pit

    @property
    def seq(self) -> np.ndarray:
        """Valid cells ordered from down- to upstream."""
        if self._seq is None:
            self._seq = _order_down_up(self.idxs_ds)
        return self._seq

    @property
    def uparea_km2(self) -> np.ndarray:
        """Upstream area including the cell itself (km², flat); 0 outside the valid area."""
        return np.maximum(self.uparea_cells, 0).astype(np.float64) * self.grid.cell_area_km2

    @property
    def step_m(self) -> np.ndarray:
        """Length (m) of each cell's step to its downstream neighbour; 0 at pits (flat)."""
        if self._step_m is None:
            self._step_m = _step_lengths(self.d8, self.idxs_ds, self.step_lengths_m())
        return self._step_m

    def step_lengths_m(self) -> np.ndarray:
        """Step length (m) by kind: none, along a row (dx), along a column (dy), diagonal."""
        dx, dy = self.grid.dx_m, self.grid.dy_m
        return np.array([0.0, dx, dy, float(np.hypot(dx, dy))], dtype=np.float32)

    def upstream_cells(self, outlet_idx: int) -> tuple[np.ndarray, np.ndarray]:
        """Flat indices of the cells draining to ``outlet_idx`` (outlet first) and their flow distance to it (m).

        Distances are float64 sums of the float32 step lengths, along the D8 path.
        """
        size = int(self.uparea_cells[outlet_idx])
        return _upstream_bfs(self.d8, int(outlet_idx), max(size, 1), self.step_lengths_m())

    @property
    def distance_to_pit_m(self) -> np.ndarray:
        if self._dist_m is None:
            self._dist_m = _distance_to_pit(self.seq, self.idxs_ds, self.step_m)
        return self._dist_m

    def upstream_neighbours(self, idx: int) -> list[int]:
        """Flat indices of the cells draining directly into ``idx``."""
        rows, cols = self.grid.shape
        r, c = divmod(int(idx), cols)
        out = []
        ds = self.idxs_ds
        for dr, dc in D8_OFFSETS:
            rr, cc = r + dr, c + dc
            if 0 <= rr < rows and 0 <= cc < cols:
                n = rr * cols + cc
                if n != idx and ds[n] == idx:
                    out.append(n)
        return out


def _cache_path(cache_dir: str | os.PathLike[str], grid: Grid) -> Path:
    return Path(cache_dir) / f"dem_{grid.fingerprint()}_v{CACHE_VERSION}.npz"


def _load_cached(path: Path, grid: Grid) -> FlowModel | None:
    try:
        with np.load(path) as data:
            d8, upa = data["d8"], data["uparea_cells"]
    except (OSError, KeyError, ValueError):
        return None
    if d8.shape != grid.shape:
        return None
    os.utime(path)  # least-recently-used eviction below relies on mtime
    return FlowModel(grid, d8, upa, from_cache=True)


#: Cache entries being written in the background, by path (see :func:`_store_cached_async`).
_PENDING_WRITES: dict[Path, threading.Thread] = {}


def _store_cached_async(path: Path, model: FlowModel) -> None:
    """Write the cache entry on a background thread: the caller's next stages need not wait.

    The arrays are not modified after conditioning. The thread is not a daemon, so the
    process (e.g. ``qgis_process``) finishes the write before it exits.
    """
    thread = threading.Thread(target=_store_cached, args=(path, model), name="sbplanner-dem-cache")
    _PENDING_WRITES[path] = thread
    thread.start()


def _wait_for_pending_write(path: Path) -> None:
    thread = _PENDING_WRITES.pop(path, None)
    if thread is not None:
        thread.join()


def _store_cached(path: Path, model: FlowModel) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".npz.part")
        with os.fdopen(fd, "wb") as fh:
            np.savez(fh, d8=model.d8, uparea_cells=model.uparea_cells)
        os.replace(tmp, path)  # atomic: a crash never leaves a half-written cache entry
        entries = sorted(path.parent.glob("dem_*.npz"), key=lambda p: p.stat().st_mtime)
        for old in entries[:-CACHE_MAX_ENTRIES]:
            old.unlink(missing_ok=True)
    except OSError as exc:  # a cache is an optimisation: never fail the run for it
        LOGGER.warning("Could not write the DEM conditioning cache %s: %s", path, exc)


def condition_dem(
    grid: Grid, cache_dir: str | os.PathLike[str] | None = None, progress: Progress | None = None
) -> FlowModel:
    """Fill depressions, derive D8 directions and upstream area; reuse a cached result.

    The cache key is the content hash of the DEM values and georeference, so moving an
    outlet, changing a threshold or re-running on the same DEM skips the conditioning.
    """
    progress = progress or _no_progress
    grid.validate()
    path = _cache_path(cache_dir, grid) if cache_dir else None
    if path is not None:
        _wait_for_pending_write(path)
    if path is not None and path.exists():
        model = _load_cached(path, grid)
        if model is not None:
            LOGGER.info("DEM conditioning loaded from cache %s", path.name)
            return model
    t0 = time.perf_counter()
    if progress(0.0, QT_TRANSLATE_NOOP("SbPlannerStages", "filling depressions")):
        raise CancelledError()
    rows, cols = grid.shape
    if (rows + 2) * (cols + 2) > MAX_FLOOD_CELLS:
        raise DemTooLargeError(rows=rows, cols=cols, cells=MAX_FLOOD_CELLS)
    values = np.ascontiguousarray(grid.values, dtype=np.float32)
    d8, seq, _ = _priority_flood(values, grid.dx_m, grid.dy_m, False)
    del values
    model = FlowModel(grid, d8, np.empty(0, dtype=np.int32), _seq=seq)
    if progress(0.6, QT_TRANSLATE_NOOP("SbPlannerStages", "flow accumulation")):
        raise CancelledError()
    model.uparea_cells = _accumulate_cells(seq, model.idxs_ds)
    LOGGER.info("DEM conditioned in %.1f s (%d × %d cells)", time.perf_counter() - t0, *grid.shape)
    if path is not None:
        _store_cached_async(path, model)
    return model


@dataclass
class SnappedOutlets:
    """Outlets moved to the highest-accumulation cell within the snap distance."""

    row: np.ndarray
    col: np.ndarray
    idx: np.ndarray
    x: np.ndarray
    y: np.ndarray
    orig_x: np.ndarray
    orig_y: np.ndarray
    distance_m: np.ndarray
    uparea_km2: np.ndarray


def snap_outlets(
    model: FlowModel, x: np.ndarray, y: np.ndarray, snap_distance_m: float | None = None
) -> SnappedOutlets:
    """Snap each outlet to the cell of largest upstream area within ``snap_distance_m``.

    Published outlet points usually sit a few metres off the D8 channel (Youwuzhen's is
    ~7 m off at 10 m resolution); without snapping their catchment is a handful of cells.
    This is TauDEM's *MoveOutletsToStreams* idea without needing a stream raster: among
    the valid cells whose centres lie within the distance, take the largest upstream area,
    ties broken by the shorter distance. ``None`` or ``0`` means three cells.
    """
    grid = model.grid
    x = np.atleast_1d(np.asarray(x, dtype=float))
    y = np.atleast_1d(np.asarray(y, dtype=float))
    if x.size == 0:
        raise EmptyOutletsError()
    if snap_distance_m is None or snap_distance_m <= 0:
        snap_distance_m = 3 * grid.cell_size_m
    if not np.isfinite(snap_distance_m):
        raise InvalidParameterError(
            name="SNAP_DISTANCE_M", value=snap_distance_m, reason=QT_TRANSLATE_NOOP("SbPlannerErrors", "not finite")
        )
    rows, cols = grid.shape
    upa = model.uparea_cells.reshape(grid.shape)
    valid = grid.valid
    rad_r = int(np.ceil(snap_distance_m / grid.dy_m)) + 1
    rad_c = int(np.ceil(snap_distance_m / grid.dx_m)) + 1
    out = {k: np.zeros(x.size, dtype=np.int64) for k in ("row", "col")}
    dist = np.zeros(x.size)
    for i, (px, py) in enumerate(zip(x, y)):
        r0, c0 = (int(v[0]) for v in grid.rowcol(np.array([px]), np.array([py])))
        r_lo, r_hi = max(r0 - rad_r, 0), min(r0 + rad_r + 1, rows)
        c_lo, c_hi = max(c0 - rad_c, 0), min(c0 + rad_c + 1, cols)
        best = None
        if r_lo < r_hi and c_lo < c_hi:
            rr, cc = np.mgrid[r_lo:r_hi, c_lo:c_hi]
            cx, cy = grid.xy(rr, cc)
            d = np.hypot(cx - px, cy - py)
            ok = (d <= snap_distance_m + 1e-9) & valid[r_lo:r_hi, c_lo:c_hi]
            # the cell holding the point counts even when its centre is farther than a tiny snap distance
            if 0 <= r0 < rows and 0 <= c0 < cols and valid[r0, c0]:
                ok[r0 - r_lo, c0 - c_lo] = True
            if ok.any():
                score = np.where(ok, upa[r_lo:r_hi, c_lo:c_hi], -1).astype(float)
                cand = np.flatnonzero(score == score.max())
                k = cand[np.argmin(d.ravel()[cand])]
                best = (rr.ravel()[k], cc.ravel()[k], d.ravel()[k])
        if best is None:
            raise OutletOutsideDemError(outlet=i + 1, x=px, y=py)
        out["row"][i], out["col"][i], dist[i] = best
    sx, sy = grid.xy(out["row"], out["col"])
    idx = out["row"] * cols + out["col"]
    return SnappedOutlets(
        row=out["row"],
        col=out["col"],
        idx=idx,
        x=sx,
        y=sy,
        orig_x=x,
        orig_y=y,
        distance_m=dist,
        uparea_km2=model.uparea_cells[idx].astype(np.float64) * grid.cell_area_km2,
    )


def catchment_labels(model: FlowModel, outlet_idxs: np.ndarray) -> np.ndarray:
    """Label every cell with the first outlet (1-based position) it drains to; 0 elsewhere.

    Nested outlets split the catchment of the downstream one (subcatchments). For the
    full upstream catchment of each outlet, call this with one outlet at a time.
    """
    idxs = np.asarray(outlet_idxs, dtype=model.idxs_ds.dtype)
    labels = _basins.basins(model.idxs_ds, idxs, model.seq)
    return labels.astype(np.int32)


def stream_mask(model: FlowModel, threshold_km2: float, domain: np.ndarray | None = None) -> np.ndarray:
    """Channel cells (flat bool): upstream area ≥ ``threshold_km2``, inside ``domain`` if given."""
    if not threshold_km2 > 0:
        raise InvalidParameterError(
            name="STREAM_THRESHOLD_KM2", value=threshold_km2, reason=QT_TRANSLATE_NOOP("SbPlannerErrors", "must be > 0")
        )
    # compare cell counts (int) rather than building a float km² grid: same test, less memory
    cells = max(int(np.ceil(threshold_km2 / model.grid.cell_area_km2 - 1e-9)), 1)
    mask = model.uparea_cells >= cells
    if domain is not None:
        mask &= domain.ravel()
    return mask


@dataclass
class Segment:
    """A channel reach between confluences (or unit boundaries), upstream → downstream."""

    idxs: np.ndarray  # cells of the reach, plus the downstream junction cell if it is a channel cell
    length_m: float
    strahler: int
    label: int


def stream_segments(
    model: FlowModel, streams: np.ndarray, labels: np.ndarray | None = None, seq: np.ndarray | None = None
) -> list[Segment]:
    """Split the channel network into reaches at confluences and where ``labels`` change.

    Lengths follow the D8 path between cell centres: a channel cell carries the length of its
    step to the next channel cell, so the reaches of a unit add up to its channel length.
    ``seq``: the channel cells (or any superset) ordered down- to upstream, for the Strahler
    order; by default the whole network's order (a pass over every cell of the DEM).
    """
    ds = model.idxs_ds
    n = ds.size
    s_idx = np.flatnonzero(streams)
    s_ds = ds[s_idx]
    into = (s_ds != s_idx) & (s_ds >= 0)
    into[into] = streams[s_ds[into]]  # channel cells draining into another channel cell
    nup = np.zeros(n, dtype=np.uint8)
    np.add.at(nup, s_ds[into], 1)
    starts = np.zeros(n, dtype=bool)
    starts[s_idx] = nup[s_idx] != 1
    flat_labels = None if labels is None else labels.ravel()
    if flat_labels is not None:
        change = into & (flat_labels[s_idx] != flat_labels[np.where(into, s_ds, s_idx)])
        starts[s_ds[change]] = True
    del nup
    strord = _streams.strahler_order(ds, model.seq if seq is None else seq, mask=streams)
    step = model.step_m
    segments = []
    for s in np.flatnonzero(starts):
        cells = [s]
        cur = s
        while True:
            nxt = ds[cur]
            if nxt == cur or nxt < 0 or not streams[nxt]:
                break
            cells.append(nxt)
            if starts[nxt]:
                break  # the junction vertex keeps the network connected; it belongs downstream
            cur = nxt
        arr = np.asarray(cells, dtype=np.int64)
        own = arr[:-1] if arr.size > 1 and starts[arr[-1]] else arr
        last_ds = ds[own[-1]]
        length = float(step[own].sum(dtype=np.float64))
        if last_ds == own[-1] or last_ds < 0 or not streams[last_ds]:
            length -= float(step[own[-1]])  # the reach ends here: no step out of the network
        label = 0 if flat_labels is None else int(flat_labels[s])
        segments.append(Segment(arr, length, int(strord[own[-1]]), label))
    return segments


def main_channel(
    model: FlowModel, outlet_idx: int, streams: np.ndarray, labels: np.ndarray | None = None
) -> np.ndarray:
    """Cells of the main channel from its head down to ``outlet_idx`` (inclusive).

    Walks upstream from the outlet along the channel cell of largest upstream area
    (ties: the first in D8 order), staying in the outlet's unit when ``labels`` is given.
    """
    flat = None if labels is None else labels.ravel()
    own = None if flat is None else flat[outlet_idx]
    path = [int(outlet_idx)]
    upa = model.uparea_cells
    cur = int(outlet_idx)
    if not streams[cur]:
        return np.asarray(path, dtype=np.int64)
    while True:
        ups = [u for u in model.upstream_neighbours(cur) if streams[u] and (own is None or flat[u] == own)]
        if not ups:
            break
        cur = max(ups, key=lambda u: upa[u])
        path.append(cur)
    return np.asarray(path[::-1], dtype=np.int64)
