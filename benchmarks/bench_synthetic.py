"""Micro-benchmarks of the synthetic business-network generator."""

from __future__ import annotations

from infnet.synthetic import business_network, demo_network


def test_business_network(benchmark, size, size_spec):
    n, mean_degree = size_spec
    net = benchmark.pedantic(business_network, args=(n,),
                             kwargs={"mean_degree": mean_degree, "rng": 0}, rounds=1,
                             iterations=1)
    assert net.n_actors == n


def test_demo_network(benchmark):
    net, truth = benchmark(demo_network)
    assert net.n_actors == 3_000
    assert truth.planted.size > 0
