"""Multiplex ties: combined strength, relations kept per tie, one relation or a mix."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from infnet import InfnetTypeError, InvalidParameterError, MissingColumnError
from infnet.algorithms import degree
from infnet.multiplex import combine_relations, multiplex_network

TIES = pd.DataFrame({
    "source": ["a", "a", "b", "c", "a"],
    "target": ["b", "b", "c", "a", "b"],
    "relation": ["advice", "friendship", "friendship", "advice", "advice"],
})


def test_sum_and_max_combine() -> None:
    out = combine_relations(TIES, relation_weights={"advice": 3, "friendship": 1})
    got = {(s, t): v for s, t, v in out[["source", "target", "strength"]].itertuples(index=False)}
    assert got == {("a", "b"): 1.0, ("b", "c"): 0.25, ("c", "a"): 0.75}
    assert out.set_index(["source", "target"]).loc[("a", "b"), "relations"] == "advice+friendship"
    assert out["relation_advice"].tolist() == [1, 0, 1]
    mx = combine_relations(TIES, relation_weights={"advice": 3, "friendship": 1}, combine="max")
    assert mx["strength"].tolist() == [1.0, 1 / 3, 1.0]
    assert TIES.shape == (5, 3)  # input untouched


def test_one_relation_and_network() -> None:
    net = multiplex_network(None, TIES, relation_weights={"advice": 1, "friendship": 0})
    assert net.n_ties == 2
    assert set(net.tie_attribute("relations").tolist()) == {"advice"}
    full = multiplex_network(None, TIES, relation_weights={"advice": 1, "friendship": 1})
    np.testing.assert_allclose(np.sort(degree(full, weight="strength")), [0.5, 0.5, 1.0])


def test_order_invariance() -> None:
    shuffled = TIES.sample(frac=1.0, random_state=3)
    a = combine_relations(TIES).set_index(["source", "target"]).sort_index()
    b = combine_relations(shuffled).set_index(["source", "target"]).sort_index()
    pd.testing.assert_frame_equal(a, b)


def test_undirected_pairs_merge() -> None:
    ties = pd.DataFrame({"source": [1, 2], "target": [2, 1], "relation": ["x", "y"]})
    out = combine_relations(ties, directed=False)
    assert out.shape[0] == 1
    assert out["strength"].tolist() == [1.0]


def test_refusals_name_the_problem() -> None:
    with pytest.raises(InvalidParameterError, match="no weight to the relations"):
        combine_relations(TIES, relation_weights={"advice": 1})
    with pytest.raises(InvalidParameterError, match=r"relation_weights\['advice'\]"):
        combine_relations(TIES, relation_weights={"advice": -1, "friendship": 1})
    with pytest.raises(InfnetTypeError, match=r"relation_weights\['advice'\]"):
        combine_relations(TIES, relation_weights={"advice": True, "friendship": 1})
    with pytest.raises(InvalidParameterError, match="at least one relation"):
        combine_relations(TIES, relation_weights={"advice": 0, "friendship": 0})
    with pytest.raises(MissingColumnError, match="'kind'"):
        combine_relations(TIES, relation="kind")
    bad = TIES.copy()
    bad.loc[0, "relation"] = None
    with pytest.raises(InvalidParameterError, match="'relation'"):
        combine_relations(bad)
    with pytest.raises(InvalidParameterError, match="`strength` cannot be passed"):
        multiplex_network(None, TIES, strength="w")


def test_reasons_name_the_relation_of_the_warm_path() -> None:
    from infnet import rank_influentials

    actors = pd.DataFrame({
        "id": ["emp1", "emp2", "x1", "x2", "x3", "t1", "t2", "t3"],
        "organisation": ["Acme", "Acme", "B", "C", "D", "T", "T", "T"],
        "segment": ["own", "own", "other", "other", "other", "t", "t", "t"],
    })
    ties = pd.DataFrame([
        ("emp1", "x1", "advice"), ("emp1", "x1", "friendship"),  # one pair, two relations
        ("emp2", "x2", "friendship"), ("x2", "x3", "advice"),    # a two-tie warm path
        ("x1", "t1", "advice"), ("x1", "t2", "advice"), ("x3", "t3", "friendship"),
        ("x2", "t2", "friendship"),
    ], columns=["source", "target", "relation"])
    net = multiplex_network(actors, ties, relation_weights={"advice": 2, "friendship": 1},
                            focal_organisation="Acme")
    df = rank_influentials(net, "t", k=3, kind="external", band=None,
                           weights={"direct_reach": 1.0}).set_index("actor")
    assert "warm intro via emp1 (advice+friendship tie, 1.00)" in df.loc["x1", "reason"]
    assert "warm intro via emp2 (friendship > advice ties, 0.22)" in df.loc["x3", "reason"]
    assert df.loc["x3", "warm_path"] == "emp2 > x2 > x3"  # the path column is unchanged
    assert "warm intro via emp2 (friendship tie, 0.33)" in df.loc["x2", "reason"]
    # one relation only: the reason names it too
    advice = multiplex_network(actors, ties, relation_weights={"advice": 1, "friendship": 0},
                               focal_organisation="Acme")
    one = rank_influentials(advice, "t", k=1, kind="external", band=None,
                            weights={"direct_reach": 1.0})
    assert "warm intro via emp1 (advice tie, 1.00)" in one["reason"].iloc[0]
