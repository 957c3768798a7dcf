from __future__ import annotations

import itertools
import random

import igraph
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import load_shared
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from networkx.algorithms import structuralholes

from infnet import Network
from infnet.algorithms import bridging
from infnet.algorithms.bridging import (
    BROKERAGE_ROLES,
    TieSet,
    brokerage_roles,
    communities,
    constraint,
    effective_size,
    local_bridges,
    n_local_bridges,
    overlap,
    participation_coefficient,
)
from infnet.exceptions import InfnetTypeError, InvalidParameterError
from infnet.synthetic import barbell, star, toy_network

RTOL = 1e-9


# --------------------------------------------------------------------------- helpers
def attributed_network(
    seed: int,
    *,
    n: int = 30,
    p: float = 0.12,
    directed: bool = True,
    n_isolated: int = 2,
    groups: int = 3,
) -> Network:
    """Random ties with a strength and an integer tie attribute, plus isolated actors."""
    rng = np.random.default_rng(seed)
    pairs = [(i, j) for i in range(n) for j in range(n) if i != j and (directed or i < j)]
    keep = rng.random(len(pairs)) < p
    rows = [pr for pr, k in zip(pairs, keep, strict=True) if k]
    ties = pd.DataFrame(rows, columns=["source", "target"])
    ties["strength"] = rng.uniform(0.05, 1.0, len(ties)).round(3)
    ties["count"] = rng.integers(1, 9, len(ties))
    ids = [f"a{i:03d}" for i in range(n + n_isolated)]
    ties["source"] = [ids[i] for i in ties["source"]]
    ties["target"] = [ids[i] for i in ties["target"]]
    actors = pd.DataFrame(
        {
            "id": ids,
            "segment": rng.integers(0, groups, n + n_isolated).astype(str),
            "organisation": rng.choice(["A", "B", "C", "D"], n + n_isolated),
        }
    )
    return Network.from_frames(actors, ties, directed=directed)


def nx_effective_size(g, weight):
    """networkx's per-node effective size, which follows its documented definition.

    Its nodes=None fast path divides m_vw by the max of w instead of v (see the Notes of
    effective_size). Its per-node path tests isolation on successors only, so for a
    directed actor with only in-ties it returns NaN; there we evaluate networkx's own
    redundancy formula over all neighbours, as its docstring defines it.
    """
    nmw = structuralholes.normalized_mutual_weight
    out = nx.effective_size(g, nodes=list(g), weight=weight)
    for v in g:
        nbrs = set(nx.all_neighbors(g, v)) - {v}
        if np.isnan(out[v]) and nbrs:
            out[v] = sum(
                1 - sum(nmw(g, v, w, weight=weight) * nmw(g, u, w, norm=max, weight=weight)
                        for w in set(nx.all_neighbors(g, v)))
                for u in nbrs
            )
    return out


def nx_values(net: Network, fn, weight):
    g = net.to_networkx()
    d = nx_effective_size(g, weight) if fn is nx.effective_size else fn(g, weight=weight)
    return np.array([d[a] for a in net.actor_ids], dtype=float)


def permuted(net: Network, perm: np.ndarray) -> Network:
    """Same ties, actors in the order perm (new position k holds old actor perm[k])."""
    actors, ties = net.to_frames()
    return Network.from_frames(actors.iloc[perm], ties, directed=net.directed)


def with_isolated(net: Network) -> Network:
    actors, ties = net.to_frames()
    extra = pd.DataFrame({"id": ["zz_new"]})
    return Network.from_frames(pd.concat([actors, extra], ignore_index=True), ties,
                               directed=net.directed)


# --------------------------------------------------------------------------- Burt
CASES = [(seed, directed) for seed in range(4) for directed in (True, False)]


@pytest.mark.parametrize(("seed", "directed"), CASES)
@pytest.mark.parametrize("weight", [None, "strength", "count"])
def test_constraint_matches_networkx(seed, directed, weight):
    net = attributed_network(seed, directed=directed)
    expected = nx_values(net, nx.constraint, weight)
    got = constraint(net, weight=weight)
    assert got.dtype == np.float64
    assert got.shape == (net.n_actors,)
    np.testing.assert_array_equal(np.isnan(got), np.isnan(expected))
    assert np.isnan(got[-2:]).all()  # the two isolated actors
    np.testing.assert_allclose(got, expected, rtol=RTOL)


@pytest.mark.parametrize(("seed", "directed"), CASES)
@pytest.mark.parametrize("weight", [None, "strength", "count"])
def test_effective_size_matches_networkx(seed, directed, weight):
    net = attributed_network(seed, directed=directed)
    expected = nx_values(net, nx.effective_size, weight)
    got = effective_size(net, weight=weight)
    np.testing.assert_array_equal(np.isnan(got), np.isnan(expected))
    np.testing.assert_allclose(got, expected, rtol=RTOL)


def test_effective_size_borgatti_shortcut_undirected_unweighted():
    # networkx's per-node path uses Borgatti's n - 2t/n for undirected unweighted graphs.
    net = attributed_network(7, directed=False, p=0.25)
    g = net.to_networkx()
    got = effective_size(net)
    for nodes in (list(g), None):  # both networkx paths agree here
        expected = nx.effective_size(g, nodes=nodes, weight=None)
        np.testing.assert_allclose(got, [expected[a] for a in net.actor_ids], rtol=RTOL)


def test_effective_size_weighted_hand_value():
    # Triangle u-v-w plus pendant x on u; weights u-v 2, u-w 1, v-w 1, u-x 1.
    # e(u) = sum_v (1 - sum_w p_uw m_vw) with p_u. = (2, 1, 1)/4, m_vw = a_vw / max_v.
    # v: 1 - p_uw * m_vw = 1 - 0.25 * (1/2); w: 1 - p_uv * m_wv = 1 - 0.5 * (1/1); x: 1
    net = Network.from_frames(None, pd.DataFrame(
        {"source": ["u", "u", "v", "u"], "target": ["v", "w", "w", "x"],
         "n": [2.0, 1.0, 1.0, 1.0]}), directed=False)
    got = effective_size(net, weight="n")
    assert got[0] == pytest.approx((1 - 0.25 * 0.5) + (1 - 0.5) + 1.0, rel=1e-12)


@pytest.mark.data
@pytest.mark.parametrize(
    ("name", "relation", "weight"),
    [
        ("lazega_lawyers", "advice", None),
        ("lazega_lawyers", "friendship", None),
        ("krackhardt_managers", "advice", None),
        ("krackhardt_managers", "friendship", None),
        ("uk_faculty", None, "weight"),
    ],
)
def test_burt_real_networks(name, relation, weight):
    net = load_shared(name, relation=relation)
    for fn in (nx.constraint, nx.effective_size):
        ours = constraint if fn is nx.constraint else effective_size
        expected = nx_values(net, fn, weight)
        got = ours(net, weight=weight)
        np.testing.assert_array_equal(np.isnan(got), np.isnan(expected))
        np.testing.assert_allclose(got, expected, rtol=RTOL)


def test_burt_parallel_path_equals_serial(monkeypatch):
    net = attributed_network(3, n=300, p=0.05, directed=True)
    monkeypatch.setattr(bridging, "_PARALLEL_MIN_NNZ", 0)
    for f in (constraint, effective_size):
        np.testing.assert_array_equal(f(net, n_jobs=1), f(net, n_jobs=2))


def test_burt_hand_values():
    # Star centre with 5 unconnected contacts: constraint 5 * (1/5)^2, effective size 5.
    net = star(5)
    c, e = constraint(net), effective_size(net)
    assert c[0] == pytest.approx(0.2)
    assert e[0] == pytest.approx(5.0)
    np.testing.assert_allclose(c[1:], 1.0)
    np.testing.assert_allclose(e[1:], 1.0)


def test_burt_single_actor_network():
    net = Network.from_frames(pd.DataFrame({"id": ["x"]}), pd.DataFrame(
        {"source": pd.Series([], dtype=object), "target": pd.Series([], dtype=object)}))
    assert np.isnan(constraint(net)).all()
    assert np.isnan(effective_size(net)).all()


@pytest.mark.parametrize("fn", [constraint, effective_size, local_bridges])
def test_unknown_weight_raises(fn, toy):
    with pytest.raises(InvalidParameterError, match="strenght"):
        fn(toy, weight="strenght")
    with pytest.raises(InfnetTypeError):
        fn(toy, weight=3)


# --------------------------------------------------------------------------- local bridges
def nx_local_bridges(net: Network, weight=None) -> dict[tuple[int, int], float]:
    pos = {a: i for i, a in enumerate(net.actor_ids)}
    g = net.to_networkx()
    if net.directed:
        und = nx.Graph()
        und.add_nodes_from(g)
        for u, v, d in g.edges(data=True):
            val = d.get(weight, 1) if weight else 1
            if und.has_edge(u, v):
                val = min(val, und[u][v]["w"])
            und.add_edge(u, v, w=val)
        g, weight = und, ("w" if weight else None)
    out = {}
    for u, v, span in nx.local_bridges(g, with_span=True, weight=weight):
        i, j = sorted((pos[u], pos[v]))
        out[i, j] = float(span)
    return out


@pytest.mark.parametrize(("seed", "directed"), CASES)
@pytest.mark.parametrize("weight", [None, "strength"])
def test_local_bridges_match_networkx(seed, directed, weight):
    net = attributed_network(seed, n=40, p=0.06, directed=directed)
    expected = nx_local_bridges(net, weight)
    got = local_bridges(net, weight=weight)
    assert isinstance(got, TieSet)
    assert got.source.dtype == np.int64
    assert got.span.dtype == np.float64
    assert (got.source < got.target).all()
    pairs = list(zip(got.source.tolist(), got.target.tolist(), strict=True))
    assert pairs == sorted(pairs)
    assert set(pairs) == set(expected)
    assert len(got) == len(expected)
    np.testing.assert_allclose(got.span, [expected[p] for p in pairs], rtol=RTOL)


def test_local_bridges_span_finite_and_infinite():
    # A 6-cycle: every tie is a local bridge of span 5; toy: cara-eva disconnects (inf).
    net = Network.from_edges([(i, (i + 1) % 6) for i in range(6)], directed=False)
    lb = local_bridges(net)
    assert len(lb) == 6
    np.testing.assert_array_equal(lb.span, 5.0)
    toy_lb = local_bridges(toy_network())
    assert np.isinf(toy_lb.span).all()


@pytest.mark.data
@pytest.mark.parametrize(
    ("name", "relation", "weight"),
    [("lazega_lawyers", "friendship", None), ("krackhardt_managers", "friendship", None),
     ("uk_faculty", None, "weight")],
)
def test_local_bridges_real_networks(name, relation, weight):
    net = load_shared(name, relation=relation)
    expected = nx_local_bridges(net, weight)
    got = local_bridges(net, weight=weight)
    pairs = list(zip(got.source.tolist(), got.target.tolist(), strict=True))
    assert set(pairs) == set(expected)
    np.testing.assert_allclose(got.span, [expected[p] for p in pairs], rtol=RTOL)


@pytest.mark.parametrize("directed", [True, False])
def test_n_local_bridges_counts_incident_bridges(directed):
    net = attributed_network(11, n=40, p=0.06, directed=directed)
    lb = local_bridges(net)
    expected = np.bincount(np.concatenate([lb.source, lb.target]), minlength=net.n_actors)
    got = n_local_bridges(net)
    assert got.dtype == np.float64
    np.testing.assert_array_equal(got, expected)


def test_n_local_bridges_toy(toy):
    got = toy.to_series(n_local_bridges(toy))
    assert got[["cara", "eva"]].tolist() == [1.0, 1.0]
    assert got.sum() == 2.0


# --------------------------------------------------------------------------- overlap
@pytest.mark.parametrize(("seed", "directed"), CASES)
def test_overlap_brute_force(seed, directed):
    net = attributed_network(seed, directed=directed, p=0.2)
    dense = net.strength.toarray() > 0
    und = dense | dense.T
    nbrs = [set(np.flatnonzero(und[i])) for i in range(net.n_actors)]
    s = net.strength
    expected = []
    for i in range(net.n_actors):
        for j in s.indices[s.indptr[i]:s.indptr[i + 1]]:
            shared = len(nbrs[i] & nbrs[j])
            union = len((nbrs[i] | nbrs[j]) - {i, j})
            expected.append(shared / union if union else 0.0)
    got = overlap(net)
    assert got.shape == s.data.shape
    np.testing.assert_allclose(got, expected, rtol=RTOL)


def test_overlap_isolated_pair_is_zero():
    net = Network.from_edges([("a", "b")], directed=False)  # 0/0 -> 0
    np.testing.assert_array_equal(overlap(net), [0.0, 0.0])


# --------------------------------------------------------------------------- participation
def brute_participation(net, codes, weight, direction):
    w = net.matrix(weight).toarray()
    if net.directed and direction == "in":
        w = w.T
    elif net.directed and direction == "all":
        w = w + w.T
    codes = np.where(codes < 0, codes.max() + 1, codes)
    out = np.zeros(net.n_actors)
    for i in range(net.n_actors):
        k = w[i].sum()
        if k == 0:
            continue
        out[i] = 1 - sum((w[i, codes == g].sum() / k) ** 2 for g in np.unique(codes))
    return out


@pytest.mark.parametrize(("seed", "directed"), CASES)
@pytest.mark.parametrize("weight", [None, "strength"])
@pytest.mark.parametrize("direction", ["all", "out", "in"])
def test_participation_brute_force(seed, directed, weight, direction):
    net = attributed_network(seed, directed=directed, p=0.15)
    codes, _ = net.codes("segment")
    got = participation_coefficient(net, "segment", weight=weight, direction=direction)
    np.testing.assert_allclose(got, brute_participation(net, codes, weight, direction),
                               rtol=RTOL, atol=1e-15)
    assert got[-2:].tolist() == [0.0, 0.0]  # isolated actors


def test_participation_barbell_hand_values(barbell_net):
    got = participation_coefficient(barbell_net, "segment")
    # bridge ends: 3 ties in own segment, 1 across -> 1 - (3/4)^2 - (1/4)^2 = 0.375
    np.testing.assert_allclose(got, [0, 0, 0, 0.375, 0.375, 0, 0, 0])
    weighted = participation_coefficient(barbell_net, "segment", weight="strength")
    # 3 strong ties (1.0) and the bridge 0.2: 1 - (3/3.2)^2 - (0.2/3.2)^2
    assert weighted[3] == pytest.approx(1 - (3 / 3.2) ** 2 - (0.2 / 3.2) ** 2)


def test_participation_missing_group_is_one_extra_group():
    net = barbell(3)
    codes = np.array([0, 0, -1, -1, 1, 1])
    got = participation_coefficient(net, codes)
    # actor 2: neighbours 0 (g0), 1 (g0), 3 (missing) -> 1 - (2/3)^2 - (1/3)^2
    assert got[2] == pytest.approx(1 - (2 / 3) ** 2 - (1 / 3) ** 2)
    # actor 3: neighbours 2 (missing), 4, 5 (g1): same split
    assert got[3] == pytest.approx(got[2])
    # codes are equivalent up to relabelling (no compaction effect)
    np.testing.assert_array_equal(participation_coefficient(net, codes * 7 + (codes < 0) * 6), got)


def test_participation_directed_star_directions(star_net):
    codes = np.array([0, 1, 1, 2, 2, 2])
    out = participation_coefficient(star_net, codes, direction="out")
    assert out[0] == pytest.approx(1 - (2 / 5) ** 2 - (3 / 5) ** 2)
    assert out[1:].tolist() == [0.0] * 5  # no out-ties
    inn = participation_coefficient(star_net, codes, direction="in")
    assert inn.tolist() == [0.0] * 6  # leaves have one in-tie each; hub has none


@pytest.mark.parametrize(
    ("groups", "error"),
    [(np.zeros(3, dtype=np.int64), InvalidParameterError),
     (np.full(8, -2), InvalidParameterError),
     (np.zeros(8), InfnetTypeError),
     ("segmnt", InvalidParameterError)],
)
def test_group_validation(barbell_net, groups, error):
    with pytest.raises(error):
        participation_coefficient(barbell_net, groups)
    with pytest.raises(error):
        brokerage_roles(barbell_net, groups)


def test_participation_bad_direction(barbell_net):
    with pytest.raises(InvalidParameterError, match="direction"):
        participation_coefficient(barbell_net, "segment", direction="both")


# --------------------------------------------------------------------------- brokerage
@pytest.mark.parametrize(
    ("codes", "role"),
    [
        ([0, 0, 0], "coordinator"),
        ([0, 1, 0], "itinerant"),
        ([0, 1, 1], "gatekeeper"),
        ([0, 0, 1], "representative"),
        ([0, 1, 2], "liaison"),
    ],
)
def test_brokerage_chain_each_role(codes, role):
    net = Network.from_edges([("a", "b"), ("b", "c")], directed=True)
    got = brokerage_roles(net, np.array(codes))
    expected = np.zeros((3, 5))
    expected[1, BROKERAGE_ROLES.index(role)] = 1.0
    np.testing.assert_array_equal(got, expected)


def test_brokerage_closed_triad_and_undirected():
    closed = Network.from_edges([("a", "b"), ("b", "c"), ("a", "c")], directed=True)
    assert brokerage_roles(closed, np.array([0, 1, 2])).sum() == 0.0
    und = Network.from_edges([("a", "b"), ("b", "c")], directed=False)
    got = brokerage_roles(und, np.array([0, 0, 1]))
    # a - b - c both ways: a->b->c representative, c->b->a gatekeeper
    np.testing.assert_array_equal(got[1], [0, 0, 1, 1, 0])
    assert got[[0, 2]].sum() == 0


def brute_brokerage(net, codes):
    adj = net.strength.toarray() > 0
    n = net.n_actors
    counts = np.zeros((n, 5))
    for a, b, c in itertools.permutations(range(n), 3):
        if not (adj[a, b] and adj[b, c]) or adj[a, c]:
            continue
        ga, gb, gc = codes[a], codes[b], codes[c]
        if min(ga, gb, gc) < 0:
            continue
        if ga == gb == gc:
            k = 0
        elif ga == gc:
            k = 1
        elif gb == gc:
            k = 2
        elif ga == gb:
            k = 3
        else:
            k = 4
        counts[b, k] += 1
    return counts


@pytest.mark.parametrize(("seed", "directed"), CASES)
def test_brokerage_brute_force(seed, directed):
    net = attributed_network(seed, n=20, p=0.2, directed=directed)
    codes, _ = net.codes("organisation")
    got = brokerage_roles(net, "organisation")
    expected = brute_brokerage(net, codes)
    np.testing.assert_array_equal(got, expected)
    # the five counts summed over all actors = number of qualifying two-paths
    adj = net.strength.toarray() > 0
    n_paths = sum(
        1 for a, b, c in itertools.permutations(range(net.n_actors), 3)
        if adj[a, b] and adj[b, c] and not adj[a, c]
    )
    assert got.sum() == n_paths


def test_brokerage_missing_groups_skipped():
    net = attributed_network(5, n=20, p=0.2)
    codes, _ = net.codes("organisation")
    codes = codes.copy()
    codes[::4] = -1
    got = brokerage_roles(net, codes)
    np.testing.assert_array_equal(got, brute_brokerage(net, codes))


def test_brokerage_normalized_matches_enumerated_expectation():
    net = attributed_network(2, n=16, p=0.25)
    codes, _ = net.codes("organisation")
    counts = brokerage_roles(net, codes)
    got = brokerage_roles(net, codes, normalized=True)
    n = net.n_actors
    for b in range(n):
        probs = np.zeros(5)
        others = [x for x in range(n) if x != b]
        for a, c in itertools.permutations(others, 2):
            ga, gb, gc = codes[a], codes[b], codes[c]
            k = (0 if ga == gb == gc else 1 if ga == gc else 2 if gb == gc
                 else 3 if ga == gb else 4)
            probs[k] += 1
        probs /= (n - 1) * (n - 2)
        expected = counts[b].sum() * probs
        ratio = np.divide(counts[b], expected, out=np.zeros(5), where=expected > 0)
        np.testing.assert_allclose(got[b], ratio, rtol=RTOL)


def test_brokerage_toy_by_kind(toy):
    roles = pd.DataFrame(brokerage_roles(toy, "kind"), index=toy.actor_ids,
                         columns=list(BROKERAGE_ROLES))
    # cara (internal) bridges Acme to eva (external): ana, ben, dev -> cara -> eva
    assert roles.loc["cara", "representative"] == 3.0
    assert roles.loc["cara", "gatekeeper"] == 3.0
    assert roles.loc["eva", "representative"] == 2.0  # finn, gil -> eva -> cara
    assert roles.loc["jo"].sum() == 0.0


def test_brokerage_normalized_type(toy):
    with pytest.raises(InfnetTypeError):
        brokerage_roles(toy, "kind", normalized="yes")


# --------------------------------------------------------------------------- communities
def test_communities_barbell_and_determinism():
    net = barbell(5)
    labels = communities(net, rng=3)
    assert labels.dtype == np.int64
    np.testing.assert_array_equal(labels, [0] * 5 + [1] * 5)
    big = attributed_network(4, n=80, p=0.05, directed=False)
    a = communities(big, rng=12)
    b = communities(big, rng=12)
    np.testing.assert_array_equal(a, b)
    # labels numbered by first appearance
    _, first = np.unique(a, return_index=True)
    assert (np.diff(first) > 0).all()
    assert a[0] == 0


def test_communities_isolated_singletons_and_resolution(toy):
    labels = communities(toy, rng=0)
    jo = toy.index_of("jo")[0]
    assert (labels == labels[jo]).sum() == 1
    many = communities(toy, rng=0, resolution=5.0, weight=None)
    assert np.unique(many).size >= np.unique(labels).size
    with pytest.raises(InvalidParameterError, match="resolution"):
        communities(toy, resolution=0.0)


def test_communities_restores_igraph_rng(toy):
    random.seed(99)
    expected = random.random()
    random.seed(99)
    communities(toy, rng=1)
    # igraph draws from its own Random instance during the call, never the module RNG
    assert random.random() == expected
    # igraph is back on the module generator: seeding `random` fixes its draws again
    random.seed(5)
    g1 = igraph.Graph.Erdos_Renyi(n=30, m=40).get_edgelist()
    random.seed(5)
    g2 = igraph.Graph.Erdos_Renyi(n=30, m=40).get_edgelist()
    assert g1 == g2


def test_communities_directed_uses_mutual_weights():
    net = attributed_network(6, n=40, p=0.08, directed=True)
    labels = communities(net, rng=0)
    assert labels.shape == (net.n_actors,)
    assert labels.max() < net.n_actors


# --------------------------------------------------------------------------- properties
PER_ACTOR = {
    "constraint": lambda net: constraint(net),
    "effective_size": lambda net: effective_size(net, weight="strength"),
    "n_local_bridges": n_local_bridges,
    "participation": lambda net: participation_coefficient(net, "segment", weight="strength"),
    "brokerage": lambda net: brokerage_roles(net, "organisation"),
}


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), directed=st.booleans(), perm_seed=st.integers(0, 10_000))
def test_relabelling_permutes_results(seed, directed, perm_seed):
    net = attributed_network(seed, n=12, p=0.25, directed=directed, n_isolated=1)
    perm = np.random.default_rng(perm_seed).permutation(net.n_actors)
    other = permuted(net, perm)
    for name, fn in PER_ACTOR.items():
        np.testing.assert_allclose(fn(other), fn(net)[perm], rtol=RTOL, err_msg=name)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), directed=st.booleans())
def test_adding_isolated_actor_changes_nothing_else(seed, directed):
    net = attributed_network(seed, n=12, p=0.25, directed=directed, n_isolated=0)
    bigger = with_isolated(net)
    for name, fn in PER_ACTOR.items():
        if name in ("participation", "brokerage"):
            continue  # the new actor has no segment / organisation: checked below
        before, after = fn(net), fn(bigger)
        np.testing.assert_allclose(after[:-1], before, rtol=RTOL, err_msg=name)
    assert np.isnan(constraint(bigger)[-1])
    np.testing.assert_array_equal(overlap(bigger), overlap(net))
    assert n_local_bridges(bigger)[-1] == 0.0
    codes, _ = net.codes("segment")
    p_before = participation_coefficient(net, codes)
    p_after = participation_coefficient(bigger, np.append(codes, 0))
    np.testing.assert_allclose(p_after[:-1], p_before, rtol=RTOL)
    assert p_after[-1] == 0.0
    org, _ = net.codes("organisation")
    b_after = brokerage_roles(bigger, np.append(org, 0))
    np.testing.assert_array_equal(b_after[:-1], brokerage_roles(net, org))
    assert b_after[-1].sum() == 0.0
    lb_a, lb_b = local_bridges(net), local_bridges(bigger)
    np.testing.assert_array_equal(lb_a.source, lb_b.source)
    np.testing.assert_array_equal(lb_a.span, lb_b.span)


def test_inputs_not_mutated():
    net = attributed_network(1, directed=True)
    before = net.strength.copy()
    codes, _ = net.codes("segment")
    codes_before = codes.copy()
    for fn in PER_ACTOR.values():
        fn(net)
    participation_coefficient(net, codes)
    brokerage_roles(net, codes, normalized=True)
    overlap(net)
    local_bridges(net, weight="strength")
    communities(net, rng=0)
    assert (net.strength != before).nnz == 0
    np.testing.assert_array_equal(codes, codes_before)


def test_brokerage_roles_for_a_subset_equal_the_full_rows():
    from infnet.algorithms.bridging import brokerage_roles
    from infnet.synthetic import business_network

    net = business_network(800, rng=3)
    full = brokerage_roles(net, "organisation")
    rows = np.array([5, 17, 3, 400, 799])
    np.testing.assert_array_equal(brokerage_roles(net, "organisation", actors=rows), full[rows])
    norm = brokerage_roles(net, "organisation", normalized=True)
    np.testing.assert_allclose(
        brokerage_roles(net, "organisation", normalized=True, actors=rows), norm[rows]
    )


def test_brokerage_roles_threaded_equals_serial(monkeypatch):
    import infnet.algorithms.bridging as br
    from infnet.synthetic import business_network

    net = business_network(600, rng=5)
    serial = br.brokerage_roles(net, "organisation", n_jobs=1)
    monkeypatch.setattr(br, "_PARALLEL_MIN_NNZ", 0)
    np.testing.assert_array_equal(br.brokerage_roles(net, "organisation", n_jobs=3), serial)
