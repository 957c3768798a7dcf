from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import load_shared
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.sparse import csgraph

from infnet import InfnetTypeError, InvalidParameterError, Network
from infnet.algorithms.reach import (
    acquisition_reach,
    direct_reach,
    khop_reach,
    retention_reach,
    target_share,
)
from infnet.synthetic import star, toy_network
from infnet.targets import Target


# ---------------------------------------------------------------------- helpers
def kinded_network(
    seed: int, n: int = 40, m: int = 90, *, directed: bool = True, n_isolated: int = 3
) -> Network:
    """Random network with `n_isolated` extra actors that have no tie, and a kind column."""
    rng = np.random.default_rng(seed)
    ties = pd.DataFrame(
        {
            "source": rng.integers(0, n, m),
            "target": rng.integers(0, n, m),
            "strength": rng.uniform(0.05, 1.0, m).round(3),
            "count": rng.integers(1, 9, m),
        }
    )
    ties = ties[ties["source"] != ties["target"]]
    actors = pd.DataFrame(
        {
            "id": np.arange(n + n_isolated),
            "kind": np.where(rng.random(n + n_isolated) < 0.2, "internal", "external"),
        }
    )
    return Network.from_frames(actors, ties, directed=directed, duplicates="max")


def random_weights(seed: int, n: int, share: float = 0.4) -> np.ndarray:
    rng = np.random.default_rng(seed + 1000)
    return np.where(rng.random(n) < share, rng.uniform(0.1, 5.0, n), 0.0)


def bfs_oracle(net: Network, w: np.ndarray, hops: int) -> np.ndarray:
    """Reach by networkx breadth-first search, one source at a time."""
    g = net.to_networkx()
    pos = {a: i for i, a in enumerate(net.actor_ids)}
    out = np.zeros(net.n_actors)
    for u in net.actor_ids:
        dist = nx.single_source_shortest_path_length(g, u, cutoff=hops)
        out[pos[u]] = sum(w[pos[v]] for v, d in dist.items() if d >= 1)
    return out


def distance_oracle(net: Network, w: np.ndarray, hops: int) -> np.ndarray:
    """Reach from all-pairs unweighted shortest paths (scipy), for mid-sized graphs."""
    d = csgraph.shortest_path(net.matrix(None), unweighted=True, directed=net.directed)
    within = (d >= 1) & (d <= hops)
    return within @ w


def relabelled(net: Network, seed: int) -> tuple[Network, np.ndarray]:
    """The same ties with actors listed in a permuted order; returns (network, perm)."""
    perm = np.random.default_rng(seed).permutation(net.n_actors)
    actors, ties = net.to_frames()
    other = Network.from_frames(actors.iloc[perm], ties, directed=net.directed)
    # position in `other` of each actor of `net`
    return other, other.actor_ids.get_indexer(net.actor_ids)


# ---------------------------------------------------------------------- exact k-hop
@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize("hops", [1, 2, 3])
@pytest.mark.parametrize("seed", range(3))
def test_khop_exact_matches_networkx_bfs(seed, hops, directed):
    net = kinded_network(seed, directed=directed)
    w = random_weights(seed, net.n_actors)
    np.testing.assert_allclose(khop_reach(net, w, hops=hops), bfs_oracle(net, w, hops), rtol=1e-9)


@pytest.mark.parametrize("hops", [1, 2, 3])
def test_khop_exact_on_lazega_boston(hops):
    net = load_shared("lazega_lawyers", relation="advice")
    w = Target(where="office == 'Boston'").weights(net)
    got = khop_reach(net, w, hops=hops)
    np.testing.assert_allclose(got, bfs_oracle(net, w, hops), rtol=1e-9)
    assert got.max() > 0


def test_khop_toy_by_hand(toy):
    w = Target(segments="fintech").weights(toy)
    # ana -> cara -> eva is the only way into fintech within 2 hops
    assert khop_reach(toy, w, hops=2).tolist() == [1, 1, 3, 1, 4, 4, 4, 4, 4, 0]
    # hops=1 counts fintech neighbours; finn's are eva and gil
    assert khop_reach(toy, w, hops=1).tolist() == [0, 0, 1, 0, 2, 2, 4, 2, 2, 0]


def test_khop_counts_each_target_once_and_excludes_self():
    # a -> b -> c, a -> c, c -> a: c reached twice from a; a reaches itself via c
    net = Network.from_edges([("a", "b"), ("b", "c"), ("a", "c"), ("c", "a")])
    w = np.ones(3)
    assert khop_reach(net, w, hops=3).tolist() == [2.0, 2.0, 2.0]
    assert khop_reach(net, w, hops=2).tolist() == [2.0, 2.0, 2.0]
    assert khop_reach(net, w, hops=1).tolist() == [2.0, 1.0, 1.0]


def test_threaded_path_equals_single_thread(monkeypatch):
    net = kinded_network(5, n=300, m=1500)
    w = random_weights(5, net.n_actors)
    single = {h: khop_reach(net, w, hops=h) for h in (2, 3)}
    sk_single = khop_reach(net, w, hops=3, method="sketch", precision=4, rng=1)
    monkeypatch.setattr("infnet.algorithms.reach._THREAD_MIN_ACTORS", 1)
    for h in (2, 3):
        np.testing.assert_array_equal(khop_reach(net, w, hops=h), single[h])
    np.testing.assert_array_equal(
        khop_reach(net, w, hops=3, method="sketch", precision=4, rng=1), sk_single
    )


# ---------------------------------------------------------------------- sketch
SKETCH_SEEDS = range(5)


@pytest.fixture(scope="module")
def sketch_graph() -> tuple[Network, np.ndarray]:
    """2,000 actors / 16,000 directed ties; 4-hop reach (~1,800) exceeds k = 1,024."""
    rng = np.random.default_rng(7)
    n, m = 2000, 16_000
    ties = pd.DataFrame({"source": rng.integers(0, n, m), "target": rng.integers(0, n, m)})
    ties = ties[ties["source"] != ties["target"]]
    net = Network.from_frames(None, ties, directed=True, duplicates="max")
    w = np.where(rng.random(net.n_actors) < 0.9, rng.uniform(0.5, 2.0, net.n_actors), 0.0)
    return net, w


@pytest.mark.parametrize("seed", SKETCH_SEEDS)
def test_sketch_error_within_documented_bound(sketch_graph, seed):
    net, w = sketch_graph
    exact = distance_oracle(net, w, 4)
    est = khop_reach(net, w, hops=4, method="sketch", rng=seed)
    pos = exact > 0
    rel = np.abs(est[pos] - exact[pos]) / exact[pos]
    assert np.median(rel) <= 0.05
    assert np.all(est[~pos] == 0)
    # the estimate is really an estimate here, not the exact value
    assert np.count_nonzero(rel > 1e-9) > 0.5 * pos.sum()


def test_sketch_is_exact_below_k(sketch_graph):
    net, w = sketch_graph
    # 2-hop reach (~60 targets) is far below k, so every sketch holds all targets
    np.testing.assert_allclose(
        khop_reach(net, w, hops=2, method="sketch", rng=0), khop_reach(net, w, hops=2), rtol=1e-9
    )


@pytest.mark.parametrize("directed", [True, False])
def test_sketch_small_k_unbiased_on_average(directed):
    net = kinded_network(3, n=200, m=800, directed=directed)
    w = random_weights(3, net.n_actors, share=0.8)
    exact = khop_reach(net, w, hops=3)
    runs = np.array(
        [khop_reach(net, w, hops=3, method="sketch", precision=4, rng=s) for s in range(40)]
    )
    # k = 16: relative standard error about 1/sqrt(14) per run; the mean of 40 runs is
    # within 5 standard errors of the exact value
    rel_se = 1 / np.sqrt(14) / np.sqrt(40)
    big = exact > 0
    assert np.all(np.abs(runs.mean(0)[big] / exact[big] - 1) < 5 * rel_se)


def test_sketch_deterministic_for_a_seed(sketch_graph):
    net, w = sketch_graph
    a = khop_reach(net, w, hops=4, method="sketch", rng=11)
    b = khop_reach(net, w, hops=4, method="sketch", rng=np.random.default_rng(11))
    c = khop_reach(net, w, hops=4, method="sketch", rng=12)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


# ---------------------------------------------------------------------- direct reach, share
@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize("weight", ["strength", "count", None])
@pytest.mark.parametrize("seed", range(3))
def test_direct_reach_and_share_brute_force(seed, weight, directed):
    net = kinded_network(seed, directed=directed)
    w = random_weights(seed, net.n_actors)
    g = net.to_networkx()
    pos = {a: i for i, a in enumerate(net.actor_ids)}
    reach = np.zeros(net.n_actors)
    into_t = np.zeros(net.n_actors)
    total = np.zeros(net.n_actors)
    edges = g.edges(data=True)
    for u, v, data in edges:
        s = 1.0 if weight is None else float(data[weight])
        pairs = [(u, v)] if directed else [(u, v), (v, u)]
        for a, b in pairs:
            reach[pos[a]] += w[pos[b]] * s
            total[pos[a]] += s
            into_t[pos[a]] += s * (w[pos[b]] > 0)
    np.testing.assert_allclose(direct_reach(net, w, weight=weight), reach, rtol=1e-9)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(total > 0, into_t / total, np.nan)
    np.testing.assert_allclose(target_share(net, w, weight=weight), share, rtol=1e-9)


def test_direct_reach_and_share_toy(toy):
    w = Target(segments="fintech").weights(toy)
    r = direct_reach(toy, w)
    assert r[2] == pytest.approx(0.4)  # cara -> eva
    assert r[9] == 0.0  # jo is isolated
    share = target_share(toy, w)
    assert share[2] == pytest.approx(0.4 / 2.5)
    assert np.isnan(share[9])


def test_share_directed_sink_is_nan():
    net = star(3)
    share = target_share(net, np.array([0.0, 1.0, 0.0, 0.0]))
    assert share[0] == pytest.approx(1 / 3)
    assert np.isnan(share[1:]).all()


# ---------------------------------------------------------------------- acquisition / retention
@pytest.mark.parametrize("hops", [1, 2, 3])
@pytest.mark.parametrize("directed", [True, False])
def test_acquisition_and_retention_split_reach(hops, directed):
    net = kinded_network(4, directed=directed)
    w = random_weights(4, net.n_actors)
    internal = net.attribute("kind") == "internal"
    g = net.to_networkx()
    tied = np.array(
        [
            internal[i]
            or any(internal[net.actor_ids.get_loc(v)] for v in nx.all_neighbors(g, a))
            for i, a in enumerate(net.actor_ids)
        ]
    )
    acq = acquisition_reach(net, w, hops=hops)
    ret = retention_reach(net, w, hops=hops)
    if hops == 1:
        np.testing.assert_allclose(acq, direct_reach(net, np.where(tied, 0, w)), rtol=1e-9)
        np.testing.assert_allclose(acq + ret, direct_reach(net, w), rtol=1e-9)
    else:
        np.testing.assert_allclose(acq, bfs_oracle(net, np.where(tied, 0, w), hops), rtol=1e-9)
        np.testing.assert_allclose(acq + ret, khop_reach(net, w, hops=hops), rtol=1e-9)


def test_acquisition_toy(toy):
    w = Target(segments="fintech").weights(toy)
    # eva is tied to cara (Acme), so she is retained; the rest are to acquire
    assert acquisition_reach(toy, w, hops=2).tolist() == [0, 0, 2, 0, 4, 3, 3, 3, 3, 0]
    assert retention_reach(toy, w, hops=2).tolist() == [1, 1, 1, 1, 0, 1, 1, 1, 1, 0]


def test_acquisition_needs_kind():
    net = Network.from_edges([("a", "b"), ("b", "c")])
    with pytest.raises(InvalidParameterError, match=r"'kind'.*focal_organisation"):
        acquisition_reach(net, np.ones(3))
    with pytest.raises(InvalidParameterError, match=r"retention_reach needs"):
        retention_reach(net, np.ones(3))


# ---------------------------------------------------------------------- validation
def test_invalid_weights(toy):
    with pytest.raises(InvalidParameterError, match=r"`w` of direct_reach must have "
                       r"shape \(10,\).*got shape \(3,\)"):
        direct_reach(toy, np.ones(3))
    bad = np.ones(10)
    bad[[1, 4]] = [-1.0, np.nan]
    with pytest.raises(InvalidParameterError, match=r"actors 'ben', 'eva' \(2 in all\)"):
        khop_reach(toy, bad)
    with pytest.raises(InfnetTypeError, match=r"numeric"):
        target_share(toy, np.array(["a"] * 10))


def test_invalid_options(toy):
    w = np.ones(10)
    with pytest.raises(InvalidParameterError, match=r"`hops` of khop_reach.*method='sketch'"):
        khop_reach(toy, w, hops=4)
    with pytest.raises(InvalidParameterError, match=r"`hops` of khop_reach"):
        khop_reach(toy, w, hops=0)
    with pytest.raises(InvalidParameterError, match=r"`method` of khop_reach.*'sketch'"):
        khop_reach(toy, w, method="sketc")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match=r"`precision` of khop_reach"):
        khop_reach(toy, w, method="sketch", precision=2)
    with pytest.raises(InvalidParameterError, match=r"Unknown tie attribute"):
        direct_reach(toy, w, weight="nope")


def test_int_weights_accepted_bool_masks_refused(toy):
    """One contract for per-actor vectors (infnet._validation.check_actor_values): a
    boolean mask is not a value vector and is refused with the conversion to use."""
    mask = toy.select("segment == 'fintech'")
    with pytest.raises(InfnetTypeError, match=r"mask.astype\(float\)"):
        khop_reach(toy, mask)
    np.testing.assert_array_equal(
        direct_reach(toy, mask.astype(int)), direct_reach(toy, mask.astype(float))
    )


def test_zero_weights_give_zero(toy):
    z = np.zeros(10)
    for f in (direct_reach, khop_reach, acquisition_reach, retention_reach):
        assert f(toy, z).tolist() == [0.0] * 10
    assert khop_reach(toy, z, method="sketch", hops=3, rng=0).tolist() == [0.0] * 10


@pytest.mark.parametrize("method", ["exact", "sketch"])
def test_inputs_not_mutated(method):
    net = toy_network()
    w = Target(segments="fintech").weights(net)
    w.flags.writeable = False
    before = w.copy()
    khop_reach(net, w, hops=3, method=method, rng=0)
    direct_reach(net, w)
    target_share(net, w)
    acquisition_reach(net, w, hops=2)
    np.testing.assert_array_equal(w, before)
    assert net.equals(toy_network())


# ---------------------------------------------------------------------- properties
@st.composite
def graphs(draw):
    n = draw(st.integers(2, 12))
    directed = draw(st.booleans())
    pairs = draw(
        st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=30)
    )
    pairs = [(a, b) for a, b in pairs if a != b]
    strengths = draw(
        st.lists(st.floats(0.05, 1.0), min_size=len(pairs), max_size=len(pairs))
    )
    values = draw(st.lists(st.floats(0.0, 5.0), min_size=n, max_size=n))
    ties = pd.DataFrame(
        {"source": [a for a, _ in pairs], "target": [b for _, b in pairs],
         "strength": strengths}, dtype=object,
    ).astype({"source": "int64", "target": "int64", "strength": "float64"})
    actors = pd.DataFrame({"id": range(n)})
    net = Network.from_frames(actors, ties, directed=directed, duplicates="max")
    return net, np.array(values)


@settings(max_examples=30, deadline=None)
@given(data=graphs(), extra=st.integers(0, 11), value=st.floats(0.1, 3.0), hops=st.integers(1, 3))
def test_adding_a_target_never_lowers_reach(data, extra, value, hops):
    net, w = data
    more = w.copy()
    i = extra % net.n_actors
    more[i] = max(more[i], value)
    for f in (lambda x: khop_reach(net, x, hops=hops), lambda x: direct_reach(net, x)):
        assert np.all(f(more) >= f(w) - 1e-12)


@settings(max_examples=30, deadline=None)
@given(data=graphs(), seed=st.integers(0, 2**16), hops=st.integers(1, 3))
def test_relabelling_permutes_results(data, seed, hops):
    net, w = data
    other, where = relabelled(net, seed)
    w2 = np.empty_like(w)
    w2[where] = w
    np.testing.assert_allclose(khop_reach(other, w2, hops=hops)[where], khop_reach(net, w, hops=hops))
    np.testing.assert_allclose(direct_reach(other, w2)[where], direct_reach(net, w), rtol=1e-12)
    np.testing.assert_allclose(
        target_share(other, w2)[where], target_share(net, w), rtol=1e-12
    )
    np.testing.assert_allclose(
        khop_reach(other, w2, hops=hops, method="sketch", rng=seed)[where],
        khop_reach(net, w, hops=hops),
        rtol=1e-9,
    )


@settings(max_examples=30, deadline=None)
@given(data=graphs(), hops=st.integers(1, 3), value=st.floats(0.0, 2.0))
def test_isolated_actor_gets_zero_and_changes_nothing(data, hops, value):
    net, w = data
    actors, ties = net.to_frames()
    actors = pd.concat([actors, pd.DataFrame({"id": [999]})], ignore_index=True)
    bigger = Network.from_frames(actors, ties, directed=net.directed)
    w2 = np.append(w, value)
    r = khop_reach(bigger, w2, hops=hops)
    assert r[-1] == 0.0
    np.testing.assert_allclose(r[:-1], khop_reach(net, w, hops=hops))
    assert direct_reach(bigger, w2)[-1] == 0.0
    assert np.isnan(target_share(bigger, w2)[-1])
