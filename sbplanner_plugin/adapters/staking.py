"""Staking files for setting out in the field (放样): the terrace-layout stakes as CSV and as GPX 1.1.

Both are written atomically (a temporary file in the destination folder, then ``os.replace``): a failed
run never leaves a half-written file, and an existing file is replaced only by a complete one.
Coordinates are reprojected with ``QgsCoordinateTransform``; the GPX is written with the standard
library's XML (GPX 1.1, waypoints in WGS 84).
"""

from __future__ import annotations

import contextlib
import csv
import io
import math
import os
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pandas as pd
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsPointXY,
)

from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, SbPlannerError

WGS84 = "EPSG:4326"
GPX_NS = "http://www.topografix.com/GPX/1/1"
#: Columns of the staking CSV, in this order. easting / northing are in the output CRS (GIS order:
#: x = east, y = north — not the X = north of Chinese surveying), lon / lat in WGS 84.
CSV_COLUMNS = (
    "name",
    "easting",
    "northing",
    "elevation_m",
    "lon",
    "lat",
    "parcel_id",
    "ws_code",
    "level",
    "line_id",
    "chainage_m",
    "level_elevation_m",
    "dz_m",
)


class StakeFileError(SbPlannerError):
    key = "stake_file"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "The staking file '{path}' cannot be written: {reason}")


class StakeTransformError(SbPlannerError):
    key = "stake_transform"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "The stakes cannot be transformed from {source} to {target}: {reason}"
    )


def reproject_xy(
    x: np.ndarray,
    y: np.ndarray,
    source: QgsCoordinateReferenceSystem,
    target: QgsCoordinateReferenceSystem,
    transform_context: QgsCoordinateTransformContext,
) -> tuple[np.ndarray, np.ndarray]:
    """Points from ``source`` to ``target`` (unchanged when the two are the same CRS)."""
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if source == target:
        return x.copy(), y.copy()
    xform = QgsCoordinateTransform(source, target, transform_context)
    if not (source.isValid() and target.isValid() and xform.isValid()):
        # QGIS returns the points unchanged through an invalid transform: never write those as lon / lat
        raise StakeTransformError(source=source.authid() or source.description(), target=target.authid(),
                                  reason="invalid coordinate reference system or transform")  # fmt: skip
    out = np.empty((len(x), 2))
    try:
        for i, (a, b) in enumerate(zip(x.tolist(), y.tolist())):
            p = xform.transform(QgsPointXY(a, b))
            out[i] = (p.x(), p.y())
    except QgsCsException as exc:
        raise StakeTransformError(source=source.authid() or source.description(), target=target.authid(),
                                  reason=str(exc)) from exc  # fmt: skip
    return out[:, 0], out[:, 1]


def _write_atomic(path: str | os.PathLike, data: bytes) -> None:
    target = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    except OSError as exc:
        raise StakeFileError(path=str(target), reason=exc.strerror or str(exc)) from exc
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise StakeFileError(path=str(target), reason=exc.strerror or str(exc)) from exc


def _number(value, decimals: int) -> str:
    if value is None:
        return ""
    value = float(value)
    return "" if not math.isfinite(value) else f"{round(value, decimals) + 0.0:.{decimals}f}"  # no "-0.000"


def _text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def write_stakes_csv(
    path: str | os.PathLike,
    stakes: pd.DataFrame,
    source: QgsCoordinateReferenceSystem,
    target: QgsCoordinateReferenceSystem,
    transform_context: QgsCoordinateTransformContext,
) -> int:
    """The stakes (``core.quantities.layout.STAKE_COLUMNS``, x / y in ``source``) as a CSV of
    :data:`CSV_COLUMNS`: easting / northing in ``target`` (mm; 1e-8° if geographic), lon / lat in WGS 84
    (1e-8°), elevations in m (mm). UTF-8 without BOM, comma-separated, one header line. Returns the rows."""
    east, north = reproject_xy(stakes["x"], stakes["y"], source, target, transform_context)
    lon, lat = reproject_xy(stakes["x"], stakes["y"], source, QgsCoordinateReferenceSystem(WGS84), transform_context)
    xy_decimals = 8 if target.isGeographic() else 3
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for j, row in enumerate(stakes.itertuples(index=False)):
        writer.writerow((
            _text(row.name), _number(east[j], xy_decimals), _number(north[j], xy_decimals),
            _number(row.elevation_m, 3), _number(lon[j], 8), _number(lat[j], 8), _text(row.parcel_id),
            _text(row.ws_code), _text(row.level), _text(row.line_id), _number(row.chainage_m, 2),
            _number(row.level_elevation_m, 3), _number(row.dz_m, 3),
        ))  # fmt: skip
    _write_atomic(path, buffer.getvalue().encode("utf-8"))
    return len(stakes)


def write_stakes_gpx(
    path: str | os.PathLike,
    stakes: pd.DataFrame,
    source: QgsCoordinateReferenceSystem,
    transform_context: QgsCoordinateTransformContext,
    title: str = "",
) -> int:
    """The stakes as GPX 1.1 waypoints in WGS 84: ``lat`` / ``lon`` (1e-8°), ``<ele>`` the DEM elevation
    (in the DEM's height datum, e.g. 1985 国家高程基准 — not the ellipsoidal height some receivers expect),
    ``<name>`` ``parcel-level-chainage``, ``<desc>`` the level, dz and chainage. Returns the waypoints."""
    lon, lat = reproject_xy(stakes["x"], stakes["y"], source, QgsCoordinateReferenceSystem(WGS84), transform_context)
    ET.register_namespace("", GPX_NS)
    q = lambda tag: f"{{{GPX_NS}}}{tag}"  # noqa: E731
    root = ET.Element(q("gpx"), {"version": "1.1", "creator": "SBPlanner"})
    meta = ET.SubElement(root, q("metadata"))
    ET.SubElement(meta, q("name")).text = title or "SBPlanner terrace stakes"
    for j, row in enumerate(stakes.itertuples(index=False)):
        wpt = ET.SubElement(root, q("wpt"), {"lat": f"{lat[j]:.8f}", "lon": f"{lon[j]:.8f}"})
        if row.elevation_m is not None and math.isfinite(float(row.elevation_m)):
            ET.SubElement(wpt, q("ele")).text = f"{float(row.elevation_m):.3f}"
        ET.SubElement(wpt, q("name")).text = str(row.name)
        ET.SubElement(wpt, q("desc")).text = (
            f"level_elevation_m={_number(row.level_elevation_m, 3)}; dz_m={_number(row.dz_m, 3)}; "
            f"chainage_m={_number(row.chainage_m, 2)}; parcel_id={row.parcel_id}; level={row.level}"
        )
        ET.SubElement(wpt, q("type")).text = "terrace_stake"
    ET.indent(root)
    data = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    _write_atomic(path, data + b"\n")
    return len(stakes)
