from __future__ import annotations

import io
import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import SHARED_DATA

from infnet import write_network
from infnet._progress import progress, progress_enabled, stage
from infnet.cli import cli_syntax, main
from infnet.synthetic import toy_network

DATA = SHARED_DATA  # conftest: $INFNET_SHARED_DATA, else shared/data in any parent folder
needs_data = pytest.mark.skipif(DATA is None, reason="../shared/data is absent")


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def _errors(text: str) -> list[str]:
    """The error lines of stderr (notes such as 'read N actors' are not errors)."""
    return [line for line in _lines(text) if ": error: " in line]


@pytest.fixture(scope="module")
def toy_files(tmp_path_factory):
    d = tmp_path_factory.mktemp("toy")
    write_network(toy_network(), d / "actors.csv", d / "ties.csv")
    actors = pd.read_csv(d / "actors.csv")
    actors["nick"] = [f"N-{a}" for a in actors["id"]]
    actors.to_csv(d / "actors_nick.csv", index=False)
    return d


def _args(d: Path, *extra: str) -> list[str]:
    return [str(d / "actors.csv"), str(d / "ties.csv"), *extra]


def _raw(tmp_path: Path, ties: pd.DataFrame, actors: pd.DataFrame | None = None) -> list[str]:
    ties.to_csv(tmp_path / "ties.csv", index=False)
    if actors is None:
        return ["none", str(tmp_path / "ties.csv")]
    actors.to_csv(tmp_path / "actors.csv", index=False)
    return [str(tmp_path / "actors.csv"), str(tmp_path / "ties.csv")]


# ------------------------------------------------------------------ basics
def test_version(capsys):
    from infnet import __version__

    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"infnet {__version__}"


def test_help_lists_every_command(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("rank", "measures", "reach", "validate", "demo"):
        assert command in out
    assert main(["rank", "--help"]) == 0
    assert "--reverse" in capsys.readouterr().out


def test_demo_json_has_attrs(capsys):
    assert main(["demo", "-k", "3", "--format", "json", "-q"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["attrs"]["seed"] == 0
    assert doc["attrs"]["parameters"]["k"] == 3
    assert doc["attrs"]["command"] == "demo"
    assert [r["rank"] for r in doc["records"] if not r["excluded"]] == [1, 2, 3]


# ------------------------------------------------------------------ rank and formats
def test_rank_table(toy_files, capsys):
    code = main(["rank", *_args(toy_files), "--segment", "fintech", "-k", "2", "--no-band"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "rank" in captured.out
    assert "reason" in captured.out
    assert "seed 0" in captured.out
    assert "None" not in captured.out  # absent columns are not shown as None


def test_rank_csv_has_header_and_rounded_floats(toy_files, capsys):
    code = main(["rank", *_args(toy_files), "--segment", "fintech", "-k", "2", "--no-band",
                 "--format", "csv", "--digits", "2"])
    out = capsys.readouterr().out
    assert code == 0
    first, rest = out.split("\n", 1)
    assert first.startswith("# infnet: ")
    meta = json.loads(first.removeprefix("# infnet: "))
    assert meta["seed"] == 0
    assert meta["parameters"]["k"] == 2
    df = pd.read_csv(io.StringIO(rest))
    assert (df["score"].round(2) == df["score"]).all()
    assert df["rank"].dropna().tolist() == [1, 2]


@pytest.mark.parametrize(("fmt", "name"), [("csv", "out.csv"), ("json", "out.json"),
                                           ("parquet", "out.parquet"), ("table", "out.txt")])
def test_rank_every_format_to_file_keeps_parameters(toy_files, tmp_path, capsys, fmt, name):
    out = tmp_path / name
    code = main(["rank", *_args(toy_files), "--segment", "fintech", "-k", "2", "--no-band",
                 "--seed", "7", "--format", fmt, "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    if fmt == "csv":
        meta = json.loads(out.read_text().splitlines()[0].removeprefix("# infnet: "))
    elif fmt == "json":
        meta = json.loads(out.read_text())["attrs"]
    elif fmt == "parquet":
        import pyarrow.parquet as pq

        meta = json.loads(pq.read_schema(out).metadata[b"infnet"])
        assert len(pd.read_parquet(out)) >= 2
    else:
        assert "seed 7" in out.read_text()
        return
    assert meta["seed"] == 7
    assert meta["parameters"]["strategy"] == "balanced"
    assert meta["input"]["direction"].startswith("undirected")


def test_extension_must_match_format(toy_files, tmp_path, capsys):
    code = main(["rank", *_args(toy_files), "--segment", "fintech", "--format", "csv",
                 "-o", str(tmp_path / "x.json")])
    err = capsys.readouterr().err
    assert code == 2
    assert len(_lines(err)) == 1
    assert "--format csv" in err
    assert not (tmp_path / "x.json").exists()


def test_label_column_shown(toy_files, capsys):
    code = main(["rank", str(toy_files / "actors_nick.csv"), str(toy_files / "ties.csv"),
                 "--segment", "fintech", "-k", "2", "--no-band", "--label", "nick",
                 "--format", "csv"])
    out = capsys.readouterr().out
    assert code == 0
    df = pd.read_csv(io.StringIO(out), skiprows=1)
    picked = df[df["rank"].notna()]
    assert (picked["nick"] == "N-" + picked["actor"]).all()
    assert list(df.columns).index("nick") == list(df.columns).index("actor") + 1


def test_stdin_ties(toy_files, monkeypatch, capsys):
    data = (toy_files / "ties.csv").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code = main(["measures", str(toy_files / "actors.csv"), "-", "degree", "--undirected",
                 "--format", "json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    doc = json.loads(captured.out)
    assert doc["attrs"]["input"]["ties"] == "<stdin>"
    degrees = {r["actor"]: r["degree"] for r in doc["records"]}
    assert degrees["cara"] == 4
    assert "infnet-stdin" not in captured.err


# ------------------------------------------------------------------ reading options
def test_reverse_flips_ties(tmp_path, capsys):
    ties = pd.DataFrame({"source": ["a", "a", "b"], "target": ["b", "c", "c"]})
    files = _raw(tmp_path, ties)
    assert main(["measures", *files, "out_degree", "--directed", "--format", "json"]) == 0
    plain = {r["actor"]: r["out_degree"] for r in json.loads(capsys.readouterr().out)["records"]}
    assert main(["measures", *files, "out_degree", "--directed", "--reverse",
                 "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    flipped = {r["actor"]: r["out_degree"] for r in doc["records"]}
    assert plain == {"a": 2, "b": 1, "c": 0}
    assert flipped == {"a": 0, "b": 1, "c": 2}
    assert doc["attrs"]["input"]["reverse"] is True


def test_relation_filter_and_weights(tmp_path, capsys):
    ties = pd.DataFrame({"source": ["a", "a", "b", "c"], "target": ["b", "b", "c", "a"],
                         "relation": ["advice", "friendship", "advice", "friendship"]})
    files = _raw(tmp_path, ties)
    assert main(["measures", *files, "out_strength", "--directed", "--relation", "advice",
                 "--format", "json"]) == 0
    rec = {r["actor"]: r["out_strength"] for r in json.loads(capsys.readouterr().out)["records"]}
    assert rec == {"a": 1.0, "b": 1.0, "c": 0.0}
    # weighting merges the a->b pair of two relations only when told how
    code = main(["measures", *files, "out_strength", "--directed",
                 "--relation-weights", "advice=1,friendship=0.5"])
    err = capsys.readouterr().err
    assert code == 2
    assert "--duplicates max" in err
    assert "duplicates='max'" not in err
    assert main(["measures", *files, "out_strength", "--directed", "--relation-weights",
                 "advice=1,friendship=0.5", "--duplicates", "sum", "--format", "json"]) == 0
    rec = {r["actor"]: r["out_strength"] for r in json.loads(capsys.readouterr().out)["records"]}
    assert rec == {"a": 1.0, "b": 1.0, "c": 0.5}  # a->b: 1 + 0.5 capped at 1


def test_validate_says_relation_weights_set_the_strength(tmp_path, capsys):
    ties = pd.DataFrame({"source": ["a", "a", "b"], "target": ["b", "b", "c"],
                         "relation": ["advice", "friendship", "advice"]})
    files = _raw(tmp_path, ties)
    assert main(["validate", *files, "--directed", "--relation-weights",
                 "advice=1,friendship=0.5", "--duplicates", "max"]) == 0
    out = capsys.readouterr().out
    assert "strength: no strength column: a tie's strength is the weight of its relation" in out
    assert "every tie has strength 1" not in out
    with_column = ties.assign(w=[0.5, 1.0, 0.25])
    files = _raw(tmp_path, with_column)
    assert main(["validate", *files, "--directed", "--strength", "w", "--relation-weights",
                 "advice=1,friendship=0.5", "--duplicates", "max"]) == 0
    out = capsys.readouterr().out
    assert "strength: column 'w', 0.25 to 1; times the weight of its relation" in out
    assert main(["validate", *files, "--directed", "--relation", "advice"]) == 0
    assert "weight of its relation" not in capsys.readouterr().out


def test_relation_weights_warn_about_dropped_relations(tmp_path, capsys):
    ties = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"],
                         "relation": ["advice", "friendship"]})
    files = _raw(tmp_path, ties)
    assert main(["measures", *files, "degree", "--directed", "--relation-weights",
                 "advice=1", "-q"]) == 0
    err = capsys.readouterr().err
    warnings = [line for line in _lines(err) if ": warning: " in line]
    assert any("friendship" in w and "dropped" in w for w in warnings)


@pytest.mark.parametrize(("how", "expected"), [("max", [1 / 16, 0.5, 1.0]),
                                               ("minmax", [1e-12, 7 / 15, 1.0]),
                                               ("rank", [1 / 3, 2 / 3, 1.0])])
def test_rescale(tmp_path, capsys, how, expected):
    ties = pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "a"],
                         "weight": [1, 8, 16]})
    files = _raw(tmp_path, ties)
    assert main(["measures", *files, "out_strength", "--directed", "--strength", "weight",
                 "--rescale", how, "--format", "json"]) == 0
    rec = {r["actor"]: r["out_strength"] for r in json.loads(capsys.readouterr().out)["records"]}
    assert [rec["a"], rec["b"], rec["c"]] == pytest.approx(expected)


def test_strength_from_counts(tmp_path, capsys):
    ties = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "a", "c"],
                         "count": [10, 10, 1]})
    files = _raw(tmp_path, ties)
    assert main(["measures", *files, "out_strength", "--directed", "--strength-from-counts",
                 "count", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    rec = {r["actor"]: r["out_strength"] for r in doc["records"]}
    from infnet import Network
    from infnet.algorithms.centrality import degree
    from infnet.ties import FromInteractions

    net = Network.from_frames(None, ties, strength=FromInteractions(count="count"))
    lib = dict(zip(net.actor_ids, degree(net, direction="out", weight="strength"), strict=True))
    assert rec == pytest.approx(lib)
    assert rec["b"] > 0.8  # the mutual b <-> a tie counts double
    assert "from counts" in doc["attrs"]["input"]["strength"]


# ------------------------------------------------------------------ measures, reach, validate
def test_measures_sort_and_top(toy_files, capsys):
    assert main(["measures", *_args(toy_files), "degree", "core_number", "--sort", "degree",
                 "--top", "3", "--format", "csv"]) == 0
    df = pd.read_csv(io.StringIO(capsys.readouterr().out), skiprows=1)
    assert len(df) == 3
    assert df["degree"].is_monotonic_decreasing
    assert df["core_number"].dtype.kind in "iuf"


def test_reach_direct_khop_expected(toy_files, capsys):
    code = main(["reach", *_args(toy_files), "--segment", "fintech", "--hops", "2",
                 "--expected", "gil", "--format", "json", "--top", "0"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    doc = json.loads(captured.out)
    rows = {r["actor"]: r for r in doc["records"]}
    assert rows["gil"]["direct_reach"] == pytest.approx(1.6)
    assert "reach_2" in rows["gil"]
    est = doc["attrs"]["expected_reach"]
    assert est["actors"] == ["gil"]
    assert 2.5 < est["value"] < 4.0


def test_validate_reports(toy_files, capsys):
    assert main(["validate", *_args(toy_files)]) == 0
    out = capsys.readouterr().out
    assert "direction: undirected, recorded with the files" in out
    assert "network: OK" in out
    assert main(["validate", *_args(toy_files), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["network"]["n_actors"] == toy_network().n_actors
    assert "audience" in report["actors"]["understood"]


def test_validate_explains_what_follows(tmp_path, capsys):
    ties = pd.DataFrame({"source": [1, 1, 2, 3], "target": [2, 2, 3, 3],
                         "relation": ["advice", "friendship", "advice", "advice"],
                         "weight": [1, 5, 16, 2]})
    actors = pd.DataFrame({"id": [1, 2, 3], "name": ["x", "y", "z"]})
    code = main(["validate", *_raw(tmp_path, ties, actors)])
    captured = capsys.readouterr()
    assert code == 2
    out = captured.out
    assert "self-ties 1" in out
    assert "pairs named more than once 1" in out
    assert "assumed directed" in out
    assert "--reverse" in out
    assert "no 'audience' column" in out
    assert "--strength weight --rescale max" in out
    assert "relations: {'advice': 3, 'friendship': 1}" in out
    assert len(_lines(captured.err)) == 1  # the reason it does not build
    assert "--duplicates max" in captured.err


# ------------------------------------------------------------------ exit codes and stderr
def test_bad_input_is_one_line_exit_2(toy_files, capsys):
    code = main(["rank", *_args(toy_files), "--segment", "fintec"])
    err = capsys.readouterr().err
    assert code == 2
    assert len(_errors(err)) == 1
    assert "Did you mean 'fintech'" in err
    assert main(["rank", *_args(toy_files), "--segment", "fintec", "-q"]) == 2
    assert len(_lines(capsys.readouterr().err)) == 1  # -q: the error alone
    assert main(["rank", *_args(toy_files)]) == 2
    assert "--segment" in capsys.readouterr().err


def test_internal_error_exit_1_and_debug(toy_files, capsys, monkeypatch):
    import infnet.ranking

    def boom(*args, **kwargs):
        msg = "kaboom"
        raise RuntimeError(msg)

    monkeypatch.setattr(infnet.ranking, "rank_influentials", boom)
    assert main(["rank", *_args(toy_files), "--segment", "fintech"]) == 1
    err = capsys.readouterr().err
    assert len(_errors(err)) == 1
    assert "internal error" in err
    assert "RuntimeError: kaboom" in err
    assert main(["rank", *_args(toy_files), "--segment", "fintech", "--debug"]) == 1
    assert "Traceback" in capsys.readouterr().err


def test_every_warning_is_one_line(tmp_path, capsys):
    ties = pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "c"]})
    assert main(["measures", *_raw(tmp_path, ties), "degree", "-q"]) == 0
    err = capsys.readouterr().err
    lines = _lines(err)
    assert lines, err
    assert all(line.startswith("infnet measures: warning: ") for line in lines)
    direction = [line for line in lines if "record no direction" in line]
    assert len(direction) == 1
    assert "--directed or --undirected" in direction[0]
    assert "--reverse" in direction[0]
    assert "directed=True" not in err


def test_verbose_logs_stages_and_quiet_silences(toy_files, tmp_path, capsys):
    code = main(["rank", *_args(toy_files), "--segment", "fintech", "-k", "2", "--no-band",
                 "-v", "-o", str(tmp_path / "o.csv")])
    err = capsys.readouterr().err
    assert code == 0
    assert "infnet: read the network:" in err
    assert "rank_influentials: score" in err
    assert "rank_influentials: select" in err
    assert "wrote" in err
    assert main(["rank", *_args(toy_files), "--segment", "fintech", "-k", "2", "--no-band",
                 "-q", "-o", str(tmp_path / "o.csv")]) == 0
    assert capsys.readouterr().err == ""


def test_hints_in_cli_syntax():
    assert cli_syntax("pass sep='\\t'.") == "pass --sep '\\t'."
    assert cli_syntax("or pass strength=' strength'") == "or pass --strength ' strength'"
    assert "--rescale max" in cli_syntax(
        "Rescale the column, or derive strength with infnet.ties.FromInteractions.")


# ------------------------------------------------------------------ progress (library)
def test_progress_is_opt_in_and_logs(caplog):
    assert progress_enabled() is False
    with caplog.at_level(logging.INFO, logger="infnet"), progress(True):
        assert progress_enabled() is True
        with stage("test stage"):
            pass
    assert progress_enabled() is False
    assert any("test stage:" in r.getMessage() for r in caplog.records)


def test_rank_influentials_logs_each_stage(caplog):
    from infnet import rank_influentials

    with caplog.at_level(logging.INFO, logger="infnet"):
        rank_influentials(toy_network(), "fintech", k=2, band=None)
    messages = [r.getMessage() for r in caplog.records]
    for part in ("target", "eligibility rules", "score", "select", "present"):
        assert any(m.startswith(f"rank_influentials: {part}") for m in messages), messages


# ------------------------------------------------------------------ entry points
@pytest.mark.skipif(shutil.which("infnet") is None, reason="console script not installed")
def test_console_script_demo():
    res = subprocess.run(["infnet", "demo", "-k", "2"], capture_output=True, text=True,
                         timeout=300, check=False)
    assert res.returncode == 0, res.stderr
    assert "rank" in res.stdout


def test_module_entry_point():
    res = subprocess.run([sys.executable, "-m", "infnet.cli", "--help"], capture_output=True,
                         text=True, timeout=120, check=False)
    assert res.returncode == 0
    assert "demo" in res.stdout


DOCS = Path(__file__).resolve().parents[1] / "docs" / "_gen_cli.py"


@pytest.mark.skipif(not DOCS.exists(), reason="docs not in this checkout")
def test_cli_reference_page_is_up_to_date():
    res = subprocess.run([sys.executable, str(DOCS), "--check"], capture_output=True,
                         text=True, timeout=120, check=False)
    assert res.returncode == 0, res.stderr


# ------------------------------------------------------------------ the real exports
def _data(name: str) -> list[str]:
    assert DATA is not None
    return [str(DATA / name / "nodes.csv"), str(DATA / name / "ties.csv")]


@pytest.mark.data
@needs_data
def test_data_lazega_lawyers(capsys):
    # advice nominations point asker -> advisor: reversed, they point the way influence flows
    files = _data("lazega_lawyers")
    assert main(["validate", *files]) == 2  # 750 pairs in several relations
    assert "--relation" in capsys.readouterr().out
    code = main(["rank", *files, "--reverse", "--relation", "advice", "--where",
                 "office == 'Boston'", "-k", "5", "--label", "status", "--format", "csv"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    df = pd.read_csv(io.StringIO(captured.out), skiprows=1)
    assert df["rank"].dropna().tolist() == [1, 2, 3, 4, 5]
    assert set(df["status"].dropna()) <= {"partner", "associate"}


@pytest.mark.data
@needs_data
def test_data_krackhardt_managers(capsys):
    files = _data("krackhardt_managers")
    code = main(["measures", *files, "pagerank", "in_degree", "--reverse", "--relation",
                 "advice", "--label", "level_label", "--format", "json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    doc = json.loads(captured.out)
    assert len(doc["records"]) == 21
    assert doc["attrs"]["input"]["n_ties"] == 190


@pytest.mark.data
@needs_data
def test_data_uk_faculty(capsys):
    files = _data("uk_faculty")
    assert main(["rank", *files, "--strength", "weight", "--where", "school_group == 1"]) == 2
    assert "--rescale" in capsys.readouterr().err
    code = main(["rank", *files, "--strength", "weight", "--rescale", "max", "--where",
                 "school_group == 1", "-k", "3", "--format", "json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    doc = json.loads(captured.out)
    assert doc["attrs"]["input"]["rescale"] == "max"


@pytest.mark.data
@needs_data
def test_data_brazilian_farmers(capsys):
    files = _data("brazilian_farmers")
    code = main(["reach", *files, "--reverse", "--relation", "influential", "--where",
                 "village == 10", "--top", "5", "--format", "json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    doc = json.loads(captured.out)
    assert len(doc["records"]) == 5
    assert doc["attrs"]["input"]["n_actors"] == 693


@pytest.mark.data
@needs_data
def test_data_github_developers(capsys):
    files = _data("github_developers")
    code = main(["validate", *files, "--undirected", "--format", "json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    report = json.loads(captured.out)
    assert report["network"]["n_ties"] == 289_003
    assert report["direction"]["directed"] is False
    code = main(["measures", *files, "degree", "--undirected", "--label", "name", "--sort",
                 "degree", "--top", "3", "--format", "csv"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    df = pd.read_csv(io.StringIO(captured.out), skiprows=1)
    assert len(df) == 3
    assert df["name"].notna().all()


# ------------------------------------------------------------------ plot
def _png_text(path: Path) -> dict[str, str]:
    from PIL import Image

    with Image.open(path) as image:
        return {k: v for k, v in image.info.items() if isinstance(v, str)}


def test_plot_contributions_draws_the_shortlist_rank_prints(toy_files, tmp_path, capsys):
    pytest.importorskip("matplotlib")
    out = tmp_path / "c.png"
    options = ["--segment", "fintech", "-k", "3", "--no-band"]
    assert main(["plot", "contributions", *_args(toy_files), *options, "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert out.read_bytes().startswith(b"\x89PNG")
    assert "drew the scores of 3 picks" in err
    assert main(["rank", *_args(toy_files), *options, "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    meta = json.loads(_png_text(out)["Description"])
    assert meta["command"] == "plot contributions"
    assert meta["seed"] == doc["attrs"]["seed"] == 0
    assert meta["parameters"] == doc["attrs"]["parameters"]


def test_plot_ego_first_pick_or_actor(toy_files, tmp_path, capsys):
    pytest.importorskip("matplotlib")
    options = ["--segment", "fintech", "-k", "3", "--no-band"]
    assert main(["rank", *_args(toy_files), *options, "--format", "json", "-q"]) == 0
    first = json.loads(capsys.readouterr().out)["records"][0]["actor"]
    assert main(["plot", "ego", *_args(toy_files), *options, "-o",
                 str(tmp_path / "e.svg")]) == 0
    err = capsys.readouterr().err
    assert f"drew the ego network of {first} (the first pick" in err
    assert (tmp_path / "e.svg").read_bytes().startswith(b"<?xml")
    assert main(["plot", "ego", *_args(toy_files), *options, "--actor", "jo", "-o",
                 str(tmp_path / "jo.pdf")]) == 0
    assert "drew the ego network of jo (--actor)" in capsys.readouterr().err
    assert (tmp_path / "jo.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("kind", ["reach", "strategies"])
def test_plot_reach_and_strategies(toy_files, tmp_path, capsys, kind):
    pytest.importorskip("matplotlib")
    extra = ["--n-sets", "500"] + (["--strategies", "balanced,reference"]
                                   if kind == "strategies" else [])
    out = tmp_path / f"{kind}.png"
    assert main(["plot", kind, *_args(toy_files), "--segment", "fintech", "-k", "2",
                 "--no-band", *extra, "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert out.stat().st_size > 1000
    meta = json.loads(_png_text(out)["Description"])
    assert meta["command"] == f"plot {kind}"
    assert meta["n_sets"] == 500
    if kind == "strategies":
        assert meta["strategies"] == ["balanced", "reference"]
        assert "balanced: expected reach" in err


def test_plot_refuses_an_unknown_extension_before_any_work(toy_files, tmp_path, capsys,
                                                           monkeypatch):
    pytest.importorskip("matplotlib")
    import infnet.cli

    def never(*args, **kwargs):
        msg = "read before -o was checked"
        raise AssertionError(msg)

    monkeypatch.setattr(infnet.cli, "_read", never)
    code = main(["plot", "contributions", *_args(toy_files), "--segment", "fintech",
                 "-o", str(tmp_path / "c.xlsx")])
    err = capsys.readouterr().err
    assert code == 2
    assert "matplotlib cannot write .xlsx" in err
    assert ".png" in err
    assert len(_errors(err)) == 1


def test_rank_to_an_image_name_points_to_plot(toy_files, tmp_path, capsys):
    assert main(["rank", *_args(toy_files), "--segment", "fintech", "-o",
                 str(tmp_path / "s.png")]) == 2
    assert "infnet plot contributions" in capsys.readouterr().err


@pytest.mark.parametrize(("argv", "extra"), [
    (["plot", "ego"], "plot"),
    (["rank"], "parquet"),
])
def test_missing_extra_is_one_line_with_the_pip_command(toy_files, tmp_path, capsys,
                                                        monkeypatch, argv, extra):
    import infnet._optional

    real = infnet._optional.importlib.import_module
    blocked = {"plot": "matplotlib", "parquet": "pyarrow"}[extra]

    def fake(name, *args, **kwargs):
        if name.split(".")[0] == blocked:
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(infnet._optional.importlib, "import_module", fake)
    out = tmp_path / ("x.png" if extra == "plot" else "x.parquet")
    code = main([*argv, *_args(toy_files), "--segment", "fintech", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert _errors(err) == [line for line in _lines(err)], err  # nothing read, nothing said
    assert f'pip install "infnet[{extra}]"' in err
    assert not out.exists()


def test_files_leave_out_absent_attribute_columns_and_say_so(tmp_path, capsys):
    ties = pd.DataFrame({"source": ["a", "a", "b", "c"], "target": ["b", "c", "c", "a"]})
    actors = pd.DataFrame({"id": ["a", "b", "c"], "team": ["x", "y", "x"]})
    files = _raw(tmp_path, ties, actors)
    assert main(["rank", *files, "--directed", "--where", "team == 'x'", "--no-band", "-k",
                 "2", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    record = doc["records"][0]
    for column in ("kind", "organisation", "segment", "audience", "label"):
        assert column not in record
        assert column in doc["attrs"]["omitted_columns"]
    assert {"rank", "actor", "score", "reason"} <= set(record)


def test_few_picks_name_the_rule_and_the_option(tmp_path, capsys):
    ties = pd.DataFrame({"source": ["a", "a", "b", "c", "d"], "target": ["b", "c", "d", "d", "a"]})
    actors = pd.DataFrame({"id": ["a", "b", "c", "d"], "team": ["x", "y", "y", "y"]})
    files = _raw(tmp_path, ties, actors)
    assert main(["rank", *files, "--directed", "--where", "team == 'x'", "-k", "4",
                 "--format", "csv"]) == 0
    err = capsys.readouterr().err
    hints = [line for line in _lines(err) if "hint:" in line]
    assert len(hints) == 1
    assert "--no-band" in hints[0]
    assert "target_share" in hints[0]


def test_the_same_warning_prints_once(capsys):
    import warnings

    import click

    from infnet import cli as cli_module

    @cli_module.cli.command("twice-for-test")
    def twice() -> int:
        warnings.warn("once", UserWarning, stacklevel=1)
        warnings.warn("once", UserWarning, stacklevel=1)
        return 0

    try:
        assert main(["twice-for-test"]) == 0
        lines = _lines(capsys.readouterr().err)
        assert lines == ["infnet twice-for-test: warning: once (2 times)"]
    finally:
        cli_module.cli.commands.pop("twice-for-test")
        assert isinstance(cli_module.cli, click.Group)


@pytest.mark.parametrize(("text", "expected"), [
    ("`kind='external'` of rank_influentials needs a 'kind' actor column",
     "--kind external needs"),
    ("`segments` of Target needs an actor column 'segment'", "--segment needs"),
    ("Target (where=): the expression 'office==Boston' is refused: 'Boston' is not an "
     + "actor column", "e.g. --where \"office == 'Boston'\""),
    ("read_tables: `relation` gives no weight to the relations {'x': 1}",
     "--relation-weights gives no weight"),
    ("keep one with relation='advice', or weight them with relation={name: weight}",
     "keep one with --relation advice, or weight them with --relation-weights NAME=WEIGHT"),
    ("see df.attrs['exclusions'] for why", "see 'exclusions' in the output's parameters"),
    ("read_network: reverse=True changes nothing", "--reverse changes nothing"),
])
def test_library_phrases_in_cli_syntax(text, expected):
    out = cli_syntax(text)
    assert expected in out
    assert "df.attrs" not in out
    assert "=True" not in out
