"""Shared validation helpers and the default symbols of the gauge subpackage (internal)."""
from __future__ import annotations

from typing import Any

import sympy as sp

from ..core.errors import InvalidInputError

__all__ = ["T_DEFAULT", "T_SYMBOL", "as_expr", "as_time_symbol"]

T_SYMBOL = sp.Symbol("t", real=True)
T_DEFAULT = sp.Symbol("T", positive=True)


def as_time_symbol(t: Any) -> sp.Symbol:
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
        return sp.nsimplify(value, rational=True) if isinstance(value, float) else sp.Integer(value)
    if not isinstance(value, sp.Expr):
        raise InvalidInputError(f"{what} must be a number or a sympy expression, got {type(value).__name__}")
    if value.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        raise InvalidInputError(f"{what} must be finite, got {value}")
    return value
