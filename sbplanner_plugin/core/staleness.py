"""Which steps' results are older than the results they were computed from (issue 15).

A step's results are the plan layers it writes (:data:`STEP_OUTPUTS`); each carries the time it was last written
(the GeoPackage's ``gpkg_contents.last_change``, which every run's write and every geometry edit stamps). When an
earlier step is run again, the results of the later steps that exist and are older than it are *stale*: the dock
says "步骤 2、3 的结果基于旧的小流域划分，请重新运行" instead of letting tables of two different divisions be
mixed silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP

#: Step number → the plan layers it writes (the first ones are the ones later steps are computed from).
STEP_OUTPUTS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (1, ("watersheds", "small_watersheds")),
    (2, ("parcels",)),
    (3, ("parcels_measures",)),
    (4, ("measure_quantities", "terrace_quantities", "investment_summary")),
    (5, ("ws_urgency", "benefit_ws")),
)
#: What each step's results are called in "based on an older …" (translated, context SbPlannerStaleness).
STEP_RESULT_NAMES = {
    1: QT_TRANSLATE_NOOP("SbPlannerStaleness", "small-watershed division"),
    2: QT_TRANSLATE_NOOP("SbPlannerStaleness", "parcel analysis"),
    3: QT_TRANSLATE_NOOP("SbPlannerStaleness", "measure layout"),
    4: QT_TRANSLATE_NOOP("SbPlannerStaleness", "quantities and investment"),
}


@dataclass(frozen=True)
class Staleness:
    """``steps`` were computed before step ``cause`` was run again."""

    cause: int
    steps: tuple[int, ...]


def _time(text) -> datetime | None:
    try:
        return datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except (TypeError, ValueError):
        return None


def stale_steps(written: Mapping[str, object]) -> Staleness | None:
    """The earliest step whose newest result is newer than the oldest result of later steps, and those later
    steps; None when every step's results are younger than those of the steps before it.

    ``written``: plan layer → the time it was last written (ISO 8601, as ``gpkg_contents.last_change``); layers
    missing or without a readable time are ignored (a step not run yet is never stale)."""
    times = {name: t for name, t in ((n, _time(v)) for n, v in written.items()) if t is not None}
    spans = {}
    for step, names in STEP_OUTPUTS:
        present = [times[n] for n in names if n in times]
        if present:
            spans[step] = (min(present), max(present))
    for cause in sorted(spans):
        newest = spans[cause][1]
        later = tuple(step for step in sorted(spans) if step > cause and spans[step][0] < newest)
        if later:
            return Staleness(cause, later)
    return None
