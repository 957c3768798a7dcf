"""Hostile input to the sampled algorithms: sizes, memory, values, types, threads.

Each case asserts the typed error and that the message names what is wrong, or the
correct result.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from infnet.algorithms import diffusion
from infnet.algorithms.betweenness import approximate_betweenness, betweenness_centrality
from infnet.algorithms.bridging import (
    brokerage_roles,
    communities,
    constraint,
    effective_size,
    local_bridges,
    n_local_bridges,
    overlap,
    participation_coefficient,
)
from infnet.algorithms.diffusion import (
    MAX_SETS,
    RRSampler,
    activation_probabilities,
    expected_reach,
    imm,
    simulate_cascade,
)
from infnet.algorithms.paths import warm_paths
from infnet.algorithms.reach import (
    acquisition_reach,
    direct_reach,
    khop_reach,
    retention_reach,
    target_share,
)
from infnet.exceptions import (
    EmptyTargetError,
    InfnetTypeError,
    InvalidParameterError,
    ResourceLimitError,
)
from infnet.synthetic import toy_network


@pytest.fixture
def net():
    return toy_network()


@pytest.fixture
def w(net):
    return (net.attribute("segment") == "fintech").astype(float)


# ------------------------------------------------------------------ sizes
@pytest.mark.parametrize("n_sets", [MAX_SETS + 1, 10**10])
def test_n_sets_above_limit_refused_before_allocating(net, w, n_sets):
    with pytest.raises(ResourceLimitError, match=r"n_sets.*expected_reach.*100,000,000"):
        expected_reach(net, w, np.array([0]), n_sets=n_sets, rng=0)
    with pytest.raises(ResourceLimitError, match=r"n_sets.*RRSampler\.fit"):
        RRSampler(n_sets=n_sets).fit(net, w)


def test_max_sets_above_limit_refused(net, w):
    with pytest.raises(ResourceLimitError, match=r"max_sets.*imm"):
        imm(net, w, 1, max_sets=MAX_SETS + 1)


def test_n_runs_above_limit_refused(net, w):
    with pytest.raises(ResourceLimitError, match=r"n_runs.*simulate_cascade"):
        simulate_cascade(net, w, np.array([0]), n_runs=MAX_SETS + 1)


def test_n_sets_beyond_available_memory_refused(net, w, monkeypatch):
    monkeypatch.setattr(diffusion, "_available_memory", lambda: 1 << 20)  # 1 MiB
    with pytest.raises(ResourceLimitError, match=r"n_sets.*GiB.*available"):
        expected_reach(net, w, np.array([0]), n_sets=10**6, rng=0)


def test_memory_error_while_sampling_is_typed(net, w, monkeypatch):
    def boom(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(diffusion._Problem, "_draw", boom)
    with pytest.raises(ResourceLimitError, match=r"`n_sets` of expected_reach"):
        expected_reach(net, w, np.array([0]), n_sets=100, rng=0)
    with pytest.raises(ResourceLimitError, match=r"`max_sets` of imm"):
        imm(net, w, 1, rng=0)


@pytest.mark.parametrize("bad", [0, -5])
def test_n_sets_not_positive(net, w, bad):
    with pytest.raises(InvalidParameterError, match="n_sets"):
        expected_reach(net, w, np.array([0]), n_sets=bad)


@pytest.mark.parametrize("bad", [1.5, "100", True])
def test_n_sets_wrong_type(net, w, bad):
    with pytest.raises(InfnetTypeError, match="n_sets"):
        expected_reach(net, w, np.array([0]), n_sets=bad)


# ------------------------------------------------------------------ values near MAX_VALUE
def test_huge_target_values_stay_finite(net, w):
    big = w * 1e100
    est = expected_reach(net, big, net.index_of(["eva", "gil"]), n_sets=500, rng=0)
    assert math.isfinite(est.value) and math.isfinite(est.stderr)
    small = expected_reach(net, w, net.index_of(["eva", "gil"]), n_sets=500, rng=0)
    assert est.value == pytest.approx(small.value * 1e100, rel=1e-12)
    res = imm(net, big, 3, rng=0)
    assert np.isfinite(res.gains).all() and res.selected.size >= 1
    sel, gains = RRSampler(n_sets=500, rng=0).fit(net, big).select(3)
    assert np.isfinite(gains).all()
    assert np.isfinite(khop_reach(net, big, hops=2, method="sketch", rng=0)).all()


@pytest.mark.parametrize("value", [1e101, np.inf, np.nan, -1.0])
def test_target_values_out_of_range(net, w, value):
    bad = w.copy()
    bad[2] = value
    for call in (
        lambda: expected_reach(net, bad, np.array([0])),
        lambda: imm(net, bad, 1),
        lambda: khop_reach(net, bad),
        lambda: direct_reach(net, bad),
    ):
        with pytest.raises(InvalidParameterError, match=r"`w` of .*cara"):
            call()


def test_boolean_target_refused_everywhere(net, w):
    mask = w > 0
    for name, call in (
        ("expected_reach", lambda: expected_reach(net, mask, np.array([0]))),
        ("imm", lambda: imm(net, mask, 1)),
        ("khop_reach", lambda: khop_reach(net, mask)),
        ("direct_reach", lambda: direct_reach(net, mask)),
        ("target_share", lambda: target_share(net, mask)),
    ):
        with pytest.raises(InfnetTypeError, match=rf"`w` of {name}.*astype\(float\)"):
            call()


def test_empty_target_error_in_diffusion_zero_in_reach(net):
    zero = np.zeros(net.n_actors)
    with pytest.raises(EmptyTargetError, match="`w` of expected_reach"):
        expected_reach(net, zero, np.array([0]))
    with pytest.raises(EmptyTargetError, match="`w` of imm"):
        imm(net, zero, 1)
    with pytest.raises(EmptyTargetError, match=r"`w` of RRSampler\.fit"):
        RRSampler().fit(net, zero)
    assert not khop_reach(net, zero).any()
    assert not direct_reach(net, zero).any()


def test_costs_go_through_the_shared_contract(net, w):
    sampler = RRSampler(n_sets=200, rng=0).fit(net, w)
    with pytest.raises(InfnetTypeError, match="`cost` of RRSampler.select"):
        sampler.select(2, cost=np.ones(net.n_actors, dtype=bool), budget=2.0)
    with pytest.raises(InvalidParameterError, match="`cost` of RRSampler.select.*> 0"):
        sampler.select(2, cost=np.zeros(net.n_actors), budget=2.0)


# ------------------------------------------------------------------ callers and networks
PUBLIC = {
    "activation_probabilities": lambda x, w: activation_probabilities(x),
    "expected_reach": lambda x, w: expected_reach(x, w, np.array([0])),
    "simulate_cascade": lambda x, w: simulate_cascade(x, w, np.array([0])),
    "imm": lambda x, w: imm(x, w, 1),
    "RRSampler.fit": lambda x, w: RRSampler().fit(x, w),
    "betweenness_centrality": lambda x, w: betweenness_centrality(x),
    "approximate_betweenness": lambda x, w: approximate_betweenness(x),
    "direct_reach": lambda x, w: direct_reach(x, w),
    "target_share": lambda x, w: target_share(x, w),
    "khop_reach": lambda x, w: khop_reach(x, w),
    "acquisition_reach": lambda x, w: acquisition_reach(x, w),
    "retention_reach": lambda x, w: retention_reach(x, w),
    "constraint": lambda x, w: constraint(x),
    "effective_size": lambda x, w: effective_size(x),
    "local_bridges": lambda x, w: local_bridges(x),
    "n_local_bridges": lambda x, w: n_local_bridges(x),
    "overlap": lambda x, w: overlap(x),
    "participation_coefficient": lambda x, w: participation_coefficient(x, "segment"),
    "brokerage_roles": lambda x, w: brokerage_roles(x, "segment"),
    "communities": lambda x, w: communities(x),
    "warm_paths": lambda x, w: warm_paths(x),
}


@pytest.mark.parametrize("name", sorted(PUBLIC))
@pytest.mark.parametrize("bad", [None, "ties.csv", [("a", "b")]])
def test_not_a_network_names_the_caller(name, bad, w):
    with pytest.raises(InfnetTypeError, match=rf"`network` of {name} must be an infnet Network"):
        PUBLIC[name](bad, w)


# ------------------------------------------------------------------ threads and flags
THREADED = {
    "expected_reach": lambda x, w, j: expected_reach(x, w, np.array([0]), n_jobs=j),
    "imm": lambda x, w, j: imm(x, w, 1, n_jobs=j),
    "RRSampler.fit": lambda x, w, j: RRSampler(n_jobs=j).fit(x, w),
    "betweenness_centrality": lambda x, w, j: betweenness_centrality(x, n_jobs=j),
    "approximate_betweenness": lambda x, w, j: approximate_betweenness(x, n_jobs=j),
    "khop_reach": lambda x, w, j: khop_reach(x, w, n_jobs=j),
    "constraint": lambda x, w, j: constraint(x, n_jobs=j),
    "effective_size": lambda x, w, j: effective_size(x, n_jobs=j),
    "brokerage_roles": lambda x, w, j: brokerage_roles(x, "segment", n_jobs=j),
}


@pytest.mark.parametrize("name", sorted(THREADED))
def test_n_jobs_policy(name, net, w):
    with pytest.raises(InvalidParameterError, match=rf"`n_jobs` of {name}"):
        THREADED[name](net, w, 0)
    with pytest.raises(InfnetTypeError, match=rf"`n_jobs` of {name}"):
        THREADED[name](net, w, "2")
    with pytest.raises(InfnetTypeError, match=rf"`n_jobs` of {name}"):
        THREADED[name](net, w, True)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda x: betweenness_centrality(x, normalized="false"), "normalized"),
        (lambda x: betweenness_centrality(x, endpoints=1), "endpoints"),
        (lambda x: brokerage_roles(x, "segment", normalized="no"), "normalized"),
    ],
)
def test_flags_must_be_bools(net, call, name):
    with pytest.raises(InfnetTypeError, match=rf"`{name}` of .* must be True or False"):
        call(net)
