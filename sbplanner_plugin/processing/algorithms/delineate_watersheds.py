"""``sbplanner:delineate_watersheds`` — one full upstream catchment per outlet."""

from __future__ import annotations

import numpy as np
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsWkbTypes,
)

from sbplanner_plugin.adapters.flow_cache import cached_conditioner
from sbplanner_plugin.adapters.raster import polygonize
from sbplanner_plugin.core.delineation import delineate, mask_window
from sbplanner_plugin.core.errors import EmptyOutletsError
from sbplanner_plugin.core.morphometry import WATERSHED_FIELDS
from sbplanner_plugin.processing.base import DOUBLE, INT, STRING, SbAlgorithm, cache_dir, progress_callback

#: Outlet-layer fields whose value becomes the watershed code (official codes are kept).
CODE_FIELDS = ("ws_code", "xlydm", "lydm", "code", "name")

WATERSHED_SPEC = (
    ("outlet_id", INT),
    ("ws_code", STRING),
    ("downstream_code", STRING),
    *tuple((f, DOUBLE) for f in WATERSHED_FIELDS),
)
STREAM_SPEC = (("ws_code", STRING), ("strahler", INT), ("length_km", DOUBLE))
OUTLET_SPEC = (
    ("outlet_id", INT),
    ("ws_code", STRING),
    ("orig_x", DOUBLE),
    ("orig_y", DOUBLE),
    ("snap_distance_m", DOUBLE),
    ("uparea_km2", DOUBLE),
)


def code_text(value: object) -> str | None:
    """An attribute value as a code: NULL/empty → None, 12.0 → '12'."""
    if value is None or str(value) in ("", "NULL"):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def segment_lines(segments, grid, code_of):
    """(LineString, attrs) rows of channel reaches; single-cell reaches have no line."""
    cols = grid.shape[1]
    for seg in segments:
        if seg.idxs.size < 2:
            continue
        x, y = grid.xy(seg.idxs // cols, seg.idxs % cols)
        yield (
            shapely.LineString(np.column_stack([x, y])),
            {
                "ws_code": code_of(seg),
                "strahler": seg.strahler,
                "length_km": seg.length_m / 1e3,
            },
        )


class DelineateWatersheds(SbAlgorithm):
    DEM = "DEM"
    OUTLETS = "OUTLETS"
    STREAM_THRESHOLD_KM2 = "STREAM_THRESHOLD_KM2"
    SNAP_DISTANCE_M = "SNAP_DISTANCE_M"
    OUTPUT_WATERSHEDS = "OUTPUT_WATERSHEDS"
    OUTPUT_STREAMS = "OUTPUT_STREAMS"
    OUTPUT_OUTLETS = "OUTPUT_OUTLETS"

    def name(self) -> str:
        return "delineate_watersheds"

    def displayName(self) -> str:
        return self.tr("Delineate watersheds from outlets")

    def shortHelpString(self) -> str:
        return self.tr(
            "Delineates the full upstream catchment of every outlet point on a DEM.\n\n"
            "The DEM is depression-filled (priority flood, Wang & Liu 2006) and D8 flow directions and "
            "upstream areas are derived with pyflwdir; the result is cached, so moving an outlet and "
            "running again takes about a second. Each outlet is snapped to the cell of largest upstream "
            "area within the snap distance (default 3 cells); the snapped outlets layer reports the "
            "original position and the distance moved, for review.\n\n"
            "Channels are cells whose upstream area reaches the stream threshold; they give the main "
            "channel length and slope (equal-area method), the gully density and the Strahler order.\n\n"
            "A DEM in a geographic CRS is reprojected to the CGCS2000 3° Gauss-Krüger zone (China) or "
            "UTM, and outputs are in that CRS. Outlets in another CRS are transformed."
        )

    def initAlgorithm(self, config=None) -> None:
        self.addParameter(QgsProcessingParameterRasterLayer(self.DEM, self.tr("DEM")))
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.OUTLETS, self.tr("Outlet points"), [QgsProcessing.SourceType.TypeVectorPoint]
            )
        )
        p = QgsProcessingParameterNumber(
            self.STREAM_THRESHOLD_KM2,
            self.tr("Stream threshold (km²)"),
            QgsProcessingParameterNumber.Type.Double,
            0.1,
            minValue=1e-6,
        )
        self.addParameter(p)
        p = QgsProcessingParameterNumber(
            self.SNAP_DISTANCE_M,
            self.tr("Outlet snap distance (m, 0 = 3 cells)"),
            QgsProcessingParameterNumber.Type.Double,
            0.0,
            minValue=0.0,
        )
        self.addParameter(p)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_WATERSHEDS, self.tr("Watersheds"), QgsProcessing.SourceType.TypeVectorPolygon
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_STREAMS, self.tr("Streams"), QgsProcessing.SourceType.TypeVectorLine
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_OUTLETS, self.tr("Snapped outlets"), QgsProcessing.SourceType.TypeVectorPoint
            )
        )

    def compute(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> dict:
        grid, _ = self.read_dem(parameters, self.DEM, context, feedback)
        crs = QgsCoordinateReferenceSystem.fromWkt(grid.crs_wkt)
        source = self.parameterAsSource(parameters, self.OUTLETS, context)
        if source is None:
            raise EmptyOutletsError()
        xform = QgsCoordinateTransform(source.sourceCrs(), crs, context.transformContext())
        names = [f.name() for f in source.fields()]
        code_field = next((n for n in names if n.lower() in CODE_FIELDS), None)
        xs, ys, codes = [], [], []
        for feat in source.getFeatures():
            geom = feat.geometry()
            if geom.isNull() or geom.isEmpty():
                continue
            geom.transform(xform)
            pts = [geom.asPoint()] if not geom.isMultipart() else geom.asMultiPoint()
            for pt in pts:
                xs.append(pt.x())
                ys.append(pt.y())
                codes.append(code_text(feat[code_field]) if code_field else None)
        if not xs:
            raise EmptyOutletsError()
        threshold = self.parameterAsDouble(parameters, self.STREAM_THRESHOLD_KM2, context)
        snap = self.parameterAsDouble(parameters, self.SNAP_DISTANCE_M, context)
        conditioner = cached_conditioner(cache_dir())
        result = delineate(
            grid, np.array(xs), np.array(ys), threshold, snap or None, conditioner, progress_callback(feedback)
        )
        if result.model.from_cache:
            feedback.pushInfo(self.tr("DEM conditioning reused from the cache."))
        codes = [c or f"WS{i + 1:03d}" for i, c in enumerate(codes)]
        snapped = result.snapped
        # the downstream watershed of an outlet is the smallest other watershed containing it
        downstream = []
        for i in range(len(codes)):
            holders = [
                (ws.attributes["area_km2"], j)
                for j, ws in enumerate(result.watersheds)
                if j != i and ws.mask[snapped.row[i], snapped.col[i]] and snapped.idx[j] != snapped.idx[i]
            ]
            downstream.append(codes[min(holders)[1]] if holders else None)
        rows = []
        lines = []
        for i, ws in enumerate(result.watersheds):
            window_mask, window_grid = mask_window(ws.mask, grid)
            poly = polygonize(window_mask.astype(np.int32), window_grid).get(1)
            attrs = {
                "outlet_id": i + 1,
                "ws_code": codes[i],
                "downstream_code": downstream[i],
                **ws.attributes.to_dict(),
            }
            rows.append((poly, attrs))
            lines.extend(segment_lines(ws.segments, grid, lambda _s, c=codes[i]: c))
            feedback.pushInfo(
                self.tr("{0}: {1:.4f} km², outlet moved {2:.1f} m").format(
                    codes[i], ws.attributes["area_km2"], snapped.distance_m[i]
                )
            )
        ws_sink, ws_dest = self.sink(
            parameters, self.OUTPUT_WATERSHEDS, context, WATERSHED_SPEC, QgsWkbTypes.Type.MultiPolygon, crs
        )
        self.write(
            ws_sink,
            WATERSHED_SPEC,
            ((shapely.multipolygons([p]) if p.geom_type == "Polygon" else p, a) for p, a in rows),
        )
        st_sink, st_dest = self.sink(
            parameters, self.OUTPUT_STREAMS, context, STREAM_SPEC, QgsWkbTypes.Type.LineString, crs
        )
        self.write(st_sink, STREAM_SPEC, lines)
        out_sink, out_dest = self.sink(
            parameters, self.OUTPUT_OUTLETS, context, OUTLET_SPEC, QgsWkbTypes.Type.Point, crs
        )
        self.write(
            out_sink,
            OUTLET_SPEC,
            (
                (
                    shapely.Point(snapped.x[i], snapped.y[i]),
                    {
                        "outlet_id": i + 1,
                        "ws_code": codes[i],
                        "orig_x": snapped.orig_x[i],
                        "orig_y": snapped.orig_y[i],
                        "snap_distance_m": snapped.distance_m[i],
                        "uparea_km2": snapped.uparea_km2[i],
                    },
                )
                for i in range(len(codes))
            ),
        )
        return {self.OUTPUT_WATERSHEDS: ws_dest, self.OUTPUT_STREAMS: st_dest, self.OUTPUT_OUTLETS: out_dest}
