#!/usr/bin/env python3
"""Run SBPlanner headless on the bundled Youwuzhen watershed (Fujian, SEIMS data) — ``make demo``.

What it does, exactly as a user would in the dock, but without a window:

1. ``sbplanner:delineate_watersheds`` on ``ywzdem10m.tif`` + ``outlet_beijing1954.shp``
   (stream threshold 0.1 km², default snap distance);
2. ``sbplanner:divide_small_watersheds`` on the same DEM inside that watershed (BOUNDARY), with
   an area range of 0.3–2 km², so the ~5.4 km² catchment splits into several small watersheds;
3. step 2 (issue 3), when the algorithms are installed: ``sbplanner:analyse_parcels`` on the derived
   三调-like parcel layer ``parcels_gbt21010.gpkg`` (GB/T 21010 codes in ``DLBM``, vegetation cover
   ``FVC`` and canopy closure ``YBD``) with the same DEM, the small watersheds of step 1, SL/T 447
   D.0.10 slope classes, the 南方红壤丘陵区 tolerance (500 t/(km²·a)) and the **assumed demo factors**
   of ``resources/demo/youwuzhen/demo_factors.csv`` (R = 7000 MJ·mm/(hm²·h·a), K = 0.005
   t·hm²·h/(hm²·MJ·mm), the forest and orchard cover/canopy written into the copied parcels — each with
   its source and confidence; not measured data); then ``sbplanner:summarise_watersheds`` writes the
   per-watershed tables (land use × slope, D.0.10, D.0.11, D.0.5, indicators) into the plan GeoPackage;
4. step 3 (issue 4), when installed: ``sbplanner:assign_measures`` proposes a measure for every
   analysed parcel (bundled catalogue and rules, region 南方红壤丘陵区) into the plan layer
   ``parcels_measures`` and writes ``measures_summary.csv`` (area hm² and parcels per measure);
5. step 4 (issue 10), when installed (:mod:`sbplanner_plugin.demo.step4`): ``sbplanner:terrace_quantities``
   (Youwuzhen has no terraced parcel: its terrace tables are empty and say why),
   ``sbplanner:measure_quantities`` and ``sbplanner:estimate_investment`` into the plan, and the CSV tables
   ``terrace_quantities.csv``, ``terrace_branches.csv``, ``measure_quantities.csv``, ``quantity_items.csv``,
   ``d016_quantities.csv`` (SL/T 447 D.0.16 工程量汇总表 per small watershed and measure) and
   ``investment_summary.csv`` / ``investment_by_ws.csv`` / ``investment_schedule.csv`` /
   ``investment_funding.csv`` / ``investment_items.csv`` — priced with the EXAMPLE unit prices of
   ``resources/params/unit_prices.csv``;
6. step 5 (issue 11), when installed (:mod:`sbplanner_plugin.demo.step5`): ``sbplanner:urgency_ranking`` of
   the small watersheds (``ws_urgency``: urgency_score, urgency_rank, urgency_class on the watershed polygons)
   and ``sbplanner:evaluate_benefits`` (GB/T 15774) into the plan, and ``urgency_ranking.csv``,
   ``benefit_ws.csv``, ``benefit_by_year.csv``, ``benefit_d020.csv`` (D.0.20) and ``benefit_d021.csv``
   (D.0.21) — PROPOSAL weights, EXAMPLE benefit prices; the 坡改梯 priority runs on the steep-cropland case;
   then step 6 (issue 12, :mod:`sbplanner_plugin.demo.step6`): the deliverables written from the plan —
   ``youwuzhen_atlas.pdf`` (map atlas), ``youwuzhen_report.docx`` (Word report) and
   ``youwuzhen_design_tables.xlsx`` (SL/T 447 Appendix D tables);
7. writes everything into the plan GeoPackage ``<output>/youwuzhen_plan.gpkg`` and builds the
   project ``<output>/youwuzhen_demo.qgz`` (in EPSG:2415; hillshaded DEM + the result layers in the dock's
   step groups, ordered and named as the dock does in the ``--language`` given, parcels styled by erosion
   intensity), a map image ``youwuzhen_map.png``, ``summary.csv`` (watersheds) and
   ``parcel_summary.csv`` (indicators per small watershed: 水土流失面积, 水土保持率, 林草覆盖率 …),
   ``factor_provenance.csv`` (each CSLE factor's value and source) and prints them;
8. then the steep-cropland case (:mod:`sbplanner_plugin.demo.steep_case`, skipped with ``--no-steep``):
   steps 1–5 on the synthetic loess hillside of ``resources/demo/steep_cropland`` into
   ``<output>/steep_cropland/``, where every terrace branch occurs (level earth and stone risers,
   坡式梯田, 隔坡梯田; suitable, reduced bench width, unsuitable).

Every CSV is UTF-8 with a byte-order mark (Excel opens the Chinese names correctly).

The results are ILLUSTRATIVE: R, K and cover are assumptions (resources/demo/youwuzhen/README.md), so
the 水土保持率 is not Changting's published state (水土流失率 6.78 % in 2020).

Re-running overwrites ``<output>``. Usage::

    QT_QPA_PLATFORM=offscreen .venv/bin/python sbplanner_plugin/demo/run_demo.py --output demo-output
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import sys
from pathlib import Path

_HERE = Path(__file__).resolve()
_SOURCE_ROOT = _HERE.parents[2]  # folder that holds the sbplanner_plugin package
if str(_SOURCE_ROOT) not in sys.path:
    sys.path.insert(0, str(_SOURCE_ROOT))

from sbplanner_plugin.core.definitions import ErosionRegion  # noqa: E402  (pure Python, no QGIS)
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP  # noqa: E402
from sbplanner_plugin.demo import steep_case  # noqa: E402
from sbplanner_plugin.demo.runner import CSV_ENCODING, read_factors  # noqa: E402  (QGIS imported in the functions)
from sbplanner_plugin.demo.runner import algorithm_available as _algorithm_available  # noqa: E402
from sbplanner_plugin.demo.runner import run as _run  # noqa: E402
from sbplanner_plugin.demo.runner import table_rows as _table_rows  # noqa: E402
from sbplanner_plugin.demo.runner import vector as _vector  # noqa: E402
from sbplanner_plugin.demo.step4 import CSV_NAMES as STEP4_CSV_NAMES  # noqa: E402
from sbplanner_plugin.demo.step4 import run_step4  # noqa: E402
from sbplanner_plugin.demo.step5 import CSV_NAMES as STEP5_CSV_NAMES  # noqa: E402
from sbplanner_plugin.demo.step5 import run_step5  # noqa: E402
from sbplanner_plugin.demo.step6 import OUTPUT_NAMES as STEP6_NAMES  # noqa: E402
from sbplanner_plugin.demo.step6 import run_step6  # noqa: E402

GPKG_NAME = "youwuzhen_plan.gpkg"
PROJECT_NAME = "youwuzhen_demo.qgz"
MAP_NAME = "youwuzhen_map.png"
SUMMARY_NAME = "summary.csv"
PARCEL_SUMMARY_NAME = "parcel_summary.csv"
MEASURES_SUMMARY_NAME = "measures_summary.csv"
FACTORS_NAME = "factor_provenance.csv"
DEMO_FACTORS_NAME = "demo_factors.csv"
#: The project entry the dock reads to label the demo as illustrative (gui/steps/parcels_step.py).
DEMO_SCOPE, DEMO_KEY, DEMO_ID = "sbplanner", "demo", "youwuzhen"
#: What every demo summary says about itself.
ILLUSTRATIVE = "illustrative demo: assumed R, K and cover (factor_provenance.csv), not survey data"
#: Changting County's published state, for comparison (新华网 2021-12-10: 水土流失率 6.78 % in 2020).
CHANGTING_EROSION_RATE_2020_PCT = 6.78
DEM_NAME = "ywzdem10m.tif"
OUTLET_NAME = "outlet_beijing1954"
PARCELS_NAME = "parcels_gbt21010.gpkg"
#: The steep-cropland case's output folder inside <output> (sbplanner_plugin/demo/steep_case.py).
STEEP_DIR = steep_case.CASE
#: Why Youwuzhen's terrace table is empty (written as its note).
YOUWUZHEN_NO_TERRACE = (
    "Youwuzhen's cropland is paddy (0101: non-eroding, no measure) and it holds no dry cropland; the terrace "
    f"branches run on the steep-cropland case ({STEEP_DIR}/)."
)

# Step 2 demo factors: ASSUMED (not measured), read from resources/demo/youwuzhen/demo_factors.csv where
# each carries its source and confidence; these constants are that table's defaults.
DEMO_R_FACTOR = 7000.0  # MJ·mm/(hm²·h·a)
DEMO_K_FACTOR = 0.005  # t·hm²·h/(hm²·MJ·mm)
#: demo_factors.csv keys → (land-use code, parcel field) written into the copied parcel layer
COVER_KEYS = {
    "forest_fvc": ("0301", "FVC"),
    "forest_gd": ("0301", "YBD"),
    "orchard_fvc": ("0201", "FVC"),
    "orchard_gd": ("0201", "YBD"),
}
SLOPE_SYSTEM_D010 = 1  # SL/T 447 D.0.10 土地坡度组成
EROSION_REGION_SOUTH_RED_SOIL = int(ErosionRegion.SOUTH_RED_SOIL)  # 南方红壤丘陵区, tolerance 500 t/(km²·a)
STEP2_TABLES = ("ws_landuse_slope", "ws_d010", "ws_d011", "ws_d05", "ws_indicators")
STEP2_OUTPUTS = ("OUTPUT_LANDUSE_SLOPE", "OUTPUT_D010", "OUTPUT_D011", "OUTPUT_D05", "OUTPUT_INDICATORS")
INDICATOR_FIELDS = (
    "ws_code",
    "land_area_km2",
    "eroded_area_km2",
    "swc_rate_pct",
    "forest_grass_cover_pct",
    "mean_modulus_t_km2_a",
)

SUMMARY_FIELDS = (
    "ws_code",
    "downstream_code",
    "unit_type",
    "area_km2",
    "perimeter_km",
    "elev_min_m",
    "elev_max_m",
    "relief_m",
    "slope_mean_deg",
    "channel_length_km",
    "channel_slope_pct",
    "gully_density_km_per_km2",
    "form_factor",
)

# The demo project's plan layers, loaded as the dock's steps load them (gui/layers.py: one group per step, in
# GROUP_ORDER; points above lines above polygons inside a group; one stream network ticked), named as the steps
# name them in the user's language: (plan layer, step group, translation context, English name).
DEMO_LAYERS = (
    ("watersheds", "watersheds", "WatershedsStep", QT_TRANSLATE_NOOP("WatershedsStep", "Watersheds")),
    ("streams", "watersheds", "WatershedsStep", QT_TRANSLATE_NOOP("WatershedsStep", "Streams")),
    ("outlets_snapped", "watersheds", "WatershedsStep", QT_TRANSLATE_NOOP("WatershedsStep", "Snapped outlets")),
    ("small_watersheds", "watersheds", "DividePanel", QT_TRANSLATE_NOOP("DividePanel", "Small watersheds")),
    (
        "small_watershed_streams",
        "watersheds",
        "DividePanel",
        QT_TRANSLATE_NOOP("DividePanel", "Small watershed streams"),
    ),
    ("parcels", "parcels", "ParcelsStep", QT_TRANSLATE_NOOP("ParcelsStep", "Parcels")),
    ("parcels_measures", "measures", "MeasuresStep", QT_TRANSLATE_NOOP("MeasuresStep", "Parcels with measures")),
    ("ws_urgency", "ranking", "BenefitsStep", QT_TRANSLATE_NOOP("BenefitsStep", "Urgency of small watersheds")),
    ("farmland_priority", "ranking", "BenefitsStep", QT_TRANSLATE_NOOP("BenefitsStep", "Sloping farmland priority")),
    ("benefit_ws", "ranking", "BenefitsStep", QT_TRANSLATE_NOOP("BenefitsStep", "Benefits per small watershed")),
)
#: The style of a plan layer when it is not named after the layer (the dock's step 2 styles its parcels so).
DEMO_STYLES = {"parcels": "parcels_erosion"}
#: Result layers added unticked: the map opens on the erosion classes.
HIDDEN_LAYERS = ("parcels_measures", "farmland_priority", "ws_urgency", "benefit_ws")
#: The layer the demo project opens on (its extent, scaled).
VIEW_LAYER = "watersheds"
#: The inputs' group (below the steps' groups) and its layers' names.
INPUTS_GROUP = QT_TRANSLATE_NOOP("SbPlannerDemo", "Inputs")
OUTLET_INPUT_NAME = QT_TRANSLATE_NOOP("SbPlannerDemo", "Outlet (input)")
HILLSHADE_NAME = QT_TRANSLATE_NOOP("SbPlannerDemo", "Hillshade")
DEM_LAYER_NAME = QT_TRANSLATE_NOOP("SbPlannerDemo", "DEM {0:g} m (elevation)")
#: Label font of styles made here: the bundled styles' font when installed, else the system's default.
LABEL_FONT = "Noto Sans CJK SC"


#: urgency_class_id → (label, fill) of the step-5 layer when no bundled style exists
URGENCY_COLOURS = ((1, "极紧迫 very urgent", "#d7191c"), (2, "紧迫 urgent", "#fdae61"),
                   (3, "较紧迫 fairly urgent", "#ffffbf"), (4, "一般 ordinary", "#a6d96a"))  # fmt: skip


def _urgency_style(layer) -> None:
    """The urgency classes (urgency_class_id) as four fills, labelled with the score's rank."""
    from qgis.core import (
        QgsCategorizedSymbolRenderer,
        QgsFillSymbol,
        QgsPalLayerSettings,
        QgsRendererCategory,
        QgsVectorLayerSimpleLabeling,
    )

    categories = [
        QgsRendererCategory(value, QgsFillSymbol.createSimple({"color": colour, "outline_color": "#444444"}), label)
        for value, label, colour in URGENCY_COLOURS
    ]
    layer.setRenderer(QgsCategorizedSymbolRenderer("urgency_class_id", categories))
    layer.setOpacity(0.7)
    labels = QgsPalLayerSettings()
    labels.setFormat(_text_format())  # not the application's font (offscreen: DejaVu LGC Sans, missing elsewhere)
    labels.isExpression = True
    labels.fieldName = "'#' || \"urgency_rank\" || ' ' || \"ws_code\""
    layer.setLabeling(QgsVectorLayerSimpleLabeling(labels))
    layer.setLabelsEnabled(True)


def _text_format():
    """Label text: :data:`LABEL_FONT` when the system has it, else the system's default family."""
    from qgis.core import QgsTextFormat
    from qgis.PyQt.QtGui import QFont, QFontDatabase

    font = QFont()
    if LABEL_FONT in QFontDatabase().families():
        font.setFamily(LABEL_FONT)
    font.setPointSizeF(9)
    text = QgsTextFormat()
    text.setFont(font)
    text.setSize(9)
    return text


def _translate(context: str, text: str) -> str:
    from qgis.PyQt.QtCore import QCoreApplication

    return QCoreApplication.translate(context, text)


class _StepTexts:
    """Stands in for a step widget so that its ``group_name`` gives the translated group name without a dock."""

    def __init__(self, context: str) -> None:
        self.context = context

    def tr(self, text: str) -> str:
        return _translate(self.context, text)


def step_group_names() -> dict[str, str]:
    """The steps' layer-tree group names by group key, in the user's language (as the dock names them)."""
    from sbplanner_plugin.gui.steps.benefits_step import BenefitsStep
    from sbplanner_plugin.gui.steps.measures_step import MeasuresStep
    from sbplanner_plugin.gui.steps.parcels_step import ParcelsStep
    from sbplanner_plugin.gui.steps.watersheds_step import WatershedsStep

    steps = {"watersheds": WatershedsStep, "parcels": ParcelsStep, "measures": MeasuresStep, "ranking": BenefitsStep}
    return {key: cls.group_name(_StepTexts(cls.__name__)) for key, cls in steps.items()}


def named_crs(crs):
    """``crs`` by its EPSG code when it is one without saying so (the demo DEM's WKT names Beijing 1954 / 3-degree
    GK zone 39 but no authority: QGIS showed an unnamed custom CRS); else ``crs`` itself."""
    from osgeo import osr
    from qgis.core import QgsCoordinateReferenceSystem

    if not crs.isValid() or crs.authid().upper().startswith("EPSG:"):
        return crs
    try:
        srs = osr.SpatialReference()
        if srs.ImportFromWkt(crs.toWkt()) != 0:
            return crs
        own = srs.ExportToProj4().strip()
        for match, _confidence in srs.FindMatches() or []:
            code = match.GetAuthorityCode(None)
            if match.GetAuthorityName(None) == "EPSG" and code and match.ExportToProj4().strip() == own:
                named = QgsCoordinateReferenceSystem(f"EPSG:{code}")
                if named.isValid():
                    return named
    except (RuntimeError, TypeError):
        return crs
    return crs


def install_translator(language: str):
    """The plugin's translation for ``language`` ("zh_CN", "en"; "auto": from $LANG) in the running QGIS
    application: the demo project's groups and layers are then named as the dock names them in that language.
    Returns the translator (keep it) or None (English)."""
    import subprocess
    import tempfile

    from qgis.core import QgsApplication
    from qgis.PyQt.QtCore import QTranslator

    from sbplanner_plugin.i18n import candidate_locales
    from sbplanner_plugin.paths import i18n_path

    if language == "auto":
        language = os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
    for locale in candidate_locales(language):
        qm = i18n_path(f"sbplanner_{locale}.qm")
        ts = i18n_path(f"sbplanner_{locale}.ts")
        if not qm.is_file() and ts.is_file() and shutil.which("lrelease"):
            qm = Path(tempfile.mkdtemp()) / qm.name  # not compiled yet (make transcompile): compile a copy
            subprocess.run(["lrelease", "-silent", str(ts), "-qm", str(qm)], check=False)
        translator = QTranslator()
        if qm.is_file() and translator.load(str(qm)):
            QgsApplication.installTranslator(translator)
            return translator
    if language and not language.startswith(("en", "C", "POSIX")):
        print(f"    (no translation for {language}: the demo project is named in English)")
    return None


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", default="demo-output", help="output folder (overwritten)")
    parser.add_argument("--threshold-km2", type=float, default=0.1, help="stream threshold, km²")
    parser.add_argument("--max-area-km2", type=float, default=2.0, help="largest small watershed, km²")
    parser.add_argument("--min-area-km2", type=float, default=0.3, help="smallest small watershed, km²")
    parser.add_argument("--no-map", action="store_true", help="skip rendering youwuzhen_map.png")
    parser.add_argument("--no-steep", action="store_true", help=f"skip the steep-cropland case (<output>/{STEEP_DIR}/)")
    parser.add_argument(
        "--language", default="auto",
        help="language of the demo project's layer names: zh_CN, en, or auto (from $LANG, the default)",
    )  # fmt: skip
    return parser.parse_args(argv)


def _fail(message: str) -> int:
    print(f"\nSBPlanner demo failed: {message}", file=sys.stderr)
    return 1


def _copy_inputs(demo_dir: Path, data_dir: Path) -> tuple[Path, Path]:
    """Copy the DEM, outlet and parcels into the output folder so demo-output/ is self-contained."""
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy2(demo_dir / DEM_NAME, data_dir / DEM_NAME)
    if (demo_dir / PARCELS_NAME).is_file():
        shutil.copy2(demo_dir / PARCELS_NAME, data_dir / PARCELS_NAME)
    for suffix in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
        source = demo_dir / f"{OUTLET_NAME}{suffix}"
        if source.is_file():
            shutil.copy2(source, data_dir / source.name)
    return data_dir / DEM_NAME, data_dir / f"{OUTLET_NAME}.shp"


def read_demo_factors(demo_dir: Path) -> dict[str, dict]:
    """The rows of demo_factors.csv by key (value, unit, source, confidence); {} when it is missing."""
    return read_factors(demo_dir / DEMO_FACTORS_NAME)


def _apply_demo_cover(parcels_path: Path, factors: dict[str, dict]) -> None:
    """Write the demo's cover and canopy (demo_factors.csv) into the COPIED parcel layer, per land use."""
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(f"{parcels_path}|layername=parcels", "parcels", "ogr")
    if not layer.isValid():
        raise RuntimeError(f"cannot open {parcels_path}")
    names = layer.fields().names()
    changes: dict[int, dict[int, float]] = {}
    for feature in layer.getFeatures():
        for key, (code, column) in COVER_KEYS.items():
            if key in factors and str(feature["DLBM"]) == code:
                changes.setdefault(feature.id(), {})[names.index(column)] = float(factors[key]["value"])
    if changes and not layer.dataProvider().changeAttributeValues(changes):
        raise RuntimeError(f"cannot write the demo cover into {parcels_path}")


def _start_qgis():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    if sys.platform.startswith("linux") and not os.environ.get("QGIS_PREFIX_PATH"):
        QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    plugins_dir = os.path.join(QgsApplication.pkgDataPath(), "python", "plugins")
    if plugins_dir not in sys.path:
        sys.path.append(plugins_dir)
    from processing.core.Processing import Processing

    Processing.initialize()
    return app


def _register_provider():
    from qgis.core import QgsApplication

    from sbplanner_plugin.processing.provider import SbPlannerProvider

    registry = QgsApplication.processingRegistry()
    provider = registry.providerById("sbplanner")
    if provider is None:
        provider = SbPlannerProvider()
        registry.addProvider(provider)
    return provider


def _style(layer, style_name: str) -> bool:
    try:
        from sbplanner_plugin.adapters.styles import apply_style
    except ImportError:
        return False
    try:
        return bool(apply_style(layer, style_name))
    except Exception as error:
        print(f"    (style {style_name} not applied: {error})")
        return False


def _has_style(name: str) -> bool:
    """Whether a bundled style is named after ``name`` (gui.layers.load_plan_layers applied it)."""
    from sbplanner_plugin.paths import styles_path

    return styles_path(name).is_file()


def _dem_layers(dem_path: Path):
    """A hillshade and a semi-transparent colour-ramped DEM above it (styled as the plugin's demo loader does)."""
    from qgis.core import QgsRasterLayer

    from sbplanner_plugin.gui.layers import style_dem_layers

    hillshade = QgsRasterLayer(str(dem_path), _translate("SbPlannerDemo", HILLSHADE_NAME), "gdal")
    colour = QgsRasterLayer(str(dem_path), "DEM", "gdal")
    if not hillshade.isValid() or not colour.isValid():
        raise RuntimeError(f"cannot open the DEM {dem_path}")
    colour.setName(_translate("SbPlannerDemo", DEM_LAYER_NAME).format(colour.rasterUnitsPerPixelX()))
    for layer in (hillshade, colour):
        layer.setCrs(named_crs(layer.crs()))
    style_dem_layers(hillshade, colour, opacity=0.55)
    return hillshade, colour


def _build_project(
    out_dir: Path,
    gpkg: Path,
    dem_path: Path,
    outlet_path: Path,
    project_name: str = PROJECT_NAME,
    title: str = "SBPlanner demo — Youwuzhen 游屋镇: small watersheds 小流域划分, parcel erosion 图斑土壤侵蚀",
):
    from qgis.core import QgsProject, QgsReferencedRectangle

    from sbplanner_plugin.adapters.plan_store import PlanStore, set_project_plan_path

    store = PlanStore(gpkg)
    project = QgsProject.instance()
    project.clear()
    project.setFileName(str(out_dir / project_name))
    project.setTitle(title)
    root = project.layerTreeRoot()

    from sbplanner_plugin.gui import layers as dock_layers

    groups = step_group_names()
    available = set(store.layers())
    styled = []
    for layer_name, group_key, context, name in DEMO_LAYERS:
        if layer_name not in available:
            continue
        # the dock's own loading: tagged (gui.layers.LAYER_PROPERTY, so its steps work on these layers straight
        # away), into its step's group, ordered, styled after the key, only the last stream network ticked
        uri = store.layer_uri(layer_name)
        loaded = dock_layers.load_plan_layers(
            [(layer_name, uri, _translate(context, name))], group_key, groups[group_key], project
        )
        layer = loaded.get(layer_name)
        if layer is None:
            continue
        layer.setCrs(named_crs(layer.crs()))
        style = DEMO_STYLES.get(layer_name)
        if _style(layer, style) if style else _has_style(layer_name):
            styled.append(layer_name)
        if layer_name == "ws_urgency" and layer_name not in styled:
            _urgency_style(layer)
        if layer_name in HIDDEN_LAYERS:
            # the map opens on the erosion classes; tick to see the others
            root.findLayer(layer.id()).setItemVisibilityChecked(False)

    inputs = root.addGroup(_translate("SbPlannerDemo", INPUTS_GROUP))  # below the steps' groups
    outlet = _vector(str(outlet_path), _translate("SbPlannerDemo", OUTLET_INPUT_NAME))
    outlet.setCrs(named_crs(outlet.crs()))
    project.addMapLayer(outlet, False)
    inputs.addLayer(outlet)
    hillshade, colour = _dem_layers(dem_path)
    for layer in (colour, hillshade):
        project.addMapLayer(layer, False)
        inputs.addLayer(layer)
    project.setCrs(named_crs(colour.crs()))  # EPSG:2415 for Youwuzhen, not an unnamed custom CRS
    # open on the watershed (not at 1:1 on nothing) and with the dock pointing at this plan
    view = dock_layers.find_layer(VIEW_LAYER, project) or colour
    extent = view.extent()
    extent.scale(1.15)
    project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(extent, view.crs()))
    set_project_plan_path(project, str(gpkg))
    project.writeEntry(DEMO_SCOPE, DEMO_KEY, DEMO_ID)  # the dock labels the demo as illustrative
    if not project.write():
        raise RuntimeError(f"cannot write {project.fileName()}")
    return project, styled


def _render_map(project, path: Path, extent_layer_key: str) -> None:
    from qgis.core import QgsMapRendererParallelJob, QgsMapSettings
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor

    layers = [
        node.layer() for node in project.layerTreeRoot().findLayers() if node.layer() is not None and node.isVisible()
    ]
    from sbplanner_plugin.gui.layers import LAYER_PROPERTY

    extent_layers = [lyr for lyr in layers if lyr.customProperty(LAYER_PROPERTY) == extent_layer_key] or layers
    extent = extent_layers[0].extent()
    extent.scale(1.08)
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(project.crs())
    settings.setExtent(extent)
    settings.setOutputSize(QSize(1400, 1200))
    settings.setBackgroundColor(QColor("white"))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    job.renderedImage().save(str(path), "PNG")


def _run_step2(store, dem_path: Path, parcels_path: Path, out_dir: Path, factors: dict[str, dict]) -> bool:
    """Parcel analysis + watershed summaries; False (and a notice) when step 2 is not installed."""
    missing = [
        a for a in ("sbplanner:analyse_parcels", "sbplanner:summarise_watersheds") if not _algorithm_available(a)
    ]
    if missing:
        print(f"\nStep 2 skipped: {', '.join(missing)} not available in this build.")
        return False
    if not parcels_path.is_file():
        raise RuntimeError(f"demo parcel layer not found: {parcels_path}")
    r = float(factors.get("r_factor", {}).get("value", DEMO_R_FACTOR))
    k = float(factors.get("k_factor", {}).get("value", DEMO_K_FACTOR))
    _apply_demo_cover(parcels_path, factors)
    print(
        "\nStep 2 — parcels 图斑. ILLUSTRATIVE DEMO 示例: R, K and cover are ASSUMED, not data "
        f"({DEMO_FACTORS_NAME}, resources/demo/youwuzhen/README.md):"
    )
    for key, row in factors.items():
        print(f"    {key} = {row['value']} {row.get('unit') or ''} [{row['confidence']}] {row['source']}")
    result = _run(
        "sbplanner:analyse_parcels",
        {
            "PARCELS": f"{parcels_path}|layername=parcels",
            "DEM": str(dem_path),
            "WATERSHEDS": store.layer_uri("small_watersheds"),
            "LANDUSE_FIELD": "DLBM",
            "SLOPE_SYSTEM": SLOPE_SYSTEM_D010,
            "R_FACTOR": r,
            "K_FACTOR": k,
            "COVER_FIELD": "FVC",
            "CANOPY_FIELD": "YBD",
            "EROSION_REGION": EROSION_REGION_SOUTH_RED_SOIL,
            "TOLERANCE_T_KM2_A": 0.0,  # 0 = from the erosion region
            "CROPPING_ZONE": factors.get("cropping_zone", {}).get("value", ""),
            "OUTPUT_PARCELS": store.destination("parcels"),
            "OUTPUT_FACTORS": store.destination("factor_provenance"),
            "OUTPUT_SOIL_LOSS": str(out_dir / "soil_loss_t_km2_a.tif"),
        },
    )
    _write_factors(store, factors, out_dir / FACTORS_NAME, result)
    params = {
        "PARCELS": store.layer_uri("parcels"),
        "WATERSHEDS": store.layer_uri("small_watersheds"),
        "SLOPE_SYSTEM": SLOPE_SYSTEM_D010,
        "PLAN": str(store.path),
    }
    params.update({key: "TEMPORARY_OUTPUT" for key in STEP2_OUTPUTS})
    _run("sbplanner:summarise_watersheds", params)
    missing_tables = [t for t in STEP2_TABLES if t not in store.layers()]
    if missing_tables:
        raise RuntimeError(f"summarise_watersheds did not write {', '.join(missing_tables)} into {store.path}")
    return True


def _write_factors(store, factors: dict[str, dict], path: Path, result: dict) -> None:
    """factor_provenance.csv: the demo's assumed inputs (with their basis) and the run's factor provenance."""
    rows = [
        {"factor": "demo", "value": "illustrative", "source": ILLUSTRATIVE, "confidence": ""},
        *(
            {"factor": f"demo:{key}", "value": row["value"], "source": row["source"], "confidence": row["confidence"]}
            for key, row in factors.items()
        ),
    ]
    if "factor_provenance" in store.layers():
        rows += [
            {"factor": r["factor"], "value": r["value"] or "", "source": r["source"], "confidence": ""}
            for r in _table_rows(store.layer_uri("factor_provenance"), "factor_provenance")
        ]
    _write_rows_csv(rows, path)
    if result.get("FACTOR_WARNINGS"):
        print("  factor warnings: " + result["FACTOR_WARNINGS"].replace("\n", "\n    "))


def _run_step3(store, out_dir: Path) -> bool:
    """Rule-based measure layout into ``parcels_measures`` and ``measures_summary.csv``."""
    if not _algorithm_available("sbplanner:assign_measures"):
        print("\nStep 3 skipped: sbplanner:assign_measures not available in this build.")
        return False
    print("\nStep 3 — measures 措施配置: bundled catalogue and rules, region 南方红壤丘陵区 (proposed layout).")
    _run(
        "sbplanner:assign_measures",
        {
            "PARCELS": store.layer_uri("parcels"),
            "REGION": EROSION_REGION_SOUTH_RED_SOIL,
            "OUTPUT_PARCELS": store.destination("parcels_measures"),
        },
    )
    if "parcels_measures" not in store.layers():
        raise RuntimeError(f"assign_measures did not write parcels_measures into {store.path}")
    import pandas as pd

    from sbplanner_plugin.adapters.param_files import load_catalogue
    from sbplanner_plugin.core.measures import summarise
    from sbplanner_plugin.paths import resources_path

    assigned = pd.DataFrame(_table_rows(store.layer_uri("parcels_measures"), "parcels_measures"))
    summary = summarise(assigned.fillna({"measure_code": "", "measure_codes": ""}), load_catalogue(
        resources_path("params", "measures.csv")))  # fmt: skip
    total = float(summary["area_ha"].sum()) or 1.0
    summary["share_pct"] = (100.0 * summary["area_ha"] / total).round(2)
    from sbplanner_plugin.adapters.atomic_outputs import replacing

    with replacing(out_dir / MEASURES_SUMMARY_NAME) as temp:
        summary.to_csv(temp, index=False, encoding=CSV_ENCODING)
    print("\nProposed measures 措施 (area counted once per parcel, under its primary measure):")
    for row in summary.itertuples(index=False):
        label = f"{row.measure_name} ({row.measure_code})" if row.measure_code else row.measure_name
        extra = f"  + {row.with_measures}" if row.with_measures else ""
        print(f"  {label:<36} {row.area_ha:8.2f} hm²  {row.share_pct:5.1f} %  {row.parcels:4d} parcels{extra}")
    forest = assigned[assigned["landuse_group"].astype(str) == "03"]
    by_measure = forest.groupby(forest["measure_code"].fillna(""))["area_ha"].sum().sort_values(ascending=False)
    print(
        "  SEIMS Youwuzhen scenario BMPs (areal_struct_management.csv): 封育 fengjin and 低效林改造 dixiaolingaizao"
        " on forest, 生态林草 shengtailincao anywhere, 果园改造 jingjilinguo on orchards.\n"
        "  Forest 林地 here: "
        + ", ".join(f"{code or 'none'} {area:.1f} hm²" for code, area in by_measure.items())
        + " — the demo layer gives every forest parcel one assumed cover (FVC/YBD), so cover does not split it."
    )
    return True


def _parcel_overview(store) -> dict:
    """Area-weighted figures over the analysed parcels (a sanity check printed by the demo)."""
    rows = _table_rows(store.layer_uri("parcels"), "parcels")
    area = sum(r["area_ha"] or 0.0 for r in rows)
    with_slope = [r for r in rows if r.get("slope_mean_deg") is not None and r.get("area_ha")]
    slope = sum(r["slope_mean_deg"] * r["area_ha"] for r in with_slope) / max(
        sum(r["area_ha"] for r in with_slope), 1e-9
    )
    by_class: dict[str, float] = {}
    for r in rows:
        key = r.get("erosion_class") or "–"
        by_class[key] = by_class.get(key, 0.0) + (r["area_ha"] or 0.0)
    by_group: dict[str, float] = {}
    for r in rows:
        key = str(r.get("landuse_group") or "–")
        by_group[key] = by_group.get(key, 0.0) + (r["area_ha"] or 0.0)
    no_numbers = sum(1 for r in rows if r.get("slope_mean_deg") is None)
    return {
        "parcels": len(rows),
        "area_ha": area,
        "slope_mean_deg": slope,
        "by_class": by_class,
        "by_group": by_group,
        "no_numbers": no_numbers,
    }


def _print_step2(overview: dict, indicators: list[dict]) -> None:
    print(
        f"\n{overview['parcels']} parcels analysed, {overview['area_ha']:.1f} hm², area-weighted mean slope "
        f"{overview['slope_mean_deg']:.1f}° (SEIMS published 16.8°); parcels without numbers: {overview['no_numbers']}"
    )
    total = overview["area_ha"] or 1.0
    print(
        "  land use (GB/T 21010 group): "
        + ", ".join(
            f"{k} {100 * v / total:.1f} %" for k, v in sorted(overview["by_group"].items(), key=lambda kv: -kv[1])
        )
    )
    print(
        "  erosion intensity 侵蚀强度: "
        + ", ".join(f"{k} {v:.1f} hm²" for k, v in sorted(overview["by_class"].items(), key=lambda kv: -kv[1]))
    )
    columns = [c for c in INDICATOR_FIELDS if indicators and c in indicators[0]]
    headers = {
        "ws_code": "ws_code",
        "land_area_km2": "land km²",
        "eroded_area_km2": "水土流失面积 km²",
        "swc_rate_pct": "水土保持率 %",
        "forest_grass_cover_pct": "林草覆盖率 %",
        "mean_modulus_t_km2_a": "modulus t/(km²·a)",
    }

    def cell(value) -> str:
        if value is None:
            return "–"
        if isinstance(value, float):
            return f"{value:.2f}" if abs(value) < 1000 else f"{value:.0f}"
        return str(value)

    table = [tuple(headers[c] for c in columns)] + [tuple(cell(r.get(c)) for c in columns) for r in indicators]
    widths = [max(len(line[i]) for line in table) for i in range(len(columns))]
    print(
        "\nIndicators per small watershed 小流域指标 (ws_code ALL = whole area) — ILLUSTRATIVE: assumed R, K and "
        "cover, see factor_provenance.csv:"
    )
    for index, line in enumerate(table):
        print("  " + "  ".join(text.rjust(width) for text, width in zip(line, widths)))
        if index == 0:
            print("  " + "  ".join("-" * width for width in widths))
    whole = next((r for r in indicators if r.get("ws_code") == "ALL"), None)
    if whole is not None and whole.get("swc_rate_pct") is not None:
        published = 100.0 - CHANGTING_EROSION_RATE_2020_PCT
        print(
            f"  Demo 水土保持率 {whole['swc_rate_pct']:.1f} % against Changting County's published ≈ {published:.1f} % "
            f"(水土流失率 {CHANGTING_EROSION_RATE_2020_PCT} % in 2020): Youwuzhen lies in Hetian, the county's former "
            "erosion core, and the demo's factors are assumptions — not comparable figures."
        )


def _write_rows_csv(rows: list[dict], path: Path) -> None:
    from sbplanner_plugin.adapters.atomic_outputs import replacing

    fieldnames: list[str] = []
    for row in rows:
        fieldnames.extend(k for k in row if k not in fieldnames)
    with replacing(path) as temp, temp.open("w", newline="", encoding=CSV_ENCODING) as stream:
        writer = csv.DictWriter(stream, fieldnames=fieldnames)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ("" if v is None else v) for k, v in row.items()})


def _summary_rows(gpkg: Path) -> list[dict]:
    from sbplanner_plugin.adapters.plan_store import PlanStore

    store = PlanStore(gpkg)
    rows = []
    for layer_name in ("watersheds", "small_watersheds"):
        if layer_name not in store.layers():
            continue
        layer = _vector(store.layer_uri(layer_name), layer_name)
        names = layer.fields().names()
        for feature in layer.getFeatures():
            row = {"layer": layer_name}
            for field in SUMMARY_FIELDS:
                value = feature[field] if field in names else None
                row[field] = None if value is None or str(value) == "NULL" else value
            rows.append(row)
    return rows


def _print_table(rows: list[dict]) -> None:
    columns = (
        "layer",
        "ws_code",
        "downstream_code",
        "area_km2",
        "relief_m",
        "slope_mean_deg",
        "channel_length_km",
        "gully_density_km_per_km2",
    )
    headers = ("layer", "ws_code", "downstream", "area_km2", "relief_m", "slope_deg", "channel_km", "drain_km/km2")

    def cell(value) -> str:
        if value is None:
            return "–"
        if isinstance(value, float):
            return f"{value:.3f}" if abs(value) < 100 else f"{value:.1f}"
        return str(value)

    table = [headers] + [tuple(cell(r.get(c)) for c in columns) for r in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(headers))]
    print()
    for index, line in enumerate(table):
        print("  " + "  ".join(text.rjust(width) for text, width in zip(line, widths)))
        if index == 0:
            print("  " + "  ".join("-" * width for width in widths))


def _write_csv(rows: list[dict], path: Path) -> None:
    from sbplanner_plugin.adapters.atomic_outputs import replacing

    with replacing(path) as temp, temp.open("w", newline="", encoding=CSV_ENCODING) as stream:
        writer = csv.DictWriter(stream, fieldnames=("layer", *SUMMARY_FIELDS))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ("" if v is None else v) for k, v in row.items()})


def _print_step4_totals(youwuzhen: dict | None, steep: dict | None) -> None:
    """The step-4 totals of both cases, side by side (ILLUSTRATIVE: example unit prices)."""
    cases = [(name, t) for name, t in (("Youwuzhen", youwuzhen), ("steep_cropland", steep)) if t]
    if not cases:
        return
    print("\nStep 4 totals (EXAMPLE unit prices of resources/params/unit_prices.csv — not a budget):")
    for name, t in cases:
        earth = sum(float(r.get("土方开挖") or 0.0) for r in t["d016"] if r["ws_code"] == "ALL")
        print(
            f"  {name:<15} terraced parcels {t['terraced']:4d} (suitable {t['suitable']}, reduced {t['reduced']}, "
            f"unsuitable {t['unsuitable']}); 土方开挖 {earth:,.0f} m³; "
            f"静态总投资 {t['static_total_yuan'] / 1e4:,.2f} 万元{'' if t['complete'] else ' (INCOMPLETE)'}"
        )


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    from sbplanner_plugin import deps

    deps.ensure_private_site_on_path()
    issues = deps.check_dependencies()
    if issues:
        return _fail(deps.format_report(issues))

    from sbplanner_plugin.paths import demo_path

    demo_dir = demo_path("youwuzhen")
    if not (demo_dir / DEM_NAME).is_file():
        return _fail(f"demo data not found in {demo_dir}")

    out_dir = Path(args.output).resolve()
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    dem_path, outlet_path = _copy_inputs(demo_dir, out_dir / "data")
    gpkg = out_dir / GPKG_NAME

    app = _start_qgis()
    try:
        from qgis.core import QgsProcessingException

        from sbplanner_plugin.adapters.plan_store import PlanStore

        provider = _register_provider()  # keep a reference: the registry does not keep the Python object
        store = PlanStore(gpkg)
        store.ensure()
        _run(
            "sbplanner:delineate_watersheds",
            {
                "DEM": str(dem_path),
                "OUTLETS": str(outlet_path),
                "STREAM_THRESHOLD_KM2": args.threshold_km2,
                "SNAP_DISTANCE_M": 0.0,  # 0 = the default, 3 cells
                "OUTPUT_WATERSHEDS": store.destination("watersheds"),
                "OUTPUT_STREAMS": store.destination("streams"),
                "OUTPUT_OUTLETS": store.destination("outlets_snapped"),
            },
        )
        _run(
            "sbplanner:divide_small_watersheds",
            {
                "DEM": str(dem_path),
                "BOUNDARY": store.layer_uri("watersheds"),
                "MAX_AREA_KM2": args.max_area_km2,
                "MIN_AREA_KM2": args.min_area_km2,
                "STREAM_THRESHOLD_KM2": args.threshold_km2,
                "OUTPUT_WATERSHEDS": store.destination("small_watersheds"),
                "OUTPUT_STREAMS": store.destination("small_watershed_streams"),
            },
        )
        factors = read_demo_factors(demo_dir)
        step2 = _run_step2(store, dem_path, out_dir / "data" / PARCELS_NAME, out_dir, factors)
        step3 = step2 and _run_step3(store, out_dir)  # before the project, so the layout is in it
        step4 = run_step4(store, dem_path, out_dir, YOUWUZHEN_NO_TERRACE) if step3 else None
        # step 5 (Youwuzhen's cropland is paddy: the 坡改梯 priority runs on the steep-cropland case)
        if step4 and run_step5(store, out_dir, EROSION_REGION_SOUTH_RED_SOIL):
            run_step6(store, out_dir)
        # the project's names in the user's language (the tables and reports above have their own language)
        translator = install_translator(args.language)  # noqa: F841  (kept alive while the projects are built)
        project, styled = _build_project(out_dir, gpkg, dem_path, outlet_path)
        if not args.no_map:
            _render_map(project, out_dir / MAP_NAME, VIEW_LAYER)
        rows = _summary_rows(gpkg)
        _print_table(rows)
        _write_csv(rows, out_dir / SUMMARY_NAME)
        if step2:
            indicators = _table_rows(store.layer_uri("ws_indicators"), "ws_indicators")
            _print_step2(_parcel_overview(store), indicators)
            _write_rows_csv([{**r, "basis": ILLUSTRATIVE} for r in indicators], out_dir / PARCEL_SUMMARY_NAME)
        project.clear()
        steep = None
        if step3 and not args.no_steep:
            steep_dir = out_dir / STEEP_DIR
            steep = steep_case.run_case(steep_dir)
            # a project for the trainer: the terraces of every branch, opened in the dock's step 4
            project, _ = _build_project(
                steep_dir, steep_dir / steep_case.GPKG_NAME, steep_dir / "data" / steep_case.DEM_NAME,
                steep_dir / "data" / steep_case.OUTLET_NAME, steep_case.PROJECT_NAME,
                "SBPlanner demo — steep cropland 坡耕地示例 (synthetic): terraces 坡改梯",
            )  # fmt: skip
            project.clear()
        del provider
    except QgsProcessingException as error:
        return _fail(str(error))
    except (RuntimeError, OSError, ImportError) as error:
        return _fail(str(error))
    finally:
        app.exitQgis()

    small = [r for r in rows if r["layer"] == "small_watersheds"]
    print(f"\n{len(small)} small watersheds; styled layers: {', '.join(styled) or 'none'}")
    print(f"Results in {out_dir}:")
    for name in (
        GPKG_NAME,
        PROJECT_NAME,
        MAP_NAME,
        SUMMARY_NAME,
        PARCEL_SUMMARY_NAME,
        FACTORS_NAME,
        MEASURES_SUMMARY_NAME,
        *STEP4_CSV_NAMES,
        *STEP5_CSV_NAMES,
        *STEP6_NAMES,
    ):
        if (out_dir / name).exists():
            print(f"  {out_dir / name}")
    if steep is not None:
        print(f"  {out_dir / STEEP_DIR}/ (steep-cropland case: {steep_case.GPKG_NAME}, {steep_case.PROJECT_NAME} "
              "and the same step-4 and step-5 tables, with farmland_priority.csv)")  # fmt: skip
    _print_step4_totals(step4, steep)
    print(f"Open the project in QGIS:  qgis {out_dir / PROJECT_NAME}")
    print(f"Note: {ILLUSTRATIVE}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
