"""Gully works siting on analytical DEMs: gradients, 顶底相照 spacing and counts are exact."""

from __future__ import annotations

import dataclasses
import math
import shutil

import numpy as np
import pytest
import shapely

from sbplanner_plugin.adapters.flow_cache import condition_dem
from sbplanner_plugin.adapters.param_files import load_gully_params
from sbplanner_plugin.core import gully
from sbplanner_plugin.core.grid import Grid, horn_slope_deg
from sbplanner_plugin.core.hydrology import stream_mask, stream_segments
from sbplanner_plugin.core.params import ParamTableError
from tests.conftest import REPO_ROOT
from tests.unit.analytic import CRS_WKT, v_valley

ROWS, COLS, CELL = 41, 31, 10.0
CC = COLS // 2
THRESHOLD_KM2 = 0.01  # 100 cells: the valley axis becomes a channel at row 3 (31·4 = 124 cells)
HEAD_ROW = 3
TABLE = REPO_ROOT / "resources" / "params" / "gully_works.csv"
DEPOSIT_TABLE = REPO_ROOT / "resources" / "params" / "gully_deposit_gradient.csv"
MATERIALS = gully.parse_deposit_materials(DEPOSIT_TABLE.name, DEPOSIT_TABLE.read_bytes().decode("utf-8-sig"))


def network(grid: Grid, threshold_km2: float = THRESHOLD_KM2):
    model = condition_dem(grid)
    mask = stream_mask(model, threshold_km2)
    return model, mask, stream_segments(model, mask)


@pytest.fixture(scope="module")
def steep():
    """V-valley whose axis falls 10 % southwards: one 1st-order reach, rows 3 → 40."""
    return network(v_valley(ROWS, COLS, CELL, sx=0.3, sy=0.10))


def test_valley_has_one_first_order_reach_of_known_length(steep) -> None:
    _, _, segs = steep
    assert len(segs) == 1
    assert segs[0].strahler == 1
    (cells,) = gully.own_cells(segs)
    assert cells[0] == HEAD_ROW * COLS + CC and cells[-1] == (ROWS - 1) * COLS + CC
    assert segs[0].length_m == pytest.approx((ROWS - 1 - HEAD_ROW) * CELL)


@pytest.mark.parametrize("method", gully.GRADIENT_METHODS)
def test_spacing_and_count_follow_the_top_to_bottom_rule(steep, method) -> None:
    model, _, segs = steep
    h, ratio = 2.0, 0.5
    res = gully.site_check_dams(model, segs, h, ratio, 0.0, min_gradient=0.05, max_strahler=2, method=method)
    i, i_s = 0.10, 0.05
    spacing = h / (i - i_s)  # 40 m
    length = (ROWS - 1 - HEAD_ROW) * CELL  # 370 m
    d = res.dams
    assert len(d) == math.floor(length / spacing) + 1 == 10
    assert d["channel_gradient_pct"].to_numpy() == pytest.approx(np.full(10, 10.0))
    assert d["stable_gradient_pct"].to_numpy() == pytest.approx(np.full(10, 5.0))
    assert d["spacing_m"].to_numpy() == pytest.approx(np.full(10, spacing))
    assert d["chainage_m"].to_numpy() == pytest.approx(np.arange(10) * spacing)
    assert set(d["dam_height_m"]) == {h}
    # positions: on the axis, chainage metres north of the outlet cell centre
    x_out, y_out = model.grid.xy(np.array([ROWS - 1]), np.array([CC]))
    assert d["x"].to_numpy() == pytest.approx(np.full(10, x_out[0]))
    assert d["y"].to_numpy() == pytest.approx(y_out[0] + np.arange(10) * spacing)
    # catchment at the dam: the cell at or just below it; the outlet dam drains the whole grid
    assert d["uparea_km2"].iloc[0] == pytest.approx(ROWS * COLS * CELL**2 / 1e6)
    assert d["uparea_km2"].iloc[1] == pytest.approx((ROWS - 4) * COLS * CELL**2 / 1e6)  # 40 m up = row 36
    assert res.reaches["decision"].tolist() == ["sited"]


def test_absolute_floor_of_the_stable_gradient(steep) -> None:
    model, _, segs = steep
    res = gully.site_check_dams(model, segs, 1.5, 0.2, stable_gradient_min=0.07)
    assert res.dams["stable_gradient_pct"].iloc[0] == pytest.approx(7.0)  # 0.2·10 % = 2 % < 7 %
    assert res.dams["spacing_m"].iloc[0] == pytest.approx(1.5 / 0.03)


def test_reach_flatter_than_the_threshold_gets_no_dam() -> None:
    model, _, segs = network(v_valley(ROWS, COLS, CELL, sx=0.3, sy=0.04))
    res = gully.site_check_dams(model, segs, 2.0, 0.5, 0.0, min_gradient=0.05)
    assert res.dams.empty
    assert res.reaches["decision"].tolist() == ["too_flat"]
    assert res.reaches["channel_gradient_pct"].iloc[0] == pytest.approx(4.0)
    # steep enough, but the deposit would be as steep as the bed: no dam either
    res = gully.site_check_dams(model, segs, 2.0, 0.0, stable_gradient_min=0.04, min_gradient=0.01)
    assert res.dams.empty and res.reaches["decision"].tolist() == ["too_flat"]
    # lower the threshold: dams appear
    res = gully.site_check_dams(model, segs, 2.0, 0.5, 0.0, min_gradient=0.03)
    assert len(res.dams) == math.floor(370 / (2.0 / 0.02)) + 1


def test_higher_order_and_short_reaches_are_skipped(steep) -> None:
    model, _, segs = steep
    res = gully.site_check_dams(model, segs, 2.0, 0.5, strahler=np.array([3]), max_strahler=2)
    assert res.dams.empty and res.reaches["decision"].tolist() == ["higher_order"]
    res = gully.site_check_dams(model, segs, 2.0, 0.5, min_reach_length_m=400)
    assert res.dams.empty and res.reaches["decision"].tolist() == ["too_short"]


def test_bad_dam_parameters_are_typed_errors(steep) -> None:
    model, _, segs = steep
    from sbplanner_plugin.core.errors import InvalidParameterError

    with pytest.raises(InvalidParameterError, match="DAM_HEIGHT_M"):
        gully.site_check_dams(model, segs, 0.0, 0.5)
    with pytest.raises(InvalidParameterError, match="STABLE_GRADIENT_RATIO"):
        gully.site_check_dams(model, segs, 2.0, 1.0)


def test_formulas() -> None:
    assert gully.check_dam_spacing_m(3.0, 0.12, 0.02) == pytest.approx(30.0)
    assert gully.check_dam_spacing_m(3.0, 0.02, 0.02) == math.inf
    assert gully.design_runoff_m3(0.5, 80.0, 2.0) == pytest.approx(800.0)  # 0.5 · 80 mm · 2 hm² = 800 m³
    # equal-area vs end points on a bent profile: 0→10 m over the first 100 m, flat afterwards
    dist = np.array([0.0, 100.0, 200.0])
    elev = np.array([0.0, 10.0, 10.0])
    assert gully.reach_gradient(elev, dist, "end_points") == pytest.approx(0.05)
    assert gully.reach_gradient(elev, dist, "equal_area") == pytest.approx((10 * 100 + 20 * 100) / 200**2)


def parcels_by_rows(first_rows: int, shape=(ROWS, COLS)) -> np.ndarray:
    """Label 1 on rows 0 … first_rows-1, label 2 below."""
    lab = np.full(shape, 2, dtype=np.int32)
    lab[:first_rows] = 1
    return lab


@pytest.mark.parametrize(
    ("cropland_rows", "cropland", "expected"),
    [
        (HEAD_ROW + 1, (False, True, False), 1),  # the head cell is cropland
        (HEAD_ROW, (False, True, False), 1),  # cropland one cell upslope of the head
        (HEAD_ROW - 1, (False, True, False), 0),  # two cells upslope: not cutting into it
        (HEAD_ROW + 1, (False, False, False), 0),  # the head is in forest
    ],
)
def test_gully_heads_only_where_cropland(steep, cropland_rows, cropland, expected) -> None:
    model, _, segs = steep
    heads = gully.channel_heads(segs)
    assert heads.tolist() == [HEAD_ROW * COLS + CC]
    slope = horn_slope_deg(model.grid)
    res = gully.gully_heads(
        model, heads, parcels_by_rows(cropland_rows), np.array(cropland), slope, storm_mm=100.0, runoff_coeff=0.5
    )
    assert len(res) == expected
    if expected:
        row = res.iloc[0]
        assert row["parcel"] == 1
        f_hm2 = (HEAD_ROW + 1) * COLS * CELL**2 / 1e4  # 124 cells = 1.24 hm²
        assert row["catchment_hm2"] == pytest.approx(f_hm2)
        assert row["design_storage_m3"] == pytest.approx(10 * 0.5 * 100.0 * f_hm2)  # 620 m³
        assert row["head_slope_deg"] == pytest.approx(float(slope.ravel()[heads[0]]))


def test_channels_from_lines_follow_the_dem(steep) -> None:
    model, mask, _ = steep
    rows, cols = model.grid.shape
    line = mask.reshape(rows, cols)
    head = np.array([HEAD_ROW * COLS + CC])
    assert np.array_equal(gully.channels_from_lines(model, line, head), mask)
    # a line digitised one column off still gives the D8 channel (plus nothing else)
    shifted = np.roll(line, 1, axis=1)
    got = gully.channels_from_lines(model, shifted, np.array([HEAD_ROW * COLS + CC + 1]))
    assert np.array_equal(got, mask | (np.arange(mask.size) == HEAD_ROW * COLS + CC + 1))
    # a start far from the lines traces nothing
    assert not gully.channels_from_lines(model, line, np.array([0])).any()


def plane(rows: int = 40, cols: int = 31, cell: float = 10.0, s: float = 0.5) -> Grid:
    """A plane falling southwards: every cell drains straight down."""
    r = np.mgrid[0:rows, 0:cols][0]
    z = 100.0 + s * cell * (rows - 1 - r)
    return Grid(z.astype(np.float64), (500000.0, cell, 0.0, 3000000.0, 0.0, -cell), CRS_WKT)


def test_intercept_ditch_along_the_upper_edge_of_treated_land() -> None:
    grid = plane()
    model = condition_dem(grid)
    rows, cols = grid.shape
    split = 20
    lab = parcels_by_rows(split, (rows, cols))
    x0, y0 = 500000.0, 3000000.0
    upper = shapely.box(x0, y0 - split * 10, x0 + cols * 10, y0)
    lower = shapely.box(x0, y0 - rows * 10, x0 + cols * 10, y0 - split * 10)
    terraces, treating, sources = ("terrace_level_earth",), ("engineering", "vegetative"), ("0103", "0404")
    treated, source = gully.ditch_parcel_flags(
        [None, "terrace_level_earth"], ["", "engineering"], ["0103", "0103"], np.array([26.6, 26.6]),
        terraces, treating, sources, 2.0,
    )  # fmt: skip
    assert treated.tolist() == [False, False, True] and source.tolist() == [False, True, False]
    out = gully.intercept_ditches(model, lab, treated, source, [upper, lower])
    assert len(out) == 1
    line, attrs = out[0]
    assert attrs["upper"] == 1 and attrs["lower"] == 2
    assert attrs["length_m"] == pytest.approx(cols * 10.0)
    assert line.equals(shapely.LineString([(x0, y0 - 200), (x0 + cols * 10, y0 - 200)]))
    assert attrs["crossing_cells"] == cols
    assert attrs["catchment_hm2"] == pytest.approx(split * cols * 100 / 1e4)  # the whole strip above
    # flat (旱平地) upslope land, forest above, or no terrace below: no ditch
    for slopes, codes, landuse in (
        ([1.5, 20.0], [None, "terrace_level_earth"], ["0103", "0103"]),
        ([26.6, 26.6], [None, "terrace_level_earth"], ["0301", "0103"]),
        ([26.6, 26.6], [None, "forest_arbor"], ["0103", "0103"]),
    ):
        treated, source = gully.ditch_parcel_flags(
            codes, None, landuse, np.array(slopes), terraces, treating, sources, 2
        )
        assert gully.intercept_ditches(model, lab, treated, source, [upper, lower]) == []
    # closure (封育) is no treatment: 荒地 under closure above a terrace is a runoff source
    treated, source = gully.ditch_parcel_flags(
        ["closure_natural", "terrace_level_earth"],
        ["closure", "engineering"],
        ["0404", "0103"],
        np.array([30.0, 10.0]),
        terraces,
        ("engineering",),
        sources,
        2.0,
    )
    assert source.tolist() == [False, True, False] and treated.tolist() == [False, False, True]


def test_bundled_table_loads_with_provenance() -> None:
    p = load_gully_params(TABLE)
    assert p.dam_type in gully.DAM_TYPES and p.default_dam_height_m > 0
    assert p.deposit_material == "gravel"
    assert p.max_strahler == 2
    assert p.ditch_type_by_region[0] == "排水型" and p.ditch_type_by_region[2] == "蓄水型"
    assert all(
        conf in ("CONFIRMED", "PARTIAL", "UNVERIFIED", "DERIVED", "PROPOSAL") for _, conf in p.provenance.values()
    )
    assert p.provenance["head_runoff_coeff"][1] == "UNVERIFIED"


def test_edited_table_is_honoured_and_errors_name_the_line(tmp_path) -> None:
    path = tmp_path / "gully_works.csv"
    shutil.copy(TABLE, path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("dam_height_m_earth,2.0,", "dam_height_m_earth,3.0,"), encoding="utf-8")
    assert load_gully_params(path).dam_height_m["earth"] == 3.0
    path.write_text(text.replace("stable_gradient_min,0.005,", "stable_gradient_min,abc,"), encoding="utf-8")
    with pytest.raises(ParamTableError) as err:
        load_gully_params(path)
    line = next(i for i, t in enumerate(text.splitlines(), start=1) if t.startswith("stable_gradient_min"))
    assert err.value.params["line"] == line and err.value.params["column"] == "value"
    path.write_text(text.replace("max_strahler,2,", "max_strahler,0,"), encoding="utf-8")
    with pytest.raises(ParamTableError, match="max_strahler"):
        load_gully_params(path)


def test_table_text_is_parsed_without_a_file() -> None:
    text = TABLE.read_bytes().decode("utf-8-sig")
    assert gully.parse_gully_params(TABLE.name, text) == load_gully_params(TABLE)
    p = gully.parse_gully_params("edited.csv", text.replace("dam_height_m_stone,2.5,", "dam_height_m_stone,4.5,"))
    assert p.dam_height_m == {"earth": 2.0, "stone": 4.5, "plant": 1.0}
    assert len(p.ditch_type_by_region) == 5
    with pytest.raises(ParamTableError) as err:
        gully.parse_gully_params("edited.csv", text.replace("max_strahler,2,", "max_strahler,x,"))
    assert err.value.params["file"] == "edited.csv" and err.value.params["column"] == "value"


# ------------------------------------------------------------------------------------------------
# the whole proposal: core.gully.suggest (what sbplanner:suggest_gully_works runs)


@pytest.fixture(scope="module")
def table_params() -> gully.GullyParams:
    return gully.parse_gully_params(TABLE.name, TABLE.read_bytes().decode("utf-8-sig"))


def layer(geoms, labels: np.ndarray, ids=None, **columns) -> gully.LayerInput:
    """A vector input as the adapters hand it over: WKB, attribute columns, the burnt raster."""
    return gully.LayerInput(
        [shapely.to_wkb(g) for g in geoms], dict(columns), np.asarray(labels).ravel(), ids or list(range(len(geoms)))
    )


def cell_box(grid: Grid, r0: int, r1: int, c0: int = 0, c1: int | None = None) -> shapely.Polygon:
    """The polygon of rows r0 … r1-1 and columns c0 … c1-1 (cell edges)."""
    x0, dx, _, y0, _, dy = grid.transform
    c1 = grid.shape[1] if c1 is None else c1
    return shapely.box(x0 + c0 * dx, y0 + r1 * dy, x0 + c1 * dx, y0 + r0 * dy)


def valley_parcels(grid: Grid) -> gully.LayerInput:
    """Cropland (dry land 0103) on rows 0 … HEAD_ROW, forest below; ws codes P1, P2; parcel ids 11, 12."""
    lab = parcels_by_rows(HEAD_ROW + 1)
    return layer(
        [cell_box(grid, 0, HEAD_ROW + 1), cell_box(grid, HEAD_ROW + 1, ROWS)],
        lab,
        ids=[0, 1],
        parcel_id=[11, 12],
        landuse_code=["0103", "0301"],
        landuse_group=["01", "03"],
        slope_mean_deg=[17.0, 17.0],
        ws_code=["P1", "P2"],
    )


def axis_line(grid: Grid, reverse: bool = False, **attrs) -> gully.LayerInput:
    """A stream line along the valley axis from the head cell (row 3) to the outlet cell, burnt on its cells."""
    x, y = grid.xy(np.array([HEAD_ROW, ROWS - 1]), np.array([CC, CC]))
    line = shapely.LineString(np.column_stack([x, y])[::-1] if reverse else np.column_stack([x, y]))
    lab = np.zeros((ROWS, COLS), dtype=np.int32)
    lab[HEAD_ROW:, CC] = 1
    return layer([line], lab, **{k: [v] for k, v in attrs.items()})


def test_suggest_on_the_valley_from_the_dem(steep, table_params) -> None:
    model = steep[0]
    res = gully.suggest(
        gully.GullyInputs(
            model,
            table_params,
            materials=MATERIALS,
            stream_threshold_km2=THRESHOLD_KM2,
            parcels=valley_parcels(model.grid),
        )
    )
    # table defaults: H = 2 m (earth), i′ = 2 % (gravel deposit), L = 2 / (0.10 − 0.02) = 25 m → 15 dams on 370 m
    assert (res.dam_height_m, res.stable_gradient_ratio, res.min_gradient) == (2.0, None, 0.05)
    assert res.deposit_material.material == "gravel" and res.channels_from == "dem"
    assert res.n_lines is None and res.n_reaches == 1 and res.decisions == {"sited": 1}
    assert len(res.dams) == 15 and res.n_candidate_dams == 15 and not res.screened
    x_out, y_out = model.grid.xy(np.array([ROWS - 1]), np.array([CC]))
    for k, (point, a) in enumerate(res.dams):
        assert (point.x, point.y) == pytest.approx((x_out[0], y_out[0] + 25.0 * k))
        assert a["chainage_m"] == pytest.approx(25.0 * k) and a["spacing_m"] == pytest.approx(25.0)
        assert a["channel_gradient_pct"] == pytest.approx(10.0) and a["stable_gradient_pct"] == pytest.approx(2.0)
        assert (a["deposit_material"], a["sited_from"]) == ("gravel", "dem")
        assert (a["measure_code"], a["dam_type"], a["dam_height_m"]) == ("check_dam", "earth", 2.0)
        assert a["status"] == "proposed"
        assert (a["reach_id"], a["strahler"], a["ws_code"]) == (1, 1, "P2")  # the parcel under the dam
    assert res.dams[0][1]["uparea_km2"] == pytest.approx(ROWS * COLS * CELL**2 / 1e6)
    # the one channel head (row 3) lies in the dry-land parcel: 沟头防护 with W = 10·0.5·100 mm·1.24 hm²
    assert res.parcels_given and not res.parcels_without_landuse and res.n_channel_heads == 1
    ((point, head),) = res.heads
    assert model.grid.rowcol(point.x, point.y) == (HEAD_ROW, CC)
    assert head["parcel_id"] == 11 and head["landuse_code"] == "0103" and head["ws_code"] == "P1"
    assert head["catchment_hm2"] == pytest.approx(1.24) and head["design_storage_m3"] == pytest.approx(620.0)
    assert head["protection_type"] == "排水型" and head["status"] == "proposed"
    # the parcels carry no measures: no intercepting ditch
    assert res.ditches == [] and res.ditch_skip == gully.NO_MEASURE_CODE


def test_suggest_follows_stream_lines_and_their_attributes(steep, table_params) -> None:
    model = steep[0]
    for reverse in (False, True):  # drawn downstream or upstream: the head is the end of smaller upstream area
        lines = axis_line(model.grid, reverse, strahler=2.0, ws_code="HT01")
        assert gully.line_start_cells(model, lines.wkb).tolist() == [HEAD_ROW * COLS + CC]
        res = gully.suggest(
            gully.GullyInputs(model, table_params, materials=MATERIALS, streams=lines, dam_height_m=2.5, region=2)
        )
        assert res.n_lines == 1 and res.lines_on_flow_pct == pytest.approx(100.0)
        # the line's order (2) and code win; H = 2.5 m is the stone dam: L = 2.5 / (0.10 − 0.02) = 31.25 m → 12
        assert len(res.dams) == 12
        assert {(a["strahler"], a["ws_code"], a["dam_type"], round(a["spacing_m"], 9)) for _, a in res.dams} == {
            (2, "HT01", "stone", 31.25)
        }
        assert res.n_channel_heads == 0 and res.heads == []  # a 2nd-order reach has no channel head
        assert not res.parcels_given and res.ditch_skip == gully.NO_PARCELS
    # an order above the maximum: no dam; a custom height: no dam type
    res = gully.suggest(
        gully.GullyInputs(model, table_params, materials=MATERIALS, streams=axis_line(model.grid, strahler=3))
    )
    assert res.dams == [] and res.decisions == {"higher_order": 1}
    res = gully.suggest(
        gully.GullyInputs(model, table_params, materials=MATERIALS, streams=axis_line(model.grid), dam_height_m=4.0)
    )
    assert len(res.dams) == math.floor(370 / 50) + 1 and {a["dam_type"] for _, a in res.dams} == {None}
    assert {a["ws_code"] for _, a in res.dams} == {None}  # neither the line nor a parcel has a code


def test_suggest_user_numbers_override_the_table(steep, table_params) -> None:
    model = steep[0]
    inputs = gully.GullyInputs(
        model, table_params, materials=MATERIALS, streams=axis_line(model.grid), min_gradient_pct=12.0
    )
    res = gully.suggest(inputs)
    assert res.dams == [] and res.decisions == {"too_flat": 1} and res.min_gradient == pytest.approx(0.12)
    inputs = gully.GullyInputs(
        model, table_params, materials=MATERIALS, streams=axis_line(model.grid), stable_gradient_ratio=0.75
    )
    res = gully.suggest(inputs)  # i′ = 7.5 %: L = 2 / 0.025 = 80 m → 5 dams
    assert [round(a["chainage_m"], 6) for _, a in res.dams] == [0.0, 80.0, 160.0, 240.0, 320.0]
    res = gully.suggest(
        gully.GullyInputs(model, table_params, materials=MATERIALS, streams=axis_line(model.grid), max_strahler=0)
    )
    assert res.dams == [] and res.decisions == {"higher_order": 1}


def test_suggest_intercepting_ditch_below_untreated_steep_land(table_params) -> None:
    grid = plane()  # 40 × 31 cells, 50 % (26.6°) southwards
    model = condition_dem(grid)
    rows, cols = grid.shape
    parcels = layer(
        [cell_box(grid, 0, 20), cell_box(grid, 20, rows)],
        parcels_by_rows(20, (rows, cols)),
        parcel_id=[101, 102],
        landuse_code=["0404", "0201"],
        slope_mean_deg=[26.6, 26.6],
        measure_code=[None, "terrace_level_earth"],
        measure_category=[None, "engineering"],
        ws_code=["P1", "P2"],
    )
    inputs = gully.GullyInputs(
        model, table_params, materials=MATERIALS, stream_threshold_km2=0.003, parcels=parcels, region=2
    )
    res = gully.suggest(inputs)
    assert res.ditch_skip is None and (res.n_treated, res.n_runoff_sources) == (1, 1)
    ((line, a),) = res.ditches
    assert line.geom_type == "MultiLineString"
    assert line.equals(shapely.MultiLineString([[(500000.0, 2999800.0), (500000.0 + cols * 10, 2999800.0)]]))
    assert a["length_m"] == pytest.approx(310.0) and res.ditch_length_m == pytest.approx(310.0)
    assert a["catchment_hm2"] == pytest.approx(6.2)  # 20 rows × 31 columns of 100 m² above the edge
    assert a["design_runoff_m3"] == pytest.approx(10 * 0.4 * 100 * 6.2)
    assert (a["parcel_id"], a["upslope_parcel_id"], a["upslope_slope_deg"], a["ws_code"]) == (102, 101, 26.6, "P2")
    assert (a["ditch_type"], a["storm_mm"], a["runoff_coeff"], a["status"]) == ("蓄水型", 100.0, 0.4, "proposed")
    assert res.heads == [] and res.n_channel_heads == cols  # 31 channel heads, none in cropland
    # without a slope field no ditch is sited; the parcel id falls back to the feature id
    del parcels.attrs["slope_mean_deg"], parcels.attrs["parcel_id"]
    res = gully.suggest(inputs)
    assert res.ditch_skip == gully.NO_SLOPE and res.ditches == []
    assert {a["ws_code"] for _, a in res.dams} == {"P2"}


def test_suggest_parcels_without_land_use_or_features(steep, table_params) -> None:
    model = steep[0]
    parcels = valley_parcels(model.grid)
    del parcels.attrs["landuse_code"], parcels.attrs["landuse_group"]
    res = gully.suggest(
        gully.GullyInputs(model, table_params, materials=MATERIALS, streams=axis_line(model.grid), parcels=parcels)
    )
    assert res.parcels_without_landuse and res.parcels_given and res.heads == []
    empty = layer([], np.zeros((ROWS, COLS), dtype=np.int32))
    res = gully.suggest(
        gully.GullyInputs(model, table_params, materials=MATERIALS, streams=axis_line(model.grid), parcels=empty)
    )
    assert not res.parcels_given and res.ditch_skip == gully.NO_PARCELS and res.heads == []
    assert res.parcels_without_landuse  # no field at all: the warning is due too


def test_suggest_bad_networks_are_typed_errors(steep, table_params) -> None:
    model = steep[0]
    with pytest.raises(gully.NoChannelsError, match="no cell drains 1 km²"):
        gully.suggest(gully.GullyInputs(model, table_params, materials=MATERIALS, stream_threshold_km2=1.0))
    with pytest.raises(gully.EmptyStreamsError):
        gully.suggest(
            gully.GullyInputs(
                model, table_params, materials=MATERIALS, streams=layer([], np.zeros((ROWS, COLS), np.int32))
            )
        )
    far = layer([shapely.LineString([(0, 0), (10, 10)])], np.zeros((ROWS, COLS), np.int32))
    with pytest.raises(gully.StreamsOffDemError, match="None of the 1 stream lines"):
        gully.suggest(gully.GullyInputs(model, table_params, materials=MATERIALS, streams=far))


def test_dam_type_of_a_height(table_params) -> None:
    assert gully.dam_type_for_height(table_params, 2.0) == "earth"
    assert gully.dam_type_for_height(table_params, 2.5) == "stone"
    assert gully.dam_type_for_height(table_params, 1.0) == "plant"
    assert gully.dam_type_for_height(table_params, 3.0) is None


# ------------------------------------------------------------------------------------------------
# issue 9: i′ by deposit material, land-use screen, surveyed gullies / heads, ditches above terraces


def test_spacing_takes_the_deposit_gradient_of_the_material(steep, table_params) -> None:
    """GB/T 16453.3 谷坊: L = H / (i − i′) with i′ from the deposit (not 0.5·i): i = 10 %, H = 2 m."""
    model = steep[0]
    expected = {"gravel": (2.0, 2.0 / (0.10 - 0.020)), "sand": (0.5, 2.0 / (0.10 - 0.005))}  # 25 m, 21.05 m
    for material, (i_s_pct, spacing) in expected.items():
        res = gully.suggest(
            gully.GullyInputs(model, table_params, materials=MATERIALS, streams=axis_line(model.grid),
                              deposit_material=material)
        )  # fmt: skip
        assert res.deposit_material.material == material and res.stable_gradient_ratio is None
        assert len(res.dams) == math.floor(370 / spacing) + 1  # gravel 15, sand 18 (0.5·i gave 10)
        assert {round(a["spacing_m"], 9) for _, a in res.dams} == {round(spacing, 9)}
        assert {round(a["stable_gradient_pct"], 9) for _, a in res.dams} == {i_s_pct}
        assert {a["deposit_material"] for _, a in res.dams} == {material}
    assert len(res.dams) == 18
    # an explicit ratio still wins over the material: i′ = 0.5·i = 5 % → 40 m → 10 dams
    res = gully.suggest(
        gully.GullyInputs(model, table_params, materials=MATERIALS, streams=axis_line(model.grid),
                          deposit_material="sand", stable_gradient_ratio=0.5)
    )  # fmt: skip
    assert len(res.dams) == 10 and res.stable_gradient_ratio == 0.5 and res.deposit_material is None
    # the table's ratio material, and an unknown material
    res = gully.suggest(
        gully.GullyInputs(model, table_params, materials=MATERIALS, streams=axis_line(model.grid),
                          deposit_material="half_of_bed")
    )  # fmt: skip
    assert len(res.dams) == 10
    with pytest.raises(gully.DepositMaterialError, match="Unknown deposit material 'peat'"):
        gully.suggest(gully.GullyInputs(model, table_params, materials=MATERIALS, deposit_material="peat"))


def test_deposit_table_loads_and_rejects_bad_rows(tmp_path) -> None:
    from sbplanner_plugin.adapters.param_files import load_deposit_materials

    m = load_deposit_materials(DEPOSIT_TABLE)
    assert m == MATERIALS
    assert {k: v.gradient for k, v in m.items() if v.gradient is not None} == pytest.approx(
        {"gravel": 0.02, "clay": 0.01, "clay_loam": 0.008, "sand": 0.005}
    )
    assert all(v.confidence in ("UNVERIFIED", "PROPOSAL") and v.source for v in m.values())
    text = DEPOSIT_TABLE.read_text(encoding="utf-8")
    with pytest.raises(ParamTableError, match="exactly one"):
        gully.parse_deposit_materials(
            "x.csv",
            text.replace(
                "gravel,粗砂(含石砾),coarse sand with gravel,2.0,,",
                "gravel,粗砂(含石砾),coarse sand with gravel,2.0,0.5,",
            ),
        )
    with pytest.raises(ParamTableError, match="appears twice"):
        gully.parse_deposit_materials("x.csv", text.replace("\nclay,", "\ngravel,"))


def test_check_dams_in_paddy_valleys_and_villages_are_screened_out(steep, table_params) -> None:
    """Forest on rows 0–9, a village (0702) on rows 10–19, paddies (0101) on rows 20–40 of the valley."""
    model = steep[0]
    grid = model.grid
    lab = np.full((ROWS, COLS), 3, dtype=np.int32)
    lab[:20], lab[:10] = 2, 1
    parcels = layer(
        [cell_box(grid, 0, 10), cell_box(grid, 10, 20), cell_box(grid, 20, ROWS)],
        lab,
        parcel_id=[1, 2, 3],
        landuse_code=["0301", "0702", "0101"],
        slope_mean_deg=[17.0, 5.0, 3.0],
    )
    res = gully.suggest(gully.GullyInputs(model, table_params, materials=MATERIALS, streams=axis_line(grid),
                                          parcels=parcels))  # fmt: skip
    # 15 candidate sites every 25 m from the outlet (row 40); a site's cell is row 40 − floor(chainage / 10)
    assert res.n_candidate_dams == 15
    assert res.screened == {"paddy": 9, "built": 4}  # chainage 0–200 m: paddy; 225–300 m: village
    assert [round(a["chainage_m"], 6) for _, a in res.dams] == [325.0, 350.0]  # in the forest
    assert {a["ws_code"] for _, a in res.dams} == {None}
    # water and a suffixed 三调 code are screened too; without parcels nothing is screened
    parcels.attrs["landuse_code"] = ["0301", "1104A", "1101"]
    res = gully.suggest(gully.GullyInputs(model, table_params, materials=MATERIALS, streams=axis_line(grid),
                                          parcels=parcels))  # fmt: skip
    assert res.screened == {"water": 13} and len(res.dams) == 2
    res = gully.suggest(gully.GullyInputs(model, table_params, materials=MATERIALS, streams=axis_line(grid)))
    assert not res.screened and len(res.dams) == 15


def test_surveyed_heads_and_gullies_are_preferred_over_the_dem(steep, table_params) -> None:
    model = steep[0]
    grid = model.grid
    # the surveyed head at row 10 of the axis; the DEM's channel head is at row 3; one point off the grid
    x, y = grid.xy(np.array([10]), np.array([CC]))
    heads = layer([shapely.Point(x[0], y[0]), shapely.Point(0.0, 0.0)], np.zeros((ROWS, COLS), np.int32))
    res = gully.suggest(gully.GullyInputs(model, table_params, materials=MATERIALS, streams=axis_line(grid),
                                          surveyed_heads=heads))  # fmt: skip
    assert res.heads_from == "survey" and res.n_surveyed_heads_off_grid == 1
    ((point, head),) = res.heads  # no parcels needed: a surveyed head is protected as recorded
    assert grid.rowcol(point.x, point.y) == (10, CC)
    assert head["catchment_hm2"] == pytest.approx(11 * COLS * CELL**2 / 1e4)  # rows 0–10 drain to it
    assert head["design_storage_m3"] == pytest.approx(10 * 0.5 * 100 * 3.41)
    assert (head["sited_from"], head["parcel_id"], head["landuse_code"]) == ("survey", None, None)
    # the surveyed gully is the lower half of the axis (rows 20 → 40): dams only there, 200 m / 25 m → 9
    xs, ys = grid.xy(np.array([20, ROWS - 1]), np.array([CC, CC]))
    lab = np.zeros((ROWS, COLS), dtype=np.int32)
    lab[20:, CC] = 1
    gullies = layer([shapely.LineString(np.column_stack([xs, ys]))], lab)
    res = gully.suggest(gully.GullyInputs(model, table_params, materials=MATERIALS, streams=axis_line(grid),
                                          surveyed_gullies=gullies))  # fmt: skip
    assert res.channels_from == "survey" and len(res.dams) == 9
    assert {a["sited_from"] for _, a in res.dams} == {"survey"}
    assert max(a["chainage_m"] for _, a in res.dams) == pytest.approx(200.0)


def test_ditch_above_a_terrace_block_below_sloping_cropland_with_outlet_and_basin(table_params) -> None:
    """GB 51018-2014 6.1.1: 截排水 where terraces have 坡耕地 above; here 16.7° (< the former 25° trigger)."""
    grid = plane(s=0.3)
    model = condition_dem(grid)
    rows, cols = grid.shape
    x0, y0 = 500000.0, 3000000.0

    def parcels(upper_landuse: str, lower_measure: str) -> gully.LayerInput:
        return layer(
            [cell_box(grid, 0, 20), cell_box(grid, 20, rows)],
            parcels_by_rows(20, (rows, cols)),
            parcel_id=[101, 102],
            landuse_code=[upper_landuse, "0103"],
            slope_mean_deg=[16.7, 16.7],
            measure_code=[None, lower_measure],
            measure_category=[None, "engineering"],
        )

    # channels where 30 cells drain: rows 29 … 39 of every column
    inputs = gully.GullyInputs(model, table_params, materials=MATERIALS, stream_threshold_km2=0.003,
                               parcels=parcels("0103", "terrace_level_earth"))  # fmt: skip
    res = gully.suggest(inputs)
    ((line, a),) = res.ditches
    assert line.equals(shapely.MultiLineString([[(x0, y0 - 200), (x0 + cols * 10, y0 - 200)]]))
    assert (a["measure_code"], a["upslope_landuse"], a["ditch_id"], a["outlet_type"]) == (
        "intercept_ditch", "0103", 1, "channel")  # fmt: skip
    # 排水沟 from the ditch's lower end (a level ditch: its first end) down column 0 to the channel at row 29
    ((drain, d),) = res.drains
    expected = [(x0, y0 - 200)] + [(x0 + 5, y0 - 10 * r - 5) for r in range(21, 30)]
    assert np.allclose(shapely.get_coordinates(drain), np.array(expected))
    assert d["length_m"] == pytest.approx(math.hypot(5, 15) + 80) and d["measure_code"] == "drain_ditch"
    assert (d["ditch_id"], d["outlet_type"], d["ditch_type"]) == (1, "channel", "排水型")
    assert res.drain_length_m == pytest.approx(d["length_m"])
    ((basin, b),) = res.basins  # 沉沙池 where the drain meets the channel
    assert (basin.x, basin.y) == pytest.approx((x0 + 5, y0 - 295))
    assert (b["measure_code"], b["ditch_id"], b["catchment_hm2"]) == ("silt_basin", 1, pytest.approx(6.2))
    assert b["design_runoff_m3"] == pytest.approx(10 * 0.4 * 100 * 6.2)
    # no channel within outlet_max_drain_m: the ditch drains at its own end, the basin stands there
    near = dataclasses.replace(table_params, outlet_max_drain_m=50.0)
    res = gully.suggest(dataclasses.replace(inputs, params=near))
    assert res.drains == [] and res.ditches[0][1]["outlet_type"] == "ditch_end"
    assert (res.basins[0][0].x, res.basins[0][0].y) == pytest.approx((x0, y0 - 200))
    # forest above the terraces, or an orchard (no terrace) below the cropland: no ditch
    for upper, lower in (("0301", "terrace_level_earth"), ("0103", "orchard_improvement")):
        res = gully.suggest(dataclasses.replace(inputs, parcels=parcels(upper, lower)))
        assert res.ditches == [] and res.basins == [] and res.drains == []
    # 荒地 (其他草地 0404) above terraces: a ditch too
    res = gully.suggest(dataclasses.replace(inputs, parcels=parcels("0404", "terrace_slope")))
    assert len(res.ditches) == 1 and len(res.basins) == 1
