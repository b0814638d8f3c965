"""``sbplanner:export_maps`` — the map atlas of a plan as ONE PDF (设计成果 图集, step 6).

Reads what the plan holds (:func:`sbplanner_plugin.adapters.atlas_export.atlas_inputs`), plans the pages with
:func:`sbplanner_plugin.core.atlas.atlas_plan` and renders them through QGIS print layouts
(:func:`~sbplanner_plugin.adapters.atlas_export.export_atlas`). Print layouts are not thread-safe, so the
algorithm runs on the main thread (``FlagNoThreading``, as QGIS's own layout export algorithms).
"""

from __future__ import annotations

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterString,
)

from sbplanner_plugin.adapters.atlas_export import (
    AtlasSettings,
    atlas_inputs,
    default_project_name,
    export_atlas,
    resolve_scenario,
    scenario_label,
)
from sbplanner_plugin.adapters.plan_store import open_plan_store
from sbplanner_plugin.core import atlas as core
from sbplanner_plugin.processing.base import SbAlgorithm, message_text, plan_parameter


class ExportMaps(SbAlgorithm):
    PLAN = "PLAN"
    SCENARIO = "SCENARIO"
    LANGUAGE = "LANGUAGE"
    PROJECT_NAME = "PROJECT_NAME"
    MAPS = "MAPS"
    PAGE_SIZE = "PAGE_SIZE"
    OUTPUT = "OUTPUT"
    OUTPUT_IMAGES = "OUTPUT_IMAGES"
    PAGES = "PAGES"
    MISSING = "MISSING"

    group_id = "deliverables"
    written_atomically = (OUTPUT, OUTPUT_IMAGES)

    def group(self) -> str:
        return self.tr("6 · Deliverables")

    def name(self) -> str:
        return "export_maps"

    def displayName(self) -> str:
        return self.tr("Export the map atlas (图集)")

    def flags(self):
        # QGraphicsScene-based print layouts must stay on the main thread (QGIS's atlas export algorithms too)
        return super().flags() | QgsProcessingAlgorithm.Flag.FlagNoThreading

    def shortHelpString(self) -> str:
        return self.tr(
            "Writes the plan's maps as ONE PDF, one page per small watershed and map type: "
            "位置图 (location), 土地利用现状图 (land use, GB/T 21010 first level), "
            "土壤侵蚀强度图 (SL 190-2007 erosion intensity), 坡度分级图 (slope classes), "
            "水土保持措施总体布局图 (measures of step 3 with the gully and small works) and "
            "治理紧迫程度图 (urgency ranking of step 5). Each page has a title, legend, scale bar, "
            "numeric scale, north arrow, a location inset, the project name, scenario, coordinate "
            "system and date.\n\n"
            "Page order: map type by map type in the order above (whatever order they are chosen in), "
            "and within a map type the small watersheds by ws_code. A map type the plan cannot give "
            "(e.g. no ranking: step 5 not run) is left out and listed in MISSING; the others are made.\n\n"
            "Language: titles and legends in Chinese or English. Page size: A3 or A4, landscape or "
            "portrait (templates resources/layouts/atlas_*.qpt). Scenario: its id (empty = the plan's "
            "current scenario) for the layers of steps 3–5.\n\n"
            "Images (optional folder): one PNG of the whole project area per map type, named "
            "location.png, landuse.png, erosion.png, slope.png, measures.png, urgency.png (150 dpi; the "
            "Word report inserts them).\n\n"
            "The PDF and each image are written to a temporary file first and then renamed: a failed or "
            "cancelled run keeps the old files. A PDF open in another program is refused.\n\n"
            "Print layouts are not thread-safe: the algorithm runs on the main thread."
        )

    def initAlgorithm(self, config=None) -> None:
        self.addParameter(plan_parameter(self.PLAN))
        self.addParameter(
            QgsProcessingParameterString(
                self.SCENARIO, self.tr("Scenario (id; empty = the plan's current scenario)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.LANGUAGE, self.tr("Language of the maps"), ["中文", "English"], defaultValue=0
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.PROJECT_NAME, self.tr("Project name (empty = the plan's file name)"), optional=True
            )
        )
        maps = [
            self.tr("Location map (位置图)"),
            self.tr("Land use (土地利用现状图)"),
            self.tr("Soil erosion intensity (土壤侵蚀强度图)"),
            self.tr("Slope classes (坡度分级图)"),
            self.tr("Measures layout (水土保持措施总体布局图)"),
            self.tr("Treatment urgency (治理紧迫程度图)"),
        ]
        self.addParameter(
            QgsProcessingParameterEnum(
                self.MAPS, self.tr("Maps"), maps, allowMultiple=True, defaultValue=list(range(len(maps)))
            )
        )
        sizes = [self.tr("A3 landscape"), self.tr("A4 landscape"), self.tr("A3 portrait"), self.tr("A4 portrait")]
        self.addParameter(QgsProcessingParameterEnum(self.PAGE_SIZE, self.tr("Page size"), sizes, defaultValue=0))
        self.addParameter(
            QgsProcessingParameterFileDestination(self.OUTPUT, self.tr("Map atlas (PDF)"), self.tr("PDF (*.pdf)"))
        )
        self.addParameter(
            QgsProcessingParameterFolderDestination(
                self.OUTPUT_IMAGES, self.tr("Whole-area images (PNG, one per map type)"), optional=True,
                createByDefault=False,
            )
        )  # fmt: skip
        self.addOutput(QgsProcessingOutputNumber(self.PAGES, self.tr("Pages")))
        self.addOutput(QgsProcessingOutputString(self.MISSING, self.tr("Maps not made, and why")))

    def compute(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> dict:
        store = open_plan_store(self.parameterAsFile(parameters, self.PLAN, context).strip())
        row = resolve_scenario(store, self.parameterAsString(parameters, self.SCENARIO, context))
        language = core.LANGUAGES[self.parameterAsEnum(parameters, self.LANGUAGE, context)]
        chosen = self.parameterAsEnums(parameters, self.MAPS, context)
        maps = [core.MAP_KEYS[i] for i in chosen] if chosen else list(core.MAP_KEYS)
        plan = core.atlas_plan(atlas_inputs(store, row["scenario_id"], maps, language))
        missing = [message_text(note) for note in plan.missing]
        for note in missing:
            feedback.pushWarning(note)
        settings = AtlasSettings(
            language=language,
            page_format=self.parameterAsEnum(parameters, self.PAGE_SIZE, context),
            project_name=(self.parameterAsString(parameters, self.PROJECT_NAME, context) or "").strip()
            or default_project_name(store),
            scenario_label=scenario_label(row, language),
        )
        pdf = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        images = (
            self.parameterAsFileOutput(parameters, self.OUTPUT_IMAGES, context)
            if parameters.get(self.OUTPUT_IMAGES)
            else ""
        )
        feedback.pushInfo(
            self.tr("{0} pages: {1} map types × {2} small watersheds.").format(
                len(plan.pages), len(plan.maps), len(plan.ws_codes)
            )
        )
        result = export_atlas(store, plan, row["scenario_id"], settings, pdf, images or None, feedback)
        for path in result.images:
            feedback.pushInfo(self.tr("Image: {0}").format(path))
        return {
            self.OUTPUT: pdf,
            self.OUTPUT_IMAGES: images or None,
            self.PAGES: result.pages,
            self.MISSING: "\n".join(missing),
        }
