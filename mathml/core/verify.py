"""The verification ladder: `verify(lhs, rhs)` returns an honest `Verdict`.

1. structural equality;
2. exact normal forms (expand, cancel/together, doit, exponential rewrite) and
   then ``simplify``, all in a forked worker that is abandoned when the time
   budget runs out;
3. concurrently, a numeric screen: free symbols drawn as exact rationals from
   their assumptions or a ``domain``, undefined functions replaced by random
   test functions (exact derivatives), mpmath at ``dps`` digits;
4. a mismatch is re-evaluated at more than twice the precision before it
   counts, and with ``rigorous=True`` an Arb ball that excludes 0 confirms it.

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

import functools
import math
import multiprocessing
import os
import time
from fractions import Fraction
from typing import Any, Mapping

import mpmath
import numpy as np
import sympy as sp
from sympy.core.function import AppliedUndef

from .errors import InvalidInputError, ShapeMismatchError
from .evaluation import NotEvaluable, compile_mp, to_mp
from .sampling import Sampler, _Constant, check_domain, sample_symbol, smooth
from .verdict import Status, Verdict

__all__ = ["verify", "symbolic_zero", "as_pair"]

_GUARD = 15  # extra working digits, so that rounding in lhs and rhs stays below 10**-dps
_EVAL_ERRORS = (ZeroDivisionError, ValueError, OverflowError, ArithmeticError, TypeError,
                NotEvaluable, NameError, mpmath.libmp.NoConvergence)


# --- input handling --------------------------------------------------------------

def _as_sympy(value: Any, what: str) -> sp.Basic:
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
    >>> as_pair(sp.Matrix([[1, 2]]), sp.Matrix([1, 2]))
    Traceback (most recent call last):
    ...
    mathml.core.errors.ShapeMismatchError: lhs has shape (1, 2) but rhs has shape (2, 1); matrices are compared entrywise and must have the same shape
    """
    lhs = _as_sympy(lhs, "lhs")
    rhs = _as_sympy(rhs, "rhs")
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


def _check_options(points: Any, dps: Any, seed: Any, timeout: Any) -> None:
    def integer(name, value, low, high):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not low <= value <= high:
            raise InvalidInputError(f"{name} must be an integer in [{low}, {high}], got {value!r}")
    integer("points", points, 1, 100_000)
    integer("dps", dps, 5, 100_000)
    integer("seed", seed, 0, 2**63 - 1)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not (
            math.isfinite(timeout) and timeout >= 0):
        raise InvalidInputError(f"timeout must be a finite number of seconds >= 0, got {timeout!r}")


def _resolve_domain(domain: Mapping | None, symbols: set[sp.Symbol]) -> dict:
    if domain is None:
        return {}
    if not isinstance(domain, Mapping):
        raise InvalidInputError(f"domain must be a mapping symbol -> (low, high), got {type(domain).__name__}")
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


# --- symbolic stage ----------------------------------------------------------------

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


# (name, procedure, may run in-process).  Each procedure starts from the original
# difference: an earlier rewrite (expand splitting a Sum, say) can hide what a
# later one would find.  In-process steps are bounded by size; anything that can
# run away (integration in doit, cancel of exponential rewrites, simplify) runs in
# the forked worker under the time budget.
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


def _symbolic_worker(diffs, skip, conn):  # runs in a forked child
    try:
        conn.send(("done", symbolic_zero(diffs, skip=skip)[0]))
    except BaseException as exc:  # the parent must always get an answer
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


class _SymbolicJob:
    """`symbolic_zero` in a child process that can be abandoned at the deadline."""

    def __init__(self, diffs: list[sp.Expr], timeout: float, skip: tuple[int, ...] = ()):
        self.deadline = time.monotonic() + timeout
        self.result: tuple[str, Any] | None = None
        if timeout <= 0:
            self.result = ("timeout", None)
            self.process = None
            return
        if "fork" in multiprocessing.get_all_start_methods():
            ctx = multiprocessing.get_context("fork")
            self.conn, child = ctx.Pipe(duplex=False)
            self.process = ctx.Process(target=_symbolic_worker, args=(diffs, skip, child), daemon=True)
            self.process.start()
            child.close()
        else:  # no fork: run inline (the budget then cannot be enforced)
            self.process = None
            self.result = ("done", symbolic_zero(diffs, skip=skip)[0])

    def wait(self, block: bool = True) -> tuple[str, Any]:
        if self.result is None:
            remaining = max(0.0, self.deadline - time.monotonic()) if block else 0.0
            try:
                if self.conn.poll(remaining):
                    self.result = self.conn.recv()
                elif block:
                    self.result = ("timeout", None)
            except (EOFError, OSError):
                self.result = ("error", "worker died")
            if self.result is not None:
                self.close()
        return self.result if self.result is not None else ("running", None)

    def close(self) -> None:
        if self.process is not None:
            if self.process.is_alive():
                self.process.kill()
            self.process.join(timeout=1)
            self.conn.close()
            self.process = None


# --- numeric stage -----------------------------------------------------------------

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
        spec = specs.get(f.__name__, smooth(3))
        variables = _template_variables(nargs)
        if isinstance(spec, Sampler):
            body, params = sp.Integer(0), []
            for i, x in enumerate(variables):
                part, ps = _cached_template(spec, x, f"{f.__name__}{i}_")
                body, params = body + part, params + list(ps)
            templates.append((f, sp.Lambda(variables, body), tuple(params), spec))
            continue
        templates.append((f, _concrete_function(f, spec, nargs, exprs), (), None))
    return templates


def _concrete_function(f, spec: Any, nargs: int, exprs) -> sp.Lambda:
    if isinstance(spec, sp.Lambda):
        if spec.nargs != sp.FiniteSet(nargs):
            raise InvalidInputError(f"Lambda for {f.__name__} takes {spec.nargs} arguments, "
                                    f"but {f.__name__} is applied to {nargs}")
        return spec
    if isinstance(spec, (int, float, Fraction)) and not isinstance(spec, bool):
        spec = _as_sympy(spec, f"function {f.__name__}")
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


class _Screen:
    """Compiled numeric evaluation of all (lhs, rhs) entry pairs."""

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
        self.domain = _resolve_domain(domain, user_symbols)
        self.evaluate = compile_mp([e for pair in zip(lhs, rhs) for e in pair], self.symbols + params,
                                   functions={f: lam for f, lam, _, _ in self.templates})

    def draw(self, rng):
        values = [sample_symbol(s, rng, self.domain.get(s)) for s in self.symbols]
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


def _numeric_screen(screen: _Screen, n_entries: int, points: int, dps: int, seed: int,
                    rigorous: bool, exact_pairs) -> dict:
    rng = np.random.default_rng(seed)
    work, confirm = dps + _GUARD, 2 * dps + 2 * _GUARD
    with mpmath.workdps(work):
        tol = mpmath.mpf(10) ** (-dps)
    evaluated, attempts, worst_rel, max_err = 0, 0, 0.0, 0.0
    if not screen.symbols and not any(ps for _, _, ps, _ in screen.templates):
        points = 1  # nothing is random: one evaluation says all
    while evaluated < points and attempts < 4 * points:
        attempts += 1
        values, params = screen.draw(rng)
        try:
            out = screen.values_at(values, params, work)
        except _EVAL_ERRORS:
            continue
        evaluated += 1
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
                if rigorous:
                    result["arb"] = _arb_confirm(exact_pairs, screen, values, params, i)
                return result
    if evaluated == 0:
        return {"kind": "none", "attempts": attempts}
    digits = float(dps) if worst_rel == 0 else min(float(dps), -math.log10(worst_rel))
    return {"kind": "agree", "evaluated": evaluated, "digits": digits, "max_err": max_err}


def _arb_confirm(exact_pairs, screen: _Screen, values, params, entry: int) -> str | None:
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
    return arb_excludes_zero((l - r).xreplace(flat))


# --- the ladder --------------------------------------------------------------------

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
    _check_options(points, dps, seed, timeout)
    left, right, _shape = as_pair(lhs, rhs)
    if rigorous:
        from .arb import require_flint
        require_flint()
    screen = _Screen(left, right, functions, domain)

    def done(status, method, **kw):
        return Verdict(status, method=method, seed=seed, elapsed=time.perf_counter() - start, **kw)

    if all(l == r for l, r in zip(left, right)):
        return done(Status.proved, "symbolic: structural", points=0)

    diffs = [l - r for l, r in zip(left, right)]
    proved_by, tried = symbolic_zero(diffs, inline=True)
    num = _numeric_screen(screen, len(left), points, dps, seed, rigorous, list(zip(left, right)))
    sym = ("done", proved_by)
    if proved_by is None and num["kind"] != "mismatch":
        job = _SymbolicJob(diffs, timeout, skip=tried)
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
