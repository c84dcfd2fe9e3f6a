"""Shared validation helpers and the default symbols of the gauge subpackage (internal).

Users own their symbols: `time_symbol` finds the time variable of the user's expressions with
`mathml.core.symbols.distinguished_symbol` (``t=`` given, else the symbol named ``t``, else the only
free symbol when an undefined function is applied to it, as in ``w(s)``, else the default real ``t``
when there is no free symbol).  A lone symbol with another name that could be a constant parameter
(``w = a``, ``w = sin(s)``) is an error asking for ``t=``: it is never silently taken as time nor as a
constant.  `align_time` rewrites a same-named symbol of a gauge function to the model's time symbol
(raising when the assumptions contradict), so an expression in the user's own ``t`` is never
silently constant in time.

The float policy: `as_expr` keeps a float a float (a sympy Float: computations with it are numeric);
ints and sympy numbers stay exact.
"""
from __future__ import annotations

from typing import Any

import sympy as sp

from ..core.errors import InvalidInputError
from ..core.symbols import distinguished_symbol

__all__ = ["T_DEFAULT", "T_SYMBOL", "align_time", "as_expr", "as_time_symbol", "time_symbol"]

T_SYMBOL = sp.Symbol("t", real=True)
T_DEFAULT = sp.Symbol("T", positive=True)


def as_time_symbol(t: Any) -> sp.Symbol:
    """``t`` checked to be a Symbol (default: the real `T_SYMBOL`)."""
    if t is None:
        return T_SYMBOL
    if not isinstance(t, sp.Symbol):
        raise InvalidInputError(f"the time variable must be a sympy Symbol, got {t!r}")
    return t


def as_expr(value: Any, what: str) -> sp.Expr:
    """A sympy expression from a number or sympy object; strings are refused (never sympified)."""
    if isinstance(value, bool) or isinstance(value, (str, bytes)):
        raise InvalidInputError(f"{what} must be a number or a sympy expression, got {value!r}")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not (value == value and abs(value) != float("inf")):
            raise InvalidInputError(f"{what} must be finite, got {value}")
        return sp.Float(value) if isinstance(value, float) else sp.Integer(value)
    if not isinstance(value, sp.Expr):
        raise InvalidInputError(f"{what} must be a number or a sympy expression, got {type(value).__name__}")
    if value.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        raise InvalidInputError(f"{what} must be finite, got {value}")
    return value


def time_symbol(exprs: Any, t: Any = None) -> sp.Symbol:
    """The time symbol of the user's expressions (see the module docstring).

    Raises InvalidInputError for a non-Symbol ``t``, several candidate symbols, or a symbol named
    ``t`` whose assumptions contradict ``real=True``.
    """
    if t is not None and not isinstance(t, sp.Symbol):
        raise InvalidInputError(f"the time variable must be a sympy Symbol, got {t!r}")
    exprs = [e for e in exprs if isinstance(e, (sp.Basic, sp.MatrixBase))]
    if t is None:
        free = {s for e in exprs for s in e.free_symbols if isinstance(s, sp.Symbol)}
        if len(free) == 1 and next(iter(free)).name != "t":
            (only,) = free
            # the only symbol is the time variable when an undefined function is applied to it
            # (w(s), W_01(s)); otherwise it may as well be a constant parameter (x' = a x): ask
            applied = any(only in f.args for e in exprs for f in e.atoms(sp.core.function.AppliedUndef))
            if not applied:
                raise InvalidInputError(
                    f"the expressions have one free symbol, {only}, and none named t: pass t={only} if "
                    f"{only} is the time, or t=sympy.Symbol('t', real=True) if {only} is a constant "
                    "parameter")
    sym = distinguished_symbol(exprs, t, name="t", real=True)
    return T_SYMBOL if sym == T_SYMBOL else sym


def align_time(expr: Any, t: sp.Symbol) -> Any:
    """Replace symbols named like ``t`` (other assumptions, compatible) by ``t`` in ``expr``."""
    if not isinstance(expr, (sp.Basic, sp.MatrixBase)):
        return expr
    others = [s for s in expr.free_symbols if isinstance(s, sp.Symbol) and s.name == t.name and s != t]
    if not others:
        return expr
    needed = {k: v for k, v in (getattr(t, "_assumptions_orig", None) or {}).items() if v is not None}
    for s in others:
        distinguished_symbol([s], None, name=t.name, infer_single=False, **needed)   # raises on a clash
    return expr.xreplace({s: t for s in others})
