"""The Dask engine: features, kernel, top-k and RR sampling over blocks of a store.

Every task opens the same read-only store (:mod:`infnet.store`) by its path and works
on one block of consecutive actor rows. Per-actor vectors (the target values, an
iterate, a feature) live in **shared vector files** in a scratch directory that every
worker sees: a task maps the vectors it reads, writes its rows of the vectors it
computes and returns only a summary (partial sums, candidates). So neither the graph
nor an n_actors vector passes through the scheduler or the client per iteration; the
client sends tasks and receives scalars. The client is the active
:class:`distributed.Client` (``distributed.get_client()``), one passed as ``client=``,
or a :class:`distributed.LocalCluster` started once per process (logged).

What runs on the workers: degree and strength (in, out, all), direct reach, target
share, strong reach, k-hop reach (exact breadth-first search per source, or bottom-k
distance sketches merged hop by hop), PageRank, personalized and target PageRank (one
distributed sparse product per iteration, the in-memory solver's stopping rule), warm
paths and the warm-path feature (one Bellman-Ford round per task round), core numbers
(h-index rounds to the exact fixed point), diffusion centrality (one sparse product per
period; its default ``q = 1/lambda_1`` by ARPACK in the client with the products on the
workers, after labelling the strongly connected components of a directed network in
the client), Burt's constraint and effective size, the participation coefficient over
an actor column, reverse-reachable sets (one
spawned random stream per chunk of sets), the normalisation statistics (a distributed
sort for ranks), the scores and each block's best candidates. What runs in the client:
eligibility rules and the target (on the actors frame), merging the candidates, the
top-k walk under the constraints, the greedy over the gathered RR sets (IMM) and the
shortlist frame of the shown rows. Anything else raises
:class:`EngineNotSupportedError` naming it; nothing falls back silently.

Workers need memory for themselves (about 300 MiB with the kernels loaded) below Dask's
pause fraction of their ``memory_limit``; the engine checks this first and refuses a
cluster whose workers would pause (they would run no task), rather than wait forever.
The store's pages are mapped and released after each task, so the limit can be far
below the network's size.

Configuration (``dask.config``): ``infnet.scratch``, a directory on a file system
every worker and the client see (default: a temporary directory, right for a
LocalCluster); ``infnet.block-entries``, stored ties per block (default: about four
blocks per worker, at most 8 million ties, at least 262,144).

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
import math
import os
import shutil
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, cast

import numpy as np
import pandas as pd

from infnet._optional import require
from infnet._typing import BoolArray, FloatArray, IntArray
from infnet._validation import (
    MAX_VALUE,
    check_float,
    check_int,
    check_n_jobs,
    check_network,
    check_option,
    check_rng,
)
from infnet.engines import _worker as wk
from infnet.engines._scoring import merge_stats
from infnet.engines._worker import Ref
from infnet.exceptions import (
    EmptyTargetError,
    InfnetWarning,
    InvalidParameterError,
    MissingColumnError,
)
from infnet.network import Network
from infnet.store import is_store, read_manifest, save_store

__all__ = [
    "SUPPORTED_FEATURES",
    "SUPPORTED_MEASURES",
    "DaskEngine",
    "EngineNotSupportedError",
    "get_client",
    "measures",
    "rank_influentials",
    "store_path",
]

_log = logging.getLogger("infnet")

#: Registered measures the Dask engine computes on the workers.
SUPPORTED_MEASURES = frozenset({
    "degree", "in_degree", "out_degree", "in_strength", "out_strength", "direct_reach",
    "target_share", "strong_reach", "khop_reach", "pagerank", "personalized_pagerank",
    "target_pagerank", "warm_path", "constraint", "effective_size",
    "participation_coefficient", "core_number", "diffusion_centrality",
    "targeted_diffusion_centrality",
})

#: Scoring features it supports: those measures plus actor-column features (computed in
#: the client from the actors frame).
SUPPORTED_FEATURES = SUPPORTED_MEASURES | {"is_customer", "fake_audience_share",
                                           "sponsored_share"}

#: Keyword parameters of measures() the engine understands.
_PARAMS = frozenset({"damping", "max_iter", "tol", "hops", "method", "w", "seeds", "weight",
                     "precision", "n_jobs", "max_ties", "groups", "direction", "q", "T"})

#: Keywords of rank_influentials this engine implements (others must keep their default).
_HANDLED = frozenset({"k", "kind", "strategy", "weights", "method", "band", "exclude",
                      "constraints", "cascade", "normalization", "hops", "show_excluded", "rng"})

#: What participation_coefficient would group by without a segment column (not here).
_NO_SEGMENT = "participation_coefficient without a 'segment' actor column (detected communities)"

_CHUNK_SETS = 4096
_MIN_BLOCK = 262_144
_MAX_BLOCK = 8_000_000
_LOCAL: Any = None


class EngineNotSupportedError(InvalidParameterError):
    """A measure, feature, parameter or method the Dask engine does not compute (named)."""


def _unsupported(what: str, names: Sequence[str], caller: str) -> EngineNotSupportedError:
    return EngineNotSupportedError(
        f"{caller}(engine='dask') does not support the {what} {sorted(names)!r} yet; use "
        "engine='memory' for them (see the scaling page: what runs where)."
    )


class PerBlock:
    """A task argument that differs per block: ``values[i]`` goes to block ``i``.

    Parameters
    ----------
    values : sequence
        One value per block.

    Examples
    --------
    >>> PerBlock([1, 2]).values
    [1, 2]
    """

    def __init__(self, values: Sequence[Any]) -> None:
        self.values = list(values)


def _sees(scratch: str, store: str) -> bool:
    """Whether this process sees the scratch directory and the store (run on workers)."""
    return os.path.isdir(scratch) and is_store(store)


def _headroom(dask_worker: Any) -> tuple[int, float | None, float | None]:
    """(RSS, memory limit, pause fraction) of a worker after loading the block kernels."""
    import psutil

    from infnet.engines._kernels import row_dot

    row_dot(np.zeros(2, np.int64), np.zeros(1, np.int64), np.zeros(1), np.zeros(1), 0, 1, True)
    mm = getattr(dask_worker, "memory_manager", None)
    limit = getattr(mm, "memory_limit", None)
    pause = getattr(mm, "memory_pause_fraction", None)
    return int(psutil.Process().memory_info().rss), limit, (pause if pause else None)


_MiB = 1 << 20
#: Room a worker needs below Dask's pause threshold beyond its memory after loading one
#: kernel: the other compiled kernels (about 150 MiB measured: 282 MiB with one loaded,
#: 432 MiB with all), a block's vectors, and the store pages a task maps before release.
_TASK_ROOM = 192 * _MiB


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
        # dashboard on a free port: the default 8787 may be taken (another cluster, a
        # notebook's), which distributed only warns about
        cluster = distributed.LocalCluster(processes=True, threads_per_worker=1,
                                           dashboard_address=":0")
        _LOCAL = distributed.Client(cluster)
        _log.info("infnet: engine='dask' started a LocalCluster with %d workers (no active "
                  "distributed.Client); dashboard %s", len(cluster.workers),
                  cluster.dashboard_link)
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


def _config(key: str) -> Any:
    dask = require("dask", extra="dask", caller="engine='dask'")
    return dask.config.get(key, None)


class DaskEngine:
    """Block-parallel computations on one network's store, with shared vector files.

    Parameters
    ----------
    network : Network
        A network opened from a store, or any network (then written to a temporary
        store in the scratch directory, removed by :meth:`close`).
    client : distributed.Client, optional
        See :func:`get_client`.
    block_entries : int, optional
        Stored entries per block (default ``dask.config`` ``infnet.block-entries``, else
        about four blocks per worker, between 262,144 and 8 million).
    scratch : str, optional
        Directory for the shared vector files, seen by every worker (default
        ``dask.config`` ``infnet.scratch``, else the temporary directory).
    caller : str, default="engine='dask'"
        The public function named in errors.

    Raises
    ------
    InvalidParameterError
        When a worker cannot see the scratch directory or the store.

    Examples
    --------
    >>> callable(DaskEngine)
    True
    """

    def __init__(self, network: Network, *, client: Any = None,
                 block_entries: int | None = None, scratch: str | None = None,
                 caller: str = "engine='dask'") -> None:
        self.caller = caller
        self.client = get_client(client, caller=caller)
        self.network = network
        self.notes: list[str] = []
        self.seconds: dict[str, float] = {}
        base = scratch or _config("infnet.scratch")
        self.scratch = tempfile.mkdtemp(prefix="infnet-dask-", dir=base)
        self._count = itertools.count()
        self._memo: dict[Any, Any] = {}
        try:
            path = store_path(network)
            if path is None:
                path = os.path.join(self.scratch, "store")
                save_store(network, path)
                self.notes.append(
                    "engine='dask': the network was not opened from a store; it was written to "
                    "a temporary store for the workers (open_store a store to avoid the copy)"
                )
            self.path = path
            self._check_visible()
            self._check_memory()
        except BaseException:
            self.close()
            raise
        self.n = network.n_actors
        indptr = np.asarray(network.strength.indptr)
        nnz = int(network.strength.nnz)
        n_workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        per = block_entries or _config("infnet.block-entries")
        if per is None:
            per = min(_MAX_BLOCK, max(_MIN_BLOCK, nnz // (4 * n_workers)))
        per = check_int(per, name="block_entries", caller=caller, low=1)
        cuts = np.searchsorted(indptr, np.arange(per, nnz, per), side="left")
        bounds = np.unique(np.r_[0, cuts, self.n])
        self.blocks = [(int(a), int(b)) for a, b in itertools.pairwise(bounds)]

    def _check_visible(self) -> None:
        seen = self.client.run(_sees, self.scratch, self.path)
        blind = sorted(str(k) for k, ok in seen.items() if not ok)
        if blind:
            msg = (
                f"{self.caller}(engine='dask'): workers {blind} cannot see the store "
                f"{self.path!r} or the scratch directory {self.scratch!r}. Put both on a file "
                "system every worker mounts at the same path "
                "(dask.config.set({'infnet.scratch': ...}))."
            )
            raise InvalidParameterError(msg)

    def _check_memory(self) -> None:
        # Dask pauses a worker whose memory passes a fraction of its limit (80% by
        # default) until it falls again; a worker at that level with only Python,
        # numpy, scipy and the compiled kernels loaded never falls, so every task would
        # wait forever. Refuse up front instead, with the numbers.
        limits = sorted({int(w.get("memory_limit") or 0) // _MiB for w in
                         self.client.scheduler_info().get("workers", {}).values()})
        try:
            found = self.client.run(_headroom)
        except Exception as exc:  # a worker restarted by its nanny, a lost connection
            msg = (
                f"{self.caller}(engine='dask'): a worker failed while loading infnet's kernels "
                f"({type(exc).__name__}: {str(exc)[:200]}). Workers' memory_limit (MiB): "
                f"{limits}; a worker needs about 450 MiB (Python, numpy, scipy and the "
                "compiled kernels) plus room for a block's vectors and the store pages a task "
                "maps, below Dask's pause fraction (0.8 by default); Dask restarts a worker "
                "that passes 95% of its limit."
            )
            raise InvalidParameterError(msg) from exc
        short = []
        for name, (rss, limit, pause) in sorted(found.items()):
            if not limit or not pause:
                continue
            if rss + _TASK_ROOM > pause * limit:
                short.append(f"{name}: {rss / _MiB:.0f} MiB in use of {limit / _MiB:.0f} MiB "
                             f"(pauses at {pause:.0%})")
        if short:
            need = max(r for r, _, _ in found.values()) + _TASK_ROOM
            frac = min(p for _, lim, p in found.values() if lim and p)
            msg = (
                f"{self.caller}(engine='dask'): workers would pause before running a task "
                f"(Dask stops a worker above its pause fraction of memory_limit, and the call "
                f"would wait forever): {'; '.join(short)}. A worker needs about "
                f"{need / _MiB / frac:.0f} MiB of memory_limit at pause fraction {frac:g} "
                "(its own memory plus room for a block's vectors); the store's pages are "
                "mapped and released after each task, so the limit can stay below the "
                "network's size."
            )
            raise InvalidParameterError(msg)

    def close(self) -> None:
        """Remove the scratch directory (shared vectors, temporary store)."""
        shutil.rmtree(self.scratch, ignore_errors=True)

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

    # ........................................................ shared vectors
    def new(self, dtype: Any = np.float64, shape: tuple[int, ...] | None = None) -> Ref:
        """Create a shared vector file (zeros) and return its reference.

        Parameters
        ----------
        dtype : dtype, default=float64
            Its dtype.
        shape : tuple of int, optional
            Its shape (default ``(n_actors,)``).

        Returns
        -------
        Ref
            The new file.
        """
        path = os.path.join(self.scratch, f"v{next(self._count)}.npy")
        shape = (self.n,) if shape is None else shape
        mm = np.lib.format.open_memmap(path, mode="w+", dtype=dtype, shape=shape)
        del mm
        return Ref(path)

    def put(self, values: np.ndarray) -> Ref:
        """Write a client array to a shared vector file.

        Parameters
        ----------
        values : ndarray
            The array.

        Returns
        -------
        Ref
            Its file.
        """
        path = os.path.join(self.scratch, f"v{next(self._count)}.npy")
        np.save(path, np.ascontiguousarray(values), allow_pickle=False)
        return Ref(path)

    def read(self, ref: Ref) -> np.ndarray:
        """Read a shared vector into the client.

        Parameters
        ----------
        ref : Ref
            The vector.

        Returns
        -------
        ndarray
            A copy in memory.
        """
        return np.asarray(np.load(ref.path, allow_pickle=False))

    def view(self, ref: Ref) -> np.ndarray:
        """Map a shared vector read-only in the client (only touched pages are read).

        Parameters
        ----------
        ref : Ref
            The vector.

        Returns
        -------
        ndarray
            The mapped array.
        """
        return np.asarray(np.load(ref.path, mmap_mode="r", allow_pickle=False))

    def drop(self, *refs: Ref | None) -> None:
        """Delete shared vector files no longer needed.

        Parameters
        ----------
        *refs : Ref or None
            The vectors.
        """
        for ref in refs:
            if ref is not None:
                with contextlib.suppress(OSError):
                    os.remove(ref.path)

    # ........................................................ block tasks
    def submit(self, task: Callable[..., Any], blocks: Sequence[tuple[int, int]],
               outs: Sequence[Ref], args: Sequence[Any]) -> list[Any]:
        """Run a task of :mod:`infnet.engines._worker` on `blocks`; return the summaries.

        Parameters
        ----------
        task : callable
            The task.
        blocks : sequence of (int, int)
            Row ranges.
        outs : sequence of Ref
            Output files the task writes its rows of.
        args : sequence
            Its arguments (``PerBlock`` ones differ per block).

        Returns
        -------
        list
            One summary per block, in block order.
        """
        futures = []
        for i, (lo, hi) in enumerate(blocks):
            a = [x.values[i] if isinstance(x, PerBlock) else x for x in args]
            futures.append(self.client.submit(wk.run_block, task, self.path, lo, hi, list(outs),
                                              *a, pure=False))
        return list(self.client.gather(futures))

    def run(self, task: Callable[..., Any], *args: Any,
            outs: Sequence[Ref | Any] = (np.float64,)) -> tuple[list[Ref], list[Any]]:
        """Run a task on every block, writing new shared vectors.

        Parameters
        ----------
        task : callable
            The task.
        *args
            Its arguments.
        outs : sequence of Ref or dtype, default=(float64,)
            Output files, or dtypes of new n_actors vectors to create.

        Returns
        -------
        refs : list of Ref
            The outputs.
        summaries : list
            One per block.
        """
        refs = [o if isinstance(o, Ref) else self.new(o) for o in outs]
        return refs, self.submit(task, self.blocks, refs, args)

    def vector(self, task: Callable[..., Any], *args: Any) -> Ref:
        """Run a task with one float64 output vector and return it.

        Parameters
        ----------
        task : callable
            The task.
        *args
            Its arguments.

        Returns
        -------
        Ref
            The output.
        """
        return self.run(task, *args)[0][0]

    def reduce(self, task: Callable[..., Any], *args: Any) -> list[Any]:
        """Run a task with no output vector; return the per-block summaries.

        Parameters
        ----------
        task : callable
            The task.
        *args
            Its arguments.

        Returns
        -------
        list
            One summary per block.
        """
        return self.run(task, *args, outs=())[1]

    # ........................................................ per-actor measures
    def _side(self, side: str) -> str:
        return side if self.network.directed else "out"

    def degree(self, direction: str = "out", weight: str | None = None) -> Ref:
        """Degree or strength (``weight="strength"``), as ``centrality.degree``.

        Parameters
        ----------
        direction : {"out", "in", "all"}
            Ties counted.
        weight : {"strength", None}
            Sum strengths, or count ties.

        Returns
        -------
        Ref
            The vector.
        """
        check_option(direction, name="direction", caller=self.caller, options=("out", "in", "all"))
        self._weight(weight, allow_none=True)
        with self._timed("degree"):
            return self.vector(wk.t_degree, direction, weight is not None, self.network.directed)

    def direct_reach(self, w: Ref) -> Ref:
        """Direct targeted reach (one product over row blocks).

        Parameters
        ----------
        w : Ref
            Target values.

        Returns
        -------
        Ref
            The vector.
        """
        with self._timed("direct_reach"):
            return self.vector(wk.t_dot, "out", w, True)

    def target_share(self, w: Ref) -> Ref:
        """Target share (NaN without out-ties).

        Parameters
        ----------
        w : Ref
            Target values.

        Returns
        -------
        Ref
            The vector.
        """
        with self._timed("target_share"):
            return self.vector(wk.t_share, w)

    def strong_reach(self, w: Ref) -> Ref:
        """Reach through strong ties (strength >= the network's threshold).

        Parameters
        ----------
        w : Ref
            Target values.

        Returns
        -------
        Ref
            The vector.
        """
        with self._timed("strong_reach"):
            return self.vector(wk.t_strong, w, float(self.network.strong_threshold))

    def khop_reach(self, w: Ref, hops: int) -> Ref:
        """Exact k-hop targeted reach: a breadth-first search per source of each block.

        Parameters
        ----------
        w : Ref
            Target values.
        hops : int
            1 to 3.

        Returns
        -------
        Ref
            The vector (one product for ``hops=1``, as the memory engine).
        """
        with self._timed("khop_reach"):
            if hops == 1:
                return self.vector(wk.t_dot, "out", w, False)
            return self.vector(wk.t_khop, w, int(hops))

    def khop_sketch(self, w: Ref, values: FloatArray, hops: int, precision: int,
                    rng: np.random.Generator) -> Ref:
        """Estimate k-hop reach from bottom-k distance sketches merged hop by hop (HyperANF-style).

        The ranks are drawn in canonical (sorted-id) order from `rng`, as
        :func:`infnet.algorithms.reach.khop_reach` draws them, and each hop runs the
        same level kernel over the blocks with the previous hop's sketches in shared
        files, so the estimate equals the in-memory one for the same stream.

        Parameters
        ----------
        w : Ref
            Target values.
        values : ndarray
            The same values in the client (for the ranks).
        hops : int
            1 to 16.
        precision : int
            Sketch size ``2**precision``.
        rng : Generator
            Randomness of the ranks.

        Returns
        -------
        Ref
            The estimate.
        """
        n = self.n
        if hops == 1:
            return self.khop_reach(w, 1)
        k = 2**precision
        order = np.asarray(self.network.canonical_order(), dtype=np.int64)
        wc = values[order]
        is_t = wc > 0
        rank_c = np.full(n, np.inf)
        with np.errstate(over="ignore"):
            rank_c[is_t] = rng.standard_exponential(int(is_t.sum())) / wc[is_t]
        rank = np.empty(n)
        rank[order] = rank_c
        idx = np.int32 if n < np.iinfo(np.int32).max else np.int64
        with self._timed("khop_reach"):
            rank_ref = self.put(rank)
            prev = [self.put(np.arange(n, dtype=np.int64)),
                    self.put((values > 0).astype(np.int64)), rank_ref,
                    self.put(np.arange(n, dtype=idx))]
            for level in range(1, hops + 1):
                if level == hops:
                    out = self.vector(wk.t_sketch_level, *prev, rank_ref, w, k, True, None)
                    break
                (bound,), sums = self.run(wk.t_sketch_bound, w, prev[1], k, outs=(np.int64,))
                starts = np.concatenate([[0], np.cumsum(sums)[:-1]]).astype(np.int64).tolist()
                (start,), _ = self.run(wk.t_offsets, bound, PerBlock(starts), outs=(np.int64,))
                total = max(1, int(sum(sums)))
                length = self.new(np.int64)
                r_out, i_out = self.new(np.float64, (total,)), self.new(idx, (total,))
                self.reduce(wk.t_sketch_level, *prev, rank_ref, w, k, False,
                            [start.path, length.path, r_out.path, i_out.path])
                self.drop(bound, *(p for p in prev if p is not rank_ref))
                prev = [start, length, r_out, i_out]
            self.drop(*prev)
        return out

    def _weight(self, weight: object, *, allow_none: bool) -> None:
        if weight == "strength" or (allow_none and weight is None):
            return
        raise _unsupported("weight", [repr(weight)], self.caller)  # noqa: EM101

    def walk(self, *, reverse: bool, personalization: FloatArray | None, damping: float,
             max_iter: int, tol: float, caller: str) -> Ref:
        """PageRank iteration of ``centrality.pagerank``, distributed.

        Each iteration is one round of tasks: a block reads the previous product and
        finishes the iterate on the fly (dangling mass, damping, teleport: the
        in-memory solver's operations in its order), writes its rows of the next
        product to a shared file and returns its parts of the L1 change and of the
        dangling mass. The client adds the blocks' partial sums and applies the
        in-memory solver's stopping rule (one round late, so one extra product);
        a last round writes the converged iterate.

        Parameters
        ----------
        reverse : bool
            False walks the ties (PageRank); True walks them backwards (PageRank of
            ``network.reversed()``, e.g. target PageRank).
        personalization : ndarray, optional
            Restart weights (uniform when None); also the dangling weights.
        damping : float
            Damping factor.
        max_iter : int
            Iteration cap.
        tol : float
            Tolerance on the L1 error bound.
        caller : str
            The public function named in errors.

        Returns
        -------
        Ref
            The PageRank vector.

        Raises
        ------
        ConvergenceError
            When `max_iter` iterations do not reach `tol`, or values become non-finite.
        """
        from infnet.algorithms import centrality as c

        n = self.n
        directed = self.network.directed
        # rows of the walk matrix: in-CSR for PageRank, out-CSR for the reversed walk;
        # normaliser: out-strength (PageRank) or in-strength (reversed)
        side = ("out" if reverse else "in") if directed else "out"
        norm_side = ("in" if reverse else "out") if directed else "out"
        factor = damping / (1.0 - damping)
        err = bound = np.inf
        with self._timed("pagerank"):
            norm = self.vector(wk.t_dot, norm_side, None, True)
            p = None if personalization is None else self.put(personalization /
                                                               personalization.sum())
            # (product, dangling mass before it, is-the-iterate) of x_{t-1} and x_{t-2}
            prev: tuple[Ref, float, bool] = (self.put(np.full(n, 1.0 / n)), 0.0, True)
            older: tuple[Ref, float, bool] | None = None
            try:
                for it in range(max_iter + 1):
                    o = older or (None, 0.0, False)
                    (y,), parts = self.run(wk.t_walk_lazy, side, norm, *prev, *o, p, n, damping)
                    mass = float(sum(d for _, d in parts))
                    if older is not None:
                        self.drop(older[0])
                    older, prev = prev, (y, mass, False)
                    if it == 0:
                        continue
                    # x_it = prev finished: its change from x_{it-1} is now known
                    err = float(sum(e for e, _ in parts))
                    if not np.isfinite(err):
                        raise c._non_finite(caller, it, err,
                                            "The tie values cannot be normalised.")
                    bound = factor * err
                    if bound < tol:
                        _log.debug("%s(engine='dask'): n_iter=%d error_bound=%.3g", caller, it,
                                   bound)
                        return self.run(wk.t_finish, *older, p, n, damping)[0][0]
            finally:
                self.drop(norm, p, prev[0], *((older[0],) if older else ()))
        raise c._not_converged(
            caller, max_iter, err, bound, tol,
            f"Raise max_iter or tol (the error shrinks by at least damping={damping:g} per "
            "iteration).",
        )

    def warm_paths(self, internal: BoolArray, max_ties: int) -> Any:
        """Warm paths of :func:`infnet.algorithms.paths.warm_paths`, one task round per tie.

        Parameters
        ----------
        internal : ndarray of bool
            The internal actors.
        max_ties : int
            Longest path, in ties.

        Returns
        -------
        WarmPaths
            Identical to the in-memory result; its arrays map shared files (the client
            reads only the rows it shows).
        """
        from infnet.algorithms.paths import WarmPaths

        key = ("warm", int(max_ties))
        if key in self._memo:
            return self._memo[key]
        idx = np.asarray(self.network.strength.indices).dtype
        with self._timed("warm_path"):
            pred = self.new(idx, (max_ties + 1, self.n))
            mask = self.put(np.asarray(internal, dtype=bool))
            state, _ = self.run(wk.t_warm_start, mask,
                                outs=(np.float64, np.int64, np.int64, Ref(pred.path, 0)))
            self.drop(mask)
            for r in range(1, max_ties + 1):
                new, _ = self.run(wk.t_warm, *state[:3],
                                  outs=(np.float64, np.int64, np.int64, Ref(pred.path, r)))
                self.drop(*state[:3])
                state = new
        val, intro, hops = (self.view(s) for s in state[:3])
        wp = WarmPaths(introducer=intro, strength=val, n_ties=hops, max_ties=int(max_ties),
                       _pred=self.view(pred))
        self._memo[key] = wp
        return wp

    def colleague_warmth(self, internal: BoolArray, max_ties: int) -> Ref:
        """Compute the warm-path feature (:func:`infnet.algorithms.paths.colleague_warmth`).

        One task round per tie, each block keeping the two best paths from distinct
        introducers of its rows, as the in-memory kernel does, so the values are
        identical.

        Parameters
        ----------
        internal : ndarray of bool
            The internal actors.
        max_ties : int
            Longest path, in ties.

        Returns
        -------
        Ref
            Strength of the best warm path from an internal actor other than the actor.
        """
        pairs = (np.float64, np.int64, np.float64, np.int64)
        with self._timed("warm_path"):
            mask = self.put(np.asarray(internal, dtype=bool))
            state, _ = self.run(wk.t_colleague_start, mask, outs=pairs)
            self.drop(mask)
            for _ in range(int(max_ties)):
                new, _ = self.run(wk.t_colleague, *state, outs=pairs)
                self.drop(*state)
                state = new
            out = self.vector(wk.t_colleague_end, state[0], state[1], state[2])
            self.drop(*state)
        return out

    def core_number(self) -> Ref:
        """Core numbers of :func:`infnet.algorithms.centrality.core_number`, by h-index rounds.

        The bucket algorithm of the memory engine peels actors in a global order, which
        does not distribute. Here every actor starts at its degree (out + in on a
        directed network, as there) and each round lowers it to the h-index of its
        neighbours' values; the bounds only decrease, and their fixed point is the core
        number [1]_ [2]_, so the result is exact and identical. Each block sweeps its
        own rows to stability within a round (see ``_kernels.core_block``); the rounds
        stop when no block changed. Rounds are few on social networks (the number of
        rounds is bounded by the longest chain of peeling dependencies); each costs one
        pass over the ties.

        Returns
        -------
        Ref
            The core numbers, float64.

        References
        ----------
        .. [1] Lü, L., Zhou, T., Zhang, Q.-M., & Stanley, H. E. (2016). The H-index of a
           network node and its relation to degree and coreness. Nature Communications,
           7, 10168. https://doi.org/10.1038/ncomms10168
        .. [2] Montresor, A., De Pellegrini, F., & Miorandi, D. (2013). Distributed
           k-core decomposition. IEEE Transactions on Parallel and Distributed Systems,
           24(2), 288-300. https://doi.org/10.1109/TPDS.2012.124
        """
        directed = self.network.directed
        with self._timed("core_number"):
            (cur,), _ = self.run(wk.t_total_degree, directed, outs=(np.int64,))
            rounds = 0
            while True:
                rounds += 1
                (nxt,), changed = self.run(wk.t_core, directed, cur, outs=(np.int64,))
                self.drop(cur)
                cur = nxt
                if sum(changed) == 0:
                    break
            _log.debug("core_number(engine='dask'): %d rounds", rounds)
            out = self.vector(wk.t_float, cur)
            self.drop(cur)
        return out

    def _product(self, v: FloatArray, use_data: bool, sym: bool,
                 labels: Ref | None = None) -> FloatArray:
        """Multiply by ``A`` (or ``(A + A^T) / 2``) on the workers, for ARPACK in the client.

        With `labels`, by the ties within a strongly connected component only.
        """
        ref = self.put(np.asarray(v, dtype=np.float64).ravel())
        if labels is not None:
            out = self.run(wk.t_dot_within, ref, labels, use_data)[0][0]
        else:
            out = self.vector(wk.t_dot, "out", ref, use_data)
        res = self.read(out)
        self.drop(out)
        if sym and self.network.directed:
            back = self.vector(wk.t_dot, "in", ref, use_data)
            res = (res + self.read(back)) * 0.5
            self.drop(back)
        self.drop(ref)
        return res

    def spectral_radius(self, weight: str | None, *, sym: bool = False) -> float:
        """Spectral radius of the tie matrix, as the memory engine's diffusion centrality.

        Up to 400 actors the client reads the (small) matrix and calls the in-memory
        helpers. Above, the same computation with the products on the workers: on a
        directed network the strongly connected components are labelled in the client
        (scipy's ``connected_components`` over the store's mapped structure, O(n_actors)
        memory for the labels plus scipy's index copies), the ties between components
        are left out of the products (0 when no tie is on a cycle), and the same ARPACK
        call (same start vector, ``which``, tolerance) runs in the client, so the value
        agrees to rounding. The client holds ARPACK's ~20 Lanczos vectors (about 160
        bytes per actor); pass ``q`` to diffusion centrality to avoid all of this.

        Parameters
        ----------
        weight : {"strength", None}
            Tie values.
        sym : bool, default=False
            Of ``(A + A^T) / 2`` instead (the bound used on networks without cycles).

        Returns
        -------
        float
            The radius (0 without ties, or without cycles when directed).
        """
        from scipy.sparse.csgraph import connected_components
        from scipy.sparse.linalg import (
            ArpackError,
            ArpackNoConvergence,
            LinearOperator,
            eigs,
            eigsh,
        )

        from infnet.algorithms import centrality as c

        n, directed = self.n, self.network.directed
        if int(self.network.strength.nnz) == 0:
            return 0.0
        if n <= 400:
            m = c._weighted(self.network, weight, "diffusion_centrality")
            return float(c._sym_radius(m, directed) if sym else c._spectral_radius(m, directed))
        use_data = weight is not None
        v0 = np.full(n, 1.0 / np.sqrt(n))
        if sym or not directed:
            op = LinearOperator((n, n), dtype=np.float64,
                                matvec=lambda v: self._product(v, use_data, sym))
            try:
                val = eigsh(op, k=1, which="LA", v0=v0, tol=1e-10, maxiter=5000,
                            return_eigenvectors=False)
                return float(val[0])
            except ArpackNoConvergence:  # pragma: no cover - as the memory engine
                return float(max(self.read_max(use_data, sym=True), 0.0))
        _, comp = connected_components(self.network.strength, directed=True,
                                       connection="strong")
        labels = self.put(np.asarray(comp, dtype=np.int64))
        try:
            probe = self.put(np.zeros(n))
            used = self.run(wk.t_dot_within, probe, labels, use_data)
            self.drop(probe, used[0][0])
            if sum(used[1]) == 0:
                return 0.0
            op = LinearOperator((n, n), dtype=np.float64,
                                matvec=lambda v: self._product(v, use_data, False, labels))
            vals = eigs(op, k=1, which="LR", v0=v0, tol=1e-10, maxiter=5000,
                        return_eigenvectors=False)
            return float(max(vals.real.max(), 0.0))
        except (ArpackNoConvergence, ArpackError):  # pragma: no cover - as the memory engine
            return self.spectral_radius(weight, sym=True)
        finally:
            self.drop(labels)

    def read_max(self, use_data: bool, *, sym: bool = False) -> float:
        """Largest tie value (``sym``: largest row sum of ``(A + A^T) / 2``).

        Parameters
        ----------
        use_data : bool
            Tie values (else 1 per tie).
        sym : bool, default=False
            The row-sum bound instead.

        Returns
        -------
        float
            The value (0 without ties).
        """
        if sym:
            rows = self._product(np.ones(self.n), use_data, True)
            return float(rows.max()) if rows.size else 0.0
        parts = self.reduce(wk.t_max_data, use_data)
        return float(max(parts, default=0.0))

    def diffusion(self, w: Ref | None, *, q: float | None, T: int, weight: str | None,
                  caller: str) -> Ref:
        r"""Diffusion centrality of :func:`infnet.algorithms.centrality.diffusion_centrality`.

        `T` task rounds, each one sparse product over the row blocks
        (:math:`x_t = q A x_{t-1}`) and the running sum, in the memory engine's order of
        operations, so the values agree to rounding. ``q=None`` is
        :math:`1/\lambda_1` (:meth:`spectral_radius`).

        Parameters
        ----------
        w : Ref or None
            Target values (None: the untargeted form, all ones).
        q : float or None
            Passing probability per tie and period (validated by the caller).
        T : int
            Periods.
        weight : {"strength", None}
            Tie values.
        caller : str
            The public function named in errors.

        Returns
        -------
        Ref
            The values.

        Raises
        ------
        ConvergenceError
            When the sums overflow (as the memory engine).
        """
        from infnet.algorithms import centrality as c

        use_data = weight is not None
        with self._timed("diffusion_centrality"):
            if q is None:
                lam = self.spectral_radius(weight)
                top = self.read_max(use_data) if use_data else 1.0
                if lam <= 1e-12 * max(1.0, top):
                    lam = self.spectral_radius(weight, sym=True)
                    _log.info("%s: the network has no cycles (lambda_1 = 0); q = 1 / %.6g, "
                              "the largest eigenvalue of (A + A^T) / 2", caller, lam)
                q = 1.0 / lam if lam > 0 else 1.0
            x = w if w is not None else self.put(np.ones(self.n))
            owned = w is None
            total: Ref | None = None
            for t in range(1, T + 1):
                (nxt, acc), finite = self.run(wk.t_diffuse, x, total if total else x, float(q),
                                              use_data, t == 1, outs=(np.float64, np.float64))
                if owned:
                    self.drop(x)
                self.drop(total)
                x, total, owned = nxt, acc, True
                if not all(finite):
                    self.drop(x, total)
                    lam = self.spectral_radius(weight)
                    bound = f"1 / lambda_1 = {1.0 / lam:.6g}" if lam > 0 else "smaller"
                    raise c._non_finite(
                        caller, t, np.inf,
                        f"q={q:.6g} is too large for T={T}: walks grow as (q lambda_1)^t; "
                        f"use q <= {bound} (q=None) or a smaller T.",
                    )
            self.drop(x)
        assert total is not None
        return total

    def burt(self, weight: str | None) -> tuple[Ref, Ref]:
        """Burt's constraint and effective size over the mutual weights.

        Parameters
        ----------
        weight : {"strength", None}
            Tie weights (None: every tie weighs 1).

        Returns
        -------
        constraint, effective_size : Ref
            The vectors (NaN for isolated actors).
        """
        self._weight(weight, allow_none=True)
        key = ("burt", weight)
        if key not in self._memo:
            directed, use_w = self.network.directed, weight is not None
            with self._timed("burt"):
                inv, _ = self.run(wk.t_mutual, directed, use_w, outs=(np.float64, np.float64))
                out, _ = self.run(wk.t_burt, directed, use_w, *inv,
                                  outs=(np.float64, np.float64))
                self.drop(*inv)
            self._memo[key] = (out[0], out[1])
        result: tuple[Ref, Ref] = self._memo[key]
        return result

    def participation(self, groups: Any, weight: str | None, direction: str) -> Ref:
        """Participation coefficient over groups (an actor column or integer codes).

        Parameters
        ----------
        groups : str or ndarray of int
            As :func:`infnet.algorithms.bridging.participation_coefficient`.
        weight : {"strength", None}
            Sum strengths, or count ties.
        direction : {"all", "out", "in"}
            Ties counted.

        Returns
        -------
        Ref
            The vector.
        """
        from infnet.algorithms import bridging

        caller = "participation_coefficient"
        check_option(direction, name="direction", caller=caller, options=("all", "out", "in"))
        self._weight(weight, allow_none=True)
        codes = bridging._group_codes(self.network, groups, caller)
        n_groups = int(codes.max()) + 2 if self.n else 1
        col = np.where(codes >= 0, codes, n_groups - 1).astype(np.int64)
        directed = self.network.directed
        use_out = not directed or direction in ("out", "all")
        use_in = directed and direction in ("in", "all")
        with self._timed("participation"):
            ref = self.put(col)
            out = self.vector(wk.t_participation, use_out, use_in, weight is not None, ref,
                              n_groups)
            self.drop(ref)
        return out

    # ........................................................ RR sets
    def rr_draw(self, cdf: Ref, last: int, code: int, t: float, q: float, n_sets: int,
                gen: np.random.Generator) -> tuple[IntArray, np.ndarray]:
        """Draw `n_sets` RR sets on the workers, in chunks with spawned streams.

        Parameters
        ----------
        cdf : Ref
            Cumulative target values (the root distribution).
        last : int
            The last target's position.
        code : int
            Cascade model code (0 strength, 1 weighted cascade, 2 constant).
        t, q : float
            Transmissibility and constant probability.
        n_sets : int
            Sets to draw.
        gen : Generator
            Randomness: one integer seeds the chunks' ``SeedSequence.spawn`` children.

        Returns
        -------
        indptr : ndarray of int64
            Set boundaries.
        members : ndarray of int32 (int64 past 2**31 actors)
            Members, root first.
        """
        seed = np.random.SeedSequence(int(gen.integers(0, 2**63)))
        sizes = [min(_CHUNK_SETS, n_sets - i) for i in range(0, n_sets, _CHUNK_SETS)]
        children = seed.spawn(len(sizes))
        with self._timed("rr_sets"):
            args = [code, float(t), float(q), cdf, last, PerBlock(sizes), PerBlock(children)]
            parts = self.submit(wk.t_rr, [(0, 0)] * len(sizes), [], args)
        counts = np.concatenate([np.diff(ip) for ip, _ in parts]) if parts else np.zeros(0)
        indptr = np.zeros(n_sets + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        idx = np.int32 if self.n < np.iinfo(np.int32).max else np.int64
        members = (np.concatenate([m for _, m in parts]).astype(idx) if parts
                   else np.zeros(0, dtype=idx))
        return indptr, members

    def _sampler(self, model: str, t: float, q: float, total: float, rng: Any) -> Any:
        from infnet.algorithms import diffusion

        sampler = diffusion.RRSampler(cast("Any", model), transmissibility=t, p=q, rng=rng)
        order = np.asarray(self.network.canonical_order(), dtype=np.int64)
        rank = np.empty(self.n, dtype=np.int64)
        rank[order] = np.arange(self.n, dtype=np.int64)
        sampler._order, sampler._rank = order, rank
        sampler.total_value_ = total
        sampler.n_actors_ = self.n
        return sampler

    def _set_sample(self, sampler: Any, indptr: IntArray, members: np.ndarray) -> None:
        from infnet.algorithms import diffusion

        sampler.rr_indptr_ = indptr
        sampler.rr_members_ = members
        sampler.cover_indptr_, sampler.cover_sets_ = diffusion._cover_index(indptr, members, self.n)

    def _rr_setup(self, w: FloatArray, model: str, transmissibility: float, p: float,
                  caller: str) -> tuple[str, float, float, int, Ref, int]:
        from infnet.algorithms import diffusion

        model, t, q = diffusion._check_model(model, transmissibility, p, caller)
        if not (w > 0).any():
            msg = f"{caller}: the target values are all 0."
            raise EmptyTargetError(msg)
        code = {"strength": 0, "weighted_cascade": 1, "constant": 2}[model]
        return model, t, q, code, self.put(np.cumsum(w)), int(np.flatnonzero(w)[-1])

    def rr_sample(self, w: FloatArray, *, model: str, transmissibility: float, p: float,
                  n_sets: int, rng: Any, caller: str) -> Any:
        """Draw RR sets on the workers (one spawned stream per chunk) and merge them.

        Parameters
        ----------
        w : ndarray
            Target values.
        model : str
            Cascade model.
        transmissibility, p : float
            Its parameters.
        n_sets : int
            Sets to draw.
        rng : int, Generator, SeedSequence or None
            Randomness.
        caller : str
            The public function named in errors.

        Returns
        -------
        RRSampler
            A fitted sampler whose sample came from the workers: ``estimate``,
            ``select`` and ``marginal_gains`` work as usual. Chunks of 4,096 sets get
            children ``SeedSequence.spawn`` of the seed in chunk order, so the sample
            depends on the seed and the store, not on the workers.
        """
        from infnet.algorithms import diffusion

        model, t, q, code, cdf, last = self._rr_setup(w, model, transmissibility, p, caller)
        n_sets = diffusion._check_size(n_sets, name="n_sets", caller=caller)
        gen = check_rng(rng)
        indptr, members = self.rr_draw(cdf, last, code, t, q, n_sets, gen)
        self.drop(cdf)
        sampler = self._sampler(model, t, q, float(w.sum()), rng)
        sampler.n_sets = n_sets
        self._set_sample(sampler, indptr, members)
        return sampler

    def imm(self, w: FloatArray, k: int, *, model: str, transmissibility: float, p: float,
            epsilon: float, candidates: BoolArray, rng: Any, caller: str,
            ell: float = 1.0, max_sets: int = 2_000_000) -> Any:
        """IMM (:func:`infnet.algorithms.diffusion.imm`) with the RR sets drawn on the workers.

        The same sample sizes (lambda', lambda*, the proven floors on OPT_k, the fresh
        final sample), with every draw distributed; the greedy maximum coverage runs
        in the client on the merged sets (the coverage index of all sets).

        Parameters
        ----------
        w : ndarray
            Target values.
        k : int
            Set size.
        model : str
            Cascade model.
        transmissibility, p : float
            Its parameters.
        epsilon : float
            Approximation slack in (0, 1).
        candidates : ndarray of bool
            Actors allowed in the set.
        rng : int, Generator, SeedSequence or None
            Randomness.
        caller : str
            The public function named in errors.
        ell : float, default=1.0
            Confidence exponent.
        max_sets : int, default=2_000_000
            Cap on the sample size.

        Returns
        -------
        IMMResult
            As :func:`infnet.algorithms.diffusion.imm`.

        Warns
        -----
        ApproximationWarning
            As :func:`infnet.algorithms.diffusion.imm`.
        """
        from infnet.algorithms import diffusion
        from infnet.exceptions import ApproximationWarning

        model, t, q, code, cdf, last = self._rr_setup(w, model, transmissibility, p, caller)
        n = self.n
        k = check_int(k, name="k", caller=caller, low=1)
        eps = check_float(epsilon, name="epsilon", caller=caller, low=0.0, high=1.0,
                          closed="neither")
        max_sets = diffusion._check_size(max_sets, name="max_sets", caller=caller)
        allowed = np.asarray(candidates, dtype=bool)
        n_cand = int(allowed.sum())
        if n_cand == 0:
            msg = f"`candidates` of {caller} allows no actor."
            raise InvalidParameterError(msg)
        search_rng, final_rng = check_rng(rng).spawn(2)
        big_w = float(w.sum())
        n_eff = max(n, 2)
        log_n = math.log(n_eff)
        ell = ell + math.log(2) / log_n
        log_cnk = diffusion._log_binom(n_cand, k)
        # the proven floors on OPT_k (as imm): k candidate targets, or one candidate and
        # its out-neighbours reached with at least their tie's probability
        wref, aref = self.put(w), self.put(allowed)
        indeg = self.degree("in", None) if code == 1 else wref
        one = max(self.reduce(wk.t_prob_dot, indeg, wref, aref, code, t, q))
        self.drop(aref, *((indeg,) if code == 1 else ()))
        cand_w = np.sort(w[allowed])[::-1][:k]
        floor = max(float(cand_w.sum()), float(one))
        floor_proven = floor > 0
        if not floor_proven:
            floor = big_w / n_eff
        n_rounds = max(0, math.ceil(math.log2(big_w / floor)) - 1)
        eps_p = math.sqrt(2.0) * eps
        log_rounds = math.log(max(math.log2(big_w / floor), 1.0))
        lam_p = (2 + 2 * eps_p / 3) * (log_cnk + ell * log_n + log_rounds) * big_w / eps_p**2
        capped = False
        sampler = self._sampler(model, t, q, big_w, rng)
        lower = None
        indptr = np.zeros(1, dtype=np.int64)
        members: np.ndarray = np.zeros(0, dtype=np.int32)
        for i in range(1, n_rounds + 1):
            x = big_w / 2.0**i
            theta_i = math.ceil(lam_p / x)
            if theta_i > max_sets:
                theta_i, capped = max_sets, True
            have = indptr.size - 1
            if theta_i > have:
                more_ptr, more = self.rr_draw(cdf, last, code, t, q, theta_i - have, search_rng)
                indptr = np.concatenate([indptr[:-1], more_ptr + indptr[-1]])
                members = np.concatenate([members, more])
            self._set_sample(sampler, indptr, members)
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
                    f"{caller}: no candidate is a target and the search found no lower bound "
                    f"on the optimum; the sample assumes OPT >= W / n = {floor:.4g}, so the "
                    "(1 - 1/e - epsilon) guarantee holds only if that is true.",
                    ApproximationWarning, stacklevel=3,
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
                ApproximationWarning, stacklevel=3,
            )
        indptr, members = self.rr_draw(cdf, last, code, t, q, theta, final_rng)
        self.drop(cdf, wref)
        self._set_sample(sampler, indptr, members)
        sampler.n_sets = theta
        selected, gains = sampler.select(k, candidates=allowed)
        return diffusion.IMMResult(selected=selected, gains=gains, theta=theta,
                                   lower_bound=float(lower), sampler=sampler)

    # ........................................................ kernel statistics
    def column_spec(self, x: Ref, higher: bool, method: str, ref: Ref | None) -> dict[str, Any]:
        """Global scale of one feature column over the reference actors.

        Parameters
        ----------
        x : Ref
            The feature.
        higher : bool
            Higher is better.
        method : str
            The normalisation (:data:`infnet.kernel.NORMALIZATIONS`).
        ref : Ref or None
            The reference actors (None: all).

        Returns
        -------
        dict
            What :func:`infnet.engines._scoring.block_z` needs; for ``"rank"`` the
            sorted reference values in a shared file (a distributed sample sort).
        """
        spec = merge_stats(self.reduce(wk.t_stats, x, higher, method, ref, None), method)
        spec["higher"] = bool(higher)
        if spec["constant"]:
            return spec
        if method == "rank":
            self._sorted_reference(spec, x, higher, method, ref)
        elif method == "zscore" and spec["spread"]:
            e, n_fin = int(spec["e"]), int(spec["n_fin"])
            mean = sum(p["sum"] for p in self.reduce(wk.t_stats, x, higher, method, ref,
                                                     (e, None))) / n_fin
            sq = sum(p["sum"] for p in self.reduce(wk.t_stats, x, higher, method, ref,
                                                   (e, mean)))
            spec.update(mean=float(mean), sd=float(np.sqrt(sq / n_fin)))
        return spec

    def _sorted_reference(self, spec: dict[str, Any], x: Ref, higher: bool, method: str,
                          ref: Ref | None) -> None:
        runs = [os.path.join(self.scratch, f"run{next(self._count)}.npy") for _ in self.blocks]
        parts = self.reduce(wk.t_run, x, higher, method, ref, float(spec["scale"]),
                            PerBlock(runs))
        total = sum(int(p["n"]) for p in parts)
        samples = np.sort(np.concatenate([p["samples"] for p in parts]))
        n_buckets = max(1, min(len(self.blocks), samples.size))
        pick = (np.arange(1, n_buckets) * samples.size) // n_buckets
        splitters = np.unique(samples[pick])
        bounds = np.zeros((len(runs), splitters.size + 2), dtype=np.int64)
        for i, run in enumerate(runs):
            r = np.load(run, mmap_mode="r", allow_pickle=False)
            bounds[i, 1:-1] = np.searchsorted(r, splitters, side="left")
            bounds[i, -1] = int(parts[i]["n"])
        sizes = (bounds[:, 1:] - bounds[:, :-1]).sum(axis=0)
        offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        out = self.new(np.float64, (total,))
        buckets = [(j, j + 1) for j in range(sizes.size)]
        args = [runs, PerBlock([bounds[:, j:j + 2] for j in range(sizes.size)]),
                PerBlock([int(o) for o in offsets]), out.path]
        self.submit(wk.t_bucket, buckets, [], args)
        for run in runs:
            with contextlib.suppress(OSError):
                os.remove(run)
        sb = self.view(out)
        spec.update(sorted=out.path, size=total, constant=bool(sb[0] == sb[-1]))

    def candidates(self, columns: Sequence[Ref], specs: Sequence[Mapping[str, Any]],
                   weights: Sequence[float], extra: Sequence[Ref], eligible: Ref,
                   in_scope: Ref, id_rank: Ref, m: int, m_excluded: int | None,
                   rows: IntArray | None = None) -> list[dict[str, Any]]:
        """Score every block and return each block's best candidates.

        Parameters
        ----------
        columns : sequence of Ref
            The weighted features.
        specs : sequence of dict
            Their column specs (:meth:`column_spec`).
        weights : sequence of float
            Their weights.
        extra : sequence of Ref
            Columns shown but not weighted.
        eligible, in_scope : Ref
            Boolean masks: who may be picked, who may be shown as excluded.
        id_rank : Ref
            Rank of each actor's id (the tie-break of the stable order).
        m : int
            Eligible candidates per block.
        m_excluded : int or None
            Excluded in-scope candidates per block (None: all, 0: none).
        rows : ndarray of int64, optional
            Positions to return whatever their score (the complementary picks).

        Returns
        -------
        list of dict
            One per block.
        """
        with self._timed("score"):
            return self.reduce(wk.t_score, list(columns), list(specs), list(weights),
                               list(extra), eligible, in_scope, id_rank, m, m_excluded, rows)

    # ........................................................ measures by name
    def measure(self, name: str, w: FloatArray | None, wref: Ref | None,
                options: Mapping[str, Any], caller: str,
                rng: np.random.Generator | None = None, auto_estimate: bool = False) -> Ref:
        """Compute one supported registered measure into a shared vector.

        Parameters
        ----------
        name : str
            A name in :data:`SUPPORTED_MEASURES`.
        w : ndarray or None
            Target values.
        wref : Ref or None
            The same in a shared file.
        options : mapping
            The measure's parameters.
        caller : str
            The public function named in errors.
        rng : Generator, optional
            Randomness (k-hop sketches).
        auto_estimate : bool, default=False
            Switch to sketches where the memory engine's scoring stage does (3 hops,
            more than 2,000,000 stored ties), noted.

        Returns
        -------
        Ref
            The values.
        """
        from infnet.algorithms import centrality as c
        from infnet.algorithms.reach import _check_w

        net = self.network

        def target(param: str = "w") -> tuple[FloatArray, Ref]:
            values = options.get(param, w)
            if values is None:
                msg = f"Measure {name!r} of {caller} needs a target audience; pass target=..."
                raise InvalidParameterError(msg)
            checked = _check_w(net, values, caller)
            if param in options or wref is None:
                return checked, self.put(checked)
            return checked, wref

        if "n_jobs" in options:  # the workers are the parallelism; results never depend on it
            check_n_jobs(options["n_jobs"], caller=caller)
        if name in ("degree", "in_degree", "out_degree", "in_strength", "out_strength"):
            direction = {"degree": "all", "in_degree": "in", "out_degree": "out",
                         "in_strength": "in", "out_strength": "out"}[name]
            weight = "strength" if name.endswith("strength") else options.get("weight")
            return self.degree(direction, weight)
        if name in ("direct_reach", "target_share", "strong_reach"):
            self._weight(options.get("weight", "strength"), allow_none=False)
            fn = {"direct_reach": self.direct_reach, "target_share": self.target_share,
                  "strong_reach": self.strong_reach}[name]
            ref = fn(target()[1])
            if name == "target_share":  # as the registry entry: no out-ties gives share 0
                share = np.nan_to_num(self.read(ref), nan=0.0)
                self.drop(ref)
                return self.put(share)
            return ref
        if name == "khop_reach":
            return self._khop(target(), options, caller, rng, auto_estimate)
        if name == "warm_path":  # the feature: the best path from *another* employee
            max_ties = check_int(options.get("max_ties", 3), name="max_ties",
                                 caller="colleague_warmth", low=1)
            internal = np.asarray(net.attribute("kind") == "internal", dtype=bool)
            return self.colleague_warmth(internal, max_ties)
        if name == "core_number":
            return self.core_number()
        if name in ("diffusion_centrality", "targeted_diffusion_centrality"):
            weight = options.get("weight", "strength")
            self._weight(weight, allow_none=True)
            periods = check_int(options.get("T", 3), name="T", caller=caller, low=1,
                                high=c.MAX_DIFFUSION_PERIODS)
            q = options.get("q")
            if q is not None:
                q = check_float(q, name="q", caller=caller, low=0.0, closed="neither")
                if q > MAX_VALUE:
                    msg = f"`q` of {caller} must be at most {MAX_VALUE:g}; got {q!r}."
                    raise InvalidParameterError(msg)
            wr = target()[1] if name.startswith("targeted") else None
            return self.diffusion(wr, q=q, T=periods, weight=weight, caller=caller)
        if name in ("constraint", "effective_size"):
            weight = options.get("weight", "strength" if name == "constraint" else None)
            con, esize = self.burt(weight)
            return con if name == "constraint" else esize
        if name == "participation_coefficient":
            groups = options.get("groups")
            if groups is None:
                if not net.has_attribute("segment"):
                    raise _unsupported("grouping", [_NO_SEGMENT], caller)  # noqa: EM101
                groups = "segment"
            return self.participation(groups, options.get("weight"),
                                      options.get("direction", "all"))
        damping = check_float(options.get("damping", 0.85), name="damping", caller=caller,
                              low=0.0, high=1.0, closed="left")
        max_iter, tol, _ = c._check_solver(options.get("max_iter", 1000),
                                           options.get("tol", 1e-6), False, caller)
        self._weight(options.get("weight", "strength"), allow_none=False)
        if name == "pagerank":
            return self.walk(reverse=False, personalization=None, damping=damping,
                             max_iter=max_iter, tol=tol, caller=caller)
        if name == "personalized_pagerank":
            seeds = c._restart_weights(target("seeds")[0], name="seeds", caller=caller,
                                       network=net, empty=EmptyTargetError)
            return self.walk(reverse=False, personalization=seeds, damping=damping,
                             max_iter=max_iter, tol=tol, caller=caller)
        if name == "target_pagerank":
            seeds = c._restart_weights(target()[0], name="seeds", caller=caller, network=net,
                                       empty=EmptyTargetError)
            return self.walk(reverse=True, personalization=seeds, damping=damping,
                             max_iter=max_iter, tol=tol, caller=caller)
        raise _unsupported("measure", [name], caller)  # pragma: no cover - checked before  # noqa: EM101

    def _khop(self, tw: tuple[FloatArray, Ref], options: Mapping[str, Any], caller: str,
              rng: np.random.Generator | None, auto_estimate: bool) -> Ref:
        from infnet.registry import LARGE_NETWORK_ENTRIES

        values, ref = tw
        method = options.get("method", "exact")
        check_option(method, name="method", caller=caller, options=("exact", "sketch", "auto"))
        high = 16 if method == "sketch" else 3
        hops = check_int(options.get("hops", 2), name="hops", caller=caller, low=1, high=high)
        precision = check_int(options.get("precision", 10), name="precision", caller=caller,
                              low=4, high=16)
        if method == "auto" or (auto_estimate and "method" not in options):
            method = "exact"
            if hops >= 3 and int(self.network.strength.nnz) > LARGE_NETWORK_ENTRIES:
                method = "sketch"
                self.notes.append(
                    f"khop_reach: {hops}-hop reach estimated from distance sketches "
                    f"(more than {LARGE_NETWORK_ENTRIES:,} stored ties)"
                )
        if method == "sketch":
            return self.khop_sketch(ref, values, hops, precision, check_rng(rng))
        return self.khop_reach(ref, hops)


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
        Randomness of k-hop sketches (each measure gets its own spawned stream, as in
        the memory engine); the other supported measures are exact.
    client : distributed.Client, optional
        See :func:`get_client`.
    **params
        ``damping``, ``max_iter``, ``tol``, ``hops``, ``method``, ``precision``,
        ``w``, ``seeds``, ``weight`` (``"strength"`` or None), ``max_ties``, ``groups``,
        ``direction``, ``n_jobs`` (validated; the workers are the parallelism).

    Returns
    -------
    DataFrame
        As :func:`infnet.measures`: equal to 1e-9 (the same stopping rule for PageRank;
        warm paths and Burt's measures repeat the in-memory arithmetic).

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
    for m in entries:
        lacking = [c for c in m.requires if not network.has_attribute(c)]
        if lacking:
            msg = (
                f"Measure {m.name!r} of {caller} needs the actor column {lacking[0]!r}, which "
                f"the network lacks. Actor columns: {list(network.actor_columns)!r}."
            )
            raise MissingColumnError(msg)
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
    streams = check_rng(rng).spawn(len(entries))
    columns: dict[str, np.ndarray] = {}
    with DaskEngine(network, client=client, caller=caller) as eng:
        wref = None if w is None else eng.put(w)
        for m, stream in zip(entries, streams, strict=True):
            values = eng.read(eng.measure(m.name, w, wref, params, caller, rng=stream))
            columns[m.name] = _as_count(values) if m.name in COUNT_MEASURES else values
    return pd.DataFrame(columns, index=network.actor_ids.copy())


def _feature(eng: DaskEngine, network: Network, name: str, w: FloatArray, wref: Ref,
             share: Ref, hops: int, rng: np.random.Generator, caller: str) -> Ref:
    from infnet.registry import column_values

    if name == "target_share":
        return eng.put(np.nan_to_num(eng.read(share), nan=0.0))
    if name in SUPPORTED_MEASURES:
        return eng.measure(name, w, wref, {"hops": hops}, caller, rng=rng, auto_estimate=True)
    if name == "is_customer":
        col = pd.Series(network.attribute("is_customer"))
        return eng.put(col.fillna(False).astype(bool).to_numpy(dtype=np.float64))
    return eng.put(column_values(network, name))  # vetting shares, numeric actor columns


def _merge(parts: Sequence[Mapping[str, Any]], key: str) -> tuple[dict[str, np.ndarray], int]:
    """Merge the blocks' candidates in stable order; return them and the exact prefix.

    Every actor better than the worst candidate of a truncated block was returned by
    its block, so the first ``exact`` merged candidates are the global order's first.
    """
    got = [p[key] for p in parts]
    merged = {f: np.concatenate([g[f] for g in got]) for f in ("pos", "score", "id_rank")}
    merged["contrib"] = np.concatenate([g["contrib"] for g in got])
    merged["raw"] = np.concatenate([g["raw"] for g in got])
    order = np.lexsort((merged["id_rank"], -merged["score"]))
    merged = {f: v[order] for f, v in merged.items()}
    cut = [(g["score"][-1], g["id_rank"][-1]) for g in got if not g["complete"] and g["pos"].size]
    if not cut:
        return merged, int(merged["pos"].size)
    s, r = min(cut, key=lambda c: (-c[0], c[1]))
    better = (merged["score"] > s) | ((merged["score"] == s) & (merged["id_rank"] <= r))
    return merged, int(better.sum())


def _consumed(order: IntArray, picks: IntArray, wanted: int) -> int:
    """How many entries of `order` a walk wanting `wanted` picks read (more than all: short)."""
    if wanted <= 0:
        return 0
    if picks.size < wanted:
        return int(order.size) + 1
    return int(np.flatnonzero(order == picks[-1])[0]) + 1


def rank_influentials(network: Network, target: Any, *, client: Any = None,
                      **options: Any) -> pd.DataFrame:
    """:func:`infnet.rank_influentials` on the Dask engine (same keywords, same frame).

    The features, their normalisation statistics, the scores and each block's best
    candidates are computed on the workers over the store's row blocks; the client
    merges the candidates (the score vector is never gathered), walks them under the
    constraints, and draws the RR sets for the marginal gains or the complementary set
    (IMM) on the workers, greedy in the client. The eligibility rules and the shortlist
    frame run in the client on the actors frame and the shown rows.

    Parameters
    ----------
    network : Network
        The network (best opened from a store).
    target : Target, dict or str
        The target audience.
    client : distributed.Client, optional
        See :func:`get_client`.
    **options
        The keywords of :func:`infnet.rank_influentials`.

    Returns
    -------
    DataFrame
        The shortlist frame. Exact features equal the in-memory engine's to 1e-9, so the
        scores and picks agree; ``marginal_gain`` and ``attrs["expected_reach"]`` (and
        the complementary set) come from another RR sample and agree within their
        standard error. ``attrs["engine"]`` is ``"dask"``; ``attrs["notes"]`` says what
        the engine did.

    Raises
    ------
    EngineNotSupportedError
        For features outside :data:`SUPPORTED_FEATURES` (all named; for example the
        ``social`` preset's ``betweenness_centrality``).

    Warns
    -----
    InfnetWarning
        When fewer than `k` actors could be picked, or a preset feature is dropped.

    Examples
    --------
    >>> callable(rank_influentials)
    True
    """
    from infnet import ranking
    from infnet._progress import stage
    from infnet.features import resolve_feature
    from infnet.kernel import NORMALIZATIONS
    from infnet.options import MAX_K, Cascade, Constraints, MicroBand
    from infnet.presentation import run_attrs, shortlist_frame
    from infnet.registry import new_context
    from infnet.scoring import Scores, resolve_weights
    from infnet.selection import (
        Limits,
        Selection,
        Vetting,
        apply_rules,
        band_rules,
        complementary_set,
        excluded_to_show,
        id_rank,
        prefix_gains,
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
    if "participation_coefficient" in chosen and not network.has_attribute("segment"):
        raise _unsupported("grouping", [_NO_SEGMENT], caller)  # noqa: EM101

    with DaskEngine(network, client=client, caller=caller) as eng:
        with stage(f"{caller}: target"):
            w = tgt.weights(network)
            wref = eng.put(w)
        context = new_context(w=w, rng=feature_rng, options={"hops": hops}, auto_estimate=True)
        share_ref = eng.target_share(wref)
        share = eng.read(share_ref)
        context._memo["target_share"] = share  # the presentation reads it from the memo
        with stage(f"{caller}: eligibility rules"):
            elig = apply_rules(
                network, [*band_rules(band_), *vetting.rules()], kind=kind,
                band_scope=band_.scope if band_ else "external", target_share=share,
                caller=caller,
            )
        if network.has_attribute("kind"):  # the presentation's warm paths, on the workers
            internal = np.asarray(network.attribute("kind") == "internal", dtype=bool)
            context._memo["warm_paths"] = eng.warm_paths(internal, 3)
        # the shortlist shows direct and k-hop reach: compute them as extra columns, so
        # the presentation never recomputes them in this process
        extra = [n for n in ("direct_reach", "khop_reach") if n not in chosen]
        with stage(f"{caller}: score on the Dask engine"):
            refs = {name: _feature(eng, network, name, w, wref, share_ref, hops, feature_rng,
                                   caller) for name in [*chosen, *extra]}
            mask = eng.put(elig.eligible) if elig.eligible.any() else None
            specs = [eng.column_spec(refs[f.name], f.higher_is_better, normalization, mask)
                     for f in feats]
            for j, spec in enumerate(specs):
                if spec["constant"]:
                    context.note(f"feature {feats[j].name!r} is constant over the reference "
                                 "actors and adds 0")
            weights = [chosen[f.name] for f in feats]
            vectors = ([refs[f.name] for f in feats], specs, weights, [refs[n] for n in extra],
                       eng.put(elig.eligible), eng.put(elig.in_scope),
                       eng.put(id_rank(network)))
            m_excluded = {"none": 0, "top": k, "all": None}[show_excluded]
        for note in eng.notes:
            context.note(note)
        limits = Limits.bind(limits_, network, caller=caller)
        what = "complementary set over RR sets" if method == "complementary" else (
            "top-k and marginal gains over RR sets")
        with stage(f"{caller}: select ({what}, candidates merged from the blocks)"):
            if method == "complementary":
                result = eng.imm(w, k, model=cascade_.model,
                                 transmissibility=cascade_.transmissibility, p=cascade_.p,
                                 epsilon=cascade_.epsilon, candidates=elig.eligible,
                                 rng=sampler_rng, caller=caller)
                sampler, n_sets = result.sampler, int(result.theta)
                first, first_gains = complementary_set(sampler, k, elig.eligible, limits,
                                                       np.empty(0, dtype=np.int64), fill=False)
            else:
                sampler = eng.rr_sample(w, model=cascade_.model,
                                        transmissibility=cascade_.transmissibility,
                                        p=cascade_.p, n_sets=cascade_.n_sets, rng=sampler_rng,
                                        caller=caller)
                n_sets = cascade_.n_sets
                first = np.empty(0, dtype=np.int64)
                first_gains = np.empty(0)
            m = k
            while True:
                parts = eng.candidates(*vectors, m, m_excluded,
                                       first if first.size else None)
                cand, exact = _merge(parts, "eligible")
                order = cand["pos"]
                if method == "complementary":
                    wanted = k - first.size if limits.budget is None else 0
                    rest = order[~np.isin(order, first)]
                    more = (limits.walk(rest, k, picked=first.tolist()) if wanted > 0
                            else np.empty(0, dtype=np.int64))
                    picked = np.concatenate([first, more]).astype(np.int64)
                    need = _consumed(order, more, wanted)
                else:
                    picked = top_k(order, elig.eligible, k, limits=limits)
                    need = _consumed(order, picked, k)
                if need <= exact or all(p["eligible"]["complete"] for p in parts):
                    break
                m *= 4
            if method == "complementary":
                gains = np.concatenate([first_gains, np.zeros(picked.size - first.size)])
            else:
                gains = prefix_gains(sampler, picked)
            if picked.size < k:
                warnings.warn(
                    f"{caller} could shortlist only {picked.size} actors for k={k} "
                    "(eligibility, quotas or budget); see df.attrs['exclusions'] for why "
                    "others were excluded.", InfnetWarning, stacklevel=2,
                )
            reach_value = float(sampler.estimate(picked)) if picked.size else 0.0
            # the shown rows: candidates (eligible, excluded to show, the picks)
            n, f_all = network.n_actors, len(feats) + len(extra)
            values = np.zeros(n)
            contrib = np.zeros((n, f_all))
            raw = np.zeros((n, f_all))
            keys = ["eligible", *(["excluded"] if m_excluded != 0 else []),
                    *(["rows"] if first.size else [])]
            for key in keys:
                got = _merge(parts, key)[0]
                values[got["pos"]] = got["score"]
                contrib[got["pos"], :len(feats)] = got["contrib"]
                raw[got["pos"]] = got["raw"]
            excl_order = _merge(parts, "excluded")[0]["pos"] if m_excluded != 0 else (
                np.empty(0, dtype=np.int64))
            excluded = excluded_to_show(excl_order, values, elig, picked, k, show_excluded)
            selection = Selection(picked, gains, excluded, elig, method, reach_value, n_sets)
        m_feat = len(feats)
        scores = Scores(values=values, contributions=contrib[:, :m_feat], raw=raw[:, :m_feat],
                        features=tuple(feats), weights=chosen, strategy=strategy_name,
                        dropped=dropped, notes=tuple(context.notes), context=context)
        shown = scores
        if extra:
            extra_feats = tuple(resolve_feature(name, network, caller=caller) for name in extra)
            shown = Scores(values=values, contributions=contrib, raw=raw,
                           features=(*scores.features, *extra_feats), weights=chosen,
                           strategy=strategy_name, dropped=dropped, notes=scores.notes,
                           context=context)
        with stage(f"{caller}: present"):
            df = shortlist_frame(network, shown, selection, hops=hops)
        df = df.drop(columns=[f"contribution_{name}" for name in extra])
        parameters = {
            "k": k, "kind": kind, "strategy": strategy_name, "method": method,
            "band": None if band_ is None else band_.to_dict(), "exclude": vetting.to_dict(),
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
        df.attrs["engine_blocks"] = len(eng.blocks)
        df.attrs["notes"] = list(context.notes)
    return df
