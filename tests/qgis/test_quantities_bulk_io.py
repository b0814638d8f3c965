"""Step 4's bulk paths give what the QGIS paths give: ``terrace_quantities`` and ``measure_quantities`` read a
GeoPackage of step-3 parcels column-wise and fill their GeoPackage outputs (parcels and items) in one SQLite
transaction; with both bulk paths switched off (QGIS features in, QGIS feature sinks out) every output is the
same, value for value, field types and geometries included."""

from __future__ import annotations

import math
import sqlite3

import numpy as np
import processing
import pytest
from osgeo import gdal, ogr, osr
from qgis.core import NULL, QgsVectorLayer

import sbplanner_plugin.adapters.features as features_io
import sbplanner_plugin.processing.algorithms.measure_quantities as mq
import sbplanner_plugin.processing.algorithms.terrace_quantities as tq
from sbplanner_plugin.adapters.plan_store import PlanStore

X0, Y0, CELL, N = 500_000.0, 2_800_000.0, 10.0, 80  # an 800 m square DEM
#: (measure_code, measure_codes, measure_params) of the 5 × 5 parcels, row by row
LAYOUT = [
    ("terrace_level_earth", "terrace_level_earth", ""),
    ("terrace_level_stone", "terrace_level_stone", "bench_width_m=8"),
    ("terrace_slope", "terrace_slope", ""),
    ("terrace_interval", "terrace_interval", ""),
    ("terrace_level_earth", "terrace_level_earth;hedgerow", "riser_height_max_m=1.2"),
    ("closure", "closure", ""),  # three adjacent 封育 parcels: one shared fence
    ("closure", "closure", ""),
    ("closure", "closure", ""),
    ("forest_arbor", "forest_arbor;fish_scale_pit", ""),
    ("level_bench", "level_bench", ""),
    ("grass", "grass", "seed_kg_per_ha=45"),
    ("", "", ""),  # no measure
    ("contour_tillage", "contour_tillage", None),
    ("economic_forest", "economic_forest;planting_pit", ""),
    ("retire_to_forest_grass", "retire_to_forest_grass;fish_scale_pit", ""),
    ("orchard_improvement", "orchard_improvement", ""),
    ("forest_shrub", "forest_shrub;level_trench", ""),
    ("terrace_level_earth", "terrace_level_earth", "bench_width_m=4"),
    ("eco_forest_grass", "eco_forest_grass;bamboo_trench", ""),
    ("terrace_level_stone", "terrace_level_stone", ""),
    ("no_till", "no_till", ""),
    ("terrace_slope", "terrace_slope;hedgerow", ""),
    ("low_forest_improvement", "low_forest_improvement", ""),
    ("forest_mixed", "forest_mixed", ""),
    ("terrace_level_earth", "terrace_level_earth", ""),
]


@pytest.fixture
def inputs(tmp_path) -> tuple[str, str]:
    """A DEM of varying slope (a tilted plane with a ripple: ~8–24°) and 25 step-3 parcels of 1 hm²."""
    dem = str(tmp_path / "dem.tif")
    r = np.arange(N, dtype=np.float64)[:, None]
    c = np.arange(N, dtype=np.float64)[None, :]
    z = 500.0 + (N - r) * CELL * 0.3 + 40.0 * np.sin(c / 9.0) * np.cos(r / 13.0)
    ds = gdal.GetDriverByName("GTiff").Create(dem, N, N, 1, gdal.GDT_Float32)
    ds.SetGeoTransform((X0, CELL, 0.0, Y0, 0.0, -CELL))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32650)
    ds.SetProjection(srs.ExportToWkt())
    ds.GetRasterBand(1).WriteArray(z)
    ds = None
    path = str(tmp_path / "parcels_measures.gpkg")
    out = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    lyr = out.CreateLayer("parcels_measures", srs, ogr.wkbMultiPolygon, options=["FID=fid", "GEOMETRY_NAME=geom"])
    for name, kind in (("parcel_id", ogr.OFTInteger), ("DLBM", ogr.OFTString), ("FVC", ogr.OFTReal),
                       ("surveyed", ogr.OFTDate), ("slope_mean_deg", ogr.OFTReal), ("ws_code", ogr.OFTString),
                       ("village", ogr.OFTString), ("year", ogr.OFTInteger), ("measure_code", ogr.OFTString),
                       ("measure_codes", ogr.OFTString), ("measure_params", ogr.OFTString)):  # fmt: skip
        lyr.CreateField(ogr.FieldDefn(name, kind))
    for k, (code, codes, params) in enumerate(LAYOUT):
        x, y = X0 + 150 + (k % 5) * 100, Y0 - 150 - (k // 5) * 100 - 100
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetGeometry(ogr.CreateGeometryFromWkt(
            f"MULTIPOLYGON((({x} {y},{x + 100} {y},{x + 100} {y + 100},{x} {y + 100},{x} {y})))"
        ))  # fmt: skip
        f["parcel_id"] = 101 + k
        f["DLBM"] = "0103"
        if k % 4:
            f["FVC"] = 0.1 * (k % 9)
            f.SetField("surveyed", 2024, 5, 1 + k, 0, 0, 0, 0)
        f["slope_mean_deg"] = 8.0 + k * 0.6
        f["ws_code"] = "W1" if k < 12 else "W2"
        f["village"] = "东村" if k % 2 else "西村"
        f["year"] = 1 + k % 3
        f["measure_code"] = code
        f["measure_codes"] = codes
        if params is not None:
            f["measure_params"] = params
        lyr.CreateFeature(f)
    out = None
    return dem, path


@pytest.fixture
def spy(monkeypatch):
    calls = {"read_layer": 0, "fill_gpkg_table": 0}

    def counted(module, name):
        real = getattr(module, name)

        def wrapper(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)

    counted(features_io, "read_layer")
    counted(tq, "fill_gpkg_table")
    counted(mq, "fill_gpkg_table")
    return calls


def run_both(dem: str, parcels: str, out: dict) -> None:
    common = {"PARCELS": parcels, "VILLAGE_FIELD": "village", "YEAR_FIELD": "year"}
    processing.run("sbplanner:terrace_quantities", {**common, "DEM": dem, "OUTPUT_PARCELS": out["terrace"],
                                                    "OUTPUT_ITEMS": out["terrace_items"]})  # fmt: skip
    processing.run("sbplanner:measure_quantities", {**common, "OUTPUT_PARCELS": out["measure"],
                                                    "OUTPUT_ITEMS": out["measure_items"]})  # fmt: skip


def rows(uri: str) -> tuple[list, list]:
    layer = QgsVectorLayer(uri, "t", "ogr")
    assert layer.isValid(), uri
    fields = [(f.name(), f.typeName()) for f in layer.fields()]
    feats = [
        (f.id(), bytes(f.geometry().asWkb()) if f.hasGeometry() else None, f.attributes()) for f in layer.getFeatures()
    ]
    return fields, feats


def same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b and type(a) is type(b)


def test_bulk_paths_give_the_layers_the_qgis_paths_give(tmp_path, inputs, spy, monkeypatch) -> None:
    dem, parcels = inputs
    names = ("terrace", "terrace_items", "measure", "measure_items")
    fast = {k: str(tmp_path / f"fast_{k}.gpkg") for k in names}
    slow = {k: str(tmp_path / f"slow_{k}.gpkg") for k in names}
    run_both(dem, parcels, fast)
    assert spy == {"read_layer": 2, "fill_gpkg_table": 4}
    monkeypatch.setattr(features_io, "_file_layer", lambda *a, **k: None)
    monkeypatch.setattr(tq, "bulk_gpkg_table", lambda *a, **k: None)
    monkeypatch.setattr(mq, "bulk_gpkg_table", lambda *a, **k: None)
    run_both(dem, parcels, slow)
    assert spy == {"read_layer": 2, "fill_gpkg_table": 4}
    expected_rows = {"terrace": 9, "measure": 17}  # terraced parcels; parcels with another measure
    for k in names:
        (fields_a, feats_a), (fields_b, feats_b) = rows(fast[k]), rows(slow[k])
        assert fields_a == fields_b, k
        assert len(feats_a) == len(feats_b) > 0, k
        if k in expected_rows:
            assert len(feats_a) == expected_rows[k]
        for (id_a, geom_a, va), (id_b, geom_b, vb) in zip(feats_a, feats_b):
            assert id_a == id_b
            assert geom_a == geom_b
            for (name, _type), x, y in zip(fields_a, va, vb):
                assert same(x, y), (k, id_a, name, x, y)
    # the values are real: the parcel's own fields ride along, NULLs stay NULL, dates stay dates
    fields, feats = rows(fast["terrace"])
    named = [dict(zip([n for n, _ in fields], v)) for _, _, v in feats]
    by_id = {row["parcel_id"]: row for row in named}
    assert set(by_id) == {101, 102, 103, 104, 105, 118, 120, 122, 125}
    assert by_id[101]["measure_code"] == "terrace_level_earth" and by_id[101]["village"] == "西村"
    assert by_id[101]["FVC"] == NULL and by_id[101]["surveyed"] == NULL
    assert by_id[102]["bench_width_m"] == 8.0 and by_id[102]["FVC"] == pytest.approx(0.1)
    assert str(by_id[102]["surveyed"].toString("yyyy-MM-dd")) == "2024-05-02"
    con = sqlite3.connect(fast["terrace"])
    assert con.execute("SELECT rtreecheck('rtree_fast_terrace_geom')").fetchone()[0] == "ok"
    con.close()


def test_into_the_plan_twice(tmp_path, inputs, spy) -> None:
    """Both algorithms write their layers into one plan GeoPackage; a re-run replaces them."""
    dem, parcels = inputs
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    out = {k: store.destination(k) for k in ("terrace", "terrace_items", "measure", "measure_items")}
    run_both(dem, parcels, out)
    run_both(dem, parcels, out)
    assert spy["fill_gpkg_table"] == 8
    counts = {k: QgsVectorLayer(store.layer_uri(k), k, "ogr").featureCount() for k in out}
    assert counts["terrace"] == 9 and counts["measure"] == 17
    assert counts["terrace_items"] > 9 and counts["measure_items"] > 17
    con = sqlite3.connect(store.path)
    for table in ("terrace", "measure"):
        assert con.execute(f"SELECT rtreecheck('rtree_{table}_geom')").fetchone()[0] == "ok"
    kinds = dict(con.execute("SELECT table_name, data_type FROM gpkg_contents"))
    assert kinds["terrace_items"] == kinds["measure_items"] == "attributes"
    con.close()
