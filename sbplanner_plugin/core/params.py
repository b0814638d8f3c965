"""Editable parameter tables (CSV) with validation that names file, line and column.

Every value the domain reference tags UNVERIFIED or PROPOSAL lives in one of these tables,
never in code; each row carries its ``source`` and ``confidence``. A user edits a copy in the
override folder (same file name); the copy replaces the bundled table as a whole.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Protocol, Union

from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, Msg, SbPlannerError, msg

CONFIDENCE = ("CONFIRMED", "PARTIAL", "UNVERIFIED", "DERIVED", "PROPOSAL")
CSLE_CLASSES = ("cropland", "paddy", "orchard", "forest", "shrub", "grass", "bare", "rock", "built", "water")


class ParamTableError(SbPlannerError):
    key = "param_table"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "Parameter table {file}, line {line}, column '{column}': {problem}")


# Problems of a parameter-table cell shared by the table readers (ParamTableError ``problem=msg(...)``).
NOT_A_NUMBER = QT_TRANSLATE_NOOP("SbPlannerErrors", "'{text}' is not a number")
NOT_ONE_OF = QT_TRANSLATE_NOOP("SbPlannerErrors", "'{text}' is not one of {choices}")
NOT_WHOLE = QT_TRANSLATE_NOOP("SbPlannerErrors", "'{text}' is not a whole number")
NOT_FINITE = QT_TRANSLATE_NOOP("SbPlannerErrors", "'{text}' is not finite")
OUT_OF_RANGE = QT_TRANSLATE_NOOP("SbPlannerErrors", "{text} is outside the allowed range {range}")
UNKNOWN_KEY = QT_TRANSLATE_NOOP("SbPlannerErrors", "unknown key '{key}' (it is not read: a misspelt name?)")
NO_ROW = QT_TRANSLATE_NOOP("SbPlannerErrors", "no row '{key}'")
# no trailing comma: pylupdate5 skips a QT_TRANSLATE_NOOP call that ends with one
UNUSUAL = QT_TRANSLATE_NOOP(
    "SbPlannerErrors",
    "Parameter table {file}, line {line}, column '{column}': {text} lies outside the usual range {range}{hint}; "
    "check it before using the results."
)  # fmt: skip
#: Likely causes a :class:`Num` may name with its warning (``hint=``).
HINT_PERCENT = QT_TRANSLATE_NOOP("SbPlannerErrors", " (a percentage: 73, not 0.73?)")
HINT_FRACTION = QT_TRANSLATE_NOOP("SbPlannerErrors", " (a fraction 0–1, not a percentage?)")


@dataclass(frozen=True)
class Num:
    """A number column of a parameter table (or one key's value of a key/value table, see :class:`ByKey`).

    A value outside ``lo`` … ``hi`` is impossible: a :class:`ParamTableError` naming the table, line, column,
    value and allowed range (``lo_open`` / ``hi_open`` exclude the bound itself). A value outside
    ``warn_lo`` … ``warn_hi`` is possible but implausible: a warning (:func:`table_notes`) naming the same and
    ``hint``, the likely cause. Every number column of the bundled tables has finite ``lo`` and ``hi`` (a test
    checks), so a 1e300 or a sign error never reaches a computation.

    ``optional``: an empty cell reads as None; ``integer``: a whole number (read as ``int``); ``words``: texts
    accepted as they are besides numbers (``tolerance`` in erosion_classes.csv); ``may_be_absent``: a table
    (a user's older copy) may lack the column altogether — every row then reads None.
    """

    lo: float
    hi: float
    lo_open: bool = False
    hi_open: bool = False
    warn_lo: float | None = None
    warn_hi: float | None = None
    optional: bool = False
    integer: bool = False
    words: tuple[str, ...] = ()
    hint: str = ""
    may_be_absent: bool = False

    def allows(self, value: float) -> bool:
        above = value > self.lo if self.lo_open else value >= self.lo
        below = value < self.hi if self.hi_open else value <= self.hi
        return above and below

    def plausible(self, value: float) -> bool:
        return (self.warn_lo is None or value >= self.warn_lo) and (self.warn_hi is None or value <= self.warn_hi)

    def range_text(self, name: str = "x") -> str:
        """``0 < name ≤ 1`` (symbols and numbers only: the same in every language)."""
        left = f"{self.lo:g} {'<' if self.lo_open else '≤'} " if math.isfinite(self.lo) else ""
        right = f" {'<' if self.hi_open else '≤'} {self.hi:g}" if math.isfinite(self.hi) else ""
        return f"{left}{name}{right}"

    def usual_text(self, name: str = "x") -> str:
        lo = "" if self.warn_lo is None else f"{self.warn_lo:g} ≤ "
        hi = "" if self.warn_hi is None else f" ≤ {self.warn_hi:g}"
        return f"{lo}{name}{hi}"


#: Common column kinds.
FRACTION = Num(0.0, 1.0)
PERCENT = Num(0.0, 100.0)
Kind = Union[str, tuple, Num]


@dataclass(frozen=True)
class ByKey:
    """The value column of a key/value table (dam_params.csv, gully_works.csv …): each key's own kind.

    ``keys``: key → kind (a :class:`Num`, "str", "opt" or a tuple of choices); a key not listed takes the kind
    of its longest prefix in ``prefixes`` (``dam_height_m_`` → every dam type and material), else ``other``;
    with ``other`` None an unknown key is read as text with a warning (a misspelt key would silently not be
    used). ``required``: keys the table must have (``no row '…'`` otherwise). ``key_column`` names the column
    that holds the keys (it must come before the value column in the schema)."""

    keys: Mapping[str, Kind]
    prefixes: Mapping[str, Kind] = field(default_factory=dict)
    other: Kind | None = None
    required: tuple[str, ...] = ()
    key_column: str = "key"

    def kind_of(self, key: str) -> Kind | None:
        if key in self.keys:
            return self.keys[key]
        matches = [p for p in self.prefixes if key.startswith(p)]
        if matches:
            return self.prefixes[max(matches, key=len)]
        return self.other


_NOTES: ContextVar[list | None] = ContextVar("sbplanner_table_notes", default=None)


@contextmanager
def table_notes() -> Iterator[list[Msg]]:
    """Collect the warnings of the tables read inside the ``with`` block (values outside their usual
    range, unknown keys): ``with table_notes() as notes: …`` — the Processing layer pushes each once
    (``processing.base.SbAlgorithm``). Outside such a block the warnings are dropped."""
    notes: list[Msg] = []
    token = _NOTES.set(notes)
    try:
        yield notes
    finally:
        _NOTES.reset(token)


def note(message: Msg) -> None:
    """Add a warning to the current :func:`table_notes` collection (once)."""
    notes = _NOTES.get()
    if notes is not None and message not in notes:
        notes.append(message)


#: Column kinds: "str" (non-empty), "opt" (may be empty), a tuple of choices, a :class:`Num` (a number with
#: its allowed and usual range) or a :class:`ByKey` (the value column of a key/value table). Every table
#: under resources/params has its schema here or beside its reader (``core.param_schemas`` lists them all).
SLOPE_DEG = Num(0.0, 90.0)
#: Allowable soil loss: > 0 (a negative or zero tolerance makes all land eroded); SL 190-2007 gives 200–1000.
TOLERANCE = Num(0.0, 10000.0, lo_open=True, warn_lo=100.0, warn_hi=1000.0)
SCHEMAS: dict[str, dict[str, Kind]] = {
    "tolerance_regions.csv": {
        "region_id": Num(0, 99, integer=True),
        "name_zh": "str",
        "name_en": "str",
        "tolerance_t_km2_a": TOLERANCE,
    },
    "erosion_classes.csv": {
        "class_id": Num(0, 5, integer=True),
        "name_zh": "str",
        "name_en": "str",
        "lower_t_km2_a": Num(0.0, 1e6, words=("tolerance",)),
    },
    "slope_systems.csv": {
        "system_id": Num(0, 99, integer=True),
        "system_name": "str",
        "closed": ("lower", "upper"),
        "class_index": Num(1, 50, integer=True),
        "label": "str",
        "lower_deg": SLOPE_DEG,
        "upper_deg": SLOPE_DEG,
    },
    "landuse_gbt21010.csv": {
        "code": "str",
        "name_zh": "str",
        "name_en": "str",
        "group": "str",
        "group_name_zh": "str",
        "csle_class": CSLE_CLASSES,
    },
    "b_factor.csv": {
        "csle_class": CSLE_CLASSES,
        "method": ("constant", "slr_forest", "slr_grass"),
        "default_fvc": Num(0.0, 1.0, optional=True, hint=HINT_FRACTION),
        "default_gd": Num(0.0, 1.0, optional=True, hint=HINT_FRACTION),
        "constant_b": Num(0.0, 1.0, optional=True),
        "eroding": ("yes", "no"),
    },
    "slr_coefficients.csv": {"name": "str", "value": Num(-100.0, 100.0)},
    "e_factor.csv": {"measure_code": "str", "name_zh": "str", "name_en": "str", "e": FRACTION},
    "t_factor.csv": {"practice_code": "str", "name_zh": "str", "name_en": "str", "t": FRACTION},
    "defaults.csv": {"key": "str", "value": "str"},
    "forest_grass_cover.csv": {
        "csle_class": CSLE_CLASSES,
        "counts": ("yes", "no"),
        "measure": ("cover", "canopy", "none"),
        "min_value": Num(0.0, 1.0, optional=True, hint=HINT_FRACTION),
    },
    "t_zones.csv": {"zone_id": "str", "name_zh": "str", "name_en": "str", "t": FRACTION},
    "factor_plausibility.csv": {
        "factor": ("R", "K"),
        "region_id": Num(0, 99, optional=True, integer=True),
        "lower": Num(0.0, 1e6),
        "upper": Num(0.0, 1e6, lo_open=True),
        "unit": "str",
        "us_to_si": Num(0.0, 1000.0, lo_open=True),
        # beyond these a factor is impossible (an error, not a warning); empty: the factor's general row
        "allowed_lower": Num(0.0, 1e6, optional=True, may_be_absent=True),
        "allowed_upper": Num(0.0, 1e7, lo_open=True, optional=True, may_be_absent=True),
    },
}


def parse_table(name: str, text: str, schema: dict[str, str | tuple[str, ...]], provenance: bool = True) -> list[dict]:
    """Validate one CSV table given as text (``name`` for messages); numbers are converted.

    Raises :class:`ParamTableError` naming file, line and column. Opening files is the adapters'
    job (``adapters.param_files``): the core parses what it is handed."""
    return [row for _line, row in parse_table_lines(name, text, schema, provenance)]


def parse_table_lines(
    name: str, text: str, schema: dict[str, str | tuple[str, ...]], provenance: bool = True
) -> list[tuple[int, dict]]:
    """:func:`parse_table` with each row's line number, for checks across rows that must name a line."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    header = reader.fieldnames or []
    required = list(schema) + (["source", "confidence"] if provenance else [])
    for col in required:
        kind = schema.get(col)
        if col not in header and not (isinstance(kind, Num) and kind.may_be_absent):
            raise ParamTableError(
                file=name, line=1, column=col, problem=QT_TRANSLATE_NOOP("SbPlannerErrors", "missing column")
            )
    rows = []
    for line, raw in enumerate(reader, start=2):
        if None in raw:  # csv puts surplus cells under the key None
            raise ParamTableError(
                file=name,
                line=line,
                column=header[-1],
                problem=QT_TRANSLATE_NOOP("SbPlannerErrors", "more cells than columns (quote commas)"),
            )
        if not any((v or "").strip() for v in raw.values() if isinstance(v, str)):
            continue  # blank line
        rows.append((line, _convert_row(name, line, raw, schema, provenance)))
    for kind in schema.values():
        if isinstance(kind, ByKey):
            present = {row[kind.key_column] for _line, row in rows}
            for key in kind.required:
                if key not in present:
                    raise ParamTableError(file=name, line=0, column=kind.key_column, problem=msg(NO_ROW, key=key))
    return rows


class TableReader(Protocol):
    """Where parameter tables come from (``adapters.param_files.ParamFiles`` reads the bundled folder
    and the user's override folder)."""

    def text(self, name: str) -> str:
        """The table's CSV text; raises :class:`ParamTableError` when it cannot be read."""

    def describe(self, name: str) -> str:
        """What the table was read from, for the log and the plan (path and hash)."""


def _convert_row(name: str, line: int, raw: dict, schema: dict, provenance: bool) -> dict:
    row: dict = {}
    for col, kind in schema.items():
        text = (raw.get(col) or "").strip()
        if isinstance(kind, ByKey):
            key = str(row.get(kind.key_column, ""))
            found = kind.kind_of(key)
            if found is None:
                note(msg(UNUSUAL_KEY, file=name, line=line, column=kind.key_column, problem=msg(UNKNOWN_KEY, key=key)))
                row[col] = text
                continue
            row[col] = convert_cell(name, line, col, text, found, key)
            continue
        row[col] = convert_cell(name, line, col, text, kind)
    if provenance:
        if not (raw.get("source") or "").strip():
            raise ParamTableError(
                file=name, line=line, column="source", problem=QT_TRANSLATE_NOOP("SbPlannerErrors", "empty value")
            )
        conf = (raw.get("confidence") or "").strip()
        if conf not in CONFIDENCE:
            raise ParamTableError(
                file=name,
                line=line,
                column="confidence",
                problem=msg(NOT_ONE_OF, text=conf, choices=", ".join(CONFIDENCE)),
            )
        row["source"], row["confidence"] = raw["source"].strip(), conf
    return row


#: A warning about a row of a table that is not a value (an unknown key).
UNUSUAL_KEY = QT_TRANSLATE_NOOP("SbPlannerErrors", "Parameter table {file}, line {line}, column '{column}': {problem}")


def convert_cell(name: str, line: int, column: str, text: str, kind: Kind, key: str = ""):
    """One cell's text checked against its kind (see :data:`SCHEMAS`): the converted value, a
    :class:`ParamTableError` naming table, line, column, value and allowed range, or — for a :class:`Num`
    value outside its usual range — the value with a warning (:func:`note`). ``key`` names the row of a
    key/value table in the messages."""
    if isinstance(kind, tuple):
        if text not in kind:
            raise ParamTableError(
                file=name, line=line, column=column, problem=msg(NOT_ONE_OF, text=text, choices=", ".join(kind))
            )
        return text
    if kind in ("str", "opt"):
        if kind == "str" and not text:
            raise ParamTableError(
                file=name, line=line, column=column, problem=QT_TRANSLATE_NOOP("SbPlannerErrors", "empty value")
            )
        return text
    if isinstance(kind, Num):
        return _number_cell(name, line, column, text, kind, key)
    if kind in ("float", "optfloat", "int"):  # unbounded kinds: only for tables outside resources/params
        if not text and kind == "optfloat":
            return None
        try:
            value = int(text) if kind == "int" else float(text)
        except ValueError:
            raise ParamTableError(file=name, line=line, column=column, problem=msg(NOT_A_NUMBER, text=text)) from None
        if isinstance(value, float) and not math.isfinite(value):
            raise ParamTableError(file=name, line=line, column=column, problem=msg(NOT_FINITE, text=text))
        return value
    raise ValueError(f"unknown column kind {kind!r}")


def _number_cell(name: str, line: int, column: str, text: str, kind: Num, key: str):
    if not text and kind.optional:
        return None
    if text in kind.words:
        return text
    try:
        value = float(text)
    except ValueError:
        raise ParamTableError(file=name, line=line, column=column, problem=msg(NOT_A_NUMBER, text=text)) from None
    if not math.isfinite(value):
        raise ParamTableError(file=name, line=line, column=column, problem=msg(NOT_FINITE, text=text))
    label = key or column
    if not kind.allows(value):
        raise ParamTableError(
            file=name, line=line, column=column, problem=msg(OUT_OF_RANGE, text=text, range=kind.range_text(label))
        )
    if kind.integer:
        if not value.is_integer():
            raise ParamTableError(file=name, line=line, column=column, problem=msg(NOT_WHOLE, text=text))
        value = int(value)
    if not kind.plausible(value):
        hint = msg(kind.hint) if kind.hint else ""
        note(msg(UNUSUAL, file=name, line=line, column=column, text=text, range=kind.usual_text(label), hint=hint))
    return value


@dataclass(frozen=True)
class SlopeSystem:
    """A slope-class system: labels and inner breaks (degrees), with its boundary convention."""

    system_id: int
    name: str
    labels: tuple[str, ...]
    breaks: tuple[float, ...]  # inner boundaries, ascending
    upper_closed: bool  # True: (a, b] as 三调 GDPDJB; False: [a, b) as SL 190 / SL/T 447


@dataclass(frozen=True)
class LanduseClass:
    code: str
    name_zh: str
    name_en: str
    group: str
    group_name_zh: str
    csle_class: str


@dataclass
class ParamSet:
    """All parameter tables of one run, with where each came from."""

    tolerance: dict[int, tuple[str, str, float]]
    erosion_names: list[tuple[str, str]]  # (zh, en) by class id 0..5
    erosion_lower: list[float | None]  # None = the regional tolerance
    slope_systems: dict[int, SlopeSystem]
    landuse: dict[str, LanduseClass]
    b_rules: dict[str, dict]
    slr: dict[str, float]
    e_factor: dict[str, float]
    t_factor: dict[str, float]
    defaults: dict[str, str]
    files: dict[str, str] = field(default_factory=dict)  # file name → "path (sha1)"
    #: 林草覆盖率 rule per CSLE class (forest_grass_cover.csv): counts, measure, min_value
    forest_grass: dict[str, dict] = field(default_factory=dict)
    #: cropland T by 轮作制度分区 (t_zones.csv): zone id → row (name_zh, name_en, t, source, confidence)
    t_zones: dict[str, dict] = field(default_factory=dict)
    #: plausible range of R and K (factor_plausibility.csv): "R"/"K" → row (lower, upper, unit, us_to_si …)
    #: of the rows without a region_id; (factor, region id) → the row of that erosion region
    plausibility: dict[str, dict] = field(default_factory=dict)
    plausibility_regional: dict[tuple[str, int], dict] = field(default_factory=dict)
    #: the rows of t_factor.csv (practice code → row with source and confidence), for the provenance
    t_practices: dict[str, dict] = field(default_factory=dict)

    def tolerance_upper(self) -> float:
        """An allowable soil loss must lie below this (the 中度 lower bound, 2500 t/(km²·a))."""
        return tolerance_upper(self.erosion_lower)

    def erosion_breaks(self, tolerance: float) -> list[float]:
        """Lower bounds of classes 1..5 (t/(km²·a)) for the given tolerance."""
        return [tolerance if v is None else v for v in self.erosion_lower[1:]]


def load_params(tables: TableReader) -> ParamSet:
    """Load and check every table of the parameter set from ``tables``."""
    files: dict[str, str] = {}

    def table(name: str) -> list[dict]:
        text = tables.text(name)
        files[name] = tables.describe(name)
        return parse_table(name, text, SCHEMAS[name])

    tol = {r["region_id"]: (r["name_zh"], r["name_en"], r["tolerance_t_km2_a"]) for r in table("tolerance_regions.csv")}
    ero = sorted(table("erosion_classes.csv"), key=lambda r: r["class_id"])
    if [r["class_id"] for r in ero] != list(range(6)):
        raise ParamTableError(
            file="erosion_classes.csv",
            line=0,
            column="class_id",
            problem=QT_TRANSLATE_NOOP("SbPlannerErrors", "need classes 0 to 5"),
        )
    lower: list[float | None] = [None if r["lower_t_km2_a"] == "tolerance" else r["lower_t_km2_a"] for r in ero]
    _check_erosion_lower(lower, tol)
    systems: dict[int, list[dict]] = {}
    for r in table("slope_systems.csv"):
        systems.setdefault(r["system_id"], []).append(r)
    slope_systems = {}
    for sid, rows in systems.items():
        rows.sort(key=lambda r: r["class_index"])
        for a, b in zip(rows, rows[1:]):
            if abs(a["upper_deg"] - b["lower_deg"]) > 1e-9:
                raise ParamTableError(
                    file="slope_systems.csv",
                    line=0,
                    column="lower_deg",
                    problem=msg(
                        QT_TRANSLATE_NOOP(
                            "SbPlannerErrors", "system {system}: class {cls} does not start where class {previous} ends"
                        ),
                        system=sid,
                        cls=b["class_index"],
                        previous=a["class_index"],
                    ),
                )
        slope_systems[sid] = SlopeSystem(
            sid,
            rows[0]["system_name"],
            tuple(r["label"] for r in rows),
            tuple(r["lower_deg"] for r in rows[1:]),
            rows[0]["closed"] == "upper",
        )
    landuse = {
        r["code"]: LanduseClass(r["code"], r["name_zh"], r["name_en"], r["group"], r["group_name_zh"], r["csle_class"])
        for r in table("landuse_gbt21010.csv")
    }
    b_rules = {r["csle_class"]: r for r in table("b_factor.csv")}
    missing = [c for c in CSLE_CLASSES if c not in b_rules]
    if missing:
        raise ParamTableError(
            file="b_factor.csv",
            line=0,
            column="csle_class",
            problem=msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "no row for {classes}"), classes=", ".join(missing)),
        )
    practices = table("t_factor.csv")
    plausible = table("factor_plausibility.csv")
    return ParamSet(
        tolerance=tol,
        erosion_names=[(r["name_zh"], r["name_en"]) for r in ero],
        erosion_lower=lower,
        slope_systems=slope_systems,
        landuse=landuse,
        b_rules=b_rules,
        slr={r["name"]: r["value"] for r in table("slr_coefficients.csv")},
        e_factor={r["measure_code"]: r["e"] for r in table("e_factor.csv")},
        t_factor={r["practice_code"]: r["t"] for r in practices},
        defaults={r["key"]: r["value"] for r in table("defaults.csv")},
        files=files,
        forest_grass={r["csle_class"]: r for r in table("forest_grass_cover.csv")},
        t_zones={r["zone_id"]: r for r in table("t_zones.csv")},
        plausibility={r["factor"]: r for r in plausible if r["region_id"] is None},
        plausibility_regional={(r["factor"], r["region_id"]): r for r in plausible if r["region_id"] is not None},
        t_practices={r["practice_code"]: r for r in practices},
    )


ASCENDING = QT_TRANSLATE_NOOP(
    "SbPlannerErrors", "the lower bound of class {cls} ({value:g}) is not above that of class {previous} ({lower:g})"
)  # fmt: skip
TOLERANCE_TOO_HIGH = QT_TRANSLATE_NOOP(
    "SbPlannerErrors",
    "the allowable soil loss {value:g} of region {region} is not below {upper:g}, the lower bound of the next "
    "erosion class (erosion_classes.csv)"
)  # fmt: skip


def _check_erosion_lower(lower: list[float | None], tolerance: Mapping[int, tuple]) -> None:
    """The class bounds of erosion_classes.csv rise with the class (``tolerance`` = a region's allowable soil
    loss, which must itself lie below the next numeric bound): a misordered table would class every parcel
    wrongly (``searchsorted`` needs ascending bounds)."""
    previous, cls_previous = -math.inf, 0
    for cls, value in enumerate(lower):
        if value is None:
            continue
        if value <= previous and cls > 0:
            raise ParamTableError(
                file="erosion_classes.csv",
                line=0,
                column="lower_t_km2_a",
                problem=msg(ASCENDING, cls=cls, value=value, previous=cls_previous, lower=previous),
            )
        previous, cls_previous = value, cls
    upper = tolerance_upper(lower)
    for region, (_zh, _en, value) in tolerance.items():
        if value >= upper:
            raise ParamTableError(
                file="tolerance_regions.csv",
                line=0,
                column="tolerance_t_km2_a",
                problem=msg(TOLERANCE_TOO_HIGH, value=value, region=region, upper=upper),
            )


def tolerance_upper(lower: list[float | None]) -> float:
    """The numeric lower bound of the class after the ``tolerance`` class (2500 t/(km²·a) in SL 190-2007): an
    allowable soil loss must lie below it (infinite when no class follows)."""
    if None not in lower:
        return math.inf
    after = [v for v in lower[lower.index(None) + 1 :] if v is not None]
    return after[0] if after else math.inf


def custom_slope_system(breaks: list[float]) -> SlopeSystem:
    """A user's slope system from inner breaks (degrees, ascending, 0 < b < 90)."""
    from sbplanner_plugin.core.errors import InvalidParameterError

    if not breaks or any(not 0 < b < 90 for b in breaks) or list(breaks) != sorted(set(breaks)):
        raise InvalidParameterError(
            name="CUSTOM_SLOPE_BREAKS",
            value=",".join(map(str, breaks)),
            reason=QT_TRANSLATE_NOOP("SbPlannerErrors", "ascending degrees between 0 and 90"),
        )
    edges = [0.0, *breaks, 90.0]
    labels = tuple(f"{a:g}–{b:g}°" for a, b in zip(edges, edges[1:]))
    return SlopeSystem(4, "custom", labels, tuple(float(b) for b in breaks), False)
