"""Run SBPlanner Processing algorithms as background tasks with progress, cancel and clean errors."""

from __future__ import annotations

import logging
from typing import Any, Callable

from qgis.core import (
    QgsApplication,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
)
from qgis.PyQt.QtCore import QCoreApplication, QObject, QTimer, pyqtSignal, pyqtSlot

from sbplanner_plugin.gui.compat import no_threading_flag

LOGGER = logging.getLogger(__name__)

DoneCallback = Callable[[dict], None]
ErrorCallback = Callable[[str], None]
ProgressCallback = Callable[[float], None]
TextCallback = Callable[[str], None]

# Handles of running tasks: Python must keep them (and their context/feedback) alive until done.
_RUNNING: set[AlgorithmRun] = set()


class CollectingFeedback(QgsProcessingFeedback):
    """Feedback that keeps the algorithm's error messages so they can be shown without a traceback, and its
    warnings (a weight redistributed, a stale estimate …) so the panel that ran it can show them; the stage the
    algorithm names with ``setProgressText`` ("CSLE per cell and per parcel") is emitted as ``stageChanged``
    (from the worker thread: connect it to a main-thread object, the call is then queued)."""

    stageChanged = pyqtSignal(str)

    def __init__(self) -> None:
        super().__init__()
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.stage = ""

    def setProgressText(self, text: str) -> None:
        self.stage = str(text)
        super().setProgressText(text)
        self.stageChanged.emit(self.stage)

    def reportError(self, error: str, fatalError: bool = False) -> None:  # noqa: N803
        self.errors.append(str(error))
        super().reportError(error, fatalError)

    def pushWarning(self, warning: str) -> None:
        self.warnings.append(str(warning))
        super().pushWarning(warning)


class AlgorithmRun(QObject):
    """One background run of a Processing algorithm; ``cancel()`` stops it."""

    progress = pyqtSignal(float)
    #: the algorithm's current stage (its ``feedback.setProgressText``)
    stage = pyqtSignal(str)
    finished = pyqtSignal(bool)

    def __init__(
        self,
        alg_id: str,
        params: dict[str, Any],
        on_done: DoneCallback | None = None,
        on_error: ErrorCallback | None = None,
        on_progress: ProgressCallback | None = None,
        project: QgsProject | None = None,
        on_stage: TextCallback | None = None,
    ) -> None:
        super().__init__()
        self.alg_id = alg_id
        self.params = dict(params)
        self._on_done = on_done
        self._on_error = on_error
        self._on_progress = on_progress
        self._on_stage = on_stage
        #: the algorithm's translated name (set by ``start``), e.g. for a panel's stage line
        self.display_name = alg_id
        self.project = project or QgsProject.instance()
        self.context: QgsProcessingContext | None = None
        self.feedback = CollectingFeedback()
        self.task: QgsProcessingAlgRunnerTask | None = None
        self.running = False
        self.in_main_thread = False
        self.cancelled = False
        self.results: dict = {}
        self.error: str = ""

    # -- life cycle -------------------------------------------------------------------------
    def start(self) -> bool:
        """Validate and queue the task; False (and ``on_error`` called) when it cannot start."""
        registry = QgsApplication.processingRegistry()
        alg = registry.createAlgorithmById(self.alg_id)
        if alg is None:
            self._fail(
                QCoreApplication.translate(
                    "AlgorithmRun", "The algorithm {0} is not available. Is the SBPlanner Processing provider loaded?"
                ).format(self.alg_id)
            )
            return False
        self.display_name = alg.displayName() or self.alg_id
        self.context = QgsProcessingContext()
        # No project on a background context: QGIS 3.22 builds the project's expression scope lazily
        # and without a lock (QgsProject::createExpressionContextScope), so an algorithm evaluating
        # parameters in the worker while the legend refreshes on the main thread crashed QGIS (seen
        # under Xvfb, ~1 run in 5). Inputs come as file paths or layer objects (layers.algorithm_input),
        # and the datum transformations are the project's.
        self.context.setTransformContext(self.project.transformContext())
        try:
            ok, message = alg.checkParameterValues(self.params, self.context)
        except Exception as exc:
            LOGGER.exception("Parameter check of %s failed", self.alg_id)
            ok, message = False, str(exc)
        if not ok:
            self._fail(message or QCoreApplication.translate("AlgorithmRun", "Invalid parameters."))
            return False
        self.feedback.progressChanged.connect(self._progress_changed)
        self.feedback.stageChanged.connect(self._stage_changed)
        if alg.flags() & no_threading_flag():
            # e.g. print layouts (sbplanner:export_maps): not thread-safe, so run on the main thread, from the
            # event loop (the caller returns first, as with a task); progress keeps the panel responsive
            self.running, self.in_main_thread = True, True
            _RUNNING.add(self)
            QTimer.singleShot(0, lambda: self._run_here(alg))
            return True
        self.task = QgsProcessingAlgRunnerTask(alg, self.params, self.context, self.feedback)
        self.task.executed.connect(self._executed)
        self.running = True
        _RUNNING.add(self)
        QgsApplication.taskManager().addTask(self.task)
        return True

    def _run_here(self, alg) -> None:
        """Run an algorithm that must not leave the main thread (FlagNoThreading)."""
        results, ok = {}, False
        try:
            results, ok = alg.run(self.params, self.context, self.feedback)
        except Exception as exc:  # Processing reports the algorithm's own errors through the feedback
            LOGGER.exception("%s failed", self.alg_id)
            self.feedback.reportError(str(exc))
        self._executed(bool(ok), results or {})

    def cancel(self) -> None:
        """Ask the running algorithm to stop at its next check of ``feedback.isCanceled()``."""
        if not self.running:
            return
        self.cancelled = True
        self.feedback.cancel()

    # -- slots (main thread) ------------------------------------------------------------------
    @pyqtSlot(float)
    def _progress_changed(self, value: float) -> None:
        self.progress.emit(value)
        if self._on_progress is not None:
            try:
                self._on_progress(value)
            except Exception:
                LOGGER.exception("Progress callback failed")
        if self.in_main_thread:  # repaint the progress bar and let Cancel be clicked
            QCoreApplication.processEvents()

    @pyqtSlot(str)
    def _stage_changed(self, text: str) -> None:
        self.stage.emit(text)
        if self._on_stage is not None:
            try:
                self._on_stage(text)
            except Exception:
                LOGGER.exception("Stage callback failed")

    @pyqtSlot(bool, "QVariantMap")
    def _executed(self, successful: bool, results: dict) -> None:
        try:
            self._handle_result(successful, results)
        finally:
            # The context holds the layers the algorithm opened (its temporary layer store). Release it
            # now, on the main thread while QGIS is alive: left to interpreter exit, its OGR layers were
            # freed after QGIS had shut down and the process segfaulted.
            self.context = None

    def _handle_result(self, successful: bool, results: dict) -> None:
        self.running = False
        self.task = None  # owned and deleted by the task manager
        _RUNNING.discard(self)
        if successful and not self.feedback.isCanceled():
            self.results = dict(results or {})
            try:
                if self._on_done is not None:
                    self._on_done(self.results)
            except Exception as exc:
                LOGGER.exception("Handling the results of %s failed", self.alg_id)
                self._fail(
                    QCoreApplication.translate("AlgorithmRun", "The results could not be loaded: {0}").format(exc)
                )
                self.finished.emit(False)
                return
            self.finished.emit(True)
            return
        if self.feedback.isCanceled() or self.cancelled:
            self.cancelled = True
            self._fail(QCoreApplication.translate("AlgorithmRun", "Cancelled."))
        else:
            self._fail(self.error_message())
        self.finished.emit(False)

    # -- helpers --------------------------------------------------------------------------------
    def error_message(self) -> str:
        """The algorithm's own error text (last reported error), or a generic message.

        An unexpected Python exception reaches the feedback as a full traceback: only its final
        line is shown, the traceback goes to the log.
        """
        errors = [e.strip() for e in self.feedback.errors if e and e.strip()]
        if not errors:
            return QCoreApplication.translate(
                "AlgorithmRun", "The algorithm {0} failed; see the Processing log for details."
            ).format(self.alg_id)
        message = errors[-1]
        if "Traceback (most recent call last)" in message:
            LOGGER.error("%s failed:\n%s", self.alg_id, message)
            last = [line.strip() for line in message.splitlines() if line.strip()][-1]
            return QCoreApplication.translate(
                "AlgorithmRun", "Unexpected error in {0}: {1} (details in the SBPlanner log)."
            ).format(self.alg_id, last)
        return message

    def _fail(self, message: str) -> None:
        self.error = message
        LOGGER.warning("%s: %s", self.alg_id, message)
        if self._on_error is not None:
            try:
                self._on_error(message)
            except Exception:
                LOGGER.exception("Error callback failed")


def run_algorithm(
    alg_id: str,
    params: dict[str, Any],
    on_done: DoneCallback | None = None,
    on_error: ErrorCallback | None = None,
    on_progress: ProgressCallback | None = None,
    project: QgsProject | None = None,
    on_stage: TextCallback | None = None,
) -> AlgorithmRun:
    """Start ``alg_id`` in the background; returns the handle (``cancel()``, ``running``, ``error``);
    ``on_stage(text)`` gets the stages the algorithm names (``feedback.setProgressText``)."""
    handle = AlgorithmRun(alg_id, params, on_done, on_error, on_progress, project, on_stage)
    handle.start()
    return handle


def running_handles() -> list[AlgorithmRun]:
    """Handles still running (used by unload to cancel them)."""
    return list(_RUNNING)
