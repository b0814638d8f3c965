"""The plan store: one GeoPackage per planning project holding every step's layers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

#: Version of the plan GeoPackage layout; bump with a migration when layers/fields change.
SCHEMA_VERSION = 1

#: Standard layer names, one set per workflow step.
WATERSHEDS = "watersheds"
STREAMS = "streams"
OUTLETS_SNAPPED = "outlets_snapped"
SMALL_WATERSHEDS = "small_watersheds"
SMALL_WATERSHED_STREAMS = "small_watershed_streams"


class PlanStore:
    """A plan GeoPackage chosen by the user (never a temporary file)."""

    def __init__(self, path: str | Path) -> None:
        path = Path(path)
        if path.suffix.lower() != ".gpkg":
            path = path.with_suffix(".gpkg")
        self.path = path

    def ensure(self) -> None:
        """Create the GeoPackage (if new) with its ``sbplanner_meta`` table; keep existing layers."""
        from osgeo import gdal, ogr

        gdal.UseExceptions()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.path.exists():
            ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(self.path))
            ds = None  # noqa: F841 - closes the file
        with sqlite3.connect(self.path) as con:
            con.execute("CREATE TABLE IF NOT EXISTS sbplanner_meta (key TEXT PRIMARY KEY, value TEXT)")
            con.execute(
                "INSERT OR IGNORE INTO sbplanner_meta (key, value) VALUES ('schema_version', ?)",
                (str(SCHEMA_VERSION),),
            )

    def schema_version(self) -> int | None:
        if not self.path.exists():
            return None
        with sqlite3.connect(self.path) as con:
            try:
                row = con.execute("SELECT value FROM sbplanner_meta WHERE key='schema_version'").fetchone()
            except sqlite3.OperationalError:
                return None
        return int(row[0]) if row else None

    def destination(self, layer_name: str) -> str:
        """Processing sink destination that (over)writes ``layer_name`` inside this GeoPackage."""
        return f"ogr:dbname='{self.path}' table=\"{layer_name}\" (geom)"

    def layer_uri(self, layer_name: str) -> str:
        return f"{self.path}|layername={layer_name}"

    def layers(self) -> list[str]:
        if not self.path.exists():
            return []
        with sqlite3.connect(self.path) as con:
            try:
                rows = con.execute("SELECT table_name FROM gpkg_contents ORDER BY table_name").fetchall()
            except sqlite3.OperationalError:
                return []
        return [r[0] for r in rows]
