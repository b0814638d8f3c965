"""GDAL exceptions for our own GDAL calls only, never flipped for the whole QGIS process.

The osgeo bindings report errors in one of two modes: return ``None`` / an error code and print
``ERROR n: …`` (the default before GDAL 4), or raise ``RuntimeError``. Our adapters are written for
the second mode (``gdal.Open`` of a bad file raises, we turn that into a clear SBPlanner error).
``gdal.UseExceptions()`` at import time, as the adapters used to do, switches that mode for the
whole process: every other plugin and QGIS' own Python code then gets exceptions where it expects
``None``. So each GDAL call path of ours runs inside :func:`gdal_exceptions` (or a function
decorated with :func:`with_gdal_exceptions`):

- GDAL ≥ 3.7: each module's ``ExceptionMgr`` (thread-local exception state): the process-wide mode
  is never touched, other threads never see ours;
- GDAL 3.6 (no ``ExceptionMgr``; Debian 12's QGIS 3.22): the per-module switches of ``osgeo.gdal``,
  ``osgeo.ogr`` and ``osgeo.osr`` (independent in 3.6) are saved, enabled, and restored to exactly
  what they were when the outermost of our blocks ends. Those switches are process-wide there, so
  nested and concurrent blocks (algorithms in QgsTask threads) share one counter under a lock: the
  first block in saves, the last one out restores, and no block of ours ever finds exceptions off
  because another one of ours ended first. Code of other plugins running at the same moment in
  another thread sees exceptions on for that time; GDAL 3.6 offers nothing better.

GDAL 3.7+ warns once (``FutureWarning``) when a process uses the bindings without choosing a mode.
The thread-local path does not choose one for the process (that is whoever owns the process: QGIS),
so the warning may still show on our first call; hiding it would take the process-wide ``warnings``
filters, which are not ours to change either. GDAL 3.6 has no such warning.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import threading
from collections.abc import Callable, Iterator
from typing import TypeVar

F = TypeVar("F", bound=Callable)
LOGGER = logging.getLogger(__name__)


def gdal_modules() -> tuple:
    """The modules whose exception mode our code relies on: ``osgeo.gdal``, ``ogr``, ``osr``
    (imported on first use, so importing this module does not load GDAL)."""
    from osgeo import gdal, ogr, osr

    return gdal, ogr, osr


def exception_modes(modules=None) -> tuple[int, ...]:
    """``GetUseExceptions()`` of each module (default :func:`gdal_modules`; 1 = exceptions on)."""
    return tuple(int(m.GetUseExceptions()) for m in (gdal_modules() if modules is None else modules))


class ExceptionScope:
    """Exceptions on in ``modules`` inside :meth:`block`; what they were before is back when the
    outermost block of this scope ends (see the module docstring)."""

    def __init__(self, modules) -> None:
        self.modules = tuple(modules)
        self.thread_local = all(hasattr(m, "ExceptionMgr") for m in self.modules)
        self._lock = threading.Lock()
        self._depth = 0
        self._saved: tuple[int, ...] = ()

    @contextlib.contextmanager
    def block(self) -> Iterator[None]:
        if self.thread_local:
            with contextlib.ExitStack() as stack:
                for module in self.modules:
                    stack.enter_context(module.ExceptionMgr(useExceptions=True))
                yield
            return
        self._enter()
        try:
            yield
        finally:
            self._leave()

    def _enter(self) -> None:
        with self._lock:
            if self._depth == 0:
                self._saved = exception_modes(self.modules)
            self._depth += 1
            for module in self.modules:  # also when someone switched it off while one of our blocks ran
                if not module.GetUseExceptions():
                    module.UseExceptions()

    def _leave(self) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth == 0:
                self._restore()

    def _restore(self) -> None:
        """Put every module back to its saved mode. GDAL 3.6 keeps the bindings' error handlers on
        one stack (``gdal ogr osr`` each push theirs when switched on) and refuses to switch a module
        off that is not on top, so we switch off in the reverse order we switched on, and retry the
        ones refused (someone else's order) until nothing moves."""
        saved = dict(zip(self.modules, self._saved))
        pending = [m for m in reversed(self.modules) if int(m.GetUseExceptions()) != saved[m]]
        while pending:
            refused = []
            for module in pending:
                with contextlib.suppress(RuntimeError):  # 3.6: "Cannot call ….DontUseExceptions() at that point"
                    (module.UseExceptions if saved[module] else module.DontUseExceptions)()
                if int(module.GetUseExceptions()) != saved[module]:
                    refused.append(module)
            if len(refused) == len(pending):
                LOGGER.warning(
                    "GDAL exception mode of %s could not be restored (another component changed it meanwhile)",
                    ", ".join(getattr(m, "__name__", str(m)) for m in refused),
                )
                return
            pending = refused


_scope: ExceptionScope | None = None
_scope_lock = threading.Lock()


def _default_scope() -> ExceptionScope:
    global _scope
    if _scope is None:
        with _scope_lock:
            if _scope is None:
                _scope = ExceptionScope(gdal_modules())
    return _scope


def gdal_exceptions() -> contextlib.AbstractContextManager[None]:
    """``with gdal_exceptions(): ...``: GDAL, OGR and OSR raise ``RuntimeError`` inside the block;
    the mode they had before is back when it ends, also when it raises."""
    return _default_scope().block()


def with_gdal_exceptions(function: F) -> F:
    """Decorator: the whole call of ``function`` runs inside :func:`gdal_exceptions`."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with _default_scope().block():
            return function(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
