"""Step 5: treatment urgency of small watersheds (治理紧迫程度) and priority of sloping farmland (坡改梯).

Both rank units by a weighted sum of indicators (domain reference §7 [PROPOSAL], issue 11):

* an **indicator table** (``urgency_indicators.csv``, ``farmland_priority_indicators.csv``): key, names,
  ``field`` (``computed`` = SBPlanner computes it, else a numeric field of the units), ``direction``
  (+1: more is more urgent, −1: less is more urgent), ``weight``, unit, source, confidence; the user adds
  indicators from any numeric field (:func:`parse_extra_indicators`);
* **min–max normalisation** within the study area, x′ = (x − min)/(max − min), reversed (1 − x′) for a
  negative indicator (domain reference §7); an indicator missing everywhere or constant over all units
  cannot tell units apart: its weight is redistributed over the others in proportion, and the run says so;
* **weights** given directly (normalised to sum 1, said so when they did not) or from an **AHP pairwise
  matrix** (Saaty): the principal eigenvector, λmax, CI = (λmax − n)/(n − 1), CR = CI/RI with Saaty's random
  index (``ahp_random_index.csv``). A matrix with CR ≥ ``ahp_cr_max`` (0.10) is **not used**: the direct
  weights of the table are used instead and the run warns with the CR (choice: a warning, not an error, so
  the ranking is still there while the judgements are revised; never a silent use of the matrix);
* **score** U = 100 · Σ wᵢ·x′ᵢ / Σ wᵢ over the indicators known for the unit, 0–100; **rank** 1 = most
  urgent (highest score; ties keep the input order); a unit with a missing value is scored over its known
  indicators and listed in ``missing_indicators``;
* urgency **classes** 极紧迫 / 紧迫 / 较紧迫 / 一般 by natural breaks (Fisher–Jenks, :func:`jenks_breaks`) or
  quartiles of the score; **hard flags** force 极紧迫 (cropland beyond the prohibited-cultivation slope,
  水土保持法 第二十条; a drinking-water source area) whatever the score — the rank stays the score's rank;
* **units**: the small watersheds (parcels split at their boundaries by the DEM cells of step 2,
  ``ws_pieces``) or 行政村 polygons (parcels split by area overlay, :func:`summaries.overlay_pieces`): every
  indicator is aggregated the same way per unit;
* **重点防治区** (水土保持法 第十二条; not in the domain reference's scheme, so [PROPOSAL]): the ``key_area``
  indicator is the highest level of a 重点治理区 overlapping the unit (国家级 3, 省级 2, 市级 / 县级 1, none 0)
  and the ``key_area`` column lists every 重点预防区 / 重点治理区 overlapping it; with ``key_area_hard_flag``
  = 1 in ranking_params.csv a 重点治理区 also forces 极紧迫 (flag ``key_treatment_area``);
* **rank stability**: Monte Carlo draws multiply every weight by a uniform factor in [1 − p, 1 + p]
  (p = ``weight_perturbation``, 0.20), renormalised; ``rank_stability`` = share of the draws whose rank is
  within ± ``stability_window`` (1) of the rank with the given weights (seeded: the same seed, the same
  column).

Farmland priority scores each 坡耕地 parcel (cropland, not paddy, mean slope in the 5–25° band) from
slope, soil loss, soil depth, distances to village / road / water and the area of its contiguous block
(集中连片), ranks within each small watershed and selects the top parcels within an area budget (hm²).
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import shapely

from sbplanner_plugin.core import summaries
from sbplanner_plugin.core.definitions import GDLX_FIELDS, GDPDJB_FIELDS, code_text, find_field, to_number
from sbplanner_plugin.core.errors import (
    QT_TRANSLATE_NOOP,
    InvalidParameterError,
    Msg,
    NotAnalysedParcelsError,
    SbPlannerError,
    msg,
)
from sbplanner_plugin.core.measures.law import BASIS_GDPDJB, STEEP_CROPLAND_DEG, is_cropland, steep_basis
from sbplanner_plugin.core.params import HINT_PERCENT, ByKey, Kind, Num, ParamSet, ParamTableError, parse_table_lines

URGENCY_TABLE = "urgency_indicators.csv"
PRIORITY_TABLE = "farmland_priority_indicators.csv"
RANKING_PARAMS_TABLE = "ranking_params.csv"
RANDOM_INDEX_TABLE = "ahp_random_index.csv"
COMPUTED = "computed"
JENKS = "jenks"
QUANTILE = "quantile"
#: Urgency classes (zh, en) from the most urgent (id 1) down (domain reference §7).
URGENCY_CLASSES = (("极紧迫", "very urgent"), ("紧迫", "urgent"), ("较紧迫", "fairly urgent"), ("一般", "ordinary"))
#: Hard flags (``urgency_flags``): cropland beyond the prohibited-cultivation slope, a water-source area.
FLAG_STEEP = "steep_cropland"
FLAG_WATER_SOURCE = "water_source"
#: … and, when ``key_area_hard_flag`` of ranking_params.csv is 1, a 重点治理区 (水土保持法 第十二条).
FLAG_KEY_AREA = "key_treatment_area"
#: The units ranked: small watersheds (key ws_code, parcels split by their DEM cells, ``ws_pieces``) or
#: 行政村 polygons (key village_code, parcels split by area overlay, :func:`summaries.overlay_pieces`).
UNIT_WATERSHED = "small_watershed"
UNIT_VILLAGE = "village"
UNIT_KEYS = {UNIT_WATERSHED: "ws_code", UNIT_VILLAGE: "village_code"}
#: 重点防治区 levels (the ``key_area`` indicator: the highest level of a 重点治理区 overlapping the unit).
KEY_AREA_LEVELS = (("国家级", 3, ("国家", "national")), ("省级", 2, ("省", "provinc")),
                   ("市级", 1, ("市", "municipal", "city")), ("县级", 1, ("县", "county")))  # fmt: skip
KEY_TREATMENT = "重点治理区"
KEY_PREVENTION = "重点预防区"
#: ranking_params.csv keys that may be left out (older copies of the table), with their default.
OPTIONAL_RANKING_KEYS = {"key_area_hard_flag": 0.0}
#: Indicators SBPlanner computes (``field`` = computed) for the urgency and the farmland tables.
URGENCY_COMPUTED = (
    "eroded_share",
    "moderate_share",
    "modulus_ratio",
    "slope_cropland_share",
    "steep_cropland_share",
    "gully_density",
    "forest_grass_cover",
    "swc_gap",
    "population_density",
    "protected_objects",
    "key_area",
)
PRIORITY_COMPUTED = ("slope", "soil_loss", "soil_depth", "dist_village", "dist_road", "dist_water", "block_area")
RANKING_KEYS = (
    "swc_target_pct",
    "ahp_cr_max",
    "weight_perturbation",
    "stability_window",
    "farmland_slope_min_deg",
    "farmland_slope_max_deg",
    "farmland_block_gap_m",
    "farmland_min_block_ha",
)
#: Each key of ranking_params.csv with its allowed (and usual) range.
RANKING_VALUES: dict[str, Num] = {
    "swc_target_pct": Num(0.0, 100.0, warn_lo=10.0, hint=HINT_PERCENT),
    "ahp_cr_max": Num(0.0, 1.0, lo_open=True, warn_hi=0.2),
    "weight_perturbation": Num(0.0, 1.0),
    "stability_window": Num(0, 1000, integer=True),
    "farmland_slope_min_deg": Num(0.0, 90.0),
    "farmland_slope_max_deg": Num(0.0, 90.0),
    "farmland_block_gap_m": Num(0.0, 10000.0),
    "farmland_min_block_ha": Num(0.0, 100000.0),
    "key_area_hard_flag": Num(0, 1, integer=True),
}
RANKING_SCHEMA: dict[str, Kind] = {
    "key": "str",
    "value": ByKey(keys=RANKING_VALUES, required=RANKING_KEYS),
    "unit": "opt",
    "description": "opt",
}
RANDOM_INDEX_SCHEMA: dict[str, Kind] = {"n": Num(1, 100, integer=True), "ri": Num(0.0, 2.0)}
#: Reciprocity tolerance of an AHP matrix: |aᵢⱼ·aⱼᵢ − 1| ≤ this (entries may be rounded to two decimals:
#: 1/7 written 0.14 gives 0.98).
RECIPROCAL_TOLERANCE = 0.03
#: The fields of the urgency output (besides the v_/n_ indicator columns).
URGENCY_COLUMNS = (
    "urgency_score",
    "urgency_rank",
    "urgency_class",
    "urgency_class_en",
    "urgency_class_id",
    "urgency_flags",
    "rank_stability",
    "missing_indicators",
)
PRIORITY_COLUMNS = (
    "priority_score",
    "priority_rank",
    "block_id",
    "block_area_ha",
    "block_eligible",
    "selected",
    "missing_indicators",
)
TEXT_COLUMNS = (
    "ws_code",
    "village_code",
    "key_area",
    "urgency_class",
    "urgency_class_en",
    "urgency_flags",
    "missing_indicators",
)
INT_COLUMNS = ("urgency_rank", "urgency_class_id", "priority_rank", "block_id", "block_eligible", "selected", "parcel")

_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


# --------------------------------------------------------------------------------------------
# errors
class AhpMatrixError(SbPlannerError):
    key = "ahp_matrix"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "AHP pairwise matrix {file}: {problem}")


class NoUnitsError(SbPlannerError):
    key = "no_ranking_units"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "The small-watershed layer holds no unit with a ws_code.")


class DuplicateUnitError(SbPlannerError):
    key = "duplicate_ranking_unit"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The small-watershed layer holds ws_code {code} more than once; each unit needs its own code."
    )  # fmt: skip


class NoVillageUnitsError(SbPlannerError):
    key = "no_village_units"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "The village layer holds no village with a code or name in field {field}."
    )


class DuplicateVillageError(SbPlannerError):
    key = "duplicate_village_unit"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "The village layer holds '{code}' more than once in field {field}; each village needs its own code or name "
        "(merge its polygons, or choose a field that tells the villages apart)."
    )  # fmt: skip


class KeyAreaKindError(SbPlannerError):
    key = "key_area_kind"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "重点防治区 layer: kind '{text}' is neither a 重点治理区 nor a 重点预防区 of a known level "
        "(国家级, 省级, 市级, 县级; e.g. 国家级重点治理区, 省级重点预防区)."
    )  # fmt: skip


class UnknownIndicatorFieldError(SbPlannerError):
    key = "unknown_indicator_field"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors", "Indicator {key}: the layer has no field '{field}' (fields: {fields})."
    )


class NoContrastError(SbPlannerError):
    key = "no_contrast"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "No indicator tells the units apart (each is missing everywhere, constant over all units or has weight 0): "
        "{indicators}. Nothing can be ranked."
    )  # fmt: skip


class NoWeightError(SbPlannerError):
    key = "no_weight"
    template = QT_TRANSLATE_NOOP("SbPlannerErrors", "Every indicator weight is 0: give at least one a weight above 0.")


class NoCandidatesError(SbPlannerError):
    key = "no_farmland_candidates"
    template = QT_TRANSLATE_NOOP(
        "SbPlannerErrors",
        "No parcel is sloping cropland to terrace (cropland other than paddy, not terraced yet, mean slope from "
        "{low:g}° to below {high:g}°): nothing to prioritise."
    )  # fmt: skip


# --------------------------------------------------------------------------------------------
# tables
@dataclass(frozen=True)
class Indicator:
    """One row of an indicator table (or of the EXTRA_INDICATORS parameter)."""

    key: str
    name_zh: str
    name_en: str
    field: str  # COMPUTED or a numeric field of the units
    direction: int  # +1: more is more urgent; −1: less is more urgent
    weight: float
    unit: str = ""
    source: str = ""
    confidence: str = "PROPOSAL"

    @property
    def label(self) -> str:
        return f"{self.key} ({self.name_zh})" if self.name_zh and self.name_zh != self.key else self.key


INDICATOR_SCHEMA = {
    "key": "str",
    "name_zh": "str",
    "name_en": "opt",
    "field": "str",
    "direction": ("1", "+1", "-1"),
    "weight": Num(0.0, 1000.0),  # normalised to a sum of 1 by the ranking
    "unit": "opt",
}


def _table_problem(name: str, line: int, column: str, template: str, **params) -> ParamTableError:
    return ParamTableError(file=name, line=line, column=column, problem=msg(template, **params))


def parse_indicators(name: str, text: str, computed: Sequence[str]) -> list[Indicator]:
    """An indicator table (see the module doc); ``computed``: the keys SBPlanner can compute."""
    out: list[Indicator] = []
    seen: set[str] = set()
    for line, row in parse_table_lines(name, text, INDICATOR_SCHEMA):
        key = row["key"]
        if not _KEY.match(key):
            raise _table_problem(
                name, line, "key", QT_TRANSLATE_NOOP("SbPlannerErrors", "'{text}' is not a key (letters, digits, _)"),
                text=key,
            )  # fmt: skip
        if key in seen:
            raise _table_problem(name, line, "key", QT_TRANSLATE_NOOP("SbPlannerErrors", "key '{text}' is repeated"),
                                 text=key)  # fmt: skip
        seen.add(key)
        if row["field"] == COMPUTED and key not in computed:
            raise _table_problem(
                name, line, "field",
                QT_TRANSLATE_NOOP("SbPlannerErrors", "SBPlanner does not compute '{text}' (it computes {choices}); give a field name"),  # noqa: E501
                text=key, choices=", ".join(computed),
            )  # fmt: skip
        out.append(
            Indicator(key, row["name_zh"], row["name_en"], row["field"], -1 if row["direction"] == "-1" else 1,
                      float(row["weight"]), row["unit"], row["source"], row["confidence"])
        )  # fmt: skip
    return out


def parse_extra_indicators(text: str | None, existing: Sequence[Indicator] = ()) -> list[Indicator]:
    """Indicators from numeric fields: ``"field:+1:0.1;field2:-1:0.05"`` (field, direction ±1, weight ≥ 0);
    the key is the field name with every character but ASCII letters, digits and _ as _ (``extra_<i>`` for a
    name without any ASCII letter or digit)."""
    out: list[Indicator] = []
    keys = {i.key for i in existing}
    for item in [t.strip() for t in str(text or "").replace("；", ";").split(";") if t.strip()]:
        parts = [p.strip() for p in item.split(":")]
        reason = None
        if len(parts) != 3 or not parts[0]:
            reason = QT_TRANSLATE_NOOP("SbPlannerErrors", "write field:direction:weight, e.g. pop_km2:+1:0.1")
        elif parts[1] not in ("1", "+1", "-1"):
            reason = QT_TRANSLATE_NOOP("SbPlannerErrors", "the direction is +1 or -1")
        elif not to_number(parts[2]) >= 0:
            reason = QT_TRANSLATE_NOOP("SbPlannerErrors", "the weight is a number ≥ 0")
        if reason is None:
            key = re.sub(r"\W", "_", parts[0], flags=re.ASCII)
            if not re.search(r"[A-Za-z0-9]", key):  # a name of non-ASCII letters only (人口): its position
                key = f"extra_{len(out) + 1}"
            key = key if _KEY.match(key) else f"f_{key}"
            if key in keys:
                reason = QT_TRANSLATE_NOOP("SbPlannerErrors", "an indicator of that key is already in the table")
        if reason is not None:
            raise InvalidParameterError(name="EXTRA_INDICATORS", value=item, reason=reason)
        keys.add(key)
        out.append(Indicator(key, parts[0], parts[0], parts[0], -1 if parts[1] == "-1" else 1, to_number(parts[2]),
                             source="EXTRA_INDICATORS", confidence="PROPOSAL"))  # fmt: skip
    return out


def parse_ranking_params(name: str, text: str) -> dict[str, float]:
    """``ranking_params.csv``: key → value; every key of :data:`RANKING_KEYS` is needed, those of
    :data:`OPTIONAL_RANKING_KEYS` get their default when left out."""
    rows = parse_table_lines(name, text, RANKING_SCHEMA)  # the keys there, each value in its range
    out = {row["key"]: float(row["value"]) for _line, row in rows if not isinstance(row["value"], str)}
    for key, default in OPTIONAL_RANKING_KEYS.items():
        out.setdefault(key, default)
    return out


def parse_random_index(name: str, text: str) -> dict[int, float]:
    """``ahp_random_index.csv``: matrix order n → Saaty's random consistency index RI."""
    return {row["n"]: float(row["ri"]) for _line, row in parse_table_lines(name, text, RANDOM_INDEX_SCHEMA)}


@dataclass(frozen=True)
class AhpMatrix:
    """A pairwise comparison matrix over indicator keys (row i vs column j: how much more important i is)."""

    keys: tuple[str, ...]
    values: np.ndarray
    file: str = ""


def _cell(name: str, text: str, row: str, col: str) -> float:
    t = text.strip()
    num, slash, den = t.partition("/")
    value = to_number(num) / to_number(den) if slash else to_number(t)
    if not math.isfinite(value) or value <= 0:
        raise AhpMatrixError(
            file=name,
            problem=msg(
                QT_TRANSLATE_NOOP("SbPlannerErrors", "cell ({row}, {col}) = '{text}' is not a number above 0"),
                row=row, col=col, text=t,
            ),
        )  # fmt: skip
    return value


def parse_ahp_matrix(name: str, text: str) -> AhpMatrix:
    """A pairwise matrix CSV: a header ``key,<k1>,<k2>,…`` and one row per key (``<k1>,1,3,1/5 …``), in any
    row order. Cells are numbers or fractions (``1/3``), all above 0; aⱼᵢ = 1/aᵢⱼ within
    :data:`RECIPROCAL_TOLERANCE`, so the diagonal is 1."""
    rows = [r for r in csv.reader(io.StringIO(text.lstrip("\ufeff"))) if any(c.strip() for c in r)]
    if len(rows) < 2:
        raise AhpMatrixError(file=name, problem=QT_TRANSLATE_NOOP("SbPlannerErrors", "no matrix rows"))
    keys = tuple(c.strip() for c in rows[0][1:])
    found: dict[str, list[str]] = {}
    for r in rows[1:]:
        key = r[0].strip()
        if key not in keys or key in found or len(r) != len(keys) + 1:
            raise AhpMatrixError(
                file=name,
                problem=msg(
                    QT_TRANSLATE_NOOP("SbPlannerErrors", "row '{row}' does not match the header ({keys}): the matrix must be square, one row per column key"),  # noqa: E501
                    row=key, keys=", ".join(keys),
                ),
            )  # fmt: skip
        found[key] = r[1:]
    if len(found) != len(keys) or len(set(keys)) != len(keys):
        raise AhpMatrixError(
            file=name,
            problem=msg(
                QT_TRANSLATE_NOOP("SbPlannerErrors", "the matrix must be square, one row per column key ({keys})"),
                keys=", ".join(keys),
            ),
        )  # fmt: skip
    a = np.array([[_cell(name, found[ki][j], ki, kj) for j, kj in enumerate(keys)] for ki in keys], dtype=np.float64)
    for i, ki in enumerate(keys):
        for j, kj in enumerate(keys):
            if j >= i and abs(a[i, j] * a[j, i] - 1.0) > RECIPROCAL_TOLERANCE:
                raise AhpMatrixError(
                    file=name,
                    problem=msg(
                        QT_TRANSLATE_NOOP("SbPlannerErrors", "not reciprocal: ({row}, {col}) = {a:g} but ({col}, {row}) = {b:g}, not 1/{a:g}"),  # noqa: E501
                        row=ki, col=kj, a=float(a[i, j]), b=float(a[j, i]),
                    ),
                )  # fmt: skip
    return AhpMatrix(keys, a, name)


# --------------------------------------------------------------------------------------------
# weights
@dataclass(frozen=True)
class AhpResult:
    """Principal eigenvector weights of a pairwise matrix and its consistency (Saaty)."""

    keys: tuple[str, ...]
    weights: np.ndarray
    lambda_max: float
    ci: float
    ri: float
    cr: float
    used: bool = True  # False: CR ≥ the limit, the direct weights were used


def ahp_weights(matrix: np.ndarray, random_index: Mapping[int, float]) -> tuple[np.ndarray, float, float, float, float]:
    """(weights, λmax, CI, RI, CR) of a positive reciprocal matrix (Saaty 1980).

    w = the principal (Perron) eigenvector normalised to Σw = 1; CI = (λmax − n)/(n − 1); CR = CI/RI(n);
    for n ≤ 2 every reciprocal matrix is consistent (CI = CR = 0)."""
    a = np.asarray(matrix, dtype=np.float64)
    n = a.shape[0]
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    lam = float(values[k].real)
    w = np.abs(vectors[:, k].real)
    w = w / w.sum()
    if n <= 2:
        return w, float(n), 0.0, 0.0, 0.0
    if n not in random_index:
        raise AhpMatrixError(
            file=RANDOM_INDEX_TABLE,
            problem=msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "no random index RI for a matrix of order {n}"), n=n),
        )
    ci = (lam - n) / (n - 1)
    ri = float(random_index[n])
    return w, lam, ci, ri, (ci / ri if ri > 0 else 0.0)


@dataclass
class Notes:
    """What a run tells the user: information and warnings (translatable :class:`Msg`)."""

    info: list[Msg] = field(default_factory=list)
    warnings: list[Msg] = field(default_factory=list)


def _weights_text(weights: Mapping[str, float]) -> str:
    return ", ".join(f"{k} {w:.3f}" for k, w in weights.items())


def resolve_weights(
    indicators: Sequence[Indicator],
    ahp: AhpMatrix | None,
    random_index: Mapping[int, float],
    cr_max: float,
    notes: Notes,
) -> tuple[dict[str, float], AhpResult | None]:
    """The weight of every indicator (sum 1) and the AHP result (None without a matrix).

    Direct weights that do not add up to 1 are divided by their sum (said so). With a matrix, its keys must
    be indicators; indicators it does not name get weight 0 (said so); CR ≥ ``cr_max``: the matrix is not
    used, the direct weights are, and the run warns."""
    keys = [i.key for i in indicators]
    result = None
    if ahp is not None:
        unknown = [k for k in ahp.keys if k not in keys]
        if unknown:
            raise AhpMatrixError(
                file=ahp.file,
                problem=msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "'{key}' is not an indicator (indicators: {keys})"),
                            key=unknown[0], keys=", ".join(keys)),
            )  # fmt: skip
        w, lam, ci, ri, cr = ahp_weights(ahp.values, random_index)
        used = cr < cr_max
        result = AhpResult(ahp.keys, w, lam, ci, ri, cr, used)
        if used:
            weights = {k: 0.0 for k in keys} | dict(zip(ahp.keys, (float(v) for v in w)))
            notes.info.append(msg(
                QT_TRANSLATE_NOOP("SbPlannerErrors", "AHP weights (principal eigenvector): {weights}; λmax {lam:.4f}, CI {ci:.4f}, RI {ri:.2f}, CR {cr:.4f} < {limit:.2f}."),  # noqa: E501
                weights=_weights_text(dict(zip(ahp.keys, w))), lam=lam, ci=ci, ri=ri, cr=cr, limit=cr_max,
            ))  # fmt: skip
            left = [k for k in keys if k not in ahp.keys]
            if left:
                notes.info.append(msg(
                    QT_TRANSLATE_NOOP("SbPlannerErrors", "Indicators not in the AHP matrix get weight 0: {keys}."),
                    keys=", ".join(left),
                ))  # fmt: skip
            return weights, result
        notes.warnings.append(msg(
            QT_TRANSLATE_NOOP("SbPlannerErrors", "The AHP matrix is not consistent enough (CR {cr:.3f} ≥ {limit:.2f}; λmax {lam:.3f}, CI {ci:.3f}, RI {ri:.2f}): it is NOT used; the table's direct weights are. Revise the judgements of the matrix."),  # noqa: E501
            cr=cr, limit=cr_max, lam=lam, ci=ci, ri=ri,
        ))  # fmt: skip
    raw = {i.key: i.weight for i in indicators}
    total = sum(raw.values())
    if not total > 0:
        raise NoWeightError()
    weights = {k: w / total for k, w in raw.items()}
    if abs(total - 1.0) > 1e-6:
        notes.info.append(msg(
            QT_TRANSLATE_NOOP("SbPlannerErrors", "The weights add up to {total:g}, not 1: each was divided by the sum ({weights})."),  # noqa: E501
            total=total, weights=_weights_text({k: w for k, w in weights.items() if w > 0}),
        ))  # fmt: skip
    return weights, result


# --------------------------------------------------------------------------------------------
# normalisation, score, rank, classes, stability
def minmax(values: np.ndarray, direction: int = 1) -> np.ndarray | None:
    """x′ = (x − min)/(max − min) over the finite values (domain reference §7), 1 − x′ for direction −1;
    NaN stays NaN. None when fewer than two values are known or all known values are equal."""
    x = np.asarray(values, dtype=np.float64)
    ok = np.isfinite(x)
    if ok.sum() < 2:
        return None
    lo, hi = float(x[ok].min()), float(x[ok].max())
    if hi - lo <= 1e-12 * max(1.0, abs(hi), abs(lo)):
        return None
    out = np.where(ok, (x - lo) / (hi - lo), np.nan)
    return 1.0 - out if direction < 0 else out


def weighted_score(normalised: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """U = 100 · Σ wᵢ·x′ᵢ / Σ wᵢ over the indicators known for each unit (rows); NaN without any."""
    x = np.asarray(normalised, dtype=np.float64)
    w = np.asarray(weights, dtype=np.float64)
    known = np.isfinite(x)
    den = (known * w).sum(axis=1)
    num = (np.where(known, x, 0.0) * w).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, 100.0 * num / np.where(den > 0, den, 1.0), np.nan)


def rank_descending(scores: np.ndarray) -> np.ndarray:
    """Ranks 1..n, 1 = the highest score; ties keep the input order; NaN scores rank last."""
    s = np.asarray(scores, dtype=np.float64)
    key = np.where(np.isfinite(s), -s, np.inf)
    order = np.argsort(key, kind="stable")
    ranks = np.empty(len(s), dtype=np.int64)
    ranks[order] = np.arange(1, len(s) + 1)
    return ranks


def _ranks_of_columns(scores: np.ndarray) -> np.ndarray:
    """:func:`rank_descending` of every column of ``scores`` (units × draws)."""
    key = np.where(np.isfinite(scores), -scores, np.inf)
    order = np.argsort(key, axis=0, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(1, scores.shape[0] + 1)[:, None], axis=0)
    return ranks


def rank_stability(
    normalised: np.ndarray, weights: np.ndarray, draws: int, seed: int, spread: float = 0.2, window: int = 1
) -> np.ndarray:
    """Share of Monte Carlo draws in which a unit's rank stays within ± ``window`` of its rank with the given
    weights, each draw multiplying every weight by U(1 − spread, 1 + spread) (numpy PCG64, ``seed``)."""
    x = np.asarray(normalised, dtype=np.float64)
    w = np.asarray(weights, dtype=np.float64)
    n = x.shape[0]
    if draws <= 0 or n == 0:
        return np.full(n, np.nan)
    base = rank_descending(weighted_score(x, w))
    rng = np.random.default_rng(seed)
    hits = np.zeros(n)
    known = np.isfinite(x)
    x0 = np.where(known, x, 0.0)
    for start in range(0, draws, 256):  # chunks keep units × draws small
        m = min(256, draws - start)
        factors = rng.uniform(1.0 - spread, 1.0 + spread, size=(m, len(w)))
        wd = w[None, :] * factors
        wd = wd / wd.sum(axis=1, keepdims=True)
        den = known.astype(np.float64) @ wd.T
        with np.errstate(invalid="ignore", divide="ignore"):
            scores = np.where(den > 0, 100.0 * (x0 @ wd.T) / np.where(den > 0, den, 1.0), np.nan)
        hits += (np.abs(_ranks_of_columns(scores) - base[:, None]) <= window).sum(axis=1)
    return hits / draws


def jenks_breaks(values: Sequence[float], k: int) -> np.ndarray:
    """Upper bounds of ``k`` natural-breaks classes (Fisher 1958 exact optimisation, as Jenks 1977): the
    partition of the sorted values into k contiguous groups with the least sum of squared deviations from
    the group means. Fewer classes when there are fewer distinct values. The last bound is the maximum."""
    x = np.sort(np.asarray([v for v in values if np.isfinite(v)], dtype=np.float64))
    n = len(x)
    if n == 0:
        return np.zeros(0)
    k = max(1, min(int(k), len(np.unique(x))))
    s1 = np.concatenate([[0.0], np.cumsum(x)])
    s2 = np.concatenate([[0.0], np.cumsum(x * x)])

    def ssd(i: np.ndarray, j: int) -> np.ndarray:  # values i..j (inclusive)
        cnt = j - i + 1
        s = s1[j + 1] - s1[i]
        return s2[j + 1] - s2[i] - s * s / cnt

    cost = np.full((k, n), np.inf)
    start = np.zeros((k, n), dtype=np.int64)
    cost[0] = s2[1:] - s1[1:] ** 2 / np.arange(1, n + 1)  # one class of values 0..j
    for c in range(1, k):
        for j in range(c, n):
            i = np.arange(c, j + 1)  # first value of the last class
            cand = cost[c - 1, i - 1] + ssd(i, j)
            best = int(np.argmin(cand))
            cost[c, j], start[c, j] = cand[best], i[best]
    bounds = []
    j = n - 1
    for c in range(k - 1, 0, -1):
        bounds.append(x[j])
        j = int(start[c, j]) - 1
    bounds.append(x[j])
    return np.array(bounds[::-1])


def urgency_classes(scores: np.ndarray, method: str = JENKS) -> tuple[np.ndarray, np.ndarray]:
    """Class id per unit (1 = 极紧迫 … 4 = 一般, 0 = no score) and the inner breaks (ascending).

    ``jenks``: natural breaks of the scores into 4 classes (fewer distinct scores: one class each, the top
    ones named from 极紧迫 down); ``quantile``: quartiles (score > Q75 → 极紧迫, > Q50 → 紧迫, > Q25 → 较紧迫)."""
    s = np.asarray(scores, dtype=np.float64)
    ok = np.isfinite(s)
    ids = np.zeros(len(s), dtype=np.int64)
    if not ok.any():
        return ids, np.zeros(0)
    if method == QUANTILE:
        inner = np.quantile(s[ok], [0.25, 0.5, 0.75])
        k = 4
    else:
        bounds = jenks_breaks(s[ok], len(URGENCY_CLASSES))
        inner = bounds[:-1]
        k = len(bounds)
    low_to_high = np.searchsorted(inner, s[ok], side="left")  # 0 = lowest class; a value at a bound stays below
    ids[ok] = k - low_to_high
    return ids, inner


# --------------------------------------------------------------------------------------------
# the shared machinery on a table of raw indicator values
@dataclass
class Scoring:
    """Scores of units from raw indicator values (:func:`score_units`)."""

    raw: pd.DataFrame  # v_<key> per indicator
    normalised: pd.DataFrame  # n_<key> per indicator (NaN where not used)
    score: np.ndarray  # 0–100 (NaN: no known indicator, or fewer than 2 units)
    weights: dict[str, float]  # weight used per indicator after redistribution (0: not used)
    base_weights: dict[str, float]  # weight per indicator before redistribution
    ahp: AhpResult | None
    missing: list[str]  # per unit: the used indicators it has no value of ("a;b")
    notes: Notes

    def used(self) -> list[str]:
        return [k for k, w in self.weights.items() if w > 0]

    def matrix(self) -> tuple[np.ndarray, np.ndarray]:
        """Normalised values (units × used indicators) and their weights."""
        keys = self.used()
        return self.normalised[[f"n_{k}" for k in keys]].to_numpy(np.float64), np.array([self.weights[k] for k in keys])


def score_units(
    indicators: Sequence[Indicator],
    raw: Mapping[str, np.ndarray],
    names: Sequence[str],
    ahp: AhpMatrix | None,
    random_index: Mapping[int, float],
    cr_max: float,
    notes: Notes | None = None,
) -> Scoring:
    """Normalise, weight and score units (see the module doc); ``names`` name the units in messages."""
    notes = notes or Notes()
    n = len(names)
    base, ahp_result = resolve_weights(indicators, ahp, random_index, cr_max, notes)
    raw_frame = pd.DataFrame({f"v_{i.key}": np.asarray(raw[i.key], dtype=np.float64) for i in indicators})
    norm = pd.DataFrame({f"n_{i.key}": np.full(n, np.nan) for i in indicators})
    weights = {i.key: 0.0 for i in indicators}
    dropped: list[str] = []
    for ind in indicators:
        if base[ind.key] <= 0:
            continue
        values = raw_frame[f"v_{ind.key}"].to_numpy()
        if n < 2:
            continue
        if not np.isfinite(values).any():
            dropped.append(ind.key)
            notes.info.append(msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "Indicator {name}: no unit has a value (no data for it); it is left out."), name=ind.label))  # fmt: skip  # noqa: E501
            continue
        x = minmax(values, ind.direction)
        if x is None:
            dropped.append(ind.key)
            notes.warnings.append(msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "Indicator {name} is the same in every unit ({value:g}): it cannot tell them apart and is left out."), name=ind.label, value=float(values[np.isfinite(values)][0])))  # fmt: skip  # noqa: E501
            continue
        norm[f"n_{ind.key}"] = x
        weights[ind.key] = base[ind.key]
    total = sum(weights.values())
    if n >= 2 and not total > 0:
        raise NoContrastError(indicators=", ".join(i.label for i in indicators))
    if total > 0:
        weights = {k: w / total for k, w in weights.items()}
    if dropped and total > 0:
        notes.info.append(msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "The weight of {dropped} was redistributed over the other indicators in proportion: {weights}."), dropped=", ".join(dropped), weights=_weights_text({k: w for k, w in weights.items() if w > 0})))  # fmt: skip  # noqa: E501
    used = [k for k, w in weights.items() if w > 0]
    missing = [";".join(k for k in used if not np.isfinite(norm.at[r, f"n_{k}"])) for r in range(n)]
    gaps = [f"{names[r]} ({missing[r]})" for r in range(n) if missing[r]]
    if gaps:
        notes.warnings.append(msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "Units lacking a value of some indicators ({count}) are scored over the indicators they have: {units}."), count=len(gaps), units="; ".join(gaps[:10]) + (" …" if len(gaps) > 10 else "")))  # fmt: skip  # noqa: E501
    scoring = Scoring(raw_frame, norm, np.full(n, np.nan), weights, base, ahp_result, missing, notes)
    if used:
        x, w = scoring.matrix()
        scoring.score = weighted_score(x, w)
    return scoring


# --------------------------------------------------------------------------------------------
# urgency of small watersheds
@dataclass
class UrgencyInputs:
    """One ``urgency_ranking`` run: the small watersheds, the analysed parcels and optional layers, all
    geometries in one projected CRS (metres)."""

    ws_codes: Sequence[object]  # per unit, in layer order: its ws_code (the village code for villages)
    unit_wkb: Sequence[bytes]  # unit polygons
    unit_fields: Mapping[str, Sequence]  # attribute columns of the units (field indicators, drainage density)
    parcels: Mapping[str, Sequence]  # analysed parcel attributes (sbplanner:analyse_parcels)
    params: ParamSet
    indicators: Sequence[Indicator]
    ranking: Mapping[str, float]  # ranking_params.csv
    random_index: Mapping[int, float]  # ahp_random_index.csv
    tolerance_t_km2_a: float
    ahp: AhpMatrix | None = None
    swc_target_pct: float | None = None  # None: ranking_params.csv
    population_field: str | None = None  # persons per unit (density = persons / unit area)
    population_density: np.ndarray | None = None  # persons/km² per unit (mean of a density raster)
    protected_wkb: Sequence[bytes] | None = None  # protected objects (any geometry)
    water_source_wkb: Sequence[bytes] | None = None  # drinking-water source areas (polygons)
    gully_wkb: Sequence[bytes] | None = None  # surveyed gully lines (沟壑密度)
    slope_limit_deg: float = STEEP_CROPLAND_DEG
    class_method: str = JENKS
    draws: int = 1000
    seed: int = 1
    unit_type: str = UNIT_WATERSHED  # UNIT_VILLAGE: the units are 行政村 polygons, parcels overlaid by area
    parcel_wkb: Sequence[bytes | None] | None = None  # parcel polygons (needed for villages), parcel order
    unit_field: str = ""  # the village layer's field the codes come from (in messages)
    key_area_wkb: Sequence[bytes] | None = None  # 重点预防区 / 重点治理区 polygons
    key_area_kinds: Sequence[object] | None = None  # their kind (e.g. 国家级重点治理区), same order


@dataclass
class UrgencyResult:
    table: pd.DataFrame  # one row per unit in layer order: ws_code (village_code), v_*, n_*, URGENCY_COLUMNS,
    # key_area
    scoring: Scoring
    breaks: np.ndarray  # inner class breaks of the score (ascending)
    notes: Notes

    @property
    def ahp(self) -> AhpResult | None:
        return self.scoring.ahp


def _unit_codes(ws_codes: Sequence[object], unit_type: str = UNIT_WATERSHED, field_name: str = "") -> list[str]:
    codes = [code_text(c) for c in ws_codes]
    village = unit_type == UNIT_VILLAGE
    if not codes or any(c is None for c in codes):
        raise NoVillageUnitsError(field=field_name) if village else NoUnitsError()
    seen: set[str] = set()
    for c in codes:
        if c in seen:
            raise DuplicateVillageError(code=c, field=field_name) if village else DuplicateUnitError(code=c)
        seen.add(c)
    return codes  # type: ignore[return-value]


def unit_parcels(inputs: UrgencyInputs, codes: list[str]) -> tuple[Mapping[str, Sequence], int]:
    """The parcel columns the indicators are computed from and the number of parcels in no village (0 for
    small watersheds: their parcels carry their ws_code): for small
    watersheds the analysed parcels as they are (ws_code, ws_pieces of step 2); for villages the same
    parcels with ws_code / ws_pieces of their area overlay on the village polygons
    (:func:`summaries.overlay_pieces`), so every indicator is aggregated per village exactly as per small
    watershed."""
    if inputs.unit_type != UNIT_VILLAGE:
        return inputs.parcels, 0
    if inputs.parcel_wkb is None:
        raise ValueError("village units need the parcel geometries (parcel_wkb)")
    dominant, pieces = summaries.overlay_pieces(inputs.parcel_wkb, codes, inputs.unit_wkb)
    columns = dict(inputs.parcels)
    columns["ws_code"], columns["ws_pieces"] = dominant, pieces
    return columns, sum(1 for d in dominant if d is None)


def key_area_kind(text: object) -> tuple[str, int, bool]:
    """(label, level, is 重点治理区) of a 重点防治区 kind: 国家级 3, 省级 2, 市级 / 县级 1 (水土保持法 第十二条:
    the State Council, the provinces and the governments at and above county level each designate 重点预防区
    and 重点治理区); Chinese or English words (``国家级重点治理区``, ``provincial treatment``)."""
    raw = str(text or "").strip()
    low = raw.lower()
    treatment = "治理" in raw or "treat" in low
    prevention = "预防" in raw or "prevent" in low
    level = next(((name, value) for name, value, words in KEY_AREA_LEVELS if any(w in low for w in words)), None)
    if level is None or treatment == prevention:
        raise KeyAreaKindError(text=raw)
    return f"{level[0]}{KEY_TREATMENT if treatment else KEY_PREVENTION}", level[1], treatment


def key_areas(
    units: np.ndarray, wkb: Sequence[bytes] | None, kinds: Sequence[object] | None
) -> tuple[np.ndarray, list[str | None]]:
    """Per unit: the ``key_area`` indicator — the highest level (:func:`key_area_kind`) of a 重点治理区 that
    overlaps it (area > 0; touching is not overlapping), 0 without one, NaN everywhere without a layer —
    and the kinds of every 重点防治区 overlapping it ("国家级重点治理区;省级重点预防区", highest first)."""
    n = len(units)
    if wkb is None:
        return np.full(n, np.nan), [None] * n
    parsed = [key_area_kind(k) for k in (kinds if kinds is not None else [None] * len(wkb))]
    areas = [shapely.from_wkb(w) if w is not None else None for w in wkb]
    keep = [i for i, g in enumerate(areas) if g is not None and not g.is_empty]
    level = np.zeros(n)
    found: list[dict[str, int]] = [{} for _ in range(n)]
    if keep and n:
        geoms = np.asarray([areas[i] for i in keep], dtype=object)
        u_idx, a_idx = shapely.STRtree(geoms).query(units, predicate="intersects")
        overlap = shapely.area(shapely.intersection(units[u_idx], geoms[a_idx])) > 1e-6
        for u, a in zip(u_idx[overlap], a_idx[overlap]):
            label, value, treatment = parsed[keep[int(a)]]
            found[int(u)][label] = value + (10 if treatment else 0)  # 治理区 listed first
            if treatment:
                level[u] = max(level[u], value)
    labels = [";".join(sorted(f, key=lambda k: (-f[k], k))) or None for f in found]
    return level, labels


def _numbers(values: Sequence) -> np.ndarray:
    return np.array([to_number(v) for v in values], dtype=np.float64)


def _parcel_indicators(
    inputs: UrgencyInputs, parcels: Mapping[str, Sequence], codes: list[str], target: float
) -> tuple[dict, np.ndarray]:
    """Indicators of each unit from the analysed parcels (split at unit boundaries as the summaries do:
    ``parcels`` of :func:`unit_parcels`) and the steep-cropland flag per unit."""
    names = list(parcels)
    for column in ("d011_s1_pct", "d011_s5_pct", "slope_mean_deg"):
        if column not in names:
            raise NotAnalysedParcelsError(field=column)
    frame = summaries.parcel_frame(parcels, inputs.params)
    pieces = summaries.split_pieces(frame)
    status = summaries.erosion_status(pieces).set_index("ws_code")
    ind = summaries.indicators(pieces, inputs.params, status.reset_index()).set_index("ws_code")
    status, ind = status.reindex(codes), ind.reindex(codes)
    assessed = status["assessed_area_km2"].where(status["assessed_area_km2"] > 0)
    land = status["land_area_km2"].where(status["land_area_km2"] > 0)
    moderate = sum(status[f"{k}_km2"].fillna(0.0) for k in summaries.EROSION_KEYS[2:])
    crop = pieces[pieces["csle_class"] == "cropland"]
    sloping = (crop["area_ha"] * (100.0 - crop["d011_s1_pct"].fillna(100.0)) / 100.0).groupby(crop["ws_code"]).sum()
    steep = (crop["area_ha"] * crop["d011_s5_pct"].fillna(0.0) / 100.0).groupby(crop["ws_code"]).sum()
    has = status["land_area_km2"].notna()
    out = {
        "eroded_share": status["eroded_pct_of_land"].to_numpy(np.float64),
        "moderate_share": (moderate / assessed * 100.0).to_numpy(np.float64),
        "modulus_ratio": (status["mean_modulus_t_km2_a"] / inputs.tolerance_t_km2_a).to_numpy(np.float64),
        "slope_cropland_share": np.where(has, (sloping.reindex(codes).fillna(0.0) / 100.0 / land * 100.0), np.nan),
        "steep_cropland_share": np.where(has, (steep.reindex(codes).fillna(0.0) / 100.0 / land * 100.0), np.nan),
        "forest_grass_cover": ind["forest_grass_cover_pct"].to_numpy(np.float64),
        "swc_gap": np.maximum(0.0, target - ind["swc_rate_pct"].to_numpy(np.float64)),
    }
    out = {k: np.asarray(v, dtype=np.float64) for k, v in out.items()}
    gdp_field = find_field(names, None, GDPDJB_FIELDS)
    gdpdjb = parcels[gdp_field] if gdp_field else [None] * len(frame)
    slopes = _numbers(parcels["slope_mean_deg"])
    steep_parcel = np.array([
        bool(steep_basis(code_text(c) or "", s, inputs.slope_limit_deg, g))
        for c, s, g in zip(frame["landuse_code"], slopes, gdpdjb)
    ], dtype=bool)  # fmt: skip
    hit = pieces[steep_parcel[pieces["parcel_index"].to_numpy()] & (pieces["area_ha"] > 0)]
    flagged = set(hit["ws_code"].dropna())
    return out, np.array([c in flagged for c in codes], dtype=bool)


def _geometries(wkb: Sequence[bytes] | None) -> np.ndarray:
    geoms = shapely.from_wkb([w for w in (wkb or []) if w is not None])
    return np.asarray([g for g in geoms if g is not None and not g.is_empty], dtype=object)


def _layer_indicators(
    inputs: UrgencyInputs, codes: list[str], units: np.ndarray, notes: Notes
) -> tuple[dict, np.ndarray]:
    """Gully density, population density, protected objects and the water-source flag per unit."""
    n = len(codes)
    area_km2 = shapely.area(units) / 1e6
    out: dict[str, np.ndarray] = {}
    gullies = _geometries(inputs.gully_wkb)
    fields = inputs.unit_fields
    if len(gullies):
        dens = summaries.gully_densities(dict(zip(codes, inputs.unit_wkb)), inputs.gully_wkb or [])
        out["gully_density"] = np.array([dens.get(c, (np.nan,) * 3)[2] for c in codes])
    else:
        name = next((f for f in (summaries.DRAINAGE_DENSITY_FIELD, summaries.GULLY_DENSITY_FIELD) if f in fields), None)
        out["gully_density"] = _numbers(fields[name]) if name else np.full(n, np.nan)
        if name:
            notes.info.append(msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "沟壑密度: no gully lines given; the DEM drainage density (河网密度, field {field}) of the small watersheds stands in for it."), field=name))  # fmt: skip  # noqa: E501
    if inputs.population_density is not None:
        out["population_density"] = np.asarray(inputs.population_density, dtype=np.float64)
    elif inputs.population_field:
        if inputs.population_field not in fields:
            raise UnknownIndicatorFieldError(key="population_density", field=inputs.population_field,
                                             fields=", ".join(fields))  # fmt: skip
        people = _numbers(fields[inputs.population_field])
        out["population_density"] = np.where(area_km2 > 0, people / np.where(area_km2 > 0, area_km2, 1.0), np.nan)
    else:
        out["population_density"] = np.full(n, np.nan)
    protected = _geometries(inputs.protected_wkb)
    if inputs.protected_wkb is not None:
        counts = np.zeros(n)
        if len(protected):
            pairs = shapely.STRtree(protected).query(units, predicate="intersects")
            np.add.at(counts, pairs[0], 1.0)
        out["protected_objects"] = counts
    else:
        out["protected_objects"] = np.full(n, np.nan)
    out["key_area"], _ = key_areas(units, inputs.key_area_wkb, inputs.key_area_kinds)
    flags = np.zeros(n, dtype=bool)
    sources = _geometries(inputs.water_source_wkb)
    if len(sources):
        pairs = shapely.STRtree(sources).query(units, predicate="intersects")
        overlap = shapely.area(shapely.intersection(units[pairs[0]], sources[pairs[1]])) > 1e-6
        flags[pairs[0][overlap]] = True
    return out, flags


def urgency(inputs: UrgencyInputs) -> UrgencyResult:
    """Urgency score, rank, class and rank stability of every small watershed (module doc; domain
    reference §7 [PROPOSAL]: min–max within the study area, U = Σ wᵢ·x′ᵢ, AHP with CR < 0.10, natural
    breaks or quantiles, hard overrides for > 25° cropland and 饮用水水源保护区)."""
    notes = Notes()
    village = inputs.unit_type == UNIT_VILLAGE
    codes = _unit_codes(inputs.ws_codes, inputs.unit_type, inputs.unit_field)
    units = shapely.from_wkb(list(inputs.unit_wkb))
    target = inputs.swc_target_pct if inputs.swc_target_pct is not None else inputs.ranking["swc_target_pct"]
    parcels, outside_count = unit_parcels(inputs, codes)
    parcel_values, steep_flags = _parcel_indicators(inputs, parcels, codes, target)
    layer_values, water_flags = _layer_indicators(inputs, codes, units, notes)
    computed = parcel_values | layer_values
    raw = {}
    for ind in inputs.indicators:
        if ind.field == COMPUTED:
            raw[ind.key] = computed[ind.key]
        elif ind.field in inputs.unit_fields:
            raw[ind.key] = _numbers(inputs.unit_fields[ind.field])
        else:
            raise UnknownIndicatorFieldError(key=ind.key, field=ind.field, fields=", ".join(inputs.unit_fields))
    outside = {code_text(c) for c in inputs.parcels.get("ws_code", [])} - set(codes) - {None}
    if village and outside_count:
        notes.info.append(msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "{count} parcels lie in no village of the layer and are not counted."), count=outside_count))  # fmt: skip  # noqa: E501
    elif outside:
        notes.info.append(msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "Parcels of ws_code {codes} lie in no unit of the layer and are not counted."), codes=", ".join(sorted(outside)[:10])))  # fmt: skip  # noqa: E501
    scoring = score_units(inputs.indicators, raw, codes, inputs.ahp, inputs.random_index,
                          inputs.ranking["ahp_cr_max"], notes)  # fmt: skip
    n = len(codes)
    if n < 2 and village:
        notes.warnings.append(msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "Only one village ({code}): urgency is relative to the study area (min–max within it), so it has no score or class of its own and is rank 1 by definition; its indicator values are written (v_ fields). Rank at least two units."), code=codes[0]))  # fmt: skip  # noqa: E501
    elif n < 2:
        notes.warnings.append(msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "Only one small watershed ({code}): urgency is relative to the study area (min–max within it), so it has no score or class of its own and is rank 1 by definition; its indicator values are written (v_ fields). Rank at least two units."), code=codes[0]))  # fmt: skip  # noqa: E501
    ids, breaks = urgency_classes(scoring.score, inputs.class_method)
    level, key_labels = key_areas(units, inputs.key_area_wkb, inputs.key_area_kinds)
    hard = inputs.ranking.get("key_area_hard_flag", 0.0) >= 1.0
    key_flags = (np.nan_to_num(level) > 0) & hard
    if inputs.key_area_wkb is not None and not hard and not scoring.weights.get("key_area", 0.0) > 0:
        notes.info.append(msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "重点防治区: the overlapping areas are listed (key_area) but change neither score nor class: the indicator key_area has no weight here (or does not tell the units apart) and key_area_hard_flag is 0. Give key_area a weight in the indicator table, or set key_area_hard_flag = 1 in ranking_params.csv.")))  # fmt: skip  # noqa: E501
    flags = [
        ";".join(f for f, on in ((FLAG_STEEP, s), (FLAG_WATER_SOURCE, w), (FLAG_KEY_AREA, k)) if on)
        for s, w, k in zip(steep_flags, water_flags, key_flags)
    ]
    forced = np.array([bool(f) for f in flags])
    if forced.any() and key_flags.any():
        notes.info.append(msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "{count} units are 极紧迫 by a hard flag whatever their score (cropland beyond the {limit:g}° prohibited slope, a water-source area, or a 重点治理区 with key_area_hard_flag = 1 in ranking_params.csv): {units}."), count=int(forced.sum()), limit=inputs.slope_limit_deg, units=", ".join(f"{c} ({f})" for c, f in zip(codes, flags) if f)))  # fmt: skip  # noqa: E501
    elif forced.any():
        notes.info.append(msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "{count} units are 极紧迫 by a hard flag whatever their score (cropland beyond the {limit:g}° prohibited slope, or a water-source area): {units}."), count=int(forced.sum()), limit=inputs.slope_limit_deg, units=", ".join(f"{c} ({f})" for c, f in zip(codes, flags) if f)))  # fmt: skip  # noqa: E501
    ids = np.where(forced, 1, ids)
    if scoring.used():
        x, w = scoring.matrix()
        stability = rank_stability(x, w, inputs.draws, inputs.seed, inputs.ranking["weight_perturbation"],
                                   int(inputs.ranking["stability_window"]))  # fmt: skip
    else:
        stability = np.ones(n) if inputs.draws > 0 else np.full(n, np.nan)
    table = pd.concat([pd.DataFrame({UNIT_KEYS[inputs.unit_type]: codes}), scoring.raw, scoring.normalised], axis=1)
    table["urgency_score"] = scoring.score
    table["urgency_rank"] = rank_descending(scoring.score)
    table["urgency_class"] = [URGENCY_CLASSES[i - 1][0] if i > 0 else None for i in ids]
    table["urgency_class_en"] = [URGENCY_CLASSES[i - 1][1] if i > 0 else None for i in ids]
    table["urgency_class_id"] = [int(i) if i > 0 else None for i in ids]
    table["urgency_flags"] = [f or None for f in flags]
    table["rank_stability"] = stability
    table["missing_indicators"] = [m or None for m in scoring.missing]
    table["key_area"] = pd.Series(key_labels, dtype=object)
    return UrgencyResult(table, scoring, breaks, notes)


# --------------------------------------------------------------------------------------------
# priority of sloping farmland
@dataclass
class PriorityInputs:
    """One ``slope_farmland_priority`` run: analysed parcels and optional layers in one projected CRS."""

    parcels: Mapping[str, Sequence]  # analysed parcel attributes
    parcel_wkb: Sequence[bytes]  # same order
    indicators: Sequence[Indicator]
    ranking: Mapping[str, float]
    random_index: Mapping[int, float]
    ahp: AhpMatrix | None = None
    villages_wkb: Sequence[bytes] | None = None
    roads_wkb: Sequence[bytes] | None = None
    water_wkb: Sequence[bytes] | None = None
    soil_depth_field: str | None = None  # soil depth (m) field of the parcels
    area_budget_ha: float | None = None  # None or ≤ 0: no budget (every parcel of a large enough block)
    min_block_ha: float | None = None  # None: ranking_params.csv
    block_gap_m: float | None = None
    slope_min_deg: float | None = None
    slope_max_deg: float | None = None


@dataclass
class PriorityResult:
    table: pd.DataFrame  # one row per candidate parcel: parcel (input index), ws_code, v_*, n_*, PRIORITY_COLUMNS
    scoring: Scoring
    notes: Notes
    candidates: int = 0
    blocks: int = 0
    selected_area_ha: float = 0.0
    candidate_area_ha: float = 0.0


def contiguous_blocks(geoms: np.ndarray, gap_m: float) -> np.ndarray:
    """Block label (0..) per geometry: geometries touching or within ``gap_m`` of each other, transitively
    (union–find on an STR-tree query); labels numbered in order of first appearance."""
    n = len(geoms)
    parent = np.arange(n)

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    if n:
        tree = shapely.STRtree(geoms)
        if gap_m > 0:
            pairs = tree.query(geoms, predicate="dwithin", distance=gap_m)
        else:
            pairs = tree.query(geoms, predicate="intersects")
        for a, b in zip(*pairs):
            ra, rb = root(int(a)), root(int(b))
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    roots = np.array([root(i) for i in range(n)], dtype=np.int64)
    _, labels = np.unique(roots, return_inverse=True)
    return labels.astype(np.int64)


def _nearest_distance(geoms: np.ndarray, targets: Sequence[bytes] | None) -> np.ndarray:
    others = _geometries(targets)
    if targets is None or not len(others) or not len(geoms):
        return np.full(len(geoms), np.nan)
    (_, _), dist = shapely.STRtree(others).query_nearest(geoms, return_distance=True, all_matches=False)
    return np.asarray(dist, dtype=np.float64)


def _candidates(inputs: PriorityInputs, low: float, high: float, notes: Notes) -> np.ndarray:
    """Indices of the parcels to prioritise: cropland but paddy, mean slope in [low, high), not beyond the
    limit by 三调 GDPDJB, not terraced already (三调 GDLX = TT)."""
    names = list(inputs.parcels)
    for column in ("landuse_code", "slope_mean_deg", "area_ha"):
        if column not in names:
            raise NotAnalysedParcelsError(field=column)
    codes = [code_text(c) or "" for c in inputs.parcels["landuse_code"]]
    slopes = _numbers(inputs.parcels["slope_mean_deg"])
    n = len(codes)
    gdp_field = find_field(names, None, GDPDJB_FIELDS)
    gdpdjb = inputs.parcels[gdp_field] if gdp_field else [None] * n
    gdlx_field = find_field(names, None, GDLX_FIELDS)
    terraced = [str(v or "").strip().upper() == "TT" for v in inputs.parcels[gdlx_field]] if gdlx_field else [False] * n
    crop = np.array([is_cropland(c) for c in codes])
    band = np.isfinite(slopes) & (slopes >= low) & (slopes < high)
    by_grade = np.array([steep_basis(c, 0.0, high, g) == BASIS_GDPDJB for c, g in zip(codes, gdpdjb)])
    tt = np.array(terraced, dtype=bool)
    keep = crop & band & ~by_grade & ~tt
    if (crop & band & tt).any():
        notes.info.append(msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "{count} cropland parcels in the slope band are terraced already (三调 GDLX = TT) and are left out."), count=int((crop & band & tt).sum())))  # fmt: skip  # noqa: E501
    if (crop & band & by_grade).any():
        notes.info.append(msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "{count} cropland parcels are beyond {limit:g}° by their 三调 slope grade GDPDJB and are left out (退耕, not 坡改梯)."), count=int((crop & band & by_grade).sum()), limit=high))  # fmt: skip  # noqa: E501
    return np.flatnonzero(keep)


def farmland_priority(inputs: PriorityInputs) -> PriorityResult:
    """Priority (0–100) of every sloping-cropland parcel for 坡改梯 / 坡耕地综合整治 (issue 11), its rank
    within its small watershed, its contiguous block (集中连片) and the terracing programme: in score order,
    parcels of blocks of at least ``min_block_ha`` are selected while the selected area stays within the
    area budget (a parcel that would exceed it is passed over, smaller ones after it may still fit)."""
    notes = Notes()
    p = inputs.ranking
    low = p["farmland_slope_min_deg"] if inputs.slope_min_deg is None else inputs.slope_min_deg
    high = p["farmland_slope_max_deg"] if inputs.slope_max_deg is None else inputs.slope_max_deg
    gap = p["farmland_block_gap_m"] if inputs.block_gap_m is None else inputs.block_gap_m
    min_block = p["farmland_min_block_ha"] if inputs.min_block_ha is None else inputs.min_block_ha
    rows = _candidates(inputs, low, high, notes)
    if not len(rows):
        raise NoCandidatesError(low=low, high=high)
    geoms = shapely.from_wkb([inputs.parcel_wkb[i] for i in rows])
    area = _numbers(inputs.parcels["area_ha"])[rows]
    labels = contiguous_blocks(geoms, gap)
    block_area = np.bincount(labels, weights=np.nan_to_num(area))
    order = np.argsort(-block_area, kind="stable")  # block 1 = the largest
    block_id = np.empty(len(block_area), dtype=np.int64)
    block_id[order] = np.arange(1, len(block_area) + 1)
    depth = inputs.soil_depth_field
    if depth and depth not in inputs.parcels:
        raise UnknownIndicatorFieldError(key="soil_depth", field=depth, fields=", ".join(inputs.parcels))
    computed = {
        "slope": _numbers(inputs.parcels["slope_mean_deg"])[rows],
        "soil_loss": _numbers(inputs.parcels.get("soil_loss_t_km2_a", [None] * len(inputs.parcel_wkb)))[rows],
        "soil_depth": _numbers(inputs.parcels[depth])[rows] if depth else np.full(len(rows), np.nan),
        "dist_village": _nearest_distance(geoms, inputs.villages_wkb),
        "dist_road": _nearest_distance(geoms, inputs.roads_wkb),
        "dist_water": _nearest_distance(geoms, inputs.water_wkb),
        "block_area": block_area[labels],
    }
    raw = {}
    for ind in inputs.indicators:
        if ind.field == COMPUTED:
            raw[ind.key] = computed[ind.key]
        elif ind.field in inputs.parcels:
            raw[ind.key] = _numbers(inputs.parcels[ind.field])[rows]
        else:
            raise UnknownIndicatorFieldError(key=ind.key, field=ind.field, fields=", ".join(inputs.parcels))
    ws = [code_text(inputs.parcels["ws_code"][i]) if "ws_code" in inputs.parcels else None for i in rows]
    ids = inputs.parcels.get("parcel_id")
    names = [str(code_text(ids[i]) if ids is not None else i + 1) for i in rows]
    scoring = score_units(inputs.indicators, raw, names, inputs.ahp, inputs.random_index, p["ahp_cr_max"], notes)
    score = scoring.score
    ws_rank = np.zeros(len(rows), dtype=np.int64)
    for _code, members in pd.Series(range(len(rows))).groupby(pd.Series([w or "—" for w in ws])):
        idx = members.to_numpy()
        ws_rank[idx] = rank_descending(score[idx])
    eligible = block_area[labels] >= min_block - 1e-9
    selected = np.zeros(len(rows), dtype=bool)
    budget = inputs.area_budget_ha if inputs.area_budget_ha and inputs.area_budget_ha > 0 else math.inf
    total = 0.0
    for i in np.argsort(rank_descending(score), kind="stable"):
        a = float(np.nan_to_num(area[i]))
        if eligible[i] and total + a <= budget + 1e-9:
            selected[i], total = True, total + a
    small = int((~eligible).sum())
    if small:
        notes.info.append(msg(QT_TRANSLATE_NOOP("SbPlannerErrors", "{count} candidate parcels lie in blocks smaller than {min:g} hm² (not 集中连片) and are not selected."), count=small, min=min_block))  # fmt: skip  # noqa: E501
    table = pd.concat([pd.DataFrame({"parcel": rows, "ws_code": ws}), scoring.raw, scoring.normalised], axis=1)
    table["priority_score"] = score
    table["priority_rank"] = ws_rank
    table["block_id"] = block_id[labels]
    table["block_area_ha"] = block_area[labels]
    table["block_eligible"] = eligible.astype(int)
    table["selected"] = selected.astype(int)
    table["missing_indicators"] = [m or None for m in scoring.missing]
    return PriorityResult(table, scoring, notes, len(rows), len(block_area), total, float(np.nansum(area)))


__all__ = [
    "AhpMatrix",
    "AhpResult",
    "Indicator",
    "PriorityInputs",
    "PriorityResult",
    "UrgencyInputs",
    "UrgencyResult",
    "farmland_priority",
    "urgency",
]
