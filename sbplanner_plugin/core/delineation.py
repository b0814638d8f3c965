"""Watershed delineation from outlets: one full upstream catchment per outlet.

:func:`delineate` conditions the DEM and delineates the catchments of outlet coordinates;
:func:`delineate_outlets` is the whole ``sbplanner:delineate_watersheds`` run on an outlet layer
as the adapters read it (codes, downstream topology, the rows of the three output layers).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from sbplanner_plugin.core.definitions import code_text
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, CancelledError, EmptyOutletsError
from sbplanner_plugin.core.grid import Grid
from sbplanner_plugin.core.hydrology import (
    Conditioner,
    FlowModel,
    Progress,
    Segment,
    SnappedOutlets,
    condition,
    snap_outlets,
    stream_mask,
    stream_segments,
)
from sbplanner_plugin.core.morphometry import catchment_attributes
from sbplanner_plugin.core.outlet_review import review_snaps

#: Outlet-layer fields whose value becomes the watershed code (official codes are kept); the first
#: of the layer's fields (in the layer's order) that is one of these, case-insensitive.
CODE_FIELDS = ("ws_code", "xlydm", "lydm", "code", "name")
#: Outlet-layer field (integer, case-insensitive name) whose value 1 keeps that outlet where it is (no
#: snapping): written by the dock when the engineer drags a snapped outlet to its true place.
FIXED_FIELD = "fixed"

Row = tuple[shapely.Geometry, dict]


@dataclass
class Watershed:
    """One outlet's catchment: its cells, attributes and channel reaches."""

    outlet_no: int  # 1-based position of the outlet in the input
    mask: np.ndarray  # 2-D bool
    attributes: pd.Series
    segments: list[Segment]


def mask_window(mask: np.ndarray, grid: Grid) -> tuple[np.ndarray, Grid]:
    """``mask`` cropped to the bounding box of its True cells, and the grid of that window.

    Vectorising a catchment on its window instead of the whole DEM gives the same cell-edge
    polygon at a fraction of the cost. The window grid's values are the DEM's (a view).
    """
    rows = np.flatnonzero(mask.any(axis=1))
    cols = np.flatnonzero(mask.any(axis=0))
    if rows.size == 0:
        return mask[:0, :0], grid.window(0, 0, 0, 0)
    r0, r1, c0, c1 = int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1
    return mask[r0:r1, c0:c1], grid.window(r0, r1, c0, c1)


@dataclass
class DelineationResult:
    model: FlowModel
    snapped: SnappedOutlets
    watersheds: list[Watershed]


def delineate(
    grid: Grid,
    x: np.ndarray,
    y: np.ndarray,
    stream_threshold_km2: float = 0.1,
    snap_distance_m: float | None = None,
    conditioner: Conditioner | None = None,
    progress: Progress | None = None,
    fixed: np.ndarray | None = None,
) -> DelineationResult:
    """Condition the DEM, snap the outlets and delineate each outlet's full catchment.

    Nested outlets give nested (overlapping) watersheds: each is its outlet's complete
    upstream area, as a design engineer expects for a dam or gauge site. Channels are the
    cells whose upstream area reaches ``stream_threshold_km2``. ``conditioner`` builds the flow
    model (default :func:`~sbplanner_plugin.core.hydrology.condition`; the plugin passes
    ``adapters.flow_cache.cached_conditioner``). ``fixed``: outlets that are not snapped
    (:func:`~sbplanner_plugin.core.hydrology.snap_outlets`).
    """

    def report(fraction: float, stage: str) -> None:
        if progress is not None and progress(fraction, stage):
            raise CancelledError()

    model = (conditioner or condition)(grid, (lambda f, s: bool(progress and progress(0.6 * f, s))))
    report(0.6, QT_TRANSLATE_NOOP("SbPlannerStages", "snapping outlets"))
    snapped = snap_outlets(model, x, y, snap_distance_m, fixed)
    watersheds = []
    n = snapped.idx.size
    for i, idx in enumerate(snapped.idx):
        report(0.65 + 0.35 * i / n, QT_TRANSLATE_NOOP("SbPlannerStages", "catchments"))
        cells, dist_m = model.upstream_cells(int(idx))  # walks the catchment only
        mask = np.zeros(grid.values.size, dtype=bool)
        mask[cells] = True
        streams = stream_mask(model, stream_threshold_km2, mask)
        attrs = catchment_attributes(model, int(idx), cells, dist_m, mask, streams, stream_threshold_km2)
        segs = stream_segments(model, streams, seq=cells[streams[cells]])  # cells: outlet first, upstream
        watersheds.append(Watershed(i + 1, mask.reshape(grid.shape), attrs, segs))
    report(1.0, QT_TRANSLATE_NOOP("SbPlannerStages", "done"))
    return DelineationResult(model, snapped, watersheds)


def segment_lines(segments: list[Segment], grid: Grid, code_of):
    """(LineString, attrs) rows of channel reaches, ``code_of(segment)`` their ws_code; single-cell
    reaches have no line."""
    cols = grid.shape[1]
    for seg in segments:
        if seg.idxs.size < 2:
            continue
        x, y = grid.xy(seg.idxs // cols, seg.idxs % cols)
        yield (
            shapely.LineString(np.column_stack([x, y])),
            {
                "ws_code": code_of(seg),
                "strahler": seg.strahler,
                "length_km": seg.length_m / 1e3,
            },
        )


def code_field(names, candidates: tuple[str, ...] = CODE_FIELDS) -> str | None:
    """The first of ``names`` (in their order) that is one of ``candidates``, case-insensitive."""
    return next((n for n in names if n.lower() in candidates), None)


@dataclass
class OutletInputs:
    """An outlet layer as the adapters read it, in the DEM's CRS: Point or MultiPoint WKB (every point of
    a MultiPoint is an outlet) and attribute columns (field name → values, in feature order)."""

    grid: Grid
    wkb: list[bytes]
    attrs: dict[str, list]
    stream_threshold_km2: float = 0.1
    snap_distance_m: float | None = None  # None or 0: 3 cells


@dataclass
class OutletWatersheds:
    """The rows of the three output layers of ``sbplanner:delineate_watersheds``, by outlet."""

    model: FlowModel
    watersheds: list[dict]  # outlet_id, ws_code, downstream_code and the morphometry of each catchment
    windows: list[tuple[np.ndarray, Grid]]  # each catchment's mask on its bounding box, and that window's grid
    streams: list[Row]  # channel reaches of every catchment (nested catchments repeat them)
    outlets: list[Row]  # snapped outlets: outlet_id, ws_code, orig_x/orig_y, snap_distance_m, uparea_km2, the review
    snap_lines: list[Row]  # clicked → snapped point of every outlet that moved


def fixed_flags(attrs: dict[str, list], wkb: list[bytes]) -> np.ndarray:
    """Per outlet point (MultiPoint parts each), whether its feature's :data:`FIXED_FIELD` is 1."""
    name = next((n for n in attrs if n.lower() == FIXED_FIELD), None)
    geoms = shapely.from_wkb(wkb) if wkb else np.zeros(0, dtype=object)
    parts, index = shapely.get_parts(geoms, return_index=True)
    keep = ~shapely.is_empty(parts)
    if name is None:
        return np.zeros(int(keep.sum()), dtype=bool)
    values = attrs[name]
    return np.array([_is_one(values[i]) for i in index[keep]], dtype=bool)


def _is_one(value) -> bool:
    try:
        return value is not None and int(value) == 1
    except (TypeError, ValueError):
        return False


def outlet_points(wkb: list[bytes], attrs: dict[str, list]) -> tuple[np.ndarray, np.ndarray, list[str | None]]:
    """x, y and code of every outlet point (the parts of MultiPoints each, with their feature's code)."""
    field = code_field(attrs)
    geoms = shapely.from_wkb(wkb) if wkb else np.zeros(0, dtype=object)
    parts, index = shapely.get_parts(geoms, return_index=True)
    keep = ~shapely.is_empty(parts)
    xy = shapely.get_coordinates(parts[keep])
    codes = [code_text(attrs[field][i]) if field else None for i in index[keep]]
    return xy[:, 0], xy[:, 1], codes


def downstream_watersheds(result: DelineationResult) -> list[int | None]:
    """For each outlet, the position of its downstream watershed: the smallest other watershed that
    holds its snapped outlet (outlets snapped onto the same cell do not hold each other)."""
    snapped = result.snapped
    out = []
    for i in range(snapped.idx.size):
        holders = [
            (ws.attributes["area_km2"], j)
            for j, ws in enumerate(result.watersheds)
            if j != i and ws.mask[snapped.row[i], snapped.col[i]] and snapped.idx[j] != snapped.idx[i]
        ]
        out.append(min(holders)[1] if holders else None)
    return out


def delineate_outlets(
    inputs: OutletInputs, conditioner: Conditioner | None = None, progress: Progress | None = None
) -> OutletWatersheds:
    """One full catchment per outlet point, with its code, its downstream watershed and its channels.

    The code is the outlet's own (first field of :data:`CODE_FIELDS`), else ``WS001`` … by position.
    """
    x, y, own_codes = outlet_points(inputs.wkb, inputs.attrs)
    if not x.size:
        raise EmptyOutletsError()
    grid = inputs.grid
    fixed = fixed_flags(inputs.attrs, inputs.wkb)
    result = delineate(
        grid,
        x,
        y,
        inputs.stream_threshold_km2,
        inputs.snap_distance_m or None,
        conditioner=conditioner,
        progress=progress,
        fixed=fixed,
    )
    checks = review_snaps(result.model, result.snapped, inputs.stream_threshold_km2)
    cell_km2 = grid.cell_area_km2
    codes = [c or f"WS{i + 1:03d}" for i, c in enumerate(own_codes)]
    down = downstream_watersheds(result)
    snapped = result.snapped
    watersheds, windows, streams = [], [], []
    for i, ws in enumerate(result.watersheds):
        watersheds.append(
            {
                "outlet_id": i + 1,
                "ws_code": codes[i],
                "downstream_code": codes[down[i]] if down[i] is not None else None,
                **ws.attributes.to_dict(),
            }
        )
        windows.append(mask_window(ws.mask, grid))
        streams.extend(segment_lines(ws.segments, grid, lambda _s, c=codes[i]: c))
    outlets = [
        (
            shapely.Point(snapped.x[i], snapped.y[i]),
            {
                "outlet_id": i + 1,
                "ws_code": codes[i],
                "orig_x": snapped.orig_x[i],
                "orig_y": snapped.orig_y[i],
                "snap_distance_m": snapped.distance_m[i],
                "uparea_km2": snapped.uparea_km2[i],
                "fixed": int(bool(fixed[i])),
                "snap_check": checks[i].code,
                "channel_uparea_km2": checks[i].channel_cells * cell_km2,
                "stream_threshold_km2": inputs.stream_threshold_km2,
            },
        )
        for i in range(len(codes))
    ]
    snap_lines = [
        (
            shapely.LineString([(snapped.orig_x[i], snapped.orig_y[i]), (snapped.x[i], snapped.y[i])]),
            {key: outlets[i][1][key] for key in ("outlet_id", "ws_code", "snap_distance_m", "snap_check")},
        )
        for i in range(len(codes))
        if snapped.distance_m[i] > 0
    ]
    return OutletWatersheds(result.model, watersheds, windows, streams, outlets, snap_lines)
