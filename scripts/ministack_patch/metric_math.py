"""Metric math over an alarm's evaluation range, as CloudWatch documents it.

The same rules as eventsctl's replay (src/checks/backtest/math/), for the expressions its alarms
use and the common ones: `FILL(m, 0)`, `MAX([...])`, `MIN`, `SUM`, `AVG`, `IF(cond, a[, b])`,
`ABS`, `CEIL`, `FLOOR`, `LOG`, `LOG10`, the arithmetic (`+ - * / ^`), comparison
(`== != < <= > >=`, 1 or 0) and logical (`AND`/`&&`, `OR`/`||`) operators.
Source: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html

- Between two time series, where only one has a datapoint the other counts as 0; where neither
  has one there is none. Between a time series and a scalar, a missing datapoint stays missing.
  A division by zero drops the datapoint.
- `FILL(ts | ts[], scalar | ts)`: every missing datapoint of the range gets the value.
- `MAX`, `MIN`, `SUM`, `AVG` of an array: per timestamp, missing members count as 0 (none
  present: no datapoint). Of one time series: a scalar over the datapoints of the range (what
  CloudWatch fetched for this evaluation).
- `IF(cond, a[, b])`: per datapoint of `cond`; true (non-zero) takes `a` (0 where `a` has no
  datapoint), false takes `b` (dropped where `b` has none or is omitted); no `cond` datapoint,
  no output. A scalar `cond` picks `a` or `b` whole.

Any other function raises `MathError`: never approximated.

A time series here is a list with one entry per period of the range (oldest first), None where
there is no datapoint.
"""

import math
import re


class MathError(ValueError):
    """The expression cannot be evaluated (syntax, unknown id, unsupported function)."""


_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)"
    r"|(?P<id>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<str>\"(?:[^\"\\]|\\.)*\")"
    r"|(?P<op>==|!=|<=|>=|&&|\|\||[-+*/^<>()\[\],]))"
)


def tokenize(text):
    tokens, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise MathError(f"unexpected {text[pos:pos + 10]!r} at {pos}")
        pos = m.end()
        kind = m.lastgroup
        value = m.group(kind)
        if kind == "id" and value.upper() in ("AND", "OR"):
            kind, value = "op", "&&" if value.upper() == "AND" else "||"
        tokens.append((kind, value))
    return tokens


# Binary operators, loosest first.
_LEVELS = [("||",), ("&&",), ("==", "!=", "<", "<=", ">", ">="), ("+", "-"), ("*", "/")]


class _Parser:
    def __init__(self, text):
        self.tokens = tokenize(text)
        self.i = 0

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else (None, None)

    def take(self, value=None):
        tok = self.peek()
        if tok[0] is None or (value is not None and tok[1] != value):
            raise MathError(f"expected {value or 'more'}, found {tok[1]!r}")
        self.i += 1
        return tok

    def parse(self):
        node = self.binary(0)
        if self.i != len(self.tokens):
            raise MathError(f"unexpected {self.peek()[1]!r}")
        return node

    def binary(self, level):
        if level == len(_LEVELS):
            return self.power()
        node = self.binary(level + 1)
        while self.peek()[0] == "op" and self.peek()[1] in _LEVELS[level]:
            op = self.take()[1]
            node = ("bin", op, node, self.binary(level + 1))
        return node

    def power(self):
        base = self.unary()
        if self.peek() == ("op", "^"):
            self.take()
            return ("bin", "^", base, self.power())
        return base

    def unary(self):
        if self.peek() == ("op", "-"):
            self.take()
            return ("neg", self.unary())
        if self.peek() == ("op", "+"):
            self.take()
            return self.unary()
        return self.atom()

    def atom(self):
        kind, value = self.take()
        if kind == "num":
            return ("num", float(value))
        if kind == "str":
            return ("str", value[1:-1])
        if kind == "op" and value == "(":
            node = self.binary(0)
            self.take(")")
            return node
        if kind == "op" and value == "[":
            items = [] if self.peek() == ("op", "]") else self.items("]")
            self.take("]")
            return ("array", items)
        if kind == "id":
            if self.peek() == ("op", "("):
                self.take()
                args = [] if self.peek() == ("op", ")") else self.items(")")
                self.take(")")
                return ("call", value.upper(), args)
            return ("ref", value)
        raise MathError(f"unexpected {value!r}")

    def items(self, _closer):
        out = [self.binary(0)]
        while self.peek() == ("op", ","):
            self.take()
            out.append(self.binary(0))
        return out


def parse(text):
    return _Parser(text).parse()


def refs(node):
    """The ids an expression reads."""
    kind = node[0]
    if kind == "ref":
        return {node[1]}
    if kind == "bin":
        return refs(node[2]) | refs(node[3])
    if kind == "neg":
        return refs(node[1])
    if kind in ("array", "call"):
        items = node[1] if kind == "array" else node[2]
        return set().union(*(refs(n) for n in items)) if items else set()
    return set()


# Values: ("s", float) scalar, ("t", [float|None]) time series, ("a", [[...], ...]) array.

def _apply(op, a, b):
    if a is None or b is None:
        return None
    try:
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        if op == "/":
            return None if b == 0 else a / b
        if op == "^":
            r = a ** b
            return None if isinstance(r, complex) else float(r)
    except (OverflowError, ZeroDivisionError):
        return None
    comparisons = {"==": a == b, "!=": a != b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b,
                   "&&": a != 0 and b != 0, "||": a != 0 or b != 0}
    return 1.0 if comparisons[op] else 0.0


def _binary(op, left, right):
    (lk, lv), (rk, rv) = left, right
    if lk == "s" and rk == "s":
        return ("s", _apply(op, lv, rv))
    if lk == "a" or rk == "a":
        if lk == "a" and rk == "a":
            raise MathError(f"{op} between two arrays")
        if lk == "a":
            return ("a", [_binary(op, ("t", t), right)[1] for t in lv])
        return ("a", [_binary(op, left, ("t", t))[1] for t in rv])
    if lk == "s":
        return ("t", [None if v is None else _apply(op, lv, v) for v in rv])
    if rk == "s":
        return ("t", [None if v is None else _apply(op, v, rv) for v in lv])
    out = []
    for a, b in zip(lv, rv):
        if a is None and b is None:
            out.append(None)
        else:
            out.append(_apply(op, 0.0 if a is None else a, 0.0 if b is None else b))
    return ("t", out)


def _per_point(fn, value):
    kind, v = value
    def f(x):
        if x is None:
            return None
        try:
            return fn(x)
        except (ValueError, OverflowError):
            return None
    if kind == "s":
        return ("s", f(v))
    if kind == "t":
        return ("t", [f(x) for x in v])
    if kind == "a":
        return ("a", [[f(x) for x in t] for t in v])
    raise MathError("a string is not a number")


_PER_POINT = {"ABS": abs, "CEIL": lambda x: float(math.ceil(x)), "FLOOR": lambda x: float(math.floor(x)),
              "LOG": math.log, "LOG10": math.log10}

_REDUCE = {"MAX": max, "MIN": min, "SUM": sum, "AVG": lambda xs: sum(xs) / len(xs)}


def _reduce(name, value):
    kind, v = value
    fn = _REDUCE[name]
    if kind == "s":
        return value
    if kind == "t":
        present = [x for x in v if x is not None]
        return ("s", fn(present) if present else None)
    if kind == "a":
        if not v:
            raise MathError(f"{name} of an empty array")
        out = []
        for column in zip(*v):
            if all(x is None for x in column):
                out.append(None)
            else:
                out.append(fn([0.0 if x is None else x for x in column]))
        return ("t", out)
    raise MathError("a string is not a number")


def _fill(args):
    if len(args) != 2:
        raise MathError("FILL takes a time series and a value")
    (kind, v), (fk, fv) = args
    if fk == "a" or (fk == "t" and kind == "s"):
        raise MathError("FILL's value is a scalar or a time series")
    if fk not in ("s", "t"):
        raise MathError("FILL with REPEAT or LINEAR is not supported")

    def filled(series):
        if fk == "s":
            return [fv if x is None else x for x in series]
        return [f if x is None else x for x, f in zip(series, fv)]
    if kind == "t":
        return ("t", filled(v))
    if kind == "a":
        return ("a", [filled(t) for t in v])
    if kind == "s":
        return (kind, fv if v is None else v)
    raise MathError("FILL of a string")


def _if(args, length):
    if len(args) not in (2, 3):
        raise MathError("IF takes 2 or 3 arguments")
    cond, a = args[0], args[1]
    b = args[2] if len(args) == 3 else None
    if cond[0] == "s":
        if cond[1] is None:
            return ("t", [None] * length)
        chosen = a if cond[1] != 0 else b
        return chosen if chosen is not None else ("t", [None] * length)
    if cond[0] != "t":
        raise MathError("IF's condition is a time series or a scalar")

    def at(value, i):
        if value is None:
            return None
        if value[0] == "s":
            return value[1]
        if value[0] == "t":
            return value[1][i]
        raise MathError("IF of an array")
    out = []
    for i, c in enumerate(cond[1]):
        if c is None:
            out.append(None)
        elif c != 0:
            x = at(a, i)
            out.append(0.0 if x is None else x)
        else:
            out.append(at(b, i))
    return ("t", out)


def _call(name, args, length):
    if name == "FILL":
        return _fill(args)
    if name in _REDUCE:
        if len(args) != 1:
            raise MathError(f"{name} takes one argument")
        return _reduce(name, args[0])
    if name == "IF":
        return _if(args, length)
    if name in _PER_POINT:
        if len(args) != 1:
            raise MathError(f"{name} takes one argument")
        return _per_point(_PER_POINT[name], args[0])
    raise MathError(f"{name} is not supported by the emulator's alarm evaluation")


def evaluate(node, env, length):
    """The value of a parsed expression; `env` maps an id to its value."""
    kind = node[0]
    if kind == "num":
        return ("s", node[1])
    if kind == "str":
        return ("str", node[1])
    if kind == "ref":
        if node[1] not in env:
            raise MathError(f"unknown id {node[1]}")
        return env[node[1]]
    if kind == "neg":
        return _per_point(lambda x: -x, evaluate(node[1], env, length))
    if kind == "bin":
        return _binary(node[1], evaluate(node[2], env, length), evaluate(node[3], env, length))
    if kind == "array":
        series = []
        for item in node[1]:
            k, v = evaluate(item, env, length)
            if k == "t":
                series.append(v)
            elif k == "a":
                series.extend(v)
            else:
                raise MathError("an array holds time series")
        return ("a", series)
    if kind == "call":
        return _call(node[1], [evaluate(a, env, length) for a in node[2]], length)
    raise MathError(f"cannot evaluate {kind}")


def series_of(text, env, length):
    """The time series an alarm's expression gives (a scalar becomes a constant series)."""
    kind, v = evaluate(parse(text), env, length)
    if kind == "t":
        return v
    if kind == "s":
        return [v] * length
    raise MathError("an alarm's expression must give one time series")
