"""Core errors keep an English ``str()`` when their detail is a translatable :class:`Msg` (no Qt here)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sbplanner_plugin.adapters import param_files
from sbplanner_plugin.adapters.param_files import load_gully_params, read_soil_k, read_table
from sbplanner_plugin.core import measures as sbm
from sbplanner_plugin.core.errors import Msg, msg
from sbplanner_plugin.core.params import NOT_A_NUMBER, NOT_ONE_OF, SCHEMAS, ParamTableError

PARAMS = Path(__file__).resolve().parents[2] / "resources" / "params"


def test_msg_str_is_the_english_text_and_nests():
    detail = msg(NOT_ONE_OF, text="maybe", choices="yes, no")
    assert str(detail) == "'maybe' is not one of yes, no"
    assert detail == Msg("'{text}' is not one of {choices}", {"text": "maybe", "choices": "yes, no"})
    outer = msg("line {line}: {problem}", line=3, problem=detail)
    assert str(outer) == "line 3: 'maybe' is not one of yes, no"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_number_in_a_table_row_reads_in_english(tmp_path):
    path = write(
        tmp_path / "slr_coefficients.csv", "name,value,source,confidence\na,1.5,x,CONFIRMED\nb,abc,x,PARTIAL\n"
    )
    with pytest.raises(ParamTableError) as info:
        read_table(path, SCHEMAS["slr_coefficients.csv"])
    assert str(info.value) == "Parameter table slr_coefficients.csv, line 3, column 'value': 'abc' is not a number"
    assert info.value.params["problem"] == Msg(NOT_A_NUMBER, {"text": "abc"})


def test_bad_choice_and_infinite_value_read_in_english(tmp_path):
    path = write(tmp_path / "slr_coefficients.csv", "name,value,source,confidence\na,1.5,x,SURE\n")
    with pytest.raises(ParamTableError) as info:
        read_table(path, SCHEMAS["slr_coefficients.csv"])
    assert str(info.value) == (
        "Parameter table slr_coefficients.csv, line 2, column 'confidence': "
        "'SURE' is not one of CONFIRMED, PARTIAL, UNVERIFIED, DERIVED, PROPOSAL"
    )
    write(path, "name,value,source,confidence\na,inf,x,CONFIRMED\n")
    with pytest.raises(ParamTableError, match=r"column 'value': 'inf' is not finite$"):
        read_table(path, SCHEMAS["slr_coefficients.csv"])


def test_soil_k_out_of_range_reads_in_english(tmp_path):
    path = write(tmp_path / "soil_k.csv", "soil_code,k_factor\nS1,0.02\nS2,1.5\n")
    with pytest.raises(ParamTableError) as info:
        read_soil_k(path)
    assert (
        str(info.value)
        == "Parameter table soil_k.csv, line 3, column 'k_factor': 1.5 is outside 0–1 t·hm²·h/(hm²·MJ·mm)"
    )


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("max_strahler,2,", "max_strahler,0,", "0 is outside the allowed range 1 ≤ max_strahler ≤ 20"),
        (
            "dam_height_m_earth,2.0,",
            "dam_height_m_earth,0,",
            "0 is outside the allowed range 0 < dam_height_m_earth ≤ 20",
        ),
        (
            "min_reach_length_m,30,",
            "min_reach_length_m,-5,",
            "-5 is outside the allowed range 0 ≤ min_reach_length_m ≤ 100000",
        ),
        ("stable_gradient_min,0.005,", "stable_gradient_min,abc,", "'abc' is not a number"),
    ],
)
def test_gully_table_problems_read_in_english(tmp_path, old, new, problem):
    path = tmp_path / "gully_works.csv"
    shutil.copy(PARAMS / "gully_works.csv", path)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ParamTableError) as info:
        load_gully_params(path)
    assert str(info.value).endswith(f"column 'value': {problem}")
    assert isinstance(info.value.params["problem"], Msg)


def test_rule_with_unknown_placeholder_reads_in_english(tmp_path):
    cat = param_files.load_catalogue(PARAMS / "measures.csv")
    path = tmp_path / "assignment_rules.csv"
    text = (PARAMS / "assignment_rules.csv").read_text(encoding="utf-8")
    assert "{slope:.1f}" in text
    path.write_text(text.replace("{slope:.1f}", "{slop:.1f}", 1), encoding="utf-8")
    with pytest.raises(sbm.MeasureTableError) as info:
        param_files.load_rules(path, cat)
    assert str(info.value.params["problem"]) == (
        "unknown placeholder {slop} (use {landuse}, {code}, {slope}, {erosion}, {soil}, {cover}, {canopy}, "
        "{gdlx}, {measures})"
    )
    assert str(info.value).startswith("Parameter table assignment_rules.csv, line ")


def test_plan_store_reasons_read_in_english():
    from sbplanner_plugin.adapters.plan_store import PlanStoreError
    from sbplanner_plugin.adapters.plan_store_postgis import PostgisPlanStore

    with pytest.raises(PlanStoreError) as info:
        PostgisPlanStore("dbname=plans", "my plan")
    assert str(info.value) == "The plan my plan cannot be used: a plan schema name is letters, digits and _ only"
    with pytest.raises(PlanStoreError) as info:
        PostgisPlanStore.from_location("postgres:dbname=plans")
    assert str(info.value) == (
        "The plan postgres:dbname=plans cannot be used: no schema=<name> in the PostGIS plan location"
    )
