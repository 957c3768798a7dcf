"""Benchmark suite: infnet against networkx, python-igraph and NetworKit, like with like.

Rules every row follows (issue 13; see benchmarks/README.md):

* **Stated accuracy.** Every iterative stage is timed, for infnet and each peer, at the
  loosest setting of a ladder (``ladder``) that reaches the stage's target against a tight
  reference computed once per size (L1 <= 1e-6 for PageRank, personalized PageRank,
  eigenvector and Katz); the achieved error is reported next to the time. Sampled
  betweenness is measured against exact betweenness where exact is feasible (max error,
  top-50 overlap) and the setting found there is reused at the larger sizes.
* **Equal resources.** Every library in a run gets the same thread count: CPU affinity,
  ``NUMBA_NUM_THREADS``, ``OMP_NUM_THREADS``, BLAS threads and NetworKit's
  ``setNumberOfThreads`` are all set to ``--threads`` in each measurement's process.
* **Conversions apart.** Building a peer's graph (and NetworKit's unweighted copy) is
  timed separately (``convert_s``) and never inside the stage's time.
* **Same workload, inputs as users have them.** Targeted 2-hop reach is compared with an
  igraph computation of the same quantity; network builds read shuffled tie rows; each row
  is labelled directed or undirected.
* **Stage peak memory.** Each (stage, library) runs in its own subprocess; its peak RSS
  mark is reset just before the call, so ``extra_mb`` is the stage's own peak above the
  RSS before it.
* **First call and warm.** The product path (``rank_influentials``) is timed warm (after a
  warm-up on a small network) and cold (new process, empty ``NUMBA_CACHE_DIR``).

Usage::

    python benchmarks/run.py --suite readme          # every number of the README and docs
    python benchmarks/run.py --sizes 10k --stages pagerank,core_number
    python benchmarks/run.py --quick                 # tiny smoke run (CI)

A run writes ``<out>/<date>-<label>/`` with ``results.json`` (every measurement, machine,
versions, threads, load average at start and end) and ``results.md``; ``--suite readme``
also regenerates the tables of README.md and docs/performance.md (``benchmarks/report.py``).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib
import json
import os
import pickle
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
TOP_K = 50


def _tol_ladder(values: tuple[float, ...], key: str = "tol", scale_n: bool = False) -> dict[str, Any]:
    return {"key": key, "values": list(values), "scale_n": scale_n}


TOLS = (1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11, 1e-12)

# ----------------------------------------------------------------------------- stages
# name; infnet: "module:callable"; args: inputs after the network ("w" target weights,
# "seeds" target indicator, "frames", "target", ...); kwargs; peers: library -> function
# in this file; compare: how infnet's result is checked against each peer's ("values",
# "rank", "count", "none"); accuracy: {"reference": name, "norm": "sum1" | "l2", "target"}
# (L1 error after the norm) or {"reference": "betweenness", "kind": "sampled"}; ladder:
# library -> settings tried loosest first (the first that reaches the target is the one
# reported); unweighted: peers get an unweighted graph (converted apart); max_ties: skip
# every library above; peer_max_ties: library -> cap (time caps, quoted in the table).
L1 = 1e-6
STAGES: list[dict[str, Any]] = [
    {"name": "floor_spmv", "infnet": "benchmarks.run:floor_spmv", "compare": "none"},
    {"name": "build_undirected", "infnet": "benchmarks.run:infnet_build", "args": ["frames"],
     "kwargs": {"directed": False},
     "peers": {"scipy": "scipy_build", "networkx": "nx_build", "igraph": "ig_build"},
     "compare": "count", "peer_max_ties": {"networkx": 2_000_000}},
    {"name": "build_directed", "infnet": "benchmarks.run:infnet_build", "args": ["frames"],
     "kwargs": {"directed": True}, "directed": True,
     "peers": {"scipy": "scipy_build", "networkx": "nx_build", "igraph": "ig_build"},
     "compare": "count", "peer_max_ties": {"networkx": 2_000_000}},
    {"name": "direct_reach", "infnet": "infnet.algorithms.reach:direct_reach", "args": ["w"],
     "compare": "none"},
    {"name": "khop_reach_targeted", "infnet": "infnet.algorithms.reach:khop_reach",
     "args": ["w"], "kwargs": {"hops": 2, "method": "exact"},
     "peers": {"igraph": "ig_targeted_2hop"}, "compare": "values"},
    {"name": "scoring_kernel_rank", "infnet": "benchmarks.run:kernel_rank", "compare": "none"},
    {"name": "scoring_kernel_minmax", "infnet": "benchmarks.run:kernel_minmax", "compare": "none"},
    {"name": "rank_influentials_top_k", "infnet": "infnet.ranking:rank_influentials",
     "args": ["target"], "kwargs": {"k": 50, "rng": 0, "kind": "external"},
     "compare": "none", "cold": True},
    {"name": "rank_influentials_complementary", "infnet": "infnet.ranking:rank_influentials",
     "args": ["target"], "kwargs": {"k": 50, "rng": 0, "kind": "external",
                                    "method": "complementary"},
     "compare": "none", "cold": True},
    {"name": "pagerank", "infnet": "infnet.algorithms.centrality:pagerank",
     "kwargs": {"max_iter": 100_000},
     "peers": {"networkx": "nx_pagerank", "igraph": "ig_pagerank", "networkit": "nk_pagerank"},
     "accuracy": {"reference": "pagerank", "norm": "sum1", "target": L1},
     "ladder": {"infnet": _tol_ladder(TOLS[:3]), "networkx": _tol_ladder(TOLS[:4], scale_n=True),
                "networkit": _tol_ladder(TOLS)},
     "compare": "values", "peer_max_ties": {"networkx": 2_000_000}},
    {"name": "personalized_pagerank", "infnet": "infnet.algorithms.centrality:personalized_pagerank",
     "args": ["seeds"], "kwargs": {"max_iter": 100_000},
     "peers": {"networkx": "nx_ppr", "igraph": "ig_ppr"},
     "accuracy": {"reference": "personalized_pagerank", "norm": "sum1", "target": L1},
     "ladder": {"infnet": _tol_ladder(TOLS[:3]), "networkx": _tol_ladder(TOLS[:4], scale_n=True)},
     "compare": "values", "peer_max_ties": {"networkx": 2_000_000}},
    {"name": "eigenvector_centrality", "infnet": "infnet.algorithms.centrality:eigenvector_centrality",
     "kwargs": {"max_iter": 100_000},
     "peers": {"igraph": "ig_eigenvector", "networkit": "nk_eigenvector"},
     "accuracy": {"reference": "eigenvector_centrality", "norm": "l2", "target": L1},
     "ladder": {"infnet": _tol_ladder(TOLS[:3]), "igraph": _tol_ladder((1e-4, 1e-6, 1e-8, 1e-10, 0.0)),
                "networkit": _tol_ladder((1e-6, 1e-9, 1e-12))},
     "compare": "values"},
    {"name": "katz_centrality", "infnet": "infnet.algorithms.centrality:katz_centrality",
     "args": [], "kwargs": {"max_iter": 100_000}, "alpha": True,
     # NetworKit's KatzCentrality is not listed: it does not compute the weighted Katz
     # fixed point (L1 4.8 from the reference at 10k actors, any tol)
     "peers": {"networkx": "nx_katz"},
     "accuracy": {"reference": "katz_centrality", "norm": "l2", "target": L1},
     "ladder": {"infnet": _tol_ladder(TOLS[:3]), "networkx": _tol_ladder(TOLS[:5], scale_n=True)},
     "compare": "values", "peer_max_ties": {"networkx": 200_000}},
    {"name": "core_number", "infnet": "infnet.algorithms.centrality:core_number",
     "peers": {"networkx": "nx_core", "igraph": "ig_core", "networkit": "nk_core"},
     "unweighted": True, "compare": "values", "peer_max_ties": {"networkx": 2_000_000}},
    {"name": "betweenness_centrality", "infnet": "infnet.algorithms.betweenness:betweenness_centrality",
     "peers": {"igraph": "ig_betweenness", "networkit": "nk_betweenness"},
     "unweighted": True, "compare": "values", "max_ties": 300_000},
    {"name": "harmonic_centrality", "infnet": "infnet.algorithms.centrality:harmonic_centrality",
     "peers": {"igraph": "ig_harmonic", "networkit": "nk_harmonic"},
     "unweighted": True, "compare": "values", "max_ties": 300_000},
    {"name": "approximate_betweenness", "infnet": "infnet.algorithms.betweenness:approximate_betweenness",
     "kwargs": {"delta": 0.1, "rng": 0},
     "peers": {"networkit_kadabra": "nk_kadabra", "networkit_rk": "nk_approx_betweenness"},
     "unweighted": True,
     "accuracy": {"reference": "betweenness", "kind": "sampled", "top_k": TOP_K,
                  "target_overlap": 0.85},
     "ladder": {lib: _tol_ladder((0.05, 0.02, 0.01), key="epsilon")
                for lib in ("infnet", "networkit_kadabra", "networkit_rk")},
     "compare": "none", "peer_max_ties": {"networkit_rk": 300_000}},
    {"name": "constraint", "infnet": "infnet.algorithms.bridging:constraint",
     "peers": {"networkx": "nx_constraint", "igraph": "ig_constraint"}, "compare": "values",
     "peer_max_ties": {"networkx": 200_000}},
    {"name": "communities", "infnet": "infnet.algorithms.bridging:communities",
     "kwargs": {"rng": 0}, "peers": {"igraph": "ig_leiden"}, "compare": "none"},
]
STAGE_BY_NAME = {s["name"]: s for s in STAGES}

#: Stages of ``--quick`` (unless --stages is given): cheap ones that exercise every path.
QUICK_STAGES = ("build_undirected", "pagerank", "core_number", "direct_reach",
                "khop_reach_targeted")

#: ``--suite readme``: sizes and the stages run at each (every number of the README's
#: performance table and docs/performance.md), in the order they run.
README_MAIN = ("floor_spmv", "build_undirected", "build_directed", "direct_reach",
               "khop_reach_targeted", "scoring_kernel_rank", "scoring_kernel_minmax",
               "rank_influentials_top_k", "rank_influentials_complementary", "pagerank",
               "personalized_pagerank", "eigenvector_centrality", "katz_centrality",
               "core_number", "approximate_betweenness", "constraint", "communities")
SUITES: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "readme": [
        ("5k", ("floor_spmv", "betweenness_centrality", "harmonic_centrality",
                 "approximate_betweenness")),
        ("100k", README_MAIN),
        ("1m", README_MAIN),
    ],
}


# ----------------------------------------------------------------------------- infnet helpers
def floor_spmv(network: Any) -> np.ndarray:
    """One CSR sparse matrix-vector product with the strength matrix."""
    return network.strength @ np.ones(network.n_actors)


def infnet_build(actors: Any, ties: Any, *, directed: bool) -> Any:
    """``Network.from_frames`` on shuffled tie rows (the user's input)."""
    from infnet.network import Network

    return Network.from_frames(actors, ties, directed=directed, duplicates="raise")


def _kernel_inputs(network: Any) -> tuple[np.ndarray, list[bool]]:
    x = np.random.default_rng(0).lognormal(size=(network.n_actors, 6))
    return x, [True, True, True, True, False, True]


def kernel_rank(network: Any) -> Any:
    """The scoring kernel on 6 features of every actor, rank normalisation."""
    from infnet.kernel import normalize, score

    x, hib = _kernel_inputs(network)
    return score(normalize(x, higher_is_better=hib), [0.3, 0.3, 0.15, 0.1, 0.05, 0.1])


def kernel_minmax(network: Any) -> Any:
    """The scoring kernel on 6 features of every actor, min-max normalisation."""
    from infnet.kernel import normalize, score

    x, hib = _kernel_inputs(network)
    return score(normalize(x, higher_is_better=hib, method="minmax"), [1.0] * 6)


# ----------------------------------------------------------------------------- peers
def _pairs(network: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    coo = network.strength.tocoo()
    r, c, d = coo.row.astype(np.int64), coo.col.astype(np.int64), coo.data
    if not network.directed:
        keep = r < c
        r, c, d = r[keep], c[keep], d[keep]
    return r, c, d


def peer_graph(library: str, network: Any, unweighted: bool = False) -> Any:
    """The peer library's graph (actors 0..n-1 in network order, weight = strength)."""
    if library == "scipy":
        return None
    r, c, d = _pairs(network)
    n = network.n_actors
    if library == "networkx":
        import networkx as nx

        g = nx.DiGraph() if network.directed else nx.Graph()
        g.add_nodes_from(range(n))
        if unweighted:
            g.add_edges_from(zip(r.tolist(), c.tolist(), strict=True))
        else:
            g.add_weighted_edges_from(zip(r.tolist(), c.tolist(), d.tolist(), strict=True))
        return g
    if library == "igraph":
        import igraph as ig

        g = ig.Graph(n=n, edges=np.column_stack([r, c]), directed=network.directed)
        if not unweighted:
            g.es["weight"] = d
        return g
    if library.startswith("networkit"):
        import networkit as nk

        g = nk.Graph(n, weighted=not unweighted, directed=network.directed)
        if unweighted:
            g.addEdges((r, c))
        else:
            g.addEdges((d, (r, c)))
        return g
    msg = f"unknown peer library {library!r}"
    raise ValueError(msg)


def _nx_dict(values: dict[Any, float], n: int) -> np.ndarray:
    out = np.full(n, np.nan)
    for k, v in values.items():
        out[k] = v
    return out


def scipy_build(g: Any, inputs: dict[str, Any], *, directed: bool) -> float:
    """The floor of any build: ids to positions and one COO -> CSR conversion."""
    import pandas as pd
    from scipy import sparse

    actors, ties = inputs["frames"]
    index = pd.Index(actors["id"])
    r = index.get_indexer(ties["source"])
    c = index.get_indexer(ties["target"])
    d = ties["strength"].to_numpy(float)
    n = len(index)
    if not directed:
        r, c, d = np.concatenate([r, c]), np.concatenate([c, r]), np.concatenate([d, d])
    m = sparse.csr_array((d, (r, c)), shape=(n, n))
    return float(m.nnz if directed else m.nnz // 2)


def nx_build(g: Any, inputs: dict[str, Any], *, directed: bool) -> float:
    import networkx as nx

    _, ties = inputs["frames"]
    cls = nx.DiGraph if directed else nx.Graph
    return float(nx.from_pandas_edgelist(ties, edge_attr="strength", create_using=cls)
                 .number_of_edges())


def ig_build(g: Any, inputs: dict[str, Any], *, directed: bool) -> float:
    import igraph as ig

    actors, ties = inputs["frames"]
    h = ig.Graph.DataFrame(ties, directed=directed, vertices=actors[["id"]], use_vids=False)
    return float(h.ecount())


def ig_targeted_2hop(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    """R_2(u) = sum of w_t over targets t with 1 <= d(u, t) <= 2, from the targets' side."""
    w = inputs["w"]
    targets = np.flatnonzero(w)
    mode = "in" if g.is_directed() else "all"
    out = np.zeros(g.vcount())
    for start in range(0, len(targets), 2000):  # chunks bound the Python lists' memory
        chunk = targets[start:start + 2000]
        hoods = g.neighborhood(vertices=chunk.tolist(), order=2, mode=mode, mindist=1)
        lengths = np.fromiter((len(h) for h in hoods), dtype=np.int64, count=len(hoods))
        members = np.fromiter((v for h in hoods for v in h), dtype=np.int64,
                              count=int(lengths.sum()))
        out += np.bincount(members, weights=np.repeat(w[chunk], lengths), minlength=g.vcount())
    return out


def _tol(setting: dict[str, Any], default: float) -> float:
    return float(setting.get("tol", default))


def nx_pagerank(g: Any, inputs: dict[str, Any], **setting: Any) -> np.ndarray:
    import networkx as nx

    return _nx_dict(nx.pagerank(g, alpha=0.85, weight="weight", tol=_tol(setting, 1e-6),
                                max_iter=100_000), g.number_of_nodes())


def ig_pagerank(g: Any, inputs: dict[str, Any], **setting: Any) -> np.ndarray:
    return np.asarray(g.pagerank(damping=0.85, weights="weight"))


def nk_pagerank(g: Any, inputs: dict[str, Any], **setting: Any) -> np.ndarray:
    import networkit as nk

    pr = nk.centrality.PageRank(g, damp=0.85, tol=_tol(setting, 1e-9))
    pr.norm = nk.centrality.Norm.L1_NORM
    pr.maxIterations = 100_000
    pr.run()
    return np.asarray(pr.scores())


def nx_ppr(g: Any, inputs: dict[str, Any], **setting: Any) -> np.ndarray:
    import networkx as nx

    w = inputs["seeds"]
    pers = {int(i): float(w[i]) for i in np.flatnonzero(w)}
    return _nx_dict(nx.pagerank(g, alpha=0.85, personalization=pers, weight="weight",
                                tol=_tol(setting, 1e-6), max_iter=100_000), g.number_of_nodes())


def ig_ppr(g: Any, inputs: dict[str, Any], **setting: Any) -> np.ndarray:
    return np.asarray(g.personalized_pagerank(damping=0.85, reset=inputs["seeds"].tolist(),
                                              weights="weight"))


def ig_eigenvector(g: Any, inputs: dict[str, Any], **setting: Any) -> np.ndarray:
    import igraph as ig

    opts = ig.ARPACKOptions()
    opts.tol = _tol(setting, 0.0)
    return np.asarray(g.eigenvector_centrality(scale=False, weights="weight",
                                               arpack_options=opts))


def nk_eigenvector(g: Any, inputs: dict[str, Any], **setting: Any) -> np.ndarray:
    import networkit as nk

    e = nk.centrality.EigenvectorCentrality(g, tol=_tol(setting, 1e-9))
    e.run()
    return np.asarray(e.scores())


def nx_katz(g: Any, inputs: dict[str, Any], **setting: Any) -> np.ndarray:
    import networkx as nx

    return _nx_dict(nx.katz_centrality(g, alpha=inputs["alpha"], beta=1.0, weight="weight",
                                       max_iter=100_000, tol=_tol(setting, 1e-6)),
                    g.number_of_nodes())


def nk_katz(g: Any, inputs: dict[str, Any], **setting: Any) -> np.ndarray:
    import networkit as nk

    k = nk.centrality.KatzCentrality(g, alpha=inputs["alpha"], beta=1.0, tol=_tol(setting, 1e-8))
    k.run()
    return np.asarray(k.scores())


def nx_core(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    import networkx as nx

    return _nx_dict(nx.core_number(g), g.number_of_nodes())


def ig_core(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    return np.asarray(g.coreness(mode="all"), dtype=float)


def nk_core(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    import networkit as nk

    c = nk.centrality.CoreDecomposition(g)  # the parallel algorithm (ParK) by default
    c.run()
    return np.asarray(c.scores())


def _nx_scale(g_n: int, directed: bool) -> float:
    """Factor from 'fraction of ordered pairs' to networkx's normalised betweenness."""
    return g_n / (g_n - 2) if g_n > 2 else 1.0


def ig_betweenness(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    n = g.vcount()
    b = np.asarray(g.betweenness(directed=g.is_directed()))
    pairs = (n - 1) * (n - 2) / (1 if g.is_directed() else 2)
    return b / pairs


def nk_betweenness(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    import networkit as nk

    b = nk.centrality.Betweenness(g, normalized=True)
    b.run()
    return np.asarray(b.scores())


def nk_approx_betweenness(g: Any, inputs: dict[str, Any], **setting: Any) -> np.ndarray:
    import networkit as nk

    b = nk.centrality.ApproxBetweenness(g, epsilon=float(setting.get("epsilon", 0.05)),
                                        delta=0.1)
    b.run()
    return np.asarray(b.scores()) * _nx_scale(g.numberOfNodes(), g.isDirected())


def nk_kadabra(g: Any, inputs: dict[str, Any], **setting: Any) -> np.ndarray:
    import networkit as nk

    b = nk.centrality.KadabraBetweenness(g, float(setting.get("epsilon", 0.05)), 0.1)
    b.run()
    # KADABRA's scores on an undirected graph are twice networkx's normalised values
    # (ratio 1.94-2.06 on the top actors of a 3,000-actor network against exact)
    half = 1.0 if g.isDirected() else 0.5
    return np.asarray(b.scores()) * half * _nx_scale(g.numberOfNodes(), g.isDirected())


def ig_harmonic(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    mode = "in" if g.is_directed() else "all"
    return np.asarray(g.harmonic_centrality(mode=mode, normalized=False))


def nk_harmonic(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    import networkit as nk

    h = nk.centrality.HarmonicCloseness(g, normalized=False)
    h.run()
    return np.asarray(h.scores())


def nx_constraint(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    import networkx as nx

    return _nx_dict(nx.constraint(g, weight="weight"), g.number_of_nodes())


def ig_constraint(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    return np.asarray(g.constraint(weights="weight"))


def ig_leiden(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    h = g.as_undirected(combine_edges="max") if g.is_directed() else g
    return np.asarray(h.community_leiden(objective_function="modularity", weights="weight",
                                         n_iterations=2).membership, dtype=float)


# ----------------------------------------------------------------------------- references
def _references(network: Any, inputs: dict[str, Any], names: list[str], workdir: Path,
                n_actors: int) -> dict[str, Any]:
    """Tight references for the accuracy stages; each saved as ``ref-<name>-<n>.npy``."""
    from scipy.sparse.linalg import LinearOperator, cg, eigsh

    from infnet.algorithms import betweenness, centrality

    out: dict[str, Any] = {}
    mt = network.in_matrix("strength")
    n = network.n_actors
    lam = None
    for name in names:
        t0 = time.perf_counter()
        if name == "pagerank":
            x = centrality.pagerank(network, tol=1e-13, max_iter=1_000_000)
            how = "infnet power iteration, L1 error bound < 1e-13"
        elif name == "personalized_pagerank":
            x = centrality.personalized_pagerank(network, inputs["seeds"], tol=1e-13,
                                                 max_iter=1_000_000)
            how = "infnet power iteration, L1 error bound < 1e-13"
        elif name in ("eigenvector_centrality", "katz_centrality") and network.directed:
            msg = "references for directed spectral stages are not implemented"
            raise NotImplementedError(msg)
        elif name == "eigenvector_centrality":
            vals, vec = eigsh(mt, k=1, which="LA", v0=np.full(n, 1.0 / np.sqrt(n)), tol=1e-15,
                              maxiter=100_000)
            lam = float(vals[0])
            x = vec[:, 0] * np.sign(vec[:, 0].sum())
            how = "ARPACK eigsh (Lanczos) tol=1e-15"
        elif name == "katz_centrality":
            if lam is None:
                lam = float(eigsh(mt, k=1, which="LA", tol=1e-10, return_eigenvectors=False)[0])
            alpha = 0.9 / lam
            op = LinearOperator((n, n), matvec=lambda v, a=alpha: v - a * (mt @ v),
                                dtype=np.float64)
            x, code = cg(op, np.ones(n), rtol=1e-15, atol=0.0, maxiter=100_000)
            how = f"conjugate gradients rtol=1e-15 (info {code}), alpha = 0.9 / lambda_max"
            out["alpha"] = alpha
        elif name == "betweenness":
            x = betweenness.betweenness_centrality(network, normalized=True)
            how = "infnet exact Brandes (checked against igraph and NetworKit in the same run)"
        else:  # pragma: no cover - table error
            raise ValueError(name)
        path = workdir / f"ref-{name}-{n_actors}.npy"
        np.save(path, np.asarray(x, float))
        out[name] = {"path": str(path), "how": how, "time_s": time.perf_counter() - t0}
    return out


def _normalise(x: np.ndarray, norm: str) -> np.ndarray:
    x = np.asarray(x, float)
    if norm == "sum1":
        return x / x.sum()
    if norm == "l2":
        s = np.sign(x.sum()) or 1.0
        return s * x / np.linalg.norm(x)
    return x


def _accuracy(acc: dict[str, Any], x: np.ndarray, ref: np.ndarray) -> dict[str, Any]:
    if acc.get("kind") == "sampled":
        k = acc["top_k"]
        diff = np.abs(x - ref)
        top_ref = np.argsort(-ref, kind="stable")[:k]
        top_x = np.argsort(-x, kind="stable")[:k]
        rel = diff[top_ref] / ref[top_ref]
        overlap = len(set(top_ref.tolist()) & set(top_x.tolist())) / k
        return {"max_abs_error": float(diff.max()), "max_rel_error_top_k": float(rel.max()),
                f"top_{k}_overlap": overlap, "largest_true": float(ref.max()),
                "reached": bool(overlap >= acc["target_overlap"])}
    a, b = _normalise(x, acc["norm"]), _normalise(ref, acc["norm"])
    l1 = float(np.abs(a - b).sum())
    return {"l1_error": l1, "max_abs_error": float(np.abs(a - b).max()),
            "reached": bool(l1 <= acc["target"])}


# ----------------------------------------------------------------------------- worker
def _resolve(path: str) -> Any:
    module, _, attr = path.partition(":")
    obj: Any = sys.modules[__name__] if module == "benchmarks.run" else importlib.import_module(module)
    for part in attr.split("."):
        obj = getattr(obj, part)
    return obj


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        return False
    return True


def _peak_mb() -> float:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def thread_env(threads: int, cold_cache: str | None = None) -> dict[str, str]:
    """Environment of a measurement process: every thread pool at `threads`."""
    env = dict(os.environ)
    for var in ("NUMBA_NUM_THREADS", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
                "MKL_NUM_THREADS"):
        env[var] = str(threads)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(HERE.parent)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])
    if cold_cache is not None:
        env["NUMBA_CACHE_DIR"] = cold_cache
    return env


def _limit_threads(threads: int) -> dict[str, Any]:
    """Limit this process to `threads` cores for every library; return what holds."""
    cpus = sorted(os.sched_getaffinity(0))
    os.sched_setaffinity(0, set(cpus[:threads]))
    import numba

    numba.set_num_threads(min(threads, numba.config.NUMBA_NUM_THREADS))
    held: dict[str, Any] = {"affinity": len(os.sched_getaffinity(0)),
                            "numba": numba.get_num_threads(),
                            "omp_env": os.environ.get("OMP_NUM_THREADS")}
    with contextlib.suppress(ImportError):
        import networkit as nk

        nk.engineering.setNumberOfThreads(threads)
        held["networkit"] = nk.getMaxNumberOfThreads()
    return held


def _inputs(network: Any, truth: dict[str, Any], need: list[str], rng: int = 0) -> dict[str, Any]:
    inputs: dict[str, Any] = {"network": network}
    from infnet.targets import Target

    inputs["w"] = np.asarray(Target.from_dict(truth["target"]).weights(network), float)
    seg = network.attribute("segment")
    inputs["seeds"] = (np.asarray(seg) == truth["target_segment"]).astype(float)
    inputs["target"] = truth["target"]
    if "frames" in need:
        actors, ties = network.to_frames()
        order = np.random.default_rng(rng).permutation(len(ties))
        inputs["frames"] = (actors, ties.iloc[order].reset_index(drop=True))
    return inputs


def _settings(stage: dict[str, Any], library: str, n: int,
              fixed: dict[str, Any] | None) -> list[dict[str, Any]]:
    if fixed is not None:
        return [fixed]
    lad = stage.get("ladder", {}).get(library)
    if lad is None:
        return [{}]
    scale = 1.0 / n if lad["scale_n"] else 1.0
    return [{lad["key"]: v * scale} for v in lad["values"]]


def _make_call(stage: dict[str, Any], library: str, network: Any, inputs: dict[str, Any],
               graph: Any, setting: dict[str, Any]) -> Any:
    """A no-argument callable running the stage with `setting`, or a status record."""
    need = list(stage.get("args", []))
    kwargs = dict(stage.get("kwargs", {})) | setting
    if library == "infnet":
        try:
            fn = _resolve(stage["infnet"])
        except (ImportError, AttributeError) as exc:
            return {"status": "not available", "detail": f"{type(exc).__name__}: {exc}"}
        if stage.get("alpha"):
            kwargs["alpha"] = inputs["alpha"]
        args: list[Any] = []
        for a in need:
            args.extend(inputs[a] if a == "frames" else [inputs[a]])
        if "frames" in need:
            return lambda: fn(*args, **kwargs)
        return lambda: fn(network, *args, **kwargs)
    peer = getattr(sys.modules[__name__], stage["peers"][library])
    if "frames" in need:
        return lambda: peer(graph, inputs, directed=bool(kwargs.get("directed")))
    return lambda: peer(graph, inputs, **setting)


def _as_vector(result: Any, n: int) -> np.ndarray | None:
    if type(result).__name__ == "Network":
        return np.array([float(result.n_ties)])
    if isinstance(result, float | int | np.floating | np.integer):
        return np.array([float(result)])
    if isinstance(result, tuple) and result and isinstance(result[0], np.ndarray):
        result = result[0]
    arr = np.asarray(result) if isinstance(result, np.ndarray | list) else None
    if arr is not None and arr.shape == (n,) and np.issubdtype(arr.dtype, np.number):
        return arr.astype(float)
    return None


def _product_extras(result: Any, truth: dict[str, Any]) -> dict[str, Any]:
    import pandas as pd

    if not isinstance(result, pd.DataFrame):
        return {}
    top = result.loc[~result["excluded"], "actor"].to_numpy() if "excluded" in result else []
    out: dict[str, Any] = {"precision_at_50": float(np.isin(top, truth["planted"]).mean())
                           if len(top) else None}
    for key in ("expected_reach", "rr_sets"):
        if key in result.attrs:
            with contextlib.suppress(TypeError, ValueError):
                out[key] = float(result.attrs[key])
    return out


def worker(spec: dict[str, Any]) -> dict[str, Any]:
    """Run one (stage, library) measurement in this process and return the record."""
    held = _limit_threads(int(spec["threads"]))
    stage = STAGE_BY_NAME[spec["stage"]]
    library = spec["library"]
    cold = bool(spec.get("cold"))
    need = list(stage.get("args", []))
    warnings.simplefilter("ignore")
    extra_inputs = {"alpha": spec.get("alpha")}
    if library != "infnet":
        try:
            importlib.import_module({"scipy": "scipy"}.get(library, library.split("_")[0]))
        except ImportError as exc:
            return {"status": "not installed", "detail": str(exc)}
    if library == "infnet" and not cold:
        # warm-up on a small network: JIT compilation and caches are not timed
        from infnet.synthetic import business_network

        small, small_truth = business_network(300, mean_degree=8, rng=0, return_truth=True)
        sm_inputs = _inputs(small, _truth_dict(small_truth), need) | extra_inputs
        if stage.get("alpha"):
            sm_inputs["alpha"] = None
        settings = _settings(stage, library, small.n_actors, spec.get("setting"))
        warm = _make_call(stage, library, small, sm_inputs, None, settings[0])
        if isinstance(warm, dict):
            return warm
        with contextlib.suppress(Exception):  # the timed call reports any error
            warm()
    with open(spec["network"], "rb") as fh:
        network, truth = pickle.load(fh)
    inputs = _inputs(network, truth, need) | extra_inputs
    record: dict[str, Any] = {"threads": held}
    t0 = time.perf_counter()
    try:
        graph = None if library == "infnet" or "frames" in need else peer_graph(
            library, network, bool(stage.get("unweighted")))
    except Exception as exc:  # noqa: BLE001 - reported, never fatal
        return {"status": "error", "detail": f"conversion: {type(exc).__name__}: {exc}"[:300]}
    if graph is not None:
        record["convert_s"] = time.perf_counter() - t0
    acc = stage.get("accuracy") if spec.get("reference") else None
    ref = np.load(spec["reference"]) if acc else None
    tries: list[dict[str, Any]] = []
    result = None
    for setting in _settings(stage, library, network.n_actors, spec.get("setting")):
        call = _make_call(stage, library, network, inputs, graph, setting)
        if isinstance(call, dict):
            return call
        base = _rss_mb()
        _reset_peak()
        try:
            t0 = time.perf_counter()
            result = call()
            elapsed = time.perf_counter() - t0
        except Exception as exc:  # noqa: BLE001 - any failure is reported, never fatal
            tries.append({"setting": setting, "status": "error",
                          "detail": f"{type(exc).__name__}: {exc}"[:300]})
            continue
        one: dict[str, Any] = {"setting": setting, "status": "ok", "time_s": elapsed,
                               "peak_rss_mb": _peak_mb(), "base_rss_mb": base,
                               "extra_mb": max(0.0, _peak_mb() - base)}
        vec = _as_vector(result, network.n_actors)
        if acc is not None and vec is not None and ref is not None:
            one["accuracy"] = _accuracy(acc, vec, ref)
        tries.append(one)
        if "accuracy" not in one or one["accuracy"]["reached"]:
            break
    ok = [t for t in tries if t["status"] == "ok"]
    if not ok:
        return record | (tries[-1] if tries else {"status": "error", "detail": "no call"})
    chosen = ok[-1]
    record |= {k: v for k, v in chosen.items() if k != "status"} | {"status": "ok"}
    record["tries"] = tries
    if acc is not None and "accuracy" in chosen and not chosen["accuracy"]["reached"]:
        record["target_missed"] = True
    # short calls: repeat the chosen setting, keep the minimum (not for cold first calls)
    if not cold and chosen["time_s"] < 0.2:
        call = _make_call(stage, library, network, inputs, graph, chosen["setting"])
        times = [chosen["time_s"]]
        while sum(times) < 0.5 and len(times) < 5:
            t0 = time.perf_counter()
            call()
            times.append(time.perf_counter() - t0)
        record["time_s"], record["repeats"] = min(times), len(times)
    vec = _as_vector(result, network.n_actors)
    if vec is not None and spec.get("out"):
        np.save(spec["out"], vec)
        record["result"] = spec["out"]
    if stage["name"].startswith("rank_influentials"):
        record |= _product_extras(result, truth)
    return record


def _truth_dict(truth: Any) -> dict[str, Any]:
    return {"planted": list(truth.planted), "target": truth.target,
            "target_segment": truth.target_segment}


# ----------------------------------------------------------------------------- parent
def _run_sub(args: list[str], spec: dict[str, Any], timeout: float, env: dict[str, str],
             nice: int) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), *args, json.dumps(spec)]
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env,
                              check=False, preexec_fn=(lambda: os.nice(nice)) if nice else None)
    except subprocess.TimeoutExpired:
        return {"status": "timeout", "detail": f"exceeded {timeout:.0f} s"}
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        return {"status": "error", "detail": " | ".join(tail)[:300]}
    try:
        record = json.loads(proc.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"status": "error", "detail": proc.stdout[-300:]}
    record["wall_s"] = time.perf_counter() - t0
    return record


def _measure(spec: dict[str, Any], timeout: float, in_process: bool) -> dict[str, Any]:
    if in_process:
        t0 = time.perf_counter()
        try:
            record = worker(spec)
        except Exception as exc:  # noqa: BLE001
            record = {"status": "error", "detail": f"{type(exc).__name__}: {exc}"[:300]}
        record["wall_s"] = time.perf_counter() - t0
        return record
    cold_dir = tempfile.mkdtemp(prefix="infnet-numba-cold-") if spec.get("cold") else None
    try:
        return _run_sub(["--worker"], spec, timeout, thread_env(spec["threads"], cold_dir), 0)
    finally:
        if cold_dir:
            shutil.rmtree(cold_dir, ignore_errors=True)


def _agreement(kind: str, a: np.ndarray, b: np.ndarray) -> dict[str, Any]:
    from scipy import stats

    if kind == "count":
        return {"infnet": float(a[0]), "peer": float(b[0]), "agree": bool(a[0] == b[0])}
    if a.shape != b.shape:
        return {"agree": False, "detail": f"shapes {a.shape} vs {b.shape}"}
    ok = np.isfinite(a) & np.isfinite(b)
    x, y = a[ok], b[ok]
    if kind == "rank":
        x = x / (np.abs(x).max() or 1.0)
        y = y / (np.abs(y).max() or 1.0)
    diff = float(np.max(np.abs(x - y))) if x.size else float("nan")
    rho = (float(stats.spearmanr(x, y).statistic) if x.size > 2 and x.std() and y.std()
           else float("nan"))
    tol = 1e-6 * max(1.0, float(np.abs(y).max(initial=0.0)))
    agree = diff <= tol if kind == "values" else rho >= 0.9
    return {"max_abs_diff": diff, "spearman": rho, "nan_mismatch": int((~ok).sum()),
            "agree": bool(agree)}


def parse_size(text: str) -> int:
    t = text.strip().lower()
    mult = {"k": 1_000, "m": 1_000_000}.get(t[-1], 1)
    return int(float(t[:-1] if mult > 1 else t) * mult)


def _size_label(n: int) -> str:
    return f"{n // 1_000_000}m" if n % 1_000_000 == 0 else (f"{n // 1000}k" if n % 1000 == 0 else str(n))


def run_size(n_actors: int, ties_per_actor: float, stages: list[dict[str, Any]],
             peers: list[str], timeout: float, workdir: Path, *, threads: int,
             found: dict[tuple[str, str], dict[str, Any]], rng: int = 0,
             in_process: bool = False, deadline: float | None = None,
             out: dict[str, Any] | None = None, on_row: Any = None) -> dict[str, Any]:
    """Measure `stages` at one size; `found` carries sampled settings to larger sizes."""
    from infnet.synthetic import business_network

    t0 = time.perf_counter()
    net, truth = business_network(n_actors, mean_degree=2 * ties_per_actor, rng=rng,
                                  return_truth=True)
    gen_s = time.perf_counter() - t0
    path = workdir / f"net-{n_actors}.pkl"
    tdict = _truth_dict(truth)
    with open(path, "wb") as fh:
        pickle.dump((net, tdict), fh, protocol=5)
    out = {} if out is None else out
    out |= {"n_actors": net.n_actors, "n_ties": net.n_ties,
                           "stored_entries": int(net.strength.nnz), "directed": net.directed,
                           "generator": f"business_network({n_actors}, mean_degree="
                                        f"{2 * ties_per_actor:g}, rng={rng})",
                           "generator_s": gen_s, "load_at_start": os.getloadavg(),
                           "stages": [], "references": {}}
    # references of the accuracy stages, in one process (their time is recorded)
    wanted = []
    for s in stages:
        acc = s.get("accuracy")
        if acc is None:
            continue
        if acc.get("kind") == "sampled" and net.n_ties > 300_000:
            continue  # exact betweenness not feasible: reuse the settings found at a smaller size
        wanted.append(acc["reference"])
    if wanted:
        spec = {"network": str(path), "names": sorted(set(wanted)), "workdir": str(workdir),
                "n": n_actors, "threads": threads}
        t0 = time.perf_counter()
        if in_process:
            refs = reference_worker(spec)
        else:
            refs = _run_sub(["--reference"], spec, max(timeout, 600.0), thread_env(threads), 0)
        out["references"] = refs
        print(f"  references {sorted(set(wanted))}: {time.perf_counter() - t0:.1f} s "
              f"{refs.get('status', '')} {refs.get('detail', '')}", flush=True)
    refs = out["references"]
    floor: float | None = None
    for stage in stages:
        rows = []
        libs = ["infnet"] + [p for p in stage.get("peers", {}) if p.split("_")[0] in peers
                             or p in peers]
        modes = [(lib, False) for lib in libs]
        if stage.get("cold"):
            modes = [("infnet", True), ("infnet", False)]
        acc = stage.get("accuracy")
        for lib, cold in modes:
            directed = bool(stage.get("directed", False)) or bool(net.directed)
            row: dict[str, Any] = {"stage": stage["name"], "library": lib,
                                   "mode": "first call" if cold else "warm",
                                   "directed": directed, "threads_requested": threads}
            cap = stage.get("max_ties")
            pcap = stage.get("peer_max_ties", {}).get(lib)
            if deadline is not None and time.time() > deadline:
                row |= {"status": "skipped", "detail": "not run: the run's deadline passed"}
            elif cap is not None and net.n_ties > cap:
                row |= {"status": "skipped", "detail": f"size cap (n_ties > {cap:,})"}
            elif pcap is not None and net.n_ties > pcap:
                row |= {"status": "skipped", "detail": f"{lib} time cap (n_ties > {pcap:,})"}
            else:
                spec: dict[str, Any] = {
                    "stage": stage["name"], "library": lib, "network": str(path),
                    "threads": threads, "cold": cold,
                    "out": str(workdir / f"{stage['name']}-{lib}-{n_actors}.npy"),
                    "alpha": refs.get("alpha")}
                if acc is not None and acc["reference"] in refs:
                    spec["reference"] = refs[acc["reference"]]["path"]
                elif acc is not None and (stage["name"], lib) in found:
                    spec["setting"] = found[(stage["name"], lib)]
                    row["setting_from"] = "found at a smaller size where exact is feasible"
                left = timeout if deadline is None else max(30.0, min(timeout, deadline - time.time()))
                row |= _measure(spec, left, in_process)
                if (acc is not None and acc.get("kind") == "sampled" and "reference" in spec
                        and row.get("status") == "ok"):
                    # the setting that reached the target, else the tightest tried
                    found[(stage["name"], lib)] = row["setting"]
            rows.append(row)
            print(f"  {n_actors:>9,} {stage['name']:<32} {lib:<18} {row['mode']:<10} "
                  f"{row['status']:<8} {row.get('time_s', float('nan')):9.3f} s "
                  f"{row.get('extra_mb', float('nan')):8.1f} MB {row.get('setting', '')} "
                  f"{_short_acc(row)} {row.get('detail', '')}", flush=True)
        ref = next((r for r in rows if r["library"] == "infnet" and r["mode"] == "warm"), rows[0])
        if stage["name"] == "floor_spmv" and ref["status"] == "ok":
            floor = ref["time_s"]
        for row in rows:
            if row["status"] != "ok":
                continue
            if floor:
                row["x_floor_spmv"] = row["time_s"] / floor
            if row["library"] != "infnet" and ref["status"] == "ok":
                row["ratio"] = ref["time_s"] / row["time_s"]  # infnet / peer
                if stage.get("compare", "none") != "none" and "result" in ref and "result" in row:
                    row["agreement"] = _agreement(stage["compare"], np.load(ref["result"]),
                                                  np.load(row["result"]))
        for row in rows:
            row.pop("result", None)
        out["stages"].extend(rows)
        if on_row is not None:
            on_row()
    out["load_at_end"] = os.getloadavg()
    path.unlink(missing_ok=True)
    return out


def _short_acc(row: dict[str, Any]) -> str:
    a = row.get("accuracy")
    if not a:
        return ""
    if "l1_error" in a:
        return f"L1 {a['l1_error']:.2g}{'' if a['reached'] else ' (target missed)'}"
    over = next((v for k, v in a.items() if k.startswith("top_")), None)
    return f"max err {a['max_abs_error']:.2g} overlap {over}"


def reference_worker(spec: dict[str, Any]) -> dict[str, Any]:
    """Compute the tight references of one size (own process, `threads` threads)."""
    _limit_threads(int(spec["threads"]))
    with open(spec["network"], "rb") as fh:
        network, truth = pickle.load(fh)
    inputs = _inputs(network, truth, [])
    return _references(network, inputs, spec["names"], Path(spec["workdir"]), spec["n"])


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for mod in ("infnet", "numpy", "scipy", "pandas", "numba", "networkx", "igraph", "networkit",
                "psutil"):
        try:
            out[mod] = str(importlib.import_module(mod).__version__)
        except Exception:  # noqa: BLE001
            out[mod] = "absent"
    return out


def _machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {"platform": platform.platform(), "cpu": cpu, "cpus": os.cpu_count(),
            "cpus_usable": len(os.sched_getaffinity(0)),
            "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
            "nice": os.nice(0)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", choices=sorted(SUITES),
                        help="a named set of sizes and stages (readme: every published number)")
    parser.add_argument("--sizes", default="",
                        help="actors per run, e.g. 10k,100k,1m (with --suite: only these of it)")
    parser.add_argument("--ties-per-actor", type=float, default=10.0,
                        help="ties per actor (n_ties ~ n_actors * this); default 10")
    parser.add_argument("--threads", type=int, default=1,
                        help="threads for every library in every row (default 1)")
    parser.add_argument("--quick", action="store_true",
                        help="one tiny size (300 actors), in this process: the CI smoke run")
    parser.add_argument("--in-process", action="store_true",
                        help="measure in this process (fast; peak memory less attributable)")
    parser.add_argument("--stages", default="", help="comma-separated stage names (default all)")
    parser.add_argument("--peers", default="scipy,networkx,igraph,networkit")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per measurement")
    parser.add_argument("--deadline", default="",
                        help="HH:MM (local clock): stages not started by then are reported 'not run'")
    parser.add_argument("--label", default="", help="run folder label (default: suite or 'adhoc')")
    parser.add_argument("--out", default=str(HERE / "results"))
    parser.add_argument("--resume", action="store_true",
                        help=("continue the run folder of today's --label: keep its finished sizes "
                              "(and the sampled settings found there), run the others"))
    parser.add_argument("--no-docs", action="store_true",
                        help="with --suite readme: do not rewrite README.md / docs/performance.md")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--reference", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(json.loads(args.worker))))
        return 0
    if args.reference:
        print(json.dumps(reference_worker(json.loads(args.reference))))
        return 0
    in_process = args.in_process or args.quick
    timeout = min(args.timeout, 120.0) if args.quick else args.timeout
    wanted = [s for s in args.stages.split(",") if s]
    unknown = set(wanted) - set(STAGE_BY_NAME)
    if unknown:
        parser.error(f"unknown stages {sorted(unknown)}; known: {list(STAGE_BY_NAME)}")
    plan: list[tuple[int, list[dict[str, Any]]]] = []
    if args.suite:
        only = {parse_size(s) for s in args.sizes.split(",") if s}
        for size, names in SUITES[args.suite]:
            n = parse_size(size)
            if not only or n in only:
                plan.append((n, [STAGE_BY_NAME[s] for s in names if not wanted or s in wanted
                                 or s == "floor_spmv"]))
    else:
        sizes = [300] if args.quick else [parse_size(s) for s in (args.sizes or "10k,100k").split(",")]
        names = wanted or (list(QUICK_STAGES) if args.quick else list(STAGE_BY_NAME))
        stages = [s for s in STAGES if s["name"] in names or s["name"] == "floor_spmv"]
        plan = [(n, stages) for n in sizes]
    peers = [p for p in args.peers.split(",") if p]
    deadline = None
    if args.deadline:
        hh, mm = (int(x) for x in args.deadline.split(":"))
        now = dt.datetime.now()
        target = now.replace(hour=hh, minute=mm, second=0, microsecond=0)
        if target < now - dt.timedelta(hours=1):
            target += dt.timedelta(days=1)
        deadline = target.timestamp()
    now = dt.datetime.now()
    label = args.label or args.suite or ("quick" if args.quick else "adhoc")
    run_dir = Path(args.out) / f"{now:%Y-%m-%d}-{label}"
    run_dir.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"meta": {
        "date": now.isoformat(timespec="seconds"),
        "command": "python benchmarks/run.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "suite": args.suite, "machine": _machine(), "versions": _versions(),
        "threads": {"every_library": args.threads,
                    "how": "CPU affinity, NUMBA_NUM_THREADS, OMP_NUM_THREADS, OPENBLAS/MKL "
                           "threads, networkit setNumberOfThreads"},
        "timeout_s": timeout, "in_process": in_process, "ties_per_actor": args.ties_per_actor,
        "load_at_start": os.getloadavg(),
    }, "sizes": []}
    json_path = run_dir / "results.json"

    def save() -> None:
        json_path.write_text(json.dumps(results, indent=1, default=str))

    found: dict[tuple[str, str], dict[str, Any]] = {}
    if args.resume and json_path.exists():
        old = json.loads(json_path.read_text())
        done = [s for s in old["sizes"] if "n_ties" in s and not s.get("in_progress")]
        results["sizes"] = done
        results["meta"]["resumed"] = {"earlier_command": old["meta"]["command"],
                                      "earlier_date": old["meta"]["date"],
                                      "earlier_load_at_start": old["meta"]["load_at_start"],
                                      "earlier_load_at_end": old["meta"].get("load_at_end")}
        results["meta"]["load_at_start"] = old["meta"]["load_at_start"]
        for s in done:
            for r in s["stages"]:
                if (r["status"] == "ok" and r.get("setting") and "accuracy" in r
                        and "top_50_overlap" in r["accuracy"]):
                    found[(r["stage"], r["library"])] = r["setting"]
        plan = [(n, st) for n, st in plan if n not in {s["n_actors"] for s in done}]
    with tempfile.TemporaryDirectory(prefix="infnet-bench-") as tmp:
        for n, stages in plan:
            print(f"size {n:,} actors", flush=True)
            size: dict[str, Any] = {"n_actors": n, "in_progress": True}
            results["sizes"].append(size)
            run_size(n, args.ties_per_actor, stages, peers, timeout, Path(tmp),
                     threads=args.threads, found=found, in_process=in_process,
                     deadline=deadline, out=size, on_row=save)
            size.pop("in_progress", None)
            save()
    results["meta"]["load_at_end"] = os.getloadavg()
    results["meta"]["finished"] = dt.datetime.now().isoformat(timespec="seconds")
    save()
    from benchmarks import report

    (run_dir / "results.md").write_text(report.results_markdown(results))
    print(f"wrote {json_path}, {run_dir / 'results.md'}")
    if args.suite == "readme" and not args.no_docs:
        changed = report.update_docs(results, run_dir)
        print("updated " + ", ".join(changed))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    sys.exit(main())
