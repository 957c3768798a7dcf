"""The contract every registered measure keeps (our parametrize_with_checks).

One test per property, parametrized over the whole of :data:`infnet.registry.MEASURES`
(not only the scoring features): shapes and dtypes by output kind, finite values
except the documented NaN, invariance under actor relabelling and row order, isolated
actors, determinism under ``rng``, inputs never modified, and typed errors for bad
parameters. A measure added to the registry is checked without touching this file.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from infnet import Network, measures
from infnet.exceptions import InfnetError
from infnet.features import FEATURES, build_features
from infnet.registry import MEASURES
from infnet.synthetic import toy_network

NAMES = list(MEASURES)
# Measures defined as NaN for some actors (documented in their docstrings): Burt's
# measures for actors without ties, raw vetting columns where the attribute is unknown.
MAY_BE_NAN = {"constraint", "effective_size", "fake_audience_share", "sponsored_share"}
TARGET = "fintech"


def _toy_with_vetting() -> Network:
    actors, ties = toy_network().to_frames()
    actors["fake_audience_share"] = np.linspace(0, 0.5, len(actors))
    actors["sponsored_share"] = np.linspace(0.3, 0, len(actors))
    return Network.from_frames(actors, ties, directed=False, focal_organisation="Acme")


def _permuted(net: Network, seed: int) -> Network:
    actors, ties = net.to_frames()
    perm = np.random.default_rng(seed).permutation(len(actors))
    return Network.from_frames(
        actors.iloc[perm].reset_index(drop=True), ties.sample(frac=1, random_state=seed),
        directed=net.directed, focal_organisation=net.focal_organisation,
    )


def _compute(net: Network, name: str, rng: int = 0) -> pd.DataFrame:
    return measures(net, [name], target=TARGET, rng=rng)


@pytest.mark.parametrize("name", NAMES)
def test_shape_dtype_and_values(name):
    net = _toy_with_vetting()
    m = MEASURES[name]
    values = np.asarray(m.compute(net, _context(net)))
    if m.output == "actor_roles":
        assert values.shape == (net.n_actors, len(m.columns))
    else:
        assert values.shape == (net.n_actors,)
    if m.output == "partition":
        assert np.issubdtype(values.dtype, np.integer)
        assert (values >= 0).all()
    else:
        assert values.dtype == np.float64
    if name not in MAY_BE_NAN:
        assert np.isfinite(values).all(), f"{name} has non-finite values"
    df = _compute(net, name)
    assert df.index.equals(net.actor_ids)


def _context(net: Network, rng: int = 0):
    from infnet.registry import new_context

    w = (net.attribute("segment") == TARGET).astype(float)
    return new_context(w=w, rng=rng)


def _same_partition(a: np.ndarray, b: np.ndarray) -> bool:
    pairs = set(zip(a.tolist(), b.tolist(), strict=True))
    return len(pairs) == len(set(a.tolist())) == len(set(b.tolist()))


@pytest.mark.parametrize("name", NAMES)
def test_invariant_under_relabelling_and_row_order(name):
    """Same values per actor id whatever the row order of the input frames (and the seed fixed)."""
    net = _toy_with_vetting()
    a = _compute(net, name)
    b = _compute(_permuted(net, 3), name).loc[a.index]
    if MEASURES[name].output == "partition":
        assert _same_partition(a[name].to_numpy(), b[name].to_numpy())
    else:
        np.testing.assert_allclose(b.to_numpy(dtype=float), a.to_numpy(dtype=float),
                                   rtol=1e-9, atol=1e-12, equal_nan=True)


@pytest.mark.parametrize("name", NAMES)
def test_isolated_actor_handled_and_inputs_untouched(name):
    net = _toy_with_vetting()
    before_actors, before_ties = net.to_frames()
    w = (net.attribute("segment") == TARGET).astype(float)
    w_before = w.copy()
    df = measures(net, [name], target=Target_of(w, net), rng=0)
    if name not in MAY_BE_NAN:
        assert np.isfinite(df.loc["jo"].to_numpy(dtype=float)).all()  # jo is isolated
    np.testing.assert_array_equal(w, w_before)
    after_actors, after_ties = net.to_frames()
    pd.testing.assert_frame_equal(after_actors, before_actors)
    pd.testing.assert_frame_equal(after_ties, before_ties)


def Target_of(w: np.ndarray, net: Network):  # noqa: N802 - reads as a constructor
    from infnet import Target

    return Target(actors=net.actor_ids[w > 0].tolist())


@pytest.mark.parametrize("name", [n for n, m in MEASURES.items() if m.is_random])
def test_deterministic_for_fixed_rng(name):
    net = _toy_with_vetting()
    pd.testing.assert_frame_equal(_compute(net, name, rng=7), _compute(net, name, rng=7))


@pytest.mark.parametrize("name", [n for n, m in FEATURES.items() if m.needs_target])
def test_target_features_zero_without_target_value(name):
    """An actor with no path to any target gets 0 from every target feature."""
    net = _toy_with_vetting()
    w = np.zeros(net.n_actors)
    w[net.index_of("ana")[0]] = 1.0  # target only ana (software)
    X, _, _ = build_features(net, [name], w=w, rng=0)
    assert X[net.index_of("jo")[0], 0] == 0.0


BAD_VALUES = [object(), "not-a-value", -1, float("nan"), [1, 2]]


@pytest.mark.parametrize(
    ("name", "param"),
    [(n, p) for n, m in MEASURES.items() for p in m.params if p not in ("w", "seeds")],
)
def test_bad_parameters_raise_typed_errors(name, param):
    """A wrong type or value for any declared parameter is an InfnetError, never a raw crash."""
    net = _toy_with_vetting()
    raised = 0
    for bad in BAD_VALUES:
        try:
            measures(net, [name], target=TARGET, rng=0, **{param: bad})
        except InfnetError:
            raised += 1
        except Exception as exc:  # pragma: no cover - the failure this test exists for
            pytest.fail(f"{name}({param}={bad!r}) raised {type(exc).__name__}: {exc}")
    assert raised >= 1, f"{name} accepted every bad value of {param!r}"


def test_unknown_parameter_and_measure_are_refused():
    net = _toy_with_vetting()
    with pytest.raises(InfnetError, match="accepted by none"):
        measures(net, ["core_number"], damping=0.9)
    with pytest.raises(InfnetError, match="renamed 'khop_reach'"):
        measures(net, ["reach_2hop"], target=TARGET)
