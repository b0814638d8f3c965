"""The measure catalogue (措施库, ``measures.csv``): one validated :class:`Measure` per code.

Parsed from the table's text (the adapters open the file, ``adapters.param_files.load_catalogue``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sbplanner_plugin.core.definitions import split_list
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, msg
from sbplanner_plugin.core.measures.messages import MeasureTableError, table_rows
from sbplanner_plugin.core.params import Num

CATEGORIES = ("engineering", "vegetative", "tillage", "closure")
GEOMETRIES = ("polygon", "line", "point")
CSLE_FACTORS = ("E", "B", "T", "none")
#: SL/T 447-2026 D.0.15 measure columns (domain reference §1.3, third-party transcription [PARTIAL]).
SL447_COLUMNS = (
    "土坎梯田",
    "石坎梯田",
    "塘坝",
    "拦沙坝",
    "淤地坝",
    "蓄水池",
    "水窖",
    "谷坊",
    "沟头防护",
    "截排水沟",
    "乔木林",
    "灌木林",
    "经济林",
    "经济林栽培园和果园",
    "水土保持种草",
    "封育治理",
    "农业耕作",
)
TERRACE_COLUMNS = ("土坎梯田", "石坎梯田")
#: The factor tables ``csle_ref`` points into: factor → (file name, code column).
REFERENCE_TABLES = {
    "E": ("e_factor.csv", "measure_code"),
    "T": ("t_factor.csv", "practice_code"),
    "B": ("b_factor.csv", "csle_class"),
}

# no trailing comma: pylupdate5 skips a QT_TRANSLATE_NOOP call that ends with one
REF_AND_VALUE = QT_TRANSLATE_NOOP(
    "SbPlannerErrors",
    "give either csle_ref or csle_value, not both (the value of '{ref}' lives in its factor table)"
)  # fmt: skip


def prefix_match(code: str, include: tuple[str, ...], exclude: tuple[str, ...]) -> bool:
    """``code`` starts with one of ``include`` (any when empty) and with none of ``exclude``."""
    if include and not code.startswith(include):
        return False
    return not (exclude and code.startswith(exclude))


@dataclass(frozen=True)
class Measure:
    code: str
    name_zh: str
    name_en: str
    category: str
    geometry: str
    landuse_groups: tuple[str, ...]  # prefixes; ("*",) = any
    slope_min_deg: float
    slope_max_deg: float
    csle_factor: str
    csle_ref: str
    csle_value: float | None
    sl447_column: str
    design_params: dict
    source: str
    confidence: str

    @property
    def is_terrace(self) -> bool:
        return self.sl447_column in TERRACE_COLUMNS

    @property
    def keeps_cropping(self) -> bool:
        """A tillage measure, a terrace, or works whose E is a terrace's (梯田修复): the parcel stays cropland."""
        terrace_e = self.csle_factor == "E" and self.csle_ref.startswith("terrace_")
        return self.category == "tillage" or self.is_terrace or terrace_e

    def applies_to(self, landuse_code: str | None) -> bool:
        if "*" in self.landuse_groups:
            return True
        return bool(landuse_code) and prefix_match(str(landuse_code), self.landuse_groups, ())


class Catalogue(dict):
    """Measure code → :class:`Measure`, with the table it came from (``name``; ``path`` and ``sha1``
    are set by the adapter that read the file)."""

    name: str = ""
    path: str = ""
    sha1: str = ""

    def names_zh(self, codes: Iterable[str]) -> str:
        return " + ".join(self[c].name_zh for c in codes if c in self)


CATALOGUE_SCHEMA = {
    "code": "str",
    "name_zh": "str",
    "name_en": "str",
    "category": CATEGORIES,
    "geometry": GEOMETRIES,
    "landuse_groups": "str",
    "slope_min_deg": Num(0.0, 90.0),
    "slope_max_deg": Num(0.0, 90.0),
    "csle_factor": CSLE_FACTORS,
    "csle_ref": "opt",
    "csle_value": Num(0.0, 1.0, optional=True),  # an E, T or B value
    "sl447_column": "opt",
    "design_params": "opt",
}


# ------------------------------------------------------------------------------------------------
# design parameters: "key=value;key=value" (full-width ；too), the one parser of the catalogue and the editor


def format_design_params(values: Mapping) -> str:
    """``{"riser": "earth", "bench_width_m": 8.0}`` → ``"riser=earth;bench_width_m=8"`` (inverse of parsing)."""
    out = []
    for key, value in values.items():
        if value is None or str(value).strip() == "":
            continue
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        out.append(f"{key}={value}")
    return ";".join(out)


def parse_design_params(text: object, file: str = "measures.csv", line: int = 0, *, lenient: bool = False) -> dict:
    """``"riser=earth;bench_width_m=8"`` → ``{"riser": "earth", "bench_width_m": 8.0}``.

    Items are separated by ``;`` or the full-width ``；``. A catalogue cell (default) is strict — an item
    that is not ``key=value`` raises :class:`MeasureTableError` naming ``file`` and ``line`` — and numbers
    become floats. ``lenient`` reads a parcel's stored values for the editor: such items are skipped and
    every value stays the text the designer typed.
    """
    out: dict = {}
    for token in split_list(text):
        key, sep, value = token.partition("=")
        if not sep or not key.strip():
            if lenient:
                continue
            raise MeasureTableError(
                file=file,
                line=line,
                column="design_params",
                problem=msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "'{token}' is not key=value"), token=token),
            )
        key, value = key.strip(), value.strip()
        if lenient:
            out[key] = value
            continue
        try:
            out[key] = float(value)
        except ValueError:
            out[key] = value
    return out


# ------------------------------------------------------------------------------------------------
# the catalogue


def reference_codes(texts: Mapping[str, str]) -> dict[str, set[str]]:
    """The codes ``csle_ref`` may name, from the text of each factor table of :data:`REFERENCE_TABLES`
    (``{"E": <e_factor.csv text>, …}``)."""
    refs: dict[str, set[str]] = {}
    for factor, text in texts.items():
        column = REFERENCE_TABLES[factor][1]
        refs[factor] = {(r.get(column) or "").strip() for r in csv.DictReader(io.StringIO(text))}
    return refs


def parse_catalogue(name: str, text: str, references: Mapping[str, Iterable[str]] | None = None) -> Catalogue:
    """Read and validate the measure catalogue given as text (``name``: the file name for messages).

    ``references`` maps "E"/"T"/"B" to the codes of e_factor.csv / t_factor.csv / b_factor.csv that
    ``csle_ref`` may name (see :func:`reference_codes`); None skips that check.
    """
    refs = {k: set(v) for k, v in references.items()} if references is not None else None
    cat = Catalogue()
    for line, r in table_rows(name, text, CATALOGUE_SCHEMA):
        code = r["code"]
        if code in cat:
            raise MeasureTableError(
                file=name,
                line=line,
                column="code",
                problem=msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "duplicate code '{code}'"), code=code),
            )
        groups = tuple(split_list(r["landuse_groups"]))
        if not groups:
            raise MeasureTableError(
                file=name,
                line=line,
                column="landuse_groups",
                problem=QT_TRANSLATE_NOOP("SbPlannerErrors", "empty value"),
            )
        if not 0 <= r["slope_min_deg"] < r["slope_max_deg"] <= 90:
            raise MeasureTableError(
                file=name,
                line=line,
                column="slope_max_deg",
                problem=QT_TRANSLATE_NOOP("SbPlannerErrors", "need 0 ≤ slope_min_deg < slope_max_deg ≤ 90"),
            )
        factor, ref, value = r["csle_factor"], r["csle_ref"], r["csle_value"]
        if factor == "none" and (ref or value is not None):
            raise MeasureTableError(
                file=name,
                line=line,
                column="csle_ref",
                problem=QT_TRANSLATE_NOOP(
                    "SbPlannerErrors", "csle_factor is none: leave csle_ref and csle_value empty"
                ),
            )
        if ref and value is not None:
            raise MeasureTableError(
                file=name,
                line=line,
                column="csle_value",
                problem=msg(REF_AND_VALUE, ref=ref),
            )
        if factor in ("E", "T") and not ref and value is None:
            raise MeasureTableError(
                file=name,
                line=line,
                column="csle_ref",
                problem=msg(
                    QT_TRANSLATE_NOOP("SbPlannerErrors", "an {factor} measure needs csle_ref or csle_value"),
                    factor=factor,
                ),
            )
        if ref and refs is not None and factor in refs and ref not in refs[factor]:
            table = REFERENCE_TABLES[factor][0]
            raise MeasureTableError(
                file=name,
                line=line,
                column="csle_ref",
                problem=msg(
                    QT_TRANSLATE_NOOP("SbPlannerErrors", "'{ref}' is not a code of {table}"), ref=ref, table=table
                ),
            )
        if r["sl447_column"] and r["sl447_column"] not in SL447_COLUMNS:
            raise MeasureTableError(
                file=name,
                line=line,
                column="sl447_column",
                problem=msg(
                    QT_TRANSLATE_NOOP("SbPlannerErrors", "'{text}' is not a D.0.15 column ({columns}) nor empty"),
                    text=r["sl447_column"],
                    columns=", ".join(SL447_COLUMNS),
                ),
            )
        cat[code] = Measure(
            code=code,
            name_zh=r["name_zh"],
            name_en=r["name_en"],
            category=r["category"],
            geometry=r["geometry"],
            landuse_groups=groups,
            slope_min_deg=r["slope_min_deg"],
            slope_max_deg=r["slope_max_deg"],
            csle_factor=factor,
            csle_ref=ref,
            csle_value=value,
            sl447_column=r["sl447_column"],
            design_params=parse_design_params(r["design_params"], name, line),
            source=r["source"],
            confidence=r["confidence"],
        )
    if not cat:
        raise MeasureTableError(
            file=name, line=1, column="code", problem=QT_TRANSLATE_NOOP("SbPlannerErrors", "no measures")
        )
    cat.name = name
    return cat
