"""The map atlas of step 6 (设计成果 图集): which maps can be made from a plan, their pages and their texts.

Six map types (SL/T 447 实施方案 附图), each one page per small watershed (the atlas coverage):

=============  ========================  ===================================================  ==========
key            map                       drawn from (plan layer: field)                       step
=============  ========================  ===================================================  ==========
``location``   位置图                     small_watersheds (all, the page's one highlighted)     1
``landuse``    土地利用现状图             parcels: landuse_group (GB/T 21010-2017 first level)  2
``erosion``    土壤侵蚀强度图             parcels: erosion_class (SL 190-2007 classes)          2
``slope``      坡度分级图                 parcels: slope_class                                  2
``measures``   水土保持措施总体布局图     parcels_measures: measure_code, + the works of step 3  3
``urgency``    治理紧迫程度图             ws_urgency: urgency_class_id                          5
=============  ========================  ===================================================  ==========

Page order (:func:`atlas_plan`): map type by map type in the order above (whatever order they were chosen
in), and within a map type the small watersheds sorted by ``ws_code``. A map type whose layer or field the
plan lacks is left out and reported (:attr:`AtlasPlan.missing`), so a plan without step 3–5 results still
gives the maps of steps 1–2.

Titles and legend labels come in Chinese (the deliverable's language) or English (:data:`LANGUAGES`); they
are deliverable text chosen by the LANGUAGE option, not the user interface's language, so they live here
as data and not in the translation file. Only the notes of :attr:`AtlasPlan.missing` and the errors are
user-interface text (translated, context ``SbPlannerErrors``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, Msg, SbPlannerError, msg

#: Map types in page order.
MAP_KEYS = ("location", "landuse", "erosion", "slope", "measures", "urgency")
#: Output languages of the titles and legends: 0 = 中文, 1 = English (the LANGUAGE option).
LANGUAGES = ("zh", "en")

#: Map titles (zh, en).
MAP_TITLES: dict[str, tuple[str, str]] = {
    "location": ("位置图", "Location map"),
    "landuse": ("土地利用现状图", "Current land use map"),
    "erosion": ("土壤侵蚀强度图", "Soil erosion intensity map"),
    "slope": ("坡度分级图", "Slope class map"),
    "measures": ("水土保持措施总体布局图", "General layout of soil and water conservation measures"),
    "urgency": ("治理紧迫程度图", "Treatment urgency map"),
}


#: The plan layer and the fields each map type is drawn from; ``scenario``: a step 3–5 layer (one copy per
#: scenario) rather than a shared one of steps 1–2.
@dataclass(frozen=True)
class MapSource:
    layer: str
    fields: tuple[str, ...]
    scenario: bool = False
    #: The parcels are clipped to the page's small watershed (thematic maps of parcels); the location and
    #: urgency maps show every small watershed.
    clipped: bool = True


MAP_SOURCES: dict[str, MapSource] = {
    "location": MapSource("small_watersheds", ("ws_code",), clipped=False),
    "landuse": MapSource("parcels", ("landuse_group",)),
    "erosion": MapSource("parcels", ("erosion_class",)),
    "slope": MapSource("parcels", ("slope_class",)),
    "measures": MapSource("parcels_measures", ("measure_code",), scenario=True),
    "urgency": MapSource("ws_urgency", ("urgency_class_id",), scenario=True, clipped=False),
}

#: GB/T 21010-2017 first-level land-use classes (一级类; 00 湿地 of the 三调 working classification): (zh, en).
#: The Chinese names are those of resources/params/landuse_gbt21010.csv (group_name_zh); the English ones
#: are SBPlanner's.
LANDUSE_GROUPS: dict[str, tuple[str, str]] = {
    "00": ("湿地", "Wetland"),
    "01": ("耕地", "Cropland"),
    "02": ("园地", "Garden land"),
    "03": ("林地", "Forest land"),
    "04": ("草地", "Grassland"),
    "05": ("商服用地", "Commercial land"),
    "06": ("工矿仓储用地", "Industrial, mining and storage land"),
    "07": ("住宅用地", "Residential land"),
    "08": ("公共管理与公共服务用地", "Public administration and service land"),
    "09": ("特殊用地", "Special land"),
    "10": ("交通运输用地", "Transport land"),
    "11": ("水域及水利设施用地", "Water and water facilities"),
    "12": ("其他土地", "Other land"),
}
#: Fill colours of the land-use groups (conventional land-use map colours, not the 三调 图式 RGB values).
LANDUSE_COLOURS: dict[str, str] = {
    "00": "#7fc8d4", "01": "#f6e27f", "02": "#f2a65a", "03": "#3f8f4a", "04": "#a8d86e", "05": "#e8747c",
    "06": "#b07aa1", "07": "#e15759", "08": "#ff9da7", "09": "#9c755f", "10": "#a0a0a0", "11": "#6baed6",
    "12": "#d9d2c5",
}  # fmt: skip

#: Measure categories of the catalogue (resources/params/measures.csv ``category``): (zh, en).
MEASURE_CATEGORIES: dict[str, tuple[str, str]] = {
    "engineering": ("工程措施", "Engineering measures"),
    "vegetative": ("林草措施", "Vegetative measures"),
    "tillage": ("耕作措施", "Tillage measures"),
    "closure": ("封育治理", "Closure"),
}

#: Urgency classes of sbplanner:urgency_ranking (``urgency_class_id``): (zh, en).
URGENCY_CLASSES: dict[int, tuple[str, str]] = {
    1: ("极紧迫", "Very urgent"),
    2: ("紧迫", "Urgent"),
    3: ("较紧迫", "Fairly urgent"),
    4: ("一般", "Ordinary"),
}

#: Fixed texts of a map page: (zh, en).
TEXTS: dict[str, tuple[str, str]] = {
    "atlas": ("图集", "atlas"),
    "colon": ("：", ": "),
    "legend": ("图例", "Legend"),
    "unit": ("小流域", "Small watershed"),
    "whole_area": ("项目区", "Project area"),
    "project": ("项目", "Project"),
    "scenario": ("方案", "Scenario"),
    "crs": ("坐标系", "CRS"),
    "date": ("制图日期", "Date"),
    "scale": ("比例尺", "Scale"),
    "this_unit": ("本小流域", "This small watershed"),
    "other_units": ("其他小流域", "Other small watersheds"),
    "unit_boundary": ("小流域界", "Small watershed boundary"),
    "streams": ("河道", "Streams"),
    "landuse_layer": ("地类（GB/T 21010 一级类）", "Land use (GB/T 21010 first level)"),
    "erosion_layer": ("土壤侵蚀强度 t/(km²·a)", "Soil erosion intensity, t/(km²·a)"),
    "slope_layer": ("坡度", "Slope"),
    "measures_layer": ("水土保持措施", "Soil and water conservation measures"),
    "works_layer": ("沟道及小型工程", "Gully and small works"),
    "urgency_layer": ("治理紧迫程度", "Treatment urgency"),
    "no_data": ("无数据", "No data"),
    "no_measure": ("无措施", "No measure"),
    "not_scored": ("无评分", "Not scored"),
    "other": ("其他", "Other"),
    "rank": ("第{0}位", "rank {0}"),
}

# -- notes and errors (translated by processing.base, context SbPlannerErrors) ---------------------------------
NO_PARCELS = QT_TRANSLATE_NOOP(
    "SbPlannerErrors", "{map}: the plan has no analysed parcels (run step 2, Analyse the parcels)."
)
NO_MEASURES = QT_TRANSLATE_NOOP(
    "SbPlannerErrors", "{map}: scenario {scenario} has no measure layout (run step 3, Assign measures)."
)
NO_RANKING = QT_TRANSLATE_NOOP(
    "SbPlannerErrors", "{map}: scenario {scenario} has no urgency ranking (run step 5, Rank the small watersheds)."
)
NO_FIELD = QT_TRANSLATE_NOOP("SbPlannerErrors", "{map}: the layer {layer} has no field {field} (run its step again).")
EMPTY_LAYER = QT_TRANSLATE_NOOP("SbPlannerErrors", "{map}: the layer {layer} holds no features.")


class AtlasNoWatershedsError(SbPlannerError):
    key = "atlas_no_watersheds"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The plan {plan} has no small watersheds: the atlas has one page per small watershed. Run step 1 (Divide into small watersheds) first."  # noqa: E501
    )  # fmt: skip


class AtlasNothingToMapError(SbPlannerError):
    key = "atlas_nothing_to_map"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "None of the chosen maps can be made: {missing}")


@dataclass(frozen=True)
class LayerInfo:
    """What the adapter found of one plan layer (the scenario's copy for a step 3–5 layer)."""

    fields: frozenset[str]
    count: int


@dataclass(frozen=True)
class AtlasInputs:
    """``maps``: the chosen map keys (any order); ``layers``: plan layer name → :class:`LayerInfo` of the layers
    the plan has (for a step 3–5 layer: the scenario's copy); ``ws_codes``: the small watersheds."""

    maps: Sequence[str]
    language: str
    ws_codes: Sequence[str]
    layers: Mapping[str, LayerInfo]
    scenario: str = "baseline"
    plan: str = ""


@dataclass(frozen=True)
class AtlasPage:
    number: int  # 1-based page number in the PDF
    map_key: str
    ws_code: str


@dataclass(frozen=True)
class AtlasPlan:
    maps: tuple[str, ...]  # the map types made, in page order
    ws_codes: tuple[str, ...]  # sorted; one per small watershed (a code held twice gives two pages)
    pages: tuple[AtlasPage, ...]
    missing: tuple[Msg, ...]  # one note per chosen map type left out
    language: str
    titles: dict[str, str] = field(default_factory=dict)  # map key → title in ``language``


def text(key: str, language: str) -> str:
    """A fixed text of the map pages (:data:`TEXTS`) in ``language`` ("zh" or "en")."""
    return TEXTS[key][_lang(language)]


def map_title(key: str, language: str) -> str:
    return MAP_TITLES[key][_lang(language)]


def _lang(language: str) -> int:
    return 1 if language == "en" else 0


def _missing(key: str, inputs: AtlasInputs) -> Msg | None:
    """Why map type ``key`` cannot be made from the plan (None when it can)."""
    source = MAP_SOURCES[key]
    title = map_title(key, inputs.language)
    info = inputs.layers.get(source.layer)
    if info is None:
        if source.layer == "parcels_measures":
            return msg(NO_MEASURES, map=title, scenario=inputs.scenario)
        if source.layer == "ws_urgency":
            return msg(NO_RANKING, map=title, scenario=inputs.scenario)
        return msg(NO_PARCELS, map=title)
    for name in source.fields:
        if name not in info.fields:
            return msg(NO_FIELD, map=title, layer=source.layer, field=name)
    if info.count == 0:
        return msg(EMPTY_LAYER, map=title, layer=source.layer)
    return None


def atlas_plan(inputs: AtlasInputs) -> AtlasPlan:
    """The maps that can be made, their pages (map type, then small watershed by ws_code) and the notes on the
    chosen map types that cannot be made.

    Raises :class:`AtlasNoWatershedsError` without small watersheds (the coverage) and
    :class:`AtlasNothingToMapError` when none of the chosen map types can be made."""
    codes = tuple(sorted(str(c) for c in inputs.ws_codes if c not in (None, "")))  # one page per unit
    if not codes:
        raise AtlasNoWatershedsError(plan=inputs.plan)
    chosen = [k for k in MAP_KEYS if k in set(inputs.maps)]
    missing, made = [], []
    for key in chosen:
        note = _missing(key, inputs)
        (missing if note is not None else made).append(note if note is not None else key)
    if not made:
        raise AtlasNothingToMapError(missing=" ".join(str(m) for m in missing) or "–")
    pages = [(key, code) for key in made for code in codes]
    return AtlasPlan(
        maps=tuple(made),
        ws_codes=codes,
        pages=tuple(AtlasPage(i + 1, key, code) for i, (key, code) in enumerate(pages)),
        missing=tuple(missing),
        language=inputs.language if inputs.language in LANGUAGES else "zh",
        titles={key: map_title(key, inputs.language) for key in made},
    )


def erosion_labels(classes: Sequence[Mapping[str, object]], language: str) -> dict[str, str]:
    """Legend labels of the SL 190-2007 intensity classes (rows of resources/params/erosion_classes.csv:
    ``name_zh``, ``name_en``, ``lower_t_km2_a``; the 轻度 lower bound is the regional tolerance), keyed by the
    Chinese class name the parcels hold in ``erosion_class``: "中度 2 500～5 000" / "Moderate 2 500–5 000"."""
    rows = list(classes)
    out: dict[str, str] = {}
    tolerance = ("容许值", "tolerance")[_lang(language)]
    dash = ("～", "–")[_lang(language)]

    def bound(value: object) -> str:
        try:
            return f"{float(str(value)):,.0f}".replace(",", " ")
        except ValueError:
            return tolerance

    for i, row in enumerate(rows):
        name = str(row["name_zh"]) if language != "en" else str(row["name_en"]).capitalize()
        lower = bound(row["lower_t_km2_a"])
        if i == 0:
            span = f"< {bound(rows[1]['lower_t_km2_a'])}" if len(rows) > 1 else ""
        elif i + 1 < len(rows):
            span = f"{lower}{dash}{bound(rows[i + 1]['lower_t_km2_a'])}"
        else:
            span = f"≥ {lower}"
        out[str(row["name_zh"])] = f"{name} {span}".strip()
    out[""] = text("no_data", language)
    return out


def landuse_label(group: str, language: str) -> str:
    """ "01 耕地" / "01 Cropland" (the code alone for a group outside GB/T 21010's first level)."""
    names = LANDUSE_GROUPS.get(group)
    return f"{group} {names[_lang(language)]}" if names else group


def urgency_label(class_id: int, language: str) -> str:
    names = URGENCY_CLASSES.get(int(class_id))
    return names[_lang(language)] if names else str(class_id)


def category_label(category: str, language: str) -> str:
    names = MEASURE_CATEGORIES.get(category)
    return names[_lang(language)] if names else category
