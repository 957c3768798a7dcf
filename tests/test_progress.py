"""The progress hook of long work: ticks per fixed chunk, and results that ignore it.

Same output with the display on or off, and with 1 or 2 threads, for every computation
that reports progress (RR sets, IMM, k-hop reach exact and sketched, exact and sampled
betweenness, harmonic closeness, Leiden as a stage).
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np
import pytest

from infnet import _progress
from infnet._progress import progress, progress_enabled, stage, work
from infnet.algorithms import betweenness, centrality, diffusion, reach
from infnet.synthetic import business_network


class _Recorder:
    """Stands in for rich's Progress: records tasks, advances and updates."""

    def __init__(self) -> None:
        self.tasks: dict[int, dict[str, Any]] = {}
        self.started = 0
        self.stopped = 0

    def start(self) -> None:
        self.started += 1

    def stop(self) -> None:
        self.stopped += 1

    def add_task(self, what: str, total: int | None = None) -> int:
        task = len(self.tasks)
        self.tasks[task] = {"what": what, "total": total, "ticks": [], "completed": 0,
                            "removed": False}
        return task

    def advance(self, task: int, n: int) -> None:
        self.tasks[task]["ticks"].append(n)
        self.tasks[task]["completed"] += n

    def update(self, task: int, completed: int) -> None:
        self.tasks[task]["completed"] = completed

    def remove_task(self, task: int) -> None:
        self.tasks[task]["removed"] = True

    def named(self, part: str) -> list[dict[str, Any]]:
        return [t for t in self.tasks.values() if part in t["what"]]


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> _Recorder:
    rec = _Recorder()
    monkeypatch.setattr(_progress, "_new_display", lambda: rec)
    return rec


@pytest.fixture(scope="module")
def net():
    return business_network(n_actors=3000, rng=5)


@pytest.fixture(scope="module")
def w(net):
    return (np.asarray(net.attribute("segment")) == "fintech").astype(float)


# ------------------------------------------------------------------ the hook itself
def test_off_by_default_and_work_is_silent(caplog, recorder):
    assert progress_enabled() is False
    with caplog.at_level(logging.DEBUG, logger="infnet"), work("nothing", total=5) as job:
        job.tick(5)
    assert recorder.tasks == {}
    assert any(r.getMessage().startswith("nothing: 5 in ") for r in caplog.records)


def test_ticks_reach_the_display_and_it_closes(recorder):
    with progress(True), stage("outer"), work("inner", total=7) as job:
        job.tick(3)
        job.tick(4)
    outer, inner = recorder.named("outer")[0], recorder.named("inner")[0]
    assert outer["total"] is None
    assert inner["total"] == 7 and inner["ticks"] == [3, 4]
    assert outer["removed"] and inner["removed"]
    assert recorder.started == recorder.stopped == 1  # one live display for both
    assert _progress._state["depth"] == 0 and _progress._state["display"] is None


def test_counts_are_watched_until_the_end(recorder):
    with progress(True), work("kernel", total=10, slots=3) as job:
        job.counts[:] = [4, 3, 3]
    assert recorder.named("kernel")[0]["completed"] == 10


def test_display_only_on_the_main_thread(recorder):
    import threading

    def run() -> None:
        with work("from a thread", total=1) as job:
            job.tick()

    with progress(True):
        t = threading.Thread(target=run)
        t.start()
        t.join()
    assert recorder.named("from a thread") == []


def test_real_display_does_not_fail(capsys, net, w):
    with progress(True), stage("a stage"):
        reach.khop_reach(net, w, hops=2)
    assert _progress._state["display"] is None
    capsys.readouterr()


# ------------------------------------------------------------------ per algorithm
def test_rr_sets_tick_per_fixed_chunk(recorder, monkeypatch, net, w):
    monkeypatch.setattr(diffusion, "_CHUNK", 700)
    with progress(True):
        diffusion.RRSampler(n_sets=5000, rng=1, n_jobs=2).fit(net, w)
    (task,) = recorder.named("RR sets")
    assert task["total"] == 5000
    assert sorted(task["ticks"]) == sorted([700] * 7 + [100])


def test_khop_ticks_cover_every_actor(recorder, net, w):
    with progress(True):
        reach.khop_reach(net, w, hops=2)
        reach.khop_reach(net, w, hops=3, method="sketch", rng=0)
    exact, sketch = recorder.named("2-hop reach (exact)")[0], recorder.named("sketches")[0]
    assert sum(exact["ticks"]) == exact["total"] == net.n_actors
    assert sum(sketch["ticks"]) == sketch["total"] == 3 * net.n_actors
    assert len(exact["ticks"]) == min(net.n_actors, 64)


def test_compiled_kernels_count_every_item(recorder, net):
    with progress(True):
        betweenness.approximate_betweenness(net, epsilon=0.2, rng=0)
        centrality.harmonic_centrality(net)
    sampled, harmonic = recorder.named("sampled paths")[0], recorder.named("harmonic")[0]
    assert sampled["completed"] == sampled["total"] > 0
    assert harmonic["completed"] == harmonic["total"] == net.n_actors


def test_leiden_is_a_stage(recorder, caplog, net):
    pytest.importorskip("igraph")
    from infnet.algorithms.bridging import communities

    with caplog.at_level(logging.INFO, logger="infnet"), progress(True):
        communities(net, rng=0)
    (task,) = recorder.named("Leiden")
    assert task["total"] is None and task["removed"]
    assert any("Leiden" in r.getMessage() and r.getMessage().endswith(" s")
               for r in caplog.records)


# ------------------------------------------------------------------ results ignore it
def _all_results(net, w, n_jobs: int) -> dict[str, Any]:
    sampler = diffusion.RRSampler(n_sets=3000, rng=2, n_jobs=n_jobs).fit(net, w)
    res = diffusion.imm(net, w, 3, rng=4, n_jobs=n_jobs, max_sets=20_000, epsilon=0.3)
    return {
        "rr_indptr": sampler.rr_indptr_,
        "rr_members": sampler.rr_members_,
        "imm": (res.selected, res.gains, res.theta),
        "khop": reach.khop_reach(net, w, hops=2, n_jobs=n_jobs),
        "sketch": reach.khop_reach(net, w, hops=3, method="sketch", rng=3, n_jobs=n_jobs),
        "between": betweenness.betweenness_centrality(net, n_jobs=n_jobs),
        "sampled": betweenness.approximate_betweenness(net, epsilon=0.1, rng=5, n_jobs=n_jobs),
        "harmonic": centrality.harmonic_centrality(net, n_jobs=n_jobs),
        "harmonic_len": centrality.harmonic_centrality(net, distance="strength", n_jobs=n_jobs),
    }


def test_same_output_progress_on_off_and_1_vs_2_threads(monkeypatch, capsys):
    net = business_network(n_actors=1000, rng=6)
    w = (np.asarray(net.attribute("segment")) == "fintech").astype(float)
    monkeypatch.setattr(diffusion, "_CHUNK", 500)  # several chunks of RR sets
    monkeypatch.setattr(reach, "_THREAD_MIN_ACTORS", 0)  # threads on a small network
    ref = _all_results(net, w, n_jobs=1)
    with progress(True):
        other = _all_results(net, w, n_jobs=2)
    capsys.readouterr()
    assert ref.keys() == other.keys()
    for key, value in ref.items():
        if isinstance(value, tuple):
            for a, b in zip(value, other[key], strict=True):
                np.testing.assert_array_equal(a, b, err_msg=key)
        else:
            np.testing.assert_array_equal(value, other[key], err_msg=key)
    assert ref["sampled"].any() and ref["khop"].any() and ref["imm"][0].size == 3
