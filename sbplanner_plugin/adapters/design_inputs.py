"""One scenario of a plan read into :class:`~sbplanner_plugin.core.design_tables.DesignTablesInputs`, for the
step-6 deliverables (the workbook of ``sbplanner:export_design_tables``, the Word report).

:func:`read_design_inputs` reads the plan layers the design tables need (steps 1–2 shared, steps 3–5 the
scenario's own table of each, :func:`~sbplanner_plugin.adapters.scenario_tables.table_columns`; a layer the plan
lacks is left out and the core says what it keeps a table from), the parameter tables (land-use classes, the
measure catalogue, the urgency indicators: the user's copies first, as the steps read them) and what the plan
recorded about its parameter tables. :func:`resolve_scenario` turns a SCENARIO parameter into the scenario's
row, refusing an unknown id with the plan's choices.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pandas as pd

from sbplanner_plugin.adapters.param_files import (
    CATALOGUE_FILE,
    describe,
    load_catalogue,
    load_indicators,
    load_plugin_params,
    plugin_measure_references,
    table_path,
)
from sbplanner_plugin.adapters.plan_store import POSTGRES_PREFIX, PlanStoreError
from sbplanner_plugin.adapters.scenario_tables import table_columns
from sbplanner_plugin.core import ranking
from sbplanner_plugin.core.design_tables import SCENARIO_LAYERS, SHARED_LAYERS, ZH, DesignTablesInputs
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP


class UnknownPlanScenarioError(PlanStoreError):
    key = "plan_scenario_choices"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "The plan {path} has no scenario '{scenario}'; its scenarios are: {choices}."
    )


def resolve_scenario(store, scenario: str | None) -> dict:
    """The row (``scenario_id``, ``name`` …) of ``scenario`` in the plan; empty/None = the plan's current
    scenario. :class:`UnknownPlanScenarioError` names the plan's scenarios for an unknown id."""
    wanted = (scenario or "").strip() or store.current_scenario()
    rows = store.list_scenarios()
    for row in rows:
        if row["scenario_id"] == wanted:
            return row
    choices = ", ".join(f"{r['scenario_id']} ({r['name']})" if r["name"] != r["scenario_id"] else r["scenario_id"]
                        for r in rows)  # fmt: skip
    raise UnknownPlanScenarioError(path=str(store.path), scenario=wanted, choices=choices)


def default_project_name(store) -> str:
    """The plan file's stem (a PostGIS plan: its schema)."""
    location = str(store.location)
    if location.startswith(POSTGRES_PREFIX):
        return str(getattr(store, "schema", "")) or location
    return Path(location).stem


def plan_frame(store, layer: str, scenario: str) -> pd.DataFrame | None:
    """A plan layer's attribute table (the scenario's own table of a step 3–5 layer); None when absent."""
    columns = table_columns(store, layer, scenario)
    return None if columns is None else pd.DataFrame(columns)


def read_design_inputs(store, scenario: str | None, language: str = ZH, project_name: str = "") -> DesignTablesInputs:
    """Everything :func:`~sbplanner_plugin.core.design_tables.build_design_tables` needs from ``store`` for
    ``scenario`` (empty: the current one), in ``language`` ("zh" / "en"); ``project_name`` empty = the plan's
    name. Raises :class:`UnknownPlanScenarioError` and the parameter tables' errors."""
    row = resolve_scenario(store, scenario)
    scenario_id = row["scenario_id"]
    layers = {layer: plan_frame(store, layer, scenario_id) for layer in (*SHARED_LAYERS, *SCENARIO_LAYERS)}
    params = load_plugin_params()
    catalogue = load_catalogue(table_path(CATALOGUE_FILE), plugin_measure_references(params))
    indicators = load_indicators(ranking.URGENCY_TABLE, ranking.URGENCY_COMPUTED)
    files = dict(params.files)
    files[CATALOGUE_FILE] = describe(table_path(CATALOGUE_FILE))
    files[ranking.URGENCY_TABLE] = describe(table_path(ranking.URGENCY_TABLE))
    try:
        from sbplanner_plugin.__about__ import __version__

        generator = f"SBPlanner {__version__}"
    except (ImportError, OSError, KeyError):
        generator = "SBPlanner"
    return DesignTablesInputs(
        layers=layers,
        scenario_id=scenario_id,
        scenario_name=row.get("name") or scenario_id,
        project_name=(project_name or "").strip() or default_project_name(store),
        language=language,
        plan_location=str(store.path),
        created=_dt.date.today().isoformat(),
        generator=generator,
        params=params,
        catalogue=catalogue,
        indicators=indicators,
        params_recorded=[{k: r.get(k) for k in ("step", "file_name", "sha1", "recorded_at")} for r in store.params()],
        param_files=files,
    )
