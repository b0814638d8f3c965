"""Bulk vector I/O: the Arrow reader against OGR's feature loop, the GeoPackage writer against GDAL."""

from __future__ import annotations

import datetime as dt
import sqlite3

import numpy as np
import pytest
import shapely
from osgeo import ogr, osr

from sbplanner_plugin.adapters.vector_io import create_gpkg_table, fill_gpkg_table, read_layer

EPSG = 32650


def _srs_wkt() -> str:
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    return srs.ExportToWkt()


def _squares(n: int, seed: int = 3) -> list[shapely.Polygon]:
    rng = np.random.default_rng(seed)
    x = rng.uniform(500_000, 510_000, n)
    y = rng.uniform(3_000_000, 3_010_000, n)
    size = rng.uniform(5, 80, n)
    return [shapely.box(a, b, a + s, b + s) for a, b, s in zip(x, y, size)]


@pytest.fixture
def typed_layer(tmp_path) -> str:
    """A GeoPackage with every field type OGR maps, NULLs, a boolean and a feature without geometry."""
    path = str(tmp_path / "typed.gpkg")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    lyr = ds.CreateLayer("p", srs, ogr.wkbPolygon, options=["FID=fid"])
    for name, kind in [
        ("name", ogr.OFTString),
        ("code", ogr.OFTInteger),
        ("big", ogr.OFTInteger64),
        ("share", ogr.OFTReal),
        ("surveyed", ogr.OFTDate),
        ("edited", ogr.OFTDateTime),
    ]:
        lyr.CreateField(ogr.FieldDefn(name, kind))
    flag = ogr.FieldDefn("terraced", ogr.OFTInteger)
    flag.SetSubType(ogr.OFSTBoolean)
    lyr.CreateField(flag)
    flags = [True, None, True, False, True, True, False, True, True, True, False, True]
    for i, geom in enumerate(_squares(len(flags))):
        f = ogr.Feature(lyr.GetLayerDefn())
        if i % 5 != 1:  # some NULLs
            f["name"] = "旱地" if i % 2 else f"p{i}"
            f["code"] = i
            f["big"] = 2**40 + i
            f["share"] = i / 7
            f.SetField("surveyed", 2024, 3, 1 + i, 0, 0, 0, 0)
            f.SetField("edited", 2024, 3, 1 + i, 10, 11, 12.5, 100)
        if flags[i] is not None:
            f["terraced"] = int(flags[i])
        if i != 4:
            f.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(geom)))
        lyr.CreateFeature(f)
    ds = None
    return path


def test_arrow_reader_gives_what_the_feature_loop_gives(typed_layer) -> None:
    cols = read_layer(typed_layer)
    ds = ogr.Open(typed_layer)
    feats = list(ds.GetLayer(0))
    assert cols.fids.tolist() == [f.GetFID() for f in feats]
    assert cols.fid_column == "fid"
    assert [f.GetName() for f in cols.field_defns] == list(cols.values)
    for i, f in enumerate(feats):
        g = f.GetGeometryRef()
        assert cols.wkb[i] == (None if g is None else bytes(g.ExportToIsoWkb()))
        assert cols.values["name"][i] == f["name"]
        assert cols.values["code"][i] == f["code"]
        assert cols.values["big"][i] == f["big"]
        assert cols.values["share"][i] == f["share"]
        # GDAL 3.6's Arrow export of booleans is wrong; the reader takes them feature by feature
        assert cols.values["terraced"][i] == (None if f["terraced"] is None else bool(f["terraced"]))
        if f.IsFieldNull("surveyed"):
            assert cols.values["surveyed"][i] is None and cols.values["edited"][i] is None
        else:
            assert cols.values["surveyed"][i] == dt.date(2024, 3, 1 + i)
            assert cols.values["edited"][i] == dt.datetime(2024, 3, 1 + i, 10, 11, 12, 500000)
    assert cols.values["name"][3] == "旱地" and cols.values["name"][1] is None


def test_reader_takes_a_subset_of_the_fields(typed_layer) -> None:
    cols = read_layer(typed_layer, "p", fields=["share", "terraced"])
    assert list(cols.values) == ["share", "terraced"]
    assert len(cols.values["terraced"]) == len(cols) == 12
    with pytest.raises(ValueError, match="no field"):
        read_layer(typed_layer, fields=["nope"])


def _rtree_hits(path: str, rtree: str, box) -> set[int]:
    con = sqlite3.connect(path)
    try:
        rows = con.execute(
            f'SELECT id FROM "{rtree}" WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ?',
            (box[0], box[2], box[1], box[3]),
        ).fetchall()
    finally:
        con.close()
    return {r[0] for r in rows}


@pytest.mark.parametrize("n", [0, 30, 6000])  # empty, root only, three levels (51 cells a node)
def test_written_geopackage_reads_back_and_its_rtree_is_exact(tmp_path, n) -> None:
    path = str(tmp_path / "out.gpkg")
    polys = _squares(n)
    wkbs = [shapely.to_wkb(p) for p in polys]
    if n:
        wkbs[1] = None  # a feature without geometry
        wkbs[2] = shapely.to_wkb(shapely.Polygon())  # an empty one
    create_gpkg_table(
        path, "parcels", _srs_wkt(), ogr.wkbPolygon, [ogr.FieldDefn("name", ogr.OFTString), _real("mean_deg")]
    )
    values = np.arange(n, dtype=np.float64) / 3
    if n:
        values[5] = np.nan
    fill_gpkg_table(path, "parcels", wkbs, {"name": [f"p{i}" for i in range(n)], "mean_deg": values})

    con = sqlite3.connect(path)
    assert con.execute("SELECT rtreecheck('rtree_parcels_geom')").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM rtree_parcels_geom").fetchone()[0] == max(n - 2, 0)
    assert con.execute("SELECT feature_count FROM gpkg_ogr_contents").fetchone()[0] == n
    triggers = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert "rtree_parcels_geom_insert" in triggers  # put back after the fill
    con.close()

    ds = ogr.Open(path)
    lyr = ds.GetLayer(0)
    assert lyr.GetFeatureCount() == n
    feats = list(lyr)
    for i, f in enumerate(feats):
        assert f.GetFID() == i + 1
        assert f["name"] == f"p{i}"
        assert f["mean_deg"] == (None if i == 5 else pytest.approx(i / 3))
        g = f.GetGeometryRef()
        if i == 1:
            assert g is None
        elif i == 2:
            assert g.IsEmpty()
        else:
            assert shapely.from_wkb(bytes(g.ExportToIsoWkb())).equals(polys[i])
    if n:
        b = shapely.bounds([p for i, p in enumerate(polys) if i not in (1, 2)])
        assert lyr.GetExtent() == pytest.approx((b[:, 0].min(), b[:, 2].max(), b[:, 1].min(), b[:, 3].max()))
    # the index finds exactly the boxes a brute-force test finds (float32 boxes are rounded outwards)
    rng = np.random.default_rng(11)
    for _ in range(25):
        x, y = rng.uniform(500_000, 510_000), rng.uniform(3_000_000, 3_010_000)
        box = (x, y, x + rng.uniform(10, 2000), y + rng.uniform(10, 2000))
        expected = {
            i + 1
            for i, p in enumerate(polys)
            if i not in (1, 2) and shapely.intersects(shapely.box(*p.bounds), shapely.box(*box))
        }
        hits = _rtree_hits(path, "rtree_parcels_geom", box)
        assert expected <= hits  # nothing missed
        assert len(hits - expected) <= 1  # only float32 rounding may add a box touching the edge
        lyr.SetSpatialFilterRect(*box)
        assert {f.GetFID() for f in lyr} == {
            i + 1 for i, p in enumerate(polys) if i not in (1, 2) and p.intersects(shapely.box(*box))
        }
        lyr.SetSpatialFilter(None)


def _real(name: str) -> ogr.FieldDefn:
    return ogr.FieldDefn(name, ogr.OFTReal)


def test_gdal_keeps_maintaining_the_bulk_loaded_index(tmp_path) -> None:
    path = str(tmp_path / "out.gpkg")
    polys = _squares(500)
    create_gpkg_table(path, "t", _srs_wkt(), ogr.wkbPolygon, [])
    fill_gpkg_table(path, "t", [shapely.to_wkb(p) for p in polys], {})
    ds = ogr.Open(path, 1)
    lyr = ds.GetLayer(0)
    f = ogr.Feature(lyr.GetLayerDefn())
    f.SetGeometry(ogr.CreateGeometryFromWkt("POLYGON((400000 100,400010 100,400010 110,400000 110,400000 100))"))
    lyr.CreateFeature(f)  # GDAL's insert trigger adds it to the R-tree
    lyr.DeleteFeature(7)  # and its delete trigger removes this one
    ds = None
    con = sqlite3.connect(path)
    assert con.execute("SELECT rtreecheck('rtree_t_geom')").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM rtree_t_geom").fetchone()[0] == 500
    con.close()
    assert _rtree_hits(path, "rtree_t_geom", (399_999, 99, 400_001, 101)) == {501}
    assert 7 not in _rtree_hits(path, "rtree_t_geom", polys[6].bounds)


def test_fill_refuses_a_table_that_is_not_empty_and_rolls_back(tmp_path) -> None:
    path = str(tmp_path / "out.gpkg")
    create_gpkg_table(path, "t", _srs_wkt(), ogr.wkbPolygon, [_real("v")])
    fill_gpkg_table(path, "t", [shapely.to_wkb(shapely.box(0, 0, 1, 1))], {"v": np.array([1.0])})
    with pytest.raises(ValueError, match="not empty"):
        fill_gpkg_table(path, "t", [shapely.to_wkb(shapely.box(0, 0, 2, 2))], {"v": np.array([2.0])})
    with pytest.raises(ValueError, match="one value per geometry"):
        fill_gpkg_table(path, "t", [None], {"v": np.array([1.0, 2.0])})
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*), sum(v) FROM t").fetchone() == (1, 1.0)
    assert con.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").fetchone()[0] >= 2
    con.close()


def test_an_attributes_table_is_filled_without_geometry(tmp_path) -> None:
    """``wkbs=None``: a table without geometry (step 4's quantity items), next to a feature table."""
    path = str(tmp_path / "plan.gpkg")
    create_gpkg_table(path, "a", _srs_wkt(), ogr.wkbPolygon, [])
    fill_gpkg_table(path, "a", [shapely.to_wkb(p) for p in _squares(3)], {})
    fields = [ogr.FieldDefn("item", ogr.OFTString), ogr.FieldDefn("year", ogr.OFTInteger), _real("quantity")]
    create_gpkg_table(path, "items", "", ogr.wkbNone, fields)
    quantity = np.array([1.25, np.nan, np.inf, 4.0])
    fill_gpkg_table(path, "items", None, {"item": ["earth", None, "seed", "土方"], "year": [1, 2, None, 3],
                                          "quantity": quantity})  # fmt: skip
    with pytest.raises(ValueError, match=r"not an? GeoPackage (feature|attributes) table"):
        fill_gpkg_table(path, "a", None, {})
    with pytest.raises(ValueError, match="not a GeoPackage feature table"):
        fill_gpkg_table(path, "items", [None], {"item": ["x"], "year": [1], "quantity": [1.0]})
    with pytest.raises(ValueError, match="not empty"):
        fill_gpkg_table(path, "items", None, {"item": ["x"], "year": [1], "quantity": [1.0]})
    ds = ogr.Open(path)
    lyr = ds.GetLayerByName("items")
    assert lyr.GetGeomType() == ogr.wkbNone
    assert lyr.GetFeatureCount() == 4
    rows = [(f.GetFID(), f["item"], f["year"], f["quantity"]) for f in lyr]
    assert rows == [(1, "earth", 1, 1.25), (2, None, 2, None), (3, "seed", None, None), (4, "土方", 3, 4.0)]
    assert ds.GetLayerByName("a").GetFeatureCount() == 3
    ds = None
    con = sqlite3.connect(path)
    assert con.execute("SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = 'items'").fetchone()[0] == 4
    assert con.execute("SELECT rtreecheck('rtree_a_geom')").fetchone()[0] == "ok"
    con.close()
    ds = ogr.Open(path, 1)  # GDAL keeps counting afterwards (the insert trigger is back)
    lyr = ds.GetLayerByName("items")
    f = ogr.Feature(lyr.GetLayerDefn())
    f["item"] = "later"
    lyr.CreateFeature(f)
    ds = None
    con = sqlite3.connect(path)
    assert con.execute("SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = 'items'").fetchone()[0] == 5
    con.close()


def test_a_new_table_in_an_existing_geopackage_leaves_the_other_layers_alone(tmp_path) -> None:
    path = str(tmp_path / "plan.gpkg")
    create_gpkg_table(path, "a", _srs_wkt(), ogr.wkbPolygon, [])
    fill_gpkg_table(path, "a", [shapely.to_wkb(p) for p in _squares(10)], {})
    create_gpkg_table(path, "b", _srs_wkt(), ogr.wkbMultiPolygon, [_real("v")])
    fill_gpkg_table(path, "b", [shapely.to_wkb(shapely.MultiPolygon([p])) for p in _squares(20, 5)], {"v": [1.5] * 20})
    create_gpkg_table(path, "b", _srs_wkt(), ogr.wkbMultiPolygon, [_real("v")])  # replaced, e.g. a re-run
    fill_gpkg_table(path, "b", [shapely.to_wkb(shapely.MultiPolygon([p])) for p in _squares(5, 6)], {"v": [2.5] * 5})
    ds = ogr.Open(path)
    assert ds.GetLayerByName("a").GetFeatureCount() == 10
    assert ds.GetLayerByName("b").GetFeatureCount() == 5
    assert ds.GetLayerByName("b").GetGeomType() == ogr.wkbMultiPolygon
    con = sqlite3.connect(path)
    assert [
        r[0] for r in con.execute("SELECT rtreecheck('rtree_a_geom') UNION ALL SELECT rtreecheck('rtree_b_geom')")
    ] == [
        "ok",
        "ok",
    ]
    con.close()


def test_bulk_blobs_are_the_plan_stores_blobs() -> None:
    """The vectorised GeoPackageBinary encoder writes byte for byte what single edits write."""
    from sbplanner_plugin.adapters.plan_store import gpkg_blob
    from sbplanner_plugin.adapters.vector_io import _envelopes, gpkg_blobs

    wkbs = [
        shapely.to_wkb(shapely.from_wkt(w))
        for w in ("POLYGON ((0 0, 10 0, 10 5, 0 5, 0 0))", "MULTIPOLYGON (((2 3, 4 3, 4 9, 2 3)))", "POLYGON EMPTY")
    ]
    bulk = gpkg_blobs(wkbs, 4547, _envelopes(wkbs))
    assert bulk == [gpkg_blob(w, 4547) for w in wkbs]
    assert bulk[0][3] == 0b0011 and bulk[2][3] & 0x10  # xy envelope / empty, little-endian
