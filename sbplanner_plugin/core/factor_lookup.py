"""Lookup tables for the CSLE factors the user types in: R by region, K by soil type (issue 15).

Two shipped tables under ``resources/params`` (each row with its ``source`` and ``confidence``; a copy in
the override folder replaces them): ``r_factor_regions.csv`` (mean annual rainfall erosivity R of a
province / county, MJ·mm/(hm²·h·a)) and ``k_soil_types.csv`` (soil erodibility K of a soil type,
t·hm²·h/(hm²·MJ·mm)). The dock's pickers list their rows; choosing one fills the R / K number. The values
are orders of magnitude for a first look, not survey data: a real plan uses the provincial 动态监测 R and
K rasters (domain reference §3.2, §3.3). Pure: the text is handed in (``adapters.param_files`` opens it).
"""

from __future__ import annotations

from dataclasses import dataclass

from sbplanner_plugin.core.params import Kind, Num, parse_table

R_REGIONS_TABLE = "r_factor_regions.csv"
K_SOILS_TABLE = "k_soil_types.csv"
R_UNIT = "MJ·mm/(hm²·h·a)"
K_UNIT = "t·hm²·h/(hm²·MJ·mm)"

#: The allowed ranges are those of factor_plausibility.csv's "allowed" columns (0 < R ≤ 100 000, 0 < K ≤ 1);
#: the usual ranges its general rows (R 300–20 000, K 0.001–0.08).
R_REGIONS_SCHEMA: dict[str, Kind] = {
    "region_id": "str",
    "province": "str",
    "county": "opt",
    "name_zh": "str",
    "name_en": "str",
    "r_factor": Num(0.0, 100000.0, lo_open=True, warn_lo=300.0, warn_hi=20000.0),
}
K_SOILS_SCHEMA: dict[str, Kind] = {
    "soil_code": "str",
    "name_zh": "str",
    "name_en": "str",
    "k_factor": Num(0.0, 1.0, lo_open=True, warn_lo=0.001, warn_hi=0.08),
}


@dataclass(frozen=True)
class FactorRow:
    """One row of a lookup table: its key, names, value, and where the value comes from."""

    key: str
    name_zh: str
    name_en: str
    value: float
    source: str
    confidence: str
    province: str = ""
    county: str = ""

    def name(self, chinese: bool) -> str:
        return self.name_zh if chinese else self.name_en


def parse_r_regions(name: str, text: str) -> list[FactorRow]:
    """The rows of ``r_factor_regions.csv`` (a :class:`~sbplanner_plugin.core.params.ParamTableError`
    naming file, line and column when a cell is wrong)."""
    return [
        FactorRow(
            key=row["region_id"],
            name_zh=row["name_zh"],
            name_en=row["name_en"],
            value=float(row["r_factor"]),
            source=row["source"],
            confidence=row["confidence"],
            province=row["province"],
            county=row["county"] or "",
        )
        for row in parse_table(name, text, R_REGIONS_SCHEMA)
    ]


def parse_k_soils(name: str, text: str) -> list[FactorRow]:
    """The rows of ``k_soil_types.csv``."""
    return [
        FactorRow(
            key=row["soil_code"],
            name_zh=row["name_zh"],
            name_en=row["name_en"],
            value=float(row["k_factor"]),
            source=row["source"],
            confidence=row["confidence"],
        )
        for row in parse_table(name, text, K_SOILS_SCHEMA)
    ]


def _same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def lookup_r(rows: list[FactorRow], province: str, county: str = "") -> FactorRow | None:
    """The R row of ``county`` in ``province`` (names or region ids, case-insensitive), else the province's own
    row (no county), else None. A county row is never used for another county of the province."""
    province, county = province.strip(), county.strip()
    if not province and not county:
        return None
    if county:
        for row in rows:
            if (not province or _same(row.province, province)) and row.county and _same(row.county, county):
                return row
    for row in rows:
        if _same(row.key, province) or (_same(row.province, province) and not row.county):
            return row
    return None


def lookup_k(rows: list[FactorRow], soil: str) -> FactorRow | None:
    """The K row of soil type ``soil`` (its code or either name, case-insensitive), else None."""
    soil = soil.strip()
    for row in rows:
        if soil and (_same(row.key, soil) or _same(row.name_zh, soil) or _same(row.name_en, soil)):
            return row
    return None
