"""Analytical DEMs whose hydrology is known exactly."""

from __future__ import annotations

import numpy as np

from sbplanner_plugin.core.grid import Grid

#: A projected CRS (CGCS2000 / 3-degree GK CM 117E) for synthetic grids.
CRS_WKT = 'PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 117E",AUTHORITY["EPSG","4548"]]'


def v_valley(
    rows: int = 41, cols: int = 31, cell: float = 10.0, sx: float = 0.3, sy: float = 0.05, base: float = 100.0
) -> Grid:
    """A tilted V-valley: side slopes ``sx`` towards the centre column, falling ``sy`` southwards.

    Every cell drains sideways to the axis, then down the axis to the outlet at the
    bottom-centre cell (steepest descent: sideways 0.3 > diagonal 0.247 > down 0.05).
    """
    cc = cols // 2
    r, c = np.mgrid[0:rows, 0:cols]
    z = base + sy * cell * (rows - 1 - r) + sx * cell * np.abs(c - cc)
    return Grid(z.astype(np.float64), (500000.0, cell, 0.0, 3000000.0, 0.0, -cell), CRS_WKT)
