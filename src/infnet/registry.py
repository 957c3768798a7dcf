"""The one registry of measures: every per-actor measure infnet computes, by one name.

Both :func:`infnet.measures` (tables for notebooks and services) and the scoring stage
(:mod:`infnet.scoring`, through :mod:`infnet.features`) read :data:`MEASURES`. Each
entry says what the measure returns, whether it can be a scoring feature, whether it
needs a target audience or randomness, which actor columns it needs, and which
keyword parameters it accepts; the contract test (``tests/test_common.py``) iterates
over all of it.

Adding a measure is one array function in :mod:`infnet.algorithms` plus one entry
here (see ``docs/architecture.md``).

Names follow networkx wherever the definition matches (``pagerank``,
``betweenness_centrality``, ``core_number``, ``constraint``, ...); targeted measures
use the vocabulary of ``DOMAIN.md`` (``direct_reach``, ``khop_reach``,
``target_share``). There are no aliases; the names of 0.1 that changed are listed in
:data:`RENAMED`, so an old name gets an error that gives the new one.

Examples
--------
>>> from infnet.registry import MEASURES
>>> m = MEASURES["khop_reach"]
>>> m.output, m.feature, m.needs_target, "hops" in m.params
('actor', True, True, True)
>>> MEASURES["communities"].feature
False
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import sparse

from infnet._typing import FloatArray
from infnet._validation import check_int, check_rng, closest
from infnet.algorithms import betweenness, bridging, centrality, paths, reach
from infnet.exceptions import InvalidParameterError
from infnet.network import Network

__all__ = [
    "LARGE_NETWORK_ENTRIES",
    "MEASURES",
    "RENAMED",
    "Measure",
    "MeasureContext",
    "get_measure",
]

_log = logging.getLogger("infnet")

#: Above this many stored entries (or 20,000 actors for betweenness), the scoring stage
#: switches k-hop reach (at 3 hops) and betweenness to their estimators, and says so
#: in the run's notes.
LARGE_NETWORK_ENTRIES = 2_000_000

#: Names of infnet 0.1 that changed in 0.2, old -> new (for error messages only).
RENAMED: Mapping[str, str] = MappingProxyType(
    {
        "reach_2hop": "khop_reach",
        "betweenness": "betweenness_centrality",
        "participation": "participation_coefficient",
        "local_bridges": "n_local_bridges",
        "brokerage": "brokerage_roles",
    }
)

Output = Literal["actor", "actor_roles", "partition"]


@dataclass
class MeasureContext:
    """Inputs shared by the measures of one run.

    Parameters
    ----------
    w : ndarray of shape (n_actors,) or None
        Target values (0 for non-targets); None when no target is given.
    rng : Generator
        Randomness for random measures (each gets its own spawned stream).
    options : mapping
        Keyword parameters, routed to each measure that declares them in
        ``Measure.params`` (``hops``, ``damping``, ``groups``, ``weight``, ...).
    auto_estimate : bool, default=False
        Let measures switch to their estimators on large networks (the scoring stage
        sets it; :func:`infnet.measures` computes exactly unless told otherwise).
        Every switch is recorded in ``notes``.
    notes : list of str
        What a run had to decide (an estimator used, a fallback grouping), so the
        caller can report it; filled while measures run.
    """

    w: FloatArray | None
    rng: np.random.Generator
    options: Mapping[str, Any] = field(default_factory=dict)
    auto_estimate: bool = False
    notes: list[str] = field(default_factory=list)
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    def option(self, name: str, default: Any) -> Any:
        """Return an option's value, or `default` when it was not given.

        Parameters
        ----------
        name : str
            The option (a keyword of ``options``, e.g. ``"hops"``).
        default : Any
            What to use when the caller did not give it.

        Returns
        -------
        Any
            ``options[name]`` as given when present, else `default`.
        """
        return self.options.get(name, default)

    def memo(self, key: str, factory: Callable[[], Any]) -> Any:
        """Compute a shared intermediate once per run (target share, warm paths, groups).

        Parameters
        ----------
        key : str
            What is computed.
        factory : callable
            ``factory()`` computes it the first time.

        Returns
        -------
        object
            The value, computed at most once for this context.
        """
        if key not in self._memo:
            self._memo[key] = factory()
        return self._memo[key]

    def note(self, text: str) -> None:
        """Record a decision made for the caller (also logged at INFO).

        Parameters
        ----------
        text : str
            The decision, as the caller should read it (e.g. which estimator was
            used and why); recorded once, however many measures make it.
        """
        if text not in self.notes:
            self.notes.append(text)
            _log.info("infnet: %s", text)

    def child(self, rng: np.random.Generator) -> MeasureContext:
        """Return the same context with another random stream (memo and notes shared).

        Parameters
        ----------
        rng : Generator
            The stream the child's measure draws from (callers spawn one per
            measure, so no two measures share draws).

        Returns
        -------
        MeasureContext
            A context with the same target values, options and estimator switch,
            sharing this one's memo and notes.
        """
        return MeasureContext(self.w, rng, self.options, self.auto_estimate, self.notes, self._memo)


Compute = Callable[[Network, MeasureContext], np.ndarray]


@dataclass(frozen=True)
class Measure:
    """A registered measure.

    Parameters
    ----------
    name : str
        The one name of the measure (registry key, ``measures()`` column, scoring
        feature name and ``contribution_<name>`` column).
    compute : callable
        ``compute(network, context) -> ndarray``: shape ``(n_actors,)`` for
        ``"actor"`` and ``"partition"`` outputs, ``(n_actors, len(columns))`` for
        ``"actor_roles"``.
    output : {"actor", "actor_roles", "partition"}
        A per-actor scalar, several per-actor columns (``columns``), or a
        community label per actor.
    feature : bool
        Whether it can be a scoring feature (a per-actor scalar where more or less
        is better).
    higher_is_better : bool
        False where less is better (constraint, vetting shares).
    needs_target : bool
        Whether it needs target values (``context.w``).
    is_random : bool
        Whether it draws from ``context.rng``.
    phrase : str
        How a shortlist reason describes it.
    family : str
        ``"reach"``, ``"relevance"``, ``"centrality"``, ``"bridging"``,
        ``"relationship"``, ``"vetting"`` or ``"attribute"``.
    params : tuple of str
        Keyword parameters it accepts from ``context.options``.
    requires : tuple of str
        Actor columns it needs; without them the scoring stage drops it from a preset
        (with an :class:`~infnet.InfnetWarning`) and refuses it in custom weights.
    columns : tuple of str
        Column suffixes of an ``"actor_roles"`` output.
    to_feature : callable, optional
        Turns an ``"actor_roles"`` output into the feature's per-actor scalar.
    """

    name: str
    compute: Compute
    output: Output
    feature: bool
    higher_is_better: bool
    needs_target: bool
    is_random: bool
    phrase: str
    family: str
    params: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    to_feature: Callable[[np.ndarray], FloatArray] | None = None

    def feature_values(self, network: Network, context: MeasureContext) -> FloatArray:
        """Compute the per-actor scalar this measure contributes as a scoring feature.

        Parameters
        ----------
        network : Network
            The network scored.
        context : MeasureContext
            Target values, options and random stream of the run.

        Returns
        -------
        ndarray of float64 of shape (n_actors,)
            ``compute``'s output, through ``to_feature`` for an
            ``"actor_roles"`` measure.
        """
        values = np.asarray(self.compute(network, context))
        if self.to_feature is not None:
            values = self.to_feature(values)
        return np.asarray(values, dtype=np.float64)


# ------------------------------------------------------------------- entry builders
def _keywords(func: Callable[..., Any], skip: set[str]) -> tuple[str, ...]:
    sig = inspect.signature(func)
    skip = {*skip, "return_info"}  # measures return arrays; solver details are for direct calls
    return tuple(
        name
        for name, p in sig.parameters.items()
        if p.kind in (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
        and name not in skip
    )


def _w(ctx: MeasureContext, name: str) -> FloatArray:
    if ctx.w is None:
        msg = f"Measure {name!r} needs a target audience; pass target=..."
        raise InvalidParameterError(msg)
    return ctx.w


def _routed(ctx: MeasureContext, params: tuple[str, ...]) -> dict[str, Any]:
    return {p: ctx.options[p] for p in params if p in ctx.options}


def _algorithm(
    name: str,
    func: Callable[..., Any],
    *,
    fixed: Mapping[str, Any] | None = None,
    target: str | None = None,
    groups: str | None = None,
    **facts: Any,
) -> Measure:
    """Make an entry that calls an array function of :mod:`infnet.algorithms` directly.

    `target` names the function's parameter for the target values; `groups` the
    default actor column for a ``groups`` parameter (communities when absent).
    """
    fixed = dict(fixed or {})
    takes_rng = "rng" in inspect.signature(func).parameters
    # `actors` (restrict the rows computed) is for direct calls, not a measure's parameter
    skip = {"network", "rng", "return_info", "actors", *fixed}
    if target:
        skip.add(target)
    params = _keywords(func, skip)

    def compute(network: Network, ctx: MeasureContext) -> np.ndarray:
        kwargs = {**fixed, **_routed(ctx, params)}
        if target:
            kwargs[target] = ctx.options[target] if target in ctx.options else _w(ctx, name)
        if groups is not None and "groups" not in ctx.options:
            kwargs["groups"] = _groups(network, ctx, groups, name)
        if takes_rng:
            kwargs["rng"] = ctx.rng
        return np.asarray(func(network, **kwargs))

    if target:
        params = (*params, target)  # an explicit array may replace the target
    return Measure(name, compute, params=params, **facts)


def _groups(network: Network, ctx: MeasureContext, column: str, name: str) -> Any:
    """Return the actor column used as groups, or Leiden communities when it is absent."""
    if network.has_attribute(column):
        return column

    def detect() -> np.ndarray:
        ctx.note(
            f"{name}: the actors have no {column!r} column; groups are Leiden communities "
            "(infnet.algorithms.bridging.communities) instead"
        )
        return np.asarray(bridging.communities(network, rng=ctx.rng), dtype=np.int64)

    return ctx.memo("communities", detect)


def _khop(network: Network, ctx: MeasureContext) -> FloatArray:
    hops = check_int(ctx.option("hops", 2), name="hops", caller="khop_reach", low=1, high=3)
    method = ctx.option("method", "exact")
    if method == "auto" or (ctx.auto_estimate and "method" not in ctx.options):
        method = "exact"
        # Exact search with a visited stamp beats the sketches up to two hops even at
        # 10M ties (measured: 2 s CPU exact vs 3 s sketch); three hops at scale need them.
        if hops >= 3 and int(network.strength.nnz) > LARGE_NETWORK_ENTRIES:
            method = "sketch"
            ctx.note(
                f"khop_reach: {hops}-hop reach estimated from distance sketches "
                f"(more than {LARGE_NETWORK_ENTRIES:,} stored ties)"
            )
    kwargs = {k: v for k, v in _routed(ctx, ("precision", "n_jobs")).items()}
    return reach.khop_reach(network, _w(ctx, "khop_reach"), hops=hops, method=method,
                            rng=ctx.rng, **kwargs)


def _strong_reach(network: Network, ctx: MeasureContext) -> FloatArray:
    s = network.strength
    strong = sparse.csr_array(
        (np.where(network.strong(), s.data, 0.0), s.indices, s.indptr), shape=s.shape
    )
    return np.asarray(strong @ _w(ctx, "strong_reach"), dtype=np.float64)


def target_share_of(network: Network, ctx: MeasureContext) -> FloatArray:
    """Target share of every actor, computed once per context (NaN: no out-ties).

    Parameters
    ----------
    network : Network
        The network.
    ctx : MeasureContext
        The run's context; its target values are used and the result memoised in it.

    Returns
    -------
    ndarray of float64 of shape (n_actors,)
        :func:`infnet.algorithms.reach.target_share` of each actor.

    Raises
    ------
    InvalidParameterError
        When the context has no target values.
    """
    return np.asarray(
        ctx.memo("target_share", lambda: reach.target_share(network, _w(ctx, "target_share"))),
        dtype=np.float64,
    )


def _share(network: Network, ctx: MeasureContext) -> FloatArray:
    return np.nan_to_num(target_share_of(network, ctx), nan=0.0)


def _target_pagerank(network: Network, ctx: MeasureContext) -> FloatArray:
    # Influence flows source -> target; walking ties backwards from the target
    # audience lands on the actors whose influence reaches it.
    kwargs = _routed(ctx, ("damping", "max_iter", "tol"))
    values = centrality.personalized_pagerank(network.reversed(), _w(ctx, "target_pagerank"),
                                              **kwargs)
    return np.asarray(values, dtype=np.float64)


def warm_paths_of(network: Network, ctx: MeasureContext) -> paths.WarmPaths | None:
    """Warm paths, computed once per context (None without a ``kind`` column).

    Parameters
    ----------
    network : Network
        The network.
    ctx : MeasureContext
        The run's context; its ``max_ties`` option (default 3) is used and the
        result memoised in it.

    Returns
    -------
    WarmPaths or None
        :func:`infnet.algorithms.paths.warm_paths` of the network, or None when it
        has no ``kind`` actor column.
    """

    def compute() -> paths.WarmPaths | None:
        if not network.has_attribute("kind"):
            return None
        return paths.warm_paths(network, max_ties=ctx.option("max_ties", 3))

    result: paths.WarmPaths | None = ctx.memo("warm_paths", compute)
    return result


def _warm(network: Network, ctx: MeasureContext) -> FloatArray:
    # The feature is the best warm path from *another* employee: for an external actor
    # the warm path's strength, for an employee how warmly colleagues reach it (not the
    # 1.0 of being its own introducer, a constant bonus that tilted mixed lists towards
    # employees). The shortlist's warm_path/introducer columns still use warm_paths_of.
    values = paths.colleague_warmth(network, max_ties=ctx.option("max_ties", 3))
    return np.nan_to_num(np.asarray(values, dtype=np.float64), nan=0.0)


def _betweenness(network: Network, ctx: MeasureContext) -> FloatArray:
    large = int(network.strength.nnz) > LARGE_NETWORK_ENTRIES or network.n_actors > 20_000
    if ctx.auto_estimate and large:
        epsilon = 0.05
        ctx.note(
            f"betweenness_centrality: estimated by sampling shortest paths (epsilon={epsilon:g}, "
            "Riondato-Kornaropoulos) above 20,000 actors"
        )
        return betweenness.approximate_betweenness(network, epsilon=epsilon, rng=ctx.rng)
    params = _keywords(betweenness.betweenness_centrality, {"network"})
    return betweenness.betweenness_centrality(network, **_routed(ctx, params))


def column_values(network: Network, name: str) -> FloatArray:
    """Return a numeric actor column as float64 (NaN where missing).

    Parameters
    ----------
    network : Network
        The network.
    name : str
        An actor column of `network`.

    Returns
    -------
    ndarray of float64 of shape (n_actors,)
        The column's values, NaN where missing.

    Raises
    ------
    InvalidParameterError
        When the column holds values that are not numbers (named, with an example).
    """
    series = pd.Series(network.attribute(name))
    try:
        return np.asarray(series.astype("float64").to_numpy(na_value=np.nan), dtype=np.float64)
    except (TypeError, ValueError):
        bad = series[pd.to_numeric(series, errors="coerce").isna() & series.notna()]
        msg = (
            f"Actor column {name!r} must be numeric to be used as a feature; it holds "
            f"{bad.iloc[0]!r} (and {len(bad) - 1} more non-numbers)."
        )
        raise InvalidParameterError(msg) from None


def _column(name: str) -> Compute:
    def compute(network: Network, ctx: MeasureContext) -> FloatArray:
        return column_values(network, name)

    return compute


def _is_customer(network: Network, ctx: MeasureContext) -> FloatArray:
    col = pd.Series(network.attribute("is_customer"))
    return np.asarray(col.fillna(False).astype(bool).to_numpy(), dtype=np.float64)


def _cross_group(roles: np.ndarray) -> FloatArray:
    # Coordinators broker inside one group; the other four roles cross groups.
    return np.asarray(roles[:, 1:].sum(axis=1), dtype=np.float64)


def _register(*entries: Measure) -> Mapping[str, Measure]:
    out: dict[str, Measure] = {}
    for m in entries:
        if m.name in out:  # pragma: no cover - a programming error
            msg = f"measure {m.name!r} registered twice"
            raise RuntimeError(msg)
        out[m.name] = m
    return MappingProxyType(out)


_A: dict[str, Any] = {"output": "actor", "feature": True, "higher_is_better": True,
                      "needs_target": False, "is_random": False}
_T = {**_A, "needs_target": True}

#: Every measure, by its one name.
MEASURES: Mapping[str, Measure] = _register(
    # targeted reach and relevance
    _algorithm("direct_reach", reach.direct_reach, target="w", **_T,
               phrase="reaches target value directly", family="reach"),
    Measure("khop_reach", _khop, params=("hops", "method", "precision", "n_jobs"), **_T,
            phrase="reaches target value within k hops", family="reach"),
    Measure("strong_reach", _strong_reach, **_T,
            phrase="reaches the target through strong ties", family="reach"),
    _algorithm("acquisition_reach", reach.acquisition_reach, target="w", requires=("kind",), **_T,
               phrase="reaches targets the firm has no tie to yet", family="reach"),
    _algorithm("retention_reach", reach.retention_reach, target="w", requires=("kind",), **_T,
               phrase="reaches targets the firm already knows", family="reach"),
    Measure("target_share", _share, **_T,
            phrase="share of ties going into the target", family="relevance"),
    Measure("target_pagerank", _target_pagerank, params=("damping", "max_iter", "tol"), **_T,
            phrase="sought out from the target audience (personalized PageRank)",
            family="relevance"),
    # centrality
    _algorithm("in_degree", centrality.degree, fixed={"direction": "in"}, **_A,
               phrase="followed by many in the network", family="centrality"),
    _algorithm("out_degree", centrality.degree, fixed={"direction": "out"}, **_A,
               phrase="ties out to many actors", family="centrality"),
    _algorithm("degree", centrality.degree, fixed={"direction": "all"}, **_A,
               phrase="tied to many actors", family="centrality"),
    _algorithm("in_strength", centrality.degree, fixed={"direction": "in", "weight": "strength"},
               **_A, phrase="followed through strong ties", family="centrality"),
    _algorithm("out_strength", centrality.degree,
               fixed={"direction": "out", "weight": "strength"}, **_A,
               phrase="ties out strongly", family="centrality"),
    _algorithm("pagerank", centrality.pagerank, **_A,
               phrase="central in the whole network (PageRank)", family="centrality"),
    _algorithm("personalized_pagerank", centrality.personalized_pagerank, target="seeds", **_T,
               phrase="reached by walks from the target (personalized PageRank)",
               family="centrality"),
    _algorithm("eigenvector_centrality", centrality.eigenvector_centrality, **_A,
               phrase="tied to central actors (eigenvector)", family="centrality"),
    _algorithm("katz_centrality", centrality.katz_centrality, **_A,
               phrase="reaches many through short walks (Katz)", family="centrality"),
    _algorithm("diffusion_centrality", centrality.diffusion_centrality, fixed={"w": None}, **_A,
               phrase="spreads information widely in a few steps (diffusion centrality)",
               family="centrality"),
    _algorithm("targeted_diffusion_centrality", centrality.diffusion_centrality, target="w",
               **_T, phrase="spreads information into the target (diffusion centrality)",
               family="reach"),
    _algorithm("harmonic_centrality", centrality.harmonic_centrality, **_A,
               phrase="close to everyone (harmonic closeness)", family="centrality"),
    _algorithm("core_number", centrality.core_number, **_A,
               phrase="in the dense core of the network", family="centrality"),
    # bridging
    Measure("betweenness_centrality", _betweenness,
            params=_keywords(betweenness.betweenness_centrality, {"network"}),
            **{**_A, "is_random": True},
            phrase="on many shortest paths (betweenness)", family="bridging"),
    _algorithm("approximate_betweenness", betweenness.approximate_betweenness,
               **{**_A, "is_random": True},
               phrase="on many shortest paths (sampled betweenness)", family="bridging"),
    _algorithm("effective_size", bridging.effective_size, **_A,
               phrase="has a large non-redundant network (effective size)", family="bridging"),
    _algorithm("constraint", bridging.constraint, **{**_A, "higher_is_better": False},
               phrase="spans structural holes (low constraint)", family="bridging"),
    _algorithm("n_local_bridges", bridging.n_local_bridges, **_A,
               phrase="holds local bridges to otherwise distant actors", family="bridging"),
    _algorithm("participation_coefficient", bridging.participation_coefficient,
               groups="segment", **{**_A, "is_random": True},
               phrase="spreads ties across segments (or detected communities)",
               family="bridging"),
    _algorithm("brokerage_roles", bridging.brokerage_roles, groups="organisation",
               **{**_A, "output": "actor_roles", "is_random": True},
               columns=bridging.BROKERAGE_ROLES, to_feature=_cross_group,
               phrase="brokers between organisations (or detected communities)",
               family="bridging"),
    _algorithm("communities", bridging.communities,
               **{**_A, "output": "partition", "feature": False, "is_random": True},
               phrase="community", family="bridging"),
    # relationships and vetting signals
    Measure("warm_path", _warm, params=("max_ties",), requires=("kind",), **_A,
            phrase="is warmly tied to the firm's employees (warm path)", family="relationship"),
    Measure("is_customer", _is_customer, requires=("is_customer",), **_A,
            phrase="is an existing customer (a reference)", family="relationship"),
    Measure("fake_audience_share", _column("fake_audience_share"),
            requires=("fake_audience_share",), **{**_A, "higher_is_better": False},
            phrase="has few fake followers", family="vetting"),
    Measure("sponsored_share", _column("sponsored_share"), requires=("sponsored_share",),
            **{**_A, "higher_is_better": False},
            phrase="posts little sponsored content", family="vetting"),
)


def get_measure(name: object, *, caller: str) -> Measure:
    """Return the registered measure called `name`.

    Parameters
    ----------
    name : str
        A name in :data:`MEASURES`.
    caller : str
        The public function named in errors.

    Returns
    -------
    Measure
        The entry.

    Raises
    ------
    InvalidParameterError
        For an unknown name: the closest name, or the new name of a renamed one.

    Examples
    --------
    >>> get_measure("pagerank", caller="measures").family
    'centrality'
    >>> get_measure("reach_2hop", caller="measures")
    Traceback (most recent call last):
    ...
    infnet.exceptions.InvalidParameterError: Unknown measure 'reach_2hop' in measures: it was renamed 'khop_reach' in infnet 0.2.
    """
    if isinstance(name, str) and name in MEASURES:
        return MEASURES[name]
    if isinstance(name, str) and name in RENAMED:
        msg = f"Unknown measure {name!r} in {caller}: it was renamed {RENAMED[name]!r} in infnet 0.2."
        raise InvalidParameterError(msg)
    msg = (
        f"Unknown measure {name!r} in {caller}.{closest(name, MEASURES)} "
        f"Known: {sorted(MEASURES)!r}."
    )
    raise InvalidParameterError(msg)


def new_context(
    *,
    w: FloatArray | None = None,
    rng: Any = None,
    options: Mapping[str, Any] | None = None,
    auto_estimate: bool = False,
) -> MeasureContext:
    """Make a :class:`MeasureContext` (``rng`` resolved by SPEC 7).

    Parameters
    ----------
    w : ndarray of shape (n_actors,), optional
        Target values (0 for non-targets), already validated; None when no target
        is given.
    rng : int, Generator, SeedSequence or None, default=None
        Seed or generator for random measures (:func:`infnet._validation.check_rng`).
    options : mapping, optional
        Keyword parameters routed to the measures that declare them; copied.
    auto_estimate : bool, default=False
        Let measures switch to their estimators on large networks.

    Returns
    -------
    MeasureContext
        A context with an empty memo and no notes.

    Raises
    ------
    InfnetTypeError, InvalidParameterError
        For an `rng` that is not a valid seed or generator.
    """
    return MeasureContext(w=w, rng=check_rng(rng), options=dict(options or {}),
                          auto_estimate=auto_estimate)
