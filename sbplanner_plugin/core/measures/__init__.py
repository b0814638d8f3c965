"""Measure catalogue and rule-based default assignment of measures to parcels (措施配置, step 3).

Pure Python/pandas: no QGIS, no Qt, no file I/O (``adapters.param_files.load_catalogue`` /
``load_rules`` open the tables; :func:`parse_catalogue` / :func:`parse_rules` check their text).
Two editable CSV tables drive it:

``resources/params/measures.csv`` — the catalogue (措施库). One row per measure: code, Chinese and
English name, category (engineering 工程 / vegetative 林草 / tillage 耕作 / closure 封育), geometry
(polygon measures go on parcels; point and line works are placed on the map), the GB/T 21010 land-use
groups it applies to, its slope range ``[slope_min_deg, slope_max_deg)``, its CSLE factor (E, B or T)
with ``csle_ref`` pointing at the row of ``e_factor.csv`` / ``t_factor.csv`` (or the ``b_factor.csv``
class) that holds the number — each number has ONE home — the SL/T 447 D.0.15 column it reports under,
design parameters (``key=value;key=value``) and ``source``/``confidence``.

``resources/params/assignment_rules.csv`` — ordered first-match rules. A rule matches a parcel when
every condition it states holds; an empty cell is "any":

* ``landuse_groups``: ``;``-separated GB/T 21010 prefixes — a group (``01``) or a code (``0103``);
  ``!`` excludes (``01;!0101`` = cropland except paddies);
* ``slope_min_deg`` / ``slope_max_deg``: the parcel's mean slope in ``[min, max)`` — **lower bound
  inclusive, upper bound exclusive**, like the SL 190 / SL/T 447 slope classes, so a 15.0° parcel is
  in ``[15, 25)`` and not in ``[5, 15)``; a parcel without a slope matches only rules without bounds;
* ``erosion_classes``: SL 190 intensity names (微度 … 剧烈, or the English names);
* ``gdlx``: ``TT`` (三调 梯田) matches only TT parcels, ``PD`` every parcel that is not TT, empty/``any``
  every parcel;
* ``soil_depth_min_m``: soil depth ≥ the value; **an unknown depth passes** (GB 51018 6.1.4 prefers
  level terraces, so missing data must not demote them) and the reason says "未知";
* ``cover_min``/``cover_max`` (vegetation cover 0–1) and ``canopy_min``/``canopy_max`` (canopy
  closure 0–1): ``[min, max)``; **an unknown value fails** the condition;
* ``region``: ``;``-separated erosion-type region ids (0 南方红壤丘陵区, 1 西南土石山区, 2 西北黄土高原区,
  3 东北黑土区, 4 北方土石山区);
* ``parcel_flag`` (optional column): ``benggang`` (the user marked the parcel 崩岗) or ``terrace_damaged``
  (an existing terrace marked damaged) — the parcel must carry the flag (fields chosen by the user).

``measure_codes`` lists every measure of the parcel (the first one is the primary measure whose area is
reported); an empty cell means "no measure" and ``reason_zh`` says why. ``reason_zh`` is a template
with ``{landuse} {code} {slope:.1f} {erosion} {soil} {cover} {canopy} {gdlx} {measures}``.

微度 parcels (SL 190: not 水土流失面积) get no measure by default (rule ``SLIGHT``); a measure a user gives
one is counted as 预防/保护 by :func:`summarise` / :func:`treated_area`, never as 治理面积, so the treated
area stays within the eroded area (SL/T 447 D.0.15).

Built in, before the CSV rules and not switchable off — 《中华人民共和国水土保持法》(2010):

* 第二十条: "禁止在二十五度以上陡坡地开垦种植农作物" [CONFIRMED, domain reference §5.1];
* the article on existing cropping on prohibited slopes — "已在禁止开垦的陡坡地上开垦种植农作物的，
  应当按照国家有关规定退耕，植树种草；耕地短缺、退耕确有困难的，应当修建梯田或者采取其他水土保持措施"
  [text CONFIRMED; its number 第三十七条 is UNVERIFIED, domain reference §5.1].

So cropland (GB/T 21010 group 01, except 0101 水田: bunded level fields) beyond the 禁垦坡度 — 25° by
the law or a province's smaller limit (``slope_limit_deg``), judged by the county's 禁垦范围 layer, the
三调 GDPDJB grade and the DEM mean slope as :mod:`.law` states (Chinese legal "以上" includes the number
itself) — is retired to forest and grass (退耕还林还草), unless the parcel is
flagged 退耕确有困难 — then terraces or other measures from the rules. A CSV rule that would keep such a
parcel cropped (a tillage measure, a terrace, or no measure) is overridden and reported by its rule_id;
a CSV rule that retires it to vegetation (e.g. 经济林 + 鱼鳞坑) is honoured. Terraced parcels (三调
GDLX = TT) never get another terrace: a rule that would terrace them is skipped for them.

Modules: :mod:`.catalogue` (measures, design parameters), :mod:`.rules`, :mod:`.law` (the built-in rule),
:mod:`.assign` (the assignment; :func:`assign_layer` for one parcel layer), :mod:`.validation` (the parcel
editor's checks), :mod:`.summary`, :mod:`.edits` (status and reason of the designer's edits),
:mod:`.messages`. Everything public is re-exported here: ``from sbplanner_plugin.core import measures``.
"""

from __future__ import annotations

from sbplanner_plugin.core.definitions import PROPOSED, REGION_IDS
from sbplanner_plugin.core.measures import edits
from sbplanner_plugin.core.measures.assign import (
    NUMERIC_COLUMNS,
    OUTPUT_COLUMNS,
    REQUIRED_FIELDS,
    UNKNOWN_ZH,
    AssignInputs,
    AssignResult,
    assign,
    assign_layer,
    layer_fields,
    parcel_frame,
    steep_bases,
    steep_cropland_mask,
)
from sbplanner_plugin.core.measures.catalogue import (
    CATALOGUE_SCHEMA,
    CATEGORIES,
    CSLE_FACTORS,
    GEOMETRIES,
    REF_AND_VALUE,
    REFERENCE_TABLES,
    SL447_COLUMNS,
    TERRACE_COLUMNS,
    Catalogue,
    Measure,
    format_design_params,
    parse_catalogue,
    parse_design_params,
    reference_codes,
)
from sbplanner_plugin.core.measures.keep import KEPT_STATUSES, geometry_key, keep_decisions
from sbplanner_plugin.core.measures.law import (
    BASES,
    CROPLAND_GROUP,
    GDPDJB_CLASSES,
    LAW_RULE_ID,
    NO_CULTIVATION_SHARE,
    PADDY_CODE,
    RETIRE_COMPANION,
    RETIRE_MEASURE,
    STEEP_CROPLAND_DEG,
    gdpdjb_grade,
    is_steep_cropland,
    steep_basis,
)
from sbplanner_plugin.core.measures.messages import MESSAGES, MSG_CONTEXT, MeasureTableError, Message
from sbplanner_plugin.core.measures.rules import EROSION_CLASSES, PARCEL_FLAGS, RULES_SCHEMA, Rule, parse_rules
from sbplanner_plugin.core.measures.summary import (
    PROTECTION,
    SUMMARY_COLUMNS,
    TREATED,
    TreatedArea,
    summarise,
    treated_area,
)
from sbplanner_plugin.core.measures.validation import validate_assignment
from sbplanner_plugin.core.measures.zones import area_share_inside

__all__ = [
    "BASES",
    "CATALOGUE_SCHEMA",
    "CATEGORIES",
    "CROPLAND_GROUP",
    "CSLE_FACTORS",
    "EROSION_CLASSES",
    "GDPDJB_CLASSES",
    "GEOMETRIES",
    "KEPT_STATUSES",
    "LAW_RULE_ID",
    "MESSAGES",
    "MSG_CONTEXT",
    "NO_CULTIVATION_SHARE",
    "NUMERIC_COLUMNS",
    "OUTPUT_COLUMNS",
    "PADDY_CODE",
    "PARCEL_FLAGS",
    "PROPOSED",
    "PROTECTION",
    "REFERENCE_TABLES",
    "REF_AND_VALUE",
    "REGION_IDS",
    "REQUIRED_FIELDS",
    "RETIRE_COMPANION",
    "RETIRE_MEASURE",
    "RULES_SCHEMA",
    "SL447_COLUMNS",
    "STEEP_CROPLAND_DEG",
    "SUMMARY_COLUMNS",
    "TERRACE_COLUMNS",
    "TREATED",
    "UNKNOWN_ZH",
    "AssignInputs",
    "AssignResult",
    "Catalogue",
    "Measure",
    "MeasureTableError",
    "Message",
    "Rule",
    "TreatedArea",
    "area_share_inside",
    "assign",
    "assign_layer",
    "edits",
    "format_design_params",
    "gdpdjb_grade",
    "geometry_key",
    "is_steep_cropland",
    "keep_decisions",
    "layer_fields",
    "parcel_frame",
    "parse_catalogue",
    "parse_design_params",
    "parse_rules",
    "reference_codes",
    "steep_bases",
    "steep_basis",
    "steep_cropland_mask",
    "summarise",
    "treated_area",
    "validate_assignment",
]
