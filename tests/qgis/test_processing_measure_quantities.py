"""``sbplanner:measure_quantities`` in real QGIS: parcels of the demo plan, and dam works on an analytic V valley
(z = 0.5·|x| + 0.05·y: the impoundment behind a dam of height H holds H³/(3·0.5·0.05) m³)."""

from __future__ import annotations

import processing
import pytest
from osgeo import gdal, osr
from qgis.core import QgsFeature, QgsGeometry, QgsProcessingException, QgsVectorLayer

from sbplanner_plugin.adapters.plan_store import PlanStore

X0, Y0, CELL, ROWS, COLS = 500_000.0, 2_800_000.0, 1.0, 240, 120  # valley axis at x = X0 + 60


@pytest.fixture
def valley(tmp_path) -> str:
    import numpy as np

    x = (np.arange(COLS) + 0.5) * CELL - 60.5  # a cell centre on the valley axis: the sampled bed is the true bed
    y = Y0 - (np.arange(ROWS) + 0.5) * CELL
    z = 100.0 + 0.5 * np.abs(x)[None, :] + 0.05 * (y - (Y0 - ROWS * CELL))[:, None]
    path = tmp_path / "valley.tif"
    ds = gdal.GetDriverByName("GTiff").Create(str(path), COLS, ROWS, 1, gdal.GDT_Float64)
    ds.SetGeoTransform((X0, CELL, 0.0, Y0, 0.0, -CELL))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32650)
    ds.SetProjection(srs.ExportToWkt())
    ds.GetRasterBand(1).WriteArray(z)
    ds = None
    return str(path)


def works(kind: str, rows) -> QgsVectorLayer:
    layer = QgsVectorLayer(
        f"{kind}?crs=EPSG:32650&field=measure_code:string&field=dam_height_m:double&field=measure_params:string",
        "works_points" if kind == "Point" else "works_lines", "memory",
    )  # fmt: skip
    feats = []
    for wkt, code, height in rows:
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromWkt(wkt))
        f.setAttributes([code, height, ""])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def parcels_layer() -> QgsVectorLayer:
    layer = QgsVectorLayer(
        "Polygon?crs=EPSG:32650&field=parcel_id:integer&field=measure_code:string&field=measure_codes:string"
        "&field=ws_code:string",
        "p", "memory",
    )  # fmt: skip
    f = QgsFeature(layer.fields())
    f.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({X0} {Y0 - 200},{X0 + 100} {Y0 - 200},{X0 + 100} {Y0 - 100},"
                                      f"{X0} {Y0 - 100},{X0} {Y0 - 200}))"))  # fmt: skip
    f.setAttributes([1, "forest_arbor", "forest_arbor", "W1"])
    layer.dataProvider().addFeatures([f])
    return layer


def test_dam_on_a_v_valley_and_parcels_into_the_plan(tmp_path, valley) -> None:
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    ym = Y0 - 200.0  # dam across the valley 200 m down the DEM; water stands upstream (north, higher y … lower z)
    dam_line = f"LINESTRING({X0 + 20} {ym},{X0 + 100} {ym})"
    result = processing.run(
        "sbplanner:measure_quantities",
        {
            "PARCELS": parcels_layer(),
            "WORKS": [works("LineString", [(dam_line, "sediment_dam", 4.0)])],
            "DEM": valley,
            "OUTPUT_PARCELS": store.destination("measure_quantities"),
            "OUTPUT_WORKS": store.destination("works_quantities"),
            "OUTPUT_STORAGE": store.destination("dam_storage"),
            "OUTPUT_ITEMS": store.destination("measure_items"),
        },
    )
    assert result["PARCEL_COUNT"] == 1 and result["WORK_COUNT"] == 1
    dam = next(QgsVectorLayer(store.layer_uri("works_quantities"), "w", "ogr").getFeatures())
    # crest 4 m above the bed: the V is 4/0.5 = 8 m wide each side → crest length 16 m
    assert dam["dam_height_m"] == pytest.approx(4.0)
    assert dam["crest_length_m"] == pytest.approx(16.0, rel=0.03)
    # 拦沙坝 freeboard 0.5 m (dam_params.csv): stored depth 3.5 m → 3.5³/(3·0.5·0.05) = 571.7 m³ (1 m cells: ~1 %)
    assert dam["storage_m3"] == pytest.approx(3.5**3 / (3 * 0.5 * 0.05), rel=0.03)
    curve = QgsVectorLayer(store.layer_uri("dam_storage"), "c", "ogr")
    assert curve.featureCount() >= 8  # stages every 0.5 m up to the crest
    table = QgsVectorLayer(store.layer_uri("measure_items"), "i", "ogr")
    items = {f["item"]: f["quantity"] for f in table.getFeatures() if f["measure_code"] == "forest_arbor"}
    assert items["trees"] == pytest.approx(1667 * 1.0 * 1.05)  # 1 hm², catalogue 2 × 3 m, 5 % replanting


def test_dam_errors_are_named(tmp_path, valley) -> None:
    out = tmp_path / "out.gpkg"
    along = f"LINESTRING({X0 + 20} {Y0 - 150},{X0 + 40} {Y0 - 150})"  # wholly on the west slope: no channel
    with pytest.raises(
        QgsProcessingException,
        match=r"Dam work \d+ \(works_lines, sediment_dam\): the dam line does not cross a channel",
    ):
        processing.run("sbplanner:measure_quantities", {
            "PARCELS": parcels_layer(), "WORKS": [works("LineString", [(along, "sediment_dam", 4.0)])], "DEM": valley,
            "OUTPUT_PARCELS": str(out)})  # fmt: skip
    with pytest.raises(QgsProcessingException, match="need the DEM"):
        processing.run("sbplanner:measure_quantities", {
            "PARCELS": parcels_layer(), "WORKS": [works("Point", [(f"POINT({X0 + 60} {Y0 - 100})", "check_dam", 2.0)])],
            "OUTPUT_PARCELS": str(out)})  # fmt: skip
    no_measures = QgsVectorLayer("Polygon?crs=EPSG:32650&field=parcel_id:integer", "p", "memory")
    with pytest.raises(QgsProcessingException, match="no measure_code field"):
        processing.run("sbplanner:measure_quantities", {"PARCELS": no_measures, "OUTPUT_PARCELS": str(out)})
    assert not out.exists()


def test_previous_run_keeps_the_dam_and_the_parcel(tmp_path, valley) -> None:
    """A second run with the plan's tables as PREVIOUS_*: nothing changed, so the dam (DEM section and storage)
    and the parcel are kept, with the same numbers and field types; a changed dam height recomputes the works."""
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    ym = Y0 - 200.0
    dam_line = f"LINESTRING({X0 + 20} {ym},{X0 + 100} {ym})"
    outputs = {
        "OUTPUT_PARCELS": store.destination("measure_quantities"),
        "OUTPUT_WORKS": store.destination("works_quantities"),
        "OUTPUT_STORAGE": store.destination("dam_storage"),
        "OUTPUT_ITEMS": store.destination("measure_items"),
    }
    previous = {
        "PREVIOUS_QUANTITIES": store.layer_uri("measure_quantities"),
        "PREVIOUS_ITEMS": store.layer_uri("measure_items"),
        "PREVIOUS_WORKS": store.layer_uri("works_quantities"),
        "PREVIOUS_STORAGE": store.layer_uri("dam_storage"),
    }
    dam = works("LineString", [(dam_line, "sediment_dam", 4.0)])
    base = {"PARCELS": parcels_layer(), "WORKS": [dam], "DEM": valley, **outputs}
    first = processing.run("sbplanner:measure_quantities", base)
    assert (first["KEPT"], first["RECOMPUTED"]) == (0, 1)
    layer = QgsVectorLayer(store.layer_uri("works_quantities"), "w", "ogr")
    storage_first = next(layer.getFeatures())["storage_m3"]
    types_first = {f.name(): f.typeName() for f in layer.fields()}
    del layer
    again = processing.run("sbplanner:measure_quantities", {**base, **previous})
    assert (again["KEPT"], again["RECOMPUTED"], again["WORK_COUNT"]) == (1, 0, 1)
    layer = QgsVectorLayer(store.layer_uri("works_quantities"), "w", "ogr")
    assert next(layer.getFeatures())["storage_m3"] == pytest.approx(storage_first)
    assert {f.name(): f.typeName() for f in layer.fields()} == types_first
    del layer
    assert QgsVectorLayer(store.layer_uri("dam_storage"), "c", "ogr").featureCount() >= 8
    items = QgsVectorLayer(store.layer_uri("measure_items"), "i", "ogr")
    kinds = {(f["source"], f["item"]) for f in items.getFeatures()}
    assert ("measure", "trees") in kinds and ("works", "storage_m3") in kinds
    del items
    # a higher dam: the works are computed again (3.5 m → 4.5 m stored depth)
    higher = works("LineString", [(dam_line, "sediment_dam", 5.0)])
    third = processing.run("sbplanner:measure_quantities", {**base, "WORKS": [higher], **previous})
    assert third["KEPT"] == 1
    storage = next(QgsVectorLayer(store.layer_uri("works_quantities"), "w", "ogr").getFeatures())["storage_m3"]
    assert storage == pytest.approx(4.5**3 / (3 * 0.5 * 0.05), rel=0.03)
