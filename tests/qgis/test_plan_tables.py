"""adapters.plan_tables: an empty plan layer created in one transaction, in a GeoPackage and in PostGIS,
with the layout Processing writes (``fid``, ``geom``, spatial index) and usable by the plan store's edits."""

from __future__ import annotations

import os
import sqlite3
import uuid

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry, QgsPointXY, QgsVectorLayer, QgsWkbTypes

from sbplanner_plugin.adapters.plan_store import PlanStore, PlanStoreError
from sbplanner_plugin.adapters.plan_tables import (
    FieldType,
    GeometryType,
    PlanField,
    create_plan_table,
    text_fields,
)

FIELDS = ("measure_code", "measure_name", "status", "measure_params", "note")
CRS = QgsCoordinateReferenceSystem("EPSG:2415")


@pytest.fixture
def store(tmp_path) -> PlanStore:
    plan = PlanStore(tmp_path / "plan.gpkg")
    plan.ensure()
    return plan


def test_an_empty_works_layer_in_a_geopackage(store):
    assert create_plan_table(store, "works_points", text_fields(FIELDS), GeometryType.POINT, CRS) is True
    assert store.layers() == ["works_points"]
    layer = QgsVectorLayer(store.layer_uri("works_points"), "w", "ogr")
    assert layer.isValid()
    assert layer.fields().names() == ["fid", *FIELDS]
    assert layer.wkbType() == QgsWkbTypes.Type.Point
    assert layer.crs().authid() == "EPSG:2415"
    assert layer.featureCount() == 0
    with sqlite3.connect(store.path) as con:
        assert con.execute("SELECT column_name, geometry_type_name, srs_id FROM gpkg_geometry_columns").fetchall() == [
            ("geom", "POINT", 2415)
        ]
        assert con.execute("SELECT count(*) FROM gpkg_extensions WHERE extension_name = 'gpkg_rtree_index'").fetchone()[
            0
        ]
    # the plan store edits it (insert through the rtree triggers); a second call leaves it as it is
    wkb = bytes(QgsGeometry.fromPointXY(QgsPointXY(39444100, 2841000)).asWkb())
    fid = store.insert_feature("works_points", wkb, {"measure_code": "cistern", "status": "confirmed"})
    assert create_plan_table(store, "works_points", text_fields(FIELDS), GeometryType.POINT, CRS) is False
    (row,) = store.read_features("works_points", [fid])
    assert row["attributes"]["measure_code"] == "cistern"


def test_typed_fields_and_a_line_layer(store):
    fields = [
        PlanField("code", FieldType.TEXT),
        PlanField("count", FieldType.INTEGER),
        PlanField("len_m", FieldType.REAL),
    ]
    assert create_plan_table(store, "works_lines", fields, GeometryType.LINE, CRS)
    layer = QgsVectorLayer(store.layer_uri("works_lines"), "w", "ogr")
    assert [(f.name(), f.typeName().lower()) for f in layer.fields()][1:] == [
        ("code", "string"),
        ("count", "integer64"),
        ("len_m", "real"),
    ]
    assert layer.wkbType() == QgsWkbTypes.Type.LineString


def test_a_failed_creation_leaves_no_table_behind(store, recwarn):
    # a table of that name outside the GeoPackage's contents: GDAL's CREATE TABLE fails inside the transaction
    with sqlite3.connect(store.path) as con:
        con.execute("CREATE TABLE works_points (x TEXT)")
    with pytest.raises(PlanStoreError, match="works_points"):
        create_plan_table(store, "works_points", text_fields(FIELDS), GeometryType.POINT, CRS)
    with sqlite3.connect(store.path) as con:
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
        assert not {n for n in names if "works_points" in n} - {"works_points"}  # no index, no triggers
        assert con.execute("SELECT count(*) FROM gpkg_contents WHERE table_name = 'works_points'").fetchone()[0] == 0
        assert con.execute("PRAGMA table_info(works_points)").fetchall()[0][1] == "x"  # untouched
    assert store.layers() == []
    assert not [w for w in recwarn if "delete_Dataset" in str(w.message)]  # nothing left for the close
    # a definition with a repeated name is refused before GDAL sees it
    with pytest.raises(ValueError, match="bad plan table definition"):
        create_plan_table(store, "works_lines", text_fields(["status", "STATUS"]), GeometryType.LINE, CRS)


def test_a_missing_plan_is_reported(tmp_path):
    with pytest.raises(PlanStoreError, match="cannot be used"):
        create_plan_table(PlanStore(tmp_path / "none.gpkg"), "works_points", [], GeometryType.POINT, CRS)


DSN = os.environ.get("SBPLANNER_TEST_PG", "")


@pytest.mark.skipif(not DSN, reason="SBPLANNER_TEST_PG is not set (no PostgreSQL/PostGIS test server)")
def test_an_empty_works_layer_in_postgis():
    psycopg2 = pytest.importorskip("psycopg2")
    from sbplanner_plugin.adapters.plan_store_postgis import PostgisPlanStore

    plan = PostgisPlanStore(DSN, f"plan_{uuid.uuid4().hex[:10]}")
    try:
        plan.ensure()
        assert create_plan_table(plan, "works_points", text_fields(FIELDS), GeometryType.POINT, CRS)
        assert plan.layers() == ["works_points"]
        assert not create_plan_table(plan, "works_points", text_fields(FIELDS), GeometryType.POINT, CRS)
        layer = QgsVectorLayer(plan.layer_uri("works_points"), "w", "postgres")
        assert layer.isValid(), layer.error().summary()
        assert layer.fields().names() == ["fid", *FIELDS]
        assert layer.crs().authid() == "EPSG:2415"
        wkb = bytes(QgsGeometry.fromPointXY(QgsPointXY(39444100, 2841000)).asWkb())
        fid = plan.insert_feature("works_points", wkb, {"measure_code": "cistern", "status": "confirmed"})
        assert fid == 1
        with psycopg2.connect(DSN) as con, con.cursor() as cur:  # a clash inside the transaction
            cur.execute(f'CREATE INDEX "works_lines_geom_geom_idx" ON "{plan.schema}".works_points (fid)')
        con.close()
        with pytest.raises(PlanStoreError):  # failed: nothing left behind
            create_plan_table(plan, "works_lines", text_fields(FIELDS), GeometryType.LINE, CRS)
        assert plan.layers() == ["works_points"]
    finally:
        with psycopg2.connect(DSN) as con, con.cursor() as cur:
            cur.execute(f'DROP SCHEMA IF EXISTS "{plan.schema}" CASCADE')
        con.close()
