"""The bundled QML styles load into QGIS 3.22 layers with the result fields and do what they promise."""

from __future__ import annotations

import pytest
from qgis.core import QgsSymbolLayer, QgsVectorLayer

from sbplanner_plugin.adapters.styles import apply_style, style_path

WATERSHED_FIELDS = "field=ws_code:string&field=downstream_code:string&field=area_km2:double"
CASES = {
    "watersheds": "Polygon?crs=EPSG:2415&" + WATERSHED_FIELDS,
    "small_watersheds": "Polygon?crs=EPSG:2415&" + WATERSHED_FIELDS + "&field=unit_type:string",
    "streams": "LineString?crs=EPSG:2415&field=strahler:integer&field=length_km:double&field=ws_code:string",
    "small_watershed_streams": "LineString?crs=EPSG:2415&field=strahler:integer",
    "outlets_snapped": "Point?crs=EPSG:2415&field=outlet_id:integer&field=snap_distance_m:double",
    "outlets_clicked": "Point?crs=EPSG:2415&field=outlet_id:integer",
    "outlets_snap_lines": "LineString?crs=EPSG:2415&field=outlet_id:integer&field=snap_check:string",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_style_file_loads(qgis_app, name):
    layer = QgsVectorLayer(CASES[name], name, "memory")
    path = style_path(name)
    assert path.is_file(), path
    message, ok = layer.loadNamedStyle(str(path))
    assert ok, message
    assert apply_style(QgsVectorLayer(CASES[name], name, "memory"), name) is True


def test_watershed_labels_show_code_and_area(qgis_app):
    for name in ("watersheds", "small_watersheds"):
        layer = QgsVectorLayer(CASES[name], name, "memory")
        assert apply_style(layer, name)
        assert layer.labelsEnabled()
        settings = layer.labeling().settings()
        assert settings.isExpression
        assert settings.fieldName == "\"ws_code\" || '\\n' || format_number(\"area_km2\", 2) || ' km²'"


def test_watersheds_are_hollow_and_small_watersheds_translucent(qgis_app):
    hollow = QgsVectorLayer(CASES["watersheds"], "w", "memory")
    apply_style(hollow, "watersheds")
    symbol_layer = hollow.renderer().symbol().symbolLayer(0)
    assert symbol_layer.color().alpha() == 0
    assert symbol_layer.strokeColor().blue() > symbol_layer.strokeColor().red()
    units = QgsVectorLayer(CASES["small_watersheds"], "s", "memory")
    apply_style(units, "small_watersheds")
    fill = units.renderer().symbol().symbolLayer(0)
    assert fill.dataDefinedProperties().property(QgsSymbolLayer.PropertyFillColor).isActive()
    assert round(fill.color().alphaF(), 1) == 0.4


def test_stream_width_grows_with_strahler_order(qgis_app):
    for name in ("streams", "small_watershed_streams"):
        layer = QgsVectorLayer(CASES[name], name, "memory")
        assert apply_style(layer, name)
        prop = (
            layer.renderer()
            .symbol()
            .symbolLayer(0)
            .dataDefinedProperties()
            .property(QgsSymbolLayer.PropertyStrokeWidth)
        )
        assert prop.isActive()
        assert prop.expressionString() == '0.3 + 0.4 * coalesce("strahler", 1)'


def test_unknown_style_is_reported_not_raised(qgis_app):
    layer = QgsVectorLayer(CASES["watersheds"], "w", "memory")
    assert apply_style(layer, "no_such_style") is False


def test_terraces_coloured_by_suitability(qgis_app):
    """Step 4: each suitability of sbplanner:terrace_quantities has its own class, unsuitable hatched."""
    layer = QgsVectorLayer("Polygon?crs=EPSG:4546&field=suitability:string&field=riser_height_m:double", "t", "memory")
    assert apply_style(layer, "terrace_quantities")
    renderer = layer.renderer()
    assert renderer.classAttribute() == "suitability"
    symbols = {c.value(): c.symbol().symbolLayer(0) for c in renderer.categories()}
    assert set(symbols) == {"suitable", "reduced", "unsuitable"}
    assert symbols["unsuitable"].brushStyle() != symbols["suitable"].brushStyle()
    hollow = QgsVectorLayer("Polygon?crs=EPSG:4546&field=trees:double", "m", "memory")
    assert apply_style(hollow, "measure_quantities")
    assert hollow.renderer().symbol().symbolLayer(0).color().alpha() == 0


def test_terrace_layout_styles_load(qgis_app):
    lines = QgsVectorLayer("LineString?crs=EPSG:4546&field=level:integer", "l", "memory")
    stakes = QgsVectorLayer("Point?crs=EPSG:4546&field=name:string", "s", "memory")
    assert apply_style(lines, "terrace_lines") and apply_style(stakes, "terrace_stakes")
    assert stakes.renderer().symbol().size() < 1.5  # thousands of stakes must not hide the map


def test_watershed_urgency_coloured_by_class_and_farmland_by_selection(qgis_app):
    """Step 5: each urgency class of sbplanner:urgency_ranking has its own colour, from red (1 极紧迫) to green
    (4 一般), plus unscored units; the sloping-farmland candidates selected for terracing stand out."""
    layer = QgsVectorLayer(
        "Polygon?crs=EPSG:4546&field=urgency_class_id:integer&field=ws_code:string&field=urgency_rank:integer",
        "u",
        "memory",
    )
    assert apply_style(layer, "ws_urgency")
    renderer = layer.renderer()
    assert renderer.classAttribute() == "urgency_class_id"
    colours = {str(c.value()): c.symbol().color() for c in renderer.categories()}
    assert {"1", "2", "3", "4"} <= set(colours)
    assert colours["1"].red() > colours["1"].green() and colours["4"].green() > colours["4"].red()
    assert layer.labelsEnabled() and "urgency_rank" in layer.labeling().settings().fieldName
    farmland = QgsVectorLayer("Polygon?crs=EPSG:4546&field=selected:integer", "f", "memory")
    assert apply_style(farmland, "farmland_priority")
    assert {str(c.value()) for c in farmland.renderer().categories()} == {"0", "1"}


def test_snap_lines_mark_the_given_point_and_the_snaps_to_review(qgis_app):
    layer = QgsVectorLayer(CASES["outlets_snap_lines"], "snap lines", "memory")
    assert apply_style(layer, "outlets_snap_lines")
    symbol = layer.renderer().symbol()
    assert [symbol.symbolLayer(i).layerType() for i in range(symbol.symbolLayerCount())] == [
        "SimpleLine",
        "MarkerLine",
    ]
    assert symbol.symbolLayer(1).placement() == symbol.symbolLayer(1).FirstVertex
    colour = symbol.symbolLayer(0).dataDefinedProperties().property(QgsSymbolLayer.PropertyStrokeColor)
    assert "other_channel" in colour.expressionString()
