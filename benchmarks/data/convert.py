r"""Convert the R data files behind the extra validity data sets into small CSVs.

This is a *conversion tool*, run once by hand; infnet does not depend on it and the
validity suite only reads the CSVs it writes. It needs the pure-Python R-data reader
``rdata`` (``pip install "rdata>=1.0"``; tested with 1.1.0), which is not an infnet
dependency.

Sources (public GitHub repositories; the commits used are in each README)::

    USCCANA/netdiffuseR   data/medInnovations.rdata   -> medical_innovation/
    USCCANA/netdiffuseR   data/kfamily.rdata          -> korean_family_planning/
    igraph/igraphdata     data/enron.rda              -> enron/

Usage::

    python benchmarks/data/convert.py --netdiffuser PATH --igraphdata PATH [--out benchmarks/data]

where each PATH is either a checkout of the repository or its bare git directory (the
file is then read with ``git show HEAD:data/...``). What is derived, and how, is written
in the README of each output folder; this script is the exact recipe.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent


def _read_bytes(repo: Path, path: str) -> tuple[bytes, str]:
    """Bytes of `path` in `repo` (a checkout or a bare git dir) and the commit read."""
    git = ["git", "--git-dir", str(repo / ".git" if (repo / ".git").exists() else repo)]
    commit = subprocess.run([*git, "rev-parse", "HEAD"], check=True, capture_output=True,
                            text=True).stdout.strip()
    if (repo / path).is_file():
        return (repo / path).read_bytes(), commit
    blob = subprocess.run([*git, "show", f"HEAD:{path}"], check=True, capture_output=True)
    return blob.stdout, commit


def _rda(repo: Path, path: str) -> tuple[dict[str, object], str]:
    import rdata  # conversion-only dependency (see the module docstring)

    data, commit = _read_bytes(repo, path)
    with tempfile.NamedTemporaryFile(suffix=Path(path).suffix) as tmp:
        tmp.write(data)
        tmp.flush()
        with warnings.catch_warnings():
            # igraph objects have no rdata constructor: the raw R list is what we want.
            warnings.filterwarnings("ignore", message="Missing constructor")
            parsed = rdata.parser.parse_file(tmp.name)
            return rdata.conversion.convert(parsed), commit


def _nominations(frame: pd.DataFrame, group: str, columns: dict[str, list[str]]
                 ) -> tuple[pd.DataFrame, dict[str, tuple[int, int]]]:
    """Long nomination ties (nominator -> nominee) among respondents of the same group.

    Nominee numbers are respondent ids *within the nominator's group* (city or
    village); a nomination of a non-respondent (not in the survey) or a 0/blank cell is
    dropped, and so is a repeated nomination of the same person in one relation (the
    first rank is kept). Returns the ties and, per relation, (kept, dropped as
    non-respondent).
    """
    keys = set(zip(frame[group].astype(int), frame["respondent_id"].astype(int), strict=True))
    rows = []
    counts: dict[str, tuple[int, int]] = {}
    for relation, cols in columns.items():
        kept = dropped = 0
        for rank, col in enumerate(cols, start=1):
            for g, src, nominee in zip(frame[group].astype(int), frame["id"],
                                       frame[col], strict=True):
                if pd.isna(nominee) or int(nominee) == 0:
                    continue
                if (g, int(nominee)) not in keys:
                    dropped += 1
                    continue
                kept += 1
                rows.append((int(src), g * 1000 + int(nominee), relation, rank))
        counts[relation] = (kept, dropped)
    ties = pd.DataFrame(rows, columns=["source", "target", "relation", "nomination_rank"])
    before = len(ties)
    ties = ties.sort_values(["relation", "source", "nomination_rank"], kind="stable")
    ties = ties.drop_duplicates(["source", "target", "relation"], keep="first")
    ties = ties[ties["source"] != ties["target"]]  # self-nominations carry no influence
    ties = ties.reset_index(drop=True)
    counts["_duplicates_or_self_dropped"] = (before - len(ties), 0)
    return ties, counts


def medical_innovation(repo: Path, out: Path) -> str:
    """Coleman, Katz & Menzel (1966): 125 doctors, 4 cities, tetracycline adoption."""
    data, commit = _rda(repo, "data/medInnovations.rdata")
    m = pd.DataFrame(data["medInnovations"]).reset_index(drop=True)
    nodes = pd.DataFrame({
        "id": (m["city"].astype(int) * 1000 + m["id"].astype(int)),
        "city": m["city"].astype(int),
        "respondent_id": m["id"].astype(int),
    })
    toa = m["toa"].astype(float)
    nodes["time_of_adoption"] = toa.where(toa < 18).astype("Int64")  # 18 = not adopted
    nodes["adopted"] = toa < 18
    m = m.assign(id=nodes["id"], respondent_id=nodes["respondent_id"])
    ties, counts = _nominations(m, "city", {
        "advice": ["net1_1", "net1_2", "net1_3"],
        "discussion": ["net2_1", "net2_2", "net2_3"],
        "friendship": ["net3_1", "net3_2", "net3_3"],
    })
    _write(out / "medical_innovation", nodes, ties)
    return f"medical_innovation: commit {commit}; {len(nodes)} doctors; ties kept/dropped {counts}"


KFAMILY_RELATIONS = {
    "fp_talk": "net1",        # neighbours talked to about family planning
    "neighbour": "net2",      # closest neighbours most frequently met
    "fp_advice": "net3",      # advice on family planning sought from
    "fp_information": "net4",  # information on family planning provided by
    "abortion_advice": "net5",  # advice on induced abortion sought from
    "health_advice": "net6",  # advice on health sought from
    "goods_advice": "net7",   # advice on purchase of goods sought from
    "education_advice": "net8",  # advice on children's education sought from
}


def korean_family_planning(repo: Path, out: Path) -> str:
    """Rogers & Kincaid (1981): 1,047 women, 25 villages, family planning adoption."""
    data, commit = _rda(repo, "data/kfamily.rdata")
    k = pd.DataFrame(data["kfamily"]).reset_index(drop=True)
    nodes = pd.DataFrame({
        "id": (k["village"].astype(int) * 1000 + k["id"].astype(int)),
        "village": k["village"].astype(int),
        "respondent_id": k["id"].astype(int),
    })
    toa = k["toa"].astype(float)
    nodes["time_of_adoption"] = toa.where(toa < 11).astype("Int64")  # 11 = not adopted
    nodes["adopted"] = toa < 11
    k = k.assign(id=nodes["id"], respondent_id=nodes["respondent_id"])
    ties, counts = _nominations(k, "village", {
        rel: [f"{stem}{i}" for i in range(1, 6)] for rel, stem in KFAMILY_RELATIONS.items()
    })
    _write(out / "korean_family_planning", nodes, ties)
    return (f"korean_family_planning: commit {commit}; {len(nodes)} women; "
            f"ties kept/dropped {counts}")


def enron(repo: Path, out: Path) -> str:
    """Enron email among 184 employees (igraphdata), with recorded positions."""
    data, commit = _rda(repo, "data/enron.rda")
    raw = data["enron"]
    n = int(np.asarray(raw[0])[0])
    directed = bool(np.asarray(raw[1])[0])
    if not directed:
        msg = "enron.rda: expected a directed igraph object"
        raise ValueError(msg)
    frm = np.asarray(raw[2], dtype=np.int64)  # igraph's 0-based vertex ids, sender
    to = np.asarray(raw[3], dtype=np.int64)   # recipient
    attrs = raw[8]
    vertex = {str(key): np.asarray(v) for key, v in attrs[2].items()}
    edge = {str(key): np.asarray(v) for key, v in attrs[3].items()}
    note = pd.Series(vertex["Note"], dtype=object)
    note = note.where(note != "NA")  # the source writes a missing position as "NA"
    nodes = pd.DataFrame({
        "id": np.arange(1, n + 1),  # R's 1-based vertex number
        "position": note,
        "position_category": note.str.split(",").str[0].str.strip(),
    })
    mail = pd.DataFrame({"source": frm + 1, "target": to + 1,
                         "reciptype": edge["Reciptype"]})
    self_loops = int((mail["source"] == mail["target"]).sum())
    mail = mail[mail["source"] != mail["target"]]
    counts = (mail.groupby(["source", "target", "reciptype"]).size()
              .unstack("reciptype", fill_value=0))
    for col in ("to", "cc", "bcc"):
        if col not in counts:
            counts[col] = 0
    ties = counts[["to", "cc", "bcc"]].rename(columns=lambda c: f"n_{c}")
    # In this corpus every bcc record repeats a cc record of the same message (equal
    # counts on every pair), so a message is counted once: to + cc.
    if not (ties["n_cc"] == ties["n_bcc"]).all():
        msg = "enron.rda: bcc records no longer mirror cc records; revisit n_messages"
        raise ValueError(msg)
    ties["n_messages"] = ties["n_to"] + ties["n_cc"]
    ties = ties.reset_index().sort_values(["source", "target"]).reset_index(drop=True)
    _write(out / "enron", nodes, ties)
    return (f"enron: commit {commit}; {n} employees, {int(nodes['position'].notna().sum())} "
            f"with a position; {len(frm)} (message, recipient) records, {self_loops} to self "
            f"dropped; {len(ties)} sender->recipient pairs")


def _write(folder: Path, nodes: pd.DataFrame, ties: pd.DataFrame) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in (("nodes.csv", nodes), ("ties.csv", ties)):
        buf = io.StringIO()
        frame.to_csv(buf, index=False, lineterminator="\n")
        (folder / name).write_text(buf.getvalue())


def main(argv: list[str] | None = None) -> int:
    """Convert every source given on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--netdiffuser", type=Path, help="USCCANA/netdiffuseR checkout or git dir")
    parser.add_argument("--igraphdata", type=Path, help="igraph/igraphdata checkout or git dir")
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args(argv)
    if args.netdiffuser is None and args.igraphdata is None:
        parser.error("give --netdiffuser and/or --igraphdata")
    if args.netdiffuser is not None:
        print(medical_innovation(args.netdiffuser, args.out))
        print(korean_family_planning(args.netdiffuser, args.out))
    if args.igraphdata is not None:
        print(enron(args.igraphdata, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
