"""Issue 14: the numba warm-up task. Created on plugin load, runs off the UI thread with progress, can be
cancelled, is skipped under a processing-only start or when switched off, is not started twice; afterwards
the kernels hold their compiled signatures, delineation + division compile nothing more, and a run racing
the warm-up compiles each kernel once (fresh numba caches, in separate processes)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication

import sbplanner_plugin
from sbplanner_plugin import settings
from sbplanner_plugin.core import warmup as core_warmup
from sbplanner_plugin.gui import warmup
from sbplanner_plugin.plugin import ProcessingOnlyPlugin, SbPlannerPlugin

WORKER = Path(__file__).with_name("warmup_worker.py")


@pytest.fixture(autouse=True)
def fresh_warmup_state(qgis_app):
    """Each test starts as a new QGIS session would (no warm-up run yet), with the setting at its default."""
    registry = QgsApplication.processingRegistry()
    existing = registry.providerById("sbplanner")
    if existing is not None:
        registry.removeProvider(existing)
    settings.JIT_WARMUP.remove()
    warmup._reset_for_tests()
    yield
    task = warmup.current_task()
    if task is not None and not task.ended:
        task.cancel()
        wait_for(task)
    warmup._reset_for_tests()
    settings.JIT_WARMUP.remove()
    if existing is not None and registry.providerById("sbplanner") is None:
        from sbplanner_plugin.processing.provider import SbPlannerProvider

        registry.addProvider(SbPlannerProvider())


def wait_for(task, timeout_s: float = 600.0) -> None:
    end = time.monotonic() + timeout_s
    while not task.ended:
        QCoreApplication.processEvents()
        time.sleep(0.005)
        assert time.monotonic() < end, "the warm-up task did not finish"


def test_plugin_load_starts_the_task_off_the_ui_thread_and_compiles_every_kernel(qgis_iface):
    plugin = SbPlannerPlugin(qgis_iface)
    plugin.initGui()
    try:
        task = warmup.current_task()
        assert isinstance(task, warmup.WarmupTask)
        assert plugin.warmup_task is task
        assert task in QgsApplication.taskManager().tasks()  # in the task bar
        assert task.canCancel()
        assert "SBPlanner" in task.description()
        progress: list[float] = []
        task.progressChanged.connect(progress.append)
        wait_for(task)
        assert task.thread_id is not None and task.thread_id != threading.get_ident()
        assert task.report is not None and not task.report.cancelled and task.error == ""
        assert set(task.report.seconds) == {k.name for k in core_warmup.KERNELS}
        # with the kernels already in this process the task can end before the connection above is made
        assert progress == sorted(progress) and progress[-1:] in ([], [pytest.approx(100.0)])
        assert task.last_progress == pytest.approx(100.0)
        for kernel in core_warmup.KERNELS:
            signatures = set(kernel.dispatcher().signatures)
            assert signatures, kernel.name
            for types in kernel.signatures():
                assert tuple(types) in signatures, (kernel.name, types)
        # a second load in the same session (plugin reload) starts nothing
        again = SbPlannerPlugin(qgis_iface)
        again.initGui()
        try:
            assert again.warmup_task is None
            assert warmup.current_task() is task
        finally:
            again.unload()
    finally:
        plugin.unload()


def test_a_running_task_is_not_started_twice(qgis_iface, monkeypatch):
    gate = threading.Event()
    real = core_warmup.warm_up
    monkeypatch.setattr(core_warmup, "warm_up", lambda **kw: (gate.wait(60), real(**kw))[1])
    first = warmup.start_warmup()
    try:
        assert first is not None
        assert warmup.start_warmup() is first
    finally:
        gate.set()
    wait_for(first)
    assert warmup.start_warmup() is None  # done: a later load starts none


def test_cancel_stops_after_the_current_kernel(qgis_app, monkeypatch):
    def progress_then_cancel(self, percent, name):
        self.setProgress(percent)
        self.cancel()  # as the task bar's cancel button does

    monkeypatch.setattr(warmup.WarmupTask, "_progress", progress_then_cancel)
    task = warmup.start_warmup()
    wait_for(task)
    assert task.report is not None and task.report.cancelled
    assert list(task.report.seconds) == [core_warmup.KERNELS[0].name]
    assert not warmup._DONE
    assert warmup.start_warmup() is not None  # a cancelled warm-up may run again (next load)


def test_unload_cancels_a_running_task(qgis_iface, monkeypatch):
    gate = threading.Event()
    seen: list[bool] = []

    def slow(progress=None, is_cancelled=None, kernels=None):
        gate.wait(60)
        seen.append(is_cancelled())
        return core_warmup.WarmupReport(cancelled=True)

    monkeypatch.setattr(core_warmup, "warm_up", slow)
    plugin = SbPlannerPlugin(qgis_iface)
    plugin.initGui()
    task = warmup.current_task()
    end = time.monotonic() + 60
    while task.thread_id is None:  # running (a task cancelled while still queued never runs: also fine)
        QCoreApplication.processEvents()
        time.sleep(0.005)
        assert time.monotonic() < end, "the warm-up task did not start"
    plugin.unload()
    gate.set()
    wait_for(task)
    assert seen == [True]
    assert not warmup._DONE


def test_the_setting_switches_it_off(qgis_iface):
    settings.JIT_WARMUP.set_value(False)
    plugin = SbPlannerPlugin(qgis_iface)
    plugin.initGui()
    try:
        assert plugin.warmup_task is None
        assert warmup.current_task() is None
    finally:
        plugin.unload()


def test_no_task_under_a_processing_only_start(qgis_app, monkeypatch):
    before = len(QgsApplication.taskManager().tasks())
    plugin = sbplanner_plugin.classFactory(None)  # what qgis_process loads
    assert isinstance(plugin, ProcessingOnlyPlugin) and not isinstance(plugin, SbPlannerPlugin)
    plugin.initGui()
    try:
        assert warmup.current_task() is None
        assert len(QgsApplication.taskManager().tasks()) == before
    finally:
        plugin.unload()
    monkeypatch.setattr(QgsApplication, "platform", staticmethod(lambda: "qgis_process"))
    assert warmup.start_warmup() is None


def run_worker(mode: str, tmp_path: Path) -> dict:
    cache = tmp_path / "numba-cache"
    cache.mkdir()
    out = tmp_path / f"{mode}.json"
    env = dict(os.environ, NUMBA_CACHE_DIR=str(cache), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, str(WORKER), mode, str(out)], env=env, capture_output=True, text=True, timeout=1200
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(out.read_text(encoding="utf-8"))


def ours(counter: dict) -> dict:
    """Compilations of SBPlanner's and pyflwdir's kernels (not numba's own internal overloads)."""
    return {k: v for k, v in counter.items() if k.startswith(("sbplanner_plugin.", "pyflwdir."))}


def test_after_the_warm_up_delineation_and_division_compile_nothing(tmp_path):
    result = run_worker("after", tmp_path)
    assert result["warmup_ok"]
    warmed = ours(result["compiles"]["warmup"])
    assert len(warmed) >= 45 and max(warmed.values()) == 1  # the cache was empty: all compiled, once
    assert ours(result["compiles"].get("run1", {})) == {}  # nothing left to compile for the first run
    assert result["signatures_after"] == result["signatures_before"]
    assert result["run1"]["area_km2"] == [pytest.approx(5.3949, abs=1e-4)]
    assert result["run1"]["units"] == result["run2"]["units"] >= 2
    assert result["run1"]["units_area_km2"] == pytest.approx(result["run1"]["area_km2"][0])


def test_a_run_racing_the_warm_up_compiles_each_kernel_once(tmp_path):
    result = run_worker("race", tmp_path)
    assert result["warmup_ok"], result.get("warmup_error")
    raced = ours(result["compiles"]["race"])
    assert len(raced) >= 45
    assert max(raced.values()) == 1, {k: v for k, v in raced.items() if v > 1}
    assert result["run1"]["area_km2"] == [pytest.approx(5.3949, abs=1e-4)]
    assert result["run1"]["units"] >= 2
