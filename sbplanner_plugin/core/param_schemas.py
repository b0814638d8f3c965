"""Every parameter table under ``resources/params`` with the schema its reader checks it by (issue 13).

One mechanism for all tables: a schema maps each column to its kind (``core.params``: text, a choice, a
:class:`~sbplanner_plugin.core.params.Num` with its allowed and usual range, or a
:class:`~sbplanner_plugin.core.params.ByKey` for the value column of a key/value table), and
``core.params.parse_table_lines`` checks every cell against it — an impossible value is an error naming the
table, line, column, value and allowed range; an implausible one a warning. The readers keep only the checks
across rows and columns (sums, orderings, references to other tables).

:func:`table_schemas` lists them, so a test can check that every bundled table has a schema, every number
column a finite range, and that the bundled values pass without a warning.
"""

from __future__ import annotations

from sbplanner_plugin.core.params import Kind

#: The demo's land-use code mapping: a user mapping (``core.landuse.parse_mapping``), text only.
MAPPING_SCHEMA: dict[str, Kind] = {"code": "str", "gbt21010_code": "str", "note": "opt"}


def table_schemas() -> dict[str, dict[str, Kind]]:
    """File name → schema of every table under resources/params (imported here, not at module level, so that
    the readers' modules keep importing ``core.params`` only)."""
    from sbplanner_plugin.core import benefits, factor_lookup, gully, investment, landuse, params, ranking
    from sbplanner_plugin.core.measures import catalogue, rules
    from sbplanner_plugin.core.quantities import dams, layout, measures, terrace

    return {
        **params.SCHEMAS,
        **benefits.SCHEMAS,
        landuse.TABLE_2007: landuse.SCHEMA_2007,
        "landuse_map_youwuzhen_swat.csv": MAPPING_SCHEMA,
        "measures.csv": catalogue.CATALOGUE_SCHEMA,
        "assignment_rules.csv": rules.RULES_SCHEMA | {rules.FLAG_COLUMN: "opt"},
        gully.GULLY_TABLE: gully.GULLY_SCHEMA,
        gully.DEPOSIT_TABLE: gully.DEPOSIT_SCHEMA,
        dams.DAM_TABLE: dams.DAM_SCHEMA,
        layout.LAYOUT_TABLE: layout.LAYOUT_SCHEMA,
        "quantity_params.csv": measures.QUANTITY_SCHEMA,
        "terrace_bench_widths.csv": terrace.BENCH_WIDTH_SCHEMA,
        "labour_norms.csv": terrace.LABOUR_SCHEMA,
        "unit_prices.csv": investment.UNIT_PRICE_SCHEMA,
        "cost_rates.csv": investment.COST_RATE_SCHEMA,
        "independent_costs.csv": investment.INDEPENDENT_SCHEMA,
        "funding_shares.csv": investment.FUNDING_SCHEMA,
        "investment_params.csv": investment.INVESTMENT_PARAMS_SCHEMA,
        ranking.URGENCY_TABLE: ranking.INDICATOR_SCHEMA,
        ranking.PRIORITY_TABLE: ranking.INDICATOR_SCHEMA,
        ranking.RANKING_PARAMS_TABLE: ranking.RANKING_SCHEMA,
        ranking.RANDOM_INDEX_TABLE: ranking.RANDOM_INDEX_SCHEMA,
        factor_lookup.R_REGIONS_TABLE: factor_lookup.R_REGIONS_SCHEMA,
        factor_lookup.K_SOILS_TABLE: factor_lookup.K_SOILS_SCHEMA,
    }
