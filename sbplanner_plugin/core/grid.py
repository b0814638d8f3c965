"""A georeferenced raster held in memory: the one currency between the adapters and the core."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np

from sbplanner_plugin.core.errors import AllNodataDemError, DemTooSmallError, DemWithoutCrsError

#: D8 neighbour offsets (drow, dcol), used wherever the core walks a grid.
D8_OFFSETS: tuple[tuple[int, int], ...] = (
    (-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1),
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
            h = hashlib.sha1()
            h.update(np.ascontiguousarray(self.values).view(np.uint8).tobytes())
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

    def masked(self, keep: np.ndarray) -> Grid:
        """A copy whose cells outside ``keep`` are nodata (e.g. clip to a boundary)."""
        values = np.where(keep, self.values, np.nan).astype(self.values.dtype)
        return Grid(values, self.transform, self.crs_wkt)


def horn_slope_deg(grid: Grid) -> np.ndarray:
    """Slope in degrees by Horn's (1981) third-order finite difference.

    Edge and nodata neighbours take the centre cell's value, so cells at the edge of the
    valid area still get a slope (from their valid neighbours) instead of NaN.

    References
    ----------
    Horn B.K.P. (1981) Hill shading and the reflectance map. Proc. IEEE 69(1):14-47 — the
    same operator as GDAL ``gdaldem slope`` and ArcGIS Slope.
    """
    z = grid.values.astype(np.float64)
    valid = ~np.isnan(z)
    p = np.pad(z, 1, mode="edge")
    centre = p[1:-1, 1:-1]
    rows, cols = z.shape

    def nb(dr: int, dc: int) -> np.ndarray:
        v = p[1 + dr : 1 + dr + rows, 1 + dc : 1 + dc + cols]
        return np.where(np.isnan(v), centre, v)

    a, b, c = nb(-1, -1), nb(-1, 0), nb(-1, 1)
    d, f = nb(0, -1), nb(0, 1)
    g, h, i = nb(1, -1), nb(1, 0), nb(1, 1)
    dzdx = ((c + 2 * f + i) - (a + 2 * d + g)) / (8.0 * grid.dx_m)
    dzdy = ((g + 2 * h + i) - (a + 2 * b + c)) / (8.0 * grid.dy_m)
    slope = np.degrees(np.arctan(np.hypot(dzdx, dzdy)))
    slope[~valid] = np.nan
    return slope
