"""Find the influentials in business networks.

infnet's public surface is small:

* :func:`rank_influentials` (and its plain-data form
  :func:`rank_influentials_from_dict`) returns ranked micro-influential shortlists,
  with its option objects :class:`MicroBand`, :class:`Vetting`, :class:`Constraints`
  and :class:`Cascade`;
* :class:`Network` is the graph core, read and written by :func:`read_network` and
  :func:`write_network`; :class:`Target` is a target audience;
* :func:`measures`, :func:`targeted_reach` and :func:`expected_reach` give measures as
  pandas objects;
* :func:`compare_strategies` and :func:`explain` say what the presets pick and why an
  actor was (not) picked; :mod:`infnet.plot` draws shortlists and networks
  (``pip install "infnet[plot]"``);
* the exception hierarchy rooted at :class:`InfnetError`.

Names load on first use, so ``import infnet`` does not import pandas, scipy or numba.

Array-level measures live in :mod:`infnet.algorithms` (named once in
:mod:`infnet.registry`), strength models in :mod:`infnet.ties`, the ``where``
expression language in :mod:`infnet.expressions`, generators in
:mod:`infnet.synthetic`. The layout is described in ``docs/architecture.md``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from infnet._version import __version__
from infnet.exceptions import (
    ApproximationWarning,
    ConvergenceError,
    EmptyTargetError,
    InfnetError,
    InfnetTypeError,
    InfnetWarning,
    InvalidFileError,
    InvalidNetworkError,
    InvalidParameterError,
    MissingColumnError,
    NotFittedError,
    ResourceLimitError,
    UnknownActorError,
)

if TYPE_CHECKING:
    from infnet import plot
    from infnet._progress import progress, show_progress
    from infnet.explain import compare_strategies, explain
    from infnet.fitting import fit_weights
    from infnet.io import read_network, write_network
    from infnet.network import Network
    from infnet.options import Cascade, Constraints, MicroBand
    from infnet.ranking import rank_influentials
    from infnet.selection import Vetting
    from infnet.service import rank_influentials_from_dict
    from infnet.tables import expected_reach, measures, targeted_reach
    from infnet.targets import Target

# Imported on first use (PEP 562), so that `import infnet` stays light: pandas, scipy
# and numba load when a name below is first touched, not at import.
_LAZY: dict[str, str] = {
    "Cascade": "infnet.options",
    "Constraints": "infnet.options",
    "MicroBand": "infnet.options",
    "Network": "infnet.network",
    "Target": "infnet.targets",
    "Vetting": "infnet.selection",
    "compare_strategies": "infnet.explain",
    "expected_reach": "infnet.tables",
    "fit_weights": "infnet.fitting",
    "explain": "infnet.explain",
    "measures": "infnet.tables",
    "rank_influentials": "infnet.ranking",
    "progress": "infnet._progress",
    "rank_influentials_from_dict": "infnet.service",
    "read_network": "infnet.io",
    "show_progress": "infnet._progress",
    "targeted_reach": "infnet.tables",
    "write_network": "infnet.io",
}
_SUBMODULES = frozenset(
    {
        "algorithms", "cli", "explain", "expressions", "features", "io", "kernel", "network",
        "options", "plot", "presentation", "presets", "ranking", "registry", "scoring",
        "selection", "service", "synthetic", "tables", "targets", "ties",
    }
)

__all__ = [
    "ApproximationWarning",
    "Cascade",
    "Constraints",
    "ConvergenceError",
    "EmptyTargetError",
    "InfnetError",
    "InfnetTypeError",
    "InfnetWarning",
    "InvalidFileError",
    "InvalidNetworkError",
    "InvalidParameterError",
    "MicroBand",
    "MissingColumnError",
    "Network",
    "NotFittedError",
    "ResourceLimitError",
    "Target",
    "UnknownActorError",
    "Vetting",
    "__version__",
    "compare_strategies",
    "expected_reach",
    "explain",
    "fit_weights",
    "measures",
    "plot",
    "progress",
    "rank_influentials",
    "rank_influentials_from_dict",
    "read_network",
    "show_progress",
    "targeted_reach",
    "write_network",
]


def __dir__() -> list[str]:
    return __all__


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
    elif name in _SUBMODULES:
        value = importlib.import_module(f"infnet.{name}")
    else:
        msg = f"module 'infnet' has no attribute {name!r}"
        raise AttributeError(msg)
    globals()[name] = value
    return value
