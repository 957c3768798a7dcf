"""Bad input gets a clear, typed error naming the column or the ids (issue 2, item 5),
and the private validation helpers behave as documented."""

from __future__ import annotations

import re
from typing import Any

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest

from infnet import (
    InfnetError,
    InfnetTypeError,
    InvalidNetworkError,
    InvalidParameterError,
    Network,
    NotFittedError,
    UnknownActorError,
)
from infnet._validation import (
    check_columns,
    check_float,
    check_int,
    check_is_fitted,
    check_option,
    check_rng,
    closest,
    format_ids,
)
from infnet.exceptions import MissingColumnError

ACTORS = pd.DataFrame({"id": ["a", "b", "c"], "organisation": ["Acme", "Beta", "Beta"]})
TIES = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "strength": [0.5, 0.9]})


def unchanged_after(call: Any, *frames: pd.DataFrame) -> None:
    """Run `call` (expected to raise) and check it left every frame as it was."""
    before = [f.copy(deep=True) for f in frames]
    try:
        call()
    finally:
        for f, b in zip(frames, before, strict=True):
            pd.testing.assert_frame_equal(f, b)


# ---------------------------------------------------------------------- columns
class TestColumns:
    @pytest.mark.parametrize(
        ("ties_columns", "kwargs", "missing", "suggestion"),
        [
            (["src", "target"], {}, "source", "src"),
            (["source", "tgt"], {}, "target", None),
            (["Source", "target"], {}, "source", "Source"),
            (["source", "target", "strenght"], {"strength": "strength"}, "strength", "strenght"),
            (["from", "to"], {"source": "frm", "target": "to"}, "frm", "from"),
        ],
    )
    def test_missing_tie_column_suggests_closest(
        self, ties_columns: list[str], kwargs: dict[str, Any], missing: str, suggestion: str | None
    ) -> None:
        ties = pd.DataFrame({c: ["a"] for c in ties_columns})
        with pytest.raises(MissingColumnError) as info:
            unchanged_after(lambda: Network.from_frames(None, ties, **kwargs), ties)
        msg = str(info.value)
        assert f"no column {missing!r}" in msg
        assert "Columns present" in msg
        if suggestion is not None:
            assert f"Did you mean {suggestion!r}?" in msg

    def test_missing_actor_id_column(self) -> None:
        actors = ACTORS.rename(columns={"id": "ID"})
        with pytest.raises(MissingColumnError, match=r"actors has no column 'id' .*Did you mean 'ID'\?"):
            unchanged_after(lambda: Network.from_frames(actors, TIES), actors, TIES)

    def test_missing_column_is_a_value_error(self) -> None:
        with pytest.raises(ValueError, match="source"):
            Network.from_frames(None, pd.DataFrame({"a": [1], "target": [2]}))


# ---------------------------------------------------------------------- strengths
class TestStrengths:
    @pytest.mark.parametrize(
        ("value", "label"),
        [(np.nan, "1 NaN"), (np.inf, "1 infinite"), (-0.5, "1 negative"), (0.0, "1 zero"), (1.5, "1 above 1")],
    )
    def test_bad_strength_names_column_kind_and_tie(self, value: float, label: str) -> None:
        ties = pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "a"], "w": [0.5, value, 1.0]})
        with pytest.raises(InvalidNetworkError) as info:
            unchanged_after(lambda: Network.from_frames(None, ties, strength="w"), ties)
        msg = str(info.value)
        assert "ties column 'w' (strength) must hold values in (0, 1]" in msg
        assert label in msg
        assert "('b', 'c'," in msg

    def test_many_bad_strengths_show_five_and_count(self) -> None:
        n = 12
        ties = pd.DataFrame({"source": range(n), "target": range(1, n + 1), "strength": np.linspace(1.1, 3, n)})
        with pytest.raises(InvalidNetworkError, match=r"12 do not \(12 above 1\).*\(12 in all\)") as info:
            Network.from_frames(None, ties)
        msg = str(info.value)
        assert "(0, 1, 1.1)" in msg
        assert "(4, 5," in msg
        assert "(5, 6," not in msg
        assert "np.int64" not in msg  # ids shown as the caller wrote them

    def test_non_numeric_strength(self) -> None:
        ties = TIES.assign(strength=["high", "low"])
        with pytest.raises(InvalidNetworkError, match="'strength' \\(strength\\) must be numeric"):
            Network.from_frames(None, ties)

    def test_nullable_missing_strength(self) -> None:
        ties = TIES.assign(strength=pd.array([0.5, None], dtype="Float64"))
        with pytest.raises(InvalidNetworkError, match="1 NaN"):
            Network.from_frames(None, ties)

    def test_wrong_strength_type(self) -> None:
        with pytest.raises(InfnetTypeError, match=r"`strength` of Network\.from_frames") as info:
            Network.from_frames(None, TIES, strength=0.5)  # type: ignore[arg-type]
        assert isinstance(info.value, TypeError)


# ---------------------------------------------------------------------- ids
class TestIds:
    def test_unknown_actors_first_five_and_count(self) -> None:
        ties = pd.DataFrame({"source": ["a"] * 8, "target": [f"x{i}" for i in range(7)] + ["b"]})
        with pytest.raises(UnknownActorError) as info:
            unchanged_after(lambda: Network.from_frames(ACTORS, ties), ACTORS, ties)
        msg = str(info.value)
        assert "ties column 'target' names 7 unknown actors" in msg
        assert "'x0', 'x1', 'x2', 'x3', 'x4', ... (7 in all)" in msg
        assert "'x5'" not in msg
        assert isinstance(info.value, InvalidNetworkError)

    def test_unknown_source_actor(self) -> None:
        ties = pd.DataFrame({"source": ["zed"], "target": ["a"]})
        with pytest.raises(UnknownActorError, match=r"ties column 'source' names 1 unknown actors: 'zed' \(1 in all\)"):
            Network.from_frames(ACTORS, ties)

    def test_id_type_mismatch_hint(self) -> None:
        actors = pd.DataFrame({"id": [1, 2]})
        ties = pd.DataFrame({"source": ["1"], "target": ["2"]})
        with pytest.raises(UnknownActorError, match="ids there are str but actor ids are int"):
            Network.from_frames(actors, ties)

    def test_duplicate_actor_ids(self) -> None:
        actors = pd.DataFrame({"id": ["a", "b", "a", "c", "c"]})
        with pytest.raises(InvalidNetworkError, match=r"duplicate actor ids: 'a', 'c' \(2 in all\)"):
            unchanged_after(lambda: Network.from_frames(actors, TIES), actors, TIES)

    @pytest.mark.parametrize(
        ("actors", "ties", "frame"),
        [
            (pd.DataFrame({"id": [1, "a"]}), pd.DataFrame({"source": [1], "target": ["a"]}), "actors"),
            (None, pd.DataFrame({"source": [1, "a"], "target": ["b", 2]}), "ties"),
            (None, pd.DataFrame({"source": [1.5, 2], "target": ["x", "y"]}), "ties"),
        ],
    )
    def test_mixed_id_types(self, actors: pd.DataFrame | None, ties: pd.DataFrame, frame: str) -> None:
        with pytest.raises(InvalidNetworkError, match=rf"{frame} has actor ids of mixed types \(.*str.*\)"):
            Network.from_frames(actors, ties)

    def test_missing_ids(self) -> None:
        with pytest.raises(InvalidNetworkError, match=r"ties column 'target' has missing actor ids in rows 1"):
            Network.from_frames(None, pd.DataFrame({"source": ["a", "b"], "target": ["b", None]}))
        with pytest.raises(InvalidNetworkError, match="actors has missing actor ids"):
            Network.from_frames(pd.DataFrame({"id": ["a", None]}), TIES.iloc[:0])

    @pytest.mark.parametrize(
        "actors", [None, pd.DataFrame({"id": pd.Series([], dtype=object)})], ids=["no-actors", "empty-actors"]
    )
    def test_empty_network(self, actors: pd.DataFrame | None) -> None:
        ties = pd.DataFrame({"source": pd.Series([], dtype=object), "target": pd.Series([], dtype=object)})
        with pytest.raises(InvalidNetworkError, match="the network is empty"):
            Network.from_frames(actors, ties)
        with pytest.raises(InvalidNetworkError, match="empty"):
            Network.from_networkx(nx.Graph())
        with pytest.raises(InvalidNetworkError, match="empty"):
            Network.from_igraph(ig.Graph())

    def test_actors_without_ties_are_fine(self) -> None:
        net = Network.from_frames(ACTORS, TIES.iloc[:0])
        assert net.n_actors == 3
        assert net.n_ties == 0


# ---------------------------------------------------------------------- duplicates and self-ties
class TestPolicies:
    def test_duplicate_ties_raise_names_pairs(self) -> None:
        ties = pd.DataFrame({"source": ["a", "a", "b", "b"], "target": ["b", "b", "c", "c"]})
        with pytest.raises(InvalidNetworkError) as info:
            unchanged_after(lambda: Network.from_frames(None, ties), ties)
        msg = str(info.value)
        assert "2 ordered pairs named more than once" in msg
        assert "('a', 'b'), ('b', 'c') (2 in all)" in msg
        assert "duplicates='max'" in msg

    def test_duplicate_int_pairs_shown_plainly(self) -> None:
        ties = pd.DataFrame({"source": [1, 1], "target": [2, 2]})
        with pytest.raises(InvalidNetworkError, match=re.escape("(1, 2) (1 in all)")):
            Network.from_frames(None, ties)

    def test_self_ties_raise(self) -> None:
        ties = pd.DataFrame({"source": ["a", "b", "c"], "target": ["a", "c", "c"]})
        with pytest.raises(InvalidNetworkError, match=r"2 self-ties .*'a', 'c' \(2 in all\).*self_ties='drop'"):
            unchanged_after(lambda: Network.from_frames(None, ties, self_ties="raise"), ties)

    @pytest.mark.parametrize(
        ("kwargs", "name"),
        [
            ({"duplicates": "first"}, "duplicates"),
            ({"duplicates": "Max"}, "duplicates"),
            ({"self_ties": "keep"}, "self_ties"),
            ({"strong_threshold": 0.0}, "strong_threshold"),
            ({"strong_threshold": 1.2}, "strong_threshold"),
        ],
    )
    def test_invalid_options(self, kwargs: dict[str, Any], name: str) -> None:
        with pytest.raises(InvalidParameterError, match=rf"`{name}` of Network.from_frames .*got"):
            Network.from_frames(None, TIES, **kwargs)

    def test_option_suggestion(self) -> None:
        with pytest.raises(InvalidParameterError, match="Did you mean 'max'"):
            Network.from_frames(None, TIES, duplicates="Max")

    def test_same_source_and_target_column(self) -> None:
        with pytest.raises(InvalidParameterError, match="name the same column 'source'"):
            Network.from_frames(None, TIES, target="source")


# ---------------------------------------------------------------------- known attributes
class TestKnownAttributes:
    @pytest.mark.parametrize(
        ("column", "values", "match"),
        [
            ("kind", ["internal", "staff", "external"], r"'kind' must be 'internal' or 'external'; actors 'b'.*'staff'"),
            ("audience", [10, -1, 5], r"'audience' must be a follower count >= 0.*actors 'b'"),
            ("audience", [10, np.inf, 5], r"'audience'.*actors 'b'"),
            ("audience", [10, "many", 5], r"'audience'.*actors 'b'"),
            ("fake_audience_share", [0.1, 1.5, 0.0], r"'fake_audience_share' must be a share in \[0, 1\].*'b'"),
            ("sponsored_share", [-0.1, 0.5, 0.0], r"'sponsored_share' must be a share in \[0, 1\].*'a'"),
            ("is_customer", [True, "yes", False], r"'is_customer' must be boolean; actors 'b'"),
        ],
    )
    def test_invalid_known_attribute(self, column: str, values: list[Any], match: str) -> None:
        actors = ACTORS.assign(**{column: pd.Series(values, dtype=object)})
        with pytest.raises(InvalidNetworkError, match=match):
            unchanged_after(lambda: Network.from_frames(actors, TIES), actors)

    def test_missing_known_attributes_are_fine(self) -> None:
        actors = ACTORS.assign(audience=[np.nan, 3, 0], is_customer=[None, True, False],
                               sponsored_share=[np.nan, 0, 1])
        net = Network.from_frames(actors, TIES)
        assert net.n_actors == 3

    def test_focal_organisation_absent_suggests(self) -> None:
        with pytest.raises(InvalidNetworkError, match=r"'Acmee' is not the organisation of any actor. Did you mean 'Acme'"):
            unchanged_after(lambda: Network.from_frames(ACTORS, TIES, focal_organisation="Acmee"), ACTORS)

    def test_focal_organisation_needs_the_column(self) -> None:
        actors = ACTORS.rename(columns={"organisation": "organization"})
        with pytest.raises(InvalidNetworkError, match=r"needs an 'organisation' actor column.*Did you mean 'organization'"):
            Network.from_frames(actors, TIES, focal_organisation="Acme")


# ---------------------------------------------------------------------- wrong types
class TestTypes:
    @pytest.mark.parametrize(
        "call",
        [
            lambda: Network.from_frames(None, [("a", "b")]),  # type: ignore[arg-type]
            lambda: Network.from_frames({"id": ["a"]}, TIES),  # type: ignore[arg-type]
            lambda: Network.from_frames(None, TIES, strong_threshold="high"),  # type: ignore[arg-type]
            lambda: Network.from_networkx({"a": ["b"]}),  # type: ignore[arg-type]
            lambda: Network.from_igraph(nx.Graph()),  # type: ignore[arg-type]
            lambda: Network.from_csr(np.eye(2)),  # type: ignore[arg-type]
        ],
        ids=["ties-list", "actors-dict", "threshold-str", "networkx", "igraph", "csr-dense"],
    )
    def test_wrong_types_raise_type_errors(self, call: Any) -> None:
        with pytest.raises(InfnetTypeError) as info:
            call()
        assert isinstance(info.value, TypeError)
        assert isinstance(info.value, InfnetError)
        assert "must be" in str(info.value)
        assert "; got " in str(info.value)

    def test_mixed_edge_tuples(self) -> None:
        with pytest.raises(InvalidNetworkError, match=r"got lengths \[2, 3\]"):
            Network.from_edges([("a", "b"), ("b", "c", 0.5)])


# ---------------------------------------------------------------------- helpers
class TestHelpers:
    def test_closest(self) -> None:
        assert closest("strenght", ["strength", "source"]) == " Did you mean 'strength'?"
        assert closest("ID", ["id", "name"]) == " Did you mean 'id'?"
        assert closest("zzz", ["strength"]) == ""

    def test_format_ids(self) -> None:
        assert format_ids(["a", "b"]) == "'a', 'b' (2 in all)"
        assert format_ids(list(range(7))) == "0, 1, 2, 3, 4, ... (7 in all)"
        assert format_ids(np.array([3, 4])) == "3, 4 (2 in all)"
        assert format_ids([(np.int64(1), np.float64(0.5))]) == "(1, 0.5) (1 in all)"
        assert format_ids(["a"], total=10) == "'a', ... (10 in all)"

    def test_check_columns(self) -> None:
        check_columns(["a", "b"], {"source": "a"}, frame="ties")
        with pytest.raises(MissingColumnError, match=r"ties has no column 'c' \(the target= column\)"):
            check_columns(["a", "b"], {"source": "a", "target": "c"}, frame="ties")

    def test_check_option(self) -> None:
        assert check_option("max", name="duplicates", caller="f", options=("max", "sum")) == "max"
        with pytest.raises(InvalidParameterError, match=r"`duplicates` of f must be one of \['max', 'sum'\]; got 3"):
            check_option(3, name="duplicates", caller="f", options=("max", "sum"))

    @pytest.mark.parametrize(
        ("value", "kwargs", "error", "match"),
        [
            (1.2, {"low": 0.0, "high": 1.0, "closed": "left"}, InvalidParameterError,
             r"`damping` of pagerank must be a float in \[0.0, 1.0\); got 1.2\."),
            (1.0, {"low": 0.0, "high": 1.0, "closed": "left"}, InvalidParameterError, r"\[0.0, 1.0\)"),
            (0.0, {"low": 0.0, "closed": "neither"}, InvalidParameterError, r"\(0.0, inf\)"),
            (np.nan, {}, InvalidParameterError, "got nan"),
            (True, {}, InfnetTypeError, "must be a real number; got bool"),
            ("0.5", {}, InfnetTypeError, "got str"),
        ],
    )
    def test_check_float_errors(self, value: Any, kwargs: dict[str, Any], error: type[Exception], match: str) -> None:
        with pytest.raises(error, match=match):
            check_float(value, name="damping", caller="pagerank", **kwargs)

    def test_check_float_and_int_accept(self) -> None:
        assert check_float(np.float32(0.5), name="x", caller="f", low=0, high=1) == 0.5
        assert check_float(1, name="x", caller="f", low=0, high=1) == 1.0
        assert check_int(np.int64(3), name="k", caller="f", low=1) == 3
        with pytest.raises(InvalidParameterError, match=r"`k` of f must be an integer in \[1, inf\]; got 0"):
            check_int(0, name="k", caller="f", low=1)
        with pytest.raises(InfnetTypeError, match="must be an integer; got float"):
            check_int(2.0, name="k", caller="f")

    def test_check_rng(self) -> None:
        g = np.random.default_rng(1)
        assert check_rng(g) is g
        assert check_rng(5).random() == np.random.default_rng(5).random()
        assert isinstance(check_rng(None), np.random.Generator)
        assert isinstance(check_rng(np.random.SeedSequence(2)), np.random.Generator)
        with pytest.raises(InfnetTypeError, match="legacy RandomState"):
            check_rng(np.random.RandomState(0))  # type: ignore[arg-type]
        with pytest.raises(InvalidParameterError, match="non-negative"):
            check_rng(-1)
        with pytest.raises(InfnetTypeError, match="got float"):
            check_rng(1.5)  # type: ignore[arg-type]

    def test_check_is_fitted(self) -> None:
        class Est:
            scores_ = None

        with pytest.raises(NotFittedError, match=r"This Est is not fitted yet.*'scores_'"):
            check_is_fitted(Est(), ["scores_"])
        est = Est()
        est.scores_ = np.zeros(2)  # type: ignore[assignment]
        check_is_fitted(est, ["scores_"])
