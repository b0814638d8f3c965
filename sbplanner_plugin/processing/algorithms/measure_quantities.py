"""``sbplanner:measure_quantities`` — quantities of every measure other than terraces, and of the works (step 4).

Reads the step-3 parcels, the works layers and (for dams) the DEM, runs
:func:`sbplanner_plugin.core.quantities.measures.measure_quantities` and writes the parcels with their
quantities, the works table, the dams' stage–storage curves and the items table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
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
    QgsProcessingParameterFile,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterRasterLayer,
    QgsProject,
    QgsWkbTypes,
)

from sbplanner_plugin.adapters.features import read_features, take
from sbplanner_plugin.adapters.param_files import (
    load_catalogue,
    load_dam_params,
    load_labour_norms,
    load_quantity_params,
    table_path,
)
from sbplanner_plugin.adapters.vector_io import fill_gpkg_table
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, SbPlannerError
from sbplanner_plugin.core.quantities import measures as core
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
    source_frame,
    sql_column,
)

ITEM_SPEC = tuple(
    (c, INT if c in ("feature_id", "year") else DOUBLE if c == "quantity" else STRING) for c in ITEM_COLUMNS
)


class NoMeasuresFieldError(SbPlannerError):
    key = "no_step3_measures"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The parcel layer has no measure_code field: it is not a step-3 layout. Use the plan's parcels_measures layer (step 3, Assign measures)."  # noqa: E501
    )  # fmt: skip


class WorksWithoutCodeError(SbPlannerError):
    key = "works_without_code"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "The works layer {layer} has no measure_code field: it is not a step-3 works layer."
    )


def _spec(frame: pd.DataFrame) -> tuple:
    out = []
    for name, dtype in frame.dtypes.items():
        if pd.api.types.is_float_dtype(dtype):
            out.append((str(name), DOUBLE))
        elif pd.api.types.is_integer_dtype(dtype):
            out.append((str(name), INT))
        else:
            out.append((str(name), STRING))
    return tuple(out)


class MeasureQuantities(SbAlgorithm):
    PARCELS = "PARCELS"
    WORKS = "WORKS"
    DEM = "DEM"
    CATALOGUE = "CATALOGUE"
    VILLAGE_FIELD = "VILLAGE_FIELD"
    YEAR_FIELD = "YEAR_FIELD"
    PREVIOUS_QUANTITIES = "PREVIOUS_QUANTITIES"
    PREVIOUS_ITEMS = "PREVIOUS_ITEMS"
    PREVIOUS_WORKS = "PREVIOUS_WORKS"
    PREVIOUS_STORAGE = "PREVIOUS_STORAGE"
    OUTPUT_PARCELS = "OUTPUT_PARCELS"
    OUTPUT_WORKS = "OUTPUT_WORKS"
    OUTPUT_STORAGE = "OUTPUT_STORAGE"
    OUTPUT_ITEMS = "OUTPUT_ITEMS"
    PARCEL_COUNT = "PARCEL_COUNT"
    WORK_COUNT = "WORK_COUNT"
    KEPT = "KEPT"
    RECOMPUTED = "RECOMPUTED"
    plan_layers = (
        (OUTPUT_PARCELS, "measure_quantities"),
        (OUTPUT_WORKS, "works_quantities"),
        (OUTPUT_STORAGE, "dam_storage"),
        (OUTPUT_ITEMS, "measure_items"),
    )

    group_id = "quantities"

    def group(self) -> str:
        return self.tr("4 · Quantities and investment")

    def name(self) -> str:
        return "measure_quantities"

    def displayName(self) -> str:
        return self.tr("Measure quantities (林草, 整地, 封育, 耕作, works and dams)")

    def shortHelpString(self) -> str:
        return self.tr(
            "Quantities of every measure other than terraces (see Terrace quantities), per parcel and per work, "
            "from the catalogue's design parameters (measures.csv, overridden by a parcel's measure_params) and "
            "quantity_params.csv: planting density N = 10 000/(株距 × 行距), seedlings N × area × (1 + replanting "
            "rate), one 整地 pit per plant (穴状 π·d²/4·depth, 鱼鳞坑 π·a·b/4·depth), 水平沟 length area/spacing and "
            "excavation (top + bottom)/2 × depth × length, 水平阶 as a narrow terrace (b·H/8 per metre), grass seed, "
            "封育 fence = parcel perimeter and signs, 耕作 area; works: 截水沟/排水沟 section × length, design "
            "discharge Q = 0.278·K·I·F with a Manning check of the section, 蓄水池/水窖/沉沙池 volume, excavation "
            "and lining, 沟头防护 from its design storage, roads by length; dams (谷坊, 拦沙坝, 塘坝, 淤地坝 …): crest "
            "length and height from the DEM cross-section at the dam, trapezoid body volume, stage–area–storage "
            "curve of the impoundment (total, silt and flood capacity; 淤地坝 class by capacity, SL/T 804-2020).\n\n"
            "Outputs: the parcels with their D.0.14 planting design (整地规格, 株行距, 密度, 苗木量, 播种量) and "
            "quantities; the works table; the dams' stage–storage curves; and the items table the investment "
            "estimate prices and the D.0.16 table sums. Each row's basis field gives the formula with its numbers.\n\n"
            "Previous quantities (optional: the parcels, items, works and curves of an earlier run): parcels whose "
            "measures, parameters, catalogue and table values, area, perimeter, slope, watershed, village and year "
            "are unchanged keep their values and items (every 封育 parcel is recomputed when any 封育 parcel "
            "changes: they share one fence); the works are kept when no work, parameter or the DEM changed."
        )

    def initAlgorithm(self, config=None) -> None:
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.PARCELS,
                self.tr("Parcels with measures (step 3: parcels_measures)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
            )
        )
        self.addParameter(
            QgsProcessingParameterMultipleLayers(
                self.WORKS,
                self.tr("Works layers (check_dams, gully_heads, intercept_ditches, works_points, works_lines …)"),
                QgsProcessing.SourceType.TypeVectorAnyGeometry,
                optional=True,
            )
        )
        self.addParameter(QgsProcessingParameterRasterLayer(self.DEM, self.tr("DEM (for dams)"), optional=True))
        self.addParameter(
            QgsProcessingParameterFile(
                self.CATALOGUE,
                self.tr("Measure catalogue (CSV; default: measures.csv)"),
                extension="csv",
                optional=True,
            )
        )
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
                self.tr("Previous parcels with quantities: unchanged parcels are kept (optional)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        for key, label in (
            (self.PREVIOUS_ITEMS, self.tr("Previous measure quantity items (needed to keep parcels)")),
            (self.PREVIOUS_WORKS, self.tr("Previous works quantities (optional)")),
            (self.PREVIOUS_STORAGE, self.tr("Previous dam stage–storage curves (optional)")),
        ):
            self.addParameter(
                QgsProcessingParameterFeatureSource(key, label, [QgsProcessing.SourceType.TypeVector], optional=True)
            )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_PARCELS, self.tr("Parcels with quantities"), QgsProcessing.SourceType.TypeVectorPolygon
            )
        )
        for key, label in (
            (self.OUTPUT_WORKS, self.tr("Works quantities")),
            (self.OUTPUT_STORAGE, self.tr("Dam stage–storage curves")),
            (self.OUTPUT_ITEMS, self.tr("Measure quantity items")),
        ):
            self.addParameter(
                QgsProcessingParameterFeatureSink(key, label, QgsProcessing.SourceType.TypeVector, optional=True)
            )
        self.addOutput(QgsProcessingOutputNumber(self.PARCEL_COUNT, self.tr("Parcels with quantities")))
        self.addOutput(QgsProcessingOutputNumber(self.WORK_COUNT, self.tr("Works with quantities")))
        self.addOutput(
            QgsProcessingOutputNumber(self.KEPT, self.tr("Unchanged parcels kept from the previous quantities"))
        )
        self.addOutput(QgsProcessingOutputNumber(self.RECOMPUTED, self.tr("Parcels computed in this run")))

    def compute(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> dict:
        source = self.parameterAsSource(parameters, self.PARCELS, context)
        if source is None or "measure_code" not in source.fields().names():
            raise NoMeasuresFieldError()
        grid = None
        if parameters.get(self.DEM):
            grid, _ = self.read_dem(parameters, self.DEM, context, feedback)
        crs = QgsCoordinateReferenceSystem.fromWkt(grid.crs_wkt) if grid else source.sourceCrs()
        parcels = read_features(source, crs, context, feedback, value=parameters.get(self.PARCELS))
        catalogue = load_catalogue(
            table_path("measures.csv", self.parameterAsFile(parameters, self.CATALOGUE, context))
        )
        column = lambda key: parcels.attrs.get(self.parameterAsString(parameters, key, context) or "")  # noqa: E731
        geoms = parcels.shapes() if parcels.wkb else np.array([])
        codes = parcels.attrs.get("measure_codes") or parcels.attrs["measure_code"]
        result = core.measure_quantities(
            core.MeasureQuantityInputs(
                parcel_ids=self._ids(parcels),
                measure_codes=[c or p for c, p in zip(codes, parcels.attrs["measure_code"])],
                measure_params=parcels.attrs.get("measure_params") or [None] * len(parcels),
                area_m2=shapely.area(geoms),
                perimeter_m=shapely.length(geoms),
                slope_deg=np.array([np.nan if v is None else float(v) for v in
                                    parcels.attrs.get("slope_mean_deg") or [None] * len(parcels)]),
                design_params={c: m.design_params for c, m in catalogue.items()},
                quantity_params=load_quantity_params(),
                labour_norms=load_labour_norms(),
                works=self._works(parameters, context, crs),
                geometries_wkb=parcels.wkb,
                ws_codes=parcels.attrs.get("ws_code"),
                villages=column(self.VILLAGE_FIELD),
                years=column(self.YEAR_FIELD),
                grid=grid,
                dem=grid.values if grid is not None else None,
                dam_params=load_dam_params() if grid is not None else {},
                previous=self._previous(parameters, context),
            )
        )  # fmt: skip
        outputs = {self.OUTPUT_PARCELS: self._write_parcels(parameters, context, source, parcels, result)}
        for key, frame in ((self.OUTPUT_WORKS, result.works), (self.OUTPUT_STORAGE, result.storage),
                           (self.OUTPUT_ITEMS, result.items)):  # fmt: skip
            if parameters.get(key) is not None:
                outputs[key] = self._write_table(parameters, key, context, frame)
        self._log(feedback, result)
        return {**outputs, self.PARCEL_COUNT: len(result.parcel_rows), self.WORK_COUNT: len(result.works),
                self.KEPT: result.kept, self.RECOMPUTED: result.recomputed}  # fmt: skip

    @staticmethod
    def _ids(parcels) -> np.ndarray:
        ids = parcels.attrs.get("parcel_id")
        if ids is None or any(v is None for v in ids):
            return np.asarray(parcels.ids, dtype=np.int64)
        return np.asarray([int(v) for v in ids], dtype=np.int64)

    def _previous(self, parameters: dict, context: QgsProcessingContext) -> core.PreviousMeasureQuantities | None:
        """The earlier run's tables; None without the parcels and items (nothing can be kept without both)."""
        tables = {}
        for key in (self.PREVIOUS_QUANTITIES, self.PREVIOUS_ITEMS, self.PREVIOUS_WORKS, self.PREVIOUS_STORAGE):
            source = self.parameterAsSource(parameters, key, context) if parameters.get(key) else None
            tables[key] = source_frame(source) if source is not None else None
        parcels, items = tables[self.PREVIOUS_QUANTITIES], tables[self.PREVIOUS_ITEMS]
        if parcels is None or items is None or not {"parcel_id", "change_key"} <= set(parcels.columns):
            return None
        if not set(ITEM_COLUMNS) <= set(items.columns):
            return None
        wanted = [c for c in core.PARCEL_COLUMNS if c in parcels.columns]
        by_id = {int(p): dict(zip(wanted, row)) for p, row in zip(parcels["parcel_id"], parcels[wanted].itertuples(
            index=False, name=None)) if p is not None}  # fmt: skip
        return core.PreviousMeasureQuantities(
            parcels=by_id, items=items[list(ITEM_COLUMNS)], works=tables[self.PREVIOUS_WORKS],
            storage=tables[self.PREVIOUS_STORAGE],
        )  # fmt: skip

    def _works(self, parameters, context, crs) -> list:
        works = []
        for layer in self.parameterAsLayerList(parameters, self.WORKS, context):
            names = layer.fields().names()
            if "measure_code" not in names:
                raise WorksWithoutCodeError(layer=layer.name())
            transform = QgsCoordinateTransform(layer.crs(), crs, QgsProject.instance())
            for f in layer.getFeatures():
                geometry = QgsGeometry(f.geometry())
                if geometry.isEmpty():
                    continue
                geometry.transform(transform)
                line = geometry.type() == QgsWkbTypes.GeometryType.LineGeometry
                points = [(p.x(), p.y()) for p in geometry.vertices()]
                attrs = {n: _clean(f[n]) for n in names}
                works.append(core.WorkInput(
                    layer=layer.name(), work_id=int(f.id()), measure_code=str(attrs.get("measure_code") or ""),
                    params=attrs.get("measure_params"), attrs=attrs, length_m=geometry.length() if line else 0.0,
                    xy=np.asarray(points[:1] if not line else points, dtype=np.float64), ws_code=attrs.get("ws_code"),
                ))  # fmt: skip
        return works

    def _write_parcels(self, parameters, context, source, parcels, result) -> str:
        ours = set(core.PARCEL_COLUMNS)
        kept = [f for f in source.fields() if f.name() not in ours and f.name().lower() != "fid"]
        fields = QgsFields()
        for f in kept:
            fields.append(QgsField(f))
        text = {"qty_measures", "site_prep_spec", "spacing_m", "basis", "change_key"}
        for name in core.PARCEL_COLUMNS:
            fields.append(QgsField(name, STRING if name in text else DOUBLE))
        crs = QgsCoordinateReferenceSystem(source.sourceCrs())
        sink, dest = self.parameterAsSink(
            parameters, self.OUTPUT_PARCELS, context, fields, QgsWkbTypes.Type.MultiPolygon, crs
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT_PARCELS))
        table = bulk_gpkg_table(dest, parameters.get(self.OUTPUT_PARCELS))
        if table is not None:  # a GeoPackage layer: filled in one transaction (processing.base.bulk_gpkg_table)
            del sink
            rows = result.parcel_rows.tolist()
            columns = {f.name(): take(parcels.attrs[f.name()], rows) for f in kept}
            columns.update({c: sql_column(result.parcels[c]) for c in core.PARCEL_COLUMNS})
            fill_gpkg_table(*table, parcels.multi_wkb(rows), columns)
            return dest
        inputs = [parcels.attrs[f.name()] for f in kept]
        values = [result.parcels[c].tolist() for c in core.PARCEL_COLUMNS]
        multi = parcels.multi_wkb()
        for j, i in enumerate(result.parcel_rows):
            feature = QgsFeature(fields)
            geometry = QgsGeometry()
            geometry.fromWkb(multi[i])
            feature.setGeometry(geometry)
            feature.setAttributes([qgis_value(column[i]) for column in inputs] + [_clean(v[j]) for v in values])
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        return dest

    def _write_table(self, parameters: dict, key: str, context: QgsProcessingContext, frame: pd.DataFrame) -> str:
        spec = ITEM_SPEC if key == self.OUTPUT_ITEMS else _spec(frame)
        fields = make_fields(spec)
        sink, dest = self.parameterAsSink(
            parameters, key, context, fields, QgsWkbTypes.Type.NoGeometry, QgsCoordinateReferenceSystem()
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, key))
        table = bulk_gpkg_table(dest, parameters.get(key)) if key == self.OUTPUT_ITEMS else None
        if table is not None:  # the items (~250 000 rows for 100 000 parcels) in one transaction
            del sink
            fill_gpkg_table(*table, None, {n: sql_column(frame[n]) for n, _ in spec})
            return dest
        for row in frame[[n for n, _ in spec]].itertuples(index=False):
            feature = QgsFeature(fields)
            feature.setAttributes([_clean(v.item() if isinstance(v, np.generic) else v) for v in row])
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        return dest

    def _log(self, feedback: QgsProcessingFeedback, result: core.MeasureQuantityResult) -> None:
        if result.unknown_codes:
            feedback.pushWarning(
                self.tr("Measures not in the catalogue (no quantities): {0}").format(", ".join(result.unknown_codes))
            )
        feedback.pushInfo(
            self.tr("{0} parcels and {1} works with quantities.").format(len(result.parcel_rows), len(result.works))
        )
        if result.kept or result.works_kept:
            feedback.pushInfo(
                self.tr("{0} unchanged parcels kept from the previous quantities, {1} recomputed.").format(
                    result.kept, result.recomputed
                )
            )
            if result.works_kept:
                feedback.pushInfo(self.tr("The works are unchanged: their quantities are kept."))
        totals = result.items.groupby(["item", "unit"])["quantity"].sum()
        for (item, unit), value in totals.items():
            feedback.pushInfo(f"  {item}: {value:,.1f} {unit}")
        if "capacity_ok" in result.works and (result.works["capacity_ok"] == False).any():  # noqa: E712
            feedback.pushWarning(
                self.tr("{0} ditches carry less than their design discharge: see capacity_q_m3s.").format(
                    int((result.works["capacity_ok"] == False).sum())  # noqa: E712
                )
            )
