"""Messages of the measure tables, the assignment and the parcel editor (context ``SbPlannerMeasures``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sbplanner_plugin.core.errors import QT_TRANSLATE_NOOP
from sbplanner_plugin.core.params import ParamTableError, parse_table_lines

MSG_CONTEXT = "SbPlannerMeasures"

#: Message templates (English; translated by the GUI/Processing layer in context SbPlannerMeasures).
MESSAGES = {
    "unknown_measure": QT_TRANSLATE_NOOP("SbPlannerMeasures", "Unknown measure code '{measure}'."),
    "not_area_measure": QT_TRANSLATE_NOOP(
        "SbPlannerMeasures", "{measure} is a {geometry} work: place it on the map instead of assigning it to a parcel."
    ),
    "landuse_not_applicable": QT_TRANSLATE_NOOP(
        "SbPlannerMeasures", "{measure} does not apply to land use {landuse} (it applies to: {groups})."
    ),
    "slope_outside_range": QT_TRANSLATE_NOOP(
        "SbPlannerMeasures", "Parcel slope {slope:.1f}° is outside the range of {measure} ({low:g}–{high:g}°)."
    ),
    "steep_cropland": QT_TRANSLATE_NOOP(
        "SbPlannerMeasures",
        "Cropland beyond the prohibited-cultivation slope ({limit}°; slope {slope:.1f}°) stays cropped: the Soil and Water Conservation Law (Art. 20) requires retiring it to forest and grass unless it is flagged 退耕确有困难."  # noqa: E501
    ),
    "terrace_on_terraced": QT_TRANSLATE_NOOP(
        "SbPlannerMeasures", "The parcel is already terraced (三调 GDLX = TT): {measure} would terrace it again."
    ),
    "law_override": QT_TRANSLATE_NOOP(
        "SbPlannerMeasures",
        "Rule {rule} would keep {count} cropland parcels beyond the prohibited-cultivation slope ({limit}°) cropped ({measures}); the Soil and Water Conservation Law rule retires them instead."  # noqa: E501
    ),
    "tt_terrace_skipped": QT_TRANSLATE_NOOP(
        "SbPlannerMeasures",
        "Rule {rule} would terrace {count} parcels that are already terraced (GDLX = TT); it was skipped for them."
    ),
    "steep_paddy": QT_TRANSLATE_NOOP(
        "SbPlannerMeasures",
        "{count} paddy parcels lie on ≥ {limit}°: the slope-limit rule is not applied to bunded paddies; check them."
    ),
    "no_rule": QT_TRANSLATE_NOOP(
        "SbPlannerMeasures", "{count} parcels match no rule and get no measure; add a rule or assign them by hand."
    ),
    "exempt_without_measure": QT_TRANSLATE_NOOP(
        "SbPlannerMeasures",
        "{count} parcels flagged 退耕确有困难 on ≥ 25° had no measure from the rules; they get the terrace of the steepest cropland rule."  # noqa: E501
    ),
    "steep_by_gdpdjb": QT_TRANSLATE_NOOP(
        "SbPlannerMeasures",
        "{count} cropland parcels are beyond the prohibited-cultivation slope ({limit}°) by their 三调 slope grade GDPDJB."  # noqa: E501
    ),
    "steep_by_no_cultivation_area": QT_TRANSLATE_NOOP(
        "SbPlannerMeasures",
        "{count} cropland parcels lie (≥ 50 % of their area) inside the prohibited-cultivation area (禁垦范围) and are treated as beyond the limit."  # noqa: E501
    ),
    "gdpdjb_below_limit": QT_TRANSLATE_NOOP(
        "SbPlannerMeasures",
        "{count} cropland parcels have a DEM mean slope ≥ {limit}° but a 三调 slope grade GDPDJB at or below the limit; they are treated as beyond the limit by the DEM: check them."  # noqa: E501
    ),
}  # fmt: skip

#: ``translate(context, text)``: e.g. ``QCoreApplication.translate`` (the core does not import Qt).
Translate = Callable[[str, str], str]


@dataclass(frozen=True)
class Message:
    """A validation or assignment message: stable ``key``, English ``template`` and its ``params``."""

    key: str
    params: dict = field(default_factory=dict)

    @property
    def template(self) -> str:
        return MESSAGES[self.key]

    @property
    def text(self) -> str:
        return self.template.format(**self.params)

    def translated(self, translate: Translate) -> str:
        """The message in the user's language: ``translate(MSG_CONTEXT, template)`` filled in; the English
        text when the translation's placeholders do not fit the params."""
        template = translate(MSG_CONTEXT, self.template)
        try:
            return template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return self.text

    def __str__(self) -> str:
        return self.text


class MeasureTableError(ParamTableError):
    """A problem in measures.csv or assignment_rules.csv (names file, line and column)."""


def table_rows(name: str, text: str, schema: dict) -> list[tuple[int, dict]]:
    """(line, converted row) of a measure table given as text; a :class:`MeasureTableError` naming
    ``name``, the line and the column otherwise."""
    try:
        return parse_table_lines(name, text, schema)
    except MeasureTableError:
        raise
    except ParamTableError as exc:
        raise MeasureTableError(**exc.params) from None
