"""Checks of an output destination before the computation: can it be written, is it an SBPlanner plan."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from sbplanner_plugin.adapters.plan_store_common import META_TABLE

#: Causes (translated by processing.base under the ``SbAlgorithm`` context).
FOLDER_MISSING = QT_TRANSLATE_NOOP("SbAlgorithm", "its folder does not exist")
NOT_A_FOLDER = QT_TRANSLATE_NOOP("SbAlgorithm", "its folder is a file, not a folder")
FOLDER_READ_ONLY = QT_TRANSLATE_NOOP("SbAlgorithm", "its folder is read-only (no file can be created there)")
FILE_READ_ONLY = QT_TRANSLATE_NOOP("SbAlgorithm", "the file exists and is read-only")
IS_A_FOLDER = QT_TRANSLATE_NOOP("SbAlgorithm", "it is a folder, not a file")
IS_A_FILE = QT_TRANSLATE_NOOP("SbAlgorithm", "it is a file, not a folder")


def is_plan(path: str) -> bool:
    """Whether ``path`` is an SBPlanner plan: a GeoPackage with the plan's meta table."""
    p = Path(path)
    if p.suffix.lower() != ".gpkg" or not p.is_file():
        return False
    try:
        con = sqlite3.connect(p.resolve().as_uri() + "?mode=ro", uri=True, timeout=30)
        try:
            row = con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (META_TABLE,)).fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return False
    return row is not None


def output_problem(path: str) -> str | None:
    """Why ``path`` cannot be written (an untranslated cause), or None. Tries for real: no os.access."""
    p = Path(path)
    folder = p.parent if str(p.parent) else Path(".")
    if p.is_dir():
        return IS_A_FOLDER
    if not folder.exists():
        return NOT_A_FOLDER if any(a.is_file() for a in folder.parents if a.exists()) else FOLDER_MISSING
    if not folder.is_dir():
        return NOT_A_FOLDER
    try:
        fd, probe = tempfile.mkstemp(prefix=".sbplanner-probe-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError:
        return FOLDER_READ_ONLY
    if p.exists():
        try:
            with open(p, "r+b"):
                pass
        except OSError:
            return FILE_READ_ONLY
    return None


def folder_problem(path: str) -> str | None:
    """Why the output folder ``path`` cannot receive files (an untranslated cause), or None. A missing folder is
    fine when it can be created: its nearest existing parent must be a writable folder."""
    p = Path(path)
    if p.exists() and not p.is_dir():
        return IS_A_FILE
    existing = next((a for a in (p, *p.parents) if a.exists()), None)
    if existing is None or not existing.is_dir():
        return NOT_A_FOLDER if existing is not None else FOLDER_MISSING
    try:
        fd, probe = tempfile.mkstemp(prefix=".sbplanner-probe-", dir=existing)
        os.close(fd)
        os.unlink(probe)
    except OSError:
        return FOLDER_READ_ONLY
    return None
