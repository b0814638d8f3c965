"""Issue 9 items 3–7 on constructed cases: unrecognised land use, 林草覆盖率, 沟壑密度 vs 河网密度,
village tables and per-unit areas that add up (core.summaries, core.parcels, core.morphometry)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely

from sbplanner_plugin.adapters.param_files import load_param_set
from sbplanner_plugin.core import summaries
from sbplanner_plugin.core.errors import InvalidParameterError
from sbplanner_plugin.core.morphometry import WATERSHED_FIELDS
from sbplanner_plugin.core.parcels import analyse_layer, unit_pieces
from tests.unit.test_parcels_layer import ATTRS, COLS, ROWS, inputs, plane  # noqa: F401  (fixture)

ALL = summaries.ALL


@pytest.fixture(scope="module")
def params():
    return load_param_set()


def columns(rows: list[dict]) -> dict:
    """Analysed-parcel columns from a few hand-made parcels: every parcel on 0–5° (D.0.10 class 1),
    its eroded area ``eroded`` (hm², class 轻度) and the rest 微度."""
    out: dict = {}
    for r in rows:
        area = r["area_ha"]
        eroded = r.get("eroded", 0.0)
        unmapped = r["code"] is None
        values = {
            "ws_code": r.get("ws", "W1"),
            "landuse_code": r["code"],
            "landuse_group": None if unmapped else r["code"][:2],
            "landuse_name": None if unmapped else r["code"],
            "area_ha": area,
            "soil_loss_t_km2_a": None if unmapped else r.get("a", 100.0),
            "cover_fvc": r.get("fvc"),
            "canopy_gd": r.get("gd"),
            **{f"slope_s{j}_pct": 100.0 if j == 1 else 0.0 for j in range(1, 6)},
            **{f"d010_s{j}_pct": 100.0 if j == 1 else 0.0 for j in range(1, 6)},
            **{f"d011_s{j}_pct": 100.0 if j == 1 else 0.0 for j in range(1, 6)},
            **{f"erosion_c{j}_ha": None if unmapped else 0.0 for j in range(6)},
        }
        if not unmapped:
            values["erosion_c0_ha"] = area - eroded
            values["erosion_c1_ha"] = eroded
        for key in ("ZLDWDM", "ws_pieces"):
            if key in r:
                values[key] = r[key]
        for key, value in values.items():
            out.setdefault(key, []).append(value)
    return out


def run(params, rows, **extra) -> summaries.SummaryResult:
    return summaries.summarise(summaries.SummaryInputs(columns(rows), params, **extra))


# -- item 3: unrecognised land use ------------------------------------------------------------------
def test_unrecognised_land_is_its_own_line_and_out_of_the_rate(params) -> None:
    # 10 hm² forest, 4 hm² of it eroded at 2000 t/(km²·a); 10 hm² of an unknown code (no soil loss)
    result = run(
        params, [{"code": "0301", "area_ha": 10.0, "eroded": 4.0, "a": 2000.0}, {"code": None, "area_ha": 10.0}]
    )
    ind = result.tables["ws_indicators"].set_index("ws_code").loc["W1"]
    assert ind["land_area_km2"] == pytest.approx(0.2)
    assert ind["unmapped_area_km2"] == pytest.approx(0.1)
    assert ind["assessed_area_km2"] == pytest.approx(0.1)
    # before: (0.2 − 0.04) / 0.2 = 80 %; over the assessed land: (0.1 − 0.04) / 0.1 = 60 %
    assert ind["swc_rate_pct"] == pytest.approx(60.0)
    assert ind["mean_modulus_t_km2_a"] == pytest.approx(2000.0)  # same denominator as the rate
    d05 = result.tables["ws_d05"].set_index("ws_code").loc["W1"]
    assert d05["eroded_pct_of_land"] == pytest.approx(40.0)
    lus = result.tables["ws_landuse_slope"]
    line = lus[(lus["ws_code"] == "W1") & (lus["landuse_name"] == summaries.UNMAPPED_NAME)]
    assert line["total_hm2"].tolist() == [pytest.approx(10.0)]
    assert line["landuse_group"].tolist() == [summaries.UNMAPPED_GROUP]


# -- item 4: 林草覆盖率 ---------------------------------------------------------------------------------
def test_forest_grass_cover_definition_from_the_table(params) -> None:
    rows = [
        {"code": "0301", "area_ha": 10.0, "gd": 0.6},  # 乔木林地, 郁闭度 0.6 ≥ 0.2: counts
        {"code": "0301", "area_ha": 5.0, "gd": 0.1},  # 郁闭度 0.1 < 0.2: does not count
        {"code": "0404", "area_ha": 10.0, "fvc": 0.5},  # 其他草地, cover 50 % ≥ 40 %: counts
        {"code": "0404", "area_ha": 5.0, "fvc": 0.3},  # cover 30 %: does not count
        {"code": "0201", "area_ha": 20.0, "gd": 0.5},  # 果园: not counted by default
    ]
    assert params.forest_grass["orchard"]["counts"] == "no"
    assert params.forest_grass["forest"]["min_value"] == 0.2 and params.forest_grass["grass"]["min_value"] == 0.4
    ind = run(params, rows).tables["ws_indicators"].set_index("ws_code").loc["W1"]
    assert ind["forest_grass_area_km2"] == pytest.approx(0.2)  # before: 0.3 (every forest and grass parcel)
    assert ind["forest_grass_cover_pct"] == pytest.approx(0.2 / 0.5 * 100.0)
    orchards = {**params.forest_grass, "orchard": {**params.forest_grass["orchard"], "counts": "yes"}}
    counted = type(params)(**{**params.__dict__, "forest_grass": orchards})
    ind = run(counted, rows).tables["ws_indicators"].set_index("ws_code").loc["W1"]
    assert ind["forest_grass_area_km2"] == pytest.approx(0.4)


# -- item 5: 沟壑密度 from a gully layer, 河网密度 labelled ---------------------------------------------
def test_gully_density_from_gully_lines_and_drainage_density_apart(params) -> None:
    units = {"W1": shapely.box(0, 0, 1000, 1000).wkb, "W2": shapely.box(1000, 0, 3000, 1000).wkb}
    gullies = [
        shapely.LineString([(100, 500), (900, 500)]).wkb,  # 0.8 km in W1
        shapely.LineString([(500, 100), (500, 900)]).wkb,  # 0.8 km in W1
        shapely.LineString([(900, 200), (1900, 200)]).wkb,  # 0.1 km in W1, 0.9 km in W2
    ]
    dens = summaries.gully_densities(units, gullies)
    assert dens["W1"] == pytest.approx((1.7, 1.0, 1.7))
    assert dens["W2"] == pytest.approx((0.9, 2.0, 0.45))
    assert dens[ALL] == pytest.approx((2.6, 3.0, 2.6 / 3.0))
    rows = [{"code": "0301", "area_ha": 100.0, "ws": "W1"}, {"code": "0301", "area_ha": 200.0, "ws": "W2"}]
    watersheds = {
        "ws_code": ["W1", "W2"],
        "area_km2": [1.0, 2.0],
        "drainage_density_km_per_km2": [3.0, 1.5],
        "stream_threshold_km2": [0.1, 0.1],
    }
    result = run(params, rows, watersheds=watersheds, watershed_wkb=list(units.values()), gullies=gullies)
    assert result.gully_layer
    d05 = result.tables["ws_d05"].set_index("ws_code")
    assert d05.loc["W1", "gully_density_km_per_km2"] == pytest.approx(1.7)  # before: 3.0, the DEM value
    assert d05.loc["W1", "drainage_density_km_per_km2"] == pytest.approx(3.0)
    assert d05.loc[ALL, "drainage_density_km_per_km2"] == pytest.approx(2.0)  # area-weighted
    assert d05.loc["W2", "stream_threshold_km2"] == pytest.approx(0.1)
    assert WATERSHED_FIELDS[-2:] == ("drainage_density_km_per_km2", "stream_threshold_km2")
    assert "gully_density_km_per_km2" in WATERSHED_FIELDS  # legacy name kept for old plans


# -- item 6: per village ----------------------------------------------------------------------------
VILLAGE_A = "3508210010010000000"  # 19-character 三调 座落单位代码
VILLAGE_B = "3508210010020000000"


def test_every_summary_table_per_village(params) -> None:
    rows = [
        {"code": "0301", "area_ha": 10.0, "eroded": 2.0, "ws": "W1", "ZLDWDM": VILLAGE_A},
        {"code": "0103", "area_ha": 6.0, "eroded": 6.0, "ws": "W1", "ZLDWDM": VILLAGE_B},
        {"code": "0301", "area_ha": 4.0, "ws": "W2", "ZLDWDM": VILLAGE_B},
    ]
    result = run(params, rows)
    assert result.village_field == "ZLDWDM"
    assert set(summaries.VILLAGE_TABLE_NAMES) <= set(result.tables)
    ind = result.tables["vil_indicators"].set_index(["village_code", "ws_code"])
    assert set(ind.index) == {
        (VILLAGE_A, "W1"),
        (VILLAGE_A, ALL),
        (VILLAGE_B, "W1"),
        (VILLAGE_B, "W2"),
        (VILLAGE_B, ALL),
        (ALL, ALL),
    }
    assert ind.loc[(VILLAGE_B, ALL), "land_area_km2"] == pytest.approx(0.10)
    assert ind.loc[(VILLAGE_B, ALL), "swc_rate_pct"] == pytest.approx(40.0)  # 6 of 10 hm² eroded
    assert ind.loc[(VILLAGE_A, "W1"), "swc_rate_pct"] == pytest.approx(80.0)
    assert ind.loc[(ALL, ALL), "land_area_km2"] == pytest.approx(0.20)
    d011 = result.tables["vil_d011"].set_index(["village_code", "ws_code"])
    assert d011.loc[(VILLAGE_B, "W1"), "c1_hm2"] == pytest.approx(6.0)
    lus = result.tables["vil_landuse_slope"]
    assert set(lus.columns[:2]) == {"village_code", "ws_code"}
    # the watershed tables are unchanged
    assert list(result.tables["ws_indicators"]["ws_code"]) == [ALL, "W1", "W2"]
    # a field the user picks; a field the parcels lack is a clear error
    assert run(params, rows, village_field="ws_code").tables["vil_indicators"]["village_code"].nunique() == 3
    with pytest.raises(InvalidParameterError):
        run(params, rows, village_field="CUNDM")
    assert summaries.village_field_of(["qsdwdm", "DLBM"]) == "qsdwdm"


# -- item 7: per-unit areas that add up ----------------------------------------------------------------
def test_parcels_split_at_unit_boundaries_add_up_to_the_units(plane, params) -> None:  # noqa: F811
    # parcels 1 (rows 0–5), 2 (rows 6–11), 3 (rows 12–19) on 10 m cells; W1 = rows 0–8, W2 = rows 9–19
    ws_labels = np.ones((ROWS, COLS), dtype=np.int32)
    ws_labels[9:] = 2
    attrs = {key: values[:3] for key, values in ATTRS.items()}
    attrs["DLBM"] = ["0301", "0301", "0103"]
    areas = np.array([6000.0, 6000.0, 8000.0])  # = their cells
    result = analyse_layer(
        inputs(plane, params, attrs=attrs, area_m2=areas, ws_labels=ws_labels, ws_codes={1: "W1", 2: "W2"})
    )
    t = result.table
    assert t["ws_pieces"].tolist() == ["W1=60", "W1=30;W2=30", "W2=80"]
    cols = {name: t[name].tolist() for name in t.columns}
    out = summaries.summarise(summaries.SummaryInputs(cols, params))
    assert out.split_parcels == 1
    ind = out.tables["ws_indicators"].set_index("ws_code")
    unit_km2 = {"W1": 9 * COLS * 100.0 / 1e6, "W2": 11 * COLS * 100.0 / 1e6}
    for ws, area in unit_km2.items():  # before: W1 0.012, W2 0.008 (parcel 2 went whole to W1)
        assert ind.loc[ws, "land_area_km2"] == pytest.approx(area)
        lus = out.tables["ws_landuse_slope"]
        assert lus[lus["ws_code"] == ws]["total_hm2"].sum() / 100.0 == pytest.approx(area)
        assert out.tables["ws_d010"].set_index("ws_code").loc[ws, "total_hm2"] / 100.0 == pytest.approx(area)
    assert ind.loc[ALL, "land_area_km2"] == pytest.approx(0.02)
    # parcel 2's eroded cells are shared by its two pieces
    d05 = out.tables["ws_d05"].set_index("ws_code")
    e2 = t.loc[2, [f"erosion_c{j}_ha" for j in range(1, 6)]].sum()
    e1 = t.loc[1, [f"erosion_c{j}_ha" for j in range(1, 6)]].sum()
    assert d05.loc["W1", "eroded_area_km2"] == pytest.approx((e1 + e2 / 2) / 100.0)


def test_unit_pieces_outside_every_unit_and_without_units() -> None:
    labels = np.array([[1, 1, 2], [1, 0, 2]])
    ws = np.array([[1, 0, 0], [1, 0, 2]])
    assert unit_pieces(labels, ws, {1: "A", 2: "B"}, 3) == ["A=2;—=1", "B=1;—=1", None]
    assert unit_pieces(labels, None, None, 2) == ["—=3", "—=2"]
    frame = summaries.split_pieces(
        summaries.parcel_frame(columns([{"code": "0301", "area_ha": 3.0, "ws_pieces": "A=2;—=1"}]), load_param_set())
    )
    assert frame["ws_code"].tolist() == ["A", None]
    assert frame["area_ha"].tolist() == pytest.approx([2.0, 1.0])
    assert math.isclose(frame["piece_share"].sum(), 1.0)
