"""Centrality measures: degree and strength, PageRank, eigenvector, Katz, harmonic, k-core.

Every function takes a :class:`~infnet.Network` and returns a float64 array of shape
``(n_actors,)`` aligned with ``network.actor_ids``. Ties point from source to target
(influence flows source -> target); undirected networks store each tie both ways.
Definitions follow networkx wherever networkx has the measure, and the tests check
agreement with it. Iterative solvers are plain vectorised power iterations over a
CSR matrix (scipy sparse matrix-vector products); graph searches (harmonic closeness,
k-core) are compiled numba kernels over the CSR arrays.
"""

from __future__ import annotations

from typing import Any

import numba
import numpy as np
from scipy import sparse

from infnet._typing import FloatArray
from infnet._validation import check_float, check_int, check_option
from infnet.exceptions import (
    ConvergenceError,
    EmptyTargetError,
    InfnetTypeError,
    InvalidParameterError,
)
from infnet.network import Network

__all__ = [
    "core_number",
    "degree",
    "eigenvector_centrality",
    "harmonic_centrality",
    "katz_centrality",
    "pagerank",
    "personalized_pagerank",
]


# ---------------------------------------------------------------------- helpers
def _check_network(network: object, caller: str) -> Network:
    if not isinstance(network, Network):
        msg = f"`network` of {caller} must be an infnet Network; got {type(network).__name__}."
        raise InfnetTypeError(msg)
    return network


def _check_weight(weight: object, caller: str, name: str = "weight") -> str | None:
    if weight is not None and not isinstance(weight, str):
        msg = (
            f"`{name}` of {caller} must be a tie attribute name or None; "
            f"got {type(weight).__name__} {weight!r}."
        )
        raise InfnetTypeError(msg)
    return weight


def _weighted(
    network: Network, weight: str | None, caller: str, *, name: str = "weight", inward: bool = False
) -> sparse.csr_array:
    """``network.matrix(weight)`` (or ``in_matrix``) with errors naming caller and parameter."""
    weight = _check_weight(weight, caller, name)
    try:
        return network.in_matrix(weight) if inward else network.matrix(weight)
    except InvalidParameterError as exc:
        msg = f"`{name}` of {caller}: {exc}"
        raise InvalidParameterError(msg) from None


def _check_solver(max_iter: Any, tol: Any, caller: str) -> tuple[int, float]:
    it = check_int(max_iter, name="max_iter", caller=caller, low=1)
    tl = check_float(tol, name="tol", caller=caller, low=0.0, closed="neither")
    return it, tl


def _check_vector(
    values: Any, *, name: str, caller: str, n: int, empty: type[Exception] = InvalidParameterError
) -> FloatArray:
    """Check a non-negative, finite per-actor vector with a positive sum (bool masks allowed)."""
    if isinstance(values, (str, bytes)) or not hasattr(values, "__len__"):
        msg = (
            f"`{name}` of {caller} must be an array of shape ({n},) of non-negative "
            f"weights or a boolean mask; got {type(values).__name__}."
        )
        raise InfnetTypeError(msg)
    arr = np.asarray(values)
    if arr.dtype == np.bool_:
        arr = arr.astype(np.float64)
    elif not np.issubdtype(arr.dtype, np.number) or np.issubdtype(arr.dtype, np.complexfloating):
        msg = f"`{name}` of {caller} must be numeric or boolean; got dtype {arr.dtype}."
        raise InfnetTypeError(msg)
    if arr.shape != (n,):
        msg = f"`{name}` of {caller} must have shape ({n},) (one value per actor); got {arr.shape}."
        raise InvalidParameterError(msg)
    arr = arr.astype(np.float64)
    if not np.isfinite(arr).all() or (arr < 0).any():
        bad = np.flatnonzero(~np.isfinite(arr) | (arr < 0))
        msg = (
            f"`{name}` of {caller} must be finite and >= 0; {bad.size} entries are not "
            f"(first positions {bad[:5].tolist()})."
        )
        raise InvalidParameterError(msg)
    if arr.sum() <= 0:
        msg = f"`{name}` of {caller} is all zero: at least one actor needs a positive weight."
        raise empty(msg)
    return arr


# -------------------------------------------------------------- compiled kernels
@numba.njit(cache=True, nogil=True)
def _heap_push(keys: np.ndarray, vals: np.ndarray, size: int, key: float, val: int) -> int:
    """Push onto a binary min-heap stored in ``keys``/``vals``; return the new size."""
    i = size
    keys[i] = key
    vals[i] = val
    while i > 0:
        parent = (i - 1) >> 1
        if keys[parent] <= keys[i]:
            break
        keys[parent], keys[i] = keys[i], keys[parent]
        vals[parent], vals[i] = vals[i], vals[parent]
        i = parent
    return size + 1


@numba.njit(cache=True, nogil=True)
def _heap_pop(keys: np.ndarray, vals: np.ndarray, size: int) -> tuple[float, int, int]:
    """Pop the minimum of a binary heap; return ``(key, value, new size)``."""
    key = keys[0]
    val = vals[0]
    size -= 1
    keys[0] = keys[size]
    vals[0] = vals[size]
    i = 0
    while True:
        left = 2 * i + 1
        if left >= size:
            break
        child = left
        if left + 1 < size and keys[left + 1] < keys[left]:
            child = left + 1
        if keys[i] <= keys[child]:
            break
        keys[child], keys[i] = keys[i], keys[child]
        vals[child], vals[i] = vals[i], vals[child]
        i = child
    return key, val, size


@numba.njit(cache=True, nogil=True, parallel=True)
def _harmonic_bfs(indptr: np.ndarray, indices: np.ndarray, n_chunks: int) -> np.ndarray:
    n = indptr.size - 1
    out = np.zeros(n)
    for c in numba.prange(n_chunks):
        dist = np.full(n, -1, np.int64)
        queue = np.empty(n, np.int64)
        for s in range(c, n, n_chunks):
            dist[s] = 0
            queue[0] = s
            head, tail = 0, 1
            total = 0.0
            while head < tail:
                v = queue[head]
                head += 1
                dv = dist[v] + 1
                for k in range(indptr[v], indptr[v + 1]):
                    w = indices[k]
                    if dist[w] < 0:
                        dist[w] = dv
                        queue[tail] = w
                        tail += 1
                        total += 1.0 / dv
            out[s] = total
            for i in range(tail):
                dist[queue[i]] = -1
    return out


@numba.njit(cache=True, nogil=True, parallel=True)
def _harmonic_dijkstra(
    indptr: np.ndarray, indices: np.ndarray, length: np.ndarray, n_chunks: int
) -> np.ndarray:
    n = indptr.size - 1
    out = np.zeros(n)
    m = indices.size
    for c in numba.prange(n_chunks):
        dist = np.full(n, np.inf)
        done = np.zeros(n, np.bool_)
        touched = np.empty(n, np.int64)
        keys = np.empty(m + 1)
        vals = np.empty(m + 1, np.int64)
        for s in range(c, n, n_chunks):
            dist[s] = 0.0
            n_touched = 1
            touched[0] = s
            size = _heap_push(keys, vals, 0, 0.0, s)
            total = 0.0
            while size > 0:
                d, v, size = _heap_pop(keys, vals, size)
                if done[v]:
                    continue
                done[v] = True
                if v != s:
                    total += 1.0 / d
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
                        size = _heap_push(keys, vals, size, nd, w)
            out[s] = total
            for i in range(n_touched):
                dist[touched[i]] = np.inf
                done[touched[i]] = False
    return out


@numba.njit(cache=True, nogil=True)
def _core_bz(
    out_indptr: np.ndarray, out_indices: np.ndarray, in_indptr: np.ndarray, in_indices: np.ndarray
) -> np.ndarray:
    """Batagelj-Zaversnik bucket algorithm over out- plus in-neighbour lists (a multigraph)."""
    n = out_indptr.size - 1
    deg = np.empty(n, np.int64)
    max_deg = 0
    for v in range(n):
        deg[v] = out_indptr[v + 1] - out_indptr[v] + in_indptr[v + 1] - in_indptr[v]
        max_deg = max(max_deg, deg[v])
    bins = np.zeros(max_deg + 1, np.int64)
    for v in range(n):
        bins[deg[v]] += 1
    start = 0
    for d in range(max_deg + 1):
        count = bins[d]
        bins[d] = start
        start += count
    pos = np.empty(n, np.int64)
    vert = np.empty(n, np.int64)
    for v in range(n):
        pos[v] = bins[deg[v]]
        vert[pos[v]] = v
        bins[deg[v]] += 1
    for d in range(max_deg, 0, -1):
        bins[d] = bins[d - 1]
    bins[0] = 0
    for i in range(n):
        v = vert[i]
        for side in range(2):
            ptr = out_indptr if side == 0 else in_indptr
            idx = out_indices if side == 0 else in_indices
            for k in range(ptr[v], ptr[v + 1]):
                u = idx[k]
                if deg[u] > deg[v]:
                    du = deg[u]
                    pu = pos[u]
                    pw = bins[du]
                    w = vert[pw]
                    if u != w:
                        pos[u] = pw
                        vert[pu] = w
                        pos[w] = pu
                        vert[pw] = u
                    bins[du] += 1
                    deg[u] -= 1
    return deg.astype(np.float64)


def _n_chunks(n: int) -> int:
    return max(1, min(n, 4 * numba.get_num_threads()))


# ---------------------------------------------------------------------- degree
def degree(
    network: Network,
    *,
    direction: str = "out",
    weight: str | None = None,
    normalized: bool = False,
) -> FloatArray:
    r"""Return the degree (number of ties) or strength (sum of tie values) of every actor.

    For an actor :math:`u` with tie values :math:`w_{uv}` (1 when `weight` is None),

    .. math::

        d^{out}(u) = \sum_v w_{uv}, \qquad d^{in}(u) = \sum_v w_{vu},
        \qquad d^{all}(u) = d^{in}(u) + d^{out}(u).

    Parameters
    ----------
    network : Network
        The network.
    direction : {"out", "in", "all"}, default="out"
        Count ties leaving the actor (its audience), entering it, or both. For an
        undirected network the three are the same plain degree (no double count).
    weight : str or None, default=None
        ``None`` counts ties; a tie attribute name (``"strength"`` or a numeric
        attribute) sums its values, giving in/out strength.
    normalized : bool, default=False
        Divide by ``n_actors - 1``, the largest possible count of neighbours
        (networkx ``degree_centrality``; for directed ``"all"``, its in + out form).

    Returns
    -------
    ndarray of shape (n_actors,)
        Degree or strength per actor, float64.

    Raises
    ------
    InvalidParameterError
        For an unknown `direction` or an unknown / non-numeric tie attribute.
    InfnetTypeError
        For a `network` that is not a Network, or a non-string `weight`.

    See Also
    --------
    pagerank : Degree refined by the importance of neighbours.

    Notes
    -----
    O(n_ties) time. Isolated actors get 0. With a single actor there is nothing to
    normalise by, and the normalised degree is 0 (networkx returns 1 there). Values
    are the degrees of networkx's ``G.degree`` / ``in_degree`` / ``out_degree`` with
    ``weight=``.

    References
    ----------
    .. [1] Freeman, L. C. (1978). Centrality in social networks conceptual
       clarification. Social Networks, 1(3), 215-239.
       https://doi.org/10.1016/0378-8733(78)90021-7

    Examples
    --------
    >>> from infnet.synthetic import star, toy_network
    >>> from infnet.algorithms.centrality import degree
    >>> degree(star(3)).tolist()
    [3.0, 0.0, 0.0, 0.0]
    >>> degree(star(3), direction="in").tolist()
    [0.0, 1.0, 1.0, 1.0]
    >>> np.round(degree(toy_network(), weight="strength"), 2).tolist()
    [1.7, 1.9, 2.5, 0.9, 1.8, 1.5, 1.6, 1.0, 1.1, 0.0]
    """
    caller = "degree"
    network = _check_network(network, caller)
    check_option(direction, name="direction", caller=caller, options=("out", "in", "all"))
    m = _weighted(network, weight, caller)
    n = network.n_actors
    out: FloatArray
    if weight is None:
        out = np.diff(m.indptr).astype(np.float64)
    else:
        out = np.asarray(m @ np.ones(n), dtype=np.float64)
    if network.directed and direction != "out":
        inn: FloatArray
        if weight is None:
            inn = network.in_degree()  # cached transposed structure: O(n_actors)
        else:
            inn = np.bincount(m.indices, weights=m.data, minlength=n).astype(np.float64)
        out = inn if direction == "in" else out + inn
    if normalized:
        out = out / (n - 1) if n > 1 else np.zeros(n)
    return out


# ---------------------------------------------------------------------- pagerank
def _not_converged(caller: str, max_iter: int, err: float, bound: float, fix: str) -> ConvergenceError:
    """Build the error every power iteration raises when it runs out of iterations."""
    msg = (
        f"{caller} did not converge in max_iter={max_iter} iterations (L1 change {err:.3g}, "
        f"needed < n_actors * tol = {bound:.3g}). {fix}"
    )
    return ConvergenceError(msg, n_iter=max_iter, residual=err)


def _pagerank_core(
    network: Network,
    *,
    damping: float,
    weight: str | None,
    personalization: FloatArray | None,
    dangling: FloatArray | None,
    max_iter: int,
    tol: float,
    caller: str,
) -> FloatArray:
    n = network.n_actors
    # Transposed, row-stochastic transition matrix: row = target, value w_uv / out_w(u).
    mt = _weighted(network, weight, caller, inward=True)
    out_w = np.bincount(mt.indices, weights=mt.data, minlength=n)
    scale = np.zeros(n)
    nz = out_w != 0
    scale[nz] = 1.0 / out_w[nz]
    pt = sparse.csr_array((mt.data * scale[mt.indices], mt.indices, mt.indptr), shape=(n, n))
    p = np.full(n, 1.0 / n) if personalization is None else personalization / personalization.sum()
    dangling_weights = p if dangling is None else dangling / dangling.sum()
    is_dangling = np.flatnonzero(~nz)
    x = np.full(n, 1.0 / n)
    teleport = (1.0 - damping) * p
    err = np.inf
    for _ in range(max_iter):
        xlast = x
        x = pt @ xlast
        x += xlast[is_dangling].sum() * dangling_weights
        x *= damping
        x += teleport
        err = float(np.abs(x - xlast).sum())
        if err < n * tol:
            return np.asarray(x, dtype=np.float64)
    raise _not_converged(caller, max_iter, err, n * tol, "Raise max_iter or tol.")


def pagerank(
    network: Network,
    *,
    damping: float = 0.85,
    weight: str | None = "strength",
    personalization: Any = None,
    max_iter: int = 100,
    tol: float = 1e-6,
    dangling: Any = None,
) -> FloatArray:
    r"""Return the PageRank of every actor: the stationary share of a random walk on ties.

    The walk follows a tie ``u -> v`` with probability :math:`w_{uv} / \sum_z w_{uz}`
    and, with probability ``1 - damping``, restarts at an actor drawn from the
    personalization vector :math:`p` (uniform by default):

    .. math::

        x_v = \alpha \Big(\sum_u x_u \frac{w_{uv}}{\sum_z w_{uz}}
              + d_v \sum_{u\ \mathrm{dangling}} x_u\Big) + (1 - \alpha) p_v,

    where :math:`\alpha` is `damping` and :math:`d` the dangling distribution.

    Parameters
    ----------
    network : Network
        The network; undirected ties are walked both ways.
    damping : float, default=0.85
        Probability of following a tie rather than restarting, in [0, 1).
    weight : str or None, default="strength"
        Tie attribute giving transition weights; ``None`` weighs all ties equally.
    personalization : ndarray of shape (n_actors,), default=None
        Non-negative restart weights (normalised to sum 1), not all zero. ``None`` is
        uniform.
    max_iter : int, default=100
        Maximum number of power iterations.
    tol : float, default=1e-6
        Stop when the L1 change of an iteration is below ``n_actors * tol``.
    dangling : ndarray of shape (n_actors,), default=None
        Where the walk goes from an actor without outgoing ties (normalised);
        ``None`` uses the personalization vector.

    Returns
    -------
    ndarray of shape (n_actors,)
        PageRank per actor; the values sum to 1.

    Raises
    ------
    InvalidParameterError
        For `damping`, `max_iter` or `tol` out of range, or a malformed
        `personalization` or `dangling` vector (wrong shape, negative, all zero).
    InfnetTypeError
        For arguments of the wrong type.
    ConvergenceError
        When `max_iter` iterations do not reach the tolerance.

    See Also
    --------
    personalized_pagerank : PageRank restarting on a set of actors.
    eigenvector_centrality, katz_centrality : Other spectral measures.

    Notes
    -----
    Same definition, start vector and stopping rule as ``networkx.pagerank``: power
    iteration from the uniform vector until the L1 change is below ``n_actors * tol``.
    Each iteration is one scipy sparse matrix-vector product with the transposed,
    row-normalised matrix: O(n_ties) time, O(n_actors + n_ties) memory (one copy of
    the tie arrays). Actors without outgoing ties (dangling, including isolated actors)
    pass their mass on by `dangling`; an isolated actor keeps only its restart share
    ``(1 - damping) * p_v`` plus what dangling mass brings it.

    References
    ----------
    .. [1] Page, L., Brin, S., Motwani, R., & Winograd, T. (1999). The PageRank citation
       ranking: bringing order to the web. Stanford InfoLab Technical Report 1999-66.
    .. [2] Langville, A. N., & Meyer, C. D. (2004). Deeper inside PageRank. Internet
       Mathematics, 1(3), 335-380. https://doi.org/10.1080/15427951.2004.10129091

    Examples
    --------
    >>> from infnet.synthetic import star
    >>> from infnet.algorithms.centrality import pagerank
    >>> np.round(pagerank(star(3)), 3).tolist()
    [0.206, 0.265, 0.265, 0.265]
    """
    caller = "pagerank"
    network = _check_network(network, caller)
    damping = check_float(damping, name="damping", caller=caller, low=0.0, high=1.0, closed="left")
    max_iter, tol = _check_solver(max_iter, tol, caller)
    n = network.n_actors
    p = None if personalization is None else _check_vector(
        personalization, name="personalization", caller=caller, n=n
    )
    d = None if dangling is None else _check_vector(dangling, name="dangling", caller=caller, n=n)
    return _pagerank_core(
        network, damping=damping, weight=weight, personalization=p, dangling=d,
        max_iter=max_iter, tol=tol, caller=caller,
    )


def personalized_pagerank(
    network: Network,
    seeds: Any,
    *,
    damping: float = 0.85,
    weight: str | None = "strength",
    max_iter: int = 100,
    tol: float = 1e-6,
) -> FloatArray:
    r"""Return PageRank with restarts on chosen actors (for example a target audience).

    The walk restarts at actor :math:`v` with probability proportional to ``seeds[v]``,
    and so do walks stuck at actors without outgoing ties:

    .. math::

        x_v = \alpha \Big(\sum_u x_u \frac{w_{uv}}{\sum_z w_{uz}}
              + s_v \sum_{u\ \mathrm{dangling}} x_u\Big) + (1 - \alpha) s_v,
        \qquad s = \mathrm{seeds} / \textstyle\sum \mathrm{seeds}.

    Parameters
    ----------
    network : Network
        The network.
    seeds : ndarray of shape (n_actors,)
        Non-negative restart weights (such as target values :math:`w_t`) or a boolean
        mask of the restart actors.
    damping : float, default=0.85
        Probability of following a tie rather than restarting, in [0, 1).
    weight : str or None, default="strength"
        Tie attribute giving transition weights; ``None`` weighs all ties equally.
    max_iter : int, default=100
        Maximum number of power iterations.
    tol : float, default=1e-6
        Stop when the L1 change of an iteration is below ``n_actors * tol``.

    Returns
    -------
    ndarray of shape (n_actors,)
        Personalized PageRank per actor; the values sum to 1.

    Raises
    ------
    EmptyTargetError
        When every seed weight is zero.
    InvalidParameterError
        For parameters out of range or seeds of the wrong shape or with negative values.
    InfnetTypeError
        For arguments of the wrong type.
    ConvergenceError
        When `max_iter` iterations do not reach the tolerance.

    See Also
    --------
    pagerank : The general form, with separate dangling weights.

    Notes
    -----
    Equals ``networkx.pagerank(G, personalization=seeds)`` (dangling mass goes to the
    seeds too). O(n_ties) per iteration. Actors that cannot be reached from a seed get
    0; the value of a seed is at least ``(1 - damping) * s_v``.

    References
    ----------
    .. [1] Haveliwala, T. H. (2002). Topic-sensitive PageRank. Proceedings of WWW 2002,
       517-526. https://doi.org/10.1145/511446.511513

    Examples
    --------
    >>> from infnet.synthetic import toy_network
    >>> from infnet.algorithms.centrality import personalized_pagerank
    >>> net = toy_network()
    >>> x = personalized_pagerank(net, net.select("segment == 'fintech'"))
    >>> np.round(x, 2).tolist()
    [0.03, 0.04, 0.07, 0.02, 0.17, 0.16, 0.19, 0.15, 0.16, 0.0]
    """
    caller = "personalized_pagerank"
    network = _check_network(network, caller)
    damping = check_float(damping, name="damping", caller=caller, low=0.0, high=1.0, closed="left")
    max_iter, tol = _check_solver(max_iter, tol, caller)
    s = _check_vector(
        seeds, name="seeds", caller=caller, n=network.n_actors, empty=EmptyTargetError
    )
    return _pagerank_core(
        network, damping=damping, weight=weight, personalization=s, dangling=None,
        max_iter=max_iter, tol=tol, caller=caller,
    )


# ------------------------------------------------------------ eigenvector, Katz
def eigenvector_centrality(
    network: Network,
    *,
    weight: str | None = "strength",
    max_iter: int = 100,
    tol: float = 1e-6,
) -> FloatArray:
    r"""Return the eigenvector centrality of every actor: prestige from prestigious sources.

    The leading left eigenvector of the tie matrix, so an actor scores highly when
    high-scoring actors have ties into it:

    .. math::

        \lambda x_v = \sum_u w_{uv} x_u, \qquad \lVert x \rVert_2 = 1.

    Parameters
    ----------
    network : Network
        The network.
    weight : str or None, default="strength"
        Tie attribute giving tie values; ``None`` uses 1 for every tie.
    max_iter : int, default=100
        Maximum number of power iterations.
    tol : float, default=1e-6
        Stop when the L1 change of an iteration is below ``n_actors * tol``.

    Returns
    -------
    ndarray of shape (n_actors,)
        Non-negative scores with unit Euclidean norm.

    Raises
    ------
    ConvergenceError
        When `max_iter` iterations do not reach the tolerance.
    InvalidParameterError
        For `max_iter` or `tol` out of range or an unknown tie attribute.
    InfnetTypeError
        For arguments of the wrong type.

    See Also
    --------
    katz_centrality : Adds a baseline score, well defined on any network.
    pagerank : A normalised random-walk variant.

    Notes
    -----
    Same iteration as ``networkx.eigenvector_centrality``: power iteration on
    :math:`I + W^T` (the shift makes it converge on bipartite networks) from the
    uniform vector, normalised to unit Euclidean norm each step, until the L1 change
    is below ``n_actors * tol``. O(n_ties) per iteration. Direction: in-ties count
    (for a directed network this is the left eigenvector). On a network with no ties
    every actor gets :math:`1/\sqrt{n}`; on a disconnected one the mass concentrates
    on the component with the largest eigenvalue, and an isolated actor goes to 0.

    References
    ----------
    .. [1] Bonacich, P. (1987). Power and centrality: a family of measures. American
       Journal of Sociology, 92(5), 1170-1182. https://doi.org/10.1086/228631

    Examples
    --------
    >>> from infnet.synthetic import barbell
    >>> from infnet.algorithms.centrality import eigenvector_centrality
    >>> np.round(eigenvector_centrality(barbell(3), weight=None), 3).tolist()
    [0.354, 0.354, 0.5, 0.5, 0.354, 0.354]
    """
    caller = "eigenvector_centrality"
    network = _check_network(network, caller)
    max_iter, tol = _check_solver(max_iter, tol, caller)
    mt = _weighted(network, weight, caller, inward=True)
    n = network.n_actors
    x = np.full(n, 1.0 / n)
    err = np.inf
    for _ in range(max_iter):
        xlast = x
        x = xlast + mt @ xlast
        norm = float(np.sqrt(np.dot(x, x))) or 1.0
        x /= norm
        err = float(np.abs(x - xlast).sum())
        if err < n * tol:
            return np.asarray(x, dtype=np.float64)
    raise _not_converged(caller, max_iter, err, n * tol, "Raise max_iter or tol.")


def katz_centrality(
    network: Network,
    *,
    alpha: float = 0.1,
    beta: Any = 1.0,
    weight: str | None = "strength",
    normalized: bool = True,
    max_iter: int = 1000,
    tol: float = 1e-6,
) -> FloatArray:
    r"""Return the Katz centrality of every actor: attenuated count of walks into it.

    .. math::

        x_v = \alpha \sum_u w_{uv} x_u + \beta_v,

    so that :math:`x = \beta (I - \alpha W^T)^{-1} 1` when `alpha` is below
    :math:`1 / \lambda_{max}`.

    Parameters
    ----------
    network : Network
        The network.
    alpha : float, default=0.1
        Attenuation factor, > 0; must be below the inverse of the largest eigenvalue
        of the tie matrix for the iteration to converge.
    beta : float or ndarray of shape (n_actors,), default=1.0
        Baseline score of each actor.
    weight : str or None, default="strength"
        Tie attribute giving tie values; ``None`` uses 1 for every tie.
    normalized : bool, default=True
        Scale the result to unit Euclidean norm.
    max_iter : int, default=1000
        Maximum number of iterations.
    tol : float, default=1e-6
        Stop when the L1 change of an iteration is below ``n_actors * tol``.

    Returns
    -------
    ndarray of shape (n_actors,)
        Katz centrality per actor.

    Raises
    ------
    ConvergenceError
        When `max_iter` iterations do not reach the tolerance (typically because
        `alpha` is too large).
    InvalidParameterError
        For parameters out of range.
    InfnetTypeError
        For arguments of the wrong type.

    See Also
    --------
    eigenvector_centrality : The limit of large `alpha` without baseline.

    Notes
    -----
    Same fixed-point iteration, start (zeros) and stopping rule as
    ``networkx.katz_centrality``. O(n_ties) per iteration. In-ties count. An isolated
    actor gets :math:`\beta_v` before normalisation.

    References
    ----------
    .. [1] Katz, L. (1953). A new status index derived from sociometric analysis.
       Psychometrika, 18(1), 39-43. https://doi.org/10.1007/BF02289026

    Examples
    --------
    >>> from infnet.synthetic import star
    >>> from infnet.algorithms.centrality import katz_centrality
    >>> np.round(katz_centrality(star(3), normalized=False), 3).tolist()
    [1.0, 1.1, 1.1, 1.1]
    """
    caller = "katz_centrality"
    network = _check_network(network, caller)
    alpha = check_float(alpha, name="alpha", caller=caller, low=0.0, closed="neither")
    max_iter, tol = _check_solver(max_iter, tol, caller)
    n = network.n_actors
    if isinstance(beta, (np.ndarray, list, tuple)):
        b = np.asarray(beta, dtype=np.float64)
        if b.shape != (n,) or not np.isfinite(b).all():
            msg = f"`beta` of {caller} must be a finite float or an array of shape ({n},)."
            raise InvalidParameterError(msg)
    else:
        b = np.full(n, check_float(beta, name="beta", caller=caller))
    mt = _weighted(network, weight, caller, inward=True)
    x = np.zeros(n)
    err = np.inf
    for i in range(max_iter):
        xlast = x
        with np.errstate(over="ignore", invalid="ignore"):
            x = alpha * (mt @ xlast) + b
            err = float(np.abs(x - xlast).sum())
        if not np.isfinite(err):
            msg = (
                f"{caller} diverged after {i + 1} iterations: alpha={alpha} is too large "
                "(it must be below 1 / the largest eigenvalue of the tie matrix)."
            )
            raise ConvergenceError(msg, n_iter=i + 1, residual=err)
        if err < n * tol:
            if normalized:
                norm = float(np.sqrt(np.dot(x, x)))
                if norm > 0:
                    x = x / norm
            return np.asarray(x, dtype=np.float64)
    raise _not_converged(caller, max_iter, err, n * tol, "Lower alpha or raise max_iter.")


# ---------------------------------------------------------------------- harmonic
def harmonic_centrality(network: Network, *, distance: str | None = None) -> FloatArray:
    r"""Return the harmonic closeness of every actor: the sum of inverse distances to it.

    .. math::

        H(u) = \sum_{v \ne u} \frac{1}{d(v, u)},

    with :math:`1/\infty = 0` for actors that cannot reach :math:`u`.

    Parameters
    ----------
    network : Network
        The network.
    distance : str or None, default=None
        ``None`` counts hops; a tie attribute name uses its values as tie lengths
        (larger = farther; note strength is a closeness, not a length).

    Returns
    -------
    ndarray of shape (n_actors,)
        Harmonic centrality per actor (not normalised).

    Raises
    ------
    InvalidParameterError
        For an unknown or non-positive tie attribute.
    InfnetTypeError
        For arguments of the wrong type.

    See Also
    --------
    degree : The one-hop special case.

    Notes
    -----
    networkx's definition: distances run *to* ``u`` (for a directed network, how
    easily others reach ``u``). Exact: one search per actor on the reversed network,
    a breadth-first search (O(n_actors * n_ties)) for hops or Dijkstra with a binary
    heap (O(n_actors * n_ties * log n_ties)) for lengths, in compiled numba kernels
    run in parallel over actors. Meant for networks up to about 1e5 ties; above that
    the cost grows quadratically. An isolated actor gets 0.

    References
    ----------
    .. [1] Boldi, P., & Vigna, S. (2014). Axioms for centrality. Internet Mathematics,
       10(3-4), 222-262. https://doi.org/10.1080/15427951.2013.865686

    Examples
    --------
    >>> from infnet.synthetic import star
    >>> from infnet.algorithms.centrality import harmonic_centrality
    >>> harmonic_centrality(star(3)).tolist()
    [0.0, 1.0, 1.0, 1.0]
    """
    caller = "harmonic_centrality"
    network = _check_network(network, caller)
    mt = _weighted(network, distance, caller, name="distance", inward=True)
    n = network.n_actors
    if distance is None:
        return _harmonic_bfs(mt.indptr, mt.indices, _n_chunks(n))
    return _harmonic_dijkstra(mt.indptr, mt.indices, np.ascontiguousarray(mt.data), _n_chunks(n))


# ---------------------------------------------------------------------- k-core
def core_number(network: Network) -> FloatArray:
    """Return the core number (k-shell index) of every actor.

    The core number of :math:`u` is the largest :math:`k` such that :math:`u`
    belongs to the :math:`k`-core, the largest sub-network in which every actor has
    degree at least :math:`k`.

    Parameters
    ----------
    network : Network
        The network; ties are unweighted here.

    Returns
    -------
    ndarray of shape (n_actors,)
        Core numbers (whole numbers, as float64).

    Raises
    ------
    InfnetTypeError
        For a `network` that is not a Network.

    See Also
    --------
    degree : The degree the cores are defined on.

    Notes
    -----
    Batagelj and Zaversnik's bucket algorithm in a compiled numba kernel, O(n_actors +
    n_ties) time. As in ``networkx.core_number``, a directed network uses the total
    degree (in + out), so a reciprocated pair counts twice. Isolated actors are in the
    0-core.

    References
    ----------
    .. [1] Batagelj, V., & Zaversnik, M. (2011). Fast algorithms for determining
       (generalized) core groups in social networks. Advances in Data Analysis and
       Classification, 5(2), 129-145. https://doi.org/10.1007/s11634-010-0079-y

    Examples
    --------
    >>> from infnet.synthetic import toy_network
    >>> from infnet.algorithms.centrality import core_number
    >>> core_number(toy_network()).tolist()
    [2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 0.0]
    """
    network = _check_network(network, "core_number")
    s = network.strength
    if network.directed:
        t = sparse.csc_array(
            (np.ones(s.nnz), s.indices, s.indptr), shape=s.shape
        ).tocsr()
        in_indptr, in_indices = t.indptr, t.indices
    else:
        in_indptr = np.zeros(s.shape[0] + 1, dtype=s.indptr.dtype)
        in_indices = np.zeros(0, dtype=s.indices.dtype)
    return _core_bz(s.indptr, s.indices, in_indptr, in_indices)
