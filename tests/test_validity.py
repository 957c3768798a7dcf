"""The validity suite (benchmarks/validity.py): its rules, and a small run on one data set.

The CI run uses Medical Innovation (125 doctors), which is committed under
``benchmarks/data``, so it never skips; the shared-data checks skip without
``../shared/data``.
"""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import SHARED_DATA

from infnet.presets import PRESETS

SUITE = Path(__file__).resolve().parents[1] / "benchmarks" / "validity.py"
EXTRA = SUITE.parent / "data"


@pytest.fixture(scope="module")
def validity():
    spec = importlib.util.spec_from_file_location("infnet_validity_suite", SUITE)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def medinnov(validity):
    return validity.load_medinnov(EXTRA)


def test_metrics_by_hand(validity):
    y = np.array([1.0, 1.0, 0.0, 0.0])
    assert validity.roc_auc(np.array([4.0, 3.0, 2.0, 1.0]), y) == 1.0
    assert validity.roc_auc(np.array([1.0, 1.0, 1.0, 1.0]), y) == 0.5
    # tie at the cut: 2 of the 3 tied actors would fill 2 places, 1/3 of them relevant
    s = np.array([5.0, 2.0, 2.0, 2.0])
    rel = np.array([True, True, False, False])
    assert validity.precision_at_k(s, rel, 3) == pytest.approx((1 + 2 / 3) / 3)
    assert validity.spearman_time(np.array([3.0, 2.0, 1.0]), np.array([1.0, 2.0, 3.0])) == 1.0
    groups = np.array([0, 0, 0, 1, 1, 1])
    t = np.array([1.0, 2.0, 3.0, 1.0, 2.0, 3.0])
    score = np.array([3.0, 2.0, 1.0, 1.0, 2.0, 3.0])  # right in one village, wrong in the other
    assert validity.spearman_within(score, t, groups) == pytest.approx(0.0)


def test_vectorised_bootstrap_equals_the_loop(validity, medinnov):
    """evaluate_boot (all resamples at once) gives evaluate() on each resample."""
    rng = np.random.default_rng(3)
    boot = validity.bootstrap_indices(medinnov, 15, rng)
    score = np.round(rng.random(medinnov.network.n_actors) * 4)  # many ties, also at the cut
    fast = validity.evaluate_boot(score, medinnov, boot)
    slow = np.array([list(validity.evaluate(score, medinnov, b).values()) for b in boot])
    np.testing.assert_allclose(fast, slow, rtol=1e-12, atol=1e-12)


def test_nominations_are_reversed_explicitly(validity, medinnov):
    ties = pd.read_csv(EXTRA / "medical_innovation" / "ties.csv")
    asked = ties[ties["relation"] == "advice"]["target"].value_counts()  # received, raw
    out = medinnov.network.to_series(validity.degree(medinnov.network, direction="out"))
    assert (out.loc[asked.index].to_numpy() == asked.to_numpy()).all()
    assert out.drop(asked.index).eq(0).all()


def test_email_is_kept_as_recorded(validity):
    ds = validity.load_enron(EXTRA)
    ties = pd.read_csv(EXTRA / "enron" / "ties.csv")
    sent_to = ties.groupby("source").size()  # distinct recipients per sender
    out = ds.network.to_series(validity.degree(ds.network, direction="out"))
    assert (out.loc[sent_to.index].to_numpy() == sent_to.to_numpy()).all()
    assert int(ds.scored.sum()) == 130  # employees with a recorded position
    assert np.isnan(ds.outcome[~ds.scored]).all()


def test_candidate_family(validity):
    W = validity.candidate_weights()
    # compositions of 9 units into m parts, target_share always one of the m features
    expected = sum(math.comb(8, m - 1) ** 2 for m in range(1, validity.MAX_FEATURES + 1))
    assert W.shape == (expected, len(validity.CANDIDATE_FEATURES)) == (3985, 9)
    np.testing.assert_allclose(W.sum(axis=1), 0.9)
    units = W / validity.STEP
    np.testing.assert_allclose(units, np.round(units), atol=1e-9)
    assert ((W > 0).sum(axis=1) <= validity.MAX_FEATURES).all()
    assert len({tuple(r) for r in W.round(6)}) == len(W)
    for f, v in validity.MIN_WEIGHTS.items():
        assert (W[:, validity.CANDIDATE_FEATURES.index(f)] >= v - 1e-9).all()
    banned = {"betweenness_centrality", "approximate_betweenness", "harmonic_centrality"}
    assert not banned & set(validity.CANDIDATE_FEATURES), "no costly feature in the default"


def test_balanced_preset_is_a_member_of_the_family(validity):
    """The default is one of the vectors the stated procedure chooses among."""
    balanced = dict(PRESETS["balanced"])
    for f, v in validity.FIXED_WEIGHTS.items():
        assert balanced.pop(f) == pytest.approx(v)
    row = np.array([balanced.pop(f, 0.0) for f in validity.CANDIDATE_FEATURES])
    assert not balanced, f"features outside the candidate family: {balanced}"
    assert (np.abs(validity.candidate_weights() - row).max(axis=1) < 1e-9).any()


def test_select_weights_is_maximin_and_leaves_out(validity):
    W = np.array([[0.9, 0.0], [0.0, 0.9], [0.4, 0.5]])
    M = np.array([[0.90, 0.10, 0.50],   # great on 0, awful on 1
                  [0.10, 0.90, 0.50],
                  [0.70, 0.70, 0.20]])  # best worst case on {0, 1}
    best, scale = np.array([0.8, 0.8, 0.5]), np.ones(3)
    assert validity.select_weights(M, best, scale, W, [0, 1])[0][0] == 2
    assert validity.select_weights(M, best, scale, W, [0])[0][0] == 0
    order, z = validity.select_weights(M, best, scale, W, [0, 1, 2])
    assert order[0] == 2 and z.shape == (3, 3)
    np.testing.assert_allclose(z[0], [0.1, -0.7, 0.0])


def test_candidate_metrics_score_what_the_default_scores(validity, medinnov):
    """The selection's fast matrix score ranks exactly as rank_influentials' kernel."""
    Z = validity.candidate_features(medinnov)
    balanced = {f: v for f, v in PRESETS["balanced"].items() if f != "warm_path"}
    row = np.array([[balanced.get(f, 0.0) for f in validity.CANDIDATE_FEATURES]])
    fast = validity.candidate_metrics(Z, medinnov, row)[0]
    kernel = validity.evaluate(
        validity.weighted_scores(medinnov.network, medinnov.scored, PRESETS["balanced"]),
        medinnov)["spearman"]
    assert fast == pytest.approx(kernel, abs=1e-9)


def test_suite_runs_on_medinnov(validity, tmp_path):
    rc = validity.main(["--out", str(tmp_path), "--sets", "medinnov", "--n-boot", "50",
                        "--no-plot", "--no-mixes", "--no-planted"])
    assert rc == 0
    payload = json.loads((tmp_path / "results.json").read_text())
    (r,) = payload["results"]
    assert r["metric"] == "spearman"
    assert r["n_scored"] == 125
    methods = r["methods"]
    assert {"default", "fitted", "previous_default", "baseline:out_degree",
            "baseline:reverse_pagerank", "baseline:diffusion_centrality",
            "baseline:betweenness_centrality", "baseline:harmonic_centrality",
            "baseline:constraint", "baseline:core_number", "baseline:khop_reach",
            "baseline:in_strength", "baseline:out_strength", "preset:balanced"} <= set(methods)
    for cell in methods.values():
        for metric in ("spearman", "precision_at_k"):
            v = cell[metric]
            assert v["low"] - 1e-12 <= v["value"] <= v["high"] + 1e-12
        assert "spearman_within" in cell
    assert payload["selection"]["n_candidates"] == 3985
    assert payload["selection"]["lodo"] == {}  # one data set: nothing to leave out
    assert payload["selection"]["planted_check"] == "skipped (--no-planted)"
    chosen = payload["selection"]["chosen"]["weights"]
    assert chosen["target_share"] >= 0.1 and chosen["warm_path"] == 0.1
    assert "| medinnov |" in (tmp_path / "results.md").read_text()


@pytest.mark.data
def test_shared_data_protocol(validity):
    if SHARED_DATA is None or not (SHARED_DATA / "krackhardt_managers").exists():
        pytest.skip("../shared/data not available")
    ds = validity.load_krackhardt(SHARED_DATA)
    ties = pd.read_csv(SHARED_DATA / "krackhardt_managers" / "ties.csv")
    asked = ties[ties["relation"] == "advice"]["target"].value_counts()
    out = ds.network.to_series(validity.degree(ds.network, direction="out"))
    assert (out.loc[asked.index].to_numpy() == asked.to_numpy()).all()
    with pytest.raises(ValueError, match="reports_to"):
        validity.load_krackhardt(SHARED_DATA, {"advice": 1.0, "reports_to": 1.0})
