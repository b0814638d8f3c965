"""``sbplanner:terrace_layout`` in real QGIS on a plane DEM of known slope (15°), after terrace_quantities: line
count and spacing H·cotθ, the plan layers, the staking CSV and GPX, and the bad-input errors."""

from __future__ import annotations

import csv
import math
import xml.etree.ElementTree as ET

import numpy as np
import processing
import pytest
from osgeo import osr
from qgis.core import QgsFeature, QgsGeometry, QgsProcessingException, QgsVectorLayer

from sbplanner_plugin.adapters.plan_store import PlanStore
from sbplanner_plugin.adapters.staking import CSV_COLUMNS
from tests.qgis.plane import CELL, ROWS, THETA, X0, Y0, cot, write_plane_dem

GPX = "{http://www.topografix.com/GPX/1/1}"



def plane_z(y: float) -> float:
    """The DEM's plane (through the cell centres): z rises northwards by tan 15° per metre."""
    row = (Y0 - CELL / 2 - y) / CELL
    return 100.0 + (ROWS - 1 - row) * CELL * math.tan(math.radians(THETA))


@pytest.fixture
def plane_dem(tmp_path) -> str:
    return write_plane_dem(tmp_path / "plane.tif")


def square(k: int) -> str:
    x, y = X0 + 50 + k * 150, Y0 - 450
    return f"POLYGON(({x} {y},{x + 100} {y},{x + 100} {y + 100},{x} {y + 100},{x} {y}))"


def measures_layer(rows) -> QgsVectorLayer:
    """Step-3 parcels: 100 m × 100 m squares side by side, well inside the DEM."""
    fields = "&field=parcel_id:integer&field=ws_code:string&field=measure_code:string&field=measure_params:string"
    layer = QgsVectorLayer(f"Polygon?crs=EPSG:32650{fields}", "p", "memory")
    feats = []
    for k, (code, params) in enumerate(rows):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromWkt(square(k)))
        f.setAttributes([k + 1, "W1", code, params])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def terraced_layer(rows, with_height: bool = True) -> QgsVectorLayer:
    """Terraced parcels as terrace_quantities writes them (riser_height_m, suitability) — or without H."""
    fields = "&field=parcel_id:integer&field=ws_code:string"
    if with_height:
        fields += "&field=riser_height_m:double&field=suitability:string"
    layer = QgsVectorLayer(f"Polygon?crs=EPSG:32650{fields}", "t", "memory")
    feats = []
    for k, (h, suitability) in enumerate(rows):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromWkt(square(k)))
        f.setAttributes([k + 1, "W1", h, suitability] if with_height else [k + 1, "W1"])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def layout(dem, parcels, **outputs) -> dict:
    return processing.run("sbplanner:terrace_layout", {"PARCELS": parcels, "DEM": dem, **outputs})


def features(uri: str) -> list[dict]:
    layer = QgsVectorLayer(uri, "l", "ogr")
    assert layer.isValid(), uri
    out = []
    for f in layer.getFeatures():
        row = dict(zip(layer.fields().names(), f.attributes()))
        row["wkt"] = f.geometry().asWkt()
        row["xy"] = [(p.x(), p.y()) for p in f.geometry().vertices()]
        out.append(row)
    return out


def test_lines_stakes_csv_and_gpx_after_terrace_quantities(tmp_path, plane_dem) -> None:
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    processing.run(
        "sbplanner:terrace_quantities",
        {
            "PARCELS": measures_layer([("terrace_level_earth", "bench_width_m=7;riser_height_max_m=2.5"),
                                       ("terrace_level_stone", "")]),
            "DEM": plane_dem,
            "OUTPUT_PARCELS": store.destination("terrace_quantities"),
        },
    )  # fmt: skip
    csv_path, gpx_path = tmp_path / "stakes.csv", tmp_path / "stakes.gpx"
    result = layout(
        plane_dem,
        store.layer_uri("terrace_quantities"),
        OUTPUT_LINES=store.destination("terrace_lines"),
        OUTPUT_STAKES=store.destination("terrace_stakes"),
        OUTPUT_CSV=str(csv_path),
        OUTPUT_GPX=str(gpx_path),
        STAKE_SPACING_M=10.0,
    )
    # parcel 1: H = 7/(cot15 − cot75) = 2.0207 m → levels up to 100·tan15 = 26.79 m: 13 lines, 7.542 m apart;
    # parcel 2 (stone, B 6.5, α 80°): H = 6.5/(cot15 − cot80) = 1.8280 m → 14 lines, 6.822 m apart
    h = {1: 7 / (cot(15) - cot(75)), 2: 6.5 / (cot(15) - cot(80))}
    lines = features(store.layer_uri("terrace_lines"))
    assert result["LINE_COUNT"] == len(lines) == 13 + 14 and result["PARCEL_COUNT"] == 2
    z0 = plane_z(Y0 - 450)
    for pid, count in ((1, 13), (2, 14)):
        mine = sorted((r for r in lines if r["parcel_id"] == pid), key=lambda r: r["level"])
        assert [r["level"] for r in mine] == list(range(1, count + 1))
        ys = np.array([r["xy"][0][1] for r in mine])
        assert all(len(r["xy"]) == 2 and r["xy"][1][1] == pytest.approx(r["xy"][0][1]) for r in mine)  # straight
        assert np.diff(ys) == pytest.approx(h[pid] * cot(THETA), rel=1e-6)
        assert ys[0] == pytest.approx(Y0 - 450 + h[pid] * cot(THETA), abs=1e-6)
        assert [r["elevation_m"] for r in mine] == pytest.approx(z0 + h[pid] * np.arange(1, count + 1), abs=1e-6)
        assert [r["length_m"] for r in mine] == pytest.approx([100.0] * count)
        assert {r["ws_code"] for r in mine} == {"W1"}
        assert [r["riser_height_m"] for r in mine] == pytest.approx([h[pid]] * count)
    stakes = features(store.layer_uri("terrace_stakes"))
    assert result["STAKE_COUNT"] == len(stakes) == 27 * 11  # 0, 10, …, 100 m on every 100 m line
    first = sorted((s for s in stakes if s["name"].startswith("1-1-")), key=lambda s: s["chainage_m"])
    assert [s["name"] for s in first][:3] == ["1-1-0", "1-1-10", "1-1-20"]
    assert [s["x"] for s in first] == pytest.approx([X0 + 50 + 10 * k for k in range(11)])  # west → east
    assert all(s["elevation_m"] == pytest.approx(z0 + h[1], abs=1e-6) for s in first)
    assert first[3]["xy"][0] == pytest.approx((first[3]["x"], first[3]["y"]))
    assert set(store.layers()) == {"terrace_quantities", "terrace_lines", "terrace_stakes"}

    with open(csv_path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert tuple(rows[0]) == CSV_COLUMNS
    table = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert len(table) == len(stakes)
    row = next(r for r in table if r["name"] == "1-1-30")
    assert float(row["easting"]) == pytest.approx(X0 + 80, abs=1e-3)
    assert float(row["northing"]) == pytest.approx(Y0 - 450 + h[1] * cot(THETA), abs=1e-3)
    assert float(row["elevation_m"]) == pytest.approx(z0 + h[1], abs=1e-3)
    assert (row["parcel_id"], row["ws_code"], row["level"], row["chainage_m"]) == ("1", "W1", "1", "30.00")
    lon, lat = float(row["lon"]), float(row["lat"])
    # UTM 50N, 80 m east of the central meridian 117°E, 2 799 558 m north: 117.0008°E, 25.31°N (checked with OSR)
    assert 117.0 < lon < 117.001 and 25.2 < lat < 25.4
    utm, wgs = osr.SpatialReference(), osr.SpatialReference()
    utm.ImportFromEPSG(32650)
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    expected = osr.CoordinateTransformation(utm, wgs).TransformPoint(float(row["easting"]), float(row["northing"]))
    assert (lon, lat) == pytest.approx(expected[:2], abs=1e-7)

    root = ET.parse(gpx_path).getroot()
    assert root.tag == f"{GPX}gpx" and root.get("version") == "1.1"
    wpts = root.findall(f"{GPX}wpt")
    assert len(wpts) == len(table)
    by_name = {w.find(f"{GPX}name").text: w for w in wpts}
    w = by_name["1-1-30"]
    assert float(w.get("lon")) == pytest.approx(lon, abs=1e-8) and float(w.get("lat")) == pytest.approx(lat, abs=1e-8)
    assert float(w.find(f"{GPX}ele").text) == pytest.approx(z0 + h[1], abs=1e-3)
    for w in wpts:
        assert -90 <= float(w.get("lat")) <= 90 and -180 <= float(w.get("lon")) <= 180
        assert 100.0 <= float(w.find(f"{GPX}ele").text) <= plane_z(Y0 - ROWS * CELL + CELL / 2) + 160


def test_unsuitable_and_untiered_parcels_get_no_lines(tmp_path, plane_dem) -> None:
    out = str(tmp_path / "lines.gpkg")
    result = layout(plane_dem, terraced_layer([(2.0, "unsuitable"), (2.0, "reduced"), (None, None)]), OUTPUT_LINES=out)
    assert result["PARCEL_COUNT"] == 1
    assert {r["parcel_id"] for r in features(out)} == {2}
    assert {r["parcel_fid"] for r in features(out)} == {2}


def test_a_plan_path_writes_only_the_terrace_lines_layer(tmp_path, plane_dem) -> None:
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    layout(plane_dem, terraced_layer([(2.0, "suitable")]), OUTPUT_LINES=str(store.path))
    assert store.layers() == ["terrace_lines"]


def test_bad_input_is_a_clear_error_and_nothing_is_written(tmp_path, plane_dem) -> None:
    outputs = {
        "OUTPUT_LINES": str(tmp_path / "lines.gpkg"),
        "OUTPUT_CSV": str(tmp_path / "s.csv"),
        "OUTPUT_GPX": str(tmp_path / "s.gpx"),
    }
    with pytest.raises(QgsProcessingException, match="no riser_height_m field: it is not an output of Terrace"):
        layout(plane_dem, terraced_layer([(None, None)], with_height=False), **outputs)
    far = terraced_layer([(2.0, "suitable"), (2.0, "suitable")])
    far.dataProvider().changeGeometryValues({2: QgsGeometry.fromWkt("POLYGON((0 0,100 0,100 100,0 100,0 0))")})
    with pytest.raises(QgsProcessingException, match=r"The DEM does not cover 1 terraced parcels .*parcel ids 2\)"):
        layout(plane_dem, far, **outputs)
    good = terraced_layer([(2.0, "suitable")])
    for key, value in (("MIN_RADIUS_M", 0.0), ("MIN_RADIUS_M", -3.0), ("STAKE_SPACING_M", 0.0),
                       ("STAKE_SPACING_M", -10.0)):  # fmt: skip
        with pytest.raises(QgsProcessingException, match=f"Invalid value for {key}: {value:g} \\(must be > 0\\)"):
            layout(plane_dem, good, **outputs, **{key: value})
    missing = str(tmp_path / "no such folder" / "s.gpx")
    with pytest.raises(QgsProcessingException, match=r"Cannot write the output .*its folder does not exist"):
        layout(plane_dem, good, **{**outputs, "OUTPUT_GPX": missing})
    assert not any((tmp_path / n).exists() for n in ("lines.gpkg", "s.csv", "s.gpx"))


def test_outputs_are_in_the_parcel_layers_crs(tmp_path, plane_dem) -> None:
    """Parcels in WGS 84 on a UTM DEM: computed in the DEM's metres, written in the parcels' CRS."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

    utm = terraced_layer([(2.0207, "suitable")])
    geographic = QgsVectorLayer(
        "Polygon?crs=EPSG:4326&field=parcel_id:integer&field=riser_height_m:double&field=suitability:string", "g",
        "memory",
    )  # fmt: skip
    xform = QgsCoordinateTransform(utm.crs(), QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance())
    f = QgsFeature(geographic.fields())
    geometry = QgsGeometry(next(utm.getFeatures()).geometry())
    geometry.transform(xform)
    f.setGeometry(geometry)
    f.setAttributes([1, 2.0207, "suitable"])
    geographic.dataProvider().addFeatures([f])
    lines, csv_path = str(tmp_path / "lines.gpkg"), tmp_path / "s.csv"
    result = layout(plane_dem, geographic, OUTPUT_LINES=lines, OUTPUT_CSV=str(csv_path))
    assert result["LINE_COUNT"] == 13
    layer = QgsVectorLayer(lines, "l", "ogr")
    assert layer.crs().authid() == "EPSG:4326"
    assert layer.extent().xMinimum() == pytest.approx(117.0005, abs=1e-3)  # degrees, not metres
    with open(csv_path, newline="", encoding="utf-8") as fh:
        table = list(csv.DictReader(fh))
    assert float(table[0]["easting"]) == pytest.approx(float(table[0]["lon"]), abs=1e-8)
    assert float(table[0]["northing"]) == pytest.approx(float(table[0]["lat"]), abs=1e-8)
