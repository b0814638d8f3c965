"""Issue 13, "outputs are atomic and plans are never overwritten", in real QGIS: every writer kind of a Processing
run killed (kill -9) in the middle of its write over a good output, a run failing half-way, a plain path to a
plan, the checks of an output before the computation, and "Save a copy…" of an open plan in the dock.

The kill tests run ``processing.run`` in a child process (QGIS, Processing and the provider, as a headless user
would) with one function patched to print ``HOOK`` and sleep at a named point of the write: the kill lands at that
moment in every run. Where the plugin wrote before the fix, each of these points lost the old output (QGIS's sinks
delete a file or drop a layer before they write the new one). The DEM conditioning of the child comes from the
cache the test session filled, so a child takes a few seconds; all kill tests are marked slow."""

from __future__ import annotations

import hashlib
import json
import os
import re
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import processing
import pytest
from osgeo import gdal
from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputLayerDefinition,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)

from sbplanner_plugin.adapters.atomic_outputs import STAGING_PREFIX, TEMP_TABLE_PREFIX
from sbplanner_plugin.adapters.gdal_errors import gdal_exceptions
from sbplanner_plugin.adapters.plan_store import PlanStore
from sbplanner_plugin.processing import base
from tests.qgis.conftest import copy_plan
from tests.qgis.feedback import Log

REPO_ROOT = Path(__file__).resolve().parents[2]
PG_DSN = os.environ.get("SBPLANNER_TEST_PG", "")

CHILD = textwrap.dedent(
    r"""
    import json, os, sys, time, types
    sys.path.append("/usr/share/qgis/python/plugins")
    from qgis.core import QgsApplication
    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing
    Processing.initialize()
    import processing
    from sbplanner_plugin.processing.provider import SbPlannerProvider
    PROV = SbPlannerProvider()
    QgsApplication.processingRegistry().addProvider(PROV)
    from sbplanner_plugin.processing import base

    def stop(*_args, **_kwargs):
        print("HOOK", flush=True)
        time.sleep(600)

    hook, alg, params = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    kind, _, key = hook.partition(":")
    if kind == "sink":  # QGIS has made output KEY's sink: where its sinks deleted the old output
        real_sink = base.SbAlgorithm.parameterAsSink
        def sink(self, parameters, name, *args, **kwargs):
            out = real_sink(self, parameters, name, *args, **kwargs)
            if name == key:
                stop()
            return out
        base.SbAlgorithm.parameterAsSink = sink
    elif kind == "features":  # half the features of output KEY written through the QGIS sink, flushed
        def write_sink(self, parameters, name, context, spec, wkb_type, crs, rows):
            sink, dest = self.sink(parameters, name, context, spec, wkb_type, crs)
            rows = list(rows)
            if name != key:
                return dest, self.write(sink, spec, rows)
            self.write(sink, spec, rows[: len(rows) // 2])
            sink.flushBuffer()
            stop()
        base.SbAlgorithm.write_sink = write_sink
    elif kind == "fill":  # the bulk INSERT of a GeoPackage layer done, inside its transaction
        from sbplanner_plugin.adapters import vector_io
        vector_io.bulk_load_rtree = stop
    elif kind == "swap":  # inside the swap's transaction: the old layer dropped, the new one not renamed yet
        from sbplanner_plugin.adapters import atomic_outputs
        atomic_outputs.rename_gpkg_table = stop
    elif kind == "raster":  # the GeoTIFF complete in its temporary file, not yet moved
        from sbplanner_plugin.adapters import raster
        raster.os = types.SimpleNamespace(**{**vars(os), "replace": stop})
    elif kind == "gpx":  # the staking CSV written, the GPX not yet
        from sbplanner_plugin.processing.algorithms import terrace_layout
        terrace_layout.write_stakes_gpx = stop
    processing.run(alg, params)
    print("DONE", flush=True)
    """
)


def kill_at_hook(hook: str, algorithm: str, params: dict) -> None:
    """Run ``algorithm`` in a child QGIS; kill -9 it once it reaches ``hook`` (fails if it ends or errs first)."""
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), QT_QPA_PLATFORM="offscreen",
               SBPLANNER_CACHE_DIR=str(base.cache_dir()))  # fmt: skip
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, hook, algorithm, json.dumps(params)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        ready, _, _ = select.select([child.stdout], [], [], 240)
        line = child.stdout.readline().strip() if ready else ""
        assert line == "HOOK", f"the child did not reach {hook}: {line!r} {child.stderr.read() if ready else ''}"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(30)
    finally:
        child.kill()
        child.wait(30)
    assert child.returncode == -signal.SIGKILL


# -- what must survive ---------------------------------------------------------------------------------------
def files(folder: Path) -> dict[str, str]:
    """The files of ``folder`` (not its sub-folders) with their SHA-256."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def staging(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(STAGING_PREFIX)]


def sql(path: Path, query: str, args: tuple = ()) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(query, args).fetchall()
    finally:
        con.close()


def temp_tables(path: Path) -> list[str]:
    return [r[0] for r in sql(path, "SELECT name FROM sqlite_master WHERE name LIKE '%sbplanner_tmp_%'")]


def plan_state(path: Path) -> dict:
    """Every table of the plan with all its rows, and its schema — left out: the temporary tables of a staged
    output and their metadata rows (a killed run's leftover, removed by the next run)."""

    def ours(value) -> bool:
        return isinstance(value, str) and TEMP_TABLE_PREFIX in value

    con = sqlite3.connect(path)
    try:
        schema = [r for r in con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name")
                  if not any(ours(v) for v in r)]  # fmt: skip
        tables = [n for t, n, _, text in schema if t == "table" and not (text or "").startswith("CREATE VIRTUAL")]
        out = {"schema": schema}
        for table in tables:
            rows = con.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
            out[table] = [r for r in rows if not any(ours(v) for v in r)]
        return out
    finally:
        con.close()


def count(uri: str) -> int:
    layer = QgsVectorLayer(uri, "l", "ogr")
    assert layer.isValid(), uri
    return layer.featureCount()


# -- the algorithms ------------------------------------------------------------------------------------------
def delineate(demo_dir: Path, **outputs) -> dict:
    params = {"DEM": str(demo_dir / "ywzdem10m.tif"), "OUTLETS": str(demo_dir / "outlet_beijing1954.shp"),
              "STREAM_THRESHOLD_KM2": 0.1, "OUTPUT_WATERSHEDS": "TEMPORARY_OUTPUT",
              "OUTPUT_STREAMS": "TEMPORARY_OUTPUT", "OUTPUT_OUTLETS": "TEMPORARY_OUTPUT", **outputs}  # fmt: skip
    return params


def parcels(demo_dir: Path, **outputs) -> dict:
    return {"PARCELS": str(demo_dir / "parcels_gbt21010.gpkg"), "DEM": str(demo_dir / "ywzdem10m.tif"),
            "R_FACTOR": 7000, "K_FACTOR": 0.005, "EROSION_REGION": 0, "SLOPE_SYSTEM": 1,
            "OUTPUT_PARCELS": "TEMPORARY_OUTPUT", **outputs}  # fmt: skip


ALGORITHMS = {"delineate": ("sbplanner:delineate_watersheds", delineate),
              "parcels": ("sbplanner:analyse_parcels", parcels)}  # fmt: skip


@pytest.fixture
def plan(youwuzhen_plan, tmp_path) -> PlanStore:
    """A copy of the Youwuzhen plan (steps 1–2) with an edit in its log, a second scenario and a QGIS style saved
    in the file: all of it must survive every write of a layer into the plan."""
    store = copy_plan(youwuzhen_plan, tmp_path / "plan")
    store.ensure()
    store.create_scenario("plan_b", "Plan B")
    store.update_attributes("parcels", {1: {"landuse_name": "edited by the engineer"}}, user="engineer")
    layer = QgsVectorLayer(store.layer_uri("parcels"), "parcels", "ogr")
    assert layer.saveStyleToDatabase("engineer's style", "", True, "") in ("", None)
    del layer
    return store


# -- kill -9 on every writer kind: files --------------------------------------------------------------------
FILE_CASES = {
    # case: (algorithm, outputs (key → file name), hook)
    "geopackage-files-at-the-last-sink": (
        "delineate",
        {"OUTPUT_WATERSHEDS": "ws.gpkg", "OUTPUT_STREAMS": "streams.gpkg", "OUTPUT_OUTLETS": "outlets.gpkg"},
        "sink:OUTPUT_OUTLETS",
    ),
    "shapefile-half-written": ("delineate", {"OUTPUT_STREAMS": "streams.shp"}, "features:OUTPUT_STREAMS"),
    "geojson-half-written": ("delineate", {"OUTPUT_STREAMS": "streams.geojson"}, "features:OUTPUT_STREAMS"),
    "csv-table-at-its-sink": (
        "parcels",
        {"OUTPUT_PARCELS": "parcels.gpkg", "OUTPUT_FACTORS": "factors.csv"},
        "sink:OUTPUT_FACTORS",
    ),
    "geotiff-before-its-move": (
        "parcels",
        {"OUTPUT_PARCELS": "parcels.gpkg", "OUTPUT_SOIL_LOSS": "soil.tif"},
        "raster",
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", FILE_CASES)
def test_kill_9_mid_write_leaves_every_old_file_output_unchanged(case, demo_dir, tmp_path) -> None:
    """kill -9 while a run writes over good file outputs: every old file byte for byte; the next run replaces them
    and removes the killed run's staging folder."""
    name, outputs, hook = FILE_CASES[case]
    algorithm, params_of = ALGORITHMS[name]
    folder = tmp_path / "out"
    folder.mkdir()
    params = params_of(demo_dir, **{k: str(folder / v) for k, v in outputs.items()})
    processing.run(algorithm, params)  # the good outputs
    before = files(folder)
    assert set(outputs.values()) <= set(before) and not staging(folder)
    kill_at_hook(hook, algorithm, params)
    assert files(folder) == before  # the old outputs, whole and unchanged
    assert len(staging(folder)) == 1  # the killed run's output, written aside
    result = processing.run(algorithm, params)
    assert not staging(folder)  # the next run removes the leftover (its process is gone)
    assert set(files(folder)) == set(before)
    for key, file_name in outputs.items():
        assert str(folder / file_name) in str(result[key])
        if file_name.endswith(".tif"):
            with gdal_exceptions():
                assert gdal.Open(str(folder / file_name)).RasterXSize > 0
        else:
            assert count(str(folder / file_name)) > 0


@pytest.mark.slow
def test_kill_9_after_the_staking_csv_keeps_the_old_csv_and_gpx(tmp_path) -> None:
    """kill -9 between the staking CSV and the GPX of terrace_layout: both old files unchanged (a run's file
    outputs are put in place together, at its end)."""
    from tests.qgis.plane import write_plane_dem
    from tests.qgis.test_processing_terrace_layout import measures_layer

    dem = write_plane_dem(tmp_path / "plane.tif")
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()
    processing.run("sbplanner:terrace_quantities", {
        "PARCELS": measures_layer([("terrace_level_earth", "bench_width_m=7;riser_height_max_m=2.5")]),
        "DEM": dem, "OUTPUT_PARCELS": store.destination("terrace_quantities"),
    })  # fmt: skip
    folder = tmp_path / "field"
    folder.mkdir()
    params = {"PARCELS": store.layer_uri("terrace_quantities"), "DEM": dem, "OUTPUT_LINES": "TEMPORARY_OUTPUT",
              "OUTPUT_STAKES": "TEMPORARY_OUTPUT", "OUTPUT_CSV": str(folder / "stakes.csv"),
              "OUTPUT_GPX": str(folder / "stakes.gpx"), "STAKE_SPACING_M": 10.0}  # fmt: skip
    processing.run("sbplanner:terrace_layout", params)
    before = files(folder)
    assert set(before) == {"stakes.csv", "stakes.gpx"}
    params["STAKE_SPACING_M"] = 5.0  # another result
    kill_at_hook("gpx", "sbplanner:terrace_layout", params)
    assert files(folder) == before
    processing.run("sbplanner:terrace_layout", params)
    after = files(folder)
    assert set(after) == {"stakes.csv", "stakes.gpx"} and after["stakes.csv"] != before["stakes.csv"]


# -- kill -9 on every writer kind: a layer inside the plan -------------------------------------------------------
PLAN_CASES = {
    # case: (algorithm, output key, layer, hook)
    "bulk-fill-of-the-parcels": ("parcels", "OUTPUT_PARCELS", "parcels", "fill"),
    "inside-the-swap-transaction": ("parcels", "OUTPUT_PARCELS", "parcels", "swap"),
    "qgis-sink-half-of-the-streams": ("delineate", "OUTPUT_STREAMS", "streams", "features:OUTPUT_STREAMS"),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", PLAN_CASES)
def test_kill_9_while_a_layer_of_the_plan_is_replaced_leaves_the_plan_whole(case, plan, demo_dir) -> None:
    """kill -9 while ``OUTPUT_X=plan.gpkg`` replaces a layer: every table of the plan (the layer, the edit log,
    the scenarios, the saved style) unchanged and the file whole; the next run replaces only that layer."""
    name, key, layer, hook = PLAN_CASES[case]
    algorithm, params_of = ALGORITHMS[name]
    params = params_of(demo_dir, **{key: str(plan.path)})  # a plain path to the plan
    n = count(plan.layer_uri(layer))
    before = plan_state(plan.path)
    kill_at_hook(hook, algorithm, params)
    if hook == "swap":
        assert Path(f"{plan.path}-journal").exists()  # killed inside the swap: SQLite rolls it back
    assert sql(plan.path, "PRAGMA integrity_check") == [("ok",)]
    assert plan_state(plan.path) == before
    assert temp_tables(plan.path)  # the killed run's layer, written aside
    assert count(plan.layer_uri(layer)) == n
    result = processing.run(algorithm, params)
    assert result[key] == f"{plan.path}|layername={layer}"
    assert not temp_tables(plan.path)  # the leftover removed in the next run's swap
    after = plan_state(plan.path)
    assert {t: after[t] for t in before if t not in _layer_tables(layer)} == {
        t: before[t] for t in before if t not in _layer_tables(layer)
    }
    check_layer(plan.path, layer, n)


def _layer_tables(layer: str) -> set[str]:
    """Tables whose rows change when ``layer`` is replaced (the layer, its R-tree, the GeoPackage metadata)."""
    rtree = f"rtree_{layer}_geom"
    return {"schema", layer, f"{rtree}_node", f"{rtree}_rowid", f"{rtree}_parent", "gpkg_contents",
            "gpkg_ogr_contents", "gpkg_geometry_columns", "gpkg_extensions", "sqlite_sequence"}  # fmt: skip


def check_layer(path: Path, layer: str, n: int) -> None:
    """The replaced layer is a whole GeoPackage layer: ``n`` features, feature count and extent in the metadata,
    its R-tree consistent and used by a spatial filter."""
    assert sql(path, "PRAGMA integrity_check") == [("ok",)]
    assert sql(path, f"SELECT rtreecheck('rtree_{layer}_geom')") == [("ok",)]
    assert sql(path, "SELECT feature_count FROM gpkg_ogr_contents WHERE table_name=?", (layer,)) == [(n,)]
    (extent,) = sql(path, "SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name=?", (layer,))
    assert None not in extent
    vector = QgsVectorLayer(f"{path}|layername={layer}", layer, "ogr")
    assert vector.isValid() and vector.featureCount() == n
    box = vector.extent()
    corner = QgsRectangle(box.xMinimum(), box.yMinimum(), box.center().x(), box.center().y())
    inside = [f.id() for f in vector.getFeatures(corner)]
    assert 0 < len(inside) < n


@pytest.mark.slow
@pytest.mark.skipif(not PG_DSN, reason="SBPLANNER_TEST_PG is not set (no PostGIS test server)")
def test_kill_9_while_a_postgis_plan_table_is_replaced_leaves_the_old_table(demo_dir) -> None:
    """kill -9 half-way through the streams of a PostGIS plan: the old table, row for row; the next run replaces
    it (key, index and sequence renamed with it) and drops the leftover."""
    import uuid

    import psycopg2

    from sbplanner_plugin.adapters.plan_store_postgis import PostgisPlanStore

    store = PostgisPlanStore(PG_DSN, f"plan_{uuid.uuid4().hex[:10]}")
    store.ensure()

    def query(text: str, args: tuple = ()) -> list[tuple]:
        con = psycopg2.connect(PG_DSN)
        try:
            with con, con.cursor() as cur:
                cur.execute(text, args)
                return cur.fetchall()
        finally:
            con.close()

    checksum = f"SELECT count(*), md5(string_agg(t::text, ',' ORDER BY fid)) FROM \"{store.schema}\".streams t"
    tables = "SELECT table_name FROM information_schema.tables WHERE table_schema = %s ORDER BY 1"
    try:
        params = delineate(demo_dir, OUTPUT_STREAMS=store.destination("streams"))
        processing.run("sbplanner:delineate_watersheds", params)
        before = query(checksum)
        assert before[0][0] > 2
        kill_at_hook("features:OUTPUT_STREAMS", "sbplanner:delineate_watersheds", params)
        assert query(checksum) == before
        assert [t for (t,) in query(tables, (store.schema,)) if t.startswith(TEMP_TABLE_PREFIX)]
        processing.run("sbplanner:delineate_watersheds", params)
        assert query(checksum)[0][0] == before[0][0]
        assert not [t for (t,) in query(tables, (store.schema,)) if t.startswith(TEMP_TABLE_PREFIX)]
        names = query(
            "SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE nspname = %s"
            " AND relkind IN ('i', 'S') ORDER BY 1",
            (store.schema,),
        )
        assert not [n for (n,) in names if "tmp" in n]
        assert any(n.startswith("streams") for (n,) in names)
    finally:
        store.drop()


@pytest.mark.skipif(not PG_DSN, reason="SBPLANNER_TEST_PG is not set (no PostGIS test server)")
def test_a_view_on_a_postgis_plan_table_stops_the_swap_and_keeps_the_table(demo_dir) -> None:
    """A view somebody made on the plan's streams: the old table cannot be dropped, so the run fails saying why,
    the old table and the view stay and no temporary table is left."""
    import uuid

    import psycopg2

    from sbplanner_plugin.adapters.plan_store_postgis import PostgisPlanStore

    store = PostgisPlanStore(PG_DSN, f"plan_{uuid.uuid4().hex[:10]}")
    store.ensure()

    def query(text: str) -> list[tuple]:
        con = psycopg2.connect(PG_DSN)
        try:
            with con, con.cursor() as cur:
                cur.execute(text)
                return cur.fetchall() if cur.description else []
        finally:
            con.close()

    try:
        params = delineate(demo_dir, OUTPUT_STREAMS=store.destination("streams"))
        processing.run("sbplanner:delineate_watersheds", params)
        query(f'CREATE VIEW "{store.schema}".long_reaches AS SELECT * FROM "{store.schema}".streams')
        checksum = f"SELECT count(*), md5(string_agg(t::text, ',' ORDER BY fid)) FROM \"{store.schema}\".streams t"
        before = query(checksum)
        with pytest.raises(QgsProcessingException, match=r"was not put in place .*depend"):
            processing.run("sbplanner:delineate_watersheds", {**params, "STREAM_THRESHOLD_KM2": 0.05})
        assert query(checksum) == before
        tables = query(f"SELECT table_name FROM information_schema.tables WHERE table_schema = '{store.schema}'")
        assert not [t for (t,) in tables if t.startswith(TEMP_TABLE_PREFIX)] and ("long_reaches",) in tables
    finally:
        store.drop()


# -- a failed run (an exception half-way) ------------------------------------------------------------------------
def failing_write_sink(self, parameters, key, context, spec, wkb_type, crs, rows):
    """SbAlgorithm.write_sink that writes half the rows of OUTPUT_STREAMS and then fails (a full disk, a bug)."""
    sink, dest = self.sink(parameters, key, context, spec, wkb_type, crs)
    rows = list(rows)
    if key != "OUTPUT_STREAMS":
        return dest, self.write(sink, spec, rows)
    self.write(sink, spec, rows[: len(rows) // 2])
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("kind", ["geopackage", "shapefile", "new-geopackage-layer", "plan"])
def test_a_run_failing_half_way_leaves_the_old_outputs_and_nothing_else(kind, plan, demo_dir, tmp_path, monkeypatch):
    """A run that fails while it writes the streams: the old outputs (and plan) unchanged, no staging folder, no
    temporary table, no new file."""
    folder = tmp_path / "out"
    folder.mkdir()
    outputs = {
        "geopackage": {"OUTPUT_WATERSHEDS": str(folder / "ws.gpkg"), "OUTPUT_STREAMS": str(folder / "streams.gpkg")},
        "shapefile": {"OUTPUT_WATERSHEDS": str(folder / "ws.shp"), "OUTPUT_STREAMS": str(folder / "streams.shp")},
        "new-geopackage-layer": {"OUTPUT_STREAMS": f"ogr:dbname='{folder / 'new.gpkg'}' table=\"streams\" (geom)"},
        "plan": {"OUTPUT_WATERSHEDS": str(plan.path), "OUTPUT_STREAMS": plan.destination("streams")},
    }[kind]
    params = delineate(demo_dir, **outputs)
    if kind in ("geopackage", "shapefile"):
        processing.run("sbplanner:delineate_watersheds", params)
    before, state = files(folder), plan_state(plan.path)
    monkeypatch.setattr(base.SbAlgorithm, "write_sink", failing_write_sink)
    with pytest.raises((QgsProcessingException, OSError), match="No space left on device"):
        processing.run("sbplanner:delineate_watersheds", params)
    assert files(folder) == before and not staging(folder)
    assert plan_state(plan.path) == state and not temp_tables(plan.path)


def test_a_failing_bulk_fill_into_the_plan_leaves_the_parcels(plan, demo_dir, monkeypatch) -> None:
    """analyse_parcels into the plan failing inside its bulk fill: the plan's parcels and every table unchanged."""
    from sbplanner_plugin.processing.algorithms import analyse_parcels

    def full_disk(*_args, **_kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(analyse_parcels, "fill_gpkg_table", full_disk)
    before = plan_state(plan.path)
    with pytest.raises((QgsProcessingException, sqlite3.OperationalError), match="disk is full"):
        processing.run("sbplanner:analyse_parcels", parcels(demo_dir, OUTPUT_PARCELS=str(plan.path)))
    assert plan_state(plan.path) == before and not temp_tables(plan.path)


# -- a plain path to a plan ------------------------------------------------------------------------------------
def test_a_plain_path_to_the_plan_replaces_only_that_layer(plan, demo_dir) -> None:
    """``OUTPUT_PARCELS=plan.gpkg``: the parcels layer replaced in place (a whole GeoPackage layer), every other
    table of the plan — the edit log, the scenarios, the saved style, the other layers — unchanged."""
    before = plan_state(plan.path)
    n = count(plan.layer_uri("parcels"))
    log = Log()
    result = processing.run("sbplanner:analyse_parcels", parcels(demo_dir, OUTPUT_PARCELS=str(plan.path)), feedback=log)
    assert result["OUTPUT_PARCELS"] == f"{plan.path}|layername=parcels"
    assert "only its layer “parcels” is written" in log.text()
    after = plan_state(plan.path)
    kept = [t for t in before if t not in _layer_tables("parcels")]
    assert {"sbplanner_edit_log", "sbplanner_scenarios", "layer_styles", "watersheds", "streams"} <= set(kept)
    assert {t: after[t] for t in kept} == {t: before[t] for t in kept}
    assert sql(plan.path, "SELECT count(*) FROM sbplanner_edit_log WHERE user_name='engineer'") == [(1,)]
    check_layer(plan.path, "parcels", n)
    assert not temp_tables(plan.path)
    assert sorted(p.name for p in plan.path.parent.iterdir()) == ["plan.gpkg"]


def test_the_loaded_layers_and_results_name_the_final_outputs(demo_dir, tmp_path) -> None:
    """A run from the toolbox (its outputs loaded into the project): the project's layer and the results name
    the output file, never the staging folder."""
    project = QgsProject.instance()
    project.clear()
    out = tmp_path / "ws.gpkg"
    try:
        params = delineate(demo_dir, OUTPUT_WATERSHEDS=QgsProcessingOutputLayerDefinition(str(out), project))
        result = processing.runAndLoadResults("sbplanner:delineate_watersheds", params)
        assert result["OUTPUT_WATERSHEDS"] == str(out)
        sources = [layer.source() for layer in project.mapLayers().values() if layer.providerType() == "ogr"]
        assert [source.split("|")[0] for source in sources] == [str(out)], sources
        assert not any(STAGING_PREFIX in source for source in sources)
    finally:
        project.clear()


def test_a_replaced_shapefile_loses_the_old_spatial_index(demo_dir, tmp_path) -> None:
    """An old Shapefile with a .qix spatial index QGIS made: the new streams come without the stale index
    (which would hide features from a spatial query)."""
    from osgeo import ogr

    out = tmp_path / "streams.shp"
    params = delineate(demo_dir, OUTPUT_STREAMS=str(out))
    processing.run("sbplanner:delineate_watersheds", params)
    with gdal_exceptions():
        ds = ogr.Open(str(out), 1)
        ds.ExecuteSQL("CREATE SPATIAL INDEX ON streams")
        ds = None
    old_index = files(tmp_path)["streams.qix"]
    processing.run("sbplanner:delineate_watersheds", {**params, "STREAM_THRESHOLD_KM2": 0.05})
    assert files(tmp_path).get("streams.qix") != old_index  # gone (or a new one of the new streams)
    layer = QgsVectorLayer(str(out), "s", "ogr")
    assert len(list(layer.getFeatures(layer.extent()))) == layer.featureCount() > 0


CHILD_HOT_JOURNAL = textwrap.dedent(
    """
    import sqlite3, sys, time
    con = sqlite3.connect(sys.argv[1], isolation_level=None)
    con.execute("PRAGMA cache_size=1")  # changed pages spill into the file before COMMIT
    con.execute("BEGIN IMMEDIATE")
    con.execute("CREATE TABLE junk (x BLOB)")
    for _ in range(200):
        con.execute("INSERT INTO junk VALUES (zeroblob(4096))")
    con.execute("DELETE FROM gpkg_contents")
    print("HOOK", flush=True)
    time.sleep(600)
    """
)


def test_a_hot_journal_of_the_old_file_is_never_applied_to_the_new_one(demo_dir, tmp_path) -> None:
    """An old GeoPackage output left with a hot journal (a writer killed inside a transaction): the new output
    replaces it and the stale journal goes first — SQLite would "roll back" the new file with the old pages."""
    out = tmp_path / "ws.gpkg"
    params = delineate(demo_dir, OUTPUT_WATERSHEDS=str(out))
    processing.run("sbplanner:delineate_watersheds", params)
    child = subprocess.Popen([sys.executable, "-c", CHILD_HOT_JOURNAL, str(out)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "HOOK"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(30)
    finally:
        child.kill()
        child.wait(30)
    assert Path(f"{out}-journal").stat().st_size > 0
    processing.run("sbplanner:delineate_watersheds", params)
    assert not Path(f"{out}-journal").exists()
    assert sql(out, "PRAGMA integrity_check") == [("ok",)]
    assert sql(out, "SELECT table_name FROM gpkg_contents") == [("ws",)]
    assert count(str(out)) == 1


# -- destinations: an apostrophe, a reserved name, a new GeoPackage ---------------------------------------------
def test_a_plan_path_with_an_apostrophe_takes_its_layers(demo_dir, tmp_path) -> None:
    """A plan in a folder named with an apostrophe: a plain path and the store's destination both write their
    layer (the URI used to break at the apostrophe after the computation, leaving an empty plan)."""
    store = PlanStore(tmp_path / "county's plans" / "plan.gpkg")
    store.ensure()
    params = delineate(demo_dir, OUTPUT_WATERSHEDS=str(store.path), OUTPUT_STREAMS=store.destination("streams"))
    processing.run("sbplanner:delineate_watersheds", params)
    assert set(store.layers()) == {"watersheds", "streams"}
    assert count(store.layer_uri("watersheds")) == 1
    assert [p.name for p in store.path.parent.iterdir()] == ["plan.gpkg"]


def test_a_reserved_layer_name_inside_the_plan_is_refused_before_the_computation(plan, demo_dir) -> None:
    """A destination table named like the plan's own tables (sbplanner_meta): refused, named, plan unchanged."""
    before = plan_state(plan.path)
    params = delineate(demo_dir, OUTPUT_WATERSHEDS=plan.destination("sbplanner_meta"))
    with pytest.raises(QgsProcessingException, match=r"sbplanner_meta in .*plan\.gpkg is reserved"):
        processing.run("sbplanner:delineate_watersheds", params)
    assert plan_state(plan.path) == before


def test_a_layer_into_a_new_geopackage_is_created_whole(demo_dir, tmp_path) -> None:
    """``ogr:dbname='new.gpkg' table=…`` for a GeoPackage that does not exist yet: created with that layer."""
    new = tmp_path / "new.gpkg"
    params = delineate(demo_dir, OUTPUT_STREAMS=f"ogr:dbname='{new}' table=\"reaches\" (geom)")
    result = processing.run("sbplanner:delineate_watersheds", params)
    assert result["OUTPUT_STREAMS"] == f"{new}|layername=reaches"
    assert count(f"{new}|layername=reaches") > 2
    assert [p.name for p in tmp_path.iterdir()] == ["new.gpkg"]


# -- output problems are found before the computation ------------------------------------------------------------
@pytest.fixture
def immutable(tmp_path):
    """An existing output file nobody may write, root included (``chattr +i``); skips where that is not possible."""
    path = tmp_path / "locked" / "factors.csv"
    path.parent.mkdir()
    path.write_text("factor,value,source\n", encoding="utf-8")
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
        pytest.skip("chattr +i is not available here")
    yield path
    subprocess.run(["chattr", "-i", str(path)], check=False)


@pytest.mark.parametrize(
    ("output", "where", "cause"),
    [
        ("OUTPUT_SOIL_LOSS", "missing/soil.tif", "its folder does not exist"),
        ("OUTPUT_FACTORS", "a_file.txt/factors.csv", "its folder is a file, not a folder"),
        ("OUTPUT_PARCELS", "/proc/parcels.geojson", "its folder is read-only"),
        ("OUTPUT_PARCELS", "a_folder", "it is a folder, not a file"),
    ],
)
def test_an_unwritable_output_is_named_before_the_computation(output, where, cause, demo_dir, tmp_path, monkeypatch):
    """A raster, a table, a GeoJSON or a folder as output that cannot be written: the path and the cause, before
    anything is computed, and nothing written."""
    from sbplanner_plugin.processing.algorithms.analyse_parcels import AnalyseParcels

    (tmp_path / "a_file.txt").write_text("not a folder")
    (tmp_path / "a_folder").mkdir()
    computed = []
    monkeypatch.setattr(AnalyseParcels, "compute", lambda self, *a: computed.append(1) or {})
    target = where if where.startswith("/") else str(tmp_path / where)
    with pytest.raises(QgsProcessingException, match=re.escape(f"Cannot write the output {target}: {cause}")):
        processing.run("sbplanner:analyse_parcels", parcels(demo_dir, **{output: target}))
    assert computed == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a_file.txt", "a_folder"]
    assert list((tmp_path / "a_folder").iterdir()) == []


def test_an_existing_read_only_output_file_is_named_before_the_computation(immutable, demo_dir) -> None:
    """An existing output file that cannot be written (immutable, even for root): named with its cause, kept."""
    with pytest.raises(QgsProcessingException, match=re.escape(f"{immutable}: the file exists and is read-only")):
        processing.run("sbplanner:analyse_parcels", parcels(demo_dir, OUTPUT_FACTORS=str(immutable)))
    assert immutable.read_text(encoding="utf-8") == "factor,value,source\n"
    assert [p.name for p in immutable.parent.iterdir()] == ["factors.csv"]


# -- "Save a copy…" in the dock ----------------------------------------------------------------------------------
def test_the_dock_saves_a_copy_of_the_open_plan(dock, monkeypatch, tmp_path) -> None:
    """ "Save a copy…" beside the plan path: a whole copy of the plan while it is open with an edit in progress;
    the plan itself, a cancelled dialog and a PostGIS plan give a red status (nothing written)."""
    from qgis.PyQt.QtWidgets import QFileDialog

    store = dock.plan_store()
    assert store is not None and dock.copy_button.isVisibleTo(dock)
    writer = sqlite3.connect(store.path, isolation_level=None)  # an edit in progress while the copy is made
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO sbplanner_meta (key, value) VALUES ('in_progress', 'x')")
    answers = iter([(str(tmp_path / "archive"), ""), ("", ""), (str(store.path), "")])
    asked = []

    def dialog(parent, title, suggestion, file_filter):
        asked.append(suggestion)
        return next(answers)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    try:
        dock.copy_button.click()
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    copy = tmp_path / "archive.gpkg"
    assert dock.plan_status.text() == f"A copy of the plan was saved: {copy}"
    assert "1b5e20" in dock.plan_status.styleSheet() and not dock.plan_status.isHidden()
    assert asked[0].startswith(str(store.path)[: -len(".gpkg")] + "_") and asked[0].endswith(".gpkg")
    assert PlanStore(copy).schema_version() == store.schema_version()
    assert sql(copy, "SELECT count(*) FROM sbplanner_meta WHERE key='in_progress'") == [(0,)]
    assert sql(copy, "PRAGMA integrity_check") == [("ok",)]
    dock.copy_button.click()  # cancelled: nothing happens
    assert dock.plan_status.text().startswith("A copy of the plan was saved")
    dock.copy_button.click()  # onto the plan itself
    assert "that is the plan itself" in dock.plan_status.text() and "b00020" in dock.plan_status.styleSheet()
    dock.plan_widget.setFilePath("postgres:host=localhost dbname=county schema=plan_x")
    assert dock.plan_status.isHidden()  # a new plan path clears the line
    assert dock.save_plan_copy(str(tmp_path / "pg.gpkg")) is None
    assert "pg_dump" in dock.plan_status.text()
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".gpkg") == ["archive.gpkg", "plan.gpkg"]


def test_destinations_that_cannot_be_staged_are_left_as_they_are(tmp_path) -> None:
    """Memory layers, other databases, ``path|layername=``, GDAL virtual paths: written as given (as QGIS would);
    a file, a GeoPackage layer and a PostGIS table are staged beside their destination."""
    from sbplanner_plugin.adapters.atomic_outputs import StagedOutputs

    staged = StagedOutputs()
    for text in ("memory:ws", "dbname='x.sqlite' table=\"t\" (geom)", "ogr:dbname='x.sqlite' table=\"t\" (geom)",
                 f"{tmp_path}/x.gpkg|layername=t", "/vsizip/out.zip/ws.shp", "spatialite:dbname=x"):  # fmt: skip
        assert staged.stage(text) == text
    assert not staged and list(tmp_path.iterdir()) == []
    path = staged.stage(str(tmp_path / "ws.gpkg"))
    assert Path(path).parent.name.startswith(STAGING_PREFIX) and Path(path).name == "ws.gpkg"
    pg = staged.stage("postgres://dbname='county' key='fid' table=\"plan_x\".\"streams\" (geom)")
    assert pg.startswith("postgres://dbname='county' key='fid' table=\"plan_x\".\"sbplanner_tmp_") and pg.endswith(
        " (geom)"
    )
    assert staged.final_text(f"{path}|layername=ws") == f"{tmp_path / 'ws.gpkg'}|layername=ws"
    staged.discard()
    assert list(tmp_path.iterdir()) == []
