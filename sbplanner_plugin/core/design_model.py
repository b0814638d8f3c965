"""The design-table model (:class:`DesignTable`) and what the table builders share.

A :class:`DesignTable` is one table laid out as the standard prints it: a title, a unit line, header rows
with merged cells, body rows (per small watershed or 行政村, with subtotal and total rows) and the decimals of
each column (the standard's precision rules, domain reference §1.3). The workbook writer
(:mod:`sbplanner_plugin.adapters.xlsx_export`) and the Word report (:mod:`sbplanner_plugin.adapters.docx_export`)
both render these objects, so the two deliverables always carry the same numbers.

The builders (:mod:`.design_status`, :mod:`.design_works`, :mod:`.design_economy`, run by
:func:`sbplanner_plugin.core.design_tables.build_design_tables`) describe a table by its column tree
(:class:`Col`: a leaf is one column, a group spans its children — the multi-row merged header follows) and
fill it row by row through a :class:`Sheet`, which rounds every value to its column's decimals. Totals are
the sums of the rounded rows (what the reader adds up); ratios are recomputed from the sums of the unrounded
values (:meth:`Sheet.raw_sum`: the whole area's own ratio, not one of rounded parts).

Precision (SL/T 447-2026 Appendix D as transcribed, domain reference §1.3): areas, lengths, ratios and
investment 2 decimals; counts (座, 处, 株, 个, 人) integers; D.0.21 2 decimals.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, Msg, msg

#: Body row kinds: a data row, a subtotal row (e.g. per small watershed), the total row (合计).
DATA, SUBTOTAL, TOTAL = "data", "subtotal", "total"
#: Languages of a table: Chinese (the standard's own headers) and English.
ZH, EN = "zh", "en"
LANGUAGES = (ZH, EN)
#: The small-watershed code of the whole-area rows of the plan's tables (core.summaries.ALL).
ALL = "ALL"
#: What a table's rows are.
BY_WATERSHED, BY_VILLAGE, BY_PARCEL, BY_PROJECT = "watershed", "village", "parcel", "project"

#: A text in both languages: (Chinese, English).
Text = tuple[str, str]


@dataclass(frozen=True)
class Merge:
    """A merged block of header cells, 0-based and inclusive (``first_row``..``last_row`` of
    :attr:`DesignTable.header`)."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int


@dataclass
class DesignTable:
    """One design table, in one language (the builder chooses zh or en)."""

    key: str  # the standard's number, e.g. "D.0.5" (D.0.5-village: the same per 行政村); selects the table
    title: str  # e.g. "D.0.5 水土流失现状表"
    header: list[list[str]]  # header rows, each as wide as the table; "" in cells covered by a merge
    rows: list[list[object]]  # body values: str, int, float or None (empty cell)
    row_kinds: list[str] = field(default_factory=list)  # DATA / SUBTOTAL / TOTAL per body row
    decimals: list[int | None] = field(default_factory=list)  # per column; None = text column
    merges: list[Merge] = field(default_factory=list)
    unit: str = ""  # the unit line under the title, e.g. "单位：hm²"
    notes: list[str] = field(default_factory=list)  # 注 lines under the table
    sheet: str = ""  # the workbook sheet's name (≤ 31 characters); "" = the key
    rows_are: str = BY_WATERSHED  # BY_WATERSHED / BY_VILLAGE / BY_PARCEL / BY_PROJECT
    source: str = ""  # the plan layers the numbers come from (cover sheet, report)

    @property
    def width(self) -> int:
        return max([len(r) for r in self.header] + [len(r) for r in self.rows] + [0])


def pick(language: str, text: Text) -> str:
    """The Chinese or English half of ``text``."""
    return text[1] if language == EN else text[0]


# -- numbers --------------------------------------------------------------------------------------
def rounded(value: object, decimals: int | None) -> object:
    """``value`` rounded half up to ``decimals`` (an int for 0 decimals); None for NULL, NaN and ±inf; text
    and ``decimals`` None unchanged. Half up as a reader rounds (2.345 → 2.35), not Python's half-even."""
    if value is None or decimals is None or isinstance(value, str):
        return value
    try:
        number = Decimal(repr(float(value)))
    except (TypeError, ValueError, InvalidOperation):
        return None
    if not number.is_finite():
        return None
    out = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return int(out) if decimals == 0 else float(out)


def _finite(value: object) -> float | None:
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return v if v == v and v not in (float("inf"), float("-inf")) else None


def ratio_pct(part: object, whole: object, factor: float = 100.0) -> float | None:
    """``part`` / ``whole`` × ``factor`` (None when either is missing or ``whole`` is 0)."""
    if part is None or whole is None or not whole:
        return None
    return float(part) / float(whole) * factor


# -- columns and header ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Col:
    """A column (``key`` set: a leaf) or a column group (``children``) of a table's header."""

    label: Text
    key: str | None = None
    decimals: int | None = None  # None: a text column
    unit: str = ""
    children: tuple[Col, ...] = ()

    def leaves(self) -> list[Col]:
        return [self] if not self.children else [leaf for c in self.children for leaf in c.leaves()]

    def depth(self) -> int:
        return 1 + max((c.depth() for c in self.children), default=0)


def col(zh: str, en: str, key: str, decimals: int | None = None, unit: str = "") -> Col:
    """A leaf column: its label, row key, decimals (None: text) and unit (printed with the label)."""
    return Col((zh, en), key, decimals, unit)


def group(zh: str, en: str, *children: Col) -> Col:
    """A header group spanning ``children``."""
    return Col((zh, en), children=tuple(children))


def label_text(column: Col, language: str) -> str:
    """A header label with its unit: 面积/hm², 沟壑密度/(km/km²), 侵蚀模数/[t/(km²·a)] (the standard's
    quantity/unit form), Area (hm²) in English."""
    text = pick(language, column.label)
    if not column.unit:
        return text
    if language == EN:
        return f"{text} ({column.unit})"
    unit = column.unit
    if "/" in unit:  # a compound unit is bracketed (GB 3101 quantity/unit form): 沟壑密度/(km/km²)
        unit = f"[{unit}]" if "(" in unit else f"({unit})"
    return f"{text}/{unit}"


def layout_header(columns: Sequence[Col], language: str) -> tuple[list[list[str]], list[Merge], list[Col]]:
    """(header rows, merges, leaf columns) of a column tree: a group's label spans its leaves on its row, a
    leaf above the last header row spans down to it."""
    height = max((c.depth() for c in columns), default=1)
    leaves = [leaf for c in columns for leaf in c.leaves()]
    header = [[""] * len(leaves) for _ in range(height)]
    merges: list[Merge] = []

    def place(column: Col, row: int, first: int) -> int:
        header[row][first] = label_text(column, language)
        if not column.children:
            if row < height - 1:
                merges.append(Merge(row, first, height - 1, first))
            return 1
        width = 0
        for child in column.children:
            width += place(child, row + 1, first + width)
        if width > 1:
            merges.append(Merge(row, first, row, first + width - 1))
        return width

    start = 0
    for column in columns:
        start += place(column, 0, start)
    return header, merges, leaves


class Sheet:
    """The rows of one table under construction: every value rounded to its column's decimals."""

    def __init__(self, columns: Sequence[Col], language: str) -> None:
        self.columns = list(columns)
        self.language = language
        self.header, self.merges, self.leaves = layout_header(self.columns, language)
        self.decimals = {leaf.key: leaf.decimals for leaf in self.leaves}
        self.rows: list[dict] = []
        self.raw: list[dict] = []  # the rows as given (unrounded), for ratios of the totals
        self.kinds: list[str] = []

    def t(self, zh: str, en: str) -> str:
        return pick(self.language, (zh, en))

    def add(self, values: Mapping[str, object], kind: str = DATA) -> dict:
        """Append a row (missing keys are empty cells); returns it rounded."""
        row = {key: rounded(values.get(key), decimals) for key, decimals in self.decimals.items()}
        self.rows.append(row)
        self.raw.append(dict(values))
        self.kinds.append(kind)
        return row

    def raw_sum(self, key: str) -> float | None:
        """Σ of the unrounded values of ``key`` over the data rows (None when all are empty): the base of a
        total row's ratios, so a total ratio is the whole area's own (not one of rounded parts)."""
        values = [_finite(r.get(key)) for r, k in zip(self.raw, self.kinds) if k == DATA]
        values = [v for v in values if v is not None]
        return sum(values) if values else None

    def summed(self, rows: Iterable[Mapping[str, object]], keys: Iterable[str]) -> dict:
        """The column sums of ``rows`` (already rounded) for ``keys``, rounded again; None where every row is
        empty."""
        rows = list(rows)
        out = {}
        for key in keys:
            values = [r.get(key) for r in rows if isinstance(r.get(key), (int, float))]
            out[key] = rounded(sum(values), self.decimals.get(key)) if values else None
        return out

    def number_keys(self) -> list[str]:
        return [leaf.key for leaf in self.leaves if leaf.decimals is not None]

    @property
    def data_rows(self) -> list[dict]:
        return [r for r, k in zip(self.rows, self.kinds) if k == DATA]

    def table(self, key: str, title: Text, unit: Text | None = None, notes: Iterable[Text] = (),
              sheet: Text | None = None, rows_are: str = BY_WATERSHED, source: str = "") -> DesignTable:  # fmt: skip
        """The finished :class:`DesignTable`."""
        lang = self.language
        return DesignTable(
            key=key,
            title=pick(lang, title),
            header=[list(r) for r in self.header],
            rows=[[row.get(leaf.key) for leaf in self.leaves] for row in self.rows],
            row_kinds=list(self.kinds),
            decimals=[leaf.decimals for leaf in self.leaves],
            merges=list(self.merges),
            unit=pick(lang, unit) if unit else "",
            notes=[pick(lang, n) for n in notes],
            sheet=pick(lang, sheet) if sheet else "",
            rows_are=rows_are,
            source=source,
        )


# -- why a table is missing --------------------------------------------------------------------------
class TableMissingError(Exception):
    """Raised by a builder: its table cannot be made from this plan; ``reason`` says why (a :class:`Msg`)."""

    def __init__(self, reason: Msg) -> None:
        super().__init__(str(reason))
        self.reason = reason


NO_LAYER = QT_TRANSLATE_NOOP("SbPlannerErrors", "the plan has no {layer} for scenario {scenario} (run {step})")
EMPTY_LAYER = QT_TRANSLATE_NOOP("SbPlannerErrors", "{layer} of scenario {scenario} holds no row (run {step})")
NO_SHARED_LAYER = QT_TRANSLATE_NOOP("SbPlannerErrors", "the plan has no {layer} (run {step})")
NO_SLOPING_CROPLAND = QT_TRANSLATE_NOOP("SbPlannerErrors", "the parcels hold no sloping cropland (旱地, 水浇地)")
NO_TERRACES = QT_TRANSLATE_NOOP("SbPlannerErrors", "the layout of scenario {scenario} terraces no parcel")
NO_PLANTING = QT_TRANSLATE_NOOP(
    "SbPlannerErrors", "the measure quantities of scenario {scenario} hold no planting, seeding or site preparation"
)
NOT_ANALYSED = QT_TRANSLATE_NOOP("SbPlannerErrors", "the parcels lack the field {field} (run {step})")
NO_PARAMS = QT_TRANSLATE_NOOP("SbPlannerErrors", "the parameter tables (land-use classes) could not be read")
NO_ITEM_VILLAGES = QT_TRANSLATE_NOOP(
    "SbPlannerErrors", "the quantity items carry no village (run step 4 with the village field)"
)
MISSING_LINE = QT_TRANSLATE_NOOP("SbPlannerErrors", "{table}: {reason}")
#: The steps that write the layers (nested in the reasons above: translated as a whole).
STEP_ANALYSE = QT_TRANSLATE_NOOP("SbPlannerErrors", "step 2, Analyse parcels")
STEP_SUMMARISE = QT_TRANSLATE_NOOP("SbPlannerErrors", "step 2, Summarise small watersheds")
STEP_MEASURES = QT_TRANSLATE_NOOP("SbPlannerErrors", "step 3, Assign measures")
STEP_TERRACES = QT_TRANSLATE_NOOP("SbPlannerErrors", "step 4, Terrace quantities")
STEP_QUANTITIES = QT_TRANSLATE_NOOP("SbPlannerErrors", "step 4, Measure quantities")
STEP_INVESTMENT = QT_TRANSLATE_NOOP("SbPlannerErrors", "step 4, Estimate investment")
STEP_RANKING = QT_TRANSLATE_NOOP("SbPlannerErrors", "step 5, Urgency ranking")
STEP_BENEFITS = QT_TRANSLATE_NOOP("SbPlannerErrors", "step 5, Evaluate benefits")

#: The Chinese text of the reasons above, for the cover of a Chinese workbook (the interface translates the
#: English templates through Qt; a workbook's language is chosen by the user, independent of the interface).
REASONS_ZH = {
    NO_LAYER: "规划中方案 {scenario} 没有 {layer}（请先运行{step}）",
    EMPTY_LAYER: "方案 {scenario} 的 {layer} 没有记录（请先运行{step}）",
    NO_SHARED_LAYER: "规划中没有 {layer}（请先运行{step}）",
    NO_SLOPING_CROPLAND: "图斑中没有坡耕地（旱地、水浇地）",
    NO_TERRACES: "方案 {scenario} 的措施布局中没有梯田图斑",
    NO_PLANTING: "方案 {scenario} 的措施工程量中没有栽植、播种或整地",
    NOT_ANALYSED: "图斑缺少字段 {field}（请先运行{step}）",
    NO_PARAMS: "无法读取参数表（地类表）",
    NO_ITEM_VILLAGES: "工程量条目没有行政村（请在第 4 步指定行政村字段后重新运行）",
    MISSING_LINE: "{table}：{reason}",
    STEP_ANALYSE: "第 2 步 图斑分析",
    STEP_SUMMARISE: "第 2 步 小流域汇总",
    STEP_MEASURES: "第 3 步 措施配置",
    STEP_TERRACES: "第 4 步 梯田工程量",
    STEP_QUANTITIES: "第 4 步 措施工程量",
    STEP_INVESTMENT: "第 4 步 投资估算",
    STEP_RANKING: "第 5 步 治理紧迫程度排序",
    STEP_BENEFITS: "第 5 步 效益计算",
}


def message_in(language: str, message: Msg) -> str:
    """A reason in the workbook's language: English as written, Chinese from :data:`REASONS_ZH` (nested
    :class:`Msg` params likewise; unknown templates stay English)."""
    if language != ZH:
        return str(message)
    params = {k: message_in(language, v) if isinstance(v, Msg) else v for k, v in message.params.items()}
    try:
        return REASONS_ZH.get(message.template, message.template).format(**params)
    except (KeyError, IndexError, ValueError):
        return str(message)


def step(template: str) -> Msg:
    """A step name as a nested, translated reason part."""
    return msg(template)


# -- the plan's frames, as the builders read them --------------------------------------------------------
@dataclass
class Context:
    """What every builder reads: the plan's frames by layer name, the language and the parameter tables."""

    layers: Mapping[str, object]  # plan layer name → pandas DataFrame (absent: not in the plan)
    language: str
    scenario: str
    params: object = None  # core.params.ParamSet (land-use names, slope systems, 林草 rules); None: not loaded
    catalogue: object = None  # core.measures.catalogue.Catalogue (names, D.0.15 columns); None: not loaded
    indicators: Sequence = ()  # core.ranking.Indicator rows of urgency_indicators.csv (names, units)
    cache: dict = field(default_factory=dict)

    def t(self, zh: str, en: str) -> str:
        return pick(self.language, (zh, en))

    def frame(self, layer: str, step_template: str, shared: bool = False, allow_empty: bool = False):
        """The plan's ``layer`` as a frame; :class:`TableMissingError` when the plan lacks it (or it is empty)."""
        frame = self.layers.get(layer)
        if frame is None:
            if shared:
                raise TableMissingError(msg(NO_SHARED_LAYER, layer=layer, step=step(step_template)))
            raise TableMissingError(msg(NO_LAYER, layer=layer, scenario=self.scenario, step=step(step_template)))
        if len(frame) == 0 and not allow_empty:
            raise TableMissingError(msg(EMPTY_LAYER, layer=layer, scenario=self.scenario, step=step(step_template)))
        return frame

    def measure_name(self, code: object) -> str:
        """A measure's name in the table's language (its code when the catalogue lacks it)."""
        text = str(code or "")
        measure = self.catalogue.get(text) if self.catalogue is not None and text else None
        if measure is None:
            return text
        return measure.name_en if self.language == EN else measure.name_zh

    def landuse_name(self, code: object, name_zh: object = None) -> str:
        """A land-use class name (GB/T 21010) in the table's language."""
        landuse = getattr(self.params, "landuse", None) or {}
        item = landuse.get(str(code)) if code is not None else None
        if item is None:
            return str(name_zh or code or "")
        return item.name_en if self.language == EN else item.name_zh


def ws_label(code: object, language: str) -> str:
    """The row label of a small-watershed code: the code; parcels in no small watershed ("—", None) are
    named as such."""
    text = "" if code is None else str(code)
    if text in ("", "—", "None"):
        return pick(language, ("小流域以外", "outside the small watersheds"))
    return text


def sort_codes(codes: Iterable[object]) -> list:
    """Unit codes in order, the whole-area row ALL dropped, "outside" ("—") last."""
    values = [c for c in dict.fromkeys(codes) if c != ALL]
    return sorted(values, key=lambda c: (c in (None, "—", ""), str(c)))
