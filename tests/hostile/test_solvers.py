"""Hostile input to the iterative solvers and threaded measures of infnet.algorithms.centrality.

Every case asserts the typed infnet error and that the message names the parameter
(or, for accepted input, the correct result). Tiny networks only.
"""

from __future__ import annotations

import numpy as np
import pytest

from infnet.algorithms.centrality import (
    eigenvector_centrality,
    harmonic_centrality,
    katz_centrality,
    pagerank,
    personalized_pagerank,
)
from infnet.exceptions import (
    EmptyTargetError,
    InfnetError,
    InfnetTypeError,
    InvalidParameterError,
)
from infnet.synthetic import toy_network

N = 10  # actors in toy_network()


def _ppr(net, **kw):
    return personalized_pagerank(net, np.ones(N), **kw)


SOLVERS = {
    "pagerank": pagerank,
    "personalized_pagerank": _ppr,
    "eigenvector_centrality": eigenvector_centrality,
    "katz_centrality": katz_centrality,
}

BAD_TOL = [("1e-6", InfnetTypeError), (True, InfnetTypeError), (None, InfnetTypeError),
           (0.0, InvalidParameterError), (-1e-6, InvalidParameterError),
           (float("nan"), InvalidParameterError), (float("inf"), InvalidParameterError),
           (1j, InfnetTypeError)]
BAD_MAX_ITER = [(1.5, InfnetTypeError), ("100", InfnetTypeError), (True, InfnetTypeError),
                (None, InfnetTypeError), (0, InvalidParameterError), (-5, InvalidParameterError),
                (np.float64(10.0), InfnetTypeError)]
BAD_FLAG = [("false", InfnetTypeError), (1, InfnetTypeError), (None, InfnetTypeError),
            ("True", InfnetTypeError)]


def _raises(call, error, name):
    with pytest.raises(error, match=f"`{name}`") as info:
        call()
    assert isinstance(info.value, InfnetError)
    return info.value


@pytest.mark.parametrize("solver", list(SOLVERS))
@pytest.mark.parametrize(("value", "error"), BAD_TOL, ids=repr)
def test_bad_tol(solver, value, error):
    _raises(lambda: SOLVERS[solver](toy_network(), tol=value), error, "tol")


@pytest.mark.parametrize("solver", list(SOLVERS))
@pytest.mark.parametrize(("value", "error"), BAD_MAX_ITER, ids=repr)
def test_bad_max_iter(solver, value, error):
    _raises(lambda: SOLVERS[solver](toy_network(), max_iter=value), error, "max_iter")


@pytest.mark.parametrize("solver", list(SOLVERS))
@pytest.mark.parametrize(("value", "error"), BAD_FLAG, ids=repr)
def test_bad_return_info(solver, value, error):
    _raises(lambda: SOLVERS[solver](toy_network(), return_info=value), error, "return_info")


@pytest.mark.parametrize(("value", "error"), BAD_FLAG, ids=repr)
def test_bad_katz_normalized(value, error):
    _raises(lambda: katz_centrality(toy_network(), normalized=value), error, "normalized")


@pytest.mark.parametrize("solver", ["pagerank", "personalized_pagerank"])
@pytest.mark.parametrize(("value", "error"), [
    (1.0, InvalidParameterError), (1.2, InvalidParameterError), (-0.1, InvalidParameterError),
    (float("nan"), InvalidParameterError), ("0.85", InfnetTypeError), (None, InfnetTypeError),
    (True, InfnetTypeError), (np.array([0.85]), InfnetTypeError),
], ids=repr)
def test_bad_damping(solver, value, error):
    _raises(lambda: SOLVERS[solver](toy_network(), damping=value), error, "damping")


@pytest.mark.parametrize(("value", "error"), [
    ("0.1", InfnetTypeError), (True, InfnetTypeError), (1j, InfnetTypeError),
    ([0.1], InfnetTypeError), (0.0, InvalidParameterError), (-0.1, InvalidParameterError),
    (float("nan"), InvalidParameterError), (float("inf"), InvalidParameterError),
    (1e6, InvalidParameterError), (1e308, InvalidParameterError),
], ids=repr)
def test_bad_alpha(value, error):
    exc = _raises(lambda: katz_centrality(toy_network(), alpha=value), error, "alpha")
    if isinstance(value, float) and 1e6 <= value < float("inf"):
        assert "1 / rho = " in str(exc)  # names the bound


def test_katz_alpha_above_bound_on_directed_network_names_the_bound():
    import pandas as pd

    from infnet import Network
    from infnet.synthetic import star

    cycle = Network.from_frames(
        pd.DataFrame({"id": list("abc")}),
        pd.DataFrame({"source": list("abc"), "target": list("bca"), "strength": 1.0}),
        directed=True,
    )
    exc = _raises(lambda: katz_centrality(cycle, alpha=1.0), InvalidParameterError, "alpha")
    assert "1 / rho = 1" in str(exc)  # rho = 1 for a directed cycle of unit ties
    # A directed star has no cycle: every alpha converges (walks stop after one tie).
    x = katz_centrality(star(3), alpha=100.0, normalized=False)
    assert x.tolist() == [1.0, 101.0, 101.0, 101.0]


@pytest.mark.parametrize(("value", "error"), [
    ("1", InfnetTypeError), (True, InfnetTypeError), (None, InfnetTypeError),
    (float("nan"), InvalidParameterError), (1e200, InvalidParameterError),
    (np.ones(3), InvalidParameterError), (np.full(N, np.nan), InvalidParameterError),
    (np.ones(N, bool), InfnetTypeError), (np.array(["a"] * N), InfnetTypeError),
], ids=lambda v: type(v).__name__)
def test_bad_katz_beta(value, error):
    _raises(lambda: katz_centrality(toy_network(), beta=value), error, "beta")


@pytest.mark.parametrize(("seeds", "error"), [
    (True, InfnetTypeError),
    (False, InfnetTypeError),
    (None, InfnetTypeError),
    (1.0, InfnetTypeError),
    ("ana", InfnetTypeError),
    ({"ana": 1.0}, InfnetTypeError),
    (np.full(N, np.nan), InvalidParameterError),
    (np.r_[np.ones(N - 1), np.nan], InvalidParameterError),
    (-np.ones(N), InvalidParameterError),
    (np.r_[np.ones(N - 1), -1.0], InvalidParameterError),
    (np.full(N, np.inf), InvalidParameterError),
    (np.full(N, 1e200), InvalidParameterError),
    (np.ones(N + 1), InvalidParameterError),
    (np.ones((N, 1)), InvalidParameterError),
    (np.ones(N, complex), InfnetTypeError),
    (np.array([object()] * N), InfnetTypeError),
    (np.array(["1"] * N), InfnetTypeError),
    (np.zeros(N), EmptyTargetError),
    (np.zeros(N, bool), EmptyTargetError),
], ids=lambda v: repr(v)[:30])
def test_bad_seeds(seeds, error):
    _raises(lambda: personalized_pagerank(toy_network(), seeds), error, "seeds")


def test_seeds_accepted_forms_agree():
    net = toy_network()
    mask = np.zeros(N, bool)
    mask[[1, 4]] = True
    x = personalized_pagerank(net, mask)
    np.testing.assert_allclose(personalized_pagerank(net, mask.astype(float)), x, rtol=1e-12)
    np.testing.assert_allclose(personalized_pagerank(net, mask.tolist()), x, rtol=1e-12)
    # Seeds at the largest accepted value: same distribution, no overflow.
    np.testing.assert_allclose(personalized_pagerank(net, mask * 1e100), x, rtol=1e-12)
    # The caller's array is not modified.
    seeds = mask.astype(float)
    personalized_pagerank(net, seeds)
    assert seeds.tolist() == mask.astype(float).tolist()


@pytest.mark.parametrize("name", ["personalization", "dangling"])
@pytest.mark.parametrize("value", [np.full(N, np.nan), -np.ones(N), np.zeros(N), "x",
                                   np.ones(3), np.full(N, 1e200)], ids=repr)
def test_bad_pagerank_vectors(name, value):
    error = InfnetTypeError if isinstance(value, str) else InvalidParameterError
    _raises(lambda: pagerank(toy_network(), **{name: value}), error, name)


@pytest.mark.parametrize("call", [
    pagerank, eigenvector_centrality, katz_centrality, harmonic_centrality,
    lambda net: personalized_pagerank(net, np.ones(N)),
], ids=["pagerank", "eigenvector", "katz", "harmonic", "personalized"])
@pytest.mark.parametrize("network", [[1, 2], "ties.csv", None, {"ties": []}, 3], ids=repr)
def test_network_not_a_network(call, network):
    _raises(lambda: call(network), InfnetTypeError, "network")


@pytest.mark.parametrize(("value", "error"), [
    (True, InfnetTypeError), (False, InfnetTypeError), (0, InvalidParameterError),
    (-2, InvalidParameterError), (1.5, InfnetTypeError), ("2", InfnetTypeError),
    (np.bool_(True), InfnetTypeError),
], ids=repr)
def test_bad_n_jobs(value, error):
    _raises(lambda: harmonic_centrality(toy_network(), n_jobs=value), error, "n_jobs")


def test_huge_n_jobs_is_capped_and_identical():
    net = toy_network()
    np.testing.assert_array_equal(harmonic_centrality(net, n_jobs=10_000),
                                  harmonic_centrality(net, n_jobs=1))


@pytest.mark.parametrize("solver", list(SOLVERS))
@pytest.mark.parametrize(("weight", "error"), [(3, InfnetTypeError),
                                               ("nope", InvalidParameterError)], ids=repr)
def test_bad_weight(solver, weight, error):
    _raises(lambda: SOLVERS[solver](toy_network(), weight=weight), error, "weight")


@pytest.mark.parametrize("solver", list(SOLVERS))
@pytest.mark.parametrize("max_iter", [1, 2, 3])
def test_too_few_iterations_give_the_right_hint(solver, max_iter):
    import pandas as pd

    from infnet import ConvergenceError, Network

    no_ties = Network.from_frames(
        pd.DataFrame({"id": range(N)}),
        pd.DataFrame({"source": pd.Series([], dtype=int), "target": pd.Series([], dtype=int)}),
    )
    def failure(net):
        try:
            SOLVERS[solver](net, max_iter=max_iter)
        except ConvergenceError as exc:
            return exc
        return None

    for net in (toy_network(), no_ties):
        exc = failure(net)
        if exc is not None:
            assert exc.n_iter == max_iter
            assert "max_iter" in str(exc)
            assert "not shrinking" not in str(exc)  # no false blame on alpha
    # Without ties every solver is exact within a few iterations: no error, no warning.
    SOLVERS[solver](no_ties, max_iter=3)
