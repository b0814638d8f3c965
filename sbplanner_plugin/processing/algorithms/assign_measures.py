"""``sbplanner:assign_measures`` — default measures per parcel from the catalogue and the rules (step 3)."""

from __future__ import annotations

import math

import pandas as pd
from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingFeedback,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
)
from qgis.PyQt.QtCore import QCoreApplication

from sbplanner_plugin.adapters.param_files import load_catalogue, load_plugin_params, load_rules, table_path
from sbplanner_plugin.core import measures as core
from sbplanner_plugin.core.definitions import code_text
from sbplanner_plugin.processing.algorithms.analyse_parcels import _number
from sbplanner_plugin.processing.algorithms.summarise_watersheds import NotAnalysedParcelsError
from sbplanner_plugin.processing.base import STRING, SbAlgorithm, _clean

#: Output fields added to the parcels (all text).
OUTPUT_FIELDS = core.OUTPUT_COLUMNS
REQUIRED = ("landuse_code", "slope_mean_deg", "erosion_class")
COVER_FIELDS = ("fvc", "cover", "veg_cover")
CANOPY_FIELDS = ("ybd", "canopy", "canopy_closure")


def message_text(message: core.Message) -> str:
    """A core message translated (context SbPlannerMeasures) and filled in."""
    template = QCoreApplication.translate(core.MSG_CONTEXT, message.template)
    try:
        return template.format(**message.params)
    except (KeyError, IndexError, ValueError):
        return message.text


def _value(value: object) -> object:
    if value is None or str(value) == "NULL":
        return None
    return value


class AssignMeasures(SbAlgorithm):
    PARCELS = "PARCELS"
    RULES = "RULES"
    CATALOGUE = "CATALOGUE"
    REGION = "REGION"
    SOIL_DEPTH_FIELD = "SOIL_DEPTH_FIELD"
    RETIRE_EXEMPT_FIELD = "RETIRE_EXEMPT_FIELD"
    COVER_FIELD = "COVER_FIELD"
    CANOPY_FIELD = "CANOPY_FIELD"
    OUTPUT_PARCELS = "OUTPUT_PARCELS"

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
            "the article on existing steep cropping) — cropland (except paddies) on 25° or more is retired to "
            "forest and grass (退耕还林还草) unless the exemption field flags it 退耕确有困难; a rule that would "
            "keep it cropped is overridden and named in the log. Terraced parcels (GDLX = TT) never get "
            "another terrace. Built-up land, water and paddies get no measure.\n\n"
            "Output: the input fields plus measure_code, measure_name, measure_category, measure_codes, "
            "measure_names, rule_id, reason (why, in Chinese) and status = proposed. The catalogue "
            "(measures.csv) and the rules (assignment_rules.csv) are editable CSV tables under "
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
        ):
            self.addParameter(
                QgsProcessingParameterField(key, label, parentLayerParameterName=self.PARCELS, type=kind, optional=True)
            )
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

    def compute(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> dict:
        source = self.parameterAsSource(parameters, self.PARCELS, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.PARCELS))
        names = source.fields().names()
        lower = {n.lower(): n for n in names}
        for needed in REQUIRED:
            if needed not in names:
                raise NotAnalysedParcelsError(field=needed)

        def chosen(key: str, candidates: tuple[str, ...] = ()) -> str | None:
            wanted = self.parameterAsString(parameters, key, context)
            if wanted:
                return wanted if wanted in names else None
            return next((lower[c] for c in candidates if c in lower), None)

        fields_in = {
            "gdlx": lower.get("gdlx"),
            "soil_depth_m": chosen(self.SOIL_DEPTH_FIELD),
            "retire_exempt": chosen(self.RETIRE_EXEMPT_FIELD),
            "cover": chosen(self.COVER_FIELD, COVER_FIELDS),
            "canopy": chosen(self.CANOPY_FIELD, CANOPY_FIELDS),
        }
        params = load_plugin_params()
        references = {"E": set(params.e_factor), "T": set(params.t_factor), "B": set(params.b_rules)}
        catalogue_path = table_path("measures.csv", self.parameterAsFile(parameters, self.CATALOGUE, context))
        rules_path = table_path("assignment_rules.csv", self.parameterAsFile(parameters, self.RULES, context))
        catalogue = load_catalogue(catalogue_path, references)
        rules = load_rules(rules_path, catalogue)
        region = self.parameterAsEnum(parameters, self.REGION, context)
        feedback.pushInfo(
            self.tr("Measure catalogue: {0} ({1} measures, sha1 {2})").format(
                catalogue_path, len(catalogue), catalogue.sha1
            )
        )
        feedback.pushInfo(self.tr("Assignment rules: {0} ({1} rules)").format(rules_path, len(rules)))
        for column, field in fields_in.items():
            if field:
                feedback.pushInfo(self.tr("{0} from field {1}").format(column, field))

        request = QgsFeatureRequest().setInvalidGeometryCheck(QgsFeatureRequest.InvalidGeometryCheck.GeometryNoCheck)
        feats = []
        records = []
        total = source.featureCount() or 1
        for k, feat in enumerate(
            source.getFeatures(request, QgsProcessingFeatureSource.Flag.FlagSkipGeometryValidityChecks)
        ):
            if feedback.isCanceled():
                raise QgsProcessingException(self.tr("Cancelled."))
            feats.append(feat)
            rec = {
                "landuse_code": code_text(_value(feat["landuse_code"])),
                "landuse_name": _value(feat["landuse_name"]) if "landuse_name" in names else None,
                "slope_mean_deg": _number(_value(feat["slope_mean_deg"])),
                "erosion_class": _value(feat["erosion_class"]),
                "area_ha": _number(_value(feat["area_ha"])) if "area_ha" in names else math.nan,
            }
            for column, field in fields_in.items():
                if field:
                    raw = _value(feat[field])
                    rec[column] = _number(raw) if column in ("soil_depth_m", "cover", "canopy") else raw
            records.append(rec)
            if k % 1000 == 0:
                feedback.setProgress(40.0 * k / total)
        frame = pd.DataFrame.from_records(records, columns=["landuse_code", "landuse_name", "slope_mean_deg",
                                                             "erosion_class", "area_ha",
                                                             *[c for c, f in fields_in.items() if f]])  # fmt: skip
        warnings: list[core.Message] = []
        assigned = core.assign(frame, catalogue, rules, region, warnings.append)
        for message in warnings:
            feedback.pushWarning(message_text(message))
        feedback.setProgress(60)

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
        columns = {name: assigned[name].tolist() for name in OUTPUT_FIELDS}
        for i, feat in enumerate(feats):
            out = QgsFeature(fields)
            out.setGeometry(feat.geometry())
            values = [feat[f.name()] for f in kept]
            values += [_clean(columns[name][i]) for name in OUTPUT_FIELDS]
            out.setAttributes(values)
            sink.addFeature(out, QgsFeatureSink.Flag.FastInsert)
        feedback.setProgress(95)

        summary = core.summarise(assigned, catalogue)
        feedback.pushInfo(self.tr("Proposed measures (area counted once, under the primary measure):"))
        for row in summary.itertuples(index=False):
            feedback.pushInfo(
                self.tr("  {0} {1}: {2:.2f} hm², {3} parcels").format(
                    row.measure_name, f"({row.measure_code})" if row.measure_code else "", row.area_ha, row.parcels
                )
            )
        treated = float(summary.loc[summary["measure_code"] != "", "area_ha"].sum())
        feedback.pushInfo(
            self.tr("{0} parcels; {1:.2f} hm² with a measure, {2:.2f} hm² without.").format(
                len(feats), treated, float(summary["area_ha"].sum()) - treated
            )
        )
        return {self.OUTPUT_PARCELS: dest}
