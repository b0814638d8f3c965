"""``sbplanner:summarise_watersheds`` — per-watershed tables from analysed parcels.

Thin: the analysed parcels (and step 1's small watersheds) are read with
``adapters.features.read_features``; ``core.summaries.summarise`` builds the tables; they go to the
sinks (into the plan GeoPackage when one is given).
"""

from __future__ import annotations

import pandas as pd
from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsWkbTypes,
)

from sbplanner_plugin.adapters.features import read_features
from sbplanner_plugin.adapters.param_files import load_plugin_params
from sbplanner_plugin.adapters.plan_store import PlanStore
from sbplanner_plugin.core import summaries
from sbplanner_plugin.core.errors import NotAnalysedParcelsError
from sbplanner_plugin.core.summaries import NEEDED, SummaryInputs, SummaryResult
from sbplanner_plugin.processing.base import DOUBLE, STRING, SbAlgorithm, _clean

__all__ = ["TABLES", "SummariseWatersheds"]

#: Output key → plan GeoPackage table name.
TABLES = {
    "OUTPUT_LANDUSE_SLOPE": "ws_landuse_slope",
    "OUTPUT_D010": "ws_d010",
    "OUTPUT_D011": "ws_d011",
    "OUTPUT_D05": "ws_d05",
    "OUTPUT_INDICATORS": "ws_indicators",
}


class SummariseWatersheds(SbAlgorithm):
    PARCELS = "PARCELS"
    WATERSHEDS = "WATERSHEDS"
    SLOPE_SYSTEM = "SLOPE_SYSTEM"
    PLAN = "PLAN"

    group_id = "parcels"

    def group(self) -> str:
        return self.tr("2 · Parcels and erosion")

    def name(self) -> str:
        return "summarise_watersheds"

    def displayName(self) -> str:
        return self.tr("Summarise small watersheds (SL/T 447 D.0.5, D.0.10, D.0.11, 水土保持率)")

    def shortHelpString(self) -> str:
        return self.tr(
            "Tables per small watershed (and a row ALL for the whole area) from the output of 'Analyse "
            "parcels': land use × slope class (hm²), SL/T 447 D.0.10 land slope composition, D.0.11 "
            "sloping-cropland slope composition, D.0.5 soil-erosion status (area and % per intensity class, "
            "mean modulus, gully density from step 1) and the indicators 水土流失面积, 水土保持率 = (land area "
            "− eroded area) / land area and 林草覆盖率.\n\nWith a plan GeoPackage the tables are written into it "
            "(ws_landuse_slope, ws_d010, ws_d011, ws_d05, ws_indicators)."
        )

    def initAlgorithm(self, config=None) -> None:
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.PARCELS, self.tr("Analysed parcels"), [QgsProcessing.SourceType.TypeVectorPolygon]
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.WATERSHEDS,
                self.tr("Small watersheds (for gully density)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.SLOPE_SYSTEM,
                self.tr("Slope classes of the land-use table"),
                [
                    self.tr("SL 190 surface-erosion classes"),
                    self.tr("SL/T 447 D.0.10 land slope composition"),
                    self.tr("SL/T 447 D.0.11 sloping-cropland slope composition"),
                    self.tr("三调 cropland slope grade GDPDJB"),
                    self.tr("As analysed (the parcels' own slope classes)"),
                ],
                defaultValue=1,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.PLAN, self.tr("Plan GeoPackage (tables are written into it)"), extension="gpkg", optional=True
            )
        )
        names = {
            "OUTPUT_LANDUSE_SLOPE": self.tr("Land use by slope class"),
            "OUTPUT_D010": self.tr("D.0.10 land slope composition"),
            "OUTPUT_D011": self.tr("D.0.11 sloping-cropland slope composition"),
            "OUTPUT_D05": self.tr("D.0.5 soil-erosion status"),
            "OUTPUT_INDICATORS": self.tr("Indicators (水土保持率, 林草覆盖率)"),
        }
        for key, label in names.items():
            self.addParameter(
                QgsProcessingParameterFeatureSink(
                    key, label, QgsProcessing.SourceType.TypeVector, optional=True, createByDefault=True
                )
            )

    def _read(self, parameters: dict, key: str, context, feedback) -> dict | None:
        """The attribute columns of a vector input (None when not given)."""
        source = self.parameterAsSource(parameters, key, context)
        if source is None:
            return None
        features = read_features(
            source, source.sourceCrs(), context, feedback, value=parameters.get(key), geometry=None
        )
        return features.attrs

    def compute(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> dict:
        parcels = self._read(parameters, self.PARCELS, context, feedback)
        if parcels is None:
            raise NotAnalysedParcelsError(field=NEEDED[0])
        result = summaries.summarise(
            SummaryInputs(
                parcels=parcels,
                params=load_plugin_params(),
                slope_system=self.parameterAsEnum(parameters, self.SLOPE_SYSTEM, context),
                watersheds=self._read(parameters, self.WATERSHEDS, context, feedback),
            )
        )
        if result.as_analysed:
            feedback.pushInfo(self.tr("Land-use table uses the slope classes the parcels were analysed with."))
        results = self._write_tables(parameters, context, result)
        if not results:
            raise QgsProcessingException(self.tr("No output table was requested."))
        total = result.whole
        feedback.pushInfo(
            self.tr("Whole area: {0:.3f} km², eroded {1:.3f} km², 水土保持率 {2:.1f} %, 林草覆盖率 {3:.1f} %").format(
                total["land_area_km2"], total["eroded_area_km2"], total["swc_rate_pct"], total["forest_grass_cover_pct"]
            )
        )
        return results

    def _write_tables(self, parameters: dict, context: QgsProcessingContext, result: SummaryResult) -> dict:
        """Each requested table into its sink; with PLAN, into the plan GeoPackage by default."""
        plan = self.parameterAsFile(parameters, self.PLAN, context)
        store = PlanStore(plan) if plan else None
        if store is not None:
            store.ensure()
        results = {}
        for key, name in TABLES.items():
            frame: pd.DataFrame = result.tables[name]
            dest_param = parameters.get(key)
            if store is not None and (
                dest_param in (None, "", "TEMPORARY_OUTPUT") or str(dest_param).startswith("memory:")
            ):
                parameters[key] = store.destination(name).replace(" (geom)", "")
            fields = QgsFields()
            for col in frame.columns:
                kind = STRING if frame[col].dtype == object else DOUBLE
                fields.append(QgsField(str(col), kind))
            sink, dest = self.parameterAsSink(parameters, key, context, fields, QgsWkbTypes.Type.NoGeometry)
            if sink is None:
                continue
            for rec in frame.itertuples(index=False):
                feat = QgsFeature(fields)
                feat.setAttributes([_clean(v) if not isinstance(v, str) else v for v in rec])
                sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert)
            results[key] = dest
        return results
