"""suggest_gully_works in real QGIS on Youwuzhen: step-1 streams, analysed parcels, bad inputs."""

from __future__ import annotations

import numpy as np
import processing
import pytest
from osgeo import gdal, osr
from qgis.core import QgsProcessingException, QgsVectorLayer

from sbplanner_plugin.adapters.plan_store import PlanStore
from tests.qgis.conftest import copy_plan
from tests.qgis.feedback import Log
from tests.qgis.test_processing_parcels import rows

CELL_M = 10.0


@pytest.fixture(scope="module")
def plan(tmp_path_factory, youwuzhen_plan) -> PlanStore:
    """Step 1 (delineate) and step 2 (analyse parcels) on Youwuzhen, in a private copy of the plan."""
    return copy_plan(youwuzhen_plan, tmp_path_factory.mktemp("gully"))


def suggest(store: PlanStore, demo_dir, feedback=None, **extra) -> dict:
    params = {
        "DEM": str(demo_dir / "ywzdem10m.tif"),
        "STREAMS": store.layer_uri("streams"),
        "PARCELS": store.layer_uri("parcels"),
        "OUTPUT_CHECK_DAMS": store.destination("check_dams"),
        "OUTPUT_GULLY_HEADS": store.destination("gully_heads"),
        "OUTPUT_INTERCEPT_DITCHES": store.destination("intercept_ditches"),
        "OUTPUT_SEDIMENT_BASINS": store.destination("sediment_basins"),
    }
    params.update(extra)
    return processing.run("sbplanner:suggest_gully_works", params, feedback=feedback)


def test_check_dams_on_youwuzhen_follow_the_top_to_bottom_rule(plan, demo_dir) -> None:
    log = Log()
    suggest(plan, demo_dir, log, DAM_HEIGHT_M=2.0, STABLE_GRADIENT_RATIO=0.5, MIN_GRADIENT_PCT=5.0, MAX_STRAHLER=2)
    dams = rows(plan.layer_uri("check_dams"))
    streams = rows(plan.layer_uri("streams"))
    assert max(s["strahler"] for s in streams) >= 3  # the network has higher orders to leave out
    assert len(dams) >= 10
    by_reach: dict[int, list[dict]] = {}
    for d in dams:
        assert d["strahler"] in (1, 2)
        assert d["status"] == "proposed" and d["measure_code"] == "check_dam" and d["ws_code"] == "WS001"
        i, i_s = d["channel_gradient_pct"] / 100, d["stable_gradient_pct"] / 100
        assert i >= 0.05
        assert i_s == pytest.approx(max(0.5 * i, 0.005))
        assert d["dam_height_m"] == 2.0 and d["dam_type"] == "earth"
        assert d["spacing_m"] == pytest.approx(2.0 / (i - i_s))
        assert d["chainage_m"] / d["spacing_m"] == pytest.approx(round(d["chainage_m"] / d["spacing_m"]), abs=1e-6)
        # on a stream line of order ≤ 2 (points interpolate between the D8 cell centres of the lines)
        near = [s for s in streams if s["_geom"].distance(d["_geom"]) < 0.01]
        assert near and min(s["strahler"] for s in near) <= 2
        by_reach.setdefault(d["reach_id"], []).append(d)
    for reach in by_reach.values():  # sites every L metres from chainage 0 (some screened out by land use)
        steps = np.array(sorted(d["chainage_m"] for d in reach)) / reach[0]["spacing_m"]
        assert steps == pytest.approx(np.round(steps), abs=1e-6)
    assert "with check dams" in log.text()
    # Youwuzhen's valleys are paddies and villages: sites there are screened out, and said so
    parcels = rows(plan.layer_uri("parcels"))
    for d in dams:
        under = [p for p in parcels if p["_geom"].contains(d["_geom"])]
        assert all(p["landuse_code"] not in ("0101", "0702", "1104") for p in under)
    assert "screened out by the land use at the dam" in log.text()
    # without parcels every reach starts with a dam at chainage 0: n = floor(length / L) + 1
    suggest(plan, demo_dir, PARCELS=None, DAM_HEIGHT_M=2.0, STABLE_GRADIENT_RATIO=0.5, MIN_GRADIENT_PCT=5.0)
    unscreened = rows(plan.layer_uri("check_dams"))
    assert len(unscreened) > len(dams)
    assert {d["reach_id"] for d in unscreened if d["chainage_m"] == 0.0} == {d["reach_id"] for d in unscreened}
    # a taller dam spaces them farther apart: fewer dams
    suggest(plan, demo_dir, DAM_HEIGHT_M=4.0, STABLE_GRADIENT_RATIO=0.5, MIN_GRADIENT_PCT=5.0)
    taller = rows(plan.layer_uri("check_dams"))
    assert len(taller) < len(dams)
    assert all(d["dam_type"] is None or str(d["dam_type"]) == "NULL" for d in taller)  # no table type is 4 m high
    # a threshold above every reach's gradient: no dam at all
    suggest(plan, demo_dir, MIN_GRADIENT_PCT=60.0)
    assert rows(plan.layer_uri("check_dams")) == []


def test_gully_heads_only_in_cropland(plan, demo_dir, tmp_path, monkeypatch, repo_root) -> None:
    parcels = {p["parcel_id"]: p for p in rows(plan.layer_uri("parcels"))}
    # bundled defaults: Youwuzhen's cropland is all paddy (0101), which 沟头防护 leaves out
    suggest(plan, demo_dir)
    assert rows(plan.layer_uri("gully_heads")) == []
    # an edited parameter table that counts paddies as cropland too
    table = (repo_root / "resources" / "params" / "gully_works.csv").read_text(encoding="utf-8")
    (tmp_path / "gully_works.csv").write_text(
        table.replace("head_landuse_exclude,0101,", "head_landuse_exclude,,"), encoding="utf-8"
    )
    monkeypatch.setenv("SBPLANNER_PARAMS_DIR", str(tmp_path))
    log = Log()
    suggest(plan, demo_dir, log)
    heads = rows(plan.layer_uri("gully_heads"))
    assert heads, log.text()
    streams = rows(plan.layer_uri("streams"))
    first_order_starts = [s["_geom"].asPolyline()[0] for s in streams if s["strahler"] == 1]
    for h in heads:
        parcel = parcels[h["parcel_id"]]
        assert parcel["landuse_group"] == "01" and h["landuse_code"] == parcel["landuse_code"]
        # at the head cell or one cell upslope of it
        assert parcel["_geom"].distance(h["_geom"]) <= CELL_M * 2**0.5 + 1e-6
        pt = h["_geom"].asPoint()
        assert min(pt.distance(s) for s in first_order_starts) < 0.01  # the top of a 1st-order stream line
        assert h["design_storage_m3"] == pytest.approx(10 * 0.5 * 100.0 * h["catchment_hm2"])
        assert h["catchment_hm2"] == pytest.approx(100 * h["uparea_km2"])
        assert h["uparea_km2"] >= 0.1 - 1e-9  # a channel head drains at least the stream threshold
        assert h["protection_type"] == "排水型"  # 南方红壤丘陵区
    n_first_order = len(first_order_starts)
    assert f"{n_first_order} channel heads, {len(heads)} of them cut into cropland" in log.text()


def with_measures(store: PlanStore, out: str) -> str:
    """The analysed parcels with a stand-in for assign_measures: orchards terraced (园地梯化, engineering)."""
    code = "CASE WHEN landuse_group = '02' THEN 'terrace_level_earth' ELSE NULL END"
    cat = "CASE WHEN landuse_group = '02' THEN 'engineering' ELSE NULL END"
    r1 = processing.run(
        "native:fieldcalculator",
        {"INPUT": store.layer_uri("parcels"), "FIELD_NAME": "measure_code", "FIELD_TYPE": 2, "FORMULA": code,
         "OUTPUT": "memory:"},
    )  # fmt: skip
    r2 = processing.run(
        "native:fieldcalculator",
        {"INPUT": r1["OUTPUT"], "FIELD_NAME": "measure_category", "FIELD_TYPE": 2, "FORMULA": cat, "OUTPUT": out},
    )
    return r2["OUTPUT"]


def test_intercept_ditches_above_terraces_with_outlets(plan, demo_dir, tmp_path, monkeypatch, repo_root) -> None:
    log = Log()
    suggest(plan, demo_dir, log)  # parcels without measure_code: skipped with a message, not an error
    assert rows(plan.layer_uri("intercept_ditches")) == []
    assert "no measure_code field" in log.text()
    parcels_m = with_measures(plan, str(tmp_path / "parcels_measures.gpkg"))
    table = (repo_root / "resources" / "params" / "gully_works.csv").read_text(encoding="utf-8")
    (tmp_path / "params").mkdir()
    (tmp_path / "params" / "gully_works.csv").write_text(
        table.replace("ditch_source_wasteland,0404;", "ditch_source_wasteland,03;0404;"), encoding="utf-8"
    )  # Youwuzhen has no dry cropland: count its untreated forest as a runoff source for the test
    monkeypatch.setenv("SBPLANNER_PARAMS_DIR", str(tmp_path / "params"))
    parcels = {p["parcel_id"]: p for p in rows(plan.layer_uri("parcels"))}
    for region, expected_type in ((0, "排水型"), (2, "蓄水型")):
        suggest(plan, demo_dir, PARCELS=parcels_m, REGION=region)
        lines = rows(plan.layer_uri("intercept_ditches"))
        ditches = [d for d in lines if d["measure_code"] == "intercept_ditch"]
        drains = {d["ditch_id"]: d for d in lines if d["measure_code"] == "drain_ditch"}
        basins = {b["ditch_id"]: b for b in rows(plan.layer_uri("sediment_basins"))}
        assert ditches and len(drains) + len(ditches) == len(lines)
        assert sorted(basins) == sorted(d["ditch_id"] for d in ditches)  # a 沉沙池 for every ditch
        for d in ditches:
            below, above = parcels[d["parcel_id"]], parcels[d["upslope_parcel_id"]]
            assert below["landuse_group"] == "02"  # the terraced orchards
            assert above["landuse_group"] == "03" and above["slope_mean_deg"] > 2.0
            assert d["upslope_landuse"] == above["landuse_code"]
            basin = basins[d["ditch_id"]]
            assert basin["measure_code"] == "silt_basin" and basin["outlet_type"] == d["outlet_type"]
            if d["outlet_type"] == "channel" and d["ditch_id"] in drains:
                drain = drains[d["ditch_id"]]
                assert drain["length_m"] == pytest.approx(drain["_geom"].length()) and drain["length_m"] > 0
                assert basin["_geom"].distance(drain["_geom"]) < 0.01  # at the drain's lower end
            else:
                assert basin["_geom"].distance(d["_geom"]) < 0.01  # at the ditch's own end
            assert d["upslope_slope_deg"] == pytest.approx(above["slope_mean_deg"])
            assert d["ditch_type"] == expected_type
            # along the lower parcel's edge, next to the upper one
            assert d["length_m"] == pytest.approx(d["_geom"].length()) and d["length_m"] > 0
            assert below["_geom"].buffer(0.01, 4).contains(d["_geom"])
            assert above["_geom"].distance(d["_geom"]) < 0.6
            assert d["design_runoff_m3"] == pytest.approx(10 * 0.4 * 100.0 * d["catchment_hm2"])


def test_streams_in_another_crs_are_transformed(plan, demo_dir, tmp_path) -> None:
    suggest(plan, demo_dir)
    native = sorted((round(d["chainage_m"], 3), d["reach_id"]) for d in rows(plan.layer_uri("check_dams")))
    moved = processing.run(
        "native:reprojectlayer",
        {"INPUT": plan.layer_uri("streams"), "TARGET_CRS": "EPSG:4490", "OUTPUT": str(tmp_path / "streams_4490.gpkg")},
    )["OUTPUT"]
    assert QgsVectorLayer(moved, "s", "ogr").crs().authid() == "EPSG:4490"
    suggest(plan, demo_dir, STREAMS=moved)
    again = sorted((round(d["chainage_m"], 3), d["reach_id"]) for d in rows(plan.layer_uri("check_dams")))
    assert native and again == native


def test_channels_from_the_dem_without_streams(plan, demo_dir) -> None:
    log = Log()
    suggest(plan, demo_dir, log, STREAMS=None, PARCELS=None, STREAM_THRESHOLD_KM2=0.1)
    dams = rows(plan.layer_uri("check_dams"))
    assert dams and all(d["strahler"] <= 2 for d in dams)
    assert "Channels derived from the DEM" in log.text()
    assert "No parcels given" in log.text() and rows(plan.layer_uri("gully_heads")) == []


def small_plane_dem(path, rows_: int = 20, cols: int = 20) -> str:
    drv = gdal.GetDriverByName("GTiff")
    ds = drv.Create(str(path), cols, rows_, 1, gdal.GDT_Float32)
    ds.SetGeoTransform((500000.0, CELL_M, 0, 3000000.0, 0, -CELL_M))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4547)
    ds.SetProjection(srs.ExportToWkt())
    r = np.mgrid[0:rows_, 0:cols][0]
    ds.GetRasterBand(1).WriteArray((100.0 + 2.0 * (rows_ - r)).astype(np.float32))
    ds = None
    return str(path)


def test_no_channel_in_the_dem_is_a_clear_message(tmp_path) -> None:
    dem = small_plane_dem(tmp_path / "plane.tif")  # 400 cells = 0.04 km² < 0.1 km²
    store = PlanStore(tmp_path / "p.gpkg")
    store.ensure()
    with pytest.raises(QgsProcessingException, match=r"No channel on the DEM: no cell drains 0\.1 km²"):
        processing.run(
            "sbplanner:suggest_gully_works",
            {
                "DEM": dem,
                "OUTPUT_CHECK_DAMS": store.destination("check_dams"),
                "OUTPUT_GULLY_HEADS": store.destination("gully_heads"),
                "OUTPUT_INTERCEPT_DITCHES": store.destination("intercept_ditches"),
            },
        )


def test_streams_of_another_place_are_a_clear_message(plan, demo_dir, tmp_path) -> None:
    dem = small_plane_dem(tmp_path / "plane.tif")
    with pytest.raises(QgsProcessingException, match="stream lines follows a flow path"):
        suggest(plan, demo_dir, DEM=dem)


def test_polygons_given_as_streams_are_a_clear_message(plan, demo_dir) -> None:
    with pytest.raises(QgsProcessingException, match="holds polygons; lines are needed here"):
        suggest(plan, demo_dir, STREAMS=plan.layer_uri("parcels"))
    with pytest.raises(QgsProcessingException, match="holds lines; polygons are needed here"):
        suggest(plan, demo_dir, PARCELS=plan.layer_uri("streams"))


def test_deposit_material_and_surveyed_heads(plan, demo_dir, tmp_path) -> None:
    log = Log()
    suggest(plan, demo_dir, log, PARCELS=None)  # default material: coarse sand with gravel, i′ = 2 %
    gravel = rows(plan.layer_uri("check_dams"))
    assert gravel and {d["deposit_material"] for d in gravel} == {"gravel"}
    assert {round(d["stable_gradient_pct"], 9) for d in gravel} == {2.0}
    assert all(d["spacing_m"] == pytest.approx(2.0 / (d["channel_gradient_pct"] / 100 - 0.02)) for d in gravel)
    assert "Deposit gradient: 粗砂(含石砾)" in log.text()
    sand_index = 3  # gully_deposit_gradient.csv: gravel, clay, clay_loam, sand, half_of_bed
    suggest(plan, demo_dir, PARCELS=None, DEPOSIT_MATERIAL=sand_index)
    sand = rows(plan.layer_uri("check_dams"))
    assert {d["deposit_material"] for d in sand} == {"sand"} and len(sand) > len(gravel)  # i′ 0.5 %: closer
    # surveyed heads: the two upstream ends of the first two 1st-order stream lines, as points
    streams = [s for s in rows(plan.layer_uri("streams")) if s["strahler"] == 1][:2]
    points = QgsVectorLayer(f"Point?crs={QgsVectorLayer(plan.layer_uri('streams'), 's', 'ogr').crs().authid()}",
                            "heads", "memory")  # fmt: skip
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY

    feats = []
    for s in streams:
        f = QgsFeature()
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(s["_geom"].asPolyline()[0])))
        feats.append(f)
    points.dataProvider().addFeatures(feats)
    log = Log()
    suggest(plan, demo_dir, log, SURVEYED_HEADS=points)
    heads = rows(plan.layer_uri("gully_heads"))
    assert len(heads) == 2 and {h["sited_from"] for h in heads} == {"survey"}  # paddy or not: surveyed
    assert "2 surveyed gully heads get gully-head protection" in log.text()


def test_works_styles_load_and_show_drains_apart(qgis_app) -> None:
    from sbplanner_plugin.adapters.styles import style_path

    ditches = QgsVectorLayer(
        "MultiLineString?crs=EPSG:4547&field=measure_code:string&field=ditch_type:string", "d", "memory"
    )
    message, ok = ditches.loadNamedStyle(str(style_path("intercept_ditches")))
    assert ok, message
    renderer = ditches.renderer()
    assert "drain_ditch" in renderer.classAttribute()
    assert {c.value() for c in renderer.categories()} == {"排水型", "蓄水型", "", "drain"}
    basins = QgsVectorLayer("Point?crs=EPSG:4547&field=design_runoff_m3:double", "b", "memory")
    message, ok = basins.loadNamedStyle(str(style_path("sediment_basins")))
    assert ok, message


def test_dock_step3_passes_material_and_surveyed_layers(qgis_iface, youwuzhen_plan, tmp_path, demo_dir) -> None:
    import shutil

    from qgis.core import QgsProject

    from sbplanner_plugin import settings
    from sbplanner_plugin.gui import measure_editor as editor
    from sbplanner_plugin.gui.dock import SbPlannerDock

    path = tmp_path / "plan.gpkg"
    shutil.copy(youwuzhen_plan, path)
    QgsProject.instance().clear()
    editor.clear_sessions()
    streams = QgsVectorLayer(f"{path}|layername=streams", "surveyed", "ogr")
    QgsProject.instance().addMapLayer(streams)
    dock = SbPlannerDock(qgis_iface)
    dock.plan_widget.setFilePath(str(path))
    assert dock.plan_store() is not None
    settings.LAST_DEM_SOURCE.set_value(str(demo_dir / "ywzdem10m.tif"))
    try:
        (step,) = [s for s in dock.steps if s.key == "measures"]
        # the materials in the UI language (English here)
        assert step.material_combo.count() == 5
        assert step.material_combo.currentText().startswith("coarse sand with gravel")
        assert step.surveyed_gullies_combo.currentLayer() is None  # optional: empty by default
        params = step.gully_parameters()
        assert params["DEPOSIT_MATERIAL"] == 0 and "SURVEYED_GULLIES" not in params
        assert params["OUTPUT_SEDIMENT_BASINS"]
        step.material_combo.setCurrentIndex(3)
        step.surveyed_gullies_combo.setLayer(streams)
        params = step.gully_parameters()
        assert params["DEPOSIT_MATERIAL"] == 3 and params["SURVEYED_GULLIES"]
    finally:
        settings.LAST_DEM_SOURCE.remove()
        dock.cleanup()
        dock.deleteLater()
        QgsProject.instance().clear()
        editor.clear_sessions()
