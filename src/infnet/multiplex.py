r"""Multiplex ties: several relations between the same actors, combined into one strength.

Survey and organisational data often record several relations among the same people
(advice, friendship, co-work; "influential" and "practice" nominations). infnet's
measures run on one tie matrix, so the relations are combined *before* the network is
built, explicitly and with stated weights:

.. math::

    s_{uv} = \frac{\sum_r \omega_r \, [u \to v \in r]}{\sum_r \omega_r}
    \quad (\text{``sum''}), \qquad
    s_{uv} = \frac{\max_r \omega_r \, [u \to v \in r]}{\max_r \omega_r}
    \quad (\text{``max''}),

so a tie present in every relation (or in the heaviest one, for ``"max"``) has
strength 1, and strengths lie in (0, 1] as :meth:`infnet.Network.from_frames` needs.
Each combined tie keeps which relations it carries (the tie attribute ``relations``,
names joined by ``"+"`` in sorted order) and one 0/1 column per relation
(``relation_<name>``), so reasons and tables can say *which* relation a tie is.

Measures on one relation are the same call with the other relations weighted 0
(their ties are then dropped, and the count is recorded in ``attrs``).

Examples
--------
>>> import pandas as pd
>>> from infnet.multiplex import combine_relations, multiplex_network
>>> ties = pd.DataFrame({"source": ["a", "a", "b"], "target": ["b", "b", "c"],
...                      "relation": ["advice", "friendship", "friendship"]})
>>> combine_relations(ties, relation_weights={"advice": 3, "friendship": 1})[
...     ["source", "target", "strength", "relations"]]
  source target  strength           relations
0      a      b      1.00  advice+friendship
1      b      c      0.25          friendship
>>> net = multiplex_network(None, ties, relation_weights={"advice": 1, "friendship": 0})
>>> net.n_ties
1
"""

from __future__ import annotations

import logging
import math
import numbers
from collections.abc import Hashable, Mapping
from typing import Any, Literal

import numpy as np
import pandas as pd

from infnet._validation import check_bool, check_option, closest, format_ids
from infnet.exceptions import (
    InfnetTypeError,
    InvalidParameterError,
    MissingColumnError,
)
from infnet.network import Network

__all__ = ["RELATIONS_COLUMN", "combine_relations", "multiplex_network"]

_log = logging.getLogger("infnet")

#: Tie attribute holding the relations a combined tie carries ("advice+friendship").
RELATIONS_COLUMN = "relations"

Combine = Literal["sum", "max"]


def _check_weights(
    relation_weights: object, present: list[Hashable], caller: str
) -> dict[Hashable, float]:
    if relation_weights is None:
        return dict.fromkeys(present, 1.0)
    if not isinstance(relation_weights, Mapping):
        msg = (
            f"`relation_weights` of {caller} must be a mapping relation -> weight; "
            f"got {type(relation_weights).__name__}."
        )
        raise InfnetTypeError(msg)
    out: dict[Hashable, float] = {}
    for name, value in relation_weights.items():
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            msg = (
                f"`relation_weights[{name!r}]` of {caller} must be a number >= 0; "
                f"got {type(value).__name__} {value!r}."
            )
            raise InfnetTypeError(msg)
        v = float(value)
        if not (math.isfinite(v) and v >= 0.0):
            msg = f"`relation_weights[{name!r}]` of {caller} must be finite and >= 0; got {value!r}."
            raise InvalidParameterError(msg)
        out[name] = v
    unknown = [r for r in present if r not in out]
    if unknown:
        hint = closest(str(unknown[0]), [str(k) for k in out]) if isinstance(unknown[0], str) else ""
        msg = (
            f"`relation_weights` of {caller} gives no weight to the relations "
            f"{format_ids(unknown, len(unknown))} found in the ties; give each a weight "
            f"(0 drops its ties).{hint}"
        )
        raise InvalidParameterError(msg)
    if not any(out.get(r, 0.0) > 0 for r in present):
        msg = f"`relation_weights` of {caller} must give a weight > 0 to at least one relation in the ties."
        raise InvalidParameterError(msg)
    return out


def combine_relations(
    ties: pd.DataFrame,
    *,
    relation: str = "relation",
    relation_weights: Mapping[Hashable, float] | None = None,
    combine: str = "sum",
    source: str = "source",
    target: str = "target",
    directed: bool = True,
) -> pd.DataFrame:
    """Combine a long ties frame with a relation column into one row per pair.

    Parameters
    ----------
    ties : DataFrame
        One row per tie and relation: `source`, `target`, `relation` columns. Other
        columns are not carried over (they may differ between relations).
    relation : str, default="relation"
        Column naming each row's relation.
    relation_weights : mapping of relation to float, optional
        Non-negative weight of each relation; every relation in the ties must have one
        (0 drops its ties). ``None`` weighs every relation 1 (recorded in ``attrs``).
    combine : {"sum", "max"}, default="sum"
        Weighted share of the relations present, or the heaviest one present (see the
        module docstring).
    source, target : str, default="source", "target"
        Endpoint columns.
    directed : bool, default=True
        When False, ``(u, v)`` and ``(v, u)`` rows are the same pair (listed once, as
        first seen).

    Returns
    -------
    DataFrame
        Columns `source`, `target`, ``strength`` in (0, 1], ``relations`` (names
        present, sorted, joined by ``"+"``) and one 0/1 column ``relation_<name>`` per
        relation; one row per pair with a strength > 0, in order of first appearance.
        ``attrs`` records the weights used, `combine`, and the number of pairs dropped
        because they carry only zero-weight relations. The input is never modified.

    Raises
    ------
    MissingColumnError
        When `source`, `target` or `relation` is not a column.
    InvalidParameterError
        For relations without a weight, negative or non-finite weights, all-zero
        weights, missing relation names or endpoints.
    InfnetTypeError
        For arguments of the wrong type.

    See Also
    --------
    multiplex_network : Combine and build the network in one call.

    Notes
    -----
    O(n_rows log n_rows) (one group-by). Repeated rows of one pair in one relation
    count once. Missing (NaN) relation names or endpoints are refused, not dropped.

    Examples
    --------
    >>> import pandas as pd
    >>> ties = pd.DataFrame({"source": [1, 2], "target": [2, 1], "relation": ["a", "b"]})
    >>> combine_relations(ties, directed=False)[["source", "target", "strength"]]
       source  target  strength
    0       1       2       1.0
    """
    caller = "combine_relations"
    if not isinstance(ties, pd.DataFrame):
        msg = f"`ties` of {caller} must be a pandas DataFrame; got {type(ties).__name__}."
        raise InfnetTypeError(msg)
    directed = check_bool(directed, name="directed", caller=caller)
    check_option(combine, name="combine", caller=caller, options=("sum", "max"))
    for param, col in (("source", source), ("target", target), ("relation", relation)):
        if not isinstance(col, str):
            msg = f"`{param}` of {caller} must be a column name (str); got {col!r}."
            raise InfnetTypeError(msg)
        if col not in ties.columns:
            msg = (
                f"`{param}` column {col!r} of {caller} is not in the ties frame "
                f"(columns: {list(map(str, ties.columns))!r}).{closest(col, map(str, ties.columns))}"
            )
            raise MissingColumnError(msg)
    for col in (source, target, relation):
        bad = ties[col].isna().to_numpy()
        if bad.any():
            rows = np.flatnonzero(bad)
            msg = (
                f"Column {col!r} of the ties given to {caller} has missing values in rows "
                f"{format_ids(rows[:5].tolist(), rows.size)}; drop or fill them first."
            )
            raise InvalidParameterError(msg)
    rel = ties[relation].to_numpy(dtype=object)
    present = list(dict.fromkeys(rel.tolist()))
    weights = _check_weights(relation_weights, present, caller)
    src = ties[source].to_numpy(dtype=object)
    dst = ties[target].to_numpy(dtype=object)
    if not directed:  # canonical unordered pair, as first seen
        first: dict[tuple[Any, Any], tuple[Any, Any]] = {}
        keys = []
        for u, v in zip(src.tolist(), dst.tolist(), strict=True):
            k = (u, v) if (v, u) not in first else (v, u)
            first.setdefault(k, k)
            keys.append(first[k])
        src = np.array([k[0] for k in keys], dtype=object)
        dst = np.array([k[1] for k in keys], dtype=object)
    frame = pd.DataFrame({"_s": src, "_t": dst, "_r": rel})
    frame["_order"] = np.arange(len(frame))
    n_pairs = int(frame.drop_duplicates(subset=["_s", "_t"]).shape[0])
    # Zero-weight relations are left out entirely: the ties and the names of a tie's
    # relations say what its strength is made of.
    frame = frame[frame["_r"].map(lambda r: weights.get(r, 0.0) > 0).to_numpy(dtype=bool)]
    frame = frame.drop_duplicates(subset=["_s", "_t", "_r"])
    names = sorted((r for r in present if weights.get(r, 0.0) > 0), key=str)
    wide = (
        frame.assign(_one=1)
        .pivot_table(index=["_s", "_t"], columns="_r", values="_one", aggfunc="max", fill_value=0,
                     sort=False)
    )
    order = frame.groupby(["_s", "_t"], sort=False)["_order"].min()
    wide = wide.reindex(columns=names, fill_value=0).loc[order.sort_values().index]
    w = np.array([weights.get(r, 0.0) for r in names])
    m = wide.to_numpy(dtype=np.float64)
    if combine == "sum":
        total = float(w.sum())
        strength = (m @ w) / total
    else:
        strength = (m * w).max(axis=1) / float(w.max())
    keep = strength > 0
    out = pd.DataFrame(
        {
            source: wide.index.get_level_values(0)[keep],
            target: wide.index.get_level_values(1)[keep],
            "strength": strength[keep],
            RELATIONS_COLUMN: [
                "+".join(str(r) for r, x in zip(names, row, strict=True) if x)
                for row in m[keep].tolist()
            ],
        }
    )
    for j, r in enumerate(names):
        out[f"relation_{r}"] = m[keep, j].astype(np.int64)
    out.attrs = {
        "relation_weights": {str(k): weights.get(k, 0.0) for k in names},
        "combine": combine,
        "n_pairs_dropped": n_pairs - int(keep.sum()),
        "relations_dropped": [str(r) for r in present if weights.get(r, 0.0) == 0],
        "default_weights": relation_weights is None,
    }
    if relation_weights is None:
        _log.info("%s: relation_weights=None weighs every relation 1: %s", caller, names)
    return out


def multiplex_network(
    actors: pd.DataFrame | None,
    ties: pd.DataFrame,
    *,
    relation: str = "relation",
    relation_weights: Mapping[Hashable, float] | None = None,
    combine: str = "sum",
    source: str = "source",
    target: str = "target",
    directed: bool = True,
    **kwargs: Any,
) -> Network:
    """Build a network from multiplex ties: combined strength, relations kept per tie.

    Parameters
    ----------
    actors : DataFrame or None
        As in :meth:`infnet.Network.from_frames`.
    ties : DataFrame
        Long ties frame with a relation column (see :func:`combine_relations`).
    relation : str, default="relation"
        As in :func:`combine_relations`.
    relation_weights : mapping of relation to float, optional
        As in :func:`combine_relations`.
    combine : {"sum", "max"}, default="sum"
        As in :func:`combine_relations`.
    source, target : str, default="source", "target"
        As in :func:`combine_relations`.
    directed : bool, default=True
        As in :func:`combine_relations`.
    **kwargs
        Passed on to :meth:`infnet.Network.from_frames` (``actor_id``,
        ``focal_organisation``, ``strong_threshold``, ...); ``strength`` and
        ``duplicates`` are set here and refused.

    Returns
    -------
    Network
        Strength = the combined strength; tie attributes ``relations`` and
        ``relation_<name>``.

    Raises
    ------
    InvalidParameterError
        As :func:`combine_relations`, or for a ``strength``/``duplicates`` keyword.

    See Also
    --------
    combine_relations : The combined ties frame.

    Examples
    --------
    >>> import pandas as pd
    >>> ties = pd.DataFrame({"source": ["a", "b"], "target": ["b", "a"],
    ...                      "relation": ["advice", "friendship"]})
    >>> net = multiplex_network(None, ties, relation_weights={"advice": 2, "friendship": 1})
    >>> net.tie_attribute("relations").tolist()
    ['advice', 'friendship']
    """
    for key in ("strength", "duplicates"):
        if key in kwargs:
            msg = (
                f"`{key}` cannot be passed to multiplex_network: the strength is the combined "
                "relation weight and each pair appears once."
            )
            raise InvalidParameterError(msg)
    combined = combine_relations(
        ties, relation=relation, relation_weights=relation_weights, combine=combine,
        source=source, target=target, directed=directed,
    )
    return Network.from_frames(actors, combined, source=source, target=target,
                               strength="strength", directed=directed, **kwargs)
