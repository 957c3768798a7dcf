from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import load_shared
from hypothesis import given, settings
from hypothesis import strategies as st
from oracle_graphs import GRAPHS, as_array
from oracle_graphs import random_network as _random_network

from infnet import (
    ConvergenceError,
    EmptyTargetError,
    InfnetTypeError,
    InvalidParameterError,
    Network,
)
from infnet.algorithms.centrality import (
    core_number,
    degree,
    eigenvector_centrality,
    harmonic_centrality,
    katz_centrality,
    pagerank,
    personalized_pagerank,
)
from infnet.synthetic import barbell, star, toy_network


# ------------------------------------------------------------------ helpers
def random_network(n: int, p: float, *, directed: bool, seed: int, n_isolated: int = 2) -> Network:
    """The shared oracle graphs, with lengths in [1, 5) as these tests were written for."""
    return _random_network(n, p, directed=directed, seed=seed, n_isolated=n_isolated, max_length=5)


def _real(name: str) -> Network:
    if name == "lazega":
        return load_shared("lazega_lawyers", relation="advice")
    if name == "krackhardt":
        return load_shared("krackhardt_managers", relation="advice")
    return load_shared("uk_faculty")


REAL = ["lazega", "krackhardt", "uk_faculty"]

#: networkx stops when the L1 change is below n_actors * tol, an error that grows with the
#: graph; its default (1e-6) is far less accurate than infnet's scale-free rule, so the
#: oracle runs at a tolerance tight enough to be the exact answer.
def nx_tol(net):
    """A networkx `tol` whose stopping rule (L1 change < n * tol) means L1 change < 1e-14."""
    return 1e-14 / max(1, net.n_actors)


NX_ITER = 100_000
#: infnet's own tight tolerance (an absolute L1 error bound).
TIGHT = 1e-13


# ------------------------------------------------------------------ degree
@pytest.mark.parametrize(("n", "p", "directed", "seed"), GRAPHS)
@pytest.mark.parametrize("weight", [None, "strength", "length"])
def test_degree_matches_networkx(n, p, directed, seed, weight):
    net = random_network(n, p, directed=directed, seed=seed)
    g = net.to_networkx()
    np.testing.assert_allclose(
        degree(net, direction="all", weight=weight), as_array(net, dict(g.degree(weight=weight))),
        rtol=1e-9,
    )
    if directed:
        np.testing.assert_allclose(
            degree(net, direction="in", weight=weight),
            as_array(net, dict(g.in_degree(weight=weight))), rtol=1e-9,
        )
        np.testing.assert_allclose(
            degree(net, direction="out", weight=weight),
            as_array(net, dict(g.out_degree(weight=weight))), rtol=1e-9,
        )
    else:
        for direction in ("in", "out"):
            np.testing.assert_array_equal(
                degree(net, direction=direction, weight=weight),
                degree(net, direction="all", weight=weight),
            )
    if weight is None:
        np.testing.assert_allclose(
            degree(net, direction="all", normalized=True),
            as_array(net, nx.degree_centrality(g)), rtol=1e-9,
        )


def test_degree_star_by_hand():
    net = star(4)
    assert degree(net).tolist() == [4.0, 0, 0, 0, 0]
    assert degree(net, direction="in").tolist() == [0.0, 1, 1, 1, 1]
    assert degree(net, direction="all", normalized=True).tolist() == [1.0, 0.25, 0.25, 0.25, 0.25]


def test_degree_single_actor_normalized_is_zero():
    net = Network.from_frames(pd.DataFrame({"id": ["a"]}), pd.DataFrame(
        {"source": pd.Series([], dtype=object), "target": pd.Series([], dtype=object)}))
    assert degree(net, normalized=True).tolist() == [0.0]


# ------------------------------------------------------------------ pagerank
def assert_oracle(call, expected, *, tol=1e-6):
    """Tight solves equal the oracle; the default solve is within `tol` L1 of it."""
    np.testing.assert_allclose(call(tol=TIGHT, max_iter=100_000), expected, rtol=1e-9,
                               atol=TIGHT)
    assert np.abs(call() - expected).sum() <= tol


@pytest.mark.parametrize(("n", "p", "directed", "seed"), GRAPHS)
@pytest.mark.parametrize("weight", [None, "strength"])
def test_pagerank_matches_networkx(n, p, directed, seed, weight):
    net = random_network(n, p, directed=directed, seed=seed)
    g = net.to_networkx()
    assert_oracle(lambda **kw: pagerank(net, weight=weight, **kw),
                  as_array(net, nx.pagerank(g, weight=weight, tol=nx_tol(net), max_iter=NX_ITER)))
    rng = np.random.default_rng(seed)
    pers = rng.random(net.n_actors) * (rng.random(net.n_actors) < 0.5)
    pers[0] = 1.0
    dang = rng.random(net.n_actors)
    expected = nx.pagerank(
        g, alpha=0.7, weight=weight, tol=nx_tol(net), max_iter=NX_ITER,
        personalization=dict(zip(net.actor_ids, pers, strict=True)),
        dangling=dict(zip(net.actor_ids, dang, strict=True)),
    )
    assert_oracle(
        lambda **kw: pagerank(net, damping=0.7, weight=weight, personalization=pers,
                              dangling=dang, **kw),
        as_array(net, expected),
    )


@pytest.mark.parametrize(("n", "p", "directed", "seed"), GRAPHS)
def test_personalized_pagerank_matches_networkx(n, p, directed, seed):
    net = random_network(n, p, directed=directed, seed=seed)
    g = net.to_networkx()
    mask = np.zeros(net.n_actors, bool)
    mask[[1, 3, 5]] = True
    expected = nx.pagerank(
        g, weight="strength", tol=nx_tol(net), max_iter=NX_ITER,
        personalization=dict(zip(net.actor_ids, mask.astype(float), strict=True)),
    )
    assert_oracle(lambda **kw: personalized_pagerank(net, mask, **kw), as_array(net, expected))
    values = mask * np.arange(net.n_actors, dtype=float)
    np.testing.assert_allclose(
        personalized_pagerank(net, values), pagerank(net, personalization=values), rtol=1e-12
    )


def test_personalized_pagerank_empty_seeds():
    net = toy_network()
    with pytest.raises(EmptyTargetError, match="seeds"):
        personalized_pagerank(net, np.zeros(net.n_actors, bool))


def test_pagerank_sums_to_one_and_isolated_gets_restart_share():
    net = toy_network()
    x = pagerank(net)
    assert x.sum() == pytest.approx(1.0)
    jo = net.index_of("jo")[0]
    # jo is the only dangling actor: x_jo = 0.85 * x_jo / n + 0.15 / n.
    n = net.n_actors
    assert x[jo] == pytest.approx(0.15 / n / (1 - 0.85 / n), rel=1e-6)


def test_pagerank_convergence_error():
    with pytest.raises(ConvergenceError) as info:
        pagerank(toy_network(), max_iter=2)
    assert info.value.n_iter == 2
    assert info.value.residual > 0


# ------------------------------------------------------------ eigenvector, Katz
@pytest.mark.parametrize(("n", "p", "directed", "seed"), GRAPHS)
@pytest.mark.parametrize("weight", [None, "strength"])
def test_eigenvector_katz_match_networkx(n, p, directed, seed, weight):
    net = random_network(n, p, directed=directed, seed=seed)
    g = net.to_networkx()
    expected = nx.eigenvector_centrality(g, weight=weight, max_iter=NX_ITER, tol=nx_tol(net))
    assert_oracle(lambda **kw: eigenvector_centrality(net, weight=weight, **kw),
                  as_array(net, expected))
    for normalized in (True, False):
        assert_oracle(
            lambda normalized=normalized, **kw: katz_centrality(
                net, alpha=0.05, weight=weight, normalized=normalized, **kw),
            as_array(net, nx.katz_centrality(g, alpha=0.05, weight=weight, tol=nx_tol(net),
                                             max_iter=NX_ITER, normalized=normalized)),
        )


@pytest.mark.parametrize(("n_actors", "directed"), [(20_000, False), (5_000, True)])
def test_eigenvector_error_bound_is_conservative(n_actors, directed):
    # business_network(20_000, rng=1) is where the old rule (largest of the last three
    # ratios of changes) stopped at L1 1.0008e-6 for tol=1e-6: the ratios were still rising
    from infnet.synthetic import business_network

    net = business_network(n_actors=n_actors, rng=1, directed=directed)
    if directed:  # the same iteration, much tighter (within ~1e-13)
        ref = eigenvector_centrality(net, tol=1e-13, max_iter=100_000)
    else:  # Lanczos, a different method
        from scipy.sparse.linalg import eigsh

        _, vec = eigsh(net.in_matrix("strength"), k=1, which="LA",
                       v0=np.full(n_actors, n_actors**-0.5), tol=1e-15)
        ref = vec[:, 0] * np.sign(vec[:, 0].sum())
        ref /= np.linalg.norm(ref)
    for tol in (1e-4, 1e-5, 1e-6, 1e-7):
        x, info = eigenvector_centrality(net, tol=tol, return_info=True)
        err = float(np.abs(x - ref).sum())
        assert err <= info.error_bound < tol, (tol, info)


def test_katz_beta_vector_and_alpha_above_bound():
    net = toy_network()
    beta = np.arange(1.0, net.n_actors + 1)
    expected = nx.katz_centrality(
        net.to_networkx(), alpha=0.1, beta=dict(zip(net.actor_ids, beta, strict=True)),
        weight="strength", tol=nx_tol(net), max_iter=NX_ITER,
    )
    assert_oracle(lambda **kw: katz_centrality(net, alpha=0.1, beta=beta, **kw),
                  as_array(net, expected))
    # An alpha at or above 1 / spectral radius diverges: refused before any iteration.
    with pytest.raises(InvalidParameterError, match=r"`alpha`.*below 1 / rho = "):
        katz_centrality(net, alpha=5.0)


# ------------------------------------------------------------------ harmonic
@pytest.mark.parametrize(("n", "p", "directed", "seed"), GRAPHS)
@pytest.mark.parametrize("distance", [None, "length", "strength"])
def test_harmonic_matches_networkx(n, p, directed, seed, distance):
    net = random_network(n, p, directed=directed, seed=seed)
    g = net.to_networkx()
    np.testing.assert_allclose(
        harmonic_centrality(net, distance=distance),
        as_array(net, nx.harmonic_centrality(g, distance=distance)), rtol=1e-9,
    )


def test_harmonic_star_direction():
    # distances run *to* the actor: leaves are reached by the hub, the hub by nobody.
    assert harmonic_centrality(star(3)).tolist() == [0.0, 1.0, 1.0, 1.0]


# ------------------------------------------------------------------ core number
@pytest.mark.parametrize(("n", "p", "directed", "seed"), GRAPHS)
def test_core_number_matches_networkx(n, p, directed, seed):
    net = random_network(n, p, directed=directed, seed=seed)
    np.testing.assert_array_equal(
        core_number(net), as_array(net, nx.core_number(net.to_networkx()))
    )


def test_core_number_barbell_by_hand():
    assert core_number(barbell(4)).tolist() == [3.0] * 8


# ------------------------------------------------------------------ real networks
@pytest.mark.data
@pytest.mark.parametrize("name", REAL)
def test_real_networks_match_networkx(name):
    net = _real(name)
    g = net.to_networkx()
    weights = ["weight"] if name == "uk_faculty" else [None]
    for w in [None, *weights]:
        np.testing.assert_allclose(degree(net, direction="in", weight=w),
                                   as_array(net, dict(g.in_degree(weight=w))), rtol=1e-9)
        assert_oracle(lambda w=w, **kw: pagerank(net, weight=w, **kw),
                      as_array(net, nx.pagerank(g, weight=w, tol=nx_tol(net), max_iter=NX_ITER)))
        assert_oracle(
            lambda w=w, **kw: katz_centrality(net, alpha=0.01, weight=w, **kw),
            as_array(net, nx.katz_centrality(g, alpha=0.01, weight=w, tol=nx_tol(net),
                                             max_iter=NX_ITER)),
        )
        assert_oracle(
            lambda w=w, **kw: eigenvector_centrality(net, weight=w, **kw),
            as_array(net, nx.eigenvector_centrality(g, weight=w, max_iter=NX_ITER, tol=nx_tol(net))),
        )
        np.testing.assert_allclose(harmonic_centrality(net, distance=w),
                                   as_array(net, nx.harmonic_centrality(g, distance=w)),
                                   rtol=1e-9)
    np.testing.assert_array_equal(core_number(net), as_array(net, nx.core_number(g)))


@pytest.mark.data
def test_github_fast_measures_match_networkx():
    net = load_shared("github_developers")
    g = nx.Graph()
    g.add_nodes_from(range(net.n_actors))
    s = net.strength
    rows = np.repeat(np.arange(net.n_actors), np.diff(s.indptr))
    g.add_edges_from(zip(rows.tolist(), s.indices.tolist(), strict=True))
    np.testing.assert_array_equal(degree(net), [d for _, d in sorted(g.degree())])
    np.testing.assert_array_equal(
        core_number(net), [c for _, c in sorted(nx.core_number(g).items())]
    )
    expected = nx.pagerank(g, tol=nx_tol(net), max_iter=NX_ITER)
    assert_oracle(lambda **kw: pagerank(net, **kw), [expected[i] for i in range(net.n_actors)])


# ------------------------------------------------------------------ properties
MEASURES = {
    "degree_in": lambda net: degree(net, direction="in", weight="strength"),
    "degree_all": lambda net: degree(net, direction="all"),
    "pagerank": lambda net: pagerank(net, tol=1e-12, max_iter=10_000),
    "katz": lambda net: katz_centrality(net, normalized=False, tol=1e-13),
    "harmonic": lambda net: harmonic_centrality(net),
    "harmonic_w": lambda net: harmonic_centrality(net, distance="strength"),
    "core": core_number,
}


@st.composite
def small_networks(draw):
    n = draw(st.integers(3, 12))
    directed = draw(st.booleans())
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)),
                          max_size=3 * n))
    pairs = [(a, b) for a, b in pairs if a != b]
    strengths = draw(st.lists(st.floats(0.05, 1.0), min_size=len(pairs), max_size=len(pairs)))
    perm = draw(st.permutations(list(range(n))))
    return n, directed, pairs, strengths, perm


def _build(n, directed, pairs, strengths, order):
    actors = pd.DataFrame({"id": [f"a{i}" for i in order]})
    ties = pd.DataFrame({
        "source": [f"a{a}" for a, _ in pairs],
        "target": [f"a{b}" for _, b in pairs],
        "strength": strengths,
    }, columns=["source", "target", "strength"])
    return Network.from_frames(actors, ties, directed=directed, duplicates="max")


@settings(max_examples=25, deadline=None)
@given(small_networks())
def test_relabelling_permutes_results(case):
    n, directed, pairs, strengths, perm = case
    a = _build(n, directed, pairs, strengths, list(range(n)))
    b = _build(n, directed, pairs, strengths, perm)
    pos = b.index_of(list(a.actor_ids))
    for name, f in MEASURES.items():
        np.testing.assert_allclose(f(b)[pos], f(a), rtol=1e-9, atol=1e-12, err_msg=name)


@settings(max_examples=25, deadline=None)
@given(small_networks())
def test_isolated_actor_changes_nothing(case):
    n, directed, pairs, strengths, _ = case
    a = _build(n, directed, pairs, strengths, list(range(n)))
    b = _build(n + 1, directed, pairs, strengths, list(range(n + 1)))
    for name in ("degree_in", "degree_all", "katz", "harmonic", "harmonic_w", "core"):
        vb = MEASURES[name](b)
        np.testing.assert_allclose(vb[:n], MEASURES[name](a), rtol=1e-9, atol=1e-12,
                                   err_msg=name)
    # PageRank depends on n through the uniform restart: with restarts on the old
    # actors only, the isolated one receives nothing and the rest is unchanged.
    pers = np.ones(n + 1)
    pers[n] = 0.0
    x = pagerank(b, personalization=pers, tol=1e-12, max_iter=10_000)
    np.testing.assert_allclose(x[:n], pagerank(a, tol=1e-12, max_iter=10_000), rtol=1e-7,
                               atol=1e-12)
    assert x[n] == 0.0


def test_inputs_not_mutated():
    net = toy_network()
    before = net.strength.copy()
    seeds = np.ones(net.n_actors)
    for f in MEASURES.values():
        f(net)
    personalized_pagerank(net, seeds)
    assert (net.strength != before).nnz == 0
    assert (seeds == 1).all()


@pytest.mark.parametrize("f", list(MEASURES.values()), ids=list(MEASURES))
def test_shape_and_dtype(f):
    x = f(toy_network())
    assert x.shape == (10,)
    assert x.dtype == np.float64
    assert np.isfinite(x).all()


# ------------------------------------------------------------------ bad parameters
@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda n: degree(n, direction="both"), InvalidParameterError, "direction"),
        (lambda n: degree(n, weight="wieght"), InvalidParameterError, "weight"),
        (lambda n: degree(n, weight=3), InfnetTypeError, "weight"),
        (lambda n: pagerank(n, damping=1.2), InvalidParameterError, "damping"),
        (lambda n: pagerank(n, damping="0.5"), InfnetTypeError, "damping"),
        (lambda n: pagerank(n, max_iter=0), InvalidParameterError, "max_iter"),
        (lambda n: pagerank(n, tol=0.0), InvalidParameterError, "tol"),
        (lambda n: pagerank(n, personalization=np.ones(3)), InvalidParameterError,
         "personalization"),
        (lambda n: pagerank(n, personalization=-np.ones(10)), InvalidParameterError,
         "personalization"),
        (lambda n: pagerank(n, personalization=np.zeros(10)), InvalidParameterError,
         "personalization"),
        (lambda n: pagerank(n, dangling=np.zeros(10)), InvalidParameterError, "dangling"),
        (lambda n: personalized_pagerank(n, "ana"), InfnetTypeError, "seeds"),
        (lambda n: personalized_pagerank(n, np.full(10, np.nan)), InvalidParameterError,
         "seeds"),
        (lambda n: eigenvector_centrality(n, max_iter=1.5), InfnetTypeError, "max_iter"),
        (lambda n: katz_centrality(n, alpha=0.0), InvalidParameterError, "alpha"),
        (lambda n: katz_centrality(n, beta=np.ones(3)), InvalidParameterError, "beta"),
        (lambda n: harmonic_centrality(n, distance="nope"), InvalidParameterError, "distance"),
        (lambda n: core_number("net"), InfnetTypeError, "network"),
    ],
)
def test_bad_parameters(call, error, name):
    with pytest.raises(error, match=f"`{name}`"):
        call(toy_network())


# ------------------------------------------------------------------ scale-free accuracy
@pytest.fixture(scope="module")
def business_10k():
    from infnet.synthetic import business_network

    return business_network(n_actors=10_000, rng=1)


def _seeds(net):
    segment = np.asarray(net.attribute("segment"))
    return (segment == segment[np.argmax(segment != segment[0])]).astype(float)


def _eigsh_reference(net):
    from scipy.sparse.linalg import eigsh

    n = net.n_actors
    _, vec = eigsh(net.in_matrix("strength"), k=1, which="LA", v0=np.full(n, 1 / np.sqrt(n)),
                   tol=1e-15)
    v = vec[:, 0] * np.sign(vec[:, 0].sum())
    return v / np.linalg.norm(v)


def _katz_cg(net, alpha):
    from scipy.sparse.linalg import LinearOperator, cg

    m = net.in_matrix("strength")
    n = net.n_actors
    # I - alpha W is symmetric positive definite for an undirected network, alpha < 1/rho.
    op = LinearOperator((n, n), matvec=lambda v: v - alpha * (m @ v), dtype=np.float64)
    x, code = cg(op, np.ones(n), rtol=1e-15, atol=0.0, maxiter=10_000)
    assert code == 0
    return x / np.linalg.norm(x)


@pytest.mark.parametrize("solver", ["pagerank", "personalized_pagerank", "eigenvector", "katz"])
def test_defaults_within_1e6_l1_at_10k(business_10k, solver):
    net = business_10k
    assert not net.directed
    if solver == "pagerank":
        x, info = pagerank(net, return_info=True)
        ref = pagerank(net, tol=1e-14, max_iter=100_000)
    elif solver == "personalized_pagerank":
        x, info = personalized_pagerank(net, _seeds(net), return_info=True)
        ref = personalized_pagerank(net, _seeds(net), tol=1e-14, max_iter=100_000)
    elif solver == "eigenvector":
        x, info = eigenvector_centrality(net, return_info=True)
        ref = _eigsh_reference(net)  # Lanczos: a different method
    else:
        x, info = katz_centrality(net, return_info=True)
        lam = float(np.linalg.norm(net.in_matrix("strength") @ _eigsh_reference(net)))
        ref = _katz_cg(net, 0.9 / lam)  # conjugate gradients: a different method
    assert info.converged
    assert np.abs(x - ref).sum() <= 1e-6
    # The solver's own bound is honest here: the achieved error does not exceed it by
    # more than rounding.
    assert np.abs(x - ref).sum() <= info.error_bound * 1.05 + 1e-12


def test_pagerank_error_bound_is_rigorous_at_any_tol(business_10k):
    ref = pagerank(business_10k, tol=1e-14, max_iter=100_000)
    for tol in (1e-2, 1e-4, 1e-8):
        x, info = pagerank(business_10k, tol=tol, return_info=True)
        err = np.abs(x - ref).sum()
        assert err <= info.error_bound < tol


# ------------------------------------------------------------------ Katz default alpha
@settings(max_examples=40, deadline=None)
@given(small_networks())
def test_katz_default_converges_on_any_network(case):
    n, directed, pairs, strengths, _ = case
    net = _build(n, directed, pairs, strengths, list(range(n)))
    for weight in ("strength", None):
        x, info = katz_centrality(net, weight=weight, return_info=True)
        assert info.converged
        assert np.isfinite(x).all()
        assert (x > 0).all()
        np.testing.assert_array_equal(katz_centrality(net, weight=weight), x)  # deterministic
        # alpha=None is 0.9 / lambda_bar with lambda_bar >= spectral radius.
        w = net.in_matrix(weight).toarray()
        rho = float(np.abs(np.linalg.eigvals(w)).max()) if w.size else 0.0
        lam_bar = float(np.linalg.eigvalsh((w + w.T) / 2)[-1]) if w.any() else 0.0
        assert rho <= lam_bar + 1e-9
        if lam_bar > 0:
            y = np.linalg.solve(np.eye(n) - 0.9 / lam_bar * w, np.ones(n))
            np.testing.assert_allclose(x, y / np.linalg.norm(y), rtol=1e-6, atol=1e-9)


def test_katz_alpha_at_bound_refused_with_the_bound():
    net = barbell(3)
    lam = float(np.linalg.eigvalsh(net.in_matrix("strength").toarray())[-1])
    with pytest.raises(InvalidParameterError, match=r"`alpha`.*1 / rho = ") as info:
        katz_centrality(net, alpha=1.0 / lam)
    assert f"{1 / lam:.6g}" in str(info.value)
    katz_centrality(net, alpha=0.99 / lam, max_iter=100_000)  # just below: accepted


def test_katz_directed_alpha_between_bounds_is_tried():
    # A directed 3-cycle plus a chord: rho < lambda of the symmetrised matrix, and an
    # alpha between 1/lambda_bar and 1/rho still converges (and matches the direct solve).
    actors = pd.DataFrame({"id": list("abc")})
    ties = pd.DataFrame({"source": list("abca"), "target": list("bcac"),
                         "strength": [1.0, 1.0, 1.0, 1.0]})
    net = Network.from_frames(actors, ties, directed=True)
    w = net.in_matrix("strength").toarray()
    rho = float(np.abs(np.linalg.eigvals(w)).max())
    lam_bar = float(np.linalg.eigvalsh((w + w.T) / 2)[-1])
    assert rho < lam_bar
    alpha = 0.5 * (1 / lam_bar + 1 / rho)  # between the safe bound and the divergence bound
    x = katz_centrality(net, alpha=alpha, max_iter=100_000)
    y = np.linalg.solve(np.eye(3) - alpha * w, np.ones(3))
    np.testing.assert_allclose(x, y / np.linalg.norm(y), rtol=1e-6)
    with pytest.raises(InvalidParameterError, match="`alpha`"):
        katz_centrality(net, alpha=1.0 / rho)


# ------------------------------------------------------------------ info, logging, warnings
@pytest.mark.parametrize("call", [
    lambda net, **kw: pagerank(net, **kw),
    lambda net, **kw: personalized_pagerank(net, np.ones(net.n_actors), **kw),
    lambda net, **kw: eigenvector_centrality(net, **kw),
    lambda net, **kw: katz_centrality(net, **kw),
], ids=["pagerank", "personalized_pagerank", "eigenvector", "katz"])
def test_return_info_log_and_warning_near_max_iter(call, caplog):
    from infnet.algorithms import SolverInfo as Exported
    from infnet.algorithms.centrality import SolverInfo
    from infnet.exceptions import ApproximationWarning

    assert Exported is SolverInfo
    net = toy_network()
    x = call(net)
    with caplog.at_level("DEBUG", logger="infnet"):
        y, info = call(net, return_info=True)
    assert isinstance(info, SolverInfo)
    np.testing.assert_array_equal(x, y)
    assert info.converged
    assert info.error_bound < info.tol
    assert info.n_iter >= 1
    assert info.residual >= 0
    assert any(f"n_iter={info.n_iter}" in r.getMessage() and "residual=" in r.getMessage()
               for r in caplog.records)
    with pytest.raises(AttributeError):
        info.n_iter = 0  # frozen
    # Using nearly all of max_iter warns; one more than needed (below 90%) does not.
    with pytest.warns(ApproximationWarning, match="max_iter"):
        call(net, max_iter=info.n_iter)
    call(net, max_iter=int(np.ceil(info.n_iter / 0.9)) + 1)
    with pytest.raises(ConvergenceError) as err:
        call(net, max_iter=max(1, info.n_iter - 1))
    assert err.value.n_iter == max(1, info.n_iter - 1)
    assert "max_iter" in str(err.value)


def test_convergence_error_hint_counts_iterations():
    with pytest.raises(ConvergenceError, match=r"about \d+ more are needed") as info:
        pagerank(toy_network(), max_iter=5)
    assert info.value.n_iter == 5
    assert info.value.residual > 0


def test_tiny_strengths_do_not_break_pagerank():
    # Uniform tiny strengths are the same walk as unit strengths (no reciprocal
    # overflow, no wrong "raise max_iter" hint).
    actors = pd.DataFrame({"id": range(6)})
    ties = pd.DataFrame({"source": [0, 1, 2, 3, 4, 0], "target": [1, 2, 3, 4, 5, 3],
                         "strength": 1e-12})
    net = Network.from_frames(actors, ties, directed=False)
    np.testing.assert_allclose(pagerank(net), pagerank(net, weight=None), rtol=1e-12)
    np.testing.assert_allclose(eigenvector_centrality(net), eigenvector_centrality(
        net, weight=None), rtol=1e-9)
    np.testing.assert_allclose(katz_centrality(net), katz_centrality(net, weight=None),
                               rtol=1e-9)


# ------------------------------------------------------------------ threads
@pytest.mark.parametrize("distance", [None, "strength"])
def test_harmonic_identical_for_any_n_jobs(distance):
    import numba

    net = random_network(40, 0.2, directed=True, seed=4)
    before = numba.get_num_threads()
    ref = harmonic_centrality(net, distance=distance, n_jobs=1)
    for n_jobs in (2, -1, None, 64):
        np.testing.assert_array_equal(harmonic_centrality(net, distance=distance,
                                                          n_jobs=n_jobs), ref)
    assert numba.get_num_threads() == before  # restored
