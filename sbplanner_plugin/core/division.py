"""Division of an area into small watersheds (小流域划分) with topology, after SL 653-2013.

SL 653-2013 小流域划分及编码规范 defines a small watershed as a closed natural catchment,
normally ≤ 50 km², built from micro-watersheds (微流域), with upstream/downstream topology,
and split into sub-units (亚单元) where it crosses an administrative (county) boundary.
The clause-level division procedure was not available to us (domain reference §1.1,
[UNVERIFIED]); the procedure below is the generally applied one:

1. micro-watersheds = the local catchment of every channel reach (at the stream threshold)
   and of every other outlet at the edge of the area;
2. aggregate micro-watersheds from upstream to downstream into units of at most
   ``max_area_km2``: when the next reach would push a unit over the limit, the largest
   tributary units are closed as small watersheds of their own (source catchments), and the
   remaining area downstream forms inter-basins (区间);
3. merge residual units smaller than ``min_area_km2`` into the downstream unit, else into
   the neighbour sharing the longest boundary, never exceeding ``max_area_km2``;
4. split units by the administrative raster into sub-units (亚单元);
5. every unit knows its downstream unit.

:func:`divide` runs these steps on rasters; :func:`divide_watersheds` is the whole
``sbplanner:divide_small_watersheds`` run on the boundary and administrative layers as the
adapters burn them (official parent codes, admin names, the rows of the stream layer).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sbplanner_plugin.core.definitions import code_text
from sbplanner_plugin.core.delineation import CODE_FIELDS, code_field, segment_lines
from sbplanner_plugin.core.errors import (
    QT_TRANSLATE_NOOP,
    CancelledError,
    EmptyBoundaryError,
    InvalidParameterError,
    SbPlannerError,
)
from sbplanner_plugin.core.grid import Grid, horn_slope_deg
from sbplanner_plugin.core.hydrology import (
    Conditioner,
    FlowModel,
    Progress,
    Segment,
    catchment_labels,
    condition,
    stream_mask,
    stream_segments,
)
from sbplanner_plugin.core.label_kernels import (
    chunks,
    edge_count_chunk,
    edge_keys_chunk,
    outlets_chunk,
    reach_ends,
)
from sbplanner_plugin.core.morphometry import unit_attributes

LOGGER = logging.getLogger(__name__)

#: Admin pieces smaller than this share of their unit are rasterisation slivers along a
#: boundary that follows the divide; they go to the unit's dominant admin area.
SLIVER_SHARE = 0.01

#: Small units merged between two progress calls of the merging stage.
MERGE_CHUNK_UNITS = 256
#: Micro units aggregated between two progress calls of the aggregating stage.
AGGREGATE_CHUNK_UNITS = 8192


@dataclass
class DivisionResult:
    model: FlowModel
    labels: np.ndarray  # 2-D int32 unit id, 0 outside
    table: pd.DataFrame  # index unit id; ws_code, downstream_code, unit_type, admin, outlet_idx + morphometry
    segments: list[Segment]


def _find(parent: np.ndarray, k: int) -> int:
    root = k
    while parent[root] != root:
        root = parent[root]
    while parent[k] != root:  # path compression
        parent[k], k = root, parent[k]
    return root


def _aggregate(area: np.ndarray, down: np.ndarray, upa: np.ndarray, max_area: float, tick=None) -> np.ndarray:
    """Greedy upstream→downstream aggregation of micro units; returns the group root per unit.

    ``area``, ``down`` (0 = drains out of the area) and ``upa`` are indexed by micro id
    (index 0 unused). A unit's group is closed when adding it downstream would exceed
    ``max_area``: the largest open tributary groups are closed first. ``tick(fraction)`` is
    called every :data:`AGGREGATE_CHUNK_UNITS` micro units (it raises to cancel).
    """
    n = area.size
    parent = np.arange(n)
    group_area = area.astype(float).copy()
    pending: dict[int, list[int]] = {}
    for done, k in enumerate(np.argsort(upa[1:], kind="stable") + 1):  # upstream units: smaller upstream area
        if tick is not None and done % AGGREGATE_CHUNK_UNITS == 0:
            tick(done / n)
        children = pending.pop(int(k), [])
        total = area[k] + sum(group_area[c] for c in children)
        children.sort(key=lambda c: group_area[c])
        while total > max_area and children:
            closed = children.pop()  # largest tributary becomes its own small watershed
            total -= group_area[closed]
        for c in children:
            parent[c] = k
        group_area[k] = total
        if down[k] > 0:
            pending.setdefault(int(down[k]), []).append(int(k))
    return np.array([_find(parent, k) for k in range(n)])


def _neighbour_lengths(labels: np.ndarray, tick=None) -> dict[int, dict[int, int]]:
    """Shared-edge counts between touching labels (0 = background ignored).

    One numba pass per direction collects the ``a * nmax + b`` key of every edge between two
    labels; the neighbour dicts are filled in the order of the sorted distinct pairs, horizontal
    edges first (the order in which ties between equally long boundaries are decided).
    ``tick()`` is called between chunks of cells (it raises to cancel).
    """
    flat = labels.ravel()
    cols = labels.shape[1]
    nmax = int(flat.max()) + 1 if flat.size else 1
    adj: dict[int, dict[int, int]] = {}
    for horizontal in (True, False):
        parts = []
        for lo, hi in chunks(flat.size):
            k = edge_count_chunk(flat, cols, lo, hi, horizontal)
            out = np.empty(k, dtype=np.int64)
            edge_keys_chunk(flat, cols, lo, hi, horizontal, nmax, out)
            parts.append(out)
            if tick is not None:
                tick()
        keys, counts = np.unique(np.concatenate(parts) if parts else np.zeros(0, np.int64), return_counts=True)
        del parts
        for p, q, c in zip((keys // nmax).tolist(), (keys % nmax).tolist(), counts.tolist()):
            adj.setdefault(p, {})[q] = adj.get(p, {}).get(q, 0) + c
            adj.setdefault(q, {})[p] = adj.get(q, {}).get(p, 0) + c
    return adj


def _merge_small(labels: np.ndarray, model: FlowModel, min_area: float, max_area: float, tick=None) -> np.ndarray:
    """Merge units below ``min_area`` (km²) into a neighbour; returns the relabelled raster (int32).

    ``tick(fraction)`` is called between chunks of cells and of units (it raises to cancel).
    """
    tick = tick or (lambda fraction: None)
    cell_km2 = model.grid.cell_area_km2
    flat = labels.ravel()
    outlet, count = _outlets(flat, model.uparea_cells, lambda f: tick(0.2 * f))
    nmax = outlet.size
    area = count * cell_km2
    ds = model.idxs_ds
    adj = _neighbour_lengths(labels, lambda: tick(0.2))
    tick(0.5)
    target = np.arange(nmax)
    small = sorted((u for u in range(1, nmax) if 0 < area[u] < min_area), key=lambda u: area[u])
    for done, u in enumerate(small):
        if done % MERGE_CHUNK_UNITS == 0:
            tick(0.5 + 0.4 * done / len(small))
        if target[u] != u or area[u] >= min_area:
            continue
        o = outlet[u]
        down = _find(target, int(flat[ds[o]])) if ds[o] != o and flat[ds[o]] > 0 else 0
        options = sorted(adj.get(u, {}).items(), key=lambda kv: -kv[1])
        choice = None
        if down and down != u and area[u] + area[down] <= max_area:
            choice = down
        else:
            for v, _ in options:
                v = _find(target, v)
                if v != u and area[u] + area[v] <= max_area:
                    choice = v
                    break
        if choice is None:
            LOGGER.warning("Unit of %.3f km² left below the minimum area (no neighbour can take it)", area[u])
            continue
        target[u] = choice
        area[choice] += area[u]
        area[u] = 0
        for v, c in adj.pop(u, {}).items():
            v = _find(target, v)
            if v == choice:
                continue
            adj.setdefault(choice, {})[v] = adj.get(choice, {}).get(v, 0) + c
            adj.setdefault(v, {})[choice] = adj.get(v, {}).get(choice, 0) + c
            adj.get(v, {}).pop(u, None)
        adj.get(choice, {}).pop(u, None)
    tick(0.9)
    roots = np.array([_find(target, k) for k in range(nmax)], dtype=np.int32)
    return _take(roots, labels, lambda f: tick(0.9 + 0.1 * f))


def _take(lookup: np.ndarray, labels: np.ndarray, tick=None) -> np.ndarray:
    """``lookup[labels]`` in chunks of cells (``tick(fraction)`` between them)."""
    out = np.empty(labels.shape, dtype=lookup.dtype)
    src, dst = labels.ravel(), out.ravel()
    for lo, hi in chunks(src.size):
        dst[lo:hi] = lookup[src[lo:hi]]
        if tick is not None:
            tick(hi / src.size)
    return out


def _outlets(flat_labels: np.ndarray, uparea_cells: np.ndarray, tick=None) -> tuple[np.ndarray, np.ndarray]:
    """Flat index of the largest-upstream-area cell of each label (the unit's outlet; ties: the last
    such cell; -1 for absent labels) and the cell count of each label — one pass in chunks of cells."""
    nmax = int(flat_labels.max()) + 1 if flat_labels.size else 1
    best_upa = np.zeros(nmax, dtype=uparea_cells.dtype)
    best_idx = np.full(nmax, -1, dtype=np.int64)
    count = np.zeros(nmax, dtype=np.int64)
    for lo, hi in chunks(flat_labels.size):
        outlets_chunk(flat_labels, uparea_cells, lo, hi, best_upa, best_idx, count)
        if tick is not None:
            tick(hi / flat_labels.size)
    best_idx[0] = -1
    count[0] = 0
    return best_idx, count


def _split_admin(labels: np.ndarray, admin: np.ndarray) -> tuple[np.ndarray, dict[int, int]]:
    """Split units by admin id; slivers join the unit's dominant admin piece."""
    inside = labels > 0
    key = labels.astype(np.int64) * (int(admin.max()) + 1) + admin.astype(np.int64)
    keys, inverse, counts = np.unique(key[inside], return_inverse=True, return_counts=True)
    unit_of = keys // (int(admin.max()) + 1)
    admin_of = keys % (int(admin.max()) + 1)
    unit_total = pd.Series(counts).groupby(unit_of).transform("sum").to_numpy()
    dominant = pd.DataFrame({"u": unit_of, "n": counts, "k": np.arange(keys.size)})
    dom_k = dominant.sort_values("n", kind="stable").groupby("u")["k"].last()
    piece = np.arange(keys.size)
    sliver = (counts < SLIVER_SHARE * unit_total) | (admin_of == 0) & (unit_total > counts)
    piece[sliver] = dom_k.loc[unit_of[sliver]].to_numpy()
    uniq, new_ids = np.unique(piece, return_inverse=True)
    out = np.zeros_like(labels, dtype=np.int32)
    out[inside] = new_ids[inverse] + 1
    admin_by_new = {int(i + 1): int(admin_of[k]) for i, k in enumerate(uniq)}
    return out, admin_by_new


def divide(
    grid: Grid,
    stream_threshold_km2: float = 0.1,
    max_area_km2: float = 50.0,
    min_area_km2: float = 1.0,
    domain: np.ndarray | None = None,
    admin: np.ndarray | None = None,
    admin_names: dict[int, str] | None = None,
    code_prefix: str = "SW",
    conditioner: Conditioner | None = None,
    progress: Progress | None = None,
) -> DivisionResult:
    """Divide the DEM (optionally clipped to ``domain``) into small watersheds.

    Parameters
    ----------
    domain
        2-D bool, the area to divide (e.g. a rasterised catchment or county); None = all valid cells.
    admin
        2-D int admin id per cell (0 = none); units crossing ids are split into sub-units.
    admin_names
        Admin id → name/code written to ``admin_code``.
    code_prefix
        Prefix of the provisional codes; an official parent code keeps its identity this way.
    conditioner
        Builds the flow model of the (clipped) DEM; default
        :func:`~sbplanner_plugin.core.hydrology.condition`, the plugin passes
        ``adapters.flow_cache.cached_conditioner(cache_dir)``.
    progress
        ``progress(fraction, stage)``; True cancels (:class:`~sbplanner_plugin.core.errors.CancelledError`).
        Conditioning reports 0–0.5, then each stage (micro-watersheds, aggregating, merging small
        units, attributes, channels) a tenth, with calls between chunks of
        :data:`~sbplanner_plugin.core.label_kernels.CHUNK_CELLS` cells of every pass over the grid
        and every :data:`MERGE_CHUNK_UNITS` merged units, so a cancel request is seen within one
        chunk's work.
    """
    if not max_area_km2 > 0 or not min_area_km2 >= 0 or min_area_km2 >= max_area_km2:
        raise InvalidParameterError(
            name="MIN_AREA_KM2/MAX_AREA_KM2",
            value=f"{min_area_km2}/{max_area_km2}",
            reason=QT_TRANSLATE_NOOP("SbPlannerErrors", "need 0 ≤ minimum < maximum"),
        )

    def report(fraction: float, stage: str) -> None:
        if progress is not None and progress(fraction, stage):
            raise CancelledError()

    if domain is not None:
        if not np.any(domain & grid.valid):
            raise EmptyBoundaryError()
        grid = grid.masked(domain)

    def stage(lo: float, hi: float, name: str):
        """Report the start of a stage; returns its tick(fraction within the stage)."""
        report(lo, name)
        return lambda f: report(lo + (hi - lo) * min(max(float(f), 0.0), 1.0), name)

    model = (conditioner or condition)(grid, (lambda f, s: bool(progress and progress(0.5 * f, s))))
    tick = stage(0.5, 0.6, QT_TRANSLATE_NOOP("SbPlannerStages", "micro-watersheds"))
    streams = stream_mask(model, stream_threshold_km2)
    ds = model.idxs_ds
    pits = model.idxs_pit
    tick(0.1)
    outlet_cells = np.union1d(np.flatnonzero(reach_ends(streams, ds)), pits)
    tick(0.2)
    micro = catchment_labels(model, outlet_cells, lambda f: tick(0.2 + 0.8 * f))
    tick = stage(0.6, 0.7, QT_TRANSLATE_NOOP("SbPlannerStages", "aggregating"))
    m = outlet_cells.size + 1
    area = np.zeros(m)
    area[1:] = np.bincount(micro, minlength=m)[1:] * grid.cell_area_km2
    down = np.zeros(m, dtype=np.int64)
    o_ds = ds[outlet_cells]
    down[1:] = np.where(o_ds != outlet_cells, micro[o_ds], 0)
    upa = np.zeros(m)
    upa[1:] = model.uparea_cells[outlet_cells]
    tick(0.2)
    group = _aggregate(area, down, upa, max_area_km2, lambda f: tick(0.2 + 0.3 * f)).astype(np.int32)
    group[0] = 0  # micro label 0: nodata and cells outside the domain
    tick(0.5)
    labels = _take(group, micro.reshape(grid.shape), lambda f: tick(0.5 + 0.5 * f))
    del micro
    labels[~grid.valid] = 0
    tick = stage(0.7, 0.8, QT_TRANSLATE_NOOP("SbPlannerStages", "merging small units"))
    labels = _merge_small(labels, model, min_area_km2, max_area_km2, lambda f: tick(0.8 * f))
    # dense ids, numbered from the area's outlet upstream
    flat = labels.ravel()
    outlets, _count = _outlets(flat, model.uparea_cells, lambda f: tick(0.8 + 0.1 * f))
    present = np.flatnonzero(outlets >= 0)
    present = present[present > 0]
    order = present[np.argsort(-model.uparea_cells[outlets[present]], kind="stable")]
    remap = np.zeros(outlets.size, dtype=np.int32)
    remap[order] = np.arange(1, order.size + 1)
    labels = _take(remap, labels, lambda f: tick(0.9 + 0.1 * f))
    base_code = {int(i): f"{code_prefix}{i:03d}" for i in range(1, order.size + 1)}
    admin_of: dict[int, int] = {}
    code = dict(base_code)
    if admin is not None:
        parent_labels = labels
        labels, admin_of = _split_admin(labels, np.where(labels > 0, admin, 0))
        parent = pd.Series(parent_labels.ravel()).groupby(labels.ravel()).first()
        pieces: dict[int, int] = {}
        code = {}
        for uid in sorted(admin_of):
            p = int(parent.loc[uid])
            pieces[p] = pieces.get(p, 0) + 1
            code[uid] = f"{base_code[p]}-{pieces[p]}"
        single = {p for p, c in pieces.items() if c == 1}
        for uid in code:
            if int(parent.loc[uid]) in single:
                code[uid] = base_code[int(parent.loc[uid])]
    tick = stage(0.8, 0.9, QT_TRANSLATE_NOOP("SbPlannerStages", "attributes"))
    flat = labels.ravel()
    outlets, _count = _outlets(flat, model.uparea_cells, lambda f: tick(0.1 * f))
    ids = [int(u) for u in np.flatnonzero(outlets >= 0) if u > 0]
    unit_streams = streams
    unit_streams &= flat > 0
    del streams
    slope = horn_slope_deg(grid)
    tick(0.15)
    table = unit_attributes(
        model,
        labels,
        {u: int(outlets[u]) for u in ids},
        unit_streams,
        slope,
        stream_threshold_km2,
        progress=lambda f: tick(0.15 + 0.85 * f),
    )
    del slope
    downstream = {}
    for u in ids:
        o = outlets[u]
        d = int(flat[ds[o]]) if ds[o] != o else 0
        downstream[u] = d if d != u else 0
    receives = set(downstream.values())
    table.insert(0, "ws_code", [code[u] for u in table.index])
    table.insert(1, "downstream_code", [code.get(downstream[u]) for u in table.index])
    table.insert(2, "unit_type", ["interbasin" if u in receives else "headwater" for u in table.index])
    names = admin_names or {}
    table.insert(
        3, "admin_code", [names.get(admin_of[u], str(admin_of[u])) if admin_of.get(u) else None for u in table.index]
    )
    table["outlet_idx"] = [int(outlets[u]) for u in table.index]
    tick = stage(0.9, 1.0, QT_TRANSLATE_NOOP("SbPlannerStages", "channels"))
    segments = stream_segments(model, unit_streams, labels, progress=tick)
    report(1.0, QT_TRANSLATE_NOOP("SbPlannerStages", "done"))
    return DivisionResult(model, labels.astype(np.int32, copy=False), table, segments)


# ------------------------------------------------------------------------------------------------
# the whole division of a boundary layer (``sbplanner:divide_small_watersheds``)

#: Boundary-layer fields holding an official watershed code (kept as ``parent_code``): the first of
#: the layer's fields, in the layer's order, that is one of these (case-insensitive).
BOUNDARY_CODE_FIELDS = CODE_FIELDS[:4]


class MissingAdminFieldError(SbPlannerError):
    key = "missing_admin_field"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The administrative layer has no field '{field}'; choose one of its fields as the administrative "
        "name/code field."
    )  # fmt: skip


@dataclass
class Zones:
    """A polygon layer burnt on the DEM by the adapters: ``labels`` (2-D int) holds feature position + 1
    on the cells whose centre the feature holds, 0 elsewhere; ``attrs`` (field name → values) and ``ids``
    (feature ids) are in feature order."""

    labels: np.ndarray
    attrs: dict[str, list]
    ids: list

    def __len__(self) -> int:
        return len(self.ids)


@dataclass
class DivisionInputs:
    grid: Grid
    stream_threshold_km2: float = 0.1
    max_area_km2: float = 50.0
    min_area_km2: float = 1.0
    boundary: Zones | None = None  # the area to divide (catchments, a county); None = the whole DEM
    admin: Zones | None = None  # administrative areas: units crossing them are split into sub-units
    admin_field: str | None = None  # the admin name/code field; None = the feature id


@dataclass
class SmallWatersheds:
    """The units of ``sbplanner:divide_small_watersheds`` and their channel reaches."""

    model: FlowModel
    labels: np.ndarray  # 2-D int32 unit id, 0 outside
    table: pd.DataFrame  # index unit id; ws_code, downstream_code, parent_code, unit_type, admin_code, …
    streams: list  # (LineString, {ws_code, strahler, length_km}) of every reach


def majority(labels: np.ndarray, values: np.ndarray) -> dict[int, int]:
    """The most frequent of ``values`` on the cells of each label (ties: the smallest value)."""
    lab = labels.ravel().astype(np.int64)
    val = values.ravel().astype(np.int64)
    if not lab.size:
        return {}
    lo = int(val.min())
    span = int(val.max()) - lo + 1
    key = lab * span + (val - lo)
    size = (int(lab.max()) + 1) * span
    if size <= max(key.size, 1 << 20):  # few labels × values: count them directly
        counts = np.bincount(key, minlength=size)
        keys = np.flatnonzero(counts)
        counts = counts[keys]
    else:
        keys, counts = np.unique(key, return_counts=True)
    key_lab, key_val = keys // span, keys % span + lo
    first = np.lexsort((key_val, -counts, key_lab))  # by label, most cells first, then smallest value
    best = first[np.r_[True, key_lab[first][1:] != key_lab[first][:-1]]]
    return dict(zip(key_lab[best].tolist(), key_val[best].tolist()))


def parent_codes(boundary: Zones) -> dict[int, str]:
    """Official code (boundary label → code) of the boundary features that carry one."""
    field = code_field(boundary.attrs, BOUNDARY_CODE_FIELDS)
    if field is None:
        return {}
    codes = ((k, code_text(v)) for k, v in enumerate(boundary.attrs[field], start=1))
    return {k: c for k, c in codes if c}


def admin_names(admin: Zones, field: str | None) -> dict[int, str]:
    """Name of each admin label: the value of ``field`` as text, else the feature id."""
    if not field:
        return {k: str(i) for k, i in enumerate(admin.ids, start=1)}
    if field not in admin.attrs:
        raise MissingAdminFieldError(field=field)
    return {k: "NULL" if v is None else str(v) for k, v in enumerate(admin.attrs[field], start=1)}


def with_parent_codes(table: pd.DataFrame, labels: np.ndarray, boundary: np.ndarray, codes: dict[int, str]):
    """``table`` with ``parent_code``: the official code of the boundary feature covering most of each unit,
    which also prefixes the unit's code (``<parent>-SW001``) and its downstream code."""
    table = table.copy()
    table["parent_code"] = None
    if not codes:
        return table
    owner = majority(labels, boundary)
    table["parent_code"] = [codes.get(owner.get(int(u), 0)) for u in table.index]
    renamed = {
        old: (f"{parent}-{old}" if parent else old) for old, parent in zip(table["ws_code"], table["parent_code"])
    }
    table["ws_code"] = table["ws_code"].map(renamed)
    table["downstream_code"] = table["downstream_code"].map(lambda c: renamed.get(c) if c else None)
    return table


def divide_watersheds(
    inputs: DivisionInputs, conditioner: Conditioner | None = None, progress: Progress | None = None
) -> SmallWatersheds:
    """Divide the area of the boundary layer (or the whole DEM) into small watersheds (:func:`divide`),
    split by the administrative layer, coded under the boundary's official codes."""
    boundary, admin = inputs.boundary, inputs.admin
    domain = None
    if boundary is not None:
        domain = boundary.labels > 0
        if not len(boundary) or not domain.any():
            raise EmptyBoundaryError()
    names = admin_names(admin, inputs.admin_field) if admin is not None else {}
    result = divide(
        inputs.grid,
        inputs.stream_threshold_km2,
        inputs.max_area_km2,
        inputs.min_area_km2,
        domain=domain,
        admin=admin.labels if admin is not None else None,
        admin_names=names,
        conditioner=conditioner,
        progress=progress,
    )
    codes = parent_codes(boundary) if boundary is not None else {}
    table = with_parent_codes(result.table, result.labels, boundary.labels if boundary is not None else None, codes)
    code_of_unit = table["ws_code"].to_dict()
    streams = list(segment_lines(result.segments, inputs.grid, lambda seg: code_of_unit.get(seg.label)))
    return SmallWatersheds(result.model, result.labels, table, streams)
