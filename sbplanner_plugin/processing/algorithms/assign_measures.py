"""``sbplanner:assign_measures`` — default measures per parcel from the catalogue and the rules (step 3)."""

from __future__ import annotations

import os
import re

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication

from sbplanner_plugin.adapters.features import FeatureColumns, read_features, report
from sbplanner_plugin.adapters.param_files import MeasureTables, load_measure_tables
from sbplanner_plugin.core import measures as core
from sbplanner_plugin.processing.base import STRING, SbAlgorithm, _clean
from sbplanner_plugin.processing.base import message_text as base_message_text

#: Output fields added to the parcels (all text).
OUTPUT_FIELDS = core.OUTPUT_COLUMNS


_OGR_DESTINATION = re.compile(r"""^ogr:dbname='(?P<path>.+)' table="(?P<table>[^"]+)"(?: \(\w+\))?$""")


def existing_output(destination: str) -> str | None:
    """The OGR layer URI of a sink destination that names an existing GeoPackage layer (a plan's
    ``ogr:dbname='…' table="…" (geom)`` or ``file.gpkg|layername=…``); None otherwise."""
    match = _OGR_DESTINATION.match(destination or "")
    if match:
        path, table = match["path"], match["table"]
    else:
        path, _sep, rest = (destination or "").partition("|layername=")
        table = rest.split("|")[0] if rest else ""
    if not path.lower().endswith(".gpkg") or not os.path.isfile(path) or not table:
        return None
    layer = QgsVectorLayer(f"{path}|layername={table}", "probe", "ogr")
    return f"{path}|layername={table}" if layer.isValid() else None


def message_text(message: core.Message) -> str:
    """A core message translated (context SbPlannerMeasures) and filled in."""
    return message.translated(QCoreApplication.translate)


class AssignMeasures(SbAlgorithm):
    PARCELS = "PARCELS"
    RULES = "RULES"
    CATALOGUE = "CATALOGUE"
    REGION = "REGION"
    SOIL_DEPTH_FIELD = "SOIL_DEPTH_FIELD"
    RETIRE_EXEMPT_FIELD = "RETIRE_EXEMPT_FIELD"
    COVER_FIELD = "COVER_FIELD"
    CANOPY_FIELD = "CANOPY_FIELD"
    SLOPE_LIMIT_DEG = "SLOPE_LIMIT_DEG"
    NO_CULTIVATION_AREAS = "NO_CULTIVATION_AREAS"
    BENGGANG_FIELD = "BENGGANG_FIELD"
    TERRACE_DAMAGE_FIELD = "TERRACE_DAMAGE_FIELD"
    PREVIOUS_LAYOUT = "PREVIOUS_LAYOUT"
    DISCARD_DECISIONS = "DISCARD_DECISIONS"
    OUTPUT_PARCELS = "OUTPUT_PARCELS"
    KEPT_PARCELS = "KEPT_PARCELS"
    plan_layers = ((OUTPUT_PARCELS, "parcels_measures"),)

    group_id = "measures"

    def group(self) -> str:
        return self.tr("3 · Measures")

    def name(self) -> str:
        return "assign_measures"

    def displayName(self) -> str:
        return self.tr("Assign measures to parcels (rule-based default layout)")

    def shortHelpString(self) -> str:
        return self.tr(
            "Proposes a soil and water conservation measure for every parcel analysed in step 2 (措施配置): "
            "ordered first-match rules on land use, mean slope, erosion class, 三调 GDLX (TT = already "
            "terraced), soil depth, vegetation cover, canopy closure and the erosion-type region. Several "
            "measures may combine on one parcel (e.g. 水平梯田 + 地埂植物带); the first is the primary measure.\n\n"
            "Slope bounds are lower-inclusive and upper-exclusive: a 15.0° parcel is in [15°, 25°).\n\n"
            "Built in and not switchable off: the Soil and Water Conservation Law (《水土保持法》 第二十条, and "
            "the article on existing steep cropping) — cropland (except paddies) beyond the prohibited-cultivation "
            "slope is retired to forest and grass (退耕还林还草) unless the exemption field flags it 退耕确有困难; a "
            "rule that would keep it cropped is overridden and named in the log. The slope limit is 25° by the law; "
            "give a province's smaller limit (e.g. 15°). Evidence, in this order: a parcel with at least 50 % of its "
            "area inside the county's prohibited-cultivation area (禁垦范围, optional layer); the 三调 slope grade "
            "GDPDJB when the layer has it (1 ≤ 2°, 2 ≤ 6°, 3 ≤ 15°, 4 ≤ 25°, 5 > 25°) — a grade whose whole class lies "
            "above the limit decides (grade 5 at 25°; grades 4 and 5 at 15°; at a limit that is not a class bound, "
            "such as 20°, only grade 5); otherwise the DEM mean slope ≥ the limit. The reason field names the "
            "evidence used. "
            "Terraced parcels (GDLX = TT) never get another terrace. Built-up land, water and paddies get no "
            "measure. 微度 (slight) parcels get no measure by default: they are not eroded land, and a measure "
            "given to one by hand counts as prevention/protection (预防/保护), not as treated area (治理面积).\n\n"
            "Optional flag fields: parcels marked 崩岗 get 崩岗 treatment (削坡减级, 崩壁小台阶, 植被恢复); "
            "terraced parcels marked damaged get terrace repair (梯田修复).\n\n"
            "Output: the input fields plus measure_code, measure_name, measure_category, measure_codes, "
            "measure_names, rule_id, reason (why, in Chinese), status = proposed, measure_params and steep_cropland "
            "(the evidence that put cropland beyond the slope limit: dem, gdpdjb or no_cultivation_area). The "
            "catalogue (measures.csv) and the rules (assignment_rules.csv) are editable CSV tables under "
            "resources/params; copies in <QGIS profile>/sbplanner/params override them."
        )

    def initAlgorithm(self, config=None) -> None:
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.PARCELS, self.tr("Analysed parcels (from step 2)"), [QgsProcessing.SourceType.TypeVectorPolygon]
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.RULES,
                self.tr("Assignment rules (CSV; default: the bundled rules)"),
                extension="csv",
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
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SLOPE_LIMIT_DEG,
                self.tr("Prohibited-cultivation slope limit (°; 25 by the law, smaller where the province says so)"),
                QgsProcessingParameterNumber.Type.Double,
                defaultValue=core.STEEP_CROPLAND_DEG,
                minValue=1.0,
                maxValue=89.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.NO_CULTIVATION_AREAS,
                self.tr("Prohibited-cultivation areas (禁垦范围, polygons; optional)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        for key, label, kind in (
            (self.SOIL_DEPTH_FIELD, self.tr("Soil depth field (m)"), QgsProcessingParameterField.DataType.Numeric),
            (
                self.RETIRE_EXEMPT_FIELD,
                self.tr("Exemption field: retiring cropland is impracticable (退耕确有困难, true/1)"),
                QgsProcessingParameterField.DataType.Any,
            ),
            (
                self.COVER_FIELD,
                self.tr("Vegetation cover field (0–1 or %; default FVC)"),
                QgsProcessingParameterField.DataType.Numeric,
            ),
            (
                self.CANOPY_FIELD,
                self.tr("Canopy closure field (0–1; default YBD)"),
                QgsProcessingParameterField.DataType.Numeric,
            ),
            (
                self.BENGGANG_FIELD,
                self.tr("崩岗 flag field (true/1: the parcel is a 崩岗)"),
                QgsProcessingParameterField.DataType.Any,
            ),
            (
                self.TERRACE_DAMAGE_FIELD,
                self.tr("Damaged-terrace flag field (true/1: terrace risers damaged, 梯田修复)"),
                QgsProcessingParameterField.DataType.Any,
            ),
        ):
            self.addParameter(
                QgsProcessingParameterField(key, label, parentLayerParameterName=self.PARCELS, type=kind, optional=True)
            )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.PREVIOUS_LAYOUT,
                self.tr("Previous layout: its confirmed and overridden parcels are kept (optional)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        p = QgsProcessingParameterBoolean(
            self.DISCARD_DECISIONS,
            self.tr("Start afresh: discard the confirmed/overridden parcels of an existing output layer"),
            defaultValue=False,
        )
        p.setFlags(p.flags() | p.Flag.FlagAdvanced)
        self.addParameter(p)
        p = QgsProcessingParameterFile(
            self.CATALOGUE,
            self.tr("Measure catalogue (CSV; default: the bundled catalogue)"),
            extension="csv",
            optional=True,
        )
        p.setFlags(p.flags() | p.Flag.FlagAdvanced)
        self.addParameter(p)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_PARCELS, self.tr("Parcels with measures"), QgsProcessing.SourceType.TypeVectorPolygon
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.KEPT_PARCELS, self.tr("Confirmed/overridden parcels kept")))

    def compute(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> dict:
        source = self.parameterAsSource(parameters, self.PARCELS, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.PARCELS))
        features = read_features(source, source.sourceCrs(), context, feedback, value=parameters.get(self.PARCELS))
        report(features, feedback, self.tr("parcels"))
        feedback.setProgress(40)
        tables = load_measure_tables(
            self.parameterAsFile(parameters, self.CATALOGUE, context),
            self.parameterAsFile(parameters, self.RULES, context),
        )
        self._log_tables(feedback, tables)
        zones = self.parameterAsSource(parameters, self.NO_CULTIVATION_AREAS, context)
        if zones is not None:
            zones = read_features(zones, source.sourceCrs(), context, feedback)
            report(zones, feedback, self.tr("prohibited-cultivation areas"))
        previous = self._previous(parameters, context, feedback, source)
        field = lambda key: self.parameterAsString(parameters, key, context)  # noqa: E731
        result = core.assign_layer(
            core.AssignInputs(
                columns=features.attrs,
                catalogue=tables.catalogue,
                rules=tables.rules,
                region=self.parameterAsEnum(parameters, self.REGION, context),
                soil_depth_field=field(self.SOIL_DEPTH_FIELD),
                retire_exempt_field=field(self.RETIRE_EXEMPT_FIELD),
                cover_field=field(self.COVER_FIELD),
                canopy_field=field(self.CANOPY_FIELD),
                slope_limit_deg=self.parameterAsDouble(parameters, self.SLOPE_LIMIT_DEG, context),
                benggang_field=field(self.BENGGANG_FIELD),
                terrace_damage_field=field(self.TERRACE_DAMAGE_FIELD),
                geometries=features.wkb,
                ids=features.ids,
                overlap_min_area=1e-10 if source.sourceCrs().isGeographic() else None,
                no_cultivation_areas=zones.wkb if zones is not None else None,
                previous=previous.attrs if previous is not None else None,
                previous_geometries=previous.wkb if previous is not None else None,
            )
        )
        for column, name in result.fields_used.items():
            feedback.pushInfo(self.tr("{0} from field {1}").format(column, name))
        for message in result.messages:
            feedback.pushWarning(message_text(message))
        for note in result.notes:  # overlapping parcels, decisions that found no parcel
            feedback.pushWarning(base_message_text(note))
        feedback.setProgress(60)
        dest = self._write_parcels(parameters, context, source, features, result)
        feedback.setProgress(95)
        self._log_summary(feedback, result)
        return {self.OUTPUT_PARCELS: dest, self.KEPT_PARCELS: result.kept}

    def _previous(self, parameters: dict, context, feedback, source) -> FeatureColumns | None:
        """The previous layout whose confirmed / overridden parcels are kept: PREVIOUS_LAYOUT, else the output
        layer itself when it exists already (a re-proposal into the plan's parcels_measures without
        PREVIOUS_LAYOUT would otherwise discard the engineer's decisions silently) unless DISCARD_DECISIONS."""
        previous = self.parameterAsSource(parameters, self.PREVIOUS_LAYOUT, context)
        if previous is None and not self.parameterAsBoolean(parameters, self.DISCARD_DECISIONS, context):
            uri = existing_output(self.final_output(parameters, self.OUTPUT_PARCELS, context))
            if uri is None:
                return None
            layer = QgsVectorLayer(uri, "previous", "ogr")
            if not layer.isValid() or "status" not in layer.fields().names():
                return None
            feedback.pushInfo(
                self.tr("The output layer exists: its confirmed/overridden parcels are kept ({0}).").format(uri)
            )
            previous = QgsProcessingFeatureSource(layer, context, True)
        if previous is None:
            return None
        return read_features(previous, source.sourceCrs(), context, feedback)

    def _log_tables(self, feedback: QgsProcessingFeedback, tables: MeasureTables) -> None:
        catalogue = tables.catalogue
        feedback.pushInfo(
            self.tr("Measure catalogue: {0} ({1} measures, sha1 {2})").format(
                tables.catalogue_path, len(catalogue), catalogue.sha1
            )
        )
        feedback.pushInfo(self.tr("Assignment rules: {0} ({1} rules)").format(tables.rules_path, len(tables.rules)))

    def _write_parcels(
        self, parameters: dict, context: QgsProcessingContext, source, features: FeatureColumns, result
    ) -> str:
        """The input parcels (their fields except ``fid`` and earlier measure fields) + the measure fields."""
        ours = set(OUTPUT_FIELDS)
        kept = [f for f in source.fields() if f.name() not in ours and f.name().lower() != "fid"]
        fields = QgsFields()
        for f in kept:
            fields.append(QgsField(f))
        for name in OUTPUT_FIELDS:
            fields.append(QgsField(name, STRING))
        sink, dest = self.parameterAsSink(
            parameters, self.OUTPUT_PARCELS, context, fields, source.wkbType(), source.sourceCrs()
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT_PARCELS))
        inputs = [features.attrs[f.name()] for f in kept]
        for i, (wkb, measures) in enumerate(zip(features.wkb, result.output_values())):
            out = QgsFeature(fields)
            geometry = QgsGeometry()
            geometry.fromWkb(wkb)
            out.setGeometry(geometry)
            out.setAttributes([column[i] for column in inputs] + [_clean(v) for v in measures])
            sink.addFeature(out, QgsFeatureSink.Flag.FastInsert)
        return dest

    def _log_summary(self, feedback: QgsProcessingFeedback, result: core.AssignResult) -> None:
        if result.kept:
            feedback.pushInfo(
                self.tr("{0} confirmed/overridden parcels kept from the previous layout.").format(result.kept)
            )
        feedback.pushInfo(self.tr("Proposed measures (area counted once, under the primary measure):"))
        for row in result.summary.itertuples(index=False):
            feedback.pushInfo(
                self.tr("  {0} {1}: {2:.2f} hm², {3} parcels").format(
                    row.measure_name,
                    f"({row.measure_code}{', ' + row.treatment if row.treatment else ''})" if row.measure_code else "",
                    row.area_ha,
                    row.parcels,
                )
            )
        area = result.area_ha()
        feedback.pushInfo(
            self.tr(
                "{0} parcels; {1:.2f} hm² treated (治理, within the eroded area), {2:.2f} hm² prevention/protection "
                "(预防/保护: measures on 微度 land), {3:.2f} hm² without a measure."
            ).format(result.parcels, area.treated, area.protection, area.untreated)
        )
