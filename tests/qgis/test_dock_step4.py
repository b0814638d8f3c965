"""Step 4 of the dock (quantities and investment), driven like a user would, in real QGIS: on a plane DEM of
known slope (15°) with terraced parcels (the issue's worked check, H 2.021 m), the run of the three algorithms
in the background, the numbers in the table and the summary against the plan on disk, table ↔ map selection,
the chart, "Recompute changed" after a step-3 edit, parameter edits saved to the user's copy, and bad input."""

from __future__ import annotations

import math

import processing
import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsProject, QgsRasterLayer, QgsVectorLayer
from qgis.PyQt.QtCore import QEventLoop, QItemSelectionModel, QTimer

from sbplanner_plugin.adapters.plan_store import PlanStore
from sbplanner_plugin.gui import layers
from sbplanner_plugin.gui import measure_editor as editor
from sbplanner_plugin.gui.dock import SbPlannerDock
from sbplanner_plugin.gui.models import FID_ROLE
from sbplanner_plugin.gui.steps.quantities_step import QuantitiesStep
from tests.qgis.plane import X0, Y0, cot, write_plane_dem

LAYOUT = [
    ("terrace_level_earth", "bench_width_m=7;riser_angle_deg=75;riser_height_max_m=2.5"),  # worked check
    ("terrace_level_stone", ""),  # B 7.5 from the slope table (15° is in the 15–20° band: 6.5), α 80°
    ("forest_arbor", ""),  # another measure: measure_quantities
    ("terrace_level_earth", "bench_width_m=4"),
]



@pytest.fixture
def plane_dem(tmp_path) -> str:
    return write_plane_dem(tmp_path / "plane.tif")


@pytest.fixture
def plan(tmp_path) -> PlanStore:
    """A plan whose parcels_measures are four 1 hm² squares on the plane (as step 3 would store them)."""
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    layer = QgsVectorLayer(
        "Polygon?crs=EPSG:32650&field=parcel_id:integer&field=ws_code:string&field=measure_code:string"
        "&field=measure_params:string&field=area_ha:double",
        "p",
        "memory",
    )
    feats = []
    for k, (code, params) in enumerate(LAYOUT):
        x, y = X0 + 50 + k * 150, Y0 - 450
        f = QgsFeature(layer.fields())
        ring = f"{x} {y},{x + 100} {y},{x + 100} {y + 100},{x} {y + 100},{x} {y}"
        f.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({ring}))"))
        f.setAttributes([k + 1, "W1", code, params, 1.0])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    processing.run("native:savefeatures", {"INPUT": layer, "OUTPUT": store.destination(editor.MEASURES_KEY)})
    return store


@pytest.fixture
def dock(qgis_iface, plan, plane_dem, monkeypatch, tmp_path):
    monkeypatch.setenv("SBPLANNER_PARAMS_DIR", str(tmp_path / "params"))
    QgsProject.instance().clear()
    editor.clear_sessions()
    parcels = QgsVectorLayer(plan.layer_uri(editor.MEASURES_KEY), "parcels_measures", "ogr")
    assert parcels.isValid()
    parcels.setCustomProperty(layers.LAYER_PROPERTY, editor.MEASURES_KEY)
    dem = QgsRasterLayer(plane_dem, "dem")
    assert dem.isValid()
    QgsProject.instance().addMapLayers([parcels, dem])
    widget = SbPlannerDock(qgis_iface)
    widget.plan_widget.setFilePath(str(plan.location))
    yield widget
    widget.cleanup()
    widget.deleteLater()
    QgsProject.instance().clear()
    editor.clear_sessions()


def step_of(dock) -> QuantitiesStep:
    found = [s for s in dock.steps if s.key == "quantities"]
    assert len(found) == 1 and isinstance(found[0], QuantitiesStep) and found[0].implemented
    return found[0]


def run(step: QuantitiesStep, incremental: bool = False, timeout_ms: int = 120000) -> bool:
    result = []
    loop = QEventLoop()
    step.workflowFinished.connect(lambda ok: (result.append(ok), loop.quit()))
    (step.recompute_button if incremental else step.run_panel.run_button).click()
    if not step.run_panel.busy:  # refused before starting: the status says why
        return False
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec_()
    assert result, "run did not finish"
    return result[0]


@pytest.fixture
def step(dock) -> QuantitiesStep:
    step = step_of(dock)
    step.show()
    assert step.parcels_combo.currentLayer() is not None
    step.dem_combo.setLayer(next(x for x in QgsProject.instance().mapLayers().values() if x.name() == "dem"))
    return step


def disk(store: PlanStore, key: str) -> dict[int, dict]:
    layer = QgsVectorLayer(store.layer_uri(key), key, "ogr")
    assert layer.isValid(), key
    names = layer.fields().names()
    return {f["parcel_id"] if "parcel_id" in names else f.id(): dict(zip(names, f.attributes())) for f in layer.getFeatures()}  # noqa: E501


def table_rows(step) -> list[dict]:
    model = step.table.model()
    headers = [model.headerData(c, 1) for c in range(model.columnCount())]
    return [{h: model.index(r, c).data() for c, h in enumerate(headers)} for r in range(model.rowCount())]


def test_placeholder_replaced_and_whole_chain_into_the_plan(step, plan):
    assert step.list_label().startswith("4  ") and "(coming)" not in step.list_label()
    assert run(step), step.run_panel.status.text()
    present = set(plan.layers())
    for key in ("terrace_quantities", "terrace_items", "measure_quantities", "measure_items", "investment_summary",
                "investment_by_ws", "investment_schedule", "investment_funding"):  # fmt: skip
        assert key in present, key
    terraces = disk(plan, "terrace_quantities")
    assert set(terraces) == {1, 2, 4}
    # the worked check through the dock: θ 15°, B 7, α 75 → H 2.021 m, 2526 m³/hm², share 7.2 %
    assert terraces[1]["riser_height_m"] == pytest.approx(2.021, rel=1e-3)
    assert terraces[1]["earthwork_m3_per_ha"] == pytest.approx(2526, rel=1e-3)
    # the table shows the plan's numbers, rows coloured by suitability
    rows = {int(r["Parcel"]): r for r in table_rows(step)}
    assert set(rows) == {1, 2, 4}
    assert rows[1]["H (m)"] == "2.021" and rows[1]["m³/hm²"] == f"{terraces[1]['earthwork_m3_per_ha']:.0f}"
    assert rows[1]["Suitability"] == "suitable"
    # the summary: earthwork and the static total are those on disk
    earth = sum(t["earthwork_m3"] for t in terraces.values())
    text = step.summary.text()
    assert f"earthwork {earth:,.0f} m³" in text
    static = next(r for r in disk(plan, "investment_summary").values() if r["code"] == "static_total")["amount_wan"]
    assert static > 0 and f"{static:,.2f} × 10⁴ yuan" in text
    assert f"{static:,.2f} × 10⁴ yuan" in step.run_panel.status.text()
    # other measures: the forest parcel (seedlings from the catalogue's spacing)
    step.table_choice.setCurrentIndex(step.table_choice.findData("measure_quantities"))
    forest = [r for r in table_rows(step) if r["Parcel"] == "3"]
    assert len(forest) == 1 and float(forest[0]["Trees"]) == pytest.approx(disk(plan, "measure_quantities")[3]["trees"], abs=0.5)  # noqa: E501
    # the investment table lists the parts with their amounts
    step.table_choice.setCurrentIndex(step.table_choice.findData("investment_summary"))
    rows = table_rows(step)
    assert any(r["Item"] == "static total investment" and r["Amount (10⁴ yuan)"] == f"{static:.2f}" for r in rows)


def test_table_and_map_selection_and_the_chart(step, plan):
    assert run(step), step.run_panel.status.text()
    layer = layers.find_layer("terrace_quantities")
    assert layer is not None and layer.featureCount() == 3
    view = step.table
    model = view.model()
    fid_of = {int(model.index(r, 0).data()): model.index(r, 0).data(FID_ROLE) for r in range(model.rowCount())}
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "1")
    view.selectionModel().select(
        model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    assert layer.selectedFeatureIds() == [fid_of[1]]  # table → map
    assert step.chart.marked_slope_deg == pytest.approx(15.0, abs=1e-6)
    layer.selectByIds([fid_of[4]])  # map → table
    selected = [model.data(i, FID_ROLE) for i in view.selectionModel().selectedRows()]
    assert selected == [fid_of[4]]
    # chart: for B 7 m, α 75° the riser reaches 2.0 m where 7·sinθ·sin75/sin(75 − θ) = 2 (bisection here)
    step.bench_width.setValue(7.0)
    step.riser_angle.setValue(75.0)
    step.riser_max.setValue(2.0)
    lo, hi = 1.0, 30.0
    for _ in range(60):
        mid = (lo + hi) / 2
        h = 7 * math.sin(math.radians(mid)) * math.sin(math.radians(75)) / math.sin(math.radians(75 - mid))
        lo, hi = (mid, hi) if h < 2 else (lo, mid)
    assert step.chart.limit_slope_deg() == pytest.approx(lo, abs=0.25)
    assert f"θ {step.chart.limit_slope_deg():.1f}°" in step.chart_note.text()


def test_recompute_changed_keeps_unchanged_parcels(step, plan):
    assert run(step), step.run_panel.status.text()
    before = disk(plan, "terrace_quantities")
    measures = QgsVectorLayer(plan.layer_uri(editor.MEASURES_KEY), "m", "ogr")
    fid = next(f.id() for f in measures.getFeatures() if f["parcel_id"] == 4)
    index = measures.fields().indexOf("measure_params")
    assert measures.dataProvider().changeAttributeValues({fid: {index: "bench_width_m=5"}})  # a step-3 edit
    del measures
    assert run(step, incremental=True), step.run_panel.status.text()
    assert "2 unchanged parcels kept, 1 recomputed" in step.run_panel.status.text()
    after = disk(plan, "terrace_quantities")
    assert after[4]["bench_width_m"] == pytest.approx(5.0)
    assert after[4]["riser_height_m"] == pytest.approx(5 / (cot(15) - cot(75)), rel=1e-6)
    for pid in (1, 2):
        assert after[pid]["riser_height_m"] == before[pid]["riser_height_m"]
        assert after[pid]["change_key"] == before[pid]["change_key"]
    # the other measures: the 乔木林 parcel 3 did not change, it is kept
    from sbplanner_plugin.gui.steps.quantities_step import ALG_MEASURES

    assert (step._results[ALG_MEASURES]["KEPT"], step._results[ALG_MEASURES]["RECOMPUTED"]) == (1, 0)
    trees = disk(plan, "measure_quantities")[3]["trees"]
    assert trees == pytest.approx(1667 * 1.05, rel=1e-3), trees  # 2 × 3 m (1667 /hm²) + 5 % replanting on 1 hm²
    # now a step-3 edit of parcel 3 (spacing 1 × 1 m): only it is recomputed, the terraces are all kept
    measures = QgsVectorLayer(plan.layer_uri(editor.MEASURES_KEY), "m", "ogr")
    fid = next(f.id() for f in measures.getFeatures() if f["parcel_id"] == 3)
    assert measures.dataProvider().changeAttributeValues({fid: {index: "spacing_m=1x1;density_per_ha=10000"}})
    del measures
    assert run(step, incremental=True), step.run_panel.status.text()
    assert "3 unchanged parcels kept, 0 recomputed" in step.run_panel.status.text()
    assert (step._results[ALG_MEASURES]["KEPT"], step._results[ALG_MEASURES]["RECOMPUTED"]) == (0, 1)
    assert disk(plan, "measure_quantities")[3]["trees"] == pytest.approx(10_000 * 1.05, rel=1e-6)
    items = QgsVectorLayer(plan.layer_uri("measure_items"), "i", "ogr")
    trees_items = [f["quantity"] for f in items.getFeatures() if f["feature_id"] == 3 and f["item"] == "trees"]
    assert trees_items == [pytest.approx(10_500.0)]  # the stale row of the old spacing is gone


def test_parameter_edits_are_saved_to_the_users_copy_and_bad_values_refused(step, tmp_path):
    step.measure_combo.setCurrentIndex(step.measure_combo.findData("forest_arbor"))
    assert "N = 10 000 / (株距 × 行距)" in step.measure_formula.text()
    table = step.param_table
    keys = {table.item(r, 0).text(): r for r in range(table.rowCount())}
    assert "replant_rate" in keys  # the shared quantity rule is shown with the measure
    table.item(keys["replant_rate"], 1).setText("0.08")
    step.save_parameters()
    copy = tmp_path / "params" / "quantity_params.csv"
    assert copy.is_file(), step.params_status.text()
    line = next(x for x in copy.read_text(encoding="utf-8").splitlines() if x.startswith("replant_rate,"))
    assert line.startswith("replant_rate,0.08,") and "edited in SBPlanner" in line
    # a value the reader refuses: an error naming the table, the saved copy is kept as it was
    keys = {table.item(r, 0).text(): r for r in range(table.rowCount())}
    assert table.item(keys["replant_rate"], 1).text() == "0.08"  # the copy in use is shown
    table.item(keys["replant_rate"], 1).setText("many")
    step.save_parameters()
    assert "quantity_params.csv" in step.params_status.text()
    assert "replant_rate,0.08," in copy.read_text(encoding="utf-8")
    assert not [p for p in (tmp_path / "params").iterdir() if p.name.startswith(".edit-")]
    step.reset_parameters()
    assert not copy.exists()


def test_parcels_without_measures_are_refused_nothing_written(step, plan, plane_dem):
    other = QgsVectorLayer("Polygon?crs=EPSG:32650&field=id:integer", "no measures", "memory")
    QgsProject.instance().addMapLayer(other)
    step.parcels_combo.setLayer(other)
    assert not run(step)
    assert "no measures" in step.run_panel.status.text()
    assert "terrace_quantities" not in plan.layers()


def test_plan_measures_loaded_when_the_project_lacks_them(step, plan):
    """A project saved before step 3 (or with the layer removed): the step offers the plan's parcels_measures."""
    QgsProject.instance().removeMapLayer(layers.find_layer(editor.MEASURES_KEY).id())
    assert layers.find_layer(editor.MEASURES_KEY) is None
    step._preselect()
    layer = step.parcels_combo.currentLayer()
    assert layer is not None and layer is layers.find_layer(editor.MEASURES_KEY)
    assert layer.featureCount() == 4
    assert step.measure_combo.itemText(0).startswith("● ")  # the measures the layout uses come first


def test_terrace_layout_from_the_dock(step, plan):
    """With the layout ticked, the edge lines follow the plane's contours H apart: on the worked-check parcel
    (H 2.021 m on 15°) they are H·cot15° = 7.54 m apart; the stakes go beside the plan as CSV and GPX."""
    step.layout_check.setChecked(True)
    step.stake_spacing.setValue(10.0)
    assert run(step), step.run_panel.status.text()
    assert "terrace_lines" in plan.layers() and "terrace_stakes" in plan.layers()
    lines = QgsVectorLayer(plan.layer_uri("terrace_lines"), "l", "ogr")
    first = sorted((f["elevation_m"], f.geometry().centroid().asPoint().y()) for f in lines.getFeatures()
                   if f["parcel_id"] == 1)  # fmt: skip
    assert len(first) >= 3
    h = 7 / (cot(15) - cot(75))
    for (z0, y0), (z1, y1) in zip(first, first[1:]):
        assert z1 - z0 == pytest.approx(h, rel=1e-3)
        assert y1 - y0 == pytest.approx(h * cot(15), rel=2e-2)
    csv_path = plan.path.with_name(plan.path.stem + "_terrace_stakes.csv")
    gpx_path = plan.path.with_name(plan.path.stem + "_terrace_stakes.gpx")
    assert csv_path.is_file() and gpx_path.is_file()
    assert csv_path.read_text(encoding="utf-8-sig").splitlines()[0].startswith("name,easting,northing,elevation_m")
    assert "edge lines" in step.run_panel.status.text() and str(gpx_path) in step.run_panel.status.text()
    assert layers.find_layer("terrace_lines") is not None
