"""``sbplanner:slope_farmland_priority`` — priority of sloping farmland for 坡改梯 / 坡耕地综合整治 (step 5).

Reads the analysed parcels and the optional village, road and water layers, runs
:func:`sbplanner_plugin.core.ranking.farmland_priority` and writes the candidate parcels with their score,
rank within the small watershed, contiguous block (集中连片) and the selected terracing programme.
"""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from sbplanner_plugin.adapters.features import read_features
from sbplanner_plugin.adapters.param_files import (
    load_indicators,
    load_random_index,
    load_ranking_params,
    read_ahp_matrix,
)
from sbplanner_plugin.core import ranking as core
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, SbPlannerError
from sbplanner_plugin.processing.base import SbAlgorithm, message_text


class GeographicParcelsError(SbPlannerError):
    key = "priority_geographic_parcels"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The parcels are in a geographic CRS; they must be in a projected CRS (metres) to measure blocks and distances."
    )  # fmt: skip


class SlopeFarmlandPriority(SbAlgorithm):
    PARCELS = "PARCELS"
    VILLAGES = "VILLAGES"
    ROADS = "ROADS"
    WATER = "WATER"
    SOIL_DEPTH_FIELD = "SOIL_DEPTH_FIELD"
    INDICATORS = "INDICATORS"
    EXTRA_INDICATORS = "EXTRA_INDICATORS"
    AHP_MATRIX = "AHP_MATRIX"
    AREA_BUDGET_HA = "AREA_BUDGET_HA"
    MIN_BLOCK_HA = "MIN_BLOCK_HA"
    BLOCK_GAP_M = "BLOCK_GAP_M"
    SLOPE_MIN_DEG = "SLOPE_MIN_DEG"
    SLOPE_MAX_DEG = "SLOPE_MAX_DEG"
    OUTPUT_PARCELS = "OUTPUT_PARCELS"
    CANDIDATES = "CANDIDATES"
    BLOCKS = "BLOCKS"
    SELECTED = "SELECTED"
    SELECTED_AREA_HA = "SELECTED_AREA_HA"
    plan_layers = ((OUTPUT_PARCELS, "farmland_priority"),)

    group_id = "ranking"

    def group(self) -> str:
        return self.tr("5 · Ranking and benefits")

    def name(self) -> str:
        return "slope_farmland_priority"

    def displayName(self) -> str:
        return self.tr("Sloping farmland priority (坡改梯 / 坡耕地综合整治)")

    def shortHelpString(self) -> str:
        return self.tr(
            "Scores every sloping-cropland parcel 0–100 for terracing (坡改梯) or 坡耕地综合整治, ranks the parcels "
            "within each small watershed and selects the terracing programme within an area budget.\n\n"
            "Candidates: cropland other than paddy (GB/T 21010 01 but 0101) with a mean slope from 5° to below 25° "
            "(ranking_params.csv or the parameters), not beyond the limit by 三调 GDPDJB and not terraced already "
            "(GDLX = TT).\n\n"
            "Indicators (resources/params/farmland_priority_indicators.csv, same machinery as the urgency ranking): "
            "slope, soil loss, soil depth (field, optional), distance to the nearest village, road and water "
            "(近村、近路、近水; optional layers, negative: nearer is higher) and the area of the contiguous block "
            "(集中连片: candidate parcels touching or within the block gap of each other). Min–max normalisation "
            "over all candidates, weights direct or AHP (CR < 0.10), an indicator without data or constant is left "
            "out with its weight redistributed.\n\n"
            "Selection: in score order, parcels of blocks of at least the minimum block size are selected while the "
            "selected area stays within the budget (0 = no budget: all of them); a parcel that would exceed the "
            "budget is passed over.\n\n"
            "Output fields: priority_score, priority_rank (1 = first within its small watershed), block_id (1 = "
            "the largest block), block_area_ha, block_eligible, selected, missing_indicators, n_<key> and v_<key>."
        )

    def initAlgorithm(self, config=None) -> None:
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.PARCELS, self.tr("Analysed parcels (step 2)"), [QgsProcessing.SourceType.TypeVectorPolygon]
            )
        )
        for key, label in (
            (self.VILLAGES, self.tr("Villages (近村; optional)")),
            (self.ROADS, self.tr("Roads (近路; optional)")),
            (self.WATER, self.tr("Water: rivers, ponds, reservoirs (近水; optional)")),
        ):
            self.addParameter(
                QgsProcessingParameterFeatureSource(
                    key, label, [QgsProcessing.SourceType.TypeVectorAnyGeometry], optional=True
                )
            )
        self.addParameter(
            QgsProcessingParameterField(
                self.SOIL_DEPTH_FIELD,
                self.tr("Soil depth field (m; optional)"),
                parentLayerParameterName=self.PARCELS,
                type=QgsProcessingParameterField.DataType.Numeric,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.INDICATORS,
                self.tr("Indicator table (CSV; default farmland_priority_indicators.csv)"),
                extension="csv",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.EXTRA_INDICATORS,
                self.tr("Extra indicators from parcel fields (field:+1:0.1;field2:-1:0.05)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.AHP_MATRIX, self.tr("AHP pairwise matrix (CSV; optional)"), extension="csv", optional=True
            )
        )
        double = QgsProcessingParameterNumber.Type.Double
        for key, label, default, optional, high in (
            (self.AREA_BUDGET_HA, self.tr("Area budget of the terracing programme (hm²; 0 = no budget)"), 0.0,
             False, 1e7),
            (self.MIN_BLOCK_HA, self.tr("Minimum contiguous block (hm²; empty = ranking_params.csv)"), None, True,
             1e6),
            (self.BLOCK_GAP_M, self.tr("Block gap: parcels this close form one block (m; empty = ranking_params.csv)"),
             None, True, 1000.0),
            (self.SLOPE_MIN_DEG, self.tr("Lowest slope of sloping cropland (°; empty = ranking_params.csv)"), None,
             True, 90.0),
            (self.SLOPE_MAX_DEG, self.tr("Slope limit: from here 退耕, not 坡改梯 (°; empty = ranking_params.csv)"),
             None, True, 90.0),
        ):  # fmt: skip
            self.addParameter(QgsProcessingParameterNumber(key, label, double, default, optional, 0.0, high))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_PARCELS, self.tr("Sloping farmland priority"), QgsProcessing.SourceType.TypeVectorPolygon
            )
        )
        for key, label in (
            (self.CANDIDATES, self.tr("Candidate parcels")),
            (self.BLOCKS, self.tr("Contiguous blocks")),
            (self.SELECTED, self.tr("Parcels selected")),
            (self.SELECTED_AREA_HA, self.tr("Area selected (hm²)")),
        ):
            self.addOutput(QgsProcessingOutputNumber(key, label))

    def compute(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> dict:
        source = self.parameterAsSource(parameters, self.PARCELS, context)
        crs = source.sourceCrs()
        if crs.isGeographic():
            raise GeographicParcelsError()
        parcels = read_features(source, crs, context, feedback, value=parameters.get(self.PARCELS))
        text = lambda key: self.parameterAsString(parameters, key, context) or None  # noqa: E731
        number = lambda key: self.number_or_default(parameters, key, context)  # noqa: E731
        indicators = load_indicators(core.PRIORITY_TABLE, core.PRIORITY_COMPUTED, text(self.INDICATORS))
        indicators += core.parse_extra_indicators(text(self.EXTRA_INDICATORS), indicators)
        feedback.setProgress(20)
        result = core.farmland_priority(
            core.PriorityInputs(
                parcels=parcels.attrs,
                parcel_wkb=parcels.wkb,
                indicators=indicators,
                ranking=load_ranking_params(),
                random_index=load_random_index(),
                ahp=read_ahp_matrix(text(self.AHP_MATRIX)) if text(self.AHP_MATRIX) else None,
                villages_wkb=self._wkb(parameters, self.VILLAGES, crs, context, feedback),
                roads_wkb=self._wkb(parameters, self.ROADS, crs, context, feedback),
                water_wkb=self._wkb(parameters, self.WATER, crs, context, feedback),
                soil_depth_field=text(self.SOIL_DEPTH_FIELD),
                area_budget_ha=number(self.AREA_BUDGET_HA),
                min_block_ha=number(self.MIN_BLOCK_HA),
                block_gap_m=number(self.BLOCK_GAP_M),
                slope_min_deg=number(self.SLOPE_MIN_DEG),
                slope_max_deg=number(self.SLOPE_MAX_DEG),
            )
        )
        feedback.setProgress(80)
        self._log(feedback, result)
        table = result.table
        ours = set(table.columns)
        kept = [f for f in source.fields() if f.name() not in ours and f.name().lower() != "fid"]
        rows = table["parcel"].to_numpy()
        multi = parcels.multi_wkb()
        dest = self.write_frame(
            parameters, self.OUTPUT_PARCELS, context, table.drop(columns=["parcel"]), core.INT_COLUMNS, crs,
            [multi[i] for i in rows], kept, [[parcels.attrs[f.name()][i] for i in rows] for f in kept],
        )  # fmt: skip
        return {
            self.OUTPUT_PARCELS: dest,
            self.CANDIDATES: result.candidates,
            self.BLOCKS: result.blocks,
            self.SELECTED: int(table["selected"].sum()),
            self.SELECTED_AREA_HA: result.selected_area_ha,
        }

    def _wkb(self, parameters, key, crs, context, feedback) -> list | None:
        source = self.parameterAsSource(parameters, key, context)
        if source is None:
            return None
        features = read_features(source, crs, context, feedback, value=parameters.get(key), geometry=None)
        return list(features.wkb)

    def _log(self, feedback: QgsProcessingFeedback, result: core.PriorityResult) -> None:
        for note in result.notes.info:
            feedback.pushInfo(message_text(note))
        for note in result.notes.warnings:
            feedback.pushWarning(message_text(note))
        weights = ", ".join(f"{k} {w:.3f}" for k, w in result.scoring.weights.items() if w > 0)
        feedback.pushInfo(self.tr("Weights used: {0}.").format(weights))
        feedback.pushInfo(
            self.tr(
                "{0} candidate parcels ({1:.2f} hm²) in {2} contiguous blocks; {3} selected, {4:.2f} hm²."
            ).format(
                result.candidates, result.candidate_area_ha, result.blocks, int(result.table["selected"].sum()),
                result.selected_area_ha,
            )
        )  # fmt: skip
