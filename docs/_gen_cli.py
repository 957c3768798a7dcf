"""Generate docs/cli.md, the command-line reference, from the click parser in infnet.cli.

Run ``python docs/_gen_cli.py`` after changing an option; tests/test_cli.py checks that
the committed page is up to date (``python docs/_gen_cli.py --check`` does the same).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from infnet.cli import cli

PAGE = Path(__file__).with_name("cli.md")
WIDTH = 100

INTRO = """\
# Command-line reference

The `infnet` command reads a network from an actors file and a ties file as they come
out of a CRM or a survey export (CSV, TSV, compressed CSV or Parquet; `-` for standard
input) and ranks influentials, computes measures and reach, or checks the files.
This page is generated from the parser by `docs/_gen_cli.py`; do not edit it by hand.

A first session on a real export:

```console
$ infnet validate nodes.csv ties.csv                # what infnet makes of the files
$ infnet rank nodes.csv ties.csv --reverse --relation advice \\
      --where "office == 'Boston'" -k 10 --label status
$ infnet rank nodes.csv ties.csv ... -o shortlist.csv   # parameters and seed in line 1
$ infnet plot contributions nodes.csv ties.csv ... -o contributions.png
$ infnet plot ego nodes.csv ties.csv ... -o ego.png      # the first pick, or --actor ID
```

The whole way from an export to a shortlist and two pictures, on the five real
networks of the test data, is on the [getting-started page](getting-started.md).

**Direction.** A tie `source -> target` says influence may flow from source to target.
Survey nominations ("the source named the target as an advisor") point the other way:
pass `--reverse`. When the files record no direction (a CSV export never does) infnet
reads them as directed and says so in a warning; pass `--directed` or `--undirected`.

**Duplicates and relations.** A pair named in several relations (advice and friendship)
is a duplicate: keep one relation with `--relation NAME`, weight them with
`--relation-weights advice=1,friendship=0.5` and merge with `--duplicates max|sum`.

**Strength.** Without a strength column every tie has strength 1. A column in (0, 1]
is used with `--strength COLUMN`; weights outside it (counts, 1-16 scores) with
`--strength COLUMN --rescale max|minmax|rank`; interaction counts with
`--strength-from-counts COLUMN`.

**Pictures.** `infnet plot contributions|ego|reach|strategies` take the same options as
`infnet rank` (same defaults and seed, so they draw the shortlist `rank` prints) and
`-o FILE`; the format follows the extension (.png, .pdf, .svg, ...). They need
matplotlib: `pip install "infnet[plot]"`.

**Exit status.** 0 on success; 2 for bad input (one line on stderr, with hints in
command-line syntax); 1 for an internal error (one line; `--debug` shows the traceback).
Every warning is one line on stderr. `-q` prints only the result, errors and warnings;
`-v` logs each stage with its time; a progress display shows on a terminal
(`--no-progress` hides it).

**Output.** `--format table|csv|json|parquet` (or from the `-o` extension, which must
match). The parameters, seed and how the network was read travel with every format:
csv starts with one `# infnet: {json}` line (`pandas.read_csv(f, skiprows=1)`), json is
`{"attrs": ..., "records": [...]}`, parquet keeps them in its schema metadata under the
key `infnet`, and the table prints them below.
"""


def _help(command: click.Command, name: str, parent: click.Context | None) -> str:
    ctx = click.Context(command, info_name=name, parent=parent, terminal_width=WIDTH,
                        max_content_width=WIDTH, help_option_names=["-h", "--help"])
    return command.get_help(ctx)


def render() -> str:
    """Return the Markdown page."""
    root = click.Context(cli, info_name="infnet", terminal_width=WIDTH,
                         max_content_width=WIDTH, help_option_names=["-h", "--help"])
    parts = [INTRO, "## infnet\n", "```text\n" + cli.get_help(root) + "\n```\n"]
    for name in ("validate", "rank", "plot", "measures", "reach", "demo"):
        command = cli.commands[name]
        parts.append(f"## infnet {name}\n")
        parts.append("```text\n" + _help(command, name, root) + "\n```\n")
        if isinstance(command, click.Group):
            ctx = click.Context(command, info_name=name, parent=root, terminal_width=WIDTH,
                                max_content_width=WIDTH, help_option_names=["-h", "--help"])
            for sub in command.list_commands(ctx):
                parts.append(f"### infnet {name} {sub}\n")
                parts.append("```text\n" + _help(command.commands[sub], sub, ctx)
                             + "\n```\n")
    return "\n".join(parts)


def main(argv: list[str]) -> int:
    """Write docs/cli.md, or with --check return 1 when it is out of date."""
    text = render()
    if "--check" in argv:
        current = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
        if current != text:
            print(f"{PAGE} is out of date: run python docs/_gen_cli.py", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
