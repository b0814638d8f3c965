"""Cancelling ``sbplanner:divide_small_watersheds`` inside a division stage stops it with nothing written."""

from __future__ import annotations

import processing
import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback

from sbplanner_plugin.adapters.plan_store import PlanStore


class CancelAt(QgsProcessingFeedback):
    """Requests cancellation as soon as the algorithm announces ``stage``; records what it reports after."""

    def __init__(self, stage: str) -> None:
        super().__init__()
        self.stage = stage
        self.texts: list[str] = []
        self.progress_after: list[float] = []

    def setProgressText(self, text: str) -> None:
        self.texts.append(text)
        if text == self.stage:
            self.cancel()

    def setProgress(self, progress: float) -> None:
        if self.isCanceled():
            self.progress_after.append(progress)
        super().setProgress(progress)


@pytest.mark.parametrize("stage", ["micro-watersheds", "merging small units", "attributes", "channels"])
def test_cancel_during_division_writes_nothing(tmp_path, demo_dir, stage) -> None:
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    feedback = CancelAt(stage)
    with pytest.raises(QgsProcessingException, match="Cancelled by the user"):
        processing.run(
            "sbplanner:divide_small_watersheds",
            {
                "DEM": str(demo_dir / "ywzdem10m.tif"),
                "MAX_AREA_KM2": 2.0,
                "MIN_AREA_KM2": 0.3,
                "STREAM_THRESHOLD_KM2": 0.1,
                "OUTPUT_WATERSHEDS": store.destination("small_watersheds"),
                "OUTPUT_STREAMS": store.destination("small_watershed_streams"),
            },
            feedback=feedback,
        )
    assert feedback.texts[-1] == stage  # stopped in that stage: no later stage was announced
    assert len(feedback.progress_after) == 1  # the first progress call after the request raised
    assert "small_watersheds" not in store.layers() and "small_watershed_streams" not in store.layers()
