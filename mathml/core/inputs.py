"""Validation of what users pass to `verify`: expressions, equations, matrices, options, domains.

Examples
--------
>>> import sympy as sp
>>> from mathml.core.inputs import as_pair
>>> x = sp.Symbol('x')
>>> as_pair(sp.Eq(x**2, 1))
([x**2], [1], ())
"""
from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Mapping

import numpy as np
import sympy as sp

from .errors import InvalidInputError, ShapeMismatchError
from .sampling import check_domain

__all__ = ["as_sympy", "as_pair", "check_options", "resolve_domain"]


def as_sympy(value: Any, what: str) -> sp.Basic:
    """Validate one side of an identity (``what`` names it in messages) and return it as sympy."""
    if isinstance(value, bool):
        raise InvalidInputError(f"{what} is a bool ({value}); give a sympy expression or a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidInputError(f"{what} is {value}: NaN and infinities are not accepted")
    if isinstance(value, Fraction):
        return sp.Rational(value.numerator, value.denominator)
    if isinstance(value, (int, float, complex)):
        return sp.sympify(value)
    if isinstance(value, str):
        raise InvalidInputError(
            f"{what} is a string; parse it first with mathml.parse_expr({value[:40]!r}) "
            "(verify takes sympy expressions, Eq, or matrices)")
    if isinstance(value, (list, tuple, np.ndarray)):
        raise InvalidInputError(f"{what} is a {type(value).__name__}; wrap it as sympy.Matrix(...) "
                                "to compare entrywise")
    if not isinstance(value, (sp.Basic, sp.MatrixBase)):
        raise InvalidInputError(f"{what} has type {type(value).__name__}; accepted: sympy "
                                "expressions, Eq, sympy matrices, ints, floats, Fractions")
    if isinstance(value, sp.MatrixBase):
        value = sp.ImmutableMatrix(value)
        entries = list(value)
    else:
        entries = [value]
    for e in entries:
        if not isinstance(e, sp.Basic):
            raise InvalidInputError(f"{what} contains {e!r}, which is not a sympy object")
        if e.has(sp.nan) or e.has(sp.zoo):
            raise InvalidInputError(f"{what} contains nan or zoo (complex infinity); "
                                    "only finite expressions can be verified")
        if e in (sp.oo, -sp.oo):
            raise InvalidInputError(f"{what} is infinite; only finite expressions can be verified")
        if isinstance(e, sp.core.relational.Relational) and not isinstance(e, sp.Eq):
            raise InvalidInputError(f"{what} is an inequality ({e}); only equations (Eq) can be "
                                    "verified, not inequalities")
        if isinstance(e, sp.Expr) is False and not isinstance(e, sp.Eq):
            raise InvalidInputError(f"{what} is a {type(e).__name__}, not an expression or Eq")
    return value


def as_pair(lhs: Any, rhs: Any = 0) -> tuple[list[sp.Expr], list[sp.Expr], tuple[int, ...]]:
    """Validate ``lhs``/``rhs`` and flatten them into entry lists with a shape.

    Examples
    --------
    >>> import sympy as sp
    >>> x = sp.Symbol('x')
    >>> as_pair(sp.Eq(x + 1, 2))
    ([x + 1], [2], ())
    >>> as_pair(sp.Matrix([[1, 2]]), sp.Matrix([1, 2]))   # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    mathml.core.errors.ShapeMismatchError: lhs has shape (1, 2) but rhs has shape (2, 1); ...
    """
    lhs = as_sympy(lhs, "lhs")
    rhs = as_sympy(rhs, "rhs")
    if isinstance(lhs, sp.Eq):
        if rhs != 0:
            raise InvalidInputError("lhs is an Eq and rhs was given too; pass either Eq(a, b) or a, b")
        lhs, rhs = lhs.lhs, lhs.rhs
    elif isinstance(lhs, sp.core.relational.Relational) or isinstance(rhs, sp.core.relational.Relational):
        raise InvalidInputError("only equations (Eq) can be verified, not inequalities")
    lmat, rmat = isinstance(lhs, sp.MatrixBase), isinstance(rhs, sp.MatrixBase)
    if lmat != rmat and not (rmat is False and rhs == 0):
        raise ShapeMismatchError("one side is a matrix and the other a scalar; compare a matrix "
                                 "with a matrix of the same shape (or with 0)")
    if lmat and not rmat:
        rhs = sp.zeros(*lhs.shape)
        rmat = True
    if lmat:
        if lhs.shape != rhs.shape:
            raise ShapeMismatchError(f"lhs has shape {lhs.shape} but rhs has shape {rhs.shape}; "
                                     "matrices are compared entrywise and must have the same shape")
        return list(lhs), list(rhs), tuple(lhs.shape)
    return [lhs], [rhs], ()


def check_options(points: Any, dps: Any, seed: Any, timeout: Any) -> None:
    """Validate `verify`'s numeric options."""
    def integer(name, value, low, high):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not low <= value <= high:
            raise InvalidInputError(f"{name} must be an integer in [{low}, {high}], got {value!r}")
    integer("points", points, 1, 100_000)
    integer("dps", dps, 5, 100_000)
    integer("seed", seed, 0, 2**63 - 1)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not (
            math.isfinite(timeout) and timeout >= 0):
        raise InvalidInputError(f"timeout must be a finite number of seconds >= 0, got {timeout!r}")


def resolve_domain(domain: Mapping | None, symbols: set[sp.Symbol]) -> dict:
    """Map a user domain (keys: symbols or names) to validated ``{symbol: (low, high)}``."""
    if domain is None:
        return {}
    if not isinstance(domain, Mapping):
        raise InvalidInputError("domain must be a mapping symbol -> (low, high), "
                                f"got {type(domain).__name__}")
    by_name = {s.name: s for s in symbols}
    resolved = {}
    for key, bounds in domain.items():
        sym = by_name.get(key) if isinstance(key, str) else key
        if not isinstance(sym, sp.Symbol) or sym not in symbols:
            raise InvalidInputError(f"domain given for {key!r}, which is not a free symbol of the "
                                    f"identity; free symbols: {sorted(by_name)}")
        if not isinstance(bounds, (tuple, list)) or len(bounds) != 2:
            raise InvalidInputError(f"domain for {sym} must be a pair (low, high), got {bounds!r}")
        resolved[sym] = check_domain(sym, *bounds)
    return resolved


