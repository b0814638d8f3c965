"""``sbplanner:terrace_quantities`` in real QGIS on a plane DEM of known slope (15°): hand numbers, the plan
layers, the previous-quantities shortcut and the bad-input errors."""

from __future__ import annotations

import processing
import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsProcessingException, QgsVectorLayer

from sbplanner_plugin.adapters.plan_store import PlanStore
from tests.qgis.plane import X0, Y0, cot, write_plane_dem


@pytest.fixture
def plane_dem(tmp_path) -> str:
    return write_plane_dem(tmp_path / "plane.tif")


def parcels(rows, with_measures: bool = True) -> QgsVectorLayer:
    """100 m × 100 m squares (1 hm²) side by side, well inside the DEM."""
    fields = "&field=parcel_id:integer&field=ws_code:string"
    if with_measures:
        fields += "&field=measure_code:string&field=measure_params:string"
    layer = QgsVectorLayer(f"Polygon?crs=EPSG:32650{fields}", "p", "memory")
    feats = []
    for k, (code, params) in enumerate(rows):
        x, y = X0 + 50 + k * 150, Y0 - 450
        f = QgsFeature(layer.fields())
        f.setGeometry(
            QgsGeometry.fromWkt(f"POLYGON(({x} {y},{x + 100} {y},{x + 100} {y + 100},{x} {y + 100},{x} {y}))")
        )
        f.setAttributes([k + 1, "W1", code, params] if with_measures else [k + 1, "W1"])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


LAYOUT = [
    ("terrace_level_earth", "bench_width_m=7;riser_height_max_m=2.5"),  # the worked check
    ("terrace_level_stone", ""),  # auto B 6.5 (15–20° band), α 80°
    ("forest_arbor", ""),  # not a terrace: not in the output
    ("terrace_level_earth", "bench_width_m=4"),  # with MIN_BENCH_WIDTH_M 5: H = 4/3.4641 … see below
]


def run(dem, layer, out, items=None, **extra) -> dict:
    params = {"PARCELS": layer, "DEM": dem, "OUTPUT_PARCELS": out, **extra}
    if items:
        params["OUTPUT_ITEMS"] = items
    return processing.run("sbplanner:terrace_quantities", params)


def rows_of(uri: str) -> dict[int, dict]:
    layer = QgsVectorLayer(uri, "t", "ogr")
    assert layer.isValid(), uri
    return {f["parcel_id"]: dict(zip(layer.fields().names(), f.attributes())) for f in layer.getFeatures()}


def test_plane_dem_hand_numbers_into_the_plan(tmp_path, plane_dem) -> None:
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    result = run(
        plane_dem, parcels(LAYOUT), store.destination("terrace_quantities"), store.destination("terrace_items")
    )
    assert (result["SUITABLE"], result["REDUCED"], result["UNSUITABLE"]) == (3, 0, 0)
    got = rows_of(store.layer_uri("terrace_quantities"))
    assert set(got) == {1, 2, 4}
    a = got[1]  # θ 15°, B 7, α 75° → H 2.021 m, 2526 m³/hm², riser share 7.2 %
    assert a["slope_design_deg"] == pytest.approx(15.0, abs=1e-6)
    assert a["riser_height_m"] == pytest.approx(2.021, rel=1e-3)
    assert a["earthwork_m3_per_ha"] == pytest.approx(2526, rel=1e-3)
    assert a["riser_share"] == pytest.approx(0.0718, abs=5e-4)
    bm = 7 / (cot(15) - cot(75)) * cot(15)
    assert a["earthwork_m3"] == pytest.approx(7 * 2.0207 / 8 * 10_000 / bm, rel=1e-3)
    assert a["net_cropland_ha"] == pytest.approx(1 - 0.0718, abs=5e-4)
    b = got[2]  # stone: B 6.5 (table), α 80: H = 6.5/(cot15 − cot80) = 1.828 m; masonry H·0.4·L
    h = 6.5 / (cot(15) - cot(80))
    assert b["riser_height_m"] == pytest.approx(h, rel=1e-6)
    assert b["masonry_m3"] == pytest.approx(h * 0.4 * 10_000 / (h * cot(15)), rel=1e-6)
    assert "H = B·sinθ·sinα/sin(α−θ)" in b["basis"]
    items = QgsVectorLayer(store.layer_uri("terrace_items"), "i", "ogr")
    cut = {f["feature_id"]: f["quantity"] for f in items.getFeatures() if f["item"] == "earth_cut_m3"}
    assert cut[1] == pytest.approx(a["earthwork_m3"]) and set(cut) == {1, 2, 4}
    assert "parcels_measures" not in store.layers()  # only its own layers written


def test_unsuitable_and_previous_quantities(tmp_path, plane_dem) -> None:
    first = str(tmp_path / "first.gpkg")
    # B 4 m below the 5 m minimum is a parcel's own width: H = 4/(cot15 − cot75) = 1.155 m fits, so it stays;
    # a 2.2 m riser limit on the stone parcel, MIN 6.6: B' = 2.2·(cot15 − cot80) = 7.82 ≥ 6.6 → suitable at 6.5
    result = run(plane_dem, parcels(LAYOUT), first, MIN_BENCH_WIDTH_M=3.0, RISER_HEIGHT_MAX_M=1.0)
    # H max 1.0 m everywhere: worked-check parcel H 2.02 > 1 → B' = 1·3.4641 = 3.46 ≥ 3 → reduced;
    # stone B 6.5, H 1.83 > 1 → B' = 1·(3.7321 − 0.1763) = 3.56 → reduced; B 4: H 1.155 > 1 → B' 3.46 → reduced
    assert (result["SUITABLE"], result["REDUCED"], result["UNSUITABLE"]) == (0, 3, 0)
    second = str(tmp_path / "second.gpkg")
    result = run(plane_dem, parcels(LAYOUT), second, MIN_BENCH_WIDTH_M=4.0, RISER_HEIGHT_MAX_M=1.0)
    assert result["UNSUITABLE"] == 3  # every B' (3.46, 3.56, 3.46) < 4 m
    row = rows_of(second)[1]
    assert row["suitability"] == "unsuitable" and row["alternative_measure"] == "terrace_slope"
    assert "1.15" in row["suitability_reason"]  # H at the 4 m minimum: 4/3.4641 = 1.155 m
    assert row["earthwork_m3"] == 0
    # the same run again with the previous output: nothing recomputed, same numbers
    third = str(tmp_path / "third.gpkg")
    run(plane_dem, parcels(LAYOUT), third, MIN_BENCH_WIDTH_M=4.0, RISER_HEIGHT_MAX_M=1.0,
        PREVIOUS_QUANTITIES=second)  # fmt: skip
    assert rows_of(third)[2]["suitability_reason"] == rows_of(second)[2]["suitability_reason"]


def test_bad_input_is_a_clear_error_and_nothing_is_written(tmp_path, plane_dem) -> None:
    out = tmp_path / "out.gpkg"
    with pytest.raises(QgsProcessingException, match="no measure_code field"):
        run(plane_dem, parcels(LAYOUT, with_measures=False), str(out))
    with pytest.raises(QgsProcessingException, match=r"Parcel 1: the riser angle α 12° must be steeper"):
        run(plane_dem, parcels(LAYOUT), str(out), RISER_ANGLE_DEG=12.0)
    with pytest.raises(QgsProcessingException, match="below the minimum workable width"):
        run(plane_dem, parcels(LAYOUT), str(out), BENCH_WIDTH_M=2.0)
    with pytest.raises(QgsProcessingException, match="bench_width_m must be a positive number"):
        run(plane_dem, parcels([("terrace_level_earth", "bench_width_m=0")]), str(out))
    far = parcels(LAYOUT)
    far.dataProvider().changeGeometryValues({1: QgsGeometry.fromWkt("POLYGON((0 0,100 0,100 100,0 100,0 0))")})
    with pytest.raises(QgsProcessingException, match="The DEM does not cover 1 terraced parcels"):
        run(plane_dem, far, str(out))
    assert not out.exists()


def test_a_plan_without_terraces_gets_empty_layers_and_a_warning(tmp_path, plane_dem) -> None:
    from tests.qgis.feedback import Log

    log = Log(warning_prefix="WARNING ")
    out = str(tmp_path / "none.gpkg")
    result = processing.run(
        "sbplanner:terrace_quantities",
        {"PARCELS": parcels([("forest_arbor", "")]), "DEM": plane_dem, "OUTPUT_PARCELS": out},
        feedback=log,
    )
    assert result["SUITABLE"] == 0 and result["EARTHWORK_M3"] == 0
    assert QgsVectorLayer(out, "n", "ogr").featureCount() == 0
    assert "No parcel of the layer has a terrace as its primary measure" in log.text()
