"""Every output of a run is written aside and swapped in at the end: an existing output survives a failed
or killed run, and a plan is never replaced whole.

QGIS's own sinks destroy the old output before they write the new one: a file destination is deleted
(``CreateOrOverwriteFile``), a layer destination inside a GeoPackage or a PostGIS schema is dropped first
(``OVERWRITE=YES``) and then filled batch by batch. A failure or a ``kill -9`` in between loses the old
output. :class:`StagedOutputs` redirects each destination of a run before the computation
(:meth:`StagedOutputs.stage`, called by ``processing.base.SbAlgorithm.prepare_outputs``) and puts the
outputs in place once every one is complete (:meth:`StagedOutputs.commit`):

* **A file** (GeoPackage, Shapefile, GeoJSON, CSV, GeoTIFF, GPX …) is written under its own name into a
  hidden staging folder ``.sbplanner-staging-<host>-<pid>-<random>`` in the destination's folder (same file
  system; the layer name inside a GeoPackage, a GeoJSON's ``name`` … come out as without staging). At the
  end each file is moved over the destination with ``os.replace``, which is atomic within a file system
  (POSIX ``rename``; ``MoveFileEx`` with replace on Windows). A SQLite file is first left self-contained
  (rollback-journal mode), and the old file's journal, write-ahead log, index and statistics sidecars
  (``-journal``, ``-wal``, ``.qix``, ``.aux.xml`` …) that the new output does not replace are removed *before*
  the move, so no stale journal is ever applied to the new file. A Shapefile is several files: they are
  moved one by one (sidecars first, the ``.shp`` last) — a window of a few renames, not of the write.
* **A layer in a GeoPackage** (a plan's layer, or any ``ogr:dbname=… table=…`` destination of an existing
  GeoPackage) is written as a new table ``sbplanner_tmp_<host>_<pid>_<random>`` of the same file. At the
  end ONE SQLite transaction (``BEGIN IMMEDIATE`` … ``COMMIT``, ``synchronous=FULL``) drops the old layer
  (its R-tree and metadata rows) and renames the new table, its R-tree, triggers and metadata rows to the
  layer's name (:func:`~sbplanner_plugin.adapters.plan_store_gpkg.rename_gpkg_table`); every layer one
  run writes into one GeoPackage is swapped in that same transaction. A kill at any moment leaves the
  old layer or the new one: SQLite rolls an interrupted transaction back from its journal. The other
  layers, the edit log and QGIS styles saved in the file are never touched. A GeoPackage that does not
  exist yet is staged as a file (above).
* **A table in PostGIS** likewise: a new table in the same schema, then ``DROP TABLE`` + ``ALTER TABLE …
  RENAME`` (with its key, index and sequence names) in one transaction. A view on the old table makes the
  drop fail: the run then fails with that reason and the old table stays.

A failed run removes everything it staged (:meth:`StagedOutputs.discard`). A killed run cannot: its staging
folder or temporary table stays, and the next run writing into the same folder, GeoPackage or schema from the
same computer removes those of processes that no longer run (not checked on Windows, where they stay).

No QGIS sink object may be open when the outputs are committed or discarded (its writer would write into
the moved file or the renamed table afterwards): the caller closes them first.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import secrets
import shutil
import socket
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from qgis.core import QgsDataSourceUri

from sbplanner_plugin.adapters.plan_store_common import INTERNAL_PREFIX, quote_ident
from sbplanner_plugin.adapters.plan_store_gpkg import (
    SQLITE_SIDECARS,
    connect_gpkg,
    drop_gpkg_table,
    rename_gpkg_table,
    settle_sqlite,
)
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, SbPlannerError

LOGGER = logging.getLogger(__name__)

STAGING_PREFIX = ".sbplanner-staging-"
TEMP_TABLE_PREFIX = f"{INTERNAL_PREFIX}tmp_"
#: Files beside a Shapefile's ``.shp`` (QGIS's own list of the parts it deletes with a Shapefile).
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".idm", ".ind", ".qpj")
#: Sidecars GDAL / QGIS write beside a raster or any file (statistics, overviews, masks, QGIS metadata).
FILE_SIDECARS = (".aux.xml", ".ovr", ".msk", ".qmd")
#: SQLite-based formats (settled into one file before they are moved).
SQLITE_SUFFIXES = (".gpkg", ".sqlite", ".db", ".mbtiles")
#: Names a layer written by a run may not take inside a GeoPackage (the file's own tables and the plan's).
_RESERVED_TABLE = re.compile(r"^(gpkg_|rtree_|sqlite_|" + INTERNAL_PREFIX + ")", re.IGNORECASE)


class OutputSwapError(SbPlannerError):
    key = "output_swap"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "The output {path} was not put in place (the previous one is unchanged): {reason}"
    )


class ReservedLayerNameError(SbPlannerError):
    key = "output_reserved_layer"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The layer name {table} in {path} is reserved for the GeoPackage or the plan itself; choose another name."
    )  # fmt: skip


# -- who left a staging folder or a temporary table ------------------------------------------------------
def _host_tag() -> str:
    return hashlib.sha1(socket.gethostname().encode("utf-8", "replace"), usedforsecurity=False).hexdigest()[:6]


def _new_token() -> str:
    return f"{_host_tag()}_{os.getpid()}_{secrets.token_hex(4)}"


def _pid_alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill(pid, 0) would end the process there: treat as alive (leftovers stay)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. another user's process
        return True
    return True


def is_stale(name: str, prefix: str) -> bool:
    """Whether the staging folder / temporary table ``name`` was left by a process of this computer that no
    longer runs."""
    match = re.fullmatch(re.escape(prefix) + r"([0-9a-f]{6})[-_](\d+)[-_][0-9a-f]+", name)
    if match is None or match.group(1) != _host_tag():
        return False
    return not _pid_alive(int(match.group(2)))


def remove_stale_staging(folder: Path) -> list[Path]:
    """Remove the staging folders in ``folder`` left by killed runs of this computer; returns those removed."""
    removed = []
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            if entry.name.startswith(STAGING_PREFIX) and entry.is_dir() and is_stale(entry.name, STAGING_PREFIX):
                shutil.rmtree(entry, ignore_errors=True)
                removed.append(entry)
    return removed


def stale_gpkg_tables(con: sqlite3.Connection) -> list[str]:
    """The temporary tables of a GeoPackage left by killed runs of this computer."""
    rows = con.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name LIKE ? ESCAPE '\\'", ("sbplanner\\_tmp\\_%",)
    )
    return [r[0] for r in rows if is_stale(r[0], TEMP_TABLE_PREFIX)]


@contextlib.contextmanager
def replacing(path: str | os.PathLike) -> Iterator[Path]:
    """A temporary path beside ``path`` for a writer that writes a whole file: moved over ``path``
    (``os.replace``) when the block ends, removed when it raises — ``path`` holds the old file or the
    complete new one, never a part. ``with replacing(out) as temp: frame.to_csv(temp)``."""
    target = Path(path)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


# -- the staged outputs of one run -------------------------------------------------------------------------
class StagedOutputs:
    """The outputs of one run, each written aside (see the module docstring); ``commit()`` puts them in place,
    ``discard()`` removes them. Text naming a staged output (a run's results, the layers QGIS loads at the end)
    is turned into the final destination by :meth:`final_text`."""

    def __init__(self) -> None:
        self._folders: dict[Path, Path] = {}  # destination folder → its staging folder
        self._mains: set[Path] = set()  # staged paths of the outputs (the files named by a destination)
        self._tables: dict[tuple, list[tuple[str, str]]] = {}  # (kind, database, schema) → [(temp, final)]
        self._names: dict[str, str] = {}  # staged text → final text
        self._committed = False

    def __bool__(self) -> bool:
        """Whether anything was staged (also after ``commit()``: its names still translate)."""
        return bool(self._names)

    # -- staging -------------------------------------------------------------------------------------------
    def stage(self, destination: str) -> str:
        """The destination to write instead of ``destination``: a plain file path, ``ogr:dbname='…gpkg'
        table=…`` or ``postgres://… table="schema"."table"``; anything else (memory layers, other databases,
        ``path|layername=``) is returned as it is."""
        if not destination or destination.startswith(("memory:", "/vsi")) or "|" in destination:
            return destination
        if destination.startswith("ogr:"):
            return self._stage_gpkg_layer(destination)
        if destination.startswith("postgres://"):
            return self._stage_postgis_table(destination)
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]{2,}:(?![\\/])", destination):  # another provider's URI
            return destination
        if destination.startswith("dbname=") or " table=" in destination:  # a database URI without its provider
            return destination
        return self.stage_file(destination)

    def stage_file(self, path: str) -> str:
        """``path`` inside the staging folder of its folder (created, with stale ones removed, on first use)."""
        target = Path(path)
        folder = target.parent
        staging = self._folders.get(folder)
        if staging is None:
            remove_stale_staging(folder)
            staging = folder / f"{STAGING_PREFIX}{_new_token().replace('_', '-')}"
            staging.mkdir()
            self._folders[folder] = staging
            self._names[str(staging) + os.sep] = str(folder) + os.sep
            if os.altsep:  # QGIS may hand the path back with the other separator
                alt = (str(staging) + os.sep, str(folder) + os.sep)
                self._names[alt[0].replace(os.sep, os.altsep)] = alt[1].replace(os.sep, os.altsep)
        staged = staging / target.name
        self._mains.add(staged)
        return str(staged)

    def _stage_gpkg_layer(self, destination: str) -> str:
        uri = QgsDataSourceUri(destination[len("ogr:") :])
        database, table = uri.database(), uri.table()
        if not database.lower().endswith(".gpkg") or not table:
            return destination
        if _RESERVED_TABLE.match(table):
            raise ReservedLayerNameError(table=table, path=database)
        if not os.path.isfile(database) or os.path.getsize(database) == 0:
            uri.setDatabase(self.stage_file(database))  # a new GeoPackage: staged whole
            return "ogr:" + uri.uri(False)
        temp = TEMP_TABLE_PREFIX + _new_token()
        self._tables.setdefault(("gpkg", os.path.abspath(database), ""), []).append((temp, table))
        self._names[temp] = table
        uri.setTable(temp)
        return "ogr:" + uri.uri(False)

    def _stage_postgis_table(self, destination: str) -> str:
        uri = QgsDataSourceUri(destination[len("postgres://") :])
        schema, table = uri.schema() or "public", uri.table()
        if not table:
            return destination
        if table.lower().startswith(INTERNAL_PREFIX):
            raise ReservedLayerNameError(table=table, path=schema)
        temp = TEMP_TABLE_PREFIX + _new_token()
        self._tables.setdefault(("postgres", uri.connectionInfo(True), schema), []).append((temp, table))
        self._names[temp] = table
        uri.setTable(temp)
        uri.setSchema(schema)
        return "postgres://" + uri.uri(False)

    def final_text(self, text: str) -> str:
        """``text`` with every staged name (staging folder, temporary table) replaced by the final one."""
        for staged, final in self._names.items():
            text = text.replace(staged, final)
        return text

    # -- the end of the run ----------------------------------------------------------------------------------
    def commit(self) -> None:
        """Put every staged output in place (tables first, one transaction per database, then the files); raises
        :class:`OutputSwapError` naming the output and the cause. Whatever is left staged is removed."""
        try:
            for (kind, database, schema), pairs in self._tables.items():
                if kind == "gpkg":
                    _swap_gpkg_tables(database, pairs)
                else:
                    _swap_postgis_tables(database, schema, pairs)
            for folder, staging in self._folders.items():
                _swap_files(folder, staging, self._mains)
            self._committed = True
        finally:
            self.discard()

    def discard(self) -> None:
        """Remove the staging folders and the temporary tables that are still there (after a failure)."""
        for staging in self._folders.values():
            shutil.rmtree(staging, ignore_errors=True)
        self._folders.clear()
        tables, self._tables = self._tables, {}
        if self._committed:
            return
        for (kind, database, schema), pairs in tables.items():
            try:
                if kind == "gpkg":
                    _drop_gpkg_tables(database, [temp for temp, _ in pairs])
                else:
                    _drop_postgis_tables(database, schema, [temp for temp, _ in pairs])
            except Exception:  # the run has failed already; a leftover is removed by a later run
                LOGGER.warning("Temporary tables of %s not removed", database, exc_info=True)


# -- files --------------------------------------------------------------------------------------------------
def _stale_parts(target: Path) -> list[Path]:
    """Files beside ``target`` that belong to it: its SQLite journal / WAL, GDAL sidecars, Shapefile parts."""
    parts = [Path(f"{target}{s}") for s in (*SQLITE_SIDECARS, *FILE_SIDECARS)]
    if target.suffix.lower() == ".shp":
        stem = target.with_suffix("")
        parts += [Path(f"{stem}{ext}") for ext in SHAPEFILE_PARTS if ext != ".shp"]
        parts += [Path(f"{stem}{ext.upper()}") for ext in SHAPEFILE_PARTS if ext != ".shp"]
    return parts


def _swap_files(folder: Path, staging: Path, mains: set[Path]) -> None:
    produced = sorted(p for p in staging.iterdir() if p.is_file())
    names = {p.name for p in produced}
    for staged in produced:
        if staged.suffix.lower() in SQLITE_SUFFIXES:
            try:
                settle_sqlite(staged)
            except sqlite3.Error as exc:
                raise OutputSwapError(path=str(folder / staged.name), reason=str(exc)) from exc
    produced = sorted(p for p in staging.iterdir() if p.is_file())  # settling removed journals
    firsts = [p for p in produced if p not in mains and p.suffix.lower() != ".shp"]
    lasts = [p for p in produced if p in mains or p.suffix.lower() == ".shp"]
    for staged in produced:  # the old output's sidecars the new one does not replace: never kept beside it
        for stale in _stale_parts(folder / staged.name):
            if stale.name not in names:
                try:
                    stale.unlink(missing_ok=True)
                except OSError as exc:
                    raise OutputSwapError(path=str(folder / staged.name), reason=f"{stale}: {exc.strerror}") from exc
    for staged in firsts + lasts:
        try:
            os.replace(staged, folder / staged.name)
        except OSError as exc:
            raise OutputSwapError(path=str(folder / staged.name), reason=exc.strerror or str(exc)) from exc


# -- GeoPackage layers --------------------------------------------------------------------------------------
def _table_name(con: sqlite3.Connection, table: str) -> str | None:
    """The table's name as stored (SQLite compares names without case), None when there is none."""
    row = con.execute("SELECT name FROM sqlite_master WHERE type='table' AND lower(name)=lower(?)", (table,)).fetchone()
    return None if row is None else row[0]


def _swap_gpkg_tables(path: str, pairs: list[tuple[str, str]]) -> None:
    """In ONE transaction: each staged table replaces its layer; stale temporary tables are dropped."""
    try:
        con = connect_gpkg(path, timeout=60)
        try:
            con.execute("BEGIN IMMEDIATE")
            try:
                for temp, final in pairs:
                    if _table_name(con, temp) is None:
                        continue  # never written (an optional output the run did not make)
                    old = _table_name(con, final)
                    if old is not None:
                        drop_gpkg_table(con, old)
                    rename_gpkg_table(con, temp, final)
                    _refresh_layer_metadata(con, final)
                for stale in stale_gpkg_tables(con):
                    drop_gpkg_table(con, stale)
                con.execute("COMMIT")
            except BaseException:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                raise
        finally:
            con.close()
    except (sqlite3.Error, ValueError) as exc:
        layers = ", ".join(final for _, final in pairs)
        raise OutputSwapError(path=f"{path} ({layers})", reason=str(exc)) from exc


def _refresh_layer_metadata(con: sqlite3.Connection, table: str) -> None:
    """The layer's feature count (GDAL's ``gpkg_ogr_contents``) and, when missing, its extent from the R-tree:
    GDAL writes both when it closes the layer, which must not be trusted to have happened."""
    if con.execute("SELECT 1 FROM sqlite_master WHERE name='gpkg_ogr_contents'").fetchone():
        count = con.execute(f"SELECT count(*) FROM {quote_ident(table)}").fetchone()[0]
        con.execute("UPDATE gpkg_ogr_contents SET feature_count=? WHERE table_name=?", (count, table))
    row = con.execute("SELECT column_name FROM gpkg_geometry_columns WHERE table_name=?", (table,)).fetchone()
    rtree = f"rtree_{table}_{row[0]}" if row else None
    if rtree and con.execute("SELECT 1 FROM sqlite_master WHERE name=?", (rtree,)).fetchone():
        extent = con.execute(f"SELECT min(minx), min(miny), max(maxx), max(maxy) FROM {quote_ident(rtree)}").fetchone()
        if extent[0] is not None:
            con.execute(
                "UPDATE gpkg_contents SET min_x=?, min_y=?, max_x=?, max_y=? WHERE table_name=? AND min_x IS NULL",
                (*extent, table),
            )


def _drop_gpkg_tables(path: str, tables: list[str]) -> None:
    con = connect_gpkg(path, timeout=10)
    try:
        con.execute("BEGIN IMMEDIATE")
        for table in tables:
            if _table_name(con, table) is not None:
                drop_gpkg_table(con, table)
        con.execute("COMMIT")
    finally:
        con.close()


# -- PostGIS tables -------------------------------------------------------------------------------------------
def _pg_connect(conninfo: str):
    import psycopg2

    return psycopg2.connect(conninfo)


def _swap_postgis_tables(conninfo: str, schema: str, pairs: list[tuple[str, str]]) -> None:
    """In ONE transaction: each staged table replaces its table (key, index and sequence renamed with it)."""
    import psycopg2

    try:
        con = _pg_connect(conninfo)
        try:
            with con, con.cursor() as cur:
                cur.execute("SET LOCAL lock_timeout = '60s'")
                for temp, final in pairs:
                    cur.execute("SELECT to_regclass(%s)", (f"{quote_ident(schema)}.{quote_ident(temp)}",))
                    if cur.fetchone()[0] is None:
                        continue
                    cur.execute(f"DROP TABLE IF EXISTS {quote_ident(schema)}.{quote_ident(final)}")
                    cur.execute(f"ALTER TABLE {quote_ident(schema)}.{quote_ident(temp)} RENAME TO {quote_ident(final)}")
                    _rename_pg_dependants(cur, schema, temp, final)
                cur.execute(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = %s AND table_name LIKE %s",
                    (schema, "sbplanner\\_tmp\\_%"),
                )
                for (stale,) in cur.fetchall():
                    if is_stale(stale, TEMP_TABLE_PREFIX):
                        cur.execute(f"DROP TABLE IF EXISTS {quote_ident(schema)}.{quote_ident(stale)}")
        finally:
            con.close()
    except psycopg2.Error as exc:
        layers = ", ".join(final for _, final in pairs)
        raise OutputSwapError(path=f"{schema} ({layers})", reason=str(exc).strip()) from exc


#: (query of the names, rename statement) of a PostGIS table's constraints (their indexes follow them), other
#: indexes and owned sequences.
_PG_DEPENDANTS = (
    ("SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass", "ALTER TABLE {table} RENAME CONSTRAINT"),
    (
        "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = %s::regclass",
        "ALTER INDEX {schema}.",
    ),
    (
        "SELECT c.relname FROM pg_class c JOIN pg_depend d ON d.objid = c.oid"
        " WHERE c.relkind = 'S' AND d.refobjid = %s::regclass AND d.deptype IN ('a', 'i')",
        "ALTER SEQUENCE {schema}.",
    ),
)


def _rename_pg_dependants(cur, schema: str, temp: str, final: str) -> None:
    """The constraints, indexes and owned sequences named after ``temp`` renamed after ``final``."""
    table = f"{quote_ident(schema)}.{quote_ident(final)}"
    for select, rename in _PG_DEPENDANTS:
        cur.execute(select, (table,))
        for (name,) in cur.fetchall():
            if temp not in name:
                continue
            head = rename.format(table=table, schema=quote_ident(schema))
            old, new = quote_ident(name), quote_ident(name.replace(temp, final))
            cur.execute(f"{head} {old} TO {new}" if head.endswith("CONSTRAINT") else f"{head}{old} RENAME TO {new}")


def _drop_postgis_tables(conninfo: str, schema: str, tables: list[str]) -> None:
    con = _pg_connect(conninfo)
    try:
        with con, con.cursor() as cur:
            for table in tables:
                cur.execute(f"DROP TABLE IF EXISTS {quote_ident(schema)}.{quote_ident(table)}")
    finally:
        con.close()
