"""Quantity items: the one vocabulary shared by the quantity algorithms of step 4, the investment
estimate and the SL/T 447 tables D.0.15 (措施量) / D.0.16 (工程量).

Every quantity algorithm writes, besides its per-feature layer, a long table of items, one row per
feature × item (:data:`ITEM_COLUMNS`): which feature (``source`` + ``feature_id``), where (``ws_code``,
``village``), which measure (``measure_code`` of resources/params/measures.csv), what (``item``, one of
:class:`Item`), how much (``quantity`` in ``unit``) and when (``year``, the implementation year,
1 = first). The investment estimate prices these rows by (measure_code, item); D.0.16 sums them by
the item's column.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import numpy as np
import pandas as pd

from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP

#: Translation context of the item names below.
ITEMS_CONTEXT = "SbPlannerItems"

#: Columns of an items table, in this order.
ITEM_COLUMNS = ("source", "feature_id", "ws_code", "village", "measure_code", "item", "unit", "quantity", "year")

#: ``source`` values: which algorithm's features the row belongs to.
SOURCE_TERRACE = "terrace"  # sbplanner:terrace_quantities (parcels)
SOURCE_MEASURE = "measure"  # sbplanner:measure_quantities, area measures (parcels)
SOURCE_WORKS = "works"  # sbplanner:measure_quantities, point / line works (dams, ditches, cisterns …)
SOURCES = (SOURCE_TERRACE, SOURCE_MEASURE, SOURCE_WORKS)


class Item(str, Enum):
    """A quantity item. The value is the stable key stored in the items tables."""

    AREA_HA = "area_ha"  # 措施面积 (hm²)
    COUNT = "count"  # 座 / 处 / 口
    LENGTH_M = "length_m"  # 长度 (m): ditches, fences, roads, riser length
    EARTH_CUT_M3 = "earth_cut_m3"  # 土方开挖
    EARTH_FILL_M3 = "earth_fill_m3"  # 土方回填
    ROCK_CUT_M3 = "rock_cut_m3"  # 石方挖方
    ROCK_FILL_M3 = "rock_fill_m3"  # 石方回填
    CONCRETE_M3 = "concrete_m3"  # 混凝土
    MORTAR_MASONRY_M3 = "mortar_masonry_m3"  # 浆砌石
    DRY_MASONRY_M3 = "dry_masonry_m3"  # 干砌石
    SITE_PREP_PITS = "site_prep_pits"  # 整地 (个: 鱼鳞坑, 穴状 …)
    TREES = "trees"  # 栽植乔木 (株)
    SHRUBS = "shrubs"  # 栽植灌木 (株)
    GRASS_HA = "grass_ha"  # 种草 (hm²)
    GRASS_SEED_KG = "grass_seed_kg"  # 播种量 (kg)
    FENCE_M = "fence_m"  # 围栏 (m)
    SIGNS = "signs"  # 标志牌 (块)
    STORAGE_M3 = "storage_m3"  # 库容 / 容积 (m³)
    LABOUR_DAYS = "labour_days"  # 投工 (工日)


@dataclass(frozen=True)
class ItemInfo:
    unit: str
    #: The SL/T 447 D.0.16 (工程量汇总表) column the item sums into; "" when it is not a D.0.16 column.
    d016_column: str
    name_zh: str
    name_en: str


#: Unit, D.0.16 column and names of every item (English names translated with ``ITEMS_CONTEXT``).
ITEM_INFO: dict[Item, ItemInfo] = {
    Item.AREA_HA: ItemInfo("hm²", "措施数量", "措施面积", QT_TRANSLATE_NOOP("SbPlannerItems", "area")),
    Item.COUNT: ItemInfo("座", "措施数量", "数量", QT_TRANSLATE_NOOP("SbPlannerItems", "number of works")),
    Item.LENGTH_M: ItemInfo("m", "措施数量", "长度", QT_TRANSLATE_NOOP("SbPlannerItems", "length")),
    Item.EARTH_CUT_M3: ItemInfo("m³", "土方开挖", "土方开挖", QT_TRANSLATE_NOOP("SbPlannerItems", "earth excavation")),
    Item.EARTH_FILL_M3: ItemInfo("m³", "土方回填", "土方回填", QT_TRANSLATE_NOOP("SbPlannerItems", "earth fill")),
    Item.ROCK_CUT_M3: ItemInfo("m³", "石方挖方", "石方挖方", QT_TRANSLATE_NOOP("SbPlannerItems", "rock excavation")),
    Item.ROCK_FILL_M3: ItemInfo("m³", "石方回填", "石方回填", QT_TRANSLATE_NOOP("SbPlannerItems", "rock fill")),
    Item.CONCRETE_M3: ItemInfo("m³", "混凝土", "混凝土", QT_TRANSLATE_NOOP("SbPlannerItems", "concrete")),
    Item.MORTAR_MASONRY_M3: ItemInfo(
        "m³", "浆砌石", "浆砌石", QT_TRANSLATE_NOOP("SbPlannerItems", "mortar rubble masonry")
    ),
    Item.DRY_MASONRY_M3: ItemInfo("m³", "干砌石", "干砌石", QT_TRANSLATE_NOOP("SbPlannerItems", "dry stone masonry")),
    Item.SITE_PREP_PITS: ItemInfo("个", "整地", "整地", QT_TRANSLATE_NOOP("SbPlannerItems", "site preparation pits")),
    Item.TREES: ItemInfo("株", "栽植乔木", "栽植乔木", QT_TRANSLATE_NOOP("SbPlannerItems", "trees planted")),
    Item.SHRUBS: ItemInfo("株", "栽植灌木", "栽植灌木", QT_TRANSLATE_NOOP("SbPlannerItems", "shrubs planted")),
    Item.GRASS_HA: ItemInfo("hm²", "种草", "种草", QT_TRANSLATE_NOOP("SbPlannerItems", "grass sown")),
    Item.GRASS_SEED_KG: ItemInfo("kg", "", "播种量", QT_TRANSLATE_NOOP("SbPlannerItems", "grass seed")),
    Item.FENCE_M: ItemInfo("m", "", "围栏", QT_TRANSLATE_NOOP("SbPlannerItems", "fence")),
    Item.SIGNS: ItemInfo("块", "", "标志牌", QT_TRANSLATE_NOOP("SbPlannerItems", "signs")),
    Item.STORAGE_M3: ItemInfo("m³", "", "库容", QT_TRANSLATE_NOOP("SbPlannerItems", "storage capacity")),
    Item.LABOUR_DAYS: ItemInfo("工日", "投工", "投工", QT_TRANSLATE_NOOP("SbPlannerItems", "labour")),
}

#: D.0.16 columns in the table's order (SL/T 447-2026 Appendix D, domain reference §1.3).
D016_COLUMNS = (
    "措施数量",
    "土方开挖",
    "土方回填",
    "石方挖方",
    "石方回填",
    "混凝土",
    "浆砌石",
    "干砌石",
    "整地",
    "栽植乔木",
    "栽植灌木",
    "种草",
    "投工",
)


class UnknownItemError(ValueError):
    """An items table names an item outside :class:`Item` (a programming error, not user input)."""


def item_unit(item: str) -> str:
    return ITEM_INFO[Item(item)].unit


def items_frame(rows: list[dict] | pd.DataFrame | None = None) -> pd.DataFrame:
    """An items table with exactly :data:`ITEM_COLUMNS` (typed; ``unit`` filled from the item when
    missing; ``year`` 1 when missing). Raises :class:`UnknownItemError` for an item outside :class:`Item`
    or a source outside :data:`SOURCES`."""
    frame = pd.DataFrame(rows if rows is not None else [], columns=list(ITEM_COLUMNS))
    known = {i.value for i in Item}
    bad = sorted(set(frame["item"].dropna().astype(str)) - known)
    if bad:
        raise UnknownItemError(f"unknown quantity items: {', '.join(bad)}")
    bad_sources = sorted(set(frame["source"].dropna().astype(str)) - set(SOURCES))
    if bad_sources:
        raise UnknownItemError(f"unknown item sources: {', '.join(bad_sources)}")
    frame["unit"] = frame["unit"].astype(object)
    missing_unit = frame["unit"].isna() | (frame["unit"].astype(str) == "")
    units = {i.value: info.unit for i, info in ITEM_INFO.items()}
    frame.loc[missing_unit, "unit"] = frame.loc[missing_unit, "item"].map(units)
    frame["feature_id"] = pd.to_numeric(frame["feature_id"], errors="coerce").astype("Int64")
    frame["quantity"] = pd.to_numeric(frame["quantity"], errors="coerce").astype(np.float64)
    frame["year"] = pd.to_numeric(frame["year"], errors="coerce").fillna(1).astype(np.int64)
    for column in ("source", "ws_code", "village", "measure_code", "item", "unit"):
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame[list(ITEM_COLUMNS)].reset_index(drop=True)


def d016_table(items: pd.DataFrame, by: tuple[str, ...] = ("ws_code", "measure_code")) -> pd.DataFrame:
    """SL/T 447 D.0.16 工程量汇总表: the items summed into the table's columns (:data:`D016_COLUMNS`) per ``by``
    (small watershed and measure by default; ``("measure_code",)`` for the project; ``by`` holds
    measure_code). ``措施数量`` holds the measure's own unit count (area hm² for area measures, 座 for works,
    m for ditches and roads), in the ``unit`` column; items without a D.0.16 column (seed, fence, signs,
    storage) are left out."""
    frame = items_frame(items)
    frame["column"] = [ITEM_INFO[Item(i)].d016_column for i in frame["item"]]
    frame = frame[frame["column"] != ""]
    # 措施数量: one unit per measure — area for area measures, else the count, else the length
    amount = frame[frame["column"] == "措施数量"]
    rank = {Item.AREA_HA.value: 0, Item.COUNT.value: 1, Item.LENGTH_M.value: 2}
    if "measure_code" not in by:
        raise ValueError("D.0.16 rows are measures: 'by' must hold measure_code")
    keep = []
    for _, group in amount.groupby(list(by), dropna=False):
        best = min(group["item"], key=lambda i: rank[i])
        keep.append(group[group["item"] == best])
    amount = pd.concat(keep) if keep else amount.iloc[0:0]
    rest = frame[frame["column"] != "措施数量"]
    both = pd.concat([amount, rest])
    table = both.pivot_table(index=list(by), columns="column", values="quantity", aggfunc="sum", fill_value=0.0)
    table = table.reindex(columns=list(D016_COLUMNS), fill_value=0.0).reset_index()
    units = amount.groupby(list(by), dropna=False)["unit"].first() if not amount.empty else None
    table.insert(len(by), "unit", [units.get(tuple(r) if len(by) > 1 else r[0], "") if units is not None else ""
                                   for r in table[list(by)].itertuples(index=False)])  # fmt: skip
    return table
