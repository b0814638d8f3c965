"""Plan edit rules of step 3: what an edit by the designer changes, as attribute values.

Pure functions: given the current values of the rows an edit touches and the edit, they return the
:class:`Changes` — the values to write ``{fid: {field: value}}`` and the values that undo restores.
The GUI writes them through the plan store (one transaction per edit) and keeps them on its undo
stack; it decides nothing itself.

Status life cycle (``core.definitions.Status``):

* the rules propose every parcel measure and every sited work: ``proposed``;
* the designer gives a parcel other measures or other design parameters: ``overridden``, with
  ``rule_id`` = ``manual`` and the reason "人工调整：<old measures> → <new measures>" (whatever the
  status was, a confirmed parcel too);
* the designer moves a work: ``overridden`` (a proposed position was changed);
* the designer confirms parcels or accepts works: ``confirmed``;
* a work the designer places by hand is ``confirmed`` from the start.

Rows an edit would not change are left out: an edit that changes nothing writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sbplanner_plugin.core.definitions import CONFIRMED, OVERRIDDEN
from sbplanner_plugin.core.measures.catalogue import Catalogue, format_design_params

#: rule_id of a parcel whose measures the designer chose.
MANUAL_RULE = "manual"
#: Reason written (as data, in Chinese like the algorithm's reasons) when the designer changes a measure.
MANUAL_REASON = "人工调整：{old} → {new}"
NO_MEASURE_ZH = "无措施"
#: Text field with the parcel's design parameters ("key=value;…").
PARAMS_FIELD = "measure_params"
#: The measure fields of a parcel (what :func:`measure_values` sets).
MEASURE_FIELDS = ("measure_code", "measure_name", "measure_category", "measure_codes", "measure_names")
#: Every field :func:`assign_measures` reads from a parcel row.
PARCEL_EDIT_FIELDS = (*MEASURE_FIELDS, PARAMS_FIELD, "rule_id", "reason", "status")

Row = Mapping[str, object]


@dataclass(frozen=True)
class Changes:
    """``new``: ``{fid: {field: value}}`` to write; ``old``: the same fields' values before (for undo)."""

    new: dict[int, dict] = field(default_factory=dict)
    old: dict[int, dict] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.new)

    @property
    def fids(self) -> list[int]:
        return sorted(self.new)


def manual_reason(old_names: str | None, new_names: str | None) -> str:
    """The reason of a measure the designer changed: ``人工调整：水平梯田(土坎) → 无措施``."""
    return MANUAL_REASON.format(old=old_names or NO_MEASURE_ZH, new=new_names or NO_MEASURE_ZH)


def measure_values(codes: Iterable[str], catalogue: Catalogue, params: Mapping | None = None) -> dict:
    """The measure fields of a parcel given ``codes`` (primary first; none = no measure) and, when
    ``params`` is not None, its design parameters."""
    codes = list(codes)
    primary = catalogue.get(codes[0]) if codes else None
    values = {
        "measure_code": codes[0] if codes else "",
        "measure_name": primary.name_zh if primary else "",
        "measure_category": primary.category if primary else "",
        "measure_codes": ";".join(codes),
        "measure_names": catalogue.names_zh(codes),
    }
    if params is not None:
        values[PARAMS_FIELD] = format_design_params(params)
    return values


def assign_measures(
    rows: Mapping[int, Row], codes: Iterable[str], catalogue: Catalogue, params: Mapping | None = None
) -> Changes:
    """The designer gives ``codes`` (and design ``params``; None leaves them alone) to the parcels ``rows``
    (``{fid: {field: value}}`` with the fields of :data:`PARCEL_EDIT_FIELDS`, None = NULL).

    A parcel whose measure fields (and parameters) already hold these values is left out; every other
    one becomes ``overridden`` by the ``manual`` rule with the reason :func:`manual_reason`.
    """
    target = measure_values(codes, catalogue, params)
    new_names = target["measure_names"]
    changes = Changes()
    for fid, before in rows.items():
        if all((before.get(k) or "") == v for k, v in target.items()):
            continue
        values = dict(target)
        values["rule_id"] = MANUAL_RULE
        values["reason"] = manual_reason(before.get("measure_names"), new_names)
        values["status"] = OVERRIDDEN
        changes.new[int(fid)] = values
        changes.old[int(fid)] = {k: before.get(k) for k in values}
    return changes


def set_status(rows: Mapping[int, Row], status: str) -> Changes:
    """Status → ``status`` for ``rows`` (``{fid: {"status": value}}``); rows already there are left out."""
    changes = Changes()
    for fid, before in rows.items():
        if before.get("status") != status:
            changes.new[int(fid)] = {"status": status}
            changes.old[int(fid)] = {"status": before.get("status")}
    return changes


def confirm(rows: Mapping[int, Row]) -> Changes:
    """The designer confirms parcels or accepts works: status → ``confirmed``."""
    return set_status(rows, CONFIRMED)


def move_work(row: Row) -> tuple[dict, dict]:
    """(values before, values after) of a work the designer moves: status → ``overridden``.

    ``row`` holds the work's ``status`` when its layer has that field; a layer without it gets no
    attribute change (``({}, {})``)."""
    if "status" not in row:
        return {}, {}
    return {"status": row["status"]}, {"status": OVERRIDDEN}


def new_work(measure_code: str, catalogue: Catalogue, field_names: Iterable[str]) -> dict:
    """Attributes of a work the designer places by hand (status ``confirmed``, the measure's name and
    default design parameters), limited to the fields its layer has."""
    measure = catalogue.get(measure_code)
    values = {
        "measure_code": measure_code,
        "measure_name": measure.name_zh if measure else "",
        PARAMS_FIELD: format_design_params(measure.design_params) if measure else "",
        "status": CONFIRMED,
    }
    names = set(field_names)
    return {k: v for k, v in values.items() if k in names}


def unconfirmed(statuses: Iterable[object]) -> int:
    """How many of the parcels (their statuses) the designer has not confirmed yet."""
    return sum(1 for s in statuses if (s or "") != CONFIRMED)
