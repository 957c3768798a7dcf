r"""The vectorised scoring kernel: normalise features, weight them, decompose scores.

Given a raw feature matrix :math:`X` of shape ``(n_actors, n_features)``, the kernel

1. turns each column into a *desirability* in [0, 1] (1 = best), flipping columns
   where lower is better;
2. multiplies by non-negative weights :math:`\beta_j` normalised to sum to 1;
3. returns the scores :math:`\text{score}_i = \sum_j c_{ij}` together with the
   contributions :math:`c_{ij} = \beta_j \, z_{ij}`, so every score decomposes exactly
   into per-feature parts, and lies in [0, 1].

Pure NumPy over whole columns: O(n_actors * n_features) for ``"minmax"`` and
``"max"``, plus a sort per column for ``"rank"``. Filters do not enter the kernel:
they become masks in :mod:`infnet.selection`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Literal

import numpy as np
from scipy import stats

from infnet._typing import FloatArray
from infnet._validation import check_option
from infnet.exceptions import InvalidParameterError

__all__ = ["NORMALIZATIONS", "Normalization", "normalize", "score"]

Normalization = Literal["rank", "minmax", "max", "zscore"]
NORMALIZATIONS: tuple[str, ...] = ("rank", "minmax", "max", "zscore")


def normalize(
    X: FloatArray,
    *,
    higher_is_better: Sequence[bool] | np.ndarray | None = None,
    method: Normalization = "rank",
    mask: np.ndarray | None = None,
) -> FloatArray:
    r"""Map each feature column to a desirability in [0, 1].

    Methods, per column :math:`x` (after negating it when lower is better):

    * ``"rank"``: :math:`(\operatorname{rank}(x) - 1) / (m - 1)` with average ranks
      for ties (values equal to 1e-9 of the column's scale tie); robust to the heavy
      tails of reach and audience.
    * ``"minmax"``: :math:`(x - \min x) / (\max x - \min x)`.
    * ``"max"``: :math:`x / \max |x|`, clipped to [0, 1]; keeps ratios (a
      share stays a share).
    * ``"zscore"``: the standard normal CDF of :math:`(x - \bar x) / \sigma`.

    Parameters
    ----------
    X : ndarray of shape (n_actors, n_features)
        Raw feature values; NaN marks an undefined value.
    higher_is_better : sequence of bool of length n_features, optional
        False for columns where lower values are better. Default: all True.
    method : {"rank", "minmax", "max", "zscore"}, default="rank"
        Normalisation.
    mask : ndarray of bool of shape (n_actors,), optional
        Actors whose values define the scale (for example the eligible ones);
        all actors by default. Every actor is still normalised on that scale.

    Returns
    -------
    ndarray of shape (n_actors, n_features)
        Values in [0, 1]; NaN inputs become 0 (least desirable); a constant column
        becomes 0.

    Raises
    ------
    InvalidParameterError
        For an unknown method or shapes that do not match.

    Notes
    -----
    A column with no spread carries no information and scores 0 for everyone, so it
    never decides a ranking. With ``mask``, ``"rank"`` places unmasked actors by
    interpolation in the masked distribution.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1.0, 0.1], [3.0, 0.5], [2.0, np.nan]])
    >>> normalize(X, higher_is_better=[True, False]).round(2).tolist()
    [[0.0, 1.0], [1.0, 0.0], [0.5, 0.0]]
    """
    check_option(method, name="method", caller="normalize", options=NORMALIZATIONS)
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2:
        msg = f"`X` of normalize must be 2-D (n_actors, n_features); got shape {X.shape}."
        raise InvalidParameterError(msg)
    n, f = X.shape
    hib = np.ones(f, dtype=bool) if higher_is_better is None else np.asarray(higher_is_better, bool)
    if hib.shape != (f,):
        msg = f"`higher_is_better` of normalize must have {f} entries; got {hib.shape[0]}."
        raise InvalidParameterError(msg)
    ref = np.ones(n, dtype=bool) if mask is None else np.asarray(mask, dtype=bool)
    Z = np.where(hib, X, -X)
    out = np.zeros_like(Z)

    def column(j: int) -> None:
        col = Z[:, j]
        finite = np.isfinite(col)
        base = col[finite & ref]
        if base.size == 0 or np.ptp(base) == 0:
            return
        if method == "rank":
            # Quantise to 1e-9 of the column's scale first, so that values equal up to
            # floating-point summation order (which depends on actor order) tie.
            scale = np.abs(base).max()
            sorted_base = np.sort(np.round(base / scale, 9))
            q = np.round(col[finite] / scale, 9)
            # search sorted queries: a merge-like, cache-friendly pass (3x faster at 1M)
            order = np.argsort(q)
            sq = q[order]
            avg_rank = np.empty(q.size)
            avg_rank[order] = (
                np.searchsorted(sorted_base, sq, side="left")
                + np.searchsorted(sorted_base, sq, side="right") - 1
            ) / 2.0  # 0-based average rank among the reference
            z = avg_rank / (sorted_base.size - 1)
        elif method == "minmax":
            z = (col[finite] - base.min()) / np.ptp(base)
        elif method == "max":
            top = np.abs(base).max()
            z = col[finite] / top
        else:
            z = stats.norm.cdf((col[finite] - base.mean()) / base.std())
        out[finite, j] = np.clip(z, 0.0, 1.0)

    if n * f >= 1_000_000:
        # numpy's sorts and searches release the GIL: one thread per core over columns
        with ThreadPoolExecutor(max_workers=min(f, os.cpu_count() or 1)) as pool:
            list(pool.map(column, range(f)))
    else:
        for j in range(f):  # loop over features (a handful), never over actors
            column(j)
    return out


def score(
    Z: FloatArray, weights: Sequence[float] | np.ndarray
) -> tuple[FloatArray, FloatArray]:
    r"""Weight normalised features into scores and per-feature contributions.

    .. math::

        c_{ij} = \frac{\beta_j}{\sum_k \beta_k} z_{ij}, \qquad
        \text{score}_i = \sum_j c_{ij}

    Parameters
    ----------
    Z : ndarray of shape (n_actors, n_features)
        Desirabilities in [0, 1] (see `normalize`).
    weights : sequence of float of length n_features
        Non-negative feature weights, not all zero; rescaled to sum to 1.

    Returns
    -------
    scores : ndarray of shape (n_actors,)
        In [0, 1].
    contributions : ndarray of shape (n_actors, n_features)
        Rows sum to `scores` (exactly, up to floating point).

    Raises
    ------
    InvalidParameterError
        For negative, non-finite or all-zero weights, or mismatched shapes.

    Examples
    --------
    >>> import numpy as np
    >>> s, c = score(np.array([[1.0, 0.0], [0.5, 1.0]]), [3, 1])
    >>> s.tolist(), c.tolist()
    ([0.75, 0.625], [[0.75, 0.0], [0.375, 0.25]])
    """
    Z = np.asarray(Z, dtype=np.float64)
    beta = np.asarray(weights, dtype=np.float64)
    if Z.ndim != 2 or beta.shape != (Z.shape[1],):
        msg = f"`weights` of score must have one entry per feature ({Z.shape[-1]}); got {beta.shape}."
        raise InvalidParameterError(msg)
    if not np.isfinite(beta).all() or (beta < 0).any() or beta.sum() <= 0:
        msg = f"`weights` of score must be finite, >= 0 and not all zero; got {beta.tolist()}."
        raise InvalidParameterError(msg)
    contributions = Z * (beta / beta.sum())
    return contributions.sum(axis=1), contributions
