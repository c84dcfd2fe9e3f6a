"""Numeric evaluation of sympy expressions at mpmath precision.

`compile_mp` turns expressions (which may contain `Integral` and `Sum` nodes) into
a function of exact point values that evaluates at the current mpmath precision:
integrals by tanh-sinh quadrature, sums directly or by `mpmath.nsum`.  It is the
numeric engine behind `mathml.verify` and is useful for domain code too.

Examples
--------
>>> import mpmath, sympy as sp
>>> from mathml.core.evaluation import compile_mp
>>> t, T = sp.symbols('t T', positive=True)
>>> f = compile_mp([sp.Integral(sp.exp(-t**2), (t, 0, T))], [T])
>>> with mpmath.workdps(30):
...     print(mpmath.nstr(f([mpmath.mpf(1)])[0], 25))
0.7468241328124270253994674
"""
from __future__ import annotations

from typing import Callable, Sequence

import mpmath
import sympy as sp

from .errors import InvalidInputError

__all__ = ["compile_mp", "to_mp", "NotEvaluable"]

_NODES = (sp.Integral, sp.Sum, sp.Product)
_MAX_DIRECT_TERMS = 100_000


class NotEvaluable(Exception):
    """Raised inside evaluation when a node has no numeric value (indefinite integral...)."""


def to_mp(value: sp.Expr):
    """Exact sympy number -> mpmath number at the current precision.

    Examples
    --------
    >>> import sympy as sp
    >>> to_mp(sp.Rational(1, 3) + 2*sp.I)
    mpc(real='0.33333333333333331', imag='2.0')
    """
    if value.is_Rational:
        return mpmath.mpf(int(value.p)) / int(value.q)
    re_part, im_part = value.as_real_imag()
    if im_part == 0:
        return to_mp_real(re_part)
    return mpmath.mpc(to_mp_real(re_part), to_mp_real(im_part))


def to_mp_real(value: sp.Expr):
    if value.is_Rational:
        return mpmath.mpf(int(value.p)) / int(value.q)
    return mpmath.mpf(sp.Float(value, mpmath.mp.dps + 5))


def _outermost(expr: sp.Basic) -> list[sp.Basic]:
    found: list[sp.Basic] = []

    def walk(e: sp.Basic) -> None:
        if isinstance(e, _NODES):
            if e not in found:
                found.append(e)
            return
        for a in e.args:
            walk(a)

    walk(expr)
    return found


def compile_mp(exprs: Sequence[sp.Expr], args: Sequence[sp.Symbol]) -> Callable[[list], list]:
    """Compile expressions into ``values -> [mpmath numbers]`` (values aligned with ``args``).

    The returned function evaluates at whatever `mpmath.mp.dps` is current when
    it is called, so one compilation serves several precisions.
    """
    exprs = [sp.sympify(e) for e in exprs]
    args = list(args)
    nodes = []
    for e in exprs:
        for n in _outermost(e):
            if n not in nodes:
                nodes.append(n)
    dummies = [sp.Dummy(f"node{i}") for i in range(len(nodes))]
    bodies = [e.xreplace(dict(zip(nodes, dummies))) for e in exprs]
    leftover = [a for b in bodies for a in b.atoms(sp.Function)
                if isinstance(a, sp.core.function.AppliedUndef)]
    if leftover:
        raise InvalidInputError(f"cannot evaluate undefined function {leftover[0]} numerically: "
                                "give it a test function (functions={...})")
    core = sp.lambdify(args + dummies, bodies, modules="mpmath", docstring_limit=0, cse=len(bodies) > 1)
    node_fns = [_compile_node(n, args) for n in nodes]

    def evaluate(values: list) -> list:
        node_values = [fn(values) for fn in node_fns]
        return list(core(*values, *node_values))

    return evaluate


def _compile_node(node: sp.Basic, args: list[sp.Symbol]) -> Callable[[list], object]:
    function, limits = node.function, list(node.limits)
    if len(limits) > 1:  # nest: the first limit is the innermost
        inner = node.func(function, limits[0])
        return _compile_node(node.func(inner, *limits[1:]), args)
    lim = limits[0]
    if len(lim) != 3:
        raise NotEvaluable(f"{node} has no limits, so it has no numeric value")
    var, low, high = lim
    body = compile_mp([function], args + [var])
    bounds = compile_mp([low, high], args)
    if isinstance(node, sp.Integral):
        def integral(values: list):
            a, b = bounds(values)
            return mpmath.quad(lambda x: body(values + [x])[0], [a, b])
        return integral

    def series(values: list):
        a, b = bounds(values)
        finite = all(mpmath.isfinite(v) for v in (a, b))
        if finite:
            ia, ib = int(mpmath.nint(a)), int(mpmath.nint(b))
            if ia != a or ib != b:
                raise NotEvaluable(f"{node} has non-integer limits")
            if ib - ia <= _MAX_DIRECT_TERMS:
                terms = (body(values + [mpmath.mpf(k)])[0] for k in range(ia, ib + 1))
                if isinstance(node, sp.Sum):
                    return mpmath.fsum(terms)
                return mpmath.fprod(terms)
        f = lambda k: body(values + [k])[0]
        return mpmath.nsum(f, [a, b]) if isinstance(node, sp.Sum) else mpmath.nprod(f, [a, b])

    return series
