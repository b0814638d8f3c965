"""What the step-6 Word report reads from a plan: one scenario's tables (:class:`~sbplanner_plugin.core.report.
ReportFrames`), the design tables' inputs (the workbook's, so both carry the same tables) and the map images of a
folder.

Every table is read through QGIS with the store's provider (GeoPackage or PostGIS,
:func:`~sbplanner_plugin.adapters.scenario_tables.table_columns`); a layer the plan lacks is None (the core
lists it as missing). Map images are the ``<map_key>.png`` files ``sbplanner:export_maps`` writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from sbplanner_plugin.adapters import plan_store_common as names
from sbplanner_plugin.adapters.design_inputs import read_design_inputs
from sbplanner_plugin.adapters.scenario_tables import table_columns
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, SbPlannerError
from sbplanner_plugin.core.report import MAP_KEYS, ReportFrames, ReportInputs


class MapsFolderError(SbPlannerError):
    key = "maps_folder"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "The maps folder {path} does not exist or is not a folder.")


#: ReportFrames field → (plan layer, the columns read; None = all).
FRAME_LAYERS = {
    "small_watersheds": (names.SMALL_WATERSHEDS, ("ws_code", "area_km2", "elev_min_m", "elev_max_m", "slope_mean_deg")),
    "ws_indicators": ("ws_indicators", None),
    "ws_d05": ("ws_d05", None),
    "ws_d010": ("ws_d010", None),
    "ws_d011": ("ws_d011", None),
    "ws_landuse_slope": ("ws_landuse_slope", ("ws_code", "landuse_group", "landuse_name", "total_hm2")),
    "parcels_measures": (names.PARCELS_MEASURES, ("ws_code", "measure_code", "measure_codes", "measure_name",
                                                  "erosion_class", "area_ha")),
    "works_quantities": (names.WORKS_QUANTITIES, ("work_layer", "work_id", "measure_code", "ws_code", "count")),
    "terrace_quantities": (names.TERRACE_QUANTITIES, ("ws_code", "area_ha", "terrace_type", "riser_material",
                                                      "bench_width_m", "riser_height_m", "earthwork_m3",
                                                      "suitability")),
    "terrace_items": (names.TERRACE_ITEMS, None),
    "measure_items": (names.MEASURE_ITEMS, None),
    "investment_summary": (names.INVESTMENT_SUMMARY, None),
    "investment_funding": (names.INVESTMENT_FUNDING, None),
    "investment_schedule": (names.INVESTMENT_SCHEDULE, None),
    "ws_urgency_table": (names.WS_URGENCY_TABLE, ("ws_code", "urgency_score", "urgency_rank", "urgency_class",
                                                  "urgency_class_en")),
    "benefit_ws": (names.BENEFIT_WATERSHEDS, None),
    "benefit_d021": (names.BENEFIT_D021, None),
}  # fmt: skip


def read_report_frames(store, scenario: str, read: Mapping[str, pd.DataFrame | None] | None = None) -> ReportFrames:
    """The tables of ``scenario`` the report's sentences use (no geometry); the layers in ``read`` (those the
    design tables' inputs already hold) are not read again."""
    read = read or {}
    frames = {}
    for name, (layer, fields) in FRAME_LAYERS.items():
        if layer in read:
            frames[name] = read[layer]
            continue
        columns = table_columns(store, layer, scenario, fields)
        frames[name] = None if columns is None else pd.DataFrame(columns)
    return ReportFrames(**frames)


def find_maps(folder: str | None) -> dict[str, str]:
    """``{map key: path}`` of the ``<map key>.png`` files in ``folder`` (case-insensitive names)."""
    if not folder:
        return {}
    path = Path(folder)
    if not path.is_dir():
        raise MapsFolderError(path=str(folder))
    files = {p.name.lower(): p for p in path.iterdir() if p.is_file()}
    return {key: str(files[f"{key}.png"]) for key in MAP_KEYS if f"{key}.png" in files}


def read_report_inputs(
    store, scenario: str | None, language: str, project_name: str = "", maps_folder: str | None = None
) -> ReportInputs:
    """Everything :func:`sbplanner_plugin.core.report.build_report` needs for ``scenario`` of ``store`` (empty:
    the current one; an unknown id names the plan's scenarios): the design tables' inputs
    (:func:`~sbplanner_plugin.adapters.design_inputs.read_design_inputs`, the workbook's), the other tables the
    sentences use, the maps of ``maps_folder``. ``project_name`` empty = the plan's name."""
    maps = find_maps(maps_folder)
    design = read_design_inputs(store, scenario, language, project_name)
    return ReportInputs(
        language=language,
        project_name=design.project_name,
        scenario_id=design.scenario_id,
        scenario_name=design.scenario_name,
        plan_name=getattr(store, "schema", None) or Path(str(store.path)).name,  # PostGIS: its schema
        date=design.created,
        frames=read_report_frames(store, design.scenario_id, design.layers),
        catalogue=design.catalogue,
        design=design,
        maps=maps,
        maps_folder=maps_folder or "",
    )
