"""Benchmark suite: infnet side by side with networkx, python-igraph and NetworKit.

One command runs every stage at the chosen sizes and writes, under ``--out``:

* ``results-<date>.json``: every measurement, with machine and library versions;
* ``results.md``: a markdown table per size;
* ``scaling.png``: time and peak memory of each infnet stage against ties (log-log).

Usage::

    python benchmarks/run.py --sizes 10k,100k,1m            # the full suite
    python benchmarks/run.py --quick                        # tiny smoke run (CI)
    python benchmarks/run.py --sizes 10k --stages pagerank,core_number

Each (stage, library) runs in its own subprocess, so its peak RSS belongs to it alone;
the subprocess loads the network (pickled once per size by the parent), builds the
peer graph, resets the kernel's peak-RSS mark (``/proc/self/clear_refs``), then times
the call. ``extra_mb`` is the peak RSS minus the RSS just before the call. Each
measurement has a timeout (``--timeout``). Stages whose infnet function cannot be
imported yet are reported as ``not available``, never as a failure. See README.md.
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
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent

# ----------------------------------------------------------------------------- stages
# name: stage name; infnet: "module:callable"; args: positional inputs after the network
# ("w" target weights, "ones", "planted" mask, "segment_codes", "kind_codes", "target",
# "frames"); kwargs: keyword arguments; peers: library -> peer function name in this file;
# compare: "values" (max abs diff + Spearman), "rank" (Spearman, values scaled to max 1),
# "count" (a scalar), "none"; max_ties: skip every library above this size (quadratic
# stages); nx_max_ties: skip networkx above this size (time cap).
STAGES: list[dict[str, Any]] = [
    {"name": "floor_spmv", "infnet": "benchmarks.run:floor_spmv", "compare": "none"},
    {"name": "floor_copy", "infnet": "benchmarks.run:floor_copy", "compare": "none"},
    {"name": "build", "infnet": "infnet.network:Network.from_frames", "args": ["frames"],
     "peers": {"networkx": "nx_build", "igraph": "ig_build"}, "compare": "count",
     "nx_max_ties": 2_000_000},
    {"name": "degree", "infnet": "infnet.algorithms.centrality:degree",
     "kwargs": {"weight": "strength"}, "peers": {"igraph": "ig_strength"}, "compare": "values"},
    {"name": "pagerank", "infnet": "infnet.algorithms.centrality:pagerank",
     "kwargs": {"tol": 1e-10, "max_iter": 1000},
     "peers": {"networkx": "nx_pagerank", "igraph": "ig_pagerank", "networkit": "nk_pagerank"},
     "compare": "values", "nx_max_ties": 2_000_000},
    {"name": "personalized_pagerank", "infnet": "infnet.algorithms.centrality:personalized_pagerank",
     "args": ["w"], "kwargs": {"tol": 1e-10, "max_iter": 1000},
     "peers": {"networkx": "nx_ppr", "igraph": "ig_ppr"}, "compare": "values",
     "nx_max_ties": 2_000_000},
    {"name": "eigenvector_centrality", "infnet": "infnet.algorithms.centrality:eigenvector_centrality",
     "kwargs": {"max_iter": 1000}, "peers": {"igraph": "ig_eigenvector"}, "compare": "rank"},
    {"name": "katz_centrality", "infnet": "infnet.algorithms.centrality:katz_centrality",
     "kwargs": {"alpha": 0.005}, "peers": {"networkx": "nx_katz"}, "compare": "rank",
     "nx_max_ties": 500_000},
    {"name": "harmonic_centrality", "infnet": "infnet.algorithms.centrality:harmonic_centrality",
     "peers": {"networkx": "nx_harmonic", "igraph": "ig_harmonic", "networkit": "nk_harmonic"},
     "compare": "values", "max_ties": 300_000, "nx_max_ties": 50_000},
    {"name": "core_number", "infnet": "infnet.algorithms.centrality:core_number",
     "peers": {"networkx": "nx_core", "igraph": "ig_core", "networkit": "nk_core"},
     "compare": "values", "nx_max_ties": 2_000_000},
    {"name": "betweenness_centrality", "infnet": "infnet.algorithms.betweenness:betweenness_centrality",
     "peers": {"networkx": "nx_betweenness", "igraph": "ig_betweenness", "networkit": "nk_betweenness"},
     "compare": "rank", "max_ties": 300_000, "nx_max_ties": 50_000},
    {"name": "approximate_betweenness", "infnet": "infnet.algorithms.betweenness:approximate_betweenness",
     "kwargs": {"epsilon": 0.05, "delta": 0.1, "rng": 0},
     # NetworKit's KadabraBetweenness (nk_kadabra) aborts the process on graphs with
     # isolated actors (NetworKit 11.3: "source node not in the graph"), so it is not listed
     "peers": {"networkit": "nk_approx_betweenness"},
     "compare": "rank"},
    {"name": "constraint", "infnet": "infnet.algorithms.bridging:constraint",
     "peers": {"networkx": "nx_constraint", "igraph": "ig_constraint"}, "compare": "values",
     "nx_max_ties": 200_000},
    {"name": "effective_size", "infnet": "infnet.algorithms.bridging:effective_size",
     "peers": {"networkx": "nx_effective_size"}, "compare": "values", "nx_max_ties": 200_000},
    {"name": "local_bridges", "infnet": "benchmarks.run:infnet_local_bridges",
     "peers": {"networkx": "nx_local_bridges"}, "compare": "count", "nx_max_ties": 500_000},
    {"name": "overlap", "infnet": "infnet.algorithms.bridging:overlap", "compare": "none"},
    {"name": "participation_coefficient",
     "infnet": "infnet.algorithms.bridging:participation_coefficient",
     "args": ["segment_codes"], "compare": "none"},
    {"name": "brokerage_roles", "infnet": "infnet.algorithms.bridging:brokerage_roles",
     "args": ["kind_codes"], "compare": "none"},
    {"name": "communities", "infnet": "infnet.algorithms.bridging:communities",
     "peers": {"igraph": "ig_leiden"}, "compare": "none"},
    {"name": "direct_reach", "infnet": "infnet.algorithms.reach:direct_reach", "args": ["w"],
     "compare": "none"},
    {"name": "target_share", "infnet": "infnet.algorithms.reach:target_share", "args": ["w"],
     "compare": "none"},
    {"name": "khop_reach_exact", "infnet": "infnet.algorithms.reach:khop_reach",
     "args": ["ones"], "kwargs": {"hops": 2, "method": "exact"},
     "peers": {"igraph": "ig_neighborhood_size"}, "compare": "values", "max_ties": 20_000_000},
    {"name": "khop_reach_sketch", "infnet": "infnet.algorithms.reach:khop_reach",
     "args": ["ones"], "kwargs": {"hops": 2, "method": "sketch"},
     "peers": {"igraph": "ig_neighborhood_size"}, "compare": "rank", "max_ties": 20_000_000},
    {"name": "expected_reach", "infnet": "infnet.algorithms.diffusion:expected_reach",
     "args": ["w", "planted"], "kwargs": {"rng": 0, "model": "weighted_cascade"},
     "compare": "none"},
    {"name": "imm", "infnet": "infnet.algorithms.diffusion:imm", "args": ["w"],
     "kwargs": {"k": 50, "rng": 0, "model": "weighted_cascade", "epsilon": 0.3},
     "compare": "none"},
    {"name": "warm_paths", "infnet": "infnet.algorithms.paths:warm_paths", "compare": "none"},
    {"name": "rank_influentials", "infnet": "infnet.ranking:rank_influentials",
     "args": ["target"], "kwargs": {"k": 50, "rng": 0, "kind": "external"}, "compare": "none"},
    {"name": "rank_influentials_complementary", "infnet": "infnet.ranking:rank_influentials",
     "args": ["target"], "kwargs": {"k": 50, "rng": 0, "kind": "external", "complementary": True},
     "compare": "none"},
]

#: Stages of ``--quick`` (unless --stages is given): cheap ones that exercise every path
#: (floors, a build with peers, iterative and combinatorial measures, reach).
QUICK_STAGES = ("build", "degree", "pagerank", "core_number", "direct_reach", "khop_reach_exact")


# ----------------------------------------------------------------------------- floors
def floor_spmv(network: Any) -> np.ndarray:
    """One CSR sparse matrix-vector product with the strength matrix."""
    return network.strength @ np.ones(network.n_actors)


def floor_copy(network: Any) -> np.ndarray:
    """A memory copy of the network's CSR arrays."""
    s = network.strength
    return np.array([s.data.copy().size, s.indices.copy().size, s.indptr.copy().size], float)


def infnet_local_bridges(network: Any) -> float:
    """Number of local bridges (ties), from infnet's per-actor counts."""
    from infnet.algorithms.bridging import n_local_bridges

    return float(np.sum(n_local_bridges(network)) / (1 if network.directed else 2))


# ----------------------------------------------------------------------------- peers
def _pairs(network: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    coo = network.strength.tocoo()
    r, c, d = coo.row.astype(np.int64), coo.col.astype(np.int64), coo.data
    if not network.directed:
        keep = r < c
        r, c, d = r[keep], c[keep], d[keep]
    return r, c, d


def peer_graph(library: str, network: Any) -> Any:
    """Build the peer library's graph (same actors 0..n-1 in network order, weight = strength)."""
    r, c, d = _pairs(network)
    n = network.n_actors
    if library == "networkx":
        import networkx as nx

        g = nx.DiGraph() if network.directed else nx.Graph()
        g.add_nodes_from(range(n))
        g.add_weighted_edges_from(zip(r.tolist(), c.tolist(), d.tolist(), strict=True))
        return g
    if library == "igraph":
        import igraph as ig

        g = ig.Graph(n=n, edges=np.column_stack([r, c]), directed=network.directed)
        g.es["weight"] = d
        return g
    if library.startswith("networkit"):
        import networkit as nk

        nk.engineering.setNumberOfThreads(1)
        g = nk.Graph(n, weighted=True, directed=network.directed)
        g.addEdges((d, (r, c)))
        return g
    msg = f"unknown peer library {library!r}"
    raise ValueError(msg)


def _nx_dict(values: dict[Any, float], n: int) -> np.ndarray:
    out = np.full(n, np.nan)
    for k, v in values.items():
        out[k] = v
    return out


def nx_build(g: Any, inputs: dict[str, Any]) -> float:
    import networkx as nx

    _, ties = inputs["frames"]
    cls = nx.DiGraph if inputs["network"].directed else nx.Graph
    return float(nx.from_pandas_edgelist(ties, edge_attr="strength", create_using=cls)
                 .number_of_edges())


def ig_build(g: Any, inputs: dict[str, Any]) -> float:
    import igraph as ig

    actors, ties = inputs["frames"]
    h = ig.Graph.DataFrame(ties, directed=inputs["network"].directed, vertices=actors[["id"]],
                           use_vids=False)
    return float(h.ecount())


def ig_strength(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    mode = "out" if inputs["network"].directed else "all"
    return np.asarray(g.strength(mode=mode, weights="weight"))


def nx_pagerank(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    import networkx as nx

    return _nx_dict(nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-10, max_iter=1000),
                    g.number_of_nodes())


def ig_pagerank(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    return np.asarray(g.pagerank(damping=0.85, weights="weight"))


def nk_pagerank(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    import networkit as nk

    pr = nk.centrality.PageRank(g, damp=0.85, tol=1e-10)
    pr.norm = nk.centrality.Norm.L1_NORM
    pr.run()
    s = np.asarray(pr.scores())
    return s / s.sum()


def nx_ppr(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    import networkx as nx

    w = inputs["w"]
    pers = {i: float(w[i]) for i in np.flatnonzero(w)}
    return _nx_dict(nx.pagerank(g, alpha=0.85, personalization=pers, weight="weight",
                                tol=1e-10, max_iter=1000), g.number_of_nodes())


def ig_ppr(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    return np.asarray(g.personalized_pagerank(damping=0.85, reset=inputs["w"].tolist(),
                                              weights="weight"))


def ig_eigenvector(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    return np.asarray(g.eigenvector_centrality(scale=True, weights="weight"))


def nx_katz(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    import networkx as nx

    return _nx_dict(nx.katz_centrality(g, alpha=0.005, weight="weight", max_iter=2000,
                                       tol=1e-10), g.number_of_nodes())


def nx_harmonic(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    import networkx as nx

    return _nx_dict(nx.harmonic_centrality(g), g.number_of_nodes())


def ig_harmonic(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    mode = "in" if g.is_directed() else "all"
    return np.asarray(g.harmonic_centrality(mode=mode, normalized=False))


def nk_harmonic(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    import networkit as nk

    h = nk.centrality.HarmonicCloseness(nk.graphtools.toUnweighted(g), normalized=False)
    h.run()
    return np.asarray(h.scores())


def nx_core(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    import networkx as nx

    return _nx_dict(nx.core_number(g), g.number_of_nodes())


def ig_core(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    return np.asarray(g.coreness(mode="all"), dtype=float)


def nk_core(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    import networkit as nk

    c = nk.centrality.CoreDecomposition(nk.graphtools.toUnweighted(g))
    c.run()
    return np.asarray(c.scores())


def nx_betweenness(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    import networkx as nx

    return _nx_dict(nx.betweenness_centrality(g, normalized=True), g.number_of_nodes())


def ig_betweenness(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    return np.asarray(g.betweenness(directed=g.is_directed()))


def nk_betweenness(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    import networkit as nk

    b = nk.centrality.Betweenness(nk.graphtools.toUnweighted(g), normalized=True)
    b.run()
    return np.asarray(b.scores())


def nk_approx_betweenness(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    import networkit as nk

    b = nk.centrality.ApproxBetweenness(nk.graphtools.toUnweighted(g), epsilon=0.05, delta=0.1)
    b.run()
    return np.asarray(b.scores())


def nk_kadabra(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    import networkit as nk

    b = nk.centrality.KadabraBetweenness(nk.graphtools.toUnweighted(g), 0.05, 0.1)
    b.run()
    return np.asarray(b.scores())


def nx_constraint(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    import networkx as nx

    return _nx_dict(nx.constraint(g, weight="weight"), g.number_of_nodes())


def ig_constraint(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    return np.asarray(g.constraint(weights="weight"))


def nx_effective_size(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    import networkx as nx

    return _nx_dict(nx.effective_size(g), g.number_of_nodes())


def nx_local_bridges(g: Any, inputs: dict[str, Any]) -> float:
    import networkx as nx

    return float(sum(1 for _ in nx.local_bridges(g.to_undirected(as_view=True), with_span=False)))


def ig_leiden(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    h = g.as_undirected(combine_edges="max") if g.is_directed() else g
    return np.asarray(h.community_leiden(objective_function="modularity", weights="weight").membership,
                      dtype=float)


def ig_neighborhood_size(g: Any, inputs: dict[str, Any]) -> np.ndarray:
    mode = "out" if g.is_directed() else "all"
    return np.asarray(g.neighborhood_size(order=2, mode=mode, mindist=1), dtype=float)


# ----------------------------------------------------------------------------- worker
def _resolve(path: str) -> Any:
    module, _, attr = path.partition(":")
    if module == "benchmarks.run":
        obj: Any = sys.modules[__name__]
    else:
        obj = importlib.import_module(module)
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


def _inputs(network: Any, truth: dict[str, Any], need: list[str]) -> dict[str, Any]:
    inputs: dict[str, Any] = {"network": network}
    seg = network.attribute("segment")
    w = None
    try:
        from infnet.targets import Target

        w = np.asarray(Target(segments=(truth["target_segment"],)).weights(network), float)
    except Exception:  # noqa: BLE001 - documented fallback: indicator of the target segment
        w = (seg == truth["target_segment"]).astype(float)
    inputs["w"] = w
    inputs["ones"] = np.ones(network.n_actors)
    planted = np.zeros(network.n_actors, dtype=bool)
    planted[network.index_of(truth["planted"])] = True
    inputs["planted"] = planted
    if "segment_codes" in need:
        inputs["segment_codes"] = network.codes("segment")[0]
    if "kind_codes" in need:
        inputs["kind_codes"] = network.codes("kind")[0]
    inputs["target"] = truth["target"]
    if "frames" in need:
        actors, ties = network.to_frames()
        inputs["frames"] = (actors, ties)
    return inputs


def _make_call(stage: dict[str, Any], library: str, network: Any,
               inputs: dict[str, Any]) -> Any:
    """Return a no-argument callable running the stage, or a status record when it cannot."""
    need = list(stage.get("args", []))
    if library == "infnet":
        try:
            fn = _resolve(stage["infnet"])
        except (ImportError, AttributeError) as exc:
            return {"status": "not available", "detail": f"{type(exc).__name__}: {exc}"}
        args: list[Any] = []
        for a in need:
            args.extend(inputs[a] if a == "frames" else [inputs[a]])
        kwargs = dict(stage.get("kwargs", {}))
        if stage["name"] == "build":
            kwargs = {"directed": network.directed, "duplicates": "raise",
                      "focal_organisation": network.focal_organisation}
            return lambda: fn(*args, **kwargs)
        return lambda: fn(network, *args, **kwargs)
    try:
        importlib.import_module(library.split("-")[0])
    except ImportError as exc:
        return {"status": "not installed", "detail": str(exc)}
    graph = peer_graph(library, network)
    peer = getattr(sys.modules[__name__], stage["peers"][library])
    return lambda: peer(graph, inputs)


def _truth_dict(truth: Any) -> dict[str, Any]:
    return {"planted": truth.planted.tolist(), "target": truth.target,
            "target_segment": truth.target_segment}


def worker(spec: dict[str, Any]) -> dict[str, Any]:
    """Run one (stage, library) measurement in this process and return the record."""
    stage = next(s for s in STAGES if s["name"] == spec["stage"])
    library = spec["library"]
    need = list(stage.get("args", []))
    if library == "infnet":
        # warm-up on a small network first: JIT compilation and caches are not timed
        from infnet.synthetic import business_network

        small, small_truth = business_network(300, mean_degree=8, rng=0, return_truth=True)
        warm = _make_call(stage, library, small, _inputs(small, _truth_dict(small_truth), need))
        if isinstance(warm, dict):
            return warm
        with contextlib.suppress(Exception):  # the timed call reports any error
            warm()
    with open(spec["network"], "rb") as fh:
        network, truth = pickle.load(fh)
    inputs = _inputs(network, truth, need)
    call = _make_call(stage, library, network, inputs)
    if isinstance(call, dict):
        return call
    base = _rss_mb()
    exact_peak = _reset_peak()
    times = []
    result = None
    try:
        while True:
            t0 = time.perf_counter()
            result = call()
            times.append(time.perf_counter() - t0)
            if sum(times) > 0.5 or len(times) >= 5:
                break
    except Exception as exc:  # noqa: BLE001 - any failure is reported, never fatal
        return {"status": "error", "detail": f"{type(exc).__name__}: {exc}"[:300]}
    record: dict[str, Any] = {
        "status": "ok", "time_s": min(times), "repeats": len(times),
        "peak_rss_mb": _peak_mb(), "base_rss_mb": base,
        "extra_mb": max(0.0, _peak_mb() - base), "peak_exact": exact_peak,
    }
    values = _as_vector(result, network.n_actors, network)
    if values is not None and spec.get("out"):
        np.save(spec["out"], values)
        record["result"] = spec["out"]
    return record


def _as_vector(result: Any, n: int, network: Any) -> np.ndarray | None:
    if type(result).__name__ == "Network":  # a built network
        return np.array([float(result.n_ties)])
    if isinstance(result, float | int | np.floating | np.integer):
        return np.array([float(result)])
    arr = np.asarray(result) if isinstance(result, np.ndarray | list) else None
    if arr is not None and arr.shape == (n,) and np.issubdtype(arr.dtype, np.number):
        return arr.astype(float)
    return None


# ----------------------------------------------------------------------------- parent
def _measure(spec: dict[str, Any], timeout: float, in_process: bool = False) -> dict[str, Any]:
    if in_process:
        t0 = time.perf_counter()
        record = worker(spec)
        record["wall_s"] = time.perf_counter() - t0
        return record
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", json.dumps(spec)]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(HERE.parent)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))
    env.setdefault("OMP_NUM_THREADS", "1")
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env,
                              check=False)
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
    rho = float(stats.spearmanr(x, y).statistic) if x.size > 2 and x.std() and y.std() else float("nan")
    tol = 1e-6 * max(1.0, float(np.abs(y).max(initial=0.0)))
    agree = diff <= tol if kind == "values" else rho >= 0.9
    return {"max_abs_diff": diff, "spearman": rho, "nan_mismatch": int((~ok).sum()),
            "agree": bool(agree)}


def _parse_size(text: str) -> int:
    t = text.strip().lower()
    mult = {"k": 1_000, "m": 1_000_000}.get(t[-1], 1)
    return int(float(t[:-1] if mult > 1 else t) * mult)


def run_size(n_actors: int, ties_per_actor: float, stages: list[dict[str, Any]],
             peers: list[str], timeout: float, workdir: Path, rng: int = 0,
             in_process: bool = False) -> dict[str, Any]:
    from infnet.synthetic import business_network

    t0 = time.perf_counter()
    net, truth = business_network(n_actors, mean_degree=2 * ties_per_actor, rng=rng,
                                  return_truth=True)
    gen_s = time.perf_counter() - t0
    path = workdir / f"net-{n_actors}.pkl"
    with open(path, "wb") as fh:
        pickle.dump((net, {"planted": truth.planted.tolist(), "target": truth.target,
                           "target_segment": truth.target_segment}), fh, protocol=5)
    out: dict[str, Any] = {"n_actors": net.n_actors, "n_ties": net.n_ties,
                           "stored_entries": int(net.strength.nnz), "directed": net.directed,
                           "generator_s": gen_s, "stages": []}
    floor: dict[str, float] = {}
    for stage in stages:
        rows = []
        libs = ["infnet"] + [p for p in stage.get("peers", {}) if p.split("-")[0] in peers]
        for lib in libs:
            row: dict[str, Any] = {"stage": stage["name"], "library": lib}
            cap = stage.get("max_ties")
            nx_cap = stage.get("nx_max_ties")
            if cap is not None and net.n_ties > cap:
                row |= {"status": "skipped", "detail": f"above size cap (n_ties > {cap:,})"}
            elif lib == "networkx" and nx_cap is not None and net.n_ties > nx_cap:
                row |= {"status": "skipped", "detail": f"networkx time cap (n_ties > {nx_cap:,})"}
            else:
                spec = {"stage": stage["name"], "library": lib, "network": str(path),
                        "out": str(workdir / f"{stage['name']}-{lib}-{n_actors}.npy")}
                row |= _measure(spec, timeout, in_process)
            rows.append(row)
            print(f"  {n_actors:>9,} {stage['name']:<26} {lib:<18} {row['status']:<13} "
                  f"{row.get('time_s', float('nan')):10.4f} s {row.get('extra_mb', float('nan')):9.1f} MB",
                  flush=True)
        ref = rows[0]
        if stage["name"].startswith("floor_") and ref["status"] == "ok":
            floor[stage["name"]] = ref["time_s"]
        for row in rows:
            if row["status"] != "ok":
                continue
            if "floor_spmv" in floor:
                row["x_floor_spmv"] = row["time_s"] / floor["floor_spmv"]
            if "floor_copy" in floor:
                row["x_floor_copy"] = row["time_s"] / floor["floor_copy"]
            if row is not ref and ref["status"] == "ok":
                row["ratio"] = ref["time_s"] / row["time_s"]  # infnet / peer
                if stage.get("compare", "none") != "none" and "result" in ref and "result" in row:
                    row["agreement"] = _agreement(stage["compare"], np.load(ref["result"]),
                                                  np.load(row["result"]))
        for row in rows:
            row.pop("result", None)
        out["stages"].extend(rows)
    path.unlink(missing_ok=True)
    return out


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for mod in ("infnet", "numpy", "scipy", "pandas", "numba", "networkx", "igraph", "networkit"):
        try:
            out[mod] = str(importlib.import_module(mod).__version__)
        except Exception:  # noqa: BLE001
            out[mod] = "absent"
    return out


def write_markdown(results: dict[str, Any], path: Path) -> None:
    lines = [f"# infnet benchmark results ({results['meta']['date']})", "",
             f"Command: `{results['meta']['command']}`", "",
             f"Machine: {results['meta']['machine']}; versions: "
             + ", ".join(f"{k} {v}" for k, v in results["meta"]["versions"].items()), "",
             ("Columns: see benchmarks/README.md. `ratio` = infnet time / peer time (< 1: "
              "infnet faster); `x floor` = time / one CSR mat-vec in the same run."), ""]
    for size in results["sizes"]:
        lines += [(f"## {size['n_actors']:,} actors, {size['n_ties']:,} ties "
                   f"({'directed' if size['directed'] else 'undirected'}; generated in "
                   f"{size['generator_s']:.1f} s)"), "",
                  "| stage | library | status | time (s) | extra MB | x floor | ratio infnet/peer | agreement |",
                  "|---|---|---|---:|---:|---:|---:|---|"]
        for r in size["stages"]:
            if r["status"] == "ok":
                t, mb = f"{r['time_s']:.4g}", f"{r['extra_mb']:.1f}"
                xf = f"{r['x_floor_spmv']:.3g}" if "x_floor_spmv" in r else ""
                ratio = f"{r['ratio']:.3g}" if "ratio" in r else ""
            else:
                t = mb = xf = ratio = ""
            agr = r.get("agreement")
            if agr is None:
                a = ""
            elif "spearman" in agr:
                a = (f"{'yes' if agr['agree'] else 'NO'} (max diff {agr['max_abs_diff']:.2g}, "
                     f"rho {agr['spearman']:.3f})")
            else:
                a = f"{'yes' if agr.get('agree') else 'NO'} ({agr.get('infnet')} vs {agr.get('peer')})"
            status = r["status"] + (f": {r['detail']}" if r["status"] != "ok" and r.get("detail") else "")
            status = status.replace("|", "/")[:90]
            lines.append(f"| {r['stage']} | {r['library']} | {status} | {t} | {mb} | {xf} | {ratio} | {a} |")
        lines.append("")
    path.write_text("\n".join(lines))


def plot(results: dict[str, Any], path: Path) -> str:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return "matplotlib absent: no plot"
    fig, (ax_t, ax_m) = plt.subplots(1, 2, figsize=(12, 5))
    names = sorted({r["stage"] for s in results["sizes"] for r in s["stages"]})
    for name in names:
        pts = [(s["n_ties"], r["time_s"], r["extra_mb"]) for s in results["sizes"]
               for r in s["stages"] if r["stage"] == name and r["library"] == "infnet"
               and r["status"] == "ok"]
        if not pts:
            continue
        x, t, m = map(np.asarray, zip(*pts, strict=True))
        style = "k--" if name.startswith("floor") else "-o"
        ax_t.plot(x, t, style, label=name, markersize=3)
        ax_m.plot(x, np.maximum(m, 0.1), style, label=name, markersize=3)
    for ax, label in ((ax_t, "wall time (s)"), (ax_m, "extra peak memory (MB)")):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("ties")
        ax.set_ylabel(label)
        ax.grid(True, which="both", alpha=0.3)
    ax_t.legend(fontsize=6, ncol=2)
    fig.suptitle("infnet stages: scaling with ties")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k", help="actors per run, e.g. 10k,100k,1m")
    parser.add_argument("--ties-per-actor", type=float, default=10.0,
                        help="ties per actor (n_ties ~ n_actors * this); default 10")
    parser.add_argument("--quick", action="store_true",
                        help=("one tiny size (300 actors), measured in this process (no "
                              "per-measurement subprocess), short timeout: the CI smoke run"))
    parser.add_argument("--in-process", action="store_true",
                        help="measure in this process (fast; peak memory less attributable)")
    parser.add_argument("--stages", default="", help="comma-separated stage names (default all)")
    parser.add_argument("--peers", default="networkx,igraph,networkit")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per measurement")
    parser.add_argument("--out", default=str(HERE / "results"))
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(json.loads(args.worker))))
        return 0
    in_process = args.in_process or args.quick
    sizes = [300] if args.quick else [_parse_size(s) for s in args.sizes.split(",")]
    timeout = min(args.timeout, 120.0) if args.quick else args.timeout
    wanted = {s for s in args.stages.split(",") if s}
    unknown = wanted - {s["name"] for s in STAGES}
    if unknown:
        parser.error(f"unknown stages {sorted(unknown)}; known: {[s['name'] for s in STAGES]}")
    if args.quick and not wanted:
        wanted = set(QUICK_STAGES)
    stages = [s for s in STAGES if not wanted or s["name"] in wanted or s["name"].startswith("floor")]
    peers = [p for p in args.peers.split(",") if p]
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    date = dt.datetime.now().strftime("%Y-%m-%d")
    results: dict[str, Any] = {"meta": {
        "date": date, "command": "python benchmarks/run.py " + " ".join(argv or sys.argv[1:]),
        "machine": f"{platform.machine()}, {os.cpu_count()} cpus, "
                   f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB",
        "versions": _versions(), "timeout_s": timeout, "in_process": in_process, "ties_per_actor": args.ties_per_actor,
    }, "sizes": []}
    with tempfile.TemporaryDirectory(prefix="infnet-bench-") as tmp:
        for n in sizes:
            print(f"size {n:,} actors", flush=True)
            results["sizes"].append(run_size(n, args.ties_per_actor, stages, peers, timeout,
                                             Path(tmp), in_process=in_process))
            (out_dir / f"results-{date}.json").write_text(json.dumps(results, indent=1))
    write_markdown(results, out_dir / "results.md")
    results["meta"]["plot"] = plot(results, out_dir / "scaling.png")
    (out_dir / f"results-{date}.json").write_text(json.dumps(results, indent=1))
    print(f"wrote {out_dir / f'results-{date}.json'}, {out_dir / 'results.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
