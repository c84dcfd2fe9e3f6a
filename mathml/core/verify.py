"""The verification ladder: `verify(lhs, rhs)` returns an honest `Verdict`.

1. structural equality;
2. exact normal forms (expand, cancel/together, doit, exponential rewrite,
   integral linearity) in-process for small expressions (`mathml.core.symbolic`);
3. a numeric screen (`mathml.core.screen`): free symbols drawn as exact
   rationals from their assumptions or a ``domain``, undefined functions
   replaced by random test functions (exact derivatives), mpmath at ``dps``
   digits; a mismatch is re-evaluated at more than twice the precision before it
   counts, and with ``rigorous=True`` an Arb ball that excludes 0 confirms it;
4. if nothing is decided yet, the remaining normal forms and ``simplify`` in a
   forked worker that is abandoned when the time budget runs out.

Examples
--------
>>> import sympy as sp
>>> from mathml.core.verify import verify
>>> t = sp.Symbol('t', positive=True)
>>> w, g = sp.Function('w'), sp.Function('g')
>>> lhs = sp.diff(sp.exp(g(t)) * w(t), t)
>>> verify(lhs, sp.exp(g(t)) * (w(t).diff(t) + g(t).diff(t) * w(t))).status
<Status.proved: 'proved'>
>>> x = sp.Symbol('x')
>>> v = verify(sp.log(sp.exp(x)), x)
>>> v.status, sorted(v.counterexample)
(<Status.disproved: 'disproved'>, ['x'])
"""
from __future__ import annotations

import time
from typing import Any, Mapping

import mpmath

from .inputs import as_pair, check_options
from .screen import Screen, numeric_screen
from .symbolic import SymbolicJob, symbolic_zero
from .verdict import Status, Verdict

__all__ = ["verify"]


def verify(lhs: Any, rhs: Any = 0, *, functions: Mapping | None = None,
           domain: Mapping | None = None, points: int = 24, dps: int = 30, seed: int = 0,
           timeout: float = 5.0, rigorous: bool = False) -> Verdict:
    """Check ``lhs == rhs`` and return an honest `Verdict`.

    Parameters
    ----------
    lhs, rhs : sympy expression, Eq, or matrix (same shape, checked entrywise)
    functions : mapping, optional
        Name (or sympy function) -> sampler from `mathml.core.sampling`, sympy
        `Lambda` or concrete expression, for the undefined functions; others
        get ``smooth(3)``.
    domain : mapping, optional
        Symbol (or name) -> ``(low, high)``; must agree with the symbol's assumptions.
    points, dps, seed : int
        Sample points, significant digits required, random seed.
    timeout : float
        Seconds for the symbolic stage (``simplify`` included); it is abandoned after.
    rigorous : bool
        Confirm counterexamples with Arb balls (needs python-flint).

    Returns
    -------
    Verdict
        ``proved`` (exact symbolic reduction, also checked numerically),
        ``disproved`` (counterexample confirmed at higher precision),
        ``consistent`` (numeric agreement only) or ``unknown``.

    Raises
    ------
    InvalidInputError
        Non-sympy input, NaN/infinite input, mismatched shapes, bad options.
    DomainError
        A domain that is empty or contradicts a symbol's assumptions.

    Examples
    --------
    >>> import sympy as sp
    >>> t = sp.Symbol('t', positive=True)
    >>> verify(sp.sin(t)**2 + sp.cos(t)**2, 1).status
    <Status.proved: 'proved'>
    >>> near = verify(sp.exp(sp.pi*sp.sqrt(163)), 640320**3 + 744, dps=50)
    >>> near.status, near.method
    (<Status.disproved: 'disproved'>, 'mpmath 50 digits, confirmed at 130 digits')
    >>> verify(sp.sqrt(t**2), t, domain={t: (-2, -1)})
    Traceback (most recent call last):
    ...
    mathml.core.errors.DomainError: domain (-2, -1) for t contradicts its assumptions: t is declared positive, so the domain must lie in (0, oo)
    """
    start = time.perf_counter()
    check_options(points, dps, seed, timeout)
    left, right, _shape = as_pair(lhs, rhs)
    if rigorous:
        from .arb import require_flint
        require_flint()
    screen = Screen(left, right, functions, domain)

    def done(status, method, **kw):
        return Verdict(status, method=method, seed=seed, elapsed=time.perf_counter() - start,
                       lhs=lhs, rhs=rhs, **kw)

    if all(l == r for l, r in zip(left, right)):
        return done(Status.proved, "symbolic: structural", points=0)

    diffs = [l - r for l, r in zip(left, right)]
    proved_by, tried = symbolic_zero(diffs, inline=True)
    num = numeric_screen(screen, len(left), points, dps, seed, rigorous, list(zip(left, right)))
    sym = ("done", proved_by)
    if proved_by is None and num["kind"] != "mismatch":
        job = SymbolicJob(diffs, timeout, skip=tried)
        try:
            sym = job.wait()
        finally:
            job.close()
    proved_by = sym[1] if sym[0] == "done" else None
    evaluated = num.get("evaluated", 0)
    if num["kind"] == "mismatch":
        point, i = num["point"], num["entry"]
        note = (f"at the counterexample lhs = {mpmath.nstr(num['lhs'], 15)}, "
                f"rhs = {mpmath.nstr(num['rhs'], 15)}" + (f" (entry {i})" if len(left) > 1 else ""))
        if proved_by:
            return done(Status.unknown, f"contradiction: symbolic {proved_by} gives 0 but mpmath "
                        "finds a difference", max_error=num["max_err"], points=evaluated, note=note)
        method = f"mpmath {dps} digits, confirmed at {num['confirm']} digits"
        if rigorous:
            arb = num.get("arb")
            method += f"; {arb}" if arb else "; arb could not evaluate this expression"
        return done(Status.disproved, method, max_error=num["max_err"], digits=0.0,
                    points=evaluated, counterexample=point, note=note)
    numeric_text = (f"mpmath {dps} digits, {evaluated} points" if num["kind"] == "agree"
                    else "no sample point could be evaluated")
    if proved_by:
        return done(Status.proved, f"symbolic: {proved_by}; numeric check: {numeric_text}",
                    max_error=num.get("max_err"), digits=num.get("digits"), points=evaluated)
    why = {"timeout": f"symbolic stage stopped at the {timeout:g} s budget",
           "error": f"symbolic stage failed ({sym[1]})"}.get(sym[0], "no symbolic reduction found")
    if num["kind"] == "agree":
        return done(Status.consistent, numeric_text, max_error=num["max_err"],
                    digits=round(num["digits"], 1), points=evaluated, note=why)
    return done(Status.unknown, numeric_text, points=evaluated,
                note=why + ("; a mismatch could not be re-evaluated" if num["kind"] == "unresolved" else ""))

