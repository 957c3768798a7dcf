"""Hostile `where` expressions against every entry point that takes one.

Known code-execution payloads (for ``DataFrame.eval`` and Python ``eval``), resource
bombs and parser tricks go to ``Network.select``, ``Target(where=...)`` (``mask`` and
``weights``, and ``within=``), ``Vetting(where=...)`` through ``rank_influentials(...,
exclude=...)``, ``rank_influentials_from_dict`` (``target.where`` and
``exclude.where``) and the CLI ``--where``. Each must end in an ``InfnetError`` whose
message names the expression problem, fast, with no side effect: the marker file the
payloads try to create must not exist afterwards.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from infnet import rank_influentials, rank_influentials_from_dict, write_network
from infnet.cli import main
from infnet.exceptions import InfnetError
from infnet.network import Network
from infnet.synthetic import toy_network
from infnet.targets import Target

MARK = "MARKER"  # replaced by a path under tmp_path

PAYLOADS: dict[str, str] = {
    "import_system": f"__import__('os').system('touch {MARK}')",
    "import_in_comparison": f"audience > 1 and __import__('os').system('touch {MARK}') == 0",
    "class_mro": "audience.__class__.__mro__",
    "subclasses": "audience.__class__.__mro__[-1].__subclasses__()",
    "globals_walk": "segment.__class__.__init__.__globals__",
    "builtins_name": "__builtins__",
    "dunder_name": "__class__ == 1",
    "pandas_local_module": f"@pd.io.common.os.system('touch {MARK}')",
    "pandas_local": "audience > @x",
    "pandas_local_builtins": "@__builtins__",
    "lambda": f"(lambda: __import__('os').system('touch {MARK}'))()",
    "comprehension": "[c for c in ().__class__.__base__.__subclasses__()]",
    "generator": "any(x for x in [1])",
    "open_write": f"open('{MARK}', 'w').close() is None",
    "open_read": "open('/etc/passwd').read() == ''",
    "eval_call": f"eval(\"__import__('os').system('touch {MARK}')\")",
    "exec_call": "exec('1')",
    "pd_eval": "pd.eval('1 + 1') == 2",
    "str_accessor": "segment.str.len() > 3",
    "backtick_accessor": "`segment`.str.len() > 3",
    "backtick_code": f"`__import__('os').system('touch {MARK}')` == 1",
    "backtick_unclosed": "`audience > 1",
    "backtick_in_string_breakout": "segment == '`' or `audience`.__class__",
    "fstring": f"f\"{{__import__('os').system('touch {MARK}')}}\" == ''",
    "walrus": "(x := audience) > 1",
    "starred": "[*audience] == 1",
    "dict_unpack": "{**{}} == {}",
    "if_expression": f"1 if __import__('os').system('touch {MARK}') else 0",
    "fullwidth_dunder": "\uff3f\uff3fimport\uff3f\uff3f('os')",
    "fullwidth_column": "\uff41udience > 1",
    "cyrillic_lookalike": "\u0430udience > 1",
    "rtl_override": "segment == 'x' \u202e or True",
    "zero_width": "audi\u200bence > 1",
    "null_byte": "audience > 1\x00",
    "newline_statement": f"audience > 1\n__import__('os').system('touch {MARK}')",
    "semicolon_statement": f"audience > 1; __import__('os').system('touch {MARK}')",
    "comment_hides_code": "audience > 1 # or __import__('os')",
    "string_escape_trick": "segment == 'a\\' or __import__('os').system('id') or 'b'",
    "string_times_huge": "'a' * 999999999 == segment",
    "pow_tower": "2**10**10 > audience",
    "huge_int": "9" * 5000,
    "huge_int_within_length": "audience > " + "9" * 1900,
    "huge_float": "audience < 1e999",
    "deep_parens": "(" * 10_000,
    "deep_parens_within_length": "(" * 900 + "audience > 1" + ")" * 900,
    "deep_not": "not " * 450 + "is_customer",
    "deep_unary": "-" * 1900 + "audience > 1",
    "long_chain": " or ".join(["is_customer"] * 1000),
    "long_list": "audience in [" + ",".join(["1"] * 900) + "]",
    "empty": "   ",
    "matmul": "audience @ audience",
    "floor_div_bomb": "audience // 0 == 1",
}


@pytest.fixture(scope="module")
def net() -> Network:
    return toy_network()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    d = tmp_path_factory.mktemp("where_cli")
    write_network(toy_network(), actors=d / "actors.csv", ties=d / "ties.csv")
    return str(d / "actors.csv"), str(d / "ties.csv")


def _no_band() -> dict[str, Any]:
    """Switch the micro band off (the toy's audiences are outside the default band)."""
    params = inspect.signature(rank_influentials).parameters
    return {"band": None} if "band" in params else {"audience": None}


def _request(net: Network, **extra: Any) -> dict[str, Any]:
    actors = net.actors.reset_index().rename(columns={"actor": "id"})
    src, dst = net.strength.nonzero()
    ids = net.actor_ids
    ties = [
        {"source": ids[i], "target": ids[j], "strength": float(net.strength[i, j])}
        for i, j in zip(src.tolist(), dst.tolist(), strict=True)
    ]
    return {"network": {"ties": ties, "actors": actors.to_dict("records")}, "k": 2,
            **_no_band(), **extra}


ENTRY_POINTS: dict[str, Callable[[Network, str], object]] = {
    "Network.select": lambda net, p: net.select(p),
    "Target.mask": lambda net, p: Target(where=p).mask(net),
    "Target.weights": lambda net, p: Target(where=p).weights(net),
    "Target.within": lambda net, p: Target(segments="fintech", within=p).weights(net),
    "Vetting.where": lambda net, p: rank_influentials(
        net, {"segments": ["fintech"]}, k=2, exclude={"where": p}, **_no_band()),
    "from_dict.target.where": lambda net, p: rank_influentials_from_dict(
        _request(net, target={"where": p})),
    "from_dict.exclude.where": lambda net, p: rank_influentials_from_dict(
        _request(net, target={"segments": ["fintech"]}, exclude={"where": p})),
}


def _arm(payload: str, tmp_path: Path) -> tuple[str, Path]:
    marker = tmp_path / "pwned"
    return payload.replace(MARK, str(marker)), marker


@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_payload_refused(net: Network, tmp_path: Path, entry: str, name: str) -> None:
    payload, marker = _arm(PAYLOADS[name], tmp_path)
    start = time.perf_counter()
    with pytest.raises(InfnetError) as info:
        ENTRY_POINTS[entry](net, payload)
    elapsed = time.perf_counter() - start
    msg = str(info.value)
    assert "expression" in msg or "where" in msg, msg
    assert "\n" not in msg
    assert not marker.exists()
    assert elapsed < 5.0, f"{name} via {entry} took {elapsed:.1f}s"


def test_messages_name_the_token(net: Network) -> None:
    checks = {
        "class_mro": "attribute access ('.'), which the expression language does not allow, "
                     "at character 8 ('.__class__'",
        "import_system": "function calls",
        "pandas_local": "'@name'",
        "fullwidth_column": "U+FF41",
        "cyrillic_lookalike": "Did you mean 'audience'?",
        "pow_tower": "exponent of '**' must be a number literal",
        "huge_int": "MAX_LENGTH=2000",
        "huge_int_within_length": "MAX_LITERAL",
        "deep_parens_within_length": "MAX_DEPTH",
        "long_list": "MAX_LIST_LENGTH=200",
        "comment_hides_code": "comments ('#')",
        "semicolon_statement": "at character 12 (';')",
        "string_times_huge": "\"'a'\" is a string",
    }
    for name, fragment in checks.items():
        with pytest.raises(InfnetError) as info:
            net.select(PAYLOADS[name])
        assert fragment in str(info.value), (name, str(info.value))


def test_bounded_arithmetic_is_evaluated_fast(net: Network) -> None:
    # exponents are bounded literals and arithmetic is float64: a tower overflows to inf
    # at once instead of building a huge integer
    start = time.perf_counter()
    assert net.select("(((10**10)**10)**10)**10 > audience").all()
    assert not net.select("-(((10**10)**10)**10)**10 > audience").any()
    assert time.perf_counter() - start < 1.0


def test_long_message_is_truncated(net: Network) -> None:
    with pytest.raises(InfnetError) as info:
        net.select("(" * 900 + "audience > 1" + ")" * 900)
    assert len(str(info.value)) < 500


@pytest.mark.parametrize(
    "name",
    ["import_system", "class_mro", "pandas_local", "newline_statement", "deep_parens",
     "pow_tower", "fstring", "backtick_code", "null_byte"],
)
def test_cli_where_refused(
    files: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    payload, marker = _arm(PAYLOADS[name], tmp_path)
    actors, ties = files
    code = main(["rank", actors, ties, "--undirected", "--no-band", "-k", "2",
                 f"--where={payload}"])
    err = capsys.readouterr().err
    assert code == 2
    lines = [line for line in err.splitlines() if line.strip()]
    # the CLI first says how it read the ties; then one line: the refusal
    errors = [line for line in lines if line.startswith("infnet rank: error:")]
    assert len(errors) == 1, err
    assert lines[-1] == errors[0], err
    assert all(line.startswith("infnet rank: read ") for line in lines[:-1]), err
    assert "Traceback" not in err
    assert "expression" in errors[0]
    assert not marker.exists()


def test_safe_where_still_works_everywhere(net: Network) -> None:
    expr = "segment == 'fintech' and audience < 50_000"
    assert net.select(expr).sum() == 5
    assert Target(where=expr).weights(net).sum() == 5
    plain = rank_influentials(net, {"segments": ["fintech"]}, k=2, **_no_band())
    top = plain.loc[~plain["excluded"], "actor"].iloc[0]
    df = rank_influentials(net, {"segments": ["fintech"]}, k=2, **_no_band(),
                           exclude={"where": f"`organisation` == {net.actors.loc[top, 'organisation']!r}"})
    assert top not in set(df.loc[~df["excluded"], "actor"])
    out = rank_influentials_from_dict(_request(net, target={"where": expr}))
    assert len(out["shortlist"]) == 2


def test_cli_safe_where_works(files: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    actors, ties = files
    code = main(["rank", actors, ties, "--undirected", "--no-band", "-k", "2",
                 "--where=segment == 'fintech' and audience < 50_000"])
    capsys.readouterr()
    assert code == 0
