from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from conftest import load_shared
from hypothesis import given, settings
from hypothesis import strategies as st
from oracle_graphs import gnm_network

from infnet import Network
from infnet.algorithms.diffusion import (
    IMMResult,
    ReachEstimate,
    RRSampler,
    activation_probabilities,
    expected_reach,
    imm,
    simulate_cascade,
)
from infnet.exceptions import (
    ApproximationWarning,
    EmptyTargetError,
    InfnetTypeError,
    InvalidParameterError,
    NotFittedError,
)
from infnet.synthetic import barbell, toy_network

MODELS = ("strength", "weighted_cascade", "constant")


# ---------------------------------------------------------------------------- helpers
def tie_list(network: Network) -> tuple[np.ndarray, np.ndarray]:
    s = network.strength
    src = np.repeat(np.arange(network.n_actors), np.diff(s.indptr))
    return src, np.asarray(s.indices)


def exact_reach(network: Network, w: np.ndarray, seeds: list[int], prob: np.ndarray) -> float:
    """Expected reach by enumerating every live-tie world (stored entries are coins)."""
    src, dst = tie_list(network)
    n_coins = src.size
    assert n_coins <= 16
    total = 0.0
    for bits in itertools.product([False, True], repeat=n_coins):
        live = np.array(bits, dtype=bool)
        pr = float(np.prod(np.where(live, prob, 1.0 - prob)))
        active = set(seeds)
        frontier = list(seeds)
        while frontier:
            u = frontier.pop()
            for e in np.flatnonzero(live & (src == u)):
                v = int(dst[e])
                if v not in active:
                    active.add(v)
                    frontier.append(v)
        total += pr * sum(w[a] for a in active)
    return total


def close(a: ReachEstimate, b: ReachEstimate | float, n_se: float = 4.0) -> bool:
    if isinstance(b, ReachEstimate):
        se = math.hypot(a.stderr, b.stderr)
        return abs(a.value - b.value) <= n_se * se + 1e-12
    return abs(a.value - b) <= n_se * a.stderr + 1e-12


def segment_weights(net: Network, segment: str) -> np.ndarray:
    return (net.attribute("segment") == segment).astype(float)


# ---------------------------------------------------------------------------- probabilities
def test_activation_probabilities_models():
    net = toy_network()
    s = net.strength
    np.testing.assert_allclose(
        activation_probabilities(net, model="strength", transmissibility=0.3), 0.3 * s.data
    )
    np.testing.assert_allclose(activation_probabilities(net, model="constant", p=0.2), 0.2)
    wc = activation_probabilities(net, model="weighted_cascade")
    deg = np.diff(s.indptr)
    np.testing.assert_allclose(wc, 1.0 / deg[s.indices])
    # probabilities into each actor with ties sum to 1
    into = np.bincount(s.indices, weights=wc, minlength=net.n_actors)
    np.testing.assert_allclose(into[deg > 0], 1.0)


def test_activation_probabilities_directed_in_degree():
    net = Network.from_edges([("a", "c", 0.5), ("b", "c", 0.5), ("c", "a", 0.5)])
    wc = activation_probabilities(net, model="weighted_cascade")
    # actors a, c, b (first appearance); entries in CSR order: a->c, c->a, b->c
    assert net.actor_ids.tolist() == ["a", "c", "b"]
    np.testing.assert_allclose(wc, [0.5, 1.0, 0.5])


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"model": "cascade"}, InvalidParameterError),
        ({"transmissibility": 0.0}, InvalidParameterError),
        ({"transmissibility": 1.5}, InvalidParameterError),
        ({"p": -0.1}, InvalidParameterError),
        ({"p": "0.1"}, InfnetTypeError),
    ],
)
def test_activation_probabilities_validation(kwargs, error):
    with pytest.raises(error, match="activation_probabilities"):
        activation_probabilities(toy_network(), **kwargs)


def test_weighted_cascade_message_suggests_name():
    with pytest.raises(InvalidParameterError, match="weighted_cascade"):
        activation_probabilities(toy_network(), model="weighted_cascad")


# ---------------------------------------------------------------------------- exact oracles
TINY_DIRECTED = [("a", "b", 0.9), ("b", "c", 0.6), ("a", "c", 0.3), ("c", "d", 0.8)]


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("seeds", [["a"], ["b"], ["a", "d"], ["c"]])
def test_rr_estimate_matches_enumeration_directed(model, seeds):
    net = Network.from_edges(TINY_DIRECTED, directed=True)
    w = np.array([0.0, 1.0, 2.0, 0.5])
    prob = activation_probabilities(net, model=model, p=0.4)
    pos = net.index_of(seeds)
    exact = exact_reach(net, w, pos.tolist(), prob)
    est = expected_reach(net, w, pos, model=model, p=0.4, n_sets=100_000, rng=1)
    assert close(est, exact)
    sim = simulate_cascade(net, w, pos, model=model, p=0.4, n_runs=50_000, rng=2)
    assert close(sim, exact)


@pytest.mark.parametrize("model", MODELS)
def test_rr_estimate_matches_enumeration_undirected(model):
    # two undirected ties = four coins; weighted cascade makes the two directions differ
    net = Network.from_edges([("x", "y", 0.7), ("y", "z", 0.4)], directed=False)
    w = np.array([1.0, 0.0, 3.0])
    prob = activation_probabilities(net, model=model, p=0.3)
    for seeds in ([0], [1], [2]):
        exact = exact_reach(net, w, seeds, prob)
        est = expected_reach(net, w, np.array(seeds), model=model, p=0.3, n_sets=100_000, rng=3)
        assert close(est, exact), (seeds, est, exact)


def test_star_deterministic_values():
    # p = 1: every leaf is reached, so the estimate is exact with zero error
    from infnet.synthetic import star

    net = star(4)
    w = np.array([0.0, 1.0, 2.0, 3.0, 4.0])
    est = expected_reach(net, w, np.array([0]), model="constant", p=1.0, n_sets=500, rng=0)
    assert est.value == pytest.approx(10.0)
    assert est.stderr == 0.0
    leaf = expected_reach(net, w, np.array([3]), model="constant", p=1.0, n_sets=5000, rng=0)
    assert close(leaf, 3.0)  # only itself: W * P(root = 3) = 3


# ---------------------------------------------------------------------------- RR vs Monte Carlo
def _graphs():
    toy = toy_network()
    bar = barbell(4)
    rnd_d = gnm_network(40, 120, directed=True, seed=5)
    rnd_u = gnm_network(30, 60, directed=False, seed=6)
    rng = np.random.default_rng(0)
    return [
        ("toy", toy, segment_weights(toy, "fintech"), [["eva"], ["cara", "gil"]]),
        ("barbell", bar, segment_weights(bar, "b"), [[3], [0, 5]]),
        ("random_directed", rnd_d, rng.uniform(0, 2, 41) * (rng.random(41) < 0.5),
         [["a0"], ["a1", "a2", "a3"]]),
        ("random_undirected", rnd_u, rng.integers(0, 3, 31).astype(float), [["a4", "a7"]]),
    ]


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("case", _graphs(), ids=lambda c: c[0])
def test_rr_agrees_with_simulation(case, model):
    _, net, w, seed_sets = case
    sampler = RRSampler(model, transmissibility=0.8, p=0.15, n_sets=30_000, rng=11).fit(net, w)
    for ids in seed_sets:
        pos = net.index_of(ids)
        est = sampler.estimate(pos)
        sim = simulate_cascade(
            net, w, pos, model=model, transmissibility=0.8, p=0.15, n_runs=20_000, rng=12
        )
        assert close(est, sim), (ids, est, sim)


@pytest.mark.data
@pytest.mark.parametrize("model", MODELS)
def test_rr_agrees_with_simulation_real_network(model):
    net = load_shared("lazega_lawyers", relation="advice")
    w = (net.attribute("practice") == net.attribute("practice")[0]).astype(float)
    sampler = RRSampler(model, transmissibility=0.1, p=0.03, n_sets=20_000, rng=0).fit(net, w)
    sel, _gains = sampler.select(3)
    for pos in (sel[:1], sel, np.arange(5)):
        est = sampler.estimate(pos)
        sim = simulate_cascade(
            net, w, pos, model=model, transmissibility=0.1, p=0.03, n_runs=20_000, rng=1
        )
        assert close(est, sim), (pos, est, sim)


def test_seed_that_is_target_counts_as_reached():
    net = toy_network()
    w = segment_weights(net, "fintech")
    jo = net.index_of(["jo"])
    w_jo = np.zeros(net.n_actors)
    w_jo[jo] = 2.0
    # jo is isolated: it reaches nobody but itself
    assert expected_reach(net, w_jo, jo, n_sets=200, rng=0).value == pytest.approx(2.0)
    assert simulate_cascade(net, w_jo, jo, n_runs=10, rng=0).value == pytest.approx(2.0)
    assert expected_reach(net, w, jo, n_sets=200, rng=0).value == 0.0


def test_empty_actor_set_has_zero_reach():
    net = toy_network()
    w = segment_weights(net, "fintech")
    sampler = RRSampler(n_sets=100, rng=0).fit(net, w)
    assert sampler.estimate(np.array([], dtype=np.int64)).value == 0.0
    assert sampler.estimate(np.zeros(net.n_actors, dtype=bool)).value == 0.0


def test_mask_and_positions_agree_and_duplicates_count_once():
    net = toy_network()
    w = segment_weights(net, "fintech")
    sampler = RRSampler(n_sets=2000, rng=0).fit(net, w)
    pos = net.index_of(["eva", "ana"])
    mask = np.zeros(net.n_actors, dtype=bool)
    mask[pos] = True
    assert sampler.estimate(pos) == sampler.estimate(mask)
    assert sampler.estimate(np.concatenate([pos, pos])) == sampler.estimate(pos)


def test_reach_estimate_is_a_float():
    est = expected_reach(toy_network(), segment_weights(toy_network(), "fintech"),
                         np.array([4]), n_sets=1000, rng=0)
    assert float(est) == est.value
    assert est.n_samples == 1000
    assert math.isclose(est.stderr, est.value * 0 + est.stderr)
    f = est.value / 5.0
    assert est.stderr == pytest.approx(5.0 * math.sqrt(f * (1 - f) / 1000))


# ---------------------------------------------------------------------------- sampler state
def test_sample_structure():
    net = gnm_network(50, 200, directed=True, seed=1)
    w = np.random.default_rng(1).random(51)
    s = RRSampler(n_sets=500, rng=0).fit(net, w)
    n_sets = s.rr_indptr_.size - 1
    assert n_sets == 500
    assert s.rr_indptr_[0] == 0
    assert s.rr_indptr_[-1] == s.rr_members_.size
    assert np.all(np.diff(s.rr_indptr_) >= 1)
    # roots are targets; members of a set are distinct
    roots = s.rr_members_[s.rr_indptr_[:-1]]
    assert np.all(w[roots] > 0)
    for i in range(0, n_sets, 37):
        members = s.rr_members_[s.rr_indptr_[i]:s.rr_indptr_[i + 1]]
        assert np.unique(members).size == members.size
    # inverse index is consistent
    assert s.cover_indptr_[-1] == s.rr_members_.size
    for a in range(0, 51, 7):
        sets = s.cover_sets_[s.cover_indptr_[a]:s.cover_indptr_[a + 1]]
        expected = [i for i in range(n_sets)
                    if a in s.rr_members_[s.rr_indptr_[i]:s.rr_indptr_[i + 1]]]
        assert sets.tolist() == expected
    np.testing.assert_allclose(
        s.marginal_gains(), w.sum() * np.diff(s.cover_indptr_) / n_sets
    )


def test_roots_follow_target_values():
    net = toy_network()
    w = np.zeros(net.n_actors)
    w[[4, 6]] = [1.0, 3.0]
    s = RRSampler(n_sets=20_000, rng=0).fit(net, w)
    roots = s.rr_members_[s.rr_indptr_[:-1]]
    assert set(np.unique(roots).tolist()) == {4, 6}
    share = np.mean(roots == 6)
    assert abs(share - 0.75) < 4 * math.sqrt(0.75 * 0.25 / 20_000)


def test_members_reach_their_root_directed():
    # in a directed path a -> b -> c with p = 1, the RR set of c is {c, b, a}
    net = Network.from_edges([("a", "b", 1.0), ("b", "c", 1.0)])
    w = np.array([0.0, 0.0, 1.0])
    s = RRSampler("constant", p=1.0, n_sets=3, rng=0).fit(net, w)
    assert s.rr_members_.tolist() == [2, 1, 0] * 3
    # and of a single target a: only a (nobody reaches it)
    s = RRSampler("constant", p=1.0, n_sets=2, rng=0).fit(net, np.array([1.0, 0, 0]))
    assert s.rr_members_.tolist() == [0, 0]


@pytest.mark.parametrize("rng", [0, 123])
def test_determinism(rng):
    net = gnm_network(60, 300, directed=True, seed=2)
    w = np.ones(61)
    a = RRSampler(n_sets=3000, rng=rng).fit(net, w)
    b = RRSampler(n_sets=3000, rng=rng, n_jobs=1).fit(net, w)
    np.testing.assert_array_equal(a.rr_indptr_, b.rr_indptr_)
    np.testing.assert_array_equal(a.rr_members_, b.rr_members_)
    sa, ga = a.select(5)
    sb, gb = b.select(5)
    np.testing.assert_array_equal(sa, sb)
    np.testing.assert_array_equal(ga, gb)
    pos = np.array([0, 1])
    assert simulate_cascade(net, w, pos, n_runs=200, rng=rng) == simulate_cascade(
        net, w, pos, n_runs=200, rng=rng
    )
    c = RRSampler(n_sets=3000, rng=rng + 1).fit(net, w)
    assert not np.array_equal(a.rr_members_, c.rr_members_)


def test_sample_independent_of_chunking_and_threads():
    from infnet.algorithms import diffusion

    net = gnm_network(30, 90, directed=False, seed=3)
    w = np.ones(31)
    ref = RRSampler(n_sets=5000, rng=7, n_jobs=1).fit(net, w)
    old = diffusion._CHUNK
    try:
        diffusion._CHUNK = 700
        other = RRSampler(n_sets=5000, rng=7, n_jobs=2).fit(net, w)
    finally:
        diffusion._CHUNK = old
    np.testing.assert_array_equal(ref.rr_indptr_, other.rr_indptr_)
    np.testing.assert_array_equal(ref.rr_members_, other.rr_members_)


def test_inputs_not_mutated():
    net = toy_network()
    w = segment_weights(net, "fintech")
    w_copy = w.copy()
    data = net.strength.data.copy()
    cand = np.ones(net.n_actors, dtype=bool)
    s = RRSampler(n_sets=500, rng=0).fit(net, w)
    s.select(2, candidates=cand, exclude=np.array([0]))
    imm(net, w, 2, rng=0)
    np.testing.assert_array_equal(w, w_copy)
    np.testing.assert_array_equal(net.strength.data, data)
    assert cand.all()


# ---------------------------------------------------------------------------- greedy
@pytest.mark.parametrize("seed", range(6))
def test_greedy_properties(seed):
    net = gnm_network(80, 320, directed=seed % 2 == 0, seed=100 + seed, n_isolated=3)
    rng = np.random.default_rng(seed)
    w = rng.uniform(0, 1, net.n_actors) * (rng.random(net.n_actors) < 0.4)
    w[0] = 1.0
    s = RRSampler(model="strength", transmissibility=0.6, n_sets=2000, rng=seed).fit(net, w)
    k = 8
    sel, gains = s.select(k)
    assert sel.dtype == np.int64
    assert gains.dtype == np.float64
    assert np.unique(sel).size == sel.size
    assert np.all(np.diff(gains) <= 1e-12)
    assert np.all(gains > 0)
    # gains add up to the covered value, and prefixes are monotone
    values = [s.estimate(sel[: j + 1]).value for j in range(sel.size)]
    np.testing.assert_allclose(np.cumsum(gains), values, rtol=1e-12)
    assert np.all(np.diff(values) >= 0)
    # first pick is the best single actor
    single = s.marginal_gains()
    assert single[sel[0]] == pytest.approx(single.max())
    # never below top-k by single gain on the same sample (stable order, ties by position)
    top = np.lexsort((np.arange(single.size), -single))[: sel.size]
    assert values[-1] >= s.estimate(top).value - 1e-9


def test_greedy_within_bound_of_brute_force_optimum():
    net = gnm_network(12, 30, directed=True, seed=9, n_isolated=0)
    w = np.ones(12)
    s = RRSampler("constant", p=0.4, n_sets=400, rng=0).fit(net, w)
    k = 3
    _, gains = s.select(k)
    best = max(
        s.estimate(np.array(c)).value for c in itertools.combinations(range(12), k)
    )
    assert gains.sum() >= (1 - 1 / math.e) * best - 1e-9
    assert gains.sum() <= best + 1e-9


def test_select_candidates_exclude_and_early_stop():
    net = toy_network()
    w = segment_weights(net, "fintech")
    s = RRSampler(n_sets=3000, rng=0).fit(net, w)
    internal = net.attribute("kind") == "internal"
    sel, _ = s.select(3, candidates=internal)
    assert internal[sel].all()
    cara = net.index_of(["cara"])
    sel2, _ = s.select(3, candidates=internal, exclude=cara)
    assert cara[0] not in sel2
    same, _ = s.select(3, candidates=internal, exclude=~internal | (np.arange(10) == cara[0]))
    np.testing.assert_array_equal(same, sel2)
    # jo alone adds nothing: nothing is returned
    jo_only = net.index_of(["jo"])
    mask = np.zeros(net.n_actors, dtype=bool)
    mask[jo_only] = True
    sel3, gains3 = s.select(3, candidates=mask)
    assert sel3.size == 0
    assert gains3.size == 0
    # k larger than the useful actors: stops when the gain is 0
    sel4, gains4 = s.select(50)
    assert sel4.size <= 9
    assert np.all(gains4 > 0)


def test_select_budget():
    # actor 0 reaches targets 1..4 (p = 1) and costs 10; actors 1..4 cost 1 each
    net = Network.from_edges([(0, i, 1.0) for i in range(1, 5)], directed=True)
    w = np.array([0.0, 1.0, 1.0, 1.0, 1.0])
    s = RRSampler("constant", p=1.0, n_sets=4000, rng=0).fit(net, w)
    cost = np.array([10.0, 1.0, 1.0, 1.0, 1.0])
    sel, gains = s.select(5, cost=cost, budget=10.0)
    assert cost[sel].sum() <= 10.0
    assert gains.sum() == pytest.approx(4.0)
    # tight budget: leaves only
    sel, gains = s.select(5, cost=cost, budget=2.5)
    assert set(sel.tolist()) <= {1, 2, 3, 4}
    assert sel.size == 2
    # the best single affordable actor beats the cost-effective sequence
    cost2 = np.array([5.0, 0.5, 0.5, 100.0, 100.0])
    sel, gains = s.select(5, cost=cost2, budget=5.0)
    assert sel.tolist() == [0]
    assert gains.sum() == pytest.approx(4.0)
    # budget without cost: unit costs
    sel, _ = s.select(5, budget=2.0)
    assert sel.size <= 2


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"k": 0}, InvalidParameterError),
        ({"k": 2.5}, InfnetTypeError),
        ({"k": 2, "cost": np.ones(10)}, InvalidParameterError),
        ({"k": 2, "cost": -np.ones(10), "budget": 1.0}, InvalidParameterError),
        ({"k": 2, "cost": np.ones(3), "budget": 1.0}, InvalidParameterError),
        ({"k": 2, "budget": 0.0}, InvalidParameterError),
        ({"k": 2, "candidates": np.ones(3, dtype=bool)}, InvalidParameterError),
        ({"k": 2, "exclude": np.array([11])}, InvalidParameterError),
        ({"k": 2, "exclude": np.array([0.5])}, InfnetTypeError),
    ],
)
def test_select_validation(kwargs, error):
    net = toy_network()
    s = RRSampler(n_sets=100, rng=0).fit(net, segment_weights(net, "fintech"))
    with pytest.raises(error, match=r"RRSampler\.select"):
        s.select(**kwargs)


# ---------------------------------------------------------------------------- validation
def test_not_fitted():
    s = RRSampler()
    with pytest.raises(NotFittedError, match="fit"):
        s.estimate(np.array([0]))
    with pytest.raises(NotFittedError):
        s.marginal_gains()
    with pytest.raises(NotFittedError):
        s.select(1)


@pytest.mark.parametrize(
    ("w", "error"),
    [
        (np.zeros(10), EmptyTargetError),
        (np.ones(9), InvalidParameterError),
        (np.r_[-1.0, np.ones(9)], InvalidParameterError),
        (np.r_[np.nan, np.ones(9)], InvalidParameterError),
        (np.array(["a"] * 10), InfnetTypeError),
    ],
)
def test_weights_validation(w, error):
    net = toy_network()
    with pytest.raises(error, match=r"RRSampler\.fit"):
        RRSampler(n_sets=10).fit(net, w)
    with pytest.raises(error, match="simulate_cascade"):
        simulate_cascade(net, w, np.array([0]), n_runs=2)


@pytest.mark.parametrize(
    ("params", "error"),
    [
        ({"n_sets": 0}, InvalidParameterError),
        ({"model": "sir"}, InvalidParameterError),
        ({"transmissibility": 2.0}, InvalidParameterError),
        ({"rng": np.random.RandomState(0)}, InfnetTypeError),
        ({"n_jobs": 0}, InvalidParameterError),
    ],
)
def test_sampler_parameter_validation(params, error):
    net = toy_network()
    with pytest.raises(error):
        RRSampler(**params).fit(net, segment_weights(net, "fintech"))


def test_actor_validation():
    net = toy_network()
    s = RRSampler(n_sets=10, rng=0).fit(net, segment_weights(net, "fintech"))
    with pytest.raises(InvalidParameterError, match="positions in"):
        s.estimate(np.array([10]))
    with pytest.raises(InvalidParameterError, match="shape"):
        s.estimate(np.ones(3, dtype=bool))
    with pytest.raises(InfnetTypeError, match="index_of"):
        s.estimate(np.array(["eva"]))


def test_simulate_cascade_validation():
    net = toy_network()
    w = segment_weights(net, "fintech")
    with pytest.raises(InvalidParameterError, match="n_runs"):
        simulate_cascade(net, w, np.array([0]), n_runs=0)
    one = simulate_cascade(net, w, np.array([4]), n_runs=1, rng=0)
    assert one.stderr == 0.0


# ---------------------------------------------------------------------------- hypothesis
@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    directed=st.booleans(),
    model=st.sampled_from(MODELS),
    data=st.data(),
)
def test_adding_a_seed_never_lowers_the_estimate(seed, directed, model, data):
    net = gnm_network(15, 40, directed=directed, seed=seed)
    rng = np.random.default_rng(seed)
    w = rng.uniform(0, 1, net.n_actors)
    s = RRSampler(model, n_sets=300, rng=seed).fit(net, w)
    base = data.draw(st.lists(st.integers(0, net.n_actors - 1), max_size=5))
    extra = data.draw(st.integers(0, net.n_actors - 1))
    before = s.estimate(np.array(base, dtype=np.int64)).value
    after = s.estimate(np.array([*base, extra], dtype=np.int64)).value
    assert after >= before


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000), directed=st.booleans())
def test_relabelling_permutes_results(seed, directed):
    net = gnm_network(12, 30, directed=directed, seed=seed, n_isolated=2)
    n = net.n_actors
    rng = np.random.default_rng(seed)
    perm = rng.permutation(n)  # new position j holds old actor perm[j]
    m = net.strength
    permuted = Network.from_csr(
        m[perm][:, perm], net.actor_ids[perm], directed=directed
    )
    # a single target makes RR sets deterministic under p = 1: reach = [S reaches t]
    target = int(rng.integers(n))
    w = np.zeros(n)
    w[target] = 2.0
    inv = np.argsort(perm)
    seeds = rng.choice(n, size=3, replace=False)
    a = expected_reach(net, w, seeds, model="constant", p=1.0, n_sets=20, rng=0)
    b = expected_reach(permuted, w[perm], inv[seeds], model="constant", p=1.0, n_sets=20, rng=5)
    assert a == b
    # random reach agrees within error, and so does the forward simulation
    w = rng.uniform(0, 1, n)
    ra = expected_reach(net, w, seeds, n_sets=4000, rng=1)
    rb = expected_reach(permuted, w[perm], inv[seeds], n_sets=4000, rng=2)
    assert close(ra, rb, n_se=5.0)
    sa = simulate_cascade(net, w, seeds, model="constant", p=1.0, n_runs=3, rng=0)
    sb = simulate_cascade(permuted, w[perm], inv[seeds], model="constant", p=1.0, n_runs=3, rng=9)
    assert sa.value == pytest.approx(sb.value)


def test_isolated_actor_changes_nothing():
    net = gnm_network(20, 60, directed=True, seed=4, n_isolated=0)
    bigger = gnm_network(20, 60, directed=True, seed=4, n_isolated=1)
    w = np.random.default_rng(0).random(20)
    a = RRSampler(n_sets=2000, rng=0).fit(net, w)
    b = RRSampler(n_sets=2000, rng=0).fit(bigger, np.r_[w, 0.0])
    # same roots and coins: identical sets, and the new actor is in none
    np.testing.assert_array_equal(a.rr_members_, b.rr_members_)
    assert b.marginal_gains()[-1] == 0.0


# ---------------------------------------------------------------------------- imm
def test_imm_barbell_picks_bridge():
    net = barbell(4)
    w = segment_weights(net, "b")
    res = imm(net, w, 1, candidates=net.attribute("segment") == "a", rng=0)
    assert isinstance(res, IMMResult)
    assert res.selected.tolist() == [3]
    assert res.theta == res.sampler.rr_indptr_.size - 1
    assert res.value == pytest.approx(res.gains.sum())
    assert res.lower_bound > 0


def test_imm_theta_grows_as_epsilon_shrinks():
    net = toy_network()
    w = segment_weights(net, "fintech")
    loose = imm(net, w, 2, epsilon=0.5, rng=0)
    tight = imm(net, w, 2, epsilon=0.2, rng=0)
    assert tight.theta > loose.theta


def test_imm_near_optimal_on_toy():
    net = toy_network()
    w = segment_weights(net, "fintech")
    res = imm(net, w, 2, epsilon=0.2, rng=1)
    ref = RRSampler(n_sets=200_000, rng=2).fit(net, w)
    best = max(ref.estimate(np.array(c)).value for c in itertools.combinations(range(10), 2))
    chosen = ref.estimate(res.selected)
    assert chosen.value >= (1 - 1 / math.e - 0.2) * best - 4 * chosen.stderr
    sim = simulate_cascade(net, w, res.selected, n_runs=20_000, rng=3)
    assert close(sim, ReachEstimate(res.value, res.sampler.estimate(res.selected).stderr, 1))


def test_imm_deterministic():
    net = gnm_network(40, 150, directed=True, seed=8)
    w = np.ones(41)
    a = imm(net, w, 3, epsilon=0.3, rng=4)
    b = imm(net, w, 3, epsilon=0.3, rng=4)
    np.testing.assert_array_equal(a.selected, b.selected)
    np.testing.assert_array_equal(a.gains, b.gains)
    assert a.theta == b.theta


def test_imm_cap_warns():
    net = toy_network()
    w = segment_weights(net, "fintech")
    with pytest.warns(ApproximationWarning, match="max_sets"):
        res = imm(net, w, 2, max_sets=50, rng=0)
    assert res.theta == 50


def test_imm_warns_without_lower_bound():
    net = toy_network()
    w = segment_weights(net, "fintech")
    jo = net.attribute("organisation") == "Omega"  # isolated, not a target
    with pytest.warns(ApproximationWarning, match="lower bound"):
        res = imm(net, w, 1, candidates=jo, epsilon=0.5, rng=0)
    assert res.selected.size == 0


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"k": 0}, InvalidParameterError),
        ({"epsilon": 0.0}, InvalidParameterError),
        ({"epsilon": 1.0}, InvalidParameterError),
        ({"ell": 0.0}, InvalidParameterError),
        ({"max_sets": 0}, InvalidParameterError),
        ({"candidates": np.zeros(10, dtype=bool)}, InvalidParameterError),
    ],
)
def test_imm_validation(kwargs, error):
    net = toy_network()
    kwargs = {"k": 1, **kwargs}
    with pytest.raises(error, match="imm"):
        imm(net, segment_weights(net, "fintech"), **kwargs)
