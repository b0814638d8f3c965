"""adapters.xlsx_export: a DesignTable on a sheet — merged title and headers, unit line, number formats from the
decimals, bold total rows, frozen header, valid unique sheet names, CJK-aware widths."""

from __future__ import annotations

import openpyxl
import pytest

from sbplanner_plugin.adapters.deliverable_files import DeliverableLockedError
from sbplanner_plugin.adapters.xlsx_export import sheet_names, text_width, write_workbook
from sbplanner_plugin.core.design_model import TOTAL, DesignTable, Sheet, col, group


def small_table(key: str = "D.0.5", sheet: str = "") -> DesignTable:
    s = Sheet([col("小流域", "Unit", "u"), group("轻度", "Light", col("面积", "Area", "a", 2, "km²"),
                                                col("数量", "Count", "n", 0, "座"))], "zh")  # fmt: skip
    s.add({"u": "SW1", "a": 1.234, "n": 2})
    s.add({"u": "SW2", "a": 0.5, "n": 1})
    s.add({"u": "合计", **s.summed(s.data_rows, ["a", "n"])}, TOTAL)
    return s.table(
        key, ("D.0.5 水土流失现状表", "x"), ("单位：km²", "x"), [("注：测试。", "x")], (sheet, sheet) if sheet else None
    )


def test_a_table_sheet(tmp_path) -> None:
    path = write_workbook([small_table()], tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(path)["D.0.5"]
    assert ws["A1"].value == "D.0.5 水土流失现状表" and ws["A1"].font.bold and ws["A1"].font.name == "SimSun"
    assert ws["A2"].value == "单位：km²" and ws["A2"].alignment.horizontal == "right"
    assert [ws.cell(3, c).value for c in (1, 2)] == ["小流域", "轻度"] and ws["B4"].value == "面积/km²"
    assert {str(r) for r in ws.merged_cells.ranges} >= {"A1:C1", "A2:C2", "A3:A4", "B3:C3", "A9:C9"}
    assert [ws.cell(5, c).value for c in (1, 2, 3)] == ["SW1", 1.23, 2]
    assert ws["B5"].number_format == "0.00" and ws["C5"].number_format == "0" and not ws["B5"].font.bold
    assert [ws.cell(7, c).value for c in (1, 2, 3)] == ["合计", 1.73, 3] and ws["B7"].font.bold
    assert ws["A8"].value is None and ws["A9"].value == "注：测试。"  # a blank line, then the notes
    assert ws.freeze_panes == "B5" and ws.print_title_rows == "$3:$4"


def test_sheet_names_are_valid_and_unique() -> None:
    tables = [small_table("a", "D.0.5 行政村"), small_table("b", "x/y:z*?"), small_table("c", "D.0.5 行政村"),
              small_table("d", "长" * 40)]  # fmt: skip
    names = sheet_names(tables)
    assert names[:3] == ["D.0.5 行政村", "x_y_z__", "D.0.5 行政村 (2)"] and len(names[3]) == 31


def test_cjk_counts_about_double_in_column_widths() -> None:
    assert text_width("SW001") == 5 and text_width("小流域") == pytest.approx(5.4)


def test_an_open_workbook_is_not_replaced(tmp_path) -> None:
    path = tmp_path / "t.xlsx"
    path.write_bytes(b"old")
    (tmp_path / "~$t.xlsx").write_bytes(b"")
    with pytest.raises(DeliverableLockedError):
        write_workbook([small_table()], path)
    assert path.read_bytes() == b"old"


def test_a_written_sheet_read_back_for_the_preview(tmp_path) -> None:
    """What the dock's step-6 preview shows: the texts with their decimals, the merged blocks, the bold cells."""
    from sbplanner_plugin.adapters.xlsx_export import read_sheet, workbook_sheets

    path = write_workbook([small_table(), small_table("D.0.10")], tmp_path / "t.xlsx")
    assert workbook_sheets(path) == ["D.0.5", "D.0.10"]
    view = read_sheet(path, "D.0.5")
    assert view.cells[0][0] == "D.0.5 水土流失现状表" and view.cells[3][1] == "面积/km²"
    assert view.cells[4][:3] == ["SW1", "1.23", "2"] and view.cells[6][:3] == ["合计", "1.73", "3"]
    assert {(0, 0, 0, 2), (2, 0, 3, 0), (2, 1, 2, 2)} <= set(view.merges)
    assert (6, 1) in view.bold and (4, 1) not in view.bold and (0, 0) in view.bold
