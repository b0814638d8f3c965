"""Step 5 of the dock (ranking and benefits), driven like a user would, in real QGIS on the Youwuzhen demo plan
(steps 1–4 as ``make demo`` runs them): the urgency ranking run in the background from the panel into the plan,
the table against the plan on disk, table ↔ map selection, the AHP matrix's CR computed in the panel against
``core.ranking``, a matrix with CR ≥ 0.10 not used (and said so), a field added as an indicator, weights saved to
the user's copy, the sloping-farmland priority refused with the algorithm's message, the benefits summary and
chart against the plan, and a plan without earlier results explained."""

from __future__ import annotations

import numpy as np
import processing
import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsProject, QgsRectangle, QgsVectorLayer
from qgis.PyQt.QtCore import QEventLoop, QItemSelectionModel, Qt, QTimer

from sbplanner_plugin.adapters import plan_store_common as names
from sbplanner_plugin.adapters.param_files import load_random_index
from sbplanner_plugin.core import ranking
from sbplanner_plugin.gui import layers
from sbplanner_plugin.gui import measure_editor as editor
from sbplanner_plugin.gui.dock import SbPlannerDock
from sbplanner_plugin.gui.indicator_editor import AHP, COL_USE, COL_WEIGHT, reciprocal_text
from sbplanner_plugin.gui.models import FID_ROLE
from sbplanner_plugin.gui.steps.benefits_step import BenefitsStep
from tests.qgis.conftest import copy_plan, demo_units

#: a textbook 3 × 3 judgement matrix (姜启源《数学模型》-style): consistent enough, CR ≈ 0.03
MATRIX = {("eroded_share", "moderate_share"): "3", ("eroded_share", "forest_grass_cover"): "5",
          ("moderate_share", "forest_grass_cover"): "3"}  # fmt: skip
#: intransitive judgements (a > b, b > c, c > a): CR far above 0.10
BAD_MATRIX = {("eroded_share", "moderate_share"): "5", ("eroded_share", "forest_grass_cover"): "1/5",
              ("moderate_share", "forest_grass_cover"): "5"}  # fmt: skip


@pytest.fixture(scope="module")
def demo_plan(youwuzhen_plan, demo_dir, tmp_path_factory):
    """Youwuzhen through step 4 as ``make demo`` runs it: small watersheds (≤ 2 km²), parcels analysed on them,
    measures assigned, quantities and investment."""
    store = copy_plan(youwuzhen_plan, tmp_path_factory.mktemp("step5_demo"))
    demo_units(store, demo_dir)
    processing.run("sbplanner:assign_measures", {
        "PARCELS": store.layer_uri(names.PARCELS), "REGION": 0,
        "OUTPUT_PARCELS": store.destination(names.PARCELS_MEASURES),
    })  # fmt: skip
    processing.run("sbplanner:measure_quantities", {
        "PARCELS": store.layer_uri(names.PARCELS_MEASURES), "OUTPUT_PARCELS": store.destination(names.MEASURE_QUANTITIES),  # noqa: E501
        "OUTPUT_ITEMS": store.destination(names.MEASURE_ITEMS),
    })  # fmt: skip
    processing.run("sbplanner:estimate_investment", {
        "ITEMS": [store.layer_uri(names.MEASURE_ITEMS)], "OUTPUT_SUMMARY": store.destination(names.INVESTMENT_SUMMARY),
        "OUTPUT_BY_WATERSHED": store.destination(names.INVESTMENT_BY_WATERSHED),
    })  # fmt: skip
    return store.path


@pytest.fixture
def plan(demo_plan, tmp_path):
    return copy_plan(demo_plan, tmp_path / "plan")


def make_dock(qgis_iface, path, monkeypatch, tmp_path):
    monkeypatch.setenv("SBPLANNER_PARAMS_DIR", str(tmp_path / "params"))
    QgsProject.instance().clear()
    editor.clear_sessions()
    widget = SbPlannerDock(qgis_iface)
    widget.plan_widget.setFilePath(str(path))
    return widget


@pytest.fixture
def dock(qgis_iface, plan, monkeypatch, tmp_path):
    widget = make_dock(qgis_iface, plan.location, monkeypatch, tmp_path)
    yield widget
    widget.cleanup()
    widget.deleteLater()
    QgsProject.instance().clear()
    editor.clear_sessions()


@pytest.fixture
def step(dock) -> BenefitsStep:
    found = [s for s in dock.steps if s.key == "benefits"]
    assert len(found) == 1 and isinstance(found[0], BenefitsStep) and found[0].implemented
    step = found[0]
    step.draws_spin.setValue(200)
    dock.show()
    dock.step_list.setCurrentRow(dock.steps.index(step))  # the user opens step 5
    assert step.isVisible()
    return step


def run(panel, timeout_ms: int = 120000) -> bool:
    result = []
    loop = QEventLoop()
    panel.runFinished.connect(lambda ok: (result.append(ok), loop.quit()))
    panel.run_button.click()
    if not panel.busy:  # refused before starting: the status says why
        return False
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec_()
    assert result, "run did not finish"
    return result[0]


def disk(store, key: str) -> dict[str, dict]:
    layer = QgsVectorLayer(store.layer_uri(key), key, "ogr")
    assert layer.isValid(), key
    fields = layer.fields().names()
    return {f["ws_code"]: dict(zip(fields, f.attributes())) for f in layer.getFeatures()}


def disk_rows(store, key: str) -> list[dict]:
    layer = QgsVectorLayer(store.layer_uri(key), key, "ogr")
    assert layer.isValid(), key
    names_ = layer.fields().names()
    return [dict(zip(names_, f.attributes())) for f in layer.getFeatures()]


def table_rows(step) -> list[dict]:
    model = step.table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return [{h: model.index(r, c).data() for c, h in enumerate(headers)} for r in range(model.rowCount())]


def use_only(editor_, keys) -> None:
    table = editor_.table
    for r, key in enumerate(editor_.keys()):
        table.item(r, COL_USE).setCheckState(Qt.CheckState.Checked if key in keys else Qt.CheckState.Unchecked)


def test_placeholder_replaced_and_ranking_into_the_plan(step, plan):
    assert step.list_label().startswith("5  ") and "(coming)" not in step.list_label()
    # the inputs of steps 1–3 come from the plan (loaded into the project when it lacks them)
    assert step.ws_combo.currentLayer() is layers.find_layer("small_watersheds")
    assert step.parcels_combo.currentLayer() is layers.find_layer("parcels")
    assert step.measures_combo.currentLayer() is layers.find_layer(editor.MEASURES_KEY)
    assert "Not ranked yet" in step.urgency_summary.text()
    assert run(step.urgency_run), step.urgency_run.status.text()
    assert "ws_urgency" in plan.layers() and "ws_urgency_table" in plan.layers()
    ws = disk(plan, "ws_urgency")
    n = len(ws)
    assert n >= 4
    assert sorted(r["urgency_rank"] for r in ws.values()) == list(range(1, n + 1))
    scores = [r["urgency_score"] for r in ws.values()]
    assert all(0 <= s <= 100 for s in scores) and max(scores) > min(scores)
    assert all(0 <= r["rank_stability"] <= 1 for r in ws.values())
    top = min(ws.values(), key=lambda r: r["urgency_rank"])
    assert top["urgency_score"] == max(scores) and top["urgency_class"] == "极紧迫"
    # the table shows the plan's values, sorted by rank
    rows = table_rows(step)
    assert [int(r["Rank"]) for r in rows] == list(range(1, n + 1))
    for r in rows:
        assert r["Score"] == f"{ws[r['Unit']]['urgency_score']:.1f}"
        assert r["Rank stability"] == f"{ws[r['Unit']]['rank_stability']:.2f}"
        assert r["Class"] == ws[r["Unit"]]["urgency_class_en"]  # English interface
    text = step.urgency_run.status.text()
    assert f"{n} small watersheds ranked" in text and f"{top['ws_code']} (score {top['urgency_score']:.1f})" in text
    # the layer is styled by urgency class
    layer = layers.find_layer("ws_urgency")
    assert layer.renderer().classAttribute() == "urgency_class_id"
    # the run used the panel's table (the shipped weights: the ten indicators with a weight; key_area, weight 0 by
    # default, is offered unticked)
    assert step.indicators.used_keys() == [i.key for i in ranking_table() if i.weight > 0]
    assert len(step.indicators.used_keys()) == 10


def ranking_table():
    from sbplanner_plugin.adapters.param_files import load_indicators

    return load_indicators(ranking.URGENCY_TABLE, ranking.URGENCY_COMPUTED)


def test_table_and_map_selection(step, plan):
    assert run(step.urgency_run), step.urgency_run.status.text()
    layer = layers.find_layer("ws_urgency")
    view = step.table
    model = view.model()
    fid_of = {model.index(r, 1).data(): model.index(r, 0).data(FID_ROLE) for r in range(model.rowCount())}
    codes = sorted(fid_of)
    row = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == codes[0])
    view.selectionModel().select(
        model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    assert layer.selectedFeatureIds() == [fid_of[codes[0]]]  # table → map
    assert layer.getFeature(fid_of[codes[0]])["ws_code"] == codes[0]
    layer.selectByIds([fid_of[codes[-1]]])  # map → table
    selected = [model.data(i, FID_ROLE) for i in view.selectionModel().selectedRows()]
    assert selected == [fid_of[codes[-1]]]


def quadrants(layer, name: str, field_name: str, values) -> QgsVectorLayer:
    """Four polygons over the extent of ``layer`` (its CRS), with ``field_name`` = ``values`` (SW, SE, NW, NE)."""
    e = layer.extent()
    xm, ym = (e.xMinimum() + e.xMaximum()) / 2, (e.yMinimum() + e.yMaximum()) / 2
    boxes = [(e.xMinimum(), e.yMinimum(), xm, ym), (xm, e.yMinimum(), e.xMaximum(), ym),
             (e.xMinimum(), ym, xm, e.yMaximum()), (xm, ym, e.xMaximum(), e.yMaximum())]  # fmt: skip
    out = QgsVectorLayer(f"Polygon?crs={layer.crs().authid()}&field={field_name}:string&field=people:double", name,
                         "memory")  # fmt: skip
    features = []
    for (x0, y0, x1, y1), value in zip(boxes, values):
        f = QgsFeature(out.fields())
        f.setGeometry(QgsGeometry.fromRect(QgsRectangle(x0, y0, x1, y1)))
        f.setAttributes([value, 100.0])
        features.append(f)
    out.dataProvider().addFeatures(features)
    QgsProject.instance().addMapLayer(out)
    return out


def test_villages_ranked_from_the_panel_and_key_areas_passed(step, plan):
    """行政村 as the ranked units (issue 11: 'per small watershed and optionally per 行政村'): the panel runs
    urgency_ranking with RANK_UNITS = 1 into vil_urgency, the table and the map follow it, the small watersheds'
    ranking is left alone; a 重点防治区 layer needs its kind field."""
    assert run(step.urgency_run), step.urgency_run.status.text()
    ws_before = disk(plan, "ws_urgency")
    step.unit_combo.setCurrentIndex(step.unit_combo.findData(1))
    assert step.village_box.isVisibleTo(step) and not step.population_field.isEnabled()
    assert not run(step.urgency_run)  # no village layer yet: refused, nothing written
    assert "Choose the village polygons" in step.urgency_run.status.text()
    assert "vil_urgency" not in plan.layers()
    villages = quadrants(step.parcels_combo.currentLayer(), "villages", "cun", ["V1", "V2", "V3", "V4"])
    step.villages_combo.setLayer(villages)
    assert step.village_field.currentField() == "cun"
    step.village_population.setField("people")
    keyed = quadrants(step.parcels_combo.currentLayer(), "key areas", "kind", ["国家级重点治理区"])  # V1's box
    step.key_areas_combo.setLayer(keyed)
    step.key_kind_field.setField("")
    assert not run(step.urgency_run)
    assert "kind field" in step.urgency_run.status.text()
    step.key_kind_field.setField("kind")
    assert run(step.urgency_run), step.urgency_run.status.text()
    rows = {}
    for f in QgsVectorLayer(plan.layer_uri("vil_urgency"), "v", "ogr").getFeatures():
        rows[f["village_code"]] = f
    parcels = QgsVectorLayer(plan.layer_uri(names.PARCELS), "p", "ogr")
    held = {v for v in rows if rows[v]["urgency_rank"] is not None}
    assert held and held <= {"V1", "V2", "V3", "V4"}
    ranks = sorted(int(rows[v]["urgency_rank"]) for v in held)
    assert ranks == list(range(1, len(held) + 1)) and parcels.featureCount() > 0
    assert "villages ranked into the plan (vil_urgency)" in step.urgency_run.status.text()
    # the table shows the villages (from the plan), the map layer is the styled vil_urgency
    table = table_rows(step)
    assert {r["Unit"] for r in table} == set(rows) and len(table) == len(rows)
    for r in table:
        if r["Rank"] is not None:
            assert int(r["Rank"]) == rows[r["Unit"]]["urgency_rank"]
    layer = layers.find_layer("vil_urgency")
    assert layer is not None and layer.renderer().classAttribute() == "urgency_class_id"
    # the key areas reached the algorithm: V1 is the 国家级重点治理区 (level 3), the others are in none
    assert rows["V1"]["key_area"] == "国家级重点治理区" and rows["V1"]["v_key_area"] == 3.0
    assert all(rows[v]["v_key_area"] == 0.0 for v in ("V2", "V3", "V4"))
    # the small watersheds' ranking is untouched
    assert disk(plan, "ws_urgency") == ws_before
    step.unit_combo.setCurrentIndex(step.unit_combo.findData(0))
    assert {r["Unit"] for r in table_rows(step)} == set(ws_before)


def test_population_raster_reaches_the_ranking_and_a_constant_one_is_said(step, plan, tmp_path):
    """A population density raster (the issue's 'population per unit or a raster'): averaged over each small
    watershed into v_population_density; a uniform one cannot tell the units apart, and the panel says so in
    amber under the status (the algorithm's warning, not only the Processing log)."""
    from osgeo import gdal, osr
    from qgis.core import QgsRasterLayer

    ws = step.ws_combo.currentLayer()
    e = ws.extent()
    path = str(tmp_path / "pop.tif")
    ds = gdal.GetDriverByName("GTiff").Create(path, 50, 50, 1, gdal.GDT_Float32)
    ds.SetGeoTransform((e.xMinimum() - 100, (e.width() + 200) / 50, 0, e.yMaximum() + 100, 0, -(e.height() + 200) / 50))
    srs = osr.SpatialReference()
    srs.ImportFromWkt(ws.crs().toWkt())
    ds.SetProjection(srs.ExportToWkt())
    ds.GetRasterBand(1).Fill(250.0)
    ds = None
    raster = QgsRasterLayer(path, "pop")
    assert raster.isValid()
    QgsProject.instance().addMapLayer(raster)
    step.population_raster.setLayer(raster)
    assert run(step.urgency_run), step.urgency_run.status.text()
    rows = disk(plan, "ws_urgency")
    assert [r["v_population_density"] for r in rows.values()] == pytest.approx([250.0] * len(rows))
    status = step.urgency_run.status
    assert "⚠" in status.text() and "population_density" in status.text() and "#8a4b00" in status.styleSheet()


def test_ahp_cr_in_the_panel_is_the_cores_and_an_inconsistent_matrix_is_not_used(step, plan):
    panel = step.indicators
    keys = ["eroded_share", "moderate_share", "forest_grass_cover"]
    use_only(panel, keys)
    panel.mode_combo.setCurrentIndex(panel.mode_combo.findData(AHP))
    assert panel.matrix_keys() == keys and panel.matrix.rowCount() == 3
    for (ki, kj), text in MATRIX.items():  # typed into the upper triangle of the matrix widget
        panel.matrix.item(keys.index(ki), keys.index(kj)).setText(text)
    assert panel.matrix.item(1, 0).text() == "1/3" and panel.matrix.item(2, 0).text() == "1/5"
    expected = np.array([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]])
    w, lam, _ci, ri, cr = ranking.ahp_weights(expected, load_random_index())
    result = panel.ahp_result()
    assert result.cr == pytest.approx(cr, rel=1e-12) and result.lambda_max == pytest.approx(lam, rel=1e-12)
    assert np.allclose(result.weights, w) and ri == pytest.approx(0.58) and 0 < cr < 0.10
    assert f"CR {cr:.4f}" in panel.ahp_label.text() and "#b00020" not in panel.ahp_label.text()
    assert panel.ahp_usable()
    assert run(step.urgency_run), step.urgency_run.status.text()
    assert f"AHP weights used (CR {cr:.3f})" in step.urgency_run.status.text()
    # the plan's scores are the AHP-weighted sums of the normalised indicators
    ws = disk(plan, "ws_urgency")
    for r in ws.values():
        score = 100 * sum(wk * r[f"n_{k}"] for k, wk in zip(keys, w)) / sum(w)
        assert r["urgency_score"] == pytest.approx(score, abs=1e-9)
    # an intransitive matrix: CR ≥ 0.10 in red, the run uses the direct weights and says so
    for (ki, kj), text in BAD_MATRIX.items():
        panel.matrix.item(keys.index(ki), keys.index(kj)).setText(text)
    bad = panel.ahp_result()
    assert bad.cr == pytest.approx(ranking.ahp_weights(
        np.array([[1, 5, 1 / 5], [1 / 5, 1, 5], [5, 1 / 5, 1]]), load_random_index())[4], rel=1e-12)  # fmt: skip
    assert bad.cr >= 0.10 and "#b00020" in panel.ahp_label.text() and "NOT" in panel.ahp_label.text()
    assert not panel.ahp_usable()
    assert run(step.urgency_run), step.urgency_run.status.text()
    assert f"NOT used (CR {bad.cr:.3f} ≥ 0.10)" in step.urgency_run.status.text()
    direct = panel.weights()
    total = sum(direct[k] for k in keys)
    for r in disk(plan, "ws_urgency").values():
        score = 100 * sum(direct[k] / total * r[f"n_{k}"] for k in keys)
        assert r["urgency_score"] == pytest.approx(score, abs=1e-9)
    # a cell that is not a number: the core's message, the run refused
    panel.matrix.item(0, 1).setText("lots")
    assert "lots" in panel.ahp_label.text() and "#b00020" in panel.ahp_label.text()
    assert not run(step.urgency_run)
    assert "lots" in step.urgency_run.status.text()


def test_reciprocal_text():
    assert [reciprocal_text(t) for t in ("3", "1/3", "1", "2/3", "0.5")] == ["1/3", "3", "1", "3/2", "1/0.5"]


def test_a_field_added_as_an_indicator_and_weights_saved(step, plan, tmp_path):
    panel = step.indicators
    assert panel.add_field("relief_m")
    assert panel.keys()[-1] == "relief_m" and panel.extra_text() == "relief_m:+1:0.05"
    assert not panel.add_field("relief_m")  # already there
    assert run(step.urgency_run), step.urgency_run.status.text()
    ws = disk(plan, "ws_urgency")
    small = disk(plan, "small_watersheds")
    for code, r in ws.items():
        assert r["v_relief_m"] == pytest.approx(small[code]["relief_m"])
    # weights: an edit saved into the user's copy (with a note), a bad value refused with a message
    row = panel.keys().index("eroded_share")
    panel.table.item(row, COL_WEIGHT).setText("0.3")
    assert panel.save()
    copy = tmp_path / "params" / "urgency_indicators.csv"
    line = next(x for x in copy.read_text(encoding="utf-8").splitlines() if x.startswith("eroded_share,"))
    assert ",0.3," in line and "edited in SBPlanner" in line
    assert panel.keys()[-1] == "relief_m"  # the added field stays in the panel
    panel.table.item(row, COL_WEIGHT).setText("heavy")
    assert not panel.save()
    assert "heavy" in panel.status.text()
    assert not run(step.urgency_run)
    assert "heavy" in step.urgency_run.status.text()
    panel.reset()
    assert not copy.exists()


def test_farmland_priority_refusal_is_the_algorithms_message(step, plan):
    """Youwuzhen's cropland is all paddy: nothing to terrace, said in the status line, nothing written."""
    step.budget_spin.setValue(5.0)
    assert not run(step.priority_run)
    assert "No parcel is sloping cropland to terrace" in step.priority_run.status.text()
    assert "Traceback" not in step.priority_run.status.text()
    assert "farmland_priority" not in plan.layers()


def test_benefits_summary_and_chart_from_the_plan(step, plan):
    assert run(step.benefits_run), step.benefits_run.status.text()
    for key in ("benefit_ws", "benefit_parcels", "benefit_by_year", "benefit_d020", "benefit_d021"):
        assert key in plan.layers(), key
    units = disk(plan, "benefit_ws")
    whole = units.pop("ALL")
    text = step.benefits_summary.text()
    assert f"{whole['soil_loss_current_t_a']:,.1f} → {whole['soil_loss_planned_t_a']:,.1f} t/a" in text
    assert f"soil conserved {whole['soil_conserved_t_a']:,.1f} t/a" in text
    assert f"{whole['swc_rate_current_pct']:.2f} % → {whole['swc_rate_planned_pct']:.2f} %" in text
    assert f"{whole['eroded_area_current_km2']:.3f} → {whole['eroded_area_planned_km2']:.3f} km²" in text
    assert f"{whole['investment_yuan_per_t_a']:,.0f} yuan per t/a" in text
    short = whole["swc_target_pct"] - whole["swc_rate_planned_pct"]
    assert short > 0 and f"{short:.2f} points short" in text  # CN-2025: 73 %
    # chart: one group per small watershed, the whole area last, the values of the plan
    groups = step.chart.groups
    assert len(groups) == len(units) + 1 and groups[-1][0] == "Whole area"
    assert groups[-1][1:] == pytest.approx((whole["soil_loss_current_t_a"], whole["soil_loss_planned_t_a"]))
    for label, now, after in groups[:-1]:
        assert (now, after) == pytest.approx(
            (units[label]["soil_loss_current_t_a"], units[label]["soil_loss_planned_t_a"])
        )
    step.metric_combo.setCurrentIndex(step.metric_combo.findData("swc_rate"))
    assert step.chart.target == pytest.approx(73.0)
    assert step.chart.groups[-1][1:] == pytest.approx((whole["swc_rate_current_pct"], whole["swc_rate_planned_pct"]))
    assert step.chart.grab().width() > 0  # paints


def test_scenarios_compared_after_a_step3_change_in_the_copy(step, dock, plan):
    """Baseline evaluated; Plan B copied from it (the dock's scenario row), the treated parcel with the most soil
    loss given no measure in Plan B and evaluated again: the comparison shows both, Plan B with less soil conserved."""
    assert run(step.benefits_run), step.benefits_run.status.text()
    base = disk(plan, "benefit_ws")["ALL"]
    assert dock.scenario_bar.copy("Plan B") == "plan_b"
    assert dock.current_store.scenario_id == "plan_b"
    layer = QgsVectorLayer(plan.layer_uri("parcels_measures", "plan_b"), "m", "ogr")
    treated = [f for f in layer.getFeatures() if f["measure_code"]]
    # the treated parcel with the most soil loss loses its measures
    fid = max(treated, key=lambda f: (f["soil_loss_t_km2_a"] or 0) * (f["area_ha"] or 0)).id()
    fields = layer.fields().names()
    cleared = {layer.fields().indexOf(n): None for n in ("measure_code", "measure_codes") if n in fields}
    assert layer.dataProvider().changeAttributeValues({fid: cleared})
    del layer
    step.measures_combo.setLayer(layers.find_layer("parcels_measures"))
    assert "__s_plan_b" in step.measures_combo.currentLayer().source()
    assert run(step.benefits_run), step.benefits_run.status.text()
    plan_b = disk(plan, "benefit_ws__s_plan_b")["ALL"]
    assert plan_b["soil_conserved_t_a"] < base["soil_conserved_t_a"]
    assert disk(plan, "benefit_ws")["ALL"]["soil_conserved_t_a"] == base["soil_conserved_t_a"]  # baseline kept
    assert run(step.compare_run), step.compare_run.status.text()
    # Plan B's layout changed after its step-4 quantities (copied from the baseline): the run's warning is shown
    # under the status line, in amber
    status = step.compare_run.status
    assert "⚠ Scenario Plan B: the measures of 1 parcels changed after its quantities (step 4)" in status.text()
    assert "#8a4b00" in status.styleSheet() and "Baseline" not in status.text().split("⚠", 1)[1]
    table = step.compare_table
    names = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert table.rowCount() == 2 and names == ["Baseline", "Plan B"], names
    conserved = [float(table.item(r, 2).text().replace(",", "")) for r in range(2)]
    assert conserved == pytest.approx([base["soil_conserved_t_a"], plan_b["soil_conserved_t_a"]], abs=0.06)
    diff = float(table.item(1, 6).text().replace(",", ""))
    assert diff == pytest.approx(plan_b["soil_conserved_t_a"] - base["soil_conserved_t_a"], abs=0.06)
    # the chart: one pair of bars (now, planned) per scenario, the same current soil loss (steps 1–2 are shared)
    groups = step.compare_chart.groups
    assert [g[0] for g in groups] == names
    assert groups[0][1:] == pytest.approx((base["soil_loss_current_t_a"], base["soil_loss_planned_t_a"]), rel=1e-9)
    assert groups[1][1:] == pytest.approx((base["soil_loss_current_t_a"], plan_b["soil_loss_planned_t_a"]), rel=1e-9)
    step.compare_metric.setCurrentIndex(1)
    assert step.compare_chart.groups[1][2] == pytest.approx(plan_b["swc_rate_planned_pct"], rel=1e-9)
    # one small watershed: the rows of scenario_comparison_ws for it, in the table and the chart
    ws_rows = disk_rows(plan, "scenario_comparison_ws")
    code = next(r["ws_code"] for r in ws_rows if r["ws_code"] != "ALL")
    step.compare_unit.setCurrentIndex(step.compare_unit.findData(code))
    mine = [r for r in ws_rows if r["ws_code"] == code]
    assert step.compare_table.rowCount() == len(mine) == 2
    assert float(step.compare_table.item(1, 2).text().replace(",", "")) == pytest.approx(
        mine[1]["soil_conserved_t_a"], abs=0.06
    )
    step.compare_unit.setCurrentIndex(0)
    assert step.compare_table.rowCount() == 2
    # before/after maps: now, baseline after, Plan B after — one SL 190-2007 classification for all three
    maps = step.show_maps()
    assert len(maps) == 3
    fields = [m.renderer().classAttribute() for m in maps]
    assert fields == ["a_current_t_km2_a", "a_planned_t_km2_a", "a_planned_t_km2_a"]
    assert "layername=benefit_parcels|" in maps[0].source() + "|" and "__s_" not in maps[1].source()
    assert "layername=benefit_parcels__s_plan_b" in maps[2].source()
    bounds = [[(r.lowerValue(), r.upperValue()) for r in m.renderer().ranges()] for m in maps]
    assert bounds[0] == bounds[1] == bounds[2] and len(bounds[0]) == 6
    assert [b[0] for b in bounds[0][1:]] == [500.0, 2500.0, 5000.0, 8000.0, 15000.0]  # 南方红壤丘陵区 tolerance 500


def test_plan_without_earlier_results_is_explained(qgis_iface, monkeypatch, tmp_path):
    from sbplanner_plugin.adapters.plan_store import PlanStore

    store = PlanStore(tmp_path / "empty.gpkg")
    store.ensure()
    dock = make_dock(qgis_iface, store.location, monkeypatch, tmp_path)
    try:
        step = next(s for s in dock.steps if s.key == "benefits")
        dock.show()
        dock.step_list.setCurrentRow(dock.steps.index(step))
        assert step.ws_combo.currentLayer() is None and step.parcels_combo.currentLayer() is None
        assert not run(step.urgency_run)
        assert "run step 1" in step.urgency_run.status.text()
        assert not run(step.benefits_run)
        assert "run step 3" in step.benefits_run.status.text()
        assert not run(step.priority_run)
        assert "run step 2" in step.priority_run.status.text()
        assert step.benefits_summary.text() == "" and step.chart.groups == []
        assert not [n for n in store.layers() if n.startswith(("ws_urgency", "benefit_"))]
    finally:
        dock.cleanup()
        dock.deleteLater()
        QgsProject.instance().clear()
