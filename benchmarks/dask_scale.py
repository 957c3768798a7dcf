"""Dask engine at scale: a store larger than one worker's memory limit.

Writes a synthetic directed store (``--n-actors`` actors, ``--degree`` random out-ties
each, union of random permutations, so out- and in-degrees are near ``degree``), then
times the same features three ways on it:

* ``memory``: one process, infnet's in-memory engine on the memory-mapped store;
* ``dask-1`` / ``dask-2``: engine="dask" on a LocalCluster of 1 and 2 worker processes,
  each capped at ``--memory-limit``.

For each: wall time, peak RSS split into anonymous (heap) and file-backed (mapped
store pages) memory, sampled every 0.5 s per worker, Dask spill, and per-block task
times (from the engine's timers) for a scaling model. Results go to a JSON file.

Run (after building nothing else, under nice on a shared machine)::

    nice -n 10 python benchmarks/dask_scale.py --n-actors 6000000 --degree 16 \\
        --memory-limit 2GB --out benchmarks/results/dask-scale.json
"""

from __future__ import annotations

import argparse
import json
import os
import threading
import time
from pathlib import Path
from typing import Self

import numpy as np

FEATURES = ["direct_reach", "target_share", "target_pagerank"]


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
            self._stop.wait(0.5)

    def __enter__(self) -> Self:
        self._t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._t.join()


def write_store(path: Path, n: int, d: int, seed: int) -> dict:
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
    pd.DataFrame({"segment": segment}, index=pd.RangeIndex(n, name="actor")).to_parquet(
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


def run_memory(path: Path) -> dict:
    import subprocess
    import sys

    code = (
        "import time, json, warnings; from infnet import measures; "
        "from infnet.store import open_store; t=time.perf_counter(); "
        f"net=open_store({str(path)!r}); "
        f"df=measures(net, {FEATURES!r}, target={{'segments': ['fintech']}}); "
        "df.to_parquet('/tmp/dask_scale_memory.parquet'); "
        "print(json.dumps({'seconds': time.perf_counter()-t}))"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    with Sampler([proc.pid]) as s:
        out, _ = proc.communicate()
    res = json.loads(out.strip().splitlines()[-1])
    anon, file = s.peak[proc.pid]
    return {"engine": "memory", "workers": 0, **res, "peak_anon_bytes": anon,
            "peak_file_bytes": file}


def run_dask(path: Path, n_workers: int, memory_limit: str) -> dict:
    import distributed

    from infnet import measures, rank_influentials
    from infnet.engines import dask as eng_mod
    from infnet.store import open_store

    cluster = distributed.LocalCluster(processes=True, n_workers=n_workers, threads_per_worker=1,
                                       memory_limit=memory_limit, dashboard_address=None)
    client = distributed.Client(cluster)
    try:
        pids = list(client.run(os.getpid).values())
        net = open_store(path)
        t0 = time.perf_counter()
        with Sampler(pids) as s:
            engine = eng_mod.DaskEngine(net, client=client)
            tgt = {"segments": ["fintech"]}
            df = measures(net, FEATURES, target=tgt, engine="dask")
            seconds = time.perf_counter() - t0
            # per-block cost model: time one block of each kind of task alone
            lo, hi = engine.blocks[0]
            w = np.asarray((net.attribute("segment") == "fintech"), dtype=float)
            per_block = {}
            for name, fn, args in (
                ("dot", eng_mod._task_dot, ("out", w, True)),
                ("walk", eng_mod._task_walk, ("out", np.ones(net.n_actors), w)),
            ):
                fut = client.submit(fn, engine.path, lo, hi, *args, pure=False)
                t = time.perf_counter()
                fut.result()
                per_block[name] = time.perf_counter() - t
            rank_seconds = None
            if n_workers == 2:  # the facade end to end on the store (hops=1 keeps it short)
                import warnings

                t = time.perf_counter()
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    top = rank_influentials(
                        net, tgt, k=50, band=None, hops=1, engine="dask",
                        weights={"direct_reach": 0.4, "target_share": 0.3,
                                 "target_pagerank": 0.3})
                rank_seconds = time.perf_counter() - t
                top[["actor", "score", "marginal_gain"]].to_csv("/tmp/dask_scale_top50.csv")
        spill = client.run(lambda dask_worker: int(getattr(getattr(dask_worker.data, "spilled_total",
                                                                   None), "disk", 0) or 0))
        df.to_parquet(f"/tmp/dask_scale_dask{n_workers}.parquet")
        return {
            "engine": "dask", "workers": n_workers, "memory_limit": memory_limit,
            "seconds": seconds, "engine_seconds": engine.seconds, "n_blocks": len(engine.blocks),
            "block_entries": int(net.strength.indptr[hi] - net.strength.indptr[lo]),
            "per_block_seconds": per_block, "rank_influentials_seconds": rank_seconds,
            "peak_anon_bytes": {str(p): s.peak[p][0] for p in pids},
            "peak_file_bytes": {str(p): s.peak[p][1] for p in pids},
            "spilled_bytes": {str(k): v for k, v in spill.items()},
        }
    finally:
        client.close()
        cluster.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n-actors", type=int, default=6_000_000)
    ap.add_argument("--degree", type=int, default=16)
    ap.add_argument("--memory-limit", default="2GB")
    ap.add_argument("--store", default="/tmp/infnet-dask-scale.store")
    ap.add_argument("--out", default="benchmarks/results/dask-scale.json")
    ap.add_argument("--runs", default="memory,dask-1,dask-2")
    a = ap.parse_args()
    path = Path(a.store)
    result: dict = {"features": FEATURES}
    if not path.exists():
        result["store"] = write_store(path, a.n_actors, a.degree, seed=1)
        print("store", result["store"], flush=True)
    runs = []
    for run in a.runs.split(","):
        r = run_memory(path) if run == "memory" else run_dask(path, int(run.split("-")[1]),
                                                              a.memory_limit)
        print(json.dumps(r), flush=True)
        runs.append(r)
    import pandas as pd

    ref = pd.read_parquet("/tmp/dask_scale_memory.parquet") if "memory" in a.runs else None
    if ref is not None:
        for r in runs:
            if r["engine"] == "dask":
                got = pd.read_parquet(f"/tmp/dask_scale_dask{r['workers']}.parquet")
                r["max_abs_diff_vs_memory"] = float((got - ref).abs().max().max())
    result["runs"] = runs
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(result, indent=1))
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
