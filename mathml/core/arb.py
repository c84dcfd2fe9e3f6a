"""Rigorous evaluation with Arb balls (python-flint): disproofs that cannot be rounding.

A ball for ``lhs - rhs`` that excludes 0 proves the two sides differ at that
point.  Only elementary expressions at exact points are translated.

Examples
--------
>>> import sympy as sp
>>> arb_excludes_zero(sp.exp(sp.pi*sp.sqrt(163)) - (640320**3 + 744))
'arb 128 bits'
>>> arb_excludes_zero(sp.sqrt(2)**3 - 2*sp.sqrt(2)) is None
True
"""
from __future__ import annotations

import sympy as sp

from .budget import BudgetExhausted
from .errors import MathmlError

__all__ = ["require_flint", "to_acb", "arb_excludes_zero", "compile_acb_integral", "mp_to_acb", "acb_to_mp"]


def require_flint():
    """Import python-flint or raise a MathmlError that says how to install it."""
    try:
        import flint
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MathmlError("rigorous=True needs python-flint: pip install 'mathml[rigorous]'") from exc
    return flint


_UNARY = {sp.exp: "exp", sp.log: "log", sp.sin: "sin", sp.cos: "cos", sp.tan: "tan",
          sp.sinh: "sinh", sp.cosh: "cosh", sp.tanh: "tanh", sp.atan: "atan", sp.asin: "asin",
          sp.acos: "acos", sp.gamma: "gamma"}


class _Untranslatable(Exception):
    pass


def to_acb(expr: sp.Expr):
    """Translate an exact, symbol-free sympy expression into a flint ``acb`` ball."""
    flint = require_flint()
    acb = flint.acb
    if expr.free_symbols:
        raise _Untranslatable(f"free symbols {expr.free_symbols}")
    if expr.is_Integer:
        return acb(int(expr))
    if expr.is_Rational:
        return acb(flint.fmpq(int(expr.p), int(expr.q)))
    if expr is sp.pi:
        return acb.pi()
    if expr is sp.E:
        return acb(1).exp()
    if expr is sp.I:
        return acb(0, 1)
    if expr.is_Add:
        total = acb(0)
        for a in expr.args:
            total += to_acb(a)
        return total
    if expr.is_Mul:
        prod = acb(1)
        for a in expr.args:
            prod *= to_acb(a)
        return prod
    if expr.is_Pow:
        base, exp = expr.args
        if exp.is_Integer:
            return to_acb(base) ** int(exp)
        if exp == sp.Rational(1, 2):
            return to_acb(base).sqrt()
        return (to_acb(base).log() * to_acb(exp)).exp()  # principal branch, as sympy
    if isinstance(expr, sp.Abs):
        return acb(abs(to_acb(expr.args[0])))
    name = _UNARY.get(expr.func)
    if name is not None:
        return getattr(to_acb(expr.args[0]), name)()
    raise _Untranslatable(type(expr).__name__)


def arb_excludes_zero(difference: sp.Expr, precisions=(128, 256, 512, 1024)) -> str | None:
    """``"arb N bits"`` if a ball for ``difference`` excludes 0 at N bits, else None."""
    flint = require_flint()
    for prec in precisions:
        try:
            with flint.ctx.workprec(prec):
                ball = to_acb(difference)
        except (_Untranslatable, ValueError, ZeroDivisionError):
            return None
        if 0 not in ball:
            return f"arb {prec} bits"
    return None


# --- compiled Arb evaluation, used for integrals of test functions --------------------------

_ACB_UNARY = {sp.exp: lambda z, an: z.exp(), sp.sin: lambda z, an: z.sin(), sp.cos: lambda z, an: z.cos(),
              sp.tan: lambda z, an: z.tan(), sp.sinh: lambda z, an: z.sinh(),
              sp.cosh: lambda z, an: z.cosh(), sp.tanh: lambda z, an: z.tanh(),
              sp.log: lambda z, an: z.log(analytic=an), sp.atan: lambda z, an: z.atan(analytic=an),
              sp.gamma: lambda z, an: z.gamma()}


def mp_to_acb(value):
    """An mpmath number (mpf/mpc) as an exact flint ``acb`` (a ball of radius 0).

    Parameters
    ----------
    value : mpmath.mpf or mpmath.mpc

    Returns
    -------
    flint.acb

    Examples
    --------
    >>> import mpmath
    >>> b = mp_to_acb(mpmath.mpc(0.5, -3))
    >>> b.real.mid() == 0.5 and b.imag.mid() == -3 and b.rad() == 0
    True
    """
    flint = require_flint()
    import mpmath

    def real(x):
        sign, man, exp, _ = mpmath.mpf(x)._mpf_
        if not man:
            return flint.arb(0)
        out = flint.arb(flint.fmpz(-man if sign else man))
        return out * flint.arb(2) ** int(exp) if exp else out
    if isinstance(value, mpmath.mpc):
        return flint.acb(real(value.real), real(value.imag))
    return flint.acb(real(value))


def acb_to_mp(value):
    """The midpoint of an ``acb`` ball as an mpmath number (exact: binary midpoints).

    Parameters
    ----------
    value : flint.acb

    Returns
    -------
    mpmath.mpf or mpmath.mpc

    Examples
    --------
    >>> import flint, mpmath
    >>> with mpmath.workdps(20):
    ...     print(acb_to_mp(flint.acb(3) / 4))
    0.75
    """
    import mpmath

    def real(x):
        man, exp = x.mid().man_exp()
        return mpmath.ldexp(mpmath.mpf(int(man)), int(exp))
    re_part, im_part = real(value.real), real(value.imag)
    return mpmath.mpc(re_part, im_part) if im_part else re_part


_EVAL_LIMIT = 20_000   # integrand evaluations per acb.integral call (singular endpoints need many)


class _AcbCompiler:
    """sympy -> closures on acb values; ``state['analytic']`` is acb.integral's flag."""

    def __init__(self, index: dict, functions: dict, derivative, state: dict):
        self.index, self.functions, self.derivative, self.state = index, functions, derivative, state

    def child(self, extra):
        c = _AcbCompiler(dict(self.index), self.functions, self.derivative, self.state)
        for s in extra:
            c.index[s] = len(c.index)
        return c

    def compile(self, e):  # noqa: C901 - one dispatch table
        flint = require_flint()
        acb = flint.acb
        state = self.state
        if e in self.index:
            i = self.index[e]
            return lambda v: v[i]
        if e.is_Rational:
            q = flint.fmpq(int(e.p), int(e.q))
            return lambda v: acb(q)
        if e is sp.pi:
            return lambda v: acb.pi()
        if e is sp.E:
            return lambda v: acb(1).exp()
        if e is sp.I:
            return lambda v: acb(0, 1)
        if e.is_Add or e.is_Mul:
            parts = [self.compile(a) for a in e.args]
            add = e.is_Add

            def combine(v):
                out = parts[0](v)
                for p in parts[1:]:
                    out = out + p(v) if add else out * p(v)
                return out
            return combine
        if e.is_Pow:
            base = self.compile(e.base)
            if e.exp.is_Integer:
                n = int(e.exp)
                return lambda v: base(v) ** n
            if e.exp == sp.Rational(1, 2):
                return lambda v: base(v).sqrt(analytic=state["analytic"])
            ex = self.compile(e.exp)
            return lambda v: (base(v).log(analytic=state["analytic"]) * ex(v)).exp()
        if e.func in _ACB_UNARY and len(e.args) == 1:
            f, arg = _ACB_UNARY[e.func], self.compile(e.args[0])
            return lambda v: f(arg(v), state["analytic"])
        from sympy.core.function import AppliedUndef
        if isinstance(e, AppliedUndef):
            return self.applied(e.func, (0,) * len(e.args), e.args)
        if isinstance(e, sp.Derivative) and isinstance(e.expr, AppliedUndef):
            args, counts = e.expr.args, dict(e.variable_count)
            if len(set(args)) == len(args) and set(counts) <= set(args) and not any(
                    o.has(x) for x in counts for o in args if o != x):
                return self.applied(e.expr.func, tuple(int(counts.get(a, 0)) for a in args), args)
        if isinstance(e, sp.Subs):
            body = self.child(e.variables).compile(e.expr)
            points = [self.compile(p) for p in e.point]
            return lambda v: body(list(v) + [p(v) for p in points])
        if isinstance(e, sp.Integral) and all(len(lim) == 3 for lim in e.limits):
            return self.integral(e.function, list(e.limits))
        raise _Untranslatable(type(e).__name__)

    def applied(self, func, orders, args):
        lam = self.functions.get(func)
        if lam is None or len(lam.variables) != len(args):
            raise _Untranslatable(f"no test function for {func}")
        lam = self.derivative(lam, orders)
        body = self.child(lam.variables).compile(lam.expr)
        arg_fns = [self.compile(a) for a in args]
        return lambda v: body(list(v) + [a(v) for a in arg_fns])

    def integral(self, function, limits):
        flint = require_flint()
        var, low, high = limits[-1]
        child = self.child([var])
        body = child.integral(function, limits[:-1]) if len(limits) > 1 else child.compile(function)
        a_fn, b_fn = self.compile(low), self.compile(high)
        state = self.state

        def integrate(v):
            stopped = []

            def f(x, analytic):
                if stopped:
                    # acb.integral keeps calling after a callback raised (a budget stop, say):
                    # answer at once with a non-finite ball so that it finishes quickly
                    return flint.acb(flint.arb("nan"))
                saved = state["analytic"]
                state["analytic"] = bool(analytic)
                try:
                    return body(list(v) + [x])
                except BaseException:
                    stopped.append(True)
                    raise
                finally:
                    state["analytic"] = saved
            return flint.acb.integral(f, a_fn(v), b_fn(v), eval_limit=_EVAL_LIMIT)
        return integrate


def compile_acb_integral(node: sp.Integral, index: dict, functions: dict, derivative):
    """A closure ``mpmath values -> mpmath value`` computing a definite integral with `acb.integral`.

    ``index`` maps symbols to positions in the value list, ``functions`` maps
    undefined functions to `Lambda` templates and ``derivative(lam, orders)``
    differentiates a template.  The integral is computed at 20 bits more than
    mpmath's working precision; a ball wider than the working precision raises
    ValueError (the caller falls back to mpmath quadrature).  Raises
    `_Untranslatable` at compile time for integrands outside the supported set.

    Examples
    --------
    >>> import mpmath, sympy as sp
    >>> t, T = sp.symbols('t T', positive=True)
    >>> f = compile_acb_integral(sp.Integral(sp.exp(-t**2), (t, 0, T)), {T: 0}, {}, None)
    >>> with mpmath.workdps(30):
    ...     print(mpmath.nstr(f([mpmath.mpf(1)]), 25))
    0.7468241328124270253994674
    """
    flint = require_flint()
    import mpmath

    state = {"analytic": False}
    closure = _AcbCompiler(dict(index), dict(functions), derivative, state).integral(
        node.function, list(node.limits))

    def evaluate(values):
        prec = mpmath.mp.prec + 20
        with flint.ctx.workprec(prec):
            try:
                ball = closure([mp_to_acb(x) for x in values])
            except Exception as exc:
                # acb.integral turns an exception in its callback into SystemError: find a budget stop
                cause = exc
                while cause is not None:
                    if isinstance(cause, BudgetExhausted):
                        raise cause from None
                    cause = cause.__cause__ or cause.__context__
                raise ValueError(f"acb.integral failed: {type(exc).__name__}") from exc
        tol = flint.arb(2) ** (2 - mpmath.mp.prec)
        if not ball.is_finite() or (ball.rad() > tol * abs(ball.mid()) and ball.rad() > tol):
            raise ValueError("acb.integral did not reach the working precision")
        return acb_to_mp(ball)
    return evaluate
