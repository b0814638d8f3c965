"""``sbplanner:suggest_gully_works`` — proposed 谷坊, 沟头防护, 截水沟 (+ 排水沟, 沉沙池) from the DEM,
streams, surveyed gullies and parcels.

Reads the inputs, runs :func:`sbplanner_plugin.core.gully.suggest` and writes the four layers.
"""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsWkbTypes,
)

from sbplanner_plugin.adapters.features import read_features, report
from sbplanner_plugin.adapters.flow_cache import condition_dem
from sbplanner_plugin.adapters.param_files import load_deposit_materials, load_gully_params, table_path
from sbplanner_plugin.adapters.raster import rasterize, rasterize_parcels
from sbplanner_plugin.core import gully
from sbplanner_plugin.core.errors import SbPlannerError
from sbplanner_plugin.core.grid import Grid
from sbplanner_plugin.processing.base import DOUBLE, INT, STRING, SbAlgorithm, cache_dir, progress_callback

DAM_SPEC = (
    ("measure_code", STRING),
    ("ws_code", STRING),
    ("reach_id", INT),
    ("strahler", INT),
    ("channel_gradient_pct", DOUBLE),
    ("stable_gradient_pct", DOUBLE),
    ("dam_type", STRING),
    ("dam_height_m", DOUBLE),
    ("spacing_m", DOUBLE),
    ("chainage_m", DOUBLE),
    ("uparea_km2", DOUBLE),
    ("deposit_material", STRING),
    ("sited_from", STRING),
    ("status", STRING),
)
HEAD_SPEC = (
    ("measure_code", STRING),
    ("ws_code", STRING),
    ("parcel_id", INT),
    ("landuse_code", STRING),
    ("uparea_km2", DOUBLE),
    ("catchment_hm2", DOUBLE),
    ("head_slope_deg", DOUBLE),
    ("protection_type", STRING),
    ("storm_mm", DOUBLE),
    ("runoff_coeff", DOUBLE),
    ("design_storage_m3", DOUBLE),
    ("sited_from", STRING),
    ("status", STRING),
)
DITCH_SPEC = (
    ("measure_code", STRING),
    ("ws_code", STRING),
    ("parcel_id", INT),
    ("upslope_parcel_id", INT),
    ("upslope_slope_deg", DOUBLE),
    ("length_m", DOUBLE),
    ("catchment_hm2", DOUBLE),
    ("ditch_type", STRING),
    ("storm_mm", DOUBLE),
    ("runoff_coeff", DOUBLE),
    ("design_runoff_m3", DOUBLE),
    ("ditch_id", INT),
    ("outlet_type", STRING),
    ("upslope_landuse", STRING),
    ("status", STRING),
)
BASIN_SPEC = (
    ("measure_code", STRING),
    ("ws_code", STRING),
    ("ditch_id", INT),
    ("outlet_type", STRING),
    ("drain_length_m", DOUBLE),
    ("catchment_hm2", DOUBLE),
    ("design_runoff_m3", DOUBLE),
    ("status", STRING),
)


class SuggestGullyWorks(SbAlgorithm):
    DEM = "DEM"
    STREAMS = "STREAMS"
    STREAM_THRESHOLD_KM2 = "STREAM_THRESHOLD_KM2"
    PARCELS = "PARCELS"
    REGION = "REGION"
    MAX_STRAHLER = "MAX_STRAHLER"
    MIN_GRADIENT_PCT = "MIN_GRADIENT_PCT"
    DAM_HEIGHT_M = "DAM_HEIGHT_M"
    STABLE_GRADIENT_RATIO = "STABLE_GRADIENT_RATIO"
    DEPOSIT_MATERIAL = "DEPOSIT_MATERIAL"
    SURVEYED_GULLIES = "SURVEYED_GULLIES"
    SURVEYED_HEADS = "SURVEYED_HEADS"
    OUTPUT_CHECK_DAMS = "OUTPUT_CHECK_DAMS"
    OUTPUT_GULLY_HEADS = "OUTPUT_GULLY_HEADS"
    OUTPUT_INTERCEPT_DITCHES = "OUTPUT_INTERCEPT_DITCHES"
    OUTPUT_SEDIMENT_BASINS = "OUTPUT_SEDIMENT_BASINS"

    group_id = "measures"

    def group(self) -> str:
        return self.tr("3 · Measures")

    def name(self) -> str:
        return "suggest_gully_works"

    def displayName(self) -> str:
        return self.tr("Suggest gully works: check dams, gully-head protection, intercepting ditches")

    def shortHelpString(self) -> str:
        return self.tr(
            "Proposes the linear and point works of a small watershed for the designer to accept, move or "
            "delete.\n\n"
            "谷坊 (check dams): on channels of Strahler order up to the maximum whose bed gradient i (equal-area "
            "method over each reach, raw DEM) reaches the threshold. Dams are spaced by the 顶底相照 rule of "
            "GB/T 16453.3-2008 (谷坊): L = H / (i − i′), H the effective dam height and i′ the stable gradient "
            "of the deposit, taken from the deposit material (gully_deposit_gradient.csv: coarse sand with "
            "gravel 2 %, clay 1 %, clay loam 0.8 %, sand 0.5 %) unless a ratio i′/i is given; the first dam "
            "stands at the reach's lowest cell, then one every L metres upstream. Sites whose cell lies in a "
            "parcel of paddy (0101), construction land (05–10) or water (11) are screened out and counted. "
            "Larger control works (淤地坝, SL/T 804-2020; 拦沙坝) are not sited here.\n\n"
            "沟头防护 (gully-head protection): at the surveyed gully heads when given (SL/T 447 D.0.7), else at "
            "channel heads (the top cell of 1st-order reaches) where a cropland parcel holds the head or the "
            "cell just upslope; design storage W = 10·K·R·F with F the catchment above the head.\n\n"
            "截水沟 (intercepting ditches): along the upper edge of a terrace block (terrace measure from "
            "assign_measures) where hillslope flow enters it from untreated sloping cropland or waste land "
            "(GB 51018-2014 6.1.1); 蓄水型 or 排水型 by region (GB 51018-2014 11.1). Each ditch drains from "
            "its lower end by a 排水沟 down the flow path to the nearest channel (or at its own end when no "
            "channel is near) into a 沉沙池 (sediment-basin layer).\n\n"
            "Channels: the surveyed gullies when given, else the step-1 stream layer (its Strahler orders and "
            "watershed codes are kept) or, without it, channels derived from the DEM with the stream "
            "threshold. Every default is in resources/params/gully_works.csv and gully_deposit_gradient.csv "
            "with its source and confidence (many are UNVERIFIED); a copy in <QGIS profile>/sbplanner/params "
            "overrides it."
        )

    def _defaults(self) -> gully.GullyParams | None:
        try:
            return load_gully_params(table_path(gully.GULLY_TABLE))
        except SbPlannerError:
            return None  # reported when the algorithm runs

    def _materials(self) -> dict[str, gully.DepositMaterial]:
        try:
            return load_deposit_materials(table_path(gully.DEPOSIT_TABLE))
        except SbPlannerError:
            return {}  # reported when the algorithm runs

    def initAlgorithm(self, config=None) -> None:
        d = self._defaults()
        self.addParameter(QgsProcessingParameterRasterLayer(self.DEM, self.tr("DEM")))
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.STREAMS,
                self.tr("Streams of step 1 (with strahler; empty = derive from the DEM)"),
                [QgsProcessing.SourceType.TypeVectorLine],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.STREAM_THRESHOLD_KM2,
                self.tr("Stream threshold when deriving channels (km²)"),
                QgsProcessingParameterNumber.Type.Double,
                0.1,
                minValue=1e-6,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.PARCELS,
                self.tr("Analysed parcels (with measures for intercepting ditches)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        for key, label, kind in (
            (self.SURVEYED_GULLIES, self.tr("Surveyed gullies (lines, SL/T 447 D.0.7; preferred over the streams)"),
             QgsProcessing.SourceType.TypeVectorLine),
            (self.SURVEYED_HEADS, self.tr("Surveyed gully heads (points, SL/T 447 D.0.7; preferred over DEM heads)"),
             QgsProcessing.SourceType.TypeVectorPoint),
        ):  # fmt: skip
            self.addParameter(QgsProcessingParameterFeatureSource(key, label, [kind], optional=True))
        materials = self._materials()
        default = list(materials).index(d.deposit_material) if d and d.deposit_material in materials else 0
        self.addParameter(
            QgsProcessingParameterEnum(
                self.DEPOSIT_MATERIAL,
                self.tr("Deposit material behind the check dams (gives i′)"),
                [m.label() for m in materials.values()],
                defaultValue=default,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.REGION,
                self.tr("Erosion type region"),
                [
                    self.tr("Southern red-soil hilly region"),
                    self.tr("Southwestern rocky mountain region"),
                    self.tr("Northwestern Loess Plateau"),
                    self.tr("Northeastern black-soil region"),
                    self.tr("Northern rocky mountain region"),
                ],
                defaultValue=0,
            )
        )
        numbers = (
            (self.MAX_STRAHLER, self.tr("Highest Strahler order for check dams"), "int", d and d.max_strahler, 1),
            (
                self.MIN_GRADIENT_PCT,
                self.tr("Minimum channel gradient for check dams (%)"),
                "double",
                d and 100.0 * d.min_gradient,
                0.0,
            ),
            (
                self.DAM_HEIGHT_M,
                self.tr("Effective check-dam height H (m)"),
                "double",
                d and d.default_dam_height_m,
                0.1,
            ),
            (
                self.STABLE_GRADIENT_RATIO,
                self.tr("Stable deposit gradient i′ as a fraction of i (empty = from the deposit material)"),
                "double",
                None,
                0.0,
            ),
        )
        for key, label, kind, default, lo in numbers:
            kind_enum = (
                QgsProcessingParameterNumber.Type.Integer if kind == "int" else QgsProcessingParameterNumber.Type.Double
            )
            p = QgsProcessingParameterNumber(key, label, kind_enum, default, optional=True, minValue=lo)
            if key == self.STABLE_GRADIENT_RATIO:
                p.setMaximum(0.99)
            self.addParameter(p)
        for key, label, kind in (
            (self.OUTPUT_CHECK_DAMS, self.tr("Check dams (谷坊)"), QgsProcessing.SourceType.TypeVectorPoint),
            (
                self.OUTPUT_GULLY_HEADS,
                self.tr("Gully-head protection (沟头防护)"),
                QgsProcessing.SourceType.TypeVectorPoint,
            ),
            (
                self.OUTPUT_INTERCEPT_DITCHES,
                self.tr("Intercepting ditches (截水沟) and their drains (排水沟)"),
                QgsProcessing.SourceType.TypeVectorLine,
            ),
            (
                self.OUTPUT_SEDIMENT_BASINS,
                self.tr("Sediment basins (沉沙池) at the ditch outlets"),
                QgsProcessing.SourceType.TypeVectorPoint,
            ),
        ):
            # the sediment basins came with issue 9: optional, so callers of the three older outputs still run
            optional = key == self.OUTPUT_SEDIMENT_BASINS
            self.addParameter(QgsProcessingParameterFeatureSink(key, label, kind, optional=optional))

    # ------------------------------------------------------------------------------------------
    def compute(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> dict:
        table = table_path(gully.GULLY_TABLE)
        params = load_gully_params(table)
        materials = load_deposit_materials(table_path(gully.DEPOSIT_TABLE))
        feedback.pushInfo(self.tr("Parameter table: {0}").format(str(table)))
        grid, _ = self.read_dem(parameters, self.DEM, context, feedback)
        progress = progress_callback(feedback)
        model = condition_dem(grid, cache_dir(), lambda f, s: progress(0.4 * f, s))
        if feedback.isCanceled():
            raise QgsProcessingException(self.tr("Cancelled."))
        inputs = gully.GullyInputs(
            model,
            params,
            region=self.parameterAsEnum(parameters, self.REGION, context),
            stream_threshold_km2=self.parameterAsDouble(parameters, self.STREAM_THRESHOLD_KM2, context),
            streams=self._layer(parameters, self.STREAMS, context, feedback, grid, "line", self.tr("stream lines")),
            parcels=self._layer(parameters, self.PARCELS, context, feedback, grid, "polygon", self.tr("parcels")),
            max_strahler=self.number_or_default(parameters, self.MAX_STRAHLER, context),
            min_gradient_pct=self.number_or_default(parameters, self.MIN_GRADIENT_PCT, context),
            dam_height_m=self.number_or_default(parameters, self.DAM_HEIGHT_M, context),
            stable_gradient_ratio=self.number_or_default(parameters, self.STABLE_GRADIENT_RATIO, context),
            materials=materials,
            deposit_material=self._material(parameters, context, materials),
            surveyed_gullies=self._layer(
                parameters, self.SURVEYED_GULLIES, context, feedback, grid, "line", self.tr("surveyed gullies")
            ),
            surveyed_heads=self._layer(
                parameters, self.SURVEYED_HEADS, context, feedback, grid, "point", self.tr("surveyed gully heads")
            ),
        )
        result = gully.suggest(inputs, progress)
        self._report(inputs, result, feedback)
        crs = QgsCoordinateReferenceSystem.fromWkt(grid.crs_wkt)
        outputs = {}
        for key, spec, wkb_type, rows in (
            (self.OUTPUT_CHECK_DAMS, DAM_SPEC, QgsWkbTypes.Type.Point, result.dams),
            (self.OUTPUT_GULLY_HEADS, HEAD_SPEC, QgsWkbTypes.Type.Point, result.heads),
            (
                self.OUTPUT_INTERCEPT_DITCHES,
                DITCH_SPEC,
                QgsWkbTypes.Type.MultiLineString,
                result.ditches + result.drains,
            ),
            (self.OUTPUT_SEDIMENT_BASINS, BASIN_SPEC, QgsWkbTypes.Type.Point, result.basins),
        ):
            if parameters.get(key) is not None:
                outputs[key], _ = self.write_sink(parameters, key, context, spec, wkb_type, crs, rows)
        return outputs

    def _material(self, parameters, context, materials: dict) -> str | None:
        """The chosen deposit material id; None (the table's default) when left empty."""
        if parameters.get(self.DEPOSIT_MATERIAL) in (None, "") or not materials:
            return None
        index = self.parameterAsEnum(parameters, self.DEPOSIT_MATERIAL, context)
        return list(materials)[index] if 0 <= index < len(materials) else None

    def _layer(self, parameters, key, context, feedback, grid: Grid, geometry: str, what: str):
        """A vector input in the DEM's CRS with the raster of its cells (lines: cells crossed; polygons:
        cell centres inside), or None when not given."""
        source = self.parameterAsSource(parameters, key, context)
        if source is None:
            return None
        crs = QgsCoordinateReferenceSystem.fromWkt(grid.crs_wkt)
        features = read_features(source, crs, context, feedback, value=parameters.get(key), geometry=geometry)
        report(features, feedback, what)
        if not len(features) or geometry == "point":  # points: core.gully.point_cells
            labels = np.zeros(grid.shape, dtype=np.int32)
        elif geometry == "line":
            labels = rasterize([(wkb, k + 1) for k, wkb in enumerate(features.wkb)], grid)
        else:
            labels, _ = rasterize_parcels(features.wkb, grid)
        return gully.LayerInput(features.wkb, features.attrs, labels.ravel(), list(features.ids))

    def _report(self, inputs: gully.GullyInputs, r: gully.GullyResult, feedback: QgsProcessingFeedback) -> None:
        """The run's figures, in the order the steps ran."""
        if r.channels_from == "survey":
            feedback.pushInfo(
                self.tr("Channels follow the surveyed gullies (the stream lines are not used for siting).")
            )
        if r.n_lines is not None:
            feedback.pushInfo(
                self.tr("{0} stream lines; {1:.0f} % of their cells lie on the DEM's flow paths.").format(
                    r.n_lines, r.lines_on_flow_pct
                )
            )
            if r.lines_on_flow_pct < gully.STREAMS_WARN_ON_FLOW_PCT:
                feedback.pushWarning(
                    self.tr(
                        "Only {0:.0f} % of the lines' cells lie on the DEM's flow paths; the lines lie a median "
                        "{1:.0f} m from the DEM's channels. Check dams are sited only where the two agree: do the "
                        "lines belong to this DEM?"
                    ).format(r.lines_on_flow_pct, r.lines_offset_m)
                )
        else:
            feedback.pushInfo(
                self.tr("Channels derived from the DEM (threshold {0:g} km²).").format(inputs.stream_threshold_km2)
            )
        if r.parcels_without_landuse:
            feedback.pushWarning(
                self.tr("The parcels have neither landuse_group nor a land-use code: no cropland is recognised.")
            )
        if inputs.parcels is not None and not r.parcels_given:
            feedback.pushWarning(self.tr("The parcel layer holds no polygons: it is ignored."))
        d = r.decisions
        feedback.pushInfo(
            self.tr(
                "{0} reaches: {1} with check dams, {2} of higher order, {3} too flat "
                "(i < {4:g} % or i ≤ i′), {5} too short."
            ).format(
                r.n_reaches,
                d["sited"],
                d["higher_order"],
                d["too_flat"] + d["no_gradient"],
                100.0 * r.min_gradient,
                d["too_short"],
            )
        )
        if r.n_candidate_dams:
            feedback.pushInfo(
                self.tr(
                    "{0} candidate check-dam sites; {1} screened out by the land use at the dam: "
                    "{2} on paddy (水田), {3} on construction land (建设用地), {4} on water."
                ).format(
                    r.n_candidate_dams,
                    sum(r.screened.values()),
                    r.screened["paddy"],
                    r.screened["built"],
                    r.screened["water"],
                )
            )
        if not r.parcels_given and r.n_candidate_dams:
            feedback.pushWarning(self.tr("No parcels given: check-dam sites are not screened by land use."))
        if r.heads_from == "survey":
            feedback.pushInfo(
                self.tr("{0} surveyed gully heads get gully-head protection ({1} outside the DEM, left out).").format(
                    len(r.heads), r.n_surveyed_heads_off_grid
                )
            )
        elif not r.parcels_given:
            feedback.pushWarning(
                self.tr("No parcels given: gully-head protection needs land use, so no gully heads are proposed.")
            )
        else:
            feedback.pushInfo(
                self.tr("{0} channel heads, {1} of them cut into cropland.").format(r.n_channel_heads, len(r.heads))
            )
        if r.ditch_skip == gully.NO_MEASURE_CODE:
            feedback.pushInfo(
                self.tr(
                    "The parcels have no measure_code field (run 'Assign measures' first): "
                    "no intercepting ditches proposed."
                )
            )
        elif r.ditch_skip == gully.NO_SLOPE:
            feedback.pushInfo(
                self.tr(
                    "The parcels have no slope_mean_deg field (run 'Analyse parcels' first): no intercepting ditches."
                )
            )
        elif r.ditch_skip is None:
            feedback.pushInfo(
                self.tr(
                    "{0} terraced parcels, {1} untreated sloping cropland / waste-land parcels (> {2:g}°): "
                    "{3} intercepting ditches, {4:.0f} m; {5} drains to a channel, {6:.0f} m; {7} sediment basins."
                ).format(
                    r.n_treated,
                    r.n_runoff_sources,
                    inputs.params.ditch_source_min_slope_deg,
                    len(r.ditches),
                    r.ditch_length_m,
                    len(r.drains),
                    r.drain_length_m,
                    len(r.basins),
                )
            )
        m = r.deposit_material
        gradient = m.label() if m else self.tr("i′ = {0:g}·i").format(r.stable_gradient_ratio)
        if m:
            feedback.pushInfo(self.tr("Deposit gradient: {0} — {1} [{2}]").format(gradient, m.source, m.confidence))
        feedback.pushInfo(
            self.tr(
                "Proposed: {0} check dams (H = {1:g} m, {2}), {3} gully heads, {4} ditches, {5} sediment basins."
            ).format(len(r.dams), r.dam_height_m, gradient, len(r.heads), len(r.ditches), len(r.basins))
        )
