"""The *score* stage: features and kernel, giving each actor a score and its parts.

:func:`score_actors` resolves the weights (a strategy preset or custom weights),
computes the features through the one registry (:mod:`infnet.features`), normalises
them over the reference actors and weights them with the vectorised kernel
(:mod:`infnet.kernel`). It returns a :class:`Scores` object: scores, per-feature
contributions (they sum to the score), raw feature values, the weights used, and what
the stage had to decide — features dropped because the network lacks their column,
estimators used at scale, constant features — each said, never silent.

Examples
--------
>>> from infnet.scoring import score_actors
>>> from infnet.synthetic import toy_network
>>> net = toy_network()
>>> w = (net.attribute("segment") == "fintech").astype(float)
>>> s = score_actors(net, w, weights={"direct_reach": 1.0, "target_share": 1.0})
>>> s.feature_names, bool(abs(s.contributions.sum(axis=1) - s.values).max() < 1e-12)
(('direct_reach', 'target_share'), True)
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from infnet._typing import BoolArray, FloatArray
from infnet._validation import check_float, check_option, closest
from infnet.exceptions import InfnetTypeError, InfnetWarning, InvalidParameterError
from infnet.features import build_features, missing_columns, resolve_feature
from infnet.kernel import NORMALIZATIONS, Normalization, normalize, score
from infnet.network import Network
from infnet.presets import PRESETS
from infnet.registry import Measure, MeasureContext, new_context

if TYPE_CHECKING:
    from infnet.fitting import FittedStrategy

__all__ = ["Scores", "fitted_strategy", "resolve_weights", "score_actors"]


@dataclass(frozen=True)
class Scores:
    """What the score stage returns.

    Parameters
    ----------
    values : ndarray of shape (n_actors,)
        Scores in [0, 1].
    contributions : ndarray of shape (n_actors, n_features)
        Each feature's part of each score; rows sum to `values`.
    raw : ndarray of shape (n_actors, n_features)
        Raw feature values (NaN where undefined).
    features : tuple of Measure
        The features, in column order.
    weights : mapping of str to float
        The weights used (as given, before the kernel rescales them to sum to 1).
    strategy : str
        The preset name, or ``"custom"``.
    dropped : mapping of str to str
        Preset features left out, with the reason (a missing actor column).
    notes : tuple of str
        Decisions the stage made for the caller (estimators, fallbacks, constant
        features).
    context : MeasureContext
        The run's context: target values, memo of shared intermediates (target share,
        warm paths, groups), for the stages after this one.
    fitted : mapping or None, default=None
        For a fitted strategy (``strategy="fitted"``): its plain-data form
        (:meth:`infnet.fitting.FittedStrategy.to_dict`: weights, features,
        normalisation, cross-validated metric, fallback); None otherwise.
    """

    values: FloatArray
    contributions: FloatArray
    raw: FloatArray
    features: tuple[Measure, ...]
    weights: Mapping[str, float]
    strategy: str
    dropped: Mapping[str, str]
    notes: tuple[str, ...]
    context: MeasureContext
    fitted: Mapping[str, Any] | None = None

    @property
    def feature_names(self) -> tuple[str, ...]:
        """Names of the features, in column order."""
        return tuple(f.name for f in self.features)

    def raw_value(self, name: str) -> FloatArray | None:
        """Raw values of feature `name`, or None when it was not computed.

        Parameters
        ----------
        name : str
            Feature name.

        Returns
        -------
        ndarray of shape (n_actors,) or None
            The column of ``raw``.
        """
        names = self.feature_names
        return self.raw[:, names.index(name)] if name in names else None


def resolve_weights(
    network: Network,
    strategy: object,
    weights: Mapping[str, float] | None,
    *,
    caller: str,
    normalization: str | None = None,
) -> tuple[dict[str, float], str, dict[str, str]]:
    """Weights of a run: a preset (dropping features the network cannot give), fitted, or custom.

    Parameters
    ----------
    network : Network
        The network.
    strategy : str, FittedWeights, WeightFitter, FittedStrategy or mapping
        A name in :data:`infnet.presets.PRESETS` (ignored when `weights` is given), or
        a fitted strategy: what :func:`infnet.fit_weights` returned, a fitted
        :class:`~infnet.fitting.WeightFitter`, or the plain-data form
        (:meth:`infnet.fitting.FittedWeights.to_dict`).
    weights : mapping of str to float or None
        Custom non-negative weights by feature name or numeric actor column; refused
        together with a fitted `strategy` (which has its own).
    caller : str
        The public function named in errors and warnings.
    normalization : str, optional
        The run's feature scaling; when given, a fitted strategy recorded with another
        one is refused.

    Returns
    -------
    weights : dict of str to float
        Feature -> weight.
    strategy : str
        The preset name, ``"fitted"`` or ``"custom"``.
    dropped : dict of str to str
        Preset features left out, with the reason.

    Raises
    ------
    InvalidParameterError
        Unknown strategy or feature, a negative or non-finite weight, all weights
        zero, a custom or fitted feature whose actor column is missing, a fitted
        strategy together with `weights` or with another `normalization`.
    InfnetTypeError
        For a `strategy` that is neither a str nor a fitted strategy.

    Warns
    -----
    InfnetWarning
        When a preset feature is dropped because the network lacks its column.

    Examples
    --------
    >>> from infnet.synthetic import toy_network
    >>> w, name, dropped = resolve_weights(toy_network(), "expert", None, caller="example")
    >>> name, sorted(w)[:2], dropped
    ('expert', ['core_number', 'direct_reach'], {})
    """
    if not isinstance(strategy, str):
        fitted = fitted_strategy(strategy, weights, normalization=normalization, caller=caller)
        return _custom(network, fitted.weights, "strategy['weights']", caller), "fitted", {}
    if weights is None:
        check_option(strategy, name="strategy", caller=caller, options=tuple(PRESETS))
        chosen: dict[str, float] = {}
        dropped: dict[str, str] = {}
        for name, value in PRESETS[strategy].items():
            lacking = missing_columns(resolve_feature(name, network, caller=caller), network)
            if lacking:
                dropped[name] = f"the network has no {lacking[0]!r} actor column"
            else:
                chosen[name] = float(value)
        if dropped:
            warnings.warn(
                f"{caller}: strategy {strategy!r} dropped "
                + ", ".join(f"{k!r} ({v})" for k, v in dropped.items())
                + "; the other features keep their relative weights. See df.attrs['dropped_features'].",
                InfnetWarning,
                stacklevel=3,
            )
        if not chosen:
            msg = (
                f"Strategy {strategy!r} of {caller} has no feature this network can give "
                f"({dropped!r}); pass weights=... instead."
            )
            raise InvalidParameterError(msg)
        return chosen, strategy, dropped
    return _custom(network, weights, "weights", caller), "custom", {}


def _custom(network: Network, weights: object, label: str, caller: str) -> dict[str, float]:
    """Check custom weights (`label` names them in errors) against the network."""
    if not isinstance(weights, Mapping) or not weights:
        msg = f"`{label}` of {caller} must be a non-empty mapping feature -> weight; got {weights!r}."
        raise InfnetTypeError(msg) if not isinstance(weights, Mapping) else InvalidParameterError(msg)
    out: dict[str, float] = {}
    for name, value in weights.items():
        if not isinstance(name, str):
            msg = f"`{label}` of {caller} keys must be feature names (str); got {name!r}."
            raise InfnetTypeError(msg)
        try:
            feature = resolve_feature(name, network, caller=caller)
        except InvalidParameterError as e:
            if label == "weights":
                raise
            msg = f"{e} It is named in `{label}` (a fitted strategy: fit it on this network)."
            raise InvalidParameterError(msg) from None
        lacking = missing_columns(feature, network)
        if lacking:
            msg = (
                f"Feature {name!r} in `{label}` of {caller} needs the actor column "
                f"{lacking[0]!r}, which the network lacks."
                f"{closest(lacking[0], network.actor_columns)}"
            )
            raise InvalidParameterError(msg)
        out[name] = check_float(value, name=f"{label}[{name!r}]", caller=caller, low=0.0)
    if not any(v > 0 for v in out.values()):
        msg = f"`{label}` of {caller} must not all be zero."
        raise InvalidParameterError(msg)
    return out


def fitted_strategy(
    strategy: object,
    weights: Mapping[str, float] | None = None,
    *,
    normalization: str | None = None,
    caller: str,
) -> FittedStrategy:
    """Check a fitted `strategy` and return it as a :class:`~infnet.fitting.FittedStrategy`.

    Parameters
    ----------
    strategy : FittedWeights, WeightFitter, FittedStrategy or mapping
        What :func:`infnet.fit_weights` returned, a fitted
        :class:`~infnet.fitting.WeightFitter`, or the plain-data form.
    weights : mapping or None, default=None
        The call's `weights`; must be None (a fitted strategy has its own).
    normalization : str, optional
        The run's feature scaling; must match the strategy's when it records one.
    caller : str
        The public function named in errors.

    Returns
    -------
    FittedStrategy
        The strategy.

    Raises
    ------
    InfnetTypeError
        When `strategy` is not a fitted strategy.
    InvalidParameterError
        For `weights` given too, a normalisation mismatch, a malformed plain form.
    NotFittedError
        For an unfitted :class:`~infnet.fitting.WeightFitter`.

    Examples
    --------
    >>> fitted_strategy({"weights": {"degree": 1.0}, "normalization": "rank"},
    ...                 normalization="rank", caller="example").weights
    {'degree': 1.0}
    """
    from infnet.fitting import as_strategy  # scipy.stats loads only for fitted strategies

    fitted = as_strategy(strategy, caller=caller)
    if weights is not None:
        msg = (
            f"{caller} got both a fitted `strategy` and `weights`; a fitted strategy brings "
            "its own weights: pass one or the other."
        )
        raise InvalidParameterError(msg)
    if normalization is not None and fitted.normalization not in (None, normalization):
        msg = (
            f"`strategy` of {caller} was fitted with normalization={fitted.normalization!r}, "
            f"but the run uses normalization={normalization!r}; the weights mean something "
            f"else on other scales: pass normalization={fitted.normalization!r}."
        )
        raise InvalidParameterError(msg)
    return fitted


def score_actors(
    network: Network,
    w: FloatArray | None,
    *,
    strategy: Any = "balanced",
    weights: Mapping[str, float] | None = None,
    normalization: str = "rank",
    reference: BoolArray | None = None,
    options: Mapping[str, Any] | None = None,
    context: MeasureContext | None = None,
    rng: Any = None,
    caller: str = "score_actors",
) -> Scores:
    """Score every actor: features from the registry, normalised and weighted.

    Parameters
    ----------
    network : Network
        The network.
    w : ndarray of shape (n_actors,) or None
        Target values (see :meth:`infnet.Target.weights`); needed by target features.
    strategy : str, FittedWeights, WeightFitter, FittedStrategy or mapping, default="balanced"
        Preset from :data:`infnet.presets.PRESETS` (ignored when `weights` is given),
        or a fitted strategy (see :func:`resolve_weights`).
    weights : mapping of str to float, optional
        Custom non-negative weights by feature name or numeric actor column.
    normalization : {"rank", "minmax", "max", "zscore"}, default="rank"
        How features are scaled before weighting (see :func:`infnet.kernel.normalize`).
    reference : ndarray of bool of shape (n_actors,), optional
        Actors over whom features are normalised (the eligible ones); all by default.
    options : mapping, optional
        Feature parameters (``hops``, ...), routed by the registry.
    context : MeasureContext, optional
        A context to share with later stages; made from `w`, `rng`, `options` when None.
    rng : int, Generator, SeedSequence or None, default=None
        Randomness for random features.
    caller : str, default="score_actors"
        The public function named in errors and warnings.

    Returns
    -------
    Scores
        Scores, contributions and what the stage decided.

    Raises
    ------
    InvalidParameterError
        For unknown strategies, features or options.

    Warns
    -----
    InfnetWarning
        When a preset feature is dropped (missing column).

    Notes
    -----
    Cost is that of the features (see each measure) plus O(n_actors * n_features)
    for the kernel (a sort per column for ``"rank"``).

    Examples
    --------
    >>> from infnet.synthetic import toy_network
    >>> s = score_actors(toy_network(), None, weights={"in_degree": 1.0})
    >>> s.strategy, round(float(s.values.max()), 3)
    ('custom', 1.0)
    """
    check_option(normalization, name="normalization", caller=caller, options=NORMALIZATIONS)
    chosen, name, dropped = resolve_weights(network, strategy, weights, caller=caller,
                                            normalization=normalization)
    fitted = None if name != "fitted" else fitted_strategy(strategy, caller=caller).to_dict()
    if context is None:
        context = new_context(w=w, rng=rng, options=options, auto_estimate=True)
    X, feats, ctx = build_features(network, list(chosen), context=context, caller=caller)
    result = normalize(
        X,
        higher_is_better=[f.higher_is_better for f in feats],
        method=cast("Normalization", normalization),
        mask=reference if reference is not None and reference.any() else None,
        full_output=True,
        caller=caller,
    )
    for j in np.flatnonzero(result.constant).tolist():
        ctx.note(f"feature {feats[j].name!r} is constant over the reference actors and adds 0")
    values, contrib = score(result.values, [chosen[f.name] for f in feats], caller=caller)
    return Scores(
        values=values,
        contributions=contrib,
        raw=X,
        features=tuple(feats),
        weights=chosen,
        strategy=name,
        dropped=dropped,
        notes=tuple(ctx.notes),
        context=ctx,
        fitted=fitted,
    )
