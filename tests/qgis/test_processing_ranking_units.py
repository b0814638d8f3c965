"""``sbplanner:urgency_ranking`` per 行政村 (RANK_UNITS, VILLAGES, VILLAGE_NAME_FIELD, VILLAGE_POPULATION_FIELD)
and with 重点防治区 (KEY_AREAS, KEY_AREA_KIND_FIELD) in real QGIS: the hand numbers of
tests/unit/test_ranking_units.py, the plan layers and the bad-input errors."""

from __future__ import annotations

import math

import processing
import pytest
from qgis.core import NULL, QgsGeometry, QgsProcessingException

from sbplanner_plugin.adapters.plan_store import PlanStore
from tests.qgis.test_processing_ranking import URGENCY_PARCELS, X0, Y0, analysed, memory, rows_of, watersheds

S = math.sqrt(20_000.0)  # side of a 2 hm² square parcel


def rect(x0, y0, x1, y1) -> QgsGeometry:
    a, b, c, d = X0 + x0, Y0 + y0, X0 + x1, Y0 + y1
    return QgsGeometry.fromWkt(f"POLYGON(({a} {b},{c} {b},{c} {d},{a} {d},{a} {b}))")


#: tests/unit/test_ranking_units.py VILLAGE_PARCELS as squares: A cropland 2 hm² (中度), B forest 2 hm²,
#: C cropland 1 hm² far away; every parcel's ws_code is SW9 (not the villages).
PARCELS = [
    ("SW9", "0103", 2.0, 3000.0, 2, 10.0, 2, None, 0, 0, S),
    ("SW9", "0301", 2.0, 100.0, 0, 20.0, 3, 0.5, S, 0, S),
    ("SW9", "0103", 1.0, 6000.0, 3, 10.0, 2, None, 1000, 0, 100),
]


def villages():
    """V1 = the left half of A (1 hm², 50 persons), V2 = the right half of A and B (3 hm², 60 persons)."""
    return memory(
        "MultiPolygon", "&field=name:string&field=people:double",
        [(rect(0, 0, S / 2, S), ["V1", 50.0]), (rect(S / 2, 0, 2 * S, S), ["V2", 60.0])],
    )  # fmt: skip


def test_urgency_ranking_of_villages_into_a_plan(tmp_path):
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    result = processing.run("sbplanner:urgency_ranking", {
        "RANK_UNITS": 1, "VILLAGES": villages(), "VILLAGE_NAME_FIELD": "name",
        "VILLAGE_POPULATION_FIELD": "people", "PARCELS": analysed(PARCELS), "DRAWS": 0,
        "OUTPUT_WATERSHEDS": str(store.path), "OUTPUT_TABLE": str(store.path),
    })  # fmt: skip
    assert result["UNITS"] == 2
    assert {"vil_urgency", "vil_urgency_table"} <= set(store.layers()) and "ws_urgency" not in store.layers()
    rows = rows_of(store.layer_uri("vil_urgency"), "name")
    assert rows["V1"]["people"] == 50.0 and rows["V1"]["village_code"] == "V1"  # village fields kept, and the key
    assert [rows[v]["v_eroded_share"] for v in ("V1", "V2")] == pytest.approx([100.0, 100.0 / 3])
    assert [rows[v]["v_modulus_ratio"] for v in ("V1", "V2")] == pytest.approx([6.0, 3200 / 3 / 500])
    # 50 persons / 0.01 km², 60 / 0.03 km²
    assert [rows[v]["v_population_density"] for v in ("V1", "V2")] == pytest.approx([5000.0, 2000.0])
    assert [rows[v]["urgency_score"] for v in ("V1", "V2")] == pytest.approx([100.0, 0.0])
    assert [rows[v]["urgency_rank"] for v in ("V1", "V2")] == [1, 2]
    table = rows_of(store.layer_uri("vil_urgency_table"), "village_code")
    assert table["V2"]["urgency_rank"] == 2


def test_urgency_ranking_of_villages_needs_the_layer_and_its_field(tmp_path):
    out = tmp_path / "u.gpkg"
    for extra in ({}, {"VILLAGES": villages()}, {"VILLAGES": villages(), "VILLAGE_NAME_FIELD": "nope"}):
        with pytest.raises(QgsProcessingException, match="Ranking villages needs the village polygon layer"):
            processing.run("sbplanner:urgency_ranking", {
                "RANK_UNITS": 1, "PARCELS": analysed(PARCELS), "OUTPUT_WATERSHEDS": str(out), **extra,
            })  # fmt: skip
    dup = memory("MultiPolygon", "&field=name:string", [(rect(0, 0, S, S), ["V"]), (rect(S, 0, 2 * S, S), ["V"])])
    with pytest.raises(QgsProcessingException, match="'V' more than once in field name"):
        processing.run("sbplanner:urgency_ranking", {
            "RANK_UNITS": 1, "VILLAGES": dup, "VILLAGE_NAME_FIELD": "name", "PARCELS": analysed(PARCELS),
            "OUTPUT_WATERSHEDS": str(out),
        })  # fmt: skip
    assert not out.exists()
    with pytest.raises(QgsProcessingException, match="no ws_code field"):  # small watersheds: the default
        processing.run("sbplanner:urgency_ranking", {"PARCELS": analysed(PARCELS), "OUTPUT_WATERSHEDS": str(out)})


def key_areas(kinds=("国家级重点治理区", "省级重点预防区", "省级重点治理区")):
    """tests/unit/test_ranking_units.py KEY_AREAS: inside W2, across W1 | W2, touching W3's east edge."""
    boxes = [rect(1200, 200, 1300, 300), rect(900, 0, 1100, 100), rect(3000, 0, 3100, 100)]
    return memory("MultiPolygon", "&field=kind:string", [(g, [k]) for g, k in zip(boxes, kinds)])


def test_urgency_ranking_with_key_areas(tmp_path):
    out = str(tmp_path / "u.gpkg")
    processing.run("sbplanner:urgency_ranking", {
        "WATERSHEDS": watersheds(), "PARCELS": analysed(URGENCY_PARCELS), "POPULATION_FIELD": "pop",
        "KEY_AREAS": key_areas(), "KEY_AREA_KIND_FIELD": "kind", "DRAWS": 0, "OUTPUT_WATERSHEDS": out,
    })  # fmt: skip
    ws = rows_of(out, "ws_code")
    assert [ws[c]["key_area"] for c in ("W1", "W2", "W3")] == [
        "省级重点预防区", "国家级重点治理区;省级重点预防区", NULL
    ]  # fmt: skip
    assert [ws[c]["v_key_area"] for c in ("W1", "W2", "W3")] == [0.0, 3.0, 0.0]
    assert ws["W2"]["urgency_flags"] == NULL  # key_area_hard_flag 0 in the bundled ranking_params.csv
    with pytest.raises(QgsProcessingException, match="needs its kind field"):
        processing.run("sbplanner:urgency_ranking", {
            "WATERSHEDS": watersheds(), "PARCELS": analysed(URGENCY_PARCELS), "KEY_AREAS": key_areas(),
            "OUTPUT_WATERSHEDS": str(tmp_path / "v.gpkg"),
        })  # fmt: skip
    with pytest.raises(QgsProcessingException, match="kind '重点区'"):
        processing.run("sbplanner:urgency_ranking", {
            "WATERSHEDS": watersheds(), "PARCELS": analysed(URGENCY_PARCELS),
            "KEY_AREAS": key_areas(("重点区", "省级重点预防区", "省级重点治理区")), "KEY_AREA_KIND_FIELD": "kind",
            "OUTPUT_WATERSHEDS": str(tmp_path / "w.gpkg"),
        })  # fmt: skip
    assert not (tmp_path / "v.gpkg").exists() and not (tmp_path / "w.gpkg").exists()
