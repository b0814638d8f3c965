"""A Processing feedback for tests: keeps every message the algorithm reports."""

from __future__ import annotations

from qgis.core import QgsProcessingFeedback


class Log(QgsProcessingFeedback):
    """Collects ``pushInfo``/``pushWarning`` lines; warnings get ``warning_prefix`` in front."""

    def __init__(self, warning_prefix: str = "") -> None:
        super().__init__()
        self.warning_prefix = warning_prefix
        self.lines: list[str] = []

    def pushInfo(self, info: str) -> None:
        self.lines.append(info)

    def pushWarning(self, warning: str) -> None:
        self.lines.append(self.warning_prefix + warning)

    def text(self) -> str:
        return "\n".join(self.lines)
