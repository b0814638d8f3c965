"""Compile every production numba kernel ahead of the first run (issue 14: no compile pause on the first click).

:data:`KERNELS` lists each numba kernel that SBPlanner's Python code calls, with the argument types of
every specialisation production uses, written as tiny example arrays of the same dtype, number of
dimensions, memory layout and writability (numba compiles one specialisation per combination). The
specialisations were read from ``dispatcher.signatures`` after the Youwuzhen demo (every step through
Processing) and the QGIS test suite; ``tests/qgis/test_warmup_task.py`` runs delineation and division after
a warm-up and checks that no kernel compiled anything new. :data:`HELPERS` names the jitted functions that
only other kernels call (numba compiles those into their callers). ``tests/unit/test_warmup.py`` fails when
a dispatcher of ``core`` is in neither list.

:func:`warm_up` compiles the specialisations with ``dispatcher.compile(types)`` — the example arrays only
give the types, no kernel runs — so with a filled numba cache it just loads the cached machine code
(``cache=True``). It reports progress per kernel and stops between kernels when asked. Several threads may
compile at once: numba compiles under one process-wide lock and looks for the specialisation again once it
holds it, so a run that needs a kernel the warm-up is compiling waits for it and does not compile it twice.

Kernels of :mod:`sbplanner_plugin.core.jit`'s ``parallel_kernel`` are compiled in the version that will run
(multi-threaded when :func:`~sbplanner_plugin.core.jit.threads_available`, else single-threaded).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numba
import numpy as np

from sbplanner_plugin.core.jit import threads_available

ProgressCallback = Callable[[float, str], None]
CancelCheck = Callable[[], bool]


def arr(dtype: Any, ndim: int = 1, layout: str = "C", readonly: bool = False) -> np.ndarray:
    """A tiny array whose numba type is ``array(dtype, ndim, layout)``, read-only when asked."""
    if layout == "A":
        a = np.zeros((4,) * ndim, dtype=dtype)[(slice(None, None, 2),) * ndim]
        if ndim == 0 or a.flags.c_contiguous:  # pragma: no cover - a strided view never is
            raise ValueError("layout A needs ndim >= 1")
    else:
        a = np.zeros((2,) * ndim, dtype=dtype, order="F" if layout == "F" else "C")
    if readonly:
        a.setflags(write=False)
    return a


@dataclass(frozen=True)
class Kernel:
    """One jitted function and the argument examples of each specialisation production compiles.

    ``function`` is a numba dispatcher or a ``parallel_kernel`` wrapper (``.parallel`` / ``.serial``).
    ``examples`` give the argument types only (compiled with ``dispatcher.compile``, never run); ``call``
    (positional, keyword arguments) is for a kernel production calls with keyword arguments (numba types
    the omitted defaults itself): it is run once on those tiny, valid inputs.
    """

    name: str
    function: Callable[..., Any]
    examples: tuple[Callable[[], tuple[Any, ...]], ...] = ()
    call: Callable[[], tuple[tuple[Any, ...], dict[str, Any]]] | None = None

    def dispatcher(self) -> Any:
        """The dispatcher production calls (for a parallel kernel: the version :func:`threads_available` picks)."""
        if hasattr(self.function, "parallel"):
            return self.function.parallel if threads_available() else self.function.serial  # type: ignore[attr-defined]
        return self.function

    def signatures(self) -> list[tuple[Any, ...]]:
        """The numba argument types of each ``examples`` specialisation."""
        return [tuple(numba.typeof(value) for value in example()) for example in self.examples]

    def compile(self) -> None:
        """Compile (or load from numba's cache) every specialisation."""
        dispatcher = self.dispatcher()
        for types in self.signatures():
            dispatcher.compile(types)
        if self.call is not None:
            args, kwargs = self.call()
            dispatcher(*args, **kwargs)


@dataclass
class WarmupReport:
    """What :func:`warm_up` did: seconds per kernel (compile or cache load), whether it was cancelled."""

    seconds: dict[str, float] = field(default_factory=dict)
    cancelled: bool = False

    @property
    def total_s(self) -> float:
        return float(sum(self.seconds.values()))


def warm_up(
    progress: ProgressCallback | None = None,
    is_cancelled: CancelCheck | None = None,
    kernels: Sequence[Kernel] | None = None,
) -> WarmupReport:
    """Compile (or load from numba's cache) every specialisation of ``kernels`` (default :data:`KERNELS`).

    ``progress(percent, kernel name)`` is called after each kernel; ``is_cancelled()`` is checked before
    each one (a kernel being compiled cannot be interrupted). Returns a :class:`WarmupReport`.
    """
    todo = list(KERNELS if kernels is None else kernels)
    report = WarmupReport()
    for done, kernel in enumerate(todo, start=1):
        if is_cancelled is not None and is_cancelled():
            report.cancelled = True
            break
        start = time.perf_counter()
        kernel.compile()
        report.seconds[kernel.name] = time.perf_counter() - start
        if progress is not None:
            progress(100.0 * done / len(todo), kernel.name)
    return report


def _kernels() -> tuple[Kernel, ...]:
    from pyflwdir import core as pyflwdir_core
    from pyflwdir import streams as pyflwdir_streams

    from sbplanner_plugin.core import csle, flood, grid, label_kernels, morphometry, parcels, rasterize, wkb, zonal
    from sbplanner_plugin.core.quantities import dams

    f4, f8, i4, i8, u1, b1 = np.float32, np.float64, np.int32, np.int64, np.uint8, np.bool_
    i, f = 0, 0.0  # Python int / float arguments: numba's int64 / float64

    def k(name: str, function: Callable[..., Any], *examples: tuple[Any, ...]) -> Kernel:
        return Kernel(name, function, tuple((lambda e=e: e) for e in examples))

    return (
        # delineation / division: conditioning (core.flood, core.hydrology)
        k("flood._pad_and_seed", flood._pad_and_seed, (arr(f4, 2),)),
        k("flood._flood", flood._flood, (arr(f4), arr(u1), i, i, f, f, arr(i8))),
        k("flood._unpad", flood._unpad, (arr(u1), arr(f4), arr(i4), i, i, True)),
        k("flood.downstream_indices", flood.downstream_indices, (arr(u1, 2),)),
        k("flood.accumulate_cells", flood.accumulate_cells, (arr(i4), arr(i4))),
        k("flood.pits", flood.pits, (arr(i4),)),
        k("flood.order_down_up", flood.order_down_up, (arr(i4),)),
        k("flood.step_lengths", flood.step_lengths, (arr(u1, 2), arr(i4), arr(f4))),
        k("flood.upstream_bfs", flood.upstream_bfs, (arr(u1, 2), i, i, arr(f4))),
        k("flood.distance_to_pit", flood.distance_to_pit, (arr(i4), arr(i4), arr(f4))),
        # division: micro-watersheds, outlets, neighbours, unit attributes, channels (core.label_kernels)
        k("label_kernels.fill_upstream_chunk", label_kernels.fill_upstream_chunk, (arr(i4), arr(i4), arr(i4), i, i)),
        k(
            "label_kernels.outlets_chunk",
            label_kernels.outlets_chunk,
            (arr(i4), arr(i4), i, i, arr(i4), arr(i8), arr(i8)),
        ),
        k("label_kernels.edge_count_chunk", label_kernels.edge_count_chunk, (arr(i4), i, i, i, True)),
        k("label_kernels.edge_keys_chunk", label_kernels.edge_keys_chunk, (arr(i4), i, i, i, True, i, arr(i8))),
        k(
            "label_kernels.unit_sums_chunk",
            label_kernels.unit_sums_chunk,
            (
                *(arr(i4), arr(f4), arr(f4), arr(b1), arr(i4), arr(f4), arr(f8)),
                i,
                i,
                i,
                *(arr(i8), arr(f8, 2), arr(i8), arr(f8, 2), arr(i8), arr(i8, 2), arr(f8), arr(i8)),
            ),
        ),
        k(
            "label_kernels.main_channel_walk",
            label_kernels.main_channel_walk,
            (arr(i4), arr(i4), arr(b1), arr(i4), i, i, i, i),
        ),
        k("label_kernels.reach_ends", label_kernels.reach_ends, (arr(b1), arr(i4))),
        k("label_kernels.segment_starts", label_kernels.segment_starts, (arr(b1), arr(i4), arr(i4), True)),
        k("label_kernels.segment_walks", label_kernels.segment_walks, (arr(b1), arr(i4), arr(b1), arr(i8))),
        # slope, catchment attributes, streams, basins (pyflwdir's kernels on our arrays)
        k("grid._horn", grid._horn, (arr(f4, 2), f, f, arr(f4, 2)), (arr(f8, 2), f, f, arr(f4, 2))),
        k("morphometry._window_of", morphometry._window_of, (arr(i8), i)),
        k(
            "morphometry._catchment_sums",
            morphometry._catchment_sums,
            (arr(f4), arr(f4, 2), arr(i8), i, i, i),
            (arr(f8), arr(f4, 2), arr(i8), i, i, i),
        ),
        k("morphometry._perimeter_of_cells", morphometry._perimeter_of_cells, (arr(b1), arr(i8), i, f, f)),
        k(
            "pyflwdir.streams.strahler_order",
            pyflwdir_streams.strahler_order,
            (arr(i4), arr(i8), arr(b1)),
            (arr(i4), arr(i4), arr(b1)),
        ),
        # parcels: WKB rings, rasterising, zonal statistics, CSLE
        k("wkb._rings_of_wkb", wkb._rings_of_wkb, (arr(u1, readonly=True), arr(i8))),
        k("wkb._bounds", wkb._bounds, (arr(f8), arr(f8), arr(i8), arr(i8))),
        k("rasterize._fill", rasterize._fill, (arr(f8), arr(f8), arr(i8), arr(i8), arr(i4, 2), f, f, f, f)),
        k("rasterize._label_counts", rasterize._label_counts, (arr(i4), i)),
        k(
            "zonal._sum_count",
            zonal._sum_count,
            (arr(i4), arr(f4), i),
            (arr(i4), arr(f8), i),
            (arr(i4), arr(f8, readonly=True), i),
        ),
        k("zonal._finite_sum_count", zonal._finite_sum_count, (arr(i4), arr(f4), i)),
        k("zonal._count_above", zonal._count_above, (arr(i4), arr(f4), arr(f8))),
        k("zonal._class_counts", zonal._class_counts, (arr(i4), arr(i4), i, i)),
        k("zonal._binned_counts", zonal._binned_counts, (arr(i4), arr(f4), arr(f8), True, i)),
        k(
            "zonal._binned_counts_multi",
            zonal._binned_counts_multi,
            (arr(i4), arr(f4), arr(f8), arr(i8), arr(b1), i),
        ),
        k(
            "csle._slope_length",
            csle._slope_length,
            (arr(i4), arr(i4), arr(f4), arr(f4), arr(b1), f, f, f),  # analyse_parcels: float32 steps and slopes
            (arr(i4), arr(i4), arr(f8), arr(f8), arr(b1), f, f, f),
        ),
        k("csle._ls_cells", csle._ls_cells, (arr(f8), arr(f4)), (arr(f8), arr(f8))),
        k("parcels._infinite_and_eroded", parcels._infinite_and_eroded, (arr(i4), arr(f4), np.float32(0.0), i)),
        k("parcels._piece_table", parcels._piece_table, (arr(i4), arr(i4), i, i)),
        k(
            "csle._a_cells",
            csle._a_cells,
            (arr(i4), arr(f4), *(arr(f8),) * 3, arr(b1), *(arr(f8),) * 4, arr(b1), arr(b1), arr(f8)),
        ),
        # works: check dams' reservoir flood, gully channels along digitised lines
        # (z is a window of the float32 or float64 DEM: strided, or contiguous when it spans the DEM's width)
        k(
            "dams._priority_flood",
            dams._priority_flood,
            (arr(f4, 2, "A"), arr(f8, 2), i, i, arr(i8), f),
            (arr(f4, 2), arr(f8, 2), i, i, arr(i8), f),
            (arr(f8, 2, "A"), arr(f8, 2), i, i, arr(i8), f),
            (arr(f8, 2), arr(f8, 2), i, i, arr(i8), f),
        ),
        # (one cell, its own pit: the path is that cell)
        Kernel(
            "pyflwdir.core.path",
            pyflwdir_core.path,
            call=lambda: ((arr(i4)[:1], arr(i4)[:1]), {"mask": arr(b1)[:1]}),
        ),
    )


KERNELS: tuple[Kernel, ...] = _kernels()

#: Jitted functions only other jitted functions call: numba compiles them into their callers, so they need
#: no warm-up of their own (name → its callers: kernels of :data:`KERNELS` or other helpers).
HELPERS: dict[str, tuple[str, ...]] = {
    "flood._sort_key": ("flood._flood",),
    "flood._bit_length": ("flood._flood",),
    "flood._new_chunk": ("flood._flood",),
    "rasterize._burn_rows": ("rasterize._fill",),
    "wkb._u32": ("wkb._rings_of_wkb", "wkb._header", "wkb._polygon_rings"),
    "wkb._f64": ("wkb._polygon_rings",),
    "wkb._header": ("wkb._rings_of_wkb",),
    "wkb._polygon_rings": ("wkb._rings_of_wkb",),
    "csle.s_factor_cell": ("csle._ls_cells",),
    "csle.m_exponent_cell": ("csle.l_factor_cell",),
    "csle.l_factor_cell": ("csle._ls_cells",),
}

_TILED = "tiled path (issue 16): no Processing algorithm calls it yet; its workers compile it once each"

#: Jitted functions production never calls (name → why), so the warm-up leaves them alone.
NOT_IN_PRODUCTION: dict[str, str] = {
    "csle._s_cells": "array form of s_factor_cell for tests and the formula's documentation",
    "csle._m_cells": "array form of m_exponent_cell for tests and the formula's documentation",
    "csle._l_cells": "array form of l_factor_cell for tests and the formula's documentation",
    "accumulation._accumulate": _TILED,
    "accumulation._solve_links": _TILED,
    "directions._halo_seeds": _TILED,
    "directions._flat_bfs": _TILED,
    "directions._flat_codes": _TILED,
    "directions._steepest": _TILED,
    "fill._flood_labels": _TILED,
    "fill._minimax_flood": _TILED,
}
