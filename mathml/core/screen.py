"""The numeric stage of the ladder: seeded sample points and test functions at mpmath precision.

Free symbols are drawn as exact rationals from their assumptions or a domain;
undefined functions become random test functions (templates from
`mathml.core.sampling`, exact derivatives); a mismatch is re-evaluated at more
than twice the precision before it counts.

Examples
--------
>>> import sympy as sp
>>> from mathml.core.screen import Screen, numeric_screen
>>> x = sp.Symbol('x')
>>> s = Screen([sp.log(sp.exp(x))], [x], None, None)
>>> numeric_screen(s, 1, points=24, dps=30, seed=0)["kind"]
'mismatch'
"""
from __future__ import annotations

import functools
import math
from fractions import Fraction
from typing import Any, Mapping

import mpmath
import numpy as np
import sympy as sp
from sympy.core.function import AppliedUndef

from .errors import InvalidInputError
from .evaluation import NotEvaluable, compile_mp, to_mp
from .inputs import as_sympy, resolve_domain
from .sampling import Sampler, constant, generic, sample_symbol

__all__ = ["Screen", "numeric_screen"]

_GUARD = 15  # extra working digits, so that rounding in lhs and rhs stays below 10**-dps
_EVAL_ERRORS = (ZeroDivisionError, ValueError, OverflowError, ArithmeticError, TypeError,
                NotEvaluable, NameError, mpmath.libmp.NoConvergence)


def _function_spec_key(key: Any) -> str:
    if isinstance(key, str):
        return key
    if isinstance(key, sp.core.function.UndefinedFunction):
        return key.__name__
    if isinstance(key, AppliedUndef):
        return key.func.__name__
    raise InvalidInputError(f"functions keys must be names like 'w' or sympy functions, got {key!r}")


def _applied_args(exprs: list[sp.Expr], func) -> list[tuple]:
    return [a.args for e in exprs for a in e.atoms(AppliedUndef) if a.func == func]


@functools.lru_cache(maxsize=64)
def _template_variables(nargs: int) -> tuple[sp.Dummy, ...]:
    return tuple(sp.symbols(f"x0:{nargs}", cls=sp.Dummy))


@functools.lru_cache(maxsize=1024)
def _cached_template(sampler: Sampler, var: sp.Dummy, tag: str):
    # the same template (and Dummies) for the same sampler: compiled derivatives are reused
    return sampler.template(var, tag=tag)


def _function_templates(exprs: list[sp.Expr], functions: Mapping | None):
    """Lambda template, parameter dummies and sampler for every undefined function."""
    specs = {}
    if functions is not None:
        if not isinstance(functions, Mapping):
            raise InvalidInputError("functions must be a mapping name -> sampler or sympy expression")
        specs = {_function_spec_key(k): v for k, v in functions.items()}
    funcs = sorted({a.func for e in exprs for a in e.atoms(AppliedUndef)}, key=lambda f: f.__name__)
    unknown = set(specs) - {f.__name__ for f in funcs}
    if unknown:
        raise InvalidInputError(f"functions given for {sorted(unknown)}, which do not occur; "
                                f"undefined functions present: {[f.__name__ for f in funcs]}")
    templates = []
    for f in funcs:
        arities = {len(a) for a in _applied_args(exprs, f)}
        if len(arities) != 1:
            raise InvalidInputError(f"function {f.__name__} is applied with different numbers "
                                    f"of arguments {sorted(arities)}")
        nargs = arities.pop()
        spec = specs.get(f.__name__, _DEFAULT)
        variables = _template_variables(nargs)
        if isinstance(spec, Sampler):
            if nargs == 0:  # f(): a random constant, never silently 0
                body, ps = _cached_template(constant(), sp.Dummy("c"), f"{f.__name__}_")
                templates.append((f, sp.Lambda((), body), tuple(ps), constant()))
                continue
            body, params = sp.Integer(0), []
            for i, x in enumerate(variables):
                part, ps = _cached_template(spec, x, f"{f.__name__}{i}_")
                body, params = body + part, params + list(ps)
            if nargs > 1:
                # a product of one-variable pieces: every mixed partial derivative is non-zero
                cross = sp.Integer(1)
                for i, x in enumerate(variables):
                    part, ps = _cached_template(_CROSS if spec == _DEFAULT else spec, x, f"{f.__name__}{i}x_")
                    cross, params = cross * part, params + list(ps)
                body += cross
            templates.append((f, sp.Lambda(variables, body), tuple(params), spec))
            continue
        templates.append((f, _concrete_function(f, spec, nargs, exprs), (), None))
    return templates


_DEFAULT, _CROSS = generic(3), generic(1)


def _concrete_function(f, spec: Any, nargs: int, exprs) -> sp.Lambda:
    if isinstance(spec, sp.Lambda):
        if spec.nargs != sp.FiniteSet(nargs):
            raise InvalidInputError(f"Lambda for {f.__name__} takes {spec.nargs} arguments, "
                                    f"but {f.__name__} is applied to {nargs}")
        return spec
    if isinstance(spec, (int, float, Fraction)) and not isinstance(spec, bool):
        spec = as_sympy(spec, f"function {f.__name__}")
    if not isinstance(spec, sp.Expr):
        raise InvalidInputError(f"functions[{f.__name__!r}] must be a sampler (mathml.core.sampling), "
                                f"a sympy Lambda or a sympy expression, got {type(spec).__name__}")
    if nargs != 1:
        raise InvalidInputError(f"{f.__name__} takes {nargs} arguments: give a sympy Lambda")
    free = spec.free_symbols
    if not free:
        return sp.Lambda(sp.Dummy("x"), spec)
    if len(free) == 1:
        return sp.Lambda(next(iter(free)), spec)
    arg_syms = {a[0] for a in _applied_args(exprs, f) if isinstance(a[0], sp.Symbol)}
    shared = arg_syms & free
    if len(shared) == 1:
        return sp.Lambda(shared.pop(), spec)
    raise InvalidInputError(f"cannot tell the variable of {spec} for {f.__name__}: "
                            "give a sympy Lambda, e.g. Lambda(t, ...)")


def _substitute_functions(expr: sp.Expr, templates) -> sp.Expr:
    table = {f: lam for f, lam, _, _ in templates}
    if table:
        expr = expr.replace(lambda e: isinstance(e, AppliedUndef) and e.func in table,
                            lambda e: table[e.func](*e.args))
    if not expr.has(sp.Derivative, sp.Subs):
        return expr
    return expr.replace(lambda e: isinstance(e, (sp.Derivative, sp.Subs)), lambda e: e.doit(deep=False))


class Screen:
    """Compiled numeric evaluation of all (lhs, rhs) entry pairs, with their test functions.

    ``lhs``/``rhs`` are lists of entries (see `mathml.core.inputs.as_pair`);
    ``functions`` and ``domain`` are as for `mathml.verify`.
    """

    def __init__(self, lhs, rhs, functions, domain):
        self.templates = _function_templates(lhs + rhs, functions)
        # name a counterexample's test functions by the variables the user wrote, e.g. g(t)
        self.display_args = {}
        for f, _, _, _ in self.templates:
            uses = set(_applied_args(lhs + rhs, f))
            if len(uses) == 1 and all(isinstance(a, sp.Symbol) for a in next(iter(uses))):
                self.display_args[f] = next(iter(uses))
        params = [p for _, _, ps, _ in self.templates for p in ps]
        user_symbols = set().union(*(e.free_symbols for e in lhs + rhs))
        template_symbols = set().union(set(), *(lam.expr.free_symbols - set(lam.variables)
                                                for _, lam, _, _ in self.templates))
        self.symbols = sorted((user_symbols | template_symbols) - set(params), key=lambda s: s.name)
        self.domain = resolve_domain(domain, user_symbols)
        # integration limits stay at moderate scales: an interval of length 1000 costs quadrature
        # thousands of evaluations per point, and scales are exercised by the other symbols
        self.moderate = set().union(*(set().union(*(b.free_symbols for lim in node.limits for b in lim[1:]))
                                      for e in lhs + rhs for node in e.atoms(sp.Integral)))
        self.evaluate = compile_mp([e for pair in zip(lhs, rhs) for e in pair], self.symbols + params,
                                   functions={f: lam for f, lam, _, _ in self.templates})

    def draw(self, rng, index: int = 0):
        values = [sample_symbol(s, rng, self.domain.get(s), index=0 if s in self.moderate else index)
                  for s in self.symbols]
        params = []
        for _, _, ps, sampler in self.templates:
            if ps:
                params.extend(sampler.draw_params(rng, len(ps)))
        return values, params

    def values_at(self, values, params, dps):
        with mpmath.workdps(dps):
            out = [mpmath.mpmathify(v) for v in self.evaluate([to_mp(v) for v in values + params])]
        if not all(mpmath.isfinite(v) for v in out):
            raise ValueError("non-finite value")
        return out

    def describe(self, values, params) -> dict:
        point = {s.name: v for s, v in zip(self.symbols, values)}
        i = 0
        for f, lam, ps, _ in self.templates:
            concrete = lam.expr.xreplace(dict(zip(ps, params[i:i + len(ps)])))
            i += len(ps)
            names = self.display_args.get(f, lam.variables)
            concrete = concrete.xreplace(dict(zip(lam.variables, names)))
            point[f"{f.__name__}({', '.join(map(str, names))})"] = concrete
        return point


def numeric_screen(screen: Screen, n_entries: int, points: int, dps: int, seed: int,
                   rigorous: bool = False, exact_pairs=None, budget=None, progress=None) -> dict:
    """Evaluate the compiled pairs at seeded points; the first confirmed mismatch ends the screen.

    Returns a dict whose ``kind`` is ``"agree"`` (with ``digits`` and
    ``max_err``), ``"mismatch"`` (with the ``point``, both sides at the
    confirming precision, and with ``rigorous`` an Arb confirmation),
    ``"unresolved"`` or ``"none"`` (nothing could be evaluated).  With a
    `mathml.core.budget.Budget`, the screen stops early (after at least 3
    points) when the next point would not fit in 80 % of the budget; the
    result then says how many points were evaluated.  ``progress`` (a dict) is
    kept up to date with ``evaluated`` and the points that all ``agreed`` (with
    ``max_err`` and ``worst_rel``), so a caller interrupted by the budget knows
    how far the screen got.
    """
    progress = {} if progress is None else progress
    progress["started"] = True
    rng = np.random.default_rng(seed)
    work, confirm = dps + _GUARD, 2 * dps + 2 * _GUARD
    with mpmath.workdps(work):
        tol = mpmath.mpf(10) ** (-dps)
    evaluated, attempts, worst_rel, max_err = 0, 0, 0.0, 0.0
    if not screen.symbols and not any(ps for _, _, ps, _ in screen.templates):
        points = 1  # nothing is random: one evaluation says all
    while evaluated < points and attempts < 4 * points:
        # every point so far agreed (a mismatch returns): a budget stop may use this
        progress.update(agreed=evaluated, max_err=max_err, worst_rel=worst_rel)
        if budget is not None and evaluated >= 3:
            per_point = budget.events / evaluated
            if budget.events + 1.5 * per_point > 0.8 * budget.limit:
                break
        attempts += 1
        try:
            values, params = screen.draw(rng, attempts - 1)
            out = screen.values_at(values, params, work)
        except _EVAL_ERRORS:
            continue
        evaluated += 1
        progress["evaluated"] = evaluated
        for i in range(n_entries):
            l, r = out[2 * i], out[2 * i + 1]
            err, scale = abs(l - r), max(abs(l), abs(r))
            max_err = max(max_err, float(err))
            if err <= tol * scale:
                if err:
                    worst_rel = max(worst_rel, float(err / scale))
                continue
            try:
                hi = screen.values_at(values, params, confirm)
            except _EVAL_ERRORS:
                return {"kind": "unresolved", "evaluated": evaluated}
            with mpmath.workdps(confirm):
                d_hi = hi[2 * i] - hi[2 * i + 1]
                err_hi, scale_hi = abs(d_hi), max(abs(hi[2 * i]), abs(hi[2 * i + 1]))
                # a real difference is reproduced; rounding noise of an exact zero shrinks
                stable = abs(d_hi - (l - r)) <= mpmath.mpf("1e-3") * err_hi
                bad_hi = err_hi > tol * scale_hi
            if not bad_hi:  # agreement established at the higher precision
                if err_hi:
                    worst_rel = max(worst_rel, float(err_hi / scale_hi))
                continue
            if not stable:
                with mpmath.workdps(confirm):
                    shrank = err_hi <= err * mpmath.mpf(10) ** (-(dps // 3))
                if shrank:  # rounding noise of an exact zero: it falls with the precision
                    continue
                return {"kind": "unresolved", "evaluated": evaluated}  # moves but does not fall
            if bad_hi and stable:
                result = {"kind": "mismatch", "evaluated": evaluated, "max_err": max_err,
                          "point": screen.describe(values, params), "entry": i,
                          "lhs": hi[2 * i], "rhs": hi[2 * i + 1], "confirm": confirm}
                if exact_pairs is not None:   # an Arb ball at the counterexample, where it translates
                    try:
                        result["arb"] = _arb_confirm(exact_pairs, screen, values, params, i)
                    except (ValueError, TypeError, ZeroDivisionError, ArithmeticError):
                        result["arb"] = None
                return result
    if evaluated == 0:
        return {"kind": "none", "attempts": attempts}
    digits = float(dps) if worst_rel == 0 else min(float(dps), -math.log10(worst_rel))
    return {"kind": "agree", "evaluated": evaluated, "digits": digits, "max_err": max_err}


def _arb_confirm(exact_pairs, screen: Screen, values, params, entry: int) -> str | None:
    from .arb import arb_excludes_zero

    l, r = exact_pairs[entry]
    subs = dict(zip(screen.symbols, values))
    l = _substitute_functions(l, screen.templates)
    r = _substitute_functions(r, screen.templates)
    flat = dict(subs)
    i = 0
    for _, _, ps, _ in screen.templates:
        flat.update(zip(ps, params[i:i + len(ps)]))
        i += len(ps)
    with sp.evaluate(False):
        # unevaluated: sympy's automatic evaluation of nested functions at numbers (sin(sin(...)))
        # queries assumptions exponentially in the depth; Arb evaluates the tree as it is
        difference = sp.Add(l, -r).xreplace(flat)
    return arb_excludes_zero(difference)


