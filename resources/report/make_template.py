"""Makes ``resources/report/template.docx``, the house template of the SBPlanner Word report (sbplanner:export_report).

Run from the repository root: ``.venv/bin/python resources/report/make_template.py``. The styles, page set-up
and footer come from :mod:`sbplanner_plugin.adapters.docx_export` (``HOUSE_STYLES``, ``page_setup``,
``page_number_footer``), so the template and the styles the report adds to a user's template are the same:
正文 宋体 小四, 1.5 line spacing, first line indented two characters; 标题 1–3 黑体 三号 / 四号 / 小四; table text
宋体 五号; captions 黑体 五号; A4, margins 2.5 / 2.5 / 3.0 (binding) / 2.5 cm; page number centred in the footer.
An institute may replace the file with its own template (or give one as the algorithm's TEMPLATE).
"""

from __future__ import annotations

import datetime as _dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402

from sbplanner_plugin.adapters.docx_export import apply_house_styles, page_number_footer, page_setup  # noqa: E402


def main(out: Path) -> None:
    document = docx.Document()
    apply_house_styles(document, replace=True)
    section = document.sections[0]
    page_setup(section)
    page_number_footer(section)
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    props = document.core_properties
    props.author = props.last_modified_by = "SBPlanner"
    props.title = "SBPlanner 报告模板 / report template"
    props.comments = "Made by resources/report/make_template.py"
    props.created = props.modified = _dt.datetime(2026, 1, 1)
    props.revision = 1
    document.save(str(out))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("template.docx"))
