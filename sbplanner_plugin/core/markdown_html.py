"""The user guide's Markdown as HTML (Plugins ▸ SBPlanner ▸ Manual), without a Markdown package.

Covers the subset ``docs/guide/*/index.md`` is written in: ATX headings, paragraphs, ``---`` rules, fenced code
blocks (also indented inside a list item), ``*``/``-`` and numbered lists whose items continue on indented lines,
pipe tables, and inline code, images, links, ``<https://…>`` autolinks, bold and italic. Qt's own Markdown reader
(``QTextDocument.setMarkdown``) was tried first: its HTML drops code formatting and misreads bold next to
full-width punctuation (``**…）**：``), common in Chinese text. Pure text in, text out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_AUTOLINK = re.compile(r"&lt;(https?://[^\s&]+)&gt;")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*(?![\w*])")
_LIST_ITEM = re.compile(r"^( {0,3})([*-]|\d+\.) +(.*)$")
_HEADING = re.compile(r"^(#{1,6}) +(.*?) *#*$")
_FENCE = re.compile(r"^( *)(```|~~~)")

STYLE = (
    "body{font-family:'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',sans-serif;max-width:60em;margin:1em auto;"
    "padding:0 1em;line-height:1.55;color:#222}"
    "code,pre{font-family:'DejaVu Sans Mono',Consolas,monospace;font-size:90%;background:#f3f4f6}"
    "code{padding:0 .2em;border-radius:3px}pre{padding:.6em .8em;overflow-x:auto;border-radius:4px}"
    "table{border-collapse:collapse;margin:.6em 0}th,td{border:1px solid #c8ccd2;padding:.3em .5em;text-align:left;"
    "vertical-align:top;min-width:4.5em}th{background:#eef1f5}td code{word-break:break-all}"
    "img{max-width:100%;border:1px solid #ddd}"
    "h1,h2,h3{color:#1d3f5e}hr{border:0;border-top:1px solid #ccc;margin:1.5em 0}"
)


def inline(text: str, link: Callable[[str], str] = lambda url: url) -> str:
    """One line of Markdown text as HTML: code spans kept verbatim, the rest escaped, then images, links, bold,
    italic. ``link`` may rewrite link targets (not image sources)."""
    parts = []
    position = 0
    for match in _CODE_SPAN.finditer(text):
        parts.append(_inline_text(text[position : match.start()], link))
        parts.append(f"<code>{escape(match.group(2).strip(), quote=False)}</code>")
        position = match.end()
    parts.append(_inline_text(text[position:], link))
    return "".join(parts)


def _inline_text(text: str, link: Callable[[str], str]) -> str:
    html = escape(text, quote=False)
    html = _IMAGE.sub(lambda m: f'<img src="{escape(m.group(2))}" alt="{escape(m.group(1))}">', html)
    html = _LINK.sub(lambda m: f'<a href="{escape(link(m.group(2)))}">{m.group(1)}</a>', html)
    html = _AUTOLINK.sub(lambda m: f'<a href="{m.group(1)}">{m.group(1)}</a>', html)
    html = _BOLD.sub(r"<strong>\1</strong>", html)
    return _ITALIC.sub(r"<em>\1</em>", html)


def _cjk(char: str) -> bool:
    return "\u2e80" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef" or "\u3000" <= char <= "\u303f"


def join_lines(lines: list[str]) -> str:
    """Lines of one paragraph joined: no space between two Chinese characters (a browser would show it)."""
    text = ""
    for line in lines:
        if text and not (_cjk(text[-1]) and _cjk(line[0])):
            text += " "
        text += line
    return text


def _table(rows: list[str], link) -> str:
    def cells(row: str) -> list[str]:
        row = row.strip()
        row = row[1:] if row.startswith("|") else row
        row = row[:-1] if row.endswith("|") else row
        return [c.strip() for c in re.split(r"(?<!\\)\|", row)]

    head = "".join(f"<th>{inline(c, link)}</th>" for c in cells(rows[0]))
    body = "".join("<tr>" + "".join(f"<td>{inline(c, link)}</td>" for c in cells(r)) + "</tr>" for r in rows[2:])
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _is_table(lines: list[str], i: int) -> bool:
    return (
        i + 1 < len(lines)
        and lines[i].lstrip().startswith("|")
        and re.match(r"^\s*\|?\s*:?-{3,}", lines[i + 1]) is not None
    )


def blocks(lines: list[str], link: Callable[[str], str] = lambda url: url) -> str:
    """Markdown lines (without line ends) as HTML blocks."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            i += 1
            continue
        fence = _FENCE.match(line)
        if fence:
            indent, marker = len(fence.group(1)), fence.group(2)
            code = []
            i += 1
            while i < len(lines) and not lines[i].strip().startswith(marker):
                code.append(lines[i][indent:] if lines[i][:indent].strip() == "" else lines[i])
                i += 1
            out.append(f"<pre><code>{escape(chr(10).join(code), quote=False)}</code></pre>")
            i += 1
            continue
        heading = _HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            out.append(f"<h{level}>{inline(heading.group(2), link)}</h{level}>")
            i += 1
            continue
        if re.match(r"^ {0,3}(-{3,}|\*{3,})\s*$", line):
            out.append("<hr>")
            i += 1
            continue
        if _is_table(lines, i):
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                rows.append(lines[i])
                i += 1
            out.append(_table(rows, link))
            continue
        item = _LIST_ITEM.match(line)
        if item:
            ordered = item.group(2)[0].isdigit()
            entries: list[list[str]] = []
            while i < len(lines):
                item = _LIST_ITEM.match(lines[i])
                if item and item.group(2)[0].isdigit() == ordered:
                    entries.append([item.group(3)])
                    i += 1
                elif lines[i].strip() and lines[i].startswith("  ") and entries:
                    entries[-1].append(lines[i][2:] if not lines[i].startswith("   ") else lines[i].lstrip())
                    i += 1
                elif not lines[i].strip() and entries:
                    following = next((line for line in lines[i + 1 :] if line.strip()), "")
                    if following.startswith("  ") or _LIST_ITEM.match(following):
                        entries[-1].append("")
                        i += 1
                    else:
                        break
                else:
                    break
            tag = "ol" if ordered else "ul"
            rendered = []
            for entry in entries:
                body = blocks(entry, link)
                if body.startswith("<p>") and body.count("<p>") == 1 and body.endswith("</p>"):
                    body = body[3:-4]  # a one-paragraph item without <p>
                rendered.append(f"<li>{body}</li>")
            out.append(f"<{tag}>{''.join(rendered)}</{tag}>")
            continue
        paragraph = []
        while i < len(lines) and lines[i].strip():
            if paragraph and (
                _HEADING.match(lines[i]) or _FENCE.match(lines[i]) or _LIST_ITEM.match(lines[i]) or _is_table(lines, i)
            ):
                break
            paragraph.append(lines[i].strip())
            i += 1
        out.append("<p>" + inline(join_lines(paragraph), link) + "</p>")
    return "\n".join(out)


def to_html(markdown: str, title: str = "", base: str = "", link: Callable[[str], str] = lambda url: url) -> str:
    """A whole HTML page of ``markdown``; ``base`` (a URL ending in ``/``) resolves its relative images."""
    head = '<meta charset="utf-8">'
    if base:
        head += f'<base href="{escape(base)}">'
    head += f"<title>{escape(title)}</title><style>{STYLE}</style>"
    return f"<!DOCTYPE html>\n<html><head>{head}</head><body>\n{blocks(markdown.splitlines(), link)}\n</body></html>\n"
