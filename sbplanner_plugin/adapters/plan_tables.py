"""Plan tables the plugin creates itself, not through a Processing algorithm: e.g. the empty layers of
step 3 into which the designer digitises the point and line works (``works_points`` / ``works_lines``).

:func:`create_plan_table` creates one empty layer in a plan store in ONE transaction, so a plan never
holds half a table (a layer without its fields or without its spatial index):

- GeoPackage (:class:`~sbplanner_plugin.adapters.plan_store.PlanStore`): GDAL/OGR's GPKG driver inside
  a dataset transaction (``StartTransaction`` … ``CommitTransaction``), with the layout Processing
  writes into a plan (``fid`` primary key, ``geom`` column, R-tree index);
- PostGIS (:class:`~sbplanner_plugin.adapters.plan_store_postgis.PostgisPlanStore`): one PostgreSQL
  transaction (``CREATE TABLE`` with ``fid`` serial key and a typed ``geom`` column + GiST index); DDL
  is transactional there.

Field types are the named :class:`FieldType` constants, not Qt/OGR type numbers. The call is quick (an
empty table): the dock may run it on the UI thread. GDAL's process-wide exception mode is neither
assumed nor changed: return values are checked and GDAL's messages collected, not printed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum

from osgeo import gdal, ogr, osr
from qgis.core import QgsCoordinateReferenceSystem

from sbplanner_plugin.adapters.plan_store import PlanStoreError, quote_ident

#: Feature id and geometry column of every plan layer (as Processing writes them through ``destination``).
FID_COLUMN = "fid"
GEOMETRY_COLUMN = "geom"


class FieldType(Enum):
    """Attribute types of a plan table: (OGR field type, PostgreSQL column type)."""

    TEXT = (ogr.OFTString, "varchar")
    INTEGER = (ogr.OFTInteger64, "int8")
    REAL = (ogr.OFTReal, "float8")

    @property
    def ogr_type(self) -> int:
        return self.value[0]

    @property
    def sql_type(self) -> str:
        return self.value[1]


class GeometryType(Enum):
    """Geometry types of a plan table: (OGR geometry type, PostGIS type name)."""

    POINT = (ogr.wkbPoint, "Point")
    LINE = (ogr.wkbLineString, "LineString")
    POLYGON = (ogr.wkbPolygon, "Polygon")
    MULTIPOLYGON = (ogr.wkbMultiPolygon, "MultiPolygon")

    @property
    def ogr_type(self) -> int:
        return self.value[0]

    @property
    def postgis_type(self) -> str:
        return self.value[1]


@dataclass(frozen=True)
class PlanField:
    """One attribute of a plan table."""

    name: str
    type: FieldType = FieldType.TEXT


def text_fields(names: Iterable[str]) -> list[PlanField]:
    """Text fields named ``names`` (the works layers hold codes, names, statuses and notes)."""
    return [PlanField(name, FieldType.TEXT) for name in names]


def create_plan_table(
    store, name: str, fields: Iterable[PlanField], geometry_type: GeometryType, crs: QgsCoordinateReferenceSystem
) -> bool:
    """Create the empty layer ``name`` (``fid``, ``geom`` of ``geometry_type`` in ``crs``, ``fields``) in the
    plan ``store`` in one transaction. False when the plan already has a layer of that name (left as it is);
    raises :class:`PlanStoreError` when it cannot be created (nothing is left behind)."""
    fields = list(fields)
    _check(name, fields)
    if name in store.layers():
        return False
    # a store seen through a scenario (plan_store.ScenarioView): its own table of a step 3–5 layer
    table = store.table_name(name) if hasattr(store, "table_name") else name
    if getattr(store, "provider", "ogr") == "postgres":
        _create_postgis(store, table, fields, geometry_type, crs)
    else:
        _create_gpkg(store, table, fields, geometry_type, crs)
    return True


# -- GeoPackage ------------------------------------------------------------------------------------
@contextlib.contextmanager
def _quiet_gdal() -> Iterator[None]:
    """GDAL's messages go to ``gdal.GetLastErrorMsg()`` instead of stderr, for this block only."""
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    gdal.ErrorReset()
    try:
        yield
    finally:
        gdal.PopErrorHandler()


def _srs(crs: QgsCoordinateReferenceSystem) -> osr.SpatialReference | None:
    if crs is None or not crs.isValid():
        return None
    srs = osr.SpatialReference()
    if srs.ImportFromWkt(crs.toWkt(QgsCoordinateReferenceSystem.WktVariant.WKT_PREFERRED_GDAL)) != 0:
        return None
    return srs


def _create_gpkg(store, name: str, fields: list[PlanField], geometry_type: GeometryType, crs) -> None:
    with _quiet_gdal():
        try:
            _create_gpkg_layer(str(store.path), name, fields, geometry_type, _srs(crs))
        except RuntimeError as exc:  # GDAL in exception mode (set process-wide by someone else)
            raise PlanStoreError(path=str(store.path), reason=str(exc)) from exc
        except _OgrCallError as exc:
            raise PlanStoreError(path=str(store.path), reason=gdal.GetLastErrorMsg() or str(exc)) from exc


class _OgrCallError(Exception):
    """An OGR call returned an error code (GDAL not in exception mode); the message is GDAL's last one."""


def _create_gpkg_layer(path: str, name: str, fields: list[PlanField], geometry_type: GeometryType, srs) -> None:
    """The layer, its fields and its R-tree in one GeoPackage transaction. GDAL defers a new table's
    CREATE TABLE (and, by default, its spatial index until the dataset closes): both are forced here,
    inside the transaction, so a rollback leaves nothing for the close to do."""
    ds = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_UPDATE)
    if ds is None:
        raise _OgrCallError(path)
    if ds.StartTransaction() != ogr.OGRERR_NONE:
        raise _OgrCallError(name)
    layer = None
    try:
        options = [f"FID={FID_COLUMN}", f"GEOMETRY_NAME={GEOMETRY_COLUMN}", "SPATIAL_INDEX=NO"]
        layer = ds.CreateLayer(name, srs, geometry_type.ogr_type, options)
        if layer is None:
            raise _OgrCallError(name)
        for spec in fields:
            if layer.CreateField(ogr.FieldDefn(spec.name, spec.type.ogr_type)) != ogr.OGRERR_NONE:
                raise _OgrCallError(spec.name)
        if layer.SyncToDisk() != ogr.OGRERR_NONE:  # runs the deferred CREATE TABLE
            raise _OgrCallError(name)
        index = ds.ExecuteSQL(f"SELECT CreateSpatialIndex('{_sql_text(name)}', '{GEOMETRY_COLUMN}')")
        created = index is not None and index.GetNextFeature().GetField(0) == 1
        if index is not None:
            ds.ReleaseResultSet(index)
        if not created:
            raise _OgrCallError(name)
        if ds.CommitTransaction() != ogr.OGRERR_NONE:
            raise _OgrCallError(name)
    except BaseException:
        with contextlib.suppress(RuntimeError):
            ds.RollbackTransaction()
        raise
    finally:
        layer = None
        ds = None


def _sql_text(text: str) -> str:
    return text.replace("'", "''")


def _check(name: str, fields: list[PlanField]) -> None:
    """A programming error in a table definition (not a user's): empty or repeated names."""
    names = [FID_COLUMN, GEOMETRY_COLUMN, *(spec.name for spec in fields)]
    if not name or not all(names) or len({n.lower() for n in names}) != len(names):
        raise ValueError(f"bad plan table definition {name!r}: {names}")


# -- PostGIS ---------------------------------------------------------------------------------------
def _srid(crs: QgsCoordinateReferenceSystem) -> int:
    """The PostGIS SRID of ``crs``: its EPSG code (0 = unknown for a CRS without one)."""
    if crs is None or not crs.isValid() or not crs.authid().upper().startswith("EPSG:"):
        return 0
    return int(crs.postgisSrid())


def _create_postgis(store, name: str, fields: list[PlanField], geometry_type: GeometryType, crs) -> None:
    table = f"{quote_ident(store.schema)}.{quote_ident(name)}"
    columns = [
        f"{quote_ident(FID_COLUMN)} serial PRIMARY KEY",
        f"{quote_ident(GEOMETRY_COLUMN)} geometry({geometry_type.postgis_type}, {_srid(crs)})",
        *(f"{quote_ident(spec.name)} {spec.type.sql_type}" for spec in fields),
    ]
    index = quote_ident(f"{name}_{GEOMETRY_COLUMN}_geom_idx")
    con = store.connect()
    try:
        with con, con.cursor() as cur:  # one transaction: committed at the end, rolled back on an error
            cur.execute(f"CREATE TABLE {table} ({', '.join(columns)})")
            cur.execute(f"CREATE INDEX {index} ON {table} USING gist ({quote_ident(GEOMETRY_COLUMN)})")
    except Exception as exc:  # psycopg2.Error: the driver is imported by the store, not here
        raise PlanStoreError(path=store.path, reason=str(exc).strip()) from exc
    finally:
        con.close()
