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


# ------------------------------------------------------------ strategy=<fitted object>
def _ranked_network(n: int = 120, seed: int = 0) -> tuple[Network, np.ndarray]:
    """A planted network with ties (so targeted features exist) and a label outcome."""
    rng = np.random.default_rng(seed)
    actors = pd.DataFrame({"id": np.arange(n), "segment": np.where(np.arange(n) % 3 == 0, "x", "y"),
                           **{f: rng.random(n) for f in FEATURES}})
    src, dst = rng.integers(0, n, 4 * n), rng.integers(0, n, 4 * n)
    ties = pd.DataFrame({"source": src, "target": dst})[src != dst].drop_duplicates()
    net = Network.from_frames(actors, ties)
    score = actors["f1"].rank().to_numpy() * 2 + actors["f2"].rank().to_numpy()
    return net, (score > np.median(score)).astype(float)


def test_strategy_fitted_ranks_as_its_weights_and_says_so() -> None:
    from infnet import rank_influentials

    net, y = _ranked_network()
    f = fit_weights(net, None, y, features=FEATURES, rng=0)
    assert f.beats_preset_ and not f.fallback_
    assert f.normalization_ == "rank" and f.baseline_ == "balanced"
    by_object = rank_influentials(net, "x", k=5, strategy=f, band=None)
    by_weights = rank_influentials(net, "x", k=5, weights=f.weights_, band=None)
    pd.testing.assert_frame_equal(by_object, by_weights)
    assert by_object.attrs["parameters"]["strategy"] == "fitted"
    record = by_object.attrs["fitted"]
    assert record["weights"] == f.weights_
    assert record["metric"] == "roc_auc"
    assert record["cv_score"] == pytest.approx(f.cv_score_)
    assert record["baseline_cv_score"] == pytest.approx(f.preset_cv_scores_["balanced"])
    assert record["fallback"] is False
    assert record["features"] == list(FEATURES)
    assert by_weights.attrs["fitted"] is None


def test_strategy_fitted_records_a_fallback() -> None:
    from infnet import rank_influentials

    net = toy_network()
    y = np.r_[np.ones(5), np.zeros(5)]
    with pytest.warns(InfnetWarning, match="too small"):
        f = fit_weights(net, None, y, features=["direct_reach", "target_share", "degree"], cv=2)
    assert f.fallback_
    df = rank_influentials(net, "fintech", k=3, strategy=f, band=None)
    assert df.attrs["fitted"]["fallback"] is True
    assert df.attrs["fitted"]["too_small"] is True
    assert df.attrs["fitted"]["baseline"] == "balanced"
    assert df.attrs["weights"] == f.weights_  # the preset's, as fit_weights said


def test_plain_form_round_trips_through_json_and_the_service() -> None:
    import json

    from infnet import rank_influentials, rank_influentials_from_dict
    from infnet.fitting import FittedStrategy

    net, y = _ranked_network(90, seed=2)
    f = fit_weights(net, None, y, features=FEATURES, rng=0)
    plain = json.loads(json.dumps(f.to_dict()))
    assert FittedStrategy.from_dict(plain).to_dict() == plain
    direct = rank_influentials(net, "x", k=4, strategy=f, band=None)
    from_plain = rank_influentials(net, "x", k=4, strategy=plain, band=None)
    pd.testing.assert_frame_equal(direct, from_plain)
    minimal = rank_influentials(net, "x", k=4, strategy={"weights": f.weights_}, band=None)
    assert minimal["actor"].tolist() == direct["actor"].tolist()
    assert minimal.attrs["fitted"]["fallback"] is None  # not recorded, not guessed
    actors, ties = net.to_frames()
    out = rank_influentials_from_dict({
        "network": {"ties": ties.to_dict(orient="records"),
                    "actors": actors.to_dict(orient="records"), "directed": True},
        "target": "x", "k": 4, "band": None, "strategy": plain,
    })
    assert [r["actor"] for r in out["shortlist"]] == direct["actor"].tolist()
    assert out["attrs"]["fitted"] == plain
    assert out["attrs"]["parameters"]["strategy"] == "fitted"


def test_fitted_strategy_refusals_name_strategy() -> None:
    from infnet import NotFittedError, rank_influentials
    from infnet.fitting import WeightFitter

    net, y = _ranked_network(60)
    f = fit_weights(net, None, y, features=FEATURES, rng=0)
    with pytest.raises(InvalidParameterError, match="both a fitted `strategy` and `weights`"):
        rank_influentials(net, "x", strategy=f, weights={"f1": 1.0})
    with pytest.raises(InvalidParameterError, match="fitted with normalization='rank'"):
        rank_influentials(net, "x", strategy=f, normalization="minmax")
    with pytest.raises(NotFittedError, match="`strategy`.*not fitted"):
        rank_influentials(net, "x", strategy=WeightFitter())
    for bad in (None, 3, ["balanced"], f.weights_.items()):
        with pytest.raises(InfnetTypeError, match="`strategy` of rank_influentials"):
            rank_influentials(net, "x", strategy=bad)  # type: ignore[arg-type]
    other = toy_network()  # lacks the f1..f3 columns the weights need
    with pytest.raises(InvalidParameterError, match="'f1'.*strategy\\['weights'\\]"):
        rank_influentials(other, "fintech", strategy=f)


def test_weight_fitter_follows_the_estimator_conventions() -> None:
    from infnet import NotFittedError, rank_influentials
    from infnet.fitting import WeightFitter

    net, y = _ranked_network(150, seed=1)
    est = WeightFitter(features=FEATURES, alpha=0.01)
    assert est.get_params() == {"features": FEATURES, "kind": "auto", "cv": 5, "alpha": 0.01,
                                "baseline": "balanced", "normalization": "rank", "rng": 0}
    with pytest.raises(NotFittedError, match="not fitted"):
        _ = est.weights_
    assert not hasattr(est, "weights_")  # sklearn: unfitted attributes are absent
    assert est.fit(net, y) is est
    same = fit_weights(net, None, y, features=FEATURES, rng=0)
    assert est.weights_ == same.weights_ and est.cv_score_ == same.cv_score_
    assert est.beats_preset_
    # predict is the kernel score over all actors; score its metric on any network
    s = est.predict(net)
    np.testing.assert_allclose(s, score_actors(net, None, weights=est.weights_).values,
                               atol=1e-12)
    held_out, y_held = _ranked_network(150, seed=7)
    assert est.score(held_out, y_held) > 0.8  # the planted rule generalises
    assert est.score(held_out, 1 - y_held) < 0.2
    with pytest.raises(InvalidParameterError, match="one class"):
        est.score(held_out, np.ones(held_out.n_actors))
    with pytest.raises(InvalidParameterError, match="no parameter 'alpah'.*'alpha'"):
        est.set_params(alpah=1.0)
    assert est.set_params(alpha=0.5).alpha == 0.5
    assert "alpha=0.5" in repr(est)
    a = rank_influentials(net, "x", k=4, strategy=est, band=None)
    b = rank_influentials(net, "x", k=4, strategy=est.result_, band=None)
    pd.testing.assert_frame_equal(a, b)


def test_series_outcome_is_read_by_actor_id() -> None:
    from infnet import UnknownActorError

    net, y = _ranked_network(80)
    ids = net.actor_ids
    by_id = pd.Series(y, index=ids).iloc[::-1]  # reversed order: aligned by id
    a = fit_weights(net, None, by_id, features=FEATURES, rng=0)
    b = fit_weights(net, None, y, features=FEATURES, rng=0)
    assert a.fitted_weights_ == b.fitted_weights_
    partial = pd.Series(y, index=ids).iloc[5:]
    assert fit_weights(net, None, partial, features=FEATURES, rng=0).n_used_ == net.n_actors - 5
    toy = toy_network()  # string ids: a default RangeIndex could only be positions
    with pytest.raises(InvalidParameterError, match="RangeIndex"):
        fit_weights(toy, None, pd.Series(np.r_[np.ones(5), np.zeros(5)]))
    with pytest.raises(UnknownActorError, match="not actors of the network"):
        fit_weights(net, None, pd.Series(y, index=[f"a{i}" for i in range(y.size)]),
                    features=FEATURES)


@settings(max_examples=10, deadline=None, derandomize=True)
@given(seed=st.integers(0, 10_000), n_ties=st.integers(0, 80), p=st.floats(0.05, 0.95))
def test_twenty_actor_networks_never_overfit(seed: int, n_ties: int, p: float) -> None:
    """On 20 actors fit_weights refuses, or warns and keeps the preset; never negative."""
    import warnings

    rng = np.random.default_rng(seed)
    n = 20
    src, dst = rng.integers(0, n, n_ties), rng.integers(0, n, n_ties)
    ties = pd.DataFrame({"source": src, "target": dst})[src != dst].drop_duplicates()
    net = Network.from_frames(pd.DataFrame({"id": range(n)}), ties)
    y = (rng.random(n) < p).astype(float)
    n_minor = int(min(y.sum(), n - y.sum()))
    if n_minor < 2:  # one class, or too few for 2 folds: refused
        with pytest.raises(InvalidParameterError, match="one class|too few"):
            fit_weights(net, None, y, rng=seed)
        return
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        f = fit_weights(net, None, y, rng=seed)
    assert {w.category for w in caught} <= {InfnetWarning}
    assert any("too small" in str(w.message) for w in caught)
    assert f.too_small_ and f.fallback_
    assert all(v >= 0 for v in f.fitted_weights_.values())
    assert f.weights_ == {k: v for k, v in f.weights_.items() if v > 0}
    assert np.isfinite(f.oof_scores_).all()


@settings(max_examples=10, deadline=None, derandomize=True)
@given(seed=st.integers(0, 10_000), kind=st.sampled_from(["label", "time"]))
def test_weights_are_never_negative(seed: int, kind: str) -> None:
    """Whatever the outcome (noise, or planted against every feature), weights are >= 0."""
    rng = np.random.default_rng(seed)
    n = 60
    actors = pd.DataFrame({"id": range(n), **{f: rng.random(n) for f in FEATURES}})
    net = Network.from_frames(actors, pd.DataFrame({"source": [0], "target": [1]}))
    against = -(actors["f1"] + actors["f2"] + actors["f3"]).to_numpy() + rng.normal(0, 0.3, n)
    y = (against > np.median(against)).astype(float) if kind == "label" else -against
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InfnetWarning)
        f = fit_weights(net, None, y, features=FEATURES, kind=kind, rng=seed)
    assert all(v >= 0 for v in f.fitted_weights_.values())
    assert all(v >= 0 for v in f.weights_.values())
    assert not f.beats_preset_ or f.cv_score_ > f.preset_cv_scores_["balanced"]
