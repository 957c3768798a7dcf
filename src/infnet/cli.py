"""The ``infnet`` command line: rank, measures, reach, validate and demo on real exports.

Built on Click (options, help, usage errors) and rich (tables, progress). Every
subcommand reads a network the same way, from an actors file and a ties file as they
come out of a CRM or a survey export::

    infnet validate nodes.csv ties.csv --reverse
    infnet rank nodes.csv ties.csv --where "office == 'Boston'" --relation advice --reverse
    infnet measures nodes.csv ties.csv pagerank core_number --undirected -o m.csv
    infnet reach nodes.csv ties.csv --where "school_group == 1" --hops 2
    infnet demo

Exit status: 0 on success; 2 for bad input (an :class:`~infnet.InfnetError` or a usage
error, printed as one line on stderr, with hints in command-line syntax); 1 for an
internal error (one line; ``--debug`` prints the traceback). Every warning is printed
as one line on stderr. The reference page ``docs/cli.md`` is generated from this parser
(``python docs/_gen_cli.py``).
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import os
import re
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from infnet.exceptions import (
    InfnetError,
    InvalidParameterError,
    MissingColumnError,
    UnknownActorError,
)

__all__ = ["cli", "main"]

F = TypeVar("F", bound=Callable[..., Any])

_CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
_EXTENSIONS = {".csv": "csv", ".json": "json", ".parquet": "parquet", ".pq": "parquet",
               ".txt": "table"}
_FORMATS = ("table", "csv", "json", "parquet")
_IMAGE_EXTENSIONS = (".png", ".pdf", ".svg", ".jpg", ".jpeg", ".eps", ".ps", ".tif", ".tiff",
                     ".webp")
_TABLE_COLUMNS = ("rank", "pick_order", "actor", "label", "kind", "organisation", "segment",
                  "audience", "score", "direct_reach", "reach_k", "target_share", "in_target",
                  "introducer", "marginal_gain", "reason")
_OPTIONAL_ATTRIBUTES = ("kind", "organisation", "segment", "audience")
_STDIN = "-"
_NO_ACTORS = "none"
_logger = logging.getLogger("infnet")


# ============================================================== errors, warnings, hints
_PY_HINT = re.compile(
    r"\b(duplicates|directed|sep|strength|actor_id|source|target|encoding|self_ties|format|"
    r"where|method|focal_organisation|weights|strong_threshold|hops|n_sets|rescale|reverse|"
    r"relation_column|relation)"
    r"=(\.\.\.|'[^']*'|\"[^\"]*\"|True|False|None|[\w.\-]+)"
)
_READ_OPTIONS = ("relation_column", "relation", "rescale", "reverse", "strength", "encoding",
                 "sep", "source", "target", "actor_id", "directed", "duplicates", "self_ties",
                 "focal_organisation", "strong_threshold", "format")
#: Library phrases that name Python objects, and what the command line says instead.
_LIBRARY_PHRASES = (
    ("Target (where=): ", "--where: "),
    ("rank_influentials (exclude.where): ", "--exclude-where: "),
    ("See infnet.expressions for the grammar.",
     ("The language: comparisons (==, !=, <, <=, >, >=, in [...]), and / or / not, "
      "parentheses.")),
    ("Check the names and expressions against network.actors.",
     "Check the values in the actors file ('infnet validate' lists its columns)."),
    ("`segments` of Target", "--segment"),
    ("`organisations` of Target", "--organisation"),
    ("`actors` of Target", "--target-actor"),
    ("focal_organisation needs", "--focal-organisation needs"),
)
# `relation` of read_tables, or a bare `relation` (not `target` of rank_influentials)
_READ_OPTION = re.compile(r"`(" + "|".join(_READ_OPTIONS) + r")`"
                          r"(?: of (?:read_tables|read_network|to_network)\b|(?! of ))")
_OPTION_OF = {"actor_id": "--actor-id", "self_ties": "--self-ties", "format": "--input-format",
              "focal_organisation": "--focal-organisation", "strong_threshold":
              "--strong-threshold", "n_sets": "--n-sets"}


def _shell_word(value: str) -> str:
    if value and re.fullmatch(r"[\w.,:=+\-/@%]+", value):
        return value
    return "'" + value.replace("'", "'\"'\"'") + "'"


def _hint_in_cli_syntax(match: re.Match[str]) -> str:
    return _cli_option(match.group(1), match.group(2))


def _cli_option(name: str, value: str) -> str:
    """``name=value`` of the library as the command-line option that says the same."""
    if name == "directed" and value in ("True", "False"):
        return "--directed" if value == "True" else "--undirected"
    if name == "target" and value == "...":
        return "a target (--segment, --organisation, --target-actor or --where)"
    if name == "weights" and value == "...":
        return "--weights FEATURE=WEIGHT,..."
    if name == "reverse" and value in ("True", "False"):
        return "--reverse" if value == "True" else "no --reverse"
    option = _OPTION_OF.get(name, "--" + name.replace("_", "-"))
    if value in ("...", "None"):
        return f"{option} ..."
    if value[:1] in "'\"":
        value = value[1:-1]
    return f"{option} {_shell_word(value)}"


def cli_syntax(text: str) -> str:
    """Rewrite the library's Python-syntax hints (``duplicates='max'``) as CLI options.

    Parameters
    ----------
    text : str
        A message from an infnet error or warning.

    Returns
    -------
    str
        The message, on one line, with ``name=value`` hints as ``--name value`` and a
        few library-only suggestions replaced by their options.

    Examples
    --------
    >>> cli_syntax("Pass duplicates='max' or duplicates='sum' to merge them.")
    'Pass --duplicates max or --duplicates sum to merge them.'
    >>> cli_syntax("assumed directed=True; pass directed=True or directed=False")
    'assumed --directed; pass --directed or --undirected'
    >>> cli_syntax("`k` of rank_influentials must be an integer in [1, 1000000]; got 0.")
    '-k must be an integer in [1, 1000000]; got 0.'
    >>> cli_syntax("read_tables: rescale='max' needs positive values: pass rescale='rank'.")
    '--rescale max needs positive values: pass --rescale rank.'
    >>> cli_syntax("`rescale` of read_tables needs `strength` to name the column")
    '--rescale needs --strength to name the column'
    """
    out = " ".join(str(text).split())
    out = re.sub(r"^(?:read_tables|read_network|to_network|rank_influentials): ", "", out)
    out = out.replace("rank_influentials could shortlist", "the ranking could shortlist")
    out = re.sub(r"^(?:read_tables|read_network) needs ", "reading the file needs ", out)
    out = out.replace("`relation` gives no weight", "--relation-weights gives no weight")
    out = out.replace("the `relation` weights", "--relation-weights")
    out = re.sub(r"\b([Ss])ee df\.attrs\['(\w+)'\]",
                 lambda m: f"{m.group(1)}ee '{m.group(2)}' in the output's parameters "
                           "(below a table)", out)
    out = out.replace("relation={name: weight}", "--relation-weights NAME=WEIGHT,...")
    for old, new in _LIBRARY_PHRASES:
        out = out.replace(old, new)
    if re.search(r"--(?:exclude-)?where: ", out) and "is not an actor column" in out:
        out += (" Text values need quotes inside the expression, e.g. --where "
                "\"office == 'Boston'\".")
    out = re.sub(r"`(\w+)=('[^']*'|\w+)` of \w+", lambda m: _cli_option(m.group(1), m.group(2)),
                 out)
    out = out.replace(
        "Rescale the column, or derive strength with infnet.ties.FromInteractions.",
        "Rescale it with --rescale max|minmax|rank, or derive strength from interaction "
        "counts with --strength-from-counts COLUMN.",
    )
    out = re.sub(r"\(the (\w+)= column\)",
                 lambda m: f"({_OPTION_OF.get(m.group(1), '--' + m.group(1).replace('_', '-'))})",
                 out)
    out = re.sub(r"`(k|hops|n_sets|strategy|weights|method|normalization)` of \w+",
                 lambda m: "-k" if m.group(1) == "k" else
                 _OPTION_OF.get(m.group(1), "--" + m.group(1).replace("_", "-")), out)
    out = _READ_OPTION.sub(
        lambda m: _OPTION_OF.get(m.group(1), "--" + m.group(1).replace("_", "-")), out)
    return _PY_HINT.sub(_hint_in_cli_syntax, out)


class _Session:
    """What one invocation decided about output: verbosity, debug, temp files."""

    def __init__(self) -> None:
        self.command = ""
        self.debug = False
        self.quiet = False
        self.verbose = 0
        self.progress: bool | None = None
        self.stdin_paths: dict[str, str] = {}
        self.handler: logging.Handler | None = None

    def clean(self, text: str) -> str:
        for path, shown in self.stdin_paths.items():
            text = text.replace(repr(path), shown).replace(path, shown)
        return cli_syntax(text)


_SESSION = _Session()


def _prefix() -> str:
    return f"infnet {_SESSION.command}".rstrip()


def _say(text: str) -> None:
    """Print a note for the user on stderr (silenced by -q)."""
    if not _SESSION.quiet:
        click.echo(f"{_prefix()}: {text}", err=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``infnet`` command line.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name; ``sys.argv[1:]`` by default.

    Returns
    -------
    int
        Exit status: 0 on success, 2 for bad input (an :class:`~infnet.InfnetError`
        or a usage error, printed as one line on stderr), 1 for an internal error
        (one line; the traceback with ``--debug``). Warnings are printed as one line
        each on stderr.

    Examples
    --------
    >>> main(["demo", "-k", "3", "--format", "json", "-q"])  # doctest: +SKIP
    0
    """
    from infnet import _progress

    args = list(sys.argv[1:] if argv is None else argv)
    global _SESSION
    _SESSION = _Session()
    _SESSION.command = _command_name(args)
    _SESSION.debug = "--debug" in args
    progress_before = _progress.progress_enabled()
    handler: logging.Handler | None = None
    level_before = _logger.level
    status = 0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            with contextlib.ExitStack() as stack:
                stack.callback(_remove_stdin_files)
                result = cli.main(args=args, prog_name="infnet", standalone_mode=False)
                status = result if isinstance(result, int) else 0
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.ctx.get_help() if exc.ctx else str(exc), err=True)
            status = 2
        except click.ClickException as exc:
            where = f" (see '{_prefix()} --help')"
            _error(f"{exc.format_message()}{where}")
            status = 2
        except click.Abort:
            _error("aborted")
            status = 130
        except InfnetError as exc:
            status = _fail(exc, 2)
        except MemoryError as exc:  # a size asked for that does not fit
            status = _fail(exc, 2, "out of memory; ask for a smaller size")
        except Exception as exc:  # noqa: BLE001 - the CLI's last line of defence
            status = _fail(exc, 1, "internal error (please report it; --debug shows the "
                                   "traceback)")
        finally:
            handler = _SESSION.handler
    seen: dict[str, int] = {}  # the same warning from several calls prints once
    for w in caught:
        text = _SESSION.clean(str(w.message))
        seen[text] = seen.get(text, 0) + 1
    for text, times in seen.items():
        again = f" ({times} times)" if times > 1 else ""
        click.echo(f"{_prefix()}: warning: {text}{again}", err=True)
    if handler is not None:
        _logger.removeHandler(handler)
        _logger.setLevel(level_before)
    if _progress.progress_enabled() != progress_before:
        _progress.show_progress(progress_before)
    return status


def _command_name(args: Sequence[str]) -> str:
    """Return the (sub)command named in `args` (``rank``, ``plot ego``) for messages."""
    words: list[str] = []
    group: click.Group = cli
    for a in args:
        command = group.commands.get(a)
        if command is None:
            continue
        words.append(a)
        if not isinstance(command, click.Group):
            break
        group = command
    return " ".join(words)


def _error(text: str) -> None:
    click.echo(f"{_prefix()}: error: {_SESSION.clean(text)}", err=True)


def _fail(exc: BaseException, status: int, what: str = "") -> int:
    if _SESSION.debug:
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    prefix = f"{what}: " if what else ""
    name = "" if isinstance(exc, InfnetError) else f"{type(exc).__name__}: "
    _error(f"{prefix}{name}{exc}")
    return status


def _remove_stdin_files() -> None:
    for path in _SESSION.stdin_paths:
        with contextlib.suppress(OSError):
            Path(path).unlink()
            Path(path).parent.rmdir()


# ============================================================== shared options
def _setup(quiet: bool, verbose: int, debug: bool, progress: bool | None) -> None:
    """Apply -q/-v/--debug/--progress (given on the group or on the subcommand)."""
    from infnet import _progress

    s = _SESSION
    s.quiet = s.quiet or quiet
    s.verbose = max(s.verbose, verbose)
    s.debug = s.debug or debug
    if progress is not None:
        s.progress = progress
    if s.verbose and s.handler is None:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("infnet: %(message)s"))
        _logger.addHandler(handler)
        s.handler = handler
    if s.verbose and not s.quiet:
        _logger.setLevel(logging.DEBUG if s.verbose > 1 else logging.INFO)
    show = s.progress if s.progress is not None else (not s.quiet and sys.stderr.isatty())
    wanted = bool(show) and not s.quiet
    if _progress.progress_enabled() != wanted:  # (--help and --version load no numpy)
        _progress.show_progress(wanted)


def _common_options(func: F) -> F:
    options = [
        click.option("-q", "--quiet", is_flag=True,
                     help="Print only the result and errors: no notes, no progress, no logs "
                          "(warnings still print)."),
        click.option("-v", "--verbose", count=True,
                     help="Log each stage with its time on stderr (-vv: debug)."),
        click.option("--debug", is_flag=True, help="On an error, print the full traceback."),
        click.option("--progress/--no-progress", default=None,
                     help="Show a progress display on stderr (default: when stderr is a "
                          "terminal and not -q)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _network_options(func: F) -> F:
    options = [
        click.argument("actors", metavar="ACTORS"),
        click.argument("ties", metavar="TIES"),
        click.option("--source", default="source", show_default=True,
                     help="Ties column of the tie's first end."),
        click.option("--target", "target_column", default="target", show_default=True,
                     help="Ties column of the tie's second end."),
        click.option("--actor-id", default="id", show_default=True,
                     help="Actors column of the actor ids."),
        click.option("--sep", default=None,
                     help="Field separator of CSV files (default: tab for .tsv, else comma)."),
        click.option("--encoding", default="utf-8", show_default=True,
                     help="Text encoding of CSV files."),
        click.option("--input-format", type=click.Choice(["csv", "parquet"]), default=None,
                     help="Format of the input files (default: from the suffix; csv for "
                          "stdin)."),
        click.option("--directed/--undirected", default=None,
                     help="Ties go one way / both ways (default: as recorded with the files; "
                          "otherwise directed, with a warning)."),
        click.option("--reverse", is_flag=True,
                     help="Flip every tie (source <-> target) so ties point the way influence "
                          "flows. Nomination data (asker -> advisor, 'source named target') "
                          "point against it: use --reverse for them."),
        click.option("--duplicates", type=click.Choice(["raise", "max", "sum"]),
                     default="raise", show_default=True,
                     help="Several rows for the same pair (e.g. one per relation): refuse, "
                          "keep the largest strength, or add strengths (capped at 1)."),
        click.option("--self-ties", type=click.Choice(["drop", "raise"]), default="drop",
                     show_default=True, help="Ties from an actor to itself."),
        click.option("--strength", default=None, metavar="COLUMN",
                     help="Ties column of tie strength (default: 'strength' if present, "
                          "else 1 for every tie)."),
        click.option("--rescale", type=click.Choice(["max", "minmax", "rank"]), default=None,
                     help="Rescale the --strength column into (0, 1]: value/max, "
                          "(value-min)/(max-min) floored at 1e-12, or rank/n_ties (ties share "
                          "the average rank). For weights such as 1-16."),
        click.option("--strength-from-counts", default=None, metavar="COLUMN",
                     help="Derive strength from an interaction-count column "
                          "(infnet.ties.FromInteractions: saturating in the count, median "
                          "count -> 0.63, mutual ties stronger)."),
        click.option("--last-contact", default=None, metavar="COLUMN",
                     help="With --strength-from-counts: date column of the last contact "
                          "(strength halves every 180 days)."),
        click.option("--relation", "relations", multiple=True, metavar="VALUE",
                     help="Keep only ties whose relation column has this value (repeatable)."),
        click.option("--relation-weights", default=None, metavar="REL=W,...",
                     help="Strength by relation, e.g. advice=1,friendship=0.5 (multiplies "
                          "--strength if given); relations not named are dropped, with a "
                          "warning. A pair in several relations is then a duplicate: merge it "
                          "with --duplicates max|sum."),
        click.option("--relation-column", default="relation", show_default=True,
                     help="Ties column naming the relation."),
        click.option("--focal-organisation", default=None,
                     help="Derive kind from organisation: its members are internal."),
        click.option("--strong-threshold", type=float, default=None,
                     help="Strength at or above which a tie is strong (default 0.5)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _target_options(func: F) -> F:
    options = [
        click.option("--segment", "segments", multiple=True,
                     help="Target segment (value of the actors' segment column; repeatable)."),
        click.option("--organisation", "organisations", multiple=True,
                     help="Target organisation / account (repeatable)."),
        click.option("--target-actor", "target_actors", multiple=True, metavar="ID",
                     help="Target actor id (repeatable)."),
        click.option("--where", default=None, metavar="EXPR",
                     help="Target expression over actor columns, e.g. \"office == 'Boston'\" "
                          "(infnet's safe where-language)."),
        click.option("--within", default=None, metavar="EXPR",
                     help="Keep only targets for which this expression holds."),
        click.option("--values", default=None, metavar="COLUMN",
                     help="Numeric actors column giving each target's value (default 1)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _output_options(func: F) -> F:
    options = [
        click.option("--format", "fmt", type=click.Choice(_FORMATS), default=None,
                     help="Output format (default: from the -o extension, else table). csv "
                          "starts with one '# infnet: {json}' line of parameters and seed "
                          "(read it with pandas.read_csv(f, skiprows=1)); json is "
                          "{\"attrs\": ..., \"records\": [...]}; parquet keeps them in its "
                          "schema metadata (key 'infnet')."),
        click.option("-o", "--output", default=None, metavar="FILE",
                     help="Write to FILE (.csv, .json, .parquet/.pq, or .txt for a table); "
                          "the extension must match --format."),
        click.option("--label", "labels", multiple=True, metavar="COLUMN",
                     help="Actors column(s) to show beside the id, e.g. --label name."),
        click.option("--digits", type=click.IntRange(0, 12), default=3, show_default=True,
                     help="Decimals of floats in table and csv output."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _version_text() -> str:
    from infnet._version import __version__

    return __version__


@click.group(context_settings=_CONTEXT)
@click.version_option(_version_text(), "--version", prog_name="infnet",
                      message="%(prog)s %(version)s")
@_common_options
def cli(quiet: bool, verbose: int, debug: bool, progress: bool | None) -> None:
    """Find the influentials in business networks, from CSV / Parquet exports.

    Each command reads ACTORS (one row per actor, an id column and attributes; 'none'
    for ties only) and TIES (one row per tie: source, target, optional strength and
    relation); '-' reads either from standard input. Run 'infnet validate ACTORS TIES'
    first to see what infnet makes of your files.

    Direction: a tie source -> target says influence may flow from source to target.
    Survey nominations ("source named target as an advisor") point the other way:
    pass --reverse.
    """
    _setup(quiet, verbose, debug, progress)


# ============================================================== reading the network
def _parse_pairs(text: str, option: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        name, sep, value = part.partition("=")
        if not sep or not name.strip():
            msg = f"{option} takes NAME=NUMBER pairs separated by commas; got {part.strip()!r}."
            raise InvalidParameterError(msg)
        try:
            number = float(value)
        except ValueError:
            msg = f"{option}: the weight of {name.strip()!r} must be a number; got {value!r}."
            raise InvalidParameterError(msg) from None
        if not math.isfinite(number) or number < 0:
            msg = f"{option}: the weight of {name.strip()!r} must be finite and >= 0; got {value}."
            raise InvalidParameterError(msg)
        out[name.strip()] = number
    if not out:
        msg = f"{option} names no NAME=NUMBER pair; got {text!r}."
        raise InvalidParameterError(msg)
    return out


def _stdin_file(role: str, fmt: str | None) -> str:
    """Copy standard input to a temp file (read_network reads paths) and return its path."""
    suffix = ".parquet" if fmt == "parquet" else ".csv"
    folder = tempfile.mkdtemp(prefix="infnet-stdin-")
    path = os.path.join(folder, f"stdin{suffix}")
    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
    Path(path).write_bytes(data)
    _SESSION.stdin_paths[path] = f"<stdin ({role})>"
    return path


def _input_paths(actors: str, ties: str, fmt: str | None) -> tuple[str | None, str]:
    if actors == _STDIN and ties == _STDIN:
        msg = "ACTORS and TIES cannot both be '-' (standard input is one stream)."
        raise InvalidParameterError(msg)
    if ties.strip().lower() == _NO_ACTORS:
        msg = "TIES is required; 'none' is only for ACTORS (ties without an actors file)."
        raise InvalidParameterError(msg)
    actors_path = None if actors.strip().lower() == _NO_ACTORS else actors
    if actors_path == _STDIN:
        actors_path = _stdin_file("actors", fmt)
    ties_path = _stdin_file("ties", fmt) if ties == _STDIN else ties
    return actors_path, ties_path


def _warning_class() -> type[Warning]:
    from infnet.exceptions import InfnetWarning

    return InfnetWarning



class Built:
    """A network read from files, with what the CLI did to get it (for attrs and validate).

    Parameters
    ----------
    network : Network
        The network built from the files.
    info : dict
        What the CLI did to build it (files, direction, duplicates, transforms), written
        into the outputs' parameters and printed by ``infnet validate``.
    """

    def __init__(self, network: Any, info: dict[str, Any]) -> None:
        self.network = network
        self.info = info


def _check_options(o: Mapping[str, Any]) -> None:
    if o["rescale"] and not o["strength"]:
        msg = "--rescale needs --strength COLUMN (the column to rescale)."
        raise InvalidParameterError(msg)
    if o["strength_from_counts"] and (o["strength"] or o["relation_weights"]):
        msg = ("--strength-from-counts derives strength itself: do not combine it with "
               "--strength or --relation-weights.")
        raise InvalidParameterError(msg)
    if o["last_contact"] and not o["strength_from_counts"]:
        msg = "--last-contact needs --strength-from-counts COLUMN."
        raise InvalidParameterError(msg)
    if o["relations"] and o["relation_weights"]:
        msg = ("--relation keeps one relation and --relation-weights weights several: give "
               "one of them.")
        raise InvalidParameterError(msg)


def _read_tables(o: Mapping[str, Any]) -> Any:
    """Read the files as tables (infnet.io.read_tables); stdin goes to a temp file first."""
    from infnet.io import read_tables

    _check_options(o)
    fmt = o["input_format"]
    actors_path, ties_path = _input_paths(o["actors"], o["ties"], fmt)
    if fmt is None and (o["actors"] == _STDIN or o["ties"] == _STDIN):
        fmt = "csv"
    return read_tables(actors_path, ties_path, format=fmt, sep=o["sep"],
                       encoding=o["encoding"], actor_id=o["actor_id"], source=o["source"],
                       target=o["target_column"])


def _relation_option(o: Mapping[str, Any]) -> Any:
    if o["relations"]:
        return list(o["relations"])
    if o["relation_weights"]:
        return _parse_pairs(o["relation_weights"], "--relation-weights")
    return None


def _build(tables: Any, o: Mapping[str, Any]) -> Built:
    """Build the network from the tables as the options say (Tables.to_network)."""
    settings: dict[str, Any] = {"duplicates": o["duplicates"], "self_ties": o["self_ties"]}
    for key in ("focal_organisation", "strong_threshold"):
        if o[key] is not None:
            settings[key] = o[key]
    if o["directed"] is not None:
        how = "given"
        settings["directed"] = o["directed"]
    elif tables.direction_recorded:
        how = "recorded with the files"
    else:
        how = "assumed: the files record none"
        settings["directed"] = True
        warnings.warn(
            "the files record no direction: read as directed, a tie source -> target "
            "meaning influence may flow from source to target; say --directed or "
            "--undirected" + ("." if o["reverse"] else
                              ", and add --reverse for nomination data (source named "
                              "target as an advisor or a friend)."),
            _warning_class(), stacklevel=2)
    info: dict[str, Any] = {
        "actors": None if tables.actors_path is None else _SESSION.clean(str(o["actors"])),
        "ties": _SESSION.clean(str(o["ties"])) if o["ties"] != _STDIN else "<stdin>",
        "reverse": bool(o["reverse"]), "duplicates": o["duplicates"],
    }
    relation = _relation_option(o)
    if o["strength_from_counts"]:
        from infnet.ties import FromInteractions

        settings["strength"] = FromInteractions(count=o["strength_from_counts"],
                                                last_contact=o["last_contact"])
        info["strength"] = f"from counts in {o['strength_from_counts']!r}" + (
            f" and last contact {o['last_contact']!r}" if o["last_contact"] else "")
    else:
        if o["strength"] is not None:
            settings["strength"] = o["strength"]
        info["strength"] = (o["strength"] if o["strength"] else
                            "column 'strength'" if "strength" in tables.ties.columns else
                            "1 for every tie" if not isinstance(relation, dict) else
                            "the relation weights")
    if isinstance(relation, dict):
        info["relation_weights"] = relation
    elif relation is not None:
        info["relation"] = relation
    if o["rescale"]:
        info["rescale"] = o["rescale"]
    network = tables.to_network(reverse=o["reverse"], relation=relation,
                                relation_column=o["relation_column"], rescale=o["rescale"],
                                **settings)
    kind = "directed" if network.directed else "undirected"
    info["direction"] = f"{kind} ({how})"
    info["n_actors"], info["n_ties"] = network.n_actors, network.n_ties
    means = ("ties go both ways" if not network.directed else
             "each tie reversed (--reverse): the one named -> the one who named them"
             if o["reverse"] else "a tie source -> target: influence may flow from source "
                                  "to target")
    _say(f"read {network.n_actors:,} actors and {network.n_ties:,} ties; {kind} ({how}); "
         f"{means}.")
    return Built(network, info)


def _read(o: Mapping[str, Any]) -> Built:
    """Read the network as the options say (through infnet.io)."""
    from infnet._progress import stage

    with stage("read the network"):
        return _build(_read_tables(o), o)



def _actor_id(network: Any, text: str, option: str) -> Any:
    """Convert an id typed on the command line to the type of the network's ids."""
    ids = network.actor_ids
    if ids.dtype.kind in "iu":
        try:
            value: Any = int(text)
        except ValueError:
            msg = f"{option} {text!r}: actor ids of this network are integers."
            raise UnknownActorError(msg) from None
    elif ids.dtype.kind == "f":
        try:
            value = float(text)
        except ValueError:
            msg = f"{option} {text!r}: actor ids of this network are numbers."
            raise UnknownActorError(msg) from None
    else:
        value = text
    if value not in ids:
        from infnet._validation import closest

        msg = (f"{option} {text!r} names no actor of the network."
               f"{closest(str(text), [str(i) for i in ids[:100_000]])}")
        raise UnknownActorError(msg)
    return value


def _target(network: Any, o: Mapping[str, Any], *, required: bool) -> dict[str, Any] | None:
    target: dict[str, Any] = {}
    if o["segments"]:
        target["segments"] = list(o["segments"])
    if o["organisations"]:
        target["organisations"] = list(o["organisations"])
    if o["target_actors"]:
        target["actors"] = [_actor_id(network, a, "--target-actor") for a in o["target_actors"]]
    if o["where"] is not None:
        target["where"] = o["where"]
    if o["within"] is not None:
        target["within"] = o["within"]
    if o["values"] is not None:
        target["values"] = o["values"]
    if not target or set(target) <= {"within", "values"}:
        if required:
            msg = ("name a target with --segment, --organisation, --target-actor or --where "
                   f"(actor columns: {list(network.actor_columns)!r}).")
            raise InvalidParameterError(msg)
        return None
    return target


# ============================================================== output
def _label_columns(network: Any, labels: Sequence[str]) -> list[str]:
    from infnet._validation import closest

    for label in labels:
        if not network.has_attribute(label):
            msg = (f"--label {label!r}: the actors have no such column."
                   f"{closest(label, list(network.actor_columns))} Actor columns: "
                   f"{list(network.actor_columns)!r}.")
            raise MissingColumnError(msg)
    return list(labels)


def _with_labels(df: Any, network: Any, labels: Sequence[str], id_column: str) -> Any:
    if not labels:
        return df
    import pandas as pd

    df = df.copy()
    at = list(df.columns).index(id_column) + 1
    rows = network.index_of(df[id_column].tolist()) if len(df) else []
    for j, label in enumerate(labels):
        name = label if label not in df.columns else f"{label}_label"
        values = network.attribute(label)
        df.insert(at + j, name, pd.Series(values[rows] if len(df) else [], index=df.index,
                                          dtype=object))
    return df


def _resolve_format(fmt: str | None, output: str | None) -> str:
    if output is not None:
        suffix = Path(output).suffix.lower()
        if suffix not in _EXTENSIONS:
            msg = (f"-o {output!r}: unknown extension {suffix or '(none)'!r}; name a .csv, "
                   ".json, .parquet / .pq file, or .txt for a table.")
            if suffix in _IMAGE_EXTENSIONS:
                msg += (" For a picture, run 'infnet plot contributions' (or ego, reach, "
                        f"strategies) with the same options and -o {output}.")
            raise InvalidParameterError(msg)
        implied = _EXTENSIONS[suffix]
        if implied == "parquet":
            from infnet._optional import require

            require("pyarrow.parquet", extra="parquet", caller="--format parquet")
        if fmt is not None and fmt != implied:
            msg = (f"--format {fmt} does not match -o {output!r} (a {implied} name); name a "
                   f"file ending in {_suffix_of(fmt)} or drop --format.")
            raise InvalidParameterError(msg)
        return implied
    fmt = fmt or "table"
    if fmt == "parquet":
        msg = "--format parquet writes a binary file: name it with -o FILE.parquet."
        raise InvalidParameterError(msg)
    return fmt


def _suffix_of(fmt: str) -> str:
    return {"table": ".txt", "csv": ".csv", "json": ".json", "parquet": ".parquet"}[fmt]


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=_json_default))


def _json_default(value: Any) -> Any:
    import numpy as np

    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)


def _rounded(df: Any, digits: int) -> Any:
    out = df.copy()
    for c in out.columns:
        if out[c].dtype.kind == "f":
            out[c] = out[c].round(digits)
    return out


def _emit(df: Any, attrs: Mapping[str, Any], *, fmt: str | None, output: str | None,
          digits: int, title: str, footer: Sequence[str] = (),
          table_columns: Sequence[str] | None = None) -> None:
    """Write a result frame in the chosen format, with its parameters and seed."""
    kind = _resolve_format(fmt, output)
    meta = _jsonable(dict(attrs))
    if kind == "parquet":
        _write_parquet(df, meta, output)
    elif kind == "json":
        records = json.loads(df.to_json(orient="records", date_format="iso") or "[]")
        _write_text(json.dumps({"attrs": meta, "records": records}, indent=2) + "\n", output)
    elif kind == "csv":
        header = "# infnet: " + json.dumps(meta, separators=(",", ":")) + "\n"
        text = _rounded(df, digits).to_csv(index=False, lineterminator="\n")
        _write_text(header + text, output)
    else:
        _print_table(df, meta, digits=digits, title=title, footer=footer,
                     columns=table_columns, output=output)
    if output is not None:
        _say(f"wrote {len(df)} rows to {output} ({kind})")


def _write_text(text: str, output: str | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        msg = f"-o {output!r} cannot be written: {exc.strerror or exc}."
        raise InvalidParameterError(msg) from None


def _write_parquet(df: Any, meta: Mapping[str, Any], output: str | None) -> None:
    from infnet._optional import require

    pa = require("pyarrow", extra="parquet", caller="--format parquet")
    pq = require("pyarrow.parquet", extra="parquet", caller="--format parquet")
    frame = df.copy()
    frame.attrs = {}
    table = pa.Table.from_pandas(frame, preserve_index=False)
    metadata = dict(table.schema.metadata or {})
    metadata[b"infnet"] = json.dumps(meta).encode()
    assert output is not None
    try:
        pq.write_table(table.replace_schema_metadata(metadata), output)
    except OSError as exc:
        msg = f"-o {output!r} cannot be written: {exc}."
        raise InvalidParameterError(msg) from None


def _cell(value: Any, digits: int) -> str:
    import pandas as pd

    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def _print_table(df: Any, meta: Mapping[str, Any], *, digits: int, title: str,
                 footer: Sequence[str], columns: Sequence[str] | None,
                 output: str | None) -> None:
    from rich.console import Console
    from rich.table import Table

    shown = [c for c in (columns or df.columns) if c in df.columns]
    if output is None and sys.stdout.isatty() and columns is not None:
        import shutil

        if shutil.get_terminal_size().columns < 150:  # narrow terminal: the essentials
            spare = {"organisation", "segment", "audience", "introducer", "marginal_gain",
                     "in_target", "target_share", "pick_order"}
            shown = [c for c in shown if c not in spare]
    table = Table(header_style="bold")
    for c in shown:
        numeric = df[c].dtype.kind in "iuf" or str(df[c].dtype) == "Int64"
        long_text = c in ("reason", "warm_path")
        table.add_column(str(c), justify="right" if numeric else "left",
                         overflow="fold", no_wrap=numeric or c in ("rank", "actor"),
                         min_width=20 if long_text else None,
                         max_width=60 if long_text else None)
    places = []
    for c in shown:
        col = df[c]
        integral = False
        if col.dtype.kind == "f":
            finite = col[col.notna() & (col.abs() < 1e15)]
            integral = bool(len(finite)) and bool((finite == finite.round()).all())
        places.append(0 if integral else digits)
    for row in df[shown].itertuples(index=False, name=None):
        table.add_row(*(_cell(v, d) for v, d in zip(row, places, strict=True)))
    width = None if sys.stdout.isatty() and output is None else 200
    if output is None:
        console = Console(width=width, soft_wrap=False, highlight=False)
        console.print(title, markup=False, soft_wrap=True)
        console.print(table)
        for line in footer:
            console.print(line, highlight=False, markup=False)
        return
    console = Console(record=True, width=width or 200, file=open(os.devnull, "w"))  # noqa: SIM115
    console.print(title, markup=False, soft_wrap=True)
    console.print(table)
    for line in footer:
        console.print(line, highlight=False, markup=False)
    _write_text(console.export_text(), output)
    console.file.close()


# ============================================================== rank
def _rank_option_list() -> list[tuple[str, Callable[[F], F]]]:
    """Return the options of rank and demo by name (the plot commands take most of them)."""
    return [
        ("k", click.option("-k", "k", type=int, default=20, show_default=True,
                           help="Shortlist size.")),
        ("kind", click.option(
            "--kind", type=click.Choice(["both", "internal", "external"]), default=None,
            help="Rank outside actors, employees, or both (default: external when the "
                 "actors have a kind column, else both).")),
        ("strategy", click.option(
            "--strategy", default="balanced", show_default=True,
            help="Preset: balanced, reference, content, interaction, purpose, expert, "
                 "social.")),
        ("weights", click.option(
            "--weights", default=None, metavar="FEATURE=W,...",
            help="Custom feature weights instead of a preset, e.g. "
                 "direct_reach=1,pagerank=0.5.")),
        ("method", click.option(
            "--method", type=click.Choice(["top_k", "complementary"]), default="top_k",
            show_default=True,
            help="Best scores, or the set that together reaches the most of the target "
                 "(greedy over RR sets).")),
        ("no_band", click.option(
            "--no-band", is_flag=True,
            help="No micro-influential band and no target-share floor.")),
        ("competitors", click.option(
            "--competitor", "competitors", multiple=True,
            help="Exclude members of and strong ties to this organisation (repeatable).")),
        ("exclude_where", click.option(
            "--exclude-where", default=None, metavar="EXPR",
            help="Exclude actors for which this expression holds.")),
        ("hops", click.option("--hops", type=int, default=2, show_default=True,
                              help="Horizon of k-hop reach (1 to 3).")),
        ("n_sets", click.option("--n-sets", type=int, default=None,
                                help="RR sets for marginal gains (default 10,000).")),
        ("show_excluded", click.option(
            "--show-excluded", type=click.Choice(["top", "all", "none"]), default="top",
            show_default=True, help="Which excluded actors to list after the picks.")),
        ("wide", click.option("--wide", is_flag=True, help="Show every column in the table.")),
        ("seed", click.option("--seed", type=int, default=0, show_default=True,
                              help="Random seed.")),
    ]


def _rank_options(func: F) -> F:
    for _, option in reversed(_rank_option_list()):
        func = option(func)
    return func


def _rank_kwargs(network: Any, o: Mapping[str, Any]) -> dict[str, Any]:
    kind = o["kind"] or ("external" if network.has_attribute("kind") else "both")
    kwargs: dict[str, Any] = {"k": o["k"], "kind": kind, "strategy": o["strategy"],
                              "method": o["method"], "hops": o["hops"],
                              "show_excluded": o.get("show_excluded", "top"),
                              "rng": o["seed"]}
    if o["weights"]:
        kwargs["weights"] = _parse_pairs(o["weights"], "--weights")
    if o["no_band"]:
        kwargs["band"] = None
    exclude: dict[str, Any] = {}
    if o["competitors"]:
        exclude["competitors"] = list(o["competitors"])
    if o["exclude_where"]:
        exclude["where"] = o["exclude_where"]
    if exclude:
        kwargs["exclude"] = exclude
    if o["n_sets"] is not None:
        kwargs["cascade"] = {"n_sets": o["n_sets"]}
    return kwargs


def _shortlist_out(df: Any, network: Any, o: Mapping[str, Any], *, command: str,
                   info: Mapping[str, Any], title: str) -> None:
    labels = _label_columns(network, o["labels"])
    df = _with_labels(df, network, labels, "actor")
    attrs = dict(df.attrs)
    attrs["command"] = command
    attrs["input"] = dict(info)
    columns: list[str]
    if o["wide"]:
        columns = list(df.columns)
    else:
        columns = []
        for c in _TABLE_COLUMNS:
            if c in _OPTIONAL_ATTRIBUTES and not network.has_attribute(c):
                continue
            if c in ("introducer", "pick_order", "label") and c in df.columns and (
                    df[c].isna().all() or (c == "label" and labels)):
                continue
            if c == "pick_order" and (df[c] == df["rank"]).all():
                continue
            columns.append(c)
            if c == "actor":
                columns += [lab if lab not in _TABLE_COLUMNS else f"{lab}_label"
                            for lab in labels]
    df = df.rename(columns={"reach_k": f"reach_{o['hops']}"})
    columns = [f"reach_{o['hops']}" if c == "reach_k" else c for c in columns]
    params = attrs.get("parameters", {})
    footer = [
        (f"{attrs.get('n_eligible', '?')} eligible of {attrs.get('n_in_scope', '?')} in "
         f"scope; excluded by rule: {attrs.get('exclusions', {})}; expected targeted reach "
         f"of the shortlist {attrs.get('expected_reach', float('nan')):,.1f} of "
         f"{attrs.get('target_value', float('nan')):,.1f}."),
        (f"strategy {params.get('strategy')}, method {params.get('method')}, k "
         f"{params.get('k')}, seed {attrs.get('seed')}, infnet {attrs.get('infnet_version')}."),
    ]
    footer += [f"note: {n}" for n in attrs.get("notes", [])]
    if attrs.get("dropped_features"):
        footer.append(f"dropped features: {attrs['dropped_features']}")
    hint = _few_picks_hint(df, attrs, o)
    if hint:
        footer.append(hint)
    if _resolve_format(o["fmt"], o["output"]) != "table":
        for line in footer[2:]:  # no footer in a file: say the notes and hints
            if not line.startswith("dropped features"):  # a warning says it already
                _say(line)
        # attribute columns the network does not have would be empty in every row
        absent = [c for c in (*_OPTIONAL_ATTRIBUTES, "label")
                  if c in df.columns and not network.has_attribute(c)
                  and not (c == "label" and df[c].notna().any())]
        if absent:
            df = df.drop(columns=absent)
            attrs["omitted_columns"] = {c: "the actors have no such column" for c in absent}
    _emit(df, attrs, fmt=o["fmt"], output=o["output"], digits=o["digits"], title=title,
          footer=footer, table_columns=columns)


def _few_picks_hint(df: Any, attrs: Mapping[str, Any], o: Mapping[str, Any]) -> str:
    """When fewer than k actors were picked: which rules excluded the most, and the option."""
    n_picks = int((~df["excluded"].astype(bool)).sum()) if "excluded" in df.columns else 0
    if n_picks >= o["k"]:
        return ""
    exclusions = {str(k): int(v) for k, v in attrs.get("exclusions", {}).items() if v}
    banded = {k: v for k, v in exclusions.items()
              if k in ("target_share", "degree_band", "audience_band")}
    if not banded or o.get("no_band"):
        return ""
    named = ", ".join(f"{v:,} by {k}" for k, v in banded.items())
    return (f"hint: {n_picks} picks for -k {o['k']}; the micro-influential rules excluded "
            f"{named}; --no-band ranks everyone in scope (or widen the target).")


@cli.command(context_settings=_CONTEXT)
@_network_options
@_target_options
@_rank_options
@_output_options
@_common_options
def rank(**o: Any) -> int:
    """Rank the influentials who reach a target audience in ACTORS and TIES.

    \b
    Example:
      infnet rank nodes.csv ties.csv --where "office == 'Boston'" --relation advice \\
          --reverse -k 10 --label status
    """  # noqa: D301 - \b is click's no-rewrap marker
    from infnet._progress import stage
    from infnet.ranking import rank_influentials

    _setup(o["quiet"], o["verbose"], o["debug"], o["progress"])
    _resolve_format(o["fmt"], o["output"])  # refuse a bad -o before any work
    built = _read(o)
    network = built.network
    _label_columns(network, o["labels"])
    target = _target(network, o, required=True)
    assert target is not None
    with stage("rank_influentials"):
        df = rank_influentials(network, target, **_rank_kwargs(network, o))
    _shortlist_out(df, network, o, command="rank", info=built.info,
                   title=f"infnet rank: {network!r}; target {json.dumps(target, default=str)}")
    return 0


@cli.command(context_settings=_CONTEXT)
@_rank_options
@_output_options
@_common_options
def demo(**o: Any) -> int:
    """Rank influentials in the bundled synthetic B2B network (3,000 actors, fixed seed).

    The README's quick start: 'pip install . && infnet demo'.
    """
    from infnet._progress import stage
    from infnet.ranking import rank_influentials
    from infnet.synthetic import demo_network

    _setup(o["quiet"], o["verbose"], o["debug"], o["progress"])
    _resolve_format(o["fmt"], o["output"])
    with stage("build the demo network"):
        network, truth = demo_network()
    _label_columns(network, o["labels"])
    with stage("rank_influentials"):
        df = rank_influentials(network, truth.target, **_rank_kwargs(network, o))
    info = {"network": "infnet.synthetic.demo_network()", "n_actors": network.n_actors,
            "n_ties": network.n_ties}
    _shortlist_out(df, network, o, command="demo", info=info,
                   title=f"infnet demo: {network!r}; target {json.dumps(truth.target)}")
    return 0


# ============================================================== measures
def _parse_value(text: str) -> Any:
    low = text.strip().lower()
    if low in ("true", "false"):
        return low == "true"
    if low == "none":
        return None
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


@cli.command(context_settings=_CONTEXT)
@_network_options
@click.argument("names", nargs=-1, required=True, metavar="MEASURE...")
@_target_options
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Parameter passed to every measure that takes it, e.g. --param damping=0.9 "
                   "(repeatable; numbers, true/false, none or text).")
@click.option("--sort", "sort_by", default=None, metavar="COLUMN",
              help="Sort by this result column, largest first (default: actor order).")
@click.option("--top", type=click.IntRange(min=0), default=None,
              help="Keep the first N rows (after --sort); table output shows 25 by default.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed of random measures.")
@_output_options
@_common_options
def measures(**o: Any) -> int:
    """Compute registered measures (pagerank, core_number, khop_reach, ...) per actor.

    Targeted measures (direct_reach, khop_reach, target_share, personalized_pagerank)
    need a target option.

    \b
    Example:
      infnet measures nodes.csv ties.csv pagerank core_number constraint --undirected \\
          -o measures.csv
    """  # noqa: D301 - \b is click's no-rewrap marker
    from infnet._progress import stage
    from infnet.registry import get_measure
    from infnet.tables import measures as compute

    _setup(o["quiet"], o["verbose"], o["debug"], o["progress"])
    fmt = _resolve_format(o["fmt"], o["output"])
    for name in o["names"]:
        get_measure(name, caller="infnet measures")
    params: dict[str, Any] = {}
    for item in o["params"]:
        key, sep, value = item.partition("=")
        if not sep or not key.strip().isidentifier():
            msg = f"--param takes NAME=VALUE; got {item!r}."
            raise InvalidParameterError(msg)
        params[key.strip()] = _parse_value(value)
    built = _read(o)
    network = built.network
    labels = _label_columns(network, o["labels"])
    target = _target(network, o, required=False)
    with stage(f"measures: {', '.join(o['names'])}"):
        df = compute(network, list(o["names"]), target=target, rng=o["seed"], **params)
    df = df.reset_index(names="actor")
    if o["sort_by"] is not None:
        if o["sort_by"] not in df.columns:
            from infnet._validation import closest

            msg = (f"--sort {o['sort_by']!r} is not a result column."
                   f"{closest(o['sort_by'], list(df.columns))} Columns: {list(df.columns)!r}.")
            raise InvalidParameterError(msg)
        df = df.sort_values(o["sort_by"], ascending=False, kind="stable")
    top = o["top"] if o["top"] is not None else (25 if fmt == "table" else None)
    n_all = len(df)
    if top is not None:
        df = df.head(top)
    df = _with_labels(df.reset_index(drop=True), network, labels, "actor")
    attrs = {"command": "measures", "measures": list(o["names"]), "parameters": params,
             "seed": o["seed"], "target": target, "input": built.info,
             "infnet_version": _version_text()}
    footer = [f"{len(df)} of {n_all} actors shown" + (" (use --top or -o for all)"
                                                      if len(df) < n_all else "")
              + f"; seed {o['seed']}, infnet {_version_text()}."]
    _emit(df, attrs, fmt=o["fmt"], output=o["output"], digits=o["digits"],
          title=f"infnet measures: {network!r}", footer=footer)
    return 0


# ============================================================== reach
@cli.command(context_settings=_CONTEXT)
@_network_options
@_target_options
@click.option("--hops", type=int, default=2, show_default=True,
              help="k of k-hop reach (1 = direct reach only; 2 or 3 add the value of the "
                   "distinct targets within k ties).")
@click.option("--method", "reach_method", type=click.Choice(["exact", "sketch"]),
              default="exact", show_default=True, help="Exact k-hop search or sketches.")
@click.option("--expected", "expected", multiple=True, metavar="ID",
              help="Also estimate the expected reach of this seed set under the cascade "
                   "(repeatable: one id each).")
@click.option("--n-sets", type=int, default=10_000, show_default=True,
              help="RR sets of the expected-reach estimate.")
@click.option("--top", type=click.IntRange(min=0), default=20, show_default=True,
              help="Keep the N actors of highest reach (0: all).")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
@_output_options
@_common_options
def reach(**o: Any) -> int:
    """Targeted reach per actor: direct, k-hop, and the expected reach of a seed set.

    \b
    Example:
      infnet reach nodes.csv ties.csv --where "developer_type == 'machine_learning'" \\
          --undirected --hops 2 --expected 31890 --label name
    """  # noqa: D301 - \b is click's no-rewrap marker
    import numpy as np

    from infnet._progress import stage
    from infnet.tables import expected_reach, targeted_reach

    _setup(o["quiet"], o["verbose"], o["debug"], o["progress"])
    _resolve_format(o["fmt"], o["output"])
    built = _read(o)
    network = built.network
    labels = _label_columns(network, o["labels"])
    target = _target(network, o, required=True)
    assert target is not None
    with stage("direct reach"):
        direct = targeted_reach(network, target, hops=1)
    import pandas as pd

    df = pd.DataFrame({"actor": network.actor_ids.to_numpy(), "direct_reach": direct.to_numpy()})
    last = "direct_reach"
    if o["hops"] != 1 or o["reach_method"] != "exact":
        with stage(f"{o['hops']}-hop reach ({o['reach_method']})"):
            khop = targeted_reach(network, target, hops=o["hops"], method=o["reach_method"],
                                  rng=o["seed"])
        last = f"reach_{o['hops']}"
        df[last] = khop.to_numpy()
    from infnet.selection import id_rank

    order = np.lexsort((id_rank(network), -df[last].to_numpy()))
    df = df.iloc[order].reset_index(drop=True)
    n_all = len(df)
    if o["top"]:
        df = df.head(o["top"])
    df = _with_labels(df, network, labels, "actor")
    attrs: dict[str, Any] = {"command": "reach", "target": target, "hops": o["hops"],
                             "method": o["reach_method"], "seed": o["seed"],
                             "input": built.info, "infnet_version": _version_text()}
    footer = [(f"{len(df)} of {n_all} actors, by {last}; seed {o['seed']}, infnet "
               f"{_version_text()}.")]
    if o["expected"]:
        seeds = [_actor_id(network, a, "--expected") for a in o["expected"]]
        with stage(f"expected reach of {len(seeds)} actors ({o['n_sets']:,} RR sets)"):
            est = expected_reach(network, target, seeds, n_sets=o["n_sets"], rng=o["seed"])
        attrs["expected_reach"] = {"actors": seeds, "value": float(est.value),
                                   "stderr": float(est.stderr), "n_sets": int(est.n_samples),
                                   "model": "weighted_cascade"}
        footer.insert(0, f"expected reach of {seeds}: {float(est.value):,.2f} +/- "
                         f"{float(est.stderr):,.2f} (weighted cascade, {int(est.n_samples):,} "
                         "RR sets).")
    _emit(df, attrs, fmt=o["fmt"], output=o["output"], digits=o["digits"],
          title=f"infnet reach: {network!r}; target {json.dumps(target, default=str)}",
          footer=footer)
    return 0


# ============================================================== plot
_PLOT_RANK_OPTIONS = ("k", "kind", "strategy", "weights", "method", "no_band", "competitors",
                      "exclude_where", "hops", "n_sets", "seed")


def _plot_rank_options(names: Sequence[str] = _PLOT_RANK_OPTIONS) -> Callable[[F], F]:
    def decorate(func: F) -> F:
        for name, option in reversed(_rank_option_list()):
            if name in names:
                func = option(func)
        return func

    return decorate


def _figure_options(func: F) -> F:
    options = [
        click.option("-o", "--output", required=True, metavar="FILE",
                     help="Image file to write; the format follows the extension (.png, "
                          ".pdf, .svg, .jpg, ...: what matplotlib writes). The parameters "
                          "and seed go into its metadata (png, pdf, svg)."),
        click.option("--dpi", type=click.IntRange(20, 1200), default=150, show_default=True,
                     help="Resolution of raster images."),
        click.option("--label", "labels", multiple=True, metavar="COLUMN",
                     help="Actors column to name the actors by instead of their ids, e.g. "
                          "--label name."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _pyplot(output: str) -> Any:
    """Import pyplot (infnet[plot]) on a file backend and check -o's extension."""
    from infnet._optional import require

    mpl = require("matplotlib", extra="plot", caller="drawing")
    if "matplotlib.pyplot" not in sys.modules:
        mpl.use("Agg")  # draw to files only: no window, no display needed
    plt = require("matplotlib.pyplot", extra="plot", caller="drawing")
    from matplotlib.figure import Figure

    path = Path(output)
    if path.is_dir() or not path.parent.is_dir():
        what = "is a folder" if path.is_dir() else f"is in a folder that does not exist ({path.parent})"
        msg = f"-o {output!r} {what}; name an image file in an existing folder."
        raise InvalidParameterError(msg)
    supported = Figure().canvas.get_supported_filetypes()
    suffix = Path(output).suffix.lower().lstrip(".")
    if suffix not in supported:
        names = ", ".join(f".{e}" for e in sorted(supported))
        msg = (f"-o {output!r}: matplotlib cannot write {('.' + suffix) if suffix else 'a file without an extension'}; "
               f"name a file ending in one of {names}.")
        raise InvalidParameterError(msg)
    return plt


def _save_figure(ax: Any, plt: Any, output: str, dpi: int, attrs: Mapping[str, Any]) -> None:
    text = json.dumps(_jsonable(dict(attrs)), separators=(",", ":"))
    suffix = Path(output).suffix.lower()
    software = f"infnet {_version_text()}"
    metadata: dict[str, str] | None = {
        ".png": {"Software": software, "Description": text},
        ".pdf": {"Creator": software, "Subject": text},
        ".svg": {"Creator": software, "Description": text},
    }.get(suffix)
    fig = ax.figure
    try:
        fig.savefig(output, dpi=dpi, bbox_inches="tight", metadata=metadata)
    except OSError as exc:
        msg = f"-o {output!r} cannot be written: {exc.strerror or exc}."
        raise InvalidParameterError(msg) from None
    finally:
        plt.close(fig)
    _say(f"wrote {output} ({suffix.lstrip('.')}, {Path(output).stat().st_size:,} bytes)")


def _plot_shortlist(o: Mapping[str, Any], command: str) -> tuple[Any, Any, Any, dict[str, Any]]:
    """Read, check the target, rank: (plt, network, shortlist, attrs) for a plot."""
    from infnet._progress import stage
    from infnet.ranking import rank_influentials

    _setup(o["quiet"], o["verbose"], o["debug"], o["progress"])
    plt = _pyplot(o["output"])  # refuse a bad -o or a missing matplotlib before any work
    built = _read(o)
    network = built.network
    _label_columns(network, o["labels"])
    target = _target(network, o, required=True)
    assert target is not None
    with stage("rank_influentials"):
        df = rank_influentials(network, target, **_rank_kwargs(network, o))
    attrs: dict[str, Any] = {str(key): value for key, value in df.attrs.items()}
    attrs.update({"command": f"plot {command}", "input": built.info})
    for note in attrs.get("notes", []):
        _say(f"note: {note}")
    return plt, network, df, attrs


def _picks_of(df: Any) -> Any:
    picks = df[~df["excluded"].astype(bool)]
    if picks.empty:
        msg = ("the shortlist has no picks, so there is nothing to draw; widen the target or "
               "try --no-band (run 'infnet rank' with the same options to see why).")
        raise InvalidParameterError(msg)
    return picks


@cli.group(context_settings=_CONTEXT)
def plot() -> None:
    """Draw a picture of a shortlist or a network to an image file (needs infnet[plot]).

    Each subcommand takes the ACTORS TIES, target and ranking options of 'infnet rank'
    (same defaults, same seed, so the picture shows the shortlist 'infnet rank' prints)
    and -o FILE (.png, .pdf, .svg, ...).

    \b
    Examples:
      infnet plot contributions nodes.csv ties.csv --reverse --relation advice \\
          --where "office == 'Boston'" -k 10 -o contributions.png
      infnet plot ego nodes.csv ties.csv --reverse --relation advice \\
          --where "office == 'Boston'" -k 10 -o ego.png
    """  # noqa: D301 - \b is click's no-rewrap marker


@plot.command("contributions", context_settings=_CONTEXT,
              short_help="Each pick's score, by feature (stacked bars).")
@_network_options
@_target_options
@_plot_rank_options()
@_figure_options
@_common_options
def plot_contributions(**o: Any) -> int:
    """Draw each pick's score as stacked bars of the contribution of each feature."""
    from infnet import plot as plots

    plt, network, df, attrs = _plot_shortlist(o, "contributions")
    picks = _picks_of(df)
    if o["labels"]:
        df = df.copy()
        df["label"] = _with_labels(df[["actor"]], network, o["labels"][:1], "actor").iloc[:, 1]
    ax = plots.contributions(df)
    _save_figure(ax, plt, o["output"], o["dpi"], attrs)
    _say(f"drew the scores of {len(picks)} picks, by feature")
    return 0


@plot.command("ego", context_settings=_CONTEXT,
              short_help="An actor's ego network and warm path.")
@_network_options
@_target_options
@_plot_rank_options()
@click.option("--actor", "ego", default=None, metavar="ID",
              help="Actor at the centre (default: the first pick of the shortlist).")
@click.option("--max-neighbours", type=click.IntRange(min=1), default=30, show_default=True,
              help="Show at most this many neighbours, strongest ties first.")
@_figure_options
@_common_options
def plot_ego(**o: Any) -> int:
    """Draw an actor's ego network: its ties, its warm path from an employee, the target.

    Target actors are orange, employees green, the warm path red.
    """
    from infnet import plot as plots

    plt, network, df, attrs = _plot_shortlist(o, "ego")
    if o["ego"] is None:
        actor = _picks_of(df)["actor"].iloc[0]
        how = "the first pick; --actor ID draws another"
    else:
        actor = _actor_id(network, o["ego"], "--actor")
        how = "--actor"
    ax = plots.ego_network(network, actor, shortlist=df, max_neighbours=o["max_neighbours"],
                           label=o["labels"][0] if o["labels"] else None)
    actor = actor.item() if hasattr(actor, "item") else actor  # numpy scalar -> Python
    attrs["ego"] = actor
    _save_figure(ax, plt, o["output"], o["dpi"], attrs)
    _say(f"drew the ego network of {actor} ({how})")
    return 0


@plot.command("reach", context_settings=_CONTEXT,
              short_help="Reach curve: complementary set vs top-k.")
@_network_options
@_target_options
@_plot_rank_options(("k", "kind", "strategy", "no_band", "seed"))
@click.option("--n-sets", type=click.IntRange(100, 10_000_000), default=20_000,
              show_default=True, help="RR sets of the sample both lists are judged on.")
@_figure_options
@_common_options
def plot_reach(**o: Any) -> int:
    """Draw the expected reach of the first 1..k picks: complementary set vs top-k, 95% bands."""
    from infnet import plot as plots
    from infnet._progress import stage
    from infnet.options import MicroBand

    _setup(o["quiet"], o["verbose"], o["debug"], o["progress"])
    plt = _pyplot(o["output"])
    built = _read(o)
    network = built.network
    target = _target(network, o, required=True)
    assert target is not None
    kind = o["kind"] or ("external" if network.has_attribute("kind") else "both")
    with stage("reach curve (two shortlists and an independent sample)"):
        ax = plots.reach_curve(network, target, k=o["k"], kind=kind, strategy=o["strategy"],
                               band=None if o["no_band"] else MicroBand(),
                               n_sets=o["n_sets"], rng=o["seed"])
    attrs = {"command": "plot reach", "target": target, "k": o["k"], "kind": kind,
             "strategy": o["strategy"], "band": not o["no_band"], "n_sets": o["n_sets"],
             "seed": o["seed"], "input": built.info, "infnet_version": _version_text()}
    _save_figure(ax, plt, o["output"], o["dpi"], attrs)
    return 0


@plot.command("strategies", context_settings=_CONTEXT,
              short_help="Overlap of the presets' shortlists.")
@_network_options
@_target_options
@_plot_rank_options(("k", "kind", "no_band", "competitors", "exclude_where", "hops", "seed"))
@click.option("--strategies", default=None, metavar="NAME,...",
              help="Presets to compare (default: every preset).")
@click.option("--n-sets", type=click.IntRange(100, 10_000_000), default=20_000,
              show_default=True, help="RR sets of the common sample the lists are judged on.")
@_figure_options
@_common_options
def plot_strategies(**o: Any) -> int:
    """Draw how much the shortlists of several presets overlap (Jaccard heat map)."""
    from infnet import plot as plots
    from infnet._progress import stage
    from infnet.explain import compare_strategies

    _setup(o["quiet"], o["verbose"], o["debug"], o["progress"])
    plt = _pyplot(o["output"])
    built = _read(o)
    network = built.network
    target = _target(network, o, required=True)
    assert target is not None
    kwargs = _rank_kwargs(network, {**o, "strategy": "balanced", "weights": None,
                                    "method": "top_k", "n_sets": None})
    for key in ("strategy", "method", "show_excluded", "rng", "k"):
        kwargs.pop(key, None)
    names = None if o["strategies"] is None else [
        n.strip() for n in o["strategies"].split(",") if n.strip()]
    with stage("compare strategies"):
        table = compare_strategies(network, target, strategies=names, k=o["k"],
                                   n_sets=o["n_sets"], rng=o["seed"], **kwargs)
    ax = plots.strategy_overlap(table)
    attrs = {"command": "plot strategies", "target": target, "k": o["k"],
             "strategies": list(table.index), "n_sets": o["n_sets"], "seed": o["seed"],
             "expected_reach": {str(k): float(v) for k, v in table["expected_reach"].items()},
             "input": built.info, "infnet_version": _version_text()}
    _save_figure(ax, plt, o["output"], o["dpi"], attrs)
    for name, row in table.iterrows():
        _say(f"{name}: expected reach {float(row['expected_reach']):,.2f} +/- "
             f"{float(row['reach_stderr']):,.2f}")
    return 0


# ============================================================== validate
def _validate_report(o: Mapping[str, Any]) -> tuple[dict[str, Any], BaseException | None]:
    """Report what infnet will make of the files: read them raw, then try the build."""
    import numpy as np
    import pandas as pd

    from infnet.network import KNOWN_ATTRIBUTES

    source, target = o["source"], o["target_column"]
    with warnings.catch_warnings(record=True) as read_warnings:
        warnings.simplefilter("always")
        tables = _read_tables(o)
    ties, actors = tables.ties, tables.actors
    recorded = tables.recorded if tables.direction_recorded else None
    report: dict[str, Any] = {"files": {
        "actors": None if tables.actors_path is None else _SESSION.clean(str(tables.actors_path)),
        "ties": _SESSION.clean(str(tables.ties_path))}}
    tcols = [str(c) for c in ties.columns]
    report["ties"] = {"rows": len(ties), "columns": tcols}
    view = ties
    rel = o["relation_column"]
    if rel in ties.columns and (o["relations"] or o["relation_weights"]):
        keep = (list(o["relations"]) if o["relations"] else
                list(_parse_pairs(o["relation_weights"], "--relation-weights")))
        view = ties[ties[rel].astype(str).isin(keep)]
        report["ties"]["rows_kept_by_relation"] = len(view)
    if source in ties.columns and target in ties.columns:
        s, t = view[source], view[target]
        if o["reverse"]:
            s, t = t, s
        directed = (o["directed"] if o["directed"] is not None else
                    recorded["directed"] if recorded else True)
        self_ties = int((s == t).sum())
        if directed:
            pairs = pd.DataFrame({"a": s, "b": t})
        else:
            a, b = s.astype(str), t.astype(str)
            pairs = pd.DataFrame({"a": np.where(a <= b, a, b), "b": np.where(a <= b, b, a)})
        pairs = pairs[(s != t).to_numpy()]
        dup = pairs.duplicated(keep=False)
        report["ties"].update({
            "self_ties": self_ties,
            "duplicate_pairs": int(pairs[dup].drop_duplicates().shape[0]),
            "duplicate_rows": int(dup.sum()),
        })
        if rel in ties.columns:
            counts = ties[rel].astype(str).value_counts().sort_index()
            report["ties"]["relations"] = {str(k): int(v) for k, v in counts.items()}
            if report["ties"]["duplicate_pairs"]:
                across = pairs.assign(r=view.loc[pairs.index, rel].astype(str).to_numpy())
                per_pair = across.groupby(["a", "b"], sort=False)["r"].nunique()
                report["ties"]["pairs_in_several_relations"] = int((per_pair > 1).sum())
    else:
        directed = o["directed"] if o["directed"] is not None else True
    report["direction"] = {
        "directed": bool(directed),
        "how": ("given (--directed/--undirected)" if o["directed"] is not None else
                "recorded with the files" if recorded else
                "assumed directed (nothing recorded); say --directed or --undirected"),
        "reverse": bool(o["reverse"]),
        "means": (("tie source -> target read as target -> source (--reverse)" if o["reverse"]
                   else "tie source -> target: influence may flow from source to target")
                  if directed else "ties go both ways"),
    }
    strength_col = o["strength"] or ("strength" if "strength" in tcols else None)
    if o["strength_from_counts"]:
        strength_col = o["strength_from_counts"]
    if strength_col and strength_col in ties.columns:
        v = pd.to_numeric(ties[strength_col], errors="coerce")
        report["strength"] = {"column": strength_col, "min": float(v.min()),
                              "max": float(v.max()), "non_numeric": int(v.isna().sum()),
                              "in_range": bool(((v > 0) & (v <= 1)).all())}
        if o["strength_from_counts"]:
            report["strength"]["derived"] = "from counts (FromInteractions)"
        elif o["rescale"]:
            report["strength"]["rescale"] = o["rescale"]
        if o["relation_weights"]:
            report["strength"]["relation_weights"] = True
    elif o["relation_weights"]:  # the strength of a tie is the weight of its relation
        report["strength"] = {"column": None, "relation_weights": True,
                              "note": "no strength column: a tie's strength is the weight "
                              "of its relation (--relation-weights)"}
    else:
        report["strength"] = {"column": None, "note": "no strength column: every tie has "
                              "strength 1 (--strength COLUMN to use one)"}
    understood_ties = {source, target, *(c for c in (strength_col, o["relation_column"],
                                                     o["last_contact"]) if c)}
    numeric_extra = {}
    for c in tcols:
        if c in understood_ties:
            continue
        v = pd.to_numeric(ties[c], errors="coerce")
        if len(v) and v.notna().all():
            numeric_extra[c] = (float(v.min()), float(v.max()))
    if numeric_extra and not (o["strength"] or o["strength_from_counts"]
                              or "strength" in tcols):
        c, (lo, hi) = next(iter(numeric_extra.items()))
        fix = "" if lo > 0 and hi <= 1 else " --rescale max"
        report["strength"]["numeric_tie_columns"] = {k: list(v) for k, v in numeric_extra.items()}
        report["strength"]["note"] += (f"; the numeric tie column {c!r} ({lo:g} to {hi:g}) "
                                       f"could be one: --strength {c}{fix}")
    report["ties"]["understood"] = [c for c in tcols if c in understood_ties]
    report["ties"]["kept_as_attributes"] = [c for c in tcols if c not in understood_ties]
    if actors is not None:
        acols = [str(c) for c in actors.columns]
        known = [c for c in acols if c in KNOWN_ATTRIBUTES or c == o["actor_id"]]
        from infnet.presentation import LABEL_COLUMNS

        report["actors"] = {
            "rows": len(actors), "columns": acols, "understood": known,
            "other_columns": [c for c in acols if c not in known],
            "label_column": next((c for c in LABEL_COLUMNS if c in acols), None),
        }
        if o["actor_id"] in actors.columns and source in ties.columns:
            ids = set(actors[o["actor_id"]].tolist())
            ends = set(ties[source].tolist()) | set(ties[target].tolist())
            report["actors"]["isolated"] = len(ids - ends)
            report["actors"]["tie_ends_not_in_actors"] = len(ends - ids)
        missing = [c for c in ("kind", "organisation", "segment", "audience")
                   if c not in acols]
        report["actors"]["missing"] = missing
    consequences = []
    cols = report.get("actors", {}).get("columns", [])
    if "audience" not in cols:
        consequences.append("no 'audience' column: the micro-influential band uses in-network "
                            "in-degree instead (1 to the 99th percentile); --no-band disables it")
    if "kind" not in cols and not o["focal_organisation"]:
        consequences.append("no 'kind' column: everyone is ranked (kind both); presets drop "
                            "warm-path features, with a warning; --focal-organisation NAME "
                            "derives kind from organisation")
    if "segment" not in cols:
        consequences.append("no 'segment' column: name targets with --where EXPR, "
                            "--organisation or --target-actor")
    if report["ties"].get("duplicate_pairs") and o["duplicates"] == "raise":
        consequences.append("pairs named more than once: merge them with --duplicates max|sum"
                            + (" or keep one relation with --relation NAME"
                               if "relations" in report["ties"] else ""))
    if report["ties"].get("self_ties"):
        consequences.append(f"{report['ties']['self_ties']} self-ties are dropped "
                            "(--self-ties raise refuses them)")
    st = report["strength"]
    if st.get("column") and not st.get("in_range") and not (o["rescale"]
                                                           or o["strength_from_counts"]):
        consequences.append(f"strength column {st['column']!r} runs {st['min']:g} to "
                            f"{st['max']:g}, outside (0, 1]: add --rescale max|minmax|rank")
    if not recorded and o["directed"] is None:
        consequences.append("no direction recorded: read as directed" + (
            " and reversed (--reverse)" if o["reverse"] else
            "; nomination data (source named target) need --reverse"))
    report["what_follows"] = consequences
    problem: BaseException | None = None
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            quiet, _SESSION.quiet = _SESSION.quiet, True  # the report says it all
            try:
                built = _build(tables, o)
            finally:
                _SESSION.quiet = quiet
        caught = [*read_warnings, *caught]
        report["network"] = {"n_actors": built.network.n_actors,
                             "n_ties": built.network.n_ties,
                             "directed": built.network.directed,
                             "actor_columns": list(built.network.actor_columns)}
        report["warnings"] = [_SESSION.clean(str(w.message)) for w in caught
                              if not str(w.message).startswith("the files record no direction")]
    except InfnetError as exc:
        problem = exc
        report["network"] = None
        report["error"] = _SESSION.clean(str(exc))
    return report, problem


@cli.command(context_settings=_CONTEXT)
@_network_options
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Report as text or as JSON.")
@_common_options
def validate(**o: Any) -> int:
    """Check ACTORS and TIES and report what infnet will make of them.

    Actors, ties, direction (recorded, given or assumed; --reverse), duplicates and
    self-ties, relations, the strength range, the columns infnet understands and those
    it only keeps, missing columns and what follows. Exit status 0 when the network
    builds with these options, 2 when it does not (the reason is the last line).
    """
    _setup(o["quiet"], o["verbose"], o["debug"], o["progress"])
    report, problem = _validate_report(o)
    if o["fmt"] == "json":
        click.echo(json.dumps(_jsonable(report), indent=2))
    else:
        for line in _report_lines(report):
            click.echo(line)
    if problem is not None:
        raise problem
    return 0


def _report_lines(r: Mapping[str, Any]) -> Iterator[str]:
    files = r["files"]
    yield f"files: actors {files['actors'] or '(none: actors are the tie ends)'}; ties {files['ties']}"
    if "actors" in r:
        a = r["actors"]
        yield (f"actors: {a['rows']:,} rows; understood {a['understood']}; other columns "
               f"(kept, usable in --where / --values / --label): {_short(a['other_columns'])}")
        if "isolated" in a:
            yield (f"  {a['isolated']:,} actors in no tie; {a['tie_ends_not_in_actors']:,} tie "
                   "ends not in the actors file")
        if a.get("label_column"):
            yield (f"  label column {a['label_column']!r}: shown beside each id in "
                   "shortlists (--label COLUMN for another)")
        if a["missing"]:
            yield f"  missing known columns: {a['missing']}"
    t = r["ties"]
    yield f"ties: {t['rows']:,} rows; understood {t.get('understood', [])}; kept as tie " \
          f"attributes {t.get('kept_as_attributes', [])}"
    if "rows_kept_by_relation" in t:
        yield f"  {t['rows_kept_by_relation']:,} rows kept by --relation / --relation-weights"
    if "self_ties" in t:
        yield (f"  self-ties {t['self_ties']:,}; pairs named more than once "
               f"{t['duplicate_pairs']:,} ({t['duplicate_rows']:,} rows)"
               + (f", {t['pairs_in_several_relations']:,} of them in several relations"
                  if "pairs_in_several_relations" in t else ""))
    if "relations" in t:
        yield f"  relations: {t['relations']}"
    d = r["direction"]
    yield (f"direction: {'directed' if d['directed'] else 'undirected'}, {d['how']}; "
           f"{d['means']}")
    s = r["strength"]
    if s.get("column"):
        extra = f"; rescaled by {s['rescale']}" if s.get("rescale") else (
            f"; {s['derived']}" if s.get("derived") else "")
        if s.get("relation_weights"):
            extra += "; times the weight of its relation (--relation-weights)"
        yield (f"strength: column {s['column']!r}, {s['min']:g} to {s['max']:g}"
               f"{'' if s['in_range'] else ' (outside (0, 1])'}{extra}")
    else:
        yield f"strength: {s['note']}"
    for c in r["what_follows"]:
        yield f"what follows: {c}"
    for w in r.get("warnings", []):
        yield f"warning: {w}"
    if r.get("network"):
        n = r["network"]
        yield (f"network: OK, {n['n_actors']:,} actors, {n['n_ties']:,} ties, "
               f"{'directed' if n['directed'] else 'undirected'}")
    else:
        yield "network: does not build with these options (see the error below)"


def _short(items: Sequence[str], n: int = 12) -> str:
    return repr(list(items)) if len(items) <= n else (
        repr(list(items[:n]))[:-1] + f", ... ({len(items)} in all)]")


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
