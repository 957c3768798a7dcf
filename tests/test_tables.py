from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from infnet.exceptions import InvalidParameterError, MissingColumnError, UnknownActorError
from infnet.registry import MEASURES
from infnet.tables import expected_reach, measures, targeted_reach


def test_measures_frame(toy):
    df = measures(toy, ["pagerank", "core_number", "brokerage_roles"])
    assert df.index.equals(toy.actor_ids)
    assert {"pagerank", "core_number", "brokerage_liaison"} <= set(df.columns)
    # networkx stops at an L1 change below n * tol: run it tight, and hold infnet's
    # default to its stated accuracy (L1 error below 1e-6)
    pr = nx.pagerank(toy.to_networkx(), weight="strength", tol=1e-14 / toy.n_actors,
                     max_iter=100_000)
    assert np.abs(df["pagerank"].to_numpy() - [pr[a] for a in toy.actor_ids]).sum() < 1e-6


def test_measures_params_routed_and_checked(toy):
    df = measures(toy, ["participation_coefficient"], groups="segment")
    assert df.loc["jo", "participation_coefficient"] == 0.0
    with pytest.raises(InvalidParameterError, match="accepted by none"):
        measures(toy, ["core_number"], damping=0.9)
    with pytest.raises(InvalidParameterError, match="Did you mean 'pagerank'"):
        measures(toy, ["page_rank"])


def test_every_measure_runs_on_the_toy(toy):
    params = {"groups": "segment"}
    for name, m in MEASURES.items():
        if any(not toy.has_attribute(c) for c in m.requires):
            with pytest.raises(MissingColumnError, match=m.requires[0]):
                measures(toy, [name], target="fintech")
            continue
        df = measures(toy, [name], target="fintech", rng=0,
                      **{k: v for k, v in params.items() if k in m.params})
        assert len(df) == toy.n_actors


def test_targeted_reach_series(toy):
    r1 = targeted_reach(toy, "fintech")
    assert r1.name == "reach_1"
    assert r1["cara"] == pytest.approx(0.4)
    r2 = targeted_reach(toy, {"segments": ["fintech"]}, hops=2)
    assert r2["ben"] == 1.0  # ben -> cara -> eva
    assert r2["cara"] == 3.0  # eva, then finn and gil


def test_expected_reach_float_and_errors(toy):
    est = expected_reach(toy, "fintech", ["gil", "eva"], rng=0, n_sets=5000)
    assert float(est) > 0
    assert est.stderr > 0
    single = expected_reach(toy, "fintech", ["gil"], rng=0, n_sets=5000)
    assert float(est) >= float(single)
    with pytest.raises(UnknownActorError, match="'zed'"):
        expected_reach(toy, "fintech", ["zed"])
