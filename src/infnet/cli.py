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

from infnet.exceptions import InfnetError

__all__ = ["main"]

_SHOW = ["rank", "actor", "kind", "organisation", "segment", "score", "direct_reach",
         "target_share", "introducer", "marginal_gain", "reason"]


def _print_shortlist(df: pd.DataFrame, *, as_json: bool, output: str | None, wide: bool) -> None:
    if output:
        if output.endswith(".parquet"):
            df.to_parquet(output, index=False)
        elif output.endswith(".json"):
            df.to_json(output, orient="records", indent=2)
        else:
            df.to_csv(output, index=False)
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
    p.add_argument("-k", type=int, default=10, help="shortlist size (default 10)")
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
    rank.add_argument("--undirected", action="store_true", help="ties go both ways")
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
        kind = "external" if "kind" in network.actors.columns else "both"
    kwargs: dict[str, Any] = {
        "k": args.k, "kind": kind, "strategy": args.strategy,
        "complementary": args.complementary, "rng": args.seed,
    }
    if args.no_band:
        kwargs["audience"] = None
    return kwargs


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``infnet`` command line.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name; ``sys.argv[1:]`` by default.

    Returns
    -------
    int
        Exit status: 0 on success, 2 for bad input (the error is printed).

    Examples
    --------
    >>> main(["demo", "-k", "3", "--json"])  # doctest: +SKIP
    0
    """
    args = _parser().parse_args(argv)
    from infnet.ranking import rank_influentials

    try:
        if args.command == "demo":
            from infnet.synthetic import demo_network

            network, truth = demo_network()
            header = f"infnet demo: {network!r}; target {json.dumps(truth.target)}\n"
            # keep stdout pure JSON / empty when the shortlist goes elsewhere
            print(header, file=sys.stderr if (args.json or args.output) else sys.stdout)
            df = rank_influentials(network, truth.target, **_rank_kwargs(args, network))
        else:
            from infnet.io import read_network

            network = read_network(
                args.ties, None if args.actors == "-" else args.actors,
                actor_id=args.actor_id, strength=args.strength, directed=not args.undirected,
                duplicates=args.duplicates, focal_organisation=args.focal_organisation,
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
    except (InfnetError, FileNotFoundError) as exc:
        print(f"infnet {args.command}: error: {exc}", file=sys.stderr)
        return 2
    _print_shortlist(df, as_json=args.json, output=args.output, wide=args.wide)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
