"""Filters and tables sort as an engineer reads the classes (issue 15): slope classes by degrees, erosion classes
in the SL 190 order, codes by their numbers — not by string (which put 15–25° before 5–8° and 中度 before 微度)."""

from __future__ import annotations

from qgis.core import QgsFeature, QgsVectorLayer
from qgis.PyQt.QtCore import Qt

from sbplanner_plugin.gui.models import Column, FeatureTableModel, field, natural_sort_text
from sbplanner_plugin.gui.widgets import CopyableTableView

SLOPES = ["<5°", "5–8°", "8–15°", "15–25°", "25–35°", ">35°"]
EROSION = ["微度", "轻度", "中度", "强烈", "极强烈", "剧烈"]
GDPDJB = ["≤2°", "2–6°", "6–15°", "15–25°", "＞25°"]


def shuffled(values: list[str]) -> list[str]:
    return sorted(values)  # the string order: what the filters showed before


def test_slope_erosion_and_code_order() -> None:
    assert shuffled(SLOPES) != SLOPES and shuffled(EROSION) != EROSION  # the string order is wrong
    assert sorted(shuffled(SLOPES), key=natural_sort_text) == SLOPES
    assert sorted(shuffled(GDPDJB), key=natural_sort_text) == GDPDJB
    assert sorted(shuffled(EROSION), key=natural_sort_text) == EROSION
    english = ["slight", "light", "moderate", "intense", "extremely intense", "severe"]
    assert sorted(sorted(english), key=natural_sort_text) == english
    assert sorted(["WS10", "WS2", "WS1"], key=natural_sort_text) == ["WS1", "WS2", "WS10"]


def test_a_table_sorts_its_class_column_naturally(qgis_app) -> None:
    layer = QgsVectorLayer("None?field=slope_class:string&field=erosion_class:string", "t", "memory")
    features = []
    for slope, erosion in zip(shuffled(SLOPES), shuffled(EROSION)):
        feature = QgsFeature(layer.fields())
        feature.setAttributes([slope, erosion])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    model = FeatureTableModel([Column("slope", field("slope_class")), Column("erosion", field("erosion_class"))])
    model.load(layer)
    view = CopyableTableView()
    view.setModel(model)
    shown = []
    for column, expected in ((0, SLOPES), (1, EROSION)):
        view.sortByColumn(column, Qt.SortOrder.AscendingOrder)
        shown = [view.proxy.index(r, column).data() for r in range(view.proxy.rowCount())]
        assert shown == expected
