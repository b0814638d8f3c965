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
    GDPDJB_FIELDS,
    PROPOSED,
    code_text,
    find_field,
    to_number,
)
from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP, InvalidParameterError, Msg, NotAnalysedParcelsError, msg
from sbplanner_plugin.core.measures.catalogue import Catalogue, format_design_params
from sbplanner_plugin.core.measures.keep import geometry_key, keep_decisions, unmatched_decisions
from sbplanner_plugin.core.measures.law import (
    BASIS_DEM,
    BASIS_GDPDJB,
    BASIS_ZONE,
    GDPDJB_CLASSES,
    LAW_RULE_ID,
    PADDY_CODE,
    RETIRE_COMPANION,
    RETIRE_MEASURE,
    STEEP_CROPLAND_DEG,
    gdpdjb_below,
    gdpdjb_grade,
    steep_basis,
    truthy,
)
from sbplanner_plugin.core.measures.messages import MeasureTableError, Message
from sbplanner_plugin.core.measures.rules import EROSION_CLASSES, PARCEL_FLAGS, Rule
from sbplanner_plugin.core.measures.summary import TreatedArea, summarise, treated_area
from sbplanner_plugin.core.measures.zones import area_share_inside
from sbplanner_plugin.core.overlaps import check_overlaps

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
    "steep_cropland",
)
#: ``steep_cropland``: the evidence that put the parcel beyond the 禁垦坡度 (law.BASES), "" when it is not.


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
    gdpdjb: pd.Series  # 三调 耕地坡度级别 as text ("" when unknown)
    zone_share: pd.Series  # share of the parcel inside the 禁垦范围 (NaN: no layer)
    benggang: pd.Series  # bool: marked 崩岗
    terrace_damaged: pd.Series  # bool: existing terrace marked damaged

    @classmethod
    def of(cls, df: pd.DataFrame) -> _Frame:
        names = {en: zh for zh, en in EROSION_CLASSES}
        erosion = _text_column(df, "erosion_class").map(lambda v: names.get(v, v))
        cover = _num_column(df, "cover")
        if cover.max(skipna=True) > 1.0:  # percent
            cover = cover / 100.0

        def flag(name: str) -> pd.Series:
            return df[name].map(truthy).astype(bool) if name in df else pd.Series(False, index=df.index, dtype=bool)

        exempt = flag("retire_exempt")
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
            gdpdjb=_text_column(df, "gdpdjb"),
            zone_share=_num_column(df, "no_cultivation_share"),
            benggang=flag("benggang"),
            terrace_damaged=flag("terrace_damaged"),
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
    if rule.parcel_flag in PARCEL_FLAGS:
        mask &= getattr(f, rule.parcel_flag)
    return mask


def steep_bases(f: _Frame, limit_deg: float = STEEP_CROPLAND_DEG) -> pd.Series:
    """Per parcel the evidence that puts it beyond the 禁垦坡度 (``law.steep_basis``), "" when not."""
    return pd.Series(
        [
            steep_basis(c, s, limit_deg, g, z)
            for c, s, g, z in zip(f.code, f.slope.to_numpy(), f.gdpdjb, f.zone_share.to_numpy())
        ],
        index=f.code.index,
        dtype=object,
    )


def steep_cropland_mask(f: _Frame, limit_deg: float = STEEP_CROPLAND_DEG) -> pd.Series:
    """Cropland (group 01, not paddy) beyond the limit — the scope of the built-in 水土保持法 rule."""
    return steep_bases(f, limit_deg) != ""


def _evidence_zh(basis: str) -> str:
    """The reason text's account of the evidence (template with {slope}, {gdpdjb}, {limit})."""
    if basis == BASIS_ZONE:
        return "{landuse}，位于县级人民政府公告的禁垦范围内（面积占比 ≥ 50%，DEM 平均坡度 {slope:.1f}°）"
    if basis == BASIS_GDPDJB:
        return "{landuse}，三调耕地坡度级别 GDPDJB={gdpdjb}（{grade}），禁垦坡度 {limit}°（DEM 平均坡度 {slope:.1f}°）"
    return "{landuse}，DEM 平均坡度 {slope:.1f}° ≥ 禁垦坡度 {limit}°"


def _law_article(limit_deg: float) -> str:
    if abs(limit_deg - STEEP_CROPLAND_DEG) < 1e-9:
        return "《水土保持法》第二十条禁止在二十五度以上陡坡地开垦种植农作物"
    return "《水土保持法》第二十条：省级规定的禁止开垦坡度（{limit}°）以上陡坡地禁止开垦种植农作物"


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


def _limit_text(limit_deg: float) -> str:
    return f"{limit_deg:g}"


def _reason(template: str, f: _Frame, i: int, names: str, limit_deg: float = STEEP_CROPLAND_DEG) -> str:
    grade = gdpdjb_grade(f.gdpdjb.iat[i])
    if grade is None:
        grade_text = UNKNOWN_ZH
    else:
        low, high = GDPDJB_CLASSES[grade]
        grade_text = f"> {low:g}°" if grade == 5 else (f"≤ {high:g}°" if grade == 1 else f"{low:g}°–{high:g}°")
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
        "limit": _limit_text(limit_deg),
        "gdpdjb": str(grade) if grade is not None else (f.gdpdjb.iat[i] or UNKNOWN_ZH),
        "grade": grade_text,
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
    slope_limit_deg: float = STEEP_CROPLAND_DEG,
) -> pd.DataFrame:
    """Default measures per parcel: a copy of ``parcels`` plus :data:`OUTPUT_COLUMNS`.

    ``parcels`` columns read: ``landuse_code`` (GB/T 21010), ``landuse_name``, ``slope_mean_deg``,
    ``erosion_class`` (SL 190 name) and, when present, ``gdlx`` (三调 GDLX), ``gdpdjb`` (三调 GDPDJB),
    ``soil_depth_m``, ``cover`` (vegetation cover 0–1 or %), ``canopy`` (canopy closure 0–1),
    ``retire_exempt`` (退耕确有困难), ``no_cultivation_share`` (share inside the 禁垦范围, 0–1),
    ``benggang`` and ``terrace_damaged`` (parcel flags the rules may ask for).
    ``region`` is the erosion-type region id (0–4); ``slope_limit_deg`` the 禁垦坡度 (25° by the law,
    smaller where a province says so; see :mod:`.law` for the evidence). Notes go to ``on_message``.
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
    limit = float(slope_limit_deg)
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
    bases = steep_bases(f, limit)
    steep = (bases != "").to_numpy()
    exempt = f.exempt.to_numpy()
    article = _law_article(limit)
    overridden: dict[str, tuple[int, str]] = {}
    retire = (RETIRE_MEASURE, RETIRE_COMPANION) if RETIRE_COMPANION in catalogue else (RETIRE_MEASURE,)
    fallback_exempt = 0
    for j in np.flatnonzero(steep):
        evidence = _evidence_zh(bases.iat[j])
        current = codes[j]
        keeps = not current or any(catalogue[c].keeps_cropping for c in current)
        if not exempt[j]:
            if keeps:
                if rule_ids[j]:
                    count, names = overridden.get(rule_ids[j], (0, catalogue.names_zh(current) or "无措施"))
                    overridden[rule_ids[j]] = (count + 1, names)
                codes[j], rule_ids[j] = retire, LAW_RULE_ID
                templates[j] = f"{evidence}：{article}，已开垦的应退耕、植树种草（第三十七条） → {{measures}}"
            else:  # the rules already retire it to vegetation: honour them, cite the law
                templates[j] = f"《水土保持法》第二十条、第三十七条：陡坡耕地退耕（{evidence}）。" + templates[j]
        elif not current and f.gdlx.iat[j] != "TT":
            # flagged 退耕确有困难 but no measure: the terrace the rules give the steepest terraceable cropland
            clamp = _Frame(**{k: getattr(f, k).iloc[[j]].copy() for k in f.__dataclass_fields__})
            clamp.slope.iloc[0] = min(float(clamp.slope.iloc[0]), limit - 1e-6)
            k = _first_match(rules, clamp, region, catalogue, {})[0]
            if k >= 0 and rules[k].measure_codes:
                codes[j], rule_ids[j] = rules[k].measure_codes, f"{LAW_RULE_ID}+{rules[k].rule_id}"
            else:
                codes[j], rule_ids[j] = ("terrace_slope",) if "terrace_slope" in catalogue else (), LAW_RULE_ID
            templates[j] = f"{evidence}，退耕确有困难：《水土保持法》第三十七条，修建梯田 → {{measures}}"
            fallback_exempt += 1
    for rid, (count, names) in overridden.items():
        say(Message("law_override", {"rule": rid, "count": count, "measures": names, "limit": _limit_text(limit)}))
    if fallback_exempt:
        say(Message("exempt_without_measure", {"count": fallback_exempt}))
    for basis in (BASIS_GDPDJB, BASIS_ZONE):
        count = int((bases == basis).sum())
        if count:
            say(Message(f"steep_by_{basis}", {"count": count, "limit": _limit_text(limit)}))
    # the survey grade says "within the limit" where the DEM mean says beyond: the DEM decided
    disagree = sum(1 for g, b in zip(f.gdpdjb, bases) if b == BASIS_DEM and gdpdjb_below(gdpdjb_grade(g), limit))
    if disagree:
        say(Message("gdpdjb_below_limit", {"count": disagree, "limit": _limit_text(limit)}))
    steep_paddy = int((f.code.str.startswith(PADDY_CODE) & (f.slope >= limit)).sum())
    if steep_paddy:
        say(Message("steep_paddy", {"count": steep_paddy, "limit": _limit_text(limit)}))
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
            reasons.append(_reason(templates[j], f, j, names, limit))
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
    out["steep_cropland"] = bases.tolist()
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
    a chosen field the layer lacks is not used. 三调 GDLX and GDPDJB are found by name (``GDLX_FIELDS``,
    ``GDPDJB_FIELDS``). ``benggang_field`` / ``terrace_damage_field`` flag parcels marked 崩岗 / existing
    terraces marked damaged (true/1/是), which the rules with ``parcel_flag`` read.

    ``slope_limit_deg`` is the 禁垦坡度 (25° by the law; a province may set less). ``no_cultivation_areas``:
    WKB polygons of the county's 禁垦范围 in the CRS of ``geometries`` (the parcels' WKB, feature order);
    a cropland parcel with ≥ 50 % of its area inside is beyond the limit.
    """

    columns: Mapping[str, Sequence]
    catalogue: Catalogue
    rules: Sequence[Rule]
    region: int = 0
    soil_depth_field: str | None = None
    retire_exempt_field: str | None = None
    cover_field: str | None = None
    canopy_field: str | None = None
    slope_limit_deg: float = STEEP_CROPLAND_DEG
    benggang_field: str | None = None
    terrace_damage_field: str | None = None
    geometries: Sequence[bytes] | None = None
    #: the parcels' feature ids (messages) and the smallest overlap reported, in CRS units² (None: 1 m²);
    #: duplicated parcels are an error, overlapping ones a note (``core.overlaps``)
    ids: Sequence | None = None
    overlap_min_area: float | None = None
    no_cultivation_areas: Sequence[bytes] | None = None
    #: The previous layout (a re-proposal): field → values of the plan's parcels_measures and their WKB.
    #: Its confirmed / overridden parcels keep the engineer's decisions (:func:`.keep.keep_decisions`).
    previous: Mapping[str, Sequence] | None = None
    previous_geometries: Sequence[bytes] | None = None


@dataclass
class AssignResult:
    """The default measures of every parcel (row ``i`` = feature ``i`` of the inputs)."""

    assigned: pd.DataFrame  # the rule inputs + OUTPUT_COLUMNS
    summary: pd.DataFrame  # summarise(): area and parcels per primary measure
    messages: list[Message] = field(default_factory=list)  # overrides and notes, in order
    fields_used: dict[str, str] = field(default_factory=dict)  # rule column → layer field
    kept: int = 0  # parcels whose confirmed / overridden decision of the previous layout was kept
    lost: int = 0  # confirmed / overridden parcels of the previous layout matching no parcel (a note)
    notes: list[Msg] = field(default_factory=list)  # overlapping parcels, lost decisions (SbPlannerErrors)

    @property
    def parcels(self) -> int:
        return len(self.assigned)

    def output_values(self) -> list[list]:
        """The values of :data:`OUTPUT_COLUMNS` per parcel, in feature order."""
        columns = [self.assigned[name].tolist() for name in OUTPUT_COLUMNS]
        return [list(row) for row in zip(*columns)] if columns and self.parcels else []

    def area_ha(self) -> TreatedArea:
        """(治理 hm² within 水土流失面积, 预防/保护 hm², hm² without a measure)."""
        return treated_area(self.summary)


def _plain(value: object) -> object:
    """A layer value: NULL (None or the text 'NULL') → None."""
    return None if value is None or str(value) == "NULL" else value


def layer_fields(names: Sequence[str], inputs: AssignInputs) -> dict[str, str]:
    """Rule column → the layer field it is read from (only the optional columns that have one)."""
    chosen = {
        "gdlx": find_field(names, None, GDLX_FIELDS),
        "gdpdjb": find_field(names, None, GDPDJB_FIELDS),
        "soil_depth_m": find_field(names, inputs.soil_depth_field),
        "retire_exempt": find_field(names, inputs.retire_exempt_field),
        "cover": find_field(names, inputs.cover_field, COVER_FIELDS),
        "canopy": find_field(names, inputs.canopy_field, CANOPY_FIELDS),
        "benggang": find_field(names, inputs.benggang_field),
        "terrace_damaged": find_field(names, inputs.terrace_damage_field),
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

    Raises :class:`NotAnalysedParcelsError` when a field of :data:`REQUIRED_FIELDS` is missing and
    :class:`InvalidParameterError` for a slope limit outside (0°, 90°).
    """
    names = list(inputs.columns)
    for needed in REQUIRED_FIELDS:
        if needed not in names:
            raise NotAnalysedParcelsError(field=needed)
    limit = float(inputs.slope_limit_deg)
    if not 0.0 < limit < 90.0:
        raise InvalidParameterError(
            name="SLOPE_LIMIT_DEG",
            value=f"{limit:g}°",
            reason=QT_TRANSLATE_NOOP("SbPlannerErrors", "the slope limit must lie between 0° and 90°"),
        )
    notes = _overlap_notes(inputs)
    fields_used = layer_fields(names, inputs)
    frame = parcel_frame(inputs.columns, fields_used)
    if inputs.no_cultivation_areas is not None and inputs.geometries is not None and len(frame):
        frame["no_cultivation_share"] = area_share_inside(inputs.geometries, inputs.no_cultivation_areas)
    messages: list[Message] = []
    assigned = assign(frame, inputs.catalogue, list(inputs.rules), inputs.region, messages.append, limit)
    kept = lost = 0
    if inputs.previous is not None and inputs.previous_geometries is not None and inputs.geometries is not None:
        keys = [geometry_key(g) for g in inputs.geometries]
        previous_keys = [geometry_key(g) for g in inputs.previous_geometries]
        assigned, kept = keep_decisions(assigned, keys, inputs.previous, previous_keys)
        lost = unmatched_decisions(keys, inputs.previous, previous_keys)
    if lost:
        notes.append(msg(LOST_DECISIONS, count=lost))
    return AssignResult(assigned, summarise(assigned, inputs.catalogue), messages, fields_used, kept, lost, notes)


LOST_DECISIONS = QT_TRANSLATE_NOOP(
    "SbPlannerErrors",
    "{count} confirmed/overridden parcels of the previous layout match no parcel any more (their shape changed, "
    "or they were deleted): their decisions could not be kept; check those parcels again."
)  # fmt: skip


def _overlap_notes(inputs: AssignInputs) -> list[Msg]:
    """Duplicated parcels raise ``core.overlaps.DuplicateParcelsError``; overlapping ones give a note."""
    if inputs.geometries is None or len(inputs.geometries) < 2:
        return []
    if inputs.overlap_min_area is not None:
        _found, note = check_overlaps(inputs.geometries, inputs.ids, min_area=inputs.overlap_min_area)
    else:
        _found, note = check_overlaps(inputs.geometries, inputs.ids)
    return [note] if note is not None else []
