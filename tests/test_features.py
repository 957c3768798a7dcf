from __future__ import annotations

import numpy as np
import pytest

from infnet.exceptions import InvalidParameterError
from infnet.features import (
    FEATURES,
    build_features,
    feature_names,
    resolve_feature,
)
from infnet.synthetic import star, toy_network


def test_registry_entries_are_complete():
    for name, f in FEATURES.items():
        assert f.name == name
        assert f.phrase
        assert f.family in {
            "reach", "relevance", "centrality", "bridging", "relationship", "vetting", "attribute"
        }


def test_numeric_actor_column_is_a_feature():
    net = toy_network()
    X, feats, _ = build_features(net, ["audience"])
    np.testing.assert_array_equal(X[:, 0], net.attribute("audience").astype(float))
    assert feats[0].family == "attribute"


def test_unknown_and_non_numeric_names():
    net = toy_network()
    with pytest.raises(InvalidParameterError, match="Did you mean 'direct_reach'"):
        resolve_feature("direct_rech", net)
    with pytest.raises(InvalidParameterError, match="Unknown feature 'role'"):
        resolve_feature("role", net)


def test_target_features_need_a_target():
    with pytest.raises(InvalidParameterError, match="need a target"):
        build_features(toy_network(), ["direct_reach"])


def test_feature_names_filter():
    assert set(feature_names(needs_target=True)) | set(feature_names(needs_target=False)) == set(FEATURES)


def test_reversed_network():
    s = star(3)
    r = s.reversed()
    np.testing.assert_array_equal(r.strength.toarray(), s.strength.toarray().T)
    assert r.reversed().equals(s)
    t = toy_network()
    assert t.reversed() is t


def test_target_pagerank_points_at_influencers_of_target():
    """On a directed star 0 -> leaves, the hub influences the leaves (the target)."""
    s = star(4)
    w = np.zeros(5)
    w[1:] = 1.0
    X, _, _ = build_features(s, ["target_pagerank"], w=w)
    assert X[0, 0] == X[:, 0].max()


def test_participation_uses_communities_without_segments():
    from infnet import Network
    from infnet.synthetic import barbell

    actors, ties = barbell(5).to_frames()
    net = Network.from_frames(actors.drop(columns="segment"), ties, directed=False)
    X, _, _ = build_features(net, ["participation_coefficient"], rng=0)
    # only the two bridge ends spread their ties over the two detected cliques
    assert np.count_nonzero(X[:, 0]) == 2
    Y, _, _ = build_features(net, ["participation_coefficient"], rng=0)
    np.testing.assert_array_equal(X, Y)
