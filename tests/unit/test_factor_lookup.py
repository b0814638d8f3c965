"""Issue 15: R by region and K by soil type from the shipped lookup tables (core.factor_lookup)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sbplanner_plugin.core.factor_lookup import (
    K_SOILS_TABLE,
    R_REGIONS_TABLE,
    lookup_k,
    lookup_r,
    parse_k_soils,
    parse_r_regions,
)
from sbplanner_plugin.core.params import ParamTableError, table_notes

PARAMS = Path(__file__).resolve().parents[2] / "resources" / "params"
HEADER_R = "region_id,province,county,name_zh,name_en,r_factor,source,confidence\n"


def bundled(name: str) -> str:
    return (PARAMS / name).read_text(encoding="utf-8")


def test_demo_county_gets_the_demo_r():
    """Fujian / Changting (the Youwuzhen demo) → R 7000 with the demo's source, UNVERIFIED."""
    rows = parse_r_regions(R_REGIONS_TABLE, bundled(R_REGIONS_TABLE))
    row = lookup_r(rows, "福建省", "长汀县")
    assert row is not None and row.key == "fj_changting"
    assert row.value == 7000.0
    assert row.confidence == "UNVERIFIED"
    assert "demo_factors.csv" in row.source


def test_county_not_listed_falls_back_to_province_row():
    rows = parse_r_regions(R_REGIONS_TABLE, bundled(R_REGIONS_TABLE))
    row = lookup_r(rows, "福建省", "宁化县")
    assert row is not None and row.key == "fj" and row.county == ""
    assert lookup_r(rows, "fj").key == "fj"  # by region id
    assert lookup_r(rows, "甘肃省") is None
    assert lookup_r(rows, "") is None


def test_county_row_of_another_province_is_not_used():
    text = HEADER_R + "a,省甲,县一,甲一,A1,5000,s,PROPOSAL\nb,省乙,县一,乙一,B1,6000,s,PROPOSAL\n"
    rows = parse_r_regions("r.csv", text)
    assert lookup_r(rows, "省乙", "县一").value == 6000.0
    assert lookup_r(rows, "省丙", "县一") is None


def test_r_row_without_source_is_an_error_naming_the_line():
    text = HEADER_R + "a,省甲,,甲,A,5000,,PROPOSAL\n"
    with pytest.raises(ParamTableError) as info:
        parse_r_regions("r.csv", text)
    assert info.value.params["line"] == 2 and info.value.params["column"] == "source"


def test_r_in_us_units_warns():
    """R 150 (a per-year figure in another convention, ~17× too small) passes but is flagged as unusual."""
    text = HEADER_R + "a,省甲,,甲,A,150,s,PROPOSAL\n"
    with table_notes() as notes:
        rows = parse_r_regions("r.csv", text)
    assert rows[0].value == 150.0
    assert len(notes) == 1


def test_k_by_code_and_name():
    rows = parse_k_soils(K_SOILS_TABLE, bundled(K_SOILS_TABLE))
    assert lookup_k(rows, "red_granite").value == 0.005
    assert lookup_k(rows, "紫色土").value == pytest.approx(0.058)
    assert lookup_k(rows, "Purple soil").key == "purple"
    assert lookup_k(rows, "黑土") is None
    assert all(0.001 <= r.value <= 0.08 for r in rows)
    assert all(r.source and r.confidence for r in rows)


def test_k_out_of_range_is_an_error():
    text = "soil_code,name_zh,name_en,k_factor,source,confidence\nx,甲,A,1.5,s,PROPOSAL\n"
    with pytest.raises(ParamTableError) as info:
        parse_k_soils("k.csv", text)
    assert info.value.params["column"] == "k_factor"
