"""The graph core: actors, ties and their strengths in compressed sparse row form.

A :class:`Network` holds

* the **actors**, a `pandas.DataFrame` indexed by actor id (any hashable: str or int),
  with the attributes infnet understands (``kind``, ``organisation``, ``segment``,
  ``audience``, ``is_customer``, ``fake_audience_share``, ``sponsored_share``) and any
  other column the caller keeps;
* the **ties** as a ``scipy.sparse.csr_array`` of strengths, row = source, column =
  target: influence flows from the row actor to the column actor. Undirected networks
  store every tie in both directions, so the matrix is symmetric;
* extra **tie attributes** (interaction counts, relation labels, ...) as arrays aligned
  with the stored entries of that matrix.

Everything is validated once, when the network is built; algorithms then trust it.
"""

from __future__ import annotations

import html
import logging
import numbers
from collections.abc import Hashable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd
from scipy import sparse

from infnet._progress import stage
from infnet._typing import BoolArray, DuplicatePolicy, FloatArray, IntArray, SelfTiePolicy
from infnet._validation import (
    MAX_VALUE,
    MIN_STRENGTH,
    _normalised,
    check_bool,
    check_columns,
    check_float,
    check_option,
    closest,
    format_ids,
)
from infnet.exceptions import (
    InfnetTypeError,
    InfnetWarning,
    InvalidNetworkError,
    InvalidParameterError,
    MissingColumnError,
    ResourceLimitError,
    UnknownActorError,
)
from infnet.ties import StrengthModel

if TYPE_CHECKING:
    import igraph
    import networkx

__all__ = ["KNOWN_ATTRIBUTES", "Network"]

#: Actor attributes infnet understands when present, with what they mean.
KNOWN_ATTRIBUTES: dict[str, str] = {
    "kind": "'internal' (works for the focal organisation) or 'external'",
    "organisation": "organisation the actor belongs to (any hashable)",
    "segment": "industry segment / cluster (any hashable)",
    "audience": "follower count outside the network, >= 0 (NaN = unknown)",
    "is_customer": "True when the actor (or its organisation) is an existing customer",
    "fake_audience_share": "share of bought / fake followers, in [0, 1]",
    "sponsored_share": "share of sponsored content, in [0, 1]",
}

_KINDS = ("internal", "external")
_SHARE_COLUMNS = ("fake_audience_share", "sponsored_share")
_ACTOR_INDEX_NAME = "actor"


def _copy_on_write() -> bool:
    """Whether pandas copy-on-write is on (always from pandas 3; an option before)."""
    if int(pd.__version__.split(".", 1)[0]) >= 3:
        return True
    return bool(pd.options.mode.copy_on_write is True)  # pragma: no cover - pandas < 3


#: With copy-on-write a shallow copy of the actors frame cannot write back.
_COPY_ON_WRITE = _copy_on_write()


class _Unset:
    """Marker for an option not given (None is a meaningful value)."""

    def __repr__(self) -> str:
        return "<unset>"


_UNSET = _Unset()


def _readonly(a: np.ndarray) -> np.ndarray:
    a.flags.writeable = False
    return a


def _index_dtype(n: int, nnz: int) -> type[np.integer[Any]]:
    return np.int32 if max(n, nnz) < np.iinfo(np.int32).max else np.int64



#: Tie rows from which a build logs the time of its phases at INFO (below that, DEBUG).
_LOUD_BUILD = 1_000_000


def _phase(what: str, rows: int) -> Any:
    """Time a phase of a build with :func:`infnet._progress.stage`.

    A log line when it ends, and a live line on the progress display when that is on
    (the CLI on a terminal).
    """
    level = logging.INFO if rows >= _LOUD_BUILD else logging.DEBUG
    return stage(f"Network.from_frames: {what} ({rows:,} tie rows)", level=level)


class Network:
    """A business network of actors and directed, weighted ties.

    Build one with :meth:`from_frames`, :meth:`from_edges`, :meth:`from_csr`,
    :meth:`from_networkx`, :meth:`from_igraph` or :func:`infnet.read_network`;
    the constructor itself is private.

    Parameters
    ----------
    strength : csr_array of shape (n_actors, n_actors)
        Canonical CSR (sorted indices, no duplicates, no explicit zeros), values in (0, 1].
    actors : DataFrame
        One row per actor, indexed by actor id, in matrix order.
    directed : bool
        Whether ties have a direction. When False, `strength` is symmetric.
    tie_attributes : dict of str to ndarray, optional
        Extra tie columns aligned with ``strength.data``.
    focal_organisation : hashable, optional
        The organisation doing the marketing; its members are internal.
    strong_threshold : float, default=0.5
        A tie is strong when its strength is at or above this value.

    Attributes
    ----------
    directed : bool
        Whether ties have a direction (read-only).
    focal_organisation : hashable or None
        The focal organisation, when one was named (read-only).
    strong_threshold : float
        Strength at or above which a tie counts as strong (read-only).
    actors : DataFrame
        A copy of the actor attributes; changing it never changes the network.
    actor_columns : tuple of str
        Names of the actor attributes, without copying anything.

    See Also
    --------
    infnet.read_network : Build a network from CSV or Parquet files.

    Notes
    -----
    **Memory.** The state is the CSR arrays plus the actors frame: per stored entry,
    one column index (4 bytes while there are fewer than 2**31 entries, else 8) and one
    float64 strength (8 bytes), so **12 bytes per directed tie and 24 bytes per
    undirected tie** (stored both ways), plus ``4 * (n_actors + 1)`` bytes of row
    pointers and 8 bytes per stored entry for each numeric extra tie attribute. The
    arrays are read-only: algorithms cannot change a network by accident.
    :attr:`nbytes` reports the total.

    **Immutability.** A network never changes after it is built. `directed`,
    `focal_organisation` and `strong_threshold` are read-only (assigning raises
    ``AttributeError``); :meth:`with_options` returns a new network with another
    focal organisation or strong threshold, and a different direction means building
    again, e.g. ``Network.from_frames(*net.to_frames(), directed=False)``. :attr:`actors`
    hands out a copy (cheap: pandas copy-on-write shares the data until the copy is
    written to), so ``net.actors["x"] = ...`` changes only that copy.

    Examples
    --------
    >>> import pandas as pd
    >>> from infnet import Network
    >>> ties = pd.DataFrame({"source": ["ann", "bob", "bob"],
    ...                      "target": ["bob", "cat", "dan"],
    ...                      "strength": [0.9, 0.2, 0.6]})
    >>> net = Network.from_frames(None, ties, directed=True)
    >>> net
    Network(n_actors=4, n_ties=3, directed=True)
    >>> net.actor_ids.tolist()
    ['ann', 'bob', 'cat', 'dan']
    >>> net.strong().tolist()
    [True, False, True]
    """

    __slots__ = (
        "_actors",
        "_canonical",
        "_directed",
        "_focal_organisation",
        "_in_cache",
        "_strength",
        "_strong_threshold",
        "_tie_attributes",
    )

    def __init__(
        self,
        strength: sparse.csr_array,
        actors: pd.DataFrame,
        *,
        directed: bool,
        tie_attributes: Mapping[str, np.ndarray] | None = None,
        focal_organisation: Hashable | None = None,
        strong_threshold: float = 0.5,
    ) -> None:
        for arr in (strength.indptr, strength.indices, strength.data):
            _readonly(arr)
        strength.has_canonical_format = True
        self._strength = strength
        self._actors = actors
        self._tie_attributes = {k: _readonly(np.asarray(v)) for k, v in (tie_attributes or {}).items()}
        self._directed = check_bool(directed, name="directed", caller="Network")
        self._focal_organisation = focal_organisation
        self._strong_threshold = float(strong_threshold)
        self._in_cache: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self._canonical: IntArray | None = None

    def __setattr__(self, name: str, value: object) -> None:
        """Refuse to set public attributes: a network is immutable once built."""
        if not name.startswith("_"):
            raise AttributeError(_read_only_message(name))
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        """Refuse to delete public attributes: a network is immutable once built."""
        if not name.startswith("_"):
            raise AttributeError(_read_only_message(name))
        object.__delattr__(self, name)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickle (and copy) through the constructor, so copies keep read-only arrays."""
        return (
            _restore_network,
            (self._strength, self._actors, self._directed, dict(self._tie_attributes),
             self._focal_organisation, self._strong_threshold),
        )

    # ------------------------------------------------------------------ builders
    @classmethod
    def from_frames(
        cls,
        actors: pd.DataFrame | None,
        ties: pd.DataFrame,
        *,
        actor_id: str | None = "id",
        source: str = "source",
        target: str = "target",
        strength: str | StrengthModel | None = None,
        directed: bool = True,
        duplicates: DuplicatePolicy = "raise",
        self_ties: SelfTiePolicy = "drop",
        focal_organisation: Hashable | None = None,
        strong_threshold: float = 0.5,
    ) -> Network:
        """Build a network from an actors frame and a ties frame.

        Parameters
        ----------
        actors : DataFrame or None
            One row per actor. ``None`` makes the actors the tie endpoints, in order of
            first appearance (sources before targets, row by row).
        ties : DataFrame
            One row per tie from `source` to `target`. Columns other than the endpoints
            and the strength column are kept as tie attributes.
        actor_id : str or None, default="id"
            Column of `actors` holding the ids; ``None`` uses the frame's index.
        source, target : str, default="source", "target"
            Columns of `ties` holding the endpoint ids.
        strength : str, StrengthModel or None, default=None
            Where tie strength comes from: the name of a column with values in (0, 1];
            a model from :mod:`infnet.ties` that derives it (from interaction counts,
            recency and reciprocity, or from neighbourhood overlap); or ``None``, which
            uses a column named ``"strength"`` when there is one and strength 1.0
            for every tie otherwise. With ``None``, a column that is ``"strength"`` but
            for case or surrounding whitespace (``" strength"``, ``"Strength"``) raises
            `MissingColumnError` instead of being ignored.
        directed : bool, default=True
            When False, each row is a tie both ways, and rows naming the same pair in
            either order are duplicates.
        duplicates : {"raise", "max", "sum"}, default="raise"
            What to do with several rows for the same (ordered, or for undirected
            networks unordered) pair. ``"max"`` keeps the largest value of each numeric
            column, ``"sum"`` adds numeric columns and caps strength at 1; both keep the
            latest datetime and the first value of any other column.
        self_ties : {"drop", "raise"}, default="drop"
            What to do with ties from an actor to itself. Dropping warns with the count.
        focal_organisation : hashable, optional
            Derive ``kind`` from ``organisation``: members of this organisation are
            ``"internal"``, everyone else ``"external"`` (overriding any ``kind`` column).
        strong_threshold : float, default=0.5
            Strength at or above which a tie is strong.

        Returns
        -------
        Network
            The validated network. The input frames are never modified.

        Raises
        ------
        MissingColumnError
            A named column is absent (the message suggests the closest name).
        UnknownActorError
            Ties name ids absent from `actors` (first five shown, with the count).
        InvalidNetworkError
            No actors; duplicate or missing actor ids; ids of mixed types, booleans
            (``True == 1`` would match actor 1) or unhashable ids (lists, dicts, sets);
            duplicate column names; strengths that are booleans, complex, non-numeric,
            NaN, infinite, or outside ``[MIN_STRENGTH, 1]`` = [1e-12, 1] (smaller ones
            underflow in the solvers); a ``strength`` column beside another named
            `strength`; duplicate ties under ``"raise"``; self-ties under ``"raise"``;
            invalid known attributes.
        InfnetTypeError
            `actors`/`ties` not DataFrames, `directed` not a bool, a column name that is
            not a str, or a focal organisation that is a bool, NaN or unhashable.
        InvalidParameterError
            An option outside its documented values.
        ResourceLimitError
            When memory runs out building the network (the message gives its size).

        See Also
        --------
        from_edges : Build from an iterable of ``(source, target[, strength])``.
        infnet.ties.FromInteractions, infnet.ties.FromOverlap : Strength models.

        Notes
        -----
        Cost: one hash lookup per endpoint and one sort of the tie keys,
        O(n_ties log n_ties) time and O(n_ties) extra memory.

        Examples
        --------
        >>> import pandas as pd
        >>> from infnet import Network
        >>> actors = pd.DataFrame({"id": [1, 2, 3], "organisation": ["Acme", "Acme", "Beta"]})
        >>> ties = pd.DataFrame({"source": [1, 2, 2], "target": [2, 3, 1]})
        >>> net = Network.from_frames(actors, ties, directed=False, duplicates="max",
        ...                           focal_organisation="Acme")
        >>> net.n_ties
        2
        >>> net.actors["kind"].tolist()
        ['internal', 'internal', 'external']
        """
        caller = "Network.from_frames"
        directed = check_bool(directed, name="directed", caller=caller)
        check_option(duplicates, name="duplicates", caller=caller, options=("raise", "max", "sum"))
        check_option(self_ties, name="self_ties", caller=caller, options=("drop", "raise"))
        strong_threshold = check_float(
            strong_threshold, name="strong_threshold", caller=caller, low=0.0, high=1.0,
            closed="right",
        )
        if not isinstance(ties, pd.DataFrame):
            msg = f"`ties` of {caller} must be a pandas DataFrame; got {type(ties).__name__}."
            raise InfnetTypeError(msg)
        if actors is not None and not isinstance(actors, pd.DataFrame):
            msg = f"`actors` of {caller} must be a pandas DataFrame or None; got {type(actors).__name__}."
            raise InfnetTypeError(msg)
        _check_column_name(source, "source", caller)
        _check_column_name(target, "target", caller)
        _check_column_name(actor_id, "actor_id", caller, optional=True)
        _check_focal(focal_organisation, caller)
        _check_unique_columns(ties, "ties")
        check_columns(ties.columns, {"source": source, "target": target}, frame="ties")
        strength_column: str | None
        model: StrengthModel | None = None
        if isinstance(strength, StrengthModel):
            model, strength_column = strength, None
        elif isinstance(strength, str):
            check_columns(ties.columns, {"strength": strength}, frame="ties")
            if strength != "strength" and "strength" in ties.columns:
                msg = (
                    f"ties has a column 'strength' but {caller} was told strength={strength!r}; "
                    "the 'strength' column would be silently replaced. Drop or rename one of them."
                )
                raise InvalidNetworkError(msg)
            strength_column = strength
        elif strength is None:
            strength_column = "strength" if "strength" in ties.columns else None
            near = [
                c for c in ties.columns
                if strength_column is None and isinstance(c, str) and c.strip().casefold() == "strength"
            ]
            if near:
                msg = (
                    f"ties has no column 'strength', so {caller} would give every tie strength "
                    f"1.0, but it has {near[0]!r}. Did you mean {near[0]!r}? Pass "
                    f"strength={near[0]!r} to use it, or rename it to 'strength'. Columns "
                    f"present: {list(ties.columns)[:20]!r}."
                )
                raise MissingColumnError(msg)
        else:
            msg = (
                f"`strength` of {caller} must be a column name, a strength model from "
                f"infnet.ties, or None; got {type(strength).__name__}."
            )
            raise InfnetTypeError(msg)
        if source == target:
            msg = f"`source` and `target` of {caller} name the same column {source!r}."
            raise InvalidParameterError(msg)
        try:
            return cls._build_frames(
                actors, ties, actor_id=actor_id, source=source, target=target,
                strength_column=strength_column, model=model, directed=directed,
                duplicates=duplicates, self_ties=self_ties,
                focal_organisation=focal_organisation, strong_threshold=strong_threshold,
            )
        except MemoryError as exc:
            what = f"{len(ties)} tie rows" + ("" if actors is None else f" and {len(actors)} actors")
            raise _memory_error(caller, what) from exc

    @classmethod
    def _build_frames(
        cls,
        actors: pd.DataFrame | None,
        ties: pd.DataFrame,
        *,
        actor_id: str | None,
        source: str,
        target: str,
        strength_column: str | None,
        model: StrengthModel | None,
        directed: bool,
        duplicates: DuplicatePolicy,
        self_ties: SelfTiePolicy,
        focal_organisation: Hashable | None,
        strong_threshold: float,
    ) -> Network:
        """Build from frames whose parameters :meth:`from_frames` has checked."""
        caller = "Network.from_frames"
        # Keep the endpoint columns in their own (often Arrow) storage: converting 10M
        # string ids to Python objects cost more memory than the whole network.
        src_ids = ties[source].array
        dst_ids = ties[target].array
        for name, ids in ((source, src_ids), (target, dst_ids)):
            missing = np.asarray(pd.isna(ids))
            if missing.any():
                rows = np.flatnonzero(missing)
                msg = f"ties column {name!r} has missing actor ids in rows {format_ids(rows)}."
                raise InvalidNetworkError(msg)
            _refuse_bools(_bool_rows(ids), f"ties column {name!r}")

        with _phase("index actor ids", len(ties)):
            # One hash pass over all endpoints, then one lookup per distinct id (not per row).
            try:
                src, dst, distinct = _factorize_endpoints(src_ids, dst_ids)
            except TypeError:  # unhashable ids: name the column and the rows
                _refuse_unhashable(src_ids, f"ties column {source!r}")
                _refuse_unhashable(dst_ids, f"ties column {target!r}")
                raise
            actor_frame = _actor_frame(actors, actor_id, distinct)
            ids = actor_frame.index
            n = len(ids)
            if n == 0:
                msg = f"{caller}: the network is empty (no actors and no ties)."
                raise InvalidNetworkError(msg)
            if actors is not None:
                pos = ids.get_indexer(distinct)
                if (pos < 0).any():  # let _lookup name the column, the ids and their count
                    _lookup(ids, np.asarray(src_ids, dtype=object), source)
                    _lookup(ids, np.asarray(dst_ids, dtype=object), target)
                src, dst = pos[src], pos[dst]
            del distinct

        values: dict[str, np.ndarray] = {}
        for col in ties.columns:
            if col in (source, target) or col == strength_column:
                continue
            values[str(col)] = ties[col].to_numpy()
        if strength_column is not None:
            values["strength"] = _check_strength(ties[strength_column], strength_column, src_ids, dst_ids)

        self_mask = src == dst
        if self_mask.any():
            rows = np.flatnonzero(self_mask)
            if self_ties == "raise":
                msg = (
                    f"ties has {rows.size} self-ties (an actor tied to itself), first on actors "
                    f"{format_ids(src_ids[rows])}. Pass self_ties='drop' to drop them."
                )
                raise InvalidNetworkError(msg)
            import warnings

            warnings.warn(
                f"{caller} dropped {rows.size} self-ties (actors "
                f"{format_ids(src_ids[rows])}); pass self_ties='raise' to refuse them.",
                InfnetWarning,
                stacklevel=3,
            )
            keep = ~self_mask
            src, dst = src[keep], dst[keep]
            values = {k: v[keep] for k, v in values.items()}

        with _phase("sort and merge ties", len(ties)):
            if not directed:
                lo, hi = np.minimum(src, dst), np.maximum(src, dst)
                src, dst = lo, hi
            key = src.astype(np.int64) * n + dst
            order = np.argsort(key, kind="stable")
            key = key[order]
            values = {k: v[order] for k, v in values.items()}
            first = np.ones(key.size, dtype=bool)
            first[1:] = key[1:] != key[:-1]
            if not first.all():
                if duplicates == "raise":
                    dup_keys = np.unique(key[~first])
                    pairs = [(ids[k // n], ids[k % n]) for k in dup_keys[:5].tolist()]
                    msg = (
                        f"ties has {dup_keys.size} {'pairs' if not directed else 'ordered pairs'} "
                        f"named more than once, first {format_ids(pairs, dup_keys.size)}. "
                        "Pass duplicates='max' or duplicates='sum' to merge them."
                    )
                    raise InvalidNetworkError(msg)
                starts = np.flatnonzero(first)
                values = {k: _merge(v, starts, duplicates) for k, v in values.items()}
                key = key[starts]
                if "strength" in values and duplicates == "sum":
                    np.minimum(values["strength"], 1.0, out=values["strength"])
            src, dst = np.divmod(key, n)  # int64, as key

        if model is not None:
            out = np.asarray(model.compute(values, src, dst, n_actors=n, directed=directed))
            if out.shape != src.shape:
                msg = (
                    f"strength model {type(model).__name__} must return one strength per tie, "
                    f"shape ({src.size},); got shape {out.shape}."
                )
                raise InvalidNetworkError(msg)
            values["strength"] = _check_strength(
                out, type(model).__name__, _Ids(ids, src), _Ids(ids, dst), where="strength model"
            )
        with _phase("CSR arrays", len(ties)):
            s = values.pop("strength", None)
            if s is None:
                s = np.ones(src.size)
            s = np.asarray(s, dtype=np.float64)

            if not directed:
                matrix, order = _mirror(src, dst, n)
                s = np.concatenate([s, s])[order]
                matrix.data = s
                values = {k: np.concatenate([v, v])[order] for k, v in values.items()}
            else:
                matrix = _csr(src, dst, s, n)
        return cls(
            matrix,
            _finish_actors(actor_frame, focal_organisation),
            directed=directed,
            tie_attributes=values,
            focal_organisation=focal_organisation,
            strong_threshold=strong_threshold,
        )

    @classmethod
    def from_edges(
        cls,
        edges: Iterable[tuple[Hashable, Hashable] | tuple[Hashable, Hashable, float]],
        *,
        actors: pd.DataFrame | None = None,
        **kwargs: Any,
    ) -> Network:
        """Build a network from ``(source, target)`` or ``(source, target, strength)`` tuples.

        Parameters
        ----------
        edges : iterable of tuple
            Ties as pairs, or triples whose third item is the strength in (0, 1].
        actors : DataFrame, optional
            Actors frame, as in :meth:`from_frames`.
        **kwargs
            Passed to :meth:`from_frames` (``directed``, ``duplicates``, ...).

        Returns
        -------
        Network
            The validated network.

        Raises
        ------
        InvalidNetworkError
            When tuples have mixed lengths, or for any reason listed in :meth:`from_frames`.
        InfnetTypeError
            When `edges` is not an iterable of tuples (or lists), e.g. a str or a frame.

        Examples
        --------
        >>> from infnet import Network
        >>> net = Network.from_edges([("a", "b", 0.8), ("b", "c", 0.3)], directed=False)
        >>> net.n_actors, net.n_ties
        (3, 2)
        """
        caller = "Network.from_edges"
        if isinstance(edges, (str, bytes, Mapping, pd.DataFrame)) or not isinstance(edges, Iterable):
            hint = " Use Network.from_frames for a DataFrame." if isinstance(edges, pd.DataFrame) else ""
            msg = (
                f"`edges` of {caller} must be an iterable of (source, target[, strength]) "
                f"tuples; got {type(edges).__name__}.{hint}"
            )
            raise InfnetTypeError(msg)
        rows = list(edges)
        wrong = [i for i, r in enumerate(rows) if not isinstance(r, (tuple, list))]
        if wrong:
            msg = (
                f"`edges` of {caller} must hold (source, target[, strength]) tuples; item "
                f"{wrong[0]} is {type(rows[wrong[0]]).__name__} {rows[wrong[0]]!r} "
                f"({len(wrong)} such items)."
            )
            raise InfnetTypeError(msg)
        widths = {len(r) for r in rows}
        if widths - {2, 3} or len(widths) > 1:
            msg = (
                "`edges` of Network.from_edges must all be (source, target) or all "
                f"(source, target, strength) tuples; got lengths {sorted(widths)}."
            )
            raise InvalidNetworkError(msg)
        columns = ["source", "target", "strength"][: widths.pop() if widths else 2]
        ties = pd.DataFrame(rows, columns=columns)
        return cls.from_frames(actors, ties, **kwargs)

    @classmethod
    def from_csr(
        cls,
        matrix: sparse.sparray | sparse.spmatrix,
        actors: pd.DataFrame | Iterable[Hashable] | None = None,
        *,
        directed: bool = True,
        focal_organisation: Hashable | None = None,
        strong_threshold: float = 0.5,
    ) -> Network:
        """Build a network from a square sparse matrix of strengths (row = source).

        Parameters
        ----------
        matrix : sparse array or matrix of shape (n_actors, n_actors)
            Tie strengths in [1e-12, 1] (a boolean matrix gives every tie strength 1.0).
            Explicit zeros are dropped; the diagonal must be empty. For
            ``directed=False`` the matrix must be symmetric: the same ties both ways,
            strengths equal within 1e-12 (each pair is then averaged, so the stored
            matrix is exactly symmetric).
        actors : DataFrame, iterable of ids, or None
            Actors in matrix order: a frame indexed by id, a sequence of ids, or
            ``None`` for ids ``0 .. n_actors - 1``.
        directed : bool, default=True
            Whether ties have a direction.
        focal_organisation : hashable, optional
            As in :meth:`from_frames`.
        strong_threshold : float, default=0.5
            Strength at or above which a tie is strong.

        Returns
        -------
        Network
            The validated network; the matrix is copied.

        Raises
        ------
        InvalidNetworkError
            Non-square or asymmetric (when undirected) matrix, self-ties, complex or
            non-numeric values, strengths outside [1e-12, 1], actors whose count differs
            from the matrix size, or actor ids that are bools, missing or unhashable.
        InfnetTypeError
            When `matrix` is not sparse, `directed` is not a bool, or `actors` is a
            str, set or mapping.
        ResourceLimitError
            When memory runs out building the network.

        Examples
        --------
        >>> import numpy as np
        >>> from scipy import sparse
        >>> from infnet import Network
        >>> m = sparse.csr_array(np.array([[0, 0.5], [0.5, 0]]))
        >>> Network.from_csr(m, ["a", "b"], directed=False).n_ties
        1
        """
        caller = "Network.from_csr"
        if not sparse.issparse(matrix):
            msg = f"`matrix` of {caller} must be a scipy sparse array; got {type(matrix).__name__}."
            raise InfnetTypeError(msg)
        directed = check_bool(directed, name="directed", caller=caller)
        threshold = check_float(
            strong_threshold, name="strong_threshold", caller=caller, low=0.0, high=1.0,
            closed="right",
        )
        _check_focal(focal_organisation, caller)
        mat: Any = matrix
        kind = np.dtype(mat.dtype).kind
        if kind not in "biuf":
            what = "complex (the imaginary part would be dropped)" if kind == "c" else "not real numbers"
            msg = (
                f"`matrix` of {caller} must hold real strengths in [{MIN_STRENGTH:g}, 1]; its "
                f"dtype {mat.dtype} is {what}. Pass a float matrix (e.g. matrix.real)."
            )
            raise InvalidNetworkError(msg)
        if isinstance(actors, (str, bytes, Mapping, AbstractSet)):
            msg = (
                f"`actors` of {caller} must be a DataFrame, an ordered sequence of ids or None; "
                f"got {type(actors).__name__}."
            )
            raise InfnetTypeError(msg)
        if actors is not None and not isinstance(actors, (pd.DataFrame, Iterable)):
            msg = (
                f"`actors` of {caller} must be a DataFrame, an ordered sequence of ids or None; "
                f"got {type(actors).__name__}."
            )
            raise InfnetTypeError(msg)
        shape = mat.shape
        try:
            return cls._build_csr(
                matrix, actors, directed=directed, focal_organisation=focal_organisation,
                strong_threshold=threshold,
            )
        except MemoryError as exc:
            n_stored = getattr(matrix, "nnz", "?")
            raise _memory_error(
                caller, f"{shape[0]} actors and {n_stored} stored ties (matrix shape {shape})"
            ) from exc

    @classmethod
    def _build_csr(
        cls,
        matrix: sparse.sparray | sparse.spmatrix,
        actors: pd.DataFrame | Iterable[Hashable] | None,
        *,
        directed: bool,
        focal_organisation: Hashable | None,
        strong_threshold: float,
    ) -> Network:
        """Build from a matrix whose parameters :meth:`from_csr` has checked."""
        caller = "Network.from_csr"
        m = sparse.csr_array(matrix, dtype=np.float64, copy=True)  # type: ignore[call-overload]
        if m.ndim != 2 or m.shape[0] != m.shape[1]:
            msg = f"`matrix` of {caller} must be square; got shape {m.shape}."
            raise InvalidNetworkError(msg)
        m.sum_duplicates()
        m.eliminate_zeros()
        n = m.shape[0]
        if isinstance(actors, pd.DataFrame):
            _check_unique_columns(actors, "actors")
            frame = actors.copy()
            frame.columns = [str(c) for c in frame.columns]
        elif actors is None:
            frame = pd.DataFrame(index=pd.RangeIndex(n))
        else:
            if isinstance(actors, (np.ndarray, pd.Index, pd.Series)) and np.ndim(actors) == 1:
                values = np.asarray(actors)
            else:
                items = list(actors)
                values = np.empty(len(items), dtype=object)
                for i, v in enumerate(items):  # element by element: tuple ids stay whole
                    values[i] = v
            if values.dtype == object:
                _refuse_unhashable(values, "actors")
            frame = pd.DataFrame(index=pd.Index(values).infer_objects())
        if len(frame) != n:
            msg = f"{caller}: {len(frame)} actors given for a matrix of {n} rows."
            raise InvalidNetworkError(msg)
        if n == 0:
            msg = f"{caller}: the network is empty (no actors)."
            raise InvalidNetworkError(msg)
        _check_ids(frame.index, "actors")
        frame.index.name = _ACTOR_INDEX_NAME
        coo = m.tocoo()
        ids = frame.index
        if np.any(coo.row == coo.col):
            bad = ids[coo.row[coo.row == coo.col]]
            msg = f"{caller}: the diagonal holds self-ties for actors {format_ids(bad)}."
            raise InvalidNetworkError(msg)
        _check_strength(m.data, "matrix", _Ids(ids, coo.row), _Ids(ids, coo.col), where="values of")
        if not directed:
            pattern: Any = sparse.csr_array((np.ones(m.nnz), m.indices, m.indptr), shape=m.shape)
            asymmetric: Any = pattern != pattern.T.tocsr()
            if asymmetric.nnz or (abs(m - m.T) > 1e-12).nnz:
                msg = (
                    f"{caller}: an undirected network needs a symmetric matrix (the same "
                    "ties both ways, strengths equal within 1e-12)."
                )
                raise InvalidNetworkError(msg)
            m = (m + m.T) * 0.5  # exactly symmetric; equal values stay as they are
            m.sum_duplicates()
            m.sort_indices()
        idx = _index_dtype(n, m.nnz)
        matrix_ = sparse.csr_array(
            (m.data, m.indices.astype(idx), m.indptr.astype(idx)), shape=(n, n)
        )
        return cls(
            matrix_,
            _finish_actors(frame, focal_organisation),
            directed=directed,
            focal_organisation=focal_organisation,
            strong_threshold=strong_threshold,
        )

    @classmethod
    def from_networkx(
        cls,
        graph: networkx.Graph,
        *,
        strength: str | StrengthModel | None = None,
        **kwargs: Any,
    ) -> Network:
        """Build a network from a networkx Graph, DiGraph or multigraph.

        Node attributes become actor columns, edge attributes tie columns. The
        direction follows ``graph.is_directed()``; parallel edges of a multigraph are
        duplicates, merged by the ``duplicates`` policy.

        Parameters
        ----------
        graph : networkx.Graph
            The graph. It is not modified.
        strength : str, StrengthModel or None, default=None
            As in :meth:`from_frames`: ``None`` uses an edge attribute ``"strength"``
            when edges have one.
        **kwargs
            Passed to :meth:`from_frames`.

        Returns
        -------
        Network
            The validated network.

        Raises
        ------
        ImportError
            When networkx is not installed.
        InfnetTypeError
            When `graph` is not a networkx graph.

        Examples
        --------
        >>> import networkx as nx
        >>> from infnet import Network
        >>> g = nx.Graph([("a", "b", {"strength": 0.7})])
        >>> Network.from_networkx(g).to_networkx().edges(data=True)
        EdgeDataView([('a', 'b', {'strength': 0.7})])
        """
        nx = _import("networkx", "from_networkx")
        if not isinstance(graph, nx.Graph):
            msg = f"`graph` of Network.from_networkx must be a networkx graph; got {type(graph).__name__}."
            raise InfnetTypeError(msg)
        actors = pd.DataFrame.from_records(
            [dict(data) for _, data in graph.nodes(data=True)],
            index=pd.Index(list(graph.nodes), name="__infnet_id__"),
        )
        actors.index.name = "__infnet_id__"  # from_records drops the name of an empty index
        actors = actors.reset_index()
        edges = list(graph.edges(data=True))
        ties = pd.DataFrame.from_records([dict(d) for _, _, d in edges]) if edges else pd.DataFrame()
        ties.insert(0, "__infnet_target__", [v for _, v, _ in edges])
        ties.insert(0, "__infnet_source__", [u for u, _, _ in edges])
        kwargs.setdefault("directed", graph.is_directed())
        return cls.from_frames(
            actors, ties, actor_id="__infnet_id__", source="__infnet_source__",
            target="__infnet_target__", strength=strength, **kwargs,
        )

    @classmethod
    def from_igraph(
        cls,
        graph: igraph.Graph,
        *,
        actor_id: str | None = "name",
        strength: str | StrengthModel | None = None,
        **kwargs: Any,
    ) -> Network:
        """Build a network from a python-igraph Graph.

        Parameters
        ----------
        graph : igraph.Graph
            The graph. It is not modified.
        actor_id : str or None, default="name"
            Vertex attribute holding actor ids (igraph's convention is ``"name"``).
            When the graph has no such attribute, or for ``None``, vertex indices are ids.
        strength : str, StrengthModel or None, default=None
            As in :meth:`from_frames`.
        **kwargs
            Passed to :meth:`from_frames`.

        Returns
        -------
        Network
            The validated network.

        Raises
        ------
        ImportError
            When python-igraph is not installed.
        InfnetTypeError
            When `graph` is not an igraph Graph.

        Examples
        --------
        >>> import igraph as ig
        >>> from infnet import Network
        >>> g = ig.Graph(edges=[(0, 1), (1, 2)], directed=True)
        >>> Network.from_igraph(g).n_ties
        2
        """
        ig = _import("igraph", "from_igraph")
        if not isinstance(graph, ig.Graph):
            msg = f"`graph` of Network.from_igraph must be an igraph.Graph; got {type(graph).__name__}."
            raise InfnetTypeError(msg)
        _check_column_name(actor_id, "actor_id", "Network.from_igraph", optional=True)
        vattrs = {a: graph.vs[a] for a in graph.vs.attributes()}
        if actor_id is not None and actor_id in vattrs:
            ids = vattrs.pop(actor_id)
        else:
            ids = list(range(graph.vcount()))
        actors = pd.DataFrame(vattrs)
        actors.insert(0, "__infnet_id__", ids)
        el = np.asarray(graph.get_edgelist(), dtype=np.int64).reshape(-1, 2)
        id_arr = np.asarray(ids, dtype=object)
        ties = pd.DataFrame({a: graph.es[a] for a in graph.es.attributes()})
        ties.insert(0, "__infnet_target__", pd.Series(id_arr[el[:, 1]]).infer_objects())
        ties.insert(0, "__infnet_source__", pd.Series(id_arr[el[:, 0]]).infer_objects())
        actors["__infnet_id__"] = actors["__infnet_id__"].infer_objects()
        kwargs.setdefault("directed", graph.is_directed())
        return cls.from_frames(
            actors, ties, actor_id="__infnet_id__", source="__infnet_source__",
            target="__infnet_target__", strength=strength, **kwargs,
        )

    # ------------------------------------------------------------------ exports
    def to_frames(
        self, *, actor_id: str = "id", source: str = "source", target: str = "target"
    ) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Return ``(actors, ties)`` frames that :meth:`from_frames` turns back into this network.

        Parameters
        ----------
        actor_id, source, target : str, default="id", "source", "target"
            Column names for the actor ids and tie endpoints.

        Returns
        -------
        actors : DataFrame
            One row per actor, ids in column `actor_id`, in network order.
        ties : DataFrame
            One row per tie (once per pair when undirected) with ``strength`` and every
            tie attribute.

        Raises
        ------
        InvalidParameterError
            When `actor_id` names an actor attribute, or `source` or `target` a tie
            attribute (the columns would clash).
        InfnetTypeError
            When a column name is not a str.

        Examples
        --------
        >>> from infnet import Network
        >>> net = Network.from_edges([("a", "b", 0.8)], directed=False)
        >>> actors, ties = net.to_frames()
        >>> ties
          source target  strength
        0      a      b       0.8
        """
        for param, value in (("actor_id", actor_id), ("source", source), ("target", target)):
            _check_column_name(value, param, "Network.to_frames")
        _check_free_name(actor_id, self._actors.columns, "actor_id", "to_frames", "actor")
        for param, name in (("source", source), ("target", target)):
            _check_free_name(name, ("strength", *self._tie_attributes), param, "to_frames", "tie")
        actors = self._actors.reset_index(names=actor_id)
        src, dst = self._tie_endpoints()
        keep = slice(None) if self.directed else src < dst
        ids = self.actor_ids
        columns: dict[str, Any] = {
            source: ids.take(src[keep]),
            target: ids.take(dst[keep]),
            "strength": self._strength.data[keep],
        }
        for k, v in self._tie_attributes.items():
            columns[k] = v[keep]
        return actors, pd.DataFrame(columns)

    def to_networkx(self) -> networkx.Graph:
        """Return a networkx ``Graph`` or ``DiGraph`` with every attribute kept.

        Returns
        -------
        networkx.Graph or networkx.DiGraph
            Nodes carry actor attributes; edges carry ``strength`` and tie attributes.
            Missing attribute values (NaN) are left out of the node's dict.

        Raises
        ------
        ImportError
            When networkx is not installed.

        Examples
        --------
        >>> from infnet import Network
        >>> g = Network.from_edges([("a", "b", 0.8)]).to_networkx()
        >>> g.is_directed(), g["a"]["b"]
        (True, {'strength': 0.8})
        """
        nx = _import("networkx", "to_networkx")
        graph = nx.DiGraph() if self.directed else nx.Graph()
        records = self._actors.to_dict(orient="index")
        graph.add_nodes_from(
            (node, {k: v for k, v in attrs.items() if not _is_missing(v)})
            for node, attrs in records.items()
        )
        _, ties = self.to_frames(source="__s", target="__t")
        attr_cols = [c for c in ties.columns if c not in ("__s", "__t")]
        graph.add_edges_from(
            (row[0], row[1], dict(zip(attr_cols, row[2:], strict=True)))
            for row in ties.itertuples(index=False, name=None)
        )
        return graph

    def to_igraph(self, *, actor_id: str = "name") -> igraph.Graph:
        """Return a python-igraph Graph; actor ids go to the vertex attribute `actor_id`.

        Parameters
        ----------
        actor_id : str, default="name"
            Vertex attribute for the actor ids (igraph's convention is ``"name"``).
            Pass the same value to :meth:`from_igraph` to read the graph back.

        Returns
        -------
        igraph.Graph
            Vertices in network order with actor attributes; edges with ``strength`` and
            tie attributes.

        Raises
        ------
        ImportError
            When python-igraph is not installed.
        InvalidParameterError
            When an actor attribute is already called `actor_id`.

        Examples
        --------
        >>> from infnet import Network
        >>> g = Network.from_edges([("a", "b", 0.8)]).to_igraph()
        >>> g.vs["name"], g.es["strength"]
        (['a', 'b'], [0.8])
        """
        ig = _import("igraph", "to_igraph")
        _check_column_name(actor_id, "actor_id", "Network.to_igraph")
        _check_free_name(actor_id, self._actors.columns, "actor_id", "to_igraph", "actor")
        _, ties = self.to_frames(source="__s", target="__t")
        idx = self.actor_ids
        edges = np.column_stack(
            [idx.get_indexer(pd.Index(ties["__s"])), idx.get_indexer(pd.Index(ties["__t"]))]
        ).tolist()
        graph = ig.Graph(n=self.n_actors, edges=edges, directed=self.directed)
        graph.vs[actor_id] = self.actor_ids.tolist()
        for col in self._actors.columns:
            graph.vs[str(col)] = self._actors[col].tolist()
        for col in ties.columns:
            if col not in ("__s", "__t"):
                graph.es[str(col)] = ties[col].tolist()
        return graph

    def to_series(self, values: np.ndarray | Iterable[Any], *, name: str | None = None) -> pd.Series:
        """Wrap a per-actor array as a Series indexed by actor id.

        Parameters
        ----------
        values : array-like of shape (n_actors,)
            Values in network order, as every infnet measure returns them.
        name : str, optional
            Series name.

        Returns
        -------
        Series
            Indexed by actor id.

        Raises
        ------
        InvalidParameterError
            When `values` does not have one value per actor.
        InfnetTypeError
            When `name` is not a str or None.

        Examples
        --------
        >>> from infnet import Network
        >>> net = Network.from_edges([("a", "b")])
        >>> net.to_series([1.0, 2.0], name="x").to_dict()
        {'a': 1.0, 'b': 2.0}
        """
        if name is not None and not isinstance(name, str):
            msg = f"`name` of Network.to_series must be a str or None; got {type(name).__name__} {name!r}."
            raise InfnetTypeError(msg)
        arr = np.asarray(values)
        if arr.shape != (self.n_actors,):
            msg = f"`values` of to_series must have shape ({self.n_actors},); got {arr.shape}."
            raise InvalidParameterError(msg)
        return pd.Series(arr, index=self.actor_ids.copy(), name=name)

    # ------------------------------------------------------------------ access
    @property
    def n_actors(self) -> int:
        """Number of actors."""
        return int(self._strength.shape[0])

    @property
    def n_ties(self) -> int:
        """Number of ties (pairs, for an undirected network)."""
        nnz = int(self._strength.nnz)
        return nnz if self.directed else nnz // 2

    @property
    def actor_ids(self) -> pd.Index:
        """Actor ids in network order (the order of every per-actor array).

        An Index is immutable; this is a view of the network's own (sharing its data
        and lookup table), so even renaming it leaves the network as it was.
        """
        return self._actors.index.view()

    @property
    def directed(self) -> bool:
        """Whether ties have a direction; read-only (see the class Notes)."""
        return self._directed

    @property
    def focal_organisation(self) -> Hashable | None:
        """The focal organisation, or None; read-only (see :meth:`with_options`)."""
        return self._focal_organisation

    @property
    def strong_threshold(self) -> float:
        """Strength at or above which a tie is strong; read-only (see :meth:`with_options`)."""
        return self._strong_threshold

    @property
    def actors(self) -> pd.DataFrame:
        """Actor attributes, indexed by actor id: a copy that cannot write back.

        Changing the returned frame (adding a column, assigning values, renaming the
        index) changes only that frame, never the network; build a new network to
        change actors. The copy is cheap: with pandas copy-on-write (always on from
        pandas 3) it is shallow and shares the data until written to; on older pandas
        without copy-on-write it is a deep copy. To look at columns without a copy,
        use :attr:`actor_columns`, :meth:`has_attribute` and :meth:`attribute`.

        Returns
        -------
        DataFrame
            One row per actor, in network order.

        Examples
        --------
        >>> from infnet.synthetic import toy_network
        >>> net = toy_network()
        >>> frame = net.actors
        >>> frame["role"] = "changed"
        >>> net.attribute("role")[0]
        'sales'
        """
        return self._actors.copy(deep=not _COPY_ON_WRITE)

    @property
    def actor_columns(self) -> tuple[str, ...]:
        """Names of the actor attributes (columns of :attr:`actors`), without a copy.

        Examples
        --------
        >>> from infnet import Network
        >>> Network.from_edges([("a", "b")]).actor_columns
        ()
        """
        return tuple(self._actors.columns)

    def has_attribute(self, name: str) -> bool:
        """Whether the actors have the attribute (column) `name`.

        Parameters
        ----------
        name : str
            Column name, matched exactly (see :meth:`attribute` for suggestions).

        Returns
        -------
        bool
            True when :meth:`attribute` would return it.

        Raises
        ------
        InfnetTypeError
            When `name` is not a str.

        Examples
        --------
        >>> from infnet.synthetic import toy_network
        >>> net = toy_network()
        >>> net.has_attribute("segment"), net.has_attribute("Segment")
        (True, False)
        """
        _check_column_name(name, "name", "Network.has_attribute")
        return name in self._actors.columns

    def with_options(
        self,
        *,
        focal_organisation: Hashable | _Unset | None = _UNSET,
        strong_threshold: float | _Unset = _UNSET,
    ) -> Network:
        """Return a network with the same actors and ties and other options.

        Parameters
        ----------
        focal_organisation : hashable or None, optional
            New focal organisation; ``kind`` is derived again from ``organisation``.
            ``None`` drops the focal organisation and keeps the ``kind`` column as it
            is. Unchanged when not given.
        strong_threshold : float, optional
            New strong threshold in (0, 1]. Unchanged when not given.

        Returns
        -------
        Network
            A new network sharing the (read-only) tie arrays with this one.

        Raises
        ------
        InvalidParameterError
            For a threshold outside (0, 1].
        InvalidNetworkError
            When the focal organisation is not the organisation of any actor.

        Notes
        -----
        The direction cannot change here: an undirected network stores each tie both
        ways and a directed one need not be symmetric. Build a new network instead,
        ``Network.from_frames(*net.to_frames(), directed=...)``.

        Examples
        --------
        >>> from infnet.synthetic import toy_network
        >>> net = toy_network().with_options(strong_threshold=0.8)
        >>> net.strong_threshold, int(net.strong().sum()) // 2
        (0.8, 4)
        """
        caller = "Network.with_options"
        threshold = self._strong_threshold
        if not isinstance(strong_threshold, _Unset):
            threshold = check_float(
                strong_threshold, name="strong_threshold", caller=caller, low=0.0, high=1.0,
                closed="right",
            )
        focal = self._focal_organisation
        actors = self._actors
        if not isinstance(focal_organisation, _Unset):
            _check_focal(focal_organisation, caller)
            focal = focal_organisation
            if focal is not None:
                actors = _finish_actors(self._actors.copy(deep=not _COPY_ON_WRITE), focal)
        other = Network(
            self._strength,
            actors,
            directed=self._directed,
            tie_attributes=self._tie_attributes,
            focal_organisation=focal,
            strong_threshold=threshold,
        )
        other._in_cache = self._in_cache
        other._canonical = self._canonical
        return other

    def canonical_order(self) -> IntArray:
        """Return the permutation that sorts the actors by id.

        ``actor_ids[canonical_order()]`` is the same sequence for every network built
        from the same actors and ties, whatever the row order of the input frames, so
        algorithms that sample (or break ties by position) can work in this order to
        give row-order invariant results.

        Returns
        -------
        ndarray of int64 of shape (n_actors,)
            Positions in network order, sorted by id; read-only (computed once and
            cached).

        Notes
        -----
        Ids of one type sort by their natural order (numbers numerically, strings by
        code point). When the ids cannot be compared with each other (e.g. tuples of
        mixed types) they sort by ``(type name, str(id))``, ties of that key keeping
        network order. O(n_actors log n_actors) the first time, O(1) after.

        Examples
        --------
        >>> from infnet import Network
        >>> net = Network.from_edges([("c", "a"), ("b", "c")])
        >>> net.actor_ids.tolist(), net.canonical_order().tolist()
        (['c', 'a', 'b'], [1, 2, 0])
        """
        if self._canonical is None:
            self._canonical = _readonly(_canonical_permutation(self.actor_ids))
        return self._canonical


    @property
    def strength(self) -> sparse.csr_array:
        """Tie strengths as a read-only CSR array, row = source, column = target."""
        return self._strength

    @property
    def tie_attributes(self) -> tuple[str, ...]:
        """Names of the extra tie attributes (besides ``strength``)."""
        return tuple(self._tie_attributes)

    @property
    def nbytes(self) -> int:
        """Bytes held by the tie arrays (CSR and tie attributes), not the actors frame."""
        s = self._strength
        total = s.indptr.nbytes + s.indices.nbytes + s.data.nbytes
        return int(total + sum(v.nbytes for v in self._tie_attributes.values()))

    def tie_attribute(self, name: str) -> np.ndarray:
        """Return a tie attribute aligned with ``strength.data`` (read-only).

        Parameters
        ----------
        name : str
            ``"strength"`` or one of :attr:`tie_attributes`.

        Returns
        -------
        ndarray of shape (n_entries,)
            One value per stored entry (each undirected tie appears twice).

        Raises
        ------
        InvalidParameterError
            For an unknown attribute (the message suggests the closest name).
        InfnetTypeError
            When `name` is not a str.

        Examples
        --------
        >>> import pandas as pd
        >>> from infnet import Network
        >>> ties = pd.DataFrame({"source": ["a"], "target": ["b"], "count": [4]})
        >>> Network.from_frames(None, ties).tie_attribute("count").tolist()
        [4]
        """
        _check_column_name(name, "name", "Network.tie_attribute")
        if name == "strength":
            return self._strength.data
        if name not in self._tie_attributes:
            options = ["strength", *self._tie_attributes]
            msg = f"Unknown tie attribute {name!r}; the network has {options!r}.{closest(name, options)}"
            raise InvalidParameterError(msg)
        return self._tie_attributes[name]

    def matrix(self, weight: str | None = "strength") -> sparse.csr_array:
        """Return the tie matrix with the values of one tie attribute.

        Parameters
        ----------
        weight : str or None, default="strength"
            Tie attribute to use as values; ``None`` gives 1.0 for every tie.

        Returns
        -------
        csr_array of shape (n_actors, n_actors)
            Same sparsity pattern as :attr:`strength`, float64 values.

        Raises
        ------
        InvalidParameterError
            For an unknown or non-numeric (boolean, complex, text) attribute, or one with
            values that are not finite, not > 0 or above ``MAX_VALUE`` (1e100: larger
            weights overflow sums of paths).
        InfnetTypeError
            When `weight` is not a str or None.

        Examples
        --------
        >>> from infnet import Network
        >>> net = Network.from_edges([("a", "b", 0.5)])
        >>> net.matrix(None).toarray().tolist()
        [[0.0, 1.0], [0.0, 0.0]]
        """
        s = self._strength
        if weight == "strength":
            return s
        if weight is None:
            data = np.ones(s.nnz)
        else:
            _check_column_name(weight, "weight", "Network.matrix", optional=True)
            raw = self.tie_attribute(weight)
            if (
                not np.issubdtype(raw.dtype, np.number)
                or raw.dtype == np.bool_
                or np.issubdtype(raw.dtype, np.complexfloating)
            ):
                msg = (
                    f"Tie attribute {weight!r} is not numeric (real numbers; dtype {raw.dtype}); it "
                    "cannot be a weight."
                )
                raise InvalidParameterError(msg)
            data = raw.astype(np.float64)
            bad = ~(np.isfinite(data) & (data > 0) & (data <= MAX_VALUE))
            if bad.any():
                rows = np.flatnonzero(bad)
                src, dst = self._tie_endpoints()
                ids = self.actor_ids
                first = [(ids[src[i]], ids[dst[i]], data[i].item()) for i in rows[:5].tolist()]
                msg = (
                    f"Tie attribute {weight!r} must be finite and > 0, and at most {MAX_VALUE:g}, "
                    f"to be used as a weight; {rows.size} stored ties break this, first (source, "
                    f"target, value): {format_ids(first, rows.size)}."
                )
                raise InvalidParameterError(msg)
        return sparse.csr_array((data, s.indices, s.indptr), shape=s.shape)

    def in_matrix(self, weight: str | None = "strength") -> sparse.csr_array:
        """Return the transposed tie matrix (row = target), in canonical CSR form.

        Parameters
        ----------
        weight : str or None, default="strength"
            As in :meth:`matrix`.

        Returns
        -------
        csr_array of shape (n_actors, n_actors)
            Row ``v`` lists the actors with a tie into ``v``. For an undirected network
            this is :meth:`matrix` itself.

        Notes
        -----
        The transposed structure (row pointers, column indices and the permutation
        from stored order to transposed order) is computed once, by a counting sort in
        O(n_ties + n_actors), and cached: 16 more bytes per stored entry (index and an
        int64 permutation) on directed networks. Later calls, for any `weight`, cost
        one gather of the values.

        Examples
        --------
        >>> from infnet import Network
        >>> net = Network.from_edges([("a", "b", 0.5)])
        >>> net.in_matrix().toarray().tolist()
        [[0.0, 0.0], [0.5, 0.0]]
        """
        m = self.matrix(weight)
        if not self.directed:
            return m
        indptr, indices, perm = self._transposed()
        return sparse.csr_array((m.data[perm], indices, indptr), shape=m.shape)

    def reversed(self) -> Network:
        """Return the network with every tie reversed (itself when undirected).

        Returns
        -------
        Network
            Ties ``v -> u`` for every tie ``u -> v``, with the same actors, strengths and
            tie attributes. Shares the actors frame; costs one gather per tie array once
            the transposed structure is cached (see :meth:`in_matrix`).

        Examples
        --------
        >>> from infnet.synthetic import star
        >>> star(2).reversed().strength.toarray().tolist()
        [[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [1.0, 0.0, 0.0]]
        """
        if not self.directed:
            return self
        indptr, indices, perm = self._transposed()
        s = self._strength
        other = Network(
            sparse.csr_array((s.data[perm], indices.copy(), indptr.copy()), shape=s.shape),
            self._actors,
            directed=True,
            tie_attributes={k: v[perm] for k, v in self._tie_attributes.items()},
            focal_organisation=self.focal_organisation,
            strong_threshold=self.strong_threshold,
        )
        other._canonical = self._canonical  # same actors, same order
        return other

    def in_degree(self) -> FloatArray:
        """Return the number of ties into each actor (followers inside the network).

        Returns
        -------
        ndarray of float64 of shape (n_actors,)
            In-degree; the degree for an undirected network. O(n_actors) once the
            transposed structure is cached (see :meth:`in_matrix`).

        Examples
        --------
        >>> from infnet.synthetic import star
        >>> star(2).in_degree().tolist()
        [0.0, 1.0, 1.0]
        """
        if not self.directed:
            return np.diff(self._strength.indptr).astype(np.float64)
        return np.diff(self._transposed()[0]).astype(np.float64)

    def _transposed(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if self._in_cache is None:
            s = self._strength
            order = sparse.csr_array(
                (np.arange(s.nnz, dtype=np.int64), s.indices, s.indptr), shape=s.shape
            ).tocsc()  # counting sort; rows stay sorted within each column
            parts = (
                order.indptr.astype(s.indptr.dtype), order.indices.astype(s.indices.dtype),
                order.data,
            )
            for arr in parts:
                _readonly(arr)
            self._in_cache = parts
        return self._in_cache

    def strong(self, threshold: float | None = None) -> BoolArray:
        """Return which stored ties are strong (strength >= threshold).

        Parameters
        ----------
        threshold : float, optional
            Defaults to :attr:`strong_threshold`.

        Returns
        -------
        ndarray of bool of shape (n_entries,)
            Aligned with ``strength.data``.

        Examples
        --------
        >>> from infnet import Network
        >>> Network.from_edges([("a", "b", 0.5), ("a", "c", 0.49)]).strong().tolist()
        [True, False]
        """
        t = self.strong_threshold if threshold is None else check_float(
            threshold, name="threshold", caller="Network.strong", low=0.0, high=1.0, closed="right"
        )
        return np.asarray(self._strength.data >= t)

    def attribute(self, name: str) -> np.ndarray:
        """Return one actor attribute as an array in network order.

        Parameters
        ----------
        name : str
            Column of :attr:`actors`.

        Returns
        -------
        ndarray of shape (n_actors,)
            The column's values.

        Raises
        ------
        InvalidParameterError
            When the actors have no such column (the closest name is suggested).
        InfnetTypeError
            When `name` is not a str.

        Examples
        --------
        >>> from infnet.synthetic import toy_network
        >>> toy_network().attribute("kind")[:3].tolist()
        ['internal', 'internal', 'internal']
        """
        _check_column_name(name, "name", "Network.attribute")
        if name not in self._actors.columns:
            cols = list(map(str, self._actors.columns))
            msg = f"The actors have no attribute {name!r}; they have {cols!r}.{closest(name, cols)}"
            raise InvalidParameterError(msg)
        return self._actors[name].to_numpy()

    def codes(self, name: str) -> tuple[IntArray, pd.Index]:
        """Encode an actor attribute as integer group codes.

        Parameters
        ----------
        name : str
            Column of :attr:`actors` (for instance ``"segment"`` or ``"organisation"``).

        Returns
        -------
        codes : ndarray of int64 of shape (n_actors,)
            Group of each actor, ``-1`` where the value is missing.
        groups : Index
            The distinct values, sorted when they are sortable; ``codes`` index into it.

        Examples
        --------
        >>> from infnet.synthetic import toy_network
        >>> codes, groups = toy_network().codes("kind")
        >>> groups.tolist(), codes.tolist()[:5]
        (['external', 'internal'], [1, 1, 1, 1, 0])
        """
        values = pd.Series(self.attribute(name))
        try:
            codes, uniques = pd.factorize(values, sort=True)
        except TypeError:
            codes, uniques = pd.factorize(values, sort=False)
        return codes.astype(np.int64), pd.Index(uniques)

    def select(self, expr: str, *, caller: str = "Network.select") -> BoolArray:
        """Evaluate a ``where`` expression over actor attributes.

        The expression language (columns, literals, comparisons, ``and``/``or``/``not``,
        ``in [...]``, arithmetic, parentheses) is defined, parsed and evaluated by
        :mod:`infnet.expressions`; nothing is passed to ``eval`` or ``DataFrame.eval``.

        Parameters
        ----------
        expr : str
            The expression, e.g. ``"segment == 'fintech' and audience < 50000"``, or an
            :class:`infnet.expressions.Expression` parsed earlier.
        caller : str, default="Network.select"
            The public function the user called, named in error messages.

        Returns
        -------
        ndarray of bool of shape (n_actors,)
            Which actors satisfy the expression (a result that is unknown because of a
            missing value counts as False).

        Raises
        ------
        InvalidParameterError
            When the expression is outside the grammar, names a column the actors lack
            (the columns are listed), compares values of different types, or is not a
            condition; the message names the token and its character offset.
        ResourceLimitError
            When the expression exceeds a limit of :mod:`infnet.expressions`.

        Examples
        --------
        >>> from infnet.synthetic import toy_network
        >>> toy_network().select("kind == 'internal'").sum()
        np.int64(4)
        """
        from infnet.expressions import evaluate  # the one owner of the `where` language

        return evaluate(expr, self._actors, caller=caller)

    def index_of(self, ids: Iterable[Hashable] | Hashable) -> IntArray:
        """Map actor ids to positions in network order.

        Parameters
        ----------
        ids : hashable or iterable of hashable
            Actor ids. A string counts as one id.

        Returns
        -------
        ndarray of int64
            Positions, in the order given.

        Raises
        ------
        UnknownActorError
            When an id is not in the network (first five shown, with the count), or is
            a bool or missing (``True == 1`` would silently match actor ``1``).
        InfnetTypeError
            When `ids` is a set or a mapping (no order to return positions in), or an
            id is unhashable (a list, dict, set).

        Examples
        --------
        >>> from infnet import Network
        >>> Network.from_edges([("a", "b")]).index_of(["b", "a"]).tolist()
        [1, 0]
        """
        caller = "Network.index_of"
        if isinstance(ids, (AbstractSet, Mapping)):
            msg = (
                f"`ids` of {caller} must be one id or an ordered sequence of ids; got a "
                f"{type(ids).__name__}, which has no order for the positions. Pass a list "
                "(sorted(ids), or list(mapping) for its keys)."
            )
            raise InfnetTypeError(msg)
        if isinstance(ids, (str, bytes)) or not isinstance(ids, Iterable):
            ids = [ids]
        if isinstance(ids, (np.ndarray, pd.Index, pd.Series)) and np.ndim(ids) == 1:
            values = np.asarray(ids, dtype=object)
        else:
            items = list(ids)
            values = np.empty(len(items), dtype=object)
            for i, v in enumerate(items):  # element by element: tuple ids stay whole
                values[i] = v
        try:
            missing = np.asarray(pd.isna(values), dtype=bool)
            flags = np.flatnonzero(missing) if missing.any() else _bool_rows(values)
        except (TypeError, ValueError):
            flags = np.empty(0, dtype=np.int64)
        bad = _first_unhashable(values) if values.size and _any_unhashable(values) else []
        if bad:
            msg = (
                f"`ids` of {caller} holds a {type(values[bad[0]]).__name__} ({values[bad[0]]!r}) "
                f"at positions {_rows_text(bad)}; an actor id is a hashable scalar such as a "
                "str or an int."
            )
            raise InfnetTypeError(msg)
        if flags.size:
            msg = (
                f"`ids` of {caller} holds {values[flags[0]]!r} at positions {_rows_text(flags)}: "
                "booleans and missing values (NaN/None) are not actor ids (True == 1 would "
                "match actor 1)."
            )
            raise UnknownActorError(msg)
        return _lookup(self.actor_ids, values, "ids")

    def _tie_endpoints(self) -> tuple[IntArray, IntArray]:
        s = self._strength
        src = np.repeat(np.arange(s.shape[0], dtype=np.int64), np.diff(s.indptr))
        return src, s.indices.astype(np.int64)

    # ------------------------------------------------------------------ comparison
    def equals(self, other: object) -> bool:
        """Whether two networks have the same actors, ties and attributes.

        Actor order does not matter: a network equals any relabelling of its rows that
        keeps ids, attributes and ties.

        Parameters
        ----------
        other : object
            Network to compare with.

        Returns
        -------
        bool
            True when direction, focal organisation, actors with their attributes, and
            ties with their strengths and attributes all match.

        Examples
        --------
        >>> from infnet import Network
        >>> a = Network.from_edges([("a", "b", 0.8), ("b", "c", 0.2)])
        >>> b = Network.from_edges([("b", "c", 0.2), ("a", "b", 0.8)])
        >>> a.equals(b), a.actor_ids.equals(b.actor_ids)
        (True, False)
        """
        if not isinstance(other, Network):
            return False
        if (self.directed, self.focal_organisation, self.n_actors, self._strength.nnz) != (
            other.directed, other.focal_organisation, other.n_actors, other._strength.nnz,
        ):
            return False
        if set(self._tie_attributes) != set(other._tie_attributes):
            return False
        if set(self.actor_ids) != set(other.actor_ids) or set(self._actors.columns) != set(
            other._actors.columns
        ):
            return False
        perm = other.actor_ids.get_indexer(self.actor_ids)
        mine = self._actors
        theirs = other._actors.take(perm)
        for col in mine.columns:
            a, b = mine[col].to_numpy(), theirs[col].to_numpy()
            if not _values_equal(a, b):
                return False
        src, dst = self._tie_endpoints()
        n = self.n_actors
        key = perm[src].astype(np.int64) * n + perm[dst]
        order = np.argsort(key, kind="stable")
        osrc, odst = other._tie_endpoints()
        if not np.array_equal(key[order], osrc * n + odst):
            return False
        pairs = [(self._strength.data, other._strength.data)] + [
            (v, other._tie_attributes[k]) for k, v in self._tie_attributes.items()
        ]
        return all(_values_equal(a[order], b) for a, b in pairs)

    __hash__ = None  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        """Structural equality, as :meth:`equals`."""
        return self.equals(other)

    def __repr__(self) -> str:
        """Summarise size, direction and focal organisation."""
        parts = [f"n_actors={self.n_actors}", f"n_ties={self.n_ties}", f"directed={self.directed}"]
        if self.focal_organisation is not None:
            parts.append(f"focal_organisation={self.focal_organisation!r}")
        return f"Network({', '.join(parts)})"

    def _repr_html_(self) -> str:
        """Summarise the network as a small HTML table for notebooks."""
        cols = list(self._actors.columns)
        shown = ", ".join(html.escape(str(c)) for c in cols[:20])
        if len(cols) > 20:
            shown += f", ... ({len(cols)} in all)"
        ties = ", ".join(html.escape(str(c)) for c in ("strength", *self._tie_attributes))
        rows = [
            ("actors", f"{self.n_actors:,}"),
            ("ties", f"{self.n_ties:,}"),
            ("directed", str(self._directed)),
            ("focal organisation", html.escape(repr(self._focal_organisation))),
            ("strong threshold", f"{self._strong_threshold:g}"),
            ("actor columns", shown or "<i>none</i>"),
            ("tie columns", ties),
        ]
        body = "".join(
            f"<tr><th style='text-align:left'>{k}</th><td style='text-align:left'>{v}</td></tr>"
            for k, v in rows
        )
        return f"<table class='infnet-network'><caption>infnet.Network</caption>{body}</table>"


# ---------------------------------------------------------------------- helpers
def _restore_network(
    strength: sparse.csr_array,
    actors: pd.DataFrame,
    directed: bool,
    tie_attributes: dict[str, np.ndarray],
    focal_organisation: Hashable | None,
    strong_threshold: float,
) -> Network:
    """Rebuild a pickled or copied network (the arrays become read-only again)."""
    return Network(
        strength, actors, directed=directed, tie_attributes=tie_attributes,
        focal_organisation=focal_organisation, strong_threshold=strong_threshold,
    )


def _read_only_message(name: str) -> str:
    if name == "directed":
        how = (
            "build a new network with the other direction, e.g. "
            "Network.from_frames(*net.to_frames(), directed=...)"
        )
    elif name in ("focal_organisation", "strong_threshold"):
        how = f"build a new network with net.with_options({name}=...)"
    else:
        how = "build a new network (Network.from_frames, net.with_options, ...)"
    return f"Network.{name} cannot be set: a Network is immutable once built; {how}."


def _import(module: str, caller: str) -> Any:
    from infnet._optional import require

    return require(module, caller=f"Network.{caller}")


def _check_free_name(name: str, taken: Iterable[object], param: str, caller: str, kind: str) -> None:
    """Refuse an export column name that an attribute already uses."""
    if name in list(taken):
        msg = (
            f"`{param}` of Network.{caller} is {name!r}, but there is already a {kind} "
            f"attribute {name!r}; pass another {param}=."
        )
        raise InvalidParameterError(msg)


def _is_missing(v: object) -> bool:
    try:
        return bool(pd.isna(v))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return False


def _values_equal(a: np.ndarray, b: np.ndarray) -> bool:
    if a.shape != b.shape:
        return False
    if np.issubdtype(a.dtype, np.number) and np.issubdtype(b.dtype, np.number):
        return bool(np.array_equal(a, b, equal_nan=True))
    sa, sb = pd.Series(a, dtype=object), pd.Series(b, dtype=object)
    both_missing = sa.isna().to_numpy() & sb.isna().to_numpy()
    same = (sa == sb).to_numpy()
    return bool(np.all(same | both_missing))


def _rows_text(rows: np.ndarray | list[int]) -> str:
    return format_ids(list(rows[:5]), len(rows))


def _first_unhashable(values: Any) -> list[int]:
    """Rows (positions) whose value cannot be hashed (lists, dicts, sets, arrays)."""
    bad: list[int] = []
    for i, v in enumerate(np.asarray(values, dtype=object).tolist()):
        try:
            hash(v)
        except TypeError:
            bad.append(i)
    return bad


def _any_unhashable(values: np.ndarray) -> bool:
    """Whether an object array holds an unhashable value (one C hash pass when not)."""
    try:
        pd.factorize(values)
    except TypeError:
        return True
    return False


def _refuse_unhashable(values: Any, where: str) -> None:
    bad = _first_unhashable(values)
    if bad:
        first = np.asarray(values, dtype=object)[bad[0]]
        msg = (
            f"{where} holds values that cannot be actor ids ({type(first).__name__}, e.g. "
            f"{first!r}) in rows {_rows_text(bad)}; an actor id must be a hashable scalar "
            "such as a str or an int."
        )
        raise InvalidNetworkError(msg)


def _bool_rows(values: Any) -> np.ndarray:
    """Rows whose id is a bool (``True == 1``, so it would silently match actor 1).

    A C pass (``infer_dtype``) over object columns; a Python scan only when that pass
    finds booleans or mixed types.
    """
    dtype = getattr(values, "dtype", None)
    if dtype is not None and pd.api.types.is_bool_dtype(dtype):
        return np.arange(len(values))
    if dtype is not None and not pd.api.types.is_object_dtype(dtype):
        return np.empty(0, dtype=np.int64)
    sample = np.asarray(values, dtype=object)  # no copy for object storage
    inferred = pd.api.types.infer_dtype(sample, skipna=True)
    if inferred != "boolean" and not inferred.startswith("mixed") and inferred != "unknown-array":
        return np.empty(0, dtype=np.int64)
    flags = np.fromiter(
        (isinstance(v, (bool, np.bool_)) for v in sample.tolist()), dtype=bool, count=len(sample)
    )
    return np.flatnonzero(flags)


def _refuse_bools(rows: np.ndarray, where: str) -> None:
    if rows.size:
        msg = (
            f"{where} holds booleans as actor ids in rows {_rows_text(rows)}; True == 1 "
            "and False == 0, so they would match the actors 1 and 0. Use str or int ids."
        )
        raise InvalidNetworkError(msg)


def _check_ids(ids: pd.Index, frame: str, column: str | None = None) -> None:
    where = f"{frame} ids" if column is None else f"{frame} column {column!r}"
    if ids.dtype == object:
        _refuse_unhashable(ids, where)
    if ids.hasnans:
        rows = np.flatnonzero(np.asarray(ids.isna()))
        place = "" if column is None else f" column {column!r},"
        msg = (
            f"{frame} has missing actor ids (NaN/None) in{place} rows {_rows_text(rows)}; "
            "every actor needs an id."
        )
        raise InvalidNetworkError(msg)
    _refuse_bools(_bool_rows(ids), where)
    inferred = pd.api.types.infer_dtype(ids, skipna=False)
    if inferred.startswith("mixed") or inferred == "unknown-array":
        kinds = sorted({type(i).__name__ for i in ids[:1000]})
        place = "" if column is None else f" (column {column!r})"
        msg = (
            f"{frame} has actor ids of mixed types ({', '.join(kinds)}){place}; use one type, "
            "e.g. cast every id to str."
        )
        raise InvalidNetworkError(msg)
    if not ids.is_unique:
        dup = ids[ids.duplicated()].unique()
        msg = f"{frame} has duplicate actor ids: {format_ids(dup.to_numpy())}."
        raise InvalidNetworkError(msg)


def _check_unique_columns(frame: pd.DataFrame, name: str) -> None:
    """Refuse duplicate column names (also after casting names to str)."""
    names = pd.Index([str(c) for c in frame.columns])
    if not names.is_unique:
        dup = names[names.duplicated()].unique().tolist()
        msg = (
            f"{name} has duplicate column names {format_ids(dup)}: a column must be named "
            "once, or which one is meant is a guess. Rename or drop the copies."
        )
        raise InvalidNetworkError(msg)


def _check_column_name(value: object, param: str, caller: str, *, optional: bool = False) -> None:
    if isinstance(value, str) or (optional and value is None):
        return
    allowed = "a column name (str) or None" if optional else "a column name (str)"
    msg = f"`{param}` of {caller} must be {allowed}; got {type(value).__name__} {value!r}."
    raise InfnetTypeError(msg)


def _check_focal(focal: object, caller: str) -> None:
    if focal is None:
        return
    try:
        hash(focal)
    except TypeError:
        ok = False
    else:
        ok = not isinstance(focal, (bool, np.bool_)) and not _is_missing(focal)
    if not ok:
        msg = (
            f"`focal_organisation` of {caller} must be an organisation name (a str or other "
            f"hashable scalar, not a bool or NaN) or None; got {type(focal).__name__} {focal!r}."
        )
        raise InfnetTypeError(msg)


class _Ids:
    """Actor ids of tie endpoints, looked up only for the rows an error message names."""

    def __init__(self, ids: pd.Index, pos: np.ndarray) -> None:
        self._ids, self._pos = ids, pos

    def __getitem__(self, i: int) -> Any:
        return self._ids[int(self._pos[i])]


def _canonical_permutation(ids: pd.Index) -> IntArray:
    """Positions sorting `ids` (natural order, else by ``(type name, str(id))``)."""
    try:
        return np.asarray(ids.argsort(kind="stable"), dtype=np.int64)
    except TypeError:
        keys = [(type(i).__name__, str(i)) for i in ids.tolist()]
        return np.asarray(sorted(range(len(keys)), key=keys.__getitem__), dtype=np.int64)


def _memory_error(caller: str, what: str) -> ResourceLimitError:
    msg = (
        f"{caller} ran out of memory building a network of {what}. Build it from fewer "
        "ties (or actors), or on a machine with more memory; see Network's Notes for "
        "the bytes per tie."
    )
    return ResourceLimitError(msg)


def _factorize_endpoints(src_ids: Any, dst_ids: Any) -> tuple[IntArray, IntArray, Any]:
    """Codes of the endpoints and the distinct ids, in order of first appearance.

    Sources come before targets, row by row. Each column is factorized in its own
    storage (Arrow strings stay Arrow), then the two small sets of distinct ids are
    merged by their first row: O(n_ties) time, no Python object per row.
    """
    codes_s, uniq_s = pd.factorize(src_ids)
    codes_d, uniq_d = pd.factorize(dst_ids)

    def first_rows(codes: np.ndarray) -> np.ndarray:
        # factorize numbers ids by first appearance, so a new id is a new running max
        if codes.size == 0:
            return np.empty(0, dtype=np.int64)
        running = np.maximum.accumulate(codes)
        new = np.empty(codes.size, dtype=bool)
        new[0] = True
        new[1:] = running[1:] > running[:-1]
        return np.flatnonzero(new)

    keys = np.concatenate([2 * first_rows(codes_s), 2 * first_rows(codes_d) + 1])
    both = pd.Index(uniq_s).append(pd.Index(uniq_d))
    order = np.argsort(keys, kind="stable")
    merged = both.take(order)
    distinct = merged[~merged.duplicated(keep="first")]
    src = distinct.get_indexer(uniq_s)[codes_s].astype(np.int64)
    dst = distinct.get_indexer(uniq_d)[codes_d].astype(np.int64)
    return src, dst, distinct


def _actor_frame(
    actors: pd.DataFrame | None,
    actor_id: str | None,
    distinct: Any,
) -> pd.DataFrame:
    if actors is None:
        ids = pd.Index(distinct, name=_ACTOR_INDEX_NAME)
        _check_ids(ids, "ties")
        return pd.DataFrame(index=ids)
    _check_unique_columns(actors, "actors")
    if actor_id is None:
        _check_ids(actors.index, "actors")
        frame = actors.copy()
    else:
        check_columns(actors.columns, {"actor_id": actor_id}, frame="actors")
        column = actors[actor_id]
        if column.dtype == object:
            _refuse_unhashable(column.array, f"actors column {actor_id!r}")
        frame = actors.set_index(actor_id, drop=True)
    frame.index.name = _ACTOR_INDEX_NAME
    frame.columns = [str(c) for c in frame.columns]
    _check_ids(frame.index, "actors", actor_id)
    return frame


def _lookup(ids: pd.Index, values: np.ndarray, column: str) -> IntArray:
    pos = ids.get_indexer(pd.Index(values))
    bad = pos < 0
    if bad.any():
        unknown = pd.unique(values[bad])
        hint = ""
        sample_v, sample_i = values[bad][0], ids[0]
        if type(sample_v) is not type(sample_i) and not (
            isinstance(sample_v, (int, np.integer)) and isinstance(sample_i, (int, np.integer))
        ):
            hint = (
                f" The ids there are {type(sample_v).__name__} but actor ids are "
                f"{type(sample_i).__name__}: cast one side."
            )
        msg = f"ties column {column!r} names {unknown.size} unknown actors: {format_ids(unknown)}.{hint}"
        if column == "ids":
            msg = f"{unknown.size} unknown actor ids: {format_ids(unknown)}.{hint}"
        raise UnknownActorError(msg)
    return pos.astype(np.int64)


def _check_strength(
    s: Any,
    column: str,
    src_ids: np.ndarray | pd.Index | Any,
    dst_ids: np.ndarray | pd.Index | Any,
    *,
    where: str = "ties column",
) -> FloatArray:
    """Strengths as float64, refusing anything but real, finite values in [MIN_STRENGTH, 1].

    `s` is a Series, an ndarray or an extension array; booleans, complex numbers,
    strings and other non-numeric values are refused (``True`` is not a strength, and
    casting a complex number drops its imaginary part).
    """
    label = f"{where} {column!r} (strength)"
    arr = s if isinstance(s, (pd.Series, pd.Index)) else pd.Series(s, copy=False)
    dtype = arr.dtype
    inferred = pd.api.types.infer_dtype(arr, skipna=True) if dtype == object else ""
    problem = ""
    if pd.api.types.is_bool_dtype(dtype) or inferred == "boolean":
        problem = "booleans (True is not a strength; cast with .astype(float) if you mean 1.0)"
    elif pd.api.types.is_complex_dtype(dtype) or inferred == "complex":
        problem = "complex numbers (the imaginary part would be dropped; pass the real part)"
    elif dtype == object and inferred not in (
        "integer", "floating", "mixed-integer-float", "decimal", "empty",
    ):
        problem = f"non-numeric values ({inferred})"
    elif dtype != object and not pd.api.types.is_numeric_dtype(dtype):
        problem = f"non-numeric values (dtype {dtype})"
    if problem:
        obj = np.asarray(arr, dtype=object)
        rows = [
            i for i, v in enumerate(obj.tolist())
            if isinstance(v, (bool, np.bool_, complex, np.complexfloating))
            or not isinstance(v, (numbers.Real, np.number))
        ] or list(range(len(obj)))
        if rows and dtype == object:  # name what the first offending value is
            first = obj[rows[0]]
            if isinstance(first, (complex, np.complexfloating)):
                problem = "complex numbers (the imaginary part would be dropped; pass the real part)"
            elif isinstance(first, (bool, np.bool_)):
                problem = "booleans (True is not a strength)"
            else:
                problem = f"non-numeric values ({type(first).__name__})"
        rule = f"{label} must be numeric: real numbers in (0, 1], at least {MIN_STRENGTH:g}"
        msg = (
            f"{rule}; it holds {problem}, first in rows {_rows_text(rows)} (value "
            f"{obj[rows[0]]!r})." if rows else f"{rule}; it holds {problem}."
        )
        raise InvalidNetworkError(msg)
    values = np.array(arr.to_numpy(dtype=np.float64, na_value=np.nan), dtype=np.float64, copy=True)
    bad = ~(np.isfinite(values) & (values >= MIN_STRENGTH) & (values <= 1))
    if bad.any():
        rows_ = np.flatnonzero(bad)
        pairs = [(src_ids[i], dst_ids[i], values[i].item()) for i in rows_[:5].tolist()]
        kinds = []
        v = values[rows_]
        for name, m in (
            ("NaN", np.isnan(v)), ("infinite", np.isinf(v)), ("negative", v < 0),
            ("zero", v == 0), (f"in (0, {MIN_STRENGTH:g})", (v > 0) & (v < MIN_STRENGTH)),
            ("above 1", v > 1),
        ):
            if m.any():
                kinds.append(f"{int(m.sum())} {name}")
        msg = (
            f"{label} must hold values in (0, 1], at least MIN_STRENGTH = {MIN_STRENGTH:g} "
            f"(smaller ones underflow in the solvers); {rows_.size} do not ({', '.join(kinds)}), "
            f"first (source, target, value): {format_ids(pairs, rows_.size)}. Rescale the "
            "column, or derive strength with infnet.ties.FromInteractions."
        )
        raise InvalidNetworkError(msg)
    return values


def _merge(v: np.ndarray, starts: IntArray, policy: Literal["max", "sum", "raise"]) -> np.ndarray:
    if np.issubdtype(v.dtype, np.datetime64):
        return np.maximum.reduceat(v, starts)
    if np.issubdtype(v.dtype, np.number) and v.dtype != np.bool_:
        ufunc = np.add if policy == "sum" else np.maximum
        return ufunc.reduceat(v, starts)
    return v[starts]


def _mirror(lo: IntArray, hi: IntArray, n: int) -> tuple[sparse.csr_array, IntArray]:
    """CSR structure of the ties ``lo -> hi`` and ``hi -> lo``, and the entry order.

    The pairs come sorted by ``(lo, hi)``, so each row of the mirrored matrix holds two
    sorted runs: a counting sort by row (scipy's COO -> CSR) and a per-row merge
    (``sort_indices``) replace a second argsort of ``2 * n_ties`` keys. ``order[e]``
    is the position, in ``concatenate([pairs, mirrored pairs])``, of stored entry e.
    """
    m = lo.size
    idx = _index_dtype(n, 2 * m)
    coo = sparse.coo_array(
        (np.arange(2 * m, dtype=np.int64),
         (np.concatenate([lo, hi]).astype(idx), np.concatenate([hi, lo]).astype(idx))),
        shape=(n, n),
    )
    mat = coo.tocsr()
    mat.sort_indices()
    order = np.asarray(mat.data, dtype=np.int64)
    structure = sparse.csr_array(
        (np.empty(2 * m), mat.indices.astype(idx, copy=False), mat.indptr.astype(idx, copy=False)),
        shape=(n, n),
    )
    structure.has_sorted_indices = True
    return structure, order


def _csr(src: IntArray, dst: IntArray, data: FloatArray, n: int) -> sparse.csr_array:
    """Build canonical CSR from entries already sorted by (src, dst)."""
    idx = _index_dtype(n, src.size)
    indptr = np.zeros(n + 1, dtype=idx)
    np.cumsum(np.bincount(src, minlength=n), out=indptr[1:])
    m = sparse.csr_array((data, dst.astype(idx), indptr), shape=(n, n))
    m.has_sorted_indices = True
    return m


def _finish_actors(frame: pd.DataFrame, focal: Hashable | None) -> pd.DataFrame:
    """Validate known attributes and derive ``kind`` from the focal organisation."""
    present = [str(c) for c in frame.columns]
    for known in KNOWN_ATTRIBUTES:
        if known in present:
            continue
        near = [c for c in present if _normalised(c) == _normalised(known)]
        if near:
            import warnings

            warnings.warn(
                f"actors column {near[0]!r} is not the known attribute {known!r} (names differ "
                f"in case, whitespace or separators), so infnet treats it as an ordinary "
                f"column. Rename it to {known!r} for infnet to use it as {known}.",
                InfnetWarning,
                stacklevel=4,
            )
    if focal is not None:
        if "organisation" not in frame.columns:
            msg = (
                "focal_organisation needs an 'organisation' actor column; the actors have "
                f"{list(frame.columns)!r}.{closest('organisation', frame.columns)}"
            )
            raise InvalidNetworkError(msg)
        orgs = frame["organisation"]
        if not (orgs == focal).any():
            names = pd.unique(orgs.dropna()).tolist()
            msg = (
                f"focal_organisation {focal!r} is not the organisation of any actor."
                f"{closest(focal, names)}"
            )
            raise InvalidNetworkError(msg)
        frame["kind"] = np.where((orgs == focal).to_numpy(), "internal", "external")
    if "kind" in frame.columns:
        kind = frame["kind"]
        bad = ~kind.isin(_KINDS)
        if bad.any():
            msg = (
                "actors column 'kind' must be 'internal' or 'external'; actors "
                f"{format_ids(frame.index[bad.to_numpy()].to_numpy())} have "
                f"{format_ids(np.asarray(pd.unique(kind[bad])))}. Or name focal_organisation to derive it."
            )
            raise InvalidNetworkError(msg)
    if "audience" in frame.columns:
        aud = pd.to_numeric(frame["audience"], errors="coerce")
        bad = (aud.isna() & frame["audience"].notna()) | (aud < 0) | np.isinf(aud)
        if bad.any():
            msg = (
                "actors column 'audience' must be a follower count >= 0 (NaN = unknown); "
                f"actors {format_ids(frame.index[bad.to_numpy()].to_numpy())} break that."
            )
            raise InvalidNetworkError(msg)
    for col in _SHARE_COLUMNS:
        if col in frame.columns:
            v = pd.to_numeric(frame[col], errors="coerce")
            bad = (v.isna() & frame[col].notna()) | (v < 0) | (v > 1)
            if bad.any():
                msg = (
                    f"actors column {col!r} must be a share in [0, 1] (NaN = unknown); "
                    f"actors {format_ids(frame.index[bad.to_numpy()].to_numpy())} break that."
                )
                raise InvalidNetworkError(msg)
    if "is_customer" in frame.columns:
        flags = frame["is_customer"]
        ok = flags.isna() | flags.isin([True, False, 0, 1])
        if not ok.all():
            msg = (
                "actors column 'is_customer' must be boolean; actors "
                f"{format_ids(frame.index[~ok.to_numpy()].to_numpy())} have other values."
            )
            raise InvalidNetworkError(msg)
    return frame
