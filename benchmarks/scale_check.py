"""Scale check of the product path (issue 4's speed goals) in one process.

Builds a business network (default 1M actors, ~10M ties), then times, in the same
run: one CSR matvec (the floor), direct targeted reach, exact 2-hop reach, the
scoring kernel over all actors, and end-to-end ``rank_influentials`` (k=50,
external, micro band, complementary). Peak RSS of the process is reported after
each stage. Writes JSON next to the other results.

    python benchmarks/scale_check.py --actors 1000000 --out benchmarks/results/scale-1m.json
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import time
import warnings
from pathlib import Path

import numpy as np


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _best(f, repeat: int = 3) -> tuple[float, object]:
    best, out = np.inf, None
    for _ in range(repeat):
        t = time.perf_counter()
        out = f()
        best = min(best, time.perf_counter() - t)
    return best, out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--actors", type=int, default=1_000_000)
    p.add_argument("--mean-degree", type=float, default=20.0)
    p.add_argument("--out", default="benchmarks/results/scale-1m.json")
    args = p.parse_args()

    import infnet
    from infnet.algorithms import reach
    from infnet.kernel import normalize, score
    from infnet.synthetic import business_network, toy_network

    # compile the numba kernels on a toy first (not timed)
    infnet.rank_influentials(toy_network(), "fintech", k=2, audience=None, complementary=True)
    rows: dict[str, object] = {"machine": platform.platform(), "infnet": infnet.__version__}
    t = time.perf_counter()
    net, truth = business_network(args.actors, mean_degree=args.mean_degree, rng=0, return_truth=True)
    rows["generate_s"] = round(time.perf_counter() - t, 2)
    rows["n_actors"], rows["n_ties"] = net.n_actors, net.n_ties
    rows["network_mb"] = round(net.nbytes / 2**20, 1)
    rows["rss_after_generate_mb"] = round(_rss_mb(), 0)
    w = infnet.Target.from_dict(truth.target).weights(net)
    x = np.ones(net.n_actors)
    s = net.strength
    rows["floor_spmv_s"], _ = _best(lambda: s @ x, 5)
    rows["direct_reach_s"], _ = _best(lambda: reach.direct_reach(net, w), 5)
    rows["direct_reach_x_floor"] = round(rows["direct_reach_s"] / rows["floor_spmv_s"], 2)
    rows["khop2_exact_s"], _ = _best(lambda: reach.khop_reach(net, w, hops=2), 2)
    X = np.random.default_rng(0).lognormal(size=(net.n_actors, 6))
    hib = [True, True, True, True, False, True]

    def kernel():
        return score(normalize(X, higher_is_better=hib), [0.3, 0.3, 0.15, 0.1, 0.05, 0.1])

    rows["kernel_rank_s"], _ = _best(kernel, 3)
    rows["kernel_minmax_s"], _ = _best(
        lambda: score(normalize(X, higher_is_better=hib, method="minmax"), [1] * 6), 3
    )
    rows["rss_before_rank_mb"] = round(_rss_mb(), 0)
    for label, kwargs in (
        ("rank_topk", {}),
        ("rank_complementary", {"complementary": True}),
    ):
        t = time.perf_counter()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            df = infnet.rank_influentials(net, truth.target, k=50, kind="external", rng=0, **kwargs)
        rows[f"{label}_s"] = round(time.perf_counter() - t, 2)
        rows[f"{label}_rss_mb"] = round(_rss_mb(), 0)
        top = df.loc[~df["excluded"], "actor"].to_numpy()
        rows[f"{label}_precision_at_50"] = float(np.isin(top, truth.planted).mean())
        rows[f"{label}_expected_reach"] = df.attrs["expected_reach"]
        rows[f"{label}_rr_sets"] = df.attrs["rr_sets"]
        rows[f"{label}_warnings"] = [str(c.message)[:200] for c in caught]
        print(label, rows[f"{label}_s"], "s", flush=True)
    rows = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in rows.items()}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(rows, indent=2))
    print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
