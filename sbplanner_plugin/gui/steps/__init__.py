"""Dock workflow steps. Importing this package registers every step module."""

from sbplanner_plugin.gui.steps import measures_step, parcels_step, quantities_step, roadmap, watersheds_step  # noqa: F401 - registration side effect
from sbplanner_plugin.gui.steps.base import Step, register_step, registered_steps

__all__ = ["Step", "register_step", "registered_steps"]
