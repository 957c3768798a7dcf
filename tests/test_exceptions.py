"""The InfnetError hierarchy: one family, each error also the matching built-in."""

from __future__ import annotations

import warnings

import pytest

import infnet
from infnet import exceptions as ex


@pytest.mark.parametrize(
    ("error", "bases"),
    [
        (ex.InfnetTypeError, (ex.InfnetError, TypeError)),
        (ex.InvalidNetworkError, (ex.InfnetError, ValueError)),
        (ex.MissingColumnError, (ex.InvalidNetworkError, ValueError)),
        (ex.UnknownActorError, (ex.InvalidNetworkError, ValueError)),
        (ex.InvalidParameterError, (ex.InfnetError, ValueError)),
        (ex.EmptyTargetError, (ex.InfnetError, ValueError)),
        (ex.NotFittedError, (ex.InfnetError, ValueError, AttributeError)),
        (ex.ConvergenceError, (ex.InfnetError, RuntimeError)),
    ],
)
def test_hierarchy(error: type[Exception], bases: tuple[type, ...]) -> None:
    for base in bases:
        assert issubclass(error, base)
    assert issubclass(error, Exception)
    assert not issubclass(error, Warning)


def test_every_exception_is_exported() -> None:
    for name in ex.__all__:
        assert getattr(infnet, name, getattr(ex, name)) is getattr(ex, name)
    for name in ("InfnetError", "InvalidNetworkError", "InvalidParameterError", "UnknownActorError"):
        assert name in infnet.__all__


def test_convergence_error_carries_state() -> None:
    err = ex.ConvergenceError("pagerank did not converge", n_iter=100, residual=1e-3)
    assert (err.n_iter, err.residual, str(err)) == (100, 1e-3, "pagerank did not converge")
    with pytest.raises(RuntimeError, match="did not converge"):
        raise err


def test_warnings() -> None:
    assert issubclass(ex.InfnetWarning, UserWarning)
    assert issubclass(ex.ApproximationWarning, ex.InfnetWarning)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.warn("approximate", ex.ApproximationWarning, stacklevel=1)
    assert caught[0].category is ex.ApproximationWarning


def test_one_except_clause_catches_the_family() -> None:
    raised = []
    for error in (ex.MissingColumnError, ex.InfnetTypeError, ex.EmptyTargetError):
        try:
            msg = "x"
            raise error(msg)
        except ex.InfnetError as exc:
            raised.append(type(exc))
    assert raised == [ex.MissingColumnError, ex.InfnetTypeError, ex.EmptyTargetError]
