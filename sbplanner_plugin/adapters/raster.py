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
from sbplanner_plugin.adapters.input_files import UnreadableRasterFileError
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
    flipped: bool = False  # a south-up / east-to-west grid was turned north-up (no resampling)
    nan_cells: int = 0  # NaN cells the band's nodata value does not name, taken as nodata
    implausible_cells: int = 0  # elevations outside ELEVATION_RANGE_M (unflagged nodata), taken as nodata
    implausible_value: float = 0.0  # the most frequent of them (e.g. −9999)
    vertical_unit: str = ""  # a compound CRS's vertical unit other than the metre (elevations converted)
    vertical_metres: float = 1.0  # metres per vertical unit


#: Below this cell size (m) a "metric" DEM's coordinates are not metres (degrees under a projected CRS label,
#: 0.0001 "m" for 1″ SRTM): refused, since every area and slope would be wrong by orders of magnitude.
MIN_CELL_M = 0.01
#: Elevations outside this range (m) are not a land surface (Dead Sea shore −430 m, Everest 8849 m): cells
#: holding them are an unflagged nodata value (−9999, −32768, ±3.4e38) and taken as nodata, with a warning.
ELEVATION_RANGE_M = (-1000.0, 9000.0)


#: More distinct impossible elevations than this (and no value holding half of them) is a damaged file, not an
#: unflagged nodata value.
DAMAGE_DISTINCT_VALUES = 16


class DemElevationRangeError(SbPlannerError):
    """Most cells hold elevations no land surface has: elevations in centimetres / decimetres or scaled."""

    key = "dem_elevation_range"
    # no trailing comma: pylupdate5 skips a QT_TRANSLATE_NOOP call that ends with one
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The DEM's elevations run from {low:.6g} to {high:.6g}: no land surface lies there. Are they in "
        "centimetres or decimetres, or scaled without a scale factor in the file? Convert them to metres "
        "(Raster ▸ Raster Calculator) and run again."
    )  # fmt: skip


class DemDamagedError(SbPlannerError):
    """A DEM whose cells hold impossible elevations of many different values: a corrupt strip or tile."""

    key = "dem_damaged"
    # no trailing comma: pylupdate5 skips a QT_TRANSLATE_NOOP call that ends with one
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The DEM '{path}' looks damaged: {cells} cells hold {distinct} different impossible elevations (from "
        "{low:.3g} to {high:.3g} m), as a corrupt strip or tile of the file decodes. Restore the file from a "
        "backup or export it again."
    )  # fmt: skip


class DemNotLonLatError(SbPlannerError):
    """A DEM labelled with a geographic CRS whose coordinates cannot be longitudes / latitudes."""

    key = "dem_not_lonlat"
    # no trailing comma: pylupdate5 skips a QT_TRANSLATE_NOOP call that ends with one
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The DEM's coordinate system is geographic ({crs}), but its coordinates reach ({x:.6g}, {y:.6g}), "
        "which are no longitude and latitude: the coordinate system is probably wrong. Assign the right one "
        "(Layer Properties ▸ Source) and run again."
    )  # fmt: skip


class DemCellSizeError(SbPlannerError):
    """A projected DEM whose cells are implausibly small: coordinates in degrees under a metric label."""

    key = "dem_cell_size"
    # no trailing comma: pylupdate5 skips a QT_TRANSLATE_NOOP call that ends with one
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The DEM's cells are {size:.3g} m wide in {crs}: its coordinates are probably degrees, not metres, "
        "so the coordinate system is wrong. Assign the right one (Layer Properties ▸ Source) and run again."
    )  # fmt: skip


class DemReprojectionError(SbPlannerError):
    key = "dem_reprojection"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "The DEM cannot be reprojected from {crs} to {target}: {reason}")


def normalised_lon(lon: float) -> float:
    """A longitude in [-180, 180): 0–360° grids and values just past the antimeridian wrap around."""
    return ((float(lon) + 180.0) % 360.0) - 180.0


@with_gdal_exceptions
def projected_crs_for(lon: float, lat: float) -> osr.SpatialReference:
    """A metric CRS for a geographic DEM centred at (lon, lat) (degrees, WGS 84).

    Inside China the CGCS2000 3-degree Gauss-Krüger zone whose central meridian is nearest
    (EPSG:4534-4554, CM 75°E-135°E, no zone prefix), as Chinese survey and 三调 data use;
    elsewhere the WGS 84 UTM zone (EPSG:326zz north, 327zz south, zones 1-60) — at every latitude,
    the polar caps too: a DEM is small, and a transverse Mercator is true to 0.04 % near its central
    meridian up to the pole, whereas the polar stereographic UPS shrinks areas by 0.7–1.2 % beyond
    84°N / 80°S (scale 0.994 at the pole). The longitude is normalised first, so a DEM in 0–360°
    longitudes or just east of 180° gets its true zone.
    """
    lon = normalised_lon(lon)
    srs = osr.SpatialReference()
    if _CHINA[0] <= lon <= _CHINA[2] and _CHINA[1] <= lat <= _CHINA[3]:
        cm = int(round(lon / 3.0) * 3)
        cm = min(max(cm, 75), 135)
        srs.ImportFromEPSG(4534 + (cm - 75) // 3)
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


def _geographic_centre(srs: osr.SpatialReference, gt, cols: int, rows: int) -> tuple[float, float, float]:
    """(lon, lat) of a geographic DEM's centre in WGS 84 degrees and the degrees per CRS unit.

    The CRS's own angular unit (grads, radians) and prime meridian (Paris) are honoured; coordinates
    beyond ±91° of latitude are a :class:`DemNotLonLatError` (projected coordinates under a
    geographic label)."""
    per_unit = math.degrees(srs.GetAngularUnits() or math.radians(1.0))
    corners = [gdal.ApplyGeoTransform(gt, c, r) for c in (0, cols) for r in (0, rows)]
    far = max(corners, key=lambda p: abs(p[1]))
    if not all(math.isfinite(v) for p in corners for v in p) or abs(far[1] * per_unit) > 91.0:
        raise DemNotLonLatError(crs=srs.GetName() or "?", x=far[0], y=far[1])
    x, y = gdal.ApplyGeoTransform(gt, cols / 2, rows / 2)
    wgs84 = osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    source = srs.Clone()
    source.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    try:
        lon, lat, _ = osr.CoordinateTransformation(source, wgs84).TransformPoint(x, y)
    except RuntimeError:
        lon, lat = x * per_unit, y * per_unit
    if not (math.isfinite(lon) and math.isfinite(lat)):
        lon, lat = x * per_unit, y * per_unit
    return lon, max(min(lat, 90.0), -90.0), per_unit


def _vertical_unit(srs: osr.SpatialReference) -> tuple[str, float]:
    """A compound CRS's vertical unit (name, metres per unit); ("", 1.0) without a vertical CRS."""
    if not srs.IsCompound():
        return "", 1.0
    metres = srs.GetTargetLinearUnits("VERT_CS")
    name = srs.GetAttrValue("VERT_CS|UNIT", 0) or "?"
    return (name, float(metres)) if metres and abs(metres - 1.0) > 1e-9 else ("", 1.0)


def _north_up(values: np.ndarray, gt) -> tuple[np.ndarray, tuple]:
    """A south-up (dy > 0) or east-to-west (dx < 0) grid turned north-up by reversing rows / columns:
    the same cells, no resampling."""
    x0, dx, _, y0, _, dy = gt
    rows, cols = values.shape
    if dy > 0:
        values, y0, dy = values[::-1], y0 + dy * rows, -dy
    if dx < 0:
        values, x0, dx = values[:, ::-1], x0 + dx * cols, -dx
    return np.ascontiguousarray(values), (x0, dx, 0.0, y0, 0.0, dy)


def _implausible(values: np.ndarray, path: str) -> tuple[int, float]:
    """Cells outside ELEVATION_RANGE_M set to NaN: (how many, the most frequent such value).

    An unflagged nodata value is one value repeated; impossible elevations of many different values are a
    damaged file (a corrupt strip or tile decodes to random floats without any GDAL error):
    :class:`DemDamagedError`."""
    low, high = ELEVATION_RANGE_M
    with np.errstate(invalid="ignore"):
        bad = (values < low) | (values > high)
    n = int(np.count_nonzero(bad))
    if not n:
        return 0, 0.0
    found, counts = np.unique(values[bad], return_counts=True)
    top = int(np.argmax(counts))
    if n > 0.5 * np.count_nonzero(np.isfinite(values)) and len(found) > DAMAGE_DISTINCT_VALUES:
        finite = values[np.isfinite(values)]
        raise DemElevationRangeError(low=float(finite.min()), high=float(finite.max()))
    if len(found) > DAMAGE_DISTINCT_VALUES and counts[top] < 0.5 * n:
        raise DemDamagedError(path=path, cells=n, distinct=len(found), low=float(found[0]), high=float(found[-1]))
    values[bad] = np.nan
    return n, float(found[top])


@with_gdal_exceptions
def read_dem(path: str, band: int = 1, crs_wkt_override: str = "") -> tuple[Grid, DemInfo]:
    """Read a DEM into a metric, north-up :class:`Grid`; a geographic DEM is warped to metres.

    Nodata, NaN and ±inf cells become NaN, and so do elevations outside :data:`ELEVATION_RANGE_M` (an
    unflagged nodata value such as −9999); :class:`DemInfo` counts each kind. A DEM in a geographic CRS
    (SRTM/ASTER downloads; any angular unit or prime meridian) is reprojected with bilinear resampling
    to the CGCS2000 3° Gauss-Krüger zone (in China) or UTM, at the DEM's ground resolution, so areas
    come out in true km² and lengths in m. A projected CRS in feet is refused
    (:class:`DemNotInMetresError`), elevations in a compound CRS's non-metre vertical unit are converted
    to metres, a rotated geotransform is resampled north-up and a south-up grid is flipped.
    """
    ds = _open(path)
    wkt = ds.GetProjection() or crs_wkt_override
    if not wkt:
        raise DemWithoutCrsError()
    srs = osr.SpatialReference()
    srs.ImportFromWkt(wkt)
    if not srs.IsGeographic() and abs(srs.GetLinearUnits() - 1.0) > 1e-9:
        raise DemNotInMetresError(unit=srs.GetLinearUnitsName() or "?", metres=srs.GetLinearUnits())
    vertical_unit, vertical_metres = _vertical_unit(srs)
    if srs.IsCompound():  # the grid carries the horizontal CRS (the elevations are metres below)
        horizontal = srs.Clone()
        horizontal.StripVertical()
        wkt = horizontal.ExportToWkt()
    gt = ds.GetGeoTransform()
    rotated = gt[2] != 0.0 or gt[4] != 0.0
    # ±inf is no elevation: nodata (before any resampling spreads it), and the caller says how many
    try:
        values, n_infinite, n_nan = _band_values(ds.GetRasterBand(band))
    except RuntimeError as exc:  # a tile or strip that cannot be decoded (the last row read fine)
        raise UnreadableRasterFileError(path=path, reason=str(exc).strip()) from exc
    flipped = not rotated and (gt[1] < 0 or gt[5] > 0)
    if flipped:
        values, gt = _north_up(values, gt)
    if vertical_unit:
        values *= values.dtype.type(vertical_metres)
    n_implausible, implausible_value = _implausible(values, path)
    if not srs.IsGeographic():
        size = min(math.hypot(gt[1], gt[4]), math.hypot(gt[2], gt[5]))
        if size < MIN_CELL_M:
            raise DemCellSizeError(size=size, crs=srs.GetName() or "?")
    note = ""
    reprojected = False
    warp: dict = {}
    if srs.IsGeographic():
        lon, lat, per_unit = _geographic_centre(srs, gt, ds.RasterXSize, ds.RasterYSize)
        target = projected_crs_for(lon, lat)
        step_x, step_y = math.hypot(gt[1], gt[4]) * per_unit, math.hypot(gt[2], gt[5]) * per_unit
        res = round(min(step_x * 111320 * math.cos(math.radians(lat)), step_y * 110574), 1)
        res = max(res, 0.1)
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
        try:
            ds = gdal.Warp("", src, format="MEM", resampleAlg="bilinear", srcSRS=wkt, dstNodata=float("nan"), **warp)
        except RuntimeError as exc:
            target_name = osr.SpatialReference(warp["dstSRS"]).GetName() or "?"
            raise DemReprojectionError(crs=srs.GetName() or "?", target=target_name, reason=str(exc).strip()) from exc
        values, _, _ = _band_values(ds.GetRasterBand(1))
        gt = ds.GetGeoTransform()
        wkt = warp["dstSRS"]
        LOGGER.info(note)
    grid = Grid(values, tuple(gt), wkt)
    return grid, DemInfo(
        srs.ExportToWkt(), wkt, reprojected, note, rotated, n_infinite, grid.cell_size_m, flipped, n_nan,
        n_implausible, implausible_value, vertical_unit, vertical_metres,
    )  # fmt: skip


class RasterOutputError(SbPlannerError):
    key = "raster_output"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "The raster output '{path}' cannot be written: {reason}")


_GDAL_TYPE = {np.dtype(np.float32): gdal.GDT_Float32, np.dtype(np.float64): gdal.GDT_Float64}


def _band_values(b: gdal.Band) -> tuple[np.ndarray, int, int]:
    """A band as float32 (float64 when stored so) with nodata, masked and ±inf cells as NaN, the number of
    ±inf cells that were not nodata already and the number of NaN cells the nodata value does not name."""
    values = b.ReadAsArray()
    dtype = np.float64 if values.dtype == np.float64 else np.float32
    values = values.astype(dtype, copy=False)
    nodata = b.GetNoDataValue()
    n_nan = 0
    if values.dtype.kind == "f" and (nodata is None or not np.isnan(nodata)):
        n_nan = int(np.count_nonzero(np.isnan(values)))  # NaN is no elevation, whatever the nodata value
    infinite = np.isinf(values)
    n_infinite = int(np.count_nonzero(infinite))
    if n_infinite:
        if nodata is not None and np.isinf(nodata):
            n_infinite -= int(np.count_nonzero(values == nodata))  # an infinite nodata value is nodata
        values[infinite] = np.nan
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
    scale, offset = _scale_offset(b)
    if (scale, offset) != (1.0, 0.0):  # e.g. decimetres stored as Int16 with scale 0.1: the band's real values
        values = values * dtype(scale) + dtype(offset)
    return values, n_infinite, n_nan


def _scale_offset(b: gdal.Band) -> tuple[float, float]:
    """The band's scale and offset (GDAL metadata; 1 and 0 when unset)."""
    scale, offset = b.GetScale(), b.GetOffset()
    return (1.0 if scale in (None, 0.0) else float(scale)), (0.0 if offset is None else float(offset))


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
    src = _mem_raster(grid, labels.astype(np.int32, copy=False), gdal.GDT_Int32)
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
    """A raster (any CRS/resolution) warped onto ``grid``; NaN where it has no data (±inf cells too)."""
    return resample_to_grid_counted(path, grid, resample)[0]


@with_gdal_exceptions
def resample_to_grid_counted(path: str, grid: Grid, resample: str = "bilinear") -> tuple[np.ndarray, int]:
    """:func:`resample_to_grid` and the number of grid cells that came out ±inf (a factor raster holding
    infinite values, or values a float32 cannot hold): they are NaN, nodata, for the caller to report —
    never an infinite soil loss."""
    src = _open(path)
    rows, cols = grid.shape
    x0, dx, _, y0, _, dy = grid.transform
    try:
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
    except RuntimeError as exc:  # a damaged tile or strip of the raster
        raise UnreadableRasterFileError(path=path, reason=str(exc).strip()) from exc
    values = out.GetRasterBand(1).ReadAsArray().astype(np.float64)
    scale, offset = _scale_offset(src.GetRasterBand(1))
    if (scale, offset) != (1.0, 0.0):  # the warp carries the stored numbers: the band's real values
        values = values * scale + offset
    infinite = np.isinf(values)
    n_infinite = int(np.count_nonzero(infinite))
    values[infinite] = np.nan
    return values, n_infinite


@with_gdal_exceptions
def write_geotiff(path: str, values: np.ndarray, grid: Grid, nodata: float = -9999.0) -> None:
    """Write a float grid as a compressed GeoTIFF (NaN, ±inf and values beyond float32 → nodata: a non-finite
    value never reaches a raster), atomically: into a temporary file beside ``path``, moved over it
    (``os.replace``) once complete, so an existing raster is replaced only by a whole one and a failure leaves
    nothing. A path GDAL cannot write (read-only folder or file, missing folder, full
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
        values = np.asarray(values, dtype=np.float64)
        finite = np.isfinite(values) & (np.abs(values) <= np.finfo(np.float32).max)
        band.WriteArray(np.where(finite, values, nodata).astype(np.float32))
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
