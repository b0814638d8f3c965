"""The numba kernels of the D8 flow model: priority flood, D8 directions, accumulation, ordering.

The conditioning is one pass of :func:`priority_flood` (fill + D8 + network order), then
:func:`accumulate_cells`; the other kernels derive and walk the network arrays of a
:class:`~sbplanner_plugin.core.hydrology.FlowModel`. Everything works on flat (row-major) cell
indices and pyflwdir's D8 codes, so pyflwdir's basin, stream-order and path functions run on the
arrays. Pure numpy/numba: no I/O (the conditioning cache is ``adapters.flow_cache``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import numpy as np
from numba import njit, prange

from sbplanner_plugin.core.errors import CancelledError
from sbplanner_plugin.core.jit import parallel_kernel

#: pyflwdir's D8 codes (ESRI convention): code of the direction (drow+1, dcol+1) to the downstream cell.
D8_CODE = np.array([[32, 64, 128], [16, 0, 1], [8, 4, 2]], dtype=np.uint8)
#: pyflwdir's code for nodata cells.
D8_NODATA = np.uint8(247)
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
                d8[base + c] = D8_NODATA
            continue
        filled[base] = np.nan
        d8[base] = D8_NODATA
        filled[base + pc - 1] = np.nan
        d8[base + pc - 1] = D8_NODATA
        for c in range(cols):
            v = values[r - 1, c]
            if v == 0.0:
                v = np.float32(0.0)  # -0.0 equals 0.0 but its queue key is lower: one level, one key
            filled[base + 1 + c] = v
            d8[base + 1 + c] = D8_NODATA if np.isnan(v) else _D8_UNSEEN
    for r in prange(1, rows + 1):
        for c in range(1, cols + 1):
            i = r * pc + c
            if d8[i] == D8_NODATA:
                continue
            # only nodata is tested here, which no thread writes
            if (
                d8[i - pc - 1] == D8_NODATA
                or d8[i - pc] == D8_NODATA
                or d8[i - pc + 1] == D8_NODATA
                or d8[i - 1] == D8_NODATA
                or d8[i + 1] == D8_NODATA
                or d8[i + pc - 1] == D8_NODATA
                or d8[i + pc] == D8_NODATA
                or d8[i + pc + 1] == D8_NODATA
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


#: The flood publishes how many cells left its queue, and looks for a cancel request, every this many cells.
FLOOD_REPORT_CELLS = 1 << 16
#: How often (seconds) :func:`priority_flood` reports the flood's progress and passes on a cancel request.
FLOOD_POLL_S = 0.1


def priority_flood(
    values: np.ndarray,
    dx: float,
    dy: float,
    keep_filled: bool,
    progress: Callable[[float], bool] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Fill depressions, give every cell its D8 direction and order the cells, in one pass.

    The fill is the priority flood from the edge of the valid area (Wang & Liu 2006,
    doi:10.1080/13658810500433453) with Barnes et al.'s plain queue for cells that the flood
    raises (Priority-Flood, 2014, doi:10.1016/j.cageo.2013.04.024, Algorithm 2); the filled
    surface is the same as pyflwdir's ``fill_depressions(outlets="edge")`` (tested). When a cell
    leaves the queue, every neighbour that is lower on the filled surface has left it before
    (cells leave in non-decreasing filled elevation), so its D8 direction is decided there:

    * the steepest strictly lower neighbour, by drop over distance (O'Callaghan & Mark 1984);
    * on a flat (no lower neighbour, not at the edge), the first neighbour (in the order NW, N,
      NE, W, E, SW, S, SE) on the same flat that is one step closer, in D8 steps across the flat,
      to the flat's nearest outlet (a cell of its level that has a lower neighbour or is at the
      edge). The flood releases all of a level's outlets before it crosses the level's flats, so
      its plain queue is a breadth-first search from all of them at once; each cell keeps its
      distance modulo 3 (neighbours on a flat differ by at most one step), which is all the
      rule needs. The rule depends on the filled surface alone, not on the order in which the
      queue released cells of equal elevation, so the tiled path (``core.tiled``) reproduces
      it exactly (issue 16).

    Either way a cell drains to one that left the queue earlier, so the order in which cells
    leave it is a down- to upstream order of the network and no flow loop can exist.

    ``values`` is float32 with NaN for nodata. Returns the D8 codes (pyflwdir's convention,
    0 at pits where flow leaves the valid area, 247 at nodata), the valid cells' flat
    indices from the pits upstream (int32) and, if ``keep_filled``, the filled surface
    (else an empty array: the model does not need it).

    With ``progress`` (fraction of the valid cells flooded → True to cancel), the flood runs on a worker thread
    (the kernel releases the GIL) while this thread reports its progress every :data:`FLOOD_POLL_S` s; a cancel
    request reaches the kernel through a shared flag it reads every :data:`FLOOD_REPORT_CELLS` cells, so the
    flood stops within a fraction of a second and :class:`~sbplanner_plugin.core.errors.CancelledError` is
    raised (issue 14: cancel stops every stage within 1 s).
    """
    rows, cols = values.shape
    filled, d8 = _pad_and_seed(values)
    control = np.zeros(2, dtype=np.int64)  # [0] cancel request, [1] cells flooded so far
    if progress is None:
        seq = _flood(filled, d8, rows, cols, dx, dy, control)
    else:
        seq = _flood_watched(
            filled, d8, rows, cols, dx, dy, control, progress, int(np.count_nonzero(~np.isnan(values)))
        )
    out, out_filled = _unpad(d8, filled, seq, rows, cols, keep_filled)
    return out, seq, out_filled


def _flood_watched(filled, d8, rows, cols, dx, dy, control, progress, valid_cells: int) -> np.ndarray:
    """:func:`_flood` on a worker thread, its progress reported and a cancel request passed on from here."""
    result: dict = {}

    def work() -> None:
        try:
            result["seq"] = _flood(filled, d8, rows, cols, dx, dy, control)
        except BaseException as exc:  # re-raised on the calling thread
            result["error"] = exc

    worker = threading.Thread(target=work, name="sbplanner-flood", daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(FLOOD_POLL_S)
        if worker.is_alive() and control[0] == 0 and progress(min(float(control[1]) / max(valid_cells, 1), 1.0)):
            control[0] = 1
    if "error" in result:
        raise result["error"]
    if control[0]:
        raise CancelledError()
    return result["seq"]


@njit(cache=True, nogil=True)
def _flood(
    filled: np.ndarray, d8: np.ndarray, rows: int, cols: int, dx: float, dy: float, control: np.ndarray
) -> np.ndarray:
    """The priority flood over the framed arrays of :func:`_pad_and_seed` (see :func:`priority_flood`).

    Updates ``filled`` and ``d8`` in place; returns the framed indices of the valid cells in
    the order they left the queue. Every :data:`FLOOD_REPORT_CELLS` cells it writes the count into
    ``control[1]`` and stops (returning what it ordered so far) when ``control[0]`` is set.
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
    # distance modulo 3 across a flat to its nearest outlet (0 at cells that left the priority queue)
    layer = np.zeros(n, dtype=np.uint8)
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
        to_code[k] = D8_CODE[drs[k] + 1, dcs[k] + 1]
        from_code[k] = D8_CODE[1 - drs[k], 1 - dcs[k]]
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
        # raised / flat cells first (they sit at the level being flooded), but only once every queued cell of
        # that level (bucket 0 holds the keys equal to the last minimum) has left: those are the level's
        # outlets, and the plain queue then runs breadth-first from all of them at once
        on_flat = ptail > phead and head[0] < 0
        if on_flat:
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
            layer[i] = 0
        else:
            break
        seq[tail] = i
        tail += 1
        if tail % FLOOD_REPORT_CELLS == 0:
            control[1] = tail
            if control[0] != 0:
                return seq[:tail]
        zc = filled[i]
        best = np.float32(0.0)
        bk = -1
        li = layer[i]
        farther = li + 1 if li < 2 else 0
        closer = li + 2 if li < 1 else li - 1
        fk = -1
        for k in range(8):
            j = i + off[k]
            s = d8[j]
            if s == _D8_UNSEEN:
                d8[j] = from_code[k]
                if filled[j] <= zc:  # in a depression or on a flat: raise to the flood level
                    filled[j] = zc
                    layer[j] = farther
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
            elif s != D8_NODATA:
                zn = filled[j]
                if zn < zc:
                    g = (zc - zn) * inv[k]
                    if g > best:
                        best = g
                        bk = k
                elif on_flat and fk < 0 and zn == zc and layer[j] == closer:
                    fk = k
        if bk >= 0:
            d8[i] = to_code[bk]
        elif fk >= 0:
            d8[i] = to_code[fk]
    return seq[:tail]


@njit(cache=True, nogil=True)
def downstream_indices(d8: np.ndarray) -> np.ndarray:
    """Flat index of each cell's downstream cell from D8 codes: itself at pits, -1 at nodata."""
    cols = d8.shape[1]
    drow = np.zeros(256, dtype=np.int64)
    dcol = np.zeros(256, dtype=np.int64)
    for r in range(3):
        for c in range(3):
            drow[D8_CODE[r, c]] = r - 1
            dcol[D8_CODE[r, c]] = c - 1
    flat = d8.ravel()
    out = np.empty(flat.size, dtype=np.int32)
    for i in range(flat.size):
        code = flat[i]
        if code == D8_NODATA:
            out[i] = -1
        else:
            j = i + drow[code] * cols + dcol[code]
            out[i] = j if 0 <= j < flat.size else i
    return out


@njit(cache=True, nogil=True)
def accumulate_cells(seq: np.ndarray, idxs_ds: np.ndarray) -> np.ndarray:
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
def order_down_up(idxs_ds: np.ndarray) -> np.ndarray:
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
def step_lengths(d8: np.ndarray, idxs_ds: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Length of each cell's step downstream (float32); 0 at pits and nodata."""
    flat = d8.ravel()
    out = np.empty(flat.size, dtype=np.float32)
    for i in range(flat.size):
        out[i] = 0.0 if idxs_ds[i] == i else lengths[_STEP_KIND[flat[i]]]
    return out


@njit(cache=True)
def pits(idxs_ds: np.ndarray) -> np.ndarray:
    """Flat indices of the pits (cells that drain to themselves), ascending."""
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
def upstream_bfs(d8: np.ndarray, outlet: int, size: int, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
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
                if code == D8_CODE[1 - dr, 1 - dc] and tail < size:  # j drains into i
                    cells[tail] = j
                    dist[tail] = di + lengths[_STEP_KIND[code]]
                    tail += 1
    return cells[:tail], dist[:tail]


@njit(cache=True)
def distance_to_pit(seq: np.ndarray, idxs_ds: np.ndarray, step_m: np.ndarray) -> np.ndarray:
    """Flow-path distance (m) from every cell down to its pit (seq is ordered down- to upstream)."""
    dist = np.zeros(idxs_ds.size, dtype=np.float64)
    for idx in seq:
        ds = idxs_ds[idx]
        if ds != idx:
            dist[idx] = dist[ds] + step_m[idx]
    return dist
