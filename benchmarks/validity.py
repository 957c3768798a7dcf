r"""Validity suite: does infnet's ranking find the people who really are influential?

On every real network in ``../shared/data`` that carries an outcome, the suite scores
every actor with the default ranking, every strategy preset, weights fitted to the
outcome (:func:`infnet.fit_weights`, out-of-fold) and single-measure baselines, and
reports how well each score recovers the outcome, with bootstrap 95% intervals.

Protocol (the same on every data set; written here and on ``docs/validity.md``)
---------------------------------------------------------------------------------
Ties and direction
    Nomination data point from the asker to the person named ("i asks j for advice",
    "i names j as influential"). Influence flows the other way, so every data set is
    **reversed explicitly** (:func:`influence_network`): in the network that is scored,
    a tie ``j -> i`` means "j's advice reaches i". Under this orientation
    ``out_degree`` is the number of nominations *received* (the classic sociometric
    in-degree of the raw data) and ``in_degree`` the number *given*.

Data sets and outcomes
    * ``lazega`` — Lazega (2001) law firm, 71 lawyers, relation ``advice``; outcome
      *partner* (36 partners vs 35 associates), a label.
    * ``krackhardt`` — Krackhardt (1987) managers, 21 managers, relation ``advice``;
      outcome *senior* = formal level CEO or vice president (5 of 21), a label.
      ``reports_to`` ties encode the outcome itself and are never used.
    * ``farmers`` — Rogers et al. (1970) Brazilian farmers (netdiffuseR ``brfarmers``),
      relation ``influential`` (the "influential person / agricultural advice"
      nominations); outcome *time of adoption* of hybrid seed corn (1-19). The 152
      non-adopters are coded as time 20, one after the last observed year (netdiffuseR's
      convention), so they tie for last. The one unsurveyed nominee (id 31008) is in the
      network but not scored.
    * ``uk_faculty`` and ``github_developers`` carry no outcome of influence (school
      group, developer type) and are not used.

Actors scored
    All actors with an outcome (71, 21, 692). Features are normalised over the same
    actors. The target audience is *every actor* (target value 1 for each), because
    none of these studies has a target segment; targeted features (direct reach, k-hop
    reach, target share, ...) are then their untargeted counterparts.

Scores
    ``default`` and presets: the score stage of :func:`infnet.rank_influentials`
    (:func:`infnet.scoring.score_actors`, ``normalization="rank"``). Features a data set
    cannot give (``warm_path`` without a ``kind`` column, vetting columns) are dropped by
    the preset with an InfnetWarning, as in a real call; a preset left with no feature is
    reported as not applicable. ``fitted``: out-of-fold scores of
    :func:`infnet.fit_weights` (5 folds, stratified for labels, seed 0), so no actor is
    scored by weights fitted on its own outcome. Baselines: one measure each, computed
    on the influence network (``constraint`` enters negated: low constraint is better;
    ``harmonic`` measures how close an actor is *to* others along influence ties;
    ``pagerank`` walks along influence ties and ``reverse_pagerank`` against them, which
    is PageRank of the raw nomination network).

Metrics
    * label: ROC AUC (Mann-Whitney; tied scores count one half);
    * time: Spearman correlation of the score with *minus* the adoption time (average
      ranks for ties), so positive = earlier adopters score higher (the issue quotes
      the same numbers with the opposite sign);
    * precision@k with k = max(5, ceil(10% of the scored actors)) — 8, 5, 70 — of the
      positives (partners, seniors) or of the early adopters (adopted in the first half
      of the period, time <= 10: 163 farmers). Ties in score at the cut are broken
      uniformly at random *in expectation* (the exact expected precision), never by
      actor id: Lazega's ids encode seniority.

Intervals
    2,000 bootstrap resamples of the scored actors (stratified by class for labels;
    the network and the scores stay fixed, so the interval covers the sampling of
    actors, not of ties), percentile 95% intervals. The same resamples serve every
    method, so the interval of a *difference* (default minus best baseline) is paired.

Usage::

    python benchmarks/validity.py [--data ../shared/data] [--out benchmarks/results/validity]
        [--sets lazega,krackhardt,farmers] [--n-boot 2000] [--no-plot]

Writes ``results.json`` and ``results.md`` (the table), and ``docs/_static/validity.png``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

import infnet
from infnet import InfnetWarning, Network
from infnet.algorithms import (
    betweenness_centrality,
    constraint,
    core_number,
    degree,
    diffusion_centrality,
    harmonic_centrality,
    khop_reach,
    pagerank,
)
from infnet.multiplex import multiplex_network
from infnet.presets import PRESETS
from infnet.scoring import score_actors

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEFAULT_OUT = HERE / "results" / "validity"
DEFAULT_PLOT = ROOT / "docs" / "_static" / "validity.png"

#: Non-adopters' coded time: one after the last observed year (netdiffuseR).
NON_ADOPTER_TIME = 20.0
#: Early adopters for precision@k: adopted in the first half of the period.
EARLY_ADOPTER_TIME = 10.0


# ------------------------------------------------------------------------ data sets
@dataclass(frozen=True)
class Dataset:
    """One data set: influence network, outcome and protocol facts."""

    name: str
    network: Network
    outcome: np.ndarray  # per actor, NaN = not scored
    kind: str  # "label" (1 = positive) or "time" (lower = earlier = better)
    scored: np.ndarray  # bool per actor
    relation: str
    description: str
    relevant: np.ndarray = field(repr=False, default_factory=lambda: np.zeros(0, bool))

    @property
    def k(self) -> int:
        """Cut of precision@k."""
        return max(5, math.ceil(0.1 * int(self.scored.sum())))


def influence_network(
    actors: pd.DataFrame,
    ties: pd.DataFrame,
    relation_weights: Mapping[str, float],
    *,
    combine: str = "sum",
) -> Network:
    """Build the *influence* network: nomination ties reversed (nominee -> nominator).

    Parameters
    ----------
    actors, ties : DataFrame
        ``nodes.csv`` and ``ties.csv`` of a shared data set (``source`` named
        ``target``).
    relation_weights : mapping
        Weight of each relation (0 drops it); see :mod:`infnet.multiplex`.
    combine : {"sum", "max"}
        How relations combine.
    """
    keep = ties[ties["relation"].isin([r for r, w in relation_weights.items() if w > 0])]
    # Explicit reversal: the person named (target) influences the one naming (source).
    flipped = keep.rename(columns={"source": "target", "target": "source"})[
        ["source", "target", "relation"]
    ]
    weights = {r: float(relation_weights.get(r, 0.0)) for r in flipped["relation"].unique()}
    return multiplex_network(actors, flipped, relation_weights=weights, combine=combine,
                             directed=True)


def _read(data: Path, folder: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    return pd.read_csv(data / folder / "nodes.csv"), pd.read_csv(data / folder / "ties.csv")


def load_lazega(data: Path, relations: Mapping[str, float] | None = None) -> Dataset:
    """Lazega lawyers: advice ties reversed; outcome partner (label)."""
    actors, ties = _read(data, "lazega_lawyers")
    rel = dict(relations or {"advice": 1.0})
    net = influence_network(actors, ties, rel)
    status = pd.Series(net.attribute("status"))
    y = (status == "partner").to_numpy(dtype=float)
    return Dataset("lazega", net, y, "label", np.ones(net.n_actors, bool), _rel(rel),
                   "Lazega law firm: partner (36) vs associate (35)", relevant=y > 0)


def load_krackhardt(data: Path, relations: Mapping[str, float] | None = None) -> Dataset:
    """Krackhardt managers: advice ties reversed; outcome CEO or VP (label)."""
    actors, ties = _read(data, "krackhardt_managers")
    rel = dict(relations or {"advice": 1.0})
    if rel.get("reports_to", 0) > 0:
        msg = "reports_to ties encode the formal level (the outcome); they are never used"
        raise ValueError(msg)
    net = influence_network(actors, ties, rel)
    level = pd.Series(net.attribute("level")).to_numpy(dtype=float)
    y = (level <= 2).astype(float)
    return Dataset("krackhardt", net, y, "label", np.ones(net.n_actors, bool), _rel(rel),
                   "Krackhardt managers: CEO or vice president (5) vs manager (16)",
                   relevant=y > 0)


def load_farmers(data: Path, relations: Mapping[str, float] | None = None) -> Dataset:
    """Brazilian farmers: 'influential' nominations reversed; outcome adoption time."""
    actors, ties = _read(data, "brazilian_farmers")
    actors = actors[["id", "village", "surveyed", "time_of_adoption", "adopted"]]
    rel = dict(relations or {"influential": 1.0})
    net = influence_network(actors, ties, rel)
    surveyed = pd.Series(net.attribute("surveyed")).fillna(False).astype(bool).to_numpy()
    toa = pd.Series(net.attribute("time_of_adoption")).to_numpy(dtype=float)
    t = np.where(np.isnan(toa), NON_ADOPTER_TIME, toa)
    t = np.where(surveyed, t, np.nan)
    return Dataset("farmers", net, t, "time", surveyed, _rel(rel),
                   "Brazilian farmers: time of adoption of hybrid corn (non-adopters = 20)",
                   relevant=surveyed & (t <= EARLY_ADOPTER_TIME))


def _rel(rel: Mapping[str, float]) -> str:
    return "+".join(f"{k}:{v:g}" for k, v in rel.items() if v > 0)


LOADERS: dict[str, Callable[..., Dataset]] = {
    "lazega": load_lazega,
    "krackhardt": load_krackhardt,
    "farmers": load_farmers,
}

#: Relation mixes tried for the multiplex ablation (never reports_to: it is the outcome).
RELATION_MIXES: dict[str, list[dict[str, float]]] = {
    "lazega": [{"advice": 1.0}, {"advice": 1.0, "cowork": 1.0},
               {"advice": 1.0, "friendship": 1.0, "cowork": 1.0},
               {"advice": 2.0, "friendship": 1.0, "cowork": 1.0}],
    "krackhardt": [{"advice": 1.0}, {"advice": 1.0, "friendship": 1.0},
                   {"advice": 2.0, "friendship": 1.0}],
    "farmers": [{"influential": 1.0},
                {"influential": 1.0, "practice_a": 1.0, "practice_b": 1.0, "practice_c": 1.0},
                {"influential": 1.0, "friendship": 1.0, "practice_a": 1.0, "practice_b": 1.0,
                 "practice_c": 1.0, "coop_project": 1.0},
                {"influential": 2.0, "friendship": 1.0, "practice_a": 1.0, "practice_b": 1.0,
                 "practice_c": 1.0, "coop_project": 1.0}],
}


# ------------------------------------------------------------------------- metrics
def roc_auc(score: np.ndarray, y: np.ndarray) -> float:
    """ROC AUC by Mann-Whitney U with midranks (tied scores count 1/2)."""
    pos = y > 0
    n1, n0 = int(pos.sum()), int((~pos).sum())
    if n1 == 0 or n0 == 0:
        return float("nan")
    r = stats.rankdata(score)
    return float((r[pos].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def spearman_time(score: np.ndarray, t: np.ndarray) -> float:
    """Spearman correlation of the score with minus the time (positive = earlier wins)."""
    if np.ptp(score) == 0 or np.ptp(t) == 0:
        return 0.0
    return float(stats.spearmanr(score, -t).statistic)


def precision_at_k(score: np.ndarray, relevant: np.ndarray, k: int) -> float:
    """Expected precision of the top `k` when ties in score are broken at random."""
    order = np.sort(score)[::-1]
    cut = order[k - 1]
    above = score > cut
    at = score == cut
    need = k - int(above.sum())
    hits = float(relevant[above].sum())
    if need > 0:
        hits += need * float(relevant[at].mean())
    return hits / k


def metric_names(kind: str) -> tuple[str, str]:
    """Primary metric and precision metric of an outcome kind."""
    return ("auc" if kind == "label" else "spearman"), "precision_at_k"


def evaluate(score: np.ndarray, ds: Dataset, idx: np.ndarray | None = None) -> dict[str, float]:
    """Both metrics of one score over the scored actors (or a resample `idx` of them)."""
    s = score[ds.scored]
    y = ds.outcome[ds.scored]
    rel = ds.relevant[ds.scored]
    if idx is not None:
        s, y, rel = s[idx], y[idx], rel[idx]
    main = roc_auc(s, y) if ds.kind == "label" else spearman_time(s, y)
    return {metric_names(ds.kind)[0]: main, "precision_at_k": precision_at_k(s, rel, ds.k)}


def bootstrap_indices(ds: Dataset, n_boot: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Resamples of the scored actors (stratified by class for labels)."""
    y = ds.outcome[ds.scored]
    n = y.size
    if ds.kind == "label":
        groups = [np.flatnonzero(y > 0), np.flatnonzero(y <= 0)]
        return [np.concatenate([rng.choice(g, g.size) for g in groups]) for _ in range(n_boot)]
    return [rng.integers(0, n, n) for _ in range(n_boot)]


# -------------------------------------------------------------------------- scores
def _neg(x: np.ndarray) -> np.ndarray:
    return -np.nan_to_num(x, nan=np.nanmax(x) if np.isfinite(x).any() else 0.0)


def baselines(net: Network) -> dict[str, np.ndarray]:
    """Single-measure baselines on the influence network (higher = more influential)."""
    ones = np.ones(net.n_actors)
    raw = net.reversed()  # the nomination network as collected
    return {
        "out_degree": degree(net, direction="out"),
        "in_degree": degree(net, direction="in"),
        "out_strength": degree(net, direction="out", weight="strength"),
        "in_strength": degree(net, direction="in", weight="strength"),
        "pagerank": pagerank(net),
        "reverse_pagerank": pagerank(raw),
        "core_number": core_number(net),
        "betweenness_centrality": betweenness_centrality(net),
        "constraint": _neg(constraint(net)),
        "harmonic_centrality": harmonic_centrality(raw),
        "khop_reach": khop_reach(net, ones, hops=2),
        "diffusion_centrality": diffusion_centrality(net),
    }


def strategy_scores(net: Network, scored: np.ndarray) -> dict[str, np.ndarray | None]:
    """Score of every preset (None when the data set can give none of its features)."""
    out: dict[str, np.ndarray | None] = {}
    w = np.ones(net.n_actors)
    for name in PRESETS:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", InfnetWarning)
                out[name] = score_actors(net, w, strategy=name, reference=scored, rng=0).values
        except infnet.InvalidParameterError:
            out[name] = None
    return out


def fitted_scores(ds: Dataset, *, cv: int = 5, rng: int = 0) -> tuple[np.ndarray, Any]:
    """Out-of-fold scores of :func:`infnet.fit_weights` and the fitted object."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InfnetWarning)
        fitted = infnet.fit_weights(ds.network, None, ds.outcome, kind=ds.kind, cv=cv, rng=rng)
    return fitted.oof_scores_, fitted


# ------------------------------------------------------------------------- the run
def run_dataset(ds: Dataset, *, n_boot: int, rng: int = 0) -> dict[str, Any]:
    """Every method's metrics with bootstrap intervals on one data set."""
    t0 = time.perf_counter()
    methods: dict[str, np.ndarray] = {}
    groups: dict[str, str] = {}
    presets = strategy_scores(ds.network, ds.scored)
    for name, s in presets.items():
        if s is not None:
            methods[f"preset:{name}"] = s
            groups[f"preset:{name}"] = "preset"
    methods["default"] = presets["balanced"]  # type: ignore[assignment]
    groups["default"] = "default"
    oof, fitted = fitted_scores(ds, rng=rng)
    methods["fitted"] = oof
    groups["fitted"] = "fitted"
    for name, s in baselines(ds.network).items():
        methods[f"baseline:{name}"] = s
        groups[f"baseline:{name}"] = "baseline"
    boot = bootstrap_indices(ds, n_boot, np.random.default_rng(rng))
    main_metric = metric_names(ds.kind)[0]
    results: dict[str, Any] = {}
    draws: dict[str, np.ndarray] = {}
    for name, s in methods.items():
        point = evaluate(s, ds)
        reps = np.array([[v for v in evaluate(s, ds, b).values()] for b in boot])
        draws[name] = reps[:, 0]
        results[name] = {
            "group": groups[name],
            **{m: {"value": point[m], "low": float(np.nanpercentile(reps[:, j], 2.5)),
                   "high": float(np.nanpercentile(reps[:, j], 97.5))}
               for j, m in enumerate(point)},
        }
    base = [n for n in methods if groups[n] == "baseline"]
    best_base = max(base, key=lambda n: results[n][main_metric]["value"])
    pres = [n for n in methods if groups[n] == "preset"]
    best_preset = max(pres, key=lambda n: results[n][main_metric]["value"])
    diff = draws["default"] - draws[best_base]
    return {
        "dataset": ds.name,
        "description": ds.description,
        "relation": ds.relation,
        "kind": ds.kind,
        "metric": main_metric,
        "n_scored": int(ds.scored.sum()),
        "k": ds.k,
        "n_relevant": int(ds.relevant[ds.scored].sum()),
        "best_baseline": best_base,
        "best_preset": best_preset,
        "default_minus_best_baseline": {
            "value": results["default"][main_metric]["value"]
            - results[best_base][main_metric]["value"],
            "low": float(np.nanpercentile(diff, 2.5)),
            "high": float(np.nanpercentile(diff, 97.5)),
        },
        "fitted_weights": {k: round(v, 4) for k, v in fitted.fitted_weights_.items()},
        "fitted_beats_preset": bool(fitted.beats_preset_),
        "fitted_cv": {"fitted": fitted.cv_score_, **fitted.preset_cv_scores_},
        "default_weights": dict(PRESETS["balanced"]),
        "methods": results,
        "seconds": round(time.perf_counter() - t0, 2),
    }


def run_relation_mixes(data: Path, names: list[str], *, n_boot: int) -> list[dict[str, Any]]:
    """Default score and the best baselines under each relation mix (multiplex ablation)."""
    rows = []
    for name in names:
        for mix in RELATION_MIXES[name]:
            ds = LOADERS[name](data, mix)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", InfnetWarning)
                s = score_actors(ds.network, np.ones(ds.network.n_actors), reference=ds.scored,
                                 rng=0).values
            base = baselines(ds.network)
            row = {"dataset": name, "relations": ds.relation,
                   "default": evaluate(s, ds)[metric_names(ds.kind)[0]]}
            for b in ("out_degree", "out_strength", "betweenness_centrality"):
                row[b] = evaluate(base[b], ds)[metric_names(ds.kind)[0]]
            rows.append(row)
    return rows


def averages(results: list[dict[str, Any]]) -> dict[str, float]:
    """Mean of the main metric over the outcomes, per method present on every data set."""
    names = set.intersection(*(set(r["methods"]) for r in results)) if results else set()
    return {n: float(np.mean([r["methods"][n][r["metric"]]["value"] for r in results]))
            for n in sorted(names)}


def _undirected(net: Network) -> Network:
    actors, ties = net.to_frames()
    pairs = ties[["source", "target"]]
    key = [tuple(sorted((a, b), key=str)) for a, b in pairs.itertuples(index=False)]
    pairs = pairs.loc[~pd.Series(key).duplicated().to_numpy()]
    return Network.from_frames(actors, pairs, directed=False)


def run_orientations(data: Path, names: list[str]) -> list[dict[str, Any]]:
    """Stress test: the default when ties are given the wrong way round, or undirected.

    Email data (sender -> recipient) and nominations may come in either orientation;
    a default that only works on one is brittle. Not used to choose anything but the
    size of the direction hedge (total degree) in the default.
    """
    rows = []
    for name in names:
        ds = LOADERS[name](data)
        for label, net in (("influence (as protocol)", ds.network),
                           ("reversed (raw nominations)", ds.network.reversed()),
                           ("undirected", _undirected(ds.network))):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", InfnetWarning)
                s = score_actors(net, np.ones(net.n_actors), reference=ds.scored, rng=0).values
            m = metric_names(ds.kind)[0]
            row = {"dataset": name, "orientation": label, "default": evaluate(s, ds)[m]}
            for b, f in (("out_degree", lambda x: degree(x, direction="out")),
                         ("in_degree", lambda x: degree(x, direction="in")),
                         ("betweenness_centrality", betweenness_centrality)):
                row[b] = evaluate(f(net), ds)[m]
            rows.append(row)
    return rows


def _fmt(cell: Mapping[str, float]) -> str:
    return f"{cell['value']:.3f} [{cell['low']:.3f}, {cell['high']:.3f}]"


def markdown(results: list[dict[str, Any]], mixes: list[dict[str, Any]],
             orientations: list[dict[str, Any]] | None = None) -> str:
    """The summary table and the per-method tables, as markdown."""
    lines = [
        "# Validity suite results",
        "",
        "Generated by `python benchmarks/validity.py`. Point estimate [bootstrap 95% interval].",
        "",
        ("| data set | outcome (metric) | default | best preset | fitted (out-of-fold) "
        "| best single baseline | default - best baseline |"),
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        m = r["metric"]
        meth = r["methods"]
        bp, bb = r["best_preset"], r["best_baseline"]
        d = r["default_minus_best_baseline"]
        lines.append(
            f"| {r['dataset']} | {r['description'].split(':')[1].strip()} ({m}) "
            f"| {_fmt(meth['default'][m])} | {bp.split(':')[1]} {_fmt(meth[bp][m])} "
            f"| {_fmt(meth['fitted'][m])} | {bb.split(':')[1]} {_fmt(meth[bb][m])} "
            f"| {d['value']:+.3f} [{d['low']:+.3f}, {d['high']:+.3f}] |"
        )
    avg = averages(results)
    base = {n: v for n, v in avg.items() if n.startswith("baseline:")}
    if base:
        bb = max(base, key=base.__getitem__)
        lines += ["", (f"Mean over the outcomes: default {avg['default']:.4f}, best single "
                  f"baseline on average {bb.split(':')[1]} {base[bb]:.4f}, fitted "
                  f"{avg['fitted']:.4f}; mean of (default - best baseline of each outcome) "
                  f"{np.mean([r['default_minus_best_baseline']['value'] for r in results]):+.4f}.")]
    lines += ["", "## Precision@k", "",
              "| data set | k | relevant | default | best preset | fitted | best baseline |",
              "|---|---|---|---|---|---|---|"]
    for r in results:
        meth, p = r["methods"], "precision_at_k"
        lines.append(
            f"| {r['dataset']} | {r['k']} | {r['n_relevant']} | {_fmt(meth['default'][p])} "
            f"| {_fmt(meth[r['best_preset']][p])} | {_fmt(meth['fitted'][p])} "
            f"| {_fmt(meth[r['best_baseline']][p])} |"
        )
    for r in results:
        m = r["metric"]
        lines += ["", f"## {r['dataset']}: every method", "",
                  (f"{r['description']}; relations {r['relation']}; {r['n_scored']} actors "
                  f"scored; fitted weights {r['fitted_weights']} "
                  f"(beats the default on the same folds: {r['fitted_beats_preset']})."), "",
                  f"| method | {m} | precision@{r['k']} |", "|---|---|---|"]
        for name, cell in sorted(r["methods"].items(), key=lambda kv: -kv[1][m]["value"]):
            lines.append(f"| {name} | {_fmt(cell[m])} | {_fmt(cell['precision_at_k'])} |")
    if mixes:
        lines += ["", "## Multiplex ablation: relation mixes", "",
                  ("| data set | relations (weight) | default | out_degree | out_strength "
                  "| betweenness |"), "|---|---|---|---|---|---|"]
        for row in mixes:
            lines.append(
                f"| {row['dataset']} | {row['relations']} | {row['default']:.3f} "
                f"| {row['out_degree']:.3f} | {row['out_strength']:.3f} "
                f"| {row['betweenness_centrality']:.3f} |"
            )
    if orientations:
        lines += ["", "## Orientation stress test (default weights)", "",
                  "| data set | ties | default | out_degree | in_degree | betweenness |",
                  "|---|---|---|---|---|---|"]
        for row in orientations:
            lines.append(
                f"| {row['dataset']} | {row['orientation']} | {row['default']:.3f} "
                f"| {row['out_degree']:.3f} | {row['in_degree']:.3f} "
                f"| {row['betweenness_centrality']:.3f} |"
            )
    return "\n".join(lines) + "\n"


def plot(results: list[dict[str, Any]], path: Path) -> None:
    """Dot-and-interval plot: default, best preset, fitted, every baseline per data set."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(results), figsize=(4.2 * len(results), 5.2), squeeze=False)
    colors = {"default": "#d62728", "preset": "#ff7f0e", "fitted": "#2ca02c",
              "baseline": "#1f77b4"}
    for ax, r in zip(axes[0], results, strict=True):
        m = r["metric"]
        items = [(n, c) for n, c in r["methods"].items()
                 if c["group"] in ("default", "fitted", "baseline") or n == r["best_preset"]]
        items.sort(key=lambda kv: kv[1][m]["value"])
        for i, (_name, cell) in enumerate(items):
            v = cell[m]
            ax.errorbar(v["value"], i, xerr=[[v["value"] - v["low"]], [v["high"] - v["value"]]],
                        fmt="o", color=colors[cell["group"]], capsize=2)
        ax.set_yticks(range(len(items)), [n.split(":")[-1] for n, _ in items], fontsize=8)
        ax.axvline(0.5 if m == "auc" else 0.0, color="grey", lw=0.8, ls=":")
        ax.set_xlabel("ROC AUC" if m == "auc" else "Spearman with earlier adoption")
        ax.set_title(f"{r['dataset']} (n={r['n_scored']})", fontsize=10)
    fig.suptitle("infnet validity suite: default (red), best preset (orange), fitted (green), "
                 "baselines (blue); 95% bootstrap intervals", fontsize=9)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    """Run the suite from the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--sets", default=",".join(LOADERS))
    parser.add_argument("--n-boot", type=int, default=2000)
    parser.add_argument("--no-plot", action="store_true")
    parser.add_argument("--no-mixes", action="store_true")
    parser.add_argument("--plot-path", type=Path, default=DEFAULT_PLOT)
    args = parser.parse_args(argv)
    names = [s for s in args.sets.split(",") if s]
    unknown = [s for s in names if s not in LOADERS]
    if unknown:
        parser.error(f"unknown data sets {unknown}; known: {list(LOADERS)}")
    results = [run_dataset(LOADERS[n](args.data), n_boot=args.n_boot) for n in names]
    mixes = [] if args.no_mixes else run_relation_mixes(args.data, names, n_boot=args.n_boot)
    orientations = [] if args.no_mixes else run_orientations(args.data, names)
    args.out.mkdir(parents=True, exist_ok=True)
    payload = {"infnet_version": infnet.__version__, "n_boot": args.n_boot,
               "results": results, "averages": averages(results),
               "relation_mixes": mixes, "orientations": orientations}
    (args.out / "results.json").write_text(json.dumps(payload, indent=1))
    (args.out / "results.md").write_text(markdown(results, mixes, orientations))
    if not args.no_plot:
        plot(results, args.plot_path)
    print(markdown(results, mixes, orientations))
    return 0


if __name__ == "__main__":
    sys.exit(main())
