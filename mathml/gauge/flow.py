"""Numeric flow maps of linear neural ODEs and the `flow_equivalence` check.

The flow map of x' = w x + b is affine, x(T) = A x(0) + B, so two models have the
same input-output map iff their (A, B) agree.  Each is computed twice at mpmath
precision: by Chebyshev (Clenshaw--Curtis) quadrature of the Wilson-line form
A = exp(int w), B = int U(T, s) b(s) ds, and independently by spectral collocation
of the ODE itself (solving the discretised integral equation x = x0 + int (w x + b)).

Examples
--------
>>> import sympy as sp
>>> import mathml as mm
>>> from mathml.gauge import LinearNODE, flow_equivalence
>>> node = LinearNODE()
>>> g = sp.Function('g')(node.t)
>>> v = flow_equivalence(node, node.rescale(g).transformed, T=1,
...                      functions={"g": mm.vanishing(at=[0, 1])}, points=3)
>>> v.status.value, v.digits >= 25
('consistent', True)
"""
from __future__ import annotations

import dataclasses
import time
from typing import Any, Mapping

import flint
import mpmath
import numpy as np
import sympy as sp
from sympy.core.function import AppliedUndef

from ..core.checks import agreeing_digits, check_close, compare_routes
from ..core.errors import InvalidInputError
from ..core.evaluation import compile_mp
from ..core.sampling import Sampler, random_rational, smooth
from ..core.verdict import Status, Verdict
from . import _spectral
from ._common import T_DEFAULT
from .linear import LinearNODE

__all__ = ["flow_equivalence", "flow_map", "numeric_flow"]

_N_START, _N_MAX = 32, 512


def _check_int(name: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not low <= value <= high:
        raise InvalidInputError(f"{name} must be an integer in [{low}, {high}], got {value!r}")
    return int(value)


def _check_T(T: Any) -> sp.Expr:
    if isinstance(T, bool) or isinstance(T, (str, bytes)):
        raise InvalidInputError(f"T must be a positive number or a positive sympy Symbol, got {T!r}")
    if isinstance(T, float):
        T = sp.nsimplify(T, rational=True)
    T = sp.sympify(T) if isinstance(T, int) else T
    if not isinstance(T, sp.Expr):
        raise InvalidInputError(f"T must be a positive number or a positive sympy Symbol, got {T!r}")
    if isinstance(T, sp.Symbol):
        return T
    if not T.is_number or not (T.is_positive and T.is_finite):
        raise InvalidInputError(f"T must be a positive finite number or a positive Symbol, got {T}")
    return T


def numeric_flow(w_fn, b_fn, T, *, n: int | None = None) -> dict:
    """(A, B) of x' = w x + b on [0, T] by two routes, at the current mpmath precision.

    ``w_fn``, ``b_fn`` map an mpf time to an mpf value.  Returns a dict with
    ``A``, ``B`` (Wilson-line quadrature), ``A_ode``, ``B_ode`` (collocation) and ``n``.

    Examples
    --------
    >>> import mpmath
    >>> with mpmath.workdps(30):
    ...     r = numeric_flow(mpmath.sin, lambda s: mpmath.mpf(1), 1)
    ...     print(mpmath.nstr(r["A"] * 0.5 + r["B"], 14))   # brief 1.9 oracle
    2.1559337893485
    """
    T = mpmath.mpf(T)
    target = mpmath.mpf(10) ** (-mpmath.mp.dps + 9)
    n = n or _N_START
    while True:
        ts = _spectral.nodes(T, n)
        wv = _spectral.to_arb([w_fn(s) for s in ts])
        bv = _spectral.to_arb([b_fn(s) for s in ts])
        with _spectral.arb_precision():
            m = n + 1
            W = _spectral.antiderivative(wv, n, T)
            inner = flint.arb_mat([[(-W[j, 0]).exp() * bv[j, 0]] for j in range(m)])
            # x(t) = U(t,0) (x0 + int_0^t U(0,s) b): resolving exp(W) and the inner integrand
            # resolves the collocation solution as well
            expW = flint.arb_mat([[W[j, 0].exp()] for j in range(m)])
        worst = max(_spectral.tail(v, n) for v in (wv, bv, inner, expW))
        if n >= _N_MAX or worst < target:
            break
        n *= 2
    with _spectral.arb_precision():
        A = W[n, 0].exp()
        B = A * _spectral.antiderivative(inner, n, T)[n, 0]
        # collocation: (I - S diag(w)) x = x0 + S b, for x0 = 0 (gives B) and x0 = 1 (gives A + B)
        S = _spectral.integration_matrix(n) * (_spectral.to_arb([T])[0, 0] / 2)
        D = flint.arb_mat(m, m)
        for j in range(m):
            D[j, j] = wv[j, 0]
        M = flint.arb_mat(m, m, [1 if i == j else 0 for i in range(m) for j in range(m)]) - S * D
        Sb = S * bv
        rhs = flint.arb_mat([[Sb[i, 0], Sb[i, 0] + 1] for i in range(m)])
        x = M.solve(rhs, algorithm="approx")  # midpoints suffice: accuracy is checked by comparison
        return {"A": _spectral.to_mp(A), "B": _spectral.to_mp(B),
                "A_ode": _spectral.to_mp(x[n, 1] - x[n, 0]), "B_ode": _spectral.to_mp(x[n, 0]), "n": n}


def _undefined(exprs) -> dict:
    found: dict[str, Any] = {}
    for e in exprs:
        for a in e.atoms(AppliedUndef):
            found[a.func.__name__] = a.func
            if len(a.args) != 1:
                raise InvalidInputError(f"undefined function {a.func} must take one argument (time)")
    return found


def _resolve_specs(found: dict, functions: Mapping | None, t: sp.Symbol) -> dict:
    specs: dict[str, Any] = {}
    for key, spec in (functions or {}).items():
        name = key if isinstance(key, str) else getattr(key, "__name__", None)
        if not isinstance(name, str):
            raise InvalidInputError(f"functions keys must be names or sympy functions, got {key!r}")
        if name not in found:
            raise InvalidInputError(
                f"functions names {name!r}, which appears in neither model; undefined functions "
                f"present: {sorted(found) or 'none'}")
        if isinstance(spec, Sampler):
            specs[name] = spec
        elif isinstance(spec, sp.Lambda):
            specs[name] = spec
        elif isinstance(spec, (sp.Expr, int, float)) and not isinstance(spec, bool):
            specs[name] = sp.Lambda(t, sp.nsimplify(spec, rational=True) if isinstance(spec, float)
                                    else sp.sympify(spec))
        else:
            raise InvalidInputError(
                f"functions[{name!r}] must be a sampler (mathml.smooth(), vanishing(...), ...), "
                f"a sympy expression in {t} or a Lambda, got {type(spec).__name__}")
    return specs


def _flow_pair(exprs, t, templates, T_val, dps):
    with mpmath.workdps(dps + 10):
        fns = compile_mp(exprs, [t], functions=templates)
        cache: dict = {}

        def value(k):
            def f(s):
                key = (s, k)
                if key not in cache:
                    vals = fns([s])
                    for j in range(4):
                        cache[(s, j)] = mpmath.re(vals[j])
                return cache[key]
            return f
        Tm = mpmath.mpf(T_val.p) / T_val.q if T_val.is_Rational else mpmath.mpf(sp.Float(T_val, dps + 10))
        ra = numeric_flow(value(0), value(1), Tm)
        rb = numeric_flow(value(2), value(3), Tm)
        return ra, rb


def _rel(x, y, scale):
    return abs(x - y) / scale


def _compare(ra, rb, dps):
    with mpmath.workdps(dps + 10):
        return _compare_at(ra, rb)


def _compare_at(ra, rb):
    scale = max(abs(ra["A"]), abs(ra["B"]), abs(rb["A"]), abs(rb["B"]), mpmath.mpf(10) ** -100)
    err = max(_rel(ra["A"], rb["A"], scale), _rel(ra["B"], rb["B"], scale))
    check = max(_rel(r["A"], r["A_ode"], scale) + _rel(r["B"], r["B_ode"], scale) for r in (ra, rb))
    return err, check


def flow_map(node: LinearNODE, T: Any, *, functions: Mapping | None = None, dps: int = 30,
             seed: int = 0) -> tuple:
    """(A, B) of the flow map x(T) = A x(0) + B as mpmath numbers, test functions drawn as in
    `flow_equivalence` (first sample point).

    Examples
    --------
    >>> import sympy as sp
    >>> node = LinearNODE(w=sp.sin(LinearNODE().t), b=1)
    >>> A, B = flow_map(node, 1)
    >>> print(mpmath.nstr(A, 14), mpmath.nstr(B, 14))   # brief 1.9
    1.5835951825093 1.3641361980939
    """
    if not isinstance(node, LinearNODE):
        raise InvalidInputError(f"flow_map needs a LinearNODE, got {type(node).__name__}")
    dps = _check_int("dps", dps, 15, 500)
    T = _check_T(T)
    exprs = [node.w, node.b, node.w, node.b]
    templates, env = _draw(exprs, node.t, T, functions, np.random.default_rng(seed))
    ra, _ = _flow_pair([e.xreplace(env) for e in exprs], node.t, templates, env.get(T, T), dps)
    with mpmath.workdps(dps):
        return +ra["A"], +ra["B"]


def _draw(exprs, t, T, functions, rng):
    found = _undefined(exprs)
    specs = _resolve_specs(found, functions, t)
    env: dict = {}
    if isinstance(T, sp.Symbol):
        env[T] = random_rational(rng, sp.Rational(1, 2), sp.Integer(2))
    T_val = env.get(T, T)
    others = set().union(*(e.free_symbols for e in exprs)) - {t} - set(env)
    if isinstance(T, sp.Symbol):
        others -= {T}
    others -= {T_DEFAULT} if T_DEFAULT in others and not isinstance(T, sp.Symbol) else set()
    if T_DEFAULT not in env and not isinstance(T, sp.Symbol):
        env[T_DEFAULT] = T_val
    if others:
        raise InvalidInputError(
            f"the models contain free symbols {sorted(map(str, others))} besides the time {t}; "
            f"substitute numbers for them first")
    templates = {}
    for name in sorted(found):
        spec = specs.get(name, smooth())
        if isinstance(spec, Sampler):
            body = spec.draw(rng, t, {k: T_val for k in (T, T_DEFAULT) if isinstance(k, sp.Symbol)})
        else:
            body = spec.expr.xreplace({T: T_val, T_DEFAULT: T_val}) if spec.variables[0] == t \
                else spec(t).xreplace({T: T_val, T_DEFAULT: T_val})
        bad = body.free_symbols - {t}
        if bad:
            raise InvalidInputError(f"the function given for {name} has free symbols "
                                    f"{sorted(map(str, bad))} besides {t}")
        templates[found[name]] = sp.Lambda(t, body)
    return templates, env


def flow_equivalence(node_a: LinearNODE, node_b: LinearNODE, *, T: Any,
                     functions: Mapping | None = None, points: int = 8, dps: int = 30,
                     seed: int = 0, digits: float | None = None) -> Verdict:
    """Do two linear models have the same input-output map x(0) -> x(T)?

    Parameters
    ----------
    node_a, node_b : LinearNODE
    T : positive number, or a positive Symbol (then drawn in [1/2, 2] at each point).
    functions : mapping from a function name (or sympy function) to a sympy expression in
        ``t``, a Lambda, or a sampler such as ``vanishing(at=[0, T])``; other undefined
        functions get seeded random ``smooth()`` test functions.
    points, dps, seed : number of random draws, mpmath digits, seed of
        ``numpy.random.default_rng``.
    digits : float, optional
        Digits of agreement asked for (default ``dps - 5``), under mathml's one tolerance policy
        (`mathml.core.checks.agree`, applied to the relative gap of (A, B)).

    Returns
    -------
    Verdict
        Built by `mathml.core.checks`: ``consistent`` when (A, B) agree to ``digits`` at every
        point and the two numeric routes of each model agree (`compare_routes`); ``disproved``
        when a mismatch is confirmed by recomputation at twice the precision (`check_close`),
        with the counterexample's test functions, (A, B) of both models and the ratios
        A_ratio = A_b / A_a, B_ratio = B_b / B_a; ``unknown`` when the two numeric routes
        disagree.  Never ``proved``: the flow maps are computed numerically.

    Raises
    ------
    InvalidInputError
        For non-LinearNODE models, bad ``T``/``points``/``dps``/``digits``, or free symbols.

    Examples
    --------
    >>> import sympy as sp
    >>> t = LinearNODE().t
    >>> a = LinearNODE(w=sp.sin(t), b=1)
    >>> v = flow_equivalence(a, a.rescale(t**2, T=1).transformed, T=1, points=1)
    >>> v.status.value, v.counterexample["A_ratio"]   # g(T) = 1: the flow map gains a factor e
    ('disproved', '2.71828182845905')
    """
    start = time.perf_counter()
    for name, node in (("node_a", node_a), ("node_b", node_b)):
        if not isinstance(node, LinearNODE):
            raise InvalidInputError(f"{name} must be a LinearNODE, got {type(node).__name__}")
    points = _check_int("points", points, 1, 1000)
    dps = _check_int("dps", dps, 15, 500)
    seed = _check_int("seed", seed, 0, 2**63 - 1)
    if digits is None:
        digits = dps - 5
    if isinstance(digits, bool) or not isinstance(digits, (int, float)) or not 1 <= digits <= dps:
        raise InvalidInputError(f"digits must be a number in [1, dps = {dps}], got {digits!r}")
    T = _check_T(T)
    t = node_a.t
    exprs = [node_a.w, node_a.b, node_b.w.xreplace({node_b.t: t}), node_b.b.xreplace({node_b.t: t})]
    rng = np.random.default_rng(seed)
    worst, n_used = None, 0
    for i in range(points):
        templates, env = _draw(exprs, t, T, functions, rng)
        concrete = [e.xreplace(env) for e in exprs]
        T_val = env.get(T, T)
        ra, rb = _flow_pair(concrete, t, templates, T_val, dps)
        n_used = max(n_used, ra["n"], rb["n"])
        err, check = _compare(ra, rb, dps)
        with mpmath.workdps(dps + 10):
            routes = compare_routes(check, 0, digits=digits,
                                    names=("Wilson-line quadrature", "ODE collocation"),
                                    what="relative gap between the two numeric routes")
        if routes.status is not Status.consistent:
            return _finish(routes, dps, i + 1, seed, start, n_used)

        def recompute(concrete=concrete, templates=templates, T_val=T_val):
            ra2, rb2 = _flow_pair(concrete, t, templates, T_val, 2 * dps)
            recompute.pair = (ra2, rb2)
            return _compare(ra2, rb2, 2 * dps)[0]

        with mpmath.workdps(dps + 10):
            v = check_close(err, 0, digits=digits, recompute=recompute,
                            what="relative gap of the flow maps (A, B)", method="flow maps")
        if v.status is Status.disproved:
            ra2, rb2 = recompute.pair
            ce = {"T": T_val}
            ce.update({f.__name__: lam.expr for f, lam in templates.items()})
            with mpmath.workdps(15):
                ce.update({"A_a": mpmath.nstr(ra2["A"], 15), "A_b": mpmath.nstr(rb2["A"], 15),
                           "B_a": mpmath.nstr(ra2["B"], 15), "B_b": mpmath.nstr(rb2["B"], 15),
                           "A_ratio": mpmath.nstr(rb2["A"] / ra2["A"], 15),
                           "B_ratio": mpmath.nstr(rb2["B"] / ra2["B"], 15) if ra2["B"] else "inf"})
            return _finish(v, dps, i + 1, seed, start, n_used, counterexample=ce,
                           note=f"confirmed at {2 * dps} digits")
        if v.status is not Status.consistent:
            return _finish(v, dps, i + 1, seed, start, n_used)
        if worst is None or err >= worst[0]:
            worst = (err, v)
    return _finish(worst[1], dps, points, seed, start, n_used)


def _finish(verdict: Verdict, dps, points, seed, start, n, counterexample=None, note=None) -> Verdict:
    """The helper's verdict (its status untouched) with the flow-specific method and bookkeeping."""
    method = (f"mpmath {dps} digits, {points} points: Wilson-line quadrature and ODE "
              f"collocation (Chebyshev, {n + 1} nodes); {verdict.method}")
    digits = verdict.digits
    if verdict.max_error is not None and verdict.status is Status.consistent:
        digits = float(min(dps, agreeing_digits(verdict.max_error, 0)))
    return dataclasses.replace(verdict, method=method, points=points, seed=seed, digits=digits,
                               counterexample=counterexample, elapsed=time.perf_counter() - start,
                               note=verdict.note if note is None else f"{note}; {verdict.note}")
