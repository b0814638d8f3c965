"""Map tools of the SBPlanner dock: clicking outlet points onto a memory layer, dragging a snapped outlet."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import QgsMapCanvas, QgsMapMouseEvent, QgsMapTool, QgsMapToolEmitPoint, QgsRubberBand
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor, QKeyEvent


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


class OutletDragTool(QgsMapTool):
    """Drag a snapped outlet to where the outlet really is.

    Press on (within :attr:`TOLERANCE_PX` of) a point of ``layer``, move, release: emits
    ``outletMoved(feature_id, point)`` with the release point in the layer's CRS. A rubber band shows the
    move. Right click or Esc ends the tool (``finished()``). What a move means is the step's business (step 1
    keeps the outlet there, unsnapped, and delineates again).
    """

    outletMoved = pyqtSignal(int, QgsPointXY)
    finished = pyqtSignal()
    TOLERANCE_PX = 10

    def __init__(self, canvas: QgsMapCanvas, layer: QgsVectorLayer | None = None) -> None:
        super().__init__(canvas)
        self.layer = layer
        self.dragged: int | None = None
        self.band: QgsRubberBand | None = None
        self.setCursor(Qt.CursorShape.OpenHandCursor)

    def set_layer(self, layer: QgsVectorLayer | None) -> None:
        self.layer = layer

    def _transform(self, to_layer: bool) -> QgsCoordinateTransform | None:
        canvas_crs = self.canvas().mapSettings().destinationCrs()
        if self.layer is None or not canvas_crs.isValid() or canvas_crs == self.layer.crs():
            return None
        pair = (canvas_crs, self.layer.crs()) if to_layer else (self.layer.crs(), canvas_crs)
        return QgsCoordinateTransform(*pair, QgsProject.instance())

    def to_layer(self, map_point: QgsPointXY) -> QgsPointXY:
        transform = self._transform(True)
        return transform.transform(QgsPointXY(map_point)) if transform else QgsPointXY(map_point)

    def outlet_at(self, map_point: QgsPointXY) -> int | None:
        """Feature id of the outlet nearest ``map_point`` (canvas CRS) within the tolerance, or None."""
        if self.layer is None or not self.layer.isValid():
            return None
        tolerance = self.TOLERANCE_PX * self.canvas().mapUnitsPerPixel()
        transform = self._transform(False)
        best = None
        for feature in self.layer.getFeatures():
            geometry = QgsGeometry(feature.geometry())
            if geometry.isEmpty():
                continue
            if transform is not None:
                geometry.transform(transform)
            distance = geometry.asPoint().distance(map_point)
            if distance <= tolerance and (best is None or distance < best[0]):
                best = (distance, feature.id())
        return best[1] if best else None

    def canvasPressEvent(self, event: QgsMapMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self.dragged = self.outlet_at(event.mapPoint())
        if self.dragged is None:
            return
        self.band = QgsRubberBand(self.canvas(), QgsWkbTypes.GeometryType.LineGeometry)
        self.band.setColor(QColor(255, 127, 0))
        self.band.setWidth(2)
        self.band.addPoint(event.mapPoint())
        self.band.addPoint(event.mapPoint())
        self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def canvasMoveEvent(self, event: QgsMapMouseEvent) -> None:
        if self.band is not None:
            self.band.movePoint(event.mapPoint())

    def canvasReleaseEvent(self, event: QgsMapMouseEvent) -> None:
        if event.button() == Qt.MouseButton.RightButton:
            self._drop_band()
            self.finished.emit()
            return
        if event.button() == Qt.MouseButton.LeftButton and self.dragged is not None:
            fid, self.dragged = self.dragged, None
            self._drop_band()
            self.drop(fid, event.mapPoint())

    def drop(self, fid: int, map_point: QgsPointXY) -> None:
        """Finish a drag of outlet ``fid`` at ``map_point`` (canvas CRS)."""
        self.outletMoved.emit(int(fid), self.to_layer(map_point))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            self.dragged = None
            self._drop_band()
            self.finished.emit()
            return
        super().keyPressEvent(event)

    def _drop_band(self) -> None:
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        if self.band is not None:
            self.canvas().scene().removeItem(self.band)
            self.band = None

    def deactivate(self) -> None:
        self.dragged = None
        self._drop_band()
        super().deactivate()
