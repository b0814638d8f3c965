"""``sbplanner:compare_scenarios`` — the scenarios of a plan side by side (方案比选, step 5).

Reads each chosen scenario's benefit_ws, investment_by_ws and layout from the plan
(:func:`sbplanner_plugin.adapters.scenario_tables.read_scenario_tables`), runs
:func:`sbplanner_plugin.core.scenarios.compare_scenarios` and writes the whole-area table and the table per
small watershed.
"""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterString,
)

from sbplanner_plugin.adapters.plan_store import open_plan_store
from sbplanner_plugin.adapters.scenario_tables import read_scenario_tables
from sbplanner_plugin.core import scenarios as core
from sbplanner_plugin.core.definitions import split_list
from sbplanner_plugin.processing.base import SbAlgorithm, message_text, plan_parameter


class CompareScenarios(SbAlgorithm):
    PLAN = "PLAN"
    SCENARIOS = "SCENARIOS"
    OUTPUT = "OUTPUT"
    OUTPUT_WATERSHEDS = "OUTPUT_WATERSHEDS"
    plan_layers = ((OUTPUT, "scenario_comparison"), (OUTPUT_WATERSHEDS, "scenario_comparison_ws"))

    group_id = "ranking"

    def group(self) -> str:
        return self.tr("5 · Ranking and benefits")

    def name(self) -> str:
        return "compare_scenarios"

    def displayName(self) -> str:
        return self.tr("Compare scenarios (方案比选)")

    def shortHelpString(self) -> str:
        return self.tr(
            "Compares the scenarios of a plan (baseline, plan A, plan B …): per scenario, for the whole area and "
            "per small watershed, the soil loss now and after the plan (t/a), the soil conserved (t/a), the "
            "水土保持率 now and after (%), the static total investment (万元), the cost per tonne (元 of investment "
            "per t/a of soil conserved) and the treated area (km²), each with its difference to the baseline (or, "
            "when the baseline is not compared, to the first scenario listed).\n\n"
            "Every number comes from the scenario's own layers: benefit_ws (step 5, Evaluate the benefits) and "
            "investment_by_ws (step 4). A scenario without measures, or not evaluated, is refused by name; a "
            "scenario whose benefits were evaluated with another investment than its current estimate is "
            "reported (run step 5 again for it).\n\n"
            "Scenarios: their ids separated by ; or , (e.g. baseline;plan_a); empty = every scenario of the plan."
        )

    def initAlgorithm(self, config=None) -> None:
        self.addParameter(plan_parameter(self.PLAN))
        self.addParameter(
            QgsProcessingParameterString(
                self.SCENARIOS, self.tr("Scenarios (ids separated by ; — empty = all)"), optional=True
            )
        )
        vector = QgsProcessing.SourceType.TypeVector
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Scenario comparison"), vector))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_WATERSHEDS, self.tr("Scenario comparison per small watershed"), vector, optional=True
            )
        )

    def compute(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> dict:
        store = open_plan_store(self.parameterAsFile(parameters, self.PLAN, context).strip())
        text = (self.parameterAsString(parameters, self.SCENARIOS, context) or "").replace(",", ";")
        chosen = split_list(text) or [s["scenario_id"] for s in store.list_scenarios()]
        rows = [store.scenario(sid) for sid in chosen]
        tables = [read_scenario_tables(store, row["scenario_id"], row["name"]) for row in rows]
        feedback.setProgress(50)
        result = core.compare_scenarios(core.CompareInputs(tables))
        outputs = {self.OUTPUT: self.write_frame(parameters, self.OUTPUT, context, result.whole)}
        if parameters.get(self.OUTPUT_WATERSHEDS) is not None:
            outputs[self.OUTPUT_WATERSHEDS] = self.write_frame(
                parameters, self.OUTPUT_WATERSHEDS, context, result.by_watershed
            )
        for note in result.notes:
            feedback.pushWarning(message_text(note))
        for row in result.whole.itertuples(index=False):
            feedback.pushInfo(
                self.tr("{0}: soil conserved {1:,.1f} t/a ({2:+,.1f}), 水土保持率 {3:.2f} % ({4:+.2f}), investment {5:,.2f} 万元 ({6:+,.2f}).").format(  # noqa: E501
                    row.scenario_name, row.soil_conserved_t_a, row.diff_soil_conserved_t_a, row.swc_rate_planned_pct,
                    row.diff_swc_rate_planned_pct, row.investment_wan_yuan, row.diff_investment_wan_yuan,
                )
            )  # fmt: skip
        return outputs
