"""Editable parameter tables (CSV) with validation that names file, line and column.

Every value the domain reference tags UNVERIFIED or PROPOSAL lives in one of these tables,
never in code; each row carries its ``source`` and ``confidence``. A user edits a copy in the
override folder (same file name); the copy replaces the bundled table as a whole.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from typing import Protocol

from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, SbPlannerError, msg

CONFIDENCE = ("CONFIRMED", "PARTIAL", "UNVERIFIED", "DERIVED", "PROPOSAL")
CSLE_CLASSES = ("cropland", "paddy", "orchard", "forest", "shrub", "grass", "bare", "rock", "built", "water")


class ParamTableError(SbPlannerError):
    key = "param_table"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "Parameter table {file}, line {line}, column '{column}': {problem}")


# Problems of a parameter-table cell shared by the table readers (ParamTableError ``problem=msg(...)``).
NOT_A_NUMBER = QT_TRANSLATE_NOOP("SbPlannerErrors", "'{text}' is not a number")
NOT_ONE_OF = QT_TRANSLATE_NOOP("SbPlannerErrors", "'{text}' is not one of {choices}")


#: Column kinds: str (non-empty), opt (may be empty), float, optfloat, int, choice.
SCHEMAS: dict[str, dict[str, str | tuple[str, ...]]] = {
    "tolerance_regions.csv": {"region_id": "int", "name_zh": "str", "name_en": "str", "tolerance_t_km2_a": "float"},
    "erosion_classes.csv": {"class_id": "int", "name_zh": "str", "name_en": "str", "lower_t_km2_a": "str"},
    "slope_systems.csv": {
        "system_id": "int",
        "system_name": "str",
        "closed": ("lower", "upper"),
        "class_index": "int",
        "label": "str",
        "lower_deg": "float",
        "upper_deg": "float",
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
        "default_fvc": "optfloat",
        "default_gd": "optfloat",
        "constant_b": "optfloat",
        "eroding": ("yes", "no"),
    },
    "slr_coefficients.csv": {"name": "str", "value": "float"},
    "e_factor.csv": {"measure_code": "str", "name_zh": "str", "name_en": "str", "e": "float"},
    "t_factor.csv": {"practice_code": "str", "name_zh": "str", "name_en": "str", "t": "float"},
    "defaults.csv": {"key": "str", "value": "str"},
    "forest_grass_cover.csv": {
        "csle_class": CSLE_CLASSES,
        "counts": ("yes", "no"),
        "measure": ("cover", "canopy", "none"),
        "min_value": "optfloat",
    },
    "t_zones.csv": {"zone_id": "str", "name_zh": "str", "name_en": "str", "t": "float"},
    "factor_plausibility.csv": {
        "factor": ("R", "K"),
        "region_id": "opt",
        "lower": "float",
        "upper": "float",
        "unit": "str",
        "us_to_si": "float",
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
        if col not in header:
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
        if isinstance(kind, tuple):
            if text not in kind:
                raise ParamTableError(
                    file=name, line=line, column=col, problem=msg(NOT_ONE_OF, text=text, choices=", ".join(kind))
                )
            row[col] = text
        elif kind in ("str", "opt"):
            if kind == "str" and not text:
                raise ParamTableError(
                    file=name, line=line, column=col, problem=QT_TRANSLATE_NOOP("SbPlannerErrors", "empty value")
                )
            row[col] = text
        elif kind in ("float", "optfloat", "int"):
            if not text and kind == "optfloat":
                row[col] = None
                continue
            try:
                value = int(text) if kind == "int" else float(text)
            except ValueError:
                raise ParamTableError(file=name, line=line, column=col, problem=msg(NOT_A_NUMBER, text=text)) from None
            if isinstance(value, float) and not math.isfinite(value):
                raise ParamTableError(
                    file=name,
                    line=line,
                    column=col,
                    problem=msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "'{text}' is not finite"), text=text),
                )
            row[col] = value
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
    lower: list[float | None] = []
    for i, r in enumerate(ero):
        text = str(r["lower_t_km2_a"])
        if text == "tolerance":
            lower.append(None)
        else:
            try:
                lower.append(float(text))
            except ValueError:
                raise ParamTableError(
                    file="erosion_classes.csv",
                    line=i + 2,
                    column="lower_t_km2_a",
                    problem=msg(
                        QT_TRANSLATE_NOOP("SbPlannerErrors", "'{text}' is neither a number nor 'tolerance'"), text=text
                    ),
                ) from None
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
        plausibility={r["factor"]: r for r in plausible if not r["region_id"]},
        plausibility_regional={(r["factor"], _region_id(r)): r for r in plausible if r["region_id"]},
        t_practices={r["practice_code"]: r for r in practices},
    )


def _region_id(row: dict) -> int:
    """The erosion-region id of a factor_plausibility.csv row (an integer)."""
    try:
        return int(row["region_id"])
    except ValueError:
        raise ParamTableError(
            file="factor_plausibility.csv", line=0, column="region_id", problem=msg(NOT_A_NUMBER, text=row["region_id"])
        ) from None


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
