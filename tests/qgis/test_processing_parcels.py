"""analyse_parcels and summarise_watersheds in real QGIS, on the Youwuzhen demo parcels."""

from __future__ import annotations

import shutil

import processing
import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
    QgsVectorLayer,
)

from sbplanner_plugin.adapters.plan_store import PlanStore
from tests.qgis.feedback import Log

OUTLET = "outlet_beijing1954.shp"


def rows(uri: str) -> list[dict]:
    layer = QgsVectorLayer(uri, "t", "ogr")
    assert layer.isValid(), uri
    return [dict(zip(layer.fields().names(), f.attributes()), _geom=f.geometry()) for f in layer.getFeatures()]


def num(value) -> float | None:
    return None if value is None or str(value) == "NULL" else float(value)


@pytest.fixture(scope="module")
def watershed(tmp_path_factory, demo_dir) -> str:
    store = PlanStore(tmp_path_factory.mktemp("ws") / "plan.gpkg")
    store.ensure()
    processing.run(
        "sbplanner:delineate_watersheds",
        {
            "DEM": str(demo_dir / "ywzdem10m.tif"),
            "OUTLETS": str(demo_dir / OUTLET),
            "OUTPUT_WATERSHEDS": store.destination("watersheds"),
            "OUTPUT_STREAMS": store.destination("streams"),
            "OUTPUT_OUTLETS": store.destination("outlets_snapped"),
        },
    )
    return store.layer_uri("watersheds")


def analyse(demo_dir, out: str, **extra) -> dict:
    params = {
        "PARCELS": str(demo_dir / "parcels_gbt21010.gpkg"),
        "DEM": str(demo_dir / "ywzdem10m.tif"),
        "R_FACTOR": 7000,
        "K_FACTOR": 0.005,
        "COVER_FIELD": "FVC",
        "CANOPY_FIELD": "YBD",
        "EROSION_REGION": 0,
        "SLOPE_SYSTEM": 1,
        "OUTPUT_PARCELS": out,
    }
    params.update(extra)
    return processing.run("sbplanner:analyse_parcels", params, feedback=extra.pop("feedback", None))


def test_youwuzhen_shares_and_slope_match_the_published_values(tmp_path, demo_dir, watershed) -> None:
    out = str(tmp_path / "parcels.gpkg")
    analyse(demo_dir, out, WATERSHEDS=watershed)
    parcels = rows(out)
    assert len(parcels) == 584
    inside = [(p["area_ha"] * (num(p["ws_share_pct"]) or 0) / 100, p) for p in parcels if p["ws_code"] == "WS001"]
    total = sum(a for a, _ in inside)
    share = {}
    for a, p in inside:
        share[p["landuse_group"]] = share.get(p["landuse_group"], 0.0) + a / total * 100
    # SEIMS: forest 59.8 %, paddy 20.6 %, orchard 12.8 % of the watershed
    assert share["03"] == pytest.approx(59.8, abs=0.5)
    assert share["01"] == pytest.approx(20.6, abs=0.5)
    assert share["02"] == pytest.approx(12.8, abs=0.5)
    slope = sum(a * p["slope_mean_deg"] for a, p in inside) / total
    assert slope == pytest.approx(16.8, abs=1.5)
    for p in parcels:
        assert p["area_mu"] == pytest.approx(p["area_ha"] * 15)
        shares = [num(p[f"slope_s{j}_pct"]) for j in range(1, 6)]
        assert sum(shares) == pytest.approx(100.0)
        if p["landuse_code"] in ("0702", "0601", "1104", "0101"):  # non-eroding by default
            assert num(p["soil_loss_t_km2_a"]) == 0.0
            assert p["erosion_class"] == "微度"


def test_one_cell_forest_parcel_csle_is_the_product_of_its_factors(tmp_path, demo_dir) -> None:
    mem = QgsVectorLayer("Polygon?crs=EPSG:2415&field=DLBM:string&field=FVC:double&field=YBD:double", "p", "memory")
    # exactly one DEM cell (the grid starts at 39444018.9 / 2842985.8, 10 m cells) on a forested hillside
    x0, y0 = 39444018.9 + 10 * 200, 2842985.8 - 10 * 100
    f = QgsFeature(mem.fields())
    f.setAttributes(["0301", 0.6, 0.6])
    f.setGeometry(
        QgsGeometry.fromWkt(f"POLYGON(({x0} {y0},{x0 + 10} {y0},{x0 + 10} {y0 - 10},{x0} {y0 - 10},{x0} {y0}))")
    )
    mem.dataProvider().addFeatures([f])
    out = str(tmp_path / "parcels.gpkg")
    analyse(demo_dir, out, PARCELS=mem)
    (p,) = rows(out)
    assert p["valid_cells"] == 1
    import numpy as np

    from sbplanner_plugin.adapters.param_files import load_param_set
    from sbplanner_plugin.core.csle import slr_forest

    b = float(slr_forest(np.array(0.6), np.array(0.6), load_param_set().slr))
    assert p["b_factor"] == pytest.approx(b)
    assert (p["e_factor"], p["t_factor"]) == (1.0, 1.0)
    expected = 100 * 7000 * 0.005 * p["ls_factor"] * b
    assert p["soil_loss_t_km2_a"] == pytest.approx(expected, rel=1e-6)


def test_swat_codes_through_a_mapping_table_give_the_same_classes(tmp_path, demo_dir, repo_root) -> None:
    a, b = str(tmp_path / "a.gpkg"), str(tmp_path / "b.gpkg")
    analyse(demo_dir, a)
    analyse(
        demo_dir,
        b,
        LANDUSE_FIELD="SWAT_CODE",
        LANDUSE_MAPPING=str(repo_root / "resources/params/landuse_map_youwuzhen_swat.csv"),
    )
    assert [p["landuse_code"] for p in rows(a)] == [p["landuse_code"] for p in rows(b)]


def test_unmapped_codes_are_reported_by_value_and_count(tmp_path, demo_dir) -> None:
    log = Log()
    out = str(tmp_path / "p.gpkg")
    # SWAT numbers (33, 104 look like 二调 codes without their 0) stop the automatic detection …
    with pytest.raises(QgsProcessingException, match="map another code list"):
        analyse(demo_dir, out, LANDUSE_FIELD="SWAT_CODE", feedback=Log())
    # … and read as 三调 codes they are unmapped, by value and count
    analyse(demo_dir, out, LANDUSE_FIELD="SWAT_CODE", LANDUSE_VINTAGE=1, feedback=log)
    assert "Unmapped land-use code '8'" in log.text()
    parcels = rows(out)
    n8 = sum(1 for p in parcels if str(p["SWAT_CODE"]) == "8")
    assert f"Unmapped land-use code '8': {n8} parcels" in log.text()
    assert all(num(p["soil_loss_t_km2_a"]) is None for p in parcels if p["landuse_code"] in (None, "NULL"))


def test_parcels_in_another_crs_and_off_the_dem(tmp_path, demo_dir) -> None:
    src = QgsVectorLayer(str(demo_dir / "parcels_gbt21010.gpkg"), "p", "ogr")
    mem = QgsVectorLayer("Polygon?crs=EPSG:4326&field=DLBM:string", "p4326", "memory")
    from qgis.core import QgsCoordinateTransform, QgsProject

    xf = QgsCoordinateTransform(src.crs(), QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance())
    feats = []
    for f in list(src.getFeatures())[:20]:
        g = QgsGeometry(f.geometry())
        g.transform(xf)
        nf = QgsFeature(mem.fields())
        nf.setAttributes([f["DLBM"]])
        nf.setGeometry(g)
        feats.append(nf)
    off = QgsFeature(mem.fields())  # wholly outside the DEM (far east)
    off.setAttributes(["0301"])
    off.setGeometry(QgsGeometry.fromWkt("POLYGON((117.5 25.6,117.51 25.6,117.51 25.61,117.5 25.61,117.5 25.6))"))
    bow = QgsFeature(mem.fields())  # self-intersecting bow tie on the DEM: repaired
    bow.setAttributes(["0301"])
    g0 = feats[0].geometry().centroid().asPoint()
    d = 0.0005
    bow.setGeometry(
        QgsGeometry.fromWkt(
            f"POLYGON(({g0.x()} {g0.y()},{g0.x() + d} {g0.y() + d},{g0.x() + d} {g0.y()},"
            f"{g0.x()} {g0.y() + d},{g0.x()} {g0.y()}))"
        )
    )
    empty = QgsFeature(mem.fields())
    empty.setAttributes(["0301"])
    mem.dataProvider().addFeatures([*feats, off, bow, empty])
    log = Log()
    out = str(tmp_path / "p.gpkg")
    analyse(demo_dir, out, PARCELS=mem, COVER_FIELD=None, CANOPY_FIELD=None, feedback=log)
    got = rows(out)
    assert len(got) == 22  # the empty one is skipped and reported
    assert "1 parcels lie wholly outside the DEM" in log.text()
    assert "1 invalid parcel geometries were repaired" in log.text()
    assert "1 parcels without a geometry were skipped" in log.text()
    outside = got[20]
    assert num(outside["slope_mean_deg"]) is None and num(outside["soil_loss_t_km2_a"]) is None
    native = rows(str(demo_dir / "parcels_gbt21010.gpkg"))[:20]
    ref = str(tmp_path / "ref.gpkg")
    analyse(demo_dir, ref, COVER_FIELD=None, CANOPY_FIELD=None)
    ref_rows = rows(ref)[:20]
    for a, b in zip(got[:20], ref_rows):  # reprojected there and back: same cells within a cell's edge
        assert a["area_ha"] == pytest.approx(b["area_ha"], rel=0.01)
        assert a["slope_mean_deg"] == pytest.approx(b["slope_mean_deg"], abs=1.5)
    assert len(native) == 20


def test_missing_landuse_field_and_factor_give_clear_errors(tmp_path, demo_dir) -> None:
    mem = QgsVectorLayer("Polygon?crs=EPSG:2415&field=name:string", "nolu", "memory")
    f = QgsFeature(mem.fields())
    f.setGeometry(QgsGeometry.fromWkt("POLYGON((39445000 2841000,39445100 2841000,39445100 2841100,39445000 2841000))"))
    mem.dataProvider().addFeatures([f])
    with pytest.raises(QgsProcessingException, match="no land-use field"):
        analyse(demo_dir, str(tmp_path / "a.gpkg"), PARCELS=mem, COVER_FIELD=None, CANOPY_FIELD=None)
    with pytest.raises(QgsProcessingException, match="R factor"):
        analyse(demo_dir, str(tmp_path / "b.gpkg"), R_FACTOR=None)
    assert not (tmp_path / "a.gpkg").exists()


def test_custom_slope_breaks_full_width_commas_and_bad_text(tmp_path, demo_dir) -> None:
    out = str(tmp_path / "p.gpkg")
    analyse(demo_dir, out, SLOPE_SYSTEM=4, CUSTOM_SLOPE_BREAKS="5，15，25")
    parcels = rows(out)
    assert {p["slope_class"] for p in parcels} <= {"0–5°", "5–15°", "15–25°", "25–90°"}
    assert all(num(p["slope_s4_pct"]) is not None for p in parcels) and "slope_s5_pct" not in parcels[0]
    with pytest.raises(QgsProcessingException, match=r"CUSTOM_SLOPE_BREAKS: 5;15 \(numbers separated by commas\)"):
        analyse(demo_dir, str(tmp_path / "bad.gpkg"), SLOPE_SYSTEM=4, CUSTOM_SLOPE_BREAKS="5;15")
    assert not (tmp_path / "bad.gpkg").exists()  # refused by the parameter check, before any reading


def test_canopy_in_percent_is_read_as_a_fraction(tmp_path, demo_dir) -> None:
    mem = QgsVectorLayer("Polygon?crs=EPSG:2415&field=DLBM:string&field=FVC:double&field=YBD:double", "p", "memory")
    x0, y0 = 39444018.9 + 10 * 200, 2842985.8 - 10 * 100
    square = f"POLYGON(({x0} {y0},{x0 + 10} {y0},{x0 + 10} {y0 - 10},{x0} {y0 - 10},{x0} {y0}))"
    feats = []
    for fvc, ybd in ((60.0, 60.0), (0.6, 0.6)):
        f = QgsFeature(mem.fields())
        f.setAttributes(["0301", fvc, ybd])
        f.setGeometry(QgsGeometry.fromWkt(square))
        feats.append(f)
    mem.dataProvider().addFeatures(feats[:1])
    percent = str(tmp_path / "percent.gpkg")
    analyse(demo_dir, percent, PARCELS=mem)
    mem.dataProvider().truncate()
    mem.dataProvider().addFeatures(feats[1:])
    fraction = str(tmp_path / "fraction.gpkg")
    analyse(demo_dir, fraction, PARCELS=mem)
    (a,), (b,) = rows(percent), rows(fraction)
    assert a["b_factor"] == pytest.approx(b["b_factor"])
    assert a["soil_loss_t_km2_a"] == pytest.approx(b["soil_loss_t_km2_a"])


def test_factor_raster_not_covering_the_area_is_reported(tmp_path, demo_dir) -> None:
    from osgeo import gdal

    r = tmp_path / "r_west.tif"
    gdal.Translate(
        str(r), str(demo_dir / "ywzdem10m.tif"), srcWin=[0, 0, 150, 294], scaleParams=[[0, 1000, 7000, 7000]]
    )
    log = Log()
    out = str(tmp_path / "p.gpkg")
    analyse(demo_dir, out, R_RASTER=str(r), feedback=log)
    assert "The R raster does not cover" in log.text()
    east = [p for p in rows(out) if p["_geom"].centroid().asPoint().x() > 39444018.9 + 10 * 160]
    assert east
    assert all(num(p["soil_loss_t_km2_a"]) in (None, 0.0) for p in east)


def test_bad_parameter_table_names_file_line_and_column(tmp_path, demo_dir, repo_root, monkeypatch) -> None:
    override = tmp_path / "params"
    override.mkdir()
    shutil.copy(repo_root / "resources/params/e_factor.csv", override / "e_factor.csv")
    text = (override / "e_factor.csv").read_text(encoding="utf-8").replace(",0.084,", ",zero,")
    (override / "e_factor.csv").write_text(text, encoding="utf-8")
    monkeypatch.setenv("SBPLANNER_PARAMS_DIR", str(override))
    with pytest.raises(QgsProcessingException, match=r"e_factor.csv, line 3, column 'e': 'zero' is not a number"):
        analyse(demo_dir, str(tmp_path / "p.gpkg"))


def test_summaries_in_the_plan(tmp_path, demo_dir, watershed) -> None:
    out = str(tmp_path / "parcels.gpkg")
    analyse(demo_dir, out, WATERSHEDS=watershed)
    plan = PlanStore(tmp_path / "plan.gpkg")
    processing.run("sbplanner:summarise_watersheds", {"PARCELS": out, "WATERSHEDS": watershed, "PLAN": str(plan.path)})
    assert {"ws_d010", "ws_d011", "ws_d05", "ws_indicators", "ws_landuse_slope"} <= set(plan.layers())
    ind = {r["ws_code"]: r for r in rows(plan.layer_uri("ws_indicators"))}
    whole = ind["ALL"]
    # issue 9 item 3: the rate is over the assessed land (recognised land use with a soil loss)
    assert whole["swc_rate_pct"] == pytest.approx(
        (whole["assessed_area_km2"] - whole["eroded_area_km2"]) / whole["assessed_area_km2"] * 100
    )
    assert 0 < whole["swc_rate_pct"] < 100
    d05 = {r["ws_code"]: r for r in rows(plan.layer_uri("ws_d05"))}
    parts = sum(d05["WS001"][f"{k}_pct"] for k in ("light", "moderate", "intense", "very_intense", "severe"))
    assert parts == pytest.approx(100.0)
    # issue 9 item 5: step 1 gives the DEM drainage density (河网密度) and its threshold, not 沟壑密度
    assert d05["WS001"]["drainage_density_km_per_km2"] > 0
    assert d05["WS001"]["stream_threshold_km2"] == pytest.approx(0.1)
    assert num(d05["WS001"]["gully_density_km_per_km2"]) is None
    # issue 9 item 7: the watershed's land adds up to its step-1 area (rasterisation tolerance)
    step1 = {r["ws_code"]: r for r in rows(watershed)}
    assert ind["WS001"]["land_area_km2"] == pytest.approx(step1["WS001"]["area_km2"], rel=0.01)
    d010 = {r["ws_code"]: r for r in rows(plan.layer_uri("ws_d010"))}
    assert sum(d010["ALL"][f"c{j}_hm2"] for j in range(1, 6)) == pytest.approx(d010["ALL"]["total_hm2"])


def test_k_from_a_soil_type_table(tmp_path, demo_dir) -> None:
    table = tmp_path / "soil_k.csv"
    # demo parcels have no soil field: use SWAT_CODE as a stand-in soil code (33 = paddy soil, others red soil)
    table.write_text(
        "soil_code,k_factor,source\n33,0.004,test\n6,0.006,test\n8,0.006,test\n4,0.005,test\n", encoding="utf-8"
    )
    log = Log()
    out = str(tmp_path / "p.gpkg")
    analyse(demo_dir, out, K_FACTOR=0.001, K_FIELD="SWAT_CODE", K_TABLE=str(table), feedback=log)
    ks = {str(p["SWAT_CODE"]): p["k_factor"] for p in rows(out) if p["valid_cells"]}
    assert ks["6"] == pytest.approx(0.006)
    assert ks["4"] == pytest.approx(0.005)
    assert ks["18"] == pytest.approx(0.001)  # no row for 18: falls back to the K number
    assert "Soil codes without K in the table: 104, 106, 18" in log.text()


def test_gully_lines_give_gully_density_and_village_tables(tmp_path, demo_dir, watershed) -> None:
    """Issue 9 items 5 and 6 through Processing: 沟壑密度 from a line layer (here step 1's own
    channels, so it must match the DEM drainage density) and the per-village tables (ZLDWDM)."""
    villages = str(tmp_path / "villages.gpkg")
    processing.run(
        "native:fieldcalculator",
        {
            "INPUT": str(demo_dir / "parcels_gbt21010.gpkg"),
            "FIELD_NAME": "ZLDWDM",
            "FIELD_TYPE": 2,
            "FIELD_LENGTH": 19,
            "FORMULA": "CASE WHEN $id % 2 = 0 THEN '3508210010010000000' ELSE '3508210010020000000' END",
            "OUTPUT": villages,
        },
    )
    out = str(tmp_path / "parcels.gpkg")
    analyse(demo_dir, out, PARCELS=villages, WATERSHEDS=watershed)
    plan = PlanStore(tmp_path / "plan.gpkg")
    streams = watershed.replace("layername=watersheds", "layername=streams")
    log = Log()
    processing.run(
        "sbplanner:summarise_watersheds",
        {"PARCELS": out, "WATERSHEDS": watershed, "GULLIES": streams, "PLAN": str(plan.path)},
        feedback=log,
    )
    d05 = {r["ws_code"]: r for r in rows(plan.layer_uri("ws_d05"))}
    ws = d05["WS001"]
    assert ws["gully_density_km_per_km2"] == pytest.approx(ws["drainage_density_km_per_km2"], rel=0.05)
    assert "ZLDWDM" in log.text()
    vil = {(r["village_code"], r["ws_code"]): r for r in rows(plan.layer_uri("vil_indicators"))}
    codes = {"3508210010010000000", "3508210010020000000"}
    assert {v for v, _ in vil} == codes | {"ALL"}
    whole = {r["ws_code"]: r for r in rows(plan.layer_uri("ws_indicators"))}["ALL"]
    assert vil[("ALL", "ALL")]["land_area_km2"] == pytest.approx(whole["land_area_km2"])
    assert sum(vil[(c, "ALL")]["land_area_km2"] for c in codes) == pytest.approx(whole["land_area_km2"])
    assert {"vil_d05", "vil_d010", "vil_d011", "vil_landuse_slope"} <= set(plan.layers())


def test_factor_provenance_zone_and_plausibility_in_the_log_outputs_and_plan(tmp_path, demo_dir) -> None:
    """Issue 9 items 1–2: every factor's value and source in the log, the outputs and a plan table;
    US-unit K warned about; an unknown CROPPING_ZONE is a clear error."""
    plan = PlanStore(tmp_path / "plan.gpkg")
    plan.ensure()
    log = Log("WARNING: ")
    result = analyse(
        demo_dir,
        plan.destination("parcels"),
        K_FACTOR=0.32,
        CROPPING_ZONE="se_hills_paddy_upland",
        OUTPUT_FACTORS=plan.destination("factor_provenance"),
        feedback=log,
    )
    text = log.text()
    assert "CSLE factors (value — source):" in text
    assert "  R: 7000 — number given (R_FACTOR)" in text
    assert "t_zones.csv" in text and "b_factor.csv" in text
    assert "WARNING: K = 0.32 (number given (K_FACTOR)) lies outside the expected 0.001–0.08" in text
    assert "K looks like US customary units (×0.1317 to SI)" in result["FACTOR_WARNINGS"]
    assert "R: 7000 — number given (R_FACTOR)" in result["FACTOR_PROVENANCE"]
    table = rows(plan.layer_uri("factor_provenance"))
    factors = [r["factor"] for r in table]
    assert factors[:9] == ["R", "K", "L", "S", "B", "cover", "E", "T", "tolerance"]
    assert "warning" in factors
    # the demo parcels hold no 旱地/水浇地: T is reported as not used
    t_row = next(r for r in table if r["factor"] == "T")
    assert "no cropland" in t_row["source"]
    with pytest.raises(QgsProcessingException, match="CROPPING_ZONE"):
        analyse(demo_dir, str(tmp_path / "bad.gpkg"), CROPPING_ZONE="atlantis")


# -- land-use code vintages (issue 9 item 8) ------------------------------------------------------
#: The demo's 三调 codes written as 二调 / GB/T 21010-2007 codes (0702 农村宅基地 → 203 村庄).
TO_2007 = {"0101": "011", "0201": "021", "0301": "031", "0601": "061", "0702": "203", "1104": "114"}


def erdiao_parcels(demo_dir, fields: str = "DLBM:string(5)&field=GDPDJ:string(2)", first: int | None = None):
    """The demo parcels (the ``first`` ones) with their codes in GB/T 21010-2007, in a memory layer."""
    src = QgsVectorLayer(str(demo_dir / "parcels_gbt21010.gpkg"), "p", "ogr")
    mem = QgsVectorLayer(f"Polygon?crs={src.crs().authid()}&field={fields}", "erdiao", "memory")
    feats = []
    for f in list(src.getFeatures())[:first]:
        nf = QgsFeature(mem.fields())
        nf.setGeometry(f.geometry())
        nf["DLBM"] = TO_2007[f["DLBM"]]
        feats.append(nf)
    mem.dataProvider().addFeatures(feats)
    return src, mem


def test_an_erdiao_layer_is_read_by_the_2007_table_and_the_log_says_so(tmp_path, demo_dir) -> None:
    src, mem = erdiao_parcels(demo_dir)
    log = Log()
    out = str(tmp_path / "p.gpkg")
    result = analyse(demo_dir, out, PARCELS=mem, COVER_FIELD=None, CANOPY_FIELD=None, feedback=log)
    used = result["OUTPUT_LANDUSE_VINTAGE"]
    assert used.startswith("Land-use codes: 2nd land survey / GB/T 21010-2007 (evidence: 3-digit codes 011")
    assert "二调 fields GDPDJ" in used and "landuse_gbt21010_2007.csv (sha1 " in used
    assert used in log.text()
    assert "GB/T 21010-2007 codes read as 2017 classes: " in log.text()
    parcels = rows(out)
    expected = [f["DLBM"] for f in src.getFeatures()]
    assert [p["landuse_code"] for p in parcels] == expected  # the 2017 classes of the original codes
    names = {p["DLBM"]: p["landuse_name"] for p in parcels}
    assert names["203"] == "村庄" and names["031"] == "有林地" and names["011"] == "水田"


def test_mixed_vintages_stop_with_a_translated_message(tmp_path, demo_dir) -> None:
    # the demo parcels with 0301 乔木林地 written as the 二调 031 有林地: 4- and 3-digit codes mixed
    mixed = tmp_path / "mixed.gpkg"
    shutil.copy(demo_dir / "parcels_gbt21010.gpkg", mixed)
    layer = QgsVectorLayer(str(mixed), "mixed", "ogr")
    idx = layer.fields().indexOf("DLBM")
    changes = {f.id(): {idx: "031"} for f in layer.getFeatures() if f["DLBM"] == "0301"}
    assert changes and layer.dataProvider().changeAttributeValues(changes)
    del layer
    with pytest.raises(QgsProcessingException, match="choose the 'Land-use code vintage'") as err:
        analyse(demo_dir, str(tmp_path / "p.gpkg"), PARCELS=str(mixed))
    assert "4-digit codes 0101, 0201, 0601, 0702, 1104; 3-digit codes 031; 三调 fields GDPDJB" in str(err.value)
    # the user's choice settles it: the codes of the other vintage are then unmapped, and the log says why
    log = Log()
    analyse(demo_dir, str(tmp_path / "q.gpkg"), PARCELS=str(mixed), LANDUSE_VINTAGE=1, feedback=log)
    assert "evidence: chosen by the user" in log.text()
    assert "Evidence for the other code vintage: 3-digit codes 031. Check the 'Land-use code vintage'." in log.text()
    assert f"Unmapped land-use code '031': {len(changes)} parcels" in log.text()
