"""The plan store: where a planning project keeps every step's layers — the public entry point.

A plan is one GeoPackage (:class:`PlanStore`, :mod:`~sbplanner_plugin.adapters.plan_store_gpkg`) or
one PostgreSQL/PostGIS schema (:class:`PostgisPlanStore`,
:mod:`~sbplanner_plugin.adapters.plan_store_postgis`, location ``postgres:<dsn> schema=<name>``);
both hold the same layout with the same schema versions, the parameter tables a step used, the scenarios
(``list_scenarios``, ``create_scenario`` …, layers named by ``scenario_layer_name``) and an
edit log, and edit through the same :class:`PlanEditor`
(:mod:`~sbplanner_plugin.adapters.plan_store_common`, which describes the layout).

This module opens the right one (:func:`open_plan_store`), remembers the plan of a QGIS project
(:func:`project_plan_path`, :func:`set_project_plan_path`) and re-exports the public names of the
three modules, so callers import from here only. The imports run one way,
``plan_store → plan_store_gpkg / plan_store_postgis → plan_store_common``: no cycle.
"""

from __future__ import annotations

from sbplanner_plugin.adapters.plan_store_common import (
    BASELINE,
    CHECK_DAMS,
    CURRENT_SCENARIO_KEY,
    EDIT_LOG_TABLE,
    GULLY_HEADS,
    INTERCEPT_DITCHES,
    INTERNAL_PREFIX,
    LOG_DELETE,
    LOG_GEOMETRY,
    LOG_INSERT,
    LOG_KEYS,
    META_TABLE,
    NO_FEATURE,
    OUTLETS_SNAPPED,
    PARAMS_KEYS,
    PARAMS_TABLE,
    PARCELS,
    PARCELS_MEASURES,
    SCENARIO_KEYS,
    SCENARIO_LAYERS,
    SCENARIO_SEPARATOR,
    SCENARIOS_TABLE,
    SCHEMA_VERSION,
    SMALL_WATERSHED_STREAMS,
    SMALL_WATERSHEDS,
    STREAMS,
    UNKNOWN_FIELD,
    VERSION_NOT_A_NUMBER,
    WATERSHEDS,
    BaselineScenarioError,
    EditShortcuts,
    PlanCopyError,
    PlanEditError,
    PlanEditor,
    PlanNotGeoPackageError,
    PlanSchemaTooNewError,
    PlanStoreError,
    ScenarioCopyError,
    ScenarioExistsError,
    ScenarioIdError,
    UnknownScenarioError,
    as_text,
    check_scenario_id,
    coerce_wkb,
    current_user,
    feature_json,
    is_scenario_id,
    now_iso,
    quote_ident,
    read_param_file,
    scenario_layer_name,
    split_scenario_layer,
    suggest_scenario_id,
)
from sbplanner_plugin.adapters.plan_store_gpkg import (
    GP_FLAGS_EMPTY,
    GP_FLAGS_XY,
    PlanStore,
    backup_copy,
    backup_path,
    gpkg_blob,
    gpkg_blob_to_wkb,
    gpkg_header,
    register_gpkg_functions,
)
from sbplanner_plugin.adapters.plan_store_postgis import PostgisPlanStore
from sbplanner_plugin.core.definitions import POSTGRES_PREFIX

__all__ = [
    "BASELINE",
    "CHECK_DAMS",
    "CURRENT_SCENARIO_KEY",
    "EDIT_LOG_TABLE",
    "GP_FLAGS_EMPTY",
    "GP_FLAGS_XY",
    "GULLY_HEADS",
    "INTERCEPT_DITCHES",
    "INTERNAL_PREFIX",
    "LOG_DELETE",
    "LOG_GEOMETRY",
    "LOG_INSERT",
    "LOG_KEYS",
    "META_TABLE",
    "NO_FEATURE",
    "OUTLETS_SNAPPED",
    "PARAMS_KEYS",
    "PARAMS_TABLE",
    "PARCELS",
    "PARCELS_MEASURES",
    "POSTGRES_PREFIX",
    "PROJECT_PLAN_KEY",
    "PROJECT_SCOPE",
    "SCENARIOS_TABLE",
    "SCENARIO_KEYS",
    "SCENARIO_LAYERS",
    "SCENARIO_SEPARATOR",
    "SCHEMA_VERSION",
    "SMALL_WATERSHEDS",
    "SMALL_WATERSHED_STREAMS",
    "STREAMS",
    "UNKNOWN_FIELD",
    "VERSION_NOT_A_NUMBER",
    "WATERSHEDS",
    "BaselineScenarioError",
    "EditShortcuts",
    "PlanCopyError",
    "PlanEditError",
    "PlanEditor",
    "PlanNotGeoPackageError",
    "PlanSchemaTooNewError",
    "PlanStore",
    "PlanStoreError",
    "PostgisPlanStore",
    "ScenarioCopyError",
    "ScenarioExistsError",
    "ScenarioIdError",
    "ScenarioView",
    "UnknownScenarioError",
    "as_text",
    "backup_copy",
    "backup_path",
    "check_scenario_id",
    "coerce_wkb",
    "current_user",
    "feature_json",
    "gpkg_blob",
    "gpkg_blob_to_wkb",
    "gpkg_header",
    "is_scenario_id",
    "normalise_location",
    "now_iso",
    "open_plan_store",
    "open_scenario_store",
    "project_plan_path",
    "quote_ident",
    "read_param_file",
    "register_gpkg_functions",
    "scenario_layer_name",
    "set_project_plan_path",
    "split_scenario_layer",
    "suggest_scenario_id",
]

#: QGIS project entry that remembers the plan of a project.
PROJECT_SCOPE = "sbplanner"
PROJECT_PLAN_KEY = "plan_path"


# -- project <-> plan ------------------------------------------------------------------------------
def project_plan_path(project=None) -> str:
    """The plan location the QGIS ``project`` remembers ("" when none).

    Stored with ``QgsProject.writePath`` (relative to the project file when the project uses relative
    paths), so a project folder moved together with its plan keeps working. PostGIS locations
    (``postgres:…``) are returned unchanged.
    """
    if project is None:
        from qgis.core import QgsProject

        project = QgsProject.instance()
    value, found = project.readEntry(PROJECT_SCOPE, PROJECT_PLAN_KEY, "")
    if not found or not value:
        return ""
    if value.startswith(POSTGRES_PREFIX):
        return value
    return project.readPath(value)


def set_project_plan_path(project, path: str) -> str:
    """Remember ``path`` as the plan of ``project`` (``None`` = the current project); returns the
    normalised location (``.gpkg`` appended to a file name without it)."""
    if project is None:
        from qgis.core import QgsProject

        project = QgsProject.instance()
    path = normalise_location(path)
    stored = path if (not path or path.startswith(POSTGRES_PREFIX)) else project.writePath(path)
    project.writeEntry(PROJECT_SCOPE, PROJECT_PLAN_KEY, stored)
    return path


def normalise_location(path: str) -> str:
    path = (path or "").strip()
    if path and not path.startswith(POSTGRES_PREFIX) and not path.lower().endswith(".gpkg"):
        path += ".gpkg"
    return path


def open_plan_store(location: str):
    """A :class:`PlanStore` for a GeoPackage path, a ``PostgisPlanStore`` for ``postgres:<dsn> schema=<name>``."""
    if location.startswith(POSTGRES_PREFIX):
        return PostgisPlanStore.from_location(location)
    return PlanStore(location)


class ScenarioView:
    """A plan store seen through one scenario: a step 3–5 layer name means that scenario's table (a step 1–2
    layer stays shared) in :meth:`destination`, :meth:`layer_uri`, :meth:`layers`, the edits and the reads, so
    the dock's steps work on the current scenario without knowing about scenarios. Everything else is the
    store's (``view.location``, ``view.ensure()``, ``view.list_scenarios()`` …)."""

    def __init__(self, store, scenario: str = BASELINE) -> None:
        self.store = store
        self.scenario_id = scenario or BASELINE

    def __getattr__(self, name: str):
        return getattr(self.store, name)

    def _pick(self, scenario: str | None) -> str:
        return scenario if scenario is not None else self.scenario_id

    def table_name(self, layer: str) -> str:
        """The plan table that holds ``layer`` for this scenario."""
        return scenario_layer_name(layer, self.scenario_id)

    def destination(self, layer_name: str, scenario: str | None = None) -> str:
        return self.store.destination(layer_name, self._pick(scenario))

    def layer_uri(self, layer_name: str, scenario: str | None = None) -> str:
        return self.store.layer_uri(layer_name, self._pick(scenario))

    def has_layer(self, layer: str, scenario: str | None = None) -> bool:
        return self.store.has_layer(layer, self._pick(scenario))

    def layers(self) -> list[str]:
        """The layer names this scenario sees: the shared layers and its own step 3–5 layers (by layer name)."""
        out = []
        for table in self.store.layers():
            layer, scenario = split_scenario_layer(table)
            if scenario is None or scenario == self.scenario_id:
                out.append(layer)
        return out

    def layer_times(self) -> dict[str, str]:
        """Layer name → last written, for the layers this scenario sees (as :meth:`layers`)."""
        out = {}
        for table, written in self.store.layer_times().items():
            layer, scenario = split_scenario_layer(table)
            if scenario is None or scenario == self.scenario_id:
                out[layer] = written
        return out

    def edit(self, user: str | None = None, scenario: str | None = None):
        return self.store.edit(user, scenario=self._pick(scenario))

    def read_features(self, layer: str, fids, scenario: str | None = None) -> list[dict]:
        return self.store.read_features(layer, fids, scenario=self._pick(scenario))

    def update_attributes(self, layer: str, changes, user: str | None = None, scenario: str | None = None) -> int:
        return self.store.update_attributes(layer, changes, user, scenario=self._pick(scenario))

    def insert_feature(self, layer, geometry_wkb, attributes, user=None, fid=None, scenario=None) -> int:
        return self.store.insert_feature(layer, geometry_wkb, attributes, user, fid=fid, scenario=self._pick(scenario))

    def update_geometry(self, layer: str, geometries, user: str | None = None, scenario: str | None = None) -> int:
        return self.store.update_geometry(layer, geometries, user, scenario=self._pick(scenario))

    def delete_features(self, layer: str, fids, user: str | None = None, scenario: str | None = None) -> list[dict]:
        return self.store.delete_features(layer, fids, user, scenario=self._pick(scenario))


def open_scenario_store(location: str) -> ScenarioView:
    """The plan at ``location`` seen through its current scenario (what the dock's steps read and write)."""
    store = open_plan_store(location)
    try:
        scenario = store.current_scenario() if store.schema_version() else BASELINE
    except Exception:  # a plan that cannot be read yet: the steps report it when they use it
        scenario = BASELINE
    return ScenarioView(store, scenario)
