"""Low-level CSR kernels shared by the graph core and the algorithms (private).

Functions here take raw CSR arrays (``indptr``, ``indices``) and trust them: canonical
form, sorted column indices, no self-loops. Loops that cannot be vectorised are
compiled with numba (``cache=True``, so the cost of compiling is paid once per install).
"""

from __future__ import annotations

import numba
import numpy as np
from scipy import sparse

from infnet._typing import IntArray

__all__ = ["common_neighbours", "count_common", "degrees", "undirected_pattern"]


def undirected_pattern(matrix: sparse.csr_array, *, directed: bool) -> sparse.csr_array:
    """Return the 0/1 pattern of ``matrix + matrix.T`` (neighbours in either direction).

    Canonical CSR with sorted indices; for an undirected network, the pattern of
    `matrix` itself.
    """
    n = matrix.shape[0]
    ones = sparse.csr_array((np.ones(matrix.nnz), matrix.indices, matrix.indptr), shape=(n, n))
    if not directed:
        return ones
    sym = (ones + ones.T).tocsr()
    sym.data[:] = 1.0
    sym.sort_indices()
    return sym


def degrees(indptr: np.ndarray) -> IntArray:
    """Row lengths of a CSR matrix as int64."""
    return np.diff(indptr).astype(np.int64)


@numba.njit(cache=True, nogil=True)
def count_common(
    indptr: np.ndarray, indices: np.ndarray, u: int, v: int
) -> int:  # pragma: no cover - compiled
    """``|N(u) & N(v) - {u, v}|`` by a sorted merge of the two neighbour lists."""
    a, a_end = indptr[u], indptr[u + 1]
    b, b_end = indptr[v], indptr[v + 1]
    c = 0
    while a < a_end and b < b_end:
        x, y = indices[a], indices[b]
        if x == y:
            if x != u and x != v:
                c += 1
            a += 1
            b += 1
        elif x < y:
            a += 1
        else:
            b += 1
    return c


@numba.njit(cache=True, nogil=True)
def _common_neighbours(
    indptr: np.ndarray, indices: np.ndarray, src: np.ndarray, dst: np.ndarray
) -> np.ndarray:  # pragma: no cover - compiled
    out = np.zeros(src.size, dtype=np.int64)
    for e in range(src.size):
        out[e] = count_common(indptr, indices, src[e], dst[e])
    return out


def common_neighbours(
    pattern: sparse.csr_array, src: IntArray, dst: IntArray
) -> IntArray:
    """Count the neighbours shared by each pair ``(src[e], dst[e])``, ends excluded.

    Parameters
    ----------
    pattern : csr_array
        Neighbour pattern with sorted indices (see `undirected_pattern`).
    src, dst : ndarray of int64
        Pairs to count.

    Returns
    -------
    ndarray of int64
        ``|N(src) & N(dst) - {src, dst}|`` per pair, by a sorted merge of the two
        neighbour lists: O(deg(src) + deg(dst)) per pair.
    """
    return _common_neighbours(
        pattern.indptr, pattern.indices, np.asarray(src, np.int64), np.asarray(dst, np.int64)
    )
