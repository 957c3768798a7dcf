"""Random graphs and helpers shared by the networkx-oracle tests of the algorithms."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from infnet import Network

#: (n, p, directed, seed) of the gnp graphs the oracle tests run on.
GRAPHS = [
    pytest.param(30, 0.1, False, 1, id="undirected-sparse"),
    pytest.param(40, 0.25, False, 2, id="undirected-dense"),
    pytest.param(30, 0.08, True, 3, id="directed-sparse"),
    pytest.param(40, 0.2, True, 4, id="directed-dense"),
]


def random_network(
    n: int, p: float, *, directed: bool, seed: int, n_isolated: int = 2, max_length: int = 4
) -> Network:
    """Gnp graph with strengths in (0, 1], integer 'length' in [1, max_length) and isolated actors."""
    rng = np.random.default_rng(seed)
    g = nx.gnp_random_graph(n, p, seed=seed, directed=directed)
    edges = np.array(list(g.edges()), dtype=np.int64).reshape(-1, 2)
    ties = pd.DataFrame(
        {
            "source": edges[:, 0],
            "target": edges[:, 1],
            "strength": 1.0 - rng.random(len(edges)),  # in (0, 1]
            "length": rng.integers(1, max_length, len(edges)).astype(float),
        }
    )
    actors = pd.DataFrame({"id": range(n + n_isolated)})
    return Network.from_frames(actors, ties, directed=directed)


def gnm_network(
    n: int, m: int, *, directed: bool, seed: int, n_isolated: int = 1,
    repeated_strengths: bool = False, str_ids: bool = True,
) -> Network:
    """`m` random ties among the first `n` actors (self-ties dropped, duplicates merged),
    plus `n_isolated` actors with no tie, built through ``Network.from_csr``.

    ``repeated_strengths`` draws strengths from a few repeated values (exactly 1
    included) to exercise tie-breaking; otherwise uniform in [0.05, 1).
    """
    from scipy import sparse

    rng = np.random.default_rng(seed)
    src = rng.integers(0, n, m)
    dst = rng.integers(0, n, m)
    keep = src != dst
    src, dst = src[keep], dst[keep]
    if repeated_strengths:
        s = rng.choice([0.2, 0.5, 1.0, *rng.uniform(0.05, 1.0, 5)], size=src.size)
    else:
        s = rng.uniform(0.05, 1.0, src.size)
    total = n + n_isolated
    mat = sparse.coo_array((s, (src, dst)), shape=(total, total)).tocsr()
    mat.sum_duplicates()
    mat.data = np.minimum(mat.data, 1.0)
    if not directed:
        mat = mat.maximum(mat.T).tocsr()
    ids = [f"a{i}" for i in range(total)] if str_ids else range(total)
    return Network.from_csr(mat, ids, directed=directed)


def as_array(net: Network, d: dict) -> np.ndarray:
    """A networkx result dict as an array in network order."""
    return np.array([d[i] for i in net.actor_ids], dtype=float)
