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
    QgsProcessingParameterField,
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
    "OUTPUT_VIL_LANDUSE_SLOPE": "vil_landuse_slope",
    "OUTPUT_VIL_D010": "vil_d010",
    "OUTPUT_VIL_D011": "vil_d011",
    "OUTPUT_VIL_D05": "vil_d05",
    "OUTPUT_VIL_INDICATORS": "vil_indicators",
}


class SummariseWatersheds(SbAlgorithm):
    PARCELS = "PARCELS"
    WATERSHEDS = "WATERSHEDS"
    GULLIES = "GULLIES"
    VILLAGE_FIELD = "VILLAGE_FIELD"
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
            "mean modulus, 沟壑密度) and the indicators 水土流失面积, 水土保持率 and 林草覆盖率.\n\n"
            "Parcels crossing a watershed boundary are split by their DEM cells in each watershed "
            "(ws_pieces), so the land of every watershed adds up to its area.\n\n"
            "Land whose land-use code is not recognised is its own line (未识别地类) and its own column "
            "(unmapped_area_km2); 水土保持率 = (assessed land − eroded area) / assessed land and the mean "
            "modulus are over the assessed land (recognised land use with a computed soil loss, "
            "assessed_area_km2). 林草覆盖率 = 林草 area / land of recognised use, 林草 by "
            "resources/params/forest_grass_cover.csv (乔木林地 with canopy closure ≥ 0.2, 灌木林地 and 草地 with "
            "cover ≥ 40 %, 园地 not counted; GB/T 15772, thresholds unverified).\n\n"
            "沟壑密度 (gully_density_km_per_km2) is the length of the gully lines of 'Gully lines' inside each "
            "watershed ÷ its area; without that layer it stays empty. The DEM drainage density of step 1 "
            "(河网密度, channels at the stream threshold) is the separate column "
            "drainage_density_km_per_km2, with stream_threshold_km2.\n\n"
            "When the parcels carry a village code (三调 ZLDWDM or QSDWDM, or the 'Village field'), every "
            "table is also written per village × small watershed with a row per village (ws_code ALL): "
            "vil_landuse_slope, vil_d010, vil_d011, vil_d05, vil_indicators. The full code is the village.\n\n"
            "With a plan GeoPackage the tables are written into it "
            "(ws_landuse_slope, ws_d010, ws_d011, ws_d05, ws_indicators and the vil_ tables)."
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
                self.tr("Small watersheds (for drainage and gully density)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.GULLIES,
                self.tr("Gully lines (surveyed, for 沟壑密度)"),
                [QgsProcessing.SourceType.TypeVectorLine],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.VILLAGE_FIELD,
                self.tr("Village field (default: ZLDWDM or QSDWDM)"),
                parentLayerParameterName=self.PARCELS,
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
                    self.tr("Land-survey cropland slope grade GDPDJB"),
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
            "OUTPUT_VIL_LANDUSE_SLOPE": self.tr("Land use by slope class per village"),
            "OUTPUT_VIL_D010": self.tr("D.0.10 land slope composition per village"),
            "OUTPUT_VIL_D011": self.tr("D.0.11 sloping-cropland slope composition per village"),
            "OUTPUT_VIL_D05": self.tr("D.0.5 soil-erosion status per village"),
            "OUTPUT_VIL_INDICATORS": self.tr("Indicators per village"),
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

    def _geometries(self, parameters: dict, context, feedback) -> dict:
        """Step 1's watersheds (attributes and polygons) and the gully lines in the watersheds' CRS."""
        out = {"watersheds": self._read(parameters, self.WATERSHEDS, context, feedback)}
        gullies = self.parameterAsSource(parameters, self.GULLIES, context)
        units = self.parameterAsSource(parameters, self.WATERSHEDS, context)
        if gullies is None:
            return out
        if units is None:
            raise QgsProcessingException(self.tr("Gully lines need the small watersheds to measure 沟壑密度."))
        crs = units.sourceCrs()
        if crs.isGeographic():
            raise QgsProcessingException(
                self.tr("The small watersheds must be in a projected CRS to measure 沟壑密度.")
            )
        ws = read_features(units, crs, context, feedback, value=parameters.get(self.WATERSHEDS), geometry="polygon")
        lines = read_features(gullies, crs, context, feedback, value=parameters.get(self.GULLIES), geometry="line")
        return {"watersheds": ws.attrs, "watershed_wkb": ws.wkb, "gullies": lines.wkb}

    def compute(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> dict:
        parcels = self._read(parameters, self.PARCELS, context, feedback)
        if parcels is None:
            raise NotAnalysedParcelsError(field=NEEDED[0])
        result = summaries.summarise(
            SummaryInputs(
                parcels=parcels,
                params=load_plugin_params(),
                slope_system=self.parameterAsEnum(parameters, self.SLOPE_SYSTEM, context),
                village_field=self.parameterAsString(parameters, self.VILLAGE_FIELD, context) or None,
                **self._geometries(parameters, context, feedback),
            )
        )
        if result.as_analysed:
            feedback.pushInfo(self.tr("Land-use table uses the slope classes the parcels were analysed with."))
        self._report(result, feedback)
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

    def _report(self, result: SummaryResult, feedback: QgsProcessingFeedback) -> None:
        """What the tables rest on: unrecognised land, split parcels, the 沟壑密度 source, villages."""
        total = result.whole
        if total["unmapped_area_km2"] > 0:
            feedback.pushWarning(
                self.tr(
                    "Unrecognised land use: {0:.2f} hm² (its own line; not in 水土保持率 or the mean modulus)."
                ).format(total["unmapped_area_km2"] * 100.0)
            )
        if result.unassessed_parcels:
            feedback.pushWarning(
                self.tr(
                    "{0} parcels have no soil loss (they lie off the DEM): they are not assessed land and never count "
                    "as non-eroded in 水土保持率."
                ).format(result.unassessed_parcels)
            )
        if result.split_parcels:
            feedback.pushInfo(
                self.tr("{0} parcels cross a watershed boundary and are split by their cells.").format(
                    result.split_parcels
                )
            )
        if not result.gully_layer:
            feedback.pushInfo(
                self.tr("No gully lines: 沟壑密度 is left empty (the DEM drainage density has its own column).")
            )
        if result.village_field:
            feedback.pushInfo(
                self.tr("Village tables grouped by the full code of field {0}.").format(result.village_field)
            )

    def _write_tables(self, parameters: dict, context: QgsProcessingContext, result: SummaryResult) -> dict:
        """Each requested table into its sink; with PLAN, into the plan GeoPackage by default."""
        plan = self.parameterAsFile(parameters, self.PLAN, context)
        store = PlanStore(plan) if plan else None
        if store is not None:
            store.ensure()
        results = {}
        for key, name in TABLES.items():
            if name not in result.tables:  # no village code: no village tables
                continue
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
