"""The facade: :func:`rank_influentials` returns ranked micro-influential shortlists.

It composes three stages, each a module that can be called on its own:

1. **score** (:mod:`infnet.scoring`): features from the one registry, normalised and
   weighted by the kernel, into scores with per-feature contributions;
2. **select** (:mod:`infnet.selection`): eligibility rules (micro band, share floor,
   vetting) applied in one loop, then top-k or the complementary set under one set of
   constraints;
3. **present** (:mod:`infnet.presentation`): the shortlist frame, its reasons and attrs.

The facade validates the call, resolves the target, and passes each stage what it
needs; it does no algorithm work of its own. Its options group by stage:
:class:`~infnet.options.MicroBand`, :class:`~infnet.selection.Vetting`,
:class:`~infnet.options.Constraints`, :class:`~infnet.options.Cascade`.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd

from infnet._progress import stage
from infnet._validation import check_int, check_network, check_option, check_rng
from infnet.kernel import NORMALIZATIONS
from infnet.network import Network
from infnet.options import MAX_K, Cascade, Constraints, MicroBand
from infnet.presentation import SHORTLIST_COLUMNS, run_attrs, shortlist_frame
from infnet.registry import new_context, target_share_of
from infnet.scoring import fitted_strategy, score_actors
from infnet.selection import Limits, Vetting, apply_band_and_vetting, select_shortlist
from infnet.targets import Target, as_target

if TYPE_CHECKING:
    from infnet.fitting import FittedWeights, WeightFitter

__all__ = ["SHORTLIST_COLUMNS", "rank_influentials"]

Method = Literal["top_k", "complementary"]
ShowExcluded = Literal["top", "all", "none"]
_DEFAULT_BAND = MicroBand()


def rank_influentials(
    network: Network,
    target: Target | Mapping[str, Any] | str,
    *,
    k: int = 20,
    kind: Literal["both", "internal", "external"] = "both",
    strategy: str | FittedWeights | WeightFitter | Mapping[str, Any] = "balanced",
    weights: Mapping[str, float] | None = None,
    method: Method = "top_k",
    band: MicroBand | Mapping[str, Any] | None = _DEFAULT_BAND,
    exclude: Vetting | Mapping[str, Any] | None = None,
    constraints: Constraints | Mapping[str, Any] | None = None,
    cascade: Cascade | Mapping[str, Any] | None = None,
    normalization: str = "rank",
    hops: int = 2,
    show_excluded: ShowExcluded = "top",
    rng: Any = 0,
    engine: Literal["memory", "dask"] = "memory",
) -> pd.DataFrame:
    """Rank the micro-influentials who reach a target audience.

    Every actor is scored by the vectorised kernel: features from the registry
    (targeted reach, target share, personalized PageRank from the target, bridging,
    warm paths, vetting signals, or any numeric actor column) are normalised to
    [0, 1] over the eligible actors and combined with the weights of a strategy
    preset or custom `weights`; each score is the sum of its ``contribution_*``
    columns. Actors failing vetting or the micro band are excluded with their reason.

    Parameters
    ----------
    network : Network
        The business network.
    target : Target, dict or str
        The target audience: a :class:`infnet.Target`, its plain-data form
        (``{"segments": ["fintech"]}``), or a segment name.
    k : int, default=20
        Shortlist size (1 to 1,000,000).
    kind : {"both", "internal", "external"}, default="both"
        Rank employees (internal), outside actors (external), or both.
    strategy : str, FittedWeights, WeightFitter or dict, default="balanced"
        A string names preset weights from :data:`infnet.presets.PRESETS`:
        ``balanced``, ``reference``, ``content``, ``interaction``, ``purpose``,
        ``expert``, ``social``. A preset feature the network cannot give (no such
        actor column) is dropped with an :class:`~infnet.InfnetWarning` and listed in
        ``df.attrs["dropped_features"]``. Weights learned from outcomes are passed as
        what :func:`infnet.fit_weights` returned, a fitted
        :class:`~infnet.fitting.WeightFitter`, or their plain-data form
        (``fitted.to_dict()``, at least ``{"weights": {...}}``); ``df.attrs["fitted"]``
        then records the weights, the cross-validated metric and whether the fit fell
        back to its preset. Anything else is refused.
    weights : mapping of str to float, optional
        Custom non-negative weights by feature name (registered features or numeric
        actor columns); overrides a preset `strategy` (refused with a fitted one).
    method : {"top_k", "complementary"}, default="top_k"
        The best scores (stable order: score descending, then actor id), or the set
        that together reaches the most target value (greedy over reverse-reachable
        sets, IMM-style); ``rank`` is then the pick order.
    band : MicroBand, dict or None, default=MicroBand()
        Who counts as a micro-influential: audience band (1,000-50,000; in-network
        degree band where the audience is unknown), its scope, and the target-share
        floor (0.25). None disables the bands and the floor. With the default band
        only, a floor that alone leaves fewer than `k` candidates (a small target) is
        lowered to the highest floor that lets `k` through (never admitting actors
        with no tie into the target); ``attrs["notes"]`` says so and
        ``attrs["parameters"]["band"]`` records the floor used. A band you pass is
        kept as given.
    exclude : Vetting or dict, optional
        Vetting rules (competitors, fake-audience and sponsored-share thresholds,
        explicit actors, an expression, a predicate). Default thresholds when None.
    constraints : Constraints or dict, optional
        Kind quotas, a per-organisation cap, a cost column and budget; applied alike
        by both methods.
    cascade : Cascade or dict, optional
        Cascade model of marginal gains and of the complementary set (default: the
        weighted cascade, ``p_uv = 1 / in-degree(v)``; 10,000 RR sets for top-k
        gains; ``epsilon=0.3`` for the complementary set).
    normalization : {"rank", "minmax", "max", "zscore"}, default="rank"
        How features are scaled before weighting (see :func:`infnet.kernel.normalize`);
        must be the one a fitted `strategy` was fitted with.
    hops : int, default=2
        Horizon of k-hop reach (1 to 3).
    show_excluded : {"top", "all", "none"}, default="top"
        Which excluded in-scope actors to list: those scoring at least as high as the
        last pick (at most `k`), all of them, or none. Counts by reason are always in
        ``df.attrs["exclusions"]``.
    rng : int, Generator, SeedSequence or None, default=0
        Seed; the same seed gives the same shortlist, whatever the row order of the
        frames the network was built from.
    engine : {"memory", "dask"}, default="memory"
        Where features and RR sets are computed: in this process, or on a Dask cluster
        over blocks of a memory-mapped store (:mod:`infnet.engines.dask`, extra
        ``infnet[dask]``; see the scaling page for what it supports).

    Returns
    -------
    DataFrame
        Columns :data:`SHORTLIST_COLUMNS` plus ``contribution_*``, indexed by actor id
        (``df.loc[actor]``): shortlisted actors first, in ``pick_order`` 1..k (``rank``
        is the position by score; equal for top-k), then excluded actors
        (``excluded=True``, ``rank`` <NA>). ``df.attrs`` holds the infnet version, parameters, seed, weights,
        the fitted strategy (``"fitted"``, None for a preset or custom weights),
        dropped features, notes on what the run decided, target summary, eligible
        count and exclusion counts.

    Raises
    ------
    EmptyTargetError
        When the target selects nobody.
    InvalidParameterError
        For unknown strategies, features, options or out-of-range values.
    InfnetTypeError
        For arguments of the wrong type (a `strategy` that is neither a preset name
        nor a fitted strategy).
    NotFittedError
        For a :class:`~infnet.fitting.WeightFitter` `strategy` that was not fitted.

    See Also
    --------
    infnet.service.rank_influentials_from_dict : The plain-data (JSON) form for services.
    infnet.fit_weights : Weights learned from an observed outcome, for `strategy`.
    infnet.scoring.score_actors, infnet.selection.select_shortlist : The stages.

    Notes
    -----
    Cost is dominated by the features used: O(n_ties) for direct reach and share,
    O(n_ties * iterations) for personalized PageRank, exact k-hop reach by compiled
    search (sketches at 3 hops above 2M stored ties, noted in ``attrs["notes"]``),
    and the reverse-reachable sets. Actors are never dropped silently: each one is
    shortlisted, listed as excluded with its reason, or counted in
    ``df.attrs["exclusions"]`` / out of scope by `kind`.

    Examples
    --------
    >>> from infnet import rank_influentials
    >>> from infnet.synthetic import toy_network
    >>> df = rank_influentials(toy_network(), {"segments": ["fintech"]}, k=3,
    ...                        kind="external", band={"audience": None})
    >>> df["actor"].tolist(), df["rank"].tolist()
    (['finn', 'gil', 'eva'], [1, 2, 3])
    """
    caller, t0 = "rank_influentials", time.perf_counter()
    if check_option(engine, name="engine", caller=caller, options=("memory", "dask")) == "dask":
        from infnet.engines import dask as dask_engine  # infnet[dask]; docs/scaling.md

        return dask_engine.rank_influentials(
            network, target, k=k, kind=kind, strategy=strategy, weights=weights,
            method=method, band=band, exclude=exclude, constraints=constraints,
            cascade=cascade, normalization=normalization, hops=hops,
            show_excluded=show_excluded, rng=rng,
        )
    network = check_network(network, caller=caller)
    k = check_int(k, name="k", caller=caller, low=1, high=MAX_K)
    hops = check_int(hops, name="hops", caller=caller, low=1, high=3)
    check_option(kind, name="kind", caller=caller, options=("both", "internal", "external"))
    check_option(method, name="method", caller=caller, options=("top_k", "complementary"))
    check_option(normalization, name="normalization", caller=caller, options=NORMALIZATIONS)
    check_option(show_excluded, name="show_excluded", caller=caller, options=("top", "all", "none"))
    if not isinstance(strategy, str):  # a fitted strategy: checked now, before any work
        fitted_strategy(strategy, weights, normalization=normalization, caller=caller)
    band_ = None if band is None else MicroBand.from_dict(band)
    vetting = Vetting() if exclude is None else Vetting.from_dict(exclude)
    limits_ = None if constraints is None else Constraints.from_dict(constraints)
    cascade_ = Cascade() if cascade is None else Cascade.from_dict(cascade)
    feature_rng, sampler_rng = check_rng(rng).spawn(2)
    tgt = as_target(target, caller=caller)

    with stage(f"{caller}: target"):
        w = tgt.weights(network)
    context = new_context(w=w, rng=feature_rng, options={"hops": hops}, auto_estimate=True)
    with stage(f"{caller}: eligibility rules"):
        band_, elig = apply_band_and_vetting(  # select stage, part 1: who may be picked
            network, band_, vetting, kind=kind, target_share=target_share_of(network, context),
            adapt_to=k if band is _DEFAULT_BAND else None,  # only the default floor adapts
            caller=caller,
        )
    how = ("custom weights" if weights is not None else f"strategy {strategy!r}"
           if isinstance(strategy, str) else "fitted strategy")
    with stage(f"{caller}: score ({how})"):
        scores = score_actors(  # score stage, normalised over the eligible actors
            network, w, strategy=strategy, weights=weights, normalization=normalization,
            reference=elig.eligible, context=context, caller=caller,
        )
    what = "complementary set over RR sets" if method == "complementary" else (
        "top-k and marginal gains over RR sets")
    with stage(f"{caller}: select ({what})"):
        selection = select_shortlist(  # select stage, part 2: the picks
            network, w, scores.values, elig, Limits.bind(limits_, network, caller=caller),
            k=k, method=method, cascade=cascade_, show_excluded=show_excluded,
            rng=sampler_rng, caller=caller,
        )
    with stage(f"{caller}: present (shortlist, reasons, warm paths)"):
        df = shortlist_frame(network, scores, selection, hops=hops)  # present stage
    parameters = {
        "k": k, "kind": kind, "strategy": scores.strategy, "method": method,
        "band": None if band_ is None else band_.to_dict(), "exclude": vetting.to_dict(),
        "constraints": None if limits_ is None else limits_.to_dict(),
        "cascade": cascade_.to_dict(), "normalization": normalization, "hops": hops,
        "show_excluded": show_excluded,
    }
    df.attrs.update(run_attrs(
        parameters=parameters, seed=rng if isinstance(rng, (int, type(None))) else repr(rng),
        scores=scores, selection=selection, target=tgt.to_dict(),
        target_summary=tgt.summary(network), network=network, seconds=time.perf_counter() - t0,
    ))
    return df
