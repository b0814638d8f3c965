"""Land-use code vintages (issue 9 item 8): 二调 / GB/T 21010-2007 vs 三调 / GB/T 21010-2017.

Before: every 3-digit code was zero-padded to a 2017 code (101 → 0101 水田, 102 → 0102 水浇地, 203 →
0203 橡胶园), 1104A / 1107A were unmapped, and the wetland codes 0303/0304/0306/0402 eroded as
forest / shrub / grass.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from sbplanner_plugin.adapters.flow_cache import condition_dem
from sbplanner_plugin.adapters.param_files import landuse_table, load_param_set
from sbplanner_plugin.core.grid import Grid
from sbplanner_plugin.core.landuse import (
    SUFFIX,
    TABLE_2007,
    V2007,
    V2017,
    VINTAGE_2007,
    VINTAGE_2017,
    VINTAGE_AUTO,
    AmbiguousVintageError,
    ForeignCodesError,
    detect_vintage,
    parse_landuse_2007,
    resolve_codes,
)
from sbplanner_plugin.core.params import ParamTableError
from sbplanner_plugin.core.parcels import ParcelLayerInputs, analyse_layer, resolve_landuse
from sbplanner_plugin.paths import resources_path
from tests.unit.analytic import CRS_WKT

ROWS, COLS, CELL = 20, 10, 10.0


@pytest.fixture(scope="module")
def params():
    return load_param_set()


@pytest.fixture(scope="module")
def table(params):
    return landuse_table(None, params)


def codes(resolution) -> list:
    return [(c.code, c.name_zh, c.csle_class) if c else None for c in resolution.classes]


# -- 1. the vintage and its own table ------------------------------------------------------------
def test_erdiao_layer_reads_101_102_203_as_railway_road_village_not_paddy(table) -> None:
    r = resolve_codes(table, ["011", "013", "101", "102", "203", "101"], ["DLBM", "TBMJ"])
    assert r.evidence.vintage == V2007 and not r.evidence.chosen
    assert r.evidence.three_digit == ["011", "013", "101", "102", "203"]
    assert codes(r) == [
        ("0101", "水田", "paddy"),
        ("0103", "旱地", "cropland"),
        ("1001", "铁路用地", "built"),
        ("1003", "公路用地", "built"),
        ("0702", "村庄", "built"),
        ("1001", "铁路用地", "built"),
    ]
    assert r.unmapped == []
    assert r.table.startswith(str(resources_path("params") / TABLE_2007))
    info = [str(m) for kind, m in r.messages() if kind == "info"]
    assert info[0].startswith(
        "Land-use codes: 2nd land survey / GB/T 21010-2007 (evidence: 3-digit codes 011, 013, 101, 102"
    )
    assert "101 → 1001 铁路用地 (2)" in info[1]


def test_text_3_digit_codes_alone_are_2007_and_were_padded_before(params, table) -> None:
    before = [params.landuse.get(c.zfill(4)) for c in ("101", "102", "203")]  # the old zero-padding
    assert [c.name_zh for c in before] == ["水田", "水浇地", "橡胶园"]
    r = resolve_codes(table, ["101", "102", "203"])
    assert [c.name_zh for c in r.classes] == ["铁路用地", "公路用地", "村庄"]
    assert {c.csle_class for c in r.classes} == {"built"}


def test_sandiao_0101_is_paddy_and_numbers_lose_only_their_zero(table) -> None:
    r = resolve_codes(table, ["0101", "0103", "0301"], ["DLBM", "GDPDJB", "KCXS"])
    assert r.evidence.vintage == V2017
    assert r.evidence.fields_2017 == ["GDPDJB", "KCXS"]
    assert codes(r)[0] == ("0101", "水田", "paddy")
    # a numeric 三调 field: 103 and 301 are 0103 / 0301 (301 has no 2007 meaning, 1001 has 4 digits)
    r = resolve_codes(table, [103, 301, 1001])
    assert r.evidence.vintage == V2017 and r.evidence.padded == ["301"] and r.evidence.ambiguous == ["103"]
    assert [c.code for c in r.classes] == ["0103", "0301", "1001"]


def test_2007_numbers_without_their_zero(table) -> None:
    r = resolve_codes(table, [11.0, 13, 31, 101])
    assert r.evidence.vintage == V2007 and r.evidence.two_digit == ["13", "31"]
    assert [c.name_zh for c in r.classes] == ["水田", "旱地", "有林地", "铁路用地"]


def test_detection_from_field_names(table) -> None:
    numbers = [101, 102, 203]  # read either way: 1001/1003/0702 (2007) or 0101/0102/0203 (2017)
    r = resolve_codes(table, numbers, ["BSM", "DLBM", "GDPDJ", "TKXS"])
    assert (r.evidence.vintage, r.evidence.fields_2007) == (V2007, ["GDPDJ", "TKXS"])
    assert [c.name_zh for c in r.classes] == ["铁路用地", "公路用地", "村庄"]
    r = resolve_codes(table, numbers, ["dlbm", "gdpdjb"])
    assert (r.evidence.vintage, r.evidence.fields_2017) == (V2017, ["gdpdjb"])
    assert [c.name_zh for c in r.classes] == ["水田", "水浇地", "橡胶园"]


def test_user_choice_overrides_and_contrary_evidence_is_a_warning(table) -> None:
    r = resolve_codes(table, [101, 102], ["GDPDJB"], VINTAGE_2007)
    assert r.evidence.chosen and r.evidence.vintage == V2007
    assert [c.code for c in r.classes] == ["1001", "1003"]
    warnings = [str(m) for kind, m in r.messages() if kind == "warning"]
    assert warnings == ["Evidence for the other code vintage: 三调 fields GDPDJB. Check the 'Land-use code vintage'."]
    # a 4-digit code in a layer declared 2007 is not read as 2017: it is reported unmapped
    r = resolve_codes(table, ["011", "0103"], (), VINTAGE_2007)
    assert codes(r) == [("0101", "水田", "paddy"), None] and r.unmapped == [("0103", 1)]


# -- ambiguous evidence ---------------------------------------------------------------------------
def test_mixed_code_forms_stop_with_a_clear_error(table) -> None:
    with pytest.raises(AmbiguousVintageError) as err:
        resolve_codes(table, ["0101", "0103", "011"])
    assert "4-digit codes 0101, 0103; 3-digit codes 011" in str(err.value)
    assert "choose the 'Land-use code vintage'" in str(err.value)
    # numbers read either way and no field to tell: the user must choose
    with pytest.raises(AmbiguousVintageError):
        resolve_codes(table, [101, 102, 203], ["DLBM"])
    # … or fields of both surveys
    with pytest.raises(AmbiguousVintageError):
        resolve_codes(table, [101], ["GDPDJ", "GDPDJB"])
    # the choice settles it
    assert resolve_codes(table, [101], ["DLBM"], VINTAGE_2017).classes[0].name_zh == "水田"


def test_codes_and_field_names_that_disagree_stop_too(table) -> None:
    with pytest.raises(AmbiguousVintageError) as err:
        detect_vintage(["0101", "0301"], ["TKXS"], table)
    assert "4-digit codes 0101, 0301; 二调 fields TKXS" in str(err.value)
    ev = detect_vintage(["0101", "0301"], ["TKXS"], table, VINTAGE_2017)
    assert ev.vintage == V2017 and ev.conflict and ev.fields_2007 == ["TKXS"]


def test_numbers_of_another_code_list_are_not_read_as_2007(table, tmp_path) -> None:
    # SWAT codes 4, 6, 8, 18, 33, 104 (the demo's SWAT_CODE): 33 and 104 look like 2007 codes without
    # their zero (033 其他林地, 104 农村道路), but 4, 6, 8, 18 are codes of neither table
    swat = [4, 6, 8, 18, 33, 104, 106]
    with pytest.raises(ForeignCodesError) as err:
        resolve_codes(table, swat)
    assert "codes of neither table 18, 4, 6, 8" in str(err.value) and "code mapping CSV" in str(err.value)
    assert resolve_codes(table, swat, (), VINTAGE_2017).unmapped[0] == ("4", 1)  # the user's choice: unmapped
    with pytest.raises(ForeignCodesError):  # 三调 fields do not make them 2007 codes
        resolve_codes(table, swat, ["GDPDJB"])
    with pytest.raises(AmbiguousVintageError):  # 三调 fields and 2007 numbers, all known
        resolve_codes(table, [33, 104], ["GDPDJB"])
    mapping = landuse_table(str(resources_path("params") / "landuse_map_youwuzhen_swat.csv"))
    r = resolve_codes(mapping, swat, ["SWAT_CODE", "GDPDJB"])
    assert r.evidence.vintage == V2017 and r.unmapped == []
    assert [c.code for c in r.classes] == ["0201", "0301", "0301", "1104", "0101", "0702", "0601"]


def test_no_evidence_assumes_2017_and_says_so(table) -> None:
    r = resolve_codes(table, ["05", "XX", None])
    assert r.evidence.assumed and r.evidence.vintage == V2017
    assert "no evidence: GB/T 21010-2017 assumed" in str(r.messages()[0][1])


# -- 2. 三调 suffixed codes --------------------------------------------------------------------------
def test_sandiao_suffixed_codes(table) -> None:
    r = resolve_codes(table, ["1104A", "1107A", "1104K", "0201K", "0301A", "05H1", "08H2"])
    assert r.evidence.vintage == V2017
    assert codes(r) == [
        ("1104A", "养殖坑塘", "water"),
        ("1107A", "干渠", "water"),
        ("1104", "坑塘水面", "water"),
        ("0201", "果园", "orchard"),
        ("0301", "乔木林地", "forest"),
        ("05H1", "商业服务业设施用地", "built"),
        ("08H2", "科教文卫用地", "built"),
    ]
    # suffixes the table does not list are read as the base class, and the log lists them
    assert r.approximated[SUFFIX] == [
        ("1104K", "1104 坑塘水面", 1),
        ("0201K", "0201 果园", 1),
        ("0301A", "0301 乔木林地", 1),
    ]
    assert any("0301A → 0301 乔木林地 (1)" in str(m) for kind, m in r.messages() if kind == "warning")


# -- 3. wetlands ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def plane():
    r, _ = np.mgrid[0:ROWS, 0:COLS]
    z = 500.0 - math.tan(math.radians(20.0)) * CELL * r
    grid = Grid(z, (0.0, CELL, 0.0, ROWS * CELL, 0.0, -CELL), CRS_WKT)
    return grid, condition_dem(grid)


def analysed(plane, params, table, dlbm: list, fields: dict | None = None, vintage: int = VINTAGE_AUTO):
    """Four parcels of 5 rows each on a 20° plane, R = 7000, K = 0.005."""
    grid, model = plane
    labels = np.repeat(np.arange(1, 5, dtype=np.int32), 5)[:, None].repeat(COLS, axis=1)
    return analyse_layer(
        ParcelLayerInputs(
            grid=grid,
            model=model,
            params=params,
            landuse_table=table,
            labels=labels,
            area_m2=np.full(4, 5000.0),
            attrs={"DLBM": dlbm, **(fields or {})},
            landuse_field="DLBM",
            r_factor=7000.0,
            k_factor=0.005,
            landuse_vintage=vintage,
        )
    )


def test_wetland_codes_do_not_erode(plane, params, table) -> None:
    before = {c: params.landuse[c].csle_class for c in ("0301", "0305", "0404")}
    assert before == {"0301": "forest", "0305": "shrub", "0404": "grass"}  # what 0303/0304, 0306, 0402 had
    wet = analysed(plane, params, table, ["0303", "0304", "0306", "0402"]).table
    assert list(wet["csle_class"]) == ["water"] * 4
    assert list(wet["soil_loss_t_km2_a"]) == [0.0] * 4
    assert list(wet["eroded_area_ha"]) == [0.0] * 4
    dry = analysed(plane, params, table, ["0301", "0305", "0404", "0404"]).table
    assert (dry["soil_loss_t_km2_a"] > 0).all()
    assert {params.landuse[c].csle_class for c in ("1105", "1106", "1108", "1104A", "1107A")} == {"water"}


def test_erdiao_road_parcel_gets_no_cropland_soil_loss(plane, params, table) -> None:
    # before: 102 → 0102 水浇地 (cropland, T = 1: eroding); now 公路用地 (built: A = 0)
    t = analysed(plane, params, table, ["102", "013", "104", "203"], {"GDPDJ": ["", "3", "", ""]}).table
    assert list(t["landuse_code"]) == ["1003", "0103", "1006", "0702"]
    assert list(t["landuse_name"]) == ["公路用地", "旱地", "农村道路", "村庄"]
    assert list(t["landuse_group"]) == ["10", "01", "10", "07"]
    assert t.loc[1, "soil_loss_t_km2_a"] == 0.0 and t.loc[4, "soil_loss_t_km2_a"] == 0.0
    assert t.loc[2, "soil_loss_t_km2_a"] > 0 and t.loc[3, "soil_loss_t_km2_a"] > 0  # dry land, earth road
    result = analysed(plane, params, table, ["102", "013", "104", "203"], {"GDPDJ": ["", "3", "", ""]})
    assert result.landuse.evidence.vintage == V2007


def test_analyse_layer_stops_on_mixed_codes(plane, params, table) -> None:
    with pytest.raises(AmbiguousVintageError):
        analysed(plane, params, table, ["0101", "011", "0103", "013"])
    t = analysed(plane, params, table, ["0101", "011", "0103", "013"], vintage=VINTAGE_2017).table
    assert list(t["landuse_code"]) == ["0101", None, "0103", None]


# -- the tables ------------------------------------------------------------------------------------------
def test_bundled_2007_table_maps_every_code_to_a_2017_class(params, table) -> None:
    assert len(table.classes_2007) == 62
    assert all(c.code in params.landuse for c in table.classes_2007.values())
    assert table.classes_2007["125"].code == "1108" and table.classes_2007["125"].csle_class == "water"
    assert table.classes_2007["127"].csle_class == "bare"


def test_2007_table_errors_name_line_and_column(params) -> None:
    head = "code,name_zh,name_en,gbt2017_code,csle_class,source,confidence\n"
    with pytest.raises(ParamTableError) as err:
        parse_landuse_2007(TABLE_2007, head + "101,铁路用地,railway,9999,built,x,UNVERIFIED\n", params.landuse)
    assert (err.value.params["line"], err.value.params["column"]) == (2, "gbt2017_code")
    with pytest.raises(ParamTableError) as err:
        parse_landuse_2007(TABLE_2007, head + "011,水田,paddy,0101,cropland,x,UNVERIFIED\n", params.landuse)
    assert err.value.params["column"] == "csle_class"
    assert "differs from the class of 0101 (paddy)" in str(err.value)


def test_resolve_landuse_keeps_its_old_reading_without_field_names(params, table) -> None:
    classes, unmapped = resolve_landuse(table, [103, "0103", "1104K"])
    assert [c.code for c in classes] == ["0103", "0103", "1104"] and unmapped == []
    classes, _ = resolve_landuse(table, ["101"], ["GDPDJ"])
    assert classes[0].code == "1001"
    assert VINTAGE_2007 == 2 and VINTAGE_2017 == 1
