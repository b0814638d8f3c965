"""``sbplanner:urgency_ranking`` and ``sbplanner:slope_farmland_priority`` in real QGIS on small synthetic
layers (the hand numbers of tests/unit/test_ranking.py), the plan layers and the bad-input errors."""

from __future__ import annotations

import processing
import pytest
from qgis.core import NULL, QgsFeature, QgsGeometry, QgsProcessingException, QgsVectorLayer

from sbplanner_plugin.adapters.plan_store import PlanStore

CRS = "EPSG:32650"
X0, Y0 = 500_000.0, 2_800_000.0


def box(x0, y0, size):
    x, y = X0 + x0, Y0 + y0
    return QgsGeometry.fromWkt(f"POLYGON(({x} {y},{x + size} {y},{x + size} {y + size},{x} {y + size},{x} {y}))")


def memory(kind: str, fields: str, rows) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{kind}?crs={CRS}{fields}", "l", "memory")
    feats = []
    for geometry, attrs in rows:
        f = QgsFeature(layer.fields())
        f.setGeometry(geometry)
        f.setAttributes(attrs)
        feats.append(f)
    assert layer.dataProvider().addFeatures(feats)
    return layer


def watersheds() -> QgsVectorLayer:
    return memory(
        "MultiPolygon",
        "&field=ws_code:string&field=pop:double&field=drainage_density_km_per_km2:double",
        [(box(k * 1000, 0, 1000), [f"W{k + 1}", 100.0 * (k + 1), k + 1.0]) for k in range(3)],
    )


PARCEL_FIELDS = (
    ["ws_code:string", "landuse_code:string", "landuse_group:string", "landuse_name:string", "area_ha:double",
     "soil_loss_t_km2_a:double", "slope_mean_deg:double", "canopy_gd:double", "GDPDJB:integer"]
    + [f"erosion_c{j}_ha:double" for j in range(6)]
    + [f"d010_s{j}_pct:double" for j in range(1, 6)]
    + [f"d011_s{j}_pct:double" for j in range(1, 6)]
)  # fmt: skip


def analysed(rows) -> QgsVectorLayer:
    """Analysed-parcel layers: (ws, code, area hm², modulus, erosion class, slope, D.0.11 class, canopy, x0, y0,
    size m) per parcel."""
    out = []
    for ws, code, area, modulus, ec, slope, dc, canopy, x0, y0, size in rows:
        attrs = [ws, code, code[:2], code, area, modulus, slope, canopy, None]
        attrs += [area if j == ec else 0.0 for j in range(6)]
        attrs += [100.0 if j == 2 else 0.0 for j in range(1, 6)]
        attrs += [100.0 if j == dc else 0.0 for j in range(1, 6)]
        out.append((box(x0, y0, size), attrs))
    return memory("MultiPolygon", "".join(f"&field={f}" for f in PARCEL_FIELDS), out)


#: tests/unit/test_ranking.py PARCELS laid out inside the three 1 km² watersheds.
URGENCY_PARCELS = [
    ("W1", "0103", 60.0, 3000.0, 2, 10.0, 2, None, 0, 0, 774.6),
    ("W1", "0301", 40.0, 100.0, 0, 20.0, 3, 0.5, 0, 800, 100),
    ("W2", "0103", 30.0, 1000.0, 1, 20.0, 4, None, 1000, 0, 547.7),
    ("W2", "0301", 70.0, 100.0, 0, 20.0, 3, 0.5, 1000, 600, 300),
    ("W3", "0103", 20.0, 6000.0, 3, 28.0, 5, None, 2000, 0, 447.2),
    ("W3", "0301", 80.0, 100.0, 0, 20.0, 3, 0.5, 2000, 500, 400),
]


def protected() -> QgsVectorLayer:
    points = [(500, 500), (1500, 500), (2500, 200), (2600, 300)]
    return memory("Point", "&field=name:string",
                  [(QgsGeometry.fromWkt(f"POINT({X0 + x} {Y0 + y})"), ["p"]) for x, y in points])  # fmt: skip


def rows_of(uri: str, key: str) -> dict:
    layer = QgsVectorLayer(uri, "t", "ogr")
    assert layer.isValid(), uri
    return {f[key]: dict(zip(layer.fields().names(), f.attributes())) for f in layer.getFeatures()}


def test_urgency_ranking_hand_case(tmp_path):
    out = str(tmp_path / "urgency.gpkg")
    table = str(tmp_path / "urgency_table.gpkg")
    result = processing.run("sbplanner:urgency_ranking", {
        "WATERSHEDS": watersheds(), "PARCELS": analysed(URGENCY_PARCELS), "POPULATION_FIELD": "pop",
        "PROTECTED": protected(), "EROSION_REGION": 0, "DRAWS": 200, "SEED": 3,
        "OUTPUT_WATERSHEDS": out, "OUTPUT_TABLE": table,
    })  # fmt: skip
    assert result["UNITS"] == 3 and result["AHP_CR"] is None
    ws = rows_of(out, "ws_code")
    assert [round(ws[c]["urgency_score"], 4) for c in ("W1", "W2", "W3")] == [80.0, 17.1591, 31.1905]
    assert [ws[c]["urgency_rank"] for c in ("W1", "W2", "W3")] == [1, 3, 2]
    assert [ws[c]["urgency_class"] for c in ("W1", "W2", "W3")] == ["极紧迫", "较紧迫", "极紧迫"]
    assert ws["W3"]["urgency_flags"] == "steep_cropland" and ws["W1"]["rank_stability"] == 1.0
    assert ws["W1"]["pop"] == 100.0  # the input fields are kept
    for name in ("urgency_score", "urgency_rank", "urgency_class", "rank_stability", "n_eroded_share",
                 "n_forest_grass_cover", "v_swc_gap", "urgency_class_id"):  # fmt: skip
        assert name in ws["W1"], name
    assert ws["W2"]["n_forest_grass_cover"] == pytest.approx(0.25)
    assert QgsVectorLayer(out, "w", "ogr").geometryType() == 2  # polygons
    rows = rows_of(table, "ws_code")
    assert rows["W2"]["v_swc_gap"] == pytest.approx(3.0) and rows["W3"]["urgency_rank"] == 2


def test_urgency_ranking_into_a_plan_with_ahp(tmp_path):
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    matrix = tmp_path / "ahp.csv"
    matrix.write_text("key,eroded_share,forest_grass_cover\neroded_share,1,3\nforest_grass_cover,1/3,1\n", "utf-8")
    result = processing.run("sbplanner:urgency_ranking", {
        "WATERSHEDS": watersheds(), "PARCELS": analysed(URGENCY_PARCELS), "AHP_MATRIX": str(matrix),
        "DRAWS": 0, "OUTPUT_WATERSHEDS": str(store.path), "OUTPUT_TABLE": str(store.path),
    })  # fmt: skip
    assert {"ws_urgency", "ws_urgency_table"} <= set(store.layers())
    assert result["AHP_CR"] == 0.0 and result["WEIGHTS"] == "eroded_share=0.7500, forest_grass_cover=0.2500"
    ws = rows_of(store.layer_uri("ws_urgency"), "ws_code")
    # eroded (60, 30, 20) → (1, 0.25, 0); 林草 (40, 70, 80) reversed → (1, 0.25, 0): U = 100, 25, 0
    assert [ws[c]["urgency_score"] for c in ("W1", "W2", "W3")] == pytest.approx([100.0, 25.0, 0.0])
    assert ws["W1"]["rank_stability"] == NULL  # no draws


def test_urgency_ranking_bad_ahp_matrix_writes_nothing(tmp_path):
    matrix = tmp_path / "ahp.csv"
    matrix.write_text("key,eroded_share,swc_gap\neroded_share,1,3\nswc_gap,3,1\n", "utf-8")
    out = tmp_path / "urgency.gpkg"
    with pytest.raises(QgsProcessingException, match=r"AHP pairwise matrix ahp.csv: not reciprocal"):
        processing.run("sbplanner:urgency_ranking", {
            "WATERSHEDS": watersheds(), "PARCELS": analysed(URGENCY_PARCELS), "AHP_MATRIX": str(matrix),
            "OUTPUT_WATERSHEDS": str(out),
        })  # fmt: skip
    assert not out.exists()
    no_code = memory("MultiPolygon", "&field=name:string", [(box(0, 0, 1000), ["a"])])
    with pytest.raises(QgsProcessingException, match="no ws_code field"):
        processing.run("sbplanner:urgency_ranking", {
            "WATERSHEDS": no_code, "PARCELS": analysed(URGENCY_PARCELS), "OUTPUT_WATERSHEDS": str(out),
        })  # fmt: skip
    with pytest.raises(QgsProcessingException, match=r"Invalid value for EXTRA_INDICATORS: pop:2:0\.1"):
        processing.run("sbplanner:urgency_ranking", {
            "WATERSHEDS": watersheds(), "PARCELS": analysed(URGENCY_PARCELS), "EXTRA_INDICATORS": "pop:2:0.1",
            "OUTPUT_WATERSHEDS": str(out),
        })  # fmt: skip
    assert not out.exists()


def test_urgency_ranking_of_one_unit_explains_and_writes_it(tmp_path):
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    class Warnings(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.warnings = []

        def pushWarning(self, text):
            self.warnings.append(text)

    one = memory("MultiPolygon", "&field=ws_code:string", [(box(0, 0, 1000), ["W1"])])
    out = str(tmp_path / "one.gpkg")
    feedback = Warnings()
    processing.run("sbplanner:urgency_ranking", {
        "WATERSHEDS": one, "PARCELS": analysed(URGENCY_PARCELS[:2]), "OUTPUT_WATERSHEDS": out,
    }, context=QgsProcessingContext(), feedback=feedback)  # fmt: skip
    row = rows_of(out, "ws_code")["W1"]
    assert row["urgency_rank"] == 1 and row["urgency_score"] == NULL and row["v_eroded_share"] == 60.0
    assert any("Only one small watershed (W1)" in w for w in feedback.warnings)


#: tests/unit/test_ranking.py FIELDS: three 1 hm² cropland parcels in one block (3 m gap), one far away,
#: and non-candidates (forest, 3°, 30°).
FARMLAND = [
    ("W1", "0103", 1.0, 2000.0, 2, 10.0, 3, None, 0, 0, 100),
    ("W1", "0103", 1.0, 4000.0, 2, 20.0, 4, None, 100, 0, 100),
    ("W2", "0103", 1.0, 3000.0, 2, 15.0, 3, None, 203, 0, 100),
    ("W2", "0103", 1.0, 1000.0, 1, 24.0, 4, None, 1000, 0, 100),
    ("W2", "0301", 1.0, 500.0, 0, 15.0, 3, 0.5, 2000, 0, 100),
    ("W2", "0103", 1.0, 500.0, 0, 3.0, 1, None, 2200, 0, 100),
    ("W2", "0103", 1.0, 500.0, 0, 30.0, 5, None, 2400, 0, 100),
]


def test_slope_farmland_priority_hand_case(tmp_path):
    out = str(tmp_path / "priority.gpkg")
    result = processing.run("sbplanner:slope_farmland_priority", {
        "PARCELS": analysed(FARMLAND), "AREA_BUDGET_HA": 2.5, "MIN_BLOCK_HA": 2.0, "BLOCK_GAP_M": 5.0,
        "OUTPUT_PARCELS": out,
    })  # fmt: skip
    assert result["CANDIDATES"] == 4 and result["BLOCKS"] == 2 and result["SELECTED"] == 2
    assert result["SELECTED_AREA_HA"] == pytest.approx(2.0)
    layer = QgsVectorLayer(out, "p", "ogr")
    rows = sorted((dict(zip(layer.fields().names(), f.attributes())) for f in layer.getFeatures()),
                  key=lambda r: r["slope_mean_deg"])  # fmt: skip
    by_slope = {r["slope_mean_deg"]: r for r in rows}
    assert sorted(by_slope) == [10.0, 15.0, 20.0, 24.0]
    assert [round(by_slope[s]["priority_score"], 4) for s in (10.0, 20.0, 15.0, 24.0)] == [
        43.5897, 91.2088, 67.3993, 30.7692
    ]  # fmt: skip
    assert [by_slope[s]["priority_rank"] for s in (10.0, 20.0, 15.0, 24.0)] == [2, 1, 1, 2]
    assert [by_slope[s]["selected"] for s in (10.0, 20.0, 15.0, 24.0)] == [0, 1, 1, 0]
    assert [by_slope[s]["block_area_ha"] for s in (10.0, 20.0, 15.0, 24.0)] == [3.0, 3.0, 3.0, 1.0]
    assert [by_slope[s]["block_id"] for s in (10.0, 20.0, 15.0, 24.0)] == [1, 1, 1, 2]
    assert by_slope[10.0]["ws_code"] == "W1" and by_slope[10.0]["landuse_code"] == "0103"


def test_slope_farmland_priority_distances_and_no_candidates(tmp_path):
    village = memory("Point", "&field=name:string", [(QgsGeometry.fromWkt(f"POINT({X0 + 50} {Y0 + 50})"), ["v"])])
    out = str(tmp_path / "priority.gpkg")
    processing.run("sbplanner:slope_farmland_priority", {
        "PARCELS": analysed(FARMLAND), "VILLAGES": village, "OUTPUT_PARCELS": out,
    })  # fmt: skip
    rows = rows_of(out, "slope_mean_deg")
    assert [rows[s]["v_dist_village"] for s in (10.0, 20.0, 15.0, 24.0)] == pytest.approx([0.0, 50.0, 153.0, 950.0])
    flat = [r for r in FARMLAND if r[5] < 5]
    with pytest.raises(QgsProcessingException, match="No parcel is sloping cropland"):
        processing.run("sbplanner:slope_farmland_priority", {
            "PARCELS": analysed(flat), "OUTPUT_PARCELS": str(tmp_path / "none.gpkg"),
        })  # fmt: skip
    assert not (tmp_path / "none.gpkg").exists()


@pytest.fixture(scope="module")
def youwuzhen_units(youwuzhen_plan, demo_dir, tmp_path_factory):
    """The demo's small watersheds (2 km² at most, as ``make demo``) and the parcels analysed on them."""
    from tests.qgis.conftest import copy_plan, demo_units

    store = copy_plan(youwuzhen_plan, tmp_path_factory.mktemp("ywz_units"))
    demo_units(store, demo_dir)
    return store


def test_urgency_and_farmland_priority_on_youwuzhen(youwuzhen_units):
    store = youwuzhen_units
    result = processing.run("sbplanner:urgency_ranking", {
        "WATERSHEDS": store.layer_uri("small_watersheds"), "PARCELS": store.layer_uri("parcels"), "DRAWS": 200,
        "OUTPUT_WATERSHEDS": str(store.path), "OUTPUT_TABLE": str(store.path),
    })  # fmt: skip
    n = int(result["UNITS"])
    assert n >= 4
    ws = rows_of(store.layer_uri("ws_urgency"), "ws_code")
    assert sorted(r["urgency_rank"] for r in ws.values()) == list(range(1, n + 1))
    scores = [r["urgency_score"] for r in ws.values()]
    assert all(0 <= s <= 100 for s in scores) and max(scores) > min(scores)
    top = min(ws.values(), key=lambda r: r["urgency_rank"])
    assert top["urgency_score"] == max(scores) and top["urgency_class"] == "极紧迫"
    assert all(0 <= r["rank_stability"] <= 1 for r in ws.values())
    assert {r["urgency_class"] for r in ws.values()} <= {"极紧迫", "紧迫", "较紧迫", "一般"}
    # Youwuzhen's cropland is all paddy (0101, bunded level fields): no sloping farmland to terrace, said so
    with pytest.raises(QgsProcessingException, match="No parcel is sloping cropland to terrace"):
        processing.run("sbplanner:slope_farmland_priority", {
            "PARCELS": store.layer_uri("parcels"), "AREA_BUDGET_HA": 5.0, "OUTPUT_PARCELS": str(store.path),
        })  # fmt: skip
    assert "farmland_priority" not in store.layers()
