"""The layout and quantity design tables (steps 3–4): SL/T 447-2026 D.0.13, D.0.14, D.0.15, D.0.16 and the
terrace quantity sheet (梯田工程量表).

Every number is the scenario's own: the layout ``parcels_measures`` (step 3), the quantities
``terrace_quantities``, ``measure_quantities``, ``works_quantities`` and their items tables ``terrace_items`` /
``measure_items`` (step 4). The aggregations here are sums by unit: D.0.15 sums each parcel's area under the
D.0.15 column of its primary measure (``measures.csv`` ``sl447_column``: the treated area is counted once) and
the works by their column; D.0.16 is :func:`sbplanner_plugin.core.quantities.items.d016_table` of the items.
"""

from __future__ import annotations

import pandas as pd

from sbplanner_plugin.core.definitions import code_text, split_list
from sbplanner_plugin.core.design_model import (
    BY_PARCEL,
    BY_VILLAGE,
    BY_WATERSHED,
    NO_ITEM_VILLAGES,
    NO_PLANTING,
    NO_TERRACES,
    STEP_MEASURES,
    STEP_QUANTITIES,
    STEP_TERRACES,
    SUBTOTAL,
    TOTAL,
    Context,
    DesignTable,
    Sheet,
    TableMissingError,
    col,
    group,
    sort_codes,
    ws_label,
)
from sbplanner_plugin.core.design_status import (
    UNIT_KEY,
    sheet_name,
    suffix,
    title,
    total_label,
    unit_column,
    unit_labels,
    village_names,
    village_of,
)
from sbplanner_plugin.core.errors import msg
from sbplanner_plugin.core.measures.summary import TREATED, treatment_kind
from sbplanner_plugin.core.quantities.items import D016_COLUMNS, ITEM_COLUMNS, d016_table

ID_FIELDS = ("TBBH", "tbbh", "BSM", "bsm", "parcel_id")


def parcel_number(row: dict) -> str:
    """A parcel's number for the parcel tables: 三调 图斑编号 TBBH, else 标识码 BSM, else SBPlanner's parcel_id."""
    for name in ID_FIELDS:
        text = code_text(row.get(name))
        if text:
            return text
    return ""


def _parcel_rows(ctx: Context, frame: pd.DataFrame, columns, values, key: str, title_text, unit, notes, source):
    """A per-parcel table: parcels by small watershed (then number), a 小计 per small watershed, the 合计."""
    sheet = Sheet(columns, ctx.language)
    records = frame.to_dict("records")
    by_ws: dict = {}
    for r in records:
        by_ws.setdefault(code_text(r.get("ws_code")) or "—", []).append(r)
    sums = [leaf.key for leaf in sheet.leaves if leaf.decimals is not None and leaf.key in SUMMED]
    n = 0
    for code in sort_codes(by_ws):
        group_rows = []
        for r in sorted(by_ws[code], key=lambda r: (parcel_number(r), str(r.get("parcel_id")))):
            n += 1
            group_rows.append(sheet.add({"no": n, "ws": ws_label(code, ctx.language), **values(r)}))
        sheet.add({"ws": ws_label(code, ctx.language), "number": ctx.t("小计", "Subtotal"),
                   **sheet.summed(group_rows, sums)}, SUBTOTAL)  # fmt: skip
    sheet.add({"ws": total_label(ctx), **sheet.summed(sheet.data_rows, sums)}, TOTAL)
    return sheet.table(key, title_text, unit, notes, None, BY_PARCEL, source)


#: Columns of the parcel tables that add up in subtotals and totals (areas, counts, quantities).
SUMMED = {"area", "measure_area", "trees", "shrubs", "seedlings", "pits", "seed", "earth", "masonry", "labour",
          "length", "net"}  # fmt: skip


# -- D.0.13 图斑现状及治理措施设计表 ------------------------------------------------------------------------------
def d013(ctx: Context, by: str) -> DesignTable:
    """D.0.13 图斑现状及治理措施设计表: every parcel of the layout with its current state (land use, area,
    slope, SL 190 class, modulus) and its measures (primary, companions, 治理 or 预防/保护, status)."""
    frame = ctx.frame("parcels_measures", STEP_MEASURES)
    village, _ = village_of(frame)
    en = ctx.language == "en"
    columns = [
        col("序号", "No.", "no", 0), col("小流域", "Small watershed", "ws"), col("图斑编号", "Parcel", "number"),
        *([col("行政村", "Village", "village")] if any(village) else []),
        group("现状", "Current state",
              col("地类", "Land use", "landuse"), col("面积", "Area", "area", 2, "hm²"),
              col("平均坡度", "Mean slope", "slope", 1, "°"), col("侵蚀强度", "Erosion class", "erosion"),
              col("侵蚀模数", "Erosion modulus", "modulus", 0, "t/(km²·a)")),
        group("治理措施设计", "Designed measures",
              col("主要措施", "Primary measure", "measure"), col("配套措施", "Companion measures", "companions"),
              col("类别", "Kind", "kind"), col("状态", "Status", "status")),
    ]  # fmt: skip
    kinds = {TREATED: ctx.t("治理", "treatment"), "": ""}
    statuses = {"proposed": ctx.t("建议", "proposed"), "confirmed": ctx.t("已确认", "confirmed"),
                "overridden": ctx.t("已修改", "changed")}  # fmt: skip
    frame = frame.assign(village=village)

    def values(r: dict) -> dict:
        code = code_text(r.get("measure_code")) or ""
        companions = [c for c in split_list(r.get("measure_codes")) if c != code]
        kind = treatment_kind(code, r.get("erosion_class"), "erosion_class" in r)
        return {"number": parcel_number(r), "village": r.get("village"),
                "landuse": ctx.landuse_name(r.get("landuse_code"), r.get("landuse_name")), "area": r.get("area_ha"),
                "slope": r.get("slope_mean_deg"), "modulus": r.get("soil_loss_t_km2_a"),
                "erosion": r.get("erosion_class_en") if en else r.get("erosion_class"),
                "measure": ctx.measure_name(code) if code else ctx.t("无措施", "none"),
                "companions": "、".join(ctx.measure_name(c) for c in companions) if not en
                else ", ".join(ctx.measure_name(c) for c in companions),
                "kind": kinds.get(kind, ctx.t("预防/保护", "prevention / protection")),
                "status": statuses.get(str(r.get("status") or ""), str(r.get("status") or "")) if code
                else ""}  # fmt: skip

    notes = [("类别：“治理”为水土流失面积（轻度及以上）上的措施，计入治理面积；“预防/保护”为微度图斑上的措施，不计入治理面积。图斑跨小流域时按其主要所在小流域列出。",  # noqa: E501
              "Kind: treatment = a measure on eroded land (light or worse), counted as treated area; prevention / "
              "protection = a measure on slight-erosion land, not counted. A parcel crossing small watersheds is "
              "listed under the one holding most of it.")]  # fmt: skip
    return _parcel_rows(ctx, frame, columns, values, "D.0.13", ("D.0.13 图斑现状及治理措施设计表",
                        "Table D.0.13 Parcels: current state and designed measures"), None, notes,
                        "parcels_measures")  # fmt: skip


# -- D.0.14 图斑林草设计表 --------------------------------------------------------------------------------
PLANTING = ("trees", "shrubs", "seed_kg", "site_prep_pits", "density_per_ha")


def d014(ctx: Context, by: str) -> DesignTable:
    """D.0.14 图斑林草设计表: the parcels of ``measure_quantities`` with planting, seeding or site preparation:
    整地规格, 株行距, 种植密度, 需苗量 (乔木, 灌木), 整地 pits and 播种量."""
    frame = ctx.frame("measure_quantities", STEP_QUANTITIES)
    numbers = frame.reindex(columns=list(PLANTING)).apply(pd.to_numeric, errors="coerce").fillna(0.0)
    frame = frame[(numbers > 0).any(axis=1).to_numpy()]
    if frame.empty:
        raise TableMissingError(msg(NO_PLANTING, scenario=ctx.scenario))
    columns = [
        col("序号", "No.", "no", 0), col("小流域", "Small watershed", "ws"), col("图斑编号", "Parcel", "number"),
        col("措施", "Measures", "measure"), col("面积", "Area", "area", 2, "hm²"),
        col("整地规格", "Site preparation", "spec"), col("株行距", "Spacing", "spacing", None, "m"),
        col("种植密度", "Density", "density", 0, "株/hm²"),
        group("需苗量", "Seedlings", col("乔木", "Trees", "trees", 0, "株"), col("灌木", "Shrubs", "shrubs", 0, "株")),
        col("整地", "Site preparation pits", "pits", 0, "个"), col("播种量", "Seed", "seed", 2, "kg"),
    ]  # fmt: skip

    def values(r: dict) -> dict:
        codes = split_list(r.get("qty_measures")) or split_list(r.get("measure_codes"))
        return {"number": parcel_number(r), "measure": " + ".join(ctx.measure_name(c) for c in codes),
                "area": r.get("area_ha"), "spec": r.get("site_prep_spec"), "spacing": r.get("spacing_m"),
                "density": r.get("density_per_ha"), "trees": r.get("trees"), "shrubs": r.get("shrubs"),
                "pits": r.get("site_prep_pits"), "seed": r.get("seed_kg")}  # fmt: skip

    return _parcel_rows(ctx, frame, columns, values, "D.0.14", ("D.0.14 图斑林草设计表",
                        "Table D.0.14 Parcels: forest and grass design"), None, [], "measure_quantities")  # fmt: skip


# -- terrace quantity sheet (梯田工程量) -----------------------------------------------------------------------
SUITABILITY = {"suitable": ("适宜", "suitable"), "reduced": ("减小田面宽", "reduced bench width"),
               "unsuitable": ("不适宜", "unsuitable")}  # fmt: skip


def terraces(ctx: Context, by: str) -> DesignTable:
    """梯田工程量表: every terraced parcel of ``terrace_quantities`` with its cross-section (B, H, α), bench length,
    earthwork, masonry, labour and suitability (GB/T 16453.1 section, domain reference §5.3)."""
    frame = ctx.frame("terrace_quantities", STEP_TERRACES, allow_empty=True)
    if frame.empty:
        raise TableMissingError(msg(NO_TERRACES, scenario=ctx.scenario))
    columns = [
        col("序号", "No.", "no", 0), col("小流域", "Small watershed", "ws"), col("图斑编号", "Parcel", "number"),
        col("梯田类型", "Terrace type", "measure"), col("面积", "Area", "area", 2, "hm²"),
        col("设计坡度", "Design slope", "slope", 1, "°"),
        group("断面", "Cross-section", col("田面宽", "Bench width", "bench", 2, "m"),
              col("田坎高", "Riser height", "riser", 2, "m"), col("田坎侧坡", "Riser angle", "angle", 0, "°")),
        col("田坎长度", "Riser length", "length", 2, "m"), col("土方", "Earthwork", "earth", 0, "m³"),
        col("砌石", "Masonry", "masonry", 0, "m³"), col("净耕地面积", "Net cropland", "net", 2, "hm²"),
        col("投工", "Labour", "labour", 0, "工日"), col("适宜性", "Suitability", "suitability"),
        col("说明", "Note", "reason"),
    ]  # fmt: skip

    def values(r: dict) -> dict:
        suit = SUITABILITY.get(str(r.get("suitability") or ""))
        return {"number": parcel_number(r), "measure": ctx.measure_name(r.get("measure_code")),
                "area": r.get("area_ha"), "slope": r.get("slope_design_deg"), "bench": r.get("bench_width_m"),
                "riser": r.get("riser_height_m"), "angle": r.get("riser_angle_deg"), "length": r.get("bench_length_m"),
                "earth": r.get("earthwork_m3"), "masonry": r.get("masonry_m3"), "net": r.get("net_cropland_ha"),
                "labour": r.get("labour_days"), "suitability": ctx.t(*suit) if suit else r.get("suitability"),
                "reason": r.get("suitability_reason")}  # fmt: skip

    notes = [("不适宜的图斑不计土方和投工（见“说明”，改配其他措施）。", "Unsuitable parcels carry no earthwork or labour (see the "  # noqa: E501
              "note: another measure is proposed).")]  # fmt: skip
    return _parcel_rows(ctx, frame, columns, values, "terraces", ("梯田工程量表", "Terrace quantities"), None, notes,
                        "terrace_quantities")  # fmt: skip


# -- D.0.15 水土保持措施量汇总表 ---------------------------------------------------------------------------------
D015_AREA_COLUMNS = (
    ("土坎梯田", "Earth-riser terraces"), ("石坎梯田", "Stone-riser terraces"), ("乔木林", "Arbor forest"),
    ("灌木林", "Shrub forest"), ("经济林", "Economic forest"), ("经济林栽培园和果园", "Orchards"),
    ("水土保持种草", "Sown grass"), ("封育治理", "Closure"), ("农业耕作", "Tillage"),
)  # fmt: skip
D015_DAMS = {
    "塘坝": ("Pond dams", (("座数", "Number", "n", 0, "座"), ("总库容", "Capacity", "cap", 2, "万m³"),
                          ("淤积库容", "Silt capacity", "silt", 2, "万m³"), ("蓄水量", "Storage", "water", 2, "万m³"))),
    "拦沙坝": ("Sediment dams", (("座数", "Number", "n", 0, "座"), ("总库容", "Capacity", "cap", 2, "万m³"),
                             ("淤积量", "Silt volume", "silt", 2, "万m³"))),
    "淤地坝": ("Warping dams", (("座数", "Number", "n", 0, "座"), ("总库容", "Capacity", "cap", 2, "万m³"),
                            ("淤积面积", "Silted area", "silt_area", 2, "hm²"), ("淤积量", "Silt volume", "silt", 2, "万m³"))),  # noqa: E501
}  # fmt: skip
D015_COUNTS = (("蓄水池", "Cisterns", "座"), ("水窖", "Water cellars", "眼"), ("谷坊", "Check dams", "座"),
               ("沟头防护", "Gully-head protection", "处"))  # fmt: skip
D015_DITCH = ("截排水沟", "Ditches")


def _area_key(column: str) -> str:
    return f"a_{D015_AREA_COLUMNS.index(next(c for c in D015_AREA_COLUMNS if c[0] == column))}"


def _unit_of(frame: pd.DataFrame, by: str) -> list:
    if by == BY_VILLAGE:
        return village_of(frame)[0]
    return [code_text(v) or "—" for v in frame["ws_code"]] if "ws_code" in frame else ["—"] * len(frame)


def d015(ctx: Context, by: str) -> DesignTable:
    """D.0.15 水土保持措施量汇总表: the unit's 总面积 and 水土流失面积 (``ws_d05``), its 治理面积 (parcels whose primary
    measure treats eroded land, :func:`~sbplanner_plugin.core.measures.summary.treatment_kind`), each parcel's
    area under its primary measure's D.0.15 column and the works (``works_quantities``) by theirs. Per 行政村 the
    areas only (works carry no village)."""
    layout = ctx.frame("parcels_measures", STEP_MEASURES)
    catalogue = ctx.catalogue or {}
    codes = [code_text(v) or "" for v in layout["measure_code"]]
    column = [catalogue[c].sl447_column if c in catalogue else "" for c in codes]
    has_erosion = "erosion_class" in layout
    treated = [treatment_kind(c, e, has_erosion) == TREATED
               for c, e in zip(codes, layout["erosion_class"] if has_erosion else [None] * len(codes))]  # fmt: skip
    area = pd.to_numeric(layout["area_ha"], errors="coerce").fillna(0.0)
    units = _unit_of(layout, by)
    parcels = pd.DataFrame({"unit": units, "column": column, "treated": treated, "area": area})
    if by == BY_VILLAGE:
        parcels = parcels[parcels["unit"].notna()]
    works = ctx.layers.get("works_quantities") if by == BY_WATERSHED else None
    status = _status_areas(ctx, by, layout)
    columns = [
        unit_column(ctx, by),
        col("总面积", "Total area", "land", 2, "km²"), col("水土流失面积", "Eroded area", "eroded", 2, "km²"),
        col("治理面积", "Treated area", "treated", 2, "km²"),
        *[col(zh, en, _area_key(zh), 2, "hm²") for zh, en in D015_AREA_COLUMNS[:2]],
        *[group(zh, en, *[col(a, b, f"{zh}_{k}", d, u) for a, b, k, d, u in parts])
          for zh, (en, parts) in D015_DAMS.items()],
        *[col(zh, en, f"{zh}_n", 0, u) for zh, en, u in D015_COUNTS],
        col(*D015_DITCH, "ditch_km", 2, "km"),
        *[col(zh, en, _area_key(zh), 2, "hm²") for zh, en in D015_AREA_COLUMNS[2:]],
    ]  # fmt: skip
    sheet = Sheet(columns, ctx.language)
    unit_codes = sort_codes(list(parcels["unit"].dropna()) + list(status))
    names = unit_labels(ctx, by, unit_codes, _names(layout) if by == BY_VILLAGE else None)
    works_rows = _works(works, catalogue)
    for code in unit_codes:
        mine = parcels[parcels["unit"] == code]
        values = {UNIT_KEY: names[code], "treated": mine.loc[mine["treated"], "area"].sum() / 100.0,
                  **status.get(code, {})}  # fmt: skip
        for zh, _ in D015_AREA_COLUMNS:
            values[_area_key(zh)] = mine.loc[mine["column"] == zh, "area"].sum()
        values.update(works_rows.get(code, {}))
        sheet.add(values)
    sheet.add({UNIT_KEY: total_label(ctx), **sheet.summed(sheet.data_rows, sheet.number_keys())}, TOTAL)
    notes = [
        ("措施面积按图斑主要措施计入其 D.0.15 列（配套措施不重复计面积）；治理面积为水土流失面积上的措施面积；图斑按其主要所在单元计入。",  # noqa: E501
         "Measure areas: each parcel under its primary measure's D.0.15 column (companion measures add no area); "
         "treated area = the measures on eroded land; a parcel counts in the unit holding most of it."),
        ("淤积库容、蓄水量、淤积面积、淤积量不由本软件计算，请按单项工程设计填写。" + ("按行政村统计时不含点、线工程（工程无行政村属性）。"  # noqa: E501
         if by == BY_VILLAGE else ""),
         "Silt capacity, storage, silted area and silt volume are not computed by SBPlanner: fill them in from the "
         "dam designs." + (" Per village the point and line works are not included (works carry no village)."
                           if by == BY_VILLAGE else "")),
    ]  # fmt: skip
    return sheet.table(suffix("D.0.15", by), title("D.0.15", "水土保持措施量汇总表", "Summary of soil and water "
                       "conservation measures", by), None, notes, sheet_name("D.0.15", by), by,
                       "ws_d05, parcels_measures, works_quantities")  # fmt: skip


def _names(layout: pd.DataFrame) -> dict:
    codes, names = village_of(layout)
    return village_names(pd.DataFrame({"village_code": codes, "village_name": names}).dropna(subset=["village_code"]))


def _status_areas(ctx: Context, by: str, layout: pd.DataFrame) -> dict:
    """Unit → 总面积 and 水土流失面积 (km²): ``ws_d05`` per small watershed, the layout's own parcels per village."""
    if by == BY_WATERSHED:
        d05 = ctx.layers.get("ws_d05")
        if d05 is None:
            return {}
        return {code_text(r["ws_code"]) or "—": {"land": r["land_area_km2"], "eroded": r["eroded_area_km2"]}
                for r in d05.to_dict("records") if r["ws_code"] != "ALL"}  # fmt: skip
    codes = village_of(layout)[0]
    frame = pd.DataFrame({"unit": codes, "area": pd.to_numeric(layout["area_ha"], errors="coerce"),
                          "eroded": pd.to_numeric(layout.get("eroded_area_ha"), errors="coerce")})  # fmt: skip
    sums = frame.dropna(subset=["unit"]).groupby("unit")[["area", "eroded"]].sum() / 100.0
    return {u: {"land": r["area"], "eroded": r["eroded"]} for u, r in sums.iterrows()}


def _works(works: pd.DataFrame | None, catalogue) -> dict:
    """Unit → the D.0.15 works cells: count and capacity (万m³) of dams, counts of the small works, ditch km."""
    out: dict = {}
    if works is None or works.empty:
        return out
    for r in works.to_dict("records"):
        code = code_text(r.get("measure_code")) or ""
        column = catalogue[code].sl447_column if code in catalogue else ""
        cells = out.setdefault(code_text(r.get("ws_code")) or "—", {})
        count = _n(r.get("count")) or 1.0
        if column in D015_DAMS:
            cells[f"{column}_n"] = cells.get(f"{column}_n", 0) + count
            cells[f"{column}_cap"] = cells.get(f"{column}_cap", 0.0) + _n(r.get("storage_m3")) / 1e4
        elif column in [c for c, _, _ in D015_COUNTS]:
            cells[f"{column}_n"] = cells.get(f"{column}_n", 0) + count
        elif column == D015_DITCH[0]:
            cells["ditch_km"] = cells.get("ditch_km", 0.0) + _n(r.get("length_m")) / 1e3
    return out


def _n(value: object) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return 0.0
    return v if v == v else 0.0


# -- D.0.16 工程量汇总表 -----------------------------------------------------------------------------------------
D016_EN = ("Measure quantity", "Earth excavation", "Earth fill", "Rock excavation", "Rock fill", "Concrete",
           "Mortar masonry", "Dry masonry", "Site preparation", "Trees planted", "Shrubs planted", "Grass sown",
           "Labour")  # fmt: skip
D016_UNITS = ("", "m³", "m³", "m³", "m³", "m³", "m³", "m³", "个", "株", "株", "hm²", "工日")


def items(ctx: Context) -> pd.DataFrame:
    """The quantity items of the scenario (``terrace_items`` and ``measure_items``)."""
    frames = [ctx.layers.get(n) for n in ("terrace_items", "measure_items")]
    frames = [f for f in frames if f is not None]
    if not frames:
        ctx.frame("measure_items", STEP_QUANTITIES)  # raises TableMissingError
    frame = pd.concat([f.reindex(columns=list(ITEM_COLUMNS)) for f in frames], ignore_index=True)
    if frame.empty:
        ctx.frame("measure_items", STEP_QUANTITIES)  # raises TableMissingError (empty)
    return frame


def d016(ctx: Context, by: str) -> DesignTable:
    """D.0.16 工程量汇总表: per unit one row per measure (措施数量 in the measure's unit, then the items of each
    D.0.16 column), the unit's 小计 and the 合计 (措施数量 is not added up: its units differ)."""
    frame = items(ctx)
    key = "village" if by == BY_VILLAGE else "ws_code"
    if by == BY_VILLAGE:
        frame = frame.assign(village=[(code_text(v) or "")[:12] or None for v in frame["village"]])
        frame = frame[frame["village"].notna()]
        if frame.empty:
            raise TableMissingError(msg(NO_ITEM_VILLAGES))
    frame = frame.assign(**{key: [code_text(v) or "—" for v in frame[key]]})
    table = d016_table(frame, (key, "measure_code"))
    decimals = [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0]
    columns = [unit_column(ctx, by), col("措施", "Measure", "measure"), col("单位", "Unit", "unit_text"),
               *[col(zh, en, f"q{i}", d, u) for i, (zh, en, d, u) in enumerate(zip(D016_COLUMNS, D016_EN, decimals,
                                                                                    D016_UNITS))]]  # fmt: skip
    sheet = Sheet(columns, ctx.language)
    summed = [f"q{i}" for i in range(1, len(D016_COLUMNS))]
    codes = sort_codes(table[key])
    labels = unit_labels(ctx, by, codes)
    for code in codes:
        mine = []
        for r in table[table[key] == code].to_dict("records"):
            mine.append(
                sheet.add(
                    {
                        UNIT_KEY: labels[code],
                        "measure": ctx.measure_name(r["measure_code"]),
                        "unit_text": r["unit"],
                        **{f"q{i}": r[c] for i, c in enumerate(D016_COLUMNS)},
                    }
                )
            )
        sheet.add({UNIT_KEY: labels[code], "measure": ctx.t("小计", "Subtotal"), **sheet.summed(mine, summed)},
                  SUBTOTAL)  # fmt: skip
    sheet.add({UNIT_KEY: total_label(ctx), **sheet.summed(sheet.data_rows, summed)}, TOTAL)
    notes = [("措施数量按措施自身单位计（面积 hm²、座、m），小计与合计不相加。", "Measure quantities are in each measure's own unit "  # noqa: E501
              "(hm², works, m): subtotals and totals do not add them.")]  # fmt: skip
    return sheet.table(suffix("D.0.16", by), title("D.0.16", "工程量汇总表", "Summary of quantities", by), None, notes,
                       sheet_name("D.0.16", by), by, "terrace_items, measure_items")  # fmt: skip


BUILDERS = {
    "D.0.13": (d013, False),
    "D.0.14": (d014, False),
    "D.0.15": (d015, True),
    "D.0.16": (d016, True),
    "terraces": (terraces, False),
}
