"""The last stage of the ladder: sympy's normal forms and ``simplify``.

`verify` reaches this stage only when the exact normal form
(`mathml.core.normalform`) met atoms it does not model (nested radicals,
inverse trigonometric functions, special functions) and the numeric screen
agreed.  It runs in-process inside the call's work budget
(`mathml.core.budget`), which stops ``simplify`` cooperatively.

Examples
--------
>>> import sympy as sp
>>> from mathml.core.symbolic import symbolic_zero
>>> x = sp.Symbol('x')
>>> symbolic_zero([sp.sqrt(3 + 2*sp.sqrt(2)) - 1 - sp.sqrt(2)])[0]
'simplify'
"""
from __future__ import annotations

import math

import sympy as sp

__all__ = ["symbolic_zero"]


_DENOMINATOR_TRIG = (sp.tan, sp.cot, sp.sec, sp.csc, sp.tanh, sp.coth, sp.sech, sp.csch)
_TRIG = (sp.sin, sp.cos, sp.sinh, sp.cosh) + _DENOMINATOR_TRIG
_CONCRETE = (sp.Integral, sp.Sum, sp.Product)
_INLINE_NODES = 300  # expressions this small are rewritten in-process (fast, warm cache)


def _expanded_terms(e: sp.Basic, cap: int) -> int:
    """Upper estimate of the number of terms `expand` produces (stops counting at cap)."""
    if e.is_Add:
        return min(cap, sum(_expanded_terms(a, cap) for a in e.args))
    if e.is_Mul:
        n = 1
        for a in e.args:
            n = min(cap, n * _expanded_terms(a, cap))
        return n
    if e.is_Pow and e.exp.is_Integer and e.exp > 1:
        k = int(e.exp)
        return min(cap, math.comb(_expanded_terms(e.base, cap) + k - 1, k))
    return 1


def _small(e: sp.Expr) -> bool:
    """Small enough to rewrite in-process: few nodes and a bounded expansion."""
    for i, _node in enumerate(sp.preorder_traversal(e)):
        if i > _INLINE_NODES:
            return False
    return _expanded_terms(e, 5001) <= 5000


def _exp_rewrite(e: sp.Expr, *, cancel: bool) -> sp.Expr:
    if not e.has(*_TRIG):
        return e
    e = sp.powsimp(sp.expand(e.rewrite(sp.exp)))
    return sp.cancel(e) if cancel else sp.expand(e)


def _doit(e: sp.Expr) -> sp.Expr:
    return sp.cancel(sp.expand_func(sp.expand(e.doit())))


def _merge_add(e: sp.Expr) -> sp.Expr:
    """Linearity: c1 Integral(f1, L) + c2 Integral(f2, L) -> Integral(c1 f1 + c2 f2, L)."""
    groups: dict[tuple, list] = {}
    rest = []
    for term in sp.Add.make_args(sp.expand(e)):
        coeff, integral = term.as_independent(sp.Integral, as_Add=False)
        if isinstance(integral, sp.Integral) and not (coeff.free_symbols & integral.variables_set()
                                                       if hasattr(integral, "variables_set") else
                                                       coeff.free_symbols & set(integral.variables)):
            groups.setdefault(integral.limits, []).append(coeff * integral.function)
        else:
            rest.append(term)
    merged = []
    for limits, parts in groups.items():
        integrand = sp.expand(sp.Add(*parts))
        if integrand != 0:
            merged.append(sp.Integral(integrand, *limits))
    return sp.Add(*rest, *merged)


def _integral_linearity(e: sp.Expr) -> sp.Expr:
    if not e.has(sp.Integral):
        return e
    e = sp.powsimp(sp.expand(e), combine="exp")
    e = e.replace(lambda n: n.is_Add and n.has(sp.Integral), _merge_add)
    return sp.expand(_merge_add(e))


# (name, procedure, cheap).  Each procedure starts from the original difference: an
# earlier rewrite (expand splitting a Sum, say) can hide what a later one would find.
# ``inline=True`` runs only the cheap, size-bounded ones; `verify` runs them all, in
# this order, inside its work budget (which stops integration in doit, cancel of
# exponential rewrites and simplify cooperatively).
_PROCEDURES = [
    ("expand", sp.expand, _small),
    ("cancel", lambda e: sp.cancel(sp.together(sp.expand(e))), lambda e: _small(e) and not e.has(*_CONCRETE)),
    ("doit", _doit, lambda e: _small(e) and not e.has(*_CONCRETE)),
    ("integral linearity", _integral_linearity, lambda e: _small(e) and e.has(sp.Integral)),
    ("exp rewrite", lambda e: _exp_rewrite(e, cancel=False),
     lambda e: _small(e) and not e.has(*_DENOMINATOR_TRIG) and not e.has(*_CONCRETE)),
    ("simplify", sp.simplify, lambda e: False),
    ("doit, exp rewrite", lambda e: _exp_rewrite(_doit(e), cancel=True), lambda e: False),
]
_STEP_ERRORS = (sp.PolynomialError, sp.SympifyError, TypeError, ValueError, AttributeError,
                NotImplementedError, RecursionError, ZeroDivisionError)


def symbolic_zero(diffs: list[sp.Expr], *, inline: bool | None = None,
                  skip: tuple[int, ...] = ()) -> tuple[str | None, tuple[int, ...]]:
    """Try exact procedures on every entry; return (procedure that reduced all to 0, tried).

    ``inline=True`` runs only the size-bounded in-process procedures,
    ``inline=False`` only the others; ``None`` runs all (no time limit: use
    `verify` for a budget).

    Examples
    --------
    >>> import sympy as sp
    >>> x = sp.Symbol('x')
    >>> symbolic_zero([(x + 1)**2 - x**2 - 2*x - 1])[0]
    'expand'
    >>> symbolic_zero([sp.sin(x)**2 + sp.cos(x)**2 - 1])[0]
    'exp rewrite'
    """
    remaining = [e for e in diffs if e != 0]
    tried: list[int] = []
    if not remaining:
        return "structural", ()
    for index, (name, procedure, cheap) in enumerate(_PROCEDURES):
        if index in skip:
            continue
        ok_inline = all(cheap(e) for e in remaining)
        if (inline is True and not ok_inline) or (inline is False and ok_inline):
            continue
        tried.append(index)
        still = []
        for e in remaining:
            try:
                reduced = procedure(e)
            except _STEP_ERRORS:
                reduced = e
            if reduced != 0:
                still.append(e)
        if not still:
            return name, tuple(tried)
        remaining = still
    return None, tuple(tried)
