"""Hostile vector inputs and damaged files through the Processing algorithms in real QGIS (issue 13, helper P):
a layer of the wrong kind, a missing field, no features, stream lines that do not fall on the DEM's flow
network, damaged or mislabelled files, an unforeseen exception. Each gives the right result with a warning, or
one clear, translated error naming the real cause — no exception type, no stack, no output left behind.
"""

from __future__ import annotations

import shutil
import subprocess

import processing
import pytest
from osgeo import gdal
from qgis.core import Qgis, QgsApplication, QgsProcessingContext, QgsProcessingException, QgsVectorLayer

from sbplanner_plugin.adapters.gdal_errors import gdal_exceptions
from tests.qgis.feedback import Log
from tests.qgis.test_damaged_inputs import damaged_copy, truncated_copy
from tests.qgis.test_qgis_process import QGIS_PROCESS, headless_env  # noqa: F401 - the fixture

PARCELS = "parcels_gbt21010.gpkg"


class ErrorLog(Log):
    """Also keeps what the algorithm's run reports as errors."""

    def __init__(self) -> None:
        super().__init__("WARNING ")
        self.errors: list[str] = []

    def reportError(self, error: str, fatalError: bool = False) -> None:  # noqa: N803
        self.errors.append(error)


@pytest.fixture(scope="module")
def step1(tmp_path_factory, demo_dir) -> dict:
    """Step 1 on Youwuzhen into plain GeoPackages: the watershed, its streams (29 lines) and the snapped outlet."""
    folder = tmp_path_factory.mktemp("hostile_step1")
    out = {k: str(folder / f"{k}.gpkg") for k in ("watersheds", "streams", "outlets")}
    processing.run(
        "sbplanner:delineate_watersheds",
        {"DEM": str(demo_dir / "ywzdem10m.tif"), "OUTLETS": str(demo_dir / "outlet_beijing1954.shp"),
         "STREAM_THRESHOLD_KM2": 0.1, "OUTPUT_WATERSHEDS": out["watersheds"], "OUTPUT_STREAMS": out["streams"],
         "OUTPUT_OUTLETS": out["outlets"]},
    )  # fmt: skip
    return out


def outputs(tmp_path, *keys: str) -> dict:
    return {k: str(tmp_path / f"{k.removeprefix('OUTPUT_').lower()}.gpkg") for k in keys}


def nothing_written(tmp_path, keep=()) -> bool:
    return sorted(p.name for p in tmp_path.iterdir()) == sorted(keep)


def delineate(demo_dir, tmp_path, feedback=None, **extra) -> dict:
    params = {"DEM": str(demo_dir / "ywzdem10m.tif"), "OUTLETS": str(demo_dir / "outlet_beijing1954.shp"),
              "STREAM_THRESHOLD_KM2": 0.1,
              **outputs(tmp_path, "OUTPUT_WATERSHEDS", "OUTPUT_STREAMS", "OUTPUT_OUTLETS")}  # fmt: skip
    params.update(extra)
    return processing.run("sbplanner:delineate_watersheds", params, feedback=feedback)


def analyse(demo_dir, tmp_path, feedback=None, **extra) -> dict:
    params = {"PARCELS": str(demo_dir / PARCELS), "DEM": str(demo_dir / "ywzdem10m.tif"), "R_FACTOR": 7000,
              "K_FACTOR": 0.005, "COVER_FIELD": "FVC", "CANOPY_FIELD": "YBD", "EROSION_REGION": 0,
              "SLOPE_SYSTEM": 1, **outputs(tmp_path, "OUTPUT_PARCELS")}  # fmt: skip
    params.update(extra)
    return processing.run("sbplanner:analyse_parcels", params, feedback=feedback)


def divide(demo_dir, tmp_path, **extra) -> dict:
    params = {"DEM": str(demo_dir / "ywzdem10m.tif"), "MAX_AREA_KM2": 2.0, "MIN_AREA_KM2": 0.3,
              **outputs(tmp_path, "OUTPUT_WATERSHEDS", "OUTPUT_STREAMS")}  # fmt: skip
    params.update(extra)
    return processing.run("sbplanner:divide_small_watersheds", params)


def suggest(demo_dir, tmp_path, feedback=None, **extra) -> dict:
    params = {"DEM": str(demo_dir / "ywzdem10m.tif"),
              **outputs(tmp_path, "OUTPUT_CHECK_DAMS", "OUTPUT_GULLY_HEADS", "OUTPUT_INTERCEPT_DITCHES")}  # fmt: skip
    params.update(extra)
    return processing.run("sbplanner:suggest_gully_works", params, feedback=feedback)


def clean(message: str) -> bool:
    """No exception type, no stack, no Python repr in a user message."""
    return not any(s in message for s in ("Traceback", "Error:", "KeyError", "TypeError", "RuntimeError", 'File "'))


def translated(step1, tmp_path, name: str, dx: float) -> str:
    """The step-1 streams moved by (dx, dx) metres."""
    path = str(tmp_path / name)
    with gdal_exceptions():
        gdal.VectorTranslate(
            path, step1["streams"], SQLDialect="SQLite",
            SQLStatement=f"SELECT ST_Translate(geom, {dx}, {dx}, 0) AS geom, * FROM streams",
        )  # fmt: skip
    return path


# -- a layer of the wrong kind ------------------------------------------------------------------------


def test_points_with_a_landuse_field_given_as_parcels(tmp_path, demo_dir, step1):
    """P-L1 points (carrying DLBM) as parcels: 'holds points; polygons are needed' (the issue's TypeError; handled)."""
    points = str(tmp_path / "points.gpkg")
    with gdal_exceptions():
        sql = "SELECT ST_PointOnSurface(geom) AS geom, DLBM, FVC, YBD FROM parcels"
        gdal.VectorTranslate(points, str(demo_dir / PARCELS), SQLDialect="SQLite", layerName="pts", SQLStatement=sql)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(QgsProcessingException, match=r"The layer 'points' holds points; polygons are needed here\.$"):
        analyse(demo_dir, out, PARCELS=points)
    assert nothing_written(out)


def test_points_without_a_landuse_field_given_as_parcels_name_the_geometry(tmp_path, demo_dir, step1):
    """P-L2 the snapped outlets as parcels: the geometry type, not 'no land-use field' (the wrong cause)."""
    with pytest.raises(QgsProcessingException, match=r"holds points; polygons are needed here") as err:
        analyse(demo_dir, tmp_path, PARCELS=step1["outlets"])
    assert "land-use" not in str(err.value) and nothing_written(tmp_path)


@pytest.mark.parametrize(
    ("algorithm", "key", "layer", "expected"),
    [
        ("suggest", "STREAMS", "parcels", "holds polygons; lines are needed here"),  # P-L3 polygons as streams
        ("delineate", "OUTLETS", "parcels", "holds polygons; points are needed here"),  # P-L4 polygons as outlets
        ("divide", "BOUNDARY", "streams", "holds lines; polygons are needed here"),  # P-L5 lines as boundary
        ("divide", "ADMIN", "outlets", "holds points; polygons are needed here"),  # P-L6 points as admin areas
        ("suggest", "SURVEYED_HEADS", "streams", "holds lines; points are needed here"),  # P-L7 lines as heads
    ],
)
def test_a_layer_of_the_wrong_geometry_type(tmp_path, demo_dir, step1, algorithm, key, layer, expected):
    source = str(demo_dir / PARCELS) if layer == "parcels" else step1[layer]
    run = {"suggest": suggest, "delineate": delineate, "divide": divide}[algorithm]
    extra = {key: source}
    if key == "ADMIN":
        extra.update(BOUNDARY=step1["watersheds"], ADMIN_FIELD="ws_code")
    with pytest.raises(QgsProcessingException, match=expected) as err:
        run(demo_dir, tmp_path, **extra)
    assert clean(str(err.value)) and nothing_written(tmp_path)


def test_a_missing_admin_field(tmp_path, demo_dir, step1):
    """P-L8 ADMIN_FIELD not in the administrative layer: a named error (was a KeyError)."""
    with pytest.raises(QgsProcessingException, match=r"The administrative layer has no field 'XZQMC'") as err:
        divide(demo_dir, tmp_path, BOUNDARY=step1["watersheds"], ADMIN=str(demo_dir / PARCELS), ADMIN_FIELD="XZQMC")
    assert clean(str(err.value)) and nothing_written(tmp_path)


def test_zero_parcels(tmp_path, demo_dir):
    """P-L9 a parcel layer without features: 'holds no polygons' (was a KeyError), nothing written."""
    empty = tmp_path / "empty.gpkg"
    with gdal_exceptions():
        gdal.VectorTranslate(str(empty), str(demo_dir / PARCELS), where="1=0")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(QgsProcessingException, match=r"The parcel layer holds no polygons") as err:
        analyse(demo_dir, out, PARCELS=str(empty))
    assert clean(str(err.value)) and nothing_written(out)


def test_parcels_wholly_outside_the_dem(tmp_path, demo_dir):
    """P-L10 every parcel 100 km east of the DEM: an error, not '584 parcels analysed' with no numbers."""
    far = tmp_path / "far.gpkg"
    with gdal_exceptions():
        sql = "SELECT ST_Translate(geom, 100000, 0, 0) AS geom, * FROM parcels"
        gdal.VectorTranslate(str(far), str(demo_dir / PARCELS), SQLDialect="SQLite", SQLStatement=sql)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(QgsProcessingException, match=r"All 584 parcels lie wholly outside the DEM"):
        analyse(demo_dir, out, PARCELS=str(far))
    assert nothing_written(out)


def test_empty_outlets(tmp_path, demo_dir, step1):
    """P-L11 an outlet layer of points without a feature: 'holds no points'."""
    empty = tmp_path / "empty_outlets.gpkg"
    with gdal_exceptions():
        gdal.VectorTranslate(str(empty), step1["outlets"], where="1=0")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(QgsProcessingException, match=r"The outlet layer holds no points"):
        delineate(demo_dir, out, OUTLETS=str(empty))
    assert nothing_written(out)


# -- stream lines and the DEM's flow network ----------------------------------------------------------


@pytest.mark.parametrize("dx", [15, 60, 200])
def test_streams_off_the_flow_network_are_refused_naming_how_far(tmp_path, demo_dir, step1, dx):
    """P-L12 the step-1 streams moved by 15/60/200 m: refused with the share on the flow paths and the median
    distance (they gave 13/23/62 check dams on hillslopes with an info line)."""
    streams = translated(step1, tmp_path, "moved.gpkg", dx)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(QgsProcessingException) as err:
        suggest(demo_dir, out, STREAMS=streams)
    message = str(err.value)
    assert (
        message.startswith("Only ") and "% of the cells of the 29 stream lines lie on the DEM's flow paths" in message
    )
    distance = float(message.split("median ")[1].split(" m from")[0])
    assert 5.0 <= distance <= dx * 2**0.5  # beyond half a cell; at most the shift (other channels lie nearer)
    assert "leave the layer empty to derive the channels from the DEM" in message and nothing_written(out)


def test_streams_far_away_are_refused(tmp_path, demo_dir, step1):
    """P-L13 streams 5 km away: none follows a flow path (already handled)."""
    with pytest.raises(QgsProcessingException, match=r"None of the 29 stream lines follows a flow path"):
        suggest(demo_dir, tmp_path, STREAMS=translated(step1, tmp_path, "far.gpkg", 5000))


def test_streams_of_a_coarser_dem_are_used_with_a_warning(tmp_path, demo_dir):
    """P-L14 streams delineated on the 30 m DEM, used on the 10 m one: dams sited, with a warning that only
    about a quarter of their cells lie on the flow paths and how far the lines lie."""
    streams = str(tmp_path / "streams30.gpkg")
    processing.run(
        "sbplanner:delineate_watersheds",
        {"DEM": str(demo_dir / "ywzdem30m.tif"), "OUTLETS": str(demo_dir / "outlet_beijing1954.shp"),
         "STREAM_THRESHOLD_KM2": 0.1, "OUTPUT_WATERSHEDS": "memory:", "OUTPUT_STREAMS": streams,
         "OUTPUT_OUTLETS": "memory:"},
    )  # fmt: skip
    log = ErrorLog()
    out = tmp_path / "out"
    out.mkdir()
    result = suggest(demo_dir, out, log, STREAMS=streams)
    warnings = [line for line in log.lines if line.startswith("WARNING Only ")]
    assert len(warnings) == 1 and "m from the DEM's channels" in warnings[0]
    share = float(warnings[0].removeprefix("WARNING Only ").split(" %")[0])
    assert 10.0 <= share < 50.0
    assert QgsVectorLayer(result["OUTPUT_CHECK_DAMS"], "d", "ogr").featureCount() > 0


def test_own_streams_raise_no_warning(tmp_path, demo_dir, step1):
    """P-L15 the step-1 streams on their own DEM: 100 % on the flow paths, no warning (control case)."""
    log = ErrorLog()
    suggest(demo_dir, tmp_path, log, STREAMS=step1["streams"])
    assert "29 stream lines; 100 % of their cells lie on the DEM's flow paths." in log.lines
    assert not any(line.startswith("WARNING Only ") for line in log.lines)


# -- damaged and mislabelled files --------------------------------------------------------------------


def test_a_damaged_geopackage_as_administrative_areas(tmp_path, demo_dir, step1):
    """P-L16 a GeoPackage damaged in the middle as ADMIN: 'Only n of the 584 features of <file>' (was read in
    part, exit 0)."""
    admin = damaged_copy(demo_dir, tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(QgsProcessingException, match=r"Only \d+ of the 584 features of '.*parcels_gbt21010\.gpkg'"):
        divide(demo_dir, out, BOUNDARY=step1["watersheds"], ADMIN=admin, ADMIN_FIELD="DLBM")
    assert nothing_written(out)


def test_a_damaged_geopackage_as_gully_parcels(tmp_path, demo_dir, step1):
    """P-L17 the damaged GeoPackage as suggest_gully_works' parcels: the same named error, nothing written."""
    parcels = damaged_copy(demo_dir, tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(QgsProcessingException, match=r"Only \d+ of the 584 features of '.*parcels_gbt21010\.gpkg'"):
        suggest(demo_dir, out, STREAMS=step1["streams"], PARCELS=parcels)
    assert nothing_written(out)


@pytest.mark.parametrize(
    ("case", "key", "expected"),
    [
        ("text", "R_RASTER", r"'.*r\.tif' exists but is not a readable raster: .*not recognized"),  # P-L18
        ("empty", "DEM", r"'.*dem\.tif' exists but is not a readable raster"),  # P-L19 a zero-byte DEM
        ("truncated", "K_RASTER", r"'.*ywzdem10m\.tif' exists but is not a readable raster"),  # P-L20
    ],
)
def test_an_unreadable_raster_names_the_file_and_the_damage(tmp_path, demo_dir, case, key, expected):
    files = tmp_path / "in"
    files.mkdir()
    if case == "text":
        path = files / "r.tif"
        path.write_text("R = 7000\n", encoding="utf-8")
    elif case == "empty":
        path = files / "dem.tif"
        path.write_bytes(b"")
    else:
        path = truncated_copy(demo_dir, files, "ywzdem10m.tif", 20000)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(QgsProcessingException, match=expected) as err:
        analyse(demo_dir, out, **{key: str(path)})
    assert "not found" not in str(err.value) and "could not load" not in str(err.value).lower()
    assert nothing_written(out)


def test_a_shapefile_without_its_shx_names_the_missing_file(tmp_path, demo_dir):
    """P-L21 the outlet shapefile without .shx: GDAL's reason (it read 'could not load source layer')."""
    for ext in ("shp", "dbf", "prj"):
        shutil.copy(demo_dir / f"outlet_beijing1954.{ext}", tmp_path / f"outlet.{ext}")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(
        QgsProcessingException, match=r"'.*outlet\.shp' exists but is not a readable vector layer: .*outlet\.shx"
    ):
        delineate(demo_dir, out, OUTLETS=str(tmp_path / "outlet.shp"))
    assert nothing_written(out)


def test_a_shapefile_without_its_prj_is_taken_in_the_dem_crs_with_a_warning(tmp_path, demo_dir):
    """P-L22 the outlet shapefile without .prj: delineated (its coordinates are the DEM's), and said so."""
    for ext in ("shp", "dbf", "shx"):
        shutil.copy(demo_dir / f"outlet_beijing1954.{ext}", tmp_path / f"outlet.{ext}")
    out = tmp_path / "out"
    out.mkdir()
    log = ErrorLog()
    result = delineate(demo_dir, out, log, OUTLETS=str(tmp_path / "outlet.shp"))
    assert (
        "WARNING The layer 'outlet' has no coordinate reference system; its coordinates are taken as the DEM's "
        "(Beijing 1954 / 3-degree Gauss-Kruger zone 39)." in log.lines
    )
    (ws,) = list(QgsVectorLayer(result["OUTPUT_WATERSHEDS"], "w", "ogr").getFeatures())
    assert ws["area_km2"] == pytest.approx(5.3933, rel=0.01)


# -- one clear message, once --------------------------------------------------------------------------


def test_an_unforeseen_exception_reads_as_one_clear_line(tmp_path, demo_dir, monkeypatch):
    """P-L23 a KeyError inside the computation: 'stopped on an unexpected problem', no type or stack; the
    traceback goes to the QGIS message log (tag SBPlanner)."""
    import sbplanner_plugin.processing.algorithms.delineate_watersheds as module

    def broken(*args, **kwargs):
        raise KeyError("ws_code")

    monkeypatch.setattr(module, "delineate_outlets", broken)
    logged = []

    def keep(message, tag, level):
        logged.append((tag, message))

    QgsApplication.messageLog().messageReceived.connect(keep)
    try:
        with pytest.raises(QgsProcessingException) as err:
            delineate(demo_dir, tmp_path)
    finally:
        QgsApplication.messageLog().messageReceived.disconnect(keep)
    assert str(err.value) == (
        "Delineate watersheds from outlets stopped on an unexpected problem: 'ws_code'. "
        "The details are in the QGIS message log (SBPlanner); please report them."
    )
    assert any(tag == "SBPlanner" and "Traceback" in m and "KeyError: 'ws_code'" in m for tag, m in logged)
    assert nothing_written(tmp_path)


def test_an_error_is_reported_once_by_the_algorithm(tmp_path, demo_dir, step1):
    """P-L24 a wrong-layer error through QgsProcessingAlgorithm.run: the feedback gets it once, the QGIS
    message log once (Processing's own record); no other copy."""
    alg = QgsApplication.processingRegistry().createAlgorithmById("sbplanner:delineate_watersheds")
    logged = []

    def keep(message, tag, level):
        logged.append((tag, level, message))

    feedback = ErrorLog()
    QgsApplication.messageLog().messageReceived.connect(keep)
    try:
        params = {"DEM": str(demo_dir / "ywzdem10m.tif"), "OUTLETS": str(demo_dir / PARCELS),
                  **outputs(tmp_path, "OUTPUT_WATERSHEDS", "OUTPUT_STREAMS", "OUTPUT_OUTLETS")}  # fmt: skip
        _, ok = alg.run(params, QgsProcessingContext(), feedback)
        QgsApplication.processEvents()
    finally:
        QgsApplication.messageLog().messageReceived.disconnect(keep)
    message = "The layer 'parcels_gbt21010' holds polygons; points are needed here."
    assert not ok and feedback.errors == [message]
    assert [m for _, _, m in logged if message in m] == [message]
    assert [level for _, level, m in logged if m == message] == [Qgis.MessageLevel.Critical]
    assert nothing_written(tmp_path)


def run_process(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([QGIS_PROCESS, "run", *args], env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(QGIS_PROCESS is None, reason="qgis_process.bin not installed")
def test_qgis_process_shows_a_clear_error_as_often_as_for_a_native_algorithm(headless_env, tmp_path, demo_dir):  # noqa: F811
    """P-L25 under qgis_process: a mislabelled DEM (was a Python traceback) and polygons as outlets exit 1 with
    one 'ERROR:' line and no stack. qgis_process itself repeats every algorithm's error on stderr (QGIS logs it
    in QgsProcessingAlgorithm::run and again in QgsProcessingFeedback::reportError): a native algorithm's error
    appears exactly as often, so no copy is ours."""
    mislabelled = tmp_path / "dem_4326.tif"
    with gdal_exceptions():
        gdal.Translate(str(mislabelled), str(demo_dir / "ywzdem10m.tif"), outputSRS="EPSG:4326")
    outs = [f"{k}={v}" for k, v in outputs(tmp_path, "OUTPUT_WATERSHEDS", "OUTPUT_STREAMS", "OUTPUT_OUTLETS").items()]
    cases = {
        "but its coordinates reach": [f"DEM={mislabelled}", f"OUTLETS={demo_dir / 'outlet_beijing1954.shp'}"],
        "holds polygons; points are needed here.": [
            f"DEM={demo_dir / 'ywzdem10m.tif'}",
            f"OUTLETS={demo_dir / PARCELS}",
        ],
    }
    native = run_process(headless_env, "native:fieldcalculator", "--", f"INPUT={demo_dir / PARCELS}", "FIELD_NAME=x",
                         "FORMULA=1", f"OUTPUT={tmp_path / 'no_folder' / 'x.gpkg'}")  # fmt: skip
    native_copies = native.stderr.count("Could not create layer")
    native_errors = sum(1 for line in native.stderr.splitlines() if line.startswith("ERROR:"))
    assert native.returncode == 1 and native_copies >= 1
    for needle, args in cases.items():
        done = run_process(headless_env, "sbplanner:delineate_watersheds", "--", *args, *outs)
        text = done.stdout + done.stderr
        assert done.returncode == 1, text
        assert clean(text), text
        errors = [line for line in done.stderr.splitlines() if line.startswith("ERROR:")]
        assert len(errors) == native_errors == 1 and needle in errors[0], text
        assert done.stderr.count(needle) == native_copies, text
    assert not any(p.suffix == ".gpkg" for p in tmp_path.iterdir())
