"""Hostile input for the scoring kernel (infnet.kernel.normalize / score).

Each case asserts the typed error and that the message names the parameter (and,
where there is one, the offending position or value), or the correct result for
input that is odd but valid.
"""

from __future__ import annotations

import numpy as np
import pytest

from infnet.exceptions import InfnetError, InfnetTypeError, InvalidParameterError
from infnet.kernel import NORMALIZATIONS, normalize, score

X3 = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 0.0]])
Z3 = np.array([[0.0, 1.0], [0.5, 0.5], [1.0, 0.0]])

# --------------------------------------------------------------------------- normalize: X
BAD_X = [
    pytest.param(None, InfnetTypeError, r"`X` of normalize .*NoneType", id="none"),
    pytest.param("1,2;3,4", InfnetTypeError, r"`X` of normalize .*str", id="string"),
    pytest.param(b"\x00\x01", InfnetTypeError, r"`X` of normalize .*bytes", id="bytes"),
    pytest.param([[1.0, 2.0], [3.0]], InvalidParameterError, r"`X` of normalize .*rectangular",
                 id="ragged"),
    pytest.param(np.array([1.0, 2.0]), InvalidParameterError, r"`X` of normalize .*2-D.*\(2,\)",
                 id="1-d"),
    pytest.param(np.zeros((2, 2, 2)), InvalidParameterError, r"`X` of normalize .*2-D", id="3-d"),
    pytest.param(np.float64(3.0), InvalidParameterError, r"`X` of normalize .*2-D", id="scalar"),
    pytest.param(np.array([[True], [False]]), InfnetTypeError, r"`X` .*bool.*astype\(float\)",
                 id="bool"),
    pytest.param(np.array([[1.0], [None]], dtype=object), InfnetTypeError,
                 r"`X` .*object.*dtype=float", id="object-none"),
    pytest.param(np.array([[1 + 2j], [3j]]), InfnetTypeError, r"`X` .*complex", id="complex"),
    pytest.param(np.array([["a"], ["b"]]), InfnetTypeError, r"`X` .*dtype <U1", id="strings"),
    pytest.param([[{"a": 1}], [{"b": 2}]], InfnetTypeError, r"`X` .*object", id="dicts"),
]


@pytest.mark.parametrize(("X", "error", "match"), BAD_X)
def test_bad_matrix(X, error, match):
    with pytest.raises(error, match=match):
        normalize(X)


@pytest.mark.skipif(
    np.finfo(np.longdouble).max <= np.finfo(np.float64).max, reason="long double is float64"
)
def test_long_double_beyond_float64_is_refused():
    X = np.array([[1.0], [np.longdouble(10) ** 400]], dtype=np.longdouble)
    with pytest.raises(InvalidParameterError, match=r"`X` .*float64 range.*row 1, column 0"):
        normalize(X)


# --------------------------------------------------------------------------- normalize: options
BAD_OPTIONS = [
    pytest.param({"method": "ranks"}, InvalidParameterError, r"`method` .*Did you mean 'rank'",
                 id="method-typo"),
    pytest.param({"method": "MINMAX"}, InvalidParameterError, r"`method` .*'minmax'",
                 id="method-case"),
    pytest.param({"method": None}, InvalidParameterError, r"`method` of normalize .*None",
                 id="method-none"),
    pytest.param({"method": 3}, InvalidParameterError, r"`method` of normalize .*3", id="method-int"),
    pytest.param({"higher_is_better": [True]}, InvalidParameterError,
                 r"`higher_is_better` .*2 entries.*got 1", id="hib-short"),
    pytest.param({"higher_is_better": [True, "false"]}, InfnetTypeError,
                 r"`higher_is_better\[1\]` .*True or False.*'false'", id="hib-string-entry"),
    pytest.param({"higher_is_better": [1, 0]}, InfnetTypeError,
                 r"`higher_is_better\[0\]` .*int 1", id="hib-int-entries"),
    pytest.param({"higher_is_better": [None, True]}, InfnetTypeError,
                 r"`higher_is_better\[0\]` .*None", id="hib-none-entry"),
    pytest.param({"higher_is_better": "TrueFalse"}, InfnetTypeError,
                 r"`higher_is_better` .*sequence of 2 bools.*str", id="hib-string"),
    pytest.param({"higher_is_better": True}, InfnetTypeError,
                 r"`higher_is_better` .*sequence of 2 bools.*bool", id="hib-scalar"),
    pytest.param({"higher_is_better": {"a": True, "b": False}}, InfnetTypeError,
                 r"`higher_is_better` .*dict", id="hib-dict"),
    pytest.param({"higher_is_better": np.ones((2, 1), dtype=bool)}, InvalidParameterError,
                 r"`higher_is_better` .*shape \(2,\).*\(2, 1\)", id="hib-2d"),
    pytest.param({"mask": np.array([1, 0, 1])}, InfnetTypeError, r"`mask` .*boolean.*int64",
                 id="mask-ints"),
    pytest.param({"mask": [1.0, 0.0, 1.0]}, InfnetTypeError, r"`mask` .*boolean.*float64",
                 id="mask-floats"),
    pytest.param({"mask": np.array([True, False])}, InvalidParameterError,
                 r"`mask` .*shape \(3,\).*\(2,\)", id="mask-short"),
    pytest.param({"mask": np.ones((3, 1), dtype=bool)}, InvalidParameterError,
                 r"`mask` .*shape \(3,\).*\(3, 1\)", id="mask-2d"),
    pytest.param({"mask": np.zeros(3, dtype=bool)}, InvalidParameterError,
                 r"`mask` .*selects no actor", id="mask-empty"),
    pytest.param({"full_output": "yes"}, InfnetTypeError, r"`full_output` .*True or False",
                 id="full-output-string"),
    pytest.param({"full_output": 1}, InfnetTypeError, r"`full_output` .*int 1", id="full-output-int"),
    pytest.param({"n_jobs": 0}, InvalidParameterError, r"`n_jobs` of normalize", id="n-jobs-0"),
    pytest.param({"n_jobs": -5}, InvalidParameterError, r"`n_jobs` of normalize", id="n-jobs-neg"),
    pytest.param({"n_jobs": 1.5}, InfnetTypeError, r"`n_jobs` of normalize .*integer",
                 id="n-jobs-float"),
    pytest.param({"n_jobs": True}, InfnetTypeError, r"`n_jobs` of normalize .*integer",
                 id="n-jobs-bool"),
    pytest.param({"n_jobs": "2"}, InfnetTypeError, r"`n_jobs` of normalize .*integer",
                 id="n-jobs-string"),
]


@pytest.mark.parametrize(("kwargs", "error", "match"), BAD_OPTIONS)
def test_bad_normalize_option(kwargs, error, match):
    with pytest.raises(error, match=match):
        normalize(X3, **kwargs)


def test_caller_is_named():
    with pytest.raises(InvalidParameterError, match="`mask` of rank_influentials"):
        normalize(X3, mask=np.zeros(3, dtype=bool), caller="rank_influentials")
    with pytest.raises(InvalidParameterError, match="`weights` of rank_influentials"):
        score(Z3, [1.0, -1.0], caller="rank_influentials")


# --------------------------------------------------------------------------- score
BAD_SCORE = [
    pytest.param(Z3, [1.0, -1.0], InvalidParameterError, r"`weights` .*>= 0.*weights\[1\] is -1.0",
                 id="negative"),
    pytest.param(Z3, [np.nan, 1.0], InvalidParameterError, r"`weights` .*finite.*weights\[0\] is nan",
                 id="nan"),
    pytest.param(Z3, [np.inf, 1.0], InvalidParameterError, r"`weights` .*weights\[0\] is inf",
                 id="inf"),
    pytest.param(Z3, [0.0, 0.0], InvalidParameterError, r"`weights` .*every weight is 0",
                 id="all-zero"),
    pytest.param(Z3, [-0.0, 0.0], InvalidParameterError, r"`weights` .*every weight is 0",
                 id="negative-zero"),
    pytest.param(Z3, [1.0], InvalidParameterError, r"`weights` .*one entry per feature \(2\)",
                 id="short"),
    pytest.param(Z3, [[1.0, 1.0]], InvalidParameterError, r"`weights` .*\(1, 2\)", id="2d"),
    pytest.param(Z3, ["1", "2"], InfnetTypeError, r"`weights` .*<U1", id="strings"),
    pytest.param(Z3, "12", InfnetTypeError, r"`weights` .*str", id="string"),
    pytest.param(Z3, None, InfnetTypeError, r"`weights` .*NoneType", id="none"),
    pytest.param(Z3, {"a": 1.0, "b": 2.0}, InfnetTypeError, r"`weights` .*dict", id="dict"),
    pytest.param(Z3, [True, False], InfnetTypeError, r"`weights` .*bool", id="bools"),
    pytest.param(Z3, [1 + 0j, 1.0], InfnetTypeError, r"`weights` .*complex", id="complex"),
    pytest.param(np.array([[0.5, np.nan]]), [1, 1], InvalidParameterError,
                 r"`Z` .*\[0, 1\].*Z\[0, 1\] is nan", id="z-nan"),
    pytest.param(np.array([[0.5, 1.5]]), [1, 1], InvalidParameterError,
                 r"`Z` .*Z\[0, 1\] is 1.5", id="z-above-one"),
    pytest.param(np.array([[-0.1, 0.5]]), [1, 1], InvalidParameterError,
                 r"`Z` .*Z\[0, 0\] is -0.1", id="z-negative"),
    pytest.param(np.array([[np.inf, 0.5]]), [1, 1], InvalidParameterError,
                 r"`Z` .*Z\[0, 0\] is inf", id="z-inf"),
    pytest.param(np.array([0.5, 0.5]), [1, 1], InvalidParameterError, r"`Z` of score .*2-D",
                 id="z-1d"),
    pytest.param(np.array([[True, False]]), [1, 1], InfnetTypeError, r"`Z` .*bool", id="z-bool"),
    pytest.param("0.5", [1], InfnetTypeError, r"`Z` of score .*str", id="z-string"),
]


@pytest.mark.parametrize(("Z", "weights", "error", "match"), BAD_SCORE)
def test_bad_score_input(Z, weights, error, match):
    with pytest.raises(error, match=match):
        score(Z, weights)


# --------------------------------------------------------------------------- odd but valid
@pytest.mark.parametrize("method", NORMALIZATIONS)
def test_all_nan_matrix_scores_zero(method):
    res = normalize(np.full((3, 2), np.nan), method=method, full_output=True)
    assert (res.values == 0).all()
    assert res.constant.all()
    assert res.n_undefined.tolist() == [3, 3]


@pytest.mark.parametrize("method", NORMALIZATIONS)
def test_all_infinite_column(method):
    X = np.array([[np.inf, -np.inf], [np.inf, np.inf], [np.inf, -np.inf]])
    res = normalize(X, method=method, full_output=True)
    assert res.constant.tolist() == [True, False]
    assert res.values[:, 0].tolist() == [0.0, 0.0, 0.0]
    assert res.values[1, 1] == 1.0
    # the two -inf tie at the bottom: 0, or their average rank for "rank"
    assert res.values[0, 1] == res.values[2, 1] == (0.25 if method == "rank" else 0.0)


@pytest.mark.parametrize("method", NORMALIZATIONS)
def test_negative_zero_equals_zero(method):
    Z = normalize(np.array([[-0.0], [0.0], [1.0]]), method=method)
    assert Z[0, 0] == Z[1, 0]


@pytest.mark.parametrize("method", NORMALIZATIONS)
def test_only_subnormals(method):
    X = np.array([[5e-324], [1e-323], [1.5e-323]])
    z = normalize(X, method=method)[:, 0]
    assert np.isfinite(z).all()
    assert z[0] < z[1] < z[2] or (method == "max" and z[0] <= z[1] <= z[2])


@pytest.mark.parametrize("method", NORMALIZATIONS)
def test_unmasked_outliers_are_clipped_not_overflowed(method):
    """A scale set by tiny masked values must not overflow on huge unmasked ones."""
    X = np.array([[1e-320], [2e-320], [1e308], [-1e308]])
    mask = np.array([True, True, False, False])
    z = normalize(X, method=method, mask=mask)[:, 0]
    assert np.isfinite(z).all()
    assert z[2] == 1.0
    assert z[3] == 0.0


def test_list_input_and_numpy_bools_are_accepted():
    Z = normalize([[1, 2], [3, 4]], higher_is_better=[np.True_, False], method="minmax")
    assert Z.tolist() == [[0.0, 1.0], [1.0, 0.0]]


def test_every_error_is_an_infnet_error():
    for X, *_ in [p.values for p in BAD_X]:
        with pytest.raises(InfnetError):
            normalize(X)
