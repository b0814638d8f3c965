"""Step 3 of the dock (措施配置): propose the default layout with ``sbplanner:assign_measures`` (and
``sbplanner:suggest_gully_works``) in the background, then review it in the parcel editor and place works
on the map. The undo history lives in :mod:`sbplanner_plugin.gui.measure_editor` (per plan), not here."""

from __future__ import annotations

import logging

from qgis.core import QgsApplication, QgsProject, QgsVectorLayer
from qgis.gui import QgsFieldComboBox, QgsMapLayerComboBox
from qgis.PyQt.QtCore import QCoreApplication, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
)

from sbplanner_plugin import settings
from sbplanner_plugin.adapters.plan_store import PlanStoreError, normalise_location
from sbplanner_plugin.adapters.plan_tables import GeometryType, create_plan_table, text_fields
from sbplanner_plugin.gui import layers
from sbplanner_plugin.gui import measure_editor as editor
from sbplanner_plugin.gui.compat import layer_filter
from sbplanner_plugin.gui.measure_panel import MeasureEditorPanel
from sbplanner_plugin.gui.run_panel import RunPanel
from sbplanner_plugin.gui.steps.base import Step, register_step
from sbplanner_plugin.gui.steps.parcels_step import algorithm_parameter
from sbplanner_plugin.gui.works_tools import WorkDigitiseTool, WorkMoveTool
from sbplanner_plugin.i18n import name_of, ui_language

LOGGER = logging.getLogger(__name__)

ALG_ASSIGN = "sbplanner:assign_measures"
ALG_GULLY = "sbplanner:suggest_gully_works"
GROUP_KEY = "measures"
#: suggest_gully_works writes these (intercept_ditches holds the 排水沟 of each ditch too)
SITED_WORKS_KEYS = ("check_dams", "gully_heads", "intercept_ditches", "sediment_basins")
WORKS_KEYS = SITED_WORKS_KEYS + tuple(editor.GENERIC_WORKS_LAYERS.values())


@register_step
class MeasuresStep(Step):
    """Measure configuration: proposal, parcel editor with validation and undo, works map tools."""

    number, key = 3, "measures"
    #: (successful) after the proposal (and the gully works) were loaded, or the first failure.
    workflowFinished = pyqtSignal(bool)

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("MeasuresStep", "Measures")

    @classmethod
    def guide_text(cls) -> str:
        return QCoreApplication.translate(
            "MeasuresStep",
            "Proposes a treatment measure for every parcel from the bundled rules (terraces on sloping "
            "cropland, planting, enclosure, conservation tillage …); edit the proposal, check the validation "
            "and place works (check dams, ditches, gully-head protection) on the map."
        )  # fmt: skip

    @classmethod
    def guide_standards(cls) -> str:
        return QCoreApplication.translate(
            "MeasuresStep",
            "GB 51018-2014 (design of soil and water conservation engineering): terrace type selection and "
            "layout; GB/T 16453.1–16453.4-2008 (technical specifications for comprehensive control)."
        )  # fmt: skip

    def group_name(self) -> str:
        return self.tr("SBPlanner – 3 Measures")

    def __init__(self, dock, parent=None) -> None:
        super().__init__(dock, parent)
        self._stage = ""
        self.tool = None
        self._works_session = None

        # -- proposal ------------------------------------------------------------------------------
        self.parcels_combo = QgsMapLayerComboBox()
        self.parcels_combo.setFilters(layer_filter("PolygonLayer"))
        self.parcels_combo.setToolTip(self.tr("Parcels analysed in step 2"))
        self.region_combo = QComboBox()
        definition = algorithm_parameter(ALG_ASSIGN, "REGION")
        for text in definition.options() if definition is not None else []:
            self.region_combo.addItem(text)
        self.exempt_field = QgsFieldComboBox()
        self.exempt_field.setAllowEmptyFieldName(True)
        self.exempt_field.setToolTip(
            self.tr("Optional field flagging parcels where retiring cropland is impracticable")
        )
        self.soil_field = QgsFieldComboBox()
        self.soil_field.setAllowEmptyFieldName(True)
        self.soil_field.setToolTip(self.tr("Optional field with the soil depth in metres"))
        self.slope_limit = QDoubleSpinBox()
        self.slope_limit.setRange(1.0, 89.0)
        self.slope_limit.setDecimals(1)
        self.slope_limit.setSuffix(" °")
        limit = algorithm_parameter(ALG_ASSIGN, "SLOPE_LIMIT_DEG")
        self.slope_limit.setValue(float(limit.defaultValue()) if limit is not None else 25.0)
        self.slope_limit.setToolTip(
            self.tr(
                "Prohibited-cultivation slope (禁垦坡度): 25° by the Soil and Water Conservation Law; a province "
                "may set a smaller one (e.g. 15°). Cropland beyond it is retired to forest and grass."
            )
        )
        self.no_cultivation_combo = QgsMapLayerComboBox()
        self.no_cultivation_combo.setFilters(layer_filter("PolygonLayer"))
        self.no_cultivation_combo.setAllowEmptyLayer(True)
        self.no_cultivation_combo.setLayer(None)
        self.no_cultivation_combo.setToolTip(
            self.tr(
                "Optional polygons of the county's prohibited-cultivation area (禁垦范围): cropland with at least "
                "half its area inside is treated as beyond the slope limit"
            )
        )
        self.benggang_field = QgsFieldComboBox()
        self.benggang_field.setAllowEmptyFieldName(True)
        self.benggang_field.setToolTip(
            self.tr("Optional field marking collapsing-gully parcels (true/1): they get collapsing-gully treatment")
        )
        self.damage_field = QgsFieldComboBox()
        self.damage_field.setAllowEmptyFieldName(True)
        self.damage_field.setToolTip(
            self.tr("Optional field marking terraces with damaged risers (true/1): they get terrace repair")
        )
        # short (a check box does not wrap: at the dock's minimum width the long text needed a scrollbar)
        self.gully_check = QCheckBox(self.tr("Also site gully works"))
        self.gully_check.setToolTip(
            self.tr(
                "Check dams, gully-head protection and intercepting ditches along the plan's streams; "
                "needs the DEM of step 1/2 and the plan's streams"
            )
        )
        self.gully_form = self._gully_form()
        self.run_panel = RunPanel(self.tr("Propose layout"), self.tr("SBPlanner"), self.iface)
        form = QFormLayout()
        form.addRow(self.tr("Parcels"), self.parcels_combo)
        form.addRow(self.tr("Erosion region"), self.region_combo)
        form.addRow(self.tr("Exemption field"), self.exempt_field)
        form.addRow(self.tr("Soil depth field"), self.soil_field)
        form.addRow(self.tr("Slope limit"), self.slope_limit)
        form.addRow(self.tr("No-cultivation area"), self.no_cultivation_combo)
        form.addRow(self.tr("Collapsing-gully (benggang) field"), self.benggang_field)
        form.addRow(self.tr("Damaged-terrace field"), self.damage_field)
        propose_box = QGroupBox(self.tr("Default layout"))
        box = QVBoxLayout(propose_box)
        box.addLayout(form)
        box.addWidget(self.gully_check)
        box.addLayout(self.gully_form)
        box.addWidget(self.run_panel)

        # -- editor ----------------------------------------------------------------------------------
        self.editor = MeasureEditorPanel()
        editor_box = QGroupBox(self.tr("Parcel editor"))
        QVBoxLayout(editor_box).addWidget(self.editor)

        # -- works -----------------------------------------------------------------------------------
        self.works_combo = QComboBox()
        self.digitise_button = QPushButton(self.tr("Digitise"))
        self.move_button = QPushButton(self.tr("Move"))
        for button in (self.digitise_button, self.move_button):
            button.setCheckable(True)
        self.accept_button = QPushButton(self.tr("Accept"))
        self.accept_button.setToolTip(self.tr("Mark the selected works of this layer confirmed"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Delete the selected works of this layer (undo restores them)"))
        works_box = QGroupBox(self.tr("Works on the map"))
        works_layout = QVBoxLayout(works_box)
        works_layout.addWidget(self.works_combo)
        row = QHBoxLayout()  # a second row: the dock is narrow
        for button in (self.digitise_button, self.move_button, self.accept_button, self.delete_button):
            row.addWidget(button)
        works_layout.addLayout(row)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(propose_box)
        layout.addWidget(editor_box)
        layout.addWidget(works_box)
        layout.addStretch(1)

        self.parcels_combo.layerChanged.connect(self._parcels_changed)
        self.exempt_field.fieldChanged.connect(self._exempt_changed)
        self.run_panel.runRequested.connect(self.propose)
        self.run_panel.runFinished.connect(self._stage_finished)
        self.digitise_button.toggled.connect(lambda on: self._tool_toggled(on, digitise=True))
        self.move_button.toggled.connect(lambda on: self._tool_toggled(on, digitise=False))
        self.accept_button.clicked.connect(self.accept_selected_works)
        self.delete_button.clicked.connect(self.delete_selected_works)
        self._preselect_parcels()

    # -- inputs ----------------------------------------------------------------------------------------
    def _preselect_parcels(self) -> None:
        parcels = layers.find_layer("parcels")
        if parcels is not None:
            self.parcels_combo.setLayer(parcels)
        self._parcels_changed(self.parcels_combo.currentLayer())

    def _parcels_changed(self, layer) -> None:
        for combo in self.field_combos():
            combo.setLayer(layer)
            combo.setField("")

    def field_combos(self) -> tuple:
        return (self.exempt_field, self.soil_field, self.benggang_field, self.damage_field)

    def _exempt_changed(self, name: str) -> None:
        self.editor.exempt_field = name or ""
        self.editor.attach(self.editor.session, self.editor.layer)

    def showEvent(self, event) -> None:
        if self.parcels_combo.currentLayer() is None or layers.find_layer("parcels") is not None:
            self._preselect_parcels()
        self.attach()
        super().showEvent(event)

    # -- run ---------------------------------------------------------------------------------------------
    def location(self) -> str:
        store = self.dock.current_store
        return store.location if store is not None else normalise_location(self.dock.plan_path())

    def propose(self) -> None:
        parcels = self.parcels_combo.currentLayer()
        if parcels is None:
            self.run_panel.set_status(self.tr("Choose the analysed parcels (run step 2 first)."), error=True)
            return
        store = self.dock.plan_store(self.run_panel)
        if store is None:
            return
        params = {
            "PARCELS": layers.algorithm_input(parcels),
            "REGION": self.region_combo.currentIndex(),
            "SLOPE_LIMIT_DEG": self.slope_limit.value(),
            "OUTPUT_PARCELS": store.destination(editor.MEASURES_KEY),
        }
        if editor.MEASURES_KEY in store.layers():
            # a re-proposal keeps the engineer's confirmed and overridden parcels (issue 13)
            params["PREVIOUS_LAYOUT"] = store.layer_uri(editor.MEASURES_KEY)
        zones = self.no_cultivation_combo.currentLayer()
        if zones is not None:
            params["NO_CULTIVATION_AREAS"] = layers.algorithm_input(zones)
        for key, combo in (
            ("RETIRE_EXEMPT_FIELD", self.exempt_field),
            ("SOIL_DEPTH_FIELD", self.soil_field),
            ("BENGGANG_FIELD", self.benggang_field),
            ("TERRACE_DAMAGE_FIELD", self.damage_field),
        ):
            if combo.currentField():
                params[key] = combo.currentField()
        # the proposal replaces the layer: the old history cannot be undone into it
        editor.session_for(store.location).stack.clear()
        self._release_layer()
        self._stage = "assign"
        # one bar over the proposal and the gully works sited after it
        self.run_panel.plan_stages(((ALG_ASSIGN, 40), (ALG_GULLY, 60)) if self.gully_check.isChecked() else ())
        if not self.run_panel.start(ALG_ASSIGN, params, self._assigned):
            self._stage = ""

    def _release_layer(self) -> None:
        """Remove the project's parcels_measures layer before the algorithm overwrites its table."""
        self.editor.attach(self.editor.session, None)
        old = layers.find_layer(editor.MEASURES_KEY)
        if old is not None:
            QgsProject.instance().removeMapLayer(old.id())

    def _assigned(self, results: dict) -> str:
        store = self.dock.current_store
        loaded = layers.load_plan_layers(
            [(editor.MEASURES_KEY, store.layer_uri(editor.MEASURES_KEY), self.tr("Parcels with measures"))],
            GROUP_KEY,
            self.group_name(),
            provider=getattr(store, "provider", "ogr"),
        )
        layer = loaded.get(editor.MEASURES_KEY)
        if layer is None:
            raise RuntimeError(self.tr("the parcels with measures were not written into the plan"))
        self.attach()
        text = self.tr("Measures proposed for {0} parcel(s).").format(layer.featureCount())
        kept = int(results.get("KEPT_PARCELS") or 0)
        if kept:
            text += " " + self.tr("{0} confirmed/overridden parcels kept.").format(kept)
        return text

    def _gully_form(self) -> QFormLayout:
        """Deposit material (i′ of the 谷坊 spacing) and the surveyed gullies / heads (SL/T 447 D.0.7)."""
        self.material_combo = QComboBox()
        self.material_combo.setToolTip(
            self.tr("Sediment behind the check dams: its stable gradient i′ sets the spacing")
        )
        definition = algorithm_parameter(ALG_GULLY, "DEPOSIT_MATERIAL")
        options = list(definition.options()) if definition is not None else []
        algorithm = QgsApplication.processingRegistry().algorithmById(ALG_GULLY)
        materials = list(algorithm._materials().values()) if hasattr(algorithm, "_materials") else []
        if len(materials) == len(options):  # the same table: the names in the UI language only
            options = [m.label(ui_language()) for m in materials]
        for text in options:
            self.material_combo.addItem(text)
        if definition is not None and definition.defaultValue() is not None:
            self.material_combo.setCurrentIndex(int(definition.defaultValue()))
        self.surveyed_gullies_combo = QgsMapLayerComboBox()
        self.surveyed_gullies_combo.setFilters(layer_filter("LineLayer"))
        self.surveyed_heads_combo = QgsMapLayerComboBox()
        self.surveyed_heads_combo.setFilters(layer_filter("PointLayer"))
        for combo in (self.surveyed_gullies_combo, self.surveyed_heads_combo):
            combo.setAllowEmptyLayer(True)
            combo.setLayer(None)
            combo.setToolTip(
                self.tr("Optional: from the gully survey (SL/T 447 D.0.7); preferred over the DEM")
            )
        form = QFormLayout()
        form.addRow(self.tr("Deposit material"), self.material_combo)
        form.addRow(self.tr("Surveyed gullies"), self.surveyed_gullies_combo)
        form.addRow(self.tr("Surveyed gully heads"), self.surveyed_heads_combo)
        return form

    def gully_parameters(self) -> dict | None:
        store = self.dock.current_store
        dem = settings.LAST_DEM_SOURCE.value()
        if store is None or not dem:
            return None
        params = {
            "DEM": dem,
            "PARCELS": store.layer_uri(editor.MEASURES_KEY),
            "REGION": self.region_combo.currentIndex(),
        }
        if self.material_combo.count():
            params["DEPOSIT_MATERIAL"] = self.material_combo.currentIndex()
        for key, combo in (
            ("SURVEYED_GULLIES", self.surveyed_gullies_combo),
            ("SURVEYED_HEADS", self.surveyed_heads_combo),
        ):
            if combo.currentLayer() is not None:
                params[key] = layers.algorithm_input(combo.currentLayer())
        present = set(store.layers())
        for name in ("small_watershed_streams", "streams"):
            if name in present:
                params["STREAMS"] = store.layer_uri(name)
                break
        for key in WORKS_KEYS:
            params["OUTPUT_" + key.upper()] = store.destination(key)
        return params

    def _stage_finished(self, ok: bool) -> None:
        stage, self._stage = self._stage, ""
        if ok and stage == "assign" and self.gully_check.isChecked():
            params = self.gully_parameters()
            if params is None:
                self.run_panel.set_status(
                    self.tr("Measures proposed; gully works need the DEM of step 1 or 2."), error=True
                )
                self.workflowFinished.emit(True)
                return
            self._stage = "gully"
            self.run_panel.start(ALG_GULLY, params, self._gully_done)
            return
        if stage:
            self.workflowFinished.emit(ok)

    def _gully_done(self, results: dict) -> str:
        store = self.dock.current_store
        names = {
            "check_dams": self.tr("Check dams"),
            "gully_heads": self.tr("Gully-head protection"),
            "intercept_ditches": self.tr("Intercepting ditches"),
            "sediment_basins": self.tr("Sediment basins"),
        }
        uris = [(key, store.layer_uri(key), names[key]) for key in SITED_WORKS_KEYS]
        loaded = layers.load_plan_layers(uris, GROUP_KEY, self.group_name(), provider=getattr(store, "provider", "ogr"))
        self.attach()
        counts = [loaded[k].featureCount() if k in loaded else 0 for k in SITED_WORKS_KEYS]
        return self.tr(
            "Measures proposed; {0} check dam(s), {1} gully head(s), {2} ditch and drain line(s), "
            "{3} sediment basin(s) sited."
        ).format(*counts)

    # -- editor -----------------------------------------------------------------------------------------
    def attach(self) -> None:
        """Connect the editor to the project's parcels_measures layer and the plan's undo history."""
        layer = layers.find_layer(editor.MEASURES_KEY)
        location = self.location()
        session = editor.session_for(location) if layer is not None and location else None
        if session is not None and session is not self._works_session:
            if self._works_session is not None:
                self._works_session.worksChanged.disconnect(self._works_changed)
            session.worksChanged.connect(self._works_changed)
            self._works_session = session
        self.editor.attach(session, layer)
        if layer is not None:
            self.load_works_layers()
        self._fill_works()

    def _generic_works_names(self) -> dict[str, str]:
        return {"works_points": self.tr("Other point works"), "works_lines": self.tr("Other line works")}

    def load_works_layers(self) -> None:
        """Show the plan's layers of hand-placed point and line works that hold works (opening a project or
        a step never creates them: an empty layer, and a table written into the plan, for nothing)."""
        store = self.dock.current_store
        if store is None or not hasattr(store, "layers"):
            return
        try:
            present = set(store.layers())
        except Exception:  # a plan being replaced or unreadable: the step's own checks say so when it runs
            LOGGER.exception("Plan layers")
            return
        uris = []
        for key, name in self._generic_works_names().items():
            if key in present and layers.find_layer(key) is None:
                layer = QgsVectorLayer(store.layer_uri(key), name, getattr(store, "provider", "ogr"))
                if layer.isValid() and layer.featureCount() > 0:
                    uris.append((key, store.layer_uri(key), name))
        if uris:
            layers.load_plan_layers(uris, GROUP_KEY, self.group_name(), provider=getattr(store, "provider", "ogr"))

    def ensure_works_layer(self, key: str):
        """The layer of hand-placed works ``key`` (works_points / works_lines), its plan table created on the
        first work placed (in the parcels' CRS); None after telling the user why not."""
        layer = layers.find_layer(key)
        if layer is not None:
            return layer
        parcels_layer = layers.find_layer(editor.MEASURES_KEY)
        store = self.dock.current_store or self.dock.plan_store(self.run_panel)
        if store is None or parcels_layer is None:
            return None
        geometry = next(g for g, k in editor.GENERIC_WORKS_LAYERS.items() if k == key)
        kinds = {"point": GeometryType.POINT, "line": GeometryType.LINE}
        try:  # an empty table, created in one transaction: quick enough for the UI thread
            create_plan_table(
                store, key, text_fields(editor.GENERIC_WORKS_FIELDS), kinds[geometry], parcels_layer.crs()
            )
        except PlanStoreError as exc:
            from sbplanner_plugin.processing.base import error_text

            LOGGER.exception("Works layer %s", key)
            self.run_panel.set_status(error_text(exc), error=True)
            return None
        name = self._generic_works_names()[key]
        layers.load_plan_layers(
            [(key, store.layer_uri(key), name)],
            GROUP_KEY,
            self.group_name(),
            provider=getattr(store, "provider", "ogr"),
        )
        return layers.find_layer(key)

    def _fill_works(self) -> None:
        current = self.works_combo.currentData()
        self.works_combo.clear()
        session = self.editor.session
        catalogue = session.catalogue if session is not None else {}
        for code, measure in catalogue.items():
            key = editor.works_layer_for(code, catalogue)
            generic = key in editor.GENERIC_WORKS_LAYERS.values()  # its layer is made on the first work placed
            if key and (generic or layers.find_layer(key) is not None):
                self.works_combo.addItem(name_of(measure), code)
        self.works_combo.setCurrentIndex(max(self.works_combo.findData(current), 0))
        self.editor.works_problems = self.works_problems()
        self.editor.refresh_summary()

    def works_problems(self) -> list[str]:
        texts = []
        for key in WORKS_KEYS:
            layer = layers.find_layer(key)
            for a, b in editor.overlapping_works(layer):
                texts.append(
                    self.tr("{0}: features {1} and {2} overlap (closer than {3:g} m).").format(
                        layer.name(), a, b, editor.OVERLAP_TOLERANCE_M
                    )
                )
        return texts

    def _tool_toggled(self, on: bool, digitise: bool) -> None:
        other = self.move_button if digitise else self.digitise_button
        if not on:
            if self.tool is not None and self.iface is not None:
                self.iface.mapCanvas().unsetMapTool(self.tool)
            self.tool = None
            return
        other.setChecked(False)
        code = self.works_combo.currentData()
        key = (
            editor.works_layer_for(code, self.editor.session.catalogue if self.editor.session else {}) if code else None
        )
        generic = key in editor.GENERIC_WORKS_LAYERS.values()
        layer = layers.find_layer(key or "")
        if layer is None and generic and digitise and self.editor.session is not None:
            layer = self.ensure_works_layer(key)
        session = self.editor.session
        if layer is None or session is None or self.iface is None:
            (self.digitise_button if digitise else self.move_button).setChecked(False)
            if generic and not digitise:
                self.dock.push_message(self.tr("No work of this kind is placed yet: digitise one first."))
            elif not generic:
                self.dock.push_message(self.tr("Propose the layout with gully works first."))
            return
        canvas = self.iface.mapCanvas()
        if digitise:
            self.tool = WorkDigitiseTool(canvas, layer)
            name = self.works_combo.currentText()
            self.tool.geometryDigitised.connect(
                lambda geometry: session.add_work(layer, geometry, code, self.tr("Add {0}").format(name))
            )
        else:
            self.tool = WorkMoveTool(canvas, layer)
            self.tool.featureMoved.connect(
                lambda fid, geometry: session.move_work(layer, fid, geometry, self.tr("Move {0}").format(layer.name()))
            )
        self.tool.finished.connect(lambda: (self.digitise_button.setChecked(False), self.move_button.setChecked(False)))
        canvas.setMapTool(self.tool)

    def current_works_layer(self):
        code = self.works_combo.currentData()
        return (
            layers.find_layer(
                editor.works_layer_for(code, self.editor.session.catalogue if self.editor.session else {}) or ""
            )
            if code
            else None
        )

    def _selected_works(self):
        """(works layer of the combo, its selected feature ids) or None after telling the user why."""
        layer = self.current_works_layer()
        session = self.editor.session
        if layer is None or session is None:
            self.dock.push_message(self.tr("Propose the layout with gully works first."))
            return None
        fids = sorted(layer.selectedFeatureIds())
        if not fids:
            self.dock.push_message(
                self.tr(
                    "Select works of the layer {0} on the map first (the Move tool selects the work it picks)."
                ).format(layer.name())
            )
            return None
        return layer, fids

    def accept_selected_works(self) -> None:
        """Status → confirmed for the selected works (one undoable edit)."""
        found = self._selected_works()
        if found is not None:
            layer, fids = found
            text = self.tr("Accept {0} work(s) of {1}").format(len(fids), layer.name())
            self.editor.session.accept_works(layer, fids, text)

    def delete_selected_works(self) -> None:
        """Delete the selected works (one undoable edit)."""
        found = self._selected_works()
        if found is not None:
            layer, fids = found
            text = self.tr("Delete {0} work(s) of {1}").format(len(fids), layer.name())
            self.editor.session.delete_works(layer, fids, text)

    def _works_changed(self, _key: str) -> None:
        self.editor.works_problems = self.works_problems()
        self.editor.refresh_summary()

    # -- Step API ---------------------------------------------------------------------------------------
    def plan_path_changed(self, path: str) -> None:
        self.attach()

    def scenario_changed(self, store) -> None:
        """Load the new scenario's layout (parcels with measures and the sited works) and edit that."""
        present = set(store.layers())
        names = {
            editor.MEASURES_KEY: self.tr("Parcels with measures"),
            "check_dams": self.tr("Check dams"),
            "gully_heads": self.tr("Gully-head protection"),
            "intercept_ditches": self.tr("Intercepting ditches"),
            "sediment_basins": self.tr("Sediment basins"),
        }
        uris = [(key, store.layer_uri(key), name) for key, name in names.items() if key in present]
        if uris:
            layers.load_plan_layers(uris, GROUP_KEY, self.group_name(), provider=getattr(store, "provider", "ogr"))
        self.attach()

    def project_cleared(self) -> None:
        editor.clear_sessions()
        self.editor.attach(None, None)
        self.run_panel.set_status("")

    def cleanup(self) -> None:
        self._stage = ""
        self.run_panel.cleanup()
        self.digitise_button.setChecked(False)
        self.move_button.setChecked(False)
