"""Why a shortlist is what it is: strategies side by side, and one actor in plain words.

* :func:`compare_strategies` ranks the same network and target with several
  presets and returns one table: which actors each preset picks, how much the lists
  overlap, and the expected targeted reach of each list on one common, independent
  sample of reverse-reachable sets;
* :func:`explain` says why an actor was picked (its largest contributions with
  numbers, its reach into the target, its warm path) or why not (the rule that
  excluded it, the kind it is not, or the pick it lost to).

The module shares its name with :func:`explain`, which ``infnet`` exports; so that
``infnet.explain(...)`` works whether or not the module was imported first (importing
a submodule rebinds the package attribute to the module), the module itself is
callable and calls :func:`explain`.

Examples
--------
>>> import infnet
>>> from infnet.synthetic import toy_network
>>> df = infnet.rank_influentials(toy_network(), "fintech", k=3, band=None)
>>> first = df["actor"].iloc[0]
>>> infnet.explain(df, first).startswith(f"{first} was picked: pick 1 of 3, rank 1 by score")
True
"""

from __future__ import annotations

import inspect
import sys
import types
from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from infnet._validation import check_int, check_network, check_rng, closest
from infnet.exceptions import (
    InfnetTypeError,
    InvalidParameterError,
    MissingColumnError,
    UnknownActorError,
)
from infnet.network import Network
from infnet.targets import Target, as_target

__all__ = ["compare_strategies", "explain"]

#: rank_influentials keywords that compare_strategies / explain set themselves.
_OWN = ("network", "target", "k", "strategy", "weights", "rng", "show_excluded")


def _rank_options(options: Mapping[str, Any], caller: str, *, own: Sequence[str] = _OWN) -> None:
    from infnet.ranking import rank_influentials

    accepted = [p for p in inspect.signature(rank_influentials).parameters if p not in own]
    for name in options:
        if name not in accepted:
            hint = closest(name, accepted)
            msg = (
                f"{caller} got an unexpected keyword {name!r}; it passes on to "
                f"rank_influentials only {accepted!r}.{hint}"
            )
            raise InvalidParameterError(msg)


def _picks(df: pd.DataFrame) -> pd.DataFrame:
    return df[~df["excluded"].astype(bool)]


# ------------------------------------------------------------------ compare_strategies
def compare_strategies(
    network: Network,
    target: Target | Mapping[str, Any] | str,
    strategies: Sequence[str] | None = None,
    k: int = 10,
    *,
    n_sets: int = 20_000,
    rng: Any = 0,
    **options: Any,
) -> pd.DataFrame:
    """Rank with several strategy presets and compare the shortlists in one table.

    Each preset gets its own :func:`infnet.rank_influentials` call with the same
    options and seed. The expected targeted reach of every list is then estimated on
    one common sample of `n_sets` reverse-reachable sets drawn with its own seed
    (weighted cascade), so the lists are compared on equal terms and on sets none of
    them was chosen with.

    Parameters
    ----------
    network : Network
        The network.
    target : Target, dict or str
        The target audience.
    strategies : sequence of str, FittedWeights, WeightFitter, FittedStrategy or mapping, optional
        Preset names (default: every preset of :data:`infnet.presets.PRESETS`), and
        fitted strategies (what :func:`infnet.fit_weights` returned, a fitted
        :class:`~infnet.fitting.WeightFitter` or their plain-data form), shown as
        ``fitted`` (then ``fitted_2``, ...).
    k : int, default=10
        Shortlist size.
    n_sets : int, default=20000
        Reverse-reachable sets of the common sample.
    rng : int, Generator, SeedSequence or None, default=0
        Seed of the shortlists (the same for each) and of the common sample.
    **options
        Any other keyword of :func:`infnet.rank_influentials` (``kind``, ``band``,
        ``exclude``, ``constraints``, ``cascade``, ``method``, ``hops``, ...).

    Returns
    -------
    DataFrame
        Indexed by strategy, in the order given: ``picks`` (tuple of actor ids in
        pick order), ``n_picks``, ``expected_reach`` and ``reach_stderr`` (target-value
        units, common sample), ``n_unique`` (picks no other listed strategy makes),
        ``mean_overlap`` (mean Jaccard index with the other strategies), then one
        column ``overlap_<name>`` per strategy (Jaccard index, 1 on the diagonal).
        ``df.attrs`` holds the parameters and the seed.

    Raises
    ------
    InvalidParameterError
        For an unknown strategy or keyword.
    EmptyTargetError
        When the target selects nobody.

    See Also
    --------
    infnet.plot.strategy_overlap : The overlap as a picture.

    Notes
    -----
    Cost: one shortlist per strategy plus one sample of reverse-reachable sets.
    Presets that drop a feature the network cannot give warn as
    :func:`infnet.rank_influentials` does.

    Examples
    --------
    >>> import infnet
    >>> from infnet.synthetic import toy_network
    >>> table = infnet.compare_strategies(toy_network(), "fintech",
    ...                                   strategies=["balanced", "reference"], k=3,
    ...                                   band=None, n_sets=2000)
    >>> sorted(table["picks"]["balanced"])
    ['eva', 'finn', 'gil']
    >>> table[["n_unique", "overlap_reference"]].to_dict()
    {'n_unique': {'balanced': 0, 'reference': 0}, 'overlap_reference': {'balanced': 1.0, 'reference': 1.0}}
    """
    from infnet.algorithms.diffusion import RRSampler
    from infnet.presets import PRESETS
    from infnet.ranking import rank_influentials

    caller = "compare_strategies"
    network = check_network(network, caller=caller)
    k = check_int(k, name="k", caller=caller, low=1, high=100_000)
    n_sets = check_int(n_sets, name="n_sets", caller=caller, low=100, high=10_000_000)
    _rank_options(options, caller)
    if strategies is None:
        names = list(PRESETS)
    elif isinstance(strategies, str) or not isinstance(strategies, Sequence):
        msg = (
            f"`strategies` of {caller} must be a list of preset names; got "
            f"{type(strategies).__name__}."
        )
        raise InfnetTypeError(msg)
    else:
        names = list(strategies)
    if not names:
        msg = f"`strategies` of {caller} is empty; name at least one of {list(PRESETS)!r}."
        raise InvalidParameterError(msg)
    given: dict[str, Any] = {}
    for i, name in enumerate(names):
        if not isinstance(name, str):  # a fitted strategy: "fitted", "fitted_2", ...
            from infnet.scoring import fitted_strategy

            fitted_strategy(name, caller=caller)
            n_fitted = sum(1 for g in given.values() if not isinstance(g, str))
            label = "fitted" if n_fitted == 0 else f"fitted_{n_fitted + 1}"
            given[label] = name
            names[i] = label
            continue
        if name not in PRESETS:
            msg = (
                f"`strategies` of {caller} names the unknown preset {name!r}; presets: "
                f"{list(PRESETS)!r}.{closest(name, PRESETS)}"
            )
            raise InvalidParameterError(msg)
        given[name] = name
    if len(set(names)) != len(names):
        msg = f"`strategies` of {caller} names a preset twice: {names!r}."
        raise InvalidParameterError(msg)
    tgt = as_target(target, caller=caller)
    # the shortlists use `rng` as given (the same seed for each preset); the common sample
    # a child stream none of them uses (rank_influentials spawns two)
    referee_rng = check_rng(rng).spawn(3)[2]
    picks: dict[str, tuple[Any, ...]] = {}
    for name in names:
        df = rank_influentials(
            network, tgt, k=k, strategy=given[name], show_excluded="none", rng=rng, **options,
        )
        picks[name] = tuple(_picks(df)["actor"].tolist())
    referee = RRSampler("weighted_cascade", n_sets=n_sets, rng=referee_rng).fit(
        network, tgt.weights(network))
    sets = {n: set(p) for n, p in picks.items()}

    def jaccard(a: str, b: str) -> float:
        union = sets[a] | sets[b]
        return len(sets[a] & sets[b]) / len(union) if union else 1.0

    rows: dict[str, dict[str, Any]] = {}
    for name in names:
        est = referee.estimate(network.index_of(list(picks[name])))
        others = [o for o in names if o != name]
        seen_elsewhere = set().union(*(sets[o] for o in others)) if others else set()
        rows[name] = {
            "picks": picks[name],
            "n_picks": len(picks[name]),
            "expected_reach": float(est.value),
            "reach_stderr": float(est.stderr),
            "n_unique": len(sets[name] - seen_elsewhere),
            "mean_overlap": float(np.mean([jaccard(name, o) for o in others])) if others
            else 1.0,
            **{f"overlap_{o}": jaccard(name, o) for o in names},
        }
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "strategy"
    table.attrs.update({
        "parameters": {"k": k, "n_sets": n_sets, "strategies": names,
                       **{key: repr(v) for key, v in options.items()}},
        "seed": rng if isinstance(rng, (int, type(None))) else repr(rng),
        "target": tgt.to_dict(),
    })
    return table


# ----------------------------------------------------------------------------- explain
def _fmt(v: Any, spec: str = ",.3g") -> str:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v)
    return format(f, spec) if np.isfinite(f) else "n/a"


def _missing(v: Any) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v))


def _picked_text(df: pd.DataFrame, row: pd.Series, actor: Hashable) -> list[str]:
    attrs = df.attrs
    params = attrs.get("parameters", {})
    picks = _picks(df)
    n = len(picks)
    lines = [
        f"{actor} was picked: pick {int(row['pick_order'])} of {n}, rank {int(row['rank'])} by "
        f"score (score {_fmt(row['score'], '.3f')})." if "pick_order" in row.index else
        f"{actor} was picked (score {_fmt(row['score'], '.3f')})."
    ]
    contrib = {c.removeprefix("contribution_"): float(row[c]) for c in df.columns
               if str(c).startswith("contribution_")}
    top = sorted(((v, f) for f, v in contrib.items() if v > 0), key=lambda t: (-t[0], t[1]))[:3]
    if top:
        parts = ", ".join(f"{f} {v:.3f}" for v, f in top)
        lines.append(f"Largest contributions to its score: {parts}.")
    hops = params.get("hops", 2)
    facts = []
    if "direct_reach" in row.index:
        facts.append(f"direct reach into the target {_fmt(row['direct_reach'])}")
    if "reach_k" in row.index:
        facts.append(f"target value {_fmt(row['reach_k'])} within {hops} hops")
    if "target_share" in row.index:
        facts.append(f"{_fmt(row['target_share'], '.0%')} of its tie strength goes into the "
                     "target")
    if facts:
        lines.append("In numbers: " + "; ".join(facts) + ".")
    if bool(row.get("in_target", False)):
        lines.append("It is itself in the target.")
    elif bool(row.get("bridge", False)):
        lines.append("It is a bridge: not in the target itself, but it reaches it.")
    if not _missing(row.get("warm_path")):
        lines.append(f"Warm path: {row['warm_path']} (strength "
                     f"{_fmt(row['warm_path_strength'], '.2f')}), introduced by "
                     f"{row['introducer']}.")
    elif row.get("kind") == "internal":
        lines.append("An employee: no introduction needed.")
    if not _missing(row.get("marginal_gain")):
        lines.append(f"It adds {_fmt(row['marginal_gain'])} expected target value to the picks "
                     "before it.")
    return lines


def _excluded_text(df: pd.DataFrame, row: pd.Series, actor: Hashable) -> list[str]:
    reason = str(row.get("reason", "")).removeprefix("excluded: ")
    picks = _picks(df)
    better = int((picks["score"] > row["score"]).sum())
    lines = [f"{actor} was not picked: excluded by a rule ({reason})."]
    if len(picks):
        where = ("higher than every pick" if better == 0 else
                 f"it would have ranked #{better + 1} among the picks by score")
        lines.append(f"Its score without that rule is {_fmt(row['score'], '.3f')}: {where}.")
    return lines


def _recompute(network: Network, attrs: Mapping[str, Any], options: Mapping[str, Any],
               caller: str) -> tuple[pd.DataFrame, list[str], dict[str, Any]]:
    """Rerun the shortlist's call with show_excluded="all", and return it with notes."""
    from infnet.ranking import rank_influentials

    params = dict(attrs.get("parameters", {}))
    notes: list[str] = []
    if "target" not in attrs:
        msg = (
            f"{caller}: the shortlist has no attrs['target']; pass the network instead "
            "with target=."
        )
        raise MissingColumnError(msg)
    call: dict[str, Any] = {
        key: params[key] for key in ("k", "kind", "method", "band", "constraints", "cascade",
                                     "normalization", "hops") if key in params
    }
    call["weights"] = dict(attrs.get("weights") or {}) or None
    if call["weights"] is None:
        call.pop("weights")
        call["strategy"] = params.get("strategy", "balanced")
    if "exclude" in params:
        call["exclude"] = params["exclude"]
    elif "exclude" not in options:
        notes.append("(The shortlist does not record its vetting rules; default vetting was "
                     "assumed. Pass exclude= to explain for others.)")
    seed = attrs.get("seed", 0)
    if not isinstance(seed, (int, type(None))):
        notes.append("(The run's seed was not a plain int; rng=0 was used to recompute.)")
        seed = 0
    call.update(options)
    df = rank_influentials(network, attrs["target"], rng=seed, **{**call, "show_excluded": "all"})
    return df, notes, call


def _lost_text(network: Network, df: pd.DataFrame, actor: Hashable, call: Mapping[str, Any],
               caller: str) -> list[str]:
    """Why an eligible actor is not among the picks: the pick it lost to."""
    from infnet.ranking import rank_influentials

    attrs = df.attrs
    params = attrs.get("parameters", {})
    picks = _picks(df)
    # every eligible actor's score, normalised as in the run (constraints do not change
    # scores; one RR set: gains are not needed here)
    same = {key: v for key, v in call.items()
            if key not in ("k", "method", "constraints", "cascade", "show_excluded", "rng")}
    n_eligible = int(attrs.get("n_eligible", network.n_actors))
    everyone = rank_influentials(
        network, attrs["target"], k=max(n_eligible, 1), show_excluded="none",
        cascade={"n_sets": 1}, rng=0, **same,
    )
    scored = _picks(everyone).reset_index(drop=True)
    hit = scored.index[scored["actor"] == actor]
    if hit.empty:  # pragma: no cover - eligible actors are all scored
        return [f"{actor} is eligible but could not be scored."]
    position = int(hit[0]) + 1
    score = float(scored.loc[hit[0], "score"])
    lines = [(f"{actor} was eligible but not picked: score {score:.3f}, #{position} by score "
             f"among {len(scored)} eligible actors.")]
    if not len(picks):
        return lines
    method = params.get("method", "top_k")
    last = picks.sort_values(["score", "actor"], ascending=[False, True]).iloc[-1]
    if method == "complementary":
        from infnet.algorithms.diffusion import RRSampler

        cascade = dict(params.get("cascade") or {})
        sampler = RRSampler(cascade.get("model", "weighted_cascade"),
                            n_sets=int(cascade.get("n_sets", 10_000)), rng=0,
                            transmissibility=cascade.get("transmissibility", 0.1),
                            p=cascade.get("p", 0.1))
        w = as_target(attrs["target"], caller=caller).weights(network)
        sampler.fit(network, w)
        chosen = network.index_of(picks["actor"].tolist())
        base = float(sampler.estimate(chosen))
        gain = float(sampler.estimate(np.append(chosen, network.index_of([actor])))) - base
        last_pick = picks.iloc[-1]
        lines.append(
            f"The complementary set adds, at each step, the actor who adds the most expected "
            f"reach. Added to all {len(picks)} picks, {actor} would add {gain:,.3g} expected "
            f"target value; the last pick, {last_pick['actor']}, added "
            f"{_fmt(last_pick['marginal_gain'])} to the picks before it: its reach overlaps "
            "theirs."
        )
    elif score > float(last["score"]) or (score == float(last["score"]) and position <= len(picks)):
        lines.append(
            f"Its score is above the lowest pick's ({last['actor']}, {float(last['score']):.3f}): "
            f"the constraints ({params.get('constraints')}) left no room for it."
        )
    else:
        lines.append(
            f"It lost to the {len(picks)} picks with higher scores; the lowest of them, "
            f"{last['actor']}, scored {float(last['score']):.3f}."
        )
    return lines


def explain(
    shortlist_or_network: pd.DataFrame | Network,
    actor: Hashable,
    target: Target | Mapping[str, Any] | str | None = None,
    *,
    network: Network | None = None,
    **options: Any,
) -> str:
    """Say in plain words why an actor was picked, or why not.

    For a pick: its place (pick order and rank by score), its largest contributions,
    its reach into the target with numbers, whether it is in the target or a bridge
    into it, its warm path and marginal gain. For an actor listed as excluded: the
    rule that excluded it and where its score would have placed it. For an actor the
    frame does not list (given the network): the run is recomputed with the
    parameters in ``df.attrs``, and the answer is the rule that excluded it, the kind
    the run did not rank, or the pick it lost to.

    Parameters
    ----------
    shortlist_or_network : DataFrame or Network
        A shortlist from :func:`infnet.rank_influentials`, or a network (then
        `target` is needed and the shortlist is computed with ``**options``).
    actor : hashable
        The actor id to explain.
    target : Target, dict or str, optional
        The target audience, when a network is given.
    network : Network, optional
        The shortlist's network, to explain actors the shortlist does not list.
    **options
        Keywords of :func:`infnet.rank_influentials` (``k``, ``kind``, ``strategy``,
        ``band``, ``method``, ...) when a network is given; with a shortlist, they
        override its recorded parameters (``exclude=`` is not recorded).

    Returns
    -------
    str
        A few lines of plain text.

    Raises
    ------
    UnknownActorError
        When `actor` is not in the network (or, without a network, not in the frame).
    InfnetTypeError
        When the first argument is neither a DataFrame nor a Network.
    InvalidParameterError
        For a keyword rank_influentials does not take, or a network without `target`.

    See Also
    --------
    infnet.plot.contributions : The contributions as a picture.

    Examples
    --------
    >>> import infnet
    >>> from infnet.synthetic import toy_network
    >>> net = toy_network()
    >>> df = infnet.rank_influentials(net, "fintech", k=2, kind="external",
    ...                               band=None, exclude={"competitors": ["Gamma"]})
    >>> print(infnet.explain(df, "gil").splitlines()[0])
    gil was not picked: excluded by a rule (member of a competitor organisation).
    >>> print(infnet.explain(df, "ana", network=net))
    ana is internal, and the run ranked kind='external' only.
    """
    caller = "explain"
    if isinstance(shortlist_or_network, Network):
        if network is not None:
            msg = f"{caller}: pass the network once (as the first argument or network=)."
            raise InvalidParameterError(msg)
        network = check_network(shortlist_or_network, caller=caller)
        if target is None:
            msg = f"{caller} was given a network: pass target= (the target audience) too."
            raise InvalidParameterError(msg)
        network.index_of([actor])
        _rank_options(options, caller, own=("network", "target", "show_excluded"))
        from infnet.ranking import rank_influentials

        call = {**options, "target": target}
        df = rank_influentials(network, **{**call, "show_excluded": "all"})
        return _explain_frame(df, actor, network, [], call, caller)
    if not isinstance(shortlist_or_network, pd.DataFrame):
        msg = (
            f"The first argument of {caller} must be a shortlist DataFrame or a Network; got "
            f"{type(shortlist_or_network).__name__}."
        )
        raise InfnetTypeError(msg)
    df = shortlist_or_network
    for column in ("actor", "excluded", "score"):
        if column not in df.columns:
            msg = f"The shortlist given to {caller} lacks the column {column!r}."
            raise MissingColumnError(msg)
    if target is not None:
        msg = f"{caller}: target= is for a network; the shortlist records its own target."
        raise InvalidParameterError(msg)
    _rank_options(options, caller, own=("network", "target", "show_excluded", "rng"))
    if network is not None:
        network = check_network(network, caller=caller)
        network.index_of([actor])
    if (df["actor"] == actor).any() and not options:
        return _explain_frame(df, actor, network, [], {}, caller)
    if network is None:
        msg = (
            f"Actor {actor!r} is not in the shortlist frame given to {caller} (it lists the "
            "picks and the excluded actors scoring at least the last pick); pass "
            "network= to recompute the run and explain it."
        )
        raise UnknownActorError(msg)
    kinds = network.attribute("kind") if network.has_attribute("kind") else None
    run_kind = df.attrs.get("parameters", {}).get("kind", "both")
    if kinds is not None and run_kind != "both" and "kind" not in options:
        own_kind = kinds[int(network.index_of([actor])[0])]
        if own_kind != run_kind:
            return f"{actor} is {own_kind}, and the run ranked kind={run_kind!r} only."
    full, notes, call = _recompute(network, {str(k): v for k, v in df.attrs.items()}, options,
                                   caller)
    before, after = _picks(df)["actor"].tolist(), _picks(full)["actor"].tolist()
    if before != after:
        notes.append(
            f"(Recomputed with the recorded parameters, the run picks {after!r}, not the "
            f"shortlist's {before!r}: pass to explain the options of the original call that "
            "df.attrs does not record, such as exclude=.)"
        )
    return _explain_frame(full, actor, network, notes, call, caller)


def _explain_frame(df: pd.DataFrame, actor: Hashable, network: Network | None, notes: list[str],
                   call: Mapping[str, Any], caller: str) -> str:
    rows = df[df["actor"] == actor]
    if not rows.empty:
        row = rows.iloc[0]
        lines = (_excluded_text(df, row, actor) if bool(row["excluded"])
                 else _picked_text(df, row, actor))
    elif network is None:  # pragma: no cover - callers pass a network here
        lines = [f"{actor} is not in the shortlist."]
    else:
        kinds = network.attribute("kind") if network.has_attribute("kind") else None
        run_kind = df.attrs.get("parameters", {}).get("kind", "both")
        own_kind = None if kinds is None else kinds[int(network.index_of([actor])[0])]
        if run_kind != "both" and own_kind is not None and own_kind != run_kind:
            lines = [f"{actor} is {own_kind}, and the run ranked kind={run_kind!r} only."]
        else:
            lines = _lost_text(network, df, actor, {k: v for k, v in call.items()
                                                    if k != "target"}, caller)
    return "\n".join([*lines, *notes])


class _CallableModule(types.ModuleType):
    """The module type of infnet.explain: calling it calls :func:`explain`."""

    def __call__(self, *args: Any, **kwargs: Any) -> str:
        return explain(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
