"""Step 6 of the dock (design deliverables), driven like a user would, in real QGIS on the Youwuzhen demo plan
(steps 1–5 as ``make demo`` runs them): the workbook written from the panel with the tables ticked and previewed
as written (merged headers spanned, the 合计 row), the atlas run on the main thread with its page count, Make all
(atlas → report with the atlas's maps → workbook), a workbook open in Excel refused with the old one kept, and
nothing ticked explained."""

from __future__ import annotations

import sqlite3
from decimal import ROUND_HALF_UP, Decimal

import openpyxl
import pytest
from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QEventLoop, Qt, QTimer
from qgis.PyQt.QtWidgets import QWidget

from sbplanner_plugin.adapters.xlsx_export import read_sheet
from sbplanner_plugin.gui import measure_editor as editor
from sbplanner_plugin.gui.steps.report_step import ReportStep
from tests.qgis.conftest import copy_plan
from tests.qgis.test_dock_step5 import make_dock, run
from tests.qgis.test_i18n_zh import zh_translator  # noqa: F401 (fixture)


@pytest.fixture
def step(qgis_iface, youwuzhen_plan5, monkeypatch, tmp_path):
    plan = copy_plan(youwuzhen_plan5.path, tmp_path / "plan")
    dock = make_dock(qgis_iface, plan.location, monkeypatch, tmp_path)
    found = [s for s in dock.steps if s.key == "report"]
    assert len(found) == 1 and isinstance(found[0], ReportStep) and found[0].implemented
    step = found[0]
    dock.show()
    dock.step_list.setCurrentRow(dock.steps.index(step))
    assert step.isVisible()
    step.folder_widget.setFilePath(str(tmp_path / "out"))
    step.plan = plan
    yield step
    dock.cleanup()
    dock.deleteLater()
    QgsProject.instance().clear()
    editor.clear_sessions()


def half_up(value: float) -> str:
    """2 decimals rounded half up, as the workbook rounds (0.245 → 0.25)."""
    return str(Decimal(repr(float(value))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def tick_only(widget, keys) -> None:
    for i in range(widget.count()):
        item = widget.item(i)
        on = item.data(Qt.ItemDataRole.UserRole) in keys
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def test_workbook_from_the_panel_and_its_preview(step, tmp_path):
    assert step.list_label().startswith("6  ") and "(coming)" not in step.list_label()
    assert [step.scenario_combo.itemData(i) for i in range(step.scenario_combo.count())] == ["baseline"]
    assert step.table_list.count() == 17 and step.map_list.count() == 6
    tick_only(step.table_list, {"D.0.5", "D.0.10"})
    assert run(step.tables_run), step.tables_run.status.text()
    path = tmp_path / "out" / "plan_设计表.xlsx"
    assert path.is_file() and path.name in step.tables_run.status.text()
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[1:] == ["D.0.5", "D.0.10"]
    # the preview: the sheets of the written workbook, the first table shown as written
    assert [step.preview_combo.itemData(i) for i in range(step.preview_combo.count())] == book.sheetnames
    assert step.preview_combo.currentData() == "D.0.5" and step.preview.isVisibleTo(step)
    view = read_sheet(path, "D.0.5")
    shown = [[(step.preview.item(r, c).text() if step.preview.item(r, c) else "") for c in range(len(row))]
             for r, row in enumerate(view.cells)]  # fmt: skip
    assert shown == view.cells
    _first_row, first_col, _last_row, last_col = next(m for m in view.merges if m[0] == 0)  # the title
    assert step.preview.columnSpan(0, 0) == last_col - first_col + 1
    total = next(r for r, row in enumerate(view.cells) if row[0] == "合计")
    assert step.preview.item(total, 0).font().bold()
    # the 合计 row adds up the rows as shown (SL/T 447: the table sums), each row being the plan's ws_d05 row
    with sqlite3.connect(step.plan.path) as con:
        plan_rows = dict(con.execute("SELECT ws_code, eroded_area_km2 FROM ws_d05 WHERE ws_code <> 'ALL'").fetchall())
    column = view.cells[total].index(next(t for t in view.cells[total][1:] if t))  # the first number: total area
    rows = [row for row in view.cells if row[0] in plan_rows]
    assert len(rows) == len(plan_rows)
    eroded = next(c for c in range(column, len(view.cells[total]))
                  if all(row[c] == half_up(plan_rows[row[0]]) for row in rows))  # fmt: skip
    assert view.cells[total][eroded] == f"{sum(float(row[eroded]) for row in rows):.2f}"
    assert step.open_button.isEnabled()


def test_nothing_ticked_and_a_locked_workbook(step, tmp_path):
    tick_only(step.table_list, set())
    assert not run(step.tables_run)
    assert "Tick at least one table" in step.tables_run.status.text()
    step.select_all.click()
    assert len(step.chosen_tables()) == 17
    out = tmp_path / "out"
    out.mkdir()
    target = out / "plan_设计表.xlsx"
    target.write_bytes(b"the engineer's workbook")
    (out / "~$plan_设计表.xlsx").write_bytes(b"")  # Excel has it open
    assert not run(step.tables_run)
    assert target.read_bytes() == b"the engineer's workbook"
    assert "Traceback" not in step.tables_run.status.text() and str(target) in step.tables_run.status.text()


def test_atlas_runs_on_the_main_thread_with_one_page_per_watershed_and_map(step, tmp_path):
    tick_only(step.map_list, {"erosion", "urgency"})
    step.page_combo.setCurrentIndex(1)  # A4 landscape
    assert run(step.maps_run), step.maps_run.status.text()
    pdf = tmp_path / "out" / "plan_图集.pdf"
    from osgeo import gdal

    ds = gdal.OpenEx(str(pdf))
    pages = int(ds.GetMetadataItem("NUM_PAGES") or 1) if ds.GetMetadata("SUBDATASETS") == {} else len(
        ds.GetMetadata("SUBDATASETS")) // 2  # fmt: skip
    with sqlite3.connect(step.plan.path) as con:
        (n,) = con.execute("SELECT count(*) FROM small_watersheds").fetchone()
    assert pages == 2 * n and f"({2 * n} pages)" in step.maps_run.status.text()
    images = tmp_path / "out" / "plan_maps"
    assert sorted(p.name for p in images.iterdir()) == ["erosion.png", "urgency.png"]


def test_make_all_chains_the_three(step, tmp_path):
    if QgsApplication.processingRegistry().algorithmById("sbplanner:export_report") is None:
        pytest.skip("export_report not in this build")
    tick_only(step.map_list, {"measures"})
    loop = QEventLoop()
    step.tables_run.runFinished.connect(lambda ok: loop.quit())
    step.all_button.click()
    QTimer.singleShot(240000, loop.quit)
    loop.exec_()
    out = tmp_path / "out"
    for name in ("plan_图集.pdf", "plan_报告.docx", "plan_设计表.xlsx"):
        assert (out / name).is_file(), name
    import docx

    document = docx.Document(str(out / "plan_报告.docx"))
    assert len(document.inline_shapes) >= 1  # the atlas's measures map went into the report


@pytest.fixture
def zh_step(request, qgis_iface, youwuzhen_plan5, monkeypatch, tmp_path):
    """The step built with the Chinese translation installed."""
    request.getfixturevalue("zh_translator")
    yield from step.__wrapped__(qgis_iface, youwuzhen_plan5, monkeypatch, tmp_path)


@pytest.mark.parametrize("which", ["step", "zh_step"])
def test_the_panel_fits_a_narrow_dock(which, request):
    """The step's minimum width leaves the map most of a 1366-pixel screen, in English and in Chinese (after a
    run: the status names the file, not its whole path; the preview scrolls)."""
    panel = request.getfixturevalue(which)
    tick_only(panel.table_list, {"D.0.4", "D.0.11"})
    assert run(panel.tables_run), panel.tables_run.status.text()
    widest = max((w.minimumSizeHint().width(), type(w).__name__, getattr(w, "title", lambda: "")())
                 for w in panel.findChildren(QWidget) if w.parent() is panel)  # fmt: skip
    assert panel.minimumSizeHint().width() <= 420, widest


def test_the_panel_is_as_wide_and_tall_as_the_step_shown(step):
    """The dock's pages count only the step shown: step 6 is not as wide as step 2's tables nor as tall as step 5
    (a stacked widget otherwise takes the largest page's size: scrolling sideways and over empty space)."""
    dock = step.dock
    pages = dock.pages
    assert pages.minimumSizeHint().width() <= 440
    tallest = max(s.sizeHint().height() for s in dock.steps)
    assert pages.sizeHint().height() < tallest
    # a page wider than step 6 (step 2 was, with its tables, until it fitted the dock's 400 px: issue 15)
    dock.steps[1].setMinimumWidth(600)
    dock.step_list.setCurrentRow(1)  # step 2: its own width counts now, step 6 is hidden
    assert pages.currentWidget() is dock.steps[1] and not step.isVisible()
    assert pages.minimumSizeHint().width() >= 600
