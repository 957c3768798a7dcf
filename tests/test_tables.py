from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from infnet.exceptions import InvalidParameterError, UnknownActorError
from infnet.measures import MEASURES, expected_reach, measures, targeted_reach


def test_measures_frame(toy):
    df = measures(toy, ["pagerank", "core_number", "brokerage_roles"])
    assert df.index.equals(toy.actor_ids)
    assert {"pagerank", "core_number", "brokerage_liaison"} <= set(df.columns)
    pr = nx.pagerank(toy.to_networkx(), weight="strength")
    np.testing.assert_allclose(df["pagerank"], [pr[a] for a in toy.actor_ids], rtol=1e-6)


def test_measures_params_routed_and_checked(toy):
    df = measures(toy, ["participation_coefficient"], groups="segment")
    assert df.loc["jo", "participation_coefficient"] == 0.0
    with pytest.raises(InvalidParameterError, match="accepted by none"):
        measures(toy, ["core_number"], damping=0.9)
    with pytest.raises(InvalidParameterError, match="Did you mean 'pagerank'"):
        measures(toy, ["page_rank"])


def test_every_measure_runs_on_the_toy(toy):
    params = {"groups": "segment", "seeds": (toy.attribute("segment") == "fintech").astype(float), "rng": 0}
    for name in MEASURES:
        df = measures(toy, [name], **{k: v for k, v in params.items() if k in _accepted(name)})
        assert len(df) == toy.n_actors


def _accepted(name):
    from infnet.measures import _keywords

    return _keywords(MEASURES[name])


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
