"""infnet: find the influentials in business networks.

The public surface is small:

* :func:`rank_influentials` (and its plain-data form
  :func:`rank_influentials_from_dict`) returns ranked micro-influential shortlists,
  with its option objects :class:`MicroBand`, :class:`Vetting`, :class:`Constraints`
  and :class:`Cascade`;
* :class:`Network` is the graph core, read and written by :func:`read_network` and
  :func:`write_network`; :class:`Target` is a target audience;
* :func:`measures`, :func:`targeted_reach` and :func:`expected_reach` give measures as
  pandas objects;
* the exception hierarchy rooted at :class:`InfnetError`.

Array-level measures live in :mod:`infnet.algorithms` (named once in
:mod:`infnet.registry`), strength models in :mod:`infnet.ties`, the ``where``
expression language in :mod:`infnet.expressions`, generators in
:mod:`infnet.synthetic`. The layout is described in ``docs/architecture.md``.
"""

from __future__ import annotations

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
from infnet.fitting import fit_weights
from infnet.io import read_network, write_network
from infnet.network import Network
from infnet.options import Cascade, Constraints, MicroBand
from infnet.ranking import rank_influentials
from infnet.selection import Vetting
from infnet.service import rank_influentials_from_dict
from infnet.tables import expected_reach, measures, targeted_reach
from infnet.targets import Target

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
    "expected_reach",
    "fit_weights",
    "measures",
    "rank_influentials",
    "rank_influentials_from_dict",
    "read_network",
    "targeted_reach",
    "write_network",
]


def __dir__() -> list[str]:
    return __all__
