"""Issue 13, hostile inputs (helper F) in real QGIS: factors, parameter tables, parcel geometry, the engineer's
decisions. Each test is a case of /work/tr/hostile_f.md (id in the docstring), run through ``processing.run``
as a new user would, asserting the outcome and, where an output is involved, that the old output is intact and
nothing partial is left. The core cases are in tests/unit/test_hostile_tables.py."""

from __future__ import annotations

import processing
import pytest
from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProcessingException,
    QgsVectorLayer,
    QgsWkbTypes,
)

from sbplanner_plugin.adapters.plan_store import PlanStore
from sbplanner_plugin.processing.base import check_geometry_types
from tests.qgis.conftest import copy_plan
from tests.qgis.feedback import Log
from tests.qgis.test_dock_step3 import analysed_plan, dock, measures_step, plan, propose, step  # noqa: F401

PARAMS_DIR = "SBPLANNER_PARAMS_DIR"
N = 40  # demo parcels used (fast)


def demo_parcels(demo_dir, count: int = N) -> list[tuple[QgsGeometry, str]]:
    src = QgsVectorLayer(str(demo_dir / "parcels_gbt21010.gpkg"), "p", "ogr")
    return [(QgsGeometry(f.geometry()), f["DLBM"]) for f in list(src.getFeatures())[:count]]


def layer(demo_dir, items, fvc=None) -> QgsVectorLayer:
    """A memory layer (DLBM, FVC) in the demo parcels' CRS from (geometry, code) pairs."""
    src = QgsVectorLayer(str(demo_dir / "parcels_gbt21010.gpkg"), "p", "ogr")
    mem = QgsVectorLayer(f"Polygon?crs={src.crs().authid()}&field=DLBM:string&field=FVC:double", "hostile", "memory")
    feats = []
    for i, (geom, code) in enumerate(items):
        f = QgsFeature(mem.fields())
        f.setAttributes([code, None if fvc is None else fvc[i]])
        f.setGeometry(geom)
        feats.append(f)
    assert mem.dataProvider().addFeatures(feats)
    return mem


def analyse(demo_dir, parcels, out: str, feedback=None, **extra) -> dict:
    params = {
        "PARCELS": parcels,
        "DEM": str(demo_dir / "ywzdem10m.tif"),
        "R_FACTOR": 7000,
        "K_FACTOR": 0.005,
        "EROSION_REGION": 0,
        "SLOPE_SYSTEM": 1,
        "OUTPUT_PARCELS": out,
        **extra,
    }
    return processing.run("sbplanner:analyse_parcels", params, feedback=feedback)


def failure(call) -> str:
    """The message of the QgsProcessingException ``call()`` raises (its traceback released at once: it holds the
    run's QGIS objects, which crash the interpreter when freed after QGIS exits)."""
    with pytest.raises(QgsProcessingException) as info:
        call()
    message = str(info.value)
    del info
    assert "Traceback" not in message
    return message


@pytest.fixture
def store(tmp_path, demo_dir):
    """A plan holding 5 analysed parcels (the 'existing good output' that a failed run must leave intact)."""
    ps = PlanStore(tmp_path / "plan.gpkg")
    ps.ensure()
    analyse(demo_dir, layer(demo_dir, demo_parcels(demo_dir, 5)), ps.destination("parcels"))
    return ps


def count(ps: PlanStore, name: str = "parcels") -> int:
    found = QgsVectorLayer(ps.layer_uri(name), "c", "ogr")
    assert found.isValid()
    return found.featureCount()


# ------------------------------------------------------------------------------------------------
# factors


def test_r_of_1e300_stops_the_run_and_leaves_the_plan_and_no_raster(store, tmp_path, demo_dir):
    """Q-01: R = 1e300 → a clear error naming R, the value and the allowed range; plan intact, no raster."""
    raster = tmp_path / "soil_loss.tif"
    message = failure(
        lambda: analyse(
            demo_dir,
            layer(demo_dir, demo_parcels(demo_dir)),
            store.destination("parcels"),
            R_FACTOR=1e300,
            OUTPUT_SOIL_LOSS=str(raster),
        )
    )
    assert "R (number given (R_FACTOR)): 1e+300 is impossible. The allowed range is 0 ≤ R ≤ 100000" in message
    assert count(store) == 5 and not raster.exists()


def test_us_unit_k_warns_and_the_numbers_are_finite(tmp_path, demo_dir):
    """Q-02: K = 0.3 (US units) → a warning naming the likely cause; every soil loss finite, every class set."""
    log = Log(warning_prefix="WARNING ")
    out = analyse(demo_dir, layer(demo_dir, demo_parcels(demo_dir)), str(tmp_path / "k.gpkg"), log, K_FACTOR=0.3)
    assert "WARNING K = 0.3 (number given (K_FACTOR)) lies outside the expected" in log.text()
    rows = list(QgsVectorLayer(out["OUTPUT_PARCELS"], "k", "ogr").getFeatures())
    analysed = [f for f in rows if f["soil_loss_t_km2_a"] is not None and str(f["soil_loss_t_km2_a"]) != "NULL"]
    assert len(analysed) == N and all(f["erosion_class"] for f in analysed)


def test_negative_tolerance_in_the_users_table_stops_the_run(store, tmp_path, demo_dir, monkeypatch):
    """Q-03: tolerance −500 in the user's tolerance_regions.csv → an error naming the table, line, column, value."""
    folder = tmp_path / "user_params"
    folder.mkdir()
    bundled = (demo_dir.parents[1] / "params" / "tolerance_regions.csv").read_text(encoding="utf-8")
    (folder / "tolerance_regions.csv").write_text(bundled.replace(",500,SL 190", ",-500,SL 190", 1), encoding="utf-8")
    monkeypatch.setenv(PARAMS_DIR, str(folder))
    message = failure(lambda: analyse(demo_dir, layer(demo_dir, demo_parcels(demo_dir)), store.destination("parcels")))
    assert message == (
        "Parameter table tolerance_regions.csv, line 2, column 'tolerance_t_km2_a': -500 is outside the allowed "
        "range 0 < tolerance_t_km2_a ≤ 10000"
    )
    assert count(store) == 5


def test_an_unusual_value_in_the_users_table_is_pushed_as_a_warning(tmp_path, demo_dir, monkeypatch):
    """Q-04: tolerance 50 in the user's table → the run finishes, the log warns once naming the cell."""
    folder = tmp_path / "user_params"
    folder.mkdir()
    bundled = (demo_dir.parents[1] / "params" / "tolerance_regions.csv").read_text(encoding="utf-8")
    (folder / "tolerance_regions.csv").write_text(bundled.replace(",500,SL 190", ",50,SL 190", 1), encoding="utf-8")
    monkeypatch.setenv(PARAMS_DIR, str(folder))
    log = Log(warning_prefix="WARNING ")
    analyse(demo_dir, layer(demo_dir, demo_parcels(demo_dir)), str(tmp_path / "t.gpkg"), log)
    warning = (
        "WARNING Parameter table tolerance_regions.csv, line 2, column 'tolerance_t_km2_a': 50 lies outside the "
        "usual range 100 ≤ tolerance_t_km2_a ≤ 1000; check it before using the results."
    )
    assert log.lines.count(warning) == 1
    assert "Allowable soil loss: 50 t/(km²·a)" in log.text()


def test_one_cover_value_in_percent_does_not_divide_the_others(tmp_path, demo_dir):
    """Q-05: cover 0.5 everywhere but one 55 → cover_fvc 0.5 (not 0.005) and 0.55, with a warning."""
    fvc = [55.0] + [0.5] * (N - 1)
    log = Log(warning_prefix="WARNING ")
    out = analyse(
        demo_dir, layer(demo_dir, demo_parcels(demo_dir), fvc), str(tmp_path / "c.gpkg"), log, COVER_FIELD="FVC"
    )
    assert "WARNING field FVC: 1 values above 1 among fractions were read as percentages" in log.text()
    covers = [f["cover_fvc"] for f in QgsVectorLayer(out["OUTPUT_PARCELS"], "c", "ogr").getFeatures()]
    assert covers[0] == pytest.approx(0.55) and covers[1:] == pytest.approx([0.5] * (N - 1))


# ------------------------------------------------------------------------------------------------
# geometry


def test_a_zero_area_sliver_is_skipped_never_written_as_a_line(tmp_path, demo_dir):
    """Q-06: a collinear (zero-area) 'polygon' → repaired into a line → skipped with a count; only polygons out."""
    items = [*demo_parcels(demo_dir), (QgsGeometry.fromWkt("POLYGON((0 0, 10 0, 20 0, 0 0))"), "0103")]
    log = Log(warning_prefix="WARNING ")
    out = analyse(demo_dir, layer(demo_dir, items), str(tmp_path / "s.gpkg"), log)
    assert "WARNING 1 parcels were skipped: their repaired geometry is not of the layer's type." in log.text()
    written = QgsVectorLayer(out["OUTPUT_PARCELS"], "s", "ogr")
    assert written.featureCount() == N
    assert {QgsWkbTypes.geometryType(f.geometry().wkbType()) for f in written.getFeatures()} == {
        QgsWkbTypes.GeometryType.PolygonGeometry
    }


def test_the_writers_refuse_a_geometry_of_the_wrong_type():
    """Q-07: a line for a polygon output → refused before anything is written (base.check_geometry_types)."""
    check_geometry_types("OUTPUT", [3, 6, -1], QgsWkbTypes.Type.MultiPolygon)  # polygons and a missing one pass
    with pytest.raises(QgsProcessingException, match=r"1 geometries of the output OUTPUT are not of its type"):
        check_geometry_types("OUTPUT", [6, 1], QgsWkbTypes.Type.MultiPolygon)


def test_duplicated_parcels_are_an_error_and_the_plan_is_intact(store, demo_dir):
    """Q-08: parcels 4 and 8 given twice → an error naming the feature ids; nothing written (not 'outside the DEM')."""
    items = demo_parcels(demo_dir)
    message = failure(
        lambda: analyse(demo_dir, layer(demo_dir, [*items, items[3], items[7]]), store.destination("parcels"))
    )
    assert message.startswith("2 parcels repeat another parcel's geometry (feature ids 41 = 4, 42 = 8)")
    assert count(store) == 5


def test_overlapping_parcels_warn_with_the_right_cause(tmp_path, demo_dir):
    """Q-09: a parcel grown by 15 m over its neighbours → 'overlap' warning with ids; not 'partly outside the DEM'."""
    items = demo_parcels(demo_dir)
    items[2] = (items[2][0].buffer(15.0, 4), items[2][1])
    log = Log(warning_prefix="WARNING ")
    result = analyse(demo_dir, layer(demo_dir, items), str(tmp_path / "o.gpkg"), log)
    assert "parcels overlap other parcels (feature ids " in log.text() and "hm² lie in two parcels" in log.text()
    assert "partly outside the DEM" not in log.text() and result["PARCELS_OUTSIDE_DEM"] == 0


def test_assign_measures_refuses_duplicated_parcels(youwuzhen_plan, tmp_path):
    """Q-10: the analysed parcels with one parcel appended twice → assign_measures stops naming the ids."""
    src = QgsVectorLayer(f"{youwuzhen_plan}|layername=parcels", "p", "ogr")
    mem = src.materialize(QgsFeatureRequest())
    first = next(mem.getFeatures())
    copy = QgsFeature(first)
    assert mem.dataProvider().addFeatures([copy])
    out = tmp_path / "m.gpkg"
    message = failure(
        lambda: processing.run("sbplanner:assign_measures", {"PARCELS": mem, "REGION": 0, "OUTPUT_PARCELS": str(out)})
    )
    assert message.startswith("1 parcels repeat another parcel's geometry (feature ids ")
    assert not out.exists()


# ------------------------------------------------------------------------------------------------
# the engineer's work and parcels without numbers


def decide(ps: PlanStore, confirm: int, override: int) -> list[int]:
    """Confirm ``confirm`` parcels with a measure and override ``override`` more to no measure; their fids."""
    rows = {f.id(): f for f in QgsVectorLayer(ps.layer_uri("parcels_measures"), "m", "ogr").getFeatures()}
    with_measure = [fid for fid, f in rows.items() if f["measure_code"] not in (None, "")]
    confirmed, overridden = with_measure[:confirm], with_measure[confirm : confirm + override]
    ps.update_attributes("parcels_measures", {fid: {"status": "confirmed"} for fid in confirmed})
    ps.update_attributes(
        "parcels_measures",
        {
            fid: {"measure_code": "", "measure_codes": "", "rule_id": "manual", "status": "overridden"}
            for fid in overridden
        },
    )
    return confirmed + overridden


def statuses(ps: PlanStore) -> list[str]:
    rows = QgsVectorLayer(ps.layer_uri("parcels_measures"), "m", "ogr").getFeatures()
    return [str(f["status"]) for f in rows]


def test_a_reproposal_into_the_plan_without_previous_layout_keeps_the_decisions(youwuzhen_plan, tmp_path):
    """Q-11: assign_measures OUTPUT_PARCELS = the plan file (as qgis_process), no PREVIOUS_LAYOUT, after 3
    confirmed + 1 overridden → the 4 are kept (was: all reset to proposed)."""
    ps = copy_plan(youwuzhen_plan, tmp_path)
    params = {"PARCELS": ps.layer_uri("parcels"), "REGION": 0, "OUTPUT_PARCELS": str(ps.path)}
    processing.run("sbplanner:assign_measures", params)
    decide(ps, 3, 1)
    log = Log(warning_prefix="WARNING ")
    second = processing.run("sbplanner:assign_measures", params, feedback=log)
    assert second["KEPT_PARCELS"] == 4
    assert "The output layer exists: its confirmed/overridden parcels are kept" in log.text()
    got = statuses(ps)
    assert got.count("confirmed") == 3 and got.count("overridden") == 1 and len(got) == 584


def test_decisions_on_parcels_that_changed_are_reported(youwuzhen_plan, tmp_path):
    """Q-12: a confirmed parcel whose shape changed since (re-digitised) → its decision is counted as lost."""
    ps = copy_plan(youwuzhen_plan, tmp_path)
    params = {"PARCELS": ps.layer_uri("parcels"), "REGION": 0, "OUTPUT_PARCELS": ps.destination("parcels_measures")}
    processing.run("sbplanner:assign_measures", params)
    fids = decide(ps, 2, 0)
    parcels = QgsVectorLayer(ps.layer_uri("parcels"), "p", "ogr")
    moved = {f.geometry().asWkt(3): f.id() for f in parcels.getFeatures()}
    measures = QgsVectorLayer(ps.layer_uri("parcels_measures"), "m", "ogr")
    target = moved[measures.getFeature(fids[0]).geometry().asWkt(3)]
    geometry = parcels.getFeature(target).geometry()
    geometry.translate(0.5, 0.0)
    parcels.dataProvider().changeGeometryValues({target: geometry})
    del parcels, measures
    log = Log(warning_prefix="WARNING ")
    second = processing.run("sbplanner:assign_measures", params, feedback=log)
    assert second["KEPT_PARCELS"] == 1
    assert "WARNING 1 confirmed/overridden parcels of the previous layout match no parcel any more" in log.text()


def test_summaries_of_parcels_all_off_the_dem_are_an_error(youwuzhen_plan, tmp_path):
    """Q-13: an analysed layer whose parcels all lost their cells (valid_cells 0, hand-edited) → summarise stops."""
    ps = copy_plan(youwuzhen_plan, tmp_path)
    parcels = QgsVectorLayer(ps.layer_uri("parcels"), "p", "ogr")
    index = parcels.fields().indexOf("valid_cells")
    assert parcels.dataProvider().changeAttributeValues({f.id(): {index: 0} for f in parcels.getFeatures()})
    del parcels
    out = PlanStore(tmp_path / "summary.gpkg")
    message = failure(
        lambda: processing.run(
            "sbplanner:summarise_watersheds", {"PARCELS": ps.layer_uri("parcels"), "PLAN": str(out.path)}
        )
    )
    assert message.startswith("None of the 584 parcels has a soil loss")


def test_summaries_warn_about_parcels_off_the_dem(youwuzhen_plan, tmp_path):
    """Q-14: 10 parcels without cells → summarise warns with the count; they are not assessed land."""
    ps = copy_plan(youwuzhen_plan, tmp_path)
    parcels = QgsVectorLayer(ps.layer_uri("parcels"), "p", "ogr")
    index = parcels.fields().indexOf("valid_cells")
    ids = [f.id() for f in parcels.getFeatures() if f["landuse_code"] not in (None, "")][:10]
    assert parcels.dataProvider().changeAttributeValues({fid: {index: 0} for fid in ids})
    del parcels
    log = Log(warning_prefix="WARNING ")
    processing.run(
        "sbplanner:summarise_watersheds",
        {"PARCELS": ps.layer_uri("parcels"), "PLAN": str(tmp_path / "s.gpkg")},
        feedback=log,
    )
    assert "WARNING 10 parcels have no soil loss (they lie off the DEM): they are not assessed land" in log.text()


def test_the_dock_reproposal_keeps_overridden_and_confirmed_parcels(step):  # noqa: F811
    """Q-15: dock step 3, 生成措施布局 again after overriding 2 parcels in the editor and confirming 1 → kept."""
    from sbplanner_plugin.gui import layers
    from sbplanner_plugin.gui import measure_editor as editor
    from tests.qgis.test_dock_step3 import fids_where, select_parcels

    found = layers.find_layer(editor.MEASURES_KEY)
    overridden = fids_where(found, lambda f: f["measure_code"] == "closure")
    confirmed = fids_where(found, lambda f: f["measure_code"] == "orchard_improvement", count=1)[:1]
    select_parcels(step, overridden)
    step.editor.picker.set_codes(["low_forest_improvement"])
    step.editor.assign()
    select_parcels(step, confirmed)
    step.editor.confirm()
    assert propose(step), step.run_panel.status.text()
    assert "3 confirmed/overridden parcels kept" in step.run_panel.status.text()
    rows = list(layers.find_layer(editor.MEASURES_KEY).getFeatures())
    kept = [(f["measure_code"], f["status"]) for f in rows if f["status"] in ("overridden", "confirmed")]
    assert sorted(kept) == [
        ("low_forest_improvement", "overridden"),
        ("low_forest_improvement", "overridden"),
        ("orchard_improvement", "confirmed"),
    ]
    assert sum(1 for f in rows if f["status"] == "proposed") == len(rows) - 3
