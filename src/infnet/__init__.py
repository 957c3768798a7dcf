"""infnet: find the influentials in business networks.

The public surface is small:

* :func:`rank_influentials` (and its plain-data form
  :func:`rank_influentials_from_dict`) returns ranked micro-influential shortlists;
* :class:`Network` is the graph core, read and written by :func:`read_network` and
  :func:`write_network`; :class:`Target` is a target audience;
* :func:`measures`, :func:`targeted_reach` and :func:`expected_reach` give measures as
  pandas objects;
* the exception hierarchy rooted at :class:`InfnetError`.

Array-level measures live in :mod:`infnet.algorithms`, strength models in
:mod:`infnet.ties`, generators in :mod:`infnet.synthetic`.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from infnet.exceptions import (
    ApproximationWarning,
    ConvergenceError,
    EmptyTargetError,
    InfnetError,
    InfnetTypeError,
    InfnetWarning,
    InvalidNetworkError,
    InvalidParameterError,
    MissingColumnError,
    NotFittedError,
    UnknownActorError,
)
from infnet.io import read_network, write_network
from infnet.measures import expected_reach, measures, targeted_reach
from infnet.network import Network
from infnet.ranking import rank_influentials, rank_influentials_from_dict
from infnet.targets import Target

try:
    __version__ = version("infnet")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0+unknown"

__all__ = [
    "ApproximationWarning",
    "ConvergenceError",
    "EmptyTargetError",
    "InfnetError",
    "InfnetTypeError",
    "InfnetWarning",
    "InvalidNetworkError",
    "InvalidParameterError",
    "MissingColumnError",
    "Network",
    "NotFittedError",
    "Target",
    "UnknownActorError",
    "__version__",
    "expected_reach",
    "measures",
    "rank_influentials",
    "rank_influentials_from_dict",
    "read_network",
    "targeted_reach",
    "write_network",
]


def __dir__() -> list[str]:
    return __all__
