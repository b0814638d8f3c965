"""Step 5 urgency per 行政村 (parcels overlaid on any unit polygons) and the 重点防治区 flags
(``core.ranking``, ``core.summaries.overlay_pieces``): hand-computed cases."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from sbplanner_plugin.adapters.param_files import load_ranking_params
from sbplanner_plugin.core import ranking as r
from sbplanner_plugin.core.params import ParamTableError
from sbplanner_plugin.core.summaries import overlay_pieces
from tests.unit.test_ranking import columns, parcel, urgency_inputs


def box(x0, y0, x1, y1) -> bytes:
    return shapely.to_wkb(shapely.box(x0, y0, x1, y1))


# ------------------------------------------------------------------------------------------------
# parcels over any unit polygons
def test_overlay_pieces_by_area():
    """A 1 hm² parcel (0–100 × 0–100 m): 6000 m² in V1 (x < 60), 40 × 50 = 2000 m² in V2, 2000 m² in no
    village; a parcel outside every village and one without a geometry are in none."""
    parcels = [box(0, 0, 100, 100), box(500, 500, 510, 510), None]
    units = [box(0, 0, 60, 100), box(60, 0, 200, 50)]
    dominant, pieces = overlay_pieces(parcels, ["V1", "V2"], units)
    assert dominant == ["V1", None, None]
    assert pieces == ["V1=6000.0000;V2=2000.0000;—=2000.0000", None, None]


#: Two parcels of 2 hm² each, both with ws_code SW9 (their small watershed: not the villages):
#: A cropland 0–200 m at 3000 t/(km²·a) (中度), 10°; B 乔木林地 200–400 m at 100 (微度, canopy 0.5 → 林草);
#: C 1 hm² cropland 1000–1100 m, in no village. V1 = 0–100 m (left half of A), V2 = 100–400 m (right half
#: of A and B).
VILLAGE_PARCELS = [
    parcel("SW9", "0103", 2.0, 3000.0, 2, 10.0, 2),
    parcel("SW9", "0301", 2.0, 100.0, 0, 20.0, 3, canopy=0.5),
    parcel("SW9", "0103", 1.0, 6000.0, 3, 10.0, 2),
]
VILLAGE_WKB = [box(0, 0, 200, 100), box(200, 0, 400, 100), box(1000, 0, 1100, 100)]
VILLAGES = [box(0, 0, 100, 100), box(100, 0, 400, 100)]


def village_inputs(**changes) -> r.UrgencyInputs:
    base = dict(
        ws_codes=["V1", "V2"], unit_wkb=VILLAGES, unit_fields={"name": ["V1", "V2"]},
        parcels=columns(VILLAGE_PARCELS), parcel_wkb=VILLAGE_WKB, unit_type=r.UNIT_VILLAGE, unit_field="name",
        population_field=None, protected_wkb=None, draws=0,
    )  # fmt: skip
    return urgency_inputs(**(base | changes))


def test_urgency_per_village_by_hand():
    """V1: 1 hm² cropland 中度 → eroded and ≥ 中度 100 %, modulus 3000 / 500 = 6, 坡耕地 100 %, 林草 0 %,
    水土保持率 0 → gap 73. V2: 1 hm² of A + 2 hm² forest → eroded, ≥ 中度 and 坡耕地 1/3, modulus
    (3000·1 + 100·2)/3 = 1066.67 → 2.1333, 林草 2/3, 水土保持率 66.67 → gap 6.33. V1 is the worse in every
    indicator that varies: score 100 and 0. C lies in no village and is not counted."""
    result = r.urgency(village_inputs())
    t = result.table
    assert list(t.columns[:1]) == ["village_code"] and t["village_code"].tolist() == ["V1", "V2"]
    third = 100.0 / 3.0
    expect = {
        "eroded_share": [100.0, third], "moderate_share": [100.0, third], "modulus_ratio": [6.0, 3200 / 3 / 500],
        "slope_cropland_share": [100.0, third], "forest_grass_cover": [0.0, 2 * third],
        "swc_gap": [73.0, 73.0 - 2 * third], "steep_cropland_share": [0.0, 0.0],
    }  # fmt: skip
    for key, values in expect.items():
        assert t[f"v_{key}"].tolist() == pytest.approx(values), key
    assert t["urgency_score"].tolist() == pytest.approx([100.0, 0.0])
    assert t["urgency_rank"].tolist() == [1, 2]
    assert t["urgency_flags"].tolist() == [None, None] and t["key_area"].tolist() == [None, None]
    assert any("1 parcels lie in no village" in str(n) for n in result.notes.info)
    # the same parcels ranked as small watersheds stay whole in their ws_code (SW9): one unit
    one = r.urgency(urgency_inputs(
        ws_codes=["SW9"], unit_wkb=[box(0, 0, 2000, 100)], unit_fields={"a": [1]},
        parcels=columns(VILLAGE_PARCELS), population_field=None, protected_wkb=None,
    ))  # fmt: skip
    assert one.table["v_eroded_share"].tolist() == pytest.approx([60.0])  # (2 + 1) / 5 hm²


def test_urgency_per_village_bad_units():
    with pytest.raises(r.DuplicateVillageError, match="'V1' more than once in field name"):
        r.urgency(village_inputs(ws_codes=["V1", "V1"]))
    with pytest.raises(r.NoVillageUnitsError, match="field name"):
        r.urgency(village_inputs(ws_codes=["V1", None]))
    result = r.urgency(village_inputs(ws_codes=["V1"], unit_wkb=VILLAGES[:1], unit_fields={"name": ["V1"]}))
    assert "Only one village (V1)" in str(result.notes.warnings[-1])


# ------------------------------------------------------------------------------------------------
# 重点防治区
def test_key_area_kinds():
    assert r.key_area_kind("国家级重点治理区") == ("国家级重点治理区", 3, True)
    assert r.key_area_kind(" 省级重点预防区 ") == ("省级重点预防区", 2, False)
    assert r.key_area_kind("County treatment area") == ("县级重点治理区", 1, True)
    assert r.key_area_kind("provincial prevention") == ("省级重点预防区", 2, False)
    for bad in ("重点治理区", "国家级", "国家级重点治理区和重点预防区", None):
        with pytest.raises(r.KeyAreaKindError):
            r.key_area_kind(bad)


#: Over the three 1 km² watersheds of tests/unit/test_ranking.py: a 国家级重点治理区 inside W2, a 省级重点预防区
#: across W1 | W2 and a 省级重点治理区 only touching W3 (its east edge, x = 3000): no overlap.
KEY_AREAS = [box(1200, 200, 1300, 300), box(900, 0, 1100, 100), box(3000, 0, 3100, 100)]
KEY_KINDS = ["国家级重点治理区", "省级重点预防区", "省级重点治理区"]


def test_key_area_column_indicator_and_note_without_weight():
    result = r.urgency(urgency_inputs(key_area_wkb=KEY_AREAS, key_area_kinds=KEY_KINDS))
    t = result.table.set_index("ws_code")
    assert t["key_area"].tolist() == ["省级重点预防区", "国家级重点治理区;省级重点预防区", None]
    assert t["v_key_area"].tolist() == [0.0, 3.0, 0.0]
    # weight 0 in the bundled table: the scores of tests/unit/test_ranking.py, and the run says why
    assert t["urgency_score"].tolist() == pytest.approx([80.0, 17.159091, 31.190476], abs=1e-5)
    assert t["urgency_flags"].tolist() == [None, None, "steep_cropland"]
    assert any("key_area_hard_flag is 0" in str(n) for n in result.notes.info)
    # without a layer the indicator is missing everywhere
    plain = r.urgency(urgency_inputs()).table
    assert plain["v_key_area"].isna().all() and plain["key_area"].isna().all()


def test_key_area_as_indicator_with_weight():
    """key_area weighted 0.05 (total 1.05, normalised): n = 0, 1, 0; U = 100·(0.80, 0.171591 + 0.05,
    0.311905)/1.05 = 76.1905, 21.1039, 29.7052."""
    inds = [i if i.key != "key_area" else r.Indicator(**{**i.__dict__, "weight": 0.05})
            for i in urgency_inputs().indicators]  # fmt: skip
    result = r.urgency(urgency_inputs(indicators=inds, key_area_wkb=KEY_AREAS, key_area_kinds=KEY_KINDS))
    t = result.table.set_index("ws_code")
    assert t["n_key_area"].tolist() == pytest.approx([0.0, 1.0, 0.0])
    assert t["urgency_score"].tolist() == pytest.approx([76.190476, 21.103896, 29.705215], abs=1e-5)
    assert t["urgency_rank"].tolist() == [1, 3, 2]
    assert not any("key_area_hard_flag is 0" in str(n) for n in result.notes.info)


def test_key_area_as_hard_flag():
    ranking = load_ranking_params() | {"key_area_hard_flag": 1.0}
    result = r.urgency(urgency_inputs(ranking=ranking, key_area_wkb=KEY_AREAS, key_area_kinds=KEY_KINDS))
    t = result.table.set_index("ws_code")
    # W2 (a 国家级重点治理区) is 极紧迫 whatever its score; its rank stays the score's (3); W1 only in a 预防区
    assert t["urgency_flags"].tolist() == [None, "key_treatment_area", "steep_cropland"]
    assert t["urgency_class_id"].tolist() == [1, 1, 1] and t["urgency_rank"].tolist() == [1, 3, 2]
    assert any("重点治理区 with key_area_hard_flag = 1" in str(n) for n in result.notes.info)
    with pytest.raises(r.KeyAreaKindError, match="kind 'x'"):
        r.urgency(urgency_inputs(key_area_wkb=KEY_AREAS, key_area_kinds=["x", "省级重点预防区", "省级重点治理区"]))


def test_ranking_params_key_area_hard_flag_is_optional_and_0_or_1():
    head = "key,value,unit,description,source,confidence\n"
    rows = "".join(f"{k},1,,,s,PROPOSAL\n" for k in r.RANKING_KEYS)
    assert r.parse_ranking_params("p.csv", head + rows)["key_area_hard_flag"] == 0.0  # an older copy
    assert (
        r.parse_ranking_params("p.csv", head + rows + "key_area_hard_flag,1,,,s,PROPOSAL\n")["key_area_hard_flag"]
        == 1.0
    )
    with pytest.raises(ParamTableError, match="2 is outside the allowed range 0 ≤ key_area_hard_flag ≤ 1"):
        r.parse_ranking_params("p.csv", head + rows + "key_area_hard_flag,2,,,s,PROPOSAL\n")
    assert load_ranking_params()["key_area_hard_flag"] == 0.0
    assert np.isnan(r.key_areas(shapely.from_wkb(VILLAGES), None, None)[0]).all()
