"""Map tools of the measure editor: digitise a point or line work (谷坊, 沟头防护, 截水沟 …) and move one,
and the undoable commands that write works edits through the plan store.

The tools only produce geometries in the layer's CRS; the step turns them into undoable edits
(:class:`AddWorkCommand`, :class:`MoveWorkCommand`, :class:`DeleteWorksCommand`), each written in one
plan-store transaction (``insert_feature`` / ``update_geometry`` + ``update_attributes`` /
``delete_features``) and logged in ``sbplanner_edit_log``. Undo restores a deleted work under its former
feature id, so later commands on the stack still address the right feature.
"""

from __future__ import annotations

from collections.abc import Callable

from qgis.core import (
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import QgsMapTool, QgsRubberBand
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor, QTransform

from sbplanner_plugin.gui.undo import Reporter, _WriteCommand

#: ``store()`` opens the plan store; ``refresh(layer_name)`` re-reads the project layer after a write.
StoreFactory = Callable[[], object]
Refresh = Callable[[str], None]


def geometry_wkb(geometry: QgsGeometry) -> bytes:
    return bytes(geometry.asWkb())


class _StoreCommand(_WriteCommand):
    """A works edit of plan layer ``layer_name`` written through the plan store, then ``refresh``."""

    def __init__(self, text: str, store: StoreFactory, layer_name: str, refresh: Refresh, report: Reporter) -> None:
        super().__init__(text, report)
        self.store = store
        self.layer_name = layer_name
        self.refresh = refresh

    def _write(self, forward: bool) -> None:
        raise NotImplementedError

    def _apply(self, forward: bool) -> None:
        try:
            self._write(forward)
        finally:  # also after a failed write: the layer shows what is on disk
            self.refresh(self.layer_name)


class AddWorkCommand(_StoreCommand):
    """Add one work (``insert_feature``); undo deletes it, redo re-inserts it under the same id."""

    def __init__(self, text, store, layer_name, geometry: QgsGeometry, attributes: dict, refresh, report) -> None:
        super().__init__(text, store, layer_name, refresh, report)
        self.wkb = geometry_wkb(geometry)
        self.attributes = dict(attributes)
        self.fid: int | None = None

    def _write(self, forward: bool) -> None:
        if forward:
            self.fid = self.store().insert_feature(self.layer_name, self.wkb, self.attributes, fid=self.fid)
        elif self.fid is not None:
            self.store().delete_features(self.layer_name, [self.fid])


class MoveWorkCommand(_StoreCommand):
    """Move one work and set attributes (status → overridden) in ONE transaction; undo restores both."""

    def __init__(self, text, store, layer_name, fid: int, old: tuple, new: tuple, refresh, report) -> None:
        """``old``/``new`` are ``(geometry, {field name: value})``."""
        super().__init__(text, store, layer_name, refresh, report)
        self.fid = int(fid)
        self.old = (geometry_wkb(old[0]), dict(old[1]))
        self.new = (geometry_wkb(new[0]), dict(new[1]))

    def _write(self, forward: bool) -> None:
        wkb, values = self.new if forward else self.old
        with self.store().edit() as editor:
            editor.update_geometry(self.layer_name, {self.fid: wkb})
            if values:
                editor.update_attributes(self.layer_name, {self.fid: values})


class DeleteWorksCommand(_StoreCommand):
    """Delete works (``delete_features``); undo puts them back with their ids, geometries and attributes."""

    def __init__(self, text, store, layer_name, fids, refresh, report) -> None:
        super().__init__(text, store, layer_name, refresh, report)
        self.fids = sorted(int(f) for f in fids)
        self.deleted: list[dict] = []

    def _write(self, forward: bool) -> None:
        if forward:
            self.deleted = self.store().delete_features(self.layer_name, self.fids)
            return
        with self.store().edit() as editor:
            for feature in self.deleted:
                editor.insert_feature(self.layer_name, feature["wkb"], feature["attributes"], fid=feature["fid"])


class _LayerTool(QgsMapTool):
    """Common part: the target layer and canvas → layer coordinates."""

    finished = pyqtSignal()

    def __init__(self, canvas, layer: QgsVectorLayer) -> None:
        super().__init__(canvas)
        self.layer = layer
        self.setCursor(Qt.CursorShape.CrossCursor)

    def to_layer(self, point: QgsPointXY) -> QgsPointXY:
        canvas_crs = self.canvas().mapSettings().destinationCrs()
        if canvas_crs.isValid() and self.layer.crs().isValid() and canvas_crs != self.layer.crs():
            return QgsCoordinateTransform(canvas_crs, self.layer.crs(), QgsProject.instance()).transform(point)
        return QgsPointXY(point)

    def to_canvas_geometry(self, geometry: QgsGeometry) -> QgsGeometry:
        canvas_crs = self.canvas().mapSettings().destinationCrs()
        out = QgsGeometry(geometry)
        if canvas_crs.isValid() and self.layer.crs().isValid() and canvas_crs != self.layer.crs():
            out.transform(QgsCoordinateTransform(self.layer.crs(), canvas_crs, QgsProject.instance()))
        return out

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            self.reset()
            self.finished.emit()
            return
        super().keyPressEvent(event)

    def reset(self) -> None:
        """Forget a geometry in progress."""

    def deactivate(self) -> None:
        self.reset()
        super().deactivate()


class WorkDigitiseTool(_LayerTool):
    """Points: each left click is one work. Lines: left clicks add vertices, right click ends the line."""

    geometryDigitised = pyqtSignal(QgsGeometry)

    def __init__(self, canvas, layer: QgsVectorLayer) -> None:
        super().__init__(canvas, layer)
        self.is_line = layer.geometryType() == QgsWkbTypes.GeometryType.LineGeometry
        self.vertices: list[QgsPointXY] = []
        self.band = QgsRubberBand(canvas, QgsWkbTypes.GeometryType.LineGeometry)
        self.band.setColor(QColor(200, 30, 30, 200))
        self.band.setWidth(2)

    def canvasReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.RightButton:
            if self.is_line and len(self.vertices) >= 2:
                self.finish_line()
            else:
                self.reset()
                self.finished.emit()
            return
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if not self.is_line:
            self.geometryDigitised.emit(QgsGeometry.fromPointXY(self.to_layer(event.mapPoint())))
            return
        self.vertices.append(self.to_layer(event.mapPoint()))
        self.band.addPoint(event.mapPoint())

    def canvasMoveEvent(self, event) -> None:
        if self.is_line and self.vertices:
            self.band.movePoint(event.mapPoint())

    def finish_line(self) -> None:
        geometry = QgsGeometry.fromPolylineXY(self.vertices)
        if QgsWkbTypes.isMultiType(self.layer.wkbType()):
            geometry.convertToMultiType()
        self.reset()
        self.geometryDigitised.emit(geometry)

    def reset(self) -> None:
        self.vertices = []
        self.band.reset(QgsWkbTypes.GeometryType.LineGeometry)


class WorkMoveTool(_LayerTool):
    """Press on a work, drag, release: emits ``featureMoved(fid, geometry in layer CRS)``."""

    featureMoved = pyqtSignal(int, QgsGeometry)

    def __init__(self, canvas, layer: QgsVectorLayer) -> None:
        super().__init__(canvas, layer)
        self.fid: int | None = None
        self.start: QgsPointXY | None = None
        self.geometry: QgsGeometry | None = None
        self.band = QgsRubberBand(canvas, layer.geometryType())
        self.band.setColor(QColor(200, 30, 30, 160))
        self.band.setWidth(2)

    def feature_at(self, map_point: QgsPointXY):
        """(fid, geometry) of the work nearest to the click within the search radius, or None."""
        point = self.to_layer(map_point)
        radius = self.searchRadiusMU(self.canvas())
        box = QgsRectangle(point.x() - radius, point.y() - radius, point.x() + radius, point.y() + radius)
        best = None
        for feature in self.layer.getFeatures(QgsFeatureRequest().setFilterRect(box)):
            distance = feature.geometry().distance(QgsGeometry.fromPointXY(point))
            if distance <= radius and (best is None or distance < best[0]):
                best = (distance, feature.id(), feature.geometry())
        return None if best is None else best[1:]

    def canvasPressEvent(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        found = self.feature_at(event.mapPoint())
        if found is not None:
            self.fid, self.geometry = found
            self.start = self.to_layer(event.mapPoint())
            self.layer.selectByIds([self.fid])  # the work Delete / Accept act on next

    def moved(self, map_point: QgsPointXY) -> QgsGeometry | None:
        if self.geometry is None or self.start is None:
            return None
        end = self.to_layer(map_point)
        geometry = QgsGeometry(self.geometry)
        geometry.transform(QTransform.fromTranslate(end.x() - self.start.x(), end.y() - self.start.y()))
        return geometry

    def canvasMoveEvent(self, event) -> None:
        geometry = self.moved(event.mapPoint())
        if geometry is not None:
            self.band.setToGeometry(self.to_canvas_geometry(geometry), None)

    def canvasReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.RightButton:
            self.reset()
            self.finished.emit()
            return
        geometry = self.moved(event.mapPoint())
        fid = self.fid
        self.reset()
        if geometry is not None and fid is not None:
            self.featureMoved.emit(fid, geometry)

    def reset(self) -> None:
        self.fid, self.start, self.geometry = None, None, None
        self.band.reset(self.layer.geometryType())
