r"""Expected targeted reach under the independent cascade, from reverse-reachable sets.

A set of actors ``S`` starts an **independent cascade**: each newly activated actor
``u`` gets one chance to activate each out-neighbour ``v`` through the tie ``u -> v``,
which succeeds with probability ``p_uv`` (see :func:`activation_probabilities`). The
**expected targeted reach** of ``S`` is the expected total value of the targets that
end up active (seeds count when they are targets themselves):

.. math::

    \sigma_w(S) = \mathbb{E}\Big[\sum_{t \in A(S)} w_t\Big].

It is estimated from **reverse-reachable (RR) sets** (Borgs et al. 2014): draw a root
``t`` with probability ``w_t / W`` (``W = sum_t w_t``), keep each tie independently
with its probability, and collect every actor that reaches ``t`` through kept ties.
Then ``sigma_w(S) = W * P(S hits the RR set)``, so the fraction of RR sets hit by
``S``, times ``W``, is an unbiased estimate; greedy maximum coverage over the sets
chooses complementary actors (Tang, Shi & Xiao's IMM gives the sample size).

.. _default-cascade-model:

**Default cascade model.** Every function here (and ``rank_influentials``) defaults to
the **weighted cascade**, ``p_uv = 1 / d_in(v)`` (Kempe et al. 2003): the probabilities
into each actor sum to 1, so an actor with many incoming ties is hard to sway through
any single one, and the reach stays meaningful on small dense networks, where a
strength cascade at ``transmissibility=0.5`` lets two actors "reach" every target with
near certainty. ``model="strength"`` (``p_uv = transmissibility * s_uv``) and
``model="constant"`` (``p_uv = p``) remain available; see
:func:`activation_probabilities`. This is the one place the choice is documented.

**Row order does not matter.** Sampling runs on the network relabelled into canonical
order (actors sorted by id, ``infnet.algorithms._canonical``) and results are mapped
back, so the same seed gives the same sets, estimates and selections whatever the row
order of the input frames; greedy ties go to the smaller actor id. Results never depend
on ``n_jobs`` either.

**Sizes.** At most ``MAX_SETS`` (10**8) RR sets are drawn in one sample, and a sample
whose minimal memory (32 bytes per set) exceeds the available memory is refused with
`ResourceLimitError` before anything is allocated; a `MemoryError` while sampling is
raised as `ResourceLimitError` naming ``n_sets``.

Public surface: :func:`activation_probabilities`, :class:`RRSampler`,
:class:`ReachEstimate`, :func:`expected_reach`, :func:`simulate_cascade`,
:func:`imm` and :class:`IMMResult`.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, cast

import numba
import numpy as np
from scipy import sparse

from infnet import _progress
from infnet._validation import (
    check_actor_values,
    check_float,
    check_int,
    check_is_fitted,
    check_n_jobs,
    check_network,
    check_option,
    check_rng,
)
from infnet.algorithms import _canonical
from infnet.algorithms._traversal import heap_pop, heap_push, run_chunks, uniform
from infnet.exceptions import (
    ApproximationWarning,
    InfnetTypeError,
    InvalidParameterError,
    ResourceLimitError,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from infnet._typing import BoolArray, FloatArray, IntArray, RngLike
    from infnet.network import Network

__all__ = [
    "MAX_SETS",
    "IMMResult",
    "RRSampler",
    "ReachEstimate",
    "activation_probabilities",
    "expected_reach",
    "imm",
    "simulate_cascade",
]

CascadeModel = Literal["strength", "weighted_cascade", "constant"]
_MODELS = ("strength", "weighted_cascade", "constant")
_CHUNK = 1 << 15  # RR sets (or cascade runs) per compiled call

#: Largest number of RR sets (``n_sets``, ``max_sets``) or cascade runs one call draws.
MAX_SETS = 10**8
#: Smallest memory one RR set needs: indptr (8) + root (8) + seed (8) + one member
#: with its inverse-index entry (8), in bytes.
_BYTES_PER_SET = 32


# ---------------------------------------------------------------------------- results
@dataclass(frozen=True)
class ReachEstimate:
    """An estimate of expected targeted reach with its standard error.

    Usable as a float: ``float(estimate)`` is its ``value``.

    Parameters
    ----------
    value : float
        The estimate, in units of target value (``sum of w`` when every target is reached).
    stderr : float
        Its standard error.
    n_samples : int
        Number of RR sets (or, for :func:`simulate_cascade`, cascade runs) behind it.

    See Also
    --------
    expected_reach, simulate_cascade, RRSampler.estimate : Functions that return one.

    Examples
    --------
    >>> from infnet.algorithms.diffusion import ReachEstimate
    >>> est = ReachEstimate(value=2.5, stderr=0.1, n_samples=1000)
    >>> float(est) + 1
    3.5
    """

    value: float
    stderr: float
    n_samples: int

    def __float__(self) -> float:
        return float(self.value)


@dataclass(frozen=True)
class IMMResult:
    """Result of :func:`imm`: the chosen actors, their marginal gains and the sample.

    Parameters
    ----------
    selected : ndarray of int64
        Chosen actor positions, in pick order.
    gains : ndarray of float64
        Marginal expected targeted reach of each pick, in units of target value, on the
        final sample; ``gains.sum()`` estimates the reach of the whole set.
    theta : int
        Number of RR sets in the final sample.
    lower_bound : float
        The lower bound on the optimum used to size the sample.
    sampler : RRSampler
        The fitted sampler holding the final sample (reuse it to estimate other sets).

    See Also
    --------
    imm : The function that returns it.

    Examples
    --------
    >>> from infnet.algorithms.diffusion import imm
    >>> from infnet.synthetic import toy_network
    >>> import numpy as np
    >>> net = toy_network()
    >>> w = (net.attribute("segment") == "fintech").astype(float)
    >>> res = imm(net, w, 1, rng=0)
    >>> res.selected.size, res.theta > 0
    (1, True)
    """

    selected: IntArray
    gains: FloatArray
    theta: int
    lower_bound: float
    sampler: RRSampler

    @property
    def value(self) -> float:
        """Estimated expected targeted reach of the whole selected set.

        Returns
        -------
        float
            ``gains.sum()``, in units of target value.
        """
        return float(self.gains.sum())


# ---------------------------------------------------------------------------- validation
def _check_w(w: Any, network: Network, caller: str) -> FloatArray:
    """Check target values with the shared per-actor contract.

    An all-zero `w` is an error here (`EmptyTargetError`): no RR set can be rooted and
    every reach would be 0.
    """
    return check_actor_values(
        w, n_actors=network.n_actors, name="w", caller=caller, allow_empty=False,
        actor_ids=cast("Sequence[object]", network.actor_ids),
    )


def _available_memory() -> int | None:
    """Bytes of memory available to this process (MemAvailable), or None if unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):  # pragma: no cover - not Linux
        pass
    return None


def _check_size(n_sets: Any, *, name: str, caller: str) -> int:
    """Check an RR-set count: in [1, MAX_SETS] and its minimal memory available."""
    n = check_int(n_sets, name=name, caller=caller, low=1)
    if n > MAX_SETS:
        msg = (
            f"`{name}` of {caller} must be at most {MAX_SETS:,} (the limit on RR sets per "
            f"sample); got {n:,}."
        )
        raise ResourceLimitError(msg)
    avail = _available_memory()
    need = n * _BYTES_PER_SET
    if avail is not None and need > avail:
        msg = (
            f"`{name}` of {caller}: {n:,} RR sets need at least {need / 2**30:.1f} GiB, "
            f"more than the {avail / 2**30:.1f} GiB available (limit {avail // _BYTES_PER_SET:,} "
            "sets now). Lower it."
        )
        raise ResourceLimitError(msg)
    return n


def _as_mask(actors: Any, n: int, name: str, caller: str) -> BoolArray:
    """Turn positions or a boolean mask into a boolean mask of shape (n,)."""
    arr = np.asarray(actors)
    if arr.dtype == np.bool_:
        if arr.shape != (n,):
            msg = f"`{name}` of {caller} as a boolean mask must have shape ({n},); got {arr.shape}."
            raise InvalidParameterError(msg)
        return arr.copy()
    if arr.size == 0:
        return np.zeros(n, dtype=bool)
    if not np.issubdtype(arr.dtype, np.integer):
        msg = (
            f"`{name}` of {caller} must be integer actor positions or a boolean mask; "
            f"got dtype {arr.dtype}. Map ids with network.index_of(ids)."
        )
        raise InfnetTypeError(msg)
    arr = arr.ravel()
    bad = (arr < 0) | (arr >= n)
    if bad.any():
        msg = (
            f"`{name}` of {caller} must hold positions in [0, {n}); got "
            f"{arr[bad][:5].tolist()} ({int(bad.sum())} out of range)."
        )
        raise InvalidParameterError(msg)
    mask = np.zeros(n, dtype=bool)
    mask[arr] = True
    return mask


def _check_model(
    model: str, transmissibility: Any, p: Any, caller: str
) -> tuple[CascadeModel, float, float]:
    checked = cast("CascadeModel", check_option(model, name="model", caller=caller, options=_MODELS))
    t = check_float(
        transmissibility, name="transmissibility", caller=caller, low=0.0, high=1.0, closed="right"
    )
    q = check_float(p, name="p", caller=caller, low=0.0, high=1.0, closed="right")
    return checked, t, q


# ---------------------------------------------------------------------------- models
def activation_probabilities(
    network: Network,
    *,
    model: CascadeModel = "weighted_cascade",
    transmissibility: float = 0.5,
    p: float = 0.1,
) -> FloatArray:
    r"""Return the activation probability of every stored tie under a cascade model.

    A tie ``u -> v`` (influence flows from ``u`` to ``v``) activates ``v`` with

    .. math::

        p_{uv} = \begin{cases}
            \tau \, s_{uv} & \text{model="strength"} \\
            1 / d^{in}(v) & \text{model="weighted_cascade"} \\
            p & \text{model="constant"}
        \end{cases}

    where ``s_uv`` is the tie strength, ``tau`` the transmissibility and ``d_in(v)`` the
    number of ties into ``v``.

    Parameters
    ----------
    network : Network
        The network.
    model : {"strength", "weighted_cascade", "constant"}, default="weighted_cascade"
        Cascade model; why the weighted cascade is the default is explained in the module
        docstring (:mod:`infnet.algorithms.diffusion`).
    transmissibility : float, default=0.5
        Factor ``tau`` in (0, 1] applied to strengths (model ``"strength"``).
    p : float, default=0.1
        Probability in (0, 1] of every tie (model ``"constant"``).

    Returns
    -------
    ndarray of shape (n_entries,)
        One probability in (0, 1] per stored tie, aligned with ``network.strength.data``
        (an undirected tie is stored both ways and gets a probability each way).

    Raises
    ------
    InvalidParameterError
        Unknown model, or a parameter outside (0, 1].

    See Also
    --------
    RRSampler : Reverse-reachable sets under these probabilities.

    Notes
    -----
    O(n_ties). In the weighted cascade of Kempe et al. [1]_ the probabilities into each
    actor sum to 1; for an undirected network the in-degree is the degree.

    References
    ----------
    .. [1] Kempe, D., Kleinberg, J. & Tardos, É. (2003). Maximizing the spread of
       influence through a social network. *KDD '03*, 137-146.
       https://doi.org/10.1145/956750.956769

    Examples
    --------
    >>> from infnet.synthetic import star
    >>> from infnet.algorithms.diffusion import activation_probabilities
    >>> activation_probabilities(star(2, strength=0.8), model="strength").tolist()
    [0.4, 0.4]
    >>> activation_probabilities(star(2, strength=0.8)).tolist()
    [1.0, 1.0]
    """
    caller = "activation_probabilities"
    check_network(network, caller=caller)
    model, t, q = _check_model(model, transmissibility, p, caller)
    s = network.strength
    if model == "strength":
        return np.asarray(t * s.data, dtype=np.float64)
    if model == "constant":
        return np.full(s.nnz, q, dtype=np.float64)
    in_degree = np.bincount(s.indices, minlength=network.n_actors).astype(np.float64)
    return 1.0 / in_degree[s.indices]


# ---------------------------------------------------------------------------- kernels
@numba.njit(cache=True, nogil=True)
def _rr_sets(
    in_indptr: np.ndarray,
    in_indices: np.ndarray,
    in_prob: np.ndarray,
    roots: np.ndarray,
    seeds: np.ndarray,
    n_actors: int,
) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """Reverse BFS from each root over live in-ties; one splitmix64 stream per set."""
    n_sets = roots.size
    stamp = np.full(n_actors, -1, dtype=np.int32)
    indptr = np.zeros(n_sets + 1, dtype=np.int64)
    cap = max(16, 4 * n_sets)
    members = np.empty(cap, dtype=np.int32)
    pos = 0
    for s in range(n_sets):
        state = seeds[s]
        root = roots[s]
        if pos >= cap:
            cap *= 2
            grown = np.empty(cap, dtype=np.int32)
            grown[:pos] = members[:pos]
            members = grown
        members[pos] = root
        pos += 1
        stamp[root] = s
        head = indptr[s]
        while head < pos:
            v = members[head]
            head += 1
            for e in range(in_indptr[v], in_indptr[v + 1]):
                u = in_indices[e]
                if stamp[u] == s:
                    continue
                state, r = uniform(state)
                if r < in_prob[e]:
                    stamp[u] = s
                    if pos >= cap:
                        cap *= 2
                        grown = np.empty(cap, dtype=np.int32)
                        grown[:pos] = members[:pos]
                        members = grown
                    members[pos] = u
                    pos += 1
        indptr[s + 1] = pos
    return indptr, members[:pos].copy()


@numba.njit(cache=True, nogil=True)
def _cascades(
    indptr: np.ndarray,
    indices: np.ndarray,
    prob: np.ndarray,
    seed_set: np.ndarray,
    w: np.ndarray,
    seeds: np.ndarray,
) -> np.ndarray:  # pragma: no cover - compiled
    """Forward independent cascades; value of the activated targets per run."""
    n = w.size
    n_runs = seeds.size
    stamp = np.full(n, -1, dtype=np.int64)
    queue = np.empty(n, dtype=np.int64)
    out = np.zeros(n_runs, dtype=np.float64)
    for run in range(n_runs):
        state = seeds[run]
        tail = 0
        total = 0.0
        for i in range(seed_set.size):
            a = seed_set[i]
            stamp[a] = run
            queue[tail] = a
            tail += 1
            total += w[a]
        head = 0
        while head < tail:
            u = queue[head]
            head += 1
            for e in range(indptr[u], indptr[u + 1]):
                v = indices[e]
                if stamp[v] == run:
                    continue
                state, r = uniform(state)
                if r < prob[e]:
                    stamp[v] = run
                    queue[tail] = v
                    tail += 1
                    total += w[v]
        out[run] = total
    return out


@numba.njit(cache=True, nogil=True)
def _covered_sets(
    cover_indptr: np.ndarray, cover_sets: np.ndarray, actors: np.ndarray, n_sets: int
) -> int:  # pragma: no cover - compiled
    hit = np.zeros(n_sets, dtype=np.bool_)
    count = 0
    for i in range(actors.size):
        a = actors[i]
        for j in range(cover_indptr[a], cover_indptr[a + 1]):
            s = cover_sets[j]
            if not hit[s]:
                hit[s] = True
                count += 1
    return count


@numba.njit(cache=True, nogil=True)
def _greedy_cover(
    rr_indptr: np.ndarray,
    rr_members: np.ndarray,
    cover_indptr: np.ndarray,
    cover_sets: np.ndarray,
    allowed: np.ndarray,
    cost: np.ndarray,
    budget: float,
    k: int,
    order: np.ndarray,
    rank: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """Lazy (CELF) greedy maximum coverage; cost-effective when costs differ.

    Keys are ``uncovered sets containing a / cost[a]``; stale keys are upper bounds
    (coverage is submodular), so a popped entry whose key is current is the best.
    The heap holds canonical positions (``rank[a]``; ``order`` maps back), so equal
    gains go to the smaller actor id whatever the network order.
    """
    n = allowed.size
    n_sets = rr_indptr.size - 1
    gain = np.empty(n, dtype=np.int64)
    for a in range(n):
        gain[a] = cover_indptr[a + 1] - cover_indptr[a]
    keys = np.empty(n + 1, dtype=np.float64)
    ids = np.empty(n + 1, dtype=np.int64)
    size = 0
    for a in range(n):  # min-heap on (-gain per cost, canonical position)
        if allowed[a] and gain[a] > 0 and cost[a] <= budget:
            size = heap_push(keys, ids, size, -(gain[a] / cost[a]), rank[a])
    covered = np.zeros(n_sets, dtype=np.bool_)
    selected = np.empty(min(k, n), dtype=np.int64)
    gains = np.empty(min(k, n), dtype=np.int64)
    n_sel = 0
    spent = 0.0
    while size > 0 and n_sel < k:
        key, c, size = heap_pop(keys, ids, size)
        a = order[c]
        current = gain[a] / cost[a]
        if current != -key:
            if gain[a] > 0:
                size = heap_push(keys, ids, size, -current, c)
            continue
        if spent + cost[a] > budget:
            continue  # never affordable again: costs only accumulate
        selected[n_sel] = a
        gains[n_sel] = gain[a]
        n_sel += 1
        spent += cost[a]
        for j in range(cover_indptr[a], cover_indptr[a + 1]):
            s = cover_sets[j]
            if covered[s]:
                continue
            covered[s] = True
            for m in range(rr_indptr[s], rr_indptr[s + 1]):
                gain[rr_members[m]] -= 1
    return selected[:n_sel].copy(), gains[:n_sel].copy()


# ---------------------------------------------------------------------------- sampling core
class _Problem:
    """Arrays shared by every draw, in canonical actor order (see the module docstring).

    ``in_*`` is the in-CSR with probabilities, ``w`` / ``w_cdf`` the root distribution,
    all over canonical positions; :meth:`draw` returns sets of network positions.
    """

    __slots__ = (
        "canon", "in_indices", "in_indptr", "in_prob", "n_actors", "out", "out_prob",
        "total", "w", "w_cdf",
    )

    def __init__(self, network: Network, w: FloatArray, prob: FloatArray) -> None:
        canon = _canonical.canonical(network)
        self.canon = canon
        s = canon.strength
        prob = np.ascontiguousarray(canon.entries_in(prob))
        w = np.ascontiguousarray(canon.values_in(w))
        n = network.n_actors
        self.out = s
        self.out_prob = prob
        if network.directed:
            # transpose by a stable counting sort of the targets: rows of the result
            # are targets, and sources stay sorted within each row (canonical CSR)
            order = np.argsort(s.indices, kind="stable")
            src = np.repeat(np.arange(n, dtype=np.int32), np.diff(s.indptr))
            self.in_indices = np.ascontiguousarray(src[order])
            self.in_prob = np.ascontiguousarray(prob[order])
            counts = np.bincount(s.indices, minlength=n)
            self.in_indptr = np.zeros(n + 1, dtype=np.int64)
            np.cumsum(counts, out=self.in_indptr[1:])
        else:
            # symmetric storage: the in-tie v <- u is stored at row v as the entry (v, u),
            # whose probability is the one of the reverse entry (u, v)
            rev = _reverse_entries(s.indptr.astype(np.int64), s.indices.astype(np.int64))
            self.in_indices = np.asarray(s.indices)
            self.in_indptr = s.indptr.astype(np.int64)
            self.in_prob = np.ascontiguousarray(prob[rev])
        self.n_actors = n
        self.w = w
        self.total = float(w.sum())
        self.w_cdf = np.cumsum(w)

    def roots(self, n_sets: int, rng: np.random.Generator) -> IntArray:
        u = rng.random(n_sets) * self.w_cdf[-1]
        roots = np.searchsorted(self.w_cdf, u, side="right")
        last = int(np.flatnonzero(self.w)[-1])
        return np.asarray(np.minimum(roots, last), dtype=np.int64)

    def draw(
        self, n_sets: int, rng: np.random.Generator, n_jobs: int, *, name: str = "n_sets",
        caller: str = "RRSampler.fit",
    ) -> tuple[IntArray, np.ndarray]:
        """Draw `n_sets` RR sets; members are network positions."""
        try:
            indptr, members = self._draw(n_sets, rng, n_jobs)
        except MemoryError:
            msg = (
                f"`{name}` of {caller}: {n_sets:,} RR sets did not fit in memory on this "
                "network. Lower it (or epsilon's precision)."
            )
            raise ResourceLimitError(msg) from None
        members = self.canon.positions_out(members).astype(np.int32, copy=False)
        return indptr, members

    def _draw(
        self, n_sets: int, rng: np.random.Generator, n_jobs: int
    ) -> tuple[IntArray, np.ndarray]:
        roots = self.roots(n_sets, rng)
        seeds = rng.integers(0, 2**64, size=n_sets, dtype=np.uint64, endpoint=False)
        # chunks of _CHUNK sets, whatever n_jobs: each set has its own random stream, and
        # the chunks are the units of the progress display
        bounds = [*range(0, n_sets, _CHUNK), n_sets]

        def run(_t: int, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
            return _rr_sets(
                self.in_indptr, self.in_indices, self.in_prob, roots[lo:hi], seeds[lo:hi],
                self.n_actors,
            )

        with _progress.work(f"RR sets ({n_sets:,})", total=n_sets) as job:
            parts = run_chunks(bounds, n_jobs, run, job.tick)
        return _concat(parts, n_sets)


@numba.njit(cache=True, nogil=True)
def _reverse_entries(indptr: np.ndarray, indices: np.ndarray) -> np.ndarray:  # pragma: no cover
    """For a symmetric canonical CSR, the position of entry (v, u) for each entry (u, v)."""
    n = indptr.size - 1
    rev = np.empty(indices.size, dtype=np.int64)
    cursor = indptr[:-1].copy()
    for u in range(n):
        for e in range(indptr[u], indptr[u + 1]):
            v = indices[e]
            # rows are sorted and u increases, so entry (v, u) is the next unused one of row v
            rev[e] = cursor[v]
            cursor[v] += 1
    return rev


def _concat(parts: list[tuple[np.ndarray, np.ndarray]], n_sets: int) -> tuple[IntArray, np.ndarray]:
    if len(parts) == 1:
        return parts[0][0], parts[0][1]
    sizes = np.concatenate([np.diff(p[0]) for p in parts])
    indptr = np.zeros(n_sets + 1, dtype=np.int64)
    np.cumsum(sizes, out=indptr[1:])
    members = np.concatenate([p[1] for p in parts])
    return indptr, members


def _cover_index(indptr: IntArray, members: np.ndarray, n: int) -> tuple[IntArray, np.ndarray]:
    """Inverse index actor -> RR sets containing it (CSR), sets in increasing order."""
    # CSR (sets x actors) -> CSC is a counting sort: linear in the total set size,
    # where an argsort of the members was O(N log N) and dominated fit() on big samples.
    n_sets = indptr.size - 1
    ones = np.ones(members.size, dtype=np.int8)
    by_actor = sparse.csr_array((ones, members, indptr), shape=(n_sets, n)).tocsc()
    cover_indptr = by_actor.indptr.astype(np.int64)
    return cover_indptr, by_actor.indices


# ---------------------------------------------------------------------------- estimator
class RRSampler:
    """Reverse-reachable sets rooted in a target audience, reused across actor sets.

    :meth:`fit` draws ``n_sets`` RR sets; :meth:`estimate` then gives the expected
    targeted reach of any actor set, :meth:`marginal_gains` the reach of each actor
    alone, and :meth:`select` a complementary set by greedy maximum coverage, all on
    the same sample.

    Parameters
    ----------
    model : {"strength", "weighted_cascade", "constant"}, default="weighted_cascade"
        Cascade model (see :func:`activation_probabilities`); the default is explained in
        the module docstring (:mod:`infnet.algorithms.diffusion`, "Default cascade model").
    transmissibility : float, default=0.5
        Factor in (0, 1] applied to strengths (model ``"strength"``).
    p : float, default=0.1
        Probability in (0, 1] of every tie (model ``"constant"``).
    n_sets : int, default=10_000
        Number of RR sets to draw, at most :data:`MAX_SETS` (and what memory allows).
    rng : int, Generator, SeedSequence or None, default=None
        Randomness, resolved in :meth:`fit`.
    n_jobs : int or None, default=None
        Threads used to draw sets (chunks of 32,768 sets); ``None`` or -1 uses every
        usable core, ``k`` at most that many. The sample does not depend on it.

    Attributes
    ----------
    rr_indptr_ : ndarray of int64 of shape (n_sets + 1,)
        Set ``i`` is ``rr_members_[rr_indptr_[i]:rr_indptr_[i + 1]]``; its first member
        is the root.
    rr_members_ : ndarray of int32
        Members of the RR sets, in breadth-first order.
    cover_indptr_ : ndarray of int64 of shape (n_actors + 1,)
        Actor ``a`` lies in the sets ``cover_sets_[cover_indptr_[a]:cover_indptr_[a + 1]]``.
    cover_sets_ : ndarray of int32 (int64 past 2**31 sets)
        Set numbers per actor, increasing.
    total_value_ : float
        ``W``, the total target value.
    n_actors_ : int
        Actors in the fitted network.

    See Also
    --------
    expected_reach : One-off estimate.
    imm : Sample size with a guarantee for greedy selection.
    simulate_cascade : Forward Monte-Carlo oracle.

    Notes
    -----
    Drawing costs O(ties examined) per set: a reverse breadth-first search that flips
    one coin per in-tie of each reached actor whose source is not yet in the set (with
    one splitmix64 stream per set, seeded from `rng`, so the sample is identical for
    any ``n_jobs``). Memory is 4 bytes per member for the sets plus 4 for the inverse
    index. The estimate of a set ``S`` is ``W * f`` where ``f`` is the fraction of sets
    ``S`` hits, with standard error ``W * sqrt(f (1 - f) / n_sets)`` [1]_. A root that
    is itself in ``S`` is hit, so seeds that are targets count as reached, as in
    :func:`simulate_cascade`. Direction: influence flows along ties, so the search
    walks them backwards; undirected ties carry influence both ways.

    References
    ----------
    .. [1] Borgs, C., Brautbar, M., Chayes, J. & Lucier, B. (2014). Maximizing social
       influence in nearly optimal time. *SODA '14*, 946-957.
       https://doi.org/10.1137/1.9781611973402.70

    Examples
    --------
    >>> import numpy as np
    >>> from infnet.synthetic import toy_network
    >>> from infnet.algorithms.diffusion import RRSampler
    >>> net = toy_network()
    >>> w = (net.attribute("segment") == "fintech").astype(float)
    >>> sampler = RRSampler(n_sets=2000, rng=0).fit(net, w)
    >>> est = sampler.estimate(net.index_of(["eva"]))
    >>> 1.0 < est.value < 5.0
    True
    >>> selected, gains = sampler.select(2)
    >>> bool(np.all(np.diff(gains) <= 0))
    True
    """

    def __init__(
        self,
        model: CascadeModel = "weighted_cascade",
        *,
        transmissibility: float = 0.5,
        p: float = 0.1,
        n_sets: int = 10_000,
        rng: RngLike = None,
        n_jobs: int | None = None,
    ) -> None:
        self.model = model
        self.transmissibility = transmissibility
        self.p = p
        self.n_sets = n_sets
        self.rng = rng
        self.n_jobs = n_jobs

    def fit(self, network: Network, w: FloatArray) -> RRSampler:
        """Draw the RR sets.

        Parameters
        ----------
        network : Network
            The network.
        w : ndarray of shape (n_actors,)
            Target values, ``w_t >= 0`` (0 = not a target), not all 0.

        Returns
        -------
        RRSampler
            ``self``, fitted.

        Raises
        ------
        InvalidParameterError
            A parameter or `w` out of range.
        EmptyTargetError
            When every ``w_t`` is 0.
        """
        return self._fit(network, w, "RRSampler.fit")

    def _fit(self, network: Network, w: FloatArray, caller: str) -> RRSampler:
        check_network(network, caller=caller)
        model, t, q = _check_model(self.model, self.transmissibility, self.p, caller)
        n_sets = _check_size(self.n_sets, name="n_sets", caller=caller)
        n_jobs = check_n_jobs(self.n_jobs, caller=caller)
        w = _check_w(w, network, caller)
        rng = check_rng(self.rng)
        prob = activation_probabilities(network, model=model, transmissibility=t, p=q)
        problem = _Problem(network, w, prob)
        indptr, members = problem.draw(n_sets, rng, n_jobs, caller=caller)
        self._set_sample(indptr, members, problem)
        return self

    def _set_sample(self, indptr: IntArray, members: np.ndarray, problem: _Problem) -> None:
        self.rr_indptr_ = indptr
        self.rr_members_ = members
        self.cover_indptr_, self.cover_sets_ = _cover_index(indptr, members, problem.n_actors)
        self.total_value_ = problem.total
        self.n_actors_ = problem.n_actors
        self._order = problem.canon.order
        self._rank = problem.canon.rank

    # .................................................................. readers
    def _check(self) -> None:
        check_is_fitted(self, ["rr_indptr_"])

    def estimate(self, actors: IntArray | BoolArray) -> ReachEstimate:
        """Estimate the expected targeted reach of a set of actors.

        Parameters
        ----------
        actors : ndarray of int or ndarray of bool of shape (n_actors,)
            Actor positions, or a boolean mask. Repeated positions count once.

        Returns
        -------
        ReachEstimate
            ``W * f`` with standard error ``W * sqrt(f (1 - f) / n_sets)``, where ``f``
            is the fraction of RR sets holding at least one of the actors. 0 for an
            empty set.

        Raises
        ------
        NotFittedError
            Before :meth:`fit`.
        InvalidParameterError
            Positions out of range or a mask of the wrong shape.
        """
        self._check()
        mask = _as_mask(actors, self.n_actors_, "actors", "RRSampler.estimate")
        pos = np.flatnonzero(mask)
        n_sets = self.rr_indptr_.size - 1
        hit = _covered_sets(self.cover_indptr_, self.cover_sets_, pos, n_sets)
        return self._estimate(hit, n_sets)

    def _estimate(self, hit: int, n_sets: int) -> ReachEstimate:
        f = hit / n_sets
        big_w = self.total_value_
        return ReachEstimate(
            value=big_w * f, stderr=big_w * math.sqrt(f * (1.0 - f) / n_sets), n_samples=n_sets
        )

    def marginal_gains(self) -> FloatArray:
        """Return each actor's expected targeted reach on its own.

        Returns
        -------
        ndarray of shape (n_actors,)
            ``W * (sets holding the actor) / n_sets``; the first greedy gain of each
            actor. 0 for actors in no set (for example isolated non-targets).

        Raises
        ------
        NotFittedError
            Before :meth:`fit`.
        """
        self._check()
        n_sets = self.rr_indptr_.size - 1
        counts = np.diff(self.cover_indptr_).astype(np.float64)
        return np.asarray(self.total_value_ * counts / n_sets, dtype=np.float64)

    def select(
        self,
        k: int,
        *,
        candidates: BoolArray | None = None,
        cost: FloatArray | None = None,
        budget: float | None = None,
        exclude: IntArray | BoolArray | None = None,
    ) -> tuple[IntArray, FloatArray]:
        """Choose up to `k` complementary actors by greedy maximum coverage of the sets.

        Each step adds the actor that hits the most RR sets not hit yet (its marginal
        gain); with `cost` and `budget`, the actor with the largest gain per unit cost
        among those still affordable, and the result is the better of that sequence and
        the best single affordable actor.

        Parameters
        ----------
        k : int
            Maximum number of actors (>= 1).
        candidates : ndarray of bool of shape (n_actors,), optional
            Actors allowed; all by default.
        cost : ndarray of shape (n_actors,), optional
            Cost of each actor (finite, > 0). Needs `budget`.
        budget : float, optional
            Maximum total cost (> 0). Without `cost`, every actor costs 1.
        exclude : ndarray of int or ndarray of bool of shape (n_actors,), optional
            Actors never chosen (positions or mask), applied on top of `candidates`.

        Returns
        -------
        selected : ndarray of int64
            Chosen positions, in pick order (at most `k`).
        gains : ndarray of float64
            Marginal expected targeted reach of each pick, in units of target value;
            non-increasing without costs. ``gains.sum()`` is the estimate of the set.

        Raises
        ------
        NotFittedError
            Before :meth:`fit`.
        InvalidParameterError
            `k` < 1, masks of the wrong shape, costs not positive, or `cost` without
            `budget`.

        Notes
        -----
        Lazy greedy (CELF, Leskovec et al. [2]_) in compiled code: O(total RR set size
        + n_actors log n_actors). Selection stops early when no allowed actor adds value
        (or, with a budget, none is affordable), so fewer than `k` may be returned;
        ties go to the smaller position. Without costs, greedy hits at least
        ``1 - 1/e`` of the most sets any `k` allowed actors hit on this sample [1]_.
        With costs, the better of the cost-effective greedy and the best single
        affordable actor is within ``(1 - 1/e) / 2`` of the best affordable set on the
        sample (Khuller, Moss & Naor [3]_, as used by CELF [2]_), when `k` does not bind.

        References
        ----------
        .. [1] Nemhauser, G. L., Wolsey, L. A. & Fisher, M. L. (1978). An analysis of
           approximations for maximizing submodular set functions. *Mathematical
           Programming* 14, 265-294. https://doi.org/10.1007/BF01588971
        .. [2] Leskovec, J. et al. (2007). Cost-effective outbreak detection in networks.
           *KDD '07*, 420-429. https://doi.org/10.1145/1281192.1281239
        .. [3] Khuller, S., Moss, A. & Naor, J. (1999). The budgeted maximum coverage
           problem. *Information Processing Letters* 70(1), 39-45.
           https://doi.org/10.1016/S0020-0190(99)00031-9
        """
        self._check()
        caller = "RRSampler.select"
        n = self.n_actors_
        k = check_int(k, name="k", caller=caller, low=1)
        allowed = (
            np.ones(n, dtype=bool)
            if candidates is None
            else _as_mask(candidates, n, "candidates", caller)
        )
        if exclude is not None:
            allowed &= ~_as_mask(exclude, n, "exclude", caller)
        if cost is not None and budget is None:
            msg = f"`cost` of {caller} needs a `budget`; got budget=None."
            raise InvalidParameterError(msg)
        use_budget = budget is not None
        if cost is None:
            cost_arr = np.ones(n, dtype=np.float64)
        else:
            cost_arr = check_actor_values(cost, n_actors=n, name="cost", caller=caller)
            if not (cost_arr > 0).all():
                bad = np.flatnonzero(cost_arr <= 0)
                msg = (
                    f"`cost` of {caller} must be > 0 for every actor; positions "
                    f"{bad[:5].tolist()} ({bad.size} in all) cost 0."
                )
                raise InvalidParameterError(msg)
        limit = (
            check_float(budget, name="budget", caller=caller, low=0.0, closed="neither")
            if use_budget
            else math.inf
        )
        sel, counts = _greedy_cover(
            self.rr_indptr_, self.rr_members_, self.cover_indptr_, self.cover_sets_,
            allowed, cost_arr, limit, k, self._order, self._rank,
        )
        if use_budget:
            single = np.diff(self.cover_indptr_) * (allowed & (cost_arr <= limit))
            tied = np.flatnonzero(single == single.max())
            best = int(tied[np.argmin(self._rank[tied])])  # smallest actor id among ties
            if single[best] > counts.sum():
                sel = np.array([best], dtype=np.int64)
                counts = single[best : best + 1].astype(np.int64)
        n_sets = self.rr_indptr_.size - 1
        gains = self.total_value_ * counts.astype(np.float64) / n_sets
        return sel.astype(np.int64), np.asarray(gains, dtype=np.float64)


# ---------------------------------------------------------------------------- functions
def expected_reach(
    network: Network,
    w: FloatArray,
    actors: IntArray | BoolArray,
    *,
    model: CascadeModel = "weighted_cascade",
    transmissibility: float = 0.5,
    p: float = 0.1,
    n_sets: int = 10_000,
    rng: RngLike = None,
    n_jobs: int | None = None,
) -> ReachEstimate:
    r"""Estimate the expected targeted reach of a set of actors from RR sets.

    .. math::

        \hat\sigma_w(S) = W \cdot \frac{|\{R_i : R_i \cap S \neq \emptyset\}|}{n_{sets}}

    Parameters
    ----------
    network : Network
        The network.
    w : ndarray of shape (n_actors,)
        Target values (0 = not a target), not all 0.
    actors : ndarray of int or ndarray of bool of shape (n_actors,)
        The seed set, as positions or a mask.
    model : {"strength", "weighted_cascade", "constant"}, default="weighted_cascade"
        Cascade model (see :func:`activation_probabilities`); the default is explained in
        the module docstring (:mod:`infnet.algorithms.diffusion`, "Default cascade model").
    transmissibility : float, default=0.5
        Factor in (0, 1] applied to strengths (model ``"strength"``).
    p : float, default=0.1
        Probability in (0, 1] of every tie (model ``"constant"``).
    n_sets : int, default=10_000
        Number of RR sets, at most :data:`MAX_SETS`.
    rng : int, Generator, SeedSequence or None, default=None
        Randomness.
    n_jobs : int or None, default=None
        Threads used to draw sets (``None`` or -1: every usable core); the estimate does
        not depend on it.

    Returns
    -------
    ReachEstimate
        Value and standard error, usable as a float.

    Raises
    ------
    InvalidParameterError
        A parameter, `w` or `actors` out of range.
    ResourceLimitError
        When `n_sets` exceeds :data:`MAX_SETS` or the memory available.
    EmptyTargetError
        When every ``w_t`` is 0.

    See Also
    --------
    RRSampler : Reuse one sample across many sets.
    simulate_cascade : Forward Monte-Carlo estimate of the same quantity.

    Notes
    -----
    Unbiased; cost as :class:`RRSampler`. Seeds that are targets count as reached;
    an empty seed set has reach 0.

    Examples
    --------
    >>> from infnet.synthetic import toy_network
    >>> from infnet.algorithms.diffusion import expected_reach
    >>> net = toy_network()
    >>> w = (net.attribute("segment") == "fintech").astype(float)
    >>> est = expected_reach(net, w, net.index_of(["eva", "gil"]), n_sets=4000, rng=0)
    >>> 2.0 <= float(est) <= 5.0, est.stderr < 0.1
    (True, True)
    """
    caller = "expected_reach"
    check_network(network, caller=caller)
    sampler = RRSampler(
        model, transmissibility=transmissibility, p=p, n_sets=n_sets, rng=rng, n_jobs=n_jobs
    )
    sampler._fit(network, w, caller)
    mask = _as_mask(actors, network.n_actors, "actors", caller)
    return sampler.estimate(mask)


def simulate_cascade(
    network: Network,
    w: FloatArray,
    actors: IntArray | BoolArray,
    *,
    model: CascadeModel = "weighted_cascade",
    transmissibility: float = 0.5,
    p: float = 0.1,
    n_runs: int = 1000,
    rng: RngLike = None,
) -> ReachEstimate:
    """Estimate expected targeted reach by simulating independent cascades forward.

    Each run activates the seeds, then lets every newly active actor ``u`` try once to
    activate each out-neighbour ``v`` with probability ``p_uv``; the run's value is the
    total ``w`` of the active actors (seeds included). This is the Monte-Carlo oracle
    for the RR-set estimators.

    Parameters
    ----------
    network : Network
        The network.
    w : ndarray of shape (n_actors,)
        Target values (0 = not a target), not all 0.
    actors : ndarray of int or ndarray of bool of shape (n_actors,)
        The seed set, as positions or a mask.
    model : {"strength", "weighted_cascade", "constant"}, default="weighted_cascade"
        Cascade model (see :func:`activation_probabilities`); the default is explained in
        the module docstring (:mod:`infnet.algorithms.diffusion`, "Default cascade model").
    transmissibility : float, default=0.5
        Factor in (0, 1] applied to strengths (model ``"strength"``).
    p : float, default=0.1
        Probability in (0, 1] of every tie (model ``"constant"``).
    n_runs : int, default=1000
        Number of simulated cascades.
    rng : int, Generator, SeedSequence or None, default=None
        Randomness (one splitmix64 stream per run, seeded from it).

    Returns
    -------
    ReachEstimate
        Mean value over runs, with standard error ``std / sqrt(n_runs)`` (``ddof=1``;
        0 when ``n_runs == 1``).

    Raises
    ------
    InvalidParameterError
        A parameter, `w` or `actors` out of range.
    EmptyTargetError
        When every ``w_t`` is 0.

    See Also
    --------
    expected_reach : The RR-set estimate (much cheaper for many seed sets).

    Notes
    -----
    O(n_runs * ties out of active actors), compiled. Direction: influence flows along
    ties ``source -> target``; undirected ties both ways.

    References
    ----------
    .. [1] Kempe, D., Kleinberg, J. & Tardos, É. (2003). Maximizing the spread of
       influence through a social network. *KDD '03*, 137-146.
       https://doi.org/10.1145/956750.956769

    Examples
    --------
    >>> from infnet.synthetic import star
    >>> from infnet.algorithms.diffusion import simulate_cascade
    >>> import numpy as np
    >>> net = star(4, strength=1.0)
    >>> w = np.array([0.0, 1, 1, 1, 1])
    >>> est = simulate_cascade(net, w, np.array([0]), model="constant", p=1.0, n_runs=10, rng=0)
    >>> est.value, est.stderr
    (4.0, 0.0)
    """
    caller = "simulate_cascade"
    check_network(network, caller=caller)
    model, t, q = _check_model(model, transmissibility, p, caller)
    n_runs = _check_size(n_runs, name="n_runs", caller=caller)
    w = _check_w(w, network, caller)
    mask = _as_mask(actors, network.n_actors, "actors", caller)
    rng_ = check_rng(rng)
    prob = activation_probabilities(network, model=model, transmissibility=t, p=q)
    problem = _Problem(network, w, prob)  # canonical order: the runs do not depend on row order
    seed_set = np.flatnonzero(problem.canon.values_in(mask)).astype(np.int64)
    seeds = rng_.integers(0, 2**64, size=n_runs, dtype=np.uint64)
    s = problem.out
    values = _cascades(s.indptr, s.indices, problem.out_prob, seed_set, problem.w, seeds)
    stderr = float(values.std(ddof=1) / math.sqrt(n_runs)) if n_runs > 1 else 0.0
    return ReachEstimate(value=float(values.mean()), stderr=stderr, n_samples=n_runs)


def _log_binom(n: int, k: int) -> float:
    k = min(k, n)
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def imm(
    network: Network,
    w: FloatArray,
    k: int,
    *,
    model: CascadeModel = "weighted_cascade",
    transmissibility: float = 0.5,
    p: float = 0.1,
    epsilon: float = 0.1,
    ell: float = 1.0,
    candidates: BoolArray | None = None,
    max_sets: int = 2_000_000,
    rng: RngLike = None,
    n_jobs: int | None = None,
) -> IMMResult:
    r"""Choose `k` complementary actors maximising expected targeted reach (IMM).

    Tang, Shi & Xiao's IMM [1]_ sizes the RR-set sample so that greedy maximum
    coverage returns a set ``S`` with

    .. math::

        \sigma_w(S) \ge (1 - 1/e - \varepsilon)\, \mathrm{OPT}_k

    with probability at least ``1 - 1/n^ell`` (``n`` actors), then selects on it.

    Parameters
    ----------
    network : Network
        The network.
    w : ndarray of shape (n_actors,)
        Target values (0 = not a target), not all 0.
    k : int
        Number of actors to choose (>= 1).
    model : {"strength", "weighted_cascade", "constant"}, default="weighted_cascade"
        Cascade model (see :func:`activation_probabilities`); the default is explained in
        the module docstring (:mod:`infnet.algorithms.diffusion`, "Default cascade model").
    transmissibility : float, default=0.5
        Factor in (0, 1] applied to strengths (model ``"strength"``).
    p : float, default=0.1
        Probability in (0, 1] of every tie (model ``"constant"``).
    epsilon : float, default=0.1
        Approximation slack in (0, 1).
    ell : float, default=1.0
        Confidence exponent (> 0): the guarantee fails with probability ``n^-ell``.
    candidates : ndarray of bool of shape (n_actors,), optional
        Actors allowed in the set; all by default. ``OPT_k`` is then the best set of
        `k` candidates.
    max_sets : int, default=2_000_000
        Cap on the number of RR sets in any phase, at most :data:`MAX_SETS`.
    rng : int, Generator, SeedSequence or None, default=None
        Randomness.
    n_jobs : int or None, default=None
        Threads used to draw sets; ``None`` or -1 uses every usable core. The result does
        not depend on it.

    Returns
    -------
    IMMResult
        Selected positions (pick order), marginal gains in units of target value,
        ``theta``, the lower bound on ``OPT_k`` used, and the fitted sampler.

    Raises
    ------
    InvalidParameterError
        A parameter, `w` or `candidates` out of range.
    EmptyTargetError
        When every ``w_t`` is 0.

    Warns
    -----
    ApproximationWarning
        When `max_sets` caps the sample, or when no lower bound on ``OPT_k`` could be
        established: the guarantee then does not hold.

    See Also
    --------
    RRSampler.select : Greedy selection on a sample of a chosen size.

    Notes
    -----
    **Weighted roots.** IMM's analysis only uses that ``sigma(S) = n * E[1{S hits R}]``
    for an RR set ``R`` with a uniform root. With roots drawn in proportion to ``w``,
    ``sigma_w(S) = W * E[1{S hits R}]``, so every bound carries over with the scale
    ``n`` replaced by ``W``: OPT, its lower bound ``LB`` and the search points
    ``x = W / 2^i`` are in units of target value, ``lambda' = (2 + 2/3 eps')
    (log C(n_c, k) + ell log n + log log2(W / LB_0)) W / eps'^2`` and
    ``lambda* = 2 W ((1 - 1/e) alpha + beta)^2 / eps^2`` with ``alpha = sqrt(ell log n +
    log 2)`` and ``beta = sqrt((1 - 1/e)(log C(n_c, k) + ell log n + log 2))``, where
    ``n_c`` is the number of candidates (the union bound runs over their k-subsets) and
    ``n`` the number of actors (the failure probability). ``ell`` is raised by
    ``log 2 / log n`` so that the two phases together fail with probability at most
    ``n^-ell``. IMM's floor ``OPT >= 1`` becomes the proven floor ``LB_0 = max(sum of
    the k largest w over candidates, max over candidates a of w_a + sum_t p_at w_t)``
    (seeds that are targets count as reached, and a seed activates each out-neighbour
    with at least its tie's probability); when that is 0 (no candidate is a target or
    tied to one) ``LB_0 = W / n`` is assumed, and a warning is raised if the search has
    to fall back on it.

    **Fresh final sample.** Following Chen's correction [2]_ the final ``theta`` sets
    are drawn afresh rather than reusing the sets of the search phase.

    **Cost.** Expected ``O((k + ell) (n_ties + n) log n / eps^2)`` tie visits in IMM's
    unweighted analysis; here the number of sets is ``theta = lambda* / LB``, and each
    costs the ties its reverse search examines. Capped by `max_sets`.

    References
    ----------
    .. [1] Tang, Y., Shi, Y. & Xiao, X. (2015). Influence maximization in near-linear
       time: a martingale approach. *SIGMOD '15*, 1539-1554.
       https://doi.org/10.1145/2723372.2723734
    .. [2] Chen, W. (2018). An issue in the martingale analysis of the influence
       maximization algorithm IMM. *CSoNet 2018*, LNCS 11280, 286-297.
       https://doi.org/10.1007/978-3-030-04648-4_24

    Examples
    --------
    >>> import numpy as np
    >>> from infnet.synthetic import barbell
    >>> from infnet.algorithms.diffusion import imm
    >>> net = barbell(4)
    >>> w = (net.attribute("segment") == "b").astype(float)
    >>> res = imm(net, w, 1, candidates=net.attribute("segment") == "a", rng=0)
    >>> res.selected.tolist()
    [3]
    """
    caller = "imm"
    check_network(network, caller=caller)
    model, t, q = _check_model(model, transmissibility, p, caller)
    n = network.n_actors
    k = check_int(k, name="k", caller=caller, low=1)
    eps = check_float(epsilon, name="epsilon", caller=caller, low=0.0, high=1.0, closed="neither")
    ell = check_float(ell, name="ell", caller=caller, low=0.0, closed="neither")
    max_sets = _check_size(max_sets, name="max_sets", caller=caller)
    n_jobs_ = check_n_jobs(n_jobs, caller=caller)
    w = _check_w(w, network, caller)
    allowed = (
        np.ones(n, dtype=bool) if candidates is None else _as_mask(candidates, n, "candidates", caller)
    )
    n_cand = int(allowed.sum())
    if n_cand == 0:
        msg = f"`candidates` of {caller} allows no actor."
        raise InvalidParameterError(msg)
    rng_ = check_rng(rng)
    search_rng, final_rng = rng_.spawn(2)
    prob = activation_probabilities(network, model=model, transmissibility=t, p=q)
    problem = _Problem(network, w, prob)
    big_w = problem.total

    n_eff = max(n, 2)
    log_n = math.log(n_eff)
    ell = ell + math.log(2) / log_n
    log_cnk = _log_binom(n_cand, k)
    # proven floors on OPT_k: k candidate targets reach themselves; one candidate
    # reaches itself and each out-neighbour t with probability >= p_at (computed in
    # canonical order, so that the sums, hence the sample sizes, ignore row order)
    s = problem.out
    w_c = problem.w
    allowed_c = problem.canon.values_in(allowed)
    direct = np.asarray(
        sparse.csr_array((problem.out_prob, s.indices, s.indptr), shape=s.shape) @ w_c,
        dtype=np.float64,
    )
    cand_w = np.sort(w_c[allowed_c])[::-1][:k]
    floor = max(float(cand_w.sum()), float((w_c + direct)[allowed_c].max()))
    floor_proven = floor > 0
    if not floor_proven:
        floor = big_w / n_eff
    n_rounds = max(0, math.ceil(math.log2(big_w / floor)) - 1)
    eps_p = math.sqrt(2.0) * eps
    log_rounds = math.log(max(math.log2(big_w / floor), 1.0))
    lam_p = (2 + 2 * eps_p / 3) * (log_cnk + ell * log_n + log_rounds) * big_w / eps_p**2
    capped = False

    sampler = RRSampler(model, transmissibility=t, p=q, n_jobs=n_jobs_)
    lower = None
    indptr = np.zeros(1, dtype=np.int64)
    members = np.zeros(0, dtype=np.int32)
    for i in range(1, n_rounds + 1):
        x = big_w / 2.0**i
        theta_i = math.ceil(lam_p / x)
        if theta_i > max_sets:
            theta_i, capped = max_sets, True
        have = indptr.size - 1
        if theta_i > have:
            more_ptr, more = problem.draw(
                theta_i - have, search_rng, n_jobs_, name="max_sets", caller=caller
            )
            indptr = np.concatenate([indptr[:-1], more_ptr + indptr[-1]])
            members = np.concatenate([members, more])
        sampler._set_sample(indptr, members, problem)
        _, gains = sampler.select(k, candidates=allowed)
        covered = float(gains.sum())
        if covered >= (1 + eps_p) * x:
            lower = covered / (1 + eps_p)
            break
        if capped:
            break
    if lower is None:
        lower = floor
        if not floor_proven and not capped:
            warnings.warn(
                f"{caller}: no candidate is a target and the search found no lower bound on "
                f"the optimum; the sample assumes OPT >= W / n = {floor:.4g}, so the "
                "(1 - 1/e - epsilon) guarantee holds only if that is true.",
                ApproximationWarning,
                stacklevel=2,
            )
    alpha = math.sqrt(ell * log_n + math.log(2))
    beta = math.sqrt((1 - 1 / math.e) * (log_cnk + ell * log_n + math.log(2)))
    lam_star = 2 * big_w * ((1 - 1 / math.e) * alpha + beta) ** 2 / eps**2
    theta = math.ceil(lam_star / lower)
    if theta > max_sets:
        theta, capped = max_sets, True
    if capped:
        warnings.warn(
            f"{caller}: the sample was capped at max_sets={max_sets} RR sets; the "
            "(1 - 1/e - epsilon) guarantee does not hold. Raise max_sets or epsilon.",
            ApproximationWarning,
            stacklevel=2,
        )
    indptr, members = problem.draw(theta, final_rng, n_jobs_, name="max_sets", caller=caller)
    sampler._set_sample(indptr, members, problem)
    selected, gains = sampler.select(k, candidates=allowed)
    return IMMResult(
        selected=selected, gains=gains, theta=theta, lower_bound=float(lower), sampler=sampler
    )
