"""The plane DEM of the step-4 tests: 60 × 60 cells of 10 m (EPSG:32650) rising northwards by tan 15° per
metre, so Horn's slope is exactly 15° on every inner cell — the issue's worked check (θ 15°)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from osgeo import gdal, osr

THETA = 15.0
X0, Y0, CELL, ROWS, COLS = 500_000.0, 2_800_000.0, 10.0, 60, 60


def cot(deg: float) -> float:
    return 1 / math.tan(math.radians(deg))


def write_plane_dem(path: Path) -> str:
    """The plane as a GeoTIFF at ``path``; returns its path as text."""
    rows = np.arange(ROWS, dtype=np.float64)[:, None]
    z = 100.0 + (ROWS - 1 - rows) * CELL * math.tan(math.radians(THETA)) + np.zeros((1, COLS))
    ds = gdal.GetDriverByName("GTiff").Create(str(path), COLS, ROWS, 1, gdal.GDT_Float64)
    ds.SetGeoTransform((X0, CELL, 0.0, Y0, 0.0, -CELL))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32650)
    ds.SetProjection(srs.ExportToWkt())
    ds.GetRasterBand(1).WriteArray(z)
    ds = None
    return str(path)
