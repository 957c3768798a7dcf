"""Hostile input to the ``infnet`` command line: each case exits 2 with one stderr line that
names what is wrong (in command-line syntax), never a traceback, a hang or code execution."""

from __future__ import annotations

import gzip
from pathlib import Path

import pandas as pd
import pytest

from infnet import write_network
from infnet.cli import main
from infnet.synthetic import toy_network


@pytest.fixture(scope="module")
def toy(tmp_path_factory) -> list[str]:
    d = tmp_path_factory.mktemp("hostile_cli")
    write_network(toy_network(), d / "actors.csv", d / "ties.csv")
    return [str(d / "actors.csv"), str(d / "ties.csv")]


def _refused(capsys, argv: list[str], *expected: str, status: int = 2) -> str:
    code = main(argv)
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if ": error: " in line]
    assert code == status, err
    assert "Traceback" not in err
    assert len(errors) == 1, err
    assert errors[0].startswith("infnet")
    for text in expected:
        assert text in errors[0], errors[0]
    return errors[0]


def _file(tmp_path: Path, name: str, content: bytes | str) -> str:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content)
    else:
        path.write_bytes(content)
    return str(path)


# ------------------------------------------------------------------ bad files
@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("ragged.csv", "source,target\na,b\nb,c,d,e\n", "ragged"),
        ("empty.csv", b"", "empty"),
        ("blank.csv", "\n\n\n", "header"),
        ("fake.csv.gz", b"not gzip at all", "fake.csv.gz"),
        ("utf16.csv", "source,target\na,b\n".encode("utf-16-le"), "--encoding"),
        ("latin1.csv", "source,target\nJos\xe9,b\n".encode("latin-1"), "utf-8"),
        ("garbage.parquet", b"PAR1 garbage", "Parquet"),
        ("semicolon.csv", "source;target\na;b\n", "--sep ';'"),
        ("space.csv", "source, target\na,b\n", "whitespace"),
    ],
)
def test_bad_ties_file(tmp_path, capsys, name, content, expected):
    path = _file(tmp_path, name, content)
    line = _refused(capsys, ["validate", "none", path, "--directed"], expected)
    assert "sep=" not in line
    assert "encoding=" not in line


def test_missing_and_directory_files(tmp_path, capsys):
    _refused(capsys, ["rank", "none", str(tmp_path / "nope.csv"), "--segment", "x"], "nope.csv")
    (tmp_path / "dir.csv").mkdir()
    _refused(capsys, ["measures", "none", str(tmp_path / "dir.csv"), "degree"], "dir.csv")


def test_swapped_or_same_files(toy, capsys):
    actors, ties = toy
    _refused(capsys, ["validate", ties, ties], "same file")
    _refused(capsys, ["validate", "-", "-"], "standard input")
    _refused(capsys, ["validate", actors, "none"], "TIES")


# ------------------------------------------------------------------ bad options
@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["--bogus"], "--bogus"),
        (["-k", "abc"], "-k"),
        (["-k", "0"], "-k"),
        (["-k", str(10**30)], "-k"),
        (["--hops", "9"], "--hops"),
        (["--format", "xml"], "--format"),
        (["--rescale", "log", "--strength", "strength"], "--rescale"),
        (["--rescale", "max"], "--strength"),
        (["--strategy", "balancd"], "balanced"),
        (["--weights", "direct_reach"], "--weights"),
        (["--weights", "direct_reach=-1"], ">= 0"),
        (["--weights", "direct_reach=nan"], "finite"),
        (["--relation-weights", "advice=x"], "--relation-weights"),
        (["--relation", "advice", "--relation-weights", "advice=1"], "one of them"),
        (["--last-contact", "when"], "--strength-from-counts"),
        (["--target-actor", "nobody"], "nobody"),
        (["--label", "nam"], "--label"),
        (["--n-sets", str(10**12)], "--n-sets"),
        (["--seed", "-1"], "seed"),
    ],
)
def test_bad_rank_options(toy, capsys, extra, expected):
    _refused(capsys, ["rank", *toy, "--segment", "fintech", *extra], expected)


@pytest.mark.parametrize("name", ["x.xlsx", "x", "x.csv.bak", "x.PARQUETS"])
def test_unknown_output_extension(toy, tmp_path, capsys, name):
    out = tmp_path / name
    _refused(capsys, ["rank", *toy, "--segment", "fintech", "-o", str(out)], "extension")
    assert not out.exists()


def test_output_cannot_be_written(toy, tmp_path, capsys):
    _refused(capsys, ["rank", *toy, "--segment", "fintech", "--no-band", "-o",
                      str(tmp_path / "no" / "such" / "dir.csv")], "cannot be written")
    _refused(capsys, ["rank", *toy, "--segment", "fintech", "--format", "parquet"], "-o")


def test_bad_measure_options(toy, capsys):
    _refused(capsys, ["measures", *toy, "pagernk"], "pagerank")
    _refused(capsys, ["measures", *toy, "khop_reach"], "--segment")
    _refused(capsys, ["measures", *toy, "degree", "--param", "damping"], "--param")
    _refused(capsys, ["measures", *toy, "degree", "--param", "damping=0.9"], "damping")
    _refused(capsys, ["measures", *toy, "degree", "--sort", "pagerank"], "--sort")
    _refused(capsys, ["measures", *toy], "MEASURE")


def test_bad_reach_options(toy, capsys):
    _refused(capsys, ["reach", *toy], "--segment")
    _refused(capsys, ["reach", *toy, "--segment", "fintech", "--expected", "ghost"], "ghost")
    _refused(capsys, ["reach", *toy, "--segment", "fintech", "--hops", "7"], "--hops")


# ------------------------------------------------------------------ hostile --where
PAYLOADS = [
    "__import__('os').system('touch {marker}')",
    "segment.__class__.__mro__",
    "@pd.io.common.os.system('touch {marker}')",
    "segment == 'x'\nimport os",
    "(" * 500 + "audience > 1" + ")" * 500,
    "9**9**9**9 > audience",
    "f'{{open(\"{marker}\", \"w\")}}' == segment",
    "`__import__('os').system('touch {marker}')`",
    "segment == 'a\x00b'",
    "a" * 100_000,
    "lambda: 1",
    "[x for x in segment]",
]


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("option", ["--where", "--within", "--exclude-where"])
def test_hostile_where(toy, tmp_path, capsys, payload, option):
    marker = tmp_path / "pwned"
    text = payload.format(marker=marker)
    argv = ["rank", *toy, "--no-band", "-k", "2"]
    argv += [f"{option}={text}"] if option == "--where" else ["--segment", "fintech",
                                                                f"{option}={text}"]
    line = _refused(capsys, argv)
    assert len(line) < 2_000
    assert not marker.exists()


# ------------------------------------------------------------------ missing columns, CLI hints
def test_hints_are_in_cli_syntax(tmp_path, capsys):
    ties = _file(tmp_path, "t.csv", "source,target, strength\na,b,0.5\n")
    line = _refused(capsys, ["validate", "none", ties, "--directed"], "' strength'")
    assert "strength='" not in line
    ties = _file(tmp_path, "case.csv", "source,target,Strength\na,b,0.5\n")
    line = _refused(capsys, ["validate", "none", ties, "--directed"], "--strength Strength")
    dup = _file(tmp_path, "dup.csv", "source,target\na,b\na,b\n")
    line = _refused(capsys, ["rank", "none", dup, "--directed", "--where", "1 == 1"],
                    "--duplicates max")
    assert "duplicates=" not in line


def test_missing_columns_name_the_option(tmp_path, capsys):
    ties = _file(tmp_path, "t.csv", "from,to\na,b\n")
    _refused(capsys, ["validate", "none", ties, "--directed"], "--source")
    _refused(capsys, ["validate", "none", ties, "--directed", "--source", "from"], "--target")
    ok = main(["validate", "none", ties, "--directed", "--source", "from", "--target", "to"])
    capsys.readouterr()
    assert ok == 0
    _refused(capsys, ["validate", "none", ties, "--directed", "--source", "from", "--target",
                      "to", "--relation", "advice"], "--relation-column")
    rel = _file(tmp_path, "r.csv", "source,target,relation\na,b,advice\n")
    _refused(capsys, ["validate", "none", rel, "--directed", "--relation", "advise"],
             "advice")
    _refused(capsys, ["validate", "none", rel, "--directed", "--strength-from-counts", "n"],
             "'n'")


@pytest.mark.parametrize(
    ("values", "how", "expected"),
    [("0,1", "max", "minmax"), ("1,x", "rank", "numeric"), ("1,inf", "minmax", "finite")],
)
def test_bad_strength_values_for_rescale(tmp_path, capsys, values, how, expected):
    a, b = values.split(",")
    ties = _file(tmp_path, "w.csv", f"source,target,w\na,b,{a}\nb,c,{b}\n")
    _refused(capsys, ["validate", "none", ties, "--directed", "--strength", "w", "--rescale",
                      how], expected)


def test_strength_out_of_range_hint(tmp_path, capsys):
    ties = _file(tmp_path, "w.csv", "source,target,w\na,b,16\nb,c,1\n")
    line = _refused(capsys, ["validate", "none", ties, "--directed", "--strength", "w"],
                    "--rescale")
    assert "FromInteractions" not in line


def test_stdin_garbage(monkeypatch, capsys):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(gzip.compress(b"x" * 100))))
    line = _refused(capsys, ["validate", "none", "-", "--directed"])
    assert "<stdin (ties)>" in line
    assert "infnet-stdin" not in line


def test_huge_actor_file_line(tmp_path, capsys):
    actors = pd.DataFrame({"id": ["a", "b"], "x": ["y" * 200_000, "z"]})
    actors.to_csv(tmp_path / "a.csv", index=False)
    ties = _file(tmp_path, "t.csv", "source,target\na,b\n")
    code = main(["rank", str(tmp_path / "a.csv"), ties, "--directed", "--where",
                 "x == 'z'", "--no-band", "--label", "x", "-k", "1", "--format", "json",
                 "-o", str(tmp_path / "o.json")])
    capsys.readouterr()
    assert code == 0


# ------------------------------------------------------------------ plot
@pytest.mark.parametrize(("extra", "expected"), [
    (["-o", "{tmp}/no/such/folder/x.png"], "does not exist"),
    (["-o", "{tmp}"], "is a folder"),
    (["-o", "{tmp}/x"], "without an extension"),
    (["-o", "{tmp}/x.docx"], ".docx"),
    (["--actor", "nobody", "-o", "{tmp}/x.png"], "--actor 'nobody'"),
])
def test_plot_refusals(toy, tmp_path, capsys, extra, expected):
    pytest.importorskip("matplotlib")
    argv = ["plot", "ego", *toy, "--segment", "fintech", "--no-band",
            *(e.replace("{tmp}", str(tmp_path)) for e in extra)]
    _refused(capsys, argv, expected)
    assert not list(tmp_path.glob("*.png"))


def test_plot_without_picks_says_why(toy, tmp_path, capsys):
    pytest.importorskip("matplotlib")
    _refused(capsys, ["plot", "contributions", *toy, "--segment", "fintech",
                      "--exclude-where", "kind != 'nobody'", "-o", str(tmp_path / "x.png")],
             "no picks", "--no-band")
