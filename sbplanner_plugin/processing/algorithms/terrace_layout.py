"""``sbplanner:terrace_layout`` — terrace edge lines (梯田定线) and staking points for the field (step 4).

Reads the terraced parcels of ``sbplanner:terrace_quantities`` and the DEM, runs
:func:`sbplanner_plugin.core.quantities.layout.terrace_lines` and writes the lines, the stakes, and the
stakes as CSV and GPX for a GNSS receiver.
"""

from __future__ import annotations

import numpy as np
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsWkbTypes,
)

from sbplanner_plugin.adapters.features import is_identity, read_features
from sbplanner_plugin.adapters.param_files import load_layout_params
from sbplanner_plugin.adapters.staking import reproject_xy, write_stakes_csv, write_stakes_gpx
from sbplanner_plugin.core.definitions import to_number
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, SbPlannerError
from sbplanner_plugin.core.quantities import layout as core
from sbplanner_plugin.processing.base import DOUBLE, INT, STRING, SbAlgorithm, _clean, progress_callback

LINE_SPEC = (
    ("line_id", INT), ("parcel_fid", INT), ("parcel_id", INT), ("ws_code", STRING), ("level", INT), ("piece", INT),
    ("elevation_m", DOUBLE), ("riser_height_m", DOUBLE), ("length_m", DOUBLE), ("closed", INT),
    ("tightest_radius_m", DOUBLE), ("max_offset_m", DOUBLE), ("max_dz_m", DOUBLE), ("stake_count", INT),
)  # fmt: skip
STAKE_SPEC = (
    ("stake_id", INT), ("name", STRING), ("line_id", INT), ("parcel_fid", INT), ("parcel_id", INT),
    ("ws_code", STRING), ("level", INT), ("chainage_m", DOUBLE), ("x", DOUBLE), ("y", DOUBLE),
    ("elevation_m", DOUBLE), ("level_elevation_m", DOUBLE), ("dz_m", DOUBLE),
)  # fmt: skip


class NotTerracedParcelsError(SbPlannerError):
    key = "not_terraced_parcels"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The parcel layer has no riser_height_m field: it is not an output of Terrace quantities. Use the plan's terrace_quantities layer (step 4, Terrace quantities)."  # noqa: E501
    )  # fmt: skip


class TerraceLayout(SbAlgorithm):
    PARCELS = "PARCELS"
    DEM = "DEM"
    MIN_RADIUS_M = "MIN_RADIUS_M"
    STAKE_SPACING_M = "STAKE_SPACING_M"
    MIN_LENGTH_M = "MIN_LENGTH_M"
    OUTPUT_LINES = "OUTPUT_LINES"
    OUTPUT_STAKES = "OUTPUT_STAKES"
    OUTPUT_CSV = "OUTPUT_CSV"
    OUTPUT_GPX = "OUTPUT_GPX"
    LINE_COUNT = "LINE_COUNT"
    STAKE_COUNT = "STAKE_COUNT"
    PARCEL_COUNT = "PARCEL_COUNT"
    plan_layers = ((OUTPUT_LINES, "terrace_lines"), (OUTPUT_STAKES, "terrace_stakes"))

    group_id = "quantities"

    def group(self) -> str:
        return self.tr("4 · Quantities and investment")

    def name(self) -> str:
        return "terrace_layout"

    def displayName(self) -> str:
        return self.tr("Terrace layout lines and staking (梯田定线放样)")

    def shortHelpString(self) -> str:
        return self.tr(
            "Inside every terraced parcel of Terrace quantities, the terrace edge lines along the DEM contours "
            "at the parcel's riser height H: levels z0 + k·H (k = 1, 2, …), z0 the parcel's lowest DEM "
            "elevation, traced by marching squares on the DEM cell centres and clipped to the parcel. "
            "Unsuitable parcels and parcels without a riser height get no lines.\n\n"
            "大弯就势、小弯取直 (GB 51018-2014 6.1.2): bends tighter than the minimum radius R are straightened, "
            "the others rounded with arcs of radius R (drawn in chords of at most 5°, layout_params.csv). "
            "Guaranteed: no vertex turns more than one chord and the circle through any three consecutive "
            "vertices has a radius of at least R. A straightened line leaves the contour: max_offset_m (from "
            "the contour) and max_dz_m (DEM elevation off the level) say by how much. Lines shorter than the "
            "minimum length are dropped; closed contours smaller than a circle of radius R (small hill tops) too.\n\n"
            "Each line runs with the slope rising on its left. Stakes every N m and at the end of each line: x, "
            "y, elevation_m (DEM, bilinear), level_elevation_m (the line's level), dz_m, chainage_m, name "
            "parcel-level-chainage (e.g. 12-3-40). CSV: easting, northing in the parcel layer's CRS (x east, y north) "
            "and lon, lat in WGS 84. GPX 1.1: waypoints in WGS 84, ele = the DEM elevation in the DEM's height "
            "datum (not ellipsoidal: check the receiver's setting)."
        )

    def initAlgorithm(self, config=None) -> None:
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.PARCELS,
                self.tr("Terraced parcels (step 4: terrace_quantities)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
            )
        )
        self.addParameter(QgsProcessingParameterRasterLayer(self.DEM, self.tr("DEM")))
        number = QgsProcessingParameterNumber.Type.Double
        for key, label, default in (
            (self.MIN_RADIUS_M, self.tr("Minimum radius R of the terrace lines (m)"), 10.0),
            (self.STAKE_SPACING_M, self.tr("Stake spacing N along the lines (m)"), 10.0),
            (self.MIN_LENGTH_M, self.tr("Minimum line length (m; shorter pieces are dropped)"), 10.0),
        ):
            self.addParameter(QgsProcessingParameterNumber(key, label, number, default))
        for key, label, kind in (
            (self.OUTPUT_LINES, self.tr("Terrace lines"), QgsProcessing.SourceType.TypeVectorLine),
            (self.OUTPUT_STAKES, self.tr("Staking points"), QgsProcessing.SourceType.TypeVectorPoint),
        ):
            self.addParameter(QgsProcessingParameterFeatureSink(key, label, kind, optional=key == self.OUTPUT_STAKES))
        for key, label, extension in (
            (self.OUTPUT_CSV, self.tr("Staking points as CSV"), "CSV files (*.csv)"),
            (self.OUTPUT_GPX, self.tr("Staking points as GPX (GNSS receivers)"), "GPX files (*.gpx)"),
        ):
            self.addParameter(
                QgsProcessingParameterFileDestination(key, label, extension, optional=True, createByDefault=False)
            )
        for key, label in (
            (self.LINE_COUNT, self.tr("Terrace lines")),
            (self.STAKE_COUNT, self.tr("Staking points")),
            (self.PARCEL_COUNT, self.tr("Parcels laid out")),
        ):
            self.addOutput(QgsProcessingOutputNumber(key, label))

    def compute(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> dict:
        settings = core.settings_from(load_layout_params(), **{
            name: self.parameterAsDouble(parameters, key, context) for name, key in (
                ("min_radius_m", self.MIN_RADIUS_M), ("stake_spacing_m", self.STAKE_SPACING_M),
                ("min_length_m", self.MIN_LENGTH_M))
        })  # fmt: skip
        settings.validate()
        source = self.parameterAsSource(parameters, self.PARCELS, context)
        if source is None or "riser_height_m" not in source.fields().names():
            raise NotTerracedParcelsError()
        grid, _ = self.read_dem(parameters, self.DEM, context, feedback)
        crs = QgsCoordinateReferenceSystem.fromWkt(grid.crs_wkt)
        parcels = read_features(source, crs, context, feedback, value=parameters.get(self.PARCELS))
        result = core.terrace_lines(
            core.LayoutInputs(
                grid=grid,
                parcel_ids=self._ids(parcels),
                geometries=list(shapely.from_wkb(parcels.wkb)) if parcels.wkb else [],
                riser_height_m=np.array([to_number(v) for v in parcels.attrs["riser_height_m"]], dtype=np.float64),
                suitability=parcels.attrs.get("suitability"),
                ws_codes=parcels.attrs.get("ws_code"),
                settings=settings,
            ),
            progress_callback(feedback),
        )
        fids = np.asarray(parcels.ids, dtype=np.int64)
        target = QgsCoordinateReferenceSystem(source.sourceCrs())
        outputs = {self.OUTPUT_LINES: self._write_lines(parameters, context, result, fids, crs, target)}
        if parameters.get(self.OUTPUT_STAKES) is not None:
            outputs[self.OUTPUT_STAKES] = self._write_stakes(parameters, context, result, fids, crs, target)
        for key, write in ((self.OUTPUT_CSV, write_stakes_csv), (self.OUTPUT_GPX, write_stakes_gpx)):
            path = self.parameterAsFileOutput(parameters, key, context) if parameters.get(key) else ""
            if path:
                extra = (target,) if key == self.OUTPUT_CSV else ()
                write(path, result.stakes, crs, *extra, context.transformContext())
                outputs[key] = path
        self._log(feedback, result)
        return {**outputs, self.LINE_COUNT: len(result.lines), self.STAKE_COUNT: len(result.stakes),
                self.PARCEL_COUNT: len(result.laid_out)}  # fmt: skip

    @staticmethod
    def _ids(parcels) -> np.ndarray:
        ids = parcels.attrs.get("parcel_id")
        if ids is None or any(v is None for v in ids):
            return np.asarray(parcels.ids, dtype=np.int64)
        return np.asarray([int(v) for v in ids], dtype=np.int64)

    def _write_lines(self, parameters, context, result, fids, crs, target) -> str:
        sink, dest = self.sink(parameters, self.OUTPUT_LINES, context, LINE_SPEC, QgsWkbTypes.Type.LineString, target)
        xform = QgsCoordinateTransform(crs, target, context.transformContext())
        same = is_identity(xform)
        rows = result.lines.assign(parcel_fid=fids[result.lines["parcel_index"].to_numpy(np.int64)])
        for row, line in zip(rows.to_dict("records"), result.geometries):
            geometry = QgsGeometry()
            geometry.fromWkb(shapely.to_wkb(line))
            if not same:
                geometry.transform(xform)
            self._add(sink, geometry, LINE_SPEC, row)
        return dest

    def _write_stakes(self, parameters, context, result, fids, crs, target) -> str:
        sink, dest = self.sink(parameters, self.OUTPUT_STAKES, context, STAKE_SPEC, QgsWkbTypes.Type.Point, target)
        stakes = result.stakes
        x, y = reproject_xy(stakes["x"], stakes["y"], crs, target, context.transformContext())
        rows = stakes.assign(x=x, y=y, parcel_fid=fids[stakes["parcel_index"].to_numpy(np.int64)])
        for row in rows.to_dict("records"):
            self._add(sink, QgsGeometry.fromPointXY(QgsPointXY(row["x"], row["y"])), STAKE_SPEC, row)
        return dest

    @staticmethod
    def _add(sink, geometry: QgsGeometry, spec, row: dict) -> None:
        feature = QgsFeature()
        feature.setGeometry(geometry)
        feature.setAttributes([_clean(int(v) if isinstance(v, (bool, np.bool_)) else v) for v in
                               (row.get(name) for name, _ in spec)])  # fmt: skip
        sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)

    def _log(self, feedback: QgsProcessingFeedback, result: core.LayoutResult) -> None:
        feedback.pushInfo(
            self.tr("{0} terrace lines ({1:.0f} m) and {2} staking points in {3} parcels.").format(
                len(result.lines), float(result.lines["length_m"].sum()) if len(result.lines) else 0.0,
                len(result.stakes), len(result.laid_out),
            )
        )  # fmt: skip
        for ids, text in (
            (result.unsuitable, self.tr("{0} unsuitable parcels get no terrace lines: {1}")),
            (result.not_terraced, self.tr("{0} parcels without a riser height get no terrace lines: {1}")),
            (result.without_lines, self.tr("{0} parcels have no terrace line longer than the minimum length: {1}")),
            (result.partial, self.tr("{0} parcels are covered by the DEM only in part; their lines stop at the "
                                     "DEM's edge: {1}")),
        ):  # fmt: skip
            if ids:
                shown = ", ".join(map(str, ids[:20])) + (" …" if len(ids) > 20 else "")
                feedback.pushWarning(text.format(len(ids), shown))
        if result.too_tight:
            feedback.pushInfo(
                self.tr("{0} closed contours smaller than a circle of the minimum radius were dropped.").format(
                    result.too_tight
                )
            )
        if len(result.lines) and np.nanmax(result.lines["max_dz_m"]) >= 0.01:
            feedback.pushInfo(
                self.tr("Straightening moved the lines off their level by up to {0:.2f} m (max_dz_m).").format(
                    float(np.nanmax(result.lines["max_dz_m"]))
                )
            )
