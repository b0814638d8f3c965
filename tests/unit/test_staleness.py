"""core.staleness: later steps' results older than a re-run earlier step are stale (issue 15)."""

from __future__ import annotations

from sbplanner_plugin.core.staleness import Staleness, stale_steps

IN_ORDER = {
    "watersheds": "2026-12-07T17:16:14.965Z",
    "small_watersheds": "2026-12-07T17:16:15.413Z",
    "parcels": "2026-12-07T17:16:15.835Z",
    "parcels_measures": "2026-12-07T17:16:16.459Z",
    "measure_quantities": "2026-12-07T17:16:17.029Z",
    "terrace_quantities": "2026-12-07T17:16:16.744Z",
    "ws_urgency": "2026-12-07T17:16:18.456Z",
    "benefit_ws": "2026-12-07T17:16:18.914Z",
}


def test_a_plan_run_in_order_is_not_stale() -> None:
    assert stale_steps(IN_ORDER) is None
    assert stale_steps({}) is None


def test_a_new_division_makes_every_later_step_stale() -> None:
    assert stale_steps({**IN_ORDER, "small_watersheds": "2026-12-08T09:00:00.000Z"}) == Staleness(1, (2, 3, 4, 5))


def test_a_new_layout_makes_quantities_and_ranking_stale_but_not_the_parcels() -> None:
    assert stale_steps({**IN_ORDER, "parcels_measures": "2026-12-07T17:16:18.600Z"}) == Staleness(3, (4, 5))
    assert stale_steps({**IN_ORDER, "parcels_measures": "2026-12-07T17:16:17.500Z"}) == Staleness(3, (4,))


def test_a_step_not_run_yet_is_never_stale_and_unreadable_times_are_ignored() -> None:
    only = {"small_watersheds": "2026-12-08T09:00:00Z", "parcels": "2026-12-07T17:00:00Z", "ws_urgency": "?"}
    assert stale_steps(only) == Staleness(1, (2,))
    assert stale_steps({"parcels": "2026-12-07T17:00:00Z"}) is None


def test_the_earliest_re_run_step_is_named() -> None:
    written = {**IN_ORDER, "parcels": "2026-12-08T09:00:00Z", "parcels_measures": "2026-12-08T10:00:00Z"}
    # step 2 re-run, then step 3 re-run: 4 and 5 are older than both; step 3 is younger than 2 — the cause is 2
    assert stale_steps(written) == Staleness(2, (4, 5))
