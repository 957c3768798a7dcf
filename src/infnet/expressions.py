r"""The ``where`` expression language: a small, safe grammar over actor columns.

Every ``where`` in infnet (:meth:`infnet.Network.select`, ``Target(where=...)``,
``Vetting(where=...)``, the CLI ``--where`` and ``target.where`` / ``exclude.where`` of
:func:`infnet.rank_influentials_from_dict`) is read by this module and nothing else.
An expression is parsed once into an immutable :class:`Expression` (Python's
:mod:`ast` parser with an allow-list of node types), checked against the actor
columns and their types, and evaluated by walking the tree with vectorised NumPy
operations over whole columns. Nothing is ever passed to ``eval``, ``exec``,
``compile`` or ``DataFrame.eval``/``query``, and no Python object other than the
column values and the literals written in the expression is reachable.

Grammar (highest precedence last, as in Python):

================================  ==========================================================
Form                              Meaning
================================  ==========================================================
``a or b``, ``a and b``           Logical or / and of conditions (``|`` and ``&`` are accepted
                                  as aliases between conditions)
``not a``                         Negation of a condition (``~a`` is an alias)
``x == y``, ``!=``, ``<``,        Comparisons; chains such as ``1000 <= audience < 50000``
``<=``, ``>``, ``>=``             mean ``1000 <= audience and audience < 50000``
``x in [v, ...]``,                Membership in a list (or tuple) of literals
``x not in [v, ...]``
``x == None``, ``x is None``,     Missing-value tests (``!=`` / ``is not`` for "present")
``None in`` a list
``x + y``, ``-``, ``*``, ``/``,   Arithmetic on numbers (in float64); ``**`` only with a
``%``, ``-x``, ``x ** 2``         number literal exponent of magnitude <= :data:`MAX_EXPONENT`
``( ... )``                       Grouping
``segment``, ```my col```         A column of the actors frame; backticks quote a name that
                                  is not an identifier (spaces, dots, keywords)
``12``, ``1.5e3``, ``'text'``,    Literals: numbers, strings, ``True`` / ``False``, ``None``
``True``, ``None``
================================  ==========================================================

A column holding booleans may stand alone as a condition (``is_customer and
audience > 1000``). The whole expression must be a condition: one true/false per actor.

Types. Each column is a *number* (integer or float dtypes), a *string* (``str``,
``string`` or ``object`` of str), or a *bool* (``bool`` / ``boolean``) column;
categorical columns take the type of their categories. Comparisons need both sides of
the same type (``segment < 3`` is refused, so is ``is_customer == 1``); ordering
(``<`` ...) is defined for numbers and strings (lexicographic), not for bools.
Arithmetic is on numbers only. Columns of other dtypes (datetimes, complex, mixed
objects) are refused when an expression uses them.

Missing values (``None``, ``NaN``, ``pd.NA``, ``NaT``) follow SQL's three-valued logic:
a comparison or arithmetic with a missing value is *unknown*; ``and``/``or``/``not``
combine unknowns as Kleene logic does (``False and unknown`` is False, ``True or
unknown`` is True, ``not unknown`` is unknown); an actor whose final result is unknown
is **not** selected. So ``segment != 'fintech'`` and ``not segment == 'fintech'`` both
leave out actors whose segment is missing; ask for them with ``segment == None`` (or
``segment is None``, or ``segment in ['retail', None]``). Arithmetic that gives NaN
(``0 / 0``, ``x % 0``) is missing too; division of a non-zero number by zero gives
``inf`` as in IEEE arithmetic.

Limits (each exceeded limit raises :class:`~infnet.exceptions.ResourceLimitError`
before any data is touched): :data:`MAX_LENGTH` characters, bracket and tree nesting
:data:`MAX_DEPTH`, :data:`MAX_NODES` syntax nodes, :data:`MAX_LIST_LENGTH` items per
``in`` list, number literals of magnitude at most :data:`MAX_LITERAL`, and ``**``
exponents of magnitude at most :data:`MAX_EXPONENT`.

Refused (an :class:`~infnet.exceptions.InvalidParameterError` naming the token and
its character offset): attribute access (``a.b``), calls (``f(x)``), subscripts
(``a[0]``), lambdas, comprehensions, f-strings, ``:=``, ``*``-unpacking, dict and set
literals, ``if``/``else`` expressions, ``//``, ``@``, ``<<``, ``>>``, ``^``, bytes and
complex literals, comments (``#``), pandas' ``@variable`` references, control and
invisible format characters, identifiers written with compatibility characters that
Python would silently rewrite (``\uff41udience``, a fullwidth a), and any name that is not a column.

Examples
--------
>>> import pandas as pd
>>> from infnet.expressions import evaluate, parse
>>> actors = pd.DataFrame({
...     "segment": ["fintech", "retail", None],
...     "audience": [1200, 80_000, 3000],
...     "is_customer": [True, False, False],
...     "fake share": [0.0, 0.4, 0.1],
... })
>>> evaluate("segment == 'fintech' and audience < 50_000", actors, caller="example").tolist()
[True, False, False]
>>> evaluate("segment != 'fintech'", actors, caller="example").tolist()
[False, True, False]
>>> evaluate("segment is None or `fake share` > 0.3", actors, caller="example").tolist()
[False, True, True]
>>> expr = parse("1000 <= audience < 50_000 and not is_customer", caller="example")
>>> expr.columns
('audience', 'is_customer')
>>> evaluate(expr, actors, caller="example").tolist()
[False, False, True]
>>> evaluate("audience.__class__", actors, caller="example")
Traceback (most recent call last):
...
infnet.exceptions.InvalidParameterError: example: the expression 'audience.__class__' is refused: it uses attribute access ('.'), which the expression language does not allow, at character 8 ('.__class__'). ...
"""

from __future__ import annotations

import ast
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, NoReturn

import numpy as np
import pandas as pd

from infnet._typing import BoolArray
from infnet._validation import closest
from infnet.exceptions import InfnetTypeError, InvalidParameterError, ResourceLimitError

__all__ = [
    "MAX_DEPTH",
    "MAX_EXPONENT",
    "MAX_LENGTH",
    "MAX_LIST_LENGTH",
    "MAX_LITERAL",
    "MAX_NODES",
    "Expression",
    "evaluate",
    "parse",
]

#: Longest expression accepted, in characters.
MAX_LENGTH = 2_000
#: Deepest nesting accepted: open brackets at any point, and depth of the syntax tree.
MAX_DEPTH = 32
#: Most syntax nodes (columns, literals, operators, ...) in one expression.
MAX_NODES = 500
#: Most literals in one ``in [...]`` list.
MAX_LIST_LENGTH = 200
#: Largest magnitude of a number literal.
MAX_LITERAL = 1e100
#: Largest magnitude of a ``**`` exponent (which must be a number literal).
MAX_EXPONENT = 10

_Kind = Literal["number", "string", "bool", "none", "any"]
_INT64_MAX = int(np.iinfo(np.int64).max)
_SHOWN = 80  # longest excerpt of the expression quoted in a message

_COMPARE_OPS: dict[type[ast.cmpop], str] = {
    ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
}
_ARITH_OPS: dict[type[ast.operator], str] = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Mod: "%", ast.Pow: "**",
}
_NOT_ALLOWED = "which the expression language does not allow"
_REFUSED_OPS: dict[type[ast.AST], str] = {
    ast.FloorDiv: "floor division ('//')",
    ast.MatMult: "the '@' operator",
    ast.LShift: "bit shifts ('<<')",
    ast.RShift: "bit shifts ('>>')",
    ast.BitXor: "the '^' operator",
}
_REFUSED_NODES: dict[type[ast.AST], str] = {
    ast.Attribute: "attribute access ('.')",
    ast.Call: "function calls",
    ast.Subscript: "subscripts ('[...]' after a value)",
    ast.Lambda: "lambdas",
    ast.ListComp: "comprehensions",
    ast.SetComp: "comprehensions",
    ast.DictComp: "comprehensions",
    ast.GeneratorExp: "comprehensions",
    ast.JoinedStr: "f-strings",
    ast.FormattedValue: "f-strings",
    ast.NamedExpr: "assignment (':=')",
    ast.Starred: "unpacking ('*')",
    ast.Dict: "dict literals",
    ast.Set: "set literals",
    ast.IfExp: "conditional expressions ('if'/'else')",
    ast.Slice: "slices",
    ast.Await: "'await'",
    ast.Yield: "'yield'",
    ast.YieldFrom: "'yield'",
    ast.List: "lists outside 'in [...]'",
    ast.Tuple: "tuples outside 'in (...)'",
}


# ---------------------------------------------------------------------- tree
@dataclass(frozen=True)
class _Node:
    start: int  # character offset in the original text
    end: int


@dataclass(frozen=True)
class _Col(_Node):
    name: str


@dataclass(frozen=True)
class _Lit(_Node):
    value: bool | int | float | str | None


@dataclass(frozen=True)
class _Unary(_Node):
    op: str  # "-", "+", "not"
    operand: _Node


@dataclass(frozen=True)
class _Arith(_Node):
    op: str  # + - * / % **
    left: _Node
    right: _Node


@dataclass(frozen=True)
class _Logic(_Node):
    op: str  # "and", "or"
    operands: tuple[_Node, ...]
    written: str = ""  # the operator as written, when not the keyword ('&', '|', '<')


@dataclass(frozen=True)
class _Compare(_Node):
    op: str  # == != < <= > >=
    left: _Node
    right: _Node


@dataclass(frozen=True)
class _IsNone(_Node):
    operand: _Node
    negate: bool


@dataclass(frozen=True)
class _In(_Node):
    operand: _Node
    items: tuple[_Lit, ...]
    negate: bool


@dataclass(frozen=True)
class Expression:
    """A parsed, validated ``where`` expression (immutable, hashable, reusable).

    Build one with :func:`parse`; evaluate it on any actors frame with
    :func:`evaluate`. Two expressions are equal when their text is.

    Attributes
    ----------
    text : str
        The expression as written.
    columns : tuple of str
        Column names it references, in order of first appearance.

    Examples
    --------
    >>> from infnet.expressions import parse
    >>> e = parse("segment in ['fintech', 'retail'] and audience > 1e3")
    >>> e.columns
    ('segment', 'audience')
    >>> str(e)
    "segment in ['fintech', 'retail'] and audience > 1e3"
    >>> e == parse("segment in ['fintech', 'retail'] and audience > 1e3")
    True
    """

    text: str
    columns: tuple[str, ...] = field(compare=False)
    _root: _Node = field(compare=False, repr=False)

    def __str__(self) -> str:
        return self.text


# ---------------------------------------------------------------------- errors
class _Context:
    """What messages need: the text, who called, and (when known) the columns."""

    def __init__(self, text: str, caller: str, columns: Sequence[str] | None) -> None:
        self.text = text
        self.caller = caller
        self.columns = columns

    def shown(self) -> str:
        t = self.text
        return repr(t if len(t) <= _SHOWN else t[:_SHOWN] + "...")

    def token(self, start: int, end: int) -> str:
        tok = self.text[start:max(end, start + 1)]
        if len(tok) > _SHOWN:
            tok = tok[:_SHOWN] + "..."
        return repr(tok)

    def fail(
        self,
        problem: str,
        start: int | None = None,
        end: int | None = None,
        *,
        error: type[InvalidParameterError] = InvalidParameterError,
        hint: str = "",
    ) -> NoReturn:
        where = ""
        if start is not None and start >= len(self.text):
            where = f", at character {len(self.text)} (the end of the expression)"
        elif start is not None:
            where = f", at character {start} ({self.token(start, end if end else start + 1)})"
        cols = ""
        if self.columns is not None:
            listed = list(self.columns)
            more = f" (+{len(listed) - 20} more)" if len(listed) > 20 else ""
            cols = f" Columns: {listed[:20]!r}{more}."
        msg = (
            f"{self.caller}: the expression {self.shown()} is refused: {problem}{where}."
            f"{hint}{cols} See infnet.expressions for the grammar."
        )
        raise error(msg)


# ---------------------------------------------------------------------- parsing
def _scan(text: str, ctx: _Context) -> tuple[str, list[int], dict[str, str]]:
    """Pre-scan the raw text: refuse what the Python parser would accept silently.

    Returns the text to hand to :func:`ast.parse` (backtick names replaced by
    placeholder identifiers, whitespace made single-line), the map from its character
    positions to positions in `text`, and the placeholder -> column name map.
    """
    prefix = "_infnet_q"
    while prefix in text:
        prefix += "_"
    out: list[str] = []
    origin: list[int] = []
    quoted: dict[str, str] = {}
    depth = 0
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in "'\"":
            quote = ch * 3 if text.startswith(ch * 3, i) else ch
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                if text[j] == "\\":
                    j += 1
                elif text[j] in "\r\n" and len(quote) == 1:
                    break
                j += 1
            if j >= n or not text.startswith(quote, j):
                ctx.fail("a string literal is not closed", i, n)
            j += len(quote)
            for k in range(i, j):
                _check_char(text, k, ctx, in_string=True)
            _check_escapes(text, i, j, len(quote), ctx)
            out.append(text[i:j])
            origin.extend(range(i, j))
            i = j
            continue
        _check_char(text, i, ctx, in_string=False)
        if ch == "`":
            j = text.find("`", i + 1)
            if j < 0:
                ctx.fail("a backtick-quoted column name is not closed", i, n)
            name = text[i + 1 : j]
            if not name:
                ctx.fail("an empty backtick-quoted column name", i, j + 1)
            placeholder = f"{prefix}{len(quoted)}"
            quoted[placeholder] = name
            out.append(placeholder)
            origin.extend([i] * len(placeholder))
            i = j + 1
            continue
        if ch == "#":
            ctx.fail("comments ('#') are not part of the expression language", i, n)
        if ch == "@":
            ctx.fail(
                "references to Python variables ('@name') are not supported; "
                "write the value as a literal",
                i, i + 1,
            )
        if ch in "([{":
            depth += 1
            if depth > MAX_DEPTH:
                ctx.fail(
                    f"brackets are nested more than MAX_DEPTH={MAX_DEPTH} deep",
                    i, i + 1, error=ResourceLimitError,
                )
        elif ch in ")]}":
            depth -= 1
            if depth < 0:
                ctx.fail(f"the closing {ch!r} has no opening bracket", i, i + 1)
        out.append(" " if ch in "\t\n\r\f\v" else ch)
        origin.append(i)
        i += 1
    origin.append(n)
    return "".join(out), origin, quoted


_ESCAPES = frozenset("\\'\"abfnrtv01234567xNuU")


def _check_escapes(text: str, start: int, end: int, quote_len: int, ctx: _Context) -> None:
    """Refuse backslash escapes Python would keep verbatim (with only a warning)."""
    p = start
    while p > 0 and text[p - 1].isalpha():
        p -= 1
    if "r" in text[p:start].lower():
        return
    k = start + quote_len
    while k < end - quote_len:
        if text[k] == "\\":
            if text[k + 1] not in _ESCAPES:
                ctx.fail(
                    f"the escape sequence {text[k:k + 2]!r} is not valid in a string literal; "
                    "write a double backslash for a literal backslash",
                    k, k + 2,
                )
            k += 1
        k += 1


def _check_char(text: str, k: int, ctx: _Context, *, in_string: bool) -> None:
    ch = text[k]
    if ch in "\t\n\r\f\v" and not in_string:
        return
    if ch.isascii() and ch.isprintable():
        return
    category = unicodedata.category(ch)
    if category in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
        ctx.fail(f"the invisible or control character U+{ord(ch):04X} is not allowed", k, k + 1)
    if not in_string and unicodedata.normalize("NFKC", ch) != ch:
        ctx.fail(
            f"the character {ch!r} (U+{ord(ch):04X}) would be read as "
            f"{unicodedata.normalize('NFKC', ch)!r}; write names in plain characters "
            "or quote them in backticks",
            k, k + 1,
        )


class _Converter:
    """Turn a Python AST into the expression tree, refusing all but the allow-list."""

    def __init__(self, source: str, origin: list[int], quoted: dict[str, str], ctx: _Context):
        self.source_bytes = source.encode("utf-8")
        self.origin = origin
        self.quoted = quoted
        self.ctx = ctx
        self.columns: list[str] = []

    def span(self, node: ast.AST) -> tuple[int, int]:
        b0 = getattr(node, "col_offset", 0)
        b1 = getattr(node, "end_col_offset", None) or b0 + 1
        c0 = len(self.source_bytes[:b0].decode("utf-8", "replace"))
        c1 = len(self.source_bytes[:b1].decode("utf-8", "replace"))
        last = len(self.origin) - 1
        start = self.origin[min(c0, last)]
        end = self.origin[min(c1, last)]
        return start, max(end, start + 1)

    def refuse(self, node: ast.AST, problem: str) -> NoReturn:
        self.ctx.fail(problem, *self.span(node))

    def refuse_first(self, tree: ast.AST) -> None:
        """Refuse the leftmost construct outside the grammar (by its operator's position)."""
        found: list[tuple[int, int, str]] = []
        for node in ast.walk(tree):
            reason = None
            if type(node) in _REFUSED_NODES and not isinstance(node, (ast.List, ast.Tuple)):
                reason = _REFUSED_NODES[type(node)]
            elif isinstance(node, ast.BinOp) and type(node.op) in _REFUSED_OPS:
                reason = _REFUSED_OPS[type(node.op)]
            if reason is None:
                continue
            start, end = self.span(node)
            lead = getattr(node, "value", None) or getattr(node, "func", None)
            if isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)) and lead is not None:
                start = self.span(lead)[1]
            elif isinstance(node, ast.BinOp):
                start = self.span(node.left)[1]
            found.append((start, end, reason))
        if found:
            start, end, reason = min(found)
            self.ctx.fail(f"it uses {reason}, {_NOT_ALLOWED}", start, end)

    def convert(self, node: ast.AST) -> _Node:  # noqa: RET503 - ends in a NoReturn fail
        s, e = self.span(node)
        if isinstance(node, ast.Name):
            raw = self.source_bytes[node.col_offset : node.end_col_offset].decode("utf-8")
            if raw != node.id:
                self.refuse(node, f"the name {raw!r} would be read as {node.id!r}")
            name = self.quoted.get(node.id, node.id)
            if name not in self.columns:
                self.columns.append(name)
            return _Col(s, e, name)
        if isinstance(node, ast.Constant):
            return self.literal(node)
        if isinstance(node, ast.BoolOp):
            op = "and" if isinstance(node.op, ast.And) else "or"
            return _Logic(s, e, op, tuple(self.convert(v) for v in node.values))
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, (ast.Not, ast.Invert)):
                return _Unary(s, e, "not", self.convert(node.operand))
            if isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
                lit = self.literal(node.operand)
                if isinstance(lit.value, (int, float)) and not isinstance(lit.value, bool):
                    return _Lit(s, e, -lit.value)
            return _Unary(s, e, "-" if isinstance(node.op, ast.USub) else "+",
                          self.convert(node.operand))
        if isinstance(node, ast.BinOp):
            if isinstance(node.op, (ast.BitAnd, ast.BitOr)):
                op = "and" if isinstance(node.op, ast.BitAnd) else "or"
                return _Logic(s, e, op, (self.convert(node.left), self.convert(node.right)),
                              "&" if op == "and" else "|")
            if type(node.op) in _REFUSED_OPS:
                self.refuse(node, f"it uses {_REFUSED_OPS[type(node.op)]}, {_NOT_ALLOWED}")
            op = _ARITH_OPS[type(node.op)]
            if op == "**":
                self.check_exponent(node.right)
            return _Arith(s, e, op, self.convert(node.left), self.convert(node.right))
        if isinstance(node, ast.Compare):
            return self.compare(node)
        reason = _REFUSED_NODES.get(type(node), f"{type(node).__name__} syntax")
        self.refuse(node, f"it uses {reason}, {_NOT_ALLOWED}")

    def literal(self, node: ast.Constant) -> _Lit:  # noqa: RET503 - ends in a NoReturn fail
        s, e = self.span(node)
        v = node.value
        if v is None or isinstance(v, (bool, str)):
            return _Lit(s, e, v)
        if isinstance(v, (int, float)):
            if not abs(v) <= MAX_LITERAL:  # also catches inf from 1e999
                self.ctx.fail(
                    f"number literals are limited to magnitude MAX_LITERAL={MAX_LITERAL:g}",
                    s, e, error=ResourceLimitError,
                )
            if isinstance(v, int) and abs(v) > _INT64_MAX:
                v = float(v)
            return _Lit(s, e, v)
        kind = "bytes" if isinstance(v, bytes) else type(v).__name__
        self.refuse(node, f"it uses {kind} literals, {_NOT_ALLOWED}")

    def check_exponent(self, node: ast.AST) -> None:
        value: object = None
        if isinstance(node, ast.Constant):
            value = node.value
        elif (isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd))
              and isinstance(node.operand, ast.Constant)):
            value = node.operand.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.refuse(node, "the exponent of '**' must be a number literal")
        if not abs(value) <= MAX_EXPONENT:
            self.ctx.fail(
                f"the exponent of '**' is limited to magnitude MAX_EXPONENT={MAX_EXPONENT}",
                *self.span(node), error=ResourceLimitError,
            )

    def compare(self, node: ast.Compare) -> _Node:
        s, e = self.span(node)
        parts: list[_Node] = []
        left_ast = node.left
        for op, right_ast in zip(node.ops, node.comparators, strict=True):
            parts.append(self.compare_one(op, left_ast, right_ast))
            left_ast = right_ast
        return parts[0] if len(parts) == 1 else _Logic(s, e, "and", tuple(parts))

    def compare_one(self, op: ast.cmpop, left_ast: ast.expr, right_ast: ast.expr) -> _Node:
        s, _ = self.span(left_ast)
        _, e = self.span(right_ast)
        if isinstance(op, (ast.In, ast.NotIn)):
            if not isinstance(right_ast, (ast.List, ast.Tuple)):
                self.refuse(right_ast, "'in' needs a list of literals on its right, e.g. "
                            "segment in ['fintech', 'retail']")
            if len(right_ast.elts) > MAX_LIST_LENGTH:
                self.ctx.fail(
                    f"'in' lists are limited to MAX_LIST_LENGTH={MAX_LIST_LENGTH} items "
                    f"(got {len(right_ast.elts)}); select long id lists with Target(actors=...)",
                    *self.span(right_ast), error=ResourceLimitError,
                )
            items: list[_Lit] = []
            for elt in right_ast.elts:
                item = self.convert(elt)
                if not isinstance(item, _Lit):
                    self.refuse(elt, "'in' lists may hold only literals")
                items.append(item)
            return _In(s, e, self.convert(left_ast), tuple(items), isinstance(op, ast.NotIn))
        if isinstance(op, (ast.Is, ast.IsNot)):
            left, right = self.convert(left_ast), self.convert(right_ast)
            if _is_none(right):
                return _IsNone(s, e, left, isinstance(op, ast.IsNot))
            if _is_none(left):
                return _IsNone(s, e, right, isinstance(op, ast.IsNot))
            self.refuse(right_ast, "'is' / 'is not' may only test None")
        sym = _COMPARE_OPS[type(op)]
        left, right = self.convert(left_ast), self.convert(right_ast)
        if _is_none(left) or _is_none(right):
            if sym not in ("==", "!="):
                self.ctx.fail(f"None can only be compared with == or != (got {sym!r})", s, e)
            operand = right if _is_none(left) else left
            return _IsNone(s, e, operand, sym == "!=")
        return _Compare(s, e, sym, left, right)


def _is_none(node: _Node) -> bool:
    return isinstance(node, _Lit) and node.value is None


def _parse(text: object, caller: str, columns: Sequence[str] | None) -> Expression:
    if isinstance(text, Expression):
        return text
    if not isinstance(text, str):
        msg = f"{caller}: a where expression must be a str; got {type(text).__name__}."
        raise InfnetTypeError(msg)
    ctx = _Context(text, caller, columns)
    if len(text) > MAX_LENGTH:
        msg = (
            f"{caller}: the expression of {len(text)} characters is refused: expressions are "
            f"limited to MAX_LENGTH={MAX_LENGTH} characters. Select long lists of actors "
            "with Target(actors=...) or organisations=... instead."
        )
        raise ResourceLimitError(msg)
    if not text.strip():
        ctx.fail("it is empty")
    source, origin, quoted = _scan(text, ctx)
    lead = len(source) - len(source.lstrip(" "))
    source, origin = source[lead:], origin[lead:]  # the parser refuses a leading indent
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as exc:
        pos = (exc.offset or 0) - 1  # 1-based; 0 means the end of the input
        start = origin[pos] if 0 <= pos < len(origin) else len(text)
        ctx.fail(f"it is not a valid expression ({exc.msg})", start, start + 1)
    except (ValueError, RecursionError, MemoryError) as exc:  # pragma: no cover - scan guards
        ctx.fail(f"it is not a valid expression ({type(exc).__name__})",
                 error=ResourceLimitError)
    _check_size(tree, ctx, source, origin)
    conv = _Converter(source, origin, quoted, ctx)
    conv.refuse_first(tree.body)
    root = conv.convert(tree.body)
    return Expression(text, tuple(conv.columns), root)


def _check_size(tree: ast.AST, ctx: _Context, source: str, origin: list[int]) -> None:
    count = 0
    stack: list[tuple[ast.AST, int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (ast.expr_context, ast.operator, ast.boolop, ast.unaryop, ast.cmpop)):
            continue
        count += 1
        if isinstance(node, (ast.List, ast.Tuple)) and len(node.elts) > MAX_LIST_LENGTH:
            start = origin[min(len(source.encode()[: node.col_offset].decode("utf-8", "replace")),
                               len(origin) - 1)]
            ctx.fail(
                f"'in' lists are limited to MAX_LIST_LENGTH={MAX_LIST_LENGTH} items "
                f"(got {len(node.elts)}); select long id lists with Target(actors=...)",
                start, start + 1, error=ResourceLimitError,
            )
        if count > MAX_NODES:
            ctx.fail(f"it has more than MAX_NODES={MAX_NODES} syntax nodes",
                     error=ResourceLimitError)
        if depth > MAX_DEPTH:
            offset = getattr(node, "col_offset", 0)
            start = origin[min(len(source.encode()[:offset].decode("utf-8", "replace")),
                               len(origin) - 1)]
            ctx.fail(f"it nests more than MAX_DEPTH={MAX_DEPTH} operations deep",
                     start, start + 1, error=ResourceLimitError)
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))


def parse(text: str, *, caller: str = "infnet.expressions.parse") -> Expression:
    """Parse and validate a ``where`` expression without touching any data.

    Parameters
    ----------
    text : str
        The expression, in the grammar of :mod:`infnet.expressions`. An
        :class:`Expression` is returned unchanged.
    caller : str, default="infnet.expressions.parse"
        The public function the user called, named in error messages.

    Returns
    -------
    Expression
        Immutable and hashable; reuse it on many frames with :func:`evaluate`.

    Raises
    ------
    InfnetTypeError
        When `text` is not a str.
    ResourceLimitError
        When a limit (:data:`MAX_LENGTH`, :data:`MAX_DEPTH`, :data:`MAX_NODES`,
        :data:`MAX_LIST_LENGTH`, :data:`MAX_LITERAL`, :data:`MAX_EXPONENT`) is exceeded.
    InvalidParameterError
        When the text is empty, not valid syntax, or uses anything outside the grammar;
        the message names the token and its character offset.

    See Also
    --------
    evaluate : Evaluate an expression over an actors frame.

    Notes
    -----
    O(len(text)). Column names are checked by :func:`evaluate`, which knows the frame.

    Examples
    --------
    >>> from infnet.expressions import parse
    >>> parse("`fake share` < 0.2 or kind == 'internal'").columns
    ('fake share', 'kind')
    >>> parse("__import__('os').system('id')")
    Traceback (most recent call last):
    ...
    infnet.exceptions.InvalidParameterError: infnet.expressions.parse: the expression "__import__('os').system('id')" is refused: it uses function calls, which the expression language does not allow, at character 10 ("('os')"). ...
    """
    return _parse(text, caller, None)


# ---------------------------------------------------------------------- evaluation
@dataclass
class _Value:
    kind: _Kind
    values: np.ndarray  # shape (n,) or () ; filler where missing
    missing: np.ndarray  # bool, shape (n,) or ()


_KIND_NAMES = {"number": "a number", "string": "a string", "bool": "a bool",
               "none": "None", "any": "all missing"}


def _column_value(frame: pd.DataFrame, name: str, node: _Col, ctx: _Context) -> _Value:  # noqa: RET503 - ends in a NoReturn fail
    series = frame[name]
    if isinstance(series, pd.DataFrame):
        ctx.fail(f"the column {name!r} appears more than once in the actors", node.start, node.end)
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        series = series.astype(object)
        dtype = series.dtype
    missing = series.isna().to_numpy(dtype=bool)
    if pd.api.types.is_bool_dtype(dtype):
        return _Value("bool", series.to_numpy(dtype=bool, na_value=False), missing)
    if pd.api.types.is_integer_dtype(dtype):
        if pd.api.types.is_unsigned_integer_dtype(dtype) and series.max() > _INT64_MAX:
            return _Value("number", series.to_numpy(dtype=np.float64, na_value=np.nan), missing)
        return _Value("number", series.to_numpy(dtype=np.int64, na_value=0), missing)
    if pd.api.types.is_float_dtype(dtype):
        values = series.to_numpy(dtype=np.float64, na_value=np.nan)
        return _Value("number", values, missing | np.isnan(values))
    if isinstance(dtype, pd.StringDtype):
        return _Value("string", series.to_numpy(dtype=object, na_value=""), missing)
    if dtype == object:
        inferred = pd.api.types.infer_dtype(series, skipna=True)
        filled = series.where(~missing)
        if inferred == "string":
            return _Value("string", filled.fillna("").to_numpy(dtype=object), missing)
        if inferred == "boolean":
            return _Value("bool", filled.fillna(False).to_numpy(dtype=bool), missing)
        if inferred in ("integer", "floating", "mixed-integer-float", "decimal"):
            values = filled.astype(np.float64).to_numpy(dtype=np.float64)
            return _Value("number", values, missing | np.isnan(values))
        if inferred == "empty":
            return _Value("any", np.zeros(len(series), dtype=bool), np.ones(len(series), bool))
        ctx.fail(
            f"the column {name!r} holds values of mixed or unsupported types ({inferred}); "
            "expressions compare numbers, strings or bools",
            node.start, node.end,
        )
    ctx.fail(
        f"the column {name!r} has dtype {dtype}, which expressions do not support "
        "(numbers, strings and bools only); derive a numeric column first",
        node.start, node.end,
    )


def _literal_value(node: _Lit) -> _Value:
    v = node.value
    if v is None:
        return _Value("none", np.array(False), np.array(True))
    if isinstance(v, bool):
        return _Value("bool", np.array(v), np.array(False))
    if isinstance(v, str):
        return _Value("string", np.array(v, dtype=object), np.array(False))
    return _Value("number", np.array(v), np.array(False))


class _Evaluator:
    def __init__(self, frame: pd.DataFrame, expr: Expression, ctx: _Context) -> None:
        self.ctx = ctx
        self.n = len(frame)
        self.cols: dict[str, _Value] = {}

    def text(self, node: _Node) -> str:
        return self.ctx.token(node.start, node.end)

    def kind_error(self, problem: str, node: _Node) -> NoReturn:
        self.ctx.fail(problem, node.start, node.end)

    def describe(self, node: _Node, kind: str) -> str:
        if isinstance(node, _Col):
            return f"column {node.name!r} is {_KIND_NAMES[kind]}"
        return f"{self.text(node)} is {_KIND_NAMES[kind]}"

    # Kind inference: every type error is found before any array is computed.
    def kind(self, node: _Node) -> _Kind:
        if isinstance(node, _Col):
            return self.cols[node.name].kind
        if isinstance(node, _Lit):
            return _literal_value(node).kind
        if isinstance(node, _Unary):
            k = self.kind(node.operand)
            if node.op == "not":
                if k not in ("bool", "any"):
                    self.kind_error(f"'not' needs a condition, but {self.describe(node.operand, k)}",
                                    node)
                return "bool"
            if k not in ("number", "any"):
                self.kind_error(f"unary {node.op!r} needs a number, but "
                                f"{self.describe(node.operand, k)}", node)
            return "number"
        if isinstance(node, _Arith):
            for side in (node.left, node.right):
                k = self.kind(side)
                if k not in ("number", "any"):
                    self.kind_error(f"{node.op!r} needs numbers on both sides, but "
                                    f"{self.describe(side, k)}", node)
            return "number"
        if isinstance(node, _Logic):
            for operand in node.operands:
                k = self.kind(operand)
                if k not in ("bool", "any"):
                    self.kind_error(f"{(node.written or node.op)!r} joins conditions, but "
                                    f"{self.describe(operand, k)}, not a condition "
                                    "(parenthesise comparisons around '&' / '|')", node)
            return "bool"
        if isinstance(node, _IsNone):
            self.kind(node.operand)
            return "bool"
        if isinstance(node, _In):
            k = self.kind(node.operand)
            kinds = {_literal_value(item).kind for item in node.items} - {"none"}
            if len(kinds) > 1:
                self.kind_error(f"the 'in' list mixes {' and '.join(sorted(kinds))} literals",
                                node)
            if kinds and k != "any" and kinds != {k}:
                self.kind_error(f"{self.describe(node.operand, k)} but the 'in' list holds "
                                f"{next(iter(kinds))} literals", node)
            return "bool"
        if isinstance(node, _Compare):
            kl, kr = self.kind(node.left), self.kind(node.right)
            if "any" not in (kl, kr) and kl != kr:
                self.kind_error(f"{node.op!r} compares values of different types: "
                                f"{self.describe(node.left, kl)} and "
                                f"{self.describe(node.right, kr)}", node)
            if node.op not in ("==", "!=") and "bool" in (kl, kr):
                self.kind_error(f"{node.op!r} does not order bools; use == or !=", node)
            return "bool"
        raise AssertionError(node)  # pragma: no cover

    # Vectorised evaluation.
    def value(self, node: _Node) -> _Value:
        if isinstance(node, _Col):
            return self.cols[node.name]
        if isinstance(node, _Lit):
            return _literal_value(node)
        if isinstance(node, _Unary):
            a = self.value(node.operand)
            if node.op == "not":
                return _Value("bool", np.logical_not(a.values.astype(bool)), a.missing)
            vals = a.values.astype(np.float64)
            return _Value("number", -vals if node.op == "-" else vals, a.missing)
        if isinstance(node, _Arith):
            a, b = self.value(node.left), self.value(node.right)
            x, y = a.values.astype(np.float64), b.values.astype(np.float64)
            if node.op == "+":
                r = x + y
            elif node.op == "-":
                r = x - y
            elif node.op == "*":
                r = x * y
            elif node.op == "/":
                r = x / y
            elif node.op == "%":
                r = np.mod(x, y)
            else:
                r = np.power(x, y)
            r = np.asarray(r, dtype=np.float64)
            return _Value("number", r, a.missing | b.missing | np.isnan(r))
        if isinstance(node, _Logic):
            known_true: np.ndarray | None = None
            known_false: np.ndarray | None = None
            for operand in node.operands:
                v = self.value(operand)
                vals = np.asarray(v.values, dtype=bool)
                present = ~np.asarray(v.missing, dtype=bool)
                t, f = vals & present, np.logical_not(vals) & present
                if known_true is None or known_false is None:
                    known_true, known_false = t, f
                elif node.op == "and":
                    known_true, known_false = known_true & t, known_false | f
                else:
                    known_true, known_false = known_true | t, known_false & f
            assert known_true is not None
            assert known_false is not None
            return _Value("bool", known_true, ~(known_true | known_false))
        if isinstance(node, _IsNone):
            a = self.value(node.operand)
            isna = np.asarray(a.missing, dtype=bool)
            return _Value("bool", ~isna if node.negate else isna, np.zeros_like(isna))
        if isinstance(node, _In):
            a = self.value(node.operand)
            items = [item.value for item in node.items if item.value is not None]
            has_none = len(items) < len(node.items)
            hit: np.ndarray
            if a.kind == "any" or not items:
                hit = np.zeros(a.values.shape, dtype=bool)
            elif a.values.ndim == 0:
                hit = np.array(a.values.item() in items)
            else:
                hit = pd.Series(a.values, copy=False).isin(items).to_numpy(dtype=bool)
            missing = np.asarray(a.missing, dtype=bool)
            if has_none:
                hit, missing = hit | missing, np.zeros_like(missing)
            return _Value("bool", ~hit if node.negate else hit, missing)
        if isinstance(node, _Compare):
            a, b = self.value(node.left), self.value(node.right)
            missing = a.missing | b.missing
            if "any" in (a.kind, b.kind):
                shape = np.broadcast_shapes(a.values.shape, b.values.shape)
                return _Value("bool", np.zeros(shape, bool), np.ones(shape, bool))
            r = _OPS[node.op](a.values, b.values)
            return _Value("bool", np.asarray(r, dtype=bool), missing)
        raise AssertionError(node)  # pragma: no cover


_OPS: dict[str, Any] = {
    "==": np.equal, "!=": np.not_equal, "<": np.less, "<=": np.less_equal,
    ">": np.greater, ">=": np.greater_equal,
}


def evaluate(
    expression: str | Expression,
    actors: pd.DataFrame,
    *,
    caller: str = "infnet.expressions.evaluate",
) -> BoolArray:
    """Evaluate a ``where`` expression over the rows of an actors frame.

    Parameters
    ----------
    expression : str or Expression
        Text in the grammar of :mod:`infnet.expressions`, or a parsed
        :class:`Expression`. Text is parsed (and refused, if need be) before any
        column is read.
    actors : pandas.DataFrame
        One row per actor; the expression's names are its columns. Neither the
        frame nor its index is modified or used otherwise.
    caller : str, default="infnet.expressions.evaluate"
        The public function the user called, named in error messages.

    Returns
    -------
    ndarray of bool of shape (n_actors,)
        Which rows satisfy the expression; rows whose result is unknown because of
        missing values are False.

    Raises
    ------
    InfnetTypeError
        When `expression` is not a str or Expression, or `actors` not a DataFrame.
    ResourceLimitError
        When the expression exceeds one of the module's limits.
    InvalidParameterError
        For anything outside the grammar; for a name that is not a column (the
        columns are listed, with the closest name); for a type mismatch (naming the
        column and the two types); and when the result is not a condition.

    See Also
    --------
    parse : Parse once, evaluate many times.

    Notes
    -----
    O(n_actors x n_nodes) time and O(n_actors) memory per live intermediate, all in
    vectorised NumPy. The result depends on each row alone, so it is equivariant
    under any reordering of the rows. Arithmetic runs in float64 with floating-point
    warnings silenced: overflow gives ``inf``; NaN results count as missing.

    Examples
    --------
    >>> from infnet.synthetic import toy_network
    >>> from infnet.expressions import evaluate
    >>> actors = toy_network().actors
    >>> evaluate("segment == 'fintech' and audience < 5000", actors).sum()
    np.int64(2)
    >>> evaluate("audience + 1", actors)
    Traceback (most recent call last):
    ...
    infnet.exceptions.InvalidParameterError: infnet.expressions.evaluate: the expression 'audience + 1' is refused: it must be a condition (true or false per actor), but it gives numbers, at character 0 ('audience + 1'). ...
    """
    if not isinstance(actors, pd.DataFrame):
        msg = f"{caller}: actors must be a pandas DataFrame; got {type(actors).__name__}."
        raise InfnetTypeError(msg)
    names = [str(c) for c in actors.columns]
    expr = _parse(expression, caller, names)
    ctx = _Context(expr.text, caller, names)
    by_name = {str(c): c for c in actors.columns}
    ev = _Evaluator(actors, expr, ctx)
    for node in _column_nodes(expr._root):
        if node.name in ev.cols:
            continue
        if node.name not in by_name:
            ctx.fail(f"{node.name!r} is not an actor column", node.start, node.end,
                     hint=closest(node.name, names))
        ev.cols[node.name] = _column_value(actors, by_name[node.name], node, ctx)
    kind = ev.kind(expr._root)
    if kind not in ("bool", "any"):
        ctx.fail(
            f"it must be a condition (true or false per actor), but it gives "
            f"{'numbers' if kind == 'number' else kind + 's' if kind != 'none' else 'None'}",
            expr._root.start, expr._root.end,
        )
    with np.errstate(all="ignore"):
        result = ev.value(expr._root)
    out = np.asarray(result.values, dtype=bool) & ~np.asarray(result.missing, dtype=bool)
    return np.array(np.broadcast_to(out, (len(actors),)), dtype=bool)


def _column_nodes(root: _Node) -> list[_Col]:
    found: list[_Col] = []
    stack: list[_Node] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, _Col):
            found.append(node)
        elif isinstance(node, _Unary):
            stack.append(node.operand)
        elif isinstance(node, (_Arith, _Compare)):
            stack.extend((node.right, node.left))
        elif isinstance(node, _Logic):
            stack.extend(reversed(node.operands))
        elif isinstance(node, (_IsNone, _In)):
            stack.append(node.operand)
    return found
