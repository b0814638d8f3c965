"""Issue 13, hostile inputs (helper F): implausible factors, parameter tables, areas, parcels off the DEM.

Each test is one case of /work/tr/hostile_f.md (id in the docstring): the input a new user could give and
the outcome asserted — the right result, a warning, or a named, clear error (table, line, column, value,
allowed range). No QGIS: the QGIS cases are in tests/qgis/test_hostile_parcels.py.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
import shapely
from osgeo import gdal

from sbplanner_plugin.adapters import param_files
from sbplanner_plugin.adapters.param_files import load_param_set
from sbplanner_plugin.adapters.raster import write_geotiff
from sbplanner_plugin.core import benefits, csle, summaries
from sbplanner_plugin.core.errors import InvalidParameterError, Msg
from sbplanner_plugin.core.factors import FactorRangeError
from sbplanner_plugin.core.grid import Grid
from sbplanner_plugin.core.investment import parse_cost_rates, parse_funding_shares, parse_unit_prices
from sbplanner_plugin.core.measures.keep import geometry_key, unmatched_decisions
from sbplanner_plugin.core.overlaps import DuplicateParcelsError, check_overlaps, find_overlaps
from sbplanner_plugin.core.param_schemas import table_schemas
from sbplanner_plugin.core.params import ByKey, Num, ParamTableError, parse_table_lines, table_notes
from sbplanner_plugin.core.parcels import FractionRangeError, analyse_layer, erosion_class, tolerance_of
from sbplanner_plugin.core.quantities.dams import parse_dam_params
from sbplanner_plugin.core.quantities.measures import parse_quantity_params
from sbplanner_plugin.core.quantities.terrace import parse_bench_widths, parse_labour_norms
from sbplanner_plugin.core.ranking import parse_indicators, parse_random_index, parse_ranking_params
from tests.unit.test_parcels_layer import ATTRS, COLS, ROWS, inputs, labels, params, plane  # noqa: F401
from tests.unit.test_summaries_domain import columns

PARAMS = Path(__file__).resolve().parents[2] / "resources" / "params"
UTM50 = 'PROJCS["WGS 84 / UTM zone 50N",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",117],PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1]]'  # noqa: E501


def bundled(name: str) -> str:
    return (PARAMS / name).read_text(encoding="utf-8-sig")


def edited(name: str, old: str, new: str) -> str:
    text = bundled(name)
    assert old in text, old
    return text.replace(old, new, 1)


def line_of(text: str, start: str) -> int:
    return next(i for i, t in enumerate(text.splitlines(), start=1) if t.startswith(start))


def line_with(text: str, part: str) -> int:
    """The line number of the first line of ``text`` holding ``part``."""
    return text[: text.index(part)].count("\n") + 1


def override(tmp_path: Path, name: str, text: str) -> Path:
    """A user's override folder holding ``name`` with ``text`` (the rest bundled)."""
    folder = tmp_path / "params"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def problem_of(info) -> tuple[str, int, str, str]:
    p = info.value.params
    return p["file"], p["line"], p["column"], str(p["problem"])


# ------------------------------------------------------------------------------------------------
# the schema mechanism itself


def test_every_bundled_table_has_a_schema_with_finite_bounds_and_passes_without_a_warning():
    """F-01: every table under resources/params is checked by a schema; every number column has finite bounds."""
    schemas = table_schemas()
    assert sorted(schemas) == sorted(p.name for p in PARAMS.glob("*.csv"))
    for name, schema in schemas.items():
        kinds = [k for k in schema.values() if isinstance(k, Num)]
        for k in schema.values():
            if isinstance(k, ByKey):
                kinds += [v for v in (*k.keys.values(), *k.prefixes.values()) if isinstance(v, Num)]
            assert k not in ("float", "optfloat", "int"), f"{name}: an unbounded number column"
        for k in kinds:
            assert math.isfinite(k.lo) and math.isfinite(k.hi), name
        with table_notes() as notes:
            rows = parse_table_lines(name, bundled(name), schema)
        assert rows and notes == [], (name, [str(n) for n in notes])
        for k in schema.values():  # every key of a key/value table is known
            if isinstance(k, ByKey):
                assert all(k.kind_of(str(r[k.key_column])) is not None for _line, r in rows), name


def test_a_warning_outside_a_run_is_dropped_and_inside_it_is_collected_once():
    """F-02: the same implausible value read twice in a run → one warning; outside a run → no crash."""
    text = edited("tolerance_regions.csv", ",500,SL 190-2007 容许土壤流失量表", ",50,SL 190-2007 容许土壤流失量表")
    schema = table_schemas()["tolerance_regions.csv"]
    parse_table_lines("tolerance_regions.csv", text, schema)  # no collector: nothing to push, no error
    with table_notes() as notes:
        parse_table_lines("tolerance_regions.csv", text, schema)
        parse_table_lines("tolerance_regions.csv", text, schema)
    assert len(notes) == 1 and isinstance(notes[0], Msg)
    assert str(notes[0]) == (
        "Parameter table tolerance_regions.csv, line 2, column 'tolerance_t_km2_a': 50 lies outside the usual "
        "range 100 ≤ tolerance_t_km2_a ≤ 1000; check it before using the results."
    )


# ------------------------------------------------------------------------------------------------
# tolerance and erosion classes


def test_negative_tolerance_in_an_override_table_is_an_error_naming_the_cell(tmp_path):
    """F-03: tolerance −500 in the user's tolerance_regions.csv → error (table, line, column, value, range)."""
    text = edited("tolerance_regions.csv", ",500,SL 190-2007 容许土壤流失量表", ",-500,SL 190-2007 容许土壤流失量表")
    with pytest.raises(ParamTableError) as info:
        load_param_set(None, override(tmp_path, "tolerance_regions.csv", text))
    assert problem_of(info) == (
        "tolerance_regions.csv",
        2,
        "tolerance_t_km2_a",
        "-500 is outside the allowed range 0 < tolerance_t_km2_a ≤ 10000",
    )


def test_tolerance_above_the_moderate_class_in_a_table_is_an_error(tmp_path):
    """F-04: a region's tolerance 3000 (≥ 中度's 2500) → error: the SL 190 classes would overlap."""
    text = edited("tolerance_regions.csv", ",1000,SL 190-2007", ",3000,SL 190-2007")
    with pytest.raises(ParamTableError, match="allowable soil loss 3000 of region 2 is not below 2500"):
        load_param_set(None, override(tmp_path, "tolerance_regions.csv", text))


def test_given_tolerance_above_the_moderate_class_is_an_invalid_parameter(params):  # noqa: F811
    """F-05: TOLERANCE_T_KM2_A = 3000 → InvalidParameterError naming the parameter and the 2500 limit."""
    with pytest.raises(InvalidParameterError, match=r"TOLERANCE_T_KM2_A: 3000 .*below 2500"):
        tolerance_of(params, 0, 3000.0)
    with pytest.raises(InvalidParameterError, match="TOLERANCE_T_KM2_A"):
        tolerance_of(params, 0, math.inf)
    assert tolerance_of(params, 0, 0.0) == 500.0 and tolerance_of(params, 0, 200.0) == 200.0


def test_misordered_erosion_classes_are_an_error(tmp_path):
    """F-06: erosion_classes.csv with 强烈 below 中度 → error (classes would be assigned wrongly)."""
    text = edited("erosion_classes.csv", "3,强烈,intense,5000,", "3,强烈,intense,2000,")
    with pytest.raises(ParamTableError, match=r"lower bound of class 3 \(2000\) is not above that of class 2"):
        load_param_set(None, override(tmp_path, "erosion_classes.csv", text))


def test_implausible_tolerance_warns_and_is_used(tmp_path):
    """F-07: tolerance 50 (possible, unusual) → the table loads, with a warning naming the cell."""
    text = edited("tolerance_regions.csv", ",500,SL 190-2007 容许土壤流失量表", ",50,SL 190-2007 容许土壤流失量表")
    with table_notes() as notes:
        params = load_param_set(None, override(tmp_path, "tolerance_regions.csv", text))
    assert params.tolerance[0][2] == 50.0
    assert len(notes) == 1 and "column 'tolerance_t_km2_a': 50 lies outside the usual range" in str(notes[0])


# ------------------------------------------------------------------------------------------------
# CSLE factor tables


@pytest.mark.parametrize(
    ("name", "old", "new", "column", "problem"),
    [
        # F-08: an E factor above 1 (a measure that doubles erosion)
        ("e_factor.csv", ",0.084,", ",1.5,", "e", "1.5 is outside the allowed range 0 ≤ e ≤ 1"),
        # F-09: a T factor typed as text
        ("t_factor.csv", ",0.6,", ",O.6,", "t", "'O.6' is not a number"),
        # F-10: cover in percent in b_factor.csv (45 instead of 0.45)
        ("b_factor.csv", "slr_forest,0.45,", "slr_forest,45,", "default_fvc", "45 is outside the allowed range 0 ≤"),
        # F-11: 林草 threshold in percent
        ("forest_grass_cover.csv", "canopy,0.2,", "canopy,20,", "min_value", "20 is outside the allowed range"),
        # F-12: infinite SLR coefficient
        ("slr_coefficients.csv", "forest_a,0.44468,", "forest_a,inf,", "value", "'inf' is not finite"),
        # F-13: a cropping-zone T of 1e300
        ("t_zones.csv", ",0.281,", ",1e300,", "t", "1e300 is outside the allowed range 0 ≤ t ≤ 1"),
        # F-14: R's plausible range with an upper bound of 0
        ("factor_plausibility.csv", "R,,300,20000,", "R,,300,0,", "upper", "0 is outside the allowed range"),
    ],
)
def test_impossible_factor_table_values_are_errors(tmp_path, name, old, new, column, problem):
    """F-08…F-14: impossible values in the CSLE factor tables → error naming table, line, column, value, range."""
    text = edited(name, old, new)
    with pytest.raises(ParamTableError) as info:
        load_param_set(None, override(tmp_path, name, text))
    file, line, col, got = problem_of(info)
    assert (file, line, col) == (name, line_with(text, new), column)
    assert problem in got


def test_an_older_plausibility_table_without_the_allowed_columns_still_loads(tmp_path):
    """F-15: a user's copy of factor_plausibility.csv from before issue 13 → loads; R/K only need to be ≥ 0."""
    from sbplanner_plugin.core.factors import allowed_range

    rows = bundled("factor_plausibility.csv").splitlines()
    old = [",".join(r.split(",")[:6] + r.split(",")[8:]) for r in rows[:1]] + [
        r.replace(",0,100000,", ",").replace(",0,1,", ",").replace(",,,", ",", 1) for r in rows[1:]
    ]
    text = "\n".join(old) + "\n"
    assert "allowed_lower" not in text
    older = load_param_set(None, override(tmp_path, "factor_plausibility.csv", text))
    assert allowed_range(older, "R") == (0.0, math.inf)
    assert older.plausibility_regional[("R", 0)]["lower"] == 2000.0


# ------------------------------------------------------------------------------------------------
# R, K, cover and canopy of a run (core.parcels.analyse_layer on the 20° plane of test_parcels_layer)


@pytest.mark.parametrize(
    ("extra", "text"),
    [
        ({"r_factor": 1e300}, "R (number given (R_FACTOR)): 1e+300 is impossible. The allowed range is 0 ≤ R ≤ 100000"),
        ({"k_factor": 5.0}, "K (number given (K_FACTOR)): 5 is impossible. The allowed range is 0 ≤ K ≤ 1"),
        ({"k_factor": -0.005}, "K (number given (K_FACTOR)): -0.005 is impossible."),
    ],
)
def test_impossible_factor_numbers_stop_the_run(plane, params, extra, text):  # noqa: F811
    """F-16…F-18: R = 1e300, K = 5, K = −0.005 → FactorRangeError naming the factor, value and allowed range."""
    with pytest.raises(FactorRangeError) as info:
        analyse_layer(inputs(plane, params, **extra))
    assert str(info.value).startswith(text) and str(info.value).endswith("Nothing was written.")


def test_k_raster_with_undeclared_nodata_stops_the_run(plane, params):  # noqa: F811
    """F-19: a K raster whose −9999 nodata is not declared (3 cells in the parcels) → error with the count."""
    k = np.full((ROWS, COLS), 0.005)
    k[0, 0:3] = -9999.0
    k[19, 9] = np.inf
    with pytest.raises(FactorRangeError) as info:
        analyse_layer(inputs(plane, params, k_factor=k, factor_origins={"K": "/data/k.tif"}))
    assert str(info.value).startswith(
        "K (raster /data/k.tif): 4 of the parcels' cells hold impossible values (e.g. inf; an undeclared nodata value?)"
    )


def test_k_field_with_a_negative_value_stops_the_run(plane, params):  # noqa: F811
    """F-20: a parcel K field holding −0.02 → error counting the parcels."""
    attrs = {**ATTRS, "KF": [0.004, -0.02, None, 0.004, None]}
    with pytest.raises(
        FactorRangeError, match=r"K \(parcel field KF\): 1 parcels hold impossible values \(e.g. -0.02\)"
    ):
        analyse_layer(inputs(plane, params, attrs=attrs, k_field="KF"))


def test_us_unit_k_is_a_warning_not_an_error(plane, params):  # noqa: F811
    """F-21: K = 0.3 (US customary units) → the run finishes with a warning naming the likely cause."""
    result = analyse_layer(inputs(plane, params, k_factor=0.3))
    assert any("K looks like US customary units" in str(w) for w in result.factor_warnings)
    assert np.isfinite(result.table.loc[[1, 3], "soil_loss_t_km2_a"].to_numpy(dtype=float)).all()


def test_one_percent_cover_among_fractions_is_read_by_itself(plane, params):  # noqa: F811
    """F-22: cover 0.6, 0.4, 55 → 0.6, 0.4, 0.55 (not 0.006, 0.004, 0.55) with a warning naming the field."""
    attrs = {**ATTRS, "FVC": [0.6, 0.4, None, 55, None], "YBD": [0.6, 0.3, None, 0.7, None]}
    result = analyse_layer(inputs(plane, params, attrs=attrs))
    assert result.table.loc[1, "cover_fvc"] == pytest.approx(0.6)
    assert result.table.loc[4, "cover_fvc"] == pytest.approx(0.55)
    b = float(csle.slr_forest(np.array(0.6), np.array(0.6), params.slr))
    assert result.table.loc[1, "b_factor"] == pytest.approx(b)
    notes = [str(w) for w in result.factor_warnings]
    assert "field FVC: 1 values above 1 among fractions were read as percentages (55 → 0.55), the others as " \
           "fractions; check the values." in notes  # fmt: skip


def test_a_fraction_among_percentages_is_read_as_a_percentage_with_a_warning():
    """F-23: cover 60, 40, 0.5 (percent column) → 0.6, 0.4, 0.005, and the 0.5 counted in a warning."""
    reading = csle.read_fraction(np.array([60.0, 40.0, 0.5, np.nan, 0.0]))
    assert reading.percent and reading.mixed == 1 and reading.impossible == 0
    assert reading.values[:3] == pytest.approx([0.6, 0.4, 0.005]) and math.isnan(reading.values[3])


def test_cover_of_255_is_an_error(plane, params):  # noqa: F811
    """F-24: a cover field holding 255 (nodata of a byte raster) → FractionRangeError naming the field."""
    attrs = {**ATTRS, "FVC": [60, 255, None, 50, None]}
    with pytest.raises(FractionRangeError, match=r"field FVC: 1 values lie outside 0–1 and 0–100 % \(e.g. 255\)"):
        analyse_layer(inputs(plane, params, attrs=attrs))


def test_cover_raster_fill_outside_the_parcels_is_not_read(plane, params):  # noqa: F811
    """F-25: a 0–1 cover raster with 255 outside the parcels → used as fractions (not ÷ 100); 255 inside → error."""
    cover = np.full((ROWS, COLS), 0.6)
    lab = labels().copy()
    lab[0, 0] = 0  # one cell outside every parcel
    cover[0, 0] = 255.0
    result = analyse_layer(inputs(plane, params, labels=lab, cover_grid=cover, factor_origins={"cover": "c.tif"}))
    assert result.table.loc[1, "cover_fvc"] == pytest.approx(0.6)
    cover[5, 5] = 255.0
    with pytest.raises(FractionRangeError, match=r"cover raster c.tif: 1 values"):
        analyse_layer(inputs(plane, params, labels=lab, cover_grid=cover, factor_origins={"cover": "c.tif"}))


def test_no_class_without_a_finite_modulus(params):  # noqa: F811
    """F-26: an infinite or NaN modulus gets no class (was 剧烈 beside a NULL soil loss)."""
    assert erosion_class(np.array([np.inf, np.nan, 100.0, 20000.0]), params, 500.0).tolist() == [-1, -1, 0, 5]


def test_soil_loss_raster_never_holds_inf(tmp_path):
    """F-27: a soil-loss grid holding ±inf and 1e300 → written as nodata, the finite cells as they are."""
    grid = Grid(np.zeros((2, 2)), (0.0, 10.0, 0.0, 20.0, 0.0, -10.0), UTM50)
    path = str(tmp_path / "a.tif")
    write_geotiff(path, np.array([[np.inf, -np.inf], [1e300, 1234.5]]), grid)
    ds = gdal.Open(path)  # kept: a band outliving its dataset crashes GDAL
    band = ds.GetRasterBand(1)
    assert band.ReadAsArray().tolist() == [[-9999.0, -9999.0], [-9999.0, 1234.5]]
    assert band.GetNoDataValue() == -9999.0


# ------------------------------------------------------------------------------------------------
# step 3–5 tables: negative prices, text in number columns, percent for a fraction …


@pytest.mark.parametrize(
    ("parse", "name", "old", "new", "problem"),
    [
        # F-28: a negative unit price
        (parse_unit_prices, "unit_prices.csv", "earth_cut_m3,元/m³,18,", "earth_cut_m3,元/m³,-18,",
         "-18 is outside the allowed range 0 ≤ price_yuan ≤ 1e+09"),
        # F-29: text in a price
        (parse_unit_prices, "unit_prices.csv", "earth_cut_m3,元/m³,18,", "earth_cut_m3,元/m³,十八,",
         "'十八' is not a number"),
        # F-30: a price of 1e300 (a typo that would overflow the estimate)
        (parse_unit_prices, "unit_prices.csv", "earth_cut_m3,元/m³,18,", "earth_cut_m3,元/m³,1e300,",
         "1e300 is outside the allowed range"),
        # F-31: a cost rate above 100 %
        (parse_cost_rates, "cost_rates.csv", "1,*,4.0,7.0,", "1,*,4.0,170,",
         "170 is outside the allowed range 0 ≤ indirect_pct ≤ 100"),
        # F-32: a negative funding share (the sum is still 100)
        (parse_funding_shares, "funding_shares.csv", "*,60,30,10,0,", "*,70,30,10,-10,",
         "-10 is outside the allowed range 0 ≤ private_pct ≤ 100"),
        # F-33: a negative dam height
        (parse_dam_params, "dam_params.csv", "dam_height_m_pond_dam,5.0,", "dam_height_m_pond_dam,-5,",
         "-5 is outside the allowed range 0 < dam_height_m_pond_dam ≤ 300"),
        # F-34: a negative ditch width
        (parse_quantity_params, "quantity_params.csv", "ditch_bottom_width_m,0.4,", "ditch_bottom_width_m,-0.4,",
         "-0.4 is outside the allowed range 0 < ditch_bottom_width_m ≤ 20"),
        # F-35: a bench width of 0
        (parse_bench_widths, "terrace_bench_widths.csv", "0,5,12.5,", "0,5,0,",
         "0 is outside the allowed range 0 < bench_width_m ≤ 100"),
        # F-36: negative labour days
        (parse_labour_norms, "labour_norms.csv", "terrace_level_earth,earth_cut_m3,0.30,",
         "terrace_level_earth,earth_cut_m3,-0.30,", "-0.30 is outside the allowed range 0 ≤ days_per_unit"),
        # F-37: a perturbation of 200 % in the ranking parameters
        (parse_ranking_params, "ranking_params.csv", "weight_perturbation,0.20,", "weight_perturbation,2,",
         "2 is outside the allowed range 0 ≤ weight_perturbation ≤ 1"),
        # F-38: Saaty's RI of 5
        (parse_random_index, "ahp_random_index.csv", "3,0.58,", "3,5.8,",
         "5.8 is outside the allowed range 0 ≤ ri ≤ 2"),
    ],
)  # fmt: skip
def test_impossible_step_3_to_5_table_values_are_errors(parse, name, old, new, problem):
    """F-28…F-38: negative prices, text, 1e300, rates > 100 %, negative shares, heights, widths, norms …"""
    text = edited(name, old, new)
    with pytest.raises(ParamTableError) as info:
        parse(name, text)
    file, line, _column, got = problem_of(info)
    assert (file, line) == (name, line_with(text, new))
    assert problem in got


def test_benefit_tables_refuse_impossible_and_warn_on_implausible_values():
    """F-39/F-40: discount rate −100 % → error; 水土保持率 target 0.73 (a fraction) → a warning with the hint."""
    texts = {n: bundled(n) for n in benefits.TABLE_NAMES}
    bad = dict(
        texts, **{benefits.PRICES_TABLE: edited(benefits.PRICES_TABLE, "discount_rate,,%,8,", "discount_rate,,%,-100,")}
    )
    with pytest.raises(ParamTableError, match="-100 is outside the allowed range -100 < discount_rate ≤ 100"):
        benefits.parse_tables(bad)
    odd = dict(texts, **{benefits.TARGETS_TABLE: edited(benefits.TARGETS_TABLE, "2025,73,", "2025,0.73,")})
    with table_notes() as notes:
        tables = benefits.parse_tables(odd)
    assert tables.targets["CN-2025"].swc_rate_pct == 0.73
    assert [str(n) for n in notes] == [
        f"Parameter table swc_targets.csv, line {line_of(odd[benefits.TARGETS_TABLE], 'CN-2025')}, column "
        "'swc_rate_target_pct': 0.73 lies outside the usual range 10 ≤ swc_rate_target_pct (a percentage: 73, not "
        "0.73?); check it before using the results."
    ]


def test_cover_bound_of_a_rule_in_percent_is_an_error(tmp_path):
    """F-41: assignment_rules.csv with cover_min 60 (percent) → error naming the rule's line and column."""
    text = edited("assignment_rules.csv", ",0.6,", ",60,")
    path = tmp_path / "assignment_rules.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParamTableError) as info:
        param_files.load_rules(path, param_files.load_catalogue(PARAMS / "measures.csv"))
    assert problem_of(info)[2:] == ("cover_min", "60 is outside the allowed range 0 ≤ cover_min ≤ 1")


def test_indicator_weight_of_1e300_is_an_error():
    """F-42: an urgency indicator weight of 1e300 → error (the weights are normalised by their sum)."""
    text = edited("urgency_indicators.csv", ",computed,1,0.20,", ",computed,1,1e300,")
    with pytest.raises(ParamTableError, match="column 'weight': 1e300 is outside the allowed range 0 ≤ weight"):
        parse_indicators("urgency_indicators.csv", text, ("eroded_share",))


def test_an_unknown_key_in_a_key_value_table_is_a_warning():
    """F-43: a misspelt key (stage_step instead of stage_step_m) → no row 'stage_step_m', and the unknown key warned."""
    text = edited("dam_params.csv", "stage_step_m,0.5,", "stage_step,0.5,")
    with table_notes() as notes, pytest.raises(ParamTableError, match="no row 'stage_step_m'"):
        parse_dam_params("dam_params.csv", text)
    assert "unknown key 'stage_step'" in str(notes[0])


def test_an_implausible_quantity_parameter_warns_and_is_used():
    """F-44: Manning's n of 0.5 (possible, unusual) → used, with a warning naming the cell and usual range."""
    text = edited("quantity_params.csv", "manning_n_earth,0.030,", "manning_n_earth,0.5,")
    with table_notes() as notes:
        values = parse_quantity_params("quantity_params.csv", text)
    assert values["manning_n_earth"] == 0.5
    assert "0.5 lies outside the usual range 0.01 ≤ manning_n_earth ≤ 0.1" in str(notes[0])


# ------------------------------------------------------------------------------------------------
# geometry: duplicated and overlapping parcels (core.overlaps)


def squares(*boxes) -> list[bytes]:
    return [shapely.to_wkb(shapely.box(x, y, x + s, y + s)) for x, y, s in boxes]


def test_duplicated_parcels_are_an_error_naming_their_ids():
    """F-45: parcel 7 given twice (ids 7 and 12) → DuplicateParcelsError '12 = 7'."""
    wkb = squares((0, 0, 100), (100, 0, 100), (0, 0, 100))
    with pytest.raises(
        DuplicateParcelsError, match=r"1 parcels repeat another parcel's geometry \(feature ids 12 = 7\)"
    ):
        check_overlaps(wkb, [7, 8, 12])


def test_overlapping_parcels_are_a_warning_with_ids_and_shared_area():
    """F-46: two parcels sharing 10 × 100 m → a warning naming both ids and 0.10 hm², overlap per parcel."""
    wkb = squares((0, 0, 100), (90, 0, 100), (300, 0, 100))
    found, note = check_overlaps(wkb, [1, 2, 3])
    assert found.overlap_m2.tolist() == pytest.approx([1000.0, 1000.0, 0.0])
    assert str(note).startswith("2 parcels overlap other parcels (feature ids 1, 2); 0.10 hm² lie in two parcels")


def test_touching_parcels_and_sub_square_metre_slivers_are_not_overlaps():
    """F-47: neighbours that only touch, and an overlap of 0.5 m² (digitising noise) → no warning."""
    wkb = [*squares((0, 0, 100), (100, 0, 100)), shapely.to_wkb(shapely.box(199.995, 0, 300, 100))]
    found, note = check_overlaps(wkb)
    assert note is None and found.count == 0


def test_a_parcel_inside_another_is_found_even_below_the_candidate_grid():
    """F-48: a 4 m² parcel lying inside a 1 ha parcel (no cell of its own on the candidate grid) → overlap found."""
    found = find_overlaps(squares((0, 0, 100), (100, 0, 100), (50, 50, 2)))
    assert found.overlapping.tolist() == [True, False, True] and found.shared_m2 == pytest.approx(4.0)


def test_overlapping_parcels_are_not_reported_as_partly_outside_the_dem(plane, params):  # noqa: F811
    """F-49: parcel 2 overlapping parcel 1 by half → an overlap warning; not 'partly outside the DEM'."""
    # parcels 1–3 on rows 0–5, 6–11, 12–19 of the 100 m × 200 m plane (y from 200 down)
    rows = [(0, 6), (6, 12), (12, 20)]
    wkb = [shapely.to_wkb(shapely.box(0, 200 - 10 * b, 100, 200 - 10 * a)) for a, b in rows]
    wkb[1] = shapely.to_wkb(shapely.box(0, 200 - 10 * 12, 100, 200 - 10 * 3))  # rows 3–11: 3 rows over parcel 1
    lab = labels()
    lab[lab > 3] = 0
    area = shapely.area(shapely.from_wkb(wkb))
    attrs = {k: v[:3] for k, v in ATTRS.items()}
    result = analyse_layer(inputs(plane, params, labels=lab, area_m2=area, attrs=attrs, geometries=wkb, ids=[1, 2, 3]))
    # parcel 2 got 60 cells (6000 m²) of its 9000 m²: the 3000 m² it shares with parcel 1 went to parcel 1
    assert result.table.loc[2, "valid_cells"] == 60
    assert (result.outside_dem, result.partly_outside_dem, result.overlapping) == (0, 1 - 1, 2)
    assert str(result.overlap_warning).startswith("2 parcels overlap other parcels (feature ids 1, 2); 0.30 hm²")


# ------------------------------------------------------------------------------------------------
# parcels without numbers; areas; the engineer's decisions


def test_negative_or_text_area_is_an_error_naming_the_row(params):  # noqa: F811
    """F-50: a hand-edited area_ha of −3 (or 'abc') → ParcelAreaError naming the row and value."""
    cols = columns([{"code": "0301", "area_ha": 10.0}, {"code": "0103", "area_ha": -3.0}])
    with pytest.raises(summaries.ParcelAreaError, match=r"1 parcels have no usable area_ha .*row 2: '-3.0'"):
        summaries.summarise(summaries.SummaryInputs(cols, params))
    cols["area_ha"][1] = "abc"
    with pytest.raises(summaries.ParcelAreaError, match="row 2: 'abc'"):
        summaries.summarise(summaries.SummaryInputs(cols, params))


def test_parcels_off_the_dem_never_count_as_non_eroded_in_the_benefits():
    """F-51/F-52: benefits with one of two parcels off the DEM → a note with the count, the rate over the parcel
    on the DEM; every parcel off the DEM → NoAssessedParcelsError."""
    from tests.unit.test_benefits import CATALOGUE, TABLES, parcel
    from tests.unit.test_benefits import PARAMS as BENEFIT_PARAMS

    # 10 hm² of cropland on the DEM, 1 hm² of it eroded (class 1); 30 hm² of forest off the DEM
    rows = [parcel(1, "W1", "0103", 0, 100.0, codes="contour_tillage", area=9.0),
            parcel(2, "W1", "0103", 1, 3000.0, codes="contour_tillage", area=1.0),
            parcel(3, "W1", "0301", 0, 100.0, b=0.2, area=30.0)]  # fmt: skip
    cols = {k: [r[k] for r in rows] for k in rows[0]}
    cols["valid_cells"] = [90, 10, 0]
    cols["soil_loss_t_km2_a"][2] = None
    result = benefits.evaluate(benefits.BenefitInputs(cols, BENEFIT_PARAMS, CATALOGUE, TABLES, 500.0))
    assert any(str(n).startswith("1 parcels have no soil loss (they lie off the DEM)") for n in result.notes)
    assert result.whole["assessed_area_km2"] == pytest.approx(0.1)
    # counting the forest off the DEM as non-eroded would give (40 − 1) / 40 = 97.5 %
    assert result.whole["swc_rate_current_pct"] == pytest.approx(90.0)
    cols["valid_cells"] = [0, 0, 0]
    with pytest.raises(summaries.NoAssessedParcelsError, match="None of the 3 parcels has a soil loss"):
        benefits.evaluate(benefits.BenefitInputs(cols, BENEFIT_PARAMS, CATALOGUE, TABLES, 500.0))


def test_decisions_whose_parcel_is_gone_are_counted():
    """F-53: the previous layout's confirmed parcel whose shape changed → counted as lost (the run warns)."""
    a, b, c = (shapely.to_wkb(shapely.box(x, 0, x + 10, 10)) for x in (0, 10, 20))
    moved = shapely.to_wkb(shapely.box(20.5, 0, 30.5, 10))
    previous = {"status": ["confirmed", "proposed", "overridden"]}
    keys = [geometry_key(w) for w in (a, b, moved)]
    assert unmatched_decisions(keys, previous, [geometry_key(w) for w in (a, b, c)]) == 1
    assert unmatched_decisions(keys, {"status": ["proposed"] * 3}, [geometry_key(w) for w in (a, b, c)]) == 0
