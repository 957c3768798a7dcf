"""Compiled block kernels of the Dask engine: one block of actor rows of a store.

Every kernel reads the store's CSR arrays (out-ties, and the transposed in-ties of a
directed store) and per-actor vectors over **all** actors, and returns values for the
rows ``lo .. hi - 1`` only, so blocks are independent and any number of workers gives
the same result. Where the in-memory algorithm is a loop over rows (warm paths, Burt's
two-path loop, the PageRank step), the kernel repeats its arithmetic in the same order,
so results agree to rounding or exactly; :mod:`infnet.engines.dask` states which.

Examples
--------
>>> import numpy as np
>>> from infnet.engines._kernels import row_dot
>>> indptr, indices, data = np.array([0, 2, 3]), np.array([0, 1, 0]), np.array([0.5, 1.0, 2.0])
>>> row_dot(indptr, indices, data, np.array([1.0, 10.0]), 0, 2, True).tolist()
[10.5, 2.0]
"""

from __future__ import annotations

import numba
import numpy as np

from infnet.algorithms._traversal import uniform
from infnet.algorithms.paths import _colleague_row

__all__ = [
    "burt_block",
    "colleague_block",
    "core_block",
    "khop_block",
    "mutual_sums",
    "participation_block",
    "prob_dot",
    "row_dot",
    "row_dot_within",
    "rr_block",
    "strong_dot",
    "walk_lazy",
    "warm_block",
]

_CARRY = -2  # as infnet.algorithms.paths: the best path is the previous round's
_START = -1  # as infnet.algorithms.paths: an internal actor starts its own path


@numba.njit(cache=True, nogil=True)
def row_dot(indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, x: np.ndarray,
            lo: int, hi: int, use_data: bool) -> np.ndarray:  # pragma: no cover - compiled
    """Return ``(M @ x)[lo:hi]`` in scipy's summation order (data ignored unless `use_data`).

    Parameters
    ----------
    indptr, indices, data : ndarray
        A CSR matrix.
    x : ndarray of float64
        The vector, one entry per column.
    lo, hi : int
        The rows.
    use_data : bool
        Multiply by the stored values (else by 1).

    Returns
    -------
    ndarray of float64 of shape (hi - lo,)
        The rows of the product.
    """
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
def row_dot_within(indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, x: np.ndarray,
                   labels: np.ndarray, lo: int, hi: int,
                   use_data: bool) -> tuple[np.ndarray, int]:  # pragma: no cover - compiled
    """:func:`row_dot` over the entries whose two ends have the same label (and their count).

    With strongly-connected-component labels: the product by the ties on cycles, as
    ``infnet.algorithms.centrality._spectral_radius`` forms it (there the other entries
    are stored zeros, whose products add +0.0, so the sums are the same).

    Parameters
    ----------
    indptr, indices, data : ndarray
        A CSR matrix.
    x : ndarray of float64
        The vector.
    labels : ndarray of int
        A label per actor.
    lo, hi : int
        The rows.
    use_data : bool
        Multiply by the stored values (else by 1).

    Returns
    -------
    product : ndarray of float64 of shape (hi - lo,)
        The rows of the product.
    count : int
        Entries used.
    """
    out = np.zeros(hi - lo)
    used = 0
    for u in range(lo, hi):
        t = 0.0
        lu = labels[u]
        for e in range(indptr[u], indptr[u + 1]):
            j = indices[e]
            if labels[j] != lu:
                continue
            used += 1
            if use_data:
                t += data[e] * x[j]
            else:
                t += x[j]
        out[u - lo] = t
    return out, used


@numba.njit(cache=True, nogil=True)
def walk_lazy(indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, norm: np.ndarray,
              y: np.ndarray, p: np.ndarray, uniform: bool, identity: bool, dmass: float,
              d: float, inv_n: float, lo: int, hi: int) -> np.ndarray:  # pragma: no cover
    """Return rows lo..hi of ``P^T x`` where ``x`` is finished from ``y`` on the fly.

    ``x[u] = (y[u] + dmass * p[u]) * d + (1 - d) * p[u]`` (``p[u] = inv_n`` when
    `uniform`; ``x = y`` when `identity`): the operations, in the order, by which the
    in-memory solver finishes an iterate (dangling mass, damping, teleport), so the
    values are those of the materialised iterate and one task round per iteration
    suffices.

    Parameters
    ----------
    indptr, indices, data : ndarray
        Rows of the walk matrix.
    norm : ndarray of float64
        Normaliser of each column actor.
    y : ndarray of float64
        The previous product (or the iterate itself, with `identity`).
    p : ndarray of float64
        Restart (and dangling) weights; unread when `uniform`.
    uniform, identity : bool
        Uniform restart; `y` is already the iterate.
    dmass : float
        Dangling mass of the iterate before `y`.
    d : float
        Damping.
    inv_n : float
        ``1 / n_actors``.
    lo, hi : int
        The rows.

    Returns
    -------
    ndarray of float64 of shape (hi - lo,)
        The rows of the next product.
    """
    out = np.zeros(hi - lo)
    for v in range(lo, hi):
        t = 0.0
        for e in range(indptr[v], indptr[v + 1]):
            u = indices[e]
            if identity:
                xu = y[u]
            else:
                pu = inv_n if uniform else p[u]
                xu = (y[u] + dmass * pu) * d + (1.0 - d) * pu
            t += (data[e] / norm[u]) * xu
        out[v - lo] = t
    return out


@numba.njit(cache=True, nogil=True)
def strong_dot(indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, x: np.ndarray,
               thr: float, lo: int, hi: int) -> np.ndarray:  # pragma: no cover - compiled
    """Return rows lo..hi of ``S @ x`` with ``S`` the strengths of at least `thr` (others 0).

    Parameters
    ----------
    indptr, indices, data : ndarray
        The out-CSR of strengths.
    x : ndarray of float64
        Target values.
    thr : float
        The strong-tie threshold.
    lo, hi : int
        The rows.

    Returns
    -------
    ndarray of float64 of shape (hi - lo,)
        Strong reach of the rows.
    """
    out = np.zeros(hi - lo)
    for u in range(lo, hi):
        t = 0.0
        for e in range(indptr[u], indptr[u + 1]):
            s = data[e] if data[e] >= thr else 0.0
            t += s * x[indices[e]]
        out[u - lo] = t
    return out


@numba.njit(cache=True, nogil=True)
def prob_dot(indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, in_degree: np.ndarray,
             w: np.ndarray, model: int, t: float, q: float, lo: int,
             hi: int) -> np.ndarray:  # pragma: no cover - compiled
    """Return ``sum_v p_uv w_v`` over the out-ties of rows lo..hi under a cascade model.

    Parameters
    ----------
    indptr, indices, data : ndarray
        The out-CSR of strengths.
    in_degree : ndarray of float64
        Ties into each actor (model 1).
    w : ndarray of float64
        Target values.
    model : int
        0: ``t * strength``; 1: weighted cascade ``1 / in-degree(v)``; 2: constant `q`.
    t, q : float
        Transmissibility and constant probability.
    lo, hi : int
        The rows.

    Returns
    -------
    ndarray of float64 of shape (hi - lo,)
        Probability-weighted direct reach (IMM's lower bound on one seed's reach).
    """
    out = np.zeros(hi - lo)
    for u in range(lo, hi):
        acc = 0.0
        for e in range(indptr[u], indptr[u + 1]):
            v = indices[e]
            if model == 0:
                p = t * data[e]
            elif model == 1:
                p = 1.0 / in_degree[v]
            else:
                p = q
            acc += p * w[v]
        out[u - lo] = acc
    return out


@numba.njit(cache=True, nogil=True)
def khop_block(indptr: np.ndarray, indices: np.ndarray, w: np.ndarray, hops: int,
               lo: int, hi: int) -> np.ndarray:  # pragma: no cover - compiled
    """Return the exact k-hop targeted reach of the sources lo..hi (BFS, visited stamps).

    Parameters
    ----------
    indptr, indices : ndarray
        The out-CSR pattern.
    w : ndarray of float64
        Target values.
    hops : int
        Largest distance counted.
    lo, hi : int
        The sources.

    Returns
    -------
    ndarray of float64 of shape (hi - lo,)
        Value of the distinct targets within `hops` ties of each source (itself excluded).
    """
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
            for qq in range(a, b):
                v = queue[qq]
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
def rr_block(in_indptr: np.ndarray, in_indices: np.ndarray, in_data: np.ndarray,
             model: int, t: float, q: float, roots: np.ndarray, seeds: np.ndarray,
             n_actors: int) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """Draw RR sets by reverse BFS, with tie probabilities computed on the fly.

    Parameters
    ----------
    in_indptr, in_indices, in_data : ndarray
        The in-CSR of strengths (the out-CSR of an undirected store).
    model : int
        0: ``t * strength``; 1: weighted cascade ``1 / in-degree(v)``; 2: constant `q`.
    t, q : float
        Transmissibility and constant probability.
    roots : ndarray of int64
        Root of each set.
    seeds : ndarray of uint64
        One splitmix64 stream per set.
    n_actors : int
        Number of actors.

    Returns
    -------
    indptr : ndarray of int64 of shape (n_sets + 1,)
        Set boundaries.
    members : ndarray of int64
        Members in breadth-first order, the root first.
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


@numba.njit(cache=True, nogil=True)
def warm_block(in_indptr: np.ndarray, in_indices: np.ndarray, in_strength: np.ndarray,
               val: np.ndarray, intro: np.ndarray, hops: np.ndarray, lo: int,
               hi: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:  # pragma: no cover
    """One round of the warm-path Bellman-Ford for the rows lo..hi.

    The loop body of :func:`infnet.algorithms.paths._warm_rounds` for one round, over
    the previous round's values of all actors: the same products, comparisons and
    tie-breaks, so the result is identical.

    Parameters
    ----------
    in_indptr, in_indices, in_strength : ndarray
        The in-CSR of strengths.
    val, intro, hops : ndarray
        The previous round: best product, introducer and ties of every actor.
    lo, hi : int
        The rows.

    Returns
    -------
    val, intro, hops : ndarray of shape (hi - lo,)
        This round's values of the rows.
    pred : ndarray of shape (hi - lo,)
        This round's predecessor of each row (``-2``: carried from the previous round).
    """
    m = hi - lo
    new_val = np.empty(m, dtype=np.float64)
    new_intro = np.empty(m, dtype=np.int64)
    new_hops = np.empty(m, dtype=np.int64)
    pred = np.full(m, _CARRY, dtype=np.int64)
    for v in range(lo, hi):
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
        i = v - lo
        if best > val[v]:
            new_val[i] = best
            new_intro[i] = best_intro
            new_hops[i] = hops[best_u] + 1
            pred[i] = best_u
        else:
            new_val[i] = val[v]
            new_intro[i] = intro[v]
            new_hops[i] = hops[v]
    return new_val, new_intro, new_hops, pred


@numba.njit(cache=True, nogil=True)
def colleague_block(in_indptr: np.ndarray, in_indices: np.ndarray, in_strength: np.ndarray,
                    v1: np.ndarray, i1: np.ndarray, v2: np.ndarray, i2: np.ndarray, lo: int,
                    hi: int) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                      np.ndarray]:  # pragma: no cover - compiled
    """One round of the two-introducer warm paths for the rows lo..hi.

    One round of :func:`infnet.algorithms.paths._colleague_rounds` over the previous
    round's two best (value, introducer) pairs of all actors, through the same per-actor
    step (``paths._colleague_row``), so the result is identical.

    Parameters
    ----------
    in_indptr, in_indices, in_strength : ndarray
        The in-CSR of strengths.
    v1, i1, v2, i2 : ndarray
        The previous round: best and second-best value with distinct introducers.
    lo, hi : int
        The rows.

    Returns
    -------
    v1, i1, v2, i2 : ndarray of shape (hi - lo,)
        This round's pairs of the rows.
    """
    m = hi - lo
    w1 = np.empty(m, dtype=np.float64)
    w2 = np.empty(m, dtype=np.float64)
    j1 = np.empty(m, dtype=np.int64)
    j2 = np.empty(m, dtype=np.int64)
    for v in range(lo, hi):
        w1[v - lo], j1[v - lo], w2[v - lo], j2[v - lo] = _colleague_row(
            in_indptr, in_indices, in_strength, v1, i1, v2, i2, v)
    return w1, j1, w2, j2


@numba.njit(cache=True, nogil=True)
def core_block(ip: np.ndarray, ix: np.ndarray, jp: np.ndarray, jx: np.ndarray, both: bool,
               prev: np.ndarray, lo: int, hi: int) -> tuple[np.ndarray, int]:  # pragma: no cover
    """Lower the rows' core-number bounds to the h-index of their neighbours' bounds.

    The h-index operator of Lü et al. (2016): an actor whose neighbours (with
    multiplicity: out- and, when `both`, in-neighbours) have bounds ``c_u`` gets the
    largest ``h`` with at least ``h`` neighbours of bound ``>= h``. Started from the
    degree, repeated application decreases every bound monotonically to the core
    number, whatever the order of the updates (Montresor et al. 2013), so the block
    sweeps its own rows until they are stable, reading the other blocks' bounds from
    `prev`: fewer global rounds, the same fixed point.

    Parameters
    ----------
    ip, ix : ndarray
        Out-CSR structure.
    jp, jx : ndarray
        In-CSR structure (used when `both`).
    both : bool
        Count in-neighbours too (directed network: total degree).
    prev : ndarray of int64
        Every actor's current bound.
    lo, hi : int
        The rows.

    Returns
    -------
    bounds : ndarray of int64 of shape (hi - lo,)
        The rows' lowered bounds.
    changed : int
        How many rows are lower than in `prev`.
    """
    m = hi - lo
    cur = prev[lo:hi].copy()
    top = 0
    for i in range(m):
        top = max(top, cur[i])
    buf = np.zeros(top + 1, dtype=np.int64)
    moved = True
    while moved:
        moved = False
        for v in range(lo, hi):
            c = cur[v - lo]
            if c == 0:
                continue
            for k in range(c + 1):
                buf[k] = 0
            for side in range(2 if both else 1):
                ptr = ip if side == 0 else jp
                idx = ix if side == 0 else jx
                for e in range(ptr[v], ptr[v + 1]):
                    u = idx[e]
                    x = cur[u - lo] if lo <= u < hi else prev[u]
                    buf[min(x, c)] += 1
            h = c
            seen = 0
            while h > 0:
                seen += buf[h]
                if seen >= h:
                    break
                h -= 1
            if h < c:
                cur[v - lo] = h
                moved = True
    changed = 0
    for i in range(m):
        if cur[i] != prev[lo + i]:
            changed += 1
    return cur, changed


@numba.njit(cache=True, nogil=True, inline="always")
def _mutual_next(ip: np.ndarray, ix: np.ndarray, dat: np.ndarray, jp: np.ndarray, jx: np.ndarray,
                 jdat: np.ndarray, a: int, a_end: int, b: int, b_end: int,
                 use_w: bool) -> tuple[int, float, int, int]:  # pragma: no cover - compiled
    """Next entry of the merged (sorted) row of two sorted rows: (column, weight, a, b).

    Out-entry ``w_uv`` plus in-entry ``w_vu`` for a column in both (as ``W + W.T``).
    """
    if b >= b_end or (a < a_end and ix[a] < jx[b]):
        return ix[a], (dat[a] if use_w else 1.0), a + 1, b
    if a >= a_end or jx[b] < ix[a]:
        return jx[b], (jdat[b] if use_w else 1.0), a, b + 1
    wa = dat[a] if use_w else 1.0
    wb = jdat[b] if use_w else 1.0
    return ix[a], wa + wb, a + 1, b + 1


@numba.njit(cache=True, nogil=True)
def mutual_sums(ip: np.ndarray, ix: np.ndarray, dat: np.ndarray, jp: np.ndarray, jx: np.ndarray,
                jdat: np.ndarray, directed: bool, use_w: bool, lo: int,
                hi: int) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """Row sums and row maxima of the mutual weights ``W + W.T`` (``W`` if undirected).

    Parameters
    ----------
    ip, ix, dat : ndarray
        The out-CSR (rows sorted by column).
    jp, jx, jdat : ndarray
        The in-CSR (ignored when not `directed`).
    directed : bool
        Merge out- and in-rows.
    use_w : bool
        Use the strengths (else every tie weighs 1).
    lo, hi : int
        The rows.

    Returns
    -------
    rsum, rmax : ndarray of float64 of shape (hi - lo,)
        Sum and maximum of each row's mutual weights (0 for an empty row).
    """
    rsum = np.zeros(hi - lo)
    rmax = np.zeros(hi - lo)
    for u in range(lo, hi):
        a, a_end = ip[u], ip[u + 1]
        b, b_end = (jp[u], jp[u + 1]) if directed else (0, 0)
        s = 0.0
        mx = 0.0
        first = True
        while a < a_end or b < b_end:
            _, wt, a, b = _mutual_next(ip, ix, dat, jp, jx, jdat, a, a_end, b, b_end, use_w)
            s += wt
            if first or wt > mx:
                mx = wt
                first = False
        rsum[u - lo] = s
        rmax[u - lo] = mx
    return rsum, rmax


@numba.njit(cache=True, nogil=True)
def burt_block(ip: np.ndarray, ix: np.ndarray, dat: np.ndarray, jp: np.ndarray, jx: np.ndarray,
               jdat: np.ndarray, directed: bool, use_w: bool, inv_sum: np.ndarray,
               inv_max: np.ndarray, lo: int,
               hi: int) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """Burt's constraint and effective size of the rows lo..hi over mutual weights.

    The two-path loop of :func:`infnet.algorithms.bridging._burt_rows` with the mutual
    weights merged on the fly from the out- and in-rows of the store (no symmetrised
    copy of the ties), in the same (sorted) neighbour order and with the same
    arithmetic.

    Parameters
    ----------
    ip, ix, dat, jp, jx, jdat, directed, use_w : ndarray or bool
        As :func:`mutual_sums`.
    inv_sum, inv_max : ndarray of float64
        ``1 / row sum`` and ``1 / row maximum`` of every actor's mutual weights (0 when
        the row is empty).
    lo, hi : int
        The rows.

    Returns
    -------
    constraint, effective_size : ndarray of float64 of shape (hi - lo,)
        NaN for an isolated actor.
    """
    n = ip.size - 1
    scratch = np.zeros(n)
    bits = np.zeros(n // 64 + 1, dtype=np.uint64)
    one = np.uint64(1)
    cap = 16
    for u in range(lo, hi):
        d = ip[u + 1] - ip[u] + ((jp[u + 1] - jp[u]) if directed else 0)
        cap = max(cap, d)
    nb = np.empty(cap, dtype=np.int64)
    nw = np.empty(cap, dtype=np.float64)
    con = np.empty(hi - lo)
    esize = np.empty(hi - lo)
    for u in range(lo, hi):
        a, a_end = ip[u], ip[u + 1]
        b, b_end = (jp[u], jp[u + 1]) if directed else (0, 0)
        m = 0
        while a < a_end or b < b_end:
            c_, wt, a, b = _mutual_next(ip, ix, dat, jp, jx, jdat, a, a_end, b, b_end, use_w)
            nb[m] = c_
            nw[m] = wt
            m += 1
        if m == 0:
            con[u - lo] = np.nan
            esize[u - lo] = np.nan
            continue
        inv_u = inv_sum[u]
        for i in range(m):
            w = nb[i]
            scratch[w] = nw[i] * inv_u
            bits[w >> 6] |= one << np.uint64(w & 63)
        c = 0.0
        s = 0.0
        for i in range(m):
            v = nb[i]
            acc_c = 0.0
            acc_e = 0.0
            a2, a2_end = ip[v], ip[v + 1]
            b2, b2_end = (jp[v], jp[v + 1]) if directed else (0, 0)
            while a2 < a2_end or b2 < b2_end:
                w, mvw, a2, b2 = _mutual_next(ip, ix, dat, jp, jx, jdat, a2, a2_end, b2, b2_end,
                                              use_w)
                if bits[w >> 6] & (one << np.uint64(w & 63)):
                    pw = scratch[w]
                    acc_c += pw * mvw * inv_sum[w]
                    acc_e += pw * mvw
            t = nw[i] * inv_u + acc_c
            c += t * t
            s += 1.0 - acc_e * inv_max[v]
        for i in range(m):
            bits[nb[i] >> 6] = np.uint64(0)
        con[u - lo] = c
        esize[u - lo] = s
    return con, esize


@numba.njit(cache=True, nogil=True)
def participation_block(ip: np.ndarray, ix: np.ndarray, dat: np.ndarray, jp: np.ndarray,
                        jx: np.ndarray, jdat: np.ndarray, use_out: bool, use_in: bool,
                        use_w: bool, codes: np.ndarray, n_groups: int, lo: int,
                        hi: int) -> np.ndarray:  # pragma: no cover - compiled
    """Participation coefficient ``1 - sum_s (k_us / k_u)^2`` of the rows lo..hi.

    Parameters
    ----------
    ip, ix, dat : ndarray
        The out-CSR.
    jp, jx, jdat : ndarray
        The in-CSR (read when `use_in`).
    use_out, use_in : bool
        Count out-ties, in-ties (both: ``"all"`` of a directed network).
    use_w : bool
        Sum strengths (else count ties).
    codes : ndarray of int64
        Group of each actor, ``n_groups - 1`` for missing.
    n_groups : int
        Number of groups, the missing one included.
    lo, hi : int
        The rows.

    Returns
    -------
    ndarray of float64 of shape (hi - lo,)
        In [0, 1); 0 for an actor without counted ties.
    """
    acc = np.zeros(n_groups)
    touched = np.empty(n_groups, dtype=np.int64)
    out = np.zeros(hi - lo)
    for u in range(lo, hi):
        nt = 0
        for side in range(2):
            if (side == 0 and not use_out) or (side == 1 and not use_in):
                continue
            p, x, dd = (ip, ix, dat) if side == 0 else (jp, jx, jdat)
            for e in range(p[u], p[u + 1]):
                g = codes[x[e]]
                if acc[g] == 0.0:
                    touched[nt] = g
                    nt += 1
                acc[g] += dd[e] if use_w else 1.0
        k = 0.0
        sq = 0.0
        for i in range(nt):
            g = touched[i]
            k += acc[g]
            sq += acc[g] * acc[g]
            acc[g] = 0.0
        if k > 0:
            out[u - lo] = max(1.0 - sq / (k * k), 0.0)
    return out
