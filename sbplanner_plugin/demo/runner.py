"""What the ``make demo`` cases share: running an algorithm headless, reading plan tables, writing CSV.

Not part of the shipped plugin (``sbplanner_plugin/demo`` is left out by ``make stage``). QGIS is imported
inside the functions: the caller starts QGIS first (``run_demo._start_qgis``).
"""

from __future__ import annotations

import csv
import sys
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

#: Every CSV the demo writes: UTF-8 with a byte-order mark, so Excel opens the Chinese names correctly
#: (Python's csv / pandas read it back with encoding "utf-8-sig").
CSV_ENCODING = "utf-8-sig"


def feedback():
    from qgis.core import QgsProcessingFeedback

    class PrintFeedback(QgsProcessingFeedback):
        """Echo the algorithm log to the terminal (a headless run has no log panel)."""

        def pushInfo(self, info: str) -> None:
            print(f"    {info}")

        def pushWarning(self, warning: str) -> None:
            print(f"    WARNING: {warning}")

        def reportError(self, error: str, fatalError: bool = False) -> None:  # noqa: N803
            print(f"    ERROR: {error}", file=sys.stderr)

    return PrintFeedback()


def run(algorithm: str, parameters: dict) -> dict:
    """``processing.run`` with the parameters and the log printed, and the time taken."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProject

    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    print(f"\n▶ {algorithm}")
    for key, value in parameters.items():
        print(f"    {key} = {value}")
    started = time.perf_counter()
    result = processing.run(algorithm, parameters, context=context, feedback=feedback())
    print(f"  done in {time.perf_counter() - started:.1f} s")
    return result


def algorithm_available(algorithm_id: str) -> bool:
    from qgis.core import QgsApplication

    return QgsApplication.processingRegistry().algorithmById(algorithm_id) is not None


def vector(uri: str, name: str):
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(uri, name, "ogr")
    if not layer.isValid():
        raise RuntimeError(f"cannot open result layer {uri}")
    return layer


def table_rows(uri: str, name: str) -> list[dict]:
    """The attributes of every feature (NULL → None), in feature order (a GeoPackage layer's ``fid`` among them)."""
    layer = vector(uri, name)
    names = layer.fields().names()
    rows = []
    for feature in layer.getFeatures():
        row = {}
        for field in names:
            value = feature[field]
            row[field] = None if value is None or str(value) == "NULL" else value
        rows.append(row)
    return rows


def read_factors(path: Path) -> dict[str, dict]:
    """The rows of a case's ``demo_factors.csv`` by key (value, unit, source, confidence); {} when it is missing."""
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return {row["key"]: row for row in csv.DictReader(stream)}


def write_csv(rows: Iterable[Mapping], path: Path, fieldnames: Iterable[str] | None = None) -> None:
    """Rows as a CSV (:data:`CSV_ENCODING`); the columns are ``fieldnames`` or every key in order of appearance."""
    rows = list(rows)
    names: list[str] = list(fieldnames or [])
    if not names:
        for row in rows:
            names.extend(k for k in row if k not in names)
    from sbplanner_plugin.adapters.atomic_outputs import replacing

    with replacing(path) as temp, temp.open("w", newline="", encoding=CSV_ENCODING) as stream:
        writer = csv.DictWriter(stream, fieldnames=names, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in names})
