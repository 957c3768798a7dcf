"""Scoring features: registered measures, and numeric actor columns, as one matrix.

A *feature* is a per-actor scalar the scoring kernel can weight: any entry of
:data:`infnet.registry.MEASURES` with ``feature=True``, or a numeric actor column
named in a weights mapping (``{"expertise_score": 0.3}``: taken as is, higher is
better). :func:`build_features` computes a set of them into an
``(n_actors, n_features)`` matrix. There is no second registry here: :data:`FEATURES`
is the feature-capable view of the one registry.

Examples
--------
>>> from infnet.features import FEATURES
>>> "khop_reach" in FEATURES, "communities" in FEATURES
(True, False)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

import numpy as np

from infnet._typing import FloatArray
from infnet._validation import closest
from infnet.exceptions import InvalidParameterError, MissingColumnError
from infnet.network import Network
from infnet.registry import (
    MEASURES,
    RENAMED,
    Measure,
    MeasureContext,
    column_values,
    new_context,
)

__all__ = [
    "FEATURES",
    "build_features",
    "feature_names",
    "missing_columns",
    "resolve_feature",
]

#: The registered measures that can be scoring features (a view of the one registry).
FEATURES: Mapping[str, Measure] = MappingProxyType(
    {name: m for name, m in MEASURES.items() if m.feature}
)


def feature_names(*, needs_target: bool | None = None) -> list[str]:
    """List registered feature names, optionally only those (not) needing a target.

    Parameters
    ----------
    needs_target : bool, optional
        Keep only features whose ``needs_target`` equals this.

    Returns
    -------
    list of str
        Names in registry order.

    Examples
    --------
    >>> feature_names(needs_target=True)[:3]
    ['direct_reach', 'khop_reach', 'strong_reach']
    """
    return [n for n, f in FEATURES.items() if needs_target is None or f.needs_target == needs_target]


def missing_columns(feature: Measure, network: Network) -> tuple[str, ...]:
    """Return the actor columns `feature` needs that `network` lacks.

    Parameters
    ----------
    feature : Measure
        A registry entry; its ``requires`` lists the
        actor columns it needs.
    network : Network
        The network whose actor columns are checked.

    Returns
    -------
    tuple of str
        The missing columns, in the order `feature` declares them; empty when the
        feature can be computed.

    Examples
    --------
    >>> from infnet.synthetic import toy_network
    >>> missing_columns(FEATURES["warm_path"], toy_network())
    ()
    """
    return tuple(c for c in feature.requires if not network.has_attribute(c))


def resolve_feature(name: object, network: Network, *, caller: str = "build_features") -> Measure:
    """Return the registered feature, or a numeric actor column wrapped as one.

    Parameters
    ----------
    name : str
        Registry name or actor column.
    network : Network
        Network whose actor columns may be used.
    caller : str, default="build_features"
        The public function named in errors.

    Returns
    -------
    Measure
        The feature.

    Raises
    ------
    InvalidParameterError
        For a name that is neither a registered feature nor a numeric actor column
        (the closest name is suggested; a name of infnet 0.1 gets its new name).

    Examples
    --------
    >>> from infnet.synthetic import toy_network
    >>> resolve_feature("audience", toy_network()).family
    'attribute'
    """
    if isinstance(name, str) and name in FEATURES:
        return FEATURES[name]
    if isinstance(name, str) and name in RENAMED:
        msg = f"Unknown feature {name!r} in {caller}: it was renamed {RENAMED[name]!r} in infnet 0.2."
        raise InvalidParameterError(msg)
    cols = [str(c) for c in network.actor_columns]
    if isinstance(name, str) and name in cols:
        dtype = np.asarray(network.attribute(name)).dtype
        if np.issubdtype(dtype, np.number) and dtype != np.bool_:

            def compute(net: Network, ctx: MeasureContext, _name: str = name) -> FloatArray:
                return column_values(net, _name)

            return Measure(name, compute, "actor", True, True, False, False,
                           f"has a high {name}", "attribute")
    if isinstance(name, str) and name in MEASURES:
        msg = (
            f"Measure {name!r} cannot be a scoring feature in {caller} (its output is a "
            f"{MEASURES[name].output}); compute it with infnet.measures(network, [{name!r}])."
        )
        raise InvalidParameterError(msg)
    msg = (
        f"Unknown feature {name!r} in {caller}: not a registered measure nor a numeric actor "
        f"column.{closest(name, [*FEATURES, *cols])} Registered: {list(FEATURES)!r}."
    )
    raise InvalidParameterError(msg)


def build_features(
    network: Network,
    names: Sequence[str],
    *,
    w: FloatArray | None = None,
    rng: Any = None,
    options: Mapping[str, Any] | None = None,
    context: MeasureContext | None = None,
    caller: str = "build_features",
) -> tuple[FloatArray, list[Measure], MeasureContext]:
    """Compute features into an ``(n_actors, n_features)`` matrix.

    Parameters
    ----------
    network : Network
        The network.
    names : sequence of str
        Registered feature names or numeric actor columns.
    w : ndarray of shape (n_actors,), optional
        Target values; required by target features.
    rng : int, Generator, SeedSequence or None, default=None
        Randomness for random features; each random feature gets its own child stream.
    options : mapping, optional
        Feature parameters, routed to the features that declare them (see
        ``params`` of :class:`infnet.registry.Measure`).
    context : MeasureContext, optional
        Reuse a context (and its memo) instead of making one from `w`, `rng`, `options`.
    caller : str, default="build_features"
        The public function named in errors.

    Returns
    -------
    X : ndarray of shape (n_actors, n_features)
        Raw feature values (NaN where a measure is undefined).
    features : list of Measure
        The resolved features, in column order.
    context : MeasureContext
        The context used, with its memo filled.

    Raises
    ------
    InvalidParameterError
        For unknown names, or target features without `w`.
    MissingColumnError
        For a feature whose actor column the network lacks.

    Examples
    --------
    >>> from infnet.synthetic import toy_network
    >>> X, feats, _ = build_features(toy_network(), ["in_degree", "audience"])
    >>> X.shape, [f.name for f in feats]
    ((10, 2), ['in_degree', 'audience'])
    """
    if context is None:
        context = new_context(w=w, rng=rng, options=options)
    feats = [resolve_feature(n, network, caller=caller) for n in names]
    missing = [f.name for f in feats if f.needs_target and context.w is None]
    if missing:
        msg = f"Features {missing!r} of {caller} need a target audience; pass target=..."
        raise InvalidParameterError(msg)
    for f in feats:
        lacking = missing_columns(f, network)
        if lacking:
            msg = (
                f"Feature {f.name!r} of {caller} needs the actor column {lacking[0]!r}, which "
                f"the network lacks. Actor columns: {list(network.actor_columns)!r}."
            )
            raise MissingColumnError(msg)
    streams = context.rng.spawn(len(feats))
    X = np.empty((network.n_actors, len(feats)), dtype=np.float64)
    for j, f in enumerate(feats):
        ctx = context.child(streams[j]) if f.is_random else context
        X[:, j] = f.feature_values(network, ctx)
    return X, feats, context
