"""One layer-order policy for every step (issue 15): step groups in GROUP_ORDER (step 1's outlets, streams and
outlines on top, the opaque parcel fills at the bottom), inside a group points above lines above polygons, tables
last; a re-run replaces its layers in place instead of stacking a new copy on top."""

from __future__ import annotations

import pytest
from qgis.core import QgsLayerTreeGroup, QgsProject

from sbplanner_plugin.gui import layers

POLYGON, LINE, POINT, TABLE = "Polygon?crs=EPSG:4547", "LineString?crs=EPSG:4547", "Point?crs=EPSG:4547", "None"


@pytest.fixture
def project(qgis_app):
    project = QgsProject.instance()
    project.clear()
    yield project
    project.clear()


def load(key: str, specs: list[tuple[str, str]], project) -> None:
    layers.load_plan_layers([(k, uri, k) for k, uri in specs], key, f"SBPlanner {key}", project, provider="memory")


def tree(project) -> list[tuple[str, list[str]]]:
    return [
        (c.customProperty(layers.GROUP_PROPERTY), [n.name() for n in c.children()])
        for c in project.layerTreeRoot().children()
        if isinstance(c, QgsLayerTreeGroup)
    ]


def test_steps_stack_by_the_policy_not_by_run_order(project) -> None:
    load("parcels", [("parcels", POLYGON), ("ws_indicators", TABLE)], project)
    # step 1 run after step 2 (the order the old dock stacked newest on top), results in the plan's order
    load("watersheds", [("watersheds", POLYGON), ("small_watersheds", POLYGON), ("streams", LINE),
                        ("outlets_snapped", POINT), ("ws_table", TABLE)], project)  # fmt: skip
    load("measures", [("parcels_measures", POLYGON), ("check_dams", POINT), ("gully_heads", LINE)], project)
    assert tree(project) == [
        ("watersheds", ["outlets_snapped", "streams", "watersheds", "small_watersheds", "ws_table"]),
        ("measures", ["check_dams", "gully_heads", "parcels_measures"]),
        ("parcels", ["parcels", "ws_indicators"]),
    ]


def test_a_rerun_replaces_its_layers_in_place(project) -> None:
    load("watersheds", [("watersheds", POLYGON), ("streams", LINE), ("outlets_snapped", POINT)], project)
    load("parcels", [("parcels", POLYGON)], project)
    before = tree(project)
    first_streams = layers.find_layer("streams", project).id()
    load("watersheds", [("streams", LINE)], project)  # step 1 again
    assert tree(project) == before
    again = layers.find_layer("streams", project)
    assert again is not None and again.id() != first_streams
    assert (
        len([lyr for lyr in project.mapLayers().values() if lyr.customProperty(layers.LAYER_PROPERTY) == "streams"])
        == 1
    )


def test_only_the_streams_loaded_last_are_ticked(project) -> None:
    """Step 1's delineation streams and the division's streams drew two networks over each other."""
    load("watersheds", [("watersheds", POLYGON), ("streams", LINE)], project)
    load("watersheds", [("small_watersheds", POLYGON), ("small_watershed_streams", LINE)], project)
    root = project.layerTreeRoot()

    def ticked(key: str) -> bool:
        return root.findLayer(layers.find_layer(key, project).id()).itemVisibilityChecked()

    assert ticked("small_watershed_streams") and not ticked("streams") and ticked("watersheds")
    load("watersheds", [("streams", LINE)], project)  # delineation again
    assert ticked("streams") and not ticked("small_watershed_streams")
