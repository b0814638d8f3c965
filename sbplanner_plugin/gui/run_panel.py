"""Run button + progress bar + Cancel + status line, driving one background algorithm at a time."""

from __future__ import annotations

from typing import Any, Callable

from qgis.core import Qgis
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from sbplanner_plugin.gui.tasks import AlgorithmRun, run_algorithm

#: Warnings of a run shown under its status line (the rest: in the Processing log).
MAX_WARNINGS = 4


class RunPanel(QWidget):
    """Emits ``runRequested`` on click; ``start()`` runs the algorithm and reports in the status line."""

    runRequested = pyqtSignal()
    #: (successful) after the results were handled or the error reported.
    runFinished = pyqtSignal(bool)

    def __init__(self, run_text: str, message_bar_title: str, iface=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.iface = iface
        self.message_bar_title = message_bar_title
        self.handle: AlgorithmRun | None = None
        self.run_button = QPushButton(run_text)
        self.run_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(self.run_button, 1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        self.run_button.clicked.connect(self.runRequested)
        self.cancel_button.clicked.connect(self.cancel)

    @property
    def busy(self) -> bool:
        return self.handle is not None and self.handle.running

    def start(self, alg_id: str, params: dict[str, Any], on_done: Callable[[dict], str | None]) -> bool:
        """Run ``alg_id``; ``on_done(results)`` loads the results and may return a success text."""
        if self.busy:
            return False
        self._on_done = on_done
        self.progress.setValue(0)
        self.set_status(self.tr("Running…"))
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.handle = run_algorithm(alg_id, params, self._done, self._error, self._progress)
        return self.handle.running

    def cancel(self) -> None:
        if self.busy:
            self.cancel_button.setEnabled(False)
            self.set_status(self.tr("Cancelling…"))
            self.handle.cancel()

    def cleanup(self) -> None:
        self.cancel()

    # -- callbacks -----------------------------------------------------------------------------
    def _progress(self, value: float) -> None:
        self.progress.setValue(round(value))

    def _done(self, results: dict) -> None:
        text = self._on_done(results) or self.tr("Done.")
        self._idle()
        self.progress.setValue(100)
        warnings = self.new_warnings(text)
        if warnings:
            self.set_status("\n".join([text, *warnings]), warning=True)
        else:
            self.set_status(text, ok=True)
        self.runFinished.emit(True)

    def new_warnings(self, text: str) -> list[str]:
        """The run's warnings the status text does not say already (the first MAX_WARNINGS, then how many more)."""
        found = getattr(getattr(self.handle, "feedback", None), "warnings", None) or []
        unique = [w for w in dict.fromkeys(w.strip() for w in found) if w and w not in text]
        lines = ["⚠ " + w for w in unique[:MAX_WARNINGS]]
        if len(unique) > MAX_WARNINGS:
            lines.append(self.tr("… and {0} more warnings: see the Processing log.").format(len(unique) - MAX_WARNINGS))
        return lines

    def _error(self, message: str) -> None:
        self._idle()
        cancelled = self.handle is not None and self.handle.cancelled
        self.progress.setValue(0)
        if cancelled:
            self.set_status(self.tr("Cancelled."))
        else:
            self.set_status(message, error=True)
            self.push_message(message, Qgis.MessageLevel.Critical)
        self.runFinished.emit(False)

    def _idle(self) -> None:
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    # -- feedback to the user ---------------------------------------------------------------------
    def set_status(self, text: str, ok: bool = False, error: bool = False, warning: bool = False) -> None:
        colour = "#b00020" if error else ("#8a4b00" if warning else ("#1b5e20" if ok else ""))
        self.status.setStyleSheet(f"color: {colour};" if colour else "")
        self.status.setText(text)

    def push_message(self, text: str, level: Qgis.MessageLevel) -> None:
        if self.iface is not None:
            self.iface.messageBar().pushMessage(self.message_bar_title, text, level, 10)
