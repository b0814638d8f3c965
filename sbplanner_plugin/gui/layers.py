"""Project-side helpers for the dock: result layer groups, loading plan-store layers, the outlets layer."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsField,
    QgsLayerTreeGroup,
    QgsProject,
    QgsVectorLayer,
)

from sbplanner_plugin.adapters.field_types import INT
from sbplanner_plugin.adapters.styles import apply_style

LOGGER = logging.getLogger(__name__)

#: Custom properties that mark SBPlanner's groups and layers, so they are found again whatever
#: their (translated, user-renamed) display names are.
GROUP_PROPERTY = "sbplanner/group"
LAYER_PROPERTY = "sbplanner/layer"
OUTLETS_KEY = "clicked_outlets"


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
        group = root.insertGroup(0, name)
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

    Older layers with the same key in the group are replaced; the bundled style named after the key
    is applied. Returns the loaded layers by key (invalid layers are skipped and logged).
    """
    project = project or QgsProject.instance()
    group = ensure_group(group_key, group_name, project)
    loaded: dict[str, QgsVectorLayer] = {}
    for index, (key, uri, display_name) in enumerate(uris):
        layer = QgsVectorLayer(uri, display_name, provider)
        if not layer.isValid():
            LOGGER.warning("Result layer %s could not be opened (%s)", key, uri)
            continue
        for node in list(group.findLayers()):
            old = node.layer()
            if old is not None and old.customProperty(LAYER_PROPERTY) == key:
                project.removeMapLayer(old.id())
        layer.setCustomProperty(LAYER_PROPERTY, key)
        project.addMapLayer(layer, False)
        if layer.isSpatial():
            apply_style(layer, key)
            group.insertLayer(index, layer)
        else:
            group.addLayer(layer)  # tables go below the map layers
        loaded[key] = layer
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
    apply_style(layer, "outlets_clicked")
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
