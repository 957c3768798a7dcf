"""The service form of the facade: plain data in, JSON-ready data out, safe to expose.

:func:`rank_influentials_from_dict` is what a web service calls with a request it
received from outside. It checks the whole request — keys, types, sizes, expression
lengths — *before any work starts*, and refuses anything malformed with a typed
:class:`~infnet.InfnetError` that names the key and the rule. It takes the network as
data (lists of records); file paths are refused unless the caller opts in with
``allow_paths=`` a base directory, and then only regular files inside it are read.

Limits (module constants, refused with :class:`~infnet.ResourceLimitError`):

=====================  ===================================================
``MAX_RECORDS``        5,000,000 tie records, and as many actor records
``MAX_K``              10,000 shortlist places (also quotas and caps)
``MAX_SETS``           10,000,000 reverse-reachable sets (``cascade.n_sets``)
hops                   1 to 3
expressions            :data:`infnet.expressions.MAX_LENGTH` characters, and the
                       other limits of :mod:`infnet.expressions`
``MAX_DEPTH``          8 levels of nesting in the request
=====================  ===================================================

Examples
--------
>>> request = {
...     "network": {"ties": [{"source": "a", "target": "b", "strength": 0.9},
...                          {"source": "b", "target": "c", "strength": 0.8}],
...                 "actors": [{"id": "a", "segment": "x"}, {"id": "b", "segment": "y"},
...                            {"id": "c", "segment": "y"}],
...                 "directed": True},
...     "target": {"segments": ["y"]}, "k": 1, "band": None,
...     "weights": {"direct_reach": 1.0},
... }
>>> out = rank_influentials_from_dict(request)
>>> [r["actor"] for r in out["shortlist"]]
['a']
>>> rank_influentials_from_dict({**request, "network": {"ties": "/etc/passwd"}})
Traceback (most recent call last):
...
infnet.exceptions.InfnetTypeError: request['network']['ties'] must be a list of records (dicts); file paths are accepted only with allow_paths=<base directory>.
"""

from __future__ import annotations

import json
import math
import os
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from infnet._validation import check_bool, closest
from infnet.exceptions import (
    InfnetTypeError,
    InfnetWarning,
    InvalidFileError,
    InvalidParameterError,
    ResourceLimitError,
)
from infnet.network import Network
from infnet.ranking import rank_influentials

__all__ = ["MAX_DEPTH", "MAX_K", "MAX_RECORDS", "MAX_SETS", "rank_influentials_from_dict"]

MAX_RECORDS = 5_000_000
MAX_K = 10_000
MAX_SETS = 10_000_000
MAX_DEPTH = 8

_CALL_KEYS = (
    "k", "kind", "strategy", "weights", "method", "band", "exclude", "constraints", "cascade",
    "normalization", "hops", "show_excluded", "rng",
)
_NETWORK_KEYS = (
    "ties", "actors", "actor_id", "source", "target", "strength", "directed", "duplicates",
    "self_ties", "focal_organisation", "strong_threshold",
)
_SCALARS = (str, int, float, bool, type(None))


def _where(path: str) -> str:
    return "request" + "".join(f"[{p!r}]" for p in path.split(".") if p)


def _check_plain(value: Any, path: str, depth: int = 0) -> None:
    """Refuse anything that is not JSON data, and nesting deeper than MAX_DEPTH."""
    if depth > MAX_DEPTH:
        msg = f"{_where(path)} nests deeper than {MAX_DEPTH} levels."
        raise ResourceLimitError(msg)
    if isinstance(value, float) and not math.isfinite(value):
        msg = f"{_where(path)} must be a finite number; got {value!r}."
        raise InvalidParameterError(msg)
    if isinstance(value, _SCALARS):
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                msg = f"{_where(path)} keys must be strings; got {key!r}."
                raise InfnetTypeError(msg)
            _check_plain(item, f"{path}.{key}", depth + 1)
        return
    if isinstance(value, (list, tuple)):
        for i, item in enumerate(value[:1000]):  # a sample: records are checked below
            _check_plain(item, f"{path}.{i}", depth + 1)
        return
    msg = f"{_where(path)} must be JSON data (str, number, bool, null, list, dict); got {type(value).__name__}."
    raise InfnetTypeError(msg)


def _check_keys(spec: Mapping[str, Any], allowed: tuple[str, ...], path: str) -> None:
    for key in spec:
        if key not in allowed:
            msg = f"Unknown key {key!r} in {_where(path)}.{closest(key, allowed)} Known: {list(allowed)!r}."
            raise InvalidParameterError(msg)


def _records(value: Any, path: str) -> pd.DataFrame:
    if not isinstance(value, list) or not all(isinstance(r, Mapping) for r in value):
        msg = (
            f"{_where(path)} must be a list of records (dicts); file paths are accepted only "
            "with allow_paths=<base directory>."
        )
        raise InfnetTypeError(msg)
    if len(value) > MAX_RECORDS:
        msg = f"{_where(path)} has {len(value):,} records; at most {MAX_RECORDS:,} are accepted."
        raise ResourceLimitError(msg)
    for i, record in enumerate(value):
        for key, item in record.items():
            if not isinstance(key, str) or not isinstance(item, _SCALARS):
                msg = (
                    f"{_where(path)}[{i}][{key!r}] must be a scalar (str, number, bool, null); "
                    f"got {type(item).__name__}."
                )
                raise InfnetTypeError(msg)
    return pd.DataFrame.from_records(value) if value else pd.DataFrame()


def _safe_path(value: Any, base: Path, path: str) -> Path:
    if not isinstance(value, str):
        msg = f"{_where(path)} must be a file path (str) under allow_paths; got {type(value).__name__}."
        raise InfnetTypeError(msg)
    candidate = (base / value).resolve()
    if not candidate.is_relative_to(base):
        msg = f"{_where(path)} points outside the allowed directory; only files under it are read."
        raise InvalidParameterError(msg)
    if not candidate.is_file():
        msg = f"{_where(path)}: no regular file {value!r} under the allowed directory."
        raise InvalidFileError(msg)
    return candidate


def _network(spec: Any, allow_paths: Path | None, notes: list[str]) -> Network:
    if not isinstance(spec, Mapping):
        msg = (
            "request['network'] must be a dict with 'ties' (a list of records) and optional "
            f"'actors' and build options; got {type(spec).__name__}."
        )
        raise InfnetTypeError(msg)
    _check_keys(spec, _NETWORK_KEYS, "network")
    if "ties" not in spec:
        msg = "request['network'] needs 'ties' (a list of records)."
        raise InvalidParameterError(msg)
    options = {k: v for k, v in spec.items() if k not in ("ties", "actors")}
    for key in ("actor_id", "source", "target", "strength", "duplicates", "self_ties"):
        if key in options and not isinstance(options[key], str):
            msg = f"request['network'][{key!r}] must be a string; got {options[key]!r}."
            raise InfnetTypeError(msg)
    if "directed" in options:
        check_bool(options["directed"], name="network.directed", caller="rank_influentials_from_dict")
    else:
        notes.append(
            "request['network'] has no 'directed': ties are read as directed (source -> target "
            "is the way influence flows)"
        )
    ties, actors = spec["ties"], spec.get("actors")
    if allow_paths is not None and isinstance(ties, str):
        from infnet.io import read_network

        actors_path = None if actors is None else _safe_path(actors, allow_paths, "network.actors")
        return read_network(actors_path, _safe_path(ties, allow_paths, "network.ties"), **options)
    ties_frame = _records(ties, "network.ties")
    actors_frame = None if actors is None else _records(actors, "network.actors")
    return Network.from_frames(actors_frame, ties_frame, **options)


def _check_sizes(kwargs: Mapping[str, Any]) -> None:
    k = kwargs.get("k")
    if isinstance(k, int) and not isinstance(k, bool) and k > MAX_K:
        msg = f"request['k'] is {k:,}; the service form accepts at most {MAX_K:,}."
        raise ResourceLimitError(msg)
    cascade = kwargs.get("cascade")
    if isinstance(cascade, Mapping):
        n_sets = cascade.get("n_sets")
        if isinstance(n_sets, int) and not isinstance(n_sets, bool) and n_sets > MAX_SETS:
            msg = f"request['cascade']['n_sets'] is {n_sets:,}; at most {MAX_SETS:,} are accepted."
            raise ResourceLimitError(msg)
    constraints = kwargs.get("constraints")
    if isinstance(constraints, Mapping):
        quota = constraints.get("quota")
        counts = list(quota.values()) if isinstance(quota, Mapping) else []
        counts.append(constraints.get("max_per_organisation"))
        for c in counts:
            if isinstance(c, int) and not isinstance(c, bool) and c > MAX_K:
                msg = f"request['constraints'] has a count of {c:,}; at most {MAX_K:,}."
                raise ResourceLimitError(msg)
    for key in ("target", "exclude"):
        spec = kwargs.get(key)
        where = spec.get("where") if isinstance(spec, Mapping) else None
        if where is not None:
            from infnet.expressions import parse

            parse(where, caller=f"rank_influentials_from_dict ({key}.where)")


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=lambda o: o.item() if hasattr(o, "item") else str(o)))


def rank_influentials_from_dict(
    request: Mapping[str, Any], *, allow_paths: str | os.PathLike[str] | None = None
) -> dict[str, Any]:
    """Plain-data form of :func:`infnet.rank_influentials` for services.

    Parameters
    ----------
    request : mapping
        ``{"network": {...}, "target": {...}, <keyword of rank_influentials>: ...}``.
        ``network`` holds ``"ties"`` (a list of records), optional ``"actors"``
        (records) and build options of :meth:`infnet.Network.from_frames`
        (``directed``, ``focal_organisation``, ``source``, ...). ``band``,
        ``exclude``, ``constraints`` and ``cascade`` are dicts of their option
        objects. ``strategy`` is a preset name or a fitted strategy's plain-data
        form (:meth:`infnet.fitting.FittedWeights.to_dict`, at least
        ``{"weights": {...}}``; ``attrs["fitted"]`` then records it). Only JSON data
        is accepted (no objects, no callables).
    allow_paths : str or path, optional
        A base directory: when given, ``ties`` / ``actors`` may also be file paths,
        resolved inside it (paths leaving it are refused). Off by default: a service
        should not let a request read the host's files.

    Returns
    -------
    dict
        ``{"shortlist": [records], "excluded": [records], "attrs": {...}}``, containing
        only JSON types (NaN becomes None). ``attrs["warnings"]`` holds the text of
        every :class:`~infnet.InfnetWarning` the run raised (a dropped preset
        feature, an assumed direction), ``attrs["notes"]`` what it decided.

    Raises
    ------
    InfnetTypeError
        For values of the wrong type (a path without `allow_paths`, a network that is
        not a dict, non-scalar record values).
    InvalidParameterError
        For missing or unknown keys (closest suggested) and values out of range.
    ResourceLimitError
        For sizes over the limits above.

    Notes
    -----
    The whole request is checked before the network is built; the limits are the
    module constants (see the module docstring). Direction: without
    ``network.directed`` the ties are read as directed, and ``attrs["notes"]`` says so.

    Examples
    --------
    >>> out = rank_influentials_from_dict({
    ...     "network": {"ties": [{"source": 1, "target": 2}], "directed": False},
    ...     "target": {"actors": [2]}, "k": 1, "band": None})
    >>> out["shortlist"][0]["actor"]
    1
    """
    if not isinstance(request, Mapping):
        msg = f"rank_influentials_from_dict needs a dict request; got {type(request).__name__}."
        raise InfnetTypeError(msg)
    for key in ("network", "target"):
        if key not in request:
            msg = f"rank_influentials_from_dict needs request[{key!r}]."
            raise InvalidParameterError(msg)
    _check_keys(request, ("network", "target", *_CALL_KEYS), "")
    _check_plain({k: v for k, v in request.items() if k != "network"}, "")
    if allow_paths is not None:
        base = Path(allow_paths).resolve()
        if not base.is_dir():
            msg = f"`allow_paths` of rank_influentials_from_dict must be a directory; got {str(allow_paths)!r}."
            raise InvalidParameterError(msg)
    else:
        base = None
    kwargs = {k: v for k, v in request.items() if k not in ("network", "target")}
    _check_sizes({**kwargs, "target": request["target"]})
    notes: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        # a service has no console: what would be a warning is returned in attrs
        warnings.simplefilter("always", InfnetWarning)
        network = _network(request["network"], base, notes)
        df = rank_influentials(network, request["target"], **kwargs)
    records = json.loads(df.to_json(orient="records"))
    attrs = _jsonable(df.attrs)
    attrs["notes"] = [*notes, *attrs.get("notes", [])]
    attrs["warnings"] = [str(w.message) for w in caught if issubclass(w.category, InfnetWarning)]
    return {
        "shortlist": [r for r in records if not r["excluded"]],
        "excluded": [r for r in records if r["excluded"]],
        "attrs": attrs,
    }
