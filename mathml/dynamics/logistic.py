r"""The logistic map ``f_r(x) = r x (1 - x)`` with exact (sympy) cycles and multipliers.

The talk writes it ``x_{n+1} = -r x_n (x_n - 1)``; it is the same map.  ``r`` may be an
exact sympy number, a sympy symbol, an int or a Fraction (exact results), or a float
(then every result is a sympy ``Float`` expression: computed, not exact).

- ``fixed_points()``: ``0`` and ``1 - 1/r``.
- ``cycle(p)``: the points of least period ``p``: radicals for ``p = 1, 2`` (any r); for
  ``p >= 3`` and a numeric exact r, the real roots of the primitive factor
  ``Phi_p(x) = prod_{d | p} (f^d(x) - x)^{mu(p/d)}`` as exact ``CRootOf`` numbers.
- ``multiplier(point, period)``: ``(f^p)'(point) = prod_k f'(f^k(point))``; without a point,
  the multipliers of all least-period-``p`` cycles (``p = 1, 2``: closed forms).
- ``multiplier_polynomial(period, y)``: the polynomial in ``y`` (and r) whose roots are the
  multipliers of the least-period cycles, from the resultant ``Res_x(Phi_p(x), y - (f^p)'(x))``
  (each cycle's multiplier appears ``p`` times; the ``p``-th root is taken exactly).
  ``multiplier_polynomial(3, 1) = 0`` gives the period-3 saddle-node ``r^2 - 2r - 7 = 0``.

Examples
--------
>>> import sympy as sp
>>> from mathml.dynamics import LogisticMap
>>> r = sp.Symbol('r', positive=True)
>>> LogisticMap(r).fixed_points()
[0, 1 - 1/r]
>>> sp.expand(LogisticMap(r).multiplier(period=2)[0])
-r**2 + 2*r + 4
>>> LogisticMap(sp.Integer(4)).cycle(2)
[5/8 - sqrt(5)/8, sqrt(5)/8 + 5/8]
"""
from __future__ import annotations

import math
from fractions import Fraction
from numbers import Integral, Real

import sympy as sp

from ..core.errors import InvalidInputError
from ..core.latex import latex
from ._common import check_int

__all__ = ["LogisticMap"]

_X = sp.Symbol("x")


def _as_parameter(r):
    if isinstance(r, bool) or isinstance(r, str):
        raise InvalidInputError(f"r must be a number or a sympy expression, got {type(r).__name__}: {r!r}")
    if isinstance(r, sp.Basic):
        if not isinstance(r, sp.Expr):
            raise InvalidInputError(f"r must be a sympy expression, got {r!r}")
        if r.is_number and (r.is_real is False or r.has(sp.nan, sp.zoo, sp.oo, -sp.oo)):
            raise InvalidInputError(f"r must be real and finite, got {r}")
        return r
    if isinstance(r, (Integral, Fraction)):
        return sp.Rational(r)
    if isinstance(r, Real):
        if not math.isfinite(float(r)):
            raise InvalidInputError(f"r must be finite, got {r!r}")
        return sp.Float(float(r))
    raise InvalidInputError(f"r must be a number or a sympy expression, got {type(r).__name__}: {r!r}")


def _point(value):
    """A point of the interval: a number or sympy expression (strings and bools refused; never sympified)."""
    if isinstance(value, (bool, str, bytes)):
        raise InvalidInputError("a point must be a number or a sympy expression, got "
                                f"{type(value).__name__}: "
                                f"{value!r}")
    if isinstance(value, sp.Basic):
        if not isinstance(value, sp.Expr) or value.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
            raise InvalidInputError(f"a point must be a finite sympy expression, got {value!r}")
        return value
    try:
        return _as_parameter(value)
    except InvalidInputError:
        raise InvalidInputError(f"a point must be a finite real number or a sympy expression, got "
                                f"{value!r}") from None


# an exact orbit's numerators and denominators double in size every step: refuse beyond this many bits
_MAX_ORBIT_BITS = 200_000


def _mobius(n: int) -> int:
    return int(sp.mobius(n))


class LogisticMap:
    """The logistic map ``f_r(x) = r x (1 - x)``.

    Parameters
    ----------
    r : sympy expression or number
        The parameter: an exact number or a symbol gives exact results; a float gives sympy
        Floats.
    x : sympy.Symbol, optional
        The variable used in returned expressions (default ``x``).

    Raises
    ------
    InvalidInputError
        For strings, bools, NaN, infinities or non-real numbers.

    Examples
    --------
    >>> import sympy as sp
    >>> from mathml.dynamics import LogisticMap
    >>> f = LogisticMap(sp.Rational(7, 2))
    >>> f(sp.Rational(1, 2))
    7/8
    >>> f
    LogisticMap(r=7/2)
    """

    def __init__(self, r, *, x: sp.Symbol | None = None):
        self.r = _as_parameter(r)
        if self.r.is_zero:
            raise InvalidInputError("r must be nonzero (r = 0 maps everything to 0)")
        if x is not None and not isinstance(x, sp.Symbol):
            raise InvalidInputError(f"x must be a sympy Symbol, got {x!r}")
        self.x = x if x is not None else _X

    # ------------------------------------------------------------------ basics
    def __call__(self, point):
        """``f_r(point)`` (exact for exact input)."""
        point = _point(point)
        return self.r * point * (1 - point)

    def expr(self) -> sp.Expr:
        """``r x (1 - x)`` as a sympy expression in ``self.x``."""
        return self.r * self.x * (1 - self.x)

    def iterate(self, n: int) -> sp.Expr:
        """``f^n(x)`` as an expanded polynomial in ``self.x`` (degree ``2^n``; n <= 10).

        Examples
        --------
        >>> import sympy as sp
        >>> from mathml.dynamics import LogisticMap
        >>> sp.degree(LogisticMap(4).iterate(3), sp.Symbol('x'))
        8
        """
        n = check_int("n", n, 0, 10)
        e = self.x
        for _ in range(n):
            e = sp.expand(self.r * e * (1 - e))
        return e

    def orbit(self, x0, n: int) -> list:
        """``[x0, f(x0), ..., f^n(x0)]`` (exact for exact input)."""
        n = check_int("n", n, 0, 10**5)
        out = [_point(x0)]
        for k in range(n):
            nxt = self(out[-1])
            nxt = sp.expand(nxt) if self.r.is_Rational and out[-1].is_Rational else nxt
            if nxt.is_Rational and nxt.p.bit_length() + nxt.q.bit_length() > _MAX_ORBIT_BITS:
                raise InvalidInputError(
                    f"the exact orbit outgrows {_MAX_ORBIT_BITS} bits at step {k + 1} "
                    "(sizes double every step); "
                    "iterate a float or an mpmath number instead")
            if not nxt.is_number and sp.count_ops(nxt) > 10**5:
                raise InvalidInputError(f"the symbolic orbit grows too large at step {k + 1}")
            out.append(nxt)
        return out

    def derivative(self, point=None):
        """``f'(x) = r (1 - 2x)`` (at ``point`` when given)."""
        e = self.r * (1 - 2 * self.x)
        return e if point is None else e.subs(self.x, _point(point))

    # ------------------------------------------------------------------ cycles
    def fixed_points(self) -> list:
        """The fixed points ``[0, 1 - 1/r]``."""
        return [sp.Integer(0), 1 - 1 / self.r]

    def primitive_polynomial(self, period: int) -> sp.Poly:
        """``Phi_p(x) = prod_{d | p} (f^d(x) - x)^{mu(p/d)}``: its roots are the points of least period p.

        Its degree is ``sum_{d | p} mu(p/d) 2^d`` (p * the number of period-p orbits); p <= 8.

        Examples
        --------
        >>> import sympy as sp
        >>> from mathml.dynamics import LogisticMap
        >>> LogisticMap(sp.Symbol('r')).primitive_polynomial(3).degree()
        6
        """
        period = check_int("period", period, 1, 6)
        if self.r.has(sp.Float):
            # float r: divide exactly over the rationals the floats stand for, then return Floats
            rat = self.r.xreplace({f: sp.Rational(f) for f in self.r.atoms(sp.Float)})
            exact = LogisticMap(rat, x=self.x)
            q = exact.primitive_polynomial(period)
            return sp.Poly(q.as_expr().evalf(17), self.x)
        gens = (self.x,)
        num, den = sp.Poly(1, *gens), sp.Poly(1, *gens)
        for d in sp.divisors(period):
            mu = _mobius(period // d)
            if mu == 0:
                continue
            poly = sp.Poly(self.iterate(d) - self.x, *gens)
            if mu == 1:
                num *= poly
            else:
                den *= poly
        q, rem = sp.div(num, den)
        if not rem.is_zero:
            raise ArithmeticError("Moebius quotient is not exact (internal error)")  # pragma: no cover
        return q

    def cycle(self, period: int) -> list:
        """The points of least period ``period``.

        ``period = 1``: the fixed points; ``period = 2``: the 2-cycle
        ``x_± = [r + 1 ± sqrt((r - 3)(r + 1))]/(2r)`` (any r, also symbolic); ``period >= 3``:
        the real roots (sorted, exact ``CRootOf``) of `primitive_polynomial` for a rational r, up to
        ``period = 6`` (real-root isolation of the degree-54 primitive polynomial takes a few seconds;
        period 7 already takes about 30 s); for a float r, the same roots for the rational the float
        is, returned as sympy Floats.

        Raises
        ------
        InvalidInputError
            For ``period >= 3`` with a symbolic or irrational r, or ``period > 6``.

        Examples
        --------
        >>> import sympy as sp
        >>> from mathml.dynamics import LogisticMap
        >>> len(LogisticMap(sp.Rational(39, 10)).cycle(3))   # two real 3-cycles at r = 3.9
        6
        """
        period = check_int("period", period, 1, 6)
        r = self.r
        if period == 1:
            return self.fixed_points()
        if period == 2:
            s = sp.sqrt((r - 3) * (r + 1))
            return [(r + 1 - s) / (2 * r), (r + 1 + s) / (2 * r)]
        if isinstance(r, sp.Float):
            # a float r: the real roots of the exact primitive polynomial of the rational the float is,
            # evaluated to float precision (sympy Floats, sorted)
            exact = LogisticMap(sp.Rational(r), x=self.x).cycle(period)
            return [sp.Float(v.evalf(17), 17) for v in exact]
        if not (r.is_number and r.is_Rational):
            raise InvalidInputError(
                "cycle(p) for p >= 3 needs a rational or float r (the points are roots of a degree-"
                f"{sum(_mobius(period // d) * 2**d for d in sp.divisors(period))} polynomial); "
                "use primitive_polynomial(p) for a symbolic or irrational r")
        poly = self.primitive_polynomial(period)
        return sorted(sp.Poly(poly.as_expr(), self.x).real_roots(), key=lambda v: v.evalf(30))

    def multiplier(self, point=None, period: int = 1):
        """The multiplier ``(f^p)'(point) = prod_{k<p} f'(f^k(point))``.

        Parameters
        ----------
        point : sympy expression, optional
            A point on the cycle.  Without it: the multipliers of the least-period cycles, one per
            cycle, in closed form for ``period = 1`` (``[r, 2 - r]``) and ``period = 2``
            (``[4 + 2r - r^2]``).
        period : int

        Examples
        --------
        >>> import sympy as sp
        >>> from mathml.dynamics import LogisticMap
        >>> LogisticMap(sp.Symbol('r')).multiplier(period=1)
        [r, 2 - r]
        """
        period = check_int("period", period, 1, 64)
        if point is None:
            if period == 1:
                return [sp.expand(self.derivative(p)) for p in self.fixed_points()]
            if period == 2:
                return [sp.expand(4 + 2 * self.r - self.r**2)]
            raise InvalidInputError("multiplier() without a point is closed-form only for period 1 and 2; "
                                    "use multiplier_polynomial(period, y)")
        out, z = sp.Integer(1), _point(point)
        for _ in range(period):
            out *= self.derivative(z)
            z = self(z)
        return sp.simplify(out) if z.is_number else sp.expand(out)

    def multiplier_polynomial(self, period: int, y=None) -> sp.Expr:
        """The monic-in-``y`` polynomial whose roots are the multipliers of the least-period cycles.

        Computed as the exact ``p``-th root of ``Res_x(Phi_p(x), y - (f^p)'(x))`` (each cycle's
        multiplier is a root ``p`` times); exact in ``r``; ``period <= 4``.

        Parameters
        ----------
        period : int
        y : sympy expression, optional
            Where to evaluate (default: a symbol ``y``); ``y = 1`` gives the saddle-node condition,
            ``y = -1`` the period-doubling condition.

        Examples
        --------
        >>> import sympy as sp
        >>> from mathml.dynamics import LogisticMap
        >>> r = sp.Symbol('r')
        >>> sp.factor(LogisticMap(r).multiplier_polynomial(3, 1))   # saddle-node at 1 + sqrt(8)
        -(r**2 - 5*r + 7)*(r**2 - 2*r - 7)*(r**2 + r + 1)
        """
        period = check_int("period", period, 1, 4)
        ysym = sp.Dummy("y")
        phi = self.primitive_polynomial(period).as_expr()
        dfp = sp.Integer(1)
        z = self.x
        for _ in range(period):
            dfp *= self.derivative(z)
            z = sp.expand(self(z))
        res = sp.resultant(sp.expand(phi), sp.expand(ysym - dfp), self.x)
        res = sp.Poly(sp.expand(res), ysym)
        lead = res.LC()
        monic = sp.Poly(sp.expand(res.as_expr() / lead), ysym)
        root = _exact_root(monic, period, ysym)
        out = root.as_expr()
        return sp.expand(out.subs(ysym, y) if y is not None else out.subs(ysym, sp.Symbol("y")))

    def lyapunov(self, x0=0.3, *, n_iter: int = 100_000, transient: int = 1_000):
        """The Lyapunov exponent along the orbit of ``x0`` (numeric r; see `mathml.dynamics.lyapunov`).

        Examples
        --------
        >>> import sympy as sp
        >>> from mathml.dynamics import LogisticMap
        >>> est = LogisticMap(sp.Rational(16, 5)).lyapunov(n_iter=10_000)   # stable 2-cycle
        >>> round(est.value, 6)                                              # ln(0.16)/2
        -0.916291
        """
        if not self.r.is_number:
            raise InvalidInputError(f"the Lyapunov exponent needs a numeric r, got {self.r}")
        from .lyapunov import lyapunov

        return lyapunov(self.expr(), self.x, x0, n_iter=n_iter, transient=transient)

    # ------------------------------------------------------------------ display
    def __repr__(self) -> str:
        return f"LogisticMap(r={self.r})"

    def _repr_latex_(self) -> str:
        xn = sp.Symbol("x_n")
        return "$x_{n+1} = " + latex(self.r * xn * (1 - xn)) + "$"


def _exact_root(poly: sp.Poly, k: int, y) -> sp.Poly:
    """The monic ``q`` with ``q^k = poly`` (exact), via the square-free decomposition."""
    if k == 1:
        return poly
    out = sp.Poly(1, y)
    _, factors = sp.sqf_list(poly)
    for fac, mult in factors:
        if mult % k:
            raise ArithmeticError("multiplier resultant is not a perfect power")  # pragma: no cover
        out *= fac ** (mult // k)
    return sp.Poly(sp.expand(out.as_expr() / out.LC()), y)
