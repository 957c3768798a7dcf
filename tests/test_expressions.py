"""The `where` expression language (infnet.expressions): grammar, semantics, limits.

Semantics are checked against an oracle built from pandas' nullable dtypes (Float64,
Int64, string, boolean), whose comparisons and `& | ~` implement the same three-valued
(Kleene) logic the language documents, on random frames and random expressions.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infnet.exceptions import (
    InfnetError,
    InfnetTypeError,
    InvalidParameterError,
    ResourceLimitError,
)
from infnet.expressions import (
    MAX_DEPTH,
    MAX_EXPONENT,
    MAX_LIST_LENGTH,
    MAX_NODES,
    Expression,
    evaluate,
    parse,
)


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "segment": pd.array(["fintech", "retail", None, "fintech"], dtype="str"),
        "audience": [1200, 80_000, 3000, 40],
        "share": [0.1, np.nan, 0.5, 0.0],
        "is_customer": [True, False, False, True],
        "fake share": [0.0, 0.4, 0.1, 0.9],
        "class": ["a", "b", "c", "d"],
    })


def ev(text: str, df: pd.DataFrame) -> list[bool]:
    return evaluate(text, df, caller="test").tolist()


# ---------------------------------------------------------------------- grammar
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("segment == 'fintech'", [True, False, False, True]),
        ('segment == "fintech"', [True, False, False, True]),
        ("audience > 1000", [True, True, True, False]),
        ("audience >= 1200 and audience <= 3000", [True, False, True, False]),
        ("1000 <= audience < 5000", [True, False, True, False]),
        ("0 < audience < 100 < 1000", [False, False, False, True]),
        ("audience != 40", [True, True, True, False]),
        ("segment in ['fintech', 'x']", [True, False, False, True]),
        ("segment in ('fintech',)", [True, False, False, True]),
        ("segment not in ['fintech']", [False, True, False, False]),
        ("audience in [40, 3000.0]", [False, False, True, True]),
        ("is_customer", [True, False, False, True]),
        ("not is_customer", [False, True, True, False]),
        ("is_customer == False", [False, True, True, False]),
        ("is_customer and audience > 100", [True, False, False, False]),
        ("is_customer or audience > 5000", [True, True, False, True]),
        ("(audience > 1000) & (segment == 'retail')", [False, True, False, False]),
        ("(audience < 100) | (segment == 'retail')", [False, True, False, True]),
        ("~is_customer", [False, True, True, False]),
        ("audience * 2 + 1 > 2400", [True, True, True, False]),
        ("audience / 1000 - 1 >= 0.1", [True, True, True, False]),
        ("audience % 2 == 0", [True, True, True, True]),
        ("-audience < -1000", [True, True, True, False]),
        ("+audience > 1000", [True, True, True, False]),
        ("audience ** 2 > 1e6", [True, True, True, False]),
        ("audience ** -1 < 0.001", [True, True, True, False]),
        ("(audience - 1000) * (audience - 5000) < 0", [True, False, True, False]),
        ("`fake share` > 0.3", [False, True, False, True]),
        ("`class` == 'b'", [False, True, False, False]),
        ("`audience` > 1000", [True, True, True, False]),
        ("True", [True, True, True, True]),
        ("False or is_customer", [True, False, False, True]),
        ("1 < 2", [True, True, True, True]),
        ("'a' < 'b'", [True, True, True, True]),
        ("segment < 'g'", [True, False, False, True]),
        ("audience > 1_000", [True, True, True, False]),
        ("audience > 0x10", [True, True, True, True]),
        ("\taudience\n>\r1000 ", [True, True, True, False]),
        ("segment == 'it''s'", [False, False, False, False]),
        ("segment == '\\x66intech'", [True, False, False, True]),
        ("segment == r'\\d'", [False, False, False, False]),
    ],
)
def test_grammar(frame: pd.DataFrame, text: str, expected: list[bool]) -> None:
    assert ev(text, frame) == expected


def test_missing_values_follow_kleene_logic(frame: pd.DataFrame) -> None:
    # row 2 has no segment; row 1 has no share
    assert ev("segment != 'fintech'", frame) == [False, True, False, False]
    assert ev("not segment == 'fintech'", frame) == [False, True, False, False]
    assert ev("segment == None", frame) == [False, False, True, False]
    assert ev("segment is None", frame) == [False, False, True, False]
    assert ev("None == segment", frame) == [False, False, True, False]
    assert ev("segment != None", frame) == [True, True, False, True]
    assert ev("segment is not None", frame) == [True, True, False, True]
    assert ev("segment in ['retail', None]", frame) == [False, True, True, False]
    assert ev("segment not in ['retail', None]", frame) == [True, False, False, True]
    assert ev("segment not in ['retail']", frame) == [True, False, False, True]
    assert ev("share > 0.05", frame) == [True, False, True, False]
    assert ev("share > 0.05 or audience > 50000", frame) == [True, True, True, False]
    assert ev("share > 0.05 and audience > 50000", frame) == [False, False, False, False]
    assert ev("not share > 0.05", frame) == [False, False, False, True]
    assert ev("share + 1 > 0", frame) == [True, False, True, True]
    assert ev("share == share", frame) == [True, False, True, True]


def test_ieee_division(frame: pd.DataFrame) -> None:
    assert ev("audience / 0 > 1e90", frame) == [True] * 4  # inf
    assert ev("(audience - audience) / 0 == 0", frame) == [False] * 4  # NaN is missing
    assert ev("not (audience - audience) / 0 == 0", frame) == [False] * 4
    assert ev("audience % 0 == 0", frame) == [False] * 4
    assert ev("audience * 1e100 * 1e100 * 1e100 * 1e100 > 1e100", frame) == [True] * 4


def test_dtypes() -> None:
    df = pd.DataFrame({
        "i": pd.array([1, None, 3], dtype="Int64"),
        "f": pd.array([1.5, None, 3.0], dtype="Float64"),
        "s": pd.array(["a", None, "c"], dtype="string"),
        "o": np.array(["a", None, "c"], dtype=object),
        "b": pd.array([True, None, False], dtype="boolean"),
        "ob": np.array([True, None, False], dtype=object),
        "on": np.array([1, None, 2.5], dtype=object),
        "c": pd.Categorical(["a", None, "c"]),
        "u": np.array([1, 2, 2**64 - 1], dtype=np.uint64),
        "big": np.array([2**62, 0, -(2**62)], dtype=np.int64),
        "none": np.array([None, None, None], dtype=object),
    })
    assert ev("i > 1", df) == [False, False, True]
    assert ev("f > 1", df) == [True, False, True]
    assert ev("s == 'c'", df) == [False, False, True]
    assert ev("o == 'c'", df) == [False, False, True]
    assert ev("c == 'c'", df) == [False, False, True]
    assert ev("c in ['a', 'c']", df) == [True, False, True]
    assert ev("b", df) == [True, False, False]
    assert ev("not b", df) == [False, False, True]
    assert ev("ob == True", df) == [True, False, False]
    assert ev("on >= 1", df) == [True, False, True]
    assert ev("u > 2", df) == [False, False, True]
    assert ev("big == 4611686018427387904", df) == [True, False, False]
    assert ev("big > 4611686018427387903", df) == [True, False, False]
    assert ev("big < 1e30", df) == [True, True, True]
    assert ev("i == 10**3 or big in [0]", df) == [False, True, False]
    # an all-missing column of unknown type compares with anything and matches nothing
    assert ev("none == 'x' or none > 3", df) == [False, False, False]
    assert ev("none is None", df) == [True, True, True]
    assert ev("s", pd.DataFrame({"s": pd.array([None], dtype=object)})) == [False]


def test_unsupported_dtypes_named() -> None:
    df = pd.DataFrame({
        "when": pd.to_datetime(["2024-01-01", "2024-02-01"]),
        "mixed": np.array([1, "a"], dtype=object),
        "z": np.array([1 + 1j, 2j]),
    })
    for col in ("when", "mixed", "z"):
        with pytest.raises(InvalidParameterError, match=f"column '{col}'"):
            evaluate(f"{col} == 1", df)
    assert evaluate("True", df).tolist() == [True, True]  # unused columns are not inspected


def test_type_errors_name_column_and_types(frame: pd.DataFrame) -> None:
    cases = {
        "segment < 3": r"column 'segment' is a string and '3' is a number",
        "audience == 'x'": r"column 'audience' is a number and \"'x'\" is a string",
        "is_customer == 1": r"column 'is_customer' is a bool and '1' is a number",
        "is_customer < True": r"does not order bools",
        "segment + 1 > 0": r"column 'segment' is a string",
        "-segment == 'a'": r"column 'segment' is a string",
        "segment in [1, 2]": r"column 'segment' is a string but the 'in' list holds number",
        "audience in [1, 'a']": r"mixes number and string",
        "audience and is_customer": r"'and' joins conditions, but column 'audience' is a number",
        "audience > 1 & audience < 9": r"'&' joins conditions",
        "not segment": r"'not' needs a condition, but column 'segment' is a string",
        "None < audience": r"None can only be compared with == or !=",
    }
    for text, pattern in cases.items():
        with pytest.raises(InvalidParameterError, match=pattern):
            evaluate(text, frame)


@pytest.mark.parametrize("text", ["audience + 1", "segment", "'x'", "3", "None", "audience"])
def test_result_must_be_a_condition(frame: pd.DataFrame, text: str) -> None:
    with pytest.raises(InvalidParameterError, match="must be a condition"):
        evaluate(text, frame, caller="Network.select")


def test_unknown_column_lists_columns_and_suggests(frame: pd.DataFrame) -> None:
    with pytest.raises(InvalidParameterError) as info:
        evaluate("audience > 1 and segmnt == 'x'", frame, caller="Target.weights")
    msg = str(info.value)
    assert msg.startswith("Target.weights: ")
    assert "'segmnt' is not an actor column" in msg
    assert "at character 17" in msg
    assert "Did you mean 'segment'?" in msg
    assert "'fake share'" in msg  # the columns are listed
    assert "\n" not in msg


@pytest.mark.parametrize(
    ("text", "offset", "what"),
    [
        ("audience.real > 0", 8, "attribute access"),
        ("len(segment) > 3", 3, "function calls"),
        ("audience[0] > 1", 8, "subscripts"),
        ("audience // 2 > 1", 8, "floor division"),
        ("audience @ audience", 9, "'@name'"),
        ("audience << 2 > 1", 8, "bit shifts"),
        ("audience ^ 2 > 1", 8, "'\\^'"),
        ("lambda: True", 0, "lambdas"),
        ("[a for a in segment]", 0, "comprehensions"),
        ("f'{segment}' == 'x'", 0, "f-strings"),
        ("(a := 1) > 0", 1, "assignment"),
        ("{'a': 1} == 1", 0, "dict literals"),
        ("{1} == 1", 0, "set literals"),
        ("1 if True else 0", 0, "conditional expressions"),
        ("b'x' == segment", 0, "bytes literals"),
        ("1j == audience", 0, "complex literals"),
        ("[1, 2] == audience", 0, "lists outside"),
        ("segment in segment", 11, "'in' needs a list of literals"),
        ("segment in [class]", 12, "invalid syntax"),
        ("segment in [audience]", 12, "'in' lists may hold only literals"),
        ("audience ** audience > 1", 12, "exponent of '\\*\\*' must be a number literal"),
        ("audience is 1", 12, "'is' / 'is not' may only test None"),
        ("audience > 1 # comment", 13, "comments"),
        ("audience > @x", 11, "'@name'"),
        ("audience > 1)", 12, "has no opening bracket"),
        ("'open", 0, "string literal is not closed"),
        ("`open", 0, "backtick-quoted column name is not closed"),
        ("`` > 1", 0, "empty backtick"),
        ("audience >", 10, "invalid syntax"),
        ("audience > 1; 2", 12, "invalid syntax"),
        ("segment == '\\d'", 12, "escape sequence"),
        ("audience > 1\x00", 12, "U\\+0000"),
        ("audience\u200b > 1", 8, "U\\+200B"),
        ("\uff41udience > 1", 0, "would be read as 'a'"),
        ("audience > 1 and \ufb01", 17, "would be read as 'fi'"),
        ("", None, "empty"),
    ],
)
def test_refused_constructs_name_token_and_offset(text: str, offset: int | None, what: str) -> None:
    with pytest.raises(InvalidParameterError, match=what) as info:
        parse(text, caller="test")
    msg = str(info.value)
    if offset is not None:
        assert f"at character {offset} (" in msg
    assert "\n" not in msg


def test_not_a_string() -> None:
    with pytest.raises(InfnetTypeError, match="must be a str; got int"):
        parse(3)  # type: ignore[arg-type]
    with pytest.raises(InfnetTypeError, match="must be a pandas DataFrame"):
        evaluate("a > 1", {"a": [1]})  # type: ignore[arg-type]


# ---------------------------------------------------------------------- limits
def test_limits(frame: pd.DataFrame) -> None:
    cases = [
        ("(" * 10_000, "MAX_LENGTH"),
        ("9" * 5000, "MAX_LENGTH"),
        ("audience > 1 or " * 200 + "True", "MAX_LENGTH"),
        ("(" * (MAX_DEPTH + 1) + "audience > 1" + ")" * (MAX_DEPTH + 1), "MAX_DEPTH"),
        ("[" * 500, "MAX_DEPTH"),
        ("audience" + " + audience" * (MAX_DEPTH + 1) + " > 1", "MAX_DEPTH"),
        ("-" * 1500 + "audience > 1", "MAX_DEPTH"),
        ("not " * 400 + "is_customer", "MAX_DEPTH"),
        (" or ".join(["is_customer"] * (MAX_NODES + 1)), "MAX_LENGTH"),
        (" or ".join(["a in [" + ",".join(["1"] * 150) + "]"] * 4), "MAX_NODES"),
        ("audience in [" + ", ".join(["1"] * (MAX_LIST_LENGTH + 1)) + "]", "MAX_LIST_LENGTH"),
        ("audience > " + "9" * 1980, "MAX_LITERAL"),
        ("audience > 1e999", "MAX_LITERAL"),
        ("audience > -1e101", "MAX_LITERAL"),
        (f"audience ** {MAX_EXPONENT + 1} > 1", "MAX_EXPONENT"),
        ("audience ** -11 > 1", "MAX_EXPONENT"),
    ]
    for text, limit in cases:
        start = time.perf_counter()
        with pytest.raises(ResourceLimitError, match=limit):
            evaluate(text, frame)
        assert time.perf_counter() - start < 1.0


def test_exponent_bounds_are_fast(frame: pd.DataFrame) -> None:
    start = time.perf_counter()
    with pytest.raises(InvalidParameterError, match="must be a number literal"):
        evaluate("2**10**10 > audience", frame)
    # nested bounded exponents stay float64 (inf), they never build a huge integer
    text = "(" * 30 + "10" + "**10)" * 30 + " > audience"
    assert evaluate(text, frame).tolist() == [True] * 4
    assert time.perf_counter() - start < 1.0


def test_within_limits_accepted(frame: pd.DataFrame) -> None:
    ok = "(" * MAX_DEPTH + "audience > 1" + ")" * MAX_DEPTH
    assert evaluate(ok, frame).all()
    listed = "audience in [" + ", ".join(str(i) for i in range(MAX_LIST_LENGTH)) + "]"
    assert evaluate(listed, frame).tolist() == [False, False, False, True]


# ---------------------------------------------------------------------- the object
def test_expression_object(frame: pd.DataFrame) -> None:
    e = parse("`fake share` < 0.5 and segment in ['fintech'] or `fake share` > 0.8")
    assert isinstance(e, Expression)
    assert e.columns == ("fake share", "segment")
    assert str(e) == "`fake share` < 0.5 and segment in ['fintech'] or `fake share` > 0.8"
    assert e == parse(str(e))
    assert hash(e) == hash(parse(str(e)))
    assert len({e, parse(str(e))}) == 1
    assert parse(e) is e
    with pytest.raises(AttributeError):
        e.text = "x"  # type: ignore[misc]
    assert evaluate(e, frame).tolist() == [True, False, False, True]
    other = frame.iloc[::-1].reset_index(drop=True)
    assert evaluate(e, other).tolist() == [True, False, False, True]


def test_parse_does_not_need_columns() -> None:
    e = parse("no_such_column > 1")
    assert e.columns == ("no_such_column",)
    with pytest.raises(InvalidParameterError, match="'no_such_column' is not an actor column"):
        evaluate(e, pd.DataFrame({"a": [1]}))


def test_frame_not_modified(frame: pd.DataFrame) -> None:
    before = frame.copy(deep=True)
    evaluate("segment == 'fintech' or share > 0 or `fake share` * 2 > 1", frame)
    pd.testing.assert_frame_equal(frame, before)


def test_empty_frame() -> None:
    df = pd.DataFrame({"a": pd.Series([], dtype=float), "s": pd.Series([], dtype=object)})
    out = evaluate("a > 1 and s == 'x'", df)
    assert out.dtype == np.bool_
    assert out.shape == (0,)


def test_placeholder_names_cannot_be_forged() -> None:
    df = pd.DataFrame({"a b": [1, 2], "_infnet_q0": [5, 5]})
    assert evaluate("`a b` > 1", df).tolist() == [False, True]
    assert evaluate("_infnet_q0 > 1 and `a b` > 1", df).tolist() == [False, True]


def test_every_error_is_an_infnet_error(frame: pd.DataFrame) -> None:
    rng = np.random.default_rng(0)
    alphabet = [*"ab()[]'\"`.,:;=<>!+-*/%~&|@#\\ 019_xé", " and ", " or ", " not ", " in "]
    for _ in range(2000):
        text = "".join(rng.choice(alphabet, size=int(rng.integers(1, 20))))
        with contextlib.suppress(InfnetError):
            evaluate(text, frame)


# ---------------------------------------------------------------------- oracle
Oracle = Callable[[dict[str, Any]], Any]


def _nullable(df: pd.DataFrame) -> dict[str, Any]:
    return {
        "x": pd.array(df["x"].to_numpy(), dtype="Float64"),
        "y": pd.array(df["y"].to_numpy(), dtype="Int64"),
        "s": pd.array(df["s"].to_numpy(dtype=object), dtype="string"),
        "b": pd.array(df["b"].to_numpy(dtype=object), dtype="boolean"),
    }


def _float(a: Any) -> Any:
    """Arithmetic result with NaN as missing (the language's rule)."""
    arr = pd.array(a, dtype="Float64") if not np.isscalar(a) else a
    if np.isscalar(arr):
        return pd.NA if np.isnan(arr) else arr
    vals = arr.to_numpy(dtype=float, na_value=np.nan)
    return pd.array(np.where(np.isnan(vals), np.nan, vals), dtype="Float64")


@st.composite
def numeric(draw: st.DrawFn, depth: int = 0) -> tuple[str, Oracle]:
    choice = draw(st.integers(0, 5 if depth < 2 else 2))
    if choice == 0:
        col = draw(st.sampled_from(["x", "y"]))
        return col, lambda c, col=col: c[col]
    if choice in (1, 2):
        v = draw(st.integers(-5, 5) | st.floats(-5, 5, allow_nan=False).map(lambda f: round(f, 2)))
        return repr(v), lambda c, v=v: v
    if choice == 5:
        text, f = draw(numeric(depth + 1))
        return f"(-{text})", lambda c, f=f: -f(c)
    (lt, lf), (rt, rf) = draw(numeric(depth + 1)), draw(numeric(depth + 1))
    op = draw(st.sampled_from(["+", "-", "*"]))
    ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b}
    fn = ops[op]
    return f"({lt} {op} {rt})", lambda c, lf=lf, rf=rf, fn=fn: _float(fn(lf(c), rf(c)))


_CMP = {
    "==": lambda a, b: a == b, "!=": lambda a, b: a != b, "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, ">=": lambda a, b: a >= b,
}


def _as_bool(v: Any, n: int) -> Any:
    if isinstance(v, (bool, np.bool_)):
        return pd.array([bool(v)] * n, dtype="boolean")
    return pd.array(v, dtype="boolean")


@st.composite
def condition(draw: st.DrawFn, depth: int = 0) -> tuple[str, Oracle]:
    choice = draw(st.integers(0, 9 if depth < 3 else 4))
    if choice in (0, 1):
        (lt, lf), (rt, rf) = draw(numeric(depth)), draw(numeric(depth))
        op = draw(st.sampled_from(sorted(_CMP)))
        fn = _CMP[op]
        return f"({lt} {op} {rt})", lambda c, lf=lf, rf=rf, fn=fn: fn(lf(c), rf(c))
    if choice == 2:
        lit = draw(st.sampled_from(["a", "b", "zz"]))
        op = draw(st.sampled_from(sorted(_CMP)))
        fn = _CMP[op]
        return f"(s {op} {lit!r})", lambda c, lit=lit, fn=fn: fn(c["s"], lit)
    if choice == 3:
        items = draw(st.lists(st.sampled_from(["a", "b", "c", None]), max_size=3))
        neg = draw(st.booleans())

        def oracle(c: dict[str, Any], items: list[Any] = items, neg: bool = neg) -> Any:
            s = c["s"]
            vals = [i for i in items if i is not None]
            hit = pd.array(pd.Series(s).isin(vals).to_numpy(), dtype="boolean")
            if None in items:
                hit = hit | pd.array(pd.isna(s), dtype="boolean")
            else:
                hit[pd.isna(s)] = pd.NA
            return ~hit if neg else hit

        return f"(s {'not in' if neg else 'in'} {items!r})", oracle
    if choice == 4:
        which = draw(st.sampled_from(["b", "x == None", "s != None", "b == True"]))
        oracles: dict[str, Oracle] = {
            "b": lambda c: c["b"],
            "x == None": lambda c: pd.array(pd.isna(c["x"]), dtype="boolean"),
            "s != None": lambda c: pd.array(~pd.isna(c["s"]), dtype="boolean"),
            "b == True": lambda c: c["b"] == True,
        }
        return f"({which})", oracles[which]
    if choice == 5:
        text, f = draw(condition(depth + 1))
        return f"(not {text})", lambda c, f=f: ~_as_bool(f(c), len(c["x"]))
    (lt, lf), (rt, rf) = draw(condition(depth + 1)), draw(condition(depth + 1))
    op = draw(st.sampled_from(["and", "or", "&", "|"]))
    if op in ("and", "&"):
        return (f"({lt} {op} {rt})",
                lambda c, lf=lf, rf=rf: _as_bool(lf(c), len(c["x"])) & _as_bool(rf(c), len(c["x"])))
    return (f"({lt} {op} {rt})",
            lambda c, lf=lf, rf=rf: _as_bool(lf(c), len(c["x"])) | _as_bool(rf(c), len(c["x"])))


@st.composite
def frames(draw: st.DrawFn) -> pd.DataFrame:
    n = draw(st.integers(0, 12))
    x = draw(st.lists(st.sampled_from([-2.5, -1.0, 0.0, 0.5, 1.0, 3.0, np.nan]), min_size=n,
                      max_size=n))
    y = draw(st.lists(st.integers(-4, 4), min_size=n, max_size=n))
    s = draw(st.lists(st.sampled_from(["a", "b", "c", "zz", None]), min_size=n, max_size=n))
    b = draw(st.lists(st.sampled_from([True, False, None]), min_size=n, max_size=n))
    return pd.DataFrame({
        "x": np.asarray(x, dtype=float),
        "y": np.asarray(y, dtype=np.int64),
        "s": pd.array(s, dtype="str"),
        "b": pd.array(b, dtype="boolean"),
    })


_DETERMINISTIC = settings(
    max_examples=300,
    suppress_health_check=[HealthCheck.too_slow],
)


@_DETERMINISTIC
@given(df=frames(), expr=condition())
def test_semantics_match_nullable_pandas(df: pd.DataFrame, expr: tuple[str, Oracle]) -> None:
    text, oracle = expr
    expected = _as_bool(oracle(_nullable(df)), len(df)).fillna(False).to_numpy(dtype=bool)
    got = evaluate(text, df)
    assert got.dtype == np.bool_
    assert got.shape == (len(df),)
    np.testing.assert_array_equal(got, expected, err_msg=text)


@_DETERMINISTIC
@given(df=frames(), expr=condition(), data=st.data())
def test_row_order_and_relabel_invariance(
    df: pd.DataFrame, expr: tuple[str, Oracle], data: st.DataObject
) -> None:
    text, _ = expr
    base = evaluate(text, df)
    perm = np.asarray(data.draw(st.permutations(range(len(df)))), dtype=np.int64)
    shuffled = df.iloc[perm]
    shuffled.index = [f"actor{i}" for i in range(len(df))]  # new labels, too
    np.testing.assert_array_equal(evaluate(text, shuffled), base[perm])
    # the parsed form gives the same answer as the text
    np.testing.assert_array_equal(evaluate(parse(text), df), base)
