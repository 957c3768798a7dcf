from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from infnet.exceptions import InvalidParameterError
from infnet.kernel import NORMALIZATIONS, normalize, score

finite = st.floats(-1e6, 1e6, allow_nan=False)


@pytest.mark.parametrize("method", NORMALIZATIONS)
def test_normalize_range_and_direction(method):
    X = np.array([[1.0, 5.0], [2.0, 3.0], [4.0, 1.0]])
    Z = normalize(X, higher_is_better=[True, False], method=method)
    assert Z.shape == X.shape
    assert ((Z >= 0) & (Z <= 1)).all()
    # column 0: higher is better -> actor 2 best; column 1: lower is better -> actor 2 best
    assert Z[2, 0] == Z[:, 0].max()
    assert Z[2, 1] == Z[:, 1].max()


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


@settings(max_examples=30, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(2, 30), st.integers(1, 4)), elements=finite),
       st.sampled_from(NORMALIZATIONS))
def test_contributions_sum_to_score(X, method):
    Z = normalize(X, method=method)
    w = np.arange(1, X.shape[1] + 1, dtype=float)
    s, c = score(Z, w)
    np.testing.assert_allclose(c.sum(axis=1), s, rtol=1e-12, atol=1e-12)
    assert ((s >= -1e-12) & (s <= 1 + 1e-12)).all()


@settings(max_examples=30, deadline=None)
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
        np.testing.assert_allclose(normalize(X[perm], method=method), Z[perm])


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
    before = X.copy()
    normalize(X, higher_is_better=[False, True])
    np.testing.assert_array_equal(X, before)
