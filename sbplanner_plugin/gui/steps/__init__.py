"""Dock workflow steps. Importing this package registers every step module."""

# registration side effect: each module registers its step
from sbplanner_plugin.gui.steps import (  # noqa: F401
    benefits_step,
    measures_step,
    parcels_step,
    quantities_step,
    report_step,
    watersheds_step,
)
from sbplanner_plugin.gui.steps.base import Step, register_step, registered_steps

__all__ = ["Step", "register_step", "registered_steps"]
