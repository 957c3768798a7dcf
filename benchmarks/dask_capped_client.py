"""One side of ``dask_capped.sh``: rank a store in one process or on an external cluster.

``python benchmarks/dask_capped_client.py reference|memory|dask STORE`` ranks the store
with the default strategy (k=50, no micro band); ``reference`` also writes the shortlist
to ``STORE.reference.csv``, and every run prints (JSON) its time and whether its top-50
equals the reference in order. ``dask`` connects to the scheduler at
``tcp://127.0.0.1:8799`` (the active client of ``engine="dask"``).
"""

from __future__ import annotations

import json
import sys
import time
import warnings

import numpy as np
import pandas as pd


def main() -> None:
    """Run one ranking and print its summary."""
    from infnet import rank_influentials
    from infnet.store import open_store

    mode, store = sys.argv[1], sys.argv[2]
    net = open_store(store)
    extra = {}
    if mode == "dask":
        from distributed import Client

        Client("tcp://127.0.0.1:8799")  # becomes the active client
        extra = {"engine": "dask"}
    t = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        df = rank_influentials(net, {"segments": ["fintech"]}, k=50, band=None, **extra)
    secs = time.perf_counter() - t
    keep = df[~df["excluded"]]
    ref_path = f"{store}.reference.csv"
    if mode == "reference":
        keep[["actor", "score"]].to_csv(ref_path, index=False)
    ref = pd.read_csv(ref_path)
    same = list(keep["actor"].astype(str)) == list(ref["actor"].astype(str))
    diff = float(np.abs(keep["score"].to_numpy() - ref["score"].to_numpy()).max())
    print(json.dumps({"mode": mode, "seconds": secs, "same_top50_in_order": same,
                      "max_abs_score_diff": diff}))


if __name__ == "__main__":
    main()
