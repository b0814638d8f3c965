"""The bilingual glossary (i18n/glossary.csv: term_zh, term_en, standard, note) and the zh_CN translation agree:
every translated text whose English source uses a glossary term uses the glossary's Chinese term (or a synonym
the note lists after "also:"), so 图斑, 小流域, 水土保持率, 容许土壤流失量 … read the same on every page."""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = REPO_ROOT / "i18n" / "glossary.csv"
TS_FILE = REPO_ROOT / "i18n" / "sbplanner_zh_CN.ts"
CJK = re.compile(r"[\u4e00-\u9fff]")


def glossary() -> list[dict]:
    with GLOSSARY.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def accepted(row: dict) -> list[str]:
    """The glossary's Chinese term and the synonyms its note names ("also: 地类")."""
    found = re.search(r"also:\s*([^;\"]+)", row["note"])
    extra = [t.strip() for t in re.split(r"[,、]", found.group(1))] if found else []
    return [row["term_zh"], *[t for t in extra if t]]


def messages() -> list[tuple[str, str, str]]:
    root = ET.parse(TS_FILE).getroot()
    return [
        (context.findtext("name"), message.findtext("source"), message.findtext("translation") or "")
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def term_pattern(term_en: str) -> re.Pattern:
    # the English term as a word (plural allowed), not inside a file name ("urgency.png")
    return re.compile(r"(?<![\w.])" + re.escape(term_en) + r"(?:s|es)?(?![\w.])", re.IGNORECASE)


def test_glossary_is_complete_and_names_its_standards():
    rows = glossary()
    assert list(rows[0]) == ["term_zh", "term_en", "standard", "note"]
    assert len(rows) >= 50
    for row in rows:
        assert CJK.search(row["term_zh"]) and not CJK.search(row["term_en"]), row
        assert row["standard"].strip(), row
    terms = {row["term_zh"] for row in rows}
    for term in ("小流域", "图斑", "坡耕地", "水平梯田", "水土保持率", "土壤侵蚀模数", "容许土壤流失量", "侵蚀强度",
                 "谷坊", "沟头防护", "截水沟", "封禁治理", "封育治理"):  # fmt: skip
        assert term in terms, term
    standards = " ".join(row["standard"] for row in rows)
    for standard in ("SL 190-2007", "GB/T 15772-2008", "GB 51018-2014", "SL/T 447", "GB/T 21010-2017"):
        assert standard in standards, standard
    assert len({row["term_en"].lower() for row in rows}) == len(rows), "an English term twice"


def test_translations_use_the_glossary_terms():
    texts = messages()
    offenders = []
    used = 0
    for row in glossary():
        pattern, chinese = term_pattern(row["term_en"]), accepted(row)
        for context, source, translation in texts:
            if pattern.search(source):
                used += 1
                if not any(term in translation for term in chinese):
                    offenders.append(
                        f"{row['term_zh']} ({row['term_en']}) — {context}: {source[:80]!r} → {translation[:60]!r}"
                    )
    assert used >= 300  # the terms really occur in the user interface
    assert offenders == [], "\n".join(offenders)


def test_the_glossary_terms_of_the_dock_names():
    """The names the dock builds from the catalogue's codes (gui/names.py) use the glossary's terms."""
    by_source = {(c, s): t for c, s, t in messages()}
    assert by_source[("SbPlannerNames", "cropland")] == "耕地"
    assert by_source[("SbPlannerNames", "Engineering measures")] == "工程措施"
    assert by_source[("MeasuresStep", "Check dams")] == "谷坊"
    assert by_source[("MeasuresStep", "Gully-head protection")] == "沟头防护"
    assert by_source[("MeasuresStep", "Intercepting ditches")] == "截水沟"
    assert by_source[("ParcelsTables", "SWC rate %")] == "水土保持率 %"
