"""Quality benchmarks: recovery of planted influentials and error of the estimators.

Writes one JSON (default ``benchmarks/results/quality-<date>.json``) with, per size:

* ``precision_at_k``: share of the ``k = n_planted`` top-ranked actors that are planted
  micro-influentials of :func:`infnet.synthetic.business_network`, for
  ``rank_influentials`` (when importable) and for two documented baselines: direct
  targeted reach among external actors in the micro band (1k-50k audience), and plain
  degree (which should do poorly: the macro accounts and ordinary hubs are distractors);
* ``sketch_vs_exact``: relative error of ``khop_reach(method="sketch")`` against
  ``method="exact"`` (median, 90th percentile and max over actors with exact reach > 0);
* ``rr_vs_monte_carlo``: ``expected_reach`` (reverse-reachable sets) of the planted set
  against the mean of ``simulate_cascade`` Monte-Carlo runs, with the Monte-Carlo
  standard error.

Each part is skipped (recorded as ``{"status": "not available", ...}``) when the module
it needs cannot be imported, or reports ``{"status": "error", ...}`` when it fails.

Usage::

    python benchmarks/quality.py --sizes 10k,100k [--out benchmarks/results]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent


def _guard(fn: Any) -> Any:
    def wrapped(*args: Any, **kwargs: Any) -> dict[str, Any]:
        t0 = time.perf_counter()
        try:
            out = fn(*args, **kwargs)
        except ImportError as exc:
            return {"status": "not available", "detail": f"{type(exc).__name__}: {exc}"}
        except Exception as exc:  # noqa: BLE001 - reported, never fatal
            return {"status": "error", "detail": f"{type(exc).__name__}: {exc}"[:300]}
        out.setdefault("status", "ok")
        out["time_s"] = time.perf_counter() - t0
        return out
    return wrapped


def _precision(ids: np.ndarray, planted: np.ndarray) -> float:
    return float(np.isin(ids, planted).mean()) if ids.size else float("nan")


def baselines(net: Any, truth: Any) -> dict[str, Any]:
    k = truth.planted.size
    w = (net.attribute("segment") == truth.target_segment).astype(float)
    reach = net.strength @ w
    aud = net.attribute("audience")
    ok = (net.attribute("kind") == "external") & (aud >= 1_000) & (aud <= 50_000)
    top = np.argsort(-np.where(ok, reach, -np.inf), kind="stable")[:k]
    deg = np.diff(net.strength.indptr)
    top_deg = np.argsort(-deg, kind="stable")[:k]
    return {"k": int(k),
            "direct_reach_micro_band": _precision(net.actor_ids[top].to_numpy(), truth.planted),
            "degree": _precision(net.actor_ids[top_deg].to_numpy(), truth.planted)}


@_guard
def ranking(net: Any, truth: Any) -> dict[str, Any]:
    import warnings

    from infnet.ranking import rank_influentials

    k = truth.planted.size
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        df = rank_influentials(net, truth.target, k=k, kind="external", rng=0)
    if "excluded" in df.columns:
        df = df[~df["excluded"].astype(bool)]
    ids = df["actor"].to_numpy()[:k]
    return {"k": int(k), "precision": _precision(ids, truth.planted)}


@_guard
def sketch_error(net: Any, truth: Any) -> dict[str, Any]:
    from infnet.algorithms.reach import khop_reach

    w = (net.attribute("segment") == truth.target_segment).astype(float)
    exact = khop_reach(net, w, hops=2, method="exact")
    est = khop_reach(net, w, hops=2, method="sketch", rng=0)
    mask = exact > 0
    rel = np.abs(est[mask] - exact[mask]) / exact[mask]
    return {"hops": 2, "n_actors": int(mask.sum()), "median_rel_error": float(np.median(rel)),
            "p90_rel_error": float(np.quantile(rel, 0.9)), "max_rel_error": float(rel.max())}


@_guard
def rr_vs_mc(net: Any, truth: Any, n_runs: int = 200) -> dict[str, Any]:
    from infnet.algorithms.diffusion import expected_reach, simulate_cascade

    w = (net.attribute("segment") == truth.target_segment).astype(float)
    seeds = np.zeros(net.n_actors, dtype=bool)
    seeds[net.index_of(truth.planted)] = True
    # the facade's default model; a strength cascade at transmissibility 0.5 is
    # supercritical on these networks (RR sets span most of the graph)
    est = expected_reach(net, w, seeds, model="weighted_cascade", n_sets=20_000, rng=0)
    mc = simulate_cascade(net, w, seeds, model="weighted_cascade", n_runs=n_runs, rng=1)
    rr, mc_mean = float(est.value), float(mc.value)
    return {"model": "weighted_cascade", "rr_estimate": rr, "rr_standard_error": float(est.stderr), "mc_mean": mc_mean,
            "mc_standard_error": float(mc.stderr), "mc_runs": n_runs,
            "rel_error": abs(rr - mc_mean) / mc_mean if mc_mean else float("nan"),
            "within_3_se": bool(abs(rr - mc_mean) <= 3 * np.hypot(est.stderr, mc.stderr))}


def run(n_actors: int, ties_per_actor: float) -> dict[str, Any]:
    from infnet.synthetic import business_network

    net, truth = business_network(n_actors, mean_degree=2 * ties_per_actor, rng=0,
                                  return_truth=True)
    return {"n_actors": net.n_actors, "n_ties": net.n_ties, "n_planted": int(truth.planted.size),
            "precision_at_k": {"baselines": baselines(net, truth),
                               "rank_influentials": ranking(net, truth)},
            "sketch_vs_exact": sketch_error(net, truth),
            "rr_vs_monte_carlo": rr_vs_mc(net, truth)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k", help="actors, e.g. 10k,100k")
    parser.add_argument("--ties-per-actor", type=float, default=10.0)
    parser.add_argument("--out", default=str(HERE / "results"))
    args = parser.parse_args(argv)
    sizes = [int(float(s[:-1]) * {"k": 1e3, "m": 1e6}[s[-1].lower()]) if s[-1].isalpha()
             else int(s) for s in args.sizes.split(",")]
    date = dt.datetime.now().strftime("%Y-%m-%d")
    results = {"date": date, "sizes": [run(n, args.ties_per_actor) for n in sizes]}
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"quality-{date}.json"
    path.write_text(json.dumps(results, indent=1))
    print(json.dumps(results, indent=1))
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
