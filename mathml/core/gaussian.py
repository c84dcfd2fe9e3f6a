"""Gaussian expectations: E[f(z)] for z ~ N(0, q) and E[f(u) g(v)] for a correlated Gaussian pair.

Two kinds of answers, one documented rule:

- **exact**: ``f`` a sympy expression built from polynomials, ``exp``, ``Max``/``Min``, ``Abs``,
  ``Heaviside`` and ``Piecewise`` (the families where sympy finds closed forms), and an exact
  variance ``q``: the result is an exact sympy number (``method="auto"`` tries this first);
- **numeric**: anything else, to ``dps`` significant digits.  One-dimensional expectations use
  mpmath's tanh-sinh quadrature on ``(-inf, inf)`` split at the given breakpoints (kinks, and the
  jumps of floor/ceiling/frac found automatically); the bivariate ones (default ``dps = 14``) use, in
  float64, the trapezoid rule on a truncated grid for smooth pairs (geometric convergence, at most
  1025^2 nodes) and otherwise nested composite Gauss-Legendre panels split at every kink, with the
  panels doubled until two estimates agree and the truncation widened until the value is stable
  (heavy tails); ``dps > 14`` runs mpmath versions (slow: seconds to minutes).

Expectations that do not exist raise `DomainError` instead of returning a number: a pole on the real
line (E[1/z]), growth like e^{z^2/(2q)} or faster (sympy finds oo, or the quadrature error estimate
stays large), or a bivariate integrand that does not settle.  Sizes are bounded (no multi-GB grids).

A sympy expression ``f`` is in one symbol (any name; the symbol is inferred with
`mathml.core.symbols.distinguished_symbol`, name ``z``); a callable ``f`` takes one mpmath number
(and, for the float64 bivariate route, numpy arrays: pass ``vectorised=True`` if it does).

Examples
--------
>>> import sympy as sp
>>> from mathml.core.gaussian import gaussian_expectation
>>> z = sp.Symbol('z', real=True)
>>> gaussian_expectation(z**4, sp.Integer(2))                 # 3 q^2, exact
12
>>> gaussian_expectation(sp.Max(0, z)**2, sp.Rational(1, 3))   # relu: q/2, exact
1/6
>>> import mpmath
>>> v = gaussian_expectation(sp.tanh(z)**2, 1, dps=20)        # numeric, 20 digits
>>> mpmath.nstr(v, 15)
'0.394294490397841'
"""

from __future__ import annotations

import math
from typing import Any, Callable, Sequence

import mpmath
import numpy as np
import sympy as sp

from .errors import DomainError, InvalidInputError
from .symbols import distinguished_symbol

__all__ = [
    "gaussian_expectation",
    "bivariate_expectation",
    "gauss_hermite_rule",
    "kinks_of",
    "is_exact_number",
]

_SMOOTH_BREAKERS = (sp.Heaviside, sp.Max, sp.Min, sp.Abs, sp.sign, sp.Piecewise, sp.DiracDelta)
_EXACT_FUNCS = (sp.exp, sp.Heaviside, sp.Max, sp.Min, sp.Abs, sp.Piecewise)


def is_exact_number(x: Any) -> bool:
    """True for int, `fractions.Fraction` and exact sympy numbers (no Float inside).

    >>> import sympy as sp
    >>> is_exact_number(sp.Rational(1, 2)), is_exact_number(0.5), is_exact_number(sp.sqrt(2))
    (True, False, True)
    """
    from fractions import Fraction

    if isinstance(x, bool):
        return False
    if isinstance(x, (int, Fraction)):
        return True
    return isinstance(x, sp.Basic) and not x.free_symbols and not x.has(sp.Float) and bool(x.is_number)


def _check_variance(q: Any, name: str = "q") -> Any:
    if isinstance(q, bool) or isinstance(q, str):
        raise InvalidInputError(f"the variance {name} must be a non-negative number, got {q!r}")
    if is_exact_number(q):
        qs = sp.sympify(q)
        if qs.is_extended_real is False or (qs.is_negative is True):
            raise InvalidInputError(f"the variance {name} must be a non-negative real number, got {q}")
        return qs
    try:
        qm = mpmath.mpf(q) if not isinstance(q, sp.Basic) else mpmath.mpf(str(sp.N(q, mpmath.mp.dps + 5)))
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"the variance {name} must be a non-negative number, got {q!r}") from exc
    if not mpmath.isfinite(qm) or qm < 0:
        raise InvalidInputError(f"the variance {name} must be a finite non-negative number, got {q!r}")
    return qm


def _as_function(f: Any, what: str = "f") -> tuple[Any, sp.Symbol | None]:
    if isinstance(f, str):
        raise InvalidInputError(
            f"{what} is a string ({f!r}); pass a sympy expression (use mathml.parse_expr "
            "for strings) or a callable"
        )
    if isinstance(f, sp.Basic):
        z = distinguished_symbol([f], name="z")
        if z.is_positive is not None or z.is_zero is not None or z.is_integer:
            # sympy has already used the sign (Abs(z) -> z for positive z): E over all of R would be wrong
            raise InvalidInputError(
                f"the variable {z} of {what} carries sign/integer assumptions; a Gaussian variable "
                "takes every real value: use a plain or real=True symbol"
            )
        free = f.free_symbols - {z}
        if free:
            raise InvalidInputError(
                f"{what} must be an expression in one symbol; it also contains {sorted(map(str, free))}"
            )
        return f, z
    if callable(f):
        return f, None
    raise InvalidInputError(
        f"{what} must be a sympy expression in one symbol or a callable, got {type(f).__name__}"
    )


def kinks_of(expr: sp.Expr, z: sp.Symbol) -> list[sp.Expr]:
    """Real points where a sympy expression in ``z`` may fail to be smooth (Max, Abs, Heaviside ...).

    Only arguments linear in ``z`` are solved; other non-smooth pieces give no breakpoint.

    >>> import sympy as sp
    >>> z = sp.Symbol('z')
    >>> kinks_of(sp.Max(0, 2*z - 1) + sp.Abs(z), z)
    [0, 1/2]
    """
    pts: set[sp.Expr] = set()
    for node in sp.preorder_traversal(expr):
        if isinstance(node, (sp.Heaviside, sp.Abs, sp.sign, sp.DiracDelta)):
            args = [node.args[0]]
        elif isinstance(node, (sp.Max, sp.Min)):
            args = [a - b for i, a in enumerate(node.args) for b in node.args[i + 1 :]]
        elif isinstance(node, sp.Piecewise):
            args = []
            for _, cond in node.args:
                if isinstance(cond, sp.core.relational.Relational):
                    args.append(cond.lhs - cond.rhs)
        else:
            continue
        for a in args:
            if a.has(z) and a.is_polynomial(z) and sp.Poly(a, z).degree() == 1:
                pts.add(sp.solve(a, z)[0])
    return sorted(pts, key=lambda p: float(p))


def _exact_candidate(expr: sp.Expr, z: sp.Symbol) -> bool:
    for node in sp.preorder_traversal(expr):
        if isinstance(node, sp.Function) and not isinstance(node, _EXACT_FUNCS):
            return False
        if isinstance(node, sp.Pow) and node.base.has(z) and not node.exp.is_Integer:
            return False
        if isinstance(node, sp.exp) and not sp.sympify(node.args[0]).is_polynomial(z):
            return False
        if isinstance(node, sp.exp) and sp.Poly(node.args[0], z).degree() > 2:
            return False
    return True


def _exact_1d(expr: sp.Expr, z: sp.Symbol, q: sp.Expr) -> sp.Expr | None:
    r = sp.Dummy("r", real=True)
    integrand = expr.subs(z, sp.sqrt(q) * r) * sp.exp(-(r**2) / 2) / sp.sqrt(2 * sp.pi)
    try:
        val = sp.integrate(integrand, (r, -sp.oo, sp.oo))
    except Exception:  # noqa: BLE001 - sympy raises many things on hard integrals
        return None
    if val.has(sp.oo, -sp.oo, sp.zoo) and not val.has(sp.Integral):
        raise DomainError(
            f"the Gaussian expectation of {expr} diverges (f grows too fast or is not integrable)"
        )
    if val.has(sp.Integral) or val.has(sp.nan) or val.free_symbols:
        return None
    return sp.nsimplify(sp.simplify(val)) if val.has(sp.Float) else sp.simplify(val)


_STEP_FUNCS = (sp.floor, sp.ceiling, sp.frac)


def _check_poles(expr: sp.Expr, z: sp.Symbol) -> None:
    """Raise when a rational factor of ``expr`` has a pole on the real line (E[f] is not defined)."""
    try:
        den = sp.denom(sp.together(expr))
        if not den.has(z) or not den.is_polynomial(z):
            return
        roots = sp.Poly(den, z).real_roots()
    except Exception:  # noqa: BLE001 - best effort: non-polynomial denominators are left to quadrature
        return
    if roots:
        raise DomainError(
            f"{expr} has a pole at {z} = {roots[0]} on the real line: its Gaussian expectation is not "
            "defined (not absolutely integrable)"
        )


def _step_breakpoints(expr: sp.Expr, z: sp.Symbol, sd: Any, dps: int) -> list:
    """Jump points of floor/ceiling/frac(a z + b) within the numerically relevant range |z| <= R sd."""
    pts: list = []
    R = (math.sqrt(2 * math.log(10) * (dps + 10)) + 2) * float(sd)
    for node in sp.preorder_traversal(expr):
        if not isinstance(node, _STEP_FUNCS) and not isinstance(node, sp.Mod):
            continue
        arg = node.args[0] if not isinstance(node, sp.Mod) else node.args[0] / node.args[1]
        if not (arg.is_polynomial(z) and sp.Poly(arg, z).degree() == 1):
            raise InvalidInputError(
                f"{node} jumps at points sympy cannot list (argument not linear in {z}): pass a callable "
                "with breakpoints="
            )
        a, b = (float(c) for c in sp.Poly(arg, z).all_coeffs())
        lo, hi = sorted((a * -R + b, a * R + b))
        if hi - lo > 4000:
            raise InvalidInputError(f"{node} jumps more than 4000 times where the Gaussian weight matters")
        pts += [(k - b) / a for k in range(math.floor(lo), math.ceil(hi) + 1)]
    return pts


def _mp_callable(f: Any, z: sp.Symbol | None) -> Callable[[Any], Any]:
    if z is None:
        return f
    if f.has(sp.DiracDelta):
        raise InvalidInputError(
            "a Dirac delta has no pointwise values: its Gaussian expectation is not a "
            "numeric integral (integrate it symbolically)"
        )
    return sp.lambdify(z, f, modules="mpmath")


def gaussian_expectation(
    f: Any, q: Any = 1, *, dps: int = 15, breakpoints: Sequence[Any] = (), method: str = "auto"
) -> Any:
    """E[f(z)] for z ~ N(0, q).

    Parameters
    ----------
    f : sympy expression in one symbol, or callable of one mpmath number
    q : number
        The variance (>= 0).  ``q = 0`` gives ``f(0)``.
    dps : int
        Decimal digits of the numeric result (the quadrature runs with guard digits).
    breakpoints : sequence of numbers
        Kinks of a callable ``f`` (in the variable of ``f``, not in units of the standard deviation);
        found automatically for sympy expressions.
    method : {"auto", "exact", "numeric"}
        ``"exact"`` raises when sympy finds no closed form; ``"numeric"`` skips sympy.

    Returns
    -------
    sympy number (exact route) or mpmath.mpf (numeric route, ``dps`` digits)

    Raises
    ------
    InvalidInputError
        Negative/NaN variance, a string, a function of several symbols, an unknown method, or
        ``method="exact"`` without a closed form.
    DomainError
        The expectation does not exist (a pole on the real line, growth like e^{z^2/(2q)} or faster)
        or the quadrature did not converge.

    Examples
    --------
    >>> import sympy as sp, mpmath
    >>> from mathml.core.gaussian import gaussian_expectation
    >>> z = sp.Symbol('z', real=True)
    >>> gaussian_expectation(sp.exp(z), sp.Integer(2))           # e^{q/2}
    E
    >>> v = gaussian_expectation(lambda x: mpmath.cos(x), 1, dps=30)
    >>> with mpmath.workdps(30):
    ...     bool(abs(v - mpmath.exp(-mpmath.mpf(1) / 2)) < 1e-28)      # E cos z = e^{-1/2}
    True
    """
    if method not in ("auto", "exact", "numeric"):
        raise InvalidInputError(f"method must be 'auto', 'exact' or 'numeric', got {method!r}")
    _check_dps(dps)
    f, z = _as_function(f)
    q = _check_variance(q)
    if z is not None:
        _check_poles(f, z)
    if z is not None and method != "numeric" and isinstance(q, sp.Basic) and _exact_candidate(f, z):
        val = _exact_1d(f, z, q)
        if val is not None:
            return val
    if method == "exact":
        raise InvalidInputError(
            "no closed form found for this Gaussian expectation (exact input needed, and "
            "f built from polynomials, exp of quadratics, Max/Min/Abs/Heaviside/Piecewise)"
        )
    kinks = list(breakpoints)
    if z is not None:
        kinks += kinks_of(f, z)
        if f.has(*_STEP_FUNCS, sp.Mod):
            qf = float(q) if not isinstance(q, sp.Basic) else float(sp.N(q))
            kinks += _step_breakpoints(f, z, math.sqrt(qf), dps)
    fn = _mp_callable(f, z)
    with mpmath.workdps(dps + 10):
        qm = mpmath.mpf(q) if not isinstance(q, sp.Basic) else mpmath.mpf(str(sp.N(q, dps + 15)))
        if qm == 0:
            return _round(mpmath.mpf(fn(mpmath.mpf(0))), dps)
        s = mpmath.sqrt(qm)
        pts = sorted(
            {
                mpmath.mpf(str(sp.N(k, dps + 15))) / s if isinstance(k, sp.Basic) else mpmath.mpf(k) / s
                for k in kinks
            }
        )
        if not pts:
            pts = [mpmath.mpf(0)]
        val, err = mpmath.quad(
            lambda x: fn(s * x) * mpmath.exp(-x * x / 2), [-mpmath.inf] + pts + [mpmath.inf], error=True
        )
        val = val / mpmath.sqrt(2 * mpmath.pi)
        err = err / mpmath.sqrt(2 * mpmath.pi)
        if not mpmath.isfinite(val) or err > mpmath.mpf(10) ** (-(dps // 2)) * max(1, abs(val)):
            raise DomainError(
                f"the Gaussian expectation did not converge (quadrature error estimate {mpmath.nstr(err, 3)} "
                f"for value {mpmath.nstr(val, 5)}): f is not integrable against the Gaussian, oscillates "
                "far faster than the Gaussian's scale, or has unlisted jumps (pass breakpoints=)"
            )
    return _round(val, dps)


def bivariate_expectation(
    f: Any,
    g: Any,
    q11: Any,
    q12: Any,
    q22: Any,
    *,
    dps: int = 14,
    smooth: bool | None = None,
    vectorised: bool = False,
) -> Any:
    """E[f(u) g(v)] for (u, v) ~ N(0, [[q11, q12], [q12, q22]]), to ``dps`` digits.

    Parameters
    ----------
    f, g : sympy expressions in one symbol, or callables
        A callable takes one mpmath number; with ``vectorised=True`` it also accepts numpy arrays
        (needed for the fast float64 route, ``dps <= 14``).
    q11, q12, q22 : numbers
        The covariance matrix; it must be positive semi-definite.
    dps : int
        Digits asked for (default 14: the fast float64 routes; more digits use mpmath and are slow,
        seconds to minutes).
    smooth : bool, optional
        Whether f and g are analytic on the real line (default: inferred for sympy input, assumed
        for callables).  Non-smooth pairs use nested mpmath quadrature split at the kinks (slow).
    vectorised : bool
        Callables accept numpy arrays.

    Returns
    -------
    float (dps <= 14, float64 route) or mpmath.mpf

    Raises
    ------
    InvalidInputError
        A covariance that is not positive semi-definite, or bad functions.
    DomainError
        The float64 quadrature did not converge (divergent or very heavy-tailed integrand, a
        jump sympy cannot locate, or a function varying on scales far below one standard deviation).

    Examples
    --------
    >>> import sympy as sp, mpmath
    >>> from mathml.core.gaussian import bivariate_expectation
    >>> z = sp.Symbol('z', real=True)
    >>> v = bivariate_expectation(sp.erf(z), sp.erf(z), 1.3, 0.5, 0.7, dps=12)
    >>> exact = 2 / mpmath.pi * mpmath.asin(2 * 0.5 / mpmath.sqrt((1 + 2.6) * (1 + 1.4)))   # Williams 1997
    >>> abs(v - exact) < 1e-12
    True
    """
    _check_dps(dps)
    f, zf = _as_function(f, "f")
    g, zg = _as_function(g, "g")
    a, b, c = (
        _check_variance(x, n) if n != "q12" else _as_number(x, n)
        for x, n in ((q11, "q11"), (q12, "q12"), (q22, "q22"))
    )
    with mpmath.workdps(dps + 10):
        a, b, c = (
            mpmath.mpf(str(sp.N(x, dps + 15))) if isinstance(x, sp.Basic) else mpmath.mpf(x)
            for x in (a, b, c)
        )
        det = a * c - b * b
        if det < -(mpmath.mpf(10) ** (-dps)) * max(1, a * c):
            raise InvalidInputError(
                f"the covariance [[{q11}, {q12}], [{q12}, {q22}]] is not positive "
                "semi-definite (q11 q22 < q12^2)"
            )
        det = max(det, mpmath.mpf(0))
    kf = kinks_of(f, zf) if zf is not None else []
    kg = kinks_of(g, zg) if zg is not None else []
    if smooth is None:
        smooth = not any(e.has(*_SMOOTH_BREAKERS) for e, z in ((f, zf), (g, zg)) if z is not None)
    if a == 0 or c == 0:
        with mpmath.workdps(dps + 10):
            fz = _mp_callable(f, zf)
            gz = _mp_callable(g, zg)
            if a == 0:
                return _finish(
                    fz(mpmath.mpf(0)) * gaussian_expectation(gz, c, dps=dps + 5, breakpoints=kg), dps
                )
            return _finish(gz(mpmath.mpf(0)) * gaussian_expectation(fz, a, dps=dps + 5, breakpoints=kf), dps)
    if dps <= 14:
        fn = _np_callable(f, zf, vectorised)
        gn = _np_callable(g, zg, vectorised)
        if fn is not None and gn is not None:
            if smooth:
                val = _trapezoid_float(fn, gn, float(a), float(b), float(c), float(det), dps)
                if val is not None:
                    return val
            return _panels_float(
                fn, gn, float(a), float(b), float(det), dps, [float(k) for k in kf], [float(k) for k in kg]
            )
    fn, gn = _np_callable(f, zf, vectorised), _np_callable(g, zg, vectorised)
    if fn is not None and gn is not None:  # fail fast (divergence, no convergence) before the slow route
        _panels_float(
            fn, gn, float(a), float(b), float(det), 8, [float(k) for k in kf], [float(k) for k in kg]
        )
    fm, gm = _mp_callable(f, zf), _mp_callable(g, zg)
    if smooth:
        return _trapezoid_mp(fm, gm, a, b, c, det, dps)
    return _nested_quad(fm, gm, a, b, c, det, dps, kf, kg)


def gauss_hermite_rule(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Nodes and weights of the n-point Gauss–Hermite rule for the standard normal (weights sum to 1).

    >>> import numpy as np
    >>> from mathml.core.gaussian import gauss_hermite_rule
    >>> x, w = gauss_hermite_rule(20)
    >>> round(float(np.sum(w * x**4)), 12)          # E[z^4] = 3, exact for degree < 40
    3.0
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1 or n > 10_000:
        raise InvalidInputError(f"n must be an integer in [1, 10000], got {n!r}")
    x, w = np.polynomial.hermite_e.hermegauss(int(n))
    return x, w / math.sqrt(2 * math.pi)


# ------------------------------------------------------------------ internals


def _check_dps(dps: Any) -> None:
    if isinstance(dps, bool) or not isinstance(dps, (int, np.integer)) or not 1 <= dps <= 1000:
        raise InvalidInputError(f"dps must be an integer between 1 and 1000, got {dps!r}")


def _as_number(x: Any, name: str) -> Any:
    if isinstance(x, (bool, str)):
        raise InvalidInputError(f"{name} must be a real number, got {x!r}")
    if is_exact_number(x):
        return sp.sympify(x)
    try:
        v = mpmath.mpf(x)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"{name} must be a real number, got {x!r}") from exc
    if not mpmath.isfinite(v):
        raise InvalidInputError(f"{name} must be finite, got {x!r}")
    return v


def _round(v: Any, dps: int) -> Any:
    with mpmath.workdps(dps):
        return +mpmath.mpf(v)


def _finish(v: Any, dps: int) -> Any:
    return float(v) if dps <= 14 else _round(v, dps)


def _np_callable(f: Any, z: sp.Symbol | None, vectorised: bool) -> Callable | None:
    if z is None:
        return f if vectorised else None
    try:
        return sp.lambdify(z, f, modules=["scipy", "numpy"])
    except Exception:  # noqa: BLE001
        return None


def _grid(h: float, half_width: float) -> np.ndarray:
    n = int(math.ceil(half_width / h))
    return h * np.arange(-n, n + 1)


def _trapezoid_float(
    f: Callable, g: Callable, a: float, b: float, c: float, det: float, dps: int
) -> float | None:
    # u = sqrt(a) z1, v = (b / sqrt(a)) z1 + sqrt(det / a) z2 with z1, z2 standard normal.
    # At most 1025 x 1025 nodes (8 MB); None when that is not enough (the caller falls back to panels).
    su, cv, sv = math.sqrt(a), b / math.sqrt(a), math.sqrt(det / a)
    half = math.sqrt(2 * math.log(10) * (dps + 4)) + 1.0
    prev = None
    h = 0.5
    for _ in range(6):
        z = _grid(h, half)
        w = np.exp(-z * z / 2) * h / math.sqrt(2 * math.pi)
        with np.errstate(over="ignore", invalid="ignore"):
            fu = np.broadcast_to(np.asarray(f(su * z), dtype=float), z.shape)
            inner = np.asarray(g(cv * z[:, None] + sv * z[None, :]), dtype=float)
            inner = np.broadcast_to(inner, (z.size, z.size)) @ w
            val = float(np.sum(w * fu * inner))
        if not math.isfinite(val):
            return None
        if prev is not None and abs(val - prev) <= 10.0 ** (-dps) * max(1.0, abs(val)):
            return val
        prev, h = val, h / 2
    return None


def _trapezoid_mp(f: Callable, g: Callable, a: Any, b: Any, c: Any, det: Any, dps: int) -> Any:
    with mpmath.workdps(dps + 10):
        su, cv, sv = mpmath.sqrt(a), b / mpmath.sqrt(a), mpmath.sqrt(det / a)
        half = mpmath.sqrt(2 * mpmath.log(10) * (dps + 6)) + 1
        prev = None
        h = mpmath.mpf(1) / 2
        for _ in range(7):
            n = int(mpmath.ceil(half / h))
            zs = [h * k for k in range(-n, n + 1)]
            ws = [mpmath.exp(-x * x / 2) * h / mpmath.sqrt(2 * mpmath.pi) for x in zs]
            val = mpmath.fsum(
                w1 * f(su * z1) * mpmath.fsum(w2 * g(cv * z1 + sv * z2) for z2, w2 in zip(zs, ws))
                for z1, w1 in zip(zs, ws)
            )
            if prev is not None and abs(val - prev) <= mpmath.mpf(10) ** (-dps - 2) * max(1, abs(val)):
                return _round(val, dps)
            prev, h = val, h / 2
    raise InvalidInputError("the bivariate trapezoid rule did not converge: pass smooth=False")


_GL_X, _GL_W = np.polynomial.legendre.leggauss(16)


def _gl_nodes(edges: np.ndarray, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Composite 16-point Gauss-Legendre nodes/weights on the segments between sorted ``edges`` (..., K)."""
    lo, hi = edges[..., :-1], edges[..., 1:]
    t = (np.arange(m)[:, None] + (_GL_X[None, :] + 1) / 2) / m  # (m, 16) in [0, 1]
    width = (hi - lo)[..., None, None]
    x = lo[..., None, None] + width * t
    w = width * (_GL_W / (2 * m))[None, :]
    shape = edges.shape[:-1] + (-1,)
    return x.reshape(shape), np.broadcast_to(w, x.shape).reshape(shape)


def _panels_float(
    f: Callable, g: Callable, a: float, b: float, det: float, dps: int, kf: list, kg: list
) -> float:
    """E[f(u) g(v)] by nested composite Gauss-Legendre split at every kink, vectorised (float64).

    u = su z1, v = cv z1 + sv z2.  The inner integral over z2 is split at the kinks of g, which move with
    z1; the outer one at the kinks of f and where v = kink of g at z2 = 0 (the inner integral is nearly
    kinked there when sv is small).  Panels double until two estimates agree to ``dps`` digits, then
    the truncation |z| <= L is widened until the value stops changing (heavy tails).
    """
    su, cv, sv = math.sqrt(a), b / math.sqrt(a), math.sqrt(det / a)
    tol = max(10.0 ** (-dps), 4e-15)
    norm = 1 / math.sqrt(2 * math.pi)

    def value(m: int, L: float) -> float:
        ob = [k / su for k in kf] + ([k / cv for k in kg] if cv != 0 else []) + [0.0]
        edges = np.array(sorted({-L, L} | {min(max(p, -L), L) for p in ob}))
        z1, w1 = _gl_nodes(edges, m)
        wts1 = w1 * np.exp(-z1 * z1 / 2) * norm
        fu = np.broadcast_to(np.asarray(f(su * z1), dtype=float), z1.shape)
        if sv == 0:
            inner = np.broadcast_to(np.asarray(g(cv * z1), dtype=float), z1.shape)
        else:
            ib = [np.clip((k - cv * z1) / sv, -L, L) for k in kg] + [np.clip(-cv * z1 / sv, -L, L)]
            e2 = np.sort(np.stack([np.full_like(z1, -L)] + ib + [np.full_like(z1, L)], axis=-1), axis=-1)
            z2, w2 = _gl_nodes(e2, m)
            gv = np.broadcast_to(np.asarray(g(cv * z1[:, None] + sv * z2), dtype=float), z2.shape)
            inner = np.sum(w2 * np.exp(-z2 * z2 / 2) * norm * gv, axis=-1)
        with np.errstate(invalid="ignore", over="ignore"):
            return float(np.sum(wts1 * fu * inner))

    L = math.sqrt(2 * math.log(10) * (dps + 4)) + 1.0
    with np.errstate(over="ignore", invalid="ignore"):
        prev, m = value(1, L), 2
        while m <= 64:
            val = value(m, L)
            if math.isfinite(val) and abs(val - prev) <= tol * max(1.0, abs(val)):
                break
            prev, m = val, 2 * m
        else:
            raise DomainError(
                "the bivariate Gaussian quadrature did not converge: a jump sympy cannot locate, a "
                "function varying far below one standard deviation, or a divergent integrand"
            )
        for _ in range(3):  # heavy tails: widen the truncation until the value is stable
            wider = value(m, 1.6 * L)
            if math.isfinite(wider) and abs(wider - val) <= tol * max(1.0, abs(val)):
                return val
            val, L = wider, 1.6 * L
    raise DomainError(
        "the bivariate Gaussian expectation did not converge when the integration range was widened: "
        "the integrand decays too slowly (heavy tails) or diverges"
    )


def _nested_quad(
    f: Callable, g: Callable, a: Any, b: Any, c: Any, det: Any, dps: int, kf: list, kg: list
) -> Any:
    with mpmath.workdps(dps + 8):
        su, cv, sv = mpmath.sqrt(a), b / mpmath.sqrt(a), mpmath.sqrt(det / a)
        inf = mpmath.inf
        ptf = sorted({mpmath.mpf(str(sp.N(k, dps + 10))) / su for k in kf}) or [mpmath.mpf(0)]

        def inner(z1: Any) -> Any:
            if sv == 0:  # v = cv z1 exactly; sqrt(2 pi) matches the unnormalised z2 integral below
                return g(cv * z1) * mpmath.sqrt(2 * mpmath.pi)
            pts = sorted({(mpmath.mpf(str(sp.N(k, dps + 10))) - cv * z1) / sv for k in kg}) or [mpmath.mpf(0)]
            return mpmath.quad(
                lambda z2: g(cv * z1 + sv * z2) * mpmath.exp(-z2 * z2 / 2), [-inf] + pts + [inf]
            )

        val = mpmath.quad(lambda z1: f(su * z1) * mpmath.exp(-z1 * z1 / 2) * inner(z1), [-inf] + ptf + [inf])
        val = val / (2 * mpmath.pi)
    return _finish(val, dps)
