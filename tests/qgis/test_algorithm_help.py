"""Algorithm help as QGIS shows it (issue 15): the Processing dialog renders shortHelpString as HTML, one <p> per
line, so a plain-text "<QGIS profile>/sbplanner/params" must reach it escaped (it read "/sbplanner/params")."""

from __future__ import annotations

import subprocess

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtGui import QTextDocument

from tests.qgis.test_qgis_process import QGIS_PROCESS, headless_env  # noqa: F401 - the fixture


def algorithms(sbplanner_provider) -> list:
    return QgsApplication.processingRegistry().providerById("sbplanner").algorithms()


def shown_text(help_text: str) -> str:
    """The help as the Processing dialog's text browser shows it (QgsProcessingAlgorithmDialogBase::formatHelp)."""
    document = QTextDocument()
    document.setHtml("".join(f"<p>{line}</p>" for line in help_text.split("\n")))
    return document.toPlainText()


def test_the_override_folder_is_shown_with_its_placeholder(sbplanner_provider) -> None:
    by_id = {a.name(): a for a in algorithms(sbplanner_provider)}
    for name in ("analyse_parcels", "assign_measures", "estimate_investment", "suggest_gully_works"):
        text = shown_text(by_id[name].shortHelpString())
        assert "<QGIS profile>/sbplanner/params" in text, (name, text)


def test_every_help_shows_the_text_it_was_written_with(sbplanner_provider) -> None:
    """Nothing of any algorithm's help is swallowed as markup: the shown text holds every word it was written with
    (line breaks aside)."""
    for algorithm in algorithms(sbplanner_provider):
        raw = type(algorithm).shortHelpString.__defaults__[0](algorithm)  # the algorithm's own (unescaped) text
        shown = shown_text(algorithm.shortHelpString())
        assert shown.split() == raw.split(), algorithm.name()


@pytest.mark.skipif(QGIS_PROCESS is None, reason="qgis_process.bin not installed")
def test_qgis_process_help_prints_the_plain_text(headless_env) -> None:  # noqa: F811
    """``qgis_process help`` prints the help as it is (no HTML): the placeholder unescaped there."""
    done = subprocess.run(
        [QGIS_PROCESS, "help", "sbplanner:analyse_parcels"], env=headless_env, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "<QGIS profile>/sbplanner/params" in done.stdout and "&lt;" not in done.stdout
