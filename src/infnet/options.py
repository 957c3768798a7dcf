"""Typed option objects of :func:`infnet.rank_influentials`, grouped by stage.

Each is a frozen dataclass that validates itself when built and has a plain-data form
(``from_dict`` / ``to_dict``) for services and the JSON request:

* :class:`MicroBand` — who counts as a micro-influential (selection stage);
* :class:`Constraints` — quotas, per-organisation caps and budget (selection stage);
* :class:`Cascade` — the cascade model behind expected reach, marginal gains and the
  complementary set (selection and presentation stages).

The vetting rules (:class:`infnet.selection.Vetting`) are the fourth group.

Examples
--------
>>> from infnet.options import Constraints, MicroBand
>>> MicroBand(audience=None).audience is None
True
>>> Constraints.from_dict({"quota": {"internal": 2, "external": 8}}).quota
{'internal': 2, 'external': 8}
>>> Constraints(quota={"internal": -1})
Traceback (most recent call last):
...
infnet.exceptions.InvalidParameterError: `quota['internal']` of Constraints must be an integer in [0, 1000000]; got -1.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any, Literal, TypeVar

from infnet._validation import check_float, check_int, check_option, closest
from infnet.exceptions import InfnetTypeError, InvalidParameterError

__all__ = ["DEFAULT_AUDIENCE_BAND", "MAX_K", "MAX_SETS", "Cascade", "Constraints", "MicroBand"]

#: The default micro-influential band on ``audience`` (followers outside the network).
DEFAULT_AUDIENCE_BAND: tuple[float, float] = (1_000.0, 50_000.0)

#: Largest shortlist, quota or cap infnet accepts (a shortlist is read by people).
MAX_K = 1_000_000

#: Largest number of reverse-reachable sets a caller may ask for.
MAX_SETS = 50_000_000

CascadeModel = Literal["weighted_cascade", "strength", "constant"]
_T = TypeVar("_T")


def _from_dict(cls: type[_T], spec: object, caller: str) -> _T:
    if isinstance(spec, cls):
        return spec
    if not isinstance(spec, Mapping):
        msg = (
            f"`{caller}` options must be a {cls.__name__} or a dict; got "
            f"{type(spec).__name__} {spec!r}."
        )
        raise InfnetTypeError(msg)
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    for key in spec:
        if key not in names:
            msg = (
                f"Unknown {cls.__name__} option {key!r}.{closest(key, names)} "
                f"Known: {names!r}."
            )
            raise InvalidParameterError(msg)
    return cls(**dict(spec))


def _band(band: object, name: str, caller: str) -> tuple[float, float] | None:
    if band is None:
        return None
    if isinstance(band, (str, bytes)) or not isinstance(band, Sequence) or len(band) != 2:
        msg = f"`{name}` of {caller} must be a (low, high) pair or None; got {band!r}."
        raise InvalidParameterError(msg)
    lo = check_float(band[0], name=f"{name}[0]", caller=caller, low=0.0)
    hi = check_float(band[1], name=f"{name}[1]", caller=caller, low=0.0)
    if lo > hi:
        msg = f"`{name}` of {caller} must have low <= high; got {tuple(band)!r}."
        raise InvalidParameterError(msg)
    return lo, hi


@dataclass(frozen=True)
class MicroBand:
    """Who counts as a micro-influential.

    Parameters
    ----------
    audience : tuple of float or None, default=(1000, 50000)
        Band on the ``audience`` column (followers outside the network), inclusive.
        Where the audience is unknown (NaN, or no such column) the in-network
        `degree` band applies instead. None disables both bands.
    degree : tuple of float or None, default=None
        In-degree band used where the audience is unknown. None: from 1 to the 99th
        percentile of in-degree (the top 1% of hubs count as macro accounts; actors
        nobody follows are not influentials).
    scope : {"external", "all"}, default="external"
        Whom the bands and the share floor apply to: external actors only (employees
        are advocates whatever their audience), or everyone. Without a ``kind``
        column they apply to everyone.
    min_target_share : float or None, default=0.25
        Exclude actors (in `scope`) with less than this share of tie strength going
        into the target. None disables the floor.

    Examples
    --------
    >>> MicroBand(audience=(500, 5000)).to_dict()["audience"]
    [500.0, 5000.0]
    """

    audience: tuple[float, float] | None = DEFAULT_AUDIENCE_BAND
    degree: tuple[float, float] | None = None
    scope: Literal["external", "all"] = "external"
    min_target_share: float | None = 0.25

    def __post_init__(self) -> None:
        """Validate."""
        caller = "MicroBand"
        object.__setattr__(self, "audience", _band(self.audience, "audience", caller))
        object.__setattr__(self, "degree", _band(self.degree, "degree", caller))
        check_option(self.scope, name="scope", caller=caller, options=("external", "all"))
        if self.min_target_share is not None:
            v = check_float(self.min_target_share, name="min_target_share", caller=caller,
                            low=0.0, high=1.0)
            object.__setattr__(self, "min_target_share", v)

    @classmethod
    def from_dict(cls, spec: Mapping[str, Any] | MicroBand) -> MicroBand:
        """Build from plain data, rejecting unknown keys.

        Parameters
        ----------
        spec : mapping or MicroBand
            Keys among the constructor's parameters.

        Returns
        -------
        MicroBand
            The options.
        """
        return _from_dict(cls, spec, "band")

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form (lists for pairs).

        Returns
        -------
        dict
            JSON-ready options.
        """
        out = asdict(self)
        for key in ("audience", "degree"):
            if out[key] is not None:
                out[key] = list(out[key])
        return out


@dataclass(frozen=True)
class Constraints:
    """Quotas, caps and budget for a shortlist; one rule set for every selection method.

    Parameters
    ----------
    quota : mapping of str to int, optional
        Maximum picks per kind, e.g. ``{"internal": 5, "external": 15}``; kinds not
        named get no place. Needs a ``kind`` actor column.
    max_per_organisation : int, optional
        At most this many picks from one organisation (actors without one are never
        capped). Needs an ``organisation`` actor column.
    cost : str, optional
        Actor column with each actor's cost (finite, >= 0); needed by `budget`.
    budget : float, optional
        Total cost allowed.

    Examples
    --------
    >>> Constraints(max_per_organisation=1).to_dict()["max_per_organisation"]
    1
    """

    quota: Mapping[str, int] | None = None
    max_per_organisation: int | None = None
    cost: str | None = None
    budget: float | None = None

    def __post_init__(self) -> None:
        """Validate."""
        caller = "Constraints"
        if self.quota is not None:
            if not isinstance(self.quota, Mapping) or not self.quota:
                msg = (
                    f"`quota` of {caller} must be a non-empty mapping kind -> count; got "
                    f"{self.quota!r}."
                )
                raise InvalidParameterError(msg)
            clean = {}
            for key, value in self.quota.items():
                if not isinstance(key, str):
                    msg = f"`quota` of {caller} keys must be kind names (str); got {key!r}."
                    raise InfnetTypeError(msg)
                clean[key] = check_int(value, name=f"quota[{key!r}]", caller=caller, low=0,
                                       high=MAX_K)
            object.__setattr__(self, "quota", clean)
        if self.max_per_organisation is not None:
            v = check_int(self.max_per_organisation, name="max_per_organisation", caller=caller,
                          low=1, high=MAX_K)
            object.__setattr__(self, "max_per_organisation", v)
        if self.cost is not None and not isinstance(self.cost, str):
            msg = f"`cost` of {caller} must be an actor column name; got {self.cost!r}."
            raise InfnetTypeError(msg)
        if self.budget is not None:
            b = check_float(self.budget, name="budget", caller=caller, low=0.0)
            object.__setattr__(self, "budget", b)
            if self.cost is None:
                msg = f"`budget` of {caller} needs `cost`, the actor column of costs."
                raise InvalidParameterError(msg)

    @property
    def active(self) -> bool:
        """Whether any constraint is set."""
        return self.quota is not None or self.max_per_organisation is not None or (
            self.budget is not None
        )

    @classmethod
    def from_dict(cls, spec: Mapping[str, Any] | Constraints) -> Constraints:
        """Build from plain data, rejecting unknown keys.

        Parameters
        ----------
        spec : mapping or Constraints
            Keys among the constructor's parameters.

        Returns
        -------
        Constraints
            The constraints.
        """
        return _from_dict(cls, spec, "constraints")

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form.

        Returns
        -------
        dict
            JSON-ready constraints.
        """
        out = asdict(self)
        if out["quota"] is not None:
            out["quota"] = dict(out["quota"])
        return out


@dataclass(frozen=True)
class Cascade:
    """The independent-cascade model behind expected reach and the complementary set.

    Parameters
    ----------
    model : {"weighted_cascade", "strength", "constant"}, default="weighted_cascade"
        Activation probability of a tie ``u -> v``: ``1 / in-degree(v)`` (the
        default, documented once in :mod:`infnet.algorithms.diffusion`: meaningful at
        any density), ``transmissibility * s_uv``, or the constant `p`.
    transmissibility : float, default=0.1
        Probability per unit of strength in the ``"strength"`` model.
    p : float, default=0.1
        Probability of every tie in the ``"constant"`` model.
    n_sets : int, default=10000
        Reverse-reachable sets for the marginal gains of a top-k shortlist (the
        complementary set sizes its own sample by the IMM bound).
    epsilon : float, default=0.3
        Approximation slack of the complementary set: it reaches at least
        ``1 - 1/e - epsilon`` of the best `k` eligible actors' expected reach, with
        probability ``1 - 1/n_actors``; the sample grows as ``1 / epsilon**2``.

    Examples
    --------
    >>> Cascade(model="strength", transmissibility=0.2).model
    'strength'
    """

    model: CascadeModel = "weighted_cascade"
    transmissibility: float = 0.1
    p: float = 0.1
    n_sets: int = 10_000
    epsilon: float = 0.3

    def __post_init__(self) -> None:
        """Validate."""
        caller = "Cascade"
        check_option(self.model, name="model", caller=caller,
                     options=("weighted_cascade", "strength", "constant"))
        for name in ("transmissibility", "p"):
            v = check_float(getattr(self, name), name=name, caller=caller, low=0.0, high=1.0,
                            closed="right")
            object.__setattr__(self, name, v)
        object.__setattr__(self, "n_sets", check_int(self.n_sets, name="n_sets", caller=caller,
                                                     low=1, high=MAX_SETS))
        object.__setattr__(self, "epsilon", check_float(self.epsilon, name="epsilon",
                                                        caller=caller, low=0.01, high=1.0))

    @classmethod
    def from_dict(cls, spec: Mapping[str, Any] | Cascade) -> Cascade:
        """Build from plain data, rejecting unknown keys.

        Parameters
        ----------
        spec : mapping or Cascade
            Keys among the constructor's parameters.

        Returns
        -------
        Cascade
            The model.
        """
        return _from_dict(cls, spec, "cascade")

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form.

        Returns
        -------
        dict
            JSON-ready model options.
        """
        return asdict(self)
