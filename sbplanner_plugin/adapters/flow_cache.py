"""The conditioning cache: a conditioned DEM (D8 codes + upstream area) kept on disk between runs.

The cache key is the content hash of the DEM values and georeference (``Grid.fingerprint``),
so moving an outlet, changing a threshold or re-running on the same DEM skips the
conditioning (:func:`sbplanner_plugin.core.hydrology.condition`). Entries are ``.npz`` files
written atomically on a background thread; the folder keeps the :data:`CACHE_MAX_ENTRIES`
most recently used ones. No QGIS: numpy and the file system only.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
import threading
import time
from concurrent.futures import Future
from pathlib import Path

import numpy as np

from sbplanner_plugin.core.grid import Grid
from sbplanner_plugin.core.hydrology import Conditioner, FlowModel, Progress, condition

LOGGER = logging.getLogger(__name__)

#: Bump when the cached arrays change meaning, so stale caches are ignored.
CACHE_VERSION = 6
#: How many conditioned DEMs the cache keeps (oldest evicted first).
CACHE_MAX_ENTRIES = 8


def _cache_path(cache_dir: str | os.PathLike[str], grid: Grid) -> Path:
    return Path(cache_dir) / f"dem_{grid.fingerprint()}_v{CACHE_VERSION}.npz"


def _load_cached(path: Path, grid: Grid) -> FlowModel | None:
    try:
        with np.load(path) as data:
            d8, upa = data["d8"], data["uparea_cells"]
    except (OSError, KeyError, ValueError):
        return None
    if d8.shape != grid.shape:
        return None
    os.utime(path)  # least-recently-used eviction below relies on mtime
    return FlowModel(grid, d8, upa, from_cache=True)


#: Cache entries being written in the background, by path (see :func:`_store_cached_async`).
_PENDING_WRITES: dict[Path, threading.Thread] = {}


def _store_cached_async(path: Path, model: FlowModel) -> None:
    """Write the cache entry on a background thread: the caller's next stages need not wait.

    The arrays are not modified after conditioning. The thread is not a daemon, so the
    process (e.g. ``qgis_process``) finishes the write before it exits.
    """
    thread = threading.Thread(target=_store_cached, args=(path, model), name="sbplanner-dem-cache")
    _PENDING_WRITES[path] = thread
    thread.start()


def _wait_for_pending_write(path: Path) -> None:
    thread = _PENDING_WRITES.pop(path, None)
    if thread is not None:
        thread.join()


#: A partial cache entry (``*.npz.part``) older than this was left by a killed process: removed.
STALE_PART_S = 3600.0


def _store_cached(path: Path, model: FlowModel) -> None:
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        now = time.time()
        for part in path.parent.glob("*.npz.part"):  # left by a process killed while it wrote
            with contextlib.suppress(OSError):
                if now - part.stat().st_mtime > STALE_PART_S:
                    part.unlink()
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".npz.part")
        with os.fdopen(fd, "wb") as fh:
            np.savez(fh, d8=model.d8, uparea_cells=model.uparea_cells)
        os.replace(tmp, path)  # atomic: a crash never leaves a half-written cache entry
        tmp = None
        entries = sorted(path.parent.glob("dem_*.npz"), key=lambda p: p.stat().st_mtime)
        for old in entries[:-CACHE_MAX_ENTRIES]:
            old.unlink(missing_ok=True)
    except OSError as exc:  # a cache is an optimisation: never fail the run for it
        LOGGER.warning("Could not write the DEM conditioning cache %s: %s", path, exc)
    finally:
        if tmp is not None:  # a failed write (e.g. a full disk) leaves no partial entry
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def condition_dem(
    grid: Grid, cache_dir: str | os.PathLike[str] | None = None, progress: Progress | None = None
) -> FlowModel:
    """Fill depressions, derive D8 directions and upstream area; reuse a cached result.

    The cache key is the content hash of the DEM values and georeference, so moving an
    outlet, changing a threshold or re-running on the same DEM skips the conditioning.
    Without ``cache_dir`` this is :func:`~sbplanner_plugin.core.hydrology.condition`.
    """
    grid.validate()
    path = _cache_path(cache_dir, grid) if cache_dir else None
    if path is not None:
        _wait_for_pending_write(path)
    if path is not None and path.exists():
        model = _load_cached(path, grid)
        if model is not None:
            LOGGER.info("DEM conditioning loaded from cache %s", path.name)
            return model
    model = condition(grid, progress)
    if path is not None:
        _store_cached_async(path, model)
    return model


def condition_dem_in_background(grid: Grid, cache_dir: str | os.PathLike[str] | None = None) -> Future:
    """:func:`condition_dem` on a worker thread, with the network arrays the slope lengths read (``idxs_ds``,
    ``seq``, ``step_m``) made there too: the caller reads and rasterises its vectors meanwhile and takes the
    model with ``.result()`` (which raises what the conditioning raised).

    The conditioning kernels (``core.flood``) release the GIL, so on two cores the two run side by side. The
    thread is not a daemon: a run that stops early (an error in its inputs) still finishes the conditioning
    and caches it, for the run that follows.
    """
    future: Future = Future()

    def run() -> None:
        try:
            model = condition_dem(grid, cache_dir)
            model.idxs_ds, model.seq, model.step_m  # noqa: B018 - computed here, off the caller's thread
        except BaseException as exc:  # handed to the caller's thread by result()
            future.set_exception(exc)
        else:
            future.set_result(model)

    threading.Thread(target=run, name="sbplanner-condition", daemon=False).start()
    return future


def cached_conditioner(cache_dir: str | os.PathLike[str] | None) -> Conditioner:
    """A conditioner for the core's ``conditioner=`` parameters (``delineate``, ``divide``) that uses this cache."""

    def conditioner(grid: Grid, progress: Progress | None = None) -> FlowModel:
        return condition_dem(grid, cache_dir, progress)

    return conditioner
