"""Betweenness centrality: exact (Brandes) and sampled with an (epsilon, delta) guarantee.

Betweenness measures brokerage: the share of shortest paths between other actors that
run through an actor. The exact algorithm costs one graph search per actor; for large
networks, :func:`approximate_betweenness` samples shortest paths and bounds the error of
every actor's estimate at once.
"""

from __future__ import annotations

import math

import numba
import numpy as np
from scipy import sparse
from scipy.sparse import csgraph

from infnet import _progress
from infnet._typing import FloatArray, RngLike
from infnet._validation import check_bool, check_float, check_n_jobs, check_network, check_rng
from infnet.algorithms import _canonical
from infnet.algorithms._traversal import heap_pop, heap_push, n_chunks, numba_threads, uniform
from infnet.algorithms.centrality import _weighted
from infnet.network import Network

__all__ = ["approximate_betweenness", "betweenness_centrality"]


# -------------------------------------------------------------- exact kernels
@numba.njit(cache=True, nogil=True, parallel=True)
def _brandes_bfs(
    indptr: np.ndarray, indices: np.ndarray, n_chunks: int, endpoints: bool,
    finished: np.ndarray,
) -> np.ndarray:
    """Brandes from every source; chunk ``c`` takes sources ``c, c + n_chunks, ...``.

    ``finished[c]`` counts chunk ``c``'s finished sources (progress; results ignore it).
    """
    n = indptr.size - 1
    partial = np.zeros((n_chunks, n))
    for c in numba.prange(n_chunks):
        dist = np.full(n, -1, np.int64)
        sigma = np.zeros(n)
        delta = np.zeros(n)
        order = np.empty(n, np.int64)
        for s in range(c, n, n_chunks):
            dist[s] = 0
            sigma[s] = 1.0
            order[0] = s
            head, tail = 0, 1
            while head < tail:
                v = order[head]
                head += 1
                dw = dist[v] + 1
                for k in range(indptr[v], indptr[v + 1]):
                    w = indices[k]
                    if dist[w] < 0:
                        dist[w] = dw
                        order[tail] = w
                        tail += 1
                    if dist[w] == dw:
                        sigma[w] += sigma[v]
            for i in range(tail - 1, -1, -1):
                v = order[i]
                dw = dist[v] + 1
                acc = 0.0
                for k in range(indptr[v], indptr[v + 1]):
                    w = indices[k]
                    if dist[w] == dw:
                        acc += (1.0 + delta[w]) / sigma[w]
                delta[v] = sigma[v] * acc
                if v != s:
                    partial[c, v] += delta[v] + 1.0 if endpoints else delta[v]
            if endpoints:
                partial[c, s] += tail - 1
            finished[c] += 1
            for i in range(tail):
                v = order[i]
                dist[v] = -1
                sigma[v] = 0.0
                delta[v] = 0.0
    return partial.sum(axis=0)  # type: ignore[no-any-return]


@numba.njit(cache=True, nogil=True, parallel=True)
def _brandes_dijkstra(
    indptr: np.ndarray, indices: np.ndarray, length: np.ndarray, n_chunks: int, endpoints: bool,
    finished: np.ndarray,
) -> np.ndarray:
    """:func:`_brandes_bfs` with Dijkstra searches over tie lengths."""
    n = indptr.size - 1
    m = indices.size
    partial = np.zeros((n_chunks, n))
    for c in numba.prange(n_chunks):
        dist = np.full(n, np.inf)
        done = np.zeros(n, np.bool_)
        sigma = np.zeros(n)
        delta = np.zeros(n)
        order = np.empty(n, np.int64)
        touched = np.empty(n, np.int64)
        keys = np.empty(m + 1)
        vals = np.empty(m + 1, np.int64)
        for s in range(c, n, n_chunks):
            dist[s] = 0.0
            sigma[s] = 1.0
            touched[0] = s
            n_touched = 1
            n_done = 0
            size = heap_push(keys, vals, 0, 0.0, s)
            while size > 0:
                d, v, size = heap_pop(keys, vals, size)
                if done[v]:
                    continue
                done[v] = True
                order[n_done] = v
                n_done += 1
                for k in range(indptr[v], indptr[v + 1]):
                    w = indices[k]
                    if done[w]:
                        continue
                    nd = d + length[k]
                    if nd < dist[w]:
                        if dist[w] == np.inf:
                            touched[n_touched] = w
                            n_touched += 1
                        dist[w] = nd
                        sigma[w] = sigma[v]
                        size = heap_push(keys, vals, size, nd, w)
                    elif nd == dist[w]:
                        sigma[w] += sigma[v]
            for i in range(n_done - 1, -1, -1):
                v = order[i]
                dv = dist[v]
                acc = 0.0
                for k in range(indptr[v], indptr[v + 1]):
                    w = indices[k]
                    if done[w] and dist[w] == dv + length[k]:
                        acc += (1.0 + delta[w]) / sigma[w]
                delta[v] = sigma[v] * acc
                if v != s:
                    partial[c, v] += delta[v] + 1.0 if endpoints else delta[v]
            if endpoints:
                partial[c, s] += n_done - 1
            finished[c] += 1
            for i in range(n_touched):
                v = touched[i]
                dist[v] = np.inf
                done[v] = False
                sigma[v] = 0.0
                delta[v] = 0.0
    return partial.sum(axis=0)  # type: ignore[no-any-return]


def betweenness_centrality(
    network: Network,
    *,
    weight: str | None = None,
    normalized: bool = True,
    endpoints: bool = False,
    n_jobs: int | None = None,
) -> FloatArray:
    r"""Return the exact shortest-path betweenness of every actor (Brandes' algorithm).

    .. math::

        c_B(v) = \sum_{s \ne v \ne t} \frac{\sigma(s, t \mid v)}{\sigma(s, t)},

    where :math:`\sigma(s, t)` is the number of shortest paths from :math:`s` to
    :math:`t` and :math:`\sigma(s, t \mid v)` the number through :math:`v`.

    Parameters
    ----------
    network : Network
        The network.
    weight : str or None, default=None
        ``None`` counts hops; a tie attribute name uses its values as tie *lengths*
        (as networkx does; strength is a closeness, so pass a length attribute).
    normalized : bool, default=True
        Divide by the number of ordered pairs that could route through an actor,
        ``(n - 1)(n - 2)`` (``n (n - 1)`` with `endpoints`). Unnormalised values of
        an undirected network count each unordered pair once.
    endpoints : bool, default=False
        Count the ends of each path as on the path.
    n_jobs : int or None, default=None
        Threads (``None`` or -1: every usable core). Sources are split into a fixed
        number of chunks, so the result is identical for any value.

    Returns
    -------
    ndarray of shape (n_actors,)
        Betweenness per actor, exactly as ``networkx.betweenness_centrality``.

    Raises
    ------
    InvalidParameterError
        For an unknown or non-positive tie attribute.
    InfnetTypeError
        For arguments of the wrong type.

    See Also
    --------
    approximate_betweenness : Sampled estimate with a uniform error bound.

    Notes
    -----
    Brandes' algorithm: one search per source (breadth-first, O(n_ties); or Dijkstra
    with a binary heap, O(n_ties log n_ties)) then a backward accumulation of pair
    dependencies; O(n_actors * n_ties) time in all for hops, O(n_actors * n_ties *
    log n_ties) with lengths, O(n_actors + n_ties) memory per thread. Compiled numba
    kernels, parallel over sources. Path counts are float64, as in networkx. Ties are
    followed in their direction; undirected ties both ways. Equal-length paths are
    detected by exact float equality of the summed lengths, as in networkx. Isolated
    actors get 0; networks with fewer than 3 actors (2 with `endpoints`) are not
    rescaled.

    References
    ----------
    .. [1] Brandes, U. (2001). A faster algorithm for betweenness centrality. Journal
       of Mathematical Sociology, 25(2), 163-177.
       https://doi.org/10.1080/0022250X.2001.9990249
    .. [2] Brandes, U. (2008). On variants of shortest-path betweenness centrality and
       their generic computation. Social Networks, 30(2), 136-145.
       https://doi.org/10.1016/j.socnet.2007.11.001

    Examples
    --------
    >>> from infnet.synthetic import barbell
    >>> from infnet.algorithms.betweenness import betweenness_centrality
    >>> np.round(betweenness_centrality(barbell(3)), 3).tolist()
    [0.0, 0.0, 0.6, 0.6, 0.0, 0.0]
    """
    caller = "betweenness_centrality"
    network = check_network(network, caller=caller)
    normalized = check_bool(normalized, name="normalized", caller=caller)
    endpoints = check_bool(endpoints, name="endpoints", caller=caller)
    threads = check_n_jobs(n_jobs, caller=caller)
    m = _weighted(network, weight, caller)
    n = network.n_actors
    chunks = n_chunks(n)
    with numba_threads(threads), _progress.work(
        "betweenness (Brandes)", total=n, slots=chunks
    ) as job:
        if weight is None:
            raw = _brandes_bfs(m.indptr, m.indices, chunks, endpoints, job.counts)
        else:
            raw = _brandes_dijkstra(
                m.indptr, m.indices, np.ascontiguousarray(m.data), chunks, endpoints, job.counts
            )
    big_n = n if endpoints else n - 1
    if big_n < 2:
        return raw
    if normalized:
        return raw / (big_n * (big_n - 1))
    return raw if network.directed else raw / 2.0


# -------------------------------------------------------------- sampled kernels
@numba.njit(cache=True, nogil=True)
def _pick(
    ptr: np.ndarray, idx: np.ndarray, x: int, dist: np.ndarray, sigma: np.ndarray, u: float
) -> int:
    """Pick a neighbour of ``x`` one step closer to the search root, by path counts."""
    want = dist[x] - 1
    target = u * sigma[x]
    acc = 0.0
    last = -1
    for k in range(ptr[x], ptr[x + 1]):
        v = idx[k]
        if dist[v] == want:
            acc += sigma[v]
            last = v
            if acc > target:
                return v  # type: ignore[no-any-return]
    return last


@numba.njit(cache=True, nogil=True)
def _expand(
    ptr: np.ndarray, idx: np.ndarray, deg_ptr: np.ndarray, frontier: np.ndarray,
    f_lo: int, f_hi: int, dist: np.ndarray, sigma: np.ndarray, other: np.ndarray,
    meet: np.ndarray,
) -> tuple[int, int, int]:
    """Expand one full BFS level ``frontier[f_lo:f_hi]``; append the new level after it.

    Returns the end of the new level, the number of new nodes also reached by the other
    search (stored in ``meet``), and the sum of the new level's degrees.
    """
    tail = f_hi
    n_meet = 0
    cost = 0
    for i in range(f_lo, f_hi):
        v = frontier[i]
        dw = dist[v] + 1
        for k in range(ptr[v], ptr[v + 1]):
            w = idx[k]
            if dist[w] < 0:
                dist[w] = dw
                frontier[tail] = w
                tail += 1
                cost += deg_ptr[w + 1] - deg_ptr[w]
                if other[w] >= 0:
                    meet[n_meet] = w
                    n_meet += 1
            if dist[w] == dw:
                sigma[w] += sigma[v]
    return tail, n_meet, cost


@numba.njit(cache=True, nogil=True, parallel=True)
def _sample_paths(
    out_ptr: np.ndarray, out_idx: np.ndarray, in_ptr: np.ndarray, in_idx: np.ndarray,
    sources: np.ndarray, targets: np.ndarray, seeds: np.ndarray, n_chunks: int,
    finished: np.ndarray,
) -> np.ndarray:
    """Count internal actors of one uniformly drawn shortest path per (source, target).

    Balanced bidirectional BFS: a forward search from the source over out-ties and a
    backward search from the target over in-ties, each expanding whole levels, the
    cheaper side first, until they meet. Every shortest path crosses the last level
    expanded at exactly one node ``x``; ``x`` is drawn with probability
    ``sigma_f(x) sigma_b(x) / sigma(s, t)``, then each half path is drawn backwards by
    path counts, which makes the whole path uniform among the shortest ones. Chunk
    ``c`` takes samples ``c, c + n_chunks, ...`` and counts them in ``finished[c]``
    (progress; results ignore it).
    """
    n = out_ptr.size - 1
    r = sources.size
    partial = np.zeros((n_chunks, n))
    for c in numba.prange(n_chunks):
        dist_f = np.full(n, -1, np.int64)
        dist_b = np.full(n, -1, np.int64)
        sig_f = np.zeros(n)
        sig_b = np.zeros(n)
        seen_f = np.empty(n, np.int64)
        seen_b = np.empty(n, np.int64)
        meet = np.empty(n, np.int64)
        for j in range(c, r, n_chunks):
            s = sources[j]
            t = targets[j]
            state = seeds[j]
            dist_f[s] = 0
            sig_f[s] = 1.0
            seen_f[0] = s
            dist_b[t] = 0
            sig_b[t] = 1.0
            seen_b[0] = t
            lo_f, hi_f, lo_b, hi_b = 0, 1, 0, 1
            cost_f = out_ptr[s + 1] - out_ptr[s]
            cost_b = in_ptr[t + 1] - in_ptr[t]
            n_meet = 0
            while hi_f > lo_f and hi_b > lo_b:
                if cost_f <= cost_b:
                    tail, n_meet, cost = _expand(
                        out_ptr, out_idx, in_ptr, seen_f, lo_f, hi_f, dist_f, sig_f, dist_b,
                        meet,
                    )
                    lo_f, hi_f, cost_f = hi_f, tail, cost
                else:
                    tail, n_meet, cost = _expand(
                        in_ptr, in_idx, out_ptr, seen_b, lo_b, hi_b, dist_b, sig_b, dist_f,
                        meet,
                    )
                    lo_b, hi_b, cost_b = hi_b, tail, cost
                if n_meet > 0:
                    break
            if n_meet > 0:
                total = 0.0
                for i in range(n_meet):
                    total += sig_f[meet[i]] * sig_b[meet[i]]
                state, u = uniform(state)
                target = u * total
                acc = 0.0
                x = meet[n_meet - 1]
                for i in range(n_meet):
                    acc += sig_f[meet[i]] * sig_b[meet[i]]
                    if acc > target:
                        x = meet[i]
                        break
                if x != s and x != t:
                    partial[c, x] += 1.0
                v = x
                while dist_f[v] > 1:
                    state, u = uniform(state)
                    v = _pick(in_ptr, in_idx, v, dist_f, sig_f, u)
                    partial[c, v] += 1.0
                v = x
                while dist_b[v] > 1:
                    state, u = uniform(state)
                    v = _pick(out_ptr, out_idx, v, dist_b, sig_b, u)
                    partial[c, v] += 1.0
            for i in range(hi_f):
                v = seen_f[i]
                dist_f[v] = -1
                sig_f[v] = 0.0
            for i in range(hi_b):
                v = seen_b[i]
                dist_b[v] = -1
                sig_b[v] = 0.0
            finished[c] += 1
    return partial.sum(axis=0)  # type: ignore[no-any-return]


@numba.njit(cache=True, nogil=True)
def _eccentricities(indptr: np.ndarray, indices: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """BFS eccentricity of each start node (starts in distinct components: O(n + m))."""
    n = indptr.size - 1
    dist = np.full(n, -1, np.int64)
    queue = np.empty(n, np.int64)
    out = np.zeros(starts.size, np.int64)
    for j in range(starts.size):
        s = starts[j]
        dist[s] = 0
        queue[0] = s
        head, tail = 0, 1
        while head < tail:
            v = queue[head]
            head += 1
            for k in range(indptr[v], indptr[v + 1]):
                w = indices[k]
                if dist[w] < 0:
                    dist[w] = dist[v] + 1
                    queue[tail] = w
                    tail += 1
        out[j] = dist[queue[tail - 1]]
    return out


def _vertex_diameter_bound(s: sparse.csr_array, directed: bool) -> int:
    """Bound the number of actors on any shortest path (`s` in canonical order)."""
    pattern = sparse.csr_array((np.ones(s.nnz), s.indices, s.indptr), shape=s.shape)
    n_comp, labels = csgraph.connected_components(pattern, directed=True, connection="weak")
    sizes = np.bincount(labels, minlength=n_comp)
    if directed:
        return int(sizes.max())
    starts = np.zeros(n_comp, np.int64)
    starts[labels[::-1]] = np.arange(labels.size - 1, -1, -1)  # first node of each component
    ecc = _eccentricities(s.indptr, s.indices, starts)
    return int(np.minimum(2 * ecc + 1, sizes).max())


def approximate_betweenness(
    network: Network,
    *,
    epsilon: float = 0.05,
    delta: float = 0.1,
    rng: RngLike = None,
    n_jobs: int | None = None,
) -> FloatArray:
    r"""Return betweenness estimated by sampling shortest paths, with a uniform error bound.

    Riondato and Kornaropoulos' estimator [1]_: draw :math:`r` ordered pairs
    :math:`(s, t)`, :math:`s \ne t`, uniformly; for each draw one shortest
    :math:`s \to t` path uniformly at random and credit :math:`1/r` to each actor
    strictly inside it. With

    .. math::

        r = \Big\lceil \frac{c}{\varepsilon'^2}\Big(\lfloor \log_2 (VD - 2)
            \rfloor + 1 + \ln \frac{1}{\delta}\Big) \Big\rceil,
        \qquad c = 0.5, \quad \varepsilon' = \varepsilon \frac{n - 2}{n},

    where :math:`VD` bounds the number of actors on a shortest path, with probability
    at least :math:`1 - \delta` every returned value is within `epsilon` of
    ``betweenness_centrality(network, normalized=True)``.

    Parameters
    ----------
    network : Network
        The network; ties are unweighted here (hops).
    epsilon : float, default=0.05
        Largest absolute error of any actor's estimate, in (0, 1).
    delta : float, default=0.1
        Probability that the bound fails, in (0, 1).
    rng : int, Generator, SeedSequence or None, default=None
        Randomness; a fixed seed gives identical results, whatever the row order of
        the frames the network was built from.
    n_jobs : int or None, default=None
        Threads (``None`` or -1: every usable core); the result does not depend on it.

    Returns
    -------
    ndarray of shape (n_actors,)
        Estimated betweenness on the scale of ``betweenness_centrality(...,
        normalized=True, endpoints=False)``.

    Raises
    ------
    InvalidParameterError
        For `epsilon` or `delta` outside (0, 1).
    InfnetTypeError
        For arguments of the wrong type (including a legacy ``RandomState``).

    See Also
    --------
    betweenness_centrality : Exact values, O(n_actors * n_ties).

    Notes
    -----
    **Scale.** The paper normalises by all ordered pairs, :math:`b(v) =
    \frac{1}{n(n-1)} \sum_{s \ne t} \sigma(s,t \mid v)/\sigma(s,t)`, while
    networkx's normalised betweenness divides the same sum by :math:`(n-1)(n-2)`, so
    :math:`b_{nx} = b \cdot n / (n - 2)`. The sample is drawn for the paper's bound
    :math:`\varepsilon' = \varepsilon (n-2)/n` and the estimate multiplied by
    :math:`n/(n-2)`, so the stated guarantee, :math:`|\tilde b_{nx}(v) - b_{nx}(v)|
    \le \varepsilon` for all :math:`v` at once with probability
    :math:`\ge 1 - \delta`, holds on networkx's scale.

    **Vertex diameter bound.** Undirected: one breadth-first search per connected
    component from its first actor gives eccentricity :math:`e`; the component's
    shortest paths have at most :math:`2e + 1` actors (and at most its size), and
    :math:`VD` is the largest of these bounds (O(n_actors + n_ties) in all). Directed:
    the size of the largest weakly connected component (a loose but valid bound; it
    costs at most about :math:`\log_2 n` extra units in the bracket). When
    :math:`VD < 3` no path has an inner actor and all values are 0.

    **Cost.** Each sample is a balanced bidirectional breadth-first search (expanding
    the side with the smaller frontier degree, as in KADABRA [2]_), in a compiled
    numba kernel parallel over samples, then one backward walk; memory
    O(n_actors) per thread. The sample size does not grow with the network.
    Each sample has its own splitmix64 stream seeded from `rng`, so results do not
    depend on the number of threads. Pairs are drawn, and searches run, on the
    network relabelled into canonical order (actors sorted by id), and the counts
    are mapped back, so results do not depend on the row order of the input frames.

    References
    ----------
    .. [1] Riondato, M., & Kornaropoulos, E. M. (2016). Fast approximation of
       betweenness centrality through sampling. Data Mining and Knowledge Discovery,
       30(2), 438-475. https://doi.org/10.1007/s10618-015-0423-0
    .. [2] Borassi, M., & Natale, E. (2019). KADABRA is an ADaptive Algorithm for
       Betweenness via Random Approximation. ACM Journal of Experimental
       Algorithmics, 24, 1.2:1-1.2:35. https://doi.org/10.1145/3284359

    Examples
    --------
    >>> from infnet.synthetic import barbell
    >>> from infnet.algorithms.betweenness import approximate_betweenness
    >>> est = approximate_betweenness(barbell(3), epsilon=0.1, rng=0)
    >>> bool(abs(est[2] - 0.6) <= 0.1)
    True
    """
    caller = "approximate_betweenness"
    network = check_network(network, caller=caller)
    epsilon = check_float(epsilon, name="epsilon", caller=caller, low=0.0, high=1.0,
                          closed="neither")
    delta = check_float(delta, name="delta", caller=caller, low=0.0, high=1.0, closed="neither")
    gen = check_rng(rng)
    threads = check_n_jobs(n_jobs, caller=caller)
    n = network.n_actors
    if n < 3:
        return np.zeros(n)
    canon = _canonical.canonical(network)
    s = canon.strength
    vd = _vertex_diameter_bound(s, network.directed)
    if vd < 3:
        return np.zeros(n)
    eps = epsilon * (n - 2) / n
    r = math.ceil(0.5 / eps**2 * (math.floor(math.log2(vd - 2)) + 1 + math.log(1.0 / delta)))
    sources = gen.integers(0, n, size=r)
    targets = gen.integers(0, n - 1, size=r)
    targets += targets >= sources
    seeds = gen.integers(0, np.iinfo(np.int64).max, size=r, dtype=np.int64).astype(np.uint64)
    if network.directed:
        t = sparse.csc_array((np.ones(s.nnz), s.indices, s.indptr), shape=s.shape).tocsr()
        in_ptr, in_idx = t.indptr, t.indices
    else:
        in_ptr, in_idx = s.indptr, s.indices
    chunks = n_chunks(r)
    with numba_threads(threads), _progress.work(
        f"betweenness ({r:,} sampled paths)", total=r, slots=chunks
    ) as job:
        counts = _sample_paths(
            s.indptr, s.indices, in_ptr, in_idx, sources, targets, seeds, chunks, job.counts
        )
    return np.asarray(canon.values_out(counts) * (n / ((n - 2) * r)), dtype=np.float64)
