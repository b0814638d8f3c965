"""``sbplanner:export_report`` in real QGIS on the Youwuzhen demo plan (steps 1–5 as ``make demo`` runs them): the
.docx opens with python-docx, holds the chapters in the 实施方案 order, the design tables (a total cell equals the
plan's number read independently from the GeoPackage with sqlite3), the maps of MAPS_FOLDER; and the bad inputs —
a report open in Word (refused, the old file kept byte for byte), an unknown scenario, a template that is not a
Word document, a plan with steps 1–2 only (the report is made, the rest listed as missing)."""

from __future__ import annotations

import contextlib
import sqlite3
import struct
import zlib
from decimal import ROUND_HALF_UP, Decimal

import docx
import processing
import pytest
from qgis.core import QgsProcessingException

from sbplanner_plugin.demo import step4, step5
from tests.qgis.conftest import copy_plan, demo_units

CHAPTERS_ZH = [
    "1 基本情况",
    "2 水土流失现状",
    "3 总体布置与措施设计",
    "4 工程量",
    "5 投资估算",
    "6 效益分析",
    "7 实施进度",
]
MAP_FILES = ("location", "landuse", "slope", "erosion", "measures", "urgency")


def png(path, width: int = 60, height: int = 40) -> None:
    raw = b"".join(b"\x00" + b"\x30\x90\x30" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    )


def summarise(store) -> None:
    params = {"PARCELS": store.layer_uri("parcels"), "WATERSHEDS": store.layer_uri("small_watersheds"),
              "SLOPE_SYSTEM": 1, "PLAN": str(store.path)}  # fmt: skip
    for key in ("OUTPUT_LANDUSE_SLOPE", "OUTPUT_D010", "OUTPUT_D011", "OUTPUT_D05", "OUTPUT_INDICATORS"):
        params[key] = "TEMPORARY_OUTPUT"
    processing.run("sbplanner:summarise_watersheds", params)


@pytest.fixture(scope="module")
def plans(youwuzhen_plan, demo_dir, tmp_path_factory) -> dict:
    """Youwuzhen with steps 1–2 only (small watersheds, analysed parcels, summaries), and the same with steps 3–5."""
    out = tmp_path_factory.mktemp("report")
    early = copy_plan(youwuzhen_plan, out / "early")
    demo_units(early, demo_dir)
    summarise(early)
    full = copy_plan(early.path, out / "full")
    processing.run("sbplanner:assign_measures", {
        "PARCELS": full.layer_uri("parcels"), "REGION": 0, "OUTPUT_PARCELS": full.destination("parcels_measures"),
    })  # fmt: skip
    (out / "csv").mkdir()
    assert step4.run_step4(full, demo_dir / "ywzdem10m.tif", out / "csv", "note")
    assert step5.run_step5(full, out / "csv", 0)
    maps = out / "maps"
    maps.mkdir()
    for key in MAP_FILES:
        png(maps / f"{key}.png")
    return {"early": early, "full": full, "maps": maps, "out": out}


def export(plan, output, **extra) -> dict:
    return processing.run("sbplanner:export_report", {"PLAN": str(plan.path), "OUTPUT": str(output), **extra})


def all_row(path, table: str) -> dict:
    with contextlib.closing(sqlite3.connect(str(path))) as con:
        con.row_factory = sqlite3.Row
        return dict(con.execute(f'SELECT * FROM "{table}" WHERE ws_code = ?', ("ALL",)).fetchone())


def lines(path, table: str, key: str, value: str) -> dict:
    with contextlib.closing(sqlite3.connect(str(path))) as con:
        con.row_factory = sqlite3.Row
        return dict(con.execute(f'SELECT * FROM "{table}" WHERE "{key}" = ?', (value,)).fetchone())


def tables_by_title(document) -> dict:
    """``{design table title: python-docx table}``, each table named by the caption above it (表 n  <title>)."""
    out, caption = {}, ""
    tables = iter(document.tables)
    for element in document.element.body:
        if element.tag.endswith("}p"):
            text = "".join(t.text or "" for t in element.iter() if t.tag.endswith("}t"))
            if text.startswith("表 "):
                caption = text.split("  ", 1)[-1]
        elif element.tag.endswith("}tbl"):
            out[caption] = next(tables)
    return out


def column(table, header: str) -> int:
    return next(j for j, cell in enumerate(table.rows[0].cells) if cell.text.startswith(header))


def half_up(value: float, decimals: int = 2) -> float:
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def heading1(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == "Heading 1"]


def test_the_report_of_the_demo_plan(plans) -> None:
    full = plans["full"]
    out = plans["out"] / "youwuzhen.docx"
    result = export(full, out, PROJECT_NAME="游屋镇", MAPS_FOLDER=str(plans["maps"]))
    assert result["OUTPUT"] == str(out)
    document = docx.Document(str(out))
    assert heading1(document)[:7] == CHAPTERS_ZH
    texts = [p.text for p in document.paragraphs]
    assert "游屋镇" in texts and "水土保持综合治理实施方案" in texts
    # the chapter-2 sentence carries the plan's eroded area and 水土保持率 (read here with sqlite3)
    d05 = all_row(full.path, "ws_d05")
    ind = all_row(full.path, "ws_indicators")
    erosion = next(t for t in texts if t.startswith("按 SL 190—2007 分级"))
    assert (
        f"项目区水土流失面积 {d05['eroded_area_km2']:.2f} km²，占土地总面积的 {d05['eroded_pct_of_land']:.2f}%"
        in erosion
    )
    assert f"项目区现状水土保持率为 {ind['swc_rate_pct']:.2f}%" in " ".join(texts)
    static = lines(full.path, "investment_summary", "code", "static_total")["amount_yuan"]
    assert any(t.startswith(f"项目静态总投资 {static / 1e4:.2f} 万元") for t in texts)
    d021 = all_row(full.path, "benefit_d021")
    assert any(f"经济净现值 {d021['npv_wan_yuan']:.2f} 万元，经济内部收益率 {d021['irr_pct']:.2f}%" in t for t in texts)
    # the design tables, their totals as the plan holds them
    titles = tables_by_title(document)
    tables = {t.split(" ", 1)[0]: table for t, table in titles.items()}
    assert {"D.0.4", "D.0.5", "D.0.9", "D.0.10", "D.0.13", "D.0.15", "D.0.16", "D.0.18", "D.0.19",
            "D.0.21"} <= set(tables)  # fmt: skip
    assert {"治理紧迫程度排序表", "投资估算总表"} <= set(titles)
    d05_table = tables["D.0.5"]
    total = d05_table.rows[-1]
    assert total.cells[0].text == "合计"
    # a total is the sum of the rows as printed (2 decimals), what the reader adds up
    with contextlib.closing(sqlite3.connect(str(full.path))) as con:
        eroded = [v for (v,) in con.execute("SELECT eroded_area_km2 FROM ws_d05 WHERE ws_code <> 'ALL'")]
        static = [v for (v,) in con.execute("SELECT static_total_yuan FROM investment_by_ws")]
    assert len(eroded) == 4 and sum(eroded) == pytest.approx(d05["eroded_area_km2"], abs=0.01)
    assert total.cells[column(d05_table, "水土流失")].text == f"{sum(half_up(v) for v in eroded):.2f}"
    d018 = tables["D.0.18"]
    assert d018.rows[-1].cells[-1].text == f"{sum(half_up(v / 1e4) for v in static):.2f}"
    assert all(r.font.bold for c in total.cells for p in c.paragraphs for r in p.runs)
    assert heading1(document)[-1] == "附表"  # the per-parcel tables at the end
    # the six maps are in, each with its caption
    assert len(document.inline_shapes) == 6
    assert "图 4  土壤侵蚀强度图" in texts
    missing = result["MISSING"]
    assert ".png" not in missing and "Chapter" not in missing
    # placeholders left for the designer
    assert any(t.startswith("【待补充：地形地貌") for t in texts) and any("组织管理" in t for t in texts)


def test_english_report(plans) -> None:
    out = plans["out"] / "youwuzhen_en.docx"
    export(plans["full"], out, LANGUAGE=1)
    document = docx.Document(str(out))
    assert heading1(document)[:2] == ["1 Basic information", "2 Soil erosion status"]
    assert any(p.text.startswith("By the classes of SL 190-2007") for p in document.paragraphs)


def test_a_plan_with_steps_1_and_2_only(plans) -> None:
    out = plans["out"] / "early.docx"
    result = export(plans["early"], out)
    document = docx.Document(str(out))
    assert heading1(document)[:7] == CHAPTERS_ZH  # every chapter, the late ones with placeholders
    texts = [p.text for p in document.paragraphs]
    assert any(t.startswith("按 SL 190—2007 分级") for t in texts)
    assert "【待补充：投资估算（规划数据库中尚无相应成果）】" in texts
    missing = result["MISSING"].splitlines()
    assert any("parcels_measures" in m and "Assign measures" in m for m in missing)
    assert any("benefit_ws" in m and "Evaluate the benefits" in m for m in missing)
    assert any("no maps folder" in m for m in missing)


def test_a_report_open_in_word_is_refused_and_the_old_file_kept(plans, tmp_path) -> None:
    out = tmp_path / "report.docx"
    export(plans["early"], out)
    before = out.read_bytes()
    lock = tmp_path / "~$report.docx"  # what Word / WPS leave next to an open document
    lock.write_bytes(b"owner")
    with pytest.raises(QgsProcessingException, match="is open in another program"):
        export(plans["full"], out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx", "~$report.docx"]


def test_unknown_scenario_and_bad_template(plans, tmp_path) -> None:
    with pytest.raises(QgsProcessingException, match=r"has no scenario 'plan_x'.*baseline"):
        export(plans["early"], tmp_path / "a.docx", SCENARIO="plan_x")
    fake = tmp_path / "template.docx"
    fake.write_text("not a Word document")
    with pytest.raises(QgsProcessingException, match="is not a Word document"):
        export(plans["early"], tmp_path / "b.docx", TEMPLATE=str(fake))
    assert not (tmp_path / "a.docx").exists() and not (tmp_path / "b.docx").exists()
