"""``sbplanner:terrace_quantities`` — terracing (坡改梯) cross-section, suitability and quantities per parcel (step 4).

Reads the step-3 parcels and the DEM, runs :func:`sbplanner_plugin.core.quantities.terrace.terrace_layer`
and writes the terraced parcels and their items table.
"""

from __future__ import annotations

import numpy as np
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
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsWkbTypes,
)

from sbplanner_plugin.adapters.features import read_features, take
from sbplanner_plugin.adapters.param_files import load_bench_widths, load_catalogue, load_labour_norms, table_path
from sbplanner_plugin.adapters.raster import rasterize_parcels
from sbplanner_plugin.adapters.vector_io import fill_gpkg_table
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, SbPlannerError
from sbplanner_plugin.core.grid import horn_slope_deg
from sbplanner_plugin.core.quantities import terrace as core
from sbplanner_plugin.core.quantities.items import ITEM_COLUMNS
from sbplanner_plugin.processing.base import (
    DOUBLE,
    INT,
    STRING,
    SbAlgorithm,
    _clean,
    bulk_gpkg_table,
    make_fields,
    qgis_value,
    sql_column,
)

ITEM_SPEC = tuple(
    (c, INT if c in ("feature_id", "year") else DOUBLE if c == "quantity" else STRING) for c in ITEM_COLUMNS
)


class NoMeasuresError(SbPlannerError):
    key = "no_step3_measures"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The parcel layer has no measure_code field: it is not a step-3 layout. Use the plan's parcels_measures layer (step 3, Assign measures)."  # noqa: E501
    )  # fmt: skip


class TerraceQuantities(SbAlgorithm):
    PARCELS = "PARCELS"
    DEM = "DEM"
    BENCH_WIDTH_M = "BENCH_WIDTH_M"
    RISER_ANGLE_DEG = "RISER_ANGLE_DEG"
    RISER_HEIGHT_MAX_M = "RISER_HEIGHT_MAX_M"
    MIN_BENCH_WIDTH_M = "MIN_BENCH_WIDTH_M"
    VILLAGE_FIELD = "VILLAGE_FIELD"
    YEAR_FIELD = "YEAR_FIELD"
    PREVIOUS_QUANTITIES = "PREVIOUS_QUANTITIES"
    OUTPUT_PARCELS = "OUTPUT_PARCELS"
    OUTPUT_ITEMS = "OUTPUT_ITEMS"
    SUITABLE = "SUITABLE"
    REDUCED = "REDUCED"
    UNSUITABLE = "UNSUITABLE"
    EARTHWORK_M3 = "EARTHWORK_M3"
    KEPT = "KEPT"
    RECOMPUTED = "RECOMPUTED"
    plan_layers = ((OUTPUT_PARCELS, "terrace_quantities"), (OUTPUT_ITEMS, "terrace_items"))

    group_id = "quantities"

    def group(self) -> str:
        return self.tr("4 · Quantities and investment")

    def name(self) -> str:
        return "terrace_quantities"

    def displayName(self) -> str:
        return self.tr("Terrace quantities (坡改梯: cross-section, suitability, earthwork)")

    def shortHelpString(self) -> str:
        return self.tr(
            "For every parcel whose primary measure is a terrace (水平梯田 土坎/石坎, 坡式梯田, 隔坡梯田), the "
            "level-terrace cross-section of GB/T 16453.1-2008 from the parcel's mean DEM slope θ: "
            "H = B·sinθ·sinα/sin(α−θ), B_m = H·cotθ, B_x = H/sinθ, B_n = H·cotα, riser share tanθ/tanα, cut = fill "
            "= B·H/8 per metre of bench, haul 2B/3.\n\n"
            "B: the parameter, else the parcel's or catalogue's bench_width_m, else (auto) the slope band of "
            "terrace_bench_widths.csv. α: the parameter, else the catalogue's riser_angle_deg. Riser height limit: "
            "the parameter, else by riser material (earth 2.0 m, stone 2.5 m, GB 51018-2014 条文说明 6.1.4). When H "
            "exceeds the limit, B is reduced so that H fits (suitability = reduced); when that B is below the "
            "minimum workable width the parcel is unsuitable, with the reason and the alternative (坡式梯田, or "
            "退耕还林还草 from 25°) — H is never clipped silently.\n\n"
            "Fields: bench_width_m (B), riser_height_m (H), riser_angle_deg (α), riser_share, bench_length_m (bench = "
            "riser length in the parcel = horizontal area / B_m), earthwork_m3 (cut = fill, B·H/8 × bench length), "
            "earthwork_m3_per_ha (1250·H m³/hm², the standard's per-hectare figure, which takes 10 000/B m of bench "
            "per hm²; the parcel's own earthwork uses its bench length, so it is smaller by the riser share), "
            "masonry_m3 (stone risers: H × wall thickness × length), net_cropland_ha (area minus the risers, which "
            "become 田坎), labour_days (labour_norms.csv), suitability, suitability_reason, basis (the formula with "
            "the parcel's numbers). 坡式梯田: contour ridges at the level design's spacing, only the ridge earthwork "
            "counts. 隔坡梯田: the benched share only. Areas are horizontal (map) areas.\n\n"
            "Previous quantities (optional): parcels whose geometry, measure, parameters and settings are unchanged "
            "keep their values; only the changed ones are recomputed."
        )

    def initAlgorithm(self, config=None) -> None:
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.PARCELS,
                self.tr("Parcels with measures (step 3: parcels_measures)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
            )
        )
        self.addParameter(QgsProcessingParameterRasterLayer(self.DEM, self.tr("DEM")))
        number = QgsProcessingParameterNumber.Type.Double
        for key, label, default, maximum in (
            (self.BENCH_WIDTH_M, self.tr("Net bench width B (m; 0 = from the catalogue / slope table)"), 0.0, 100.0),
            (self.RISER_ANGLE_DEG, self.tr("Riser angle α (°; 0 = from the catalogue)"), 0.0, 89.9),
            (self.RISER_HEIGHT_MAX_M, self.tr("Riser height limit (m; 0 = by riser material: earth 2.0, stone 2.5)"),
             0.0, 20.0),
            (self.MIN_BENCH_WIDTH_M, self.tr("Minimum workable bench width (m)"), 3.0, 100.0),
        ):  # fmt: skip
            self.addParameter(QgsProcessingParameterNumber(key, label, number, default, minValue=0.0, maxValue=maximum))
        for key, label in (
            (self.VILLAGE_FIELD, self.tr("Village field (行政村; optional)")),
            (self.YEAR_FIELD, self.tr("Implementation year field (optional; default year 1)")),
        ):
            self.addParameter(
                QgsProcessingParameterField(key, label, parentLayerParameterName=self.PARCELS, optional=True)
            )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.PREVIOUS_QUANTITIES,
                self.tr("Previous terrace quantities: unchanged parcels are kept (optional)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_PARCELS, self.tr("Terraced parcels"), QgsProcessing.SourceType.TypeVectorPolygon
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_ITEMS, self.tr("Terrace quantity items"), QgsProcessing.SourceType.TypeVector, optional=True
            )
        )
        for key, label in (
            (self.SUITABLE, self.tr("Suitable parcels")),
            (self.REDUCED, self.tr("Parcels with a reduced bench width")),
            (self.UNSUITABLE, self.tr("Unsuitable parcels")),
            (self.EARTHWORK_M3, self.tr("Earthwork (m³)")),
            (self.KEPT, self.tr("Unchanged parcels kept from the previous quantities")),
            (self.RECOMPUTED, self.tr("Parcels computed in this run")),
        ):
            self.addOutput(QgsProcessingOutputNumber(key, label))

    def compute(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> dict:
        grid, _ = self.read_dem(parameters, self.DEM, context, feedback)
        source = self.parameterAsSource(parameters, self.PARCELS, context)
        if source is None or "measure_code" not in source.fields().names():
            raise NoMeasuresError()
        crs = QgsCoordinateReferenceSystem.fromWkt(grid.crs_wkt)
        parcels = read_features(source, crs, context, feedback, value=parameters.get(self.PARCELS))
        feedback.setProgress(10)
        labels, _ = rasterize_parcels(parcels.wkb, grid)
        catalogue = load_catalogue(table_path("measures.csv"))
        column = lambda key: parcels.attrs.get(self.parameterAsString(parameters, key, context) or "")  # noqa: E731
        result = core.terrace_layer(
            core.TerraceInputs(
                parcel_ids=self._ids(parcels),
                measure_codes=parcels.attrs["measure_code"],
                measure_params=parcels.attrs.get("measure_params") or [None] * len(parcels),
                area_m2=parcels.areas_m2(),
                geometries_wkb=parcels.wkb,
                cell_labels=labels,
                cell_slope_deg=horn_slope_deg(grid),
                design_params={c: catalogue[c].design_params for c in core.TERRACE_KINDS if c in catalogue},
                bench_widths=load_bench_widths(),
                labour_norms=load_labour_norms(),
                settings=core.TerraceSettings(*(self.parameterAsDouble(parameters, k, context) for k in (
                    self.BENCH_WIDTH_M, self.RISER_ANGLE_DEG, self.RISER_HEIGHT_MAX_M, self.MIN_BENCH_WIDTH_M))),
                ws_codes=parcels.attrs.get("ws_code"),
                villages=column(self.VILLAGE_FIELD),
                years=column(self.YEAR_FIELD),
                previous=self._previous(parameters, context),
            )
        )  # fmt: skip
        feedback.setProgress(80)
        outputs = {self.OUTPUT_PARCELS: self._write_parcels(parameters, context, source, parcels, result)}
        if parameters.get(self.OUTPUT_ITEMS) is not None:
            outputs[self.OUTPUT_ITEMS] = self._write_items(parameters, context, result)
        self._log(feedback, result)
        counts = {k: result.count(v) for k, v in ((self.SUITABLE, core.SUITABLE), (self.REDUCED, core.REDUCED),
                                                 (self.UNSUITABLE, core.UNSUITABLE))}  # fmt: skip
        return {**outputs, **counts, self.EARTHWORK_M3: float(np.nansum(result.table["earthwork_m3"])),
                self.KEPT: result.kept, self.RECOMPUTED: result.recomputed}  # fmt: skip

    @staticmethod
    def _ids(parcels) -> np.ndarray:
        ids = parcels.attrs.get("parcel_id")
        if ids is None or any(v is None for v in ids):
            return np.asarray(parcels.ids, dtype=np.int64)
        return np.asarray([int(v) for v in ids], dtype=np.int64)

    def _previous(self, parameters: dict, context: QgsProcessingContext) -> dict | None:
        source = self.parameterAsSource(parameters, self.PREVIOUS_QUANTITIES, context)
        if source is None:
            return None
        names = set(source.fields().names())
        if not {"parcel_id", "change_key"} <= names:
            return None
        wanted = [c for c in core.OUTPUT_COLUMNS if c in names]
        return {
            # NULL arrives as a QVariant: plain None, else the bulk GeoPackage writer cannot bind it
            int(f["parcel_id"]): {c: _clean(f[c]) for c in wanted}
            for f in source.getFeatures()
            if _clean(f["parcel_id"]) is not None
        }

    def _write_parcels(self, parameters, context, source, parcels, result) -> str:
        ours = set(core.OUTPUT_COLUMNS)
        kept = [f for f in source.fields() if f.name() not in ours and f.name().lower() != "fid"]
        fields = QgsFields()
        for f in kept:
            fields.append(QgsField(f))
        for name in core.OUTPUT_COLUMNS:
            fields.append(QgsField(name, STRING if name in core.TEXT_COLUMNS else DOUBLE))
        crs = QgsCoordinateReferenceSystem(source.sourceCrs())
        sink, dest = self.parameterAsSink(
            parameters, self.OUTPUT_PARCELS, context, fields, QgsWkbTypes.Type.MultiPolygon, crs
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT_PARCELS))
        table = bulk_gpkg_table(dest, parameters.get(self.OUTPUT_PARCELS))
        if table is not None:  # a GeoPackage layer: filled in one transaction (processing.base.bulk_gpkg_table)
            del sink
            rows = result.rows.tolist()
            columns = {f.name(): take(parcels.attrs[f.name()], rows) for f in kept}
            columns.update({c: sql_column(result.table[c]) for c in core.OUTPUT_COLUMNS})
            fill_gpkg_table(*table, parcels.multi_wkb(rows), columns)
            return dest
        inputs = [parcels.attrs[f.name()] for f in kept]
        values = [result.table[c].tolist() for c in core.OUTPUT_COLUMNS]
        multi = parcels.multi_wkb()
        for j, i in enumerate(result.rows):
            feature = QgsFeature(fields)
            geometry = QgsGeometry()
            geometry.fromWkb(multi[i])
            feature.setGeometry(geometry)
            feature.setAttributes([qgis_value(column[i]) for column in inputs] + [_clean(v[j]) for v in values])
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        return dest

    def _write_items(self, parameters, context, result) -> str:
        fields = make_fields(ITEM_SPEC)
        sink, dest = self.parameterAsSink(
            parameters, self.OUTPUT_ITEMS, context, fields, QgsWkbTypes.Type.NoGeometry, QgsCoordinateReferenceSystem()
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT_ITEMS))
        table = bulk_gpkg_table(dest, parameters.get(self.OUTPUT_ITEMS))
        if table is not None:
            del sink
            fill_gpkg_table(*table, None, {c: sql_column(result.items[c]) for c, _ in ITEM_SPEC})
            return dest
        for row in result.items.itertuples(index=False):
            feature = QgsFeature(fields)
            feature.setAttributes([_clean(v) for v in row])
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        return dest

    def _log(self, feedback: QgsProcessingFeedback, result: core.TerraceResult) -> None:
        t = result.table
        if not len(t):
            feedback.pushWarning(
                self.tr(
                    "No parcel of the layer has a terrace as its primary measure (水平梯田, 坡式梯田, 隔坡梯田): the "
                    "terrace layers are written empty. Assign or edit the measures in step 3 to plan terraces."
                )
            )
            return
        if result.kept:
            feedback.pushInfo(
                self.tr("{0} unchanged parcels kept from the previous quantities, {1} recomputed.").format(
                    result.kept, result.recomputed
                )
            )
        feedback.pushInfo(
            self.tr("{0} terraced parcels: {1} suitable, {2} with a reduced bench width, {3} unsuitable.").format(
                len(t), result.count(core.SUITABLE), result.count(core.REDUCED), result.count(core.UNSUITABLE)
            )
        )
        feedback.pushInfo(
            self.tr("Earthwork {0:.0f} m³, dry masonry {1:.0f} m³, labour {2:.0f} man-days, net cropland {3:.2f} hm².")
            .format(
                np.nansum(t["earthwork_m3"]), np.nansum(t["masonry_m3"]), np.nansum(t["labour_days"]),
                np.nansum(t["net_cropland_ha"]),
            )
        )  # fmt: skip
        if result.count(core.UNSUITABLE):
            feedback.pushWarning(
                self.tr("{0} parcels are not suitable for level terraces: see suitability_reason.").format(
                    result.count(core.UNSUITABLE)
                )
            )
