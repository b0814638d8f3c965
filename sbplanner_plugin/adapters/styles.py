"""Apply SBPlanner's bundled QML styles (resources/styles/*.qml) to result layers."""

from __future__ import annotations

import logging
from pathlib import Path

from qgis.core import QgsCategorizedSymbolRenderer, QgsMapLayer, QgsVectorLayer

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


def apply_style(layer: QgsMapLayer, name: str) -> bool:
    """Load the bundled style for ``name`` into ``layer``; True when the style was applied."""
    path = style_path(name)
    if layer is None or not layer.isValid() or not path.is_file():
        LOGGER.warning("No style applied to %s (style file %s)", name, path)
        return False
    message, ok = layer.loadNamedStyle(str(path))
    if not ok:
        LOGGER.warning("Style %s could not be loaded: %s", path, message)
        return False
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
