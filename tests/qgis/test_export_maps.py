"""``sbplanner:export_maps`` in real QGIS on Youwuzhen's small watersheds: one PDF page per small watershed and
map type, the map types a plan cannot give skipped and listed, the whole-area PNGs, the layouts in a project,
and an old PDF kept when the export is refused or fails.

The PDF is read with GDAL's PDF driver (poppler), which QGIS's GDAL has: no PDF library is added for tests.
"""

from __future__ import annotations

import os
import uuid

import processing
import pytest
from osgeo import gdal
from qgis.core import (
    QgsApplication,
    QgsExpressionContextUtils,
    QgsGeometry,
    QgsLayoutExporter,
    QgsPointXY,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProject,
)
from qgis.PyQt.QtGui import QImage

from sbplanner_plugin.adapters import atlas_export as ax
from sbplanner_plugin.adapters import plan_store_common as names
from sbplanner_plugin.adapters.plan_tables import FieldType, GeometryType, PlanField, create_plan_table
from sbplanner_plugin.core import atlas as core
from tests.qgis.conftest import copy_plan, demo_units

N_UNITS = 4  # Youwuzhen's small watersheds (0.3–2 km², as make demo)


def pdf_pages(path) -> list[tuple[int, int]]:
    """(width, height) in pixels at 30 dpi of every page of a PDF."""
    gdal.SetConfigOption("GDAL_PDF_DPI", "30")
    try:
        ds = gdal.Open(str(path))
        assert ds is not None, f"{path} is not a PDF GDAL can read"
        subsets = [name for name, _ in ds.GetSubDatasets()]
        if not subsets:
            return [(ds.RasterXSize, ds.RasterYSize)]
        sizes = []
        for name in subsets:
            page = gdal.Open(name)
            sizes.append((page.RasterXSize, page.RasterYSize))
        return sizes
    finally:
        gdal.SetConfigOption("GDAL_PDF_DPI", None)


@pytest.fixture(scope="module")
def steps_1_2(youwuzhen_plan, demo_dir, tmp_path_factory):
    """Steps 1–2 only: small watersheds and analysed parcels, no measures, no ranking."""
    store = copy_plan(youwuzhen_plan, tmp_path_factory.mktemp("atlas12"))
    demo_units(store, demo_dir)
    return store


@pytest.fixture(scope="module")
def full_plan(steps_1_2, tmp_path_factory):
    """Steps 1–3 and the step 5 ranking: every map type can be made."""
    store = copy_plan(steps_1_2.path, tmp_path_factory.mktemp("atlas_full"))
    processing.run("sbplanner:assign_measures", {
        "PARCELS": store.layer_uri("parcels"), "REGION": 0, "OUTPUT_PARCELS": store.destination("parcels_measures"),
    })  # fmt: skip
    processing.run("sbplanner:urgency_ranking", {
        "WATERSHEDS": store.layer_uri(names.SMALL_WATERSHEDS), "PARCELS": store.layer_uri(names.PARCELS),
        "EROSION_REGION": 0, "DRAWS": 50, "SEED": 1, "OUTPUT_WATERSHEDS": store.destination(names.WS_URGENCY),
        "OUTPUT_TABLE": store.destination(names.WS_URGENCY_TABLE),
    })  # fmt: skip
    return store


def export(plan, out, **params):
    return processing.run("sbplanner:export_maps", {"PLAN": str(plan.path), "OUTPUT": str(out), **params})


def test_the_atlas_has_one_page_per_small_watershed_and_map_type_and_the_images(full_plan, tmp_path):
    out = tmp_path / "atlas.pdf"
    result = export(full_plan, out, PAGE_SIZE=1, OUTPUT_IMAGES=str(tmp_path / "img"))
    pages = pdf_pages(out)
    assert len(pages) == N_UNITS * 6 == result["PAGES"]
    assert result["MISSING"] == "" and result["OUTPUT"] == str(out)
    width, height = pages[0]
    assert width / height == pytest.approx(297 / 210, rel=0.01)  # A4 landscape
    assert sorted(p.name for p in (tmp_path / "img").iterdir()) == sorted(ax.IMAGE_NAMES.values())
    image = QImage(str(tmp_path / "img" / "erosion.png"))
    assert not image.isNull()
    assert (image.width(), image.height()) == pytest.approx((297 / 25.4 * 150, 210 / 25.4 * 150), abs=2)  # 150 dpi
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_pages_in_the_documented_order(full_plan):
    """Map type by map type (MAP_KEYS order), small watershed by ws_code, as the chained atlases give them."""
    row = ax.resolve_scenario(full_plan, "")
    plan = core.atlas_plan(ax.atlas_inputs(full_plan, row["scenario_id"], ("urgency", "location", "slope"), "zh"))
    project = QgsProject()
    layers = ax.AtlasLayers(full_plan, row["scenario_id"], "zh", project, ax.cjk_font_family())
    layouts = [ax.make_layout(project, layers, key, ax.AtlasSettings()) for key in plan.maps]
    for layout in layouts:
        layout.atlas().updateFeatures()
    chain = ax.AtlasChain(layouts)
    assert chain.beginRender()
    seen = []
    while chain.next():
        atlas = chain.layout().atlas()
        seen.append((_map_key(chain.layout()), atlas.layout().reportContext().feature()["ws_code"]))
    chain.endRender()
    codes = sorted(plan.ws_codes)
    assert seen == [(key, code) for key in ("location", "slope", "urgency") for code in codes]
    assert seen == [(p.map_key, p.ws_code) for p in plan.pages]


def _map_key(layout) -> str:
    return QgsExpressionContextUtils.layoutScope(layout).variable("sb_map_key")


def test_map_types_without_their_step_are_skipped_and_listed(steps_1_2, tmp_path):
    out = tmp_path / "atlas.pdf"
    result = export(steps_1_2, out, LANGUAGE=1, PAGE_SIZE=3)
    assert len(pdf_pages(out)) == N_UNITS * 4 == result["PAGES"]  # location, land use, erosion, slope
    width, height = pdf_pages(out)[0]
    assert width / height == pytest.approx(210 / 297, rel=0.01)  # A4 portrait
    lines = result["MISSING"].splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(
        "General layout of soil and water conservation measures: scenario baseline has no measure layout"
    )
    assert lines[1].startswith("Treatment urgency map: scenario baseline has no urgency ranking (run step 5")


def test_only_the_chosen_maps(full_plan, tmp_path):
    out = tmp_path / "erosion.pdf"
    result = export(full_plan, out, MAPS=[2], PAGE_SIZE=0)
    assert len(pdf_pages(out)) == N_UNITS == result["PAGES"]
    width, height = pdf_pages(out)[0]
    assert width / height == pytest.approx(420 / 297, rel=0.01)  # A3 landscape


def test_a_plan_without_small_watersheds_is_refused(youwuzhen_plan, tmp_path):
    plan = copy_plan(youwuzhen_plan, tmp_path / "plan")  # steps 1–2 on the whole watershed: no division
    with pytest.raises(QgsProcessingException, match="has no small watersheds"):
        export(plan, tmp_path / "atlas.pdf")
    assert not (tmp_path / "atlas.pdf").exists()


def test_an_unknown_scenario_names_the_choices(steps_1_2, tmp_path):
    with pytest.raises(QgsProcessingException, match=r"has no scenario plan_z; its scenarios: baseline"):
        export(steps_1_2, tmp_path / "atlas.pdf", SCENARIO="plan_z")


def test_nothing_to_map(steps_1_2, tmp_path):
    with pytest.raises(QgsProcessingException, match="None of the chosen maps can be made"):
        export(steps_1_2, tmp_path / "atlas.pdf", MAPS=[5])


def test_a_pdf_open_in_another_program_keeps_the_old_file(steps_1_2, tmp_path):
    out = tmp_path / "atlas.pdf"
    out.write_bytes(b"old atlas")
    (tmp_path / ".~lock.atlas.pdf#").write_text("user,host", encoding="utf-8")  # LibreOffice has it open
    with pytest.raises(QgsProcessingException, match="is open in another program"):
        export(steps_1_2, out, MAPS=[0])
    assert out.read_bytes() == b"old atlas"


def test_a_failed_export_keeps_the_old_file_and_leaves_no_temporary(steps_1_2, tmp_path, monkeypatch):
    out = tmp_path / "atlas.pdf"
    out.write_bytes(b"old atlas")

    class BrokenExporter(QgsLayoutExporter):
        @staticmethod
        def exportToPdf(iterator, path, settings, feedback=None):
            with open(path, "wb") as f:
                f.write(b"%PDF-1.4 half")
            return QgsLayoutExporter.ExportResult.FileError, "disk full"

    monkeypatch.setattr(ax, "QgsLayoutExporter", BrokenExporter)
    with pytest.raises(
        QgsProcessingException, match=r"was not written \(the file cannot be written\); the old file is kept"
    ):
        export(steps_1_2, out, MAPS=[0])
    assert out.read_bytes() == b"old atlas"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["atlas.pdf"]


def test_unwritable_destinations_are_refused_before_the_export(steps_1_2, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="Cannot write the output"):
        export(steps_1_2, blocker / "atlas.pdf")  # its folder is a file (refused even as root)
    with pytest.raises(QgsProcessingException, match="it is a file, not a folder"):
        export(steps_1_2, tmp_path / "atlas.pdf", OUTPUT_IMAGES=str(blocker))
    assert not (tmp_path / "atlas.pdf").exists()


def test_the_algorithm_runs_on_the_main_thread():
    alg = QgsApplication.processingRegistry().algorithmById("sbplanner:export_maps")
    assert alg.flags() & QgsProcessingAlgorithm.Flag.FlagNoThreading
    assert alg.groupId() == "deliverables"
    assert {o.name() for o in alg.outputDefinitions()} >= {"OUTPUT", "OUTPUT_IMAGES", "PAGES", "MISSING"}


@pytest.mark.parametrize("page_format", range(len(ax.PAGE_FORMATS)))
def test_every_template_has_the_items_the_export_uses(page_format):
    layout = ax.load_template(QgsProject(), page_format)
    for item_id in (ax.ITEM_MAP, ax.ITEM_OVERVIEW, ax.ITEM_TITLE, ax.ITEM_SUBTITLE, ax.ITEM_LEGEND, ax.ITEM_SCALEBAR,
                    ax.ITEM_SCALE_NUMERIC, ax.ITEM_NORTH_ARROW, ax.ITEM_INFO, ax.ITEM_NEATLINE):  # fmt: skip
        assert layout.itemById(item_id) is not None, (page_format, item_id)
    size = layout.pageCollection().page(0).pageSize()
    fmt = ax.PAGE_FORMATS[page_format]
    long_side, short_side = ax.PAGE_SIZES_MM[fmt.size]
    expected = (long_side, short_side) if fmt.orientation == "landscape" else (short_side, long_side)
    assert (size.width(), size.height()) == pytest.approx(expected)


def test_legends_in_the_chosen_language(full_plan):
    project = QgsProject()
    zh = ax.AtlasLayers(full_plan, "baseline", "zh", project, "")
    en = ax.AtlasLayers(full_plan, "baseline", "en", project, "")
    labels = {c.value(): c.label() for c in zh.get("erosion").renderer().categories()}
    assert labels["微度"] == "微度 < 容许值" and labels["轻度"] == "轻度 容许值～2 500"
    labels = {c.value(): c.label() for c in en.get("erosion").renderer().categories()}
    assert labels["中度"] == "Moderate 2 500–5 000"
    assert {c.label() for c in en.get("urgency").renderer().categories()} >= {"Very urgent", "Ordinary"}
    measures = {c.value(): c.label() for c in zh.get("measures").renderer().categories()}
    assert measures["closure"] == "封育治理" and measures[""] == "无措施"
    assert zh.get("landuse").name() == "地类（GB/T 21010 一级类）"
    assert {c.label() for c in zh.get("landuse").renderer().categories()} >= {"01 耕地", "03 林地"}


def test_works_of_step_3_are_on_the_measures_map(full_plan, tmp_path):
    store = copy_plan(full_plan.path, tmp_path / "works")
    watersheds = ax.open_layer(store, names.SMALL_WATERSHEDS, None)
    fields = [
        PlanField(n, FieldType.TEXT) for n in ("measure_code", "measure_name", "status", "measure_params", "note")
    ]
    assert create_plan_table(store, names.WORKS_POINTS, fields, GeometryType.POINT, watersheds.crs())
    centre = watersheds.extent().center()
    store.insert_feature(names.WORKS_POINTS, bytes(QgsGeometry.fromPointXY(QgsPointXY(centre)).asWkb()),
                         {"measure_code": "cistern", "measure_name": "蓄水池"})  # fmt: skip
    layers = ax.AtlasLayers(store, "baseline", "zh", QgsProject(), "")
    works = layers.works()
    assert [w.name() for w in works] == ["点状工程"]
    assert works[0] in layers.for_map("measures") and works[0] in layers.legend("measures")
    assert [c.label() for c in works[0].renderer().categories()] == ["蓄水池"]
    out = tmp_path / "measures.pdf"
    assert export(store, out, MAPS=[4])["PAGES"] == N_UNITS == len(pdf_pages(out))


def test_the_layouts_load_into_a_project_for_manual_finishing(full_plan, steps_1_2, tmp_path):
    project = QgsProject()
    layouts, missing = ax.load_layouts_into_project(project, full_plan, language="zh", page_format=1)
    assert len(layouts) == 6 and missing == ()
    assert [project.layoutManager().layoutByName(n) is not None for n in layouts] == [True] * 6
    layout = project.layoutManager().layoutByName(layouts[2])
    assert "土壤侵蚀强度图" in layout.name()
    atlas = layout.atlas()
    assert atlas.enabled() and atlas.coverageLayer() is not None and atlas.updateFeatures() == N_UNITS
    group = project.layerTreeRoot().children()[0]
    assert group.customProperty(ax.GROUP_PROPERTY) == "atlas_baseline" and not group.isVisible()
    n_layers = len(project.mapLayers())
    again, _ = ax.load_layouts_into_project(project, full_plan, language="zh", page_format=1)
    assert again == layouts and len(project.layoutManager().printLayouts()) == 6  # replaced, not doubled
    assert len(project.mapLayers()) == n_layers
    assert project.write(str(tmp_path / "finishing.qgz"))  # saved and opened again, as the user does
    reopened = QgsProject()
    assert reopened.read(str(tmp_path / "finishing.qgz"))
    layout = reopened.layoutManager().layoutByName(layouts[4])
    assert layout is not None and layout.atlas().updateFeatures() == N_UNITS
    assert len(layout.itemById(ax.ITEM_MAP).layers()) >= 3  # boundaries, streams, measures
    other = QgsProject()
    names_, missing = ax.load_layouts_into_project(other, steps_1_2, language="en")
    assert len(names_) == 4 and len(missing) == 2


@pytest.mark.skipif(
    not os.environ.get("SBPLANNER_TEST_PG"), reason="SBPLANNER_TEST_PG is not set (no PostGIS test server)"
)
def test_the_atlas_of_a_postgis_plan(steps_1_2, tmp_path):
    """The same pages from a plan in PostgreSQL/PostGIS (its layers read through the postgres provider)."""
    psycopg2 = pytest.importorskip("psycopg2")
    from sbplanner_plugin.adapters.plan_store_postgis import PostgisPlanStore

    dsn = os.environ["SBPLANNER_TEST_PG"]
    store = PostgisPlanStore(dsn, f"atlas_{uuid.uuid4().hex[:10]}")
    try:
        store.ensure()
        for layer in (names.SMALL_WATERSHEDS, names.SMALL_WATERSHED_STREAMS, names.PARCELS):
            processing.run(
                "native:savefeatures", {"INPUT": steps_1_2.layer_uri(layer), "OUTPUT": store.destination(layer)}
            )
        out = tmp_path / "atlas.pdf"
        result = processing.run("sbplanner:export_maps", {"PLAN": store.location, "OUTPUT": str(out), "MAPS": [0, 2]})
        assert len(pdf_pages(out)) == 2 * N_UNITS == result["PAGES"]
        assert result["MISSING"] == ""
    finally:
        with psycopg2.connect(dsn) as con, con.cursor() as cur:
            cur.execute(f'DROP SCHEMA IF EXISTS "{store.schema}" CASCADE')
        con.close()


def test_a_postgis_plan_location_passes_the_parameter_check(tmp_path):
    """QGIS's file parameter refuses "postgres:…" texts; the plan parameters of SBPlanner accept them."""
    alg = QgsApplication.processingRegistry().algorithmById("sbplanner:export_maps")
    location = "postgres:host=127.0.0.1 dbname=x schema=plan_a"
    ok, message = alg.checkParameterValues(
        {"PLAN": location, "OUTPUT": str(tmp_path / "a.pdf")}, QgsProcessingContext()
    )
    assert ok, message
    assert not alg.checkParameterValues(
        {"PLAN": "plan.txt", "OUTPUT": str(tmp_path / "a.pdf")}, QgsProcessingContext()
    )[0]
