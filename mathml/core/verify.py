"""The verification ladder: `verify(lhs, rhs)` returns an honest `Verdict`.

1. structural equality (nothing else is built for equal inputs);
2. the exact normal form (`mathml.core.normalform`, python-flint polynomials):
   rational functions, exponentials of monomials (trig and hyperbolic functions
   through them), undefined functions and their derivatives as variables,
   integrals split linearly with the fundamental theorem, Gamma shifts.  Zero is
   a proof; an exact non-zero constant is a disproof;
3. sums with a symbolic upper limit by induction (`mathml.core.induction`);
4. constants (no free symbols, no unknown functions): an Arb ball for
   ``lhs - rhs`` that excludes 0 is a rigorous disproof;
5. a numeric screen (`mathml.core.screen`): symbols drawn as exact rationals
   across scales and on branch cuts, undefined functions replaced by random
   non-periodic test functions (exact derivatives), mpmath at ``dps`` digits; a
   mismatch counts only when it persists at more than twice the precision;
6. if nothing is proved yet, sympy's normal forms and ``simplify`` in-process.

All stages run inside one work budget (`mathml.core.budget`): ``timeout``
seconds of counted work for the whole call, enforced cooperatively in the
calling thread (no fork, no signals), so `verify` works in daemon processes,
dask workers and on platforms without fork, and its verdict does not depend on
machine load.

Examples
--------
>>> import sympy as sp
>>> from mathml.core.verify import verify
>>> t = sp.Symbol('t', positive=True)
>>> w, g = sp.Function('w'), sp.Function('g')
>>> lhs = sp.diff(sp.exp(g(t)) * w(t), t)
>>> verify(lhs, sp.exp(g(t)) * (w(t).diff(t) + g(t).diff(t) * w(t))).method
'symbolic: exact normal form'
>>> x = sp.Symbol('x')
>>> v = verify(sp.log(sp.exp(x)), x)
>>> v.status, sorted(v.counterexample)
(<Status.disproved: 'disproved'>, ['x'])
"""
from __future__ import annotations

import math
import time
from typing import Any, Mapping

import mpmath
import sympy as sp
from sympy.core.function import AppliedUndef

from .budget import Budget, BudgetExhausted
from .induction import induction_zero
from .inputs import as_pair, check_options, resolve_domain
from .normalform import Unsupported, exact_zero
from .screen import Screen, _function_templates, numeric_screen
from .symbolic import symbolic_zero
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
        get ``generic(3)`` (non-periodic, with non-zero mixed partials).
    domain : mapping, optional
        Symbol (or name) -> ``(low, high)``; must agree with the symbol's assumptions.
    points, dps, seed : int
        Sample points, significant digits required, random seed.
    timeout : float
        The budget of the whole call, every stage included, in seconds of
        counted work (`mathml.core.budget`: about 3 million Python calls per
        second, so the verdict does not depend on machine load), with a
        guard at ``timeout + 0.75`` s of the thread's CPU time (and a last-resort
        wall-clock guard at ``4 * timeout + 5`` s).  It is enforced in-process and
        cooperatively: no fork, no signal, so `verify` works inside daemon
        processes (``multiprocessing.Pool``), dask workers and on Windows.  When
        it runs out the verdict is ``consistent`` if the numeric screen
        finished or at least 3 points agreed (``points`` says how many), else
        ``unknown``.  Single big-number operations cannot be
        interrupted, so the numeric screen is skipped when ``dps`` is too large
        for the budget (about ``(dps / 20000) ** 1.6`` seconds are needed).
    rigorous : bool
        Confirm numeric counterexamples with Arb balls (python-flint).

    Returns
    -------
    Verdict
        ``proved`` (exact normal form, induction, or a sympy normal form
        confirmed by the numeric screen), ``disproved`` (an exact non-zero
        constant, an Arb ball excluding 0, or a counterexample confirmed at more
        than twice the precision), ``consistent`` (numeric agreement only) or
        ``unknown``.  A near-identity that agrees to more than ``dps`` digits
        at every point is ``consistent`` at that precision: ask for more digits
        with ``dps=`` (symbol-free constants are decided by Arb balls instead).

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
    >>> near = verify(sp.exp(sp.pi*sp.sqrt(163)), 640320**3 + 744)
    >>> near.status, near.method
    (<Status.disproved: 'disproved'>, 'arb 128 bits: the ball for lhs - rhs excludes 0')
    >>> verify(sp.Rational(1, 10**40) + 1, 1).method
    'exact: lhs - rhs reduces to a non-zero rational constant'
    >>> n = sp.Symbol('n', integer=True)
    >>> verify(sp.binomial(n + 1, 3), sp.binomial(n, 3) + sp.binomial(n, 2)).method
    'symbolic: exact normal form'

    >>> verify(sp.sqrt(t**2), t, domain={t: (-2, -1)})   # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    mathml.core.errors.DomainError: domain (-2, -1) for t contradicts its assumptions: ...
    """
    start = time.perf_counter()
    check_options(points, dps, seed, timeout)
    left, right, _shape = as_pair(lhs, rhs)
    if rigorous:
        from .arb import require_flint
        require_flint()
    exprs = left + right
    resolve_domain(domain, set().union(*(e.free_symbols for e in exprs)))  # errors first, on every path
    _function_templates(exprs, functions)

    def done(status, method, **kw):
        return Verdict(status, method=method, seed=seed, elapsed=time.perf_counter() - start,
                       lhs=lhs, rhs=rhs, **kw)

    if all(l == r for l, r in zip(left, right)):
        return done(Status.proved, "symbolic: structural", points=0)
    diffs = [l - r for l, r in zip(left, right)]
    budget = Budget(timeout)
    num: dict = {"kind": "interrupted"}
    progress: dict = {}
    try:
        exact = _exact_stage(diffs, budget)
        if exact is not None:
            return done(*exact[:2], **exact[2])
        constant = _constant_stage(diffs, budget)
        if constant is not None:
            return done(*constant[:2], **constant[2])
        if any(s.is_commutative is False for e in exprs for s in e.free_symbols):
            return done(Status.unknown, "no numeric check: numbers cannot stand for non-commutative "
                        "symbols", points=0, note="the exact normal form is commutative; nothing decided")
        if budget.remaining_seconds() < (dps / 20000) ** 1.6:
            # one elementary function at this precision is a single long big-integer operation
            # that no cooperative check can interrupt: refuse it up front
            raise BudgetExhausted("precision")
        screen = budget.run(Screen, left, right, functions, domain)
        num = budget.run(numeric_screen, screen, len(left), points, dps, seed, rigorous,
                         list(zip(left, right)), budget, progress)
        if num["kind"] == "mismatch":
            status, method, fields = _disproof(num, dps, rigorous, len(left))
            return done(status, method, **fields)
        if num["kind"] != "agree":
            # a symbolic reduction counts only with numeric agreement: do not spend the budget on it
            proved_by, stop = None, "no numeric check is possible, so no symbolic reduction was tried"
        elif any(_unknown_under_integral(d) for d in diffs):
            proved_by, stop = None, "no symbolic procedure integrates unknown functions"
        else:
            proved_by = budget.run(symbolic_zero, diffs)[0]
            stop = "no symbolic reduction found"
            if proved_by and any(d.has(sp.binomial) for d in diffs):
                # sympy's simplify treats binomial as a Gamma quotient, which it is not at
                # negative integers: its "0" is not a proof there
                proved_by, stop = None, f"sympy's {proved_by} is not trusted with binomial"
    except BudgetExhausted as exc:
        proved_by = None
        if num["kind"] == "interrupted" and progress.get("agreed", 0) >= 3:
            # the screen was stopped after at least 3 agreeing points: that much evidence stands
            rel = progress["worst_rel"]
            num = {"kind": "agree", "evaluated": progress["agreed"], "max_err": progress["max_err"],
                   "digits": float(dps) if rel == 0 else min(float(dps), -math.log10(rel))}
        stop = (f"dps={dps} does not fit in the {timeout:g} s budget (raise timeout)"
                if str(exc) == "precision" else f"the {timeout:g} s work budget ran out")
    evaluated = num.get("evaluated", progress.get("evaluated", 0))
    plural = "s" * (evaluated != 1)
    numeric_text = (f"mpmath {dps} digits, {evaluated} point{plural}" if num["kind"] == "agree"
                    else "no sample point could be evaluated" if num["kind"] == "none"
                    else "a mismatch could not be re-evaluated" if num["kind"] == "unresolved"
                    else f"the numeric screen did not finish ({progress.get('agreed', 0)} points agreed)"
                    if progress
                    else "the numeric screen did not start")
    if proved_by and num["kind"] == "agree":
        return done(Status.proved, f"symbolic: {proved_by}; numeric check: {numeric_text}",
                    max_error=num.get("max_err"), digits=num.get("digits"), points=evaluated)
    if num["kind"] == "agree":
        return done(Status.consistent, numeric_text, max_error=num["max_err"],
                    digits=round(num["digits"], 1), points=evaluated,
                    note=f"{stop}; agreement to {dps} digits (ask for more with dps=...)")
    return done(Status.unknown, numeric_text, points=evaluated, note=stop)


def _exact_stage(diffs, budget: Budget):
    """Normal form and induction: (status, method, fields) or None."""
    proofs = []
    for i, d in enumerate(diffs):
        try:
            value = exact_zero(d, budget)
        except Unsupported:
            value = False
        if value is True:
            proofs.append("symbolic: exact normal form")
            continue
        if value is not False:   # an exact non-zero rational constant
            where = f" (entry {i})" if len(diffs) > 1 else ""
            return (Status.disproved, "exact: lhs - rhs reduces to a non-zero rational constant",
                    {"max_error": float(abs(value)), "digits": 0.0, "points": 0, "counterexample": {},
                     "note": f"lhs - rhs = {_short(value)} exactly{where}"})
        by = induction_zero(d, budget) if d.has(sp.Sum) else None
        if by is None:
            return None
        proofs.append(f"{by}: base and step by the exact normal form")
    method = proofs[0] if len(set(proofs)) == 1 else "symbolic: exact normal form and induction"
    if any(p.startswith("induction") for p in proofs) and len(set(proofs)) == 1:
        method = proofs[0]
    return Status.proved, method, {"points": 0}


def _unknown_under_integral(d) -> bool:
    """An integral of an unknown function that the exact normal form left: sympy cannot do better."""
    return any(i.atoms(AppliedUndef) for i in d.atoms(sp.Integral))


def _short(value) -> str:
    text = str(value)
    return text if len(text) <= 60 else f"{float(value):.6e}"


def _constant_stage(diffs, budget: Budget):
    """Symbol-free entries: an Arb ball excluding 0 is a rigorous disproof."""
    if any(d.free_symbols or d.atoms(AppliedUndef) or d.has(sp.Integral, sp.Sum, sp.Product,
                                                          sp.Derivative) for d in diffs):
        return None
    from .arb import arb_excludes_zero
    for i, d in enumerate(diffs):
        found = budget.run(arb_excludes_zero, d)
        if found is not None:
            with mpmath.workdps(30):
                try:
                    gap = float(abs(sp.N(d, 30)))
                except (TypeError, ValueError):
                    gap = None
            where = f" (entry {i})" if len(diffs) > 1 else ""
            return (Status.disproved, f"{found}: the ball for lhs - rhs excludes 0",
                    {"max_error": gap, "digits": 0.0, "points": 1, "counterexample": {},
                     "note": f"lhs - rhs = {gap:.6e}{where}" if gap is not None else where})
    return None


def _disproof(num, dps, rigorous, n_entries):
    point, i = num["point"], num["entry"]
    note = (f"at the counterexample lhs = {mpmath.nstr(num['lhs'], 15)}, "
            f"rhs = {mpmath.nstr(num['rhs'], 15)}" + (f" (entry {i})" if n_entries > 1 else ""))
    method = f"mpmath {dps} digits, confirmed at {num['confirm']} digits"
    arb = num.get("arb")
    if arb:
        method += f"; {arb} ball excludes 0"
    elif rigorous:
        method += "; arb could not evaluate this expression"
    return Status.disproved, method, {"max_error": num["max_err"], "digits": 0.0,
                                      "points": num["evaluated"], "counterexample": point, "note": note}
