"""Hostile files for `infnet.read_network`: one case per malformed-file class.

Each case asserts the typed error (InvalidFileError, MissingColumnError or
ResourceLimitError, all InfnetErrors) and that the message names the file, and the
line where it is known. A few cases check the correct result instead (header-only
file, explicit encoding).
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import infnet.io
from infnet import read_network, write_network
from infnet.exceptions import (
    InfnetError,
    InvalidFileError,
    InvalidNetworkError,
    MissingColumnError,
    ResourceLimitError,
)
from infnet.synthetic import toy_network

GOOD = "source,target,strength\na,b,0.5\nb,c,0.25\n"


def _text(content: str, encoding: str = "utf-8") -> Callable[[Path], None]:
    return lambda p: p.write_bytes(content.encode(encoding))


def _bytes(content: bytes) -> Callable[[Path], None]:
    return lambda p: p.write_bytes(content)


def _parquet(p: Path) -> None:
    pd.DataFrame({"source": ["a"], "target": ["b"]}).to_parquet(p)


def _mkdir(p: Path) -> None:
    p.mkdir()


# (case id, file name, how to make it, error class, extra text the message must contain)
CASES: list[tuple[str, str, Callable[[Path], None] | None, type[InfnetError], str]] = [
    ("missing", "ties.csv", None, InvalidFileError, "does not exist"),
    ("directory", "ties.csv", _mkdir, InvalidFileError, "is a directory"),
    ("empty-0-bytes", "ties.csv", _bytes(b""), InvalidFileError, "empty (0 bytes)"),
    ("empty-parquet", "ties.parquet", _bytes(b""), InvalidFileError, "empty (0 bytes)"),
    ("blank-lines-only", "ties.csv", _text("\n\n\n"), InvalidFileError, "no header line"),
    ("ragged-long-row", "ties.csv", _text("source,target\na,b\nb,c,0.5\n"), InvalidFileError,
     "line 3 has 3 fields, the header has 2"),
    ("ragged-short-row", "ties.csv", _text("source,target,strength\na,b,0.5\nb,c\n"),
     InvalidFileError, "line 3 has 2 fields, the header has 3"),
    ("ragged-short-row-gz", "ties.csv.gz",
     _bytes(gzip.compress(b"source,target,strength\na,b,0.5\nc,d,0.5\nb,c\n")),
     InvalidFileError, "line 4 has 2 fields"),
    ("unterminated-quote", "ties.csv", _text('source,target\na,"b\n'), InvalidFileError,
     "cannot be parsed as CSV"),
    ("utf-16-bom", "ties.csv", _text(GOOD, "utf-16"), InvalidFileError,
     "not valid utf-8 at byte 0 (line 1). It starts with a UTF-16 byte-order mark: pass encoding='utf-16'"),
    ("utf-16-le-no-bom", "ties.csv", _text(GOOD, "utf-16-le"), InvalidFileError,
     "NUL bytes in its header line"),
    ("latin-1", "ties.csv", _text("source,target\na,b\nc,Müller\n", "latin-1"), InvalidFileError,
     "not valid utf-8 at byte 21 (line 3). Pass its encoding, e.g. encoding='latin-1'"),
    ("latin-1-gz", "ties.csv.gz", _bytes(gzip.compress("source,target\nä,b\n".encode("latin-1"))),
     InvalidFileError, "at byte 14 of the decompressed text (line 2)"),
    ("fake-gzip", "ties.csv.gz", _text(GOOD), InvalidFileError,
     "is named .gz but is not gzip-compressed"),
    ("truncated-gzip", "ties.csv.gz", _bytes(gzip.compress(GOOD.encode() * 50)[:40]),
     InvalidFileError, "cannot be read"),
    ("gzip-named-csv", "ties.csv", _bytes(gzip.compress(GOOD.encode())), InvalidFileError,
     "gzip-compressed but not named .gz"),
    ("garbage-parquet", "ties.parquet", _bytes(b"PAR1 this is not really parquet PAR1"),
     InvalidFileError, "not a readable Parquet file"),
    ("csv-named-parquet", "ties.parquet", _text(GOOD), InvalidFileError, "is not a Parquet file"),
    ("parquet-named-csv", "ties.csv", _parquet, InvalidFileError,
     "is a Parquet file, not CSV; name it .parquet or pass format='parquet'"),
    ("zip-named-csv", "ties.csv", _bytes(b"PK\x03\x04" + b"\x00" * 30), InvalidFileError,
     "is a zip archive"),
    ("duplicate-columns", "ties.csv", _text("source,target,source\na,b,c\n"), InvalidFileError,
     "names the column 'source' more than once in its header (line 1)"),
    ("semicolon-separated", "ties.csv", _text("source;target\na;b\n"), InvalidFileError,
     "looks semicolon-separated: pass sep=';'"),
    ("space-before-strength", "ties.csv", _text("source,target, strength\na,b,0.5\n"),
     MissingColumnError, "no column 'strength' but has ' strength' (differs in case or whitespace). Did you mean ' strength'?"),
    ("capital-strength", "ties.csv", _text("source,target,Strength\na,b,0.5\n"),
     MissingColumnError, "Did you mean 'Strength'?"),
    ("capital-source", "ties.csv", _text("Source,target\na,b\n"), MissingColumnError,
     "no column 'source' but has 'Source'"),
    ("stray-whitespace-attribute", "ties.csv", _text("source,target,channel \na,b,x\n"),
     MissingColumnError, "stray whitespace, 'channel '"),
    ("special-file", "dev-null.csv", None, InvalidFileError, "not a regular file"),
]


@pytest.mark.parametrize(("case", "name", "make", "error", "text"), CASES, ids=[c[0] for c in CASES])
def test_malformed_ties_file(
    case: str,
    name: str,
    make: Callable[[Path], None] | None,
    error: type[InfnetError],
    text: str,
    tmp_path: Path,
) -> None:
    path = tmp_path / name
    if case == "special-file":
        path.symlink_to("/dev/null")
    elif make is not None:
        make(path)
    with pytest.raises(error) as info:
        read_network(None, path, directed=True)
    message = str(info.value)
    assert str(path) in message, message
    assert text in message, message
    assert len(message) < 400, message  # short: one sentence, no traceback dump
    assert isinstance(info.value, InvalidNetworkError)  # the file family, a ValueError


def test_missing_file_is_not_an_oserror(tmp_path: Path) -> None:
    """Documented choice: every bad input is an InfnetError (ValueError), not an OSError."""
    with pytest.raises(InvalidFileError) as info:
        read_network(None, tmp_path / "nope.csv", directed=True)
    assert not isinstance(info.value, OSError)


@pytest.mark.parametrize(
    ("header", "text"),
    [("ID,segment\n", "no column 'id' but has 'ID'"), ("id,Segment\n", "Did you mean 'Segment'?")],
)
def test_malformed_actors_header(header: str, text: str, tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("source,target\na,b\n")
    (tmp_path / "a.csv").write_text(header + "a,x\nb,y\n")
    with pytest.raises(MissingColumnError, match=re.escape(text)) as info:
        read_network(tmp_path / "a.csv", tmp_path / "t.csv", directed=True)
    assert str(tmp_path / "a.csv") in str(info.value)


def test_duplicate_columns_in_parquet(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table([pa.array(["a"]), pa.array(["b"]), pa.array(["c"])], names=["source", "target", "source"])
    pq.write_table(table, tmp_path / "t.parquet")
    with pytest.raises(InvalidFileError, match=r"t\.parquet' names the column\(s\) \['source'\] more than once"):
        read_network(None, tmp_path / "t.parquet", directed=True)


def test_malformed_sidecar(tmp_path: Path) -> None:
    write_network(toy_network(), None, tmp_path / "t.csv")
    (tmp_path / "t.csv.infnet.json").write_text("{not json")
    with pytest.raises(InvalidFileError, match=r"sidecar 't\.csv\.infnet\.json' of the ties file .*t\.csv' are malformed"):
        read_network(None, tmp_path / "t.csv")


def test_file_larger_than_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "t.csv").write_text(GOOD)
    monkeypatch.setattr(infnet.io, "_available_memory", lambda: 10)
    with pytest.raises(ResourceLimitError, match=r"t\.csv' is \d+ bytes, more than the 10 bytes .*the ties argument"):
        read_network(None, tmp_path / "t.csv", directed=True)


def test_memory_error_while_parsing_is_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "t.csv").write_text(GOOD)

    def exhausted(*args: Any, **kwargs: Any) -> pd.DataFrame:
        raise MemoryError

    monkeypatch.setattr(pd, "read_csv", exhausted)
    with pytest.raises(ResourceLimitError, match=r"t\.csv' does not fit in the memory"):
        read_network(None, tmp_path / "t.csv", directed=True)


@pytest.mark.parametrize("bad", [123, b"ties.csv", ["ties.csv"], ""])
def test_path_of_the_wrong_type(bad: Any) -> None:
    with pytest.raises(InfnetError, match=r"`ties` of read_network must be a file path"):
        read_network(None, bad, directed=True)


# ------------------------------------------------------------ inputs that are fine
def test_header_only_is_no_ties_and_from_frames_decides(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("source,target,strength\n")
    with pytest.raises(InvalidNetworkError, match="the network is empty"):
        read_network(None, tmp_path / "t.csv", directed=True)
    (tmp_path / "a.csv").write_text("id\na\nb\n")
    net = read_network(tmp_path / "a.csv", tmp_path / "t.csv", directed=True)
    assert (net.n_actors, net.n_ties) == (2, 0)


def test_empty_trailing_field_is_not_ragged(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("source,target,strength,note\na,b,0.5,\nb,c,0.5,x\n")
    net = read_network(None, tmp_path / "t.csv", directed=True)
    assert net.n_ties == 2


def test_utf8_bom_and_explicit_encodings(tmp_path: Path) -> None:
    (tmp_path / "bom.csv").write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    assert read_network(None, tmp_path / "bom.csv", directed=True).n_ties == 2
    (tmp_path / "u16.csv").write_bytes(GOOD.encode("utf-16"))
    assert read_network(None, tmp_path / "u16.csv", directed=True, encoding="utf-16").n_ties == 2


def test_tsv_and_explicit_sep(tmp_path: Path) -> None:
    (tmp_path / "t.tsv").write_text(GOOD.replace(",", "\t"))
    assert read_network(None, tmp_path / "t.tsv", directed=True).n_ties == 2
    (tmp_path / "t.csv").write_text(GOOD.replace(",", "|"))
    assert read_network(None, tmp_path / "t.csv", directed=True, sep="|").n_ties == 2


def test_case_count() -> None:
    """The suite's size, reported in the issue's closing note."""
    assert len(CASES) == 27


# ------------------------------------------------------------ hostile export options
REL = "source,target,relation,w\na,b,advice,2\nb,c,friend,4\nc,a,advice,x\n"


@pytest.mark.parametrize(("options", "error", "names"), [
    ({"relation": {"advice": float("nan")}}, InfnetError, "relation['advice']"),
    ({"relation": {"advice": float("inf")}}, InfnetError, "relation['advice']"),
    ({"relation": {"advice": True}}, InfnetError, "relation['advice']"),
    ({"relation": {1: 1.0}}, InfnetError, "relation names must be str"),
    ({"relation": ["advice", 3]}, InfnetError, "`relation`"),
    ({"relation": []}, InfnetError, "names no relation"),
    ({"relation": "advice", "relation_column": ["relation"]}, InfnetError, "relation_column"),
    ({"relation": "advice\x00"}, InfnetError, "no tie"),
    ({"strength": "w", "rescale": "max"}, InvalidNetworkError, "1 rows are not"),
    ({"strength": "w", "rescale": "__import__('os')"}, InfnetError, "rescale"),
    ({"reverse": "yes"}, InfnetError, "reverse"),
    ({"strength": "nope", "rescale": "rank"}, MissingColumnError, "'nope'"),
])
def test_hostile_export_options(tmp_path: Path, options: dict[str, Any], error: type,
                                names: str) -> None:
    path = tmp_path / "ties.csv"
    path.write_text(REL)
    with pytest.raises(error) as info:
        read_network(None, path, directed=True, **options)
    assert names in str(info.value)
    assert "\n" not in str(info.value)
