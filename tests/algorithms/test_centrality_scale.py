"""Slow: the default iterative solvers are within 1e-6 L1 of a tight reference at 1M actors.

Run with ``python -m pytest tests/algorithms/test_centrality_scale.py -m slow``
(about 5 minutes and 4 GB on one core; the numbers are also in
benchmarks/results/2026-12-01-convergence-1m/convergence.json, written by
benchmarks/convergence.py).
"""

from __future__ import annotations

import numpy as np
import pytest

from infnet.algorithms.centrality import (
    eigenvector_centrality,
    katz_centrality,
    pagerank,
    personalized_pagerank,
)

pytestmark = pytest.mark.slow

N_ACTORS = 1_000_000


@pytest.fixture(scope="module")
def big():
    from infnet.synthetic import business_network

    return business_network(n_actors=N_ACTORS, rng=1)


def _seeds(net):
    segment = np.asarray(net.attribute("segment"))
    return (segment == segment[np.argmax(segment != segment[0])]).astype(float)


def test_pagerank_default_within_1e6_at_1m(big):
    x, info = pagerank(big, return_info=True)
    ref = pagerank(big, tol=1e-13, max_iter=100_000)  # rigorous bound: within 1e-13
    assert np.abs(x - ref).sum() <= 1e-6
    assert info.n_iter < 200


def test_personalized_pagerank_default_within_1e6_at_1m(big):
    seeds = _seeds(big)
    x = personalized_pagerank(big, seeds)
    ref = personalized_pagerank(big, seeds, tol=1e-13, max_iter=100_000)
    assert np.abs(x - ref).sum() <= 1e-6


def _eigsh(net):
    from scipy.sparse.linalg import eigsh

    n = net.n_actors
    _, vec = eigsh(net.in_matrix("strength"), k=1, which="LA",
                   v0=np.full(n, 1 / np.sqrt(n)), tol=1e-15)
    ref = vec[:, 0] * np.sign(vec[:, 0].sum())
    return ref / np.linalg.norm(ref)


def test_eigenvector_default_within_1e6_at_1m(big):
    x = eigenvector_centrality(big)
    assert np.abs(x - _eigsh(big)).sum() <= 1e-6  # Lanczos: a different method


def test_eigenvector_error_bound_holds_at_1m(big):
    # at tol=1e-6 the old stopping rule stopped at L1 1.007e-6 (issue 13, noticed)
    x, info = eigenvector_centrality(big, tol=1e-6, return_info=True)
    err = np.abs(x - _eigsh(big)).sum()
    assert err <= info.error_bound < 1e-6


def test_katz_default_converges_within_1e6_at_1m(big):
    from scipy.sparse.linalg import LinearOperator, cg

    x, info = katz_centrality(big, return_info=True)  # used to diverge at alpha=0.1
    assert info.converged
    m = big.in_matrix("strength")
    n = big.n_actors
    lam = float(np.linalg.norm(m @ _eigsh(big)))
    alpha = 0.9 / lam
    op = LinearOperator((n, n), matvec=lambda v: v - alpha * (m @ v), dtype=np.float64)
    ref, code = cg(op, np.ones(n), rtol=1e-15, atol=0.0, maxiter=100_000)
    assert code == 0
    ref /= np.linalg.norm(ref)
    assert np.abs(x - ref).sum() <= 1e-6
