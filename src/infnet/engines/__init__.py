"""Execution engines beyond one process.

``engine="memory"`` (the default of :func:`infnet.rank_influentials` and
:func:`infnet.measures`) computes in the calling process. ``engine="dask"``
(:mod:`infnet.engines.dask`, extra ``infnet[dask]``) computes over blocks of actor rows
of a memory-mapped store (:mod:`infnet.store`) on a Dask cluster. See the scaling page
of the documentation for what runs where.

Examples
--------
>>> from infnet.engines import ENGINES
>>> ENGINES
('memory', 'dask')
"""

from __future__ import annotations

__all__ = ["ENGINES"]

#: The engines infnet knows.
ENGINES = ("memory", "dask")
