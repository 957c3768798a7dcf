"""Hostile input to the facade, its option objects, targets, measures and the JSON form.

Each case is a call a person or a service might make; each must end in an
:class:`~infnet.InfnetError` whose message names what is wrong (parameter, key,
column or id), before any expensive work, or in the correct result.
"""

from __future__ import annotations

import json
import math
import time
from pathlib import Path

import numpy as np
import pytest

from infnet import (
    Cascade,
    Constraints,
    MicroBand,
    Target,
    Vetting,
    measures,
    rank_influentials,
    rank_influentials_from_dict,
)
from infnet.exceptions import (
    EmptyTargetError,
    InfnetError,
    InfnetTypeError,
    InvalidParameterError,
    MissingColumnError,
    ResourceLimitError,
    UnknownActorError,
)
from infnet.synthetic import barbell, business_network, star, toy_network

FINTECH = {"segments": ["fintech"]}

# (keyword, bad value, error type, text the message must contain)
FACADE_CASES = [
    ("k", 0, InvalidParameterError, "`k`"),
    ("k", -3, InvalidParameterError, "`k`"),
    ("k", 2.5, InfnetTypeError, "`k`"),
    ("k", True, InfnetTypeError, "`k`"),
    ("k", "10", InfnetTypeError, "`k`"),
    ("k", 10**12, InvalidParameterError, "`k`"),
    ("k", None, InfnetTypeError, "`k`"),
    ("hops", 4, InvalidParameterError, "`hops`"),
    ("hops", np.float64(2.0), InfnetTypeError, "`hops`"),
    ("kind", "externals", InvalidParameterError, "Did you mean 'external'"),
    ("kind", None, InvalidParameterError, "`kind`"),
    ("method", "complementary ", InvalidParameterError, "`method`"),
    ("method", True, InvalidParameterError, "`method`"),
    ("strategy", "experts", InvalidParameterError, "Did you mean 'expert'"),
    ("strategy", None, InfnetTypeError, "`strategy`"),
    # anything but a preset name must be a fitted strategy (fit_weights) or its plain form
    ("strategy", 3, InfnetTypeError, "`strategy`"),
    ("strategy", ["balanced"], InfnetTypeError, "`strategy`"),
    ("strategy", b"balanced", InfnetTypeError, "`strategy`"),
    ("strategy", len, InfnetTypeError, "`strategy`"),
    ("strategy", {}, InvalidParameterError, "needs 'weights'"),
    ("strategy", {"wieghts": {"direct_reach": 1.0}}, InvalidParameterError,
     "Did you mean 'weights'"),
    ("strategy", {"weights": {}}, InvalidParameterError, "strategy['weights']"),
    ("strategy", {"weights": [("direct_reach", 1.0)]}, InfnetTypeError, "strategy['weights']"),
    ("strategy", {"weights": {"direct_reach": -1.0}}, InvalidParameterError,
     "strategy['weights']['direct_reach']"),
    ("strategy", {"weights": {"direct_reach": math.nan}}, InvalidParameterError,
     "strategy['weights']['direct_reach']"),
    ("strategy", {"weights": {"direct_reach": "1"}}, InfnetTypeError,
     "strategy['weights']['direct_reach']"),
    ("strategy", {"weights": {"direct_reach": True}}, InfnetTypeError,
     "strategy['weights']['direct_reach']"),
    ("strategy", {"weights": {1: 1.0}}, InfnetTypeError, "keys must be feature names"),
    ("strategy", {"weights": {"reach_2hop": 1.0}}, InvalidParameterError, "renamed 'khop_reach'"),
    ("strategy", {"weights": {"segment": 1.0}}, InvalidParameterError, "'segment'"),
    ("strategy", {"strategy": "balanced", "weights": {"degree": 1.0}}, InvalidParameterError,
     "must be 'fitted'"),
    ("strategy", {"weights": {"degree": 1.0}, "normalization": "l2"}, InvalidParameterError,
     "strategy['normalization']"),
    ("strategy", {"weights": {"degree": 1.0}, "normalization": "minmax"}, InvalidParameterError,
     "fitted with normalization='minmax'"),
    ("strategy", {"weights": {"degree": 1.0}, "fallback": "no"}, InfnetTypeError,
     "strategy['fallback']"),
    ("strategy", {"weights": {"degree": 1.0}, "cv_score": math.inf}, InvalidParameterError,
     "strategy['cv_score']"),
    ("strategy", {"weights": {"degree": 1.0}, "baseline": "balance"}, InvalidParameterError,
     "Did you mean 'balanced'"),
    ("strategy", {"weights": {"degree": 1.0}, "features": "degree"}, InfnetTypeError,
     "strategy['features']"),
    ("strategy", {"weights": {"degree": 1.0}, "n_used": -1}, InvalidParameterError,
     "strategy['n_used']"),
    ("strategy", {"weights": {"degree": 1.0}, "preset_cv_scores": [0.5]}, InfnetTypeError,
     "preset_cv_scores"),
    ("strategy", {"weights": {"degree": 1.0}, "__class__": "x"}, InvalidParameterError,
     "Unknown key '__class__'"),
    ("normalization", "l2", InvalidParameterError, "`normalization`"),
    ("show_excluded", "some", InvalidParameterError, "`show_excluded`"),
    ("rng", -1, InvalidParameterError, "`rng`"),
    ("rng", "seed", InfnetTypeError, "`rng`"),
    ("rng", np.random.RandomState(0), InfnetTypeError, "RandomState"),
    ("weights", {}, InvalidParameterError, "`weights`"),
    ("weights", [("direct_reach", 1.0)], InfnetTypeError, "`weights`"),
    ("weights", {"direct_reach": -1.0}, InvalidParameterError, "weights['direct_reach']"),
    ("weights", {"direct_reach": math.nan}, InvalidParameterError, "weights['direct_reach']"),
    ("weights", {"direct_reach": math.inf}, InvalidParameterError, "weights['direct_reach']"),
    ("weights", {"direct_reach": "1"}, InfnetTypeError, "weights['direct_reach']"),
    ("weights", {"direct_reach": 0.0}, InvalidParameterError, "all be zero"),
    ("weights", {"reach_2hop": 1.0}, InvalidParameterError, "renamed 'khop_reach'"),
    ("weights", {"segment": 1.0}, InvalidParameterError, "'segment'"),
    ("weights", {"communities": 1.0}, InvalidParameterError, "cannot be a scoring feature"),
    ("weights", {"sponsored_share": 1.0}, InvalidParameterError, "'sponsored_share'"),
    ("weights", {1: 1.0}, InfnetTypeError, "keys must be feature names"),
    ("band", {"audience": (10, 1)}, InvalidParameterError, "low <= high"),
    ("band", {"audience": "wide"}, InvalidParameterError, "`audience`"),
    ("band", {"audience": (1, math.inf)}, InvalidParameterError, "audience[1]"),
    ("band", {"min_target_share": 1.5}, InvalidParameterError, "min_target_share"),
    ("band", {"scope": "internal"}, InvalidParameterError, "`scope`"),
    ("band", {"audiences": None}, InvalidParameterError, "Did you mean 'audience'"),
    ("band", "none", InfnetTypeError, "band"),
    ("exclude", {"competitor": ["Gamma"]}, InvalidParameterError, "Did you mean 'competitors'"),
    ("exclude", {"competitors": ["Gama"]}, InvalidParameterError, "Did you mean 'Gamma'"),
    ("exclude", {"actors": ["zed"]}, UnknownActorError, "'zed'"),
    ("exclude", {"actors": {"gil": 1}}, InfnetTypeError, "`actors`"),
    ("exclude", {"max_sponsored_share": 2}, InvalidParameterError, "max_sponsored_share"),
    ("exclude", {"where": "audience.__class__"}, InvalidParameterError, "expression"),
    ("exclude", {"predicate": 3}, InfnetTypeError, "predicate"),
    ("exclude", ["competitors"], InfnetTypeError, "`exclude`"),
    ("constraints", {"quota": {"internal": -1}}, InvalidParameterError, "quota['internal']"),
    ("constraints", {"quota": {"internal": 1.5}}, InfnetTypeError, "quota['internal']"),
    ("constraints", {"quota": {"internal": math.nan}}, InfnetTypeError, "quota['internal']"),
    ("constraints", {"quota": {"internal": True}}, InfnetTypeError, "quota['internal']"),
    ("constraints", {"quota": {}}, InvalidParameterError, "`quota`"),
    ("constraints", {"max_per_organisation": 0}, InvalidParameterError, "max_per_organisation"),
    ("constraints", {"max_per_organisation": "1"}, InfnetTypeError, "max_per_organisation"),
    ("constraints", {"budget": -1.0, "cost": "audience"}, InvalidParameterError, "`budget`"),
    ("constraints", {"budget": math.nan, "cost": "audience"}, InvalidParameterError, "`budget`"),
    ("constraints", {"budget": 3.0}, InvalidParameterError, "needs `cost`"),
    ("constraints", {"budget": 3.0, "cost": "price"}, InvalidParameterError, "'price'"),
    ("constraints", {"budget": 3.0, "cost": 7}, InfnetTypeError, "`cost`"),
    ("constraints", {"quotas": {}}, InvalidParameterError, "Did you mean 'quota'"),
    ("cascade", {"model": "linear_threshold"}, InvalidParameterError, "`model`"),
    ("cascade", {"n_sets": 10**10}, InvalidParameterError, "`n_sets`"),
    ("cascade", {"n_sets": 0}, InvalidParameterError, "`n_sets`"),
    ("cascade", {"n_sets": 1e4}, InfnetTypeError, "`n_sets`"),
    ("cascade", {"transmissibility": 0.0}, InvalidParameterError, "transmissibility"),
    ("cascade", {"epsilon": 0.0}, InvalidParameterError, "epsilon"),
    ("cascade", {"p": "0.1"}, InfnetTypeError, "`p`"),
]


@pytest.mark.parametrize(("key", "value", "error", "text"), FACADE_CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(FACADE_CASES)])
def test_facade_refuses_bad_keywords(toy, key, value, error, text):
    t0 = time.perf_counter()
    with pytest.raises(error) as info:
        rank_influentials(toy, FINTECH, **{"k": 3, key: value})
    assert text in str(info.value)
    assert time.perf_counter() - t0 < 5


def test_facade_refuses_an_unfitted_estimator_and_weights_with_a_fit(toy):
    from infnet import NotFittedError
    from infnet.fitting import WeightFitter

    with pytest.raises(NotFittedError, match="`strategy` of rank_influentials"):
        rank_influentials(toy, FINTECH, strategy=WeightFitter())
    with pytest.raises(InvalidParameterError, match="both a fitted `strategy` and `weights`"):
        rank_influentials(toy, FINTECH, strategy={"weights": {"degree": 1.0}},
                          weights={"degree": 1.0})


@pytest.mark.parametrize(
    ("network", "text"),
    [(None, "NoneType"), ("ties.csv", "read_network"), ([("a", "b")], "list"),
     ({"ties": []}, "dict"), (42, "int")],
)
def test_facade_refuses_non_networks(network, text):
    with pytest.raises(InfnetTypeError, match="`network` of rank_influentials") as info:
        rank_influentials(network, FINTECH)  # type: ignore[arg-type]
    assert text in str(info.value)


def test_facade_refuses_networkx_graph_with_a_hint(toy):
    with pytest.raises(InfnetTypeError, match="from_networkx"):
        rank_influentials(toy.to_networkx(), FINTECH)  # type: ignore[arg-type]


TARGET_CASES = [
    ({"segments": ["fintek"]}, InvalidParameterError, "fintech"),
    ({"segments": 5}, InfnetError, "segments"),
    ({"organisations": ["Nope"]}, InvalidParameterError, "Nope"),
    ({"actors": ["zed"]}, UnknownActorError, "'zed'"),
    ({"actors": [True]}, InfnetError, "True"),
    ({"where": "audience > 1e9"}, EmptyTargetError, "selects none"),
    ({"where": "__import__('os').system('true')"}, InvalidParameterError, "Target (where=)"),
    ({"where": "x" * 5000}, ResourceLimitError, "where"),
    ({"where": 3}, InfnetTypeError, "`where`"),
    ({"segments": ["fintech"], "values": {"gil": -1.0}}, InvalidParameterError, "'gil'"),
    ({"segments": ["fintech"], "values": {"gil": math.inf}}, InvalidParameterError, "'gil'"),
    ({"segments": ["fintech"], "values": {"gil": 1e308}}, InvalidParameterError, "'gil'"),
    ({"actors": ["gil"], "values": {"gil": 0.0}}, EmptyTargetError, "value 0"),
    ({"segment": ["fintech"]}, InvalidParameterError, "Did you mean 'segments'"),
    ({}, InvalidParameterError, "at least one"),
]


@pytest.mark.parametrize(("spec", "error", "text"), TARGET_CASES,
                         ids=[f"target-{i}" for i in range(len(TARGET_CASES))])
def test_targets_refused_with_names(toy, spec, error, text):
    with pytest.raises(error) as info:
        rank_influentials(toy, spec, k=2)
    assert text in str(info.value)


def test_huge_target_values_stay_finite(toy):
    """Values up to MAX_VALUE: expected reach and the complementary set stay finite."""
    target = {"segments": ["fintech"], "values": {"gil": 1e100}}
    df = rank_influentials(toy, target, k=2, method="complementary", band=None)
    assert math.isfinite(df.attrs["expected_reach"])
    assert np.isfinite(df["score"]).all()


def test_option_objects_validate_when_built():
    with pytest.raises(InvalidParameterError, match="quota"):
        Constraints(quota={"internal": -1})
    with pytest.raises(InvalidParameterError, match="audience"):
        MicroBand(audience=(5, 1))
    with pytest.raises(InvalidParameterError, match="n_sets"):
        Cascade(n_sets=10**12)
    with pytest.raises(InvalidParameterError, match="expression"):
        Vetting(where="lambda: 1")
    with pytest.raises(InfnetTypeError, match="where"):
        Target(where=["a"])  # type: ignore[arg-type]


MEASURE_CASES = [
    (["page_rank"], {}, InvalidParameterError, "Did you mean 'pagerank'"),
    (["pagerank"], {"dampng": 0.8}, InvalidParameterError, "accepted by none"),
    (["pagerank"], {"damping": 1.5}, InvalidParameterError, "`damping`"),
    (["pagerank"], {"damping": "0.85"}, InfnetTypeError, "`damping`"),
    (["pagerank"], {"tol": -1.0}, InvalidParameterError, "`tol`"),
    (["pagerank"], {"max_iter": 10.5}, InfnetTypeError, "`max_iter`"),
    (["katz_centrality"], {"alpha": 10.0}, InvalidParameterError, "alpha"),
    (["direct_reach"], {}, InvalidParameterError, "needs a target"),
    (["khop_reach"], {"hops": 9, "target": "fintech"}, InvalidParameterError, "`hops`"),
    (["degree"], {"weight": "nope"}, InvalidParameterError, "nope"),
    (["degree"], {"normalized": "yes"}, InfnetTypeError, "`normalized`"),
    (["sponsored_share"], {}, MissingColumnError, "sponsored_share"),
    ([3], {}, InvalidParameterError, "Unknown measure 3"),
]


@pytest.mark.parametrize(("names", "params", "error", "text"), MEASURE_CASES,
                         ids=[f"measures-{i}" for i in range(len(MEASURE_CASES))])
def test_measures_refused_with_names(toy, names, params, error, text):
    with pytest.raises(error) as info:
        measures(toy, names, **params)
    assert text in str(info.value)


@pytest.mark.parametrize(
    ("call", "text"),
    [(lambda: star(10**9), "n_leaves"), (lambda: barbell(10**6), "`m`"),
     (lambda: business_network(10**12), "n_actors"), (lambda: star(True), "n_leaves")],
)
def test_generators_refuse_huge_or_wrong_sizes(call, text):
    with pytest.raises(InfnetError, match=text):
        call()


# ------------------------------------------------------------------ the JSON form
def _request(net=None, **extra):
    net = toy_network() if net is None else net
    actors, ties = net.to_frames()
    request = {
        "network": {"ties": ties.to_dict(orient="records"),
                    "actors": actors.to_dict(orient="records"),
                    "directed": False, "focal_organisation": "Acme"},
        "target": FINTECH, "k": 3,
    }
    request.update(extra)
    return request


SERVICE_CASES = [
    ("request", [], InfnetTypeError, "dict request"),
    ("request", None, InfnetTypeError, "dict request"),
    ("request", "{}", InfnetTypeError, "dict request"),
    ("no-network", {"target": FINTECH}, InvalidParameterError, "request['network']"),
    ("no-target", {"network": {"ties": []}}, InvalidParameterError, "request['target']"),
    ("extra", {"kinds": "external"}, InvalidParameterError, "Did you mean 'kind'"),
    ("old-key", {"complementary": True}, InvalidParameterError, "'complementary'"),
    ("network-list", {"network": [1, 2]}, InfnetTypeError, "request['network']"),
    ("network-str", {"network": "ties.csv"}, InfnetTypeError, "request['network']"),
    ("network-none", {"network": None}, InfnetTypeError, "request['network']"),
    ("ties-path", {"network": {"ties": "/etc/passwd"}}, InfnetTypeError, "allow_paths"),
    ("ties-dict", {"network": {"ties": {"a": 1}}}, InfnetTypeError, "list of records"),
    ("ties-nested", {"network": {"ties": [{"source": [1], "target": 2}]}}, InfnetTypeError,
     "['source']"),
    ("network-key", {"network": {"ties": [], "edges": []}}, InvalidParameterError, "'edges'"),
    ("directed-str", {"network": {"ties": [{"source": 1, "target": 2}], "directed": "no"}},
     InfnetTypeError, "directed"),
    ("huge-k", {"k": 10**7}, ResourceLimitError, "request['k']"),
    ("huge-sets", {"cascade": {"n_sets": 10**9}}, ResourceLimitError, "n_sets"),
    ("huge-quota", {"constraints": {"quota": {"internal": 10**8}}}, ResourceLimitError,
     "constraints"),
    ("long-where", {"target": {"where": "a" * 100_000}}, ResourceLimitError, "where"),
    ("rce-where", {"exclude": {"where": "__import__('os').system('touch /tmp/pwned')"}},
     InvalidParameterError, "expression"),
    ("nan", {"k": math.nan}, InvalidParameterError, "finite"),
    ("deep", {"target": {"where": None, "values": {"a": {"b": {"c": {"d": {"e": {"f": {
        "g": {"h": {"i": 1}}}}}}}}}}}, ResourceLimitError, "nests deeper"),
    ("object", {"exclude": {"predicate": object()}}, InfnetTypeError, "JSON data"),
    ("strategy-list", {"strategy": ["balanced"]}, InfnetTypeError, "`strategy`"),
    ("strategy-number", {"strategy": 1}, InfnetTypeError, "`strategy`"),
    ("strategy-no-weights", {"strategy": {"features": ["degree"]}}, InvalidParameterError,
     "needs 'weights'"),
    ("strategy-bad-weight", {"strategy": {"weights": {"degree": -2}}}, InvalidParameterError,
     "strategy['weights']['degree']"),
    ("strategy-nan", {"strategy": {"weights": {"degree": math.nan}}}, InvalidParameterError,
     "finite"),
    ("strategy-deep", {"strategy": {"weights": {"degree": {"a": {"b": {"c": {"d": {"e": {
        "f": {"g": 1}}}}}}}}}}, ResourceLimitError, "nests deeper"),
    ("strategy-and-weights", {"strategy": {"weights": {"degree": 1.0}},
                              "weights": {"degree": 1.0}}, InvalidParameterError,
     "both a fitted `strategy` and `weights`"),
]


@pytest.mark.parametrize(("name", "change", "error", "text"), SERVICE_CASES,
                         ids=[c[0] for c in SERVICE_CASES])
def test_service_refuses_malformed_requests(name, change, error, text):
    if name == "request":
        request = change
    elif name in ("no-network", "no-target"):
        request = change
    else:
        request = {**_request(), **change}
        if "network" in change and isinstance(change["network"], dict):
            request["network"] = change["network"]
    t0 = time.perf_counter()
    with pytest.raises(error) as info:
        rank_influentials_from_dict(request)  # type: ignore[arg-type]
    assert text in str(info.value), str(info.value)
    assert time.perf_counter() - t0 < 5
    assert not Path("/tmp/pwned").exists()


def test_service_paths_only_under_allow_paths(tmp_path):
    from infnet import write_network

    write_network(toy_network(), tmp_path / "actors.csv", tmp_path / "ties.csv")
    request = {"network": {"ties": "ties.csv", "actors": "actors.csv"}, "target": FINTECH,
               "k": 2}
    out = rank_influentials_from_dict(request, allow_paths=tmp_path)
    assert len(out["shortlist"]) == 2
    for escape in ("../../etc/passwd", "/etc/passwd", str(tmp_path / ".." / "x.csv")):
        with pytest.raises(InfnetError, match="outside the allowed directory|no regular file"):
            rank_influentials_from_dict(
                {**request, "network": {"ties": escape}}, allow_paths=tmp_path)
    with pytest.raises(InfnetError, match="no regular file"):
        rank_influentials_from_dict({**request, "network": {"ties": "."}}, allow_paths=tmp_path)
    with pytest.raises(InvalidParameterError, match="allow_paths"):
        rank_influentials_from_dict(request, allow_paths=tmp_path / "missing")


def test_service_reports_assumed_direction_and_warnings():
    request = _request()
    del request["network"]["directed"]
    out = rank_influentials_from_dict(request)
    assert any("no 'directed'" in n for n in out["attrs"]["notes"])
    json.dumps(out)
    plain = rank_influentials_from_dict({
        "network": {"ties": [{"source": 1, "target": 2}, {"source": 2, "target": 3}],
                    "directed": True},
        "target": {"actors": [3]}, "k": 1, "band": None,
    })
    assert any("warm_path" in w for w in plain["attrs"]["warnings"])
