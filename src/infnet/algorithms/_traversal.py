"""Shared compiled building blocks of the graph traversals (private).

One home for what several algorithm modules used to write out themselves:

* :func:`uniform` — one step of the splitmix64 generator (Steele, Lea & Flood 2014),
  the per-sample random stream of the RR-set sampler, the cascade simulator and the
  path sampler (one 64-bit state per sample, seeded from the caller's ``rng``, so a
  sample never depends on which thread draws it);
* :func:`heap_push` / :func:`heap_pop` — a binary min-heap over parallel ``keys`` /
  ``ids`` arrays, ordered by ``(key, id)`` so that equal keys pop in a fixed order
  (Dijkstra searches; lazy greedy with negated gains);
* :func:`n_chunks`, :func:`even_bounds`, :func:`run_chunks` and :func:`numba_threads` —
  the one way parallel kernels split work and honour ``n_jobs`` (resolved by
  ``infnet._validation.check_n_jobs``): the chunks are fixed by the problem size, never
  by the thread count, so floating-point partial sums, hence results, are identical for
  any ``n_jobs``; they are also the units in which the work reports its progress
  (:func:`infnet._progress.work`), so the display changes nothing either.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

import numba
import numpy as np

__all__ = [
    "N_CHUNKS",
    "before",
    "even_bounds",
    "heap_pop",
    "heap_push",
    "n_chunks",
    "numba_threads",
    "run_chunks",
    "uniform",
]

_T = TypeVar("_T")

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
def before(ka: float, ia: int, kb: float, ib: int) -> bool:  # pragma: no cover - compiled
    """Whether ``(ka, ia)`` comes before ``(kb, ib)``: by key, equal keys by id."""
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
        if not before(keys[i], ids[i], keys[parent], ids[parent]):
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
        if right < size and before(keys[right], ids[right], keys[left], ids[left]):
            child = right
        if not before(keys[child], ids[child], keys[i], ids[i]):
            break
        keys[child], keys[i] = keys[i], keys[child]
        ids[child], ids[i] = ids[i], ids[child]
        i = child
    return key, ident, size


def n_chunks(n: int) -> int:
    """Chunks of a parallel kernel over `n` items: ``min(n, N_CHUNKS)``, at least 1."""
    return max(1, min(n, N_CHUNKS))


def even_bounds(n: int) -> list[int]:
    """Bounds of :func:`n_chunks` (`n`) contiguous chunks of ``range(n)`` of about equal size."""
    return [int(b) for b in np.linspace(0, n, n_chunks(n) + 1).astype(np.int64)]


def run_chunks(
    bounds: Sequence[int],
    n_threads: int,
    work: Callable[[int, int, int], _T],
    tick: Callable[[int], None] | None = None,
) -> list[_T]:
    """Call ``work(thread, lo, hi)`` for each chunk ``[bounds[i], bounds[i + 1])``.

    Returns the results in chunk order. On ``n_threads > 1`` threads (the kernels
    release the GIL), thread ``t`` runs chunks ``t, t + n_threads, ...``, so scratch
    memory indexed by ``thread`` is never shared, and skewed chunks even out. After
    each chunk ``tick(hi - lo)`` reports it (progress). The chunks, not the threads,
    decide what each call computes, so results do not depend on `n_threads`.
    """
    pieces = list(itertools.pairwise(bounds))
    out: list[_T | None] = [None] * len(pieces)

    def run(t: int) -> None:
        for i in range(t, len(pieces), n_threads):
            lo, hi = pieces[i]
            out[i] = work(t, lo, hi)
            if tick is not None:
                tick(hi - lo)

    n_threads = max(1, min(n_threads, len(pieces)))
    if n_threads == 1:
        run(0)
    else:
        with ThreadPoolExecutor(max_workers=n_threads) as pool:
            list(pool.map(run, range(n_threads)))
    return out  # type: ignore[return-value]


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
