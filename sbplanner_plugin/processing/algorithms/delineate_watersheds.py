"""``sbplanner:delineate_watersheds`` — one full upstream catchment per outlet.

Reads the outlets, runs :func:`sbplanner_plugin.core.delineation.delineate_outlets` and writes the
watersheds, their streams and the snapped outlets.
"""

from __future__ import annotations

import numpy as np
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsWkbTypes,
)

from sbplanner_plugin.adapters.features import read_features, report
from sbplanner_plugin.adapters.flow_cache import cached_conditioner
from sbplanner_plugin.adapters.raster import polygonize
from sbplanner_plugin.core.delineation import OutletInputs, delineate_outlets
from sbplanner_plugin.core.errors import EmptyOutletsError
from sbplanner_plugin.core.morphometry import WATERSHED_FIELDS
from sbplanner_plugin.core.outlet_review import PROBLEMS
from sbplanner_plugin.processing.base import (
    DOUBLE,
    INT,
    STREAM_SPEC,
    STRING,
    SbAlgorithm,
    cache_dir,
    progress_callback,
)

WATERSHED_SPEC = (
    ("outlet_id", INT),
    ("ws_code", STRING),
    ("downstream_code", STRING),
    *tuple((f, DOUBLE) for f in WATERSHED_FIELDS),
)
OUTLET_SPEC = (
    ("outlet_id", INT),
    ("ws_code", STRING),
    ("orig_x", DOUBLE),
    ("orig_y", DOUBLE),
    ("snap_distance_m", DOUBLE),
    ("uparea_km2", DOUBLE),
    ("fixed", INT),
    ("snap_check", STRING),
    ("channel_uparea_km2", DOUBLE),
    ("stream_threshold_km2", DOUBLE),
)
SNAP_LINE_SPEC = (
    ("outlet_id", INT),
    ("ws_code", STRING),
    ("snap_distance_m", DOUBLE),
    ("snap_check", STRING),
)


class DelineateWatersheds(SbAlgorithm):
    DEM = "DEM"
    OUTLETS = "OUTLETS"
    STREAM_THRESHOLD_KM2 = "STREAM_THRESHOLD_KM2"
    SNAP_DISTANCE_M = "SNAP_DISTANCE_M"
    OUTPUT_WATERSHEDS = "OUTPUT_WATERSHEDS"
    OUTPUT_STREAMS = "OUTPUT_STREAMS"
    OUTPUT_OUTLETS = "OUTPUT_OUTLETS"
    OUTPUT_SNAP_LINES = "OUTPUT_SNAP_LINES"

    def name(self) -> str:
        return "delineate_watersheds"

    def displayName(self) -> str:
        return self.tr("Delineate watersheds from outlets")

    def shortHelpString(self) -> str:
        return self.tr(
            "Delineates the full upstream catchment of every outlet point on a DEM.\n\n"
            "The DEM is depression-filled (priority flood, Wang & Liu 2006) and D8 flow directions and "
            "upstream areas are derived in the same pass (SBPlanner's own engine, tested against pyflwdir); "
            "the result is cached, so moving an outlet and "
            "running again takes about a second. Each outlet is snapped to the cell of largest upstream "
            "area within the snap distance (default 3 cells); the snapped outlets layer reports the "
            "original position and the distance moved, for review. An outlet whose field \"fixed\" is 1 is not "
            "snapped. Each snap is checked (field snap_check): tiny (the snapped catchment is smaller than the "
            "stream threshold: the outlet is on no channel), crossed_ridge (the clicked point does not drain to "
            "the snapped one), other_channel (a channel joined on the way and the catchment is 1.5 times "
            "or more that of the channel the click drains to), along_channel, onto_channel or not_moved (fine). The "
            "optional snap lines join each original point to its snapped outlet.\n\n"
            "Channels are cells whose upstream area reaches the stream threshold; they give the main "
            "channel length and slope (equal-area method), the drainage density (河网密度, "
            "drainage_density_km_per_km2, with stream_threshold_km2; gully_density_km_per_km2 is its old name — it "
            "is not a surveyed 沟壑密度) and the Strahler order.\n\n"
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
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_SNAP_LINES,
                self.tr("Snap lines (original → snapped outlet)"),
                QgsProcessing.SourceType.TypeVectorLine,
                optional=True,
                createByDefault=False,
            )
        )

    def compute(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> dict:
        grid, _ = self.read_dem(parameters, self.DEM, context, feedback)
        crs = QgsCoordinateReferenceSystem.fromWkt(grid.crs_wkt)
        source = self.parameterAsSource(parameters, self.OUTLETS, context)
        if source is None:
            raise EmptyOutletsError()
        outlets = read_features(source, crs, context, feedback, value=parameters.get(self.OUTLETS), geometry="point")
        report(outlets, feedback, self.tr("outlets"))
        inputs = OutletInputs(
            grid,
            outlets.wkb,
            outlets.attrs,
            self.parameterAsDouble(parameters, self.STREAM_THRESHOLD_KM2, context),
            self.parameterAsDouble(parameters, self.SNAP_DISTANCE_M, context),
        )
        result = delineate_outlets(
            inputs, conditioner=cached_conditioner(cache_dir()), progress=progress_callback(feedback)
        )
        if result.model.from_cache:
            feedback.pushInfo(self.tr("DEM conditioning reused from the cache."))
        rows = []
        for attrs, (mask, window), (_, outlet) in zip(result.watersheds, result.windows, result.outlets):
            poly = polygonize(mask.astype(np.int32), window).get(1)
            rows.append((shapely.multipolygons([poly]) if poly.geom_type == "Polygon" else poly, attrs))
            feedback.pushInfo(
                self.tr("{0}: {1:.4f} km², outlet moved {2:.1f} m").format(
                    attrs["ws_code"], attrs["area_km2"], outlet["snap_distance_m"]
                )
            )
            if outlet["snap_check"] in PROBLEMS:
                warning = self.tr("{0}: review this outlet (snap_check = {1}).")
                feedback.pushWarning(warning.format(attrs["ws_code"], outlet["snap_check"]))
        wkb = QgsWkbTypes.Type
        ws_dest, _ = self.write_sink(
            parameters, self.OUTPUT_WATERSHEDS, context, WATERSHED_SPEC, wkb.MultiPolygon, crs, rows
        )
        st_dest, _ = self.write_sink(
            parameters, self.OUTPUT_STREAMS, context, STREAM_SPEC, wkb.LineString, crs, result.streams
        )
        out_dest, _ = self.write_sink(
            parameters, self.OUTPUT_OUTLETS, context, OUTLET_SPEC, wkb.Point, crs, result.outlets
        )
        results = {self.OUTPUT_WATERSHEDS: ws_dest, self.OUTPUT_STREAMS: st_dest, self.OUTPUT_OUTLETS: out_dest}
        if parameters.get(self.OUTPUT_SNAP_LINES) is not None:
            results[self.OUTPUT_SNAP_LINES], _ = self.write_sink(
                parameters, self.OUTPUT_SNAP_LINES, context, SNAP_LINE_SPEC, wkb.LineString, crs, result.snap_lines
            )
        return results
