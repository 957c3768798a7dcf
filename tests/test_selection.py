from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from infnet import Network
from infnet.exceptions import InfnetTypeError, InvalidParameterError, UnknownActorError
from infnet.selection import REASONS, Vetting, eligibility, stable_order, top_k


def _net() -> Network:
    actors = pd.DataFrame({
        "id": ["a", "b", "c", "d", "e", "f"],
        "organisation": ["Us", "Us", "Rival", "X", "Y", "Z"],
        "audience": [500, 2000, 3000, np.nan, 60000, 4000],
        "fake_audience_share": [0.0, 0.0, 0.0, 0.5, 0.0, 0.1],
        "sponsored_share": [0.0, 0.9, 0.0, 0.0, 0.0, 0.2],
    })
    ties = pd.DataFrame({
        "source": ["a", "b", "c", "d", "e", "f", "f"],
        "target": ["b", "c", "d", "e", "f", "c", "a"],
        "strength": [0.9, 0.3, 0.8, 0.4, 0.6, 0.7, 0.2],
    })
    return Network.from_frames(actors, ties, focal_organisation="Us")


def test_rules_and_reasons():
    net = _net()
    e = eligibility(net, band_scope="all", vetting=Vetting(competitors=["Rival"]))
    reasons = dict(zip(net.actor_ids, e.reasons(np.arange(6)), strict=True))
    assert "micro band" in reasons["a"]  # audience 500
    assert "sponsored" in reasons["b"]
    assert "competitor organisation" in reasons["c"]
    assert "fake audience" in reasons["d"]
    assert "strong tie to a competitor" in reasons["d"]  # d <- c strength 0.8
    assert "micro band" in reasons["e"]  # audience 60,000
    assert "strong tie to a competitor" in reasons["f"]  # f -> c strength 0.7
    assert not e.eligible.any()
    assert e.counts()["competitor"] == 1


def test_band_applies_to_external_actors_by_default():
    net = _net()
    e = eligibility(net, vetting=Vetting(max_sponsored_share=None))
    assert e.flags[net.index_of("a")[0]] == 0  # internal, audience 500: an advocate all the same
    assert e.flags[net.index_of("e")[0]] >> REASONS.index("audience_band") & 1


def test_unknown_audience_falls_back_to_degree_band():
    net = _net()
    e = eligibility(net, vetting=Vetting(max_fake_audience_share=None), degree_band=(2, 10))
    # d has unknown audience and in-degree 1 (from c) -> outside [2, 10]
    assert e.flags[net.index_of("d")[0]] >> REASONS.index("degree_band") & 1


def test_scope_is_not_an_exclusion():
    net = _net()
    e = eligibility(net, kind="external", audience=None, vetting=Vetting(max_sponsored_share=None,
                                                                          max_fake_audience_share=None))
    assert e.in_scope.tolist() == [False, False, True, True, True, True]
    assert e.eligible.tolist() == e.in_scope.tolist()
    assert e.counts() == {}


def test_where_actors_and_predicate():
    net = _net()
    v = Vetting(actors=["e"], where="organisation == 'Z'", predicate=lambda n: n.select("organisation == 'X'"),
                max_fake_audience_share=None, max_sponsored_share=None)
    e = eligibility(net, audience=None, vetting=v)
    assert e.eligible.tolist() == [True, True, True, False, False, False]


def test_vetting_errors():
    net = _net()
    with pytest.raises(InvalidParameterError, match="Did you mean 'Rival'"):
        eligibility(net, vetting=Vetting(competitors=["Rivals"]))
    with pytest.raises(UnknownActorError, match="'zz'"):
        eligibility(net, vetting=Vetting(actors=["zz"]))
    with pytest.raises(InvalidParameterError, match="Did you mean 'competitors'"):
        Vetting.from_dict({"competitor": ["Rival"]})
    with pytest.raises(InvalidParameterError, match=r"max_sponsored_share"):
        Vetting(max_sponsored_share=1.5)
    with pytest.raises(InfnetTypeError):
        Vetting(predicate=3)  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="low <= high"):
        eligibility(net, audience=(10, 1))
    with pytest.raises(InvalidParameterError, match="kind"):
        eligibility(net, kind="externals")


def test_stable_order_ties_by_id_not_storage():
    a = Network.from_edges([("b", "a"), ("c", "a")])
    b = Network.from_edges([("c", "a"), ("b", "a")])
    assert a.actor_ids.tolist() == ["b", "a", "c"]
    assert b.actor_ids.tolist() == ["c", "a", "b"]
    sa = np.array([2.0, 1.0, 2.0])  # b, a, c
    sb = np.array([2.0, 1.0, 2.0])  # c, a, b
    assert a.actor_ids[stable_order(sa, a)].tolist() == ["b", "c", "a"]
    assert b.actor_ids[stable_order(sb, b)].tolist() == ["b", "c", "a"]


def test_top_k_quota_org_cap_budget():
    order = np.arange(6)
    elig = np.array([True, True, False, True, True, True])
    kinds = np.array(["internal", "internal", "external", "external", "external", "external"])
    orgs = np.array([0, 0, 1, 1, 1, -1])
    assert top_k(order, elig, 10, kinds=kinds, quota={"internal": 1, "external": 2}).tolist() == [0, 3, 4]
    assert top_k(order, elig, 10, organisations=orgs, max_per_organisation=1).tolist() == [0, 3, 5]
    cost = np.array([5.0, 1.0, 1.0, 4.0, 1.0, 1.0])
    assert top_k(order, elig, 10, cost=cost, budget=3.0).tolist() == [1, 4, 5]
    assert top_k(order, elig, 2).tolist() == [0, 1]
