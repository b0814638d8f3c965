"""GDAL rasters ↔ :class:`~sbplanner_plugin.core.grid.Grid`; label rasters → polygons.

Every public function runs its GDAL calls with GDAL exceptions on and leaves the process-wide
mode as it found it (:mod:`sbplanner_plugin.adapters.gdal_errors`).
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import secrets
from dataclasses import dataclass

import numpy as np
import shapely
from osgeo import gdal, ogr, osr

from sbplanner_plugin.adapters.gdal_errors import with_gdal_exceptions
from sbplanner_plugin.core.errors import (
    QT_TRANSLATE_NOOP,
    DemNotInMetresError,
    DemUnreadableError,
    DemWithoutCrsError,
    SbPlannerError,
)
from sbplanner_plugin.core.grid import Grid
from sbplanner_plugin.core.rasterize import label_counts, rasterize_wkb
from sbplanner_plugin.core.zonal import zonal_mean

LOGGER = logging.getLogger(__name__)

#: China's extent (lon/lat) in which a geographic DEM goes to a CGCS2000 3° Gauss-Krüger zone.
_CHINA = (73.0, 3.0, 136.0, 54.0)


@dataclass
class DemInfo:
    """How a DEM was brought into the working grid."""

    source_crs_wkt: str
    working_crs_wkt: str
    reprojected: bool
    note: str
    rotated: bool = False  # a rotated geotransform was resampled north-up
    infinite_cells: int = 0  # ±inf cells, taken as nodata
    cell_size_m: float = 0.0


def normalised_lon(lon: float) -> float:
    """A longitude in [-180, 180): 0–360° grids and values just past the antimeridian wrap around."""
    return ((float(lon) + 180.0) % 360.0) - 180.0


@with_gdal_exceptions
def projected_crs_for(lon: float, lat: float) -> osr.SpatialReference:
    """A metric CRS for a geographic DEM centred at (lon, lat).

    Inside China the CGCS2000 3-degree Gauss-Krüger zone whose central meridian is nearest
    (EPSG:4534-4554, CM 75°E-135°E, no zone prefix), as Chinese survey and 三调 data use;
    elsewhere the WGS 84 UTM zone (EPSG:326zz north, 327zz south, zones 1-60), and the polar
    stereographic UPS only beyond UTM's limits (north of 84°N, south of 80°S). The longitude is
    normalised first, so a DEM in 0–360° longitudes or just east of 180° gets its true zone.
    """
    lon = normalised_lon(lon)
    srs = osr.SpatialReference()
    if _CHINA[0] <= lon <= _CHINA[2] and _CHINA[1] <= lat <= _CHINA[3]:
        cm = int(round(lon / 3.0) * 3)
        cm = min(max(cm, 75), 135)
        srs.ImportFromEPSG(4534 + (cm - 75) // 3)
    elif lat > 84.0:
        srs.ImportFromEPSG(32661)  # UPS North
    elif lat < -80.0:
        srs.ImportFromEPSG(32761)  # UPS South
    else:
        zone = min(max(int((lon + 180.0) // 6) + 1, 1), 60)
        srs.ImportFromEPSG((32600 if lat >= 0 else 32700) + zone)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def _open(path: str) -> gdal.Dataset:
    try:
        ds = gdal.Open(path)
    except RuntimeError:
        ds = None
    if ds is None or ds.RasterCount < 1:
        raise DemUnreadableError(path=path)
    return ds


@with_gdal_exceptions
def read_dem(path: str, band: int = 1, crs_wkt_override: str = "") -> tuple[Grid, DemInfo]:
    """Read a DEM into a metric :class:`Grid`; a geographic DEM is warped to metres.

    Nodata becomes NaN. A DEM in a geographic CRS (SRTM/ASTER downloads) is reprojected
    with bilinear resampling to the CGCS2000 3° Gauss-Krüger zone (in China) or UTM, at the
    DEM's ground resolution, so areas come out in true km² and lengths in m.
    """
    ds = _open(path)
    wkt = ds.GetProjection() or crs_wkt_override
    if not wkt:
        raise DemWithoutCrsError()
    srs = osr.SpatialReference()
    srs.ImportFromWkt(wkt)
    if not srs.IsGeographic() and abs(srs.GetLinearUnits() - 1.0) > 1e-9:
        raise DemNotInMetresError(unit=srs.GetLinearUnitsName() or "?", metres=srs.GetLinearUnits())
    gt = ds.GetGeoTransform()
    rotated = gt[2] != 0.0 or gt[4] != 0.0
    # ±inf is no elevation: nodata (before any resampling spreads it), and the caller says how many
    values, n_infinite = _band_values(ds.GetRasterBand(band))
    note = ""
    reprojected = False
    warp: dict = {}
    if srs.IsGeographic():
        lon, lat = gdal.ApplyGeoTransform(gt, ds.RasterXSize / 2, ds.RasterYSize / 2)
        target = projected_crs_for(lon, lat)
        step_x, step_y = math.hypot(gt[1], gt[4]), math.hypot(gt[2], gt[5])
        res = round(min(step_x * 111320 * math.cos(math.radians(lat)), step_y * 110574), 1)
        warp = {"dstSRS": target.ExportToWkt(), "xRes": res, "yRes": res, "targetAlignedPixels": True}
        note = f"geographic DEM reprojected to {target.GetName()} at {res} m (bilinear)"
        reprojected = True
    elif rotated:
        # a rotated (or sheared) geotransform: resample north-up in the same CRS at the same cell area
        res = round(math.sqrt(abs(gt[1] * gt[5] - gt[2] * gt[4])), 6)
        warp = {"dstSRS": wkt, "xRes": res, "yRes": res}
        note = f"rotated geotransform resampled north-up at {res:g} m (bilinear)"
    if warp:
        src = gdal.GetDriverByName("MEM").Create("", values.shape[1], values.shape[0], 1, _GDAL_TYPE[values.dtype])
        src.SetGeoTransform(gt)
        src.SetProjection(wkt)
        src.GetRasterBand(1).SetNoDataValue(float("nan"))
        src.GetRasterBand(1).WriteArray(values)
        ds = gdal.Warp("", src, format="MEM", resampleAlg="bilinear", srcSRS=wkt, dstNodata=float("nan"), **warp)
        values, _ = _band_values(ds.GetRasterBand(1))
        wkt = warp["dstSRS"]
        LOGGER.info(note)
    grid = Grid(values, tuple(ds.GetGeoTransform()), wkt)
    return grid, DemInfo(srs.ExportToWkt(), wkt, reprojected, note, rotated, n_infinite, grid.cell_size_m)


class RasterOutputError(SbPlannerError):
    key = "raster_output"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "The raster output '{path}' cannot be written: {reason}")


_GDAL_TYPE = {np.dtype(np.float32): gdal.GDT_Float32, np.dtype(np.float64): gdal.GDT_Float64}


def _band_values(b: gdal.Band) -> tuple[np.ndarray, int]:
    """A band as float32 (float64 when stored so) with nodata, masked and ±inf cells as NaN, and the
    number of ±inf cells that were not nodata already."""
    values = b.ReadAsArray()
    dtype = np.float64 if values.dtype == np.float64 else np.float32
    values = values.astype(dtype, copy=False)
    infinite = np.isinf(values)
    n_infinite = int(np.count_nonzero(infinite))
    if n_infinite:
        nodata = b.GetNoDataValue()
        if nodata is not None and np.isinf(nodata):
            n_infinite -= int(np.count_nonzero(values == nodata))  # an infinite nodata value is nodata
        values[infinite] = np.nan
    nodata = b.GetNoDataValue()
    if nodata is not None:
        if np.isnan(nodata):
            pass
        elif dtype == np.float32 and abs(nodata) > 3e38:
            values[np.abs(values) > 3e38] = np.nan
        else:
            values[values == dtype(nodata)] = np.nan
    mask_band = b.GetMaskBand()
    if b.GetMaskFlags() & gdal.GMF_PER_DATASET and not b.GetMaskFlags() & gdal.GMF_ALL_VALID:
        values[mask_band.ReadAsArray() == 0] = np.nan
    return values, n_infinite


def _mem_raster(grid: Grid, values: np.ndarray, gdal_type: int) -> gdal.Dataset:
    rows, cols = grid.shape
    ds = gdal.GetDriverByName("MEM").Create("", cols, rows, 1, gdal_type)
    ds.SetGeoTransform(grid.transform)
    ds.SetProjection(grid.crs_wkt)
    ds.GetRasterBand(1).WriteArray(values)
    return ds


@with_gdal_exceptions
def polygonize(labels: np.ndarray, grid: Grid) -> dict[int, shapely.Geometry]:
    """Cell-edge polygons of each positive label (multi-part where a label is split)."""
    src = _mem_raster(grid, labels.astype(np.int32), gdal.GDT_Int32)
    mask = _mem_raster(grid, (labels > 0).astype(np.uint8), gdal.GDT_Byte)
    drv = ogr.GetDriverByName("Memory")
    vds = drv.CreateDataSource("")
    srs = osr.SpatialReference()
    srs.ImportFromWkt(grid.crs_wkt)
    lyr = vds.CreateLayer("p", srs, ogr.wkbPolygon)
    lyr.CreateField(ogr.FieldDefn("lab", ogr.OFTInteger))
    gdal.Polygonize(src.GetRasterBand(1), mask.GetRasterBand(1), lyr, 0, [], callback=None)
    parts: dict[int, list[shapely.Geometry]] = {}
    for feat in lyr:
        geom = shapely.from_wkb(bytes(feat.GetGeometryRef().ExportToWkb()))
        parts.setdefault(int(feat.GetField(0)), []).append(geom)
    return {k: (v[0] if len(v) == 1 else shapely.MultiPolygon(v)) for k, v in parts.items()}


@with_gdal_exceptions
def rasterize(
    geoms_wkb: list[tuple[bytes, int]], grid: Grid, crs_wkt: str | None = None, all_touched: bool = False
) -> np.ndarray:
    """Burn (WKB geometry, positive int value) pairs onto the grid (cell centres inside)."""
    out = _mem_raster(grid, np.zeros(grid.shape, dtype=np.int32), gdal.GDT_Int32)
    drv = ogr.GetDriverByName("Memory")
    vds = drv.CreateDataSource("")
    srs = osr.SpatialReference()
    srs.ImportFromWkt(crs_wkt or grid.crs_wkt)
    lyr = vds.CreateLayer("r", srs, ogr.wkbUnknown)
    lyr.CreateField(ogr.FieldDefn("v", ogr.OFTInteger))
    for wkb, value in geoms_wkb:
        feat = ogr.Feature(lyr.GetLayerDefn())
        feat.SetGeometry(ogr.CreateGeometryFromWkb(wkb))
        feat.SetField("v", int(value))
        lyr.CreateFeature(feat)
    options = ["ATTRIBUTE=v"] + (["ALL_TOUCHED=TRUE"] if all_touched else [])
    gdal.RasterizeLayer(out, [1], lyr, options=options)
    return out.GetRasterBand(1).ReadAsArray().astype(np.int32)


@with_gdal_exceptions
def rasterize_parcels(geoms_wkb, grid: Grid, crs_wkt: str | None = None) -> tuple[np.ndarray, int]:
    """Parcel id (1-based position) per cell whose centre lies in the parcel.

    ``geoms_wkb``: a sequence of WKB (bytes). Parcels smaller than a cell may contain no cell
    centre; they are burnt again with ALL_TOUCHED so every parcel inside the DEM gets at least
    one cell (taken from its neighbour). Returns the labels and how many parcels needed that
    second pass.
    """
    # cell-centre burn in one numba pass over the WKB's rings (same cells as GDAL's rasterizer)
    labels = rasterize_wkb(geoms_wkb, grid.shape, grid.transform)
    n = len(geoms_wkb)
    counts = label_counts(labels, n)
    small = (np.flatnonzero(counts[1:] == 0) + 1).tolist()
    if small:
        touched = rasterize([(geoms_wkb[i - 1], i) for i in small], grid, crs_wkt, all_touched=True)
        labels = np.where(touched > 0, touched, labels)
    return labels, len(small)


@with_gdal_exceptions
def resample_to_grid(path: str, grid: Grid, resample: str = "bilinear") -> np.ndarray:
    """A raster (any CRS/resolution) warped onto ``grid``; NaN where it has no data."""
    src = _open(path)
    rows, cols = grid.shape
    x0, dx, _, y0, _, dy = grid.transform
    out = gdal.Warp(
        "",
        src,
        format="MEM",
        dstSRS=grid.crs_wkt,
        outputBounds=(x0, y0 + dy * rows, x0 + dx * cols, y0),
        width=cols,
        height=rows,
        resampleAlg=resample,
        dstNodata=np.nan,
        outputType=gdal.GDT_Float64,
    )
    return out.GetRasterBand(1).ReadAsArray().astype(np.float64)


@with_gdal_exceptions
def write_geotiff(path: str, values: np.ndarray, grid: Grid, nodata: float = -9999.0) -> None:
    """Write a float grid as a compressed GeoTIFF (NaN → nodata), atomically: into a temporary file beside
    ``path``, moved over it (``os.replace``) once complete, so an existing raster is replaced only by a whole
    one and a failure leaves nothing. A path GDAL cannot write (read-only folder or file, missing folder, full
    disk) is a translated :class:`RasterOutputError`, never a traceback."""
    rows, cols = grid.shape
    folder, name = os.path.split(path)
    temp = os.path.join(folder, f".{name}.{secrets.token_hex(4)}.part.tif")
    try:
        options = ["COMPRESS=DEFLATE", "TILED=YES"]
        ds = gdal.GetDriverByName("GTiff").Create(temp, cols, rows, 1, gdal.GDT_Float32, options)
        ds.SetGeoTransform(grid.transform)
        ds.SetProjection(grid.crs_wkt)
        band = ds.GetRasterBand(1)
        band.SetNoDataValue(nodata)
        band.WriteArray(np.where(np.isnan(values), nodata, values).astype(np.float32))
        band = None
        ds.FlushCache()
        ds = None
        os.replace(temp, path)
    except (RuntimeError, AttributeError, OSError) as exc:  # AttributeError: Create returned None
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc).strip()
        raise RasterOutputError(path=path, reason=reason) from exc
    finally:
        for leftover in (temp, f"{temp}.aux.xml"):
            with contextlib.suppress(OSError):
                os.unlink(leftover)


#: Most cells of the temporary grid :func:`zonal_means` samples a raster on.
ZONAL_MAX_CELLS = 4_000_000


@with_gdal_exceptions
def zonal_means(path: str, polygons_wkb, crs_wkt: str, cell_m: float = 0.0) -> np.ndarray:
    """The mean of a raster (e.g. population density, persons/km²) over each polygon (projected CRS
    ``crs_wkt``, metres): the raster is warped (bilinear) onto a grid over the polygons' extent with cells of
    ``cell_m`` (0 = the extent / 2000, at least 10 m, at most :data:`ZONAL_MAX_CELLS` cells) and the cells
    whose centre lies in a polygon are averaged; NaN for a polygon with no valid cell."""
    geoms = shapely.from_wkb(list(polygons_wkb))
    x0, y0, x1, y1 = shapely.total_bounds(geoms)
    span = max(x1 - x0, y1 - y0, 1.0)
    size = cell_m if cell_m > 0 else max(10.0, span / 2000.0)
    size = max(size, math.sqrt((x1 - x0) * (y1 - y0) / ZONAL_MAX_CELLS))
    cols, rows = max(1, math.ceil((x1 - x0) / size)), max(1, math.ceil((y1 - y0) / size))
    grid = Grid(np.zeros((rows, cols)), (x0, size, 0.0, y1, 0.0, -size), crs_wkt)
    values = resample_to_grid(path, grid)
    labels = rasterize_wkb(list(polygons_wkb), grid.shape, grid.transform)
    return zonal_mean(labels, values, len(geoms)).mean[1:]
