"""Safe parsing of user strings into sympy expressions.

This module is the only place where text typed by a user becomes a sympy object.
It never calls ``eval``, ``exec``, ``sympify`` or ``sympy.parsing``: the text is
checked (type, length, characters, bracket and unary-operator nesting), parsed
with :func:`ast.parse` in ``eval`` mode, and the syntax tree is translated by a
whitelist.  Accepted are numbers, symbols, the constants ``pi E I oo zoo nan``
(and a few more), ``+ - * / **`` (``^`` means ``**``), calls of the functions in
:data:`ALLOWED_FUNCTIONS`, and applications of undefined functions such as
``f(x)``.  Everything else (attribute access, indexing, strings, lambdas,
comprehensions, keyword arguments, names starting with ``_`` ...) raises
:class:`~mathml.core.errors.ParseError` whose message says what was rejected
and what is accepted.  Sizes are bounded so that no input can hang: integer
powers and factorials whose result would exceed about 10**5 digits are
rejected, constant arguments and results of function calls are limited to
about 10**4000 (estimated from digit counts before sympy evaluates anything,
so ``sign(sin(exp(10**100)))`` is refused instead of hanging while it is built or
printed), roots of numbers to degree 1000, and ``integrate`` is kept
unevaluated (like ``Integral``).

Examples
--------
>>> from mathml.core.parsing import parse_expr, parse_relation
>>> parse_expr("sin(x)^2 + cos(x)^2")
sin(x)**2 + cos(x)**2
>>> parse_relation("f(x) = x + 1")
Eq(f(x), x + 1)
>>> parse_expr("x.__class__")
Traceback (most recent call last):
    ...
mathml.core.errors.ParseError: attribute access (`.__class__`) is not allowed; accepted: ...
"""
from __future__ import annotations

import ast
import difflib
import math
import re
import sys
from collections.abc import Mapping

import mpmath
import sympy
from sympy.core.function import UndefinedFunction

from .errors import InvalidInputError, ParseError

__all__ = ["ALLOWED_FUNCTIONS", "CONSTANTS", "parse_expr", "parse_relation"]

_FUNCTIONS = {
    "sin": sympy.sin, "cos": sympy.cos, "tan": sympy.tan, "cot": sympy.cot, "sec": sympy.sec,
    "csc": sympy.csc, "asin": sympy.asin, "acos": sympy.acos, "atan": sympy.atan,
    "acot": sympy.acot, "atan2": sympy.atan2, "sinh": sympy.sinh, "cosh": sympy.cosh,
    "tanh": sympy.tanh, "coth": sympy.coth, "asinh": sympy.asinh, "acosh": sympy.acosh,
    "atanh": sympy.atanh, "exp": sympy.exp, "log": sympy.log, "ln": sympy.log,
    "sqrt": sympy.sqrt, "cbrt": sympy.cbrt, "Abs": sympy.Abs, "abs": sympy.Abs,
    "sign": sympy.sign, "floor": sympy.floor, "ceiling": sympy.ceiling, "gamma": sympy.gamma,
    "loggamma": sympy.loggamma, "erf": sympy.erf, "erfc": sympy.erfc,
    "factorial": sympy.factorial, "binomial": sympy.binomial, "re": sympy.re, "im": sympy.im,
    "conjugate": sympy.conjugate, "arg": sympy.arg, "Min": sympy.Min, "Max": sympy.Max,
    "besselj": sympy.besselj, "heaviside": sympy.Heaviside, "Heaviside": sympy.Heaviside,
    "DiracDelta": sympy.DiracDelta, "diff": sympy.diff, "Derivative": sympy.Derivative,
    "integrate": sympy.Integral, "Integral": sympy.Integral, "Sum": sympy.Sum,
    "Product": sympy.Product,
    # special functions
    "zeta": sympy.zeta, "polygamma": sympy.polygamma, "digamma": sympy.digamma, "trigamma": sympy.trigamma,
    "polylog": sympy.polylog, "lerchphi": sympy.lerchphi, "dirichlet_eta": sympy.dirichlet_eta,
    "beta": sympy.beta, "lowergamma": sympy.lowergamma, "uppergamma": sympy.uppergamma,
    "bessely": sympy.bessely, "besseli": sympy.besseli, "besselk": sympy.besselk, "hankel1": sympy.hankel1,
    "hankel2": sympy.hankel2, "jn": sympy.jn, "yn": sympy.yn,
    "airyai": sympy.airyai, "airybi": sympy.airybi, "airyaiprime": sympy.airyaiprime,
    "airybiprime": sympy.airybiprime, "hyper": sympy.hyper,
    "erfi": sympy.erfi, "erfinv": sympy.erfinv, "erfcinv": sympy.erfcinv, "erf2": sympy.erf2,
    "fresnels": sympy.fresnels, "fresnelc": sympy.fresnelc, "Ei": sympy.Ei, "li": sympy.li, "Li": sympy.Li,
    "Si": sympy.Si, "Ci": sympy.Ci, "Shi": sympy.Shi, "Chi": sympy.Chi, "expint": sympy.expint,
    "elliptic_k": sympy.elliptic_k, "elliptic_e": sympy.elliptic_e, "elliptic_f": sympy.elliptic_f,
    "elliptic_pi": sympy.elliptic_pi, "LambertW": sympy.LambertW, "sinc": sympy.sinc,
    "legendre": sympy.legendre, "assoc_legendre": sympy.assoc_legendre, "hermite": sympy.hermite,
    "laguerre": sympy.laguerre, "chebyshevt": sympy.chebyshevt, "chebyshevu": sympy.chebyshevu,
    "gegenbauer": sympy.gegenbauer, "jacobi": sympy.jacobi, "rf": sympy.rf, "ff": sympy.ff,
    "asec": sympy.asec, "acsc": sympy.acsc, "acoth": sympy.acoth, "asech": sympy.asech, "acsch": sympy.acsch,
    "sech": sympy.sech, "csch": sympy.csch,
}
#: Names of the mathematical functions a user string may call.
ALLOWED_FUNCTIONS = frozenset(_FUNCTIONS)
#: Names that denote constants.
CONSTANTS = {
    "pi": sympy.pi, "E": sympy.E, "I": sympy.I, "oo": sympy.oo, "zoo": sympy.zoo,
    "nan": sympy.nan, "EulerGamma": sympy.EulerGamma, "GoldenRatio": sympy.GoldenRatio,
    "Catalan": sympy.Catalan,
}
_TUPLE_FUNCTIONS = frozenset({"diff", "Derivative", "integrate", "Integral", "Sum", "Product"})
_BIG_ARG_FUNCTIONS = frozenset({"factorial", "binomial", "gamma", "loggamma", "polygamma", "digamma",
                                "trigamma", "zeta", "rf", "ff", "legendre", "assoc_legendre", "hermite",
                                "laguerre", "chebyshevt", "chebyshevu", "gegenbauer", "jacobi", "beta"})
_MAX_LOG10 = 4000  # |log10| bound of any constant argument or result of a function call
_MAX_ROOT_DEGREE = 1000  # sympy expands b**(p/q) through b**(q - 1) for rational b
_EXP_LIKE = frozenset({"exp", "sinh", "cosh", "sech", "csch"})
_LOG_LIKE = frozenset({"log", "ln", "loggamma", "LambertW", "li", "Li", "Ei", "asinh", "acosh"})
_BOUNDED = frozenset({"sin", "cos", "tanh", "coth", "atan", "acot", "atan2", "sign", "Heaviside", "heaviside",
                      "erf", "erfc", "arg", "sinc", "fresnels", "fresnelc", "Si", "asin", "acos", "airyai"})
_MAX_DIGITS = 100_000  # digit budget for evaluated integer powers and factorials, per parse
_MAX_FACTORIAL_ARG = 10_000
_MAX_FLOAT_EXP10 = 100_000  # |log10| of any float literal or numeric power
_MAX_DIFF_ORDER = 5
_MAX_ROOT_BITS = 3_400  # about 1000 digits
_ACCEPTED = ("accepted: numbers, symbols, the constants " + ", ".join(CONSTANTS)
             + ", + - * / ** ^, calls of undefined functions such as f(x), and the "
             + f"{len(ALLOWED_FUNCTIONS)} functions in mathml.core.parsing.ALLOWED_FUNCTIONS")
_OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**",
        ast.Mod: "%", ast.FloorDiv: "//", ast.MatMult: "@", ast.BitAnd: "&", ast.BitOr: "|",
        ast.BitXor: "^", ast.LShift: "<<", ast.RShift: ">>", ast.Not: "not", ast.Invert: "~"}
_KINDS = {
    ast.Attribute: "attribute-access expression", ast.Subscript: "indexing expression", ast.Slice: "slice",
    ast.Lambda: "lambda expression", ast.ListComp: "comprehension",
    ast.SetComp: "comprehension", ast.DictComp: "comprehension",
    ast.GeneratorExp: "generator expression", ast.JoinedStr: "f-string",
    ast.FormattedValue: "f-string", ast.Starred: "starred argument", ast.Dict: "dict",
    ast.List: "list", ast.Set: "set", ast.BoolOp: "boolean operator (and/or)",
    ast.IfExp: "conditional expression (x if c else y)",
    ast.NamedExpr: "assignment expression (:=)", ast.Await: "await expression", ast.Yield: "yield expression",
    ast.YieldFrom: "yield expression", ast.Tuple: "tuple (only as limits inside diff, Integral, Sum...)",
    ast.Compare: "comparison (only one, at the top level, in parse_relation)",
}
_RELATIONS = {ast.Eq: sympy.Eq, ast.NotEq: sympy.Ne, ast.Lt: sympy.Lt, ast.LtE: sympy.Le,
              ast.Gt: sympy.Gt, ast.GtE: sympy.Ge}


def _top_level_equals(text: str) -> list[int]:
    """Positions of the '=' signs outside brackets that are not part of == <= >= != :=."""
    depth, found = 0, []
    for match in re.finditer(r"[()\[\]{}]|(?<![=<>!:])=(?!=)", text):
        char = match.group()
        depth += (char in "([{") - (char in ")]}")
        if char == "=" and depth == 0:
            found.append(match.start())
    return found


def _log10_bound(expr, memo: dict | None = None) -> float:
    """An upper bound of |log10 |value|| of a constant expression, without evaluating it.

    Numbers count their digits; sums add log10 of the number of terms; products add;
    powers multiply; exp-like functions exponentiate; logarithms shrink; bounded
    functions (sin, sign, ...) keep their argument's bound.  ``inf`` means unbounded.
    """
    memo = {} if memo is None else memo
    if expr in memo:
        return memo[expr]
    if isinstance(expr, sympy.Rational):
        value = abs(_log10(expr.p) - _log10(expr.q))
    elif isinstance(expr, sympy.Float):
        value = 0.0 if expr.is_zero else abs(float(mpmath.log10(abs(expr._to_mpmath(53)))))
    elif not isinstance(expr, sympy.Basic) or not expr.args:
        value = 0.5  # pi, E, I, oo, symbols ...
    else:
        args = [_log10_bound(a, memo) for a in expr.args if isinstance(a, sympy.Basic)]
        top = max(args, default=0.0)
        name = getattr(expr.func, "__name__", "")
        if isinstance(expr, sympy.Add):
            value = top + math.log10(len(args))
        elif isinstance(expr, sympy.Mul):
            value = sum(args)
        elif isinstance(expr, sympy.Pow):
            e = expr.args[1]
            size = abs(float(e)) if e.is_Number and e.is_finite else _power10(args[1])
            value = size * args[0]
        elif name in _EXP_LIKE or expr.func is sympy.exp:
            size = _abs_value(expr.args[0]) if len(expr.args) == 1 else None
            value = (_power10(top) if size is None else size) / 2.302585
        elif name in _LOG_LIKE:
            value = math.log10(top + 1.0) + 0.5
        elif name in _BIG_ARG_FUNCTIONS:
            value = _power10(top) * (top + 1.0)
        else:
            value = top
    memo[expr] = value
    return value


def _log10(n: int) -> float:
    return math.log10(abs(n)) if n else 0.0


def _abs_value(expr) -> float | None:
    """|expr| for a constant whose parts passed the bounds (cheap at 15 digits), else None."""
    try:
        value = abs(complex(expr.evalf(15)))
    except (TypeError, ValueError, OverflowError, ArithmeticError):
        return None
    return value if math.isfinite(value) else None


def _power10(x: float) -> float:
    return math.inf if x > 300 else 10.0 ** x


def _fail(what: str) -> ParseError:
    return ParseError(f"{what} is not allowed; {_ACCEPTED}")


def _a(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


class _Translator:
    """Whitelist translation of one syntax tree; carries the limits and the digit budget."""

    def __init__(self, source, symbols, functions, max_depth):
        self.source, self.symbols, self.functions = source, symbols, functions
        self.max_depth, self.budget = max_depth, _MAX_DIGITS

    def snippet(self, node) -> str:
        text = ast.get_source_segment(self.source, node) or type(node).__name__
        return text if len(text) <= 40 else text[:37] + "..."

    def reject(self, node) -> ParseError:
        if isinstance(node, ast.Attribute):
            return _fail(f"attribute access (`.{node.attr}`)")
        if isinstance(node, ast.Constant):
            kind = {str: "a string literal", bytes: "a bytes literal", complex: "a complex"
                    " literal (write 2*I)"}.get(type(node.value), "the Python constant")
            return _fail(f"{kind} `{self.snippet(node)}`")
        if isinstance(node, (ast.BinOp, ast.UnaryOp)):
            return _fail(f"the operator `{_OPS.get(type(node.op), '?')}` (in `{self.snippet(node)}`)")
        kind = _KINDS.get(type(node), f"Python construct {type(node).__name__}")
        return _fail(f"{_a(kind)} (`{self.snippet(node)}`)")

    def spend(self, digits: float, what: str) -> None:
        if digits > self.budget:
            raise ParseError(f"{what} would have about {digits:.3g} digits; results are limited"
                             f" to {_MAX_DIGITS} digits in total so that parsing cannot hang")
        self.budget -= digits

    # -- nodes ------------------------------------------------------------------------------
    def convert(self, node, depth: int = 0):
        if depth > self.max_depth:
            raise ParseError(f"the expression is nested more than max_depth={self.max_depth}"
                             " levels deep")
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.UAdd, ast.USub)):
            operand = self.convert(node.operand, depth + 1)
            return -operand if isinstance(node.op, ast.USub) else operand
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
            return self.chain(node, depth, (ast.Add, ast.Sub), sympy.Add)
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mult, ast.Div)):
            return self.chain(node, depth, (ast.Mult, ast.Div), sympy.Mul)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            return self.power(self.convert(node.left, depth + 1),
                              self.convert(node.right, depth + 1), node)
        if isinstance(node, ast.Call):
            return self.call(node, depth)
        raise self.reject(node)

    def constant(self, node):
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.reject(node)
        if isinstance(value, int):
            if value.bit_length() > 33_300:
                raise ParseError("integer literals are limited to about 10000 digits")
            return sympy.Integer(value)
        text = (ast.get_source_segment(self.source, node) or repr(value)).replace("_", "")
        mantissa, _, exponent = text.lower().partition("e")
        if exponent and abs(int(exponent)) > _MAX_FLOAT_EXP10:
            raise ParseError(f"the float literal {text[:40]} is out of range; exponents are"
                             f" limited to +-{_MAX_FLOAT_EXP10}")
        return sympy.Float(text)

    def name(self, node):
        ident = node.id
        if ident.startswith("_"):
            raise _fail(f"names starting with an underscore (`{ident}`)")
        if ident in self.symbols:
            return self.symbols[ident]
        if ident in CONSTANTS:
            return CONSTANTS[ident]
        if ident in _FUNCTIONS or ident in self.functions:
            raise ParseError(f"`{ident}` is a function and must be called, as in {ident}(x);"
                             f" {_ACCEPTED}")
        return sympy.Symbol(ident)

    def chain(self, node, depth, ops, combine):
        """Flatten a left-associated chain such as a - b + c without recursing along it."""
        parts = []
        while isinstance(node, ast.BinOp) and isinstance(node.op, ops):
            parts.append((node.op, node.right))
            node = node.left
        terms = [self.convert(node, depth + 1)]
        for op, right in reversed(parts):
            value = self.convert(right, depth + 1)
            if isinstance(op, ast.Sub):
                value = -value
            elif isinstance(op, ast.Div):
                value = self.power(value, sympy.Integer(-1), right)
            terms.append(value)
        return self.build(combine, terms, node)

    def power(self, base, exponent, node):
        if isinstance(exponent, sympy.Rational) and not exponent.is_Integer:
            self.check_root(base, node)
            if exponent.q > _MAX_ROOT_DEGREE and isinstance(base, sympy.Expr) and not base.free_symbols:
                raise ParseError(f"`{self.snippet(node)}`: roots of numbers are limited to degree"
                                 f" {_MAX_ROOT_DEGREE} (sympy would build a {exponent.q - 1}-th power)")
        if (isinstance(base, sympy.Expr) and isinstance(exponent, sympy.Number)
                and not base.free_symbols and exponent.is_finite and not base.is_zero
                and base not in (0, 1, -1, sympy.I, -sympy.I) and abs(exponent) > 1):
            if base.is_Float or exponent.is_Float:
                size = abs(float(sympy.log(abs(base.evalf(15)), 10))) if base.is_Number else 1.0
                if float(abs(exponent)) * size > _MAX_FLOAT_EXP10:
                    raise ParseError(f"the power in `{self.snippet(node)}` is out of range;"
                                     f" numeric results are limited to 10**{_MAX_FLOAT_EXP10}")
            else:
                atoms = [a for a in base.atoms(sympy.Rational)] or [sympy.Integer(10)]
                size = max(math.log10(max(abs(a.p), a.q, 2)) for a in atoms)
                self.spend(float(abs(exponent)) * size, f"the power `{self.snippet(node)}`")
        constant = [a for a in (base, exponent) if isinstance(a, sympy.Expr) and not a.free_symbols]
        if len(constant) == 2 and not (base.is_Number and exponent.is_Number):
            self.check_bound(sympy.Pow(base, exponent, evaluate=False), node)
        return self.build(sympy.Pow, [base, exponent], node)

    def call(self, node, depth):
        func = node.func
        if not isinstance(func, ast.Name):
            raise self.reject(func) if not isinstance(func, ast.Call) else _fail(
                f"calling the result of a call (`{self.snippet(node)}`)")
        ident = func.id
        if ident.startswith("_"):
            raise _fail(f"names starting with an underscore (`{ident}`)")
        target = self.symbols.get(ident)
        if target is not None and not isinstance(target, UndefinedFunction):
            raise ParseError(f"`{ident}` is a symbol, not a function; {_ACCEPTED}")
        if target is None and ident in _FUNCTIONS:
            target = _FUNCTIONS[ident]
        elif target is None and ident in CONSTANTS:
            raise ParseError(f"`{ident}` is a constant and cannot be called; {_ACCEPTED}")
        elif target is None and (ident in self.functions or len(ident) == 1):
            target = self.functions.get(ident) or sympy.Function(ident)
        elif target is None:
            close = difflib.get_close_matches(ident, sorted(ALLOWED_FUNCTIONS), n=3, cutoff=0.6)
            hint = (" did you mean " + " or ".join(f"`{c}`" for c in close) + "?") if close else ""
            raise ParseError(f"calling `{ident}` is not allowed;{hint} undefined functions need one-letter"
                             " names (f(x)) or functions={...}; allowed functions are listed in"
                             " mathml.core.parsing.ALLOWED_FUNCTIONS")
        for keyword in node.keywords:
            shown = f"{keyword.arg}=..." if keyword.arg else "**..."
            raise _fail(f"a keyword argument (`{shown}` in {ident}(...))")
        args = []
        for position, arg in enumerate(node.args):
            if ident == "hyper" and position < 2 and isinstance(arg, (ast.Tuple, ast.List)):
                if len(arg.elts) > 20:
                    raise ParseError("hyper(...) parameter lists are limited to 20 entries")
                args.append(tuple(self.convert(e, depth + 2) for e in arg.elts))
                continue
            if isinstance(arg, ast.Tuple) and ident in _TUPLE_FUNCTIONS:
                if not 1 <= len(arg.elts) <= 3:
                    raise ParseError(f"a limit tuple in {ident}(...) has 1 to 3 entries,"
                                     f" got `{self.snippet(arg)}`")
                args.append(tuple(self.convert(e, depth + 2) for e in arg.elts))
            else:
                args.append(self.convert(arg, depth + 1))
        self.check_sizes(ident, args, node)
        flat = [a for arg in args for a in (arg if isinstance(arg, tuple) else (arg,))]
        if any(isinstance(a, sympy.Expr) and not a.free_symbols for a in flat) \
                and ident not in _TUPLE_FUNCTIONS and isinstance(target, type) and ident in _FUNCTIONS:
            self.check_bound(target(*args, evaluate=False), node)
        if ident in ("floor", "ceiling") and not all(
                getattr(a, "free_symbols", True) or getattr(a, "is_Number", False) for a in args):
            # sympy would evaluate floor(exp(10**100)) numerically, which never ends
            return self.build(lambda *a: target(*a, evaluate=False), args, node)
        return self.build(target, args, node)

    def check_bound(self, expr, node):
        """Reject constant arguments or results too large to evaluate in bounded time."""
        bound = _log10_bound(expr)
        if bound > _MAX_LOG10:
            raise ParseError(f"`{self.snippet(node)}` is a number too large to handle (about 10**{bound:.3g}"
                             f" or beyond); constant arguments and results of functions are limited to"
                             f" 10**{_MAX_LOG10} so that parsing and printing cannot hang")

    def check_root(self, base, node):
        """sympy factors the radicand of a rational power; keep it small."""
        if isinstance(base, sympy.Expr) and any(
                max(abs(r.p), r.q).bit_length() > _MAX_ROOT_BITS for r in base.atoms(sympy.Rational)):
            raise ParseError(f"`{self.snippet(node)}`: roots of numbers are limited to"
                             f" {int(_MAX_ROOT_BITS * 0.30103)}-digit radicands")

    def check_sizes(self, ident, args, node):
        if ident in ("sqrt", "cbrt") and args and not isinstance(args[0], tuple):
            self.check_root(args[0], node)
        flat = [a for arg in args for a in (arg if isinstance(arg, tuple) else (arg,))]
        if any(abs(f) > 1e300 for a in flat for f in a.atoms(sympy.Float)):
            raise ParseError(f"`{self.snippet(node)}`: floats inside function calls are limited"
                             " to 1e300 in absolute value")
        numbers = [a for a in args if isinstance(a, sympy.Number) and a.is_finite]
        if ident in _BIG_ARG_FUNCTIONS and any(abs(a) > _MAX_FACTORIAL_ARG for a in numbers):
            raise ParseError(f"`{self.snippet(node)}`: numeric arguments of {ident} are limited"
                             f" to {_MAX_FACTORIAL_ARG} in absolute value")
        if ident == "factorial" and numbers:
            self.spend(float(abs(numbers[0])) * 4.5, f"`{self.snippet(node)}`")
        if ident == "diff":
            if sum(int(a) for a in flat[1:] if isinstance(a, sympy.Integer)) > _MAX_DIFF_ORDER:
                raise ParseError(f"`{self.snippet(node)}`: diff is limited to total order"
                                 f" {_MAX_DIFF_ORDER}; use Derivative(...) for higher orders")

    def build(self, func, args, node):
        try:
            return func(*args)
        except ParseError:
            raise
        except RecursionError:
            raise ParseError(f"`{self.snippet(node)}` is nested too deeply") from None
        except Exception as exc:  # sympy reports bad arguments with many exception types
            raise ParseError(f"`{self.snippet(node)}` is not a valid expression:"
                             f" {type(exc).__name__}: {exc}") from None


def _check_text(text, max_length: int, max_depth: int) -> str:
    """Checks that need no parsing: type, length, characters, nesting."""
    if not isinstance(text, str):
        raise ParseError(f"expected a str holding an expression, got {type(text).__name__}"
                         + ("; decode bytes first" if isinstance(text, (bytes, bytearray)) else ""))
    for value, label in ((max_length, "max_length"), (max_depth, "max_depth")):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise InvalidInputError(f"{label} must be a positive int, got {value!r}")
    if len(text) > max_length:
        raise ParseError(f"the input has {len(text)} characters; at most max_length={max_length}"
                         " are accepted")
    if not text.strip():
        raise ParseError("the input is empty; expected an expression such as 'sin(x)**2'")
    depth = run = 0
    for position, char in enumerate(text):
        if not (" " <= char <= "~" or char in "\t\n\r"):
            raise ParseError(f"the character {char!r} at position {position} is not allowed;"
                             " only printable ASCII is accepted (write Greek letters by name,"
                             " e.g. alpha)")
        depth += char in "([{"
        depth -= char in ")]}"
        run = run + 1 if char in "+-~" else (run if char.isspace() else 0)
        if depth > max_depth or run > max_depth:
            what = "brackets" if depth > max_depth else "unary operators (+ - ~) in a row"
            raise ParseError(f"the input nests more than max_depth={max_depth} {what}")
    limit = min(sys.get_int_max_str_digits() or 10_000, 10_000)
    digits = re.search(r"\d{%d,}" % (limit + 1), text)
    if digits:
        raise ParseError(f"a number literal has {len(digits.group())} digits;"
                         f" at most {limit} are accepted")
    return text.strip().replace("^", "**")


def _check_primes(text: str) -> None:
    """A helpful message for f'(x), the most common syntax error in calculus input."""
    prime = re.search(r"([A-Za-z_]\w*)\s*('+)", text)
    if prime:
        name, order = prime.group(1), len(prime.group(2))
        spelled = f"diff({name}(x), x)" if order == 1 else f"diff({name}(x), x, {order})"
        raise ParseError(f"primes for derivatives (`{name}{prime.group(2)}`) are not accepted; write"
                         f" {spelled} or Derivative({name}(x), x) instead (x being the variable)")


def _parse_tree(text: str, description: str):
    try:
        return ast.parse(text, mode="eval").body
    except SyntaxError as exc:
        _check_primes(text)
        where = f" at column {exc.offset}" if exc.offset else ""
        raise ParseError(f"invalid syntax{where} in {description}: {exc.msg}; {_ACCEPTED}") from None
    except (RecursionError, MemoryError, ValueError) as exc:
        raise ParseError(f"{description} is too large or too deeply nested to parse"
                         f" ({type(exc).__name__})") from None


def _translator(text, symbols, functions, max_depth) -> _Translator:
    table: dict = {}
    if symbols is not None:
        items = symbols.items() if isinstance(symbols, Mapping) else (
            (getattr(s, "name", None), s) for s in symbols)
        for key, value in items:
            if not isinstance(key, str) or not isinstance(value, (sympy.Basic, UndefinedFunction)):
                raise InvalidInputError("symbols must map names to sympy objects or be an"
                                        f" iterable of sympy Symbols; got {key!r}: {value!r}")
            table[key] = value
    funcs: dict = {}
    for item in functions or ():
        if isinstance(item, UndefinedFunction):
            funcs[item.__name__] = item
        elif isinstance(item, str) and item.isidentifier() and not item.startswith("_"):
            funcs[item] = sympy.Function(item)
        else:
            raise InvalidInputError(f"functions must hold names or sympy Functions, got {item!r}")
    return _Translator(text, table, funcs, max_depth)


def parse_expr(text, *, symbols=None, functions=None, max_length: int = 10_000,
               max_depth: int = 100) -> sympy.Expr:
    """Parse a user string into a sympy expression, safely.

    Parameters
    ----------
    text : str
        The expression, e.g. ``"sin(x)^2 + cos(x)^2"``.  ``^`` means power.
    symbols : Mapping[str, sympy.Basic] or iterable of sympy.Symbol, optional
        Objects to use for names (e.g. symbols with assumptions); other names
        become plain ``sympy.Symbol``.
    functions : iterable of str or undefined sympy Function, optional
        Names of undefined functions that may be applied (single letters such
        as ``f(x)`` are always accepted).
    max_length : int
        Longer inputs are rejected before parsing.
    max_depth : int
        Maximal nesting of brackets, unary operators and sub-expressions.

    Returns
    -------
    sympy.Expr

    Raises
    ------
    ParseError
        If the text is not a str, too long, too deep, or uses anything but
        numbers, symbols, arithmetic and the functions in `ALLOWED_FUNCTIONS`.

    Examples
    --------
    >>> parse_expr("sin(x)^2 + cos(x)^2")
    sin(x)**2 + cos(x)**2
    >>> parse_expr("Integral(f(t), (t, 0, 1)) + 0.5")
    Integral(f(t), (t, 0, 1)) + 0.5
    >>> parse_expr("phi(t)", functions={"phi"})
    phi(t)
    >>> parse_expr("open('f')")
    Traceback (most recent call last):
        ...
    mathml.core.errors.ParseError: calling `open` is not allowed; ...
    >>> parse_expr("sinn(x)")
    Traceback (most recent call last):
        ...
    mathml.core.errors.ParseError: calling `sinn` is not allowed; did you mean `sin` or `sinh` or `sinc`? ...
    """
    source = _check_text(text, max_length, max_depth)
    if _top_level_equals(source):
        raise ParseError("'=' (an equation) is not accepted by parse_expr; use parse_relation"
                         " for 'lhs = rhs'")
    tree = _parse_tree(source, "the expression")
    return _translator(source, symbols, functions, max_depth).convert(tree)


def parse_relation(text, *, symbols=None, functions=None, max_length: int = 10_000,
                   max_depth: int = 100):
    """Parse ``"lhs = rhs"`` (or ``==``, ``!=``, ``<``, ``<=``, ``>``, ``>=``) safely.

    Takes the same arguments as :func:`parse_expr`.  The relation is returned
    unevaluated (``Eq(1, 1)`` stays an equation); text without a relation is
    returned as an expression.

    Returns
    -------
    sympy.Eq, sympy.Ne, sympy.Lt, sympy.Le, sympy.Gt, sympy.Ge or sympy.Expr

    Examples
    --------
    >>> parse_relation("a = b")
    Eq(a, b)
    >>> parse_relation("x^2 >= 0")
    x**2 >= 0
    >>> parse_relation("x + 1")
    x + 1
    """
    source = _check_text(text, max_length, max_depth)
    bare = _top_level_equals(source)
    if len(bare) > 1:
        raise ParseError("more than one '=' in the relation; accepted: one 'lhs = rhs'")
    if bare:
        source = source[:bare[0]] + "==" + source[bare[0] + 1:]
    tree = _parse_tree(source, "the relation")
    translator = _translator(source, symbols, functions, max_depth)
    if not isinstance(tree, ast.Compare):
        return translator.convert(tree)
    if len(tree.ops) != 1:
        raise ParseError("chained comparisons such as a < b < c are not allowed; accepted: one"
                         " relation 'lhs = rhs', '==', '!=', '<', '<=', '>', '>='")
    relation = _RELATIONS.get(type(tree.ops[0]))
    if relation is None:
        raise _fail(f"the comparison `{translator.snippet(tree)}` (in, is)")
    lhs, rhs = translator.convert(tree.left, 1), translator.convert(tree.comparators[0], 1)
    return translator.build(lambda a, b: relation(a, b, evaluate=False), [lhs, rhs], tree)
