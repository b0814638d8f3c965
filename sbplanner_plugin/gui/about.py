"""Plugins ▸ SBPlanner ▸ About: version, licence, data credits and the standards the plugin follows."""

from __future__ import annotations

from html import escape

from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import QMessageBox


def tr(text: str) -> str:
    return QCoreApplication.translate("@default", text)  # pylupdate5 files tr() calls there


def standards() -> list[str]:
    """The standards and methods SBPlanner implements, each with what it is used for (translated)."""
    return [
        tr("SL 653-2013 — small watershed division and coding (step 1)"),
        tr("SL 190-2007 — erosion intensity classes and tolerable soil loss (step 2)"),
        tr("CSLE, Liu Baoyuan et al. 2002 — soil loss A = R·K·L·S·B·E·T (step 2)"),
        tr("GB/T 21010-2017 and the Third National Land Survey parcel fields — land-use codes (step 2)"),
        tr("GB 51018-2014 and GB/T 16453.1–16453.4-2008 — measure layout, terraces and works (steps 3–4)"),
        tr("Shuizong [2003] No. 67 — structure of the investment estimate (step 4)"),
        tr("GB/T 15774-2008 — benefits of comprehensive control (step 5)"),
        tr("SL/T 447-2026 Appendix D and GB/T 15772-2008 — design tables, report and maps (step 6)"),
    ]


def about_html() -> str:
    """The text of the About box (rich text): version, licence, credits, standards, links."""
    from sbplanner_plugin import __about__

    items = "".join(f"<li>{escape(s)}</li>" for s in standards())
    homepage = escape(__about__.__homepage__)
    # tr() outside the f-strings: pylupdate5 does not look inside them
    summary = escape(tr("Small-watershed soil and water conservation planning for QGIS."))
    demo_heading = escape(tr("Demo data"))
    standards_heading = escape(tr("Standards and methods"))
    parts = [
        f"<h3>SBPlanner {escape(__about__.__version__)}</h3>",
        f"<p>{summary}</p>",
        "<p>"
        + escape(tr("Version {0} · licence {1} · QGIS {2} or later")).format(
            escape(__about__.__version__), escape(__about__.__license__), escape(__about__.__qgis_minimum_version__)
        )
        + "</p>",
        f"<p><a href='{homepage}'>{homepage}</a></p>",
        f"<p><b>{demo_heading}</b><br>"
        + escape(
            tr(
                "Youwuzhen watershed (Hetian, Changting County, Fujian): DEM and outlet from SEIMS, LREIS, Institute "
                "of Geographic Sciences and Natural Resources Research, CAS (github.com/lreis2415/SEIMS, commit "
                "d6b1e5f, GPL-3.0). Please cite Zhu L.-J. et al. (2019) Water 11(2):262, Qin C.-Z. et al. (2018) J. "
                "Soil Water Conserv. 73(5):504–517 and Zhu L.-J. et al. (2019) Environ. Model. Softw. 122:104526. "
                "The land-use parcels are derived from the SEIMS data for SBPlanner (not an official survey layer); "
                "R, K and vegetation cover of the demo are assumptions."
            )
        )
        + "</p>",
        f"<p><b>{standards_heading}</b></p><ul>{items}</ul>",
        "<p>"
        + escape(
            tr(
                "Values not read in a primary text are kept in editable parameter tables with their source and "
                "confidence (resources/params); check them against the official editions."
            )
        )
        + "</p>",
    ]
    return "".join(parts)


def show_about(parent=None) -> QMessageBox:
    """Open the About box (not modal); returns it (keep a reference)."""
    box = QMessageBox(parent)
    box.setObjectName("SbPlannerAbout")
    box.setWindowTitle(tr("About SBPlanner"))
    box.setIcon(QMessageBox.Icon.Information)
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_html())
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.button(QMessageBox.StandardButton.Close).setText(tr("Close"))  # Qt's own text is not translated
    box.open()
    return box
