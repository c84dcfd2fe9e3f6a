"""Seeded random sample points and random test functions ("samplers").

Identities with undefined functions ``w(t)`` are checked by substituting random
test functions.  A sampler is a *parametric template*: an exact sympy expression
in the function's variable and a few coefficient symbols, so one template is
differentiated and compiled once and each sample point only draws new exact
rational coefficients.  Points a test function must vanish at may be symbols
(``vanishing(at=[0, T])``); they are resolved at each sample point.

Examples
--------
>>> import numpy as np, sympy as sp
>>> from mathml.core.sampling import smooth, vanishing
>>> t, T = sp.symbols('t T', positive=True)
>>> g = vanishing(at=[0, T]).draw(np.random.default_rng(0), t, {T: 2})
>>> g.subs(t, 0), g.subs(t, 2)
(0, 0)
>>> f = smooth(terms=1).draw(np.random.default_rng(1), t)   # c0 + a cos t + b sin t
>>> f.atoms(sp.cos), f.atoms(sp.sin), all((64*c).is_Integer for c in f.atoms(sp.Rational))
({cos(t)}, {sin(t)}, True)
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping, Sequence

import numpy as np
import sympy as sp

from .errors import DomainError, InvalidInputError

__all__ = [
    "Sampler",
    "smooth",
    "generic",
    "polynomial",
    "positive",
    "vanishing",
    "constant",
    "random_rational",
    "symbol_range",
    "sample_symbol",
    "check_domain",
]

_DENOMINATOR = 64  # coefficients are k/64: exact in binary and in decimal


def random_rational(rng: np.random.Generator, low: sp.Rational, high: sp.Rational,
                    *, open_low: bool = False) -> sp.Rational:
    """An exact rational drawn uniformly from a grid of 2**16 points in [low, high].

    Examples
    --------
    >>> import numpy as np, sympy as sp
    >>> r = random_rational(np.random.default_rng(0), sp.Integer(0), sp.Integer(1))
    >>> r.is_Rational and 0 <= r <= 1
    True
    """
    steps = 2**16
    k = int(rng.integers(1 if open_low else 0, steps + 1))
    return sp.Rational(low) + (sp.Rational(high) - sp.Rational(low)) * sp.Rational(k, steps)


@dataclass(frozen=True)
class Sampler:
    """Base class: a random test function given as a parametric template.

    Subclasses implement `template(var, tag)`, returning ``(expr, params)``
    where ``params`` are Dummy coefficients, and `draw_params(rng)`.
    """

    def template(self, var: sp.Symbol, tag: str = "c") -> tuple[sp.Expr, tuple[sp.Dummy, ...]]:
        raise NotImplementedError

    def draw_params(self, rng: np.random.Generator, count: int) -> list[sp.Rational]:
        return [sp.Rational(int(rng.integers(-_DENOMINATOR, _DENOMINATOR + 1)), _DENOMINATOR)
                for _ in range(count)]

    def draw(self, rng: np.random.Generator, var: sp.Symbol,
             env: Mapping[sp.Symbol, Any] | None = None) -> sp.Expr:
        """One concrete test function: an exact sympy expression in ``var``.

        ``env`` maps symbols appearing in the template (e.g. the ``T`` of
        ``vanishing(at=[0, T])``) to values.
        """
        expr, params = self.template(var)
        values = self.draw_params(rng, len(params))
        expr = expr.xreplace(dict(zip(params, values)))
        if env:
            by_name = {s.name: s for s in expr.free_symbols}
            expr = expr.xreplace({_env_key(k, by_name): _env_value(k, v) for k, v in env.items()})
        return expr

    def _repr_latex_(self) -> str:
        return r"$\text{" + str(self).replace("_", r"\_") + "}$"


@dataclass(frozen=True)
class _Smooth(Sampler):
    terms: int = 3

    def template(self, var, tag="c"):
        params = sp.symbols(f"{tag}0:{2 * self.terms + 1}", cls=sp.Dummy)
        expr = params[0] + sum(
            params[2 * k - 1] * sp.cos(k * var) + params[2 * k] * sp.sin(k * var)
            for k in range(1, self.terms + 1))
        return expr, tuple(params)

    def __str__(self):
        return f"smooth(terms={self.terms})"


# incommensurate frequencies: no common period with 2 pi or with each other on usual intervals
_FREQUENCIES = (sp.Integer(1), sp.Rational(37, 23), sp.Rational(61, 24), sp.Rational(83, 19),
                sp.Rational(113, 20))


def _frequency(k: int) -> sp.Rational:
    return _FREQUENCIES[k - 1] if k <= len(_FREQUENCIES) else k + sp.Rational(1, k + 2)


@dataclass(frozen=True)
class _Generic(Sampler):
    terms: int = 3

    def template(self, var, tag="c"):
        params = sp.symbols(f"{tag}0:{2 * self.terms + 4}", cls=sp.Dummy)
        expr = (params[0] + params[1] * var + params[2] * var**2 / 8
                + params[3] * sp.exp(-var**2 / 8 + var / 3))
        expr += sum(params[2 * k + 2] * sp.cos(_frequency(k) * var)
                    + params[2 * k + 3] * sp.sin(_frequency(k) * var) for k in range(1, self.terms + 1))
        return expr, tuple(params)

    def __str__(self):
        return f"generic(terms={self.terms})"


@dataclass(frozen=True)
class _Polynomial(Sampler):
    degree: int = 3

    def template(self, var, tag="c"):
        params = sp.symbols(f"{tag}0:{self.degree + 1}", cls=sp.Dummy)
        return sum(c * var**k for k, c in enumerate(params)), tuple(params)

    def __str__(self):
        return f"polynomial(degree={self.degree})"


@dataclass(frozen=True)
class _Positive(Sampler):
    base: Sampler = field(default_factory=lambda: _Smooth(2))

    def template(self, var, tag="c"):
        expr, params = self.base.template(var, tag)
        return sp.exp(expr), params

    def __str__(self):
        return f"positive({self.base})"


@dataclass(frozen=True)
class _Vanishing(Sampler):
    at: tuple = ()
    base: Sampler = field(default_factory=lambda: _Smooth(2))

    def template(self, var, tag="c"):
        expr, params = self.base.template(var, tag)
        factor = sp.Mul(*[(var - a) for a in self.at])
        return expr * factor, params

    def draw_params(self, rng, count):
        values = self.base.draw_params(rng, count)
        if all(v == 0 for v in values):  # the zero function would make the test vacuous
            values[0] = sp.Integer(1)
        return values

    def __str__(self):
        return f"vanishing(at={list(self.at)})"


@dataclass(frozen=True)
class _Constant(Sampler):
    value: Any = None

    def template(self, var, tag="c"):
        if self.value is not None:
            return sp.sympify(self.value), ()
        c = sp.Dummy(f"{tag}0")
        return c, (c,)

    def __str__(self):
        return "constant()" if self.value is None else f"constant({self.value})"


def _check_count(name: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not low <= value <= high:
        raise InvalidInputError(f"{name} must be an integer in [{low}, {high}], got {value!r}")
    return int(value)


def smooth(terms: int = 3) -> Sampler:
    """Random trigonometric polynomial ``c0 + sum_k a_k cos(k t) + b_k sin(k t)``.

    Examples
    --------
    >>> import numpy as np, sympy as sp
    >>> t = sp.Symbol('t')
    >>> f = smooth(2).draw(np.random.default_rng(3), t)
    >>> sorted(str(a) for a in f.atoms(sp.cos))
    ['cos(2*t)', 'cos(t)']
    """
    return _Smooth(_check_count("terms", terms, 0, 50))


def generic(terms: int = 3) -> Sampler:
    """The default test function of `verify`: no period, no symmetry, no vanishing derivative.

    ``c0 + c1 t + c2 t**2/8 + c3 exp(-t**2/8 + t/3) + sum_k a_k cos(w_k t) + b_k sin(w_k t)``
    with incommensurate frequencies ``w = 1, 37/23, 61/24, ...``: an identity that
    only holds for 2 pi-periodic, polynomial or even functions fails for it.

    Examples
    --------
    >>> import numpy as np, sympy as sp
    >>> t = sp.Symbol('t')
    >>> f = generic(2).draw(np.random.default_rng(3), t)
    >>> sorted(str(a) for a in f.atoms(sp.cos))
    ['cos(37*t/23)', 'cos(t)']
    >>> f.subs(t, 2*sp.pi) == f.subs(t, 0)   # not 2 pi-periodic
    False
    """
    return _Generic(_check_count("terms", terms, 0, 50))


def polynomial(degree: int = 3) -> Sampler:
    """Random polynomial of the given degree with exact rational coefficients.

    Examples
    --------
    >>> import numpy as np, sympy as sp
    >>> t = sp.Symbol('t')
    >>> sp.degree(polynomial(2).draw(np.random.default_rng(0), t), t) <= 2
    True
    """
    return _Polynomial(_check_count("degree", degree, 0, 50))


def positive(base: Sampler | None = None) -> Sampler:
    """Random positive function ``exp(base(t))`` (base defaults to ``smooth(2)``).

    Examples
    --------
    >>> import numpy as np, sympy as sp
    >>> t = sp.Symbol('t', real=True)
    >>> positive().draw(np.random.default_rng(0), t).is_positive
    True
    """
    return _Positive(base if base is not None else _Smooth(2))


def vanishing(at: Sequence[Any], base: Sampler | None = None) -> Sampler:
    """Random function vanishing at the given points: ``base(t) * prod(t - a)``.

    Points may be numbers or symbols (resolved at each sample point), so
    ``vanishing(at=[0, T])`` gives g(0) = g(T) = 0 for every sampled T.

    Examples
    --------
    >>> import numpy as np, sympy as sp
    >>> t = sp.Symbol('t')
    >>> g = vanishing(at=[1]).draw(np.random.default_rng(0), t)
    >>> g.subs(t, 1)
    0
    """
    if isinstance(at, (str, bytes)) or not hasattr(at, "__iter__"):
        raise InvalidInputError(f"vanishing(at=...) takes a list of points, got {at!r}")
    points = tuple(_finite(a, "vanishing point") for a in at)
    if not points:
        raise InvalidInputError("vanishing(at=...) needs at least one point")
    return _Vanishing(points, base if base is not None else _Smooth(2))


def constant(value: Any = None) -> Sampler:
    """A constant function: random (``value=None``) or the given value.

    Examples
    --------
    >>> import numpy as np, sympy as sp
    >>> constant(3).draw(np.random.default_rng(0), sp.Symbol('t'))
    3
    """
    return _Constant(None if value is None else _finite(value, "constant value"))


def _env_key(key: Any, by_name: Mapping[str, sp.Symbol]) -> sp.Symbol:
    if isinstance(key, str):   # a name: the template's symbol of that name, whatever its assumptions
        return by_name.get(key, sp.Symbol(key))
    if not isinstance(key, sp.Symbol):
        raise InvalidInputError(f"env keys must be sympy Symbols or names, got {key!r}")
    return key


def _env_value(key: Any, value: Any) -> sp.Expr:
    if isinstance(value, str):  # no user string reaches sympify: the safe parser or nothing
        from .parsing import parse_expr
        return parse_expr(value)
    return _finite(value, f"env value for {key}")


def _finite(value: Any, what: str) -> sp.Expr:
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidInputError(f"{what} must be finite, got {value!r}")
    if isinstance(value, Fraction):
        value = sp.Rational(value.numerator, value.denominator)
    if not isinstance(value, (int, float, sp.Basic)) or isinstance(value, bool):
        raise InvalidInputError(f"{what} must be a number or a sympy expression, got {value!r}")
    expr = sp.sympify(value)
    if expr.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        raise InvalidInputError(f"{what} must be finite, got {value!r}")
    return expr


# --- sample points for symbols -------------------------------------------------

_DEFAULT_HALF_WIDTH = 5


def symbol_range(sym: sp.Symbol) -> tuple[str, sp.Rational, sp.Rational]:
    """The default sampling region of a symbol from its assumptions.

    Returns ``(kind, low, high)`` with kind ``"integer"``, ``"real"`` or
    ``"complex"`` (for complex, low/high bound both the real and imaginary parts).

    Examples
    --------
    >>> import sympy as sp
    >>> symbol_range(sp.Symbol('x', positive=True))
    ('real', 0, 5)
    >>> symbol_range(sp.Symbol('z'))
    ('complex', -5, 5)
    """
    w = sp.Integer(_DEFAULT_HALF_WIDTH)
    if sym.is_integer:
        if sym.is_positive:
            return "integer", sp.Integer(1), sp.Integer(8)
        if sym.is_nonnegative:
            return "integer", sp.Integer(0), sp.Integer(8)
        if sym.is_negative:
            return "integer", sp.Integer(-8), sp.Integer(-1)
        if sym.is_nonpositive:
            return "integer", sp.Integer(-8), sp.Integer(0)
        return "integer", sp.Integer(-8), sp.Integer(8)
    if sym.is_positive or sym.is_nonnegative:
        return "real", sp.Integer(0), w
    if sym.is_negative or sym.is_nonpositive:
        return "real", -w, sp.Integer(0)
    if sym.is_real:
        return "real", -w, w
    return "complex", -w, w


def check_domain(sym: sp.Symbol, low: Any, high: Any) -> tuple[sp.Rational, sp.Rational]:
    """Validate a user domain ``(low, high)`` against the symbol's assumptions.

    Raises `DomainError` when the interval is empty, not finite, or contradicts
    an assumption (a positive symbol with a domain reaching below 0).

    Examples
    --------
    >>> import sympy as sp
    >>> t = sp.Symbol('t', positive=True)
    >>> check_domain(t, 1, 2)
    (1, 2)
    >>> check_domain(t, -2, -1)   # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    mathml.core.errors.DomainError: domain (-2, -1) for t contradicts its assumptions: ...
    """
    lo, hi = (_domain_bound(sym, b) for b in (low, high))
    if not lo < hi:
        raise DomainError(f"domain ({low}, {high}) for {sym} is empty: need low < high")
    rules = [("positive", lambda: lo >= 0, "(0, oo)"),
             ("nonnegative", lambda: lo >= 0, "[0, oo)"),
             ("negative", lambda: hi <= 0, "(-oo, 0)"),
             ("nonpositive", lambda: hi <= 0, "(-oo, 0]")]
    for name, ok, interval in rules:
        if getattr(sym, f"is_{name}") and not ok():
            raise DomainError(
                f"domain ({low}, {high}) for {sym} contradicts its assumptions: "
                f"{sym} is declared {name}, so the domain must lie in {interval}")
    if sym.is_integer and sp.floor(hi) < sp.ceiling(lo):
        raise DomainError(f"domain ({low}, {high}) for integer {sym} contains no integer")
    return lo, hi


def _domain_bound(sym: sp.Symbol, bound: Any) -> sp.Rational:
    if isinstance(bound, bool) or not isinstance(bound, (int, float, Fraction, sp.Basic)):
        raise DomainError(f"domain bounds for {sym} must be finite real numbers, got {bound!r}")
    if isinstance(bound, float) and not math.isfinite(bound):
        raise DomainError(f"domain bounds for {sym} must be finite, got {bound!r}")
    if isinstance(bound, Fraction):
        bound = sp.Rational(bound.numerator, bound.denominator)
    value = sp.nsimplify(bound, rational=True) if isinstance(bound, float) else sp.sympify(bound)
    if not value.is_number or not value.is_real or not value.is_finite:
        raise DomainError(f"domain bounds for {sym} must be finite real numbers, got {bound!r}")
    return sp.Rational(value) if value.is_Rational else value


def _inner_rational(bound: sp.Expr, up: bool) -> sp.Rational:
    """A rational within 2**-20 of an exact (maybe irrational) bound, on its inner side."""
    if bound.is_Rational:
        return sp.Rational(bound)
    scaled = bound * 2**20
    return sp.Rational(int(sp.ceiling(scaled) if up else sp.floor(scaled)), 2**20)


def _log_uniform(rng: np.random.Generator) -> sp.Rational:
    """A magnitude between 10**-3 and 10**3, log-uniform up to a 2**16 grid in each decade."""
    decade = int(rng.integers(-3, 3))
    return random_rational(rng, sp.Integer(1), sp.Integer(10), open_low=True) * sp.Integer(10) ** decade


def _on_unit_circle(rng: np.random.Generator) -> sp.Expr:
    s = random_rational(rng, sp.Integer(-3), sp.Integer(3))
    return ((1 - s**2) + 2 * s * sp.I) / (1 + s**2)


# special families of complex points, cycled through by the point index: branch cuts
# (negative real axis, imaginary axis), the unit circle, near 0 and near +-1, +-i, wide scales
_COMPLEX_MODES = ("generic", "negative real", "imaginary", "unit circle", "near zero",
                  "near unit", "positive real", "wide", "integer")


def sample_symbol(sym: sp.Symbol, rng: np.random.Generator,
                  domain: tuple[sp.Expr, sp.Expr] | None = None, *, index: int = 0) -> sp.Expr:
    """An exact random value for ``sym``: from ``domain`` or from its assumptions.

    ``index`` (the number of the sample point) selects a family of points, so
    that a run of points covers what identities most often get wrong: real
    symbols are drawn at every third point log-uniformly in magnitude from
    10**-3 to 10**3 (both signs unless the assumptions fix one) and at some
    points as integers; complex symbols cycle through generic points, the
    negative real axis (the branch cut of log and sqrt), the imaginary axis, the
    unit circle, points near 0, near +-1 and +-i, the positive real axis, wide
    scales and integers.  A ``domain`` narrows real
    symbols to it (irrational bounds are met by rationals just inside).  Every
    value satisfies all of the symbol's assumptions (odd, even, prime, nonzero,
    ...): draws that contradict one are rejected and drawn again.

    Raises
    ------
    DomainError
        When no exact rational or Gaussian rational satisfying every
        assumption was found (``irrational=True``, say).

    Examples
    --------
    >>> import numpy as np, sympy as sp
    >>> odd = sp.Symbol('m', odd=True)
    >>> all(sample_symbol(odd, np.random.default_rng(s)).is_odd for s in range(20))
    True
    >>> n = sp.Symbol('n', integer=True, positive=True)
    >>> v = sample_symbol(n, np.random.default_rng(0))
    >>> v.is_Integer and 1 <= v <= 8
    True
    >>> z = sp.Symbol('z')
    >>> w = sample_symbol(z, np.random.default_rng(0), index=1)   # the negative real axis
    >>> w.is_negative
    True
    >>> x = sp.Symbol('x', real=True)
    >>> v = sample_symbol(x, np.random.default_rng(0), domain=(0, sp.pi/2))
    >>> 0 <= v <= sp.pi/2
    True
    """
    for attempt in range(_MAX_DRAWS):
        value = _draw_symbol(sym, rng, domain, index + attempt)
        if _satisfies(sym, value):
            return value
    raise DomainError(f"no sample value found for {sym} that satisfies all of its assumptions "
                      f"{sorted(k for k, v in sym.assumptions0.items() if v)}; mathml draws exact "
                      "rationals and Gaussian rationals (integers with any parity or primality work)")


_MAX_DRAWS = 64


def _satisfies(sym: sp.Symbol, value: sp.Expr) -> bool:
    """Whether ``value`` contradicts none of the assumptions of ``sym`` (odd, prime, nonzero, ...)."""
    for key, wanted in sym.assumptions0.items():
        if key == "commutative":   # numbers commute; the evaluator refuses non-commutative symbols
            continue
        have = getattr(value, f"is_{key}", None)
        if have is not None and have != wanted:
            return False
    return True


def _draw_symbol(sym: sp.Symbol, rng: np.random.Generator, domain, index: int) -> sp.Expr:
    kind, low, high = symbol_range(sym)
    if domain is not None:
        low = _inner_rational(sp.sympify(domain[0]), True)
        high = _inner_rational(sp.sympify(domain[1]), False)
        kind = "integer" if sym.is_integer else "real"
    if kind == "integer":
        return sp.Integer(int(rng.integers(int(sp.ceiling(low)), int(sp.floor(high)) + 1)))
    strict = bool(sym.is_positive and low == 0) or bool(sym.is_zero is False and low == 0)
    if kind == "real":
        integers = [k for k in range(int(sp.ceiling(low)), int(sp.floor(high)) + 1)
                    if k != 0 or sym.is_zero is not False]
        if domain is None and index % 6 == 4 and integers:
            # integers: where binomial, factorial, Gamma and friends have special values
            return sp.Integer(integers[int(rng.integers(0, len(integers)))])
        if domain is None and index % 3 == 2:
            magnitude = _log_uniform(rng)
            sign = 1 if low >= 0 else -1 if high <= 0 else (1 if rng.integers(0, 2) else -1)
            return sign * magnitude
        value = random_rational(rng, low, high, open_low=strict)
        if (sym.is_negative or (sym.is_zero is False)) and value == 0:
            value = high / 2 if high > 0 else low / 2
        return value
    mode = _COMPLEX_MODES[index % len(_COMPLEX_MODES)]
    if mode == "integer":
        return sp.Integer(int(rng.integers(-8, 9)))
    if mode == "negative real":
        return -random_rational(rng, sp.Integer(0), high, open_low=True)
    if mode == "positive real":
        return random_rational(rng, sp.Integer(0), high, open_low=True)
    if mode == "imaginary":
        return sp.I * random_rational(rng, low, high) or sp.I
    if mode == "unit circle":
        return _on_unit_circle(rng)
    small = sp.Rational(1, 1000)
    if mode in ("near zero", "near unit"):
        centre = sp.Integer(0) if mode == "near zero" else (1, -1, sp.I, -sp.I)[int(rng.integers(0, 4))]
        return centre + small * (random_rational(rng, sp.Integer(-1), sp.Integer(1))
                                 + sp.I * random_rational(rng, sp.Integer(-1), sp.Integer(1)))
    if mode == "wide":
        return _log_uniform(rng) * _on_unit_circle(rng)
    re_part = random_rational(rng, low, high)
    im_part = random_rational(rng, low, high)
    return re_part + sp.I * im_part
