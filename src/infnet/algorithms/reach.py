"""Targeted reach: how much of the target audience an actor reaches, directly or in k hops.

Every function takes the network and the target weights ``w`` (an ndarray of shape
``(n_actors,)``, ``w_t > 0`` for targets, 0 otherwise; :meth:`infnet.targets.Target.weights`
builds it) and returns one float64 value per actor, aligned with ``network.actor_ids``.
Influence flows along ties from source to target, so an actor reaches its
**out-neighbours**; undirected networks store ties both ways, so there every neighbour
counts.

* :func:`direct_reach` — strength-weighted value of the targets one tie away;
* :func:`khop_reach` — value of the distinct targets within ``hops`` ties, exact (a compiled
  breadth-first search) or estimated from bottom-k distance sketches for large graphs;
* :func:`target_share` — share of an actor's out-strength that goes to targets;
* :func:`acquisition_reach` / :func:`retention_reach` — reach restricted to targets with no
  existing tie to the focal organisation / with one.

**Target values** go through the shared per-actor contract
(``infnet._validation.check_actor_values``): numeric, not boolean, finite, in
``[0, MAX_VALUE]``. An all-zero ``w`` is *not* an error here: every reach is then 0,
which is a correct answer (unlike the cascade estimators of
:mod:`infnet.algorithms.diffusion`, which cannot root a sample in an empty target and
raise `EmptyTargetError`).

**Threads and order.** The k-hop kernels take ``n_jobs`` (the one thread policy,
``check_n_jobs``; small networks run on one thread) and write each actor's value
independently, in chunks fixed by the network's size (also the units of the progress
display, :mod:`infnet._progress`), so results are identical for any ``n_jobs`` and with
the display on or off. k-hop reach runs on the
network relabelled into canonical order (actors sorted by id), so the sketch ranks,
which are drawn per target, and the summation order do not depend on the row order of
the input frames.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, cast

import numba
import numpy as np
from scipy import sparse

from infnet import _progress
from infnet._typing import BoolArray, FloatArray, RngLike
from infnet._validation import (
    check_actor_values,
    check_int,
    check_n_jobs,
    check_network,
    check_option,
    check_rng,
)
from infnet.algorithms import _canonical
from infnet.algorithms._traversal import before, even_bounds, run_chunks
from infnet.exceptions import InvalidParameterError

if TYPE_CHECKING:
    from infnet.network import Network

__all__ = [
    "acquisition_reach",
    "direct_reach",
    "khop_reach",
    "retention_reach",
    "target_share",
]

#: Below this many actors the compiled kernels run on one thread.
_THREAD_MIN_ACTORS = 50_000
_MAX_EXACT_HOPS = 3


# ---------------------------------------------------------------------- validation
def _check_w(network: Any, w: Any, caller: str) -> FloatArray:
    """Check `network` and `w` (the shared per-actor contract; an all-zero `w` is allowed)."""
    network = check_network(network, caller=caller)
    return check_actor_values(
        w, n_actors=network.n_actors, name="w", caller=caller,
        actor_ids=cast("Sequence[object]", network.actor_ids),
    )


def _threads(n: int, n_jobs: Any, caller: str) -> int:
    """Threads for a kernel over `n` actors: the shared policy, 1 below a size floor."""
    threads = check_n_jobs(n_jobs, caller=caller)
    return 1 if n < _THREAD_MIN_ACTORS else threads


def _target_csr(pattern: sparse.csr_array, w: FloatArray) -> tuple[np.ndarray, np.ndarray]:
    """Row pointers and column indices of the ties that end in a target (w > 0)."""
    keep = w[pattern.indices] > 0
    cum = np.zeros(keep.size + 1, dtype=np.int64)
    np.cumsum(keep, out=cum[1:])
    return cum[pattern.indptr], np.ascontiguousarray(pattern.indices[keep])


# ---------------------------------------------------------------------- direct reach
def direct_reach(network: Network, w: Any, *, weight: str | None = "strength") -> FloatArray:
    r"""Direct targeted reach: strength-weighted value of the targets one tie away.

    .. math::

        R_1(u) = \sum_{v \in N^{out}(u),\, v \in T} w_v \, s_{uv}

    Parameters
    ----------
    network : Network
        The network.
    w : ndarray of shape (n_actors,)
        Target values, ``w_t > 0`` for targets and 0 otherwise
        (:meth:`infnet.targets.Target.weights`).
    weight : str or None, default="strength"
        Tie attribute used as :math:`s_{uv}`; ``None`` counts every tie as 1, giving
        the value of the targets among the out-neighbours.

    Returns
    -------
    ndarray of shape (n_actors,)
        :math:`R_1(u)` for every actor, float64.

    Raises
    ------
    InvalidParameterError
        When `w` has the wrong shape or holds negative, NaN or infinite values, or
        `weight` names an unknown or non-positive tie attribute.

    See Also
    --------
    khop_reach : Distinct targets within several hops, strengths ignored.
    target_share : The share of out-strength that goes to targets.

    Notes
    -----
    One sparse matrix-vector product, O(n_ties). Ties are followed from source to
    target (influence flows that way); an undirected network stores each tie both
    ways. An isolated actor, or an actor without out-ties into the target, gets 0; an
    all-zero `w` gives 0 everywhere.

    Examples
    --------
    >>> import numpy as np
    >>> from infnet.synthetic import toy_network
    >>> from infnet.targets import Target
    >>> net = toy_network()
    >>> w = Target(segments="fintech").weights(net)
    >>> np.round(direct_reach(net, w), 3).tolist()
    [0.0, 0.0, 0.4, 0.0, 1.4, 1.5, 1.6, 1.0, 1.1, 0.0]
    """
    x = _check_w(network, w, "direct_reach")
    return np.asarray(network.matrix(weight) @ x, dtype=np.float64)


def target_share(network: Network, w: Any, *, weight: str | None = "strength") -> FloatArray:
    r"""Target share: the share of an actor's out-strength that goes to targets.

    .. math::

        \mathrm{share}(u) = \frac{\sum_{v \in N^{out}(u),\, w_v > 0} s_{uv}}
                                 {\sum_{v \in N^{out}(u)} s_{uv}}

    Parameters
    ----------
    network : Network
        The network.
    w : ndarray of shape (n_actors,)
        Target values; only which entries are > 0 matters here.
    weight : str or None, default="strength"
        Tie attribute used as :math:`s_{uv}`; ``None`` gives the share of
        out-neighbours that are targets.

    Returns
    -------
    ndarray of shape (n_actors,)
        Shares in [0, 1], float64; NaN for actors without out-ties.

    Raises
    ------
    InvalidParameterError
        As :func:`direct_reach`.

    See Also
    --------
    direct_reach : Value-weighted direct reach.

    Notes
    -----
    Two sparse matrix-vector products, O(n_ties). Target values do not weigh in: the
    share is of the actor's audience (its out-ties), not of the target's value. An
    actor with no out-ties (isolated, or only receiving ties in a directed network)
    has no audience, so its share is undefined: NaN, which rankings treat as
    missing. An all-zero `w` gives 0 for every actor with out-ties.

    Examples
    --------
    >>> import numpy as np
    >>> from infnet.synthetic import toy_network
    >>> from infnet.targets import Target
    >>> net = toy_network()
    >>> w = Target(segments="fintech").weights(net)
    >>> np.round(target_share(net, w), 3).tolist()
    [0.0, 0.0, 0.16, 0.0, 0.778, 1.0, 1.0, 1.0, 1.0, nan]
    """
    x = _check_w(network, w, "target_share")
    m = network.matrix(weight)
    num = m @ (x > 0).astype(np.float64)
    den = np.asarray(m.sum(axis=1), dtype=np.float64)
    out = np.full(network.n_actors, np.nan)
    has = den > 0
    out[has] = num[has] / den[has]
    return out


# ---------------------------------------------------------------------- k-hop, exact
@numba.njit(cache=True, nogil=True)
def _khop_exact_kernel(
    indptr: np.ndarray,
    indices: np.ndarray,
    tptr: np.ndarray,
    tidx: np.ndarray,
    w: np.ndarray,
    hops: int,
    start: int,
    stop: int,
    stamp: np.ndarray,
    queue: np.ndarray,
    out: np.ndarray,
) -> None:  # pragma: no cover - compiled
    """Breadth-first search from each source in [start, stop) with a visited stamp.

    ``stamp[x] == u + 1`` marks x as seen from source u, so the array is never reset.
    Levels 1 .. hops-1 enqueue every new actor; the last level only scans ties into
    targets (``tptr``/``tidx``), since nothing is expanded after it.
    """
    for u in range(start, stop):
        mark = u + 1
        stamp[u] = mark
        total = 0.0
        queue[0] = u
        lo = 0
        hi = 1
        tail = 1
        for _level in range(hops - 1):
            for q in range(lo, hi):
                v = queue[q]
                for e in range(indptr[v], indptr[v + 1]):
                    x = indices[e]
                    if stamp[x] != mark:
                        stamp[x] = mark
                        total += w[x]
                        queue[tail] = x
                        tail += 1
            lo = hi
            hi = tail
        for q in range(lo, hi):
            v = queue[q]
            for e in range(tptr[v], tptr[v + 1]):
                x = tidx[e]
                if stamp[x] != mark:
                    stamp[x] = mark
                    total += w[x]
        out[u] = total


def _khop_exact(
    pattern: sparse.csr_array, w: FloatArray, hops: int, n_threads: int
) -> FloatArray:
    n = pattern.shape[0]
    out = np.zeros(n)
    if hops == 1:
        return np.asarray(pattern @ w, dtype=np.float64)
    tptr, tidx = _target_csr(pattern, w)
    idx_dtype = np.int32 if n < np.iinfo(np.int32).max - 1 else np.int64
    stamps = [np.zeros(n, dtype=idx_dtype) for _ in range(n_threads)]
    queues = [np.empty(n, dtype=idx_dtype) for _ in range(n_threads)]

    def work(t: int, start: int, stop: int) -> None:
        _khop_exact_kernel(
            pattern.indptr, pattern.indices, tptr, tidx, w, hops, start, stop,
            stamps[t], queues[t], out,
        )

    # fixed chunks (each actor's value is written by one call): any thread count and
    # the progress display give the same result
    with _progress.work(f"{hops}-hop reach (exact)", total=n) as job:
        run_chunks(even_bounds(n), n_threads, work, job.tick)
    return out


# ---------------------------------------------------------------------- k-hop, sketches
@numba.njit(cache=True, nogil=True)
def _merge_into(
    buf_r: np.ndarray, buf_i: np.ndarray, length: int,
    src_r: np.ndarray, src_i: np.ndarray, s0: int, s1: int,
    tmp_r: np.ndarray, tmp_i: np.ndarray, k: int,
) -> int:  # pragma: no cover - compiled
    """Merge sorted (rank, id) runs buf[:length] and src[s0:s1] into tmp, bottom-k, deduped.

    Returns the merged length; the caller swaps `buf` and `tmp`.
    """
    a = 0
    b = s0
    m = 0
    while m < k and (a < length or b < s1):
        if b >= s1 or (a < length and before(buf_r[a], buf_i[a], src_r[b], src_i[b])):
            tmp_r[m] = buf_r[a]
            tmp_i[m] = buf_i[a]
            a += 1
        elif a >= length or before(src_r[b], src_i[b], buf_r[a], buf_i[a]):
            tmp_r[m] = src_r[b]
            tmp_i[m] = src_i[b]
            b += 1
        else:  # the same target in both runs
            tmp_r[m] = buf_r[a]
            tmp_i[m] = buf_i[a]
            a += 1
            b += 1
        m += 1
    return m


@numba.njit(cache=True, nogil=True)
def _sketch_level_kernel(
    indptr: np.ndarray, indices: np.ndarray,
    prev_start: np.ndarray, prev_len: np.ndarray, prev_r: np.ndarray, prev_i: np.ndarray,
    rank: np.ndarray, w: np.ndarray, k: int, final: bool,
    start: int, stop: int,
    out_start: np.ndarray, out_len: np.ndarray, out_r: np.ndarray, out_i: np.ndarray,
    estimate: np.ndarray,
    buf_r: np.ndarray, buf_i: np.ndarray, tmp_r: np.ndarray, tmp_i: np.ndarray,
) -> None:  # pragma: no cover - compiled
    """One hop of bottom-k sketch propagation against the tie direction.

    Not final: S_h(u) = bottom-k({u} & T  U  union of S_{h-1}(v) over out-neighbours v),
    written at ``out_start[u]``. Final: merge the out-neighbours' sketches (u not added)
    and write the rank-conditioning estimate of their value, u itself left out.
    """
    for u in range(start, stop):
        length = 0
        if not final and w[u] > 0:
            buf_r[0] = rank[u]
            buf_i[0] = u
            length = 1
        for e in range(indptr[u], indptr[u + 1]):
            v = indices[e]
            s0 = prev_start[v]
            s1 = s0 + prev_len[v]
            if s1 == s0:
                continue
            if length == k and not before(prev_r[s0], prev_i[s0], buf_r[k - 1], buf_i[k - 1]):
                continue  # nothing in v's sketch is below u's threshold
            length = _merge_into(buf_r, buf_i, length, prev_r, prev_i, s0, s1, tmp_r, tmp_i, k)
            buf_r, tmp_r = tmp_r, buf_r
            buf_i, tmp_i = tmp_i, buf_i
        if final:
            total = 0.0
            if length < k:  # every reachable target is in the sketch: exact
                for j in range(length):
                    if buf_i[j] != u:
                        total += w[buf_i[j]]
            else:  # rank conditioning: adjusted weight w / P(rank < tau)
                tau = buf_r[k - 1]
                for j in range(k - 1):
                    t = buf_i[j]
                    if t != u:
                        total += w[t] / -np.expm1(-w[t] * tau)
            estimate[u] = total
        else:
            o = out_start[u]
            for j in range(length):
                out_r[o + j] = buf_r[j]
                out_i[o + j] = buf_i[j]
            out_len[u] = length


def _khop_sketch(
    pattern: sparse.csr_array, w: FloatArray, hops: int, k: int, rng: np.random.Generator,
    n_threads: int,
) -> FloatArray:
    n = pattern.shape[0]
    if hops == 1:
        return np.asarray(pattern @ w, dtype=np.float64)
    is_target = w > 0
    rank = np.full(n, np.inf)
    with np.errstate(over="ignore"):  # a subnormal value gives an infinite rank: never sampled
        rank[is_target] = rng.standard_exponential(int(is_target.sum())) / w[is_target]
    idx_dtype = np.int32 if n < np.iinfo(np.int32).max else np.int64
    # level 0: S_0(u) = {u} & T
    prev_start: np.ndarray
    prev_len: np.ndarray
    prev_r: np.ndarray
    prev_i: np.ndarray
    prev_len = is_target.astype(np.int64)
    prev_start = np.arange(n, dtype=np.int64)
    prev_r = rank.copy()
    prev_i = np.arange(n, dtype=idx_dtype)
    estimate = np.zeros(n)
    scratch = [
        (np.empty(k), np.empty(k, dtype=idx_dtype), np.empty(k), np.empty(k, dtype=idx_dtype))
        for _ in range(n_threads)
    ]
    ptr, ind = pattern.indptr, pattern.indices
    bounds = even_bounds(n)  # fixed chunks, as in _khop_exact
    with _progress.work(f"{hops}-hop reach (sketches, k={k})", total=n * hops) as job:
        for level in range(1, hops + 1):
            final = level == hops
            if final:
                out_start = np.zeros(1, dtype=np.int64)
                out_len = np.zeros(1, dtype=np.int64)
                out_r = np.empty(0)
                out_i = np.empty(0, dtype=idx_dtype)
            else:
                # an upper bound on each sketch's length: own membership + neighbours' lengths
                bound = np.minimum(
                    k, is_target + np.asarray(pattern @ prev_len.astype(np.float64))
                )
                out_start = np.zeros(n + 1, dtype=np.int64)
                np.cumsum(bound.astype(np.int64), out=out_start[1:])
                out_len = np.zeros(n, dtype=np.int64)
                out_r = np.empty(int(out_start[-1]))
                out_i = np.empty(int(out_start[-1]), dtype=idx_dtype)

            def work(
                t: int, start: int, stop: int, *, final: bool = final,
                out: tuple[Any, ...] = (out_start, out_len, out_r, out_i),
                prev: tuple[Any, ...] = (prev_start, prev_len, prev_r, prev_i),
            ) -> None:
                _sketch_level_kernel(  # type: ignore[call-arg]
                    ptr, ind, *prev, rank, w, k, final, start, stop, *out, estimate,
                    *scratch[t],
                )

            run_chunks(bounds, n_threads, work, job.tick)
            if not final:
                prev_start, prev_len, prev_r, prev_i = out_start, out_len, out_r, out_i
    return estimate


def khop_reach(
    network: Network,
    w: Any,
    *,
    hops: int = 2,
    method: Literal["exact", "sketch"] = "exact",
    precision: int = 10,
    rng: RngLike = None,
    n_jobs: int | None = None,
) -> FloatArray:
    r"""Targeted reach within k hops: total value of the distinct targets within `hops` ties.

    .. math::

        R_k(u) = \sum_{t \in T,\; 1 \le d(u, t) \le k} w_t

    where :math:`d(u, t)` is the number of ties on a shortest path from `u` to `t`
    following tie direction. Each target counts once however many paths reach it;
    `u` itself never counts; strengths are ignored.

    Parameters
    ----------
    network : Network
        The network.
    w : ndarray of shape (n_actors,)
        Target values, ``w_t > 0`` for targets and 0 otherwise.
    hops : int, default=2
        Largest distance counted, ``k``: 1 to 3 for ``method="exact"``, 1 to 16 for
        ``"sketch"``.
    method : {"exact", "sketch"}, default="exact"
        ``"exact"`` runs a breadth-first search from every actor; ``"sketch"``
        estimates from bottom-k distance sketches (see Notes), for large graphs and
        for ``hops > 3``.
    precision : int, default=10
        Sketch size ``k = 2**precision`` (4 to 16); ignored by ``"exact"``. The
        relative standard error is about :math:`1/\sqrt{k - 2}` (3.1 % at the
        default) for actors reaching more than ``k`` targets; reach over fewer
        targets is exact.
    rng : int, Generator, SeedSequence or None, default=None
        Seeds the random ranks of the sketches; ignored by ``"exact"``. A fixed seed
        gives identical results, whatever the row order of the input frames (ranks
        are drawn in canonical actor order).
    n_jobs : int or None, default=None
        Threads (``None`` or -1: every usable core; networks below 50,000 actors use
        one). The result does not depend on it.

    Returns
    -------
    ndarray of shape (n_actors,)
        :math:`R_k(u)` (or its estimate) for every actor, float64.

    Raises
    ------
    InvalidParameterError
        When `w` is invalid, `hops` or `precision` is out of range, or `method` is
        unknown.

    See Also
    --------
    direct_reach : Strength-weighted reach one tie away.
    acquisition_reach, retention_reach : Reach split by existing ties to the firm.

    Notes
    -----
    **Exact.** A compiled breadth-first search per source with a visited-stamp array
    (``stamp[x] == u + 1`` means seen from `u`, so it is never cleared); the last level
    only scans ties into targets. Time O(sum over actors of the ties scanned within
    ``hops - 1`` hops), i.e. about O(n_actors * d^hops) for mean out-degree ``d``;
    memory O(n_actors) per thread. Sources are split over threads (the kernel releases
    the GIL). ``hops=1`` is one sparse matrix-vector product: the value of the targets
    among the out-neighbours.

    **Sketch.** Every target ``t`` draws a rank :math:`r_t = E_t / w_t` with
    :math:`E_t \sim \mathrm{Exp}(1)` (seeded by `rng`). The closed-ball sketch
    :math:`S_h(u)` holds the ``k`` smallest ranks among targets at distance ``0..h``
    from ``u``, built hop by hop against the tie direction,
    :math:`S_h(u) = \mathrm{bottom}_k(\{u\} \cap T \cup \bigcup_{v \in N^{out}(u)}
    S_{h-1}(v))`, as in ANF/HyperANF [3]_ but with bottom-k sketches, which handle
    weights exactly. At the last hop, the union of the out-neighbours' sketches is
    estimated with Cohen & Kaplan's rank-conditioning estimator [1]_: with
    :math:`\tau` the ``k``-th smallest rank, each of the ``k - 1`` smaller items has
    adjusted weight :math:`w_t / (1 - e^{-w_t \tau})`, an unbiased estimate of its
    contribution; `u` itself is left out of the sum, so the estimate stays unbiased
    for :math:`R_k(u)`. When the union holds fewer than ``k`` targets, all of them are
    in the sketch and the sum is exact. Time O(n_ties * k) per hop in the worst case
    (merges stop early once the neighbour's smallest rank is above the current
    threshold); memory about 12 bytes per stored item, at most ``n_actors * k`` per
    level, two levels alive. HyperLogLog [2]_ counters would need integer
    replication to carry values; bottom-k needs none.

    Measured against exact on a directed random graph of 10,000 actors / 100,000 ties
    at the default precision (mean over seeds 0-4): every actor a target of value 1,
    4 hops (median reach 6,400 > k): median relative error 2.2 %, 95th percentile
    5.0 %; 20 % of actors targets with log-normal values, 4 hops (median reach 2,000):
    0.2 % and 1.0 %. Errors of different actors are correlated (they share ranks).
    With ``precision=9`` the all-target medians rise to 4.9 %.

    Direction: reach follows ties from source to target; in an undirected network
    every neighbour is reachable. An isolated actor gets 0; an all-zero `w` gives 0
    everywhere.

    References
    ----------
    .. [1] Cohen, E., & Kaplan, H. (2007). Summarizing data using bottom-k sketches.
       PODC '07, 225-234. https://doi.org/10.1145/1281100.1281126
    .. [2] Flajolet, P., Fusy, É., Gandouet, O., & Meunier, F. (2007). HyperLogLog: the
       analysis of a near-optimal cardinality estimation algorithm. AofA '07, DMTCS
       Proceedings, 137-156.
    .. [3] Boldi, P., Rosa, M., & Vigna, S. (2011). HyperANF: approximating the
       neighbourhood function of very large graphs on a budget. WWW '11, 625-634.
       https://doi.org/10.1145/1963405.1963493

    Examples
    --------
    >>> import numpy as np
    >>> from infnet.synthetic import toy_network
    >>> from infnet.targets import Target
    >>> net = toy_network()
    >>> w = Target(segments="fintech").weights(net)
    >>> khop_reach(net, w, hops=2).tolist()
    [1.0, 1.0, 3.0, 1.0, 4.0, 4.0, 4.0, 4.0, 4.0, 0.0]
    >>> khop_reach(net, w, hops=2, method="sketch", rng=0).tolist()
    [1.0, 1.0, 3.0, 1.0, 4.0, 4.0, 4.0, 4.0, 4.0, 0.0]
    """
    caller = "khop_reach"
    check_option(method, name="method", caller=caller, options=("exact", "sketch"))
    high = _MAX_EXACT_HOPS if method == "exact" else 16
    try:
        hops = check_int(hops, name="hops", caller=caller, low=1, high=high)
    except InvalidParameterError as exc:
        if method == "exact" and isinstance(hops, int) and hops > high:
            msg = f"{exc} Exact search supports up to {high} hops; pass method='sketch'."
            raise InvalidParameterError(msg) from None
        raise
    x = _check_w(network, w, caller)
    # validated whatever the method, so a bad value is never silently ignored
    p = check_int(precision, name="precision", caller=caller, low=4, high=16)
    gen = check_rng(rng)
    n_threads = _threads(network.n_actors, n_jobs, caller)
    canon = _canonical.canonical(network)
    cs = canon.strength
    pattern = sparse.csr_array((np.ones(cs.nnz), cs.indices, cs.indptr), shape=cs.shape)
    xc = np.ascontiguousarray(canon.values_in(x))
    if method == "exact":
        out = _khop_exact(pattern, xc, hops, n_threads)
    else:
        out = _khop_sketch(pattern, xc, hops, 2**p, gen, n_threads)
    return np.asarray(canon.values_out(out), dtype=np.float64)


# ---------------------------------------------------------------------- acquisition / retention
def _retained_mask(network: Network, caller: str) -> BoolArray:
    """Actors with an existing tie to the focal organisation (or internal themselves)."""
    if "kind" not in network.actors.columns:
        msg = (
            f"{caller} needs the actor column 'kind' (internal / external) to know the "
            "focal organisation's members; pass focal_organisation=... when building the "
            "network, or give a 'kind' column."
        )
        raise InvalidParameterError(msg)
    internal = np.asarray(network.attribute("kind") == "internal", dtype=np.float64)
    pattern = network.matrix(None)
    tied = (pattern @ internal > 0) | (internal @ pattern > 0)
    return np.asarray(tied | (internal > 0), dtype=bool)


def _split_reach(
    network: Network, w: Any, keep_retained: bool, caller: str, hops: int,
    weight: str | None, method: Literal["exact", "sketch"], precision: int, rng: RngLike,
    n_jobs: int | None,
) -> FloatArray:
    x = _check_w(network, w, caller)
    retained = _retained_mask(network, caller)
    x = np.where(retained == keep_retained, x, 0.0)
    hops = check_int(hops, name="hops", caller=caller, low=1)
    # validated at every horizon, so a bad value is never silently ignored at hops=1
    check_option(method, name="method", caller=caller, options=("exact", "sketch"))
    check_int(precision, name="precision", caller=caller, low=4, high=16)
    check_n_jobs(n_jobs, caller=caller)
    if hops == 1:
        return direct_reach(network, x, weight=weight)
    return khop_reach(
        network, x, hops=hops, method=method, precision=precision, rng=rng, n_jobs=n_jobs
    )


def acquisition_reach(
    network: Network,
    w: Any,
    *,
    hops: int = 1,
    weight: str | None = "strength",
    method: Literal["exact", "sketch"] = "exact",
    precision: int = 10,
    rng: RngLike = None,
    n_jobs: int | None = None,
) -> FloatArray:
    r"""Acquisition reach: reach into targets with no existing tie to the focal organisation.

    The targets the firm cannot reach itself: ``w`` restricted to targets that are
    external and have no tie, in either direction, to an internal actor. Then

    .. math::

        A(u) = \begin{cases} R_1(u; w^{new}) & \text{hops} = 1 \\
                             R_k(u; w^{new}) & \text{hops} = k \ge 2 \end{cases}

    Parameters
    ----------
    network : Network
        The network; needs the actor column ``kind`` (built with
        ``focal_organisation=...``, or given).
    w : ndarray of shape (n_actors,)
        Target values.
    hops : int, default=1
        1 gives :func:`direct_reach` (strength-weighted); 2 or more gives
        :func:`khop_reach` (distinct targets, strengths ignored).
    weight : str or None, default="strength"
        Tie attribute for ``hops=1``.
    method : {"exact", "sketch"}, default="exact"
        For ``hops >= 2``, as in :func:`khop_reach`.
    precision : int, default=10
        For ``method="sketch"``.
    rng : int, Generator, SeedSequence or None, default=None
        For ``method="sketch"``.
    n_jobs : int or None, default=None
        Threads for ``hops >= 2``, as in :func:`khop_reach`.

    Returns
    -------
    ndarray of shape (n_actors,)
        Acquisition reach of every actor, float64.

    Raises
    ------
    InvalidParameterError
        When the network has no ``kind`` column, or as :func:`khop_reach`.

    See Also
    --------
    retention_reach : The complement: targets already tied to the firm.

    Notes
    -----
    ``acquisition_reach + retention_reach`` equals the unrestricted reach, because the
    two split `w` into disjoint parts and both reach measures are linear in `w`. An
    internal target counts as retained. Cost: two sparse products to find the tied
    targets, then the chosen reach. If every target is already tied to the firm, the
    result is 0 everywhere (no error).

    Examples
    --------
    >>> import numpy as np
    >>> from infnet.synthetic import toy_network
    >>> from infnet.targets import Target
    >>> net = toy_network()
    >>> w = Target(segments="fintech").weights(net)
    >>> np.round(acquisition_reach(net, w), 3).tolist()
    [0.0, 0.0, 0.0, 0.0, 1.4, 0.6, 1.1, 1.0, 1.1, 0.0]
    """
    return _split_reach(
        network, w, False, "acquisition_reach", hops, weight, method, precision, rng,
        n_jobs,
    )


def retention_reach(
    network: Network,
    w: Any,
    *,
    hops: int = 1,
    weight: str | None = "strength",
    method: Literal["exact", "sketch"] = "exact",
    precision: int = 10,
    rng: RngLike = None,
    n_jobs: int | None = None,
) -> FloatArray:
    r"""Retention reach: reach into targets that already have a tie to the focal organisation.

    ``w`` restricted to targets that are internal or have a tie, in either direction,
    to an internal actor (the relationships to strengthen); then :func:`direct_reach`
    for ``hops=1`` or :func:`khop_reach` for ``hops >= 2``.

    Parameters
    ----------
    network : Network
        The network; needs the actor column ``kind``.
    w : ndarray of shape (n_actors,)
        Target values.
    hops : int, default=1
        1 gives :func:`direct_reach`; 2 or more gives :func:`khop_reach`.
    weight : str or None, default="strength"
        Tie attribute for ``hops=1``.
    method : {"exact", "sketch"}, default="exact"
        For ``hops >= 2``.
    precision : int, default=10
        For ``method="sketch"``.
    rng : int, Generator, SeedSequence or None, default=None
        For ``method="sketch"``.
    n_jobs : int or None, default=None
        Threads for ``hops >= 2``, as in :func:`khop_reach`.

    Returns
    -------
    ndarray of shape (n_actors,)
        Retention reach of every actor, float64.

    Raises
    ------
    InvalidParameterError
        When the network has no ``kind`` column, or as :func:`khop_reach`.

    See Also
    --------
    acquisition_reach : The complement.

    Notes
    -----
    As :func:`acquisition_reach`, on the complementary part of `w`.

    Examples
    --------
    >>> import numpy as np
    >>> from infnet.synthetic import toy_network
    >>> from infnet.targets import Target
    >>> net = toy_network()
    >>> w = Target(segments="fintech").weights(net)
    >>> np.round(retention_reach(net, w), 3).tolist()
    [0.0, 0.0, 0.4, 0.0, 0.0, 0.9, 0.5, 0.0, 0.0, 0.0]
    """
    return _split_reach(
        network, w, True, "retention_reach", hops, weight, method, precision, rng,
        n_jobs,
    )
