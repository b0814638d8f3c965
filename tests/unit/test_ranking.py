"""Step 5 ranking core (``core.ranking``): hand-computed scores, AHP on a published textbook matrix, Jenks,
Monte Carlo stability, the bad-input paths, the farmland priority and property tests (hypothesis)."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from sbplanner_plugin.adapters.param_files import (
    load_indicators,
    load_param_set,
    load_random_index,
    load_ranking_params,
    read_ahp_matrix,
)
from sbplanner_plugin.core import ranking as r
from sbplanner_plugin.core.errors import InvalidParameterError, NotAnalysedParcelsError
from sbplanner_plugin.core.params import ParamTableError

PARAMS = Path(__file__).resolve().parents[2] / "resources" / "params"
RI = {1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49}


def ind(key, direction=1, weight=0.1, field=r.COMPUTED) -> r.Indicator:
    return r.Indicator(key, key, key, field, direction, weight)


# ------------------------------------------------------------------------------------------------
# the bundled tables
def test_bundled_tables_parse_and_weights_sum_to_one():
    urgency = load_indicators(r.URGENCY_TABLE, r.URGENCY_COMPUTED)
    assert [i.key for i in urgency] == list(r.URGENCY_COMPUTED)
    assert sum(i.weight for i in urgency) == pytest.approx(1.0)
    assert {i.key: i.direction for i in urgency}["forest_grass_cover"] == -1
    assert all(i.direction == 1 for i in urgency if i.key != "forest_grass_cover")
    priority = load_indicators(r.PRIORITY_TABLE, r.PRIORITY_COMPUTED)
    assert [i.key for i in priority] == list(r.PRIORITY_COMPUTED)
    assert sum(i.weight for i in priority) == pytest.approx(1.0)
    assert {i.key for i in priority if i.direction < 0} == {"dist_village", "dist_road", "dist_water"}
    params = load_ranking_params()
    assert params["ahp_cr_max"] == 0.10 and params["weight_perturbation"] == 0.20
    assert params["farmland_slope_min_deg"] == 5 and params["farmland_slope_max_deg"] == 25
    assert load_random_index() == RI | {11: 1.51, 12: 1.48, 13: 1.56, 14: 1.57, 15: 1.59}


def test_indicator_table_errors_name_line_and_column():
    head = "key,name_zh,name_en,field,direction,weight,unit,source,confidence\n"
    with pytest.raises(ParamTableError, match=r"line 2, column 'weight': -0.1 is outside the allowed range 0 ≤ weight"):
        r.parse_indicators("t.csv", head + "a,a,a,f,1,-0.1,,s,PROPOSAL\n", ())
    with pytest.raises(ParamTableError, match=r"line 2, column 'field': SBPlanner does not compute 'zz'"):
        r.parse_indicators("t.csv", head + "zz,a,a,computed,1,0.1,,s,PROPOSAL\n", ("eroded_share",))
    with pytest.raises(ParamTableError, match=r"line 3, column 'key': key 'a' is repeated"):
        r.parse_indicators("t.csv", head + "a,a,a,f,1,0.1,,s,PROPOSAL\na,a,a,g,-1,0.1,,s,PROPOSAL\n", ())
    with pytest.raises(ParamTableError, match=r"column 'direction': '2' is not one of 1, \+1, -1"):
        r.parse_indicators("t.csv", head + "a,a,a,f,2,0.1,,s,PROPOSAL\n", ())


def test_extra_indicators_from_fields():
    extra = r.parse_extra_indicators("pop 2020:+1:0.1; 林地:-1:0.05;2019_x:+1:0", [ind("eroded_share")])
    assert [(i.key, i.field, i.direction, i.weight) for i in extra] == [
        ("pop_2020", "pop 2020", 1, 0.1),
        ("extra_2", "林地", -1, 0.05),
        ("f_2019_x", "2019_x", 1, 0.0),
    ]
    for bad in ("pop:+2:0.1", "pop:+1", "pop:+1:-3", "eroded_share:+1:0.1"):
        with pytest.raises(InvalidParameterError) as info:
            r.parse_extra_indicators(bad, [ind("eroded_share")])
        assert info.value.params["name"] == "EXTRA_INDICATORS" and info.value.params["value"] == bad
    assert r.parse_extra_indicators("", []) == [] and r.parse_extra_indicators(None, []) == []


# ------------------------------------------------------------------------------------------------
# the hand-computed 3-watershed case (normalisation and score by hand)
HAND = [ind("A", 1, 0.5), ind("B", -1, 0.3), ind("C", 1, 0.2)]
HAND_RAW = {"A": np.array([10.0, 20.0, 40.0]), "B": np.array([40.0, 10.0, 20.0]), "C": np.array([0.0, 5.0, 10.0])}


def test_three_watersheds_by_hand():
    """A (+): (10, 20, 40) → (0, 1/3, 1); B (−): (40, 10, 20) → 1 − (1, 0, 1/3) = (0, 1, 2/3);
    C (+): (0, 5, 10) → (0, 1/2, 1). U = 100·(0.5·A′ + 0.3·B′ + 0.2·C′) = 0; 100·(1/6 + 0.3 + 0.1) = 56.667;
    100·(0.5 + 0.2 + 0.2) = 90."""
    s = r.score_units(HAND, HAND_RAW, ["W1", "W2", "W3"], None, RI, 0.1)
    assert s.normalised["n_A"].tolist() == pytest.approx([0.0, 1 / 3, 1.0])
    assert s.normalised["n_B"].tolist() == pytest.approx([0.0, 1.0, 2 / 3])
    assert s.normalised["n_C"].tolist() == pytest.approx([0.0, 0.5, 1.0])
    assert s.score.tolist() == pytest.approx([0.0, 56.6666667, 90.0])
    assert r.rank_descending(s.score).tolist() == [3, 2, 1]
    assert s.weights == {"A": 0.5, "B": 0.3, "C": 0.2}
    assert not s.notes.info and not s.notes.warnings


def test_weights_not_summing_to_one_are_normalised_and_said():
    doubled = [ind(i.key, i.direction, i.weight * 2) for i in HAND]
    s = r.score_units(doubled, HAND_RAW, ["W1", "W2", "W3"], None, RI, 0.1)
    assert s.score.tolist() == pytest.approx([0.0, 56.6666667, 90.0])
    assert [str(m) for m in s.notes.info] == [
        "The weights add up to 2, not 1: each was divided by the sum (A 0.500, B 0.300, C 0.200)."
    ]


def test_constant_indicator_is_left_out_and_its_weight_redistributed():
    """D is 7 everywhere: its 0.5 goes to A, B, C in proportion (0.25, 0.15, 0.10 → 0.5, 0.3, 0.2)."""
    inds = [ind("A", 1, 0.25), ind("B", -1, 0.15), ind("C", 1, 0.10), ind("D", 1, 0.5)]
    s = r.score_units(inds, HAND_RAW | {"D": np.full(3, 7.0)}, ["W1", "W2", "W3"], None, RI, 0.1)
    assert s.score.tolist() == pytest.approx([0.0, 56.6666667, 90.0])
    assert s.weights == pytest.approx({"A": 0.5, "B": 0.3, "C": 0.2, "D": 0.0})
    assert s.normalised["n_D"].isna().all()
    assert [str(m) for m in s.notes.warnings] == [
        "Indicator D is the same in every unit (7): it cannot tell them apart and is left out."
    ]
    assert str(s.notes.info[0]) == (
        "The weight of D was redistributed over the other indicators in proportion: A 0.500, B 0.300, C 0.200."
    )


def test_missing_values_score_over_the_known_indicators():
    """W2 lacks C: U = 100·(0.5·1/3 + 0.3·1)/(0.5 + 0.3) = 58.333; an indicator missing everywhere is left out."""
    raw = HAND_RAW | {"C": np.array([0.0, np.nan, 10.0])}
    s = r.score_units([*HAND, ind("E", 1, 0.0)], raw | {"E": np.full(3, np.nan)}, ["W1", "W2", "W3"], None, RI, 0.1)
    assert s.score.tolist() == pytest.approx([0.0, 100 * (0.5 / 3 + 0.3) / 0.8, 90.0])
    assert s.missing == ["", "C", ""]
    assert "W2 (C)" in str(s.notes.warnings[0])
    s = r.score_units([*HAND, ind("E", 1, 0.2)], raw | {"E": np.full(3, np.nan)}, ["W1", "W2", "W3"], None, RI, 0.1)
    assert str(s.notes.info[1]) == "Indicator E: no unit has a value (no data for it); it is left out."
    assert s.score.tolist() == pytest.approx([0.0, 100 * (0.5 / 3 + 0.3) / 0.8, 90.0])


def test_nothing_to_rank_by_is_an_error():
    with pytest.raises(r.NoContrastError):
        r.score_units([ind("A")], {"A": np.array([3.0, 3.0])}, ["W1", "W2"], None, RI, 0.1)
    with pytest.raises(r.NoWeightError):
        r.score_units([ind("A", weight=0.0)], {"A": np.array([1.0, 3.0])}, ["W1", "W2"], None, RI, 0.1)


def test_a_single_unit_has_no_score_but_rank_one():
    s = r.score_units(HAND, {k: v[:1] for k, v in HAND_RAW.items()}, ["W1"], None, RI, 0.1)
    assert np.isnan(s.score).all() and r.rank_descending(s.score).tolist() == [1]
    assert s.raw["v_A"].tolist() == [10.0]


# ------------------------------------------------------------------------------------------------
# AHP
#: 姜启源《数学模型》(高等教育出版社) 层次分析法, example 选择旅游地: criteria 景色, 费用, 居住, 饮食, 旅途;
#: published result λmax = 5.073, w = (0.263, 0.475, 0.055, 0.09[9], 0.110), CI = 0.018, RI = 1.12, CR = 0.016
#: (course slides of the book, http://www.hezhiquan.com/docs/view/d94c382a1d6b4e67b7520f30c5cc37dd_3.html;
#: that copy prints the fourth weight 0.090, which does not add up: 0.263 + 0.475 + 0.055 + 0.099 + 0.110 = 1.002).
TOURISM = np.array(
    [
        [1, 1 / 2, 4, 3, 3],
        [2, 1, 7, 5, 5],
        [1 / 4, 1 / 7, 1, 1 / 2, 1 / 3],
        [1 / 3, 1 / 5, 2, 1, 1],
        [1 / 3, 1 / 5, 3, 1, 1],
    ]
)


def test_ahp_on_the_published_tourism_matrix():
    w, lam, ci, ri, cr = r.ahp_weights(TOURISM, RI)
    # the book prints three decimals of its (hand) eigenvalue: 5.073 against the exact 5.07208
    assert lam == pytest.approx(5.073, abs=1e-3)
    assert ci == pytest.approx(0.018, abs=5e-4)
    assert ri == 1.12
    assert cr == pytest.approx(0.016, abs=5e-4)
    assert w == pytest.approx([0.263, 0.475, 0.055, 0.099, 0.110], abs=2e-3)
    assert w.sum() == pytest.approx(1.0)


def test_ahp_consistent_matrix_gives_its_ratios_exactly():
    """aᵢⱼ = wᵢ/wⱼ: the eigenvector is w, λmax = n, CI = CR = 0."""
    w = np.array([0.4, 0.3, 0.2, 0.1])
    weights, lam, ci, _ri, cr = r.ahp_weights(w[:, None] / w[None, :], RI)
    assert weights == pytest.approx(w) and lam == pytest.approx(4.0) and abs(ci) < 1e-9 and abs(cr) < 1e-9


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_ahp_matrix_file_is_read_with_fractions_and_used(tmp_path):
    path = write(tmp_path / "ahp.csv", "key,A,B,C\nB,1/3,1,2\nA,1,3,5\nC,1/5,0.5,1\n")
    matrix = read_ahp_matrix(path)
    assert matrix.keys == ("A", "B", "C") and matrix.values[1, 0] == pytest.approx(1 / 3)
    notes = r.Notes()
    weights, result = r.resolve_weights(HAND, matrix, RI, 0.1, notes)
    w = np.array(list(weights.values()))
    assert result.used and 0 < result.cr < 0.1 and result.ri == 0.58
    assert matrix.values @ w == pytest.approx(result.lambda_max * w)  # the eigenvector of λmax …
    assert w.sum() == pytest.approx(1.0) and w[0] > w[1] > w[2]  # … normalised, in the order of the judgements
    assert result.ci == pytest.approx((result.lambda_max - 3) / 2) and result.cr == pytest.approx(result.ci / 0.58)
    assert str(notes.info[0]).startswith("AHP weights (principal eigenvector): A 0.")


def test_inconsistent_ahp_matrix_is_not_used(tmp_path):
    """A ≻ B 9×, B ≻ C 9×, C ≻ A 9×: circular, CR far above 0.10 → the direct weights, with a warning."""
    path = write(tmp_path / "ahp.csv", "key,A,B,C\nA,1,9,1/9\nB,1/9,1,9\nC,9,1/9,1\n")
    notes = r.Notes()
    weights, result = r.resolve_weights(HAND, read_ahp_matrix(path), RI, 0.1, notes)
    assert not result.used and result.cr > 1.0
    assert weights == {"A": 0.5, "B": 0.3, "C": 0.2}
    assert "is NOT used; the table's direct weights are" in str(notes.warnings[0])


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("key,A,B\nA,1,3\nB,1/2,1\n", "not reciprocal: (A, B) = 3 but (B, A) = 0.5, not 1/3"),
        ("key,A,B\nA,1,0\nB,1,1\n", "cell (A, B) = '0' is not a number above 0"),
        ("key,A,B\nA,1,x\nB,1,1\n", "cell (A, B) = 'x' is not a number above 0"),
        ("key,A,B\nA,2,1\nB,1,1\n", "not reciprocal: (A, A) = 2"),
        ("key,A,B\nA,1,1\n", "the matrix must be square"),
        ("key,A,B\nA,1,1\nC,1,1\n", "row 'C' does not match the header"),
    ],
)
def test_bad_ahp_matrix_is_an_error(tmp_path, text, problem):
    with pytest.raises(r.AhpMatrixError) as info:
        read_ahp_matrix(write(tmp_path / "m.csv", text))
    assert problem in str(info.value) and str(info.value).startswith("AHP pairwise matrix m.csv: ")


def test_ahp_matrix_with_an_unknown_key_is_an_error(tmp_path):
    matrix = read_ahp_matrix(write(tmp_path / "m.csv", "key,A,Z\nA,1,2\nZ,1/2,1\n"))
    with pytest.raises(r.AhpMatrixError, match="'Z' is not an indicator"):
        r.resolve_weights(HAND, matrix, RI, 0.1, r.Notes())


def test_ahp_on_a_subset_gives_the_others_weight_zero(tmp_path):
    matrix = read_ahp_matrix(write(tmp_path / "m.csv", "key,A,B\nA,1,3\nB,1/3,1\n"))
    notes = r.Notes()
    weights, _ = r.resolve_weights(HAND, matrix, RI, 0.1, notes)
    assert weights == pytest.approx({"A": 0.75, "B": 0.25, "C": 0.0})
    assert str(notes.info[1]) == "Indicators not in the AHP matrix get weight 0: C."


# ------------------------------------------------------------------------------------------------
# natural breaks, classes
def _brute_force_breaks(values, k):
    x = np.sort(values)
    best = (np.inf, None)
    for cuts in itertools.combinations(range(1, len(x)), k - 1):
        groups = np.split(x, cuts)
        cost = sum(((g - g.mean()) ** 2).sum() for g in groups)
        if cost < best[0] - 1e-12:
            best = (cost, [g[-1] for g in groups])
    return best[1]


def test_jenks_on_a_known_example():
    """Three obvious clusters: classes {1, 2, 3}, {10, 11, 12}, {20, 21, 22} (class maxima 3, 12, 22)."""
    assert r.jenks_breaks([21, 1, 12, 3, 10, 2, 22, 11, 20], 3).tolist() == [3, 12, 22]
    assert r.jenks_breaks([5, 5, 5, 1], 4).tolist() == [1, 5]  # fewer distinct values: fewer classes
    assert r.jenks_breaks([7.0], 4).tolist() == [7.0]


def test_jenks_is_the_least_squares_partition():
    rng = np.random.default_rng(3)
    for _ in range(20):
        values = rng.integers(0, 100, size=9).astype(float) + rng.random(9)
        for k in (2, 3, 4):
            assert r.jenks_breaks(values, k).tolist() == pytest.approx(_brute_force_breaks(values, k))


def test_classes_by_natural_breaks_and_quartiles():
    ids, breaks = r.urgency_classes(np.array([2.0, 90.0, 50.0, 55.0, 5.0, 30.0, 32.0, np.nan]), r.JENKS)
    assert breaks.tolist() == [5.0, 32.0, 55.0]
    assert ids.tolist() == [4, 1, 2, 2, 4, 3, 3, 0]
    ids, breaks = r.urgency_classes(np.array([10.0, 20.0, 30.0, 40.0]), r.QUANTILE)
    assert breaks.tolist() == [17.5, 25.0, 32.5] and ids.tolist() == [4, 3, 2, 1]


# ------------------------------------------------------------------------------------------------
# rank stability
def test_rank_stability_is_deterministic_by_seed():
    rng = np.random.default_rng(11)
    x, w = rng.random((8, 4)), np.array([0.4, 0.3, 0.2, 0.1])
    a = r.rank_stability(x, w, 400, seed=5)
    assert a.tolist() == r.rank_stability(x, w, 400, seed=5).tolist()
    assert ((a >= 0) & (a <= 1)).all() and (a * 400 == np.round(a * 400)).all()
    assert not np.array_equal(a, r.rank_stability(x, w, 400, seed=6)) or (a == 1).all()


def test_rank_stability_of_well_separated_units_is_one():
    """Scores 0, 50, 100 under every weight set of ±20 %: never more than one rank away."""
    s = r.score_units(HAND, HAND_RAW, ["W1", "W2", "W3"], None, RI, 0.1)
    x, w = s.matrix()
    assert r.rank_stability(x, w, 300, seed=1).tolist() == [1.0, 1.0, 1.0]
    # two units tied at 50 on two opposite indicators swap whenever w₂ > w₁ (half of the draws); exact rank
    # (window 0): about half the draws each; the third (score 20) never moves
    x = np.array([[1.0, 0.0], [0.0, 1.0], [0.2, 0.2]])
    stab = r.rank_stability(x, np.array([0.5, 0.5]), 2000, seed=2, window=0)
    assert 0.45 < stab[0] < 0.55 and stab[1] == stab[0] and stab[2] == 1.0  # both keep or both swap


# ------------------------------------------------------------------------------------------------
# property tests
raw_values = st.lists(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False), min_size=2, max_size=12
)


@settings(max_examples=150, deadline=None)
@given(
    data=st.data(),
    n_ind=st.integers(min_value=1, max_value=5),
    n=st.integers(min_value=2, max_value=12),
)
def test_scores_stay_in_0_100_and_ranks_are_a_permutation(data, n_ind, n):
    values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
    inds = [ind(f"k{j}", data.draw(st.sampled_from([1, -1])), data.draw(st.floats(0.01, 5.0))) for j in range(n_ind)]
    raw = {i.key: np.array(data.draw(st.lists(values, min_size=n, max_size=n))) for i in inds}
    raw[inds[0].key][:2] = [0.0, 1.0]  # at least one indicator tells the units apart
    missing = data.draw(st.lists(st.booleans(), min_size=n, max_size=n))
    if n_ind > 1:
        raw[inds[1].key] = np.where(missing, np.nan, raw[inds[1].key])
    s = r.score_units(inds, raw, [f"U{i}" for i in range(n)], None, RI, 0.1)
    assert np.isfinite(s.score).all()
    assert ((s.score >= -1e-9) & (s.score <= 100 + 1e-9)).all()
    assert sorted(r.rank_descending(s.score).tolist()) == list(range(1, n + 1))
    assert sorted(r.rank_descending(np.where(missing, np.nan, s.score)).tolist()) == list(range(1, n + 1))
    x, w = s.matrix()
    stab = r.rank_stability(x, w, 20, seed=0)
    assert ((stab >= 0) & (stab <= 1)).all()


# ------------------------------------------------------------------------------------------------
# urgency of small watersheds, end to end on synthetic analysed parcels
def square(x0, y0, size=1000.0):
    return shapely.to_wkb(shapely.box(x0, y0, x0 + size, y0 + size))


def parcel(ws, code, area, modulus, eroded_class, slope, d011_class, canopy=np.nan, gdpdjb=None):
    group = code[:2]
    row = {
        "ws_code": ws, "landuse_code": code, "landuse_group": group, "landuse_name": code, "area_ha": area,
        "soil_loss_t_km2_a": modulus, "slope_mean_deg": slope, "canopy_gd": canopy, "cover_fvc": np.nan,
        "GDPDJB": gdpdjb,
    }  # fmt: skip
    for j in range(6):
        row[f"erosion_c{j}_ha"] = area if j == eroded_class else 0.0
    for j in range(1, 6):
        row[f"d010_s{j}_pct"] = 100.0 if j == 2 else 0.0
        row[f"d011_s{j}_pct"] = 100.0 if j == d011_class else 0.0
    return row


#: Three 1 km² watersheds of a cropland and a forest parcel each (tolerance 500 t/(km²·a)):
#: W1 cropland 60 hm² at 3000 (中度), 10°; W2 30 hm² at 1000 (轻度), 20°; W3 20 hm² at 6000 (强烈), 28° (> 25°);
#: the rest 乔木林地 at 100 (微度, canopy 0.5 → 林草).
PARCELS = [
    parcel("W1", "0103", 60.0, 3000.0, 2, 10.0, 2),
    parcel("W1", "0301", 40.0, 100.0, 0, 20.0, 3, canopy=0.5),
    parcel("W2", "0103", 30.0, 1000.0, 1, 20.0, 4),
    parcel("W2", "0301", 70.0, 100.0, 0, 20.0, 3, canopy=0.5),
    parcel("W3", "0103", 20.0, 6000.0, 3, 28.0, 5),
    parcel("W3", "0301", 80.0, 100.0, 0, 20.0, 3, canopy=0.5),
]


def columns(rows):
    return {k: [row[k] for row in rows] for k in rows[0]}


def urgency_inputs(**changes) -> r.UrgencyInputs:
    base = dict(
        ws_codes=["W1", "W2", "W3"],
        unit_wkb=[square(0, 0), square(1000, 0), square(2000, 0)],
        unit_fields={"ws_code": ["W1", "W2", "W3"], "drainage_density_km_per_km2": [1.0, 2.0, 3.0],
                     "pop": [100, 200, 300]},
        parcels=columns(PARCELS),
        params=load_param_set(),
        indicators=load_indicators(r.URGENCY_TABLE, r.URGENCY_COMPUTED),
        ranking=load_ranking_params(),
        random_index=RI,
        tolerance_t_km2_a=500.0,
        population_field="pop",
        protected_wkb=[shapely.to_wkb(shapely.Point(p)) for p in ((500, 500), (1500, 500), (2500, 200), (2600, 300))],
        draws=200,
    )  # fmt: skip
    return r.UrgencyInputs(**(base | changes))


def test_urgency_indicators_and_score_by_hand():
    """Raw values (by hand from the parcels): eroded share 60/30/20 %, ≥中度 60/0/20 %, modulus
    (3000·60 + 100·40)/100 = 1840 → 3.68, 370 → 0.74, 1280 → 2.56; 坡耕地 60/30/20 %, > 25° 0/0/20 %;
    drainage density 1/2/3; 林草 40/70/80 % (−); 水土保持率 40/70/80 → gap to 73: 33/3/0; population
    100/200/300 per km²; protected objects 1/1/2. Normalised and weighted with the bundled weights:
    W1 = 0.2 + 0.15 + 0.1 + 0.15 + 0.1 + 0.1 = 0.80; W2 = 0.2·0.25 + 0.15·0.25 + 0.05·0.5 + 0.1·0.25
    + 0.1·3/33 + 0.05·0.5 = 0.171591; W3 = 0.15/3 + 0.1·1.82/2.94 + 0.05 + 0.05 + 0.05 + 0.05 = 0.311905."""
    result = r.urgency(urgency_inputs())
    t = result.table.set_index("ws_code")
    expect_raw = {
        "eroded_share": [60, 30, 20], "moderate_share": [60, 0, 20], "modulus_ratio": [3.68, 0.74, 2.56],
        "slope_cropland_share": [60, 30, 20], "steep_cropland_share": [0, 0, 20], "gully_density": [1, 2, 3],
        "forest_grass_cover": [40, 70, 80], "swc_gap": [33, 3, 0], "population_density": [100, 200, 300],
        "protected_objects": [1, 1, 2],
    }  # fmt: skip
    for key, values in expect_raw.items():
        assert t[f"v_{key}"].tolist() == pytest.approx(values), key
    assert t["n_forest_grass_cover"].tolist() == pytest.approx([1.0, 0.25, 0.0])
    assert t["n_swc_gap"].tolist() == pytest.approx([1.0, 3 / 33, 0.0])
    assert t["n_modulus_ratio"].tolist() == pytest.approx([1.0, 0.0, 1.82 / 2.94])
    assert t["urgency_score"].tolist() == pytest.approx([80.0, 17.159091, 31.190476], abs=1e-5)
    assert t["urgency_rank"].tolist() == [1, 3, 2]
    # W3 has cropland at 28° ≥ 25°: 极紧迫 by the hard flag whatever its score
    assert t["urgency_flags"].tolist() == [None, None, "steep_cropland"]
    assert t["urgency_class"].tolist() == ["极紧迫", "较紧迫", "极紧迫"]
    assert t["urgency_class_id"].tolist() == [1, 3, 1]
    assert t["rank_stability"].tolist() == [1.0, 1.0, 1.0]
    assert "the DEM drainage density (河网密度, field drainage_density_km_per_km2)" in str(result.notes.info[0])


def test_urgency_water_source_flag_and_gdpdjb_steep_flag():
    rows = [dict(p) for p in PARCELS]
    rows[4]["slope_mean_deg"] = 22.0  # W3 by the DEM below 25° …
    water = [shapely.to_wkb(shapely.box(1200, 200, 1300, 300))]  # inside W2
    t = r.urgency(urgency_inputs(parcels=columns(rows), water_source_wkb=water)).table
    assert t["urgency_flags"].tolist() == [None, "water_source", None]
    rows[4]["GDPDJB"] = 5  # … but 三调 grade 5 (> 25°)
    t = r.urgency(urgency_inputs(parcels=columns(rows))).table
    assert t["urgency_flags"].tolist() == [None, None, "steep_cropland"]
    t = r.urgency(urgency_inputs(parcels=columns(rows), slope_limit_deg=15.0)).table  # a province's 15°
    assert t["urgency_flags"].tolist() == [None, "steep_cropland", "steep_cropland"]


def test_urgency_extra_field_indicator_and_missing_layers():
    inds = load_indicators(r.URGENCY_TABLE, r.URGENCY_COMPUTED)
    inds += r.parse_extra_indicators("pop:+1:0.1", inds)
    result = r.urgency(urgency_inputs(indicators=inds, population_field=None, protected_wkb=None))
    t = result.table
    assert t["v_pop"].tolist() == [100, 200, 300] and t["n_pop"].tolist() == pytest.approx([0, 0.5, 1])
    assert t["v_population_density"].isna().all() and t["n_protected_objects"].isna().all()
    assert result.scoring.weights["population_density"] == 0 and result.scoring.weights["protected_objects"] == 0
    assert sum(result.scoring.weights.values()) == pytest.approx(1.0)
    with pytest.raises(r.UnknownIndicatorFieldError, match="the layer has no field 'nope'"):
        r.urgency(urgency_inputs(indicators=[*inds, r.Indicator("x", "x", "x", "nope", 1, 0.1)]))


def test_urgency_with_one_unit_ranks_it_and_explains():
    rows = [p for p in PARCELS if p["ws_code"] == "W1"]
    result = r.urgency(urgency_inputs(
        ws_codes=["W1"], unit_wkb=[square(0, 0)], parcels=columns(rows), protected_wkb=None,
        unit_fields={"ws_code": ["W1"], "drainage_density_km_per_km2": [1.0], "pop": [100]},
    ))  # fmt: skip
    t = result.table
    assert t["urgency_rank"].tolist() == [1] and np.isnan(t["urgency_score"][0])
    assert t["urgency_class"].tolist() == [None] and t["v_eroded_share"].tolist() == [60.0]
    assert "Only one small watershed (W1)" in str(result.notes.warnings[-1])


def test_urgency_bad_units_and_parcels():
    with pytest.raises(r.DuplicateUnitError):
        r.urgency(urgency_inputs(ws_codes=["W1", "W1", "W3"]))
    with pytest.raises(r.NoUnitsError):
        r.urgency(urgency_inputs(ws_codes=[]))
    cols = columns(PARCELS)
    del cols["d011_s5_pct"]
    with pytest.raises(NotAnalysedParcelsError, match="d011_s5_pct"):
        r.urgency(urgency_inputs(parcels=cols))


def test_urgency_with_gully_lines_measures_gully_density():
    gullies = [shapely.to_wkb(shapely.LineString([(100, 500), (900, 500)]))]  # 0.8 km in W1 only
    t = r.urgency(urgency_inputs(gully_wkb=gullies)).table
    assert t["v_gully_density"].tolist() == pytest.approx([0.8, 0.0, 0.0])


# ------------------------------------------------------------------------------------------------
# sloping farmland priority
def field(x0, code, slope, loss, ws, gdlx=None, pid=0):
    return {"parcel_id": pid, "ws_code": ws, "landuse_code": code, "area_ha": 1.0, "slope_mean_deg": slope,
            "soil_loss_t_km2_a": loss, "GDLX": gdlx, "wkb": square(x0, 0, 100.0)}  # fmt: skip


#: P1 | P2 touching, P3 3 m from P2 (one block of 3 hm² with a 5 m gap), P4 far away (1 hm²); the rest are
#: not candidates: forest, 3°, paddy, 30°, terraced already.
FIELDS = [
    field(0, "0103", 10.0, 2000.0, "W1", pid=1),
    field(100, "0103", 20.0, 4000.0, "W1", pid=2),
    field(203, "0103", 15.0, 3000.0, "W2", pid=3),
    field(1000, "0103", 24.0, 1000.0, "W2", pid=4),
    field(2000, "0301", 15.0, 500.0, "W2", pid=5),
    field(2200, "0103", 3.0, 500.0, "W2", pid=6),
    field(2400, "0101", 10.0, 500.0, "W2", pid=7),
    field(2600, "0103", 30.0, 500.0, "W2", pid=8),
    field(2800, "0103", 12.0, 500.0, "W2", gdlx="TT", pid=9),
]


def priority_inputs(**changes) -> r.PriorityInputs:
    cols = {k: [f[k] for f in FIELDS] for k in FIELDS[0] if k != "wkb"}
    base = dict(
        parcels=cols, parcel_wkb=[f["wkb"] for f in FIELDS],
        indicators=load_indicators(r.PRIORITY_TABLE, r.PRIORITY_COMPUTED), ranking=load_ranking_params(),
        random_index=RI, min_block_ha=2.0, block_gap_m=5.0,
    )  # fmt: skip
    return r.PriorityInputs(**(base | changes))


def test_farmland_priority_by_hand():
    """Without soil depth and distance layers their weights go to slope 0.2, soil loss 0.25, block 0.2 (/0.65).
    slope (10, 20, 15, 24) → (0, 10/14, 5/14, 1); loss (2000, 4000, 3000, 1000) → (1/3, 1, 2/3, 0); block
    (3, 3, 3, 1) → (1, 1, 1, 0). Scores 100·(0.25/3 + 0.2)/0.65 = 43.590, 100·(0.2·10/14 + 0.45)/0.65 = 91.209,
    100·(0.2·5/14 + 0.25·2/3 + 0.2)/0.65 = 67.399, 100·0.2/0.65 = 30.769."""
    result = r.farmland_priority(priority_inputs(area_budget_ha=2.5))
    t = result.table
    assert t["parcel"].tolist() == [0, 1, 2, 3]
    assert t["priority_score"].tolist() == pytest.approx([43.589744, 91.208791, 67.399267, 30.769231], abs=1e-5)
    assert t["priority_rank"].tolist() == [2, 1, 1, 2]  # within W1 and within W2
    assert t["block_id"].tolist() == [1, 1, 1, 2] and t["block_area_ha"].tolist() == [3.0, 3.0, 3.0, 1.0]
    assert t["block_eligible"].tolist() == [1, 1, 1, 0]
    # budget 2.5 hm²: P2 (1), P3 (2), P1 would make 3 > 2.5, P4's block is below 2 hm²
    assert t["selected"].tolist() == [0, 1, 1, 0] and result.selected_area_ha == 2.0
    assert result.candidates == 4 and result.blocks == 2
    assert result.scoring.weights == pytest.approx(
        {"slope": 0.2 / 0.65, "soil_loss": 0.25 / 0.65, "soil_depth": 0, "dist_village": 0, "dist_road": 0,
         "dist_water": 0, "block_area": 0.2 / 0.65}
    )  # fmt: skip
    assert "terraced already" in " ".join(str(m) for m in result.notes.info)
    no_budget = r.farmland_priority(priority_inputs()).table
    assert no_budget["selected"].tolist() == [1, 1, 1, 0]


def test_farmland_distances_gap_and_soil_depth():
    villages = [shapely.to_wkb(shapely.Point(50, 50))]
    cols = {k: [f[k] for f in FIELDS] for k in FIELDS[0] if k != "wkb"}
    cols["TCHD"] = [1.0, 0.5, 0.8, None, None, None, None, None, None]
    t = r.farmland_priority(priority_inputs(villages_wkb=villages, parcels=cols, soil_depth_field="TCHD")).table
    assert t["v_dist_village"].tolist() == pytest.approx([0.0, 50.0, 153.0, 950.0])
    assert t["n_dist_village"].tolist() == pytest.approx([1.0, 1 - 50 / 950, 1 - 153 / 950, 0.0])
    assert t["v_soil_depth"].tolist()[:3] == [1.0, 0.5, 0.8] and t["missing_indicators"].tolist()[3] == "soil_depth"
    t = r.farmland_priority(priority_inputs(block_gap_m=0.0)).table  # P3 is 3 m away: its own block
    assert t["block_area_ha"].tolist() == [2.0, 2.0, 1.0, 1.0] and t["block_id"].tolist() == [1, 1, 2, 3]


def test_farmland_without_candidates_is_an_error():
    with pytest.raises(r.NoCandidatesError, match="from 25° to below 25°"):
        r.farmland_priority(priority_inputs(slope_min_deg=25.0, slope_max_deg=25.0))
    cols = {k: [f[k] for f in FIELDS] for k in FIELDS[0] if k not in ("wkb", "slope_mean_deg")}
    with pytest.raises(NotAnalysedParcelsError, match="slope_mean_deg"):
        r.farmland_priority(priority_inputs(parcels=cols))


def test_contiguous_blocks_chain_transitively():
    geoms = np.array([shapely.box(i * 101, 0, i * 101 + 100, 100) for i in range(4)] + [shapely.box(900, 0, 950, 50)])
    assert r.contiguous_blocks(geoms, 2.0).tolist() == [0, 0, 0, 0, 1]
    assert r.contiguous_blocks(geoms, 0.0).tolist() == [0, 1, 2, 3, 4]
