"""Writes :class:`~sbplanner_plugin.core.design_tables.DesignTable` objects into an .xlsx workbook (openpyxl).

One sheet per table, laid out as the standard prints it: the title merged over the table's width, the unit
line right-aligned under it, the header rows with their merged cells (bold, centred, wrapped, shaded), the
body with thin borders and the number format of each column's decimals, subtotal and total rows bold, notes
(注) under the table; column widths from the content (CJK characters counted about double), panes frozen below the
header and right of the unit column, printed landscape, one page wide, the header repeated on every page.
Font: 宋体 (SimSun) for a Chinese workbook, Arial for an English one (a missing font is replaced by the office
program's own fallback).

The workbook is built in memory and written with
:func:`~sbplanner_plugin.adapters.deliverable_files.write_atomically`: a failure never leaves half a workbook
over a good one, and a workbook open in Excel / WPS / LibreOffice is refused (the old file is kept).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from sbplanner_plugin.adapters.deliverable_files import write_atomically
from sbplanner_plugin.core.design_tables import EN, SUBTOTAL, TOTAL, DesignTable

#: Fonts per workbook language (Chinese: 宋体, the font of Chinese design documents).
FONTS = {"zh": "SimSun", "en": "Arial"}
FONT_SIZE = 10
TITLE_SIZE = 14
HEADER_FILL = "F2F2F2"
#: Column widths (characters) of a sheet: at least, at most; a text column wraps beyond the maximum.
MIN_WIDTH, MAX_WIDTH = 6.0, 40.0
#: Excel's limits and forbidden characters of a sheet name.
SHEET_NAME_MAX = 31
SHEET_NAME_FORBIDDEN = set("[]:*?/\\")
#: Width of an East Asian wide character in Excel's column unit (the width of "0"), measured on 宋体 10 pt
#: rendered by LibreOffice: a little less than two.
WIDE = 1.8


def openpyxl_module():
    """openpyxl (a declared dependency, see :mod:`sbplanner_plugin.deps`), imported when a workbook is written."""
    import openpyxl

    return openpyxl


def number_format(decimals: int | None) -> str:
    """The Excel number format of a column: ``0`` for integers, ``0.00`` for 2 decimals; text: General."""
    if decimals is None:
        return "General"
    return "0" if decimals <= 0 else "0." + "0" * decimals


def text_width(text: object) -> float:
    """The display width of a cell's text in characters, its longest line (East Asian wide characters count
    :data:`WIDE`)."""
    lines = str(text if text is not None else "").split("\n")
    return max(sum(WIDE if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line) for line in lines)


def sheet_names(tables: Sequence[DesignTable]) -> list[str]:
    """A unique, valid Excel sheet name per table (its ``sheet`` or its key; ≤ 31 characters, no ``[]:*?/\\``)."""
    out: list[str] = []
    for table in tables:
        base = "".join("_" if ch in SHEET_NAME_FORBIDDEN else ch for ch in (table.sheet or table.key)).strip("'")
        base = base[:SHEET_NAME_MAX] or "Sheet"
        name, n = base, 2
        while name.lower() in {o.lower() for o in out}:
            suffix = f" ({n})"
            name, n = base[: SHEET_NAME_MAX - len(suffix)] + suffix, n + 1
        out.append(name)
    return out


def workbook(tables: Sequence[DesignTable], language: str = "zh"):
    """An openpyxl Workbook with one sheet per table, in order."""
    openpyxl = openpyxl_module()
    book = openpyxl.Workbook()
    book.remove(book.active)
    for table, name in zip(tables, sheet_names(tables)):
        render(book.create_sheet(name), table, language)
    return book


def render(ws, table: DesignTable, language: str = "zh") -> None:
    """Lay ``table`` out on the worksheet ``ws`` (title, unit line, header, body, notes, widths, print setup)."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    font_name = FONTS["en"] if language == EN else FONTS["zh"]
    plain, bold = Font(name=font_name, size=FONT_SIZE), Font(name=font_name, size=FONT_SIZE, bold=True)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    width = max(table.width, 1)
    decimals = list(table.decimals) + [None] * (width - len(table.decimals))
    widths = column_widths(table, width, decimals)
    centred = [d is None and widths[c] <= CENTRED_MAX for c, d in enumerate(decimals)]
    row = 1
    _banner(ws, row, width, table.title, Font(name=font_name, size=TITLE_SIZE, bold=True), "center")
    ws.row_dimensions[row].height = 24
    row += 1
    if table.unit:
        _banner(ws, row, width, table.unit, plain, "right")
        row += 1
    header_top = row
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    for r, cells in enumerate(table.header):
        for c in range(width):
            text = cells[c] if c < len(cells) else ""
            cell = ws.cell(header_top + r, c + 1, text or None)
            cell.font, cell.border, cell.fill = bold, border, fill
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for m in table.merges:
        ws.merge_cells(start_row=header_top + m.first_row, start_column=m.first_col + 1,
                       end_row=header_top + m.last_row, end_column=m.last_col + 1)  # fmt: skip
    for r, height in enumerate(header_heights(table, widths)):
        ws.row_dimensions[header_top + r].height = height
    body_top = header_top + len(table.header)
    formats = [number_format(d) for d in decimals]
    for i, values in enumerate(table.rows):
        kind = table.row_kinds[i] if i < len(table.row_kinds) else "data"
        font = bold if kind in (SUBTOTAL, TOTAL) else plain
        lines = 1
        for c in range(width):
            value = values[c] if c < len(values) else None
            cell = ws.cell(body_top + i, c + 1, value)
            cell.font, cell.border = font, border
            if decimals[c] is not None:
                cell.number_format = formats[c]
                cell.alignment = Alignment(horizontal="right", vertical="center")
            else:
                cell.alignment = Alignment(horizontal="center" if centred[c] else "left", vertical="center",
                                           wrap_text=True)  # fmt: skip
                lines = max(lines, line_count(value, widths[c]))
        if lines > 1:
            ws.row_dimensions[body_top + i].height = LINE_HEIGHT * lines
    row = body_top + len(table.rows)
    for note in table.notes:
        row += 1
        _banner(ws, row, width, note, plain, "left", wrap=True)
        ws.row_dimensions[row].height = LINE_HEIGHT * line_count(note, sum(widths))
    for c, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = round(w, 1)
    ws.freeze_panes = ws.cell(body_top, 2 if width > 1 else 1)
    ws.print_title_rows = f"{header_top}:{body_top - 1}"
    total = sum(widths)
    ws.page_setup.orientation = "landscape" if total > PORTRAIT_MAX else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A3 if total > A4_MAX else ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True


#: Row height of one line of 10-point text (points); text columns up to this width are centred (codes, names).
LINE_HEIGHT = 14.0
CENTRED_MAX = 16.0
#: Header labels wrap beyond this width (characters): numeric columns stay narrow.
HEADER_WRAP = 9.0
#: Sheets wider than this (characters) print landscape; wider than A4_MAX on A3.
PORTRAIT_MAX, A4_MAX = 100.0, 170.0


def _banner(ws, row: int, width: int, text: str, font, horizontal: str, wrap: bool = False) -> None:
    """A line over the table's whole width: the title, the unit line, a note."""
    from openpyxl.styles import Alignment

    cell = ws.cell(row, 1, text)
    cell.font = font
    cell.alignment = Alignment(horizontal=horizontal, vertical="top" if wrap else "center", wrap_text=wrap)
    if width > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def line_count(text: object, width: float) -> int:
    """Lines a wrapped text takes in a column ``width`` characters wide."""
    if text is None or text == "":
        return 1
    usable = max(width - 1.5, 1.0)
    return sum(max(1, math.ceil(text_width(line) / usable)) for line in str(text).split("\n"))


def column_widths(table: DesignTable, width: int, decimals: list) -> list[float]:
    """Column widths (characters): the widest value shown (text columns up to :data:`MAX_WIDTH`, wider for a
    two-column table such as the cover), at least what the header labels need wrapped to two or three lines
    (a merged label spread over its columns)."""
    widest = MAX_WIDTH if width > 3 else 2.2 * MAX_WIDTH
    widths = [MIN_WIDTH] * width
    for values in table.rows:
        for c in range(min(width, len(values))):
            shown = _shown(values[c], decimals[c]) if decimals[c] is not None else values[c]
            need = text_width(shown) + 1.5
            widths[c] = max(widths[c], need if decimals[c] is not None else min(need, widest))
    spans = {(m.first_row, m.first_col): m.last_col - m.first_col + 1 for m in table.merges}
    for r, cells in enumerate(table.header):
        for c, text in enumerate(cells[:width]):
            if not text:
                continue
            span = spans.get((r, c), 1)
            need = text_width(text) + 2
            if span == 1 and need > HEADER_WRAP:
                need = max(HEADER_WRAP, need / (2 if need <= 2 * HEADER_WRAP else 3) + 2)
            per = min(need / span, MAX_WIDTH)
            for k in range(c, min(c + span, width)):
                widths[k] = max(widths[k], per)
    return widths


def header_heights(table: DesignTable, widths: list[float]) -> list[float]:
    """The height of each header row: its most wrapped label (a label merged down over several rows shares them)."""
    spans = {(m.first_row, m.first_col): m for m in table.merges}
    heights = [LINE_HEIGHT + 2] * len(table.header)
    for r, cells in enumerate(table.header):
        for c, text in enumerate(cells[: len(widths)]):
            if not text:
                continue
            m = spans.get((r, c))
            cols = range(c, (m.last_col if m else c) + 1)
            rows = (m.last_row - m.first_row + 1) if m else 1
            lines = line_count(text, sum(widths[k] for k in cols))
            heights[r] = max(heights[r], LINE_HEIGHT * lines / rows + 2)
    return heights


def _shown(value: object, decimals: int) -> str:
    if not isinstance(value, (int, float)):
        return "" if value is None else str(value)
    return f"{value:.{max(decimals, 0)}f}"


def write_workbook(tables: Sequence[DesignTable], path: str | Path, language: str = "zh") -> Path:
    """Write the tables into the .xlsx ``path`` atomically (see the module doc); returns the path."""
    book = workbook(tables, language)
    target = Path(path)
    write_atomically(target, lambda temporary: book.save(str(temporary)))
    return target
