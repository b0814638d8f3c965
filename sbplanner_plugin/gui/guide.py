"""Guided mode of the dock (issue 15, trainers and newcomers): on top of the step page, what the step does,
which standard it follows (``Step.guide_text()`` / ``Step.guide_standards()``) and a "Next step" button.

Shown while the setting ``sbplanner/guided_mode`` is on (Plugins ▸ SBPlanner ▸ Guided mode, the panel's own
"Hide" button, the first-run hint and "Load demo project" switch it).
"""

from __future__ import annotations

from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout

from sbplanner_plugin import settings


class GuidePanel(QFrame):
    """The guide of the dock's current step; follows ``dock.step_list``'s current row."""

    #: The guided mode was switched on or off here (the panel's "Hide" button) or through :meth:`set_enabled`.
    enabledChanged = pyqtSignal(bool)

    def __init__(self, dock, parent=None) -> None:
        super().__init__(parent)
        self.dock = dock
        self.setObjectName("SbPlannerGuide")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#SbPlannerGuide { background: #eef5fb; border: 1px solid #b7d3ea; border-radius: 3px; }"
            " QLabel { background: transparent; }"
        )
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.standards = QLabel()
        self.standards.setWordWrap(True)
        self.standards.setStyleSheet("color: #33526e;")
        self.next_button = QPushButton(self.tr("Next step"))
        self.next_button.setToolTip(self.tr("Go to the next step of the workflow"))
        self.hide_button = QToolButton()
        self.hide_button.setText(self.tr("Hide guide"))
        self.hide_button.setToolTip(
            self.tr("Switch the guided mode off (Plugins ▸ SBPlanner ▸ Guided mode switches it on again)")
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.hide_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addWidget(self.standards)
        layout.addLayout(buttons)

        self.next_button.clicked.connect(self.next_step)
        self.hide_button.clicked.connect(lambda: self.set_enabled(False))
        dock.step_list.currentRowChanged.connect(self.show_step)
        self.show_step(dock.step_list.currentRow())
        self.setVisible(bool(settings.GUIDED_MODE.value()))

    def is_enabled(self) -> bool:
        return bool(settings.GUIDED_MODE.value())

    def set_enabled(self, enabled: bool) -> None:
        """Switch the guided mode on or off (remembered in the settings)."""
        enabled = bool(enabled)
        changed = enabled != self.is_enabled()
        settings.GUIDED_MODE.set_value(enabled)
        self.setVisible(enabled)
        if enabled:
            self.show_step(self.dock.step_list.currentRow())
        if changed:
            self.enabledChanged.emit(enabled)

    def show_step(self, index: int) -> None:
        steps = self.dock.steps
        if not 0 <= index < len(steps):
            self.heading.setText("")
            self.text.setText("")
            self.standards.setText("")
            self.next_button.setEnabled(False)
            return
        step = type(steps[index])
        self.heading.setText(
            "<b>" + self.tr("Step {0} of {1}: {2}").format(step.number, len(steps), step.title()) + "</b>"
        )
        self.text.setText(step.guide_text())
        standards = step.guide_standards()
        self.standards.setText(self.tr("Standards: {0}").format(standards) if standards else "")
        self.standards.setVisible(bool(standards))
        last = index >= len(steps) - 1
        self.next_button.setEnabled(not last)
        self.next_button.setToolTip(
            self.tr("This is the last step.") if last else self.tr("Go to the next step of the workflow")
        )

    def next_step(self) -> None:
        row = self.dock.step_list.currentRow()
        if row + 1 < self.dock.step_list.count():
            self.dock.step_list.setCurrentRow(row + 1)
