"""Issue 9 items 1 and 2: cropland T by 轮作制度 zone, the T = 1 fallback reported, factor provenance,
and the plausibility warnings of R and K (core.factors, core.parcels.analyse_layer; no QGIS).

The DEM and parcels are those of test_parcels_layer (a 20° plane; parcel 3 is terraced dryland 0103).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np
import pytest

from sbplanner_plugin.core import factors
from sbplanner_plugin.core.errors import InvalidParameterError
from sbplanner_plugin.core.params import CONFIDENCE
from sbplanner_plugin.core.parcels import analyse_layer
from tests.unit.test_parcels_layer import ATTRS, COLS, ROWS, K, R, inputs, labels, params, plane  # noqa: F401

ZONE = "nw_irrigated_north_xinjiang"  # T = 0.281 (domain reference §3.8)


def test_zone_table_rows_carry_their_provenance(params) -> None:  # noqa: F811
    assert params.t_zones[ZONE]["t"] == 0.281
    assert params.t_zones[ZONE]["confidence"] == "PARTIAL"
    # the southern zones of the demo's region are there, and honest about not being the official value
    for zone in ("se_hills_paddy_upland", "south_china_late_triple"):
        assert params.t_zones[zone]["confidence"] == "PROPOSAL"
        assert "NOT from the 2018 table" in params.t_zones[zone]["source"]
    assert "t_zones.csv" in params.files and "factor_plausibility.csv" in params.files


def test_zone_t_applied_to_cropland(plane, params) -> None:  # noqa: F811
    before = analyse_layer(inputs(plane, params)).table.loc[3]
    after = analyse_layer(inputs(plane, params, cropping_zone=ZONE)).table.loc[3]
    # parcel 3: dryland 0103, terraced (GDLX = TT → level-terrace E), B = 1; T of the zone
    e = params.e_factor[params.defaults["tt_engineering_measure"]]
    assert before["t_factor"] == 1.0  # the old behaviour: bare-fallow T
    assert after["t_factor"] == pytest.approx(0.281)
    # hand-computed A = 100·R·K·LS·B·E·T with the parcel's own mean LS
    assert after["soil_loss_t_km2_a"] == pytest.approx(100 * R * K * after["ls_factor"] * 1.0 * e * 0.281, rel=1e-6)
    assert after["soil_loss_t_km2_a"] == pytest.approx(0.281 * before["soil_loss_t_km2_a"], rel=1e-6)
    # non-cropland keeps T = 1 (CSLE combination rule)
    forest = analyse_layer(inputs(plane, params, cropping_zone=ZONE)).table.loc[1]
    assert forest["t_factor"] == 1.0


def test_unknown_zone_is_a_clear_error(plane, params) -> None:  # noqa: F811
    with pytest.raises(InvalidParameterError) as err:
        analyse_layer(inputs(plane, params, cropping_zone="atlantis"))
    assert err.value.params["name"] == "CROPPING_ZONE"
    assert ZONE in str(err.value)


def test_t_fallback_is_reported(plane, params) -> None:  # noqa: F811
    result = analyse_layer(inputs(plane, params))
    assert result.cropland.fallback and result.cropland.t == 1.0
    t_line = next(p for p in result.provenance if p.factor == "T")
    assert "T = 1 used for 1 cropland parcels" in str(t_line.source)
    assert any("T = 1 used for" in str(w) for w in result.factor_warnings)
    # with a zone: no fallback, the provenance names the zone, its value, confidence and file (+ sha1)
    result = analyse_layer(inputs(plane, params, cropping_zone=ZONE))
    assert not result.cropland.fallback
    assert not any("T = 1 used for" in str(w) for w in result.factor_warnings)
    t_line = next(p for p in result.provenance if p.factor == "T")
    assert t_line.value == "0.281"
    text = str(t_line.source)
    assert ZONE in text and "0.281" in text and "PARTIAL" in text and params.files["t_zones.csv"] in text


def test_zone_and_practice_combine(params) -> None:  # noqa: F811
    info = factors.cropland_t(params, ZONE, "contour")
    assert info.t == pytest.approx(0.281 * params.t_factor["contour"])
    assert not factors.cropland_t(params, None, "contour").fallback
    assert factors.cropland_t(params, None, None).fallback


def test_provenance_lists_every_factor_with_its_source(plane, params) -> None:  # noqa: F811
    r_grid = np.full((ROWS, COLS), R)
    result = analyse_layer(
        inputs(
            plane,
            params,
            r_factor=r_grid,
            k_field="SOIL",
            soil_k={"A": 0.004},
            factor_origins={"R": "/data/r.tif", "K_TABLE": "/data/soil_k.csv"},
        )
    )
    lines = {p.factor: p for p in result.provenance}
    assert list(lines) == ["R", "K", "L", "S", "B", "cover", "E", "T", "tolerance"]
    assert lines["R"].value == "P5–P95 7000–7000" and str(lines["R"].source) == "raster /data/r.tif"
    assert "K table /data/soil_k.csv" in str(lines["K"].source) and "number given (K_FACTOR)" in str(lines["K"].source)
    assert "0.1 km²" in str(lines["L"].source)
    assert params.files["b_factor.csv"] in str(lines["B"].source)
    assert params.files["slr_coefficients.csv"] in str(lines["B"].source)
    assert str(lines["cover"].source) == "cover field FVC, canopy field YBD"
    assert params.files["e_factor.csv"] in str(lines["E"].source)
    assert lines["tolerance"].value == "500 t/(km²·a)"
    # a number is named as such
    result = analyse_layer(inputs(plane, params))
    lines = {p.factor: p for p in result.provenance}
    assert (lines["R"].value, str(lines["R"].source)) == ("7000", "number given (R_FACTOR)")
    assert (lines["K"].value, str(lines["K"].source)) == ("0.005", "number given (K_FACTOR)")


def _plausibility(result) -> list[str]:
    return [str(w) for w in result.factor_warnings if "lies outside the expected" in str(w)]


def test_us_unit_k_warns_and_si_k_does_not(plane, params) -> None:  # noqa: F811
    assert _plausibility(analyse_layer(inputs(plane, params))) == []  # R 7000, K 0.005: SI, plausible
    warnings = _plausibility(analyse_layer(inputs(plane, params, k_factor=0.32)))
    assert len(warnings) == 1
    w = warnings[0]
    assert "K = 0.32" in w and "0.001–0.08 t·hm²·h/(hm²·MJ·mm)" in w
    assert "K looks like US customary units (×0.1317 to SI)" in w
    # R in US units of a drier region (250 × 17.02 = 4255): below 300, named as US units
    warnings = _plausibility(analyse_layer(inputs(plane, params, r_factor=250.0)))
    assert len(warnings) == 1 and "R looks like US customary units (×17.02 to SI)" in warnings[0]
    # R far too large but below the allowed 100 000 (7e6 is an error: test_hostile_tables.py): a unit problem
    warnings = _plausibility(analyse_layer(inputs(plane, params, r_factor=7.0e4)))
    assert len(warnings) == 1 and "check the unit: R must be the mean annual value" in warnings[0]


def test_raster_percentiles_over_the_parcels_cells(plane, params) -> None:  # noqa: F811
    # a K raster in US units
    k_grid = np.full((ROWS, COLS), 0.3)
    warnings = _plausibility(
        analyse_layer(inputs(plane, params, k_factor=k_grid, factor_origins={"K": "/data/k_us.tif"}))
    )
    assert len(warnings) == 1
    assert "K (raster /data/k_us.tif): 5th–95th percentile 0.3–0.3 over the parcels' cells" in warnings[0]
    # a few stray cells do not trigger it: 2 of 200 cells at 0.3, the rest 0.005 → P95 inside the range
    k_grid = np.full((ROWS, COLS), 0.005)
    k_grid[0, 0:2] = 0.3
    assert _plausibility(analyse_layer(inputs(plane, params, k_factor=k_grid))) == []
    # only the parcels' cells count: US-unit values where no parcel lies are ignored
    lab = labels()
    lab[19, :] = 0
    k_grid = np.full((ROWS, COLS), 0.005)
    k_grid[19, :] = 0.3
    assert _plausibility(analyse_layer(inputs(plane, params, labels=lab, k_factor=k_grid))) == []
    # the percentile helper itself
    values = np.arange(1.0, 101.0)
    assert factors.factor_range(values) == pytest.approx((5.95, 95.05))


def test_k_field_values_are_checked(plane, params) -> None:  # noqa: F811
    attrs = {**ATTRS, "KF": [0.3, 0.31, 0.29, 0.3, 0.3]}
    warnings = _plausibility(analyse_layer(inputs(plane, params, k_factor=None, k_field="KF", attrs=attrs)))
    assert len(warnings) == 1 and "parcel field KF" in warnings[0] and "US customary" in warnings[0]


# -- demo honesty (issue 9 item 16) -------------------------------------------------------------------------
ROOT = Path(__file__).resolve().parents[2]


def test_demo_factors_carry_their_basis_and_are_plausible(params) -> None:  # noqa: F811
    with (ROOT / "resources" / "demo" / "youwuzhen" / "demo_factors.csv").open(encoding="utf-8") as stream:
        rows = {row["key"]: row for row in csv.DictReader(stream)}
    assert {"r_factor", "k_factor", "forest_fvc", "forest_gd", "orchard_fvc", "orchard_gd"} <= set(rows)
    for row in rows.values():
        assert row["source"].strip() and row["confidence"] in CONFIDENCE
    assert rows["cropping_zone"]["value"] in params.t_zones
    assert factors.check_plausibility(params, "R", float(rows["r_factor"]["value"]), "demo") is None
    assert factors.check_plausibility(params, "K", float(rows["k_factor"]["value"]), "demo") is None
    # western Fujian R: inside the band the demo README cites
    assert 5000 <= float(rows["r_factor"]["value"]) <= 9000


def test_demo_marks_its_project_the_way_the_dock_reads_it() -> None:
    """run_demo stays free of the GUI package, so it repeats the dock's demo entry: keep the two equal."""
    gui = (ROOT / "sbplanner_plugin" / "gui" / "steps" / "parcels_step.py").read_text(encoding="utf-8")
    demo = (ROOT / "sbplanner_plugin" / "demo" / "run_demo.py").read_text(encoding="utf-8")
    (scope, key) = re.findall(r'^DEMO_SCOPE, DEMO_KEY = "([^"]+)", "([^"]+)"', gui, flags=re.M)[0]
    assert f'DEMO_SCOPE, DEMO_KEY, DEMO_ID = "{scope}", "{key}", ' in demo
    assert "project.writeEntry(DEMO_SCOPE, DEMO_KEY, DEMO_ID)" in demo


def test_regional_r_bounds_catch_a_us_unit_r_of_the_red_soil_hills(plane, params) -> None:  # noqa: F811
    """R = 400 (western Fujian in US customary units, ≈ 6800 in SI) passes the national 300–20 000 but not
    the 南方红壤丘陵区 row (2000–20 000); another region keeps the national range."""
    south = _plausibility(analyse_layer(inputs(plane, params, r_factor=400.0, region=0)))
    assert len(south) == 1
    assert (
        "R = 400 (number given (R_FACTOR)) lies outside the expected 2000–20000 MJ·mm/(hm²·h·a), 南方红壤丘陵区"
        in south[0]
    )
    assert "R looks like US customary units (×17.02 to SI)" in south[0]
    assert _plausibility(analyse_layer(inputs(plane, params, r_factor=400.0, region=2))) == []
    assert params.plausibility_regional[("R", 0)]["confidence"] == "PROPOSAL"
