"""The ``sbplanner`` Processing provider."""

from __future__ import annotations

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from sbplanner_plugin.processing.algorithms.analyse_parcels import AnalyseParcels
from sbplanner_plugin.processing.algorithms.assign_measures import AssignMeasures
from sbplanner_plugin.processing.algorithms.compare_scenarios import CompareScenarios
from sbplanner_plugin.processing.algorithms.delineate_watersheds import DelineateWatersheds
from sbplanner_plugin.processing.algorithms.divide_small_watersheds import DivideSmallWatersheds
from sbplanner_plugin.processing.algorithms.estimate_investment import EstimateInvestment
from sbplanner_plugin.processing.algorithms.evaluate_benefits import EvaluateBenefits
from sbplanner_plugin.processing.algorithms.export_design_tables import ExportDesignTables
from sbplanner_plugin.processing.algorithms.export_maps import ExportMaps
from sbplanner_plugin.processing.algorithms.export_report import ExportReport
from sbplanner_plugin.processing.algorithms.measure_quantities import MeasureQuantities
from sbplanner_plugin.processing.algorithms.slope_farmland_priority import SlopeFarmlandPriority
from sbplanner_plugin.processing.algorithms.suggest_gully_works import SuggestGullyWorks
from sbplanner_plugin.processing.algorithms.summarise_watersheds import SummariseWatersheds
from sbplanner_plugin.processing.algorithms.terrace_layout import TerraceLayout
from sbplanner_plugin.processing.algorithms.terrace_quantities import TerraceQuantities
from sbplanner_plugin.processing.algorithms.urgency_ranking import UrgencyRanking

#: Algorithm classes in workflow order; later steps append theirs here.
ALGORITHMS = (
    DelineateWatersheds,
    DivideSmallWatersheds,
    AnalyseParcels,
    SummariseWatersheds,
    AssignMeasures,
    SuggestGullyWorks,
    TerraceQuantities,
    TerraceLayout,
    MeasureQuantities,
    EstimateInvestment,
    UrgencyRanking,
    SlopeFarmlandPriority,
    EvaluateBenefits,
    CompareScenarios,
    ExportDesignTables,
    ExportMaps,
    ExportReport,
)


class SbPlannerProvider(QgsProcessingProvider):
    """Registers every SBPlanner algorithm under the stable id ``sbplanner``."""

    def id(self) -> str:
        return "sbplanner"

    def name(self) -> str:
        return self.tr("SBPlanner")

    def longName(self) -> str:
        return self.tr("SBPlanner — small-watershed soil and water conservation planning")

    def icon(self) -> QIcon:
        try:
            from sbplanner_plugin.paths import resources_path

            return QIcon(str(resources_path("icons", "sbplanner.svg")))
        except ImportError:
            return QgsProcessingProvider.icon(self)

    def versionInfo(self) -> str:
        try:
            from sbplanner_plugin.__about__ import __version__

            return __version__
        except ImportError:
            return ""

    def loadAlgorithms(self) -> None:
        for cls in ALGORITHMS:
            self.addAlgorithm(cls())

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("SbPlannerProvider", text)
