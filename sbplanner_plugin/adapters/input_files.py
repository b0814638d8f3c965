"""Why an input file that exists cannot be loaded: opened with GDAL / OGR ourselves, so the user reads
the real cause ("not a supported file format", "database disk image is malformed", a truncated
TIFF …) instead of QGIS' "could not load source layer … not found" for a file that is there."""

from __future__ import annotations

import os

from osgeo import gdal

from sbplanner_plugin.adapters.gdal_errors import gdal_exceptions
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, SbPlannerError


class UnreadableRasterFileError(SbPlannerError):
    key = "unreadable_raster_file"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "The file '{path}' exists but is not a readable raster: {reason}")


class UnreadableVectorFileError(SbPlannerError):
    key = "unreadable_vector_file"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "The file '{path}' exists but is not a readable vector layer: {reason}"
    )


#: Reason given when GDAL / OGR raise nothing more specific.
NO_REASON = QT_TRANSLATE_NOOP("SbPlannerErrors", "GDAL cannot open it (damaged file or unsupported format)")


def file_path(value: str) -> str:
    """The file of a layer source string ("parcels.gpkg|layername=x" → "parcels.gpkg")."""
    return str(value).split("|", 1)[0].strip()


def unreadable_file(value, kind: str) -> SbPlannerError | None:
    """The error to report for ``value`` (a path or OGR source string) when it names an existing file
    that GDAL (``kind`` "raster") or OGR ("vector") cannot open or read; None when it is no existing
    file or opens fine (then the cause lies elsewhere)."""
    path = file_path(value)
    if not path or not os.path.isfile(path):
        return None
    error = UnreadableRasterFileError if kind == "raster" else UnreadableVectorFileError
    try:
        with gdal_exceptions():
            reason = _raster_problem(path) if kind == "raster" else _vector_problem(path)
    except RuntimeError as exc:
        reason = str(exc).strip() or NO_REASON
    return None if reason is None else error(path=path, reason=reason)


def _raster_problem(path: str):
    ds = gdal.OpenEx(path, gdal.OF_RASTER)
    if ds is None or ds.RasterCount < 1:
        return NO_REASON
    band = ds.GetRasterBand(1)
    band.ReadRaster(0, ds.RasterYSize - 1, ds.RasterXSize, 1)  # the last row: a truncated file fails here
    return None


def _vector_problem(path: str):
    ds = gdal.OpenEx(path, gdal.OF_VECTOR)
    if ds is None or ds.GetLayerCount() < 1:
        return NO_REASON
    for i in range(ds.GetLayerCount()):
        layer = ds.GetLayer(i)
        layer.GetFeatureCount()
        layer.ResetReading()
        layer.GetNextFeature()
    return None
