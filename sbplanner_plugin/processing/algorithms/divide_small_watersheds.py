"""``sbplanner:divide_small_watersheds`` — small watersheds with topology and admin sub-units.

Burns the boundary and administrative layers on the DEM, runs
:func:`sbplanner_plugin.core.division.divide_watersheds` and writes the units and their streams.
"""

from __future__ import annotations

import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsWkbTypes,
)

from sbplanner_plugin.adapters.features import read_features, report
from sbplanner_plugin.adapters.flow_cache import cached_conditioner
from sbplanner_plugin.adapters.raster import polygonize, rasterize
from sbplanner_plugin.core.division import DivisionInputs, Zones, divide_watersheds
from sbplanner_plugin.core.grid import Grid
from sbplanner_plugin.core.morphometry import WATERSHED_FIELDS
from sbplanner_plugin.processing.base import (
    DOUBLE,
    STREAM_SPEC,
    STRING,
    SbAlgorithm,
    cache_dir,
    progress_callback,
)

UNIT_SPEC = (
    ("ws_code", STRING),
    ("downstream_code", STRING),
    ("parent_code", STRING),
    ("unit_type", STRING),
    ("admin_code", STRING),
    *tuple((f, DOUBLE) for f in WATERSHED_FIELDS),
)


class DivideSmallWatersheds(SbAlgorithm):
    DEM = "DEM"
    BOUNDARY = "BOUNDARY"
    ADMIN = "ADMIN"
    ADMIN_FIELD = "ADMIN_FIELD"
    MAX_AREA_KM2 = "MAX_AREA_KM2"
    MIN_AREA_KM2 = "MIN_AREA_KM2"
    STREAM_THRESHOLD_KM2 = "STREAM_THRESHOLD_KM2"
    OUTPUT_WATERSHEDS = "OUTPUT_WATERSHEDS"
    OUTPUT_STREAMS = "OUTPUT_STREAMS"
    plan_layers = ((OUTPUT_WATERSHEDS, "small_watersheds"), (OUTPUT_STREAMS, "small_watershed_streams"))

    def name(self) -> str:
        return "divide_small_watersheds"

    def displayName(self) -> str:
        return self.tr("Divide into small watersheds (SL 653)")

    def shortHelpString(self) -> str:
        return self.tr(
            "Divides a DEM, or the part inside a boundary (a catchment, a county), into small watersheds "
            "of at most the maximum area (SL 653-2013: normally ≤ 50 km²).\n\n"
            "Micro-watersheds of every channel reach are aggregated from upstream to downstream; when a "
            "unit would exceed the maximum area its largest tributaries become small watersheds of their "
            "own (headwater units) and the rest forms inter-basins (区间). Units smaller than the minimum "
            "area are merged into the downstream unit or the neighbour sharing the longest boundary. "
            "Units crossing an administrative boundary are split into sub-units (亚单元, code suffix -1, "
            "-2 …). Every unit records its downstream unit.\n\n"
            "Codes are provisional (SW001 … numbered from the outlet upstream); when the boundary layer "
            "carries an official code field (ws_code, XLYDM, LYDM, code) it is kept as parent_code and "
            "prefixes the unit codes."
        )

    def initAlgorithm(self, config=None) -> None:
        self.addParameter(QgsProcessingParameterRasterLayer(self.DEM, self.tr("DEM")))
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.BOUNDARY,
                self.tr("Boundary (catchment or county)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.ADMIN,
                self.tr("Administrative areas (split into sub-units)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.ADMIN_FIELD,
                self.tr("Administrative name/code field"),
                parentLayerParameterName=self.ADMIN,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MAX_AREA_KM2,
                self.tr("Maximum small-watershed area (km²)"),
                QgsProcessingParameterNumber.Type.Double,
                50.0,
                minValue=1e-6,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MIN_AREA_KM2,
                self.tr("Minimum area; smaller residual units are merged (km²)"),
                QgsProcessingParameterNumber.Type.Double,
                1.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.STREAM_THRESHOLD_KM2,
                self.tr("Stream threshold (km²)"),
                QgsProcessingParameterNumber.Type.Double,
                0.1,
                minValue=1e-6,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_WATERSHEDS, self.tr("Small watersheds"), QgsProcessing.SourceType.TypeVectorPolygon
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_STREAMS, self.tr("Small-watershed streams"), QgsProcessing.SourceType.TypeVectorLine
            )
        )

    def compute(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> dict:
        grid, _ = self.read_dem(parameters, self.DEM, context, feedback)
        crs = QgsCoordinateReferenceSystem.fromWkt(grid.crs_wkt)
        inputs = DivisionInputs(
            grid,
            self.parameterAsDouble(parameters, self.STREAM_THRESHOLD_KM2, context),
            self.parameterAsDouble(parameters, self.MAX_AREA_KM2, context),
            self.parameterAsDouble(parameters, self.MIN_AREA_KM2, context),
            boundary=self._zones(parameters, self.BOUNDARY, context, feedback, grid, self.tr("boundaries")),
            admin=self._zones(parameters, self.ADMIN, context, feedback, grid, self.tr("administrative areas")),
            admin_field=self.parameterAsString(parameters, self.ADMIN_FIELD, context) or None,
        )
        result = divide_watersheds(
            inputs, conditioner=cached_conditioner(cache_dir()), progress=progress_callback(feedback)
        )
        polys = polygonize(result.labels, grid)
        rows = []
        for uid, rec in result.table.iterrows():
            poly = polys.get(int(uid))
            if poly is not None:
                rows.append((shapely.multipolygons([poly]) if poly.geom_type == "Polygon" else poly, rec.to_dict()))
        wkb = QgsWkbTypes.Type
        ws_dest, _ = self.write_sink(
            parameters, self.OUTPUT_WATERSHEDS, context, UNIT_SPEC, wkb.MultiPolygon, crs, rows
        )
        st_dest, _ = self.write_sink(
            parameters, self.OUTPUT_STREAMS, context, STREAM_SPEC, wkb.LineString, crs, result.streams
        )
        feedback.pushInfo(
            self.tr("{0} small watersheds, {1:.3f} km² in total").format(len(rows), result.table["area_km2"].sum())
        )
        return {self.OUTPUT_WATERSHEDS: ws_dest, self.OUTPUT_STREAMS: st_dest}

    def _zones(self, parameters, key, context, feedback, grid: Grid, what: str) -> Zones | None:
        """A polygon input burnt on the DEM (feature position + 1 on the cells whose centre it holds)."""
        source = self.parameterAsSource(parameters, key, context)
        if source is None:
            return None
        crs = QgsCoordinateReferenceSystem.fromWkt(grid.crs_wkt)
        features = read_features(source, crs, context, feedback, value=parameters.get(key), geometry="polygon")
        report(features, feedback, what)
        labels = rasterize([(wkb, k) for k, wkb in enumerate(features.wkb, start=1)], grid)
        return Zones(labels, features.attrs, list(features.ids))
