"""Land-use codes: GB/T 21010-2017 / 三调 codes out of the box, user mappings for other lists."""

from __future__ import annotations

import csv
import io

from sbplanner_plugin.core.definitions import code_text
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, msg
from sbplanner_plugin.core.params import NOT_A_NUMBER, LanduseClass, ParamTableError

__all__ = ["LanduseTable", "code_text", "parse_mapping", "parse_soil_k"]


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


class LanduseTable:
    """Resolves parcel land-use codes to GB/T 21010 classes.

    Lookup order for a raw code: the user mapping (if any); the exact GB/T 21010 / 三调 code;
    the code without a 三调 suffix (0201K → 0201, 可调整 land); a 3-digit number zero-padded
    (103 from a numeric field → 0103); the first-level code (0508 → 05 when only 05 is
    listed). ``None`` means unmapped: the caller reports it by value and count.
    """

    def __init__(self, classes: dict[str, LanduseClass], mapping: dict[str, str] | None = None) -> None:
        self.classes = classes
        self.mapping = mapping or {}

    def resolve(self, raw: object) -> LanduseClass | None:
        code = code_text(raw)
        if code is None:
            return None
        if self.mapping:
            target = self.mapping.get(code)
            if target is None:
                target = code  # codes already in GB/T 21010 may pass through a partial mapping
            code = target
        for candidate in self._candidates(code):
            found = self.classes.get(candidate)
            if found is not None:
                return found
        return None

    def lookup(self, raw: object) -> tuple[str, str, str] | None:
        """(gbt21010 code, Chinese name, first-level group) or None when unmapped."""
        found = self.resolve(raw)
        return None if found is None else (found.code, found.name_zh, found.group)

    @staticmethod
    def _candidates(code: str) -> list[str]:
        out = [code]
        stripped = code.rstrip("KkHh") if len(code) > 4 else code
        if stripped != code:
            out.append(stripped)
        if code.isdigit() and len(code) == 3:
            out.append(code.zfill(4))
        base = out[-1]
        if len(base) >= 2 and base[:2].isdigit():
            out.append(base[:2])
        return out
