"""The Word renderer (adapters.docx_export, python-docx only): a report read back with python-docx — headings in
order and in the template's heading styles, a design table with merged header cells, repeated header rows, bold
total row and the column's decimals, a wide table in a landscape section, placeholders highlighted, a map image;
templates (the house one, a user's .docx and .dotx, a file that is not Word) and the atomic write (a report open in
Word is refused, the old file kept)."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Pt

from sbplanner_plugin.adapters import docx_export as dx
from sbplanner_plugin.adapters.deliverable_files import DeliverableLockedError
from sbplanner_plugin.core import report as rp
from sbplanner_plugin.core.design_tables import DATA, SUBTOTAL, TOTAL, DesignTable, Merge
from sbplanner_plugin.paths import resources_path

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def png(path: Path, width: int = 40, height: int = 20) -> Path:
    """A grey RGB PNG of ``width`` × ``height`` pixels (written by hand: no imaging library needed)."""
    raw = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    )
    return path


def d05() -> DesignTable:
    """A D.0.5-like table: 小流域 and 总面积 over two header rows, 轻度 spanning 面积 and 比例."""
    return DesignTable(
        "D.0.5", "D.0.5 水土流失现状表",
        [["小流域", "总面积/km²", "轻度", ""], ["", "", "面积/km²", "比例/%"]],
        [["W1", 1.2, 0.5, 41.666], ["W2", 0.8, 0.2, 25.0], ["小计", 2.0, 0.7, 35.0], ["合计", 2.0, 0.7, -0.001]],
        [DATA, DATA, SUBTOTAL, TOTAL], [None, 2, 2, 1],
        [Merge(0, 0, 1, 0), Merge(0, 1, 1, 1), Merge(0, 2, 0, 3)], "单位：km²", ["注：按 SL 190—2007 分级。"],
    )  # fmt: skip


def wide() -> DesignTable:
    header = [f"列{j}名称较长" for j in range(18)]
    rows = [[f"P{i:04d}", *[1234.5678 + i] * 17] for i in range(3)]
    return DesignTable("D.0.13", "D.0.13 图斑现状及治理措施设计表", [header], rows, [DATA] * 3, [None, *[2] * 17])


def report(language: str = "zh", tables=(), maps=None, folder: str = "") -> rp.Report:
    frames = rp.ReportFrames()
    inputs = rp.ReportInputs(language, "示例镇", "baseline", "baseline", "plan.gpkg", "2026-12-07", frames,
                             tables=list(tables), maps=maps or {}, maps_folder=folder)  # fmt: skip
    return rp.build_report(inputs)


def headings(document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]


def test_headings_tables_and_placeholders(tmp_path) -> None:
    out = tmp_path / "report.docx"
    notes = dx.write_report(out, report(tables=[d05()]))
    assert notes == []
    document = docx.Document(str(out))
    level1 = [t for s, t in headings(document) if s == "Heading 1"]
    assert level1 == ["1 基本情况", "2 水土流失现状", "3 总体布置与措施设计", "4 工程量", "5 投资估算", "6 效益分析",
                      "7 实施进度"]  # fmt: skip
    assert ("Heading 2", "2.1 水土流失状况") in headings(document)
    texts = [p.text for p in document.paragraphs]
    assert "表 1  D.0.5 水土流失现状表" in texts and "单位：km²" in texts and "注：按 SL 190—2007 分级。" in texts
    # a placeholder is its own run, highlighted and in the placeholder style
    runs = [r for p in document.paragraphs for r in p.runs if r.text.startswith("【待补充：地形地貌")]
    assert runs and runs[0].font.highlight_color == WD_COLOR_INDEX.YELLOW
    assert runs[0].style.name == dx.PLACEHOLDER_STYLE
    # the table: 2 header rows + 4 body rows, merged header cells, numbers with the column's decimals
    (table,) = document.tables
    assert len(table.rows) == 6 and len(table.columns) == 4
    assert table.cell(0, 0)._tc is table.cell(1, 0)._tc  # 小流域 spans both header rows
    assert table.cell(0, 2)._tc is table.cell(0, 3)._tc and table.cell(0, 2).text == "轻度"
    assert [c.text for c in table.rows[1].cells][2:] == ["面积/km²", "比例/%"]
    assert [c.text for c in table.rows[2].cells] == ["W1", "1.20", "0.50", "41.7"]
    assert [c.text for c in table.rows[5].cells] == ["合计", "2.00", "0.70", "0.0"]  # no "-0.0"
    for i, row in enumerate(table.rows):
        flags = row._tr.trPr
        assert (flags.find(f"{W}tblHeader") is not None) == (i < 2)  # the header repeats on every page
        assert flags.find(f"{W}cantSplit") is not None
    bold = {
        i: all(r.font.bold for c in row.cells for p in c.paragraphs for r in p.runs) for i, row in enumerate(table.rows)
    }
    assert bold[4] and bold[5] and not bold[2] and not bold[3]  # subtotal and total rows bold
    # the columns fill the portrait text width (15.5 cm of A4 with 3.0 + 2.5 cm margins)
    grid = [int(g.get(f"{W}w")) for g in table._tbl.tblGrid.findall(f"{W}gridCol")]
    assert sum(grid) == pytest.approx(15.5 / 2.54 * 1440, abs=8)
    assert all(s.orientation == WD_ORIENT.PORTRAIT for s in document.sections)


def test_a_wide_table_goes_to_a_landscape_section(tmp_path) -> None:
    out = tmp_path / "wide.docx"
    dx.write_report(out, report(tables=[d05(), wide()]))
    document = docx.Document(str(out))
    orientations = [s.orientation for s in document.sections]
    assert orientations[0] == WD_ORIENT.PORTRAIT and WD_ORIENT.LANDSCAPE in orientations
    landscape = next(s for s in document.sections if s.orientation == WD_ORIENT.LANDSCAPE)
    assert landscape.page_width > landscape.page_height
    assert landscape.footer.is_linked_to_previous  # the page numbers go on
    assert not landscape.different_first_page_header_footer
    # the appendix heading moved with its table onto the landscape page
    body = document.element.body
    heading = next(p for p in document.paragraphs if p.text == "附表")
    breaks = [i for i, el in enumerate(body) if el.find(f"{W}pPr/{W}sectPr") is not None]
    assert any(body.index(heading._p) > b for b in breaks)
    table = document.tables[-1]
    assert table.rows[1].cells[1].text == "1234.57"
    grid = [int(g.get(f"{W}w")) for g in table._tbl.tblGrid.findall(f"{W}gridCol")]
    text_width = landscape.page_width - landscape.left_margin - landscape.right_margin
    assert sum(grid) == pytest.approx(text_width / 635, abs=10)  # EMU → twips


def test_plan_table_sizes() -> None:
    narrow = dx.plan_table(d05(), 439.4, 700.2)
    assert not narrow.landscape and narrow.font_pt == 10.5 and sum(narrow.widths_pt) == pytest.approx(439.4)
    assert narrow.widths_pt[0] >= dx.text_width_em("小流域") * 10.5  # the text column holds its header on one line
    big = dx.plan_table(wide(), 439.4, 700.2)
    assert big.landscape and sum(big.widths_pt) == pytest.approx(700.2)
    # a number never wraps: each numeric column holds "1236.57" at the chosen size
    assert min(big.widths_pt[1:]) >= dx.text_width_em("1236.57") * big.font_pt


def test_maps_are_inserted_scaled_and_a_bad_image_is_noted(tmp_path) -> None:
    folder = tmp_path / "maps"
    folder.mkdir()
    png(folder / "erosion.png", 400, 200)
    (folder / "slope.png").write_bytes(b"not a png")
    maps = {"erosion": str(folder / "erosion.png"), "slope": str(folder / "slope.png")}
    out = tmp_path / "maps.docx"
    notes = dx.write_report(out, report(maps=maps, folder=str(folder)))
    assert [str(n) for n in notes] == [
        "Figure 3: slope.png is not a readable image (UnrecognizedImageError); a placeholder is left"
    ]
    document = docx.Document(str(out))
    (shape,) = document.inline_shapes
    assert shape.width <= Pt(439.5) and shape.width / shape.height == pytest.approx(2.0, rel=0.01)
    texts = [p.text for p in document.paragraphs]
    assert "图 4  土壤侵蚀强度图" in texts and "【待补充：插入坡度分级图（slope.png）】" not in texts
    assert "【待补充：插入位置图（location.png）】" in texts


def test_the_house_template(tmp_path) -> None:
    template = docx.Document(str(resources_path("report", "template.docx")))
    section = template.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert (round(section.left_margin.cm, 2), round(section.right_margin.cm, 2)) == (3.0, 2.5)
    normal = template.styles["Normal"]
    fonts = normal.element.rPr.rFonts
    assert fonts.get(f"{W}eastAsia") == "宋体" and normal.font.size == Pt(12)
    assert normal.paragraph_format.line_spacing == 1.5
    assert normal.element.pPr.find(f"{W}ind").get(f"{W}firstLineChars") == "200"
    for name, size in (("Heading 1", 16), ("Heading 2", 14), ("Heading 3", 12)):
        style = template.styles[name]
        assert style.element.rPr.rFonts.get(f"{W}eastAsia") == "黑体" and style.font.size == Pt(size)
    assert "PAGE" in section.footer.paragraphs[0]._p.xml  # the page number
    assert template.styles["Table Grid"] is not None and not template.paragraphs  # an empty body


def test_a_users_template_keeps_its_styles(tmp_path) -> None:
    user = docx.Document()
    user.styles["Heading 1"].font.size = Pt(20)
    user.add_paragraph("an old report body, not kept")
    user.sections[0].header.paragraphs[0].text = "某设计院"
    path = tmp_path / "institute.docx"
    user.save(str(path))
    out = tmp_path / "report.docx"
    dx.write_report(out, report(), path)
    document = docx.Document(str(out))
    assert document.styles["Heading 1"].font.size == Pt(20)  # the template's own heading
    assert document.styles[dx.TABLE_TEXT] is not None  # the house styles it lacks are added
    assert "an old report body, not kept" not in [p.text for p in document.paragraphs]
    assert document.sections[0].header.paragraphs[0].text == "某设计院"


def test_a_dotx_template_opens(tmp_path) -> None:
    source = resources_path("report", "template.docx").read_bytes()
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(dx.DOCX_TYPE.encode(), dx.DOTX_TYPE.encode())
            zout.writestr(item, data)
    path = tmp_path / "institute.dotx"
    path.write_bytes(out.getvalue())
    with pytest.raises(ValueError, match="not a Word file"):
        docx.Document(str(path))  # python-docx alone refuses a template
    dx.write_report(tmp_path / "report.docx", report(), path)
    assert docx.Document(str(tmp_path / "report.docx")).paragraphs


@pytest.mark.parametrize("content", [b"plain text, not a Word document", b"PK\x03\x04broken zip"])
def test_a_template_that_is_not_word_is_refused(tmp_path, content) -> None:
    path = tmp_path / "template.docx"
    path.write_bytes(content)
    with pytest.raises(dx.ReportTemplateError) as info:
        dx.check_template(path)
    assert str(info.value) == f"The report template {path} cannot be used: {dx.TEMPLATE_NOT_DOCX}"
    with pytest.raises(dx.ReportTemplateError, match="does not exist"):
        dx.check_template(tmp_path / "missing.docx")


@pytest.mark.parametrize("lock", ["~$report.docx", "~$port.docx", ".~lock.report.docx#"])
def test_a_report_open_in_word_is_refused_and_kept(tmp_path, lock) -> None:
    out = tmp_path / "report.docx"
    dx.write_report(out, report())
    before = out.read_bytes()
    (tmp_path / lock).write_text("owner")
    with pytest.raises(DeliverableLockedError, match="is open in another program"):
        dx.write_report(out, report("en"))
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["report.docx", lock])  # no temporary file left


def test_english_report(tmp_path) -> None:
    out = tmp_path / "en.docx"
    dx.write_report(out, report("en"))
    document = docx.Document(str(out))
    assert next(t for s, t in headings(document) if s == "Heading 1") == "1 Basic information"
    assert "Contents" in [p.text for p in document.paragraphs]


def test_the_committed_template_is_what_its_script_makes(tmp_path) -> None:
    """resources/report/template.docx is regenerated by make_template.py whenever the house styles change."""
    import importlib.util
    import zipfile

    script = resources_path("report", "make_template.py")
    spec = importlib.util.spec_from_file_location("make_template", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path / "template.docx")
    with (
        zipfile.ZipFile(tmp_path / "template.docx") as made,
        zipfile.ZipFile(script.with_name("template.docx")) as kept,
    ):
        assert sorted(made.namelist()) == sorted(kept.namelist())
        assert [n for n in made.namelist() if made.read(n) != kept.read(n)] == []
