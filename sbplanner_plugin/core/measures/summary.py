"""Area and parcel count per primary measure (the step-3 summary, SL/T 447 D.0.15 counts treated area once).

治理面积 (treated area) must stay within 水土流失面积 (the eroded area, SL 190 轻度 and above): a measure on
a 微度 parcel (or one without an erosion class) is counted separately as 预防/保护 (prevention and
protection), never as 治理.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from sbplanner_plugin.core.definitions import split_list
from sbplanner_plugin.core.measures.catalogue import Catalogue
from sbplanner_plugin.core.measures.rules import EROSION_CLASSES

SUMMARY_COLUMNS = (
    "measure_code", "measure_name", "measure_name_en", "measure_category", "sl447_column", "treatment",
    "parcels", "area_ha", "with_measures",
)  # fmt: skip

#: ``treatment`` of a summary row: 治理 (on eroded land), 预防/保护 (a measure on 微度 or unclassified land), "".
TREATED = "治理"
PROTECTION = "预防/保护"
#: SL 190 classes that make up 水土流失面积 (轻度 and above), Chinese and English names.
ERODED_CLASSES = frozenset(n for zh, en in EROSION_CLASSES[1:] for n in (zh, en))


class TreatedArea(NamedTuple):
    """hm² of a :func:`summarise` frame: 治理 (within 水土流失面积), 预防/保护, and without a measure."""

    treated: float
    protection: float
    untreated: float


def treatment_kind(measure_code: object, erosion_class: object, has_erosion: bool = True) -> str:
    """治理, 预防/保护 or "" (no measure) for one parcel.

    Without an ``erosion_class`` column at all (``has_erosion`` False: a layer from before the rule) every
    measure counts as 治理."""
    if not measure_code or (isinstance(measure_code, float) and pd.isna(measure_code)):
        return ""
    if not has_erosion:
        return TREATED
    return TREATED if str(erosion_class or "").strip() in ERODED_CLASSES else PROTECTION


def summarise(assigned: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """Area (hm²) and parcel count per primary measure and ``treatment``, largest first; "" = no measure.

    A parcel's area is counted once, under its primary measure (D.0.15 counts treated area once);
    companion measures (e.g. 地埂植物带 with a terrace) are listed in ``with_measures``. A measure on a
    parcel outside 水土流失面积 (``erosion_class`` 微度 or empty) is its own row with ``treatment`` 预防/保护.
    """
    has_erosion = "erosion_class" in assigned
    erosion = assigned["erosion_class"] if has_erosion else pd.Series("", index=assigned.index)
    codes = assigned["measure_code"].fillna("")
    df = pd.DataFrame(
        {
            "measure_code": codes,
            "treatment": [treatment_kind(c, e, has_erosion) for c, e in zip(codes, erosion)],
            "area_ha": pd.to_numeric(assigned.get("area_ha", pd.Series(0.0, index=assigned.index)), errors="coerce")
            .fillna(0.0)
            .astype(float),
            "codes": assigned["measure_codes"].fillna(""),
        }
    )
    rows = []
    for (code, kind), g in df.groupby(["measure_code", "treatment"], sort=False):
        m = catalogue.get(code)
        companions = sorted({c for cs in g["codes"] for c in split_list(cs) if c != code})
        rows.append(
            {
                "measure_code": code,
                "measure_name": m.name_zh if m else (code or "无措施"),
                "measure_name_en": m.name_en if m else (code or "no measure"),
                "measure_category": m.category if m else "",
                "sl447_column": m.sl447_column if m else "",
                "treatment": kind,
                "parcels": len(g),
                "area_ha": round(float(g["area_ha"].sum()), 4),
                "with_measures": ";".join(companions),
            }
        )
    out = pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))
    return out.sort_values(["area_ha", "measure_code", "treatment"], ascending=[False, True, True], ignore_index=True)


def treated_area(summary: pd.DataFrame) -> TreatedArea:
    """(治理 hm², 预防/保护 hm², hm² without a measure) of a :func:`summarise` frame."""
    if "treatment" in summary:
        kind = summary["treatment"]
    else:
        kind = summary["measure_code"].map(lambda c: TREATED if c else "")
    treated = float(summary.loc[kind == TREATED, "area_ha"].sum())
    protection = float(summary.loc[kind == PROTECTION, "area_ha"].sum())
    return TreatedArea(treated, protection, float(summary["area_ha"].sum()) - treated - protection)
