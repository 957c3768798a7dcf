r"""Kernel weights learned from an observed outcome, cross-validated against the presets.

:func:`fit_weights` learns non-negative weights :math:`\beta` for the scoring kernel
from an outcome per actor: a label (adopted, converted, engaged: 1/0) or a time (of
adoption: earlier is better). The features are the kernel's normalised features
:math:`z_{ij} \in [0, 1]` (:func:`infnet.kernel.normalize`, ``"rank"`` by default),
so ``rank_influentials(network, target, strategy=fitted)`` (or
``weights=fitted.weights_``) ranks by exactly the fitted score. The loss is a pairwise logistic (RankNet) loss over the ordered pairs
of the outcome, with a ridge penalty, minimised under :math:`\beta \ge 0` by L-BFGS-B:

.. math::

    \min_{\beta \ge 0} \; \frac{1}{|P|} \sum_{(i, j) \in P}
    \log\bigl(1 + e^{-(z_i - z_j)^\top \beta}\bigr) + \alpha \lVert\beta\rVert_2^2,

where :math:`P` holds the pairs with :math:`i` better than :math:`j` (a positive
and a negative; or :math:`i` adopted strictly earlier). The fit is cross-validated
(stratified folds for labels) against every preset on the same folds; when the data
are too small or too uninformative for the fit to beat the default preset by more than
the fold-to-fold noise, :func:`fit_weights` says so (an InfnetWarning, the flag
``beats_preset_ = False``) and ``weights_`` falls back to the preset's weights.

A fit travels as plain data too: :meth:`FittedWeights.to_dict` gives the JSON form
(``{"strategy": "fitted", "weights": {...}, ...}``) that
:func:`infnet.rank_influentials` and :func:`infnet.service.rank_influentials_from_dict`
accept as ``strategy``, read back by :meth:`FittedStrategy.from_dict`.
:class:`WeightFitter` is the same fit as an estimator following scikit-learn's
conventions (``fit``, ``score``, ``predict``, ``get_params``/``set_params``; no
scikit-learn needed).

Examples
--------
>>> import numpy as np, pandas as pd
>>> from infnet import Network
>>> from infnet.fitting import fit_weights
>>> rng = np.random.default_rng(0)
>>> actors = pd.DataFrame({"id": range(200), "a": rng.random(200), "b": rng.random(200)})
>>> net = Network.from_frames(actors, pd.DataFrame({"source": [0], "target": [1]}))
>>> y = (actors["a"] * 3 + actors["b"] > 2).astype(float).to_numpy()
>>> f = fit_weights(net, None, y, features=["a", "b"], rng=0)
>>> f.beats_preset_, f.weights_["a"] > f.weights_["b"]
(True, True)
"""

from __future__ import annotations

import logging
import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
import pandas as pd
from scipy import optimize, stats

from infnet._typing import FloatArray
from infnet._validation import (
    check_bool,
    check_float,
    check_int,
    check_is_fitted,
    check_network,
    check_option,
    check_rng,
    closest,
    format_ids,
)
from infnet.exceptions import (
    InfnetTypeError,
    InfnetWarning,
    InvalidParameterError,
    NotFittedError,
    UnknownActorError,
)
from infnet.features import build_features, missing_columns, resolve_feature
from infnet.kernel import NORMALIZATIONS, Normalization, normalize
from infnet.kernel import score as kernel_score
from infnet.network import Network
from infnet.presets import PRESETS
from infnet.registry import new_context

_log = logging.getLogger("infnet")

__all__ = ["DEFAULT_FIT_FEATURES", "FittedStrategy", "FittedWeights", "WeightFitter", "fit_weights"]

#: Candidate features when none are given: cheap, robust, no actor columns needed.
DEFAULT_FIT_FEATURES: tuple[str, ...] = (
    "direct_reach", "target_share", "khop_reach", "target_pagerank", "degree",
    "in_degree", "targeted_diffusion_centrality", "core_number", "effective_size",
)

#: Most ordered pairs used per fit (sampled beyond this, with the given rng).
MAX_PAIRS = 200_000
#: Fewer scored actors, or fewer actors in the smaller class, than this is "small".
MIN_ACTORS = 30
MIN_CLASS = 5


@dataclass(frozen=True)
class FittedWeights:
    """What :func:`fit_weights` returns (fitted attributes end in ``_``).

    Parameters
    ----------
    weights_ : dict of str to float
        The weights to use: the fit when it beats the preset, else the preset's.
        Pass as ``rank_influentials(..., weights=fitted.weights_)``.
    fitted_weights_ : dict of str to float
        The fit on all scored actors (non-negative, summing to 1), always.
    beats_preset_ : bool
        Whether the out-of-fold metric beats the baseline preset's by more than one
        standard error of the paired fold differences (and the data are not small).
    too_small_ : bool
        Fewer than 30 scored actors or fewer than 5 in the smaller class.
    cv_score_ : float
        Mean out-of-fold metric of the fit (ROC AUC for labels, Spearman with minus
        the time for times).
    cv_scores_ : tuple of float
        The metric per fold.
    preset_cv_scores_ : dict of str to float
        Mean metric of every applicable preset on the same folds.
    oof_scores_ : ndarray of shape (n_actors,)
        Out-of-fold scores (each actor scored by weights fitted without it); NaN for
        actors without an outcome.
    kind_ : str
        ``"label"`` or ``"time"``.
    features_ : tuple of str
        Feature names, in the order of the fit.
    n_used_ : int
        Actors with an outcome.
    normalization_ : str, default="rank"
        The feature scaling the weights were fitted on; a run with
        ``strategy=<this object>`` must use the same.
    baseline_ : str, default="balanced"
        The preset the fit was compared with, and the one `weights_` falls back to.
    params : dict
        The parameters of the call (sklearn's ``get_params``).
    """

    weights_: dict[str, float]
    fitted_weights_: dict[str, float]
    beats_preset_: bool
    too_small_: bool
    cv_score_: float
    cv_scores_: tuple[float, ...]
    preset_cv_scores_: dict[str, float]
    oof_scores_: FloatArray = field(repr=False)
    kind_: str
    features_: tuple[str, ...]
    n_used_: int
    normalization_: str = "rank"
    baseline_: str = "balanced"
    params: dict[str, Any] = field(default_factory=dict, repr=False)

    def get_params(self) -> dict[str, Any]:
        """Return the parameters the fit was called with (scikit-learn convention).

        Returns
        -------
        dict
            A copy of ``params`` (the arguments of the fit, without the data).
        """
        return dict(self.params)

    @property
    def fallback_(self) -> bool:
        """Whether `weights_` are the `baseline_` preset's (the fit did not beat it)."""
        return not self.beats_preset_

    def to_dict(self) -> dict[str, Any]:
        """Plain-data (JSON) form, accepted as ``strategy`` by the facade and the service.

        Returns
        -------
        dict
            ``{"strategy": "fitted", "weights": weights_, "features", "normalization",
            "fallback", "baseline", "kind", "metric", "cv_score", "baseline_cv_score",
            "preset_cv_scores", "fitted_weights", "too_small", "n_used"}``; only JSON
            types (an undefined metric is None). Per-actor arrays are not included.

        See Also
        --------
        FittedStrategy.from_dict : Reads it back (and checks it).

        Examples
        --------
        >>> import numpy as np, pandas as pd
        >>> from infnet import Network
        >>> rng = np.random.default_rng(1)
        >>> actors = pd.DataFrame({"id": range(100), "a": rng.random(100)})
        >>> net = Network.from_frames(actors, pd.DataFrame({"source": [0], "target": [1]}))
        >>> f = fit_weights(net, None, (actors["a"] > 0.5).to_numpy(float), features=["a"])
        >>> d = f.to_dict()
        >>> d["weights"], d["metric"], d["fallback"]
        ({'a': 1.0}, 'roc_auc', False)
        """
        return FittedStrategy.from_fitted(self).to_dict()


#: The metric of each outcome kind (the name recorded in the plain-data form).
METRICS: Mapping[str, str] = {"label": "roc_auc", "time": "spearman"}

_PLAIN_KEYS = (
    "strategy", "weights", "features", "normalization", "fallback", "baseline", "kind",
    "metric", "cv_score", "baseline_cv_score", "preset_cv_scores", "fitted_weights",
    "too_small", "n_used",
)


def _finite_or_none(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None


@dataclass(frozen=True)
class FittedStrategy:
    """A fitted strategy as the score stage uses it: weights and how they were fitted.

    Built from a :class:`FittedWeights` (:meth:`from_fitted`) or from its plain-data
    form (:meth:`from_dict`); :func:`infnet.rank_influentials` turns every fitted
    ``strategy`` into one. A field that the plain-data form does not record is None
    (never guessed).

    Parameters
    ----------
    weights : mapping of str to float
        The weights to rank with (``FittedWeights.weights_``).
    features : tuple of str, default=()
        Features of the fit (some may have weight 0).
    normalization : str or None, default=None
        Feature scaling of the fit; a run must use the same. None: not recorded.
    fallback : bool or None, default=None
        Whether `weights` are the `baseline` preset's (the fit did not beat it).
    baseline : str or None, default=None
        The preset the fit was compared with.
    kind : {"label", "time"} or None, default=None
        Kind of outcome fitted.
    metric : {"roc_auc", "spearman"} or None, default=None
        Cross-validated metric of the fit.
    cv_score : float or None, default=None
        The fit's mean out-of-fold metric.
    baseline_cv_score : float or None, default=None
        The baseline preset's metric on the same folds.
    preset_cv_scores : mapping of str to float or None, default={}
        Every applicable preset's metric on the same folds.
    fitted_weights : mapping of str to float or None, default=None
        The fit itself (equal to `weights` unless `fallback`).
    too_small : bool or None, default=None
        Whether the data were too small to beat the preset.
    n_used : int or None, default=None
        Actors with an outcome.

    Examples
    --------
    >>> s = FittedStrategy.from_dict({"weights": {"direct_reach": 2.0, "degree": 1.0}})
    >>> s.weights, s.normalization, s.fallback
    ({'direct_reach': 2.0, 'degree': 1.0}, None, None)
    """

    weights: Mapping[str, float]
    features: tuple[str, ...] = ()
    normalization: str | None = None
    fallback: bool | None = None
    baseline: str | None = None
    kind: str | None = None
    metric: str | None = None
    cv_score: float | None = None
    baseline_cv_score: float | None = None
    preset_cv_scores: Mapping[str, float | None] = field(default_factory=dict)
    fitted_weights: Mapping[str, float] | None = None
    too_small: bool | None = None
    n_used: int | None = None

    @classmethod
    def from_fitted(cls, fitted: FittedWeights) -> FittedStrategy:
        """Take the strategy of a :func:`fit_weights` result.

        Parameters
        ----------
        fitted : FittedWeights
            What :func:`fit_weights` returned.

        Returns
        -------
        FittedStrategy
            Its weights, features, normalisation, fallback and metrics.
        """
        base = fitted.preset_cv_scores_.get(fitted.baseline_)
        return cls(
            weights=dict(fitted.weights_),
            features=tuple(fitted.features_),
            normalization=fitted.normalization_,
            fallback=not fitted.beats_preset_,
            baseline=fitted.baseline_,
            kind=fitted.kind_,
            metric=METRICS.get(fitted.kind_),
            cv_score=_finite_or_none(fitted.cv_score_),
            baseline_cv_score=None if base is None else _finite_or_none(base),
            preset_cv_scores={k: _finite_or_none(v) for k, v in fitted.preset_cv_scores_.items()},
            fitted_weights=dict(fitted.fitted_weights_),
            too_small=bool(fitted.too_small_),
            n_used=int(fitted.n_used_),
        )

    @classmethod
    def from_dict(
        cls, spec: Mapping[str, Any], *, name: str = "strategy",
        caller: str = "FittedStrategy.from_dict",
    ) -> FittedStrategy:
        """Read and check the plain-data form (:meth:`FittedWeights.to_dict`).

        Parameters
        ----------
        spec : mapping
            ``"weights"`` (required: feature -> non-negative weight) and any of the
            other keys of :meth:`FittedWeights.to_dict`; ``"strategy"``, when given,
            must be ``"fitted"``. Unknown keys are refused.
        name : str, default="strategy"
            The parameter named in errors.
        caller : str, default="FittedStrategy.from_dict"
            The public function named in errors.

        Returns
        -------
        FittedStrategy
            The checked strategy (feature names are checked against a network later,
            by the score stage).

        Raises
        ------
        InfnetTypeError
            For values of the wrong type.
        InvalidParameterError
            For unknown keys (the closest is suggested), a missing, empty or all-zero
            ``weights``, negative or non-finite numbers, unknown options.
        """
        if not isinstance(spec, Mapping):
            msg = f"`{name}` of {caller} must be a mapping; got {type(spec).__name__}."
            raise InfnetTypeError(msg)
        for key in spec:
            if key not in _PLAIN_KEYS:
                hint = closest(key, _PLAIN_KEYS) if isinstance(key, str) else ""
                msg = (f"Unknown key {key!r} in `{name}` of {caller} (a fitted strategy's "
                       f"plain-data form).{hint} Known: {list(_PLAIN_KEYS)!r}.")
                raise InvalidParameterError(msg)
        where = f"{name}[{{!r}}]"
        tag = spec.get("strategy", "fitted")
        if tag != "fitted":
            msg = (f"`{where.format('strategy')}` of {caller} must be 'fitted' in a fitted "
                   f"strategy's plain-data form; got {tag!r}. Name a preset with a string.")
            raise InvalidParameterError(msg)
        if "weights" not in spec:
            msg = (f"`{name}` of {caller} needs 'weights' (feature -> weight), as in "
                   "FittedWeights.to_dict(); a preset is named by a string.")
            raise InvalidParameterError(msg)
        weights = _plain_weights(spec["weights"], where.format("weights"), caller)
        fitted = spec.get("fitted_weights")
        features = spec.get("features", ())
        if isinstance(features, str) or not isinstance(features, Sequence) or not all(
                isinstance(f, str) for f in features):
            msg = f"`{where.format('features')}` of {caller} must be a list of feature names."
            raise InfnetTypeError(msg)
        options = {"normalization": NORMALIZATIONS, "baseline": tuple(PRESETS),
                   "kind": tuple(METRICS), "metric": tuple(METRICS.values())}
        chosen: dict[str, str | None] = {}
        for key, allowed in options.items():
            value = spec.get(key)
            chosen[key] = None if value is None else check_option(
                value, name=where.format(key), caller=caller, options=allowed)
        flags = {k: None if spec.get(k) is None else check_bool(
            spec[k], name=where.format(k), caller=caller) for k in ("fallback", "too_small")}
        numbers = {k: None if spec.get(k) is None else check_float(
            spec[k], name=where.format(k), caller=caller) for k in ("cv_score", "baseline_cv_score")}
        presets = spec.get("preset_cv_scores", {})
        if not isinstance(presets, Mapping):
            msg = f"`{where.format('preset_cv_scores')}` of {caller} must be a mapping preset -> metric."
            raise InfnetTypeError(msg)
        preset_scores = {
            str(k): None if v is None else check_float(
                v, name=f"{where.format('preset_cv_scores')}[{k!r}]", caller=caller)
            for k, v in presets.items()
        }
        n_used = spec.get("n_used")
        return cls(
            weights=weights,
            features=tuple(features) if features else tuple(weights),
            fallback=flags["fallback"],
            too_small=flags["too_small"],
            preset_cv_scores=preset_scores,
            fitted_weights=None if fitted is None else _plain_weights(
                fitted, where.format("fitted_weights"), caller, allow_empty=True),
            n_used=None if n_used is None else check_int(
                n_used, name=where.format("n_used"), caller=caller, low=0),
            normalization=chosen["normalization"],
            baseline=chosen["baseline"],
            kind=chosen["kind"],
            metric=chosen["metric"],
            cv_score=numbers["cv_score"],
            baseline_cv_score=numbers["baseline_cv_score"],
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain-data (JSON) form; :meth:`from_dict` reads it back unchanged.

        Returns
        -------
        dict
            ``{"strategy": "fitted", "weights": ..., ...}`` with only JSON types.
        """
        return {
            "strategy": "fitted",
            "weights": dict(self.weights),
            "features": list(self.features),
            "normalization": self.normalization,
            "fallback": self.fallback,
            "baseline": self.baseline,
            "kind": self.kind,
            "metric": self.metric,
            "cv_score": self.cv_score,
            "baseline_cv_score": self.baseline_cv_score,
            "preset_cv_scores": dict(self.preset_cv_scores),
            "fitted_weights": None if self.fitted_weights is None else dict(self.fitted_weights),
            "too_small": self.too_small,
            "n_used": self.n_used,
        }


def _plain_weights(value: Any, where: str, caller: str, *,
                   allow_empty: bool = False) -> dict[str, float]:
    if not isinstance(value, Mapping):
        msg = f"`{where}` of {caller} must be a mapping feature -> weight; got {type(value).__name__}."
        raise InfnetTypeError(msg)
    out: dict[str, float] = {}
    for key, v in value.items():
        if not isinstance(key, str):
            msg = f"`{where}` of {caller} keys must be feature names (str); got {key!r}."
            raise InfnetTypeError(msg)
        out[key] = check_float(v, name=f"{where}[{key!r}]", caller=caller, low=0.0)
    if not allow_empty and not any(v > 0 for v in out.values()):
        msg = f"`{where}` of {caller} must hold at least one weight > 0."
        raise InvalidParameterError(msg)
    return out


def as_strategy(strategy: object, *, caller: str) -> FittedStrategy:
    """Turn a fitted ``strategy`` argument into a :class:`FittedStrategy`.

    Parameters
    ----------
    strategy : FittedWeights, WeightFitter, FittedStrategy or mapping
        What :func:`fit_weights` returned, a fitted :class:`WeightFitter`, or the
        plain-data form (:meth:`FittedWeights.to_dict`). Preset names (str) are not
        handled here.
    caller : str
        The public function named in errors.

    Returns
    -------
    FittedStrategy
        The strategy to score with.

    Raises
    ------
    InfnetTypeError
        For anything else (the message names `strategy`).
    NotFittedError
        For a :class:`WeightFitter` that was not fitted.
    InvalidParameterError
        For a malformed plain-data form.

    Examples
    --------
    >>> as_strategy({"weights": {"degree": 1.0}}, caller="example").weights
    {'degree': 1.0}
    """
    if isinstance(strategy, FittedStrategy):
        return strategy
    if isinstance(strategy, FittedWeights):
        return FittedStrategy.from_fitted(strategy)
    if isinstance(strategy, WeightFitter):
        result: FittedWeights | None = getattr(strategy, "result_", None)
        if result is None:
            msg = (f"`strategy` of {caller} is a WeightFitter that is not fitted yet: call "
                   "fit(network, outcome) first.")
            raise NotFittedError(msg)
        return FittedStrategy.from_fitted(result)
    if isinstance(strategy, Mapping):
        return FittedStrategy.from_dict(strategy, caller=caller)
    msg = (
        f"`strategy` of {caller} must be a preset name (str), what fit_weights returned, a "
        f"fitted WeightFitter, or a fitted strategy's plain-data form (a dict with "
        f"'weights'); got {type(strategy).__name__}."
    )
    raise InfnetTypeError(msg)


class WeightFitter:
    """:func:`fit_weights` as an estimator, following scikit-learn's conventions.

    The constructor only stores its parameters; :meth:`fit` learns (attributes ending
    in ``_``), :meth:`score` evaluates on any network with an outcome (for example a
    held-out one), :meth:`predict` scores actors, :meth:`get_params` /
    :meth:`set_params` read and change the parameters. scikit-learn is not needed; its
    model-selection helpers cannot split a network, so cross-validation is built into
    :meth:`fit` (as in :func:`fit_weights`). A fitted estimator is accepted as
    ``rank_influentials(..., strategy=estimator)``.

    Parameters
    ----------
    features : sequence of str, optional
        As in :func:`fit_weights`.
    kind : {"auto", "label", "time"}, default="auto"
        As in :func:`fit_weights`.
    cv : int, default=5
        As in :func:`fit_weights`.
    alpha : float, default=0.01
        As in :func:`fit_weights`.
    baseline : str, default="balanced"
        As in :func:`fit_weights`.
    normalization : {"rank", "minmax", "max", "zscore"}, default="rank"
        As in :func:`fit_weights`.
    rng : int, Generator, SeedSequence or None, default=0
        As in :func:`fit_weights`.

    Attributes
    ----------
    result_ : FittedWeights
        Everything :func:`fit_weights` returned (set by :meth:`fit`).

    See Also
    --------
    fit_weights : The function form.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from infnet import Network
    >>> rng = np.random.default_rng(0)
    >>> actors = pd.DataFrame({"id": range(200), "a": rng.random(200), "b": rng.random(200)})
    >>> net = Network.from_frames(actors, pd.DataFrame({"source": [0], "target": [1]}))
    >>> y = (actors["a"] * 3 + actors["b"] > 2).to_numpy(float)
    >>> est = WeightFitter(features=["a", "b"]).fit(net, y)
    >>> est.weights_["a"] > est.weights_["b"], round(est.score(net, y), 2) > 0.9
    (True, True)
    >>> est.set_params(alpha=1.0).get_params()["alpha"]
    1.0
    """

    _PARAMS = ("features", "kind", "cv", "alpha", "baseline", "normalization", "rng")
    result_: FittedWeights | None

    def __init__(
        self,
        *,
        features: Sequence[str] | None = None,
        kind: str = "auto",
        cv: int = 5,
        alpha: float = 0.01,
        baseline: str = "balanced",
        normalization: str = "rank",
        rng: Any = 0,
    ) -> None:
        self.features = features
        self.kind = kind
        self.cv = cv
        self.alpha = alpha
        self.baseline = baseline
        self.normalization = normalization
        self.rng = rng

    def __repr__(self) -> str:
        """Show the parameters."""
        shown = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"WeightFitter({shown})"

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """Return the estimator's parameters (scikit-learn convention).

        Parameters
        ----------
        deep : bool, default=True
            Accepted for scikit-learn compatibility; there are no nested estimators.

        Returns
        -------
        dict
            Parameter name -> value.
        """
        return {k: getattr(self, k) for k in self._PARAMS}

    def set_params(self, **params: Any) -> WeightFitter:
        """Set parameters (scikit-learn convention); checked when :meth:`fit` runs.

        Parameters
        ----------
        **params
            Names among :meth:`get_params`'s keys.

        Returns
        -------
        WeightFitter
            This estimator.

        Raises
        ------
        InvalidParameterError
            For an unknown parameter name (the closest is suggested).
        """
        for key, value in params.items():
            if key not in self._PARAMS:
                msg = (f"WeightFitter has no parameter {key!r}.{closest(key, self._PARAMS)} "
                       f"Known: {list(self._PARAMS)!r}.")
                raise InvalidParameterError(msg)
            setattr(self, key, value)
        return self

    def fit(self, network: Network, outcome: Any, target: Any = None) -> WeightFitter:
        """Learn the weights (see :func:`fit_weights`).

        Parameters
        ----------
        network : Network
            The network, ties in the direction influence flows.
        outcome : str, Series or array-like of shape (n_actors,)
            As in :func:`fit_weights`.
        target : Target, dict, str, ndarray of shape (n_actors,) or None, default=None
            As in :func:`fit_weights`.

        Returns
        -------
        WeightFitter
            This estimator, fitted.

        Raises
        ------
        InvalidParameterError
            As :func:`fit_weights`.

        Warns
        -----
        InfnetWarning
            As :func:`fit_weights` (too small, not beating the preset, cv lowered).
        """
        self.result_ = fit_weights(network, target, outcome, **self.get_params())
        return self

    def _fitted(self) -> FittedWeights:
        result: FittedWeights | None = getattr(self, "result_", None)
        if result is None:
            check_is_fitted(self, ["result_"])
        assert result is not None
        return result

    @property
    def weights_(self) -> dict[str, float]:
        """The weights to rank with (``result_.weights_``)."""
        return dict(self._fitted().weights_)

    @property
    def beats_preset_(self) -> bool:
        """Whether the fit beat the baseline preset (``result_.beats_preset_``)."""
        return self._fitted().beats_preset_

    @property
    def cv_score_(self) -> float:
        """Mean out-of-fold metric of the fit (``result_.cv_score_``)."""
        return self._fitted().cv_score_

    def predict(self, network: Network, target: Any = None) -> FloatArray:
        """Score every actor of `network` with the fitted weights.

        Features are computed on `network` and scaled over all its actors with the
        fit's normalisation, as :func:`fit_weights` does.

        Parameters
        ----------
        network : Network
            Any network holding the weighted features (it need not be the fitted one).
        target : Target, dict, str, ndarray of shape (n_actors,) or None, default=None
            The target audience of the targeted features.

        Returns
        -------
        ndarray of shape (n_actors,)
            Scores in [0, 1]; higher is better.

        Raises
        ------
        NotFittedError
            Before :meth:`fit`.
        InvalidParameterError
            When `network` lacks an actor column a weighted feature needs.
        """
        caller = "WeightFitter.predict"
        result = self._fitted()
        network = check_network(network, caller=caller)
        return _predict(network, _target_values(network, target, caller), result.weights_,
                        result.normalization_, self.rng, caller)

    def score(self, network: Network, outcome: Any, target: Any = None) -> float:
        """Metric of the fitted weights on `network`'s outcome (higher is better).

        Parameters
        ----------
        network : Network
            The network to evaluate on (for example one held out from the fit).
        outcome : str, Series or array-like of shape (n_actors,)
            As in :func:`fit_weights`, of the kind that was fitted.
        target : Target, dict, str, ndarray of shape (n_actors,) or None, default=None
            The target audience of the targeted features.

        Returns
        -------
        float
            ROC AUC for a label, Spearman's correlation with minus the time for a time,
            over the actors with an outcome.

        Raises
        ------
        NotFittedError
            Before :meth:`fit`.
        InvalidParameterError
            For an outcome with one class, or not 0/1 when a label was fitted.
        """
        caller = "WeightFitter.score"
        result = self._fitted()
        network = check_network(network, caller=caller)
        y = _outcome(outcome, network, caller)
        observed = ~np.isnan(y)
        values = np.unique(y[observed])
        if values.size < 2:
            msg = (f"`outcome` of {caller} has one class only among {int(observed.sum())} "
                   "actors; no ranking can be scored on it.")
            raise InvalidParameterError(msg)
        if result.kind_ == "label" and not set(values.tolist()) <= {0.0, 1.0}:
            msg = f"`outcome` of {caller} must be 0/1 (a label was fitted); got {values[:5].tolist()}."
            raise InvalidParameterError(msg)
        s = self.predict(network, target)
        return _metric(s[observed], y[observed], result.kind_)


def _predict(network: Network, w: FloatArray, weights: Mapping[str, float],
             normalization: str, rng: Any, caller: str) -> FloatArray:
    """Kernel score with `weights`, features normalised over all actors (as in the fit)."""
    context = new_context(w=w, rng=check_rng(rng).spawn(1)[0], auto_estimate=True)
    X, feats, _ = build_features(network, list(weights), context=context, caller=caller)
    Z = normalize(X, higher_is_better=[f.higher_is_better for f in feats],
                  method=cast("Normalization", normalization), caller=caller)
    values, _ = kernel_score(Z, [weights[f.name] for f in feats], caller=caller)
    return values


# ------------------------------------------------------------------------ helpers
def _outcome(outcome: Any, network: Network, caller: str) -> FloatArray:
    """Per-actor outcome as float (NaN = unobserved); a column name, Series or array."""
    values: Any
    if isinstance(outcome, str):
        if not network.has_attribute(outcome):
            msg = f"`outcome` of {caller}: the network has no actor column {outcome!r}."
            raise InvalidParameterError(msg)
        values = network.attribute(outcome)  # in actor order
    elif isinstance(outcome, pd.Series):
        values = _aligned(outcome, network, caller)
    else:
        values = outcome
    if isinstance(values, (bytes, Mapping)) or not hasattr(values, "__len__"):
        msg = f"`outcome` of {caller} must be an actor column name or one value per actor."
        raise InfnetTypeError(msg)
    arr = np.asarray(values)
    if arr.dtype == np.bool_:
        arr = arr.astype(np.float64)
    if arr.dtype.kind == "O":
        try:
            arr = pd.to_numeric(pd.Series(arr), errors="raise").to_numpy(dtype=np.float64)
        except (TypeError, ValueError):
            msg = f"`outcome` of {caller} must be numeric (1/0 labels or times); got text values."
            raise InvalidParameterError(msg) from None
    if arr.dtype.kind not in "iuf":
        msg = f"`outcome` of {caller} must be numeric (1/0 labels or times); got dtype {arr.dtype}."
        raise InfnetTypeError(msg)
    arr = arr.astype(np.float64)
    if arr.shape != (network.n_actors,):
        msg = (
            f"`outcome` of {caller} must have one value per actor ({network.n_actors}); "
            f"got shape {arr.shape}."
        )
        raise InvalidParameterError(msg)
    if np.isinf(arr).any():
        msg = (
            f"`outcome` of {caller} holds infinite values; code never-adopters as a time after "
            "the last observed one (e.g. max + 1) and unobserved actors as NaN."
        )
        raise InvalidParameterError(msg)
    return cast("FloatArray", arr)


def _aligned(outcome: pd.Series, network: Network, caller: str) -> np.ndarray:
    """Return a Series' values in actor order, read by its index as actor ids (not position)."""
    ids = network.actor_ids
    if outcome.index.equals(ids):
        return outcome.to_numpy()
    if outcome.index.has_duplicates:
        dup = outcome.index[outcome.index.duplicated()].unique().tolist()
        msg = (f"`outcome` of {caller} is a Series whose index repeats actor ids "
               f"{format_ids(dup, len(dup))}; give one value per actor.")
        raise InvalidParameterError(msg)
    index = outcome.index
    if isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1:
        msg = (
            f"`outcome` of {caller} is a Series with a default RangeIndex, not the network's "
            "actor ids, so it is unclear whether it holds positions or actor "
            "ids; index it by actor id (e.g. actors.set_index('id')['adopted']) or pass "
            "values in actor order (.to_numpy())."
        )
        raise InvalidParameterError(msg)
    known = outcome.index.isin(ids)
    if not known.all():
        unknown = outcome.index[~known].tolist()
        msg = (f"`outcome` of {caller} is indexed by ids that are not actors of the network: "
               f"{format_ids(unknown, len(unknown))}.")
        raise UnknownActorError(msg)
    missing = int(ids.size - known.sum())
    if missing:
        _log.info("%s: %d actors are not in the outcome Series and count as unobserved (NaN)",
                  caller, missing)
    return outcome.reindex(ids).to_numpy()


def _metric(score: FloatArray, y: FloatArray, kind: str) -> float:
    if kind == "label":
        pos = y > 0
        n1, n0 = int(pos.sum()), int((~pos).sum())
        if n1 == 0 or n0 == 0:
            return float("nan")
        r = stats.rankdata(score)
        return float((r[pos].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))
    if np.ptp(score) == 0 or np.ptp(y) == 0:
        return 0.0
    return float(stats.spearmanr(score, -y).statistic)


def _pairs(y: FloatArray, kind: str, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Ordered pairs (better, worse) of the outcome; sampled beyond MAX_PAIRS."""
    if kind == "label":
        better, worse = np.flatnonzero(y > 0), np.flatnonzero(y <= 0)
        n_all = better.size * worse.size
        if n_all <= MAX_PAIRS:
            i, j = np.meshgrid(better, worse, indexing="ij")
            return i.ravel(), j.ravel()
        return rng.choice(better, MAX_PAIRS), rng.choice(worse, MAX_PAIRS)
    order = np.argsort(y, kind="stable")
    n = y.size
    n_all = n * (n - 1) // 2
    a: np.ndarray
    b: np.ndarray
    if n_all <= MAX_PAIRS:
        i, j = np.triu_indices(n, 1)  # type: ignore[assignment]
        a, b = order[i], order[j]
    else:
        a, b = rng.integers(0, n, MAX_PAIRS), rng.integers(0, n, MAX_PAIRS)
    keep = y[a] < y[b]  # strictly earlier wins; equal times give no pair
    swap = y[a] > y[b]
    better = np.concatenate([a[keep], b[swap]])
    worse = np.concatenate([b[keep], a[swap]])
    return better, worse


def _fit(Z: FloatArray, y: FloatArray, kind: str, alpha: float,
         rng: np.random.Generator) -> FloatArray:
    """Non-negative pairwise-logistic weights (not normalised; zero vector possible)."""
    better, worse = _pairs(y, kind, rng)
    p = Z.shape[1]
    if better.size == 0:
        return np.zeros(p)
    D = Z[better] - Z[worse]

    def loss(beta: FloatArray) -> tuple[float, FloatArray]:
        m = D @ beta
        value = float(np.logaddexp(0.0, -m).mean() + alpha * beta @ beta)
        sig = 0.5 * (1.0 - np.tanh(0.5 * m))  # = 1 / (1 + e^m), stable
        grad = -(D * sig[:, None]).mean(axis=0) + 2.0 * alpha * beta
        return value, grad

    res = optimize.minimize(loss, np.full(p, 1.0 / p), jac=True, method="L-BFGS-B",
                            bounds=[(0.0, None)] * p, options={"maxiter": 500})
    return np.clip(np.asarray(res.x, dtype=np.float64), 0.0, None)


def _folds(y: FloatArray, kind: str, cv: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Fold labels over the scored actors (stratified for labels, by time rank otherwise)."""
    n = y.size
    fold = np.empty(n, dtype=np.int64)
    if kind == "label":
        for cls in (y > 0, y <= 0):
            idx = rng.permutation(np.flatnonzero(cls))
            fold[idx] = np.arange(idx.size) % cv
    else:
        idx = rng.permutation(n)
        fold[idx] = np.arange(n) % cv
    return [np.flatnonzero(fold == k) for k in range(cv)]


# --------------------------------------------------------------------------- public
def fit_weights(
    network: Network,
    target: Any,
    outcome: Any,
    *,
    features: Sequence[str] | None = None,
    kind: str = "auto",
    cv: int = 5,
    alpha: float = 0.01,
    baseline: str = "balanced",
    normalization: str = "rank",
    rng: Any = 0,
) -> FittedWeights:
    """Learn non-negative kernel weights from an observed outcome per actor.

    Parameters
    ----------
    network : Network
        The network, ties in the direction influence flows.
    target : Target, dict, str, ndarray of shape (n_actors,) or None
        The target audience whose reach the targeted features measure (as in
        :func:`infnet.rank_influentials`), target values per actor, or None for every
        actor (value 1 each).
    outcome : str, Series or array-like of shape (n_actors,)
        An actor column name, a Series indexed by actor id (actors it lacks count as
        unobserved; a default RangeIndex is refused as ambiguous), or values in actor order:
        a 1/0 label (True/False) or a time (lower = earlier = better; code never-adopters
        as a time after the last one). NaN marks actors without an outcome: they are
        scored but not used to fit.
    features : sequence of str, optional
        Feature names (registered features or numeric actor columns); by default
        :data:`DEFAULT_FIT_FEATURES` (those the network can give).
    kind : {"auto", "label", "time"}, default="auto"
        ``"auto"``: a label when the observed values are only 0 and 1, else a time.
    cv : int, default=5
        Number of folds, 2 to 20 (lowered to the size of the smaller class, with a
        warning).
    alpha : float, default=0.01
        Ridge penalty, >= 0; larger keeps the weights closer to zero, i.e. nearer
        equal scores (less overfitting).
    baseline : str, default="balanced"
        The preset the fit must beat, and whose weights `weights_` falls back to.
    normalization : {"rank", "minmax", "max", "zscore"}, default="rank"
        Feature scaling, as in :func:`infnet.rank_influentials`.
    rng : int, Generator, SeedSequence or None, default=0
        Folds and pair sampling; the same seed gives the same fit.

    Returns
    -------
    FittedWeights
        Weights, cross-validated metrics of the fit and of every preset, flags.

    Raises
    ------
    InvalidParameterError
        An outcome with one class (or one distinct time), too few observed actors
        (fewer than 2 per fold), unknown features or presets, bad parameters.
    InfnetTypeError
        For arguments of the wrong type.

    Warns
    -----
    InfnetWarning
        When the data are too small or the fit does not beat the `baseline` preset on
        the same folds (``weights_`` is then the preset's), or when `cv` is lowered.

    See Also
    --------
    infnet.rank_influentials : Use ``strategy=fitted`` (or ``weights=fitted.weights_``).
    WeightFitter : The same fit as an estimator (``fit``, ``score``, ``get_params``).

    Notes
    -----
    Cost: the features once (see each measure), then per fold one L-BFGS-B solve over at
    most 200,000 ordered pairs, O(n_pairs * n_features) per iteration. Features are
    normalised once over all actors (an unsupervised step, so no outcome leaks into
    held-out folds). Weights are rescaled to sum to 1 (the ranking is unchanged by
    scale); a fit that is all zeros falls back to the preset. The metric is ROC AUC
    (ties count 1/2) for labels and Spearman's correlation with minus the time.

    Examples
    --------
    >>> from infnet.synthetic import toy_network
    >>> import numpy as np
    >>> net = toy_network()
    >>> fit_weights(net, None, np.ones(net.n_actors))
    Traceback (most recent call last):
    ...
    infnet.exceptions.InvalidParameterError: `outcome` of fit_weights has one class only (all 1.0 among 10 actors); a ranking cannot be learned from it.
    """
    caller = "fit_weights"
    network = check_network(network, caller=caller)
    check_option(kind, name="kind", caller=caller, options=("auto", "label", "time"))
    cv = check_int(cv, name="cv", caller=caller, low=2, high=20)
    alpha = check_float(alpha, name="alpha", caller=caller, low=0.0)
    check_option(baseline, name="baseline", caller=caller, options=tuple(PRESETS))
    check_option(normalization, name="normalization", caller=caller, options=NORMALIZATIONS)
    gen = check_rng(rng)
    params = {"features": None if features is None else list(features), "kind": kind,
              "cv": cv, "alpha": alpha, "baseline": baseline, "normalization": normalization,
              "rng": rng if isinstance(rng, (int, type(None))) else repr(rng)}
    y_all = _outcome(outcome, network, caller)
    observed = ~np.isnan(y_all)
    y = y_all[observed]
    values = np.unique(y)
    if values.size < 2:
        shown = f"all {float(values[0])!r}" if values.size else "no observed values"
        msg = (
            f"`outcome` of {caller} has one class only ({shown} among {y.size} actors); "
            "a ranking cannot be learned from it."
        )
        raise InvalidParameterError(msg)
    if kind == "auto":
        kind = "label" if set(values.tolist()) <= {0.0, 1.0} else "time"
    if kind == "label" and not set(values.tolist()) <= {0.0, 1.0}:
        msg = f"`outcome` of {caller} with kind='label' must be 0/1; got values {values[:5].tolist()}."
        raise InvalidParameterError(msg)
    w = _target_values(network, target, caller)
    names = _features(network, features, caller)
    context = new_context(w=w, rng=gen.spawn(1)[0], auto_estimate=True)
    X, feats, _ = build_features(network, names, context=context, caller=caller)
    Z = normalize(X, higher_is_better=[f.higher_is_better for f in feats],
                  method=cast("Normalization", normalization), caller=caller)
    Zo = Z[observed]
    n_minor = int(min((y > 0).sum(), (y <= 0).sum())) if kind == "label" else y.size
    too_small = y.size < MIN_ACTORS or n_minor < MIN_CLASS
    k = min(cv, n_minor) if kind == "label" else min(cv, y.size // 2)
    if k < 2:
        msg = (
            f"`outcome` of {caller} has too few observed actors for cross-validation "
            f"({n_minor} in the smaller class); at least 2 are needed."
        )
        raise InvalidParameterError(msg)
    if k < cv:
        warnings.warn(f"{caller}: cv lowered from {cv} to {k} (the smaller class has "
                      f"{n_minor} actors).", InfnetWarning, stacklevel=2)
    folds = _folds(y, kind, k, gen)
    preset_z = _preset_scores(network, Z, [f.name for f in feats], w, context, normalization,
                              caller)
    oof = np.full(y.size, np.nan)
    fold_fit: list[float] = []
    fold_preset: dict[str, list[float]] = {p: [] for p in preset_z}
    for test in folds:
        train = np.setdiff1d(np.arange(y.size), test)
        beta = _fit(Zo[train], y[train], kind, alpha, gen)
        s = Zo[test] @ (beta / beta.sum() if beta.sum() > 0 else beta)
        oof[test] = s
        fold_fit.append(_metric(s, y[test], kind))
        for p, sp in preset_z.items():
            fold_preset[p].append(_metric(sp[observed][test], y[test], kind))
    beta_all = _fit(Zo, y, kind, alpha, gen)
    fitted = _as_weights(beta_all, [f.name for f in feats])
    fit_mean = float(np.nanmean(fold_fit))
    preset_means = {p: float(np.nanmean(v)) for p, v in fold_preset.items()}
    diffs = np.array(fold_fit) - np.array(fold_preset.get(baseline, fold_fit))
    diffs = diffs[np.isfinite(diffs)]
    se = float(diffs.std(ddof=1) / math.sqrt(diffs.size)) if diffs.size > 1 else np.inf
    beats = bool(not too_small and fitted and diffs.size > 0 and diffs.mean() > se)
    if not beats:
        why = ("the data are too small" if too_small else
               "the fit does not beat it by more than the fold-to-fold noise")
        warnings.warn(
            f"{caller}: {why} (cross-validated {fit_mean:.3f} vs {preset_means.get(baseline, np.nan):.3f} "
            f"for preset {baseline!r} over {k} folds, {y.size} actors); weights_ are the "
            f"preset's. The fit is in fitted_weights_.",
            InfnetWarning, stacklevel=2,
        )
    oof_all = np.full(network.n_actors, np.nan)
    oof_all[observed] = oof
    fallback = {kk: float(v) for kk, v in PRESETS[baseline].items()
                if not missing_columns(resolve_feature(kk, network, caller=caller), network)}
    return FittedWeights(
        weights_=fitted if beats else fallback,
        fitted_weights_=fitted,
        beats_preset_=beats,
        too_small_=too_small,
        cv_score_=fit_mean,
        cv_scores_=tuple(float(v) for v in fold_fit),
        preset_cv_scores_=preset_means,
        oof_scores_=oof_all,
        kind_=kind,
        features_=tuple(f.name for f in feats),
        n_used_=int(y.size),
        normalization_=normalization,
        baseline_=baseline,
        params=params,
    )


def _as_weights(beta: FloatArray, names: list[str]) -> dict[str, float]:
    total = float(beta.sum())
    if total <= 0:
        return {}
    return {n: float(b / total) for n, b in zip(names, beta.tolist(), strict=True) if b > 0}


def _target_values(network: Network, target: Any, caller: str) -> FloatArray:
    if target is None:
        return np.ones(network.n_actors)
    if isinstance(target, np.ndarray | list | tuple):
        from infnet._validation import check_actor_values

        return cast("FloatArray", check_actor_values(target, n_actors=network.n_actors,
                                                      name="target", caller=caller))
    from infnet.targets import as_target

    return as_target(target, caller=caller).weights(network)


def _features(network: Network, features: Sequence[str] | None, caller: str) -> list[str]:
    if features is None:
        return [f for f in DEFAULT_FIT_FEATURES
                if not missing_columns(resolve_feature(f, network, caller=caller), network)]
    if isinstance(features, str) or not isinstance(features, Sequence):
        msg = f"`features` of {caller} must be a sequence of feature names; got {features!r}."
        raise InfnetTypeError(msg)
    names = list(dict.fromkeys(features))
    if not names:
        msg = f"`features` of {caller} must name at least one feature."
        raise InvalidParameterError(msg)
    for f in names:
        lacking = missing_columns(resolve_feature(f, network, caller=caller), network)
        if lacking:
            msg = f"Feature {f!r} in `features` of {caller} needs the actor column {lacking[0]!r}."
            raise InvalidParameterError(msg)
    return names


def _preset_scores(network: Network, Z: FloatArray, names: list[str], w: FloatArray,
                   context: Any, normalization: str, caller: str) -> dict[str, FloatArray]:
    """Score of every applicable preset (features missing from the network dropped)."""
    out: dict[str, FloatArray] = {}
    for pname, weights in PRESETS.items():
        usable = {f: v for f, v in weights.items()
                  if not missing_columns(resolve_feature(f, network, caller=caller), network)}
        if not usable:
            continue
        extra = [f for f in usable if f not in names]
        Zp, pn = Z, list(names)
        if extra:
            X2, f2, _ = build_features(network, extra, context=context, caller=caller)
            Z2 = normalize(X2, higher_is_better=[f.higher_is_better for f in f2],
                           method=cast("Normalization", normalization), caller=caller)
            Zp, pn = np.hstack([Z, Z2]), [*names, *extra]
        beta = np.array([usable.get(f, 0.0) for f in pn])
        out[pname] = Zp @ (beta / beta.sum())
    return out
