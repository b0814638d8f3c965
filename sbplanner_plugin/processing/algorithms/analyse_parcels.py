"""``sbplanner:analyse_parcels`` — slope classes, land use and CSLE soil erosion per parcel.

Thin: the parameters and rasters are read here (adapters), the parcels and the optional small
watersheds through ``adapters.features.read_features``; ``core.parcels.analyse_layer`` does the
analysis; the analysed parcels go to the sink (a new GeoPackage layer in bulk).
"""

from __future__ import annotations

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
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication

from sbplanner_plugin.adapters.features import FeatureColumns, check_geometry_type, read_features, report
from sbplanner_plugin.adapters.flow_cache import condition_dem_in_background
from sbplanner_plugin.adapters.param_files import (
    landuse_table,
    load_plugin_params,
    read_soil_k,
)
from sbplanner_plugin.adapters.raster import (
    rasterize,
    rasterize_parcels,
    resample_to_grid,
    resample_to_grid_counted,
    write_geotiff,
)
from sbplanner_plugin.adapters.vector_io import fill_gpkg_table
from sbplanner_plugin.core.definitions import (
    GDLX_FIELDS,
    GDPDJB_FIELDS,
    LANDUSE_FIELDS,
    WS_CODE_FIELD,
    code_text,
    find_field,
)
from sbplanner_plugin.core.errors import ERROR_CONTEXT, Msg, SbPlannerError
from sbplanner_plugin.core.factors import FACTOR_NAMES
from sbplanner_plugin.core.landuse import VINTAGE_AUTO, LanduseNote
from sbplanner_plugin.core.parcels import (
    CUSTOM_SLOPE_SYSTEM,
    DEFAULT_SLOPE_SYSTEM,
    MissingFactorError,
    NoLanduseFieldError,
    NoParcelsError,
    ParcelLayerInputs,
    ParcelLayerResult,
    analyse_layer,
    parse_slope_breaks,
)
from sbplanner_plugin.processing.base import (
    DOUBLE,
    INT,
    STRING,
    SbAlgorithm,
    _clean,
    bulk_gpkg_table,
    cache_dir,
    erosion_region_options,
    make_fields,
    qgis_value,
    sql_column,
    user_message,
)

__all__ = ["AnalyseParcels"]


def msg_text(message: Msg | str) -> str:
    """A core text (``core.errors.Msg``, context SbPlannerErrors) translated and filled in; nested
    ``Msg`` params are translated too; the English text when a translation's placeholders do not fit."""
    if not isinstance(message, Msg):
        return str(message)
    template = QCoreApplication.translate(ERROR_CONTEXT, message.template)
    params = {k: msg_text(v) if isinstance(v, Msg) else v for k, v in message.params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return str(message)


def provenance_lines(result: ParcelLayerResult) -> list[tuple[str, str, str]]:
    """(factor key, value, source) of each factor of the run, value and source translated."""
    return [(p.factor, msg_text(p.value), msg_text(p.source)) for p in result.provenance]


def factor_name(key: str) -> str:
    """The factor's display name: R, K … as they are; cover, tolerance translated."""
    name = FACTOR_NAMES.get(key)
    return QCoreApplication.translate(ERROR_CONTEXT, name) if name else key


class AnalyseParcels(SbAlgorithm):
    PARCELS = "PARCELS"
    DEM = "DEM"
    WATERSHEDS = "WATERSHEDS"
    LANDUSE_FIELD = "LANDUSE_FIELD"
    LANDUSE_MAPPING = "LANDUSE_MAPPING"
    LANDUSE_VINTAGE = "LANDUSE_VINTAGE"
    OUTPUT_LANDUSE_VINTAGE = "OUTPUT_LANDUSE_VINTAGE"
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
    CROPPING_ZONE = "CROPPING_ZONE"
    OUTPUT_PARCELS = "OUTPUT_PARCELS"
    OUTPUT_SOIL_LOSS = "OUTPUT_SOIL_LOSS"
    OUTPUT_FACTORS = "OUTPUT_FACTORS"
    plan_layers = ((OUTPUT_FACTORS, "factor_provenance"),)
    FACTOR_PROVENANCE = "FACTOR_PROVENANCE"
    FACTOR_WARNINGS = "FACTOR_WARNINGS"
    PARCELS_OUTSIDE_DEM = "PARCELS_OUTSIDE_DEM"
    TOLERANCE_USED = "TOLERANCE_USED"

    group_id = "parcels"

    def group(self) -> str:
        return self.tr("2 · Parcels and erosion")

    def name(self) -> str:
        return "analyse_parcels"

    def displayName(self) -> str:
        return self.tr("Analyse parcels: slope, land use and CSLE erosion")

    def shortHelpString(self) -> str:
        return (
            self.tr(
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
            + self.tr(
                "\n\nws_code is the small watershed holding most of the parcel; ws_pieces lists its DEM cells per "
                "small watershed (e.g. SW001=412;SW002=88), by which the watershed summaries split a parcel "
                "crossing a boundary. cover_fvc and canopy_gd are the vegetation cover and canopy closure the B "
                "factor used (cover raster, parcel field or class default); 林草覆盖率 applies its thresholds to them."
            )
            + "\n\n"
            + self.tr(
                "Cropland T comes from the cropping-system zone (轮作制度分区, CROPPING_ZONE: a zone_id of "
                "t_zones.csv); without a zone and a tillage practice T = 1 (bare fallow) is used and the log says so. "
                "The log lists every factor's value and source, and warns when R or K lies outside its plausible "
                "range (factor_plausibility.csv), e.g. K in US customary units."
            )
            + "\n\n"
            + self.tr(
                "Code vintage: 二调 / GB/T 21010-2007 codes (011 水田, 101 铁路用地, 203 村庄 …) are read by their own "
                "table (landuse_gbt21010_2007.csv). 'Automatic' detects the vintage from the code forms and the "
                "二调 / 三调 field names (GDPDJ, TKXS / GDPDJB, KCXS) and stops when they disagree; the log names "
                "the vintage, the evidence and the table used."
            )
            + "\n\n"
            + self.tr(
                "Soil loss raster (optional): the soil loss of every DEM cell in t/(km²·a) as a GeoTIFF, written "
                "aside and moved into place when complete; the mean of a parcel's cells is its soil_loss_t_km2_a. "
                "Styled by the SL 190 classes it is the erosion intensity map."
            )
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
                self.LANDUSE_VINTAGE,
                self.tr("Land-use code vintage"),
                [
                    self.tr("Automatic (detect)"),
                    self.tr("3rd land survey / GB/T 21010-2017"),
                    self.tr("2nd land survey / GB/T 21010-2007"),
                ],
                defaultValue=VINTAGE_AUTO,
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
                    self.tr("Land-survey cropland slope grade GDPDJB"),
                    self.tr("Custom breaks"),
                ],
                defaultValue=DEFAULT_SLOPE_SYSTEM,
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
                self.EROSION_REGION, self.tr("Erosion type region"), erosion_region_options(), defaultValue=0
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
            QgsProcessingParameterString(
                self.CROPPING_ZONE,
                self.tr("Cropping-system zone 轮作制度分区 for cropland T (zone_id of t_zones.csv)"),
                optional=True,
            )
        )
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
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_FACTORS,
                self.tr("Factor provenance (factor, value, source)"),
                QgsProcessing.SourceType.TypeVector,
                optional=True,
                createByDefault=False,
            )
        )
        self.addOutput(QgsProcessingOutputString(self.FACTOR_PROVENANCE, self.tr("Factor values and sources")))
        self.addOutput(QgsProcessingOutputString(self.FACTOR_WARNINGS, self.tr("Factor warnings")))
        self.addOutput(
            QgsProcessingOutputNumber(self.PARCELS_OUTSIDE_DEM, self.tr("Parcels wholly outside the DEM (no numbers)"))
        )
        self.addOutput(QgsProcessingOutputString(self.OUTPUT_LANDUSE_VINTAGE, self.tr("Land-use code vintage used")))
        self.addOutput(QgsProcessingOutputNumber(self.TOLERANCE_USED, self.tr("Allowable soil loss used (t/(km²·a))")))

    # ------------------------------------------------------------------------------------------
    def checkParameterValues(self, parameters: dict, context: QgsProcessingContext) -> tuple[bool, str]:
        """Bad custom slope breaks fail at once, before the DEM and the parcels are read."""
        ok, message = super().checkParameterValues(parameters, context)
        if ok and self.parameterAsEnum(parameters, self.SLOPE_SYSTEM, context) == CUSTOM_SLOPE_SYSTEM:
            try:
                parse_slope_breaks(self.parameterAsString(parameters, self.CUSTOM_SLOPE_BREAKS, context))
            except SbPlannerError as exc:
                return False, user_message(exc)
        return ok, message

    def _factor(self, parameters: dict, number_key: str, raster_key: str, grid, context, origins: dict):
        """A CSLE factor: the raster warped onto the DEM grid (its source into ``origins``), else the
        number (> 0), else None."""
        layer = self.parameterAsRasterLayer(parameters, raster_key, context)
        if layer is not None:
            origins[number_key[0]] = layer.source()
            values, infinite = resample_to_grid_counted(layer.source(), grid)
            if infinite:  # told in compute(): they are nodata, never an infinite soil loss
                self.infinite_factor_cells[number_key[0]] = infinite
            return values
        value = parameters.get(number_key)
        if value is None or value == "" or self.parameterAsDouble(parameters, number_key, context) <= 0:
            return None
        return self.parameterAsDouble(parameters, number_key, context)

    def _factors(self, parameters: dict, grid, context, k_field: str | None) -> dict:
        """R (required), K (None when the K field alone gives it), the soil K table and the cover raster."""
        origins: dict[str, str] = {}
        r = self._factor(parameters, self.R_FACTOR, self.R_RASTER, grid, context, origins)
        if r is None:
            raise MissingFactorError(factor="R")
        k = self._factor(parameters, self.K_FACTOR, self.K_RASTER, grid, context, origins)
        if k is None and k_field is None:
            raise MissingFactorError(factor="K")
        k_table = self.parameterAsFile(parameters, self.K_TABLE, context)
        cover = self.parameterAsRasterLayer(parameters, self.COVER_RASTER, context)
        origins.update({"K_TABLE": k_table or "", "cover": cover.source() if cover is not None else ""})
        return {
            "factor_origins": origins,
            "r_factor": r,
            "k_factor": k,
            "soil_k": read_soil_k(k_table) if k_table and k_field else None,
            "cover_grid": resample_to_grid(cover.source(), grid) if cover is not None else None,
        }

    def _fields(self, parameters: dict, names: list[str], context) -> dict[str, str | None]:
        """The parcel fields to read (``ParcelLayerInputs`` names); the land-use field is required."""
        given = {
            key: self.parameterAsString(parameters, param, context) or None
            for key, param in (
                ("landuse_field", self.LANDUSE_FIELD),
                ("cover_field", self.COVER_FIELD),
                ("canopy_field", self.CANOPY_FIELD),
                ("k_field", self.K_FIELD),
            )
        }
        fields = {key: find_field(names, value) for key, value in given.items()}
        fields["landuse_field"] = find_field(names, given["landuse_field"], LANDUSE_FIELDS)
        fields["gdpdjb_field"] = find_field(names, None, GDPDJB_FIELDS)
        fields["gdlx_field"] = find_field(names, None, GDLX_FIELDS)
        if fields["landuse_field"] is None:
            raise NoLanduseFieldError()
        return fields

    def _options(self, parameters: dict, context) -> dict:
        """Slope classes, erosion region, tolerance and channel threshold (``ParcelLayerInputs`` names)."""
        return {
            "slope_system": self.parameterAsEnum(parameters, self.SLOPE_SYSTEM, context),
            "custom_breaks": self.parameterAsString(parameters, self.CUSTOM_SLOPE_BREAKS, context),
            "region": self.parameterAsEnum(parameters, self.EROSION_REGION, context),
            "tolerance_t_km2_a": self.parameterAsDouble(parameters, self.TOLERANCE_T_KM2_A, context),
            "channel_threshold_km2": self.parameterAsDouble(parameters, self.CHANNEL_THRESHOLD_KM2, context),
            "cropping_zone": self.parameterAsString(parameters, self.CROPPING_ZONE, context).strip() or None,
            "landuse_vintage": self.parameterAsEnum(parameters, self.LANDUSE_VINTAGE, context),
        }

    def _watersheds(self, parameters: dict, grid, crs, context, feedback):
        """(watershed number per cell, number → ws_code) of the optional small watersheds, else (None, None)."""
        source = self.parameterAsSource(parameters, self.WATERSHEDS, context)
        if source is None:
            return None, None
        ws = read_features(source, crs, context, feedback, value=parameters.get(self.WATERSHEDS))
        report(ws, feedback, self.tr("small watersheds"))
        code_f = find_field(ws.fields, None, (WS_CODE_FIELD,))
        codes = [code_text(v) for v in ws.attrs[code_f]] if code_f else [str(i) for i in ws.ids]
        labels = rasterize([(w, i + 1) for i, w in enumerate(ws.wkb)], grid) if len(ws) else None
        return labels, {i + 1: code for i, code in enumerate(codes)}

    def compute(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> dict:
        params = load_plugin_params()
        grid, _ = self.read_dem(parameters, self.DEM, context, feedback)
        crs = QgsCoordinateReferenceSystem.fromWkt(grid.crs_wkt)
        source = self.parameterAsSource(parameters, self.PARCELS, context)
        if source is None:
            raise NoParcelsError()
        check_geometry_type(source, "polygon")  # points given as parcels: that, not a missing land-use field
        fields = self._fields(parameters, source.fields().names(), context)
        feedback.pushInfo(self.tr("Land-use field: {0}").format(fields["landuse_field"]))
        feedback.setProgressText(self.tr("Conditioning the DEM for slope lengths"))
        model = condition_dem_in_background(grid, cache_dir())  # beside the parcels' reading and rasterising
        table = landuse_table(self.parameterAsFile(parameters, self.LANDUSE_MAPPING, context) or None, params)
        self.infinite_factor_cells: dict[str, int] = {}
        factors = self._factors(parameters, grid, context, fields["k_field"])
        for factor, count in self.infinite_factor_cells.items():
            feedback.pushWarning(
                self.tr("{0} DEM cells get an infinite {1} from its raster; they are treated as nodata there.").format(
                    count, factor
                )
            )
        parcels = read_features(source, crs, context, feedback, value=parameters.get(self.PARCELS))
        self._report_geometries(parcels, feedback)
        feedback.setProgress(10)
        labels, sampled = rasterize_parcels(parcels.wkb, grid)
        ws_labels, ws_codes = self._watersheds(parameters, grid, crs, context, feedback)
        feedback.setProgress(20)
        feedback.setProgressText(self.tr("CSLE per cell and per parcel"))
        result = analyse_layer(
            ParcelLayerInputs(
                grid=grid,
                model=model,
                params=params,
                landuse_table=table,
                labels=labels,
                area_m2=parcels.areas_m2(),
                attrs=parcels.attrs,
                ws_labels=ws_labels,
                ws_codes=ws_codes,
                geometries=parcels.wkb,
                ids=parcels.ids,
                shapes=parcels.shapes(),
                **fields,
                **factors,
                **self._options(parameters, context),
            )
        )
        self._report(result, sampled, feedback)
        feedback.setProgress(90)
        results = self._write_outputs(parameters, context, source, crs, grid, parcels, result)
        results[self.PARCELS_OUTSIDE_DEM] = result.outside_dem
        results[self.TOLERANCE_USED] = float(result.tolerance_t_km2_a)
        feedback.pushInfo(
            self.tr("{0} parcels, {1:.2f} hm², eroded area {2:.2f} hm²").format(
                len(parcels), result.area_ha, result.eroded_area_ha
            )
        )
        feedback.pushInfo(self.tr("Parameter tables: {0}").format("; ".join(params.files.values())))
        return results

    # -- messages ------------------------------------------------------------------------------
    def _report_geometries(self, parcels: FeatureColumns, feedback: QgsProcessingFeedback) -> None:
        """Stop when no parcel has a geometry; tell the user what was repaired or skipped."""
        if not len(parcels):
            raise NoParcelsError()
        if parcels.repaired:
            feedback.pushWarning(self.tr("{0} invalid parcel geometries were repaired.").format(parcels.repaired))
        if parcels.skipped_empty:
            feedback.pushWarning(self.tr("{0} parcels without a geometry were skipped.").format(parcels.skipped_empty))
        if parcels.collapsed:  # the reader's own wording
            only = FeatureColumns(collapsed=parcels.collapsed)
            report(only, feedback, self.tr("parcels"))

    def _report(self, result: ParcelLayerResult, sampled: int, feedback: QgsProcessingFeedback) -> None:
        """Tell the user the tolerance used, each factor's value and source, the factor warnings and every
        count of the analysis."""
        feedback.pushInfo(self.tr("Allowable soil loss: {0:g} t/(km²·a)").format(result.tolerance_t_km2_a))
        feedback.pushInfo(self.tr("CSLE factors (value — source):"))
        for factor, value, source in provenance_lines(result):
            name = factor_name(factor)
            feedback.pushInfo(f"  {name}: {value} — {source}" if value else f"  {name}: {source}")
        for warning in result.factor_warnings:
            feedback.pushWarning(msg_text(warning))
        for kind, message in result.landuse.messages() if result.landuse else ():
            push = feedback.pushWarning if kind == "warning" else feedback.pushInfo
            push(user_message(LanduseNote(text=message)))
        for code, count in result.unmapped:
            feedback.pushWarning(
                self.tr("Unmapped land-use code '{0}': {1} parcels (no land-use class, no soil loss).").format(
                    code, count
                )
            )
        if result.missing_soil_codes:
            feedback.pushWarning(
                self.tr("Soil codes without K in the table: {0} (those parcels use the K number or raster).").format(
                    ", ".join(result.missing_soil_codes[:20])
                )
            )
        if sampled:
            feedback.pushInfo(self.tr("{0} parcels smaller than a DEM cell take the cells they touch.").format(sampled))
        for label, count in result.uncovered.items():
            feedback.pushWarning(
                self.tr("The {0} raster does not cover {1} parcels (no soil loss there).").format(label, count)
            )
        if result.overlap_warning is not None:
            feedback.pushWarning(msg_text(result.overlap_warning))
        if result.outside_dem:
            feedback.pushWarning(
                self.tr("{0} parcels lie wholly outside the DEM: they get no numbers.").format(result.outside_dem)
            )
        if result.partly_outside_dem:
            feedback.pushWarning(
                self.tr("{0} parcels lie partly outside the DEM: figures cover the part inside.").format(
                    result.partly_outside_dem
                )
            )

    # -- output --------------------------------------------------------------------------------
    def _write_outputs(self, parameters, context, source, crs, grid, parcels: FeatureColumns, result) -> dict:
        """OUTPUT_PARCELS, the factor provenance (outputs and, when asked for, a table) and the soil-loss raster."""
        results = {self.OUTPUT_PARCELS: self._write_parcels(parameters, context, source, crs, parcels, result)}
        lines = provenance_lines(result)
        results[self.FACTOR_PROVENANCE] = "\n".join(
            f"{factor_name(f)}: {v} — {s}" if v else f"{factor_name(f)}: {s}" for f, v, s in lines
        )
        results[self.FACTOR_WARNINGS] = "\n".join(msg_text(w) for w in result.factor_warnings)
        if parameters.get(self.OUTPUT_FACTORS) is not None:
            results[self.OUTPUT_FACTORS] = self._write_provenance(parameters, context, lines, result)
        if result.landuse is not None:
            note = result.landuse.evidence.describe(result.landuse.table)
            results[self.OUTPUT_LANDUSE_VINTAGE] = user_message(LanduseNote(text=note))
        soil_path = self.parameterAsOutputLayer(parameters, self.OUTPUT_SOIL_LOSS, context)
        if soil_path and parameters.get(self.OUTPUT_SOIL_LOSS) is not None:
            write_geotiff(soil_path, result.soil_loss, grid)
            results[self.OUTPUT_SOIL_LOSS] = soil_path
        return results

    def _write_provenance(self, parameters, context, lines, result) -> str | None:
        """The factor provenance as a table (the plan's ``factor_provenance``): one row per factor, then
        one per factor warning (factor ``warning``)."""
        fields = make_fields((("factor", STRING), ("value", STRING), ("source", STRING)))
        sink, dest = self.parameterAsSink(
            parameters,
            self.OUTPUT_FACTORS,
            context,
            fields,
            QgsWkbTypes.Type.NoGeometry,
            QgsCoordinateReferenceSystem(),
        )
        if sink is None:
            return None
        rows = list(lines) + [("warning", "", msg_text(w)) for w in result.factor_warnings]
        for row in rows:
            feature = QgsFeature(fields)
            feature.setAttributes(list(row))
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        return dest

    def _write_parcels(self, parameters, context, source, crs, parcels: FeatureColumns, result) -> str:
        """The analysed parcels into OUTPUT_PARCELS: the parcel's own fields first, then ours."""
        t = result.table
        ours = self.output_spec(len(result.slope_system.labels))
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
        table_of_dest = bulk_gpkg_table(dest, parameters.get(self.OUTPUT_PARCELS))
        if table_of_dest is not None:
            # a GeoPackage layer: QGIS has created it (and registered it as the output); close it and fill it
            # in one SQLite transaction with its R-tree bulk-loaded (adapters.vector_io), ~10× faster
            del sink
            columns = {f.name(): parcels.attrs[f.name()] for f in kept}
            for name, _ in ours:
                columns[name] = parcels.ids if name == "parcel_id" else sql_column(t[name])
            fill_gpkg_table(*table_of_dest, parcels.multi_wkb(), columns)
        else:
            self._write_features(sink, fields, kept, ours, parcels, t)
        return dest

    @staticmethod
    def _write_features(sink, fields, kept, ours, parcels: FeatureColumns, t) -> None:
        """The analysed parcels through a QGIS feature sink (memory layers, PostGIS, Shapefiles …)."""
        columns = {name: t[name].tolist() for name, _ in ours if name != "parcel_id"}
        kept_values = [parcels.attrs[f.name()] for f in kept]
        for i, wkb in enumerate(parcels.multi_wkb()):
            out = QgsFeature(fields)
            geom = QgsGeometry()
            geom.fromWkb(wkb)
            out.setGeometry(geom)
            values = [qgis_value(column[i]) for column in kept_values]
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
            ("ws_pieces", STRING),
            ("cover_fvc", DOUBLE),
            ("canopy_gd", DOUBLE),
            ("gdpdjb_dem", INT),
            ("gdpdjb_flag", INT),
            ("valid_cells", INT),
            *((f"d010_s{j + 1}_pct", DOUBLE) for j in range(5)),
            *((f"d011_s{j + 1}_pct", DOUBLE) for j in range(5)),
            *((f"erosion_c{j}_ha", DOUBLE) for j in range(6)),
        )
