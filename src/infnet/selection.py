"""The *select* stage: eligibility rules, and one set of constraints for every method.

**Eligibility.** Each rule is an object with ``apply(network, inputs) -> [Flag]``; one
loop (:func:`apply_rules`) applies them all and keeps a per-actor bit field of
exclusion reasons, so excluded actors are reported with their reason instead of
vanishing. The rules of a run come from :class:`infnet.options.MicroBand` (micro band,
target-share floor) and :class:`Vetting` (competitors, fake audiences, sponsored
content, explicit actors, an expression, a predicate). A new vetting rule is one
class with an ``apply`` method, listed in :meth:`Vetting.rules`.

**Constraints.** :class:`Limits` binds :class:`infnet.options.Constraints` (kind
quotas, per-organisation caps, a budget) to a network, and its one
:meth:`Limits.admissible` decides every pick: the top-k walk (:func:`top_k`), the
complementary greedy (:func:`complementary_set`) and the back-fill after it.

Examples
--------
>>> from infnet.synthetic import toy_network
>>> e = eligibility(toy_network(), kind="external")
>>> int(e.eligible.sum()), e.counts()
(4, {'audience_band': 2})
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any, Protocol

import numpy as np
import pandas as pd

from infnet._typing import BoolArray, FloatArray, IntArray
from infnet._validation import check_float, check_int, check_option, closest
from infnet.algorithms import diffusion
from infnet.exceptions import InfnetTypeError, InvalidParameterError
from infnet.network import Network
from infnet.options import DEFAULT_AUDIENCE_BAND, Cascade, Constraints, MicroBand

__all__ = [
    "DEFAULT_AUDIENCE_BAND",
    "REASONS",
    "Eligibility",
    "Flag",
    "Limits",
    "Rule",
    "Selection",
    "Vetting",
    "apply_band_and_vetting",
    "apply_rules",
    "complementary_set",
    "eligibility",
    "relaxed_share_floor",
    "select_shortlist",
    "stable_order",
    "top_k",
]

#: Exclusion reasons of the built-in rules, in the order reasons are listed.
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


# ----------------------------------------------------------------------------- rules
@dataclass(frozen=True)
class Flag:
    """Actors one rule excludes, and why.

    Parameters
    ----------
    reason : str
        Key of the reason (one of :data:`REASONS` for the built-in rules).
    mask : ndarray of bool of shape (n_actors,)
        The excluded actors.
    text : str
        The reason as a shortlist reads it.
    """

    reason: str
    mask: BoolArray
    text: str


@dataclass(frozen=True)
class RuleInputs:
    """What rules may read besides the network.

    Parameters
    ----------
    banded : ndarray of bool of shape (n_actors,)
        Actors the micro band and share floor apply to.
    target_share : ndarray of shape (n_actors,) or None
        Each actor's target share (NaN: no out-ties).
    caller : str
        The public function named in errors.
    notes : list of str
        What rules had to assume (a fallback band), reported in ``df.attrs["notes"]``.
    """

    banded: BoolArray
    target_share: FloatArray | None
    caller: str
    notes: list[str] = field(default_factory=list)


class Rule(Protocol):
    """An eligibility rule: ``apply(network, inputs)`` returns the actors it excludes."""

    def apply(self, network: Network, inputs: RuleInputs) -> list[Flag]:
        """Return the exclusions this rule finds (possibly none).

        Parameters
        ----------
        network : Network
            The network whose actors are vetted.
        inputs : RuleInputs
            The band mask, the target shares and the caller named in errors.

        Returns
        -------
        list of Flag
            One flag per reason the rule applies; an empty list when it excludes no one
            (or does not apply).
        """
        ...  # pragma: no cover


def _numeric(network: Network, column: str) -> FloatArray:
    return np.asarray(pd.to_numeric(pd.Series(network.attribute(column)), errors="coerce"),
                      dtype=np.float64)


@dataclass(frozen=True)
class BandRule:
    """Micro band on audience, with the in-network degree band where it is unknown."""

    audience: tuple[float, float]
    degree: tuple[float, float] | None

    def apply(self, network: Network, inputs: RuleInputs) -> list[Flag]:
        """Flag actors outside the band.

        Parameters
        ----------
        network : Network
            The network whose actors are vetted.
        inputs : RuleInputs
            ``inputs.banded`` selects the actors the band applies to.

        Returns
        -------
        list of Flag
            ``audience_band`` for actors whose known audience lies outside
            `audience`, and ``degree_band`` for those of unknown audience whose
            in-degree lies outside `degree` (default: from 1 to the 99th percentile).
        """
        lo, hi = self.audience
        out = []
        banded = inputs.banded
        if network.has_attribute("audience"):
            aud = _numeric(network, "audience")
            known = np.isfinite(aud)
            out.append(Flag("audience_band", banded & known & ((aud < lo) | (aud > hi)),
                            f"audience outside the micro band [{lo:,.0f}, {hi:,.0f}]"))
            need_degree = banded & ~known
        else:
            need_degree = banded.copy()
        if need_degree.any():
            indeg = network.in_degree()
            if self.degree is None:
                dlo = 1.0
                dhi = max(dlo, float(np.percentile(indeg, 99)) if network.n_actors else 0.0)
            else:
                dlo, dhi = self.degree
            inputs.notes.append(
                f"{int(need_degree.sum())} actors have no known audience: their micro band is "
                f"the in-network degree band [{dlo:g}, {dhi:g}] (followers inside the network)"
            )
            out.append(Flag(
                "degree_band", need_degree & ((indeg < dlo) | (indeg > dhi)),
                f"in-network followers outside the micro band [{dlo:g}, {dhi:g}] "
                "(audience unknown)",
            ))
        return out


@dataclass(frozen=True)
class ShareFloorRule:
    """Exclude actors with less than `min_share` of tie strength going into the target."""

    min_share: float

    def apply(self, network: Network, inputs: RuleInputs) -> list[Flag]:
        """Flag actors below the floor.

        Parameters
        ----------
        network : Network
            The network whose actors are vetted.
        inputs : RuleInputs
            ``inputs.banded`` selects the actors the floor applies to;
            ``inputs.target_share`` is read (NaN, no out-ties, counts as 0).

        Returns
        -------
        list of Flag
            One ``target_share`` flag, or an empty list when no target shares were
            computed.
        """
        if inputs.target_share is None:
            return []
        share = np.nan_to_num(np.asarray(inputs.target_share, dtype=np.float64), nan=0.0)
        return [Flag("target_share", inputs.banded & (share < self.min_share),
                     f"less than {self.min_share:.0%} of tie strength goes into the target")]


@dataclass(frozen=True)
class ThresholdRule:
    """Exclude actors whose numeric `column` is above `threshold` (when the column exists)."""

    reason: str
    column: str
    threshold: float
    label: str

    def apply(self, network: Network, inputs: RuleInputs) -> list[Flag]:
        """Flag actors above the threshold.

        Parameters
        ----------
        network : Network
            The network whose actors are vetted.
        inputs : RuleInputs
            Not read: the rule depends only on the actor column.

        Returns
        -------
        list of Flag
            One flag with this rule's `reason` for actors whose `column` (read as
            numbers; non-numeric values never exceed) is above `threshold`, or an empty
            list when the network has no such column.
        """
        if not network.has_attribute(self.column):
            return []
        return [Flag(self.reason, _numeric(network, self.column) > self.threshold,
                     f"{self.label} above {self.threshold:g}")]


@dataclass(frozen=True)
class CompetitorRule:
    """Exclude competitors' members and actors with a strong tie (either way) to them."""

    competitors: tuple[Hashable, ...]

    def apply(self, network: Network, inputs: RuleInputs) -> list[Flag]:
        """Flag members of and strong ties to the competitors.

        Parameters
        ----------
        network : Network
            The network whose actors are vetted.
        inputs : RuleInputs
            ``inputs.caller`` is named in errors.

        Returns
        -------
        list of Flag
            ``competitor`` for members of the competitor organisations and
            ``competitor_tie`` for other actors with a strong tie to or from a member.

        Raises
        ------
        InvalidParameterError
            When the network has no ``organisation`` actor column, or a competitor is
            not one of its organisations.
        """
        if not network.has_attribute("organisation"):
            msg = f"`competitors` vetting of {inputs.caller} needs an 'organisation' actor column."
            raise InvalidParameterError(msg)
        orgs = pd.Series(network.attribute("organisation"))
        known = set(pd.unique(orgs.dropna()).tolist())
        unknown = [c for c in self.competitors if c not in known]
        if unknown:
            msg = (
                f"Competitor organisations {unknown!r} of {inputs.caller} are not in the network."
                f"{closest(unknown[0], known)}"
            )
            raise InvalidParameterError(msg)
        member = orgs.isin(list(self.competitors)).to_numpy()
        s = network.strength
        strong = network.strong()
        src = np.repeat(np.arange(network.n_actors), np.diff(s.indptr))
        dst = s.indices
        tied = np.zeros(network.n_actors, dtype=bool)
        tied[src[strong & member[dst]]] = True
        tied[dst[strong & member[src]]] = True
        return [Flag("competitor", member, "member of a competitor organisation"),
                Flag("competitor_tie", tied & ~member, "strong tie to a competitor organisation")]


@dataclass(frozen=True)
class ActorsRule:
    """Exclude named actors (already engaged, opted out, ...)."""

    actors: tuple[Hashable, ...]

    def apply(self, network: Network, inputs: RuleInputs) -> list[Flag]:
        """Flag the named actors.

        Parameters
        ----------
        network : Network
            The network whose actors are vetted.
        inputs : RuleInputs
            Not read: the rule depends only on the actor ids.

        Returns
        -------
        list of Flag
            One ``excluded_actor`` flag.

        Raises
        ------
        UnknownActorError
            When an id is not an actor of `network`.
        """
        mask = np.zeros(network.n_actors, dtype=bool)
        mask[network.index_of(list(self.actors))] = True
        return [Flag("excluded_actor", mask, "excluded by the caller")]


@dataclass(frozen=True)
class WhereRule:
    """Exclude actors matching an expression of :mod:`infnet.expressions`."""

    where: str

    def apply(self, network: Network, inputs: RuleInputs) -> list[Flag]:
        """Flag actors matching the expression.

        Parameters
        ----------
        network : Network
            The network whose actors are vetted.
        inputs : RuleInputs
            ``inputs.caller`` is named in errors about the expression.

        Returns
        -------
        list of Flag
            One ``excluded_where`` flag.

        Raises
        ------
        InvalidParameterError
            When the expression is outside the grammar of :mod:`infnet.expressions`,
            names a column the actors lack, or is not a condition.
        ResourceLimitError
            When the expression exceeds a limit of :mod:`infnet.expressions`.
        """
        return [Flag("excluded_where", network.select(self.where, caller=f"{inputs.caller} (exclude.where)"),
                     f"matches exclusion {self.where!r}")]


@dataclass(frozen=True)
class PredicateRule:
    """Exclude actors marked by ``predicate(network) -> ndarray of bool``."""

    predicate: Callable[[Network], BoolArray] = field(compare=False)

    def apply(self, network: Network, inputs: RuleInputs) -> list[Flag]:
        """Flag actors the predicate marks.

        Parameters
        ----------
        network : Network
            The network whose actors are vetted.
        inputs : RuleInputs
            ``inputs.caller`` is named in errors.

        Returns
        -------
        list of Flag
            One ``excluded_predicate`` flag.

        Raises
        ------
        InvalidParameterError
            When the predicate does not return a boolean array of shape (n_actors,).
        """
        n = network.n_actors
        mask = np.asarray(self.predicate(network))
        if mask.shape != (n,) or mask.dtype != np.bool_:
            msg = (
                f"The vetting predicate of {inputs.caller} must return a boolean array of "
                f"shape ({n},); got {mask.dtype} {mask.shape}."
            )
            raise InvalidParameterError(msg)
        return [Flag("excluded_predicate", mask, "excluded by the caller's predicate")]


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
        Actor expression (see :mod:`infnet.expressions`); matching actors are excluded.
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
                object.__setattr__(self, name, check_float(v, name=name, caller="Vetting",
                                                           low=0.0, high=1.0))
        for name in ("competitors", "actors"):
            v = getattr(self, name)
            if isinstance(v, (str, bytes)):
                v = (v,)
            elif isinstance(v, (Mapping, set, frozenset)) or not isinstance(v, Sequence):
                msg = (
                    f"`{name}` of Vetting must be a list of ids; got {type(v).__name__} {v!r}."
                )
                raise InfnetTypeError(msg)
            object.__setattr__(self, name, tuple(v))
        if self.where is not None:
            if not isinstance(self.where, str):
                msg = (
                    f"`where` of Vetting must be an expression string; got "
                    f"{type(self.where).__name__}."
                )
                raise InfnetTypeError(msg)
            from infnet.expressions import parse

            parse(self.where, caller="Vetting (where=)")  # refuse bad text when built
        if self.predicate is not None and not callable(self.predicate):
            msg = f"`predicate` of Vetting must be callable; got {type(self.predicate).__name__}."
            raise InfnetTypeError(msg)

    @classmethod
    def from_dict(cls, spec: Mapping[str, Any] | Vetting) -> Vetting:
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
        if isinstance(spec, Vetting):
            return spec
        if not isinstance(spec, Mapping):
            msg = f"`exclude` must be a Vetting or a dict; got {type(spec).__name__} {spec!r}."
            raise InfnetTypeError(msg)
        names = [f.name for f in fields(cls)]
        for key in spec:
            if key not in names:
                msg = f"Unknown vetting rule {key!r}.{closest(key, names)} Known: {names!r}."
                raise InvalidParameterError(msg)
        return cls(**dict(spec))

    def to_dict(self) -> dict[str, Any]:
        """Return the plain-data form (a predicate, which is code, as its repr).

        Returns
        -------
        dict
            JSON-ready rules; ``Vetting.from_dict`` rebuilds them (but the predicate).

        Examples
        --------
        >>> Vetting(competitors=["Rival"]).to_dict()["competitors"]
        ['Rival']
        """
        return {
            "competitors": list(self.competitors),
            "max_fake_audience_share": self.max_fake_audience_share,
            "max_sponsored_share": self.max_sponsored_share,
            "actors": list(self.actors),
            "where": self.where,
            "predicate": None if self.predicate is None else repr(self.predicate),
        }

    def rules(self) -> list[Rule]:
        """Return the rule objects these settings stand for, in reason order.

        Returns
        -------
        list of Rule
            One object per active rule.
        """
        out: list[Rule] = []
        if self.max_fake_audience_share is not None:
            out.append(ThresholdRule("fake_audience", "fake_audience_share",
                                     self.max_fake_audience_share, "fake audience share"))
        if self.max_sponsored_share is not None:
            out.append(ThresholdRule("sponsored", "sponsored_share", self.max_sponsored_share,
                                     "sponsored content share"))
        if self.competitors:
            out.append(CompetitorRule(tuple(self.competitors)))
        if self.actors:
            out.append(ActorsRule(tuple(self.actors)))
        if self.where is not None:
            out.append(WhereRule(self.where))
        if self.predicate is not None:
            out.append(PredicateRule(self.predicate))
        return out


def band_rules(band: MicroBand | None) -> list[Rule]:
    """Return the rule objects of a micro band (band and share floor).

    Parameters
    ----------
    band : MicroBand or None
        The options; None gives no rule.

    Returns
    -------
    list of Rule
        Band rule and share-floor rule, as active.
    """
    if band is None:
        return []
    out: list[Rule] = []
    if band.audience is not None:
        out.append(BandRule(band.audience, band.degree))
    if band.min_target_share is not None:
        out.append(ShareFloorRule(band.min_target_share))
    return out


def relaxed_share_floor(
    elig: Eligibility, target_share: FloatArray | None, *, k: int
) -> float | None:
    """Return the highest lower share floor that lets `k` actors through, when one helps.

    A fixed floor (25% of tie strength into the target by default) suits a target that
    is a sizeable part of the network; for a small target few actors send that much of
    their tie strength its way, and the floor alone can leave fewer than `k` candidates.
    The relaxed floor is the target share of the candidate that completes the list:
    only actors held back by the floor and by nothing else, and with some tie strength
    into the target (share > 0), are considered.

    Parameters
    ----------
    elig : Eligibility
        The result of :func:`apply_rules` with the floor.
    target_share : ndarray of shape (n_actors,) or None
        Target shares (NaN counts as 0).
    k : int
        Places on the shortlist.

    Returns
    -------
    float or None
        The floor to use instead, or None when the floor is not what keeps the list
        short (at least `k` eligible, no floor applied, or nobody held back only by it).

    Examples
    --------
    >>> import numpy as np
    >>> from infnet.synthetic import toy_network
    >>> net = toy_network()
    >>> share = np.array([0.0, 0.0, 0.3, 0.0, 0.9, 0.6, 0.5, 0.1, 0.05, 0.0])
    >>> e = apply_rules(net, [ShareFloorRule(0.25)], target_share=share)
    >>> int(e.eligible.sum()), relaxed_share_floor(e, share, k=8)  # employees are not banded
    (7, 0.1)
    """
    if target_share is None or "target_share" not in elig.names:
        return None
    need = k - int(elig.eligible.sum())
    if need <= 0:
        return None
    bit = np.int64(1) << elig.names.index("target_share")
    share = np.nan_to_num(np.asarray(target_share, dtype=np.float64), nan=0.0)
    held = elig.in_scope & (elig.flags == bit) & (share > 0)
    if not held.any():
        return None
    shares = np.sort(share[held])[::-1]
    return float(shares[min(need, shares.size) - 1])


def apply_band_and_vetting(
    network: Network,
    band: MicroBand | None,
    vetting: Vetting,
    *,
    kind: str,
    target_share: FloatArray | None,
    adapt_to: int | None = None,
    caller: str,
) -> tuple[MicroBand | None, Eligibility]:
    """Apply a micro band and vetting; optionally lower a share floor that empties the list.

    Parameters
    ----------
    network : Network
        The network.
    band : MicroBand or None
        The band and share floor (None: neither).
    vetting : Vetting
        The vetting rules.
    kind : {"both", "internal", "external"}
        Scope of the shortlist.
    target_share : ndarray of shape (n_actors,) or None
        Target shares, for the floor.
    adapt_to : int, optional
        The shortlist size `k`: when given and the floor alone leaves fewer than `k`
        eligible, the floor is lowered to :func:`relaxed_share_floor` and a note says
        so (the facade passes it for its *default* band only: a floor the caller chose
        is kept).
    caller : str
        The public function named in errors and notes.

    Returns
    -------
    band : MicroBand or None
        The band used (its floor lowered when it was adapted).
    eligibility : Eligibility
        Who may be picked, and why not.

    Examples
    --------
    >>> from infnet.synthetic import toy_network
    >>> band, e = apply_band_and_vetting(toy_network(), MicroBand(), Vetting(), kind="both",
    ...                                  target_share=None, caller="example")
    >>> band == MicroBand(), e.counts()
    (True, {'audience_band': 2})
    """
    scope = band.scope if band is not None else "external"
    elig = apply_rules(network, [*band_rules(band), *vetting.rules()], kind=kind,
                       band_scope=scope, target_share=target_share, caller=caller)
    if adapt_to is None or band is None or band.min_target_share is None:
        return band, elig
    floor = relaxed_share_floor(elig, target_share, k=adapt_to)
    if floor is None or floor >= band.min_target_share:
        return band, elig
    before, in_scope = int(elig.eligible.sum()), int(elig.in_scope.sum())
    fixed = band.min_target_share
    band = replace(band, min_target_share=floor)
    elig = apply_rules(network, [*band_rules(band), *vetting.rules()], kind=kind,
                       band_scope=scope, target_share=target_share, caller=caller)
    n = int(elig.eligible.sum())
    how = (f"the highest floor that lets {adapt_to} through" if n >= adapt_to else
           "which admits every candidate with a tie into the target")
    note = (
        f"the target-share floor ({fixed:.0%}) left only {before} of {in_scope} candidates "
        f"for k={adapt_to} (a small target gets little of anyone's tie strength): it was "
        f"lowered to {floor:.1%}, {how} ({n} eligible); pass "
        f"band={{'min_target_share': {fixed:g}}} to keep the fixed floor"
    )
    return band, replace(elig, notes=(*elig.notes, note))


# ----------------------------------------------------------------------- eligibility
@dataclass(frozen=True)
class Eligibility:
    """The result of applying rules: who may be shortlisted, and why not.

    Parameters
    ----------
    eligible : ndarray of bool of shape (n_actors,)
        True for actors that pass every rule (scope included).
    in_scope : ndarray of bool of shape (n_actors,)
        True for actors of the requested kind (scope is not an exclusion).
    flags : ndarray of int64 of shape (n_actors,)
        Bit ``i`` set when reason ``reasons_[i]`` excludes the actor.
    texts : tuple of str
        Reason text of each bit.
    names : tuple of str, default=REASONS
        Reason key of each bit.
    notes : tuple of str, default=()
        What the rules had to assume.
    """

    eligible: BoolArray
    in_scope: BoolArray
    flags: IntArray
    texts: tuple[str, ...]
    names: tuple[str, ...] = REASONS
    notes: tuple[str, ...] = ()

    def reasons(self, rows: IntArray) -> list[str]:
        """Return the exclusion reasons of the given actors ("" when eligible).

        Parameters
        ----------
        rows : ndarray of int
            Actor positions.

        Returns
        -------
        list of str
            One "; "-joined text per row.
        """
        return [
            "; ".join(t for i, t in enumerate(self.texts) if f >> i & 1)
            for f in self.flags[rows].tolist()
        ]

    def reason_keys(self, row: int) -> list[str]:
        """Return the reason keys that exclude actor position `row`.

        Parameters
        ----------
        row : int
            Actor position.

        Returns
        -------
        list of str
            Keys from ``names``.
        """
        f = int(self.flags[row])
        return [name for i, name in enumerate(self.names) if f >> i & 1]

    def counts(self) -> dict[str, int]:
        """Count the in-scope actors excluded by each rule (an actor may count twice).

        Returns
        -------
        dict of str to int
            Reason key -> count, only reasons that exclude someone.
        """
        scoped = self.flags[self.in_scope]
        return {
            name: int(np.count_nonzero(scoped >> i & 1))
            for i, name in enumerate(self.names)
            if np.any(scoped >> i & 1)
        }


def _scope(network: Network, kind: str, caller: str) -> BoolArray:
    check_option(kind, name="kind", caller=caller, options=("both", "internal", "external"))
    if kind == "both":
        return np.ones(network.n_actors, dtype=bool)
    if not network.has_attribute("kind"):
        msg = (
            f"`kind={kind!r}` of {caller} needs a 'kind' actor column; build the network "
            "with focal_organisation=... to derive it."
        )
        raise InvalidParameterError(msg)
    return np.asarray(network.attribute("kind") == kind, dtype=bool)


def apply_rules(
    network: Network,
    rules: Sequence[Rule],
    *,
    kind: str = "both",
    band_scope: str = "external",
    target_share: FloatArray | None = None,
    caller: str = "apply_rules",
) -> Eligibility:
    """Apply eligibility rules in one loop.

    Parameters
    ----------
    network : Network
        The network.
    rules : sequence of Rule
        Rule objects (see :meth:`Vetting.rules`, ``band_rules``).
    kind : {"both", "internal", "external"}, default="both"
        Scope: which actors may be shortlisted (needs a ``kind`` column unless "both").
    band_scope : {"external", "all"}, default="external"
        Whom band-type rules apply to (``RuleInputs.banded``).
    target_share : ndarray of shape (n_actors,), optional
        Target share, for the share floor.
    caller : str, default="apply_rules"
        The public function named in errors.

    Returns
    -------
    Eligibility
        Masks, reason flags and texts. Reasons are ordered as :data:`REASONS`, then
        any other reason in the order rules report it.

    Examples
    --------
    >>> from infnet.synthetic import toy_network
    >>> e = apply_rules(toy_network(), Vetting(actors=["gil"]).rules())
    >>> e.counts()
    {'excluded_actor': 1}
    """
    n = network.n_actors
    in_scope = _scope(network, kind, caller)
    check_option(band_scope, name="band_scope", caller=caller, options=("external", "all"))
    banded = (
        np.asarray(network.attribute("kind") == "external", dtype=bool)
        if band_scope == "external" and network.has_attribute("kind")
        else np.ones(n, dtype=bool)
    )
    inputs = RuleInputs(banded=banded, target_share=target_share, caller=caller)
    names = list(REASONS)
    texts = list(REASONS)
    flags = np.zeros(n, dtype=np.int64)
    for rule in rules:
        for flag in rule.apply(network, inputs):
            if flag.reason not in names:
                if len(names) >= 63:
                    msg = f"{caller}: more than 63 distinct exclusion reasons."
                    raise InvalidParameterError(msg)
                names.append(flag.reason)
                texts.append(flag.reason)
            i = names.index(flag.reason)
            flags[np.asarray(flag.mask, dtype=bool)] |= np.int64(1) << i
            texts[i] = flag.text
    eligible = in_scope & (flags == 0)
    return Eligibility(eligible=eligible, in_scope=in_scope, flags=flags, texts=tuple(texts),
                       names=tuple(names), notes=tuple(inputs.notes))


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
    caller: str = "eligibility",
) -> Eligibility:
    """Apply scope, micro-influential band and vetting rules.

    Parameters
    ----------
    network : Network
        The network.
    kind : {"both", "internal", "external"}, default="both"
        Scope: which actors may be shortlisted (needs a ``kind`` column unless "both").
    audience : tuple of float or None, default=(1000, 50000)
        Micro band on the ``audience`` column (see :class:`infnet.options.MicroBand`).
    degree_band : tuple of float, optional
        In-degree band used where audience is unknown.
    band_scope : {"external", "all"}, default="external"
        Whom the bands and the share floor apply to.
    target_share : ndarray of shape (n_actors,), optional
        Each actor's target share; NaN (no out-ties) counts as 0.
    min_target_share : float, optional
        Exclude actors whose target share is below this. Needs `target_share`.
    vetting : Vetting, optional
        Exclusion rules; ``Vetting()`` (default thresholds) when None.
    caller : str, default="eligibility"
        The public function named in errors.

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
    vetting = Vetting() if vetting is None else vetting
    if not isinstance(vetting, Vetting):
        msg = f"`vetting` of {caller} must be a Vetting; got {type(vetting).__name__}."
        raise InfnetTypeError(msg)
    band = MicroBand(audience=audience, degree=degree_band, scope=band_scope,  # type: ignore[arg-type]
                     min_target_share=min_target_share)
    return apply_rules(network, [*band_rules(band), *vetting.rules()], kind=kind,
                       band_scope=band.scope, target_share=target_share, caller=caller)


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
    key = np.where(np.isnan(scores), -np.inf, scores)
    return np.lexsort((id_rank(network), -key)).astype(np.int64)


def id_rank(network: Network) -> IntArray:
    """Rank of each actor's id in sorted id order (by ``str`` for unorderable ids).

    Parameters
    ----------
    network : Network
        The network.

    Returns
    -------
    ndarray of int64 of shape (n_actors,)
        0 for the smallest id.
    """
    ids = network.actor_ids
    try:
        order = np.argsort(ids.to_numpy(), kind="stable")
    except TypeError:
        keys = np.asarray([f"{type(i).__name__}:{i}" for i in ids.tolist()])
        order = np.argsort(keys, kind="stable")
    rank = np.empty(order.size, dtype=np.int64)
    rank[order] = np.arange(order.size)
    return rank


# ----------------------------------------------------------------------- constraints
@dataclass
class _Tally:
    per_kind: dict[Any, int] = field(default_factory=dict)
    per_org: dict[int, int] = field(default_factory=dict)
    spent: float = 0.0
    n: int = 0


@dataclass(frozen=True)
class Limits:
    """:class:`infnet.options.Constraints` bound to a network's arrays.

    Parameters
    ----------
    kinds : ndarray of shape (n_actors,) or None
        Kind of each actor, needed by `quota`.
    quota : mapping of str to int or None
        Maximum picks per kind (kinds not named get none).
    organisations : ndarray of int64 of shape (n_actors,) or None
        Organisation code of each actor (-1: none, never capped).
    max_per_organisation : int or None
        Cap per organisation.
    cost : ndarray of shape (n_actors,) or None
        Cost of each actor, needed by `budget`.
    budget : float or None
        Total cost allowed.
    """

    kinds: np.ndarray | None = None
    quota: Mapping[str, int] | None = None
    organisations: IntArray | None = None
    max_per_organisation: int | None = None
    cost: FloatArray | None = None
    budget: float | None = None

    @classmethod
    def bind(cls, constraints: Constraints | None, network: Network, *, caller: str) -> Limits:
        """Resolve constraints against a network's columns.

        Parameters
        ----------
        constraints : Constraints or None
            The constraints.
        network : Network
            The network.
        caller : str
            The public function named in errors.

        Returns
        -------
        Limits
            The bound constraints (no limit when `constraints` is None).

        Raises
        ------
        InvalidParameterError
            When a constraint needs a column the network lacks, or costs are not
            finite and >= 0.
        """
        if constraints is None:
            return cls()
        kinds = orgs = costs = None
        if constraints.quota is not None:
            if not network.has_attribute("kind"):
                msg = f"`quota` of {caller} needs a 'kind' actor column."
                raise InvalidParameterError(msg)
            kinds = network.attribute("kind")
        if constraints.max_per_organisation is not None:
            if not network.has_attribute("organisation"):
                msg = f"`max_per_organisation` of {caller} needs an 'organisation' actor column."
                raise InvalidParameterError(msg)
            orgs = network.codes("organisation")[0]
        if constraints.budget is not None and constraints.cost is not None:
            if not network.has_attribute(constraints.cost):
                msg = (
                    f"`cost` of {caller} names the actor column {constraints.cost!r}, which the "
                    f"network lacks.{closest(constraints.cost, network.actor_columns)}"
                )
                raise InvalidParameterError(msg)
            costs = _numeric(network, constraints.cost)
            if not (np.isfinite(costs) & (costs >= 0)).all():
                msg = (
                    f"Actor column {constraints.cost!r} (cost) of {caller} must be finite and "
                    ">= 0 for every actor."
                )
                raise InvalidParameterError(msg)
        return cls(kinds, constraints.quota, orgs, constraints.max_per_organisation, costs,
                   constraints.budget)

    @property
    def active(self) -> bool:
        """Whether any limit applies."""
        return bool(self.quota) or self.max_per_organisation is not None or (
            self.budget is not None and self.cost is not None
        )

    def start(self, picked: Sequence[int] = ()) -> _Tally:
        """Start a tally of picks, counting `picked`.

        Parameters
        ----------
        picked : sequence of int, default=()
            Actor positions already picked (counted against the limits).

        Returns
        -------
        tally : object
            Picks per kind and per organisation, cost spent and count so far (an opaque
            record); pass it to :meth:`admissible` and :meth:`add`.
        """
        tally = _Tally()
        for a in picked:
            self.add(tally, int(a))
        return tally

    def admissible(self, tally: _Tally, a: int) -> bool:
        """Whether actor position `a` can join the picks counted in `tally`.

        Parameters
        ----------
        tally : object
            Counts of the picks so far (:meth:`start`).
        a : int
            Candidate position.

        Returns
        -------
        bool
            False when `a` would break a quota, a cap or the budget.
        """
        if self.quota and self.kinds is not None:
            kk = self.kinds[a]
            if tally.per_kind.get(kk, 0) >= int(self.quota.get(kk, 0)):
                return False
        if self.max_per_organisation is not None and self.organisations is not None:
            o = int(self.organisations[a])
            if o >= 0 and tally.per_org.get(o, 0) >= self.max_per_organisation:
                return False
        if self.budget is not None and self.cost is not None:
            return tally.spent + float(self.cost[a]) <= self.budget
        return True

    def add(self, tally: _Tally, a: int) -> None:
        """Count actor position `a` as picked.

        Parameters
        ----------
        tally : object
            Counts of the picks so far (:meth:`start`); updated in place.
        a : int
            Position of the actor picked (not checked: call :meth:`admissible` first).
        """
        if self.kinds is not None:
            tally.per_kind[self.kinds[a]] = tally.per_kind.get(self.kinds[a], 0) + 1
        if self.organisations is not None:
            o = int(self.organisations[a])
            tally.per_org[o] = tally.per_org.get(o, 0) + 1
        if self.cost is not None:
            tally.spent += float(self.cost[a])
        tally.n += 1

    def saturated(self, tally: _Tally, a: int) -> BoolArray | None:
        """Actors ruled out by the quota or cap that `a` ran into (None: budget or none).

        A greedy that proposed `a` re-runs without them: whatever kind or organisation
        is full stays full.

        Parameters
        ----------
        tally : object
            Counts of the picks so far (:meth:`start`).
        a : int
            Position of the candidate that :meth:`admissible` refused.

        Returns
        -------
        ndarray of bool of shape (n_actors,) or None
            Every actor of `a`'s kind when its quota is full, else every actor of
            `a`'s organisation when its cap is reached; None when neither is (the
            budget refused `a`, and cheaper actors may still fit, or `a` is
            admissible).
        """
        if self.quota and self.kinds is not None:
            kk = self.kinds[a]
            if tally.per_kind.get(kk, 0) >= int(self.quota.get(kk, 0)):
                return np.asarray(self.kinds == kk, dtype=bool)
        if self.max_per_organisation is not None and self.organisations is not None:
            o = int(self.organisations[a])
            if o >= 0 and tally.per_org.get(o, 0) >= self.max_per_organisation:
                return np.asarray(self.organisations == o, dtype=bool)
        return None

    def walk(self, order: IntArray, k: int, picked: Sequence[int] = ()) -> IntArray:
        """Admit candidates from `order` until `k` picks (counting `picked`).

        Parameters
        ----------
        order : ndarray of int64
            Candidates, best first.
        k : int
            Total picks wanted.
        picked : sequence of int, default=()
            Picks already made (counted against the limits).

        Returns
        -------
        ndarray of int64
            The candidates admitted, in order (at most ``k - len(picked)``).
        """
        if not self.active:
            return np.asarray(order[: max(0, k - len(picked))], dtype=np.int64)
        tally = self.start(picked)
        out: list[int] = []
        for a in order.tolist():  # stops after k admissions; skips only what breaks a limit
            if tally.n >= k:
                break
            if self.admissible(tally, a):
                self.add(tally, a)
                out.append(a)
        return np.asarray(out, dtype=np.int64)


def top_k(
    order: IntArray,
    eligible: BoolArray,
    k: int,
    *,
    limits: Limits | None = None,
    kinds: np.ndarray | None = None,
    quota: Mapping[str, int] | None = None,
    organisations: IntArray | None = None,
    max_per_organisation: int | None = None,
    cost: FloatArray | None = None,
    budget: float | None = None,
) -> IntArray:
    """Pick up to `k` eligible actors in `order` under quotas, caps and a budget.

    Parameters
    ----------
    order : ndarray of int64
        Actor positions, best first (see `stable_order`).
    eligible : ndarray of bool of shape (n_actors,)
        Actors that may be picked.
    k : int
        Shortlist size.
    limits : Limits, optional
        Bound constraints; the keywords below build one when it is not given.
    kinds : ndarray of str of shape (n_actors,), optional
        Actor kinds, needed by `quota`.
    quota : mapping of str to int, optional
        Maximum number of picks per kind, e.g. ``{"internal": 5, "external": 15}``.
    organisations : ndarray of int64 of shape (n_actors,), optional
        Organisation codes (-1 = unknown, never capped).
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
    k = check_int(k, name="k", caller="top_k", low=0)
    if limits is None:
        if quota is not None and kinds is None:
            msg = "`quota` of top_k needs the actor kinds (`kinds=`)."
            raise InvalidParameterError(msg)
        limits = Limits(kinds, quota, organisations, max_per_organisation, cost, budget)
    return limits.walk(order[eligible[order]], k)


def complementary_set(
    sampler: diffusion.RRSampler,
    k: int,
    eligible: BoolArray,
    limits: Limits,
    order: IntArray,
    *,
    fill: bool = True,
) -> tuple[IntArray, FloatArray]:
    """Choose the complementary set: greedy RR-set coverage under the limits of top-k.

    The sampler's greedy runs on the allowed actors; at the first pick that
    :meth:`Limits.admissible` refuses, the saturated kind or organisation is ruled out
    and the greedy re-runs (greedy is deterministic and removing actors it had not
    picked leaves the earlier picks unchanged, so each re-run fixes one constraint).
    When the greedy stops early (no allowed actor adds reach on the sample), the
    remaining places are back-filled in `order` by the same :meth:`Limits.walk`, with
    a marginal gain of 0.

    Parameters
    ----------
    sampler : RRSampler
        A fitted sampler.
    k : int
        Set size.
    eligible : ndarray of bool of shape (n_actors,)
        Actors that may be picked.
    limits : Limits
        Bound constraints.
    order : ndarray of int64
        Score order, for the back-fill.
    fill : bool, default=True
        Back-fill to `k` when the greedy stops early (not with a budget).

    Returns
    -------
    picked : ndarray of int64
        Picks in pick order.
    gains : ndarray of float64
        Marginal expected reach of each pick (0 for back-filled ones).
    """
    allowed = eligible.copy()
    if limits.quota and limits.kinds is not None:
        allowed &= np.isin(limits.kinds, list(limits.quota))
    cost = None
    if limits.cost is not None and limits.budget is not None:
        cost = np.maximum(limits.cost, 1e-12)  # the greedy needs positive costs
    while True:
        picked, gains = sampler.select(k, candidates=allowed, cost=cost, budget=limits.budget)
        tally = limits.start()
        blocked = None
        for i, a in enumerate(picked.tolist()):
            if not limits.admissible(tally, a):
                blocked = limits.saturated(tally, a)
                if blocked is None:  # pragma: no cover - budget is the greedy's own rule
                    picked, gains = picked[:i], gains[:i]
                    break
                blocked[picked[:i]] = False
                break
            limits.add(tally, a)
        if blocked is None:
            break
        allowed &= ~blocked
    if fill and picked.size < k and limits.budget is None:
        rest = order[eligible[order] & ~np.isin(order, picked)]
        extra = limits.walk(rest, k, picked=picked.tolist())
        picked = np.concatenate([picked, extra]).astype(np.int64)
        gains = np.concatenate([gains, np.zeros(extra.size)])
    return np.asarray(picked, dtype=np.int64), np.asarray(gains, dtype=np.float64)


@dataclass(frozen=True)
class Selection:
    """What the select stage returns.

    Parameters
    ----------
    picked : ndarray of int64
        Picked positions, in pick order.
    gains : ndarray of float64
        Marginal expected reach of each pick.
    excluded : ndarray of int64
        Excluded in-scope positions to show, best score first.
    eligibility : Eligibility
        Masks and reasons.
    method : str
        ``"top_k"`` or ``"complementary"``.
    expected_reach : float
        Expected targeted reach of the picks (target-value units).
    n_sets : int
        Reverse-reachable sets behind the gains.
    """

    picked: IntArray
    gains: FloatArray
    excluded: IntArray
    eligibility: Eligibility
    method: str
    expected_reach: float
    n_sets: int


def excluded_to_show(
    order: IntArray, scores: FloatArray, elig: Eligibility, picked: IntArray, k: int, show: str
) -> IntArray:
    """Excluded in-scope actors to list: none, all, or those scoring at least the last pick.

    Parameters
    ----------
    order : ndarray of int64
        Score order.
    scores : ndarray of shape (n_actors,)
        Scores.
    elig : Eligibility
        The eligibility result.
    picked : ndarray of int64
        The picks.
    k : int
        Shortlist size (at most `k` excluded rows with ``"top"``).
    show : {"top", "all", "none"}
        Which rows.

    Returns
    -------
    ndarray of int64
        Positions, best score first.
    """
    if show == "none":
        return np.empty(0, dtype=np.int64)
    shown = order[(~elig.eligible[order]) & elig.in_scope[order]]
    if show == "all":
        return np.asarray(shown, dtype=np.int64)
    floor = scores[picked].min() if picked.size else -np.inf
    return np.asarray(shown[scores[shown] >= floor][:k], dtype=np.int64)



def select_shortlist(
    network: Network,
    w: FloatArray,
    scores: FloatArray,
    elig: Eligibility,
    limits: Limits,
    *,
    k: int,
    method: str,
    cascade: Cascade,
    show_excluded: str,
    rng: np.random.Generator,
    caller: str,
) -> Selection:
    """Pick the shortlist: top-k by score, or the complementary set, under `limits`.

    Parameters
    ----------
    network : Network
        The network.
    w : ndarray of shape (n_actors,)
        Target values.
    scores : ndarray of shape (n_actors,)
        Scores (the score stage's ``values``).
    elig : Eligibility
        Who may be picked.
    limits : Limits
        Bound constraints, applied the same way by both methods.
    k : int
        Shortlist size.
    method : {"top_k", "complementary"}
        Best scores in stable order (score, then actor id), or the set that together
        reaches the most target value (greedy over reverse-reachable sets, IMM).
    cascade : Cascade
        The cascade model of marginal gains and of the complementary set.
    show_excluded : {"top", "all", "none"}
        Which excluded in-scope actors to list.
    rng : Generator
        Randomness of the reverse-reachable sets.
    caller : str
        The public function named in errors and warnings.

    Returns
    -------
    Selection
        Picks, gains, excluded rows to show, and the expected reach.

    Warns
    -----
    InfnetWarning
        When fewer than `k` actors could be picked.
    """
    order = stable_order(scores, network)
    if method == "complementary":
        result = diffusion.imm(
            network, w, k, model=cascade.model, candidates=elig.eligible,
            epsilon=cascade.epsilon, rng=rng, transmissibility=cascade.transmissibility,
            p=cascade.p,
        )
        sampler = result.sampler
        n_sets = int(result.theta)
        picked, gains = complementary_set(sampler, k, elig.eligible, limits, order)
    else:
        sampler = diffusion.RRSampler(
            cascade.model, n_sets=cascade.n_sets, rng=rng,
            transmissibility=cascade.transmissibility, p=cascade.p,
        ).fit(network, w)
        n_sets = cascade.n_sets
        picked = top_k(order, elig.eligible, k, limits=limits)
        gains = prefix_gains(sampler, picked)
    if picked.size < k:
        import warnings

        from infnet.exceptions import InfnetWarning

        warnings.warn(
            f"{caller} could shortlist only {picked.size} actors for k={k} "
            "(eligibility, quotas or budget); see df.attrs['exclusions'] for why others "
            "were excluded.",
            InfnetWarning,
            stacklevel=3,
        )
    reach_value = float(sampler.estimate(picked)) if picked.size else 0.0
    excluded = excluded_to_show(order, scores, elig, picked, k, show_excluded)
    return Selection(picked, gains, excluded, elig, method, reach_value, n_sets)


def prefix_gains(sampler: diffusion.RRSampler, picked: IntArray) -> FloatArray:
    """Marginal expected reach of each pick given the picks before it.

    Parameters
    ----------
    sampler : RRSampler
        A fitted sampler.
    picked : ndarray of int64
        Picks in order.

    Returns
    -------
    ndarray of float64
        One gain per pick.
    """
    gains = np.empty(picked.size)
    previous = 0.0
    for i in range(picked.size):  # k estimates, not a loop over actors
        current = float(sampler.estimate(picked[: i + 1]))
        gains[i] = current - previous
        previous = current
    return gains
