"""Typed QgsSettings entries for SBPlanner (one place for every user preference and its default)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from qgis.core import QgsSettings

PREFIX = "sbplanner"


@dataclass(frozen=True)
class SettingEntry:
    """A user preference stored under ``sbplanner/<key>`` with a typed default."""

    key: str
    default: Any
    description: str = ""

    @property
    def full_key(self) -> str:
        return f"{PREFIX}/{self.key}"

    def value(self) -> Any:
        """Current value, converted to the default's type (falls back to the default)."""
        raw = QgsSettings().value(self.full_key, self.default)
        if raw is None:
            return self.default
        kind = type(self.default)
        try:
            if kind is bool:
                return raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true", "yes")
            return kind(raw)
        except (TypeError, ValueError):
            return self.default

    def set_value(self, value: Any) -> None:
        QgsSettings().setValue(self.full_key, value)

    def remove(self) -> None:
        QgsSettings().remove(self.full_key)


LAST_PLAN_PATH = SettingEntry("last_plan_path", "", "Plan GeoPackage used last")
LAST_DEM_SOURCE = SettingEntry("last_dem_source", "", "Source of the DEM used last")
STREAM_THRESHOLD_KM2 = SettingEntry("stream_threshold_km2", 0.1, "Stream initiation area, km²")
SNAP_DISTANCE_M = SettingEntry("snap_distance_m", 0.0, "Outlet snap distance, m (0 = 3 cells)")
MAX_AREA_KM2 = SettingEntry("max_area_km2", 50.0, "Largest small watershed, km²")
MIN_AREA_KM2 = SettingEntry("min_area_km2", 1.0, "Smallest small watershed, km²")
LAST_STEP = SettingEntry("last_step", 0, "Workflow step shown last in the dock")
DOCK_VISIBLE = SettingEntry("dock_visible", True, "Show the SBPlanner panel when QGIS starts")
JIT_WARMUP = SettingEntry(
    "jit_warmup", True, "Compile the numba kernels in a background task when QGIS starts (first run without a pause)"
)
#: Set once the first-run hint ("Start with step 1") was shown: it is shown only once per profile.
FIRST_RUN_HINT_SHOWN = SettingEntry("first_run_hint_shown", False, "The first-run hint was shown")
#: Guided mode: an explanation of each step (what it does, which standard) and a "Next step" button on top of
#: the step page. Off by default (the page height is scarce at 1366×768 for daily use); the newcomer paths of
#: the first-run hint and "Load demo project" switch it on.
GUIDED_MODE = SettingEntry("guided_mode", False, "Show what each step does and a Next step button")

ALL_ENTRIES = (
    LAST_PLAN_PATH,
    LAST_DEM_SOURCE,
    STREAM_THRESHOLD_KM2,
    SNAP_DISTANCE_M,
    MAX_AREA_KM2,
    MIN_AREA_KM2,
    LAST_STEP,
    DOCK_VISIBLE,
    JIT_WARMUP,
    FIRST_RUN_HINT_SHOWN,
    GUIDED_MODE,
)
