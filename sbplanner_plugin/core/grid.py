"""A georeferenced raster held in memory: the one currency between the adapters and the core."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numba
import numpy as np

from sbplanner_plugin.core.errors import AllNodataDemError, DemTooSmallError, DemWithoutCrsError
from sbplanner_plugin.core.jit import parallel_kernel

#: D8 neighbour offsets (drow, dcol), used wherever the core walks a grid.
D8_OFFSETS: tuple[tuple[int, int], ...] = (
    (-1, -1),
    (-1, 0),
    (-1, 1),
    (0, -1),
    (0, 1),
    (1, -1),
    (1, 0),
    (1, 1),
)


@dataclass
class Grid:
    """A north-up raster in a projected CRS whose unit is the metre.

    Parameters
    ----------
    values
        2-D array of cell values; nodata cells are NaN.
    transform
        GDAL geotransform ``(x_left, dx, 0, y_top, 0, dy)``; ``dy`` is negative for north-up.
    crs_wkt
        WKT of the coordinate reference system. An empty string means "no CRS".
    """

    values: np.ndarray
    transform: tuple[float, float, float, float, float, float]
    crs_wkt: str
    _fingerprint: str | None = field(default=None, repr=False, compare=False)

    @property
    def shape(self) -> tuple[int, int]:
        return self.values.shape  # type: ignore[return-value]

    @property
    def dx_m(self) -> float:
        return abs(self.transform[1])

    @property
    def dy_m(self) -> float:
        return abs(self.transform[5])

    @property
    def cell_size_m(self) -> float:
        """The larger side of a cell (m); snap defaults and window radii use it."""
        return max(self.dx_m, self.dy_m)

    @property
    def cell_area_m2(self) -> float:
        return self.dx_m * self.dy_m

    @property
    def cell_area_km2(self) -> float:
        return self.cell_area_m2 / 1e6

    @property
    def valid(self) -> np.ndarray:
        return ~np.isnan(self.values)

    def rowcol(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Row and column (floored, may fall outside the grid) of map coordinates."""
        x0, dx, _, y0, _, dy = self.transform
        col = np.floor((np.asarray(x, dtype=float) - x0) / dx).astype(np.int64)
        row = np.floor((np.asarray(y, dtype=float) - y0) / dy).astype(np.int64)
        return row, col

    def xy(self, row: np.ndarray, col: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Map coordinates of cell centres."""
        x0, dx, _, y0, _, dy = self.transform
        x = x0 + (np.asarray(col, dtype=float) + 0.5) * dx
        y = y0 + (np.asarray(row, dtype=float) + 0.5) * dy
        return x, y

    def fingerprint(self) -> str:
        """A content hash (values, nodata pattern, georeference) keying the conditioning cache."""
        if self._fingerprint is None:
            h = hashlib.sha1(usedforsecurity=False)
            h.update(memoryview(np.ascontiguousarray(self.values)).cast("B"))  # no copy of the grid
            h.update(repr((self.shape, tuple(round(v, 6) for v in self.transform))).encode())
            h.update(self.crs_wkt.encode())
            self._fingerprint = h.hexdigest()
        return self._fingerprint

    def validate(self) -> None:
        """Reject a DEM the hydrology cannot use, with a typed (translatable) error."""
        if not self.crs_wkt:
            raise DemWithoutCrsError()
        rows, cols = self.shape
        if rows < 3 or cols < 3:
            raise DemTooSmallError(rows=rows, cols=cols)
        if not np.any(self.valid):
            raise AllNodataDemError()

    def window(self, r0: int, r1: int, c0: int, c1: int, copy: bool = False) -> Grid:
        """Rows ``r0:r1`` and columns ``c0:c1`` as a grid of their own (values a view, or a contiguous copy)."""
        x0, dx, rx, y0, ry, dy = self.transform
        transform = (x0 + c0 * dx + r0 * rx, dx, rx, y0 + c0 * ry + r0 * dy, ry, dy)
        values = self.values[r0:r1, c0:c1]
        return Grid(values.copy() if copy else values, transform, self.crs_wkt)

    def masked(self, keep: np.ndarray) -> Grid:
        """A copy whose cells outside ``keep`` are nodata (e.g. clip to a boundary)."""
        values = np.where(keep, self.values, np.nan).astype(self.values.dtype)
        return Grid(values, self.transform, self.crs_wkt)


@parallel_kernel
def _horn(z: np.ndarray, dx: float, dy: float, out: np.ndarray) -> None:
    rows, cols = z.shape
    for r in numba.prange(rows):  # rows are independent: one block of rows per core
        r0 = max(r - 1, 0)
        r2 = min(r + 1, rows - 1)
        for c in range(cols):
            zc = z[r, c]
            if np.isnan(zc):
                out[r, c] = np.nan
                continue
            c0 = max(c - 1, 0)
            c2 = min(c + 1, cols - 1)
            # edge rows/columns repeat; nodata neighbours take the centre value
            a = z[r0, c0]
            b = z[r0, c]
            cc = z[r0, c2]
            d = z[r, c0]
            f = z[r, c2]
            g = z[r2, c0]
            h = z[r2, c]
            i = z[r2, c2]
            a = zc if np.isnan(a) else a
            b = zc if np.isnan(b) else b
            cc = zc if np.isnan(cc) else cc
            d = zc if np.isnan(d) else d
            f = zc if np.isnan(f) else f
            g = zc if np.isnan(g) else g
            h = zc if np.isnan(h) else h
            i = zc if np.isnan(i) else i
            dzdx = ((cc + 2.0 * f + i) - (a + 2.0 * d + g)) / (8.0 * dx)
            dzdy = ((g + 2.0 * h + i) - (a + 2.0 * b + cc)) / (8.0 * dy)
            out[r, c] = np.degrees(np.arctan(np.sqrt(dzdx * dzdx + dzdy * dzdy)))


def horn_slope_deg(grid: Grid) -> np.ndarray:
    """Slope in degrees by Horn's (1981) third-order finite difference.

    Edge neighbours repeat the edge row/column and nodata neighbours take the centre cell's
    value, so cells at the edge of the valid area still get a slope (from their valid
    neighbours) instead of NaN. Returns float32, NaN at nodata.

    References
    ----------
    Horn B.K.P. (1981) Hill shading and the reflectance map. Proc. IEEE 69(1):14-47 — the
    same operator as GDAL ``gdaldem slope`` and ArcGIS Slope.
    """
    out = np.empty(grid.shape, dtype=np.float32)
    _horn(grid.values, float(grid.dx_m), float(grid.dy_m), out)
    return out
