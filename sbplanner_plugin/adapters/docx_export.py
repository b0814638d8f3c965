"""Writes the step-6 Word report (python-docx) from a :class:`~sbplanner_plugin.core.report.Report`: headings,
paragraphs with highlighted placeholders, the :class:`~sbplanner_plugin.core.design_tables.DesignTable` objects
as Word tables and the map images, into a template's styles, page set-up, headers and footers.

The template is ``resources/report/template.docx`` (made by ``resources/report/make_template.py`` with
:func:`apply_house_styles`) or the user's own (.docx or .dotx): its styles are used where their names exist
(Word's built-in names — ``Heading 1`` is 标题 1 in a Chinese Word — or the Chinese names), the missing ones
are added with the house definitions; its body text is not kept. House style (common practice of Chinese
design reports): 正文 宋体 小四 (12 pt), 1.5 line spacing, first line indented two characters; 标题 1–3
黑体 三号 / 四号 / 小四; tables 宋体 五号 (smaller when a table is wide) with borders, captions 黑体 五号,
表 n above a table and 图 n below a figure; A4, margins top / bottom 2.5 cm, left 3.0 cm (binding), right 2.5 cm;
page numbers centred in the footer.

A table wider than the portrait text column goes into a landscape section; header rows repeat on every page
and never split; total and subtotal rows are bold; numbers carry their column's decimals. Only python-docx
0.8.11 API is used (the oldest the plugin supports: Debian 12's python3-docx), plus its ``oxml`` helpers for
what that API has no call for (East Asian fonts, repeated header rows, fields).
"""

from __future__ import annotations

import io
import math
import os
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sbplanner_plugin.adapters.deliverable_files import write_atomically
from sbplanner_plugin.core.design_tables import SUBTOTAL, TOTAL, DesignTable
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, Msg, SbPlannerError, msg
from sbplanner_plugin.core.report import PLACEHOLDER, FigureBlock, Heading, Paragraph, Report, TableBlock
from sbplanner_plugin.paths import resources_path

#: Content type of the main part of a Word template (.dotx); python-docx opens only documents.
DOTX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

#: Page set-up of the house template (cm): A4, binding on the left.
A4_CM = (21.0, 29.7)
MARGINS_CM = {"top": 2.5, "bottom": 2.5, "left": 3.0, "right": 2.5, "header": 1.5, "footer": 1.75}
#: Table font sizes tried, largest first (五号, 小五, 六号); cell padding (pt, left + right).
TABLE_SIZES_PT = (10.5, 9.0, 7.5)
#: Least height of a table row (cm): room above and below one line of 五号.
ROW_HEIGHT_CM = 0.6
#: Bold text is this much wider.
BOLD_WIDTH = 1.08
CELL_MARGIN_TWIPS = 57  # 0.1 cm left and right
CELL_PADDING_PT = 2 * CELL_MARGIN_TWIPS / 20 + 1.0  # + a little for rounding in the layout
#: Widest a figure may be drawn, as a share of the text height (leaves room for the caption).
FIGURE_HEIGHT_SHARE = 0.8


class ReportTemplateError(SbPlannerError):
    key = "report_template"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "The report template {path} cannot be used: {reason}")


TEMPLATE_MISSING = QT_TRANSLATE_NOOP("SbPlannerErrors", "the file does not exist")
TEMPLATE_NOT_DOCX = QT_TRANSLATE_NOOP(
    "SbPlannerErrors", "it is not a Word document (.docx or .dotx; an old .doc or .wps must be saved as .docx first)"
)
IMAGE_UNREADABLE = QT_TRANSLATE_NOOP(
    "SbPlannerErrors", "Figure {number}: {file} is not a readable image ({reason}); a placeholder is left"
)


# -- house styles ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StyleSpec:
    """One style of the house template; ``aliases`` are the names a Chinese template may give it."""

    name: str
    kind: str  # "paragraph", "character", "table"
    aliases: tuple[str, ...] = ()
    east_asia: str | None = None
    latin: str | None = None
    size_pt: float | None = None
    bold: bool | None = None
    color: str | None = None  # RRGGBB
    align: str | None = None  # left, center, right, justify
    line_spacing: float | None = None  # multiple of single
    first_line_chars: int | None = None  # first-line indent in characters (0 = none)
    before_pt: float | None = None
    after_pt: float | None = None
    keep_with_next: bool | None = None
    page_break_before: bool | None = None
    outline_level: int | None = None  # 0 = Heading 1 (the table of contents reads it)


SONG, HEI, LATIN = "宋体", "黑体", "Times New Roman"
TABLE_TEXT = "SBPlanner Table Text"
TABLE_NOTE = "SBPlanner Table Note"
PLACEHOLDER_STYLE = "SBPlanner Placeholder"
HOUSE_STYLES = (
    StyleSpec("Normal", "paragraph", ("正文",), SONG, LATIN, 12, False, "000000", "justify", 1.5, 2, 0, 0),
    StyleSpec("Heading 1", "paragraph", ("标题 1",), HEI, LATIN, 16, False, "000000", "left", 1.5, 0, 12, 12,
              True, True, 0),
    StyleSpec("Heading 2", "paragraph", ("标题 2",), HEI, LATIN, 14, False, "000000", "left", 1.5, 0, 6, 6, True,
              False, 1),
    StyleSpec("Heading 3", "paragraph", ("标题 3",), HEI, LATIN, 12, False, "000000", "left", 1.5, 0, 6, 0, True,
              False, 2),
    StyleSpec("Title", "paragraph", ("标题",), HEI, LATIN, 22, False, "000000", "center", 1.5, 0, 0, 12),
    StyleSpec("Subtitle", "paragraph", ("副标题",), HEI, LATIN, 16, False, "000000", "center", 1.5, 0, 0, 12),
    StyleSpec("Caption", "paragraph", ("题注",), HEI, LATIN, 10.5, False, "000000", "center", 1.0, 0, 6, 6, True),
    StyleSpec(TABLE_TEXT, "paragraph", ("表格文字",), SONG, LATIN, 10.5, False, "000000", "center", 1.0, 0, 0, 0),
    StyleSpec(TABLE_NOTE, "paragraph", ("表注",), SONG, LATIN, 9, False, "000000", "left", 1.0, 0, 0, 0),
    StyleSpec(PLACEHOLDER_STYLE, "character", ("待补充",), color="C00000"),
    StyleSpec("Table Grid", "table", ("网格型",)),
)  # fmt: skip


def _docx():
    """python-docx (a declared dependency, see :mod:`sbplanner_plugin.deps`), imported when a report is written."""
    import docx

    return docx


def docx_module():
    return _docx()


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _element(tag: str, **attributes: str):
    from docx.oxml import OxmlElement

    el = OxmlElement(tag)
    for key, value in attributes.items():
        el.set(_qn(f"w:{key}"), value)
    return el


def set_fonts(r_pr, east_asia: str | None, latin: str | None) -> None:
    """Explicit fonts on a ``w:rPr`` (a style's or a run's): East Asian and Latin, theme fonts removed (a theme
    font attribute wins over the explicit one in Word)."""
    fonts = r_pr.get_or_add_rFonts()
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(_qn(f"w:{attr}"), None)
    if latin:
        for attr in ("ascii", "hAnsi", "cs"):
            fonts.set(_qn(f"w:{attr}"), latin)
    if east_asia:
        fonts.set(_qn("w:eastAsia"), east_asia)


def find_style(document, spec: StyleSpec):
    """The document's style for ``spec`` (its name or an alias), or None."""
    from docx.enum.style import WD_STYLE_TYPE

    kinds = {"paragraph": WD_STYLE_TYPE.PARAGRAPH, "character": WD_STYLE_TYPE.CHARACTER, "table": WD_STYLE_TYPE.TABLE}
    for name in (spec.name, *spec.aliases):
        for style in document.styles:
            if style.type == kinds[spec.kind] and style.name is not None and style.name.lower() == name.lower():
                return style
    return None


def _style_id(name: str) -> str:
    return name.replace(" ", "")


def apply_house_styles(document, replace: bool) -> dict[str, object]:
    """Define the house styles in ``document``: all of them (``replace``: the house template itself), or only
    those the document lacks (a user's template keeps its own). Returns ``{house name: style}``."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    kinds = {"paragraph": WD_STYLE_TYPE.PARAGRAPH, "character": WD_STYLE_TYPE.CHARACTER, "table": WD_STYLE_TYPE.TABLE}
    aligns = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
              "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}  # fmt: skip
    if replace:
        _house_defaults(document)
    out = {}
    for spec in HOUSE_STYLES:
        style = find_style(document, spec)
        if style is not None and not replace:
            out[spec.name] = style
            continue
        if style is None:
            style = document.styles.add_style(spec.name, kinds[spec.kind])
            if spec.kind == "paragraph" and spec.name != "Normal":
                style.base_style = document.styles["Normal"]
            if spec.kind == "table":
                _grid_borders(style.element)
        out[spec.name] = style
        if spec.kind == "table":
            continue
        font = style.font
        if spec.size_pt is not None:
            font.size = Pt(spec.size_pt)
        if spec.bold is not None:
            font.bold = spec.bold
        if spec.kind == "paragraph":
            font.italic = False  # the house styles are never italic (python-docx's Subtitle is)
        if spec.color:
            font.color.rgb = RGBColor.from_string(spec.color)
        if spec.east_asia or spec.latin:
            set_fonts(style.element.get_or_add_rPr(), spec.east_asia, spec.latin)
        if spec.kind != "paragraph":
            continue
        pf = style.paragraph_format
        border = style.element.get_or_add_pPr().find(_qn("w:pBdr"))
        if border is not None:  # python-docx's Title is underlined by a border
            border.getparent().remove(border)
        if spec.align:
            pf.alignment = aligns[spec.align]
        if spec.line_spacing is not None:
            pf.line_spacing = spec.line_spacing
        if spec.before_pt is not None:
            pf.space_before = Pt(spec.before_pt)
        if spec.after_pt is not None:
            pf.space_after = Pt(spec.after_pt)
        if spec.keep_with_next is not None:
            pf.keep_with_next = spec.keep_with_next
        if spec.page_break_before is not None:
            pf.page_break_before = spec.page_break_before
        if spec.first_line_chars is not None:
            _first_line_chars(style.element.get_or_add_pPr(), spec.first_line_chars, spec.size_pt or 12)
        if spec.outline_level is not None:
            _outline_level(style.element.get_or_add_pPr(), spec.outline_level)
    return out


def _house_defaults(document) -> None:
    """Document defaults of the house template: explicit fonts (no theme fonts), Chinese East Asian language,
    no spacing after paragraphs."""
    styles = document.styles.element
    defaults = styles.find(_qn("w:docDefaults"))
    if defaults is None:
        return
    r_pr = defaults.find(f"{_qn('w:rPrDefault')}/{_qn('w:rPr')}")
    if r_pr is not None:
        set_fonts(r_pr, SONG, LATIN)
        lang = r_pr.find(_qn("w:lang"))
        if lang is None:
            lang = r_pr.insert_element_before(_element("w:lang"), "w:eastAsianLayout", "w:specVanish", "w:oMath")
        lang.set(_qn("w:eastAsia"), "zh-CN")
    p_pr = defaults.find(f"{_qn('w:pPrDefault')}/{_qn('w:pPr')}")
    if p_pr is not None:
        spacing = p_pr.find(_qn("w:spacing"))
        if spacing is not None:
            p_pr.remove(spacing)


def _first_line_chars(p_pr, chars: int, size_pt: float) -> None:
    """First-line indent in characters (``w:firstLineChars``, Word and WPS) and in twips (the others)."""
    ind = p_pr.get_or_add_ind()
    for attr in ("firstLine", "firstLineChars", "hanging", "hangingChars"):
        ind.attrib.pop(_qn(f"w:{attr}"), None)
    ind.set(_qn("w:firstLineChars"), str(100 * chars))
    ind.set(_qn("w:firstLine"), str(round(chars * size_pt * 20)))


def no_indent(paragraph) -> None:
    """No first-line indent on ``paragraph`` (in characters too: a style's ``w:firstLineChars`` would win over a
    direct indent of 0 twips)."""
    _first_line_chars(paragraph._p.get_or_add_pPr(), 0, 12)


def _outline_level(p_pr, level: int) -> None:
    el = p_pr.find(_qn("w:outlineLvl"))
    if el is None:
        el = p_pr.insert_element_before(_element("w:outlineLvl"), *_PPR_AFTER_OUTLINE)
    el.set(_qn("w:val"), str(level))


#: Children of w:pPr after w:outlineLvl, and of w:tblPr after w:tblBorders / w:tblCellMar (schema order).
_PPR_AFTER_OUTLINE = ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_TBLPR_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
                        "w:tblPrChange")  # fmt: skip
#: Children of w:settings after w:updateFields (schema order; python-docx 0.8.11 knows no m: / sl: prefix here).
_SETTINGS_AFTER_UPDATE = ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids",
                          "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
                          "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown",
                          "w:smartTagType", "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol",
                          "w:listSeparator")  # fmt: skip
_TBLPR_AFTER_MARGINS = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def _grid_borders(style_element) -> None:
    t_pr = style_element.find(_qn("w:tblPr"))
    if t_pr is None:
        t_pr = style_element.insert_element_before(_element("w:tblPr"), "w:trPr", "w:tcPr", "w:tblStylePr")
    t_pr.insert_element_before(_borders(), *_TBLPR_AFTER_BORDERS)


def _borders():
    borders = _element("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_element(f"w:{side}", val="single", sz="4", space="0", color="000000"))
    return borders


def page_setup(section, landscape: bool = False) -> None:
    """A4 with the house margins (a landscape page turns them with the paper: binding at the top)."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    width, height = A4_CM
    m = MARGINS_CM
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(height), Cm(width)
        section.top_margin, section.bottom_margin = Cm(m["left"]), Cm(m["right"])
        section.left_margin, section.right_margin = Cm(m["bottom"]), Cm(m["top"])
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(width), Cm(height)
        section.top_margin, section.bottom_margin = Cm(m["top"]), Cm(m["bottom"])
        section.left_margin, section.right_margin = Cm(m["left"]), Cm(m["right"])
    section.header_distance, section.footer_distance = Cm(m["header"]), Cm(m["footer"])


def add_field(paragraph, instruction: str, shown: str = "") -> None:
    """A Word field (PAGE, TOC …) in ``paragraph``, showing ``shown`` until the reader updates it."""
    run = paragraph.add_run()
    run._r.append(_element("w:fldChar", fldCharType="begin"))
    text = _element("w:instrText")
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    text.text = f" {instruction} "
    paragraph.add_run()._r.append(text)
    paragraph.add_run()._r.append(_element("w:fldChar", fldCharType="separate"))
    paragraph.add_run(shown)
    paragraph.add_run()._r.append(_element("w:fldChar", fldCharType="end"))


def page_number_footer(section) -> None:
    """The page number, centred in ``section``'s footer."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.text = ""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    no_indent(paragraph)
    add_field(paragraph, "PAGE", "1")


# -- the template ----------------------------------------------------------------------------------------
def open_template(path: str | os.PathLike | None):
    """The python-docx Document of ``path`` (a .docx or .dotx), or of the house template when None; its body
    emptied (section properties, headers and footers kept). A file that is not a Word document raises
    :class:`ReportTemplateError`."""
    docx = _docx()
    if path is None or str(path) == "":
        document = docx.Document(str(resources_path("report", "template.docx")))
        styles = apply_house_styles(document, replace=False)
    else:
        source = Path(path)
        if not source.is_file():
            raise ReportTemplateError(path=str(source), reason=TEMPLATE_MISSING)
        try:
            document = docx.Document(io.BytesIO(_as_document_bytes(source.read_bytes())))
        except Exception as exc:  # python-docx raises zipfile, KeyError, ValueError, lxml errors on a foreign file
            raise ReportTemplateError(path=str(source), reason=TEMPLATE_NOT_DOCX) from exc
        styles = apply_house_styles(document, replace=False)
    _empty_body(document)
    return document, styles


def check_template(path: str | os.PathLike | None) -> None:
    """Raise :class:`ReportTemplateError` now (before the plan is read) when ``path`` is not a usable template."""
    if path is not None and str(path) != "":
        open_template(path)


def _as_document_bytes(data: bytes) -> bytes:
    """A .dotx's bytes with its main part declared a document (what Word does on File ▸ New from it)."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        types = source.read("[Content_Types].xml")
        if DOTX_TYPE.encode() not in types:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                content = source.read(item.filename)
                if item.filename == "[Content_Types].xml":
                    content = content.replace(DOTX_TYPE.encode(), DOCX_TYPE.encode())
                target.writestr(item, content)
        return out.getvalue()


def _empty_body(document) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != _qn("w:sectPr"):
            body.remove(child)


# -- tables ----------------------------------------------------------------------------------------------
def text_width_em(text: str) -> float:
    """Width of ``text`` in em, a little generous: full-width (CJK) characters 1, Times New Roman's digits 0.5,
    capitals ≈ 0.72 (W, M ≈ 0.95), lower case ≈ 0.5, punctuation ≈ 0.3."""
    return 1.04 * sum(_char_em(ch) for ch in text)


def _char_em(ch: str) -> float:
    if _wide(ch):
        return 1.0
    if ch.isdigit() or ch.islower():
        return 0.5
    if ch in "WM":
        return 0.95
    if ch.isupper():
        return 0.72
    if ch in " .,:;'!|-/()[]":
        return 0.33
    return 0.56


def _wide(ch: str) -> bool:
    code = ord(ch)
    return code >= 0x2E80 and not (0xFF61 <= code <= 0xFFDC)


def _min_wrap_em(text: str) -> float:
    """Narrowest a header text can wrap to: CJK wraps between any two characters (kept in pairs), Latin words
    whole."""
    widest = 0.0
    for word in text.replace("/", "/ ").split():
        if any(_wide(ch) for ch in word):
            widest = max(widest, min(text_width_em(word), 2.0))
        else:
            widest = max(widest, text_width_em(word))
    return widest


def cell_text(value: object, decimals: int | None) -> str:
    """A body cell's text: numbers with the column's decimals (no "-0.00"), None / NaN empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        v = float(value)
        if not math.isfinite(v):
            return ""
        if decimals is None:
            return str(value) if isinstance(value, int) else f"{v:g}"
        return f"{round(v, decimals) + 0.0:.{decimals}f}"
    return str(value)


@dataclass(frozen=True)
class TableLayout:
    landscape: bool
    font_pt: float
    widths_pt: list[float]


def plan_table(table: DesignTable, portrait_pt: float, landscape_pt: float) -> TableLayout:
    """Font size, orientation and column widths of ``table``: portrait when it fits (at 五号, then 小五), else
    landscape (五号, 小五, 六号), the text column filled; numbers never wrap, headers and text cells may."""
    n = table.width
    decimals = list(table.decimals) + [None] * (n - len(table.decimals))
    covered = _covered(table)
    body_em = [0.0] * n
    kinds = list(table.row_kinds) + [""] * len(table.rows)
    for row, kind in zip(table.rows, kinds):
        bold = BOLD_WIDTH if kind in (TOTAL, SUBTOTAL) else 1.0
        for j in range(n):
            value = row[j] if j < len(row) else None
            body_em[j] = max(body_em[j], bold * text_width_em(cell_text(value, decimals[j])))
    head_em, head_min = [0.0] * n, [0.0] * n
    spans = []
    for r, row in enumerate(table.header):
        for j in range(n):
            text = str(row[j] if j < len(row) else "")
            if not text or (r, j) in covered:
                continue
            span = _span(table, r, j)
            if span == 1:
                head_em[j] = max(head_em[j], text_width_em(text))
                head_min[j] = max(head_min[j], _min_wrap_em(text))
            else:
                spans.append((j, span, text_width_em(text)))
    pref_em, min_em = [], []
    for j in range(n):
        if decimals[j] is None:  # a text column wraps
            min_em.append(max(head_min[j], min(body_em[j], 7.0), 1.0))
            pref_em.append(max(min_em[j], min(body_em[j], 14.0), min(head_em[j], 6.0)))
        else:
            min_em.append(max(head_min[j], body_em[j], 1.0))
            pref_em.append(max(min_em[j], min(head_em[j], 5.0)))
    for j, span, width in spans:  # a merged header wants its columns wide enough for one line
        have = sum(pref_em[j : j + span])
        if have < width:
            for k in range(j, j + span):
                pref_em[k] *= width / have
    for landscape, width_pt in ((False, portrait_pt), (True, landscape_pt)):
        for size in TABLE_SIZES_PT if landscape else TABLE_SIZES_PT[:2]:
            pref = [e * size + CELL_PADDING_PT for e in pref_em]
            low = [e * size + CELL_PADDING_PT for e in min_em]
            if sum(pref) <= width_pt:
                return TableLayout(landscape, size, _fill(pref, pref, width_pt))
            if sum(low) <= width_pt:
                return TableLayout(landscape, size, _fill(low, pref, width_pt))
    size = TABLE_SIZES_PT[-1]
    low = [e * size + CELL_PADDING_PT for e in min_em]
    return TableLayout(True, size, [w * landscape_pt / sum(low) for w in low])


def _fill(low: Sequence[float], pref: Sequence[float], width: float) -> list[float]:
    """Widths from ``low`` towards ``pref`` (then beyond, in proportion) summing to ``width``."""
    room = width - sum(low)
    grow = [p - lo for p, lo in zip(pref, low)]
    if sum(grow) >= room and sum(grow) > 0:
        return [lo + g * room / sum(grow) for lo, g in zip(low, grow)]
    out = list(pref)
    return [w * width / sum(out) for w in out]


def _covered(table: DesignTable) -> set[tuple[int, int]]:
    """Header cells inside a merge but not its top-left cell."""
    out = set()
    for m in table.merges:
        for r in range(m.first_row, m.last_row + 1):
            for c in range(m.first_col, m.last_col + 1):
                if (r, c) != (m.first_row, m.first_col):
                    out.add((r, c))
    return out


def _span(table: DesignTable, r: int, c: int) -> int:
    for m in table.merges:
        if (m.first_row, m.first_col) == (r, c):
            return m.last_col - m.first_col + 1
    return 1


# -- the writer ------------------------------------------------------------------------------------------
class _Renderer:
    def __init__(self, document, styles: dict, report: Report) -> None:
        from docx.shared import Emu

        self.doc = document
        self.styles = styles
        self.report = report
        self.notes: list[Msg] = []
        self.layouts: dict[int, TableLayout] = {}
        section = document.sections[-1]
        self.landscape = False
        portrait = section.page_width < section.page_height
        width = section.page_width - section.left_margin - section.right_margin
        height = section.page_height - section.top_margin - section.bottom_margin
        self.text_width = Emu(width if portrait else height)  # the template's own page
        self.text_height = Emu(height if portrait else width)
        self.base = (section.page_width, section.page_height, section.left_margin, section.right_margin,
                     section.top_margin, section.bottom_margin)  # fmt: skip

    def layout(self, block: TableBlock) -> TableLayout:
        """The table's layout (computed once); a landscape page's text width is the portrait text height (its
        margins turn with the paper)."""
        from docx.shared import Emu

        key = id(block)
        if key not in self.layouts:
            self.layouts[key] = plan_table(block.table, Emu(self.text_width).pt, Emu(self.text_height).pt)
        return self.layouts[key]

    def style(self, name: str):
        return self.styles.get(name)

    def paragraph(self, text: str = "", style: str | None = "Normal"):
        p = self.doc.add_paragraph(style=self.style(style) if style else None)
        if text:
            self.runs(p, text)
        return p

    def runs(self, paragraph, text: str) -> None:
        """``text`` into ``paragraph``, placeholders in the placeholder style and highlighted."""
        from docx.enum.text import WD_COLOR_INDEX

        pos = 0
        for match in PLACEHOLDER.finditer(text):
            if match.start() > pos:
                paragraph.add_run(text[pos : match.start()])
            run = paragraph.add_run(match.group(0), style=self.style(PLACEHOLDER_STYLE))
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            pos = match.end()
        if pos < len(text):
            paragraph.add_run(text[pos:])

    def orient(self, landscape: bool) -> None:
        """Start a new section in the other orientation (portrait = the template's own page)."""
        if landscape == self.landscape:
            return
        from docx.enum.section import WD_ORIENT, WD_SECTION

        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.different_first_page_header_footer = False  # the cover's "no page number" stays on the cover
        width, height, left, right, top, bottom = self.base
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = max(width, height), min(width, height)
            section.top_margin, section.bottom_margin = left, right  # the binding edge turns to the top
            section.left_margin, section.right_margin = bottom, top
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = width, height
            section.left_margin, section.right_margin, section.top_margin, section.bottom_margin = (
                left,
                right,
                top,
                bottom,
            )
        self.landscape = landscape

    def cover(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
        from docx.shared import Pt

        report = self.report
        self.doc.sections[0].different_first_page_header_footer = True  # no page number on the cover
        spacer = self.paragraph("", "Normal")
        spacer.paragraph_format.space_before = Pt(120)
        self.paragraph(report.title, "Title")
        self.paragraph(report.subtitle, "Subtitle")
        for line in report.cover_lines:
            p = self.paragraph(line, "Normal")
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            no_indent(p)
        self.paragraph("", "Normal").add_run().add_break(WD_BREAK.PAGE)
        contents = self.paragraph("目录" if report.language == "zh" else "Contents", "Subtitle")
        contents.paragraph_format.keep_with_next = True
        shown = "（在 Word 中右键单击此处，选择“更新域”生成目录）" if report.language == "zh" else (
            "(right-click here in Word and choose Update Field to build the table of contents)")  # fmt: skip
        toc = self.paragraph("", "Normal")
        no_indent(toc)
        add_field(toc, 'TOC \\o "1-3" \\h \\z \\u', shown)
        settings = self.doc.settings.element  # Word offers to update the fields (the contents) on opening
        if settings.find(_qn("w:updateFields")) is None:
            settings.insert_element_before(_element("w:updateFields", val="true"), *_SETTINGS_AFTER_UPDATE)

    def render(self) -> None:
        self.cover()
        for chapter in self.report.chapters:
            blocks = [Heading(chapter.title, 1), *chapter.blocks]
            for k, block in enumerate(blocks):
                if isinstance(block, Heading):
                    # a heading goes with what follows it: onto the landscape page of a wide table
                    following = next((b for b in blocks[k + 1 :] if not isinstance(b, Heading)), None)
                    self.orient(isinstance(following, TableBlock) and self.layout(following).landscape)
                    self.paragraph(block.text, f"Heading {min(max(block.level, 1), 3)}")
                elif isinstance(block, Paragraph):
                    self.orient(False)
                    self.paragraph(block.text)
                elif isinstance(block, TableBlock):
                    self.table(block)
                elif isinstance(block, FigureBlock):
                    self.orient(False)
                    self.figure(block)

    def table(self, block: TableBlock) -> None:
        from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm, Pt

        t = block.table
        layout = self.layout(block)
        row_height = Cm(ROW_HEIGHT_CM)
        self.orient(layout.landscape)
        self.paragraph(block.caption, "Caption").paragraph_format.keep_with_next = True
        if t.unit:
            unit = self.paragraph(t.unit, TABLE_NOTE)
            unit.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            unit.paragraph_format.keep_with_next = True
        n = t.width
        if n == 0:
            return
        rows = len(t.header) + len(t.rows)
        word = self.doc.add_table(rows=rows, cols=n)
        grid = self.style("Table Grid")
        if grid is not None:
            word.style = grid
        else:
            word._tbl.tblPr.insert_element_before(_borders(), *_TBLPR_AFTER_BORDERS)
        word.alignment = WD_TABLE_ALIGNMENT.CENTER
        word.autofit = False
        widths = [Pt(w) for w in layout.widths_pt]
        _table_width(word, sum(widths))
        for j, column in enumerate(word.columns):
            column.width = widths[j]
        decimals = list(t.decimals) + [None] * (n - len(t.decimals))
        kinds = list(t.row_kinds) + [""] * (len(t.rows) - len(t.row_kinds))
        for i, row in enumerate(word.rows):
            header = i < len(t.header)
            values = t.header[i] if header else t.rows[i - len(t.header)]
            bold = (not header) and kinds[i - len(t.header)] in (TOTAL, SUBTOTAL)
            _row_flags(row, header)
            row.height, row.height_rule = row_height, WD_ROW_HEIGHT_RULE.AT_LEAST
            for j, cell in enumerate(row.cells):
                cell.width = widths[j]
                value = values[j] if j < len(values) else None
                text = str(value or "") if header else cell_text(value, decimals[j])
                self.cell(cell, text, layout.font_pt, bold, header or decimals[j] is not None)
        for m in t.merges:
            merged = word.cell(m.first_row, m.first_col).merge(word.cell(m.last_row, m.last_col))
            for extra in merged.paragraphs[1:]:  # merging keeps one empty paragraph per covered cell
                if not extra.text:
                    extra._p.getparent().remove(extra._p)
        for note in t.notes:
            self.paragraph(note, TABLE_NOTE)
        spacer = self.paragraph("", TABLE_NOTE)
        spacer.paragraph_format.space_after = Pt(6)

    def cell(self, cell, text: str, size_pt: float, bold: bool, centred: bool) -> None:
        from docx.enum.table import WD_ALIGN_VERTICAL
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        p = cell.paragraphs[0]
        p.style = self.style(TABLE_TEXT)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
        if text:
            run = p.add_run(text)
            if bold:
                run.font.bold = True
            if size_pt != TABLE_SIZES_PT[0]:
                run.font.size = Pt(size_pt)

    def figure(self, block: FigureBlock) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        p = self.paragraph("", "Normal")
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        pf = p.paragraph_format
        pf.line_spacing, pf.keep_with_next = 1.0, True
        no_indent(p)
        drawn = False
        if block.image:
            try:
                shape = p.add_run().add_picture(block.image)
            except Exception as exc:  # python-docx: UnrecognizedImageError, OSError, a damaged PNG …
                p._p.getparent().remove(p._p)
                p = self.paragraph("", "Normal")
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                p.paragraph_format.keep_with_next = True
                no_indent(p)
                self.notes.append(msg(IMAGE_UNREADABLE, number=str(block.number), file=Path(block.image).name,
                                      reason=type(exc).__name__))  # fmt: skip
            else:
                scale = min(1.0, self.text_width / shape.width, FIGURE_HEIGHT_SHARE * self.text_height / shape.height)
                shape.width, shape.height = int(shape.width * scale), int(shape.height * scale)
                drawn = True
        if not drawn:
            text = block.placeholder or (
                f"【待补充：插入{block.caption}】"
                if self.report.language == "zh"
                else f"[to be completed: {block.caption}]"
            )
            self.runs(p, text)
        self.paragraph(block.caption, "Caption").paragraph_format.keep_with_next = False


def _table_width(table, width_emu: int) -> None:
    """The table's preferred width (``w:tblW``, twips) and narrow cell margins (0.1 cm): LibreOffice sizes a
    table of ``auto`` width by its content, not by its grid."""
    t_pr = table._tbl.tblPr
    tbl_w = t_pr.find(_qn("w:tblW"))
    if tbl_w is None:
        tbl_w = t_pr.insert_element_before(_element("w:tblW"), "w:jc", "w:tblCellSpacing", "w:tblInd",
                                           "w:tblBorders", *_TBLPR_AFTER_BORDERS)  # fmt: skip
    tbl_w.set(_qn("w:type"), "dxa")
    tbl_w.set(_qn("w:w"), str(round(width_emu / 635)))
    margins = _element("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(_element(f"w:{side}", w=str(CELL_MARGIN_TWIPS), type="dxa"))
    t_pr.insert_element_before(margins, *_TBLPR_AFTER_MARGINS)


def _row_flags(row, header: bool) -> None:
    """A row never splits across pages; header rows repeat at the top of every page."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(_element("w:cantSplit", val="true"))
    if header:
        tr_pr.append(_element("w:tblHeader", val="true"))


def render_report(report: Report, template: str | os.PathLike | None = None):
    """The python-docx Document of ``report`` and the notes on what could not be drawn (unreadable images)."""
    document, styles = open_template(template)
    renderer = _Renderer(document, styles, report)
    renderer.render()
    return document, renderer.notes


def write_report(path: str | os.PathLike, report: Report, template: str | os.PathLike | None = None) -> list[Msg]:
    """Write ``report`` to ``path`` (atomically: the old file stays until the new one is complete); returns the
    notes on what could not be drawn."""
    document, notes = render_report(report, template)
    write_atomically(path, lambda temporary: document.save(str(temporary)))
    return notes
