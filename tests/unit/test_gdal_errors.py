"""GDAL exceptions are scoped to our calls: the process-wide mode is what it was before each call.

The adapters used to call ``gdal/ogr/osr.UseExceptions()`` at import, which switched the mode for
every plugin in the QGIS process. Here each reader and writer is called with exceptions OFF and with
them ON beforehand, on a good and on a bad file: the mode afterwards is the mode before, and a bad
file still gives our clear error (never an ``AttributeError`` on a ``None`` dataset).

GDAL here is 3.6: the switches are process-wide and per module (gdal, ogr, osr), and 3.6 emits no
FutureWarning when no mode was chosen. The thread-local ``ExceptionMgr`` path of GDAL ≥ 3.7 is tested
with stand-in modules (and, on a real 3.7+, once more against GDAL itself; skipped on 3.6).
"""

from __future__ import annotations

import ast
import contextlib
import subprocess
import sys
import threading
from pathlib import Path
from typing import ClassVar

import numpy as np
import pytest
import shapely
from osgeo import gdal, ogr, osr

from sbplanner_plugin.adapters import gdal_errors
from sbplanner_plugin.adapters.gdal_errors import ExceptionScope, exception_modes, gdal_exceptions
from sbplanner_plugin.adapters.plan_store import PlanEditError, PlanStore
from sbplanner_plugin.adapters.raster import (
    polygonize,
    projected_crs_for,
    rasterize,
    rasterize_parcels,
    read_dem,
    resample_to_grid,
    write_geotiff,
)
from sbplanner_plugin.adapters.vector_io import create_gpkg_table, fill_gpkg_table, read_layer
from sbplanner_plugin.core.errors import DemUnreadableError
from sbplanner_plugin.core.grid import Grid

REPO_ROOT = Path(__file__).resolve().parents[2]
GDAL_37 = hasattr(gdal, "ExceptionMgr")
MODULES = (gdal, ogr, osr)


def set_modes(on: bool) -> None:
    """All three modules on or off. 3.6 stacks the bindings' error handlers and only switches off
    the module on top, so off is retried in every order until it holds."""
    for _ in range(len(MODULES) + 1):
        for module in reversed(MODULES):
            if bool(module.GetUseExceptions()) == on:
                continue
            with contextlib.suppress(RuntimeError):
                module.UseExceptions() if on else module.DontUseExceptions()
    assert exception_modes() == ((1, 1, 1) if on else (0, 0, 0))


@pytest.fixture(params=[False, True], ids=["exceptions-off-before", "exceptions-on-before"])
def mode_before(request):
    original = exception_modes()
    set_modes(request.param)
    yield exception_modes()
    set_modes(False)  # back to what the session had (off, on, mixed) as far as 3.6 allows
    for module, was in zip(MODULES, original):
        if was:
            module.UseExceptions()


@pytest.fixture(scope="module")
def grid() -> Grid:
    values = np.arange(1, 1 + 20 * 30, dtype=np.float64).reshape(20, 30)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32650)
    return Grid(values, (500_000.0, 10.0, 0.0, 3_000_200.0, 0.0, -10.0), srs.ExportToWkt())


@pytest.fixture(scope="module")
def files(tmp_path_factory, grid) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("gdal_modes")
    dem = str(folder / "dem.tif")
    write_geotiff(dem, grid.values, grid)
    bad = folder / "not_a_raster.tif"
    bad.write_text("this is not a GeoTIFF", encoding="utf-8")
    layer = str(folder / "parcels.gpkg")
    create_gpkg_table(layer, "p", grid.crs_wkt, ogr.wkbPolygon, [ogr.FieldDefn("code", ogr.OFTInteger)])
    squares = [shapely.box(500_010 + 40 * i, 3_000_010, 500_040 + 40 * i, 3_000_100) for i in range(4)]
    fill_gpkg_table(layer, "p", [shapely.to_wkb(s) for s in squares], {"code": [1, 2, 3, 4]})
    bad_gpkg = folder / "not_a_layer.gpkg"
    bad_gpkg.write_text("this is not a GeoPackage", encoding="utf-8")
    return {
        "dem": dem,
        "bad": str(bad),
        "missing": str(folder / "missing.tif"),
        "layer": layer,
        "bad_gpkg": str(bad_gpkg),
        "folder": str(folder),
    }


def _raster_calls(files, grid):
    labels = np.zeros(grid.shape, dtype=np.int32)
    labels[2:8, 3:9] = 1
    labels[10:15, 12:20] = 2
    square = shapely.to_wkb(shapely.box(500_050, 3_000_050, 500_120, 3_000_150))
    return {
        "read_dem": lambda: read_dem(files["dem"]),
        "projected_crs_for": lambda: projected_crs_for(111.0, 28.0),
        "polygonize": lambda: polygonize(labels, grid),
        "rasterize": lambda: rasterize([(square, 7)], grid),
        "rasterize_parcels": lambda: rasterize_parcels([square], grid),
        "resample_to_grid": lambda: resample_to_grid(files["dem"], grid),
        "write_geotiff": lambda: write_geotiff(str(Path(files["folder"]) / "out.tif"), grid.values, grid),
    }


@pytest.mark.parametrize(
    "name",
    ["read_dem", "projected_crs_for", "polygonize", "rasterize", "rasterize_parcels", "resample_to_grid",
     "write_geotiff"],
)  # fmt: skip
def test_raster_success_leaves_the_mode(mode_before, files, grid, name) -> None:
    result = _raster_calls(files, grid)[name]()
    assert exception_modes() == mode_before
    if name == "read_dem":
        read, info = result
        np.testing.assert_array_equal(read.values, grid.values)
        assert not info.reprojected
    if name == "polygonize":
        assert sorted(result) == [1, 2]
        assert result[1].area == pytest.approx(36 * 100.0)
    if name == "projected_crs_for":
        assert result.GetAuthorityCode(None) == "4546"  # CGCS2000 3° GK CM 111°E


@pytest.mark.parametrize("which", ["bad", "missing"])
def test_raster_failure_is_our_error_and_leaves_the_mode(mode_before, files, grid, which) -> None:
    with pytest.raises(DemUnreadableError):
        read_dem(files[which])
    assert exception_modes() == mode_before
    with pytest.raises(DemUnreadableError):
        resample_to_grid(files[which], grid)
    assert exception_modes() == mode_before


def test_vector_success_leaves_the_mode(mode_before, files, grid, tmp_path) -> None:
    columns = read_layer(files["layer"], "p")
    assert columns.values["code"] == [1, 2, 3, 4]
    assert exception_modes() == mode_before
    out = str(tmp_path / "copy.gpkg")
    create_gpkg_table(out, "q", grid.crs_wkt, ogr.wkbPolygon, columns.field_defns)
    assert exception_modes() == mode_before
    fill_gpkg_table(out, "q", columns.wkb, columns.values)
    assert exception_modes() == mode_before
    assert read_layer(out).values["code"] == [1, 2, 3, 4]


def test_vector_failure_is_a_clear_error_and_leaves_the_mode(mode_before, files) -> None:
    with pytest.raises(RuntimeError, match="not recognized as a supported file format"):
        read_layer(files["bad_gpkg"])
    assert exception_modes() == mode_before
    with pytest.raises(ValueError, match="no layer 'nope'"):
        read_layer(files["layer"], "nope")
    assert exception_modes() == mode_before
    with pytest.raises(ValueError, match="no field 'nope'"):
        read_layer(files["layer"], "p", fields=["nope"])
    assert exception_modes() == mode_before


def test_plan_store_leaves_the_mode(mode_before, tmp_path) -> None:
    store = PlanStore(tmp_path / "plan.gpkg")
    store.ensure()  # creates the GeoPackage through OGR
    assert exception_modes() == mode_before
    create_gpkg_table(str(store.path), "check_dams", "", ogr.wkbMultiPoint, [ogr.FieldDefn("status", ogr.OFTString)])
    fid = store.insert_feature("check_dams", shapely.to_wkb(shapely.Point(1, 2)), {"status": "proposed"})
    assert exception_modes() == mode_before
    (feature,) = store.read_features("check_dams", [fid])
    assert shapely.from_wkb(feature["wkb"]).equals(shapely.MultiPoint([(1, 2)]))
    with pytest.raises(PlanEditError) as info:
        store.insert_feature("check_dams", b"not a geometry", {"status": "proposed"})
    assert info.value.params["reason"] == "the geometry is not valid WKB"  # our message in either mode
    assert exception_modes() == mode_before


def test_exceptions_inside_the_block_and_restored_after_an_error(mode_before) -> None:
    inside = []

    def fail() -> None:
        with gdal_exceptions():
            inside.append(exception_modes())
            with gdal_exceptions():  # nested: on, and still on after the inner block
                inside.append(exception_modes())
            inside.append(exception_modes())
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        fail()
    assert inside == [(1, 1, 1)] * 3
    assert exception_modes() == mode_before


def test_mixed_modes_are_restored_module_by_module() -> None:
    original = exception_modes()
    set_modes(False)
    try:
        ogr.UseExceptions()  # someone else's choice: ogr only
        with gdal_exceptions():
            assert exception_modes() == (1, 1, 1)
        assert exception_modes() == (0, 1, 0)
    finally:
        set_modes(False)
        for module, was in zip(MODULES, original):
            if was:
                module.UseExceptions()


def test_importing_the_adapters_does_not_flip_the_mode(files) -> None:
    """A fresh interpreter: importing every adapter and calling them leaves GDAL's default (off)."""
    code = (
        "import warnings, sys\n"
        "warnings.simplefilter('error', FutureWarning)\n"
        "from osgeo import gdal, ogr, osr\n"
        "import sbplanner_plugin.adapters.raster as r, sbplanner_plugin.adapters.vector_io as v\n"
        "import sbplanner_plugin.adapters.plan_store as p\n"
        "modes = lambda: (gdal.GetUseExceptions(), ogr.GetUseExceptions(), osr.GetUseExceptions())\n"
        "assert modes() == (0, 0, 0), modes()\n"
        "r.read_dem(sys.argv[1]); v.read_layer(sys.argv[2])\n"
        "try:\n    r.read_dem(sys.argv[3])\nexcept Exception as e:\n    print(type(e).__name__)\n"
        "print(modes())\n"
    )
    if GDAL_37:  # 3.7+ warns once when neither mode was chosen; that is GDAL's advice, not our mode
        code = code.replace("warnings.simplefilter('error', FutureWarning)\n", "")
    done = subprocess.run(
        [sys.executable, "-c", code, files["dem"], files["layer"], files["bad"]],
        capture_output=True, text=True, cwd=REPO_ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["DemUnreadableError", "(0,", "0,", "0)"]


# ----------------------------------------------------------------------------------------------------
# the mechanism, with stand-in modules


class FakeGdal36:
    """A module as in GDAL 3.6: a process-wide switch and one shared stack of error handlers."""

    stack: ClassVar[list[str]] = []

    def __init__(self, name: str) -> None:
        self.__name__ = name
        self.on = 0

    def GetUseExceptions(self) -> int:
        return self.on

    def UseExceptions(self) -> None:
        if not self.on:
            self.on = 1
            self.stack.insert(0, self.__name__)

    def DontUseExceptions(self) -> None:
        if self.on:
            if self.stack[0] != self.__name__:
                raise RuntimeError(f"Cannot call {self.__name__}.DontUseExceptions() at that point")
            self.stack.pop(0)
            self.on = 0


@pytest.fixture
def fakes():
    FakeGdal36.stack = []
    return tuple(FakeGdal36(n) for n in ("gdal", "ogr", "osr"))


def test_fake_restore_undoes_the_handler_stack_in_order(fakes) -> None:
    fakes[1].UseExceptions()  # ogr on before, at the bottom of the stack
    scope = ExceptionScope(fakes)
    assert not scope.thread_local
    with scope.block():
        assert exception_modes(fakes) == (1, 1, 1)
        assert FakeGdal36.stack == ["osr", "gdal", "ogr"]
    assert exception_modes(fakes) == (0, 1, 0)
    assert FakeGdal36.stack == ["ogr"]


def test_fake_restore_retries_when_another_order_is_on_top(fakes) -> None:
    scope = ExceptionScope(fakes)
    with scope.block():
        # someone else switched gdal off and on again meanwhile: gdal is now on top
        FakeGdal36.stack.remove("gdal")
        FakeGdal36.stack.insert(0, "gdal")
    assert exception_modes(fakes) == (0, 0, 0)
    assert FakeGdal36.stack == []


def test_fake_overlapping_threads_keep_exceptions_on_until_the_last_leaves(fakes) -> None:
    scope = ExceptionScope(fakes)
    a_in, b_in, a_out = threading.Event(), threading.Event(), threading.Event()
    seen = {}

    def a() -> None:
        with scope.block():
            a_in.set()
            b_in.wait(5)
        a_out.set()

    def b() -> None:
        a_in.wait(5)
        with scope.block():
            b_in.set()
            a_out.wait(5)
            seen["b after a left"] = exception_modes(fakes)

    threads = [threading.Thread(target=a), threading.Thread(target=b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert seen["b after a left"] == (1, 1, 1)
    assert exception_modes(fakes) == (0, 0, 0)


def test_fake_gdal37_uses_the_thread_local_manager_only() -> None:
    calls = []

    class Manager:
        def __init__(self, name, use):
            self.name, self.use = name, use

        def __enter__(self):
            calls.append(("enter", self.name, self.use))

        def __exit__(self, *exc):
            calls.append(("exit", self.name))

    class Fake37:
        def __init__(self, name):
            self.__name__ = name
            self.ExceptionMgr = lambda **kwargs: Manager(name, kwargs["useExceptions"])

        def GetUseExceptions(self):
            return 0

        def UseExceptions(self):  # process-wide: must not be called
            raise AssertionError("process-wide switch used")

        DontUseExceptions = UseExceptions

    scope = ExceptionScope([Fake37("gdal"), Fake37("ogr"), Fake37("osr")])
    assert scope.thread_local
    with scope.block():
        pass
    assert calls == [
        ("enter", "gdal", True), ("enter", "ogr", True), ("enter", "osr", True),
        ("exit", "osr"), ("exit", "ogr"), ("exit", "gdal"),
    ]  # fmt: skip


@pytest.mark.skipif(not GDAL_37, reason="GDAL < 3.7 has no thread-local ExceptionMgr (Debian 12: 3.6)")
def test_real_gdal37_does_not_choose_a_mode_for_the_process(files) -> None:
    code = (
        "import sys, warnings\nwarnings.simplefilter('ignore', FutureWarning)\n"
        "from osgeo import gdal\nimport sbplanner_plugin.adapters.raster as r\n"
        "r.read_dem(sys.argv[1])\nprint(gdal.GetUseExceptions(), gdal._UserHasSpecifiedIfUsingExceptions())\n"
    )
    done = subprocess.run([sys.executable, "-c", code, files["dem"]], capture_output=True, text=True,
                          cwd=REPO_ROOT, timeout=120, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0", "False"]


def test_default_scope_is_shared() -> None:
    assert gdal_errors._default_scope() is gdal_errors._default_scope()
    assert gdal_errors._default_scope().modules == MODULES


def test_only_gdal_errors_switches_the_mode() -> None:
    """No module flips GDAL's process-wide mode itself (as the adapters did at import)."""
    offences = []
    for path in sorted((REPO_ROOT / "sbplanner_plugin").rglob("*.py")):
        if path.name == "gdal_errors.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("UseExceptions", "DontUseExceptions"):
                offences.append(f"{path.relative_to(REPO_ROOT)}:{node.lineno}")
    assert offences == [], "use adapters.gdal_errors.gdal_exceptions() / with_gdal_exceptions"
