"""Writing a step-6 deliverable so that a failure never leaves half a file (minimal version on branch wt-report;
the lead keeps helper A's version of this module at merge — same functions, same signatures).

:func:`write_atomically` writes into a temporary file in the destination folder, then ``os.replace``-s it onto
the target; :func:`locked_by_office` detects a target open in Word / WPS / Excel / LibreOffice by the lock files
they leave next to it (``~$name.docx``, Word's shortened ``~$me.docx``, LibreOffice's ``.~lock.name.docx#``).
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


def locked_by_office(path: str | os.PathLike) -> bool:
    """True when an office program's lock file lies next to ``path``."""
    target = Path(path)
    name = target.name
    names = {f"~${name}", f".~lock.{name}#"} | ({f"~${name[2:]}"} if len(name) > 2 else set())
    return any(target.with_name(n).exists() for n in names)


def write_atomically(path: str | os.PathLike, write: Callable[[Path], None]) -> None:
    """``write(temporary path)``, then rename the temporary file onto ``path``; the old file is kept on error."""
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
        write(temporary)
        with contextlib.suppress(OSError):
            os.chmod(temporary, os.stat(target).st_mode & 0o777 if target.exists() else 0o644)
        os.replace(temporary, target)
    except PermissionError as exc:
        raise DeliverableLockedError(path=str(target)) from exc
    except OSError as exc:
        raise DeliverableWriteError(path=str(target), reason=exc.strerror or str(exc)) from exc
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()
