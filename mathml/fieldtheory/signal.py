"""Mean-field signal propagation in deep random networks (Poole et al. 2016; Schoenholz et al. 2017).

The network is h^l = W^l phi(h^{l-1}) + b^l with W_ij ~ N(0, sigma_w2 / N), b_i ~ N(0, sigma_b2).
With z standard normal:

- length map  q -> sigma_w2 E[phi(sqrt(q) z)^2] + sigma_b2, fixed point q*;
- chi1 = sigma_w2 E[phi'(sqrt(q*) z)^2] (slope of the correlation map at c = 1; chi1 = 1 is the
  order-to-chaos line), chi2 = sigma_w2 E[phi''(sqrt(q*) z)^2];
- xi_q = -1 / ln(chi1 + sigma_w2 E[phi'' phi]) (the slope of the length map at q*, by Stein's lemma);
- c* the stable fixed point of the correlation map (1 in the ordered phase chi1 <= 1) and
  xi_c = -1 / ln(sigma_w2 E[phi'(u1) phi'(u2)]) at correlation c*.

Univariate quantities are mpmath numbers good to ``dps`` digits (tanh-sinh quadrature, Newton on
the fixed point).  c* and xi_c in the chaotic phase need bivariate integrals: they use the float64
trapezoid route of `mathml.core.gaussian` (about 13 digits) unless ``bivariate_dps`` asks for more
(mpmath, slow).  ReLU has closed forms (q* = sigma_b2 / (1 - sigma_w2 / 2), chi1 = sigma_w2 / 2),
returned exactly for exact input.

Examples
--------
>>> import mpmath
>>> from mathml.fieldtheory import SignalPropagation
>>> sp_ = SignalPropagation("tanh", mpmath.mpf('1.5')**2, mpmath.mpf('0.3')**2, dps=20)
>>> mpmath.nstr(sp_.q_star, 11), mpmath.nstr(sp_.chi1, 12)    # brief F2 (Poole et al. setting)
('0.96084427974', '1.06098126414')
"""

from __future__ import annotations

import math
import warnings
from functools import cached_property
from typing import Any

import mpmath
import sympy as sp

from mathml.core.errors import DomainError, InvalidInputError
from mathml.core.gaussian import bivariate_expectation, gaussian_expectation, is_exact_number
from mathml.core.latex import latex

from .activations import Activation, as_activation

__all__ = ["SignalPropagation", "critical_sigma_w2"]


def _param(x: Any, name: str) -> Any:
    if isinstance(x, (bool, str)) or x is None:
        raise InvalidInputError(f"{name} must be a non-negative number, got {x!r}")
    if is_exact_number(x):
        v = sp.nsimplify(x)
        if not v.is_real or v < 0:
            raise InvalidInputError(f"{name} must be a non-negative real number, got {x}")
        return v
    try:
        v = mpmath.mpf(x)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"{name} must be a non-negative number, got {x!r}") from exc
    if not mpmath.isfinite(v) or v < 0:
        raise InvalidInputError(f"{name} must be a finite non-negative number, got {x!r}")
    return v


def _mp(x: Any) -> Any:
    return mpmath.mpf(str(sp.N(x, mpmath.mp.dps + 10))) if isinstance(x, sp.Basic) else mpmath.mpf(x)


class SignalPropagation:
    """Mean-field signal propagation for one activation and (sigma_w2, sigma_b2).

    Parameters
    ----------
    activation : "tanh", "relu", "erf", a sympy expression in one symbol, or `Activation`
    sigma_w2, sigma_b2 : numbers >= 0
        Weight and bias variances (sigma_w^2, sigma_b^2).
    dps : int
        Digits of the univariate quantities (q*, chi1, chi2, xi_q); default 20.
    bivariate_dps : int
        Digits of c* and xi_c in the chaotic phase (<= 14: float64 route; more: mpmath, slow).

    Raises
    ------
    InvalidInputError
        Negative or non-numeric variances, unknown activation.

    Examples
    --------
    >>> import sympy as sp
    >>> from mathml.fieldtheory import SignalPropagation
    >>> r = SignalPropagation("relu", sp.Rational(3, 2), sp.Rational(1, 10))
    >>> r.q_star, r.chi1, r.c_star
    (2/5, 3/4, 1)
    """

    def __init__(
        self, activation: Any, sigma_w2: Any, sigma_b2: Any, *, dps: int = 20, bivariate_dps: int = 13
    ) -> None:
        self.activation: Activation = as_activation(activation)
        self.sigma_w2 = _param(sigma_w2, "sigma_w2")
        self.sigma_b2 = _param(sigma_b2, "sigma_b2")
        for name, d in (("dps", dps), ("bivariate_dps", bivariate_dps)):
            if isinstance(d, bool) or not isinstance(d, int) or not 5 <= d <= 500:
                raise InvalidInputError(f"{name} must be an integer in [5, 500], got {d!r}")
        self.dps = dps
        self.bivariate_dps = bivariate_dps
        self._exact = (
            self.activation.name == "relu"
            and isinstance(self.sigma_w2, sp.Basic)
            and isinstance(self.sigma_b2, sp.Basic)
        )

    # ------------------------------------------------------------ expectations
    def _E(self, fn: Any, q: Any, dps: int | None = None) -> Any:
        return gaussian_expectation(
            fn, q, dps=dps or self.dps, breakpoints=self.activation.kinks, method="numeric"
        )

    def q_map(self, q: Any) -> Any:
        """The length map sigma_w2 E[phi(sqrt(q) z)^2] + sigma_b2 (mpmath, ``dps`` digits).

        >>> from mathml.fieldtheory import SignalPropagation
        >>> float(SignalPropagation("relu", 2.0, 0.5).q_map(1.0))
        1.5
        """
        q = _param(q, "q")
        if self.activation.name == "relu":
            val = self.sigma_w2 * q / 2 + self.sigma_b2
            return sp.nsimplify(val) if isinstance(val, sp.Basic) and self._exact else _mp(val)
        phi = self.activation.mp(0)
        with mpmath.workdps(self.dps + 5):
            return _mp(self.sigma_w2) * self._E(lambda x: phi(x) ** 2, _mp(q), self.dps + 5) + _mp(
                self.sigma_b2
            )

    def _q_slope(self, q: Any, dps: int) -> Any:
        # d q_map / dq = sigma_w2 E[phi'^2 + phi phi''] (Stein's lemma)
        f0 = self.activation.mp(0)
        if self.activation.d1.has(sp.DiracDelta):
            # jumps: d/dq E[phi(x)^2] = E[phi(x)^2 (x^2 - q)] / (2 q^2) (no derivative of phi needed)
            if q == 0:
                raise DomainError("the slope of the length map at q = 0 needs phi'; phi has jumps")
            return _mp(self.sigma_w2) * self._E(lambda x: f0(x) ** 2 * (x * x - q), q, dps) / (2 * q * q)
        f1 = self.activation.mp(1)
        if self.activation.d2.has(sp.DiracDelta):
            # kinks: use d/dq E[phi(x)^2] = E[x phi(x) phi'(x)] / q (no phi'' needed)
            return _mp(self.sigma_w2) * self._E(lambda x: x * f0(x) * f1(x), q, dps) / q
        f2 = self.activation.mp(2)
        return _mp(self.sigma_w2) * self._E(lambda x: f1(x) ** 2 + f0(x) * f2(x), q, dps)

    @cached_property
    def q_star(self) -> Any:
        """The fixed point q* of the length map (the stable one reached from q > 0).

        Raises
        ------
        DomainError
            When the length map has no finite fixed point (e.g. ReLU with sigma_w2 >= 2 and sigma_b2 > 0).
        """
        if self.activation.name == "relu":
            slope = self.sigma_w2 / 2
            if slope >= 1:
                if slope == 1 and self.sigma_b2 == 0:
                    raise DomainError(
                        "ReLU at sigma_w2 = 2, sigma_b2 = 0: every q is a fixed point (critical)"
                    )
                raise DomainError(
                    f"ReLU with sigma_w2 = {self.sigma_w2} >= 2: the length map q -> "
                    f"{self.sigma_w2}/2 q + {self.sigma_b2} has no finite stable fixed point"
                )
            val = self.sigma_b2 / (1 - slope)
            return sp.nsimplify(val) if self._exact else _mp(val)
        return self._solve_q_star()

    def _float_E(self, fn: Any, q: float) -> float:
        from scipy.integrate import quad

        if q == 0:
            return float(fn(0.0))
        r = math.sqrt(q)
        # breakpoints: the kinks, 0, and the activation's own scale |x| ~ 1, 4, 16 (narrow peaks at large q)
        scale = {s * c / r for c in (1.0, 4.0, 16.0) for s in (-1, 1)}
        cand = {float(k) / r for k in self.activation.kinks} | scale
        pts = sorted({p for p in cand if abs(p) < 40} | {0.0})
        edges = [-40.0] + pts + [40.0]  # the Gaussian weight beyond 40 is below 1e-340: avoids inf * 0
        def g(z: float) -> float:
            w = math.exp(-z * z / 2) / math.sqrt(2 * math.pi)
            v = float(fn(r * z))
            return 0.0 if w == 0.0 else v * w

        return sum(
            quad(g, lo, hi, epsabs=1e-15, epsrel=1e-14, limit=200)[0] for lo, hi in zip(edges, edges[1:])
        )

    def _solve_q_star(self) -> Any:
        from scipy.optimize import brentq

        phi = self.activation.mp(0)
        sw, sb = _mp(self.sigma_w2), _mp(self.sigma_b2)
        swf, sbf = float(sw), float(sb)
        try:
            phin = self.activation.np(0)
            phin(0.5)
        except Exception:  # noqa: BLE001 - fall back to mpmath evaluation in the float stage
            phin = lambda v: float(phi(v))  # noqa: E731

        def F(q: Any, dps: int) -> Any:
            return sw * self._E(lambda x: phi(x) ** 2, q, dps) + sb - q

        def Ff(q: float) -> float:
            try:
                val = swf * self._float_E(lambda v: phin(v) ** 2, q) + sbf - q
            except (OverflowError, ValueError, ZeroDivisionError):
                val = math.nan
            if not math.isfinite(val):  # float64 overflow of phi (e.g. softplus, x^3): mpmath has no overflow
                val = float(F(mpmath.mpf(q), 15))
            return val

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if abs(Ff(0.0)) < 1e-300:
                # q = 0 is a fixed point; it is the stable one when the slope there is <= 1
                jumps = self.activation.d1.has(sp.DiracDelta)  # slope +inf at q = 0+: unstable
                if not jumps and sw * self._E(lambda x: self.activation.mp(1)(x) ** 2, 0, 18) <= 1:
                    return mpmath.mpf(0)
                lo = 1e-6
                while Ff(lo) <= 0 and lo > 1e-200:
                    lo /= 100
            else:
                lo = 0.0
            # the first crossing of F from + to - above lo: the stable fixed point reached by iterating
            # the (increasing) length map from q = 0; scanned on a geometric grid up to 1e300
            hi = max(lo, 1e-12)
            f_lo = Ff(lo)
            while True:
                hi = max(hi * (1.25 if hi < 1e6 else 8.0), 1e-12)
                if hi > 1e24:  # beyond, F = q-map(q) - q is below the rounding of q itself
                    raise DomainError(
                        "the length map has no finite stable fixed point (q grows without bound; "
                        f"sigma_w2 = {self.sigma_w2}, sigma_b2 = {self.sigma_b2})"
                    )
                f_hi = Ff(hi)
                if not math.isfinite(f_hi):
                    raise DomainError(
                        f"the length map has no finite stable fixed point (it overflows at q = {hi:.3g})"
                    )
                if f_hi < -1e-12 * hi < f_lo or (f_hi == 0 and sbf == 0 and hi < 1e-6):
                    break
                lo, f_lo = hi, f_hi
            q = mpmath.mpf(brentq(Ff, lo, hi, xtol=1e-300, rtol=1e-15, maxiter=200))
        # Newton with precision doubling: F'(q) = slope - 1 (Stein's lemma)
        target, work = self.dps + 10, 26
        for _ in range(60):
            work = min(target, work)
            with mpmath.workdps(work):
                denom = self._q_slope(q, work - 2) - 1
                if denom == 0:
                    raise DomainError(f"the length map is tangent to the diagonal at q = {q} (marginal)")
                step = F(q, work - 2) / denom
                q = q - step
            if work == target and abs(step) <= mpmath.mpf(10) ** (-(self.dps + 4) / 2) * max(1, abs(q)):
                break
            work *= 2
        with mpmath.workdps(self.dps):
            return +q

    @cached_property
    def chi1(self) -> Any:
        """chi1 = sigma_w2 E[phi'(sqrt(q*) z)^2]; chi1 = 1 on the order-to-chaos line."""
        if self.activation.name == "relu":
            val = self.sigma_w2 / 2
            return val if self._exact else _mp(val)
        if self.activation.d1.has(sp.DiracDelta):
            raise DomainError(
                f"chi1 diverges: phi' of {self.activation.expr} has a Dirac delta (phi jumps), so "
                "E[phi'^2] is infinite"
            )
        f1 = self.activation.mp(1)
        with mpmath.workdps(self.dps + 5):
            val = _mp(self.sigma_w2) * self._E(lambda x: f1(x) ** 2, self.q_star, self.dps + 5)
        with mpmath.workdps(self.dps):
            return +val

    @cached_property
    def chi2(self) -> Any:
        """chi2 = sigma_w2 E[phi''(sqrt(q*) z)^2] (Poole's curvature factor).

        Raises
        ------
        DomainError
            For ReLU (phi'' is a Dirac delta: the integral diverges).
        """
        if self.activation.name == "relu" or self.activation.d2.has(sp.DiracDelta):
            raise DomainError("chi2 diverges: phi'' of this activation is a Dirac delta")
        f2 = self.activation.mp(2)
        with mpmath.workdps(self.dps + 5):
            val = _mp(self.sigma_w2) * self._E(lambda x: f2(x) ** 2, self.q_star, self.dps + 5)
        with mpmath.workdps(self.dps):
            return +val

    @cached_property
    def xi_q(self) -> Any:
        """Depth scale of the length map: -1 / ln(chi1 + sigma_w2 E[phi'' phi])."""
        if self.activation.name == "relu":
            return (-1 / sp.log(self.chi1)) if self._exact else -1 / mpmath.log(self.chi1)
        with mpmath.workdps(self.dps + 5):
            slope = self._q_slope(self.q_star, self.dps + 5)
            val = -1 / mpmath.log(slope)
        with mpmath.workdps(self.dps):
            return +val

    @property
    def phase(self) -> str:
        """'ordered' (chi1 < 1), 'critical' (chi1 = 1 to ``dps`` digits) or 'chaotic'."""
        one = abs(_mp(self.chi1) - 1)
        if one <= mpmath.mpf(10) ** (-self.dps + 2):
            return "critical"
        return "ordered" if self.chi1 < 1 else "chaotic"

    def c_map(self, c: Any) -> Any:
        """The correlation map at q*: c -> (sigma_w2 E[phi(u1) phi(u2)] + sigma_b2) / q*.

        ReLU uses the arc-cosine closed form; other activations the bivariate route
        (float64 for ``bivariate_dps`` <= 14).

        >>> from mathml.fieldtheory import SignalPropagation
        >>> round(float(SignalPropagation("tanh", 2.0, 0.05).c_map(1.0)), 12)
        1.0
        """
        c = mpmath.mpf(c) if not isinstance(c, sp.Basic) else _mp(c)
        if not -1 <= c <= 1:
            raise InvalidInputError(f"a correlation must lie in [-1, 1], got {c}")
        q = _mp(self.q_star)
        if q == 0:
            raise DomainError("q* = 0: the correlation map is undefined (all signals collapse to zero)")
        if self.activation.name == "relu":
            th = mpmath.acos(c)
            e = q * (mpmath.sin(th) + (mpmath.pi - th) * c) / (2 * mpmath.pi)
        else:
            f = self.activation.np(0) if self.bivariate_dps <= 14 else self.activation.mp(0)
            e = bivariate_expectation(
                f, f, q, c * q, q, dps=self.bivariate_dps, vectorised=True, smooth=self.activation.smooth
            )
            e = mpmath.mpf(e)
        return (_mp(self.sigma_w2) * e + _mp(self.sigma_b2)) / q

    @cached_property
    def c_star(self) -> Any:
        """The stable fixed point of the correlation map: 1 when chi1 <= 1, else the root in [0, 1)."""
        if self.phase != "chaotic":
            return sp.Integer(1) if self._exact else mpmath.mpf(1)
        g = lambda c: self.c_map(c) - c  # noqa: E731
        if self.activation.odd and _mp(self.sigma_b2) == 0:
            return mpmath.mpf(0)
        lo, hi = mpmath.mpf(0), mpmath.mpf(1) - mpmath.mpf(10) ** -3
        while g(hi) >= 0:
            hi = 1 - (1 - hi) / 10
            if 1 - hi < mpmath.mpf(10) ** -12:
                raise DomainError("could not bracket c* below 1 (chi1 too close to 1)")
        if g(lo) < 0:
            lo = mpmath.mpf(-1)
        with mpmath.workdps(max(self.bivariate_dps, 15)):
            root = mpmath.findroot(
                g, (lo, hi), solver="anderson", tol=mpmath.mpf(10) ** (-2 * self.bivariate_dps)
            )
        return root

    @cached_property
    def xi_c(self) -> Any:
        """Depth scale of the correlation map: -1 / ln(sigma_w2 E[phi'(u1) phi'(u2)]) at c*.

        Infinite on the critical line (chi1 = 1).
        """
        if self.phase == "critical":
            return mpmath.inf
        if self.phase == "ordered":
            return (-1 / sp.log(self.chi1)) if self._exact else -1 / mpmath.log(self.chi1)
        q = _mp(self.q_star)
        c = self.c_star
        f1 = self.activation.np(1) if self.bivariate_dps <= 14 else self.activation.mp(1)
        e = bivariate_expectation(
            f1, f1, q, c * q, q, dps=self.bivariate_dps, vectorised=True, smooth=self.activation.smooth
        )
        return -1 / mpmath.log(_mp(self.sigma_w2) * mpmath.mpf(e))

    def q_sequence(self, q0: Any, depth: int) -> list:
        """The iterates q^0 = q0, q^1, ..., q^depth of the length map.

        >>> from mathml.fieldtheory import SignalPropagation
        >>> [float(q) for q in SignalPropagation("relu", 1.0, 1.0).q_sequence(0.0, 3)]
        [0.0, 1.0, 1.5, 1.75]
        """
        if isinstance(depth, bool) or not isinstance(depth, int) or depth < 0:
            raise InvalidInputError(f"depth must be a non-negative integer, got {depth!r}")
        out = [_mp(_param(q0, "q0"))]
        for _ in range(depth):
            out.append(_mp(self.q_map(out[-1])))
        return out

    def __repr__(self) -> str:
        return (
            f"SignalPropagation({self.activation.name}, sigma_w2={self.sigma_w2}, sigma_b2={self.sigma_b2})"
        )

    def _repr_latex_(self) -> str:
        try:
            extra = (
                f",\\ q^* = {mpmath.nstr(_mp(self.q_star), 10)},\\ "
                f"\\chi_1 = {mpmath.nstr(_mp(self.chi1), 10)}"
            )
        except DomainError:
            extra = ",\\ q^*\\ \\text{diverges}"
        return (
            f"$\\phi = {latex(self.activation.expr)},\\ \\sigma_w^2 = {latex(sp.sympify(self.sigma_w2))},"
            f"\\ \\sigma_b^2 = {latex(sp.sympify(self.sigma_b2))}{extra}$"
        )


def critical_sigma_w2(activation: Any, sigma_b2: Any, *, dps: int = 20) -> Any:
    """The sigma_w^2 where chi1 = 1 (the order-to-chaos line) at the given sigma_b^2.

    Eliminating sigma_w2 = 1 / E[phi'^2](q) turns the pair (q = q-map(q), chi1 = 1) into one equation
    in q: E[phi^2](q) / E[phi'^2](q) + sigma_b2 = q.  ReLU gives 2 for every sigma_b2 (exact);
    odd activations at sigma_b2 = 0 give 1 / phi'(0)^2 (exact: 1 for tanh, pi/4 for erf).

    Parameters
    ----------
    activation : "tanh", "relu", "erf" or a sympy expression
    sigma_b2 : number >= 0
    dps : int
        Digits of the result.

    Returns
    -------
    sympy number (exact cases) or mpmath.mpf

    Raises
    ------
    DomainError
        When no critical point exists (the equation has no root).

    Examples
    --------
    >>> import mpmath
    >>> from mathml.fieldtheory import critical_sigma_w2
    >>> critical_sigma_w2("tanh", 0), critical_sigma_w2("relu", 0.3)
    (1, 2)
    >>> mpmath.nstr(critical_sigma_w2("tanh", 0.05), 13)      # brief F2 / dynamics_statmech 2
    '1.760954639607'
    """
    act = as_activation(activation)
    sb2 = _param(sigma_b2, "sigma_b2")
    if isinstance(dps, bool) or not isinstance(dps, int) or not 5 <= dps <= 500:
        raise InvalidInputError(f"dps must be an integer in [5, 500], got {dps!r}")
    if act.name == "relu":
        return sp.Integer(2)
    if act.d1.has(sp.DiracDelta):
        raise DomainError(f"phi = {act.expr} jumps: E[phi'^2] is infinite, chi1 = 1 has no solution")
    d10 = act.d1.subs(act.x, 0)
    if act.odd and sb2 == 0 and act.smooth and d10 != 0:
        return sp.nsimplify(1 / d10**2)
    f0, f1 = act.mp(0), act.mp(1)
    E = lambda fn, q, d: gaussian_expectation(fn, q, dps=d, breakpoints=act.kinks, method="numeric")  # noqa: E731
    sb = _mp(sb2)

    def F(q: Any, d: int) -> Any:
        den = E(lambda x: f1(x) ** 2, q, d)
        if den == 0:
            return mpmath.inf  # phi' vanishes almost surely: chi1 = 0 at every sigma_w2
        return E(lambda x: f0(x) ** 2, q, d) / den + sb - q

    helper = SignalPropagation(act, 1, 0)
    f0n, f1n = act.np(0), act.np(1)

    def Ff(q: float) -> float:
        try:
            num = helper._float_E(lambda v: f0n(v) ** 2, q)
            den = helper._float_E(lambda v: f1n(v) ** 2, q)
        except (OverflowError, ValueError, ZeroDivisionError):
            num = math.nan
        if not (math.isfinite(num) and math.isfinite(den)):
            return float(F(mpmath.mpf(q), 15))
        return math.inf if den == 0 else num / den + float(sb) - q

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # first sign change of F on a geometric grid (F(0+) >= 0 since E[phi^2]/E[phi'^2] >= 0), float64
        lo, hi = 0.0, max(1e-6, float(sb) / 64)
        f_hi = Ff(hi)
        while not f_hi < -1e-9 * max(1.0, hi):
            lo, hi = hi, (2 if hi < 1e6 else 8) * hi
            if hi > 1e24:  # beyond, F is below the rounding of q itself
                raise DomainError("no critical point: chi1 never reaches 1 at a finite fixed point")
            f_hi = Ff(hi)
    with mpmath.workdps(20):
        try:
            q0 = mpmath.findroot(lambda q: F(q, 18), (mpmath.mpf(lo), mpmath.mpf(hi)), solver="anderson")
        except (ValueError, ZeroDivisionError) as exc:
            raise DomainError(f"no critical point found near q in [{lo:.3g}, {hi:.3g}]: {exc}") from exc
    with mpmath.workdps(dps + 10):
        q = mpmath.findroot(
            lambda q: F(q, dps + 8),
            (q0, q0 * (1 + mpmath.mpf(10) ** -10)),
            tol=mpmath.mpf(10) ** (-2 * dps - 6),
        )
        val = 1 / E(lambda x: f1(x) ** 2, q, dps + 8)
        # chi1 = 1 must hold at the STABLE fixed point q* that SignalPropagation finds: the length map's
        # slope there (chi1 + sigma_w2 E[phi'' phi], Stein) must not exceed 1
        slope = SignalPropagation(act, val, sb2, dps=min(dps, 30))._q_slope(q, 15)
        if slope > 1 + mpmath.mpf(10) ** -8:
            raise DomainError(
                f"chi1 = 1 only at an unstable fixed point of the length map (q = {mpmath.nstr(q, 8)}, "
                f"slope {mpmath.nstr(slope, 8)} > 1): no order-to-chaos transition at sigma_b2 = {sb2}"
            )
    with mpmath.workdps(dps):
        return +val
