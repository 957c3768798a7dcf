"""Input validation at the public boundary (private).

Messages follow one pattern: which caller, which parameter, the rule, the value
received, and a fix when there is one.
"""

from __future__ import annotations

import difflib
import numbers
import re
from collections.abc import Collection, Iterable, Sequence
from typing import Any

import numpy as np

from infnet._typing import RngLike
from infnet.exceptions import (
    InfnetTypeError,
    InvalidParameterError,
    MissingColumnError,
    NotFittedError,
)

__all__ = [
    "MAX_VALUE",
    "check_actor_values",
    "check_bool",
    "check_columns",
    "check_float",
    "check_int",
    "check_is_fitted",
    "check_n_jobs",
    "check_network",
    "check_option",
    "check_rng",
    "closest",
    "format_ids",
]

#: Largest per-actor value (target value, seed weight) and column magnitude infnet accepts.
#: Sums of up to 1e9 such values stay far from float64 overflow (1.8e308), and products
#: with strengths in (0, 1] stay normal, so no solver or kernel overflows or underflows.
MAX_VALUE = 1e100

#: Smallest tie strength infnet accepts: strengths below it are subnormal-adjacent
#: (1e-300 * 1e-8 underflows) and make iterative solvers lose their mass.
MIN_STRENGTH = 1e-12


def _normalised(name: object) -> str:
    """``name`` without surrounding whitespace, case, or ``_``/``-``/space separators."""
    return re.sub(r"[\s_\-]+", "", str(name)).casefold()


def closest(name: object, choices: Iterable[object]) -> str:
    """Return a ``" Did you mean 'x'?"`` hint, or ``""`` when nothing is close.

    A choice that differs from `name` only in case, surrounding whitespace or
    ``_``/``-``/space separators (``" Strength"``, ``"SOURCE"``, ``"actor id"``) is
    suggested first; otherwise the closest spelling (difflib ratio >= 0.6), compared
    as written and then in that normalised form.

    Parameters
    ----------
    name : object
        What the caller passed (a column name, an option, a measure name); compared
        through ``str(name)``.
    choices : iterable of object
        The valid spellings, compared through ``str``; the first of several equally
        close choices wins.

    Returns
    -------
    str
        ``" Did you mean 'x'?"`` with a leading space, ready to append to a message,
        or ``""``.

    Examples
    --------
    >>> from infnet._validation import closest
    >>> closest("Strength ", ["source", "target", "strength"])
    " Did you mean 'strength'?"
    >>> closest("colour", ["source", "target"])
    ''
    """
    options = [str(c) for c in choices]
    key = _normalised(name)
    match = [o for o in options if o != str(name) and _normalised(o) == key][:1]
    if not match:
        match = difflib.get_close_matches(str(name), options, n=1, cutoff=0.6)
    if not match and key:
        normalised = {_normalised(o): o for o in reversed(options)}  # first spelling wins
        near = difflib.get_close_matches(key, list(normalised), n=1, cutoff=0.6)
        match = [normalised[near[0]]] if near else []
    return f" Did you mean {match[0]!r}?" if match else ""


def _plain(value: object) -> object:
    """NumPy scalars (also inside tuples) as Python scalars, so reprs read as the caller wrote them."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    return value


def format_ids(ids: Sequence[object] | np.ndarray, total: int | None = None) -> str:
    """Format the first five offending ids and the count, e.g. ``'a', 'b' (2 in all)``.

    Parameters
    ----------
    ids : sequence or ndarray
        The offending ids (or positions); only the first five are shown, NumPy
        scalars as the Python scalars they hold.
    total : int, optional
        How many offend in all, when `ids` holds only the first few; ``len(ids)``
        by default.

    Returns
    -------
    str
        The reprs joined by ``", "``, then ``", ... (N in all)"`` when some are not
        shown, else ``" (N in all)"``.

    Examples
    --------
    >>> from infnet._validation import format_ids
    >>> format_ids(["a", "b"])
    "'a', 'b' (2 in all)"
    >>> format_ids(list(range(8)))
    '0, 1, 2, 3, 4, ... (8 in all)'
    """
    items = list(ids[:5])
    count = len(ids) if total is None else total
    shown = ", ".join(repr(_plain(i)) for i in items)
    more = f", ... ({count} in all)" if count > len(items) else f" ({count} in all)"
    return shown + more


def check_columns(
    frame_columns: Collection[object], required: dict[str, object], *, frame: str
) -> None:
    """Raise `MissingColumnError` naming the first mapped column that is absent.

    Parameters
    ----------
    frame_columns : collection
        Columns present in the frame.
    required : dict
        Mapping parameter name -> column name expected.
    frame : str
        Name of the frame in messages (``"ties"`` or ``"actors"``).
    """
    present = list(frame_columns)
    for param, column in required.items():
        if column not in present:
            hint = closest(column, present)
            if hint and any(
                isinstance(c, str) and _normalised(c) == _normalised(column) for c in present
            ):
                hint += " (the names differ only in case, whitespace or separators)"
            msg = (
                f"{frame} has no column {column!r} (the {param}= column).{hint} "
                f"Columns present: {present[:20]!r}. Pass {param}='<column name>' or "
                "rename the column."
            )
            raise MissingColumnError(msg)


def check_option(value: object, *, name: str, caller: str, options: Sequence[str]) -> str:
    """Check that `value` is one of `options` (strings) and return it.

    Parameters
    ----------
    value : object
        What the caller passed.
    name : str
        The parameter named in the message.
    caller : str
        The public function the user called, named in the message.
    options : sequence of str
        The accepted values; matching is exact (no case folding), a near miss gets a
        "Did you mean" hint.

    Returns
    -------
    str
        `value` unchanged.

    Raises
    ------
    InvalidParameterError
        When `value` is not a str or not one of `options`.

    Examples
    --------
    >>> from infnet._validation import check_option
    >>> check_option("both", name="kind", caller="rank_influentials",
    ...              options=["internal", "external", "both"])
    'both'
    """
    if not isinstance(value, str) or value not in options:
        hint = closest(value, options) if isinstance(value, str) else ""
        msg = f"`{name}` of {caller} must be one of {list(options)!r}; got {value!r}.{hint}"
        raise InvalidParameterError(msg)
    return value


def _interval_text(low: float | None, high: float | None, closed: str) -> str:
    left = "[" if closed in ("both", "left") else "("
    right = "]" if closed in ("both", "right") else ")"
    lo = "-inf" if low is None else repr(low)
    hi = "inf" if high is None else repr(high)
    return f"{left}{lo}, {hi}{right}"


def _in_interval(v: float, low: float | None, high: float | None, closed: str) -> bool:
    if low is not None and (v < low or (v == low and closed not in ("both", "left"))):
        return False
    return not (high is not None and (v > high or (v == high and closed not in ("both", "right"))))


def check_float(
    value: Any,
    *,
    name: str,
    caller: str,
    low: float | None = None,
    high: float | None = None,
    closed: str = "both",
) -> float:
    """Check a real number lies in an interval and return it as ``float``.

    Parameters
    ----------
    value : Any
        What the caller passed: a real number (Python or NumPy), not a bool.
    name : str
        The parameter named in messages.
    caller : str
        The public function the user called, named in messages.
    low, high : float, optional
        Bounds of the interval; None leaves that side unbounded.
    closed : {"both", "left", "right", "neither"}, default="both"
        Which bounds belong to the interval.

    Returns
    -------
    float
        ``float(value)``, finite and in the interval.

    Raises
    ------
    InfnetTypeError
        For a bool or anything that is not a real number.
    InvalidParameterError
        For NaN, an infinity, or a value outside the interval.

    Examples
    --------
    >>> from infnet._validation import check_float
    >>> check_float(0.85, name="damping", caller="pagerank", low=0, high=1, closed="left")
    0.85
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        msg = f"`{name}` of {caller} must be a real number; got {type(value).__name__} {value!r}."
        raise InfnetTypeError(msg)
    v = float(value)
    if not np.isfinite(v) or not _in_interval(v, low, high, closed):
        msg = (
            f"`{name}` of {caller} must be a float in {_interval_text(low, high, closed)}; "
            f"got {value!r}."
        )
        raise InvalidParameterError(msg)
    return v


def check_int(
    value: Any,
    *,
    name: str,
    caller: str,
    low: int | None = None,
    high: int | None = None,
) -> int:
    """Check an integer lies in the closed interval ``[low, high]`` and return it.

    Parameters
    ----------
    value : Any
        What the caller passed: an integer (Python or NumPy), not a bool; a float
        such as ``3.0`` is refused.
    name : str
        The parameter named in messages.
    caller : str
        The public function the user called, named in messages.
    low, high : int, optional
        Inclusive bounds; None leaves that side unbounded.

    Returns
    -------
    int
        ``int(value)``, in ``[low, high]``.

    Raises
    ------
    InfnetTypeError
        For a bool, a float or any other non-integer.
    InvalidParameterError
        For an integer outside ``[low, high]``.

    Examples
    --------
    >>> from infnet._validation import check_int
    >>> check_int(20, name="k", caller="rank_influentials", low=1)
    20
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        msg = f"`{name}` of {caller} must be an integer; got {type(value).__name__} {value!r}."
        raise InfnetTypeError(msg)
    v = int(value)
    if (low is not None and v < low) or (high is not None and v > high):
        msg = (
            f"`{name}` of {caller} must be an integer in {_interval_text(low, high, 'both')}; "
            f"got {value!r}."
        )
        raise InvalidParameterError(msg)
    return v


def check_bool(value: Any, *, name: str, caller: str) -> bool:
    """Check that `value` is a bool (``True``/``False`` or a NumPy bool) and return it.

    Strings such as ``"false"``, integers and None are refused: ``bool("false")`` is
    True, so coercing would silently invert what the caller meant.

    Parameters
    ----------
    value : Any
        What the caller passed.
    name : str
        The parameter named in the message.
    caller : str
        The public function the user called, named in the message.

    Returns
    -------
    bool
        `value` as a Python bool.

    Raises
    ------
    InfnetTypeError
        For anything that is not a Python or NumPy bool.

    Examples
    --------
    >>> import numpy as np
    >>> from infnet._validation import check_bool
    >>> check_bool(np.True_, name="directed", caller="Network.from_frames")
    True
    """
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    msg = (
        f"`{name}` of {caller} must be True or False; got {type(value).__name__} {value!r}."
    )
    raise InfnetTypeError(msg)


def check_network(network: Any, *, caller: str) -> Any:
    """Check that `network` is an :class:`infnet.Network` and return it.

    Parameters
    ----------
    network : Any
        What the caller passed as its network.
    caller : str
        The public function the user called, named in the message.

    Returns
    -------
    Network
        `network` unchanged.

    Raises
    ------
    InfnetTypeError
        Naming the caller and the type received, with a hint for file paths
        (`infnet.read_network`) and networkx / igraph graphs (``Network.from_*``).

    Examples
    --------
    >>> from infnet._validation import check_network
    >>> from infnet.synthetic import toy_network
    >>> net = toy_network()
    >>> check_network(net, caller="pagerank") is net
    True
    """
    from infnet.network import Network  # late: network.py imports this module

    if not isinstance(network, Network):
        hint = ""
        if isinstance(network, (str, bytes)):
            hint = " To read files, use infnet.read_network(actors, ties)."
        elif type(network).__module__.startswith(("networkx", "igraph")):
            hint = " Convert it with Network.from_networkx(...) or Network.from_igraph(...)."
        msg = (
            f"`network` of {caller} must be an infnet Network; got "
            f"{type(network).__name__}.{hint}"
        )
        raise InfnetTypeError(msg)
    return network


def check_actor_values(
    values: Any,
    *,
    n_actors: int,
    name: str,
    caller: str,
    allow_empty: bool = True,
    actor_ids: Sequence[object] | None = None,
) -> np.ndarray:
    """Check a per-actor value vector (target values, seeds, costs): the one contract.

    Parameters
    ----------
    values : array-like of shape (n_actors,)
        Numbers, one per actor in matrix order.
    n_actors : int
        Expected length.
    name, caller : str
        Parameter and function named in messages.
    allow_empty : bool, default=True
        When False, an all-zero vector raises `EmptyTargetError`.
    actor_ids : sequence, optional
        Actor ids (matrix order) used to name offending actors; positions otherwise.

    Returns
    -------
    ndarray of float64 of shape (n_actors,)
        A contiguous copy (the caller's array is never modified), finite, in
        ``[0, MAX_VALUE]``.

    Raises
    ------
    InfnetTypeError
        For boolean, complex, object or string values (a boolean mask is not a value:
        convert it with ``mask.astype(float)``).
    InvalidParameterError
        For a wrong shape, or values that are NaN, infinite, negative or above
        `MAX_VALUE`.
    EmptyTargetError
        When every value is 0 and `allow_empty` is False.
    """
    from infnet.exceptions import EmptyTargetError

    arr = np.asarray(values)
    if arr.dtype == np.bool_ or arr.dtype.kind not in "iuf":
        msg = (
            f"`{name}` of {caller} must be a numeric (int or float) array of one value per "
            f"actor; got dtype {arr.dtype}."
        )
        if arr.dtype == np.bool_:
            msg += " Convert a boolean mask with mask.astype(float)."
        raise InfnetTypeError(msg)
    if arr.shape != (n_actors,):
        msg = (
            f"`{name}` of {caller} must have shape ({n_actors},) (one value per actor, in "
            f"matrix order); got shape {arr.shape}."
        )
        raise InvalidParameterError(msg)
    arr = np.array(arr, dtype=np.float64, order="C", copy=True)
    bad = ~(np.isfinite(arr) & (arr >= 0) & (arr <= MAX_VALUE))
    if bad.any():
        where = np.flatnonzero(bad)
        who = (
            f"actors {format_ids([actor_ids[i] for i in where[:5].tolist()], where.size)}"
            if actor_ids is not None
            else f"positions {format_ids(where[:5].tolist(), where.size)}"
        )
        msg = (
            f"`{name}` of {caller} must be finite, >= 0 and <= {MAX_VALUE:g}; {who} break "
            f"this (first value {float(arr[where[0]])!r})."
        )
        raise InvalidParameterError(msg)
    if not allow_empty and not arr.any():
        msg = f"`{name}` of {caller} selects no actor: every value is 0."
        raise EmptyTargetError(msg)
    return arr


def check_n_jobs(n_jobs: Any, *, caller: str) -> int:
    """Resolve ``n_jobs`` to a number of threads: the one thread policy.

    ``None`` means every core this process may use (its CPU affinity), ``-1`` the
    same, a positive integer that many (capped at the usable cores). Results never
    depend on it: parallel kernels split work so that the output is the same on any
    number of threads.

    Parameters
    ----------
    n_jobs : int or None
        What the caller passed: None, -1 or a positive integer.
    caller : str
        The public function the user called, named in messages.

    Returns
    -------
    int
        Threads to use, at least 1.

    Raises
    ------
    InfnetTypeError
        For a non-integer (a bool or float included).
    InvalidParameterError
        For 0 or an integer below -1.

    Examples
    --------
    >>> from infnet._validation import check_n_jobs
    >>> check_n_jobs(1, caller="betweenness_centrality")
    1
    """
    try:
        import os

        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        import os

        usable = os.cpu_count() or 1
    if n_jobs is None:
        return max(1, usable)
    n = check_int(n_jobs, name="n_jobs", caller=caller, low=-1)
    if n == 0:
        msg = f"`n_jobs` of {caller} must be a positive integer, -1 or None; got 0."
        raise InvalidParameterError(msg)
    return max(1, usable) if n == -1 else min(n, max(1, usable))


def check_rng(rng: RngLike) -> np.random.Generator:
    """Turn an ``rng`` argument into a `numpy.random.Generator` (SPEC 7).

    Parameters
    ----------
    rng : int, Generator, SeedSequence or None
        Seed or generator. ``None`` draws fresh entropy.

    Returns
    -------
    Generator
        ``rng`` itself when it is already a Generator, else ``np.random.default_rng(rng)``.

    Raises
    ------
    InfnetTypeError
        For a legacy ``RandomState`` or any other type.
    """
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, np.random.RandomState):
        msg = (
            "`rng` must be an int, numpy.random.Generator, SeedSequence or None; got a legacy "
            "RandomState. Convert it with np.random.default_rng(random_state.randint(2**32))."
        )
        raise InfnetTypeError(msg)
    if rng is None or isinstance(rng, np.random.SeedSequence) or (
        isinstance(rng, numbers.Integral) and not isinstance(rng, bool)
    ):
        if isinstance(rng, numbers.Integral) and int(rng) < 0:
            msg = f"`rng` seed must be a non-negative integer; got {rng!r}."
            raise InvalidParameterError(msg)
        return np.random.default_rng(rng)
    msg = (
        "`rng` must be an int, numpy.random.Generator, SeedSequence or None; "
        f"got {type(rng).__name__}."
    )
    raise InfnetTypeError(msg)


def check_is_fitted(estimator: object, attributes: Sequence[str]) -> None:
    """Raise `NotFittedError` unless every attribute in `attributes` is set.

    Parameters
    ----------
    estimator : object
        The object whose fitted state is read (sklearn's convention: ``fit`` sets
        the ``*_`` attributes, readers check them first).
    attributes : sequence of str
        Attribute names that ``fit`` sets; an attribute that is absent or None
        counts as not set.

    Raises
    ------
    NotFittedError
        Naming the class and the first attribute not set.
    """
    missing = [a for a in attributes if getattr(estimator, a, None) is None]
    if missing:
        msg = (
            f"This {type(estimator).__name__} is not fitted yet: call fit(network, ...) "
            f"before reading {missing[0]!r}."
        )
        raise NotFittedError(msg)
