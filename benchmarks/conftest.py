"""Fixtures for the pytest-benchmark micro-benchmarks: synthetic business networks by size.

Sizes are named by their number of ties, as in networkx's benchmarks: ``1e3``, ``1e5``,
``1e6`` and ``1e7`` (about 10 ties per actor, undirected). The smoke run
``python -m pytest benchmarks --benchmark-disable -m "not large" -q`` builds only the
``1e3`` case; set ``INFNET_BENCH_FULL=1`` to add ``1e5`` and ``1e6``, and also pass
``-m large`` for the ``1e7`` case (1M actors; about 2 GB and a minute to build).
Networks are built once per session, outside the timed code.
"""

from __future__ import annotations

import os

import pytest

from infnet import Network
from infnet.synthetic import business_network

# other helpers' private scripts live beside the suite; never collect them
collect_ignore_glob = ["scratch_*.py"]

FULL = os.environ.get("INFNET_BENCH_FULL", "") == "1"
_full_only = pytest.mark.skipif(not FULL, reason="set INFNET_BENCH_FULL=1 to run this size")

#: ties -> n_actors (10 ties per actor, mean degree 20; 1e3 uses 400 actors, mean degree 5)
TIE_SIZES: dict[str, int] = {"1e3": 400, "1e5": 10_000, "1e6": 100_000, "1e7": 1_000_000}

SIZE_PARAMS = [
    pytest.param("1e3", id="1e3"),
    pytest.param("1e5", id="1e5", marks=_full_only),
    pytest.param("1e6", id="1e6", marks=_full_only),
    pytest.param("1e7", id="1e7", marks=[pytest.mark.large, _full_only]),
]

_CACHE: dict[str, Network] = {}


def spec(size: str) -> tuple[int, float]:
    """Return ``(n_actors, mean_degree)`` of a size name."""
    return TIE_SIZES[size], (5.0 if size == "1e3" else 20.0)


def build(size: str) -> Network:
    """Return the (cached) undirected business network with about ``float(size)`` ties."""
    if size not in _CACHE:
        n, mean_degree = spec(size)
        _CACHE[size] = business_network(n, mean_degree=mean_degree, rng=0)
    return _CACHE[size]


@pytest.fixture(params=SIZE_PARAMS, scope="session")
def size(request: pytest.FixtureRequest) -> str:
    """Size name of the case (``"1e3"`` ... ``"1e7"`` ties)."""
    return str(request.param)


@pytest.fixture(scope="session")
def network(size: str) -> Network:
    """Synthetic business network with about ``size`` ties, built once per session."""
    return build(size)


@pytest.fixture(scope="session")
def size_spec(size: str) -> tuple[int, float]:
    """``(n_actors, mean_degree)`` of the case."""
    return spec(size)
