"""Sums with a symbolic upper limit, proved by induction on the limit through the exact normal form.

For ``D(n)`` containing sums ``S_i(n) = Sum(f_i(k), (k, a, n))`` (the same upper
limit ``n``, an integer symbol, and the same lower limit ``a``), write
``D = E(S_1, ..., S_m, n)``.  With sympy's (Karr's) convention
``S_i(n) - S_i(n - 1) = f_i(n)`` for every integer ``n`` and ``S_i(a - 1) = 0``, so

- step: ``E(s, n) - E(s - f(n), n - 1) = 0`` for free symbols ``s``, and
- base: ``E(0, a - 1) = 0``

prove ``D(n) = 0`` for every integer ``n`` where it is defined.  When the base is
undefined at ``a - 1``, ``E(f(a), a) = 0`` is used instead and the proof covers
``n >= a``, which must then follow from the assumptions on ``n``.

Examples
--------
>>> import sympy as sp
>>> from mathml.core.induction import induction_zero
>>> k, n = sp.symbols('k n', integer=True, positive=True)
>>> induction_zero(sp.Sum(k**3, (k, 1, n)) - (n*(n + 1)/2)**2)
'induction on n'
>>> induction_zero(sp.Sum(k, (k, 1, n)) - n**2/2) is None
True
"""
from __future__ import annotations

import sympy as sp

from .budget import Budget
from .normalform import Unsupported, exact_zero

__all__ = ["induction_zero"]


def _sums(expr: sp.Expr) -> list[sp.Sum]:
    return sorted(expr.atoms(sp.Sum), key=sp.default_sort_key)


def induction_zero(expr: sp.Expr, budget: Budget | None = None) -> str | None:
    """``"induction on n"`` when the induction above proves ``expr = 0``, else None.

    Parameters
    ----------
    expr : sympy expression
        Typically ``lhs - rhs`` with sums whose upper limit is an integer symbol.
    budget : Budget, optional
        Counts the work of the normal forms.

    Returns
    -------
    str or None

    Examples
    --------
    >>> import sympy as sp
    >>> k, n = sp.symbols('k n', integer=True, positive=True)
    >>> induction_zero(sp.Sum(1/(k*(k + 1)), (k, 1, n)) - (1 - 1/(n + 1)))
    'induction on n'
    """
    sums = _sums(expr)
    if not sums or any(len(s.limits) != 1 for s in sums):
        return None
    uppers = {s.limits[0][2] for s in sums}
    lowers = {s.limits[0][1] for s in sums}
    if len(uppers) != 1 or len(lowers) != 1:
        return None
    n, a = uppers.pop(), lowers.pop()
    if not (isinstance(n, sp.Symbol) and n.is_integer) or a.has(n):
        return None
    if any(s.function.has(n) or s.function.has(sp.Sum) for s in sums):
        return None
    stand = {s: sp.Dummy(f"s{i}") for i, s in enumerate(sums)}
    body = expr.xreplace(stand)
    if body.has(sp.Sum):
        return None
    term = {s: s.function.xreplace({s.limits[0][0]: n}) for s in sums}
    previous = body.xreplace({n: n - 1}).xreplace({stand[s]: stand[s] - term[s] for s in sums})
    try:
        if exact_zero(body - previous, budget) is not True:
            return None
        base = body.xreplace({d: 0 for d in stand.values()}).xreplace({n: a - 1})
        try:
            if not base.has(sp.zoo, sp.nan) and exact_zero(base, budget) is True:
                return f"induction on {n}"
        except Unsupported:
            pass
        if (n - a).is_nonnegative is not True:
            return None
        first = body.xreplace({stand[s]: term[s].xreplace({n: a}) for s in sums}).xreplace({n: a})
        if not first.has(sp.zoo, sp.nan) and exact_zero(first, budget) is True:
            return f"induction on {n}"
    except Unsupported:
        return None
    return None
