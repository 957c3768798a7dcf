"""The how-to notebooks are tests: run every ``notebooks/*.py`` and fail when one raises.

Each notebook is a jupytext percent-format script ending with assertions about what it
shows. It runs with :func:`runpy.run_path` in a fresh interpreter (no Jupyter kernel
needed), with the Agg matplotlib backend, in a temporary working directory so that
nothing is written to the repository, and with ``UserWarning`` (hence
``InfnetWarning``) turned into an error, as the test suite does.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.py"))
TIMEOUT = 120  # seconds per notebook; each is meant to run in < 30 s

_RUNNER = "import runpy, sys; runpy.run_path(sys.argv[1], run_name='__main__')"


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


def test_notebooks_exist() -> None:
    assert len(NOTEBOOKS) >= 4, NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_notebook_runs(path: Path, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="the notebooks plot with matplotlib")
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONHASHSEED="0")
    src = str(ROOT / "src")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    try:
        proc = subprocess.run(
            [sys.executable, "-W", "error::UserWarning", "-c", _RUNNER, str(path)],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{path.name} did not finish within {TIMEOUT} s")
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-25:])
        pytest.fail(f"{path.name} failed (exit {proc.returncode}):\n{tail}", pytrace=False)
    assert "all checks passed" in proc.stdout, proc.stdout[-2000:]
    assert not any(tmp_path.iterdir()), "a notebook wrote files to its working directory"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_notebook_layout(path: Path) -> None:
    """Jupytext percent format; the first code cell is the tagged parameter cell."""
    text = path.read_text(encoding="utf-8")
    assert "format_name: percent" in text
    cells = re.split(r"^# %%", text, flags=re.MULTILINE)[1:]
    code = [c for c in cells if not c.startswith(" [markdown]")]
    assert code, "no code cell"
    first = code[0]
    assert first.startswith(' tags=["parameters"]'), "the first code cell must be the parameters"
    body = [ln for ln in first.splitlines()[1:] if ln.strip() and not ln.startswith("#")]
    assert body, "empty parameter cell"
    assert all(re.match(r"^[A-Z][A-Z0-9_]* = ", ln) for ln in body), body
    assert "## Checks" in text, "a notebook ends with its checks"


def test_docs_list_every_notebook() -> None:
    howto = (ROOT / "docs" / "howto.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^notebooks/(\S+)$", howto, flags=re.MULTILINE))
    assert listed == {p.stem for p in NOTEBOOKS}


def test_concepts_preset_table_matches_presets() -> None:
    from infnet.presets import PRESETS

    concepts = (ROOT / "docs" / "concepts.md").read_text(encoding="utf-8")
    for name, weights in PRESETS.items():
        row = next(
            (ln for ln in concepts.splitlines() if ln.startswith(f"| `{name}`")), None
        )
        assert row is not None, f"preset {name!r} missing from docs/concepts.md"
        documented = dict(re.findall(r"([a-z_0-9]+) (\d\.\d+)", row.split("|")[3]))
        assert {k: float(v) for k, v in documented.items()} == dict(weights), name
