"""Tests of `infnet.read_network` / `infnet.write_network` (CSV and Parquet): round trips
that keep direction, focal organisation and threshold, the (actors, ties) order, and
atomic writes. Malformed files are in tests/hostile/test_files.py."""

from __future__ import annotations

import json
import os
import tempfile
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_network import build, network_frames

from infnet import (
    InfnetWarning,
    InvalidNetworkError,
    InvalidParameterError,
    Network,
    read_network,
    write_network,
)
from infnet.exceptions import InvalidFileError
from infnet.io import SIDECAR_SUFFIX
from infnet.synthetic import barbell, star, toy_network

SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ALL_SUFFIXES = [".csv", ".parquet", ".csv.gz", ".tsv", ".tsv.gz"]
SUFFIXES = pytest.mark.parametrize("suffix", ALL_SUFFIXES)


def round_trip(net: Network, folder: Path, suffix: str, **kwargs: Any) -> Network:
    """Write and read back with no settings passed: they must travel with the files."""
    ties, actors = folder / f"ties{suffix}", folder / f"actors{suffix}"
    write_network(net, actors, ties)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing assumed, nothing overridden
        return read_network(actors, ties, **kwargs)


@SUFFIXES
def test_canonical_networks_round_trip(suffix: str, tmp_path: Path) -> None:
    for net in (toy_network(), star(4), barbell(3)):
        again = round_trip(net, tmp_path, suffix)
        assert again.equals(net)


@SETTINGS
@given(
    data=network_frames(),
    suffix=st.sampled_from(ALL_SUFFIXES),
    threshold=st.sampled_from([0.5, 0.25, 1.0, 1 / 3]),
)
def test_random_networks_round_trip(data: dict[str, Any], suffix: str, threshold: float) -> None:
    net = build(data, strong_threshold=threshold)
    with tempfile.TemporaryDirectory() as folder:
        again = round_trip(net, Path(folder), suffix)
        ties_only = Path(folder) / f"only{suffix}"
        write_network(net, None, ties_only)
        alone = None
        if net.n_ties and net.focal_organisation is None:
            alone = read_network(None, ties_only)
        elif net.n_ties:
            with pytest.warns(InfnetWarning, match=r"records focal_organisation=.*not applied"):
                alone = read_network(None, ties_only)
    assert again.equals(net)
    assert (again.directed, again.focal_organisation, again.strong_threshold) == (
        net.directed, net.focal_organisation, threshold,
    )
    assert set(again.tie_attributes) == {"count", "weight", "relation"}
    if alone is not None:  # ties alone keep direction, threshold and the ties
        assert (alone.directed, alone.strong_threshold) == (net.directed, threshold)
        assert alone.n_ties == net.n_ties


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_string_ids_that_look_numeric_survive(suffix: str, tmp_path: Path) -> None:
    net = Network.from_edges([("007", "7", 0.5), ("7", "1e3", 0.25)], directed=False)
    again = round_trip(net, tmp_path, suffix)
    assert again.equals(net)
    assert sorted(again.actor_ids) == ["007", "1e3", "7"]


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
@pytest.mark.parametrize("directed", [True, False])
def test_attributes_with_missing_values_round_trip(suffix: str, directed: bool, tmp_path: Path) -> None:
    actors = pd.DataFrame(
        {
            "id": ["ann", "bob", "cy"],
            "organisation": ["Acme", "Beta", "Beta"],
            "audience": [1200.0, np.nan, 40.0],
            "note": ["x", None, "y"],
        }
    )
    ties = pd.DataFrame(
        {"source": ["ann", "bob"], "target": ["bob", "cy"], "strength": [0.1 + 0.2, 1 / 3],
         "count": [3, 4], "channel": ["email", "call"]}
    )
    net = Network.from_frames(actors, ties, directed=directed, focal_organisation="Acme")
    again = round_trip(net, tmp_path, suffix)
    assert again.equals(net)
    # floats are written and read back exactly (0.1 + 0.2 and 1/3 are not short decimals)
    assert again.strength.data.tolist() == net.strength.data.tolist()


def test_ties_only_and_written_tables(tmp_path: Path) -> None:
    net = Network.from_edges([("a", "b", 0.5), ("b", "c", 0.25)], directed=False)
    write_network(net, None, tmp_path / "ties.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ties.csv", "ties.csv" + SIDECAR_SUFFIX]
    written = pd.read_csv(tmp_path / "ties.csv")
    assert written.columns.tolist() == ["source", "target", "strength"]
    assert len(written) == 2  # each undirected tie once
    assert read_network(None, tmp_path / "ties.csv").equals(net)
    side = json.loads((tmp_path / f"ties.csv{SIDECAR_SUFFIX}").read_text())
    assert side["directed"] is False
    assert side["table"] == "ties"
    assert side["size"] == (tmp_path / "ties.csv").stat().st_size
    assert side["id_dtype"] == "string"


def test_parquet_schema_metadata(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    write_network(toy_network(), tmp_path / "a.parquet", tmp_path / "t.parquet")
    for name, role in (("a.parquet", "actors"), ("t.parquet", "ties")):
        meta = json.loads(pq.read_schema(tmp_path / name).metadata[b"infnet"])
        assert meta["table"] == role
        assert meta["directed"] is False
        assert meta["focal_organisation"] == "Acme"
        assert meta["strong_threshold"] == 0.5
        assert meta["infnet_version"]
    assert not list(tmp_path.glob("*.json"))  # no sidecar for Parquet


def test_nothing_recorded_assumes_directed_and_says_so(tmp_path: Path) -> None:
    pd.DataFrame({"source": ["a"], "target": ["b"]}).to_csv(tmp_path / "t.csv", index=False)
    with pytest.warns(InfnetWarning, match=r"assumed directed=True; pass directed="):
        net = read_network(None, tmp_path / "t.csv")
    assert net.directed
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert not read_network(None, tmp_path / "t.csv", directed=False).directed


def test_explicit_keyword_wins_but_warns(tmp_path: Path) -> None:
    net = toy_network()  # undirected, focal Acme
    write_network(net, tmp_path / "a.csv", tmp_path / "t.csv")
    with pytest.warns(InfnetWarning, match=r"directed=True given, but .*t\.csv' records directed=False"):
        again = read_network(tmp_path / "a.csv", tmp_path / "t.csv", directed=True)
    assert again.directed
    with pytest.warns(InfnetWarning, match=r"focal_organisation='Beta' given, .*records focal_organisation='Acme'"):
        again = read_network(tmp_path / "a.csv", tmp_path / "t.csv", focal_organisation="Beta")
    assert again.focal_organisation == "Beta"
    with pytest.warns(InfnetWarning, match=r"strong_threshold=0.7 given, .*records strong_threshold=0.5"):
        again = read_network(tmp_path / "a.csv", tmp_path / "t.csv", strong_threshold=0.7)
    assert again.strong_threshold == 0.7
    with warnings.catch_warnings():  # agreeing keywords are silent
        warnings.simplefilter("error")
        read_network(tmp_path / "a.csv", tmp_path / "t.csv", directed=False, focal_organisation="Acme")


def test_stale_sidecar_is_ignored_with_a_warning(tmp_path: Path) -> None:
    write_network(star(2), None, tmp_path / "t.csv")
    pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]}).to_csv(tmp_path / "t.csv", index=False)
    with pytest.warns(InfnetWarning) as record:
        net = read_network(None, tmp_path / "t.csv")
    text = " ".join(str(w.message) for w in record)
    assert "ignores the sidecar" in text
    assert "assumed directed=True" in text
    assert net.n_ties == 2


def test_files_written_apart_are_refused(tmp_path: Path) -> None:
    write_network(toy_network(), tmp_path / "a.csv", tmp_path / "t.csv")
    write_network(star(2), None, tmp_path / "t2.csv")  # directed, another focal organisation
    with pytest.raises(InvalidFileError, match=r"a\.csv' records directed=False .*t2\.csv' records directed=True"):
        read_network(tmp_path / "a.csv", tmp_path / "t2.csv")


# ---------------------------------------------------------------------- argument order
def test_old_argument_order_is_refused_with_the_fix(tmp_path: Path) -> None:
    net = toy_network()
    with pytest.raises(InvalidParameterError, match=r"needs the ties destination .*write_network\(network, None, "):
        write_network(net, tmp_path / "ties.csv")  # old: ties only
    with pytest.raises(InvalidParameterError, match=r"look swapped.*\(actors, ties\)"):
        write_network(net, tmp_path / "ties.csv", tmp_path / "actors.csv")  # old: (ties, actors)
    assert not list(tmp_path.iterdir())
    write_network(net, tmp_path / "actors.csv", tmp_path / "ties.csv")
    with pytest.raises(InvalidParameterError, match=r"needs the ties file .*read_network\(None, "):
        read_network(tmp_path / "ties.csv")  # type: ignore[call-arg]
    with pytest.raises(InvalidParameterError, match=r"looks like the actors file.*\(actors, ties\)"):
        read_network(tmp_path / "ties.csv", tmp_path / "actors.csv")
    # also without any recorded setting: the columns tell
    for name in ("actors.csv", "ties.csv"):
        (tmp_path / f"{name}{SIDECAR_SUFFIX}").unlink()
    with pytest.raises(InvalidParameterError, match=r"looks like the actors file"):
        read_network(tmp_path / "ties.csv", tmp_path / "actors.csv", directed=False)


# ---------------------------------------------------------------------- writing safely
@pytest.mark.parametrize(
    "second",
    ["t.csv", "./t.csv", "sub/../t.csv", "T_LINK"],
)
def test_one_path_for_two_tables_is_refused(second: str, tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "t.csv").write_text("keep\n")
    os.symlink(tmp_path / "t.csv", tmp_path / "T_LINK")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        with pytest.raises(InvalidParameterError, match=r"same file"):
            write_network(toy_network(), second, tmp_path / "t.csv", format="csv")
    finally:
        os.chdir(cwd)
    assert (tmp_path / "t.csv").read_text() == "keep\n"


def test_unknown_extension_and_directory_destination(tmp_path: Path) -> None:
    with pytest.raises(InvalidParameterError, match=r"cannot tell the format of .*out\.xlsx"):
        write_network(star(1), None, tmp_path / "out.xlsx")
    (tmp_path / "d.csv").mkdir()
    with pytest.raises(InvalidFileError, match=r"d\.csv' is a directory"):
        write_network(star(1), None, tmp_path / "d.csv")
    with pytest.raises(InvalidFileError, match=r"does not exist"):
        write_network(star(1), None, tmp_path / "nowhere" / "t.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.csv"]


def test_never_writes_half(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_network(star(2), tmp_path / "a.csv", tmp_path / "t.parquet")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def broken(*args: Any, **kwargs: Any) -> None:
        raise OSError(28, "No space left on device", str(tmp_path / "t.parquet"))

    import pyarrow.parquet as pq

    monkeypatch.setattr(pq, "write_table", broken)
    with pytest.raises(InvalidFileError, match=r"cannot write .*t\.parquet.*No space left"):
        write_network(toy_network(), tmp_path / "a.csv", tmp_path / "t.parquet")
    # the actors CSV was complete before the ties failed: neither replaced, no temp left
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_written_files_have_ordinary_permissions(tmp_path: Path) -> None:
    write_network(star(2), None, tmp_path / "t.csv")
    probe = tmp_path / "probe"
    probe.write_text("")
    assert (tmp_path / "t.csv").stat().st_mode == probe.stat().st_mode


def test_format_can_be_forced(tmp_path: Path) -> None:
    net = star(2)
    write_network(net, tmp_path / "actors.data", tmp_path / "ties.data", format="parquet")
    pd.read_parquet(tmp_path / "ties.data")  # really parquet
    again = read_network(tmp_path / "actors.data", tmp_path / "ties.data", format="parquet")
    assert again.equals(net)


def test_kwargs_reach_from_frames(tmp_path: Path) -> None:
    pd.DataFrame({"from": ["a", "a"], "to": ["b", "b"], "w": [0.2, 0.4]}).to_csv(tmp_path / "t.csv", index=False)
    with pytest.raises(InvalidNetworkError, match="more than once"):
        read_network(None, tmp_path / "t.csv", source="from", target="to", strength="w", directed=True)
    net = read_network(None, tmp_path / "t.csv", source="from", target="to", strength="w",
                       duplicates="max", directed=True)
    assert net.strength.data.tolist() == [0.4]


def test_errors(tmp_path: Path) -> None:
    with pytest.raises(InvalidFileError, match=r"ties file .*missing\.csv' does not exist"):
        read_network(None, tmp_path / "missing.csv")
    (tmp_path / "ties.txt").write_text("source,target\na,b\n")
    with pytest.raises(InvalidParameterError, match=r"cannot tell the format of .*ties.txt"):
        read_network(None, tmp_path / "ties.txt")
    with pytest.raises(InvalidParameterError, match=r"`format` of read_network .*Did you mean 'csv'"):
        read_network(None, tmp_path / "ties.txt", format="cvs")  # type: ignore[arg-type]
    (tmp_path / "bad.csv").write_text("src,target\na,b\n")
    with pytest.raises(InvalidNetworkError, match="Did you mean 'src'"):
        read_network(None, tmp_path / "bad.csv", directed=True)
    with pytest.raises(InvalidParameterError, match=r"`sep` of read_network"):
        read_network(None, tmp_path / "bad.csv", sep=",,")
    with pytest.raises(InvalidParameterError, match=r"`encoding` of read_network names no known codec"):
        read_network(None, tmp_path / "bad.csv", encoding="utf-99")


def test_sep_and_encoding_keywords(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_bytes("source;target\nMüller;b\n".encode("latin-1"))
    net = read_network(None, tmp_path / "t.csv", sep=";", encoding="latin-1", directed=True)
    assert sorted(net.actor_ids) == ["Müller", "b"]


def test_files_left_untouched(tmp_path: Path) -> None:
    write_network(toy_network(), tmp_path / "actors.csv", tmp_path / "ties.csv")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    read_network(tmp_path / "actors.csv", tmp_path / "ties.csv", directed=False)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_table_the_format_cannot_hold_is_refused_and_nothing_written(tmp_path: Path) -> None:
    actors = pd.DataFrame({"id": ["a", "b"], "mixed": [1, "x"]})
    net = Network.from_frames(actors, pd.DataFrame({"source": ["a"], "target": ["b"]}))
    with pytest.raises(InvalidParameterError, match=r"cannot write the actors table as parquet to .*a\.parquet"):
        write_network(net, tmp_path / "a.parquet", tmp_path / "t.parquet")
    assert not list(tmp_path.iterdir())


def test_focal_organisation_that_cannot_be_recorded(tmp_path: Path) -> None:
    actors = pd.DataFrame({"id": ["a", "b"], "organisation": [("A", 1), ("B", 2)]})
    net = Network.from_frames(actors, pd.DataFrame({"source": ["a"], "target": ["b"]}),
                              focal_organisation=("A", 1))
    with pytest.raises(InvalidParameterError, match=r"can record a focal organisation that is a str"):
        write_network(net, None, tmp_path / "t.csv")
    assert not list(tmp_path.iterdir())


# ------------------------------------------------------------------ read_tables, export options
def _export(folder: Path, ties: pd.DataFrame, name: str = "ties.csv") -> Path:
    """A CSV as another tool writes it: no sidecar, nothing recorded."""
    ties.to_csv(folder / name, index=False)
    return folder / name


SURVEY = pd.DataFrame({
    "source": ["a", "a", "b", "c", "c"],
    "target": ["b", "b", "c", "a", "b"],
    "relation": ["advice", "friendship", "advice", "friendship", "advice"],
    "weight": [4, 2, 8, 1, 16],
})


def _ties(net: Network) -> dict[tuple[Any, Any], float]:
    frame = net.to_frames()[1]
    return {(s, t): w for s, t, w in frame[["source", "target", "strength"]].itertuples(index=False)}


def test_read_tables_gives_the_files_as_they_are(tmp_path: Path) -> None:
    from infnet.io import read_tables

    path = _export(tmp_path, SURVEY)
    tables = read_tables(None, path)
    pd.testing.assert_frame_equal(tables.ties, SURVEY)
    assert tables.actors is None
    assert tables.recorded is None
    assert not tables.direction_recorded
    assert (tables.source, tables.target, tables.ties_path) == ("source", "target", path)
    write_network(toy_network(), tmp_path / "actors.csv", tmp_path / "toy.csv")
    written = read_tables(tmp_path / "actors.csv", tmp_path / "toy.csv")
    assert written.direction_recorded
    assert written.recorded is not None and written.recorded["directed"] is False
    assert written.to_network().equals(toy_network())


def test_read_network_is_read_tables_then_to_network(tmp_path: Path) -> None:
    from infnet.io import read_tables

    path = _export(tmp_path, SURVEY)
    options: dict[str, Any] = {"directed": True, "relation": "advice", "reverse": True,
                               "strength": "weight", "rescale": "max"}
    one = read_network(None, path, **options)
    tables = read_tables(None, path)
    two = tables.to_network(**options)
    assert one.equals(two)
    pd.testing.assert_frame_equal(tables.ties, SURVEY)  # the tables are not modified


def test_relation_keeps_the_named_relations(tmp_path: Path) -> None:
    path = _export(tmp_path, SURVEY)
    advice = read_network(None, path, directed=True, relation="advice")
    assert set(_ties(advice)) == {("a", "b"), ("b", "c"), ("c", "b")}
    both = read_network(None, path, directed=True, relation=["advice", "friendship"],
                        duplicates="max")
    assert set(_ties(both)) == {("a", "b"), ("b", "c"), ("c", "a"), ("c", "b")}
    assert set(both.tie_attributes) >= {"relation", "weight"}


def test_relation_weights_times_the_strength_column(tmp_path: Path) -> None:
    path = _export(tmp_path, SURVEY)
    net = read_network(None, path, directed=True, relation={"advice": 1.0, "friendship": 0.5},
                       duplicates="max")
    assert _ties(net) == {("a", "b"): 1.0, ("b", "c"): 1.0, ("c", "a"): 0.5, ("c", "b"): 1.0}
    with pytest.warns(InfnetWarning, match="friendship"):
        scaled = read_network(None, path, directed=True, relation={"advice": 0.5},
                              strength="weight", rescale="max")
    # advice weights 4, 8, 16 -> 0.25, 0.5, 1 -> times 0.5
    assert _ties(scaled) == pytest.approx({("a", "b"): 0.125, ("b", "c"): 0.25, ("c", "b"): 0.5})


def test_relation_weights_announce_what_they_drop(tmp_path: Path) -> None:
    path = _export(tmp_path, SURVEY)
    with pytest.warns(InfnetWarning, match=r"no weight to the relations \{'friendship': 2\}"):
        read_network(None, path, directed=True, relation={"advice": 1.0})
    with pytest.warns(InfnetWarning, match="2 ties get strength 0"):
        read_network(None, path, directed=True, duplicates="max",
                     relation={"advice": 1.0, "friendship": 0.0})


def test_relation_errors_name_the_relation_and_the_column(tmp_path: Path) -> None:
    from infnet.exceptions import InfnetTypeError, MissingColumnError

    path = _export(tmp_path, SURVEY)
    with pytest.raises(InvalidParameterError, match=r"'advise'.*Did you mean 'advice'"):
        read_network(None, path, directed=True, relation="advise")
    with pytest.raises(MissingColumnError, match=r"no relation column 'kind'"):
        read_network(None, path, directed=True, relation="advice", relation_column="kind")
    with pytest.raises(InfnetTypeError, match="`relation`"):
        read_network(None, path, directed=True, relation=3)
    with pytest.raises(InvalidParameterError, match=r"relation\['advice'\]"):
        read_network(None, path, directed=True, relation={"advice": -1.0})


@pytest.mark.parametrize(("how", "expected"), [
    ("max", [0.25, 0.5, 1.0]),
    ("minmax", [1e-12, 1 / 3, 1.0]),
    ("rank", [1 / 3, 2 / 3, 1.0]),
])
def test_rescale_maps_weights_into_the_unit_interval(tmp_path: Path, how: str,
                                                     expected: list[float]) -> None:
    path = _export(tmp_path, SURVEY[SURVEY["relation"] == "advice"])
    net = read_network(None, path, directed=True, strength="weight", rescale=how)
    got = _ties(net)
    assert [got[("a", "b")], got[("b", "c")], got[("c", "b")]] == pytest.approx(expected)


def test_rescale_refusals(tmp_path: Path) -> None:
    path = _export(tmp_path, SURVEY)
    with pytest.raises(InvalidParameterError, match="`rescale` of read_network needs `strength`"):
        read_network(None, path, directed=True, rescale="max")
    with pytest.raises(InvalidParameterError, match="rescale"):
        read_network(None, path, directed=True, strength="weight", rescale="log")
    zero = _export(tmp_path, SURVEY.assign(weight=[0, 1, 2, 3, 4]), "zero.csv")
    with pytest.raises(InvalidNetworkError, match="rescale='minmax' or rescale='rank'"):
        read_network(None, zero, directed=True, strength="weight", rescale="max",
                     duplicates="max")
    text = _export(tmp_path, SURVEY.assign(weight=["1", "x", "2", "3", "4"]), "text.csv")
    with pytest.raises(InvalidNetworkError, match=r"numeric and finite; 1 rows"):
        read_network(None, text, directed=True, strength="weight", rescale="rank",
                     duplicates="max")
    from infnet.ties import FromInteractions

    with pytest.raises(InvalidParameterError, match="strength model"):
        read_network(None, path, directed=True, strength=FromInteractions(count="weight"),
                     rescale="max", duplicates="max")


def test_reverse_flips_every_tie_and_says_when_it_cannot(tmp_path: Path) -> None:
    path = _export(tmp_path, SURVEY[SURVEY["relation"] == "advice"])
    plain = read_network(None, path, directed=True)
    flipped = read_network(None, path, directed=True, reverse=True)
    assert {(t, s) for s, t in _ties(plain)} == set(_ties(flipped))
    with pytest.warns(InfnetWarning, match="changes nothing in an undirected network"):
        undirected = read_network(None, path, directed=False, reverse=True, duplicates="max")
    assert undirected.equals(read_network(None, path, directed=False, duplicates="max"))


def test_unknown_keyword_is_a_typed_error(tmp_path: Path) -> None:
    from infnet.exceptions import InfnetTypeError
    from infnet.io import read_tables

    path = _export(tmp_path, SURVEY)
    with pytest.raises(InfnetTypeError, match="'duplicate'.*Did you mean 'duplicates'"):
        read_network(None, path, directed=True, duplicate="max")
    with pytest.raises(InfnetTypeError, match="reading option"):
        read_tables(None, path).to_network(source="target")


@SETTINGS
@given(data=network_frames(directed=True))
def test_reverse_equals_swapped_columns(data: dict[str, Any]) -> None:
    ties = data["ties"]
    assume(len(ties) > 0)
    with tempfile.TemporaryDirectory() as folder:
        path = _export(Path(folder), ties)
        got = read_network(None, path, directed=True, reverse=True, duplicates="raise")
        ties = pd.read_csv(path)  # as read back (ids typed by the CSV reader)
    swapped = ties.rename(columns={"source": "target", "target": "source"})
    expected = Network.from_frames(None, swapped, directed=True)
    assert got.equals(expected)
