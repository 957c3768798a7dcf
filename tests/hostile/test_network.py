"""Hostile input for the graph core, `infnet.Network`: one case per bad-input class.

Each case asserts the typed error (an `InfnetError` subclass; `AttributeError` for
writes to a read-only network) and that the message names what is wrong (parameter,
column, row or id), or the correct result. Networks are tiny; nothing here is slow.
The caller's frames are checked to be unchanged where a builder refuses them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from scipy import sparse

import infnet.network
from infnet import Network
from infnet.exceptions import (
    InfnetError,
    InfnetTypeError,
    InfnetWarning,
    InvalidNetworkError,
    InvalidParameterError,
    MissingColumnError,
    ResourceLimitError,
    UnknownActorError,
)
from infnet.synthetic import toy_network
from infnet.ties import StrengthModel

TIES = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "strength": [0.5, 0.25]})
INT_ACTORS = pd.DataFrame({"id": [0, 1, 2]})


def refuses(
    call: Callable[[], object], error: type[BaseException], *patterns: str, frames: tuple[pd.DataFrame, ...] = ()
) -> str:
    """Assert `call` raises `error` whose message matches every regex; frames unchanged."""
    before = [f.copy(deep=True) for f in frames]
    with pytest.raises(error) as info:
        call()
    msg = str(info.value)
    for p in patterns:
        assert re.search(p, msg), f"{p!r} not in {msg!r}"
    for f, b in zip(frames, before, strict=True):
        pd.testing.assert_frame_equal(f, b)
    return msg


# ---------------------------------------------------------------------- flags coerced silently
@pytest.mark.parametrize("bad", ["no", "false", 0, 1, None, "True", [True]])
def test_directed_must_be_a_real_bool(bad: Any) -> None:
    refuses(lambda: Network.from_frames(None, TIES, directed=bad), InfnetTypeError,
            r"`directed` of Network\.from_frames must be True or False", re.escape(repr(bad)))
    refuses(lambda: Network.from_edges([("a", "b")], directed=bad), InfnetTypeError, r"`directed`")
    m = sparse.csr_array(np.array([[0, 0.5], [0.5, 0]]))
    refuses(lambda: Network.from_csr(m, directed=bad), InfnetTypeError,
            r"`directed` of Network\.from_csr")
    refuses(lambda: Network.from_networkx(nx.Graph([(1, 2)]), directed=bad), InfnetTypeError,
            r"`directed`")


def test_directed_no_does_not_mean_directed() -> None:
    # before: bool("no") is True, so the network silently came out directed
    with pytest.raises(InfnetTypeError):
        Network.from_frames(None, TIES, directed="no")  # type: ignore[arg-type]
    assert not Network.from_frames(None, TIES, directed=False).directed


@pytest.mark.parametrize("bad", ["0.5", True, np.nan, 0.0, 1.5, None])
def test_strong_threshold_is_float_checked(bad: Any) -> None:
    error = InfnetTypeError if isinstance(bad, (str, bool)) or bad is None else InvalidParameterError
    refuses(lambda: Network.from_frames(None, TIES, strong_threshold=bad), error, "`strong_threshold`")
    if bad is not None:  # None means "the network's threshold"
        refuses(lambda: toy_network().strong(bad), error, r"`threshold` of Network\.strong")


# ---------------------------------------------------------------------- ids
def test_true_id_does_not_match_actor_one() -> None:
    ties = pd.DataFrame({"source": pd.Series([True, 2], dtype=object), "target": [2, 0]})
    refuses(lambda: Network.from_frames(INT_ACTORS, ties), InvalidNetworkError,
            r"ties column 'source' holds booleans", r"rows 0 \(1 in all\)", "True == 1",
            frames=(INT_ACTORS, ties))


def test_boolean_id_columns_are_refused() -> None:
    ties = pd.DataFrame({"source": [True, False], "target": [False, True]})
    refuses(lambda: Network.from_frames(None, ties), InvalidNetworkError,
            r"ties column 'source' holds booleans", r"rows 0, 1")
    actors = pd.DataFrame({"id": [True, False]})
    refuses(lambda: Network.from_frames(actors, ties.iloc[:0]), InvalidNetworkError,
            r"actors column 'id' holds booleans")
    refuses(lambda: Network.from_csr(sparse.csr_array((2, 2)), [True, False]), InvalidNetworkError,
            r"actors ids holds booleans")


@pytest.mark.parametrize("bad", [True, np.bool_(False), [True], np.nan, None, [1, np.nan]])
def test_index_of_refuses_bools_and_missing(bad: Any) -> None:
    net = Network.from_frames(INT_ACTORS, pd.DataFrame({"source": [0], "target": [1]}))
    refuses(lambda: net.index_of(bad), UnknownActorError, r"`ids` of Network\.index_of",
            "booleans and missing values")


@pytest.mark.parametrize(
    ("bad", "kind"),
    [(["x"], "list"), ({"k": 1}, "dict"), ({1, 2}, "set"), (np.array([1, 2]), "ndarray")],
    ids=["list", "dict", "set", "array"],
)
def test_unhashable_ids_are_refused_everywhere(bad: Any, kind: str) -> None:
    ties = pd.DataFrame({"source": pd.Series(["a", bad], dtype=object), "target": ["b", "a"]})
    refuses(lambda: Network.from_frames(None, ties), InvalidNetworkError,
            rf"ties column 'source' holds values that cannot be actor ids \({kind}", r"rows 1 \(1 in all\)",
            frames=(ties,))
    swapped = ties.rename(columns={"source": "target", "target": "source"})
    refuses(lambda: Network.from_frames(None, swapped), InvalidNetworkError, r"ties column 'target'")
    actors = pd.DataFrame({"id": pd.Series(["a", bad], dtype=object)})
    refuses(lambda: Network.from_frames(actors, TIES.iloc[:0]), InvalidNetworkError,
            rf"actors column 'id' holds values that cannot be actor ids \({kind}", frames=(actors,))
    refuses(lambda: Network.from_csr(sparse.csr_array((2, 2)), ["a", bad]), InvalidNetworkError,
            rf"actors holds values that cannot be actor ids \({kind}")
    net = Network.from_frames(None, TIES)
    refuses(lambda: net.index_of(["a", bad]), InfnetTypeError, rf"holds a {kind}", "positions 1")


@pytest.mark.parametrize("container", [{"a", "b"}, {"a": 1}, frozenset(["a"])], ids=["set", "dict", "frozenset"])
def test_index_of_refuses_unordered_containers(container: Any) -> None:
    refuses(lambda: Network.from_frames(None, TIES).index_of(container), InfnetTypeError,
            "has no order", type(container).__name__)


def test_missing_ids_name_column_and_rows() -> None:
    ties = pd.DataFrame({"source": ["a", None, pd.NA], "target": ["b", "c", "a"]})
    refuses(lambda: Network.from_frames(None, ties), InvalidNetworkError,
            r"ties column 'source' has missing actor ids in rows 1, 2")
    actors = pd.DataFrame({"id": ["a", np.nan]})
    refuses(lambda: Network.from_frames(actors, TIES.iloc[:0]), InvalidNetworkError,
            r"actors has missing actor ids .* column 'id', rows 1")


def test_index_ids_are_checked_like_columns() -> None:
    actors = pd.DataFrame({"x": [1, 2]}, index=pd.Index([True, False]))
    refuses(lambda: Network.from_frames(actors, TIES.iloc[:0], actor_id=None), InvalidNetworkError,
            "holds booleans")


# ---------------------------------------------------------------------- strengths
@pytest.mark.parametrize(
    ("values", "pattern"),
    [
        ([0.5 + 0.5j, 0.25 + 0j], "complex numbers"),
        (np.array([0.5, 0.25], dtype=np.complex64), "complex numbers"),
        (pd.Series([0.5 + 1j, 0.2], dtype=object), "complex numbers"),
        ([True, True], "booleans"),
        (pd.array([True, False], dtype="boolean"), "booleans"),
        (["0.5", "0.25"], "non-numeric"),
        (pd.Series([0.5, "x"], dtype=object), "non-numeric"),
        (pd.to_datetime(["2024-01-01", "2024-01-02"]), "non-numeric"),
    ],
    ids=["complex", "complex64", "complex-object", "bool", "nullable-bool", "str", "mixed", "datetime"],
)
def test_strength_must_be_real_numbers(values: Any, pattern: str) -> None:
    ties = TIES.assign(strength=values)
    msg = refuses(lambda: Network.from_frames(None, ties), InvalidNetworkError,
                  r"ties column 'strength' \(strength\) must be numeric", pattern, frames=(ties,))
    assert "rows 0" in msg or "rows 1" in msg


@pytest.mark.parametrize(
    ("value", "label"),
    [(5e-309, r"1 in \(0, 1e-12\)"), (1e-13, r"1 in \(0, 1e-12\)"), (0.0, "1 zero"), (-1e-300, "1 negative"),
     (np.inf, "1 infinite"), (np.nan, "1 NaN"), (1.0 + 1e-15, "1 above 1")],
)
def test_strength_range_names_rule_and_tie(value: float, label: str) -> None:
    ties = TIES.assign(strength=[0.5, value])
    refuses(lambda: Network.from_frames(None, ties), InvalidNetworkError,
            r"'strength' \(strength\) must hold values in \(0, 1\], at least MIN_STRENGTH = 1e-12",
            label, r"\('b', 'c', ")


def test_smallest_strength_is_accepted_and_pagerank_works() -> None:
    from infnet.algorithms.centrality import pagerank

    net = Network.from_frames(None, TIES.assign(strength=[0.5, 1e-12]))
    pr = pagerank(net)
    assert np.isfinite(pr).all()
    assert pr.sum() == pytest.approx(1.0)


def test_complex_matrix_refused_by_from_csr() -> None:
    m = sparse.csr_array(np.array([[0, 0.5 + 0.1j], [0, 0]]))
    refuses(lambda: Network.from_csr(m), InvalidNetworkError, r"`matrix` of Network\.from_csr", "complex128",
            "imaginary part")
    tiny = sparse.csr_array(np.array([[0, 5e-309], [0, 0]]))
    refuses(lambda: Network.from_csr(tiny, ["x", "y"]), InvalidNetworkError,
            r"values of 'matrix' \(strength\)", r"\('x', 'y', 5e-309\)")


def test_complex_strength_from_edges() -> None:
    refuses(lambda: Network.from_edges([("a", "b", 0.5 + 1j)]), InvalidNetworkError, "complex")


class _Garbage(StrengthModel):
    def __init__(self, out: Any) -> None:
        self.out = out

    def compute(self, columns: Any, src: Any, dst: Any, *, n_actors: int, directed: bool) -> Any:
        return self.out


@pytest.mark.parametrize(
    ("out", "pattern"),
    [(np.array([np.nan, 0.5]), "1 NaN"), (np.array([2.0, 0.5]), "1 above 1"), (np.array([0.5]), "shape"),
     (np.array([1e-300, 0.5]), r"in \(0, 1e-12\)"), (np.array([0.5 + 1j, 0.5]), "complex")],
)
def test_strength_model_output_is_checked(out: Any, pattern: str) -> None:
    ties = TIES.drop(columns="strength")
    refuses(lambda: Network.from_frames(None, ties, strength=_Garbage(out)), InvalidNetworkError,
            "_Garbage", pattern)


# ---------------------------------------------------------------------- headers
@pytest.mark.parametrize("header", [" strength", "Strength", "strength ", "STRENGTH", "\tStrength"])
def test_strength_header_variant_is_not_silently_ignored(header: str) -> None:
    ties = TIES.rename(columns={"strength": header})
    refuses(lambda: Network.from_frames(None, ties), MissingColumnError,
            re.escape(f"Did you mean {header!r}"), "strength 1.0", frames=(ties,))


@pytest.mark.parametrize(
    ("param", "header", "kwargs"),
    [("source", " Source", {}), ("target", "TARGET", {}), ("strength", "Weight ", {"strength": "weight"})],
)
def test_endpoint_header_variants_are_suggested(param: str, header: str, kwargs: dict[str, Any]) -> None:
    ties = pd.DataFrame({"source": ["a"], "target": ["b"], "weight": [0.3]}).rename(
        columns={param if param != "strength" else "weight": header}
    )
    refuses(lambda: Network.from_frames(None, ties, **kwargs), MissingColumnError,
            rf"the {param}= column", re.escape(f"Did you mean {header!r}"), "differ only in case")


@pytest.mark.parametrize("header", [" id", "ID", "Id "])
def test_actor_id_header_variants_are_suggested(header: str) -> None:
    actors = pd.DataFrame({header: ["a", "b", "c"]})
    refuses(lambda: Network.from_frames(actors, TIES), MissingColumnError,
            r"the actor_id= column", re.escape(f"Did you mean {header!r}"))


def test_strength_column_beside_another_named_strength() -> None:
    ties = TIES.assign(w=[0.1, 0.2])
    refuses(lambda: Network.from_frames(None, ties, strength="w"), InvalidNetworkError,
            "has a column 'strength'", "strength='w'")


# ---------------------------------------------------------------------- duplicate column names
@pytest.mark.parametrize("frame", ["ties", "actors"])
def test_duplicate_column_names(frame: str) -> None:
    if frame == "ties":
        ties = pd.DataFrame([["a", "b", 0.5, 0.7]], columns=["source", "target", "strength", "strength"])
        refuses(lambda: Network.from_frames(None, ties), InvalidNetworkError,
                r"ties has duplicate column names 'strength'")
        both = pd.DataFrame([["a", "b", 1, 2]], columns=["source", "target", 1, "1"])
        refuses(lambda: Network.from_frames(None, both), InvalidNetworkError, r"duplicate column names '1'")
    else:
        actors = pd.DataFrame([["a", 1, 2], ["b", 3, 4], ["c", 5, 6]], columns=["id", "x", "x"])
        refuses(lambda: Network.from_frames(actors, TIES), InvalidNetworkError,
                r"actors has duplicate column names 'x'")
        refuses(lambda: Network.from_csr(sparse.csr_array((3, 3)), actors.set_index("id")),
                InvalidNetworkError, r"actors has duplicate column names 'x'")


# ---------------------------------------------------------------------- builders given wrong types
@pytest.mark.parametrize(
    ("call", "pattern"),
    [
        (lambda: Network.from_frames(None, [("a", "b")]), r"`ties` of Network\.from_frames"),
        (lambda: Network.from_frames("actors.csv", TIES), r"`actors` of Network\.from_frames"),
        (lambda: Network.from_frames(None, TIES, source=0), r"`source` of Network\.from_frames"),
        (lambda: Network.from_frames(None, TIES, target=["target"]), r"`target` of Network\.from_frames"),
        (lambda: Network.from_frames(INT_ACTORS, TIES, actor_id=1), r"`actor_id` of Network\.from_frames"),
        (lambda: Network.from_frames(None, TIES, strength=0.5), r"`strength` of Network\.from_frames"),
        (lambda: Network.from_frames(None, TIES, focal_organisation=["Acme"]), r"`focal_organisation`"),
        (lambda: Network.from_frames(None, TIES, focal_organisation=True), r"`focal_organisation`"),
        (lambda: Network.from_edges(5), r"`edges` of Network\.from_edges"),
        (lambda: Network.from_edges("ab"), r"`edges` of Network\.from_edges.*got str"),
        (lambda: Network.from_edges(TIES), r"Use Network\.from_frames"),
        (lambda: Network.from_edges({"a": "b"}), r"`edges` of Network\.from_edges.*dict"),
        (lambda: Network.from_edges([("a", "b"), 7]), r"item 1 is int 7"),
        (lambda: Network.from_csr(np.eye(2)), r"`matrix` of Network\.from_csr must be a scipy sparse"),
        (lambda: Network.from_csr(sparse.csr_array((2, 2)), "ab"), r"`actors` of Network\.from_csr"),
        (lambda: Network.from_csr(sparse.csr_array((2, 2)), {"a", "b"}), r"`actors` of Network\.from_csr"),
        (lambda: Network.from_csr(sparse.csr_array((2, 2)), 5), r"`actors` of Network\.from_csr"),
        (lambda: Network.from_networkx({"a": ["b"]}), r"`graph` of Network\.from_networkx"),
        (lambda: Network.from_igraph(None), r"`graph` of Network\.from_igraph"),
        (lambda: Network.from_frames(None, TIES, duplicates=True), r"`duplicates`"),
    ],
    ids=[
        "ties-list", "actors-str", "source-int", "target-list", "actor_id-int", "strength-float",
        "focal-list", "focal-bool", "edges-int", "edges-str", "edges-frame", "edges-dict", "edge-int",
        "csr-dense", "csr-actors-str", "csr-actors-set", "csr-actors-int", "networkx-dict",
        "igraph-none", "duplicates-bool",
    ],
)
def test_builders_given_wrong_types(call: Callable[[], object], pattern: str) -> None:
    with pytest.raises(InfnetError) as info:
        call()
    assert re.search(pattern, str(info.value)), str(info.value)


def test_edges_of_mixed_lengths() -> None:
    refuses(lambda: Network.from_edges([("a", "b"), ("b", "c", 0.5)]), InvalidNetworkError, r"lengths \[2, 3\]")


def test_igraph_actor_id_type() -> None:
    import igraph as ig

    refuses(lambda: Network.from_igraph(ig.Graph(n=2), actor_id=0), InfnetTypeError, "`actor_id`")


# ---------------------------------------------------------------------- accessors given wrong types
@pytest.mark.parametrize(
    ("call", "error", "pattern"),
    [
        (lambda n: n.attribute(["segment"]), InfnetTypeError, r"`name` of Network\.attribute"),
        (lambda n: n.codes(None), InfnetTypeError, r"`name` of Network\.attribute"),
        (lambda n: n.has_attribute(1), InfnetTypeError, r"`name` of Network\.has_attribute"),
        (lambda n: n.tie_attribute({"a": 1}), InfnetTypeError, r"`name` of Network\.tie_attribute"),
        (lambda n: n.matrix(3), InfnetTypeError, r"`weight` of Network\.matrix"),
        (lambda n: n.in_matrix(["strength"]), InfnetTypeError, r"`weight` of Network\.matrix"),
        (lambda n: n.to_series(np.zeros(10), name=["x"]), InfnetTypeError, r"`name` of Network\.to_series"),
        (lambda n: n.to_series(np.zeros(3)), InvalidParameterError, r"shape \(10,\)"),
        (lambda n: n.strong("0.5"), InfnetTypeError, r"`threshold` of Network\.strong"),
        (lambda n: n.attribute("Segment"), InvalidParameterError, "Did you mean 'segment'"),
        (lambda n: n.with_options(strong_threshold=2), InvalidParameterError, "`strong_threshold`"),
        (lambda n: n.to_frames(actor_id=["id"]), InfnetTypeError, r"`actor_id` of Network\.to_frames"),
        (lambda n: n.to_frames(source=None), InfnetTypeError, r"`source` of Network\.to_frames"),
        (lambda n: n.to_igraph(actor_id=0), InfnetTypeError, r"`actor_id` of Network\.to_igraph"),
    ],
)
def test_accessors_given_wrong_types(call: Callable[[Network], object], error: type[Exception], pattern: str) -> None:
    net = toy_network()
    refuses(lambda: call(net), error, pattern)


# ---------------------------------------------------------------------- weights
@pytest.mark.parametrize(
    ("values", "pattern"),
    [
        ([1e308, 1.0], r"'w' must be finite and > 0, and at most 1e\+100.*\('a', 'b', 1e\+308\)"),
        ([np.inf, 1.0], r"'w' must be finite"),
        ([np.nan, 1.0], r"'w' must be finite"),
        ([0.0, 1.0], r"'w' must be finite and > 0"),
        ([-2.0, 1.0], r"'w' must be finite and > 0"),
        ([1 + 1j, 1.0], r"'w' is not numeric"),
        ([True, False], r"'w' is not numeric"),
        (["1", "2"], r"'w' is not numeric"),
    ],
    ids=["huge", "inf", "nan", "zero", "negative", "complex", "bool", "str"],
)
def test_weight_attributes(values: list[Any], pattern: str) -> None:
    net = Network.from_frames(None, TIES.assign(w=values))
    refuses(lambda: net.matrix("w"), InvalidParameterError, pattern)
    refuses(lambda: net.in_matrix("w"), InvalidParameterError, pattern)


def test_largest_weight_is_accepted() -> None:
    net = Network.from_frames(None, TIES.assign(w=[1e100, 1.0]))
    assert net.matrix("w").data.max() == 1e100


# ---------------------------------------------------------------------- immutability
@pytest.mark.parametrize(
    ("name", "value"),
    [("directed", True), ("focal_organisation", "Beta"), ("strong_threshold", 0.1), ("actors", None),
     ("n_actors", 3), ("new_attribute", 1)],
)
def test_network_is_read_only(name: str, value: Any) -> None:
    net = toy_network()
    refuses(lambda: setattr(net, name, value), AttributeError, rf"Network\.{name} cannot be set", "immutable")
    assert not net.directed
    assert net.strong_threshold == 0.5
    assert net.focal_organisation == "Acme"


def test_actor_frame_writes_do_nothing_to_the_network() -> None:
    net = toy_network()
    frame = net.actors
    frame["kind"] = "external"
    frame.loc["ana", "segment"] = "hacked"
    if int(pd.__version__.split(".")[0]) >= 3:  # pandas itself says the write goes nowhere
        with pytest.warns(pd.errors.ChainedAssignmentError):
            net.actors["kind"] = "external"
    assert net.attribute("kind")[0] == "internal"
    assert net.attribute("segment")[0] != "hacked"


def test_read_only_arrays() -> None:
    net = toy_network()
    with pytest.raises(ValueError, match="read-only"):
        net.strength.data[0] = 0.0
    with pytest.raises(ValueError, match="read-only"):
        net.canonical_order()[0] = 3


# ---------------------------------------------------------------------- huge sizes
def test_memory_error_names_what_was_built(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: Any, **kwargs: Any) -> Any:
        raise MemoryError

    monkeypatch.setattr(infnet.network, "_factorize_endpoints", boom)
    refuses(lambda: Network.from_frames(None, TIES), ResourceLimitError,
            r"Network\.from_frames ran out of memory building a network of 2 tie rows")
    refuses(lambda: Network.from_edges([("a", "b")]), ResourceLimitError, "1 tie rows")
    monkeypatch.setattr(infnet.network, "_finish_actors", boom)
    m = sparse.csr_array(np.array([[0, 0.5], [0, 0]]))
    refuses(lambda: Network.from_csr(m), ResourceLimitError,
            r"Network\.from_csr ran out of memory building a network of 2 actors and 1 stored ties")


# ---------------------------------------------------------------------- strength models given bad input
@pytest.mark.parametrize(
    ("counts", "kwargs", "error", "pattern"),
    [
        ([True, True], {}, InvalidNetworkError, r"'n' \(interaction count\).*booleans"),
        ([1 + 2j, 1 + 0j], {}, InvalidNetworkError, r"'n' \(interaction count\).*complex"),
        ([1, 2], {"last_contact": "when"}, InvalidNetworkError, r"'when' \(last contact\) must hold dates"),
    ],
    ids=["bool-counts", "complex-counts", "bad-dates"],
)
def test_from_interactions_refuses_bad_columns(
    counts: list[Any], kwargs: dict[str, Any], error: type[Exception], pattern: str
) -> None:
    from infnet.ties import FromInteractions

    ties = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "n": counts, "when": ["2024-01-01", "x"]})
    refuses(lambda: Network.from_frames(None, ties, strength=FromInteractions(count="n", **kwargs)), error, pattern,
            frames=(ties,))


@pytest.mark.parametrize(("header", "known"), [(" kind", "kind"), ("Audience", "audience"), ("is customer", "is_customer")])
def test_known_attribute_header_variants_are_reported(header: str, known: str) -> None:
    actors = pd.DataFrame({"id": ["a", "b", "c"], header: ["external", "internal", "external"]})
    with pytest.warns(InfnetWarning, match=rf"{re.escape(repr(header))} is not the known attribute '{known}'"):
        net = Network.from_frames(actors, TIES)
    assert net.has_attribute(header)
    assert not net.has_attribute(known)
