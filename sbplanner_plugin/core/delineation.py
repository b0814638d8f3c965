"""Watershed delineation from outlets: one full upstream catchment per outlet."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, CancelledError
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
) -> DelineationResult:
    """Condition the DEM, snap the outlets and delineate each outlet's full catchment.

    Nested outlets give nested (overlapping) watersheds: each is its outlet's complete
    upstream area, as a design engineer expects for a dam or gauge site. Channels are the
    cells whose upstream area reaches ``stream_threshold_km2``. ``conditioner`` builds the flow
    model (default :func:`~sbplanner_plugin.core.hydrology.condition`; the plugin passes
    ``adapters.flow_cache.cached_conditioner``).
    """

    def report(fraction: float, stage: str) -> None:
        if progress is not None and progress(fraction, stage):
            raise CancelledError()

    model = (conditioner or condition)(grid, (lambda f, s: bool(progress and progress(0.6 * f, s))))
    report(0.6, QT_TRANSLATE_NOOP("SbPlannerStages", "snapping outlets"))
    snapped = snap_outlets(model, x, y, snap_distance_m)
    watersheds = []
    n = snapped.idx.size
    for i, idx in enumerate(snapped.idx):
        report(0.65 + 0.35 * i / n, QT_TRANSLATE_NOOP("SbPlannerStages", "catchments"))
        cells, dist_m = model.upstream_cells(int(idx))  # walks the catchment only
        mask = np.zeros(grid.values.size, dtype=bool)
        mask[cells] = True
        streams = stream_mask(model, stream_threshold_km2, mask)
        attrs = catchment_attributes(model, int(idx), cells, dist_m, mask, streams)
        segs = stream_segments(model, streams, seq=cells[streams[cells]])  # cells: outlet first, upstream
        watersheds.append(Watershed(i + 1, mask.reshape(grid.shape), attrs, segs))
    report(1.0, QT_TRANSLATE_NOOP("SbPlannerStages", "done"))
    return DelineationResult(model, snapped, watersheds)
