"""Tests of `infnet.read_network` / `infnet.write_network` (CSV and Parquet)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from test_network import build, network_frames

from infnet import InvalidNetworkError, InvalidParameterError, Network, read_network, write_network
from infnet.synthetic import barbell, star, toy_network

SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SUFFIXES = pytest.mark.parametrize("suffix", [".csv", ".parquet", ".csv.gz", ".tsv"])


def round_trip(net: Network, folder: Path, suffix: str, **kwargs: Any) -> Network:
    ties, actors = folder / f"ties{suffix}", folder / f"actors{suffix}"
    write_network(net, ties, actors)
    return read_network(ties, actors, directed=net.directed, focal_organisation=net.focal_organisation,
                        **kwargs)


@SUFFIXES
def test_canonical_networks_round_trip(suffix: str, tmp_path: Path) -> None:
    for net in (toy_network(), star(4), barbell(3)):
        again = round_trip(net, tmp_path, suffix)
        assert again.equals(net)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
@SETTINGS
@given(data=network_frames())
def test_random_networks_round_trip(suffix: str, data: dict[str, Any]) -> None:
    net = build(data)
    with tempfile.TemporaryDirectory() as folder:
        again = round_trip(net, Path(folder), suffix)
    assert again.equals(net)
    assert set(again.tie_attributes) == {"count", "weight", "relation"}


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
    write_network(net, tmp_path / "ties.csv")
    assert not (tmp_path / "actors.csv").exists()
    written = pd.read_csv(tmp_path / "ties.csv")
    assert written.columns.tolist() == ["source", "target", "strength"]
    assert len(written) == 2  # each undirected tie once
    assert read_network(tmp_path / "ties.csv", directed=False).equals(net)


def test_format_can_be_forced(tmp_path: Path) -> None:
    net = star(2)
    write_network(net, tmp_path / "ties.data", tmp_path / "actors.data", format="parquet")
    pd.read_parquet(tmp_path / "ties.data")  # really parquet
    again = read_network(tmp_path / "ties.data", tmp_path / "actors.data", format="parquet",
                         focal_organisation="hub")
    assert again.equals(net)


def test_kwargs_reach_from_frames(tmp_path: Path) -> None:
    pd.DataFrame({"from": ["a", "a"], "to": ["b", "b"], "w": [0.2, 0.4]}).to_csv(tmp_path / "t.csv", index=False)
    with pytest.raises(InvalidNetworkError, match="more than once"):
        read_network(tmp_path / "t.csv", source="from", target="to", strength="w")
    net = read_network(tmp_path / "t.csv", source="from", target="to", strength="w", duplicates="max")
    assert net.strength.data.tolist() == [0.4]


def test_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"no such file .*missing\.csv"):
        read_network(tmp_path / "missing.csv")
    (tmp_path / "ties.txt").write_text("source,target\na,b\n")
    with pytest.raises(InvalidParameterError, match=r"cannot tell the format of .*ties.txt"):
        read_network(tmp_path / "ties.txt")
    with pytest.raises(InvalidParameterError, match=r"`format` of read_network .*Did you mean 'csv'"):
        read_network(tmp_path / "ties.txt", format="cvs")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="cannot tell the format"):
        write_network(star(1), tmp_path / "out.xlsx")
    (tmp_path / "bad.csv").write_text("src,target\na,b\n")
    with pytest.raises(InvalidNetworkError, match="Did you mean 'src'"):
        read_network(tmp_path / "bad.csv")


def test_files_left_untouched(tmp_path: Path) -> None:
    write_network(toy_network(), tmp_path / "ties.csv", tmp_path / "actors.csv")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    read_network(tmp_path / "ties.csv", tmp_path / "actors.csv", directed=False)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
