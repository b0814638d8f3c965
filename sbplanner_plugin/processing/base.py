"""Shared plumbing of SBPlanner algorithms: errors, DEM input, progress, sinks, cache."""

from __future__ import annotations

import datetime as _dt
import html
import math
import os
import struct
import traceback
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely
from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsMessageLog,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingFeedback,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterVectorLayer,
    QgsProcessingUtils,
    QgsProviderRegistry,
    QgsRasterLayer,
    QgsWkbTypes,
)
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QDate, QDateTime

from sbplanner_plugin.adapters.atomic_outputs import StagedOutputs
from sbplanner_plugin.adapters.field_types import DOUBLE, INT, STRING
from sbplanner_plugin.adapters.input_files import unreadable_file
from sbplanner_plugin.adapters.output_checks import folder_problem, is_plan, output_problem
from sbplanner_plugin.adapters.param_files import read_table, table_path
from sbplanner_plugin.adapters.plan_store import PlanStore, scenario_layer_name
from sbplanner_plugin.adapters.raster import DemInfo, read_dem
from sbplanner_plugin.core.definitions import DEFINITIONS_CONTEXT, POSTGRES_PREFIX, REGION_NAMES, region_labels
from sbplanner_plugin.core.errors import ERROR_CONTEXT, STAGE_CONTEXT, DemUnreadableError, Msg, SbPlannerError
from sbplanner_plugin.core.grid import Grid
from sbplanner_plugin.core.params import SCHEMAS, table_notes


def user_message(error: SbPlannerError) -> str:
    """The translated, filled-in message of a core error.

    String params whose text is a marked literal are translated as a whole; a :class:`Msg` param is
    translated and filled in the same way, recursively. A translation with broken placeholders
    falls back to the English text of its level.
    """
    return _fill(error.template, error.params, top=True)


def message_text(message: Msg | str) -> str:
    """A core note (a :class:`Msg`, context SbPlannerErrors) translated and filled in, nested ``Msg`` params
    too (string params are data); plain text as it is."""
    return _fill(message.template, message.params) if isinstance(message, Msg) else str(message)


def erosion_region_options() -> list[str]:
    """EROSION_REGION options: the translated region names with the allowable soil loss of
    tolerance_regions.csv (the user's edited copy when there is one); names alone when that table cannot
    be read (the run reports the table's problem)."""
    names = [QCoreApplication.translate(DEFINITIONS_CONTEXT, name) for name in REGION_NAMES]
    try:
        rows = read_table(table_path("tolerance_regions.csv"), SCHEMAS["tolerance_regions.csv"])
    except (SbPlannerError, OSError):
        return region_labels(names)
    return region_labels(names, {r["region_id"]: r["tolerance_t_km2_a"] for r in rows})


def error_text(exc: BaseException) -> str:
    """An exception as the user reads it: a core or plan error translated, anything else as it is."""
    return user_message(exc) if isinstance(exc, SbPlannerError) else str(exc)


def _fill(template: str, params: Mapping[str, object], top: bool = False) -> str:
    def translated(value: object) -> object:
        if isinstance(value, Msg):
            return _fill(value.template, value.params)
        if top and isinstance(value, str):
            return QCoreApplication.translate(ERROR_CONTEXT, value)
        return value

    text = QCoreApplication.translate(ERROR_CONTEXT, template)
    try:
        return text.format(**{k: translated(v) for k, v in params.items()})
    except (KeyError, IndexError, ValueError):  # a translation with broken placeholders
        return template.format(**params)


def plan_parameter(name: str = "PLAN") -> QgsProcessingParameterFile:
    """The plan an algorithm reads whole: a GeoPackage (the file dialog offers those) or a PostGIS plan's
    ``postgres:<dsn> schema=<name>``, which :meth:`SbAlgorithm.checkParameterValues` lets past the file filter."""
    return QgsProcessingParameterFile(
        name,
        QCoreApplication.translate("SbAlgorithm", "Plan (GeoPackage, or postgres:<dsn> schema=<name>)"),
        QgsProcessingParameterFile.Behavior.File,
        fileFilter=QCoreApplication.translate("SbAlgorithm", "GeoPackage (*.gpkg)"),
    )


def table_destination(value):
    """A sink destination for a table without geometry: a PostGIS plan's destination names the geometry column
    (``… table="s"."t" (geom)``, :meth:`PostgisPlanStore.destination`), with which QGIS cannot create a table;
    the column is dropped. Other destinations are returned unchanged."""
    definition = value if isinstance(value, QgsProcessingOutputLayerDefinition) else None
    text = definition.sink.staticValue() if definition is not None else value
    if not isinstance(text, str) or not text.startswith("postgres://") or not text.endswith(" (geom)"):
        return value
    text = text[: -len(" (geom)")]
    if definition is None:
        return text
    out = QgsProcessingOutputLayerDefinition(definition)
    out.sink.setStaticValue(text)
    return out


def cache_dir() -> Path:
    """Where conditioned DEMs are cached: ``$SBPLANNER_CACHE_DIR`` or the QGIS profile."""
    env = os.environ.get("SBPLANNER_CACHE_DIR")
    if env:
        return Path(env)
    return Path(QgsApplication.qgisSettingsDirPath()) / "sbplanner" / "cache"


def progress_callback(feedback: QgsProcessingFeedback | None) -> Callable[[float, str], bool]:
    """Core progress (0-1, stage) → feedback progress; returns True when the user cancelled."""
    last = {"stage": ""}

    def progress(fraction: float, stage: str) -> bool:
        if feedback is None:
            return False
        if stage != last["stage"]:
            last["stage"] = stage
            feedback.setProgressText(QCoreApplication.translate(STAGE_CONTEXT, stage))
        feedback.setProgress(100.0 * fraction)
        return feedback.isCanceled()

    return progress


FieldSpec = Sequence[tuple[str, Any]]
#: Fields of the channel-reach layers of step 1 (delineate_watersheds, divide_small_watersheds).
STREAM_SPEC = (("ws_code", STRING), ("strahler", INT), ("length_km", DOUBLE))


def make_fields(spec: FieldSpec) -> QgsFields:
    fields = QgsFields()
    for name, kind in spec:
        fields.append(QgsField(name, kind))
    return fields


def _clean(value: Any) -> Any:
    if value is None or (hasattr(value, "isNull") and not hasattr(value, "item") and value.isNull()):
        return None  # QGIS's NULL (a null QVariant), and null dates
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return value


def source_frame(source, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """The attribute table of a feature source (no geometries) as a DataFrame, QGIS NULLs as None;
    ``columns`` (those present) in that order, else every field."""
    names = source.fields().names()
    wanted = [c for c in (columns if columns is not None else names) if c in names]
    index = [names.index(c) for c in wanted]
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
    rows = [[_clean(a[i]) for i in index] for a in (f.attributes() for f in source.getFeatures(request))]
    return pd.DataFrame(rows, columns=wanted)


def bulk_gpkg_table(dest: str, value) -> tuple[str, str] | None:
    """(file, table) when the sink ``dest`` is a new GeoPackage layer that
    :func:`adapters.vector_io.fill_gpkg_table` may fill (a file or a plan GeoPackage); None for anything
    else (memory layers, PostGIS, Shapefiles, appending to an existing layer), which the algorithm writes
    through the QGIS sink.

    The algorithm creates the sink first (QGIS makes the table and registers the output), drops it
    (``del sink`` closes the file), then fills the table in one SQLite transaction (~10× faster than
    adding the features one by one)."""
    if isinstance(value, QgsProcessingOutputLayerDefinition) and value.useRemapping():
        return None  # appending to an existing layer
    uri = QgsProviderRegistry.instance().decodeUri("ogr", dest)
    path = uri.get("path") or ""
    if not path.lower().endswith(".gpkg") or not os.path.isfile(path):
        return None
    name = uri.get("layerName") or os.path.splitext(os.path.basename(path))[0]
    return path, name


def sql_column(series) -> np.ndarray | list:
    """A result column for the GeoPackage writer: numbers as numpy (NaN → NULL), the rest as the values
    the QGIS sink would be given (``_clean``; pandas' NA → None)."""
    values = series.to_numpy()
    if values.dtype.kind in "fiu":
        return values
    out = values.tolist()
    if _PLAIN.issuperset(map(type, out)):  # str / None / numbers: the writer binds them as _clean would
        return out
    return [None if v is pd.NA else _clean(v) for v in out]


def qgis_value(value):
    """A plain attribute value (``adapters.features.plain_value``) for a QGIS feature: dates as QDate /
    QDateTime (a QGIS sink refuses a feature holding a Python date: it would be dropped)."""
    if isinstance(value, _dt.datetime):
        return QDateTime(value)
    if isinstance(value, _dt.date):
        return QDate(value)
    return value


#: shapely type ids (get_type_id) of each QGIS geometry type: Point/MultiPoint, LineString/LinearRing/
#: MultiLineString, Polygon/MultiPolygon.
_TYPE_IDS = {
    QgsWkbTypes.GeometryType.PointGeometry: {0, 4},
    QgsWkbTypes.GeometryType.LineGeometry: {1, 2, 5},
    QgsWkbTypes.GeometryType.PolygonGeometry: {3, 6},
}


#: WKB base type code (1 Point … 7 GeometryCollection) → shapely type id; other codes (curves) are not checked.
_WKB_TO_SHAPELY = {1: 0, 2: 1, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7}


def _wkb_type_id(wkb: bytes | None) -> int:
    """The shapely type id of a WKB geometry from its header (no geometry is built); -1 for none or a type
    not checked."""
    if not wkb or len(wkb) < 5 or wkb[0] > 1:
        return -1
    (code,) = struct.unpack_from("<I" if wkb[0] == 1 else ">I", bytes(wkb[:5]), 1)
    return _WKB_TO_SHAPELY.get((code & 0x0FFFFFFF) % 1000, -1)  # ISO Z/M (+1000…) and EWKB flags alike


def check_geometry_types(key: str, type_ids: Sequence[int], wkb_type) -> None:
    """Refuse (a translated ``QgsProcessingException``, nothing written) geometries of another type than the
    output layer's: OGR would write a line into a GeoPackage polygon layer (issue 13: slivers "repaired" into
    lines). Missing geometries (-1) pass."""
    allowed = _TYPE_IDS.get(QgsWkbTypes.geometryType(wkb_type))
    if allowed is None:
        return
    wrong = sum(1 for t in type_ids if t >= 0 and t not in allowed)
    if wrong:
        message = QCoreApplication.translate(
            "SbAlgorithm", "{0} geometries of the output {1} are not of its type ({2}); nothing was written."
        )
        raise QgsProcessingException(message.format(wrong, key, QgsWkbTypes.displayString(wkb_type)))


#: Value types the GeoPackage writer binds as they are (NaN and ±inf floats become NULL there, as with _clean).
_PLAIN = frozenset((type(None), str, int, float))


class SbAlgorithm(QgsProcessingAlgorithm):
    """Base class: translation, grouping, core-error → translated message, shared inputs."""

    group_id = "watersheds"
    #: (output key, layer) pairs: the layer an output writes when its destination is a plain path to a
    #: plan GeoPackage (default: the key without ``OUTPUT_``, in lower case).
    plan_layers: tuple[tuple[str, str], ...] = ()
    #: Outputs the algorithm writes atomically itself (step 6's deliverables, through
    #: adapters.deliverable_files.write_atomically): not staged, so that its check for a file open in
    #: Excel / WPS / Word (the lock file next to it) looks at the real destination.
    written_atomically: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs) -> None:
        """An algorithm's own ``shortHelpString`` (plain text) is shown escaped: QGIS renders the help as HTML,
        where "<QGIS profile>/sbplanner/params" lost its "<QGIS profile>" as an unknown tag. ``qgis_process help``
        prints the text as it is, so there it stays plain."""
        super().__init_subclass__(**kwargs)
        own = cls.__dict__.get("shortHelpString")
        if own is not None and not getattr(own, "escaped", False):

            def shortHelpString(self, _own=own) -> str:
                text = _own(self)
                return text if QgsApplication.platform() == "qgis_process" else html.escape(text, quote=False)

            shortHelpString.escaped = True
            cls.shortHelpString = shortHelpString

    def tr(self, text: str) -> str:
        return QCoreApplication.translate(type(self).__name__, text)

    @staticmethod
    def _tr_base(text: str) -> str:
        """Translate a string written in this base class (pylupdate5 files it under SbAlgorithm)."""
        return QCoreApplication.translate("SbAlgorithm", text)

    def createInstance(self) -> SbAlgorithm:
        return type(self)()

    def groupId(self) -> str:
        return self.group_id

    def group(self) -> str:
        return QCoreApplication.translate("SbAlgorithm", "1 · Small watersheds")

    def processAlgorithm(
        self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback
    ) -> dict:
        """``prepare_outputs`` (every output checked, and staged: written aside), ``compute``, then the outputs
        put in place together (:mod:`~sbplanner_plugin.adapters.atomic_outputs`); after any failure the staged
        outputs are removed and the previous ones are untouched. Parameter-table values outside their usual
        range (and unknown keys) are pushed as warnings, once each."""
        self._staged = StagedOutputs()
        self._sinks = []
        with table_notes() as notes:
            try:
                parameters = self.prepare_outputs(parameters, context, feedback)
                results = self.compute(parameters, context, feedback)
                self._close_sinks()
                self._staged.commit()
                return self._final_results(results, context)
            except SbPlannerError as exc:
                raise QgsProcessingException(user_message(exc)) from exc
            except MemoryError as exc:
                message = QCoreApplication.translate(
                    "SbAlgorithm",
                    "Not enough memory for this DEM; clip it to the area of interest or use a coarser resolution."
                )  # fmt: skip
                raise QgsProcessingException(message) from exc
            except QgsProcessingException:
                raise
            except Exception as exc:  # a case no check foresaw: its cause, never a traceback
                raise QgsProcessingException(self.unexpected_error(exc)) from exc
            finally:
                self._close_sinks()  # a failed run's sinks are still referenced by its traceback
                self._staged.discard()
                if feedback is not None:
                    for text in dict.fromkeys(message_text(n) for n in notes):  # once each, in order
                        feedback.pushWarning(text)

    def _close_sinks(self) -> None:
        """Close (delete) every sink of the run that is still open: its writer flushes and closes the file or
        table, so the staged output is complete and nobody writes into it after it is moved."""
        refs, self._sinks = getattr(self, "_sinks", []), []
        for ref in refs:
            sink = ref()
            if sink is not None and not sip.isdeleted(sink):
                sip.delete(sink)

    def final_output(self, parameters: dict, key: str, context: QgsProcessingContext) -> str:
        """The destination of output ``key`` where it will be once the run ends (``compute`` sees the staged
        one): what an algorithm reads when it looks at the output's previous contents."""
        destination = self.parameterAsOutputLayer(parameters, key, context)
        staged = getattr(self, "_staged", None)
        return staged.final_text(destination) if staged and destination else destination

    def _final_results(self, results: dict, context: QgsProcessingContext) -> dict:
        """The run's results and the layers QGIS loads at the end, naming the outputs where they are now."""
        staged = self._staged
        if not staged:
            return results
        layers = context.layersToLoadOnCompletion()
        if layers:
            context.setLayersToLoadOnCompletion({staged.final_text(k): v for k, v in layers.items()})
        return {k: staged.final_text(v) if isinstance(v, str) else v for k, v in results.items()}

    def unexpected_error(self, exc: BaseException) -> str:
        """The message for an exception no check of ours turned into a clear error: the algorithm and the
        cause as Python states it (no exception type, no stack); the traceback goes to the QGIS message log
        (tag SBPlanner, level Warning: qgis_process does not print it)."""
        QgsMessageLog.logMessage(
            f"{self.id()}: {''.join(traceback.format_exception(type(exc), exc, exc.__traceback__))}",
            "SBPlanner",
            Qgis.MessageLevel.Warning,
        )
        cause = str(exc).strip() or QCoreApplication.translate("SbAlgorithm", "no description")
        message = QCoreApplication.translate("SbAlgorithm", "{0} stopped on an unexpected problem: {1}. The details are in the QGIS message log (SBPlanner); please report them.")  # noqa: E501
        return message.format(self.displayName(), cause)

    def compute(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> dict:
        raise NotImplementedError

    def prepare_outputs(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> dict:
        """Check every output before the computation; a plain path to a plan writes only its layer; every
        output is staged (written aside, put in place at the end of the run: :meth:`processAlgorithm`).

        Raises a translated error naming the path and the cause (missing or read-only folder, read-only
        file, a raster into a plan), so a failed run leaves nothing behind. Returns the parameters with
        plan paths turned into layer destinations inside the plan and every destination into its staged one.
        """
        parameters = dict(parameters)
        staged = getattr(self, "_staged", None)
        if staged is None:
            staged = self._staged = StagedOutputs()
        for definition in self.destinationParameterDefinitions():
            key = definition.name()
            if parameters.get(key) is None:
                continue
            path = self.parameterAsOutputLayer(parameters, key, context)
            if path and "|" not in path and not path.startswith(("memory:", "ogr:", "postgres:", "dbname=")):
                path = self._check_output_path(parameters, key, definition, path, feedback)
            if key in self.written_atomically:
                continue
            try:
                parameters[key] = self._staged_value(staged, parameters[key], path)
            except SbPlannerError as exc:
                raise QgsProcessingException(user_message(exc)) from exc
        return parameters

    @staticmethod
    def _staged_value(staged: StagedOutputs, value, path: str):
        """The parameter value ``value`` of an output written at ``path``, written at its staged place instead
        (the destination name, load-on-completion and encoding of a layer definition kept); appending to an
        existing layer and Processing's temporary outputs are left as they are."""
        definition = value if isinstance(value, QgsProcessingOutputLayerDefinition) else None
        if definition is not None and definition.useRemapping():
            return value
        text = definition.sink.staticValue() if definition is not None else value
        if not isinstance(text, str) or text == QgsProcessing.TEMPORARY_OUTPUT or not path:
            return value
        if path.startswith(QgsProcessingUtils.tempFolder()):
            return value
        new = staged.stage(path)
        if new == path:
            return value
        if definition is None:
            return new
        out = QgsProcessingOutputLayerDefinition(definition)
        out.sink.setStaticValue(new)
        return out

    def _check_output_path(self, parameters: dict, key: str, definition, path: str, feedback) -> str:
        """A plain output path: a plan (``parameters[key]`` becomes its layer's destination, returned) or a file
        that must be writable (a translated error naming the path and the cause; ``path`` returned)."""
        if is_plan(path):
            if not isinstance(definition, QgsProcessingParameterFeatureSink):
                message = QCoreApplication.translate("SbAlgorithm", "{0} is an SBPlanner plan; a raster cannot be written into it. Choose a .tif file.")  # fmt: skip  # noqa: E501
                raise QgsProcessingException(message.format(path))
            layer = dict(self.plan_layers).get(key) or key.removeprefix("OUTPUT_").lower()
            store = PlanStore(path)
            scenario = store.current_scenario()  # a step 3–5 layer goes to the plan's current scenario
            parameters[key] = store.destination(layer, scenario)
            table = scenario_layer_name(layer, scenario)
            if feedback is not None and table != layer:
                note = QCoreApplication.translate("SbAlgorithm", "The plan's current scenario is {0}.")
                feedback.pushInfo(note.format(scenario))
            if feedback is not None:
                note = QCoreApplication.translate("SbAlgorithm", "{0} is an SBPlanner plan: only its layer “{1}” is written; the other layers are kept.")  # fmt: skip  # noqa: E501
                feedback.pushInfo(note.format(path, table))
            return parameters[key]
        folder = isinstance(definition, QgsProcessingParameterFolderDestination)
        problem = folder_problem(path) if folder else output_problem(path)
        if problem:
            raise QgsProcessingException(
                QCoreApplication.translate("SbAlgorithm", "Cannot write the output {0}: {1}").format(
                    path, self._tr_base(problem)
                )
            )
        return path

    def parameterAsSink(self, parameters, name, context, fields, geometryType=None, crs=None, *args, **kwargs):  # noqa: N803
        """Processing's sink, but a table (no geometry) can be written into a PostGIS plan too (see
        :func:`table_destination`)."""
        geometryType = QgsWkbTypes.Type.NoGeometry if geometryType is None else geometryType  # noqa: N806
        if geometryType == QgsWkbTypes.Type.NoGeometry and name in parameters:
            parameters = {**parameters, name: table_destination(parameters[name])}
        crs = QgsCoordinateReferenceSystem() if crs is None else crs
        sink, dest = super().parameterAsSink(parameters, name, context, fields, geometryType, crs, *args, **kwargs)
        if sink is not None:  # closed before the outputs are put in place (weakly held: ``del sink`` closes it)
            self.__dict__.setdefault("_sinks", []).append(weakref.ref(sink))
        return sink, dest

    def checkParameterValues(self, parameters: dict, context: QgsProcessingContext) -> tuple[bool, str]:
        """Processing's check, but an input file that exists and cannot be loaded is reported with its
        real cause (GDAL / OGR's reason) instead of "could not load source layer … not found".

        A plan file parameter holding a PostGIS plan (``postgres:<dsn> schema=<name>``) is accepted: QGIS's
        file check refuses any such text; the algorithm opens it (and says what is wrong with it)."""
        checked = dict(parameters)
        for definition in self.parameterDefinitions():
            value = parameters.get(definition.name())
            postgis = isinstance(value, str) and value.strip().startswith(POSTGRES_PREFIX)
            if postgis and isinstance(definition, QgsProcessingParameterFile):
                checked[definition.name()] = "plan.gpkg"  # a name the file check accepts
        ok, message = super().checkParameterValues(checked, context)
        if not ok:
            for definition in self.parameterDefinitions():
                error = self.unreadable_input(parameters, definition.name(), context)
                if error is not None:
                    return False, user_message(error)
        return ok, message

    def unreadable_input(self, parameters: dict, key: str, context: QgsProcessingContext) -> SbPlannerError | None:
        """The error for parameter ``key`` when it names an existing file that QGIS cannot load as a
        layer and GDAL / OGR cannot read (None otherwise)."""
        definition = self.parameterDefinition(key)
        value = parameters.get(key)
        if isinstance(value, QgsProcessingFeatureSourceDefinition):
            value = value.source.staticValue()
        if definition is None or not isinstance(value, str) or not value:
            return None
        if isinstance(definition, QgsProcessingParameterRasterLayer):
            kind = "raster"
        elif isinstance(definition, (QgsProcessingParameterFeatureSource, QgsProcessingParameterVectorLayer)):
            kind = "vector"
        else:
            return None
        layer = QgsProcessingUtils.mapLayerFromString(value, context)
        if layer is not None and layer.isValid():
            return None
        return unreadable_file(value, kind)

    def read_dem(
        self, parameters: dict, key: str, context: QgsProcessingContext, feedback: QgsProcessingFeedback
    ) -> tuple[Grid, DemInfo]:
        layer: QgsRasterLayer | None = self.parameterAsRasterLayer(parameters, key, context)
        if layer is None or not layer.isValid():
            raise self.unreadable_input(parameters, key, context) or DemUnreadableError(path=str(parameters.get(key)))
        override = layer.crs().toWkt() if layer.crs().isValid() else ""
        grid, info = read_dem(layer.source(), 1, override)
        if info.reprojected:
            feedback.pushInfo(
                QCoreApplication.translate(
                    "SbAlgorithm", "The DEM is in a geographic CRS; it was reprojected for true areas and lengths:"
                )
            )
            feedback.pushInfo(info.note)
        if info.rotated:
            feedback.pushWarning(
                QCoreApplication.translate(
                    "SbAlgorithm", "The DEM's geotransform is rotated; it was resampled north-up at {0:g} m (bilinear)."
                ).format(info.cell_size_m)
            )
        if info.infinite_cells:
            feedback.pushWarning(
                QCoreApplication.translate(
                    "SbAlgorithm", "{0} DEM cells hold an infinite value; they are treated as nodata."
                ).format(info.infinite_cells)
            )
        self._report_dem_cells(info, feedback)
        rows, cols = grid.shape
        feedback.pushInfo(
            QCoreApplication.translate("SbAlgorithm", "DEM: {0} × {1} cells of {2:g} m").format(
                cols, rows, grid.cell_size_m
            )
        )
        return grid, info

    @staticmethod
    def _report_dem_cells(info: DemInfo, feedback: QgsProcessingFeedback) -> None:
        """The other cell repairs of ``adapters.raster.read_dem``: a flipped grid, NaN cells the nodata value
        does not name, implausible elevations (an unflagged nodata value) and elevations in feet."""
        if info.flipped:
            feedback.pushInfo(QCoreApplication.translate("SbAlgorithm", "The DEM's rows run south-up (or its columns east to west); it was turned north-up (no resampling)."))  # fmt: skip  # noqa: E501
        if info.nan_cells:
            feedback.pushWarning(QCoreApplication.translate("SbAlgorithm", "{0} DEM cells hold NaN without NaN being the DEM's nodata value; they are treated as nodata.").format(info.nan_cells))  # fmt: skip  # noqa: E501
        if info.implausible_cells:
            feedback.pushWarning(QCoreApplication.translate("SbAlgorithm", "{0} DEM cells hold elevations below −1000 m or above 9000 m (e.g. {1:g}), an unflagged nodata value; they are treated as nodata.").format(info.implausible_cells, info.implausible_value))  # fmt: skip  # noqa: E501
        if info.vertical_unit:
            feedback.pushWarning(QCoreApplication.translate("SbAlgorithm", "The DEM's vertical coordinate system measures elevations in {0}; they were converted to metres (× {1:g}).").format(info.vertical_unit, info.vertical_metres))  # fmt: skip  # noqa: E501

    def number_or_default(
        self, parameters: dict, key: str, context: QgsProcessingContext, default: float | None = None
    ) -> float | None:
        """An optional number parameter: its value, or ``default`` when it is left empty."""
        value = parameters.get(key)
        if value is None or value == "":
            return default
        return self.parameterAsDouble(parameters, key, context)

    def sink(
        self,
        parameters: dict,
        key: str,
        context: QgsProcessingContext,
        spec: FieldSpec,
        wkb_type: int,
        crs: QgsCoordinateReferenceSystem,
    ) -> tuple[QgsFeatureSink, str]:
        sink, dest = self.parameterAsSink(parameters, key, context, make_fields(spec), wkb_type, crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, key))
        return sink, dest

    @staticmethod
    def write(sink: QgsFeatureSink, spec: FieldSpec, rows: Iterable[tuple[shapely.Geometry, dict]]) -> int:
        n = 0
        for geom, attrs in rows:
            feat = QgsFeature()
            g = QgsGeometry()
            g.fromWkb(shapely.to_wkb(geom))
            feat.setGeometry(g)
            feat.setAttributes([_clean(attrs.get(name)) for name, _ in spec])
            sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert)
            n += 1
        return n

    def write_sink(
        self,
        parameters: dict,
        key: str,
        context: QgsProcessingContext,
        spec: FieldSpec,
        wkb_type: int,
        crs: QgsCoordinateReferenceSystem,
        rows: Iterable[tuple[shapely.Geometry, dict]],
    ) -> tuple[str, int]:
        """Create the sink of output ``key`` and write ``rows`` into it: its destination and the feature count.
        A geometry of another type than the layer's (a line in a polygon layer) is refused before the sink is
        created (:func:`check_geometry_types`)."""
        rows = list(rows)
        check_geometry_types(key, [shapely.get_type_id(g) for g, _attrs in rows], wkb_type)
        sink, dest = self.sink(parameters, key, context, spec, wkb_type, crs)
        return dest, self.write(sink, spec, rows)

    def write_frame(
        self,
        parameters: dict,
        key: str,
        context: QgsProcessingContext,
        frame: Any,
        ints: Iterable[str] = (),
        crs: QgsCoordinateReferenceSystem | None = None,
        geometries: Sequence[bytes] | None = None,
        kept: Sequence[QgsField] = (),
        kept_values: Sequence[Sequence] = (),
    ) -> str:
        """Write a pandas frame into the sink of output ``key``: the ``kept`` input fields (their values per row
        in ``kept_values``, columns) first, then the frame's columns (``ints`` as integers, object columns as
        text, the others as doubles); with ``geometries`` (WKB per row) a MultiPolygon layer, else a table."""
        ints = set(ints)
        fields = QgsFields()
        for f in kept:
            fields.append(QgsField(f))
        for col in frame.columns:
            kind = INT if col in ints else STRING if frame[col].dtype == object else DOUBLE
            fields.append(QgsField(str(col), kind))
        wkb_type = QgsWkbTypes.Type.MultiPolygon if geometries is not None else QgsWkbTypes.Type.NoGeometry
        if geometries is not None:
            check_geometry_types(key, [_wkb_type_id(g) for g in geometries], wkb_type)
        sink, dest = self.parameterAsSink(
            parameters, key, context, fields, wkb_type, crs or QgsCoordinateReferenceSystem()
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, key))
        for i, row in enumerate(frame.itertuples(index=False)):
            feature = QgsFeature(fields)
            if geometries is not None:
                g = QgsGeometry()
                g.fromWkb(geometries[i])
                feature.setGeometry(g)
            values = [_clean(v) for v in row]
            values = [int(v) if c in ints and v is not None else v for c, v in zip(frame.columns, values)]
            feature.setAttributes([column[i] for column in kept_values] + values)
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        return dest
