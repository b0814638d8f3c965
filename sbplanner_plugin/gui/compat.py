"""Small QGIS-version shims (3.22 … 3.40) used by the dock widgets."""

from __future__ import annotations

from qgis.core import Qgis, QgsMapLayerProxyModel


def layer_filter(name: str):
    """Layer filter flag ``name`` (e.g. "PointLayer") as the running QGIS version spells it."""
    if hasattr(Qgis, "LayerFilter"):  # QGIS >= 3.34
        return getattr(Qgis.LayerFilter, name)
    return getattr(QgsMapLayerProxyModel.Filter, name)


def no_threading_flag():
    """The algorithm flag "must run on the main thread" as the running QGIS version spells it."""
    if hasattr(Qgis, "ProcessingAlgorithmFlag"):  # QGIS >= 3.36
        return Qgis.ProcessingAlgorithmFlag.NoThreading
    from qgis.core import QgsProcessingAlgorithm

    return QgsProcessingAlgorithm.Flag.FlagNoThreading


def metres_unit():
    """The distance unit "metres" as the running QGIS version spells it (scoped, as PyQt6 requires)."""
    if hasattr(Qgis, "DistanceUnit"):  # QGIS >= 3.30
        return Qgis.DistanceUnit.Meters
    from qgis.core import QgsUnitTypes

    return QgsUnitTypes.DistanceUnit.DistanceMeters
