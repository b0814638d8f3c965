"""core.parcels.analyse_layer and core.summaries.summarise on small constructed cases (no QGIS).

The DEM is a plane falling 20° southwards (10 m cells): Horn's slope is 20° inside and 10.31° on
the first and last rows (one-sided differences there). Parcels are blocks of rows.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from sbplanner_plugin.adapters.flow_cache import condition_dem
from sbplanner_plugin.adapters.param_files import load_param_set
from sbplanner_plugin.core import csle, summaries
from sbplanner_plugin.core.definitions import N_REGIONS, REGION_NAMES, ErosionRegion, region_labels
from sbplanner_plugin.core.errors import InvalidParameterError, NotAnalysedParcelsError
from sbplanner_plugin.core.grid import Grid
from sbplanner_plugin.core.landuse import LanduseTable
from sbplanner_plugin.core.parcels import (
    CUSTOM_SLOPE_SYSTEM,
    ParcelLayerInputs,
    analyse_layer,
    parse_slope_breaks,
    resolve_landuse,
    slope_system_of,
    tolerance_of,
)
from tests.unit.analytic import CRS_WKT

ROWS, COLS, CELL = 20, 10, 10.0
R, K = 7000.0, 0.005


@pytest.fixture(scope="module")
def params():
    return load_param_set()


@pytest.fixture(scope="module")
def plane():
    r, _ = np.mgrid[0:ROWS, 0:COLS]
    z = 500.0 - math.tan(math.radians(20.0)) * CELL * r
    grid = Grid(z, (0.0, CELL, 0.0, ROWS * CELL, 0.0, -CELL), CRS_WKT)
    return grid, condition_dem(grid)


def labels() -> np.ndarray:
    """Parcel 1 on rows 0–5, 2 on rows 6–11, 3 on rows 12–19; parcels 4 and 5 have no cell."""
    out = np.zeros((ROWS, COLS), dtype=np.int32)
    out[0:6], out[6:12], out[12:20] = 1, 2, 3
    return out


#: Five parcels: forest, an unknown code, terraced dryland, the unknown code again (off the DEM),
#: a NULL code (off the DEM). Cover and canopy are in percent.
ATTRS = {
    "DLBM": ["0301", "XX", "0103", "XX", None],
    "FVC": [60, 40, None, 50, None],
    "YBD": [60, 30, None, 70, None],
    "GDLX": [None, None, "TT", None, None],
    "GDPDJB": [None, None, 2, None, None],
    "SOIL": ["A", "B", "A", None, "A"],
}
#: Parcel 3 claims twice the area of its 80 cells: it lies partly outside the DEM.
AREAS = np.array([6000.0, 6000.0, 16000.0, 500.0, 100.0])


def inputs(plane, params, **extra) -> ParcelLayerInputs:
    grid, model = plane
    base = {
        "grid": grid,
        "model": model,
        "params": params,
        "landuse_table": LanduseTable(params.landuse),
        "labels": labels(),
        "area_m2": AREAS,
        "attrs": ATTRS,
        "landuse_field": "DLBM",
        "r_factor": R,
        "k_factor": K,
        "cover_field": "FVC",
        "canopy_field": "YBD",
        "gdlx_field": "GDLX",
        "gdpdjb_field": "GDPDJB",
        "slope_system": CUSTOM_SLOPE_SYSTEM,
        "custom_breaks": "5，15,25",  # a full-width comma, as typed with a Chinese input method
    }
    base.update(extra)
    return ParcelLayerInputs(**base)


def test_analyse_layer_counts_codes_coverage_and_reads_percent_cover_and_canopy(plane, params) -> None:
    result = analyse_layer(inputs(plane, params))
    t = result.table
    assert list(t.index) == [1, 2, 3, 4, 5]
    # unmapped codes by value and count, most frequent first; a NULL code counts as "NULL"
    assert result.unmapped == [("XX", 2), ("NULL", 1)]
    assert list(t["landuse_code"]) == ["0301", None, "0103", None, None]
    # DEM coverage: parcels 4 and 5 have no cell; parcel 3 has 8000 m² of cells for 16 000 m²
    assert list(t["valid_cells"]) == [60, 60, 80, 0, 0]
    assert (result.outside_dem, result.partly_outside_dem) == (2, 1)
    assert result.uncovered == {}
    assert result.missing_soil_codes == []
    # custom breaks "5，15,25": four classes; parcel 2 lies wholly on the 20° plane, parcel 1 has the
    # one-sided 10.31° first row (1 of 6 rows)
    assert result.slope_system.labels == ("0–5°", "5–15°", "15–25°", "25–90°")
    assert [t.loc[2, f"slope_s{j}_pct"] for j in range(1, 5)] == pytest.approx([0, 0, 100, 0])
    assert [t.loc[1, f"slope_s{j}_pct"] for j in range(1, 5)] == pytest.approx([0, 100 / 6, 500 / 6, 0])
    assert list(t["slope_class"]) == ["15–25°", "15–25°", "15–25°", None, None]
    # FVC 60 % and YBD 60 % are read as 0.6 each: the forest B is slr_forest(GD 0.6, FVC 0.6)
    b_forest = float(csle.slr_forest(np.array(0.6), np.array(0.6), params.slr))
    assert t.loc[1, "b_factor"] == pytest.approx(b_forest)
    assert b_forest != pytest.approx(float(csle.slr_forest(np.array(1.0), np.array(0.6), params.slr)))
    assert t.loc[1, "soil_loss_t_km2_a"] == pytest.approx(100 * R * K * t.loc[1, "ls_factor"] * b_forest, rel=1e-6)
    # terraced cropland (GDLX = TT): the level-terrace E, the default tillage T, B = 1
    tt_e = params.e_factor[params.defaults["tt_engineering_measure"]]
    default_t = params.t_factor[params.defaults["default_tillage_practice"]]
    assert (t.loc[3, "e_factor"], t.loc[3, "t_factor"], t.loc[3, "b_factor"]) == (tt_e, default_t, 1.0)
    assert tt_e < 1.0
    # GDPDJB 2 against the DEM's grade of a ~19° mean slope (15–25° = grade 4): flagged
    assert (t.loc[3, "gdpdjb_dem"], t.loc[3, "gdpdjb_flag"]) == (4, 1)
    # the tolerance of the region (南方红壤丘陵区 500 t/(km²·a)); unmapped parcels get no soil loss
    assert result.tolerance_t_km2_a == 500.0
    assert math.isnan(t.loc[2, "soil_loss_t_km2_a"])
    assert result.area_ha == pytest.approx(AREAS.sum() / 1e4)
    assert result.eroded_area_ha == pytest.approx(np.nansum(t["eroded_area_ha"]))


def test_canopy_given_as_fractions_is_left_as_it_is(plane, params) -> None:
    attrs = {**ATTRS, "FVC": [0.6, 0.4, None, 0.5, None], "YBD": [0.6, 0.3, None, 0.7, None]}
    t = analyse_layer(inputs(plane, params, attrs=attrs)).table
    assert t.loc[1, "b_factor"] == pytest.approx(float(csle.slr_forest(np.array(0.6), np.array(0.6), params.slr)))


def test_factor_raster_coverage_and_k_by_soil_code(plane, params) -> None:
    r_grid = np.full((ROWS, COLS), R)
    r_grid[0:2, 0:3] = np.nan  # a hole in the R raster over parcel 1
    result = analyse_layer(
        inputs(plane, params, r_factor=r_grid, k_factor=0.001, k_field="SOIL", soil_k={"A": 0.004}),
    )
    assert result.uncovered == {"R": 1}
    assert result.missing_soil_codes == ["B", "NULL"]
    k = result.table["k_factor"]
    assert (k[1], k[2], k[3]) == pytest.approx((0.004, 0.001, 0.004))  # B is not in the table: the K number
    # without a K number the parcels whose soil code has no K get none, and a K raster's holes count
    k_grid = np.full((ROWS, COLS), 0.002)
    k_grid[13, 4] = np.nan
    result = analyse_layer(inputs(plane, params, k_factor=k_grid))
    assert result.uncovered == {"K": 1}


def test_custom_slope_breaks_parsing(params) -> None:
    assert parse_slope_breaks("5，15, 25,") == [5.0, 15.0, 25.0]
    assert slope_system_of(params, CUSTOM_SLOPE_SYSTEM, "8,16").labels == ("0–8°", "8–16°", "16–90°")
    assert slope_system_of(params, 1, "ignored") is params.slope_systems[1]
    with pytest.raises(InvalidParameterError) as bad:
        parse_slope_breaks("5;15")
    assert bad.value.params["name"] == "CUSTOM_SLOPE_BREAKS"
    assert bad.value.params["value"] == "5;15"
    assert str(bad.value.params["reason"]) == "numbers separated by commas"
    for text in ("", "25,15", "5,95"):
        with pytest.raises(InvalidParameterError):
            slope_system_of(params, CUSTOM_SLOPE_SYSTEM, text)


def test_tolerance_given_or_of_the_region(params) -> None:
    assert tolerance_of(params, ErosionRegion.NORTHWEST_LOESS) == 1000.0
    assert tolerance_of(params, ErosionRegion.NORTHEAST_BLACK_SOIL, 0.0) == 200.0
    assert tolerance_of(params, ErosionRegion.NORTHEAST_BLACK_SOIL, 350.0) == 350.0


def test_land_use_resolved_once_per_distinct_value(params) -> None:
    table = LanduseTable(params.landuse)
    classes, unmapped = resolve_landuse(table, [103, "0103", 103.0, "0201K", "9x", None, "9x", "", "NULL"])
    assert [c.code if c else None for c in classes] == ["0103", "0103", "0103", "0201", None, None, None, None, None]
    assert unmapped == [("NULL", 3), ("9x", 2)]


def test_region_labels_follow_the_definitions() -> None:
    labels = region_labels(REGION_NAMES, {0: 500.0, 2: 1000.0})
    assert len(labels) == N_REGIONS
    assert labels[ErosionRegion.SOUTH_RED_SOIL] == "Southern red-soil hilly region (500)"
    assert labels[ErosionRegion.NORTHWEST_LOESS] == "Northwestern Loess Plateau (1000)"
    assert labels[ErosionRegion.NORTH_ROCKY] == "Northern rocky mountain region"


# -- the per-watershed summary of an analysed layer -------------------------------------------------
def analysed_columns(plane, params) -> dict:
    """The attribute columns analyse_parcels would write, for parcels 1–3 in watersheds W1 / W2."""
    ws_labels = np.ones((ROWS, COLS), dtype=np.int32)
    ws_labels[12:] = 2
    attrs = {**ATTRS, "DLBM": ["0301", "0301", "0103", "0301", "0301"]}
    result = analyse_layer(
        inputs(plane, params, attrs=attrs, slope_system=1, ws_labels=ws_labels, ws_codes={1: "W1", 2: "W2"})
    )
    t = result.table.loc[[1, 2, 3]]
    return {name: t[name].tolist() for name in t.columns}


def test_summarise_the_analysed_parcels(plane, params) -> None:
    columns = analysed_columns(plane, params)
    assert columns["ws_code"] == ["W1", "W1", "W2"]
    result = summaries.summarise(summaries.SummaryInputs(columns, params, slope_system=1))
    assert list(result.tables) == list(summaries.TABLE_NAMES)
    assert not result.as_analysed
    ind = result.tables["ws_indicators"].set_index("ws_code")
    assert ind.loc["W1", "land_area_km2"] == pytest.approx(0.012)
    assert ind.loc["W2", "land_area_km2"] == pytest.approx(0.016)
    assert ind.loc[summaries.ALL, "land_area_km2"] == pytest.approx(0.028)
    assert ind.loc["W1", "forest_grass_cover_pct"] == pytest.approx(100.0)
    assert ind.loc["W2", "forest_grass_cover_pct"] == pytest.approx(0.0)
    assert result.whole["ws_code"] == summaries.ALL
    d010 = result.tables["ws_d010"].set_index("ws_code")
    assert d010.loc["W1", "c3_hm2"] == pytest.approx(0.6 * 5 / 6 + 0.6)  # 15–25°: all but parcel 1's top row
    d011 = result.tables["ws_d011"]
    assert list(d011["ws_code"]) == ["ALL", "W2"]  # sloping cropland only
    lus = result.tables["ws_landuse_slope"]
    assert set(zip(lus["ws_code"], lus["landuse_group"])) == {("W1", "03"), ("W2", "01"), ("ALL", "03"), ("ALL", "01")}


def test_summary_slope_system_choice(plane, params) -> None:
    columns = analysed_columns(plane, params)  # analysed with D.0.10 (5 classes)
    # SL 190's six classes do not match the five analysed ones: the parcels' own classes are used
    for choice in (0, CUSTOM_SLOPE_SYSTEM):
        result = summaries.summarise(summaries.SummaryInputs(columns, params, slope_system=choice))
        assert result.as_analysed
        assert [c for c in result.tables["ws_landuse_slope"].columns if c.startswith("c")] == [
            f"c{j}_hm2" for j in range(1, 6)
        ]
    assert summaries.landuse_slope_system(params, 2, 5)[1:] == ("d011", False)


def test_summary_of_a_layer_that_was_not_analysed(params) -> None:
    with pytest.raises(NotAnalysedParcelsError) as missing:
        summaries.summarise(summaries.SummaryInputs({"ws_code": [], "landuse_code": []}, params))
    assert missing.value.params["field"] == "landuse_group"


def test_drainage_density_joined_by_ws_code(plane, params) -> None:
    # issue 9 item 5: step 1's value is the DEM drainage density (河网密度), not the surveyed 沟壑密度
    columns = analysed_columns(plane, params)
    watersheds = {"ws_code": ["W1", "W2"], "gully_density_km_per_km2": [2.5, None]}  # legacy field name
    status = summaries.summarise(summaries.SummaryInputs(columns, params, watersheds=watersheds)).tables["ws_d05"]
    status = status.set_index("ws_code")
    density = status["drainage_density_km_per_km2"]
    assert density["W1"] == 2.5
    assert math.isnan(density["W2"]) and math.isnan(density[summaries.ALL])
    assert status["gully_density_km_per_km2"].isna().all()  # no gully layer: no 沟壑密度
