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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP
from sbplanner_plugin.core.gully import DepositMaterial, GullyParams, parse_deposit_materials, parse_gully_params
from sbplanner_plugin.core.landuse import (
    TABLE_2007,
    TABLE_2017,
    LanduseTable,
    parse_landuse_2007,
    parse_mapping,
    parse_soil_k,
)
from sbplanner_plugin.core.measures import (
    REFERENCE_TABLES,
    Catalogue,
    MeasureTableError,
    Rule,
    parse_catalogue,
    parse_rules,
    reference_codes,
)
from sbplanner_plugin.core.params import ParamSet, ParamTableError, load_params, parse_table, parse_table_lines
from sbplanner_plugin.core.quantities.dams import DAM_TABLE, parse_dam_params
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


def load_dam_params(path: str | os.PathLike | None = None) -> dict[str, float]:
    """The dam-works defaults of ``dam_params.csv`` (see ``core.quantities.dams.parse_dam_params``): the
    explicit file, else the user's edited copy, else the bundled table."""
    path = table_path(DAM_TABLE, path)
    return parse_dam_params(path.name, read_text(path))


def load_deposit_materials(path: str | os.PathLike) -> dict[str, DepositMaterial]:
    """The deposit gradients i′ by material of ``gully_deposit_gradient.csv`` at ``path`` (see
    ``core.gully.parse_deposit_materials``); ``table_path(DEPOSIT_TABLE)`` finds the user's copy or ours."""
    return parse_deposit_materials(Path(path).name, read_text(path))


def landuse_table(mapping_path: str | os.PathLike | None = None, params: ParamSet | None = None) -> LanduseTable:
    """The land-use resolver of ``params`` (default: the plugin's) with an optional user mapping file
    and the GB/T 21010-2007 / 二调 table (``landuse_gbt21010_2007.csv``: the user's copy, else bundled)."""
    params = params or load_plugin_params()
    mapping = read_mapping(mapping_path) if mapping_path else None
    path_2007 = table_path(TABLE_2007)
    classes_2007 = parse_landuse_2007(TABLE_2007, read_text(path_2007), params.landuse)
    files = {TABLE_2017: params.files.get(TABLE_2017, TABLE_2017), TABLE_2007: describe(path_2007)}
    if mapping_path:
        files = {name: f"{text} + {describe(mapping_path)}" for name, text in files.items()}
    return LanduseTable(params.landuse, mapping, classes_2007, files=files)


# --- measure tables
CATALOGUE_FILE = "measures.csv"
RULES_FILE = "assignment_rules.csv"


def _measure_table_text(path: Path) -> str:
    try:
        return read_text(path)
    except ParamTableError as exc:  # a file that cannot be read is a measure-table problem too
        if isinstance(exc, MeasureTableError):
            raise
        raise MeasureTableError(**exc.params) from None


def measure_references(directory: str | os.PathLike) -> dict[str, set[str]] | None:
    """The codes ``csle_ref`` may name, from e_factor.csv / t_factor.csv / b_factor.csv in ``directory``;
    None unless all three are there."""
    directory = Path(directory)
    texts = {}
    for factor, (name, _column) in REFERENCE_TABLES.items():
        if not (directory / name).is_file():
            return None
        texts[factor] = _measure_table_text(directory / name)
    return reference_codes(texts)


def plugin_measure_references(params: ParamSet | None = None) -> dict[str, set[str]]:
    """The codes ``csle_ref`` may name in the parameter set the plugin uses (default: bundled + overrides)."""
    params = params or load_plugin_params()
    return {"E": set(params.e_factor), "T": set(params.t_factor), "B": set(params.b_rules)}


def load_catalogue(path: str | os.PathLike, references: Mapping[str, Iterable[str]] | None = None) -> Catalogue:
    """Read and check the measure catalogue file (``core.measures.parse_catalogue``), with its path and sha1.

    ``references`` ("E"/"T"/"B" → codes ``csle_ref`` may name); by default the factor tables next to
    ``path`` (when all three exist, see :func:`measure_references`)."""
    path = Path(path)
    refs = references if references is not None else measure_references(path.parent)
    catalogue = parse_catalogue(path.name, _measure_table_text(path), refs)
    catalogue.path = str(path)
    catalogue.sha1 = hashlib.sha1(path.read_bytes(), usedforsecurity=False).hexdigest()[:10]
    return catalogue


def load_rules(path: str | os.PathLike, catalogue: Catalogue) -> list[Rule]:
    """Read and check the assignment rules file against ``catalogue`` (``core.measures.parse_rules``)."""
    path = Path(path)
    return parse_rules(path.name, _measure_table_text(path), catalogue)


@dataclass(frozen=True)
class MeasureTables:
    """The measure catalogue and the assignment rules of one run, with the files they came from."""

    catalogue: Catalogue
    rules: list[Rule]
    catalogue_path: Path
    rules_path: Path


def load_measure_tables(
    catalogue_file: str | os.PathLike | None = None, rules_file: str | os.PathLike | None = None
) -> MeasureTables:
    """The tables ``sbplanner:assign_measures`` uses: the explicit files, else the user's edited copies,
    else the bundled tables; ``csle_ref`` is checked against the plugin's parameter set."""
    catalogue_path = table_path(CATALOGUE_FILE, catalogue_file)
    rules_path = table_path(RULES_FILE, rules_file)
    catalogue = load_catalogue(catalogue_path, plugin_measure_references())
    return MeasureTables(catalogue, load_rules(rules_path, catalogue), catalogue_path, rules_path)


# --- step 4: terrace tables
BENCH_WIDTH_TABLE = "terrace_bench_widths.csv"
LABOUR_TABLE = "labour_norms.csv"


def load_bench_widths(path: str | os.PathLike | None = None):
    """``terrace_bench_widths.csv`` (the user's copy first): recommended B by slope band."""
    from sbplanner_plugin.core.quantities.terrace import parse_bench_widths

    path = table_path(BENCH_WIDTH_TABLE, path)
    return parse_bench_widths(Path(path).name, read_text(path))


def load_labour_norms(path: str | os.PathLike | None = None):
    """``labour_norms.csv`` (the user's copy first): 工日 per unit of a quantity item, per measure."""
    from sbplanner_plugin.core.quantities.terrace import parse_labour_norms

    path = table_path(LABOUR_TABLE, path)
    return parse_labour_norms(Path(path).name, read_text(path))


# --- step 4: investment tables
INVESTMENT_TABLES = {
    "prices": "unit_prices.csv",
    "rates": "cost_rates.csv",
    "independent": "independent_costs.csv",
    "funding": "funding_shares.csv",
    "params": "investment_params.csv",
}


def load_investment_tables(explicit: dict | None = None):
    """The five investment tables (an explicit path per key of :data:`INVESTMENT_TABLES`, else the user's copy,
    else the bundled one) as a ``core.investment.InvestmentTables``."""
    from sbplanner_plugin.core import investment as inv

    paths = {k: table_path(name, (explicit or {}).get(k)) for k, name in INVESTMENT_TABLES.items()}
    text = {k: read_text(p) for k, p in paths.items()}
    params = inv.parse_investment_params(paths["params"].name, text["params"])
    return inv.InvestmentTables(
        prices=inv.parse_unit_prices(paths["prices"].name, text["prices"]),
        rates=inv.parse_cost_rates(paths["rates"].name, text["rates"]),
        independent=inv.parse_independent_costs(paths["independent"].name, text["independent"]),
        funding=inv.parse_funding_shares(paths["funding"].name, text["funding"]),
        basic_contingency_pct=params.get("basic_contingency_pct", 3.0),
        price_contingency_pct=params.get("price_contingency_pct", 0.0),
        files={k: str(p) for k, p in paths.items()},
    )


QUANTITY_TABLE = "quantity_params.csv"


def load_quantity_params(path: str | os.PathLike | None = None) -> dict[str, float]:
    """``quantity_params.csv`` (the user's copy first): the quantity rules of the non-terrace measures."""
    from sbplanner_plugin.core.quantities.measures import parse_quantity_params

    path = table_path(QUANTITY_TABLE, path)
    return parse_quantity_params(Path(path).name, read_text(path))


def user_params_dir() -> Path:
    """The user's override folder (:func:`params_override_dir`), created when missing."""
    env = os.environ.get("SBPLANNER_PARAMS_DIR")
    if env:
        path = Path(env)
    else:
        from qgis.core import QgsApplication

        path = Path(QgsApplication.qgisSettingsDirPath()) / "sbplanner" / "params"
    path.mkdir(parents=True, exist_ok=True)
    return path


def save_table_edits(
    name: str,
    key_column: str,
    edits: Mapping[str, Mapping[str, str]],
    note: str,
    check: Callable[[Path], object] | None = None,
) -> Path:
    """Write the user's copy of table ``name`` with ``edits`` ({row key: {column: new text}}) applied.

    The copy starts from the table in use (the user's copy, else the bundled one) and keeps every other row
    and column as it is; an edited row's ``source`` gets ``note`` in front (so the table says who changed
    what, and when). The new table is written beside the copy under the same file name in a temporary
    folder, handed to ``check`` (a reader that raises on a bad value), and only then swapped in: a refused
    value or a crash leaves the previous copy (or none) as it was. Returns the path of the copy.
    """
    import csv
    import io
    import shutil
    import tempfile

    text = read_text(table_path(name))
    reader = csv.DictReader(io.StringIO(text))
    header = list(reader.fieldnames or [])
    rows = list(reader)
    found = {row.get(key_column, ""): row for row in rows}
    for key, columns in edits.items():
        row = found.get(key)
        if row is None:
            raise ParamTableError(
                file=name, line=0, column=key_column,
                problem=QT_TRANSLATE_NOOP("SbPlannerErrors", "no such row"),
            )  # fmt: skip
        changed = False
        for column, value in columns.items():
            if column not in header:
                raise ParamTableError(
                    file=name, line=0, column=column,
                    problem=QT_TRANSLATE_NOOP("SbPlannerErrors", "no such column"),
                )  # fmt: skip
            if row[column] != value:
                row[column], changed = value, True
        if changed and "source" in header and not (row["source"] or "").startswith(note):
            row["source"] = f"{note}; {row['source']}" if row.get("source") else note
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    folder = user_params_dir()
    staging = Path(tempfile.mkdtemp(prefix=".edit-", dir=folder))
    try:
        candidate = staging / name
        candidate.write_text(out.getvalue(), encoding="utf-8")
        if check is not None:
            check(candidate)
        os.replace(candidate, folder / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return folder / name


def reset_table(name: str) -> bool:
    """Remove the user's copy of ``name`` (the bundled table is used again); False when there was none."""
    override = params_override_dir()
    if override is None or not (override / name).is_file():
        return False
    (override / name).unlink()
    return True


def load_layout_params(path: str | os.PathLike | None = None) -> dict[str, float]:
    """``layout_params.csv`` (the user's copy first): the smoothing settings of the terrace layout
    (see ``core.quantities.layout.parse_layout_params``)."""
    from sbplanner_plugin.core.quantities.layout import LAYOUT_TABLE, parse_layout_params

    path = table_path(LAYOUT_TABLE, path)
    return parse_layout_params(Path(path).name, read_text(path))


# --- step 5: ranking tables (urgency of small watersheds, priority of sloping farmland)
def load_indicators(name: str, computed, path: str | os.PathLike | None = None) -> list:
    """An indicator table (``urgency_indicators.csv`` / ``farmland_priority_indicators.csv``): the explicit
    file, else the user's copy, else the bundled one (see ``core.ranking.parse_indicators``)."""
    from sbplanner_plugin.core.ranking import parse_indicators

    path = table_path(name, path)
    return parse_indicators(Path(path).name, read_text(path), computed)


def load_ranking_params(path: str | os.PathLike | None = None) -> dict[str, float]:
    """``ranking_params.csv`` (the user's copy first): targets, AHP limit, stability and farmland defaults."""
    from sbplanner_plugin.core.ranking import RANKING_PARAMS_TABLE, parse_ranking_params

    path = table_path(RANKING_PARAMS_TABLE, path)
    return parse_ranking_params(Path(path).name, read_text(path))


def load_random_index(path: str | os.PathLike | None = None) -> dict[int, float]:
    """``ahp_random_index.csv`` (the user's copy first): Saaty's random consistency index by matrix order."""
    from sbplanner_plugin.core.ranking import RANDOM_INDEX_TABLE, parse_random_index

    path = table_path(RANDOM_INDEX_TABLE, path)
    return parse_random_index(Path(path).name, read_text(path))


def read_ahp_matrix(path: str | os.PathLike):
    """A user's AHP pairwise comparison matrix CSV (see ``core.ranking.parse_ahp_matrix``)."""
    from sbplanner_plugin.core.ranking import parse_ahp_matrix

    return parse_ahp_matrix(Path(path).name, read_text(path))


# --- step 5: benefit tables
def load_benefit_tables(explicit: Mapping[str, str | os.PathLike | None] | None = None):
    """The benefit tables of ``core.benefits.TABLE_NAMES`` (benefit_timing.csv, runoff_reduction.csv,
    sediment_trapping.csv, benefit_prices.csv, swc_targets.csv): an explicit path per table name, else the user's
    copy, else the bundled one, as a ``core.benefits.BenefitTables`` (with what each was read from)."""
    from sbplanner_plugin.core import benefits

    paths = {name: table_path(name, (explicit or {}).get(name)) for name in benefits.TABLE_NAMES}
    texts = {name: read_text(path) for name, path in paths.items()}
    return benefits.parse_tables(texts, {name: describe(path) for name, path in paths.items()})
