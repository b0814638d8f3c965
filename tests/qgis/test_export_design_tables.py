"""``sbplanner:export_design_tables`` in real QGIS on the Youwuzhen plan (steps 1–5 as ``make demo`` runs them).

The workbook is opened with openpyxl: its sheets, headers and merged ranges, totals equal to the sum of the
rows, and the values equal to the plan's own numbers read straight from the GeoPackage with sqlite3 (a round
trip, not a recomputation). Bad input: a workbook open in Excel / LibreOffice (lock file) or a destination that
cannot be written is refused and the old file kept byte for byte; an unknown scenario names the plan's
scenarios; a plan without step 3–5 results gives what it can and lists the rest; an empty plan is an error.
"""

from __future__ import annotations

import shutil
import sqlite3
from decimal import ROUND_HALF_UP, Decimal

import openpyxl
import processing
import pytest
from qgis.core import QgsProcessingException

from sbplanner_plugin.adapters.plan_store import PlanStore, register_gpkg_functions
from sbplanner_plugin.demo import step4, step5
from tests.qgis.conftest import copy_plan, demo_units

ALG = "sbplanner:export_design_tables"


@pytest.fixture(scope="module")
def plan(youwuzhen_plan, demo_dir, tmp_path_factory) -> PlanStore:
    """Youwuzhen with steps 1–5 (small watersheds, summaries, layout, quantities, investment, ranking, benefits)."""
    out = tmp_path_factory.mktemp("ywz_tables")
    store = copy_plan(youwuzhen_plan, out / "plan")
    demo_units(store, demo_dir)
    processing.run("sbplanner:summarise_watersheds", {
        "PARCELS": store.layer_uri("parcels"), "WATERSHEDS": store.layer_uri("small_watersheds"), "SLOPE_SYSTEM": 1,
        "PLAN": str(store.path), **{k: "TEMPORARY_OUTPUT" for k in ("OUTPUT_LANDUSE_SLOPE", "OUTPUT_D010",
                                                                    "OUTPUT_D011", "OUTPUT_D05", "OUTPUT_INDICATORS")},
    })  # fmt: skip
    processing.run("sbplanner:assign_measures", {
        "PARCELS": store.layer_uri("parcels"), "REGION": 0, "OUTPUT_PARCELS": store.destination("parcels_measures"),
    })  # fmt: skip
    assert step4.run_step4(store, demo_dir / "ywzdem10m.tif", out, "note")
    assert step5.run_step5(store, out, 0)
    return store


@pytest.fixture(scope="module")
def workbook(plan, tmp_path_factory) -> dict:
    path = tmp_path_factory.mktemp("ywz_xlsx") / "tables.xlsx"
    result = processing.run(ALG, {"PLAN": str(plan.path), "OUTPUT": str(path)})
    return {"path": path, "result": result, "book": openpyxl.load_workbook(path)}


def rnd(value: float, decimals: int = 2) -> float:
    """Rounded half up as a reader rounds (0.245 → 0.25), the precision rule the workbook follows."""
    out = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return int(out) if decimals == 0 else float(out)


def rows_of(con, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def plan_rows(store: PlanStore, table: str, columns: str) -> dict:
    """``{ws_code: (values…)}`` of a plan table, read with sqlite3 (not through SBPlanner)."""
    with sqlite3.connect(store.path) as con:
        return {r[0]: r[1:] for r in rows_of(con, f'SELECT ws_code, {columns} FROM "{table}"')}


def body(ws) -> tuple[list[tuple], tuple]:
    """(the data rows, the 合计 row) of a table sheet: the rows below the header whose first cell is a small
    watershed code, and the row whose first cell is 合计 / Total."""
    data, total = [], None
    for row in ws.iter_rows(values_only=True):
        if row[0] in ("合计", "Total"):
            total = row
        elif isinstance(row[0], str) and row[0].startswith("WS"):
            data.append(row)
    assert total is not None, f"{ws.title}: no total row"
    return data, total


def merged(ws) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


def test_sheets_titles_and_outputs(workbook) -> None:
    book, result = workbook["book"], workbook["result"]
    assert book.sheetnames[0] == "封面"
    for name in ("D.0.4", "D.0.5", "D.0.8", "D.0.9", "D.0.10", "D.0.13", "D.0.14", "D.0.15", "D.0.16", "D.0.18",
                 "投资估算总表", "D.0.19", "D.0.20", "D.0.21", "治理紧迫程度排序"):  # fmt: skip
        assert name in book.sheetnames, name
    assert result["OUTPUT"] == str(workbook["path"])
    assert result["MADE"].split(";")[:3] == ["D.0.4", "D.0.5", "D.0.8"]
    # Youwuzhen has no dry cropland: no D.0.11 and no terraces, said so (the rest is still written)
    assert "D.0.11" not in book.sheetnames and "梯田工程量表" not in book.sheetnames
    missing = result["MISSING"].splitlines()
    assert any(m.startswith("D.0.11: ") for m in missing) and any(m.startswith("terraces: ") for m in missing)
    cover = book["封面"]
    texts = [c for row in cover.iter_rows(values_only=True) for c in row if c]
    assert (
        cover["A1"].value.endswith("设计成果表") and "baseline" in texts and str(workbook["path"].parent) not in texts
    )
    assert any("measures.csv" in str(t) for t in texts) and "D.0.11" in texts  # parameter tables; what is missing


def test_d05_header_merges_and_total_row(workbook, plan) -> None:
    ws = workbook["book"]["D.0.5"]
    assert ws["A1"].value == "D.0.5 水土流失现状表" and "A1:P1" in merged(ws)
    assert [ws.cell(2, c).value for c in (1, 2, 3, 5)] == ["小流域", "总面积/km²", "水土流失面积", "轻度"]
    assert [ws.cell(3, c).value for c in (3, 4)] == ["面积/km²", "比例/%"]
    assert {"A2:A3", "B2:B3", "C2:D2", "E2:F2"} <= merged(ws)
    assert ws.freeze_panes == "B4" and ws.cell(4, 2).number_format == "0.00" and ws.cell(4, 15).number_format == "0"
    data, total = body(ws)
    plan_d05 = plan_rows(plan, "ws_d05", "land_area_km2, eroded_area_km2, eroded_pct_of_land, light_km2,"
                                         " mean_modulus_t_km2_a")  # fmt: skip
    assert [r[0] for r in data] == sorted(c for c in plan_d05 if c != "ALL")
    for row in data:  # round trip: the plan's numbers with the table's decimals
        land, eroded, pct, light, modulus = plan_d05[row[0]]
        assert row[1:5] == (rnd(land, 2), rnd(eroded, 2), rnd(pct, 2), rnd(light, 2))
        assert row[14] == rnd(modulus, 0)
    for c in (1, 2, 4, 6):  # areas: the total row is the sum of the rows
        assert total[c] == pytest.approx(sum(r[c] for r in data), abs=1e-9)
    whole = plan_d05["ALL"]  # ratios and the mean modulus of the total row: the whole area's own
    assert total[3] == pytest.approx(whole[2], abs=0.006) and total[14] == rnd(whole[4], 0)


def test_d010_d09_and_d04_agree_with_the_plan(workbook, plan) -> None:
    book = workbook["book"]
    data, total = body(book["D.0.10"])
    d010 = plan_rows(plan, "ws_d010", "total_hm2, c1_hm2, c1_pct, c3_hm2")
    for row in data:
        assert (row[1], row[2], row[3], row[6]) == tuple(rnd(v, 2) for v in d010[row[0]])
    assert total[1] == pytest.approx(sum(r[1] for r in data)) and total[3] == pytest.approx(d010["ALL"][2], abs=0.006)
    data, total = body(book["D.0.9"])
    indicators = plan_rows(plan, "ws_indicators", "land_area_km2, eroded_area_km2, forest_grass_cover_pct")
    for row in data:
        assert row[1:4] == tuple(rnd(v, 2) for v in indicators[row[0]])
    assert total[3] == pytest.approx(indicators["ALL"][2], abs=0.006)
    # D.0.4 sums the parcels as step 2 did: its land-use groups equal ws_landuse_slope's
    with sqlite3.connect(plan.path) as con:
        groups = {(w, g): a for w, g, a in rows_of(con, "SELECT ws_code, landuse_group, sum(total_hm2) FROM "
                                                        "ws_landuse_slope GROUP BY 1, 2")}  # fmt: skip
    ws = book["D.0.4"]
    assert ws["A2"].value == "单位：hm²"  # the unit line: the header is rows 3–4
    header = [ws.cell(4, c).value or ws.cell(3, c).value for c in range(1, ws.max_column + 1)]
    data, total = body(ws)
    forest = header.index("小计", header.index("乔木林地"))
    for row in data:
        assert row[1] == pytest.approx(sum(a for (w, _), a in groups.items() if w == row[0]), abs=0.03)
        assert row[header.index("水田")] == pytest.approx(groups.get((row[0], "01"), 0.0), abs=0.006)
        assert row[forest] == pytest.approx(groups.get((row[0], "03"), 0.0), abs=0.006)
    assert total[1] == pytest.approx(sum(r[1] for r in data), abs=1e-9)


def test_investment_and_benefit_tables_round_trip(workbook, plan) -> None:
    book = workbook["book"]
    by_ws = plan_rows(plan, "investment_by_ws", "static_total_yuan, part4_yuan")
    ws = book["D.0.18"]
    assert ws["A2"].value == "单位：万元" and ws["B3"].value == "第一部分 工程措施"
    data, total = body(ws)
    for row in data:
        assert row[-1] == rnd(by_ws[row[0]][0] / 1e4, 2) and row[-3] == rnd(by_ws[row[0]][1] / 1e4, 2)
    assert total[-1] == pytest.approx(sum(r[-1] for r in data), abs=1e-9)
    with sqlite3.connect(plan.path) as con:
        static = rows_of(con, "SELECT amount_wan FROM investment_summary WHERE code = 'static_total'")[0][0]
        funded = rows_of(con, "SELECT sum(amount_yuan) FROM investment_funding")[0][0]
    assert total[-1] == pytest.approx(static, abs=0.01 * len(data))
    funding = book["D.0.19"]
    _, total19 = next((r, r) for r in funding.iter_rows(values_only=True) if r[0] == "合计")
    assert total19[1] == pytest.approx(funded / 1e4, abs=0.02) and total19[3] == pytest.approx(60.0, abs=0.01)
    d021 = plan_rows(plan, "benefit_d021", "npv_wan_yuan, irr_pct, pv_benefit_wan_yuan, pv_cost_wan_yuan")
    data, total = body(book["D.0.21"])
    for row in data:
        assert row[13] == rnd(d021[row[0]][0], 2)
    assert total[13] == pytest.approx(sum(r[13] for r in data), abs=1e-9)
    assert total[14] == rnd(d021["ALL"][1], 2) and total[15] == rnd(d021["ALL"][2] / d021["ALL"][3], 2)
    d020 = book["D.0.20"]
    data, total = body(d020)
    with sqlite3.connect(plan.path) as con:
        water = dict(rows_of(con, "SELECT ws_code, water_wan_m3_a FROM benefit_d020 WHERE measure_column = '合计'"))
    headers = [d020.cell(3, c).value for c in range(1, d020.max_column + 1)]
    water_sum = headers.index("合计")
    for row in data:
        assert row[water_sum] == pytest.approx(water[row[0]], abs=0.0001 * len(headers))
    assert total[water_sum] == pytest.approx(water["ALL"], abs=0.0005)


def test_parcel_and_ranking_sheets(workbook, plan) -> None:
    book = workbook["book"]
    ws = book["D.0.13"]
    with sqlite3.connect(plan.path) as con:
        n, area = rows_of(con, "SELECT count(*), sum(area_ha) FROM parcels_measures")[0]
        ranked = [r[0] for r in rows_of(con, "SELECT ws_code FROM ws_urgency_table ORDER BY urgency_rank")]
    numbers = [r[0] for r in ws.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)]
    assert numbers == list(range(1, n + 1))  # one row per parcel of the layout
    total = next(r for r in ws.iter_rows(values_only=True) if r[1] == "合计")
    subtotals = [r for r in ws.iter_rows(values_only=True) if r[2] == "小计"]
    assert total[4] == pytest.approx(sum(r[4] for r in subtotals), abs=1e-6)
    assert total[4] == pytest.approx(area, abs=0.005 * n)
    assert ws["A2"].value == "序号" and "D2:H2" in merged(ws) and ws["D2"].value == "现状"
    urgency = book["治理紧迫程度排序"]
    assert [r[1] for r in urgency.iter_rows(min_row=4, max_row=3 + len(ranked), values_only=True)] == ranked


def test_english_workbook(plan, tmp_path) -> None:
    path = tmp_path / "tables_en.xlsx"
    processing.run(ALG, {"PLAN": str(plan.path), "LANGUAGE": 1, "TABLES": "D.0.5;D.0.15", "OUTPUT": str(path)})
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Cover", "D.0.5", "D.0.15"]
    ws = book["D.0.5"]
    assert ws["A1"].value == "Table D.0.5 Soil erosion status" and ws["A2"].value == "Small watershed"
    header = [ws.cell(r, c).value for r in (2, 3) for c in range(1, ws.max_column + 1)]
    assert not [h for h in header if h and any("\u4e00" <= ch <= "\u9fff" for ch in h)]
    assert ws["A1"].font.name == "Arial" and book["D.0.15"]["A1"].font.name == "Arial"


def test_village_sheets_from_zldwdm(plan, tmp_path) -> None:
    """Parcels with a 三调 ZLDWDM: every 行政村 table on its own sheet, the first 12 digits as the village."""
    store = copy_plan(plan.path, tmp_path / "villages")
    with sqlite3.connect(store.path) as con:
        register_gpkg_functions(con)  # the GeoPackage's R-tree triggers call ST_IsEmpty
        con.execute("ALTER TABLE parcels ADD COLUMN ZLDWDM TEXT")
        con.execute("UPDATE parcels SET ZLDWDM = CASE WHEN fid % 2 = 0 THEN '3508210010010000001' "
                    "WHEN fid % 3 = 0 THEN '3508210010010000002' ELSE '3508210010020000001' END")  # fmt: skip
    path = tmp_path / "villages.xlsx"
    processing.run(ALG, {"PLAN": str(store.path), "TABLES": "D.0.4;D.0.5", "OUTPUT": str(path)})
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["封面", "D.0.4", "D.0.4 行政村", "D.0.5", "D.0.5 行政村"]
    ws = book["D.0.5 行政村"]
    assert ws["A1"].value == "D.0.5 水土流失现状表（按行政村）" and ws["A2"].value == "行政村"
    rows = [r for r in ws.iter_rows(min_row=4, values_only=True) if r[0]]
    assert [r[0] for r in rows[:3]] == ["350821001001", "350821001002", "合计"]
    _, ws_total = body(book["D.0.5"])
    assert rows[2][1] == pytest.approx(ws_total[1], abs=0.011)  # the same land, grouped otherwise
    assert rows[2][1] == pytest.approx(rows[0][1] + rows[1][1], abs=1e-9)


def test_a_plan_with_steps_1_and_2_only_gives_what_it_can(youwuzhen_plan_copy, tmp_path) -> None:
    path = tmp_path / "early.xlsx"
    result = processing.run(ALG, {"PLAN": str(youwuzhen_plan_copy.path), "OUTPUT": str(path)})
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["封面", "D.0.4", "D.0.8"]  # from the analysed parcels
    missing = result["MISSING"]
    assert "D.0.5: the plan has no ws_d05 (run step 2, Summarise small watersheds)" in missing
    assert "D.0.18: the plan has no investment_by_ws for scenario baseline (run step 4, Estimate investment)" in missing


def test_an_empty_plan_is_an_error_and_writes_nothing(tmp_path) -> None:
    store = PlanStore(tmp_path / "empty.gpkg")
    store.ensure()
    path = tmp_path / "tables.xlsx"
    with pytest.raises(QgsProcessingException, match="No design table can be made from the plan"):
        processing.run(ALG, {"PLAN": str(store.path), "OUTPUT": str(path)})
    assert not path.exists()


def test_unknown_scenario_and_table_name_the_choices(plan, tmp_path) -> None:
    path = tmp_path / "tables.xlsx"
    with pytest.raises(QgsProcessingException, match=r"has no scenario 'plan_x'; its scenarios are: baseline"):
        processing.run(ALG, {"PLAN": str(plan.path), "SCENARIO": "plan_x", "OUTPUT": str(path)})
    with pytest.raises(QgsProcessingException, match=r"no design table 'D\.0\.99'; the tables are: D\.0\.4, D\.0\.5"):
        processing.run(ALG, {"PLAN": str(plan.path), "TABLES": "D.0.5;D.0.99", "OUTPUT": str(path)})
    assert not path.exists()


@pytest.mark.parametrize("lock", ["~$tables.xlsx", ".~lock.tables.xlsx#"])
def test_an_open_workbook_is_refused_and_kept(plan, tmp_path, lock) -> None:
    path = tmp_path / "tables.xlsx"
    path.write_bytes(b"the old workbook")
    (tmp_path / lock).write_text("engineer")
    with pytest.raises(
        QgsProcessingException, match=r"tables\.xlsx is open in another program .* the old file is kept"
    ):
        processing.run(ALG, {"PLAN": str(plan.path), "TABLES": "D.0.5", "OUTPUT": str(path)})
    assert path.read_bytes() == b"the old workbook"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["tables.xlsx", lock])


def test_a_destination_that_cannot_be_written_is_refused(plan, tmp_path) -> None:
    """Tests run as root, for whom a read-only folder is writable: a folder that is missing, or a "folder" that
    is a regular file, stands for a destination without write access (both are refused before the plan is read)."""
    missing = tmp_path / "no_such_folder" / "tables.xlsx"
    with pytest.raises(QgsProcessingException, match="its folder does not exist"):
        processing.run(ALG, {"PLAN": str(plan.path), "OUTPUT": str(missing)})
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    with pytest.raises(QgsProcessingException, match="its folder is a file, not a folder"):
        processing.run(ALG, {"PLAN": str(plan.path), "OUTPUT": str(blocker / "tables.xlsx")})
    assert not missing.parent.exists() and blocker.read_text() == "not a folder"


def test_a_second_export_replaces_the_workbook_whole(plan, tmp_path) -> None:
    path = tmp_path / "tables.xlsx"
    processing.run(ALG, {"PLAN": str(plan.path), "TABLES": "D.0.5", "OUTPUT": str(path)})
    first = openpyxl.load_workbook(path).sheetnames
    processing.run(ALG, {"PLAN": str(plan.path), "TABLES": "D.0.9;urgency", "OUTPUT": str(path)})
    assert first == ["封面", "D.0.5"] and openpyxl.load_workbook(path).sheetnames == [
        "封面",
        "D.0.9",
        "治理紧迫程度排序",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tables.xlsx"]  # no temporary file left behind
    shutil.rmtree(tmp_path, ignore_errors=True)
