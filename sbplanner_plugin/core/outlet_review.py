"""Review of snapped outlets: did the snap keep the outlet on the stream the user clicked?

:func:`~sbplanner_plugin.core.hydrology.snap_outlets` moves each outlet to the cell of largest upstream
area within the snap distance (ArcGIS *Snap Pour Point*). That is right for a point a few metres off
the D8 channel, and harmless when it slides a few cells down the same channel (the Youwuzhen demo
outlet already lies on its channel and moves 3 cells, 30 m, downstream: +16 cells, +0.03 % of the
area). It is wrong when the largest area nearby belongs to another stream. :func:`diagnose_snap`
tells these cases apart from the flow network alone:

- :data:`TINY` — the snapped cell drains less than the stream threshold: the outlet is on no
  channel (a stray click on a hillside gives a catchment of a few cells, "0.00 km²");
- :data:`CROSSED_RIDGE` — the clicked cell does not drain to the snapped cell: the snap jumped to
  a channel of another catchment (across a ridge or a divide);
- :data:`OTHER_CHANNEL` — the clicked cell drains to the snapped cell, but on the way a channel
  joined and the snapped catchment is at least :data:`OTHER_CHANNEL_GROWTH` times the area of the
  channel the click drains to (clicked on a tributary next to the main river: the snap moved onto
  the main river);
- :data:`ALONG_CHANNEL` — moved down the channel the clicked cell already lies on;
- :data:`ONTO_CHANNEL` — moved from beside the channel onto the channel the click drains to;
- :data:`NOT_MOVED` — the clicked cell itself.

Only the first three are problems. Pure numpy: flat cell indices, the model's ``idxs_ds``
(downstream cell of each cell, itself at pits) and ``uparea_cells`` (upstream cells, the cell included).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

NOT_MOVED = "not_moved"
ALONG_CHANNEL = "along_channel"
ONTO_CHANNEL = "onto_channel"
TINY = "tiny"
OTHER_CHANNEL = "other_channel"
CROSSED_RIDGE = "crossed_ridge"
#: The codes that need the engineer's review (in the order they are checked).
PROBLEMS = (TINY, CROSSED_RIDGE, OTHER_CHANNEL)
#: A snap that joined another channel is flagged when the snapped catchment is at least this many times
#: the area of the channel the click drains to (two equal branches meeting double it; a tributary of a
#: tenth of the river adds 10 %). Not a standard: a review threshold of SBPlanner's.
OTHER_CHANNEL_GROWTH = 1.5


@dataclass(frozen=True)
class SnapCheck:
    """The diagnosis of one snapped outlet (areas in upstream cells)."""

    code: str
    clicked_cells: int  # upstream cells of the clicked cell
    channel_cells: int  # of the first channel cell on the clicked cell's flow path (0: none before the snap)
    snapped_cells: int  # of the snapped cell
    steps: int  # D8 steps from the clicked to the snapped cell, -1 when the clicked cell does not drain to it

    @property
    def is_problem(self) -> bool:
        return self.code in PROBLEMS


def threshold_cells(threshold_km2: float, cell_area_km2: float) -> int:
    """Upstream cells a channel needs, as :func:`~sbplanner_plugin.core.hydrology.stream_mask` counts them."""
    return max(int(np.ceil(threshold_km2 / cell_area_km2 - 1e-9)), 1)


def diagnose_snap(
    idxs_ds: np.ndarray, uparea_cells: np.ndarray, clicked: int, snapped: int, channel_cells: int
) -> SnapCheck:
    """Classify the snap of the outlet clicked in cell ``clicked`` onto cell ``snapped``.

    ``channel_cells``: the stream threshold in upstream cells (:func:`threshold_cells`). The clicked
    cell's flow path is walked downstream while its upstream area stays within the snapped cell's
    (upstream area grows strictly downstream), so the walk is never longer than the snap.
    """
    clicked, snapped = int(clicked), int(snapped)
    upa = uparea_cells
    up_clicked, up_snapped = int(upa[clicked]), int(upa[snapped])
    path = [clicked]
    while path[-1] != snapped:
        nxt = int(idxs_ds[path[-1]])
        if nxt < 0 or nxt == path[-1] or int(upa[nxt]) > up_snapped:
            path = []
            break
        path.append(nxt)
    channel = next((int(upa[i]) for i in path if int(upa[i]) >= channel_cells), 0)
    steps = len(path) - 1
    if up_snapped < channel_cells:
        code = TINY
    elif not path:
        code = CROSSED_RIDGE
    elif steps == 0:
        code = NOT_MOVED
    elif joined_channel(path, upa, channel_cells) and up_snapped >= OTHER_CHANNEL_GROWTH * channel:
        code = OTHER_CHANNEL
    elif up_clicked >= channel_cells:
        code = ALONG_CHANNEL
    else:
        code = ONTO_CHANNEL
    return SnapCheck(code, up_clicked, channel, up_snapped, steps)


def joined_channel(path: list[int], uparea_cells: np.ndarray, channel_cells: int) -> bool:
    """Whether a channel (≥ ``channel_cells``) flows into ``path`` below its first channel cell: at a step
    a → b the other inflows of b drain ``upa[b] − upa[a] − 1`` cells."""
    upa = [int(uparea_cells[i]) for i in path]
    start = next((k for k, u in enumerate(upa) if u >= channel_cells), len(upa))
    return any(upa[k + 1] - upa[k] - 1 >= channel_cells for k in range(start, len(upa) - 1))


def review_snaps(model, snapped, threshold_km2: float) -> list[SnapCheck]:
    """:func:`diagnose_snap` of every outlet of ``snapped`` (a
    :class:`~sbplanner_plugin.core.hydrology.SnappedOutlets` on the flow model ``model``). An outlet
    clicked outside the valid DEM cells is diagnosed from the snapped cell (it drains nowhere itself)."""
    grid = model.grid
    rows, cols = grid.shape
    need = threshold_cells(threshold_km2, grid.cell_area_km2)
    r, c = grid.rowcol(snapped.orig_x, snapped.orig_y)
    inside = (r >= 0) & (r < rows) & (c >= 0) & (c < cols)
    valid = grid.valid
    checks = []
    for i, idx in enumerate(snapped.idx):
        own_cell = bool(inside[i] and valid[r[i], c[i]])
        clicked = int(r[i] * cols + c[i]) if own_cell else int(idx)
        check = diagnose_snap(model.idxs_ds, model.uparea_cells, clicked, int(idx), need)
        if not own_cell and check.code == NOT_MOVED:
            check = SnapCheck(ONTO_CHANNEL, 0, check.channel_cells, check.snapped_cells, 0)
        checks.append(check)
    return checks
