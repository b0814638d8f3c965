"""Plugins ▸ SBPlanner ▸ Manual: the user guide shipped with the plugin (``docs/guide/<lang>/index.md``).

The Markdown guide is rendered to HTML with Qt's own Markdown reader (``QTextDocument.setMarkdown``, Qt ≥ 5.14)
into a temporary file whose ``<base>`` is the guide's folder, so its screenshots show, and opened in the
system browser. Without a guide file (a source checkout without docs/) the online README opens instead.
"""

from __future__ import annotations

import logging
import tempfile
from html import escape
from pathlib import Path

from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtGui import QDesktopServices, QTextDocument

from sbplanner_plugin.paths import plugin_root

LOGGER = logging.getLogger(__name__)
#: Where the guide opens when no local copy is there.
ONLINE_GUIDE = "https://github.com/sbplanner/sbplanner#readme"
_render_dir: Path | None = None


def ui_language() -> str:
    """ "zh" when the plugin runs in (simplified) Chinese, else "en"."""
    from sbplanner_plugin import i18n

    try:
        return "zh" if i18n.candidate_locales(i18n.qgis_locale())[:1] == [i18n.SIMPLIFIED_CHINESE] else "en"
    except Exception:  # a locale QGIS cannot report: English
        return "en"


def guide_file(language: str | None = None) -> Path | None:
    """The guide's Markdown file for ``language`` (English when there is none in it), None when not shipped."""
    root = plugin_root() / "docs" / "guide"
    for lang in (language or ui_language(), "en"):
        path = root / lang / "index.md"
        if path.is_file():
            return path
    return None


def render_html(markdown_path: Path, target: Path) -> Path:
    """``markdown_path`` rendered to ``target`` (HTML, UTF-8), relative links resolved against its folder."""
    document = QTextDocument()
    document.setMarkdown(markdown_path.read_text(encoding="utf-8"))
    html = document.toHtml()
    base = QUrl.fromLocalFile(str(markdown_path.parent) + "/").toString()
    head = f'<meta charset="utf-8"><base href="{escape(base)}"><title>SBPlanner</title>'
    html = html.replace("<head>", "<head>" + head, 1) if "<head>" in html else head + html
    target.write_text(html, encoding="utf-8")
    return target


def manual_url(language: str | None = None) -> QUrl:
    """The URL the Manual menu item opens: the rendered local guide, its Markdown, else the online README."""
    global _render_dir
    path = guide_file(language)
    if path is None:
        return QUrl(ONLINE_GUIDE)
    try:
        if _render_dir is None or not _render_dir.is_dir():
            _render_dir = Path(tempfile.mkdtemp(prefix="sbplanner_guide_"))
        return QUrl.fromLocalFile(str(render_html(path, _render_dir / f"guide_{path.parent.name}.html")))
    except (OSError, UnicodeError):
        LOGGER.exception("The guide %s could not be rendered; opening the Markdown file", path)
        return QUrl.fromLocalFile(str(path))


def open_manual(language: str | None = None) -> QUrl:
    """Open the guide in the system's browser; returns the URL opened."""
    url = manual_url(language)
    if not QDesktopServices.openUrl(url) and url.isLocalFile():
        url = QUrl(ONLINE_GUIDE)
        QDesktopServices.openUrl(url)
    return url
