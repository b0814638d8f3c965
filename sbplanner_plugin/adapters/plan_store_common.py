"""What the GeoPackage and the PostGIS plan stores share: the layout, errors, the edit log, the editor.

A plan (one GeoPackage, or one PostgreSQL schema) holds
- the layers of every step (``watersheds`` … ``parcels_measures``, ``check_dams`` …), written by the
  Processing algorithms through the store's ``destination()``;
- ``sbplanner_meta`` (key/value, ``schema_version`` among them);
- ``sbplanner_params``: the parameter tables a step used (file name, SHA-1 and full text), so a plan
  stays reproducible after the CSV files are edited;
- ``sbplanner_scenarios``: the scenarios of the plan (baseline, plan A, plan B …), see *Scenarios* below;
- ``sbplanner_edit_log``: one row per attribute value changed through ``edit()`` /
  ``update_attributes()`` (when, who, layer, fid, field, old and new value, and the scenario of the layer),
  and one row per feature edit. Edit-log rows of feature edits use a reserved ``field``:

  - ``__insert__``: ``old_value`` NULL, ``new_value`` = JSON ``{"wkb": "<hex>", "attributes": {...}}``;
  - ``__geometry__``: ``old_value`` / ``new_value`` = WKB (hex) before / after;
  - ``__delete__``: ``old_value`` = JSON of the deleted feature (as for ``__insert__``: it can be
    restored from the log), ``new_value`` NULL.

Scenarios
---------
A plan holds several scenarios (方案: the baseline, plan A, plan B …). Steps 1–2 (watersheds, parcels and
their analysis) are shared; every layer of steps 3–5 listed in :data:`SCENARIO_LAYERS` exists once per
scenario. The unsuffixed layers (``parcels_measures``, ``investment_by_ws`` …) are the scenario
:data:`BASELINE` — a plan written before scenarios existed opens unchanged, its layers being the baseline
— and scenario ``plan_a`` keeps its copy of layer ``L`` in the table ``L__s_plan_a``
(:func:`scenario_layer_name`, :func:`split_scenario_layer`). A scenario id is lower-case ASCII letters,
digits and single ``_`` (:func:`check_scenario_id`); its display name (any text, e.g. 方案A) lives in
``sbplanner_scenarios`` with its description, parent (the scenario it was copied from) and times. The
plan's current scenario is the meta key ``current_scenario``.

:class:`PlanEditor` runs the edits of one transaction on either backend through a small *dialect*
(``_SqliteDialect`` in :mod:`~sbplanner_plugin.adapters.plan_store_gpkg`, ``_PgDialect`` in
:mod:`~sbplanner_plugin.adapters.plan_store_postgis`). This module imports neither backend.
"""

from __future__ import annotations

import datetime as _dt
import getpass
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from sbplanner_plugin.adapters.gdal_errors import with_gdal_exceptions
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, SbPlannerError, msg

#: Version of the plan layout; bump with a migration in both backends (``plan_store_gpkg._MIGRATIONS``,
#: ``PostgisPlanStore.migrate``) when layers/tables change.
#: 0 = a GeoPackage without ``sbplanner_meta`` (the first step-1 plans), 1 = ``sbplanner_meta``,
#: 2 = ``sbplanner_params`` + ``sbplanner_edit_log``, 3 = ``sbplanner_scenarios`` (baseline registered) and the
#: edit log's ``scenario`` column.
SCHEMA_VERSION = 3

#: Standard layer names, one set per workflow step.
WATERSHEDS = "watersheds"
STREAMS = "streams"
OUTLETS_SNAPPED = "outlets_snapped"
SMALL_WATERSHEDS = "small_watersheds"
SMALL_WATERSHED_STREAMS = "small_watershed_streams"
PARCELS = "parcels"
PARCELS_MEASURES = "parcels_measures"
CHECK_DAMS = "check_dams"
GULLY_HEADS = "gully_heads"
INTERCEPT_DITCHES = "intercept_ditches"
#: Step 4 (quantities and investment).
TERRACE_QUANTITIES = "terrace_quantities"  # terraced parcels with their cross-section and quantities
TERRACE_ITEMS = "terrace_items"  # items table (core.quantities.items.ITEM_COLUMNS)
TERRACE_LINES = "terrace_lines"  # terrace edge lines (staking layout)
TERRACE_STAKES = "terrace_stakes"  # staking points along the edge lines
MEASURE_QUANTITIES = "measure_quantities"  # parcels of every other area measure with their quantities
WORKS_QUANTITIES = "works_quantities"  # point / line works (dams, ditches, cisterns …) with their quantities
DAM_STORAGE = "dam_storage"  # stage–area–storage curves of the dams (table)
MEASURE_ITEMS = "measure_items"  # items table of measure_quantities (area measures and works)
INVESTMENT_ITEMS = "investment_items"  # every priced item (table)
INVESTMENT_SUMMARY = "investment_summary"  # the estimate's parts, independent costs, contingency, totals
INVESTMENT_BY_WATERSHED = "investment_by_ws"  # parts 1–4, contingency, static total per small watershed
INVESTMENT_SCHEDULE = "investment_schedule"  # the same per implementation year (D.0.17)
INVESTMENT_FUNDING = "investment_funding"  # funding by source and part (D.0.19)
#: Step 5 (benefits, sbplanner:evaluate_benefits).
BENEFIT_PARCELS = "benefit_parcels"  # parcels with their soil loss before / after the plan
BENEFIT_WATERSHEDS = "benefit_ws"  # per small watershed and ALL: soil conserved, 水土保持率 before / after …
BENEFIT_BY_YEAR = "benefit_by_year"  # per unit and year of the evaluation period (GB/T 15774 effect timing)
BENEFIT_D020 = "benefit_d020"  # SL/T 447 D.0.20 蓄水 / 保土 / 直接经济效益 per unit and measure column
BENEFIT_D021 = "benefit_d021"  # SL/T 447 D.0.21 总经济效益, 总费用, NPV, IRR per unit
#: Step 3 works (sbplanner:suggest_gully_works, digitised in the dock).
SEDIMENT_BASINS = "sediment_basins"
WORKS_POINTS = "works_points"
WORKS_LINES = "works_lines"
#: Step 5 ranking (sbplanner:urgency_ranking, sbplanner:slope_farmland_priority).
WS_URGENCY = "ws_urgency"
WS_URGENCY_TABLE = "ws_urgency_table"
FARMLAND_PRIORITY = "farmland_priority"

#: The layers of steps 3–5: one copy per scenario (steps 1–2 are shared by every scenario).
SCENARIO_LAYERS = (
    # step 3: the layout and the works
    PARCELS_MEASURES, CHECK_DAMS, GULLY_HEADS, INTERCEPT_DITCHES, SEDIMENT_BASINS, WORKS_POINTS, WORKS_LINES,
    # step 4: quantities and investment
    TERRACE_QUANTITIES, TERRACE_ITEMS, TERRACE_LINES, TERRACE_STAKES, MEASURE_QUANTITIES, WORKS_QUANTITIES,
    DAM_STORAGE, MEASURE_ITEMS, INVESTMENT_ITEMS, INVESTMENT_SUMMARY, INVESTMENT_BY_WATERSHED,
    INVESTMENT_SCHEDULE, INVESTMENT_FUNDING,
    # step 5: ranking and benefits
    WS_URGENCY, WS_URGENCY_TABLE, FARMLAND_PRIORITY,
    BENEFIT_PARCELS, BENEFIT_WATERSHEDS, BENEFIT_BY_YEAR, BENEFIT_D020, BENEFIT_D021,
)  # fmt: skip
#: The scenario the unsuffixed step 3–5 layers belong to (cannot be deleted).
BASELINE = "baseline"
#: Between a layer's name and its scenario id: ``parcels_measures__s_plan_a``.
SCENARIO_SEPARATOR = "__s_"
#: Longest scenario id (the longest layer name + separator + id stays within PostgreSQL's 63 characters).
SCENARIO_ID_MAX = 30
#: Meta key of the plan's current scenario.
CURRENT_SCENARIO_KEY = "current_scenario"
#: Columns returned by ``list_scenarios()``.
SCENARIO_KEYS = ("scenario_id", "name", "description", "parent", "created", "modified")

#: Tables of the store itself (never listed by ``layers()``).
META_TABLE = "sbplanner_meta"
PARAMS_TABLE = "sbplanner_params"
EDIT_LOG_TABLE = "sbplanner_edit_log"
SCENARIOS_TABLE = "sbplanner_scenarios"
INTERNAL_PREFIX = "sbplanner_"
#: Columns returned by ``params()`` and ``edit_log()``.
PARAMS_KEYS = ("step", "file_name", "sha1", "content", "recorded_at")
LOG_KEYS = ("id", "edited_at", "user_name", "layer", "fid", "field", "old_value", "new_value", "scenario")
#: Reserved ``field`` values of feature edits in the edit log.
LOG_INSERT, LOG_GEOMETRY, LOG_DELETE = "__insert__", "__geometry__", "__delete__"


# -- errors (translated by processing.base.user_message) ------------------------------------------
class PlanStoreError(SbPlannerError):
    key = "plan_store"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "The plan {path} cannot be used: {reason}")


class PlanSchemaTooNewError(PlanStoreError):
    key = "plan_schema_too_new"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The plan {path} was saved by a newer SBPlanner (plan format {found}; this version reads up to {supported}). Update the plugin to open it; the plan was not changed."  # noqa: E501
    )  # fmt: skip


class PlanNotGeoPackageError(PlanStoreError):
    key = "plan_not_geopackage"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "The file {path} is not a GeoPackage; choose another plan file or a new file name."
    )


class PlanEditError(PlanStoreError):
    key = "plan_edit"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "The edit of layer {layer} was not saved (nothing was changed): {reason}"
    )


class ScenarioIdError(PlanStoreError):
    key = "scenario_id"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "'{scenario}' is not a scenario id: use lower-case letters a–z, digits and single underscores, starting with a letter, at most 30 characters (e.g. plan_a)."  # noqa: E501
    )  # fmt: skip


class ScenarioExistsError(PlanStoreError):
    key = "scenario_exists"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "The plan {path} already has a scenario {scenario}; choose another id (nothing was changed)."
    )


class UnknownScenarioError(PlanStoreError):
    key = "scenario_unknown"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "The plan {path} has no scenario {scenario}.")


class BaselineScenarioError(PlanStoreError):
    key = "scenario_baseline"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The baseline scenario cannot be deleted: it holds the plan's original step 3–5 layers (nothing was changed)."
    )  # fmt: skip


class ScenarioCopyError(PlanStoreError):
    key = "scenario_copy"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "The scenario {scenario} was not written to the plan (nothing was changed): {reason}"
    )


class PlanCopyError(PlanStoreError):
    key = "plan_copy"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "No copy of the plan {path} was saved to {target}: {reason}")


#: Reasons of a :class:`PlanCopyError`.
COPY_IS_THE_PLAN = QT_TRANSLATE_NOOP("SbPlannerErrors", "that is the plan itself; choose another file name")
COPY_OF_POSTGIS = QT_TRANSLATE_NOOP(
    "SbPlannerErrors",
    "a plan in PostGIS is copied with the database's own tools (pg_dump --schema=<plan schema>), not from SBPlanner"
)  # fmt: skip

# reasons with a value (PlanStoreError / PlanEditError ``reason=msg(...)``)
NO_FEATURE = QT_TRANSLATE_NOOP("SbPlannerErrors", "no feature with id {fid}")
UNKNOWN_FIELD = QT_TRANSLATE_NOOP("SbPlannerErrors", "unknown or read-only field {field}")
VERSION_NOT_A_NUMBER = QT_TRANSLATE_NOOP("SbPlannerErrors", "schema_version '{text}' is not a number")


# -- helpers shared by both backends --------------------------------------------------------------
def quote_ident(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def now_iso() -> str:
    return _dt.datetime.now(_dt.timezone.utc).astimezone().isoformat(timespec="seconds")


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment (some services)
        return ""


def read_param_file(path: str | Path) -> tuple[str, str, str]:
    """(file name, SHA-1 of the bytes, text) of a parameter table."""
    data = Path(path).read_bytes()
    digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()
    return Path(path).name, digest, data.decode("utf-8-sig", errors="replace")


def as_text(value: object) -> str | None:
    return None if value is None else str(value)


# -- scenarios: ids and layer names ----------------------------------------------------------------
_SCENARIO_ID = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")


def is_scenario_id(text: object) -> bool:
    """True for ``baseline``, ``plan_a``, ``s2`` …: lower-case ASCII letter first, then letters, digits and
    single ``_`` (never ``__``, so :func:`split_scenario_layer` is unambiguous), at most 30 characters."""
    return isinstance(text, str) and len(text) <= SCENARIO_ID_MAX and _SCENARIO_ID.fullmatch(text) is not None


def check_scenario_id(scenario_id: object) -> str:
    """``scenario_id`` when it is a valid id, else :class:`ScenarioIdError`."""
    if not is_scenario_id(scenario_id):
        raise ScenarioIdError(path="", scenario=str(scenario_id))
    return str(scenario_id)


def scenario_layer_name(layer: str, scenario_id: str | None = None) -> str:
    """The table that holds ``layer`` for ``scenario_id``: the layer itself for the baseline (or None) and for
    the shared layers of steps 1–2; ``<layer>__s_<scenario_id>`` for a step 3–5 layer of another scenario."""
    if not scenario_id or scenario_id == BASELINE or layer not in SCENARIO_LAYERS:
        return layer
    return f"{layer}{SCENARIO_SEPARATOR}{check_scenario_id(scenario_id)}"


def edit_log_where(layer: str | None, scenario: str | None, mark: str) -> tuple[str, tuple]:
    """(`` WHERE …`` or "", arguments) selecting the edit-log rows of ``layer`` (that scenario's table of it)
    and of ``scenario``; ``mark`` is the backend's placeholder (``?`` SQLite, ``%s`` PostgreSQL)."""
    clauses, args = [], []
    if layer is not None:
        clauses.append(f"layer = {mark}")
        args.append(scenario_layer_name(layer, scenario))
    if scenario is not None:
        clauses.append(f"scenario = {mark}")
        args.append(scenario)
    return (f" WHERE {' AND '.join(clauses)}" if clauses else ""), tuple(args)


def split_scenario_layer(table: str) -> tuple[str, str | None]:
    """(layer, scenario id) of a plan table: ``parcels_measures__s_plan_a`` → (parcels_measures, plan_a),
    ``parcels_measures`` → (parcels_measures, baseline), a shared layer ``parcels`` → (parcels, None)."""
    base, sep, scenario = table.partition(SCENARIO_SEPARATOR)
    if sep and base in SCENARIO_LAYERS and is_scenario_id(scenario):
        return base, scenario
    return table, (BASELINE if table in SCENARIO_LAYERS else None)


def suggest_scenario_id(name: str, existing: Iterable[str]) -> str:
    """A free scenario id for a display name: its ASCII letters and digits (``Plan B`` → ``plan_b``), else
    ``plan_1``, ``plan_2`` … (a Chinese name such as 方案二); ``_2``, ``_3`` … appended when taken."""
    taken = set(existing)
    words = re.findall(r"[a-z0-9]+", (name or "").lower())
    base = "_".join(words)[:SCENARIO_ID_MAX].strip("_")
    if base and not base[0].isalpha():
        base = ("s_" + base)[:SCENARIO_ID_MAX].strip("_")
    if not is_scenario_id(base):
        n = 1
        while f"plan_{n}" in taken:
            n += 1
        return f"plan_{n}"
    candidate, n = base, 2
    while candidate in taken:
        suffix = f"_{n}"
        candidate = base[: SCENARIO_ID_MAX - len(suffix)].rstrip("_") + suffix
        n += 1
    return candidate


class EditShortcuts:
    """Single-edit shortcuts shared by the GeoPackage and PostGIS stores: each opens ``self.edit(user)``
    (one transaction) around one :class:`PlanEditor` call. ``scenario``: write that scenario's copy of a
    step 3–5 layer (None: ``layer`` is the table's own name, i.e. the baseline's for a step 3–5 layer)."""

    def update_attributes(
        self, layer: str, changes: Mapping[int, Mapping[str, object]], user: str | None = None,
        scenario: str | None = None,
    ) -> int:  # fmt: skip
        """Set ``{fid: {field: value}}`` on ``layer`` in one transaction; returns the values changed.
        Only the named fields of the named rows are written (no whole-layer rewrite)."""
        with self.edit(user, scenario=scenario) as editor:
            return editor.update_attributes(layer, changes)

    def insert_feature(
        self, layer: str, geometry_wkb: bytes | None, attributes: Mapping[str, object], user: str | None = None,
        fid: int | None = None, scenario: str | None = None,
    ) -> int:  # fmt: skip
        """Add one feature (WKB in the layer's CRS; PostGIS stores it with ``ST_GeomFromWKB`` and the layer's
        SRID) in one transaction; returns its feature id. ``fid`` restores a feature under its former id
        (undo of a delete)."""
        with self.edit(user, scenario=scenario) as editor:
            return editor.insert_feature(layer, geometry_wkb, attributes, fid=fid)

    def update_geometry(
        self, layer: str, geometries: Mapping[int, bytes | None], user: str | None = None, scenario: str | None = None
    ) -> int:
        """Replace the geometries ``{fid: wkb}`` in one transaction; returns the features changed."""
        with self.edit(user, scenario=scenario) as editor:
            return editor.update_geometry(layer, geometries)

    def delete_features(
        self, layer: str, fids: Iterable[int], user: str | None = None, scenario: str | None = None
    ) -> list[dict]:
        """Delete features in one transaction; returns them (``fid``, ``wkb``, ``attributes``) for undo."""
        with self.edit(user, scenario=scenario) as editor:
            return editor.delete_features(layer, fids)

    # -- scenarios (shared logic; the backends provide _scenario_rows, _copy_tables, _drop_tables …) ---------
    def list_scenarios(self) -> list[dict]:
        """The plan's scenarios (``SCENARIO_KEYS``), the baseline first, then by creation."""
        rows = self._scenario_rows()
        return sorted(rows, key=lambda r: (r["scenario_id"] != BASELINE, r["created"] or "", r["scenario_id"]))

    def scenario(self, scenario_id: str) -> dict:
        """One scenario's row; :class:`UnknownScenarioError` when the plan has none of that id."""
        for row in self._scenario_rows():
            if row["scenario_id"] == scenario_id:
                return row
        raise UnknownScenarioError(path=str(self.path), scenario=str(scenario_id))

    def scenario_tables(self, scenario_id: str) -> dict[str, str]:
        """``{layer: table}`` of the step 3–5 layers the scenario holds (those present in the plan)."""
        present = set(self.layers())
        tables = {layer: scenario_layer_name(layer, scenario_id) for layer in SCENARIO_LAYERS}
        return {layer: table for layer, table in tables.items() if table in present}

    def has_layer(self, layer: str, scenario: str | None = None) -> bool:
        """True when the plan holds ``layer`` (for ``scenario``: its copy of a step 3–5 layer)."""
        return scenario_layer_name(layer, scenario) in self.layers()

    def create_scenario(
        self, scenario_id: str, name: str = "", description: str = "", copy_from: str | None = BASELINE
    ) -> dict:
        """Register scenario ``scenario_id`` and copy every step 3–5 layer of ``copy_from`` (all features and
        fields, spatial index, extent) into its tables, in ONE transaction: on any failure nothing is written.
        ``copy_from=None``: an empty scenario (no step 3–5 layer yet; run step 3 for it). Returns its row."""
        scenario_id = check_scenario_id(scenario_id)
        if scenario_id in {r["scenario_id"] for r in self._scenario_rows()}:
            raise ScenarioExistsError(path=str(self.path), scenario=scenario_id)
        copies = {}
        if copy_from is not None:
            self.scenario(copy_from)  # raises for an unknown one
            copies = {
                table: scenario_layer_name(layer, scenario_id)
                for layer, table in self.scenario_tables(copy_from).items()
            }
        when = now_iso()
        row = {"scenario_id": scenario_id, "name": (name or "").strip() or scenario_id,
               "description": description or "", "parent": copy_from, "created": when, "modified": when}  # fmt: skip
        self._create_scenario(row, copies)
        return row

    def rename_scenario(self, scenario_id: str, name: str, description: str | None = None) -> dict:
        """Change a scenario's display name (and description); its id and tables stay."""
        row = dict(self.scenario(scenario_id))
        row["name"] = (name or "").strip() or scenario_id
        if description is not None:
            row["description"] = description
        row["modified"] = now_iso()
        self._update_scenario(row)
        return row

    def delete_scenario(self, scenario_id: str) -> list[str]:
        """Drop a scenario's tables and its row in one transaction (the current scenario falls back to the
        baseline); returns the tables dropped. The baseline cannot be deleted (:class:`BaselineScenarioError`)."""
        if scenario_id == BASELINE:
            raise BaselineScenarioError(path=str(self.path))
        self.scenario(scenario_id)
        tables = list(self.scenario_tables(scenario_id).values())
        self._delete_scenario(scenario_id, tables)
        return tables

    def current_scenario(self) -> str:
        """The plan's current scenario (meta ``current_scenario``); the baseline when unset or deleted."""
        value = self._meta_value(CURRENT_SCENARIO_KEY)
        if value and value in {r["scenario_id"] for r in self._scenario_rows()}:
            return value
        return BASELINE

    def set_current_scenario(self, scenario_id: str) -> None:
        """Remember ``scenario_id`` as the plan's current scenario (the dock's scenario selector)."""
        self.scenario(scenario_id)
        self._set_meta_value(CURRENT_SCENARIO_KEY, scenario_id)


def _json_default(value):
    return str(value)


def feature_json(wkb: bytes | None, attributes: Mapping[str, object]) -> str:
    """The edit-log text of a whole feature (``__insert__`` / ``__delete__``)."""
    return json.dumps(
        {"wkb": None if wkb is None else bytes(wkb).hex(), "attributes": dict(attributes)},
        ensure_ascii=False,
        default=_json_default,
        sort_keys=True,
    )


@with_gdal_exceptions
def coerce_wkb(wkb: bytes | None, type_name: str) -> bytes | None:
    """ISO WKB of ``wkb``, promoted to a multi type when the layer's type is one (POINT → MULTIPOINT …);
    raises ValueError for bytes that are not WKB."""
    if wkb is None:
        return None
    from osgeo import ogr

    try:
        geometry = ogr.CreateGeometryFromWkb(bytes(wkb))
    except RuntimeError:  # "OGR Error: Corrupt data"
        geometry = None
    if geometry is None:
        # marked: PlanEditor passes it on as a PlanEditError reason, which user_message translates
        raise ValueError(QT_TRANSLATE_NOOP("SbPlannerErrors", "the geometry is not valid WKB"))
    flat = ogr.GT_Flatten(geometry.GetGeometryType())
    type_name = (type_name or "").upper()
    if type_name == "MULTIPOINT" and flat == ogr.wkbPoint:
        geometry = ogr.ForceToMultiPoint(geometry)
    elif type_name == "MULTILINESTRING" and flat == ogr.wkbLineString:
        geometry = ogr.ForceToMultiLineString(geometry)
    elif type_name == "MULTIPOLYGON" and flat == ogr.wkbPolygon:
        geometry = ogr.ForceToMultiPolygon(geometry)
    return bytes(geometry.ExportToIsoWkb())


class PlanEditor:
    """Edits inside one open transaction (got from ``PlanStore.edit()`` / ``PostgisPlanStore.edit()``)."""

    def __init__(self, dialect, user: str, scenario: str | None = None) -> None:
        self._db = dialect
        self.user = user
        #: layer names of steps 3–5 are this scenario's tables (None: every name is taken as the table's)
        self.scenario = scenario
        self._columns: dict[str, tuple[list[str], str]] = {}

    def table(self, layer: str) -> str:
        """The table this editor writes for ``layer`` (its scenario's copy of a step 3–5 layer)."""
        return scenario_layer_name(layer, self.scenario) if self.scenario else layer

    def _layer(self, layer: str) -> tuple[list[str], str]:
        if layer not in self._columns:
            if layer.startswith(INTERNAL_PREFIX):
                raise PlanEditError(path="", layer=layer, reason=QT_TRANSLATE_NOOP("SbPlannerErrors", "internal table"))
            names, pk = self._db.columns(layer)
            if not names:
                raise PlanEditError(
                    path="", layer=layer, reason=QT_TRANSLATE_NOOP("SbPlannerErrors", "no such layer in the plan")
                )
            if pk is None:
                raise PlanEditError(
                    path="",
                    layer=layer,
                    reason=QT_TRANSLATE_NOOP("SbPlannerErrors", "the layer has no feature id column"),
                )
            self._columns[layer] = (names, pk)
        return self._columns[layer]

    def update_attributes(self, layer: str, changes: Mapping[int, Mapping[str, object]]) -> int:
        """Write ``{fid: {field: value}}``; logs every changed value. Raises :class:`PlanEditError`
        (and the caller's transaction is rolled back) for an unknown layer, field or feature id."""
        layer = self.table(layer)
        names, pk = self._layer(layer)
        ph = self._db.placeholder
        table = self._db.table_ref(layer)
        changed = 0
        when = now_iso()
        for fid, values in changes.items():
            if not values:
                continue
            fields = list(values)
            unknown = [f for f in fields if f not in names or f == pk]
            if unknown:
                raise PlanEditError(path="", layer=layer, reason=msg(UNKNOWN_FIELD, field=unknown[0]))
            cols = ", ".join(quote_ident(f) for f in fields)
            old = self._db.execute(
                f"SELECT {cols} FROM {table} WHERE {quote_ident(pk)} = {ph}{self._db.lock_row()}", (int(fid),)
            )
            if not old:
                raise PlanEditError(path="", layer=layer, reason=msg(NO_FEATURE, fid=fid))
            sets = ", ".join(f"{quote_ident(f)} = {ph}" for f in fields)
            self._db.execute(
                f"UPDATE {table} SET {sets} WHERE {quote_ident(pk)} = {ph}",
                (*[values[f] for f in fields], int(fid)),
            )
            for field, before in zip(fields, old[0]):
                after = values[field]
                if as_text(before) == as_text(after):
                    continue
                changed += 1
                self._log(when, layer, int(fid), field, as_text(before), as_text(after))
        return changed

    # -- feature edits (works: add / move / delete) ----------------------------------------------------
    def _geometry(self, layer: str) -> tuple[str, int, str]:
        found = self._db.geometry_column(layer)
        if found is None:
            raise PlanEditError(
                path="", layer=layer, reason=QT_TRANSLATE_NOOP("SbPlannerErrors", "the layer has no geometry column")
            )
        return found

    def _log(self, when: str, layer: str, fid: int, field: str, old: str | None, new: str | None) -> None:
        """One edit-log row; ``layer`` is the table edited, ``scenario`` the scenario it belongs to (NULL for
        the shared layers of steps 1–2)."""
        ph = self._db.placeholder
        self._db.execute(
            f"INSERT INTO {self._db.table_ref(EDIT_LOG_TABLE)}"
            " (edited_at, user_name, layer, fid, field, old_value, new_value, scenario)"
            f" VALUES ({ph}, {ph}, {ph}, {ph}, {ph}, {ph}, {ph}, {ph})",
            (when, self.user, layer, int(fid), field, old, new, split_scenario_layer(layer)[1]),
        )

    def _coerce(self, layer: str, wkb: bytes | None, type_name: str) -> bytes | None:
        try:
            return coerce_wkb(wkb, type_name)
        except (ValueError, RuntimeError) as exc:
            raise PlanEditError(path="", layer=layer, reason=str(exc)) from exc

    def insert_feature(
        self, layer: str, geometry_wkb: bytes | None, attributes: Mapping[str, object], fid: int | None = None
    ) -> int:
        """Insert one feature; returns its id. Logged as ``__insert__`` (geometry and attributes)."""
        layer = self.table(layer)
        names, pk = self._layer(layer)
        column, srid, type_name = self._geometry(layer)
        values = {k: v for k, v in attributes.items() if k != pk}
        unknown = [f for f in values if f not in names or f == column]
        if unknown:
            raise PlanEditError(path="", layer=layer, reason=msg(UNKNOWN_FIELD, field=unknown[0]))
        wkb = self._coerce(layer, geometry_wkb, type_name)
        ph = self._db.placeholder
        geometry_sql, geometry_arg = self._db.geometry_value(wkb, srid)
        cols, marks, args = [quote_ident(column)], [geometry_sql], [geometry_arg]
        if fid is not None:
            cols.append(quote_ident(pk))
            marks.append(ph)
            args.append(int(fid))
        for name, value in values.items():
            cols.append(quote_ident(name))
            marks.append(ph)
            args.append(value)
        new_fid = self._db.insert(
            f"INSERT INTO {self._db.table_ref(layer)} ({', '.join(cols)}) VALUES ({', '.join(marks)})", tuple(args), pk
        )
        self._db.geometry_written(layer, [wkb])
        self._log(now_iso(), layer, new_fid, LOG_INSERT, None, feature_json(wkb, values))
        return new_fid

    def update_geometry(self, layer: str, geometries: Mapping[int, bytes | None]) -> int:
        """Replace geometries ``{fid: wkb}``; logs ``__geometry__`` with the old and new WKB (hex)."""
        layer = self.table(layer)
        _names, pk = self._layer(layer)
        column, srid, type_name = self._geometry(layer)
        ph = self._db.placeholder
        table = self._db.table_ref(layer)
        when = now_iso()
        written = []
        for fid, wkb in geometries.items():
            old = self._db.execute(
                f"SELECT {self._db.geometry_select(column)} FROM {table} WHERE {quote_ident(pk)} = {ph}"
                f"{self._db.lock_row()}",
                (int(fid),),
            )
            if not old:
                raise PlanEditError(path="", layer=layer, reason=msg(NO_FEATURE, fid=fid))
            before = self._db.read_geometry(old[0][0])
            after = self._coerce(layer, wkb, type_name)
            geometry_sql, geometry_arg = self._db.geometry_value(after, srid)
            self._db.execute(
                f"UPDATE {table} SET {quote_ident(column)} = {geometry_sql} WHERE {quote_ident(pk)} = {ph}",
                (geometry_arg, int(fid)),
            )
            written.append(after)
            self._log(
                when, layer, int(fid), LOG_GEOMETRY,
                None if before is None else before.hex(), None if after is None else after.hex(),
            )  # fmt: skip
        self._db.geometry_written(layer, written)
        return len(written)

    def read_features(self, layer: str, fids: Iterable[int]) -> list[dict]:
        """``[{"fid", "wkb", "attributes"}]`` of the features ``fids`` (in that order; missing ones raise)."""
        layer = self.table(layer)
        names, pk = self._layer(layer)
        column, _srid, _type = self._geometry(layer)
        ph = self._db.placeholder
        others = [n for n in names if n not in (pk, column)]
        select = ", ".join([self._db.geometry_select(column), *(quote_ident(n) for n in others)])
        out = []
        for fid in fids:
            found = self._db.execute(
                f"SELECT {select} FROM {self._db.table_ref(layer)} WHERE {quote_ident(pk)} = {ph}{self._db.lock_row()}",
                (int(fid),),
            )
            if not found:
                raise PlanEditError(path="", layer=layer, reason=msg(NO_FEATURE, fid=fid))
            row = found[0]
            out.append(
                {"fid": int(fid), "wkb": self._db.read_geometry(row[0]), "attributes": dict(zip(others, row[1:]))}
            )
        return out

    def delete_features(self, layer: str, fids: Iterable[int]) -> list[dict]:
        """Delete features; returns what was deleted (for undo) and logs it as ``__delete__``."""
        layer = self.table(layer)
        _names, pk = self._layer(layer)
        deleted = self.read_features(layer, list(fids))
        when = now_iso()
        for feature in deleted:
            self._db.execute(
                f"DELETE FROM {self._db.table_ref(layer)} WHERE {quote_ident(pk)} = {self._db.placeholder}",
                (feature["fid"],),
            )
            self._log(
                when, layer, feature["fid"], LOG_DELETE, feature_json(feature["wkb"], feature["attributes"]), None
            )
        self._db.geometry_written(layer, [])
        return deleted
