from __future__ import annotations

import itertools
import math

import networkx as nx
import numpy as np
import pytest
from conftest import load_shared
from hypothesis import given, settings
from hypothesis import strategies as st
from oracle_graphs import gnm_network

from infnet import Network
from infnet.algorithms.paths import WarmPaths, warm_paths
from infnet.exceptions import InfnetTypeError, InvalidParameterError
from infnet.synthetic import barbell, star


def brute_force(network: Network, internal: np.ndarray, max_ties: int) -> np.ndarray:
    """Best product over all simple paths of <= max_ties ties from an internal actor."""
    m = network.strength.tocoo()
    g = nx.DiGraph() if network.directed else nx.Graph()
    g.add_nodes_from(range(network.n_actors))
    g.add_weighted_edges_from(
        zip(m.row.tolist(), m.col.tolist(), m.data.tolist(), strict=True), weight="strength"
    )
    best = np.where(internal, 1.0, 0.0)
    for i in np.flatnonzero(internal):
        for v in range(network.n_actors):
            if v == i:
                continue
            for path in nx.all_simple_paths(g, int(i), v, cutoff=max_ties):
                prod = math.prod(g[a][b]["strength"] for a, b in itertools.pairwise(path))
                best[v] = max(best[v], prod)
    return best


def path_product(network: Network, path: list[int]) -> float:
    m = network.strength
    return math.prod(float(m[a, b]) for a, b in itertools.pairwise(path))


def check_consistent(network: Network, wp: WarmPaths, internal: np.ndarray) -> None:
    for v in range(network.n_actors):
        path = wp.path(v)
        if wp.introducer[v] < 0:
            assert path == []
            assert wp.strength[v] == 0.0
            assert wp.n_ties[v] == -1
            continue
        assert path[0] == wp.introducer[v]
        assert path[-1] == v
        assert internal[path[0]]
        assert not internal[path[1:]].any()
        assert len(path) == wp.n_ties[v] + 1 <= wp.max_ties + 1
        assert len(set(path)) == len(path)
        assert path_product(network, path) == pytest.approx(wp.strength[v], rel=1e-12)


# ---------------------------------------------------------------------------- hand cases
def test_toy_by_hand(toy):
    wp = warm_paths(toy)
    ids = toy.actor_ids
    pos = dict(zip(ids, range(toy.n_actors), strict=True))
    # internal actors introduce themselves
    for a in ["ana", "ben", "cara", "dev"]:
        i = pos[a]
        assert wp.introducer[i] == i
        assert wp.strength[i] == 1.0
        assert wp.n_ties[i] == 0
        assert wp.path(i) == [i]
    expected = {
        "eva": (["cara", "eva"], 0.4),
        "finn": (["cara", "eva", "finn"], 0.4 * 0.9),
        # cara-eva-finn-gil (0.216) beats cara-eva-gil (0.2)
        "gil": (["cara", "eva", "finn", "gil"], 0.4 * 0.9 * 0.6),
        # within 3 ties hana is only reached through cara-eva-gil
        "hana": (["cara", "eva", "gil", "hana"], 0.4 * 0.5 * 0.2),
        "ivo": (["cara", "eva", "gil", "ivo"], 0.4 * 0.5 * 0.3),
    }
    for actor, (path, value) in expected.items():
        i = pos[actor]
        assert ids[wp.path(i)].tolist() == path
        assert wp.strength[i] == pytest.approx(value)
        assert wp.n_ties[i] == len(path) - 1
        assert ids[wp.introducer[i]] == "cara"
    assert wp.introducer[pos["jo"]] == -1
    assert wp.strength[pos["jo"]] == 0.0
    assert wp.n_ties[pos["jo"]] == -1
    assert wp.path(pos["jo"]) == []


def test_toy_longer_paths(toy):
    pos = dict(zip(toy.actor_ids, range(toy.n_actors), strict=True))
    # with 4 ties hana is better reached via finn-gil or gil-ivo: max(0.216*0.2, 0.06*0.8)
    wp = warm_paths(toy, max_ties=4)
    assert wp.strength[pos["hana"]] == pytest.approx(max(0.4 * 0.9 * 0.6 * 0.2, 0.4 * 0.5 * 0.3 * 0.8))
    # with 5 ties: cara-eva-finn-gil-ivo-hana
    wp = warm_paths(toy, max_ties=5)
    assert wp.strength[pos["hana"]] == pytest.approx(0.4 * 0.9 * 0.6 * 0.3 * 0.8)
    assert toy.actor_ids[wp.path(pos["hana"])].tolist() == ["cara", "eva", "finn", "gil", "ivo", "hana"]
    one = warm_paths(toy, max_ties=1)
    assert one.strength[pos["eva"]] == pytest.approx(0.4)
    assert one.introducer[pos["finn"]] == -1


def test_directed_follows_influence():
    # internal x -> e and e <- y: only x can introduce e; against the direction, no path
    net = Network.from_edges([("x", "e", 0.5), ("e", "y", 0.9), ("f", "x", 0.8)], directed=True)
    internal = np.isin(net.actor_ids, ["x"])
    wp = warm_paths(net, internal=internal)
    pos = dict(zip(net.actor_ids, range(net.n_actors), strict=True))
    assert wp.path(pos["y"]) == [pos["x"], pos["e"], pos["y"]]
    assert wp.strength[pos["y"]] == pytest.approx(0.45)
    assert wp.introducer[pos["f"]] == -1  # f -> x points the wrong way


def test_star_and_barbell(star_net, barbell_net):
    wp = warm_paths(star_net)  # hub 0 is internal, ties point out of it
    assert wp.introducer.tolist() == [0] * 6
    assert wp.n_ties.tolist() == [0, 1, 1, 1, 1, 1]
    bar = warm_paths(barbell_net)
    # internal clique 0..3, bridge 3 - 4 (0.2), then clique ties of 1
    np.testing.assert_allclose(bar.strength, [1, 1, 1, 1, 0.2, 0.2, 0.2, 0.2])
    assert bar.introducer.tolist() == [0, 1, 2, 3, 3, 3, 3, 3]
    assert bar.n_ties.tolist() == [0, 0, 0, 0, 1, 2, 2, 2]


def test_tie_break_prefers_shorter_then_smaller_introducer():
    # two internal actors 0 and 1 both reach 3 with product 0.5; 2 ties vs 1 tie
    edges = [(0, 2, 1.0), (2, 3, 0.5), (1, 3, 0.5), (4, 3, 1.0)]
    net = Network.from_edges(edges, directed=True)
    pos = dict(zip(net.actor_ids, range(net.n_actors), strict=True))
    internal = np.isin(net.actor_ids, [0, 1])
    wp = warm_paths(net, internal=internal)
    assert wp.introducer[pos[3]] == pos[1]
    assert wp.n_ties[pos[3]] == 1
    # equal length and product: smaller introducer position
    net2 = Network.from_edges([(5, 9, 0.5), (6, 9, 0.5)], directed=True)
    wp2 = warm_paths(net2, internal=np.array([True, False, True]))
    assert wp2.introducer[1] == 0


def test_no_internal_actor():
    net = barbell(3)
    wp = warm_paths(net, internal=np.zeros(6, dtype=bool))
    assert (wp.introducer == -1).all()
    assert (wp.strength == 0).all()
    assert (wp.n_ties == -1).all()


# ---------------------------------------------------------------------------- brute force
@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("max_ties", [1, 2, 3])
def test_matches_brute_force(directed, seed, max_ties):
    net = gnm_network(14, 40, directed=directed, seed=seed, repeated_strengths=True, str_ids=False)
    internal = np.random.default_rng(seed).random(net.n_actors) < 0.25
    wp = warm_paths(net, internal=internal, max_ties=max_ties)
    np.testing.assert_allclose(wp.strength, brute_force(net, internal, max_ties), rtol=1e-12)
    check_consistent(net, wp, internal)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), directed=st.booleans(), max_ties=st.integers(1, 4))
def test_brute_force_property(seed, directed, max_ties):
    net = gnm_network(10, 22, directed=directed, seed=seed, repeated_strengths=True, str_ids=False)
    internal = np.random.default_rng(seed).random(net.n_actors) < 0.3
    wp = warm_paths(net, internal=internal, max_ties=max_ties)
    np.testing.assert_allclose(wp.strength, brute_force(net, internal, max_ties), rtol=1e-12)
    check_consistent(net, wp, internal)


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000), directed=st.booleans())
def test_relabelling_permutes_results(seed, directed):
    net = gnm_network(15, 40, directed=directed, seed=seed, n_isolated=2, repeated_strengths=True, str_ids=False)
    n = net.n_actors
    rng = np.random.default_rng(seed)
    internal = rng.random(n) < 0.3
    perm = rng.permutation(n)
    m = net.strength
    permuted = Network.from_csr(m[perm][:, perm], net.actor_ids[perm], directed=directed)
    a = warm_paths(net, internal=internal)
    b = warm_paths(permuted, internal=internal[perm])
    np.testing.assert_allclose(b.strength, a.strength[perm], rtol=1e-12)
    np.testing.assert_array_equal(b.n_ties >= 0, a.n_ties[perm] >= 0)


def test_isolated_actor_changes_nothing():
    net = gnm_network(15, 40, directed=True, seed=3, n_isolated=0, repeated_strengths=True, str_ids=False)
    bigger = gnm_network(15, 40, directed=True, seed=3, n_isolated=1, repeated_strengths=True, str_ids=False)
    internal = np.random.default_rng(0).random(15) < 0.3
    a = warm_paths(net, internal=internal)
    b = warm_paths(bigger, internal=np.r_[internal, False])
    np.testing.assert_array_equal(a.strength, b.strength[:-1])
    np.testing.assert_array_equal(a.introducer, b.introducer[:-1])
    assert b.introducer[-1] == -1


def test_kind_column_default_and_inputs_not_mutated(toy):
    internal = toy.attribute("kind") == "internal"
    before = internal.copy()
    a = warm_paths(toy)
    b = warm_paths(toy, internal=internal)
    np.testing.assert_array_equal(a.strength, b.strength)
    np.testing.assert_array_equal(internal, before)


@pytest.mark.data
@pytest.mark.parametrize(
    ("name", "relation"), [("krackhardt_managers", "advice"), ("lazega_lawyers", "friendship")]
)
def test_real_network_consistency(name, relation):
    net = load_shared(name, relation=relation)
    internal = np.zeros(net.n_actors, dtype=bool)
    internal[:3] = True
    wp = warm_paths(net, internal=internal)
    np.testing.assert_allclose(wp.strength, brute_force(net, internal, 3), rtol=1e-12)
    check_consistent(net, wp, internal)


# ---------------------------------------------------------------------------- validation
def test_validation(toy):
    with pytest.raises(InvalidParameterError, match="max_ties"):
        warm_paths(toy, max_ties=0)
    with pytest.raises(InfnetTypeError, match="max_ties"):
        warm_paths(toy, max_ties=2.0)
    with pytest.raises(InvalidParameterError, match="shape"):
        warm_paths(toy, internal=np.ones(3, dtype=bool))
    with pytest.raises(InfnetTypeError, match="boolean mask"):
        warm_paths(toy, internal=np.array([0, 1]))
    plain = Network.from_edges([("a", "b", 0.5)])
    with pytest.raises(InvalidParameterError, match="focal_organisation"):
        warm_paths(plain)
    wp = warm_paths(toy)
    with pytest.raises(InvalidParameterError, match=r"WarmPaths\.path"):
        wp.path(10)


def test_star_default_strength():
    wp = warm_paths(star(3, strength=0.7))
    np.testing.assert_allclose(wp.strength, [1.0, 0.7, 0.7, 0.7])


# ------------------------------------------------------------------- colleague warmth
def brute_force_colleagues(network: Network, internal: np.ndarray, max_ties: int) -> np.ndarray:
    """Best product over simple paths of <= max_ties ties from an internal actor != v."""
    m = network.strength.tocoo()
    g = nx.DiGraph() if network.directed else nx.Graph()
    g.add_nodes_from(range(network.n_actors))
    g.add_weighted_edges_from(
        zip(m.row.tolist(), m.col.tolist(), m.data.tolist(), strict=True), weight="strength"
    )
    best = np.zeros(network.n_actors)
    for i in np.flatnonzero(internal):
        for v in range(network.n_actors):
            if v == i:
                continue
            for path in nx.all_simple_paths(g, int(i), v, cutoff=max_ties):
                prod = math.prod(g[a][b]["strength"] for a, b in itertools.pairwise(path))
                best[v] = max(best[v], prod)
    return best


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), directed=st.booleans(), max_ties=st.integers(1, 4),
       p=st.floats(0.1, 0.8))
def test_colleague_warmth_matches_brute_force(seed, directed, max_ties, p):
    from infnet.algorithms.paths import colleague_warmth

    net = gnm_network(10, 24, directed=directed, seed=seed, repeated_strengths=True, str_ids=False)
    internal = np.random.default_rng(seed).random(net.n_actors) < p
    got = colleague_warmth(net, internal=internal, max_ties=max_ties)
    np.testing.assert_allclose(got, brute_force_colleagues(net, internal, max_ties), rtol=1e-12)
    # for external actors it is the warm path's strength
    wp = warm_paths(net, internal=internal, max_ties=max_ties)
    np.testing.assert_allclose(got[~internal], wp.strength[~internal], rtol=1e-12)
