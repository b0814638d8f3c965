"""The plan store in PostgreSQL/PostGIS, for a county office where several engineers edit one plan.

One PostgreSQL schema per plan, holding the same tables as a plan GeoPackage (the step layers written
by Processing through :meth:`PostgisPlanStore.destination`, ``sbplanner_meta`` with
``schema_version``, ``sbplanner_params``, ``sbplanner_edit_log``) and the same schema versions and
migrations as :class:`sbplanner_plugin.adapters.plan_store_gpkg.PlanStore` (what both share:
:mod:`sbplanner_plugin.adapters.plan_store_common`; this module never imports the GeoPackage one).

Concurrency: an edit updates only the named columns of the named rows, inside one transaction, after
locking those rows (``SELECT … FOR UPDATE``). Two engineers editing different parcels never block or
overwrite each other; two edits of the same parcel are serialised (the second waits for the first to
commit, then applies its own values). A migration holds a transaction-scoped advisory lock on the
plan, so two QGIS sessions opening an old plan at once upgrade it once.

The Python driver is psycopg2 (Debian's python3-psycopg2, which QGIS' own Python also sees).
Plan location string (what a QGIS project remembers): ``postgres:<libpq dsn> schema=<plan schema>``,
e.g. ``postgres:service=county_gis schema=plan_youwuzhen``.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator

from sbplanner_plugin.adapters.plan_store_common import (
    BASELINE,
    COPY_OF_POSTGIS,
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
    PlanSchemaTooNewError,
    PlanStoreError,
    ScenarioCopyError,
    edit_log_where,
    now_iso,
    quote_ident,
    read_param_file,
    scenario_layer_name,
)
from sbplanner_plugin.core.definitions import POSTGRES_PREFIX
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, msg

_SCHEMA_RE = re.compile(r"(?:^|\s)schema=(\"[^\"]+\"|'[^']+'|\S+)")


class PostgisPlanStore(EditShortcuts):
    """A plan held in PostgreSQL schema ``schema`` of the database ``dsn`` (libpq connection string)."""

    provider = "postgres"

    def __init__(self, dsn: str, schema: str) -> None:
        if not schema or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,50}", schema):
            raise PlanStoreError(
                path=schema,
                reason=QT_TRANSLATE_NOOP("SbPlannerErrors", "a plan schema name is letters, digits and _ only"),
            )
        self.dsn = dsn.strip()
        self.schema = schema

    @classmethod
    def from_location(cls, location: str) -> PostgisPlanStore:
        text = location[len(POSTGRES_PREFIX) :] if location.startswith(POSTGRES_PREFIX) else location
        match = _SCHEMA_RE.search(text)
        if match is None:
            raise PlanStoreError(
                path=location,
                reason=QT_TRANSLATE_NOOP("SbPlannerErrors", "no schema=<name> in the PostGIS plan location"),
            )
        schema = match.group(1).strip("\"'")
        dsn = (text[: match.start()] + " " + text[match.end() :]).strip()
        return cls(dsn, schema)

    @property
    def location(self) -> str:
        return f"{POSTGRES_PREFIX}{self.dsn} schema={self.schema}"

    @property
    def path(self) -> str:  # for messages: what the user recognises
        return self.location_for_messages()

    def location_for_messages(self) -> str:
        dsn = re.sub(r"password=\S+", "password=***", self.dsn)
        return f"{dsn} schema={self.schema}"

    # -- connection ------------------------------------------------------------------------------
    def connect(self):
        """A new psycopg2 connection (the caller closes it); transactions begin implicitly."""
        try:
            import psycopg2
        except ImportError as exc:
            raise PlanStoreError(
                path=self.path,
                reason=QT_TRANSLATE_NOOP("SbPlannerErrors", "the Python driver psycopg2 is not installed"),
            ) from exc
        try:
            return psycopg2.connect(self.dsn)
        except psycopg2.Error as exc:
            raise PlanStoreError(path=self.path, reason=str(exc).strip()) from exc

    @contextlib.contextmanager
    def _transaction(self) -> Iterator:
        con = self.connect()
        try:
            with con, con.cursor() as cur:  # commit on success, rollback on an exception
                yield cur
        finally:
            con.close()

    def _q(self, table: str) -> str:
        return f"{quote_ident(self.schema)}.{quote_ident(table)}"

    # -- version, creation, migration ----------------------------------------------------------------
    def _version(self, cur) -> int | None:
        cur.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (self.schema,))
        if cur.fetchone() is None:
            return None
        cur.execute("SELECT to_regclass(%s)", (self._q(META_TABLE),))
        if cur.fetchone()[0] is None:
            return 0
        cur.execute(f"SELECT value FROM {self._q(META_TABLE)} WHERE key = 'schema_version'")
        row = cur.fetchone()
        if row is None:
            return 0
        try:
            return int(row[0])
        except (TypeError, ValueError) as exc:
            raise PlanStoreError(path=self.path, reason=msg(VERSION_NOT_A_NUMBER, text=row[0])) from exc

    def schema_version(self) -> int | None:
        """None when the plan schema does not exist, 0 for a schema without ``sbplanner_meta``."""
        with self._transaction() as cur:
            return self._version(cur)

    def ensure(self) -> None:
        """Create the plan schema at the current version, or check and upgrade an existing one.

        A plan of a newer version raises :class:`PlanSchemaTooNewError` and nothing is written.
        """
        self.migrate(create=True)

    def migrate(self, create: bool = False) -> str | None:
        """Upgrade an older plan in one transaction, after copying its tables into the schema
        ``<schema>_v<old>_bak``; returns that schema's name (None when nothing was upgraded)."""
        with self._transaction() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"sbplanner plan {self.schema}",))
            version = self._version(cur)
            if version is None:
                if not create:
                    raise PlanStoreError(
                        path=self.path, reason=QT_TRANSLATE_NOOP("SbPlannerErrors", "the plan schema does not exist")
                    )
                cur.execute(f"CREATE SCHEMA {quote_ident(self.schema)}")
                self._create_meta(cur)
                self._set_meta(cur, "schema_version", SCHEMA_VERSION)
                self._set_meta(cur, "created_at", now_iso())
                self._v1_to_v2(cur)
                self._v2_to_v3(cur)
                return None
            if version > SCHEMA_VERSION:
                raise PlanSchemaTooNewError(path=self.path, found=version, supported=SCHEMA_VERSION)
            if version == SCHEMA_VERSION:
                return None
            backup = self._backup(cur, version)
            old = version
            steps = {0: self._create_meta, 1: self._v1_to_v2, 2: self._v2_to_v3}
            while version < SCHEMA_VERSION:
                steps[version](cur)
                version += 1
                self._set_meta(cur, "schema_version", version)
            self._set_meta(cur, f"migrated_from_v{old}_at", now_iso())
            return backup

    def _backup(self, cur, old: int) -> str:
        name = f"{self.schema}_v{old}_bak"
        n = 2
        while True:
            cur.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (name,))
            if cur.fetchone() is None:
                break
            name = f"{self.schema}_v{old}_bak_{n}"
            n += 1
        cur.execute(f"CREATE SCHEMA {quote_ident(name)}")
        for table in self._tables(cur, internal=True):
            cur.execute(f"CREATE TABLE {quote_ident(name)}.{quote_ident(table)} AS TABLE {self._q(table)}")
        return name

    def _create_meta(self, cur) -> None:
        cur.execute(f"CREATE TABLE IF NOT EXISTS {self._q(META_TABLE)} (key text PRIMARY KEY, value text)")

    def _set_meta(self, cur, key: str, value: object) -> None:
        cur.execute(
            f"INSERT INTO {self._q(META_TABLE)} (key, value) VALUES (%s, %s)"
            " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            (key, str(value)),
        )

    def _v1_to_v2(self, cur) -> None:
        cur.execute(
            f"CREATE TABLE IF NOT EXISTS {self._q(PARAMS_TABLE)} (id serial PRIMARY KEY, step text NOT NULL,"
            " file_name text NOT NULL, sha1 text NOT NULL, content text NOT NULL, recorded_at text NOT NULL,"
            " UNIQUE (step, file_name))"
        )
        cur.execute(
            f"CREATE TABLE IF NOT EXISTS {self._q(EDIT_LOG_TABLE)} (id bigserial PRIMARY KEY,"
            " edited_at text NOT NULL, user_name text, layer text NOT NULL, fid bigint NOT NULL,"
            " field text NOT NULL, old_value text, new_value text)"
        )

    def _v2_to_v3(self, cur) -> None:
        """v2 → v3: the scenario registry with the baseline and the edit log's ``scenario`` column."""
        cur.execute(
            f"CREATE TABLE IF NOT EXISTS {self._q(SCENARIOS_TABLE)} (scenario_id text PRIMARY KEY, name text NOT NULL,"
            " description text, parent text, created text, modified text)"
        )
        cur.execute(f"ALTER TABLE {self._q(EDIT_LOG_TABLE)} ADD COLUMN IF NOT EXISTS scenario text")
        cur.execute(
            f"UPDATE {self._q(EDIT_LOG_TABLE)} SET scenario = %s WHERE scenario IS NULL AND layer = ANY(%s)",
            (BASELINE, list(SCENARIO_LAYERS)),
        )
        cur.execute(f"SELECT value FROM {self._q(META_TABLE)} WHERE key = 'created_at'")
        row = cur.fetchone()
        when = row[0] if row else now_iso()
        cur.execute(
            f"INSERT INTO {self._q(SCENARIOS_TABLE)} ({', '.join(SCENARIO_KEYS)}) VALUES (%s, %s, %s, NULL, %s, %s)"
            " ON CONFLICT (scenario_id) DO NOTHING",
            (BASELINE, BASELINE, "", when, when),
        )

    def _check_current(self, cur) -> None:
        version = self._version(cur)
        if version is None:
            raise PlanStoreError(
                path=self.path, reason=QT_TRANSLATE_NOOP("SbPlannerErrors", "the plan schema does not exist")
            )
        if version != SCHEMA_VERSION:
            if version > SCHEMA_VERSION:
                raise PlanSchemaTooNewError(path=self.path, found=version, supported=SCHEMA_VERSION)
            raise PlanStoreError(
                path=self.path, reason=QT_TRANSLATE_NOOP("SbPlannerErrors", "the plan must be opened (upgraded) first")
            )

    # -- layers --------------------------------------------------------------------------------------
    def _tables(self, cur, internal: bool = False) -> list[str]:
        cur.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s"
            " AND table_type = 'BASE TABLE' ORDER BY table_name",
            (self.schema,),
        )
        names = [r[0] for r in cur.fetchall()]
        return names if internal else [n for n in names if not n.startswith(INTERNAL_PREFIX)]

    def layer_times(self) -> dict[str, str]:
        """PostgreSQL keeps no time a table was last written: no staleness notice for a PostGIS plan."""
        return {}

    def layers(self) -> list[str]:
        with self._transaction() as cur:
            return self._tables(cur)

    def save_copy(self, target) -> None:
        """Not offered for a PostGIS plan (its copy is the database's business: ``pg_dump --schema=<schema>``):
        raises :class:`PlanCopyError` saying so, and writes nothing."""
        raise PlanCopyError(path=self.path, target=str(target), reason=COPY_OF_POSTGIS)

    def destination(self, layer_name: str, scenario: str | None = None) -> str:
        """Processing sink destination that (over)writes ``layer_name`` in the plan schema (``scenario``: that
        scenario's copy of a step 3–5 layer); the feature id column is ``fid`` as in a GeoPackage."""
        layer_name = scenario_layer_name(layer_name, scenario)
        return f'postgres://{self.dsn} key=\'fid\' table="{self.schema}"."{layer_name}" (geom)'

    def layer_uri(self, layer_name: str, scenario: str | None = None) -> str:
        """Data source for ``QgsVectorLayer(uri, name, "postgres")`` (``scenario`` as for :meth:`destination`)."""
        layer_name = scenario_layer_name(layer_name, scenario)
        with self._transaction() as cur:
            cur.execute(
                "SELECT f_geometry_column FROM geometry_columns WHERE f_table_schema = %s AND f_table_name = %s",
                (self.schema, layer_name),
            )
            row = cur.fetchone()
        geometry = f" ({row[0]})" if row else ""
        return f'{self.dsn} key=\'fid\' table="{self.schema}"."{layer_name}"{geometry}'

    # -- parameters used -----------------------------------------------------------------------------
    def record_params(self, step: str, files: Iterable) -> list[dict]:
        rows = [read_param_file(f) for f in files]
        when = now_iso()
        with self._transaction() as cur:
            self._check_current(cur)
            for name, sha1, text in rows:
                cur.execute(
                    f"INSERT INTO {self._q(PARAMS_TABLE)} (step, file_name, sha1, content, recorded_at)"
                    " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (step, file_name) DO UPDATE SET"
                    " sha1 = EXCLUDED.sha1, content = EXCLUDED.content, recorded_at = EXCLUDED.recorded_at",
                    (step, name, sha1, text, when),
                )
        return [{"step": step, "file_name": n, "sha1": s, "content": t, "recorded_at": when} for n, s, t in rows]

    def params(self, step: str | None = None) -> list[dict]:
        where, args = ("", ()) if step is None else (" WHERE step = %s", (step,))
        sql = f"SELECT {', '.join(PARAMS_KEYS)} FROM {self._q(PARAMS_TABLE)}{where} ORDER BY step, file_name"
        return self._select(sql, args, PARAMS_KEYS)

    # -- edits ---------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def edit(self, user: str | None = None, scenario: str | None = None) -> Iterator[PlanEditor]:
        """One transaction for several edits (see :meth:`PlanStore.edit`); the edited rows stay locked
        against other writers until the block ends. ``user`` defaults to the database login."""
        if scenario is not None:
            self.scenario(scenario)
        with self._transaction() as cur:
            self._check_current(cur)
            if user is None:
                cur.execute("SELECT session_user")
                user = cur.fetchone()[0]
            yield PlanEditor(_PgDialect(cur, self.schema), user, scenario)

    def read_features(self, layer: str, fids: Iterable[int], scenario: str | None = None) -> list[dict]:
        with self._transaction() as cur:
            self._check_current(cur)
            return PlanEditor(_PgDialect(cur, self.schema), "", scenario).read_features(layer, fids)

    def edit_log(self, layer: str | None = None, scenario: str | None = None) -> list[dict]:
        """As :meth:`PlanStore.edit_log`."""
        where, args = edit_log_where(layer, scenario, "%s")
        sql = f"SELECT {', '.join(LOG_KEYS)} FROM {self._q(EDIT_LOG_TABLE)}{where} ORDER BY id"
        return self._select(sql, args, LOG_KEYS)

    # -- scenarios (the shared logic is EditShortcuts'; a copy or a drop is one PostgreSQL transaction) -----
    def _scenario_rows(self) -> list[dict]:
        with self._transaction() as cur:
            self._check_current(cur)
            cur.execute(f"SELECT {', '.join(SCENARIO_KEYS)} FROM {self._q(SCENARIOS_TABLE)}")
            return [dict(zip(SCENARIO_KEYS, r)) for r in cur.fetchall()]

    def _meta_value(self, key: str) -> str | None:
        with self._transaction() as cur:
            cur.execute("SELECT to_regclass(%s)", (self._q(META_TABLE),))
            if cur.fetchone()[0] is None:
                return None
            cur.execute(f"SELECT value FROM {self._q(META_TABLE)} WHERE key = %s", (key,))
            row = cur.fetchone()
        return None if row is None else row[0]

    def _set_meta_value(self, key: str, value: str) -> None:
        with self._transaction() as cur:
            self._check_current(cur)
            self._set_meta(cur, key, value)

    def _create_scenario(self, row: dict, copies: dict[str, str]) -> None:
        import psycopg2

        try:
            with self._transaction() as cur:
                self._check_current(cur)
                cur.execute(
                    f"INSERT INTO {self._q(SCENARIOS_TABLE)} ({', '.join(SCENARIO_KEYS)})"
                    " VALUES (%s, %s, %s, %s, %s, %s)",
                    tuple(row[k] for k in SCENARIO_KEYS),
                )
                for source, target in copies.items():
                    self._copy_table(cur, source, target)
        except psycopg2.Error as exc:
            raise ScenarioCopyError(path=self.path, scenario=row["scenario_id"], reason=str(exc).strip()) from exc

    def _copy_table(self, cur, source: str, target: str) -> None:
        """``target`` as a copy of ``source``: columns with their types (geometry type and SRID), constraints
        (the fid key), indexes (the GiST index), every row; a serial fid gets its own sequence continuing the
        source's (an identity column gets its own through LIKE … INCLUDING IDENTITY)."""
        src, dst = self._q(source), self._q(target)
        cur.execute(
            f"CREATE TABLE {dst} (LIKE {src} INCLUDING CONSTRAINTS INCLUDING INDEXES INCLUDING COMMENTS"
            " INCLUDING STORAGE INCLUDING IDENTITY INCLUDING GENERATED)"
        )
        cur.execute(
            "SELECT column_name, pg_get_serial_sequence(%s, column_name) FROM information_schema.columns"
            " WHERE table_schema = %s AND table_name = %s ORDER BY ordinal_position",
            (src, self.schema, source),
        )
        sequences = [(column, seq) for column, seq in cur.fetchall() if seq]
        for column, _seq in sequences:
            cur.execute("SELECT pg_get_serial_sequence(%s, %s)", (dst, column))
            if cur.fetchone()[0] is None:  # a serial column: LIKE does not copy the default (it names src's sequence)
                seq = self._q(f"{target}_{column}_seq")
                cur.execute(f"CREATE SEQUENCE {seq} OWNED BY {dst}.{quote_ident(column)}")
                cur.execute(
                    f"ALTER TABLE {dst} ALTER COLUMN {quote_ident(column)} SET DEFAULT nextval(%s::regclass)", (seq,)
                )
        cur.execute(f"INSERT INTO {dst} OVERRIDING SYSTEM VALUE SELECT * FROM {src}")
        for column, seq in sequences:
            cur.execute(f"SELECT last_value, is_called FROM {seq}")
            last, called = cur.fetchone()
            cur.execute("SELECT setval(pg_get_serial_sequence(%s, %s), %s, %s)", (dst, column, last, called))

    def _update_scenario(self, row: dict) -> None:
        with self._transaction() as cur:
            self._check_current(cur)
            cur.execute(
                f"UPDATE {self._q(SCENARIOS_TABLE)} SET name = %s, description = %s, modified = %s"
                " WHERE scenario_id = %s",
                (row["name"], row["description"], row["modified"], row["scenario_id"]),
            )

    def _delete_scenario(self, scenario_id: str, tables: list[str]) -> None:
        import psycopg2

        try:
            with self._transaction() as cur:
                self._check_current(cur)
                for table in tables:
                    cur.execute(f"DROP TABLE IF EXISTS {self._q(table)}")
                cur.execute(f"DELETE FROM {self._q(SCENARIOS_TABLE)} WHERE scenario_id = %s", (scenario_id,))
                cur.execute(
                    f"UPDATE {self._q(META_TABLE)} SET value = %s WHERE key = %s AND value = %s",
                    (BASELINE, CURRENT_SCENARIO_KEY, scenario_id),
                )
        except psycopg2.Error as exc:
            raise ScenarioCopyError(path=self.path, scenario=scenario_id, reason=str(exc).strip()) from exc

    def _select(self, sql: str, args: tuple, keys: tuple[str, ...]) -> list[dict]:
        with self._transaction() as cur:
            cur.execute(sql, args)
            return [dict(zip(keys, r)) for r in cur.fetchall()]

    def drop(self) -> None:
        """Delete the whole plan schema (tests, or an administrator removing a plan)."""
        with self._transaction() as cur:
            cur.execute(f"DROP SCHEMA IF EXISTS {quote_ident(self.schema)} CASCADE")


class _PgDialect:
    placeholder = "%s"

    def __init__(self, cur, schema: str) -> None:
        self.cur = cur
        self.schema = schema

    def table_ref(self, layer: str) -> str:
        return f"{quote_ident(self.schema)}.{quote_ident(layer)}"

    def columns(self, layer: str) -> tuple[list[str], str | None]:
        self.cur.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = %s AND table_name = %s"
            " ORDER BY ordinal_position",
            (self.schema, layer),
        )
        names = [r[0] for r in self.cur.fetchall()]
        if not names:
            return [], None
        self.cur.execute(
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
            " AND a.attnum = ANY(i.indkey) WHERE i.indrelid = %s::regclass AND i.indisprimary",
            (self.table_ref(layer),),
        )
        pk = [r[0] for r in self.cur.fetchall()]
        return names, (pk[0] if len(pk) == 1 else None)

    def execute(self, sql: str, args: tuple = ()) -> list[tuple]:
        self.cur.execute(sql, args)
        return self.cur.fetchall() if self.cur.description is not None else []

    def lock_row(self) -> str:
        return " FOR UPDATE"

    def geometry_column(self, layer: str) -> tuple[str, int, str] | None:
        self.cur.execute(
            "SELECT f_geometry_column, srid, type FROM geometry_columns WHERE f_table_schema = %s"
            " AND f_table_name = %s",
            (self.schema, layer),
        )
        row = self.cur.fetchone()
        return None if row is None else (row[0], int(row[1]), str(row[2]).upper())

    def geometry_value(self, wkb: bytes | None, srid: int) -> tuple[str, object]:
        import psycopg2

        if wkb is None:
            return "%s", None
        return f"ST_GeomFromWKB(%s, {int(srid)})", psycopg2.Binary(wkb)

    def geometry_select(self, column: str) -> str:
        return f"ST_AsBinary({quote_ident(column)})"

    def read_geometry(self, value) -> bytes | None:
        return None if value is None else bytes(value)

    def insert(self, sql: str, args: tuple, pk: str) -> int:
        self.cur.execute(f"{sql} RETURNING {quote_ident(pk)}", args)
        return int(self.cur.fetchone()[0])

    def geometry_written(self, layer: str, wkbs) -> None:
        """PostGIS keeps its spatial index and extent itself."""
