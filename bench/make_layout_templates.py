"""Write the print layout templates of the step 6 atlas: resources/layouts/atlas_<a3|a4>_<landscape|portrait>.qpt.

Run after changing the page design (the templates are committed; the plugin only reads them)::

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/make_layout_templates.py

Each template holds the items the atlas export (``sbplanner_plugin.adapters.atlas_export``) finds by their id
(``ITEM_*`` there): the main map, the location inset, title and subtitle, legend, scale bar and numeric scale,
north arrow (QGIS's own ``arrows/NorthArrow_02.svg``), the information block and the neat line. Texts are
expressions on layout variables (``@sb_map_title``, ``@sb_project`` …) and on the atlas feature, so a layout
loaded into a project for manual finishing keeps them live. Every text uses Noto Sans CJK SC (the export falls
back to another CJK font where that one is missing). The geometry is in millimetres, scaled from A3.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsFillSymbol,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutItemShape,
    QgsLayoutMeasurement,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendStyle,
    QgsPrintLayout,
    QgsProject,
    QgsReadWriteContext,
    QgsScaleBarSettings,
    QgsTextFormat,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import Qt  # noqa: E402
from qgis.PyQt.QtGui import QColor, QFont  # noqa: E402

from sbplanner_plugin.adapters import atlas_export as ax  # noqa: E402

FONT = "Noto Sans CJK SC"
NORTH_ARROW = "arrows/NorthArrow_02.svg"


def font(size: float, bold: bool = False) -> QFont:
    f = QFont(FONT)
    f.setPointSizeF(size)
    f.setBold(bold)
    return f


def label(layout, item_id: str, text: str, rect: tuple, size: float, bold=False, align=Qt.AlignmentFlag.AlignLeft):
    item = QgsLayoutItemLabel(layout)
    item.setId(item_id)
    item.setText(text)
    item.setFont(font(size, bold))
    item.setHAlign(align)
    item.setVAlign(Qt.AlignmentFlag.AlignVCenter)
    item.setMarginX(0)
    item.setMarginY(0)
    place(item, rect)
    layout.addLayoutItem(item)
    return item


def place(item, rect: tuple) -> None:
    x, y, w, h = rect
    item.attemptMove(QgsLayoutPoint(x, y))
    item.attemptResize(QgsLayoutSize(w, h))


def frame(item, width_mm: float = 0.3) -> None:
    item.setFrameEnabled(True)
    item.setFrameStrokeWidth(QgsLayoutMeasurement(width_mm))
    item.setFrameStrokeColor(QColor("black"))


def geometry(width: float, height: float) -> dict[str, tuple]:
    """Item rectangles (x, y, w, h in mm) of a page: landscape = map left, side panel right; portrait = map on
    top, a row of inset / legend / scale and information below."""
    landscape = width > height
    f = (width if landscape else height) / 420.0  # 1 on A3, 0.707 on A4
    m = 10 * f
    g: dict[str, tuple] = {"neatline": (m, m, width - 2 * m, height - 2 * m)}
    g["title"] = (m, m + 3 * f, width - 2 * m, 12 * f)
    g["subtitle"] = (m, m + 15.5 * f, width - 2 * m, 7 * f)
    top = m + 25 * f
    inner = 4 * f
    if landscape:
        panel = 80 * f
        map_w = width - 2 * m - 3 * inner - panel
        map_h = height - top - m - inner
        g["map"] = (m + inner, top, map_w, map_h)
        px = m + 2 * inner + map_w
        g["overview"] = (px, top, panel, 58 * f)
        g["legend"] = (px, top + 63 * f, panel, 90 * f)
        bottom = top + map_h
        g["info"] = (px, bottom - 28 * f, panel, 28 * f)
        g["scale_numeric"] = (px, bottom - 36 * f, panel, 6 * f)
        g["scalebar"] = (px, bottom - 52 * f, panel, 14 * f)
    else:
        row = 88 * f
        map_w = width - 2 * m - 2 * inner
        map_h = height - top - m - 2 * inner - row
        g["map"] = (m + inner, top, map_w, map_h)
        ry = top + map_h + inner
        inset = 62 * f
        g["overview"] = (m + inner, ry, inset, row)
        side = 70 * f
        g["legend"] = (m + 2 * inner + inset, ry, map_w - inset - side - 2 * inner, row)
        sx = m + inner + map_w - side
        g["scalebar"] = (sx, ry, side, 14 * f)
        g["scale_numeric"] = (sx, ry + 16 * f, side, 6 * f)
        g["info"] = (sx, ry + row - 32 * f, side, 32 * f)
    mx, my, mw, _mh = g["map"]
    g["north_arrow"] = (mx + mw - 16 * f, my + 4 * f, 11 * f, 17 * f)
    return g


def build(width: float, height: float) -> QgsPrintLayout:
    landscape = width > height
    f = (width if landscape else height) / 420.0
    layout = QgsPrintLayout(QgsProject.instance())
    layout.initializeDefaults()
    layout.pageCollection().page(0).setPageSize(QgsLayoutSize(width, height))
    g = geometry(width, height)

    neat = QgsLayoutItemShape(layout)
    neat.setShapeType(QgsLayoutItemShape.Shape.Rectangle)
    neat.setId(ax.ITEM_NEATLINE)
    neat.setSymbol(QgsFillSymbol.createSimple({"style": "no", "outline_color": "black", "outline_width": "0.6"}))
    place(neat, g["neatline"])
    layout.addLayoutItem(neat)

    label(layout, ax.ITEM_TITLE, "[% @sb_map_title %]", g["title"], 22 * f + 2, True, Qt.AlignmentFlag.AlignHCenter)
    label(layout, ax.ITEM_SUBTITLE, "[% @sb_unit_label %][% @sb_colon %][% \"ws_code\" %]", g["subtitle"], 12 * f + 1,
          False, Qt.AlignmentFlag.AlignHCenter)  # fmt: skip

    main = QgsLayoutItemMap(layout)
    main.setId(ax.ITEM_MAP)
    place(main, g["map"])
    frame(main, 0.4)
    main.setAtlasDriven(True)
    main.setAtlasScalingMode(QgsLayoutItemMap.AtlasScalingMode.Predefined)
    main.setAtlasMargin(0.08)
    layout.addLayoutItem(main)

    overview = QgsLayoutItemMap(layout)
    overview.setId(ax.ITEM_OVERVIEW)
    place(overview, g["overview"])
    frame(overview, 0.3)
    layout.addLayoutItem(overview)

    legend = QgsLayoutItemLegend(layout)
    legend.setId(ax.ITEM_LEGEND)
    legend.setTitle("[% @sb_legend_title %]")
    legend.setLinkedMap(main)
    legend.setResizeToContents(True)
    legend.setSymbolWidth(7 * f + 1)
    legend.setSymbolHeight(4 * f + 0.8)
    legend.setWrapString("\\n")
    for style, size, bold in ((QgsLegendStyle.Style.Title, 11 * f + 1.5, True),
                              (QgsLegendStyle.Style.Group, 9 * f + 1, True),
                              (QgsLegendStyle.Style.Subgroup, 8.5 * f + 1, True),
                              (QgsLegendStyle.Style.SymbolLabel, 7.5 * f + 1, False)):  # fmt: skip
        legend.rstyle(style).setFont(font(size, bold))
    legend.rstyle(QgsLegendStyle.Style.Subgroup).setMargin(QgsLegendStyle.Side.Top, 2.5 * f)
    place(legend, g["legend"])
    layout.addLayoutItem(legend)

    bar = QgsLayoutItemScaleBar(layout)
    bar.setId(ax.ITEM_SCALEBAR)
    bar.setStyle("Single Box")
    bar.setLinkedMap(main)
    bar.setUnits(QgsUnitTypes.DistanceUnit.DistanceMeters)
    bar.setUnitLabel("m")
    bar.setNumberOfSegments(2)
    bar.setNumberOfSegmentsLeft(0)
    bar.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeMode.SegmentSizeFitWidth)
    bar.setMinimumBarWidth(30 * f)
    bar.setMaximumBarWidth(55 * f)
    bar.setHeight(2.5 * f)
    fmt = QgsTextFormat()
    fmt.setFont(font(7.5 * f + 1))
    fmt.setSize(7.5 * f + 1)
    bar.setTextFormat(fmt)
    place(bar, g["scalebar"])
    layout.addLayoutItem(bar)

    numeric = QgsLayoutItemScaleBar(layout)
    numeric.setId(ax.ITEM_SCALE_NUMERIC)
    numeric.setStyle("Numeric")
    numeric.setLinkedMap(main)
    numeric.setTextFormat(fmt)
    place(numeric, g["scale_numeric"])
    layout.addLayoutItem(numeric)

    arrow = QgsLayoutItemPicture(layout)
    arrow.setId(ax.ITEM_NORTH_ARROW)
    arrow.setMode(QgsLayoutItemPicture.Format.FormatSVG)
    path = next((Path(p) / NORTH_ARROW for p in QgsApplication.svgPaths() if (Path(p) / NORTH_ARROW).is_file()), None)
    if path is None:
        raise SystemExit(f"QGIS's {NORTH_ARROW} was not found in {QgsApplication.svgPaths()}")
    arrow.setPicturePath(str(path), QgsLayoutItemPicture.Format.FormatSVG)
    arrow.setLinkedMap(main)
    place(arrow, g["north_arrow"])
    layout.addLayoutItem(arrow)

    info = (
        "[% @sb_project_label %][% @sb_colon %][% @sb_project %]\n"
        "[% @sb_scenario_label %][% @sb_colon %][% @sb_scenario %]\n"
        "[% @sb_crs_label %][% @sb_colon %][% @project_crs_description %]\n"
        "[% @sb_date_label %][% @sb_colon %][% @sb_date %]\nSBPlanner"
    )
    label(layout, ax.ITEM_INFO, info, g["info"], 7 * f + 1)
    return layout


def main() -> None:
    app = QgsApplication([], False)
    app.initQgis()
    out = REPO / "resources" / "layouts"
    out.mkdir(parents=True, exist_ok=True)
    for name, (w, h) in ax.PAGE_SIZES_MM.items():
        for orientation in ("landscape", "portrait"):
            width, height = (max(w, h), min(w, h)) if orientation == "landscape" else (min(w, h), max(w, h))
            layout = build(width, height)
            target = out / ax.template_name(name, orientation)
            if not layout.saveAsTemplate(str(target), QgsReadWriteContext()):
                raise SystemExit(f"{target} could not be written")
            print("wrote", target.relative_to(REPO))
    app.exitQgis()


if __name__ == "__main__":
    main()
