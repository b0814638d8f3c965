"""Workflow steps of the SBPlanner dock: the ``Step`` base class and the step registry.

A later issue adds a capability by writing one module in ``gui/steps/`` with a ``Step`` subclass
decorated by ``@register_step`` (same ``key`` as a placeholder replaces that placeholder).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from sbplanner_plugin.gui.dock import SbPlannerDock

_REGISTRY: dict[str, type[Step]] = {}


class Step(QWidget):
    """One numbered page of the dock. Subclasses set ``number``/``key`` and implement ``title()``."""

    number: int = 0
    key: str = ""
    #: False for placeholders of steps planned on the roadmap.
    implemented: bool = True

    def __init__(self, dock: SbPlannerDock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dock = dock
        self.iface = dock.iface

    @classmethod
    def title(cls) -> str:
        """Translated short title shown in the step list (without the number)."""
        raise NotImplementedError

    @classmethod
    def guide_text(cls) -> str:
        """Guided mode (gui/guide.py): what the step does, in two or three short translated sentences. A subclass
        writes ``QCoreApplication.translate("Ctx", "…" "…")  # fmt: skip`` — no trailing comma after the text:
        pylupdate5 does not see a call that has one."""
        return ""

    @classmethod
    def guide_standards(cls) -> str:
        """Guided mode: the standards the step follows (translated); "" when none."""
        return ""

    @classmethod
    def list_label(cls) -> str:
        text = f"{cls.number}  {cls.title()}"
        if not cls.implemented:
            text += "  " + QCoreApplication.translate("Step", "(coming)")
        return text

    def plan_path_changed(self, path: str) -> None:
        """Called when the user picks another plan GeoPackage (or a project is opened)."""

    def scenario_changed(self, store) -> None:
        """Called when another scenario of the plan became current (``store`` sees that scenario); the
        project's step 3–5 layers of the old one are gone. By default the step reloads as for a new plan."""
        self.plan_path_changed(self.dock.plan_path())

    def project_cleared(self) -> None:
        """Called when the QGIS project is closed or a new one is started."""

    def cleanup(self) -> None:
        """Cancel running tasks, release map tools and disconnect signals (plugin unload)."""


def register_step(cls: type[Step]) -> type[Step]:
    """Class decorator: make ``cls`` a step of the dock (replaces a placeholder with the same key)."""
    current = _REGISTRY.get(cls.key)
    if current is None or not current.implemented or cls.implemented:
        _REGISTRY[cls.key] = cls
    return cls


def registered_steps() -> list[type[Step]]:
    """Registered step classes in workflow order."""
    return sorted(_REGISTRY.values(), key=lambda c: (c.number, c.key))


class PlaceholderStep(Step):
    """A roadmap step that is not built yet: shows what it will do."""

    implemented = False

    @classmethod
    def description(cls) -> str:
        return ""

    def __init__(self, dock: SbPlannerDock, parent: QWidget | None = None) -> None:
        super().__init__(dock, parent)
        layout = QVBoxLayout(self)
        heading = QLabel(f"<b>{self.number}. {self.title()}</b>")
        body = QLabel(self.description())
        body.setWordWrap(True)
        note = QLabel(QCoreApplication.translate("Step", "This step will come in a later version of SBPlanner."))
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(mid);")
        for widget in (heading, body, note):
            layout.addWidget(widget)
        layout.addStretch(1)
