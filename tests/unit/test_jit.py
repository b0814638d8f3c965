"""Parallel kernels: the thread-safe layer is chosen, and both compilations give the same result."""

from __future__ import annotations

import threading

import numba
import numpy as np

from sbplanner_plugin.core.jit import parallel_kernel, threads_available


@parallel_kernel
def _row_sums(a):
    out = np.empty(a.shape[0])
    for i in numba.prange(a.shape[0]):
        out[i] = a[i].sum()
    return out


def test_parallel_and_serial_agree() -> None:
    a = np.arange(200 * 300, dtype=np.float64).reshape(200, 300)
    np.testing.assert_array_equal(_row_sums.parallel(a), _row_sums.serial(a))
    np.testing.assert_array_equal(_row_sums(a), a.sum(axis=1))


def test_concurrent_launches_from_threads_do_not_abort() -> None:
    """Two QGIS tasks can run kernels at once; numba's workqueue layer would kill the process."""
    assert threads_available()  # libgomp is installed by make setup
    a = np.ones((400, 400))
    results = []

    def work() -> None:
        for _ in range(20):
            results.append(_row_sums(a).sum())

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [160000.0] * 80
    assert numba.threading_layer() in ("omp", "tbb")
