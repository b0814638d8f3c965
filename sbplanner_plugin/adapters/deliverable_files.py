"""Writing the step 6 deliverables (workbook, report, atlas) atomically, and refusing a file open in Office/WPS.

MINIMAL VERSION kept on branch wt-maps until helper A's (wt-tables) is merged; the lead keeps A's. Same
interface: :func:`write_atomically` (path, writer) and :func:`locked_by_office` (path).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, SbPlannerError


class DeliverableLockedError(SbPlannerError):
    key = "deliverable_locked"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "{path} is open in another program (Excel/WPS/Word or a PDF viewer?): close it and run again; the old file is kept."  # noqa: E501
    )  # fmt: skip


class DeliverableWriteError(SbPlannerError):
    key = "deliverable_write"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "{path} cannot be written: {reason}. The old file is kept.")


def lock_files(path: str | os.PathLike) -> tuple[Path, Path]:
    """The lock files Office/WPS (``~$name``) and LibreOffice (``.~lock.name#``) leave next to an open file."""
    target = Path(path)
    return target.with_name("~$" + target.name), target.with_name(f".~lock.{target.name}#")


def locked_by_office(path: str | os.PathLike) -> bool:
    """True when a lock file of Office/WPS or LibreOffice says ``path`` is open in one of them."""
    return any(p.exists() for p in lock_files(path))


def write_atomically(path: str | os.PathLike, write: Callable[[Path], None]) -> None:
    """``write(temporary path)`` into a temporary file next to ``path`` (same suffix), then replace ``path``
    by it: a failure leaves the old file as it was and no temporary file behind."""
    target = Path(path)
    if locked_by_office(target):
        raise DeliverableLockedError(path=str(target))
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix, dir=target.parent or ".")
    except OSError as exc:
        raise DeliverableWriteError(path=str(target), reason=exc.strerror or str(exc)) from exc
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp's 0600 would make the deliverable private
        os.replace(tmp, target)
    except PermissionError as exc:
        raise DeliverableLockedError(path=str(target)) from exc
    except OSError as exc:
        raise DeliverableWriteError(path=str(target), reason=exc.strerror or str(exc)) from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
