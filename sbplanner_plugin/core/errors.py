"""Typed errors raised by the core; the Processing layer turns them into translated messages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation without importing Qt (the core stays Qt-free).

    ``make transup`` (pylupdate5) collects these literals into ``i18n/*.ts``; the Processing
    layer translates them at run time with ``QCoreApplication.translate(context, text)``.
    """
    return text


#: Translation context of every core error message.
ERROR_CONTEXT = "SbPlannerErrors"
#: Translation context of the progress stage names the core reports.
STAGE_CONTEXT = "SbPlannerStages"


@dataclass(frozen=True)
class Msg:
    """A translatable detail of an error (``problem=``, ``reason=``): a marked template and its own params.

    Build it with :func:`msg`. ``str(msg)`` is the English text; the Processing layer's ``user_message``
    translates ``template`` (context ``SbPlannerErrors``) and formats it with ``params``, of which only
    nested :class:`Msg` values are translated — strings are data (cell texts, codes, lists of choices).
    """

    template: str
    params: Mapping[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.template.format(**self.params)


def msg(template: str, **params: object) -> Msg:
    """``msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "'{text}' is not a number"), text=text)``.

    The template must be a literal marked with ``QT_TRANSLATE_NOOP`` — inline or in a module constant —
    so that pylupdate5 collects it (and no trailing comma after the literal: pylupdate5 skips those).
    """
    return Msg(template, params)


class SbPlannerError(Exception):
    """Base class of every error the core raises on bad input.

    ``key`` identifies the error; ``template`` (marked for translation) is filled with ``params``.
    A param is a value, a marked fixed literal (translated as a whole) or a :class:`Msg`.
    ``str(error)`` is an English fallback for logs and for code that runs without QGIS.
    """

    key = "error"
    template = "SBPlanner error"

    def __init__(self, **params: object) -> None:
        self.params = params
        super().__init__(self.template.format(**params))


class DemWithoutCrsError(SbPlannerError):
    key = "dem_without_crs"
    # no trailing comma: pylupdate5 skips a QT_TRANSLATE_NOOP call that ends with one
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The DEM has no coordinate reference system; assign one (Layer Properties ▸ Source) and run again."
    )  # fmt: skip


class DemNotInMetresError(SbPlannerError):
    key = "dem_not_in_metres"
    # no trailing comma: pylupdate5 skips a QT_TRANSLATE_NOOP call that ends with one
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The DEM's coordinate system measures in {unit} (1 unit = {metres:g} m), not metres; areas, "
        "lengths and slopes would be wrong. Reproject it to a metric CRS (Raster ▸ Projections ▸ Warp), "
        "and convert its elevations to metres if they are in feet."
    )  # fmt: skip


class AllNodataDemError(SbPlannerError):
    key = "all_nodata_dem"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "The DEM holds no valid elevation (every cell is nodata).")


class DemTooSmallError(SbPlannerError):
    key = "dem_too_small"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "The DEM has only {rows} × {cols} cells; at least 3 × 3 valid cells are needed."
    )


class DemTooLargeError(SbPlannerError):
    key = "dem_too_large"
    # no trailing comma: pylupdate5 skips a QT_TRANSLATE_NOOP call that ends with one
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The DEM has {rows} × {cols} cells; at most {cells} cells can be conditioned at once. "
        "Clip it to the area of interest or resample it to a coarser cell size."
    )  # fmt: skip


class EmptyOutletsError(SbPlannerError):
    key = "empty_outlets"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "The outlet layer holds no points.")


class OutletOutsideDemError(SbPlannerError):
    key = "outlet_outside_dem"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "Outlet {outlet} at ({x:.1f}, {y:.1f}) lies outside the valid DEM area."
    )


class EmptyBoundaryError(SbPlannerError):
    key = "empty_boundary"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "The boundary layer does not overlap the valid DEM area.")


class InvalidParameterError(SbPlannerError):
    key = "invalid_parameter"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "Invalid value for {name}: {value} ({reason}).")


class CancelledError(SbPlannerError):
    key = "cancelled"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "Cancelled by the user.")


class DemUnreadableError(SbPlannerError):
    key = "dem_unreadable"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "The DEM '{path}' cannot be read as a raster.")


class NotAnalysedParcelsError(SbPlannerError):
    """A parcel layer that is not the output of ``sbplanner:analyse_parcels`` (a field it writes is missing)."""

    key = "not_analysed_parcels"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "The parcel layer lacks the field '{field}': run 'Analyse parcels' first and use its output."
    )


class OptionalPackageMissingError(SbPlannerError):
    """The tiled pipeline was asked for but its optional packages (dask, distributed) are not usable."""

    key = "optional_package_missing"
    # no trailing comma: pylupdate5 skips a QT_TRANSLATE_NOOP call that ends with one
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "Tiled processing of large DEMs needs the optional Python packages {packages}, which are missing or "
        "unusable. Install them with this command (in a terminal; on Windows in the OSGeo4W Shell), then "
        "restart QGIS:\n{command}"
    )  # fmt: skip


class TileFailedError(SbPlannerError):
    """A tile of the tiled pipeline failed; names its window so that it can be looked at."""

    key = "tile_failed"
    # no trailing comma: pylupdate5 skips a QT_TRANSLATE_NOOP call that ends with one
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The tile at row offset {row}, column offset {col} ({rows} × {cols} cells) failed in the stage "
        "'{stage}': {reason}"
    )  # fmt: skip


class WorkFolderMismatchError(SbPlannerError):
    """A resume was asked for in a work folder that belongs to another DEM or another tiling."""

    key = "work_folder_mismatch"
    # no trailing comma: pylupdate5 skips a QT_TRANSLATE_NOOP call that ends with one
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The work folder '{path}' holds the tiles of another run (another DEM, DEM file version or tile "
        "size); choose an empty work folder or delete this one."
    )  # fmt: skip
