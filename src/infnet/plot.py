"""Pictures of shortlists and networks (matplotlib; ``pip install "infnet[plot]"``).

Four plots, each drawing into `ax` (a new figure when None) and returning the Axes:

* :func:`contributions`: the shortlist's scores as stacked bars of per-feature
  contributions (a score is the sum of its ``contribution_*`` columns);
* :func:`ego_network`: an actor's ties, its warm path from an employee and the
  target audience highlighted, on a deterministic radial layout;
* :func:`reach_curve`: expected targeted reach of the first ``j`` picks of the
  complementary set and of the top-k list, ``j = 1..k``, with 95% error bands;
* :func:`strategy_overlap`: how much the shortlists of several presets overlap.

matplotlib is imported on the first call, not with :mod:`infnet`; without it a call
raises a one-line ``MissingDependencyError`` (an :class:`ImportError`) naming the pip
command.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import infnet
>>> from infnet.synthetic import toy_network
>>> df = infnet.rank_influentials(toy_network(), "fintech", k=3, band=None)
>>> ax = infnet.plot.contributions(df)
>>> ax.get_xlabel()
'score'
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from infnet._optional import require
from infnet._validation import check_int, check_network, check_rng
from infnet.exceptions import InfnetTypeError, InvalidParameterError, MissingColumnError
from infnet.network import Network
from infnet.options import MicroBand

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from infnet.targets import Target

__all__ = ["contributions", "ego_network", "overlap_matrix", "reach_curve", "strategy_overlap"]

#: Colours of the plots (matplotlib's tab palette).
COLORS: Mapping[str, str] = {
    "actor": "tab:blue",
    "target": "tab:orange",
    "internal": "tab:green",
    "other": "lightgray",
    "warm_path": "tab:red",
    "top_k": "tab:blue",
    "complementary": "tab:orange",
}


def _axes(ax: Any, caller: str, figsize: tuple[float, float]) -> Axes:
    plt = require("matplotlib.pyplot", caller=f"infnet.plot.{caller}")
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
        return ax  # type: ignore[no-any-return]
    from matplotlib.axes import Axes

    if not isinstance(ax, Axes):
        msg = f"`ax` of infnet.plot.{caller} must be a matplotlib Axes or None; got {type(ax).__name__}."
        raise InfnetTypeError(msg)
    return ax


def _check_shortlist(shortlist: Any, caller: str, *, name: str = "shortlist") -> pd.DataFrame:
    if not isinstance(shortlist, pd.DataFrame):
        msg = (
            f"`{name}` of {caller} must be a shortlist DataFrame from rank_influentials; "
            f"got {type(shortlist).__name__}."
        )
        raise InfnetTypeError(msg)
    missing = [c for c in ("actor", "excluded", "score") if c not in shortlist.columns]
    if missing:
        msg = (
            f"`{name}` of {caller} lacks the shortlist column {missing[0]!r}; pass the "
            "DataFrame rank_influentials returned."
        )
        raise MissingColumnError(msg)
    return shortlist


def _picks(shortlist: pd.DataFrame) -> pd.DataFrame:
    return shortlist[~shortlist["excluded"].astype(bool)]


def _display(row: Any) -> str:
    label = row.get("label") if hasattr(row, "get") else None
    actor = str(row["actor"])
    if label is None or (isinstance(label, float) and np.isnan(label)) or label is pd.NA:
        return actor
    return f"{label} ({actor})" if str(label) != actor else actor


# ---------------------------------------------------------------------- contributions
def contributions(shortlist: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Draw each pick's score as stacked bars of its per-feature contributions.

    One horizontal bar per pick, the first pick at the top; one colour per feature.
    A bar's length is the pick's ``score``, the sum of its ``contribution_*``
    columns, so the segments show why an actor ranks where it does.

    Parameters
    ----------
    shortlist : DataFrame
        A shortlist from :func:`infnet.rank_influentials` (excluded rows are left out).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.

    Returns
    -------
    matplotlib Axes
        The Axes drawn on; ``ax.containers`` holds one bar container per feature, in
        the order of the ``contribution_*`` columns, each bar in pick order.

    Raises
    ------
    InfnetTypeError
        When `shortlist` is not a DataFrame or `ax` not an Axes.
    MissingColumnError
        When `shortlist` has no ``contribution_*`` columns.

    See Also
    --------
    infnet.explain.explain : The same decomposition in words.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import infnet
    >>> from infnet.synthetic import toy_network
    >>> df = infnet.rank_influentials(toy_network(), "fintech", k=3, band=None)
    >>> ax = infnet.plot.contributions(df)
    >>> [t.get_text() for t in ax.get_yticklabels()] == df["actor"].tolist()[:3]
    True
    """
    caller = "infnet.plot.contributions"
    shortlist = _check_shortlist(shortlist, caller)
    columns = [c for c in shortlist.columns if str(c).startswith("contribution_")]
    if not columns:
        msg = f"`shortlist` of {caller} has no contribution_* columns to draw."
        raise MissingColumnError(msg)
    ax = _axes(ax, "contributions", (6.5, 0.45 * max(len(_picks(shortlist)), 4) + 1.2))
    picks = _picks(shortlist)
    y = np.arange(len(picks))[::-1]  # first pick on top
    left = np.zeros(len(picks))
    cmap = require("matplotlib", caller=caller).colormaps["tab10"]
    for j, col in enumerate(columns):
        values = np.nan_to_num(picks[col].to_numpy(dtype=np.float64), nan=0.0)
        ax.barh(y, values, left=left, height=0.75, color=cmap(j % 10),
                label=col.removeprefix("contribution_"))
        left = left + values
    ax.set_yticks(y, [_display(row) for _, row in picks.iterrows()])
    ax.set_xlabel("score")
    ax.set_ylabel("pick")
    ax.set_title("Score of each pick, by feature")
    if columns:  # beside the bars, never over them
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
                  title="feature", title_fontsize=7)
    ax.set_xlim(0, max(float(left.max(initial=0.0)) * 1.05, 1e-9))
    return ax


# ------------------------------------------------------------------------ ego network
def _path_from_shortlist(network: Network, shortlist: pd.DataFrame, actor: Hashable) -> list[int]:
    rows = shortlist[shortlist["actor"] == actor]
    if rows.empty or "warm_path" not in shortlist.columns:
        return []
    text = rows["warm_path"].iloc[0]
    if not isinstance(text, str) or not text:
        return []
    lookup = {str(a): i for i, a in enumerate(network.actor_ids)}
    try:
        return [lookup[p] for p in text.split(" > ")]
    except KeyError:
        return []


def _radial_layout(center: int, ring: Sequence[int], path: Sequence[int]) -> dict[int, np.ndarray]:
    """Place the ego at the origin, its neighbours on the unit circle, the path outwards.

    The rest of the warm path goes outwards, each actor beyond the path actor it ties to.
    """
    pos = {center: np.zeros(2)}
    n = len(ring)
    for i, node in enumerate(ring):
        angle = np.pi / 2 + 2 * np.pi * i / max(n, 1)
        pos[node] = np.array([np.cos(angle), np.sin(angle)])
    previous = center
    for node in reversed(path):  # from the ego back to the introducer
        if node not in pos:
            base = pos[previous]
            radius = float(np.hypot(*base))
            angle = np.arctan2(base[1], base[0]) if radius > 0 else np.pi / 2
            pos[node] = (radius + 0.8) * np.array([np.cos(angle), np.sin(angle)])
        previous = node
    return pos


def ego_network(
    network: Network,
    actor: Hashable,
    shortlist: pd.DataFrame | None = None,
    target: Target | Mapping[str, Any] | str | None = None,
    ax: Axes | None = None,
    *,
    max_neighbours: int = 40,
    label: str | None = None,
) -> Axes:
    """Draw an actor's ego network with its warm path and the target highlighted.

    The actor sits at the centre, its neighbours (ties in either direction) on a
    circle in actor-id order (numbers in numeric order), and the other actors of its
    warm path further out: the layout depends only on the ids, never on storage
    order or a random seed. Target actors are orange, employees green, others grey;
    the ego's ties are dark, their width growing with strength, the ties among the
    others faint; the warm path (from the shortlist's ``warm_path`` column, or
    computed when no shortlist is given) is drawn in red.

    Parameters
    ----------
    network : Network
        The network.
    actor : hashable
        Actor id of the ego.
    shortlist : DataFrame, optional
        A shortlist from :func:`infnet.rank_influentials`; its warm path and its
        target (``attrs["target"]``) are used.
    target : Target, dict or str, optional
        Target audience to highlight (default: the shortlist's target, else none).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.
    max_neighbours : int, default=40
        Show at most this many neighbours, strongest ties first (ties broken by id);
        the title says how many were left out.
    label : str, optional
        Actor column to name the actors by (e.g. ``"name"``); the id where it is
        missing. Default: the ids.

    Returns
    -------
    matplotlib Axes
        The Axes drawn on. ``ax.collections[-1]`` is the scatter of actors, whose
        ``get_offsets()`` are the positions of the actors named by the texts in
        ``ax.texts`` (same order); the warm path is the line collection with
        ``get_label() == "warm path"``, the ego's own ties the one labelled
        ``"ties of the ego"`` (width by strength) and the ties among the others, drawn
        faintly, ``"ties"``.

    Raises
    ------
    UnknownActorError
        When `actor` is not in the network.
    InfnetTypeError
        For arguments of the wrong type.

    See Also
    --------
    infnet.algorithms.paths.warm_paths : The warm path drawn.

    Notes
    -----
    Cost O(degree(actor) log degree(actor)) plus, without a shortlist, one warm-path
    search O(n_ties * max_ties). An isolated actor is drawn alone.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import infnet
    >>> from infnet.synthetic import toy_network
    >>> ax = infnet.plot.ego_network(toy_network(), "eva", target="fintech")
    >>> sorted(t.get_text() for t in ax.texts)
    ['cara', 'eva', 'finn', 'gil']
    """
    caller = "infnet.plot.ego_network"
    network = check_network(network, caller=caller)
    max_neighbours = check_int(max_neighbours, name="max_neighbours", caller=caller, low=1)
    if label is not None and not (isinstance(label, str) and network.has_attribute(label)):
        from infnet._validation import closest

        msg = (f"`label` of {caller} must name an actor column; got {label!r}."
               f"{closest(str(label), list(network.actor_columns))}")
        raise MissingColumnError(msg)
    if shortlist is not None:
        shortlist = _check_shortlist(shortlist, caller)
    ego = int(network.index_of([actor])[0])
    s = network.strength
    row = s[[ego], :].tocoo()
    col = s[:, [ego]].tocoo()
    strength: dict[int, float] = {}
    for j, v in zip(np.concatenate([row.col, col.row]).tolist(),
                    np.concatenate([row.data, col.data]).tolist(), strict=True):
        if j != ego:
            strength[j] = max(strength.get(j, 0.0), float(v))
    ids = network.actor_ids
    from infnet.selection import id_rank

    order = id_rank(network)  # natural id order (numbers as numbers), storage-independent
    ranked = sorted(strength, key=lambda j: (-strength[j], int(order[j])))
    shown = sorted(ranked[:max_neighbours], key=lambda j: int(order[j]))
    hidden = len(ranked) - len(shown)

    if shortlist is not None:
        path = _path_from_shortlist(network, shortlist, ids[ego])
    elif network.has_attribute("kind"):
        from infnet.algorithms.paths import warm_paths

        path = warm_paths(network).path(ego)
    else:
        path = []
    if len(path) < 2:
        path = []
    outer = [p for p in dict.fromkeys(path) if p != ego and p not in set(shown)]
    pos = _radial_layout(ego, shown, path)
    nodes = [ego, *shown, *outer]
    extent = max(float(np.hypot(*v)) for v in pos.values()) + 0.6

    if target is None and shortlist is not None and shortlist.attrs.get("target"):
        target = shortlist.attrs["target"]
    in_target = np.zeros(network.n_actors, dtype=bool)
    if target is not None:
        from infnet.targets import as_target

        in_target = as_target(target, caller=caller).weights(network) > 0
    kinds = network.attribute("kind") if network.has_attribute("kind") else None

    ax = _axes(ax, "ego_network", (6.0, 6.0))
    from matplotlib.collections import LineCollection

    node_set = set(nodes)
    sub = s[nodes, :][:, nodes].tocoo()
    segs, widths, own, own_widths = [], [], [], []
    for a, b, v in zip(sub.row.tolist(), sub.col.tolist(), sub.data.tolist(), strict=True):
        seg = [pos[nodes[a]], pos[nodes[b]]]
        if ego in (nodes[a], nodes[b]):  # the ego's own ties, by strength
            own.append(seg)
            own_widths.append(0.6 + 2.4 * float(v))
        else:  # ties among the others: context, drawn faintly
            segs.append(seg)
            widths.append(0.3 + 0.7 * float(v))
    ax.add_collection(LineCollection(segs, linewidths=widths, colors="0.88", zorder=0,
                                     label="ties"))
    ax.add_collection(LineCollection(own, linewidths=own_widths, colors="0.45", zorder=1,
                                     label="ties of the ego"))
    if path:
        path_segs = [[pos[a], pos[b]] for a, b in itertools.pairwise(path)
                     if a in node_set and b in node_set]
        ax.add_collection(LineCollection(path_segs, linewidths=3.5, colors=COLORS["warm_path"],
                                         zorder=2, label="warm path"))
    xy = np.array([pos[n] for n in nodes])
    names = None if label is None else network.attribute(label)

    def name(n: int) -> str:
        if names is not None and not pd.isna(names[n]):
            return str(names[n])
        return str(ids[n])

    colors = []
    for n in nodes:
        if in_target[n]:
            colors.append(COLORS["target"])
        elif kinds is not None and kinds[n] == "internal":
            colors.append(COLORS["internal"])
        else:
            colors.append(COLORS["other"])
    sizes = [420 if n == ego else 160 for n in nodes]
    ax.scatter(xy[:, 0], xy[:, 1], s=sizes, c=colors, edgecolors="black", linewidths=0.6,
               zorder=3, label="actors")
    for n, (x, yy) in zip(nodes, xy.tolist(), strict=True):
        radius = float(np.hypot(x, yy))
        if radius == 0:  # the ego: below its marker
            ax.text(x, yy - 0.17, name(n), ha="center", va="top", fontsize=8, zorder=4)
            continue
        ux, uy = x / radius, yy / radius  # the others: outside their marker, away from the ego
        ax.text(x + 0.16 * ux, yy + 0.16 * uy, name(n), fontsize=8, zorder=4,
                ha="left" if ux > 0.3 else "right" if ux < -0.3 else "center",
                va="bottom" if uy > 0.3 else "top" if uy < -0.3 else "center")
    from matplotlib.lines import Line2D

    legend = [
        Line2D([], [], marker="o", ls="", color=COLORS["target"], label="in the target"),
        *([Line2D([], [], marker="o", ls="", color=COLORS["internal"], label="employee")]
          if kinds is not None else []),
        Line2D([], [], marker="o", ls="", color=COLORS["other"], label="other"),
    ]
    if path:
        legend.append(Line2D([], [], color=COLORS["warm_path"], lw=3, label="warm path"))
    ax.legend(handles=legend, fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0),
              frameon=False)
    title = f"Ego network of {name(ego)}"
    if hidden:
        title += f" ({len(shown)} of {len(ranked)} neighbours, strongest ties)"
    ax.set_title(title)
    ax.set_xlim(-extent, extent)
    ax.set_ylim(-extent, extent)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return ax


# ------------------------------------------------------------------------ reach curve
def reach_curve(
    network: Network,
    target: Target | Mapping[str, Any] | str,
    k: int = 10,
    ax: Axes | None = None,
    *,
    kind: str = "external",
    strategy: str = "balanced",
    band: MicroBand | Mapping[str, Any] | None = MicroBand(),  # noqa: B008 - frozen
    n_sets: int = 20_000,
    rng: Any = 0,
) -> Axes:
    """Draw the expected reach of the complementary set and of the top-k, pick by pick.

    Both shortlists come from :func:`infnet.rank_influentials` with the same options
    (``method="complementary"`` and ``method="top_k"``). The expected targeted reach
    of their first ``j`` picks, ``j = 1..k``, is estimated on one independent sample
    of `n_sets` reverse-reachable sets (weighted cascade), so neither method is
    judged on the sets it was chosen with; the bands are 1.96 standard errors.

    Parameters
    ----------
    network : Network
        The network.
    target : Target, dict or str
        The target audience.
    k : int, default=10
        Shortlist size.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.
    kind : {"external", "internal", "both"}, default="external"
        Passed to :func:`infnet.rank_influentials`.
    strategy : str, default="balanced"
        Preset of the top-k list.
    band : MicroBand, dict or None, default=MicroBand()
        Passed to :func:`infnet.rank_influentials`.
    n_sets : int, default=20000
        Reverse-reachable sets of the referee sample.
    rng : int, Generator, SeedSequence or None, default=0
        Seed of the shortlists and of the referee sample.

    Returns
    -------
    matplotlib Axes
        The Axes drawn on; ``ax.lines`` are the two curves (labels ``"complementary"``
        and ``"top-k (<strategy>)"``) with x = 1..k and y the estimates.

    Raises
    ------
    EmptyTargetError
        When the target selects nobody.

    See Also
    --------
    infnet.expected_reach : The estimate of one set.

    Notes
    -----
    Cost: two shortlists plus one sample of `n_sets` reverse-reachable sets and
    ``2 k`` estimates on it. A curve stops early when fewer than `k` actors could be
    picked.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import infnet
    >>> from infnet.synthetic import toy_network
    >>> ax = infnet.plot.reach_curve(toy_network(), "fintech", k=3, band=None,
    ...                              n_sets=2000)
    >>> [line.get_label() for line in ax.lines]
    ['complementary', 'top-k (balanced)']
    """
    from infnet.algorithms.diffusion import RRSampler
    from infnet.ranking import rank_influentials
    from infnet.targets import as_target

    caller = "infnet.plot.reach_curve"
    network = check_network(network, caller=caller)
    k = check_int(k, name="k", caller=caller, low=1, high=10_000)
    n_sets = check_int(n_sets, name="n_sets", caller=caller, low=100, high=10_000_000)
    tgt = as_target(target, caller=caller)
    # both shortlists use `rng` as given; the referee a child stream neither uses
    referee_rng = check_rng(rng).spawn(3)[2]
    common: dict[str, Any] = {"k": k, "kind": kind, "band": band, "show_excluded": "none"}
    comp = rank_influentials(network, tgt, method="complementary", rng=rng, **common)
    top = rank_influentials(network, tgt, strategy=strategy, rng=rng, **common)
    referee = RRSampler("weighted_cascade", n_sets=n_sets, rng=referee_rng).fit(
        network, tgt.weights(network))
    ax = _axes(ax, "reach_curve", (5.5, 3.5))
    for df, label, color in ((comp, "complementary", COLORS["complementary"]),
                             (top, f"top-k ({strategy})", COLORS["top_k"])):
        pos = network.index_of(_picks(df)["actor"].tolist())
        est = [referee.estimate(pos[: j + 1]) for j in range(pos.size)]
        x = np.arange(1, pos.size + 1)
        y = np.array([e.value for e in est])
        err = 1.96 * np.array([e.stderr for e in est])
        ax.plot(x, y, marker="o", ms=3, color=color, label=label)
        ax.fill_between(x, y - err, y + err, color=color, alpha=0.2, lw=0)
    ax.set_xlabel("number of picks")
    ax.set_ylabel("expected targeted reach")
    ax.set_title("Expected reach of the first picks (95% band)")
    ax.legend(fontsize=8, frameon=False)
    return ax


# ------------------------------------------------------------------- strategy overlap
def overlap_matrix(
    table_or_shortlists: pd.DataFrame | Mapping[str, pd.DataFrame],
) -> pd.DataFrame:
    """Jaccard overlap of the picks of several shortlists.

    Parameters
    ----------
    table_or_shortlists : DataFrame or mapping of str to DataFrame
        The table of :func:`infnet.compare_strategies` (its ``picks`` column), or
        shortlists by name.

    Returns
    -------
    DataFrame
        Square, indexed and labelled by name: ``|A & B| / |A | B|`` (1 on the
        diagonal; 0 between two empty shortlists).

    Raises
    ------
    InfnetTypeError
        For anything else.

    Examples
    --------
    >>> import pandas as pd
    >>> from infnet.plot import overlap_matrix
    >>> a = pd.DataFrame({"actor": ["x", "y"], "excluded": False, "score": 1.0})
    >>> b = pd.DataFrame({"actor": ["y", "z"], "excluded": False, "score": 1.0})
    >>> overlap_matrix({"a": a, "b": b}).round(2).to_dict()
    {'a': {'a': 1.0, 'b': 0.33}, 'b': {'a': 0.33, 'b': 1.0}}
    """
    caller = "infnet.plot.strategy_overlap"
    picks: dict[str, set[Any]]
    if isinstance(table_or_shortlists, pd.DataFrame) and "picks" in table_or_shortlists.columns:
        picks = {str(n): set(p) for n, p in table_or_shortlists["picks"].items()}
    elif isinstance(table_or_shortlists, Mapping):
        picks = {}
        for name, df in table_or_shortlists.items():
            df = _check_shortlist(df, caller, name=f"table_or_shortlists[{name!r}]")
            picks[str(name)] = set(_picks(df)["actor"].tolist())
    else:
        msg = (
            f"`table_or_shortlists` of {caller} must be the table of compare_strategies or "
            f"a dict of shortlists by name; got {type(table_or_shortlists).__name__}."
        )
        raise InfnetTypeError(msg)
    names = list(picks)
    if not names:
        msg = f"`table_or_shortlists` of {caller} is empty: nothing to compare."
        raise InvalidParameterError(msg)
    m = np.array([[len(picks[a] & picks[b]) / len(picks[a] | picks[b]) if picks[a] | picks[b]
                   else 1.0 for b in names] for a in names])
    return pd.DataFrame(m, index=names, columns=names)


def strategy_overlap(
    table_or_shortlists: pd.DataFrame | Mapping[str, pd.DataFrame],
    ax: Axes | None = None,
) -> Axes:
    """Draw how much the shortlists of several strategies overlap (Jaccard heat map).

    Parameters
    ----------
    table_or_shortlists : DataFrame or mapping of str to DataFrame
        The table of :func:`infnet.compare_strategies`, or shortlists by name.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.

    Returns
    -------
    matplotlib Axes
        The Axes drawn on; ``ax.images[0].get_array()`` is :func:`overlap_matrix`'s
        values, row and column labels the names.

    Raises
    ------
    InfnetTypeError
        For input that is neither.

    See Also
    --------
    infnet.explain.compare_strategies : The table.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import infnet
    >>> from infnet.synthetic import toy_network
    >>> table = infnet.compare_strategies(toy_network(), "fintech",
    ...                                   strategies=["balanced", "reference"], k=3,
    ...                                   band=None)
    >>> ax = infnet.plot.strategy_overlap(table)
    >>> ax.images[0].get_array().shape
    (2, 2)
    """
    m = overlap_matrix(table_or_shortlists)
    ax = _axes(ax, "strategy_overlap", (1.0 + 0.6 * len(m), 0.8 + 0.6 * len(m)))
    image = ax.imshow(m.to_numpy(), vmin=0.0, vmax=1.0, cmap="Blues")
    n = len(m)
    ax.set_xticks(np.arange(n), m.columns.tolist(), rotation=45, ha="right")
    ax.set_yticks(np.arange(n), m.index.tolist())
    values = m.to_numpy(dtype=np.float64)
    for i in range(n):
        for j in range(n):
            v = float(values[i, j])
            ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=7,
                    color="white" if v > 0.6 else "black")
    ax.set_title("Overlap of shortlists (Jaccard)")
    ax.figure.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    return ax
