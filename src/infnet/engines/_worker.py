"""Worker side of the Dask engine: block tasks over a store and shared vector files.

A task runs on one block of consecutive actor rows ``lo .. hi - 1``. It maps the
read-only store once per worker process (``infnet.store.store_arrays``) and the per-actor
vectors it reads from **shared vector files** (``.npy`` files in the engine's scratch
directory, named by a :class:`Ref`), writes its rows of each output vector into the
output files, and returns only a small summary (partial sums, counts, candidates).
So an iterate never travels through the scheduler or the client: each worker reads it
from the file system (the page cache of its machine), and the client only sees
scalars. :func:`run_block` is the one entry point the client submits.

Examples
--------
>>> from infnet.engines._worker import Ref
>>> Ref("/tmp/x.npy", row=2)
Ref('/tmp/x.npy', row=2)
"""

from __future__ import annotations

import contextlib
import mmap
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from infnet.store import store_arrays

__all__ = ["Ref", "release_pages", "run_block"]

_STORES: dict[str, dict[str, np.ndarray]] = {}
_MAPS: dict[str, list[Any]] = {}


class Ref:
    """A per-actor vector (or one row of a matrix) in a shared ``.npy`` file.

    Parameters
    ----------
    path : str
        The file.
    row : int, optional
        For a 2-D file, the row read or written.

    Examples
    --------
    >>> Ref("/shared/v1.npy").path
    '/shared/v1.npy'
    """

    __slots__ = ("path", "row")

    def __init__(self, path: str, row: int | None = None) -> None:
        self.path = path
        self.row = row

    def __repr__(self) -> str:
        return f"Ref({self.path!r}" + ("" if self.row is None else f", row={self.row}") + ")"

    def __getstate__(self) -> tuple[str, int | None]:
        return self.path, self.row

    def __setstate__(self, state: tuple[str, int | None]) -> None:
        self.path, self.row = state

    def load(self) -> np.ndarray:
        """Map the vector read-only.

        Returns
        -------
        ndarray
            A view of the mapped file (its row, for a 2-D file).
        """
        arr = np.load(self.path, mmap_mode="r", allow_pickle=False)
        return np.asarray(arr if self.row is None else arr[self.row])


def _arrays(path: str) -> dict[str, np.ndarray]:
    """Return the store's arrays in this worker process, memory-mapped once."""
    if path not in _STORES:
        maps = store_arrays(path)
        _MAPS[path] = [getattr(v, "_mmap", None) for v in maps.values()]
        _STORES[path] = {k: np.asarray(v) for k, v in maps.items()}
    return _STORES[path]


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
    advice = getattr(mmap, "MADV_DONTNEED", None)
    for m in _MAPS.get(path, []):
        if m is not None and advice is not None:
            with contextlib.suppress(OSError, ValueError):
                m.madvise(advice)


def _write(ref: Ref, lo: int, hi: int, block: np.ndarray) -> None:
    out = np.load(ref.path, mmap_mode="r+", allow_pickle=False)
    try:
        if ref.row is None:
            out[lo:hi] = block
        else:
            out[ref.row, lo:hi] = block
        out.flush()
    finally:
        del out


def _resolve(a: Any) -> Any:
    if isinstance(a, Ref):
        return a.load()
    if isinstance(a, list) and any(isinstance(x, Ref) for x in a):
        return [_resolve(x) for x in a]
    return a


def run_block(task: Callable[..., tuple[Sequence[np.ndarray], Any]], path: str, lo: int, hi: int,
              outs: Sequence[Ref], *args: Any) -> Any:
    """Run ``task(arrays, lo, hi, *args)`` on one block; write its vectors; return its summary.

    Parameters
    ----------
    task : callable
        A block task of this module: returns the rows ``lo .. hi - 1`` of each output
        vector and a small summary.
    path : str
        The store directory.
    lo, hi : int
        The block's rows.
    outs : sequence of Ref
        One output file per vector the task returns.
    *args
        The task's arguments; every :class:`Ref` (also inside a list) is mapped
        read-only first.

    Returns
    -------
    object
        The task's summary.
    """
    try:
        resolved = [_resolve(a) for a in args]
        blocks, summary = task(_arrays(path), lo, hi, *resolved)
        for ref, block in zip(outs, blocks, strict=True):
            _write(ref, lo, hi, block)
        return summary
    finally:
        release_pages(path)


def _csr(a: Mapping[str, np.ndarray], side: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    pre = "in_" if side == "in" and "in_indptr" in a else ""
    return a[pre + "indptr"], a[pre + "indices"], a[pre + "data"]


def _both(a: Mapping[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray,
                                                np.ndarray, np.ndarray]:
    ip, ix, d = _csr(a, "out")
    jp, jx, jd = _csr(a, "in")
    return ip, ix, d, jp, jx, jd


# ------------------------------------------------------------------ tasks
# Each task: (arrays, lo, hi, *args) -> (output blocks, summary).
def t_dot(a: Mapping[str, np.ndarray], lo: int, hi: int, side: str, x: np.ndarray | None,
          use_data: bool) -> tuple[list[np.ndarray], None]:
    """Rows of ``M @ x`` (``x`` None: row sums) on the out- or in-side."""
    from infnet.engines._kernels import row_dot

    ip, ix, d = _csr(a, side)
    vec = np.ones(ip.size - 1) if x is None else x
    return [row_dot(ip, ix, d, vec, lo, hi, use_data)], None


def t_dot_within(a: Mapping[str, np.ndarray], lo: int, hi: int, x: np.ndarray,
                 labels: np.ndarray, use_data: bool) -> tuple[list[np.ndarray], int]:
    """Rows of the out-product over ties within a label (component); entries used."""
    from infnet.engines._kernels import row_dot_within

    out, used = row_dot_within(*_csr(a, "out"), x, labels, lo, hi, use_data)
    return [out], int(used)


def t_degree(a: Mapping[str, np.ndarray], lo: int, hi: int, direction: str, use_data: bool,
             directed: bool) -> tuple[list[np.ndarray], None]:
    """Degree or strength of the rows (out, in, or both summed)."""
    from infnet.engines._kernels import row_dot

    ones = np.ones(a["indptr"].size - 1)
    out = None
    if direction in ("out", "all") or not directed:
        out = row_dot(*_csr(a, "out"), ones, lo, hi, use_data)
        if not directed or direction == "out":
            return [out], None
    inn = row_dot(*_csr(a, "in"), ones, lo, hi, use_data)
    return [inn if out is None else out + inn], None


def t_share(a: Mapping[str, np.ndarray], lo: int, hi: int,
            w: np.ndarray) -> tuple[list[np.ndarray], None]:
    """Target share of the rows (NaN without out-ties), as ``reach.target_share``."""
    from infnet.engines._kernels import row_dot

    ip, ix, d = _csr(a, "out")
    num = row_dot(ip, ix, d, (w > 0).astype(np.float64), lo, hi, True)
    den = row_dot(ip, ix, d, np.ones(ip.size - 1), lo, hi, True)
    out = np.full(hi - lo, np.nan)
    has = den > 0
    out[has] = num[has] / den[has]
    return [out], None


def t_strong(a: Mapping[str, np.ndarray], lo: int, hi: int, x: np.ndarray,
             thr: float) -> tuple[list[np.ndarray], None]:
    """Strong reach of the rows."""
    from infnet.engines._kernels import strong_dot

    return [strong_dot(*_csr(a, "out"), x, thr, lo, hi)], None


def t_khop(a: Mapping[str, np.ndarray], lo: int, hi: int, w: np.ndarray,
           hops: int) -> tuple[list[np.ndarray], None]:
    """Exact k-hop reach of the rows."""
    from infnet.engines._kernels import khop_block

    ip, ix, _ = _csr(a, "out")
    return [khop_block(ip, ix, w, hops, lo, hi)], None


def t_sketch_bound(a: Mapping[str, np.ndarray], lo: int, hi: int, w: np.ndarray,
                   prev_len: np.ndarray, k: int) -> tuple[list[np.ndarray], int]:
    """Upper bound on each row's next sketch length (as ``reach._khop_sketch``)."""
    from infnet.engines._kernels import row_dot

    ip, ix, d = _csr(a, "out")
    reached = row_dot(ip, ix, d, prev_len.astype(np.float64), lo, hi, False)
    bound = np.minimum(k, (w[lo:hi] > 0) + reached).astype(np.int64)
    return [bound], int(bound.sum())


def t_offsets(a: Mapping[str, np.ndarray], lo: int, hi: int, bound: np.ndarray,
              start: int) -> tuple[list[np.ndarray], None]:
    """Global offsets of the rows' sketches: ``start`` plus the exclusive prefix sum."""
    out = np.empty(hi - lo, dtype=np.int64)
    b = np.asarray(bound[lo:hi], dtype=np.int64)
    out[0:1] = start
    if b.size > 1:
        np.cumsum(b[:-1], out=out[1:])
        out[1:] += start
    return [out], None


def t_sketch_level(a: Mapping[str, np.ndarray], lo: int, hi: int, prev_start: np.ndarray,
                   prev_len: np.ndarray, prev_r: np.ndarray, prev_i: np.ndarray, rank: np.ndarray,
                   w: np.ndarray, k: int, final: bool, out: Sequence[str] | None,
                   ) -> tuple[list[np.ndarray], None]:
    """One hop of bottom-k sketches for the rows (``reach._sketch_level_kernel``).

    Not final: writes the rows' sketches into the shared level files ``out`` (start,
    length, ranks, ids) at their global offsets and returns no block. Final: returns the
    rows' estimates.
    """
    from infnet.algorithms.reach import _sketch_level_kernel

    ip, ix, _ = _csr(a, "out")
    idx = prev_i.dtype
    bufs = (np.empty(k), np.empty(k, dtype=idx), np.empty(k), np.empty(k, dtype=idx))
    n = ip.size - 1
    if final:
        estimate = np.zeros(n)
        _sketch_level_kernel(ip, ix, prev_start, prev_len, prev_r, prev_i, rank, w, k, True,
                             lo, hi, np.zeros(1, dtype=np.int64), np.zeros(1, dtype=np.int64),
                             np.empty(0), np.empty(0, dtype=idx), estimate, *bufs)
        return [estimate[lo:hi]], None
    assert out is not None
    start = np.asarray(np.load(out[0], mmap_mode="r", allow_pickle=False))
    maps = [np.load(p, mmap_mode="r+", allow_pickle=False) for p in out[1:]]
    try:
        length, r_out, i_out = (np.asarray(m) for m in maps)
        _sketch_level_kernel(ip, ix, prev_start, prev_len, prev_r, prev_i, rank, w, k, False,
                             lo, hi, start, length, r_out, i_out, np.zeros(1), *bufs)
        for m in maps:
            m.flush()
    finally:
        del maps
    return [], None


def _finished(y: np.ndarray, lo: int, hi: int, dmass: float, identity: bool,
              p: np.ndarray | None, n: int, damping: float) -> np.ndarray:
    """Rows of a finished PageRank iterate, element by element as the in-memory solver.

    ``x = y; x += D * dw; x *= damping; x += (1 - damping) * p`` with ``dw = p``.
    """
    x = np.array(y[lo:hi], dtype=np.float64)
    if identity:
        return x
    pr = np.full(hi - lo, 1.0 / n) if p is None else np.asarray(p[lo:hi])
    x += dmass * pr
    x *= damping
    x += (1.0 - damping) * pr
    return x


def t_walk_lazy(a: Mapping[str, np.ndarray], lo: int, hi: int, side: str, norm: np.ndarray,
                y1: np.ndarray, d1: float, id1: bool, y2: np.ndarray | None, d2: float,
                id2: bool, p: np.ndarray | None, n: int, damping: float
                ) -> tuple[list[np.ndarray], tuple[float | None, float]]:
    """One PageRank round: the next product, from the previous iterate finished on the fly.

    ``(y1, d1)`` give the iterate ``x_{t-1}``, ``(y2, d2)`` the one before; the block
    returns its rows of ``P^T x_{t-1}``, its part of ``|x_{t-1} - x_{t-2}|_1`` (None
    without ``y2``) and of the dangling mass of ``x_{t-1}``.
    """
    from infnet.engines._kernels import walk_lazy

    pv = np.zeros(1) if p is None else p
    y = walk_lazy(*_csr(a, side), norm, y1, pv, p is None, id1, d1, damping, 1.0 / n, lo, hi)
    x1 = _finished(y1, lo, hi, d1, id1, p, n, damping)
    err = None
    if y2 is not None:
        err = float(np.abs(x1 - _finished(y2, lo, hi, d2, id2, p, n, damping)).sum())
    dangling = ~(np.asarray(norm[lo:hi]) > 0)
    return [y], (err, float(x1[dangling].sum()))


def t_finish(a: Mapping[str, np.ndarray], lo: int, hi: int, y: np.ndarray, dmass: float,
             identity: bool, p: np.ndarray | None, n: int,
             damping: float) -> tuple[list[np.ndarray], None]:
    """Write the rows of a finished PageRank iterate."""
    return [_finished(y, lo, hi, dmass, identity, p, n, damping)], None


def t_prob_dot(a: Mapping[str, np.ndarray], lo: int, hi: int, in_degree: np.ndarray,
               w: np.ndarray, allowed: np.ndarray, model: int, t: float,
               q: float) -> tuple[list[np.ndarray], float]:
    """Largest ``w_u + sum_v p_uv w_v`` over the allowed rows (IMM's one-seed floor)."""
    from infnet.engines._kernels import prob_dot

    direct = prob_dot(*_csr(a, "out"), in_degree, w, model, t, q, lo, hi)
    ok = np.asarray(allowed[lo:hi], dtype=bool)
    val = np.asarray(w[lo:hi]) + direct
    return [], float(val[ok].max()) if ok.any() else -np.inf


def t_rr(a: Mapping[str, np.ndarray], lo: int, hi: int, model: int, t: float, q: float,
         cdf: np.ndarray, last: int, n_sets: int,
         seed: np.random.SeedSequence) -> tuple[list[np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Draw one chunk of RR sets with its own random stream (``lo``/``hi`` unused)."""
    from infnet.engines._kernels import rr_block

    ip, ix, d = _csr(a, "in")
    rng = np.random.default_rng(seed)
    u = rng.random(n_sets) * cdf[-1]
    roots = np.minimum(np.searchsorted(cdf, u, side="right"), last).astype(np.int64)
    seeds = rng.integers(0, 2**64, size=n_sets, dtype=np.uint64, endpoint=False)
    return [], rr_block(ip, ix, d, model, t, q, roots, seeds, ip.size - 1)


def t_warm(a: Mapping[str, np.ndarray], lo: int, hi: int, val: np.ndarray, intro: np.ndarray,
           hops: np.ndarray) -> tuple[list[np.ndarray], None]:
    """One warm-path round of the rows (value, introducer, ties, predecessor)."""
    from infnet.engines._kernels import warm_block

    return list(warm_block(*_csr(a, "in"), val, intro, hops, lo, hi)), None


def t_warm_start(a: Mapping[str, np.ndarray], lo: int, hi: int,
                 internal: np.ndarray) -> tuple[list[np.ndarray], None]:
    """Round 0 of the warm paths: internal actors start their own path."""
    inside = np.asarray(internal[lo:hi], dtype=bool)
    val = inside.astype(np.float64)
    intro = np.where(inside, np.arange(lo, hi, dtype=np.int64), -1)
    hops = np.where(inside, 0, -1).astype(np.int64)
    pred = np.where(inside, -1, -2).astype(np.int64)
    return [val, intro, hops, pred], None


def t_colleague_start(a: Mapping[str, np.ndarray], lo: int, hi: int,
                      internal: np.ndarray) -> tuple[list[np.ndarray], None]:
    """Round 0 of the two-introducer warm paths: internal actors are their own best."""
    inside = np.asarray(internal[lo:hi], dtype=bool)
    return [inside.astype(np.float64), np.where(inside, np.arange(lo, hi, dtype=np.int64), -1),
            np.zeros(hi - lo), np.full(hi - lo, -1, dtype=np.int64)], None


def t_colleague(a: Mapping[str, np.ndarray], lo: int, hi: int, v1: np.ndarray, i1: np.ndarray,
                v2: np.ndarray, i2: np.ndarray) -> tuple[list[np.ndarray], None]:
    """One round of the two-introducer warm paths of the rows."""
    from infnet.engines._kernels import colleague_block

    return list(colleague_block(*_csr(a, "in"), v1, i1, v2, i2, lo, hi)), None


def t_colleague_end(a: Mapping[str, np.ndarray], lo: int, hi: int, v1: np.ndarray,
                    i1: np.ndarray, v2: np.ndarray) -> tuple[list[np.ndarray], None]:
    """Keep the best path from an introducer other than the actor itself."""
    own = np.asarray(i1[lo:hi]) == np.arange(lo, hi)
    return [np.where(own, v2[lo:hi], v1[lo:hi])], None


def t_total_degree(a: Mapping[str, np.ndarray], lo: int, hi: int,
                   directed: bool) -> tuple[list[np.ndarray], int]:
    """Out- plus in-ties of the rows (out only when undirected), the k-core's degree."""
    ip = a["indptr"]
    deg = np.diff(ip[lo:hi + 1]).astype(np.int64)
    if directed:
        jp = _csr(a, "in")[0]
        deg += np.diff(jp[lo:hi + 1]).astype(np.int64)
    return [deg], int(deg.size)


def t_core(a: Mapping[str, np.ndarray], lo: int, hi: int, directed: bool,
           prev: np.ndarray) -> tuple[list[np.ndarray], int]:
    """One round of the h-index operator on the rows' core-number bounds."""
    from infnet.engines._kernels import core_block

    ip, ix, _ = _csr(a, "out")
    jp, jx, _ = _csr(a, "in")
    bounds, changed = core_block(ip, ix, jp, jx, directed, prev, lo, hi)
    return [bounds], int(changed)


def t_diffuse(a: Mapping[str, np.ndarray], lo: int, hi: int, x: np.ndarray, total: np.ndarray,
              q: float, use_data: bool, first: bool) -> tuple[list[np.ndarray], bool]:
    """One period of diffusion centrality: ``x' = q (A x)``, ``total' = total + x'``."""
    from infnet.engines._kernels import row_dot

    ip, ix, d = _csr(a, "out")
    with np.errstate(over="ignore", invalid="ignore"):
        nxt = q * row_dot(ip, ix, d, x, lo, hi, use_data)
        acc = nxt.copy() if first else total[lo:hi] + nxt
    return [nxt, acc], bool(np.isfinite(acc).all())


def t_float(a: Mapping[str, np.ndarray], lo: int, hi: int,
            x: np.ndarray) -> tuple[list[np.ndarray], None]:
    """Copy the rows of a vector as float64."""
    return [np.asarray(x[lo:hi], dtype=np.float64)], None


def t_max_data(a: Mapping[str, np.ndarray], lo: int, hi: int,
               use_data: bool) -> tuple[list[np.ndarray], float]:
    """Largest tie value of the rows (1 per tie without data; 0 without ties)."""
    ip, _, d = _csr(a, "out")
    s, e = int(ip[lo]), int(ip[hi])
    if e <= s:
        return [], 0.0
    return [], (float(np.max(d[s:e])) if use_data else 1.0)


def t_mutual(a: Mapping[str, np.ndarray], lo: int, hi: int, directed: bool,
             use_w: bool) -> tuple[list[np.ndarray], None]:
    """``1 / row sum`` and ``1 / row max`` of the rows' mutual weights (0 for empty rows)."""
    from infnet.engines._kernels import mutual_sums

    rsum, rmax = mutual_sums(*_both(a), directed, use_w, lo, hi)
    with np.errstate(divide="ignore"):
        inv_sum = np.where(rsum > 0, 1.0 / rsum, 0.0)
        inv_max = np.where(rmax > 0, 1.0 / rmax, 0.0)
    return [inv_sum, inv_max], None


def t_burt(a: Mapping[str, np.ndarray], lo: int, hi: int, directed: bool, use_w: bool,
           inv_sum: np.ndarray, inv_max: np.ndarray) -> tuple[list[np.ndarray], None]:
    """Constraint and effective size of the rows."""
    from infnet.engines._kernels import burt_block

    return list(burt_block(*_both(a), directed, use_w, inv_sum, inv_max, lo, hi)), None


def t_participation(a: Mapping[str, np.ndarray], lo: int, hi: int, use_out: bool, use_in: bool,
                    use_w: bool, codes: np.ndarray,
                    n_groups: int) -> tuple[list[np.ndarray], None]:
    """Participation coefficient of the rows."""
    from infnet.engines._kernels import participation_block

    return [participation_block(*_both(a), use_out, use_in, use_w, codes, n_groups, lo, hi)], None


# ------------------------------------------------------------------ kernel and top-k
def t_stats(a: Mapping[str, np.ndarray], lo: int, hi: int, x: np.ndarray, higher: bool,
            method: str, ref: np.ndarray | None, moments: tuple[int, float | None] | None
            ) -> tuple[list[np.ndarray], dict[str, Any]]:
    """Return the block's part of a column's scale (``kernel._column``'s statistics)."""
    from infnet.engines._scoring import block_stats

    return [], block_stats(np.asarray(x[lo:hi]), higher, method,
                           None if ref is None else np.asarray(ref[lo:hi], dtype=bool), moments)


def t_run(a: Mapping[str, np.ndarray], lo: int, hi: int, x: np.ndarray, higher: bool,
          method: str, ref: np.ndarray | None, scale: float,
          out: str) -> tuple[list[np.ndarray], dict[str, Any]]:
    """Sort this block's quantised reference values into a run file; return samples."""
    from infnet.engines._scoring import block_run

    return [], block_run(np.asarray(x[lo:hi]), higher, method,
                         None if ref is None else np.asarray(ref[lo:hi], dtype=bool), scale, out)


def t_bucket(a: Mapping[str, np.ndarray], lo: int, hi: int, runs: Sequence[str],
             cuts: np.ndarray, offset: int, out: str) -> tuple[list[np.ndarray], None]:
    """Merge one bucket of the sorted runs into the global sorted file (``lo`` = bucket)."""
    from infnet.engines._scoring import merge_bucket

    merge_bucket(runs, cuts, offset, out)
    return [], None


def t_score(a: Mapping[str, np.ndarray], lo: int, hi: int, columns: Sequence[np.ndarray],
            specs: Sequence[Mapping[str, Any]], weights: Sequence[float],
            extra: Sequence[np.ndarray], eligible: np.ndarray, in_scope: np.ndarray,
            id_rank: np.ndarray, m: int, m_excluded: int | None, rows: np.ndarray | None
            ) -> tuple[list[np.ndarray], dict[str, Any]]:
    """Score the rows with the global column scales; return the block's best candidates."""
    from infnet.engines._scoring import block_candidates

    return [], block_candidates(lo, hi, columns, specs, weights, extra, eligible, in_scope,
                                id_rank, m, m_excluded, rows)
