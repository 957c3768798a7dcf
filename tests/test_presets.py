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
