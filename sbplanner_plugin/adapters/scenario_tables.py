"""One scenario's step 3–5 tables read from a plan, for :func:`~sbplanner_plugin.core.scenarios.compare_scenarios`.

Each layer is the scenario's own table (:func:`~sbplanner_plugin.adapters.plan_store.scenario_layer_name`),
opened through QGIS with the store's provider (GeoPackage or PostGIS); a layer the plan lacks is None (the core
says what is missing, naming the scenario).
"""

from __future__ import annotations

from qgis.core import QgsFeatureRequest, QgsVectorLayer

from sbplanner_plugin.adapters import plan_store_common as names
from sbplanner_plugin.core.scenarios import LAYOUT_FIELDS, ScenarioTables

#: The works layers of step 3 (a scenario with works and no area measure still has measures).
WORKS_LAYERS = (names.CHECK_DAMS, names.GULLY_HEADS, names.INTERCEPT_DITCHES, names.SEDIMENT_BASINS,
                names.WORKS_POINTS, names.WORKS_LINES)  # fmt: skip
#: The parcel fields holding a layout's measures.
MEASURE_FIELDS = ("measure_code", "measure_codes")


def _plain(value):
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    return value


def _layer(store, layer: str, scenario: str) -> QgsVectorLayer | None:
    if not store.has_layer(layer, scenario):
        return None
    loaded = QgsVectorLayer(store.layer_uri(layer, scenario), layer, getattr(store, "provider", "ogr"))
    return loaded if loaded.isValid() else None


def table_columns(store, layer: str, scenario: str, fields: tuple[str, ...] | None = None) -> dict | None:
    """``{field: [values]}`` of the scenario's ``layer`` (all fields, or ``fields`` those it has); None when the
    plan has no such table."""
    loaded = _layer(store, layer, scenario)
    if loaded is None:
        return None
    present = loaded.fields().names()
    wanted = [f for f in (fields or present) if f in present]
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
    request.setSubsetOfAttributes([present.index(f) for f in wanted])
    columns: dict[str, list] = {f: [] for f in wanted}
    for feature in loaded.getFeatures(request):
        for f in wanted:
            columns[f].append(_plain(feature[f]))
    return columns


def read_scenario_tables(store, scenario_id: str, name: str = "") -> ScenarioTables:
    """The benefit_ws, investment_by_ws, measures, works count and the layout now and at step 4 of one scenario of
    ``store``."""
    layout = table_columns(store, names.PARCELS_MEASURES, scenario_id, LAYOUT_FIELDS)
    codes = None if layout is None else [v for f in MEASURE_FIELDS for v in layout.get(f, ())]
    works = 0
    for layer in WORKS_LAYERS:
        loaded = _layer(store, layer, scenario_id)
        works += loaded.featureCount() if loaded is not None else 0
    return ScenarioTables(
        scenario_id=scenario_id,
        name=name,
        benefit_ws=table_columns(store, names.BENEFIT_WATERSHEDS, scenario_id),
        investment_by_ws=table_columns(store, names.INVESTMENT_BY_WATERSHED, scenario_id),
        measure_codes=codes,
        works_count=works,
        layout=layout,
        quantities_layout=table_columns(store, names.MEASURE_QUANTITIES, scenario_id, LAYOUT_FIELDS),
    )
