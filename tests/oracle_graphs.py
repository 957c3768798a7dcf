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


def as_array(net: Network, d: dict) -> np.ndarray:
    """A networkx result dict as an array in network order."""
    return np.array([d[i] for i in net.actor_ids], dtype=float)
