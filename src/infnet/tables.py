"""Measures as pandas objects, for notebooks and services.

* :func:`measures` computes several centrality and bridging measures at once into a
  DataFrame indexed by actor id;
* :func:`targeted_reach` returns direct or k-hop targeted reach as a Series;
* :func:`expected_reach` estimates the expected targeted reach of a set of actors
  under an independent cascade, with its standard error.

The array-returning functions in :mod:`infnet.algorithms` are the building blocks and
:data:`infnet.registry.MEASURES` names them; these wrappers only resolve targets and
ids, and label the results.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from infnet._validation import check_int, check_network, check_option
from infnet.algorithms import diffusion, reach
from infnet.exceptions import InvalidParameterError, MissingColumnError
from infnet.network import Network
from infnet.registry import get_measure, new_context
from infnet.targets import Target, as_target

__all__ = ["COUNT_MEASURES", "expected_reach", "measures", "targeted_reach"]

#: Measures that count something (ties, cores, bridges, two-paths): :func:`measures`
#: returns them as int64 when every value is a whole number (a weighted degree, for
#: one, stays float).
COUNT_MEASURES: frozenset[str] = frozenset(
    {"degree", "in_degree", "out_degree", "core_number", "n_local_bridges", "brokerage_roles"}
)


def _as_count(values: np.ndarray) -> np.ndarray:
    """``values`` as int64 when all are finite whole numbers, else unchanged."""
    v = np.asarray(values)
    if v.dtype.kind == "f" and v.size and np.isfinite(v).all() and (v == np.round(v)).all() \
            and np.abs(v).max() < 2.0**53:
        return v.astype(np.int64)
    return v


def measures(
    network: Network,
    names: Sequence[str] | str,
    *,
    target: Target | Mapping[str, Any] | str | None = None,
    rng: Any = None,
    engine: Literal["memory", "dask"] = "memory",
    **params: Any,
) -> pd.DataFrame:
    """Compute several registered measures into one DataFrame indexed by actor id.

    Parameters
    ----------
    network : Network
        The network.
    names : sequence of str
        Names from :data:`infnet.registry.MEASURES` (for example ``"pagerank"``,
        ``"constraint"``, ``"khop_reach"``). ``"brokerage_roles"`` gives five columns
        ``brokerage_<role>``; ``"communities"`` a column of community labels.
    target : Target, dict or str, optional
        Target audience, needed by targeted measures (``direct_reach``,
        ``khop_reach``, ``target_share``, ``personalized_pagerank``, ...).
    rng : int, Generator, SeedSequence or None, default=None
        Randomness of random measures (each gets its own spawned stream).
    engine : {"memory", "dask"}, default="memory"
        Compute here, or on a Dask cluster over a memory-mapped store
        (:mod:`infnet.engines.dask`; exact measures only, listed on the scaling page).
    **params
        Keyword parameters, each passed to every requested measure that declares it
        (``weight="weight"``, ``damping=0.9``, ``groups="segment"``, ``hops=3``,
        ``seeds=<array>``, ``n_jobs=2``, ...).

    Returns
    -------
    DataFrame
        One column per measure, indexed by actor id in network order. Counts
        (:data:`COUNT_MEASURES`: degrees, core number, local bridges, brokerage roles)
        are int64 when all their values are whole numbers.

    Raises
    ------
    InvalidParameterError
        For an unknown measure name (closest suggested, or the new name of a renamed
        one) or a parameter that no requested measure accepts.

    See Also
    --------
    infnet.algorithms : The array-returning functions behind each name.

    Examples
    --------
    >>> from infnet import measures
    >>> from infnet.synthetic import toy_network
    >>> df = measures(toy_network(), ["degree", "core_number"])
    >>> df.loc[["cara", "jo"]].to_dict(orient="index")
    {'cara': {'degree': 4, 'core_number': 2}, 'jo': {'degree': 0, 'core_number': 0}}
    """
    caller = "measures"
    if check_option(engine, name="engine", caller=caller, options=("memory", "dask")) == "dask":
        from infnet.engines import dask as dask_engine  # infnet[dask]; docs/scaling.md

        return dask_engine.measures(network, names, target=target, rng=rng, **params)
    network = check_network(network, caller=caller)
    if isinstance(names, str):
        names = [names]
    entries = [get_measure(name, caller=caller) for name in names]
    for m in entries:
        lacking = [c for c in m.requires if not network.has_attribute(c)]
        if lacking:
            msg = (
                f"Measure {m.name!r} of {caller} needs the actor column {lacking[0]!r}, which "
                f"the network lacks. Actor columns: {list(network.actor_columns)!r}."
            )
            raise MissingColumnError(msg)
    w = None
    if target is not None:
        w = as_target(target, caller=caller).weights(network)
    accepted = set().union(*(m.params for m in entries)) if entries else set()
    unused = set(params) - accepted
    if unused:
        msg = (
            f"Parameters {sorted(unused)!r} of {caller} are accepted by none of the measures "
            f"{list(names)!r}."
        )
        raise InvalidParameterError(msg)
    context = new_context(w=w, rng=rng, options=params)
    streams = context.rng.spawn(len(entries))
    columns: dict[str, np.ndarray] = {}
    for m, stream in zip(entries, streams, strict=True):
        if m.needs_target and w is None and not ({"w", "seeds"} & set(params)):
            msg = f"Measure {m.name!r} of {caller} needs a target audience; pass target=..."
            raise InvalidParameterError(msg)
        values = np.asarray(m.compute(network, context.child(stream)))
        if m.name in COUNT_MEASURES:
            values = _as_count(values)
        if m.output == "actor_roles":
            for j, role in enumerate(m.columns):
                columns[f"{m.name.removesuffix('_roles')}_{role}"] = values[:, j]
        else:
            columns[m.name] = values
    return pd.DataFrame(columns, index=network.actor_ids.copy())


def targeted_reach(
    network: Network,
    target: Target | Mapping[str, Any] | str,
    *,
    hops: int = 1,
    method: Literal["exact", "sketch"] = "exact",
    rng: Any = None,
) -> pd.Series:
    r"""Return the targeted reach of every actor, as a Series indexed by actor id.

    ``hops=1`` gives direct targeted reach :math:`R_1(u) = \sum_{v \in T} w_v s_{uv}`
    over out-neighbours; ``hops >= 2`` the total value of distinct targets within
    `hops` ties (strengths ignored), exact or estimated from distance sketches.

    Parameters
    ----------
    network : Network
        The network.
    target : Target, dict or str
        The target audience (a segment name is a shorthand).
    hops : int, default=1
        Horizon, 1 to 3 for ``"exact"``.
    method : {"exact", "sketch"}, default="exact"
        Exact search or the sketch estimate (for hops >= 2).
    rng : int, Generator, SeedSequence or None, default=None
        Seeds the sketches' hashes.

    Returns
    -------
    Series
        Reach per actor, named ``"reach_<hops>"``.

    Raises
    ------
    EmptyTargetError
        When the target selects nobody.

    See Also
    --------
    infnet.algorithms.reach.direct_reach, infnet.algorithms.reach.khop_reach

    Examples
    --------
    >>> from infnet import targeted_reach
    >>> from infnet.synthetic import toy_network
    >>> targeted_reach(toy_network(), "fintech")[["cara", "gil"]].round(2).tolist()
    [0.4, 1.6]
    """
    network = check_network(network, caller="targeted_reach")
    hops = check_int(hops, name="hops", caller="targeted_reach", low=1, high=3)
    check_option(method, name="method", caller="targeted_reach", options=("exact", "sketch"))
    w = as_target(target, caller="targeted_reach").weights(network)
    if hops == 1 and method == "exact":
        values = reach.direct_reach(network, w)
    else:
        values = reach.khop_reach(network, w, hops=hops, method=method, rng=rng)
    return network.to_series(values, name=f"reach_{hops}")


def expected_reach(
    network: Network,
    target: Target | Mapping[str, Any] | str,
    actors: Iterable[Hashable],
    *,
    model: Literal["strength", "weighted_cascade", "constant"] = "weighted_cascade",
    transmissibility: float = 0.1,
    p: float = 0.1,
    n_sets: int = 10_000,
    rng: Any = None,
    n_jobs: int | None = None,
) -> diffusion.ReachEstimate:
    """Estimate the expected targeted reach of a set of actors under an independent cascade.

    Estimated from reverse-reachable sets rooted in the target in proportion to value;
    the result carries its standard error and converts to ``float``.

    Parameters
    ----------
    network : Network
        The network.
    target : Target, dict or str
        The target audience.
    actors : iterable of hashable
        Actor ids of the seed set.
    model : {"weighted_cascade", "strength", "constant"}, default="weighted_cascade"
        Activation model: ``1 / in-degree`` (the one default of infnet, as in
        :func:`infnet.rank_influentials`; see :mod:`infnet.algorithms.diffusion`),
        ``transmissibility * strength``, or `p`.
    transmissibility : float, default=0.1
        Used by the ``"strength"`` model.
    p : float, default=0.1
        Used by the ``"constant"`` model.
    n_sets : int, default=10000
        Number of reverse-reachable sets.
    rng : int, Generator, SeedSequence or None, default=None
        Seed.
    n_jobs : int or None, default=None
        Threads for sampling (None: every usable core); the estimate is the same for
        any value.

    Returns
    -------
    ReachEstimate
        ``value`` (in target-value units), ``stderr`` and ``n_sets``; ``float(est)``
        gives the value.

    Raises
    ------
    UnknownActorError
        For ids not in the network.
    EmptyTargetError
        When the target selects nobody.
    ResourceLimitError
        When `n_sets` is above the sampler's limit or does not fit in memory.

    See Also
    --------
    infnet.algorithms.diffusion.RRSampler : Reuse one sample across many sets.

    Examples
    --------
    >>> from infnet import expected_reach
    >>> from infnet.synthetic import toy_network
    >>> est = expected_reach(toy_network(), "fintech", ["gil"], rng=0)
    >>> 2.5 < float(est) < 4.0
    True
    """
    network = check_network(network, caller="expected_reach")
    w = as_target(target, caller="expected_reach").weights(network)
    seeds = network.index_of(list(actors) if not isinstance(actors, (str, bytes)) else [actors])
    return diffusion.expected_reach(
        network, w, seeds, model=model, transmissibility=transmissibility, p=p,
        n_sets=n_sets, rng=rng, n_jobs=n_jobs,
    )
