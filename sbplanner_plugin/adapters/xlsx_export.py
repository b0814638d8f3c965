"""Writes :class:`~sbplanner_plugin.core.design_tables.DesignTable` objects into an .xlsx workbook (openpyxl)."""

from __future__ import annotations


def openpyxl_module():
    """openpyxl (a declared dependency, see :mod:`sbplanner_plugin.deps`), imported when a workbook is written."""
    import openpyxl

    return openpyxl
