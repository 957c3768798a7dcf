"""Warm paths: who inside the focal organisation should make the introduction.

For an external actor, the **warm path** is the path of at most ``max_ties`` ties from
an internal actor to it with the highest product of tie strengths; its first actor,
the **introducer**, is the colleague best placed to make a warm introduction.

Public surface: :func:`warm_paths` and its result :class:`WarmPaths`; and
:func:`colleague_warmth`, the warm-path strength as a scoring feature, which does not
depend on an actor's own kind (for an employee: how warmly its colleagues reach it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numba
import numpy as np

from infnet._validation import check_int, check_network
from infnet.exceptions import InfnetTypeError, InvalidParameterError

if TYPE_CHECKING:
    from infnet._typing import BoolArray, FloatArray, IntArray
    from infnet.network import Network

__all__ = ["WarmPaths", "colleague_warmth", "warm_paths"]

_CARRY = -2  # predecessor marker: the best path is the one of the previous round
_START = -1  # predecessor marker: an internal actor, start of its own path


@dataclass(frozen=True, eq=False)
class WarmPaths:
    """Best warm path to every actor (result of :func:`warm_paths`).

    Parameters
    ----------
    introducer : ndarray of int64 of shape (n_actors,)
        Position of the internal actor starting the best path; the actor itself for
        an internal actor; -1 when no internal actor is within `max_ties` ties.
    strength : ndarray of float64 of shape (n_actors,)
        Product of the strengths along the best path: 1.0 for an internal actor, 0.0
        when there is no path.
    n_ties : ndarray of int64 of shape (n_actors,)
        Ties on the best path: 0 for an internal actor, -1 when there is no path.
    max_ties : int
        The bound the paths were searched with.

    See Also
    --------
    warm_paths : The function that returns it.

    Examples
    --------
    >>> from infnet.synthetic import toy_network
    >>> from infnet.algorithms.paths import warm_paths
    >>> net = toy_network()
    >>> wp = warm_paths(net)
    >>> net.actor_ids[wp.path(net.index_of("hana")[0])].tolist()
    ['cara', 'eva', 'gil', 'hana']
    """

    introducer: IntArray
    strength: FloatArray
    n_ties: IntArray
    max_ties: int
    _pred: np.ndarray = field(repr=False)

    def path(self, i: int) -> list[int]:
        """Return the best path to actor `i`, from its introducer to `i`.

        Parameters
        ----------
        i : int
            Actor position.

        Returns
        -------
        list of int
            Positions from the introducer to `i` (``n_ties[i] + 1`` of them); ``[i]``
            for an internal actor; ``[]`` when there is no path.

        Raises
        ------
        InvalidParameterError
            When `i` is not a position in ``[0, n_actors)``.
        """
        n = self.introducer.size
        i = check_int(i, name="i", caller="WarmPaths.path", low=0, high=n - 1)
        if self.introducer[i] < 0:
            return []
        out = [i]
        r, v = self._pred.shape[0] - 1, i
        while True:
            p = int(self._pred[r, v])
            if p == _START:
                break
            r -= 1
            if p != _CARRY:
                v = p
                out.append(v)
        out.reverse()
        return out


@numba.njit(cache=True, nogil=True)
def _warm_rounds(
    in_indptr: np.ndarray,
    in_indices: np.ndarray,
    in_strength: np.ndarray,
    internal: np.ndarray,
    max_ties: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """Multi-source bounded-hop max-product Bellman-Ford with per-round predecessors."""
    n = internal.size
    val = np.zeros(n, dtype=np.float64)
    intro = np.full(n, -1, dtype=np.int64)
    hops = np.full(n, -1, dtype=np.int64)
    pred = np.full((max_ties + 1, n), _CARRY, dtype=in_indices.dtype)
    for v in range(n):
        if internal[v]:
            val[v] = 1.0
            intro[v] = v
            hops[v] = 0
            pred[0, v] = _START
    new_val = val.copy()
    new_intro = intro.copy()
    new_hops = hops.copy()
    for r in range(1, max_ties + 1):
        for v in range(n):
            best = 0.0
            best_intro = -1
            best_u = -1
            for e in range(in_indptr[v], in_indptr[v + 1]):
                u = in_indices[e]
                x = val[u]
                if x == 0.0:
                    continue
                c = x * in_strength[e]
                iu = intro[u]
                if c > best or (c == best and (iu < best_intro or (iu == best_intro and u < best_u))):
                    best = c
                    best_intro = iu
                    best_u = u
            if best > val[v]:
                new_val[v] = best
                new_intro[v] = best_intro
                new_hops[v] = hops[best_u] + 1
                pred[r, v] = best_u
            else:
                new_val[v] = val[v]
                new_intro[v] = intro[v]
                new_hops[v] = hops[v]
        val, new_val = new_val, val
        intro, new_intro = new_intro, intro
        hops, new_hops = new_hops, hops
    return val, intro, hops, pred


def _internal_mask(network: Network, internal: object) -> BoolArray:
    n = network.n_actors
    if internal is None:
        if "kind" not in network.actors.columns:
            msg = (
                "warm_paths needs to know the internal actors: the actors have no 'kind' "
                "column. Build the network with focal_organisation=..., or pass "
                "internal=<boolean mask>."
            )
            raise InvalidParameterError(msg)
        return np.asarray(network.attribute("kind") == "internal", dtype=bool)
    arr = np.asarray(internal)
    if arr.dtype != np.bool_:
        msg = (
            "`internal` of warm_paths must be None or a boolean mask of shape "
            f"({n},); got dtype {arr.dtype}."
        )
        raise InfnetTypeError(msg)
    if arr.shape != (n,):
        msg = f"`internal` of warm_paths must have shape ({n},); got {arr.shape}."
        raise InvalidParameterError(msg)
    return arr


def warm_paths(
    network: Network, *, max_ties: int = 3, internal: BoolArray | None = None
) -> WarmPaths:
    r"""Find, for every actor, the internal introducer and path of highest strength.

    .. math::

        \mathrm{warm}(v) = \max_{i \in I} \; \max_{P: i \leadsto v,\, |P| \le K}
            \prod_{(a, b) \in P} s_{ab}

    over the internal actors ``I`` and paths ``P`` of at most ``K = max_ties`` ties
    following the direction of influence (``i -> ... -> v``).

    Parameters
    ----------
    network : Network
        The network.
    max_ties : int, default=3
        Longest path considered, in ties (>= 1).
    internal : ndarray of bool of shape (n_actors,), optional
        Which actors are internal. By default, those whose ``kind`` is ``"internal"``.

    Returns
    -------
    WarmPaths
        Per actor: ``introducer`` (position, -1 when none), ``strength`` (product of
        strengths, 0.0 when none) and ``n_ties``; ``path(i)`` rebuilds the path.

    Raises
    ------
    InvalidParameterError
        `max_ties` < 1, a mask of the wrong shape, or ``internal=None`` on a network
        without a ``kind`` column.
    InfnetTypeError
        `internal` that is not a boolean mask.

    See Also
    --------
    infnet.algorithms.diffusion.expected_reach : Reach of a set through cascades.

    Notes
    -----
    A multi-source Bellman-Ford over the ties into each actor, run for `max_ties`
    rounds: round ``r`` keeps, for every actor, the best product over paths of at most
    ``r`` ties, and stores the chosen predecessor per round so that ``path`` rebuilds
    exactly the path whose product is reported. Compiled (numba); O(max_ties *
    (n_actors + n_ties)) time, ``max_ties + 1`` predecessor arrays of
    ``n_actors`` entries (4 bytes each below 2**31 ties) of memory.

    Strengths are at most 1, so a walk that repeats an actor is never better than the
    path without the loop, and the best path starts at the last internal actor on it.
    Ties in product go to the shorter path (a path found in an earlier round is kept
    unless strictly beaten), then to the smaller introducer position, then to the
    smaller predecessor position: the result is deterministic.

    **Conventions.** An internal actor is its own introducer, with a path of 0 ties and
    strength 1.0 (the empty product): it needs no introduction. An actor with no
    internal actor within `max_ties` ties (an isolated actor, or every actor when
    there is no internal one) gets introducer -1, strength 0.0 and ``n_ties`` -1.

    **Direction.** The introduction flows along ties ``source -> target`` (from the
    internal actor towards the external one), as influence does; undirected ties are
    used both ways.

    Examples
    --------
    >>> import numpy as np
    >>> from infnet.synthetic import toy_network
    >>> from infnet.algorithms.paths import warm_paths
    >>> net = toy_network()
    >>> wp = warm_paths(net)
    >>> eva, hana, jo = net.index_of(["eva", "hana", "jo"])
    >>> net.actor_ids[wp.introducer[eva]], round(float(wp.strength[eva]), 3)
    ('cara', 0.4)
    >>> round(float(wp.strength[hana]), 3), int(wp.n_ties[hana])
    (0.04, 3)
    >>> int(wp.introducer[jo]), float(wp.strength[jo])
    (-1, 0.0)
    """
    check_network(network, caller="warm_paths")
    max_ties = check_int(max_ties, name="max_ties", caller="warm_paths", low=1)
    mask = _internal_mask(network, internal)
    m = network.in_matrix()
    val, intro, hops, pred = _warm_rounds(
        m.indptr, m.indices, m.data, mask, max_ties
    )
    return WarmPaths(
        introducer=intro, strength=val, n_ties=hops, max_ties=max_ties, _pred=pred
    )


@numba.njit(cache=True, nogil=True, inline="always")
def _colleague_row(in_indptr: np.ndarray, in_indices: np.ndarray, in_strength: np.ndarray,
                  v1: np.ndarray, i1: np.ndarray, v2: np.ndarray, i2: np.ndarray,
                  v: int) -> tuple[float, int, float, int]:  # pragma: no cover - compiled
    """One round for actor `v`: its two best (value, introducer) pairs with distinct introducers.

    Reads the previous round's pairs of all actors (``v1, i1`` best, ``v2, i2`` second);
    shared by :func:`_colleague_rounds` and the Dask engine's block kernel, so both give
    the same values.
    """
    b1, c1, b2, c2 = v1[v], i1[v], v2[v], i2[v]
    for e in range(in_indptr[v], in_indptr[v + 1]):
        u = in_indices[e]
        s = in_strength[e]
        for slot in range(2):
            x = v1[u] if slot == 0 else v2[u]
            iu = i1[u] if slot == 0 else i2[u]
            if x == 0.0:
                continue
            c = x * s
            if iu == c1:
                b1 = max(b1, c)
            elif iu == c2:
                if c > b2:
                    b2 = c
                    if b2 > b1:
                        b1, c1, b2, c2 = b2, c2, b1, c1
            elif c > b1:
                b2, c2 = b1, c1
                b1, c1 = c, iu
            elif c > b2:
                b2, c2 = c, iu
    return b1, c1, b2, c2


@numba.njit(cache=True, nogil=True)
def _colleague_rounds(
    in_indptr: np.ndarray,
    in_indices: np.ndarray,
    in_strength: np.ndarray,
    internal: np.ndarray,
    max_ties: int,
) -> np.ndarray:  # pragma: no cover - compiled
    """Bounded max-product paths keeping the two best distinct introducers per actor."""
    n = internal.size
    v1 = np.zeros(n, dtype=np.float64)
    v2 = np.zeros(n, dtype=np.float64)
    i1 = np.full(n, -1, dtype=np.int64)
    i2 = np.full(n, -1, dtype=np.int64)
    for v in range(n):
        if internal[v]:
            v1[v] = 1.0
            i1[v] = v
    w1, w2, j1s, j2s = v1.copy(), v2.copy(), i1.copy(), i2.copy()
    for _ in range(max_ties):
        for v in range(n):
            w1[v], j1s[v], w2[v], j2s[v] = _colleague_row(in_indptr, in_indices, in_strength,
                                                         v1, i1, v2, i2, v)
        v1, w1 = w1, v1
        v2, w2 = w2, v2
        i1, j1s = j1s, i1
        i2, j2s = j2s, i2
    out = np.empty(n, dtype=np.float64)
    for v in range(n):
        out[v] = v2[v] if i1[v] == v else v1[v]
    return out


def colleague_warmth(
    network: Network, *, max_ties: int = 3, internal: BoolArray | None = None
) -> FloatArray:
    r"""Strength of the best warm path to each actor from an internal actor other than itself.

    .. math::

        \mathrm{warm}_{-}(v) = \max_{i \in I \setminus \{v\}} \; \max_{P: i \leadsto v,\,
            |P| \le K} \prod_{(a, b) \in P} s_{ab}

    For an external actor this is :func:`warm_paths`' strength. For an internal actor
    it is not the 1.0 of "its own introducer" but how warmly its colleagues reach it,
    measured exactly as for an external actor. As a scoring feature it therefore does
    not depend on an actor's own kind: two actors with the same ties get the same
    value whichever of them is the employee, so no constant bonus tilts a mixed
    (internal and external) shortlist towards employees.

    Parameters
    ----------
    network : Network
        The network.
    max_ties : int, default=3
        Longest path considered, in ties (>= 1).
    internal : ndarray of bool of shape (n_actors,), optional
        Which actors are internal. By default, those whose ``kind`` is ``"internal"``.

    Returns
    -------
    ndarray of float64 of shape (n_actors,)
        In [0, 1]; 0.0 when no other internal actor is within `max_ties` ties.

    Raises
    ------
    InvalidParameterError
        As :func:`warm_paths`.
    InfnetTypeError
        As :func:`warm_paths`.

    See Also
    --------
    warm_paths : The best path itself, with its introducer.

    Notes
    -----
    The same bounded Bellman-Ford as :func:`warm_paths`, keeping for every actor the
    two best paths from *distinct* introducers (the best path from introducers other
    than `v` is the first of the two unless `v` is its introducer, then the second):
    exact, O(max_ties * (n_actors + n_ties)) time, O(n_actors) memory. Compiled
    (numba).

    Examples
    --------
    >>> from infnet.synthetic import toy_network
    >>> net = toy_network()
    >>> w = colleague_warmth(net)
    >>> ana, cara, eva = net.index_of(["ana", "cara", "eva"])
    >>> round(float(w[ana]), 2), round(float(w[cara]), 2), round(float(w[eva]), 2)
    (0.9, 0.8, 0.4)
    """
    check_network(network, caller="colleague_warmth")
    max_ties = check_int(max_ties, name="max_ties", caller="colleague_warmth", low=1)
    mask = _internal_mask(network, internal)
    m = network.in_matrix()
    out: FloatArray = _colleague_rounds(m.indptr, m.indices, m.data, mask, max_ties)
    return out
