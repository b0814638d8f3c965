"""``sbplanner:export_report`` — the Word report (实施方案 报告初稿) of one scenario of a plan (step 6).

Reads the scenario's tables, the SL/T 447 design tables and the map images
(:func:`sbplanner_plugin.adapters.report_inputs.read_report_inputs`), builds the report's content with
:func:`sbplanner_plugin.core.report.build_report` and writes it with python-docx into the template
(:func:`sbplanner_plugin.adapters.docx_export.write_report`, atomically).
"""

from __future__ import annotations

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from sbplanner_plugin.adapters.deliverable_files import DeliverableLockedError, locked_by_office
from sbplanner_plugin.adapters.docx_export import check_template, write_report
from sbplanner_plugin.adapters.plan_store import open_plan_store
from sbplanner_plugin.adapters.report_inputs import read_report_inputs
from sbplanner_plugin.core import report as core
from sbplanner_plugin.processing.base import SbAlgorithm, message_text, plan_parameter


class ExportReport(SbAlgorithm):
    PLAN = "PLAN"
    SCENARIO = "SCENARIO"
    LANGUAGE = "LANGUAGE"
    PROJECT_NAME = "PROJECT_NAME"
    TEMPLATE = "TEMPLATE"
    MAPS_FOLDER = "MAPS_FOLDER"
    OUTPUT = "OUTPUT"
    MISSING = "MISSING"

    group_id = "deliverables"
    written_atomically = (OUTPUT,)

    def group(self) -> str:
        return self.tr("6 · Deliverables")

    def name(self) -> str:
        return "export_report"

    def displayName(self) -> str:
        return self.tr("Export the Word report (设计报告)")

    def shortHelpString(self) -> str:
        return self.tr(
            "Writes the draft report of one scenario of a plan as a Word document (.docx), in the chapter order of "
            "an 实施方案: 1 基本情况, 2 水土流失现状, 3 总体布置与措施设计, 4 工程量, 5 投资估算, 6 效益分析, "
            "7 实施进度, then 附表 (the per-parcel design tables).\n\n"
            "Each chapter's sentences carry the plan's numbers (area and small watersheds, eroded area by class, "
            "水土保持率 now and after the plan against its target, measure areas, terraces, quantities, the "
            "investment and its funding, soil conserved, NPV and IRR, the schedule); the SL/T 447 design tables are "
            "the same as in the workbook; the maps are the PNG files of “Export maps” (location.png, landuse.png, "
            "slope.png, erosion.png, measures.png, urgency.png). What the plan cannot know (自然条件, 社会经济, "
            "组织管理 …) is marked 【待补充：…】 (highlighted) for the designer to write.\n\n"
            "Scenario: its id (empty = the plan's current scenario). Project name: empty = the plan file's name. "
            "Template: a .docx or .dotx whose styles (标题 1–3 / Heading 1–3, 正文 / Normal, 题注 / Caption, "
            "Table Grid), page set-up, headers and footers are used (empty = the SBPlanner template: 宋体 小四, "
            "1.5 line spacing, 黑体 headings, A4). Maps folder: optional.\n\n"
            "Missing (output): what the report lacks and why (a step not run for the scenario, a map not in the "
            "folder); the report is still written with the chapters it can fill. The file is replaced only when "
            "the new one is complete; a report open in Word or WPS is refused (close it first)."
        )

    def initAlgorithm(self, config=None) -> None:
        self.addParameter(plan_parameter(self.PLAN))
        self.addParameter(
            QgsProcessingParameterString(self.SCENARIO, self.tr("Scenario (empty = the current one)"), optional=True)
        )
        self.addParameter(  # each language named in itself, as in the other step-6 algorithms
            QgsProcessingParameterEnum(
                self.LANGUAGE, self.tr("Language of the report"), ["中文", "English"], defaultValue=0
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.PROJECT_NAME, self.tr("Project name (empty = the plan's file name)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.TEMPLATE, self.tr("Word template (empty = the SBPlanner template)"), optional=True,
                fileFilter=self.tr("Word documents (*.docx *.dotx)"),
            )
        )  # fmt: skip
        self.addParameter(
            QgsProcessingParameterFile(
                self.MAPS_FOLDER, self.tr("Maps folder (PNG files of Export maps)"),
                behavior=QgsProcessingParameterFile.Behavior.Folder, optional=True,
            )
        )  # fmt: skip
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT, self.tr("Word report"), self.tr("Word documents (*.docx)")
            )
        )
        self.addOutput(QgsProcessingOutputString(self.MISSING, self.tr("What the report lacks")))

    def compute(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> dict:
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        if not output.lower().endswith(".docx"):  # Word opens a report by its extension
            output += ".docx"
        if locked_by_office(output):
            raise DeliverableLockedError(path=output)
        template = (self.parameterAsFile(parameters, self.TEMPLATE, context) or "").strip() or None
        check_template(template)
        store = open_plan_store(self.parameterAsFile(parameters, self.PLAN, context).strip())
        scenario = self.parameterAsString(parameters, self.SCENARIO, context)
        language = core.LANGUAGES[self.parameterAsEnum(parameters, self.LANGUAGE, context)]
        project = (self.parameterAsString(parameters, self.PROJECT_NAME, context) or "").strip()
        maps = (self.parameterAsFile(parameters, self.MAPS_FOLDER, context) or "").strip() or None
        feedback.setProgress(10)
        inputs = read_report_inputs(store, scenario, language, project, maps)
        feedback.setProgress(50)
        report = core.build_report(inputs)
        notes = write_report(output, report, template)
        missing = [message_text(m) for m in (*report.missing, *notes)]
        for line in missing:
            feedback.pushWarning(line)
        feedback.pushInfo(
            self.tr("{0}: {1} chapters, {2} tables, {3} of {4} maps.").format(
                output, len(report.chapters), len(report.tables), sum(1 for f in report.figures if f.image),
                len(report.figures),
            )
        )  # fmt: skip
        return {self.OUTPUT: output, self.MISSING: "\n".join(missing)}
