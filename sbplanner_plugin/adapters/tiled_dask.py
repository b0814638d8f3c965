"""The tiled pipeline (``core.tiled``) on Dask, on windows of a GeoTIFF: nothing holds the whole DEM.

Each per-tile stage of :mod:`sbplanner_plugin.core.tiled` runs as one Dask task per tile. A task opens
the DEM itself and reads only its window (with the one-cell halo) through GDAL; what a tile's later
stages need (its filled surface, labels, codes) is spilled to the *work folder* as ``.npy`` files, so a
worker holds one tile at a time. Only the tiles' small summaries (perimeter cells) come back to the
client, which solves the central edge graphs (spill elevations, distances across flats, inflows) and
sends each tile its share. The outputs (filled DEM, D8 codes, upstream cells) are tiled GeoTIFFs the
client writes window by window as tiles finish, under a temporary name beside the output, then moves
into place with ``os.replace`` (an existing output survives a failed run).

Faults and restarts:

* every file of a tile is written aside and renamed; a tile's stage is *complete* when its marker file
  (``<stage>/<row>_<col>.done``, written last, atomically) exists. A restart with the same work folder
  skips those tiles (their summary is read back); the edge graphs are solved again from the summaries.
  The relaxation rounds across flats are not checkpointed (they are cheap next to the tile stages).
* a worker that dies mid-run (killed, out of memory) is replaced by its nanny and Dask reruns its tasks
  (a task rerun rewrites the same files);
* a task that raises is retried once, then the run stops with :class:`TileFailedError` naming the
  tile's window;
* ``cancel()`` is checked each time a task finishes: the outstanding futures are cancelled and
  :class:`CancelledError` is raised.

The work folder must be visible to the client and to every worker under the same path (local disk for
a local cluster; a shared file system for a cluster). dask / distributed are optional dependencies:
:func:`run_tiled_dask` raises a translated :class:`OptionalPackageMissingError` with the install command
when they are missing.
"""

from __future__ import annotations

import json
import logging
import os
import pickle  # nosec B403 - only our own summaries, written by our own tasks into the run's work folder
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from sbplanner_plugin import deps
from sbplanner_plugin.core.errors import CancelledError, DemUnreadableError, TileFailedError, WorkFolderMismatchError
from sbplanner_plugin.core.flood import D8_NODATA
from sbplanner_plugin.core.tiled.accumulation import accumulation_stage1, accumulation_stage2, solve_inflow
from sbplanner_plugin.core.tiled.directions import FAR, directions_stage1, directions_stage2, flat_round
from sbplanner_plugin.core.tiled.driver import _tile_neighbours
from sbplanner_plugin.core.tiled.fill import fill_stage1, fill_stage2, solve_spill
from sbplanner_plugin.core.tiled.tiles import PerimeterTable, StageClock, Window, windows

LOGGER = logging.getLogger(__name__)

MANIFEST = "manifest.json"
#: The tile stages, in order (the flat relaxation rounds run between ``dir1`` and ``dir2``).
STAGES = ("fill1", "fill2", "dir1", "dir2", "acc2")


# --------------------------------------------------------------------------------------------
# files of the work folder (written aside, then renamed: a killed task never leaves half a file)


def _key(win: Window) -> str:
    return f"{win.r0}_{win.c0}"


def _path(work: str, stage: str, win: Window, name: str) -> str:
    return os.path.join(work, stage, f"{_key(win)}.{name}")


def _atomic_write(path: str, write: Callable[[object], None]) -> None:
    tmp = f"{path}.tmp-{os.getpid()}-{secrets.token_hex(4)}"
    with open(tmp, "wb") as stream:
        write(stream)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(tmp, path)


def _save(work: str, stage: str, win: Window, **arrays: np.ndarray) -> None:
    for name, array in arrays.items():
        _atomic_write(_path(work, stage, win, f"{name}.npy"), lambda s, a=array: np.save(s, a, allow_pickle=False))


def _load(work: str, stage: str, win: Window, name: str) -> np.ndarray:
    return np.load(_path(work, stage, win, f"{name}.npy"), allow_pickle=False)


def _finish(work: str, stage: str, win: Window, summary: object) -> None:
    """Write the tile's summary, then its marker: from now on the tile's stage counts as complete."""
    _atomic_write(_path(work, stage, win, "summary.pkl"), lambda s: pickle.dump(summary, s, protocol=4))
    _atomic_write(_path(work, stage, win, "done"), lambda s: s.write(b"ok\n"))


def _finished(work: str, stage: str, win: Window) -> tuple[bool, object]:
    if not os.path.exists(_path(work, stage, win, "done")):
        return False, None
    with open(_path(work, stage, win, "summary.pkl"), "rb") as stream:
        return True, pickle.load(stream)  # nosec B301 - our own file (see the import)


# --------------------------------------------------------------------------------------------
# reading a window of the DEM


def read_padded(dem_path: str, win: Window, shape: tuple[int, int]) -> np.ndarray:
    """The tile ``win`` of band 1 with its one-cell halo, float32, NaN at nodata and outside the grid."""
    from osgeo import gdal

    rows, cols = shape
    ds = gdal.Open(dem_path, gdal.GA_ReadOnly)
    if ds is None:
        raise OSError(f"GDAL cannot open {dem_path}")
    band = ds.GetRasterBand(1)
    rr0, rr1 = max(win.r0 - 1, 0), min(win.r1 + 1, rows)
    cc0, cc1 = max(win.c0 - 1, 0), min(win.c1 + 1, cols)
    data = band.ReadAsArray(xoff=cc0, yoff=rr0, win_xsize=cc1 - cc0, win_ysize=rr1 - rr0)
    if data is None:
        raise OSError(f"GDAL cannot read the window rows {rr0}:{rr1}, columns {cc0}:{cc1} of {dem_path}")
    data = data.astype(np.float32)
    nodata = band.GetNoDataValue()
    if nodata is not None:
        data[data == np.float32(nodata)] = np.nan
    ds = None
    out = np.full((win.r1 - win.r0 + 2, win.c1 - win.c0 + 2), np.nan, dtype=np.float32)
    out[rr0 - win.r0 + 1 : rr1 - win.r0 + 1, cc0 - win.c0 + 1 : cc1 - win.c0 + 1] = data
    return out


# --------------------------------------------------------------------------------------------
# the tasks (module level: pickled by reference, run on the workers); each returns (summary, computed)


def task_fill1(work: str, dem_path: str, win: Window, shape: tuple[int, int]):
    done, summary = _finished(work, "fill1", win)
    if done:
        return summary, False
    filled, label, summary = fill_stage1(read_padded(dem_path, win, shape), win, shape[1])
    _save(work, "fill1", win, filled=filled, label=label)
    _finish(work, "fill1", win, summary)
    return summary, True


def task_fill2(work: str, win: Window, spill: np.ndarray):
    done, _ = _finished(work, "fill2", win)
    if done:
        return None, False
    filled = fill_stage2(_load(work, "fill1", win, "filled"), _load(work, "fill1", win, "label"), spill)
    _save(work, "fill2", win, filled=filled)
    _finish(work, "fill2", win, None)
    return None, True


def task_dir1(work: str, win: Window, shape, filled_table: PerimeterTable, dx: float, dy: float):
    done, summary = _finished(work, "dir1", win)
    if done:
        return summary, False
    filled = filled_table.halo(_load(work, "fill2", win, "filled"), win, shape)
    code, summary = directions_stage1(filled, win, shape[1], dx, dy)
    _save(work, "dir1", win, code=code)
    _finish(work, "dir1", win, summary)
    return summary, True


def task_flat_round(work: str, win: Window, shape, filled_table: PerimeterTable, dist_table: PerimeterTable):
    filled = filled_table.halo(_load(work, "fill2", win, "filled"), win, shape)
    halo = dist_table.halo(np.zeros(win.shape, np.int64), win, shape)
    return flat_round(filled, _load(work, "dir1", win, "code"), halo), True


def task_dir2(work: str, win: Window, shape, filled_table: PerimeterTable, dist_table: PerimeterTable):
    """The tile's final D8 codes and, on them, the first accumulation stage."""
    done, summary = _finished(work, "dir2", win)
    if done:
        return summary, False
    filled = filled_table.halo(_load(work, "fill2", win, "filled"), win, shape)
    halo = dist_table.halo(np.zeros(win.shape, np.int64), win, shape)
    code = directions_stage2(filled, _load(work, "dir1", win, "code"), halo)
    summary = accumulation_stage1(code, win, shape[1])
    _save(work, "dir2", win, code=code)
    _finish(work, "dir2", win, summary)
    return summary, True


def task_acc2(work: str, win: Window, inflow: np.ndarray):
    done, _ = _finished(work, "acc2", win)
    if done:
        return None, False
    upa = accumulation_stage2(_load(work, "dir2", win, "code"), win, inflow)
    _save(work, "acc2", win, upa=upa.astype(np.int64))
    _finish(work, "acc2", win, None)
    return None, True


# --------------------------------------------------------------------------------------------
# outputs: tiled GeoTIFFs written window by window under a temporary name, then moved into place


def block_layout(tile: tuple[int, int]) -> tuple[int, int, bool]:
    """GeoTIFF block width, height and whether to compress, for outputs written tile by tile.

    Each tile is flushed to the file as soon as it is written (the client never caches more than a tile).
    A compressed block that is written twice (two tiles share it) is appended again, so the outputs are
    compressed only when the blocks nest in the tiles: the largest multiple of 16 up to 512 dividing the
    tile's sides; else uncompressed 256 × 256 blocks (rewritten in place).
    """

    def nested(side: int) -> int:
        return next((b for b in range(512, 15, -16) if side % b == 0), 0)

    bx, by = nested(tile[1]), nested(tile[0])
    if bx and by:
        return bx, by, True
    return 256, 256, False


class _Output:
    def __init__(self, path: str, like, gdal_type: int, nodata: float | None, tile: tuple[int, int]) -> None:
        from osgeo import gdal

        self.path = path
        folder = os.path.dirname(os.path.abspath(path)) or "."
        os.makedirs(folder, exist_ok=True)
        self.tmp = os.path.join(folder, f".{os.path.basename(path)}.tmp-{os.getpid()}-{secrets.token_hex(4)}.tif")
        bx, by, compress = block_layout(tile)
        options = ["TILED=YES", f"BLOCKXSIZE={bx}", f"BLOCKYSIZE={by}", "BIGTIFF=IF_SAFER"]
        if compress:
            options.append("COMPRESS=DEFLATE")
        driver = gdal.GetDriverByName("GTiff")
        self.ds = driver.Create(self.tmp, like.RasterXSize, like.RasterYSize, 1, gdal_type, options=options)
        if self.ds is None:
            raise OSError(f"GDAL cannot create {self.tmp}")
        self.ds.SetGeoTransform(like.GetGeoTransform())
        self.ds.SetProjection(like.GetProjection())
        if nodata is not None:
            self.ds.GetRasterBand(1).SetNoDataValue(nodata)

    def write(self, win: Window, array: np.ndarray) -> None:
        self.ds.GetRasterBand(1).WriteArray(array, xoff=win.c0, yoff=win.r0)
        self.ds.FlushCache()  # to the file now: the client holds no more than a tile

    def commit(self) -> None:
        self.ds.FlushCache()
        self.ds = None
        os.replace(self.tmp, self.path)

    def discard(self) -> None:
        self.ds = None
        if os.path.exists(self.tmp):
            os.remove(self.tmp)


# --------------------------------------------------------------------------------------------
# the driver


@dataclass
class TiledDaskResult:
    shape: tuple[int, int]
    tiles: int
    outputs: dict[str, str]  # "filled" / "d8" / "accumulation" → path written
    computed: dict[str, int] = field(default_factory=dict)  # stage → tiles computed in this run
    skipped: dict[str, int] = field(default_factory=dict)  # stage → tiles found complete in the work folder
    flat_rounds: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    dashboard: str = ""


def _manifest(dem_path: str, shape, tile, dx: float, dy: float) -> dict:
    stat = os.stat(dem_path)
    return {
        "version": 1,
        "dem": os.path.abspath(dem_path),
        "bytes": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
        "shape": list(shape),
        "tile": list(tile),
        "dx": dx,
        "dy": dy,
    }


def _prepare_work(work: str, manifest: dict) -> None:
    os.makedirs(work, exist_ok=True)
    path = os.path.join(work, MANIFEST)
    if os.path.exists(path):
        with open(path, encoding="utf-8") as stream:
            try:
                old = json.load(stream)
            except ValueError:
                old = None
        if old != manifest:
            raise WorkFolderMismatchError(path=work)
    else:
        _atomic_write(path, lambda s: s.write(json.dumps(manifest, indent=1).encode("utf-8")))
    for stage in STAGES:
        os.makedirs(os.path.join(work, stage), exist_ok=True)


def open_client(
    scheduler: str | None = None, n_workers: int | None = None, memory_limit: str | int = "auto", processes: bool = True
):
    """A client of ``scheduler`` (an address), or of a new local cluster: ``n_workers`` (default: the
    cores) single-threaded workers with ``memory_limit`` each (none for workers in this process,
    ``processes=False``). Returns ``(client, cluster or None)``."""
    deps.require_optional("tiled")
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    n_workers = n_workers or os.cpu_count() or 1
    if not processes:
        # workers inside this process measure this process's memory: past 80 % of the limit distributed
        # pauses them and the run waits for ever (seen: the unit suite's process at 0.8 GB against 1 GB)
        memory_limit = 0
    cluster = LocalCluster(
        n_workers=n_workers,
        threads_per_worker=1,
        memory_limit=memory_limit,
        processes=processes,
        dashboard_address=":0",
    )
    return Client(cluster), cluster


class _Runner:
    """Submits one stage's tasks and collects them as they finish: progress, cancel, errors by window."""

    def __init__(self, client, run_id: str, n_tiles: int, progress, cancel) -> None:
        self.client = client
        self.run_id = run_id
        self.progress = progress
        self.cancel = cancel
        self.total = len(STAGES) * n_tiles
        self.done = 0
        self.computed: dict[str, int] = {}
        self.skipped: dict[str, int] = {}

    def map(self, stage: str, fn, wins: list[Window], args_of, on_result=None, count: bool = True) -> list:
        futures = {}
        for k, win in enumerate(wins):
            key = f"sbplanner-{stage}-{_key(win)}-{self.run_id}-{secrets.token_hex(3)}"
            futures[self.client.submit(fn, *args_of(k, win), key=key, retries=1, pure=False)] = k
        results: list = [None] * len(wins)
        from distributed import as_completed

        try:
            for future in as_completed(list(futures)):
                k = futures[future]
                if self.cancel is not None and self.cancel():
                    raise CancelledError()
                try:
                    value, computed = future.result()
                except Exception as error:  # the tile's own error, after the retry
                    win = wins[k]
                    raise TileFailedError(
                        row=win.r0,
                        col=win.c0,
                        rows=win.shape[0],
                        cols=win.shape[1],
                        stage=stage,
                        reason=f"{type(error).__name__}: {error}",
                    ) from error
                results[k] = value
                future.release()
                if count:
                    bucket = self.computed if computed else self.skipped
                    bucket[stage] = bucket.get(stage, 0) + 1
                    self.done += 1
                if on_result is not None:
                    on_result(k, value)
                if self.progress is not None and count:
                    self.progress(100.0 * self.done / self.total, stage)
        except BaseException:
            self.client.cancel(list(futures))
            raise
        return results


def run_tiled_dask(
    dem_path: str,
    work_dir: str,
    tile_size: int | tuple[int, int],
    outputs: dict[str, str],
    *,
    client=None,
    scheduler: str | None = None,
    n_workers: int | None = None,
    memory_limit: str | int = "auto",
    processes: bool = True,
    progress: Callable[[float, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> TiledDaskResult:
    """Filled DEM, D8 codes and upstream cells of the GeoTIFF ``dem_path``, tile by tile on Dask.

    ``outputs``: any of ``"filled"`` (float32, NaN nodata), ``"d8"`` (uint8, pyflwdir codes, 247 nodata),
    ``"accumulation"`` (int64 upstream cells, 0 at nodata) → GeoTIFF path. ``client``: an existing
    ``distributed.Client``; else one of ``scheduler`` or of a new local cluster (see :func:`open_client`),
    closed at the end. ``work_dir`` keeps the tiles' intermediate files (a restart resumes from them).
    """
    deps.require_optional("tiled")
    from osgeo import gdal

    ds = gdal.Open(str(dem_path), gdal.GA_ReadOnly)
    if ds is None:
        raise DemUnreadableError(path=str(dem_path))
    shape = (ds.RasterYSize, ds.RasterXSize)
    gt = ds.GetGeoTransform()
    dx, dy = abs(gt[1]), abs(gt[5])
    tile = (int(tile_size), int(tile_size)) if np.ndim(tile_size) == 0 else tuple(int(t) for t in tile_size)
    wins = windows(shape, tile)
    work = os.path.abspath(str(work_dir))
    _prepare_work(work, _manifest(str(dem_path), shape, tile, dx, dy))
    dem_path = os.path.abspath(str(dem_path))

    own = client is None
    cluster = None
    if own:
        client, cluster = open_client(scheduler, n_workers, memory_limit, processes)
    import dask

    dashboard = getattr(client, "dashboard_link", "") or ""
    LOGGER.info("Dask %s, %d tiles of %s cells; dashboard: %s", dask.__version__, len(wins), tile, dashboard)
    runner = _Runner(client, secrets.token_hex(4), len(wins), progress, cancel)
    clock = StageClock()
    lap, seconds = clock.lap, clock.seconds

    writers: dict[str, _Output] = {}
    try:
        if "filled" in outputs:
            writers["filled"] = _Output(outputs["filled"], ds, gdal.GDT_Float32, float("nan"), tile)
        if "d8" in outputs:
            writers["d8"] = _Output(outputs["d8"], ds, gdal.GDT_Byte, float(D8_NODATA), tile)
        if "accumulation" in outputs:
            int64 = getattr(gdal, "GDT_Int64", gdal.GDT_Float64)
            writers["accumulation"] = _Output(outputs["accumulation"], ds, int64, None, tile)

        def write(name: str, stage: str, array: str):
            if name not in writers:
                return None
            return lambda k, _v: writers[name].write(wins[k], _load(work, stage, wins[k], array))

        # filling: stage 1, the spill graph (client), stage 2
        fill1 = runner.map("fill1", task_fill1, wins, lambda k, w: (work, dem_path, w, shape))
        lap("fill stage 1")
        spill = solve_spill(fill1, shape)
        fill1 = None
        lap("fill solve")
        spill_of = spill.per_tile
        runner.map("fill2", task_fill2, wins, lambda k, w: (work, w, spill_of[k]), write("filled", "fill2", "filled"))
        lap("fill stage 2")
        filled_table = client.scatter(
            PerimeterTable(spill.perimeter, spill.perimeter_filled, np.float32(np.nan)), broadcast=True, hash=False
        )
        spill = spill_of = None
        # directions: steepest descent and flat summaries, the flat relaxation rounds, the flat codes
        dir1 = runner.map("dir1", task_dir1, wins, lambda k, w: (work, w, shape, filled_table, dx, dy))
        lap("directions stage 1")
        dist, rounds = _solve_flats(runner, work, wins, shape, dir1, filled_table)
        dir1 = None
        lap("flat solve")
        dist_table = client.scatter(dist, broadcast=True, hash=False)
        acc1 = runner.map(
            "dir2",
            task_dir2,
            wins,
            lambda k, w: (work, w, shape, filled_table, dist_table),
            write("d8", "dir2", "code"),
        )
        lap("directions stage 2 + accumulation stage 1")
        inflow = solve_inflow(acc1)
        acc1 = None
        lap("accumulation solve")
        runner.map(
            "acc2", task_acc2, wins, lambda k, w: (work, w, inflow.per_tile[k]), write("accumulation", "acc2", "upa")
        )
        lap("accumulation stage 2")
        for writer in writers.values():
            writer.commit()
        lap("outputs")
    except BaseException:
        for writer in writers.values():
            writer.discard()
        raise
    finally:
        ds = None
        if own:
            client.close()
            if cluster is not None:
                cluster.close()
    return TiledDaskResult(
        shape,
        len(wins),
        {name: w.path for name, w in writers.items()},
        runner.computed,
        runner.skipped,
        rounds,
        seconds,
        dashboard,
    )


def _solve_flats(runner: _Runner, work: str, wins, shape, dir1, filled_table) -> tuple[PerimeterTable, int]:
    """:func:`core.tiled.driver._solve_flats` with each round's tiles as Dask tasks (Jacobi rounds: every
    dirty tile of a round sees the table of the round's start; the distances only ever decrease, so the
    rounds reach the same fixed point)."""
    gidx = np.concatenate([s.perimeter for s in dir1])
    dist = np.concatenate([s.perimeter_dist for s in dir1]).astype(np.int64)
    offsets = np.concatenate([[0], np.cumsum([s.perimeter.size for s in dir1])]).astype(np.int64)
    table = PerimeterTable(gidx, dist, FAR)
    where = np.empty(gidx.size, dtype=np.int64)
    where[np.argsort(gidx, kind="stable")] = np.arange(gidx.size)
    neighbours = _tile_neighbours(wins)
    has_flat_edge = [bool(s.perimeter_flat.any()) for s in dir1]
    dirty = sorted(k for k, flag in enumerate(has_flat_edge) if flag)
    rounds = 0
    while dirty:
        rounds += 1
        table_future = runner.client.scatter(table, broadcast=True, hash=False)
        sub = [wins[k] for k in dirty]
        new = runner.map(
            "flat", task_flat_round, sub, lambda i, w, t=table_future: (work, w, shape, filled_table, t), count=False
        )
        changed = []
        for k, values in zip(dirty, new):
            pos = where[offsets[k] : offsets[k + 1]]
            merged = np.minimum(values, table.values[pos])
            if not np.array_equal(merged, table.values[pos]):
                table.values[pos] = merged
                changed.append(k)
        dirty = sorted({n for k in changed for n in neighbours[k] if has_flat_edge[n]})
    return table, rounds
