"""The map atlas of step 6 as a PDF (and whole-area PNGs), and the same print layouts in the user's project.

What is drawn and in which order is decided by :func:`sbplanner_plugin.core.atlas.atlas_plan`; this module
builds it with QGIS:

* the layers come from the plan (``store.layer_uri`` — the scenario's copy of a step 3–5 layer) into a
  :class:`~qgis.core.QgsProject` of their own (:func:`export_atlas`; the user's project is not touched), styled
  with the bundled ``resources/styles/*.qml`` where one exists (parcels_erosion, parcels_slope, ws_urgency,
  streams, the works layers …; :mod:`~sbplanner_plugin.adapters.styles`), their legend labels in the chosen
  language;
* one print layout per map type from the template ``resources/layouts/atlas_<a3|a4>_<orientation>.qpt``
  (written by ``bench/make_layout_templates.py``; items found by the ``ITEM_*`` ids below), its atlas over the
  plan's small watersheds sorted by ``ws_code``; the main map follows the page's small watershed (location
  map: the whole area) with the parcels clipped to it, the inset shows the whole area with the page's small
  watershed and the main map's frame;
* ONE PDF of every page (map type by map type, small watershed by small watershed): the layouts' atlases are
  chained through one :class:`~qgis.core.QgsAbstractLayoutIterator` handed to
  ``QgsLayoutExporter.exportToPdf``, written atomically (:func:`~.deliverable_files.write_atomically`);
* optionally one whole-area PNG per map type, ``<map key>.png`` (:data:`IMAGE_NAMES`: location.png,
  landuse.png, erosion.png, slope.png, measures.png, urgency.png), the figures of the Word report.

Print layouts are QGraphicsScenes, which Qt does not allow outside the main thread (QGIS's own layout export
algorithms are ``FlagNoThreading`` for that reason): call these functions on the main thread.
:func:`load_layouts_into_project` puts the same layers (in a group, unchecked) and the atlas layouts into the
user's project for manual finishing in the layout designer.
"""

from __future__ import annotations

import datetime as _dt
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from osgeo import gdal
from qgis.core import (
    QgsAbstractLayoutIterator,
    QgsApplication,
    QgsBasicNumericFormat,
    QgsCategorizedSymbolRenderer,
    QgsExpressionContextUtils,
    QgsFeatureRequest,
    QgsFeedback,
    QgsFillSymbol,
    QgsLayerTreeGroup,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemMapOverview,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutSize,
    QgsLayoutUtils,
    QgsLegendRenderer,
    QgsLegendStyle,
    QgsLineSymbol,
    QgsMapClippingRegion,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsPrintLayout,
    QgsProject,
    QgsProperty,
    QgsReadWriteContext,
    QgsRectangle,
    QgsRendererCategory,
    QgsRuleBasedRenderer,
    QgsSymbolLayer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP
from qgis.PyQt.QtGui import QColor, QFont, QFontDatabase
from qgis.PyQt.QtXml import QDomDocument

from sbplanner_plugin.adapters import plan_store_common as names
from sbplanner_plugin.adapters.deliverable_files import locked_by_office, write_atomically
from sbplanner_plugin.adapters.param_files import load_catalogue, read_table, table_path
from sbplanner_plugin.adapters.scenario_tables import WORKS_LAYERS
from sbplanner_plugin.adapters.styles import apply_style, drop_unused_categories, pick_language
from sbplanner_plugin.core import atlas as core
from sbplanner_plugin.core.errors import Msg, SbPlannerError
from sbplanner_plugin.core.params import SCHEMAS
from sbplanner_plugin.core.scenarios import scenario_title
from sbplanner_plugin.paths import resources_path

LOGGER = logging.getLogger(__name__)

#: Ids of the template items (``QgsLayoutItem.id()``).
ITEM_MAP = "map"
ITEM_OVERVIEW = "overview"
ITEM_TITLE = "title"
ITEM_SUBTITLE = "subtitle"
ITEM_LEGEND = "legend"
ITEM_SCALEBAR = "scalebar"
ITEM_SCALE_NUMERIC = "scale_numeric"
ITEM_NORTH_ARROW = "north_arrow"
ITEM_INFO = "info"
ITEM_NEATLINE = "neatline"

#: Paper sizes (mm, long side first).
PAGE_SIZES_MM = {"A3": (420.0, 297.0), "A4": (297.0, 210.0)}


@dataclass(frozen=True)
class PageFormat:
    size: str  # "A3" / "A4"
    orientation: str  # "landscape" / "portrait"


#: The PAGE_SIZE options, in this order (0 = A3 landscape, 1 = A4 landscape, 2 = A3 portrait, 3 = A4 portrait).
PAGE_FORMATS = (PageFormat("A3", "landscape"), PageFormat("A4", "landscape"),
                PageFormat("A3", "portrait"), PageFormat("A4", "portrait"))  # fmt: skip
#: Whole-area image of each map type in the OUTPUT_IMAGES folder.
IMAGE_NAMES = {key: f"{key}.png" for key in core.MAP_KEYS}
#: Map scales the atlas chooses from (the smallest that shows the whole small watershed with its margin).
PREDEFINED_SCALES = (500, 1000, 2000, 2500, 5000, 7500, 10000, 15000, 20000, 25000, 50000, 75000, 100000,
                     150000, 200000, 250000, 500000, 1000000)  # fmt: skip
#: CJK fonts tried in this order for every text (Noto from Debian's fonts-noto-cjk, then Windows / macOS ones).
CJK_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Microsoft YaHei", "SimHei",
             "PingFang SC", "WenQuanYi Micro Hei", "Noto Sans SC", "Noto Serif CJK SC", "SimSun")  # fmt: skip
#: Wider than this (m), a small watershed's page measures in km, else in m.
KM_SCALEBAR_ABOVE_M = 5000.0
NORTH_ARROW_SVG = "arrows/NorthArrow_02.svg"
#: Layer-tree group property of the layers :func:`load_layouts_into_project` adds.
GROUP_PROPERTY = "sbplanner/group"
#: The small watersheds with a page (as core.atlas.atlas_plan counts them).
ATLAS_FILTER = '"ws_code" IS NOT NULL AND "ws_code" <> \'\''
#: The page's small watershed (the atlas feature), for the rules that highlight it.
HIGHLIGHT = "\"ws_code\" = attribute(@atlas_feature, 'ws_code')"

#: Layers of an atlas page replaced on a whole-area page (no page's small watershed to highlight).
WHOLE_AREA_LAYERS = {"coverage": "boundaries", "location": "units"}
#: Display names of the works layers of step 3 (zh, en).
WORKS_NAMES = {
    names.CHECK_DAMS: ("谷坊、拦沙坝", "Check dams"),
    names.GULLY_HEADS: ("沟头防护", "Gully-head protection"),
    names.INTERCEPT_DITCHES: ("截排水沟", "Intercepting and drainage ditches"),
    names.SEDIMENT_BASINS: ("沉沙池", "Silt basins"),
    names.WORKS_POINTS: ("点状工程", "Point works"),
    names.WORKS_LINES: ("线状工程", "Line works"),
}


class AtlasScenarioError(SbPlannerError):
    key = "atlas_scenario"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "The plan {plan} has no scenario {scenario}; its scenarios: {choices}."
    )


class AtlasTemplateError(SbPlannerError):
    key = "atlas_template"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "The print layout template {path} cannot be read: {reason}")


class AtlasExportError(SbPlannerError):
    key = "atlas_export"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "The atlas {path} was not written ({reason}); the old file is kept."
    )


class AtlasLockedError(SbPlannerError):
    key = "atlas_locked"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "{path} is open in another program (a PDF viewer, WPS or LibreOffice?): close it and run again; the old file is kept."  # noqa: E501
    )  # fmt: skip


class AtlasCancelledError(SbPlannerError):
    key = "atlas_cancelled"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "The atlas export was cancelled; the old file {path} is kept.")


EXPORT_REASONS = {
    QgsLayoutExporter.ExportResult.MemoryError: QT_TRANSLATE_NOOP("SbPlannerErrors", "not enough memory"),
    QgsLayoutExporter.ExportResult.FileError: QT_TRANSLATE_NOOP("SbPlannerErrors", "the file cannot be written"),
    QgsLayoutExporter.ExportResult.PrintError: QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "the PDF device could not be created"
    ),
    QgsLayoutExporter.ExportResult.IteratorError: QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "the atlas pages could not be prepared"
    ),
}


@dataclass
class AtlasSettings:
    """Texts and output options of an atlas; ``page_format``: index into :data:`PAGE_FORMATS`."""

    language: str = "zh"
    page_format: int = 0
    project_name: str = ""
    scenario_label: str = ""
    date: str = field(default_factory=lambda: _dt.date.today().isoformat())
    pdf_dpi: float = 300.0
    image_dpi: float = 150.0


@dataclass
class AtlasResult:
    pdf: str
    pages: int
    images: list[str]
    missing: tuple[Msg, ...]


# -- the plan -------------------------------------------------------------------------------------------------------
def _provider(store) -> str:
    return getattr(store, "provider", "ogr")


def _location(store) -> str:
    """The plan as the user recognises it in a message (a GeoPackage's path; PostGIS: the DSN without password)."""
    return str(getattr(store, "path", "") or getattr(store, "location", ""))


def default_project_name(store) -> str:
    """The plan's file stem (a PostGIS plan: its schema), the default project name of the pages."""
    schema = getattr(store, "schema", None)
    return str(schema) if schema else Path(str(getattr(store, "path", "plan"))).stem


def open_layer(store, layer: str, scenario: str | None, name: str = "") -> QgsVectorLayer | None:
    """The plan's ``layer`` (the scenario's copy of a step 3–5 layer) as a new layer, or None when absent."""
    if not store.has_layer(layer, scenario):
        return None
    loaded = QgsVectorLayer(store.layer_uri(layer, scenario), name or layer, _provider(store))
    return loaded if loaded.isValid() else None


def resolve_scenario(store, scenario: str | None) -> dict:
    """The scenario row of ``scenario`` (empty: the plan's current one); an unknown id names the choices."""
    wanted = (scenario or "").strip() or store.current_scenario()
    rows = store.list_scenarios()
    for row in rows:
        if row["scenario_id"] == wanted:
            return row
    choices = ", ".join(r["scenario_id"] for r in rows) or "baseline"
    raise AtlasScenarioError(plan=_location(store), scenario=wanted, choices=choices)


def scenario_label(row: dict, language: str = "zh") -> str:
    return scenario_title(row["scenario_id"], row.get("name") or "", language)


def atlas_inputs(store, scenario: str, maps: Sequence[str], language: str) -> core.AtlasInputs:
    """What the plan holds for the chosen map types (layers, fields, feature counts) and its small watersheds."""
    layers: dict[str, core.LayerInfo] = {}
    for layer in {core.MAP_SOURCES[k].layer for k in core.MAP_KEYS} | {names.SMALL_WATERSHEDS}:
        loaded = open_layer(store, layer, scenario)
        if loaded is not None:
            layers[layer] = core.LayerInfo(frozenset(loaded.fields().names()), loaded.featureCount())
    codes: list[str] = []
    watersheds = open_layer(store, names.SMALL_WATERSHEDS, None)
    if watersheds is not None and "ws_code" in watersheds.fields().names():
        request = (
            QgsFeatureRequest()
            .setFlags(QgsFeatureRequest.Flag.NoGeometry)
            .setSubsetOfAttributes(["ws_code"], watersheds.fields())
        )
        codes = [str(f["ws_code"]) for f in watersheds.getFeatures(request) if _present(f["ws_code"])]
    return core.AtlasInputs(maps=tuple(maps), language=language, ws_codes=codes, layers=layers,
                            scenario=scenario, plan=_location(store))  # fmt: skip


def _present(value) -> bool:
    return value is not None and not (hasattr(value, "isNull") and value.isNull()) and str(value) != ""


# -- fonts ---------------------------------------------------------------------------------------------------------
def cjk_font_family() -> str:
    """The first installed font of :data:`CJK_FONTS`; "" when none (Qt then falls back by itself)."""
    families = set(QFontDatabase().families())
    return next((f for f in CJK_FONTS if f in families), "")


def _with_family(font: QFont, family: str) -> QFont:
    out = QFont(font)
    if family:
        out.setFamily(family)
    return out


def _format_with_family(fmt: QgsTextFormat, family: str) -> QgsTextFormat:
    out = QgsTextFormat(fmt)
    out.setFont(_with_family(fmt.font(), family))
    return out


def _use_font(layout: QgsPrintLayout, family: str) -> None:
    for item in layout.items():
        if isinstance(item, QgsLayoutItemLabel):
            item.setFont(_with_family(item.font(), family))
        elif isinstance(item, QgsLayoutItemLegend):
            for style in (QgsLegendStyle.Style.Title, QgsLegendStyle.Style.Group, QgsLegendStyle.Style.Subgroup,
                          QgsLegendStyle.Style.SymbolLabel):  # fmt: skip
                item.rstyle(style).setFont(_with_family(item.rstyle(style).font(), family))
        elif isinstance(item, QgsLayoutItemScaleBar):
            item.setTextFormat(_format_with_family(item.textFormat(), family))


def _label_font(layer: QgsVectorLayer, family: str) -> None:
    labeling = layer.labeling()
    if not isinstance(labeling, QgsVectorLayerSimpleLabeling):
        return
    settings = QgsPalLayerSettings(labeling.settings())
    settings.setFormat(_format_with_family(settings.format(), family))
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))


# -- legend texts --------------------------------------------------------------------------------------------------
def _relabel(layer: QgsVectorLayer, label: Callable[[str, str], str]) -> None:
    """Set the label of every category of a categorised layer: ``label(value, old label)``."""
    renderer = layer.renderer()
    if not isinstance(renderer, QgsCategorizedSymbolRenderer):
        return
    for i, category in enumerate(renderer.categories()):
        value = "" if category.value() in (None, "") else str(category.value())
        renderer.updateCategoryLabel(i, label(value, category.label()))


# -- layers --------------------------------------------------------------------------------------------------------
def _fill(colour: str, outline: str = "#8c8c8c", width: float = 0.1, style: str = "solid") -> QgsFillSymbol:
    return QgsFillSymbol.createSimple(
        {"color": colour, "outline_color": outline, "outline_width": str(width), "outline_style": style}
    )


def _outline(colour: str, width: float, line_style: str = "solid") -> QgsFillSymbol:
    return QgsFillSymbol.createSimple({"style": "no", "outline_color": colour, "outline_width": str(width),
                                       "outline_style": line_style})  # fmt: skip


def _two_rules(layer: QgsVectorLayer, this: tuple, other: tuple) -> None:
    """Rule-based renderer: the page's small watershed (``HIGHLIGHT``) and the others ((symbol, label) each)."""
    root = QgsRuleBasedRenderer.Rule(None)
    first = QgsRuleBasedRenderer.Rule(this[0], 0, 0, HIGHLIGHT, this[1])
    rest = QgsRuleBasedRenderer.Rule(other[0], 0, 0, "", other[1])
    rest.setIsElse(True)
    root.appendChild(first)
    root.appendChild(rest)
    layer.setRenderer(QgsRuleBasedRenderer(root))


def _ws_labels(layer: QgsVectorLayer, family: str, size: float = 8.0, expression: str = "") -> None:
    settings = QgsPalLayerSettings()
    settings.fieldName = expression or "ws_code"
    settings.isExpression = bool(expression)
    fmt = QgsTextFormat()
    fmt.setFont(_with_family(QFont(), family))
    fmt.setSize(size)
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    fmt.setBuffer(buffer)
    settings.setFormat(fmt)
    settings.placement = QgsPalLayerSettings.Placement.OverPoint
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def _shade(colour: QColor, index: int) -> QColor:
    """The ``index``-th shade of a category colour (0 = the colour itself)."""
    factors = (100, 140, 70, 170, 55, 120, 85, 190)
    factor = factors[index % len(factors)]
    shaded = colour.lighter(factor) if factor >= 100 else colour.darker(int(10000 / factor))
    shaded.setAlpha(colour.alpha())
    return shaded


class AtlasLayers:
    """The layers of the atlas, built from the plan into ``project`` once each, named and labelled in
    ``language``. ``for_map(key)``: the main map's layers, top first; ``legend(key)``; ``clipped(key)``."""

    def __init__(self, store, scenario: str, language: str, project: QgsProject, family: str) -> None:
        self.store, self.scenario, self.language, self.project, self.family = store, scenario, language, project, family
        self._cache: dict[str, QgsVectorLayer | None] = {}
        self._catalogue = None

    def t(self, key: str) -> str:
        return core.text(key, self.language)

    def _add(self, key: str, layer: QgsVectorLayer | None) -> QgsVectorLayer | None:
        if layer is not None:
            layer.setCustomProperty("sbplanner/atlas_layer", key)
            self.project.addMapLayer(layer, False)
            if layer.labelsEnabled():
                _label_font(layer, self.family)
        self._cache[key] = layer
        return layer

    def get(self, key: str) -> QgsVectorLayer | None:
        if key not in self._cache:
            self._add(key, getattr(self, f"_make_{key}")())
        return self._cache[key]

    # the layers ----------------------------------------------------------------------------------------------------
    def _make_coverage(self) -> QgsVectorLayer | None:
        """The small watersheds as the page's boundary (thick) and the others' (thin, dashed): the atlas coverage."""
        layer = open_layer(self.store, names.SMALL_WATERSHEDS, None, self.t("unit_boundary"))
        if layer is not None:
            _two_rules(layer, (_outline("#000000", 0.9), self.t("this_unit")),
                       (_outline("#555555", 0.3, "dash"), self.t("other_units")))  # fmt: skip
        return layer

    def _make_location(self) -> QgsVectorLayer | None:
        layer = open_layer(self.store, names.SMALL_WATERSHEDS, None, self.t("unit"))
        if layer is not None:
            _two_rules(layer, (_fill("#f4a582", "#b2182b", 0.8), self.t("this_unit")),
                       (_fill("#f5f0e1", "#7f7f7f", 0.3), self.t("other_units")))  # fmt: skip
            _ws_labels(layer, self.family)
        return layer

    def _make_boundaries(self) -> QgsVectorLayer | None:
        """The small watersheds' boundaries of a whole-area page."""
        layer = open_layer(self.store, names.SMALL_WATERSHEDS, None, self.t("unit_boundary"))
        if layer is not None:
            layer.renderer().setSymbol(_outline("#333333", 0.4))
        return layer

    def _make_units(self) -> QgsVectorLayer | None:
        """The small watersheds of a whole-area location map, labelled."""
        layer = open_layer(self.store, names.SMALL_WATERSHEDS, None, self.t("unit"))
        if layer is not None:
            layer.renderer().setSymbol(_fill("#f5f0e1", "#555555", 0.4))
            _ws_labels(layer, self.family)
        return layer

    def _make_inset(self) -> QgsVectorLayer | None:
        """The small watersheds of the inset: the page's one filled red, no labels."""
        layer = open_layer(self.store, names.SMALL_WATERSHEDS, None, self.t("unit"))
        if layer is not None:
            _two_rules(layer, (_fill("#d7191c", "#d7191c", 0.3), self.t("this_unit")),
                       (_fill("#f5f0e1", "#7f7f7f", 0.2), self.t("other_units")))  # fmt: skip
        return layer

    def _make_streams(self) -> QgsVectorLayer | None:
        source = names.SMALL_WATERSHED_STREAMS if self.store.has_layer(names.SMALL_WATERSHED_STREAMS) else names.STREAMS
        layer = open_layer(self.store, source, None, self.t("streams"))
        if layer is not None:
            apply_style(layer, "streams")
        return layer

    def _parcels(self, style: str, title: str) -> QgsVectorLayer | None:
        layer = open_layer(self.store, names.PARCELS, None, title)
        if layer is not None:
            apply_style(layer, style)
            drop_unused_categories(layer)
        return layer

    def _make_landuse(self) -> QgsVectorLayer | None:
        layer = open_layer(self.store, names.PARCELS, None, self.t("landuse_layer"))
        if layer is None:
            return None
        index = layer.fields().indexOf("landuse_group")
        present = sorted({str(v) for v in layer.uniqueValues(index) if _present(v)})
        categories = [
            QgsRendererCategory(g, _fill(core.LANDUSE_COLOURS.get(g, "#ffffff")), core.landuse_label(g, self.language))
            for g in present
        ]
        categories.append(QgsRendererCategory("", _fill("#ffffff"), self.t("other")))
        layer.setRenderer(QgsCategorizedSymbolRenderer("landuse_group", categories))
        return layer

    def _make_erosion(self) -> QgsVectorLayer | None:
        layer = self._parcels("parcels_erosion", self.t("erosion_layer"))
        if layer is not None:
            rows = read_table(table_path("erosion_classes.csv"), SCHEMAS["erosion_classes.csv"], provenance=False)
            labels = core.erosion_labels(sorted(rows, key=lambda r: r["class_id"]), self.language)
            _relabel(layer, lambda value, old: labels.get(value, pick_language(old, self.language)))
        return layer

    def _make_slope(self) -> QgsVectorLayer | None:
        layer = self._parcels("parcels_slope", self.t("slope_layer"))
        if layer is not None:
            no_data = f"{self.t('other')} / {self.t('no_data')}"
            _relabel(layer, lambda value, old: value if value else no_data)
        return layer

    def catalogue(self) -> dict:
        if self._catalogue is None:
            try:
                self._catalogue = dict(load_catalogue(table_path("measures.csv")))
            except (SbPlannerError, OSError):
                LOGGER.warning("measures.csv could not be read: measure codes are shown as they are")
                self._catalogue = {}
        return self._catalogue

    def measure_name(self, code: str) -> str:
        measure = self.catalogue().get(code)
        if measure is None:
            return code
        return measure.name_en if self.language == "en" else measure.name_zh

    def _make_measures(self) -> QgsVectorLayer | None:
        """Parcels by measure: each measure a shade of its category's colour in parcels_measures.qml."""
        layer = open_layer(self.store, names.PARCELS_MEASURES, self.scenario, self.t("measures_layer"))
        if layer is None:
            return None
        apply_style(layer, "parcels_measures")
        base = {}
        if isinstance(layer.renderer(), QgsCategorizedSymbolRenderer):
            base = {str(c.value() or ""): c.symbol().clone() for c in layer.renderer().categories()}
        codes = sorted({str(v) for v in layer.uniqueValues(layer.fields().indexOf("measure_code")) if _present(v)})
        seen: dict[str, int] = {}
        categories = []
        ordered = sorted(codes, key=lambda c: (list(core.MEASURE_CATEGORIES).index(self._category(c))
                                               if self._category(c) in core.MEASURE_CATEGORIES else 99, c))  # fmt: skip
        for code in ordered:
            category = self._category(code)
            symbol = (base.get(category) or _fill("#c58b4c")).clone()
            n = seen[category] = seen.get(category, -1) + 1
            for sl in symbol.symbolLayers():
                for prop in (QgsSymbolLayer.Property.PropertyStrokeColor, QgsSymbolLayer.Property.PropertyStrokeWidth):
                    sl.setDataDefinedProperty(prop, QgsProperty())
                if sl.layerType() == "SimpleFill":
                    sl.setColor(_shade(sl.color(), n))
                    sl.setStrokeColor(QColor(110, 110, 110, 200))
                    sl.setStrokeWidth(0.1)
            categories.append(QgsRendererCategory(code, symbol, self.measure_name(code)))
        empty = (base.get("") or _fill("#e0e0e0")).clone()
        categories.append(QgsRendererCategory("", empty, self.t("no_measure")))
        layer.setRenderer(QgsCategorizedSymbolRenderer("measure_code", categories))
        return layer

    def _category(self, code: str) -> str:
        measure = self.catalogue().get(code)
        return measure.category if measure is not None else ""

    def works(self) -> list[QgsVectorLayer]:
        """The step 3 works of the scenario that hold features (dams, ditches, point and line works)."""
        out = []
        for name in WORKS_LAYERS:
            key = f"works_{name}"
            if key not in self._cache:
                layer = open_layer(self.store, name, self.scenario, WORKS_NAMES[name][int(self.language == "en")])
                if layer is not None and layer.featureCount() > 0:
                    self._style_works(layer, name)
                else:
                    layer = None
                self._add(key, layer)
            if self._cache[key] is not None:
                out.append(self._cache[key])
        return out

    def _style_works(self, layer: QgsVectorLayer, name: str) -> None:
        if apply_style(layer, name):
            _relabel(layer, lambda value, old: pick_language(old, self.language))
            return
        index = layer.fields().indexOf("measure_code")
        codes = sorted({str(v) for v in layer.uniqueValues(index) if _present(v)}) if index >= 0 else []
        palette = ("#d7301f", "#2171b5", "#6a3d9a", "#ff7f00", "#1b9e77", "#e7298a", "#66a61e", "#a6761d")
        points = layer.geometryType() == QgsWkbTypes.GeometryType.PointGeometry
        categories = []
        for i, code in enumerate(codes):
            colour = palette[i % len(palette)]
            if points:
                symbol = QgsMarkerSymbol.createSimple({"name": "triangle", "color": colour, "size": "3"})
            else:
                symbol = QgsLineSymbol.createSimple({"line_color": colour, "line_width": "0.6"})
            categories.append(QgsRendererCategory(code, symbol, self.measure_name(code)))
        if categories:
            layer.setRenderer(QgsCategorizedSymbolRenderer("measure_code", categories))

    def _make_urgency(self) -> QgsVectorLayer | None:
        layer = open_layer(self.store, names.WS_URGENCY, self.scenario, self.t("urgency_layer"))
        if layer is not None:
            apply_style(layer, "ws_urgency")
            _relabel(layer, lambda value, old: core.urgency_label(int(value), self.language)
                     if value.isdigit() else self.t("not_scored"))  # fmt: skip
            rank = self.t("rank").replace("{0}", "' || \"urgency_rank\" || '")
            _ws_labels(layer, self.family, 8.5, f"\"ws_code\" || '\\n' || if(\"urgency_rank\" IS NULL, '', '{rank}')")
        return layer

    def all(self) -> list[QgsVectorLayer]:
        """Every layer built so far, once each."""
        return list({id(v): v for v in self._cache.values() if v is not None}.values())

    # per map type ---------------------------------------------------------------------------------------------------
    def _pick(self, keys: Sequence[str], whole_area: bool) -> list[QgsVectorLayer]:
        layers = []
        for key in keys:
            if key == "works":
                layers.extend(self.works())
                continue
            layer = self.get(WHOLE_AREA_LAYERS.get(key, key) if whole_area else key)
            if layer is not None:
                layers.append(layer)
        return layers

    def for_map(self, key: str, whole_area: bool = False) -> list[QgsVectorLayer]:
        """The main map's layers of map type ``key``, top first."""
        if key == "location":
            keys = ("streams", "location")
        elif key == "measures":
            keys = ("coverage", "works", "streams", "measures")
        else:
            keys = ("coverage", "streams", key)
        return self._pick(keys, whole_area)

    def legend(self, key: str, whole_area: bool = False) -> list[QgsVectorLayer]:
        if key == "location":
            keys = ("location", "streams")
        elif key == "measures":
            keys = ("measures", "works", "streams", "coverage")
        else:
            keys = (key, "streams", "coverage")
        return self._pick(keys, whole_area)

    def clipped(self, key: str) -> list[QgsVectorLayer]:
        """The layers the atlas clips to the page's small watershed (all but the boundaries)."""
        if not core.MAP_SOURCES[key].clipped:
            return []
        return [layer for layer in self.for_map(key) if layer is not self.get("coverage")]

    def overview(self) -> list[QgsVectorLayer]:
        return [layer for layer in (self.get("inset"),) if layer is not None]


# -- layouts -------------------------------------------------------------------------------------------------------
def template_name(size: str, orientation: str) -> str:
    return f"atlas_{size.lower()}_{orientation}.qpt"


def template_path(page_format: int) -> Path:
    fmt = PAGE_FORMATS[page_format]
    return resources_path("layouts", template_name(fmt.size, fmt.orientation))


def load_template(project: QgsProject, page_format: int) -> QgsPrintLayout:
    path = template_path(page_format)
    try:
        content = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AtlasTemplateError(path=str(path), reason=exc.strerror or str(exc)) from exc
    doc = QDomDocument()
    ok = doc.setContent(content)
    ok = ok[0] if isinstance(ok, tuple) else ok
    layout = QgsPrintLayout(project)
    if not ok:
        raise AtlasTemplateError(path=str(path), reason="not XML")
    _items, loaded = layout.loadFromTemplate(doc, QgsReadWriteContext())
    if not loaded or layout.itemById(ITEM_MAP) is None:
        raise AtlasTemplateError(path=str(path), reason="no map item")
    return layout


def _north_arrow_path() -> str:
    for folder in QgsApplication.svgPaths():
        candidate = Path(folder) / NORTH_ARROW_SVG
        if candidate.is_file():
            return str(candidate)
    return ""


def _nice_scale(scale: float) -> float:
    return next((s for s in PREDEFINED_SCALES if s >= scale * 0.999), scale)


def _fit(map_item: QgsLayoutItemMap, extent: QgsRectangle, margin: float = 0.06) -> None:
    """Centre the map on ``extent`` (with ``margin`` on each side) at the next scale of :data:`PREDEFINED_SCALES`;
    the item keeps its size (zoomToExtent does nothing on a map without an extent yet)."""
    frame = map_item.rect()
    ratio = frame.width() / frame.height() if frame.height() > 0 else 1.0
    width, height = extent.width() * (1 + 2 * margin), extent.height() * (1 + 2 * margin)
    if height <= 0 or width / height < ratio:
        width = height * ratio
    else:
        height = width / ratio
    centre = extent.center()
    map_item.setExtent(QgsRectangle(centre.x() - width / 2, centre.y() - height / 2,
                                    centre.x() + width / 2, centre.y() + height / 2))  # fmt: skip
    map_item.setScale(_nice_scale(map_item.scale()))


def _largest_unit_m(coverage: QgsVectorLayer) -> float:
    sizes = [max(f.geometry().boundingBox().width(), f.geometry().boundingBox().height())
             for f in coverage.getFeatures() if f.hasGeometry()]  # fmt: skip
    return max(sizes, default=0.0)


def _scalebar_units(bar: QgsLayoutItemScaleBar, width_m: float) -> None:
    if width_m > KM_SCALEBAR_ABOVE_M:
        bar.setUnits(QgsUnitTypes.DistanceUnit.DistanceKilometers)
        bar.setUnitLabel("km")
    else:
        bar.setUnits(QgsUnitTypes.DistanceUnit.DistanceMeters)
        bar.setUnitLabel("m")


def _variables(layout: QgsPrintLayout, key: str, settings: AtlasSettings) -> None:
    lang = settings.language
    values = {
        "sb_map_title": core.map_title(key, lang),
        "sb_unit_label": core.text("unit", lang),
        "sb_whole_label": core.text("whole_area", lang),
        "sb_legend_title": core.text("legend", lang),
        "sb_project_label": core.text("project", lang),
        "sb_project": settings.project_name,
        "sb_scenario_label": core.text("scenario", lang),
        "sb_scenario": settings.scenario_label,
        "sb_crs_label": core.text("crs", lang),
        "sb_date_label": core.text("date", lang),
        "sb_date": settings.date,
        "sb_map_key": key,
        "sb_colon": core.text("colon", lang),
    }
    for name, value in values.items():
        QgsExpressionContextUtils.setLayoutVariable(layout, name, value)


def _fit_legend(layout: QgsPrintLayout, legend: QgsLayoutItemLegend) -> None:
    """Two columns, then smaller text, when the legend does not fit its room: down to the scale bar (landscape),
    or to the neat line and left of the scale bar (portrait)."""
    bar, neat = layout.itemById(ITEM_SCALEBAR), layout.itemById(ITEM_NEATLINE)
    page = layout.pageCollection().page(0).pageSize()
    pos = legend.positionWithUnits()
    room_w = room_h = 1e9
    if bar is not None and page.width() > page.height():
        room_h = bar.positionWithUnits().y() - pos.y() - 3.0
    elif bar is not None and neat is not None:
        room_h = neat.positionWithUnits().y() + neat.sizeWithUnits().height() - pos.y() - 3.0
        room_w = bar.positionWithUnits().x() - pos.x() - 3.0

    styles = (QgsLegendStyle.Style.Title, QgsLegendStyle.Style.Group, QgsLegendStyle.Style.Subgroup,
              QgsLegendStyle.Style.SymbolLabel)  # fmt: skip
    fonts = {style: QFont(legend.rstyle(style).font()) for style in styles}
    symbol = (legend.symbolWidth(), legend.symbolHeight())
    size = None
    for factor, columns in ((f, c) for f in (1.0, 0.9, 0.8, 0.7, 0.6) for c in (1, 2)):
        for style in styles:
            font = QFont(fonts[style])
            font.setPointSizeF(fonts[style].pointSizeF() * factor)
            legend.rstyle(style).setFont(font)
        legend.setSymbolWidth(symbol[0] * factor)
        legend.setSymbolHeight(symbol[1] * factor)
        legend.setColumnCount(columns)
        size = _legend_size(layout, legend)
        if size.height() <= room_h and size.width() <= room_w:
            break
    legend.attemptResize(QgsLayoutSize(size.width(), size.height()))


def _legend_size(layout: QgsPrintLayout, legend: QgsLayoutItemLegend):
    """The legend's size (mm) with its current settings and every item (the item computes its own size only
    once painted)."""
    context = QgsLayoutUtils.createRenderContextForLayout(layout, None)
    return QgsLegendRenderer(legend.model(), legend.legendSettings()).minimumSize(context)


def make_layout(
    project: QgsProject, layers: AtlasLayers, key: str, settings: AtlasSettings, whole_area: bool = False
) -> QgsPrintLayout:
    """The print layout of map type ``key``: an atlas over the small watersheds (by ws_code), or with
    ``whole_area`` one page of the whole project area (the images)."""
    layout = load_template(project, settings.page_format)
    title = core.map_title(key, settings.language)
    size = PAGE_FORMATS[settings.page_format].size
    whole = core.text("whole_area", settings.language)
    layout.setName(f"{title} – {whole}" if whole_area else f"SBPlanner – {title} ({size})")
    _variables(layout, key, settings)
    _use_font(layout, layers.family)
    coverage = layers.get("coverage")
    # location and urgency maps show the whole area on every page, the others the page's small watershed
    atlas_driven = core.MAP_SOURCES[key].clipped and not whole_area
    main = _main_map(layout, layers, key, whole_area, atlas_driven)
    _inset(layout, layers, main, atlas_driven)
    _legend(layout, layers, key, whole_area, atlas_driven, main, settings.language)
    width_m = _largest_unit_m(coverage) if atlas_driven else max(coverage.extent().width(), coverage.extent().height())
    _scale_bars(layout, main, width_m)
    arrow = layout.itemById(ITEM_NORTH_ARROW)
    if isinstance(arrow, QgsLayoutItemPicture):
        path = _north_arrow_path()
        if path:
            arrow.setPicturePath(path, QgsLayoutItemPicture.Format.FormatSVG)
        arrow.setVisibility(bool(path))
    subtitle = layout.itemById(ITEM_SUBTITLE)
    if whole_area and isinstance(subtitle, QgsLayoutItemLabel):
        subtitle.setText("[% @sb_whole_label %]")
    atlas = layout.atlas()
    atlas.setCoverageLayer(coverage)
    atlas.setEnabled(not whole_area)
    atlas.setFilterFeatures(True)
    atlas.setFilterExpression(ATLAS_FILTER)
    atlas.setSortFeatures(True)
    atlas.setSortExpression('"ws_code"')
    atlas.setSortAscending(True)
    atlas.setPageNameExpression('"ws_code"')
    atlas.setHideCoverage(False)
    layout.renderContext().setPredefinedScales(list(PREDEFINED_SCALES))
    return layout


def _main_map(layout, layers: AtlasLayers, key: str, whole_area: bool, atlas_driven: bool) -> QgsLayoutItemMap:
    """The main map: its layers, the whole area (the starting extent), the atlas and the clipping of the parcels
    to the page's small watershed."""
    coverage = layers.get("coverage")
    main: QgsLayoutItemMap = layout.itemById(ITEM_MAP)
    main.setCrs(coverage.crs())
    main.setLayers(layers.for_map(key, whole_area))
    main.setKeepLayerSet(True)
    main.setKeepLayerStyles(False)
    main.setAtlasDriven(atlas_driven)
    main.setAtlasScalingMode(QgsLayoutItemMap.AtlasScalingMode.Predefined)
    _fit(main, coverage.extent())
    clipped = layers.clipped(key)
    clipping = main.atlasClippingSettings()
    clipping.setEnabled(bool(clipped) and not whole_area)
    clipping.setFeatureClippingType(QgsMapClippingRegion.FeatureClippingType.ClipPainterOnly)
    clipping.setRestrictToLayers(True)
    clipping.setLayersToClip(clipped)
    return main


def _inset(layout, layers: AtlasLayers, main: QgsLayoutItemMap, atlas_driven: bool) -> None:
    """The location inset with the main map's frame; none when the main map shows the whole area (the legend
    moves up in its place)."""
    overview: QgsLayoutItemMap = layout.itemById(ITEM_OVERVIEW)
    if overview is None:
        return
    if not atlas_driven:
        legend = layout.itemById(ITEM_LEGEND)
        if legend is not None:
            legend.attemptMove(overview.positionWithUnits())
        layout.removeLayoutItem(overview)
        return
    coverage = layers.get("coverage")
    overview.setCrs(coverage.crs())
    overview.setLayers(layers.overview())
    overview.setKeepLayerSet(True)
    _fit(overview, coverage.extent(), 0.04)
    frame = QgsLayoutItemMapOverview("extent", overview)
    frame.setLinkedMap(main)
    frame.setFrameSymbol(_fill("255,0,0,40", "215,25,28,255", 0.5))
    overview.overviews().addOverview(frame)


def _legend(layout, layers: AtlasLayers, key, whole_area, atlas_driven, main, language: str) -> None:
    legend: QgsLayoutItemLegend = layout.itemById(ITEM_LEGEND)
    if legend is None:
        return
    legend.setTitle(core.text("legend", language))
    legend.setLinkedMap(main)
    legend.setAutoUpdateModel(False)
    root: QgsLayerTreeGroup = legend.model().rootGroup()
    root.removeAllChildren()
    for layer in layers.legend(key, whole_area):
        root.addLayer(layer)
    legend.setLegendFilterByMapEnabled(key != "location")
    legend.setLegendFilterOutAtlas(atlas_driven)  # only the classes inside the page's small watershed
    legend.updateLegend()
    _fit_legend(layout, legend)


def _scale_bars(layout, main: QgsLayoutItemMap, width_m: float) -> None:
    for item_id in (ITEM_SCALEBAR, ITEM_SCALE_NUMERIC):
        bar = layout.itemById(item_id)
        if not isinstance(bar, QgsLayoutItemScaleBar):
            continue
        bar.setLinkedMap(main)
        number = QgsBasicNumericFormat()
        number.setShowThousandsSeparator(False)  # 1:10000, as Chinese maps write it
        bar.setNumericFormat(number)
        if item_id == ITEM_SCALEBAR:
            _scalebar_units(bar, width_m)


class AtlasChain(QgsAbstractLayoutIterator):
    """The atlases of several layouts one after the other, as ONE iterator: ``QgsLayoutExporter.exportToPdf`` then
    writes every page of every layout into one PDF (it renders ``layout()`` after each ``next()``)."""

    def __init__(self, layouts: Sequence[QgsPrintLayout]) -> None:
        super().__init__()
        self.layouts = list(layouts)
        self.index = 0

    def layout(self) -> QgsPrintLayout:
        return self.layouts[self.index]

    def beginRender(self) -> bool:
        self.index = 0
        return bool(self.layouts) and self.layouts[0].atlas().beginRender()

    def endRender(self) -> bool:
        return self.layouts[self.index].atlas().endRender()

    def count(self) -> int:
        return sum(layout.atlas().count() for layout in self.layouts)

    def filePath(self, base_path: str, extension: str) -> str:
        return base_path

    def next(self) -> bool:
        while True:
            if self.layouts[self.index].atlas().next():
                return True
            self.layouts[self.index].atlas().endRender()
            if self.index + 1 >= len(self.layouts):
                return False
            self.index += 1
            if not self.layouts[self.index].atlas().beginRender():
                return False


def _pdf_settings(settings: AtlasSettings) -> QgsLayoutExporter.PdfExportSettings:
    pdf = QgsLayoutExporter.PdfExportSettings()
    pdf.dpi = settings.pdf_dpi
    pdf.predefinedMapScales = list(PREDEFINED_SCALES)
    pdf.rasterizeWholeImage = False
    pdf.forceVectorOutput = False
    pdf.appendGeoreference = False
    pdf.exportMetadata = True
    pdf.simplifyGeometries = True
    return pdf


def export_pdf(
    layouts: Sequence[QgsPrintLayout], path: str, settings: AtlasSettings, feedback: QgsFeedback | None = None
) -> int:
    """Every atlas page of ``layouts`` into ONE PDF at ``path``, atomically; returns the page count."""
    if locked_by_office(path):
        raise AtlasLockedError(path=path)
    for layout in layouts:
        layout.atlas().updateFeatures()
    chain = AtlasChain(layouts)
    pages = chain.count()

    def write(tmp: Path) -> None:
        result, _error = QgsLayoutExporter.exportToPdf(chain, str(tmp), _pdf_settings(settings), feedback)
        if (feedback is not None and feedback.isCanceled()) or result == QgsLayoutExporter.ExportResult.Canceled:
            raise AtlasCancelledError(path=path)
        if result != QgsLayoutExporter.ExportResult.Success:
            raise AtlasExportError(path=path, reason=EXPORT_REASONS.get(result, str(int(result))))

    write_atomically(path, write)
    return pages


def export_image(layout: QgsPrintLayout, path: str, settings: AtlasSettings) -> None:
    """One page of ``layout`` as a PNG at ``path`` (``settings.image_dpi``), atomically."""

    def write(tmp: Path) -> None:
        image = QgsLayoutExporter.ImageExportSettings()
        image.dpi = settings.image_dpi
        image.generateWorldFile = False
        image.exportMetadata = False
        gdal.PushErrorHandler("CPLQuietErrorHandler")  # QGIS georeferences the PNG through GDAL, which cannot
        try:  # update a PNG and says so on stderr when no QGIS error handler is installed (headless)
            result = QgsLayoutExporter(layout).exportToImage(str(tmp), image)
        finally:
            gdal.PopErrorHandler()
        if result != QgsLayoutExporter.ExportResult.Success:
            raise AtlasExportError(path=path, reason=EXPORT_REASONS.get(result, str(int(result))))

    write_atomically(path, write)


def export_atlas(
    store,
    plan: core.AtlasPlan,
    scenario: str,
    settings: AtlasSettings,
    pdf_path: str,
    images_folder: str | None = None,
    feedback: QgsFeedback | None = None,
) -> AtlasResult:
    """The atlas of ``plan`` (:func:`core.atlas.atlas_plan`) as ONE PDF, and the whole-area PNGs into
    ``images_folder`` (created when missing) when one is given. Builds its own project; main thread only."""
    project = QgsProject()
    family = cjk_font_family()
    layers = AtlasLayers(store, scenario, settings.language, project, family)
    coverage = layers.get("coverage")
    project.setCrs(coverage.crs())
    layouts = [make_layout(project, layers, key, settings) for key in plan.maps]
    pages = export_pdf(layouts, pdf_path, settings, feedback)
    images: list[str] = []
    if images_folder:
        folder = Path(images_folder)
        folder.mkdir(parents=True, exist_ok=True)
        for key in plan.maps:
            if feedback is not None and feedback.isCanceled():
                break
            target = folder / IMAGE_NAMES[key]
            export_image(make_layout(project, layers, key, settings, whole_area=True), str(target), settings)
            images.append(str(target))
    return AtlasResult(pdf=pdf_path, pages=pages, images=images, missing=plan.missing)


def load_layouts_into_project(
    project: QgsProject,
    store,
    scenario: str | None = None,
    language: str = "zh",
    page_format: int = 0,
    maps: Iterable[str] = core.MAP_KEYS,
    project_name: str = "",
) -> tuple[list[str], tuple[Msg, ...]]:
    """The atlas layouts of the plan in the user's ``project``, for manual finishing in the layout designer.

    The layers go into a group "SBPlanner 图集 – <scenario>" (unchecked: the layouts keep their own layer sets),
    replacing the group and the layouts of an earlier call for the same scenario. Returns the names of the
    layouts and the notes on the map types that could not be made (as the atlas export's MISSING)."""
    row = resolve_scenario(store, scenario)
    sid = row["scenario_id"]
    plan = core.atlas_plan(atlas_inputs(store, sid, tuple(maps), language))
    settings = AtlasSettings(
        language=language,
        page_format=page_format,
        project_name=project_name or default_project_name(store),
        scenario_label=scenario_label(row, language),
    )
    group_key = f"atlas_{sid}"
    root = project.layerTreeRoot()
    for child in list(root.children()):
        if isinstance(child, QgsLayerTreeGroup) and child.customProperty(GROUP_PROPERTY) == group_key:
            for node in child.findLayers():
                project.removeMapLayer(node.layerId())
            root.removeChildNode(child)
    layers = AtlasLayers(store, sid, language, project, cjk_font_family())
    layouts = [make_layout(project, layers, key, settings) for key in plan.maps]
    group = root.insertGroup(0, f"SBPlanner {core.text('atlas', language)} – {sid}")
    group.setCustomProperty(GROUP_PROPERTY, group_key)
    for layer in layers.all():
        group.addLayer(layer)
    group.setItemVisibilityCheckedRecursive(False)
    group.setExpanded(False)
    manager = project.layoutManager()
    for layout in layouts:
        layout.setName(f"{layout.name()} – {sid}")
        old = manager.layoutByName(layout.name())
        if old is not None:
            manager.removeLayout(old)
        manager.addLayout(layout)
    return [layout.name() for layout in layouts], plan.missing
