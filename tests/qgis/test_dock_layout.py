"""The dock's layout for a 1366×768 screen (issue 15): a minimum width, every step in the step list without a
scrollbar (its height is the sum of its rows: the first row is shorter than the others), wide labels wrapping and
combo boxes not as wide as their longest entry, so that no step page needs a sideways scrollbar."""

from __future__ import annotations

from qgis.PyQt.QtGui import QFont
from qgis.PyQt.QtWidgets import QApplication, QComboBox, QLabel

from sbplanner_plugin.gui.dock import DOCK_MIN_WIDTH, WIDE_CHILD_PX


def test_the_dock_has_a_sensible_minimum_width(dock):
    assert 360 <= DOCK_MIN_WIDTH <= 420
    assert dock.minimumWidth() == DOCK_MIN_WIDTH
    dock.resize(200, 700)
    assert dock.width() >= DOCK_MIN_WIDTH


def test_the_step_list_shows_every_step_without_a_scrollbar(dock):
    dock.resize(DOCK_MIN_WIDTH, 700)
    dock.show()
    QApplication.processEvents()
    steps = dock.step_list
    rows = [steps.sizeHintForRow(i) for i in range(steps.count())]
    assert steps.count() == 6
    assert steps.height() >= sum(rows) + 2 * steps.frameWidth()
    last = steps.visualItemRect(steps.item(steps.count() - 1))
    assert last.bottom() <= steps.viewport().height()
    assert not steps.verticalScrollBar().isVisible() and not steps.horizontalScrollBar().isVisible()
    # a bigger font (another language, a high-DPI screen): it grows with it
    font = QFont(steps.font())
    font.setPointSizeF(font.pointSizeF() * 1.5)
    steps.setFont(font)
    QApplication.processEvents()
    rows = [steps.sizeHintForRow(i) for i in range(steps.count())]
    assert steps.height() >= sum(rows) + 2 * steps.frameWidth()
    last = steps.visualItemRect(steps.item(steps.count() - 1))
    assert last.bottom() <= steps.viewport().height()


def test_step_pages_fit_the_minimum_width(dock):
    """At 9 pt (the desktop's default; the offscreen platform's own is 12 pt) every page fits a dock at its
    minimum width without a horizontal scrollbar; at any font, wide labels wrap and combos shrink."""
    for step in dock.steps:
        for label in step.findChildren(QLabel):
            if label.minimumSizeHint().width() > WIDE_CHILD_PX:
                assert label.wordWrap(), (step.key, label.text())
        for combo in step.findChildren(QComboBox):
            assert combo.sizeAdjustPolicy() == QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
    old = QApplication.font()
    QApplication.setFont(QFont("Sans Serif", 9))
    try:
        dock.resize(DOCK_MIN_WIDTH, 700)
        dock.show()
        for index, step in enumerate(dock.steps):
            dock.step_list.setCurrentRow(index)
            QApplication.processEvents()
            viewport = dock.page_scroll.viewport().width()
            assert dock.pages.minimumSizeHint().width() <= viewport, (step.key, viewport)
            assert not dock.page_scroll.horizontalScrollBar().isVisible(), step.key
    finally:
        QApplication.setFont(old)


def test_step_two_rows_sit_in_group_boxes(dock):
    """坡度分级 / 自定义分级 / 小流域 were flush left outside any box."""
    from qgis.PyQt.QtWidgets import QGroupBox

    step = next(s for s in dock.steps if s.key == "parcels")
    for widget in (step.slope_combo, step.custom_breaks, step.watersheds_combo, step.village_field):
        parent = widget.parentWidget()
        while parent is not None and not isinstance(parent, QGroupBox) and parent is not step:
            parent = parent.parentWidget()
        assert isinstance(parent, QGroupBox), widget
