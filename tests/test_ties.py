"""Tests of the strength models in `infnet.ties` against hand computations and brute force."""

from __future__ import annotations

from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import load_shared
from hypothesis import given, settings
from hypothesis import strategies as st

from infnet import InfnetTypeError, InvalidNetworkError, InvalidParameterError, Network
from infnet.exceptions import MissingColumnError
from infnet.synthetic import barbell
from infnet.ties import MIN_STRENGTH, FromInteractions, FromOverlap, StrengthModel

SETTINGS = settings(max_examples=30, deadline=None)


def strengths_by_pair(net: Network) -> dict[tuple[Any, Any], float]:
    _, ties = net.to_frames()
    return {(s, t): v for s, t, v in zip(ties["source"], ties["target"], ties["strength"], strict=True)}


# ---------------------------------------------------------------------- FromInteractions
class TestFromInteractions:
    TIES = pd.DataFrame(
        {
            "source": ["a", "b", "a", "c", "d"],
            "target": ["b", "a", "c", "d", "a"],
            "count": [4, 2, 1, 9, 3],
            "last": pd.to_datetime(["2024-06-30", "2024-06-30", "2024-01-02", "2024-04-01", "2023-06-30"]),
        }
    )

    def test_count_saturation_with_median_scale(self) -> None:
        net = Network.from_frames(None, self.TIES, strength=FromInteractions(reciprocity=0.0))
        c0 = 3.0  # median of 4, 2, 1, 9, 3
        got = strengths_by_pair(net)
        for s, t, c in zip(self.TIES["source"], self.TIES["target"], self.TIES["count"], strict=True):
            assert got[(s, t)] == pytest.approx(1 - np.exp(-c / c0), rel=1e-12)
        # the median tie, fresh and one-way, is 1 - 1/e
        assert got[("d", "a")] == pytest.approx(1 - np.exp(-1), rel=1e-12)

    def test_recency_half_life_and_reciprocity(self) -> None:
        model = FromInteractions(last_contact="last", half_life_days=90.0, count_scale=2.0, reciprocity=1.5)
        got = strengths_by_pair(Network.from_frames(None, self.TIES, strength=model))
        ref = pd.Timestamp("2024-06-30")  # latest last contact
        for s, t, c, when in self.TIES.itertuples(index=False, name=None):
            age = (ref - when).days
            x = (1 - np.exp(-c / 2.0)) * 0.5 ** (age / 90.0)
            mutual = {s, t} == {"a", "b"}
            expected = 1 - (1 - x) ** (1 + 1.5) if mutual else x
            assert got[(s, t)] == pytest.approx(expected, rel=1e-9), (s, t)
        # a tie 90 days older than the newest one has half its recency weight
        assert got[("c", "d")] == pytest.approx((1 - np.exp(-9 / 2)) * 0.5 ** (90 / 90), rel=1e-9)

    def test_reference_time_and_future_contacts(self) -> None:
        model = FromInteractions(last_contact="last", reference_time="2024-09-28", count_scale=2.0,
                                 reciprocity=0.0, half_life_days=90.0)
        got = strengths_by_pair(Network.from_frames(None, self.TIES, strength=model))
        assert got[("a", "b")] == pytest.approx((1 - np.exp(-2)) * 0.5, rel=1e-9)  # 90 days old
        early = FromInteractions(last_contact="last", reference_time="2020-01-01", count_scale=2.0,
                                 reciprocity=0.0)
        got = strengths_by_pair(Network.from_frames(None, self.TIES, strength=early))
        assert got[("a", "b")] == pytest.approx(1 - np.exp(-2), rel=1e-12)  # age clipped at 0

    def test_undirected_ignores_reciprocity(self) -> None:
        ties = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "count": [2, 2]})
        net = Network.from_frames(None, ties, directed=False, strength=FromInteractions(reciprocity=5.0))
        np.testing.assert_allclose(net.strength.data, 1 - np.exp(-1), rtol=1e-12)

    def test_duplicates_sum_adds_counts_and_keeps_latest_contact(self) -> None:
        ties = pd.DataFrame(
            {
                "source": ["a", "a", "b"], "target": ["b", "b", "c"], "count": [1, 3, 4],
                "last": pd.to_datetime(["2024-01-01", "2023-01-01", "2024-01-01"]),
            }
        )
        net = Network.from_frames(None, ties, duplicates="sum",
                                  strength=FromInteractions(last_contact="last", count_scale=4.0))
        np.testing.assert_allclose(net.strength.data, [1 - np.exp(-1)] * 2, rtol=1e-12)
        assert net.tie_attribute("count").tolist() == [4, 4]

    def test_very_old_tie_floored(self) -> None:
        ties = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "count": [1, 1],
                             "last": pd.to_datetime(["1900-01-01", "2024-01-01"])})
        net = Network.from_frames(None, ties, strength=FromInteractions(last_contact="last", half_life_days=1.0))
        assert net.strength.data[0] == MIN_STRENGTH
        assert net.n_ties == 2

    @SETTINGS
    @given(
        counts=st.lists(st.integers(1, 10_000), min_size=2, max_size=20),
        scale=st.one_of(st.none(), st.floats(0.1, 1000.0)),
        reciprocity=st.floats(0.0, 5.0),
    )
    def test_monotone_in_count_and_in_unit_interval(
        self, counts: list[int], scale: float | None, reciprocity: float
    ) -> None:
        n = len(counts)
        # a star: hub -> leaf i with count i, all one-way, plus one reverse tie
        ties = pd.DataFrame({"source": ["hub"] * n, "target": [f"l{i}" for i in range(n)], "count": counts})
        ties = pd.concat([ties, pd.DataFrame({"source": ["l0"], "target": ["hub"], "count": [counts[0]]})])
        model = FromInteractions(count_scale=scale, reciprocity=reciprocity)
        net = Network.from_frames(None, ties, strength=model)
        s = net.strength.data
        assert np.all((s > 0) & (s <= 1))
        got = strengths_by_pair(net)
        one_way = np.array([got[("hub", f"l{i}")] for i in range(1, n)])
        c = np.asarray(counts[1:])
        order = np.argsort(c, kind="stable")
        assert np.all(np.diff(one_way[order]) >= 0)  # more interactions never weaken a tie
        # the mutual tie is at least as strong as a one-way tie with the same count
        assert got[("hub", "l0")] >= -np.expm1(-counts[0] / (scale or np.median([*counts, counts[0]]))) - 1e-15

    def test_missing_or_bad_count_column(self) -> None:
        ties = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "counts": [1, 2]})
        with pytest.raises(MissingColumnError, match=r"'count'.*Did you mean 'counts'"):
            Network.from_frames(None, ties, strength=FromInteractions())
        for bad in ([0, 2], [-1, 2], [np.nan, 2], [np.inf, 2]):
            with pytest.raises(InvalidNetworkError, match=r"'counts' \(interaction count\) must be finite and > 0"):
                Network.from_frames(None, ties.assign(counts=bad), strength=FromInteractions(count="counts"))
        with pytest.raises(InvalidNetworkError, match="must be numeric"):
            Network.from_frames(None, ties.assign(counts=["x", "y"]), strength=FromInteractions(count="counts"))
        no_dates = ties.assign(last=[pd.Timestamp("2024-01-01"), pd.NaT])
        with pytest.raises(InvalidNetworkError, match=r"'last' .*missing dates"):
            Network.from_frames(None, no_dates, strength=FromInteractions(count="counts", last_contact="last"))
        with pytest.raises(MissingColumnError, match="'when'"):
            Network.from_frames(None, ties, strength=FromInteractions(count="counts", last_contact="when"))

    @pytest.mark.parametrize(
        ("kwargs", "error", "match"),
        [
            ({"half_life_days": 0.0}, InvalidParameterError, r"`half_life_days` of FromInteractions .* \(0.0, inf\)"),
            ({"reciprocity": -1.0}, InvalidParameterError, r"`reciprocity` of FromInteractions"),
            ({"count_scale": 0.0}, InvalidParameterError, r"`count_scale` of FromInteractions"),
            ({"half_life_days": "long"}, InfnetTypeError, r"`half_life_days` .* must be a real number"),
        ],
    )
    def test_parameter_validation(self, kwargs: dict[str, Any], error: type[Exception], match: str) -> None:
        with pytest.raises(error, match=match):
            FromInteractions(**kwargs)

    def test_is_a_frozen_strength_model(self) -> None:
        model = FromInteractions()
        assert isinstance(model, StrengthModel)
        with pytest.raises(AttributeError):
            model.count = "x"  # type: ignore[misc]

    @pytest.mark.data
    def test_uk_faculty_weight_as_count(self) -> None:
        net = load_shared("uk_faculty", strength=FromInteractions(count="weight", reciprocity=0.0))
        w = net.tie_attribute("weight").astype(float)
        np.testing.assert_allclose(net.strength.data, -np.expm1(-w / np.median(w)), rtol=1e-12)


# ---------------------------------------------------------------------- FromOverlap
def brute_overlap(net: Network) -> dict[tuple[Any, Any], float]:
    """Smoothed Onnela overlap, (n + 1) / ((k_u - 1) + (k_v - 1) - n + 1), by set algebra."""
    g = net.to_networkx().to_undirected(as_view=True)
    out = {}
    for u, v in net.to_networkx().edges():
        nu, nv = set(g[u]) - {v}, set(g[v]) - {u}
        shared = len(nu & nv)
        out[(u, v)] = (shared + 1) / (len(nu) + len(nv) - shared + 1)
    return out


@st.composite
def edge_lists(draw: st.DrawFn) -> tuple[list[tuple[int, int]], bool]:
    n = draw(st.integers(2, 9))
    directed = draw(st.booleans())
    pairs = [(i, j) for i in range(n) for j in range(n) if i != j and (directed or i < j)]
    edges = draw(st.lists(st.sampled_from(pairs), unique=True, min_size=1, max_size=25))
    return edges, directed


class TestFromOverlap:
    def test_docstring_example_by_hand(self) -> None:
        edges = [("a", "b"), ("b", "c"), ("a", "c"), ("c", "d")]
        net = Network.from_edges(edges, directed=False, strength=FromOverlap())
        got = strengths_by_pair(net)
        # a-b: shared {c}, k_a = k_b = 2 -> (1 + 1) / (1 + 1 - 1 + 1) = 1
        assert got[("a", "b")] == 1.0
        # a-c: shared {b}, k_a = 2, k_c = 3 -> 2 / (1 + 2 - 1 + 1) = 2/3
        assert got[("a", "c")] == pytest.approx(2 / 3, rel=1e-12)
        # c-d: local bridge, k_c = 3, k_d = 1 -> 1 / (2 + 0 - 0 + 1) = 1/3
        assert got[("c", "d")] == pytest.approx(1 / 3, rel=1e-12)

    @SETTINGS
    @given(edge_lists())
    def test_matches_brute_force(self, case: tuple[list[tuple[int, int]], bool]) -> None:
        edges, directed = case
        net = Network.from_edges(edges, directed=directed, strength=FromOverlap())
        got = strengths_by_pair(net)
        expected = brute_overlap(net)
        assert got.keys() == expected.keys()
        for pair, value in expected.items():
            assert got[pair] == pytest.approx(value, rel=1e-12)
        assert np.all((net.strength.data > 0) & (net.strength.data <= 1))

    def test_local_bridge_gets_the_minimum(self) -> None:
        net = Network.from_frames(None, barbell(4).to_frames()[1][["source", "target"]],
                                  directed=False, strength=FromOverlap())
        got = strengths_by_pair(net)
        assert got[(3, 4)] == pytest.approx(1 / 7, rel=1e-12) == min(got.values())
        assert sorted(set(np.round(list(got.values()), 12))) == [round(1 / 7, 12), 0.75, 1.0]
        bridges = {tuple(sorted(e)) for e in nx.local_bridges(net.to_networkx(), with_span=False)}
        assert bridges == {(3, 4)}

    def test_isolated_pair_is_one(self) -> None:
        net = Network.from_edges([("a", "b"), ("c", "d"), ("d", "e")], directed=True, strength=FromOverlap())
        assert strengths_by_pair(net)[("a", "b")] == 1.0


def test_custom_strength_model() -> None:
    class Half(StrengthModel):
        def compute(self, columns: Any, src: Any, dst: Any, *, n_actors: int, directed: bool) -> Any:
            assert src.size == dst.size == len(columns["note"])
            return np.full(src.size, 0.5)

    ties = pd.DataFrame({"source": ["a", "b"], "target": ["b", "a"], "note": ["x", "y"]})
    net = Network.from_frames(None, ties, strength=Half())
    assert net.strength.data.tolist() == [0.5, 0.5]


# ---------------------------------------------------------------------- strict inputs
class TestStrictInputs:
    TIES = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "counts": [1, 2]})

    @pytest.mark.parametrize(
        ("values", "pattern"),
        [([True, False], "booleans"), ([1 + 1j, 2 + 0j], "complex numbers"), (["1", "2"], "must be numeric")],
        ids=["bool", "complex", "str"],
    )
    def test_counts_must_be_real_numbers(self, values: list[Any], pattern: str) -> None:
        ties = self.TIES.assign(counts=values)
        with pytest.raises(InvalidNetworkError, match=rf"'counts' \(interaction count\).*{pattern}"):
            Network.from_frames(None, ties, strength=FromInteractions(count="counts"))

    def test_unparseable_dates_and_reference_time(self) -> None:
        ties = self.TIES.assign(last=["2024-01-01", "not a date"])
        with pytest.raises(InvalidNetworkError, match=r"'last' \(last contact\) must hold dates"):
            Network.from_frames(None, ties, strength=FromInteractions(count="counts", last_contact="last"))
        with pytest.raises(InvalidParameterError, match="`reference_time` of FromInteractions"):
            FromInteractions(reference_time="yesterday-ish")

    @pytest.mark.parametrize(("param", "value"), [("count", 3), ("count", None), ("last_contact", ["last"])])
    def test_column_names_must_be_str(self, param: str, value: Any) -> None:
        with pytest.raises(InfnetTypeError, match=rf"`{param}` of FromInteractions"):
            FromInteractions(**{param: value})

    def test_model_strengths_stay_above_the_solver_floor(self) -> None:
        from infnet._validation import MIN_STRENGTH as SOLVER_FLOOR

        assert MIN_STRENGTH >= SOLVER_FLOOR
        old = self.TIES.assign(last=pd.to_datetime(["1900-01-01", "2024-01-01"]))
        net = Network.from_frames(None, old, strength=FromInteractions(count="counts", last_contact="last"))
        assert net.strength.data.min() == MIN_STRENGTH
