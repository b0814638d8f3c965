"""``sbplanner:suggest_gully_works`` — proposed 谷坊, 沟头防护 and 截水沟 from the DEM, streams and parcels."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsFeatureSource,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingFeedback,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsWkbTypes,
)

from sbplanner_plugin.adapters.param_files import load_gully_params, table_path
from sbplanner_plugin.adapters.raster import rasterize, rasterize_parcels
from sbplanner_plugin.core import gully
from sbplanner_plugin.core.definitions import code_text
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, SbPlannerError
from sbplanner_plugin.core.grid import horn_slope_deg
from sbplanner_plugin.core.hydrology import condition_dem, stream_mask, stream_segments
from sbplanner_plugin.processing.base import DOUBLE, INT, STRING, SbAlgorithm, cache_dir, progress_callback

STATUS = "proposed"
DAM_SPEC = (
    ("measure_code", STRING),
    ("ws_code", STRING),
    ("reach_id", INT),
    ("strahler", INT),
    ("channel_gradient_pct", DOUBLE),
    ("stable_gradient_pct", DOUBLE),
    ("dam_type", STRING),
    ("dam_height_m", DOUBLE),
    ("spacing_m", DOUBLE),
    ("chainage_m", DOUBLE),
    ("uparea_km2", DOUBLE),
    ("status", STRING),
)
HEAD_SPEC = (
    ("measure_code", STRING),
    ("ws_code", STRING),
    ("parcel_id", INT),
    ("landuse_code", STRING),
    ("uparea_km2", DOUBLE),
    ("catchment_hm2", DOUBLE),
    ("head_slope_deg", DOUBLE),
    ("protection_type", STRING),
    ("storm_mm", DOUBLE),
    ("runoff_coeff", DOUBLE),
    ("design_storage_m3", DOUBLE),
    ("status", STRING),
)
DITCH_SPEC = (
    ("measure_code", STRING),
    ("ws_code", STRING),
    ("parcel_id", INT),
    ("upslope_parcel_id", INT),
    ("upslope_slope_deg", DOUBLE),
    ("length_m", DOUBLE),
    ("catchment_hm2", DOUBLE),
    ("ditch_type", STRING),
    ("storm_mm", DOUBLE),
    ("runoff_coeff", DOUBLE),
    ("design_runoff_m3", DOUBLE),
    ("status", STRING),
)


class NoChannelsError(SbPlannerError):
    key = "no_channels"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "No channel on the DEM: no cell drains {threshold_km2:g} km². Lower the stream threshold or use a larger DEM."
    )  # fmt: skip


class StreamsOffDemError(SbPlannerError):
    key = "streams_off_dem"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "None of the {count} stream lines follows a flow path of the DEM: do they belong to this DEM?"
    )  # fmt: skip


class EmptyStreamsError(SbPlannerError):
    key = "empty_streams"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "The stream layer holds no lines.")


def _field(source: QgsFeatureSource, *names: str) -> str | None:
    lower = {f.name().lower(): f.name() for f in source.fields()}
    return next((lower[n] for n in names if n in lower), None)


def _int(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _float(value: object) -> float:
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan
    return v if math.isfinite(v) else math.nan


class SuggestGullyWorks(SbAlgorithm):
    DEM = "DEM"
    STREAMS = "STREAMS"
    STREAM_THRESHOLD_KM2 = "STREAM_THRESHOLD_KM2"
    PARCELS = "PARCELS"
    REGION = "REGION"
    MAX_STRAHLER = "MAX_STRAHLER"
    MIN_GRADIENT_PCT = "MIN_GRADIENT_PCT"
    DAM_HEIGHT_M = "DAM_HEIGHT_M"
    STABLE_GRADIENT_RATIO = "STABLE_GRADIENT_RATIO"
    OUTPUT_CHECK_DAMS = "OUTPUT_CHECK_DAMS"
    OUTPUT_GULLY_HEADS = "OUTPUT_GULLY_HEADS"
    OUTPUT_INTERCEPT_DITCHES = "OUTPUT_INTERCEPT_DITCHES"

    group_id = "measures"

    def group(self) -> str:
        return self.tr("3 · Measures")

    def name(self) -> str:
        return "suggest_gully_works"

    def displayName(self) -> str:
        return self.tr("Suggest gully works: check dams, gully-head protection, intercepting ditches")

    def shortHelpString(self) -> str:
        return self.tr(
            "Proposes the linear and point works of a small watershed for the designer to accept, move or "
            "delete.\n\n"
            "谷坊 (check dams): on channels of Strahler order up to the maximum whose bed gradient i (equal-area "
            "method over each reach, raw DEM) reaches the threshold. Dams are spaced by the 顶底相照 rule of "
            "GB/T 16453.3: L = H / (i − i′), H the effective dam height and i′ = ratio × i (not below the "
            "table's floor) the stable gradient of the deposit; the first dam stands at the reach's lowest "
            "cell, then one every L metres upstream.\n\n"
            "沟头防护 (gully-head protection): at channel heads (the top cell of 1st-order reaches) where a "
            "cropland parcel holds the head or the cell just upslope; design storage W = 10·K·R·F with F the "
            "catchment above the head.\n\n"
            "截水沟 (intercepting ditches): along the edge of a treated parcel (engineering or vegetative "
            "measure, from assign_measures) where hillslope flow enters it from an untreated parcel at least "
            "as steep as the table's threshold; 蓄水型 or 排水型 by region (GB 51018-2014 11.1).\n\n"
            "Streams: the step-1 stream layer (its Strahler orders and watershed codes are kept) or, without "
            "it, channels derived from the DEM with the stream threshold. Every default is in "
            "resources/params/gully_works.csv with its source and confidence (many are UNVERIFIED); a copy "
            "in <QGIS profile>/sbplanner/params overrides it."
        )

    def _defaults(self) -> gully.GullyParams | None:
        try:
            return load_gully_params(table_path(gully.GULLY_TABLE))
        except SbPlannerError:
            return None  # reported when the algorithm runs

    def initAlgorithm(self, config=None) -> None:
        d = self._defaults()
        self.addParameter(QgsProcessingParameterRasterLayer(self.DEM, self.tr("DEM")))
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.STREAMS,
                self.tr("Streams of step 1 (with strahler; empty = derive from the DEM)"),
                [QgsProcessing.SourceType.TypeVectorLine],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.STREAM_THRESHOLD_KM2,
                self.tr("Stream threshold when deriving channels (km²)"),
                QgsProcessingParameterNumber.Type.Double,
                0.1,
                minValue=1e-6,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.PARCELS,
                self.tr("Analysed parcels (with measures for intercepting ditches)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
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
        numbers = (
            (self.MAX_STRAHLER, self.tr("Highest Strahler order for check dams"), "int", d and d.max_strahler, 1),
            (
                self.MIN_GRADIENT_PCT,
                self.tr("Minimum channel gradient for check dams (%)"),
                "double",
                d and 100.0 * d.min_gradient,
                0.0,
            ),
            (
                self.DAM_HEIGHT_M,
                self.tr("Effective check-dam height H (m)"),
                "double",
                d and d.default_dam_height_m,
                0.1,
            ),
            (
                self.STABLE_GRADIENT_RATIO,
                self.tr("Stable deposit gradient i′ as a fraction of i"),
                "double",
                d and d.stable_gradient_ratio,
                0.0,
            ),
        )
        for key, label, kind, default, lo in numbers:
            kind_enum = (
                QgsProcessingParameterNumber.Type.Integer if kind == "int" else QgsProcessingParameterNumber.Type.Double
            )
            p = QgsProcessingParameterNumber(key, label, kind_enum, default, optional=True, minValue=lo)
            if key == self.STABLE_GRADIENT_RATIO:
                p.setMaximum(0.99)
            self.addParameter(p)
        for key, label, kind in (
            (self.OUTPUT_CHECK_DAMS, self.tr("Check dams (谷坊)"), QgsProcessing.SourceType.TypeVectorPoint),
            (
                self.OUTPUT_GULLY_HEADS,
                self.tr("Gully-head protection (沟头防护)"),
                QgsProcessing.SourceType.TypeVectorPoint,
            ),
            (
                self.OUTPUT_INTERCEPT_DITCHES,
                self.tr("Intercepting ditches (截水沟)"),
                QgsProcessing.SourceType.TypeVectorLine,
            ),
        ):
            self.addParameter(QgsProcessingParameterFeatureSink(key, label, kind))

    # ------------------------------------------------------------------------------------------
    def _number(self, parameters: dict, key: str, context: QgsProcessingContext, default: float) -> float:
        value = parameters.get(key)
        if value is None or value == "":
            return default
        return self.parameterAsDouble(parameters, key, context)

    def compute(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> dict:
        table = table_path(gully.GULLY_TABLE)
        params = load_gully_params(table)
        feedback.pushInfo(self.tr("Parameter table: {0}").format(str(table)))
        grid, _ = self.read_dem(parameters, self.DEM, context, feedback)
        crs = QgsCoordinateReferenceSystem.fromWkt(grid.crs_wkt)
        region = self.parameterAsEnum(parameters, self.REGION, context)
        max_order = int(self._number(parameters, self.MAX_STRAHLER, context, params.max_strahler))
        min_gradient = self._number(parameters, self.MIN_GRADIENT_PCT, context, 100.0 * params.min_gradient) / 100.0
        height = self._number(parameters, self.DAM_HEIGHT_M, context, params.default_dam_height_m)
        ratio = self._number(parameters, self.STABLE_GRADIENT_RATIO, context, params.stable_gradient_ratio)
        threshold = self.parameterAsDouble(parameters, self.STREAM_THRESHOLD_KM2, context)
        progress = progress_callback(feedback)
        model = condition_dem(grid, cache_dir(), lambda f, s: progress(0.4 * f, s))
        if feedback.isCanceled():
            raise QgsProcessingException(self.tr("Cancelled."))

        # channel network -------------------------------------------------------------------
        rows, cols = grid.shape
        streams = self.parameterAsSource(parameters, self.STREAMS, context)
        line_attrs: list[tuple[int | None, str | None]] = [(None, None)]  # by line label (1-based)
        line_labels = None
        if streams is not None:
            feedback.setProgressText(self.tr("Following the stream lines on the DEM"))
            xform = QgsCoordinateTransform(streams.sourceCrs(), crs, context.transformContext())
            order_f = _field(streams, "strahler")
            code_f = _field(streams, "ws_code")
            pairs, ends = [], []
            for feat in streams.getFeatures():
                geom = feat.geometry()
                if geom.isNull() or geom.isEmpty():
                    continue
                geom.transform(xform)
                label = len(line_attrs)
                line_attrs.append(
                    (_int(feat[order_f]) if order_f else None, code_text(feat[code_f]) if code_f else None)
                )
                pairs.append((bytes(geom.asWkb()), label))
                for part in shapely.get_parts(shapely.from_wkb(bytes(geom.asWkb()))):
                    coords = shapely.get_coordinates(part)
                    if len(coords):
                        ends.append((coords[0], coords[-1]))
            if not pairs:
                raise EmptyStreamsError()
            line_labels = rasterize(pairs, grid).ravel()
            starts = []
            for a, b in ends:
                r, c = grid.rowcol(np.array([a[0], b[0]]), np.array([a[1], b[1]]))
                inside = (r >= 0) & (r < rows) & (c >= 0) & (c < cols)
                if not inside.any():
                    continue
                idx = (r * cols + c)[inside]
                starts.append(int(idx[np.argmin(model.uparea_cells[idx])]))  # the upstream end
            channels = gully.channels_from_lines(model, (line_labels > 0).reshape(rows, cols), np.array(starts))
            if not channels.any():
                raise StreamsOffDemError(count=len(pairs))
            covered = np.count_nonzero(channels & (line_labels > 0)) / max(np.count_nonzero(line_labels), 1)
            feedback.pushInfo(
                self.tr("{0} stream lines; {1:.0f} % of their cells lie on the DEM's flow paths.").format(
                    len(pairs), 100.0 * covered
                )
            )
        else:
            channels = stream_mask(model, threshold)
            if not channels.any():
                raise NoChannelsError(threshold_km2=threshold)
            feedback.pushInfo(self.tr("Channels derived from the DEM (threshold {0:g} km²).").format(threshold))
        segments = stream_segments(model, channels)
        own = gully.own_cells(segments)
        seg_line = gully.segment_majority(own, line_labels) if line_labels is not None else np.zeros(len(own), int)
        orders = np.array(
            [line_attrs[lab][0] or seg.strahler if lab else seg.strahler for seg, lab in zip(segments, seg_line)]
        )
        feedback.setProgress(45)

        # parcels -----------------------------------------------------------------------------
        parcels = self._read_parcels(parameters, context, feedback, crs, grid, params.is_head_cropland)
        parcel_labels = parcels["labels"] if parcels else None

        def ws_code_at(cell: int, seg: int | None) -> str | None:
            if seg is not None and seg_line[seg]:
                code = line_attrs[seg_line[seg]][1]
                if code:
                    return code
            if parcels and parcel_labels[cell] > 0:
                return parcels["ws_code"][parcel_labels[cell] - 1]
            return None

        # 谷坊 ------------------------------------------------------------------------------------
        feedback.setProgressText(self.tr("Siting check dams"))
        siting = gully.site_check_dams(
            model,
            segments,
            height,
            ratio,
            params.stable_gradient_min,
            min_gradient,
            max_order,
            params.min_reach_length_m,
            params.gradient_method,
            strahler=orders,
        )
        decisions = Counter(siting.reaches["decision"]) if len(siting.reaches) else Counter()
        feedback.pushInfo(
            self.tr(
                "{0} reaches: {1} with check dams, {2} of higher order, {3} too flat "
                "(i < {4:g} % or i ≤ i′), {5} too short."
            ).format(
                len(segments),
                decisions["sited"],
                decisions["higher_order"],
                decisions["too_flat"] + decisions["no_gradient"],
                100.0 * min_gradient,
                decisions["too_short"],
            )
        )
        # the dam type whose table height is H (the default type first); none for a custom height
        same = [t for t, h in params.dam_height_m.items() if abs(h - height) < 1e-9]
        dam_type = params.dam_type if params.dam_type in same else (same[0] if same else None)
        dam_sink, dam_dest = self.sink(
            parameters, self.OUTPUT_CHECK_DAMS, context, DAM_SPEC, QgsWkbTypes.Type.Point, crs
        )
        n_dams = self.write(
            dam_sink,
            DAM_SPEC,
            (
                (
                    shapely.Point(r.x, r.y),
                    {
                        "measure_code": "check_dam",
                        "ws_code": ws_code_at(int(r.cell), int(r.reach)),
                        "reach_id": int(r.reach) + 1,
                        "strahler": int(r.strahler),
                        "channel_gradient_pct": r.channel_gradient_pct,
                        "stable_gradient_pct": r.stable_gradient_pct,
                        "dam_type": dam_type,
                        "dam_height_m": r.dam_height_m,
                        "spacing_m": r.spacing_m,
                        "chainage_m": r.chainage_m,
                        "uparea_km2": r.uparea_km2,
                        "status": STATUS,
                    },
                )
                for r in siting.dams.itertuples()
            ),
        )
        feedback.setProgress(65)

        # 沟头防护 ----------------------------------------------------------------------------------
        feedback.setProgressText(self.tr("Finding gully heads in cropland"))
        head_sink, head_dest = self.sink(
            parameters, self.OUTPUT_GULLY_HEADS, context, HEAD_SPEC, QgsWkbTypes.Type.Point, crs
        )
        heads = gully.channel_heads(segments, orders)
        n_heads = 0
        head_type = params.ditch_type_by_region[region]
        if parcels is None:
            feedback.pushWarning(
                self.tr("No parcels given: gully-head protection needs land use, so no gully heads are proposed.")
            )
        else:
            table_h = gully.gully_heads(
                model,
                heads,
                parcel_labels,
                parcels["cropland"],
                horn_slope_deg(grid),
                params.head_storm_mm,
                params.head_runoff_coeff,
                params.head_upslope_cells,
            )
            n_heads = self.write(
                head_sink,
                HEAD_SPEC,
                (
                    (
                        shapely.Point(r.x, r.y),
                        {
                            "measure_code": "gully_head_protection",
                            "ws_code": ws_code_at(int(r.cell), None),
                            "parcel_id": parcels["ids"][int(r.parcel) - 1],
                            "landuse_code": parcels["landuse"][int(r.parcel) - 1],
                            "uparea_km2": r.uparea_km2,
                            "catchment_hm2": r.catchment_hm2,
                            "head_slope_deg": r.head_slope_deg,
                            "protection_type": head_type,
                            "storm_mm": r.storm_mm,
                            "runoff_coeff": r.runoff_coeff,
                            "design_storage_m3": r.design_storage_m3,
                            "status": STATUS,
                        },
                    )
                    for r in table_h.itertuples()
                ),
            )
            feedback.pushInfo(self.tr("{0} channel heads, {1} of them cut into cropland.").format(len(heads), n_heads))
        feedback.setProgress(80)

        # 截水沟 ------------------------------------------------------------------------------------
        feedback.setProgressText(self.tr("Siting intercepting ditches"))
        ditch_sink, ditch_dest = self.sink(
            parameters, self.OUTPUT_INTERCEPT_DITCHES, context, DITCH_SPEC, QgsWkbTypes.Type.MultiLineString, crs
        )
        n_ditches = 0
        if parcels is None:
            pass
        elif parcels["measure_code"] is None:
            feedback.pushInfo(
                self.tr(
                    "The parcels have no measure_code field (run 'Assign measures' first): "
                    "no intercepting ditches proposed."
                )
            )
        elif parcels["slope"] is None:
            feedback.pushInfo(
                self.tr(
                    "The parcels have no slope_mean_deg field (run 'Analyse parcels' first): no intercepting ditches."
                )
            )
        else:
            treated, source = gully.ditch_parcel_flags(
                parcels["measure_code"],
                parcels["measure_category"],
                parcels["slope"],
                params.ditch_treating_categories,
                params.ditch_min_slope_deg,
            )
            ditch_type = params.ditch_type_by_region[region]
            found = gully.intercept_ditches(model, parcel_labels, treated, source, parcels["geoms"], channels)
            rows_out = []
            for line, a in found:
                lower, upper = a["lower"] - 1, a["upper"] - 1
                rows_out.append(
                    (
                        shapely.multilinestrings(shapely.get_parts(line)),
                        {
                            "measure_code": "intercept_ditch",
                            "ws_code": parcels["ws_code"][lower],
                            "parcel_id": parcels["ids"][lower],
                            "upslope_parcel_id": parcels["ids"][upper],
                            "upslope_slope_deg": float(parcels["slope"][upper]),
                            "length_m": a["length_m"],
                            "catchment_hm2": a["catchment_hm2"],
                            "ditch_type": ditch_type,
                            "storm_mm": params.ditch_storm_mm,
                            "runoff_coeff": params.ditch_runoff_coeff,
                            "design_runoff_m3": gully.design_runoff_m3(
                                params.ditch_runoff_coeff, params.ditch_storm_mm, a["catchment_hm2"]
                            ),
                            "status": STATUS,
                        },
                    )
                )
            n_ditches = self.write(ditch_sink, DITCH_SPEC, rows_out)
            feedback.pushInfo(
                self.tr(
                    "{0} treated parcels, {1} untreated parcels of ≥ {2:g}°: {3} intercepting ditches, {4:.0f} m."
                ).format(
                    int(treated.sum()),
                    int(source.sum()),
                    params.ditch_min_slope_deg,
                    n_ditches,
                    sum(a["length_m"] for _, a in found),
                )
            )
        feedback.pushInfo(
            self.tr("Proposed: {0} check dams (H = {1:g} m, i′ = {2:g}·i), {3} gully heads, {4} ditches.").format(
                n_dams, height, ratio, n_heads, n_ditches
            )
        )
        return {
            self.OUTPUT_CHECK_DAMS: dam_dest,
            self.OUTPUT_GULLY_HEADS: head_dest,
            self.OUTPUT_INTERCEPT_DITCHES: ditch_dest,
        }

    def _read_parcels(self, parameters, context, feedback, crs, grid, is_cropland) -> dict | None:
        """Parcels in the DEM's CRS: label raster (flat), ids, land use, slope, measures."""
        source = self.parameterAsSource(parameters, self.PARCELS, context)
        if source is None:
            return None
        xform = QgsCoordinateTransform(source.sourceCrs(), crs, context.transformContext())
        id_f = _field(source, "parcel_id")
        group_f = _field(source, "landuse_group")
        lu_f = _field(source, "landuse_code", "dlbm")
        slope_f = _field(source, "slope_mean_deg")
        code_f = _field(source, "measure_code")
        cat_f = _field(source, "measure_category")
        ws_f = _field(source, "ws_code")
        if group_f is None and lu_f is None:
            feedback.pushWarning(
                self.tr("The parcels have neither landuse_group nor a land-use code: no cropland is recognised.")
            )
        out: dict = {k: [] for k in ("wkb", "geoms", "ids", "landuse", "group", "slope", "code", "cat", "ws_code")}
        request = QgsFeatureRequest().setInvalidGeometryCheck(QgsFeatureRequest.InvalidGeometryCheck.GeometryNoCheck)
        for feat in source.getFeatures(request, QgsProcessingFeatureSource.Flag.FlagSkipGeometryValidityChecks):
            geom = feat.geometry()
            if geom.isNull() or geom.isEmpty():
                continue
            if not geom.isGeosValid():
                geom = geom.makeValid()
            geom.transform(xform)
            wkb = bytes(geom.asWkb())
            out["wkb"].append(wkb)
            out["geoms"].append(shapely.make_valid(shapely.from_wkb(wkb)))
            out["ids"].append(_int(feat[id_f]) if id_f else int(feat.id()))
            lu = code_text(feat[lu_f]) if lu_f else None
            out["landuse"].append(lu)
            out["group"].append(code_text(feat[group_f]) if group_f else (lu[:2] if lu else None))
            out["slope"].append(_float(feat[slope_f]) if slope_f else math.nan)
            out["code"].append(code_text(feat[code_f]) if code_f else None)
            out["cat"].append(code_text(feat[cat_f]) if cat_f else None)
            out["ws_code"].append(code_text(feat[ws_f]) if ws_f else None)
        if not out["wkb"]:
            feedback.pushWarning(self.tr("The parcel layer holds no polygons: it is ignored."))
            return None
        labels, _ = rasterize_parcels(out["wkb"], grid)
        cropland = np.array([False] + [is_cropland(g, lu) for g, lu in zip(out["group"], out["landuse"])])
        return {
            "labels": labels.ravel(),
            "geoms": out["geoms"],
            "ids": out["ids"],
            "landuse": out["landuse"],
            "cropland": cropland,
            "slope": np.array(out["slope"]) if slope_f else None,
            "measure_code": out["code"] if code_f else None,
            "measure_category": out["cat"] if cat_f else None,
            "ws_code": out["ws_code"],
        }
