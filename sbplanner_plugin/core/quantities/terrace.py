"""Terraces (坡改梯): the level-terrace cross-section of GB/T 16453.1-2008 and the quantities built on it.

Symbols (GB/T 16453.1-2008 notation, domain reference §5.3): θ original ground slope, α riser face
angle (田坎侧坡), H riser height (田坎高度), B net bench width (田面净宽), B_m gross width (田面毛宽,
horizontal width of one terrace unit), B_x slope width of one unit (原坡面斜宽), B_n riser footprint
(田坎占地宽).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class LevelSection:
    """Cross-section of a level terrace, per bench (arrays broadcast from the inputs; NaN where
    0 < θ < α < 90° does not hold or B ≤ 0)."""

    riser_height_m: np.ndarray  # H
    slope_width_m: np.ndarray  # B_x
    gross_width_m: np.ndarray  # B_m
    riser_footprint_m: np.ndarray  # B_n
    riser_share: np.ndarray  # B_n / B_m = tanθ / tanα (fraction of the land the risers take)
    cut_m3_per_m: np.ndarray  # V₁ = B·H/8 (= fill), per metre of bench
    haul_m: np.ndarray  # 2B/3
    earthwork_m3_per_ha: np.ndarray  # 1250·H (m³/hm²), the standard's per-hectare figure


def level_section(slope_deg, bench_width_m, riser_angle_deg) -> LevelSection:
    """Level-terrace geometry for a chosen net bench width B (GB/T 16453.1-2008, domain reference §5.3).

    - B = H (cotθ − cotα)  ⇔  H = B / (cotθ − cotα) = B·sinθ·sinα / sin(α − θ);
    - B_x = H / sinθ, B_m = H·cotθ, B_n = H·cotα, riser land share B_n/B_m = tanθ / tanα;
    - balanced cut and fill through the bench centre: V₁ = ½·(B/2)·(H/2) = B·H/8 m³ per metre of bench,
      haul distance (centroid of cut to centroid of fill) 2B/3;
    - per hectare, with the standard's bench length 10 000/B m per hm²: V = B·H/8 · 10 000/B = 1250·H
      m³/hm² (GB/T 16453.1 gives 83.3·H m³/亩 = 1250·H/15).

    Worked check: θ 15°, B 7 m, α 75° → H 2.021 m, 2526 m³/hm², riser share 7.2 %.
    """
    theta = np.radians(np.asarray(slope_deg, dtype=np.float64))
    alpha = np.radians(np.asarray(riser_angle_deg, dtype=np.float64))
    b = np.asarray(bench_width_m, dtype=np.float64)
    theta, alpha, b = np.broadcast_arrays(theta, alpha, b)
    ok = (theta > 0) & (alpha > theta) & (alpha < np.pi / 2) & (b > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        h = np.where(ok, b * np.sin(theta) * np.sin(alpha) / np.sin(alpha - theta), np.nan)
        section = LevelSection(
            riser_height_m=h,
            slope_width_m=h / np.sin(theta),
            gross_width_m=h / np.tan(theta),
            riser_footprint_m=h / np.tan(alpha),
            riser_share=np.where(ok, np.tan(theta) / np.tan(alpha), np.nan),
            cut_m3_per_m=b * h / 8.0,
            haul_m=np.where(ok, 2.0 * b / 3.0, np.nan),
            earthwork_m3_per_ha=1250.0 * h,
        )
    return section


def bench_width_for_height(slope_deg, riser_height_m, riser_angle_deg) -> np.ndarray:
    """Net bench width B = H (cotθ − cotα) of a riser height H (the inverse of :func:`level_section`);
    NaN where 0 < θ < α < 90° does not hold or H ≤ 0."""
    theta = np.radians(np.asarray(slope_deg, dtype=np.float64))
    alpha = np.radians(np.asarray(riser_angle_deg, dtype=np.float64))
    h = np.asarray(riser_height_m, dtype=np.float64)
    ok = (theta > 0) & (alpha > theta) & (alpha < np.pi / 2) & (h > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(ok, h * (1.0 / np.tan(theta) - 1.0 / np.tan(alpha)), np.nan)
