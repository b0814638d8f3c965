"""Issue 15, "where the numbers come from": step 2's factor table (value, unit, confidence, source of every
CSLE factor), the R / K lookups, the parameter tables viewer (override folder, reset), the land-use mapping
editor and the soil-loss raster (侵蚀强度分布图) added to the map."""

from __future__ import annotations

import csv
import html
import math

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import QgsFeature, QgsGeometry, QgsProject, QgsRasterLayer, QgsVectorLayer

from sbplanner_plugin.adapters.param_files import bundled_dir, read_mapping
from sbplanner_plugin.gui import param_viewer
from sbplanner_plugin.gui.steps.parcels_step import ParcelsStep
from sbplanner_plugin.gui.steps.parcels_tables import SOIL_LOSS_KEY
from tests.qgis.plane import CELL, COLS, ROWS, X0, Y0, write_plane_dem
from tests.qgis.test_dock_step2 import algorithms_available, table_rows, wait_for_workflow  # noqa: F401

FACTORS = [
    "R rainfall erosivity",
    "K soil erodibility",
    "L·S slope length and steepness",
    "B biological measures",
    "Vegetation cover",
    "E engineering measures",
    "T tillage measures",
    "T0 allowable soil loss",
]


@pytest.fixture
def step(dock) -> ParcelsStep:
    return next(s for s in dock.steps if s.key == "parcels")


@pytest.fixture
def overrides(tmp_path, monkeypatch):
    folder = tmp_path / "override"
    monkeypatch.setenv("SBPLANNER_PARAMS_DIR", str(folder))
    return folder


def tagged(key: str) -> list:
    return [m for m in QgsProject.instance().mapLayers().values() if m.customProperty("sbplanner/layer") == key]


def factor_table(step) -> dict[str, list[str]]:
    """factor → [value, unit, confidence, source], as the page shows them (each also in the label's text)."""
    rows = step.factor_rows()
    text = step.factor_table.text()
    for row in rows:
        for cell in row[:4]:
            assert html.escape(cell).replace("·", "·&#8203;") in text or html.escape(cell) in text, cell
        assert html.escape(f"Source: {row[4]}") in text, row[4]
    return {row[0]: list(row[1:5]) for row in rows}


def test_the_factor_table_fits_a_460_px_dock(step):
    """Issue 15 layout: the page's new parts need no more than a 460 px dock offers (about 430 px of page)."""
    step.look_up_r(dialog_result=0)
    step.look_up_k(dialog_result=0)
    for widget in (step.sources_box, step.soil_loss_check, step.factors):
        assert widget.minimumSizeHint().width() <= 430, widget


def test_the_factor_table_names_every_factor_with_unit_confidence_and_source(step):
    rows = factor_table(step)
    assert list(rows) == FACTORS
    text = step.factor_table.text()
    assert all(f"<th align='left'>{h}</th>" in text for h in ("Factor", "Value", "Unit", "Confidence"))
    # nothing set: R and K say the run stops; cover and T what the run uses instead
    value, unit, _conf, source = rows["R rainfall erosivity"]
    assert (value, unit) == ("not set", "MJ·mm/(hm²·h·a)") and "the run stops" in source
    value, unit, _conf, source = rows["K soil erodibility"]
    assert (value, unit) == ("not set", "t·hm²·h/(hm²·MJ·mm)") and "the run stops" in source
    assert rows["Vegetation cover"][0] == "not set" and "b_factor.csv" in rows["Vegetation cover"][3]
    assert rows["T tillage measures"][0] == "1" and "bare fallow" in rows["T tillage measures"][3]
    # E: the terraced-cropland value of e_factor.csv (defaults.csv's measure), unverified
    assert rows["E engineering measures"][0].startswith("1; 0.084 on terraced cropland")
    assert "unverified" in rows["E engineering measures"][2]
    # T0 follows the erosion region (tolerance_regions.csv, SL 190: confirmed), or the number given
    assert rows["T0 allowable soil loss"][:3] == ["500", "t/(km²·a)", "confirmed"]
    step.region_combo.setCurrentIndex(2)  # 西北黄土高原区
    assert factor_table(step)["T0 allowable soil loss"][0] == "1000"
    step.tolerance_spin.setValue(300)
    assert factor_table(step)["T0 allowable soil loss"][:4] == ["300", "t/(km²·a)", "your value", "typed in"]
    # a cropping zone gives T with that row's confidence
    index = step.zone_combo.findData("nw_irrigated_north_xinjiang")
    step.zone_combo.setCurrentIndex(index)
    t = factor_table(step)["T tillage measures"]
    assert t[0] == "0.281" and t[3].startswith("t_zones.csv — ") and t[2] == "partly confirmed"  # PARTIAL


def test_r_lookup_by_region_fills_r_with_its_source(step):
    assert step.look_up_r(dialog_result=0)  # fj_changting, the demo's R
    assert step.r_spin.value() == 7000.0
    value, _unit, confidence, source = factor_table(step)["R rainfall erosivity"]
    assert value == "7000" and confidence == "unverified"
    assert source == "r_factor_regions.csv — Changting, Fujian (Hetian, Youwuzhen)"
    tip = step.factor_rows()[0][5]
    assert tip in step.factor_table.toolTip()
    assert "fj_changting" in tip and "demo_factors.csv" in tip
    step.r_spin.setValue(6500.0)  # typed over: no longer the table's value
    assert factor_table(step)["R rainfall erosivity"][2:] == ["your value", "typed in"]


def test_k_lookup_by_soil_type_fills_k(step):
    from sbplanner_plugin.gui.steps.parcels_tables import lookup_rows

    rows = lookup_rows("k_soil_types.csv")
    purple = [r.key for r in rows].index("purple")
    assert step.look_up_k(dialog_result=purple)
    assert step.k_spin.value() == pytest.approx(0.058)
    value, unit, confidence, source = factor_table(step)["K soil erodibility"]
    assert (value, unit, confidence) == ("0.058", "t·hm²·h/(hm²·MJ·mm)", "unverified")
    assert source == "k_soil_types.csv — purple soil"


def test_lookup_uses_the_user_s_copy_of_the_table(step, overrides):
    overrides.mkdir()
    (overrides / "r_factor_regions.csv").write_text(
        "region_id,province,county,name_zh,name_en,r_factor,source,confidence\n"
        "x,某省,某县,某县,Some county,4321,county monitoring 2023,CONFIRMED\n",
        encoding="utf-8",
    )
    assert step.look_up_r(dialog_result=0)
    assert step.r_spin.value() == 4321.0
    assert factor_table(step)["R rainfall erosivity"][2] == "confirmed"


def test_a_broken_lookup_table_is_a_message_not_a_traceback(step, overrides):
    overrides.mkdir()
    (overrides / "k_soil_types.csv").write_text("soil_code,k_factor\nx,0.01\n", encoding="utf-8")
    assert not step.look_up_k(dialog_result=0)
    status = step.run_panel.status.text()
    assert "k_soil_types.csv" in status and "Traceback" not in status


# -- parameter tables viewer ----------------------------------------------------------------------------------
def test_viewer_lists_the_tables_and_highlights_source_and_confidence(overrides):
    dialog = param_viewer.ParamViewerDialog(None, "t_zones.csv")
    names = [dialog.list.item(i).data(256) for i in range(dialog.list.count())]
    assert names == sorted(p.name for p in bundled_dir().glob("*.csv")) and "r_factor_regions.csv" in names
    assert dialog.current_name() == "t_zones.csv"
    header = [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]
    assert header[:3] == ["zone_id", "confidence", "source"]  # where the values come from: shown first
    assert sorted(header) == sorted(param_viewer.read_rows(bundled_dir() / "t_zones.csv")[0])
    source, confidence = header.index("source"), header.index("confidence")
    assert dialog.table.item(0, confidence).text() == "PARTIAL"  # the row's own value under its own header
    assert dialog.table.item(0, source).background().color() == param_viewer.PROVENANCE_COLOUR
    assert dialog.table.item(0, confidence).background().color() == param_viewer.PROVENANCE_COLOUR
    assert dialog.table.item(0, 0).background().color() != param_viewer.PROVENANCE_COLOUR
    assert not dialog.reset_button.isEnabled()  # nothing overridden
    assert "not created yet" in dialog.folder_label.text()
    dialog.deleteLater()


def test_viewer_copy_then_reset_restores_the_default_and_keeps_other_overrides(overrides):
    dialog = param_viewer.ParamViewerDialog(None, "t_zones.csv")
    copy = dialog.copy_current(open_file=False)
    assert copy == overrides / "t_zones.csv"
    assert copy.read_bytes() == (bundled_dir() / "t_zones.csv").read_bytes()
    copy.write_text(
        copy.read_text(encoding="utf-8").replace(",0.281,", ",0.3,", 1), encoding="utf-8"
    )  # the user's edit
    other = overrides / "b_factor.csv"
    other.write_text((bundled_dir() / "b_factor.csv").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    dialog.refresh("t_zones.csv")
    assert dialog.reset_button.isEnabled() and "✎" in dialog.list.currentItem().text()
    assert "Your copy" in dialog.info.text()
    # copying again keeps the edited copy
    edited = copy.read_text(encoding="utf-8")
    assert dialog.copy_current(open_file=False).read_text(encoding="utf-8") == edited

    from sbplanner_plugin.adapters.param_files import load_plugin_params

    assert load_plugin_params().t_zones["nw_irrigated_north_xinjiang"]["t"] == 0.3
    assert dialog.reset_current(confirm=False)
    assert not copy.exists() and other.is_file()
    assert load_plugin_params().t_zones["nw_irrigated_north_xinjiang"]["t"] == 0.281  # the default again
    assert not dialog.reset_button.isEnabled() and "✎" not in dialog.list.currentItem().text()
    b_item = [
        dialog.list.item(i) for i in range(dialog.list.count()) if dialog.list.item(i).data(256) == "b_factor.csv"
    ]
    assert "✎" in b_item[0].text()
    dialog.deleteLater()


def test_step2_opens_the_viewer(step, overrides):
    dialog = step.show_param_tables()
    try:
        assert isinstance(dialog, param_viewer.ParamViewerDialog) and dialog.isVisible()
    finally:
        dialog.close()


# -- land-use mapping editor ---------------------------------------------------------------------------------
def test_mapping_editor_saves_a_csv_the_step_reads(step, demo_dir, tmp_path):
    parcels = QgsVectorLayer(str(demo_dir / "parcels_gbt21010.gpkg"), "parcels", "ogr")
    QgsProject.instance().addMapLayer(parcels)
    step.parcels_combo.setLayer(parcels)
    step.landuse_field.setField("SWAT_CODE")
    assert step.map_button.isEnabled()
    dialog = step.mapping_editor()
    assert "33" in dialog.codes and dialog.default_path.endswith("landuse_mapping.csv")
    assert dialog.set_choice("33", "0101") and dialog.set_choice("4", "0201")
    assert not dialog.set_choice("33", "9999")
    path = tmp_path / "my_map.csv"
    dialog.save(str(path))
    dialog.deleteLater()
    assert read_mapping(path) == {"33": "0101", "4": "0201"}
    with open(path, encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == ["code", "gbt21010_code", "note"]
    step.use_mapping(str(path))
    rows = {r[0]: r for r in table_rows(step.preview_table)}
    assert rows["33"][2:4] == ["0101", "paddy field"] and rows["4"][2:4] == ["0201", "orchard"]
    assert rows["6"][3] == "unmapped"  # not chosen: still unmapped
    assert "6" in [code for code, _ in step._unmapped] and "33" not in [code for code, _ in step._unmapped]
    # a second round keeps the first round's rows
    again = step.mapping_editor()
    assert again.set_choice("6", "0301")
    again.save(str(path))
    again.deleteLater()
    assert read_mapping(path) == {"33": "0101", "4": "0201", "6": "0301"}


# -- the soil-loss raster ----------------------------------------------------------------------------------------
def plane_parcels() -> QgsVectorLayer:
    """Two cropland parcels (三调 0103 旱地) on the inner part of the plane DEM."""
    layer = QgsVectorLayer("Polygon?crs=EPSG:32650&field=DLBM:string(5)", "plane_parcels", "memory")
    features = []
    for i, (c0, c1) in enumerate(((5, 30), (30, 55))):
        f = QgsFeature(layer.fields())
        x0, x1 = X0 + c0 * CELL, X0 + c1 * CELL
        y0, y1 = Y0 - 55 * CELL, Y0 - 5 * CELL
        f.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))"))
        f.setAttributes(["0103" if i == 0 else "0301"])
        features.append(f)
    layer.dataProvider().addFeatures(features)
    return layer


@pytest.mark.skipif("not algorithms_available()", reason="sbplanner:analyse_parcels not registered yet")
def test_soil_loss_raster_is_added_and_its_cells_average_to_the_parcels_a(step, dock, tmp_path):
    dem = QgsRasterLayer(write_plane_dem(tmp_path / "plane.tif"), "plane")
    parcels = plane_parcels()
    QgsProject.instance().addMapLayers([dem, parcels])
    step.parcels_combo.setLayer(parcels)
    step.dem_combo.setLayer(dem)
    step.r_spin.setValue(5000.0)
    step.k_spin.setValue(0.01)
    step.soil_loss_check.setChecked(True)
    params = step.parameters()
    assert params["OUTPUT_SOIL_LOSS"] == str(tmp_path / "plan_soil_loss_t_km2_a.tif")
    step.analyse()
    assert wait_for_workflow(step), step.run_panel.status.text()
    raster = tagged(SOIL_LOSS_KEY)
    assert len(raster) == 1 and raster[0].source() == params["OUTPUT_SOIL_LOSS"]
    items = raster[0].renderer().shader().rasterShaderFunction().colorRampItemList()
    assert [round(i.value) for i in items[:-1]] == [500, 2500, 5000, 8000, 15000]  # SL 190, T0 of region 0
    assert items[0].label.startswith("slight") and math.isinf(items[-1].value)
    # every parcel's A equals the mean of the raster's cells inside it (A is averaged per parcel from the cells)
    grid = gdal.Open(params["OUTPUT_SOIL_LOSS"]).ReadAsArray().astype(float)
    assert grid.shape == (ROWS, COLS)
    analysed = tagged("parcels")[0]
    a = {f["DLBM"]: f["soil_loss_t_km2_a"] for f in analysed.getFeatures()}
    cells = {"0103": grid[5:55, 5:30], "0301": grid[5:55, 30:55]}
    for code, block in cells.items():
        assert np.all(block > 0)
        assert a[code] == pytest.approx(block.mean(), rel=1e-4), code
    assert a["0103"] > a["0301"]  # cropland (B = 1, T = 1) above forest
    # a re-run replaces the raster in place
    step.analyse()
    assert wait_for_workflow(step), step.run_panel.status.text()
    again = tagged(SOIL_LOSS_KEY)
    assert len(again) == 1
    # L·S and B of the run are in the factor table now
    rows = factor_table(step)
    assert rows["L·S slope length and steepness"][0].startswith("mean L·S ")
    assert rows["B biological measures"][0].startswith("mean ")


def test_no_soil_loss_raster_unless_asked(step, dock, tmp_path):
    dem = QgsRasterLayer(write_plane_dem(tmp_path / "plane.tif"), "plane")
    parcels = plane_parcels()
    QgsProject.instance().addMapLayers([dem, parcels])
    step.parcels_combo.setLayer(parcels)
    step.dem_combo.setLayer(dem)
    step.r_spin.setValue(5000.0)
    step.k_spin.setValue(0.01)
    assert not step.soil_loss_check.isChecked()
    assert "OUTPUT_SOIL_LOSS" not in step.parameters()


def test_the_lookup_dialog_itself_fills_r_when_accepted_and_nothing_when_cancelled(step):
    from qgis.PyQt.QtCore import QTimer
    from qgis.PyQt.QtWidgets import QApplication

    def answer(accept: bool):
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.table.rowCount() >= 3
        dialog.table.selectRow(1)  # fj: Fujian (hills)
        dialog.accept() if accept else dialog.reject()

    QTimer.singleShot(200, lambda: answer(False))
    assert not step.look_up_r()
    assert step.r_spin.value() == 0.0 and step.r_row is None
    QTimer.singleShot(200, lambda: answer(True))
    assert step.look_up_r()
    assert step.r_spin.value() == 7000.0 and step.r_row.key == "fj"
    assert factor_table(step)["R rainfall erosivity"][2] == "proposal"
