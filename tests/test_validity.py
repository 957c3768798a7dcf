"""The validity suite (benchmarks/validity.py) runs at small size on one real data set."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import SHARED_DATA

pytestmark = pytest.mark.data

SUITE = Path(__file__).resolve().parents[1] / "benchmarks" / "validity.py"


@pytest.fixture(scope="module")
def validity():
    if SHARED_DATA is None or not (SHARED_DATA / "krackhardt_managers").exists():
        pytest.skip("../shared/data not available")
    spec = importlib.util.spec_from_file_location("infnet_validity_suite", SUITE)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_metrics_by_hand(validity):
    y = np.array([1.0, 1.0, 0.0, 0.0])
    assert validity.roc_auc(np.array([4.0, 3.0, 2.0, 1.0]), y) == 1.0
    assert validity.roc_auc(np.array([1.0, 1.0, 1.0, 1.0]), y) == 0.5
    # tie at the cut: 2 of the 3 tied actors would fill 2 places, 1/3 of them relevant
    s = np.array([5.0, 2.0, 2.0, 2.0])
    rel = np.array([True, True, False, False])
    assert validity.precision_at_k(s, rel, 3) == pytest.approx((1 + 2 / 3) / 3)
    assert validity.spearman_time(np.array([3.0, 2.0, 1.0]), np.array([1.0, 2.0, 3.0])) == 1.0


def test_direction_is_reversed_explicitly(validity):
    ds = validity.load_krackhardt(SHARED_DATA)
    import pandas as pd

    ties = pd.read_csv(SHARED_DATA / "krackhardt_managers" / "ties.csv")
    advice = ties[ties["relation"] == "advice"]
    asked = advice["target"].value_counts()  # nominations received in the raw data
    out = ds.network.to_series(validity.degree(ds.network, direction="out"))
    assert (out.loc[asked.index].to_numpy() == asked.to_numpy()).all()
    with pytest.raises(ValueError, match="reports_to"):
        validity.load_krackhardt(SHARED_DATA, {"advice": 1.0, "reports_to": 1.0})


def test_suite_runs_on_krackhardt(validity, tmp_path):
    rc = validity.main(["--data", str(SHARED_DATA), "--out", str(tmp_path), "--sets",
                        "krackhardt", "--n-boot", "50", "--no-plot", "--no-mixes"])
    assert rc == 0
    payload = json.loads((tmp_path / "results.json").read_text())
    (r,) = payload["results"]
    assert r["metric"] == "auc"
    assert r["n_scored"] == 21
    methods = r["methods"]
    assert {"default", "fitted", "baseline:out_degree", "baseline:diffusion_centrality",
            "preset:balanced"} <= set(methods)
    for cell in methods.values():
        auc = cell["auc"]
        assert auc["low"] - 1e-12 <= auc["value"] <= auc["high"] + 1e-12
    # the default finds the formal hierarchy far better than chance
    assert methods["default"]["auc"]["value"] > 0.85
    assert "| krackhardt |" in (tmp_path / "results.md").read_text()
