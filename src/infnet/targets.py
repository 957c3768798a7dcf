"""Target audiences: which actors a campaign wants to reach, and what each is worth.

A :class:`Target` is a small, immutable specification (segments, organisations, explicit
actor ids, boolean expressions over actor attributes, and per-target values) that resolves
against a :class:`~infnet.Network` to a weight vector ``w`` of shape ``(n_actors,)``:
``w_t > 0`` for a target ``t`` (its value), 0 for everyone else. Every reach measure in
:mod:`infnet.algorithms.reach` takes that vector, so the algorithms stay free of pandas.

It has a plain-data form (:meth:`Target.to_dict` / :meth:`Target.from_dict`) so services
can pass targets as JSON.
"""

from __future__ import annotations

import numbers
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, fields
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from infnet._typing import BoolArray, FloatArray
from infnet._validation import MAX_VALUE, check_float, closest, format_ids
from infnet.exceptions import EmptyTargetError, InfnetTypeError, InvalidParameterError

if TYPE_CHECKING:
    from infnet.network import Network

__all__ = ["Target", "as_target"]

_CALLER = "Target"


def _as_tuple(value: Any, name: str) -> tuple[Hashable, ...] | None:
    """Normalise a scalar or an iterable of hashables to a non-empty tuple."""
    if value is None:
        return None
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        items: list[Any] = [value]
    else:
        items = list(value)
    items = [v.item() if isinstance(v, np.generic) else v for v in items]
    if not items:
        msg = f"`{name}` of {_CALLER} must name at least one value; got an empty {type(value).__name__}."
        raise InvalidParameterError(msg)
    for v in items:
        if not isinstance(v, Hashable):
            msg = f"`{name}` of {_CALLER} must hold hashable values; got {type(v).__name__} {v!r}."
            raise InfnetTypeError(msg)
    # drop repeats, keep the order given
    return tuple(dict.fromkeys(items))


def _plain(v: Any) -> Any:
    return v.item() if isinstance(v, np.generic) else v


@dataclass(frozen=True)
class Target:
    r"""A target audience: the actors a campaign wants to reach, with a value for each.

    An actor is a **target** when it matches *any* of the selection criteria
    (`segments`, `organisations`, `actors`, `where`: a union) **and**, when `within`
    is given, also satisfies `within` (an intersection). For example
    ``Target(segments="fintech", within="is_customer == False")`` targets the fintech
    prospects. Each target ``t`` has a value :math:`w_t \ge 0` (default 1): the
    weights are

    .. math::

        w_t = \begin{cases} \text{value}(t) & t \in T \\ 0 & \text{otherwise.}
        \end{cases}

    Parameters
    ----------
    segments : str or sequence of str, default=None
        Segment names, matched against the actor column ``segment``.
    organisations : str or sequence of str, default=None
        Organisation names (accounts, as in account-based marketing), matched against
        the actor column ``organisation``.
    actors : hashable or sequence of hashable, default=None
        Explicit actor ids.
    where : str, default=None
        A boolean expression over actor attributes (:meth:`Network.select
        <infnet.Network.select>`), e.g. ``"segment == 'fintech' and audience > 1000"``.
    within : str, default=None
        A boolean expression every target must also satisfy (intersected with the
        union of the criteria above).
    values : mapping or str, default=None
        Per-target values :math:`w_t \ge 0`. A ``str`` names a numeric actor column
        (e.g. ``"account_value"``). A mapping is keyed by **organisation** when
        `organisations` is given (every target of that organisation gets the
        account's value) and by **actor id** otherwise. Targets without a value in the
        mapping get `default_value`; keys that name non-targets are ignored.
    default_value : float, default=1.0
        Value of targets that `values` does not cover; finite and >= 0.

    Raises
    ------
    InvalidParameterError
        No selection criterion; an empty list of names; a negative, NaN or infinite
        value in a `values` mapping or `default_value`.
    InfnetTypeError
        A criterion of the wrong type.

    See Also
    --------
    infnet.algorithms.reach.direct_reach : Direct targeted reach from the weights.
    infnet.algorithms.reach.khop_reach : Value of distinct targets within k hops.

    Notes
    -----
    A `Target` is a specification, not a result: it is resolved against a network by
    :meth:`weights` in O(n_actors) time (plus the cost of evaluating expressions).
    It is immutable and hashable, and compares equal to any target built from the same
    normalised fields (a single name and a one-element list are the same).

    Examples
    --------
    >>> from infnet.synthetic import toy_network
    >>> from infnet.targets import Target
    >>> net = toy_network()
    >>> t = Target(segments="fintech", within="is_customer == False")
    >>> t.weights(net).tolist()
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.0]
    >>> Target(organisations=["Beta", "Delta"], values={"Beta": 5.0}).summary(net)
    'organisations Beta, Delta (4 actors, total value 12)'
    """

    segments: tuple[Hashable, ...] | None = None
    organisations: tuple[Hashable, ...] | None = None
    actors: tuple[Hashable, ...] | None = None
    where: str | None = None
    within: str | None = None
    values: Mapping[Hashable, float] | str | None = None
    default_value: float = 1.0

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "segments", _as_tuple(self.segments, "segments"))
        set_(self, "organisations", _as_tuple(self.organisations, "organisations"))
        set_(self, "actors", _as_tuple(self.actors, "actors"))
        for name in ("where", "within"):
            expr = getattr(self, name)
            if expr is None:
                continue
            msg = (
                f"`{name}` of {_CALLER} must be a non-empty boolean expression string "
                f"over actor attributes; got {expr!r}."
            )
            if not isinstance(expr, str):
                raise InfnetTypeError(msg)
            if not expr.strip():
                raise InvalidParameterError(msg)
            from infnet.expressions import parse

            parse(expr, caller=f"{_CALLER} ({name}=)")  # refuse bad text when built, not later
        if all(getattr(self, f) is None for f in ("segments", "organisations", "actors", "where")):
            msg = (
                f"{_CALLER} needs at least one of segments=, organisations=, actors= or where=; "
                "got none. To target every actor satisfying a condition, pass where='<expr>'."
            )
            raise InvalidParameterError(msg)
        set_(
            self,
            "default_value",
            check_float(self.default_value, name="default_value", caller=_CALLER, low=0.0),
        )
        set_(self, "values", self._normalise_values(self.values))

    def _normalise_values(self, values: Any) -> Mapping[Hashable, float] | str | None:
        if values is None or isinstance(values, str):
            return values
        if hasattr(values, "items") and not isinstance(values, Mapping):
            values = dict(values.items())  # e.g. a pandas Series
        if not isinstance(values, Mapping):
            msg = (
                f"`values` of {_CALLER} must be a mapping (actor id or organisation -> value), "
                f"the name of an actor column, or None; got {type(values).__name__}."
            )
            raise InfnetTypeError(msg)
        keyed = "organisations" if self.organisations is not None else "actor ids"
        out: dict[Hashable, float] = {}
        bad: list[Hashable] = []
        for key, v in values.items():
            if isinstance(v, bool) or not isinstance(v, numbers.Real):
                msg = (
                    f"`values` of {_CALLER} must map {keyed} to real numbers; "
                    f"{_plain(key)!r} maps to {type(v).__name__} {v!r}."
                )
                raise InfnetTypeError(msg)
            fv = float(v)
            if not (np.isfinite(fv) and fv >= 0):
                bad.append(_plain(key))
            out[_plain(key)] = fv
        if bad:
            msg = (
                f"`values` of {_CALLER} must be finite and >= 0; {keyed} {format_ids(bad)} "
                "have negative, NaN or infinite values."
            )
            raise InvalidParameterError(msg)
        return MappingProxyType(out)

    def __hash__(self) -> int:
        values = self.values
        if isinstance(values, Mapping):
            values = tuple(sorted(((repr(k), v) for k, v in values.items())))  # type: ignore[assignment]
        return hash((self.segments, self.organisations, self.actors, self.where, self.within,
                     values, self.default_value))

    # ------------------------------------------------------------------ plain data
    def to_dict(self) -> dict[str, Any]:
        """Return the plain-data (JSON-able) form of this target.

        Returns
        -------
        dict
            Keys are the field names that are set (``default_value`` always). Name
            lists become lists. A `values` mapping becomes a dict when every key is a
            string, else a list of ``[key, value]`` pairs, so integer actor ids survive
            a JSON round trip.

        See Also
        --------
        from_dict : The inverse.

        Examples
        --------
        >>> from infnet.targets import Target
        >>> Target(segments="fintech", values={"eva": 3}).to_dict()
        {'segments': ['fintech'], 'values': {'eva': 3.0}, 'default_value': 1.0}
        """
        out: dict[str, Any] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if v is None:
                continue
            if isinstance(v, tuple):
                v = list(v)
            elif isinstance(v, Mapping):
                v = (
                    dict(v)
                    if all(isinstance(k, str) for k in v)
                    else [[k, val] for k, val in v.items()]
                )
            out[f.name] = v
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Target:
        """Build a target from its plain-data form (as :meth:`to_dict` returns).

        Parameters
        ----------
        data : mapping
            Keys among ``segments``, ``organisations``, ``actors``, ``where``,
            ``within``, ``values``, ``default_value``. `values` may be a dict, a list of
            ``[key, value]`` pairs, or a column name.

        Returns
        -------
        Target
            The target; ``Target.from_dict(t.to_dict()) == t``.

        Raises
        ------
        InvalidParameterError
            For an unknown key (the closest known key is suggested), or any error the
            constructor raises.
        InfnetTypeError
            When `data` is not a mapping.

        Examples
        --------
        >>> from infnet.targets import Target
        >>> t = Target.from_dict({"segments": ["fintech"], "within": "is_customer == False"})
        >>> t.segments, t.within
        (('fintech',), 'is_customer == False')
        >>> Target.from_dict(t.to_dict()) == t
        True
        """
        if not isinstance(data, Mapping):
            msg = f"Target.from_dict needs a mapping; got {type(data).__name__}."
            raise InfnetTypeError(msg)
        known = [f.name for f in fields(cls)]
        for key in data:
            if key not in known:
                msg = (
                    f"Target.from_dict got an unknown key {key!r}.{closest(key, known)} "
                    f"Known keys: {known!r}."
                )
                raise InvalidParameterError(msg)
        kwargs = dict(data)
        values = kwargs.get("values")
        if isinstance(values, list):
            try:
                kwargs["values"] = {
                    (tuple(k) if isinstance(k, list) else k): v for k, v in values
                }
            except (TypeError, ValueError) as exc:
                msg = (
                    "Target.from_dict: a list `values` must hold [key, value] pairs; "
                    f"got {values[:3]!r}."
                )
                raise InvalidParameterError(msg) from exc
        return cls(**kwargs)

    # ------------------------------------------------------------------ resolution
    def mask(self, network: Network) -> BoolArray:
        """Return which actors of `network` the criteria select (values ignored).

        Parameters
        ----------
        network : Network
            The network to resolve against.

        Returns
        -------
        ndarray of bool of shape (n_actors,)
            True for the actors matching any criterion and satisfying `within`.

        Raises
        ------
        InvalidParameterError
            A missing ``segment`` / ``organisation`` column, an unknown segment or
            organisation (closest names suggested), or an expression that fails.
        UnknownActorError
            An id in `actors` is not in the network.

        Examples
        --------
        >>> from infnet.synthetic import toy_network
        >>> from infnet.targets import Target
        >>> Target(actors=["ana", "jo"]).mask(toy_network()).nonzero()[0].tolist()
        [0, 9]
        """
        mask = np.zeros(network.n_actors, dtype=bool)
        if self.segments is not None:
            mask |= _match(network, "segment", self.segments)
        if self.organisations is not None:
            mask |= _match(network, "organisation", self.organisations)
        if self.actors is not None:
            mask[network.index_of(list(self.actors))] = True
        if self.where is not None:
            mask |= network.select(self.where, caller=f"{_CALLER} (where=)")
        if self.within is not None:
            mask &= network.select(self.within, caller=f"{_CALLER} (within=)")
        return mask

    def weights(self, network: Network) -> FloatArray:
        """Resolve the target against a network to per-actor values.

        Parameters
        ----------
        network : Network
            The network to resolve against.

        Returns
        -------
        ndarray of float64 of shape (n_actors,)
            :math:`w_t` (>= 0) for each target, 0 for every other actor, aligned with
            ``network.actor_ids``.

        Raises
        ------
        EmptyTargetError
            When no actor is selected, or every selected actor has value 0.
        InvalidParameterError
            Unknown segment or organisation names (closest names and the known ones
            listed); a missing column; a `values` column that is not numeric, or that
            is negative, NaN or infinite for some target (ids named); an unknown
            organisation as a `values` key.
        UnknownActorError
            An id in `actors`, or an actor-id key of `values`, is not in the network.

        See Also
        --------
        summary : One-line description of the resolved target.

        Notes
        -----
        O(n_actors) plus the cost of the expressions. Values keyed by an organisation
        are given to every target of that organisation (each person at an account
        counts at the account's value); divide beforehand to share it out.

        Examples
        --------
        >>> from infnet.synthetic import toy_network
        >>> from infnet.targets import Target
        >>> Target(segments="fintech", values={"eva": 3}).weights(toy_network()).tolist()
        [0.0, 0.0, 0.0, 0.0, 3.0, 1.0, 1.0, 1.0, 1.0, 0.0]
        """
        mask = self.mask(network)
        if not mask.any():
            msg = (
                f"The target ({self._describe()}) selects none of the {network.n_actors} "
                "actors. Check the names and expressions against network.actors."
            )
            raise EmptyTargetError(msg)
        values = self._resolve_values(network, mask)
        bad = mask & ~(np.isfinite(values) & (values >= 0) & (values <= MAX_VALUE))
        if bad.any():
            ids = network.actor_ids[np.flatnonzero(bad)]
            msg = (
                f"Target values must be finite, >= 0 and <= {MAX_VALUE:g}; targets "
                f"{format_ids(ids.tolist())} have negative, NaN, infinite or larger values "
                f"(from values={_short(self.values)})."
            )
            raise InvalidParameterError(msg)
        w = np.where(mask, values, 0.0).astype(np.float64)
        if not (w > 0).any():
            msg = (
                f"The target ({self._describe()}) selects {int(mask.sum())} actors, but all "
                "have value 0. Give them positive values."
            )
            raise EmptyTargetError(msg)
        return w

    def _resolve_values(self, network: Network, mask: BoolArray) -> FloatArray:
        n = network.n_actors
        values = self.values
        if values is None:
            return np.full(n, self.default_value)
        if isinstance(values, str):
            raw = network.attribute(values)
            try:
                out = np.asarray(raw, dtype=np.float64)
            except (TypeError, ValueError) as exc:
                msg = (
                    f"`values` of {_CALLER} names the actor column {values!r}, which is not "
                    f"numeric (dtype {raw.dtype})."
                )
                raise InvalidParameterError(msg) from exc
            return out
        out = np.full(n, self.default_value)
        if self.organisations is not None:
            codes, groups = network.codes("organisation")
            keys = list(values)
            pos = groups.get_indexer(pd.Index(keys, dtype=object))
            unknown = [k for k, p in zip(keys, pos, strict=True) if p < 0]
            if unknown:
                msg = (
                    f"`values` of {_CALLER} names unknown organisations "
                    f"{format_ids(unknown)}.{closest(unknown[0], groups)} Known organisations: "
                    f"{format_ids(list(groups))}."
                )
                raise InvalidParameterError(msg)
            per_group = np.full(len(groups) + 1, np.nan)
            per_group[pos] = [values[k] for k in keys]
            mapped = per_group[codes]  # code -1 reads the trailing NaN
            return np.where(np.isnan(mapped), out, mapped)
        keys = list(values)
        out[network.index_of(keys)] = [values[k] for k in keys]
        return out

    def summary(self, network: Network) -> str:
        """Describe the resolved target in one line, for reports and shortlist reasons.

        Parameters
        ----------
        network : Network
            The network to resolve against.

        Returns
        -------
        str
            E.g. ``"segment fintech (5 actors, total value 5)"``.

        Raises
        ------
        EmptyTargetError, InvalidParameterError, UnknownActorError
            As :meth:`weights`.

        Examples
        --------
        >>> from infnet.synthetic import toy_network
        >>> from infnet.targets import Target
        >>> Target(segments="fintech").summary(toy_network())
        'segment fintech (5 actors, total value 5)'
        """
        w = self.weights(network)
        n_targets = int(np.count_nonzero(w))
        return f"{self._describe()} ({n_targets} actors, total value {float(w.sum()):g})"

    def _describe(self) -> str:
        parts = []
        for label, names in (("segment", self.segments), ("organisation", self.organisations)):
            if names is not None:
                plural = "s" if len(names) > 1 else ""
                parts.append(f"{label}{plural} {', '.join(map(str, names))}")
        if self.actors is not None:
            if len(self.actors) <= 3:
                plural = "s" if len(self.actors) > 1 else ""
                parts.append(f"actor{plural} {', '.join(map(str, self.actors))}")
            else:
                parts.append(f"{len(self.actors)} listed actors")
        if self.where is not None:
            parts.append(f"where {self.where}")
        text = " or ".join(parts)
        if self.within is not None:
            text += f" within {self.within}"
        return text


def _short(values: object) -> str:
    if isinstance(values, Mapping):
        return f"<mapping of {len(values)}>"
    return repr(values)


def _match(network: Network, column: str, names: tuple[Hashable, ...]) -> BoolArray:
    """Mask of actors whose `column` is one of `names`; unknown names raise."""
    plural = {"segment": "segments", "organisation": "organisations"}[column]
    if column not in network.actors.columns:
        cols = [str(c) for c in network.actors.columns]
        msg = (
            f"`{plural}` of {_CALLER} needs an actor column {column!r}; the actors have "
            f"{cols!r}.{closest(column, cols)} Use where='<expr>' to select on another column."
        )
        raise InvalidParameterError(msg)
    codes, groups = network.codes(column)
    pos = groups.get_indexer(pd.Index(list(names), dtype=object))
    unknown = [nm for nm, p in zip(names, pos, strict=True) if p < 0]
    if unknown:
        msg = (
            f"`{plural}` of {_CALLER} names unknown {column} {unknown[0]!r}"
            f"{f' (and {len(unknown) - 1} more)' if len(unknown) > 1 else ''}."
            f"{closest(unknown[0], groups)} Known {plural}: {format_ids(list(groups))}."
        )
        raise InvalidParameterError(msg)
    return np.isin(codes, pos)


def as_target(target: Target | Mapping[str, Any] | str, *, caller: str) -> Target:
    """Accept a target in any of its public forms and return a `Target`.

    Parameters
    ----------
    target : Target, mapping or str
        A `Target`; its plain-data form (see :meth:`Target.from_dict`); or a segment
        name as a shorthand for ``Target(segments=name)``.
    caller : str
        Name of the public function, for the error message.

    Returns
    -------
    Target
        The target.

    Raises
    ------
    InfnetTypeError
        For any other type.

    Examples
    --------
    >>> as_target("fintech", caller="doc") == Target(segments="fintech")
    True
    """
    if isinstance(target, Target):
        return target
    if isinstance(target, Mapping):
        return Target.from_dict(target)
    if isinstance(target, str):
        return Target(segments=(target,))
    msg = (
        f"`target` of {caller} must be a Target, a dict (Target.from_dict) or a segment "
        f"name; got {type(target).__name__}."
    )
    raise InfnetTypeError(msg)
