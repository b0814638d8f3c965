"""Writes the step-6 Word report (python-docx) from :class:`~sbplanner_plugin.core.design_tables.DesignTable`
objects and the plan's numbers."""

from __future__ import annotations


def docx_module():
    """python-docx (a declared dependency, see :mod:`sbplanner_plugin.deps`), imported when a report is written."""
    import docx

    return docx
