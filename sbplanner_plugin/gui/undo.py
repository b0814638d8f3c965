"""Undoable edits of the measure editor (dock step 3).

Every edit is written through the plan store (``PlanStore.update_attributes`` here; the works commands
in ``gui.works_tools``): one transaction per edit, logged in ``sbplanner_edit_log``. A command whose write
fails marks itself obsolete, so Qt drops it from the stack and the stack never claims an edit that is
not on disk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

try:  # Qt6 (QGIS 4) moved the undo framework from QtWidgets to QtGui; qgis.PyQt does not alias it back
    from qgis.PyQt.QtGui import QUndoCommand, QUndoStack
except ImportError:  # Qt5 (QGIS 3)
    from qgis.PyQt.QtWidgets import QUndoCommand, QUndoStack  # noqa: F401 (QUndoStack: for measure_editor)

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
            from sbplanner_plugin.processing.base import error_text

            self.report(error_text(exc))  # a PlanEditError translated
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
