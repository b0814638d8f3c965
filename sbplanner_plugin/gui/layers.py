"""Project-side helpers for the dock: result layer groups, loading plan-store layers, the outlets layer."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from qgis.core import (
    QgsBilinearRasterResampler,
    QgsColorRampShader,
    QgsCoordinateReferenceSystem,
    QgsField,
    QgsHillshadeRenderer,
    QgsLayerTreeGroup,
    QgsLayerTreeLayer,
    QgsMapLayer,
    QgsProject,
    QgsRasterBandStats,
    QgsRasterLayer,
    QgsRasterShader,
    QgsSingleBandPseudoColorRenderer,
    QgsStyle,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QPainter

from sbplanner_plugin.adapters.field_types import INT
from sbplanner_plugin.adapters.styles import apply_style
from sbplanner_plugin.i18n import ui_language

LOGGER = logging.getLogger(__name__)

#: Custom properties that mark SBPlanner's groups and layers, so they are found again whatever
#: their (translated, user-renamed) display names are.
GROUP_PROPERTY = "sbplanner/group"
LAYER_PROPERTY = "sbplanner/layer"
OUTLETS_KEY = "clicked_outlets"


#: The order of SBPlanner's step groups in the layer tree, top to bottom (one policy for every step): step 1's
#: outlets, streams and watershed outlines on top; the works and measure layout of steps 3–4; step 5's thematic
#: maps; the parcels (opaque fills) at the bottom, so no fill hides the lines and points of another step.
GROUP_ORDER = ("watersheds", "measures", "quantities", "ranking", "scenario_maps", "parcels")
#: Layers showing the same thing: only the one loaded last is ticked (step 1's delineation streams and the
#: small-watershed division's streams drew two networks over each other).
EXCLUSIVE_LAYERS = (("streams", "small_watershed_streams"),)


def geometry_rank(layer: QgsMapLayer | None) -> int:
    """Inside a group: points (0) above lines (1) above polygons and rasters (2); tables (3) last."""
    if not isinstance(layer, QgsVectorLayer):
        return 2 if layer is not None else 3
    if not layer.isSpatial():
        return 3
    kind = QgsWkbTypes.geometryType(layer.wkbType())
    return {QgsWkbTypes.GeometryType.PointGeometry: 0, QgsWkbTypes.GeometryType.LineGeometry: 1}.get(kind, 2)


def _group_rank(key) -> int:
    return GROUP_ORDER.index(key) if key in GROUP_ORDER else -1


def _group_position(root: QgsLayerTreeGroup, key: str) -> int:
    """Where a new step group goes: before the first SBPlanner group ranked below it, else after the last one
    ranked above it, else at the top of the tree."""
    rank = _group_rank(key)
    ours = [
        (i, _group_rank(c.customProperty(GROUP_PROPERTY)))
        for i, c in enumerate(root.children())
        if isinstance(c, QgsLayerTreeGroup) and _group_rank(c.customProperty(GROUP_PROPERTY)) >= 0
    ]
    below = [i for i, r in ours if r > rank]
    if below:
        return below[0]
    above = [i for i, r in ours if r <= rank]
    return above[-1] + 1 if above else 0


def _layer_position(group: QgsLayerTreeGroup, layer: QgsMapLayer) -> int:
    """Where a new layer goes in its group: after the layers of its geometry rank or above (points above lines
    above polygons, tables last)."""
    rank = geometry_rank(layer)
    for index, child in enumerate(group.children()):
        if isinstance(child, QgsLayerTreeLayer) and geometry_rank(child.layer()) > rank:
            return index
    return len(group.children())


def _show_one_of_each_kind(loaded: dict[str, QgsMapLayer], project: QgsProject) -> None:
    """Untick the layers that show what a layer just loaded shows (:data:`EXCLUSIVE_LAYERS`)."""
    root = project.layerTreeRoot()
    for kind in EXCLUSIVE_LAYERS:
        shown = [key for key in kind if key in loaded]
        if not shown:
            continue
        for node in root.findLayers():
            layer = node.layer()
            key = layer.customProperty(LAYER_PROPERTY) if layer is not None else None
            if key in kind and key != shown[-1]:
                node.setItemVisibilityChecked(False)


def find_group(key: str, project: QgsProject | None = None) -> QgsLayerTreeGroup | None:
    """The layer-tree group tagged ``key`` (searched at any depth), or None."""
    pending = [(project or QgsProject.instance()).layerTreeRoot()]
    while pending:
        node = pending.pop()
        for child in node.children():
            if isinstance(child, QgsLayerTreeGroup):
                if child.customProperty(GROUP_PROPERTY) == key:
                    return child
                pending.append(child)
    return None


def ensure_group(key: str, name: str, project: QgsProject | None = None) -> QgsLayerTreeGroup:
    """Find or create (at the top of the layer tree) the group tagged ``key``."""
    group = find_group(key, project)
    if group is None:
        root = (project or QgsProject.instance()).layerTreeRoot()
        group = root.insertGroup(_group_position(root, key), name)
        group.setCustomProperty(GROUP_PROPERTY, key)
    return group


def find_layer(layer_key: str, project: QgsProject | None = None) -> QgsVectorLayer | None:
    """First project layer tagged ``layer_key``."""
    for layer in (project or QgsProject.instance()).mapLayers().values():
        if layer.customProperty(LAYER_PROPERTY) == layer_key:
            return layer
    return None


def load_plan_layers(
    uris: Iterable[tuple[str, str, str]],
    group_key: str,
    group_name: str,
    project: QgsProject | None = None,
    provider: str = "ogr",
) -> dict[str, QgsVectorLayer]:
    """Load ``(layer_key, uri, display_name)`` plan layers into the tagged group.

    ``provider`` is the plan store's (``store.provider``): "ogr" for a GeoPackage, "postgres".

    Older layers with the same key in the group are replaced in place; a new layer goes where
    :func:`geometry_rank` puts it (points above lines above polygons, tables last); the bundled style named
    after the key is applied. Returns the loaded layers by key (invalid layers are skipped and logged).
    """
    project = project or QgsProject.instance()
    group = ensure_group(group_key, group_name, project)
    loaded: dict[str, QgsVectorLayer] = {}
    for key, uri, display_name in uris:
        layer = QgsVectorLayer(uri, display_name, provider)
        if not layer.isValid():
            LOGGER.warning("Result layer %s could not be opened (%s)", key, uri)
            continue
        place = None
        for node in list(group.findLayers()):
            old = node.layer()
            if old is not None and old.customProperty(LAYER_PROPERTY) == key:
                if node.parent() is group and place is None:
                    place = group.children().index(node)
                project.removeMapLayer(old.id())
        layer.setCustomProperty(LAYER_PROPERTY, key)
        project.addMapLayer(layer, False)
        if layer.isSpatial():
            apply_style(layer, key, ui_language())
        group.insertLayer(_layer_position(group, layer) if place is None else place, layer)
        loaded[key] = layer
    _show_one_of_each_kind(loaded, project)
    # The layer tree view only notices a change of the expanded flag: a new group filled after its
    # insertion would otherwise stay collapsed.
    group.setExpanded(False)
    group.setExpanded(True)
    return loaded


def ensure_outlet_layer(
    crs: QgsCoordinateReferenceSystem, name: str, project: QgsProject | None = None
) -> QgsVectorLayer:
    """The memory point layer that collects outlets clicked on the map (created in ``crs`` when missing)."""
    project = project or QgsProject.instance()
    layer = find_layer(OUTLETS_KEY, project)
    if layer is not None and layer.isValid():
        return layer
    authid = crs.authid() if crs.isValid() else ""
    layer = QgsVectorLayer("Point" + (f"?crs={authid}" if authid else ""), name, "memory")
    if crs.isValid() and not authid:
        layer.setCrs(crs)
    layer.dataProvider().addAttributes([QgsField("outlet_id", INT)])
    layer.updateFields()
    layer.setCustomProperty(LAYER_PROPERTY, OUTLETS_KEY)
    apply_style(layer, "outlets_clicked", ui_language())
    project.addMapLayer(layer)
    return layer


def algorithm_input(layer):
    """Parameter value for ``layer`` in a background algorithm.

    File-backed layers are passed by source, so the worker thread opens its own copy instead of
    reading the project's layer object (not thread-safe in QGIS 3.22); other layers (memory, services)
    as the layer object itself — background contexts carry no project (see gui.tasks), so an id
    would not resolve.
    """
    if layer.providerType() in ("gdal", "ogr") and not layer.source().lower().startswith(("/vsimem", "memory")):
        return layer.source()
    return layer


def style_dem_layers(hillshade: QgsRasterLayer, colour: QgsRasterLayer, opacity: float) -> None:
    """Style a DEM drawn twice: a multi-directional hillshade below and, above it, the elevation in the inverted
    Spectral ramp (8 classes over the band's range) multiplied in at ``opacity``; both smoothed when zoomed
    (nearest neighbour draws 10 m cells as stripes at large scales). The demo project of ``make demo`` and the
    plugin's "Load demo project" both use it."""
    for layer in (hillshade, colour):
        layer.resampleFilter().setZoomedInResampler(QgsBilinearRasterResampler())
        layer.resampleFilter().setZoomedOutResampler(QgsBilinearRasterResampler())
    renderer = QgsHillshadeRenderer(hillshade.dataProvider(), 1, 315.0, 45.0)
    renderer.setMultiDirectional(True)
    hillshade.setRenderer(renderer)
    stats = colour.dataProvider().bandStatistics(1, QgsRasterBandStats.Stats.Min | QgsRasterBandStats.Stats.Max)
    function = QgsColorRampShader(stats.minimumValue, stats.maximumValue)
    function.setColorRampType(QgsColorRampShader.Type.Interpolated)
    ramp = QgsStyle.defaultStyle().colorRamp("Spectral") or QgsStyle.defaultStyle().colorRamp("Viridis")
    if ramp is not None:
        ramp.invert()
        function.setSourceColorRamp(ramp)
        function.classifyColorRamp(8, -1)
    shader = QgsRasterShader()
    shader.setRasterShaderFunction(function)
    pseudo = QgsSingleBandPseudoColorRenderer(colour.dataProvider(), 1, shader)
    pseudo.setClassificationMin(stats.minimumValue)
    pseudo.setClassificationMax(stats.maximumValue)
    colour.setRenderer(pseudo)
    colour.setOpacity(opacity)
    colour.setBlendMode(QPainter.CompositionMode.CompositionMode_Multiply)
