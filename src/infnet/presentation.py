"""The *present* stage: the shortlist frame, its reasons and its attrs.

:func:`shortlist_frame` turns the outputs of the score and select stages into the
documented DataFrame: columns :data:`SHORTLIST_COLUMNS` in order, with one
``contribution_<feature>`` column per weighted feature inserted after ``score``; one
row per pick, in pick order, and then the excluded actors that are shown, each with
the reason it is there or is not. It computes nothing the ranking depends on: only
what a reader needs to act on a pick (targeted reach, warm path, bridging role).

Two columns order the picks:

* ``pick_order`` (1..k) is the order in which the select stage picked them, the order
  of the rows. With ``method="complementary"`` each pick is the one that added the
  most expected reach to the picks before it (its ``marginal_gain``), so any prefix
  of the rows is itself a good smaller set;
* ``rank`` (1..k) is the pick's position by ``score`` (descending, ties by actor id)
  among the picks. For ``method="top_k"`` the two are equal; for the complementary
  set ``score`` need not decrease with ``pick_order``, and ``rank`` says where each
  pick stands by score.

``in_target`` is True for an actor that is itself in the target (target value > 0);
``bridge`` for one that is not in the target but reaches it (direct or k-hop reach
> 0). ``label`` carries the user's display name: the actor column ``label`` when the
network has one, else ``name``, else missing.

The frame is indexed by actor id (unnamed; the ``actor`` column holds the same ids),
as the measure tables are: ``df.loc["gil"]`` is gil's row, whether picked or shown as
excluded (each actor appears at most once).

Reasons name numbers: a target share as a percentage, k-hop reach with its k
(``reaches target value 3 within 2 hops``), other features with their raw value, and
the warm introduction with its strength. On a multiplex network
(:func:`infnet.multiplex.multiplex_network`) the warm introduction also names the
relation of each tie on the path: ``warm intro via cara (advice > friendship ties,
0.42)``.

Examples
--------
>>> from infnet.presentation import SHORTLIST_COLUMNS
>>> SHORTLIST_COLUMNS[:4]
('rank', 'pick_order', 'actor', 'label')
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from infnet._typing import IntArray
from infnet.algorithms import reach
from infnet.algorithms.bridging import BROKERAGE_ROLES, brokerage_roles
from infnet.multiplex import RELATIONS_COLUMN
from infnet.network import Network
from infnet.registry import MEASURES, target_share_of, warm_paths_of
from infnet.scoring import Scores
from infnet.selection import Selection, stable_order

__all__ = ["LABEL_COLUMNS", "SHORTLIST_COLUMNS", "run_attrs", "shortlist_frame"]

#: Actor columns carried into the shortlist's ``label`` column, first present wins.
LABEL_COLUMNS: tuple[str, ...] = ("label", "name")

#: Shortlist columns in order; ``contribution_<feature>`` columns follow ``score``.
SHORTLIST_COLUMNS: tuple[str, ...] = (
    "rank",
    "pick_order",
    "actor",
    "label",
    "kind",
    "organisation",
    "segment",
    "audience",
    "score",
    "direct_reach",
    "reach_k",
    "target_share",
    "in_target",
    "bridge",
    "bridging_role",
    "introducer",
    "warm_path",
    "warm_path_strength",
    "marginal_gain",
    "excluded",
    "reason",
)


def _reason(
    contrib_row: np.ndarray,
    features: Sequence[Any],
    raw: Mapping[str, float],
    hops: int,
    introducer: str | None,
    wp_strength: float,
    relations: Sequence[str] = (),
) -> str:
    order = np.argsort(-contrib_row, kind="stable")
    parts: list[str] = []
    for j in order.tolist():
        if len(parts) == 2 or contrib_row[j] <= 0:
            break
        f = features[j]
        value = raw.get(f.name)
        if f.name == "warm_path" and introducer:
            continue  # said below, with the introducer
        if f.higher_is_better and value == 0.0:
            continue  # a zero that only ties with lower ranks: not a reason
        if f.name == "target_share" and value is not None:
            parts.append(f"{value:.0%} of tie strength goes into the target")
        elif f.name == "khop_reach" and value is not None:
            parts.append(f"reaches target value {value:,.3g} within {hops} hops")
        elif value is not None and np.isfinite(value):
            parts.append(f"{f.phrase} ({value:,.3g})")
        else:
            parts.append(f.phrase)
    if introducer:
        if relations:  # multiplex ties: which relation each tie of the path is
            ties = "tie" if len(relations) == 1 else "ties"
            parts.append(f"warm intro via {introducer} ({' > '.join(relations)} {ties}, "
                         f"{wp_strength:.2f})")
        else:
            parts.append(f"warm intro via {introducer} ({wp_strength:.2f})")
    return "; ".join(parts) if parts else "no measurable reach into the target"


def _path_relations(network: Network, path: Sequence[int]) -> list[str]:
    """Relations of the ties along `path` (multiplex networks), or [] without them."""
    if RELATIONS_COLUMN not in network.tie_attributes or len(path) < 2:
        return []
    relation = network.tie_attribute(RELATIONS_COLUMN)
    s = network.strength
    out = []
    for a, b in itertools.pairwise(path):
        lo, hi = int(s.indptr[a]), int(s.indptr[a + 1])
        hit = np.flatnonzero(s.indices[lo:hi] == b)
        out.append(str(relation[lo + int(hit[0])]) if hit.size else "?")
    return out


def _roles(network: Network, rows: IntArray) -> list[str]:
    """Dominant Gould-Fernandez role (groups = organisation) of the shown actors."""
    if not network.has_attribute("organisation"):
        return ["" for _ in rows]
    # only the shown rows: the two-paths through a broker do not depend on others
    sub = brokerage_roles(network, "organisation", actors=rows)
    best = sub.argmax(axis=1)
    return [BROKERAGE_ROLES[b] if sub[i, b] > 0 else "none" for i, b in enumerate(best.tolist())]


def shortlist_frame(
    network: Network,
    scores: Scores,
    selection: Selection,
    *,
    hops: int,
) -> pd.DataFrame:
    """Build the shortlist DataFrame from the score and select stages.

    Parameters
    ----------
    network : Network
        The network.
    scores : Scores
        The score stage's result (its context holds the target values).
    selection : Selection
        The select stage's result.
    hops : int
        Horizon of the ``reach_k`` column.

    Returns
    -------
    DataFrame
        Columns :data:`SHORTLIST_COLUMNS` plus ``contribution_*``, indexed by actor id;
        picks first, in ``pick_order`` 1..k (``rank`` is their position by score), then
        the excluded actors shown (``excluded=True``, ``rank`` and ``pick_order`` <NA>).

    Examples
    --------
    >>> from infnet import rank_influentials
    >>> from infnet.synthetic import toy_network
    >>> df = rank_influentials(toy_network(), "fintech", k=2, band={"audience": None})
    >>> list(df.columns[:5])
    ['rank', 'pick_order', 'actor', 'label', 'kind']
    """
    ctx = scores.context
    w = ctx.w if ctx.w is not None else np.zeros(network.n_actors)
    picked = selection.picked
    rows = np.concatenate([picked, selection.excluded]).astype(np.int64)
    n_picked = picked.size
    ids = network.actor_ids

    def col(name: str) -> Any:
        if network.has_attribute(name):
            return network.attribute(name)[rows]
        return np.full(rows.size, None, dtype=object)

    direct = scores.raw_value("direct_reach")
    if direct is None:
        direct = reach.direct_reach(network, w)
    share = np.nan_to_num(target_share_of(network, ctx), nan=0.0)
    reach_k = scores.raw_value("khop_reach")
    if reach_k is None:
        reach_k = MEASURES["khop_reach"].compute(network, ctx.child(ctx.rng))
    wp = warm_paths_of(network, ctx)
    introducer: list[Any] = [None] * rows.size
    path_text: list[Any] = [None] * rows.size
    path_relations: list[list[str]] = [[] for _ in range(rows.size)]
    wp_strength = np.full(rows.size, np.nan)
    kinds = col("kind")
    if wp is not None:
        for i, r in enumerate(rows.tolist()):
            if kinds[i] == "internal" or wp.introducer[r] < 0:
                continue
            introducer[i] = ids[wp.introducer[r]]
            path = wp.path(r)
            path_text[i] = " > ".join(str(ids[p]) for p in path)
            path_relations[i] = _path_relations(network, path)
            wp_strength[i] = wp.strength[r]
    roles = _roles(network, rows)
    excluded_reasons = selection.eligibility.reasons(rows)
    feats = scores.features
    reasons = []
    for i, r in enumerate(rows.tolist()):
        if i >= n_picked:
            reasons.append("excluded: " + excluded_reasons[i])
            continue
        row_raw = {f.name: float(scores.raw[r, j]) for j, f in enumerate(feats)}
        row_raw["target_share"] = float(share[r])
        intro = None if introducer[i] is None else str(introducer[i])
        strength = float(wp_strength[i]) if np.isfinite(wp_strength[i]) else 0.0
        reasons.append(_reason(scores.contributions[r], feats, row_raw, hops, intro, strength,
                               path_relations[i]))
    missing = [pd.NA] * (rows.size - n_picked)
    pick_order = pd.array([*range(1, n_picked + 1), *missing], dtype="Int64")
    # rank: position by score (stable order: score descending, then actor id) among picks
    position = np.empty(network.n_actors, dtype=np.int64)
    position[stable_order(scores.values, network)] = np.arange(network.n_actors)
    by_score = np.argsort(position[picked], kind="stable")
    pick_rank = np.empty(n_picked, dtype=np.int64)
    pick_rank[by_score] = np.arange(1, n_picked + 1)
    rank = pd.array([*pick_rank.tolist(), *missing], dtype="Int64")
    label_column = next((c for c in LABEL_COLUMNS if network.has_attribute(c)), None)
    label: Any = np.full(rows.size, None, dtype=object)
    if label_column is not None:
        label = np.asarray(network.attribute(label_column), dtype=object)[rows]
    in_target = w[rows] > 0
    marginal = np.full(rows.size, np.nan)
    marginal[:n_picked] = selection.gains[:n_picked]
    data: dict[str, Any] = {
        "rank": rank,
        "pick_order": pick_order,
        "actor": ids.take(rows).to_numpy(),
        "label": label,
        "kind": kinds,
        "organisation": col("organisation"),
        "segment": col("segment"),
        "audience": col("audience"),
        "score": scores.values[rows],
    }
    for j, f in enumerate(feats):
        data[f"contribution_{f.name}"] = scores.contributions[rows, j]
    data.update(
        {
            "direct_reach": direct[rows],
            "reach_k": reach_k[rows],
            "target_share": share[rows],
            "in_target": in_target,
            "bridge": ~in_target & ((direct[rows] > 0) | (reach_k[rows] > 0)),
            "bridging_role": roles,
            "introducer": introducer,
            "warm_path": path_text,
            "warm_path_strength": wp_strength,
            "marginal_gain": marginal,
            "excluded": np.arange(rows.size) >= n_picked,
            "reason": reasons,
        }
    )
    # indexed by actor id, as the measure tables are: df.loc["gil"] is gil's row (the
    # index is unnamed, so it never clashes with the ``actor`` column)
    return pd.DataFrame(data, index=pd.Index(data["actor"], name=None))


def run_attrs(
    *,
    parameters: Mapping[str, Any],
    seed: Any,
    scores: Scores,
    selection: Selection,
    target: Mapping[str, Any],
    target_summary: str,
    network: Network,
    seconds: float,
) -> dict[str, Any]:
    """Build the shortlist's ``df.attrs``: version, parameters, seed, what the run decided.

    Parameters
    ----------
    parameters : mapping
        The call's parameters as plain data.
    seed : object
        The `rng` as given (an int or None; the repr of anything else).
    scores : Scores
        The score stage's result.
    selection : Selection
        The select stage's result.
    target : mapping
        The target's plain-data form.
    target_summary : str
        One line on the target.
    network : Network
        The network.
    seconds : float
        Wall time of the call.

    Returns
    -------
    dict
        Plain data (JSON-ready). ``"fitted"`` is the fitted strategy's plain-data form
        (weights, cross-validated metric, fallback) or None.
    """
    from infnet._version import __version__

    elig = selection.eligibility
    w = scores.context.w
    return {
        "infnet_version": __version__,
        "seed": seed,
        "parameters": dict(parameters),
        "weights": dict(scores.weights),
        "fitted": None if scores.fitted is None else dict(scores.fitted),
        "dropped_features": dict(scores.dropped),
        "notes": [*elig.notes, *scores.context.notes],
        "target": dict(target),
        "target_summary": target_summary,
        "n_actors": network.n_actors,
        "directed": network.directed,
        "n_in_scope": int(elig.in_scope.sum()),
        "n_eligible": int(elig.eligible.sum()),
        "exclusions": elig.counts(),
        "expected_reach": float(selection.expected_reach),
        "target_value": float(w.sum()) if w is not None else 0.0,
        "rr_sets": int(selection.n_sets),
        "seconds": round(seconds, 3),
    }
