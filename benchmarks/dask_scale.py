"""Dask engine at scale: the same ranking as one process, on stores larger than a worker's limit.

Writes a synthetic directed store (``--n-actors`` actors, ``--degree`` random out-ties
each, union of random permutations, so out- and in-degrees are near ``degree``; 5 % of
actors in the target segment, 1 % internal), then runs the same calls on it:

* ``memory``: one process, infnet's in-memory engine on the memory-mapped store;
* ``dask-1`` / ``dask-2``: ``engine="dask"`` on a LocalCluster of 1 and 2 worker
  processes, each capped at ``--memory-limit`` (below the store's size).

Calls: ``rank_influentials(net, target, k=50, band=None)`` with the ``balanced`` preset
(k-hop reach, target share, targeted diffusion centrality, core number, warm path) and,
with ``--complementary``, ``method="complementary"`` (IMM, ``epsilon`` from
``--epsilon``). For each run: wall time per call, peak RSS of every process split into
anonymous (heap) and file-backed (mapped store pages) memory, sampled every 0.2 s,
Dask spill, the engine's stage timers; for dask-2 also per-block task costs and the
cost of the alternative transport (scattering an n_actors vector to every worker and
gathering it back) for the 100-worker model. Parity against ``memory``: top-50
identical, largest score difference, expected reach and marginal gains against their
standard errors.

Run (under nice on a shared machine; the store is kept for reruns)::

    nice -n 5 python benchmarks/dask_scale.py --n-actors 500000 --degree 12 \\
        --memory-limit 1GB --complementary --runs memory,dask-2 \\
        --out benchmarks/results/dask-parity.json
    nice -n 5 python benchmarks/dask_scale.py --n-actors 4000000 --degree 12 \\
        --memory-limit 1GB --out benchmarks/results/dask-scale.json

Workers need about 450 MiB for themselves with the kernels loaded (Dask pauses them at 80%
of ``--memory-limit``): 1 GB is the smallest limit that leaves room for the tasks.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path
from typing import Any, Self

import numpy as np

TARGET = {"segments": ["fintech"]}


def _status(pid: int) -> tuple[int, int]:
    anon = file = 0
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("RssAnon:"):
                    anon = int(line.split()[1]) * 1024
                elif line.startswith("RssFile:"):
                    file = int(line.split()[1]) * 1024
    except OSError:
        pass
    return anon, file


class Sampler:
    """Peak anonymous / file-backed RSS of a set of processes, sampled in a thread."""

    def __init__(self, pids: list[int]) -> None:
        self.pids = pids
        self.peak = {p: [0, 0] for p in pids}
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            for p in self.pids:
                a, f = _status(p)
                self.peak[p][0] = max(self.peak[p][0], a)
                self.peak[p][1] = max(self.peak[p][1], f)
            self._stop.wait(0.2)

    def __enter__(self) -> Self:
        self._t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._t.join()


def write_store(path: Path, n: int, d: int, seed: int) -> dict[str, Any]:
    """A directed store written array by array (never the ties as a frame)."""
    import pandas as pd

    from infnet.store import FORMAT_VERSION, MANIFEST

    t0 = time.perf_counter()
    rng = np.random.default_rng(seed)
    path.mkdir(parents=True)
    perms = np.empty((d, n), dtype=np.int32)
    for j in range(d):
        perms[j] = rng.permutation(n).astype(np.int32)
    inv = np.empty_like(perms)
    for j in range(d):
        inv[j, perms[j]] = np.arange(n, dtype=np.int32)

    def strength(u: np.ndarray, v: np.ndarray) -> np.ndarray:
        h = (u.astype(np.uint64) * np.uint64(2654435761) + v.astype(np.uint64) * np.uint64(40503))
        return ((h % np.uint64(1000)).astype(np.float64) + 1.0) / 1000.0

    def rows(table: np.ndarray, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
        nb = table[:, lo:hi].T.copy()  # (block, d)
        nb.sort(axis=1)
        own = np.arange(lo, hi, dtype=np.int32)[:, None]
        keep = nb != own
        keep[:, 1:] &= nb[:, 1:] != nb[:, :-1]
        return keep.sum(axis=1), nb[keep]

    block = 500_000
    counts = np.zeros(n, dtype=np.int64)
    for lo in range(0, n, block):
        c, _ = rows(perms, lo, min(n, lo + block))
        counts[lo : lo + c.size] = c
    nnz = int(counts.sum())
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    np.save(path / "indptr.npy", indptr)
    ind = np.lib.format.open_memmap(path / "indices.npy", "w+", np.int32, (nnz,))
    dat = np.lib.format.open_memmap(path / "data.npy", "w+", np.float64, (nnz,))
    for lo in range(0, n, block):
        hi = min(n, lo + block)
        c, v = rows(perms, lo, hi)
        u = np.repeat(np.arange(lo, hi, dtype=np.int64), c)
        ind[indptr[lo] : indptr[hi]] = v
        dat[indptr[lo] : indptr[hi]] = strength(u, v)
    ind.flush()
    dat.flush()
    out_keys = np.asarray(ind, dtype=np.int64)
    out_keys += np.repeat(np.arange(n, dtype=np.int64) * n, counts)
    del perms
    in_counts = np.zeros(n, dtype=np.int64)
    for lo in range(0, n, block):
        c, _ = rows(inv, lo, min(n, lo + block))
        in_counts[lo : lo + c.size] = c
    assert int(in_counts.sum()) == nnz
    in_indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(in_counts, out=in_indptr[1:])
    np.save(path / "in_indptr.npy", in_indptr)
    iind = np.lib.format.open_memmap(path / "in_indices.npy", "w+", np.int32, (nnz,))
    idat = np.lib.format.open_memmap(path / "in_data.npy", "w+", np.float64, (nnz,))
    iperm = np.lib.format.open_memmap(path / "in_perm.npy", "w+", np.int64, (nnz,))
    for lo in range(0, n, block):
        hi = min(n, lo + block)
        c, u = rows(inv, lo, hi)
        v = np.repeat(np.arange(lo, hi, dtype=np.int64), c)
        a, b = in_indptr[lo], in_indptr[hi]
        iind[a:b] = u
        idat[a:b] = strength(u, v)
        iperm[a:b] = np.searchsorted(out_keys, u.astype(np.int64) * n + v)
    for arr in (iind, idat, iperm):
        arr.flush()
    del out_keys
    (path / "actors").mkdir()
    segment = np.where(rng.random(n) < 0.05, "fintech", "other")
    kind = np.where(rng.random(n) < 0.01, "internal", "external")
    pd.DataFrame({"segment": segment, "kind": kind},
                 index=pd.RangeIndex(n, name="actor")).to_parquet(
        path / "actors" / "part-00000.parquet")
    manifest = {
        "format": "infnet-store", "format_version": FORMAT_VERSION, "n_actors": n,
        "n_entries": nnz, "n_ties": nnz, "directed": True, "focal_organisation": None,
        "strong_threshold": 0.5, "index_dtype": "int32",
        "id_mapping": ["actors/part-00000.parquet"],
        "csr": {"indptr": "indptr.npy", "indices": "indices.npy", "data": "data.npy"},
        "in_csr": {"indptr": "in_indptr.npy", "indices": "in_indices.npy",
                   "perm": "in_perm.npy", "data": "in_data.npy"},
        "tie_attributes": {}, "infnet_version": "benchmark",
    }
    (path / MANIFEST).write_text(json.dumps(manifest))
    size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return {"n_actors": n, "n_entries": nnz, "store_bytes": size,
            "write_seconds": time.perf_counter() - t0}


def calls(complementary: bool, epsilon: float) -> dict[str, dict[str, Any]]:
    """The rank_influentials calls of the benchmark, by name."""
    out: dict[str, dict[str, Any]] = {"balanced": {"k": 50, "band": None}}
    if complementary:
        out["complementary"] = {"k": 50, "band": None, "method": "complementary",
                                "cascade": {"epsilon": epsilon}}
    return out


def _rank(net: Any, kw: dict[str, Any], **extra: Any) -> tuple[Any, float]:
    from infnet import rank_influentials

    t = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        df = rank_influentials(net, TARGET, **kw, **extra)
    return df, time.perf_counter() - t


def _save(df: Any, name: str, secs: float) -> dict[str, Any]:
    keep = df[~df["excluded"]]
    keep[["actor", "score", "marginal_gain"]].to_csv(f"/tmp/dask_scale_{name}.csv", index=False)
    return {"seconds": secs, "expected_reach": df.attrs["expected_reach"],
            "rr_sets": df.attrs["rr_sets"], "target_value": df.attrs["target_value"],
            "engine_seconds": df.attrs.get("engine_seconds"),
            "n_blocks": df.attrs.get("engine_blocks"), "notes": df.attrs["notes"]}


def memory_child(path: str, spec: str) -> None:
    """Run the calls with the memory engine (in a child process, for its own peak RSS)."""
    from infnet.store import open_store

    out: dict[str, Any] = {}
    t = time.perf_counter()
    net = open_store(path)
    out["open_seconds"] = time.perf_counter() - t
    for name, kw in json.loads(spec).items():
        df, secs = _rank(net, kw)
        out[name] = _save(df, f"memory_{name}", secs)
    print(json.dumps(out))


def run_memory(path: Path, spec: dict[str, Any]) -> dict[str, Any]:
    code = ("import sys; sys.path.insert(0, 'benchmarks'); import dask_scale; "
            f"dask_scale.memory_child({str(path)!r}, {json.dumps(spec)!r})")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    with Sampler([proc.pid]) as s:
        out, _ = proc.communicate()
    res = json.loads(out.strip().splitlines()[-1])
    anon, file = s.peak[proc.pid]
    return {"engine": "memory", "workers": 0, "calls": res, "peak_anon_bytes": anon,
            "peak_file_bytes": file}


def _per_block(client: Any, net: Any, engine: Any) -> dict[str, float]:
    """Time one block of each kind of task alone (median of 3), for the scaling model."""
    from infnet.engines import _worker as wk

    blocks = engine.blocks[:1]
    w = engine.put(np.asarray(net.attribute("segment") == "fintech", dtype=float))
    ones = engine.put(np.ones(net.n_actors))
    norm = engine.vector(wk.t_dot, "in", None, True)
    state, _ = engine.run(wk.t_warm_start,
                          engine.put(np.asarray(net.attribute("kind") == "internal")),
                          outs=(np.float64, np.int64, np.int64, np.int64))
    jobs = {
        "dot": (wk.t_dot, ("out", w, True), 1),
        # one PageRank iteration of a block: the product with the iterate finished on the
        # fly, and the block's parts of the L1 change and the dangling mass
        "pagerank_round": (wk.t_walk_lazy, ("out", norm, w, 0.01, False, ones, 0.0, False, None,
                                            net.n_actors, 0.85), 1),
        "khop2": (wk.t_khop, (w, 2), 1),
        "warm_round": (wk.t_warm, tuple(state[:3]), 4),
    }
    out = {}
    for name, (task, args, n_out) in jobs.items():
        times = []
        for _ in range(3):
            refs = [engine.new(np.float64 if i == 0 else np.int64) for i in range(n_out)]
            t = time.perf_counter()
            engine.submit(task, blocks, refs, list(args))
            times.append(time.perf_counter() - t)
            engine.drop(*refs)
        out[name] = float(np.median(times))
    lo, hi = blocks[0]
    out["block_entries"] = int(net.strength.indptr[hi] - net.strength.indptr[lo])
    return out


def _transport(client: Any, n: int) -> dict[str, float]:
    """The alternative to shared files: scatter x to every worker, gather x back."""
    x = np.random.default_rng(0).random(n)
    scatter, gather = [], []
    for _ in range(3):
        t = time.perf_counter()
        fut = client.scatter(x, broadcast=True, hash=False)
        client.replicate([fut])
        scatter.append(time.perf_counter() - t)
        t = time.perf_counter()
        client.gather(fut)
        gather.append(time.perf_counter() - t)
        client.cancel(fut)
    return {"bytes": int(x.nbytes), "scatter_broadcast_seconds": float(np.median(scatter)),
            "gather_seconds": float(np.median(gather))}


def run_dask(path: Path, n_workers: int, memory_limit: str, spec: dict[str, Any],
             model: bool) -> dict[str, Any]:
    import distributed

    from infnet.engines.dask import DaskEngine
    from infnet.store import open_store

    cluster = distributed.LocalCluster(processes=True, n_workers=n_workers, threads_per_worker=1,
                                       memory_limit=memory_limit, dashboard_address=":0")
    client = distributed.Client(cluster)
    try:
        pids = list(client.run(os.getpid).values())
        res: dict[str, Any] = {"engine": "dask", "workers": n_workers,
                               "memory_limit": memory_limit}
        with Sampler([*pids, os.getpid()]) as s:
            net = open_store(path)
            for name, kw in spec.items():
                df, secs = _rank(net, kw, engine="dask")
                res[name] = _save(df, f"dask{n_workers}_{name}", secs)
            if model:
                with DaskEngine(net, client=client) as engine:
                    res["per_block_seconds"] = _per_block(client, net, engine)
                    res["n_blocks"] = len(engine.blocks)
                res["transport"] = _transport(client, net.n_actors)
        spill = client.run(lambda dask_worker: int(getattr(getattr(dask_worker.data, "spilled_total",
                                                                   None), "disk", 0) or 0))
        res.update({
            "peak_anon_bytes": {str(p): s.peak[p][0] for p in pids},
            "peak_file_bytes": {str(p): s.peak[p][1] for p in pids},
            "client_peak_anon_bytes": s.peak[os.getpid()][0],
            "spilled_bytes": {str(k): v for k, v in spill.items()},
        })
        return res
    finally:
        client.close()
        cluster.close()


def compare(name: str, ref: str, got: str, run: dict[str, Any]) -> dict[str, Any]:
    """Parity of one dask call with the memory engine's."""
    import pandas as pd

    a = pd.read_csv(f"/tmp/dask_scale_{ref}.csv")
    b = pd.read_csv(f"/tmp/dask_scale_{got}.csv")
    out: dict[str, Any] = {"same_actors_in_order": a["actor"].tolist() == b["actor"].tolist()}
    mem = run[name]
    total, n_sets = mem["target_value"], mem["rr_sets"]
    if out["same_actors_in_order"]:
        out["max_abs_score_diff"] = float((a["score"] - b["score"]).abs().max())
        out["max_abs_gain_diff"] = float((a["marginal_gain"] - b["marginal_gain"]).abs().max())
    else:
        common = set(a["actor"]) & set(b["actor"])
        out["common_actors"] = len(common)
        sa, sb = a.set_index("actor")["score"], b.set_index("actor")["score"]
        out["max_abs_score_diff_common"] = float(max(abs(sa[c] - sb[c]) for c in common)) if (
            common) else None
    out["expected_reach"] = [mem["expected_reach"]]
    # one estimate's standard error: W sqrt(f (1 - f) / n); the difference of two
    # independent estimates has sqrt(2) times that
    f = mem["expected_reach"] / total
    out["stderr_of_difference"] = float(np.sqrt(2 * f * (1 - f) / n_sets) * total)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n-actors", type=int, default=1_000_000)
    ap.add_argument("--degree", type=int, default=12)
    ap.add_argument("--memory-limit", default="1GB")
    ap.add_argument("--store", default=None)
    ap.add_argument("--out", default="benchmarks/results/dask-parity.json")
    ap.add_argument("--runs", default="memory,dask-1,dask-2")
    ap.add_argument("--complementary", action="store_true")
    ap.add_argument("--epsilon", type=float, default=0.5)
    a = ap.parse_args()
    path = Path(a.store or f"/tmp/infnet-dask-{a.n_actors}-{a.degree}.store")
    spec = calls(a.complementary, a.epsilon)
    result: dict[str, Any] = {"target": TARGET, "calls": spec}
    if not path.exists():
        result["store"] = write_store(path, a.n_actors, a.degree, seed=1)
    else:
        size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
        result["store"] = {"n_actors": a.n_actors, "store_bytes": size, "reused": True}
    print("store", result["store"], flush=True)
    runs = []
    for run in a.runs.split(","):
        if run == "memory":
            r = run_memory(path, spec)
        else:
            k = int(run.split("-")[1])
            r = run_dask(path, k, a.memory_limit, spec, model=k == max(
                int(x.split("-")[1]) for x in a.runs.split(",") if x.startswith("dask")))
        print(json.dumps(r), flush=True)
        runs.append(r)
    memory = next((r for r in runs if r["engine"] == "memory"), None)
    if memory is not None:
        for r in runs:
            if r["engine"] == "dask":
                r["parity"] = {name: compare(name, f"memory_{name}",
                                             f"dask{r['workers']}_{name}", memory["calls"])
                               for name in spec}
                for name in spec:
                    r["parity"][name]["expected_reach"].append(r[name]["expected_reach"])
    result["runs"] = runs
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(result, indent=1))
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
