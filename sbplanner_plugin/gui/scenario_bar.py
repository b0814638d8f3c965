"""The dock's scenario row (方案): which scenario of the plan steps 3–5 read and write, copy it, delete it.

A plan holds several scenarios (baseline, plan A, plan B …; :mod:`sbplanner_plugin.adapters.plan_store`):
steps 1–2 are shared, every step 3–5 layer is per scenario. The row only talks to the plan store; the dock
reloads the steps when the scenario changes (:meth:`SbPlannerDock.scenario_changed`).
"""

from __future__ import annotations

import logging

from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

LOGGER = logging.getLogger(__name__)


class ScenarioBar(QWidget):
    """Combo of the plan's scenarios with Copy… and Delete. ``scenarioChanged(id)`` after the user picks,
    copies or deletes one (the plan's current scenario is already set then)."""

    scenarioChanged = pyqtSignal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = None
        self.combo = QComboBox()
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(10)
        self.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.combo.setToolTip(
            self.tr(
                "The scenario steps 3–5 work on: measures, quantities, investment, ranking and benefits are kept per scenario; watersheds and parcels (steps 1–2) are shared"  # noqa: E501
            )
        )
        self.copy_button = QToolButton()
        self.copy_button.setText(self.tr("Copy…"))
        self.copy_button.setToolTip(self.tr("Copy the current scenario (its measures and results) into a new one"))
        self.delete_button = QToolButton()
        self.delete_button.setText(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Delete the current scenario and its layers (not the baseline)"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setVisible(False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        outer.addLayout(row)
        outer.addWidget(self.status)
        row.addWidget(QLabel(self.tr("Scenario")))
        row.addWidget(self.combo, 1)
        row.addWidget(self.copy_button)
        row.addWidget(self.delete_button)
        self.combo.activated.connect(self._picked)
        self.copy_button.clicked.connect(self.ask_copy)
        self.delete_button.clicked.connect(self.ask_delete)
        self.set_store(None)

    # -- state ------------------------------------------------------------------------------------------
    def set_store(self, store) -> None:
        """Show the scenarios of ``store`` (a plan store; None = no plan yet: baseline only, disabled)."""
        self.store = store
        self.combo.blockSignals(True)
        self.combo.clear()
        rows = []
        current = "baseline"
        if store is not None:
            try:
                rows = store.list_scenarios()
                current = store.current_scenario()
            except Exception:  # an older or unreadable plan: the steps say what is wrong when they open it
                LOGGER.exception("Scenarios of the plan cannot be listed")
                rows = []
        if not rows:
            rows = [{"scenario_id": "baseline", "name": "baseline"}]
        for row in rows:
            self.combo.addItem(self.label(row), row["scenario_id"])
        self.combo.setCurrentIndex(max(self.combo.findData(current), 0))
        self.combo.blockSignals(False)
        enabled = store is not None
        self.combo.setEnabled(enabled)
        self.copy_button.setEnabled(enabled)
        self.delete_button.setEnabled(enabled and current != "baseline")

    def label(self, row: dict) -> str:
        if row["scenario_id"] == "baseline":
            return self.tr("Baseline")
        name = row.get("name") or row["scenario_id"]
        return name if name == row["scenario_id"] else f"{name} ({row['scenario_id']})"

    def current(self) -> str:
        return self.combo.currentData() or "baseline"

    # -- actions ------------------------------------------------------------------------------------------
    def _picked(self, index: int) -> None:
        scenario = self.combo.itemData(index)
        if self.store is None or not scenario:
            return
        self.switch_to(scenario)

    def switch_to(self, scenario: str) -> bool:
        from sbplanner_plugin.processing.base import error_text

        try:
            self.store.set_current_scenario(scenario)
        except Exception as exc:
            self.show_error(error_text(exc))
            self.set_store(self.store)
            return False
        self.set_store(self.store)
        self.scenarioChanged.emit(scenario)
        return True

    def ask_copy(self) -> None:
        if self.store is None:
            return
        name, ok = QInputDialog.getText(
            self, self.tr("Copy scenario"), self.tr("Name of the new scenario (e.g. Plan B):"),
            QLineEdit.EchoMode.Normal, "",
        )  # fmt: skip
        if ok and name.strip():
            self.copy(name.strip())

    def copy(self, name: str) -> str | None:
        """Copy the current scenario into a new one named ``name`` and make it current; its id, or None."""
        from sbplanner_plugin.adapters.plan_store import suggest_scenario_id
        from sbplanner_plugin.processing.base import error_text

        try:
            existing = [r["scenario_id"] for r in self.store.list_scenarios()]
            scenario = suggest_scenario_id(name, existing)
            self.store.create_scenario(scenario, name=name, copy_from=self.current())
        except Exception as exc:
            self.show_error(error_text(exc))
            return None
        return scenario if self.switch_to(scenario) else None

    def ask_delete(self) -> None:
        scenario = self.current()
        if self.store is None or scenario == "baseline":
            return
        answer = QMessageBox.question(
            self, self.tr("Delete scenario"),
            self.tr("Delete the scenario {0} with its measures, quantities and results? This cannot be undone.")
            .format(self.combo.currentText()),
        )  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            self.delete(scenario)

    def delete(self, scenario: str) -> bool:
        from sbplanner_plugin.processing.base import error_text

        try:
            self.store.delete_scenario(scenario)
        except Exception as exc:
            self.show_error(error_text(exc))
            return False
        return self.switch_to("baseline")

    def show_error(self, text: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #b00020;")
        self.status.setVisible(bool(text))
