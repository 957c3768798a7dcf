"""Selection: eligibility (vetting, micro band), exclusion reasons, and top-k with quotas.

Filters become boolean masks and a per-actor bit field of exclusion reasons, so
excluded actors are reported with their reason instead of vanishing. Reason texts are
only built for the rows that are shown. :func:`top_k` picks the shortlist in a
stable order (score descending, then actor id) under quotas (internal / external
mix, at most ``m`` actors per organisation) and an optional budget.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np
import pandas as pd

from infnet._typing import BoolArray, FloatArray, IntArray
from infnet._validation import check_float, check_int, check_option, closest
from infnet.exceptions import InfnetTypeError, InvalidParameterError
from infnet.network import Network

__all__ = [
    "DEFAULT_AUDIENCE_BAND",
    "REASONS",
    "Eligibility",
    "Vetting",
    "eligibility",
    "stable_order",
    "top_k",
]

#: The default micro-influential band on ``audience`` (followers outside the network).
DEFAULT_AUDIENCE_BAND: tuple[float, float] = (1_000.0, 50_000.0)

#: Exclusion rules, one bit each, in the order their reasons are listed.
REASONS: tuple[str, ...] = (
    "audience_band",
    "degree_band",
    "target_share",
    "fake_audience",
    "sponsored",
    "competitor",
    "competitor_tie",
    "excluded_actor",
    "excluded_where",
    "excluded_predicate",
)


@dataclass(frozen=True)
class Vetting:
    """Which actors to exclude before ranking, and why.

    Parameters
    ----------
    competitors : sequence of hashable, default=()
        Competitor organisations. Their members are excluded, and so is any actor with
        a strong tie (either direction) to one of their members.
    max_fake_audience_share : float or None, default=0.25
        Exclude actors whose ``fake_audience_share`` is above this (when the column
        exists). None disables the rule.
    max_sponsored_share : float or None, default=0.5
        Exclude actors whose ``sponsored_share`` is above this. None disables it.
    actors : sequence of hashable, default=()
        Actor ids to exclude outright (already engaged, opted out, ...).
    where : str, optional
        Actor expression (see `Network.select`); matching actors are excluded.
    predicate : callable, optional
        ``predicate(network) -> ndarray of bool`` marking actors to exclude.

    Examples
    --------
    >>> Vetting.from_dict({"competitors": ["Rival"], "max_sponsored_share": 0.3})
    Vetting(competitors=('Rival',), max_fake_audience_share=0.25, max_sponsored_share=0.3, actors=(), where=None, predicate=None)
    """

    competitors: Sequence[Hashable] = ()
    max_fake_audience_share: float | None = 0.25
    max_sponsored_share: float | None = 0.5
    actors: Sequence[Hashable] = ()
    where: str | None = None
    predicate: Callable[[Network], BoolArray] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        """Validate and freeze the parameters."""
        for name in ("max_fake_audience_share", "max_sponsored_share"):
            v = getattr(self, name)
            if v is not None:
                check_float(v, name=name, caller="Vetting", low=0.0, high=1.0)
        for name in ("competitors", "actors"):
            v = getattr(self, name)
            if isinstance(v, (str, bytes)) or not isinstance(v, Sequence):
                v = (v,) if isinstance(v, (str, bytes)) else tuple(v)
            object.__setattr__(self, name, tuple(v))
        if self.predicate is not None and not callable(self.predicate):
            msg = f"`predicate` of Vetting must be callable; got {type(self.predicate).__name__}."
            raise InfnetTypeError(msg)

    @classmethod
    def from_dict(cls, spec: Mapping[str, Any]) -> Vetting:
        """Build from plain data (JSON), rejecting unknown keys.

        Parameters
        ----------
        spec : mapping
            Keys among the constructor's parameters.

        Returns
        -------
        Vetting
            The vetting rules.

        Raises
        ------
        InvalidParameterError
            For an unknown key (the closest is suggested).
        """
        names = [f.name for f in fields(cls)]
        for key in spec:
            if key not in names:
                msg = f"Unknown vetting rule {key!r}.{closest(key, names)} Known: {names!r}."
                raise InvalidParameterError(msg)
        return cls(**dict(spec))


@dataclass(frozen=True)
class Eligibility:
    """The result of applying filters: who may be shortlisted, and why not.

    Parameters
    ----------
    eligible : ndarray of bool of shape (n_actors,)
        True for actors that pass every rule (scope included).
    in_scope : ndarray of bool of shape (n_actors,)
        True for actors of the requested kind (scope is not an exclusion).
    flags : ndarray of int64 of shape (n_actors,)
        Bit ``i`` set when rule ``REASONS[i]`` excludes the actor.
    texts : tuple of str
        Reason text of each rule, aligned with `REASONS`.
    """

    eligible: BoolArray
    in_scope: BoolArray
    flags: IntArray
    texts: tuple[str, ...]

    def reasons(self, rows: IntArray) -> list[str]:
        """Return the exclusion reasons of the given actors ("" when eligible)."""
        out = []
        for f in self.flags[rows].tolist():
            out.append("; ".join(t for i, t in enumerate(self.texts) if f >> i & 1))
        return out

    def counts(self) -> dict[str, int]:
        """Count the in-scope actors excluded by each rule (an actor may count twice)."""
        scoped = self.flags[self.in_scope]
        return {
            name: int(np.count_nonzero(scoped >> i & 1))
            for i, name in enumerate(REASONS)
            if np.any(scoped >> i & 1)
        }


def _numeric(network: Network, column: str) -> FloatArray:
    return np.asarray(pd.to_numeric(network.actors[column], errors="coerce"), dtype=np.float64)


def eligibility(
    network: Network,
    *,
    kind: str = "both",
    audience: tuple[float, float] | None = DEFAULT_AUDIENCE_BAND,
    degree_band: tuple[float, float] | None = None,
    band_scope: str = "external",
    target_share: FloatArray | None = None,
    min_target_share: float | None = None,
    vetting: Vetting | None = None,
) -> Eligibility:
    """Apply scope, micro-influential band and vetting rules.

    Parameters
    ----------
    network : Network
        The network.
    kind : {"both", "internal", "external"}, default="both"
        Scope: which actors may be shortlisted (needs a ``kind`` column unless "both").
    audience : tuple of float or None, default=(1000, 50000)
        Micro band on the ``audience`` column, inclusive. Actors whose audience is
        unknown (NaN), or every actor when the column is absent, fall back to the
        in-network degree band. None disables both bands.
    degree_band : tuple of float, optional
        Band on in-degree (followers inside the network) used where audience is
        unknown. Default: from 1 to the 99th percentile of in-degree, so the top 1%
        of hubs count as macro accounts and actors nobody follows are not influentials.
    band_scope : {"external", "all"}, default="external"
        Whom the bands apply to. By default only external actors: employees are
        reached through employee advocacy whatever their follower count, and most
        have small audiences. Without a ``kind`` column the bands apply to everyone.
        The target-share floor has the same scope.
    target_share : ndarray of shape (n_actors,), optional
        Each actor's target share (see :func:`infnet.algorithms.reach.target_share`);
        NaN (no out-ties) counts as 0.
    min_target_share : float, optional
        Micro-influentials have most of their audience in the target: exclude actors
        whose target share is below this. Needs `target_share`.
    vetting : Vetting, optional
        Exclusion rules; ``Vetting()`` (default thresholds) when None.

    Returns
    -------
    Eligibility
        Masks, reason flags and texts.

    Raises
    ------
    InvalidParameterError
        For an unknown `kind`, a band with low > high, or ``kind`` scoping without a
        ``kind`` column.

    Notes
    -----
    O(n_actors) for the masks, plus O(n_ties) for competitor ties.

    Examples
    --------
    >>> from infnet.synthetic import toy_network
    >>> e = eligibility(toy_network(), kind="external")
    >>> int(e.eligible.sum()), e.counts()
    (4, {'audience_band': 2})
    """
    caller = "rank_influentials"
    vetting = Vetting() if vetting is None else vetting
    if not isinstance(vetting, Vetting):
        msg = f"`exclude` of {caller} must be a Vetting or a dict; got {type(vetting).__name__}."
        raise InfnetTypeError(msg)
    n = network.n_actors
    cols = network.actors.columns
    if kind not in ("both", "internal", "external"):
        msg = f"`kind` of {caller} must be one of ['both', 'internal', 'external']; got {kind!r}.{closest(kind, ['both', 'internal', 'external'])}"
        raise InvalidParameterError(msg)
    if kind == "both":
        in_scope = np.ones(n, dtype=bool)
    else:
        if "kind" not in cols:
            msg = (
                f"`kind={kind!r}` of {caller} needs a 'kind' actor column; build the network "
                "with focal_organisation=... to derive it."
            )
            raise InvalidParameterError(msg)
        in_scope = network.attribute("kind") == kind
    flags = np.zeros(n, dtype=np.int64)
    texts = list(REASONS)

    def flag(name: str, mask: BoolArray, text: str) -> None:
        i = REASONS.index(name)
        flags[np.asarray(mask, dtype=bool)] |= 1 << i
        texts[i] = text

    check_option(band_scope, name="band_scope", caller=caller, options=("external", "all"))
    banded = (
        network.attribute("kind") == "external"
        if band_scope == "external" and "kind" in cols
        else np.ones(n, dtype=bool)
    )
    need_degree = np.zeros(n, dtype=bool)
    if audience is not None:
        lo, hi = _band(audience, "audience")
        if "audience" in cols:
            aud = _numeric(network, "audience")
            known = np.isfinite(aud)
            flag("audience_band", banded & known & ((aud < lo) | (aud > hi)),
                 f"audience outside the micro band [{lo:,.0f}, {hi:,.0f}]")
            need_degree = banded & ~known
        else:
            need_degree = banded.copy()
        if need_degree.any():
            indeg = network.in_degree()
            if degree_band is None:
                dlo, dhi = 1.0, float(np.percentile(indeg, 99)) if n else 0.0
                dhi = max(dhi, dlo)
            else:
                dlo, dhi = _band(degree_band, "degree_band")
            flag("degree_band", need_degree & ((indeg < dlo) | (indeg > dhi)),
                 f"in-network followers outside the micro band [{dlo:g}, {dhi:g}] (audience unknown)")
    if min_target_share is not None and target_share is not None:
        t = check_float(min_target_share, name="min_target_share", caller=caller, low=0.0, high=1.0)
        share = np.nan_to_num(np.asarray(target_share, dtype=np.float64), nan=0.0)
        flag("target_share", banded & (share < t),
             f"less than {t:.0%} of tie strength goes into the target")
    if vetting.max_fake_audience_share is not None and "fake_audience_share" in cols:
        t = vetting.max_fake_audience_share
        flag("fake_audience", _numeric(network, "fake_audience_share") > t,
             f"fake audience share above {t:g}")
    if vetting.max_sponsored_share is not None and "sponsored_share" in cols:
        t = vetting.max_sponsored_share
        flag("sponsored", _numeric(network, "sponsored_share") > t,
             f"sponsored content share above {t:g}")
    if vetting.competitors:
        if "organisation" not in cols:
            msg = "`competitors` vetting needs an 'organisation' actor column."
            raise InvalidParameterError(msg)
        orgs = network.actors["organisation"]
        known_orgs = set(pd.unique(orgs.dropna()).tolist())
        unknown = [c for c in vetting.competitors if c not in known_orgs]
        if unknown:
            msg = (
                f"Competitor organisations {unknown!r} are not in the network."
                f"{closest(unknown[0], known_orgs)}"
            )
            raise InvalidParameterError(msg)
        member = orgs.isin(list(vetting.competitors)).to_numpy()
        flag("competitor", member, "member of a competitor organisation")
        s = network.strength
        strong = network.strong()
        src = np.repeat(np.arange(n), np.diff(s.indptr))
        dst = s.indices
        tied = np.zeros(n, dtype=bool)
        sel = strong & member[dst]
        tied[src[sel]] = True
        sel = strong & member[src]
        tied[dst[sel]] = True
        flag("competitor_tie", tied & ~member, "strong tie to a competitor organisation")
    if vetting.actors:
        flag("excluded_actor", np.isin(np.arange(n), network.index_of(list(vetting.actors))),
             "excluded by the caller")
    if vetting.where is not None:
        flag("excluded_where", network.select(vetting.where), f"matches exclusion {vetting.where!r}")
    if vetting.predicate is not None:
        mask = np.asarray(vetting.predicate(network))
        if mask.shape != (n,) or mask.dtype != np.bool_:
            msg = f"The vetting predicate must return a boolean array of shape ({n},); got {mask.dtype} {mask.shape}."
            raise InvalidParameterError(msg)
        flag("excluded_predicate", mask, "excluded by the caller's predicate")
    eligible = in_scope & (flags == 0)
    return Eligibility(eligible=eligible, in_scope=in_scope, flags=flags, texts=tuple(texts))


def _band(band: Sequence[float], name: str) -> tuple[float, float]:
    if not isinstance(band, Sequence) or len(band) != 2:
        msg = f"`{name}` of rank_influentials must be a (low, high) pair or None; got {band!r}."
        raise InvalidParameterError(msg)
    lo = check_float(band[0], name=f"{name}[0]", caller="rank_influentials", low=0.0)
    hi = check_float(band[1], name=f"{name}[1]", caller="rank_influentials", low=0.0)
    if lo > hi:
        msg = f"`{name}` of rank_influentials must have low <= high; got {tuple(band)!r}."
        raise InvalidParameterError(msg)
    return lo, hi


def stable_order(scores: FloatArray, network: Network) -> IntArray:
    """Order actors by score descending, ties broken by actor id ascending.

    Parameters
    ----------
    scores : ndarray of shape (n_actors,)
        Scores; NaN sorts last.
    network : Network
        Supplies the actor ids for tie-breaking.

    Returns
    -------
    ndarray of int64 of shape (n_actors,)
        Actor positions, best first. Independent of the actors' storage order.

    Examples
    --------
    >>> import numpy as np
    >>> from infnet import Network
    >>> net = Network.from_edges([("b", "a"), ("c", "a")])
    >>> stable_order(np.array([1.0, 2.0, 2.0]), net).tolist()
    [1, 2, 0]
    """
    ids = network.actor_ids
    try:
        id_rank = np.argsort(np.argsort(ids.to_numpy(), kind="stable"), kind="stable")
    except TypeError:
        id_rank = np.argsort(np.argsort(ids.astype(str).to_numpy(), kind="stable"), kind="stable")
    key = np.where(np.isnan(scores), -np.inf, scores)
    return np.lexsort((id_rank, -key)).astype(np.int64)


def top_k(
    order: IntArray,
    eligible: BoolArray,
    k: int,
    *,
    kinds: np.ndarray | None = None,
    quota: Mapping[str, int] | None = None,
    organisations: IntArray | None = None,
    max_per_organisation: int | None = None,
    cost: FloatArray | None = None,
    budget: float | None = None,
) -> IntArray:
    """Pick up to `k` eligible actors in `order` under quotas and a budget.

    Parameters
    ----------
    order : ndarray of int64
        Actor positions, best first (see `stable_order`).
    eligible : ndarray of bool of shape (n_actors,)
        Actors that may be picked.
    k : int
        Shortlist size.
    kinds : ndarray of str of shape (n_actors,), optional
        Actor kinds, needed by `quota`.
    quota : mapping of str to int, optional
        Maximum number of picks per kind, e.g. ``{"internal": 5, "external": 15}``.
    organisations : ndarray of int64 of shape (n_actors,), optional
        Organisation codes (-1 = unknown, never capped), needed by
        `max_per_organisation`.
    max_per_organisation : int, optional
        At most this many picks from one organisation.
    cost : ndarray of shape (n_actors,), optional
        Cost of each actor, needed by `budget`.
    budget : float, optional
        Total cost allowed; an actor that does not fit is skipped (greedy by order).

    Returns
    -------
    ndarray of int64
        Picked positions, in pick order.

    Examples
    --------
    >>> import numpy as np
    >>> order = np.array([0, 1, 2, 3])
    >>> orgs = np.array([7, 7, 8, 8])
    >>> top_k(order, np.ones(4, bool), 3, organisations=orgs, max_per_organisation=1).tolist()
    [0, 2]
    """
    k = check_int(k, name="k", caller="rank_influentials", low=0)
    cand = order[eligible[order]]
    if organisations is not None and max_per_organisation is not None:
        org = organisations[cand]
        # rank of each candidate within its organisation, in order (vectorised cumcount)
        srt = np.argsort(org, kind="stable")
        grp = org[srt]
        starts = np.r_[0, np.flatnonzero(grp[1:] != grp[:-1]) + 1]
        within = np.arange(grp.size) - np.repeat(starts, np.diff(np.r_[starts, grp.size]))
        rank_in_org = np.empty_like(within)
        rank_in_org[srt] = within
        cand = cand[(rank_in_org < max_per_organisation) | (org < 0)]
    if quota:
        if kinds is None:
            msg = "`quota` of rank_influentials needs a 'kind' actor column."
            raise InvalidParameterError(msg)
        keep = np.zeros(cand.size, dtype=bool)
        kc = kinds[cand]
        for kname, q in quota.items():
            idx = np.flatnonzero(kc == kname)[: check_int(q, name=f"quota[{kname!r}]", caller="rank_influentials", low=0)]
            keep[idx] = True
        cand = cand[keep]
    if budget is not None and cost is not None:
        picked: list[int] = []
        spent = 0.0
        for i in cand.tolist():  # sequential by nature; stops at k picks
            c = float(cost[i])
            if spent + c <= budget:
                picked.append(i)
                spent += c
                if len(picked) == k:
                    break
        return np.asarray(picked, dtype=np.int64)
    return cand[:k].astype(np.int64)
