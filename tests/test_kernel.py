from __future__ import annotations

import logging
import math
import os

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import infnet.kernel
from infnet.exceptions import InvalidParameterError
from infnet.kernel import NORMALIZATIONS, NormalizeResult, normalize, score

finite = st.floats(-1e6, 1e6, allow_nan=False)
TINY = 5e-324  # smallest subnormal
HUGE = np.finfo(np.float64).max
EPS = 2.0**-52

# ---------------------------------------------------------------- hostile-number strategies
_special = st.sampled_from(
    [0.0, -0.0, TINY, -TINY, 2.2e-309, -2.2e-309, 1e-300, 1.0, -1.0, 1e308, -1e308, HUGE,
     -HUGE, np.inf, -np.inf, np.nan]
)
_any_float = st.floats(allow_nan=True, allow_infinity=True, allow_subnormal=True)
_tiny = st.floats(-1e-305, 1e-305, allow_subnormal=True)
_huge = st.one_of(st.floats(1e300, HUGE), st.floats(-HUGE, -1e300))


@st.composite
def columns(draw: st.DrawFn, n: int) -> np.ndarray:
    """One column of n values: ordinary, subnormal, huge, special, constant or all NaN."""
    kind = draw(st.sampled_from(["any", "special", "tiny", "huge", "mixed", "constant", "nan"]))
    if kind == "constant":
        value = draw(st.one_of(_special, finite))
        col = np.full(n, value)
        if draw(st.booleans()):  # sprinkle NaN into a constant column
            holes = draw(arrays(np.bool_, n))
            col[holes] = np.nan
        return col
    if kind == "nan":
        return np.full(n, np.nan)
    elements = {
        "any": _any_float,
        "special": _special,
        "tiny": _tiny,
        "huge": _huge,
        "mixed": st.one_of(_special, _tiny, _huge, finite),
    }[kind]
    return draw(arrays(np.float64, n, elements=elements))


@st.composite
def matrices(draw: st.DrawFn, min_rows: int = 1) -> np.ndarray:
    n = draw(st.integers(min_rows, 25))
    f = draw(st.integers(1, 4))
    return np.column_stack([draw(columns(n)) for _ in range(f)]).reshape(n, f)


@st.composite
def problems(draw: st.DrawFn, min_rows: int = 1):
    """(X, higher_is_better, mask or None, method)."""
    X = draw(matrices(min_rows))
    n, f = X.shape
    hib = draw(st.lists(st.booleans(), min_size=f, max_size=f))
    mask = None
    if draw(st.booleans()):
        mask = draw(arrays(np.bool_, n))
        mask[draw(st.integers(0, n - 1))] = True  # a mask must select someone
    return X, hib, mask, draw(st.sampled_from(NORMALIZATIONS))


weights_st = st.lists(
    st.one_of(st.just(0.0), st.floats(TINY, HUGE), st.sampled_from([1.0, 1e308, HUGE, TINY])),
    min_size=1,
    max_size=4,
).filter(lambda w: any(v > 0 for v in w))


def _oriented(X: np.ndarray, hib) -> np.ndarray:
    return np.where(np.asarray(hib, dtype=bool), X, -X)


# ---------------------------------------------------------------- basic behaviour
@pytest.mark.parametrize("method", NORMALIZATIONS)
def test_normalize_range_and_direction(method):
    X = np.array([[1.0, 5.0], [2.0, 3.0], [4.0, 1.0]])
    Z = normalize(X, higher_is_better=[True, False], method=method)
    assert Z.shape == X.shape
    assert ((Z >= 0) & (Z <= 1)).all()
    # column 0: higher is better -> actor 2 best; column 1: lower is better -> actor 2 best
    assert Z[2, 0] == Z[:, 0].max()
    assert Z[2, 1] == Z[:, 1].max()
    # and the worst actor of each column is strictly below the best
    assert Z[0, 0] < Z[2, 0]
    assert Z[0, 1] < Z[2, 1]


def test_normalize_rank_values_and_ties():
    Z = normalize(np.array([[1.0], [1.0], [3.0], [2.0]]), method="rank")
    assert Z[:, 0].tolist() == pytest.approx([1 / 6, 1 / 6, 1.0, 2 / 3])


def test_nan_and_constant_columns_score_zero():
    X = np.array([[np.nan, 2.0], [1.0, 2.0], [3.0, 2.0]])
    Z = normalize(X, method="minmax")
    assert Z[0, 0] == 0.0
    assert (Z[:, 1] == 0).all()


def test_mask_sets_scale_for_everyone():
    X = np.array([[0.0], [10.0], [5.0], [100.0]])
    mask = np.array([True, True, True, False])
    Z = normalize(X, method="minmax", mask=mask)
    assert Z[:, 0].tolist() == [0.0, 1.0, 0.5, 1.0]  # clipped to [0, 1]


def test_max_lower_is_better_flips_instead_of_clipping_to_zero():
    """A share where lower is better keeps its information under "max" (was all 0)."""
    X = np.array([[0.0], [0.25], [0.5]])
    Z = normalize(X, higher_is_better=[False], method="max")
    assert Z[:, 0].tolist() == [1.0, 0.5, 0.0]
    assert normalize(X, method="max")[:, 0].tolist() == [0.0, 0.5, 1.0]


def test_infinities_map_to_the_ends():
    X = np.array([[np.inf], [1.0], [2.0], [-np.inf], [np.nan]])
    for method in ("minmax", "max", "zscore"):
        z = normalize(X, method=method)[:, 0]
        assert z[0] == 1.0
        assert z[3] == 0.0
        assert z[4] == 0.0
        assert z[1] <= z[2]
    z = normalize(X, method="rank")[:, 0]
    assert z.tolist() == [1.0, 1 / 3, 2 / 3, 0.0, 0.0]
    z = normalize(X, higher_is_better=[False], method="minmax")[:, 0]
    assert z[0] == 0.0
    assert z[3] == 1.0


def test_full_output_reports_constant_and_undefined_columns():
    X = np.array([[1.0, 7.0, np.nan, np.inf], [2.0, 7.0, np.nan, np.inf], [np.nan, np.nan, np.nan, 3.0]])
    res = normalize(X, method="minmax", full_output=True)
    assert isinstance(res, NormalizeResult)
    assert res.constant.tolist() == [False, True, True, False]
    assert res.n_undefined.tolist() == [1, 1, 3, 0]
    assert (res.values[:, [1, 2]] == 0).all()
    np.testing.assert_array_equal(res.values, normalize(X, method="minmax"))
    assert res.values[:, 3].tolist() == [1.0, 1.0, 0.0]  # finite 3 below +inf


def test_constant_column_is_logged_with_its_index(caplog):
    X = np.array([[1.0, 5.0], [2.0, 5.0]])
    with caplog.at_level(logging.INFO, logger="infnet.kernel"):
        normalize(X, caller="rank_influentials")
    messages = [r.getMessage() for r in caplog.records if r.name == "infnet.kernel"]
    assert len(messages) == 1
    assert "[1]" in messages[0]
    assert "rank_influentials" in messages[0]


def test_rank_constant_after_quantisation_is_constant():
    """Values equal to 1e-9 of the scale tie; a column of such values is constant (0)."""
    res = normalize(np.array([[1.0], [1.0 + 1e-12]]), method="rank", full_output=True)
    assert res.constant.tolist() == [True]
    assert (res.values == 0).all()


def test_empty_inputs():
    assert normalize(np.zeros((0, 3))).shape == (0, 3)
    assert normalize(np.zeros((4, 0))).shape == (4, 0)
    s, c = score(np.zeros((0, 2)), [1.0, 1.0])
    assert s.shape == (0,)
    assert c.shape == (0, 2)


def test_integer_input_is_accepted():
    Z = normalize(np.array([[1], [3], [2]]), method="minmax")
    assert Z[:, 0].tolist() == [0.0, 1.0, 0.5]


# ---------------------------------------------------------------- regression: issue 8, item 5
@pytest.mark.parametrize(
    "tiny", [2.2e-309, 9.54095964217242e-292, 1.3356403094018565e-285, TINY]
)
def test_zscore_of_tiny_spread_does_not_underflow(tiny):
    """The std of [[tiny], [0]] underflowed to 0: NaN (and a RuntimeWarning) came out."""
    z = normalize(np.array([[tiny], [0.0]]), method="zscore")[:, 0]
    assert np.isfinite(z).all()
    assert z.tolist() == pytest.approx([0.8413447460685429, 0.15865525393145707])


@pytest.mark.parametrize("method", NORMALIZATIONS)
def test_huge_columns_do_not_overflow(method):
    """minmax over +-1e308 overflowed (max - min = inf)."""
    X = np.array([[-1e308], [0.0], [1e308], [-HUGE], [HUGE]])
    z = normalize(X, method=method)[:, 0]
    assert np.isfinite(z).all()
    assert z[4] == z.max()
    assert z[3] == z.min()
    assert z[3] < z[0] < z[1] < z[2] < z[4] or method == "max"
    if method == "minmax":
        assert z.tolist() == pytest.approx([0.5 - 1e308 / HUGE / 2, 0.5, 0.5 + 1e308 / HUGE / 2, 0.0, 1.0])


def test_huge_weights_do_not_overflow_to_zero():
    """Weights of 1e308 overflowed their sum: every score was 0, the best actor could be last."""
    Z = np.array([[0.0, 0.0], [1.0, 1.0], [0.5, 0.25]])
    s, c = score(Z, [1e308, 1e308])
    s1, c1 = score(Z, [1.0, 1.0])
    np.testing.assert_array_equal(s, s1)
    np.testing.assert_array_equal(c, c1)
    assert int(np.argmax(s)) == 1
    s, _ = score(Z, [HUGE, HUGE / 4])
    assert s.tolist() == pytest.approx([0.0, 1.0, 0.45])


def test_subnormal_weights_keep_their_ratio():
    s, _ = score(np.array([[1.0, 0.0], [0.0, 1.0]]), [TINY, 3 * TINY])
    assert s.tolist() == [0.25, 0.75]


def test_mixed_scales_in_one_matrix():
    X = np.array([[TINY, 1e308, 1.0], [0.0, -1e308, 2.0], [2 * TINY, 0.0, 3.0]])
    for method in NORMALIZATIONS:
        Z = normalize(X, method=method)
        assert np.isfinite(Z).all()
        # best actor of column 0 is row 2, of column 1 row 0, of column 2 row 2
        assert Z[2, 0] == Z[:, 0].max()
        assert Z[0, 1] == Z[:, 1].max()
        assert Z[2, 2] == Z[:, 2].max()


# ---------------------------------------------------------------- hypothesis properties
@settings(max_examples=60)
@given(arrays(np.float64, st.tuples(st.integers(2, 30), st.integers(1, 4)), elements=finite),
       st.sampled_from(NORMALIZATIONS))
@example(np.array([[9.54095964217242e-292], [0.0]]), "zscore")  # failed at seed 37 (issue 8)
@example(np.array([[1.3356403094018565e-285], [0.0]]), "zscore")  # failed at seed 43
@example(np.array([[2.2e-309], [0.0]]), "zscore")
def test_contributions_sum_to_score(X, method):
    Z = normalize(X, method=method)
    w = np.arange(1, X.shape[1] + 1, dtype=float)
    s, c = score(Z, w)
    np.testing.assert_allclose(c.sum(axis=1), s, rtol=1e-12, atol=1e-12)
    assert ((s >= -1e-12) & (s <= 1 + 1e-12)).all()


@settings(max_examples=150)
@given(problems())
def test_range_and_no_nan(problem):
    X, hib, mask, method = problem
    res = normalize(X, higher_is_better=hib, method=method, mask=mask, full_output=True)
    Z = res.values
    assert Z.shape == X.shape
    assert Z.dtype == np.float64
    assert not np.isnan(Z).any()
    assert ((Z >= 0.0) & (Z <= 1.0)).all()
    assert (Z[np.isnan(X)] == 0.0).all()  # undefined -> least desirable
    assert (Z[:, res.constant] == 0.0).all()
    assert res.n_undefined.tolist() == np.isnan(X).sum(axis=0).tolist()


@settings(max_examples=150)
@given(problems())
def test_order_is_preserved_within_a_column(problem):
    """A strictly better raw value never gets a smaller desirability (every method)."""
    X, hib, mask, method = problem
    Z = normalize(X, higher_is_better=hib, method=method, mask=mask)
    V = _oriented(X, hib)
    for j in range(X.shape[1]):
        defined = ~np.isnan(V[:, j])
        v, z = V[defined, j], Z[defined, j]
        order = np.argsort(v, kind="stable")
        assert (np.diff(z[order]) >= 0).all(), (v[order], z[order])
        if v.size:
            assert (z[v == v.max()] == z.max()).all()


@settings(max_examples=100)
@given(problems(min_rows=2), st.data())
def test_rows_permute_with_the_actors(problem, data):
    """Permutation equivariance over rows, exactly (statistics are order-free)."""
    X, hib, mask, method = problem
    perm = np.asarray(data.draw(st.permutations(range(X.shape[0]))), dtype=np.intp)
    Z = normalize(X, higher_is_better=hib, method=method, mask=mask)
    Zp = normalize(
        X[perm], higher_is_better=hib, method=method, mask=None if mask is None else mask[perm]
    )
    np.testing.assert_array_equal(Zp, Z[perm])


@settings(max_examples=150)
@given(problems(), weights_st, st.data())
def test_contributions_sum_to_score_exactly_enough(problem, weights, data):
    """Rows of contributions sum to the score within n_features * 2**-53 (relative)."""
    X, hib, mask, method = problem
    f = X.shape[1]
    w = (weights * f)[:f]
    if not any(v > 0 for v in w):
        w[0] = 1.0
    Z = normalize(X, higher_is_better=hib, method=method, mask=mask)
    s, c = score(Z, w)
    assert np.isfinite(s).all()
    assert (c >= 0).all()
    assert ((s >= 0) & (s <= 1 + f * EPS)).all()
    for i in range(X.shape[0]):
        exact = math.fsum(c[i].tolist())
        assert abs(exact - s[i]) <= f * EPS / 2 * exact


@settings(max_examples=100)
@given(problems(), weights_st)
def test_best_actor_is_never_ranked_below_anyone(problem, weights):
    """An actor at least as good as everyone in every column scores at least as high."""
    X, hib, _, method = problem
    n, f = X.shape
    w = (weights * f)[:f]
    if not any(v > 0 for v in w):
        w[0] = 1.0
    best = np.where(np.asarray(hib), np.inf, -np.inf)  # strictly best on every column
    Xb = np.vstack([X, best])
    s, _ = score(normalize(Xb, higher_is_better=hib, method=method), w)
    assert s[n] == s.max()


@settings(max_examples=60)
@given(problems())
def test_unique_extremes_reach_the_ends(problem):
    """With a unique best and worst finite value and no mask: 1 and 0 (minmax, rank)."""
    X, hib, _, method = problem
    if method not in ("minmax", "rank"):
        method = "minmax"
    Z = normalize(X, higher_is_better=hib, method=method)
    V = _oriented(X, hib)
    for j in range(X.shape[1]):
        v = V[:, j]
        if not np.isfinite(v).all():
            continue
        top, bottom = v == v.max(), v == v.min()
        if top.sum() == 1 and bottom.sum() == 1 and v.max() > v.min():
            if method == "rank" and np.unique(np.round(v / np.abs(v).max(), 9)).size < v.size:
                continue
            assert Z[top, j].item() == 1.0
            assert Z[bottom, j].item() == 0.0


@settings(max_examples=40)
@given(problems())
def test_thread_count_does_not_change_the_result(problem):
    X, hib, mask, method = problem
    serial = normalize(X, higher_is_better=hib, method=method, mask=mask, n_jobs=1)
    old = infnet.kernel._PARALLEL_MIN_ENTRIES
    infnet.kernel._PARALLEL_MIN_ENTRIES = 0  # force the threaded path on a small input
    try:
        threaded = normalize(X, higher_is_better=hib, method=method, mask=mask, n_jobs=2)
    finally:
        infnet.kernel._PARALLEL_MIN_ENTRIES = old
    np.testing.assert_array_equal(threaded, serial)


@settings(max_examples=30)
@given(arrays(np.float64, st.tuples(st.integers(2, 30), st.just(2)), elements=finite),
       st.integers(0, 29), st.floats(0.1, 100))
def test_score_monotone_in_a_feature(X, i, bump):
    """Raising one actor's value of a higher-is-better feature never lowers its score."""
    i = i % X.shape[0]
    s0, _ = score(normalize(X, method="rank"), [1.0, 1.0])
    X2 = X.copy()
    X2[i, 0] += bump
    s1, _ = score(normalize(X2, method="rank"), [1.0, 1.0])
    assert s1[i] >= s0[i] - 1e-12


def test_permutation_equivariance():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 3))
    perm = rng.permutation(50)
    for method in NORMALIZATIONS:
        Z = normalize(X, method=method)
        np.testing.assert_array_equal(normalize(X[perm], method=method), Z[perm])


def test_large_input_threads_equal_serial():
    """The real threaded path (>= 1e6 entries) equals one thread, for every method."""
    rng = np.random.default_rng(1)
    X = rng.lognormal(size=(250_000, 4))
    X[::97, 1] = np.nan
    X[::101, 2] = 1e308
    for method in NORMALIZATIONS:
        np.testing.assert_array_equal(
            normalize(X, method=method, n_jobs=2), normalize(X, method=method, n_jobs=1)
        )


# ---------------------------------------------------------------- validation (see also hostile/)
@pytest.mark.parametrize(
    ("weights", "match"),
    [([1.0, -1.0], ">= 0"), ([0.0, 0.0], "not all zero"), ([1.0], "one entry per feature"),
     ([np.nan, 1.0], "finite")],
)
def test_bad_weights(weights, match):
    with pytest.raises(InvalidParameterError, match=match):
        score(np.zeros((3, 2)), weights)


def test_bad_method():
    with pytest.raises(InvalidParameterError, match="Did you mean 'rank'"):
        normalize(np.zeros((2, 1)), method="ranks")  # type: ignore[arg-type]


def test_input_not_mutated():
    X = np.array([[1.0, np.nan], [2.0, 3.0]])
    mask = np.array([True, False])
    hib = np.array([False, True])
    before = (X.copy(), mask.copy(), hib.copy())
    for method in NORMALIZATIONS:
        normalize(X, higher_is_better=hib, method=method, mask=mask)
    Z = np.array([[0.5, 1.0]])
    w = np.array([2.0, 1e308])
    score(Z, w)
    np.testing.assert_array_equal(X, before[0])
    np.testing.assert_array_equal(mask, before[1])
    np.testing.assert_array_equal(hib, before[2])
    assert Z.tolist() == [[0.5, 1.0]]
    assert w.tolist() == [2.0, 1e308]


# ---------------------------------------------------------------- the suite's hypothesis profile
@pytest.mark.skipif(
    os.environ.get("HYPOTHESIS_PROFILE", "ci") != "ci", reason="checks the default profile"
)
def test_default_hypothesis_profile_is_deterministic():
    """Issue 8, item 11: the README's test command tries the same examples on any machine."""
    assert settings.default.derandomize
    assert settings.default.database is None
    seen: list[int] = []

    @settings(max_examples=20)
    @given(st.integers())
    def probe(x):
        seen.append(x)

    probe()
    first = list(seen)
    seen.clear()
    probe()
    assert seen == first
