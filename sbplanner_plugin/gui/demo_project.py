"""Plugins ▸ SBPlanner ▸ Load demo project (Youwuzhen): the bundled watershed in a new project, ready for step 1.

A new QGIS project (QGIS asks to save a modified one first: ``iface.newProject(True)``), the demo inputs copied
into a new temporary folder that is kept (``tempfile.mkdtemp``; its path is said in the message bar), a fresh
plan GeoPackage there, the layers in three groups (outlet, land-use parcels, terrain), the project in the DEM's
CRS — EPSG:2415 (Beijing 1954 / 3-degree Gauss-Kruger zone 39): the DEM files carry that projection without its
EPSG code, so the copied DEM is given the code (adapters.demo_data.assign_epsg) and every result of the steps is in
EPSG:2415 too — and the dock on step 1 with its inputs filled in.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsFillSymbol,
    QgsMarkerSymbol,
    QgsProject,
    QgsRasterLayer,
    QgsReferencedRectangle,
    QgsRendererCategory,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication

from sbplanner_plugin.adapters import demo_data
from sbplanner_plugin.core.definitions import ErosionRegion
from sbplanner_plugin.gui.layers import style_dem_layers

LOGGER = logging.getLogger(__name__)
#: The project entry the dock reads to label the demo as illustrative (gui/steps/parcels_step.py).
DEMO_SCOPE, DEMO_KEY, DEMO_ID = "sbplanner", "demo", "youwuzhen"
#: Custom property marking the demo's input groups (value: outlets, parcels, terrain).
GROUP_PROPERTY = "sbplanner/demo_group"
PLAN_NAME = "youwuzhen_plan.gpkg"
PROJECT_NAME = "youwuzhen_demo.qgz"
DEMO_CRS = "EPSG:2415"
#: The demo's erosion region: 南方红壤丘陵区 (tolerance 500 t/(km²·a)); index of the dock's region list.
SOUTH_RED_SOIL_INDEX = int(ErosionRegion.SOUTH_RED_SOIL)
#: Colours of the demo's land uses (GB/T 21010 codes present in parcels_gbt21010.gpkg).
LANDUSE_COLOURS = {
    "0101": "#9fd8f0",  # paddy
    "0201": "#f4a259",  # orchard
    "0301": "#4f9a4a",  # arbor forest
    "0601": "#9e9e9e",  # industrial
    "0702": "#d7837f",  # rural homestead
    "1104": "#3a7dc9",  # pond
}


def tr(text: str) -> str:
    return QCoreApplication.translate("@default", text)  # pylupdate5 files tr() calls there


@dataclass
class DemoProject:
    """What :func:`load_demo_project` made: the working folder, the plan, the project file and its layers."""

    folder: Path
    plan: Path
    project_file: Path
    layers: dict[str, object] = field(default_factory=dict)


def demo_crs(layer) -> QgsCoordinateReferenceSystem:
    """The DEM's CRS, as EPSG:2415 when it is that projection without the code (the demo's GeoTIFFs)."""
    crs = layer.crs()
    epsg = QgsCoordinateReferenceSystem(DEMO_CRS)

    def core(c) -> str:
        return " ".join(p for p in c.toProj().split() if p not in ("+type=crs", "+no_defs"))

    if crs.authid() != DEMO_CRS and epsg.isValid() and core(crs) == core(epsg):
        return epsg
    return crs


def _message(iface, text: str, level=Qgis.MessageLevel.Info, duration: int = 10) -> None:
    if iface is not None:
        iface.messageBar().pushMessage(tr("SBPlanner"), text, level, duration)


def _landuse_names(language: str) -> dict[str, str]:
    from sbplanner_plugin.adapters.param_files import read_table, table_path
    from sbplanner_plugin.core.params import SCHEMAS

    try:
        rows = read_table(table_path("landuse_gbt21010.csv"), SCHEMAS["landuse_gbt21010.csv"])
    except Exception:  # names are a nicety: the codes alone still make a legend
        LOGGER.exception("landuse_gbt21010.csv cannot be read")
        return {}
    column = "name_zh" if language == "zh" else "name_en"
    return {str(r["code"]): str(r.get(column) or "") for r in rows}


def _parcel_style(layer: QgsVectorLayer, language: str) -> None:
    names = _landuse_names(language)
    categories = []
    for code, colour in LANDUSE_COLOURS.items():
        symbol = QgsFillSymbol.createSimple({"color": colour, "outline_color": "#5a5a5a", "outline_width": "0.1"})
        categories.append(QgsRendererCategory(code, symbol, f"{code} {names.get(code, '')}".strip()))
    layer.setRenderer(QgsCategorizedSymbolRenderer("DLBM", categories))
    layer.setOpacity(0.55)


def _dem_layers(path: Path, crs: QgsCoordinateReferenceSystem):
    hillshade = QgsRasterLayer(str(path), tr("Hillshade"), "gdal")
    colour = QgsRasterLayer(str(path), tr("DEM 10 m (elevation, m)"), "gdal")
    if not hillshade.isValid() or not colour.isValid():
        raise RuntimeError(tr("The demo DEM cannot be opened: {0}").format(path))
    for layer in (hillshade, colour):
        layer.setCrs(crs)
    style_dem_layers(hillshade, colour, opacity=0.5)
    return colour, hillshade


def _vector(path: str, name: str, crs: QgsCoordinateReferenceSystem) -> QgsVectorLayer:
    layer = QgsVectorLayer(path, name, "ogr")
    if not layer.isValid():
        raise RuntimeError(tr("The demo layer cannot be opened: {0}").format(path))
    if layer.crs() != crs and demo_crs(layer) == crs:
        layer.setCrs(crs)
    return layer


def build_project(inputs: demo_data.DemoInputs, language: str = "en") -> dict[str, object]:
    """The demo's layers added to the current (new) project in three groups; returns them by key."""
    project = QgsProject.instance()
    probe = QgsRasterLayer(str(inputs.dem), "probe", "gdal")
    if not probe.isValid():
        raise RuntimeError(tr("The demo DEM cannot be opened: {0}").format(inputs.dem))
    crs = demo_crs(probe)
    del probe
    outlet = _vector(str(inputs.outlet), tr("Outlet (Hetian station)"), crs)
    symbol = QgsMarkerSymbol.createSimple({"name": "circle", "color": "#d7191c", "size": "3", "outline_color": "white"})
    outlet.setRenderer(QgsSingleSymbolRenderer(symbol))
    parcels = _vector(f"{inputs.parcels}|layername={demo_data.PARCELS_LAYER}", tr("Land-use parcels"), crs)
    _parcel_style(parcels, language)
    dem, hillshade = _dem_layers(inputs.dem, crs)

    root = project.layerTreeRoot()
    found = {"outlet": outlet, "parcels": parcels, "dem": dem, "hillshade": hillshade}
    for key, name, members in (
        ("outlets", tr("Outlets"), (outlet,)),
        ("parcels", tr("Land-use parcels (Third National Land Survey style)"), (parcels,)),
        ("terrain", tr("Terrain (DEM)"), (dem, hillshade)),
    ):
        group = root.addGroup(name)
        group.setCustomProperty(GROUP_PROPERTY, key)
        for layer in members:
            project.addMapLayer(layer, False)
            group.addLayer(layer)
    project.setCrs(crs)
    extent = dem.extent()
    extent.scale(1.05)
    project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(extent, crs))
    project.setTitle(tr("SBPlanner demo: Youwuzhen watershed"))
    project.writeEntry(DEMO_SCOPE, DEMO_KEY, DEMO_ID)
    return found


def _prefill(dock, found: dict[str, object], inputs: demo_data.DemoInputs) -> None:
    """Step 1 on the demo DEM and outlet; step 2 on the parcels with the demo's assumed factors. Each widget is
    looked up defensively: a step that changed its widgets keeps its own defaults."""
    steps = {getattr(s, "key", ""): s for s in getattr(dock, "steps", [])}

    def attempt(what, action):
        try:
            action()
        except Exception:  # a renamed widget: that input stays at its default, the rest is filled in
            LOGGER.exception("Demo project: %s not filled in", what)

    one = steps.get("watersheds")
    if one is not None:
        attempt("step 1 DEM", lambda: one.dem_combo.setLayer(found["dem"]))
        attempt("step 1 outlets", lambda: one.outlets_combo.setLayer(found["outlet"]))
        attempt("step 1 threshold", lambda: one.threshold_spin.setValue(0.1))
        attempt("small watershed range", lambda: (one.divide_panel.max_spin.setValue(2.0),
                                                   one.divide_panel.min_spin.setValue(0.3)))  # fmt: skip
    two = steps.get("parcels")
    if two is not None:
        attempt("step 2 parcels", lambda: two.parcels_combo.setLayer(found["parcels"]))
        attempt("step 2 DEM", lambda: two.dem_combo.setLayer(found["dem"]))
        attempt("step 2 land-use field", lambda: two.landuse_field.setField("DLBM"))
        attempt("step 2 cover fields", lambda: (two.cover_field.setField("FVC"), two.canopy_field.setField("YBD")))
        attempt("step 2 R", lambda: two.r_spin.setValue(inputs.factor("r_factor", 7000.0)))
        attempt("step 2 K", lambda: two.k_spin.setValue(inputs.factor("k_factor", 0.005)))
        attempt("step 2 region", lambda: two.region_combo.setCurrentIndex(SOUTH_RED_SOIL_INDEX))
        zone = inputs.text("cropping_zone")
        attempt("step 2 zone", lambda: two.zone_combo.setCurrentIndex(max(two.zone_combo.findData(zone), 0)))


def load_demo_project(iface, dock, language: str = "en", folder: Path | None = None) -> DemoProject | None:
    """Load the Youwuzhen demo into a new project, with a new plan in a new temporary folder (or ``folder``);
    None when the user kept the current project or something is missing (said in the message bar)."""
    missing = demo_data.missing_files()
    if missing:
        _message(
            iface,
            tr("The demo data are missing from this installation ({0}): reinstall the plugin.").format(
                ", ".join(missing)
            ),
            Qgis.MessageLevel.Critical,
        )
        return None
    if iface is not None and not iface.newProject(True):
        return None  # the user cancelled QGIS's "save the current project?" question
    try:
        target = Path(folder) if folder is not None else Path(tempfile.mkdtemp(prefix="sbplanner_demo_"))
        inputs = demo_data.copy_inputs(target)
        found = build_project(inputs, language)
        project = QgsProject.instance()
        project_file = target / PROJECT_NAME
        project.setFileName(str(project_file))
        plan = target / PLAN_NAME
        from sbplanner_plugin.adapters import plan_store

        plan_store.open_plan_store(str(plan)).ensure()
    except (OSError, RuntimeError) as exc:
        LOGGER.exception("Demo project not loaded")
        _message(iface, tr("The demo project could not be loaded: {0}").format(exc), Qgis.MessageLevel.Critical)
        return None
    except Exception as exc:  # the plan store's own errors: said, never raised into Qt
        LOGGER.exception("Demo plan not created")
        _message(iface, tr("The demo project could not be loaded: {0}").format(exc), Qgis.MessageLevel.Critical)
        return None
    if dock is not None:
        dock.plan_widget.setFilePath(str(plan))  # fileChanged → dock.set_plan_path: project entry + steps
        if dock.plan_path() != str(plan):
            dock.set_plan_path(str(plan))
        _prefill(dock, found, inputs)
        dock.step_list.setCurrentRow(0)
    else:
        plan_store.set_project_plan_path(project, str(plan))
    if not project.write():
        LOGGER.warning("Demo project %s not written", project_file)
    if iface is not None:
        canvas = iface.mapCanvas()
        if canvas is not None:
            canvas.setDestinationCrs(project.crs())
            canvas.setExtent(project.viewSettings().defaultViewExtent())
            canvas.refresh()
    _message(
        iface,
        tr(
            "Demo project loaded. Its plan and data are in the temporary folder {0}. Press Delineate in step 1 "
            "to start; R, K and cover of the demo are assumptions (illustrative only)."
        ).format(target),
        Qgis.MessageLevel.Success,
        0,
    )
    return DemoProject(folder=target, plan=plan, project_file=project_file, layers=found)
