"""The plan edit rules of step 3 (core.measures.edits): status transitions, the manual reason, design
parameters — what the parcel editor and the works tools write, decided without QGIS."""

from __future__ import annotations

from pathlib import Path

import pytest

from sbplanner_plugin.adapters import param_files
from sbplanner_plugin.core import measures as sbm
from sbplanner_plugin.core.definitions import CONFIRMED, OVERRIDDEN, PROPOSED
from sbplanner_plugin.core.measures import edits

PARAMS = Path(__file__).resolve().parents[2] / "resources" / "params"


@pytest.fixture(scope="module")
def cat() -> sbm.Catalogue:
    return param_files.load_catalogue(PARAMS / "measures.csv")


def proposed_terrace() -> dict:
    """A parcel row as step 3's proposal wrote it (水平梯田(土坎) + 植物篱/地埂植物带)."""
    return {
        "measure_code": "terrace_level_earth",
        "measure_name": "水平梯田(土坎)",
        "measure_category": "engineering",
        "measure_codes": "terrace_level_earth;hedgerow",
        "measure_names": "水平梯田(土坎) + 植物篱/地埂植物带",
        "measure_params": "riser=earth",
        "rule_id": "C-15-25",
        "reason": "旱地，18.2° …",
        "status": PROPOSED,
    }


# -- parcels: assign -------------------------------------------------------------------------------
def test_assigning_another_measure_overrides_the_proposal_with_the_manual_reason(cat) -> None:
    changes = edits.assign_measures({7: proposed_terrace()}, ["grass"], cat)
    assert changes.fids == [7]
    assert changes.new[7] == {
        "measure_code": "grass",
        "measure_name": "种草",
        "measure_category": "vegetative",
        "measure_codes": "grass",
        "measure_names": "种草",
        "rule_id": "manual",
        "reason": "人工调整：水平梯田(土坎) + 植物篱/地埂植物带 → 种草",
        "status": OVERRIDDEN,
    }
    # undo restores exactly the fields written, with their former values
    before = proposed_terrace()
    assert changes.old[7] == {k: before[k] for k in changes.new[7]}
    assert changes.old[7]["status"] == PROPOSED and changes.old[7]["rule_id"] == "C-15-25"


def test_a_confirmed_parcel_whose_measure_changes_is_overridden_again(cat) -> None:
    row = {**proposed_terrace(), "status": CONFIRMED}
    changes = edits.assign_measures({1: row}, ["closure"], cat)
    assert changes.new[1]["status"] == OVERRIDDEN
    assert changes.old[1]["status"] == CONFIRMED


def test_no_measure_and_no_previous_measure_read_as_wu_cuo_shi(cat) -> None:
    changes = edits.assign_measures({3: proposed_terrace()}, [], cat)
    assert changes.new[3]["reason"] == "人工调整：水平梯田(土坎) + 植物篱/地埂植物带 → 无措施"
    assert changes.new[3]["measure_code"] == "" and changes.new[3]["measure_codes"] == ""
    empty = {"measure_code": None, "measure_names": None, "status": PROPOSED}
    changes = edits.assign_measures({4: empty}, ["grass"], cat)
    assert changes.new[4]["reason"] == "人工调整：无措施 → 种草"
    assert edits.manual_reason("", "") == "人工调整：无措施 → 无措施"


def test_an_assignment_that_changes_nothing_writes_nothing(cat) -> None:
    same = edits.assign_measures({7: proposed_terrace()}, ["terrace_level_earth", "hedgerow"], cat)
    assert not same and same.new == {} and same.old == {}
    # the same measures with other design parameters is a change
    changed = edits.assign_measures(
        {7: proposed_terrace()}, ["terrace_level_earth", "hedgerow"], cat, {"riser": "earth", "bench_width_m": 6.0}
    )
    assert changed.new[7]["measure_params"] == "riser=earth;bench_width_m=6"
    assert changed.new[7]["status"] == OVERRIDDEN
    assert (
        changed.new[7]["reason"] == "人工调整：水平梯田(土坎) + 植物篱/地埂植物带 → 水平梯田(土坎) + 植物篱/地埂植物带"
    )
    # params None: the parameters are not touched at all
    assert "measure_params" not in edits.assign_measures({7: proposed_terrace()}, ["grass"], cat).new[7]


def test_only_the_rows_that_change_are_in_a_multi_parcel_edit(cat) -> None:
    rows = {
        1: proposed_terrace(),
        2: {**proposed_terrace(), **edits.measure_values(["grass"], cat)},
        3: {"measure_codes": "", "measure_names": "", "status": PROPOSED},
    }
    changes = edits.assign_measures(rows, ["grass"], cat)
    assert changes.fids == [1, 3]
    assert changes.new[3]["reason"] == "人工调整：无措施 → 种草"


# -- parcels: confirm, works: accept / move / add ---------------------------------------------------------
def test_confirm_skips_what_is_already_confirmed() -> None:
    rows = {1: {"status": PROPOSED}, 2: {"status": CONFIRMED}, 3: {"status": OVERRIDDEN}, 4: {"status": None}}
    changes = edits.confirm(rows)
    assert changes.new == {1: {"status": CONFIRMED}, 3: {"status": CONFIRMED}, 4: {"status": CONFIRMED}}
    assert changes.old == {1: {"status": PROPOSED}, 3: {"status": OVERRIDDEN}, 4: {"status": None}}
    assert not edits.confirm({2: {"status": CONFIRMED}})
    back = edits.set_status({2: {"status": CONFIRMED}}, PROPOSED)
    assert back.new == {2: {"status": PROPOSED}} and back.old == {2: {"status": CONFIRMED}}


def test_a_moved_work_is_overridden_and_undo_restores_its_status() -> None:
    assert edits.move_work({"status": PROPOSED}) == ({"status": PROPOSED}, {"status": OVERRIDDEN})
    assert edits.move_work({"status": CONFIRMED}) == ({"status": CONFIRMED}, {"status": OVERRIDDEN})
    assert edits.move_work({}) == ({}, {})  # a layer without a status field: only the geometry moves


def test_a_hand_placed_work_is_confirmed_with_the_catalogue_defaults(cat) -> None:
    names = ["measure_code", "measure_name", "status", "measure_params", "note"]
    assert edits.new_work("cistern", cat, names) == {
        "measure_code": "cistern",
        "measure_name": "蓄水池",
        "measure_params": "volume_m3=100",
        "status": CONFIRMED,
    }
    # only the fields the layer has (the check_dams layer of suggest_gully_works has no measure_params)
    assert edits.new_work("check_dam", cat, ["measure_code", "status"]) == {
        "measure_code": "check_dam",
        "status": CONFIRMED,
    }
    assert edits.new_work("unknown_work", cat, names)["measure_name"] == ""


def test_unconfirmed_counts_every_status_but_confirmed() -> None:
    assert edits.unconfirmed([PROPOSED, CONFIRMED, OVERRIDDEN, None, "", CONFIRMED]) == 4
    assert edits.unconfirmed([]) == 0


# -- design parameters: one parser, full-width ；too --------------------------------------------------
def test_design_params_accept_the_full_width_semicolon() -> None:
    text = "riser=earth；bench_width_m=8 ; riser_height_max_m = 2.5"
    assert sbm.parse_design_params(text) == {"riser": "earth", "bench_width_m": 8.0, "riser_height_max_m": 2.5}
    # the editor's reading keeps what the designer typed, and skips what is not key=value
    assert sbm.parse_design_params("riser=earth；bench_width_m=8.50；oops", lenient=True) == {
        "riser": "earth",
        "bench_width_m": "8.50",
    }
    with pytest.raises(sbm.MeasureTableError) as info:
        sbm.parse_design_params("riser=earth；oops", "measures.csv", 12)
    assert (info.value.params["line"], info.value.params["column"]) == (12, "design_params")
    assert str(info.value.params["problem"]) == "'oops' is not key=value"


def test_design_params_round_trip_through_the_plan_text() -> None:
    values = {"riser": "earth", "bench_width_m": 8.0, "slope_ratio": 0.75, "empty": "", "none": None}
    text = sbm.format_design_params(values)
    assert text == "riser=earth;bench_width_m=8;slope_ratio=0.75"
    assert sbm.parse_design_params(text) == {"riser": "earth", "bench_width_m": 8.0, "slope_ratio": 0.75}
    assert sbm.parse_design_params(text.replace(";", "；"), lenient=True) == {
        "riser": "earth",
        "bench_width_m": "8",
        "slope_ratio": "0.75",
    }
