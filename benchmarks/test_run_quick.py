"""Smoke test of the benchmark runner: ``run.py --quick`` writes its run folder and table."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

RUN = Path(__file__).resolve().parent / "run.py"
STATUSES = {"ok", "not available", "not installed", "skipped", "error", "timeout"}


def test_run_quick_writes_results(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(RUN), "--quick", "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    (run_dir,) = tmp_path.glob("*-quick")
    results = json.loads((run_dir / "results.json").read_text())
    meta = results["meta"]
    assert meta["threads"]["every_library"] == 1
    assert len(meta["load_at_start"]) == 3
    assert len(meta["load_at_end"]) == 3
    assert meta["versions"]["infnet"] != "absent"
    (size,) = results["sizes"]
    rows = {(r["stage"], r["library"]): r for r in size["stages"]}
    assert rows[("floor_spmv", "infnet")]["status"] == "ok"
    assert rows[("build_undirected", "infnet")]["status"] == "ok"
    # every row has a status and a direction; stages not yet written are reported, never fatal
    assert all(r["status"] in STATUSES for r in size["stages"])
    assert all(isinstance(r["directed"], bool) for r in size["stages"])
    # the iterative stage reports the accuracy it reached, at the setting that reached it
    pr = rows[("pagerank", "infnet")]
    assert pr["accuracy"]["reached"]
    assert pr["accuracy"]["l1_error"] <= 1e-6
    assert pr["threads"]["numba"] == 1
    # targeted 2-hop reach: the igraph peer computes the same values
    peer = rows.get(("khop_reach_targeted", "igraph"))
    if peer is not None and peer["status"] == "ok":
        assert peer["agreement"]["agree"]
    assert "| stage | ties | library |" in (run_dir / "results.md").read_text()


def test_unknown_stage_is_refused(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(RUN), "--quick", "--stages", "pagernak", "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert proc.returncode == 2
    assert "unknown stages" in proc.stderr
