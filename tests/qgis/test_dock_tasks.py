"""The dock's task runner (gui/tasks.py): results, progress, algorithm errors and cancel, for real tasks."""

from __future__ import annotations

import threading

import pytest
from qgis.core import (
    QgsApplication,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterNumber,
    QgsProcessingProvider,
)
from qgis.PyQt.QtCore import QEventLoop, QTimer

from sbplanner_plugin.gui import tasks
from sbplanner_plugin.gui.compat import no_threading_flag

RELEASE = threading.Event()
#: thread names the algorithms ran in
THREADS: dict[str, str] = {}


class _Alg(QgsProcessingAlgorithm):
    def __init__(self, name: str) -> None:
        super().__init__()
        self._name = name

    def name(self) -> str:
        return self._name

    def displayName(self) -> str:
        return self._name

    def createInstance(self) -> QgsProcessingAlgorithm:
        return _Alg(self._name)

    def initAlgorithm(self, config=None) -> None:
        self.addParameter(QgsProcessingParameterNumber("X", "x", QgsProcessingParameterNumber.Double, 1.0))
        self.addOutput(QgsProcessingOutputNumber("Y", "y"))

    def flags(self):
        flags = super().flags()
        return flags | no_threading_flag() if self._name.startswith("main_") else flags

    def processAlgorithm(self, parameters, context, feedback):
        THREADS[self._name] = threading.current_thread().name
        feedback.pushWarning(f"warning of {self._name}")
        if self._name == "main_slow":
            for i in range(2000):
                if feedback.isCanceled():
                    return {}
                feedback.setProgress(i / 20)
                RELEASE.wait(0.002)
        x = self.parameterAsDouble(parameters, "X", context)
        if self._name in ("fails", "main_fails"):
            raise QgsProcessingException("The outlet lies outside the DEM.")
        if self._name == "crashes":
            raise ZeroDivisionError("float division by zero")
        if self._name == "slow":
            for i in range(2000):
                if feedback.isCanceled():
                    return {}
                feedback.setProgress(i / 20)
                RELEASE.wait(0.01)
        feedback.setProgress(50)
        feedback.setProgress(100)
        return {"Y": 2 * x}


class _Provider(QgsProcessingProvider):
    def id(self) -> str:
        return "sbtest"

    def name(self) -> str:
        return "sbtest"

    def loadAlgorithms(self) -> None:
        for name in ("double", "fails", "slow", "crashes", "main_double", "main_fails", "main_slow"):
            self.addAlgorithm(_Alg(name))


@pytest.fixture(scope="module")
def provider(qgis_app):
    prov = _Provider()
    assert QgsApplication.processingRegistry().addProvider(prov)
    yield prov
    QgsApplication.processingRegistry().removeProvider(prov)


def _wait(handle: tasks.AlgorithmRun, timeout_ms: int = 60000) -> None:
    if not handle.running:
        return
    loop = QEventLoop()
    handle.finished.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec_()
    assert not handle.running, "task did not finish"


def test_success_reports_results_and_progress(provider):
    done, errors, progress = [], [], []
    handle = tasks.run_algorithm("sbtest:double", {"X": 21.0}, done.append, errors.append, progress.append)
    _wait(handle)
    assert errors == []
    assert done
    assert done[0]["Y"] == pytest.approx(42.0)
    assert 100.0 in progress


def test_algorithm_error_message_without_traceback(provider):
    done, errors = [], []
    handle = tasks.run_algorithm("sbtest:fails", {"X": 1.0}, done.append, errors.append)
    _wait(handle)
    assert done == []
    assert len(errors) == 1
    assert "The outlet lies outside the DEM." in errors[0]
    assert "Traceback" not in errors[0]


def test_unexpected_exception_shows_last_line_not_traceback(provider):
    errors = []
    handle = tasks.run_algorithm("sbtest:crashes", {"X": 1.0}, on_error=errors.append)
    _wait(handle)
    assert len(errors) == 1
    assert "float division by zero" in errors[0]
    assert "Traceback" not in errors[0]
    assert "File " not in errors[0]


def test_cancel_stops_running_task(provider):
    done, errors = [], []
    handle = tasks.run_algorithm("sbtest:slow", {"X": 1.0}, done.append, errors.append)
    assert handle.running
    handle.cancel()
    _wait(handle)
    assert handle.cancelled
    assert done == []
    assert errors
    assert errors[0] == "Cancelled."


def test_unknown_algorithm_and_bad_parameters_fail_cleanly(provider):
    errors = []
    handle = tasks.run_algorithm("sbtest:nope", {}, on_error=errors.append)
    assert not handle.running
    assert "sbtest:nope" in errors[0]
    errors.clear()
    handle = tasks.run_algorithm("sbtest:double", {"X": "not a number"}, on_error=errors.append)
    assert not handle.running
    assert errors
    assert errors[0]


def test_an_algorithm_that_must_not_leave_the_main_thread_runs_there(provider):
    """FlagNoThreading (print layouts: sbplanner:export_maps) runs on the main thread, still from the event loop
    (the caller returns first), with results, warnings, errors and cancel as for a task."""
    done, errors, progress = [], [], []
    handle = tasks.run_algorithm("sbtest:main_double", {"X": 4.0}, done.append, errors.append, progress.append)
    assert handle.running and done == []  # not run inside the call
    _wait(handle)
    assert errors == [] and done[0]["Y"] == pytest.approx(8.0) and 100.0 in progress
    assert THREADS["main_double"] == threading.main_thread().name
    assert handle.feedback.warnings == ["warning of main_double"]
    handle = tasks.run_algorithm("sbtest:double", {"X": 1.0}, done.append, errors.append)
    _wait(handle)
    assert THREADS["double"] != threading.main_thread().name  # the others stay in the background
    handle = tasks.run_algorithm("sbtest:main_fails", {"X": 1.0}, done.append, errors.append)
    _wait(handle)
    assert len(errors) == 1 and "The outlet lies outside the DEM." in errors[0] and "Traceback" not in errors[0]
    errors.clear()
    handle = tasks.run_algorithm("sbtest:main_slow", {"X": 1.0}, done.append, errors.append)
    QTimer.singleShot(50, handle.cancel)  # a click on Cancel while it runs (progress lets events through)
    _wait(handle)
    assert handle.cancelled and errors == ["Cancelled."]
