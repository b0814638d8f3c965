"""The current-state design tables (现状, step 2): SL/T 447-2026 D.0.4, D.0.5, D.0.8, D.0.9, D.0.10, D.0.11.

Per small watershed the numbers are the plan's own step-2 tables (``ws_d05``, ``ws_d010``, ``ws_d011``,
``ws_indicators``, ``ws_landuse_slope``), not recomputed. Two tables need the parcels themselves: D.0.4 splits
旱地 into 坡耕地 / 旱平地 by the parcel's slope grade and D.0.8 reads the current land use as existing measures;
both sum the analysed parcels split at the small-watershed boundaries exactly as step 2 did
(:func:`sbplanner_plugin.core.summaries.split_pieces`), so their land adds up to the same unit areas.

Per 行政村 (when the parcels carry the 三调 座落/权属单位代码 ZLDWDM / QSDWDM): the same tables from the same
step-2 functions (:mod:`sbplanner_plugin.core.summaries`) over the whole parcels grouped by village, the
village being the code's first 12 digits (:data:`VILLAGE_DIGITS`). Each is its own table, key
``<key>-village`` (its own sheet).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sbplanner_plugin.core import summaries
from sbplanner_plugin.core.definitions import GDLX_FIELDS, GDPDJB_FIELDS, code_text, find_field
from sbplanner_plugin.core.design_model import (
    BY_VILLAGE,
    BY_WATERSHED,
    DATA,
    NO_PARAMS,
    NO_SLOPING_CROPLAND,
    NOT_ANALYSED,
    STEP_ANALYSE,
    STEP_SUMMARISE,
    TOTAL,
    Col,
    Context,
    DesignTable,
    Sheet,
    TableMissingError,
    col,
    group,
    ratio_pct,
    rounded,
    sort_codes,
    step,
    ws_label,
)
from sbplanner_plugin.core.errors import NotAnalysedParcelsError, msg
from sbplanner_plugin.core.parcels import D010_SYSTEM, D011_SYSTEM

#: 三调 座落单位代码 / 权属单位代码 are 19 characters: the 12-digit 村级 行政区划代码 (统计用区划代码) of the
#: 行政村, then 7 characters of the 村民小组 (domain reference §10.3). The 行政村 of a parcel is the first 12.
VILLAGE_DIGITS = 12
#: The village name fields that go with the code fields (座落单位名称, 权属单位名称).
VILLAGE_NAME_FIELDS = {"zldwdm": "zldwmc", "qsdwdm": "qsdwmc"}
#: 旱地 above this slope is 坡耕地, at or below it 旱平地: 三调 GDPDJB grade 1 is ≤ 2°, grades 2–5 above
#: (domain reference §10.3 [CONFIRMED S8]; gully_works.csv ditch_source_min_slope_deg uses the same split).
FLAT_DRY_LAND_MAX_DEG = 2.0
UNIT_KEY = "unit"


# -- the parcels, per small watershed (pieces) or per village (whole parcels) ---------------------------
def _parcel_columns(frame: pd.DataFrame) -> dict:
    return {c: frame[c].tolist() for c in frame.columns}


def analysed_parcels(ctx: Context) -> pd.DataFrame:
    """The step-2 parcels as :func:`summaries.parcel_frame` reads them, with 三调 slope grade (``gdpdjb``), 耕地类型
    (``gdlx``), DEM slope and the 行政村 code (``village_code``, None without a village field) and name."""
    if "parcels_frame" in ctx.cache:
        return ctx.cache["parcels_frame"]
    raw = ctx.frame("parcels", STEP_ANALYSE, shared=True)
    if ctx.params is None:
        raise TableMissingError(msg(NO_PARAMS))
    names = list(raw.columns)
    try:
        frame = summaries.parcel_frame(_parcel_columns(raw), ctx.params)
    except NotAnalysedParcelsError as exc:
        raise TableMissingError(msg(NOT_ANALYSED, field=exc.params.get("field", ""), step=step(STEP_ANALYSE))) from exc
    grade = find_field(names, None, GDPDJB_FIELDS)
    kind = find_field(names, None, GDLX_FIELDS)
    frame["gdpdjb"] = pd.to_numeric(raw[grade], errors="coerce").to_numpy() if grade else np.nan
    frame["gdlx"] = [code_text(v) for v in raw[kind]] if kind else None
    frame["slope_mean_deg"] = pd.to_numeric(raw.get("slope_mean_deg"), errors="coerce")
    frame["landuse_code"] = [code_text(v) for v in frame["landuse_code"]]
    village, name = village_of(raw)
    frame["village_code"] = village
    frame["village_name"] = name
    ctx.cache["parcels_frame"] = frame
    return frame


def village_of(frame: pd.DataFrame) -> tuple[list, list]:
    """Per row of a parcel frame: its 行政村 code (the first :data:`VILLAGE_DIGITS` characters of ZLDWDM, else
    QSDWDM; None without either) and the village's name field value."""
    field = summaries.village_field_of(list(frame.columns))
    if field is None:
        return [None] * len(frame), [None] * len(frame)
    codes = [(code_text(v) or "")[:VILLAGE_DIGITS] or None for v in frame[field]]
    name_field = find_field(list(frame.columns), None, (VILLAGE_NAME_FIELDS.get(field.lower(), ""),))
    names = [code_text(v) for v in frame[name_field]] if name_field else [None] * len(frame)
    return codes, names


def has_villages(ctx: Context) -> bool:
    frame = ctx.layers.get("parcels")
    return frame is not None and summaries.village_field_of(list(frame.columns)) is not None


def village_names(frame: pd.DataFrame) -> dict:
    """行政村 code → its name, when every parcel of the village gives the same one (a 19-digit code's name may
    be a 村民小组's: then no name is shown)."""
    out = {}
    for code, names in frame.groupby("village_code")["village_name"]:
        values = {n for n in names if n}
        if len(values) == 1:
            out[code] = values.pop()
    return out


def pieces(ctx: Context) -> pd.DataFrame:
    """The analysed parcels split at the small-watershed boundaries (as step 2 summed them)."""
    if "pieces" not in ctx.cache:
        ctx.cache["pieces"] = summaries.split_pieces(analysed_parcels(ctx))
    return ctx.cache["pieces"]


def villages(ctx: Context) -> pd.DataFrame:
    """The whole parcels that carry a 行政村 code (village tables)."""
    frame = analysed_parcels(ctx)
    return frame[frame["village_code"].notna()].reset_index(drop=True)


# -- rows: first column, total row ---------------------------------------------------------------------
def unit_column(ctx: Context, by: str) -> Col:
    if by == BY_VILLAGE:
        return col("行政村", "Village", UNIT_KEY)
    return col("小流域", "Small watershed", UNIT_KEY)


def unit_labels(ctx: Context, by: str, codes, names: dict | None = None) -> dict:
    """Row label per unit code: the small watershed's code; the village's code and name."""
    if by == BY_VILLAGE:
        return {c: f"{c} {names[c]}" if names and names.get(c) else str(c) for c in codes}
    return {c: ws_label(c, ctx.language) for c in codes}


def total_label(ctx: Context) -> str:
    return ctx.t("合计", "Total")


def suffix(key: str, by: str) -> str:
    return f"{key}-village" if by == BY_VILLAGE else key


def title(key: str, zh: str, en: str, by: str) -> tuple[str, str]:
    if by == BY_VILLAGE:
        return f"{key} {zh}（按行政村）", f"Table {key} {en} (by village)"
    return f"{key} {zh}", f"Table {key} {en}"


def sheet_name(key: str, by: str) -> tuple[str, str] | None:
    return (f"{key} 行政村", f"{key} villages") if by == BY_VILLAGE else None


def indexed(frame: pd.DataFrame, key: str = "ws_code") -> dict:
    """Rows of a plan table by unit code (text)."""
    return {code_text(r[key]) or "—": r for r in frame.to_dict("records")}


# -- D.0.4 土地利用现状表 ------------------------------------------------------------------------------------
D04_COLUMNS = (
    group("耕地", "Cropland",
          col("水田", "Paddy", "paddy", 2), col("水浇地", "Irrigated", "irrigated", 2),
          col("坡耕地", "Sloping dry", "sloping", 2), col("旱平地", "Flat dry", "flat", 2),
          col("沟川坝地", "Valley / dam land", "valley", 2), col("小计", "Subtotal", "crop_sum", 2)),
    col("园地", "Garden", "garden", 2),
    group("林地", "Forest",
          col("乔木林地", "Arbor", "arbor", 2), col("灌木林地", "Shrub", "shrub", 2),
          col("其他林地", "Other", "forest_other", 2), col("小计", "Subtotal", "forest_sum", 2)),
    group("草地", "Grassland",
          col("天然牧草地", "Natural pasture", "pasture", 2), col("人工牧草地", "Sown pasture", "sown", 2),
          col("其他草地", "Other", "grass_other", 2), col("小计", "Subtotal", "grass_sum", 2)),
    col("水域及水利设施用地", "Water and water facilities", "water", 2),
    col("交通运输用地", "Transport", "transport", 2),
    col("住宅用地", "Residential", "residential", 2),
    col("工矿仓储用地", "Industrial, mining, storage", "industrial", 2),
    col("特殊用地", "Special", "special", 2),
)  # fmt: skip
#: 05 商服用地 and 08 公共管理与公共服务用地 are GB/T 21010 first-level classes the transcribed D.0.4 does not
#: list: a column each when the area holds them, so the land still adds up.
D04_EXTRA = (
    col("商服用地", "Commercial", "commercial", 2),
    col("公共管理与公共服务用地", "Public services", "public", 2),
)
D04_OTHER = group("其他土地", "Other land",
                  col("沼泽地", "Swamp", "swamp", 2), col("沙地", "Sand", "sand", 2),
                  col("盐碱地", "Saline-alkali", "saline", 2), col("裸土地", "Bare soil", "bare", 2),
                  col("其他", "Other", "other_other", 2), col("小计", "Subtotal", "other_sum", 2))  # fmt: skip
D04_UNMAPPED = col("未识别地类", "Unrecognised land use", "unmapped", 2)
D04_SUBTOTALS = {
    "crop_sum": ("paddy", "irrigated", "sloping", "flat", "valley"),
    "forest_sum": ("arbor", "shrub", "forest_other"),
    "grass_sum": ("pasture", "sown", "grass_other"),
    "other_sum": ("swamp", "sand", "saline", "bare", "other_other"),
}
_GROUP_COLUMN = {"02": "garden", "05": "commercial", "06": "industrial", "07": "residential", "08": "public",
                 "09": "special", "10": "transport", "11": "water"}  # fmt: skip
_NAME_COLUMN = {
    "01": {"水田": "paddy", "水浇地": "irrigated"},
    "03": {"乔木林地": "arbor", "有林地": "arbor", "灌木林地": "shrub"},
    "04": {"天然牧草地": "pasture", "人工牧草地": "sown"},
    "12": {"沙地": "sand", "盐碱地": "saline", "裸土地": "bare", "沼泽地": "swamp"},
}
_GROUP_DEFAULT = {"01": "dry", "03": "forest_other", "04": "grass_other", "12": "other_other"}


def d04_column(group_code: object, name: object, grade: float, slope: float) -> str:
    """The D.0.4 column of a parcel: by GB/T 21010 first-level group and class name (the 2007 and 2017 lists
    name these classes alike); 沼泽地 under 其他土地 as the transcribed layout has it; 旱地 split into 坡耕地 /
    旱平地 at :data:`FLAT_DRY_LAND_MAX_DEG` by the 三调 slope grade GDPDJB (≥ 2), else the DEM mean slope.
    沟川坝地 cannot be told from 三调 and stays 0."""
    g = code_text(group_code)
    name = str(name or "")
    if g is None or g == summaries.UNMAPPED_GROUP:
        return "unmapped"
    if name == "沼泽地":
        return "swamp"
    column = _NAME_COLUMN.get(g, {}).get(name) or _GROUP_COLUMN.get(g) or _GROUP_DEFAULT.get(g, "other_other")
    if column == "dry":
        sloping = grade >= 2 if grade == grade else slope > FLAT_DRY_LAND_MAX_DEG
        return "sloping" if sloping else "flat"
    return column


def d04(ctx: Context, by: str) -> DesignTable:
    """D.0.4 土地利用现状表 (hm²) per small watershed (parcel pieces) or 行政村 (whole parcels)."""
    frame = pieces(ctx) if by == BY_WATERSHED else villages(ctx)
    key = "ws_code" if by == BY_WATERSHED else "village_code"
    frame = frame.assign(
        _col=[d04_column(g, n, d, s) for g, n, d, s in zip(frame["landuse_group"], frame["landuse_name"],
                                                          frame["gdpdjb"], frame["slope_mean_deg"])],
        _unit=frame[key].fillna("—").astype(str),
    )  # fmt: skip
    areas = frame.groupby(["_unit", "_col"])["area_ha"].sum().unstack(fill_value=0.0)
    present = set(areas.columns)
    columns = [unit_column(ctx, by), col("土地总面积", "Total area", "total", 2), *D04_COLUMNS]
    columns += [c for c in D04_EXTRA if c.key in present] + [D04_OTHER]
    columns += [D04_UNMAPPED] if "unmapped" in present else []
    sheet = Sheet(columns, ctx.language)
    codes = sort_codes(areas.index)
    labels = unit_labels(ctx, by, codes, village_names(frame) if by == BY_VILLAGE else None)
    parts = [leaf.key for leaf in sheet.leaves if leaf.key not in (UNIT_KEY, "total", *D04_SUBTOTALS)]
    for code in codes:
        values = {k: float(areas.loc[code].get(k, 0.0)) for k in parts}
        row = {UNIT_KEY: labels[code], **{k: rounded(v, 2) for k, v in values.items()}}
        for total, members in D04_SUBTOTALS.items():
            row[total] = sum(row[m] for m in members)
        row["total"] = sum(row[k] for k in parts)
        sheet.add(row)
    total = sheet.summed(sheet.data_rows, sheet.number_keys())
    sheet.add({UNIT_KEY: total_label(ctx), **total}, TOTAL)
    notes = [
        ("坡耕地/旱平地：旱地按三调耕地坡度级别（GDPDJB ≥ 2，即 > 2°）划分，无该字段时按 DEM 平均坡度；沟川坝地无法由三调识别，计 0。",  # noqa: E501
         "Sloping / flat dry land: 旱地 split by the 三调 slope grade (GDPDJB ≥ 2, i.e. > 2°), else by the DEM mean "
         "slope; valley / dam land cannot be told from 三调 and is 0."),
        ("竹林地等其他林地类计入其他林地；沼泽地按本表列于其他土地；空闲地、设施农用地、田坎、裸岩石砾地计入其他。",
         "Bamboo and other forest classes are under Other forest; swamp under Other land as the table lays it out; "
         "vacant land, facility farmland, field ridges and bare rock under Other."),
    ]  # fmt: skip
    return sheet.table(suffix("D.0.4", by), title("D.0.4", "土地利用现状表", "Land use", by), ("单位：hm²", "Unit: hm²"),  # noqa: E501
                       notes, sheet_name("D.0.4", by), by, "parcels")  # fmt: skip


# -- D.0.5 水土流失现状表 ------------------------------------------------------------------------------------
D05_CLASSES = (("light", "轻度", "Light"), ("moderate", "中度", "Moderate"), ("intense", "强烈", "Intense"),
               ("very_intense", "极强烈", "Very intense"), ("severe", "剧烈", "Severe"))  # fmt: skip


def d05_frame(ctx: Context, by: str) -> pd.DataFrame:
    if by == BY_WATERSHED:
        return ctx.frame("ws_d05", STEP_SUMMARISE, shared=True)
    return summaries.erosion_status(villages(ctx), keys=["village_code"]).rename(columns={"village_code": "ws_code"})


def d05(ctx: Context, by: str) -> DesignTable:
    """D.0.5 水土流失现状表: land, 水土流失面积 and the SL 190 classes (km², %), mean modulus, 沟壑密度. Class
    shares are of the 水土流失面积, the eroded share of the assessed land (as ``ws_d05``)."""
    frame = d05_frame(ctx, by)
    rows = indexed(frame)
    columns = [
        unit_column(ctx, by),
        col("总面积", "Total area", "land", 2, "km²"),
        group("水土流失面积", "Eroded area", col("面积", "Area", "eroded", 2, "km²"),
              col("比例", "Share", "eroded_pct", 2, "%")),
        *[group(zh, en, col("面积", "Area", f"{k}_km2", 2, "km²"), col("比例", "Share", f"{k}_pct", 2, "%"))
          for k, zh, en in D05_CLASSES],
        col("平均侵蚀模数", "Mean erosion modulus", "modulus", 0, "t/(km²·a)"),
        col("沟壑密度", "Gully density", "gully", 2, "km/km²"),
    ]  # fmt: skip
    sheet = Sheet(columns, ctx.language)
    codes = sort_codes(rows)
    labels = unit_labels(ctx, by, codes, village_names(villages(ctx)) if by == BY_VILLAGE else None)
    weights = []
    for code in codes:
        r = rows[code]
        values = {UNIT_KEY: labels[code], "land": r["land_area_km2"], "eroded": r["eroded_area_km2"],
                  "eroded_pct": r["eroded_pct_of_land"], "modulus": r["mean_modulus_t_km2_a"],
                  "gully": r.get("gully_density_km_per_km2")}  # fmt: skip
        for k, _, _ in D05_CLASSES:
            values[f"{k}_km2"], values[f"{k}_pct"] = r.get(f"{k}_km2"), r.get(f"{k}_pct")
        sheet.add(values)
        weights.append((_num(r.get("assessed_area_km2")), _num(r["mean_modulus_t_km2_a"]),
                        _num(r["land_area_km2"]), _num(r.get("gully_density_km_per_km2"))))  # fmt: skip
    total = sheet.summed(sheet.data_rows, ["land", "eroded", *[f"{k}_km2" for k, _, _ in D05_CLASSES]])
    assessed = sum(a for a, *_ in weights if a == a)
    total["eroded_pct"] = ratio_pct(sheet.raw_sum("eroded"), assessed)
    for k, _, _ in D05_CLASSES:
        total[f"{k}_pct"] = ratio_pct(sheet.raw_sum(f"{k}_km2"), sheet.raw_sum("eroded"))
    total["modulus"] = _weighted([(m, a) for a, m, _, _ in weights])
    total["gully"] = _weighted([(d, land) for _, _, land, d in weights])
    sheet.add({UNIT_KEY: total_label(ctx), **total}, TOTAL)
    notes = [
        ("各强度比例为占水土流失面积的比例；水土流失面积比例为占评价土地面积的比例；合计行的比例由合计面积计算，平均侵蚀模数按评价面积加权。",
         "Class shares are of the eroded area; the eroded share is of the assessed land; the total row's shares are "
         "computed from its sums, its mean modulus weighted by assessed area."),
        ("沟壑密度来自调查的沟道线（第 2 步 沟道线图层）；未提供时为空（DEM 河网密度不是沟壑密度）。",
         "Gully density comes from surveyed gully lines (step 2); without them it is empty (the DEM drainage "
         "density is not a gully density)."),
    ]  # fmt: skip
    return sheet.table(suffix("D.0.5", by), title("D.0.5", "水土流失现状表", "Soil erosion status", by), None, notes,
                       sheet_name("D.0.5", by), by, "ws_d05" if by == BY_WATERSHED else "parcels")  # fmt: skip


def _num(value: object) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return float("nan")
    return v if np.isfinite(v) else float("nan")


def _weighted(pairs) -> float | None:
    """Σ value × weight / Σ weight over the pairs where both are known (an area-weighted mean)."""
    known = [(v, w) for v, w in pairs if v == v and w == w]
    weight = sum(w for _, w in known)
    return sum(v * w for v, w in known) / weight if known and weight > 0 else None


# -- D.0.8 水土保持措施现状表 -------------------------------------------------------------------------------
D08_WORKS = (("pond", "塘坝", "Pond dams"), ("sediment", "拦沙坝", "Sediment dams"),
             ("warping", "淤地坝", "Warping dams"), ("cistern", "蓄水池", "Cisterns"))  # fmt: skip
D08_AREAS = (
    ("arbor", "乔木林", "Arbor forest"), ("shrub", "灌木林", "Shrub forest"), ("forest_other", "其他林", "Other forest"),  # noqa: E501
    ("economic", "经济林", "Economic forest"), ("orchard", "经济林栽培园和果园", "Orchards"),
    ("grass", "水土保持种草", "Sown grass"), ("closure", "封育治理", "Closure"), ("tillage", "农业耕作", "Tillage"),
)  # fmt: skip
#: Existing measures read from the current land use (三调): GB/T 21010 class name → D.0.8 column [PROPOSAL].
D08_LANDUSE = {"乔木林地": "arbor", "有林地": "arbor", "灌木林地": "shrub", "其他林地": "forest_other",
               "竹林地": "forest_other", "果园": "orchard", "茶园": "economic", "橡胶园": "economic",
               "其他园地": "economic", "人工牧草地": "grass"}  # fmt: skip


def d08(ctx: Context, by: str) -> DesignTable:
    """D.0.8 水土保持措施现状表 from the current land use: 梯田 = cropland with 三调 GDLX = TT (riser material
    unknown: under 土坎梯田), forest, orchard and sown grass by class (:data:`D08_LANDUSE`). Existing works,
    closure and tillage are not in the plan: empty cells to fill from the survey."""
    frame = pieces(ctx) if by == BY_WATERSHED else villages(ctx)
    key = "ws_code" if by == BY_WATERSHED else "village_code"
    terrace = (frame["landuse_group"].astype(str) == "01") & (frame["gdlx"].astype(str).str.upper() == "TT")
    column = [("earth_terrace" if t else D08_LANDUSE.get(str(n))) for t, n in zip(terrace, frame["landuse_name"])]
    frame = frame.assign(_col=column, _unit=frame[key].fillna("—").astype(str))
    areas = frame.dropna(subset=["_col"]).groupby(["_unit", "_col"])["area_ha"].sum().unstack(fill_value=0.0)
    columns = [
        unit_column(ctx, by),
        col("土坎梯田", "Earth-riser terraces", "earth_terrace", 2, "hm²"),
        col("石坎梯田", "Stone-riser terraces", "stone_terrace", 2, "hm²"),
        *[group(zh, en, col("数量", "Number", f"{k}_n", 0, "座"), col("总库容", "Capacity", f"{k}_cap", 2, "万m³"))
          for k, zh, en in D08_WORKS],
        col("排洪沟", "Flood ditches", "flood_ditch", 2, "m"),
        col("谷坊", "Check dams", "check_dam", 0, "座"),
        col("沟头防护", "Gully-head protection", "gully_head", 0, "处"),
        *[col(zh, en, k, 2, "hm²") for k, zh, en in D08_AREAS],
    ]  # fmt: skip
    sheet = Sheet(columns, ctx.language)
    codes = sort_codes(frame["_unit"])
    labels = unit_labels(ctx, by, codes, village_names(frame) if by == BY_VILLAGE else None)
    from_landuse = ["earth_terrace", "arbor", "shrub", "forest_other", "economic", "orchard", "grass"]
    for code in codes:
        got = areas.loc[code] if code in areas.index else {}
        sheet.add({UNIT_KEY: labels[code], **{k: float(got.get(k, 0.0)) for k in from_landuse}})
    sheet.add({UNIT_KEY: total_label(ctx), **sheet.summed(sheet.data_rows, from_landuse)}, TOTAL)
    notes = [
        ("梯田为三调耕地类型 GDLX = TT 的耕地（田坎材料未知，计入土坎梯田）；林草现状按现状地类计：乔木林地→乔木林，灌木林地→灌木林，其他林地、竹林地→其他林，"  # noqa: E501
         "果园→经济林栽培园和果园，茶园、橡胶园、其他园地→经济林，人工牧草地→水土保持种草（对应关系为建议）。",
         "Terraces: cropland with 三调 GDLX = TT (riser material unknown: counted as earth risers); forest and grass "
         "by current land use: arbor forest land → arbor, shrub land → shrub, other forest and bamboo → other, "
         "orchards → orchards, tea, rubber and other gardens → economic forest, sown pasture → sown grass "
         "(a proposed correspondence)."),
        ("现有塘坝、拦沙坝、淤地坝、蓄水池、排洪沟、谷坊、沟头防护及封育治理、农业耕作面积不在规划数据中，请按调查填写。",
         "Existing dams, cisterns, ditches, check dams, gully-head works, closure and tillage areas are not in the "
         "plan: fill them in from the survey."),
    ]  # fmt: skip
    return sheet.table(suffix("D.0.8", by), title("D.0.8", "水土保持措施现状表", "Existing soil and water conservation "
                       "measures", by), None, notes, sheet_name("D.0.8", by), by, "parcels")  # fmt: skip


# -- D.0.9 项目区概况表 ------------------------------------------------------------------------------------
def d09(ctx: Context, by: str) -> DesignTable:
    """D.0.9 项目区分布（概况）表: area, 水土流失面积 and 林草覆盖率 (``ws_indicators``), 耕地 (``ws_landuse_slope``
    group 01); 总人口 is not in the plan."""
    if by == BY_WATERSHED:
        ind = ctx.frame("ws_indicators", STEP_SUMMARISE, shared=True)
        landuse = ctx.frame("ws_landuse_slope", STEP_SUMMARISE, shared=True, allow_empty=True)
        crop = landuse[landuse["landuse_group"].astype(str) == "01"].groupby("ws_code")["total_hm2"].sum()
    else:
        frame = villages(ctx)
        ind = summaries.indicators(frame, ctx.params, keys=["village_code"]).rename(columns={"village_code": "ws_code"})
        crop = frame[frame["landuse_group"].astype(str) == "01"].groupby("village_code")["area_ha"].sum()
    rows = indexed(ind)
    crop = {code_text(k): float(v) for k, v in crop.items()}
    columns = [
        unit_column(ctx, by) if by == BY_VILLAGE else col("小流域名称", "Small watershed", UNIT_KEY),
        col("流域面积", "Area", "land", 2, "km²"),
        col("水土流失面积", "Eroded area", "eroded", 2, "km²"),
        col("林草覆盖率", "Forest and grass cover", "cover", 2, "%"),
        col("总人口", "Population", "people", 0, "人"),
        col("耕地面积", "Cropland", "crop", 2, "hm²"),
    ]
    sheet = Sheet(columns, ctx.language)
    codes = sort_codes(rows)
    labels = unit_labels(ctx, by, codes, village_names(villages(ctx)) if by == BY_VILLAGE else None)
    cover_base = 0.0
    forest_grass = 0.0
    for code in codes:
        r = rows[code]
        sheet.add({UNIT_KEY: labels[code], "land": r["land_area_km2"], "eroded": r["eroded_area_km2"],
                   "cover": r["forest_grass_cover_pct"], "crop": crop.get(code, 0.0)})  # fmt: skip
        unmapped = _num(r.get("unmapped_area_km2"))
        cover_base += _num(r["land_area_km2"]) - (unmapped if unmapped == unmapped else 0.0)
        forest_grass += _num(r["forest_grass_area_km2"])
    total = sheet.summed(sheet.data_rows, ["land", "eroded", "crop"])
    total["cover"] = ratio_pct(forest_grass, cover_base)
    sheet.add({UNIT_KEY: total_label(ctx), **total}, TOTAL)
    notes = [
        ("林草覆盖率 = 林草面积 / 已识别地类的土地面积 × 100；合计行由各单元林草面积之和计算。总人口不在规划数据中，请按统计资料填写。",  # noqa: E501
         "Forest and grass cover = forest and grass area / land of recognised use × 100; the total row from the "
         "units' summed areas. Population is not in the plan: fill it in from the statistics."),
    ]  # fmt: skip
    return sheet.table(suffix("D.0.9", by), title("D.0.9", "项目区概况表", "Project area overview", by), None, notes,
                       sheet_name("D.0.9", by), by, "ws_indicators, ws_landuse_slope" if by == BY_WATERSHED
                       else "parcels")  # fmt: skip


# -- D.0.10 土地坡度组成表, D.0.11 坡耕地坡度组成表 ----------------------------------------------------------------
D010_LABELS = ("<5°", "5°~15°", "15°~25°", "25°~35°", "≥35°")
D011_LABELS = ("<5°", "5°~10°", "10°~15°", "15°~25°", ">25°")


def slope_table(ctx: Context, by: str, cropland: bool) -> DesignTable:
    """D.0.10 土地坡度组成表 (all land) or D.0.11 坡耕地坡度组成表 (cropland, CSLE class cropland: 旱地, 水浇地):
    area and share per SL/T 447 slope class, from ``ws_d010`` / ``ws_d011`` (villages: the same
    :func:`summaries.composition` on the whole parcels)."""
    key, layer = ("D.0.11", "ws_d011") if cropland else ("D.0.10", "ws_d010")
    labels = D011_LABELS if cropland else D010_LABELS
    if by == BY_WATERSHED:
        frame = ctx.frame(layer, STEP_SUMMARISE, shared=True, allow_empty=cropland)
    else:
        system = ctx.params.slope_systems[D011_SYSTEM if cropland else D010_SYSTEM]
        frame = summaries.composition(villages(ctx), "d011" if cropland else "d010", system, cropland_only=cropland,
                                      keys=("village_code",)).rename(columns={"village_code": "ws_code"})  # fmt: skip
    rows = indexed(frame)
    if cropland and not [c for c in rows if c != "ALL" and _num(rows[c]["total_hm2"]) > 0]:
        raise TableMissingError(msg(NO_SLOPING_CROPLAND))
    total_label_text = ("坡耕地面积", "Sloping cropland") if cropland else ("土地总面积", "Total area")
    columns = [unit_column(ctx, by), col(*total_label_text, "total", 2, "hm²")]
    columns += [group(lab, lab, col("面积", "Area", f"c{j}_hm2", 2, "hm²"), col("比例", "Share", f"c{j}_pct", 2, "%"))
                for j, lab in enumerate(labels, start=1)]  # fmt: skip
    sheet = Sheet(columns, ctx.language)
    codes = sort_codes(rows)
    names = unit_labels(ctx, by, codes, village_names(villages(ctx)) if by == BY_VILLAGE else None)
    for code in codes:
        r = rows[code]
        sheet.add({UNIT_KEY: names[code], "total": r["total_hm2"],
                   **{f"c{j}_{m}": r[f"c{j}_{m}"] for j in range(1, 6) for m in ("hm2", "pct")}})  # fmt: skip
    total = sheet.summed(sheet.data_rows, ["total", *[f"c{j}_hm2" for j in range(1, 6)]])
    for j in range(1, 6):
        total[f"c{j}_pct"] = ratio_pct(sheet.raw_sum(f"c{j}_hm2"), sheet.raw_sum("total"))
    sheet.add({UNIT_KEY: total_label(ctx), **total}, TOTAL)
    name = (
        ("坡耕地坡度组成表", "Slope composition of sloping cropland")
        if cropland
        else ("土地坡度组成表", "Land slope composition")
    )
    notes = [("比例为占本单元" + ("坡耕地" if cropland else "土地") + "面积的比例；合计行由合计面积计算。",
              "Shares are of the unit's " + ("sloping cropland" if cropland else "land") + "; the total row's from "
              "its sums.")]  # fmt: skip
    return sheet.table(suffix(key, by), title(key, *name, by), None, notes, sheet_name(key, by), by,
                       layer if by == BY_WATERSHED else "parcels")  # fmt: skip


def d010(ctx: Context, by: str) -> DesignTable:
    return slope_table(ctx, by, cropland=False)


def d011(ctx: Context, by: str) -> DesignTable:
    return slope_table(ctx, by, cropland=True)


#: The builders of this module: key → (function(ctx, by), has a village version).
BUILDERS = {
    "D.0.4": (d04, True),
    "D.0.5": (d05, True),
    "D.0.8": (d08, True),
    "D.0.9": (d09, True),
    "D.0.10": (d010, True),
    "D.0.11": (d011, True),
}
__all__ = ["BUILDERS", "DATA", "VILLAGE_DIGITS", "analysed_parcels", "has_villages", "village_of"]
