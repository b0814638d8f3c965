"""``sbplanner:summarise_watersheds`` — per-watershed tables from analysed parcels."""

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

from sbplanner_plugin.adapters.param_files import load_plugin_params
from sbplanner_plugin.adapters.plan_store import PlanStore
from sbplanner_plugin.core import summaries
from sbplanner_plugin.core.definitions import code_text
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, SbPlannerError
from sbplanner_plugin.core.parcels import D010_SYSTEM, D011_SYSTEM
from sbplanner_plugin.processing.algorithms.analyse_parcels import SLOPE_SYSTEM_IDS
from sbplanner_plugin.processing.base import DOUBLE, STRING, SbAlgorithm, _clean

#: Columns read from the analysed parcel layer.
NEEDED = ("ws_code", "landuse_code", "landuse_group", "landuse_name", "area_ha", "soil_loss_t_km2_a")

#: Output key → plan GeoPackage table name.
TABLES = {
    "OUTPUT_LANDUSE_SLOPE": "ws_landuse_slope",
    "OUTPUT_D010": "ws_d010",
    "OUTPUT_D011": "ws_d011",
    "OUTPUT_D05": "ws_d05",
    "OUTPUT_INDICATORS": "ws_indicators",
}


class NotAnalysedParcelsError(SbPlannerError):
    key = "not_analysed_parcels"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "The parcel layer lacks the field '{field}': run 'Analyse parcels' first and use its output."
    )


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

    def _read(self, parameters: dict, context: QgsProcessingContext) -> tuple[pd.DataFrame, list[str]]:
        source = self.parameterAsSource(parameters, self.PARCELS, context)
        names = [f.name() for f in source.fields()] if source is not None else []
        extra = [n for n in names if n.startswith(("slope_s", "d010_s", "d011_s", "erosion_c"))]
        for field in (*NEEDED, "erosion_c1_ha", "d010_s1_pct"):
            if field not in names:
                raise NotAnalysedParcelsError(field=field)
        rows = []
        for f in source.getFeatures():
            row = {n: _clean(f[n]) for n in (*NEEDED, *extra)}
            row["ws_code"] = code_text(row["ws_code"])
            rows.append(row)
        frame = pd.DataFrame(rows)
        for col in frame.columns:
            if col not in ("ws_code", "landuse_code", "landuse_group", "landuse_name"):
                frame[col] = pd.to_numeric(frame[col], errors="coerce")
        return frame, extra

    def compute(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> dict:
        params = load_plugin_params()
        parcels, _ = self._read(parameters, context)
        # the CSLE class (cropland, forest …) of each parcel's resolved GB/T 21010 code
        parcels["csle_class"] = [
            params.landuse[c].csle_class if c in params.landuse else None for c in parcels["landuse_code"]
        ]
        gully = {}
        ws_source = self.parameterAsSource(parameters, self.WATERSHEDS, context)
        if ws_source is not None and "gully_density_km_per_km2" in ws_source.fields().names():
            for f in ws_source.getFeatures():
                gully[code_text(f["ws_code"])] = _clean(f["gully_density_km_per_km2"])
        idx = self.parameterAsEnum(parameters, self.SLOPE_SYSTEM, context)
        if idx < len(SLOPE_SYSTEM_IDS):
            system = params.slope_systems[SLOPE_SYSTEM_IDS[idx]]
            prefix = {D010_SYSTEM: "d010", D011_SYSTEM: "d011"}.get(system.system_id, "slope")
        else:
            system, prefix = None, "slope"
        n_own = len([c for c in parcels.columns if c.startswith("slope_s")])
        if system is None or (prefix == "slope" and len(system.labels) != n_own):
            from sbplanner_plugin.core.params import SlopeSystem

            system = SlopeSystem(-1, "as analysed", tuple(f"s{j}" for j in range(1, n_own + 1)), (), False)
            prefix = "slope"
            feedback.pushInfo(self.tr("Land-use table uses the slope classes the parcels were analysed with."))
        status = summaries.erosion_status(parcels, gully)
        tables = {
            "OUTPUT_LANDUSE_SLOPE": summaries.landuse_by_slope(parcels, system, prefix),
            "OUTPUT_D010": summaries.composition(parcels, "d010", params.slope_systems[D010_SYSTEM]),
            "OUTPUT_D011": summaries.composition(
                parcels, "d011", params.slope_systems[D011_SYSTEM], cropland_only=True
            ),
            "OUTPUT_D05": status,
            "OUTPUT_INDICATORS": summaries.indicators(parcels, params, status),
        }
        plan = self.parameterAsFile(parameters, self.PLAN, context)
        store = PlanStore(plan) if plan else None
        if store is not None:
            store.ensure()
        results = {}
        for key, frame in tables.items():
            dest_param = parameters.get(key)
            if store is not None and (
                dest_param in (None, "", "TEMPORARY_OUTPUT") or str(dest_param).startswith("memory:")
            ):
                parameters[key] = store.destination(TABLES[key]).replace(" (geom)", "")
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
        if not results:
            raise QgsProcessingException(self.tr("No output table was requested."))
        ind = tables["OUTPUT_INDICATORS"]
        total = ind[ind["ws_code"] == summaries.ALL].iloc[0]
        feedback.pushInfo(
            self.tr("Whole area: {0:.3f} km², eroded {1:.3f} km², 水土保持率 {2:.1f} %, 林草覆盖率 {3:.1f} %").format(
                total["land_area_km2"], total["eroded_area_km2"], total["swc_rate_pct"], total["forest_grass_cover_pct"]
            )
        )
        return results
