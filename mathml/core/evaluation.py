"""Numeric evaluation of sympy expressions at mpmath precision, compiled to closures.

`compile_mp` walks an expression tree once and builds nested Python closures that
call mpmath directly (no code generation), so compiling is cheap and evaluating
at several precisions reuses one compilation.  It understands `Integral` (tanh-sinh
quadrature), `Sum`/`Product` (direct or `nsum`/`nprod`), `Subs`, and undefined
functions given as `Lambda` templates, including their derivatives (the template
is differentiated exactly, once per derivative order).

Examples
--------
>>> import mpmath, sympy as sp
>>> from mathml.core.evaluation import compile_mp
>>> t, T = sp.symbols('t T', positive=True)
>>> f = compile_mp([sp.Integral(sp.exp(-t**2), (t, 0, T))], [T])
>>> with mpmath.workdps(30):
...     print(mpmath.nstr(f([mpmath.mpf(1)])[0], 25))
0.7468241328124270253994674
>>> w = sp.Function('w')
>>> g = compile_mp([w(t).diff(t, 2)], [t], functions={w: sp.Lambda(t, sp.sin(3*t))})
>>> with mpmath.workdps(20):
...     print(mpmath.nstr(g([mpmath.mpf(0.5)])[0], 15))   # -9 sin(3/2)
-8.97745487943649
"""
from __future__ import annotations

import functools
from typing import Any, Callable, Mapping, Sequence

import mpmath
import sympy as sp
from sympy.core.function import AppliedUndef

from .errors import InvalidInputError

__all__ = ["compile_mp", "expand_derivatives", "to_mp", "to_mp_real", "NotEvaluable"]

_MAX_DIRECT_TERMS = 100_000

Closure = Callable[[list], Any]


class NotEvaluable(Exception):
    """Raised during evaluation when a node has no numeric value (indefinite integral...)."""


def to_mp(value: sp.Expr):
    """Exact sympy number -> mpmath number at the current precision.

    Examples
    --------
    >>> import sympy as sp
    >>> to_mp(sp.Rational(1, 3) + 2*sp.I)
    mpc(real='0.33333333333333331', imag='2.0')
    """
    if value.is_Rational:
        return mpmath.mpf(int(value.p)) / int(value.q)
    re_part, im_part = value.as_real_imag()
    if im_part == 0:
        return to_mp_real(re_part)
    return mpmath.mpc(to_mp_real(re_part), to_mp_real(im_part))


def to_mp_real(value: sp.Expr):
    """Real sympy number -> mpf at the current precision (exact for rationals)."""
    if value.is_Rational:
        return mpmath.mpf(int(value.p)) / int(value.q)
    return mpmath.mpf(sp.sympify(value).evalf(mpmath.mp.dps + 5))


def expand_derivatives(expr: sp.Expr) -> sp.Expr:
    """Evaluate derivatives of compound expressions, leaving ``Derivative(w(t), t)`` atoms.

    Examples
    --------
    >>> import sympy as sp
    >>> t = sp.Symbol('t'); w = sp.Function('w')
    >>> expand_derivatives(sp.Derivative(t * w(t), t))
    t*Derivative(w(t), t) + w(t)
    """
    def compound(e):
        return isinstance(e, sp.Derivative) and not isinstance(e.expr, AppliedUndef)
    if not expr.has(sp.Derivative):
        return expr
    return expr.replace(compound, lambda e: e.doit(deep=False))


def _is_int(x) -> bool:
    return not isinstance(x, mpmath.mpc) and mpmath.isint(x) or (
        isinstance(x, mpmath.mpc) and x.imag == 0 and mpmath.isint(x.real))


def _real(x):
    return x.real if isinstance(x, mpmath.mpc) and x.imag == 0 else x


def _binomial(n, k):
    """sympy's binomial: 0 for integer k < 0, the falling product for integer k >= 0
    (also at negative integer n), the Gamma formula otherwise (mpmath.binomial
    differs from sympy at negative integers: it gives binomial(-3, -5) = 6, sympy 0)."""
    n, k = _real(n), _real(k)
    if _is_int(k):
        kk = int(mpmath.nint(mpmath.re(k)))
        if kk < 0:
            return mpmath.mpf(0)
        if _is_int(n) and mpmath.re(n) >= 0 and kk > mpmath.re(n):
            return mpmath.mpf(0)
        if kk > _MAX_DIRECT_TERMS:
            return mpmath.binomial(n, k)
        out = mpmath.mpf(1)
        for j in range(kk):
            out = out * (n - j) / (j + 1)
        return out
    return mpmath.binomial(n, k)


def _atan2(y, x):
    """sympy's atan2: the real two-argument arctangent, and -I log((x + I y)/sqrt(x**2 + y**2))
    for complex arguments; undefined (nan in sympy) at (0, 0)."""
    y, x = _real(y), _real(x)
    if y == 0 and x == 0:
        raise ValueError("atan2(0, 0) is undefined")
    if isinstance(y, mpmath.mpc) or isinstance(x, mpmath.mpc):
        if y == 0 or x == 0:   # sympy evaluates these by its own special rules (Heaviside of a complex)
            raise ValueError("atan2 with a zero and a complex argument is not mapped")
        return -1j * mpmath.log((x + 1j * y) / mpmath.sqrt(x**2 + y**2))
    return mpmath.atan2(y, x)


def _arg(z):
    if z == 0:
        raise ValueError("arg(0) is undefined")
    return mpmath.arg(z)


def _at_nonzero(f, name):
    def g(nu, x):
        if x == 0:
            raise ValueError(f"{name}(nu, 0) is infinite")
        return f(nu, x)
    return g


def _uppergamma(a, x):
    if x == 0 and mpmath.re(a) <= 0:
        raise ValueError("uppergamma(a, 0) diverges for re(a) <= 0")
    return mpmath.gammainc(a, x)


def _polygamma(m, x):
    if not _is_int(m) or mpmath.re(m) < 0:
        raise ValueError("polygamma of negative or non-integer order is not mapped")
    return mpmath.polygamma(m, x)


_BINARY = {sp.atan2: _atan2, sp.binomial: _binomial, sp.besselj: mpmath.besselj,
           sp.bessely: _at_nonzero(mpmath.bessely, "bessely"), sp.besseli: mpmath.besseli,
           sp.besselk: _at_nonzero(mpmath.besselk, "besselk"),
           sp.polygamma: _polygamma, sp.beta: mpmath.beta, sp.uppergamma: _uppergamma}
_UNARY = {
    sp.exp: mpmath.exp, sp.sin: mpmath.sin, sp.cos: mpmath.cos, sp.tan: mpmath.tan,
    sp.cot: mpmath.cot, sp.sec: mpmath.sec, sp.csc: mpmath.csc, sp.asin: mpmath.asin,
    sp.acos: mpmath.acos, sp.atan: mpmath.atan, sp.acot: mpmath.acot, sp.sinh: mpmath.sinh,
    sp.cosh: mpmath.cosh, sp.tanh: mpmath.tanh, sp.coth: mpmath.coth, sp.sech: mpmath.sech,
    sp.csch: mpmath.csch, sp.asinh: mpmath.asinh, sp.acosh: mpmath.acosh, sp.atanh: mpmath.atanh,
    sp.gamma: mpmath.gamma, sp.loggamma: mpmath.loggamma, sp.erf: mpmath.erf, sp.erfc: mpmath.erfc,
    sp.Abs: abs, sp.re: mpmath.re, sp.im: mpmath.im, sp.conjugate: mpmath.conj, sp.arg: _arg,
    sp.floor: mpmath.floor, sp.ceiling: mpmath.ceil, sp.factorial: mpmath.factorial,
    sp.zeta: mpmath.zeta, sp.digamma: mpmath.digamma, sp.LambertW: mpmath.lambertw,
    sp.harmonic: mpmath.harmonic, sp.sign: mpmath.sign,
}
_CONSTANTS = {sp.oo: lambda: mpmath.inf, -sp.oo: lambda: -mpmath.inf, sp.pi: lambda: +mpmath.pi,
              sp.E: lambda: +mpmath.e, sp.I: lambda: mpmath.mpc(0, 1),
              sp.EulerGamma: lambda: +mpmath.euler, sp.Catalan: lambda: +mpmath.catalan,
              sp.GoldenRatio: lambda: +mpmath.phi}


def _quad(f, a, b):
    """Gauss-Legendre (fast for the smooth integrands of test functions), falling back to
    tanh-sinh when its own error estimate is not small (endpoint singularities)."""
    if mpmath.isfinite(a) and mpmath.isfinite(b):
        value, error = mpmath.quad(f, [a, b], method="gauss-legendre", error=True, maxdegree=6)
        if error <= mpmath.eps * 2**10 * max(1, abs(value)):
            return value
    return mpmath.quad(f, [a, b])


@functools.lru_cache(maxsize=1024)
def _derivative_lambda(lam: sp.Lambda, orders: tuple) -> sp.Lambda:
    """The template differentiated ``orders[i]`` times in its i-th variable (cached: templates recur)."""
    body = lam.expr
    for var, n in zip(lam.variables, orders):
        if n:
            body = sp.diff(body, var, n)
    return sp.Lambda(lam.variables, body)


_MAX_MAG = 2 ** 16      # |log2| of any intermediate value: beyond it one operation can take minutes
_FAST_POWER = 2 ** 12   # exponents beyond this go through exp(e log b): mpmath's power loops over their bits


_NON_SMOOTH = (sp.Abs, sp.sign, sp.floor, sp.ceiling, sp.frac, sp.Heaviside, sp.Max, sp.Min, sp.Piecewise,
               sp.re, sp.im, sp.conjugate, sp.arg, sp.Mod, sp.atan2, sp.DiracDelta, sp.SingularityFunction)
_POLAR = (sp.exp_polar, sp.polar_lift, sp.periodic_argument, sp.principal_branch)


def _bounded(value):
    """Refuse values beyond 2**_MAX_MAG in magnitude: the next operation on them would not finish."""
    if isinstance(value, (mpmath.mpf, mpmath.mpc)) and value and mpmath.isfinite(value):
        m = mpmath.mag(value)
        if m > _MAX_MAG:   # tiny values are harmless (and common: exp(-t) in a quadrature tail)
            raise NotEvaluable(f"an intermediate value of magnitude 2**{m} is out of range")
    return value


def _power(b, e):
    """``b**e`` (principal branch), without mpmath's bit loop for huge exponents (``e`` int or mpmath)."""
    if isinstance(e, int):
        if abs(e) <= _FAST_POWER or not b:
            return b ** e
        bits = e.bit_length()
    elif not isinstance(e, (mpmath.mpf, mpmath.mpc)) or not e or mpmath.mag(e) <= 12 or not b:
        return mpmath.power(b, e)
    else:
        bits = int(mpmath.mag(e))
    with mpmath.workprec(64):
        size = mpmath.re(mpmath.log(b) * e) / mpmath.ln2
    if size > _MAX_MAG:
        raise NotEvaluable("a power whose magnitude is out of range")
    with mpmath.extraprec(bits + 20):
        exponent = mpmath.mpf(e) if isinstance(e, int) else e
        if isinstance(b, mpmath.mpf) and isinstance(exponent, mpmath.mpf) and mpmath.isint(exponent):
            sign = -1 if b < 0 and int(exponent) % 2 else 1
            out = sign * mpmath.exp(exponent * mpmath.log(abs(b)))
        else:
            out = mpmath.exp(exponent * mpmath.log(b))
    return +out


class _Compiler:
    def __init__(self, args: Sequence[sp.Symbol], functions: Mapping[Any, sp.Lambda]):
        self.index = {a: i for i, a in enumerate(args)}
        self.functions = dict(functions)
        self.derivatives: dict[tuple, sp.Lambda] = {}

    def extended(self, extra: Sequence[sp.Symbol]) -> "_Compiler":
        child = _Compiler([], self.functions)
        child.index = dict(self.index)
        for s in extra:
            child.index[s] = len(child.index)
        child.derivatives = self.derivatives
        return child

    def compile(self, e: sp.Basic) -> Closure:
        closure = self._compile(e)
        if not e.args:
            return closure
        return lambda v: _bounded(closure(v))

    def _compile(self, e: sp.Basic) -> Closure:
        if isinstance(e, sp.Symbol) and e.is_commutative is False:
            def operator(v, e=e):
                raise NotEvaluable(f"{e} is non-commutative: numbers cannot stand for it")
            return operator
        if isinstance(e, _POLAR) or (isinstance(e, sp.Symbol) and e.is_polar):
            # numbers on the Riemann surface of log: a complex value forgets the sheet, so
            # sympy's polar identities (besseli(a, z*exp_polar(I*pi/2)) ...) have no numeric test
            def polar(v, e=e):
                raise NotEvaluable(f"{e} is a polar number: no numeric value on its sheet")
            return polar
        if e in self.index:
            i = self.index[e]
            return lambda v: v[i]
        if e.is_Integer:
            n = int(e)
            return lambda v: mpmath.mpf(n)
        if e.is_Rational:
            p, q = int(e.p), int(e.q)
            return lambda v: mpmath.mpf(p) / q
        if e.is_Float:
            value = e
            return lambda v: mpmath.mpf(value._mpf_) if hasattr(value, "_mpf_") else mpmath.mpf(str(value))
        if e in _CONSTANTS:
            return lambda v, c=_CONSTANTS[e]: c()
        if e.is_Add:
            parts = [self.compile(a) for a in e.args]
            return lambda v: mpmath.fsum(f(v) for f in parts)
        if e.is_Mul:
            parts = [self.compile(a) for a in e.args]

            def product(v):
                out = parts[0](v)
                for f in parts[1:]:
                    out = out * f(v)
                return out
            return product
        if e.is_Pow:
            return self._pow(e)
        if isinstance(e, AppliedUndef):
            return self._applied(e.func, (), e.args)
        if isinstance(e, sp.Derivative):
            return self._derivative(e)
        if isinstance(e, sp.Subs):
            return self._subs(e)
        if isinstance(e, (sp.Integral, sp.Sum, sp.Product)):
            return self._limits(e)
        if e.func in _UNARY and len(e.args) == 1:
            f, arg = _UNARY[e.func], self.compile(e.args[0])
            return lambda v: f(arg(v))
        if e.func in _BINARY and len(e.args) == 2:
            f, a, b = _BINARY[e.func], self.compile(e.args[0]), self.compile(e.args[1])
            return lambda v: f(a(v), b(v))
        if e.func is sp.log:
            parts = [self.compile(a) for a in e.args]
            return lambda v: mpmath.log(*[p(v) for p in parts])
        if e.func in (sp.Min, sp.Max):
            parts, pick = [self.compile(a) for a in e.args], (min if e.func is sp.Min else max)
            return lambda v: pick(p(v) for p in parts)
        return self._fallback(e)

    def _pow(self, e: sp.Pow) -> Closure:
        base = self.compile(e.base)
        if e.exp.is_Integer:
            n = int(e.exp)
            if abs(n) > _FAST_POWER:
                return lambda v: _power(base(v), n)
            return lambda v: base(v) ** n
        if e.exp == sp.Rational(1, 2):
            return lambda v: mpmath.sqrt(base(v))
        if e.base is sp.E:
            ex = self.compile(e.exp)
            return lambda v: mpmath.exp(ex(v))
        ex = self.compile(e.exp)
        return lambda v: _power(base(v), ex(v))

    def _template(self, func, orders: tuple) -> sp.Lambda:
        key = (func, orders)
        if key not in self.derivatives:
            lam = self.functions.get(func)
            if lam is None:
                raise InvalidInputError(f"cannot evaluate undefined function {func.__name__} numerically: "
                                        "give it a test function (functions={...})")
            self.derivatives[key] = _derivative_lambda(lam, orders)
        return self.derivatives[key]

    def _applied(self, func, orders: tuple, args: tuple) -> Closure:
        lam = self._template(func, orders or (0,) * len(args))
        if len(lam.variables) != len(args):
            raise InvalidInputError(f"{func.__name__} is applied to {len(args)} arguments but its "
                                    f"test function takes {len(lam.variables)}")
        body = self.extended(lam.variables).compile(lam.expr)
        arg_fns = [self.compile(a) for a in args]
        return lambda v: body(list(v) + [a(v) for a in arg_fns])

    def _derivative(self, e: sp.Derivative) -> Closure:
        inner = e.expr
        if isinstance(inner, AppliedUndef) and len(set(inner.args)) == len(inner.args):
            # partial derivatives in argument slots: d/dx f(x, y), or d/dg(t) f(g(t)) (chain rule)
            counts = dict(e.variable_count)
            args = inner.args
            if set(counts) <= set(args) and all(
                    not any(other.has(v) for other in args if other != v) for v in counts):
                orders = tuple(int(counts.get(a, 0)) for a in args)
                return self._applied(inner.func, orders, args)
        if not all(isinstance(v, sp.Symbol) for v in e.variables):
            # derivative with respect to an expression: substitute a dummy, differentiate, put it back
            dummies = [sp.Dummy("xi") for _ in e.variables]
            table = dict(zip(e.variables, dummies))
            body = sp.Derivative(e.expr.xreplace(table), *[(table[v], n) for v, n in e.variable_count])
            return self.compile(sp.Subs(body, dummies, list(e.variables)))
        done = e.doit(deep=False)
        if isinstance(done, sp.Derivative) and done == e:
            return self._fallback(e)
        return self.compile(expand_derivatives(done))

    def _subs(self, e: sp.Subs) -> Closure:
        body = self.extended(e.variables).compile(e.expr)
        points = [self.compile(p) for p in e.point]
        return lambda v: body(list(v) + [p(v) for p in points])

    def _limits(self, node) -> Closure:
        if isinstance(node, sp.Integral) and node.function.has(sp.DiracDelta, sp.SingularityFunction):
            # a distribution under an integral: its point values (0 off the support) integrate to 0
            def distribution(v):
                raise NotEvaluable(f"{node} integrates a distribution: quadrature cannot see it")
            return distribution
        # the first limit is the innermost; rebuilding a nested node would be flattened by sympy
        return self._nested(node, node.function, list(node.limits))

    def _nested(self, node, function, limits) -> Closure:
        lim = limits[-1]
        if len(lim) != 3:
            def indefinite(v):
                raise NotEvaluable(f"{node} has no limits, so it has no numeric value")
            return indefinite
        var, low, high = lim
        child = self.extended([var])
        body = child._nested(node, function, limits[:-1]) if len(limits) > 1 else child.compile(function)
        a_fn, b_fn = self.compile(low), self.compile(high)
        if isinstance(node, sp.Integral):
            if function.has(*_NON_SMOOTH):
                # quadrature's error estimate is blind to kinks and jumps (Gauss-Legendre returns
                # 2250 with error 0 for the integral of |x**2 - 3*x| over [-15, 15], which is 2259)
                def kinked(v):
                    raise NotEvaluable(f"{node} has a non-smooth integrand: quadrature is not reliable")
                return kinked
            fast = self._acb_integral(node, function, limits)
            quad = lambda v: _quad(lambda x: body(list(v) + [x]), a_fn(v), b_fn(v))  # noqa: E731
            if fast is None:
                return quad

            def integral(v):
                try:
                    return fast(v)
                except (ValueError, ZeroDivisionError):
                    return quad(v)
            return integral
        is_sum = isinstance(node, sp.Sum)

        def series(v):
            a, b = a_fn(v), b_fn(v)
            if mpmath.isfinite(a) and mpmath.isfinite(b):
                ia, ib = int(mpmath.nint(a)), int(mpmath.nint(b))
                if ia != a or ib != b:
                    raise NotEvaluable(f"{node} has non-integer limits")
                if ib < ia - 1:  # Karr's convention, as sympy: Sum(f, (k, a, b)) = -Sum(f, (k, b+1, a-1))
                    ia, ib, flip = ib + 1, ia - 1, True
                else:
                    flip = False
                # a running sum/product: memory stays bounded for any range (the budget bounds time)
                with mpmath.workdps(mpmath.mp.dps + len(str(ib - ia + 1))):
                    acc = mpmath.mpf(0 if is_sum else 1)
                    for k in range(ia, ib + 1):
                        term = body(list(v) + [mpmath.mpf(k)])
                        acc = acc + term if is_sum else acc * term
                if flip:
                    acc = -acc if is_sum else 1 / acc
                return +acc
            f = lambda k: body(list(v) + [k])
            return mpmath.nsum(f, [a, b]) if is_sum else mpmath.nprod(f, [a, b])
        return series

    def _acb_integral(self, node, function, limits):
        """Arb's rigorous adaptive Gauss-Legendre (C speed) when the integrand translates, else None."""
        try:
            from .arb import _Untranslatable, compile_acb_integral
            return compile_acb_integral(sp.Integral(function, *limits), self.index, self.functions,
                                        _derivative_lambda)
        except (ImportError, _Untranslatable):
            return None

    def _fallback(self, e: sp.Basic) -> Closure:
        """Anything else: substitute the numbers and let sympy's evalf do it (slow, general)."""
        symbols = [s for s in e.free_symbols if s in self.index]
        if e.atoms(AppliedUndef):
            raise InvalidInputError(f"cannot evaluate {e} numerically")

        def evaluate(v):
            subs = {s: sp.Float(mpmath.nstr(v[self.index[s]], mpmath.mp.dps), mpmath.mp.dps)
                    if not isinstance(v[self.index[s]], mpmath.mpc) else
                    sp.Float(str(v[self.index[s]].real), mpmath.mp.dps)
                    + sp.I * sp.Float(str(v[self.index[s]].imag), mpmath.mp.dps) for s in symbols}
            try:
                value = e.xreplace(subs).evalf(mpmath.mp.dps)
            except RecursionError:
                raise NotEvaluable(f"sympy cannot evaluate {e} numerically") from None
            if not value.is_number:
                raise NotEvaluable(f"{e} has no numeric value")
            if value.has(sp.I):
                return mpmath.mpc(str(sp.re(value)), str(sp.im(value)))
            return mpmath.mpf(str(value))
        return evaluate


def compile_mp(exprs: Sequence[sp.Expr], args: Sequence[sp.Symbol],
               functions: Mapping[Any, sp.Lambda] | None = None) -> Callable[[list], list]:
    """Compile expressions into ``values -> [mpmath numbers]`` (values aligned with ``args``).

    ``functions`` maps undefined functions (the sympy class) to `Lambda` templates
    whose other free symbols are among ``args``.  The result evaluates at the
    `mpmath.mp.dps` current when it is called.
    """
    compiler = _Compiler(list(args), functions or {})
    closures = [compiler.compile(expand_derivatives(sp.sympify(e))) for e in exprs]
    return lambda values: [c(values) for c in closures]
