"""The getting-started page, run: every ``infnet`` command it documents, on the real exports.

docs/getting-started.md shows, for each network in ../shared/data, the commands that go
from the raw export (the files as they are on disk) to a shortlist, a contributions
plot and an ego-network plot. This test reads those ``bash`` blocks from the page
(so the page cannot drift from what works), runs each command in-process in a
scratch folder with ``$D`` set to the data folder, and checks what it wrote: the
shortlist's rows, non-empty images, and the direction announced on stderr.
"""

from __future__ import annotations

import io
import json
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest
from conftest import SHARED_DATA

from infnet.cli import main

pytestmark = [
    pytest.mark.data,
    pytest.mark.skipif(SHARED_DATA is None, reason="../shared/data is absent"),
]
pytest.importorskip("matplotlib")

PAGE = Path(__file__).resolve().parents[1] / "docs" / "getting-started.md"
DATASETS = ("lazega_lawyers", "krackhardt_managers", "uk_faculty", "brazilian_farmers",
            pytest.param("github_developers", marks=pytest.mark.slow))  # 37,700 actors: ~7 s
#: As their READMEs say: mutual follows; every other export is directed.
UNDIRECTED = {"github_developers"}
#: Nominations ("source named target"): against the flow of influence, so reversed.
NOMINATIONS = {"lazega_lawyers", "krackhardt_managers", "brazilian_farmers"}
_IMAGE_MAGIC = {".png": b"\x89PNG", ".pdf": b"%PDF", ".svg": b"<?xml"}


@dataclass
class Session:
    """The commands of one ``bash`` block: the data folder it sets and its infnet lines."""

    dataset: str
    commands: list[list[str]] = field(default_factory=list)


def _blocks(text: str) -> list[str]:
    return re.findall(r"^```bash\n(.*?)^```", text, flags=re.DOTALL | re.MULTILINE)


def documented_sessions() -> dict[str, Session]:
    """Parse the page: ``D=.../<dataset>`` starts a session, ``infnet ...`` lines follow."""
    sessions: dict[str, Session] = {}
    for block in _blocks(PAGE.read_text(encoding="utf-8")):
        current: Session | None = None
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            if not words:
                continue
            if words[0].startswith("D="):
                name = Path(words[0][2:]).name
                current = sessions.setdefault(name, Session(name))
            elif words[0] == "infnet" and current is not None:
                current.commands.append(words[1:])
    return sessions


SESSIONS = documented_sessions() if PAGE.exists() else {}


def test_the_page_covers_every_shared_data_set():
    assert SHARED_DATA is not None
    on_disk = {p.name for p in SHARED_DATA.iterdir() if (p / "ties.csv").exists()}
    assert on_disk <= set(SESSIONS), f"not in getting-started: {sorted(on_disk - set(SESSIONS))}"
    for session in SESSIONS.values():
        subcommands = [c[:2] for c in session.commands]
        assert ["plot", "contributions"] in subcommands, session.dataset
        assert ["plot", "ego"] in subcommands, session.dataset
        assert any(c[0] == "rank" for c in session.commands), session.dataset


def _output(argv: list[str]) -> Path | None:
    for flag in ("-o", "--output"):
        if flag in argv:
            return Path(argv[argv.index(flag) + 1])
    return None


def _option(argv: list[str], flag: str, default: str) -> str:
    return argv[argv.index(flag) + 1] if flag in argv else default


@pytest.mark.parametrize("dataset", DATASETS)
def test_documented_commands_run_on_the_raw_export(dataset, tmp_path, monkeypatch, capsys):
    assert SHARED_DATA is not None
    if dataset not in SESSIONS:
        pytest.fail(f"docs/getting-started.md has no commands for {dataset}")
    folder = SHARED_DATA / dataset
    monkeypatch.chdir(tmp_path)
    for words in SESSIONS[dataset].commands:
        argv = [w.replace("$D", str(folder)) for w in words]
        code = main(argv)
        captured = capsys.readouterr()
        shown = " ".join(words)
        assert code == 0, f"infnet {shown}\n{captured.err}"
        if argv[0] in ("rank", "plot", "measures", "reach"):
            # the direction is announced, and it is the README's
            said = re.search(r"ties; (directed|undirected) \((given|recorded[^)]*)\)",
                             captured.err)
            assert said, f"infnet {shown}: no direction announced\n{captured.err}"
            assert (said.group(1) == "undirected") == (dataset in UNDIRECTED), shown
            assert ("each tie reversed" in captured.err) == (dataset in NOMINATIONS), shown
        out = _output(argv)
        if argv[0] == "rank" and out is not None:
            assert out.suffix == ".csv", shown
            first = out.read_text(encoding="utf-8").splitlines()[0]
            attrs = json.loads(first.removeprefix("# infnet: "))
            assert attrs["seed"] == int(_option(argv, "--seed", "0"))
            df = pd.read_csv(out, skiprows=1)
            picks = df[~df["excluded"].astype(bool)]
            k = int(_option(argv, "-k", "20"))
            assert 1 <= len(picks) <= k, shown
            assert picks["pick_order"].tolist() == list(range(1, len(picks) + 1))
            assert picks["score"].notna().all()
        elif argv[0] == "rank":
            assert captured.out.strip(), shown
        if argv[0] == "plot":
            assert out is not None, shown
            data = out.read_bytes()
            assert len(data) > 1000, shown
            assert data.startswith(_IMAGE_MAGIC.get(out.suffix, b"")), shown
        if argv[0] == "validate":
            assert "network: OK" in captured.out, shown


def test_csv_output_reads_back_with_the_documented_call(tmp_path, monkeypatch, capsys):
    """The page says: read the shortlist with pandas.read_csv(f, skiprows=1)."""
    assert SHARED_DATA is not None
    folder = SHARED_DATA / "krackhardt_managers"
    monkeypatch.chdir(tmp_path)
    assert main(["rank", str(folder / "nodes.csv"), str(folder / "ties.csv"), "--directed",
                 "--reverse", "--relation", "advice", "--where", "department == 1", "-k", "3",
                 "--label", "level_label", "-o", "s.csv"]) == 0
    capsys.readouterr()
    df = pd.read_csv(io.StringIO(Path("s.csv").read_text(encoding="utf-8")), skiprows=1)
    assert {"rank", "actor", "level_label", "score", "reason"} <= set(df.columns)
