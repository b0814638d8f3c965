"""Names the dock shows for the catalogue's codes, in the user interface's language.

The catalogue (``resources/params/measures.csv``) keeps its design parameters as ``key=value`` pairs with
machine keys (``riser_height_max_m=2.0``) and coded values (``riser=earth``); land-use groups are GB/T 21010
first-level codes (``01``). Here each key gets a name and a unit, each coded value and group a name: English
texts marked for translation (context ``SbPlannerNames``; the Chinese ones are in ``i18n/sbplanner_zh_CN.ts``
and use the terms of ``i18n/glossary.csv``). A key or value missing here is shown as it is.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from sbplanner_plugin.i18n import chinese_ui, name_of, pick

LOGGER = logging.getLogger(__name__)

CONTEXT = "SbPlannerNames"


def translated(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


#: Design-parameter key → (name, unit). The unit is language-neutral (SI symbols, 株/hm² in both).
DESIGN_PARAMS: dict[str, tuple[str, str]] = {
    "back_ditch": (QT_TRANSLATE_NOOP("SbPlannerNames", "Back ditch"), ""),
    "bench_height_m": (QT_TRANSLATE_NOOP("SbPlannerNames", "Bench height"), "m"),
    "bench_share": (QT_TRANSLATE_NOOP("SbPlannerNames", "Bench share of the slope"), ""),
    "bench_width_m": (QT_TRANSLATE_NOOP("SbPlannerNames", "Bench width"), "m"),
    "bottom_width_m": (QT_TRANSLATE_NOOP("SbPlannerNames", "Bottom width"), "m"),
    "capacity_m3": (QT_TRANSLATE_NOOP("SbPlannerNames", "Storage capacity"), "m³"),
    "class": (QT_TRANSLATE_NOOP("SbPlannerNames", "Dam class"), ""),
    "cover_crop": (QT_TRANSLATE_NOOP("SbPlannerNames", "Cover crop"), ""),
    "crest_width_m": (QT_TRANSLATE_NOOP("SbPlannerNames", "Crest width"), "m"),
    "crop_years": (QT_TRANSLATE_NOOP("SbPlannerNames", "Crop years"), "a"),
    "density_per_ha": (QT_TRANSLATE_NOOP("SbPlannerNames", "Planting density"), "/hm²"),
    "depth_m": (QT_TRANSLATE_NOOP("SbPlannerNames", "Depth"), "m"),
    "design_flood": (QT_TRANSLATE_NOOP("SbPlannerNames", "Design flood"), ""),
    "design_storm": (QT_TRANSLATE_NOOP("SbPlannerNames", "Design storm"), ""),
    "diameter_m": (QT_TRANSLATE_NOOP("SbPlannerNames", "Pit diameter"), "m"),
    "drainage": (QT_TRANSLATE_NOOP("SbPlannerNames", "Drainage"), ""),
    "fence": (QT_TRANSLATE_NOOP("SbPlannerNames", "Fence"), ""),
    "fertiliser": (QT_TRANSLATE_NOOP("SbPlannerNames", "Fertiliser"), ""),
    "field_road": (QT_TRANSLATE_NOOP("SbPlannerNames", "Field road"), ""),
    "front_ridge_back_ditch": (QT_TRANSLATE_NOOP("SbPlannerNames", "Front ridge, back ditch"), ""),
    "grass_seed_kg_per_ha": (QT_TRANSLATE_NOOP("SbPlannerNames", "Grass seed"), "kg/hm²"),
    "grass_years": (QT_TRANSLATE_NOOP("SbPlannerNames", "Grass years"), "a"),
    "height_m": (QT_TRANSLATE_NOOP("SbPlannerNames", "Height"), "m"),
    "lining": (QT_TRANSLATE_NOOP("SbPlannerNames", "Lining"), ""),
    "lip_ridge_m": (QT_TRANSLATE_NOOP("SbPlannerNames", "Lip ridge height"), "m"),
    "long_diameter_m": (QT_TRANSLATE_NOOP("SbPlannerNames", "Long diameter"), "m"),
    "method": (QT_TRANSLATE_NOOP("SbPlannerNames", "Sowing method"), ""),
    "mix": (QT_TRANSLATE_NOOP("SbPlannerNames", "Mixture"), ""),
    "pattern": (QT_TRANSLATE_NOOP("SbPlannerNames", "Pattern"), ""),
    "pit": (QT_TRANSLATE_NOOP("SbPlannerNames", "Planting pit"), ""),
    "pit_spacing_m": (QT_TRANSLATE_NOOP("SbPlannerNames", "Pit spacing"), "m"),
    "planting": (QT_TRANSLATE_NOOP("SbPlannerNames", "Planting"), ""),
    "ranger": (QT_TRANSLATE_NOOP("SbPlannerNames", "Ranger"), ""),
    "replant": (QT_TRANSLATE_NOOP("SbPlannerNames", "Replanting"), ""),
    "replant_density_per_ha": (QT_TRANSLATE_NOOP("SbPlannerNames", "Replanting density"), "/hm²"),
    "residue_cover": (QT_TRANSLATE_NOOP("SbPlannerNames", "Residue cover"), ""),
    "reverse_slope_deg": (QT_TRANSLATE_NOOP("SbPlannerNames", "Reverse slope"), "°"),
    "ridge_direction": (QT_TRANSLATE_NOOP("SbPlannerNames", "Ridge direction"), ""),
    "ridge_height_m": (QT_TRANSLATE_NOOP("SbPlannerNames", "Ridge height"), "m"),
    "ridge_m": (QT_TRANSLATE_NOOP("SbPlannerNames", "Ridge height"), "m"),
    "ridge_side_slope": (QT_TRANSLATE_NOOP("SbPlannerNames", "Ridge side slope (1:m)"), ""),
    "ridge_spacing": (QT_TRANSLATE_NOOP("SbPlannerNames", "Ridge spacing"), ""),
    "ridge_spacing_m": (QT_TRANSLATE_NOOP("SbPlannerNames", "Ridge spacing"), "m"),
    "ridge_top_m": (QT_TRANSLATE_NOOP("SbPlannerNames", "Ridge top width"), "m"),
    "riser": (QT_TRANSLATE_NOOP("SbPlannerNames", "Riser"), ""),
    "riser_angle_deg": (QT_TRANSLATE_NOOP("SbPlannerNames", "Riser angle"), "°"),
    "riser_grass": (QT_TRANSLATE_NOOP("SbPlannerNames", "Grass on the riser"), ""),
    "riser_height_max_m": (QT_TRANSLATE_NOOP("SbPlannerNames", "Maximum riser height"), "m"),
    "riser_repair": (QT_TRANSLATE_NOOP("SbPlannerNames", "Riser repair"), ""),
    "row_spacing_m": (QT_TRANSLATE_NOOP("SbPlannerNames", "Row spacing"), "m"),
    "seed_kg_per_ha": (QT_TRANSLATE_NOOP("SbPlannerNames", "Seed rate"), "kg/hm²"),
    "short_diameter_m": (QT_TRANSLATE_NOOP("SbPlannerNames", "Short diameter"), "m"),
    "signs_per_km2": (QT_TRANSLATE_NOOP("SbPlannerNames", "Signboards"), "/km²"),
    "silting_years": (QT_TRANSLATE_NOOP("SbPlannerNames", "Silting period"), "a"),
    "site_prep": (QT_TRANSLATE_NOOP("SbPlannerNames", "Site preparation"), ""),
    "spacing_m": (QT_TRANSLATE_NOOP("SbPlannerNames", "Spacing"), "m"),
    "spacing_rule": (QT_TRANSLATE_NOOP("SbPlannerNames", "Spacing rule"), ""),
    "species": (QT_TRANSLATE_NOOP("SbPlannerNames", "Species"), ""),
    "step_height_m": (QT_TRANSLATE_NOOP("SbPlannerNames", "Step height"), "m"),
    "step_width_m": (QT_TRANSLATE_NOOP("SbPlannerNames", "Step width"), "m"),
    "strip_spacing_m": (QT_TRANSLATE_NOOP("SbPlannerNames", "Strip spacing"), "m"),
    "strip_width_m": (QT_TRANSLATE_NOOP("SbPlannerNames", "Strip width"), "m"),
    "surface": (QT_TRANSLATE_NOOP("SbPlannerNames", "Surface"), ""),
    "target_fvc": (QT_TRANSLATE_NOOP("SbPlannerNames", "Target vegetation cover"), ""),
    "target_gd": (QT_TRANSLATE_NOOP("SbPlannerNames", "Target canopy density"), ""),
    "terraced_beds": (QT_TRANSLATE_NOOP("SbPlannerNames", "Terraced beds"), ""),
    "tie_spacing_m": (QT_TRANSLATE_NOOP("SbPlannerNames", "Tie spacing"), "m"),
    "tie_width_m": (QT_TRANSLATE_NOOP("SbPlannerNames", "Tie width"), "m"),
    "top_width_m": (QT_TRANSLATE_NOOP("SbPlannerNames", "Top width"), "m"),
    "type": (QT_TRANSLATE_NOOP("SbPlannerNames", "Type"), ""),
    "volume_m3": (QT_TRANSLATE_NOOP("SbPlannerNames", "Volume"), "m³"),
    "wall_top_m": (QT_TRANSLATE_NOOP("SbPlannerNames", "Wall top width"), "m"),
    "width_m": (QT_TRANSLATE_NOOP("SbPlannerNames", "Width"), "m"),
    "years": (QT_TRANSLATE_NOOP("SbPlannerNames", "Closure period"), "a"),
}

#: Coded design-parameter value → its name. Numbers, sizes (2x3) and formulas are shown as they are.
DESIGN_VALUES: dict[str, str] = {
    "yes": QT_TRANSLATE_NOOP("SbPlannerNames", "yes"),
    "no": QT_TRANSLATE_NOOP("SbPlannerNames", "no"),
    "auto": QT_TRANSLATE_NOOP("SbPlannerNames", "automatic (from the slope)"),
    "earth": QT_TRANSLATE_NOOP("SbPlannerNames", "earth"),
    "dry_stone": QT_TRANSLATE_NOOP("SbPlannerNames", "dry stone"),
    "gravel": QT_TRANSLATE_NOOP("SbPlannerNames", "gravel"),
    "masonry": QT_TRANSLATE_NOOP("SbPlannerNames", "masonry"),
    "net": QT_TRANSLATE_NOOP("SbPlannerNames", "wire netting"),
    "small": QT_TRANSLATE_NOOP("SbPlannerNames", "small"),
    "contour": QT_TRANSLATE_NOOP("SbPlannerNames", "along the contour"),
    "contour_strips": QT_TRANSLATE_NOOP("SbPlannerNames", "contour strips"),
    "region": QT_TRANSLATE_NOOP("SbPlannerNames", "by region"),
    "earth_or_stone": QT_TRANSLATE_NOOP("SbPlannerNames", "earth or stone"),
    "ecological_revetment": QT_TRANSLATE_NOOP("SbPlannerNames", "ecological revetment"),
    "masonry_or_stone": QT_TRANSLATE_NOOP("SbPlannerNames", "masonry or stone"),
    "stone_or_ecobag": QT_TRANSLATE_NOOP("SbPlannerNames", "stone or eco-bags"),
    "10a": QT_TRANSLATE_NOOP("SbPlannerNames", "10-year"),
    "10a_24h": QT_TRANSLATE_NOOP("SbPlannerNames", "10-year 24-hour"),
    "10a_3-6h": QT_TRANSLATE_NOOP("SbPlannerNames", "10-year 3–6-hour"),
    "strip_or_broadcast": QT_TRANSLATE_NOOP("SbPlannerNames", "strip or broadcast sowing"),
    "arbor_bush_herb": QT_TRANSLATE_NOOP("SbPlannerNames", "trees, shrubs and grass"),
    "trees_and_shrubs_in_rows": QT_TRANSLATE_NOOP("SbPlannerNames", "trees and shrubs in rows"),
    "cave_0.5x0.4": QT_TRANSLATE_NOOP("SbPlannerNames", "round pit 0.5 × 0.4 m"),
    "large_fruit_pit": QT_TRANSLATE_NOOP("SbPlannerNames", "large fruit-tree pit"),
    "grass_shrub": QT_TRANSLATE_NOOP("SbPlannerNames", "grass and shrubs"),
    "broadleaf_and_shrubs": QT_TRANSLATE_NOOP("SbPlannerNames", "broadleaf trees and shrubs"),
    "level_terrace_bx": QT_TRANSLATE_NOOP("SbPlannerNames", "as the level-terrace spacing"),
    "fish_scale_pit": QT_TRANSLATE_NOOP("SbPlannerNames", "fish-scale pits"),
    "legume_grass": QT_TRANSLATE_NOOP("SbPlannerNames", "legume grass"),
    "local_broadleaf": QT_TRANSLATE_NOOP("SbPlannerNames", "local broadleaf trees"),
    "local_broadleaf_or_economic": QT_TRANSLATE_NOOP("SbPlannerNames", "local broadleaf or economic trees"),
    "local_fruit_or_oil_tea": QT_TRANSLATE_NOOP("SbPlannerNames", "local fruit trees or oil tea"),
    "local_grass_shrub": QT_TRANSLATE_NOOP("SbPlannerNames", "local grass and shrubs"),
    "local_grass_shrub_and_trees": QT_TRANSLATE_NOOP("SbPlannerNames", "local grass, shrubs and trees"),
    "local_hedge_or_grass": QT_TRANSLATE_NOOP("SbPlannerNames", "local hedge shrubs or grass"),
    "local_shrub": QT_TRANSLATE_NOOP("SbPlannerNames", "local shrubs"),
}

#: Design parameters that are a yes/no switch (the catalogue writes "yes").
YES_NO = ("yes", "no")

#: GB/T 21010-2017 first-level land-use classes (一级类), the groups measures apply to.
LANDUSE_GROUPS: dict[str, str] = {
    "01": QT_TRANSLATE_NOOP("SbPlannerNames", "cropland"),
    "02": QT_TRANSLATE_NOOP("SbPlannerNames", "garden land"),
    "03": QT_TRANSLATE_NOOP("SbPlannerNames", "forest land"),
    "04": QT_TRANSLATE_NOOP("SbPlannerNames", "grassland"),
    "05": QT_TRANSLATE_NOOP("SbPlannerNames", "commercial land"),
    "06": QT_TRANSLATE_NOOP("SbPlannerNames", "industrial, mining and storage land"),
    "07": QT_TRANSLATE_NOOP("SbPlannerNames", "residential land"),
    "08": QT_TRANSLATE_NOOP("SbPlannerNames", "public administration and service land"),
    "09": QT_TRANSLATE_NOOP("SbPlannerNames", "special land"),
    "10": QT_TRANSLATE_NOOP("SbPlannerNames", "transport land"),
    "11": QT_TRANSLATE_NOOP("SbPlannerNames", "water and water-conservancy land"),
    "12": QT_TRANSLATE_NOOP("SbPlannerNames", "other land"),
}

#: Measure categories of the catalogue.
CATEGORIES: dict[str, str] = {
    "engineering": QT_TRANSLATE_NOOP("SbPlannerNames", "Engineering measures"),
    "vegetative": QT_TRANSLATE_NOOP("SbPlannerNames", "Vegetative measures"),
    "tillage": QT_TRANSLATE_NOOP("SbPlannerNames", "Tillage measures"),
    "closure": QT_TRANSLATE_NOOP("SbPlannerNames", "Closure for restoration"),
}


def param_name(key: str) -> str:
    """The translated name of a design parameter, ``key`` itself when unknown."""
    known = DESIGN_PARAMS.get(key)
    return translated(known[0]) if known else key


def param_unit(key: str) -> str:
    known = DESIGN_PARAMS.get(key)
    return known[1] if known else ""


def param_label(key: str) -> str:
    """ "Maximum riser height (m)" / "最大坎高（m）"."""
    name, unit = param_name(key), param_unit(key)
    if not unit:
        return name
    return f"{name}（{unit}）" if chinese_ui() else f"{name} ({unit})"


def value_name(value: str) -> str:
    """The translated name of a coded value, the value itself (a number, "2x3") when it is not coded."""
    text = str(value)
    return translated(DESIGN_VALUES[text]) if text in DESIGN_VALUES else text


def is_coded(value: str) -> bool:
    return str(value) in DESIGN_VALUES


def landuse_group_name(code: str) -> str:
    """ "01" → "耕地" / "cropland"; an unknown group code as it is."""
    text = str(code).strip()
    return translated(LANDUSE_GROUPS[text]) if text in LANDUSE_GROUPS else text


def landuse_groups_text(codes: Iterable[str]) -> str:
    names = [landuse_group_name(c) for c in codes]
    return ("、" if chinese_ui() else ", ").join(names)


def category_name(category: str) -> str:
    return translated(CATEGORIES[category]) if category in CATEGORIES else category


def measure_name(catalogue, code: str) -> str:
    """The name of measure ``code`` in the UI language (the code when the catalogue lacks it)."""
    measure = (catalogue or {}).get(code) if hasattr(catalogue or {}, "get") else None
    return name_of(measure) if measure is not None else str(code)


def measure_names(catalogue, codes: Iterable[str]) -> str:
    """Several measures: "水平梯田(土坎) + 经济林" / "level terrace (earth riser) + economic forest"."""
    return " + ".join(measure_name(catalogue, c) for c in codes if c)


#: The marker :func:`sbplanner_plugin.i18n.ui_language` asks the translator for (listed here for pylupdate5:
#: each translation gives its language code, the Chinese one "zh").
LANGUAGE_MARKER = QT_TRANSLATE_NOOP("SbPlannerLanguage", "en")


#: The ``confidence`` column of the parameter tables.
CONFIDENCE: dict[str, str] = {
    "CONFIRMED": QT_TRANSLATE_NOOP("SbPlannerNames", "confirmed"),
    "PARTIAL": QT_TRANSLATE_NOOP("SbPlannerNames", "partly confirmed"),
    "UNVERIFIED": QT_TRANSLATE_NOOP("SbPlannerNames", "unverified"),
    "DERIVED": QT_TRANSLATE_NOOP("SbPlannerNames", "derived"),
    "PROPOSAL": QT_TRANSLATE_NOOP("SbPlannerNames", "proposal"),
}


def confidence_name(value: str) -> str:
    """ "PARTIAL" → "部分核实" / "partly confirmed"; an unknown value as it is."""
    text = str(value).strip().upper()
    return translated(CONFIDENCE[text]) if text in CONFIDENCE else str(value)


#: SL 190-2007 erosion intensity classes: the plan stores the Chinese class name.
EROSION_CLASSES: dict[str, str] = {
    "微度": "slight",
    "轻度": "light",
    "中度": "moderate",
    "强烈": "intense",
    "极强烈": "very intense",
    "剧烈": "severe",
}


def erosion_class_name(value: object) -> str:
    """A stored erosion class ("中度") in the UI language ("moderate" in English)."""
    text = "" if value is None else str(value)
    return pick(text, EROSION_CLASSES.get(text, text))


_LANDUSE_EN: dict[str, str] | None = None


def landuse_name(value: object) -> str:
    """A stored land-use class name (the plan keeps the GB/T 21010 Chinese name, "乔木林地") in the UI language
    ("arbor forest land"); a name the land-use tables do not know as it is."""
    global _LANDUSE_EN
    text = "" if value is None else str(value)
    if chinese_ui() or not text:
        return text
    if _LANDUSE_EN is None:
        _LANDUSE_EN = {}
        try:
            from sbplanner_plugin.adapters.param_files import landuse_table

            table = landuse_table()
            for classes in (table.classes_2007, table.classes):
                for item in classes.values():
                    if getattr(item, "name_zh", "") and getattr(item, "name_en", ""):
                        _LANDUSE_EN[item.name_zh] = item.name_en
        except Exception:
            LOGGER.debug("land-use names", exc_info=True)
    return _LANDUSE_EN.get(text, text)


#: Chinese unit words of the quantity and price tables (labour, counts, money) and their English words; in the
#: Chinese UI units stay as the tables write them.
UNIT_WORDS_EN: dict[str, str] = {
    "工日": "man-days",
    "万元": "10⁴ yuan",
    "元": "yuan",
    "株": "plants",
    "个": "",
    "口": "",
    "块": "",
    "座": "",
}


def unit_label(unit: object) -> str:
    """A unit of the quantity tables in the UI language: "工日" → "man-days", "元/m³" → "yuan/m³" in English."""
    text = "" if unit is None else str(unit)
    if chinese_ui() or not text:
        return text
    parts = []
    for part in text.split("/"):
        word = part.strip()
        parts.append(UNIT_WORDS_EN.get(word, word))
    label = "/".join(parts)
    return label[:-1] if label.endswith("/") else label
