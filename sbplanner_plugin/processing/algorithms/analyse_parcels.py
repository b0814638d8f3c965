"""``sbplanner:analyse_parcels`` — slope classes, land use and CSLE soil erosion per parcel."""

from __future__ import annotations

import datetime as _dt
import math
import os
from dataclasses import dataclass, field

import numpy as np
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsFeatureSource,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingFeedback,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsProcessingUtils,
    QgsProviderRegistry,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QByteArray, QDate, QDateTime, QTime, QVariant

from sbplanner_plugin.adapters.flow_cache import condition_dem
from sbplanner_plugin.adapters.param_files import landuse_table, load_plugin_params, read_soil_k
from sbplanner_plugin.adapters.raster import rasterize, rasterize_parcels, resample_to_grid, write_geotiff
from sbplanner_plugin.adapters.vector_io import fill_gpkg_table, read_layer
from sbplanner_plugin.core.definitions import code_text
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, InvalidParameterError, SbPlannerError
from sbplanner_plugin.core.params import custom_slope_system
from sbplanner_plugin.core.parcels import ParcelInputs, analyse
from sbplanner_plugin.core.wkb import to_multipolygon
from sbplanner_plugin.processing.base import DOUBLE, INT, STRING, SbAlgorithm, _clean, cache_dir

#: Field names tried, in order, when LANDUSE_FIELD is not given.
LANDUSE_FIELDS = ("dlbm", "landuse", "lu_code", "lucode", "landuse_code", "swat_code", "code")
GDPDJB_FIELDS = ("gdpdjb", "gdpdj")  # 三调 / 二调
GDLX_FIELDS = ("gdlx",)

#: Slope systems offered (index = SLOPE_SYSTEM value); 4 = custom breaks.
SLOPE_SYSTEM_IDS = (0, 1, 2, 3)


class NoLanduseFieldError(SbPlannerError):
    key = "no_landuse_field"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "The parcel layer has no land-use field (DLBM or similar); choose one in 'Land-use field'."
    )


class NoParcelsError(SbPlannerError):
    key = "no_parcels"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "The parcel layer holds no polygons with a geometry.")


class MissingFactorError(SbPlannerError):
    key = "missing_factor"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "Give the {factor} factor as a number greater than 0 or as a raster."
    )


def _field(source: QgsFeatureSource, wanted: str | None, candidates: tuple[str, ...]) -> str | None:
    names = [f.name() for f in source.fields()]
    if wanted:
        return wanted if wanted in names else None
    lower = {n.lower(): n for n in names}
    return next((lower[c] for c in candidates if c in lower), None)


def _number(value: object) -> float:
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan
    return v if math.isfinite(v) else math.nan


@dataclass
class _Parcels:
    """The parcels to analyse, in the DEM's CRS (lists in feature order)."""

    wkb: list = field(default_factory=list)  # geometry as read (after repair), for rasterising
    out_wkb: list = field(default_factory=list)  # the same as a MultiPolygon, for the output
    area_m2: np.ndarray = field(default_factory=lambda: np.zeros(0))
    ids: list = field(default_factory=list)  # source feature ids
    attrs: dict = field(default_factory=dict)  # source field name → values
    repaired: int = 0
    empty: int = 0


def _read_parcels_from_file(value, source, crs, context) -> _Parcels | None:
    """The parcels read column-wise from their file (adapters.vector_io.read_layer, ~25× faster than
    iterating QGIS features) — when they are all of a plain OGR layer (no subset, selection, feature
    limit, joined or virtual fields) already in the DEM's CRS; None otherwise (then QGIS reads them).

    Geometries are checked and repaired as on the QGIS path: GEOS validity (the check of
    ``QgsGeometry.isGeosValid``), ``QgsGeometry.makeValid`` for the invalid ones; areas are GEOS's."""
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        if value.selectedFeaturesOnly or value.featureLimit >= 0 or getattr(value, "filterExpression", ""):
            return None
        value = value.source.valueAsString(context.expressionContext())[0]
    layer = value if isinstance(value, QgsVectorLayer) else QgsProcessingUtils.mapLayerFromString(str(value), context)
    if not isinstance(layer, QgsVectorLayer) or layer.providerType() != "ogr" or layer.subsetString():
        return None
    fields = layer.fields()
    if any(fields.fieldOrigin(i) != QgsFields.FieldOrigin.OriginProvider for i in range(fields.count())):
        return None
    if not _is_identity(QgsCoordinateTransform(source.sourceCrs(), crs, context.transformContext())):
        return None
    uri = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path = uri.get("path") or ""
    if not os.path.isfile(path) or uri.get("subset") or (uri.get("layerId") is not None and not uri.get("layerName")):
        return None
    try:
        columns = read_layer(path, uri.get("layerName") or None)
    except (RuntimeError, ValueError):
        return None
    values = dict(columns.values)
    if columns.fid_column:
        values.setdefault(columns.fid_column, columns.fids.tolist())
    if any(name not in values for name in fields.names()) or len(columns) != source.featureCount():
        return None
    geoms = shapely.from_wkb(columns.wkb, on_invalid="ignore")  # None where GEOS cannot read it
    empty = shapely.is_empty(geoms).tolist()
    valid = shapely.is_valid(geoms).tolist()  # False for None
    parcels = _Parcels()
    keep = []
    for i, wkb in enumerate(columns.wkb):
        if wkb is None or (valid[i] and empty[i]):
            continue
        if valid[i]:
            parcels.wkb.append(wkb)
            parcels.out_wkb.append(to_multipolygon(wkb))
            keep.append(i)
            continue
        geom = QgsGeometry()  # invalid: repaired exactly as on the QGIS path
        geom.fromWkb(wkb)
        if geom.isNull() or geom.isEmpty():
            continue
        parcels.repaired += 1
        geom = geom.makeValid()
        if geom.isEmpty():
            continue
        parcels.wkb.append(bytes(geom.asWkb()))
        geom.convertToMultiType()
        parcels.out_wkb.append(bytes(geom.asWkb()))
        keep.append(i)
    parcels.empty = len(columns) - len(keep)
    parcels.ids = columns.fids[keep].tolist()
    parcels.area_m2 = shapely.area(shapely.from_wkb(parcels.out_wkb))
    parcels.attrs = {name: [values[name][i] for i in keep] for name in fields.names()}
    return parcels


def _is_identity(xform: QgsCoordinateTransform) -> bool:
    """True when the transform leaves coordinates as they are: the same CRS, or two definitions of one
    CRS between which PROJ's operation is ``noop`` (e.g. EPSG:2415 and its WKT read from a GeoTIFF)."""
    if xform.isShortCircuited():
        return True
    try:
        return xform.instantiatedCoordinateOperationDetails().proj.strip() == "+proj=noop"
    except AttributeError:  # QGIS without the PROJ details
        return False


def _gpkg_table(dest: str, value) -> tuple[str, str] | None:
    """(file, table) when the sink ``dest`` is a new GeoPackage layer the bulk writer may fill."""
    if isinstance(value, QgsProcessingOutputLayerDefinition) and value.useRemapping():
        return None  # appending to an existing layer
    uri = QgsProviderRegistry.instance().decodeUri("ogr", dest)
    path = uri.get("path") or ""
    if not path.lower().endswith(".gpkg") or not os.path.isfile(path):
        return None
    name = uri.get("layerName") or os.path.splitext(os.path.basename(path))[0]
    return path, name


def _plain(value):
    """A QGIS attribute value as a plain Python value (None for NULL)."""
    if isinstance(value, QVariant):
        return None if value.isNull() else _plain(value.value())
    if isinstance(value, QDateTime):
        return value.toPyDateTime() if value.isValid() else None
    if isinstance(value, QDate):
        return value.toPyDate() if value.isValid() else None
    if isinstance(value, QTime):
        return value.toString("HH:mm:ss.zzz") if value.isValid() else None
    if isinstance(value, QByteArray):
        return bytes(value)
    return value


def _qgis_value(value):
    """A value read by OGR (Python) for a QGIS feature: dates as QDate/QDateTime."""
    if isinstance(value, _dt.datetime):
        return QDateTime(value)
    if isinstance(value, _dt.date):
        return QDate(value)
    return value


def _column(series) -> np.ndarray | list:
    """A result column for the GeoPackage writer: floats as numpy (NaN → NULL), the rest as cleaned values."""
    values = series.to_numpy()
    if values.dtype.kind in "fiu":
        return values
    return [_clean(v) for v in values.tolist()]


class AnalyseParcels(SbAlgorithm):
    PARCELS = "PARCELS"
    DEM = "DEM"
    WATERSHEDS = "WATERSHEDS"
    LANDUSE_FIELD = "LANDUSE_FIELD"
    LANDUSE_MAPPING = "LANDUSE_MAPPING"
    SLOPE_SYSTEM = "SLOPE_SYSTEM"
    CUSTOM_SLOPE_BREAKS = "CUSTOM_SLOPE_BREAKS"
    R_FACTOR = "R_FACTOR"
    R_RASTER = "R_RASTER"
    K_FACTOR = "K_FACTOR"
    K_RASTER = "K_RASTER"
    K_FIELD = "K_FIELD"
    K_TABLE = "K_TABLE"
    COVER_RASTER = "COVER_RASTER"
    COVER_FIELD = "COVER_FIELD"
    CANOPY_FIELD = "CANOPY_FIELD"
    EROSION_REGION = "EROSION_REGION"
    TOLERANCE_T_KM2_A = "TOLERANCE_T_KM2_A"
    CHANNEL_THRESHOLD_KM2 = "CHANNEL_THRESHOLD_KM2"
    OUTPUT_PARCELS = "OUTPUT_PARCELS"
    OUTPUT_SOIL_LOSS = "OUTPUT_SOIL_LOSS"

    group_id = "parcels"

    def group(self) -> str:
        return self.tr("2 · Parcels and erosion")

    def name(self) -> str:
        return "analyse_parcels"

    def displayName(self) -> str:
        return self.tr("Analyse parcels: slope, land use and CSLE erosion")

    def shortHelpString(self) -> str:
        return self.tr(
            "For every land parcel (三调 地类图斑 or any polygons with a land-use code): slope composition, "
            "land use, CSLE soil loss A = R·K·L·S·B·E·T, SL 190 erosion class and eroded area.\n\n"
            "A is computed per DEM cell and averaged over the parcel: L from the flow-path slope length "
            "(λ restarts at channels and at slope breaks, LS_TOOL cutoffs), S from the three-piece CSLE "
            "formula. Cropland uses T with B = 1; other land uses B (from vegetation cover and canopy "
            "closure) with T = 1; built-up land and water do not erode. Terraced cropland (三调 GDLX = TT) "
            "gets the level-terrace E.\n\n"
            "Land-use codes are GB/T 21010-2017 / 三调 codes (0101, 0201K …); other code lists need a "
            "mapping CSV (columns code, gbt21010_code). Unmapped codes are reported by value and count.\n\n"
            "Every factor table is a CSV under resources/params (source and confidence per row); copies in "
            "<QGIS profile>/sbplanner/params override them."
        )

    def initAlgorithm(self, config=None) -> None:
        polygon = [QgsProcessing.SourceType.TypeVectorPolygon]
        self.addParameter(QgsProcessingParameterFeatureSource(self.PARCELS, self.tr("Land parcels"), polygon))
        self.addParameter(QgsProcessingParameterRasterLayer(self.DEM, self.tr("DEM")))
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.WATERSHEDS, self.tr("Small watersheds (with ws_code)"), polygon, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.LANDUSE_FIELD,
                self.tr("Land-use field (default: DLBM)"),
                parentLayerParameterName=self.PARCELS,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.LANDUSE_MAPPING,
                self.tr("Land-use code mapping to GB/T 21010 (CSV)"),
                extension="csv",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.SLOPE_SYSTEM,
                self.tr("Slope classes"),
                [
                    self.tr("SL 190 surface-erosion classes"),
                    self.tr("SL/T 447 D.0.10 land slope composition"),
                    self.tr("SL/T 447 D.0.11 sloping-cropland slope composition"),
                    self.tr("三调 cropland slope grade GDPDJB"),
                    self.tr("Custom breaks"),
                ],
                defaultValue=1,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.CUSTOM_SLOPE_BREAKS, self.tr("Custom slope breaks (degrees, e.g. 5,15,25)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.R_FACTOR,
                self.tr("R factor (MJ·mm/(hm²·h·a))"),
                QgsProcessingParameterNumber.Type.Double,
                optional=True,
                minValue=0.0,
            )
        )
        self.addParameter(QgsProcessingParameterRasterLayer(self.R_RASTER, self.tr("R factor raster"), optional=True))
        self.addParameter(
            QgsProcessingParameterNumber(
                self.K_FACTOR,
                self.tr("K factor (t·hm²·h/(hm²·MJ·mm))"),
                QgsProcessingParameterNumber.Type.Double,
                optional=True,
                minValue=0.0,
            )
        )
        self.addParameter(QgsProcessingParameterRasterLayer(self.K_RASTER, self.tr("K factor raster"), optional=True))
        self.addParameter(
            QgsProcessingParameterField(
                self.K_FIELD,
                self.tr("K factor field of the parcels (or soil type code, with a soil K table)"),
                parentLayerParameterName=self.PARCELS,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.K_TABLE,
                self.tr("Soil K table (CSV: soil_code, k_factor)"),
                extension="csv",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                self.COVER_RASTER, self.tr("Vegetation cover raster (0–1 or %)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.COVER_FIELD,
                self.tr("Vegetation cover field (0–1 or %)"),
                parentLayerParameterName=self.PARCELS,
                type=QgsProcessingParameterField.DataType.Numeric,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.CANOPY_FIELD,
                self.tr("Canopy closure field (0–1)"),
                parentLayerParameterName=self.PARCELS,
                type=QgsProcessingParameterField.DataType.Numeric,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.EROSION_REGION,
                self.tr("Erosion type region"),
                [
                    self.tr("Southern red-soil hilly region (500)"),
                    self.tr("Southwestern rocky mountain region (500)"),
                    self.tr("Northwestern Loess Plateau (1000)"),
                    self.tr("Northeastern black-soil region (200)"),
                    self.tr("Northern rocky mountain region (200)"),
                ],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.TOLERANCE_T_KM2_A,
                self.tr("Allowable soil loss (t/(km²·a), 0 = from the region)"),
                QgsProcessingParameterNumber.Type.Double,
                0.0,
                minValue=0.0,
            )
        )
        p = QgsProcessingParameterNumber(
            self.CHANNEL_THRESHOLD_KM2,
            self.tr("Channel threshold for slope length (km²)"),
            QgsProcessingParameterNumber.Type.Double,
            0.1,
            minValue=1e-6,
        )
        p.setFlags(p.flags() | p.Flag.FlagAdvanced)
        self.addParameter(p)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_PARCELS, self.tr("Analysed parcels"), QgsProcessing.SourceType.TypeVectorPolygon
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterDestination(
                self.OUTPUT_SOIL_LOSS, self.tr("Soil loss raster (t/(km²·a))"), optional=True, createByDefault=False
            )
        )

    # ------------------------------------------------------------------------------------------
    def _factor(self, parameters: dict, number_key: str, raster_key: str, grid, context, name: str):
        layer = self.parameterAsRasterLayer(parameters, raster_key, context)
        if layer is not None:
            return resample_to_grid(layer.source(), grid), True
        value = parameters.get(number_key)
        if value is None or value == "" or self.parameterAsDouble(parameters, number_key, context) <= 0:
            return None, False
        return self.parameterAsDouble(parameters, number_key, context), False

    def compute(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> dict:
        params = load_plugin_params()
        grid, _ = self.read_dem(parameters, self.DEM, context, feedback)
        crs = QgsCoordinateReferenceSystem.fromWkt(grid.crs_wkt)
        source = self.parameterAsSource(parameters, self.PARCELS, context)
        if source is None:
            raise NoParcelsError()
        lu_field = _field(source, self.parameterAsString(parameters, self.LANDUSE_FIELD, context), LANDUSE_FIELDS)
        if lu_field is None:
            raise NoLanduseFieldError()
        feedback.pushInfo(self.tr("Land-use field: {0}").format(lu_field))
        mapping = self.parameterAsFile(parameters, self.LANDUSE_MAPPING, context) or None
        table = landuse_table(mapping, params)
        cover_f = _field(source, self.parameterAsString(parameters, self.COVER_FIELD, context) or "-", ())
        canopy_f = _field(source, self.parameterAsString(parameters, self.CANOPY_FIELD, context) or "-", ())
        k_f = _field(source, self.parameterAsString(parameters, self.K_FIELD, context) or "-", ())
        gdp_f = _field(source, None, GDPDJB_FIELDS)
        gdlx_f = _field(source, None, GDLX_FIELDS)
        # slope system
        idx = self.parameterAsEnum(parameters, self.SLOPE_SYSTEM, context)
        if idx < len(SLOPE_SYSTEM_IDS):
            system = params.slope_systems[SLOPE_SYSTEM_IDS[idx]]
        else:
            text = self.parameterAsString(parameters, self.CUSTOM_SLOPE_BREAKS, context)
            try:
                breaks = [float(v) for v in text.replace("，", ",").split(",") if v.strip()]
            except ValueError:
                raise InvalidParameterError(
                    name="CUSTOM_SLOPE_BREAKS",
                    value=text,
                    reason=QT_TRANSLATE_NOOP("SbPlannerErrors", "numbers separated by commas"),
                ) from None
            system = custom_slope_system(breaks)
        region = self.parameterAsEnum(parameters, self.EROSION_REGION, context)
        tolerance = self.parameterAsDouble(parameters, self.TOLERANCE_T_KM2_A, context) or params.tolerance[region][2]
        feedback.pushInfo(self.tr("Allowable soil loss: {0:g} t/(km²·a)").format(tolerance))
        r, r_raster = self._factor(parameters, self.R_FACTOR, self.R_RASTER, grid, context, "R")
        if r is None:
            raise MissingFactorError(factor="R")
        k, k_raster = self._factor(parameters, self.K_FACTOR, self.K_RASTER, grid, context, "K")
        if k is None and k_f is None:
            raise MissingFactorError(factor="K")
        if k is None:
            k = np.nan
        cover_layer = self.parameterAsRasterLayer(parameters, self.COVER_RASTER, context)
        cover_grid = resample_to_grid(cover_layer.source(), grid) if cover_layer is not None else None

        # parcels → WKB in the DEM's CRS, with their attributes
        parcels = _read_parcels_from_file(parameters.get(self.PARCELS), source, crs, context)
        if parcels is None:  # not a plain OGR file layer in the DEM's CRS: through QGIS, feature by feature
            parcels = self._read_parcels_qgis(source, crs, context, feedback)
        if not parcels.ids:
            raise NoParcelsError()
        n = len(parcels.ids)
        if parcels.repaired:
            feedback.pushWarning(self.tr("{0} invalid parcel geometries were repaired.").format(parcels.repaired))
        if parcels.empty:
            feedback.pushWarning(self.tr("{0} parcels without a geometry were skipped.").format(parcels.empty))
        feedback.setProgress(10)
        landuse = [None]
        unmapped: dict[str, int] = {}
        for raw in parcels.attrs[lu_field]:
            lu = table.resolve(raw)
            landuse.append(lu)
            if lu is None:
                key = code_text(raw) or "NULL"
                unmapped[key] = unmapped.get(key, 0) + 1
        for code, count in sorted(unmapped.items(), key=lambda kv: -kv[1]):
            feedback.pushWarning(
                self.tr("Unmapped land-use code '{0}': {1} parcels (no land-use class, no soil loss).").format(
                    code, count
                )
            )

        def column(name: str | None) -> np.ndarray | None:
            if name is None:
                return None
            return np.array([math.nan] + [_number(v) for v in parcels.attrs[name]])

        k_table_path = self.parameterAsFile(parameters, self.K_TABLE, context)
        if k_table_path and k_f:
            k_of = read_soil_k(k_table_path)
            codes = [code_text(v) for v in parcels.attrs[k_f]]
            missing_soil = sorted({c or "NULL" for c in codes if c not in k_of})
            if missing_soil:
                feedback.pushWarning(
                    self.tr(
                        "Soil codes without K in the table: {0} (those parcels use the K number or raster)."
                    ).format(", ".join(missing_soil[:20]))
                )
            k_values = np.array([math.nan] + [k_of.get(c, math.nan) for c in codes])
        else:
            k_values = column(k_f)
        cover = column(cover_f)
        if cover is not None and np.nanmax(cover, initial=0.0) > 1.0:
            cover = cover / 100.0
        inputs = ParcelInputs(
            landuse=landuse,
            area_m2=np.concatenate([[0.0], parcels.area_m2]),
            cover=cover,
            canopy=column(canopy_f),
            k=k_values,
            terraced=np.array([False] + [str(v).strip().upper() == "TT" for v in parcels.attrs[gdlx_f]])
            if gdlx_f
            else None,
            gdpdjb=np.nan_to_num(column(gdp_f), nan=0.0).astype(int) if gdp_f else None,
        )
        labels, sampled = rasterize_parcels(parcels.wkb, grid)
        if sampled:
            feedback.pushInfo(self.tr("{0} parcels smaller than a DEM cell take the cells they touch.").format(sampled))
        ws_labels = ws_codes = None
        ws_source = self.parameterAsSource(parameters, self.WATERSHEDS, context)
        if ws_source is not None:
            wx = QgsCoordinateTransform(ws_source.sourceCrs(), crs, context.transformContext())
            code_f = _field(ws_source, None, ("ws_code",))
            pairs, ws_codes = [], {}
            for f in ws_source.getFeatures():
                g = f.geometry()
                if g.isNull() or g.isEmpty():
                    continue
                g.transform(wx)
                pairs.append((bytes(g.asWkb()), len(pairs) + 1))
                ws_codes[len(pairs)] = code_text(f[code_f]) if code_f else str(f.id())
            ws_labels = rasterize(pairs, grid) if pairs else None
        feedback.setProgress(20)
        feedback.setProgressText(self.tr("Conditioning the DEM for slope lengths"))
        model = condition_dem(grid, cache_dir())
        feedback.setProgress(50)
        feedback.setProgressText(self.tr("CSLE per cell and per parcel"))
        threshold = self.parameterAsDouble(parameters, self.CHANNEL_THRESHOLD_KM2, context)
        result = analyse(
            grid, model, labels, inputs, params, system, r, k, tolerance, cover_grid, threshold, ws_labels, ws_codes
        )
        t = result.table
        for label, raster_used in (("R", r_raster), ("K", k_raster)):
            if raster_used:
                factor = r if label == "R" else k
                missing = np.bincount(
                    labels.ravel()[np.isnan(np.asarray(factor)).ravel() & (labels.ravel() > 0)], minlength=n + 1
                )[1:]
                if missing.any():
                    feedback.pushWarning(
                        self.tr("The {0} raster does not cover {1} parcels (no soil loss there).").format(
                            label, int((missing > 0).sum())
                        )
                    )
        cells = t["valid_cells"].to_numpy()
        coverage = cells * grid.cell_area_m2 / np.maximum(inputs.area_m2[1:], 1e-9)
        outside = int((cells == 0).sum())
        partly = int(((cells > 0) & (coverage < 0.9)).sum())
        if outside:
            feedback.pushWarning(
                self.tr("{0} parcels lie wholly outside the DEM: they get no numbers.").format(outside)
            )
        if partly:
            feedback.pushWarning(
                self.tr("{0} parcels lie partly outside the DEM: figures cover the part inside.").format(partly)
            )
        feedback.setProgress(90)
        # output: the parcel's own fields first, then ours
        ours = self.output_spec(len(system.labels))
        our_names = {name for name, _ in ours}
        fields = QgsFields()
        kept = [f for f in source.fields() if f.name() not in our_names and f.name().lower() != "fid"]
        for f in kept:
            fields.append(QgsField(f))
        for name, kind in ours:
            fields.append(QgsField(name, kind))
        sink, dest = self.parameterAsSink(
            parameters, self.OUTPUT_PARCELS, context, fields, QgsWkbTypes.Type.MultiPolygon, crs
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT_PARCELS))
        table_of_dest = _gpkg_table(dest, parameters.get(self.OUTPUT_PARCELS))
        if table_of_dest is not None:
            # a GeoPackage layer: QGIS has created it (and registered it as the output); close it and fill it
            # in one SQLite transaction with its R-tree bulk-loaded (adapters.vector_io), ~10× faster
            del sink
            gpkg_path, gpkg_table = table_of_dest
            columns = {f.name(): [_plain(v) for v in parcels.attrs[f.name()]] for f in kept}
            for name, _ in ours:
                columns[name] = parcels.ids if name == "parcel_id" else _column(t[name])
            fill_gpkg_table(gpkg_path, gpkg_table, parcels.out_wkb, columns)
        else:
            self._write_features(sink, fields, kept, ours, parcels, t)
        results = {self.OUTPUT_PARCELS: dest}
        soil_path = self.parameterAsOutputLayer(parameters, self.OUTPUT_SOIL_LOSS, context)
        if soil_path and parameters.get(self.OUTPUT_SOIL_LOSS) is not None:
            write_geotiff(soil_path, result.soil_loss, grid)
            results[self.OUTPUT_SOIL_LOSS] = soil_path
        eroded = np.nansum(t["eroded_area_ha"].to_numpy())
        feedback.pushInfo(
            self.tr("{0} parcels, {1:.2f} hm², eroded area {2:.2f} hm²").format(
                n, float(np.nansum(t["area_ha"].to_numpy())), float(eroded)
            )
        )
        feedback.pushInfo(self.tr("Parameter tables: {0}").format("; ".join(params.files.values())))
        return results

    def _read_parcels_qgis(self, source, crs, context, feedback) -> _Parcels:
        """Parcels through QGIS (any provider, selections, CRS transforms), one feature at a time."""
        xform = QgsCoordinateTransform(source.sourceCrs(), crs, context.transformContext())
        names = source.fields().names()
        parcels = _Parcels()
        rows = []
        areas = []
        # invalid geometries are repaired below, not rejected by Processing's default check
        request = QgsFeatureRequest().setInvalidGeometryCheck(QgsFeatureRequest.InvalidGeometryCheck.GeometryNoCheck)
        for feat in source.getFeatures(request, QgsProcessingFeatureSource.Flag.FlagSkipGeometryValidityChecks):
            if feedback.isCanceled():
                raise QgsProcessingException(self.tr("Cancelled."))
            geom = feat.geometry()
            if geom.isNull() or geom.isEmpty():
                parcels.empty += 1
                continue
            if not geom.isGeosValid():
                geom = geom.makeValid()
                parcels.repaired += 1
                if geom.isEmpty():
                    parcels.empty += 1
                    continue
            geom.transform(xform)
            parcels.wkb.append(bytes(geom.asWkb()))
            geom.convertToMultiType()
            parcels.out_wkb.append(bytes(geom.asWkb()))
            parcels.ids.append(feat.id())
            rows.append(feat.attributes())
            areas.append(geom.area())
        parcels.area_m2 = np.array(areas, dtype=np.float64)
        columns = list(zip(*rows)) if rows else [()] * len(names)
        parcels.attrs = {name: list(values) for name, values in zip(names, columns)}
        return parcels

    @staticmethod
    def _write_features(sink, fields, kept, ours, parcels: _Parcels, t) -> None:
        """The analysed parcels through a QGIS feature sink (memory layers, PostGIS, Shapefiles …)."""
        columns = {name: t[name].tolist() for name, _ in ours if name != "parcel_id"}
        kept_values = [parcels.attrs[f.name()] for f in kept]
        for i, wkb in enumerate(parcels.out_wkb):
            out = QgsFeature(fields)
            geom = QgsGeometry()
            geom.fromWkb(wkb)
            out.setGeometry(geom)
            values = [_qgis_value(column[i]) for column in kept_values]
            values += [_clean(parcels.ids[i]) if name == "parcel_id" else _clean(columns[name][i]) for name, _ in ours]
            out.setAttributes(values)
            sink.addFeature(out, QgsFeatureSink.Flag.FastInsert)

    @staticmethod
    def output_spec(n_classes: int) -> tuple:
        return (
            ("parcel_id", INT),
            ("landuse_code", STRING),
            ("landuse_name", STRING),
            ("landuse_group", STRING),
            ("area_ha", DOUBLE),
            ("area_mu", DOUBLE),
            ("slope_mean_deg", DOUBLE),
            ("slope_class", STRING),
            *((f"slope_s{j + 1}_pct", DOUBLE) for j in range(n_classes)),
            ("elev_mean_m", DOUBLE),
            ("ls_factor", DOUBLE),
            ("k_factor", DOUBLE),
            ("b_factor", DOUBLE),
            ("e_factor", DOUBLE),
            ("t_factor", DOUBLE),
            ("soil_loss_t_km2_a", DOUBLE),
            ("erosion_class", STRING),
            ("erosion_class_en", STRING),
            ("eroded_area_ha", DOUBLE),
            ("ws_code", STRING),
            ("ws_share_pct", DOUBLE),
            ("gdpdjb_dem", INT),
            ("gdpdjb_flag", INT),
            ("valid_cells", INT),
            *((f"d010_s{j + 1}_pct", DOUBLE) for j in range(5)),
            *((f"d011_s{j + 1}_pct", DOUBLE) for j in range(5)),
            *((f"erosion_c{j}_ha", DOUBLE) for j in range(6)),
        )
