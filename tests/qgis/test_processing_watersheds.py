"""The two Processing algorithms in real QGIS: outputs in the plan GeoPackage, bad inputs."""

from __future__ import annotations

import numpy as np
import processing
import pytest
from osgeo import gdal, osr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProject,
    QgsVectorLayer,
)

from sbplanner_plugin.adapters.plan_store import SCHEMA_VERSION, PlanStore

OUTLET = QgsPointXY(39444813.9, 2840490.8)


def point_layer(points: list[QgsPointXY], crs: str = "EPSG:2415", fields: str = "") -> QgsVectorLayer:
    layer = QgsVectorLayer(f"Point?crs={crs}{fields}", "outlets", "memory")
    feats = []
    for p in points:
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromPointXY(p))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def delineate(store: PlanStore, dem: str, outlets, **extra):
    store.ensure()
    return processing.run(
        "sbplanner:delineate_watersheds",
        {
            "DEM": dem,
            "OUTLETS": outlets,
            "STREAM_THRESHOLD_KM2": 0.1,
            "SNAP_DISTANCE_M": 0,
            "OUTPUT_WATERSHEDS": store.destination("watersheds"),
            "OUTPUT_STREAMS": store.destination("streams"),
            "OUTPUT_OUTLETS": store.destination("outlets_snapped"),
            **extra,
        },
    )


def features(store: PlanStore, name: str) -> list[dict]:
    layer = QgsVectorLayer(store.layer_uri(name), name, "ogr")
    assert layer.isValid(), name
    return [dict(zip(layer.fields().names(), f.attributes()), _geom=f.geometry()) for f in layer.getFeatures()]


def test_delineate_youwuzhen_into_plan_geopackage(tmp_path, demo_dir) -> None:
    store = PlanStore(tmp_path / "plan.gpkg")
    delineate(store, str(demo_dir / "ywzdem10m.tif"), str(demo_dir / "outlet_beijing1954.shp"))
    (ws,) = features(store, "watersheds")
    assert ws["area_km2"] == pytest.approx(5.3933, rel=0.01)
    assert ws["_geom"].area() / 1e6 == pytest.approx(ws["area_km2"], rel=1e-9)  # polygon = cells
    assert ws["ws_code"] == "WS001"
    assert ws["elev_min_m"] == pytest.approx(295.0, abs=0.05)
    for key in ("perimeter_km", "channel_length_km", "channel_slope_pct", "gully_density_km_per_km2", "form_factor"):
        assert ws[key] > 0, key
    streams = features(store, "streams")
    assert max(s["strahler"] for s in streams) >= 3
    assert sum(s["length_km"] for s in streams) == pytest.approx(
        ws["gully_density_km_per_km2"] * ws["area_km2"], rel=1e-6
    )
    (out,) = features(store, "outlets_snapped")
    assert out["orig_x"] == pytest.approx(OUTLET.x())
    assert 0 < out["snap_distance_m"] <= 30.0 + 1e-6
    assert out["uparea_km2"] == pytest.approx(ws["area_km2"])
    assert store.schema_version() == SCHEMA_VERSION
    # the demo outlet lies on its channel (53 933 cells) and slides 3 cells down it: a fair snap, no problem
    assert out["snap_check"] == "along_channel"
    assert out["channel_uparea_km2"] == pytest.approx(5.3933)
    assert out["stream_threshold_km2"] == pytest.approx(0.1)
    assert out["fixed"] == 0
    assert "outlets_snap_lines" not in store.layers()  # optional output, not asked for


def test_snap_lines_and_a_fixed_outlet(tmp_path, demo_dir) -> None:
    """Issue 15: the snap lines join each clicked point to its snapped outlet; an outlet with fixed = 1 stays
    in the cell holding it (a stray hillside click then gives the tiny-catchment diagnosis)."""
    stray = QgsPointXY(39445243.9, 2841080.8)
    layer = point_layer([OUTLET, stray], fields="&field=fixed:integer")
    layer.startEditing()
    for f, value in zip(layer.getFeatures(), (0, 1)):
        layer.changeAttributeValue(f.id(), 0, value)
    layer.commitChanges()
    store = PlanStore(tmp_path / "plan.gpkg")
    delineate(
        store, str(demo_dir / "ywzdem10m.tif"), layer, OUTPUT_SNAP_LINES=store.destination("outlets_snap_lines")
    )
    outlets = {o["outlet_id"]: o for o in features(store, "outlets_snapped")}
    assert outlets[2]["fixed"] == 1
    assert outlets[2]["snap_check"] == "tiny"
    assert outlets[2]["uparea_km2"] < 0.1
    assert outlets[2]["_geom"].asPoint().distance(stray) < 7.1  # the centre of its own 10 m cell
    lines = {line["outlet_id"]: line for line in features(store, "outlets_snap_lines")}
    first = lines[1]["_geom"].asPolyline()
    assert first[0].distance(OUTLET) < 1e-6
    assert first[-1].distance(outlets[1]["_geom"].asPoint()) < 1e-6
    assert lines[1]["snap_distance_m"] == pytest.approx(outlets[1]["snap_distance_m"])
    assert lines[1]["snap_check"] == "along_channel"


def test_outlets_in_another_crs_are_transformed(tmp_path, demo_dir) -> None:
    xform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:2415"), QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance()
    )
    layer = point_layer([xform.transform(OUTLET)], "EPSG:4326")
    store = PlanStore(tmp_path / "plan.gpkg")
    delineate(store, str(demo_dir / "ywzdem10m.tif"), layer)
    (ws,) = features(store, "watersheds")
    assert ws["area_km2"] == pytest.approx(5.3933, rel=0.01)


def test_two_nested_outlets_report_topology(tmp_path, demo_dir) -> None:
    upstream = QgsPointXY(39445043.9, 2840780.8)  # on the main channel, 3.77 km²
    layer = point_layer([OUTLET, upstream], fields="&field=ws_code:string")
    layer.startEditing()
    for f, code in zip(layer.getFeatures(), ("HT01", "HT02")):
        layer.changeAttributeValue(f.id(), 0, code)
    layer.commitChanges()
    store = PlanStore(tmp_path / "plan.gpkg")
    delineate(store, str(demo_dir / "ywzdem10m.tif"), layer)
    ws = {w["ws_code"]: w for w in features(store, "watersheds")}
    assert set(ws) == {"HT01", "HT02"}  # official codes on the outlet layer are kept
    assert ws["HT02"]["downstream_code"] == "HT01"
    assert ws["HT01"]["downstream_code"] is None or str(ws["HT01"]["downstream_code"]) == "NULL"
    assert ws["HT02"]["area_km2"] == pytest.approx(3.77, abs=0.02)
    assert ws["HT01"]["_geom"].contains(ws["HT02"]["_geom"].centroid())


def test_divide_with_boundary_and_admin(tmp_path, demo_dir) -> None:
    store = PlanStore(tmp_path / "plan.gpkg")
    dem = str(demo_dir / "ywzdem10m.tif")
    delineate(store, dem, str(demo_dir / "outlet_beijing1954.shp"))
    admin = QgsVectorLayer("Polygon?crs=EPSG:2415&field=county:string", "admin", "memory")
    feats = []
    for name, (x0, x1) in (("长汀县", (39444000, 39445520)), ("邻县", (39445520, 39448000))):
        f = QgsFeature(admin.fields())
        f.setAttributes([name])
        f.setGeometry(
            QgsGeometry.fromWkt(f"POLYGON(({x0} 2840000,{x1} 2840000,{x1} 2843000,{x0} 2843000,{x0} 2840000))")
        )
        feats.append(f)
    admin.dataProvider().addFeatures(feats)
    processing.run(
        "sbplanner:divide_small_watersheds",
        {
            "DEM": dem,
            "BOUNDARY": store.layer_uri("watersheds"),
            "ADMIN": admin,
            "ADMIN_FIELD": "county",
            "MAX_AREA_KM2": 2.0,
            "MIN_AREA_KM2": 0.3,
            "STREAM_THRESHOLD_KM2": 0.1,
            "OUTPUT_WATERSHEDS": store.destination("small_watersheds"),
            "OUTPUT_STREAMS": store.destination("small_watershed_streams"),
        },
    )
    units = features(store, "small_watersheds")
    (whole,) = features(store, "watersheds")
    assert sum(u["area_km2"] for u in units) == pytest.approx(whole["area_km2"])
    assert {u["admin_code"] for u in units} == {"长汀县", "邻县"}
    assert all(u["parent_code"] == "WS001" and u["ws_code"].startswith("WS001-") for u in units)
    codes = {u["ws_code"] for u in units}
    downs = [u["downstream_code"] for u in units if u["downstream_code"] not in (None, "NULL")]
    assert set(downs) <= codes
    assert len(downs) == len(units) - 1
    assert features(store, "small_watershed_streams")
    assert features(store, "watersheds")  # the delineation layers are untouched


def _tif(path, values, crs: int | None = 2415, nodata: float = -9999.0) -> str:
    ds = gdal.GetDriverByName("GTiff").Create(str(path), values.shape[1], values.shape[0], 1, gdal.GDT_Float32)
    ds.SetGeoTransform((39444000.0, 10.0, 0.0, 2842000.0, 0.0, -10.0))
    if crs:
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(crs)
        ds.SetProjection(srs.ExportToWkt())
    ds.GetRasterBand(1).SetNoDataValue(nodata)
    ds.GetRasterBand(1).WriteArray(values)
    ds = None
    return str(path)


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("outside", "outside the valid DEM"),
        ("empty", "holds no points"),
        ("no_crs", "no coordinate reference system"),
        ("all_nodata", "no valid elevation"),
        ("us_feet", "US survey foot .*not metres"),
    ],
)
def test_bad_inputs_give_a_clear_message_and_write_nothing(tmp_path, demo_dir, case, message) -> None:
    dem = str(demo_dir / "ywzdem10m.tif")
    outlets = point_layer([OUTLET])
    if case == "outside":
        outlets = point_layer([QgsPointXY(39400000.0, 2800000.0)])
    elif case == "empty":
        outlets = point_layer([])
    elif case == "no_crs":
        dem = _tif(tmp_path / "nocrs.tif", np.arange(400, dtype=np.float32).reshape(20, 20), crs=None)
    elif case == "all_nodata":
        dem = _tif(tmp_path / "nodata.tif", np.full((20, 20), -9999.0, dtype=np.float32))
    elif case == "us_feet":  # the demo DEM labelled with a US-feet state plane CRS (EPSG:2227)
        dem = str(tmp_path / "ftus.tif")
        gdal.Translate(dem, str(demo_dir / "ywzdem10m.tif"), outputSRS="EPSG:2227")
    store = PlanStore(tmp_path / "plan.gpkg")
    with pytest.raises(QgsProcessingException, match=message):
        delineate(store, dem, outlets)
    assert "watersheds" not in store.layers()


def test_layers_of_the_wrong_kind_or_field_give_a_clear_message(tmp_path, demo_dir) -> None:
    store = PlanStore(tmp_path / "plan.gpkg")
    dem = str(demo_dir / "ywzdem10m.tif")
    delineate(store, dem, str(demo_dir / "outlet_beijing1954.shp"))
    with pytest.raises(QgsProcessingException, match="holds polygons; points are needed here"):
        delineate(store, dem, store.layer_uri("watersheds"))

    def divide(**extra):
        return processing.run(
            "sbplanner:divide_small_watersheds",
            {
                "DEM": dem,
                "MAX_AREA_KM2": 2.0,
                "MIN_AREA_KM2": 0.3,
                "OUTPUT_WATERSHEDS": store.destination("small_watersheds"),
                "OUTPUT_STREAMS": store.destination("small_watershed_streams"),
                **extra,
            },
        )

    with pytest.raises(QgsProcessingException, match="holds lines; polygons are needed here"):
        divide(BOUNDARY=store.layer_uri("streams"))
    with pytest.raises(QgsProcessingException, match="The administrative layer has no field 'county'"):
        divide(BOUNDARY=store.layer_uri("watersheds"), ADMIN=store.layer_uri("watersheds"), ADMIN_FIELD="county")
    assert "small_watersheds" not in store.layers()


def test_infinite_cells_and_a_rotated_dem_are_reported(tmp_path, demo_dir) -> None:
    """±inf cells become nodata with a warning naming how many; a rotated geotransform is resampled
    north-up with a warning; the catchment is still delineated."""
    from tests.qgis.feedback import Log

    dem = tmp_path / "dem_inf_rotated.tif"
    gdal.Translate(str(dem), str(demo_dir / "ywzdem10m.tif"), outputType=gdal.GDT_Float32)
    ds = gdal.Open(str(dem), gdal.GA_Update)
    band = ds.GetRasterBand(1)
    values = band.ReadAsArray()
    values[0, :3] = np.inf  # three cells in the corner, outside the catchment
    band.WriteArray(values)
    x0, c, _, y0, _, _ = ds.GetGeoTransform()
    ds.SetGeoTransform((x0, c, 1e-6, y0, 1e-6, -c))  # a hair of rotation, as some exports write it
    ds = None
    log = Log(warning_prefix="WARNING ")
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    processing.run(
        "sbplanner:delineate_watersheds",
        {
            "DEM": str(dem),
            "OUTLETS": point_layer([OUTLET]),
            "STREAM_THRESHOLD_KM2": 0.1,
            "SNAP_DISTANCE_M": 0,
            "OUTPUT_WATERSHEDS": store.destination("watersheds"),
            "OUTPUT_STREAMS": store.destination("streams"),
            "OUTPUT_OUTLETS": store.destination("outlets_snapped"),
        },
        feedback=log,
    )
    assert "WARNING 3 DEM cells hold an infinite value; they are treated as nodata." in log.lines
    assert any(line.startswith("WARNING The DEM's geotransform is rotated") for line in log.lines)
    (ws,) = features(store, "watersheds")
    assert ws["area_km2"] == pytest.approx(5.39, abs=0.05)
