"""The tiled pipeline on Dask (adapters/tiled_dask.py) against the single-machine path, cell by cell.

The DEM is a GeoTIFF the tasks read window by window through GDAL; the outputs are GeoTIFFs. Every
comparison is ``np.array_equal``. Most tests run on an in-process 2-worker cluster (threads); one runs on
real worker processes and kills one of them mid-run. Skipped when dask / distributed are not installed.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")

from osgeo import gdal  # noqa: E402

from sbplanner_plugin.adapters import tiled_dask  # noqa: E402
from sbplanner_plugin.core.errors import CancelledError, TileFailedError, WorkFolderMismatchError  # noqa: E402
from sbplanner_plugin.core.flood import accumulate_cells, downstream_indices, priority_flood  # noqa: E402
from sbplanner_plugin.core.tiled.tiles import windows  # noqa: E402
from tests.unit.test_tiled_hydrology import plateau_dem, random_dem  # noqa: E402

DX, DY = 10.0, 12.0
NODATA = -9999.0


@pytest.fixture(scope="module")
def client():
    """An in-process local cluster of 2 single-threaded workers."""
    c, cluster = tiled_dask.open_client(n_workers=2, processes=False, memory_limit="1GB")
    yield c
    c.close()
    cluster.close()


def write_dem(path: Path, dem: np.ndarray, dx: float = DX, dy: float = DY) -> str:
    ds = gdal.GetDriverByName("GTiff").Create(str(path), dem.shape[1], dem.shape[0], 1, gdal.GDT_Float32)
    ds.SetGeoTransform((500000.0, dx, 0.0, 4000000.0, 0.0, -dy))
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(NODATA)
    band.WriteArray(np.where(np.isnan(dem), NODATA, dem).astype(np.float32))
    ds = None
    return str(path)


def read_dem(path: str) -> tuple[np.ndarray, float, float]:
    ds = gdal.Open(path)
    band = ds.GetRasterBand(1)
    dem = band.ReadAsArray().astype(np.float32)
    nodata = band.GetNoDataValue()
    if nodata is not None:
        dem[dem == nodata] = np.nan
    gt = ds.GetGeoTransform()
    return dem, abs(gt[1]), abs(gt[5])


def single(dem: np.ndarray, dx: float, dy: float):
    d8, seq, filled = priority_flood(dem, dx, dy, True)
    upa = accumulate_cells(seq, downstream_indices(d8)).reshape(dem.shape)
    return filled, d8, upa


def outputs_in(folder: Path) -> dict[str, str]:
    return {name: str(folder / f"{name}.tif") for name in ("filled", "d8", "accumulation")}


def assert_outputs_identical(dem_path: str, outputs: dict[str, str], tile=None) -> None:
    filled, d8, upa = single(*read_dem(dem_path))
    assert np.array_equal(gdal.Open(outputs["filled"]).ReadAsArray(), filled, equal_nan=True)
    assert np.array_equal(gdal.Open(outputs["d8"]).ReadAsArray(), d8)
    assert np.array_equal(gdal.Open(outputs["accumulation"]).ReadAsArray(), upa)
    ds = gdal.Open(outputs["d8"])
    if tile is not None:  # a tiled GeoTIFF, compressed when its blocks nest in the tiles
        bx, by, compress = tiled_dask.block_layout((tile, tile) if np.ndim(tile) == 0 else tile)
        assert ds.GetRasterBand(1).GetBlockSize() == [bx, by]
        assert (ds.GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE") == "DEFLATE") == compress
    assert ds.GetGeoTransform() == gdal.Open(dem_path).GetGeoTransform()


def test_random_dems_with_pits_and_flats_are_identical(client, tmp_path: Path) -> None:
    for k, (dem, tile) in enumerate(
        [(random_dem(0, (90, 110)), 16), (random_dem(1, (61, 47), levels=3), (9, 13)), (plateau_dem((80, 96)), 16)]
    ):
        dem_path = write_dem(tmp_path / f"dem{k}.tif", dem)
        outputs = outputs_in(tmp_path / f"out{k}")
        result = tiled_dask.run_tiled_dask(dem_path, tmp_path / f"work{k}", tile, outputs, client=client)
        assert result.tiles == len(windows(dem.shape, tile)) > 1
        assert result.computed == dict.fromkeys(tiled_dask.STAGES, result.tiles)
        assert_outputs_identical(dem_path, outputs, tile)
        # nothing but the outputs in their folder (the temporary files were renamed)
        assert sorted(os.listdir(tmp_path / f"out{k}")) == ["accumulation.tif", "d8.tif", "filled.tif"]


def test_youwuzhen_in_64_by_64_tiles(client, demo_dir: Path, tmp_path: Path) -> None:
    dem_path = str(demo_dir / "ywzdem10m.tif")
    outputs = outputs_in(tmp_path)
    progress: list[float] = []
    result = tiled_dask.run_tiled_dask(
        dem_path, tmp_path / "work", 64, outputs, client=client, progress=lambda p, _s: progress.append(p)
    )
    assert result.tiles == 30
    assert_outputs_identical(dem_path, outputs, 64)
    assert progress == sorted(progress) and progress[-1] == pytest.approx(100.0)
    assert len(progress) == 5 * result.tiles


def _executing(dask_worker) -> int:
    return len(dask_worker.state.executing)


def _wait_idle(c, timeout: float = 30.0) -> None:
    """Until no task runs on any worker: a cancelled run's running tasks finish on their own (the scheduler
    forgets them at once; the workers' own states still count them until they return)."""
    end = time.monotonic() + timeout
    while any(c.run(_executing).values()) and time.monotonic() < end:
        time.sleep(0.05)


def _markers(work: Path, stage: str) -> int:
    return len(list((work / stage).glob("*.done")))


def test_restart_resumes_from_finished_tiles(client, tmp_path: Path) -> None:
    dem = random_dem(5, (96, 96))
    dem_path = write_dem(tmp_path / "dem.tif", dem)
    work = tmp_path / "work"
    outputs = outputs_in(tmp_path / "out")
    n = len(windows(dem.shape, 16))
    seen = []

    def cancel_in_fill2() -> bool:
        return len(seen) >= n + 10  # every fill1 tile and 10 fill2 tiles done

    with pytest.raises(CancelledError):
        tiled_dask.run_tiled_dask(
            dem_path, work, 16, outputs, client=client, progress=lambda p, s: seen.append(s), cancel=cancel_in_fill2
        )
    _wait_idle(client)
    assert not (tmp_path / "out" / "d8.tif").exists()
    assert os.listdir(tmp_path / "out") == []  # the temporary outputs were removed
    done_fill1, done_fill2 = _markers(work, "fill1"), _markers(work, "fill2")
    assert done_fill1 == n
    assert 10 <= done_fill2 < n
    assert _markers(work, "dir1") == 0

    result = tiled_dask.run_tiled_dask(dem_path, work, 16, outputs, client=client)
    assert result.skipped == {"fill1": n, "fill2": done_fill2}
    assert result.computed == {"fill2": n - done_fill2, "dir1": n, "dir2": n, "acc2": n}
    assert_outputs_identical(dem_path, outputs)

    # everything finished: a third run computes no tile and writes the same outputs again
    again = tiled_dask.run_tiled_dask(dem_path, work, 16, outputs_in(tmp_path / "again"), client=client)
    assert again.computed == {}
    assert again.skipped == dict.fromkeys(tiled_dask.STAGES, n)
    assert_outputs_identical(dem_path, outputs_in(tmp_path / "again"))


def test_block_layout_nests_in_the_tiles() -> None:
    assert tiled_dask.block_layout((64, 64)) == (64, 64, True)
    assert tiled_dask.block_layout((1024, 2048)) == (512, 512, True)
    assert tiled_dask.block_layout((16, 48)) == (48, 16, True)
    assert tiled_dask.block_layout((1000, 1000)) == (256, 256, False)
    assert tiled_dask.block_layout((9, 13)) == (256, 256, False)


def test_work_folder_of_another_tiling_is_refused(client, tmp_path: Path) -> None:
    dem_path = write_dem(tmp_path / "dem.tif", random_dem(2, (40, 40)))
    tiled_dask.run_tiled_dask(dem_path, tmp_path / "work", 16, outputs_in(tmp_path), client=client)
    with pytest.raises(WorkFolderMismatchError) as caught:
        tiled_dask.run_tiled_dask(dem_path, tmp_path / "work", 8, outputs_in(tmp_path), client=client)
    assert str(tmp_path / "work") in str(caught.value)


def test_a_failing_tile_names_its_window(client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dem_path = write_dem(tmp_path / "dem.tif", random_dem(3, (64, 64)))
    real = tiled_dask.directions_stage1
    calls = []

    def broken(filled, window, cols, dx, dy):
        if (window.r0, window.c0) == (16, 32):
            calls.append(window)
            raise ValueError("disk on fire")
        return real(filled, window, cols, dx, dy)

    monkeypatch.setattr(tiled_dask, "directions_stage1", broken)
    out = tmp_path / "out"
    with pytest.raises(TileFailedError) as caught:
        tiled_dask.run_tiled_dask(dem_path, tmp_path / "work", 16, outputs_in(out), client=client)
    error = caught.value
    assert (error.params["row"], error.params["col"]) == (16, 32)
    assert (error.params["rows"], error.params["cols"]) == (16, 16)
    assert error.params["stage"] == "dir1"
    assert "row offset 16, column offset 32" in str(error)
    assert "disk on fire" in str(error)
    assert len(calls) == 2  # retried once
    _wait_idle(client)
    assert os.listdir(out) == []  # no output, finished or temporary


def test_real_worker_processes_survive_a_killed_worker(tmp_path: Path) -> None:
    dem = random_dem(7, (160, 160))
    dem_path = write_dem(tmp_path / "dem.tif", dem)
    outputs = outputs_in(tmp_path / "out")
    c, cluster = tiled_dask.open_client(n_workers=2, processes=True, memory_limit="1GB")
    try:
        pids = c.run(os.getpid)
        assert len(set(pids.values())) == 2 and os.getpid() not in pids.values()
        victim = sorted(pids.values())[0]
        killed = []

        def kill_once(_percent: float, stage: str) -> None:
            # in the directions stage: fill1 / fill2 / dir1 outputs of the victim are on disk, some not yet
            if stage == "dir1" and not killed:
                os.kill(victim, signal.SIGKILL)
                killed.append(victim)

        n = len(windows(dem.shape, 20))
        result = tiled_dask.run_tiled_dask(dem_path, tmp_path / "work", 20, outputs, client=c, progress=kill_once)
        assert killed == [victim]
        assert victim not in c.run(os.getpid).values()  # the nanny started a new worker process
        assert result.computed["acc2"] == n
        assert_outputs_identical(dem_path, outputs)
    finally:
        c.close()
        cluster.close()


def test_a_scheduler_address_is_used_and_its_cluster_left_running(client, tmp_path: Path) -> None:
    dem_path = write_dem(tmp_path / "dem.tif", random_dem(4, (50, 70)))
    outputs = outputs_in(tmp_path / "out")
    address = client.scheduler.address
    result = tiled_dask.run_tiled_dask(dem_path, tmp_path / "work", 16, outputs, scheduler=address)
    assert result.dashboard.startswith("http")
    assert_outputs_identical(dem_path, outputs, 16)
    assert len(client.scheduler_info()["workers"]) == 2  # our own client closed; the cluster still runs
