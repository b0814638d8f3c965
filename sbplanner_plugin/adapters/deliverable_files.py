"""Writing a step-6 deliverable (workbook, report, atlas) so that a failure never leaves half a file.

:func:`write_atomically` lets the caller write into a temporary file in the destination folder and then
renames it onto the target with :func:`os.replace` (atomic on one file system, as
:mod:`~sbplanner_plugin.adapters.staking` does): the old file stays whole until the new one is complete,
and on any error it is kept and the temporary file removed.

A deliverable open in Excel / WPS / Word / LibreOffice cannot (Windows) or should not (Linux, macOS: the
program would later save its own copy over ours) be replaced. :func:`locked_by_office` detects it:
the lock files these programs leave next to an open document — ``~$name.xlsx`` (Microsoft Office and WPS;
Word shortens long names to ``~$`` + the name without its first two characters) and ``.~lock.name.xlsx#``
(LibreOffice) — and, on Windows, a file that cannot be opened for writing because another process holds it.
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
        "{path} is open in another program (Excel, WPS, Word or LibreOffice?): close it and run again; the old file is kept."  # noqa: E501
    )  # fmt: skip


class DeliverableWriteError(SbPlannerError):
    key = "deliverable_write"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "{path} cannot be written ({reason}); the old file, if any, is kept."
    )


def office_lock_files(path: str | os.PathLike) -> list[Path]:
    """The lock files an office program keeps next to ``path`` while it is open (those that exist)."""
    target = Path(path)
    name = target.name
    candidates = [f"~${name}", f".~lock.{name}#"]
    if len(name) > 2:
        candidates.append(f"~${name[2:]}")  # Word's shortened owner file
    return [target.with_name(c) for c in dict.fromkeys(candidates) if target.with_name(c).exists()]


def locked_by_office(path: str | os.PathLike) -> bool:
    """True when ``path`` is open in an office program: a lock file next to it, or (Windows) the file held
    by another process so that it cannot be opened for writing."""
    if office_lock_files(path):
        return True
    target = Path(path)
    if os.name == "nt" and target.is_file():
        try:
            with open(target, "r+b"):
                pass
        except PermissionError:
            return True
        except OSError:
            return False
    return False


def write_atomically(path: str | os.PathLike, write: Callable[[Path], None]) -> None:
    """Write ``path`` through ``write(temporary path)`` and rename the result onto ``path``.

    Raises :class:`DeliverableLockedError` when the target is open in an office program (checked before
    and, on Windows, by the rename itself) and :class:`DeliverableWriteError` when the folder or the file
    cannot be written; in every case the old file is kept and no temporary file is left behind."""
    target = Path(path)
    if locked_by_office(target):
        raise DeliverableLockedError(path=str(target))
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix, dir=target.parent)
    except OSError as exc:
        raise DeliverableWriteError(path=str(target), reason=exc.strerror or str(exc)) from exc
    os.close(fd)
    temporary = Path(name)
    try:
        try:
            write(temporary)
        except OSError as exc:
            raise DeliverableWriteError(path=str(target), reason=exc.strerror or str(exc)) from exc
        with contextlib.suppress(OSError):  # mkstemp makes the file 0600: keep the old file's mode, else 0644
            os.chmod(temporary, os.stat(target).st_mode & 0o777 if target.exists() else 0o644)
        try:
            os.replace(temporary, target)
        except PermissionError as exc:
            if os.name == "nt" or locked_by_office(target):
                raise DeliverableLockedError(path=str(target)) from exc
            raise DeliverableWriteError(path=str(target), reason=exc.strerror or str(exc)) from exc
        except OSError as exc:
            raise DeliverableWriteError(path=str(target), reason=exc.strerror or str(exc)) from exc
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()
