"""The SL/T 447-2026 Appendix D design tables (设计成果表) as plain data, for step 6's workbook and report.

A :class:`DesignTable` is one table laid out as the standard prints it: a title, a unit line, header rows
with merged cells, body rows (per small watershed or 行政村, with total rows) and the decimals of each column
(the standard's precision rules, domain reference §1.3). The workbook writer
(:mod:`sbplanner_plugin.adapters.xlsx_export`) and the Word report (:mod:`sbplanner_plugin.adapters.docx_export`)
both render these objects, so the two deliverables always carry the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Body row kinds: a data row, a subtotal row (e.g. per 乡镇), the total row (合计).
DATA, SUBTOTAL, TOTAL = "data", "subtotal", "total"


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

    key: str  # the standard's number, e.g. "D.0.5"; also names the sheet
    title: str  # e.g. "水土流失现状表"
    header: list[list[str]]  # header rows, each as wide as the table; "" in cells covered by a merge
    rows: list[list[object]]  # body values: str, int, float or None (empty cell)
    row_kinds: list[str] = field(default_factory=list)  # DATA / SUBTOTAL / TOTAL per body row
    decimals: list[int | None] = field(default_factory=list)  # per column; None = text column
    merges: list[Merge] = field(default_factory=list)
    unit: str = ""  # the unit line under the title, e.g. "单位：hm²"
    notes: list[str] = field(default_factory=list)  # 注 lines under the table

    @property
    def width(self) -> int:
        return max([len(r) for r in self.header] + [len(r) for r in self.rows] + [0])
