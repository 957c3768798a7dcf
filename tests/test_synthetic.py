from __future__ import annotations

import numpy as np
import pytest

from infnet import Network
from infnet.exceptions import InfnetTypeError, InvalidParameterError
from infnet.synthetic import (
    MACRO_AUDIENCE,
    PLANTED_AUDIENCE,
    ROLES,
    GroundTruth,
    barbell,
    business_network,
    demo_network,
    star,
    toy_network,
)

N = 3_000


@pytest.fixture(scope="module")
def net_truth() -> tuple[Network, GroundTruth]:
    out = business_network(N, mean_degree=12, rng=7, return_truth=True)
    assert isinstance(out, tuple)
    return out


def _target_share(net: Network, segment: str) -> np.ndarray:
    s = net.strength
    w = (net.attribute("segment") == segment).astype(float)
    total = np.asarray(s.sum(axis=1)).ravel()
    return np.divide(s @ w, total, out=np.full(net.n_actors, np.nan), where=total > 0)


def _cross_segment_share(net: Network) -> float:
    seg, _ = net.codes("segment")
    coo = net.strength.tocoo()
    return float(np.mean(seg[coo.row] != seg[coo.col]))


# ------------------------------------------------------------------ canonical networks
def test_canonical_networks_unchanged():
    toy = toy_network()
    assert (toy.n_actors, toy.n_ties, toy.directed) == (10, 12, False)
    assert star(4).n_ties == 4
    assert barbell(3).n_ties == 7


# ------------------------------------------------------------------ determinism and sizes
def test_same_rng_gives_equal_networks():
    a, ta = business_network(1_000, mean_degree=8, rng=3, return_truth=True)
    b, tb = business_network(1_000, mean_degree=8, rng=np.random.default_rng(3),
                             return_truth=True)
    assert a.equals(b)
    assert np.array_equal(ta.planted, tb.planted)
    assert np.array_equal(ta.planted_reach, tb.planted_reach)
    c = business_network(1_000, mean_degree=8, rng=4)
    assert not a.equals(c)


@pytest.mark.parametrize(("n", "mean_degree", "directed"),
                         [(500, 6.0, False), (5_000, 20.0, False), (5_000, 10.0, True)])
def test_sizes_close_to_requested(n, mean_degree, directed):
    net = business_network(n, mean_degree=mean_degree, directed=directed, rng=1)
    assert net.n_actors == n
    assert net.directed is directed
    requested = n * mean_degree / 2
    assert abs(net.n_ties - requested) <= 0.03 * requested


def test_columns_and_attribute_ranges(net_truth):
    net, _ = net_truth
    actors = net.actors
    for col in ("organisation", "segment", "role", "audience", "is_customer",
                "fake_audience_share", "sponsored_share", "kind"):
        assert col in actors.columns
    assert set(actors["role"].astype(str)) <= set(ROLES)
    assert (actors["audience"] >= 0).all()
    assert actors["fake_audience_share"].between(0, 1).all()
    assert actors["sponsored_share"].between(0, 1).all()
    # mostly small vetting signals, a few high
    assert actors["fake_audience_share"].median() < 0.1
    assert (actors["fake_audience_share"] > 0.3).any()
    assert (actors["sponsored_share"] > 0.3).any()
    # customers are exactly the employees of customer organisations
    cust = actors["is_customer"].to_numpy()
    assert cust.any()
    assert (actors["role"].to_numpy()[cust] == "customer").all()
    s = net.strength.data
    assert np.all((s > 0) & (s <= 1))


def test_internal_is_focal_organisation(net_truth):
    net, _ = net_truth
    internal = net.attribute("kind") == "internal"
    focal = net.attribute("organisation") == net.focal_organisation
    assert internal.any()
    assert np.array_equal(internal, focal)
    assert net.focal_organisation == "focal"
    other = business_network(500, focal_organisation="Acme", rng=0)
    assert (other.attribute("organisation")[other.attribute("kind") == "internal"] == "Acme").all()


def test_audience_heavy_tailed_with_micro_band(net_truth):
    net, truth = net_truth
    aud = net.attribute("audience").astype(float)
    micro = (aud >= 1_000) & (aud <= 50_000)
    assert 0.05 < micro.mean() < 0.5
    assert np.median(aud) < 1_000 < aud.max()
    assert (aud[net.index_of(truth.macro)] >= MACRO_AUDIENCE[0]).all()


# ------------------------------------------------------------------ planted ground truth
def test_planted_are_external_micro_and_targeted(net_truth):
    net, truth = net_truth
    assert truth.planted.size == max(10, N // 500)
    assert truth.target == {"segments": [truth.target_segment]}
    pos = net.index_of(truth.planted)
    assert (net.attribute("kind")[pos] == "external").all()
    aud = net.attribute("audience")[pos]
    assert ((aud >= PLANTED_AUDIENCE[0]) & (aud <= PLANTED_AUDIENCE[1])).all()
    share = _target_share(net, truth.target_segment)
    population = np.nanmean(share)
    assert np.min(share[pos]) > 2 * population
    assert np.mean(share[pos]) > 0.6
    # clean vetting signals
    assert (net.attribute("fake_audience_share")[pos] < 0.3).all()


def test_planted_reach_is_exact(net_truth):
    net, truth = net_truth
    pos = net.index_of(truth.planted)
    seg = net.attribute("segment")
    s = net.strength.tocsr()
    for p, reach in zip(pos, truth.planted_reach, strict=True):
        row = s[[p]].tocoo()
        expected = row.data[seg[row.col] == truth.target_segment].sum()
        assert reach == pytest.approx(expected, rel=1e-12)
    assert not truth.planted_reach.flags.writeable


def test_planted_not_simply_top_degree_and_macro_distractors(net_truth):
    net, truth = net_truth
    deg = np.diff(net.strength.indptr)
    k = truth.planted.size
    top = np.argsort(-deg, kind="stable")[:k]
    assert np.isin(net.actor_ids[top], truth.planted).mean() <= 0.2
    macro = net.index_of(truth.macro)
    assert truth.macro.size >= 3
    assert np.median(deg[macro]) > np.max(deg[net.index_of(truth.planted)])
    # macro ties reach many segments: low target share
    share = _target_share(net, truth.target_segment)
    assert np.mean(share[macro]) < 0.5


def test_planted_recoverable_by_direct_reach(net_truth):
    # documented baseline: direct targeted reach among externals in the micro band
    net, truth = net_truth
    w = (net.attribute("segment") == truth.target_segment).astype(float)
    reach = net.strength @ w
    aud = net.attribute("audience")
    ok = (net.attribute("kind") == "external") & (aud >= 1_000) & (aud <= 50_000)
    score = np.where(ok, reach, -np.inf)
    k = truth.planted.size
    top = np.argsort(-score, kind="stable")[:k]
    assert np.isin(net.actor_ids[top], truth.planted).mean() >= 0.5


# ------------------------------------------------------------------ parameters
def test_mixing_moves_cross_segment_share():
    shares = [_cross_segment_share(business_network(3_000, mixing=m, rng=5))
              for m in (0.0, 0.3, 0.8)]
    assert shares[0] + 0.05 < shares[1] < shares[2] - 0.1


def test_strong_ties_mostly_inside_organisations(net_truth):
    net, _ = net_truth
    org, _ = net.codes("organisation")
    coo = net.strength.tocoo()
    same_org = org[coo.row] == org[coo.col]
    strong = net.strong()
    assert same_org[strong].mean() > 0.6
    assert (~same_org[~strong]).mean() > 0.8


def test_directed_flag():
    net, truth = business_network(2_000, mean_degree=10, directed=True, rng=2,
                                  return_truth=True)
    assert net.directed
    s = net.strength
    assert (s != s.T).nnz > 0
    # planted actors are the sources of their ties
    pos = net.index_of(truth.planted)
    out_deg = np.diff(s.indptr)[pos]
    in_deg = np.diff(net.in_matrix().indptr)[pos]
    assert np.all(out_deg > in_deg)


def test_segment_sizes_and_names():
    net = business_network(2_000, n_segments=4, segment_sizes=[1, 1, 1, 5],
                           focal_segment="software", target_segment=3, rng=0)
    counts = net.actors["segment"].astype(str).value_counts()
    assert counts.idxmax() == "retail"
    equal = business_network(2_000, n_segments=20, segment_sizes=0.0, target_segment=19, rng=0)
    assert "segment_19" in set(equal.actors["segment"].astype(str))


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"n_actors": 10}, InvalidParameterError, "n_actors"),
        ({"n_actors": 1.5}, InfnetTypeError, "n_actors"),
        ({"mean_degree": 0}, InvalidParameterError, "mean_degree"),
        ({"mixing": 1.5}, InvalidParameterError, "mixing"),
        ({"n_segments": 1}, InvalidParameterError, "n_segments"),
        ({"segment_sizes": [1, 2]}, InvalidParameterError, "segment_sizes"),
        ({"segment_sizes": -1.0}, InvalidParameterError, "segment_sizes"),
        ({"target_segment": "softwre"}, InvalidParameterError, "Did you mean 'software'"),
        ({"target_segment": 0}, InvalidParameterError, "must differ"),
        ({"internal_share": 0.0}, InvalidParameterError, "internal_share"),
        ({"n_planted": 10_000}, InvalidParameterError, "n_planted"),
        ({"planted_concentration": 2.0}, InvalidParameterError, "planted_concentration"),
        ({"directed": "yes"}, InfnetTypeError, "directed"),
        ({"rng": np.random.RandomState(0)}, InfnetTypeError, "RandomState"),
    ],
)
def test_parameter_validation(kwargs, error, match):
    params = {"n_actors": 1_000} | kwargs
    with pytest.raises(error, match=match):
        business_network(**params)


# ------------------------------------------------------------------ demo
def test_demo_network_fixed_and_fast():
    import time

    t0 = time.perf_counter()
    net, truth = demo_network()
    assert time.perf_counter() - t0 < 2.0
    again, truth2 = demo_network()
    assert net.equals(again)
    assert np.array_equal(truth.planted, truth2.planted)
    assert net.n_actors == 3_000
    assert truth.target == {"segments": ["fintech"]}
