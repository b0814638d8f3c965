"""The parcel editor of dock step 3: filters, parcel table with validation flags, measure picker and design
parameters, assign / confirm, undo / redo, the problem list and the running summary. No domain math here:
validation and areas come from ``core.measures`` through :mod:`sbplanner_plugin.gui.measure_editor`."""

from __future__ import annotations

import logging

from qgis.core import QgsFeatureRequest
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QKeySequence
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sbplanner_plugin.core.definitions import Status
from sbplanner_plugin.core.measures.summary import PROTECTION, TREATED
from sbplanner_plugin.gui import measure_editor as editor
from sbplanner_plugin.gui.measure_picker import DesignParamsForm, MeasurePicker
from sbplanner_plugin.gui.models import Column, field
from sbplanner_plugin.gui.names import erosion_class_name, landuse_name, measure_names
from sbplanner_plugin.gui.parcel_table import FILTER_FIELDS, ParcelTableModel, SelectionLink
from sbplanner_plugin.gui.steps.parcels_tables import RowTableModel
from sbplanner_plugin.gui.widgets import CopyableTableView, ProblemList
from sbplanner_plugin.i18n import pick

LOGGER = logging.getLogger(__name__)
#: Assigning (or clearing) measures of more parcels than this asks first.
BULK_CONFIRM_PARCELS = 20
#: Lines of the selection's problems shown under the picker (the rest are counted).
PREVIEW_LINES = 6


def grouped_problems(problems: dict[int, list[str]]) -> list[tuple[str, list[int]]]:
    """(problem text, fids) with the parcels of each identical text together, in the order first met."""
    groups: dict[str, list[int]] = {}
    for fid, texts in problems.items():
        for text in dict.fromkeys(texts):
            groups.setdefault(text, []).append(fid)
    return list(groups.items())


class MeasureEditorPanel(QWidget):
    """Edits the project's ``parcels_measures`` layer through an :class:`editor.EditSession`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: editor.EditSession | None = None
        self.layer = None
        self.exempt_field = ""
        self._actions = []
        #: Texts about overlapping works (set by the step).
        self.works_problems: list[str] = []

        self.filter_combos: dict[str, QComboBox] = {}
        grid = QGridLayout()
        labels = self.filter_labels()
        for i, name in enumerate(FILTER_FIELDS):
            combo = QComboBox()
            # two filters a row in a 400 px dock: each combo a few characters wide, its list in full
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(4)
            combo.currentIndexChanged.connect(lambda _i, n=name: self._filter_changed(n))
            self.filter_combos[name] = combo
            grid.addWidget(QLabel(labels[name]), i // 2, 2 * (i % 2))
            grid.addWidget(combo, i // 2, 2 * (i % 2) + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self.model = ParcelTableModel(self.columns(), self)
        self.table = CopyableTableView()
        self.table.setModel(self.model)
        self.table.setMinimumHeight(180)
        self.table.remember_columns("measure_parcels")
        self.table.setToolTip(self.tr("Select parcels here or on the map; rows marked ⚠ have validation problems."))
        self.link = SelectionLink(self.table, self)
        self.count_label = QLabel()

        self.undo_button, self.redo_button = QToolButton(), QToolButton()
        history = QHBoxLayout()
        history.addWidget(self.count_label, 1)
        history.addWidget(self.undo_button)
        history.addWidget(self.redo_button)

        self.picker = MeasurePicker(("polygon",))
        self.params = DesignParamsForm()
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.assign_button = QPushButton(self.tr("Assign to selected parcels"))
        self.confirm_button = QPushButton(self.tr("Confirm selected"))
        self.confirm_button.setToolTip(self.tr("Mark the selected parcels' measures as checked by the designer"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.assign_button, 1)
        buttons.addWidget(self.confirm_button)

        self.problems = ProblemList()
        self.problems.setMinimumHeight(60)
        self.problems.setMaximumHeight(140)
        self.summary_model = RowTableModel(self.summary_columns(), self)
        self.summary_table = CopyableTableView()
        self.summary_table.remember_columns("measure_summary")
        self.summary_table.setModel(self.summary_model)
        self.summary_table.setMinimumHeight(120)
        self.unconfirmed_label = QLabel()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.table)
        layout.addLayout(history)
        layout.addWidget(QLabel(self.tr("Measure for the selection (check several to combine; first = primary):")))
        layout.addWidget(self.picker)
        layout.addWidget(self.params)
        layout.addWidget(self.preview)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("Validation:")))
        layout.addWidget(self.problems)
        layout.addWidget(QLabel(self.tr("Summary (area counted once, under the primary measure):")))
        layout.addWidget(self.summary_table)
        layout.addWidget(self.unconfirmed_label)

        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.picker.changed.connect(self._picker_changed)
        self.assign_button.clicked.connect(self.assign)
        self.confirm_button.clicked.connect(self.confirm)
        self.problems.showRequested.connect(self.show_parcels)
        self._enable()

    # -- texts ----------------------------------------------------------------------------------------
    def filter_labels(self) -> dict[str, str]:
        return {
            "ws_code": self.tr("Watershed"),
            "landuse_name": self.tr("Land use"),
            "slope_class": self.tr("Slope class"),
            "erosion_class": self.tr("Erosion"),
            "status": self.tr("Status"),
        }

    def columns(self) -> list[Column]:
        return [
            Column(self.tr("Parcel"), field("parcel_id")),
            Column(self.tr("Land use"), lambda feature: landuse_name(field("landuse_name")(feature))),
            Column(self.tr("Slope °"), field("slope_mean_deg"), 1),
            Column(self.tr("Erosion"), lambda feature: erosion_class_name(field("erosion_class")(feature))),
            Column(self.tr("Measure"), self.measures_text),
            Column(self.tr("Status"), self.status_text),
            Column(self.tr("Check"), lambda feature: None),
        ]

    def measures_text(self, feature) -> str:
        """The parcel's measures in the UI language (by their codes; the plan stores the Chinese names)."""
        catalogue = self.session.catalogue if self.session is not None else None
        codes = editor.feature_codes(feature)
        if catalogue is None or not codes:
            return str(field("measure_names")(feature) or "")
        return measure_names(catalogue, codes)

    def filter_text(self, name: str, value) -> str:
        """A filter choice as the table shows it."""
        if not value:
            return self.tr("(empty)")
        if name == "landuse_name":
            return landuse_name(value)
        if name == "erosion_class":
            return erosion_class_name(value)
        if name == "status":
            return self.status_label(value)
        return str(value)

    def status_text(self, feature) -> str:
        return self.status_label(field("status")(feature) or "")

    def status_label(self, value: str) -> str:
        return {
            Status.PROPOSED.value: self.tr("proposed"),
            Status.CONFIRMED.value: self.tr("confirmed"),
            Status.OVERRIDDEN.value: self.tr("overridden"),
        }.get(value, value)

    def treatment_text(self, value: str) -> str:
        """治理 / 预防/保护 of a summary row in the user's language."""
        return {TREATED: self.tr("treated"), PROTECTION: self.tr("prevention / protection")}.get(value, value or "")

    def summary_columns(self) -> list[Column]:
        return [
            Column(self.tr("Measure"), lambda row: pick(row.measure_name, row.measure_name_en)),
            Column(self.tr("Parcels"), lambda row: row.parcels),
            Column(self.tr("Area hm²"), lambda row: row.area_ha, 2),
            Column(self.tr("Counted as"), lambda row: self.treatment_text(row.treatment)),
        ]

    # -- session -------------------------------------------------------------------------------------
    def attach(self, session: editor.EditSession | None, layer) -> None:
        """Edit ``layer`` (the project's parcels_measures) with ``session``'s undo stack (None detaches)."""
        if self.session is not None and self.session is not session:
            for signal, slot in (
                (self.session.parcelsChanged, self._parcels_changed),
                (self.session.failed, self._failed),
            ):
                signal.disconnect(slot)
        if session is not None and session is not self.session:
            session.parcelsChanged.connect(self._parcels_changed)
            session.failed.connect(self._failed)
            self._make_history_actions(session)
        self.session, self.layer = session, layer
        self.link.set_layer(layer)
        try:
            self.picker.set_catalogue(session.catalogue if session is not None else None)
            self.params.set_catalogue(self.picker.catalogue)
        except Exception as exc:  # a broken catalogue CSV: say which line, keep the panel usable
            LOGGER.exception("Measure catalogue")
            self.picker.set_catalogue(None)
            from sbplanner_plugin.processing.base import error_text

            self._failed(self.tr("The measure catalogue cannot be read: {0}").format(error_text(exc)))
        self.model.problems_of = self.problems_of
        self.model.load(layer)
        self._fill_filters()
        self.refresh_summary()
        self._enable()

    def _make_history_actions(self, session: editor.EditSession) -> None:
        for action in self._actions:
            self.removeAction(action)
        undo = session.stack.createUndoAction(self, self.tr("Undo"))
        redo = session.stack.createRedoAction(self, self.tr("Redo"))
        # the stack names the command in the action's text ("撤销 为 1 个图斑配置 水平梯田(土坎)"), which widened the
        # page: the button shows the short word (icon text), the whole command is its tooltip (the text's default)
        undo.setIconText(self.tr("Undo"))
        redo.setIconText(self.tr("Redo"))
        for action, keys in ((undo, QKeySequence.StandardKey.Undo), (redo, QKeySequence.StandardKey.Redo)):
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.undo_button.setDefaultAction(undo)
        self.redo_button.setDefaultAction(redo)
        self._actions = [undo, redo]

    def problems_of(self, feature) -> list[str]:
        if self.session is None:
            return []
        try:
            return editor.parcel_problems(feature, self.session.catalogue, exempt_field=self.exempt_field)
        except Exception:
            return []

    def _enable(self) -> None:
        on = self.session is not None and self.layer is not None
        for widget in (self.table, self.picker, self.assign_button, self.confirm_button, self.params):
            widget.setEnabled(on)

    def _failed(self, text: str) -> None:
        self.preview.setStyleSheet("color: #b00020;")
        self.preview.setText(self.tr("The edit was not saved: {0}").format(text))

    # -- filters -------------------------------------------------------------------------------------
    def _fill_filters(self) -> None:
        for name, combo in self.filter_combos.items():
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("All"), None)
            for value in self.model.distinct(name):
                combo.addItem(self.filter_text(name, value), value)
            index = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        self._show_count()

    def _filter_changed(self, name: str) -> None:
        self.model.set_filter(name, self.filter_combos[name].currentData())
        self._show_count()
        if self.layer is not None:
            self.link.from_map()

    def _show_count(self) -> None:
        self.count_label.setText(
            self.tr("{0} of {1} parcels shown").format(self.model.rowCount(), self.model.feature_count())
        )

    # -- selection, picker ---------------------------------------------------------------------------
    def selected_fids(self) -> list[int]:
        return self.link.selected_fids()

    def _selection_changed(self, *_args) -> None:
        fids = self.selected_fids()
        if fids and self.layer is not None:
            feature = self.layer.getFeature(fids[0])
            self.picker.set_codes(editor.feature_codes(feature))
            self._show_params(feature)
        self._picker_changed()

    def _show_params(self, feature=None) -> None:
        codes = self.picker.codes()
        measure = self.picker.catalogue.get(codes[0]) if codes and self.picker.catalogue else None
        values = editor.parse_params(field(editor.PARAMS_FIELD)(feature)) if feature is not None else {}
        if feature is not None and editor.feature_codes(feature)[:1] != codes[:1]:
            values = {}
        self.params.set_measure(measure, values)

    def _picker_changed(self) -> None:
        """Validate what the picker would give the selected parcels (before assigning)."""
        if self.sender() is self.picker:
            self._show_params(None)
        fids = self.selected_fids()
        self.preview.setStyleSheet("")
        if not fids or self.layer is None or self.session is None:
            self.preview.setText(self.tr("Select parcels in the table or on the map."))
            return
        codes = self.picker.codes()
        found, ids = {}, {}
        request = QgsFeatureRequest().setFilterFids(fids).setFlags(QgsFeatureRequest.Flag.NoGeometry)
        for feature in self.layer.getFeatures(request):
            ids[feature.id()] = field("parcel_id")(feature)
            found[feature.id()] = editor.parcel_problems(feature, self.session.catalogue, codes, self.exempt_field)
        texts = [self.problem_line(text, group, ids) for text, group in grouped_problems(found)]
        if texts:
            self.preview.setStyleSheet("color: #b00020;")
            more = len(texts) - PREVIEW_LINES
            extra = [self.tr("and {0} more problem(s): see Validation below.").format(more)] if more > 0 else []
            self.preview.setText("\n".join(texts[:PREVIEW_LINES] + extra))
        else:
            self.preview.setText(self.tr("{0} parcel(s) selected; no validation problem.").format(len(fids)))

    # -- edits ---------------------------------------------------------------------------------------
    def assign(self) -> None:
        fids = self.selected_fids()
        if not fids or self.session is None:
            return
        codes = self.picker.codes()
        names = measure_names(self.session.catalogue, codes) or self.tr("no measure")
        if len(fids) > BULK_CONFIRM_PARCELS and not self.bulk_change_confirmed(len(fids), names if codes else ""):
            return
        text = self.tr("Assign {0} to {1} parcel(s)").format(names, len(fids))
        params = self.params.values() if codes else None
        self.session.assign(fids, codes, params, text)

    def bulk_change_confirmed(self, count: int, measure: str) -> bool:
        """Ask before a change of many parcels (``measure`` empty: their measures are cleared)."""
        if measure:
            question = self.tr("Assign {0} to {1} parcels? Their current measures are replaced.").format(measure, count)
        else:
            question = self.tr("Clear the measures of {0} parcels?").format(count)
        question += "\n" + self.tr("Undo (Ctrl+Z) takes the change back.")
        answer = QMessageBox.question(
            self,
            self.tr("Change many parcels"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def confirm(self) -> None:
        fids = self.selected_fids()
        if fids and self.session is not None:
            text = self.tr("Confirm {0} parcel(s)").format(len(fids))
            self.session.confirm(fids, text)

    def _parcels_changed(self, fids: list) -> None:
        self.layer = self.session.layer() if self.session is not None else None
        if self.layer is None:
            return
        self.model.refresh(self.layer, fids, self.session.last_written)
        self.refresh_summary()
        self._picker_changed()

    # -- problems and summary --------------------------------------------------------------------------
    def problem_line(self, text: str, fids: list[int], ids: dict) -> str:
        """ "Parcel 12: …" for one parcel, "65 parcels: …" for the same problem of many."""
        if len(fids) == 1:
            return self.tr("Parcel {0}: {1}").format(ids.get(fids[0], fids[0]), text)
        return self.tr("{0} parcels: {1}").format(len(fids), text)

    def refresh_summary(self) -> None:
        self.problems.clear()
        ids = {}
        if self.layer is not None:
            request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
            ids = {f.id(): field("parcel_id")(f) for f in self.layer.getFeatures(request)}
        for text, fids in grouped_problems(dict(sorted(self.model.all_problems().items()))):
            link = self.tr("show") if len(fids) == 1 else self.tr("show them")
            self.problems.add_line(self.problem_line(text, fids, ids), fids, link)
        for text in self.works_problems:
            self.problems.add_line(text)
        if self.session is None or self.layer is None:
            self.summary_model.load_rows([])
            self.unconfirmed_label.clear()
            return
        frame, unconfirmed = editor.summary_frame(self.layer, self.session.catalogue)
        self.summary_model.load_rows(list(frame.itertuples(index=False)))
        self.unconfirmed_label.setText(
            self.tr("{0} of {1} parcel(s) not confirmed yet.").format(unconfirmed, self.model.feature_count())
        )

    def show_parcels(self, fids: list) -> None:
        """Select ``fids`` (a validation line's "show them"); the table follows the map's selection, and the
        filters are reset when they hide some of them."""
        if self.layer is None or not fids:
            return
        if not set(fids) <= set(self.model.fids):  # some rows filtered out: show all rows again
            for combo in self.filter_combos.values():
                combo.setCurrentIndex(0)
        self.layer.selectByIds([int(f) for f in fids])
