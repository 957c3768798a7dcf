"""Tests of the graph core, `infnet.Network`: construction, round trips, relabelling,
known attributes, symmetry, strong/weak ties, memory, inputs left untouched, and the
real networks in ../shared/data."""

from __future__ import annotations

import copy
import warnings
from typing import Any, ClassVar

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import load_shared
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from scipy import sparse

from infnet import InfnetWarning, InvalidParameterError, Network, UnknownActorError
from infnet.exceptions import (
    InfnetTypeError,
    InvalidNetworkError,
    MissingColumnError,
    ResourceLimitError,
)
from infnet.ties import FromInteractions

SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

# Letters that never spell a pandas NA marker ("nan", "NA", "null", "None") or a
# boolean ("True"), and never look numeric, so string values survive CSV too.
_ALPHABET = "bcdgkxz"


# ---------------------------------------------------------------------- strategies
@st.composite
def network_frames(
    draw: st.DrawFn,
    *,
    directed: bool | None = None,
    str_ids: bool | None = None,
    max_actors: int = 8,
) -> dict[str, Any]:
    """Random small actors/ties frames with extra actor and tie attributes.

    Returns a dict with ``actors``, ``ties``, ``directed`` and ``focal`` (an
    organisation present in the actors, or None) that `Network.from_frames` accepts.
    Every extra actor column has at least one non-missing value (networkx cannot keep
    an attribute no node has).
    """
    n = draw(st.integers(1, max_actors))
    if str_ids is None:
        str_ids = draw(st.booleans())
    if directed is None:
        directed = draw(st.booleans())
    if str_ids:
        word = st.text(alphabet=_ALPHABET, min_size=1, max_size=4)
        ids: list[Any] = draw(st.lists(word, min_size=n, max_size=n, unique=True))
    else:
        ids = draw(st.lists(st.integers(-10**6, 10**9), min_size=n, max_size=n, unique=True))
    pairs = [(i, j) for i in range(n) for j in range(n) if i != j and (directed or i < j)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=15)) if pairs else []
    m = len(chosen)
    if not directed:  # either orientation names the same tie
        flips = draw(st.lists(st.booleans(), min_size=m, max_size=m))
        chosen = [(j, i) if f else (i, j) for (i, j), f in zip(chosen, flips, strict=True)]
    strengths = draw(st.lists(st.floats(1e-6, 1.0), min_size=m, max_size=m))

    def present_mask() -> list[bool]:
        mask = draw(st.lists(st.booleans(), min_size=n, max_size=n))
        mask[draw(st.integers(0, n - 1))] = True
        return mask

    score = draw(st.lists(st.floats(-1e6, 1e6), min_size=n, max_size=n))
    label = draw(st.lists(st.text(alphabet=_ALPHABET, min_size=1, max_size=3), min_size=n, max_size=n))
    orgs = draw(st.lists(st.sampled_from(["Acme", "Beta", "Gamma"]), min_size=n, max_size=n))
    actors = pd.DataFrame(
        {
            "id": ids,
            "organisation": orgs,
            "score": [v if p else np.nan for v, p in zip(score, present_mask(), strict=True)],
            "label": [v if p else None for v, p in zip(label, present_mask(), strict=True)],
        }
    )
    focal = draw(st.sampled_from([None, *sorted(set(orgs))]))
    ties = pd.DataFrame(
        {
            "source": pd.Series([ids[i] for i, _ in chosen], dtype=object).infer_objects(),
            "target": pd.Series([ids[j] for _, j in chosen], dtype=object).infer_objects(),
            "strength": np.asarray(strengths, dtype=np.float64),
            "count": draw(st.lists(st.integers(1, 50), min_size=m, max_size=m)),
            "weight": draw(st.lists(st.floats(0.5, 9.5), min_size=m, max_size=m)),
            "relation": draw(st.lists(st.sampled_from(["bcd", "kx"]), min_size=m, max_size=m)),
        }
    )
    return {"actors": actors, "ties": ties, "directed": directed, "focal": focal}


def build(data: dict[str, Any], **kwargs: Any) -> Network:
    return Network.from_frames(
        data["actors"], data["ties"], directed=data["directed"],
        focal_organisation=data["focal"], **kwargs,
    )


def dense(net: Network, weight: str | None = "strength") -> np.ndarray:
    return np.asarray(net.matrix(weight).toarray())


def assert_canonical(net: Network) -> None:
    s = net.strength
    assert isinstance(s, sparse.csr_array)
    assert s.shape == (net.n_actors, net.n_actors)
    assert s.data.dtype == np.float64
    assert s.indices.dtype == np.int32
    assert s.indptr.dtype == np.int32
    assert s.has_canonical_format
    assert np.all((s.data > 0) & (s.data <= 1))
    assert np.all(s.diagonal() == 0)
    for row in range(net.n_actors):  # sorted, unique indices per row
        idx = s.indices[s.indptr[row]: s.indptr[row + 1]]
        assert np.all(np.diff(idx) > 0)
    assert not s.data.flags.writeable
    assert not s.indices.flags.writeable
    if not net.directed:
        assert (abs(s - s.T)).nnz == 0


# ---------------------------------------------------------------------- construction
class TestFromFrames:
    def test_docstring_network(self) -> None:
        ties = pd.DataFrame(
            {"source": ["ann", "bob", "bob"], "target": ["bob", "cat", "dan"], "strength": [0.9, 0.2, 0.6]}
        )
        net = Network.from_frames(None, ties, directed=True)
        assert net.actor_ids.tolist() == ["ann", "bob", "cat", "dan"]
        expected = np.zeros((4, 4))
        expected[0, 1], expected[1, 2], expected[1, 3] = 0.9, 0.2, 0.6
        np.testing.assert_array_equal(dense(net), expected)
        assert net.n_ties == 3
        assert net.directed
        assert_canonical(net)

    def test_actors_default_to_endpoints_in_first_appearance_order(self) -> None:
        ties = pd.DataFrame({"source": ["c", "a", "d"], "target": ["b", "c", "a"]})
        net = Network.from_frames(None, ties)
        assert net.actor_ids.tolist() == ["c", "b", "a", "d"]
        np.testing.assert_array_equal(net.strength.data, np.ones(3))  # no strength column -> 1

    def test_actor_rows_fix_the_order_and_keep_isolated_actors(self) -> None:
        actors = pd.DataFrame({"id": [30, 10, 20, 40]})
        ties = pd.DataFrame({"source": [10, 20], "target": [20, 30], "strength": [0.5, 0.25]})
        net = Network.from_frames(actors, ties)
        assert net.actor_ids.tolist() == [30, 10, 20, 40]
        assert net.n_actors == 4
        assert net.n_ties == 2
        assert dense(net)[1, 2] == 0.5
        assert dense(net)[2, 0] == 0.25
        assert dense(net)[3].sum() == 0
        assert dense(net)[:, 3].sum() == 0

    def test_column_mapping_and_index_ids(self) -> None:
        actors = pd.DataFrame({"org": ["A", "B"]}, index=pd.Index(["x", "y"], name="who"))
        ties = pd.DataFrame({"from": ["x"], "to": ["y"], "w": [0.3]})
        net = Network.from_frames(actors, ties, actor_id=None, source="from", target="to", strength="w")
        assert net.actor_ids.tolist() == ["x", "y"]
        assert net.strength.data.tolist() == [0.3]
        assert net.tie_attributes == ()
        assert net.attribute("org").tolist() == ["A", "B"]

    def test_strength_none_uses_strength_column_and_keeps_other_columns(self) -> None:
        ties = pd.DataFrame({"source": [1, 2], "target": [2, 1], "strength": [0.4, 0.6], "note": ["p", "q"]})
        net = Network.from_frames(None, ties)
        assert net.strength.data.tolist() == [0.4, 0.6]
        assert net.tie_attribute("note").tolist() == ["p", "q"]

    def test_from_edges_pairs_and_triples(self) -> None:
        assert Network.from_edges([("a", "b"), ("b", "c")]).strength.data.tolist() == [1.0, 1.0]
        net = Network.from_edges([("a", "b", 0.7)], directed=False)
        assert net.n_ties == 1
        assert dense(net)[1, 0] == 0.7

    def test_from_csr_round_trip(self, toy: Network) -> None:
        again = Network.from_csr(toy.strength, toy.actors, directed=False, focal_organisation="Acme")
        assert again.equals(toy)
        m = sparse.csr_array(np.array([[0.0, 0.5], [0.0, 0.0]]))
        assert Network.from_csr(m).actor_ids.tolist() == [0, 1]

    def test_index_of_and_to_series(self, toy: Network) -> None:
        assert toy.index_of(["jo", "ana"]).tolist() == [9, 0]
        assert toy.index_of("ben").tolist() == [1]
        with pytest.raises(UnknownActorError, match=r"'zed'"):
            toy.index_of(["ana", "zed"])
        s = toy.to_series(np.arange(10.0), name="x")
        assert s.index.equals(toy.actor_ids)
        assert s.name == "x"
        assert s["jo"] == 9.0
        with pytest.raises(InvalidParameterError, match=r"shape \(10,\)"):
            toy.to_series(np.arange(3.0))

    def test_repr(self, toy: Network) -> None:
        assert repr(toy) == "Network(n_actors=10, n_ties=12, directed=False, focal_organisation='Acme')"

    def test_toy_is_canonical(self, toy: Network, star_net: Network, barbell_net: Network) -> None:
        for net in (toy, star_net, barbell_net):
            assert_canonical(net)


# ---------------------------------------------------------------------- duplicates and self-ties
class TestDuplicatesAndSelfTies:
    TIES = pd.DataFrame(
        {
            "source": ["a", "a", "b", "a"],
            "target": ["b", "b", "c", "b"],
            "strength": [0.5, 0.75, 0.2, 0.25],
            "count": [2, 3, 7, 4],
            "note": ["first", "second", "solo", "third"],
            "when": pd.to_datetime(["2024-01-01", "2024-03-01", "2024-02-01", "2023-01-01"]),
        }
    )

    def test_max_merges_numeric_by_max_and_keeps_first_other(self) -> None:
        net = Network.from_frames(None, self.TIES, duplicates="max")
        assert net.n_ties == 2
        assert net.strength.data.tolist() == [0.75, 0.2]
        assert net.tie_attribute("count").tolist() == [4, 7]
        assert net.tie_attribute("note").tolist() == ["first", "solo"]
        assert net.tie_attribute("when").tolist() == [
            pd.Timestamp("2024-03-01").to_datetime64(), pd.Timestamp("2024-02-01").to_datetime64(),
        ]

    def test_sum_adds_counts_and_caps_strength_at_one(self) -> None:
        net = Network.from_frames(None, self.TIES, duplicates="sum")
        assert net.strength.data.tolist() == [1.0, 0.2]  # 0.5 + 0.75 + 0.25 capped
        assert net.tie_attribute("count").tolist() == [9, 7]
        small = self.TIES.assign(strength=[0.1, 0.2, 0.2, 0.3])
        net = Network.from_frames(None, small, duplicates="sum")
        np.testing.assert_allclose(net.strength.data, [0.6, 0.2], rtol=1e-12)

    def test_undirected_duplicates_in_either_order(self) -> None:
        ties = pd.DataFrame({"source": [1, 2], "target": [2, 1], "strength": [0.5, 0.7], "count": [1, 2]})
        with pytest.raises(ValueError, match="pairs named more than once"):
            Network.from_frames(None, ties, directed=False)
        net = Network.from_frames(None, ties, directed=False, duplicates="max")
        assert net.n_ties == 1
        np.testing.assert_array_equal(dense(net), [[0, 0.7], [0.7, 0]])
        net = Network.from_frames(None, ties, directed=False, duplicates="sum")
        np.testing.assert_array_equal(dense(net), [[0, 1.0], [1.0, 0]])
        assert net.tie_attribute("count").tolist() == [3, 3]
        # directed: the two rows are distinct ties
        assert Network.from_frames(None, ties, directed=True).n_ties == 2

    def test_self_ties_dropped_with_a_warning_naming_count_and_actor(self) -> None:
        ties = pd.DataFrame({"source": ["a", "b", "c"], "target": ["a", "c", "c"]})
        with pytest.warns(InfnetWarning, match=r"dropped 2 self-ties.*'a', 'c'"):
            net = Network.from_frames(None, ties)
        assert net.n_ties == 1
        assert net.actor_ids.tolist() == ["a", "b", "c"]
        assert net.strength.diagonal().sum() == 0


# ---------------------------------------------------------------------- attributes
class TestAttributes:
    def test_focal_organisation_derives_kind(self, toy: Network) -> None:
        kinds = dict(zip(toy.actor_ids, toy.attribute("kind"), strict=True))
        assert [a for a, k in kinds.items() if k == "internal"] == ["ana", "ben", "cara", "dev"]
        assert toy.focal_organisation == "Acme"
        # a kind column is overridden by the focal organisation
        actors = pd.DataFrame({"id": [1, 2], "organisation": ["X", "Y"], "kind": ["external", "internal"]})
        ties = pd.DataFrame({"source": [1], "target": [2]})
        net = Network.from_frames(actors, ties, focal_organisation="X")
        assert net.attribute("kind").tolist() == ["internal", "external"]
        assert Network.from_frames(actors, ties).attribute("kind").tolist() == ["external", "internal"]

    def test_other_columns_kept_and_queryable(self, toy: Network) -> None:
        assert set(toy.actors.columns) == {
            "organisation", "segment", "audience", "is_customer", "role", "kind",
        }
        assert toy.attribute("role")[toy.index_of("gil")[0]] == "analyst"
        codes, groups = toy.codes("segment")
        assert groups.tolist() == ["fintech", "retail", "software"]
        assert np.array_equal(groups[codes], toy.attribute("segment"))
        mask = toy.select("segment == 'fintech' and audience < 5000")
        assert toy.actor_ids[mask].tolist() == ["finn", "ivo"]
        assert toy.select("role == 'consultant' or is_customer").sum() == 4

    def test_codes_missing_values_are_minus_one(self) -> None:
        actors = pd.DataFrame({"id": ["a", "b", "c"], "segment": ["x", None, "w"], "n": [1.0, np.nan, 3.0]})
        net = Network.from_frames(actors, pd.DataFrame({"source": ["a"], "target": ["b"]}))
        codes, groups = net.codes("segment")
        assert codes.tolist() == [1, -1, 0]
        assert groups.tolist() == ["w", "x"]
        assert net.select("n > 0").tolist() == [True, False, True]

    def test_attribute_and_select_errors(self, toy: Network) -> None:
        with pytest.raises(InvalidParameterError, match="Did you mean 'segment'"):
            toy.attribute("segmnt")
        with pytest.raises(InvalidParameterError, match="no_such_column"):
            toy.select("no_such_column > 1")
        with pytest.raises(InvalidParameterError, match="Did you mean 'strength'"):
            toy.tie_attribute("strenght")

    def test_actors_property_is_a_copy(self, toy: Network) -> None:
        frame = toy.actors
        frame["role"] = "changed"
        assert toy.attribute("role")[0] == "sales"


# ---------------------------------------------------------------------- symmetry and strong/weak
class TestSymmetryAndStrength:
    def test_undirected_stores_both_directions(self, toy: Network) -> None:
        m = dense(toy)
        np.testing.assert_array_equal(m, m.T)
        assert toy.strength.nnz == 2 * toy.n_ties == 24
        assert toy.in_matrix() is toy.matrix()

    @SETTINGS
    @given(network_frames(directed=False))
    def test_undirected_symmetric_and_n_ties_counts_pairs(self, data: dict[str, Any]) -> None:
        net = build(data)
        assert_canonical(net)
        m = dense(net)
        np.testing.assert_array_equal(m, m.T)
        assert net.n_ties == len(data["ties"]) == np.count_nonzero(np.triu(m))
        for name in ("count", "weight"):
            w = dense(net, name)
            np.testing.assert_array_equal(w, w.T)

    @SETTINGS
    @given(network_frames(directed=True))
    def test_directed_matrix_matches_rows(self, data: dict[str, Any]) -> None:
        net = build(data)
        assert_canonical(net)
        ties = data["ties"]
        pos = net.index_of(ties["source"]), net.index_of(ties["target"])
        expected = np.zeros((net.n_actors, net.n_actors))
        expected[pos] = ties["strength"].to_numpy()
        np.testing.assert_array_equal(dense(net), expected)
        counts = np.zeros_like(expected)
        counts[pos] = ties["count"].to_numpy()
        np.testing.assert_array_equal(dense(net, "count"), counts)
        np.testing.assert_array_equal(net.in_matrix().toarray(), expected.T)
        np.testing.assert_array_equal(dense(net, None), (expected > 0).astype(float))
        assert net.n_ties == len(ties)

    def test_strong_at_default_threshold(self, toy: Network) -> None:
        s = toy.strength.data
        np.testing.assert_array_equal(toy.strong(), s >= 0.5)
        assert int(toy.strong().sum()) // 2 == 8  # 8 of the 12 toy ties are strong
        net = Network.from_edges([("a", "b", 0.5), ("a", "c", 0.4999999), ("a", "d", 1.0)])
        assert net.strong().tolist() == [True, False, True]  # at the threshold is strong

    def test_strong_at_custom_threshold(self) -> None:
        edges = [("a", "b", 0.3), ("a", "c", 0.2), ("a", "d", 0.9)]
        net = Network.from_edges(edges, strong_threshold=0.3)
        assert net.strong_threshold == 0.3
        assert net.strong().tolist() == [True, False, True]
        assert net.strong(0.9).tolist() == [False, False, True]
        with pytest.raises(InvalidParameterError, match=r"`threshold` of Network.strong"):
            net.strong(1.5)

    def test_matrix_weight_errors(self) -> None:
        ties = pd.DataFrame({"source": ["a", "b"], "target": ["b", "a"], "note": ["x", "y"], "z": [0.0, 1.0]})
        net = Network.from_frames(None, ties)
        with pytest.raises(InvalidParameterError, match="'note' is not numeric"):
            net.matrix("note")
        with pytest.raises(InvalidParameterError, match=r"'z' must be finite and > 0"):
            net.matrix("z")


# ---------------------------------------------------------------------- round trips
def _frames_round_trip(net: Network, focal: Any) -> Network:
    actors, ties = net.to_frames()
    return Network.from_frames(actors, ties, directed=net.directed, focal_organisation=focal)


def _networkx_round_trip(net: Network, focal: Any) -> Network:
    return Network.from_networkx(net.to_networkx(), focal_organisation=focal)


def _igraph_round_trip(net: Network, focal: Any) -> Network:
    return Network.from_igraph(net.to_igraph(), focal_organisation=focal)


ROUND_TRIPS = pytest.mark.parametrize(
    "round_trip",
    [_frames_round_trip, _networkx_round_trip, _igraph_round_trip],
    ids=["frames", "networkx", "igraph"],
)


class TestRoundTrips:
    @ROUND_TRIPS
    @SETTINGS
    @given(data=network_frames())
    def test_round_trip_gives_equal_network(self, round_trip: Any, data: dict[str, Any]) -> None:
        # networkx keeps attributes per edge: a graph without edges has no tie attributes
        assume(round_trip is not _networkx_round_trip or len(data["ties"]) > 0)
        net = build(data)
        again = round_trip(net, data["focal"])
        assert again.equals(net)
        assert net.equals(again)
        assert again.directed == net.directed
        assert again.tie_attributes == ("count", "weight", "relation") or set(again.tie_attributes) == {
            "count", "weight", "relation",
        }
        assert set(again.actors.columns) == set(net.actors.columns)

    @ROUND_TRIPS
    @pytest.mark.parametrize("directed", [True, False])
    @pytest.mark.parametrize("str_ids", [True, False])
    def test_round_trip_fixed_cases(self, round_trip: Any, directed: bool, str_ids: bool) -> None:
        ids: list[Any] = ["ann", "bob", "cy", "dee"] if str_ids else [7, 3, 11, 5]
        actors = pd.DataFrame(
            {
                "id": ids,
                "organisation": ["Acme", "Acme", "Beta", "Gamma"],
                "audience": [100.0, np.nan, 5000.0, 12.0],
                "note": ["x", None, "y", "z"],
            }
        )
        ties = pd.DataFrame(
            {
                "source": [ids[0], ids[1], ids[2]],
                "target": [ids[1], ids[2], ids[0]],
                "strength": [0.9, 0.3, 0.6],
                "count": [3, 1, 8],
                "channel": ["email", "call", "email"],
            }
        )
        net = Network.from_frames(actors, ties, directed=directed, focal_organisation="Acme")
        again = round_trip(net, "Acme")
        assert again.equals(net)
        # equality really looks at values: change one strength and it fails
        _, t = net.to_frames()
        t.loc[0, "strength"] = 0.5
        other = Network.from_frames(net.to_frames()[0], t, directed=directed, focal_organisation="Acme")
        assert not other.equals(net)

    def test_networkx_keeps_attributes(self, toy: Network) -> None:
        g = toy.to_networkx()
        assert isinstance(g, nx.Graph)
        assert not g.is_directed()
        assert g.nodes["gil"]["role"] == "analyst"
        assert g.nodes["ana"]["kind"] == "internal"
        assert g["cara"]["eva"] == {"strength": 0.4}
        assert g.number_of_edges() == 12
        assert g.number_of_nodes() == 10

    def test_networkx_multigraph_parallel_edges_are_duplicates(self) -> None:
        g = nx.MultiDiGraph()
        g.add_edge("a", "b", strength=0.2, count=1)
        g.add_edge("a", "b", strength=0.6, count=2)
        with pytest.raises(ValueError, match="more than once"):
            Network.from_networkx(g)
        net = Network.from_networkx(g, duplicates="sum")
        assert net.strength.data.tolist() == [0.8]
        assert net.tie_attribute("count").tolist() == [3]

    def test_networkx_without_strength_gives_one(self) -> None:
        g = nx.DiGraph([(1, 2), (2, 3)])
        g.add_node(4)
        net = Network.from_networkx(g)
        assert net.n_actors == 4
        assert net.strength.data.tolist() == [1.0, 1.0]

    def test_igraph_keeps_attributes(self, toy: Network) -> None:
        g = toy.to_igraph()
        assert g.vs["name"] == toy.actor_ids.tolist()
        assert not g.is_directed()
        assert g.vs.find(name="gil")["role"] == "analyst"
        assert sorted(g.es["strength"]) == sorted(toy.to_frames()[1]["strength"].tolist())

    def test_igraph_without_names_uses_vertex_indices(self) -> None:
        g = ig.Graph(n=4, edges=[(0, 1), (2, 1)], directed=True)
        g.es["strength"] = [0.3, 0.8]
        net = Network.from_igraph(g)
        assert net.actor_ids.tolist() == [0, 1, 2, 3]
        assert dense(net)[2, 1] == 0.8

    def test_igraph_actor_column_called_name(self) -> None:
        # a `name` actor attribute must not replace the ids (github_developers has one)
        actors = pd.DataFrame({"id": [10, 20, 30], "name": ["x", "y", "z"]})
        net = Network.from_frames(actors, pd.DataFrame({"source": [10, 20], "target": [20, 30]}))
        g = net.to_igraph(actor_id="id")
        assert g.vs["id"] == [10, 20, 30]
        assert g.vs["name"] == ["x", "y", "z"]
        assert Network.from_igraph(g, actor_id="id").equals(net)
        with pytest.raises(InvalidParameterError, match="actor_id="):
            net.to_igraph()

    def test_to_frames_column_clash_is_explained(self) -> None:
        actors = pd.DataFrame({"key": ["x", "y"], "id": [5, 6]})
        net = Network.from_frames(actors, pd.DataFrame({"source": ["x"], "target": ["y"]}), actor_id="key")
        with pytest.raises(InvalidParameterError, match="actor_id="):
            net.to_frames()
        a, _ = net.to_frames(actor_id="key")
        assert Network.from_frames(a, net.to_frames(actor_id="key")[1], actor_id="key").equals(net)

    def test_all_missing_actor_column_survives_frames_and_igraph(self) -> None:
        actors = pd.DataFrame({"id": [1, 2], "empty": [np.nan, np.nan]})
        net = Network.from_frames(actors, pd.DataFrame({"source": [1], "target": [2]}))
        assert _frames_round_trip(net, None).equals(net)
        assert _igraph_round_trip(net, None).equals(net)
        # networkx stores no attribute for a missing value, so the column disappears
        assert "empty" not in Network.from_networkx(net.to_networkx()).actors.columns


# ---------------------------------------------------------------------- relabelling
class TestRelabelling:
    @SETTINGS
    @given(data=network_frames(), rnd=st.randoms(use_true_random=False))
    def test_permuted_rows_give_equal_network_and_permuted_measures(
        self, data: dict[str, Any], rnd: Any
    ) -> None:
        net = build(data)
        actors, ties = data["actors"], data["ties"]
        perm_actors = actors.iloc[rnd.sample(range(len(actors)), len(actors))].reset_index(drop=True)
        perm_ties = ties.iloc[rnd.sample(range(len(ties)), len(ties))].reset_index(drop=True)
        other = Network.from_frames(
            perm_actors, perm_ties, directed=data["directed"], focal_organisation=data["focal"]
        )
        assert other.equals(net)
        assert net.equals(other)
        p = other.index_of(net.actor_ids)  # position in `other` of each actor of `net`
        x = np.arange(1.0, net.n_actors + 1.0) ** 1.5
        y = np.empty_like(x)
        y[p] = x  # the same per-actor vector in `other`'s order
        np.testing.assert_allclose((other.matrix() @ y)[p], net.matrix() @ x, rtol=1e-12)
        np.testing.assert_allclose((other.in_matrix() @ y)[p], net.in_matrix() @ x, rtol=1e-12)
        np.testing.assert_array_equal(other.matrix("count").toarray()[np.ix_(p, p)], dense(net, "count"))
        for col in ("score", "label", "organisation"):
            a, b = net.attribute(col), other.attribute(col)[p]
            assert pd.Series(a).equals(pd.Series(b))

    def test_changed_actor_attribute_is_not_equal(self, toy: Network) -> None:
        actors, ties = toy.to_frames()
        actors.loc[actors["id"] == "jo", "role"] = "editor"
        assert not Network.from_frames(actors, ties, directed=False, focal_organisation="Acme").equals(toy)
        assert not toy.equals("toy")
        assert toy != Network.from_frames(actors, ties, directed=True)

    def test_added_isolated_actor_is_not_equal_but_keeps_ties(self) -> None:
        net = Network.from_edges([("a", "b", 0.4)])
        bigger = Network.from_edges([("a", "b", 0.4)], actors=pd.DataFrame({"id": ["a", "b", "z"]}))
        assert not bigger.equals(net)
        np.testing.assert_array_equal(bigger.strength.toarray()[:2, :2], net.strength.toarray())


# ---------------------------------------------------------------------- inputs never modified
class TestInputsUnchanged:
    @SETTINGS
    @given(data=network_frames())
    def test_from_frames_leaves_frames_alone(self, data: dict[str, Any]) -> None:
        actors, ties = data["actors"], data["ties"]
        a0, t0 = actors.copy(deep=True), ties.copy(deep=True)
        net = build(data, duplicates="sum", strength=FromInteractions(count="count"))
        pd.testing.assert_frame_equal(actors, a0)
        pd.testing.assert_frame_equal(ties, t0)
        # nor does changing what the network hands out change the network
        actors_out, ties_out = net.to_frames()
        actors_out["organisation"] = "Changed"
        ties_out["strength"] = 0.5
        assert net.equals(build(data, duplicates="sum", strength=FromInteractions(count="count")))

    def test_index_ids_and_actor_id_none(self) -> None:
        actors = pd.DataFrame({"organisation": ["A", "B"]}, index=pd.Index([1, 2], name="orig"))
        ties = pd.DataFrame({"source": [1, 2], "target": [2, 1]})
        a0, t0 = actors.copy(deep=True), ties.copy(deep=True)
        Network.from_frames(actors, ties, actor_id=None, focal_organisation="A")
        pd.testing.assert_frame_equal(actors, a0)
        pd.testing.assert_frame_equal(ties, t0)
        assert actors.index.name == "orig"

    def test_self_ties_and_duplicates_dropping_leaves_frames_alone(self) -> None:
        ties = pd.DataFrame({"source": ["a", "a", "b"], "target": ["a", "b", "a"], "strength": [0.1, 0.2, 0.3]})
        t0 = ties.copy(deep=True)
        with pytest.warns(InfnetWarning):
            Network.from_frames(None, ties, directed=False, duplicates="max")
        pd.testing.assert_frame_equal(ties, t0)

    def test_networkx_graph_unchanged(self, toy: Network) -> None:
        g = toy.to_networkx()
        g.graph["name"] = "toy"
        before = copy.deepcopy(g)
        Network.from_networkx(g, focal_organisation="Acme", strength=FromInteractions(count="strength"))
        assert nx.utils.graphs_equal(g, before)
        assert g.graph == before.graph
        assert dict(g.nodes(data=True)) == dict(before.nodes(data=True))
        assert list(g.edges(data=True)) == list(before.edges(data=True))

    def test_igraph_graph_unchanged(self, toy: Network) -> None:
        g = toy.to_igraph()
        before = g.copy()
        Network.from_igraph(g, focal_organisation="Acme")
        assert g.get_edgelist() == before.get_edgelist()
        assert g.vs.attributes() == before.vs.attributes()
        assert g.es.attributes() == before.es.attributes()
        for a in g.vs.attributes():
            assert g.vs[a] == before.vs[a]
        for a in g.es.attributes():
            assert g.es[a] == before.es[a]

    def test_from_csr_matrix_unchanged(self, toy: Network) -> None:
        m = sparse.csr_array(toy.strength.toarray())
        m0 = m.copy()
        Network.from_csr(m, toy.actors, directed=False)
        assert (m != m0).nnz == 0
        assert m.indices.flags.writeable


# ---------------------------------------------------------------------- memory
class TestMemory:
    @pytest.mark.parametrize("directed", [True, False])
    def test_nbytes_matches_documented_bytes_per_tie(self, directed: bool) -> None:
        rng = np.random.default_rng(3)
        n, m = 5_000, 40_000
        key = rng.choice(n * (n - 1) // 2, size=m, replace=False)
        # decode the upper-triangle pair index into (i, j), i < j
        i = (n - 2 - np.floor(np.sqrt(-8 * key + 4 * n * (n - 1) - 7) / 2 - 0.5)).astype(np.int64)
        j = key + i + 1 - n * (n - 1) // 2 + (n - i) * ((n - i) - 1) // 2
        ties = pd.DataFrame({"source": i, "target": j, "strength": rng.uniform(0.01, 1, m)})
        net = Network.from_frames(pd.DataFrame({"id": np.arange(n)}), ties, directed=directed)
        assert net.n_ties == m
        per_tie = 12 if directed else 24
        assert net.nbytes == per_tie * m + 4 * (n + 1)
        with_count = Network.from_frames(
            pd.DataFrame({"id": np.arange(n)}), ties.assign(count=1.0), directed=directed
        )
        assert with_count.nbytes == net.nbytes + 8 * net.strength.nnz


# ---------------------------------------------------------------------- real networks
@pytest.mark.data
class TestSharedData:
    RELATIONS: ClassVar[dict[str, int]] = {"advice": 892, "friendship": 575, "cowork": 1104}

    @pytest.mark.parametrize(("relation", "n_ties"), list(RELATIONS.items()))
    def test_lazega_per_relation(self, relation: str, n_ties: int) -> None:
        net = load_shared("lazega_lawyers", relation=relation, duplicates="raise")
        assert net.n_actors == 71
        assert net.n_ties == n_ties
        assert net.directed
        assert_canonical(net)
        assert (net.attribute("status") == "partner").sum() == 36
        if relation == "cowork":  # 756 of the cowork ties are reciprocated
            m = net.matrix(None)
            assert int((m * m.T).sum()) == 756

    def test_lazega_relations_merged_by_max(self) -> None:
        net = load_shared("lazega_lawyers")  # duplicates="max" by default in load_shared
        per = [load_shared("lazega_lawyers", relation=r) for r in self.RELATIONS]
        union = sum(p.matrix(None) for p in per)
        assert net.n_ties == (union > 0).sum() < sum(self.RELATIONS.values())
        np.testing.assert_array_equal(dense(net, None), (union.toarray() > 0).astype(float))
        assert set(net.tie_attribute("relation")) == set(self.RELATIONS)
        with pytest.raises(ValueError, match="ordered pairs named more than once"):
            load_shared("lazega_lawyers", duplicates="raise")

    def test_krackhardt(self) -> None:
        counts = {"advice": 190, "friendship": 102, "reports_to": 20}
        for relation, n_ties in counts.items():
            net = load_shared("krackhardt_managers", relation=relation)
            assert net.n_actors == 21
            assert net.n_ties == n_ties
        reports = load_shared("krackhardt_managers", relation="reports_to")
        out_deg = np.diff(reports.strength.indptr)
        ceo = reports.index_of(7)[0]
        assert out_deg[ceo] == 0
        assert np.delete(out_deg, ceo).tolist() == [1] * 20
        assert reports.select("level_label == 'CEO'").tolist() == (np.arange(21) == ceo).tolist()

    def test_uk_faculty_weight_and_interactions(self) -> None:
        net = load_shared("uk_faculty")
        assert net.n_actors == 81
        assert net.n_ties == 817
        assert net.directed
        w = net.tie_attribute("weight")
        assert w.min() == 1
        assert w.max() == 16
        np.testing.assert_array_equal(net.strength.data, 1.0)
        sizes = np.bincount(net.codes("school_group")[0])
        assert sorted(sizes.tolist()) == [2, 19, 27, 33]
        derived = load_shared("uk_faculty", strength=FromInteractions(count="weight"))
        s = derived.strength.data
        assert np.all((s > 0) & (s <= 1))
        np.testing.assert_array_equal(derived.tie_attribute("weight"), w)
        # monotone in the count for one-way ties, and the median one-way tie is 1 - 1/e
        a = dense(derived, None)
        mutual = (a * a.T)[a > 0] > 0  # stored entries are in row-major order
        assert 0 < mutual.sum() < mutual.size
        c0 = np.median(w)
        np.testing.assert_allclose(s[~mutual], -np.expm1(-w[~mutual] / c0), rtol=1e-12)
        np.testing.assert_allclose(s[mutual], 1 - np.exp(-2 * w[mutual] / c0), rtol=1e-12)

    def test_github_developers(self) -> None:
        net = load_shared("github_developers")
        assert not net.directed
        assert net.n_actors == 37_700
        assert net.n_ties == 289_003
        assert net.strength.nnz == 2 * 289_003
        s = net.strength
        assert (abs(s - s.T)).nnz == 0
        assert (net.attribute("developer_type") == "machine_learning").sum() == 9_739
        assert net.nbytes == 24 * 289_003 + 4 * (37_700 + 1)
        assert net.select("ml_target == 1").sum() == 9_739
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            g = net.to_igraph(actor_id="id")
        assert g.ecount() == 289_003
        assert g.vcount() == 37_700


# ---------------------------------------------------------------------- immutability
class TestImmutability:
    @pytest.mark.parametrize(
        ("name", "value", "hint"),
        [
            ("directed", True, r"from_frames\(\*net\.to_frames\(\), directed="),
            ("focal_organisation", "Beta", r"with_options\(focal_organisation="),
            ("strong_threshold", 0.9, r"with_options\(strong_threshold="),
            ("actors", None, "immutable"),
            ("strength", None, "immutable"),
            ("anything_new", 1, "immutable"),
        ],
    )
    def test_public_attributes_cannot_be_set_or_deleted(
        self, toy: Network, name: str, value: Any, hint: str
    ) -> None:
        before = (toy.directed, toy.focal_organisation, toy.strong_threshold)
        with pytest.raises(AttributeError, match=hint):
            setattr(toy, name, value)
        with pytest.raises(AttributeError, match="immutable"):
            delattr(toy, name)
        assert (toy.directed, toy.focal_organisation, toy.strong_threshold) == before
        s = toy.strength
        assert (abs(s - s.T)).nnz == 0  # the symmetry invariant still holds

    def test_with_options_returns_a_new_network(self, toy: Network) -> None:
        strict = toy.with_options(strong_threshold=0.8)
        assert strict is not toy
        assert toy.strong_threshold == 0.5
        assert strict.strong_threshold == 0.8
        np.testing.assert_array_equal(strict.strong(), toy.strength.data >= 0.8)
        assert strict.strength is toy.strength  # read-only arrays are shared
        assert strict.focal_organisation == "Acme"
        beta = toy.with_options(focal_organisation="Beta")
        kinds = dict(zip(beta.actor_ids, beta.attribute("kind"), strict=True))
        assert {a for a, k in kinds.items() if k == "internal"} == set(
            beta.actor_ids[beta.attribute("organisation") == "Beta"]
        )
        assert toy.attribute("kind").tolist().count("internal") == 4  # unchanged
        plain = toy.with_options(focal_organisation=None)
        assert plain.focal_organisation is None
        np.testing.assert_array_equal(plain.attribute("kind"), toy.attribute("kind"))
        with pytest.raises(InvalidParameterError, match="strong_threshold"):
            toy.with_options(strong_threshold=0.0)
        with pytest.raises(InvalidNetworkError, match="'Nobody' is not the organisation"):
            toy.with_options(focal_organisation="Nobody")
        with pytest.raises(InfnetTypeError, match="focal_organisation"):
            toy.with_options(focal_organisation=True)

    @pytest.mark.parametrize("how", ["pickle", "deepcopy", "copy"])
    def test_copies_stay_immutable(self, toy: Network, how: str) -> None:
        import pickle

        other = {"pickle": lambda n: pickle.loads(pickle.dumps(n)), "deepcopy": copy.deepcopy,
                 "copy": copy.copy}[how](toy)
        assert other.equals(toy)
        assert other.focal_organisation == "Acme"
        assert not other.strength.data.flags.writeable
        assert not other.strength.indices.flags.writeable
        with pytest.raises(AttributeError, match="immutable"):
            other.directed = True  # type: ignore[misc]

    def test_private_frame_is_the_internal_one(self, toy: Network) -> None:
        assert toy.actors is not toy._actors
        assert toy.actors.equals(toy._actors)


class TestActorsCopy:
    def test_writes_to_the_copy_never_reach_the_network(self, toy: Network) -> None:
        frame = toy.actors
        frame["role"] = "changed"
        frame.loc["ana", "audience"] = -1.0
        frame["new"] = 1
        frame.index.name = "renamed"
        frame.attrs["note"] = "x"
        assert toy.attribute("role")[0] == "sales"
        assert toy.attribute("audience")[0] != -1.0
        assert not toy.has_attribute("new")
        assert toy.actor_ids.name == "actor"
        assert toy.actors.attrs == {}
        ids = toy.actor_ids
        ids.name = "renamed"
        assert toy.actor_ids.name == "actor"

    def test_copy_is_cheap_under_copy_on_write(self, toy: Network) -> None:
        if int(pd.__version__.split(".")[0]) < 3:
            pytest.skip("pandas < 3 may run without copy-on-write (then the copy is deep)")
        frame = toy.actors
        assert np.shares_memory(frame["audience"].to_numpy(), toy._actors["audience"].to_numpy())

    def test_actor_columns_and_has_attribute(self, toy: Network) -> None:
        assert toy.actor_columns == tuple(toy.actors.columns)
        assert all(isinstance(c, str) for c in toy.actor_columns)
        assert toy.has_attribute("segment")
        assert not toy.has_attribute("Segment")
        with pytest.raises(InfnetTypeError, match=r"`name` of Network\.has_attribute"):
            toy.has_attribute(["segment"])  # type: ignore[arg-type]
        assert Network.from_edges([("a", "b")]).actor_columns == ()


class TestReprHtml:
    def test_summary_names_sizes_options_and_columns(self, toy: Network) -> None:
        out = toy._repr_html_()
        assert out.startswith("<table")
        assert out.endswith("</table>")
        for text in ("actors", "10", "ties", "12", "directed", "False", "&#x27;Acme&#x27;", "0.5", "segment"):
            assert text in out

    def test_escapes_html_in_names(self) -> None:
        actors = pd.DataFrame({"id": ["a", "b"], "<script>": [1, 2]})
        net = Network.from_frames(actors, pd.DataFrame({"source": ["a"], "target": ["b"]}))
        out = net._repr_html_()
        assert "<script>" not in out
        assert "&lt;script&gt;" in out


class TestCanonicalOrder:
    @SETTINGS
    @given(data=network_frames(), rnd=st.randoms(use_true_random=False))
    def test_permuted_rows_give_the_same_id_sequence(self, data: dict[str, Any], rnd: Any) -> None:
        net = build(data)
        ties = data["ties"]
        perm_ties = ties.iloc[rnd.sample(range(len(ties)), len(ties))].reset_index(drop=True)
        actors = data["actors"]
        perm_actors = actors.iloc[rnd.sample(range(len(actors)), len(actors))].reset_index(drop=True)
        for a in (None, perm_actors):
            if a is None and len(ties) == 0:
                continue
            other = Network.from_frames(
                a if a is not None else None, perm_ties, directed=data["directed"]
            )
            mine = Network.from_frames(None if a is None else actors, ties, directed=data["directed"])
            assert mine.actor_ids[mine.canonical_order()].tolist() == other.actor_ids[other.canonical_order()].tolist()
        order = net.canonical_order()
        assert sorted(order.tolist()) == list(range(net.n_actors))
        assert net.actor_ids[order].is_monotonic_increasing

    def test_cached_and_read_only(self, toy: Network) -> None:
        order = toy.canonical_order()
        assert order is toy.canonical_order()
        assert order.dtype == np.int64
        assert not order.flags.writeable
        assert toy.actor_ids[order].tolist() == sorted(toy.actor_ids)

    def test_incomparable_ids_sort_by_type_and_text(self) -> None:
        from infnet.network import _canonical_permutation

        ids = pd.Index([("b", 1), 3, ("a", "x"), "z", ("a", 2)], dtype=object)
        order = _canonical_permutation(ids)
        # int < str < tuple by type name; tuples by their text, "('a', 'x')" < "('a', 2)"
        assert ids[order].tolist() == [3, "z", ("a", "x"), ("a", 2), ("b", 1)]
        assert ids[::-1][_canonical_permutation(ids[::-1])].tolist() == ids[order].tolist()


# ---------------------------------------------------------------------- strictness
class TestStrictness:
    def test_directed_must_be_a_bool(self) -> None:
        ties = pd.DataFrame({"source": ["a"], "target": ["b"]})
        for bad in ("no", 0, 1, None):
            with pytest.raises(InfnetTypeError, match=r"`directed` of Network\.from_frames"):
                Network.from_frames(None, ties, directed=bad)  # type: ignore[arg-type]
        assert not Network.from_frames(None, ties, directed=np.bool_(False)).directed

    def test_bool_ids_are_refused(self) -> None:
        actors = pd.DataFrame({"id": [0, 1, 2]})
        ties = pd.DataFrame({"source": pd.Series([True], dtype=object), "target": [2]})
        with pytest.raises(InvalidNetworkError, match=r"ties column 'source' holds booleans.*rows 0"):
            Network.from_frames(actors, ties)
        net = Network.from_frames(actors, pd.DataFrame({"source": [1], "target": [2]}))
        with pytest.raises(UnknownActorError, match="True"):
            net.index_of(True)
        with pytest.raises(UnknownActorError, match="booleans"):
            net.index_of([2, np.bool_(True)])
        assert net.index_of([np.int64(1)]).tolist() == [1]

    def test_tiny_and_complex_strengths(self) -> None:
        base = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]})
        with pytest.raises(InvalidNetworkError, match=r"'strength' \(strength\).*1 in \(0, 1e-12\)"):
            Network.from_frames(None, base.assign(strength=[0.5, 5e-309]))
        net = Network.from_frames(None, base.assign(strength=[0.5, 1e-12]))
        assert net.strength.data.min() == 1e-12
        with pytest.raises(InvalidNetworkError, match="complex"):
            Network.from_frames(None, base.assign(strength=[0.5 + 0.1j, 0.2 + 0j]))

    def test_strength_header_variants_are_not_ignored(self) -> None:
        for header in (" strength", "Strength", "STRENGTH "):
            ties = pd.DataFrame({"source": ["a"], "target": ["b"], header: [0.3]})
            with pytest.raises(MissingColumnError, match=rf"Did you mean '{header}'"):
                Network.from_frames(None, ties)
            assert Network.from_frames(None, ties, strength=header).strength.data.tolist() == [0.3]

    def test_endpoint_and_id_header_variants_are_suggested(self) -> None:
        ties = pd.DataFrame({" Source": ["a"], "target": ["b"]})
        with pytest.raises(MissingColumnError, match=r"Did you mean ' Source'.*differ only in case"):
            Network.from_frames(None, ties)
        actors = pd.DataFrame({" ID": ["a", "b"]})
        with pytest.raises(MissingColumnError, match=r"Did you mean ' ID'"):
            Network.from_frames(actors, pd.DataFrame({"source": ["a"], "target": ["b"]}))

    def test_weight_attribute_range(self) -> None:
        ties = pd.DataFrame({"source": ["a", "b"], "target": ["b", "a"], "w": [1e101, 2.0], "c": [1 + 1j, 2]})
        net = Network.from_frames(None, ties)
        with pytest.raises(InvalidParameterError, match=r"'w' must be finite and > 0.*1e\+100.*\('a', 'b', 1e\+101\)"):
            net.matrix("w")
        with pytest.raises(InvalidParameterError, match="'c' is not numeric"):
            net.matrix("c")
        with pytest.raises(InfnetTypeError, match=r"`weight` of Network\.matrix"):
            net.matrix(["w"])  # type: ignore[arg-type]

    def test_numeric_actor_columns_kept_as_they_are(self) -> None:
        actors = pd.DataFrame({"id": ["a", "b"], "x": [1e300, 5e-320]})
        net = Network.from_frames(actors, pd.DataFrame({"source": ["a"], "target": ["b"]}))
        assert net.attribute("x").tolist() == [1e300, 5e-320]

    def test_from_csr_undirected_is_stored_exactly_symmetric(self) -> None:
        a = np.array([[0.0, 0.5], [0.5 + 1e-13, 0.0]])
        net = Network.from_csr(sparse.csr_array(a), ["x", "y"], directed=False)
        assert_canonical(net)
        np.testing.assert_allclose(net.strength.data, 0.5, rtol=1e-12)
        one_way = sparse.csr_array(np.array([[0.0, 1e-12], [0.0, 0.0]]))
        with pytest.raises(InvalidNetworkError, match="symmetric"):
            Network.from_csr(one_way, directed=False)

    def test_memory_error_becomes_resource_limit_error(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import infnet.network as network_module

        def boom(*args: Any, **kwargs: Any) -> Any:
            raise MemoryError

        monkeypatch.setattr(network_module, "_csr", boom)
        ties = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]})
        with pytest.raises(ResourceLimitError, match=r"from_frames ran out of memory.*2 tie rows"):
            Network.from_frames(None, ties)
        monkeypatch.setattr(network_module, "_finish_actors", boom)
        with pytest.raises(ResourceLimitError, match=r"from_csr ran out of memory.*2 actors"):
            Network.from_csr(sparse.csr_array(np.array([[0, 0.5], [0, 0]])))
