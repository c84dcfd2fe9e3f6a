"""Rigorous evaluation with Arb balls (python-flint): disproofs that cannot be rounding.

A ball for ``lhs - rhs`` that excludes 0 proves the two sides differ at that
point.  Only elementary expressions at exact points are translated.

Examples
--------
>>> import sympy as sp
>>> arb_excludes_zero(sp.exp(sp.pi*sp.sqrt(163)) - (640320**3 + 744))
'arb 128 bits'
>>> arb_excludes_zero(sp.sqrt(2)**3 - 2*sp.sqrt(2)) is None
True
"""
from __future__ import annotations

import sympy as sp

from .errors import MathmlError

__all__ = ["require_flint", "to_acb", "arb_excludes_zero"]


def require_flint():
    """Import python-flint or raise a MathmlError that says how to install it."""
    try:
        import flint
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MathmlError("rigorous=True needs python-flint: pip install 'mathml[rigorous]'") from exc
    return flint


_UNARY = {sp.exp: "exp", sp.log: "log", sp.sin: "sin", sp.cos: "cos", sp.tan: "tan",
          sp.sinh: "sinh", sp.cosh: "cosh", sp.tanh: "tanh", sp.atan: "atan", sp.asin: "asin",
          sp.acos: "acos", sp.gamma: "gamma"}


class _Untranslatable(Exception):
    pass


def to_acb(expr: sp.Expr):
    """Translate an exact, symbol-free sympy expression into a flint ``acb`` ball."""
    flint = require_flint()
    acb = flint.acb
    if expr.free_symbols:
        raise _Untranslatable(f"free symbols {expr.free_symbols}")
    if expr.is_Integer:
        return acb(int(expr))
    if expr.is_Rational:
        return acb(flint.fmpq(int(expr.p), int(expr.q)))
    if expr is sp.pi:
        return acb.pi()
    if expr is sp.E:
        return acb(1).exp()
    if expr is sp.I:
        return acb(0, 1)
    if expr.is_Add:
        total = acb(0)
        for a in expr.args:
            total += to_acb(a)
        return total
    if expr.is_Mul:
        prod = acb(1)
        for a in expr.args:
            prod *= to_acb(a)
        return prod
    if expr.is_Pow:
        base, exp = expr.args
        if exp.is_Integer:
            return to_acb(base) ** int(exp)
        if exp == sp.Rational(1, 2):
            return to_acb(base).sqrt()
        return (to_acb(base).log() * to_acb(exp)).exp()  # principal branch, as sympy
    if isinstance(expr, sp.Abs):
        return acb(abs(to_acb(expr.args[0])))
    name = _UNARY.get(expr.func)
    if name is not None:
        return getattr(to_acb(expr.args[0]), name)()
    raise _Untranslatable(type(expr).__name__)


def arb_excludes_zero(difference: sp.Expr, precisions=(128, 256, 512, 1024)) -> str | None:
    """``"arb N bits"`` if a ball for ``difference`` excludes 0 at N bits, else None."""
    flint = require_flint()
    for prec in precisions:
        try:
            with flint.ctx.workprec(prec):
                ball = to_acb(difference)
        except (_Untranslatable, ValueError, ZeroDivisionError):
            return None
        if 0 not in ball:
            return f"arb {prec} bits"
    return None
