"""One progress bar over a chained run (gui/run_panel.py): each algorithm's 0–100 % mapped into its share of the
bar, the stage each algorithm names (feedback.setProgressText) shown under the bar, real background tasks."""

from __future__ import annotations

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

from sbplanner_plugin.gui.run_panel import RunPanel


class _Staged(QgsProcessingAlgorithm):
    """Names two stages and counts 0 → 100 in each algorithm (10 steps)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self._name = name

    def name(self) -> str:
        return self._name

    def displayName(self) -> str:
        return {"first": "First algorithm", "second": "Second algorithm"}.get(self._name, self._name)

    def createInstance(self) -> QgsProcessingAlgorithm:
        return _Staged(self._name)

    def initAlgorithm(self, config=None) -> None:
        self.addParameter(QgsProcessingParameterNumber("X", "x", QgsProcessingParameterNumber.Double, 1.0))
        self.addOutput(QgsProcessingOutputNumber("Y", "y"))

    def processAlgorithm(self, parameters, context, feedback):
        feedback.setProgressText(f"{self._name}: reading")
        for i in range(6):
            feedback.setProgress(10 * i)
        feedback.setProgressText(f"{self._name}: writing")
        if self._name == "breaks":
            raise QgsProcessingException("broken on purpose")
        for i in range(6, 11):
            feedback.setProgress(10 * i)
        return {"Y": 1.0}


class _Provider(QgsProcessingProvider):
    def id(self) -> str:
        return "sbprog"

    def name(self) -> str:
        return "sbprog"

    def loadAlgorithms(self) -> None:
        for name in ("first", "second", "breaks"):
            self.addAlgorithm(_Staged(name))


@pytest.fixture(scope="module")
def provider(qgis_app):
    prov = _Provider()
    assert QgsApplication.processingRegistry().addProvider(prov)
    yield prov
    QgsApplication.processingRegistry().removeProvider(prov)


def run_chain(panel: RunPanel, chain: list[str], weights: list[float], timeout_ms: int = 60000) -> list[bool]:
    """Start ``chain`` on ``panel`` the way a step does (the next algorithm from ``runFinished``)."""
    finished: list[bool] = []
    pending = list(chain)
    loop = QEventLoop()

    def next_stage(ok: bool) -> None:
        if ok and pending:
            panel.start(f"sbprog:{pending.pop(0)}", {"X": 1.0}, lambda results: "stage done")
            return
        finished.append(ok)
        loop.quit()

    panel.runFinished.connect(next_stage)
    panel.plan_stages([(f"sbprog:{name}", w) for name, w in zip(chain, weights)])
    panel.start(f"sbprog:{pending.pop(0)}", {"X": 1.0}, lambda results: "stage done")
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec_()
    panel.runFinished.disconnect(next_stage)
    return finished


def test_a_chained_run_fills_one_bar_by_weight_and_names_its_stages(provider):
    panel = RunPanel("Run", "test")
    values: list[int] = []
    stages: list[str] = []
    panel.progress.valueChanged.connect(values.append)
    # the stage line as the user reads it, each time the panel updates it
    original = panel.stage_label.setText
    panel.stage_label.setText = lambda text: (stages.append(text), original(text))

    assert run_chain(panel, ["first", "second"], [3, 1]) == [True]

    assert values == sorted(values), values  # never backwards: no restart at 0 for the second algorithm
    assert values[-1] == 100 and panel.progress.value() == 100
    # the first algorithm's 100 % is 75 % of the bar (weights 3:1), the second fills the rest
    assert 75 in values
    assert all(v <= 75 for v in values[: values.index(75)])
    assert max(v for v in values if v < 75) >= 60  # its 80 % → 60 %
    assert "Stage 1 of 2: First algorithm — first: reading" in stages
    assert "Stage 1 of 2: First algorithm — first: writing" in stages
    assert "Stage 2 of 2: Second algorithm — second: writing" in stages
    assert stages.index("Stage 1 of 2: First algorithm — first: writing") < stages.index(
        "Stage 2 of 2: Second algorithm — second: reading"
    )
    # idle again: no stage line, the status says the last result
    assert not panel.stage_label.isVisibleTo(panel) and panel.stage_label.text() == ""
    assert panel.status.text() == "stage done"


def test_a_single_run_has_no_stage_count_and_a_new_run_starts_at_zero(provider):
    panel = RunPanel("Run", "test")
    assert run_chain(panel, ["first", "second"], [1, 1]) == [True]
    values: list[int] = []
    stages: list[str] = []
    panel.progress.valueChanged.connect(values.append)
    original = panel.stage_label.setText
    panel.stage_label.setText = lambda text: (stages.append(text), original(text))
    assert run_chain(panel, ["second"], [1]) == [True]
    assert values[0] == 0 and values == sorted(values) and values[-1] == 100
    assert "Second algorithm — second: reading" in stages
    assert not any(s.startswith("Stage ") for s in stages)


def test_a_failing_stage_ends_the_chain_and_resets_the_bar(provider):
    panel = RunPanel("Run", "test")
    values: list[int] = []
    panel.progress.valueChanged.connect(values.append)
    assert run_chain(panel, ["first", "breaks", "second"], [1, 1, 1]) == [False]
    assert panel.progress.value() == 0 and panel.stage_label.text() == ""
    assert "broken on purpose" in panel.status.text()
    assert max(values) <= 67  # never beyond the failed stage's share
    # the next run is a new one: a planned chain does not linger
    assert panel._chain == []


def test_bar_values_of_a_stage_skipped_by_the_step(provider):
    """A stage the step does not start (step 4 without terraces to lay out) leaves its share."""
    panel = RunPanel("Run", "test")
    panel.plan_stages([("a", 1), ("b", 1), ("c", 2)])
    panel._span = panel._span_of("a")
    assert [panel.bar_value(v) for v in (0, 50, 100)] == [0, 12, 25]
    panel._span = panel._span_of("c")  # b skipped
    assert [panel.bar_value(v) for v in (0, 50, 100)] == [50, 75, 100]
    panel._span = panel._span_of("zzz")  # not in the chain: a run of its own
    assert [panel.bar_value(v) for v in (0, 100)] == [0, 100]
