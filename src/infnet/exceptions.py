"""Exceptions and warnings raised by infnet.

Every error infnet raises on purpose is an :class:`InfnetError`, so a service can
catch the whole family in one ``except`` clause. Each concrete error also derives
from the matching built-in (``ValueError``, ``TypeError``, ``RuntimeError``), so code
written against the built-ins keeps working.

Examples
--------
>>> from infnet.exceptions import InfnetError, InvalidNetworkError
>>> issubclass(InvalidNetworkError, ValueError)
True
>>> issubclass(InvalidNetworkError, InfnetError)
True
"""

from __future__ import annotations

__all__ = [
    "ApproximationWarning",
    "ConvergenceError",
    "EmptyTargetError",
    "InfnetError",
    "InfnetTypeError",
    "InfnetWarning",
    "InvalidFileError",
    "InvalidNetworkError",
    "InvalidParameterError",
    "MissingColumnError",
    "NotFittedError",
    "ResourceLimitError",
    "UnknownActorError",
]


class InfnetError(Exception):
    """Base class of every error infnet raises on purpose."""


class InfnetTypeError(InfnetError, TypeError):
    """An argument has the wrong type (for example a ``RandomState`` as ``rng``)."""


class InvalidNetworkError(InfnetError, ValueError):
    """The actors or ties given to build a network break a rule of the model."""


class MissingColumnError(InvalidNetworkError):
    """A column named in a mapping is absent from the frame it should be in."""


class UnknownActorError(InvalidNetworkError):
    """Ties or a target name actor ids that are not in the network."""


class InvalidFileError(InvalidNetworkError):
    """A file cannot be read as a table.

    Missing, a directory, empty, ragged, in an unknown encoding, wrongly compressed,
    or not CSV / Parquet at all. The message names the file and, where known, the line.
    """


class InvalidParameterError(InfnetError, ValueError):
    """A parameter value is outside its documented range or options."""


class ResourceLimitError(InvalidParameterError):
    """A requested size exceeds what infnet will attempt, or the memory it needs.

    Sizes are sets to sample, hops, shortlist length, expression length. The message names the parameter and the limit.
    """


class EmptyTargetError(InfnetError, ValueError):
    """A target audience selects no actor, or only actors of zero value."""


class NotFittedError(InfnetError, ValueError, AttributeError):
    """An estimator's results were read before ``fit`` was called."""


class ConvergenceError(InfnetError, RuntimeError):
    """An iterative solver stopped before reaching its tolerance.

    Parameters
    ----------
    message : str
        What failed and how to fix it.
    n_iter : int
        Iterations performed.
    residual : float
        Residual (L1 change of the last iteration) when the solver stopped.
    """

    def __init__(self, message: str, *, n_iter: int, residual: float) -> None:
        super().__init__(message)
        self.n_iter = n_iter
        self.residual = residual


class InfnetWarning(UserWarning):
    """Something was accepted but probably not what the caller meant."""


class ApproximationWarning(InfnetWarning):
    """A result is an estimate whose error bound may not hold as asked."""
