"""The scoring kernel and the top-k of the Dask engine, by blocks of actor rows.

:func:`infnet.kernel.normalize` scales each feature column by statistics of the
reference (eligible) actors: the largest finite magnitude, minimum and maximum, mean
and standard deviation, or, for ``"rank"`` (the default), the sorted reference values
themselves. Here those statistics are reductions over blocks (:func:`block_stats`,
merged by :func:`merge_stats`), and the sorted reference values are a distributed
sample sort: every block sorts its quantised values into a run file
(:func:`block_run`), the client picks splitters from the runs' samples, and one task
per bucket merges its slice of every run into one globally sorted shared file
(:func:`merge_bucket`). A block then normalises its rows exactly as
``kernel._column`` would (:func:`block_z`), weights them with
:func:`infnet.kernel.score`, and returns only its best candidates by score (ties by
actor id) among the eligible actors, and among the excluded ones to show
(:func:`block_candidates`). The client merges the candidates; the score vector is
never gathered.

Examples
--------
>>> import numpy as np
>>> from infnet.engines._scoring import block_stats, merge_stats
>>> parts = [block_stats(np.array([1.0, 4.0]), True, "minmax", None),
...          block_stats(np.array([np.nan, 2.0]), True, "minmax", None)]
>>> spec = merge_stats(parts, "minmax")
>>> spec["constant"], spec["fmin"], spec["fmax"]
(False, 1.0, 4.0)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from scipy import special

from infnet.kernel import RANK_DECIMALS, score

__all__ = ["block_candidates", "block_run", "block_stats", "block_z", "merge_bucket",
           "merge_stats"]

_SAMPLES = 64  # samples per run for the splitters of the distributed sort


def _oriented(x: np.ndarray, higher: bool, method: str) -> np.ndarray:
    # "max" keeps the sign of the data and flips the desirability; the others negate.
    return x if (higher or method == "max") else -x


def _base(x: np.ndarray, higher: bool, method: str, ref: np.ndarray | None) -> np.ndarray:
    v = _oriented(x, higher, method)
    keep = ~np.isnan(x)
    if ref is not None:
        keep &= ref
    return np.asarray(v[keep])


def block_stats(x: np.ndarray, higher: bool, method: str, ref: np.ndarray | None,
                moments: tuple[int, float | None] | None = None) -> dict[str, Any]:
    """Return one block's part of a column's scale.

    Parameters
    ----------
    x : ndarray of float64
        The block's raw values.
    higher : bool
        Higher is better.
    method : str
        The normalisation.
    ref : ndarray of bool or None
        The block's reference actors (None: all).
    moments : (int, float or None), optional
        For ``"zscore"``: the exponent ``e`` and, on the second pass, the mean; then
        the block returns the sum of the scaled values (first pass) or of their
        squared deviations (second pass).

    Returns
    -------
    dict
        Counts, extremes and largest finite magnitude of the reference values (or the
        requested sum).
    """
    base = _base(x, higher, method, ref)
    fin = base[np.isfinite(base)]
    if moments is not None:
        e, mean = moments
        u = np.ldexp(fin, -e)
        return {"sum": float(u.sum() if mean is None else ((u - mean) ** 2).sum())}
    return {
        "n": int(base.size), "n_fin": int(fin.size),
        "absmax": float(np.abs(fin).max()) if fin.size else 0.0,
        "min": float(base.min()) if base.size else np.inf,
        "max": float(base.max()) if base.size else -np.inf,
        "fmin": float(fin.min()) if fin.size else np.inf,
        "fmax": float(fin.max()) if fin.size else -np.inf,
    }


def merge_stats(parts: Sequence[Mapping[str, Any]], method: str) -> dict[str, Any]:
    """Merge the blocks' statistics into a column spec (what :func:`block_z` needs).

    Parameters
    ----------
    parts : sequence of dict
        :func:`block_stats` of every block.
    method : str
        The normalisation.

    Returns
    -------
    dict
        ``constant`` and the scale of the column; for ``"rank"`` the sorted reference
        values are added later (``sorted``, ``size``), for ``"zscore"`` the moments.
    """
    n = sum(int(p["n"]) for p in parts)
    spec: dict[str, Any] = {"method": method, "constant": n == 0, "n": n}
    if n == 0:
        return spec
    m = max(float(p["absmax"]) for p in parts)
    lo = min(float(p["min"]) for p in parts)
    hi = max(float(p["max"]) for p in parts)
    fmin = min(float(p["fmin"]) for p in parts)
    fmax = max(float(p["fmax"]) for p in parts)
    n_fin = sum(int(p["n_fin"]) for p in parts)
    spec.update(m=m, scale=m if m > 0 else 1.0, fmin=fmin, fmax=fmax, n_fin=n_fin,
                e=int(np.frexp(m)[1]), spread=n_fin >= 2 and fmin < fmax)
    if method != "rank" and lo == hi:  # one distinct value (finite or infinite)
        spec["constant"] = True
    return spec


def block_run(x: np.ndarray, higher: bool, method: str, ref: np.ndarray | None, scale: float,
              out: str) -> dict[str, Any]:
    """Sort a block's quantised reference values into the run file `out`.

    Parameters
    ----------
    x, higher, method, ref
        As :func:`block_stats`.
    scale : float
        The column's scale (largest finite magnitude, or 1).
    out : str
        The run file to write.

    Returns
    -------
    dict
        ``n`` (the run's length) and up to 64 evenly spaced ``samples`` of it.
    """
    with np.errstate(all="ignore"):
        q = np.sort(np.round(_base(x, higher, method, ref) / scale, RANK_DECIMALS))
    np.save(out, q, allow_pickle=False)
    pick = np.unique(np.linspace(0, q.size - 1, min(_SAMPLES, q.size)).astype(np.int64))
    return {"n": int(q.size), "samples": q[pick] if q.size else np.empty(0)}


def merge_bucket(runs: Sequence[str], cuts: np.ndarray, offset: int, out: str) -> None:
    """Merge one bucket of every sorted run into the global sorted file.

    Parameters
    ----------
    runs : sequence of str
        The run files.
    cuts : ndarray of int64 of shape (n_runs, 2)
        This bucket's slice ``[start, stop)`` of each run.
    offset : int
        Where the bucket starts in the global file.
    out : str
        The global sorted file (written in place).
    """
    parts = [np.load(r, mmap_mode="r", allow_pickle=False)[int(a):int(b)]
             for r, (a, b) in zip(runs, cuts, strict=True)]
    merged = np.sort(np.concatenate(parts)) if parts else np.empty(0)
    target = np.load(out, mmap_mode="r+", allow_pickle=False)
    try:
        target[offset:offset + merged.size] = merged
        target.flush()
    finally:
        del target


def block_z(x: np.ndarray, higher: bool, spec: Mapping[str, Any]) -> np.ndarray:
    """Normalise a block's values on the global scale, as ``kernel._column`` does.

    Parameters
    ----------
    x : ndarray of float64
        The block's raw values.
    higher : bool
        Higher is better.
    spec : dict
        The column spec (:func:`merge_stats`, with the sorted values or moments).

    Returns
    -------
    ndarray of float64
        Desirabilities in [0, 1].
    """
    z = np.zeros(x.shape, dtype=np.float64)
    if spec["constant"]:
        return z
    method = spec["method"]
    defined = ~np.isnan(x)
    v = _oriented(x, higher, method)
    with np.errstate(over="ignore", under="ignore", invalid="ignore", divide="ignore"):
        if method == "rank":
            q = np.round(v[defined] / spec["scale"], RANK_DECIMALS)
            sorted_base = np.load(spec["sorted"], mmap_mode="r", allow_pickle=False)
            order = np.argsort(q)  # sorted queries: cache-friendly searches
            sq = q[order]
            avg_rank = np.empty(q.size)
            avg_rank[order] = (
                np.searchsorted(sorted_base, sq, side="left")
                + np.searchsorted(sorted_base, sq, side="right")
                - 1
            ) / 2.0
            z[defined] = avg_rank / (int(spec["size"]) - 1)
            return np.clip(z, 0.0, 1.0, out=z)
        fin = np.isfinite(v)
        e = int(spec["e"])
        if method == "minmax":
            if spec["spread"]:
                lo = np.ldexp(spec["fmin"], -e)
                width = np.ldexp(spec["fmax"], -e) - lo
                z[fin] = (np.ldexp(v[fin], -e) - lo) / width
            z[v == np.inf] = 1.0
        elif method == "max":
            m = float(spec["m"])
            if m > 0:
                z[fin] = v[fin] / m
            z[v == np.inf] = 1.0
            np.clip(z, 0.0, 1.0, out=z)
            if not higher:
                z = 1.0 - z
        else:  # zscore
            sd = float(spec.get("sd", 0.0))
            if spec["spread"] and sd > 0:
                z[fin] = special.ndtr((np.ldexp(v[fin], -e) - spec["mean"]) / sd)
            z[v == np.inf] = 1.0
        z[~defined] = 0.0
    return np.clip(z, 0.0, 1.0, out=z)


def _take(idx: np.ndarray, values: np.ndarray, id_rank: np.ndarray, m: int | None, lo: int,
          contrib: np.ndarray, raw: np.ndarray) -> dict[str, Any]:
    order = np.lexsort((id_rank[idx], -values[idx]))
    complete = m is None or idx.size <= m
    sel = idx[order if complete else order[:m]]
    return {"pos": sel + lo, "score": values[sel], "id_rank": id_rank[sel],
            "contrib": contrib[sel], "raw": raw[sel], "complete": bool(complete)}


def block_candidates(lo: int, hi: int, columns: Sequence[np.ndarray],
                     specs: Sequence[Mapping[str, Any]], weights: Sequence[float],
                     extra: Sequence[np.ndarray], eligible: np.ndarray, in_scope: np.ndarray,
                     id_rank: np.ndarray, m: int, m_excluded: int | None,
                     rows: np.ndarray | None = None) -> dict[str, Any]:
    """Score a block's rows and return its best candidates (score descending, then id).

    Parameters
    ----------
    lo, hi : int
        The rows.
    columns : sequence of ndarray
        The features (all actors).
    specs : sequence of dict
        Their column specs; ``specs[j]["higher"]`` is the direction.
    weights : sequence of float
        The feature weights (rescaled by :func:`infnet.kernel.score`).
    extra : sequence of ndarray
        Columns shown but not weighted (direct and k-hop reach).
    eligible, in_scope : ndarray of bool
        Who may be picked; who is in scope (excluded in-scope actors may be shown).
    id_rank : ndarray of int64
        Rank of each actor's id (the tie-break).
    m : int
        Eligible candidates to return (all when the block has fewer).
    m_excluded : int or None
        Excluded in-scope candidates to return (None: all of them, 0: none).
    rows : ndarray of int64, optional
        Also return these positions (those inside the block), whatever their score.

    Returns
    -------
    dict
        ``eligible`` and ``excluded`` candidates (positions, scores, id ranks,
        contributions, raw values, ``complete``), and ``rows``.
    """
    nb = hi - lo
    f = len(columns)
    Z = np.empty((nb, f))
    raw = np.empty((nb, f + len(extra)))
    for j, (col, spec) in enumerate(zip(columns, specs, strict=True)):
        x = np.asarray(col[lo:hi], dtype=np.float64)
        raw[:, j] = x
        Z[:, j] = block_z(x, bool(spec["higher"]), spec)
    for i, col in enumerate(extra):
        raw[:, f + i] = np.asarray(col[lo:hi], dtype=np.float64)
    values, contrib = score(Z, list(weights), caller="rank_influentials")
    el = np.asarray(eligible[lo:hi], dtype=bool)
    scope = np.asarray(in_scope[lo:hi], dtype=bool)
    idr = np.asarray(id_rank[lo:hi], dtype=np.int64)
    out: dict[str, Any] = {"eligible": _take(np.flatnonzero(el), values, idr, m, lo, contrib, raw)}
    if m_excluded != 0:
        out["excluded"] = _take(np.flatnonzero(scope & ~el), values, idr, m_excluded, lo,
                                contrib, raw)
    if rows is not None:
        mine = rows[(rows >= lo) & (rows < hi)] - lo
        out["rows"] = {"pos": mine + lo, "score": values[mine], "id_rank": idr[mine],
                       "contrib": contrib[mine], "raw": raw[mine], "complete": True}
    return out
