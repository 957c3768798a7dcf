"""infnet: find the influentials in business networks.

The public surface is small: :class:`Network` (the graph core), :func:`read_network`
and :func:`write_network` (files), and the exception hierarchy. Measures live in
:mod:`infnet.algorithms`, strength models in :mod:`infnet.ties`, generators in
:mod:`infnet.synthetic`.
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
from infnet.network import Network

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
    "UnknownActorError",
    "__version__",
    "read_network",
    "write_network",
]


def __dir__() -> list[str]:
    return __all__
