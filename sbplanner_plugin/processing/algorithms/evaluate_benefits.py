"""``sbplanner:evaluate_benefits`` — benefits of a plan (效益分析, GB/T 15774-2008; SL/T 447 D.0.20, D.0.21).

Reads the step-3 layout (which carries the step-2 analysis), the optional small watersheds and step-4 tables,
runs :func:`sbplanner_plugin.core.benefits.evaluate` and writes the parcels, the units (per small watershed and
the whole area), the year-by-year table and the D.0.20 / D.0.21 tables.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication

from sbplanner_plugin.adapters import plan_store_common as names
from sbplanner_plugin.adapters.features import read_features
from sbplanner_plugin.adapters.param_files import (
    load_benefit_tables,
    load_catalogue,
    load_dam_params,
    load_plugin_params,
    plugin_measure_references,
    table_path,
)
from sbplanner_plugin.core import benefits as core
from sbplanner_plugin.core.definitions import DEFINITIONS_CONTEXT, REGION_NAMES, code_text, region_labels
from sbplanner_plugin.core.parcels import tolerance_of
from sbplanner_plugin.core.summaries import ALL
from sbplanner_plugin.processing.base import DOUBLE, INT, STRING, SbAlgorithm, _clean, make_fields, user_message

#: Integer and text fields of the outputs (the others are numbers).
INT_FIELDS = frozenset({"parcel_id", "implementation_year", "year", "years"})
TEXT_FIELDS = frozenset({
    "ws_code", "landuse_code", "measure_code", "measure_codes", "treatment", "erosion_class_planned", "basis",
    "swc_target_id", "measure_column",
})  # fmt: skip


def _spec(columns) -> tuple:
    return tuple((c, INT if c in INT_FIELDS else STRING if c in TEXT_FIELDS else DOUBLE) for c in columns)


def _value(v):
    return _clean(v.item() if isinstance(v, np.generic) else v)


class EvaluateBenefits(SbAlgorithm):
    PARCELS = "PARCELS"
    WATERSHEDS = "WATERSHEDS"
    WORKS_QUANTITIES = "WORKS_QUANTITIES"
    INVESTMENT_BY_WS = "INVESTMENT_BY_WS"
    EROSION_REGION = "EROSION_REGION"
    TOLERANCE_T_KM2_A = "TOLERANCE_T_KM2_A"
    YEARS = "YEARS"
    DISCOUNT_RATE_PCT = "DISCOUNT_RATE_PCT"
    YEAR_FIELD = "YEAR_FIELD"
    TARGET_REGION = "TARGET_REGION"
    TIMING = "TIMING"
    RUNOFF = "RUNOFF"
    SEDIMENT = "SEDIMENT"
    PRICES = "PRICES"
    TARGETS = "TARGETS"
    CATALOGUE = "CATALOGUE"
    OUTPUT_PARCELS = "OUTPUT_PARCELS"
    OUTPUT_WATERSHEDS = "OUTPUT_WATERSHEDS"
    OUTPUT_BY_YEAR = "OUTPUT_BY_YEAR"
    OUTPUT_D020 = "OUTPUT_D020"
    OUTPUT_D021 = "OUTPUT_D021"
    SOIL_CONSERVED_T_A = "SOIL_CONSERVED_T_A"
    SWC_RATE_CURRENT_PCT = "SWC_RATE_CURRENT_PCT"
    SWC_RATE_PLANNED_PCT = "SWC_RATE_PLANNED_PCT"
    plan_layers = (
        (OUTPUT_PARCELS, names.BENEFIT_PARCELS),
        (OUTPUT_WATERSHEDS, names.BENEFIT_WATERSHEDS),
        (OUTPUT_BY_YEAR, names.BENEFIT_BY_YEAR),
        (OUTPUT_D020, names.BENEFIT_D020),
        (OUTPUT_D021, names.BENEFIT_D021),
    )
    TABLE_FILES = (
        (TIMING, core.TIMING_TABLE),
        (RUNOFF, core.RUNOFF_TABLE),
        (SEDIMENT, core.SEDIMENT_TABLE),
        (PRICES, core.PRICES_TABLE),
        (TARGETS, core.TARGETS_TABLE),
    )

    group_id = "ranking"

    def group(self) -> str:
        return self.tr("5 · Ranking and benefits")

    def name(self) -> str:
        return "evaluate_benefits"

    def displayName(self) -> str:
        return self.tr("Evaluate the benefits (效益分析)")

    def shortHelpString(self) -> str:
        return self.tr(
            "What the plan buys, by GB/T 15774-2008 (水土保持综合治理 效益计算方法): per parcel, per small watershed "
            "and for the whole area (row ALL = the sum of the units).\n\n"
            "Soil loss: CSLE A = R·K·L·S·B·E·T on the same R·K·L·S as step 2; the planned measures replace the "
            "factor they act on (E of terraces and site preparation, T of tillage on cropland, B of vegetation with "
            "its target cover), the strongest measure of a factor governs and no factor gets worse: "
            "A_planned = A × (E′/E) × (B′T′/BT). Cropland retired to vegetation takes the vegetation's B with T = 1. "
            "Soil conserved = A_current − A_planned (t/a, 万t).\n\n"
            "水土保持率 (non-eroded share of the assessed land) before and after, with the step-2 definition: cells "
            "whose planned A falls below the allowable soil loss leave the 水土流失面积 (each SL 190 class's cells "
            "taken as spread evenly over the class range). Also 治理度 (eroded area inside the treated parcels / "
            "eroded area), 林草覆盖率 and the gap to the target chosen from swc_targets.csv (TARGET_REGION, "
            "e.g. CN-2025).\n\n"
            "By year over the evaluation period with the effect timing of benefit_timing.csv (terraces, tillage and "
            "small storage works from year 1; trees year 5, shrubs year 3, grass year 2 — year 1 with site "
            "preparation; 封禁 year 3), counted from each parcel's implementation year (YEAR_FIELD, else 1). "
            "Sediment trapped by the dams of works_quantities (silt storage × bulk density / silting years, "
            "sediment_trapping.csv and dam_params.csv); water retained from runoff_reduction.csv (m³/(hm²·a) per "
            "measure; storage works volume × fills per year).\n\n"
            "Economics: investment per tonne and per hm² treated from investment_by_ws (static total); D.0.20 (蓄水 "
            "万m³, 保土 万t, 直接经济效益 万元 per measure column) and D.0.21 (总经济效益, 总费用, NPV, IRR, "
            "benefit–cost ratio) with the discount rate (DISCOUNT_RATE_PCT, else benefit_prices.csv) and the prices of "
            "benefit_prices.csv — the shipped prices are EXAMPLES: replace them with local values.\n\n"
            "Use the erosion region (or allowable soil loss) that step 2 used; a different one is refused."
        )

    def initAlgorithm(self, config=None) -> None:
        vector = QgsProcessing.SourceType.TypeVector
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.PARCELS,
                self.tr("Parcels with measures (step 3: parcels_measures)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
            )
        )
        for key, label, kinds in (
            (self.WATERSHEDS, self.tr("Small watersheds (optional: the unit table as a polygon layer)"),
             [QgsProcessing.SourceType.TypeVectorPolygon]),
            (self.WORKS_QUANTITIES, self.tr("Works quantities (step 4: works_quantities; optional)"), [vector]),
            (self.INVESTMENT_BY_WS, self.tr("Investment per small watershed (step 4: investment_by_ws; optional)"),
             [vector]),
        ):  # fmt: skip
            self.addParameter(QgsProcessingParameterFeatureSource(key, label, kinds, optional=True))
        regions = region_labels([QCoreApplication.translate(DEFINITIONS_CONTEXT, n) for n in REGION_NAMES])
        self.addParameter(
            QgsProcessingParameterEnum(
                self.EROSION_REGION, self.tr("Erosion type region (as in step 2)"), regions, defaultValue=0
            )
        )
        number = QgsProcessingParameterNumber.Type.Double
        self.addParameter(
            QgsProcessingParameterNumber(
                self.TOLERANCE_T_KM2_A, self.tr("Allowable soil loss (t/(km²·a), 0 = from the region)"), number, 0.0,
                minValue=0.0,
            )
        )  # fmt: skip
        self.addParameter(
            QgsProcessingParameterNumber(
                self.YEARS, self.tr("Evaluation period (years; GB/T 15774: generally 20–30)"),
                QgsProcessingParameterNumber.Type.Integer, 20, minValue=1, maxValue=200,
            )
        )  # fmt: skip
        self.addParameter(
            QgsProcessingParameterNumber(
                self.DISCOUNT_RATE_PCT, self.tr("Discount rate (%; empty = benefit_prices.csv)"), number,
                optional=True, minValue=-99.0, maxValue=999.0,
            )
        )  # fmt: skip
        self.addParameter(
            QgsProcessingParameterField(
                self.YEAR_FIELD, self.tr("Implementation year field (optional; default year 1)"),
                parentLayerParameterName=self.PARCELS, optional=True,
            )
        )  # fmt: skip
        self.addParameter(
            QgsProcessingParameterString(
                self.TARGET_REGION, self.tr("水土保持率 target (target_id of swc_targets.csv; empty = none)"),
                defaultValue="CN-2025", optional=True,
            )
        )  # fmt: skip
        for key, table in self.TABLE_FILES:
            p = QgsProcessingParameterFile(
                key, self.tr("Table {0} (CSV; default: the bundled one)").format(table), extension="csv", optional=True
            )
            p.setFlags(p.flags() | p.Flag.FlagAdvanced)
            self.addParameter(p)
        p = QgsProcessingParameterFile(
            self.CATALOGUE, self.tr("Measure catalogue (CSV; default: measures.csv)"), extension="csv", optional=True
        )
        p.setFlags(p.flags() | p.Flag.FlagAdvanced)
        self.addParameter(p)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_PARCELS, self.tr("Parcels: soil loss before and after"),
                QgsProcessing.SourceType.TypeVectorPolygon, optional=True,
            )
        )  # fmt: skip
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT_WATERSHEDS, self.tr("Benefits per small watershed"), vector)
        )
        for key, label in (
            (self.OUTPUT_BY_YEAR, self.tr("Benefits by year")),
            (self.OUTPUT_D020, self.tr("D.0.20 benefit results (蓄水, 保土, 直接经济效益)")),
            (self.OUTPUT_D021, self.tr("D.0.21 economic evaluation (NPV, IRR)")),
        ):
            self.addParameter(QgsProcessingParameterFeatureSink(key, label, vector, optional=True))
        for key, label in (
            (self.SOIL_CONSERVED_T_A, self.tr("Soil conserved, whole area (t/a)")),
            (self.SWC_RATE_CURRENT_PCT, self.tr("水土保持率 now, whole area (%)")),
            (self.SWC_RATE_PLANNED_PCT, self.tr("水土保持率 after the plan, whole area (%)")),
        ):
            self.addOutput(QgsProcessingOutputNumber(key, label))

    def compute(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> dict:
        source = self.parameterAsSource(parameters, self.PARCELS, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.PARCELS))
        parcels = read_features(source, source.sourceCrs(), context, feedback, value=parameters.get(self.PARCELS))
        params = load_plugin_params()
        explicit = {table: self.parameterAsFile(parameters, key, context) or None for key, table in self.TABLE_FILES}
        tables = load_benefit_tables(explicit)
        catalogue_file = table_path("measures.csv", self.parameterAsFile(parameters, self.CATALOGUE, context) or None)
        catalogue = load_catalogue(catalogue_file, plugin_measure_references(params))
        year_field = self.parameterAsString(parameters, self.YEAR_FIELD, context)
        region = self.parameterAsEnum(parameters, self.EROSION_REGION, context)
        tolerance = tolerance_of(params, region, self.parameterAsDouble(parameters, self.TOLERANCE_T_KM2_A, context))
        result = core.evaluate(
            core.BenefitInputs(
                parcels=parcels.attrs,
                params=params,
                catalogue=catalogue,
                tables=tables,
                tolerance_t_km2_a=tolerance,
                years=self.parameterAsInt(parameters, self.YEARS, context),
                discount_rate_pct=self.number_or_default(parameters, self.DISCOUNT_RATE_PCT, context),
                target_id=(self.parameterAsString(parameters, self.TARGET_REGION, context) or "").strip() or None,
                works=self._table(parameters, self.WORKS_QUANTITIES, context),
                investment_by_ws=self._table(parameters, self.INVESTMENT_BY_WS, context),
                dam_params=load_dam_params(),
                implementation_years=parcels.attrs.get(year_field) if year_field else None,
                layer_name=source.sourceName(),
            )
        )
        feedback.setProgress(70)
        crs = source.sourceCrs()
        outputs = {self.OUTPUT_WATERSHEDS: self._write_units(parameters, context, result.units, crs)}
        if parameters.get(self.OUTPUT_PARCELS) is not None:
            outputs[self.OUTPUT_PARCELS] = self._write_parcels(parameters, context, parcels, result.parcels, crs)
        for key, frame in ((self.OUTPUT_BY_YEAR, result.by_year), (self.OUTPUT_D020, result.d020),
                           (self.OUTPUT_D021, result.d021)):  # fmt: skip
            if parameters.get(key) is not None:
                outputs[key] = self._write_table(parameters, key, context, frame)
        self._log(feedback, result, tables)
        whole = result.whole
        return {
            **outputs,
            self.SOIL_CONSERVED_T_A: float(whole["soil_conserved_t_a"]),
            self.SWC_RATE_CURRENT_PCT: _value(whole["swc_rate_current_pct"]),
            self.SWC_RATE_PLANNED_PCT: _value(whole["swc_rate_planned_pct"]),
        }

    # -- inputs -------------------------------------------------------------------------------
    def _table(self, parameters: dict, key: str, context: QgsProcessingContext) -> dict | None:
        """An optional table's attribute columns (field → values, None = NULL), or None when not given."""
        source = self.parameterAsSource(parameters, key, context)
        if source is None:
            return None
        fields = source.fields().names()
        columns: dict = {name: [] for name in fields}
        for feature in source.getFeatures():
            for name, value in zip(fields, feature.attributes()):
                columns[name].append(_clean(value))
        return columns

    # -- outputs ------------------------------------------------------------------------------
    def _sink(self, parameters, key, context, fields: QgsFields, wkb_type, crs):
        sink, dest = self.parameterAsSink(parameters, key, context, fields, wkb_type, crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, key))
        return sink, dest

    def _write_table(self, parameters: dict, key: str, context: QgsProcessingContext, frame: pd.DataFrame) -> str:
        fields = make_fields(_spec(frame.columns))
        sink, dest = self._sink(
            parameters, key, context, fields, QgsWkbTypes.Type.NoGeometry, QgsCoordinateReferenceSystem()
        )
        for row in frame.itertuples(index=False):
            feature = QgsFeature(fields)
            feature.setAttributes([_value(v) for v in row])
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        return dest

    def _write_parcels(self, parameters, context, parcels, frame: pd.DataFrame, crs) -> str:
        fields = make_fields(_spec(frame.columns))
        sink, dest = self._sink(parameters, self.OUTPUT_PARCELS, context, fields, QgsWkbTypes.Type.MultiPolygon, crs)
        for wkb, row in zip(parcels.multi_wkb(), frame.itertuples(index=False)):
            feature = QgsFeature(fields)
            geometry = QgsGeometry()
            geometry.fromWkb(wkb)
            feature.setGeometry(geometry)
            feature.setAttributes([_value(v) for v in row])
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        return dest

    def _write_units(self, parameters: dict, context: QgsProcessingContext, units: pd.DataFrame, crs) -> str:
        """The unit table; with WATERSHEDS a polygon layer: each watershed's own fields and polygon, ALL the union."""
        ws_source = self.parameterAsSource(parameters, self.WATERSHEDS, context)
        if ws_source is None:
            return self._write_table(parameters, self.OUTPUT_WATERSHEDS, context, units)
        watersheds = read_features(ws_source, crs, context, None, value=parameters.get(self.WATERSHEDS))
        ours = set(units.columns)
        kept = [f for f in ws_source.fields() if f.name() not in ours and f.name().lower() != "fid"]
        fields = QgsFields()
        for f in kept:
            fields.append(QgsField(f))
        for f in make_fields(_spec(units.columns)):
            fields.append(f)
        codes = [code_text(v) for v in watersheds.attrs.get("ws_code", [None] * len(watersheds))]
        where = {c: i for i, c in enumerate(codes) if c}
        geoms = shapely.from_wkb(watersheds.wkb) if watersheds.wkb else np.array([])
        whole = shapely.to_wkb(shapely.union_all(geoms)) if len(geoms) else None
        sink, dest = self._sink(parameters, self.OUTPUT_WATERSHEDS, context, fields, QgsWkbTypes.Type.MultiPolygon, crs)
        multi = watersheds.multi_wkb()
        for row in units.itertuples(index=False):
            feature = QgsFeature(fields)
            i = where.get(row.ws_code)
            wkb = multi[i] if i is not None else (whole if row.ws_code == ALL else None)
            if wkb is not None:
                geometry = QgsGeometry()
                geometry.fromWkb(wkb)
                if not geometry.isMultipart():
                    geometry.convertToMultiType()
                feature.setGeometry(geometry)
            own = [watersheds.attrs[f.name()][i] if i is not None else None for f in kept]
            feature.setAttributes(own + [_value(v) for v in row])
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        return dest

    def _log(self, feedback: QgsProcessingFeedback, result: core.BenefitResult, tables: core.BenefitTables) -> None:
        for name, path in tables.files.items():
            feedback.pushInfo(self.tr("Table {0}: {1}").format(name, path))
        for note in result.notes:
            feedback.pushWarning(user_message(core.BenefitNote(text=note)))
        w = result.whole
        feedback.pushInfo(
            self.tr("Allowable soil loss {0:g} t/(km²·a); evaluation period {1} years; discount rate {2:g} %.").format(
                result.tolerance_t_km2_a, result.years, result.discount_rate_pct
            )
        )
        feedback.pushInfo(
            self.tr("Whole area: soil loss {0:,.1f} → {1:,.1f} t/a, soil conserved {2:,.1f} t/a ({3:.4f} 万t).").format(
                w["soil_loss_current_t_a"], w["soil_loss_planned_t_a"], w["soil_conserved_t_a"],
                w["soil_conserved_wan_t_a"],
            )
        )  # fmt: skip
        feedback.pushInfo(
            self.tr("水土保持率 {0:.2f} % → {1:.2f} %; 水土流失面积 {2:.3f} → {3:.3f} km²; 治理度 {4:.1f} %.").format(
                w["swc_rate_current_pct"], w["swc_rate_planned_pct"], w["eroded_area_current_km2"],
                w["eroded_area_planned_km2"], w["treatment_degree_pct"],
            )
        )  # fmt: skip
        if result.target is not None:
            feedback.pushInfo(
                self.tr("Target {0} ({1} {2}): {3:g} %; gap after the plan {4:+.2f} points.").format(
                    result.target.target_id, result.target.region_zh, result.target.target_year,
                    result.target.swc_rate_pct, w["swc_gap_planned_pct"],
                )
            )  # fmt: skip
