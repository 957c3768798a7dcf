"""Diffusion centrality (Banerjee et al. 2013) against a dense numpy oracle and its limits."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from oracle_graphs import random_network

from infnet import ConvergenceError, InfnetTypeError, InvalidParameterError, Network
from infnet.algorithms import diffusion_centrality, katz_centrality
from infnet.algorithms.centrality import degree
from infnet.registry import MEASURES, new_context
from infnet.synthetic import star, toy_network


def _dense(network: Network, weight: str | None = "strength") -> np.ndarray:
    return network.matrix(weight).toarray()


def _oracle(a: np.ndarray, q: float, t_max: int, w: np.ndarray | None = None) -> np.ndarray:
    n = a.shape[0]
    x = np.ones(n) if w is None else np.asarray(w, dtype=float)
    total = np.zeros(n)
    power = np.eye(n)
    for _ in range(t_max):
        power = power @ (q * a)
        total += power @ x
    return total


def _lambda1(a: np.ndarray) -> float:
    return float(np.abs(np.linalg.eigvals(a)).max())


GRAPHS = [
    pytest.param(random_network(30, 0.12, directed=True, seed=s), id=f"directed-{s}") for s in (0, 1)
] + [
    pytest.param(random_network(25, 0.15, directed=False, seed=s), id=f"undirected-{s}")
    for s in (2, 3)
] + [pytest.param(toy_network(), id="toy")]


@pytest.mark.parametrize("net", GRAPHS)
@pytest.mark.parametrize("t_max", [1, 2, 3, 7])
def test_matches_dense_oracle_default_q(net: Network, t_max: int) -> None:
    a = _dense(net)
    q = 1.0 / _lambda1(a)
    got = diffusion_centrality(net, T=t_max)
    np.testing.assert_allclose(got, _oracle(a, q, t_max), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("net", GRAPHS)
def test_targeted_form_and_unweighted(net: Network) -> None:
    rng = np.random.default_rng(0)
    w = rng.random(net.n_actors) * (rng.random(net.n_actors) < 0.4)
    a = _dense(net, None)
    got = diffusion_centrality(net, q=0.2, T=4, w=w, weight=None)
    np.testing.assert_allclose(got, _oracle(a, 0.2, 4, w), rtol=1e-10, atol=1e-13)


@pytest.mark.parametrize("net", GRAPHS)
def test_t1_is_q_times_out_degree(net: Network) -> None:
    np.testing.assert_allclose(diffusion_centrality(net, q=0.3, T=1, weight=None),
                               0.3 * degree(net, direction="out"), rtol=1e-12)
    np.testing.assert_allclose(diffusion_centrality(net, q=0.3, T=1),
                               0.3 * degree(net, direction="out", weight="strength"), rtol=1e-12)


@pytest.mark.parametrize("net", GRAPHS)
def test_large_t_below_critical_converges_to_katz(net: Network) -> None:
    q = 0.5 / _lambda1(_dense(net))
    dc = diffusion_centrality(net, q=q, T=400)
    # Katz counts walks *into* an actor; on the reversed network, walks out of it.
    katz = katz_centrality(net.reversed(), alpha=q, beta=1.0, normalized=False, tol=1e-12)
    np.testing.assert_allclose(dc, katz - 1.0, rtol=1e-8, atol=1e-10)


def test_star_direction_and_isolated() -> None:
    # 0 -> 1..3: only the hub tells anyone.
    assert diffusion_centrality(star(3), q=0.5, T=3).tolist() == [1.5, 0.0, 0.0, 0.0]
    assert diffusion_centrality(star(3).reversed(), q=0.5, T=1).tolist() == [0.0, 0.5, 0.5, 0.5]
    # acyclic: lambda_1 = 0, default q from the symmetrised matrix, still finite
    assert np.isfinite(diffusion_centrality(star(3))).all()
    toy = toy_network()
    isolated = int(np.flatnonzero(degree(toy, direction="all") == 0)[0])
    assert diffusion_centrality(toy)[isolated] == 0.0


def test_no_ties_and_zero_target() -> None:
    net = star(2)
    assert diffusion_centrality(net, w=np.zeros(3)).tolist() == [0.0, 0.0, 0.0]


def test_order_invariance() -> None:
    net = random_network(20, 0.2, directed=True, seed=5)
    perm = np.random.default_rng(1).permutation(net.n_actors)
    actors = net.actors.iloc[perm]
    ties = net.to_frames()[1].sample(frac=1.0, random_state=2)
    other = Network.from_frames(actors.reset_index(), ties, actor_id=actors.index.name or "index")
    a = net.to_series(diffusion_centrality(net))
    b = other.to_series(diffusion_centrality(other))
    np.testing.assert_allclose(a.sort_index().to_numpy(), b.sort_index().to_numpy(), rtol=1e-10)


def test_invalid_parameters_named() -> None:
    net = star(3)
    with pytest.raises(InvalidParameterError, match="`q` of diffusion_centrality"):
        diffusion_centrality(net, q=0.0)
    with pytest.raises(InvalidParameterError, match="`T` of diffusion_centrality"):
        diffusion_centrality(net, T=0)
    with pytest.raises(InfnetTypeError, match="`T`"):
        diffusion_centrality(net, T=2.5)  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="`w`"):
        diffusion_centrality(net, w=[1.0, -1.0, 0.0, 0.0])
    with pytest.raises(InvalidParameterError, match="`weight` of diffusion_centrality"):
        diffusion_centrality(net, weight="nope")


def test_overflow_is_an_error_naming_the_bound() -> None:
    net = random_network(20, 0.3, directed=False, seed=0)
    with pytest.raises(ConvergenceError, match="1 / lambda_1"):
        diffusion_centrality(net, q=1e6, T=200)


def test_registered_as_features() -> None:
    net = toy_network()
    ctx = new_context(w=np.ones(net.n_actors), rng=0)
    plain = MEASURES["diffusion_centrality"]
    targeted = MEASURES["targeted_diffusion_centrality"]
    assert plain.feature
    assert not plain.needs_target
    assert targeted.needs_target
    assert {"q", "T", "weight"} <= set(plain.params)
    np.testing.assert_allclose(plain.feature_values(net, ctx), diffusion_centrality(net))
    np.testing.assert_allclose(targeted.feature_values(net, ctx), diffusion_centrality(net))


def _cycle_with_tails(n_cycle: int = 7, n_tail: int = 500, s: float = 0.5,
                      seed: int = 0) -> tuple[Network, float]:
    """A directed cycle of strength `s` (radius exactly `s`, period `n_cycle`) fed by a
    long acyclic part: the shape on which the largest-modulus eigensolver returned noise."""
    rng = np.random.default_rng(seed)
    cyc = [(f"c{i}", f"c{(i + 1) % n_cycle}", s) for i in range(n_cycle)]
    chain = [(f"t{i}", f"t{i + 1}", 0.9) for i in range(n_tail - 1)]
    extra = {(int(a), int(b)) for a, b in rng.integers(0, n_tail, size=(3 * n_tail, 2)) if a < b}
    dag = [(f"t{a}", f"t{b}", 0.3) for a, b in sorted(extra) if b != a + 1]
    feed = [(f"t{n_tail - 1}", "c0", 1.0)]
    ties = pd.DataFrame(cyc + chain + dag + feed, columns=["source", "target", "strength"])
    return Network.from_frames(None, ties, directed=True), s


def test_default_q_on_large_directed_networks_with_acyclic_parts() -> None:
    # more than 400 actors: the sparse eigensolver path (issue found with engine='dask')
    net, radius = _cycle_with_tails()
    got = diffusion_centrality(net, T=4)
    np.testing.assert_allclose(got, _oracle(_dense(net), 1.0 / radius, 4), rtol=1e-8)
    # acyclic: lambda_1 = 0, so q = 1 / the largest eigenvalue of (A + A^T) / 2
    ties = net.to_frames()[1]
    dag = Network.from_frames(None, ties[~ties["source"].str.startswith("c")
                                        | ~ties["target"].str.startswith("c")], directed=True)
    a = _dense(dag)
    q = 1.0 / float(np.linalg.eigvalsh((a + a.T) / 2)[-1])
    np.testing.assert_allclose(diffusion_centrality(dag, T=3), _oracle(a, q, 3), rtol=1e-8)
