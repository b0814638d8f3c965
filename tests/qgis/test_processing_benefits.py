"""sbplanner:evaluate_benefits in real QGIS: a small synthetic plan with hand numbers, bad input (nothing written),
and the Youwuzhen demo plan (steps 1–4) — planned soil loss never above the current one, ALL = sum of units."""

from __future__ import annotations

import processing
import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsProcessingException, QgsVectorLayer

from sbplanner_plugin.adapters import plan_store_common as names
from sbplanner_plugin.adapters.plan_store import PlanStore
from tests.qgis.feedback import Log

CRS = "EPSG:32650"
NAMES = ("微度", "轻度", "中度", "强烈", "极强烈", "剧烈")
FIELDS = (
    "parcel_id:integer", "ws_code:string", "landuse_code:string", "landuse_group:string", "landuse_name:string",
    "area_ha:double", "soil_loss_t_km2_a:double", "b_factor:double", "e_factor:double", "t_factor:double",
    "erosion_class:string", "d010_s1_pct:double", "valid_cells:integer", "measure_code:string",
    "measure_codes:string", "measure_params:string", *(f"erosion_c{j}_ha:double" for j in range(6)),
)  # fmt: skip
#: (id, ws, land use, group, class, A, B, T, measures): each parcel 1 hm², all its cells in one class
PARCELS = [
    (1, "A", "0103", "01", 1, 1500.0, 1.0, 1.0, "terrace_level_earth;hedgerow"),  # crosses the tolerance
    (2, "A", "0103", "01", 2, 3500.0, 1.0, 1.0, "terrace_level_earth"),  # crosses
    (3, "B", "0103", "01", 3, 6000.0, 1.0, 1.0, "contour_tillage"),  # stays 中度
    (4, "B", "0404", "04", 1, 1000.0, 0.3, 1.0, ""),  # stays 轻度
    (5, "B", "0404", "04", 0, 300.0, 0.3, 1.0, ""),  # 微度
]


def square(x0: float, side: float = 100.0) -> QgsGeometry:
    return QgsGeometry.fromWkt(f"POLYGON(({x0} 0, {x0 + side} 0, {x0 + side} {side}, {x0} {side}, {x0} 0))")


def parcels_layer(rows=PARCELS, drop: str | None = None) -> QgsVectorLayer:
    fields = [f for f in FIELDS if f.split(":")[0] != drop]
    layer = QgsVectorLayer(f"Polygon?crs={CRS}&" + "&".join(f"field={f}" for f in fields), "parcels_measures", "memory")
    feats = []
    for k, (pid, ws, lu, group, cls, a, b, t, codes) in enumerate(rows):
        values = {
            "parcel_id": pid, "ws_code": ws, "landuse_code": lu, "landuse_group": group, "landuse_name": lu,
            "area_ha": 1.0, "soil_loss_t_km2_a": a, "b_factor": b, "e_factor": 1.0, "t_factor": t,
            "erosion_class": NAMES[cls], "d010_s1_pct": 100.0, "valid_cells": 100,
            "measure_code": codes.split(";")[0] if codes else None, "measure_codes": codes, "measure_params": None,
            **{f"erosion_c{j}_ha": 1.0 if j == cls else 0.0 for j in range(6)},
        }  # fmt: skip
        f = QgsFeature(layer.fields())
        f.setGeometry(square(200.0 * k))
        f.setAttributes([values[n.split(":")[0]] for n in fields])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def watersheds_layer() -> QgsVectorLayer:
    layer = QgsVectorLayer(f"Polygon?crs={CRS}&field=ws_code:string&field=name:string", "ws", "memory")
    feats = []
    for k, (code, x0) in enumerate((("A", 0.0), ("B", 400.0))):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({x0} -10, {x0 + 350} -10, {x0 + 350} 150, {x0} 150, {x0} -10))"))
        f.setAttributes([code, f"unit {k}"])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def table_layer(name: str, spec: tuple, rows: list[tuple]) -> QgsVectorLayer:
    layer = QgsVectorLayer("None?" + "&".join(f"field={f}" for f in spec), name, "memory")
    feats = []
    for r in rows:
        f = QgsFeature(layer.fields())
        f.setAttributes(list(r))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def rows_of(uri: str) -> list[dict]:
    layer = QgsVectorLayer(uri, "t", "ogr")
    assert layer.isValid(), uri
    plain = lambda v: None if v is None or str(v) == "NULL" else v  # noqa: E731
    return [
        dict(zip(layer.fields().names(), map(plain, f.attributes())), _geom=f.geometry()) for f in layer.getFeatures()
    ]


def outputs(store: PlanStore) -> dict:
    return {
        "OUTPUT_PARCELS": store.destination(names.BENEFIT_PARCELS),
        "OUTPUT_WATERSHEDS": store.destination(names.BENEFIT_WATERSHEDS),
        "OUTPUT_BY_YEAR": store.destination(names.BENEFIT_BY_YEAR),
        "OUTPUT_D020": store.destination(names.BENEFIT_D020),
        "OUTPUT_D021": store.destination(names.BENEFIT_D021),
    }


ADDITIVE = ("soil_loss_current_t_a", "soil_loss_planned_t_a", "soil_conserved_t_a", "eroded_area_current_km2",
            "eroded_area_planned_km2", "assessed_area_km2", "water_retained_m3_a", "sediment_trapped_t_a")  # fmt: skip


def test_synthetic_plan_into_the_plan_geopackage(tmp_path) -> None:
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    works = table_layer("works_quantities", ("measure_code:string", "ws_code:string", "storage_m3:double"),
                        [("check_dam", "A", 500.0), ("water_cellar", "B", 40.0)])  # fmt: skip
    invest = table_layer("investment_by_ws", ("ws_code:string", "static_total_yuan:double"),
                         [("A", 100000.0), ("B", 50000.0)])  # fmt: skip
    log = Log(warning_prefix="WARNING ")
    result = processing.run(
        "sbplanner:evaluate_benefits",
        {"PARCELS": parcels_layer(), "WATERSHEDS": watersheds_layer(), "WORKS_QUANTITIES": works,
         "INVESTMENT_BY_WS": invest, "EROSION_REGION": 0, "YEARS": 10, "DISCOUNT_RATE_PCT": 8,
         "TARGET_REGION": "CN-2025", **outputs(store)},
        feedback=log,
    )  # fmt: skip
    # 5 hm² assessed, 4 eroded → 20 %; parcels 1 and 2 (terraces, E 0.084) leave the 水土流失面积 → 60 %
    assert result["SWC_RATE_CURRENT_PCT"] == pytest.approx(20.0)
    assert result["SWC_RATE_PLANNED_PCT"] == pytest.approx(60.0)
    saved = (15 + 35) * (1 - 0.084) + 60 * (1 - 0.6)
    assert result["SOIL_CONSERVED_T_A"] == pytest.approx(saved)
    for layer in (names.BENEFIT_PARCELS, names.BENEFIT_WATERSHEDS, names.BENEFIT_BY_YEAR, names.BENEFIT_D020,
                  names.BENEFIT_D021):  # fmt: skip
        assert layer in store.layers(), layer
    units = {r["ws_code"]: r for r in rows_of(store.layer_uri(names.BENEFIT_WATERSHEDS))}
    assert set(units) == {"A", "B", "ALL"}
    assert units["A"]["name"] == "unit 0" and units["ALL"]["name"] is None  # the watersheds' own fields kept
    assert units["ALL"]["_geom"].area() == pytest.approx(2 * 350 * 160)  # ALL: the union of the watersheds
    assert units["A"]["swc_rate_planned_pct"] == pytest.approx(100.0)
    assert units["ALL"]["sediment_trapped_t_a"] == pytest.approx(500 * 1.35 / 5)  # 谷坊: V × γ / T
    for column in ADDITIVE:
        assert units["ALL"][column] == pytest.approx(units["A"][column] + units["B"][column]), column
    parcels = rows_of(store.layer_uri(names.BENEFIT_PARCELS))
    assert len(parcels) == 5
    for p in parcels:
        assert p["soil_loss_planned_t_a"] <= p["soil_loss_current_t_a"] + 1e-9
    assert len(rows_of(store.layer_uri(names.BENEFIT_BY_YEAR))) == 3 * 10
    d021 = {r["ws_code"]: r for r in rows_of(store.layer_uri(names.BENEFIT_D021))}
    assert d021["ALL"]["investment_wan_yuan"] == pytest.approx(15.0)
    assert "水土保持率 20.00 % → 60.00 %" in log.text()


def test_layout_without_measures_is_refused_and_nothing_is_written(tmp_path) -> None:
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    empty = [(*p[:-1], "") for p in PARCELS]
    with pytest.raises(QgsProcessingException, match="holds no measure"):
        processing.run("sbplanner:evaluate_benefits", {"PARCELS": parcels_layer(empty), **outputs(store)})
    with pytest.raises(QgsProcessingException, match="'b_factor'"):
        processing.run("sbplanner:evaluate_benefits", {"PARCELS": parcels_layer(drop="b_factor"), **outputs(store)})
    with pytest.raises(QgsProcessingException, match="not a step-3 layout"):
        processing.run("sbplanner:evaluate_benefits",
                       {"PARCELS": parcels_layer(drop="measure_code"), **outputs(store)})  # fmt: skip
    with pytest.raises(QgsProcessingException, match="does not match the step-2 erosion classes"):
        processing.run("sbplanner:evaluate_benefits",
                       {"PARCELS": parcels_layer(), "TOLERANCE_T_KM2_A": 1200, **outputs(store)})  # fmt: skip
    assert not any(n.startswith("benefit_") for n in store.layers())


def test_youwuzhen_plan(youwuzhen_plan_copy, capsys) -> None:
    """Steps 1–4 on Youwuzhen (assign measures, measure quantities, investment), then the benefits."""
    store = youwuzhen_plan_copy
    processing.run(
        "sbplanner:assign_measures",
        {"PARCELS": store.layer_uri(names.PARCELS), "REGION": 0,
         "OUTPUT_PARCELS": store.destination(names.PARCELS_MEASURES)},
    )  # fmt: skip
    processing.run(
        "sbplanner:measure_quantities",
        {"PARCELS": store.layer_uri(names.PARCELS_MEASURES),
         "OUTPUT_PARCELS": store.destination(names.MEASURE_QUANTITIES),
         "OUTPUT_ITEMS": store.destination(names.MEASURE_ITEMS)},
    )  # fmt: skip
    processing.run(
        "sbplanner:estimate_investment",
        {"ITEMS": [store.layer_uri(names.MEASURE_ITEMS)],
         "OUTPUT_SUMMARY": store.destination(names.INVESTMENT_SUMMARY),
         "OUTPUT_BY_WATERSHED": store.destination(names.INVESTMENT_BY_WATERSHED)},
    )  # fmt: skip
    log = Log(warning_prefix="WARNING ")
    result = processing.run(
        "sbplanner:evaluate_benefits",
        {"PARCELS": store.layer_uri(names.PARCELS_MEASURES), "WATERSHEDS": store.layer_uri(names.WATERSHEDS),
         "INVESTMENT_BY_WS": store.layer_uri(names.INVESTMENT_BY_WATERSHED), "EROSION_REGION": 0,
         "TARGET_REGION": "FJ-2025", **outputs(store)},
        feedback=log,
    )  # fmt: skip
    parcels = rows_of(store.layer_uri(names.BENEFIT_PARCELS))
    assert len(parcels) == 584
    for p in parcels:
        if p["soil_loss_current_t_a"] is not None:
            assert p["soil_loss_planned_t_a"] <= p["soil_loss_current_t_a"] + 1e-9, p["parcel_id"]
            assert p["eroded_area_planned_ha"] <= p["eroded_area_current_ha"] + 1e-9, p["parcel_id"]
    units = {r["ws_code"]: r for r in rows_of(store.layer_uri(names.BENEFIT_WATERSHEDS))}
    whole = units.pop("ALL")
    assert units
    for column in ADDITIVE:
        assert whole[column] == pytest.approx(sum(u[column] or 0.0 for u in units.values()), rel=1e-9), column
    assert whole["soil_loss_planned_t_a"] < whole["soil_loss_current_t_a"]
    assert result["SWC_RATE_PLANNED_PCT"] >= result["SWC_RATE_CURRENT_PCT"]
    assert result["SOIL_CONSERVED_T_A"] == pytest.approx(whole["soil_conserved_t_a"])
    with capsys.disabled():
        print("\nYouwuzhen benefits:\n" + log.text())
        keys = (
            "soil_loss_current_t_a",
            "soil_loss_planned_t_a",
            "soil_conserved_t_a",
            "swc_rate_current_pct",
            "swc_rate_planned_pct",
            "eroded_area_current_km2",
            "eroded_area_planned_km2",
            "treatment_degree_pct",
            "forest_grass_cover_current_pct",
            "forest_grass_cover_planned_pct",
            "water_retained_m3_a",
            "investment_yuan",
            "investment_yuan_per_t_a",
            "investment_yuan_per_hm2",
            "npv_yuan",
            "irr_pct",
        )
        print({k: whole[k] for k in keys})  # fmt: skip
        print({code: round(u["soil_conserved_t_a"], 1) for code, u in units.items()})
