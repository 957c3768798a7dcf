"""Tie strength: derived from interaction data or from neighbourhood overlap.

A tie's **strength** lies in (0, 1]. When the data hold no strength column, a
*strength model* derives it while the network is built::

    Network.from_frames(actors, ties, strength=FromInteractions(count="emails"))

Two models are provided, each a frozen dataclass with a documented formula:

* :class:`FromInteractions` — how often, how recently and how reciprocally two
  actors interact (Granovetter's amount of time, intensity and reciprocity [1]_;
  frequency and recency as measured indicators, Marsden & Campbell [2]_).
* :class:`FromOverlap` — how many neighbours the two ends share (Onnela et al. [3]_):
  ties inside dense clusters are strong, bridges between clusters are weak.

A tie is **strong** when its strength is at or above a threshold (default 0.5,
:attr:`infnet.Network.strong_threshold`), else **weak**.

References
----------
.. [1] Granovetter, M. S. (1973). The strength of weak ties. American Journal of
   Sociology, 78(6), 1360-1380. https://doi.org/10.1086/225469
.. [2] Marsden, P. V., & Campbell, K. E. (1984). Measuring tie strength. Social
   Forces, 63(2), 482-501. https://doi.org/10.1093/sf/63.2.482
.. [3] Onnela, J.-P., et al. (2007). Structure and tie strengths in mobile
   communication networks. PNAS, 104(18), 7332-7336.
   https://doi.org/10.1073/pnas.0610245104
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from infnet._sparse import common_neighbours, undirected_pattern
from infnet._typing import FloatArray, IntArray
from infnet._validation import check_float, closest, format_ids
from infnet.exceptions import (
    InfnetTypeError,
    InvalidNetworkError,
    InvalidParameterError,
    MissingColumnError,
)

__all__ = ["MIN_STRENGTH", "FromInteractions", "FromOverlap", "StrengthModel"]

#: Smallest strength a model assigns, so that every observed tie stays a tie.
MIN_STRENGTH = 1e-9


class StrengthModel(ABC):
    """A rule that derives tie strength from tie columns and network structure.

    Subclasses implement :meth:`compute`; :meth:`infnet.Network.from_frames` calls it
    once, after duplicate ties are merged, with one entry per distinct tie (for
    undirected networks, each pair once with ``src < dst``).
    """

    @abstractmethod
    def compute(
        self,
        columns: Mapping[str, np.ndarray],
        src: IntArray,
        dst: IntArray,
        *,
        n_actors: int,
        directed: bool,
    ) -> FloatArray:
        """Return one strength in (0, 1] per tie.

        Parameters
        ----------
        columns : mapping of str to ndarray
            Tie columns (after merging duplicates), aligned with `src` and `dst`.
        src, dst : ndarray of int64
            Tie endpoints as actor positions, sorted by (src, dst).
        n_actors : int
            Number of actors.
        directed : bool
            Whether the network is directed.

        Returns
        -------
        ndarray of float64 of shape (n_ties,)
            Strengths in (0, 1].
        """


def _column(columns: Mapping[str, np.ndarray], name: str, model: str) -> np.ndarray:
    if name not in columns:
        options = [c for c in columns if c != "strength"]
        msg = (
            f"{model} needs the ties column {name!r}, which is absent.{closest(name, options)} "
            f"Columns present: {options!r}."
        )
        raise MissingColumnError(msg)
    return columns[name]


@dataclass(frozen=True)
class FromInteractions(StrengthModel):
    r"""Strength from interaction counts, recency and reciprocity.

    .. math::

        b_{uv} = 1 - e^{-c_{uv} / c_0}, \qquad
        r_{uv} = 2^{-a_{uv} / h}, \qquad
        s_{uv} = 1 - (1 - b_{uv} r_{uv})^{1 + \rho\, m_{uv}}

    where :math:`c_{uv} > 0` is the interaction count, :math:`c_0` the count scale,
    :math:`a_{uv}` the age of the last contact in days, :math:`h` the half-life,
    :math:`m_{uv} = 1` when the reverse tie exists in a directed network (else 0) and
    :math:`\rho` the reciprocity weight. Frequency saturates (the tenth email adds less
    than the second), old contact halves every `half_life_days`, and a mutual tie
    counts as :math:`1 + \rho` times the evidence.

    Parameters
    ----------
    count : str, default="count"
        Ties column with the number of interactions (> 0).
    last_contact : str, optional
        Ties column of datetimes (or anything `pandas.to_datetime` parses) of the last
        interaction. Without it, recency is ignored (:math:`r = 1`).
    half_life_days : float, default=180.0
        Days after which an unrenewed tie has lost half its strength.
    reference_time : str or Timestamp, optional
        "Now" for ages; defaults to the latest `last_contact` in the data, so results
        do not depend on when the code runs.
    count_scale : float, optional
        :math:`c_0`; defaults to the median count, so a median tie (fresh, one-way)
        has strength :math:`1 - e^{-1} \approx 0.63`, just above the default
        strong threshold 0.5.
    reciprocity : float, default=1.0
        :math:`\rho >= 0`; 0 ignores reciprocity. Undirected networks have no
        one-way ties, so it has no effect there.

    See Also
    --------
    FromOverlap : Strength from shared neighbours.

    Notes
    -----
    O(n_ties) time, plus O(n_ties log n_ties) to find reverse ties when directed.
    Strengths are floored at ``MIN_STRENGTH`` (1e-9) so that a very old tie stays a
    tie. Merge repeated interaction rows with ``duplicates="sum"`` to add counts (the
    latest contact is kept).

    References
    ----------
    .. [1] Granovetter, M. S. (1973). The strength of weak ties. American Journal of
       Sociology, 78(6), 1360-1380. https://doi.org/10.1086/225469
    .. [2] Marsden, P. V., & Campbell, K. E. (1984). Measuring tie strength. Social
       Forces, 63(2), 482-501. https://doi.org/10.1093/sf/63.2.482

    Examples
    --------
    >>> import pandas as pd
    >>> from infnet import Network
    >>> from infnet.ties import FromInteractions
    >>> ties = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "a", "c"],
    ...                      "count": [10, 10, 1]})
    >>> net = Network.from_frames(None, ties, strength=FromInteractions(count_scale=5.0))
    >>> net.strength.data.round(3).tolist()
    [0.982, 0.181, 0.982]
    """

    count: str = "count"
    last_contact: str | None = None
    half_life_days: float = 180.0
    reference_time: str | pd.Timestamp | None = None
    count_scale: float | None = None
    reciprocity: float = 1.0

    def __post_init__(self) -> None:
        """Validate the parameters."""
        caller = "FromInteractions"
        for param, value, optional in (("count", self.count, False), ("last_contact", self.last_contact, True)):
            if not (isinstance(value, str) or (optional and value is None)):
                allowed = "a ties column name (str) or None" if optional else "a ties column name (str)"
                msg = f"`{param}` of {caller} must be {allowed}; got {type(value).__name__} {value!r}."
                raise InfnetTypeError(msg)
        if self.reference_time is not None:
            try:
                pd.Timestamp(self.reference_time)
            except (TypeError, ValueError) as exc:
                msg = (
                    f"`reference_time` of {caller} must be a date pandas can parse (e.g. "
                    f"'2024-06-30') or a Timestamp; got {self.reference_time!r}."
                )
                raise InvalidParameterError(msg) from exc
        check_float(self.half_life_days, name="half_life_days", caller=caller, low=0.0, closed="neither")
        check_float(self.reciprocity, name="reciprocity", caller=caller, low=0.0)
        if self.count_scale is not None:
            check_float(self.count_scale, name="count_scale", caller=caller, low=0.0, closed="neither")

    def compute(
        self,
        columns: Mapping[str, np.ndarray],
        src: IntArray,
        dst: IntArray,
        *,
        n_actors: int,
        directed: bool,
    ) -> FloatArray:
        """Return one strength in (0, 1] per tie; see the class docstring for the formula.

        Parameters
        ----------
        columns : mapping of str to ndarray
            Tie columns (after merging duplicates), aligned with `src` and `dst`; must
            hold the `count` column, and the `last_contact` column when it is set.
        src, dst : ndarray of int64
            Tie endpoints as actor positions, sorted by (src, dst).
        n_actors : int
            Number of actors (used to find reverse ties).
        directed : bool
            Whether the network is directed; reciprocity applies only then.

        Returns
        -------
        ndarray of float64 of shape (n_ties,)
            Strengths in ``[MIN_STRENGTH, 1]``.

        Raises
        ------
        MissingColumnError
            When the `count` or `last_contact` column is absent.
        InvalidNetworkError
            For counts that are not real numbers (booleans, complex, text), not finite
            or not > 0, and for last-contact dates that are missing or unparseable.
        """
        raw = np.asarray(_column(columns, self.count, "FromInteractions"))
        if raw.dtype == np.bool_ or raw.dtype.kind == "c":
            what = "booleans" if raw.dtype == np.bool_ else "complex numbers"
            msg = (
                f"ties column {self.count!r} (interaction count) must hold real numbers; it "
                f"holds {what} (dtype {raw.dtype})."
            )
            raise InvalidNetworkError(msg)
        try:
            if raw.dtype == object and pd.api.types.infer_dtype(raw, skipna=True) not in (
                "integer", "floating", "mixed-integer-float", "decimal", "empty",
            ):
                raise TypeError  # noqa: TRY301 - one message for every non-numeric column
            counts = np.asarray(raw, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            msg = f"ties column {self.count!r} (interaction count) must be numeric; got dtype {raw.dtype}."
            raise InvalidNetworkError(msg) from exc
        bad = ~(np.isfinite(counts) & (counts > 0))
        if bad.any():
            msg = (
                f"ties column {self.count!r} (interaction count) must be finite and > 0; "
                f"{int(bad.sum())} ties break that, first in rows {format_ids(np.flatnonzero(bad))}."
            )
            raise InvalidNetworkError(msg)
        if self.count_scale is not None:
            scale = self.count_scale
        else:  # no ties: any scale gives the same (empty) answer, and median([]) warns
            scale = float(np.median(counts)) if counts.size else 1.0
        s = -np.expm1(-counts / scale)
        if self.last_contact is not None:
            raw_when = _column(columns, self.last_contact, "FromInteractions")
            try:
                when = pd.to_datetime(raw_when)
            except (TypeError, ValueError, OverflowError) as exc:
                msg = (
                    f"ties column {self.last_contact!r} (last contact) must hold dates pandas "
                    f"can parse: {exc}"
                )
                raise InvalidNetworkError(msg) from exc
            if pd.isna(when).any():
                msg = f"ties column {self.last_contact!r} (last contact) has missing dates."
                raise InvalidNetworkError(msg)
            ref = when.max() if self.reference_time is None else pd.Timestamp(self.reference_time)
            age_days = np.asarray((ref - when) / pd.Timedelta(days=1), dtype=np.float64)
            s = s * np.exp2(-np.maximum(age_days, 0.0) / self.half_life_days)
        if directed and self.reciprocity > 0 and src.size:
            key = src * n_actors + dst
            rev = dst * n_actors + src
            pos = np.searchsorted(key, rev)
            pos[pos == key.size] = 0
            mutual = key[pos] == rev
            s = np.where(mutual, -np.expm1((1.0 + self.reciprocity) * np.log1p(-np.minimum(s, 1.0 - 1e-16))), s)
        return np.clip(s, MIN_STRENGTH, 1.0)


@dataclass(frozen=True)
class FromOverlap(StrengthModel):
    r"""Strength from neighbourhood overlap (Onnela et al. 2007), smoothed.

    .. math::

        s_{uv} = \frac{n_{uv} + 1}{(k_u - 1) + (k_v - 1) - n_{uv} + 1}

    where :math:`n_{uv}` is the number of neighbours `u` and `v` share and
    :math:`k_u` the number of neighbours of `u` (ties in either direction). Without
    the two ``+ 1`` this is Onnela's overlap :math:`O_{uv}`, which is 0 for a local
    bridge; the smoothing keeps bridges as (weak) ties and gives an isolated pair
    strength 1. Values lie in (0, 1] because :math:`n_{uv} \le k_u - 1` and
    :math:`n_{uv} \le k_v - 1`.

    See Also
    --------
    FromInteractions : Strength from interaction data.
    infnet.algorithms.bridging.overlap : The unsmoothed overlap of every tie.

    Notes
    -----
    Neighbourhoods are undirected (in- and out-neighbours together). Cost
    O(sum over ties of (k_u + k_v)) by sorted merges of neighbour lists.

    References
    ----------
    .. [1] Onnela, J.-P., et al. (2007). Structure and tie strengths in mobile
       communication networks. PNAS, 104(18), 7332-7336.
       https://doi.org/10.1073/pnas.0610245104

    Examples
    --------
    >>> from infnet import Network
    >>> from infnet.ties import FromOverlap
    >>> edges = [("a", "b"), ("b", "c"), ("a", "c"), ("c", "d")]
    >>> net = Network.from_edges(edges, directed=False, strength=FromOverlap())
    >>> net.to_frames()[1]["strength"].round(3).tolist()
    [1.0, 0.667, 0.667, 0.333]
    """

    def compute(
        self,
        columns: Mapping[str, np.ndarray],
        src: IntArray,
        dst: IntArray,
        *,
        n_actors: int,
        directed: bool,
    ) -> FloatArray:
        """Return one strength in (0, 1] per tie; see the class docstring for the formula.

        Parameters
        ----------
        columns : mapping of str to ndarray
            Tie columns, aligned with `src` and `dst`; unused (overlap is structural).
        src, dst : ndarray of int64
            Tie endpoints as actor positions, sorted by (src, dst).
        n_actors : int
            Number of actors.
        directed : bool
            Whether the network is directed; neighbourhoods are undirected either way.

        Returns
        -------
        ndarray of float64 of shape (n_ties,)
            Smoothed overlaps in ``[MIN_STRENGTH, 1]``.
        """
        n = n_actors
        m = sparse.csr_array((np.ones(src.size), (src, dst)), shape=(n, n))
        pattern = undirected_pattern(m, directed=True)
        k = np.diff(pattern.indptr).astype(np.float64)
        shared = common_neighbours(pattern, src, dst).astype(np.float64)
        s = (shared + 1.0) / (k[src] - 1.0 + k[dst] - 1.0 - shared + 1.0)
        return np.clip(s, MIN_STRENGTH, 1.0)
