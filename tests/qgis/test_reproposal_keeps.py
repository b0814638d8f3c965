"""Re-running the proposal over the plan keeps the engineer's confirmed and overridden parcels (issue 13)."""

from __future__ import annotations

import processing
from qgis.core import QgsVectorLayer

from tests.qgis.conftest import copy_plan
from tests.qgis.feedback import Log

KEY = "parcels_measures"


def by_fid(uri: str) -> dict[int, dict]:
    layer = QgsVectorLayer(uri, "t", "ogr")
    assert layer.isValid(), uri
    return {f.id(): dict(zip(layer.fields().names(), f.attributes())) for f in layer.getFeatures()}


def text(value) -> str:
    return "" if value is None or str(value) == "NULL" else str(value)


def test_reproposal_keeps_confirmed_and_overridden_parcels(youwuzhen_plan, tmp_path) -> None:
    store = copy_plan(youwuzhen_plan, tmp_path)
    params = {"PARCELS": store.layer_uri("parcels"), "REGION": 0, "OUTPUT_PARCELS": store.destination(KEY)}
    first = processing.run("sbplanner:assign_measures", params)
    assert first["KEPT_PARCELS"] == 0
    before = by_fid(store.layer_uri(KEY))
    with_measure = [fid for fid, row in before.items() if text(row["measure_code"])]
    confirmed, overridden = with_measure[:5], with_measure[5]
    store.update_attributes(KEY, {fid: {"status": "confirmed"} for fid in confirmed})
    store.update_attributes(
        KEY,
        {
            overridden: {
                "measure_code": "",
                "measure_name": "",
                "measure_codes": "",
                "measure_names": "",
                "measure_category": "",
                "rule_id": "manual",
                "reason": "人工调整：x → 无措施",
                "status": "overridden",
            }
        },
    )
    edited = by_fid(store.layer_uri(KEY))
    log = Log(warning_prefix="WARNING ")
    second = processing.run(
        "sbplanner:assign_measures", {**params, "PREVIOUS_LAYOUT": store.layer_uri(KEY)}, feedback=log
    )
    assert second["KEPT_PARCELS"] == 6
    assert "6 confirmed/overridden parcels kept" in log.text()
    after = list(by_fid(store.layer_uri(KEY)).values())
    assert len(after) == len(before)
    # the feature ids of the rewritten layer need not be the same: match the kept rows by their reasons/measures
    statuses = [text(r["status"]) for r in after]
    assert statuses.count("confirmed") == 5 and statuses.count("overridden") == 1
    kept_override = next(r for r in after if text(r["status"]) == "overridden")
    assert text(kept_override["rule_id"]) == "manual" and text(kept_override["measure_code"]) == ""
    assert text(kept_override["reason"]) == "人工调整：x → 无措施"
    confirmed_codes = sorted(text(edited[f]["measure_code"]) for f in confirmed)
    assert sorted(text(r["measure_code"]) for r in after if text(r["status"]) == "confirmed") == confirmed_codes
    # without the previous layout the existing output is the previous layout (issue 13) unless asked to start afresh
    assert processing.run("sbplanner:assign_measures", params)["KEPT_PARCELS"] == 6
    third = processing.run("sbplanner:assign_measures", {**params, "DISCARD_DECISIONS": True})
    assert third["KEPT_PARCELS"] == 0
    assert {text(r["status"]) for r in by_fid(store.layer_uri(KEY)).values()} == {"proposed"}
