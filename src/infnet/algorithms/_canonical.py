"""Canonical actor order for sampled algorithms (private).

A network's actor positions follow the order in which ids first appear in the input
frames, so permuting the rows of the ties frame permutes the positions and the order
of every CSR row. Any algorithm that draws random numbers per position (roots of
reverse-reachable sets, sampled actor pairs, sketch ranks) or walks neighbours in
storage order (coin flips along a breadth-first search, Leiden's moves) would then
give a different result for the same seed. The sampled algorithms therefore run on
the network relabelled into **canonical order** (actors sorted by id) and map their
results back to network positions; exact algorithms need nothing.

Sort key: the ids' natural order when they are mutually comparable (all integers, all
strings, ...); otherwise (mixed types) ``(type name, str(id), repr(id))``. The
permutation and the relabelled strength CSR are cached for the last few networks
used (keyed on the network's read-only strength array, checked through a weak
reference so a recycled ``id`` never hits; at most ``_CACHE_SIZE`` entries) and cost
O(n log n + n_ties) once per network.

This module may later delegate to ``Network.canonical_order()``; its contract stays:
``order[c]`` is the network position of canonical position ``c`` and ``rank`` is its
inverse.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy import sparse

if TYPE_CHECKING:
    from infnet._typing import IntArray
    from infnet.network import Network

__all__ = ["Canonical", "canonical", "relabel"]

_CACHE_SIZE = 4


class Canonical:
    """A network relabelled into canonical (sorted-id) order.

    Attributes
    ----------
    order : ndarray of int64 of shape (n,)
        ``order[c]`` is the network position of canonical position ``c``.
    rank : ndarray of int64 of shape (n,)
        ``rank[a]`` is the canonical position of network position ``a``.
    identity : bool
        True when network order already is canonical (nothing to relabel).
    strength : csr_array
        Strengths in canonical order, sorted indices.
    entry : ndarray of int64 of shape (nnz,)
        Canonical entry ``e`` of :attr:`strength` is entry ``entry[e]`` of
        ``network.strength`` (maps any per-entry array, e.g. probabilities).
    """

    __slots__ = ("entry", "identity", "order", "rank", "strength")

    def __init__(self, network: Network) -> None:
        n = network.n_actors
        order = canonical_permutation(network.actor_ids)
        self.order = order
        self.rank = np.empty(n, dtype=np.int64)
        self.rank[order] = np.arange(n, dtype=np.int64)
        self.identity = bool(np.array_equal(order, np.arange(n)))
        s = network.strength
        if self.identity:
            self.strength = s
            self.entry = np.arange(s.nnz, dtype=np.int64)
        else:
            self.strength, self.entry = relabel(s, self)

    # ------------------------------------------------------------ mapping helpers
    def values_in(self, values: np.ndarray) -> np.ndarray:
        """Per-actor values (network order) in canonical order."""
        return values if self.identity else values[self.order]

    def values_out(self, values: np.ndarray) -> np.ndarray:
        """Per-actor values in canonical order back in network order."""
        return values if self.identity else values[self.rank]

    def positions_in(self, positions: np.ndarray) -> np.ndarray:
        """Network positions -> canonical positions (same shape)."""
        return positions if self.identity else self.rank[positions]

    def positions_out(self, positions: np.ndarray) -> np.ndarray:
        """Canonical positions -> network positions (same shape)."""
        return positions if self.identity else self.order[positions]

    def entries_in(self, values: np.ndarray) -> np.ndarray:
        """Per-entry values aligned with ``network.strength.data`` in canonical order."""
        return values if self.identity else values[self.entry]


def _sort_key(x: Any) -> tuple[str, str, str]:
    return (type(x).__name__, str(x), repr(x))


def canonical_permutation(ids: Any) -> IntArray:
    """Return the permutation that sorts actor ids (see the module docstring)."""
    arr = np.asarray(ids)
    n = arr.shape[0]
    if arr.dtype.kind in "iufU":
        return np.asarray(np.argsort(arr, kind="stable"), dtype=np.int64)
    try:
        import pandas as pd

        index = ids if isinstance(ids, pd.Index) else pd.Index(arr)
        if index.inferred_type in ("string", "integer", "floating", "mixed-integer-float"):
            return np.asarray(index.argsort(kind="stable"), dtype=np.int64)
    except (TypeError, ValueError):  # pragma: no cover - defensive
        pass
    objs = arr.tolist()
    try:
        return np.asarray(sorted(range(n), key=objs.__getitem__), dtype=np.int64)
    except TypeError:  # mixed, mutually incomparable ids (e.g. int and str)
        return np.asarray(sorted(range(n), key=lambda i: _sort_key(objs[i])), dtype=np.int64)


def relabel(m: sparse.csr_array, canon: Canonical) -> tuple[sparse.csr_array, IntArray]:
    """Relabel a square CSR (network order) into canonical order, O(nnz log degree).

    Returns the relabelled matrix (sorted indices) and, for each of its entries, the
    index of the entry of `m` it came from.
    """
    n = m.shape[0]
    if canon.identity:
        out = sparse.csr_array((m.data, m.indices, m.indptr), shape=m.shape)
        return out, np.arange(m.nnz, dtype=np.int64)
    order, rank = canon.order, canon.rank
    indptr = np.asarray(m.indptr, dtype=np.int64)
    deg = np.diff(indptr)[order]
    new_ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(deg, out=new_ptr[1:])
    offset = np.repeat(indptr[order] - new_ptr[:-1], deg)
    src = offset + np.arange(int(new_ptr[-1]), dtype=np.int64)
    cols = rank[m.indices[src]]
    # sort each row by its new column: one stable argsort on (row, col) keys
    rows = np.repeat(np.arange(n, dtype=np.int64), deg)
    perm = np.lexsort((cols, rows))
    src = src[perm]
    idx_dtype = m.indices.dtype
    out = sparse.csr_array(
        (np.asarray(m.data)[src], cols[perm].astype(idx_dtype), new_ptr.astype(m.indptr.dtype)),
        shape=m.shape,
    )
    out.has_sorted_indices = True
    return out, src


_lock = threading.RLock()  # re-entrant: a weakref callback may fire (GC) while it is held
_cache: OrderedDict[int, tuple[weakref.ref[Any], Any, Canonical]] = OrderedDict()


def canonical(network: Network) -> Canonical:
    """Return the cached :class:`Canonical` view of `network` (built on first use)."""
    s = network.strength
    ids = network.actor_ids
    key = id(s)
    with _lock:
        hit = _cache.get(key)
        if hit is not None and hit[0]() is s and (hit[1] is ids or hit[1].equals(ids)):
            _cache.move_to_end(key)
            return hit[2]
    canon = Canonical(network)
    with _lock:
        _cache[key] = (weakref.ref(s), ids, canon)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return canon
