"""Shared compiled building blocks of the graph traversals (private).

One home for what several algorithm modules used to write out themselves:

* :func:`uniform` — one step of the splitmix64 generator (Steele, Lea & Flood 2014),
  the per-sample random stream of the RR-set sampler, the cascade simulator and the
  path sampler (one 64-bit state per sample, seeded from the caller's ``rng``, so a
  sample never depends on which thread draws it);
* :func:`heap_push` / :func:`heap_pop` — a binary min-heap over parallel ``keys`` /
  ``ids`` arrays, ordered by ``(key, id)`` so that equal keys pop in a fixed order
  (Dijkstra searches; lazy greedy with negated gains);
* :func:`n_chunks` and :func:`numba_threads` — the one way parallel kernels split work
  and honour ``n_jobs`` (resolved by ``infnet._validation.check_n_jobs``): the number
  of chunks is fixed by the problem size, never by the thread count, so floating-point
  partial sums, hence results, are identical for any ``n_jobs``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numba
import numpy as np

__all__ = ["N_CHUNKS", "heap_pop", "heap_push", "n_chunks", "numba_threads", "uniform"]

#: Work units of a parallel kernel (independent of the thread count).
N_CHUNKS = 64

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_S30 = np.uint64(30)
_S27 = np.uint64(27)
_S31 = np.uint64(31)
_S11 = np.uint64(11)
_INV53 = 1.0 / 9007199254740992.0


@numba.njit(cache=True, nogil=True, inline="always")
def uniform(state: np.uint64) -> tuple[np.uint64, float]:  # pragma: no cover - compiled
    """One step of splitmix64: the new state and a double in [0, 1)."""
    state = state + _GOLDEN
    z = state
    z = (z ^ (z >> _S30)) * _MIX1
    z = (z ^ (z >> _S27)) * _MIX2
    z = z ^ (z >> _S31)
    return state, float(z >> _S11) * _INV53


@numba.njit(cache=True, nogil=True, inline="always")
def _before(ka: float, ia: int, kb: float, ib: int) -> bool:  # pragma: no cover - compiled
    return ka < kb or (ka == kb and ia < ib)


@numba.njit(cache=True, nogil=True)
def heap_push(
    keys: np.ndarray, ids: np.ndarray, size: int, key: float, ident: int
) -> int:  # pragma: no cover - compiled
    """Push ``(key, ident)`` onto the min-heap ``keys[:size]``/``ids[:size]``; return the size."""
    i = size
    keys[i] = key
    ids[i] = ident
    while i > 0:
        parent = (i - 1) >> 1
        if not _before(keys[i], ids[i], keys[parent], ids[parent]):
            break
        keys[i], keys[parent] = keys[parent], keys[i]
        ids[i], ids[parent] = ids[parent], ids[i]
        i = parent
    return size + 1


@numba.njit(cache=True, nogil=True)
def heap_pop(
    keys: np.ndarray, ids: np.ndarray, size: int
) -> tuple[float, int, int]:  # pragma: no cover - compiled
    """Pop the smallest ``(key, id)``; return ``(key, id, new size)``."""
    key = keys[0]
    ident = ids[0]
    size -= 1
    keys[0] = keys[size]
    ids[0] = ids[size]
    i = 0
    while True:
        left = 2 * i + 1
        if left >= size:
            break
        child = left
        right = left + 1
        if right < size and _before(keys[right], ids[right], keys[left], ids[left]):
            child = right
        if not _before(keys[child], ids[child], keys[i], ids[i]):
            break
        keys[child], keys[i] = keys[i], keys[child]
        ids[child], ids[i] = ids[i], ids[child]
        i = child
    return key, ident, size


def n_chunks(n: int) -> int:
    """Chunks of a parallel kernel over `n` items: ``min(n, N_CHUNKS)``, at least 1."""
    return max(1, min(n, N_CHUNKS))


@contextmanager
def numba_threads(n_jobs: int) -> Iterator[None]:
    """Run numba ``parallel=True`` kernels on at most `n_jobs` threads, then restore."""
    limit = max(1, min(int(n_jobs), int(getattr(numba.config, "NUMBA_NUM_THREADS", 1))))
    previous = numba.get_num_threads()
    numba.set_num_threads(limit)
    try:
        yield
    finally:
        numba.set_num_threads(previous)
