from __future__ import annotations

import pytest

from infnet.exceptions import InvalidParameterError
from infnet.features import FEATURES
from infnet.presets import PRESETS, preset


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_presets_are_valid_frozen_and_normalised(name):
    weights = preset(name)
    assert set(weights) <= set(FEATURES), "presets only name registered features"
    assert all(v > 0 for v in weights.values())
    assert sum(weights.values()) == pytest.approx(1.0)
    with pytest.raises(TypeError):
        weights["direct_reach"] = 1.0  # type: ignore[index]


def test_presets_differ():
    assert len({tuple(sorted(p.items())) for p in PRESETS.values()}) == len(PRESETS)


def test_unknown_preset_suggests():
    with pytest.raises(InvalidParameterError, match="Did you mean 'expert'"):
        preset("experts")


def test_balanced_default_is_cheap_targeted_and_hedged():
    """The default's shape, as chosen in docs/validity.md (not its exact numbers)."""
    weights = dict(preset("balanced"))
    costly = {"betweenness_centrality", "approximate_betweenness", "harmonic_centrality",
              "brokerage_roles", "participation_coefficient"}
    assert not costly & set(weights), "no all-pairs or sampled path measure in the default"
    assert weights.get("target_share", 0) >= 0.1, "relevance (micro-influentials) stays in"
    assert FEATURES["khop_reach"].needs_target, "reach is measured into the target"
    # a feature that does not depend on the orientation of ties hedges reversed data
    assert {"core_number", "degree"} & set(weights)
    assert weights["warm_path"] == pytest.approx(0.10)
    units = [v / 0.05 for v in weights.values()]
    assert all(u == pytest.approx(round(u)) for u in units), "round weights"
