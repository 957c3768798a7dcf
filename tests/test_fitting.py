"""fit_weights: planted recovery, one-class refusal, non-negativity, small-data warning."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infnet import InfnetTypeError, InfnetWarning, InvalidParameterError, Network, fit_weights
from infnet.scoring import score_actors
from infnet.synthetic import toy_network

FEATURES = ["f1", "f2", "f3"]


def _planted(n: int, beta: np.ndarray, seed: int) -> tuple[Network, np.ndarray]:
    rng = np.random.default_rng(seed)
    actors = pd.DataFrame({"id": np.arange(n), **{f: rng.random(n) for f in FEATURES}})
    ties = pd.DataFrame({"source": [0, 1], "target": [1, 2]})
    net = Network.from_frames(actors, ties)
    # the kernel's "rank" normalisation of a continuous column is its rank / (n - 1)
    z = np.column_stack([pd.Series(actors[f]).rank().to_numpy() for f in FEATURES]) - 1
    return net, z / (n - 1) @ beta


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


@settings(max_examples=10, deadline=None, derandomize=True)
@given(
    beta=st.lists(st.floats(0.0, 1.0), min_size=3, max_size=3).filter(lambda b: sum(b) > 0.3),
    seed=st.integers(0, 1000),
)
def test_recovers_planted_weights_from_times(beta: list[float], seed: int) -> None:
    b = np.array(beta) / sum(beta)
    net, score = _planted(300, b, seed)
    time = -score  # the planted score decides who adopts first
    f = fit_weights(net, None, time, features=FEATURES, kind="time", rng=0, alpha=1e-4)
    got = np.array([f.fitted_weights_.get(k, 0.0) for k in FEATURES])
    assert _cos(got, b) > 0.97, (got, b)
    assert min(got) >= 0.0
    assert f.cv_score_ > 0.9


@settings(max_examples=6, deadline=None, derandomize=True)
@given(seed=st.integers(0, 1000))
def test_recovers_planted_weights_from_labels(seed: int) -> None:
    b = np.array([0.6, 0.3, 0.1])
    net, score = _planted(400, b, seed)
    y = (score > np.median(score)).astype(float)
    f = fit_weights(net, None, y, features=FEATURES, rng=seed)
    got = np.array([f.fitted_weights_.get(k, 0.0) for k in FEATURES])
    assert _cos(got, b) > 0.95, got
    assert got[0] > got[1] > got[2]
    assert f.beats_preset_
    assert f.weights_ == f.fitted_weights_
    # rank_influentials' score stage ranks by the same score
    s = score_actors(net, None, weights=f.weights_).values
    np.testing.assert_allclose(s, net.actors[FEATURES].rank().sub(1).div(399).to_numpy()
                               @ got, atol=1e-9)


def test_never_negative_even_when_a_feature_hurts() -> None:
    rng = np.random.default_rng(3)
    n = 200
    actors = pd.DataFrame({"id": range(n), "good": rng.random(n), "bad": rng.random(n)})
    net = Network.from_frames(actors, pd.DataFrame({"source": [0], "target": [1]}))
    y = (actors["good"] - actors["bad"] > 0).astype(float).to_numpy()  # "bad" is anti-correlated
    f = fit_weights(net, None, y, features=["good", "bad"], rng=0)
    assert all(v >= 0 for v in f.fitted_weights_.values())
    assert f.fitted_weights_.get("bad", 0.0) < 1e-6
    assert all(v >= 0 for v in f.weights_.values())


@pytest.mark.parametrize("values", [np.ones(10), np.zeros(10), np.full(10, 3.0)])
def test_refuses_one_class(values: np.ndarray) -> None:
    net = toy_network()
    with pytest.raises(InvalidParameterError, match="one class only"):
        fit_weights(net, None, values)


def test_refuses_bad_outcomes() -> None:
    net = toy_network()
    with pytest.raises(InvalidParameterError, match="one value per actor"):
        fit_weights(net, None, np.ones(3))
    with pytest.raises(InvalidParameterError, match="infinite"):
        fit_weights(net, None, np.r_[np.inf, np.arange(9.0)])
    with pytest.raises(InvalidParameterError, match="no actor column 'nope'"):
        fit_weights(net, None, "nope")
    with pytest.raises(InvalidParameterError, match="kind='label' must be 0/1"):
        fit_weights(net, None, np.arange(10.0), kind="label")
    with pytest.raises(InvalidParameterError, match="`cv` of fit_weights"):
        fit_weights(net, None, np.r_[np.ones(5), np.zeros(5)], cv=1)
    with pytest.raises(InfnetTypeError, match="`features`"):
        fit_weights(net, None, np.r_[np.ones(5), np.zeros(5)], features="degree")


def test_small_network_warns_and_keeps_the_preset() -> None:
    rng = np.random.default_rng(0)
    n = 20
    edges = [(int(a), int(b)) for a, b in rng.integers(0, n, (60, 2)) if a != b]
    ties = pd.DataFrame(edges, columns=["source", "target"]).drop_duplicates()
    net = Network.from_frames(pd.DataFrame({"id": range(n)}), ties)
    y = (rng.random(n) < 0.4).astype(float)
    y[:2] = [0.0, 1.0]
    with pytest.warns(InfnetWarning, match="too small"):
        f = fit_weights(net, None, y, rng=0)
    assert f.too_small_
    assert not f.beats_preset_
    assert "balanced" in f.preset_cv_scores_
    assert f.weights_ == {k: v for k, v in f.weights_.items() if v >= 0}
    assert "warm_path" not in f.weights_  # the preset minus features the network lacks
    assert np.isfinite(f.oof_scores_).all()
    assert f.get_params()["cv"] == 5


def test_same_seed_same_fit_and_nan_outcomes_skipped() -> None:
    net, score = _planted(120, np.array([0.5, 0.5, 0.0]), 1)
    y = (score > np.median(score)).astype(float)
    y[:10] = np.nan
    a = fit_weights(net, None, y, features=FEATURES, rng=4)
    b = fit_weights(net, None, y, features=FEATURES, rng=4)
    assert a.fitted_weights_ == b.fitted_weights_
    assert a.n_used_ == 110
    assert np.isnan(a.oof_scores_[:10]).all()


def test_rank_influentials_accepts_the_weights() -> None:
    from infnet import Target, rank_influentials

    net = toy_network()
    target = Target(segments=["fintech"])
    y = np.r_[np.ones(5), np.zeros(5)]
    with pytest.warns(InfnetWarning, match="too small"):
        f = fit_weights(net, target, y, features=["direct_reach", "target_share", "degree"],
                        cv=2)
    for weights in (f.weights_, f.fitted_weights_):
        if weights:
            df = rank_influentials(net, target, k=3, weights=weights, band=None)
            assert (~df["excluded"]).sum() == 3
