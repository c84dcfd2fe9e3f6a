"""An exact normal form for identities, on python-flint multivariate polynomials over Q.

`exact_zero(expr)` maps an expression to a fraction ``p / q`` of
``flint.fmpq_mpoly`` polynomials whose variables ("generators") stand for:
symbols; ``I`` and numeric radicals ``b**(1/q)``, reduced by their relations
``y**q = b``; undefined functions ``f(args)`` and their partial derivatives
(independent variables, also when evaluated at ``g(t)`` by the chain rule);
exponentials ``exp(m / D)`` and ``exp(I m / D)`` of the monomials ``m`` of an
exponent (so ``exp(a + b) = exp(a) exp(b)``, and sin, cos, tan, sinh, ... are
rewritten through them); ``Gamma(z)`` after ``Gamma(z + k) = (z)_k Gamma(z)``;
``log``, ``atan``, ``Abs``, ... of canonical arguments as opaque atoms (logs are
expanded only where sympy's assumptions allow).  Integrals are split linearly:
factors free of the integration variable move out, ``t**k`` and ``f^(n)(t)`` are
integrated exactly (the fundamental theorem), the rest stays an opaque atom.

Every rewrite is an identity of the functions involved, valid wherever both
sides are defined, and an opaque atom is a function of its arguments, so a zero
numerator proves ``lhs - rhs = 0`` (``"symbolic: exact normal form"``).  A
non-zero numerator proves nothing (relations between atoms are not modelled),
except a non-zero rational constant, which is an exact disproof.

Examples
--------
>>> import sympy as sp
>>> from mathml.core.normalform import exact_zero
>>> x, y = sp.symbols('x y')
>>> exact_zero(sp.sin(x + y) - sp.sin(x)*sp.cos(y) - sp.cos(x)*sp.sin(y))
True
>>> exact_zero(sp.tan(2*x) - 2*sp.tan(x)/(1 - sp.tan(x)**2))
True
>>> exact_zero(sp.sin(x)**2 - sp.sin(x)) is False
True
>>> exact_zero(sp.Integer(1) + sp.Rational(1, 10**40) - 1)   # an exact non-zero constant
1/10000000000000000000000000000000000000000
"""
from __future__ import annotations

import math
from typing import Any

import flint
import sympy as sp
from sympy.core.function import AppliedUndef

from .budget import Budget

__all__ = ["exact_zero", "Unsupported"]

_MAX_TERMS = 200_000   # a product or power larger than this is not expanded
_MAX_EXPONENT = 5_000
_MAX_SHIFT = 60        # Gamma(z + k) with |k| <= this is shifted
_MAX_DIFF_ORDER = 40


class Unsupported(Exception):
    """The expression has a part the exact normal form does not model (floats, huge powers...).

    Examples
    --------
    >>> import sympy as sp
    >>> from mathml.core.normalform import Unsupported, exact_zero
    >>> try:
    ...     exact_zero(sp.Float(0.5) * sp.Symbol('x') - sp.Symbol('y'))
    ... except Unsupported as exc:
    ...     print(exc)
    floats have no exact normal form
    """


class _Retry(Exception):
    pass


_TRIG = {
    sp.sin: lambda e, ie: (e - 1 / e) / (2 * ie),
    sp.cos: lambda e, ie: (e + 1 / e) / 2,
    sp.tan: lambda e, ie: (e - 1 / e) / (ie * (e + 1 / e)),
    sp.cot: lambda e, ie: ie * (e + 1 / e) / (e - 1 / e),
    sp.sec: lambda e, ie: 2 / (e + 1 / e),
    sp.csc: lambda e, ie: 2 * ie / (e - 1 / e),
}
_HYP = {
    sp.sinh: lambda e: (e - 1 / e) / 2,
    sp.cosh: lambda e: (e + 1 / e) / 2,
    sp.tanh: lambda e: (e - 1 / e) / (e + 1 / e),
    sp.coth: lambda e: (e + 1 / e) / (e - 1 / e),
    sp.sech: lambda e: 2 / (e + 1 / e),
    sp.csch: lambda e: 2 / (e - 1 / e),
}


class _Frac:
    """p / q with flint polynomials; relations of algebraic generators applied after each product."""

    __slots__ = ("p", "q", "ring")

    def __init__(self, ring: "_Ring", p, q=None):
        self.ring, self.p = ring, p
        self.q = q if q is not None else ring.one

    def __add__(self, other):
        other = self.ring.lift(other)
        if self.q == other.q:
            return _Frac(self.ring, self.p + other.p, self.q)
        self.ring.size_check(self.p, other.q)
        self.ring.size_check(other.p, self.q)
        return self.ring.make(self.p * other.q + other.p * self.q, self.q * other.q)

    __radd__ = __add__

    def __neg__(self):
        return _Frac(self.ring, -self.p, self.q)

    def __sub__(self, other):
        return self + (-self.ring.lift(other))

    def __rsub__(self, other):
        return self.ring.lift(other) - self

    def __mul__(self, other):
        other = self.ring.lift(other)
        self.ring.size_check(self.p, other.p)
        return self.ring.make(self.p * other.p, self.q * other.q)

    __rmul__ = __mul__

    def inverse(self):
        if self.p.is_zero():
            raise ZeroDivisionError("division by an expression that is exactly 0")
        return self.ring.make(self.q, self.p)

    def __truediv__(self, other):
        return self * self.ring.lift(other).inverse()

    def __rtruediv__(self, other):
        return self.ring.lift(other) * self.inverse()

    def __pow__(self, n: int):
        if abs(n) > _MAX_EXPONENT:
            raise Unsupported(f"power {n} too large")
        base = self if n >= 0 else self.inverse()
        n = abs(n)
        terms = max(len(base.p), len(base.q))
        if terms > 1 and n > 1 and math.comb(terms + n - 1, n) > _MAX_TERMS:
            raise Unsupported("expansion too large")
        out = self.ring.lift(1)
        sq = base
        while n:
            if n & 1:
                out = out * sq
            n >>= 1
            if n:
                sq = sq * sq
        return out


class _Ring:
    """Generators of one normal-form run (a fixed number of flint variables)."""

    def __init__(self, nvars: int, denominators: dict, budget: Budget | None):
        self.nvars = nvars
        self.ctx = flint.fmpq_mpoly_ctx.get(tuple(f"v{i}" for i in range(nvars)), "lex")
        self.vars = self.ctx.gens()
        self.one = self.ctx.from_dict({(0,) * nvars: 1})
        self.keys: dict[Any, int] = {}
        self.keylist: list[Any] = []       # the key of each generator
        self.free: list[set] = []          # the free symbols each generator depends on
        self.relations: dict[int, tuple[int, sp.Rational]] = {}  # generator -> (q, b): y**q = b
        self.denominators = denominators   # exponential monomial -> D (exp(m/D) is the generator)
        self.budget = budget

    # --- construction -----------------------------------------------------
    def lift(self, value) -> _Frac:
        if isinstance(value, _Frac):
            return value
        if isinstance(value, (int, flint.fmpq)):
            return _Frac(self, self.one * value)
        if isinstance(value, sp.Rational):
            return _Frac(self, self.one * flint.fmpq(int(value.p), int(value.q)))
        raise TypeError(value)

    def make(self, p, q) -> _Frac:
        if self.relations:
            p, q = self.reduce(p), self.reduce(q)
        if q.is_zero():
            raise ZeroDivisionError("a denominator reduces to 0")
        if p.is_zero():
            return _Frac(self, p, self.one)
        if not q.is_constant() and len(p) * len(q) < 4000:
            g = p.gcd(q)
            if not g.is_constant():
                p, q = p / g, q / g
        c = q.leading_coefficient()
        if c != 1:
            p, q = p / c, q / c
        if self.budget is not None:
            self.budget.tick(1 + len(p) + len(q))
        return _Frac(self, p, q)

    def size_check(self, a, b) -> None:
        if len(a) * len(b) > _MAX_TERMS:
            raise Unsupported("product too large")

    def reduce(self, p):
        """Apply y**q = b for the algebraic generators (I, numeric radicals)."""
        degs = p.degrees()
        if not any(degs[i] >= q for i, (q, _) in self.relations.items()):
            return p
        out = {}
        for exps, c in p.to_dict().items():
            exps = [int(v) for v in exps]
            coeff = flint.fmpq(c)
            for i, (q, b) in self.relations.items():
                if exps[i] >= q:
                    k, exps[i] = divmod(exps[i], q)
                    coeff *= flint.fmpq(int(b.p), int(b.q)) ** k
            key = tuple(exps)
            out[key] = out.get(key, 0) + coeff
        return self.ctx.from_dict({k: v for k, v in out.items() if v != 0}) if out else self.ctx.from_dict({})

    def gen(self, key, deps=None, relation=None) -> _Frac:
        """The generator for ``key``; ``deps`` is a sympy object with its free symbols."""
        i = self.keys.get(key)
        if i is None:
            i = len(self.keylist)
            if i >= self.nvars:
                raise _Retry("more generators")
            self.keys[key] = i
            self.keylist.append(key)
            deps = deps if deps is not None else key
            self.free.append(set(getattr(deps, "free_symbols", set())))
            if relation is not None:
                self.relations[i] = relation
        return _Frac(self, self.vars[i])


def _sympy_derivative(func, point, order: int) -> sp.Expr:
    """f^(order)(point) as sympy writes it."""
    if order == 0:
        return func(point)
    xi = sp.Dummy("xi")
    return sp.Subs(sp.Derivative(func(xi), (xi, order)), xi, point)


def _derivative_key(func, args: tuple, orders: tuple):
    if not any(orders):
        return func(*args)
    return ("D", func, args, orders)


class _Converter:
    def __init__(self, ring: _Ring):
        self.ring = ring
        self.I = ring.gen(sp.I, sp.I, relation=(2, sp.Integer(-1)))

    def convert(self, e: sp.Basic) -> _Frac:
        ring = self.ring
        if ring.budget is not None:
            ring.budget.tick(1)
        if e.is_Rational:
            return ring.lift(e)
        if e is sp.I:
            return self.I
        if e.is_Float:
            raise Unsupported("floats have no exact normal form")
        if e.is_Symbol or e in (sp.pi, sp.E, sp.EulerGamma, sp.Catalan, sp.GoldenRatio):
            return ring.gen(e)
        if e.is_Add:
            out = ring.lift(0)
            for a in e.args:
                out = out + self.convert(a)
            return out
        if e.is_Mul:
            out = ring.lift(1)
            for a in e.args:
                out = out * self.convert(a)
            return out
        if e.is_Pow:
            return self.power(e.base, e.exp)
        if isinstance(e, sp.exp):
            return self.exponential(e.args[0])
        if e.func in _TRIG:
            ex = self.exponential(sp.I * e.args[0])
            return _TRIG[e.func](ex, self.I)
        if e.func in _HYP:
            return _HYP[e.func](self.exponential(e.args[0]))
        if isinstance(e, sp.log):
            expanded = sp.expand_log(e, deep=False, force=False)
            if expanded != e:
                return self.convert(expanded)
            return ring.gen(e)
        if isinstance(e, AppliedUndef):
            return ring.gen(e)
        if isinstance(e, sp.Derivative):
            return self.derivative(e)
        if isinstance(e, sp.Subs):
            return self.subs(e)
        if isinstance(e, sp.Integral):
            return self.integral(e)
        if isinstance(e, (sp.gamma, sp.factorial)):
            arg = e.args[0] + (1 if isinstance(e, sp.factorial) else 0)
            return self.gamma(arg)
        if isinstance(e, sp.RisingFactorial) and e.args[1].is_Integer and abs(e.args[1]) <= _MAX_SHIFT:
            return self.convert(sp.expand_func(e))
        if isinstance(e, sp.binomial) and e.args[1].is_Integer and 0 <= e.args[1] <= _MAX_SHIFT:
            n, k = e.args[0], int(e.args[1])
            out = ring.lift(1)
            for j in range(k):
                out = out * (self.convert(n) - j) / (j + 1)
            return out
        if isinstance(e, sp.Expr) and e.args and not e.has(sp.Float):
            return ring.gen(e)   # an opaque function of its arguments
        raise Unsupported(f"{type(e).__name__} is not modelled")

    # --- pieces -----------------------------------------------------------
    def power(self, base, exp) -> _Frac:
        ring = self.ring
        if exp.is_Integer:
            return self.convert(base) ** int(exp)
        if exp.is_Rational:
            p, q = int(exp.p), int(exp.q)
            a, r = divmod(p, q)   # b**(p/q) = b**a * b**(r/q) on the principal branch
            if base.is_Rational:
                root = ring.gen(("root", base, q), sp.Integer(0), relation=(q, sp.Rational(base)))
            else:
                root = ring.gen(sp.Pow(base, sp.Rational(1, q), evaluate=False), base)
            return self.convert(base) ** a * root ** r
        if base is sp.E:
            return self.exponential(exp)
        return self.exponential(exp * sp.log(base))   # principal branch: b**e = exp(e log b)

    def exponential(self, arg) -> _Frac:
        ring = self.ring
        a = self.convert(arg)
        if not a.q.is_constant():
            return ring.gen(sp.exp(arg))
        out = ring.lift(1)
        qc = a.q.leading_coefficient()
        i_index = ring.keys[sp.I]
        for exps, c in a.p.to_dict().items():
            exps = tuple(int(v) for v in exps)
            c = flint.fmpq(c) / qc
            imag = exps[i_index] == 1
            mono = tuple(0 if k == i_index else x for k, x in enumerate(exps))
            mono_key = tuple((ring.keylist[k], x) for k, x in enumerate(mono) if x)
            if not mono_key:   # a constant: exp(c) or exp(I c)
                mono_key = ((sp.Integer(1), 1),)
            if imag and mono_key == ((sp.pi, 1),):   # exp(I pi c): an algebraic number
                value = sp.expand_complex(sp.exp(sp.I * sp.pi * sp.Rational(int(c.p), int(c.q))))
                if not value.has(sp.exp, sp.cos, sp.sin):
                    out = out * self.convert(value)
                    continue
            direction = (mono_key, imag)
            d = ring.denominators.get(direction, 1)
            if int(c.q) > 0 and d % int(c.q):
                ring.denominators[direction] = d * int(c.q) // math.gcd(d, int(c.q))
                raise _Retry("exponent denominator")
            deps = sp.Tuple(*[s for k, x in enumerate(mono) if x for s in ring.free[k]])
            g = ring.gen(("exp", direction, d), deps)
            out = out * g ** int(c * d)
        return out

    def gamma(self, arg) -> _Frac:
        c, rest = arg.as_coeff_Add()
        c = sp.Rational(c)
        k = int(sp.floor(c))
        if abs(k) > _MAX_SHIFT or (rest == 0 and c.is_Integer):
            return self.ring.gen(sp.gamma(arg))
        z = rest + (c - k)
        zr = self.convert(z)
        if zr.p.is_constant() and zr.q.is_constant() and (
                zr.p.leading_coefficient() / zr.q.leading_coefficient()).q == 1:
            # z is an integer in disguise (n*(n + 1) - n**2 - n, say): the shift's factor z + j
            # could be 0 against a pole of Gamma(z); take Gamma(z + k) itself (sympy's exact value)
            c0 = zr.p.leading_coefficient() / zr.q.leading_coefficient()
            value = sp.gamma(sp.Integer(int(c0.p)) + k)
            if not value.is_finite:
                raise ZeroDivisionError("Gamma at a pole")
            return self.convert(value)
        out = self.ring.gen(sp.gamma(z))
        for j in range(k):        # Gamma(z + k) = z (z + 1) ... (z + k - 1) Gamma(z)
            out = out * (zr + j)
        for j in range(1, -k + 1):   # Gamma(z - m) = Gamma(z) / ((z - 1) ... (z - m))
            out = out / (zr - j)
        return out

    def derivative(self, e: sp.Derivative) -> _Frac:
        inner, counts = e.expr, dict(e.variable_count)
        if sum(int(n) for n in counts.values()) > _MAX_DIFF_ORDER:
            raise Unsupported("derivative order too large")
        if isinstance(inner, AppliedUndef) and len(set(inner.args)) == len(inner.args) \
                and set(counts) <= set(inner.args) \
                and not any(o.has(v) for v in counts for o in inner.args if o != v):
            orders = tuple(int(counts.get(a, 0)) for a in inner.args)
            return self.ring.gen(_derivative_key(inner.func, inner.args, orders),
                                 sp.Tuple(*inner.args))
        if not all(isinstance(v, sp.Symbol) for v in counts):
            raise Unsupported("derivative with respect to an expression")
        done = e.doit(deep=False)
        if isinstance(done, sp.Derivative) and done == e:
            raise Unsupported("derivative that does not evaluate")
        return self.convert(done)

    def subs(self, e: sp.Subs) -> _Frac:
        inner = e.expr
        if isinstance(inner, sp.Derivative) and isinstance(inner.expr, AppliedUndef):
            table = dict(zip(e.variables, e.point))
            f = inner.expr
            counts = dict(inner.variable_count)
            if set(counts) <= set(f.args) and len(set(f.args)) == len(f.args) and all(
                    isinstance(a, sp.Symbol) for a in f.args):
                orders = tuple(int(counts.get(a, 0)) for a in f.args)
                args = tuple(table.get(a, a) for a in f.args)
                return self.ring.gen(_derivative_key(f.func, args, orders), sp.Tuple(*args))
        done = e.doit()
        if isinstance(done, sp.Subs):
            raise Unsupported("Subs that does not evaluate")
        return self.convert(done)

    def integral(self, e: sp.Integral) -> _Frac:
        ring = self.ring
        if len(e.limits) != 1 or len(e.limits[0]) != 3:
            return ring.gen(e)
        x, a, b = e.limits[0]
        body = self.convert(e.function)
        if not body.q.is_constant():
            return ring.gen(e)
        qc = body.q.leading_coefficient()
        out = ring.lift(0)
        for exps, c in body.p.to_dict().items():
            exps = tuple(int(v) for v in exps)
            coeff = ring.lift(flint.fmpq(c) / qc)
            dependent = []
            for k, n in enumerate(exps):
                if not n:
                    continue
                if x in ring.free[k]:
                    dependent.append((k, n))
                else:
                    coeff = coeff * _Frac(ring, ring.vars[k]) ** n
            out = out + coeff * self.integrate_monomial(dependent, x, a, b, e)
        return out

    def integrate_monomial(self, dependent, x, a, b, node) -> _Frac:
        ring = self.ring
        if not dependent:
            return self.convert(b) - self.convert(a)
        if len(dependent) == 1:
            k, n = dependent[0]
            key = ring.keylist[k]
            if key == x:   # the fundamental theorem for x**n
                return (self.convert(b) ** (n + 1) - self.convert(a) ** (n + 1)) / (n + 1)
            if n == 1 and isinstance(key, tuple) and key[0] == "D" and key[2] == (x,):
                func, order = key[1], key[3][0]   # the fundamental theorem for f^(order)(x)
                return self.convert(_sympy_derivative(func, b, order - 1)) - self.convert(
                    _sympy_derivative(func, a, order - 1))
        integrand = sp.Mul(*[self.sympy_of(k) ** n for k, n in dependent])
        return ring.gen(sp.Integral(integrand, (x, a, b)))

    def sympy_of(self, k: int) -> sp.Expr:
        ring = self.ring
        key = ring.keylist[k]
        if isinstance(key, sp.Basic):
            return key
        if key[0] == "D":
            _, func, args, orders = key
            dummies = [sp.Dummy(f"a{i}") for i in range(len(args))]
            body = sp.Derivative(func(*dummies), *[(d, n) for d, n in zip(dummies, orders) if n])
            return sp.Subs(body, dummies, list(args))
        if key[0] == "exp":
            (mono_key, imag), d = key[1], key[2]
            m = sp.Mul(*[bb**x for bb, x in mono_key])
            return sp.exp((sp.I if imag else 1) * m / d)
        if key[0] == "root":
            return sp.Pow(key[1], sp.Rational(1, key[2]), evaluate=False)
        raise Unsupported("generator without a sympy form")


def _non_commutative_zero(expr: sp.Expr, budget: Budget | None) -> bool:
    """Zero when, after sympy's (order-keeping) expansion, the commutative coefficient of every
    non-commutative word reduces to 0; the polynomial ring itself is commutative (A*B - B*A -> 0)."""
    if _expanded_size(expr) > _MAX_TERMS:
        raise Unsupported("expansion too large")
    groups: dict[tuple, list] = {}
    for term in sp.Add.make_args(sp.expand(expr)):
        c, nc = term.args_cnc()
        groups.setdefault(tuple(nc), []).append(sp.Mul(*c))
    for coefficients in groups.values():
        if exact_zero(sp.Add(*coefficients), budget) is not True:
            return False   # nothing is disproved: words are compared structurally only
    return True


def _expanded_size(e: sp.Basic) -> int:
    if e.is_Add:
        return sum(_expanded_size(a) for a in e.args)
    if e.is_Mul:
        out = 1
        for a in e.args:
            out = min(_MAX_TERMS + 1, out * _expanded_size(a))
        return out
    if e.is_Pow and e.exp.is_Integer and e.exp > 1:
        return min(_MAX_TERMS + 1, _expanded_size(e.base) ** int(e.exp))
    return 1


def exact_zero(expr: sp.Expr, budget: Budget | None = None) -> bool | sp.Rational:
    """Reduce ``expr`` (typically ``lhs - rhs``) to the exact normal form.

    Parameters
    ----------
    expr : sympy expression
    budget : Budget, optional
        Counts the work (`mathml.core.budget`); running out raises `BudgetExhausted`.

    Returns
    -------
    bool or sympy Rational
        ``True`` when the normal form is 0 (a proof that ``expr`` vanishes
        wherever it is defined), a non-zero ``Rational`` when ``expr`` is that
        exact constant (a disproof of ``expr = 0``), ``False`` otherwise (nothing
        decided).

    Raises
    ------
    Unsupported
        Floats, huge expansions, derivatives with respect to expressions that do
        not evaluate.

    Examples
    --------
    >>> import sympy as sp
    >>> from mathml.core.normalform import exact_zero
    >>> t = sp.Symbol('t'); w = sp.Function('w')
    >>> exact_zero(sp.diff(sp.exp(w(t)) * sp.cos(t), t)
    ...            - sp.exp(w(t)) * (w(t).diff(t) * sp.cos(t) - sp.sin(t)))
    True
    >>> a = sp.Symbol('a', positive=True)
    >>> exact_zero(sp.gamma(a + 2) - (a + 1) * a * sp.gamma(a))
    True
    """
    if not expr.is_commutative or any(not s.is_commutative for s in expr.free_symbols):
        return _non_commutative_zero(expr, budget)
    denominators: dict = {}
    nvars = 12
    for _ in range(12):
        ring = _Ring(nvars, denominators, budget)
        try:
            value = _Converter(ring).convert(expr)
        except _Retry as retry:
            if str(retry) == "more generators":
                nvars *= 2
                if nvars > 192:
                    raise Unsupported("too many generators") from None
            continue
        except (ZeroDivisionError, RecursionError, TypeError, ValueError, AttributeError) as exc:
            raise Unsupported(f"{type(exc).__name__}: {exc}") from None
        if value.p.is_zero():
            return True
        if value.p.is_constant() and value.q.is_constant():
            c = value.p.leading_coefficient() / value.q.leading_coefficient()
            return sp.Rational(int(c.p), int(c.q))
        return False
    raise Unsupported("exponent denominators did not settle")
