"""Measure catalogue and rule-based default assignment of measures to parcels (措施配置, step 3).

Pure Python/pandas: no QGIS, no Qt. Two editable CSV tables drive it:

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
  3 东北黑土区, 4 北方土石山区).

``measure_codes`` lists every measure of the parcel (the first one is the primary measure whose area is
reported); an empty cell means "no measure" and ``reason_zh`` says why. ``reason_zh`` is a template
with ``{landuse} {code} {slope:.1f} {erosion} {soil} {cover} {canopy} {gdlx} {measures}``.

Built in, before the CSV rules and not switchable off — 《中华人民共和国水土保持法》(2010):

* 第二十条: "禁止在二十五度以上陡坡地开垦种植农作物" [CONFIRMED, domain reference §5.1];
* the article on existing cropping on prohibited slopes — "已在禁止开垦的陡坡地上开垦种植农作物的，
  应当按照国家有关规定退耕，植树种草；耕地短缺、退耕确有困难的，应当修建梯田或者采取其他水土保持措施"
  [text CONFIRMED; its number 第三十七条 is UNVERIFIED, domain reference §5.1].

So cropland (GB/T 21010 group 01, except 0101 水田: bunded level fields) on ≥ 25° (Chinese legal
"以上" includes the number itself) is retired to forest and grass (退耕还林还草), unless the parcel is
flagged 退耕确有困难 — then terraces or other measures from the rules. A CSV rule that would keep such a
parcel cropped (a tillage measure, a terrace, or no measure) is overridden and reported by its rule_id;
a CSV rule that retires it to vegetation (e.g. 经济林 + 鱼鳞坑) is honoured. Terraced parcels (三调
GDLX = TT) never get another terrace: a rule that would terrace them is skipped for them.
"""

from __future__ import annotations

import csv
import hashlib
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, msg
from sbplanner_plugin.core.params import ParamTableError, parse_table_lines

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
#: SL 190-2007 water-erosion intensity classes (zh, en) — the names analyse_parcels writes.
EROSION_CLASSES = (
    ("微度", "slight"),
    ("轻度", "light"),
    ("中度", "moderate"),
    ("强烈", "intense"),
    ("极强烈", "very intense"),
    ("剧烈", "severe"),
)
REGION_IDS = (0, 1, 2, 3, 4)
#: 水土保持法 slope limit (degrees): "二十五度以上" (legal 以上 includes the number).
STEEP_CROPLAND_DEG = 25.0
CROPLAND_GROUP = "01"
PADDY_CODE = "0101"
LAW_RULE_ID = "SWC-LAW"
RETIRE_MEASURE = "retire_to_forest_grass"
RETIRE_COMPANION = "fish_scale_pit"
PROPOSED = "proposed"
UNKNOWN_ZH = "未知"

MSG_CONTEXT = "SbPlannerMeasures"

#: Message templates (English; translated by the GUI/Processing layer in context SbPlannerMeasures).
MESSAGES = {
    "unknown_measure": QT_TRANSLATE_NOOP("SbPlannerMeasures", "Unknown measure code '{measure}'."),
    "not_area_measure": QT_TRANSLATE_NOOP(
        "SbPlannerMeasures", "{measure} is a {geometry} work: place it on the map instead of assigning it to a parcel."
    ),
    "landuse_not_applicable": QT_TRANSLATE_NOOP(
        "SbPlannerMeasures", "{measure} does not apply to land use {landuse} (it applies to groups {groups})."
    ),
    "slope_outside_range": QT_TRANSLATE_NOOP(
        "SbPlannerMeasures", "Parcel slope {slope:.1f}° is outside the range of {measure} ({low:g}–{high:g}°)."
    ),
    "steep_cropland": QT_TRANSLATE_NOOP(
        "SbPlannerMeasures",
        "Cropland on {slope:.1f}° (≥ 25°) stays cropped: the Soil and Water Conservation Law (Art. 20) requires retiring it to forest and grass unless it is flagged 退耕确有困难."  # noqa: E501
    ),
    "terrace_on_terraced": QT_TRANSLATE_NOOP(
        "SbPlannerMeasures", "The parcel is already terraced (三调 GDLX = TT): {measure} would terrace it again."
    ),
    "law_override": QT_TRANSLATE_NOOP(
        "SbPlannerMeasures",
        "Rule {rule} would keep {count} cropland parcels on ≥ 25° cropped ({measures}); the Soil and Water Conservation Law rule retires them instead."  # noqa: E501
    ),
    "tt_terrace_skipped": QT_TRANSLATE_NOOP(
        "SbPlannerMeasures",
        "Rule {rule} would terrace {count} parcels that are already terraced (GDLX = TT); it was skipped for them."
    ),
    "steep_paddy": QT_TRANSLATE_NOOP(
        "SbPlannerMeasures",
        "{count} paddy parcels (水田) lie on ≥ 25°: the 25° rule is not applied to bunded paddies; check them."
    ),
    "no_rule": QT_TRANSLATE_NOOP(
        "SbPlannerMeasures", "{count} parcels match no rule and get no measure; add a rule or assign them by hand."
    ),
    "exempt_without_measure": QT_TRANSLATE_NOOP(
        "SbPlannerMeasures",
        "{count} parcels flagged 退耕确有困难 on ≥ 25° had no measure from the rules; they get the terrace of the steepest cropland rule."  # noqa: E501
    ),
}  # fmt: skip


@dataclass(frozen=True)
class Message:
    """A validation or assignment message: stable ``key``, English ``template`` and its ``params``."""

    key: str
    params: dict = field(default_factory=dict)

    @property
    def template(self) -> str:
        return MESSAGES[self.key]

    @property
    def text(self) -> str:
        return self.template.format(**self.params)

    def __str__(self) -> str:
        return self.text


class MeasureTableError(ParamTableError):
    """A problem in measures.csv or assignment_rules.csv (names file, line and column)."""


# no trailing comma: pylupdate5 skips a QT_TRANSLATE_NOOP call that ends with one
REF_AND_VALUE = QT_TRANSLATE_NOOP(
    "SbPlannerErrors",
    "give either csle_ref or csle_value, not both (the value of '{ref}' lives in its factor table)"
)  # fmt: skip


# ------------------------------------------------------------------------------------------------
# Catalogue


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
        """A tillage measure or a terrace: the parcel stays cropland."""
        return self.category == "tillage" or self.is_terrace

    def applies_to(self, landuse_code: str | None) -> bool:
        if "*" in self.landuse_groups:
            return True
        return bool(landuse_code) and _prefix_match(str(landuse_code), self.landuse_groups, ())


class Catalogue(dict):
    """Measure code → :class:`Measure`, with the file it came from."""

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
    "slope_min_deg": "float",
    "slope_max_deg": "float",
    "csle_factor": CSLE_FACTORS,
    "csle_ref": "opt",
    "csle_value": "optfloat",
    "sl447_column": "opt",
    "design_params": "opt",
}

RULES_SCHEMA = {
    "rule_id": "str",
    "order": "int",
    "landuse_groups": "opt",
    "slope_min_deg": "optfloat",
    "slope_max_deg": "optfloat",
    "erosion_classes": "opt",
    "gdlx": "opt",
    "soil_depth_min_m": "optfloat",
    "cover_min": "optfloat",
    "cover_max": "optfloat",
    "canopy_min": "optfloat",
    "canopy_max": "optfloat",
    "region": "opt",
    "measure_codes": "opt",
    "reason_zh": "str",
}


def _read_rows(path: Path, schema: dict) -> list[tuple[int, dict]]:
    """(line, converted row) of a CSV; raises :class:`MeasureTableError` naming file, line, column."""
    try:
        # file I/O still here until the measure tables are read by adapters.param_files (issue 8)
        path = Path(path)
        return parse_table_lines(path.name, _read_text(path), schema)
    except MeasureTableError:
        raise
    except ParamTableError as exc:
        raise MeasureTableError(**exc.params) from None


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ParamTableError(file=path.name, line=0, column="", problem=str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise ParamTableError(
            file=path.name, line=0, column="", problem=QT_TRANSLATE_NOOP("SbPlannerErrors", "not UTF-8 text")
        ) from exc


def _tokens(text: str) -> list[str]:
    return [t.strip() for t in str(text or "").replace("；", ";").split(";") if t.strip()]


def format_design_params(values: dict) -> str:
    """``{"riser": "earth", "bench_width_m": 8.0}`` → ``"riser=earth;bench_width_m=8"`` (inverse of parsing)."""
    out = []
    for key, value in values.items():
        if value is None or str(value).strip() == "":
            continue
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        out.append(f"{key}={value}")
    return ";".join(out)


def parse_design_params(text: str, file: str = "measures.csv", line: int = 0) -> dict:
    """``"riser=earth;bench_width_m=8"`` → ``{"riser": "earth", "bench_width_m": 8.0}``."""
    out: dict = {}
    for token in _tokens(text):
        key, sep, value = token.partition("=")
        if not sep or not key.strip():
            raise MeasureTableError(
                file=file,
                line=line,
                column="design_params",
                problem=msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "'{token}' is not key=value"), token=token),
            )
        value = value.strip()
        try:
            out[key.strip()] = float(value)
        except ValueError:
            out[key.strip()] = value
    return out


def _sibling_references(directory: Path) -> dict[str, set[str]] | None:
    """Codes of e_factor.csv / t_factor.csv / b_factor.csv next to the catalogue, when present."""
    refs: dict[str, set[str]] = {}
    for factor, name, column in (
        ("E", "e_factor.csv", "measure_code"),
        ("T", "t_factor.csv", "practice_code"),
        ("B", "b_factor.csv", "csle_class"),
    ):
        path = directory / name
        if not path.is_file():
            return None
        with path.open(encoding="utf-8-sig", newline="") as fh:
            refs[factor] = {(r.get(column) or "").strip() for r in csv.DictReader(fh)}
    return refs


def load_catalogue(path: str | Path, references: Mapping[str, Iterable[str]] | None = None) -> Catalogue:
    """Read and validate the measure catalogue.

    ``references`` maps "E"/"T"/"B" to the codes of e_factor.csv / t_factor.csv / b_factor.csv that
    ``csle_ref`` may name; by default the tables next to ``path`` are used (when all three exist).
    """
    path = Path(path)
    name = path.name
    refs = {k: set(v) for k, v in references.items()} if references is not None else _sibling_references(path.parent)
    cat = Catalogue()
    for line, r in _read_rows(path, CATALOGUE_SCHEMA):
        code = r["code"]
        if code in cat:
            raise MeasureTableError(
                file=name,
                line=line,
                column="code",
                problem=msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "duplicate code '{code}'"), code=code),
            )
        groups = tuple(_tokens(r["landuse_groups"]))
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
        if value is not None and factor in ("E", "T", "B") and not 0 <= value <= 1:
            raise MeasureTableError(
                file=name,
                line=line,
                column="csle_value",
                problem=QT_TRANSLATE_NOOP("SbPlannerErrors", "must lie between 0 and 1"),
            )
        if ref and refs is not None and factor in refs and ref not in refs[factor]:
            table = {"E": "e_factor.csv", "T": "t_factor.csv", "B": "b_factor.csv"}[factor]
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
    cat.path = str(path)
    cat.sha1 = hashlib.sha1(path.read_bytes()).hexdigest()[:10]
    return cat


# ------------------------------------------------------------------------------------------------
# Rules


@dataclass(frozen=True)
class Rule:
    rule_id: str
    order: int
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    slope_min_deg: float | None
    slope_max_deg: float | None
    erosion_classes: tuple[str, ...]  # Chinese names
    gdlx: str  # "", "TT" or "PD"
    soil_depth_min_m: float | None
    cover_min: float | None
    cover_max: float | None
    canopy_min: float | None
    canopy_max: float | None
    regions: tuple[int, ...]
    measure_codes: tuple[str, ...]
    reason_zh: str
    source: str
    confidence: str
    line: int = 0


_SAMPLE = {
    "landuse": "旱地",
    "code": "0103",
    "slope": 18.2,
    "erosion": "中度",
    "soil": "0.6 m",
    "cover": "0.45",
    "canopy": "0.30",
    "gdlx": "PD",
    "measures": "水平梯田(土坎)",
}


def load_rules(path: str | Path, catalogue: Catalogue) -> list[Rule]:
    """Read and validate the assignment rules, sorted by ``order`` (ties keep file order)."""
    path = Path(path)
    name = path.name
    names = {zh: zh for zh, _ in EROSION_CLASSES} | {en: zh for zh, en in EROSION_CLASSES}
    rules: list[Rule] = []
    seen: set[str] = set()
    for line, r in _read_rows(path, RULES_SCHEMA):
        rid = r["rule_id"]
        if rid in seen or rid == LAW_RULE_ID:
            raise MeasureTableError(
                file=name,
                line=line,
                column="rule_id",
                problem=msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "duplicate rule_id '{rule_id}'"), rule_id=rid),
            )
        seen.add(rid)
        tokens = _tokens(r["landuse_groups"])
        include = tuple(t for t in tokens if not t.startswith("!") and t != "*")
        exclude = tuple(t[1:] for t in tokens if t.startswith("!"))
        lo, hi = r["slope_min_deg"], r["slope_max_deg"]
        if lo is not None and hi is not None and not lo < hi:
            raise MeasureTableError(
                file=name,
                line=line,
                column="slope_max_deg",
                problem=QT_TRANSLATE_NOOP("SbPlannerErrors", "must exceed slope_min_deg"),
            )
        erosion = []
        for t in _tokens(r["erosion_classes"]):
            if t not in names:
                raise MeasureTableError(
                    file=name,
                    line=line,
                    column="erosion_classes",
                    problem=msg(
                        QT_TRANSLATE_NOOP("SbPlannerErrors", "'{text}' is not an SL 190 class ({classes})"),
                        text=t,
                        classes=", ".join(zh for zh, _ in EROSION_CLASSES),
                    ),
                )
            erosion.append(names[t])
        gdlx = r["gdlx"].upper()
        if gdlx == "ANY":
            gdlx = ""
        if gdlx not in ("", "TT", "PD"):
            raise MeasureTableError(
                file=name,
                line=line,
                column="gdlx",
                problem=msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "'{text}' is not TT, PD or any"), text=r["gdlx"]),
            )
        regions = []
        for t in _tokens(r["region"]):
            try:
                regions.append(int(t))
            except ValueError:
                regions.append(-1)
            if regions[-1] not in REGION_IDS:
                raise MeasureTableError(
                    file=name,
                    line=line,
                    column="region",
                    problem=msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "'{text}' is not a region id (0–4)"), text=t),
                )
        for lo_col, hi_col in (("cover_min", "cover_max"), ("canopy_min", "canopy_max")):
            for col in (lo_col, hi_col):
                if r[col] is not None and not 0 <= r[col] <= 1:
                    raise MeasureTableError(
                        file=name,
                        line=line,
                        column=col,
                        problem=QT_TRANSLATE_NOOP("SbPlannerErrors", "must lie between 0 and 1"),
                    )
        codes = tuple(_tokens(r["measure_codes"]))
        for c in codes:
            if c not in catalogue:
                raise MeasureTableError(
                    file=name,
                    line=line,
                    column="measure_codes",
                    problem=msg(
                        QT_TRANSLATE_NOOP("SbPlannerErrors", "'{code}' is not a code of the measure catalogue"), code=c
                    ),
                )
            if catalogue[c].geometry != "polygon":
                raise MeasureTableError(
                    file=name,
                    line=line,
                    column="measure_codes",
                    problem=msg(
                        QT_TRANSLATE_NOOP("SbPlannerErrors", "'{code}' is a {geometry} work, not a parcel measure"),
                        code=c,
                        geometry=catalogue[c].geometry,
                    ),
                )
        try:
            r["reason_zh"].format(**_SAMPLE)
        except KeyError as exc:
            raise MeasureTableError(
                file=name,
                line=line,
                column="reason_zh",
                problem=msg(
                    QT_TRANSLATE_NOOP("SbPlannerErrors", "unknown placeholder {{{name}}} (use {names})"),
                    name=exc.args[0],
                    names=", ".join("{" + k + "}" for k in _SAMPLE),
                ),
            ) from None
        except (ValueError, IndexError) as exc:
            raise MeasureTableError(
                file=name,
                line=line,
                column="reason_zh",
                problem=msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "bad template: {error}"), error=str(exc)),
            ) from None
        rules.append(
            Rule(
                rule_id=rid,
                order=r["order"],
                include=include,
                exclude=exclude,
                slope_min_deg=lo,
                slope_max_deg=hi,
                erosion_classes=tuple(erosion),
                gdlx=gdlx,
                soil_depth_min_m=r["soil_depth_min_m"],
                cover_min=r["cover_min"],
                cover_max=r["cover_max"],
                canopy_min=r["canopy_min"],
                canopy_max=r["canopy_max"],
                regions=tuple(regions),
                measure_codes=codes,
                reason_zh=r["reason_zh"],
                source=r["source"],
                confidence=r["confidence"],
                line=line,
            )
        )
    rules.sort(key=lambda rule: rule.order)  # stable
    return rules


# ------------------------------------------------------------------------------------------------
# Assignment


def _prefix_match(code: str, include: tuple[str, ...], exclude: tuple[str, ...]) -> bool:
    if include and not code.startswith(include):
        return False
    return not (exclude and code.startswith(exclude))


def _truthy(value: object) -> bool:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        return value != 0
    return str(value).strip().lower() in ("1", "true", "t", "yes", "y", "是", "x")


def _text_column(df: pd.DataFrame, name: str) -> pd.Series:
    if name not in df:
        return pd.Series([""] * len(df), index=df.index, dtype=object)
    return df[name].map(lambda v: "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v).strip())


def _num_column(df: pd.DataFrame, name: str) -> pd.Series:
    if name not in df:
        return pd.Series(np.nan, index=df.index, dtype=float)
    return pd.to_numeric(df[name], errors="coerce").astype(float)


@dataclass
class _Frame:
    """The parcel attributes the rules read, normalised."""

    code: pd.Series
    name: pd.Series
    slope: pd.Series
    erosion: pd.Series
    gdlx: pd.Series
    soil: pd.Series
    cover: pd.Series
    canopy: pd.Series
    exempt: pd.Series

    @classmethod
    def of(cls, df: pd.DataFrame) -> _Frame:
        names = {en: zh for zh, en in EROSION_CLASSES}
        erosion = _text_column(df, "erosion_class").map(lambda v: names.get(v, v))
        cover = _num_column(df, "cover")
        if cover.max(skipna=True) > 1.0:  # percent
            cover = cover / 100.0
        exempt = (
            df["retire_exempt"].map(_truthy) if "retire_exempt" in df else pd.Series(False, index=df.index, dtype=bool)
        )
        return cls(
            code=_text_column(df, "landuse_code"),
            name=_text_column(df, "landuse_name"),
            slope=_num_column(df, "slope_mean_deg"),
            erosion=erosion,
            gdlx=_text_column(df, "gdlx").str.upper(),
            soil=_num_column(df, "soil_depth_m"),
            cover=cover,
            canopy=_num_column(df, "canopy"),
            exempt=exempt.astype(bool),
        )


def _range_mask(values: pd.Series, lo: float | None, hi: float | None, unknown: bool) -> pd.Series:
    if lo is None and hi is None:
        return pd.Series(True, index=values.index)
    mask = pd.Series(True, index=values.index)
    if lo is not None:
        mask &= values >= lo
    if hi is not None:
        mask &= values < hi
    return mask | values.isna() if unknown else mask & values.notna()


def _rule_mask(rule: Rule, f: _Frame, region: int) -> pd.Series:
    if rule.regions and region not in rule.regions:
        return pd.Series(False, index=f.code.index)
    mask = pd.Series(True, index=f.code.index)
    if rule.include:
        mask &= f.code.str.startswith(rule.include)
    if rule.exclude:
        mask &= ~f.code.str.startswith(rule.exclude)
    mask &= _range_mask(f.slope, rule.slope_min_deg, rule.slope_max_deg, unknown=False)
    if rule.erosion_classes:
        mask &= f.erosion.isin(rule.erosion_classes)
    if rule.gdlx == "TT":
        mask &= f.gdlx == "TT"
    elif rule.gdlx == "PD":
        mask &= f.gdlx != "TT"
    if rule.soil_depth_min_m is not None:
        mask &= _range_mask(f.soil, rule.soil_depth_min_m, None, unknown=True)
    mask &= _range_mask(f.cover, rule.cover_min, rule.cover_max, unknown=False)
    mask &= _range_mask(f.canopy, rule.canopy_min, rule.canopy_max, unknown=False)
    return mask


def steep_cropland_mask(f: _Frame) -> pd.Series:
    """Cropland (group 01, not paddy) on ≥ 25° — the scope of the built-in 水土保持法 rule."""
    return f.code.str.startswith(CROPLAND_GROUP) & ~f.code.str.startswith(PADDY_CODE) & (f.slope >= STEEP_CROPLAND_DEG)


def _first_match(rules: list[Rule], f: _Frame, region: int, catalogue: Catalogue, skipped: dict) -> np.ndarray:
    """Index of the first matching rule per parcel (−1: none); TT parcels skip terracing rules."""
    n = len(f.code)
    chosen = np.full(n, -1, dtype=np.int64)
    open_ = np.ones(n, dtype=bool)
    tt = (f.gdlx == "TT").to_numpy()
    for i, rule in enumerate(rules):
        if not open_.any():
            break
        mask = _rule_mask(rule, f, region).to_numpy() & open_
        if any(catalogue[c].is_terrace for c in rule.measure_codes):
            blocked = mask & tt
            if blocked.any():
                skipped[rule.rule_id] = skipped.get(rule.rule_id, 0) + int(blocked.sum())
                mask &= ~tt
        chosen[mask] = i
        open_ &= ~mask
    return chosen


def _fmt(value: float, digits: int, unit: str = "") -> str:
    return UNKNOWN_ZH if value is None or not math.isfinite(value) else f"{value:.{digits}f}{unit}"


def _reason(template: str, f: _Frame, i: int, names: str) -> str:
    values = {
        "landuse": f.name.iat[i] or f.code.iat[i] or UNKNOWN_ZH,
        "code": f.code.iat[i],
        "slope": float(f.slope.iat[i]),
        "erosion": f.erosion.iat[i] or UNKNOWN_ZH,
        "soil": _fmt(f.soil.iat[i], 2, " m"),
        "cover": _fmt(f.cover.iat[i], 2),
        "canopy": _fmt(f.canopy.iat[i], 2),
        "gdlx": f.gdlx.iat[i] or "–",
        "measures": names or "无",
    }
    try:
        return template.format(**values)
    except (KeyError, ValueError, IndexError):
        return template


OUTPUT_COLUMNS = (
    "measure_code",
    "measure_name",
    "measure_category",
    "measure_codes",
    "measure_names",
    "rule_id",
    "reason",
    "status",
    "measure_params",
)


def assign(
    parcels: pd.DataFrame,
    catalogue: Catalogue,
    rules: list[Rule],
    region: int = 0,
    on_message: Callable[[Message], None] | None = None,
) -> pd.DataFrame:
    """Default measures per parcel: a copy of ``parcels`` plus :data:`OUTPUT_COLUMNS`.

    ``parcels`` columns read: ``landuse_code`` (GB/T 21010), ``landuse_name``, ``slope_mean_deg``,
    ``erosion_class`` (SL 190 name) and, when present, ``gdlx`` (三调 GDLX), ``soil_depth_m``, ``cover``
    (vegetation cover 0–1 or %), ``canopy`` (canopy closure 0–1) and ``retire_exempt`` (退耕确有困难).
    ``region`` is the erosion-type region id (0–4). Overrides and other notes go to ``on_message``.
    """
    if RETIRE_MEASURE not in catalogue:
        raise MeasureTableError(
            file=Path(catalogue.path).name or "measures.csv",
            line=0,
            column="code",
            problem=msg(
                QT_TRANSLATE_NOOP("SbPlannerErrors", "the built-in 水土保持法 rule needs the measure '{code}'"),
                code=RETIRE_MEASURE,
            ),
        )
    say = on_message or (lambda m: None)
    f = _Frame.of(parcels)
    n = len(parcels)
    skipped: dict[str, int] = {}
    chosen = _first_match(rules, f, region, catalogue, skipped)
    for rid, count in skipped.items():
        say(Message("tt_terrace_skipped", {"rule": rid, "count": count}))

    codes: list[tuple[str, ...]] = [rules[k].measure_codes if k >= 0 else () for k in chosen]
    rule_ids = [rules[k].rule_id if k >= 0 else "" for k in chosen]
    templates = [rules[k].reason_zh if k >= 0 else "" for k in chosen]

    # the 水土保持法 rule
    steep = steep_cropland_mask(f).to_numpy()
    exempt = f.exempt.to_numpy()
    law_reason = (
        "{landuse}，{slope:.1f}° ≥ 25°：《水土保持法》第二十条禁止在二十五度以上陡坡地开垦种植农作物，"
        "已开垦的应退耕、植树种草（第三十七条） → {measures}"
    )
    overridden: dict[str, tuple[int, str]] = {}
    retire = (RETIRE_MEASURE, RETIRE_COMPANION) if RETIRE_COMPANION in catalogue else (RETIRE_MEASURE,)
    fallback_exempt = 0
    for j in np.flatnonzero(steep):
        current = codes[j]
        keeps = not current or any(catalogue[c].keeps_cropping for c in current)
        if not exempt[j]:
            if keeps:
                if rule_ids[j]:
                    count, names = overridden.get(rule_ids[j], (0, catalogue.names_zh(current) or "无措施"))
                    overridden[rule_ids[j]] = (count + 1, names)
                codes[j], rule_ids[j], templates[j] = retire, LAW_RULE_ID, law_reason
            else:  # the rules already retire it to vegetation: honour them, cite the law
                templates[j] = "《水土保持法》第二十条、第三十七条：陡坡耕地退耕。" + templates[j]
        elif not current and f.gdlx.iat[j] != "TT":
            # flagged 退耕确有困难 but no measure: the terrace the rules give the steepest terraceable cropland
            clamp = _Frame(**{k: getattr(f, k).iloc[[j]].copy() for k in f.__dataclass_fields__})
            clamp.slope.iloc[0] = min(float(clamp.slope.iloc[0]), STEEP_CROPLAND_DEG - 1e-6)
            k = _first_match(rules, clamp, region, catalogue, {})[0]
            if k >= 0 and rules[k].measure_codes:
                codes[j], rule_ids[j] = rules[k].measure_codes, f"{LAW_RULE_ID}+{rules[k].rule_id}"
            else:
                codes[j], rule_ids[j] = ("terrace_slope",) if "terrace_slope" in catalogue else (), LAW_RULE_ID
            templates[j] = (
                "{landuse}，{slope:.1f}° ≥ 25°，退耕确有困难：《水土保持法》第三十七条，修建梯田 → {measures}"
            )
            fallback_exempt += 1
    for rid, (count, names) in overridden.items():
        say(Message("law_override", {"rule": rid, "count": count, "measures": names}))
    if fallback_exempt:
        say(Message("exempt_without_measure", {"count": fallback_exempt}))
    steep_paddy = int((f.code.str.startswith(PADDY_CODE) & (f.slope >= STEEP_CROPLAND_DEG)).sum())
    if steep_paddy:
        say(Message("steep_paddy", {"count": steep_paddy}))
    unmatched = sum(1 for r in rule_ids if not r)
    if unmatched:
        say(Message("no_rule", {"count": unmatched}))

    out = parcels.copy()
    primary, names_1, cats, all_codes, all_names, reasons = [], [], [], [], [], []
    for j in range(n):
        c = codes[j]
        names = catalogue.names_zh(c)
        primary.append(c[0] if c else "")
        names_1.append(catalogue[c[0]].name_zh if c else "")
        cats.append(catalogue[c[0]].category if c else "")
        all_codes.append(";".join(c))
        all_names.append(names)
        if templates[j]:
            reasons.append(_reason(templates[j], f, j, names))
        else:
            reasons.append(f"{f.name.iat[j] or f.code.iat[j] or UNKNOWN_ZH}：无匹配规则，请人工配置措施")
    out["measure_code"] = primary
    out["measure_name"] = names_1
    out["measure_category"] = cats
    out["measure_codes"] = all_codes
    out["measure_names"] = all_names
    out["rule_id"] = rule_ids
    out["reason"] = reasons
    out["status"] = PROPOSED
    # the primary measure's default design parameters, edited later in the parcel editor
    out["measure_params"] = [format_design_params(catalogue[c].design_params) if c else "" for c in primary]
    return out


# ------------------------------------------------------------------------------------------------
# Validation for the parcel editor


def validate_assignment(
    parcel: Mapping, measure_code: str, catalogue: Catalogue, exempt: bool | None = None
) -> list[Message]:
    """Problems of assigning ``measure_code`` (one code or ``;``-separated codes) to one parcel.

    ``parcel`` holds ``landuse_code``, ``slope_mean_deg`` and optionally ``gdlx``/``GDLX`` and
    ``retire_exempt``. Cheap (dictionary look-ups only): the parcel editor calls it on every edit.
    Message keys: unknown_measure, not_area_measure, landuse_not_applicable, slope_outside_range,
    terrace_on_terraced, steep_cropland.
    """
    code = str(parcel.get("landuse_code") or "").strip()
    try:
        slope = float(parcel.get("slope_mean_deg"))
    except (TypeError, ValueError):
        slope = math.nan
    gdlx = str(parcel.get("gdlx") or parcel.get("GDLX") or "").strip().upper()
    if exempt is None:
        exempt = _truthy(parcel.get("retire_exempt"))
    steep = code.startswith(CROPLAND_GROUP) and not code.startswith(PADDY_CODE) and slope >= STEEP_CROPLAND_DEG
    out: list[Message] = []
    measures = []
    for c in _tokens(measure_code):
        m = catalogue.get(c)
        if m is None:
            out.append(Message("unknown_measure", {"measure": c}))
            continue
        measures.append(m)
        label = f"{m.name_zh} ({m.code})"
        if m.geometry != "polygon":
            out.append(Message("not_area_measure", {"measure": label, "geometry": m.geometry}))
            continue
        if not m.applies_to(code):
            out.append(
                Message(
                    "landuse_not_applicable",
                    {"measure": label, "landuse": code or "?", "groups": ", ".join(m.landuse_groups)},
                )
            )
        in_range = m.slope_min_deg <= slope < m.slope_max_deg
        if math.isfinite(slope) and not in_range and not (steep and exempt and m.is_terrace):
            out.append(
                Message(
                    "slope_outside_range",
                    {"measure": label, "slope": slope, "low": m.slope_min_deg, "high": m.slope_max_deg},
                )
            )
        if m.is_terrace and gdlx == "TT":
            out.append(Message("terrace_on_terraced", {"measure": label}))
    if steep and not exempt and (not measures or any(m.keeps_cropping for m in measures)):
        out.append(Message("steep_cropland", {"slope": slope}))
    return out


# ------------------------------------------------------------------------------------------------
# Summary


def summarise(assigned: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """Area (hm²) and parcel count per primary measure, largest first; "" = no measure.

    A parcel's area is counted once, under its primary measure (D.0.15 counts treated area once);
    companion measures (e.g. 地埂植物带 with a terrace) are listed in ``with_measures``.
    """
    df = pd.DataFrame(
        {
            "measure_code": assigned["measure_code"].fillna(""),
            "area_ha": pd.to_numeric(assigned.get("area_ha", pd.Series(0.0, index=assigned.index)), errors="coerce")
            .fillna(0.0)
            .astype(float),
            "codes": assigned["measure_codes"].fillna(""),
        }
    )
    rows = []
    for code, g in df.groupby("measure_code", sort=False):
        m = catalogue.get(code)
        companions = sorted({c for cs in g["codes"] for c in _tokens(cs) if c != code})
        rows.append(
            {
                "measure_code": code,
                "measure_name": m.name_zh if m else "无措施",
                "measure_name_en": m.name_en if m else "no measure",
                "measure_category": m.category if m else "",
                "sl447_column": m.sl447_column if m else "",
                "parcels": len(g),
                "area_ha": round(float(g["area_ha"].sum()), 4),
                "with_measures": ";".join(companions),
            }
        )
    out = pd.DataFrame(rows, columns=[
        "measure_code", "measure_name", "measure_name_en", "measure_category", "sl447_column", "parcels", "area_ha",
        "with_measures",
    ])  # fmt: skip
    return out.sort_values(["area_ha", "measure_code"], ascending=[False, True], ignore_index=True)
