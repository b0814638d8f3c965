"""The bundled Youwuzhen demo watershed (``resources/demo/youwuzhen``) as the plugin's "Load demo project" uses it.

Copies the inputs (DEM, outlet, 三调-like parcels) into a working folder, so the shipped files are never
opened for writing (a GeoPackage opened by QGIS grows ``-wal``/``-shm`` files beside it, and a user may edit
the parcels), and writes the demo's assumed vegetation cover (``demo_factors.csv``) into the copied parcels,
as ``make demo`` does (``sbplanner_plugin/demo/run_demo.py``; not imported: that command line is not shipped).
"""

from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from sbplanner_plugin.paths import demo_path

CASE = "youwuzhen"
DEM_NAME = "ywzdem10m.tif"
OUTLET_NAME = "outlet_beijing1954"
PARCELS_NAME = "parcels_gbt21010.gpkg"
PARCELS_LAYER = "parcels"
FACTORS_NAME = "demo_factors.csv"
#: demo_factors.csv keys → (GB/T 21010 land-use code, parcel field), as in run_demo.COVER_KEYS
COVER_KEYS = {
    "forest_fvc": ("0301", "FVC"),
    "forest_gd": ("0301", "YBD"),
    "orchard_fvc": ("0201", "FVC"),
    "orchard_gd": ("0201", "YBD"),
}
OUTLET_SUFFIXES = (".shp", ".shx", ".dbf", ".prj", ".cpg")
#: The demo's projection: Beijing 1954 / 3-degree Gauss-Kruger zone 39. The shipped GeoTIFFs carry it without the
#: EPSG code (QGIS shows them, and every result computed from them, as an unnamed custom CRS).
DEMO_EPSG = 2415


@dataclass
class DemoInputs:
    """Paths of the copied demo inputs and the assumed factors (rows of demo_factors.csv by key)."""

    folder: Path
    dem: Path
    outlet: Path
    parcels: Path
    factors: dict[str, dict] = field(default_factory=dict)

    def factor(self, key: str, default: float) -> float:
        try:
            return float(self.factors[key]["value"])
        except (KeyError, TypeError, ValueError):
            return default

    def text(self, key: str) -> str:
        return str(self.factors.get(key, {}).get("value", "") or "")


def demo_folder() -> Path:
    return demo_path(CASE)


def missing_files(folder: Path | None = None) -> list[str]:
    """Names of the demo files that are not there (an incomplete install); [] when all are."""
    folder = folder or demo_folder()
    names = [DEM_NAME, PARCELS_NAME, *(f"{OUTLET_NAME}{s}" for s in (".shp", ".shx", ".dbf"))]
    return [name for name in names if not (folder / name).is_file()]


def read_factors(path: Path) -> dict[str, dict]:
    """The rows of ``demo_factors.csv`` by key (value, unit, source, confidence); {} when it is missing."""
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return {row["key"]: row for row in csv.DictReader(stream) if row.get("key")}


def copy_inputs(target: Path, source: Path | None = None) -> DemoInputs:
    """Copy the demo's DEM, outlet and parcels into ``target/data`` and write the demo cover into the copied
    parcels. Raises OSError (copy) or RuntimeError (the parcels cannot be written)."""
    source = source or demo_folder()
    data = Path(target) / "data"
    data.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / DEM_NAME, data / DEM_NAME)
    assign_epsg(data / DEM_NAME, DEMO_EPSG)
    shutil.copy2(source / PARCELS_NAME, data / PARCELS_NAME)
    for suffix in OUTLET_SUFFIXES:
        path = source / f"{OUTLET_NAME}{suffix}"
        if path.is_file():
            shutil.copy2(path, data / path.name)
    inputs = DemoInputs(
        folder=Path(target),
        dem=data / DEM_NAME,
        outlet=data / f"{OUTLET_NAME}.shp",
        parcels=data / PARCELS_NAME,
        factors=read_factors(source / FACTORS_NAME),
    )
    apply_cover(inputs.parcels, inputs.factors)
    return inputs


def _proj4(srs) -> str:
    return " ".join(p for p in srs.ExportToProj4().split() if p not in ("+type=crs", "+no_defs"))


def assign_epsg(raster: Path, code: int) -> bool:
    """Give the raster ``raster`` (a copy: updated in place) the EPSG code ``code`` when its projection is that one
    without the code; True when it was written. A raster in another projection is left alone."""
    from osgeo import gdal, osr

    try:
        dataset = gdal.Open(str(raster), gdal.GA_Update)
    except RuntimeError:  # GDAL exceptions switched on: an unreadable copy keeps its projection
        return False
    if dataset is None:
        return False
    try:
        current = osr.SpatialReference(wkt=dataset.GetProjection() or "")
        target = osr.SpatialReference()
        if target.ImportFromEPSG(code) != 0 or current.GetAuthorityCode(None) == str(code):
            return False
        if _proj4(current) != _proj4(target):
            return False
        return dataset.SetProjection(target.ExportToWkt()) == 0
    finally:
        dataset = None  # closes the file: GDAL writes the GeoTIFF keys then


def apply_cover(parcels: Path, factors: dict[str, dict]) -> int:
    """Write the demo's cover and canopy (demo_factors.csv) into the copied parcel layer, per land use; returns
    the number of parcels changed."""
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(f"{parcels}|layername={PARCELS_LAYER}", PARCELS_LAYER, "ogr")
    if not layer.isValid():
        raise RuntimeError(f"cannot open {parcels}")
    names = layer.fields().names()
    changes: dict[int, dict[int, float]] = {}
    for feature in layer.getFeatures():
        for key, (code, column) in COVER_KEYS.items():
            if key in factors and column in names and str(feature["DLBM"]) == code:
                changes.setdefault(feature.id(), {})[names.index(column)] = float(factors[key]["value"])
    if changes and not layer.dataProvider().changeAttributeValues(changes):
        raise RuntimeError(f"cannot write the demo cover into {parcels}")
    del layer
    return len(changes)
