"""The measure editor's session (dock step 3): catalogue, undo stack and the writes into the plan.

One :class:`EditSession` per plan location lives in a module registry, not in a widget: closing the panel
(or recreating the dock) keeps the undo history. Every parcel edit is one ``AttributeEditCommand`` written
through ``PlanStore.update_attributes`` (one transaction); works edits (add, move, delete, accept) through
the store's feature API (``insert_feature`` / ``update_geometry`` / ``delete_features``), also logged.
Validation messages come from ``core.measures.validate_assignment``; the summary from ``core.measures.summarise``.
What an edit changes (measure fields, status, rule and reason) is decided by ``core.measures.edits``; this
module only reads the rows an edit touches and writes the returned changes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import pandas as pd
from qgis.core import QgsFeature, QgsFeatureRequest, QgsGeometry, QgsSpatialIndex, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication, QObject, pyqtSignal

from sbplanner_plugin.adapters.param_files import load_catalogue, table_path
from sbplanner_plugin.core import measures as core
from sbplanner_plugin.core.definitions import split_list
from sbplanner_plugin.core.measures import edits
from sbplanner_plugin.gui import layers, names
from sbplanner_plugin.gui.models import field
from sbplanner_plugin.gui.undo import AttributeEditCommand, QUndoStack
from sbplanner_plugin.gui.works_tools import AddWorkCommand, DeleteWorksCommand, MoveWorkCommand

LOGGER = logging.getLogger(__name__)

MEASURES_KEY = "parcels_measures"
#: Optional text field with the parcel's design parameters ("key=value;…"); added to the layer on first use.
PARAMS_FIELD = edits.PARAMS_FIELD
#: Works measure code → plan layer the map tools edit.
WORKS_LAYERS = {
    "check_dam": "check_dams",
    "gully_head_protection": "gully_heads",
    "intercept_ditch": "intercept_ditches",
    "drain_ditch": "intercept_ditches",
}
#: Plan layers for every other point / line measure of the catalogue (拦沙坝, 塘坝, 蓄水池, 水窖, 沉沙池,
#: 田间道路, 生产道路 …): one layer per geometry, the measure in ``measure_code``.
GENERIC_WORKS_LAYERS = {"point": "works_points", "line": "works_lines"}
#: Fields of the generic works layers.
GENERIC_WORKS_FIELDS = ("measure_code", "measure_name", "status", "measure_params", "note")


def works_layer_for(code: str, catalogue) -> str | None:
    """Plan layer that holds works of measure ``code``; None for area (polygon) measures."""
    if code in WORKS_LAYERS:
        return WORKS_LAYERS[code]
    measure = catalogue.get(code) if catalogue else None
    return GENERIC_WORKS_LAYERS.get(getattr(measure, "geometry", ""))


#: Works closer than this (layer units, metres in projected plans) count as overlapping.
OVERLAP_TOLERANCE_M = 5.0


def load_measure_catalogue() -> core.Catalogue:
    """The catalogue the algorithm uses (the user's override copy first); raises MeasureTableError."""
    return load_catalogue(table_path("measures.csv"))


def message_texts(messages: Iterable[core.Message], catalogue: core.Catalogue | None = None) -> list[str]:
    """Core messages translated (context SbPlannerMeasures) and filled in, as the algorithm logs them; with the
    ``catalogue``, a measure is named in the UI language (not "水平梯田(土坎) (terrace_level_earth)") and land-use
    groups by their names (not "01, 02, 04, 12")."""
    return [localised(m, catalogue).translated(QCoreApplication.translate) for m in messages]


def localised(message: core.Message, catalogue: core.Catalogue | None) -> core.Message:
    """``message`` with its measure and land-use group parameters in the UI language."""
    params = dict(message.params)
    code = params.get("code")
    if catalogue is not None and code in catalogue and "measure" in params:
        params["measure"] = names.measure_name(catalogue, code)
    if "group_codes" in params:
        params["groups"] = names.landuse_groups_text(params["group_codes"])
    return core.Message(message.key, params)


def feature_codes(feature: QgsFeature) -> list[str]:
    return split_list(field("measure_codes")(feature) or field("measure_code")(feature) or "")


def parcel_record(feature: QgsFeature, exempt_field: str = "") -> dict:
    """What ``validate_assignment`` reads from a parcel."""
    return {
        "landuse_code": field("landuse_code")(feature),
        "slope_mean_deg": field("slope_mean_deg")(feature),
        "gdlx": field("GDLX")(feature) or field("gdlx")(feature),
        "gdpdjb": field("GDPDJB")(feature) or field("gdpdjb")(feature),
        "retire_exempt": field(exempt_field)(feature) if exempt_field else None,
        "steep_cropland": field("steep_cropland")(feature),
    }


def parcel_problems(feature: QgsFeature, catalogue: core.Catalogue, codes=None, exempt_field: str = "") -> list[str]:
    """Translated validation messages of the parcel's measures (or of ``codes`` it would get)."""
    codes = feature_codes(feature) if codes is None else list(codes)
    problems = core.validate_assignment(parcel_record(feature, exempt_field), ";".join(codes), catalogue)
    return message_texts(problems, catalogue)


def parse_params(text: object) -> dict[str, str]:
    """A parcel's stored design parameters as the texts the form shows (``core.measures.parse_design_params``)."""
    return core.parse_design_params(text, lenient=True)


def format_params(values: dict[str, object]) -> str:
    return core.format_design_params(values)


def feature_rows(layer: QgsVectorLayer, fids: Iterable[int], names: Iterable[str]) -> dict[int, dict]:
    """``{fid: {name: value}}`` of the features ``fids`` (None for NULL or a field the layer lacks)."""
    getters = {name: field(name) for name in names}
    request = QgsFeatureRequest().setFilterFids(list(fids)).setFlags(QgsFeatureRequest.Flag.NoGeometry)
    return {f.id(): {name: get(f) for name, get in getters.items()} for f in layer.getFeatures(request)}


#: The parcel fields the running summary reads (erosion_class: 治理 vs 预防/保护).
SUMMARY_FIELDS = ("measure_code", "measure_codes", "area_ha", "status", "erosion_class")


def summary_frame(layer: QgsVectorLayer | None, catalogue: core.Catalogue) -> tuple[pd.DataFrame, int]:
    """(area and parcels per primary measure from ``core.measures.summarise``, parcels not confirmed)."""
    records = []
    if layer is not None and layer.isValid():
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
        for feature in layer.getFeatures(request):
            records.append({name: field(name)(feature) for name in SUMMARY_FIELDS})
    frame = pd.DataFrame.from_records(records, columns=list(SUMMARY_FIELDS))
    return core.summarise(frame, catalogue), edits.unconfirmed(frame["status"])


def overlapping_works(layer: QgsVectorLayer | None, tolerance: float = OVERLAP_TOLERANCE_M) -> list[tuple[int, int]]:
    """Pairs of features of one works layer closer than ``tolerance`` (duplicated or overlapping works)."""
    if layer is None or not layer.isValid():
        return []
    features = {f.id(): f.geometry() for f in layer.getFeatures() if f.hasGeometry()}
    index = QgsSpatialIndex()
    for fid, geometry in features.items():
        index.addFeature(fid, geometry.boundingBox())
    pairs = []
    for fid, geometry in features.items():
        for other in index.intersects(geometry.boundingBox().buffered(tolerance)):
            if other > fid and geometry.distance(features[other]) < tolerance:
                pairs.append((fid, other))
    return sorted(pairs)


class EditSession(QObject):
    """Undo stack + writes for one plan. ``parcelsChanged(fids)`` after every parcel write (do or undo)."""

    parcelsChanged = pyqtSignal(list)
    worksChanged = pyqtSignal(str)
    failed = pyqtSignal(str)

    def __init__(self, location: str) -> None:
        super().__init__()
        self.location = location
        self.stack = QUndoStack(self)
        self._catalogue: core.Catalogue | None = None
        self.last_written: dict[int, dict] = {}

    @property
    def catalogue(self) -> core.Catalogue:
        if self._catalogue is None:
            self._catalogue = load_measure_catalogue()
        return self._catalogue

    def store(self):
        """The plan seen through its current scenario (the dock clears the sessions when that changes)."""
        from sbplanner_plugin.adapters.plan_store import open_scenario_store

        return open_scenario_store(self.location)

    @staticmethod
    def layer() -> QgsVectorLayer | None:
        return layers.find_layer(MEASURES_KEY)

    # -- parcel edits ----------------------------------------------------------------------------
    def _write(self, changes) -> None:
        self.store().update_attributes(MEASURES_KEY, changes)
        # what is now on disk, for views that must not trust a layer read racing the renderer's
        # open read transaction on the same GeoPackage connection (seen as stale rows in real QGIS)
        self.last_written = {int(fid): dict(values) for fid, values in changes.items()}
        layer = self.layer()
        if layer is not None:
            selected = layer.selectedFeatureIds()
            layer.reload()  # re-read what the store wrote (the reload clears the selection: restore it)
            if selected and sorted(layer.selectedFeatureIds()) != sorted(selected):
                layer.selectByIds(selected)
            layer.triggerRepaint()

    def _push(self, text: str, changes: edits.Changes) -> AttributeEditCommand | None:
        if not changes:
            return None
        command = AttributeEditCommand(text, self._write, changes.new, changes.old, self.failed.emit)
        command.after = lambda: self.parcelsChanged.emit(command.fids)
        self.stack.push(command)  # runs redo(): the first write
        return None if command.failed else command

    def ensure_params_field(self) -> bool:
        """Add the ``measure_params`` text field to the plan layer when it lacks it."""
        layer = self.layer()
        if layer is None or layer.fields().indexOf(PARAMS_FIELD) >= 0:
            return layer is not None
        from qgis.core import QgsField

        from sbplanner_plugin.adapters.field_types import STRING

        ok = layer.dataProvider().addAttributes([QgsField(PARAMS_FIELD, STRING)])
        layer.updateFields()
        return bool(ok)

    def assign(self, fids: Iterable[int], codes: list[str], params: dict | None, text: str):
        """Give ``codes`` (primary first; [] = no measure) and design ``params`` to the parcels ``fids``.

        What changes is ``core.measures.edits.assign_measures``: status 'overridden' where the measures or
        parameters change, unchanged parcels skipped. Returns the command (None when nothing changed or the
        write failed)."""
        layer = self.layer()
        if layer is None:
            return None
        with_params = params is not None and self.ensure_params_field()
        rows = feature_rows(layer, fids, edits.PARCEL_EDIT_FIELDS)
        changes = edits.assign_measures(rows, codes, self.catalogue, params if with_params else None)
        return self._push(text, changes)

    def confirm(self, fids: Iterable[int], text: str):
        """The designer confirms the parcels ``fids`` (status → confirmed); returns the command or None."""
        layer = self.layer()
        if layer is None:
            return None
        return self._push(text, edits.confirm(feature_rows(layer, fids, ("status",))))

    def set_status(self, fids: Iterable[int], status: str, text: str):
        """Mark parcels confirmed (or back to another status); returns the command or None."""
        layer = self.layer()
        if layer is None:
            return None
        return self._push(text, edits.set_status(feature_rows(layer, fids, ("status",)), status))

    # -- works edits (through the plan store: one transaction each, logged) --------------------------
    def refresh_works(self, layer_name: str) -> None:
        """Re-read the project's works layer after the store wrote it; keep its selection where it exists."""
        layer = layers.find_layer(layer_name)
        if layer is None:
            return
        selected = layer.selectedFeatureIds()
        layer.reload()
        layer.updateExtents()
        if selected:
            layer.selectByIds([fid for fid in selected if layer.getFeature(fid).isValid()])
        layer.triggerRepaint()

    def _push_works(self, command, layer_name: str):
        command.after = lambda: self.worksChanged.emit(layer_name)
        self.stack.push(command)  # runs redo(): the first write
        return None if command.failed else command

    @staticmethod
    def works_key(layer: QgsVectorLayer) -> str:
        """The plan layer name of a project works layer (its tag), e.g. ``check_dams``."""
        return layer.customProperty(layers.LAYER_PROPERTY) or ""

    def add_work(self, layer: QgsVectorLayer, geometry: QgsGeometry, measure_code: str, text: str):
        """Add a hand-placed work (status confirmed); returns the command (None when the write failed)."""
        attributes = edits.new_work(measure_code, self.catalogue, layer.fields().names())
        key = self.works_key(layer)
        command = AddWorkCommand(text, self.store, key, geometry, attributes, self.refresh_works, self.failed.emit)
        return self._push_works(command, key)

    def move_work(self, layer: QgsVectorLayer, fid: int, geometry: QgsGeometry, text: str):
        """Move a work; its status becomes overridden (a proposed position was changed)."""
        feature = layer.getFeature(fid)
        row = {"status": field("status")(feature)} if layer.fields().indexOf("status") >= 0 else {}
        old_values, new_values = edits.move_work(row)
        key = self.works_key(layer)
        command = MoveWorkCommand(
            text, self.store, key, fid, (feature.geometry(), old_values), (geometry, new_values),
            self.refresh_works, self.failed.emit,
        )  # fmt: skip
        return self._push_works(command, key)

    def delete_works(self, layer: QgsVectorLayer, fids: Iterable[int], text: str):
        """Delete works (e.g. a proposed check dam the designer rejects); undo restores them."""
        fids = sorted(int(f) for f in fids)
        if not fids:
            return None
        key = self.works_key(layer)
        return self._push_works(
            DeleteWorksCommand(text, self.store, key, fids, self.refresh_works, self.failed.emit), key
        )

    def accept_works(self, layer: QgsVectorLayer, fids: Iterable[int], text: str):
        """Accept proposed works: status → confirmed (works already confirmed are skipped)."""
        if layer.fields().indexOf("status") < 0:
            return None
        key = self.works_key(layer)
        changes = edits.confirm(feature_rows(layer, fids, ("status",)))
        if not changes:
            return None

        def write(changes) -> None:
            try:
                self.store().update_attributes(key, changes)
            finally:
                self.refresh_works(key)

        return self._push_works(AttributeEditCommand(text, write, changes.new, changes.old, self.failed.emit), key)


_SESSIONS: dict[str, EditSession] = {}


def session_for(location: str) -> EditSession:
    """The editing session of the plan at ``location`` (created on first use, kept until cleared)."""
    if location not in _SESSIONS:
        _SESSIONS[location] = EditSession(location)
    return _SESSIONS[location]


def clear_sessions() -> None:
    """Forget every undo history (a new project; plugin unload)."""
    for session in _SESSIONS.values():
        session.stack.clear()
    _SESSIONS.clear()
