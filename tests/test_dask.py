"""Parity of engine='dask' with the in-memory engine, on a LocalCluster of 2 processes."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

distributed = pytest.importorskip("distributed")

from infnet import Network, measures, rank_influentials
from infnet.algorithms.diffusion import RRSampler
from infnet.engines.dask import DaskEngine, EngineNotSupportedError
from infnet.store import open_store, save_store
from infnet.synthetic import business_network

EXACT = ["degree", "in_degree", "out_degree", "in_strength", "out_strength", "direct_reach",
         "target_share", "strong_reach", "khop_reach", "pagerank", "personalized_pagerank",
         "target_pagerank"]


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(processes=True, n_workers=2, threads_per_worker=1,
                                       dashboard_address=None)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


@pytest.fixture(scope="module", params=[False, True], ids=["undirected", "directed"])
def store(request, tmp_path_factory):
    net = business_network(n_actors=800, rng=4)
    if request.param:
        actors, ties = net.to_frames()
        net = Network.from_frames(actors, ties, directed=True,
                                  focal_organisation=net.focal_organisation)
    path = tmp_path_factory.mktemp("store") / "net"
    save_store(net, path)
    return open_store(path)


def _target(net):
    return {"segments": [net.attribute("segment")[0]]}


def test_exact_measures_match_to_1e9(client, store):
    ref = measures(store, EXACT, target=_target(store), hops=2)
    got = measures(store, EXACT, target=_target(store), hops=2, engine="dask")
    assert list(got.columns) == list(ref.columns)
    assert (got.dtypes == ref.dtypes).all()
    np.testing.assert_allclose(got.to_numpy(), ref.to_numpy(), rtol=0, atol=1e-9)


def test_same_top50_and_scores(client, store):
    kw = {"k": 50, "strategy": "content", "band": None}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # preset columns missing etc. warn alike
        ref = rank_influentials(store, _target(store), **kw)
        got = rank_influentials(store, _target(store), engine="dask", **kw)
    assert got["actor"].tolist() == ref["actor"].tolist()
    assert list(got.columns) == list(ref.columns)
    np.testing.assert_allclose(got["score"], ref["score"], atol=1e-9)
    for col in ("direct_reach", "reach_k", "target_share"):
        np.testing.assert_allclose(got[col], ref[col], atol=1e-9)
    assert got.attrs["engine"] == "dask"
    # sampled: expected reach within a few standard errors of two independent samples
    n_sets = ref.attrs["cascade"]["n_sets"] if "cascade" in ref.attrs else 10_000
    total = float(store.attribute("segment").size)
    assert abs(got.attrs["expected_reach"] - ref.attrs["expected_reach"]) < 6 * total / np.sqrt(
        n_sets)


def test_rr_sets_deterministic_and_within_stderr(client, store):
    w = (store.attribute("segment") == store.attribute("segment")[0]).astype(float)
    with DaskEngine(store, client=client) as eng:
        a = eng.rr_sample(w, model="weighted_cascade", transmissibility=0.5, p=0.1,
                          n_sets=6000, rng=3, caller="test")
        b = eng.rr_sample(w, model="weighted_cascade", transmissibility=0.5, p=0.1,
                          n_sets=6000, rng=3, caller="test")
    np.testing.assert_array_equal(a.rr_members_, b.rr_members_)
    seeds = np.argsort(-store.in_degree())[:5]
    mem = RRSampler(n_sets=6000, rng=3).fit(store, w).estimate(seeds)
    dist = a.estimate(seeds)
    assert abs(mem.value - dist.value) < 4 * np.hypot(mem.stderr, dist.stderr)


def test_unsupported_is_refused_by_name(client, store):
    with pytest.raises(EngineNotSupportedError, match="betweenness_centrality"):
        measures(store, ["betweenness_centrality"], engine="dask")
    with pytest.raises(EngineNotSupportedError, match="warm_path"):
        rank_influentials(store, _target(store), engine="dask",  # the balanced preset's
                          weights={"direct_reach": 1.0, "warm_path": 1.0})
    with pytest.raises(EngineNotSupportedError, match="complementary"):
        rank_influentials(store, _target(store), engine="dask", method="complementary",
                          strategy="content")
