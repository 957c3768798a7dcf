r"""The vectorised scoring kernel: normalise features, weight them, decompose scores.

Given a raw feature matrix :math:`X` of shape ``(n_actors, n_features)``, the kernel

1. turns each column into a *desirability* in [0, 1] (1 = best), flipping columns
   where lower is better;
2. multiplies by non-negative weights :math:`\beta_j` normalised to sum to 1;
3. returns the scores :math:`\text{score}_i = \sum_j c_{ij}` together with the
   contributions :math:`c_{ij} = \beta_j \, z_{ij}`, so every score decomposes
   into per-feature parts, and lies in [0, 1].

Pure NumPy over whole columns: O(n_actors * n_features) for ``"minmax"`` and
``"max"``, plus a sort per column for ``"rank"`` and ``"zscore"``. Filters do not
enter the kernel: they become masks in :mod:`infnet.selection`.

Numerical contract (every method, any finite or infinite float64 input):

* no NaN and no value outside [0, 1] comes out; NaN (undefined) inputs map to 0;
* nothing overflows or underflows on the way: each column is divided by the power of
  two just above its largest finite magnitude (exact, no rounding) before any
  difference, mean or standard deviation is taken, so
  columns of subnormal (5e-324) or huge (1e308) values, or both, normalise like
  columns of ordinary numbers;
* order is preserved within a column: a strictly better raw value never gets a
  smaller desirability (ties may merge, never swap);
* results are identical under any permutation of the actors (rows) and any number of
  threads: column statistics are taken over sorted values.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Literal, NamedTuple, overload

import numpy as np
from scipy import special

from infnet._typing import BoolArray, FloatArray, IntArray
from infnet._validation import check_bool, check_n_jobs, check_option
from infnet.exceptions import InfnetTypeError, InvalidParameterError

__all__ = ["NORMALIZATIONS", "Normalization", "NormalizeResult", "normalize", "score"]

Normalization = Literal["rank", "minmax", "max", "zscore"]
NORMALIZATIONS: tuple[str, ...] = ("rank", "minmax", "max", "zscore")

#: Relative resolution of ``"rank"``: values closer than this fraction of the column's
#: largest finite magnitude tie (absorbs summation-order noise in the features).
RANK_DECIMALS = 9

#: Below this many matrix entries the columns are normalised on one thread.
_PARALLEL_MIN_ENTRIES = 1_000_000

_log = logging.getLogger("infnet.kernel")


class NormalizeResult(NamedTuple):
    """What `normalize` returns with ``full_output=True``.

    Attributes
    ----------
    values : ndarray of shape (n_actors, n_features)
        The desirabilities in [0, 1] (what ``full_output=False`` returns).
    constant : ndarray of bool of shape (n_features,)
        True for columns that carry no information (all reference values equal,
        undefined or absent); their `values` are all 0.
    n_undefined : ndarray of int of shape (n_features,)
        Number of NaN (undefined) inputs per column; each was mapped to 0.
    """

    values: FloatArray
    constant: BoolArray
    n_undefined: IntArray


# --------------------------------------------------------------------------- validation
def _as_matrix(X: Any, *, name: str, caller: str) -> FloatArray:
    """Return a 2-D float64 view (or copy) of a numeric, non-bool array; never modified."""
    if X is None or isinstance(X, (str, bytes)):
        msg = (
            f"`{name}` of {caller} must be a 2-D numeric array (n_actors, n_features); "
            f"got {type(X).__name__}."
        )
        raise InfnetTypeError(msg)
    try:
        arr = np.asarray(X)
    except (ValueError, TypeError) as exc:  # ragged nested lists
        msg = (
            f"`{name}` of {caller} must be a rectangular 2-D numeric array "
            f"(n_actors, n_features); it could not be read as one ({exc})."
        )
        raise InvalidParameterError(msg) from None
    if arr.dtype == np.bool_ or arr.dtype.kind not in "iuf":
        msg = (
            f"`{name}` of {caller} must hold int or float numbers; got dtype {arr.dtype}."
        )
        if arr.dtype == np.bool_:
            msg += " Convert a boolean column with X.astype(float)."
        elif arr.dtype.kind == "O":
            msg += " Convert it with np.asarray(X, dtype=float) (None becomes NaN)."
        raise InfnetTypeError(msg)
    if arr.ndim != 2:
        msg = (
            f"`{name}` of {caller} must be 2-D (n_actors, n_features); got shape {arr.shape}."
        )
        raise InvalidParameterError(msg)
    with np.errstate(over="ignore"):  # checked just below
        out = np.asarray(arr, dtype=np.float64)
    if arr.dtype.kind == "f" and arr.dtype.itemsize > 8:  # long double: may overflow float64
        born_inf = np.isinf(out) & ~np.isinf(arr)
        if born_inf.any():
            i, j = (int(v) for v in np.argwhere(born_inf)[0])
            msg = (
                f"`{name}` of {caller} holds values beyond the float64 range "
                f"(|x| > 1.8e308), first at row {i}, column {j}; rescale the column."
            )
            raise InvalidParameterError(msg)
    return out


def _check_directions(higher_is_better: Any, n_features: int, caller: str) -> BoolArray:
    if higher_is_better is None:
        return np.ones(n_features, dtype=bool)
    if isinstance(higher_is_better, np.ndarray) and higher_is_better.dtype == np.bool_:
        hib = higher_is_better
    else:
        if isinstance(higher_is_better, (str, bytes, dict)) or not hasattr(
            higher_is_better, "__iter__"
        ):
            msg = (
                f"`higher_is_better` of {caller} must be a sequence of {n_features} bools; "
                f"got {type(higher_is_better).__name__}."
            )
            raise InfnetTypeError(msg)
        items = list(higher_is_better)
        if len(items) != n_features:
            msg = (
                f"`higher_is_better` of {caller} must have {n_features} entries (one per "
                f"feature); got {len(items)}."
            )
            raise InvalidParameterError(msg)
        for j, v in enumerate(items):
            check_bool(v, name=f"higher_is_better[{j}]", caller=caller)
        hib = np.array([bool(v) for v in items], dtype=bool)
    if hib.shape != (n_features,):
        msg = (
            f"`higher_is_better` of {caller} must have shape ({n_features},) (one per "
            f"feature); got shape {hib.shape}."
        )
        raise InvalidParameterError(msg)
    return hib


def _check_mask(mask: Any, n_actors: int, caller: str) -> BoolArray:
    if mask is None:
        return np.ones(n_actors, dtype=bool)
    arr = np.asarray(mask)
    if arr.dtype != np.bool_:
        msg = (
            f"`mask` of {caller} must be a boolean array of shape ({n_actors},); got dtype "
            f"{arr.dtype}. Build it with a comparison, e.g. values > 0."
        )
        raise InfnetTypeError(msg)
    if arr.shape != (n_actors,):
        msg = (
            f"`mask` of {caller} must have shape ({n_actors},) (one entry per actor); got "
            f"shape {arr.shape}."
        )
        raise InvalidParameterError(msg)
    if n_actors and not arr.any():
        msg = (
            f"`mask` of {caller} selects no actor, so no column has a scale; pass "
            "mask=None to use every actor."
        )
        raise InvalidParameterError(msg)
    return arr


def _check_weights(weights: Any, n_features: int, caller: str) -> FloatArray:
    if weights is None or isinstance(weights, (str, bytes, dict)):
        msg = (
            f"`weights` of {caller} must be a sequence of {n_features} numbers (one entry "
            f"per feature); got {type(weights).__name__}."
        )
        raise InfnetTypeError(msg)
    arr = np.asarray(weights)
    if arr.dtype == np.bool_ or arr.dtype.kind not in "iuf":
        msg = f"`weights` of {caller} must be int or float numbers; got dtype {arr.dtype}."
        raise InfnetTypeError(msg)
    if arr.shape != (n_features,):
        msg = (
            f"`weights` of {caller} must have one entry per feature ({n_features}); got "
            f"shape {arr.shape}."
        )
        raise InvalidParameterError(msg)
    beta = np.asarray(arr, dtype=np.float64)
    bad = ~(np.isfinite(beta) & (beta >= 0))
    if bad.any():
        j = int(np.flatnonzero(bad)[0])
        msg = (
            f"`weights` of {caller} must be finite, >= 0 and not all zero; weights[{j}] is "
            f"{float(beta[j])!r} ({int(bad.sum())} bad in all)."
        )
        raise InvalidParameterError(msg)
    if n_features and not (beta > 0).any():
        msg = f"`weights` of {caller} must be finite, >= 0 and not all zero; every weight is 0."
        raise InvalidParameterError(msg)
    return beta


# --------------------------------------------------------------------------- columns
def _column(
    x: FloatArray, higher: bool, ref: BoolArray, method: str
) -> tuple[FloatArray, bool]:
    """Desirability of one column and whether it is constant. Vectorised over actors."""
    z = np.zeros(x.shape, dtype=np.float64)
    defined = ~np.isnan(x)
    # "max" keeps the sign of the data and flips the desirability; the others negate.
    v = x if (higher or method == "max") else -x
    all_defined = bool(defined.all())
    all_ref = bool(ref.all())
    # reference values, infinities included (no copy in the common all-actors case)
    base = v if (all_defined and all_ref) else v[defined & ref]
    if base.size == 0:
        return z, True
    finite_base = np.isfinite(base)
    base_fin = base if finite_base.all() else base[finite_base]
    # the largest finite magnitude: the scale of every method (x / m or x / 2**e)
    m = float(np.abs(base_fin).max()) if base_fin.size else 0.0
    with np.errstate(over="ignore", under="ignore", invalid="ignore", divide="ignore"):
        if method == "rank":
            scale = m if m > 0 else 1.0
            # Quantise to 1e-9 of the column's scale, so that values equal up to
            # floating-point summation order (which depends on actor order) tie.
            q = np.round((v if all_defined else v[defined]) / scale, RANK_DECIMALS)
            order = np.argsort(q)  # sorted queries: cache-friendly searches
            sq = q[order]
            if all_defined and all_ref:  # the reference is the queries: one sort
                sorted_base = sq
            else:
                sorted_base = np.sort(np.round(base / scale, RANK_DECIMALS))
            if sorted_base[0] == sorted_base[-1]:
                return z, True
            avg_rank = np.empty(q.size)
            avg_rank[order] = (
                np.searchsorted(sorted_base, sq, side="left")
                + np.searchsorted(sorted_base, sq, side="right")
                - 1
            ) / 2.0  # 0-based average rank among the reference
            z[defined] = avg_rank / (sorted_base.size - 1)
            return np.clip(z, 0.0, 1.0, out=z), False
        if base.min() == base.max():  # one distinct value (finite or infinite)
            return z, True
        fin = np.isfinite(v)
        spread = base_fin.size >= 2 and base_fin.min() < base_fin.max()
        # Scale by the power of two 2**e just above m: exact (no rounding, unlike x / m),
        # so ordinary columns give the textbook result to the last bit, while the
        # scaled values lie in [-1, 1] and their differences and squares cannot
        # overflow, nor (for subnormal columns) underflow.
        e = int(np.frexp(m)[1])
        if method == "minmax":
            if spread:
                lo = np.ldexp(base_fin.min(), -e)
                width = np.ldexp(base_fin.max(), -e) - lo  # > 0, <= 2
                z[fin] = (np.ldexp(v[fin], -e) - lo) / width
            z[v == np.inf] = 1.0
        elif method == "max":
            if m > 0:
                z[fin] = v[fin] / m
            z[v == np.inf] = 1.0
            np.clip(z, 0.0, 1.0, out=z)
            if not higher:
                z = 1.0 - z
        else:  # zscore
            if spread:
                u = np.sort(np.ldexp(base_fin, -e))  # sorted: the same sums in any actor order
                mean = u.mean()
                sd = float(np.sqrt(np.mean((u - mean) ** 2)))
                if sd > 0:
                    z[fin] = special.ndtr((np.ldexp(v[fin], -e) - mean) / sd)
            z[v == np.inf] = 1.0
        z[~defined] = 0.0
    return np.clip(z, 0.0, 1.0, out=z), False


@overload
def normalize(
    X: Any,
    *,
    higher_is_better: Sequence[bool] | np.ndarray | None = ...,
    method: Normalization = ...,
    mask: np.ndarray | None = ...,
    full_output: Literal[False] = ...,
    n_jobs: int | None = ...,
    caller: str = ...,
) -> FloatArray: ...


@overload
def normalize(
    X: Any,
    *,
    higher_is_better: Sequence[bool] | np.ndarray | None = ...,
    method: Normalization = ...,
    mask: np.ndarray | None = ...,
    full_output: Literal[True],
    n_jobs: int | None = ...,
    caller: str = ...,
) -> NormalizeResult: ...


def normalize(
    X: Any,
    *,
    higher_is_better: Sequence[bool] | np.ndarray | None = None,
    method: Normalization = "rank",
    mask: np.ndarray | None = None,
    full_output: bool = False,
    n_jobs: int | None = None,
    caller: str = "normalize",
) -> FloatArray | NormalizeResult:
    r"""Map each feature column to a desirability in [0, 1].

    Methods, per column :math:`x` (after negating it when lower is better, except for
    ``"max"``), with :math:`m` the column's largest finite magnitude over the
    reference actors and :math:`u = x / 2^e`, :math:`2^{e-1} \le m < 2^e` (an exact
    rescaling into [-1, 1]):

    * ``"rank"``: :math:`(\operatorname{rank}(x) - 1) / (r - 1)` over the :math:`r`
      reference values, with average ranks for ties (values equal to 1e-9 of
      :math:`m` tie); robust to the heavy tails of reach and audience. Infinite
      values rank above (``inf``) or below (``-inf``) every finite one.
    * ``"minmax"``: :math:`(u - \min u) / (\max u - \min u)`, which equals
      :math:`(x - \min x) / (\max x - \min x)` but cannot overflow.
    * ``"max"``: :math:`x / m` clipped to [0, 1] when higher is better,
      :math:`1 - x / m` (clipped likewise) when lower is better; keeps ratios (a
      share stays a share). Meant for non-negative columns: negative values map to
      the worst end.
    * ``"zscore"``: the standard normal CDF of :math:`(u - \bar u) / \sigma_u`
      (the z-score of :math:`x`, computed on the scaled values so the standard
      deviation of subnormal or huge columns neither underflows nor overflows).

    Parameters
    ----------
    X : array-like of shape (n_actors, n_features)
        Raw feature values (int or float); NaN marks an undefined value, ``inf`` and
        ``-inf`` are accepted. Never modified.
    higher_is_better : sequence of bool of length n_features, optional
        False for columns where lower values are better. Default: all True.
    method : {"rank", "minmax", "max", "zscore"}, default="rank"
        Normalisation.
    mask : ndarray of bool of shape (n_actors,), optional
        Actors whose values define the scale (for example the eligible ones);
        all actors by default. Every actor is still normalised on that scale. Must
        select at least one actor.
    full_output : bool, default=False
        Return a `NormalizeResult` (values, constant columns, undefined counts)
        instead of the values alone.
    n_jobs : int, optional
        Threads over columns for large inputs (at least 1e6 entries); None or -1 for
        every usable core. The result does not depend on it.
    caller : str, default="normalize"
        Public function named in error messages (a facade passes its own name).

    Returns
    -------
    ndarray of shape (n_actors, n_features) or NormalizeResult
        Values in [0, 1] (never NaN): 1 is best. NaN inputs become 0 (least
        desirable); after orientation ``inf`` becomes 1 and ``-inf`` 0 (for
        ``"rank"``, their rank); a constant column becomes 0 for every actor.

    Raises
    ------
    InfnetTypeError
        For a non-numeric or boolean `X`, non-bool `higher_is_better` entries or
        `full_output`, or a non-boolean `mask`.
    InvalidParameterError
        For an unknown method, a `X` that is not 2-D, mismatched shapes, or a mask
        that selects no actor.

    See Also
    --------
    score : Weight the desirabilities into scores and contributions.

    Notes
    -----
    **Constant columns.** A column whose non-NaN reference values are all equal
    (for ``"rank"``: equal after the 1e-9 quantisation), all NaN, or absent from the
    reference carries no information. It maps to 0 for every actor, so it never
    decides a ranking, and it is reported: in ``NormalizeResult.constant`` with
    ``full_output=True`` (the caller names the feature), else on the
    ``infnet.kernel`` logger (INFO), naming the column index.

    **Infinite values** do not enter the scale (:math:`m`, mean, deviation); a column
    whose finite reference values have no spread maps its finite values to 0 (to 1
    for ``"max"`` with lower is better and :math:`m = 0`) and its infinities to the
    ends.

    **Order.** Within a column, a strictly better value never gets a smaller
    desirability, for every method (``"zscore"`` through a monotone CDF). With
    `mask`, ``"rank"`` places unmasked actors by interpolation in the masked
    distribution and the other methods clip them to [0, 1].

    Cost: O(n_actors * n_features), plus a sort per column for ``"rank"`` and
    ``"zscore"``; memory a few columns of float64.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1.0, 0.1], [3.0, 0.5], [2.0, np.nan]])
    >>> normalize(X, higher_is_better=[True, False]).round(2).tolist()
    [[0.0, 1.0], [1.0, 0.0], [0.5, 0.0]]

    Subnormal and huge columns normalise like ordinary ones; a constant column is
    flagged:

    >>> X = np.array([[2.2e-309, -1e308, 7.0], [0.0, 1e308, 7.0]])
    >>> res = normalize(X, method="zscore", full_output=True)
    >>> res.values.round(3).tolist(), res.constant.tolist()
    ([[0.841, 0.159, 0.0], [0.159, 0.841, 0.0]], [False, False, True])
    """
    check_option(method, name="method", caller=caller, options=NORMALIZATIONS)
    full = check_bool(full_output, name="full_output", caller=caller)
    arr = _as_matrix(X, name="X", caller=caller)
    n, f = arr.shape
    hib = _check_directions(higher_is_better, f, caller)
    ref = _check_mask(mask, n, caller)
    threads = check_n_jobs(n_jobs, caller=caller)

    out = np.zeros((n, f), dtype=np.float64)
    constant = np.zeros(f, dtype=bool)

    def column(j: int) -> None:
        z, const = _column(arr[:, j], bool(hib[j]), ref, method)
        out[:, j] = z
        constant[j] = const

    if n * f >= _PARALLEL_MIN_ENTRIES and threads > 1 and f > 1:
        # numpy's sorts and searches release the GIL: columns are independent, so the
        # result is the same on any number of threads
        with ThreadPoolExecutor(max_workers=min(f, threads)) as pool:
            list(pool.map(column, range(f)))
    else:
        for j in range(f):  # loop over features (a handful), never over actors
            column(j)
    n_undefined = np.isnan(arr).sum(axis=0).astype(np.int64)
    if full:
        return NormalizeResult(out, constant, n_undefined)
    if constant.any():
        _log.info(
            "%s: column(s) %s carry no information (constant, undefined or absent among "
            "the reference actors) and score 0 for every actor.",
            caller,
            np.flatnonzero(constant).tolist(),
        )
    return out


def score(
    Z: Any, weights: Sequence[float] | np.ndarray, *, caller: str = "score"
) -> tuple[FloatArray, FloatArray]:
    r"""Weight normalised features into scores and per-feature contributions.

    .. math::

        c_{ij} = \frac{\beta_j}{\sum_k \beta_k} z_{ij}, \qquad
        \text{score}_i = \sum_j c_{ij}

    Parameters
    ----------
    Z : array-like of shape (n_actors, n_features)
        Desirabilities in [0, 1] (see `normalize`).
    weights : sequence of float of length n_features
        Non-negative, finite feature weights, not all zero; rescaled to sum to 1
        (first divided by the largest, so weights up to 1.8e308 neither overflow nor
        vanish; a weight below ~1e-308 of the largest counts as 0).
    caller : str, default="score"
        Public function named in error messages.

    Returns
    -------
    scores : ndarray of shape (n_actors,)
        In [0, 1] (up to ``n_features * 2**-52`` above 1 from rounding).
    contributions : ndarray of shape (n_actors, n_features)
        Non-negative; each row sums to its score within a relative
        ``n_features * 2**-53`` (``scores`` is their floating-point row sum).

    Raises
    ------
    InfnetTypeError
        For non-numeric or boolean `Z` or `weights`.
    InvalidParameterError
        For `Z` that is not 2-D or has values outside [0, 1] (NaN included), for
        negative, non-finite or all-zero weights, or mismatched shapes.

    See Also
    --------
    normalize : Build `Z` from raw features.

    Examples
    --------
    >>> import numpy as np
    >>> s, c = score(np.array([[1.0, 0.0], [0.5, 1.0]]), [3, 1])
    >>> s.tolist(), c.tolist()
    ([0.75, 0.625], [[0.75, 0.0], [0.375, 0.25]])

    Huge weights keep their ratio:

    >>> score(np.array([[1.0, 0.0], [0.0, 1.0]]), [3e307, 1e308])[0].round(3).tolist()
    [0.231, 0.769]
    """
    Zf = _as_matrix(Z, name="Z", caller=caller)
    beta = _check_weights(weights, Zf.shape[1], caller)
    bad = ~((Zf >= 0.0) & (Zf <= 1.0))
    if bad.any():
        i, j = (int(v) for v in np.argwhere(bad)[0])
        msg = (
            f"`Z` of {caller} must hold desirabilities in [0, 1] (see normalize); "
            f"Z[{i}, {j}] is {float(Zf[i, j])!r} ({int(bad.sum())} bad in all)."
        )
        raise InvalidParameterError(msg)
    if beta.size:
        beta = beta / beta.max()  # in [0, 1] with max 1: the sum below is in [1, n_features]
        beta = beta / beta.sum()
    contributions = Zf * beta
    return contributions.sum(axis=1), contributions
