"""What the GeoPackage and the PostGIS plan stores share: the layout, errors, the edit log, the editor.

A plan (one GeoPackage, or one PostgreSQL schema) holds
- the layers of every step (``watersheds`` … ``parcels_measures``, ``check_dams`` …), written by the
  Processing algorithms through the store's ``destination()``;
- ``sbplanner_meta`` (key/value, ``schema_version`` among them);
- ``sbplanner_params``: the parameter tables a step used (file name, SHA-1 and full text), so a plan
  stays reproducible after the CSV files are edited;
- ``sbplanner_edit_log``: one row per attribute value changed through ``edit()`` /
  ``update_attributes()`` (when, who, layer, fid, field, old and new value), and one row per feature
  edit. Edit-log rows of feature edits use a reserved ``field``:

  - ``__insert__``: ``old_value`` NULL, ``new_value`` = JSON ``{"wkb": "<hex>", "attributes": {...}}``;
  - ``__geometry__``: ``old_value`` / ``new_value`` = WKB (hex) before / after;
  - ``__delete__``: ``old_value`` = JSON of the deleted feature (as for ``__insert__``: it can be
    restored from the log), ``new_value`` NULL.

:class:`PlanEditor` runs the edits of one transaction on either backend through a small *dialect*
(``_SqliteDialect`` in :mod:`~sbplanner_plugin.adapters.plan_store_gpkg`, ``_PgDialect`` in
:mod:`~sbplanner_plugin.adapters.plan_store_postgis`). This module imports neither backend.
"""

from __future__ import annotations

import datetime as _dt
import getpass
import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from sbplanner_plugin.adapters.gdal_errors import with_gdal_exceptions
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, SbPlannerError, msg

#: Version of the plan layout; bump with a migration in both backends (``plan_store_gpkg._MIGRATIONS``,
#: ``PostgisPlanStore.migrate``) when layers/tables change.
#: 0 = a GeoPackage without ``sbplanner_meta`` (the first step-1 plans), 1 = ``sbplanner_meta``,
#: 2 = ``sbplanner_params`` + ``sbplanner_edit_log``.
SCHEMA_VERSION = 2

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

#: Tables of the store itself (never listed by ``layers()``).
META_TABLE = "sbplanner_meta"
PARAMS_TABLE = "sbplanner_params"
EDIT_LOG_TABLE = "sbplanner_edit_log"
INTERNAL_PREFIX = "sbplanner_"
#: Columns returned by ``params()`` and ``edit_log()``.
PARAMS_KEYS = ("step", "file_name", "sha1", "content", "recorded_at")
LOG_KEYS = ("id", "edited_at", "user_name", "layer", "fid", "field", "old_value", "new_value")
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
    return Path(path).name, hashlib.sha1(data).hexdigest(), data.decode("utf-8-sig", errors="replace")


def as_text(value: object) -> str | None:
    return None if value is None else str(value)


class EditShortcuts:
    """Single-edit shortcuts shared by the GeoPackage and PostGIS stores: each opens ``self.edit(user)``
    (one transaction) around one :class:`PlanEditor` call."""

    def update_attributes(
        self, layer: str, changes: Mapping[int, Mapping[str, object]], user: str | None = None
    ) -> int:
        """Set ``{fid: {field: value}}`` on ``layer`` in one transaction; returns the values changed.
        Only the named fields of the named rows are written (no whole-layer rewrite)."""
        with self.edit(user) as editor:
            return editor.update_attributes(layer, changes)

    def insert_feature(
        self, layer: str, geometry_wkb: bytes | None, attributes: Mapping[str, object], user: str | None = None,
        fid: int | None = None,
    ) -> int:  # fmt: skip
        """Add one feature (WKB in the layer's CRS; PostGIS stores it with ``ST_GeomFromWKB`` and the layer's
        SRID) in one transaction; returns its feature id. ``fid`` restores a feature under its former id
        (undo of a delete)."""
        with self.edit(user) as editor:
            return editor.insert_feature(layer, geometry_wkb, attributes, fid=fid)

    def update_geometry(self, layer: str, geometries: Mapping[int, bytes | None], user: str | None = None) -> int:
        """Replace the geometries ``{fid: wkb}`` in one transaction; returns the features changed."""
        with self.edit(user) as editor:
            return editor.update_geometry(layer, geometries)

    def delete_features(self, layer: str, fids: Iterable[int], user: str | None = None) -> list[dict]:
        """Delete features in one transaction; returns them (``fid``, ``wkb``, ``attributes``) for undo."""
        with self.edit(user) as editor:
            return editor.delete_features(layer, fids)


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

    def __init__(self, dialect, user: str) -> None:
        self._db = dialect
        self.user = user
        self._columns: dict[str, tuple[list[str], str]] = {}

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
                self._db.execute(
                    f"INSERT INTO {self._db.table_ref(EDIT_LOG_TABLE)}"
                    " (edited_at, user_name, layer, fid, field, old_value, new_value)"
                    f" VALUES ({ph}, {ph}, {ph}, {ph}, {ph}, {ph}, {ph})",
                    (when, self.user, layer, int(fid), field, as_text(before), as_text(after)),
                )
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
        ph = self._db.placeholder
        self._db.execute(
            f"INSERT INTO {self._db.table_ref(EDIT_LOG_TABLE)}"
            " (edited_at, user_name, layer, fid, field, old_value, new_value)"
            f" VALUES ({ph}, {ph}, {ph}, {ph}, {ph}, {ph}, {ph})",
            (when, self.user, layer, int(fid), field, old, new),
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
