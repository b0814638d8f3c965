"""Placeholders for the roadmap steps; each is replaced when its issue registers a real step."""

from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication

from sbplanner_plugin.gui.steps.base import PlaceholderStep, register_step


@register_step
class ReportStep(PlaceholderStep):
    number, key = 6, "report"

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("RoadmapStep", "Tables and report")

    @classmethod
    def description(cls) -> str:
        return QCoreApplication.translate("RoadmapStep", "SL/T 447 design tables, Word report and map atlas.")
