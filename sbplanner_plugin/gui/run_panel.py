"""Run button + progress bar + stage line + Cancel + status line, driving one background algorithm at a time.

A step that chains algorithms (analyse → summarise) announces the chain with :meth:`RunPanel.plan_stages`: its
algorithms then share one bar by weight (each one's 0–100 % mapped into its share), and the line under the bar
names the stage ("Stage 1 of 2: Analyse parcels — CSLE per cell and per parcel")."""

from __future__ import annotations

from collections.abc import Sequence
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
        #: the algorithm running and the stage it named (feedback.setProgressText); empty when idle
        self.stage_label = QLabel()
        self.stage_label.setWordWrap(True)
        self.stage_label.setStyleSheet("color: palette(dark);")
        self.stage_label.setVisible(False)
        #: the chain announced by plan_stages: (algorithm id, share of the bar 0–1); the next one expected
        self._chain: list[tuple[str, float]] = []
        self._next_stage = 0
        #: the bar span of the algorithm running: (start 0–1, share 0–1, index, count)
        self._span = (0.0, 1.0, 0, 1)
        self._stage_name = ""
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
        layout.addWidget(self.stage_label)
        layout.addWidget(self.status)
        self.run_button.clicked.connect(self.runRequested)
        self.cancel_button.clicked.connect(self.cancel)

    @property
    def busy(self) -> bool:
        return self.handle is not None and self.handle.running

    def plan_stages(self, stages: Sequence[tuple[str, float]]) -> None:
        """The algorithms the next :meth:`start` calls run one after the other, as ``(algorithm id, weight)``:
        they share one progress bar in proportion to their weights. An algorithm of the chain not started (a
        stage skipped) leaves its share; starting one that is not in the chain ends the chain."""
        total = float(sum(max(float(w), 0.0) for _alg, w in stages))
        if total <= 0 or not stages:
            self._chain = []
        else:
            self._chain = [(alg, max(float(w), 0.0) / total) for alg, w in stages]
        self._next_stage = 0

    def _span_of(self, alg_id: str) -> tuple[float, float, int, int]:
        """(start 0–1, share 0–1, index, count) of ``alg_id`` on the bar; consumes the chain up to it."""
        for index in range(self._next_stage, len(self._chain)):
            if self._chain[index][0] == alg_id:
                self._next_stage = index + 1
                start = sum(share for _alg, share in self._chain[:index])
                return start, self._chain[index][1], index, len(self._chain)
        self._chain, self._next_stage = [], 0
        return 0.0, 1.0, 0, 1

    def start(self, alg_id: str, params: dict[str, Any], on_done: Callable[[dict], str | None]) -> bool:
        """Run ``alg_id``; ``on_done(results)`` loads the results and may return a success text."""
        if self.busy:
            return False
        self._on_done = on_done
        self._span = self._span_of(alg_id)
        if self._span[0] <= 0:
            self.progress.setValue(0)
        self._stage_name = ""
        self.set_status(self.tr("Running…"))
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.handle = run_algorithm(alg_id, params, self._done, self._error, self._progress, on_stage=self._stage_text)
        if self.handle.running:
            self._show_stage()
        return self.handle.running

    def _show_stage(self) -> None:
        """ "Stage 1 of 2: Analyse parcels — CSLE per cell and per parcel" (one algorithm: no "Stage 1 of 1")."""
        name = self.handle.display_name if self.handle is not None else ""
        _start, _share, index, count = self._span
        text = self.tr("Stage {0} of {1}: {2}").format(index + 1, count, name) if count > 1 else name
        if self._stage_name:
            text = f"{text} — {self._stage_name}"
        self.stage_label.setText(text)
        self.stage_label.setVisible(bool(text))

    def _clear_stage(self) -> None:
        self._stage_name = ""
        self.stage_label.clear()
        self.stage_label.setVisible(False)

    def bar_value(self, value: float) -> int:
        """The bar (0–100) for the running algorithm's own progress ``value`` (0–100), within its share."""
        start, share, _index, _count = self._span
        fraction = start + share * min(max(float(value), 0.0), 100.0) / 100.0
        return round(100 * min(fraction, 1.0))

    def cancel(self) -> None:
        if self.busy:
            self.cancel_button.setEnabled(False)
            self.set_status(self.tr("Cancelling…"))
            self.handle.cancel()

    def cleanup(self) -> None:
        self.cancel()

    # -- callbacks -----------------------------------------------------------------------------
    def _progress(self, value: float) -> None:
        # never backwards within a run (an algorithm restarting its count, a stage's share rounding)
        self.progress.setValue(max(self.bar_value(value), self.progress.value()))

    def _stage_text(self, text: str) -> None:
        self._stage_name = text.strip()
        self._show_stage()

    def _done(self, results: dict) -> None:
        text = self._on_done(results) or self.tr("Done.")
        self._idle()
        _start, _share, index, count = self._span
        last = index + 1 >= count
        self.progress.setValue(100 if last else max(self.bar_value(100), self.progress.value()))
        self._clear_stage()
        warnings = self.new_warnings(text)
        if warnings:
            self.set_status("\n".join([text, *warnings]), warning=True)
        else:
            self.set_status(text, ok=True)
        if last:
            self._chain, self._next_stage = [], 0
        self.runFinished.emit(True)
        if not self.busy:  # nothing chained on: the chain (if any) ends here
            self._chain, self._next_stage = [], 0

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
        self._clear_stage()
        self._chain, self._next_stage = [], 0
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
