"""Command line: ``infnet demo`` and ``infnet rank``, thin wrappers over the facade.

``infnet demo`` builds the bundled synthetic B2B network (a few thousand actors, fixed
seed) and prints the external micro-influential shortlist for its target segment.
``infnet rank ACTORS TIES --segment fintech -k 20`` does the same on your files.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

import pandas as pd

from infnet.exceptions import InfnetError, InvalidParameterError

__all__ = ["main"]

_SHOW = ["rank", "actor", "kind", "organisation", "segment", "score", "direct_reach",
         "target_share", "introducer", "marginal_gain", "reason"]


def _print_shortlist(df: pd.DataFrame, *, as_json: bool, output: str | None, wide: bool) -> None:
    if output:
        if output.endswith(".parquet"):
            df.to_parquet(output, index=False)
        elif output.endswith(".json"):
            df.to_json(output, orient="records", indent=2)
        elif output.endswith(".csv"):
            df.to_csv(output, index=False)
        else:
            msg = f"--output {output!r}: name a .csv, .json or .parquet file."
            raise InvalidParameterError(msg)
        print(f"wrote {len(df)} rows to {output}")
        return
    if as_json:
        print(df.to_json(orient="records", indent=2))
        return
    cols = list(df.columns) if wide else [c for c in _SHOW if c in df.columns]
    with pd.option_context("display.max_colwidth", 90, "display.width", 250,
                           "display.float_format", "{:,.3f}".format):
        print(df[cols].to_string(index=False))
    attrs = df.attrs
    print(
        f"\n{attrs.get('n_eligible', '?')} eligible of {attrs.get('n_in_scope', '?')} in scope; "
        f"excluded by rule: {attrs.get('exclusions', {})}; expected targeted reach of the "
        f"shortlist {attrs.get('expected_reach', float('nan')):,.1f} of "
        f"{attrs.get('target_value', float('nan')):,.1f} (strategy "
        f"{attrs.get('parameters', {}).get('strategy')}, seed {attrs.get('seed')})."
    )


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("-k", type=int, default=20, help="shortlist size (default 20, as the library)")
    p.add_argument("--kind", choices=["both", "internal", "external"], default=None,
                   help="rank external influentials, employees, or both (default: external "
                        "when the actors have a kind, else both)")
    p.add_argument("--strategy", default="balanced",
                   help="preset: balanced, reference, content, interaction, purpose, expert, social")
    p.add_argument("--complementary", action="store_true",
                   help="pick the set that reaches the most of the target together")
    p.add_argument("--no-band", action="store_true", help="disable the micro-influential band")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument("--json", action="store_true", help="print JSON records instead of a table")
    p.add_argument("--wide", action="store_true", help="print every column")
    p.add_argument("--output", "-o", help="write the shortlist to .csv, .json or .parquet")
    p.add_argument("--debug", action="store_true",
                   help="on an error, print the full traceback instead of one line")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="infnet", description="Find the influentials in business networks."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="rank influentials in the bundled synthetic network")
    _common(demo)
    rank = sub.add_parser("rank", help="rank influentials in your network files")
    rank.add_argument("actors", help="actors file (.csv or .parquet), or '-' for none")
    rank.add_argument("ties", help="ties file (.csv or .parquet)")
    rank.add_argument("--segment", action="append", default=[], help="target segment (repeatable)")
    rank.add_argument("--organisation", action="append", default=[],
                      help="target organisation / account (repeatable)")
    rank.add_argument("--where", help="target expression over actor attributes")
    direction = rank.add_mutually_exclusive_group()
    direction.add_argument("--directed", dest="directed", action="store_const", const=True,
                           default=None, help="ties go one way (default: as recorded with the files)")
    direction.add_argument("--undirected", dest="directed", action="store_const", const=False,
                           help="ties go both ways (default: as recorded with the files)")
    rank.add_argument("--focal-organisation", help="derive kind: members are internal")
    rank.add_argument("--actor-id", default="id", help="actor id column (default id)")
    rank.add_argument("--strength", help="strength column (default: 'strength' if present)")
    rank.add_argument("--duplicates", choices=["raise", "max", "sum"], default="raise")
    rank.add_argument("--competitor", action="append", default=[],
                      help="exclude members of and strong ties to this organisation (repeatable)")
    _common(rank)
    return parser


def _rank_kwargs(args: argparse.Namespace, network: Any) -> dict[str, Any]:
    kind = args.kind
    if kind is None:
        kind = "external" if network.has_attribute("kind") else "both"
    kwargs: dict[str, Any] = {
        "k": args.k, "kind": kind, "strategy": args.strategy,
        "method": "complementary" if args.complementary else "top_k", "rng": args.seed,
    }
    if args.no_band:
        kwargs["band"] = {"audience": None}
    return kwargs


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``infnet`` command line.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name; ``sys.argv[1:]`` by default.

    Returns
    -------
    int
        Exit status: 0 on success, 2 for bad input (an :class:`~infnet.InfnetError`,
        printed as one line on stderr), 1 for an internal error (one line; the
        traceback with ``--debug``). Warnings are printed as one line each on stderr.

    Examples
    --------
    >>> main(["demo", "-k", "3", "--json"])  # doctest: +SKIP
    0
    """
    args = _parser().parse_args(argv)
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            status = _run(args)
        except InfnetError as exc:
            status = _fail(args, exc, 2)
        except MemoryError as exc:  # a size asked for that does not fit
            status = _fail(args, exc, 2, "out of memory; ask for a smaller size")
        except Exception as exc:  # noqa: BLE001 - the CLI's last line of defence
            status = _fail(args, exc, 1, "internal error (please report it; --debug shows "
                                         "the traceback)")
    for w in caught:
        print(f"infnet {args.command}: warning: {_one_line(w.message)}", file=sys.stderr)
    return status


def _fail(args: argparse.Namespace, exc: BaseException, status: int, what: str = "") -> int:
    if getattr(args, "debug", False):
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    prefix = f"{what}: " if what else ""
    name = "" if isinstance(exc, InfnetError) else f"{type(exc).__name__}: "
    print(f"infnet {args.command}: error: {prefix}{name}{_one_line(exc)}", file=sys.stderr)
    return status


def _run(args: argparse.Namespace) -> int:
    from infnet.ranking import rank_influentials

    if args.command == "demo":
        from infnet.synthetic import demo_network

        network, truth = demo_network()
        header = f"infnet demo: {network!r}; target {json.dumps(truth.target)}\n"
        # keep stdout pure JSON / empty when the shortlist goes elsewhere
        print(header, file=sys.stderr if (args.json or args.output) else sys.stdout)
        df = rank_influentials(network, truth.target, **_rank_kwargs(args, network))
    else:
        from infnet.io import read_network

        settings = {
            k: v for k, v in (("directed", args.directed),
                              ("focal_organisation", args.focal_organisation))
            if v is not None
        }
        network = read_network(
            None if args.actors == "-" else args.actors, args.ties,
            actor_id=args.actor_id, strength=args.strength,
            duplicates=args.duplicates, **settings,
        )
        target: dict[str, Any] = {}
        if args.segment:
            target["segments"] = args.segment
        if args.organisation:
            target["organisations"] = args.organisation
        if args.where:
            target["where"] = args.where
        if not target:
            print("infnet rank: name a target with --segment, --organisation or --where",
                  file=sys.stderr)
            return 2
        kwargs = _rank_kwargs(args, network)
        if args.competitor:
            kwargs["exclude"] = {"competitors": args.competitor}
        df = rank_influentials(network, target, **kwargs)
    _print_shortlist(df, as_json=args.json, output=args.output, wide=args.wide)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
