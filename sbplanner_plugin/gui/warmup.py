"""Compile the numba kernels in the background when the plugin loads (issue 14: no compile pause on the first click).

:func:`start_warmup` queues one :class:`WarmupTask` (a cancellable ``QgsTask``, progress in QGIS's task bar)
that runs :func:`sbplanner_plugin.core.warmup.warm_up` on a task-manager thread, never on the UI thread. It
is started from ``initGui`` only: not under ``qgis_process`` (no iface, ``ProcessingOnlyPlugin``), not when
the ``jit_warmup`` setting is off, and not twice in one QGIS session (a plugin reload finds the running or
finished task). On a machine whose numba cache is already filled it only loads the cached code (~0.2 s).

A dock run started while the task is still compiling does not fail and does not compile anything twice:
numba compiles under one process-wide lock (``numba.core.compiler_lock.global_compiler_lock``) and looks
for an existing specialisation again once it holds it, so the run either waits for the kernel the task is
compiling and then uses it, or compiles a kernel the task has not reached yet itself (the task then finds
it compiled). ``tests/qgis/test_warmup_task.py`` checks both.
"""

from __future__ import annotations

import logging
import threading

from qgis.core import QgsApplication, QgsTask
from qgis.PyQt.QtCore import QCoreApplication

from sbplanner_plugin import settings

LOGGER = logging.getLogger(__name__)

#: The session's warm-up task (kept referenced: the task manager owns the C++ object, Python the wrapper).
_TASK: WarmupTask | None = None
#: True once a warm-up ran to completion in this process (a reload then starts none).
_DONE = False


class WarmupTask(QgsTask):
    """Runs :func:`core.warmup.warm_up`: progress per kernel, cancellable between kernels."""

    def __init__(self) -> None:
        super().__init__(
            QCoreApplication.translate("WarmupTask", "SBPlanner: preparing the computation kernels"),
            QgsTask.Flag.CanCancel,
        )
        self.report = None
        self.error = ""
        self.thread_id: int | None = None  # the thread run() ran on (tests: never the UI thread)
        self.last_progress = 0.0  # what the task bar shows last (the C++ task may be gone when asked)
        self.ended = False  # finished() was called (the task manager deletes the C++ task soon after)

    def run(self) -> bool:  # task-manager thread
        # nothing may escape: PyQt aborts the whole process on an exception leaving a virtual called from C++
        try:
            self.thread_id = threading.get_ident()
            from sbplanner_plugin.core import warmup

            self.report = warmup.warm_up(progress=self._progress, is_cancelled=self.isCanceled)
        except Exception as exc:  # a kernel that cannot compile fails again, visibly, in the run that needs it
            LOGGER.exception("Numba warm-up failed")
            self.error = str(exc)
            return False
        return not self.report.cancelled

    def _progress(self, percent: float, _name: str) -> None:
        self.last_progress = percent
        self.setProgress(percent)

    def finished(self, result: bool) -> None:  # main thread
        global _DONE
        try:
            self._log_outcome(result)
        except Exception:
            LOGGER.exception("Numba warm-up: report failed")
        _DONE = _DONE or bool(result)
        self.ended = True

    def _log_outcome(self, result: bool) -> None:
        if result:
            LOGGER.info(
                "Numba kernels ready: %d kernels compiled or loaded in %.1f s",
                len(self.report.seconds) if self.report else 0,
                self.report.total_s if self.report else 0.0,
            )
        elif self.report is not None and self.report.cancelled:
            LOGGER.info("Numba warm-up cancelled; the kernels left compile on first use")


def warmup_enabled() -> bool:
    """The user's ``jit_warmup`` setting (on by default)."""
    return bool(settings.JIT_WARMUP.value())


def start_warmup() -> WarmupTask | None:
    """Queue the warm-up task, unless disabled, under qgis_process, already running or already done.

    Returns the task queued now or still running from an earlier call, None when none runs.
    """
    global _TASK
    if not warmup_enabled() or _DONE or QgsApplication.instance() is None:
        return None
    if QgsApplication.platform() == "qgis_process":
        return None
    if _TASK is not None and _is_alive(_TASK):
        return _TASK
    task = WarmupTask()
    _TASK = task
    QgsApplication.taskManager().addTask(task)
    return task


def current_task() -> WarmupTask | None:
    """The session's warm-up task (running or ended), None before the first start."""
    return _TASK


def cancel_warmup() -> None:
    """Ask a running warm-up to stop after its current kernel (plugin unload)."""
    if _TASK is not None and _is_alive(_TASK):
        _TASK.cancel()


def _is_alive(task: QgsTask) -> bool:
    try:
        return task.status() in (QgsTask.TaskStatus.Queued, QgsTask.TaskStatus.OnHold, QgsTask.TaskStatus.Running)
    except RuntimeError:  # the task manager already deleted the C++ task
        return False


def _reset_for_tests() -> None:
    global _TASK, _DONE
    _TASK, _DONE = None, False
