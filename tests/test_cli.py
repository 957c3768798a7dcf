from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from infnet import write_network
from infnet.cli import main
from infnet.synthetic import toy_network


def test_demo_prints_a_shortlist(capsys):
    assert main(["demo", "-k", "5"]) == 0
    out = capsys.readouterr().out
    assert "infnet demo" in out
    assert "rank" in out
    assert "reason" in out
    assert "eligible" in out


def test_demo_json(capsys):
    assert main(["demo", "-k", "3", "--json"]) == 0
    out = capsys.readouterr().out
    records = json.loads(out)
    assert [r["rank"] for r in records if not r["excluded"]] == [1, 2, 3]


def test_rank_on_files(tmp_path, capsys):
    write_network(toy_network(), tmp_path / "actors.csv", tmp_path / "ties.csv")
    code = main([
        "rank", str(tmp_path / "actors.csv"), str(tmp_path / "ties.csv"), "--undirected",
        "--focal-organisation", "Acme", "--segment", "fintech", "-k", "2", "--no-band",
        "-o", str(tmp_path / "out.csv"),
    ])
    assert code == 0
    assert (tmp_path / "out.csv").read_text().startswith("rank,actor")


def test_rank_errors_exit_2(tmp_path, capsys):
    write_network(toy_network(), tmp_path / "actors.csv", tmp_path / "ties.csv")
    assert main(["rank", str(tmp_path / "actors.csv"), str(tmp_path / "ties.csv")]) == 2
    assert "--segment" in capsys.readouterr().err
    code = main(["rank", str(tmp_path / "actors.csv"), str(tmp_path / "ties.csv"), "--undirected",
                 "--segment", "fintec"])
    assert code == 2
    assert "Did you mean 'fintech'" in capsys.readouterr().err
    assert main(["rank", "-", str(tmp_path / "missing.csv"), "--segment", "x"]) == 2


@pytest.mark.skipif(shutil.which("infnet") is None, reason="console script not installed")
def test_console_script():
    res = subprocess.run(["infnet", "demo", "-k", "2"], capture_output=True, text=True, timeout=300,
                         check=False)
    assert res.returncode == 0, res.stderr
    assert "rank" in res.stdout


def test_module_entry_point():
    res = subprocess.run([sys.executable, "-m", "infnet.cli", "--help"], capture_output=True,
                         text=True, timeout=120, check=False)
    assert res.returncode == 0
    assert "demo" in res.stdout


def test_rank_without_kind_column_ranks_everyone(tmp_path, capsys):
    from infnet import Network

    net = Network.from_edges([("a", "b", 0.9), ("b", "c", 0.8), ("c", "a", 0.5)])
    actors, ties = net.to_frames()
    actors["segment"] = ["x", "y", "y"]
    actors.to_csv(tmp_path / "actors.csv", index=False)
    ties.to_csv(tmp_path / "ties.csv", index=False)
    code = main(["rank", str(tmp_path / "actors.csv"), str(tmp_path / "ties.csv"),
                 "--directed", "--segment", "y", "-k", "1", "--no-band", "--json"])
    assert code == 0
    records = json.loads(capsys.readouterr().out)
    assert records[0]["rank"] == 1
