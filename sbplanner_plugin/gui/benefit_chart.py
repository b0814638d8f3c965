"""Before / after bar chart of a benefit per small watershed and for the whole area (dock step 5).

The values are those of ``sbplanner:evaluate_benefits`` (the plan's ``benefit_ws`` table): one group of two
bars per unit (now, after the plan), the whole area last and set apart; an optional target (the 水土保持率
target of ``swc_targets.csv``) is drawn as a dashed line.
"""

from __future__ import annotations

import math

from qgis.PyQt.QtCore import QPointF, QRectF, QSize, Qt
from qgis.PyQt.QtGui import QColor, QPen
from qgis.PyQt.QtWidgets import QSizePolicy, QWidget

from sbplanner_plugin.gui.terrace_chart import chart_painter, nice_step

BEFORE_COLOUR = QColor(191, 120, 60)
AFTER_COLOUR = QColor(46, 125, 50)
TARGET_COLOUR = QColor(183, 28, 28)
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class BenefitChart(QWidget):
    """Grouped bars: (label, value now, value after the plan) per unit; ``whole`` marks the whole-area group."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.groups: list[tuple[str, float | None, float | None]] = []
        self.unit_text = ""
        self.target: float | None = None
        self.whole_label = ""
        self.setMinimumHeight(190)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(360, 210)

    def set_data(self, groups, unit_text: str, target: float | None = None, whole_label: str = "") -> None:
        """``groups``: [(label, now, after)], the whole area last (its label ``whole_label``)."""
        self.groups = [(str(g[0]), _finite(g[1]), _finite(g[2])) for g in groups]
        self.unit_text = unit_text
        self.target = _finite(target)
        self.whole_label = whole_label
        self.update()

    def top_value(self) -> float:
        """The top of the value axis (a multiple of the tick step above every bar and the target)."""
        values = [v for _label, a, b in self.groups for v in (a, b) if v is not None]
        if self.target is not None:
            values.append(self.target)
        high = max([*values, 0.0])
        if not high > 0:
            return 1.0
        step = nice_step(high, 4)
        return step * math.ceil(high * 1.05 / step)

    def paintEvent(self, event) -> None:
        painter, text_colour, metrics = chart_painter(self)
        palette = self.palette()
        top_value = self.top_value()
        step = nice_step(top_value, 4)
        left = metrics.horizontalAdvance(f"{top_value:,.0f}0") + 8
        top, bottom = metrics.height() * 2 + 6, metrics.height() + 8
        plot = QRectF(left, top, max(self.width() - left - 8, 10), max(self.height() - top - bottom, 10))
        painter.fillRect(plot, palette.color(palette.ColorRole.Base))

        def y_of(value: float) -> float:
            return plot.bottom() - plot.height() * min(max(value, 0.0), top_value) / top_value

        grid_pen = QPen(palette.color(palette.ColorRole.Mid), 0.5, Qt.PenStyle.DotLine)
        value = 0.0
        while value <= top_value + 1e-9:
            y = y_of(value)
            painter.setPen(grid_pen)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text_colour)
            painter.drawText(QRectF(0, y - 8, left - 4, 16), RIGHT, f"{value:,.{_decimals(step)}f}")
            value += step
        painter.setPen(text_colour)
        painter.drawRect(plot)

        n = len(self.groups)
        if n:
            gap = 1 if n > 1 else 0  # the whole area is set apart by one empty slot
            slot = plot.width() / (n + gap)
            bar = max(min(slot * 0.34, 40.0), 2.0)
            for k, (label, now, after) in enumerate(self.groups):
                centre = plot.left() + slot * (k + 0.5 + (gap if k == n - 1 else 0))
                for value, colour, offset in ((now, BEFORE_COLOUR, -bar), (after, AFTER_COLOUR, 0.0)):
                    if value is None:
                        continue
                    painter.fillRect(QRectF(centre + offset, y_of(value), bar, plot.bottom() - y_of(value)), colour)
                text = metrics.elidedText(label, Qt.TextElideMode.ElideLeft, int(slot) - 2)
                painter.setPen(text_colour)
                painter.drawText(QRectF(centre - slot / 2, plot.bottom() + 2, slot, metrics.height()),
                                 Qt.AlignmentFlag.AlignHCenter, text)  # fmt: skip
        if self.target is not None:
            painter.setPen(QPen(TARGET_COLOUR, 1.2, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(plot.left(), y_of(self.target)), QPointF(plot.right(), y_of(self.target)))

        # unit and legend
        painter.setPen(text_colour)
        painter.drawText(QRectF(0, 0, self.width() / 2, metrics.height() + 2), Qt.AlignmentFlag.AlignLeft,
                         self.unit_text)  # fmt: skip
        x = self.width() / 2
        entries = [(BEFORE_COLOUR, self.tr("now")), (AFTER_COLOUR, self.tr("after the plan"))]
        if self.target is not None:
            entries.append((TARGET_COLOUR, self.tr("target {0:g}").format(self.target)))
        row = QRectF(x, 0, self.width() - x, metrics.height() + 2)
        cursor = row.right()
        for colour, text in reversed(entries):
            width = metrics.horizontalAdvance(text)
            cursor -= width
            painter.setPen(text_colour)
            painter.drawText(QRectF(cursor, 0, width + 2, row.height()), Qt.AlignmentFlag.AlignLeft, text)
            cursor -= 14
            painter.fillRect(QRectF(cursor, row.height() / 2 - 4, 10, 8), colour)
            cursor -= 8
        painter.end()


def _finite(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _decimals(step: float) -> int:
    return 0 if step >= 1 else min(math.ceil(-math.log10(step)), 4)
