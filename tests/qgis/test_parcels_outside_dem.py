"""Parcels off the DEM (issue 13): all off → a clear error and nothing written; some off → a warning with
the count, and they never count as non-eroded land in the 水土保持率."""

from __future__ import annotations

import processing
import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsProcessingException, QgsVectorLayer

from sbplanner_plugin.adapters.plan_store import PlanStore
from tests.qgis.feedback import Log

SHIFT_M = 1_000_000.0  # far away from the Youwuzhen DEM


def parcels(demo_dir, on: int, off: int) -> QgsVectorLayer:
    """The first ``on`` demo parcels as they are and the next ``off`` ones moved off the DEM."""
    src = QgsVectorLayer(str(demo_dir / "parcels_gbt21010.gpkg"), "p", "ogr")
    mem = QgsVectorLayer(f"Polygon?crs={src.crs().authid()}&field=DLBM:string", "mixed", "memory")
    feats = []
    for i, f in enumerate(list(src.getFeatures())[: on + off]):
        g = QgsGeometry(f.geometry())
        if i >= on:
            g.translate(SHIFT_M, 0.0)
        nf = QgsFeature(mem.fields())
        nf.setAttributes([f["DLBM"]])
        nf.setGeometry(g)
        feats.append(nf)
    mem.dataProvider().addFeatures(feats)
    return mem


def analyse(demo_dir, layer, out: str, feedback=None) -> dict:
    params = {
        "PARCELS": layer,
        "DEM": str(demo_dir / "ywzdem10m.tif"),
        "R_FACTOR": 7000,
        "K_FACTOR": 0.005,
        "EROSION_REGION": 0,
        "SLOPE_SYSTEM": 1,
        "OUTPUT_PARCELS": out,
    }
    return processing.run("sbplanner:analyse_parcels", params, feedback=feedback)


def indicators(tmp_path, name: str, parcels_uri: str) -> dict:
    plan = PlanStore(tmp_path / f"{name}.gpkg")
    processing.run("sbplanner:summarise_watersheds", {"PARCELS": parcels_uri, "PLAN": str(plan.path)})
    layer = QgsVectorLayer(plan.layer_uri("ws_indicators"), "i", "ogr")
    rows = [dict(zip(layer.fields().names(), f.attributes())) for f in layer.getFeatures()]
    return next(r for r in rows if r["ws_code"] == "ALL")


def test_all_parcels_off_the_dem_is_a_clear_error_and_the_old_output_is_intact(tmp_path, demo_dir) -> None:
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    analyse(demo_dir, parcels(demo_dir, 5, 0), store.destination("parcels"))
    before = QgsVectorLayer(store.layer_uri("parcels"), "b", "ogr").featureCount()
    with pytest.raises(QgsProcessingException, match="All 12 parcels lie wholly outside the DEM") as info:
        analyse(demo_dir, parcels(demo_dir, 0, 12), store.destination("parcels"))
    assert "Traceback" not in str(info.value)
    del info  # its traceback holds the run's QGIS objects: freed after QGIS exits, they crash the interpreter
    after = QgsVectorLayer(store.layer_uri("parcels"), "a", "ogr")
    assert after.isValid() and after.featureCount() == before == 5
    fresh = tmp_path / "new.gpkg"
    with pytest.raises(QgsProcessingException, match="wholly outside the DEM"):
        analyse(demo_dir, parcels(demo_dir, 0, 3), str(fresh))
    assert not fresh.exists()
    assert not [p for p in tmp_path.iterdir() if p.name not in ("plan.gpkg",)]


def test_some_parcels_off_the_dem_warn_and_stay_out_of_the_rate(tmp_path, demo_dir) -> None:
    log = Log(warning_prefix="WARNING ")
    mixed = str(tmp_path / "mixed.gpkg")
    result = analyse(demo_dir, parcels(demo_dir, 40, 15), mixed, feedback=log)
    assert result["PARCELS_OUTSIDE_DEM"] == 15
    assert "15 parcels lie wholly outside the DEM: they get no numbers." in log.text()
    only_on = str(tmp_path / "on.gpkg")
    assert analyse(demo_dir, parcels(demo_dir, 40, 0), only_on)["PARCELS_OUTSIDE_DEM"] == 0
    got, ref = indicators(tmp_path, "plan_mixed", mixed), indicators(tmp_path, "plan_on", only_on)
    # the off-DEM land is land of the unit but not assessed land: the rate is that of the parcels on the DEM
    assert got["land_area_km2"] > ref["land_area_km2"]
    assert got["assessed_area_km2"] == pytest.approx(ref["assessed_area_km2"])
    assert got["swc_rate_pct"] == pytest.approx(ref["swc_rate_pct"])
    assert got["swc_rate_pct"] < 100.0
