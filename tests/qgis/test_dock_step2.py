"""Step 2 of the dock (parcels and erosion) driven like a user would, on the Youwuzhen demo parcels and the
real 10 m DEM: land-use preview with and without the SWAT mapping, the background run of analyse_parcels +
summarise_watersheds into the plan, the styled parcels and the style toggle, the summary table."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication, QgsProject, QgsRasterLayer, QgsVectorLayer
from qgis.PyQt.QtCore import QEventLoop, QItemSelectionModel, Qt, QTimer
from qgis.PyQt.QtGui import QKeyEvent
from qgis.PyQt.QtWidgets import QApplication

from sbplanner_plugin.adapters.plan_store import PlanStore
from sbplanner_plugin.adapters.styles import apply_style, drop_unused_categories
from sbplanner_plugin.gui import layers
from sbplanner_plugin.gui.models import SORT_ROLE
from sbplanner_plugin.gui.steps.parcels_step import ParcelsStep
from sbplanner_plugin.gui.steps.parcels_tables import UNMAPPED_COLOUR

#: The factors ``make demo`` uses on Youwuzhen (sbplanner_plugin/demo/run_demo.py).
DEMO_R, DEMO_K = 7000.0, 0.03
#: the land-use names the preview shows (the English UI: name_en of the GB/T 21010 table)
SWAT_NAMES = {
    "4": "orchard",
    "6": "arbor forest land",
    "8": "arbor forest land",
    "18": "pond water surface",
    "33": "paddy field",
}
EROSION_ORDER = ["微度", "轻度", "中度", "强烈", "极强烈", "剧烈"]


def algorithms_available() -> bool:
    registry = QgsApplication.processingRegistry()
    return all(
        registry.algorithmById(a) is not None for a in ("sbplanner:analyse_parcels", "sbplanner:summarise_watersheds")
    )


def wait_for_workflow(step: ParcelsStep, timeout_ms: int = 600000) -> bool:
    """Wait (event loop) until analyse + summarise finished; returns the success flag."""
    result = []
    assert step.run_panel.busy, step.run_panel.status.text()
    loop = QEventLoop()
    step.workflowFinished.connect(lambda ok: (result.append(ok), loop.quit()))
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec_()
    assert result, "run did not finish"
    return result[0]


def table_rows(view) -> list[list[str]]:
    model = view.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


@pytest.fixture
def step(dock) -> ParcelsStep:
    found = [s for s in dock.steps if s.key == "parcels"]
    assert len(found) == 1 and isinstance(found[0], ParcelsStep)
    assert found[0].number == 2 and found[0].implemented
    return found[0]


@pytest.fixture
def parcels(demo_dir):
    layer = QgsVectorLayer(str(demo_dir / "parcels_gbt21010.gpkg"), "parcels_gbt21010", "ogr")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    return layer


@pytest.fixture
def dem(demo_dir):
    layer = QgsRasterLayer(str(demo_dir / "ywzdem10m.tif"), "ywzdem10m")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    return layer


def test_village_field_is_preselected_from_the_sandiao_fields(step):
    # issue 9 item 6: 三调 ZLDWDM (else QSDWDM) is the default village field of the summaries
    layer = QgsVectorLayer(
        "Polygon?crs=EPSG:4547&field=DLBM:string&field=QSDWDM:string&field=zldwdm:string", "p", "memory"
    )
    QgsProject.instance().addMapLayer(layer)
    step.parcels_combo.setLayer(layer)
    assert step.village_field.currentField() == "zldwdm"
    other = QgsVectorLayer("Polygon?crs=EPSG:4547&field=DLBM:string", "q", "memory")
    QgsProject.instance().addMapLayer(other)
    step.parcels_combo.setLayer(other)
    assert step.village_field.currentField() == ""


# -- land-use preview ------------------------------------------------------------------------------------


def test_dlbm_is_chosen_and_its_codes_are_named_by_the_core(step, parcels):
    step.parcels_combo.setLayer(parcels)
    assert step.landuse_field.currentField() == "DLBM"
    rows = {r[0]: r for r in table_rows(step.preview_table)}
    counts = {}
    for feature in parcels.getFeatures():
        counts[feature["DLBM"]] = counts.get(feature["DLBM"], 0) + 1
    assert {code: int(r[1]) for code, r in rows.items()} == counts
    assert rows["0301"][2:] == ["0301", "arbor forest land", "03 forest land"]
    assert rows["0101"][3] == "paddy field"
    assert all(r[3] != "unmapped" for r in rows.values())
    assert "not mapped" not in step.preview_hint.text()


def test_swat_codes_are_unmapped_until_the_mapping_csv_is_chosen(step, parcels, repo_root):
    step.parcels_combo.setLayer(parcels)
    step.landuse_field.setField("SWAT_CODE")
    model = step.preview_model
    rows = {r[0]: r for r in table_rows(step.preview_table)}
    assert set(SWAT_NAMES) <= set(rows)
    assert all(r[3] == "unmapped" and not r[2] for r in rows.values())
    assert all(colour == UNMAPPED_COLOUR for colour in model.colours)
    assert sum(int(r[1]) for r in rows.values()) == parcels.featureCount()
    hint = step.preview_hint.text()
    assert "{0} code(s) in {1} parcel(s) are not mapped".format(len(rows), parcels.featureCount()) in hint
    assert "33" in hint

    step.mapping_file.setFilePath(str(repo_root / "resources" / "params" / "landuse_map_youwuzhen_swat.csv"))
    rows = {r[0]: r for r in table_rows(step.preview_table)}
    assert {code: rows[code][3] for code in SWAT_NAMES} == SWAT_NAMES
    assert rows["33"][4] == "01 cropland"
    assert all(colour is None for colour in model.colours)
    assert "not mapped" not in step.preview_hint.text()


def test_bad_mapping_csv_is_named_and_the_preview_falls_back(step, parcels, tmp_path):
    bad = tmp_path / "bad_map.csv"
    bad.write_text("swat,gbt\n33,0101\n", encoding="utf-8")
    step.parcels_combo.setLayer(parcels)
    step.mapping_file.setFilePath(str(bad))
    hint = step.preview_hint.text()
    assert "bad_map.csv" in hint and "line 1" in hint and "Traceback" not in hint
    rows = {r[0]: r for r in table_rows(step.preview_table)}
    assert rows["0301"][3] == "arbor forest land"  # DLBM still named by the built-in table


def test_the_code_vintage_is_shown_with_its_evidence_and_table(step, parcels):
    step.parcels_combo.setLayer(parcels)
    line = step.vintage_label.text()
    assert line.startswith(
        "Land-use codes: 3rd land survey / GB/T 21010-2017 (evidence: 4-digit codes 0101, 0201, 0301"
    )
    assert "三调 fields GDPDJB" in line and line.endswith("table: landuse_gbt21010.csv")
    assert "landuse_gbt21010.csv (sha1 " in step.vintage_label.toolTip()
    assert step.vintage_label.styleSheet() == ""


def erdiao_layer(codes: list[str], fields: str = "DLBM:string(5)&GDPDJ:string(2)") -> QgsVectorLayer:
    """A 二调-style memory layer: one square parcel per code."""
    from qgis.core import QgsFeature, QgsGeometry

    layer = QgsVectorLayer(f"Polygon?crs=EPSG:4547&field={fields.replace('&', '&field=')}", "erdiao", "memory")
    features = []
    for i, code in enumerate(codes):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({i} 0, {i + 1} 0, {i + 1} 1, {i} 1, {i} 0))"))
        feature["DLBM"] = code
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    QgsProject.instance().addMapLayer(layer)
    return layer


def test_an_erdiao_layer_is_read_by_the_2007_table_and_the_user_may_override(step):
    step.parcels_combo.setLayer(erdiao_layer(["011", "101", "102", "203", "101"]))
    assert step.vintage_label.text().startswith(
        "Land-use codes: 2nd land survey / GB/T 21010-2007 (evidence: 3-digit codes"
    )
    assert "二调 fields GDPDJ" in step.vintage_label.text()
    rows = {r[0]: r[2:] for r in table_rows(step.preview_table)}
    assert rows["101"] == ["1001", "railway land", "10 transport land"]
    assert rows["203"] == ["0702", "village", "07 residential land"]
    assert rows["011"][1] == "paddy field"
    # the user's choice wins, and the dock says the evidence disagrees
    step.vintage_combo.setCurrentIndex(1)
    assert step.vintage_label.text().startswith(
        "Land-use codes: 3rd land survey / GB/T 21010-2017 (evidence: chosen by the user"
    )
    assert step.vintage_label.styleSheet() != ""
    rows = {r[0]: r[2:] for r in table_rows(step.preview_table)}
    assert rows["101"][1] == "paddy field" and rows["011"][1] == "unmapped"
    step.vintage_combo.setCurrentIndex(0)


def test_mixed_codes_ask_for_the_vintage(step):
    step.parcels_combo.setLayer(erdiao_layer(["0101", "011"], "DLBM:string(5)"))
    assert step.vintage_label.text().startswith("Cannot tell 二调 (GB/T 21010-2007) from 三调 (2017) land-use codes")
    assert step.vintage_label.styleSheet() != ""


def test_preview_table_sorts_by_count(step, parcels):
    step.parcels_combo.setLayer(parcels)
    step.preview_table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    model = step.preview_table.model()
    counts = [model.index(r, 1).data(SORT_ROLE) for r in range(model.rowCount())]
    assert counts == sorted(counts, reverse=True)
    assert counts[0] == 343  # 乔木林地 0301, the largest class of the demo parcels


# -- inputs ---------------------------------------------------------------------------------------------------


def test_the_dock_starts_with_the_algorithm_s_slope_classes(step):
    """Issue 15: the dock's slope system was SL 190, the algorithm's SL/T 447 D.0.10 — one default for both."""
    definition = (
        QgsApplication.processingRegistry()
        .algorithmById("sbplanner:analyse_parcels")
        .parameterDefinition("SLOPE_SYSTEM")
    )
    assert definition.defaultValue() == 1 and "D.0.10" in definition.options()[1]
    assert step.slope_combo.currentIndex() == 1 and "D.0.10" in step.slope_combo.currentText()


def test_custom_breaks_only_for_the_custom_system(step):
    assert step.slope_combo.count() == 5
    for index in range(4):
        step.slope_combo.setCurrentIndex(index)
        assert not step.custom_breaks.isEnabled()
    step.slope_combo.setCurrentIndex(4)
    assert step.custom_breaks.isEnabled()
    step.slope_combo.setCurrentIndex(0)
    assert not step.custom_breaks.isEnabled()


def test_erosion_regions_show_their_tolerance(step):
    texts = [step.region_combo.itemText(i) for i in range(step.region_combo.count())]
    assert len(texts) == 5
    for index, tolerance in enumerate(("500", "500", "1000", "200", "200")):
        assert tolerance in texts[index]


def test_missing_inputs_are_reported_before_running(step, parcels):
    step.analyse()
    assert not step.run_panel.busy
    assert step.run_panel.status.text() == "Choose a parcel polygon layer."
    step.parcels_combo.setLayer(parcels)
    step.dem_combo.setLayer(None)
    step.analyse()
    assert step.run_panel.status.text() == "Choose a DEM raster layer."


def test_factors_must_be_given(step, parcels, dem):
    step.parcels_combo.setLayer(parcels)
    step.dem_combo.setLayer(dem)
    step.r_spin.setValue(0.0)
    step.k_spin.setValue(DEMO_K)
    assert step.r_spin.text() == "not set"
    assert step.parameters() is None
    assert step.run_panel.status.text() == "Enter the rainfall erosivity R or choose an R raster."
    assert not step.factors.isCollapsed()
    step.r_spin.setValue(DEMO_R)
    step.k_spin.setValue(0.0)
    assert step.parameters() is None
    assert step.run_panel.status.text() == "Enter the soil erodibility K or choose a K raster or field."
    step.k_field.setField("FVC")  # any numeric parcel field is accepted as the K source
    params = step.parameters()
    assert params["K_FIELD"] == "FVC" and "K_FACTOR" not in params and params["R_FACTOR"] == DEMO_R


def test_dock_picks_the_land_use_field_the_algorithm_would(step):
    """core.definitions.LANDUSE_FIELDS + find_field in both: case-insensitive, DLBM before code."""
    from sbplanner_plugin.core.definitions import LANDUSE_FIELDS, find_field

    for fields, expected in (
        (("Code", "dlbm"), "dlbm"),
        (("name", "LU_CODE"), "LU_CODE"),
        (("SWAT_CODE", "LandUse"), "LandUse"),
        (("name",), ""),
    ):
        uri = "Polygon?crs=EPSG:2415&" + "&".join(f"field={f}:string" for f in fields)
        layer = QgsVectorLayer(uri, "p", "memory")
        QgsProject.instance().addMapLayer(layer)
        try:
            step.parcels_combo.setLayer(layer)
            assert step.landuse_field.currentField() == expected
            assert (find_field(layer.fields().names(), None, LANDUSE_FIELDS) or "") == expected
        finally:
            step.parcels_combo.setLayer(None)
            QgsProject.instance().removeMapLayer(layer.id())


def test_region_choices_are_the_definitions_names_with_their_tolerance(step):
    from sbplanner_plugin.core.definitions import N_REGIONS, REGION_NAMES, region_labels

    texts = [step.region_combo.itemText(i) for i in range(step.region_combo.count())]
    assert len(texts) == N_REGIONS
    if algorithms_available():  # the algorithm's options, as the Processing dialog shows them
        assert texts == region_labels(REGION_NAMES, {0: 500, 1: 500, 2: 1000, 3: 200, 4: 200})
        assert texts[0] == "Southern red-soil hilly region (500)"


def test_custom_system_without_breaks_is_refused(step, parcels, dem):
    step.parcels_combo.setLayer(parcels)
    step.dem_combo.setLayer(dem)
    step.r_spin.setValue(DEMO_R)
    step.k_spin.setValue(DEMO_K)
    step.slope_combo.setCurrentIndex(4)
    step.custom_breaks.setText("")
    assert step.parameters() is None
    assert "custom slope breaks" in step.run_panel.status.text()
    step.custom_breaks.setText("5,15,25")
    params = step.parameters()
    assert params["SLOPE_SYSTEM"] == 4 and params["CUSTOM_SLOPE_BREAKS"] == "5,15,25"
    assert params["LANDUSE_FIELD"] == "DLBM"
    assert params["OUTPUT_PARCELS"] == PlanStore(step.dock.plan_path()).destination("parcels")
    assert "R_RASTER" not in params and "K_FIELD" not in params


def test_watersheds_default_to_the_plan_small_watersheds(step, dock, tmp_path, qgis_iface):
    uri = "Polygon?crs=EPSG:2415&field=ws_code:string"
    small = QgsVectorLayer(uri, "small", "memory")
    big = QgsVectorLayer(uri, "big", "memory")
    for layer, key in ((big, "watersheds"), (small, "small_watersheds")):
        layer.setCustomProperty(layers.LAYER_PROPERTY, key)
    QgsProject.instance().addMapLayers([big, small])
    step.watersheds_combo.setLayer(None)
    step.refresh_inputs()
    assert step.watersheds_combo.currentLayer() is small
    QgsProject.instance().removeMapLayer(small.id())
    step.watersheds_combo.setLayer(None)
    step.refresh_inputs()
    assert step.watersheds_combo.currentLayer() is big


# -- styles ------------------------------------------------------------------------------------------------------

PARCEL_URI = "Polygon?crs=EPSG:2415&field=erosion_class:string&field=slope_class:string&field=soil_loss_t_km2_a:double"


def test_erosion_style_is_the_sl190_ramp(qgis_app):
    layer = QgsVectorLayer(PARCEL_URI, "p", "memory")
    assert apply_style(layer, "parcels")  # the plan layer name maps to parcels_erosion
    renderer = layer.renderer()
    assert renderer.classAttribute() == "erosion_class"
    categories = renderer.categories()
    assert [c.value() for c in categories[:6]] == EROSION_ORDER
    assert categories[6].value() in (None, "")  # catch-all: parcels without numbers
    labels = [c.label() for c in categories]
    assert labels[0].startswith("微度（") and labels[5].startswith("剧烈（≥ 15 000） severe")  # both languages
    assert apply_style(layer, "parcels", "en")  # the dock keeps the UI language only
    labels = [c.label() for c in layer.renderer().categories()]
    assert labels[:2] == ["slight (< tolerance)", "light (tolerance–2 500)"] and labels[6] == "no data"
    assert apply_style(layer, "parcels", "zh")
    labels = [c.label() for c in layer.renderer().categories()]
    assert labels[:2] == ["微度（< 容许土壤流失量）", "轻度（容许土壤流失量–2 500）"] and labels[6] == "无数据"
    categories = layer.renderer().categories()
    colours = [c.symbol().color() for c in categories[:6]]
    assert colours[0].green() > colours[0].red()  # light green
    assert colours[1].red() > 200 and colours[1].green() > 200 and colours[1].blue() < 150  # yellow
    assert colours[2].red() > 200 and 100 < colours[2].green() < 200  # orange
    assert colours[3].red() > 200 and colours[3].green() < 80  # red
    assert colours[4].red() < colours[3].red() and colours[4].green() < 50  # dark red
    assert colours[5].blue() > colours[4].blue() and colours[5].red() < 120  # purple-brown
    assert [c.lightness() for c in colours[1:]] == sorted((c.lightness() for c in colours[1:]), reverse=True)


def test_slope_style_keeps_only_the_classes_present(qgis_app):
    layer = QgsVectorLayer(PARCEL_URI, "p", "memory")
    from qgis.core import QgsFeature

    features = []
    for label in ("<5°", "5–8°", "15–25°", "≥35°"):
        feature = QgsFeature(layer.fields())
        feature["slope_class"] = label
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    assert apply_style(layer, "parcels_slope")
    assert layer.renderer().classAttribute() == "slope_class"
    assert len(layer.renderer().categories()) > 10  # every standard system's labels
    removed = drop_unused_categories(layer)
    values = [c.value() for c in layer.renderer().categories()]
    assert values[:4] == ["<5°", "5–8°", "15–25°", "≥35°"]
    assert values[4] in (None, "") and len(values) == 5
    assert removed > 5


# -- full run on Youwuzhen -------------------------------------------------------------------------------------


@pytest.fixture
def small_watersheds(dock, dem, demo_dir):
    """Step 1 on the 10 m DEM into the plan: the outlet's catchment divided into small watersheds."""
    import processing

    store = dock.plan_store()
    processing.run(
        "sbplanner:delineate_watersheds",
        {
            "DEM": dem.source(),
            "OUTLETS": str(demo_dir / "outlet_beijing1954.shp"),
            "STREAM_THRESHOLD_KM2": 0.1,
            "SNAP_DISTANCE_M": 0.0,
            "OUTPUT_WATERSHEDS": store.destination("watersheds"),
            "OUTPUT_STREAMS": store.destination("streams"),
            "OUTPUT_OUTLETS": store.destination("outlets_snapped"),
        },
    )
    processing.run(
        "sbplanner:divide_small_watersheds",
        {
            "DEM": dem.source(),
            "BOUNDARY": store.layer_uri("watersheds"),
            "MAX_AREA_KM2": 2.0,
            "MIN_AREA_KM2": 0.3,
            "STREAM_THRESHOLD_KM2": 0.1,
            "OUTPUT_WATERSHEDS": store.destination("small_watersheds"),
            "OUTPUT_STREAMS": store.destination("small_watershed_streams"),
        },
    )
    loaded = layers.load_plan_layers(
        [("small_watersheds", store.layer_uri("small_watersheds"), "Small watersheds")], "watersheds", "1"
    )
    return loaded["small_watersheds"]


@pytest.mark.skipif("not algorithms_available()", reason="sbplanner:analyse_parcels not registered yet")
def test_run_on_youwuzhen(step, dock, parcels, dem, small_watersheds, qgis_iface):
    step.refresh_inputs()
    assert step.watersheds_combo.currentLayer() is small_watersheds
    step.parcels_combo.setLayer(parcels)
    step.dem_combo.setLayer(dem)
    step.slope_combo.setCurrentIndex(0)
    step.r_spin.setValue(DEMO_R)
    step.k_spin.setValue(DEMO_K)

    # one bar over analyse → summarise, with the stage named under it (was 10→50→90, then 0 again)
    values, stages = [], []
    step.run_panel.progress.valueChanged.connect(
        lambda v: (values.append(v), stages.append(step.run_panel.stage_label.text()))
    )
    step.run_panel.run_button.click()
    assert step.run_panel.cancel_button.isEnabled()
    assert step.run_panel.stage_label.text().startswith("Stage 1 of 2: ")
    assert wait_for_workflow(step), step.run_panel.status.text()
    assert not step.run_panel.busy and not step.run_panel.cancel_button.isEnabled()
    assert step.run_panel.progress.value() == 100
    assert values == sorted(values) and values[-1] == 100 and len(set(values)) >= 3, values
    assert any(s.startswith("Stage 1 of 2: ") and " — " in s for s in stages), stages  # the algorithm's own stage
    assert any(s.startswith("Stage 2 of 2: ") for s in stages), stages
    assert step.run_panel.stage_label.text() == ""
    assert "summary row(s) saved in the plan" in step.run_panel.status.text()
    # the vintage the algorithm used replaces the dock's own detection
    assert step.vintage_label.text().startswith("Last run: Land-use codes: 3rd land survey / GB/T 21010-2017")

    # the parcels layer, from the plan GeoPackage, in the step-2 group, styled by erosion class
    layer = layers.find_layer("parcels")
    assert layer is not None
    assert layer.source().startswith(dock.plan_path())
    assert layer.featureCount() == parcels.featureCount()
    group = layers.find_group("parcels")
    assert group is not None and group.name() == "SBPlanner – 2 Parcels"
    assert [n.layer() for n in group.findLayers() if n.layer().isSpatial()] == [layer]
    assert layer.renderer().classAttribute() == "erosion_class"
    classes = {f["erosion_class"] for f in layer.getFeatures()}
    assert classes - {None} <= set(EROSION_ORDER) and classes & set(EROSION_ORDER)

    # style toggle: slope class (only the chosen system's classes in the legend) and back
    step.slope_radio.setChecked(True)
    assert layer.renderer().classAttribute() == "slope_class"
    legend = {c.value() for c in layer.renderer().categories()} - {None, ""}
    present = {f["slope_class"] for f in layer.getFeatures()} - {None}
    assert legend == present
    step.erosion_radio.setChecked(True)
    assert layer.renderer().classAttribute() == "erosion_class"

    # summary per watershed from ws_indicators: one row per small watershed (+ the whole area's, shown as
    # "Total", not as the plan's internal code ALL), sensible rates
    rows = table_rows(step.summary_table)
    codes = [r[0] for r in rows]
    assert "ALL" not in codes and codes.count("Total") == 1
    assert set(codes) - {"Total"} <= {f["ws_code"] for f in small_watersheds.getFeatures()}
    assert len(set(codes) - {"Total"}) >= 2
    for row in rows:
        land, eroded, swc = float(row[1]), float(row[2]), float(row[3])
        assert 0.0 <= swc <= 100.0
        assert 0.0 <= eroded <= land + 1e-6
        assert swc == pytest.approx(100.0 * (land - eroded) / land, abs=0.2)
        assert 0.0 <= float(row[4]) <= 100.0
    indicators = QgsVectorLayer(PlanStore(dock.plan_path()).layer_uri("ws_indicators"), "i", "ogr")
    assert indicators.isValid() and indicators.featureCount() == len(rows)

    # sortable by 水土保持率, Ctrl+C copies TSV with a header row
    table = step.summary_table
    table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    shown = [float(r[3]) for r in table_rows(table)]
    assert shown == sorted(shown)
    table.selectionModel().select(
        table.model().index(0, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    )
    QApplication.clipboard().clear()
    table.keyPressEvent(QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier))
    lines = QApplication.clipboard().text().splitlines()
    assert lines[0].split("\t")[:4] == ["Watershed", "Land km²", "Eroded km²", "SWC rate %"]
    assert float(lines[1].split("\t")[3]) == pytest.approx(shown[0])

    # a re-run replaces the parcels layer instead of adding a second one
    step.analyse()
    assert wait_for_workflow(step)
    assert len([n for n in layers.find_group("parcels").findLayers() if n.layer().isSpatial()]) == 1

    # re-opening the plan shows the summary it holds, without running the step again
    step.plan_path_changed("")
    assert table_rows(step.summary_table) == []
    step.plan_path_changed(dock.plan_path())
    assert len(table_rows(step.summary_table)) == len(rows)


def test_summary_tables_are_in_the_step_group(step, dock, parcels, dem, small_watersheds):
    step.refresh_inputs()
    step.parcels_combo.setLayer(parcels)
    step.dem_combo.setLayer(dem)
    step.r_spin.setValue(DEMO_R)
    step.k_spin.setValue(DEMO_K)
    step.analyse()
    assert wait_for_workflow(step), step.run_panel.status.text()
    group = layers.find_group("parcels")
    tables = {n.layer().customProperty(layers.LAYER_PROPERTY): n.layer() for n in group.findLayers()}
    assert {"ws_indicators", "ws_d05", "ws_d010", "ws_d011", "ws_landuse_slope"} <= set(tables)
    assert tables["ws_indicators"].featureCount() == len(table_rows(step.summary_table))
    assert not tables["ws_d05"].isSpatial()
    # issue 9 item 7: each small watershed's land (parcels split at its boundary) is its step-1 area
    step1 = {f["ws_code"]: f["area_km2"] for f in small_watersheds.getFeatures()}
    land = {f["ws_code"]: f["land_area_km2"] for f in tables["ws_indicators"].getFeatures()}
    for code, area in step1.items():
        assert land[code] == pytest.approx(area, rel=0.015), code


# -- factor provenance, plausibility and the demo note (issue 9 items 1, 2, 16) ---------------------------------


def test_cropping_zone_choice_goes_to_the_algorithm(step, parcels, dem):
    step.parcels_combo.setLayer(parcels)
    step.dem_combo.setLayer(dem)
    step.r_spin.setValue(DEMO_R)
    step.k_spin.setValue(DEMO_K)
    assert step.zone_combo.currentData() == ""  # none given: T = 1, reported by the run
    params = step.parameters()
    assert "CROPPING_ZONE" not in params and params["OUTPUT_FACTORS"]
    index = step.zone_combo.findData("nw_irrigated_north_xinjiang")
    assert index > 0 and "T = 0.281" in step.zone_combo.itemText(index)
    step.zone_combo.setCurrentIndex(index)
    assert step.parameters()["CROPPING_ZONE"] == "nw_irrigated_north_xinjiang"
    step.zone_combo.setCurrentIndex(0)


@pytest.mark.skipif("not algorithms_available()", reason="sbplanner:analyse_parcels not registered yet")
def test_us_unit_k_is_warned_about_and_the_factors_are_shown(step, dock, parcels, dem):
    step.refresh_inputs()
    step.parcels_combo.setLayer(parcels)
    step.dem_combo.setLayer(dem)
    step.r_spin.setValue(DEMO_R)
    step.k_spin.setValue(0.32)  # K in US customary units
    step.analyse()
    assert wait_for_workflow(step), step.run_panel.status.text()
    assert "Check the factors: 1 warning(s) below." in step.run_panel.status.text()
    assert not step.factor_warnings.isHidden()
    assert "K looks like US customary units (×0.1317 to SI)" in step.factor_warnings.text()
    assert "R: 7000 — number given (R_FACTOR)" in step.factor_info.text()
    # the plan keeps the record: re-opening it shows the factors again
    step.plan_path_changed("")
    assert step.factor_info.isHidden()
    step.plan_path_changed(dock.plan_path())
    assert "R: 7000 — number given (R_FACTOR)" in step.factor_info.text()
    assert "US customary" in step.factor_warnings.text()


def test_demo_note_shows_on_the_demo_project_only(step):
    project = QgsProject.instance()
    step.refresh_demo_note()
    assert step.demo_note.isHidden()
    project.writeEntry("sbplanner", "demo", "youwuzhen")
    try:
        step.refresh_demo_note()
        assert not step.demo_note.isHidden() and "illustrative" in step.demo_note.text()
    finally:
        project.removeEntry("sbplanner", "demo")
    step.refresh_demo_note()
    assert step.demo_note.isHidden()


def test_parcels_off_the_dem_are_named_in_the_status(step, dock, dem, demo_dir):
    """Issue 13: a run where some parcels lie off the DEM does not read as all fine."""
    from tests.qgis.test_parcels_outside_dem import parcels as moved

    layer = moved(demo_dir, 30, 7)
    QgsProject.instance().addMapLayer(layer)
    step.refresh_inputs()
    step.parcels_combo.setLayer(layer)
    step.dem_combo.setLayer(dem)
    step.r_spin.setValue(DEMO_R)
    step.k_spin.setValue(DEMO_K)
    step.analyse()
    assert wait_for_workflow(step), step.run_panel.status.text()
    assert "Warning: 7 parcel(s) lie wholly outside the DEM" in step.run_panel.status.text()
