"""One reader for every vector input: features → WKB in the DEM's CRS + attribute columns.

Every algorithm reads its vector inputs (parcels, boundaries, administrative units, outlets,
streams, watersheds) through :func:`read_features`, so they share one validity policy:

* a feature without a geometry (NULL or empty) is **skipped and counted** (``skipped_empty``);
* an invalid geometry (GEOS validity, ``QgsGeometry.isGeosValid``) is **repaired** with
  ``QgsGeometry.makeValid`` and counted (``repaired``); a repair keeps only the parts of the
  layer's own dimension (a polygon's repair that is a line or a point is not a polygon);
* a repaired geometry with nothing left of that dimension is **skipped and counted**
  (``collapsed``) — never written as a geometry of another type;
* a layer of another geometry type than the caller asks for (polygons given as streams, outlets
  …) is a translated :class:`WrongGeometryTypeError`, never read as if it were of that type;
* :func:`report` tells the user all three counts (translated, once each); nothing is dropped
  silently.

Plain OGR file layers already in the target CRS (no subset, selection, feature limit, joined or
virtual fields) are read column-wise through :func:`adapters.vector_io.read_layer` (~25× faster than
iterating QGIS features); anything else (PostGIS, memory layers, selections, CRS transforms) goes
through QGIS feature by feature with the same checks.
"""

from __future__ import annotations

import math
import os
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter

import numpy as np
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsFeatureRequest,
    QgsFeatureSource,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingFeedback,
    QgsProcessingUtils,
    QgsProviderRegistry,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QByteArray, QCoreApplication, QDate, QDateTime, QTime, QVariant

from sbplanner_plugin.adapters.vector_io import read_layer
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, SbPlannerError
from sbplanner_plugin.core.wkb import to_multipolygon

#: Dimension of each geometry kind a reader may ask for (shapely's get_dimensions).
DIMENSION = {"point": 0, "line": 1, "polygon": 2}
#: The QGIS geometry type of each kind, and its name in messages.
GEOMETRY_TYPE = {
    "point": QgsWkbTypes.GeometryType.PointGeometry,
    "line": QgsWkbTypes.GeometryType.LineGeometry,
    "polygon": QgsWkbTypes.GeometryType.PolygonGeometry,
}
KIND_NAME = {
    "point": QT_TRANSLATE_NOOP("SbPlannerErrors", "points"),
    "line": QT_TRANSLATE_NOOP("SbPlannerErrors", "lines"),
    "polygon": QT_TRANSLATE_NOOP("SbPlannerErrors", "polygons"),
}


class WrongGeometryTypeError(SbPlannerError):
    """A layer of another geometry type than the input needs (e.g. polygons given as stream lines)."""

    key = "wrong_geometry_type"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "The layer '{layer}' holds {found}; {expected} are needed here.")


class TruncatedInputError(SbPlannerError):
    """Fewer features could be read than the source holds (a damaged file read up to the damage)."""

    key = "truncated_input"
    # no trailing comma: pylupdate5 skips a QT_TRANSLATE_NOOP call that ends with one
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "Only {read} of the {count} features of '{source}' could be read: the file is damaged. "
        "Restore it from a backup (or repair it, e.g. with ogr2ogr) and run again."
    )  # fmt: skip


@dataclass
class FeatureColumns:
    """Features of one source in the target CRS, in feature order (only the kept ones)."""

    wkb: list = field(default_factory=list)  # geometry in the target CRS (repaired where invalid)
    ids: list = field(default_factory=list)  # source feature ids
    attrs: dict = field(default_factory=dict)  # field name → plain Python values (None = NULL)
    fields: list = field(default_factory=list)  # field names of the source, in source order
    repaired: int = 0  # invalid geometries repaired (and kept)
    skipped_empty: int = 0  # features without a geometry
    collapsed: int = 0  # repaired into nothing of the layer's dimension (skipped)
    source_count: int = 0  # features the source holds
    #: shapely geometries of ``wkb`` when the reader already made them (see :meth:`shapes`)
    _shapes: object = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.wkb)

    def shapes(self) -> np.ndarray:
        """``shapely.from_wkb(self.wkb)``, made once (the column-wise reader hands over the geometries it
        checked; they are made again if ``wkb`` was replaced or changed in length since)."""
        cached = self._shapes
        if cached is None or cached[0] is not self.wkb or len(cached[1]) != len(self.wkb):
            cached = (self.wkb, shapely.from_wkb(self.wkb) if self.wkb else np.zeros(0, dtype=object))
            self._shapes = cached
        return cached[1]

    def multi_wkb(self, rows: Sequence[int] | None = None) -> list:
        """The geometries (of ``rows``, default all) as their multi-part type (for a MultiPolygon /
        MultiLineString output); Polygons are wrapped without GEOS (``core.wkb.to_multipolygon``), other
        types through QGIS."""
        out = []
        for w in self.wkb if rows is None else take(self.wkb, rows):
            m = to_multipolygon(w)
            if m is w and not _is_multi(w):
                m = bytes(_multi(_from_wkb(w)).asWkb())
            out.append(m)
        return out

    def areas_m2(self) -> np.ndarray:
        return shapely.area(self.shapes()) if self.wkb else np.zeros(0)


def take(values: Sequence, rows: Sequence[int]) -> list:
    """``[values[i] for i in rows]``, at C speed (``operator.itemgetter``)."""
    if len(rows) == 0:
        return []
    if len(rows) == 1:
        return [values[rows[0]]]
    return list(itemgetter(*rows)(values))


def _from_wkb(wkb: bytes) -> QgsGeometry:
    geom = QgsGeometry()
    geom.fromWkb(wkb)
    return geom


#: WKB base type codes of multi-part geometries (MultiPoint, MultiLineString, MultiPolygon,
#: GeometryCollection, MultiCurve, MultiSurface): what ``QgsWkbTypes.isMultiType`` calls multi.
_MULTI_BASE_TYPES = frozenset((4, 5, 6, 7, 11, 12))


def _is_multi(wkb: bytes) -> bool:
    """Whether a WKB geometry is multi-part, from its header (no QGIS geometry is built: this runs
    once per feature of a MultiPolygon layer); QGIS decides for anything unusual."""
    if len(wkb) >= 5 and wkb[0] <= 1:
        (code,) = struct.unpack_from("<I" if wkb[0] == 1 else ">I", wkb, 1)
        # ISO Z/M/ZM codes (+1000/2000/3000) and the EWKB / OGR 2.5D flag bits alike
        return (code & 0x0FFFFFFF) % 1000 in _MULTI_BASE_TYPES
    return QgsWkbTypes.isMultiType(_from_wkb(wkb).wkbType())


def _multi(geom: QgsGeometry) -> QgsGeometry:
    geom.convertToMultiType()
    return geom


def plain_value(value):
    """A QGIS attribute value as a plain Python value (None for NULL)."""
    if isinstance(value, QVariant):
        return None if value.isNull() else plain_value(value.value())
    if isinstance(value, QDateTime):
        return value.toPyDateTime() if value.isValid() else None
    if isinstance(value, QDate):
        return value.toPyDate() if value.isValid() else None
    if isinstance(value, QTime):
        return value.toString("HH:mm:ss.zzz") if value.isValid() else None
    if isinstance(value, QByteArray):
        return bytes(value)
    return value


def is_identity(xform: QgsCoordinateTransform, extent=None) -> bool:
    """True when the transform leaves coordinates as they are: the same CRS, or two definitions of one
    CRS (e.g. EPSG:2415 and its WKT read from a GeoTIFF).

    Decided by the CRSs and, when they differ, by transforming probe points of ``extent`` (the
    layer's extent: corners and centre): every coordinate must come back unchanged to 1e-9 of its
    size. (PROJ's reported operation, ``instantiatedCoordinateOperationDetails``, is not used: in
    QGIS 3.22 it describes the last operation run, so it can read ``noop`` for a transform that
    has not run yet — the fast path then read streams and outlets in another CRS untransformed.)"""
    if xform.isShortCircuited():
        return True
    if xform.sourceCrs() == xform.destinationCrs():
        return True
    if extent is None or extent.isNull():
        probes = [QgsPointXY(0.0, 0.0)]
    else:
        probes = [
            QgsPointXY(extent.xMinimum(), extent.yMinimum()),
            QgsPointXY(extent.xMaximum(), extent.yMaximum()),
            QgsPointXY(extent.xMinimum(), extent.yMaximum()),
            QgsPointXY(extent.center()),
        ]
    try:
        for p in probes:
            q = xform.transform(p)
            for a, b in ((p.x(), q.x()), (p.y(), q.y())):
                if not (math.isfinite(b) and abs(a - b) <= 1e-9 * max(1.0, abs(a))):
                    return False
    except QgsCsException:
        return False
    return True


def _dimension_part(wkb: bytes, dimension: int) -> bytes | None:
    """The parts of a (repaired) geometry of ``dimension``, as WKB; None when there are none."""
    geom = shapely.from_wkb(wkb)
    if geom is None or shapely.is_empty(geom):
        return None
    if shapely.get_dimensions(geom) == dimension and shapely.get_type_id(geom) != 7:
        return wkb
    parts = [p for p in shapely.get_parts(geom) if shapely.get_dimensions(p) == dimension and not p.is_empty]
    if not parts:
        return None
    return shapely.to_wkb(parts[0] if len(parts) == 1 else shapely.union_all(parts))


def _repair(geom: QgsGeometry, dimension: int | None) -> bytes | None:
    repaired = geom.makeValid()
    if repaired.isNull() or repaired.isEmpty():
        return None
    wkb = bytes(repaired.asWkb())
    return wkb if dimension is None else _dimension_part(wkb, dimension)


def _file_layer(value, source: QgsFeatureSource, crs, context: QgsProcessingContext):
    """(path, layer name) when ``value`` is a plain OGR file layer in ``crs`` that may be read column-wise."""
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        if value.selectedFeaturesOnly or value.featureLimit >= 0 or getattr(value, "filterExpression", ""):
            return None
        value = value.source.valueAsString(context.expressionContext())[0]
    layer = value if isinstance(value, QgsVectorLayer) else QgsProcessingUtils.mapLayerFromString(str(value), context)
    if not isinstance(layer, QgsVectorLayer) or layer.providerType() != "ogr" or layer.subsetString():
        return None
    fields = layer.fields()
    if any(fields.fieldOrigin(i) != QgsFields.FieldOrigin.OriginProvider for i in range(fields.count())):
        return None
    if not is_identity(
        QgsCoordinateTransform(source.sourceCrs(), crs, context.transformContext()), source.sourceExtent()
    ):
        return None
    uri = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path = uri.get("path") or ""
    if not os.path.isfile(path) or uri.get("subset") or (uri.get("layerId") is not None and not uri.get("layerName")):
        return None
    return path, uri.get("layerName") or None


def _read_file(path: str, layer_name, source: QgsFeatureSource, dimension: int | None) -> FeatureColumns | None:
    """Column-wise read of a plain OGR layer; None when the fast path does not apply."""
    try:
        columns = read_layer(path, layer_name)
    except (RuntimeError, ValueError):
        return None
    values = dict(columns.values)
    if columns.fid_column:
        values.setdefault(columns.fid_column, columns.fids.tolist())
    names = source.fields().names()
    if any(name not in values for name in names) or len(columns) != source.featureCount():
        return None
    geoms = shapely.from_wkb(columns.wkb, on_invalid="ignore")  # None where GEOS cannot read it
    empty = shapely.is_empty(geoms).tolist()
    valid = shapely.is_valid(geoms).tolist()  # False for None
    out = FeatureColumns(fields=list(names), source_count=len(columns))
    keep = []
    for i, wkb in enumerate(columns.wkb):
        if wkb is None or (valid[i] and empty[i]):
            out.skipped_empty += 1
            continue
        if valid[i]:
            out.wkb.append(wkb)
            keep.append(i)
            continue
        geom = QgsGeometry()  # invalid: repaired exactly as on the QGIS path
        geom.fromWkb(wkb)
        if geom.isNull() or geom.isEmpty():
            out.skipped_empty += 1
            continue
        out.repaired += 1
        repaired = _repair(geom, dimension)
        if repaired is None:
            out.collapsed += 1
            continue
        out.wkb.append(repaired)
        keep.append(i)
    if len(keep) == len(columns) and not out.repaired:  # every feature kept as it is (the usual case)
        out.ids = columns.fids.tolist()
        out.attrs = {name: values[name] for name in names}
        out._shapes = (out.wkb, geoms)
    else:
        out.ids = columns.fids[keep].tolist()
        out.attrs = {name: take(values[name], keep) for name in names}
    return out


def read_features(
    source: QgsFeatureSource,
    crs: QgsCoordinateReferenceSystem,
    context: QgsProcessingContext,
    feedback: QgsProcessingFeedback | None = None,
    *,
    value=None,
    geometry: str | None = "polygon",
    fields: Iterable[str] | None = None,
) -> FeatureColumns:
    """Every feature of ``source`` with a geometry, transformed to ``crs``, with its attributes.

    ``value`` is the parameter value the source came from (enables the column-wise fast path for
    plain OGR files); ``geometry`` the kind the caller needs ("polygon", "line", "point"; None = any)
    — a layer of another kind is a :class:`WrongGeometryTypeError`, repairs keep only parts of that
    dimension. ``fields``: the attributes to keep (default all).
    Cancelling through ``feedback`` raises a translated ``QgsProcessingException``.
    """
    if geometry:
        check_geometry_type(source, geometry)
    if feedback is not None and not source.sourceCrs().isValid() and crs.isValid():
        # QGIS passes coordinates through a transform from no CRS unchanged: say that they are taken as the DEM's
        note = QCoreApplication.translate("SbPlannerFeatures", "The layer '{0}' has no coordinate reference system; its coordinates are taken as the DEM's ({1}).")  # noqa: E501
        feedback.pushWarning(note.format(source.sourceName(), crs.description() or crs.authid()))
    dimension = DIMENSION.get(geometry) if geometry else None
    out = None
    if value is not None:
        located = _file_layer(value, source, crs, context)
        if located is not None:
            out = _read_file(located[0], located[1], source, dimension)
    if out is None:
        out = _read_qgis(source, crs, context, feedback, dimension)
    check_complete(out, source, value, context)
    if fields is not None:
        wanted = [f for f in fields if f in out.attrs]
        out.attrs = {f: out.attrs[f] for f in wanted}
    return out


def check_complete(out: FeatureColumns, source: QgsFeatureSource, value, context: QgsProcessingContext) -> None:
    """Raise :class:`TruncatedInputError` when fewer features were read (kept + skipped) than the
    source says it holds: OGR stops at a damaged page of a GeoPackage with only a log message, so
    without this check a damaged file is analysed silently in part (149 of 584 parcels).
    An unknown count (-1) is not checked."""
    read = len(out) + out.skipped_empty + out.collapsed
    if 0 <= read < out.source_count:
        raise TruncatedInputError(read=read, count=out.source_count, source=source_label(value, source, context))


def source_label(value, source: QgsFeatureSource, context: QgsProcessingContext) -> str:
    """The file (or layer source) a parameter value names, for messages; the source's name otherwise."""
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        value = value.source.valueAsString(context.expressionContext())[0]
    layer = value if isinstance(value, QgsVectorLayer) else None
    if layer is None and value is not None:
        layer = QgsProcessingUtils.mapLayerFromString(str(value), context)
    if isinstance(layer, QgsVectorLayer):
        path = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source()).get("path")
        return path or layer.source()
    return source.sourceName()


def check_geometry_type(source: QgsFeatureSource, geometry: str) -> None:
    """Raise :class:`WrongGeometryTypeError` when ``source`` is a layer of points, lines or polygons
    other than ``geometry``; a layer of unknown or mixed type passes (its features are read as they are)."""
    found = next((kind for kind, t in GEOMETRY_TYPE.items() if t == QgsWkbTypes.geometryType(source.wkbType())), None)
    if found is not None and found != geometry:
        raise WrongGeometryTypeError(layer=source.sourceName(), found=KIND_NAME[found], expected=KIND_NAME[geometry])


def _read_qgis(source, crs, context, feedback, dimension: int | None) -> FeatureColumns:
    """Features through QGIS (any provider, selections, CRS transforms), one feature at a time."""
    xform = QgsCoordinateTransform(source.sourceCrs(), crs, context.transformContext())
    names = source.fields().names()
    out = FeatureColumns(fields=list(names), source_count=max(int(source.featureCount()), 0))
    rows = []
    # invalid geometries are repaired below, not rejected by Processing's default check
    request = QgsFeatureRequest().setInvalidGeometryCheck(QgsFeatureRequest.InvalidGeometryCheck.GeometryNoCheck)
    for feat in source.getFeatures(request, QgsProcessingFeatureSource.Flag.FlagSkipGeometryValidityChecks):
        if feedback is not None and feedback.isCanceled():
            raise QgsProcessingException(QCoreApplication.translate("SbPlannerFeatures", "Cancelled."))
        geom = feat.geometry()
        if geom.isNull() or geom.isEmpty():
            out.skipped_empty += 1
            continue
        if not geom.isGeosValid():
            out.repaired += 1
            wkb = _repair(geom, dimension)
            if wkb is None:
                out.collapsed += 1
                continue
            geom = QgsGeometry()
            geom.fromWkb(wkb)
        geom.transform(xform)
        out.wkb.append(bytes(geom.asWkb()))
        out.ids.append(feat.id())
        rows.append([plain_value(v) for v in feat.attributes()])
    columns = list(zip(*rows)) if rows else [()] * len(names)
    out.attrs = {name: list(values) for name, values in zip(names, columns)}
    return out


def report(features: FeatureColumns, feedback: QgsProcessingFeedback | None, what: str = "") -> None:
    """Tell the user, once each, how many geometries were repaired, skipped or collapsed.

    ``what`` names the input (already translated, e.g. "parcels"); empty for a generic wording."""
    if feedback is None:
        return
    name = what or QCoreApplication.translate("SbPlannerFeatures", "features")
    if features.repaired:
        feedback.pushWarning(
            QCoreApplication.translate("SbPlannerFeatures", "{0} invalid geometries of the {1} were repaired.").format(
                features.repaired, name
            )
        )
    if features.skipped_empty:
        feedback.pushWarning(
            QCoreApplication.translate("SbPlannerFeatures", "{0} {1} without a geometry were skipped.").format(
                features.skipped_empty, name
            )
        )
    if features.collapsed:
        feedback.pushWarning(
            QCoreApplication.translate(
                "SbPlannerFeatures", "{0} {1} were skipped: their repaired geometry is not of the layer's type."
            ).format(features.collapsed, name)
        )
