"""The Dask engine: features, kernel and RR sampling over blocks of a memory-mapped store.

Every task opens the same read-only store (:mod:`infnet.store`) by its path and works
on one block of consecutive actor rows; only per-actor vectors (n_actors floats) and
per-block results travel through the scheduler, never the graph. The client is the
active :class:`distributed.Client` (``distributed.get_client()``), one passed as
``client=``, or a :class:`distributed.LocalCluster` started once per process (logged).

What runs on the workers: degree and strength (in, out, all), direct reach, target
share, strong reach, PageRank and personalized PageRank (one distributed sparse
product per iteration, the in-memory solver's stopping rule), target PageRank, exact
k-hop reach (breadth-first search per source of a block) and reverse-reachable sets
(one spawned random stream per chunk of sets). What runs in the client process, on
n_actors-sized vectors: the kernel (normalisation with global ranks, weighting),
eligibility rules, the top-k walk and the shortlist frame. Anything else raises
:class:`EngineNotSupportedError` naming it; nothing falls back silently.

A network that does not come from a store is first written to a temporary store
(noted in the results); on a remote cluster that path must be visible to the workers,
so open a store on a shared file system instead.

Examples
--------
>>> from infnet.engines.dask import SUPPORTED_MEASURES
>>> "pagerank" in SUPPORTED_MEASURES, "betweenness_centrality" in SUPPORTED_MEASURES
(True, False)
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, cast

import numba
import numpy as np
import pandas as pd

from infnet._optional import require
from infnet._typing import FloatArray
from infnet._validation import check_float, check_int, check_network, check_option, check_rng
from infnet.algorithms._traversal import uniform
from infnet.exceptions import EmptyTargetError, InvalidParameterError, MissingColumnError
from infnet.network import Network
from infnet.store import is_store, read_manifest, save_store, store_arrays

__all__ = [
    "SUPPORTED_FEATURES",
    "SUPPORTED_MEASURES",
    "DaskEngine",
    "EngineNotSupportedError",
    "measures",
    "rank_influentials",
]

_log = logging.getLogger("infnet")

#: Registered measures the Dask engine computes on the workers.
SUPPORTED_MEASURES = frozenset({
    "degree", "in_degree", "out_degree", "in_strength", "out_strength", "direct_reach",
    "target_share", "strong_reach", "khop_reach", "pagerank", "personalized_pagerank",
    "target_pagerank",
})

#: Scoring features it supports: those measures plus actor-column features (computed in
#: the client from the actors frame).
SUPPORTED_FEATURES = SUPPORTED_MEASURES | {"is_customer", "fake_audience_share",
                                           "sponsored_share"}

#: Keyword parameters of measures() the engine understands.
_PARAMS = frozenset({"damping", "max_iter", "tol", "hops", "method", "w", "seeds", "weight"})

#: Keywords of rank_influentials this engine implements (others must keep their default).
_HANDLED = frozenset({"k", "kind", "strategy", "weights", "method", "band", "exclude",
                      "constraints", "cascade", "normalization", "hops", "show_excluded", "rng"})

_CHUNK_SETS = 4096
_LOCAL: Any = None


class EngineNotSupportedError(InvalidParameterError):
    """A measure, feature, parameter or method the Dask engine does not compute (named)."""


def _unsupported(what: str, names: Sequence[str], caller: str) -> EngineNotSupportedError:
    return EngineNotSupportedError(
        f"{caller}(engine='dask') does not support the {what} {sorted(names)!r} yet; use "
        "engine='memory' for them (see the scaling page: what runs where)."
    )


# ------------------------------------------------------------------ compiled kernels
@numba.njit(cache=True, nogil=True)
def _row_dot(indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, x: np.ndarray,
             lo: int, hi: int, use_data: bool) -> np.ndarray:  # pragma: no cover - compiled
    """``(M @ x)[lo:hi]`` in scipy's summation order (data ignored unless `use_data`)."""
    out = np.zeros(hi - lo)
    for u in range(lo, hi):
        t = 0.0
        for e in range(indptr[u], indptr[u + 1]):
            if use_data:
                t += data[e] * x[indices[e]]
            else:
                t += x[indices[e]]
        out[u - lo] = t
    return out


@numba.njit(cache=True, nogil=True)
def _walk(indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, norm: np.ndarray,
          x: np.ndarray, lo: int, hi: int) -> np.ndarray:  # pragma: no cover - compiled
    """Rows lo..hi of ``P^T x`` with ``P^T[v, u] = data / norm[u]`` (the PageRank step)."""
    out = np.zeros(hi - lo)
    for v in range(lo, hi):
        t = 0.0
        for e in range(indptr[v], indptr[v + 1]):
            u = indices[e]
            t += (data[e] / norm[u]) * x[u]
        out[v - lo] = t
    return out


@numba.njit(cache=True, nogil=True)
def _strong_dot(indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, x: np.ndarray,
                thr: float, lo: int, hi: int) -> np.ndarray:  # pragma: no cover - compiled
    out = np.zeros(hi - lo)
    for u in range(lo, hi):
        t = 0.0
        for e in range(indptr[u], indptr[u + 1]):
            s = data[e] if data[e] >= thr else 0.0
            t += s * x[indices[e]]
        out[u - lo] = t
    return out


@numba.njit(cache=True, nogil=True)
def _khop_block(indptr: np.ndarray, indices: np.ndarray, w: np.ndarray, hops: int,
                lo: int, hi: int) -> np.ndarray:  # pragma: no cover - compiled
    """Exact k-hop targeted reach of the sources lo..hi (breadth-first, visited stamps)."""
    n = indptr.size - 1
    stamp = np.zeros(n, dtype=np.int64)
    queue = np.empty(n, dtype=np.int64)
    out = np.zeros(hi - lo)
    for u in range(lo, hi):
        mark = u + 1
        stamp[u] = mark
        total = 0.0
        queue[0] = u
        a = 0
        b = 1
        tail = 1
        for level in range(hops):
            last = level == hops - 1
            for q in range(a, b):
                v = queue[q]
                for e in range(indptr[v], indptr[v + 1]):
                    x = indices[e]
                    if stamp[x] != mark:
                        stamp[x] = mark
                        total += w[x]
                        if not last:
                            queue[tail] = x
                            tail += 1
            a = b
            b = tail
        out[u - lo] = total
    return out


@numba.njit(cache=True, nogil=True)
def _rr_block(in_indptr: np.ndarray, in_indices: np.ndarray, in_data: np.ndarray,
              model: int, t: float, q: float, roots: np.ndarray, seeds: np.ndarray,
              n_actors: int) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """RR sets by reverse BFS; tie probabilities computed on the fly (no per-tie array).

    model 0: ``t * strength``; 1: weighted cascade ``1 / in-degree(v)``; 2: constant `q`.
    """
    n_sets = roots.size
    stamp = np.full(n_actors, -1, dtype=np.int64)
    indptr = np.zeros(n_sets + 1, dtype=np.int64)
    cap = max(16, 4 * n_sets)
    members = np.empty(cap, dtype=np.int64)
    pos = 0
    for s in range(n_sets):
        state = seeds[s]
        root = roots[s]
        if pos >= cap:
            cap *= 2
            grown = np.empty(cap, dtype=np.int64)
            grown[:pos] = members[:pos]
            members = grown
        members[pos] = root
        pos += 1
        stamp[root] = s
        head = indptr[s]
        while head < pos:
            v = members[head]
            head += 1
            deg = in_indptr[v + 1] - in_indptr[v]
            for e in range(in_indptr[v], in_indptr[v + 1]):
                u = in_indices[e]
                if stamp[u] == s:
                    continue
                state, r = uniform(state)
                if model == 0:
                    prob = t * in_data[e]
                elif model == 1:
                    prob = 1.0 / deg
                else:
                    prob = q
                if r < prob:
                    stamp[u] = s
                    if pos >= cap:
                        cap *= 2
                        grown = np.empty(cap, dtype=np.int64)
                        grown[:pos] = members[:pos]
                        members = grown
                    members[pos] = u
                    pos += 1
        indptr[s + 1] = pos
    return indptr, members[:pos].copy()


# ------------------------------------------------------------------ worker side
_WORKER_STORES: dict[str, dict[str, np.ndarray]] = {}


_WORKER_MAPS: dict[str, list[Any]] = {}


def _arrays(path: str) -> dict[str, np.ndarray]:
    """Return the store's arrays in this worker process, memory-mapped once (ndarray views)."""
    if path not in _WORKER_STORES:
        maps = store_arrays(path)
        _WORKER_MAPS[path] = [getattr(v, "_mmap", None) for v in maps.values()]
        _WORKER_STORES[path] = {k: np.asarray(v) for k, v in maps.items()}
    return _WORKER_STORES[path]


def release_pages(path: str) -> None:
    """Drop this process's resident pages of a store's files (they stay in the page cache).

    File-backed pages count in a process's RSS, which Dask's memory limit watches; a
    block task releases them when done, so a worker scanning a store larger than its
    limit is not paused or restarted for memory it does not own.

    Parameters
    ----------
    path : str
        The store directory.
    """
    import mmap

    advice = getattr(mmap, "MADV_DONTNEED", None)
    for m in _WORKER_MAPS.get(path, []):
        if m is not None and advice is not None:
            with contextlib.suppress(OSError, ValueError):
                m.madvise(advice)


def _released(func: Callable[..., Any]) -> Callable[..., Any]:
    def run(path: str, *args: Any) -> Any:
        try:
            return func(path, *args)
        finally:
            release_pages(path)

    run.__name__ = run.__qualname__ = func.__name__
    run.__module__ = func.__module__
    return run


def _csr(a: Mapping[str, np.ndarray], side: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    pre = "in_" if side == "in" and "in_indptr" in a else ""
    return a[pre + "indptr"], a[pre + "indices"], a[pre + "data"]


@_released
def _task_dot(path: str, lo: int, hi: int, side: str, x: np.ndarray | None,
              use_data: bool) -> np.ndarray:
    ip, ix, d = _csr(_arrays(path), side)
    vec = np.ones(ip.size - 1) if x is None else x
    return _row_dot(ip, ix, d, vec, lo, hi, use_data)


@_released
def _task_strong(path: str, lo: int, hi: int, x: np.ndarray, thr: float) -> np.ndarray:
    ip, ix, d = _csr(_arrays(path), "out")
    return _strong_dot(ip, ix, d, x, thr, lo, hi)


@_released
def _task_walk(path: str, lo: int, hi: int, side: str, norm: np.ndarray, x: np.ndarray
               ) -> np.ndarray:
    ip, ix, d = _csr(_arrays(path), side)
    return _walk(ip, ix, d, norm, x, lo, hi)


@_released
def _task_khop(path: str, lo: int, hi: int, w: np.ndarray, hops: int) -> np.ndarray:
    ip, ix, _ = _csr(_arrays(path), "out")
    return _khop_block(ip, ix, w, hops, lo, hi)


@_released
def _task_rr(path: str, model: int, t: float, q: float, cdf: np.ndarray, last: int,
             n_sets: int, seed: np.random.SeedSequence) -> tuple[np.ndarray, np.ndarray]:
    ip, ix, d = _csr(_arrays(path), "in")
    rng = np.random.default_rng(seed)
    u = rng.random(n_sets) * cdf[-1]
    roots = np.minimum(np.searchsorted(cdf, u, side="right"), last).astype(np.int64)
    seeds = rng.integers(0, 2**64, size=n_sets, dtype=np.uint64, endpoint=False)
    out: tuple[np.ndarray, np.ndarray] = _rr_block(ip, ix, d, model, t, q, roots, seeds,
                                                   ip.size - 1)
    return out


# ------------------------------------------------------------------ client side
def get_client(client: Any = None, *, caller: str = "engine='dask'") -> Any:
    """Return the Dask client to use: `client`, the active one, or a LocalCluster's.

    Parameters
    ----------
    client : distributed.Client, optional
        Use this client.
    caller : str
        The public function named in errors.

    Returns
    -------
    distributed.Client
        The client. A LocalCluster started here (one worker process per core, one
        thread each) is kept for the rest of the process and logged at INFO.

    Raises
    ------
    MissingDependencyError
        Without the ``infnet[dask]`` extra.

    Examples
    --------
    >>> callable(get_client)
    True
    """
    global _LOCAL
    distributed = require("distributed", extra="dask", caller=caller)
    if client is not None:
        return client
    with contextlib.suppress(ValueError):
        return distributed.get_client()
    if _LOCAL is None or _LOCAL.status in ("closed", "closing"):
        cluster = distributed.LocalCluster(processes=True, threads_per_worker=1,
                                           dashboard_address=None)
        _LOCAL = distributed.Client(cluster)
        _log.info("infnet: engine='dask' started a LocalCluster with %d workers (no active "
                  "distributed.Client)", len(cluster.workers))
    return _LOCAL


def store_path(network: Network) -> str | None:
    """Return the store directory a network was opened from, or None.

    Parameters
    ----------
    network : Network
        Any network.

    Returns
    -------
    str or None
        The directory whose ``data.npy`` backs ``network.strength.data``.

    Examples
    --------
    >>> from infnet.synthetic import star
    >>> store_path(star(2)) is None
    True
    """
    data = network.strength.data
    name = getattr(data, "filename", None)
    if not isinstance(data, np.memmap) or not name:
        return None
    folder = Path(name).parent
    if not is_store(folder):
        return None
    m = read_manifest(folder)
    if int(m["n_entries"]) != int(network.strength.nnz) or bool(m["directed"]) != network.directed:
        return None
    return str(folder)


class DaskEngine:
    """Block-parallel computations on one network's store.

    Parameters
    ----------
    network : Network
        A network opened from a store, or any network (then written to a temporary
        store, removed by :meth:`close`).
    client : distributed.Client, optional
        Default: the active client, else a LocalCluster started once per process.
    block_entries : int, optional
        Stored entries per block (default: nnz / (4 * workers), at most 8 million).
    caller : str, default="engine='dask'"
        Name used in error messages and notes (the public function that made the engine).

    Examples
    --------
    >>> callable(DaskEngine)
    True
    """

    def __init__(self, network: Network, *, client: Any = None,
                 block_entries: int | None = None, caller: str = "engine='dask'") -> None:
        self.caller = caller
        self.client = get_client(client, caller=caller)
        self.network = network
        self.notes: list[str] = []
        self._tmp: str | None = None
        path = store_path(network)
        if path is None:
            self._tmp = tempfile.mkdtemp(prefix="infnet-dask-")
            path = os.path.join(self._tmp, "store")
            save_store(network, path)
            self.notes.append(
                "engine='dask': the network was not opened from a store; it was written to a "
                "temporary store for the workers (open_store a store to avoid the copy)"
            )
        self.path = path
        self.n = network.n_actors
        indptr = np.asarray(network.strength.indptr)
        nnz = int(network.strength.nnz)
        n_workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        per = block_entries or int(min(8_000_000, max(1, nnz // (4 * n_workers))))
        cuts = np.searchsorted(indptr, np.arange(per, nnz, per), side="left")
        bounds = np.unique(np.r_[0, cuts, self.n])
        self.blocks = [(int(a), int(b)) for a, b in itertools.pairwise(bounds)]
        self.seconds: dict[str, float] = {}

    def close(self) -> None:
        """Remove the temporary store, if one was written."""
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    def __enter__(self) -> DaskEngine:  # noqa: PYI034
        """Return self."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Close."""
        self.close()

    @contextlib.contextmanager
    def _timed(self, what: str) -> Iterator[None]:
        t0 = time.perf_counter()
        yield
        self.seconds[what] = self.seconds.get(what, 0.0) + time.perf_counter() - t0

    def _broadcast(self, x: np.ndarray | None) -> Any:
        if x is None:
            return None
        return self.client.scatter(np.ascontiguousarray(x), broadcast=True, hash=False)

    def map_blocks(self, func: Callable[..., np.ndarray], *args: Any) -> FloatArray:
        """Run ``func(path, lo, hi, *args)`` on every block; concatenate the results.

        Parameters
        ----------
        func : callable
            Block task, called on a worker with the store path and the block's first and
            past-the-last actor; returns one value per actor of the block.
        *args
            Further arguments of `func` (broadcast futures or plain values).

        Returns
        -------
        ndarray of float64 of shape (n_actors,)
            The blocks' results in actor order.
        """
        futures = [self.client.submit(func, self.path, lo, hi, *args, pure=False)
                   for lo, hi in self.blocks]
        parts = self.client.gather(futures)
        return np.asarray(np.concatenate(parts), dtype=np.float64)

    def _side(self, side: str, x: np.ndarray | None, use_data: bool) -> FloatArray:
        fx = self._broadcast(x)
        side = side if self.network.directed else "out"
        return self.map_blocks(_task_dot, side, fx, use_data)

    # ........................................................ per-actor measures
    def degree(self, direction: str = "out", weight: str | None = None) -> FloatArray:
        """Degree or strength (``weight="strength"``), as :func:`infnet.algorithms.centrality.degree`.

        Parameters
        ----------
        direction : {"out", "in", "all"}, default="out"
            Ties leaving the actor, entering it, or both.
        weight : {"strength"} or None, default=None
            ``None`` counts ties, ``"strength"`` sums their strengths.

        Returns
        -------
        ndarray of float64 of shape (n_actors,)
            Degree or strength of every actor.
        """
        check_option(direction, name="direction", caller=self.caller, options=("out", "in", "all"))
        self._weight(weight, allow_none=True)
        use = weight is not None
        with self._timed("degree"):
            out = self._side("out", None, use)
            if self.network.directed and direction != "out":
                inn = self._side("in", None, use)
                out = inn if direction == "in" else out + inn
        return out

    def direct_reach(self, w: FloatArray) -> FloatArray:
        """Direct targeted reach (one product over row blocks).

        Parameters
        ----------
        w : ndarray of float64 of shape (n_actors,)
            Target values.

        Returns
        -------
        ndarray of float64 of shape (n_actors,)
            As :func:`infnet.algorithms.reach.direct_reach`.
        """
        with self._timed("direct_reach"):
            return self._side("out", w, True)

    def target_share(self, w: FloatArray) -> FloatArray:
        """Target share (NaN without out-ties).

        Parameters
        ----------
        w : ndarray of float64 of shape (n_actors,)
            Target values (an actor is in the target when its value is > 0).

        Returns
        -------
        ndarray of float64 of shape (n_actors,)
            Share of each actor's out-strength that goes to the target; NaN for actors
            without out-ties.
        """
        with self._timed("target_share"):
            num = self._side("out", (w > 0).astype(np.float64), True)
            den = self._side("out", None, True)
        out = np.full(self.n, np.nan)
        has = den > 0
        out[has] = num[has] / den[has]
        return out

    def strong_reach(self, w: FloatArray) -> FloatArray:
        """Reach through strong ties (strength >= the network's threshold).

        Parameters
        ----------
        w : ndarray of float64 of shape (n_actors,)
            Target values.

        Returns
        -------
        ndarray of float64 of shape (n_actors,)
            As the registered measure ``strong_reach`` (:mod:`infnet.registry`).
        """
        with self._timed("strong_reach"):
            return self.map_blocks(_task_strong, self._broadcast(w),
                                   float(self.network.strong_threshold))

    def khop_reach(self, w: FloatArray, hops: int) -> FloatArray:
        """Exact k-hop targeted reach, a breadth-first search per source of each block.

        Parameters
        ----------
        w : ndarray of float64 of shape (n_actors,)
            Target values.
        hops : int
            Horizon ``k`` (1 to 3).

        Returns
        -------
        ndarray of float64 of shape (n_actors,)
            As :func:`infnet.algorithms.reach.khop_reach` with ``method="exact"``.
        """
        with self._timed("khop_reach"):
            return self.map_blocks(_task_khop, self._broadcast(w), int(hops))

    def _weight(self, weight: object, *, allow_none: bool) -> None:
        if weight == "strength" or (allow_none and weight is None):
            return
        raise _unsupported("weight", [repr(weight)], self.caller)  # noqa: EM101

    def walk(self, *, reverse: bool, personalization: FloatArray | None,
             dangling: FloatArray | None, damping: float, max_iter: int, tol: float,
             caller: str) -> FloatArray:
        """PageRank iteration of :func:`infnet.algorithms.centrality.pagerank`, distributed.

        ``reverse=False`` walks the ties (PageRank); ``reverse=True`` walks them backwards
        (PageRank of ``network.reversed()``, e.g. target PageRank).

        Parameters
        ----------
        reverse : bool
            Walk the ties backwards.
        personalization : ndarray of float64 of shape (n_actors,) or None
            Restart weights (``None``: uniform).
        dangling : ndarray of float64 of shape (n_actors,) or None
            Where walkers at actors without out-ties jump (``None``: as `personalization`).
        damping : float
            Probability of following a tie at each step.
        max_iter : int
            Most iterations before :class:`infnet.exceptions.ConvergenceError`.
        tol : float
            Stop when the bound on the L1 error is below it.
        caller : str
            Name used in error messages.

        Returns
        -------
        ndarray of float64 of shape (n_actors,)
            The PageRank vector (sums to 1).
        """
        from infnet.algorithms import centrality as c

        n = self.n
        directed = self.network.directed
        # rows of the walk matrix: in-CSR for PageRank, out-CSR for the reversed walk;
        # normaliser: out-strength (PageRank) or in-strength (reversed)
        side = ("out" if reverse else "in") if directed else "out"
        norm_side = ("in" if reverse else "out") if directed else "out"
        with self._timed("pagerank"):
            out_w = self._side(norm_side, None, True)
            norm = self._broadcast(out_w)
            p = np.full(n, 1.0 / n) if personalization is None else (
                personalization / personalization.sum())
            dangling_weights = p if dangling is None else dangling / dangling.sum()
            is_dangling = np.flatnonzero(~(out_w > 0))
            x = np.full(n, 1.0 / n)
            teleport = (1.0 - damping) * p
            factor = damping / (1.0 - damping)
            err = bound = np.inf
            for it in range(1, max_iter + 1):
                xlast = x
                fx = self._broadcast(xlast)
                x = self.map_blocks(_task_walk, side, norm, fx)
                del fx
                x += xlast[is_dangling].sum() * dangling_weights
                x *= damping
                x += teleport
                err = float(np.abs(x - xlast).sum())
                if not np.isfinite(err):
                    raise c._non_finite(caller, it, err, "The tie values cannot be normalised.")
                bound = factor * err
                if bound < tol:
                    _log.debug("%s(engine='dask'): n_iter=%d error_bound=%.3g", caller, it, bound)
                    return np.asarray(x, dtype=np.float64)
        raise c._not_converged(
            caller, max_iter, err, bound, tol,
            f"Raise max_iter or tol (the error shrinks by at least damping={damping:g} per "
            "iteration).",
        )

    # ........................................................ RR sets
    def rr_sample(self, w: FloatArray, *, model: str, transmissibility: float, p: float,
                  n_sets: int, rng: Any, caller: str) -> Any:
        """Draw RR sets on the workers (one spawned stream per chunk) and merge them.

        Returns a fitted :class:`infnet.algorithms.diffusion.RRSampler` whose sample came
        from the workers: ``estimate``, ``select`` and ``marginal_gains`` work as usual.
        Chunks of 4,096 sets get children ``SeedSequence.spawn`` of the seed in chunk
        order, so the sample depends on the seed and the store, not on the workers.

        Parameters
        ----------
        w : ndarray of float64 of shape (n_actors,)
            Target values (the roots are drawn in proportion to them).
        model : {"strength", "weighted_cascade", "constant"}
            Cascade model, as :class:`infnet.algorithms.diffusion.RRSampler`.
        transmissibility : float
            Factor applied to strengths (model ``"strength"``).
        p : float
            Probability of every tie (model ``"constant"``).
        n_sets : int
            Number of RR sets.
        rng : int, Generator, SeedSequence or None
            Randomness (SPEC 7).
        caller : str
            Name used in error messages.

        Returns
        -------
        RRSampler
            The fitted sampler.
        """
        from infnet.algorithms import diffusion

        model, t, q = diffusion._check_model(model, transmissibility, p, caller)
        n_sets = diffusion._check_size(n_sets, name="n_sets", caller=caller)
        if not (w > 0).any():
            msg = f"{caller}: the target values are all 0."
            raise EmptyTargetError(msg)
        code = {"strength": 0, "weighted_cascade": 1, "constant": 2}[model]
        gen = check_rng(rng)
        seed = np.random.SeedSequence(gen.integers(0, 2**63))
        sizes = [min(_CHUNK_SETS, n_sets - i) for i in range(0, n_sets, _CHUNK_SETS)]
        children = seed.spawn(len(sizes))
        cdf = np.cumsum(w)
        last = int(np.flatnonzero(w)[-1])
        with self._timed("rr_sets"):
            fcdf = self._broadcast(cdf)
            futures = [self.client.submit(_task_rr, self.path, code, float(t), float(q), fcdf,
                                          last, m, child, pure=False)
                       for m, child in zip(sizes, children, strict=True)]
            parts = self.client.gather(futures)
        counts = np.concatenate([np.diff(ip) for ip, _ in parts])
        indptr = np.zeros(n_sets + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        idx = np.int32 if self.n < np.iinfo(np.int32).max else np.int64
        members = np.concatenate([m for _, m in parts]).astype(idx)
        sampler = diffusion.RRSampler(model, transmissibility=t, p=q, n_sets=n_sets, rng=rng)
        sampler.rr_indptr_ = indptr
        sampler.rr_members_ = members
        sampler.cover_indptr_, sampler.cover_sets_ = diffusion._cover_index(indptr, members, self.n)
        sampler.total_value_ = float(w.sum())
        sampler.n_actors_ = self.n
        order = self.network.canonical_order()
        rank = np.empty(self.n, dtype=np.int64)
        rank[order] = np.arange(self.n, dtype=np.int64)
        sampler._order, sampler._rank = np.asarray(order, dtype=np.int64), rank
        return sampler

    # ........................................................ measures by name
    def measure(self, name: str, w: FloatArray | None, options: Mapping[str, Any],
                caller: str) -> FloatArray:
        """Compute one supported registered measure.

        Parameters
        ----------
        name : str
            A name from :data:`SUPPORTED_MEASURES`.
        w : ndarray of float64 of shape (n_actors,) or None
            Target values of targeted measures.
        options : mapping
            The measure's parameters (``damping``, ``hops``, ``weight``, ...).
        caller : str
            Name used in error messages.

        Returns
        -------
        ndarray of float64 of shape (n_actors,)
            The measure, as the registry computes it in memory.
        """
        from infnet.algorithms import centrality as c
        from infnet.algorithms.reach import _check_w

        net = self.network

        def target(param: str = "w") -> FloatArray:
            values = options.get(param, w)
            if values is None:
                msg = f"Measure {name!r} of {caller} needs a target audience; pass target=..."
                raise InvalidParameterError(msg)
            return _check_w(net, values, caller)

        if name in ("degree", "in_degree", "out_degree", "in_strength", "out_strength"):
            direction = {"degree": "all", "in_degree": "in", "out_degree": "out",
                         "in_strength": "in", "out_strength": "out"}[name]
            weight = "strength" if name.endswith("strength") else options.get("weight")
            return self.degree(direction, weight)
        if name in ("direct_reach", "target_share", "strong_reach"):
            self._weight(options.get("weight", "strength"), allow_none=False)
            fn = {"direct_reach": self.direct_reach, "target_share": self.target_share,
                  "strong_reach": self.strong_reach}[name]
            values = fn(target())
            # as the registry entry: no out-ties gives share 0 (the NaN is target_share())
            return np.nan_to_num(values, nan=0.0) if name == "target_share" else values
        if name == "khop_reach":
            method = options.get("method", "exact")
            if method not in ("exact", "auto"):
                raise _unsupported("khop_reach method", [str(method)], caller)  # noqa: EM101
            hops = check_int(options.get("hops", 2), name="hops", caller=caller, low=1, high=3)
            return self.khop_reach(target(), hops)
        damping = check_float(options.get("damping", 0.85), name="damping", caller=caller,
                              low=0.0, high=1.0, closed="left")
        max_iter, tol, _ = c._check_solver(options.get("max_iter", 1000),
                                           options.get("tol", 1e-6), False, caller)
        self._weight(options.get("weight", "strength"), allow_none=False)
        if name == "pagerank":
            return self.walk(reverse=False, personalization=None, dangling=None, damping=damping,
                             max_iter=max_iter, tol=tol, caller=caller)
        if name == "personalized_pagerank":
            seeds = c._restart_weights(target("seeds"), name="seeds", caller=caller, network=net,
                                       empty=EmptyTargetError)
            return self.walk(reverse=False, personalization=seeds, dangling=None,
                             damping=damping, max_iter=max_iter, tol=tol, caller=caller)
        if name == "target_pagerank":
            seeds = c._restart_weights(target(), name="seeds", caller=caller, network=net,
                                       empty=EmptyTargetError)
            return self.walk(reverse=True, personalization=seeds, dangling=None, damping=damping,
                             max_iter=max_iter, tol=tol, caller=caller)
        raise _unsupported("measure", [name], caller)  # pragma: no cover - checked before  # noqa: EM101


# ------------------------------------------------------------------ public functions
def measures(
    network: Network,
    names: Sequence[str] | str,
    *,
    target: Any = None,
    rng: Any = None,
    client: Any = None,
    **params: Any,
) -> pd.DataFrame:
    """:func:`infnet.measures` on the Dask engine (same arguments, same result).

    Parameters
    ----------
    network : Network
        The network (best opened from a store).
    names : sequence of str
        Names from :data:`SUPPORTED_MEASURES`.
    target : Target, dict or str, optional
        Target audience of targeted measures.
    rng : int, Generator, SeedSequence or None, default=None
        Unused by the supported (exact) measures; accepted for the same call.
    client : distributed.Client, optional
        Default: the active client, else a LocalCluster started once per process.
    **params
        ``damping``, ``max_iter``, ``tol``, ``hops``, ``method="exact"``, ``w``,
        ``seeds``, ``weight`` (``"strength"``, or None for degrees).

    Returns
    -------
    DataFrame
        As :func:`infnet.measures`: equal to 1e-9 (the same stopping rule for PageRank).

    Raises
    ------
    EngineNotSupportedError
        For measures or parameters this engine does not compute (named).

    Examples
    --------
    >>> callable(measures)
    True
    """
    from infnet.registry import get_measure
    from infnet.tables import COUNT_MEASURES, _as_count
    from infnet.targets import as_target

    caller = "measures"
    network = check_network(network, caller=caller)
    if isinstance(names, str):
        names = [names]
    entries = [get_measure(name, caller=caller) for name in names]
    bad = [m.name for m in entries if m.name not in SUPPORTED_MEASURES]
    if bad:
        raise _unsupported("measures", bad, caller)  # noqa: EM101
    accepted = set().union(*(m.params for m in entries)) if entries else set()
    unused = set(params) - accepted
    if unused:
        msg = (
            f"Parameters {sorted(unused)!r} of {caller} are accepted by none of the measures "
            f"{list(names)!r}."
        )
        raise InvalidParameterError(msg)
    beyond = set(params) - _PARAMS
    if beyond:
        raise _unsupported("parameters", sorted(beyond), caller)  # noqa: EM101
    w = None if target is None else as_target(target, caller=caller).weights(network)
    columns: dict[str, np.ndarray] = {}
    with DaskEngine(network, client=client, caller=caller) as eng:
        for m in entries:
            values = eng.measure(m.name, w, params, caller)
            columns[m.name] = _as_count(values) if m.name in COUNT_MEASURES else values
    return pd.DataFrame(columns, index=network.actor_ids.copy())


def _features(eng: DaskEngine, network: Network, names: Sequence[str], w: FloatArray,
              hops: int, caller: str) -> FloatArray:
    from infnet.registry import column_values

    X = np.empty((network.n_actors, len(names)))
    for j, name in enumerate(names):
        if name == "target_share":
            X[:, j] = np.nan_to_num(eng.target_share(w), nan=0.0)
        elif name in SUPPORTED_MEASURES:
            X[:, j] = eng.measure(name, w, {"hops": hops}, caller)
        elif name == "is_customer":
            col = pd.Series(network.attribute("is_customer"))
            X[:, j] = col.fillna(False).astype(bool).to_numpy(dtype=np.float64)
        else:  # fake_audience_share, sponsored_share, numeric actor columns
            X[:, j] = column_values(network, name)
    return X


def rank_influentials(network: Network, target: Any, *, client: Any = None,
                      **options: Any) -> pd.DataFrame:
    """:func:`infnet.rank_influentials` on the Dask engine (same keywords, same frame).

    The features are computed on the workers over the store's row blocks, the RR sets
    for the marginal gains drawn on the workers; the kernel (global ranks over the
    eligible actors), the eligibility rules, the top-k walk and the shortlist frame run
    in the client on n_actors-sized vectors.

    Parameters
    ----------
    network : Network
        The network (best opened from a store).
    target : Target, dict or str
        The target audience.
    client : distributed.Client, optional
        Default: the active client, else a LocalCluster started once per process.
    **options
        The keywords of :func:`infnet.rank_influentials`.

    Returns
    -------
    DataFrame
        The shortlist frame. Exact features equal the in-memory engine's to 1e-9, so the
        scores and picks agree; ``marginal_gain`` and ``attrs["expected_reach"]`` come
        from another RR sample and agree within their standard error.
        ``attrs["engine"]`` is ``"dask"``; ``attrs["notes"]`` says what the engine did.

    Raises
    ------
    EngineNotSupportedError
        For ``method="complementary"`` or features outside :data:`SUPPORTED_FEATURES`
        (all named; for example the ``balanced`` preset's ``effective_size`` and
        ``warm_path``).

    Examples
    --------
    >>> callable(rank_influentials)
    True
    """
    from infnet import ranking
    from infnet._progress import stage
    from infnet.features import resolve_feature
    from infnet.kernel import NORMALIZATIONS, normalize, score
    from infnet.options import MAX_K, Cascade, Constraints, MicroBand
    from infnet.presentation import run_attrs, shortlist_frame
    from infnet.scoring import Scores, resolve_weights
    from infnet.selection import (
        Limits,
        Selection,
        Vetting,
        apply_rules,
        band_rules,
        excluded_to_show,
        prefix_gains,
        stable_order,
        top_k,
    )
    from infnet.targets import as_target

    caller, t0 = "rank_influentials", time.perf_counter()
    opts = dict(options)
    defaults = dict(ranking.rank_influentials.__kwdefaults__ or {})
    defaults.pop("engine", None)
    unknown = set(opts) - set(defaults)
    if unknown:
        msg = f"{caller}() got unexpected keyword arguments {sorted(unknown)!r}."
        raise InvalidParameterError(msg)
    beyond = [key for key in set(opts) - _HANDLED if opts[key] is not defaults[key]]
    if beyond:
        raise _unsupported("keywords", beyond, caller)  # noqa: EM101
    o = {**defaults, **opts}
    network = check_network(network, caller=caller)
    k = check_int(o["k"], name="k", caller=caller, low=1, high=MAX_K)
    hops = check_int(o["hops"], name="hops", caller=caller, low=1, high=3)
    kind, method, normalization = o["kind"], o["method"], o["normalization"]
    check_option(kind, name="kind", caller=caller, options=("both", "internal", "external"))
    check_option(method, name="method", caller=caller, options=("top_k", "complementary"))
    check_option(normalization, name="normalization", caller=caller, options=NORMALIZATIONS)
    show_excluded = o["show_excluded"]
    check_option(show_excluded, name="show_excluded", caller=caller,
                 options=("top", "all", "none"))
    if method == "complementary":
        raise _unsupported("method", ["complementary"], caller)  # noqa: EM101
    band_ = None if o["band"] is None else MicroBand.from_dict(o["band"])
    vetting = Vetting() if o["exclude"] is None else Vetting.from_dict(o["exclude"])
    limits_ = None if o["constraints"] is None else Constraints.from_dict(o["constraints"])
    cascade_ = Cascade() if o["cascade"] is None else Cascade.from_dict(o["cascade"])
    rng = o["rng"]
    feature_rng, sampler_rng = check_rng(rng).spawn(2)
    tgt = as_target(target, caller=caller)
    chosen, strategy_name, dropped = resolve_weights(network, o["strategy"], o["weights"],
                                                     caller=caller)
    feats = [resolve_feature(name, network, caller=caller) for name in chosen]
    bad = [f.name for f in feats if f.name not in SUPPORTED_FEATURES and f.family != "attribute"]
    if bad:
        raise _unsupported("features", bad, caller)  # noqa: EM101
    for f in feats:
        lacking = [c for c in f.requires if not network.has_attribute(c)]
        if lacking:
            msg = f"Feature {f.name!r} of {caller} needs the actor column {lacking[0]!r}."
            raise MissingColumnError(msg)
    from infnet.registry import new_context

    with DaskEngine(network, client=client, caller=caller) as eng:
        with stage(f"{caller}: target"):
            w = tgt.weights(network)
        context = new_context(w=w, rng=feature_rng, options={"hops": hops}, auto_estimate=True)
        share = eng.target_share(w)
        context._memo["target_share"] = share  # the presentation reads it from the memo
        with stage(f"{caller}: eligibility rules"):
            elig = apply_rules(
                network, [*band_rules(band_), *vetting.rules()], kind=kind,
                band_scope=band_.scope if band_ else "external", target_share=share,
                caller=caller,
            )
        # the shortlist shows direct and k-hop reach: compute them here as zero-weight
        # extra columns, so the presentation never recomputes them in this process
        extra = [n for n in ("direct_reach", "khop_reach") if n not in chosen]
        names = [*chosen, *extra]
        with stage(f"{caller}: score on the Dask engine"):
            X = _features(eng, network, names, w, hops, caller)
            m = len(chosen)
            res = normalize(
                X[:, :m], higher_is_better=[f.higher_is_better for f in feats],
                method=cast("Any", normalization),
                mask=elig.eligible if elig.eligible.any() else None, full_output=True,
                caller=caller,
            )
            for j in np.flatnonzero(res.constant).tolist():
                context.note(f"feature {feats[j].name!r} is constant over the reference actors "
                             "and adds 0")
            values, contrib = score(res.values, [chosen[f.name] for f in feats], caller=caller)
        if "khop_reach" in names and hops >= 3:
            context.note("khop_reach: exact on the Dask engine (the memory engine estimates "
                         "3-hop reach from sketches above 2,000,000 stored ties)")
        for note in eng.notes:
            context.note(note)
        scores = Scores(values=values, contributions=contrib, raw=X[:, :m], features=tuple(feats),
                        weights=chosen, strategy=strategy_name, dropped=dropped,
                        notes=tuple(context.notes), context=context)
        with stage(f"{caller}: select (top-k; RR sets on the workers)"):
            sampler = eng.rr_sample(w, model=cascade_.model,
                                    transmissibility=cascade_.transmissibility, p=cascade_.p,
                                    n_sets=cascade_.n_sets, rng=sampler_rng, caller=caller)
            order = stable_order(values, network)
            limits = Limits.bind(limits_, network, caller=caller)
            picked = top_k(order, elig.eligible, k, limits=limits)
            gains = prefix_gains(sampler, picked)
            if picked.size < k:
                import warnings

                from infnet.exceptions import InfnetWarning

                warnings.warn(
                    f"{caller} could shortlist only {picked.size} actors for k={k} "
                    "(eligibility, quotas or budget); see df.attrs['exclusions'] for why "
                    "others were excluded.", InfnetWarning, stacklevel=2,
                )
            reach_value = float(sampler.estimate(picked)) if picked.size else 0.0
            excluded = excluded_to_show(order, values, elig, picked, k, show_excluded)
            selection = Selection(picked, gains, excluded, elig, method, reach_value,
                                  cascade_.n_sets)
        shown = scores
        if extra:
            extra_feats = tuple(resolve_feature(n, network, caller=caller) for n in extra)
            shown = Scores(values=values,
                           contributions=np.hstack([contrib, np.zeros((network.n_actors,
                                                                       len(extra)))]),
                           raw=X, features=(*scores.features, *extra_feats),
                           weights=chosen, strategy=strategy_name, dropped=dropped,
                           notes=scores.notes, context=context)
        with stage(f"{caller}: present"):
            df = shortlist_frame(network, shown, selection, hops=hops)
        df = df.drop(columns=[f"contribution_{n}" for n in extra])
        parameters = {
            "k": k, "kind": kind, "strategy": strategy_name, "method": method,
            "band": None if band_ is None else band_.to_dict(),
            "constraints": None if limits_ is None else limits_.to_dict(),
            "cascade": cascade_.to_dict(), "normalization": normalization, "hops": hops,
            "show_excluded": show_excluded,
        }
        df.attrs.update(run_attrs(
            parameters=parameters, seed=rng if isinstance(rng, (int, type(None))) else repr(rng),
            scores=scores, selection=selection, target=tgt.to_dict(),
            target_summary=tgt.summary(network), network=network,
            seconds=time.perf_counter() - t0,
        ))
        df.attrs["engine"] = "dask"
        df.attrs["engine_seconds"] = dict(eng.seconds)
        df.attrs["notes"] = list(context.notes)
    return df
