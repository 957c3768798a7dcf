from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import load_shared
from hypothesis import given, settings
from hypothesis import strategies as st
from oracle_graphs import GRAPHS, as_array, random_network

from infnet import InfnetTypeError, InvalidParameterError, Network
from infnet.algorithms.betweenness import approximate_betweenness, betweenness_centrality
from infnet.synthetic import barbell, star, toy_network


# ------------------------------------------------------------------ exact
@pytest.mark.parametrize(("n", "p", "directed", "seed"), GRAPHS)
@pytest.mark.parametrize("weight", [None, "length", "strength"])
@pytest.mark.parametrize("normalized", [True, False])
@pytest.mark.parametrize("endpoints", [False, True])
def test_betweenness_matches_networkx(n, p, directed, seed, weight, normalized, endpoints):
    net = random_network(n, p, directed=directed, seed=seed)
    expected = nx.betweenness_centrality(
        net.to_networkx(), weight=weight, normalized=normalized, endpoints=endpoints
    )
    np.testing.assert_allclose(
        betweenness_centrality(net, weight=weight, normalized=normalized, endpoints=endpoints),
        as_array(net, expected), rtol=1e-9, atol=1e-12,
    )


@pytest.mark.parametrize(("n_actors", "endpoints"), [(1, False), (2, False), (2, True)])
def test_betweenness_tiny_networks_like_networkx(n_actors, endpoints):
    ids = list(range(n_actors))
    ties = pd.DataFrame({"source": ids[:1] * (n_actors - 1), "target": ids[1:]},
                        columns=["source", "target"])
    net = Network.from_frames(pd.DataFrame({"id": ids}), ties, directed=False)
    expected = nx.betweenness_centrality(net.to_networkx(), endpoints=endpoints)
    np.testing.assert_allclose(betweenness_centrality(net, endpoints=endpoints),
                               as_array(net, expected))


def test_betweenness_by_hand():
    # barbell(3): the bridge ends 2 and 3 carry every cross pair: 2 * 3 * 2 ordered pairs
    # ... through 2 from {0,1} to {3,4,5} and back: 2 * 3 * 2 = 12 of (n-1)(n-2) = 20.
    np.testing.assert_allclose(betweenness_centrality(barbell(3)), [0, 0, 0.6, 0.6, 0, 0])
    np.testing.assert_allclose(betweenness_centrality(barbell(3), normalized=False),
                               [0, 0, 6, 6, 0, 0])
    assert betweenness_centrality(star(4)).tolist() == [0.0] * 5


@pytest.mark.data
@pytest.mark.parametrize(
    ("name", "relation", "weights"),
    [
        ("lazega_lawyers", "advice", [None]),
        ("krackhardt_managers", "advice", [None]),
        ("uk_faculty", None, [None, "weight"]),
    ],
)
def test_real_networks_match_networkx(name, relation, weights):
    net = load_shared(name, relation=relation)
    g = net.to_networkx()
    for w in weights:
        np.testing.assert_allclose(
            betweenness_centrality(net, weight=w),
            as_array(net, nx.betweenness_centrality(g, weight=w)), rtol=1e-9, atol=1e-12,
        )


# ------------------------------------------------------------------ sampled
EPSILON = 0.05


@pytest.fixture(scope="module")
def medium_graphs():
    out = {}
    for directed in (False, True):
        g = nx.gnp_random_graph(300, 0.012 if not directed else 0.02, seed=7, directed=directed)
        edges = np.array(list(g.edges()), dtype=np.int64)
        ties = pd.DataFrame({"source": edges[:, 0], "target": edges[:, 1]})
        net = Network.from_frames(pd.DataFrame({"id": range(300)}), ties, directed=directed)
        out[directed] = (net, betweenness_centrality(net))
    return out


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("seed", range(5))
def test_approximate_within_epsilon(medium_graphs, directed, seed):
    net, exact = medium_graphs[directed]
    est = approximate_betweenness(net, epsilon=EPSILON, delta=0.1, rng=seed)
    err = np.abs(est - exact).max()
    assert err <= EPSILON, f"max error {err:.4f} > epsilon"
    # the estimate is informative, not trivially zero
    assert np.corrcoef(est, exact)[0, 1] > 0.9


def test_approximate_is_unbiased_on_barbell():
    net = barbell(4)
    exact = betweenness_centrality(net)
    est = approximate_betweenness(net, epsilon=0.02, rng=3)
    np.testing.assert_allclose(est, exact, atol=0.02)


def test_approximate_deterministic_for_seed():
    net = toy_network()
    a = approximate_betweenness(net, epsilon=0.1, rng=11)
    b = approximate_betweenness(net, epsilon=0.1, rng=np.random.default_rng(11))
    np.testing.assert_array_equal(a, b)
    c = approximate_betweenness(net, epsilon=0.1, rng=12)
    assert not np.array_equal(a, c)


def test_approximate_degenerate_cases():
    assert approximate_betweenness(star(3), rng=0).tolist() == [0.0] * 4  # no inner actor
    two = Network.from_edges([("a", "b")])
    assert approximate_betweenness(two, rng=0).tolist() == [0.0, 0.0]


# ------------------------------------------------------------------ properties
@st.composite
def small_networks(draw):
    n = draw(st.integers(3, 12))
    directed = draw(st.booleans())
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)),
                          max_size=3 * n))
    pairs = [(a, b) for a, b in pairs if a != b]
    lengths = draw(st.lists(st.integers(1, 3), min_size=len(pairs), max_size=len(pairs)))
    perm = draw(st.permutations(list(range(n))))
    return n, directed, pairs, lengths, perm


def _build(n, directed, pairs, lengths, order):
    actors = pd.DataFrame({"id": [f"a{i}" for i in order]})
    ties = pd.DataFrame({
        "source": [f"a{a}" for a, _ in pairs],
        "target": [f"a{b}" for _, b in pairs],
        "length": [float(x) for x in lengths],
    }, columns=["source", "target", "length"])
    return Network.from_frames(actors, ties, directed=directed, duplicates="max")


@settings(max_examples=25, deadline=None)
@given(small_networks())
def test_relabelling_permutes_results(case):
    n, directed, pairs, lengths, perm = case
    a = _build(n, directed, pairs, lengths, list(range(n)))
    b = _build(n, directed, pairs, lengths, perm)
    pos = b.index_of(list(a.actor_ids))
    for w in (None, "length"):
        np.testing.assert_allclose(betweenness_centrality(b, weight=w)[pos],
                                   betweenness_centrality(a, weight=w), rtol=1e-9, atol=1e-12)


@settings(max_examples=25, deadline=None)
@given(small_networks())
def test_isolated_actor_changes_nothing_unnormalized(case):
    n, directed, pairs, lengths, _ = case
    a = _build(n, directed, pairs, lengths, list(range(n)))
    b = _build(n + 1, directed, pairs, lengths, list(range(n + 1)))
    for w in (None, "length"):
        vb = betweenness_centrality(b, weight=w, normalized=False)
        np.testing.assert_allclose(vb[:n], betweenness_centrality(a, weight=w, normalized=False),
                                   rtol=1e-9, atol=1e-12)
        assert vb[n] == 0.0


@settings(max_examples=10, deadline=None)
@given(small_networks(), st.integers(0, 2**32 - 1))
def test_approximate_deterministic_property(case, seed):
    n, directed, pairs, lengths, _ = case
    net = _build(n, directed, pairs, lengths, list(range(n)))
    a = approximate_betweenness(net, epsilon=0.2, rng=seed)
    np.testing.assert_array_equal(a, approximate_betweenness(net, epsilon=0.2, rng=seed))
    assert a.shape == (n,)
    assert a.dtype == np.float64
    assert (a >= 0).all()


def test_inputs_not_mutated():
    net = toy_network()
    before = net.strength.copy()
    betweenness_centrality(net, weight="strength")
    approximate_betweenness(net, rng=0)
    assert (net.strength != before).nnz == 0


# ------------------------------------------------------------------ bad parameters
@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda n: betweenness_centrality(n, weight="nope"), InvalidParameterError, "weight"),
        (lambda n: betweenness_centrality(n, weight=1), InfnetTypeError, "weight"),
        (lambda n: betweenness_centrality(n, normalized="yes"), InfnetTypeError, "normalized"),
        (lambda n: betweenness_centrality(n, endpoints=1), InfnetTypeError, "endpoints"),
        (lambda n: betweenness_centrality(None), InfnetTypeError, "network"),
        (lambda n: approximate_betweenness(n, epsilon=0.0), InvalidParameterError, "epsilon"),
        (lambda n: approximate_betweenness(n, epsilon=1.5), InvalidParameterError, "epsilon"),
        (lambda n: approximate_betweenness(n, delta=1.0), InvalidParameterError, "delta"),
        (lambda n: approximate_betweenness(n, rng=np.random.RandomState(0)), InfnetTypeError,
         "rng"),
    ],
)
def test_bad_parameters(call, error, name):
    with pytest.raises(error, match=f"`{name}`"):
        call(toy_network())
