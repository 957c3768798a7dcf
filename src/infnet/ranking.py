"""The facade: :func:`rank_influentials` returns ranked micro-influential shortlists.

It composes the layers below: the target audience (:mod:`infnet.targets`) gives target
values, the feature registry (:mod:`infnet.features`) computes per-actor measures, the
kernel (:mod:`infnet.kernel`) turns them into scores with per-feature contributions,
selection (:mod:`infnet.selection`) applies vetting and the micro band and picks the
shortlist (top-k or a complementary set by reverse-reachable sets,
:mod:`infnet.algorithms.diffusion`), and warm paths (:mod:`infnet.algorithms.paths`)
say who should make each introduction.

The shortlist's columns, in order, are :data:`SHORTLIST_COLUMNS`, with one
``contribution_<feature>`` column per weighted feature inserted after ``score``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from typing import Any, Literal

import numpy as np
import pandas as pd

from infnet._validation import check_float, check_int, check_option, check_rng, closest
from infnet.algorithms import diffusion
from infnet.algorithms.bridging import BROKERAGE_ROLES
from infnet.exceptions import InfnetTypeError, InfnetWarning, InvalidParameterError
from infnet.features import (
    FEATURES,
    FeatureContext,
    build_features,
    resolve_feature,
    warm_paths_of,
)
from infnet.kernel import NORMALIZATIONS, normalize, score
from infnet.network import Network
from infnet.presets import PRESETS, preset
from infnet.selection import DEFAULT_AUDIENCE_BAND, Vetting, eligibility, stable_order, top_k
from infnet.targets import Target, as_target

__all__ = ["SHORTLIST_COLUMNS", "rank_influentials", "rank_influentials_from_dict"]

#: Shortlist columns in order; ``contribution_<feature>`` columns follow ``score``.
SHORTLIST_COLUMNS: tuple[str, ...] = (
    "rank",
    "actor",
    "kind",
    "organisation",
    "segment",
    "audience",
    "score",
    "direct_reach",
    "reach_k",
    "target_share",
    "bridging_role",
    "introducer",
    "warm_path",
    "warm_path_strength",
    "marginal_gain",
    "excluded",
    "reason",
)

ShowExcluded = Literal["top", "all", "none"]


def _version() -> str:
    from infnet import __version__

    return __version__


def _resolve_weights(
    strategy: str, weights: Mapping[str, float] | None, network: Network
) -> dict[str, float]:
    if weights is None:
        return dict(preset(strategy))
    if not isinstance(weights, Mapping) or not weights:
        msg = "`weights` of rank_influentials must be a non-empty mapping feature -> weight."
        raise InvalidParameterError(msg)
    out = {}
    for name, value in weights.items():
        resolve_feature(name, network)
        out[name] = check_float(value, name=f"weights[{name!r}]", caller="rank_influentials", low=0.0)
    if sum(out.values()) <= 0:
        msg = "`weights` of rank_influentials must not all be zero."
        raise InvalidParameterError(msg)
    return out


def _bridging_roles(network: Network, rows: np.ndarray, ctx_cache: dict[str, Any]) -> list[str]:
    """Dominant Gould-Fernandez role (groups = organisation) of the shown actors."""
    roles = ctx_cache.get("brokerage_roles")
    if roles is not None:
        sub = np.asarray(roles)[rows]
    elif "organisation" in network.actors.columns:
        from infnet.algorithms.bridging import brokerage_roles

        # only the shown rows: the two-paths through a broker do not depend on others
        sub = brokerage_roles(network, "organisation", actors=rows)
    else:
        return ["" for _ in rows]
    best = sub.argmax(axis=1)
    return [BROKERAGE_ROLES[b] if sub[i, b] > 0 else "none" for i, b in enumerate(best.tolist())]


def _reason(
    i: int,
    contrib_row: np.ndarray,
    feats: list[Any],
    raw: Mapping[str, float],
    introducer: str | None,
    wp_strength: float,
) -> str:
    order = np.argsort(-contrib_row, kind="stable")[:2]
    parts = []
    for j in order.tolist():
        if contrib_row[j] <= 0:
            continue
        f = feats[j]
        value = raw.get(f.name)
        if f.name == "target_share" and value is not None:
            parts.append(f"{value:.0%} of tie strength goes into the target")
        elif value is not None and np.isfinite(value):
            parts.append(f"{f.phrase} ({value:,.3g})")
        else:
            parts.append(f.phrase)
    if introducer:
        parts.append(f"warm intro via {introducer} ({wp_strength:.2f})")
    return "; ".join(parts) if parts else "no measurable reach into the target"


def rank_influentials(
    network: Network,
    target: Target | Mapping[str, Any] | str,
    *,
    k: int = 20,
    kind: Literal["both", "internal", "external"] = "both",
    strategy: str = "balanced",
    weights: Mapping[str, float] | None = None,
    normalization: str = "rank",
    audience: tuple[float, float] | None = DEFAULT_AUDIENCE_BAND,
    degree_band: tuple[float, float] | None = None,
    band_scope: Literal["external", "all"] = "external",
    min_target_share: float | None = 0.25,
    exclude: Vetting | Mapping[str, Any] | None = None,
    quota: Mapping[str, int] | None = None,
    max_per_organisation: int | None = None,
    cost: str | None = None,
    budget: float | None = None,
    complementary: bool = False,
    hops: int = 2,
    model: str = "weighted_cascade",
    transmissibility: float = 0.1,
    n_sets: int = 10_000,
    epsilon: float = 0.3,
    show_excluded: ShowExcluded = "top",
    rng: Any = 0,
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
        Shortlist size.
    kind : {"both", "internal", "external"}, default="both"
        Rank employees (internal), outside actors (external), or both.
    strategy : str, default="balanced"
        Preset weights from :data:`infnet.presets.PRESETS`: ``balanced``,
        ``reference``, ``content``, ``interaction``, ``purpose``, ``expert``, ``social``.
    weights : mapping of str to float, optional
        Custom non-negative weights by feature name (registered features or numeric
        actor columns); overrides `strategy`.
    normalization : {"rank", "minmax", "max", "zscore"}, default="rank"
        How features are scaled before weighting (see :func:`infnet.kernel.normalize`).
    audience : tuple of float or None, default=(1000, 50000)
        Micro-influential band on ``audience``; in-network degree band where it is
        unknown. None disables the band.
    degree_band : tuple of float, optional
        In-degree band for actors without a known audience (default: 1 to the 99th
        percentile).
    band_scope : {"external", "all"}, default="external"
        Apply the bands and the target-share floor to external actors only
        (employees are advocates whatever their audience), or to everyone.
    min_target_share : float or None, default=0.25
        A micro-influential's audience lies mostly in the target: exclude actors
        (in `band_scope`) with less than this share of tie strength going into the
        target. None disables the floor.
    exclude : Vetting or dict, optional
        Vetting rules (competitors, fake-audience and sponsored-share thresholds,
        explicit actors, an expression, a predicate). Default thresholds apply when None.
    quota : mapping of str to int, optional
        Maximum picks per kind, e.g. ``{"internal": 5, "external": 15}``.
    max_per_organisation : int, optional
        At most this many actors from one organisation.
    cost : str, optional
        Actor column with each actor's cost; used with `budget`.
    budget : float, optional
        Total cost allowed for the shortlist.
    complementary : bool, default=False
        Pick the set that together reaches the most target value (greedy over
        reverse-reachable sets, IMM-style) instead of the top scores.
    hops : int, default=2
        Horizon of k-hop reach (1 to 3).
    model : {"weighted_cascade", "strength", "constant"}, default="weighted_cascade"
        Cascade model for marginal gains and the complementary set. The default,
        ``p_uv = 1 / in-degree(v)``, stays meaningful at any density; with
        ``"strength"`` (``p_uv = transmissibility * s_uv``) a dense network with a high
        transmissibility becomes supercritical: every set reaches nearly everything
        and marginal gains vanish after the first pick.
    transmissibility : float, default=0.1
        Activation probability per unit of strength in the ``"strength"`` model.
    n_sets : int, default=10000
        Reverse-reachable sets for the marginal gains of a top-k shortlist. The
        complementary set sizes its own sample by the IMM bound, for a
        ``(1 - 1/e - epsilon)`` approximation with probability ``1 - 1/n_actors``.
    epsilon : float, default=0.3
        Approximation slack of the complementary set (IMM): the chosen set reaches at
        least ``1 - 1/e - epsilon`` (0.33 at the default) of the best `k` eligible
        actors' expected reach, with probability ``1 - 1/n_actors``. The sample grows
        as ``1 / epsilon**2``: 0.1 costs about 9 times the default.
    show_excluded : {"top", "all", "none"}, default="top"
        Which excluded in-scope actors to list: those scoring at least as high as the
        last pick (at most `k`), all of them, or none. Counts by reason are always in
        ``df.attrs["exclusions"]``.
    rng : int, Generator, SeedSequence or None, default=0
        Seed; the same seed gives the same shortlist.

    Returns
    -------
    DataFrame
        Columns :data:`SHORTLIST_COLUMNS` plus ``contribution_*``: shortlisted actors
        first (``rank`` 1..k, stable order: score descending then actor id, or pick order
        when `complementary`), then excluded actors (``excluded=True``, ``rank`` <NA>).
        ``df.attrs`` holds the infnet version, parameters, seed, weights, target
        summary, eligible count and exclusion counts.

    Raises
    ------
    EmptyTargetError
        When the target selects nobody.
    InvalidParameterError
        For unknown strategies, features, options or out-of-range values.
    InfnetTypeError
        For arguments of the wrong type.

    See Also
    --------
    rank_influentials_from_dict : The plain-data (JSON) form for services.
    infnet.targets.Target : Target audiences.
    infnet.presets.PRESETS : Strategy presets.

    Notes
    -----
    Cost is dominated by the features used: O(n_ties) for direct reach and share,
    O(n_ties * iterations) for personalized PageRank, exact k-hop reach by
    compiled search (sketches above 2M stored ties), and the reverse-reachable
    sets for marginal gains. Actors are never dropped silently: each one is
    shortlisted, listed as excluded with its reason, or counted in
    ``df.attrs["exclusions"]`` / out of scope by `kind`.

    Examples
    --------
    >>> from infnet import rank_influentials
    >>> from infnet.synthetic import toy_network
    >>> df = rank_influentials(toy_network(), {"segments": ["fintech"]}, k=3,
    ...                        kind="external", audience=None)
    >>> df["actor"].tolist(), df["rank"].tolist()
    (['gil', 'finn', 'eva'], [1, 2, 3])
    """
    caller = "rank_influentials"
    t0 = time.perf_counter()
    if not isinstance(network, Network):
        msg = f"`network` of {caller} must be an infnet Network; got {type(network).__name__}."
        raise InfnetTypeError(msg)
    k = check_int(k, name="k", caller=caller, low=1)
    hops = check_int(hops, name="hops", caller=caller, low=1, high=3)
    check_option(normalization, name="normalization", caller=caller, options=NORMALIZATIONS)
    check_option(show_excluded, name="show_excluded", caller=caller, options=("top", "all", "none"))
    check_option(model, name="model", caller=caller, options=("strength", "weighted_cascade", "constant"))
    if strategy not in PRESETS and weights is None:
        check_option(strategy, name="strategy", caller=caller, options=tuple(PRESETS))
    vetting = Vetting.from_dict(exclude) if isinstance(exclude, Mapping) else exclude
    seed_repr = rng if isinstance(rng, (int, type(None))) else repr(rng)
    generator = check_rng(rng)
    feature_rng, sampler_rng = generator.spawn(2)

    tgt = as_target(target, caller=caller)
    w = tgt.weights(network)
    feature_weights = _resolve_weights(strategy, weights, network)
    from infnet.algorithms.reach import target_share

    share = target_share(network, w)
    elig = eligibility(
        network, kind=kind, audience=audience, degree_band=degree_band, band_scope=band_scope,
        target_share=share, min_target_share=min_target_share, vetting=vetting,
    )

    names = list(feature_weights)
    context = FeatureContext(w=w, rng=feature_rng, options={"hops": hops},
                             cache={"target_share": share})  # computed once, for both uses
    X, feats, ctx = build_features(network, names, context=context)
    Z = normalize(
        X,
        higher_is_better=[f.higher_is_better for f in feats],
        method=normalization,  # type: ignore[arg-type]
        mask=elig.eligible if elig.eligible.any() else None,
    )
    scores, contrib = score(Z, [feature_weights[f.name] for f in feats])

    kinds = network.attribute("kind") if "kind" in network.actors.columns else None
    orgs = network.codes("organisation")[0] if "organisation" in network.actors.columns else None
    if max_per_organisation is not None and orgs is None:
        msg = "`max_per_organisation` of rank_influentials needs an 'organisation' actor column."
        raise InvalidParameterError(msg)
    costs = None
    if budget is not None:
        if cost is None:
            msg = "`budget` of rank_influentials needs `cost`, the actor column of costs."
            raise InvalidParameterError(msg)
        costs = resolve_feature(cost, network).compute(network, ctx)
        if not (np.isfinite(costs) & (costs >= 0)).all():
            msg = f"Actor column {cost!r} (cost) must be finite and >= 0 for every actor."
            raise InvalidParameterError(msg)
    order = stable_order(scores, network)
    theta = None
    if complementary:
        result = diffusion.imm(
            network, w, k, model=model, transmissibility=transmissibility,  # type: ignore[arg-type]
            candidates=elig.eligible, epsilon=epsilon, rng=sampler_rng,
        )
        sampler = result.sampler
        theta = int(result.theta)
        constrained = quota or max_per_organisation is not None or budget is not None
        if constrained:
            picked, gains = _constrained_select(
                sampler, k, elig.eligible, kinds=kinds, quota=quota, organisations=orgs,
                max_per_organisation=max_per_organisation, cost=costs, budget=budget,
            )
        else:
            picked = np.asarray(result.selected, dtype=np.int64)
            gains = np.asarray(result.gains, dtype=np.float64)
        if picked.size < k and budget is None:
            # greedy stops when no allowed actor adds reach on the sample; fill the
            # remaining places by score, with a marginal gain of 0
            open_ = elig.eligible.copy()
            open_[picked] = False
            more = order[open_[order]]
            extra = _admissible(more, picked, k, kinds, quota, orgs, max_per_organisation)
            picked = np.concatenate([picked, extra])
            gains = np.concatenate([gains, np.zeros(extra.size)])
    else:
        sampler = diffusion.RRSampler(
            model, transmissibility=transmissibility, n_sets=n_sets, rng=sampler_rng  # type: ignore[arg-type]
        ).fit(network, w)
        picked = top_k(
            order, elig.eligible, k, kinds=kinds, quota=quota, organisations=orgs,
            max_per_organisation=max_per_organisation, cost=costs, budget=budget,
        )
        gains = _prefix_gains(sampler, picked)
    if picked.size < k:
        import warnings

        warnings.warn(
            f"rank_influentials could shortlist only {picked.size} actors for k={k} "
            "(eligibility, quotas or budget); see df.attrs['exclusions'] for why others "
            "were excluded.",
            InfnetWarning,
            stacklevel=2,
        )

    excluded_rows = _excluded_rows(order, scores, elig, picked, k, show_excluded)
    rows = np.concatenate([picked, excluded_rows]).astype(np.int64)
    df = _frame(
        network, rows, picked.size, scores, contrib, X, feats, elig, ctx, w, hops, gains, share
    )
    df.attrs.update(
        {
            "infnet_version": _version(),
            "seed": seed_repr,
            "parameters": {
                "k": k, "kind": kind, "strategy": strategy if weights is None else "custom",
                "normalization": normalization,
                "audience": None if audience is None else list(audience),
                "degree_band": None if degree_band is None else list(degree_band),
                "band_scope": band_scope, "min_target_share": min_target_share,
                "quota": None if quota is None else dict(quota),
                "max_per_organisation": max_per_organisation, "cost": cost, "budget": budget,
                "complementary": complementary, "hops": hops, "model": model,
                "transmissibility": transmissibility, "n_sets": n_sets, "epsilon": epsilon,
                "show_excluded": show_excluded,
            },
            "weights": feature_weights,
            "target": tgt.to_dict(),
            "target_summary": tgt.summary(network),
            "n_actors": network.n_actors,
            "n_in_scope": int(elig.in_scope.sum()),
            "n_eligible": int(elig.eligible.sum()),
            "exclusions": elig.counts(),
            "expected_reach": float(sampler.estimate(picked)) if picked.size else 0.0,
            "target_value": float(w.sum()),
            "rr_sets": theta if theta is not None else n_sets,
            "seconds": round(time.perf_counter() - t0, 3),
        }
    )
    return df


def _constrained_select(
    sampler: diffusion.RRSampler,
    k: int,
    candidates: np.ndarray,
    *,
    kinds: np.ndarray | None,
    quota: Mapping[str, int] | None,
    organisations: np.ndarray | None,
    max_per_organisation: int | None,
    cost: np.ndarray | None,
    budget: float | None,
) -> tuple[np.ndarray, np.ndarray]:
    """Greedy complementary selection under kind quotas and per-organisation caps.

    Runs the sampler's greedy; at the first pick that breaks a quota or cap, the rest
    of that kind / organisation is excluded and the greedy re-run. Greedy is
    deterministic and excluding actors it had not picked yet leaves the earlier picks
    unchanged, so each re-run fixes one constraint: at most one re-run per saturated
    kind or organisation.
    """
    if quota and kinds is None:
        msg = "`quota` of rank_influentials needs a 'kind' actor column."
        raise InvalidParameterError(msg)
    allowed = candidates.copy()
    if quota:
        allowed &= np.isin(kinds, list(quota))  # type: ignore[arg-type]
    if cost is not None and budget is not None:
        cost = np.maximum(cost, 1e-12)  # the greedy needs positive costs
    while True:
        picked, gains = sampler.select(k, candidates=allowed, cost=cost, budget=budget)
        per_kind: dict[Any, int] = {}
        per_org: dict[int, int] = {}
        block: np.ndarray | None = None
        kept = picked
        for i, a in enumerate(picked.tolist()):
            kept = picked[:i]
            if quota and kinds is not None:
                kk = kinds[a]
                if per_kind.get(kk, 0) >= int(quota.get(kk, 0)):
                    block = kinds == kk
                    break
                per_kind[kk] = per_kind.get(kk, 0) + 1
            if max_per_organisation is not None and organisations is not None and organisations[a] >= 0:
                o = int(organisations[a])
                if per_org.get(o, 0) >= max_per_organisation:
                    block = organisations == o
                    break
                per_org[o] = per_org.get(o, 0) + 1
        if block is None:
            return picked, gains
        block[kept] = False
        allowed &= ~block


def _admissible(
    candidates: np.ndarray,
    picked: np.ndarray,
    k: int,
    kinds: np.ndarray | None,
    quota: Mapping[str, int] | None,
    organisations: np.ndarray | None,
    max_per_organisation: int | None,
) -> np.ndarray:
    """Candidates (in order) that can join `picked` without breaking quotas or caps."""
    per_kind: dict[Any, int] = {}
    per_org: dict[int, int] = {}
    for a in picked.tolist():
        if kinds is not None:
            per_kind[kinds[a]] = per_kind.get(kinds[a], 0) + 1
        if organisations is not None:
            per_org[int(organisations[a])] = per_org.get(int(organisations[a]), 0) + 1
    out: list[int] = []
    for a in candidates.tolist():  # stops after k - len(picked) additions
        if len(out) + picked.size >= k:
            break
        if quota and kinds is not None and per_kind.get(kinds[a], 0) >= int(quota.get(kinds[a], 0)):
            continue
        o = -1 if organisations is None else int(organisations[a])
        if max_per_organisation is not None and o >= 0 and per_org.get(o, 0) >= max_per_organisation:
            continue
        out.append(a)
        if kinds is not None:
            per_kind[kinds[a]] = per_kind.get(kinds[a], 0) + 1
        per_org[o] = per_org.get(o, 0) + 1
    return np.asarray(out, dtype=np.int64)


def _prefix_gains(sampler: diffusion.RRSampler, picked: np.ndarray) -> np.ndarray:
    """Marginal expected reach of each pick given the picks before it."""
    gains = np.empty(picked.size)
    previous = 0.0
    for i in range(picked.size):  # k estimates, not a loop over actors
        current = float(sampler.estimate(picked[: i + 1]))
        gains[i] = current - previous
        previous = current
    return gains


def _excluded_rows(
    order: np.ndarray, scores: np.ndarray, elig: Any, picked: np.ndarray, k: int,
    show: str,
) -> np.ndarray:
    if show == "none":
        return np.empty(0, dtype=np.int64)
    shown = order[(~elig.eligible[order]) & elig.in_scope[order]]
    if show == "all":
        return np.asarray(shown, dtype=np.int64)
    floor = scores[picked].min() if picked.size else -np.inf
    return np.asarray(shown[scores[shown] >= floor][:k], dtype=np.int64)


def _frame(
    network: Network,
    rows: np.ndarray,
    n_picked: int,
    scores: np.ndarray,
    contrib: np.ndarray,
    X: np.ndarray,
    feats: list[Any],
    elig: Any,
    ctx: Any,
    w: np.ndarray,
    hops: int,
    gains: np.ndarray,
    share: np.ndarray,
) -> pd.DataFrame:
    ids = network.actor_ids
    actors = network.actors

    def col(name: str) -> Any:
        if name in actors.columns:
            return actors[name].to_numpy()[rows]
        return np.full(rows.size, None, dtype=object)

    from infnet.algorithms import reach

    raw = {f.name: X[:, j] for j, f in enumerate(feats)}
    direct = raw["direct_reach"] if "direct_reach" in raw else reach.direct_reach(network, w)
    share = np.nan_to_num(share, nan=0.0)
    reach_k = raw.get("reach_2hop")
    if reach_k is None:
        reach_k = FEATURES["reach_2hop"].compute(network, ctx)
    wp = warm_paths_of(network, ctx)
    introducer: list[Any] = [None] * rows.size
    path_text: list[Any] = [None] * rows.size
    wp_strength = np.full(rows.size, np.nan)
    kinds = col("kind")
    if wp is not None:
        for i, r in enumerate(rows.tolist()):
            if kinds[i] == "internal" or wp.introducer[r] < 0:
                continue
            introducer[i] = ids[wp.introducer[r]]
            path_text[i] = " > ".join(str(ids[p]) for p in wp.path(r))
            wp_strength[i] = wp.strength[r]
    roles = _bridging_roles(network, rows, ctx.cache)
    reasons_excl = elig.reasons(rows)
    reasons = []
    for i, r in enumerate(rows.tolist()):
        if i >= n_picked:
            reasons.append("excluded: " + reasons_excl[i])
            continue
        row_raw = {f.name: float(X[r, j]) for j, f in enumerate(feats)}
        row_raw["target_share"] = float(share[r])
        reasons.append(
            _reason(r, contrib[r], feats, row_raw, None if introducer[i] is None else str(introducer[i]),
                    float(wp_strength[i]) if np.isfinite(wp_strength[i]) else 0.0)
        )
    rank = pd.array([*range(1, n_picked + 1), *([pd.NA] * (rows.size - n_picked))], dtype="Int64")
    marginal = np.full(rows.size, np.nan)
    marginal[:n_picked] = gains[:n_picked]
    data: dict[str, Any] = {
        "rank": rank,
        "actor": ids.take(rows).to_numpy(),
        "kind": kinds,
        "organisation": col("organisation"),
        "segment": col("segment"),
        "audience": col("audience"),
        "score": scores[rows],
    }
    for j, f in enumerate(feats):
        data[f"contribution_{f.name}"] = contrib[rows, j]
    data.update(
        {
            "direct_reach": direct[rows],
            "reach_k": reach_k[rows],
            "target_share": share[rows],
            "bridging_role": roles,
            "introducer": introducer,
            "warm_path": path_text,
            "warm_path_strength": wp_strength,
            "marginal_gain": marginal,
            "excluded": np.arange(rows.size) >= n_picked,
            "reason": reasons,
        }
    )
    return pd.DataFrame(data)


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=lambda o: o.item() if hasattr(o, "item") else str(o)))


def rank_influentials_from_dict(request: Mapping[str, Any]) -> dict[str, Any]:
    """Plain-data form of :func:`rank_influentials` for services (dict in, JSON-able dict out).

    Parameters
    ----------
    request : mapping
        ``{"network": {...}, "target": {...}, <any keyword of rank_influentials>}``.
        ``network`` holds ``"ties"`` (a list of records, or a file path), optional
        ``"actors"`` (records or a path) and any keyword of
        :meth:`infnet.Network.from_frames` (``directed``, ``focal_organisation``, ...).
        ``exclude`` may be a dict of :class:`infnet.selection.Vetting` rules.

    Returns
    -------
    dict
        ``{"shortlist": [records], "excluded": [records], "attrs": {...}}``, containing
        only JSON types (NaN becomes None).

    Raises
    ------
    InvalidParameterError
        When ``network`` or ``target`` is missing, or for unknown keys (closest suggested).

    Examples
    --------
    >>> request = {
    ...     "network": {"ties": [{"source": "a", "target": "b", "strength": 0.9},
    ...                          {"source": "b", "target": "c", "strength": 0.8}],
    ...                 "actors": [{"id": "a", "segment": "x"}, {"id": "b", "segment": "y"},
    ...                            {"id": "c", "segment": "y"}]},
    ...     "target": {"segments": ["y"]}, "k": 1, "audience": None,
    ... }
    >>> out = rank_influentials_from_dict(request)
    >>> [r["actor"] for r in out["shortlist"]]
    ['a']
    """
    import inspect

    from infnet.io import read_network

    if not isinstance(request, Mapping) or "network" not in request or "target" not in request:
        msg = "rank_influentials_from_dict needs a mapping with 'network' and 'target' keys."
        raise InvalidParameterError(msg)
    allowed = set(inspect.signature(rank_influentials).parameters) - {"network", "target"}
    for key in request:
        if key not in allowed | {"network", "target"}:
            msg = f"Unknown request key {key!r}.{closest(key, sorted(allowed))}"
            raise InvalidParameterError(msg)
    spec = dict(request["network"])
    ties, actors = spec.pop("ties", None), spec.pop("actors", None)
    if ties is None:
        msg = "request['network'] needs 'ties' (records or a file path)."
        raise InvalidParameterError(msg)
    if isinstance(ties, str):
        network = read_network(ties, actors, **spec)
    else:
        network = Network.from_frames(
            None if actors is None else pd.DataFrame.from_records(actors),
            pd.DataFrame.from_records(ties),
            **spec,
        )
    kwargs = {k: v for k, v in request.items() if k not in ("network", "target")}
    for band in ("audience", "degree_band"):
        if isinstance(kwargs.get(band), list):
            kwargs[band] = tuple(kwargs[band])
    df = rank_influentials(network, request["target"], **kwargs)
    records = json.loads(df.to_json(orient="records"))
    picked = [r for r in records if not r["excluded"]]
    excluded = [r for r in records if r["excluded"]]
    return {"shortlist": picked, "excluded": excluded, "attrs": _jsonable(df.attrs)}
