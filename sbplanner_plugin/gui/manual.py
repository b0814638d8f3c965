"""Plugins ▸ SBPlanner ▸ Manual: the user guide shipped with the plugin (``docs/guide/<lang>/index.md``).

The Markdown guide is rendered to HTML (core.markdown_html) into a temporary file whose ``<base>`` is the guide's
folder, so its screenshots show, and opened in the system browser. Without a guide file (a source checkout
without docs/) the online README opens instead.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtGui import QDesktopServices

from sbplanner_plugin.core.markdown_html import to_html
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
    root = guide_root()
    for lang in (language or ui_language(), "en"):
        path = root / lang / "index.md"
        if path.is_file():
            return path
    return None


def guide_root() -> Path:
    return plugin_root() / "docs" / "guide"


def render_html(markdown_path: Path, target: Path, link=lambda url: url) -> Path:
    """``markdown_path`` rendered to ``target`` (HTML, UTF-8), relative images resolved against its folder."""
    base = QUrl.fromLocalFile(str(markdown_path.parent) + "/").toString()
    html = to_html(markdown_path.read_text(encoding="utf-8"), "SBPlanner", base, link)
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
        folder = _render_dir
        guides = [p for p in sorted(guide_root().glob("*/index.md")) if p.is_file()]

        def link(url: str) -> str:
            # "../en/index.md" → the rendered English guide (the <base> would otherwise open the Markdown)
            parts = url.split("/")
            if len(parts) >= 2 and parts[-1] == "index.md" and (guide_root() / parts[-2] / "index.md") in guides:
                return QUrl.fromLocalFile(str(folder / f"guide_{parts[-2]}.html")).toString()
            return url

        for guide in guides:
            render_html(guide, folder / f"guide_{guide.parent.name}.html", link)
        return QUrl.fromLocalFile(str(folder / f"guide_{path.parent.name}.html"))
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
