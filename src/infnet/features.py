"""The feature registry: every per-actor measure the scoring kernel can use.

A *feature* is a named per-actor measure with the facts the kernel needs about it:
whether higher is better, whether it needs a target audience, whether it is random,
and a phrase used in shortlist reasons. :func:`build_features` computes a set of them
into an ``(n_actors, n_features)`` matrix; :func:`infnet.measures` and
:func:`infnet.rank_influentials` both go through this registry, and the common tests
iterate over it.

Actor columns can be used as features too: any numeric actor attribute named in a
weights mapping (for example ``{"expertise_score": 0.3}``) is taken as is, higher
is better.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse

from infnet._typing import FloatArray
from infnet._validation import check_rng, closest
from infnet.algorithms import betweenness, bridging, centrality, paths, reach
from infnet.exceptions import InvalidParameterError
from infnet.network import Network

__all__ = [
    "FEATURES",
    "Feature",
    "FeatureContext",
    "build_features",
    "feature_names",
]

#: Above this many stored entries, k-hop reach and betweenness switch to their estimators.
LARGE_NETWORK_ENTRIES = 2_000_000


@dataclass
class FeatureContext:
    """Inputs shared by the features of one scoring run.

    Parameters
    ----------
    w : ndarray of shape (n_actors,) or None
        Target values (0 for non-targets); None when no target is given.
    rng : Generator
        Source of randomness for random features.
    options : mapping
        Feature options: ``hops`` (k-hop reach, default 2), ``reach_method``
        (``"auto"``, ``"exact"`` or ``"sketch"``), ``groups`` (actor column for
        participation and brokerage), ``model`` (cascade model), ...
    cache : dict
        Intermediate results shared between features and the facade (warm paths).
    """

    w: FloatArray | None
    rng: np.random.Generator
    options: Mapping[str, Any] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict)

    def option(self, name: str, default: Any) -> Any:
        """Return an option's value, or `default` when it was not given."""
        return self.options.get(name, default)


@dataclass(frozen=True)
class Feature:
    """A registered per-actor feature.

    Parameters
    ----------
    name : str
        Registry key and the suffix of the shortlist's ``contribution_*`` column.
    compute : callable
        ``compute(network, context) -> ndarray of shape (n_actors,)``.
    higher_is_better : bool
        False for measures where less is better (constraint, vetting shares).
    needs_target : bool
        Whether the feature needs the target values ``context.w``.
    is_random : bool
        Whether the feature uses ``context.rng``.
    phrase : str
        How a reason describes the feature ("reaches the target directly").
    family : str
        ``"reach"``, ``"relevance"``, ``"centrality"``, ``"bridging"``,
        ``"relationship"``, ``"vetting"`` or ``"attribute"``.
    """

    name: str
    compute: Callable[[Network, FeatureContext], FloatArray]
    higher_is_better: bool
    needs_target: bool
    is_random: bool
    phrase: str
    family: str


def _w(ctx: FeatureContext) -> FloatArray:
    if ctx.w is None:  # pragma: no cover - guarded by build_features
        msg = "this feature needs a target"
        raise InvalidParameterError(msg)
    return ctx.w


def _large(network: Network) -> bool:
    return int(network.strength.nnz) > LARGE_NETWORK_ENTRIES


def _khop(network: Network, ctx: FeatureContext) -> FloatArray:
    method = ctx.option("reach_method", "auto")
    hops = int(ctx.option("hops", 2))
    if method == "auto":
        # Exact search with a visited stamp beats the sketches up to two hops even at
        # 10M ties (measured: 2 s CPU exact vs 3 s sketch); three hops at scale need them.
        method = "sketch" if (hops >= 3 and _large(network)) else "exact"
    return reach.khop_reach(network, _w(ctx), hops=hops, method=method, rng=ctx.rng)


def _strong_reach(network: Network, ctx: FeatureContext) -> FloatArray:
    s = network.strength
    strong = sparse.csr_array(
        (np.where(network.strong(), s.data, 0.0), s.indices, s.indptr), shape=s.shape
    )
    return np.asarray(strong @ _w(ctx), dtype=np.float64)


def _share(network: Network, ctx: FeatureContext) -> FloatArray:
    if "target_share" not in ctx.cache:
        ctx.cache["target_share"] = reach.target_share(network, _w(ctx))
    return np.nan_to_num(np.asarray(ctx.cache["target_share"], dtype=np.float64), nan=0.0)


def _target_pagerank(network: Network, ctx: FeatureContext) -> FloatArray:
    # Influence flows source -> target; walking ties backwards from the target
    # audience lands on the actors whose influence reaches it.
    return centrality.personalized_pagerank(network.reversed(), _w(ctx))


def warm_paths_of(network: Network, ctx: FeatureContext) -> paths.WarmPaths | None:
    """Warm paths, computed once per context (None without a ``kind`` column)."""
    if "warm_paths" not in ctx.cache:
        has_kind = "kind" in network.actors.columns
        ctx.cache["warm_paths"] = (
            paths.warm_paths(network, max_ties=int(ctx.option("max_ties", 3))) if has_kind else None
        )
    result: paths.WarmPaths | None = ctx.cache["warm_paths"]
    return result


def _warm(network: Network, ctx: FeatureContext) -> FloatArray:
    wp = warm_paths_of(network, ctx)
    if wp is None:
        return np.zeros(network.n_actors)
    return np.nan_to_num(np.asarray(wp.strength, dtype=np.float64), nan=0.0)


def _groups(network: Network, ctx: FeatureContext, default: str) -> str | np.ndarray:
    g = ctx.option("groups", None)
    if g is not None:
        return g  # type: ignore[no-any-return]
    if default in network.actors.columns:
        return default
    # no such column: derive the groups as Leiden communities (computed once per run)
    if "communities" not in ctx.cache:
        ctx.cache["communities"] = bridging.communities(network, rng=ctx.rng)
    return np.asarray(ctx.cache["communities"], dtype=np.int64)


def _brokerage(network: Network, ctx: FeatureContext) -> FloatArray:
    roles = bridging.brokerage_roles(network, _groups(network, ctx, "organisation"))
    ctx.cache["brokerage_roles"] = roles
    # Coordinators broker inside one group; the other four roles cross groups.
    return np.asarray(roles[:, 1:].sum(axis=1), dtype=np.float64)


def _betweenness(network: Network, ctx: FeatureContext) -> FloatArray:
    if _large(network) or network.n_actors > 20_000:
        return betweenness.approximate_betweenness(
            network, epsilon=float(ctx.option("epsilon", 0.05)), rng=ctx.rng
        )
    return betweenness.betweenness_centrality(network)


def _column(name: str) -> Callable[[Network, FeatureContext], FloatArray]:
    def compute(network: Network, ctx: FeatureContext) -> FloatArray:
        values = network.actors[name]
        return np.asarray(values.astype("float64").to_numpy(na_value=np.nan), dtype=np.float64)

    return compute


def _is_customer(network: Network, ctx: FeatureContext) -> FloatArray:
    if "is_customer" not in network.actors.columns:
        return np.zeros(network.n_actors)
    col = network.actors["is_customer"]
    return np.asarray(col.fillna(False).astype(bool).to_numpy(), dtype=np.float64)


def _register(*features: Feature) -> dict[str, Feature]:
    return {f.name: f for f in features}


FEATURES: Mapping[str, Feature] = _register(
    Feature("direct_reach", lambda n, c: reach.direct_reach(n, _w(c)), True, True, False,
            "reaches target value directly", "reach"),
    Feature("reach_2hop", _khop, True, True, True,
            "reaches target value within k hops", "reach"),
    Feature("strong_reach", _strong_reach, True, True, False,
            "reaches the target through strong ties", "reach"),
    Feature("acquisition_reach", lambda n, c: reach.acquisition_reach(n, _w(c)), True, True, False,
            "reaches targets the firm has no tie to yet", "reach"),
    Feature("retention_reach", lambda n, c: reach.retention_reach(n, _w(c)), True, True, False,
            "reaches targets the firm already knows", "reach"),
    Feature("target_share", _share, True, True, False,
            "share of ties going into the target", "relevance"),
    Feature("target_pagerank", _target_pagerank, True, True, False,
            "sought out from the target audience (personalized PageRank)", "relevance"),
    Feature("pagerank", lambda n, c: centrality.pagerank(n), True, False, False,
            "central in the whole network (PageRank)", "centrality"),
    Feature("in_degree", lambda n, c: centrality.degree(n, direction="in"), True, False, False,
            "followed by many in the network", "centrality"),
    Feature("out_degree", lambda n, c: centrality.degree(n, direction="out"), True, False, False,
            "ties out to many actors", "centrality"),
    Feature("core_number", lambda n, c: centrality.core_number(n), True, False, False,
            "in the dense core of the network", "centrality"),
    Feature("betweenness", _betweenness, True, False, True,
            "on many shortest paths (betweenness)", "bridging"),
    Feature("effective_size", lambda n, c: bridging.effective_size(n), True, False, False,
            "has a large non-redundant network (effective size)", "bridging"),
    Feature("constraint", lambda n, c: bridging.constraint(n), False, False, False,
            "spans structural holes (low constraint)", "bridging"),
    Feature("local_bridges", lambda n, c: bridging.n_local_bridges(n), True, False, False,
            "holds local bridges to otherwise distant actors", "bridging"),
    Feature("participation",
            lambda n, c: bridging.participation_coefficient(n, _groups(n, c, "segment")),
            True, False, True, "spreads ties across segments (or detected communities)",
            "bridging"),
    Feature("brokerage", _brokerage, True, False, True,
            "brokers between organisations (or detected communities)", "bridging"),
    Feature("warm_path", _warm, True, False, False,
            "has a warm introduction path from an employee", "relationship"),
    Feature("is_customer", _is_customer, True, False, False,
            "is an existing customer (a reference)", "relationship"),
    Feature("fake_audience_share", _column("fake_audience_share"), False, False, False,
            "has few fake followers", "vetting"),
    Feature("sponsored_share", _column("sponsored_share"), False, False, False,
            "posts little sponsored content", "vetting"),
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
    ['direct_reach', 'reach_2hop', 'strong_reach']
    """
    return [n for n, f in FEATURES.items() if needs_target is None or f.needs_target == needs_target]


def resolve_feature(name: str, network: Network) -> Feature:
    """Return the registered feature, or a numeric actor column wrapped as one.

    Parameters
    ----------
    name : str
        Registry name or actor column.
    network : Network
        Network whose actor columns may be used.

    Returns
    -------
    Feature
        The feature.

    Raises
    ------
    InvalidParameterError
        For a name that is neither registered nor a numeric actor column.

    Examples
    --------
    >>> from infnet.synthetic import toy_network
    >>> resolve_feature("audience", toy_network()).family
    'attribute'
    """
    if name in FEATURES:
        return FEATURES[name]
    cols = network.actors.columns
    if name in cols and np.issubdtype(np.asarray(network.actors[name]).dtype, np.number):
        return Feature(name, _column(name), True, False, False, f"has a high {name}", "attribute")
    options = [*FEATURES, *(str(c) for c in cols)]
    msg = (
        f"Unknown feature {name!r}: not a registered measure nor a numeric actor column."
        f"{closest(name, options)} Registered: {list(FEATURES)!r}."
    )
    raise InvalidParameterError(msg)


def build_features(
    network: Network,
    names: Sequence[str],
    *,
    w: FloatArray | None = None,
    rng: Any = None,
    options: Mapping[str, Any] | None = None,
    context: FeatureContext | None = None,
) -> tuple[FloatArray, list[Feature], FeatureContext]:
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
        Feature options (see `FeatureContext`).
    context : FeatureContext, optional
        Reuse a context (and its cache) instead of making one from `w`, `rng`, `options`.

    Returns
    -------
    X : ndarray of shape (n_actors, n_features)
        Raw feature values (NaN where a measure is undefined).
    features : list of Feature
        The resolved features, in column order.
    context : FeatureContext
        The context used, with its cache filled.

    Raises
    ------
    InvalidParameterError
        For unknown names, or target features without `w`.

    Examples
    --------
    >>> from infnet.synthetic import toy_network
    >>> X, feats, _ = build_features(toy_network(), ["in_degree", "audience"])
    >>> X.shape, [f.name for f in feats]
    ((10, 2), ['in_degree', 'audience'])
    """
    if context is None:
        context = FeatureContext(w=w, rng=check_rng(rng), options=dict(options or {}))
    feats = [resolve_feature(n, network) for n in names]
    missing = [f.name for f in feats if f.needs_target and context.w is None]
    if missing:
        msg = f"Features {missing!r} need a target audience; pass target=..."
        raise InvalidParameterError(msg)
    streams = context.rng.spawn(len(feats))
    X = np.empty((network.n_actors, len(feats)), dtype=np.float64)
    for j, f in enumerate(feats):
        if f.is_random:
            sub = FeatureContext(context.w, streams[j], context.options, context.cache)
            X[:, j] = f.compute(network, sub)
        else:
            X[:, j] = f.compute(network, context)
    return X, feats, context
