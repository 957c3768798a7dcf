"""Timed stages and long work: log lines under the ``infnet`` logger, and an optional progress display.

Every long piece of work in infnet (building a network, each stage of
:func:`~infnet.rank_influentials`, reading files in the CLI) runs inside
``with stage("what"):``. A stage always

- logs ``"<what>: <seconds> s"`` at INFO level on the ``"infnet"`` logger (stdlib
  :mod:`logging`; nothing is printed unless the application configures logging, as
  libraries should), and
- when progress display is on, shows a spinner with the stage's name and elapsed time on
  stderr (``rich.progress``, from the ``rich`` package), removed when the stage ends.

Inside a stage, the long computations of :mod:`infnet.algorithms` (RR-set sampling for
expected reach, the complementary set and IMM; k-hop reach, exact and sketched;
exact and sampled betweenness; harmonic closeness) report how far they are through
:func:`work`: a bar with the share done and the time left. Leiden (igraph gives no
callback) runs as a stage: a spinner with its elapsed time, and a log line with its
duration.

**The hook.** An algorithm stays a pure function over arrays. It cuts its work into
chunks whose bounds depend only on the problem size (never on the thread count, so
results are bit-identical for any ``n_jobs`` and with the display on or off) and
reports each finished chunk with ``job.tick(size)``; a compiled kernel that runs as one
long call instead counts finished items in ``job.counts`` (``counts[c] += 1`` by chunk
``c``, its own slot), which a watcher thread reads while the kernel runs without the
GIL. With the display off, ``tick`` returns at once and nothing watches ``counts``.

Progress display is **off in the library** (and so silent in tests) and on by default in
the ``infnet`` command line when stderr is a terminal (``--progress/--no-progress``).
Turn it on in a script or notebook with :func:`show_progress` or, for one block, the
:func:`progress` context manager::

    import infnet
    infnet.show_progress(True)          # every call from now on
    with infnet.progress():             # or only inside this block
        infnet.rank_influentials(net, target, method="complementary")

The display is shown only for work started on the main thread. ``rich`` is imported
only when the display is on.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import numpy as np

__all__ = ["Work", "progress", "progress_enabled", "show_progress", "stage", "work"]

logger = logging.getLogger("infnet")

_lock = threading.Lock()
_state: dict[str, Any] = {"enabled": False, "display": None, "depth": 0}


def show_progress(enabled: bool = True) -> None:
    """Turn the progress display of long work on or off for this process.

    Parameters
    ----------
    enabled : bool, default=True
        True shows, on stderr (needs ``rich``), a spinner per stage and, for long
        computations (RR sets, k-hop reach, betweenness, harmonic closeness), a bar
        with the share done and the time left; False hides them. Log lines under the
        ``"infnet"`` logger are written either way. Results do not depend on it.

    Raises
    ------
    InfnetTypeError
        When `enabled` is not a bool.

    See Also
    --------
    progress : The same for one block.

    Notes
    -----
    Off by default in the library (so tests and services stay silent); the ``infnet``
    command line turns it on when stderr is a terminal (``--progress/--no-progress``).
    Only work started on the main thread is shown.

    Examples
    --------
    >>> from infnet._progress import progress_enabled, show_progress
    >>> show_progress(False)
    >>> progress_enabled()
    False
    """
    from infnet._validation import check_bool

    _state["enabled"] = check_bool(enabled, name="enabled", caller="show_progress")


def progress_enabled() -> bool:
    """Return whether the progress display is on.

    Returns
    -------
    bool
        The current setting of :func:`show_progress`.

    Examples
    --------
    >>> from infnet._progress import progress_enabled
    >>> progress_enabled()
    False
    """
    return bool(_state["enabled"])


@contextlib.contextmanager
def progress(enabled: bool = True) -> Iterator[None]:
    """Show (or hide) the progress display for the work inside a ``with`` block.

    Parameters
    ----------
    enabled : bool, default=True
        The setting inside the block; the previous one is restored after it.

    Yields
    ------
    None

    See Also
    --------
    show_progress : The process-wide switch.

    Examples
    --------
    >>> from infnet import rank_influentials
    >>> from infnet._progress import progress
    >>> from infnet.synthetic import toy_network
    >>> with progress(False):
    ...     df = rank_influentials(toy_network(), "fintech", k=2, band=None)
    >>> len(df[~df["excluded"]])
    2
    """
    before = _state["enabled"]
    show_progress(enabled)
    try:
        yield
    finally:
        _state["enabled"] = before


def _new_display() -> Any:
    """Create the rich Progress shared by the stages and work bars open at one time."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        Progress,
        SpinnerColumn,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class _Bar(BarColumn):  # a stage (no total) shows its spinner and time only
        def render(self, task: Any) -> Any:
            return Text("") if task.total is None else super().render(task)

    class _Left(TimeRemainingColumn):
        def render(self, task: Any) -> Any:
            return Text("") if task.total is None else super().render(task)

    return Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        _Bar(bar_width=24),
        TaskProgressColumn(text_format_no_percentage=""),
        TimeElapsedColumn(),
        _Left(),
        console=Console(file=sys.stderr),
        transient=True,
        refresh_per_second=4,  # a render costs about 3 ms of CPU: ~1 % of a core
    )


def _open() -> Any:
    """Return the live display (started by the first open stage or bar), or None.

    None when the display is off, the caller is not the main thread, or rich is
    missing. Each successful call must be matched by :func:`_close`.
    """
    if not _state["enabled"] or threading.current_thread() is not threading.main_thread():
        return None
    try:
        with _lock:
            if _state["depth"] == 0:
                # a new display each time, so it writes to the current sys.stderr
                _state["display"] = _new_display()
                _state["display"].start()
            _state["depth"] += 1
            return _state["display"]
    except ImportError:  # rich missing: log lines only
        return None


def _close(display: Any, task: Any) -> None:
    with _lock:
        if task is not None:
            display.remove_task(task)
        _state["depth"] -= 1
        if _state["depth"] == 0:
            display.stop()
            _state["display"] = None


@contextlib.contextmanager
def stage(what: str, *, level: int = logging.INFO) -> Iterator[None]:
    """Time a stage of work: log its duration, and show it while it runs if enabled.

    Parameters
    ----------
    what : str
        What the stage does, e.g. ``"rank_influentials: score"``.
    level : int, default=logging.INFO
        Level of the log line written when the stage ends.

    Yields
    ------
    None

    See Also
    --------
    work : A bar for a computation that knows how much is left.

    Examples
    --------
    >>> from infnet._progress import stage
    >>> with stage("demo: nothing"):
    ...     pass
    """
    t0 = time.perf_counter()
    display = _open()
    task = display.add_task(what, total=None) if display is not None else None
    logger.debug("%s: started", what)
    ok = False
    try:
        yield
        ok = True
    finally:
        seconds = time.perf_counter() - t0
        if display is not None:
            _close(display, task)
        logger.log(level, "%s: %.3f s%s", what, seconds, "" if ok else " (failed)")


class Work:
    """The progress hook of one long computation (yielded by :func:`work`).

    Attributes
    ----------
    counts : ndarray of int64 of shape (slots,)
        Counters a compiled kernel may increment (slot ``c`` by chunk ``c`` only);
        while the display is on, a watcher shows ``counts.sum()`` as the work done.
    total : int
        Units of work in all.

    See Also
    --------
    work : The context manager that creates it.

    Examples
    --------
    >>> from infnet._progress import work
    >>> with work("demo: count", total=3) as job:
    ...     for _ in range(3):
    ...         job.tick()
    """

    __slots__ = ("_display", "_task", "counts", "total")

    def __init__(self, total: int, slots: int, display: Any = None, task: Any = None) -> None:
        self.total = total
        self.counts = np.zeros(max(1, slots), dtype=np.int64)
        self._display = display
        self._task = task

    def tick(self, n: int = 1) -> None:
        """Record `n` more units of work done (thread-safe; nothing when the display is off).

        Parameters
        ----------
        n : int, default=1
            Units just finished.
        """
        if self._display is not None:
            self._display.advance(self._task, n)


@contextlib.contextmanager
def work(what: str, total: int, *, slots: int = 0, level: int = logging.DEBUG) -> Iterator[Work]:
    """Report the progress of one long computation of `total` units.

    Parameters
    ----------
    what : str
        What is computed, e.g. ``"RR sets"``.
    total : int
        Units of work (RR sets, sources searched, samples drawn, ...).
    slots : int, default=0
        Size of the ``counts`` array of :class:`Work`, for a compiled kernel that
        counts finished units per chunk instead of calling :meth:`Work.tick` (0: no
        counters are watched, and ``counts`` is one unused slot).
    level : int, default=logging.DEBUG
        Level of the log line ``"<what>: <total> in <seconds> s"`` written at the end.

    Yields
    ------
    Work
        The hook: call ``tick(n)`` per finished chunk, or increment ``counts``.

    See Also
    --------
    stage : A timed stage without a known amount of work.

    Examples
    --------
    >>> from infnet._progress import work
    >>> with work("demo: nothing", total=10) as job:
    ...     job.tick(10)
    >>> job.counts.tolist()
    [0]
    """
    t0 = time.perf_counter()
    display = _open()
    task = display.add_task(what, total=max(int(total), 1)) if display is not None else None
    job = Work(int(total), slots, display, task)
    watcher, stop = None, threading.Event()
    if display is not None and slots > 0:
        def watch() -> None:
            while not stop.wait(0.1):
                done = int(job.counts.sum())
                if done:
                    display.update(task, completed=done)

        watcher = threading.Thread(target=watch, name=f"infnet progress: {what}", daemon=True)
        watcher.start()
    ok = False
    try:
        yield job
        ok = True
    finally:
        if watcher is not None:
            stop.set()
            watcher.join()
            display.update(task, completed=int(job.counts.sum()))
        if display is not None:
            _close(display, task)
        logger.log(level, "%s: %d in %.3f s%s", what, int(total), time.perf_counter() - t0,
                   "" if ok else " (failed)")
