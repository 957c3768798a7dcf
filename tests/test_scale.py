"""Scale tests, deselected by default (``python -m pytest -m slow`` runs them).

They check behaviour, not speed (speed is measured in benchmarks/): results at a size
where compiled kernels take their parallel paths equal the serial ones, and planted
micro-influentials are still recovered.
"""

from __future__ import annotations

import numpy as np
import pytest

from infnet import rank_influentials
from infnet.algorithms import bridging, reach
from infnet.synthetic import business_network

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def large():
    return business_network(200_000, rng=11, return_truth=True)


def test_planted_recovered_at_200k(large):
    net, truth = large
    df = rank_influentials(net, truth.target, k=50, kind="external")
    top = df.loc[~df["excluded"], "actor"].to_numpy()
    assert np.isin(top, truth.planted).mean() >= 0.8


def test_parallel_burt_equals_serial(large, monkeypatch):
    net, _ = large
    con = bridging.constraint(net)
    monkeypatch.setattr(bridging, "_n_threads", lambda: 1)
    np.testing.assert_allclose(bridging.constraint(net), con, rtol=1e-12, equal_nan=True)


def test_khop_exact_agrees_with_sketch_below_k(large):
    net, truth = large
    w = (net.attribute("segment") == truth.target_segment).astype(float)
    exact = reach.khop_reach(net, w, hops=2)
    sketch = reach.khop_reach(net, w, hops=2, method="sketch", rng=0)
    small = exact < 1000  # below the sketch size every estimate is exact
    np.testing.assert_allclose(sketch[small], exact[small])
