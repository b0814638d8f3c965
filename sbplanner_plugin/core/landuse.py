"""Land-use codes: GB/T 21010-2017 / 三调 and GB/T 21010-2007 / 二调 codes out of the box, user
mappings for other lists.

The two vintages share digits but not meanings: a 3-digit ``101`` is 铁路用地 in GB/T 21010-2007
(二调) and, read as a number that lost its leading zero, 0101 水田 in GB/T 21010-2017 (三调). So a
layer's vintage is detected (:func:`detect_vintage`: code forms and 二调 / 三调 field names) or
chosen by the user, and each vintage is read by its own table (``landuse_gbt21010.csv``,
``landuse_gbt21010_2007.csv``); 2007 codes resolve to the 2017 class the analysis uses (group, CSLE
class) and keep their own name.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sbplanner_plugin.core.definitions import code_text
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, Msg, SbPlannerError, msg
from sbplanner_plugin.core.params import (
    CSLE_CLASSES,
    NOT_A_NUMBER,
    LanduseClass,
    ParamTableError,
    parse_table_lines,
)

__all__ = [
    "LanduseResolution",
    "LanduseTable",
    "VintageEvidence",
    "code_text",
    "detect_vintage",
    "parse_landuse_2007",
    "parse_mapping",
    "parse_soil_k",
    "resolve_codes",
]

#: The ``LANDUSE_VINTAGE`` choices of ``analyse_parcels`` (option index) …
VINTAGE_AUTO, VINTAGE_2017, VINTAGE_2007 = 0, 1, 2
#: … and the vintages themselves.
V2017, V2007 = "2017", "2007"
VINTAGE_NAMES = {
    V2017: QT_TRANSLATE_NOOP("SbPlannerErrors", "3rd land survey / GB/T 21010-2017"),
    V2007: QT_TRANSLATE_NOOP("SbPlannerErrors", "2nd land survey / GB/T 21010-2007"),
}
TABLE_2017 = "landuse_gbt21010.csv"
TABLE_2007 = "landuse_gbt21010_2007.csv"
SCHEMA_2007: dict[str, str | tuple[str, ...]] = {
    "code": "str",
    "name_zh": "str",
    "name_en": "str",
    "gbt2017_code": "str",
    "csle_class": CSLE_CLASSES,
}
#: DLTB field names of one survey only (domain reference §10.3, case-insensitive): 二调 GDPDJ, TKXS,
#: TKMJ (S27); 三调 GDPDJB, KCXS, KCMJ (S28) and the 三调-only 细化 / 种植属性 fields. ZLDWDM, QSDWDM,
#: TBMJ and DLBM exist in both and tell nothing.
FIELDS_2007 = ("gdpdj", "tkxs", "tkmj")
FIELDS_2017 = ("gdpdjb", "kcxs", "kcmj", "tbxhdm", "gdzzsxdm")
#: 三调 suffix letters of 5-character codes: K 可调整 (0201K), A (1104A 养殖坑塘, 1107A 干渠); a code with
#: a suffix the table does not list is read as its base class, and the log says so.
SUFFIXES = "KkAaHh"
_SUFFIXED = re.compile(r"^\d{4}[A-Za-z]$|^\d\dH\d$")


CONFLICT_NOTE = QT_TRANSLATE_NOOP(
    "SbPlannerErrors", "Evidence for the other code vintage: {reasons}. Check the 'Land-use code vintage'."
)


class AmbiguousVintageError(SbPlannerError):
    key = "landuse_vintage_ambiguous"
    # one literal, no trailing comma: pylupdate5 reads it so
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "Cannot tell 二调 (GB/T 21010-2007) from 三调 (2017) land-use codes ({evidence}); choose the 'Land-use code vintage'."  # noqa: E501
    )  # fmt: skip


class ForeignCodesError(SbPlannerError):
    key = "landuse_foreign_codes"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "Only numbers hint at 二调 (GB/T 21010-2007) codes ({evidence}): map another code list (code mapping CSV) or choose the vintage."  # noqa: E501
    )  # fmt: skip


class LanduseNote(SbPlannerError):  # noqa: N818 (a message, not an error)
    """Carrier of a translatable land-use message (``processing.base.user_message`` translates ``text``)."""

    key = "landuse_note"
    template = "{text}"


def parse_mapping(name: str, text: str) -> dict[str, str]:
    """A user code list → GB/T 21010 mapping (CSV text with columns ``code``, ``gbt21010_code``)."""
    mapping: dict[str, str] = {}
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    for col in ("code", "gbt21010_code"):
        if col not in (reader.fieldnames or []):
            raise ParamTableError(
                file=name, line=1, column=col, problem=QT_TRANSLATE_NOOP("SbPlannerErrors", "missing column")
            )
    for line, row in enumerate(reader, start=2):
        code, target = code_text(row.get("code")), code_text(row.get("gbt21010_code"))
        if code is None and target is None:
            continue
        if code is None or target is None:
            raise ParamTableError(
                file=name,
                line=line,
                column="code" if code is None else "gbt21010_code",
                problem=QT_TRANSLATE_NOOP("SbPlannerErrors", "empty value"),
            )
        mapping[code] = target
    return mapping


def parse_soil_k(name: str, text: str) -> dict[str, float]:
    """Soil type → K (t·hm²·h/(hm²·MJ·mm)) from CSV text with columns ``soil_code``, ``k_factor``.

    K usually comes per soil type from the provincial 动态监测 tables (domain reference §3.3).
    """
    out: dict[str, float] = {}
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    for col in ("soil_code", "k_factor"):
        if col not in (reader.fieldnames or []):
            raise ParamTableError(
                file=name, line=1, column=col, problem=QT_TRANSLATE_NOOP("SbPlannerErrors", "missing column")
            )
    for line, row in enumerate(reader, start=2):
        code = code_text(row.get("soil_code"))
        if code is None:
            continue
        try:
            k = float(row.get("k_factor") or "")
        except ValueError:
            raise ParamTableError(
                file=name, line=line, column="k_factor", problem=msg(NOT_A_NUMBER, text=row.get("k_factor"))
            ) from None
        if not 0 <= k < 1:
            raise ParamTableError(
                file=name,
                line=line,
                column="k_factor",
                problem=msg(
                    QT_TRANSLATE_NOOP("SbPlannerErrors", "{value:g} is outside 0–1 t·hm²·h/(hm²·MJ·mm)"),
                    value=k,
                ),
            )
        out[code] = k
    return out


def parse_landuse_2007(name: str, text: str, classes_2017: Mapping[str, LanduseClass]) -> dict[str, LanduseClass]:
    """The GB/T 21010-2007 / 二调 table (CSV text): 2007 code → the 2017 class the analysis uses, with
    the 2007 name. ``gbt2017_code`` must be a code of ``classes_2017`` and ``csle_class`` its class (the
    summaries read the CSLE class from the 2017 code): a table naming file, line and column otherwise."""
    out: dict[str, LanduseClass] = {}
    for line, row in parse_table_lines(name, text, SCHEMA_2007):
        target = classes_2017.get(row["gbt2017_code"])
        if target is None:
            raise ParamTableError(
                file=name,
                line=line,
                column="gbt2017_code",
                problem=msg(
                    QT_TRANSLATE_NOOP("SbPlannerErrors", "'{text}' is not a code of {table}"),
                    text=row["gbt2017_code"],
                    table=TABLE_2017,
                ),
            )
        if row["csle_class"] != target.csle_class:
            raise ParamTableError(
                file=name,
                line=line,
                column="csle_class",
                problem=msg(
                    QT_TRANSLATE_NOOP(
                        "SbPlannerErrors", "'{text}' differs from the class of {code} ({cls}): change gbt2017_code"
                    ),
                    text=row["csle_class"],
                    code=target.code,
                    cls=target.csle_class,
                ),
            )
        out[row["code"]] = LanduseClass(
            target.code, row["name_zh"], row["name_en"], target.group, target.group_name_zh, target.csle_class
        )
    return out


#: How a code was read (the log names every rule but "exact").
EXACT, SUFFIX, PADDED, FIRST_LEVEL, FROM_2007 = "exact", "suffix", "padded", "first_level", "2007"


class LanduseTable:
    """Resolves parcel land-use codes to GB/T 21010 classes, in one vintage.

    Lookup order for a raw code: the user mapping (if any), then in vintage 2017 (三调, the default):
    the exact GB/T 21010 / 三调 code; the code without a 三调 suffix (0201K → 0201 可调整 land, 1104A
    when not listed → 1104); a 3-digit number zero-padded (103 from a numeric field → 0103); the
    first-level code (0508 → 05 when only 05 is listed). In vintage 2007 (二调): the exact
    GB/T 21010-2007 code of ``classes_2007``, a 2-digit number zero-padded (13 → 013). ``None`` means
    unmapped: the caller reports it by value and count.
    """

    def __init__(
        self,
        classes: dict[str, LanduseClass],
        mapping: dict[str, str] | None = None,
        classes_2007: dict[str, LanduseClass] | None = None,
        vintage: str = V2017,
        files: Mapping[str, str] | None = None,
    ) -> None:
        self.classes = classes
        self.mapping = mapping or {}
        self.classes_2007 = classes_2007 or {}
        self.vintage = vintage
        self.files = dict(files or {})  # table name → "path (sha1)", for the log

    def in_vintage(self, vintage: str) -> LanduseTable:
        """The same tables read in ``vintage`` ("2017" or "2007")."""
        return LanduseTable(self.classes, self.mapping, self.classes_2007, vintage, self.files)

    @property
    def table_name(self) -> str:
        return TABLE_2007 if self.vintage == V2007 else TABLE_2017

    def mapped_code(self, raw: object) -> str | None:
        """The code after the user mapping (codes already in GB/T 21010 pass a partial mapping)."""
        code = code_text(raw)
        if code is None or not self.mapping:
            return code
        return self.mapping.get(code, code)

    def explain(self, raw: object) -> tuple[LanduseClass | None, str]:
        """(class or None, how it was found: :data:`EXACT`, :data:`SUFFIX`, :data:`PADDED` …)."""
        code = self.mapped_code(raw)
        if code is None:
            return None, EXACT
        if self.vintage == V2007:
            for candidate in (code, code.zfill(3) if code.isdigit() and len(code) == 2 else None):
                found = self.classes_2007.get(candidate) if candidate else None
                if found is not None:
                    return found, FROM_2007
            return None, FROM_2007
        for candidate, how in self._candidates(code):
            found = self.classes.get(candidate)
            if found is not None:
                return found, how
        return None, EXACT

    def resolve(self, raw: object) -> LanduseClass | None:
        return self.explain(raw)[0]

    def lookup(self, raw: object) -> tuple[str, str, str] | None:
        """(gbt21010 code, Chinese name, first-level group) or None when unmapped."""
        found = self.resolve(raw)
        return None if found is None else (found.code, found.name_zh, found.group)

    @staticmethod
    def _candidates(code: str) -> list[tuple[str, str]]:
        out = [(code, EXACT)]
        stripped = code.rstrip(SUFFIXES) if len(code) > 4 else code
        if stripped != code:
            out.append((stripped, SUFFIX))
        if code.isdigit() and len(code) == 3:
            out.append((code.zfill(4), PADDED))
        base = out[-1][0]
        if len(base) >= 2 and base[:2].isdigit():
            out.append((base[:2], FIRST_LEVEL))
        return out


# --------------------------------------------------------------------------------------------
# vintage detection
@dataclass
class VintageEvidence:
    """Which vintage a layer's codes are read in, and why (each list: codes or field names seen)."""

    vintage: str  # V2017 / V2007
    chosen: bool = False  # the user's choice (LANDUSE_VINTAGE), not detected
    four_digit: list[str] = field(default_factory=list)  # 2017: 0101, 1001 …
    suffixed: list[str] = field(default_factory=list)  # 2017: 0201K, 1104A, 05H1
    padded: list[str] = field(default_factory=list)  # 2017 numbers without the leading 0: 301 (0301), 702
    three_digit: list[str] = field(default_factory=list)  # 2007: 011, 031; 3-digit text 101, 203; 104, 205 …
    two_digit: list[str] = field(default_factory=list)  # 2007 numbers without the zero: 13, 31
    ambiguous: list[str] = field(default_factory=list)  # numbers read either way: 101 (1001 / 0101), 203
    fields_2007: list[str] = field(default_factory=list)
    fields_2017: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # codes of neither table (another code list?)
    from_text: bool = False  # some code evidence is text (a number may have lost its leading 0)
    assumed: bool = False  # no evidence at all: 2017 assumed

    @property
    def codes_2017(self) -> bool:
        return bool(self.four_digit or self.suffixed or self.padded)

    @property
    def codes_2007(self) -> bool:
        return bool(self.three_digit or self.two_digit)

    @property
    def conflict(self) -> bool:
        """Some evidence points to the other vintage."""
        if self.vintage == V2017:
            return self.codes_2007 or bool(self.fields_2007)
        return self.codes_2017 or bool(self.fields_2017)

    def reasons(self, side: str | None = None) -> Msg:
        """The evidence as one translatable message (items joined by "; "); ``side``: only the
        evidence for that vintage."""
        items: list[Msg] = []
        if self.chosen and side is None:
            items.append(msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "chosen by the user")))
        lists = (
            (V2017, self.four_digit, QT_TRANSLATE_NOOP("SbPlannerErrors", "4-digit codes {codes}")),
            (V2017, self.suffixed, QT_TRANSLATE_NOOP("SbPlannerErrors", "三调 suffixed codes {codes}")),
            (V2017, self.padded, QT_TRANSLATE_NOOP("SbPlannerErrors", "2017 codes without their leading 0 {codes}")),
            (V2007, self.three_digit, QT_TRANSLATE_NOOP("SbPlannerErrors", "3-digit codes {codes}")),
            (V2007, self.two_digit, QT_TRANSLATE_NOOP("SbPlannerErrors", "2-digit numbers {codes}")),
            (None, self.ambiguous, QT_TRANSLATE_NOOP("SbPlannerErrors", "numbers read either way {codes}")),
            (None, self.unknown, QT_TRANSLATE_NOOP("SbPlannerErrors", "codes of neither table {codes}")),
            (V2017, self.fields_2017, QT_TRANSLATE_NOOP("SbPlannerErrors", "三调 fields {codes}")),
            (V2007, self.fields_2007, QT_TRANSLATE_NOOP("SbPlannerErrors", "二调 fields {codes}")),
        )  # fmt: skip
        for vintage, values, template in lists:
            if values and (side is None or side == vintage):
                items.append(msg(template, codes=_sample(values)))
        if self.assumed and side is None:
            items.append(msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "no evidence: GB/T 21010-2017 assumed")))
        return _joined(items)

    def describe(self, table: str) -> Msg:
        """ "Land-use codes: 三调 / GB/T 21010-2017 (evidence: …); table: …"."""
        return msg(
            QT_TRANSLATE_NOOP("SbPlannerErrors", "Land-use codes: {vintage} (evidence: {reasons}); table: {table}"),
            vintage=msg(VINTAGE_NAMES[self.vintage]),
            reasons=self.reasons(),
            table=table,
        )


def _sample(values: Sequence[str], limit: int = 6) -> str:
    shown = ", ".join(values[:limit])
    return shown + (" …" if len(values) > limit else "")


def _joined(items: Sequence[Msg]) -> Msg:
    """Translatable items joined by "; " (an unmarked template: only the items are translated)."""
    return Msg("; ".join(f"{{i{j}}}" for j in range(len(items))), {f"i{j}": m for j, m in enumerate(items)})


def _code_form(raw: object, code: str, table: LanduseTable) -> str | None:
    """Which list of :class:`VintageEvidence` a (mapped) code belongs to, None when it tells nothing."""
    if not code.isdigit():
        return "suffixed" if _SUFFIXED.match(code) else None
    padded4, in_2007 = code.zfill(4), code in table.classes_2007
    if len(code) == 4:
        return "four_digit"
    if len(code) == 3:
        if code.startswith("0") and code in table.classes_2007:
            return "three_digit"  # 011, 031: only 2007 writes 3 digits with a leading zero
        if in_2007 and isinstance(raw, str) and not table.mapping:
            return "three_digit"  # text "101": a 2017 text code has 4 digits
        if in_2007 and padded4 in table.classes:
            return "ambiguous"  # the number 101: 1001 铁路用地 (2007) or 0101 水田 (2017)
        if in_2007:
            return "three_digit"  # 104, 111, 205: no 2017 code 0104, 0111, 0205
        return "padded" if padded4 in table.classes else None  # 301 → 0301
    if len(code) == 2 and code.zfill(3) in table.classes_2007 and int(code) > 12:
        return "two_digit"  # 13 → 013 旱地: no 2017 first level above 12
    return None


def detect_vintage(
    values: Sequence, field_names: Sequence[str], table: LanduseTable, choice: int = VINTAGE_AUTO
) -> VintageEvidence:
    """The vintage of a layer's land-use codes (``values``: one per parcel or the distinct ones).

    Evidence: the code forms (4-digit or 三调 suffixed → 2017; 3-digit with a leading zero, 3-digit
    text, 2007-only 3-digit codes, 2-digit numbers above 12 → 2007) and the 二调 / 三调 field names.
    ``choice`` (``LANDUSE_VINTAGE``) overrides. Automatic detection raises
    :class:`AmbiguousVintageError` (the user must choose) when the codes point both ways, when the
    codes and the field names disagree, when only numbers read either way (101, 203) are there and
    the field names tell nothing; :class:`ForeignCodesError` when numbers alone say 2007 while some
    codes belong to neither table (another code list, e.g. SWAT 4, 33, 104: map it first).
    """
    ev = VintageEvidence(V2017)
    plain = LanduseTable(table.classes, None, table.classes_2007)
    seen: set = set()
    for raw in values:
        code = table.mapped_code(raw)
        if code is None or (raw.__class__, code) in seen:
            continue
        seen.add((raw.__class__, code))
        form = _code_form(raw, code, table)
        if form is not None and code not in getattr(ev, form):
            getattr(ev, form).append(code)
            ev.from_text = ev.from_text or isinstance(raw, str) or bool(table.mapping)
        elif form is None and plain.resolve(code) is None and plain.in_vintage(V2007).resolve(code) is None:
            ev.unknown.append(code)
    for lst in (ev.four_digit, ev.suffixed, ev.padded, ev.three_digit, ev.two_digit, ev.ambiguous, ev.unknown):
        lst.sort()
    lower = {n.lower(): n for n in field_names}
    ev.fields_2007 = [lower[n] for n in FIELDS_2007 if n in lower]
    ev.fields_2017 = [lower[n] for n in FIELDS_2017 if n in lower]
    if choice in (VINTAGE_2017, VINTAGE_2007):
        ev.vintage, ev.chosen = (V2017 if choice == VINTAGE_2017 else V2007), True
        return ev
    by_fields = {V2017} if ev.fields_2017 else set()
    by_fields |= {V2007} if ev.fields_2007 else set()
    if ev.codes_2017 and ev.codes_2007:
        raise AmbiguousVintageError(evidence=ev.reasons())
    if ev.codes_2017 or ev.codes_2007:
        ev.vintage = V2017 if ev.codes_2017 else V2007
        if ev.vintage == V2007 and ev.unknown and not ev.from_text and by_fields != {V2007}:
            raise ForeignCodesError(evidence=ev.reasons())
        if by_fields - {ev.vintage}:
            raise AmbiguousVintageError(evidence=ev.reasons())
    elif len(by_fields) == 1:
        ev.vintage = by_fields.pop()
    elif ev.ambiguous or by_fields:
        raise AmbiguousVintageError(evidence=ev.reasons())
    else:
        ev.assumed = True
    return ev


@dataclass
class LanduseResolution:
    """Each parcel's class and what the user must be told about how the codes were read."""

    classes: list[LanduseClass | None]  # one per parcel, None = unmapped / NULL
    unmapped: list[tuple[str, int]]  # (code or "NULL", parcels), most first
    evidence: VintageEvidence
    table: str  # the table file used ("path (sha1)" when known)
    approximated: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)  # rule → (code, class, n)

    def messages(self) -> list[tuple[str, Msg]]:
        """("info" | "warning", message) lines for the log and the dock, in order."""
        out: list[tuple[str, Msg]] = [("info", self.evidence.describe(self.table))]
        if self.evidence.conflict:
            out.append(
                (
                    "warning",
                    msg(
                        CONFLICT_NOTE,
                        reasons=self.evidence.reasons(V2007 if self.evidence.vintage == V2017 else V2017),
                    ),
                )
            )
        rules = {
            SUFFIX: QT_TRANSLATE_NOOP("SbPlannerErrors", "三调 suffix letter dropped, read as the base class: {codes}"),
            PADDED: QT_TRANSLATE_NOOP("SbPlannerErrors", "Numeric codes read with their leading 0 restored: {codes}"),
            FIRST_LEVEL: QT_TRANSLATE_NOOP("SbPlannerErrors", "Codes read as their first-level class: {codes}"),
            FROM_2007: QT_TRANSLATE_NOOP("SbPlannerErrors", "GB/T 21010-2007 codes read as 2017 classes: {codes}"),
        }
        for rule, template in rules.items():
            items = self.approximated.get(rule)
            if items:
                text = ", ".join(f"{code} → {target} ({n})" for code, target, n in items[:20])
                out.append(("warning" if rule in (SUFFIX, FIRST_LEVEL) else "info", msg(template, codes=text)))
        return out


def resolve_codes(
    table: LanduseTable, values: Sequence, field_names: Sequence[str] = (), choice: int = VINTAGE_AUTO
) -> LanduseResolution:
    """Detect the vintage (:func:`detect_vintage`), then resolve each value once per distinct value.

    Unmapped codes come with their parcel counts, most frequent first (ties in order of appearance);
    a NULL code counts as "NULL". Every code not read as itself is listed by rule."""
    evidence = detect_vintage(values, field_names, table, choice)
    reader = table.in_vintage(evidence.vintage)
    classes: list[LanduseClass | None] = []
    unmapped: dict[str, int] = {}
    approximated: dict[str, dict[tuple[str, str], int]] = {}
    seen: dict = {}  # each distinct value resolved once (keyed with its type: 1 and True differ)
    for raw in values:
        key = (raw.__class__, raw)
        try:
            lu, how = seen[key]
        except KeyError:
            lu, how = seen[key] = reader.explain(raw)
        except TypeError:  # an unhashable value
            lu, how = reader.explain(raw)
        classes.append(lu)
        if lu is None:
            text = code_text(raw) or "NULL"
            unmapped[text] = unmapped.get(text, 0) + 1
        elif how != EXACT:
            item = (reader.mapped_code(raw) or "", f"{lu.code} {lu.name_zh}")
            counts = approximated.setdefault(how, {})
            counts[item] = counts.get(item, 0) + 1
    return LanduseResolution(
        classes,
        sorted(unmapped.items(), key=lambda kv: -kv[1]),
        evidence,
        reader.files.get(reader.table_name, reader.table_name),
        {rule: [(c, t, n) for (c, t), n in items.items()] for rule, items in approximated.items()},
    )
