"""Skip logic: the subset of XLSForm ``relevant`` expressions questionnaires may use.

Grammar: ``or``/``and``/``not(...)``, parentheses, comparisons ``= != < <= > >=`` between
``${question}``, quoted strings and numbers, and ``selected(${question}, 'value')``. Anything
else is rejected when the questionnaire is imported, not when someone answers it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

_TOKEN = re.compile(
    r"\s*(?:(?P<ref>\$\{[A-Za-z_][A-Za-z0-9_.-]*\})|(?P<num>-?\d+(?:\.\d+)?)"
    r"|(?P<str>'[^']*'|\"[^\"]*\")|(?P<op><=|>=|!=|=|<|>|\(|\)|,)"
    r"|(?P<word>[A-Za-z_-]+))"
)

Answers = Mapping[str, Any]
Predicate = Callable[[Answers], bool]


class InvalidExpression(ValueError):
    pass


def _tokens(text: str) -> list[tuple[str, str]]:
    pos, out = 0, []
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise InvalidExpression(f"cannot read {text[pos:]!r}")
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind)))
        pos = m.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return out


def compile_relevant(text: str) -> tuple[Predicate, frozenset[str]]:
    """The predicate and the question names it refers to."""
    tokens = _tokens(text)
    refs: set[str] = set()
    i = 0

    def peek() -> tuple[str, str] | None:
        return tokens[i] if i < len(tokens) else None

    def take(value: str | None = None) -> tuple[str, str]:
        nonlocal i
        tok = peek()
        if tok is None or (value is not None and tok[1] != value):
            raise InvalidExpression(f"expected {value or 'more'} in {text!r}")
        i += 1
        return tok

    def operand() -> Callable[[Answers], Any]:
        kind, value = take()
        if kind == "ref":
            name = value[2:-1]
            refs.add(name)
            return lambda a: a.get(name)
        if kind == "num":
            number = float(value)
            return lambda a: number
        if kind == "str":
            s = value[1:-1]
            return lambda a: s
        raise InvalidExpression(f"unexpected {value!r} in {text!r}")

    def primary() -> Predicate:
        tok = peek()
        if tok == ("op", "("):
            take("(")
            inner = disjunction()
            take(")")
            return inner
        if tok and tok[0] == "word" and tok[1] == "not":
            take()
            take("(")
            inner = disjunction()
            take(")")
            return lambda a: not inner(a)
        if tok and tok[0] == "word" and tok[1] == "selected":
            take()
            take("(")
            left = operand()
            take(",")
            right = operand()
            take(")")
            return lambda a: _selected(left(a), right(a))
        left = operand()
        tok = peek()
        if tok is None or tok[0] != "op" or tok[1] not in ("=", "!=", "<", "<=", ">", ">="):
            raise InvalidExpression(f"expected a comparison in {text!r}")
        op = take()[1]
        right = operand()
        return lambda a: _compare(left(a), op, right(a))

    def conjunction() -> Predicate:
        parts = [primary()]
        while peek() == ("word", "and"):
            take()
            parts.append(primary())
        return lambda a: all(p(a) for p in parts)

    def disjunction() -> Predicate:
        parts = [conjunction()]
        while peek() == ("word", "or"):
            take()
            parts.append(conjunction())
        return lambda a: any(p(a) for p in parts)

    if not tokens:
        return (lambda a: True), frozenset()
    predicate = disjunction()
    if i != len(tokens):
        raise InvalidExpression(f"unexpected {tokens[i][1]!r} in {text!r}")
    return predicate, frozenset(refs)


def _selected(value: Any, choice: Any) -> bool:
    if isinstance(value, (list, tuple, set)):
        return str(choice) in {str(v) for v in value}
    if isinstance(value, str):
        return str(choice) in value.split()
    return False


def _compare(left: Any, op: str, right: Any) -> bool:
    if left is None or right is None:
        # an unanswered question is "" in XLSForm
        left = "" if left is None else left
        right = "" if right is None else right
    if isinstance(left, (list, tuple)):
        left = " ".join(map(str, left))
    try:
        lf, rf = float(left), float(right)
        a: Any = lf
        b: Any = rf
    except (TypeError, ValueError):
        a, b = str(left), str(right)
    match op:
        case "=":
            return bool(a == b)
        case "!=":
            return bool(a != b)
        case "<":
            return bool(a < b)
        case "<=":
            return bool(a <= b)
        case ">":
            return bool(a > b)
        case _:
            return bool(a >= b)
