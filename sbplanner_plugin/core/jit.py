"""Multi-threaded numba kernels that are safe inside QGIS.

QGIS runs Processing algorithms as background tasks, so two of our kernels can be launched
from two threads at once. Numba's default ``workqueue`` threading layer aborts the process
when that happens; its ``tbb`` and ``omp`` layers are thread-safe. :func:`parallel_kernel`
compiles a kernel twice (``prange`` loops run on all cores, or on one) and calls the
multi-threaded version only when a thread-safe layer can be loaded — numba's ``omp`` layer
needs the GNU OpenMP runtime (``libgomp1`` on Debian/Ubuntu, part of every gcc install).

Set ``SBPLANNER_NUMBA_THREADS=0`` to force the single-threaded versions.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from functools import lru_cache, update_wrapper
from typing import Any

import numba
from numba import njit


@lru_cache(maxsize=1)
def threads_available() -> bool:
    """True when parallel kernels may run: a thread-safe numba threading layer is loadable."""
    if os.environ.get("SBPLANNER_NUMBA_THREADS", "").strip() == "0":
        return False
    layer = str(numba.config.THREADING_LAYER).lower()
    if layer in ("tbb", "omp"):
        return True
    if layer not in ("default", "threadsafe", "safe"):
        return False  # the user chose the workqueue (or forksafe) layer: respect it, stay serial
    for module in ("tbbpool", "omppool"):
        try:
            importlib.import_module(f"numba.np.ufunc.{module}")
        except (ImportError, OSError):
            continue
        # before the first parallel launch, so this decides the layer for the whole process
        numba.config.THREADING_LAYER = "threadsafe"
        return True
    return False


def parallel_kernel(func: Callable[..., Any]) -> Callable[..., Any]:
    """Compile ``func`` (which may use ``numba.prange``) multi-threaded and single-threaded.

    Calls go to the multi-threaded version when :func:`threads_available`, else to the
    single-threaded one (where ``prange`` is a plain ``range``). Results are the same.
    """
    parallel = njit(parallel=True, cache=True)(func)
    serial = njit(cache=True)(func)

    def call(*args: Any) -> Any:
        return (parallel if threads_available() else serial)(*args)

    update_wrapper(call, func)
    call.parallel = parallel  # type: ignore[attr-defined]
    call.serial = serial  # type: ignore[attr-defined]
    return call
