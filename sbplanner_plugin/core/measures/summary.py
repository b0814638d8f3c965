"""Area and parcel count per primary measure (the step-3 summary, SL/T 447 D.0.15 counts treated area once)."""

from __future__ import annotations

import pandas as pd

from sbplanner_plugin.core.definitions import split_list
from sbplanner_plugin.core.measures.catalogue import Catalogue

SUMMARY_COLUMNS = (
    "measure_code", "measure_name", "measure_name_en", "measure_category", "sl447_column", "parcels", "area_ha",
    "with_measures",
)  # fmt: skip


def summarise(assigned: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """Area (hm²) and parcel count per primary measure, largest first; "" = no measure.

    A parcel's area is counted once, under its primary measure (D.0.15 counts treated area once);
    companion measures (e.g. 地埂植物带 with a terrace) are listed in ``with_measures``.
    """
    df = pd.DataFrame(
        {
            "measure_code": assigned["measure_code"].fillna(""),
            "area_ha": pd.to_numeric(assigned.get("area_ha", pd.Series(0.0, index=assigned.index)), errors="coerce")
            .fillna(0.0)
            .astype(float),
            "codes": assigned["measure_codes"].fillna(""),
        }
    )
    rows = []
    for code, g in df.groupby("measure_code", sort=False):
        m = catalogue.get(code)
        companions = sorted({c for cs in g["codes"] for c in split_list(cs) if c != code})
        rows.append(
            {
                "measure_code": code,
                "measure_name": m.name_zh if m else "无措施",
                "measure_name_en": m.name_en if m else "no measure",
                "measure_category": m.category if m else "",
                "sl447_column": m.sl447_column if m else "",
                "parcels": len(g),
                "area_ha": round(float(g["area_ha"].sum()), 4),
                "with_measures": ";".join(companions),
            }
        )
    out = pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))
    return out.sort_values(["area_ha", "measure_code"], ascending=[False, True], ignore_index=True)


def treated_area(summary: pd.DataFrame) -> tuple[float, float]:
    """(hm² with a measure, hm² without) of a :func:`summarise` frame."""
    treated = float(summary.loc[summary["measure_code"] != "", "area_ha"].sum())
    return treated, float(summary["area_ha"].sum()) - treated
