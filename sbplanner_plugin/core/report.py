"""The step-6 Word report (实施方案 报告初稿) as plain content: chapters, sentences with the plan's numbers, tables
and figures, in Chinese or English.

:func:`build_report` turns the plan's tables (:class:`ReportFrames`, plain pandas frames read by
:mod:`sbplanner_plugin.adapters.report_inputs`) into a :class:`Report`: the chapters in the order of an
实施方案 (GB/T 15772 §"规划报告" content, SL/T 447-2026 chapter list for 实施方案 — domain reference §1.2–§1.3):
1 基本情况, 2 水土流失现状, 3 总体布置与措施设计, 4 工程量, 5 投资估算, 6 效益分析, 7 实施进度, then 附表 (the
per-parcel design tables). Each chapter holds headings, paragraphs whose numbers come from the plan, the
SL/T 447 Appendix D tables (:class:`~sbplanner_plugin.core.design_tables.DesignTable`, the same objects the
workbook renders) and the maps (PNG files of ``sbplanner:export_maps``). What the plan cannot know (自然条件,
社会经济, 组织管理 …) is a placeholder (``【待补充：…】`` / ``[to be completed: …]``) the engineer replaces;
what the plan lacks (a step not run, a map not given) is listed in :attr:`Report.missing`.

The report language (zh / en) is data chosen by the caller, not the user interface's language: the sentences
are written here in both languages; :attr:`Report.missing` holds translatable messages (the UI's language).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from sbplanner_plugin.core.design_tables import (
    COVER,
    DesignTable,
    DesignTablesInputs,
    NoDesignTablesError,
    build_design_tables,
)
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, Msg, msg
from sbplanner_plugin.core.measures.catalogue import Catalogue
from sbplanner_plugin.core.measures.summary import PROTECTION, TREATED, summarise
from sbplanner_plugin.core.scenarios import scenario_title

LANGUAGES = ("zh", "en")
#: The whole-area row of the per-small-watershed tables (ws_d05, ws_indicators, benefit_ws …).
ALL = "ALL"

#: A placeholder in a paragraph: the renderer highlights it (both languages' markers).
PLACEHOLDER = re.compile(r"【待补充：[^】]*】|\[to be completed: [^\]]*\]")


# -- the content model ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 1 = chapter, 2 = section, 3 = subsection


@dataclass(frozen=True)
class Paragraph:
    """Body text; parts matching :data:`PLACEHOLDER` are what the engineer still has to write."""

    text: str

    @property
    def has_placeholder(self) -> bool:
        return PLACEHOLDER.search(self.text) is not None


@dataclass(frozen=True)
class TableBlock:
    table: DesignTable
    number: int  # 表 n
    caption: str  # "表 3  水土流失现状表"


@dataclass(frozen=True)
class FigureBlock:
    map_key: str  # e.g. "erosion" (the PNG <map_key>.png of the maps folder)
    number: int  # 图 n
    caption: str  # "图 2  土壤侵蚀强度图"
    image: str | None  # path of the PNG, None = not given (the renderer writes ``placeholder``)
    placeholder: str = ""


@dataclass
class Chapter:
    key: str  # "1" … "7", "appendix"
    title: str  # "1 基本情况"
    blocks: list = field(default_factory=list)  # Heading (level ≥ 2) / Paragraph / TableBlock / FigureBlock


@dataclass
class Report:
    language: str
    title: str  # the project name
    subtitle: str  # 水土保持综合治理实施方案
    cover_lines: list[str]  # scenario, plan, date, the note on placeholders
    chapters: list[Chapter]
    missing: list[Msg]  # what the report lacks and why (translatable, the UI's language)

    @property
    def tables(self) -> list[TableBlock]:
        return [b for c in self.chapters for b in c.blocks if isinstance(b, TableBlock)]

    @property
    def figures(self) -> list[FigureBlock]:
        return [b for c in self.chapters for b in c.blocks if isinstance(b, FigureBlock)]


# -- inputs --------------------------------------------------------------------------------------------------
@dataclass
class ReportFrames:
    """The plan's tables the sentences use (attribute tables, no geometry); None = the plan lacks the layer."""

    small_watersheds: pd.DataFrame | None = None  # step 1
    ws_indicators: pd.DataFrame | None = None  # step 2 (ALL row: land area, 水土保持率, 林草覆盖率)
    ws_d05: pd.DataFrame | None = None  # step 2: D.0.5 per small watershed and ALL
    ws_d010: pd.DataFrame | None = None  # step 2: D.0.10 slope composition
    ws_d011: pd.DataFrame | None = None  # step 2: D.0.11 slope composition of sloping cropland
    ws_landuse_slope: pd.DataFrame | None = None  # step 2: land use (first-level group) × slope class
    parcels_measures: pd.DataFrame | None = None  # step 3: measure_code, measure_codes, erosion_class, area_ha
    works_quantities: pd.DataFrame | None = None  # step 4: point / line works with their count
    terrace_quantities: pd.DataFrame | None = None  # step 4: terraced parcels
    terrace_items: pd.DataFrame | None = None  # step 4: items (core.quantities.items.ITEM_COLUMNS)
    measure_items: pd.DataFrame | None = None  # step 4
    investment_summary: pd.DataFrame | None = None  # step 4: the estimate's lines (code, amount_yuan, rate_pct)
    investment_funding: pd.DataFrame | None = None  # step 4: per part and source
    investment_schedule: pd.DataFrame | None = None  # step 4: per year
    ws_urgency_table: pd.DataFrame | None = None  # step 5: 治理紧迫程度
    benefit_ws: pd.DataFrame | None = None  # step 5: per small watershed and ALL
    benefit_d021: pd.DataFrame | None = None  # step 5: D.0.21 经济评价


#: Which step (and algorithm) writes each frame: the missing list names it.
FRAME_SOURCES = {
    "small_watersheds": ("1", "Divide into small watersheds"),
    "ws_indicators": ("2", "Summarise the small watersheds"),
    "ws_d05": ("2", "Summarise the small watersheds"),
    "ws_d010": ("2", "Summarise the small watersheds"),
    "ws_d011": ("2", "Summarise the small watersheds"),
    "ws_landuse_slope": ("2", "Summarise the small watersheds"),
    "parcels_measures": ("3", "Assign measures"),
    "works_quantities": ("4", "Measure quantities"),
    "terrace_quantities": ("4", "Terrace quantities"),
    "terrace_items": ("4", "Terrace quantities"),
    "measure_items": ("4", "Measure quantities"),
    "investment_summary": ("4", "Estimate the investment"),
    "investment_funding": ("4", "Estimate the investment"),
    "investment_schedule": ("4", "Estimate the investment"),
    "ws_urgency_table": ("5", "Urgency ranking"),
    "benefit_ws": ("5", "Evaluate the benefits"),
    "benefit_d021": ("5", "Evaluate the benefits"),
}

#: The algorithms in workflow order (the missing list follows it).
WORKFLOW = list(dict.fromkeys(FRAME_SOURCES.values()))


@dataclass
class ReportInputs:
    language: str  # "zh" or "en" (the report's language)
    project_name: str
    scenario_id: str
    scenario_name: str
    plan_name: str  # the plan's file name (or PostGIS schema), shown on the cover
    date: str  # ISO date printed on the cover
    frames: ReportFrames
    catalogue: Catalogue | None = None  # measure names (English) and categories; None = names of the plan
    design: DesignTablesInputs | None = None  # the SL/T 447 tables' inputs (built here with the workbook's builder)
    tables: Sequence[DesignTable] = ()  # ready-made design tables (used when ``design`` is None)
    table_notes: Sequence[Msg] = ()  # what the tables' builder could not make, and why
    maps: Mapping[str, str] = field(default_factory=dict)  # map key → PNG path (the files found)
    maps_folder: str = ""  # "" = no maps folder given


# -- texts ---------------------------------------------------------------------------------------------------
#: The maps, in the order of the report (keys = the PNG names ``sbplanner:export_maps`` writes).
MAP_TITLES = {
    "location": ("位置图", "Location map"),
    "landuse": ("土地利用现状图", "Current land use map"),
    "slope": ("坡度分级图", "Slope class map"),
    "erosion": ("土壤侵蚀强度图", "Soil erosion intensity map"),
    "measures": ("水土保持措施总体布局图", "Layout of the soil and water conservation measures"),
    "urgency": ("治理紧迫程度图", "Treatment urgency map"),
}
MAP_KEYS = tuple(MAP_TITLES)

#: GB/T 21010-2017 first-level classes (ws_landuse_slope's ``landuse_group``).
LANDUSE_GROUPS = {
    "01": ("耕地", "cropland"),
    "02": ("园地", "garden land"),
    "03": ("林地", "forest land"),
    "04": ("草地", "grassland"),
    "05": ("商服用地", "commercial land"),
    "06": ("工矿仓储用地", "industrial and storage land"),
    "07": ("住宅用地", "residential land"),
    "08": ("公共管理与公共服务用地", "public administration and service land"),
    "09": ("特殊用地", "special-use land"),
    "10": ("交通运输用地", "transport land"),
    "11": ("水域及水利设施用地", "water and water-conservancy land"),
    "12": ("其他土地", "other land"),
}
#: SL 190-2007 classes of 水土流失面积 as ws_d05 names them (轻度 … 剧烈).
EROSION_COLUMNS = (
    ("light", "轻度", "light"),
    ("moderate", "中度", "moderate"),
    ("intense", "强烈", "intense"),
    ("very_intense", "极强烈", "very intense"),
    ("severe", "剧烈", "severe"),
)
#: Slope classes of SL/T 447 D.0.10 (c1 … c5) and D.0.11.
D010_CLASSES = ("<5°", "5°～15°", "15°～25°", "25°～35°", "≥35°")
D011_CLASSES = ("<5°", "5°～10°", "10°～15°", "15°～25°", ">25°")
TERRACE_TYPES = {"level": ("水平梯田", "level terraces"), "slope": ("坡式梯田", "sloping terraces"),
                 "interval": ("隔坡梯田", "interval terraces")}  # fmt: skip
RISER_MATERIALS = {"earth": ("土坎", "earth risers"), "dry_stone": ("石坎", "stone risers"),
                   "stone": ("石坎", "stone risers")}  # fmt: skip
#: Investment estimate lines (investment_summary ``code``), 水总[2003]67号 parts.
PARTS = (
    ("part1", "第一部分工程措施", "part 1 (engineering measures)"),
    ("part2", "第二部分林草措施", "part 2 (forest and grass measures)"),
    ("part3", "第三部分封育治理措施", "part 3 (closure measures)"),
    ("part4", "第四部分独立费用", "part 4 (independent costs)"),
)
#: Items summed in chapter 4, in the order of D.0.16 (core.quantities.items.Item values): zh, en, unit.
QUANTITY_ITEMS = (
    ("earth_cut_m3", "土方开挖", "earth excavation", "m³"),
    ("earth_fill_m3", "土方回填", "earth fill", "m³"),
    ("rock_cut_m3", "石方挖方", "rock excavation", "m³"),
    ("rock_fill_m3", "石方回填", "rock fill", "m³"),
    ("concrete_m3", "混凝土", "concrete", "m³"),
    ("mortar_masonry_m3", "浆砌石", "mortar rubble masonry", "m³"),
    ("dry_masonry_m3", "干砌石", "dry stone masonry", "m³"),
    ("site_prep_pits", "整地", "site preparation", "个"),
    ("trees", "栽植乔木", "trees planted", "株"),
    ("shrubs", "栽植灌木", "shrubs planted", "株"),
    ("grass_ha", "种草", "grass sown", "hm²"),
    ("fence_m", "围栏", "fence", "m"),
    ("signs", "标志牌", "signs", "块"),
    ("labour_days", "投工", "labour", "工日"),
)
UNITS_EN = {"个": "pits", "株": "plants", "块": "", "工日": "workdays", "座": ""}

#: Where each design table goes (its key, or the start of its key); the others go to 附表.
TABLE_CHAPTERS = (
    ("1", ("D.0.9", "D.0.4", "D.0.10")),
    ("2", ("D.0.5", "D.0.11", "D.0.8")),
    ("3", ("urgency", "D.0.15")),
    ("4", ("D.0.16", "terraces")),
    ("5", ("estimate", "D.0.18", "D.0.19")),
    ("6", ("D.0.20", "D.0.21")),
    ("7", ("D.0.17",)),
)
#: Where each map goes.
MAP_CHAPTERS = {"1": ("location", "landuse", "slope"), "2": ("erosion",), "3": ("urgency", "measures")}

CHAPTER_TITLES = {
    "1": ("基本情况", "Basic information"),
    "2": ("水土流失现状", "Soil erosion status"),
    "3": ("总体布置与措施设计", "Overall layout and design of the measures"),
    "4": ("工程量", "Quantities"),
    "5": ("投资估算", "Investment estimate"),
    "6": ("效益分析", "Benefit analysis"),
    "7": ("实施进度", "Implementation schedule"),
    "appendix": ("附表", "Appendix tables"),
}

# Missing-list messages (the UI's language; context SbPlannerErrors like every core message).
MISSING_FRAME = QT_TRANSLATE_NOOP(
    "SbPlannerErrors",
    "Chapter {chapters}: the plan has no {layers} for scenario {scenario} (run step {step}, “{algorithm}”); "
    "its numbers are left as placeholders"
)  # fmt: skip
MISSING_MAP = QT_TRANSLATE_NOOP(
    "SbPlannerErrors", "Figure {number} {title}: {file} is not in the maps folder {folder}; a placeholder is left"
)
NO_MAPS_FOLDER = QT_TRANSLATE_NOOP(
    "SbPlannerErrors",
    "Figures: no maps folder given; the {count} maps are placeholders (run “Export maps” and give its PNG folder)"
)  # fmt: skip
NO_TABLES = QT_TRANSLATE_NOOP("SbPlannerErrors", "Tables: none of the SL/T 447 tables could be made from this plan")


def _lang(language: str) -> int:
    return 0 if language == "zh" else 1


def placeholder(language: str, what_zh: str, what_en: str) -> str:
    """The marker of a text the engineer has to write: ``【待补充：…】`` / ``[to be completed: …]``."""
    return f"【待补充：{what_zh}】" if language == "zh" else f"[to be completed: {what_en}]"


def number(value: object, decimals: int, language: str = "zh") -> str:
    """``value`` with ``decimals`` (English with thousands separators; no "-0.00"); "—" when unknown."""
    v = _float(value)
    if v is None:
        return "—"
    v = round(v, decimals) + 0.0
    return f"{v:,.{decimals}f}" if language == "en" else f"{v:.{decimals}f}"


def _float(value: object) -> float | None:
    if value is None or isinstance(value, str):
        return None
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def _join(items: Sequence[str], language: str) -> str:
    """``a、b和c`` / ``a, b and c``."""
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if language == "zh":
        return "、".join(items[:-1]) + "和" + items[-1]
    return ", ".join(items[:-1]) + " and " + items[-1]


def _list(items: Sequence[str], language: str) -> str:
    """``a，b，c`` / ``a, b, c`` (a plain enumeration)."""
    return ("，" if language == "zh" else ", ").join(i for i in items if i)


def _rows(frame: pd.DataFrame | None) -> list[dict]:
    return [] if frame is None else frame.to_dict("records")


def _all_row(frame: pd.DataFrame | None) -> dict | None:
    for row in _rows(frame):
        if str(row.get("ws_code")) == ALL:
            return row
    return None


def _unit_rows(frame: pd.DataFrame | None) -> list[dict]:
    return [r for r in _rows(frame) if str(r.get("ws_code")) != ALL]


def _sum(frame: pd.DataFrame | None, column: str) -> float:
    if frame is None or column not in frame or frame.empty:
        return 0.0
    return float(pd.to_numeric(frame[column], errors="coerce").fillna(0.0).sum())


# -- the report ----------------------------------------------------------------------------------------------
class _Writer:
    """Builds the chapters; numbers tables and figures in the order they appear."""

    def __init__(self, inputs: ReportInputs) -> None:
        if inputs.language not in LANGUAGES:
            raise ValueError(f"report language {inputs.language!r} is not one of {LANGUAGES}")
        self.inputs = inputs
        self.lang = inputs.language
        self.i = _lang(inputs.language)
        self.frames = inputs.frames
        self.tables, self.table_notes = design_tables(inputs)
        self.placed: set[int] = set()  # ids of the tables already placed
        self.n_table = 0
        self.n_figure = 0
        self.missing: list[Msg] = []
        self.missing_frames: dict[str, list[str]] = {}  # frame → chapters that needed it

    # helpers
    def t(self, zh: str, en: str) -> str:
        return zh if self.i == 0 else en

    def n(self, value: object, decimals: int) -> str:
        """``value`` to ``decimals``; a small non-zero value that would read 0.00 gets up to 3 more decimals."""
        v = _float(value)
        if v is not None and v != 0.0:
            extra = 0
            while extra < 3 and round(v, decimals + extra) == 0.0:
                extra += 1
            decimals += extra
        return number(value, decimals, self.lang)

    def todo(self, zh: str, en: str) -> Paragraph:
        return Paragraph(placeholder(self.lang, zh, en))

    def need(self, chapter: str, *names: str) -> bool:
        """True when the plan has every frame of ``names``; else the missing ones are noted for ``chapter``."""
        ok = True
        for name in names:
            if getattr(self.frames, name) is None:
                chapters = self.missing_frames.setdefault(name, [])
                if chapter not in chapters:
                    chapters.append(chapter)
                ok = False
        return ok

    def not_available(self, zh: str, en: str) -> Paragraph:
        return self.todo(f"{zh}（规划数据库中尚无相应成果）", f"{en} (the plan holds no result for it yet)")

    def chapter(self, key: str) -> Chapter:
        zh, en = CHAPTER_TITLES[key]
        title = self.t(zh, en) if key == "appendix" else f"{key} {self.t(zh, en)}"
        return Chapter(key, title)

    def section(self, chapter: Chapter, number: str, zh: str, en: str, level: int = 2) -> None:
        chapter.blocks.append(Heading(f"{number} {self.t(zh, en)}", level))

    def place_tables(self, chapter: Chapter, keys: Sequence[str]) -> None:
        for key in keys:
            exact = [t for t in self.tables if t.key == key]  # D.0.5 before its variants (D.0.5-village)
            for table in [*exact, *(t for t in self.tables if t.key != key)]:
                if id(table) in self.placed or not _key_matches(table.key, key):
                    continue
                self.placed.add(id(table))
                self.n_table += 1
                caption = f"表 {self.n_table}  {table.title}" if self.i == 0 else f"Table {self.n_table}  {table.title}"
                chapter.blocks.append(TableBlock(table, self.n_table, caption))

    def place_maps(self, chapter: Chapter) -> None:
        for key in MAP_CHAPTERS.get(chapter.key, ()):
            self.n_figure += 1
            title = MAP_TITLES[key][self.i]
            caption = f"图 {self.n_figure}  {title}" if self.i == 0 else f"Figure {self.n_figure}  {title}"
            image = self.inputs.maps.get(key)
            hole = ""
            if image is None:
                hole = placeholder(self.lang, f"插入{title}（{key}.png）", f"insert the {title.lower()} ({key}.png)")
                if self.inputs.maps_folder:
                    self.missing.append(msg(MISSING_MAP, number=str(self.n_figure), title=MAP_TITLES[key][1],
                                            file=f"{key}.png", folder=self.inputs.maps_folder))  # fmt: skip
            chapter.blocks.append(FigureBlock(key, self.n_figure, caption, image, hole))

    # chapters
    def build(self) -> Report:
        chapters = [
            self.basic(),
            self.erosion(),
            self.layout(),
            self.quantities(),
            self.investment(),
            self.benefits(),
            self.schedule(),
        ]
        appendix = self.appendix()
        if appendix.blocks:
            chapters.append(appendix)
        by_algorithm: dict[tuple[str, str], tuple[list[str], list[str]]] = {}  # one line per algorithm not run
        for name, where in self.missing_frames.items():
            layers, needed_by = by_algorithm.setdefault(FRAME_SOURCES[name], ([], []))
            layers.append(name)
            needed_by.extend(c for c in where if c not in needed_by)
        frames = [
            msg(MISSING_FRAME, chapters=", ".join(sorted(keys)), layers=", ".join(layers),
                scenario=self.inputs.scenario_id, step=step, algorithm=algorithm)
            for (step, algorithm), (layers, keys) in sorted(by_algorithm.items(), key=lambda kv: WORKFLOW.index(kv[0]))
        ]  # fmt: skip
        if not self.tables:
            frames.append(msg(NO_TABLES))
        if not self.inputs.maps_folder:
            self.missing.append(msg(NO_MAPS_FOLDER, count=str(len(MAP_KEYS))))
        self.missing = [*frames, *self.table_notes, *self.missing]
        inputs = self.inputs
        scenario = scenario_title(inputs.scenario_id, inputs.scenario_name, "zh" if self.i == 0 else "en")
        cover = [
            self.t(f"方案：{scenario}", f"Scenario: {scenario}"),
            self.t(f"规划数据：{inputs.plan_name}", f"Plan: {inputs.plan_name}"),
            self.t(f"编制日期：{inputs.date}", f"Date: {inputs.date}"),
            self.t(
                "本报告初稿由 SBPlanner 根据规划数据自动生成；文中“【待补充：…】”标出需由设计人员补写或核实的内容。",
                "This draft was written by SBPlanner from the plan; “[to be completed: …]” marks what the designer "
                "still has to write or check.",
            ),
        ]
        subtitle = self.t("水土保持综合治理实施方案", "Soil and water conservation implementation plan")
        return Report(self.lang, inputs.project_name, subtitle, cover, chapters, self.missing)

    def basic(self) -> Chapter:
        c = self.chapter("1")
        f = self.frames
        self.section(c, "1.1", "项目区概况", "The project area")
        units = _rows(f.small_watersheds)
        indicators = _all_row(f.ws_indicators)
        if self.need("1", "small_watersheds") and units:
            c.blocks.append(Paragraph(self.area_sentence(units, indicators)))
        else:
            c.blocks.append(self.not_available("项目区面积与小流域划分", "the project area and its small watersheds"))
        if self.need("1", "ws_landuse_slope", "ws_indicators"):
            text = self.landuse_sentence(_rows(f.ws_landuse_slope), indicators)
            if text:
                c.blocks.append(Paragraph(text))
        slope = _all_row(f.ws_d010)
        if self.need("1", "ws_d010") and slope:
            c.blocks.append(Paragraph(self.slope_sentence(slope)))
        self.place_tables(c, TABLE_CHAPTERS[0][1])
        self.place_maps(c)
        self.section(c, "1.2", "自然条件", "Natural conditions")
        c.blocks.append(self.todo(
            "地形地貌、气象（多年平均降水量、蒸发量、气温、≥10℃积温、无霜期，见 SL/T 447 D.0.2 气象特征表）、"
            "水文、土壤、植被",
            "landform, climate (mean annual rainfall, evaporation, temperature, accumulated temperature ≥10 °C, "
            "frost-free period: SL/T 447 table D.0.2), hydrology, soils, vegetation",
        ))  # fmt: skip
        self.section(c, "1.3", "社会经济", "Socio-economic conditions")
        c.blocks.append(self.todo(
            "行政区划、人口与劳动力、农村经济与收入、人均耕地、人均产粮（SL/T 447 D.0.3 经济社会情况表）",
            "administrative units, population and labour, rural economy and income, cropland and grain per person "
            "(SL/T 447 table D.0.3)",
        ))  # fmt: skip
        return c

    def area_sentence(self, units: list[dict], indicators: dict | None) -> str:
        areas = [a for a in (_float(u.get("area_km2")) for u in units) if a is not None]
        area = _float(indicators.get("land_area_km2")) if indicators else None
        area = sum(areas) if area is None else area
        codes = [str(u.get("ws_code")) for u in units]
        shown = codes if len(codes) <= 8 else [*codes[:6], "…"]
        weights = [(_float(u.get("slope_mean_deg")), _float(u.get("area_km2")) or 0.0) for u in units]
        weights = [(s, a) for s, a in weights if s is not None]
        slope = (
            sum(s * a for s, a in weights) / sum(a for _, a in weights)
            if weights and any(a for _, a in weights)
            else None
        )
        lows = [v for v in (_float(u.get("elev_min_m")) for u in units) if v is not None]
        highs = [v for v in (_float(u.get("elev_max_m")) for u in units) if v is not None]
        p, n = self.inputs.project_name, len(units)
        text = self.t(
            f"{p}项目区土地总面积 {self.n(area, 2)} km²，划分为 {n} 条小流域（{'、'.join(shown)}），"
            f"单条小流域面积 {self.n(min(areas), 2)}～{self.n(max(areas), 2)} km²。",
            f"The project area of {p} covers {self.n(area, 2)} km² of land, divided into {n} small watersheds "
            f"({', '.join(shown)}) of {self.n(min(areas), 2)}–{self.n(max(areas), 2)} km² each.",
        ) if areas else ""  # fmt: skip
        if lows and highs:
            text += self.t(f"项目区海拔 {self.n(min(lows), 0)}～{self.n(max(highs), 0)} m",
                           f" Elevations range from {self.n(min(lows), 0)} to {self.n(max(highs), 0)} m")  # fmt: skip
            text += self.t(f"，平均坡度 {self.n(slope, 1)}°。", f"; the mean slope is {self.n(slope, 1)}°.") if (
                slope is not None) else self.t("。", ".")  # fmt: skip
        return text

    def landuse_sentence(self, rows: list[dict], indicators: dict | None) -> str:
        groups: dict[str, float] = {}
        for row in rows:
            if str(row.get("ws_code")) != ALL:
                continue
            g = str(row.get("landuse_group") or "")[:2]
            groups[g] = groups.get(g, 0.0) + (_float(row.get("total_hm2")) or 0.0)
        total = sum(groups.values())
        parts = []
        for g, a in sorted(groups.items(), key=lambda kv: -kv[1])[:3]:
            if a <= 0 or total <= 0:
                continue
            name = LANDUSE_GROUPS.get(g, (g or "未分类", g or "unclassified"))[self.i]
            parts.append(self.t(f"{name}（{self.n(a, 2)} hm²，{self.n(100 * a / total, 2)}%）",
                                f"{name} ({self.n(a, 2)} hm², {self.n(100 * a / total, 2)} %)"))  # fmt: skip
        text = (
            self.t(f"土地利用以{_join(parts, 'zh')}为主", f"Land use is mainly {_join(parts, 'en')}") if parts else ""
        )
        cover = _float(indicators.get("forest_grass_cover_pct")) if indicators else None
        if cover is not None:
            text += self.t(f"{'，' if text else ''}林草覆盖率 {self.n(cover, 2)}%。",
                           f"{'; the' if text else 'The'} forest and grass cover is {self.n(cover, 2)} %.")  # fmt: skip
        elif text:
            text += self.t("。", ".")
        return text

    def slope_sentence(self, row: dict) -> str:
        parts = []
        for k, label in enumerate(D010_CLASSES, start=1):
            a, p = _float(row.get(f"c{k}_hm2")), _float(row.get(f"c{k}_pct"))
            if a is None:
                continue
            parts.append(
                self.t(
                    f"{label} {self.n(a, 2)} hm²（{self.n(p, 2)}%）", f"{label} {self.n(a, 2)} hm² ({self.n(p, 2)} %)"
                )
            )
        return self.t(f"土地坡度组成：{_list(parts, 'zh')}。", f"Slope composition of the land: {_list(parts, 'en')}.")

    def erosion(self) -> Chapter:
        c = self.chapter("2")
        f = self.frames
        self.section(c, "2.1", "水土流失状况", "Soil erosion")
        d05 = _all_row(f.ws_d05)
        if self.need("2", "ws_d05") and d05:
            c.blocks.append(Paragraph(self.erosion_sentence(d05)))
            worst = self.worst_units(_unit_rows(f.ws_d05))
            if worst:
                c.blocks.append(Paragraph(worst))
        else:
            c.blocks.append(self.not_available("水土流失面积及强度分级", "eroded area and erosion classes"))
        rate = self.swc_now_sentence()
        if rate:
            c.blocks.append(Paragraph(rate))
        d011 = _all_row(f.ws_d011)
        if self.need("2", "ws_d011") and d011 and (_float(d011.get("total_hm2")) or 0.0) > 0:
            c.blocks.append(Paragraph(self.cropland_sentence(d011)))
        c.blocks.append(
            self.todo("水土流失的形式、分布、危害及成因", "the forms, distribution, damage and causes of erosion")
        )
        self.place_tables(c, ("D.0.5", "D.0.11"))
        self.place_maps(c)
        self.section(c, "2.2", "水土保持现状", "Existing soil and water conservation")
        c.blocks.append(self.todo(
            "已实施的水土保持措施（SL/T 447 D.0.8 水土保持措施现状表）、治理成效、经验与存在问题",
            "the measures already in place (SL/T 447 table D.0.8), their effect, lessons and problems",
        ))  # fmt: skip
        self.place_tables(c, ("D.0.8",))
        return c

    def erosion_sentence(self, row: dict) -> str:
        eroded, share = _float(row.get("eroded_area_km2")), _float(row.get("eroded_pct_of_land"))
        classes = []
        for col, zh, en in EROSION_COLUMNS:
            a, p = _float(row.get(f"{col}_km2")), _float(row.get(f"{col}_pct"))
            if a is None or a <= 0:
                continue
            classes.append(
                self.t(f"{zh} {self.n(a, 2)} km²（占 {self.n(p, 2)}%）", f"{en} {self.n(a, 2)} km² ({self.n(p, 2)} %)")
            )
        modulus = _float(row.get("mean_modulus_t_km2_a"))
        text = self.t(
            f"按 SL 190—2007 分级，项目区水土流失面积 {self.n(eroded, 2)} km²，占土地总面积的 {self.n(share, 2)}%",
            f"By the classes of SL 190-2007, {self.n(eroded, 2)} km² of the project area are eroded "
            f"({self.n(share, 2)} % of the land)",
        )  # fmt: skip
        if classes:
            text += self.t(f"，其中{_list(classes, 'zh')}", f": {_list(classes, 'en')} (shares of the eroded area)")
        text += self.t("。", ".")
        if modulus is not None:
            text += self.t(f"平均土壤侵蚀模数 {self.n(modulus, 0)} t/(km²·a)。",
                           f" The mean soil erosion modulus is {self.n(modulus, 0)} t/(km²·a).")  # fmt: skip
        return text

    def worst_units(self, rows: list[dict]) -> str:
        shares = [(r, _float(r.get("eroded_pct_of_land"))) for r in rows]
        shares = [(r, s) for r, s in shares if s is not None]
        moduli = [(r, _float(r.get("mean_modulus_t_km2_a"))) for r in rows]
        moduli = [(r, m) for r, m in moduli if m is not None]
        if len(rows) < 2 or not shares or not moduli:
            return ""
        r1, s1 = max(shares, key=lambda x: x[1])
        r2, m2 = max(moduli, key=lambda x: x[1])
        return self.t(
            f"各小流域中，{r1['ws_code']} 水土流失面积占比最高（{self.n(s1, 2)}%），"
            f"{r2['ws_code']} 平均土壤侵蚀模数最大（{self.n(m2, 0)} t/(km²·a)）。",
            f"Among the small watersheds, {r1['ws_code']} has the largest eroded share ({self.n(s1, 2)} %) and "
            f"{r2['ws_code']} the highest mean erosion modulus ({self.n(m2, 0)} t/(km²·a)).",
        )  # fmt: skip

    def swc_now_sentence(self) -> str:
        ind = _all_row(self.frames.ws_indicators)
        ben = _all_row(self.frames.benefit_ws)
        rate = _float(ind.get("swc_rate_pct")) if ind else None
        if rate is None and ben:
            rate = _float(ben.get("swc_rate_current_pct"))
        if rate is None:
            return ""
        text = self.t(
            f"项目区现状水土保持率为 {self.n(rate, 2)}%",
            f"The current soil and water conservation rate (水土保持率) is {self.n(rate, 2)} %",
        )
        target = _float(ben.get("swc_target_pct")) if ben else None
        if target is not None:
            tid = str(ben.get("swc_target_id") or "")
            label = self.t(f"目标值 {self.n(target, 2)}%" + (f"（{tid}）" if tid else ""),
                           f"the target of {self.n(target, 2)} %" + (f" ({tid})" if tid else ""))  # fmt: skip
            if rate >= target:
                text += self.t(f"，已达到{label}", f", which already meets {label}")
            else:
                text += self.t(f"，比{label}低 {self.n(target - rate, 2)} 个百分点",
                               f", {self.n(target - rate, 2)} percentage points below {label}")  # fmt: skip
        return text + self.t("。", ".")

    def cropland_sentence(self, row: dict) -> str:
        total = _float(row.get("total_hm2"))
        parts = []
        for k, label in enumerate(D011_CLASSES, start=1):
            a = _float(row.get(f"c{k}_hm2"))
            if a is not None and a > 0:
                parts.append(f"{label} {self.n(a, 2)} hm²")
        steep = _float(row.get("c5_hm2")) or 0.0
        text = self.t(f"项目区坡耕地 {self.n(total, 2)} hm²，其中{_list(parts, 'zh')}",
                      f"Sloping cropland covers {self.n(total, 2)} hm²: {_list(parts, 'en')}")  # fmt: skip
        if steep > 0:
            text += self.t(f"；大于 25° 的坡耕地 {self.n(steep, 2)} hm² 应按水土保持法退耕还林还草",
                           f"; the {self.n(steep, 2)} hm² steeper than 25° are to be returned to forest or grass "
                           "(Soil and Water Conservation Law)")  # fmt: skip
        return text + self.t("。", ".")

    def layout(self) -> Chapter:
        c = self.chapter("3")
        f = self.frames
        self.section(c, "3.1", "指导思想与防治目标", "Guiding principles and targets")
        c.blocks.append(
            self.todo("指导思想、防治原则、防治目标", "guiding principles, prevention and control principles, targets")
        )
        ben = _all_row(f.benefit_ws)
        if ben and _float(ben.get("swc_target_pct")) is not None:
            tid = str(ben.get("swc_target_id") or "")
            target = self.n(ben.get("swc_target_pct"), 2)
            text = self.t(f"水土保持率目标值取 {target}%", f"The target soil and water conservation rate is {target} %")
            c.blocks.append(Paragraph(text + self.t(f"（{tid}）。" if tid else "。", f" ({tid})." if tid else ".")))
        self.section(c, "3.2", "治理紧迫程度", "Treatment urgency")
        urgency = _rows(f.ws_urgency_table)
        if self.need("3", "ws_urgency_table") and urgency:
            c.blocks.append(Paragraph(self.urgency_sentence(urgency)))
        else:
            c.blocks.append(self.not_available("治理紧迫程度评价与排序", "the urgency ranking of the units"))
        self.place_tables(c, ("urgency",))
        self.section(c, "3.3", "措施总体布置", "Layout of the measures")
        measures = f.parcels_measures
        if self.need("3", "parcels_measures") and measures is not None and not measures.empty:
            for text in self.measure_sentences(measures):
                c.blocks.append(Paragraph(text))
        else:
            c.blocks.append(self.not_available("各项措施的布置与面积", "the measures and their areas"))
        works = self.works_sentence(f.works_quantities)
        if works:
            c.blocks.append(Paragraph(works))
        c.blocks.append(self.todo("措施配置的依据与布局说明", "the reasons for the layout of the measures"))
        self.place_tables(c, ("D.0.15",))
        self.place_maps(c)
        terraces = f.terrace_quantities
        if terraces is not None and not terraces.empty:
            self.section(c, "3.4", "坡改梯设计", "Terracing design")
            c.blocks.append(Paragraph(self.terrace_sentence(terraces)))
            c.blocks.append(
                self.todo(
                    "梯田典型设计断面图与施工要求",
                    "the typical terrace cross-section drawing and the works specification",
                )
            )
        if any(_key_matches(t.key, k) for t in self.tables for k in ("D.0.13", "D.0.14")):
            text = self.t("各图斑的现状及治理措施设计见附表。", "The design of every parcel is in the appendix tables.")
            c.blocks.append(Paragraph(text))
        return c

    def urgency_sentence(self, rows: list[dict]) -> str:
        def rank(row: dict) -> float:
            r = _float(row.get("urgency_rank"))
            return r if r is not None else math.inf

        ordered = sorted(rows, key=rank)
        items = []
        for row in ordered:
            cls = row.get("urgency_class") if self.i == 0 else row.get("urgency_class_en")
            score = self.n(row.get("urgency_score"), 2)
            unit = row.get("ws_code") or row.get("unit_code") or row.get("village") or ""
            items.append(self.t(f"{unit}（{cls or '—'}，{score} 分）", f"{unit} ({cls or '—'}, {score})"))
        return self.t(f"按治理紧迫程度评价，{len(rows)} 个单元由高到低依次为：{'、'.join(items)}。",
                      f"By treatment urgency, the {len(rows)} units rank as follows (score 0–100): "
                      f"{', '.join(items)}.")  # fmt: skip

    def measure_sentences(self, measures: pd.DataFrame) -> list[str]:
        frame = measures.copy()
        for col in ("measure_code", "measure_codes", "erosion_class"):
            if col not in frame:
                frame[col] = ""
        catalogue = self.inputs.catalogue if self.inputs.catalogue is not None else Catalogue()
        summary = summarise(frame, catalogue)
        with_measure = summary[summary["measure_code"] != ""]
        if with_measure.empty:
            return [self.t("本方案尚未布设治理措施。", "No measure has been laid out in this scenario.")]
        total = float(with_measure["area_ha"].sum())
        parcels = int(with_measure["parcels"].sum())
        treated = float(with_measure.loc[with_measure["treatment"] == TREATED, "area_ha"].sum())
        protection = float(with_measure.loc[with_measure["treatment"] == PROTECTION, "area_ha"].sum())
        text = self.t(
            f"本方案布设水土保持措施面积 {self.n(total, 2)} hm²（{parcels} 个图斑），其中治理水土流失面积 "
            f"{self.n(treated, 2)} hm²",
            f"The scenario lays out measures on {self.n(total, 2)} hm² ({_parcels(parcels)}), of which "
            f"{self.n(treated, 2)} hm² treat eroded land",
        )  # fmt: skip
        if protection > 0:
            text += self.t(
                f"，预防保护面积 {self.n(protection, 2)} hm²",
                f" and {self.n(protection, 2)} hm² protect non-eroded land",
            )
        text += self.t("。", ".")
        names = {}
        for code in {
            *with_measure["measure_code"],
            *(c for cs in with_measure["with_measures"] for c in str(cs).split(";") if c),
        }:
            m = catalogue.get(code)
            names[code] = (m.name_zh if self.i == 0 else m.name_en) if m else code
        if self.i == 0 and "measure_name" in frame:  # the plan's own names when the catalogue lacks a code
            for code, name in zip(frame["measure_code"], frame["measure_name"]):
                if code and names.get(code) == code and name:
                    names[code] = str(name)
        grouped = with_measure.groupby("measure_code", sort=False).agg(
            area_ha=("area_ha", "sum"), parcels=("parcels", "sum"), with_measures=("with_measures", "first")
        )
        grouped = grouped.sort_values("area_ha", ascending=False)
        items = []
        for code, row in grouped.iterrows():
            item = self.t(f"{names[code]} {self.n(row.area_ha, 2)} hm²（{int(row.parcels)} 个图斑",
                          f"{names[code]} {self.n(row.area_ha, 2)} hm² ({_parcels(int(row.parcels))}")  # fmt: skip
            companions = [names.get(x, x) for x in str(row.with_measures or "").split(";") if x]
            if companions:
                item += self.t(f"，配套{'、'.join(companions)}", f", with {', '.join(companions)}")
            items.append(item + self.t("）", ")"))
        return [text, self.t(f"各项措施：{'；'.join(items)}。", f"Measures: {'; '.join(items)}.")]

    def works_sentence(self, works: pd.DataFrame | None) -> str:
        if works is None or works.empty or "measure_code" not in works:
            return ""
        catalogue = self.inputs.catalogue or Catalogue()
        counts = works.assign(count=pd.to_numeric(works.get("count", 1), errors="coerce").fillna(1))
        items = []
        for code, n in counts.groupby("measure_code", sort=True)["count"].sum().items():
            m = catalogue.get(code)
            name = (m.name_zh if self.i == 0 else m.name_en) if m else str(code)
            items.append(self.t(f"{name} {int(n)} 处", f"{int(n)} × {name}"))
        return self.t(f"沟道及小型蓄排工程：{'、'.join(items)}。", f"Gully and small water works: {', '.join(items)}.")

    def terrace_sentence(self, terraces: pd.DataFrame) -> str:
        area = _sum(terraces, "area_ha")
        n = len(terraces)
        kinds = []
        for key, (zh, en) in TERRACE_TYPES.items():
            a = _sum(terraces[terraces.get("terrace_type") == key], "area_ha") if "terrace_type" in terraces else 0.0
            if a > 0:
                kinds.append(self.t(f"{zh} {self.n(a, 2)} hm²", f"{en} {self.n(a, 2)} hm²"))
        text = self.t(
            f"坡改梯 {n} 个图斑，面积 {self.n(area, 2)} hm²", f"Terracing covers {_parcels(n)}, {self.n(area, 2)} hm²"
        )
        text += self.t(f"，其中{_list(kinds, 'zh')}", f": {_list(kinds, 'en')}") if kinds else ""
        text += self.t("。", ".")
        built = terraces[terraces["suitability"] != "unsuitable"] if "suitability" in terraces else terraces
        widths = pd.to_numeric(built.get("bench_width_m"), errors="coerce").dropna() if "bench_width_m" in built else []
        heights = (
            pd.to_numeric(built.get("riser_height_m"), errors="coerce").dropna() if "riser_height_m" in built else []
        )
        if len(widths) and len(heights):
            text += self.t(
                f"田面宽 {self.n(widths.min(), 1)}～{self.n(widths.max(), 1)} m，田坎高 {self.n(heights.min(), 2)}～"
                f"{self.n(heights.max(), 2)} m。",
                f" Bench widths are {self.n(widths.min(), 1)}–{self.n(widths.max(), 1)} m, riser heights "
                f"{self.n(heights.min(), 2)}–{self.n(heights.max(), 2)} m.",
            )  # fmt: skip
        if "suitability" in terraces:
            s = terraces["suitability"].fillna("")
            ok, reduced, bad = int((s == "suitable").sum()), int((s == "reduced").sum()), int((s == "unsuitable").sum())
            bad_area = _sum(terraces[s == "unsuitable"], "area_ha")
            text += self.t(
                f"经断面校核，适宜修梯田 {ok} 个，需减小田面宽 {reduced} 个",
                f" By the cross-section check: {ok} suitable, {reduced} with a narrower bench",
            )
            if bad:
                text += self.t(
                    f"，不宜修梯田 {bad} 个（{self.n(bad_area, 2)} hm²，宜改配其他措施）",
                    f", {bad} unsuitable ({self.n(bad_area, 2)} hm²; another measure is advised)",
                )
            text += self.t("。", ".")
        return text

    def quantities(self) -> Chapter:
        c = self.chapter("4")
        f = self.frames
        self.section(c, "4.1", "工程量汇总", "Summary of quantities")
        items = [x for x in (f.terrace_items, f.measure_items) if x is not None and not x.empty]
        has = f.terrace_items is not None or f.measure_items is not None
        if not has:
            self.need("4", "measure_items")
        if items:
            text = self.quantity_sentence(pd.concat(items, ignore_index=True))
            c.blocks.append(Paragraph(text) if text else self.not_available("主要工程量", "the main quantities"))
        else:
            c.blocks.append(self.not_available("主要工程量", "the main quantities"))
        terrace = f.terrace_items
        if terrace is not None and not terrace.empty:
            cut = _item_sum(terrace, "earth_cut_m3")
            area = (
                _sum(f.terrace_quantities, "area_ha")
                if f.terrace_quantities is not None
                else _item_sum(terrace, "area_ha")
            )
            if cut > 0:
                text = self.t(
                    f"其中坡改梯土方开挖 {self.n(cut, 0)} m³", f"Terracing alone moves {self.n(cut, 0)} m³ of earth"
                )
                if area > 0:
                    per_ha = self.n(cut / area, 0)
                    text += self.t(f"，平均 {per_ha} m³/hm²", f" ({per_ha} m³/hm² on average)")
                c.blocks.append(Paragraph(text + self.t("。", ".")))
        self.place_tables(c, TABLE_CHAPTERS[3][1])
        return c

    def quantity_sentence(self, items: pd.DataFrame) -> str:
        parts = []
        for key, zh, en, unit in QUANTITY_ITEMS:
            q = _item_sum(items, key)
            if q <= 0:
                continue
            decimals = 2 if unit == "hm²" else 0
            unit_en = UNITS_EN.get(unit, unit)
            parts.append(self.t(f"{zh} {self.n(q, decimals)} {unit}", f"{en} {self.n(q, decimals)} {unit_en}".rstrip()))
        if not parts:
            return ""
        return self.t(f"本方案主要工程量：{_list(parts, 'zh')}。", f"Main quantities: {_list(parts, 'en')}.")

    def investment(self) -> Chapter:
        c = self.chapter("5")
        f = self.frames
        self.section(c, "5.1", "编制依据", "Basis of the estimate")
        c.blocks.append(Paragraph(self.t(
            "投资估算按《水土保持工程概（估）算编制规定》（水总〔2003〕67号）的项目划分和费用构成编制。",
            "The estimate follows the cost structure of the 水土保持工程概（估）算编制规定 (水总[2003]67号).",
        )))  # fmt: skip
        c.blocks.append(self.todo(
            "价格水平年、人工及主要材料单价来源、省级补充规定",
            "the price level year, the sources of labour and material prices, provincial rules",
        ))  # fmt: skip
        self.section(c, "5.2", "投资估算", "Estimate")
        lines = {str(r.get("code")): r for r in _rows(f.investment_summary)}
        if self.need("5", "investment_summary") and "static_total" in lines:
            c.blocks.append(Paragraph(self.investment_sentence(lines)))
            per_ha = self.per_hectare_sentence(lines)
            if per_ha:
                c.blocks.append(Paragraph(per_ha))
        else:
            c.blocks.append(self.not_available("投资估算", "the investment estimate"))
        funding = f.investment_funding
        if self.need("5", "investment_funding") and funding is not None and not funding.empty:
            c.blocks.append(Paragraph(self.funding_sentence(funding)))
        self.place_tables(c, TABLE_CHAPTERS[4][1])
        return c

    def investment_sentence(self, lines: Mapping[str, dict]) -> str:
        static = _float(lines["static_total"].get("amount_yuan")) or 0.0
        parts = []
        for code, zh, en in PARTS:
            if code not in lines:
                continue
            a = _float(lines[code].get("amount_yuan")) or 0.0
            share = 100.0 * a / static if static else 0.0
            parts.append(self.t(f"{zh} {self.n(a / 1e4, 2)} 万元（{self.n(share, 2)}%）",
                                f"{en} {self.n(a / 1e4, 2)} 万元 ({self.n(share, 2)} %)"))  # fmt: skip
        text = self.t(
            f"项目静态总投资 {self.n(static / 1e4, 2)} 万元，其中{_list(parts, 'zh')}",
            f"The static total investment is {self.n(static / 1e4, 2)} 万元 (10⁴ yuan): {_list(parts, 'en')}",
        )
        bc = lines.get("basic_contingency")
        if bc is not None:
            rate = _float(bc.get("rate_pct"))
            amount = self.n((_float(bc.get("amount_yuan")) or 0) / 1e4, 2)
            text += self.t(f"，基本预备费 {amount} 万元", f"; basic contingency {amount} 万元")
            if rate is not None:
                text += self.t(f"（一至四部分合计的 {self.n(rate, 2)}%）", f" ({self.n(rate, 2)} % of parts 1–4)")
        text += self.t("。", ".")
        price = _float(lines.get("price_contingency", {}).get("amount_yuan"))
        total = _float(lines.get("total", {}).get("amount_yuan"))
        if price and total is not None:
            text += self.t(f"价差预备费 {self.n(price / 1e4, 2)} 万元，总投资 {self.n(total / 1e4, 2)} 万元。",
                           f" With a price contingency of {self.n(price / 1e4, 2)} 万元 the total investment is "
                           f"{self.n(total / 1e4, 2)} 万元.")  # fmt: skip
        return text

    def per_hectare_sentence(self, lines: Mapping[str, dict]) -> str:
        measures = self.frames.parcels_measures
        if measures is None or measures.empty or "measure_code" not in measures:
            return ""
        codes = measures["measure_code"].fillna("").astype(str)
        area = float(pd.to_numeric(measures.loc[codes != "", "area_ha"], errors="coerce").fillna(0).sum())
        static = _float(lines["static_total"].get("amount_yuan")) or 0.0
        if area <= 0:
            return ""
        return self.t(
            f"按措施面积 {self.n(area, 2)} hm² 计，单位面积投资 {self.n(static / area, 0)} 元/hm²。",
            f"Over the {self.n(area, 2)} hm² with measures this is {self.n(static / area, 0)} yuan/hm².",
        )

    def funding_sentence(self, funding: pd.DataFrame) -> str:
        frame = funding.assign(amount=pd.to_numeric(funding["amount_yuan"], errors="coerce").fillna(0.0))
        key = "source_code" if "source_code" in frame else "name_zh"
        total = float(frame["amount"].sum())
        parts = []
        for _, g in frame.groupby(key, sort=False):
            a = float(g["amount"].sum())
            if a <= 0:
                continue
            name = str(g.iloc[0].get("name_zh" if self.i == 0 else "name_en") or g.iloc[0][key])
            parts.append(self.t(f"{name} {self.n(a / 1e4, 2)} 万元（{self.n(100 * a / total, 2)}%）",
                                f"{name} {self.n(a / 1e4, 2)} 万元 ({self.n(100 * a / total, 2)} %)"))  # fmt: skip
        return self.t(f"资金筹措：{_list(parts, 'zh')}。", f"Funding: {_list(parts, 'en')}.")

    def benefits(self) -> Chapter:
        c = self.chapter("6")
        f = self.frames
        ben = _all_row(f.benefit_ws)
        ok = self.need("6", "benefit_ws") and ben is not None
        self.section(c, "6.1", "调水保土效益", "Water and soil conservation")
        if ok:
            c.blocks.append(Paragraph(self.soil_sentence(ben)))
        else:
            c.blocks.append(
                self.not_available("保土、蓄水效益（GB/T 15774—2008）", "soil and water conserved (GB/T 15774-2008)")
            )
        self.section(c, "6.2", "生态效益", "Ecological benefits")
        if ok:
            c.blocks.append(Paragraph(self.ecology_sentence(ben)))
        c.blocks.append(
            self.todo("植被恢复、生物多样性等生态效益的定性说明", "a description of the other ecological benefits")
        )
        self.section(c, "6.3", "经济效益", "Economic benefits")
        d021 = _all_row(f.benefit_d021)
        if self.need("6", "benefit_d021") and d021:
            c.blocks.append(Paragraph(self.economy_sentence(d021)))
        else:
            c.blocks.append(
                self.not_available("国民经济评价（净现值、内部收益率）", "the economic evaluation (NPV, IRR)")
            )
        self.section(c, "6.4", "社会效益", "Social benefits")
        c.blocks.append(self.todo("改善生产生活条件、促进农村产业发展等社会效益",
                                  "social benefits: living and production conditions, rural livelihoods"))  # fmt: skip
        self.place_tables(c, TABLE_CHAPTERS[5][1])
        return c

    def soil_sentence(self, ben: dict) -> str:
        before, after = ben.get("soil_loss_current_t_a"), ben.get("soil_loss_planned_t_a")
        saved, saved_wan = ben.get("soil_conserved_t_a"), ben.get("soil_conserved_wan_t_a")
        text = self.t(
            f"方案实施后，项目区土壤流失量由 {self.n(before, 0)} t/a 减少到 {self.n(after, 0)} t/a，年保土 "
            f"{self.n(saved, 0)} t（{self.n(saved_wan, 4)} 万t），减少 "
            f"{self.n(ben.get('soil_loss_reduction_pct'), 2)}%；"
            f"平均土壤侵蚀模数由 {self.n(ben.get('mean_modulus_current_t_km2_a'), 0)} t/(km²·a) 降至 "
            f"{self.n(ben.get('mean_modulus_planned_t_km2_a'), 0)} t/(km²·a)。",
            f"Once the plan is implemented, soil loss falls from {self.n(before, 0)} t/a to {self.n(after, 0)} t/a: "
            f"{self.n(saved, 0)} t ({self.n(saved_wan, 4)} 万t) of soil conserved a year, "
            f"{self.n(ben.get('soil_loss_reduction_pct'), 2)} % less; the mean erosion modulus falls from "
            f"{self.n(ben.get('mean_modulus_current_t_km2_a'), 0)} to "
            f"{self.n(ben.get('mean_modulus_planned_t_km2_a'), 0)} t/(km²·a).",
        )  # fmt: skip
        water = _float(ben.get("water_retained_m3_a"))
        if water:
            text += self.t(f"年蓄水 {self.n(water, 0)} m³（{self.n(ben.get('water_retained_wan_m3_a'), 2)} 万m³）。",
                           f" {self.n(water, 0)} m³ of water are retained a year.")  # fmt: skip
        return text

    def ecology_sentence(self, ben: dict) -> str:
        r1, r2 = _float(ben.get("swc_rate_current_pct")), _float(ben.get("swc_rate_planned_pct"))
        text = self.t(
            f"水土流失面积由 {self.n(ben.get('eroded_area_current_km2'), 2)} km² 减少到 "
            f"{self.n(ben.get('eroded_area_planned_km2'), 2)} km²，水土流失治理度 "
            f"{self.n(ben.get('treatment_degree_pct'), 2)}%；"
            f"水土保持率由 {self.n(r1, 2)}% 提高到 {self.n(r2, 2)}%",
            f"The eroded area falls from {self.n(ben.get('eroded_area_current_km2'), 2)} km² to "
            f"{self.n(ben.get('eroded_area_planned_km2'), 2)} km² (degree of treatment "
            f"{self.n(ben.get('treatment_degree_pct'), 2)} %); the soil and water conservation rate rises from "
            f"{self.n(r1, 2)} % to {self.n(r2, 2)} %",
        )  # fmt: skip
        target = _float(ben.get("swc_target_pct"))
        if target is not None and r2 is not None:
            tid = str(ben.get("swc_target_id") or "")
            label = self.t(f"目标值 {self.n(target, 2)}%" + (f"（{tid}）" if tid else ""),
                           f"the target of {self.n(target, 2)} %" + (f" ({tid})" if tid else ""))  # fmt: skip
            if r2 >= target:
                text += self.t(f"，达到{label}", f", meeting {label}")
            else:
                text += self.t(f"，距{label}尚差 {self.n(target - r2, 2)} 个百分点",
                               f", still {self.n(target - r2, 2)} percentage points short of {label}")  # fmt: skip
        text += self.t("。", ".")
        f1, f2 = _float(ben.get("forest_grass_cover_current_pct")), _float(ben.get("forest_grass_cover_planned_pct"))
        if f1 is not None and f2 is not None:
            if abs(f2 - f1) < 0.005:
                text += self.t(
                    f"林草覆盖率保持 {self.n(f1, 2)}%。", f" The forest and grass cover stays at {self.n(f1, 2)} %."
                )
            else:
                text += self.t(
                    f"林草覆盖率由 {self.n(f1, 2)}% 变为 {self.n(f2, 2)}%。",
                    f" The forest and grass cover changes from {self.n(f1, 2)} % to {self.n(f2, 2)} %.",
                )
        return text

    def economy_sentence(self, row: dict) -> str:
        years, rate = _float(row.get("years")), _float(row.get("discount_rate_pct"))
        npv, irr, bcr = _float(row.get("npv_wan_yuan")), _float(row.get("irr_pct")), _float(row.get("bcr"))
        text = self.t(
            f"按 GB/T 15774—2008 计算，计算期 {self.n(years, 0)} 年、社会折现率 {self.n(rate, 2)}%：总费用 "
            f"{self.n(row.get('total_cost_wan_yuan'), 2)} 万元，总经济效益 "
            f"{self.n(row.get('total_benefit_wan_yuan'), 2)} 万元，"
            f"经济净现值 {self.n(npv, 2)} 万元，经济内部收益率 {self.n(irr, 2)}%，效益费用比 {self.n(bcr, 2)}。",
            f"By GB/T 15774-2008, over {self.n(years, 0)} years at a discount rate of {self.n(rate, 2)} %: total "
            f"cost {self.n(row.get('total_cost_wan_yuan'), 2)} 万元, total benefit "
            f"{self.n(row.get('total_benefit_wan_yuan'), 2)} 万元, net present value {self.n(npv, 2)} 万元, internal "
            f"rate of return {self.n(irr, 2)} %, benefit–cost ratio {self.n(bcr, 2)}.",
        )  # fmt: skip
        if npv is None:
            return text
        if npv >= 0 and (irr is None or rate is None or irr >= rate):
            text += self.t("经济净现值不小于零，内部收益率不低于社会折现率，项目在经济上合理。",
                           " The net present value is not negative and the internal rate of return reaches the "
                           "discount rate: the project is economically justified.")  # fmt: skip
        else:
            text += self.t("经济净现值小于零，直接经济效益不足以抵偿费用，项目的合理性需结合生态效益和社会效益论证。",
                           " The net present value is negative: the direct benefits do not repay the costs, and the "
                           "project has to be justified by its ecological and social benefits.")  # fmt: skip
        return text

    def schedule(self) -> Chapter:
        c = self.chapter("7")
        f = self.frames
        self.section(c, "7.1", "实施进度安排", "Schedule")
        years = _rows(f.investment_schedule)
        if self.need("7", "investment_schedule") and years:
            c.blocks.append(Paragraph(self.schedule_sentence(years)))
        else:
            c.blocks.append(self.not_available("分年度实施进度", "the schedule by year"))
        c.blocks.append(
            self.todo("各年度实施的小流域与措施安排", "which small watersheds and measures are done in which year")
        )
        self.place_tables(c, TABLE_CHAPTERS[6][1])
        self.section(c, "7.2", "组织管理与保障措施", "Organisation and safeguards")
        c.blocks.append(self.todo(
            "组织管理、技术保障、资金保障、运行管护与监测",
            "organisation, technical support, funding safeguards, maintenance and monitoring",
        ))  # fmt: skip
        return c

    def schedule_sentence(self, years: list[dict]) -> str:
        rows = sorted(years, key=lambda r: _float(r.get("year")) or 0)
        total = sum(_float(r.get("static_total_yuan")) or 0.0 for r in rows)
        n = len(rows)
        if n == 1:
            return self.t(
                f"项目建设期 1 年，静态总投资 {self.n(total / 1e4, 2)} 万元在当年完成。",
                f"The project is built in one year: the {self.n(total / 1e4, 2)} 万元 are spent that year.",
            )
        items = []
        for r in rows:
            a = _float(r.get("static_total_yuan")) or 0.0
            share = 100 * a / total if total else 0.0
            y = self.n(r.get("year"), 0)
            items.append(self.t(f"第 {y} 年 {self.n(a / 1e4, 2)} 万元（{self.n(share, 2)}%）",
                                f"year {y} {self.n(a / 1e4, 2)} 万元 ({self.n(share, 2)} %)"))  # fmt: skip
        return self.t(f"项目建设期 {n} 年，分年度投资：{_list(items, 'zh')}。",
                      f"The project is built over {n} years; investment by year: {_list(items, 'en')}.")  # fmt: skip

    def appendix(self) -> Chapter:
        c = self.chapter("appendix")
        rest = [t for t in self.tables if id(t) not in self.placed]
        self.place_tables(c, list(dict.fromkeys(t.key for t in rest)))
        return c


def design_tables(inputs: ReportInputs) -> tuple[list[DesignTable], list[Msg]]:
    """The design tables of the report (without the workbook's cover) and the builder's notes: built from
    ``inputs.design`` with :func:`~sbplanner_plugin.core.design_tables.build_design_tables` — the same tables as
    the workbook — or ``inputs.tables`` as given."""
    if inputs.design is None:
        return list(inputs.tables), list(inputs.table_notes)
    try:
        result = build_design_tables(inputs.design)
    except NoDesignTablesError as exc:  # none can be made: the report is still written, without tables
        return [], [*inputs.table_notes, Msg(exc.template, exc.params)]
    return [t for t in result.tables if t.key != COVER], [*inputs.table_notes, *result.missing]


def _parcels(n: int) -> str:
    return f"{n} parcel" if n == 1 else f"{n} parcels"


def _key_matches(table_key: str, key: str) -> bool:
    """``D.0.5`` matches D.0.5 and its variants (``D.0.5-village``), not D.0.50."""
    return table_key == key or table_key.startswith((f"{key}-", f"{key}_", f"{key} "))


def _item_sum(items: pd.DataFrame, item: str) -> float:
    if items is None or items.empty or "item" not in items:
        return 0.0
    return float(pd.to_numeric(items.loc[items["item"] == item, "quantity"], errors="coerce").fillna(0.0).sum())


def build_report(inputs: ReportInputs) -> Report:
    """The report of one scenario of a plan, in ``inputs.language``: the chapters of an 实施方案 with the
    plan's numbers, the design tables and maps placed, placeholders where the plan cannot know, and the
    list of what is missing (a step not run, a map not given, a table the builder could not make)."""
    return _Writer(inputs).build()
