"""assign_measures in real QGIS, on the analysed Youwuzhen demo parcels and on constructed parcels."""

from __future__ import annotations

from pathlib import Path

import processing
import pytest
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
    QgsVectorLayer,
)

from sbplanner_plugin.adapters.plan_store import PlanStore
from tests.qgis.conftest import copy_plan
from tests.qgis.feedback import Log

RULES_CSV = Path(__file__).resolve().parents[2] / "resources" / "params" / "assignment_rules.csv"


def rows(uri: str) -> list[dict]:
    layer = QgsVectorLayer(uri, "t", "ogr")
    assert layer.isValid(), uri
    return [dict(zip(layer.fields().names(), f.attributes())) for f in layer.getFeatures()]


def text(value) -> str:
    return "" if value is None or str(value) == "NULL" else str(value)


@pytest.fixture(scope="module")
def analysed(tmp_path_factory, youwuzhen_plan) -> str:
    """The analysed Youwuzhen parcels (steps 1–2), in a private copy of the plan."""
    return copy_plan(youwuzhen_plan, tmp_path_factory.mktemp("measures")).layer_uri("parcels")


@pytest.fixture(scope="module")
def demo_result(analysed, tmp_path_factory) -> tuple[list[dict], str]:
    store = PlanStore(Path(analysed.split("|")[0]))
    log = Log(warning_prefix="WARNING ")
    processing.run(
        "sbplanner:assign_measures",
        {"PARCELS": analysed, "REGION": 0, "OUTPUT_PARCELS": store.destination("parcels_measures")},
        feedback=log,
    )
    return rows(store.layer_uri("parcels_measures")), log.text()


def area_by(parcels: list[dict], key: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for p in parcels:
        out[text(p[key])] = out.get(text(p[key]), 0.0) + p["area_ha"]
    return out


def test_youwuzhen_layout_is_a_red_soil_layout(demo_result) -> None:
    parcels, log = demo_result
    assert len(parcels) == 584
    first = parcels[0]
    for name in ("DLBM", "GDLX", "FVC", "YBD", "parcel_id", "erosion_class", "soil_loss_t_km2_a"):
        assert name in first  # input fields kept
    for name in ("measure_code", "measure_name", "measure_category", "measure_codes", "rule_id", "reason", "status"):
        assert name in first
    assert {p["status"] for p in parcels} == {"proposed"}

    area = area_by(parcels, "measure_code")
    # forest (0301, FVC 0.75 / canopy 0.6 in the demo layer): 轻度 296.81 hm² → 封育治理; the 23.62 hm² of
    # 微度 forest get no measure by default (issue 9 item 10: before, 封育 counted them as treated)
    assert area["closure"] == pytest.approx(296.81, abs=0.05)
    # orchards: 轻度 41.72 + 中度 26.33 hm² → 果园改造 (SEIMS BMP 4 jingjilinguo); 0.61 hm² 微度 stay
    assert area["orchard_improvement"] == pytest.approx(68.05, abs=0.05)
    # paddies 110.56 + built-up 32.61 + ponds 4.60 + slight-erosion orchards 0.61 + 微度 forest 23.62
    assert area[""] == pytest.approx(172.00, abs=0.05)
    assert set(area) == {"closure", "orchard_improvement", ""}
    for p in parcels:
        code, lu = text(p["measure_code"]), p["landuse_code"]
        if lu in ("0101", "0601", "0702", "1104"):
            assert code == "", p["reason"]  # non-eroding land: no measure
            assert "不配置措施" in p["reason"]
        if p["erosion_class"] != "微度":  # every eroding parcel (≥ 轻度) gets a measure
            assert code, p["reason"]
        if lu.startswith("03") and p["erosion_class"] != "微度":  # SEIMS forest BMPs: 封育 / 低效林改造 / 生态林草
            assert code in ("closure", "low_forest_improvement", "eco_forest_grass")
        if p["erosion_class"] == "微度":  # not eroded land: no measure by default (issue 9 item 10)
            assert code == "", p["reason"]
        if lu.startswith("02") and p["erosion_class"] != "微度":
            assert code == "orchard_improvement"
            assert p["measure_codes"] in (
                "orchard_improvement;hedgerow",
                "orchard_improvement",
                "orchard_improvement;fish_scale_pit",
            )
    # the one paddy on > 25° (27.4°) is reported, not retired
    assert "paddy parcels" in log and "25°" in log
    assert "封育治理 (closure, 治理): 296.81 hm², 234 parcels" in log
    assert "296.81 hm²" in log and "0.00 hm² prevention/protection" in log
    assert "果园改造 (orchard_improvement, 治理): 68.05 hm²" in log


def test_lower_cover_turns_closure_into_low_quality_forest_improvement(analysed, tmp_path) -> None:
    """Same parcels, a cover field with 0.3 on every third parcel: those light-erosion forests become 低效林改造."""
    with_cover = str(tmp_path / "cover.gpkg")
    processing.run(
        "native:fieldcalculator",
        {
            "INPUT": analysed,
            "FIELD_NAME": "FVC_SURVEY",
            "FIELD_TYPE": 0,
            "FIELD_LENGTH": 10,
            "FIELD_PRECISION": 3,
            "FORMULA": 'if("parcel_id" % 3 = 0, 0.3, "FVC")',
            "OUTPUT": with_cover,
        },
    )
    out = str(tmp_path / "measures.gpkg")
    processing.run(
        "sbplanner:assign_measures",
        {"PARCELS": with_cover, "COVER_FIELD": "FVC_SURVEY", "OUTPUT_PARCELS": out},
    )
    parcels = rows(out)
    light_forest = [p for p in parcels if p["landuse_code"] == "0301" and p["erosion_class"] == "轻度"]
    sparse = [p for p in light_forest if p["parcel_id"] % 3 == 0]
    dense = [p for p in light_forest if p["parcel_id"] % 3 != 0]
    assert len(sparse) > 50 and len(dense) > 100
    assert {p["measure_code"] for p in sparse} == {"low_forest_improvement"}
    assert {p["rule_id"] for p in sparse} == {"F-LIGHT-SPARSE-COVER"}
    assert all("0.30 < 0.45" in p["reason"] for p in sparse)
    assert {p["measure_code"] for p in dense} == {"closure"}


def _memory_parcels(records: list[tuple]) -> QgsVectorLayer:
    layer = QgsVectorLayer(
        "Polygon?crs=EPSG:2415&field=landuse_code:string&field=landuse_name:string&field=slope_mean_deg:double"
        "&field=erosion_class:string&field=area_ha:double&field=GDLX:string&field=TGKN:integer&field=SOIL_M:double",
        "parcels",
        "memory",
    )
    feats = []
    for i, values in enumerate(records):
        f = QgsFeature(layer.fields())
        f.setAttributes(list(values))
        x = 39444100 + 200 * i
        f.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({x} 2841000,{x + 100} 2841000,{x + 100} 2841100,{x} 2841000))"))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def test_the_25_degree_law_overrides_a_cropping_rule_and_names_it(tmp_path) -> None:
    lines = RULES_CSV.read_text(encoding="utf-8").splitlines()
    rules = tmp_path / "my_rules.csv"
    rules.write_text(
        "\n".join(
            [
                lines[0],
                "COUNTY-TILL,1,01;!0101,20,,,,,,,,,,,contour_ridge,{landuse} → {measures},county rules,PROPOSAL",
                *lines[1:],
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    layer = _memory_parcels(
        [
            ("0103", "旱地", 28.0, "强烈", 0.5, "PD", 0, 0.8),  # steep, not exempt → 退耕还林还草
            ("0103", "旱地", 28.0, "强烈", 0.5, "PD", 1, 0.8),  # 退耕确有困难 → the county rule is legal
            ("0103", "旱地", 27.0, "强烈", 0.5, "PD", 1, 0.2),
            ("0103", "旱地", 10.0, "中度", 0.5, "PD", 0, 0.2),  # thin soil → 坡式梯田
            ("0103", "旱地", 10.0, "中度", 0.5, "TT", 0, 1.0),  # already terraced
            ("0201", "果园", 12.0, "轻度", 0.5, "", 0, None),
        ]
    )
    log = Log(warning_prefix="WARNING ")
    out = str(tmp_path / "out.gpkg")
    processing.run(
        "sbplanner:assign_measures",
        {
            "PARCELS": layer,
            "RULES": str(rules),
            "REGION": 0,
            "RETIRE_EXEMPT_FIELD": "TGKN",
            "SOIL_DEPTH_FIELD": "SOIL_M",
            "OUTPUT_PARCELS": out,
        },
        feedback=log,
    )
    got = [(p["rule_id"], p["measure_codes"]) for p in rows(out)]
    assert got == [
        ("SWC-LAW", "retire_to_forest_grass;fish_scale_pit"),
        ("COUNTY-TILL", "contour_ridge"),
        ("COUNTY-TILL", "contour_ridge"),
        ("C-5-15-THIN", "terrace_slope;hedgerow"),
        ("C-TT-ERODING", "hedgerow"),
        ("O-SLOPE", "orchard_improvement;hedgerow"),
    ]
    assert (
        "Rule COUNTY-TILL would keep 1 cropland parcels beyond the prohibited-cultivation slope (25°) cropped "
        "(等高沟垄种植)" in log.text()
    )
    first = rows(out)[0]
    assert "《水土保持法》第二十条" in first["reason"] and first["TGKN"] == 0


def test_bad_inputs_give_clear_messages(tmp_path, analysed) -> None:
    layer = QgsVectorLayer("Polygon?crs=EPSG:2415&field=DLBM:string", "raw", "memory")
    with pytest.raises(QgsProcessingException, match=r"lacks the field 'landuse_code': run 'Analyse parcels' first"):
        processing.run("sbplanner:assign_measures", {"PARCELS": layer, "OUTPUT_PARCELS": "TEMPORARY_OUTPUT"})
    broken = tmp_path / "assignment_rules.csv"
    text = RULES_CSV.read_text(encoding="utf-8")
    broken.write_text(text.replace(",closure,", ",closed,", 1), encoding="utf-8")
    line = next(i for i, ln in enumerate(broken.read_text(encoding="utf-8").splitlines(), 1) if ",closed," in ln)
    with pytest.raises(QgsProcessingException, match=rf"assignment_rules.csv, line {line}, column 'measure_codes'"):
        processing.run(
            "sbplanner:assign_measures",
            {"PARCELS": analysed, "RULES": str(broken), "OUTPUT_PARCELS": "TEMPORARY_OUTPUT"},
        )


def test_slope_limit_gdpdjb_no_cultivation_area_and_benggang_flag(tmp_path) -> None:
    """Issue 9 items 9 and 15 through the algorithm: a 15° provincial limit, the 三调 grade, the 禁垦范围
    layer (area share ≥ 50 %) and a 崩岗 flag field."""
    layer = QgsVectorLayer(
        "Polygon?crs=EPSG:2415&field=landuse_code:string&field=landuse_name:string&field=slope_mean_deg:double"
        "&field=erosion_class:string&field=area_ha:double&field=GDPDJB:string&field=BG:integer",
        "parcels",
        "memory",
    )
    records = [
        ("0103", "旱地", 12.0, "强烈", 0.5, "4", 0),  # grade 4 (15°–25°] is wholly above 15°
        ("0103", "旱地", 10.0, "中度", 0.5, "3", 0),  # inside the 禁垦范围
        ("0103", "旱地", 10.0, "中度", 0.5, "3", 0),  # outside it
        ("0404", "其他草地", 30.0, "剧烈", 0.5, None, 1),  # marked 崩岗
    ]
    feats = []
    for i, values in enumerate(records):
        f = QgsFeature(layer.fields())
        f.setAttributes(list(values))
        x = 39444100 + 200 * i
        f.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({x} 2841000,{x + 100} 2841000,{x + 100} 2841100,{x} 2841000))"))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    zones = QgsVectorLayer("Polygon?crs=EPSG:2415", "jinken", "memory")
    zone = QgsFeature(zones.fields())
    zone.setGeometry(
        QgsGeometry.fromWkt(
            "POLYGON((39444290 2840990,39444410 2840990,39444410 2841110,39444290 2841110,39444290 2840990))"
        )
    )
    zones.dataProvider().addFeatures([zone])
    log = Log(warning_prefix="WARNING ")
    out = str(tmp_path / "out.gpkg")
    processing.run(
        "sbplanner:assign_measures",
        {
            "PARCELS": layer,
            "REGION": 0,
            "SLOPE_LIMIT_DEG": 15.0,
            "NO_CULTIVATION_AREAS": zones,
            "BENGGANG_FIELD": "BG",
            "OUTPUT_PARCELS": out,
        },
        feedback=log,
    )
    got = [(p["rule_id"], text(p["steep_cropland"])) for p in rows(out)]
    assert got == [("SWC-LAW", "gdpdjb"), ("SWC-LAW", "no_cultivation_area"), ("C-5-15", ""), ("BG-MARKED", "")]
    reasons = [p["reason"] for p in rows(out)]
    assert "GDPDJB=4（15°–25°），禁垦坡度 15°" in reasons[0]
    assert "禁垦范围" in reasons[1] and "省级规定的禁止开垦坡度（15°）" in reasons[1]
    assert "崩岗" in reasons[3]
    assert (
        "1 cropland parcels are beyond the prohibited-cultivation slope (15°) by their 三调 slope grade" in log.text()
    )
    assert "inside the prohibited-cultivation area" in log.text()
    # without the parameters: the law's 25° on the DEM mean, GDPDJB 4 does not decide
    out25 = str(tmp_path / "out25.gpkg")
    processing.run("sbplanner:assign_measures", {"PARCELS": layer, "REGION": 0, "OUTPUT_PARCELS": out25})
    assert [p["rule_id"] for p in rows(out25)] == ["C-5-15", "C-5-15", "C-5-15", "G-STEEP"]
