"""The plan store in a GeoPackage: one file per planning project holding every step's layers.

The layout (step layers, ``sbplanner_meta``, ``sbplanner_params``, ``sbplanner_edit_log``) and the
editor are shared with PostGIS (:mod:`sbplanner_plugin.adapters.plan_store_common`).

Opening (``ensure()``) a plan written by an older schema upgrades it in place after copying it to
``<name>.v<old>.bak.gpkg``; a plan of a newer schema is refused (:class:`PlanSchemaTooNewError`) and
nothing is written.

Transactions and journal mode
-----------------------------
Every edit runs in one SQLite transaction (``BEGIN IMMEDIATE`` … ``COMMIT``), so a crash or a
``kill -9`` in the middle of an edit loses at most that edit and never the file (tested by killing a
writer process). We keep SQLite's default *rollback journal* (``journal_mode=DELETE``) with
``synchronous=FULL`` rather than switching the file to WAL:

- the plan stays ONE self-contained file between edits: engineers copy, mail and archive ``.gpkg``
  files, and a WAL file holds committed edits in ``<plan>.gpkg-wal`` until a checkpoint, so a copy of
  the ``.gpkg`` alone can miss them;
- WAL needs shared memory between processes, which network shares (a county office's file server)
  do not provide; the rollback journal only needs file locks;
- with ``synchronous=FULL`` a COMMIT returns only after the journal and the database are on disk:
  a committed edit survives a crash, an uncommitted one is rolled back from the hot journal by the
  next opener.
A file QGIS has switched to WAL while editing it stays in WAL: our connections do not change the mode
of a file somebody else may have open, and SQLite's commits are atomic in both modes. So a plain file
copy is right only for a closed plan; :meth:`PlanStore.save_copy` copies an open one (SQLite's online
backup API: one committed state, the ``-wal`` included) into one self-contained file.

Layers written by Processing replace a layer inside the plan in ONE transaction, never the file
(:mod:`sbplanner_plugin.adapters.atomic_outputs`); a new plan and a migration's backup are written
complete beside their place and then moved there.

Feature edits
-------------
Works (谷坊 ``check_dams``, 沟头防护 ``gully_heads``, 截水沟 ``intercept_ditches`` …) are added, moved and
deleted through :meth:`PlanStore.insert_feature`, :meth:`PlanStore.update_geometry` and
:meth:`PlanStore.delete_features` (also on the editor of :meth:`PlanStore.edit`), each one transaction.
Geometries go in and out as WKB in the layer's CRS (single geometries are promoted to the layer's multi
type). In a GeoPackage the store writes the standard GeoPackageBinary blob (``GP``, version 0, flags with
little-endian and XY-envelope bits, ``srs_id`` of the layer, envelope, ISO WKB); GDAL's rtree triggers
(through the ``ST_*`` functions this module registers on the connection) keep the spatial index in the
same transaction, and the layer's extent in ``gpkg_contents`` is widened to include the edit. The
edit-log rows are described in :mod:`~sbplanner_plugin.adapters.plan_store_common`.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import struct
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from sbplanner_plugin.adapters.gdal_errors import gdal_exceptions, with_gdal_exceptions
from sbplanner_plugin.adapters.plan_store_common import (
    BASELINE,
    COPY_IS_THE_PLAN,
    CURRENT_SCENARIO_KEY,
    EDIT_LOG_TABLE,
    INTERNAL_PREFIX,
    LOG_KEYS,
    META_TABLE,
    PARAMS_KEYS,
    PARAMS_TABLE,
    SCENARIO_KEYS,
    SCENARIO_LAYERS,
    SCENARIOS_TABLE,
    SCHEMA_VERSION,
    VERSION_NOT_A_NUMBER,
    EditShortcuts,
    PlanCopyError,
    PlanEditor,
    PlanNotGeoPackageError,
    PlanSchemaTooNewError,
    PlanStoreError,
    ScenarioCopyError,
    current_user,
    edit_log_where,
    now_iso,
    quote_ident,
    read_param_file,
    scenario_layer_name,
)
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, msg


def backup_path(path: Path, old_version: int) -> Path:
    """``<name>.v<old>.bak.gpkg``; ``<name>.v<old>.bak-2.gpkg`` … when that exists already."""
    stem = path.with_suffix("")
    candidate = Path(f"{stem}.v{old_version}.bak.gpkg")
    n = 2
    while candidate.exists():
        candidate = Path(f"{stem}.v{old_version}.bak-{n}.gpkg")
        n += 1
    return candidate


#: Files SQLite keeps beside a database while it is open or after a crash (rollback journal, write-ahead log).
SQLITE_SIDECARS = ("-journal", "-wal", "-shm")


def uri_quote(value: str) -> str:
    """``value`` quoted for a QGIS data source URI (``dbname='…'``): backslashes and apostrophes escaped, as
    ``QgsDataSourceUri`` reads them back — a plan path with an apostrophe or Windows backslashes stays whole."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def connect_gpkg(path: str | Path, timeout: float = 30) -> sqlite3.Connection:
    """A connection to a GeoPackage in manual-transaction mode (we issue BEGIN/COMMIT ourselves), with
    ``synchronous=FULL`` (a COMMIT returns once it is on disk) and the ``ST_*`` functions GDAL's triggers call."""
    con = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    con.execute("PRAGMA synchronous=FULL")
    register_gpkg_functions(con)
    return con


@contextlib.contextmanager
def _write_transaction(path: str | Path) -> Iterator[sqlite3.Connection]:
    con = connect_gpkg(path)
    try:
        con.execute("BEGIN IMMEDIATE")
        yield con
        con.execute("COMMIT")
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise
    finally:
        con.close()


def settle_sqlite(path: str | Path) -> None:
    """Leave the SQLite file ``path`` self-contained: rollback-journal mode (a write-ahead log checkpointed into
    the file), so it can be moved, copied or mailed as one file."""
    con = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        if con.execute("PRAGMA journal_mode").fetchone()[0].lower() != "delete":
            con.execute("PRAGMA journal_mode=DELETE")
    finally:
        con.close()


def backup_copy(source: str | Path, target: str | Path) -> None:
    """A consistent copy of the SQLite database ``source`` at ``target`` with SQLite's online backup API (right
    while another connection has ``source`` open or writes it: the copy is of one committed state). It is written
    to a temporary file beside ``target``, made self-contained (:func:`settle_sqlite`), synced to disk and then moved
    over ``target`` (``os.replace``): ``target`` never holds a partial copy; a failure removes the temporary file."""
    target = Path(target)
    fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".copy.gpkg", dir=target.parent)
    os.close(fd)
    temp = Path(name)
    try:
        src = sqlite3.connect(source, timeout=30)
        try:
            dst = sqlite3.connect(temp)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        settle_sqlite(temp)
        with open(temp, "rb+") as stream:
            os.fsync(stream.fileno())
        os.replace(temp, target)
    finally:
        for leftover in (temp, *(Path(f"{temp}{s}") for s in SQLITE_SIDECARS)):
            leftover.unlink(missing_ok=True)


class PlanStore(EditShortcuts):
    """A plan GeoPackage chosen by the user (never a temporary file)."""

    provider = "ogr"

    def __init__(self, path: str | Path) -> None:
        path = Path(path)
        if path.suffix.lower() != ".gpkg":
            path = path.with_suffix(".gpkg")
        self.path = path

    @property
    def location(self) -> str:
        return str(self.path)

    # -- connection ------------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        """A connection in manual-transaction mode (we issue BEGIN/COMMIT ourselves)."""
        return connect_gpkg(self.path)

    def _write(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE``: takes the write lock at once); committed at the
        end of the block, rolled back when it raises (also on KeyboardInterrupt)."""
        return _write_transaction(self.path)

    def _select(self, sql: str, args: tuple, keys: tuple[str, ...]) -> list[dict]:
        with contextlib.closing(sqlite3.connect(self.path, timeout=30)) as con:
            return [dict(zip(keys, r)) for r in con.execute(sql, args).fetchall()]

    # -- creation, version check, migration ----------------------------------------------------------
    def ensure(self) -> None:
        """Create the GeoPackage (if new) at the current schema, or check and upgrade an existing one.

        Raises :class:`PlanSchemaTooNewError` (file untouched) for a plan of a newer schema and
        :class:`PlanNotGeoPackageError` for a file that is not a GeoPackage.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.path.exists() or self.path.stat().st_size == 0:
            self._create()
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise PlanSchemaTooNewError(path=str(self.path), found=version, supported=SCHEMA_VERSION)
        if version < SCHEMA_VERSION:
            self.migrate()

    def _create(self) -> None:
        """A new plan, complete (GeoPackage and meta tables) in a temporary file beside its place and then moved
        there (``os.replace``, replacing an empty file a save dialog made): a failure or a kill never leaves a
        plan file without its meta tables."""
        from osgeo import ogr

        fd, name = tempfile.mkstemp(prefix=f".{self.path.stem}.", suffix=".new.gpkg", dir=self.path.parent)
        os.close(fd)
        temp = Path(name)
        try:
            temp.unlink()  # GDAL creates the file itself
            with gdal_exceptions():
                ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(temp))
                ds = None  # noqa: F841 - closes the file
            with _write_transaction(temp) as con:
                _create_meta(con)
                _set_meta(con, "schema_version", SCHEMA_VERSION)
                _set_meta(con, "created_at", now_iso())
                _v1_to_v2(con)
                _v2_to_v3(con)
            settle_sqlite(temp)
            if self.path.exists() and self.path.stat().st_size > 0:  # created by somebody else meanwhile: keep it
                return
            os.replace(temp, self.path)
        finally:
            for leftover in (temp, *(Path(f"{temp}{s}") for s in SQLITE_SIDECARS)):
                leftover.unlink(missing_ok=True)

    def schema_version(self) -> int | None:
        """None when the file does not exist, 0 for a GeoPackage without ``sbplanner_meta``."""
        if not self.path.exists():
            return None
        con = sqlite3.connect(self.path, timeout=30)
        try:
            return _read_version(con, self.path)
        finally:
            con.close()

    def migrate(self) -> Path | None:
        """Upgrade an older plan in place after a backup copy; returns the backup path (None if current)."""
        old = self.schema_version()
        if old is None or old >= SCHEMA_VERSION:
            if old is not None and old > SCHEMA_VERSION:
                raise PlanSchemaTooNewError(path=str(self.path), found=old, supported=SCHEMA_VERSION)
            return None
        backup = backup_path(self.path, old)
        backup_copy(self.path, backup)  # a consistent copy even while QGIS has the file open
        with self._write() as con:  # the write lock: nobody migrates or edits meanwhile
            version = _read_version(con, self.path)  # someone may have upgraded it since
            while version < SCHEMA_VERSION:
                _MIGRATIONS[version](con)
                version += 1
                _set_meta(con, "schema_version", version)
            _set_meta(con, f"migrated_from_v{old}_at", now_iso())
        return backup

    def _check_current(self) -> None:
        version = self.schema_version()
        if version is None:
            raise PlanStoreError(
                path=str(self.path), reason=QT_TRANSLATE_NOOP("SbPlannerErrors", "file does not exist")
            )
        if version > SCHEMA_VERSION:
            raise PlanSchemaTooNewError(path=str(self.path), found=version, supported=SCHEMA_VERSION)
        if version < SCHEMA_VERSION:
            self.migrate()

    # -- layers --------------------------------------------------------------------------------------
    def destination(self, layer_name: str, scenario: str | None = None) -> str:
        """Processing sink destination that (over)writes ``layer_name`` inside this GeoPackage (``scenario``:
        that scenario's copy of a step 3–5 layer; None = the layer's own table, the baseline's)."""
        return f'ogr:dbname={uri_quote(str(self.path))} table="{scenario_layer_name(layer_name, scenario)}" (geom)'

    def layer_uri(self, layer_name: str, scenario: str | None = None) -> str:
        """Data source for ``QgsVectorLayer(uri, name, "ogr")`` (``scenario`` as for :meth:`destination`)."""
        return f"{self.path}|layername={scenario_layer_name(layer_name, scenario)}"

    def layers(self) -> list[str]:
        """The step layers and tables in the plan (the store's own ``sbplanner_*`` tables excluded)."""
        if not self.path.exists():
            return []
        with contextlib.closing(sqlite3.connect(self.path, timeout=30)) as con:
            try:
                rows = con.execute("SELECT table_name FROM gpkg_contents ORDER BY table_name").fetchall()
            except sqlite3.OperationalError:
                return []
        return [r[0] for r in rows if not r[0].startswith(INTERNAL_PREFIX)]

    def layer_times(self) -> dict[str, str]:
        """Plan table → when it was last written (``gpkg_contents.last_change``, ISO 8601 UTC): stamped by every
        run's write and by geometry edits; read by the dock's staleness notice (core.staleness)."""
        if not self.path.exists():
            return {}
        with contextlib.closing(sqlite3.connect(self.path, timeout=30)) as con:
            try:
                rows = con.execute("SELECT table_name, last_change FROM gpkg_contents").fetchall()
            except sqlite3.OperationalError:
                return {}
        return {r[0]: r[1] for r in rows if not r[0].startswith(INTERNAL_PREFIX) and r[1]}

    def save_copy(self, target: str | Path) -> Path:
        """A consistent copy of the whole plan at ``target`` (``.gpkg`` appended when missing), made with SQLite's
        online backup API: right even while QGIS or a run has the plan open or writes it (a plain file copy of an
        open plan can miss edits still in its ``-wal`` file or catch a transaction half-way). The copy is one
        self-contained file (rollback journal), written beside ``target`` and moved there at the end, so an
        existing ``target`` is replaced only by a complete copy. Returns the copy's path.

        Raises :class:`PlanStoreError` when the plan does not exist and :class:`PlanCopyError` when ``target`` is
        the plan itself or cannot be written (the reason named); nothing is left at ``target`` then."""
        target = Path(target)
        if target.suffix.lower() != ".gpkg":
            target = target.with_suffix(target.suffix + ".gpkg") if target.suffix else target.with_suffix(".gpkg")
        if not self.path.is_file():
            reason = QT_TRANSLATE_NOOP("SbPlannerErrors", "file does not exist")
            raise PlanStoreError(path=str(self.path), reason=reason)
        if target.exists() and target.resolve() == self.path.resolve():
            raise PlanCopyError(path=str(self.path), target=str(target), reason=COPY_IS_THE_PLAN)
        self._check_current()
        try:
            backup_copy(self.path, target)
        except (OSError, sqlite3.Error) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise PlanCopyError(path=str(self.path), target=str(target), reason=reason) from exc
        return target

    # -- parameters used -----------------------------------------------------------------------------
    def record_params(self, step: str, files: Iterable[str | Path]) -> list[dict]:
        """Store the parameter tables ``step`` used (name, SHA-1, text); replaces that step's earlier rows
        for the same file names. One transaction. Returns the rows written."""
        rows = [read_param_file(f) for f in files]
        self._check_current()
        when = now_iso()
        with self._write() as con:
            for name, sha1, text in rows:
                con.execute(f"DELETE FROM {PARAMS_TABLE} WHERE step=? AND file_name=?", (step, name))
                con.execute(
                    f"INSERT INTO {PARAMS_TABLE} (step, file_name, sha1, content, recorded_at) VALUES (?,?,?,?,?)",
                    (step, name, sha1, text, when),
                )
        return [{"step": step, "file_name": n, "sha1": s, "content": t, "recorded_at": when} for n, s, t in rows]

    def params(self, step: str | None = None) -> list[dict]:
        """Recorded parameter tables (all steps, or one), ordered by step and file name."""
        if self.schema_version() is None or self.schema_version() < 2:
            return []
        where, args = ("", ()) if step is None else (" WHERE step=?", (step,))
        sql = f"SELECT {', '.join(PARAMS_KEYS)} FROM {PARAMS_TABLE}{where} ORDER BY step, file_name"
        return self._select(sql, args, PARAMS_KEYS)

    # -- edits ---------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def edit(self, user: str | None = None, scenario: str | None = None) -> Iterator[PlanEditor]:
        """One transaction for several edits: all are saved at the end of the ``with`` block, none if
        it raises. ``with store.edit() as ed: ed.update_attributes("parcels_measures", {fid: {...}})``.
        ``scenario``: the editor's step 3–5 layer names are that scenario's tables."""
        self._check_current()
        if scenario is not None:
            self.scenario(scenario)
        with self._write() as con:
            yield PlanEditor(_SqliteDialect(con), user if user is not None else current_user(), scenario)

    def read_features(self, layer: str, fids: Iterable[int], scenario: str | None = None) -> list[dict]:
        """``{fid, wkb, attributes}`` of features (without writing anything)."""
        self._check_current()
        con = self._connect()
        try:
            return PlanEditor(_SqliteDialect(con), "", scenario).read_features(layer, fids)
        finally:
            con.close()

    def edit_log(self, layer: str | None = None, scenario: str | None = None) -> list[dict]:
        """The edit log (of one table; with ``scenario``: of that scenario's edits, ``layer`` then being the
        layer's name, e.g. ``parcels_measures`` for the rows of ``parcels_measures__s_plan_a``)."""
        self._check_current()
        where, args = edit_log_where(layer, scenario, "?")
        sql = f"SELECT {', '.join(LOG_KEYS)} FROM {EDIT_LOG_TABLE}{where} ORDER BY id"
        return self._select(sql, args, LOG_KEYS)

    # -- scenarios (the shared logic is EditShortcuts'; copies and drops are one SQLite transaction) --------
    def _scenario_rows(self) -> list[dict]:
        self._check_current()
        return self._select(f"SELECT {', '.join(SCENARIO_KEYS)} FROM {SCENARIOS_TABLE}", (), SCENARIO_KEYS)

    def _meta_value(self, key: str) -> str | None:
        """A meta value read without upgrading anything (None when absent or the plan has no meta table)."""
        if not self.path.exists():
            return None
        with contextlib.closing(sqlite3.connect(self.path, timeout=30)) as con:
            try:
                row = con.execute(f"SELECT value FROM {META_TABLE} WHERE key=?", (key,)).fetchone()
            except sqlite3.OperationalError:
                return None
        return None if row is None else row[0]

    def _set_meta_value(self, key: str, value: str) -> None:
        self._check_current()
        with self._write() as con:
            _set_meta(con, key, value)

    def _create_scenario(self, row: dict, copies: dict[str, str]) -> None:
        self._check_current()
        try:
            with self._write() as con:
                con.execute(
                    f"INSERT INTO {SCENARIOS_TABLE} ({', '.join(SCENARIO_KEYS)}) VALUES (?, ?, ?, ?, ?, ?)",
                    tuple(row[k] for k in SCENARIO_KEYS),
                )
                for source, target in copies.items():
                    copy_gpkg_table(con, source, target)
        except (sqlite3.Error, ValueError) as exc:
            raise ScenarioCopyError(path=str(self.path), scenario=row["scenario_id"], reason=str(exc)) from exc

    def _update_scenario(self, row: dict) -> None:
        self._check_current()
        with self._write() as con:
            con.execute(
                f"UPDATE {SCENARIOS_TABLE} SET name=?, description=?, modified=? WHERE scenario_id=?",
                (row["name"], row["description"], row["modified"], row["scenario_id"]),
            )

    def _delete_scenario(self, scenario_id: str, tables: list[str]) -> None:
        self._check_current()
        try:
            with self._write() as con:
                for table in tables:
                    drop_gpkg_table(con, table)
                con.execute(f"DELETE FROM {SCENARIOS_TABLE} WHERE scenario_id=?", (scenario_id,))
                con.execute(
                    f"UPDATE {META_TABLE} SET value=? WHERE key=? AND value=?",
                    (BASELINE, CURRENT_SCENARIO_KEY, scenario_id),
                )
        except sqlite3.Error as exc:
            raise ScenarioCopyError(path=str(self.path), scenario=scenario_id, reason=str(exc)) from exc


class _SqliteDialect:
    """What :class:`PlanEditor` needs from a connection (SQLite flavour)."""

    placeholder = "?"

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    def table_ref(self, layer: str) -> str:
        return quote_ident(layer)

    def columns(self, layer: str) -> tuple[list[str], str | None]:
        rows = self.con.execute(f"PRAGMA table_info({quote_ident(layer)})").fetchall()
        names = [r[1] for r in rows]
        pk = next((r[1] for r in rows if r[5] == 1), None)
        return names, pk

    def execute(self, sql: str, args: tuple = ()) -> list[tuple]:
        return self.con.execute(sql, args).fetchall()

    def lock_row(self) -> str:
        return ""

    def geometry_column(self, layer: str) -> tuple[str, int, str] | None:
        """(column, srs id, geometry type name) of a spatial layer, None for an attribute table."""
        row = self.con.execute(
            "SELECT column_name, srs_id, geometry_type_name FROM gpkg_geometry_columns WHERE table_name = ?",
            (layer,),
        ).fetchone()
        return None if row is None else (row[0], int(row[1]), str(row[2]).upper())

    def geometry_value(self, wkb: bytes | None, srid: int) -> tuple[str, object]:
        return "?", (None if wkb is None else gpkg_blob(wkb, srid))

    def geometry_select(self, column: str) -> str:
        return quote_ident(column)

    def read_geometry(self, value) -> bytes | None:
        return gpkg_blob_to_wkb(value)

    def insert(self, sql: str, args: tuple, pk: str) -> int:
        cursor = self.con.execute(sql, args)
        return int(cursor.lastrowid)

    def geometry_written(self, layer: str, wkbs: Iterable[bytes | None]) -> None:
        """Widen the layer's extent in gpkg_contents to the written geometries; stamp last_change."""
        envelopes = [_wkb_envelope(w) for w in wkbs if w is not None]
        envelopes = [e for e in envelopes if e is not None]
        row = self.con.execute(
            "SELECT min_x, max_x, min_y, max_y FROM gpkg_contents WHERE table_name = ?", (layer,)
        ).fetchone()
        if row is None:
            return
        if envelopes and None not in row:
            minx = min([row[0], *(e[0] for e in envelopes)])
            maxx = max([row[1], *(e[1] for e in envelopes)])
            miny = min([row[2], *(e[2] for e in envelopes)])
            maxy = max([row[3], *(e[3] for e in envelopes)])
            self.con.execute(
                "UPDATE gpkg_contents SET min_x = ?, max_x = ?, min_y = ?, max_y = ? WHERE table_name = ?",
                (minx, maxx, miny, maxy, layer),
            )
        self.con.execute(
            "UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = ?",
            (layer,),
        )


@with_gdal_exceptions
def _wkb_envelope(wkb: bytes) -> tuple[float, float, float, float] | None:
    """(minx, maxx, miny, maxy) of WKB, None when empty."""
    from osgeo import ogr

    geometry = ogr.CreateGeometryFromWkb(bytes(wkb))
    if geometry is None or geometry.IsEmpty():
        return None
    return geometry.GetEnvelope()


#: GeoPackageBinary header flags (GeoPackage 1.x §2.1.3): bit 0 = little-endian header, bits 1-3 =
#: envelope kind (1: minx, maxx, miny, maxy), bit 4 = empty geometry (then no envelope).
GP_FLAGS_XY = 0x01 | (1 << 1)
GP_FLAGS_EMPTY = 0x01 | 0x10


def gpkg_header(srs_id: int, envelope: tuple[float, float, float, float] | None) -> bytes:
    """The header of a GeoPackageBinary geometry: ``GP``, version 0, flags, srs_id and the XY envelope
    (minx, maxx, miny, maxy), or no envelope and the empty flag when ``envelope`` is None."""
    if envelope is None:
        return struct.pack("<2sBBi", b"GP", 0, GP_FLAGS_EMPTY, srs_id)
    return struct.pack("<2sBBi4d", b"GP", 0, GP_FLAGS_XY, srs_id, *envelope)


def gpkg_blob(wkb: bytes, srs_id: int) -> bytes:
    """A GeoPackageBinary geometry (:func:`gpkg_header` + WKB): the standard form GDAL and QGIS read back."""
    return gpkg_header(srs_id, _wkb_envelope(wkb)) + bytes(wkb)


def gpkg_blob_to_wkb(blob) -> bytes | None:
    """The WKB inside a GeoPackageBinary blob (None for NULL)."""
    if blob is None:
        return None
    blob = bytes(blob)
    if len(blob) < 8 or blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry")
    kind = (blob[3] >> 1) & 0x07
    return blob[8 + {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}.get(kind, 0) :]


# -- GeoPackage SQL functions -------------------------------------------------------------------------
def _gpkg_envelope(blob: bytes | None) -> tuple[float, float, float, float] | None:
    """(minx, maxx, miny, maxy) of a GeoPackage geometry blob; None when NULL or empty."""
    if blob is None or len(blob) < 8 or blob[:2] != b"GP":
        return None
    flags = blob[3]
    if flags & 0x10:  # empty geometry
        return None
    order = "<" if flags & 1 else ">"
    kind = (flags >> 1) & 0x07
    if kind:
        return struct.unpack(order + "4d", blob[8:40])
    from osgeo import ogr

    header = 8 + {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}.get(kind, 0)
    with gdal_exceptions():
        geometry = ogr.CreateGeometryFromWkb(bytes(blob[header:]))
        if geometry is None or geometry.IsEmpty():
            return None
        return geometry.GetEnvelope()


def register_gpkg_functions(con: sqlite3.Connection) -> None:
    """The SQL functions GDAL's GeoPackage triggers call (rtree maintenance), for plain sqlite3.

    Attribute updates never fire them with real work, but SQLite resolves every function of a
    trigger when it prepares the UPDATE, so they must exist."""

    def envelope_part(i):
        return lambda blob: None if (env := _gpkg_envelope(blob)) is None else env[i]

    con.create_function("ST_IsEmpty", 1, lambda b: None if b is None else int(_gpkg_envelope(b) is None),
                        deterministic=True)  # fmt: skip
    for i, name in enumerate(("ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY")):
        con.create_function(name, 1, envelope_part(i), deterministic=True)


# -- SQLite schema steps -----------------------------------------------------------------------------
def _read_version(con: sqlite3.Connection, path: Path) -> int:
    try:
        has_contents = con.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='gpkg_contents'"
        ).fetchone()[0]
    except sqlite3.DatabaseError as exc:  # not an SQLite file at all
        raise PlanNotGeoPackageError(path=str(path)) from exc
    if not has_contents:
        raise PlanNotGeoPackageError(path=str(path))
    has_meta = con.execute(
        "SELECT count(*) FROM sqlite_master WHERE type='table' AND name=?", (META_TABLE,)
    ).fetchone()[0]
    if not has_meta:
        return 0
    row = con.execute(f"SELECT value FROM {META_TABLE} WHERE key='schema_version'").fetchone()
    if row is None:
        return 0
    try:
        return int(row[0])
    except (TypeError, ValueError) as exc:
        raise PlanStoreError(path=str(path), reason=msg(VERSION_NOT_A_NUMBER, text=row[0])) from exc


def _create_meta(con: sqlite3.Connection) -> None:
    con.execute(f"CREATE TABLE IF NOT EXISTS {META_TABLE} (key TEXT PRIMARY KEY, value TEXT)")


def _set_meta(con: sqlite3.Connection, key: str, value: object) -> None:
    con.execute(f"INSERT OR REPLACE INTO {META_TABLE} (key, value) VALUES (?, ?)", (key, str(value)))


def _v0_to_v1(con: sqlite3.Connection) -> None:
    """v0 (a GeoPackage with step-1 layers only) → v1: add ``sbplanner_meta``."""
    _create_meta(con)


def _register_attributes_table(con: sqlite3.Connection, table: str, description: str) -> None:
    """List a non-spatial table in gpkg_contents (GeoPackage 'attributes'), so QGIS can open it."""
    con.execute(
        "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, last_change)"
        " VALUES (?, 'attributes', ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
        (table, table, description),
    )


def _v1_to_v2(con: sqlite3.Connection) -> None:
    """v1 → v2: the parameter tables used and the edit log."""
    con.execute(
        f"CREATE TABLE IF NOT EXISTS {PARAMS_TABLE} (id INTEGER PRIMARY KEY AUTOINCREMENT, step TEXT NOT NULL,"
        " file_name TEXT NOT NULL, sha1 TEXT NOT NULL, content TEXT NOT NULL, recorded_at TEXT NOT NULL,"
        " UNIQUE (step, file_name))"
    )
    con.execute(
        f"CREATE TABLE IF NOT EXISTS {EDIT_LOG_TABLE} (id INTEGER PRIMARY KEY AUTOINCREMENT, edited_at TEXT NOT NULL,"
        " user_name TEXT, layer TEXT NOT NULL, fid INTEGER NOT NULL, field TEXT NOT NULL, old_value TEXT,"
        " new_value TEXT)"
    )
    _register_attributes_table(con, PARAMS_TABLE, "SBPlanner: parameter tables used by each step")
    _register_attributes_table(con, EDIT_LOG_TABLE, "SBPlanner: attribute edits (who, when, old → new)")


def _v2_to_v3(con: sqlite3.Connection) -> None:
    """v2 → v3: the scenario registry with the baseline (the plan's existing step 3–5 layers) and the edit
    log's ``scenario`` column (earlier edits of step 3–5 layers were the baseline's)."""
    con.execute(
        f"CREATE TABLE IF NOT EXISTS {SCENARIOS_TABLE} (scenario_id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL,"
        " description TEXT, parent TEXT, created TEXT, modified TEXT)"
    )
    _register_attributes_table(con, SCENARIOS_TABLE, "SBPlanner: scenarios of the plan (baseline, plan A …)")
    columns = [r[1] for r in con.execute(f"PRAGMA table_info({EDIT_LOG_TABLE})").fetchall()]
    if "scenario" not in columns:
        con.execute(f"ALTER TABLE {EDIT_LOG_TABLE} ADD COLUMN scenario TEXT")
    marks = ", ".join("?" for _ in SCENARIO_LAYERS)
    con.execute(
        f"UPDATE {EDIT_LOG_TABLE} SET scenario=? WHERE scenario IS NULL AND layer IN ({marks})",
        (BASELINE, *SCENARIO_LAYERS),
    )
    row = con.execute(f"SELECT value FROM {META_TABLE} WHERE key='created_at'").fetchone()
    when = row[0] if row else now_iso()
    con.execute(
        f"INSERT OR IGNORE INTO {SCENARIOS_TABLE} ({', '.join(SCENARIO_KEYS)}) VALUES (?, ?, ?, NULL, ?, ?)",
        (BASELINE, BASELINE, "", when, when),
    )


#: ``_MIGRATIONS[v](con)`` upgrades an open transaction from schema v to v + 1.
_MIGRATIONS = {0: _v0_to_v1, 1: _v1_to_v2, 2: _v2_to_v3}
assert sorted(_MIGRATIONS) == list(range(SCHEMA_VERSION)), "one migration per schema step"


# -- copying and dropping a table inside one transaction (scenarios) -------------------------------------
#: GeoPackage / GDAL metadata tables with one row per layer in a ``table_name`` column.
_LAYER_METADATA = ("gpkg_geometry_columns", "gpkg_extensions", "gpkg_ogr_contents", "gpkg_data_columns",
                   "gpkg_metadata_reference")  # fmt: skip
_SQL_TOKEN = re.compile(r'"(?:[^"]|"")*"|\'(?:[^\']|\'\')*\'|\[[^\]]*\]|`[^`]*`|[A-Za-z_][A-Za-z0-9_$]*')


def rename_in_sql(sql: str, names: dict[str, str]) -> str:
    """``sql`` (a CREATE TABLE / INDEX / TRIGGER statement) with every identifier or string token equal to a
    key of ``names`` (case-insensitive, as SQLite compares names) replaced by its value, quoted the same way
    (bare names become double-quoted); the rest of the text is kept as it is."""
    lowered = {k.lower(): v for k, v in names.items()}

    def replace(match: re.Match) -> str:
        token = match.group(0)
        first = token[0]
        if first in "\"'":
            value = token[1:-1].replace(first * 2, first)
        elif first in "[`":
            value = token[1:-1]
        else:
            value = token
        new = lowered.get(value.lower())
        if new is None:
            return token
        if first == "'":
            return "'" + new.replace("'", "''") + "'"
        return quote_ident(new)

    return _SQL_TOKEN.sub(replace, sql)


def _tables_with(con: sqlite3.Connection, names: Iterable[str]) -> list[str]:
    present = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    return [n for n in names if n in present]


def copy_gpkg_table(con: sqlite3.Connection, source: str, target: str) -> None:
    """Copy the GeoPackage layer or attribute table ``source`` to the new table ``target`` inside the caller's
    transaction: the same CREATE TABLE (column types, key, constraints), every row with its fid, the AUTOINCREMENT
    counter, its gpkg_contents / geometry-column / extension / feature-count rows, its other indexes, the R-tree
    spatial index (rows copied) and its triggers (rtree and feature count, renamed). Raises ValueError when the
    source is missing or the target exists (the caller rolls back: nothing is left half-copied)."""
    row = con.execute("SELECT sql FROM sqlite_master WHERE type='table' AND name=?", (source,)).fetchone()
    if row is None:
        raise ValueError(f"no table {source}")
    if con.execute("SELECT 1 FROM sqlite_master WHERE lower(name)=lower(?)", (target,)).fetchone():
        raise ValueError(f"a table {target} exists already")
    geometry = con.execute("SELECT column_name FROM gpkg_geometry_columns WHERE table_name=?", (source,)).fetchone()
    names = {source: target}
    rtree = None
    if geometry is not None:
        rtree = (f"rtree_{source}_{geometry[0]}", f"rtree_{target}_{geometry[0]}")
        names[rtree[0]] = rtree[1]
    con.execute(rename_in_sql(row[0], {source: target}))
    con.execute(f"INSERT INTO {quote_ident(target)} SELECT * FROM {quote_ident(source)}")
    seq = None
    if _tables_with(con, ["sqlite_sequence"]):  # AUTOINCREMENT: the next fid continues the source's counter
        seq = con.execute("SELECT seq FROM sqlite_sequence WHERE name=?", (source,)).fetchone()
    if seq is not None:
        con.execute("DELETE FROM sqlite_sequence WHERE name=?", (target,))
        con.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (target, seq[0]))
    columns = [r[1] for r in con.execute("PRAGMA table_info(gpkg_contents)")]
    others = [c for c in columns if c not in ("table_name", "identifier", "last_change")]
    con.execute(
        f"INSERT INTO gpkg_contents (table_name, identifier, last_change, {', '.join(others)})"
        f" SELECT ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'), {', '.join(others)}"
        " FROM gpkg_contents WHERE table_name=?",
        (target, target, source),
    )
    for table in _tables_with(con, _LAYER_METADATA):
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({quote_ident(table)})") if r[1] != "id"]
        if "table_name" not in cols:
            continue
        rest = [c for c in cols if c != "table_name"]
        select = ", ".join(quote_ident(c) for c in rest)
        con.execute(
            f"INSERT INTO {quote_ident(table)} (table_name{', ' if rest else ''}{select})"
            f" SELECT ?{', ' if rest else ''}{select} FROM {quote_ident(table)} WHERE table_name=?",
            (target, source),
        )
    if rtree is not None:
        found = con.execute("SELECT sql FROM sqlite_master WHERE type='table' AND name=?", (rtree[0],)).fetchone()
        if found is not None:
            con.execute(rename_in_sql(found[0], names))
            con.execute(f"INSERT INTO {quote_ident(rtree[1])} SELECT * FROM {quote_ident(rtree[0])}")
    dependants = con.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name=?"
        " AND sql IS NOT NULL ORDER BY type",
        (source,),
    ).fetchall()
    for _kind, name, _sql in dependants:
        names[name] = name.replace(source, target, 1) if source in name else f"{name}_{target}"
    for _kind, _name, sql in dependants:
        con.execute(rename_in_sql(sql, names))


def drop_gpkg_table(con: sqlite3.Connection, table: str) -> None:
    """Drop the layer ``table`` with its R-tree and its metadata rows, inside the caller's transaction."""
    geometry = con.execute("SELECT column_name FROM gpkg_geometry_columns WHERE table_name=?", (table,)).fetchone()
    if geometry is not None:
        con.execute(f"DROP TABLE IF EXISTS {quote_ident(f'rtree_{table}_{geometry[0]}')}")
    con.execute(f"DROP TABLE IF EXISTS {quote_ident(table)}")
    for meta in _tables_with(con, _LAYER_METADATA):
        if "table_name" in [r[1] for r in con.execute(f"PRAGMA table_info({quote_ident(meta)})")]:
            con.execute(f"DELETE FROM {quote_ident(meta)} WHERE table_name=?", (table,))
    con.execute("DELETE FROM gpkg_contents WHERE table_name=?", (table,))
    if _tables_with(con, ["sqlite_sequence"]):
        con.execute("DELETE FROM sqlite_sequence WHERE name=?", (table,))


def rename_gpkg_table(con: sqlite3.Connection, source: str, target: str) -> None:
    """Rename the GeoPackage layer or attribute table ``source`` to ``target`` inside the caller's transaction:
    the table (its rows and fids stay where they are), its R-tree spatial index, its rows in gpkg_contents
    (identifier too, when it was the table's name) and the other layer metadata tables, its AUTOINCREMENT
    counter, and its indexes and triggers (rtree and feature count: dropped and recreated under the new names,
    their bodies naming the new table). Raises ValueError when ``source`` is missing or ``target`` exists (the
    caller rolls back). The connection runs ``ALTER TABLE … RENAME`` in SQLite's legacy mode (it neither checks
    nor rewrites the rest of the schema, whose triggers may call functions this connection lacks)."""
    row = con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (source,)).fetchone()
    if row is None:
        raise ValueError(f"no table {source}")
    if con.execute("SELECT 1 FROM sqlite_master WHERE lower(name)=lower(?)", (target,)).fetchone():
        raise ValueError(f"a table {target} exists already")
    geometry = con.execute("SELECT column_name FROM gpkg_geometry_columns WHERE table_name=?", (source,)).fetchone()
    names = {source: target}
    rtree = None
    if geometry is not None:
        rtree = (f"rtree_{source}_{geometry[0]}", f"rtree_{target}_{geometry[0]}")
        names[rtree[0]] = rtree[1]
    dependants = con.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name=?"
        " AND sql IS NOT NULL ORDER BY type",
        (source,),
    ).fetchall()
    for _kind, name, _sql in dependants:
        names[name] = name.replace(source, target, 1) if source in name else f"{name}_{target}"
    for kind, name, _sql in dependants:
        con.execute(f"DROP {'INDEX' if kind == 'index' else 'TRIGGER'} {quote_ident(name)}")
    legacy = con.execute("PRAGMA legacy_alter_table").fetchone()[0]
    con.execute("PRAGMA legacy_alter_table=ON")
    try:
        con.execute(f"ALTER TABLE {quote_ident(source)} RENAME TO {quote_ident(target)}")
        if rtree is not None and _tables_with(con, [rtree[0]]):
            con.execute(f"ALTER TABLE {quote_ident(rtree[0])} RENAME TO {quote_ident(rtree[1])}")
    finally:
        con.execute(f"PRAGMA legacy_alter_table={int(legacy)}")
    con.execute("UPDATE gpkg_contents SET identifier=? WHERE table_name=? AND identifier=?", (target, source, source))
    for meta in _tables_with(con, ("gpkg_contents", *_LAYER_METADATA)):
        if "table_name" in [r[1] for r in con.execute(f"PRAGMA table_info({quote_ident(meta)})")]:
            con.execute(f"UPDATE {quote_ident(meta)} SET table_name=? WHERE table_name=?", (target, source))
    if _tables_with(con, ["sqlite_sequence"]):
        con.execute("UPDATE sqlite_sequence SET name=? WHERE name=?", (target, source))
    for _kind, _name, sql in dependants:
        con.execute(rename_in_sql(sql, names))
