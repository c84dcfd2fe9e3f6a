"""Users own their symbols: find the distinguished symbol of a family (t, eta, phi, ...).

A family that has a distinguished variable (time ``t`` of a neural ODE, the
radial coordinate ``eta`` of the bulk network, the field ``phi``) takes it as a
keyword.  When the keyword is omitted, `distinguished_symbol` infers it:

1. the free symbol of the user's expressions whose *name* is the expected one;
2. else, when the expressions have exactly one free symbol, that symbol;
3. else (no free symbol at all) a fresh default symbol with the family's assumptions.

A symbol that has the expected name but assumptions that contradict the
family's required ones raises `InvalidInputError` with both assumption sets,
instead of silently treating the expression as constant in the variable.

Examples
--------
>>> import sympy as sp
>>> from mathml.core.symbols import distinguished_symbol
>>> t = sp.Symbol('t')                     # the user's plain t
>>> distinguished_symbol([sp.sin(t)], name="t") is t
True
>>> s = sp.Symbol('s', real=True)
>>> distinguished_symbol([s**2 + 1], name="t")   # one free symbol: that is the variable
s
>>> distinguished_symbol([sp.Integer(3)], name="t", real=True)
t
>>> bad = sp.Symbol('t', imaginary=True)
>>> distinguished_symbol([bad], name="t", real=True)
Traceback (most recent call last):
...
mathml.core.errors.InvalidInputError: the symbol t in your expression has assumptions {imaginary: True}, which contradict what this family needs for t ({real: True}); pass your symbol explicitly with t=..., or use sympy.Symbol('t', real=True)
"""
from __future__ import annotations

from typing import Any, Iterable

import sympy as sp

from .errors import InvalidInputError

__all__ = ["distinguished_symbol", "free_symbols_of"]


def free_symbols_of(exprs: Iterable[Any]) -> set[sp.Symbol]:
    """The union of the free symbols of ``exprs`` (non-sympy items are ignored; strings are refused).

    >>> import sympy as sp
    >>> x, y = sp.symbols('x y')
    >>> sorted(map(str, free_symbols_of([x + 1, sp.Matrix([y]), 3])))
    ['x', 'y']
    """
    found: set[sp.Symbol] = set()
    for e in exprs:
        if isinstance(e, str):
            raise InvalidInputError(
                f"got the string {e!r} where a sympy expression is expected; parse user strings with "
                "mathml.parse_expr")
        if isinstance(e, (sp.Basic, sp.MatrixBase)):
            found |= {s for s in e.free_symbols if isinstance(s, sp.Symbol)}
    return found


def distinguished_symbol(exprs: Iterable[Any], given: sp.Symbol | None = None, *, name: str,
                         infer_single: bool = True, **assumptions: bool) -> sp.Symbol:
    """Return the symbol that plays the role ``name`` in ``exprs``.

    Parameters
    ----------
    exprs : iterable of sympy expressions
        The user's expressions (weights, potentials, ...).
    given : sympy.Symbol, optional
        The symbol the user passed explicitly (``t=...``); it is checked and returned.
    name : str
        The family's default name for the symbol.
    infer_single : bool
        Use the only free symbol when none is called ``name`` (default True).
    **assumptions : bool
        What the family needs (e.g. ``real=True``); a same-named symbol whose
        assumptions contradict these raises.

    Returns
    -------
    sympy.Symbol

    Raises
    ------
    InvalidInputError
        ``given`` is not a Symbol, or the same-named symbol contradicts ``assumptions``,
        or the choice is ambiguous (several free symbols, none named ``name``).
    """
    exprs = list(exprs)
    free = free_symbols_of(exprs)
    if given is not None:
        if not isinstance(given, sp.Symbol):
            raise InvalidInputError(f"{name}= must be a sympy Symbol, got {type(given).__name__}: {given!r}")
        _check_assumptions(given, name, assumptions)
        return given
    named = [s for s in free if s.name == name]
    if len(named) > 1:
        raise InvalidInputError(
            f"your expressions contain {len(named)} different symbols named {name} (with assumptions "
            f"{[_assumption_text(s) for s in named]}); pass the one you mean with {name}=...")
    if named:
        _check_assumptions(named[0], name, assumptions)
        return named[0]
    if infer_single and len(free) == 1:
        (only,) = free
        _check_assumptions(only, name, assumptions)
        return only
    if len(free) > 1 and infer_single:
        raise InvalidInputError(
            f"cannot tell which of the free symbols {sorted(map(str, free))} plays the role of {name}; "
            f"pass it with {name}=...")
    return sp.Symbol(name, **assumptions)


def _assumption_text(sym: sp.Symbol) -> str:
    keys = {k: v for k, v in sorted(sym.assumptions0.items()) if k in _CHECKED and v is not None}
    return "{" + ", ".join(f"{k}: {v}" for k, v in keys.items()) + "}"


_CHECKED = ("real", "positive", "negative", "nonnegative", "nonpositive", "integer", "imaginary",
            "complex", "zero", "nonzero", "finite", "rational")


def _check_assumptions(sym: sp.Symbol, name: str, needed: dict[str, bool]) -> None:
    own = sym.assumptions0
    clash = {k: v for k, v in needed.items() if k in own and own[k] is not None and own[k] != v}
    if clash:
        declared = getattr(sym, "_assumptions_orig", None) or {k: own[k] for k in clash}
        own_text = "{" + ", ".join(f"{k}: {v}" for k, v in sorted(declared.items())) + "}"
        need_text = "{" + ", ".join(f"{k}: {v}" for k, v in needed.items()) + "}"
        args = ", ".join(f"{k}={v}" for k, v in needed.items())
        raise InvalidInputError(
            f"the symbol {sym.name} in your expression has assumptions {own_text}, which contradict what "
            f"this family needs for {name} ({need_text}); pass your symbol explicitly with {name}=..., "
            f"or use sympy.Symbol('{name}', {args})")
