"""infnet.explain: compare_strategies and explain."""

from __future__ import annotations

import pytest

import infnet
from infnet.exceptions import InfnetTypeError, InvalidParameterError, UnknownActorError

NO_BAND = None


def test_compare_strategies_table(toy):
    table = infnet.compare_strategies(toy, "fintech", strategies=["balanced", "reference"],
                                      k=3, band=NO_BAND, n_sets=2000)
    assert list(table.index) == ["balanced", "reference"]
    for name in table.index:
        df = infnet.rank_influentials(toy, "fintech", k=3, strategy=name, band=NO_BAND)
        assert table.loc[name, "picks"] == tuple(df.loc[~df["excluded"], "actor"])
        assert table.loc[name, "n_picks"] == 3
        assert table.loc[name, f"overlap_{name}"] == 1.0
    a, b = (set(table.loc[n, "picks"]) for n in table.index)
    assert table.loc["balanced", "overlap_reference"] == len(a & b) / len(a | b)
    assert table.loc["balanced", "n_unique"] == len(a - b)
    assert (table["expected_reach"] > 0).all()
    assert (table["reach_stderr"] >= 0).all()
    again = infnet.compare_strategies(toy, "fintech", strategies=["balanced", "reference"],
                                      k=3, band=NO_BAND, n_sets=2000)
    assert table.equals(again)


def test_compare_strategies_refuses_bad_input(toy):
    with pytest.raises(InvalidParameterError, match=r"'balanse'.*balanced"):
        infnet.compare_strategies(toy, "fintech", strategies=["balanse"])
    with pytest.raises(InfnetTypeError, match="strategies"):
        infnet.compare_strategies(toy, "fintech", strategies="balanced")
    with pytest.raises(InvalidParameterError, match="twice"):
        infnet.compare_strategies(toy, "fintech", strategies=["balanced", "balanced"])
    with pytest.raises(InvalidParameterError, match="'bnad'"):
        infnet.compare_strategies(toy, "fintech", strategies=["balanced"], bnad=None)


def test_explain_a_pick_names_numbers_and_path(toy):
    df = infnet.rank_influentials(toy, "fintech", k=3, kind="external", band=NO_BAND)
    picks = df[~df["excluded"]]
    for row in picks.itertuples():
        text = infnet.explain(df, row.actor)
        assert text.startswith(f"{row.actor} was picked: pick {row.pick_order} of 3, "
                               f"rank {row.rank} by score (score {row.score:.3f})")
        assert "Largest contributions" in text
        assert "within 2 hops" in text
        assert "It is itself in the target." in text
        if isinstance(row.warm_path, str):
            assert f"Warm path: {row.warm_path}" in text


def test_explain_why_not(toy):
    df = infnet.rank_influentials(toy, "fintech", k=2, kind="external", band=NO_BAND,
                                  exclude={"competitors": ["Gamma"]})
    text = infnet.explain(df, "gil")
    assert text.startswith("gil was not picked: excluded by a rule (member of a competitor")
    assert "ana is internal" in infnet.explain(df, "ana", network=toy)
    with pytest.raises(UnknownActorError, match="network="):
        infnet.explain(df, "eva")
    # an eligible actor that lost: recomputed with the recorded parameters (+ exclude)
    lost = infnet.explain(df, "jo", network=toy, exclude={"competitors": ["Gamma"]})
    assert lost.startswith("jo was eligible but not picked")
    assert "lost to the 2 picks" in lost
    assert "Recomputed" not in lost


def test_explain_complementary_loss_names_the_gain(toy):
    df = infnet.rank_influentials(toy, "fintech", k=2, kind="external", band=NO_BAND,
                                  method="complementary")
    chosen = set(df.loc[~df["excluded"], "actor"])
    other = next(a for a in ["hana", "ivo", "finn", "eva", "gil"] if a not in chosen)
    text = infnet.explain(df, other, network=toy)
    assert "complementary set adds" in text
    assert "would add" in text


def test_explain_from_network(toy):
    text = infnet.explain(toy, "cara", target="fintech", k=3, band=NO_BAND)
    assert text.startswith("cara")
    with pytest.raises(InvalidParameterError, match="target="):
        infnet.explain(toy, "cara")
    with pytest.raises(UnknownActorError, match="nobody"):
        infnet.explain(toy, "nobody", target="fintech")
    with pytest.raises(InfnetTypeError, match="DataFrame or a Network"):
        infnet.explain([1], "cara")


def test_module_and_function_share_the_name():
    import infnet.explain as module

    assert callable(module)
    assert callable(infnet.explain)
    assert module.compare_strategies is infnet.compare_strategies


def test_compare_strategies_takes_fitted_strategies():
    import numpy as np

    from infnet import compare_strategies
    from infnet.synthetic import toy_network

    net = toy_network()
    plain = {"weights": {"direct_reach": 1.0}}
    table = compare_strategies(net, "fintech", strategies=["balanced", plain, plain], k=3,
                               band=None, n_sets=500)
    assert table.index.tolist() == ["balanced", "fitted", "fitted_2"]
    assert table.loc["fitted", "overlap_fitted_2"] == 1.0
    alone = _picks_of(net, plain)
    assert set(table.loc["fitted", "picks"]) == set(alone)
    with pytest.raises(InfnetTypeError, match="`strategy` of compare_strategies"):
        compare_strategies(net, "fintech", strategies=["balanced", np.float64(1.0)], k=3)


def _picks_of(net, strategy):
    df = infnet.rank_influentials(net, "fintech", k=3, band=None, strategy=strategy)
    return df.loc[~df["excluded"], "actor"].tolist()
