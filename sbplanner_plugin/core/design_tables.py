"""The SL/T 447-2026 Appendix D design tables (设计成果表) of one scenario, for step 6's workbook and report.

:func:`build_design_tables` lays the plan's numbers out as the standard's tables (:class:`DesignTable`, the
model of :mod:`.design_model`, re-exported here): the workbook writer
(:mod:`sbplanner_plugin.adapters.xlsx_export`) and the Word report (:mod:`sbplanner_plugin.adapters.docx_export`)
both render these objects, so the two deliverables always carry the same numbers.

The tables (:data:`TABLES`, in the workbook's order) and the plan layers they read:

- D.0.4 土地利用现状表 — ``parcels`` (the analysed parcels, split at the small-watershed boundaries as in step 2);
- D.0.5 水土流失现状表 — ``ws_d05``; D.0.9 项目区概况表 — ``ws_indicators``, ``ws_landuse_slope``;
- D.0.8 水土保持措施现状表 — ``parcels`` (current land use, 三调 GDLX);
- D.0.10 土地坡度组成表 — ``ws_d010``; D.0.11 坡耕地坡度组成表 — ``ws_d011``;
- D.0.13 图斑现状及治理措施设计表 — ``parcels_measures``; D.0.14 图斑林草设计表 — ``measure_quantities``;
- D.0.15 水土保持措施量汇总表 — ``ws_d05``, ``parcels_measures``, ``works_quantities``;
- D.0.16 工程量汇总表 — ``terrace_items``, ``measure_items``; 梯田工程量表 — ``terrace_quantities``;
- D.0.18 水土保持措施投资汇总表 — ``investment_by_ws``, ``investment_items``; 投资估算总表 — ``investment_summary``;
- D.0.19 资金筹措表 — ``investment_funding``;
- D.0.20 效益计算成果表 — ``benefit_d020``; D.0.21 经济评价分析成果表 — ``benefit_d021``;
- 治理紧迫程度排序表 — ``ws_urgency_table``.

Rows are the small watersheds with a 合计 row (the sum of the rows; ratios recomputed from the sums). When
the parcels carry the 三调 village code (ZLDWDM / QSDWDM) the tables marked ``village`` are made a second time
per 行政村 (the code's first 12 digits), key ``<key>-village``, each its own table (sheet). A table the plan
cannot give (a step not run yet, nothing to list) is left out and named in :attr:`DesignTablesResult.missing`;
a cover table (key ``cover``: project, scenario, date, plan, tables, parameter tables used) comes first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Callable, NamedTuple

from sbplanner_plugin.core import design_economy, design_status, design_works
from sbplanner_plugin.core.design_model import (
    ALL,
    BY_PROJECT,
    BY_VILLAGE,
    BY_WATERSHED,
    DATA,
    EN,
    LANGUAGES,
    MISSING_LINE,
    SUBTOTAL,
    TOTAL,
    ZH,
    Col,
    Context,
    DesignTable,
    Merge,
    Sheet,
    TableMissingError,
    col,
    message_in,
    pick,
)
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, InvalidParameterError, Msg, SbPlannerError, msg

__all__ = [
    "ALL", "BY_PROJECT", "BY_VILLAGE", "BY_WATERSHED", "DATA", "EN", "INPUT_LAYERS", "LANGUAGES", "SUBTOTAL", "TABLES",
    "TOTAL", "ZH", "DesignTable", "DesignTablesInputs", "DesignTablesResult", "Merge", "build_design_tables",
    "table_keys",
]  # fmt: skip

#: The plan layers the tables read: shared (steps 1–2) and the scenario's own (steps 3–5).
SHARED_LAYERS = ("parcels", "ws_d05", "ws_d010", "ws_d011", "ws_indicators", "ws_landuse_slope", "factor_provenance")
SCENARIO_LAYERS = ("parcels_measures", "terrace_quantities", "measure_quantities", "works_quantities",
                   "terrace_items", "measure_items", "investment_items", "investment_summary", "investment_by_ws",
                   "investment_funding", "benefit_d020", "benefit_d021", "ws_urgency_table")  # fmt: skip
INPUT_LAYERS = SHARED_LAYERS + SCENARIO_LAYERS
#: Key suffix of a table per 行政村.
VILLAGE_SUFFIX = "-village"
COVER = "cover"


class TableSpec(NamedTuple):
    build: Callable[[Context, str], DesignTable]
    village: bool  # also made per 行政村
    name: tuple[str, str]  # (zh, en) short name, for the cover and the help


_NAMES = {
    "D.0.4": ("土地利用现状表", "Land use"), "D.0.5": ("水土流失现状表", "Soil erosion status"),
    "D.0.8": ("水土保持措施现状表", "Existing measures"), "D.0.9": ("项目区概况表", "Project area overview"),
    "D.0.10": ("土地坡度组成表", "Land slope composition"), "D.0.11": ("坡耕地坡度组成表", "Sloping cropland slopes"),
    "D.0.13": ("图斑现状及治理措施设计表", "Parcels and measures"), "D.0.14": ("图斑林草设计表", "Parcel planting design"),  # noqa: E501
    "D.0.15": ("水土保持措施量汇总表", "Measure summary"), "D.0.16": ("工程量汇总表", "Quantity summary"),
    "terraces": ("梯田工程量表", "Terrace quantities"), "D.0.18": ("水土保持措施投资汇总表", "Investment summary"),
    "estimate": ("投资估算总表", "Estimate summary"), "D.0.19": ("资金筹措表", "Funding"),
    "D.0.20": ("效益计算成果表", "Benefits"), "D.0.21": ("经济评价分析成果表", "Economic evaluation"),
    "urgency": ("治理紧迫程度排序表", "Urgency ranking"),
}  # fmt: skip
_BUILDERS = {**design_status.BUILDERS, **design_works.BUILDERS, **design_economy.BUILDERS}
#: Every table, in the workbook's order: key → :class:`TableSpec`.
TABLES = {key: TableSpec(_BUILDERS[key][0], _BUILDERS[key][1], name) for key, name in _NAMES.items()}


def table_keys() -> list[str]:
    return list(TABLES)


# -- errors ----------------------------------------------------------------------------------------------
class UnknownDesignTableError(SbPlannerError):
    key = "design_table_unknown"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "There is no design table '{table}'; the tables are: {choices}.")


class NoDesignTablesError(SbPlannerError):
    key = "design_tables_none"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "No design table can be made from the plan {plan} for scenario {scenario} ({reason}); nothing was written. Run steps 2–5 first."  # noqa: E501
    )  # fmt: skip


FIELD_MISSING = QT_TRANSLATE_NOOP(
    "SbPlannerErrors", "a field the table needs is missing from the plan: {field} (run the step again)"
)


# -- inputs and result -------------------------------------------------------------------------------------
@dataclass
class DesignTablesInputs:
    """One export: the plan's frames (:data:`INPUT_LAYERS` → pandas DataFrame of its attributes; a layer the
    plan lacks is absent or None), who and what it is for, and the parameter tables."""

    layers: Mapping[str, object]
    scenario_id: str = "baseline"
    scenario_name: str = ""
    project_name: str = ""
    language: str = ZH  # ZH or EN: every title, header and note
    tables: Sequence[str] = ()  # keys of :data:`TABLES` (a village version comes with its key); empty = all
    plan_location: str = ""
    created: str = ""  # the date printed on the cover
    generator: str = ""  # e.g. "SBPlanner 0.6.0"
    params: object = None  # core.params.ParamSet: land-use classes, slope systems, 林草 rules
    catalogue: object = None  # core.measures.catalogue.Catalogue: measure names and D.0.15 columns
    indicators: Sequence = ()  # core.ranking.Indicator of urgency_indicators.csv
    params_recorded: Sequence[Mapping] = ()  # the plan's sbplanner_params rows (step, file_name, sha1, recorded_at)
    param_files: Mapping[str, str] = field(default_factory=dict)  # file → "path (sha1)" this export read


@dataclass
class DesignTablesResult:
    tables: list[DesignTable]  # the cover first, then the tables made, in :data:`TABLES` order
    missing: list[Msg]  # one "<key>: <reason>" per table that could not be made
    villages: bool  # the parcels carry a village code: tables per 行政村 were attempted

    def table(self, key: str) -> DesignTable | None:
        return next((t for t in self.tables if t.key == key), None)


def chosen_keys(tables: Sequence[str]) -> list[str]:
    """The requested table keys in :data:`TABLES` order (empty: all); a village key selects its table."""
    wanted = [str(k).strip() for k in tables if str(k).strip()]
    if not wanted:
        return list(TABLES)
    lower = {k.lower(): k for k in TABLES}
    out = set()
    for key in wanted:
        base = key.removesuffix(VILLAGE_SUFFIX).lower()
        if base not in lower:
            raise UnknownDesignTableError(table=key, choices=", ".join(TABLES))
        out.add(lower[base])
    return [k for k in TABLES if k in out]


def build_design_tables(inputs: DesignTablesInputs) -> DesignTablesResult:
    """The chosen design tables of the plan's frames (see the module doc): those the plan can give, the others
    named with their reason. Raises :class:`NoDesignTablesError` when none can be made."""
    if inputs.language not in LANGUAGES:
        raise InvalidParameterError(name="LANGUAGE", value=inputs.language, reason=", ".join(LANGUAGES))
    keys = chosen_keys(inputs.tables)
    layers = {k: v for k, v in inputs.layers.items() if v is not None}
    ctx = Context(layers, inputs.language, inputs.scenario_id, inputs.params, inputs.catalogue, inputs.indicators)
    villages = design_status.has_villages(ctx)
    tables: list[DesignTable] = []
    missing: list[Msg] = []
    for key in keys:
        spec = TABLES[key]
        for by in (BY_WATERSHED, BY_VILLAGE) if spec.village and villages else (BY_WATERSHED,):
            name = key + (VILLAGE_SUFFIX if by == BY_VILLAGE else "")
            try:
                tables.append(spec.build(ctx, by))
            except TableMissingError as exc:
                missing.append(msg(MISSING_LINE, table=name, reason=exc.reason))
            except KeyError as exc:  # an older plan's table without a field of this version
                missing.append(msg(MISSING_LINE, table=name, reason=msg(FIELD_MISSING, field=str(exc.args[0]))))
    if not tables:
        raise NoDesignTablesError(plan=inputs.plan_location, scenario=inputs.scenario_id,
                                  reason=missing[0] if missing else "")  # fmt: skip
    return DesignTablesResult([cover(inputs, tables, missing, villages), *tables], missing, villages)


# -- the cover -----------------------------------------------------------------------------------------------
def cover(inputs: DesignTablesInputs, tables: list[DesignTable], missing: list[Msg], villages: bool) -> DesignTable:
    """封面/说明: project, scenario, date, plan, the tables and their plan layers, the tables not made and why,
    the parameter tables used (recorded in the plan and read by this export) and the CSLE factors' sources."""
    lang = inputs.language
    sheet = Sheet([col("项目", "Item", "item"), col("内容", "Content", "text")], lang)
    t = sheet.t
    scenario = inputs.scenario_id if not inputs.scenario_name or inputs.scenario_name == inputs.scenario_id else (
        f"{inputs.scenario_name} ({inputs.scenario_id})")  # fmt: skip
    for item, text in ((t("项目名称", "Project"), inputs.project_name), (t("方案", "Scenario"), scenario),
                       (t("编制日期", "Date"), inputs.created), (t("规划文件", "Plan"), inputs.plan_location),
                       (t("生成软件", "Written by"), inputs.generator)):  # fmt: skip
        sheet.add({"item": item, "text": text})
    village_note = (t("按行政村（三调座落/权属单位代码前 12 位）另列各表（工作表名带“行政村”）。",
                      "Tables also per village (the first 12 digits of the 三调 ZLDWDM / QSDWDM code), sheets "
                      "named “villages”.") if villages else
                    t("图斑无三调行政村代码（ZLDWDM / QSDWDM），各表仅按小流域统计。",
                      "The parcels carry no 三调 village code (ZLDWDM / QSDWDM): tables per small watershed only."))  # fmt: skip  # noqa: E501
    sheet.add({"item": t("统计单元", "Units"), "text": village_note})
    sheet.add({"item": t("成果表", "Tables"), "text": ""}, SUBTOTAL)
    for table in tables:
        sheet.add({"item": table.sheet or table.key, "text": f"{table.title} — {table.source}"})
    if missing:
        sheet.add({"item": t("未生成的表", "Tables not made"), "text": ""}, SUBTOTAL)
        for line in missing:
            key = str(line.params.get("table", ""))
            name = TABLES.get(key.removesuffix(VILLAGE_SUFFIX))
            text = message_in(lang, line.params["reason"])
            sheet.add({"item": key, "text": f"{pick(lang, name.name)}：{text}" if name and lang == ZH
                       else f"{pick(lang, name.name)}: {text}" if name else text})  # fmt: skip
    sheet.add({"item": t("参数表", "Parameter tables"), "text": ""}, SUBTOTAL)
    for row in inputs.params_recorded:
        sheet.add(
            {
                "item": str(row.get("file_name", "")),
                "text": t("第 {step} 步记录，SHA-1 {sha1}，{at}", "recorded by step {step}, SHA-1 {sha1}, {at}").format(
                    step=row.get("step", ""), sha1=str(row.get("sha1", ""))[:10], at=row.get("recorded_at", "")
                ),
            }
        )
    for name, where in sorted(inputs.param_files.items()):
        sheet.add({"item": name, "text": t("本次导出读取：", "read by this export: ") + str(where)})
    provenance = inputs.layers.get("factor_provenance")
    if provenance is not None and len(provenance):
        sheet.add({"item": t("土壤流失因子来源（第 2 步）", "Soil-loss factors (step 2)"), "text": ""}, SUBTOTAL)
        for r in provenance.to_dict("records"):
            value = "" if r.get("value") in (None, "") else f" = {r.get('value')}"
            sheet.add(
                {"item": str(r.get("factor", "")), "text": f"{r.get('factor', '')}{value}: {r.get('source', '')}"}
            )
    title = (
        f"{inputs.project_name} 设计成果表" if inputs.project_name else "设计成果表",
        f"{inputs.project_name} design tables" if inputs.project_name else "Design tables",
    )
    return sheet.table(COVER, title, None, [], ("封面", "Cover"), BY_PROJECT, "")


__all__ += ["Col", "NoDesignTablesError", "UnknownDesignTableError", "pick"]
