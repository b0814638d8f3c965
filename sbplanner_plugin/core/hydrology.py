"""The D8 flow model of a DEM and the network utilities on it: outlet snapping, catchments, streams.

:func:`condition` builds a :class:`FlowModel` (fill + D8 + accumulation, the numba kernels of
:mod:`sbplanner_plugin.core.flood`); pure, no cache and no files — the cached entry point is
``sbplanner_plugin.adapters.flow_cache.condition_dem``. Everything here works on flat
(row-major) cell indices, the convention of pyflwdir, whose basin and stream-order functions
run on the model's network arrays.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Optional

import numpy as np

from sbplanner_plugin.core.errors import (
    QT_TRANSLATE_NOOP,
    CancelledError,
    DemTooLargeError,
    EmptyOutletsError,
    InvalidParameterError,
    OutletOutsideDemError,
)
from sbplanner_plugin.core.flood import (
    MAX_FLOOD_CELLS,
    accumulate_cells,
    distance_to_pit,
    downstream_indices,
    order_down_up,
    pits,
    priority_flood,
    step_lengths,
    upstream_bfs,
)
from sbplanner_plugin.core.grid import D8_OFFSETS, Grid
from sbplanner_plugin.core.label_kernels import (
    chunks,
    fill_upstream_chunk,
    main_channel_walk,
    segment_starts,
    segment_walks,
)

LOGGER = logging.getLogger(__name__)

#: Progress callback: fraction 0-1 and a short English stage name; returns True to cancel.
Progress = Callable[[float, str], bool]


def _no_progress(fraction: float, stage: str) -> bool:
    return False


@dataclass
class FlowModel:
    """A conditioned DEM: D8 directions, upstream area and the network arrays over ``grid``.

    Built by :func:`condition` (one pass of :func:`~sbplanner_plugin.core.flood.priority_flood`) or
    from a cached entry by ``adapters.flow_cache``: depressions filled from the edge of the valid
    area, D8 directions the steepest descent on the filled surface, the flood's directions across
    flats. The network arrays (``idxs_ds``, ``seq``) follow pyflwdir's conventions, so its
    basin, stream-order and path functions run on them. ``from_cache`` tells which.
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
            self._idxs_ds = downstream_indices(self.d8)
        return self._idxs_ds

    @property
    def idxs_pit(self) -> np.ndarray:
        """Flat indices of pits: where flow leaves the valid area or ends."""
        if self._idxs_pit is None:
            self._idxs_pit = pits(self.idxs_ds)
        return self._idxs_pit

    @property
    def seq(self) -> np.ndarray:
        """Valid cells ordered from down- to upstream."""
        if self._seq is None:
            self._seq = order_down_up(self.idxs_ds)
        return self._seq

    @property
    def uparea_km2(self) -> np.ndarray:
        """Upstream area including the cell itself (km², flat); 0 outside the valid area."""
        return np.maximum(self.uparea_cells, 0).astype(np.float64) * self.grid.cell_area_km2

    @property
    def step_m(self) -> np.ndarray:
        """Length (m) of each cell's step to its downstream neighbour; 0 at pits (flat)."""
        if self._step_m is None:
            self._step_m = step_lengths(self.d8, self.idxs_ds, self.step_lengths_m())
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
        return upstream_bfs(self.d8, int(outlet_idx), max(size, 1), self.step_lengths_m())

    @property
    def distance_to_pit_m(self) -> np.ndarray:
        if self._dist_m is None:
            self._dist_m = distance_to_pit(self.seq, self.idxs_ds, self.step_m)
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


def condition(grid: Grid, progress: Progress | None = None) -> FlowModel:
    """Fill depressions, derive D8 directions and upstream area (one priority-flood pass, no cache).

    ``progress`` is called at the stages ("filling depressions", "flow accumulation"); when it
    returns True the conditioning stops with :class:`~sbplanner_plugin.core.errors.CancelledError`.
    """
    progress = progress or _no_progress
    grid.validate()
    t0 = time.perf_counter()
    if progress(0.0, QT_TRANSLATE_NOOP("SbPlannerStages", "filling depressions")):
        raise CancelledError()
    rows, cols = grid.shape
    if (rows + 2) * (cols + 2) > MAX_FLOOD_CELLS:
        raise DemTooLargeError(rows=rows, cols=cols, cells=MAX_FLOOD_CELLS)
    values = np.ascontiguousarray(grid.values, dtype=np.float32)
    d8, seq, _ = priority_flood(
        values,
        grid.dx_m,
        grid.dy_m,
        False,
        progress=lambda f: progress(0.6 * f, QT_TRANSLATE_NOOP("SbPlannerStages", "filling depressions")),
    )
    del values
    model = FlowModel(grid, d8, np.empty(0, dtype=np.int32), _seq=seq)
    if progress(0.6, QT_TRANSLATE_NOOP("SbPlannerStages", "flow accumulation")):
        raise CancelledError()
    model.uparea_cells = accumulate_cells(seq, model.idxs_ds)
    LOGGER.info("DEM conditioned in %.1f s (%d × %d cells)", time.perf_counter() - t0, *grid.shape)
    return model


#: What builds the flow model in the core's orchestration functions (``conditioner=`` of
#: ``delineation.delineate`` and ``division.divide``): :func:`condition` by default, or a cached
#: one from the adapters (``adapters.flow_cache.cached_conditioner``).
Conditioner = Callable[[Grid, Optional[Progress]], FlowModel]


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
    model: FlowModel,
    x: np.ndarray,
    y: np.ndarray,
    snap_distance_m: float | None = None,
    fixed: np.ndarray | None = None,
) -> SnappedOutlets:
    """Snap each outlet to the cell of largest upstream area within ``snap_distance_m``.

    Published outlet points usually sit a few metres off the D8 channel (Youwuzhen's is
    ~7 m off at 10 m resolution); without snapping their catchment is a handful of cells.
    This is TauDEM's *MoveOutletsToStreams* idea without needing a stream raster: among
    the valid cells whose centres lie within the distance, take the largest upstream area,
    ties broken by the shorter distance. ``None`` or ``0`` means three cells. ``fixed`` (bool per
    outlet): those outlets are not snapped, they stay in the cell holding them (an outlet the
    engineer placed by hand, e.g. dragged onto the dam axis in the dock).
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
    fixed = np.zeros(x.size, dtype=bool) if fixed is None else np.asarray(fixed, dtype=bool)
    for i, (px, py) in enumerate(zip(x, y)):
        r0, c0 = (int(v[0]) for v in grid.rowcol(np.array([px]), np.array([py])))
        r_lo, r_hi = max(r0 - rad_r, 0), min(r0 + rad_r + 1, rows)
        c_lo, c_hi = max(c0 - rad_c, 0), min(c0 + rad_c + 1, cols)
        best = None
        if r_lo < r_hi and c_lo < c_hi:
            rr, cc = np.mgrid[r_lo:r_hi, c_lo:c_hi]
            cx, cy = grid.xy(rr, cc)
            d = np.hypot(cx - px, cy - py)
            ok = (d <= snap_distance_m + 1e-9) & valid[r_lo:r_hi, c_lo:c_hi] & (not fixed[i])
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


def catchment_labels(
    model: FlowModel, outlet_idxs: np.ndarray, progress: Callable[[float], None] | None = None
) -> np.ndarray:
    """Label every cell with the first outlet (1-based position) it drains to; 0 elsewhere.

    Nested outlets split the catchment of the downstream one (subcatchments). For the
    full upstream catchment of each outlet, call this with one outlet at a time.
    One pass up the network order in chunks
    (:func:`~sbplanner_plugin.core.label_kernels.fill_upstream_chunk`, pyflwdir's ``basins``);
    ``progress(fraction)`` is called between the chunks (it may raise to stop).
    """
    idxs = np.asarray(outlet_idxs, dtype=np.int64)
    labels = np.zeros(model.idxs_ds.size, dtype=np.int32)
    labels[idxs] = np.arange(1, idxs.size + 1, dtype=np.int32)
    seq, ds = model.seq, model.idxs_ds
    for lo, hi in chunks(seq.size):
        fill_upstream_chunk(seq, ds, labels, lo, hi)
        if progress is not None:
            progress(hi / seq.size)
    return labels


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
    model: FlowModel,
    streams: np.ndarray,
    labels: np.ndarray | None = None,
    seq: np.ndarray | None = None,
    progress: Callable[[float], None] | None = None,
) -> list[Segment]:
    """Split the channel network into reaches at confluences and where ``labels`` change.

    Lengths follow the D8 path between cell centres: a channel cell carries the length of its
    step to the next channel cell, so the reaches of a unit add up to its channel length.
    ``seq``: the channel cells (or any superset) ordered down- to upstream, for the Strahler
    order; by default the whole network's order (a pass over every cell of the DEM).
    ``progress(fraction)`` is called between the passes and every 4096 reaches (it may raise to
    stop). Reach starts and the walks down the reaches are numba passes
    (:func:`~sbplanner_plugin.core.label_kernels.segment_starts`, ``segment_walks``).
    """
    ds = model.idxs_ds
    flat_labels = None if labels is None else labels.ravel()
    starts = segment_starts(
        streams, ds, np.zeros(1, dtype=np.int32) if flat_labels is None else flat_labels, flat_labels is not None
    )
    if progress is not None:
        progress(0.1)
    # imported here, not at module load: analyse_parcels imports this module but never orders streams,
    # and pyflwdir costs ~0.4 s of every qgis_process start (issue 14)
    from pyflwdir import streams as _streams

    strord = _streams.strahler_order(ds, model.seq if seq is None else seq, mask=streams)
    if progress is not None:
        progress(0.4)
    step = model.step_m
    heads = np.flatnonzero(starts)
    cells, offsets = segment_walks(streams, ds, starts, heads)
    if progress is not None:
        progress(0.5)
    segments = []
    for h, s in enumerate(heads.tolist()):
        if progress is not None and h % 4096 == 0:
            progress(0.5 + 0.5 * h / heads.size)
        arr = cells[offsets[h] : offsets[h + 1]]
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
    (ties: the first in D8 order), staying in the outlet's unit when ``labels`` is given
    (one numba walk, :func:`~sbplanner_plugin.core.label_kernels.main_channel_walk`).
    """
    if not streams[int(outlet_idx)]:
        return np.asarray([int(outlet_idx)], dtype=np.int64)
    flat = np.zeros(1, dtype=np.int32) if labels is None else labels.ravel()
    own = -1 if labels is None else int(flat[outlet_idx])
    rows, cols = model.grid.shape
    path = main_channel_walk(model.idxs_ds, model.uparea_cells, streams, flat, own, int(outlet_idx), rows, cols)
    return path[::-1].copy()
