"""Chart of the level-terrace section against the ground slope, for the chosen bench width B and riser angle α.

The curves are the production formulas of :func:`sbplanner_plugin.core.quantities.terrace.level_section`
(GB/T 16453.1-2008): H = B·sinθ·sinα / sin(α − θ) and the standard's earthwork 1250·H m³/hm². Where H exceeds
the riser limit the slope band is shaded (the parcel is unsuitable or its bench is narrowed); the design slope of
the parcel selected in the table is marked.
"""

from __future__ import annotations

import math

import numpy as np
from qgis.PyQt.QtCore import QPointF, QRectF, QSize, Qt
from qgis.PyQt.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from qgis.PyQt.QtWidgets import QSizePolicy, QWidget

from sbplanner_plugin.core.quantities.terrace import level_section

H_COLOUR = QColor(21, 101, 192)
EARTH_COLOUR = QColor(191, 54, 12)
LIMIT_COLOUR = QColor(183, 28, 28)
SHADE_COLOUR = QColor(255, 205, 210, 110)
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LAW_COLOUR = QColor(97, 97, 97)


def chart_painter(widget: QWidget):
    """(painter, text colour, font metrics) for a chart widget's paintEvent: antialiased, the widget's font one
    point smaller (at least 7 pt), the palette's text colour — the same look for every SBPlanner chart."""
    painter = QPainter(widget)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    palette = widget.palette()
    font = QFont(widget.font())
    font.setPointSizeF(max(font.pointSizeF() - 1, 7))
    painter.setFont(font)
    return painter, palette.color(palette.ColorRole.WindowText), painter.fontMetrics()


def nice_step(span: float, ticks: int = 5) -> float:
    """A 1-2-5 tick step giving about ``ticks`` intervals over ``span``."""
    if not span > 0:
        return 1.0
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


class TerraceChart(QWidget):
    """H (left axis, m) and earthwork (right axis, m³/hm²) of a level terrace against θ (°)."""

    SLOPE_MAX_DEG = 35.0
    LAW_SLOPE_DEG = 25.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bench_width_m = 7.0
        self.riser_angle_deg = 75.0
        self.riser_limit_m = 2.0
        self.marked_slope_deg: float | None = None
        self.setMinimumHeight(170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip(
            self.tr(
                "H = B·sinθ·sinα / sin(α − θ) and earthwork 1250·H m³/hm² (GB/T 16453.1-2008) for the chosen B "
                "and α; shaded: H above the riser limit (bench narrowed, or parcel unsuitable)."
            )
        )

    def sizeHint(self) -> QSize:
        return QSize(320, 190)

    def set_design(self, bench_width_m: float, riser_angle_deg: float, riser_limit_m: float) -> None:
        self.bench_width_m = float(bench_width_m)
        self.riser_angle_deg = float(riser_angle_deg)
        self.riser_limit_m = float(riser_limit_m)
        self.update()

    def mark_slope(self, slope_deg: float | None) -> None:
        self.marked_slope_deg = None if slope_deg is None or not np.isfinite(slope_deg) else float(slope_deg)
        self.update()

    def curve(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(θ °, H m, earthwork m³/hm²) sampled every 0.25° up to the chart's maximum slope (NaN where α ≤ θ)."""
        theta = np.arange(0.25, self.SLOPE_MAX_DEG + 1e-9, 0.25)
        section = level_section(theta, self.bench_width_m, self.riser_angle_deg)
        return theta, section.riser_height_m, section.earthwork_m3_per_ha

    def limit_slope_deg(self) -> float | None:
        """The slope at which H reaches the riser limit (None beyond the chart)."""
        theta, h, _ = self.curve()
        over = np.flatnonzero(~(h <= self.riser_limit_m))
        return float(theta[over[0]]) if over.size else None

    def paintEvent(self, event) -> None:
        painter, text_colour, metrics = chart_painter(self)
        palette = self.palette()
        left, right = metrics.horizontalAdvance("0000") + 10, metrics.horizontalAdvance("00000") + 10
        top, bottom = metrics.height() + 4, metrics.height() * 2 + 6
        plot = QRectF(left, top, max(self.width() - left - right, 10), max(self.height() - top - bottom, 10))
        painter.fillRect(plot, palette.color(palette.ColorRole.Base))

        theta, h, _earth = self.curve()
        finite = np.isfinite(h)
        h_max = max(self.riser_limit_m * 1.6, float(np.nanmax(h[finite & (theta <= 30)])) if finite.any() else 1)
        h_step = nice_step(h_max, 4)
        h_top = h_step * math.ceil(h_max / h_step)

        def x_of(t: float) -> float:
            return plot.left() + plot.width() * t / self.SLOPE_MAX_DEG

        def y_of(value: float) -> float:
            return plot.bottom() - plot.height() * min(value, h_top) / h_top

        # unsuitable band (H above the riser limit) and the 25° line of the law
        limit = self.limit_slope_deg()
        if limit is not None:
            painter.fillRect(QRectF(QPointF(x_of(limit), plot.top()), plot.bottomRight()), SHADE_COLOUR)
        painter.setPen(QPen(LAW_COLOUR, 1, Qt.PenStyle.DotLine))
        painter.drawLine(
            QPointF(x_of(self.LAW_SLOPE_DEG), plot.top()), QPointF(x_of(self.LAW_SLOPE_DEG), plot.bottom())
        )

        # grid and axes
        grid_pen = QPen(palette.color(palette.ColorRole.Mid), 0.5, Qt.PenStyle.DotLine)
        value = 0.0
        while value <= h_top + 1e-9:
            y = y_of(value)
            painter.setPen(grid_pen)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(H_COLOUR)
            painter.drawText(QRectF(0, y - 8, left - 4, 16), RIGHT,
                             f"{value:g}")  # fmt: skip
            painter.setPen(EARTH_COLOUR)
            painter.drawText(QRectF(plot.right() + 4, y - 8, right - 4, 16), Qt.AlignmentFlag.AlignLeft
                             | Qt.AlignmentFlag.AlignVCenter, f"{1250 * value:,.0f}")  # fmt: skip
            value += h_step
        painter.setPen(text_colour)
        for t in range(0, int(self.SLOPE_MAX_DEG) + 1, 5):
            x = x_of(t)
            painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 3))
            painter.drawText(QRectF(x - 15, plot.bottom() + 3, 30, metrics.height()), Qt.AlignmentFlag.AlignHCenter,
                             f"{t}°")  # fmt: skip
        painter.drawRect(plot)

        # riser limit
        painter.setPen(QPen(LIMIT_COLOUR, 1, Qt.PenStyle.DashLine))
        painter.drawLine(
            QPointF(plot.left(), y_of(self.riser_limit_m)), QPointF(plot.right(), y_of(self.riser_limit_m))
        )

        # H (and, on the right axis, 1250·H: the same curve, scaled)
        path = QPainterPath()
        started = False
        for t, value in zip(theta, h):
            if not np.isfinite(value) or value > h_top:
                started = False
                continue
            point = QPointF(x_of(t), y_of(value))
            path.lineTo(point) if started else path.moveTo(point)
            started = True
        painter.setPen(QPen(H_COLOUR, 2))
        painter.drawPath(path)

        if self.marked_slope_deg is not None and 0 < self.marked_slope_deg < self.SLOPE_MAX_DEG:
            section = level_section(self.marked_slope_deg, self.bench_width_m, self.riser_angle_deg)
            value = float(section.riser_height_m)
            if np.isfinite(value):
                painter.setPen(QPen(text_colour, 1))
                painter.setBrush(EARTH_COLOUR)
                painter.drawEllipse(QPointF(x_of(self.marked_slope_deg), y_of(value)), 4, 4)

        # axis titles and legend
        painter.setPen(H_COLOUR)
        painter.drawText(QRectF(0, 0, self.width() / 2, top), Qt.AlignmentFlag.AlignLeft, self.tr("H (m)"))
        painter.setPen(EARTH_COLOUR)
        painter.drawText(QRectF(self.width() / 2, 0, self.width() / 2, top), Qt.AlignmentFlag.AlignRight,
                         self.tr("earthwork (m³/hm²)"))  # fmt: skip
        painter.setPen(text_colour)
        legend = self.tr("slope θ  ·  B {0:g} m, α {1:g}°  ·  riser limit {2:g} m").format(
            self.bench_width_m, self.riser_angle_deg, self.riser_limit_m
        )
        painter.drawText(QRectF(0, self.height() - metrics.height() - 1, self.width(), metrics.height()),
                         Qt.AlignmentFlag.AlignHCenter, legend)  # fmt: skip
        painter.end()
