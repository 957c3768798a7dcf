from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from infnet import (
    EmptyTargetError,
    InfnetTypeError,
    InvalidParameterError,
    Network,
    UnknownActorError,
)
from infnet.synthetic import star, toy_network
from infnet.targets import Target

TOY_IDS = ["ana", "ben", "cara", "dev", "eva", "finn", "gil", "hana", "ivo", "jo"]


def ids_of(net: Network, w: np.ndarray) -> list[object]:
    return net.actor_ids[w > 0].tolist()


def valued_network() -> Network:
    actors = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "organisation": ["X", "X", "Y", "Z"],
            "segment": ["s1", "s1", "s2", "s2"],
            "account_value": [10.0, 10.0, 2.5, np.nan],
        }
    )
    ties = pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "d"]})
    return Network.from_frames(actors, ties)


# ---------------------------------------------------------------------- selection
def test_segment_selects_segment_members(toy):
    w = Target(segments="fintech").weights(toy)
    assert ids_of(toy, w) == ["eva", "finn", "gil", "hana", "ivo"]
    assert w.dtype == np.float64
    assert w.shape == (toy.n_actors,)
    assert set(w.tolist()) == {0.0, 1.0}


def test_several_criteria_combine_by_union(toy):
    t = Target(segments="retail", organisations="Beta", actors=["ana"], where="audience > 8000")
    assert ids_of(toy, t.weights(toy)) == ["ana", "eva", "finn", "gil", "hana", "jo"]


def test_within_intersects(toy):
    t = Target(segments="fintech", within="is_customer == False")
    assert ids_of(toy, t.weights(toy)) == ["gil", "hana", "ivo"]
    t2 = Target(organisations=["Acme", "Beta"], within="audience >= 1000")
    assert ids_of(toy, t2.weights(toy)) == ["ana", "cara", "eva", "finn"]


def test_where_expression(toy):
    w = Target(where="role == 'consultant'").weights(toy)
    assert ids_of(toy, w) == ["hana", "ivo"]


def test_explicit_actor_ids_with_integer_ids():
    net = star(4)
    w = Target(actors=[3, 1]).weights(net)
    assert w.tolist() == [0.0, 1.0, 0.0, 1.0, 0.0]
    assert Target(actors=np.int64(2)).weights(net).tolist() == [0.0, 0.0, 1.0, 0.0, 0.0]


# ---------------------------------------------------------------------- values
def test_values_mapping_by_actor_id_and_default(toy):
    w = Target(segments="fintech", values={"eva": 3.0, "ana": 9.0}, default_value=0.5).weights(toy)
    # ana is not a target: its value is ignored
    expected = dict.fromkeys(TOY_IDS, 0.0) | {"eva": 3.0, "finn": 0.5, "gil": 0.5,
                                              "hana": 0.5, "ivo": 0.5}
    assert w.tolist() == [expected[i] for i in TOY_IDS]


def test_values_mapping_by_organisation():
    net = valued_network()
    w = Target(organisations=["X", "Y"], values={"X": 4.0}).weights(net)
    assert w.tolist() == [4.0, 4.0, 1.0, 0.0]


def test_values_from_column():
    net = valued_network()
    w = Target(segments="s1", values="account_value").weights(net)
    assert w.tolist() == [10.0, 10.0, 0.0, 0.0]


def test_values_series_accepted(toy):
    s = pd.Series({"eva": 2.0, "finn": 3.0})
    w = Target(segments="fintech", values=s).weights(toy)
    assert w[TOY_IDS.index("finn")] == 3.0


# ---------------------------------------------------------------------- errors
def test_empty_target_raises(toy):
    with pytest.raises(EmptyTargetError, match=r"selects none of the 10 actors"):
        Target(segments="fintech", within="audience > 1e9").weights(toy)


def test_all_zero_values_raise(toy):
    with pytest.raises(EmptyTargetError, match=r"selects 2 actors, but all have value 0"):
        Target(actors=["ana", "ben"], default_value=0.0).weights(toy)


def test_unknown_segment_suggests_closest_and_lists_known(toy):
    with pytest.raises(InvalidParameterError) as exc:
        Target(segments=["fintech", "fintec"]).weights(toy)
    msg = str(exc.value)
    assert "unknown segment 'fintec'" in msg
    assert "Did you mean 'fintech'?" in msg
    assert "Known segments: 'fintech', 'retail', 'software'" in msg


def test_unknown_organisation_suggests_closest(toy):
    with pytest.raises(InvalidParameterError, match=r"unknown organisation 'Delt'.*'Delta'"):
        Target(organisations="Delt").weights(toy)


def test_missing_segment_column():
    net = Network.from_edges([("a", "b")])
    with pytest.raises(InvalidParameterError, match=r"needs an actor column 'segment'"):
        Target(segments="x").weights(net)


def test_unknown_actor_id(toy):
    with pytest.raises(UnknownActorError, match=r"'zed'"):
        Target(actors=["ana", "zed"]).weights(toy)
    with pytest.raises(UnknownActorError, match=r"'zoe'"):
        Target(segments="fintech", values={"zoe": 1.0}).weights(toy)


def test_negative_value_in_mapping_names_the_key():
    with pytest.raises(InvalidParameterError, match=r"actor ids 'eva' \(1 in all\)"):
        Target(segments="fintech", values={"eva": -1.0, "finn": 2.0})
    with pytest.raises(InvalidParameterError, match=r"organisations 'Beta'"):
        Target(organisations="Beta", values={"Beta": float("nan")})


def test_negative_or_nan_column_values_name_actor_ids():
    net = valued_network()
    with pytest.raises(InvalidParameterError, match=r"targets 'd' \(1 in all\)"):
        Target(segments="s2", values="account_value").weights(net)


def test_unknown_organisation_as_value_key(toy):
    with pytest.raises(InvalidParameterError, match=r"unknown organisations 'Bta'.*'Beta'"):
        Target(organisations="Beta", values={"Bta": 2.0}).weights(toy)


def test_no_criterion_and_bad_types():
    with pytest.raises(InvalidParameterError, match=r"at least one of segments="):
        Target(within="audience > 5")
    with pytest.raises(InvalidParameterError, match=r"at least one segment|at least one value"):
        Target(segments=[])
    with pytest.raises(InfnetTypeError, match=r"`where` of Target"):
        Target(where=3)  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match=r"`default_value` of Target"):
        Target(segments="a", default_value=-1)
    with pytest.raises(InfnetTypeError, match=r"`values` of Target"):
        Target(segments="a", values=[1, 2])  # type: ignore[arg-type]


def test_bad_expression(toy):
    with pytest.raises(InvalidParameterError, match=r"'no_such_column' is not an actor column"):
        Target(where="no_such_column > 3").weights(toy)
    with pytest.raises(InvalidParameterError, match=r"Target \(where=\)"):
        Target(where="__import__('os').system('true')")


# ---------------------------------------------------------------------- plain data
@pytest.mark.parametrize(
    "target",
    [
        Target(segments="fintech"),
        Target(segments=["fintech", "retail"], within="is_customer == False", default_value=2.0),
        Target(organisations=["Beta", "Delta"], values={"Beta": 5.0}),
        Target(actors=["ana", "eva"], values={"eva": 3.0}),
        Target(actors=[1, 2], values={1: 2.0, 2: 0.5}),
        Target(where="audience > 1000", values="audience"),
    ],
)
def test_to_dict_round_trips_through_json(target):
    d = target.to_dict()
    again = Target.from_dict(json.loads(json.dumps(d)))
    assert again == target
    assert hash(again) == hash(target)
    assert again.to_dict() == d


def test_from_dict_unknown_key_suggests_closest():
    with pytest.raises(InvalidParameterError, match=r"unknown key 'segment'.*'segments'"):
        Target.from_dict({"segment": ["fintech"]})
    with pytest.raises(InfnetTypeError):
        Target.from_dict(["segments"])  # type: ignore[arg-type]


def test_single_name_equals_one_element_list():
    assert Target(segments="x") == Target(segments=["x"])
    assert Target(segments="x") != Target(segments="y")


# ---------------------------------------------------------------------- summary and purity
def test_summary(toy):
    assert Target(segments="fintech").summary(toy) == "segment fintech (5 actors, total value 5)"
    s = Target(segments="fintech", values={"eva": 2.5}, within="is_customer == True").summary(toy)
    assert s == "segment fintech within is_customer == True (2 actors, total value 3.5)"
    assert Target(actors=["ana", "ben", "cara", "dev"]).summary(toy).startswith("4 listed actors")


def test_inputs_unchanged(toy):
    values = {"eva": 3.0}
    segments = ["fintech"]
    before = toy.actors.copy()
    t = Target(segments=segments, values=values)
    t.weights(toy)
    assert values == {"eva": 3.0}
    assert segments == ["fintech"]
    pd.testing.assert_frame_equal(toy.actors, before)
    assert toy_network().equals(toy)


def test_target_is_immutable():
    t = Target(segments="x")
    with pytest.raises(AttributeError):
        t.segments = ("y",)  # type: ignore[misc]
    t2 = Target(segments="x", values={"a": 1.0})
    with pytest.raises(TypeError):
        t2.values["a"] = 2.0  # type: ignore[index]
