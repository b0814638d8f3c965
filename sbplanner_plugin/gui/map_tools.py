"""Map tools of the SBPlanner dock: clicking outlet points onto a memory layer."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
)
from qgis.gui import QgsMapCanvas, QgsMapMouseEvent, QgsMapToolEmitPoint
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QKeyEvent


class OutletClickTool(QgsMapToolEmitPoint):
    """Left click adds an outlet point to ``layer``; right click or Esc ends the tool.

    Points are transformed from the canvas CRS to the layer CRS and numbered ``outlet_id`` = 1, 2, ...
    The tool emits ``outletAdded(feature_id)`` and, when the user ends it, ``finished()``.
    """

    outletAdded = pyqtSignal(int)
    finished = pyqtSignal()

    def __init__(self, canvas: QgsMapCanvas, layer: QgsVectorLayer) -> None:
        super().__init__(canvas)
        self.layer = layer
        self.setCursor(Qt.CursorShape.CrossCursor)

    def set_layer(self, layer: QgsVectorLayer) -> None:
        self.layer = layer

    def canvasReleaseEvent(self, event: QgsMapMouseEvent) -> None:
        if event.button() == Qt.MouseButton.RightButton:
            self.finished.emit()
            return
        if event.button() == Qt.MouseButton.LeftButton:
            self.add_point(event.mapPoint())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            self.finished.emit()
            return
        super().keyPressEvent(event)

    def add_point(self, map_point: QgsPointXY) -> int | None:
        """Add ``map_point`` (canvas CRS) to the layer; returns the new feature id or None."""
        layer = self.layer
        if layer is None or not layer.isValid():
            return None
        point = QgsPointXY(map_point)
        canvas_crs = self.canvas().mapSettings().destinationCrs()
        if canvas_crs.isValid() and layer.crs().isValid() and canvas_crs != layer.crs():
            transform = QgsCoordinateTransform(canvas_crs, layer.crs(), QgsProject.instance())
            point = transform.transform(point)
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(point))
        index = layer.fields().indexOf("outlet_id")
        if index >= 0:
            existing = [f["outlet_id"] for f in layer.getFeatures()]
            feature.setAttribute(index, max([v for v in existing if isinstance(v, int)], default=0) + 1)
        ok, added = layer.dataProvider().addFeatures([feature])
        if not ok or not added:
            return None
        layer.updateExtents()
        layer.triggerRepaint()
        fid = added[0].id()
        self.outletAdded.emit(fid)
        return fid
