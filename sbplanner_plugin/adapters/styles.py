"""Apply SBPlanner's bundled QML styles (resources/styles/*.qml) to result layers."""

from __future__ import annotations

import logging
from pathlib import Path

from qgis.core import QgsCategorizedSymbolRenderer, QgsGraduatedSymbolRenderer, QgsMapLayer, QgsVectorLayer

LOGGER = logging.getLogger(__name__)

#: Layer (plan-store table) name -> style file stem. Layers not listed use their own name.
STYLE_ALIASES: dict[str, str] = {
    "small_watershed_streams": "streams",
    # analysed parcels (step 2): erosion intensity by default; the dock toggles to "parcels_slope"
    "parcels": "parcels_erosion",
    # the urgency of 行政村 (step 5) looks like that of the small watersheds
    "vil_urgency": "ws_urgency",
}


def styles_dir() -> Path:
    """Directory holding the .qml files, in the source tree and in the installed plugin."""
    try:
        from sbplanner_plugin import paths  # BUILD-eng's module; optional while it is written

        return Path(paths.styles_path("x")).parent
    except (ImportError, AttributeError):
        package_dir = Path(__file__).resolve().parent.parent
        for root in (package_dir, package_dir.parent):
            candidate = root / "resources" / "styles"
            if candidate.is_dir():
                return candidate
        return package_dir.parent / "resources" / "styles"


def style_path(name: str) -> Path:
    """Path of the style file used for layer ``name`` (it may not exist)."""
    stem = STYLE_ALIASES.get(name, name)
    return styles_dir() / f"{stem}.qml"


def _is_cjk(ch: str) -> bool:
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"


def pick_language(label: str, language: str) -> str:
    """One language of a bundled style's bilingual label "中文 english": "截水沟（排水型） intercepting ditch,
    drainage" → "截水沟（排水型）" / "intercepting ditch, drainage"; a label without Chinese as it is. The
    Chinese half ends at the last Chinese character or full-width sign ("微度（< 容许值）")."""
    last = max((i for i, ch in enumerate(label) if _is_cjk(ch)), default=-1)
    if last < 0:
        return label
    zh, en = label[: last + 1].strip(), label[last + 1 :].strip()
    return en or zh if language == "en" else zh


def localise_labels(layer: QgsMapLayer, language: str) -> int:
    """Keep one language of the bilingual legend labels of a categorised or graduated style (``language``
    "zh" or "en"); returns how many labels changed."""
    renderer = layer.renderer() if isinstance(layer, QgsVectorLayer) else None
    changed = 0
    if isinstance(renderer, QgsCategorizedSymbolRenderer):
        for i, category in enumerate(renderer.categories()):
            text = pick_language(category.label(), language)
            if text != category.label():
                renderer.updateCategoryLabel(i, text)
                changed += 1
    elif isinstance(renderer, QgsGraduatedSymbolRenderer):
        for i, item in enumerate(renderer.ranges()):
            text = pick_language(item.label(), language)
            if text != item.label():
                renderer.updateRangeLabel(i, text)
                changed += 1
    return changed


def apply_style(layer: QgsMapLayer, name: str, language: str | None = None) -> bool:
    """Load the bundled style for ``name`` into ``layer``; True when the style was applied. With ``language``
    ("zh" / "en") the bundled bilingual legend labels keep that language only (:func:`localise_labels`)."""
    path = style_path(name)
    if layer is None or not layer.isValid() or not path.is_file():
        LOGGER.warning("No style applied to %s (style file %s)", name, path)
        return False
    message, ok = layer.loadNamedStyle(str(path))
    if not ok:
        LOGGER.warning("Style %s could not be loaded: %s", path, message)
        return False
    if language:
        localise_labels(layer, language)
    layer.triggerRepaint()
    return True


def drop_unused_categories(layer: QgsMapLayer) -> int:
    """Remove categories of a categorised style whose value the layer does not contain (keeps the
    catch-all "other values" category); returns how many were removed. Shortens legends of styles that
    cover several class systems (e.g. parcels_slope)."""
    if not isinstance(layer, QgsVectorLayer) or not isinstance(layer.renderer(), QgsCategorizedSymbolRenderer):
        return 0
    renderer = layer.renderer()
    index = layer.fields().lookupField(renderer.classAttribute())
    if index < 0:
        return 0
    present = {str(v) for v in layer.uniqueValues(index) if v is not None and not (hasattr(v, "isNull") and v.isNull())}
    removed = 0
    for position in reversed(range(len(renderer.categories()))):
        value = renderer.categories()[position].value()
        if value not in (None, "") and str(value) not in present:
            renderer.deleteCategory(position)
            removed += 1
    if removed:
        layer.triggerRepaint()
    return removed
