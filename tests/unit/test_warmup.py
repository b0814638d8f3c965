"""The numba warm-up (issue 14): every kernel of core is listed, compiled with production's types, with
progress per kernel, cancellable between kernels, and never compiled twice when a run races the warm-up."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import threading

import numba
import numpy as np
import pytest
from numba.core import event
from numba.core.registry import CPUDispatcher

import sbplanner_plugin.core as core
from sbplanner_plugin.core import warmup
from sbplanner_plugin.core.jit import threads_available


def core_dispatchers() -> dict[str, CPUDispatcher]:
    """Every numba dispatcher defined in a module of sbplanner_plugin.core, by ``module.function`` name
    relative to core (a ``parallel_kernel``'s two compilations under its own name)."""
    found: dict[str, CPUDispatcher] = {}
    for info in pkgutil.walk_packages(core.__path__, "sbplanner_plugin.core."):
        module = importlib.import_module(info.name)
        short = info.name.removeprefix("sbplanner_plugin.core.").split(".")[-1]
        for attr, obj in vars(module).items():
            candidates = [obj, getattr(obj, "parallel", None), getattr(obj, "serial", None)]
            for d in candidates:
                if isinstance(d, CPUDispatcher) and d.py_func.__module__ == info.name:
                    found[f"{short}.{attr}"] = d
    return found


def test_every_core_dispatcher_is_warmed_or_listed_as_helper():
    dispatchers = core_dispatchers()
    assert len(dispatchers) >= 40  # the scan itself works (44 when written)
    warmed = {k.name for k in warmup.KERNELS}
    listed = warmed | set(warmup.HELPERS) | set(warmup.NOT_IN_PRODUCTION)
    missing = sorted(set(dispatchers) - listed)
    assert not missing, f"numba kernels of core missing from core.warmup.KERNELS (or HELPERS): {missing}"
    stale = sorted(n for n in listed if not n.startswith("pyflwdir.") and n not in dispatchers)
    assert not stale, f"names in core.warmup that are no dispatcher of core: {stale}"
    assert not (warmed & set(warmup.HELPERS)) and not (warmed & set(warmup.NOT_IN_PRODUCTION))


def test_helpers_are_called_by_warmed_kernels_only():
    """A helper is compiled into its callers: each caller calls it, and every chain ends in a warmed kernel."""
    dispatchers = core_dispatchers()
    warmed = {k.name for k in warmup.KERNELS}
    for helper, callers in warmup.HELPERS.items():
        assert callers, helper
        function = helper.split(".")[-1]
        for caller in callers:
            assert caller in warmed or caller in warmup.HELPERS, (helper, caller)
            assert f"{function}(" in inspect.getsource(dispatchers[caller].py_func), (helper, caller)

    def reaches_kernel(name: str, seen: frozenset = frozenset()) -> bool:
        if name in warmed:
            return True
        return any(reaches_kernel(c, seen | {name}) for c in warmup.HELPERS[name] if c not in seen)

    assert all(reaches_kernel(h) for h in warmup.HELPERS)


def test_not_in_production_kernels_have_no_caller_outside_core_csle(repo_root):
    for name, why in warmup.NOT_IN_PRODUCTION.items():
        function = name.split(".")[-1]
        tiled = why == warmup._TILED  # the tiled path's kernels: called by core/tiled only, until it has an algorithm
        callers = [
            p.relative_to(repo_root).as_posix()
            for p in (repo_root / "sbplanner_plugin").rglob("*.py")
            if f"{function}(" in p.read_text(encoding="utf-8")
            and p.name != "csle.py"
            and not (tiled and p.parent.name == "tiled" and p.parent.parent.name == "core")
        ]
        assert callers == [], (name, callers)


def test_warm_up_compiles_every_listed_specialisation():
    progress: list[tuple[float, str]] = []
    report = warmup.warm_up(progress=lambda pct, name: progress.append((pct, name)))
    assert not report.cancelled
    names = [k.name for k in warmup.KERNELS]
    assert [name for _, name in progress] == names
    assert progress[-1][0] == pytest.approx(100.0)
    assert all(a < b for (a, _), (b, _) in zip(progress, progress[1:]))
    assert set(report.seconds) == set(names)
    for kernel in warmup.KERNELS:
        dispatcher = kernel.dispatcher()
        have = set(dispatcher.signatures)
        for types in kernel.signatures():
            assert tuple(types) in have, (kernel.name, types)
        if kernel.call is not None:
            assert dispatcher.signatures, kernel.name


def test_parallel_kernels_warm_the_version_that_runs():
    from sbplanner_plugin.core import grid

    kernel = next(k for k in warmup.KERNELS if k.name == "grid._horn")
    assert kernel.dispatcher() is (grid._horn.parallel if threads_available() else grid._horn.serial)


def test_example_types_are_the_production_types():
    """Spot checks of the types numba sees in production (dtype, ndim, layout, read-only WKB buffer)."""
    by_name = {k.name: k for k in warmup.KERNELS}
    (flood_types,) = by_name["flood._flood"].signatures()
    assert str(flood_types[0]) == "array(float32, 1d, C)" and str(flood_types[2]) == "int64"
    (wkb_types,) = by_name["wkb._rings_of_wkb"].signatures()
    assert str(wkb_types[0]) == "readonly array(uint8, 1d, C)"
    assert warmup.arr(np.float32, 2, "A").flags.c_contiguous is False
    assert str(numba.typeof(warmup.arr(np.float32, 2, "A"))) == "array(float32, 2d, A)"


def test_cancel_stops_between_kernels():
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2

    report = warmup.warm_up(is_cancelled=cancelled)
    assert report.cancelled
    assert list(report.seconds) == [k.name for k in warmup.KERNELS[:2]]


def _fresh_kernel() -> warmup.Kernel:
    @numba.njit  # not cached: compiles in this process, so the compile events can be counted
    def scaled_sum(a, factor):
        total = 0.0
        for v in a:
            total += v * factor
        return total

    return warmup.Kernel("test.scaled_sum", scaled_sum, (lambda: (warmup.arr(np.float32), 0.0),))


def test_a_run_racing_the_warm_up_waits_for_its_compilation_and_never_compiles_twice():
    kernel = _fresh_kernel()
    compiles: list[object] = []

    class Count(event.Listener):
        def on_start(self, ev):
            if ev.data["dispatcher"] is kernel.function:
                compiles.append(ev.data["args"])

        def on_end(self, ev):
            pass

    results: list[float] = []
    barrier = threading.Barrier(3)

    def warm() -> None:
        barrier.wait()
        warmup.warm_up(kernels=[kernel])

    def run() -> None:  # what a dock run does: just call the kernel
        barrier.wait()
        results.append(kernel.function(np.arange(4, dtype=np.float32), 2.0))

    with event.install_listener("numba:compile", Count()):
        threads = [threading.Thread(target=warm), threading.Thread(target=run), threading.Thread(target=run)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert results == [12.0, 12.0]
    assert len(compiles) == 1  # one compilation, whoever took numba's lock first
    assert len(kernel.function.signatures) == 1
