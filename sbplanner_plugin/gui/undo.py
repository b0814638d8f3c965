"""Undoable edits of the measure editor (dock step 3).

Attribute edits are written through the plan store (``PlanStore.update_attributes``: one transaction per
edit, logged in ``sbplanner_edit_log``); works geometries (add / move) through the layer's data provider,
one provider call (one GeoPackage transaction) per edit. A command whose write fails marks itself
obsolete, so Qt drops it from the stack and the stack never claims an edit that is not on disk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer
from qgis.PyQt.QtWidgets import QUndoCommand

LOGGER = logging.getLogger(__name__)

Changes = Mapping[int, Mapping[str, object]]
#: ``report(error_text)`` shows a failed write to the user.
Reporter = Callable[[str], None]


class _WriteCommand(QUndoCommand):
    """Base: ``_apply(forward)`` writes; failures are reported and make the command obsolete."""

    def __init__(self, text: str, report: Reporter, after: Callable[[], None] | None = None) -> None:
        super().__init__(text)
        self.report = report
        self.after = after
        self.failed = False

    def _apply(self, forward: bool) -> None:
        raise NotImplementedError

    def _run(self, forward: bool) -> None:
        try:
            self._apply(forward)
        except Exception as exc:  # a write error must not escape into Qt
            LOGGER.exception("Edit %r failed", self.text())
            self.failed = True
            self.setObsolete(True)
            self.report(str(exc))
        if self.after is not None:
            self.after()

    def redo(self) -> None:
        self._run(True)

    def undo(self) -> None:
        self._run(False)


class AttributeEditCommand(_WriteCommand):
    """Set ``{fid: {field: value}}`` on a plan layer; undo writes the old values back."""

    def __init__(
        self,
        text: str,
        write: Callable[[Changes], object],
        new: Changes,
        old: Changes,
        report: Reporter,
        after: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(text, report, after)
        self.write = write
        self.new = {int(k): dict(v) for k, v in new.items()}
        self.old = {int(k): dict(v) for k, v in old.items()}

    @property
    def fids(self) -> list[int]:
        return sorted(self.new)

    def _apply(self, forward: bool) -> None:
        self.write(self.new if forward else self.old)


class AddWorkCommand(_WriteCommand):
    """Add one works feature (谷坊, 截水沟 …) to a plan layer; undo deletes it."""

    def __init__(self, text: str, layer: QgsVectorLayer, feature: QgsFeature, report: Reporter, after=None) -> None:
        super().__init__(text, report, after)
        self.layer = layer
        self.feature = QgsFeature(feature)
        self.fid: int | None = None

    def _apply(self, forward: bool) -> None:
        provider = self.layer.dataProvider()
        if forward:
            ok, added = provider.addFeatures([QgsFeature(self.feature)])
            if not ok or not added:
                raise RuntimeError(provider.lastError() or "the feature was not added")
            self.fid = added[0].id()
        elif self.fid is not None:
            if not provider.deleteFeatures([self.fid]):
                raise RuntimeError(provider.lastError() or "the feature was not deleted")
            self.fid = None
        self.layer.updateExtents()
        self.layer.triggerRepaint()


class MoveWorkCommand(_WriteCommand):
    """Move one works feature and set its attributes (e.g. status) in one provider call; undo restores both."""

    def __init__(self, text: str, layer: QgsVectorLayer, fid: int, old: tuple, new: tuple, report, after=None) -> None:
        """``old``/``new`` are ``(geometry, {field index: value})``."""
        super().__init__(text, report, after)
        self.layer = layer
        self.fid = int(fid)
        self.old = (QgsGeometry(old[0]), dict(old[1]))
        self.new = (QgsGeometry(new[0]), dict(new[1]))

    def _apply(self, forward: bool) -> None:
        geometry, values = self.new if forward else self.old
        provider = self.layer.dataProvider()
        if not provider.changeFeatures({self.fid: values}, {self.fid: QgsGeometry(geometry)}):
            raise RuntimeError(provider.lastError() or "the feature was not moved")
        self.layer.updateExtents()
        self.layer.triggerRepaint()
