"""The assignment rules (``assignment_rules.csv``): ordered first-match :class:`Rule` rows, validated
against the catalogue. Parsed from the table's text (``adapters.param_files.load_rules`` opens it)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from sbplanner_plugin.core.definitions import REGION_IDS, split_list
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, msg
from sbplanner_plugin.core.measures.catalogue import Catalogue
from sbplanner_plugin.core.measures.law import LAW_RULE_ID
from sbplanner_plugin.core.measures.messages import MeasureTableError, table_rows
from sbplanner_plugin.core.params import HINT_FRACTION, Num

#: SL 190-2007 water-erosion intensity classes (zh, en) — the names analyse_parcels writes.
EROSION_CLASSES = (
    ("微度", "slight"),
    ("轻度", "light"),
    ("中度", "moderate"),
    ("强烈", "intense"),
    ("极强烈", "very intense"),
    ("剧烈", "severe"),
)


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
    parcel_flag: str = ""  # one of PARCEL_FLAGS: the parcel must carry it (e.g. marked 崩岗)


RULES_SCHEMA = {
    "rule_id": "str",
    "order": Num(0, 1e9, integer=True),
    "landuse_groups": "opt",
    "slope_min_deg": Num(0.0, 90.0, optional=True),
    "slope_max_deg": Num(0.0, 90.0, optional=True),
    "erosion_classes": "opt",
    "gdlx": "opt",
    "soil_depth_min_m": Num(0.0, 100.0, optional=True),
    "cover_min": Num(0.0, 1.0, optional=True, hint=HINT_FRACTION),
    "cover_max": Num(0.0, 1.0, optional=True, hint=HINT_FRACTION),
    "canopy_min": Num(0.0, 1.0, optional=True, hint=HINT_FRACTION),
    "canopy_max": Num(0.0, 1.0, optional=True, hint=HINT_FRACTION),
    "region": "opt",
    "measure_codes": "opt",
    "reason_zh": "str",
}

#: Optional rule column (tables without it still load): a flag the parcel must carry.
FLAG_COLUMN = "parcel_flag"
#: Parcel flags a rule may ask for: ``benggang`` — the user marked the parcel 崩岗 (a field);
#: ``terrace_damaged`` — an existing terrace (GDLX = TT) marked damaged / old (梯田修复, 老旧梯田提升).
PARCEL_FLAGS = ("benggang", "terrace_damaged")

#: Values of the ``reason_zh`` placeholders a rule's template is checked with.
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


def parse_rules(name: str, text: str, catalogue: Catalogue) -> list[Rule]:
    """Read and validate the assignment rules given as text, sorted by ``order`` (ties keep file order)."""
    names = {zh: zh for zh, _ in EROSION_CLASSES} | {en: zh for zh, en in EROSION_CLASSES}
    rules: list[Rule] = []
    seen: set[str] = set()
    header = [h.strip() for h in next(csv.reader(io.StringIO(text.lstrip("\ufeff"))), [])]
    schema = RULES_SCHEMA | ({FLAG_COLUMN: "opt"} if FLAG_COLUMN in header else {})
    for line, r in table_rows(name, text, schema):
        rid = r["rule_id"]
        if rid in seen or rid == LAW_RULE_ID:
            raise MeasureTableError(
                file=name,
                line=line,
                column="rule_id",
                problem=msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "duplicate rule_id '{rule_id}'"), rule_id=rid),
            )
        seen.add(rid)
        tokens = split_list(r["landuse_groups"])
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
        for t in split_list(r["erosion_classes"]):
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
        for t in split_list(r["region"]):
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
        flag = r.get(FLAG_COLUMN, "").lower()
        if flag and flag not in PARCEL_FLAGS:
            raise MeasureTableError(
                file=name,
                line=line,
                column=FLAG_COLUMN,
                problem=msg(
                    QT_TRANSLATE_NOOP("SbPlannerErrors", "'{text}' is not a parcel flag ({flags})"),
                    text=r[FLAG_COLUMN],
                    flags=", ".join(PARCEL_FLAGS),
                ),
            )
        codes = tuple(split_list(r["measure_codes"]))
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
                parcel_flag=flag,
            )
        )
    rules.sort(key=lambda rule: rule.order)  # stable
    return rules
