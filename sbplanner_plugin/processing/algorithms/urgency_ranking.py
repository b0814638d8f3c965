"""``sbplanner:urgency_ranking`` — urgency (治理紧迫程度) score, rank and class of every small watershed or
行政村 (step 5).

Reads the small watersheds (or the village polygons), the analysed parcels and the optional layers, runs
:func:`sbplanner_plugin.core.ranking.urgency` and writes the unit layer with the scores and the table.
"""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
)

from sbplanner_plugin.adapters.features import read_features
from sbplanner_plugin.adapters.param_files import (
    load_indicators,
    load_plugin_params,
    load_random_index,
    load_ranking_params,
    read_ahp_matrix,
)
from sbplanner_plugin.adapters.raster import zonal_means
from sbplanner_plugin.core import ranking as core
from sbplanner_plugin.core.definitions import WS_CODE_FIELD
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, SbPlannerError
from sbplanner_plugin.core.parcels import tolerance_of
from sbplanner_plugin.processing.base import SbAlgorithm, erosion_region_options, message_text


class NoWsCodeError(SbPlannerError):
    key = "urgency_no_ws_code"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The small-watershed layer has no ws_code field: use the small watersheds of step 1 (Divide small watersheds)."
    )  # fmt: skip


class GeographicUnitsError(SbPlannerError):
    key = "urgency_geographic_units"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The small watersheds are in a geographic CRS; they must be in a projected CRS (metres) to measure areas, "
        "densities and distances."
    )  # fmt: skip


class NoVillagesError(SbPlannerError):
    key = "urgency_no_villages"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "Ranking villages needs the village polygon layer (VILLAGES) and its code or name field (VILLAGE_NAME_FIELD)."
    )  # fmt: skip


class NoKeyAreaKindError(SbPlannerError):
    key = "urgency_no_key_area_kind"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The 重点防治区 layer needs its kind field (KEY_AREA_KIND_FIELD: e.g. 国家级重点治理区, 省级重点预防区)."
    )  # fmt: skip


class UrgencyRanking(SbAlgorithm):
    WATERSHEDS = "WATERSHEDS"
    RANK_UNITS = "RANK_UNITS"
    VILLAGES = "VILLAGES"
    VILLAGE_NAME_FIELD = "VILLAGE_NAME_FIELD"
    VILLAGE_POPULATION_FIELD = "VILLAGE_POPULATION_FIELD"
    KEY_AREAS = "KEY_AREAS"
    KEY_AREA_KIND_FIELD = "KEY_AREA_KIND_FIELD"
    PARCELS = "PARCELS"
    INDICATORS = "INDICATORS"
    EXTRA_INDICATORS = "EXTRA_INDICATORS"
    AHP_MATRIX = "AHP_MATRIX"
    POPULATION_FIELD = "POPULATION_FIELD"
    POPULATION_RASTER = "POPULATION_RASTER"
    PROTECTED = "PROTECTED"
    WATER_SOURCE = "WATER_SOURCE"
    GULLIES = "GULLIES"
    EROSION_REGION = "EROSION_REGION"
    TOLERANCE_T_KM2_A = "TOLERANCE_T_KM2_A"
    SWC_TARGET_PCT = "SWC_TARGET_PCT"
    SLOPE_LIMIT_DEG = "SLOPE_LIMIT_DEG"
    CLASS_METHOD = "CLASS_METHOD"
    DRAWS = "DRAWS"
    SEED = "SEED"
    OUTPUT_WATERSHEDS = "OUTPUT_WATERSHEDS"
    OUTPUT_TABLE = "OUTPUT_TABLE"
    UNITS = "UNITS"
    AHP_CR = "AHP_CR"
    WEIGHTS = "WEIGHTS"
    CLASS_METHODS = (core.JENKS, core.QUANTILE)
    UNIT_TYPES = (core.UNIT_WATERSHED, core.UNIT_VILLAGE)
    plan_layers = ((OUTPUT_WATERSHEDS, "ws_urgency"), (OUTPUT_TABLE, "ws_urgency_table"))
    #: The plan layers of a village ranking (RANK_UNITS = 1): the small watersheds' ranking stays.
    VILLAGE_PLAN_LAYERS = ((OUTPUT_WATERSHEDS, "vil_urgency"), (OUTPUT_TABLE, "vil_urgency_table"))

    group_id = "ranking"

    def group(self) -> str:
        return self.tr("5 · Ranking and benefits")

    def name(self) -> str:
        return "urgency_ranking"

    def displayName(self) -> str:
        return self.tr("Urgency ranking of small watersheds (治理紧迫程度)")

    # fmt: off
    def shortHelpString(self) -> str:
        return self.tr(
            "Scores every small watershed 0–100 by how urgently it needs treatment, ranks them (1 = most urgent) "
            "and classes them 极紧迫 / 紧迫 / 较紧迫 / 一般.\n\n"
            "Indicators (resources/params/urgency_indicators.csv: key, field, direction +1/−1, weight, source, "
            "confidence; the user's edited copy or the 'Indicator table' replaces it): eroded share, ≥ 中度 share, "
            "mean modulus / tolerance, 坡耕地 share (cropland ≥ 5°), > 25° cropland share, 沟壑密度 (gully lines; "
            "without them the DEM drainage density of step 1), 林草覆盖率 (negative), gap to the 水土保持率 target, "
            "population density (field: persons per unit; raster: persons/km²), protected objects (features "
            "touching the unit), all computed from the analysed parcels as 'Summarise small watersheds' does. "
            "Extra indicators from numeric fields of the watersheds: field:direction:weight;… (e.g. "
            "pop_2020:+1:0.05).\n\n"
            "Each indicator is normalised min–max within the study area (reversed for negative ones); an indicator "
            "missing everywhere or constant over all units is left out and its weight redistributed (the log says "
            "so). Weights: the table's (normalised to sum 1, said so), or an AHP pairwise matrix (CSV: header "
            "key,<keys…>, one row per key, fractions like 1/3 allowed; reciprocal, no zeros): principal "
            "eigenvector, λmax, CI, CR = CI/RI (Saaty). A matrix with CR ≥ 0.10 is NOT used: the table's weights "
            "are, with a warning. Score = 100·Σwᵢx′ᵢ/Σwᵢ over the indicators the unit has. Classes: natural "
            "breaks (Jenks) or quartiles of the score; cropland beyond the prohibited-cultivation slope and a "
            "water-source area force 极紧迫 (urgency_flags) while the rank stays the score's. rank_stability: share "
            "of Monte Carlo draws (every weight ×U(0.8, 1.2), seeded) in which the rank stays within ±1.\n\n"
            "Output fields: urgency_score, urgency_rank, urgency_class, urgency_class_en, urgency_class_id, "
            "urgency_flags, rank_stability, missing_indicators, n_<key> (normalised 0–1) and v_<key> (value) of "
            "every indicator. A single unit gets rank 1 and its values, but no score (nothing to compare with)."
        ) + "\n\n" + self.tr(
            "Units: the small watersheds (default) or 行政村 (Rank: villages; the village polygons and their code or "
            "name field): the parcels are then split over the villages by area overlay and every indicator is "
            "computed per village the same way (population field of the villages; the output keeps the village "
            "fields, key village_code; in a plan the layers vil_urgency and vil_urgency_table).\n\n"
            "重点防治区 (optional polygons with a kind field: 国家级 / 省级 / 市级 / 县级 重点预防区 or "
            "重点治理区): the column key_area lists those overlapping each unit; the indicator key_area is the "
            "level of the highest 重点治理区 overlapping it (国家级 3, 省级 2, 市级 / 县级 1, none 0; weight 0 "
            "in the bundled table, PROPOSAL); key_area_hard_flag = 1 in ranking_params.csv makes a 重点治理区 "
            "force 极紧迫 (flag key_treatment_area)."
        )
    # fmt: on

    def initAlgorithm(self, config=None) -> None:
        polygon = [QgsProcessing.SourceType.TypeVectorPolygon]
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.WATERSHEDS, self.tr("Small watersheds (with ws_code)"), polygon, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.RANK_UNITS,
                self.tr("Rank"),
                [self.tr("Small watersheds"), self.tr("Villages (行政村)")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.VILLAGES, self.tr("Village polygons (行政村; to rank villages)"), polygon, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.VILLAGE_NAME_FIELD,
                self.tr("Village code or name field"),
                parentLayerParameterName=self.VILLAGES,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.VILLAGE_POPULATION_FIELD,
                self.tr("Population field of the villages (persons)"),
                parentLayerParameterName=self.VILLAGES,
                type=QgsProcessingParameterField.DataType.Numeric,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(self.PARCELS, self.tr("Analysed parcels (step 2)"), polygon)
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.INDICATORS,
                self.tr("Indicator table (CSV; default urgency_indicators.csv)"),
                extension="csv",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.EXTRA_INDICATORS,
                self.tr("Extra indicators from watershed fields (field:+1:0.1;field2:-1:0.05)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.AHP_MATRIX,
                self.tr("AHP pairwise matrix (CSV; optional, replaces the table's weights)"),
                extension="csv",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.POPULATION_FIELD,
                self.tr("Population field of the watersheds (persons)"),
                parentLayerParameterName=self.WATERSHEDS,
                type=QgsProcessingParameterField.DataType.Numeric,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                self.POPULATION_RASTER, self.tr("Population density raster (persons/km²)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.PROTECTED,
                self.tr("Protected objects (villages, reservoirs, key river reaches …)"),
                [QgsProcessing.SourceType.TypeVectorAnyGeometry],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.WATER_SOURCE,
                self.tr("Drinking-water source areas (饮用水水源保护区: 极紧迫)"),
                polygon,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.KEY_AREAS,
                self.tr("重点防治区 (重点预防区 / 重点治理区 polygons)"),
                polygon,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.KEY_AREA_KIND_FIELD,
                self.tr("重点防治区 kind field (e.g. 国家级重点治理区)"),
                parentLayerParameterName=self.KEY_AREAS,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.GULLIES,
                self.tr("Gully lines (for 沟壑密度)"),
                [QgsProcessing.SourceType.TypeVectorLine],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.EROSION_REGION,
                self.tr("Erosion type region (tolerance)"),
                erosion_region_options(),
                defaultValue=0,
            )
        )
        double = QgsProcessingParameterNumber.Type.Double
        integer = QgsProcessingParameterNumber.Type.Integer
        for key, label, kind, default, low, high, optional in (
            (
                self.TOLERANCE_T_KM2_A,
                self.tr("Allowable soil loss (t/(km²·a), 0 = from the region)"),
                double,
                0.0,
                0.0,
                1e5,
                False,
            ),
            (
                self.SWC_TARGET_PCT,
                self.tr("水土保持率 target (%; empty = ranking_params.csv)"),
                double,
                None,
                0.0,
                100.0,
                True,
            ),
            (
                self.SLOPE_LIMIT_DEG,
                self.tr("Prohibited-cultivation slope limit (°; 25 by the law)"),
                double,
                core.STEEP_CROPLAND_DEG,
                1.0,
                90.0,
                False,
            ),
            (self.DRAWS, self.tr("Monte Carlo draws for rank stability (0 = none)"), integer, 1000, 0, 100000, False),
            (self.SEED, self.tr("Random seed"), integer, 1, 0, 2**31 - 1, False),
        ):
            self.addParameter(QgsProcessingParameterNumber(key, label, kind, default, optional, low, high))
        self.addParameter(
            QgsProcessingParameterEnum(
                self.CLASS_METHOD,
                self.tr("Urgency classes"),
                [self.tr("Natural breaks (Jenks)"), self.tr("Quartiles")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_WATERSHEDS,
                self.tr("Small watersheds with urgency"),
                QgsProcessing.SourceType.TypeVectorPolygon,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_TABLE,
                self.tr("Urgency table"),
                QgsProcessing.SourceType.TypeVector,
                optional=True,
                createByDefault=True,
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.UNITS, self.tr("Units ranked")))
        self.addOutput(QgsProcessingOutputNumber(self.AHP_CR, self.tr("AHP consistency ratio CR")))
        self.addOutput(QgsProcessingOutputString(self.WEIGHTS, self.tr("Weights used")))

    def prepare_outputs(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> dict:
        village = self.parameterAsEnum(parameters, self.RANK_UNITS, context) == 1
        self.plan_layers = self.VILLAGE_PLAN_LAYERS if village else type(self).plan_layers
        return super().prepare_outputs(parameters, context, feedback)

    def _units(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback):
        """(unit type, source, features, key field, population field) of the units ranked."""
        unit_type = self.UNIT_TYPES[self.parameterAsEnum(parameters, self.RANK_UNITS, context)]
        text = lambda key: self.parameterAsString(parameters, key, context) or None  # noqa: E731
        if unit_type == core.UNIT_VILLAGE:
            key, source = self.VILLAGES, self.parameterAsSource(parameters, self.VILLAGES, context)
            field = text(self.VILLAGE_NAME_FIELD)
            if source is None or not field or field not in source.fields().names():
                raise NoVillagesError()
            population = text(self.VILLAGE_POPULATION_FIELD)
        else:
            key, source, field = self.WATERSHEDS, self.parameterAsSource(parameters, self.WATERSHEDS, context), None
            if source is None or WS_CODE_FIELD not in source.fields().names():
                raise NoWsCodeError()
            field, population = WS_CODE_FIELD, text(self.POPULATION_FIELD)
        if source.sourceCrs().isGeographic():
            raise GeographicUnitsError()
        units = read_features(source, source.sourceCrs(), context, feedback, value=parameters.get(key))
        return unit_type, source, units, field, population

    def compute(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> dict:
        unit_type, source, units, unit_field, population = self._units(parameters, context, feedback)
        crs = source.sourceCrs()
        parcels = self._read(parameters, self.PARCELS, crs, context, feedback, None)
        key_source = self.parameterAsSource(parameters, self.KEY_AREAS, context)
        kind_field = self.parameterAsString(parameters, self.KEY_AREA_KIND_FIELD, context)
        if key_source is not None and (not kind_field or kind_field not in key_source.fields().names()):
            raise NoKeyAreaKindError()
        key_areas = self._read(parameters, self.KEY_AREAS, crs, context, feedback, "polygon")
        params = load_plugin_params()
        text = lambda key: self.parameterAsString(parameters, key, context) or None  # noqa: E731
        indicators = load_indicators(core.URGENCY_TABLE, core.URGENCY_COMPUTED, text(self.INDICATORS))
        indicators += core.parse_extra_indicators(text(self.EXTRA_INDICATORS), indicators)
        raster = self.parameterAsRasterLayer(parameters, self.POPULATION_RASTER, context)
        feedback.setProgress(20)
        result = core.urgency(
            core.UrgencyInputs(
                ws_codes=units.attrs[unit_field],
                unit_wkb=units.wkb,
                unit_fields=units.attrs,
                parcels=parcels.attrs,
                params=params,
                indicators=indicators,
                ranking=load_ranking_params(),
                random_index=load_random_index(),
                tolerance_t_km2_a=tolerance_of(params, self.parameterAsEnum(parameters, self.EROSION_REGION, context),
                                               self.parameterAsDouble(parameters, self.TOLERANCE_T_KM2_A, context)),
                ahp=read_ahp_matrix(text(self.AHP_MATRIX)) if text(self.AHP_MATRIX) else None,
                swc_target_pct=self.number_or_default(parameters, self.SWC_TARGET_PCT, context),
                population_field=population,
                population_density=zonal_means(raster.source(), units.wkb, crs.toWkt()) if raster else None,
                protected_wkb=self._wkb(parameters, self.PROTECTED, crs, context, feedback, None),
                water_source_wkb=self._wkb(parameters, self.WATER_SOURCE, crs, context, feedback, "polygon"),
                gully_wkb=self._wkb(parameters, self.GULLIES, crs, context, feedback, "line"),
                slope_limit_deg=self.parameterAsDouble(parameters, self.SLOPE_LIMIT_DEG, context),
                class_method=self.CLASS_METHODS[self.parameterAsEnum(parameters, self.CLASS_METHOD, context)],
                draws=self.parameterAsInt(parameters, self.DRAWS, context),
                seed=self.parameterAsInt(parameters, self.SEED, context),
                unit_type=unit_type,
                parcel_wkb=list(parcels.wkb) if unit_type == core.UNIT_VILLAGE else None,
                unit_field=unit_field,
                key_area_wkb=None if key_areas is None else list(key_areas.wkb),
                key_area_kinds=None if key_areas is None else key_areas.attrs[kind_field],
            )
        )  # fmt: skip
        feedback.setProgress(80)
        self._log(feedback, result)
        outputs = {self.OUTPUT_WATERSHEDS: self._write_units(parameters, context, source, units, result)}
        if parameters.get(self.OUTPUT_TABLE) is not None:
            outputs[self.OUTPUT_TABLE] = self.write_frame(parameters, self.OUTPUT_TABLE, context, result.table,
                                                          core.INT_COLUMNS)  # fmt: skip
        weights = ", ".join(f"{k}={w:.4f}" for k, w in result.scoring.weights.items() if w > 0)
        cr = result.ahp.cr if result.ahp is not None else None
        return {**outputs, self.UNITS: len(result.table), self.AHP_CR: cr, self.WEIGHTS: weights}

    def _read(self, parameters, key, crs, context, feedback, geometry):
        source = self.parameterAsSource(parameters, key, context)
        if source is None:
            return None
        return read_features(source, crs, context, feedback, value=parameters.get(key), geometry=geometry)

    def _wkb(self, parameters, key, crs, context, feedback, geometry) -> list | None:
        features = self._read(parameters, key, crs, context, feedback, geometry)
        return None if features is None else list(features.wkb)

    def _write_units(self, parameters, context, source, units, result: core.UrgencyResult) -> str:
        names = source.fields().names()
        key = result.table.columns[0]  # ws_code / village_code: dropped when the layer has it already
        ours = set(result.table.columns) - {key}
        kept = [f for f in source.fields() if f.name() not in ours and f.name().lower() != "fid"]
        table = result.table.drop(columns=[key]) if key in names else result.table
        return self.write_frame(parameters, self.OUTPUT_WATERSHEDS, context, table, core.INT_COLUMNS,
                                source.sourceCrs(), units.multi_wkb(), kept,
                                [units.attrs[f.name()] for f in kept])  # fmt: skip

    def _log(self, feedback: QgsProcessingFeedback, result: core.UrgencyResult) -> None:
        for note in result.notes.info:
            feedback.pushInfo(message_text(note))
        for note in result.notes.warnings:
            feedback.pushWarning(message_text(note))
        s = result.scoring
        feedback.pushInfo(
            self.tr("Weights used: {0}.").format(", ".join(f"{k} {w:.3f}" for k, w in s.weights.items() if w > 0))
        )
        if len(result.breaks):
            feedback.pushInfo(
                self.tr("Class breaks of the score: {0}.").format(", ".join(f"{b:.1f}" for b in result.breaks))
            )
        t = result.table.sort_values("urgency_rank")
        for row in t.head(10).itertuples(index=False):
            score = "—" if not np.isfinite(row.urgency_score) else f"{row.urgency_score:.1f}"
            stability = "—" if not np.isfinite(row.rank_stability) else f"{row.rank_stability:.2f}"
            feedback.pushInfo(
                self.tr("#{0} {1}: score {2}, {3}, rank stability {4}").format(
                    row.urgency_rank, row[0], score, row.urgency_class or "—", stability
                )
            )
