"""Rule-based default measures per parcel: first matching rule, then the built-in 水土保持法 rule.

:func:`assign` works on a parcel frame; :func:`assign_layer` is the whole step for one parcel layer
(field choice, frame, assignment, summary) as ``sbplanner:assign_measures`` runs it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sbplanner_plugin.core.definitions import (
    CANOPY_FIELDS,
    COVER_FIELDS,
    GDLX_FIELDS,
    PROPOSED,
    code_text,
    find_field,
    to_number,
)
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, NotAnalysedParcelsError, msg
from sbplanner_plugin.core.measures.catalogue import Catalogue, format_design_params
from sbplanner_plugin.core.measures.law import (
    CROPLAND_GROUP,
    LAW_RULE_ID,
    PADDY_CODE,
    RETIRE_COMPANION,
    RETIRE_MEASURE,
    STEEP_CROPLAND_DEG,
    truthy,
)
from sbplanner_plugin.core.measures.messages import MeasureTableError, Message
from sbplanner_plugin.core.measures.rules import EROSION_CLASSES, Rule
from sbplanner_plugin.core.measures.summary import summarise, treated_area

UNKNOWN_ZH = "未知"

OUTPUT_COLUMNS = (
    "measure_code",
    "measure_name",
    "measure_category",
    "measure_codes",
    "measure_names",
    "rule_id",
    "reason",
    "status",
    "measure_params",
)


def _text_column(df: pd.DataFrame, name: str) -> pd.Series:
    if name not in df:
        return pd.Series([""] * len(df), index=df.index, dtype=object)
    return df[name].map(lambda v: "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v).strip())


def _num_column(df: pd.DataFrame, name: str) -> pd.Series:
    if name not in df:
        return pd.Series(np.nan, index=df.index, dtype=float)
    return pd.to_numeric(df[name], errors="coerce").astype(float)


@dataclass
class _Frame:
    """The parcel attributes the rules read, normalised."""

    code: pd.Series
    name: pd.Series
    slope: pd.Series
    erosion: pd.Series
    gdlx: pd.Series
    soil: pd.Series
    cover: pd.Series
    canopy: pd.Series
    exempt: pd.Series

    @classmethod
    def of(cls, df: pd.DataFrame) -> _Frame:
        names = {en: zh for zh, en in EROSION_CLASSES}
        erosion = _text_column(df, "erosion_class").map(lambda v: names.get(v, v))
        cover = _num_column(df, "cover")
        if cover.max(skipna=True) > 1.0:  # percent
            cover = cover / 100.0
        exempt = (
            df["retire_exempt"].map(truthy) if "retire_exempt" in df else pd.Series(False, index=df.index, dtype=bool)
        )
        return cls(
            code=_text_column(df, "landuse_code"),
            name=_text_column(df, "landuse_name"),
            slope=_num_column(df, "slope_mean_deg"),
            erosion=erosion,
            gdlx=_text_column(df, "gdlx").str.upper(),
            soil=_num_column(df, "soil_depth_m"),
            cover=cover,
            canopy=_num_column(df, "canopy"),
            exempt=exempt.astype(bool),
        )


def _range_mask(values: pd.Series, lo: float | None, hi: float | None, unknown: bool) -> pd.Series:
    if lo is None and hi is None:
        return pd.Series(True, index=values.index)
    mask = pd.Series(True, index=values.index)
    if lo is not None:
        mask &= values >= lo
    if hi is not None:
        mask &= values < hi
    return mask | values.isna() if unknown else mask & values.notna()


def _rule_mask(rule: Rule, f: _Frame, region: int) -> pd.Series:
    if rule.regions and region not in rule.regions:
        return pd.Series(False, index=f.code.index)
    mask = pd.Series(True, index=f.code.index)
    if rule.include:
        mask &= f.code.str.startswith(rule.include)
    if rule.exclude:
        mask &= ~f.code.str.startswith(rule.exclude)
    mask &= _range_mask(f.slope, rule.slope_min_deg, rule.slope_max_deg, unknown=False)
    if rule.erosion_classes:
        mask &= f.erosion.isin(rule.erosion_classes)
    if rule.gdlx == "TT":
        mask &= f.gdlx == "TT"
    elif rule.gdlx == "PD":
        mask &= f.gdlx != "TT"
    if rule.soil_depth_min_m is not None:
        mask &= _range_mask(f.soil, rule.soil_depth_min_m, None, unknown=True)
    mask &= _range_mask(f.cover, rule.cover_min, rule.cover_max, unknown=False)
    mask &= _range_mask(f.canopy, rule.canopy_min, rule.canopy_max, unknown=False)
    return mask


def steep_cropland_mask(f: _Frame) -> pd.Series:
    """Cropland (group 01, not paddy) on ≥ 25° — the scope of the built-in 水土保持法 rule."""
    return f.code.str.startswith(CROPLAND_GROUP) & ~f.code.str.startswith(PADDY_CODE) & (f.slope >= STEEP_CROPLAND_DEG)


def _first_match(rules: list[Rule], f: _Frame, region: int, catalogue: Catalogue, skipped: dict) -> np.ndarray:
    """Index of the first matching rule per parcel (−1: none); TT parcels skip terracing rules."""
    n = len(f.code)
    chosen = np.full(n, -1, dtype=np.int64)
    open_ = np.ones(n, dtype=bool)
    tt = (f.gdlx == "TT").to_numpy()
    for i, rule in enumerate(rules):
        if not open_.any():
            break
        mask = _rule_mask(rule, f, region).to_numpy() & open_
        if any(catalogue[c].is_terrace for c in rule.measure_codes):
            blocked = mask & tt
            if blocked.any():
                skipped[rule.rule_id] = skipped.get(rule.rule_id, 0) + int(blocked.sum())
                mask &= ~tt
        chosen[mask] = i
        open_ &= ~mask
    return chosen


def _fmt(value: float, digits: int, unit: str = "") -> str:
    return UNKNOWN_ZH if value is None or not math.isfinite(value) else f"{value:.{digits}f}{unit}"


def _reason(template: str, f: _Frame, i: int, names: str) -> str:
    values = {
        "landuse": f.name.iat[i] or f.code.iat[i] or UNKNOWN_ZH,
        "code": f.code.iat[i],
        "slope": float(f.slope.iat[i]),
        "erosion": f.erosion.iat[i] or UNKNOWN_ZH,
        "soil": _fmt(f.soil.iat[i], 2, " m"),
        "cover": _fmt(f.cover.iat[i], 2),
        "canopy": _fmt(f.canopy.iat[i], 2),
        "gdlx": f.gdlx.iat[i] or "–",
        "measures": names or "无",
    }
    try:
        return template.format(**values)
    except (KeyError, ValueError, IndexError):
        return template


def assign(
    parcels: pd.DataFrame,
    catalogue: Catalogue,
    rules: list[Rule],
    region: int = 0,
    on_message: Callable[[Message], None] | None = None,
) -> pd.DataFrame:
    """Default measures per parcel: a copy of ``parcels`` plus :data:`OUTPUT_COLUMNS`.

    ``parcels`` columns read: ``landuse_code`` (GB/T 21010), ``landuse_name``, ``slope_mean_deg``,
    ``erosion_class`` (SL 190 name) and, when present, ``gdlx`` (三调 GDLX), ``soil_depth_m``, ``cover``
    (vegetation cover 0–1 or %), ``canopy`` (canopy closure 0–1) and ``retire_exempt`` (退耕确有困难).
    ``region`` is the erosion-type region id (0–4). Overrides and other notes go to ``on_message``.
    """
    if RETIRE_MEASURE not in catalogue:
        raise MeasureTableError(
            file=catalogue.name or "measures.csv",
            line=0,
            column="code",
            problem=msg(
                QT_TRANSLATE_NOOP("SbPlannerErrors", "the built-in 水土保持法 rule needs the measure '{code}'"),
                code=RETIRE_MEASURE,
            ),
        )
    say = on_message or (lambda m: None)
    f = _Frame.of(parcels)
    n = len(parcels)
    skipped: dict[str, int] = {}
    chosen = _first_match(rules, f, region, catalogue, skipped)
    for rid, count in skipped.items():
        say(Message("tt_terrace_skipped", {"rule": rid, "count": count}))

    codes: list[tuple[str, ...]] = [rules[k].measure_codes if k >= 0 else () for k in chosen]
    rule_ids = [rules[k].rule_id if k >= 0 else "" for k in chosen]
    templates = [rules[k].reason_zh if k >= 0 else "" for k in chosen]

    # the 水土保持法 rule
    steep = steep_cropland_mask(f).to_numpy()
    exempt = f.exempt.to_numpy()
    law_reason = (
        "{landuse}，{slope:.1f}° ≥ 25°：《水土保持法》第二十条禁止在二十五度以上陡坡地开垦种植农作物，"
        "已开垦的应退耕、植树种草（第三十七条） → {measures}"
    )
    overridden: dict[str, tuple[int, str]] = {}
    retire = (RETIRE_MEASURE, RETIRE_COMPANION) if RETIRE_COMPANION in catalogue else (RETIRE_MEASURE,)
    fallback_exempt = 0
    for j in np.flatnonzero(steep):
        current = codes[j]
        keeps = not current or any(catalogue[c].keeps_cropping for c in current)
        if not exempt[j]:
            if keeps:
                if rule_ids[j]:
                    count, names = overridden.get(rule_ids[j], (0, catalogue.names_zh(current) or "无措施"))
                    overridden[rule_ids[j]] = (count + 1, names)
                codes[j], rule_ids[j], templates[j] = retire, LAW_RULE_ID, law_reason
            else:  # the rules already retire it to vegetation: honour them, cite the law
                templates[j] = "《水土保持法》第二十条、第三十七条：陡坡耕地退耕。" + templates[j]
        elif not current and f.gdlx.iat[j] != "TT":
            # flagged 退耕确有困难 but no measure: the terrace the rules give the steepest terraceable cropland
            clamp = _Frame(**{k: getattr(f, k).iloc[[j]].copy() for k in f.__dataclass_fields__})
            clamp.slope.iloc[0] = min(float(clamp.slope.iloc[0]), STEEP_CROPLAND_DEG - 1e-6)
            k = _first_match(rules, clamp, region, catalogue, {})[0]
            if k >= 0 and rules[k].measure_codes:
                codes[j], rule_ids[j] = rules[k].measure_codes, f"{LAW_RULE_ID}+{rules[k].rule_id}"
            else:
                codes[j], rule_ids[j] = ("terrace_slope",) if "terrace_slope" in catalogue else (), LAW_RULE_ID
            templates[j] = (
                "{landuse}，{slope:.1f}° ≥ 25°，退耕确有困难：《水土保持法》第三十七条，修建梯田 → {measures}"
            )
            fallback_exempt += 1
    for rid, (count, names) in overridden.items():
        say(Message("law_override", {"rule": rid, "count": count, "measures": names}))
    if fallback_exempt:
        say(Message("exempt_without_measure", {"count": fallback_exempt}))
    steep_paddy = int((f.code.str.startswith(PADDY_CODE) & (f.slope >= STEEP_CROPLAND_DEG)).sum())
    if steep_paddy:
        say(Message("steep_paddy", {"count": steep_paddy}))
    unmatched = sum(1 for r in rule_ids if not r)
    if unmatched:
        say(Message("no_rule", {"count": unmatched}))

    out = parcels.copy()
    primary, names_1, cats, all_codes, all_names, reasons = [], [], [], [], [], []
    for j in range(n):
        c = codes[j]
        names = catalogue.names_zh(c)
        primary.append(c[0] if c else "")
        names_1.append(catalogue[c[0]].name_zh if c else "")
        cats.append(catalogue[c[0]].category if c else "")
        all_codes.append(";".join(c))
        all_names.append(names)
        if templates[j]:
            reasons.append(_reason(templates[j], f, j, names))
        else:
            reasons.append(f"{f.name.iat[j] or f.code.iat[j] or UNKNOWN_ZH}：无匹配规则，请人工配置措施")
    out["measure_code"] = primary
    out["measure_name"] = names_1
    out["measure_category"] = cats
    out["measure_codes"] = all_codes
    out["measure_names"] = all_names
    out["rule_id"] = rule_ids
    out["reason"] = reasons
    out["status"] = PROPOSED
    # the primary measure's default design parameters, edited later in the parcel editor
    out["measure_params"] = [format_design_params(catalogue[c].design_params) if c else "" for c in primary]
    return out


# ------------------------------------------------------------------------------------------------
# one parcel layer (sbplanner:assign_measures)

#: Fields an analysed parcel layer (``sbplanner:analyse_parcels``) must have.
REQUIRED_FIELDS = ("landuse_code", "slope_mean_deg", "erosion_class")
#: Rule columns read from numeric fields (NULL, text and ±inf → NaN).
NUMERIC_COLUMNS = ("soil_depth_m", "cover", "canopy")


@dataclass(frozen=True)
class AssignInputs:
    """One parcel layer's attributes and the tables that assign its measures.

    ``columns``: field name → values in feature order (None = NULL), every field of the layer.
    The ``*_field`` names are the user's choice ("" or None: the default — none for soil depth and
    the exemption flag, the first of ``COVER_FIELDS`` / ``CANOPY_FIELDS`` present for cover and canopy);
    a chosen field the layer lacks is not used. 三调 GDLX is found by name (``GDLX_FIELDS``).
    """

    columns: Mapping[str, Sequence]
    catalogue: Catalogue
    rules: Sequence[Rule]
    region: int = 0
    soil_depth_field: str | None = None
    retire_exempt_field: str | None = None
    cover_field: str | None = None
    canopy_field: str | None = None


@dataclass
class AssignResult:
    """The default measures of every parcel (row ``i`` = feature ``i`` of the inputs)."""

    assigned: pd.DataFrame  # the rule inputs + OUTPUT_COLUMNS
    summary: pd.DataFrame  # summarise(): area and parcels per primary measure
    messages: list[Message] = field(default_factory=list)  # overrides and notes, in order
    fields_used: dict[str, str] = field(default_factory=dict)  # rule column → layer field

    @property
    def parcels(self) -> int:
        return len(self.assigned)

    def output_values(self) -> list[list]:
        """The values of :data:`OUTPUT_COLUMNS` per parcel, in feature order."""
        columns = [self.assigned[name].tolist() for name in OUTPUT_COLUMNS]
        return [list(row) for row in zip(*columns)] if columns and self.parcels else []

    def area_ha(self) -> tuple[float, float]:
        """(hm² with a measure, hm² without)."""
        return treated_area(self.summary)


def _plain(value: object) -> object:
    """A layer value: NULL (None or the text 'NULL') → None."""
    return None if value is None or str(value) == "NULL" else value


def layer_fields(names: Sequence[str], inputs: AssignInputs) -> dict[str, str]:
    """Rule column → the layer field it is read from (only the optional columns that have one)."""
    chosen = {
        "gdlx": find_field(names, None, GDLX_FIELDS),
        "soil_depth_m": find_field(names, inputs.soil_depth_field),
        "retire_exempt": find_field(names, inputs.retire_exempt_field),
        "cover": find_field(names, inputs.cover_field, COVER_FIELDS),
        "canopy": find_field(names, inputs.canopy_field, CANOPY_FIELDS),
    }
    return {column: name for column, name in chosen.items() if name}


def parcel_frame(columns: Mapping[str, Sequence], fields_used: Mapping[str, str]) -> pd.DataFrame:
    """The frame :func:`assign` reads, from a layer's attribute columns (checked by :func:`assign_layer`)."""
    n = len(columns["landuse_code"])

    def values(name: str | None, convert=None) -> list:
        if name is None or name not in columns:
            return [math.nan] * n if convert is to_number else [None] * n
        raw = [_plain(v) for v in columns[name]]
        return [convert(v) for v in raw] if convert is not None else raw

    frame = {
        "landuse_code": values("landuse_code", code_text),
        "landuse_name": values("landuse_name"),
        "slope_mean_deg": values("slope_mean_deg", to_number),
        "erosion_class": values("erosion_class"),
        "area_ha": values("area_ha", to_number),
    }
    for column, name in fields_used.items():
        frame[column] = values(name, to_number if column in NUMERIC_COLUMNS else None)
    # no parcels: text (object) columns, as the rules' string tests need
    return pd.DataFrame(frame, columns=list(frame)) if n else pd.DataFrame(columns=list(frame))


def assign_layer(inputs: AssignInputs) -> AssignResult:
    """Default measures for every parcel of an analysed parcel layer, with the summary.

    Raises :class:`NotAnalysedParcelsError` when a field of :data:`REQUIRED_FIELDS` is missing.
    """
    names = list(inputs.columns)
    for needed in REQUIRED_FIELDS:
        if needed not in names:
            raise NotAnalysedParcelsError(field=needed)
    fields_used = layer_fields(names, inputs)
    messages: list[Message] = []
    assigned = assign(parcel_frame(inputs.columns, fields_used), inputs.catalogue, list(inputs.rules),
                      inputs.region, messages.append)  # fmt: skip
    return AssignResult(assigned, summarise(assigned, inputs.catalogue), messages, fields_used)
