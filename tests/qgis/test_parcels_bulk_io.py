"""analyse_parcels' bulk paths (OGR Arrow read, GeoPackage bulk write) give what the QGIS paths give."""

from __future__ import annotations

import sqlite3

import processing
import pytest
from osgeo import ogr
from qgis.core import (
    QgsFeatureRequest,
    QgsProcessingFeatureSourceDefinition,
    QgsProject,
    QgsVectorLayer,
)

import sbplanner_plugin.adapters.features as features_io
import sbplanner_plugin.processing.algorithms.analyse_parcels as ap
from sbplanner_plugin.adapters.plan_store import PlanStore
from tests.qgis.feedback import Log


@pytest.fixture
def spy(monkeypatch):
    """Counts calls of the bulk reader (adapters.features) and writer (inside analyse_parcels)."""
    calls = {"read_layer": 0, "fill_gpkg_table": 0}
    for module, name in ((features_io, "read_layer"), (ap, "fill_gpkg_table")):
        real = getattr(module, name)

        def counted(*args, _real=real, _name=name, **kwargs):
            calls[_name] += 1
            return _real(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)
    return calls


def qgis_paths_only(monkeypatch) -> None:
    monkeypatch.setattr(features_io, "_file_layer", lambda *a, **k: None)
    monkeypatch.setattr(ap, "bulk_gpkg_table", lambda *a, **k: None)


def analyse(demo_dir, parcels, out, feedback=None) -> dict:
    return processing.run(
        "sbplanner:analyse_parcels",
        {
            "PARCELS": parcels,
            "DEM": str(demo_dir / "ywzdem10m.tif"),
            "R_FACTOR": 7000,
            "K_FACTOR": 0.005,
            "COVER_FIELD": "FVC",
            "CANOPY_FIELD": "YBD",
            "EROSION_REGION": 0,
            "SLOPE_SYSTEM": 1,
            "OUTPUT_PARCELS": out,
        },
        feedback=feedback,
    )


def features(uri: str) -> list[tuple]:
    layer = QgsVectorLayer(uri, "t", "ogr")
    assert layer.isValid(), uri
    names = layer.fields().names()
    return [
        (f.id(), bytes(f.geometry().asWkb()), dict(zip(names, f.attributes())))
        for f in layer.getFeatures(QgsFeatureRequest())
    ]


def assert_same_layers(a: str, b: str) -> None:
    fa, fb = features(a), features(b)
    assert len(fa) == len(fb) > 0
    for (ida, wa, va), (idb, wb, vb) in zip(fa, fb):
        assert ida == idb
        assert wa == wb
        assert va.keys() == vb.keys()
        for key in va:
            if isinstance(va[key], float) and isinstance(vb[key], float):
                assert va[key] == pytest.approx(vb[key], rel=1e-12, abs=1e-12), key
            else:
                assert va[key] == vb[key], key
    la, lb = QgsVectorLayer(a, "a", "ogr"), QgsVectorLayer(b, "b", "ogr")
    assert [(f.name(), f.typeName()) for f in la.fields()] == [(f.name(), f.typeName()) for f in lb.fields()]
    assert la.wkbType() == lb.wkbType()
    assert la.extent() == lb.extent()


def rtree_ok(path: str) -> None:
    con = sqlite3.connect(path)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE name LIKE 'rtree_%_node'")]
        assert names
        for node in names:
            assert con.execute(f"SELECT rtreecheck('{node[: -len('_node')]}')").fetchone()[0] == "ok"
    finally:
        con.close()


def test_bulk_read_and_write_give_the_layer_the_qgis_paths_give(tmp_path, demo_dir, spy, monkeypatch) -> None:
    parcels = str(demo_dir / "parcels_gbt21010.gpkg")
    fast, slow = str(tmp_path / "fast.gpkg"), str(tmp_path / "slow.gpkg")
    analyse(demo_dir, parcels, fast)
    assert spy == {"read_layer": 1, "fill_gpkg_table": 1}
    rtree_ok(fast)
    qgis_paths_only(monkeypatch)
    analyse(demo_dir, parcels, slow)
    assert spy == {"read_layer": 1, "fill_gpkg_table": 1}
    assert_same_layers(fast, slow)
    assert len(features(fast)) == 584


def test_into_the_plan_store_twice(tmp_path, demo_dir, spy) -> None:
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    parcels = str(demo_dir / "parcels_gbt21010.gpkg")
    analyse(demo_dir, parcels, store.destination("watersheds"))  # another layer in the same file
    analyse(demo_dir, parcels, store.destination("parcels"))
    analyse(demo_dir, parcels, store.destination("parcels"))  # a re-run replaces it
    assert spy["fill_gpkg_table"] == 3
    assert QgsVectorLayer(store.layer_uri("watersheds"), "w", "ogr").featureCount() == 584
    layer = QgsVectorLayer(store.layer_uri("parcels"), "p", "ogr")
    assert layer.featureCount() == 584
    rtree_ok(str(store.path))
    # QGIS edits the filled layer afterwards: its triggers keep the index
    assert layer.startEditing()
    feat = next(layer.getFeatures())
    assert layer.changeAttributeValue(feat.id(), layer.fields().indexOf("erosion_class"), "轻度")
    geom = feat.geometry()
    geom.translate(5.0, 0.0)
    assert layer.changeGeometry(feat.id(), geom)
    assert layer.commitChanges()
    rtree_ok(str(store.path))
    moved = QgsVectorLayer(store.layer_uri("parcels"), "p", "ogr")
    hits = [f.id() for f in moved.getFeatures(QgsFeatureRequest(geom.boundingBox()))]
    assert feat.id() in hits


def test_memory_output_and_selected_parcels_go_through_qgis(tmp_path, demo_dir, spy) -> None:
    layer = QgsVectorLayer(str(demo_dir / "parcels_gbt21010.gpkg"), "p", "ogr")
    layer.selectByIds([1, 2, 3, 50])
    QgsProject.instance().addMapLayer(layer)
    try:
        selected = QgsProcessingFeatureSourceDefinition(layer.id(), selectedFeaturesOnly=True)
        result = analyse(demo_dir, selected, "TEMPORARY_OUTPUT")
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
    assert spy == {"read_layer": 0, "fill_gpkg_table": 0}
    out = result["OUTPUT_PARCELS"]
    out = out if isinstance(out, QgsVectorLayer) else QgsVectorLayer(out, "o", "ogr")
    got = sorted((f["parcel_id"], f["DLBM"]) for f in out.getFeatures())
    src = {f.id(): f["DLBM"] for f in QgsVectorLayer(str(demo_dir / "parcels_gbt21010.gpkg"), "s", "ogr").getFeatures()}
    assert got == [(i, src[i]) for i in (1, 2, 3, 50)]


def test_invalid_geometries_and_typed_fields_of_a_file(tmp_path, demo_dir, spy, monkeypatch) -> None:
    """A file with a bow tie, an empty geometry, a date and a boolean field: both paths agree."""
    from osgeo import gdal

    path = str(tmp_path / "parcels.gpkg")
    gdal.VectorTranslate(path, str(demo_dir / "parcels_gbt21010.gpkg"), layerName="parcels", limit=40)
    ds = ogr.Open(path, 1)
    lyr = ds.GetLayer(0)
    lyr.CreateField(ogr.FieldDefn("surveyed", ogr.OFTDate))
    flag = ogr.FieldDefn("checked", ogr.OFTInteger)
    flag.SetSubType(ogr.OFSTBoolean)
    lyr.CreateField(flag)
    for i, f in enumerate(list(lyr)):
        if i % 3:
            f.SetField("surveyed", 2024, 5, 1 + i % 28, 0, 0, 0, 0)
            f["checked"] = i % 2
        if i == 5:  # bow tie
            x0, _, y0, _ = f.GetGeometryRef().GetEnvelope()
            x1, y1 = x0 + 60, y0 + 60
            f.SetGeometry(ogr.CreateGeometryFromWkt(f"POLYGON(({x0} {y0},{x1} {y1},{x1} {y0},{x0} {y1},{x0} {y0}))"))
        if i == 7:
            f.SetGeometryDirectly(ogr.Geometry(ogr.wkbPolygon))  # empty
        lyr.SetFeature(f)
    ds = None
    fast, slow = str(tmp_path / "fast.gpkg"), str(tmp_path / "slow.gpkg")
    log_fast, log_slow = Log(), Log()
    analyse(demo_dir, path, fast, feedback=log_fast)
    assert spy == {"read_layer": 1, "fill_gpkg_table": 1}
    qgis_paths_only(monkeypatch)
    analyse(demo_dir, path, slow, feedback=log_slow)
    assert_same_layers(fast, slow)
    for log in (log_fast, log_slow):
        assert "1 invalid parcel geometries were repaired." in log.lines
        assert "1 parcels without a geometry were skipped." in log.lines
    rows = [v for _, _, v in features(fast)]
    assert len(rows) == 39
    assert [r["checked"] for r in rows[:4]] == [None, True, False, None]
    assert str(rows[1]["surveyed"].toString("yyyy-MM-dd")) == "2024-05-02"
