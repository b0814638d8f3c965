"""``sbplanner:export_design_tables`` — the SL/T 447 Appendix D design tables of a scenario as one .xlsx workbook
(设计成果表, step 6).

Reads the scenario's layers (:func:`sbplanner_plugin.adapters.design_inputs.read_design_inputs`), lays them out
with :func:`sbplanner_plugin.core.design_tables.build_design_tables` and writes the workbook atomically
(:func:`sbplanner_plugin.adapters.xlsx_export.write_workbook`).
"""

from __future__ import annotations

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from sbplanner_plugin.adapters.deliverable_files import DeliverableLockedError, locked_by_office
from sbplanner_plugin.adapters.design_inputs import read_design_inputs
from sbplanner_plugin.adapters.plan_store import open_plan_store
from sbplanner_plugin.adapters.xlsx_export import write_workbook
from sbplanner_plugin.core import design_tables as core
from sbplanner_plugin.core.definitions import split_list
from sbplanner_plugin.processing.base import SbAlgorithm, message_text, plan_parameter


class ExportDesignTables(SbAlgorithm):
    PLAN = "PLAN"
    SCENARIO = "SCENARIO"
    LANGUAGE = "LANGUAGE"
    TABLES = "TABLES"
    PROJECT_NAME = "PROJECT_NAME"
    OUTPUT = "OUTPUT"
    MADE = "MADE"
    MISSING = "MISSING"

    group_id = "deliverables"
    written_atomically = (OUTPUT,)

    def group(self) -> str:
        return self.tr("6 · Deliverables")

    def name(self) -> str:
        return "export_design_tables"

    def displayName(self) -> str:
        return self.tr("Export design tables (SL/T 447 设计成果表, Excel)")

    def shortHelpString(self) -> str:
        return self.tr(
            "Writes the SL/T 447-2026 Appendix D design tables of one scenario of a plan into one Excel workbook "
            "(.xlsx), a sheet per table, laid out as the standard prints them: title, unit line, multi-row merged "
            "headers, rows per small watershed with a 合计 row (the sum of the rows; ratios recomputed from the sums), "
            "areas, lengths, ratios and investment to 2 decimals, counts as integers. A cover sheet (封面) gives the "
            "project, scenario, date, plan, the plan layer of every table, the tables that could not be made and "
            "why, and the parameter tables used.\n\n"
            "Tables and the plan layers they come from:\n"
            "D.0.4 土地利用现状表 — parcels (step 2; 旱地 split into 坡耕地 / 旱平地 at 2° by the 三调 slope grade);\n"
            "D.0.5 水土流失现状表 — ws_d05; D.0.9 项目区概况表 — ws_indicators, ws_landuse_slope;\n"
            "D.0.8 水土保持措施现状表 — parcels (current land use; terraces = 三调 GDLX TT);\n"
            "D.0.10 土地坡度组成表 — ws_d010; D.0.11 坡耕地坡度组成表 — ws_d011;\n"
            "D.0.13 图斑现状及治理措施设计表 — parcels_measures (step 3); D.0.14 图斑林草设计表 — measure_quantities;\n"
            "D.0.15 水土保持措施量汇总表 — ws_d05, parcels_measures, works_quantities;\n"
            "D.0.16 工程量汇总表 — terrace_items, measure_items; terraces 梯田工程量表 — terrace_quantities (step 4);\n"
            "D.0.18 水土保持措施投资汇总表 — investment_by_ws, investment_items; estimate 投资估算总表 — "
            "investment_summary; D.0.19 资金筹措表 — investment_funding;\n"
            "D.0.20 效益计算成果表 — benefit_d020; D.0.21 经济评价分析成果表 — benefit_d021 (step 5);\n"
            "urgency 治理紧迫程度排序表 — ws_urgency_table (step 5).\n\n"
            "When the parcels carry the 三调 village code (ZLDWDM, else QSDWDM) D.0.4, D.0.5, D.0.8, D.0.9, D.0.10, "
            "D.0.11, D.0.15 and D.0.16 are also written per 行政村 (the code's first 12 digits), each on its own "
            "sheet.\n\n"
            "Tables: their keys separated by ; (e.g. D.0.5;D.0.15;urgency); empty = all. Scenario: empty = the plan's "
            "current one. A plan without step 3–5 results still gives the tables it can; those it cannot are listed "
            "(output MISSING and warnings). The workbook is written through a temporary file: an error never leaves "
            "half a workbook, and a workbook open in Excel or WPS is refused with the old file kept."
        )

    def initAlgorithm(self, config=None) -> None:
        self.addParameter(plan_parameter(self.PLAN))
        self.addParameter(
            QgsProcessingParameterString(self.SCENARIO, self.tr("Scenario (empty = the current one)"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterEnum(self.LANGUAGE, self.tr("Language"), ["中文", "English"], defaultValue=0)
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.TABLES, self.tr("Tables (keys separated by ; — empty = all)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.PROJECT_NAME, self.tr("Project name (empty = the plan's name)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT, self.tr("Design tables workbook"), self.tr("Excel workbook (*.xlsx)")
            )
        )
        self.addOutput(QgsProcessingOutputString(self.MADE, self.tr("Tables written")))
        self.addOutput(QgsProcessingOutputString(self.MISSING, self.tr("Tables not made, and why")))

    def compute(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> dict:
        path = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        if locked_by_office(path):
            raise DeliverableLockedError(path=path)
        wanted = split_list((self.parameterAsString(parameters, self.TABLES, context) or "").replace(",", ";"))
        core.chosen_keys(wanted)  # an unknown key is refused before the plan is read
        language = core.LANGUAGES[self.parameterAsEnum(parameters, self.LANGUAGE, context)]
        store = open_plan_store(self.parameterAsFile(parameters, self.PLAN, context).strip())
        inputs = read_design_inputs(
            store,
            self.parameterAsString(parameters, self.SCENARIO, context),
            language,
            self.parameterAsString(parameters, self.PROJECT_NAME, context),
        )
        inputs.tables = wanted
        feedback.setProgress(40)
        result = core.build_design_tables(inputs)
        missing = [message_text(line) for line in result.missing]
        for line in missing:
            feedback.pushWarning(line)
        feedback.setProgress(70)
        write_workbook(result.tables, path, language)
        made = [t.key for t in result.tables if t.key != core.COVER]
        feedback.pushInfo(
            self.tr("{0} tables written to {1} (scenario {2}).").format(len(made), path, inputs.scenario_id)
        )
        return {self.OUTPUT: path, self.MADE: ";".join(made), self.MISSING: "\n".join(missing)}
