"""The design-parameter form of step 3 (issue 15): built from the catalogue — a translated name with its unit per
parameter, a choice list where the catalogue codes the value — and what it hands back is the catalogue's codes."""

from __future__ import annotations

import pytest
from qgis.PyQt.QtWidgets import QComboBox, QLabel, QLineEdit

from sbplanner_plugin.adapters.param_files import load_catalogue, table_path
from sbplanner_plugin.gui.measure_picker import DesignParamsForm


@pytest.fixture(scope="module")
def catalogue(qgis_app):
    return load_catalogue(table_path("measures.csv"))


@pytest.fixture
def form(catalogue):
    widget = DesignParamsForm()
    widget.set_catalogue(catalogue)
    yield widget
    widget.deleteLater()


def labels(form) -> list[str]:
    return [label.text() for label in form.findChildren(QLabel)]


def test_names_with_units_and_choices_for_coded_values(form, catalogue):
    form.set_measure(catalogue["terrace_level_earth"], {})
    assert labels(form) == [
        "Riser", "Maximum riser height (m)", "Riser angle (°)", "Bench width (m)", "Lip ridge height (m)",
    ]  # fmt: skip
    riser, bench = form.edits["riser"], form.edits["bench_width_m"]
    assert isinstance(riser, QComboBox) and not riser.isEditable()
    # the riser materials the catalogue uses, by their names
    assert [riser.itemText(i) for i in range(riser.count())] == ["earth", "dry stone"]
    assert isinstance(form.edits["riser_height_max_m"], QLineEdit)
    assert isinstance(bench, QComboBox) and bench.isEditable()  # automatic, or a number typed in
    assert bench.currentText() == "automatic (from the slope)"
    assert form.values() == {
        "riser": "earth", "riser_height_max_m": "2", "riser_angle_deg": "75", "bench_width_m": "auto",
        "lip_ridge_m": "0.3",
    }  # fmt: skip


def test_choices_and_typed_numbers_are_handed_back_as_codes(form, catalogue):
    form.set_measure(catalogue["terrace_level_earth"], {"riser": "dry_stone", "bench_width_m": "3.5"})
    assert form.edits["riser"].currentText() == "dry stone"
    assert form.edits["bench_width_m"].currentText() == "3.5"
    values = form.values()
    assert values["riser"] == "dry_stone" and values["bench_width_m"] == "3.5"
    form.edits["riser"].setCurrentIndex(form.edits["riser"].findData("earth"))
    form.edits["bench_width_m"].setEditText("4")
    assert form.values()["riser"] == "earth" and form.values()["bench_width_m"] == "4"


def test_a_switch_is_yes_or_no(form, catalogue):
    form.set_measure(catalogue["closure"], {"ranger": "no"})
    ranger = form.edits["ranger"]
    assert [ranger.itemText(i) for i in range(ranger.count())] == ["yes", "no"]
    assert ranger.currentText() == "no" and form.values()["ranger"] == "no"
    assert "Fence" in labels(form) and form.edits["fence"].currentText() == "wire netting"
    assert "Closure period (a)" in labels(form) and form.values()["years"] == "3"
