"""Parameter tables on disk: the bundled ``resources/params`` folder and the user's override folder.

The core parses and checks tables it is handed as text (``core.params.parse_table``,
``core.landuse.parse_mapping`` …); this adapter finds and opens the files. A user edits a copy in
the override folder (``$SBPLANNER_PARAMS_DIR`` or ``<QGIS profile>/sbplanner/params``, same file
name); the copy replaces the bundled table as a whole. Every read is recorded with its path and a
short hash so the log and the plan say exactly which table was used.

QGIS is imported only to find the profile folder, and only when no ``$SBPLANNER_PARAMS_DIR`` is set,
so unit tests and the batch CLI use this module without QGIS.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP
from sbplanner_plugin.core.gully import GullyParams, parse_gully_params
from sbplanner_plugin.core.landuse import LanduseTable, parse_mapping, parse_soil_k
from sbplanner_plugin.core.params import ParamSet, ParamTableError, load_params, parse_table, parse_table_lines
from sbplanner_plugin.paths import resources_path


def bundled_dir() -> Path:
    """The tables shipped with the plugin (``resources/params``)."""
    return resources_path("params")


def params_override_dir() -> Path | None:
    """The user's edited parameter tables: ``$SBPLANNER_PARAMS_DIR`` or ``<profile>/sbplanner/params``;
    None when that folder does not exist."""
    env = os.environ.get("SBPLANNER_PARAMS_DIR")
    if env:
        path = Path(env)
    else:
        try:
            from qgis.core import QgsApplication
        except ImportError:  # no QGIS (unit tests, batch CLI): bundled tables only
            return None
        path = Path(QgsApplication.qgisSettingsDirPath()) / "sbplanner" / "params"
    return path if path.is_dir() else None


def table_path(name: str, explicit: str | os.PathLike | None = None) -> Path:
    """An explicit file, else the user's edited copy in the override folder, else the bundled table."""
    if explicit:
        return Path(explicit)
    override = params_override_dir()
    if override is not None and (override / name).is_file():
        return override / name
    return bundled_dir() / name


def read_text(path: str | os.PathLike) -> str:
    """A CSV table's text (UTF-8, with or without BOM); a :class:`ParamTableError` naming the file otherwise."""
    path = Path(path)
    try:
        return path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ParamTableError(file=path.name, line=0, column="", problem=str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise ParamTableError(
            file=path.name, line=0, column="", problem=QT_TRANSLATE_NOOP("SbPlannerErrors", "not UTF-8 text")
        ) from exc


def describe(path: str | os.PathLike) -> str:
    """``<path> (sha1 <10 hex>)`` of a table file, for the log and the plan's parameter record."""
    path = Path(path)
    if not path.is_file():
        return str(path)
    digest = hashlib.sha1(path.read_bytes(), usedforsecurity=False).hexdigest()[:10]
    return f"{path} (sha1 {digest})"


def read_table(path: str | os.PathLike, schema: dict, provenance: bool = True) -> list[dict]:
    """Open and check one table file (see ``core.params.parse_table``)."""
    return parse_table(Path(path).name, read_text(path), schema, provenance)


def read_table_lines(path: str | os.PathLike, schema: dict, provenance: bool = True) -> list[tuple[int, dict]]:
    """:func:`read_table` with each row's line number."""
    return parse_table_lines(Path(path).name, read_text(path), schema, provenance)


class ParamFiles:
    """The ``core.params.TableReader`` of a bundled folder and an optional override folder."""

    def __init__(self, default_dir: Path | None = None, override_dir: Path | None = None) -> None:
        self.default_dir = Path(default_dir) if default_dir is not None else bundled_dir()
        self.override_dir = override_dir

    def path(self, name: str) -> Path:
        if self.override_dir is not None and (self.override_dir / name).is_file():
            return self.override_dir / name
        return self.default_dir / name

    def text(self, name: str) -> str:
        return read_text(self.path(name))

    def describe(self, name: str) -> str:
        return describe(self.path(name))


def load_param_set(default_dir: Path | None = None, override_dir: Path | None = None) -> ParamSet:
    """The parameter set from ``default_dir`` (default: bundled) with ``override_dir``'s copies."""
    return load_params(ParamFiles(default_dir, override_dir))


def load_plugin_params() -> ParamSet:
    """The parameter set the plugin uses: bundled tables, replaced by the user's edited copies."""
    return load_param_set(None, params_override_dir())


def read_mapping(path: str | os.PathLike) -> dict[str, str]:
    """A user land-use code mapping CSV (columns ``code``, ``gbt21010_code``)."""
    return parse_mapping(Path(path).name, read_text(path))


def read_soil_k(path: str | os.PathLike) -> dict[str, float]:
    """A soil type → K table CSV (columns ``soil_code``, ``k_factor``)."""
    return parse_soil_k(Path(path).name, read_text(path))


# --- gully-works table
def load_gully_params(path: str | os.PathLike) -> GullyParams:
    """The gully-works defaults of ``gully_works.csv`` at ``path`` (see ``core.gully.parse_gully_params``);
    ``table_path(GULLY_TABLE)`` finds the user's copy or the bundled one."""
    return parse_gully_params(Path(path).name, read_text(path))


def landuse_table(mapping_path: str | os.PathLike | None = None, params: ParamSet | None = None) -> LanduseTable:
    """The land-use resolver of ``params`` (default: the plugin's) with an optional user mapping file."""
    params = params or load_plugin_params()
    mapping = read_mapping(mapping_path) if mapping_path else None
    return LanduseTable(params.landuse, mapping)
