"""The user guide's Markdown → HTML (core.markdown_html, Plugins ▸ SBPlanner ▸ Manual)."""

from __future__ import annotations

from pathlib import Path

from sbplanner_plugin.core.markdown_html import blocks, inline, join_lines, to_html

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_inline_bold_next_to_full_width_punctuation() -> None:
    # Qt's Markdown reader made the whole line bold here
    assert inline("**Windows（OSGeo4W）**：打开 **OSGeo4W Shell**（QGIS）") == (
        "<strong>Windows（OSGeo4W）</strong>：打开 <strong>OSGeo4W Shell</strong>（QGIS）"
    )


def test_inline_code_is_verbatim_and_the_rest_escaped() -> None:
    assert inline("copy to `<QGIS profile>/sbplanner/params` **now** & <x>") == (
        "copy to <code>&lt;QGIS profile&gt;/sbplanner/params</code> <strong>now</strong> &amp; &lt;x&gt;"
    )
    assert inline("`**not bold**`") == "<code>**not bold**</code>"


def test_inline_links_images_autolinks_and_italic() -> None:
    html = inline("see [the guide](../en/index.md), ![shot](../../img/a.png), <https://x.org/i> and *SBPlanner*",
                  link=lambda url: url.replace("index.md", "guide_en.html"))  # fmt: skip
    assert '<a href="../en/guide_en.html">the guide</a>' in html
    assert '<img src="../../img/a.png" alt="shot">' in html
    assert '<a href="https://x.org/i">https://x.org/i</a>' in html
    assert "<em>SBPlanner</em>" in html


def test_chinese_lines_join_without_a_space() -> None:
    assert join_lines(["计算三调地类图斑的坡度和", "土壤流失量", "and the CSLE", "method"]) == (
        "计算三调地类图斑的坡度和土壤流失量 and the CSLE method"
    )


def test_blocks_headings_lists_code_tables() -> None:
    md = """# Title

1. first
2. second
   continued

* item with code:

  ```bat
  python -m pip install "numpy<2"
  ```

  then restart.
* next

| a | b |
|---|---|
| `x|y` | 2 |

---
"""
    html = blocks(md.splitlines())
    assert html.startswith("<h1>Title</h1>")
    assert "<ol><li>first</li><li>second continued</li></ol>" in html
    assert '<pre><code>python -m pip install "numpy&lt;2"</code></pre>' in html
    assert "<li>next</li></ul>" in html and "then restart." in html
    assert "<table><thead><tr><th>a</th><th>b</th></tr></thead>" in html
    assert html.rstrip().endswith("<hr>")


def test_the_shipped_guides_render_with_their_sections_and_images() -> None:
    for lang in ("zh", "en"):
        path = REPO_ROOT / "docs" / "guide" / lang / "index.md"
        html = to_html(path.read_text(encoding="utf-8"), "SBPlanner", "file:///guide/")
        assert html.count("<h2>") == 8, lang  # the eight sections
        assert '<base href="file:///guide/">' in html
        assert html.count("<img ") >= 6, lang
        assert "sbplanner:analyse_parcels" in html and "<pre><code>" in html
        assert "**" not in html.replace("<code>**", "")  # every bold closed
