"""Step 3's validation list and bulk changes on the Youwuzhen demo plan: the same problem of many parcels is one
line with its count and a "show them" link that selects them; assigning or clearing measures of many parcels asks
first (QMessageBox monkeypatched); lines wrap instead of being cut with "…"; the parcel table's column picker."""

from __future__ import annotations

import importlib
import shutil

import pytest
from qgis.core import QgsProject, QgsSettings, QgsVectorLayer
from qgis.PyQt.QtCore import QEventLoop, QItemSelectionModel, QTimer
from qgis.PyQt.QtWidgets import QLabel, QMessageBox

from sbplanner_plugin.gui import layers
from sbplanner_plugin.gui import measure_editor as editor
from sbplanner_plugin.gui.dock import SbPlannerDock
from sbplanner_plugin.gui.models import FID_ROLE
from sbplanner_plugin.gui.widgets import COLUMNS_SETTINGS_PREFIX, CopyableTableView

COUNT = 65
# after the dock: measure_panel imported first would import the steps, which import it back
measure_panel = importlib.import_module("sbplanner_plugin.gui.measure_panel")


@pytest.fixture
def dock(qgis_iface, youwuzhen_plan, tmp_path):
    plan = tmp_path / "plan.gpkg"
    shutil.copy(youwuzhen_plan, plan)
    QgsProject.instance().clear()
    editor.clear_sessions()
    parcels = QgsVectorLayer(f"{plan}|layername=parcels", "parcels", "ogr")
    assert parcels.isValid()
    parcels.setCustomProperty(layers.LAYER_PROPERTY, "parcels")
    QgsProject.instance().addMapLayer(parcels)
    widget = SbPlannerDock(qgis_iface)
    widget.plan_widget.setFilePath(str(plan))
    yield widget
    widget.cleanup()
    widget.deleteLater()
    QgsProject.instance().clear()
    editor.clear_sessions()


@pytest.fixture
def step(dock):
    step = next(s for s in dock.steps if s.key == "measures")
    step.show()
    result = []
    loop = QEventLoop()
    step.workflowFinished.connect(lambda ok: (result.append(ok), loop.quit()))
    step.run_panel.run_button.click()
    QTimer.singleShot(300000, loop.quit)
    loop.exec_()
    assert result == [True], step.run_panel.status.text()
    return step


def select_rows(step, fids) -> None:
    view = step.editor.table
    model = view.model()
    view.selectionModel().clearSelection()
    for row in range(model.rowCount()):
        if model.index(row, 0).data(FID_ROLE) in fids:
            view.selectionModel().select(
                model.index(row, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            )
    assert step.editor.selected_fids() == sorted(fids)


def forest_fids(count: int) -> list[int]:
    """``count`` forest parcels (0301) on slopes where contour tillage would be in range (so its only problem there
    is the land use: the same text for all of them)."""
    layer = layers.find_layer(editor.MEASURES_KEY)
    found = [f.id() for f in layer.getFeatures() if f["landuse_code"] == "0301" and (f["slope_mean_deg"] or 0) < 24]
    assert len(found) >= count
    return sorted(found[:count])


def test_65_identical_problems_are_one_line_with_a_link_that_selects_them(step, monkeypatch):
    asked = []
    monkeypatch.setattr(
        measure_panel.QMessageBox, "question", lambda *a, **k: (asked.append(a[2]), QMessageBox.StandardButton.Yes)[1]
    )
    fids = forest_fids(COUNT)
    select_rows(step, fids)
    step.editor.picker.set_codes(["contour_tillage"])
    # before assigning: the preview says it once, with the count
    assert step.editor.preview.text().startswith(f"{COUNT} parcels: ")
    step.editor.assign()
    assert len(asked) == 1 and f"{COUNT} parcels" in asked[0] and "contour tillage" in asked[0]

    texts = step.editor.problems.texts()
    lines = [t for t in texts if "contour tillage" in t and "0301" in t]
    assert len(lines) == 1, texts
    assert lines[0].startswith(f"{COUNT} parcels: ")
    index = texts.index(lines[0])
    assert step.editor.problems.fids(index) == fids
    label = step.editor.problems.findChildren(QLabel)[index]
    assert ">show them</a>" in label.text() and label.wordWrap()

    layer = layers.find_layer(editor.MEASURES_KEY)
    layer.removeSelection()
    step.editor.problems.show_line(index)  # the click on "show them"
    assert sorted(layer.selectedFeatureIds()) == fids
    assert step.editor.selected_fids() == fids  # the table follows

    # undo: the problem is gone, so is its line
    step.editor.session.stack.undo()
    assert not any("contour tillage" in t and "0301" in t for t in step.editor.problems.texts())


def test_a_bulk_assignment_or_clearing_asks_first(step, monkeypatch):
    answers, asked = [QMessageBox.StandardButton.No], []

    def question(parent, title, text, *args):
        asked.append(text)
        return answers[0]

    monkeypatch.setattr(measure_panel.QMessageBox, "question", question)
    layer = layers.find_layer(editor.MEASURES_KEY)
    fids = forest_fids(measure_panel.BULK_CONFIRM_PARCELS + 1)
    before = {f.id(): f["measure_code"] for f in layer.getFeatures() if f.id() in fids}
    select_rows(step, fids)
    step.editor.picker.set_codes(["closure"])
    step.editor.assign()  # answered No: nothing changes, nothing to undo
    assert len(asked) == 1 and "21 parcels" in asked[0] and "closure for natural recovery" in asked[0]
    assert {f.id(): f["measure_code"] for f in layer.getFeatures() if f.id() in fids} == before
    assert step.editor.session.stack.count() == 0

    answers[0] = QMessageBox.StandardButton.Yes
    step.editor.assign()
    assert {f["measure_code"] for f in layer.getFeatures() if f.id() in fids} == {"closure"}

    step.editor.picker.set_codes([])  # clearing many asks too
    step.editor.assign()
    assert asked[-1].startswith("Clear the measures of 21 parcels?")
    assert not any(f["measure_code"] for f in layer.getFeatures() if f.id() in fids)

    # a few parcels: no question
    select_rows(step, fids[:3])
    step.editor.picker.set_codes(["closure"])
    step.editor.assign()
    assert len(asked) == 3


def test_the_column_picker_hides_columns_and_remembers_them(step):
    key = f"{COLUMNS_SETTINGS_PREFIX}/measure_parcels"
    QgsSettings().remove(key)
    try:
        table = step.editor.table
        table.remember_columns("measure_parcels")
        menu = table.column_menu()
        actions = menu.actions()
        assert [a.text() for a in actions] == [
            table.model().headerData(c, 1) for c in range(table.model().columnCount())
        ]
        assert all(a.isChecked() for a in actions)
        actions[1].setChecked(False)  # Land use
        assert table.isColumnHidden(1) and QgsSettings().value(key) == "1"
        # another table with the same key (the panel built again, another project) starts with it hidden
        other = CopyableTableView()
        other.setModel(table.source_model())
        other.remember_columns("measure_parcels")
        assert other.isColumnHidden(1) and not other.isColumnHidden(0)
        assert not other.column_menu().actions()[1].isChecked()
        # the last column shown cannot be hidden
        for column in range(table.model().columnCount()):
            table.set_column_shown(column, False)
        assert sum(not table.isColumnHidden(c) for c in range(table.model().columnCount())) == 1
        table.column_menu().actions()[1].setChecked(True)
        assert not table.isColumnHidden(1)
    finally:
        QgsSettings().remove(key)
