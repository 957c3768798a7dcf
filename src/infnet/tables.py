"""Notebook and service entry points to the measures, returning pandas objects.

* :func:`measures` computes several centrality and bridging measures at once into a
  DataFrame indexed by actor id;
* :func:`targeted_reach` returns direct or k-hop targeted reach as a Series;
* :func:`expected_reach` estimates the expected targeted reach of a set of actors
  under an independent cascade, with its standard error.

The array-returning functions in :mod:`infnet.algorithms` are the building blocks;
these wrappers only resolve targets and ids, and label the results.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from functools import partial
from typing import Any, Literal

import numpy as np
import pandas as pd

from infnet._validation import check_int, check_option, closest
from infnet.algorithms import betweenness, bridging, centrality, diffusion, reach
from infnet.exceptions import InfnetTypeError, InvalidParameterError
from infnet.network import Network
from infnet.targets import Target, as_target

__all__ = ["MEASURES", "expected_reach", "measures", "targeted_reach"]


def _brokerage(network: Network, *, groups: Any = "organisation", normalized: bool = False) -> np.ndarray:
    return np.asarray(bridging.brokerage_roles(network, groups, normalized=normalized))


#: Measure name -> function of ``(network, **keywords)`` returning (n_actors,) or (n_actors, m).
MEASURES: Mapping[str, Callable[..., np.ndarray]] = {
    "in_degree": partial(centrality.degree, direction="in"),
    "out_degree": partial(centrality.degree, direction="out"),
    "degree": partial(centrality.degree, direction="all"),
    "in_strength": partial(centrality.degree, direction="in", weight="strength"),
    "out_strength": partial(centrality.degree, direction="out", weight="strength"),
    "pagerank": centrality.pagerank,
    "personalized_pagerank": centrality.personalized_pagerank,
    "eigenvector_centrality": centrality.eigenvector_centrality,
    "katz_centrality": centrality.katz_centrality,
    "harmonic_centrality": centrality.harmonic_centrality,
    "core_number": centrality.core_number,
    "betweenness_centrality": betweenness.betweenness_centrality,
    "approximate_betweenness": betweenness.approximate_betweenness,
    "constraint": bridging.constraint,
    "effective_size": bridging.effective_size,
    "n_local_bridges": bridging.n_local_bridges,
    "participation_coefficient": bridging.participation_coefficient,
    "communities": bridging.communities,
    "brokerage_roles": _brokerage,
}

_POSITIONAL = {"personalized_pagerank": "seeds", "participation_coefficient": "groups"}


def _keywords(func: Callable[..., Any]) -> set[str]:
    sig = inspect.signature(func)
    return {
        name for name, p in sig.parameters.items()
        if p.kind in (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    } - {"network"}


def measures(network: Network, names: Sequence[str], **params: Any) -> pd.DataFrame:
    """Compute several measures into one DataFrame indexed by actor id.

    Parameters
    ----------
    network : Network
        The network.
    names : sequence of str
        Measure names from :data:`MEASURES` (for example ``"pagerank"``,
        ``"constraint"``, ``"core_number"``). ``"brokerage_roles"`` gives five columns
        ``brokerage_<role>``.
    **params
        Keyword parameters, each passed to every requested measure that accepts it
        (``weight="weight"``, ``damping=0.9``, ``groups="segment"``,
        ``seeds=<array>``, ``rng=0``, ...).

    Returns
    -------
    DataFrame
        One column per measure, indexed by actor id in network order.

    Raises
    ------
    InvalidParameterError
        For an unknown measure name (closest suggested) or a parameter that no
        requested measure accepts.

    See Also
    --------
    infnet.algorithms : The array-returning functions behind each name.

    Examples
    --------
    >>> from infnet import measures
    >>> from infnet.synthetic import toy_network
    >>> df = measures(toy_network(), ["degree", "core_number"])
    >>> df.loc[["cara", "jo"]].to_dict(orient="index")
    {'cara': {'degree': 4.0, 'core_number': 2.0}, 'jo': {'degree': 0.0, 'core_number': 0.0}}
    """
    if not isinstance(network, Network):
        msg = f"`network` of measures must be an infnet Network; got {type(network).__name__}."
        raise InfnetTypeError(msg)
    if isinstance(names, str):
        names = [names]
    for name in names:
        if name not in MEASURES:
            msg = f"Unknown measure {name!r}.{closest(name, MEASURES)} Known: {sorted(MEASURES)!r}."
            raise InvalidParameterError(msg)
    used: set[str] = set()
    columns: dict[str, np.ndarray] = {}
    for name in names:
        func = MEASURES[name]
        accepted = _keywords(func)
        kwargs = {k: v for k, v in params.items() if k in accepted}
        used |= set(kwargs)
        values = np.asarray(func(network, **kwargs))
        if values.ndim == 2:
            for j, role in enumerate(bridging.BROKERAGE_ROLES):
                columns[f"brokerage_{role}"] = values[:, j]
        else:
            columns[name] = values
    unused = set(params) - used
    if unused:
        msg = f"Parameters {sorted(unused)!r} are accepted by none of the measures {list(names)!r}."
        raise InvalidParameterError(msg)
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
    hops = check_int(hops, name="hops", caller="targeted_reach", low=1)
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
    model: Literal["strength", "weighted_cascade", "constant"] = "strength",
    transmissibility: float = 0.5,
    p: float = 0.1,
    n_sets: int = 10_000,
    rng: Any = None,
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
    model : {"strength", "weighted_cascade", "constant"}, default="strength"
        Activation model: ``transmissibility * strength``, ``1 / in-degree``, or `p`.
    transmissibility : float, default=0.5
        Used by the ``"strength"`` model.
    p : float, default=0.1
        Used by the ``"constant"`` model.
    n_sets : int, default=10000
        Number of reverse-reachable sets.
    rng : int, Generator, SeedSequence or None, default=None
        Seed.

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

    See Also
    --------
    infnet.algorithms.diffusion.RRSampler : Reuse one sample across many sets.

    Examples
    --------
    >>> from infnet import expected_reach
    >>> from infnet.synthetic import toy_network
    >>> est = expected_reach(toy_network(), "fintech", ["gil"], rng=0)
    >>> 1.0 < float(est) < 3.0
    True
    """
    w = as_target(target, caller="expected_reach").weights(network)
    seeds = network.index_of(list(actors) if not isinstance(actors, (str, bytes)) else [actors])
    return diffusion.expected_reach(
        network, w, seeds, model=model, transmissibility=transmissibility, p=p,
        n_sets=n_sets, rng=rng,
    )
