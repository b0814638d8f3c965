"""``sbplanner:divide_small_watersheds`` — small watersheds with topology and admin sub-units."""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsFeatureSource,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingFeatureSource,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsWkbTypes,
)

from sbplanner_plugin.adapters.raster import polygonize, rasterize
from sbplanner_plugin.core.definitions import code_text
from sbplanner_plugin.core.delineation import CODE_FIELDS, segment_lines
from sbplanner_plugin.core.division import divide
from sbplanner_plugin.core.errors import EmptyBoundaryError
from sbplanner_plugin.core.grid import Grid
from sbplanner_plugin.core.morphometry import WATERSHED_FIELDS
from sbplanner_plugin.processing.base import DOUBLE, STREAM_SPEC, STRING, SbAlgorithm, cache_dir, progress_callback

UNIT_SPEC = (
    ("ws_code", STRING),
    ("downstream_code", STRING),
    ("parent_code", STRING),
    ("unit_type", STRING),
    ("admin_code", STRING),
    *tuple((f, DOUBLE) for f in WATERSHED_FIELDS),
)


def burn(
    source: QgsFeatureSource, grid: Grid, context: QgsProcessingContext, values: list | None = None
) -> tuple[np.ndarray, list]:
    """Rasterise a polygon source onto the grid: feature k (1-based) → k; returns attribute values too."""
    crs = QgsCoordinateReferenceSystem.fromWkt(grid.crs_wkt)
    xform = QgsCoordinateTransform(source.sourceCrs(), crs, context.transformContext())
    pairs, attrs = [], []
    # invalid polygons are repaired here rather than rejected by Processing's default check
    request = QgsFeatureRequest().setInvalidGeometryCheck(QgsFeatureRequest.InvalidGeometryCheck.GeometryNoCheck)
    for feat in source.getFeatures(request, QgsProcessingFeatureSource.Flag.FlagSkipGeometryValidityChecks):
        geom = feat.geometry()
        if geom.isNull() or geom.isEmpty():
            continue
        if not geom.isGeosValid():
            geom = geom.makeValid()
        geom.transform(xform)
        attrs.append(feat)
        pairs.append((bytes(geom.asWkb()), len(attrs)))
    return rasterize(pairs, grid), attrs


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
        domain = None
        parent_codes: dict[int, str] = {}
        boundary_raster = None
        boundary = self.parameterAsSource(parameters, self.BOUNDARY, context)
        if boundary is not None:
            boundary_raster, feats = burn(boundary, grid, context)
            domain = boundary_raster > 0
            if not feats or not domain.any():
                raise EmptyBoundaryError()
            names = [f.name() for f in boundary.fields()]
            code_field = next((n for n in names if n.lower() in CODE_FIELDS[:4]), None)
            if code_field:
                for k, f in enumerate(feats, start=1):
                    if code_text(f[code_field]):
                        parent_codes[k] = code_text(f[code_field])
        admin = None
        admin_names: dict[int, str] = {}
        admin_source = self.parameterAsSource(parameters, self.ADMIN, context)
        if admin_source is not None:
            admin, feats = burn(admin_source, grid, context)
            field = self.parameterAsString(parameters, self.ADMIN_FIELD, context)
            for k, f in enumerate(feats, start=1):
                admin_names[k] = str(f[field]) if field else str(f.id())
        result = divide(
            grid,
            self.parameterAsDouble(parameters, self.STREAM_THRESHOLD_KM2, context),
            self.parameterAsDouble(parameters, self.MAX_AREA_KM2, context),
            self.parameterAsDouble(parameters, self.MIN_AREA_KM2, context),
            domain=domain,
            admin=admin,
            admin_names=admin_names,
            cache_dir=cache_dir(),
            progress=progress_callback(feedback),
        )
        table = result.table.copy()
        table["parent_code"] = None
        if boundary_raster is not None and parent_codes:
            owner = pd.Series(boundary_raster.ravel()).groupby(result.labels.ravel()).agg(lambda s: s.mode().iat[0])
            table["parent_code"] = [parent_codes.get(int(owner.get(u, 0))) for u in table.index]
            renamed = {
                old: (f"{parent}-{old}" if parent else old)
                for old, parent in zip(table["ws_code"], table["parent_code"])
            }
            table["ws_code"] = table["ws_code"].map(renamed)
            table["downstream_code"] = table["downstream_code"].map(lambda c: renamed.get(c) if c else None)
        polys = polygonize(result.labels, grid)
        code_of_unit = table["ws_code"].to_dict()
        ws_sink, ws_dest = self.sink(
            parameters, self.OUTPUT_WATERSHEDS, context, UNIT_SPEC, QgsWkbTypes.Type.MultiPolygon, crs
        )
        rows = []
        for uid, rec in table.iterrows():
            poly = polys.get(int(uid))
            if poly is None:
                continue
            rows.append((shapely.multipolygons([poly]) if poly.geom_type == "Polygon" else poly, rec.to_dict()))
        self.write(ws_sink, UNIT_SPEC, rows)
        st_sink, st_dest = self.sink(
            parameters, self.OUTPUT_STREAMS, context, STREAM_SPEC, QgsWkbTypes.Type.LineString, crs
        )
        self.write(st_sink, STREAM_SPEC, segment_lines(result.segments, grid, lambda s: code_of_unit.get(s.label)))
        feedback.pushInfo(
            self.tr("{0} small watersheds, {1:.3f} km² in total").format(len(rows), table["area_km2"].sum())
        )
        return {self.OUTPUT_WATERSHEDS: ws_dest, self.OUTPUT_STREAMS: st_dest}
