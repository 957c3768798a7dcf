"""Parity of engine='dask' with the in-memory engine, on a LocalCluster of 2 processes.

The stores are small (800 actors) and cut into blocks of 1,500 stored ties
(``infnet.block-entries``), so every reduction, the distributed sort and the candidate
merge see several blocks on two workers.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")

from infnet import InvalidParameterError, Network, measures, rank_influentials
from infnet.algorithms.diffusion import RRSampler
from infnet.engines import _scoring
from infnet.engines.dask import DaskEngine, EngineNotSupportedError
from infnet.kernel import normalize
from infnet.store import open_store, save_store
from infnet.synthetic import business_network

EXACT = ["degree", "in_degree", "out_degree", "in_strength", "out_strength", "direct_reach",
         "target_share", "strong_reach", "khop_reach", "pagerank", "personalized_pagerank",
         "target_pagerank", "warm_path", "constraint", "effective_size",
         "participation_coefficient", "core_number", "diffusion_centrality",
         "targeted_diffusion_centrality"]


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(processes=True, n_workers=2, threads_per_worker=1,
                                       dashboard_address=":0")
    c = distributed.Client(cluster)
    with dask.config.set({"infnet.block-entries": 6000}):
        yield c
    c.close()
    cluster.close()


_STORES: dict[bool, Network] = {}


def _store(directed, tmp_path_factory):
    if directed not in _STORES:
        net = business_network(n_actors=800, rng=4)
        if directed:
            actors, ties = net.to_frames()
            net = Network.from_frames(actors, ties, directed=True,
                                      focal_organisation=net.focal_organisation)
        path = tmp_path_factory.mktemp("store") / "net"
        save_store(net, path)
        _STORES[directed] = open_store(path)
    return _STORES[directed]


@pytest.fixture(scope="module", params=[False, True], ids=["undirected", "directed"])
def store(request, tmp_path_factory):
    """Both kinds of store: for the exact measures and the default ranking."""
    return _store(request.param, tmp_path_factory)


@pytest.fixture(scope="module")
def dstore(tmp_path_factory):
    """The directed store (in- and out-ties both used): for the slower parity tests."""
    return _store(True, tmp_path_factory)


def _target(net):
    return {"segments": [net.attribute("segment")[0]]}


def test_exact_measures_match_to_1e9(client, store):
    ref = measures(store, EXACT, target=_target(store), hops=2)
    got = measures(store, EXACT, target=_target(store), hops=2, engine="dask")
    assert list(got.columns) == list(ref.columns)
    assert (got.dtypes == ref.dtypes).all()
    np.testing.assert_allclose(got.to_numpy(), ref.to_numpy(), rtol=0, atol=1e-9)
    # more than one block, so the merges were exercised
    with DaskEngine(store, client=client) as eng:
        assert len(eng.blocks) >= 2


def test_sketches_and_other_parameters_match(client, dstore):
    store = dstore
    kw = {"target": _target(store), "hops": 3, "method": "sketch", "precision": 4, "rng": 7}
    ref = measures(store, ["khop_reach"], **kw)
    got = measures(store, ["khop_reach"], engine="dask", **kw)
    np.testing.assert_allclose(got.to_numpy(), ref.to_numpy(), rtol=0, atol=1e-9)
    kw = {"weight": None, "direction": "out", "groups": "organisation"}
    ref = measures(store, ["participation_coefficient"], **kw)
    got = measures(store, ["participation_coefficient"], engine="dask", **kw)
    np.testing.assert_allclose(got.to_numpy(), ref.to_numpy(), rtol=0, atol=1e-9)
    ref = measures(store, ["effective_size", "warm_path"], weight="strength", max_ties=2)
    got = measures(store, ["effective_size", "warm_path"], weight="strength", max_ties=2,
                   engine="dask")
    np.testing.assert_allclose(got.to_numpy(), ref.to_numpy(), rtol=0, atol=1e-9)


def test_diffusion_and_cores_on_cycles_with_acyclic_parts(client, tmp_path):
    # a periodic cycle fed by a long acyclic part, over 400 actors: the spectral radius
    # through the workers (components labelled, ties on cycles only) equals the memory
    # engine's; core numbers by h-index rounds equal the bucket algorithm's
    import pandas as pd

    rng = np.random.default_rng(3)
    cyc = [(f"c{i}", f"c{(i + 1) % 7}", 0.5) for i in range(7)]
    pairs = {(int(a), int(b)) for a, b in rng.integers(0, 500, size=(1500, 2)) if a < b}
    dag = [(f"t{a}", f"t{b}", 0.4) for a, b in sorted(pairs)] + [("t499", "c0", 1.0)]
    back = [(f"t{b}", f"t{a}", 0.2) for a, b in sorted(pairs)[:40]]  # some larger cycles
    ties = pd.DataFrame(cyc + dag + back, columns=["source", "target", "strength"])
    save_store(Network.from_frames(None, ties, directed=True), tmp_path / "net")
    net = open_store(tmp_path / "net")
    names = ["diffusion_centrality", "targeted_diffusion_centrality", "core_number"]
    kw = {"target": {"actors": ["c0", "t7", "t250"]}, "T": 4}
    ref = measures(net, names, **kw)
    got = measures(net, names, engine="dask", **kw)
    np.testing.assert_allclose(got.to_numpy(), ref.to_numpy(), rtol=1e-9, atol=1e-12)
    assert (got.dtypes == ref.dtypes).all()


@pytest.mark.parametrize("normalization", ["rank", "minmax", "max", "zscore"])
def test_block_normalisation_equals_the_kernel(tmp_path, normalization):
    rng = np.random.default_rng(5)
    x = rng.lognormal(size=500)
    x[rng.random(500) < 0.05] = np.nan
    x[:3] = [np.inf, -np.inf, x[10]]  # infinities and a tie
    ref = rng.random(500) < 0.7
    for higher in (True, False):
        want = normalize(x[:, None], higher_is_better=[higher], method=normalization,
                         mask=ref)[:, 0]
        cuts = [(0, 120), (120, 121), (121, 400), (400, 500)]
        parts = [_scoring.block_stats(x[a:b], higher, normalization, ref[a:b]) for a, b in cuts]
        spec = _scoring.merge_stats(parts, normalization)
        if normalization == "rank":
            runs = [str(tmp_path / f"r{i}.npy") for i in range(len(cuts))]
            for (a, b), run in zip(cuts, runs, strict=True):
                _scoring.block_run(x[a:b], higher, normalization, ref[a:b], spec["scale"], run)
            out = tmp_path / "sorted.npy"
            total = sum(np.load(r).size for r in runs)
            np.lib.format.open_memmap(out, mode="w+", dtype=np.float64, shape=(total,)).flush()
            cut = np.array([[0, np.load(r).size] for r in runs])
            _scoring.merge_bucket(runs, cut, 0, str(out))
            spec.update(sorted=str(out), size=total)
        elif normalization == "zscore":
            e, n_fin = spec["e"], spec["n_fin"]
            mean = sum(_scoring.block_stats(x[a:b], higher, normalization, ref[a:b],
                                            (e, None))["sum"] for a, b in cuts) / n_fin
            sq = sum(_scoring.block_stats(x[a:b], higher, normalization, ref[a:b],
                                          (e, mean))["sum"] for a, b in cuts)
            spec.update(mean=mean, sd=np.sqrt(sq / n_fin))
        got = np.concatenate([_scoring.block_z(x[a:b], higher, spec) for a, b in cuts])
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-12)


def _quiet(func, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # preset columns missing etc. warn alike
        return func(*args, **kwargs)


def _same_top50(store, kw):
    kw = {"k": 50, "band": None, **kw}
    ref = _quiet(rank_influentials, store, _target(store), **kw)
    got = _quiet(rank_influentials, store, _target(store), engine="dask", **kw)
    assert got["actor"].tolist() == ref["actor"].tolist()
    assert list(got.columns) == list(ref.columns)
    for col in [c for c in got.columns if c == "score" or c.startswith("contribution_")] + [
            "direct_reach", "reach_k", "target_share", "warm_path_strength"]:
        np.testing.assert_allclose(got[col].astype(float), ref[col].astype(float), atol=1e-9,
                                   err_msg=col)
    for col in ("reason", "introducer", "warm_path", "excluded", "rank"):
        assert got[col].astype(object).where(got[col].notna(), None).tolist() == ref[
            col].astype(object).where(ref[col].notna(), None).tolist(), col
    assert got.attrs["engine"] == "dask"
    # sampled: expected reach within a few standard errors of two independent samples
    n_sets = ref.attrs["rr_sets"]
    total = ref.attrs["target_value"]
    assert abs(got.attrs["expected_reach"] - ref.attrs["expected_reach"]) < 6 * total / np.sqrt(
        n_sets)


def test_same_top50_and_scores(client, store):
    _same_top50(store, {"strategy": "balanced"})  # the default preset


@pytest.mark.parametrize("kw", [
    {"strategy": "content", "normalization": "zscore"},
    {"weights": {"constraint": 1.0, "participation_coefficient": 1.0, "direct_reach": 2.0},
     "constraints": {"max_per_organisation": 1}, "hops": 3, "normalization": "minmax",
     "show_excluded": "all"},
], ids=["content-zscore", "bridging-capped"])
def test_same_top50_other_options(client, dstore, kw):
    _same_top50(dstore, kw)


def test_complementary_set_within_stderr_and_deterministic(client, dstore):
    store = dstore
    kw = {"k": 10, "band": None, "method": "complementary", "strategy": "content",
          "cascade": {"epsilon": 0.5}}
    ref = _quiet(rank_influentials, store, _target(store), **kw)
    got = _quiet(rank_influentials, store, _target(store), engine="dask", **kw)
    again = _quiet(rank_influentials, store, _target(store), engine="dask", **kw)
    assert got["actor"].tolist() == again["actor"].tolist()
    assert got["pick_order"].tolist() == list(range(1, 11))
    # both sets' reach, estimated on one independent sample, agree within its error
    w = (store.attribute("segment") == store.attribute("segment")[0]).astype(float)
    judge = RRSampler(n_sets=20_000, rng=11).fit(store, w)
    a = judge.estimate(store.index_of(ref["actor"].tolist()))
    b = judge.estimate(store.index_of(got["actor"].tolist()))
    assert abs(a.value - b.value) < 0.1 * a.value + 4 * np.hypot(a.stderr, b.stderr)
    # the shown scores are the picks' own (exact) scores, whichever actors were picked
    scores = dict(zip(ref["actor"], ref["score"], strict=True))
    common = [(a, s) for a, s in zip(got["actor"], got["score"], strict=True) if a in scores]
    assert common
    for actor, s in common:
        assert s == pytest.approx(scores[actor], abs=1e-9)


def test_rr_sets_deterministic_and_within_stderr(client, dstore):
    store = dstore
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


def test_unsupported_is_refused_by_name(client, dstore):
    store = dstore
    with pytest.raises(EngineNotSupportedError, match="betweenness_centrality"):
        measures(store, ["betweenness_centrality"], engine="dask")
    with pytest.raises(EngineNotSupportedError, match="betweenness_centrality"):
        _quiet(rank_influentials, store, _target(store), engine="dask", strategy="social")
    with pytest.raises(EngineNotSupportedError, match="normalized"):
        measures(store, ["degree"], normalized=True, engine="dask")
    with pytest.raises(EngineNotSupportedError, match="detected communities"):
        measures(_no_segment(store), ["participation_coefficient"], engine="dask")


def _no_segment(net):
    actors, ties = net.to_frames()
    return Network.from_frames(actors.drop(columns=["segment"]), ties, directed=net.directed,
                               focal_organisation=net.focal_organisation)


def test_workers_that_would_pause_are_refused_with_the_numbers(tmp_path):
    # A worker above Dask's pause fraction runs no task: the call would wait forever.
    # The engine checks each worker's memory after loading the kernels and refuses.
    net = business_network(n_actors=800, rng=2)
    with dask.config.set({"distributed.worker.memory.pause": 0.05}):
        cluster = distributed.LocalCluster(processes=False, n_workers=1, threads_per_worker=1,
                                           memory_limit="1GB", dashboard_address=":0")
        c = distributed.Client(cluster)
        try:
            with pytest.raises(InvalidParameterError, match=r"would pause .* MiB in use of"):
                measures(net, ["degree"], engine="dask", client=c)
        finally:
            c.close()
            cluster.close()
