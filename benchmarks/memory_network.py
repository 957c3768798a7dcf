"""Build time and peak memory of ``Network.from_frames`` on a 10M-tie network.

Each case runs in a fresh subprocess so that peak RSS (``resource.getrusage``,
``ru_maxrss``) belongs to that case alone. The reported build memory is the peak RSS
of the process minus its RSS right after the input DataFrame was created, so it
counts only what the build itself allocates (temporaries included). Because making the
input allocates temporaries too, the kernel's peak mark is reset (``/proc/self/clear_refs``)
once the input exists; where that is refused the peak may include input generation
(``peak_mark_reset`` in the JSON says which).

Usage::

    python benchmarks/memory_network.py                      # 1M actors, 10M ties, 4 cases
    python benchmarks/memory_network.py --n-actors 100000 --n-ties 1000000
    python benchmarks/memory_network.py --json results/memory_network.json

Cases: integer ids and string ids (``"a123"``), directed and undirected. Ties are
uniform random pairs without self-ties or repeated pairs (so the default
``duplicates="raise"`` passes), with a random strength column in (0, 1].
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import subprocess
import sys
import time
from pathlib import Path


def _rss_bytes() -> int:
    """Current resident set size, from /proc (Linux)."""
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * resource.getpagesize()


def _release_free_memory() -> None:
    """Return freed heap memory to the OS (glibc ``malloc_trim``), so RSS is honest."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if name:
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(name).malloc_trim(0)


def _reset_peak_rss() -> bool:
    """Reset the kernel's peak-RSS mark to the current RSS (Linux >= 4.0); False if refused."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        return False
    return True


def _peak_rss_bytes() -> int:
    """Peak resident set size of this process (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _make_ties(n_actors: int, n_ties: int, *, ids: str, seed: int):
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    # Draw a few extra pairs, drop self-ties and repeats (either order, so the same
    # frame is valid for directed and undirected builds), keep n_ties.
    m = int(n_ties * 1.02) + 1000
    src = rng.integers(0, n_actors, m, dtype=np.int64)
    dst = rng.integers(0, n_actors, m, dtype=np.int64)
    keep = src != dst
    src, dst = src[keep], dst[keep]
    lo, hi = np.minimum(src, dst), np.maximum(src, dst)
    _, first = np.unique(lo * n_actors + hi, return_index=True)
    first = np.sort(rng.permutation(first)[:n_ties])
    if first.size < n_ties:
        msg = "not enough distinct pairs; lower --n-ties"
        raise SystemExit(msg)
    src, dst = src[first], dst[first]
    strength = rng.uniform(1e-6, 1.0, n_ties)
    if ids == "str":
        names = np.char.add("a", np.arange(n_actors).astype(str)).astype(object)
        s, t = names[src], names[dst]
        del names
        frame = pd.DataFrame({"source": pd.array(s, dtype="str"), "target": pd.array(t, dtype="str"),
                              "strength": strength})
    else:
        frame = pd.DataFrame({"source": src, "target": dst, "strength": strength})
    return frame


def run_case(n_actors: int, n_ties: int, ids: str, directed: bool, seed: int) -> dict[str, object]:
    """Build one network in this process and return its measurements."""
    import gc

    import numpy as np

    import infnet
    from infnet import Network

    # Import, warm up and compile everything a build touches before the baseline.
    Network.from_edges([(0, 1, 0.5), (1, 2, 0.5)], directed=directed)
    ties = _make_ties(n_actors, n_ties, ids=ids, seed=seed)
    gc.collect()
    _release_free_memory()
    # Generating the input allocates temporaries; reset the peak mark so that
    # ru_maxrss afterwards measures the build, not the input generation.
    peak_reset = _reset_peak_rss()
    baseline = _rss_bytes()
    peak_before = _peak_rss_bytes()
    t0, c0 = time.perf_counter(), time.process_time()
    net = Network.from_frames(None, ties, directed=directed)
    seconds, cpu_seconds = time.perf_counter() - t0, time.process_time() - c0
    peak = _peak_rss_bytes()
    after = _rss_bytes()
    input_bytes = int(ties.memory_usage(deep=True).sum())
    s = net.strength
    return {
        "infnet": infnet.__version__,
        "ids": ids,
        "directed": directed,
        "n_actors": net.n_actors,
        "n_ties": net.n_ties,
        "n_entries": int(s.nnz),
        "index_dtype": str(s.indices.dtype),
        "build_seconds": round(seconds, 3),
        "build_cpu_seconds": round(cpu_seconds, 3),
        "input_frame_bytes": input_bytes,
        "rss_baseline_bytes": baseline,
        "peak_mark_reset": peak_reset,
        "peak_rss_before_build_bytes": peak_before,
        "peak_build_bytes": peak - baseline,
        "retained_after_build_bytes": after - baseline,
        "nbytes": net.nbytes,
        "bytes_per_tie": round(net.nbytes / net.n_ties, 3),
        "bytes_per_tie_without_indptr": round((net.nbytes - s.indptr.nbytes) / net.n_ties, 3),
        "peak_over_nbytes": round((peak - baseline) / net.nbytes, 2),
        "sanity_row_sum": float(np.asarray(s.sum())),
    }


def _fmt(b: float) -> str:
    return f"{b / 2**20:,.0f} MiB"


def main(argv: list[str] | None = None) -> int:
    """Run every case in its own subprocess and print a table."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--n-actors", type=int, default=1_000_000)
    p.add_argument("--n-ties", type=int, default=10_000_000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--ids", choices=["int", "str", "both"], default="both")
    p.add_argument("--directed", choices=["yes", "no", "both"], default="both")
    p.add_argument("--json", type=Path, default=None, help="also write the results here")
    p.add_argument("--case", default=None, help=argparse.SUPPRESS)  # internal: run one case
    args = p.parse_args(argv)

    if args.case is not None:
        ids, directed = args.case.split(",")
        out = run_case(args.n_actors, args.n_ties, ids, directed == "1", args.seed)
        print(json.dumps(out))
        return 0

    id_kinds = ["int", "str"] if args.ids == "both" else [args.ids]
    dirs = {"yes": [True], "no": [False], "both": [True, False]}[args.directed]
    results = []
    for ids in id_kinds:
        for directed in dirs:
            cmd = [sys.executable, __file__, "--n-actors", str(args.n_actors), "--n-ties",
                   str(args.n_ties), "--seed", str(args.seed), "--case", f"{ids},{int(directed)}"]
            proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if proc.returncode != 0:
                sys.stderr.write(proc.stderr)
                return proc.returncode
            results.append(json.loads(proc.stdout.strip().splitlines()[-1]))

    print(f"Network.from_frames: {args.n_actors:,} actors, {args.n_ties:,} ties (seed {args.seed})")
    header = ("ids", "directed", "build s", "cpu s", "input frame", "peak build", "retained", "nbytes",
              "B/tie", "peak/nbytes")
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    for r in results:
        print(" | ".join([
            str(r["ids"]), str(r["directed"]), f"{r['build_seconds']:.2f}", f"{r['build_cpu_seconds']:.2f}",
            _fmt(r["input_frame_bytes"]), _fmt(r["peak_build_bytes"]),
            _fmt(r["retained_after_build_bytes"]), _fmt(r["nbytes"]),
            f"{r['bytes_per_tie']:.2f}", f"{r['peak_over_nbytes']:.2f}",
        ]))
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
