"""Micro-benchmarks of the graph core: building from frames and exporting to frames."""

from __future__ import annotations

import pytest

from infnet import Network


@pytest.fixture(scope="module")
def frames(network):
    return network.to_frames()


def test_from_frames(benchmark, network, frames):
    actors, ties = frames
    result = benchmark(Network.from_frames, actors, ties, directed=network.directed,
                       focal_organisation=network.focal_organisation)
    assert result.n_ties == network.n_ties


def test_to_frames(benchmark, network):
    actors, ties = benchmark(network.to_frames)
    assert len(ties) == network.n_ties
    assert len(actors) == network.n_actors
