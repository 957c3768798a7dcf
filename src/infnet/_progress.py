"""Timed stages: a log line under the ``infnet`` logger each, and an optional progress display.

Every long piece of work in infnet (building a network, each stage of
:func:`~infnet.rank_influentials`, reading files in the CLI) runs inside
``with stage("what"):``. A stage always

- logs ``"<what>: <seconds> s"`` at INFO level on the ``"infnet"`` logger (stdlib
  :mod:`logging`; nothing is printed unless the application configures logging, as
  libraries should), and
- when progress display is on, shows a spinner with the stage's name and elapsed time on
  stderr (:mod:`rich.progress`), removed when the stage ends.

Progress display is **off in the library** (and so silent in tests) and on by default in
the ``infnet`` command line when stderr is a terminal. Turn it on in a script or notebook
with :func:`show_progress` or, for one block, the :func:`progress` context manager.
``rich`` is imported only when the display is on.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

__all__ = ["progress", "progress_enabled", "show_progress", "stage"]

logger = logging.getLogger("infnet")

_lock = threading.Lock()
_state: dict[str, Any] = {"enabled": False, "display": None, "depth": 0}


def show_progress(enabled: bool = True) -> None:
    """Turn the progress display of long work on or off for this process.

    Parameters
    ----------
    enabled : bool, default=True
        True shows a spinner per stage on stderr (needs ``rich``); False hides it.
        Log lines under the ``"infnet"`` logger are written either way.

    Raises
    ------
    InfnetTypeError
        When `enabled` is not a bool.

    See Also
    --------
    progress : The same for one block.

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


def _display() -> Any:
    """Return the shared rich Progress, created on first use while enabled."""
    if _state["display"] is None:
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        _state["display"] = Progress(
            SpinnerColumn(),
            TextColumn("[progress.description]{task.description}"),
            TimeElapsedColumn(),
            console=Console(file=sys.stderr),
            transient=True,
        )
    return _state["display"]


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

    Examples
    --------
    >>> from infnet._progress import stage
    >>> with stage("demo: nothing"):
    ...     pass
    """
    t0 = time.perf_counter()
    display, task = None, None
    if _state["enabled"] and threading.current_thread() is threading.main_thread():
        try:
            with _lock:
                display = _display()
                if _state["depth"] == 0:
                    display.start()
                _state["depth"] += 1
            task = display.add_task(what, total=None)
        except ImportError:  # rich missing: log lines only
            display = None
    logger.debug("%s: started", what)
    ok = False
    try:
        yield
        ok = True
    finally:
        seconds = time.perf_counter() - t0
        if display is not None:
            with _lock:
                if task is not None:
                    display.remove_task(task)
                _state["depth"] -= 1
                if _state["depth"] == 0:
                    display.stop()
        logger.log(level, "%s: %.3f s%s", what, seconds, "" if ok else " (failed)")
