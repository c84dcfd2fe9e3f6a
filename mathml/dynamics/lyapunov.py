r"""Lyapunov exponents: time averages for interval maps, QR spectra, products of random matrices.

- ``lyapunov(f, x, x0)``: ``lambda = lim (1/n) sum ln|f'(x_k)|`` along a float64 orbit, with the
  standard error of the mean of 20 batch means (the error stated is statistical).
- ``logistic_lyapunov(r_values)``: the same for many logistic parameters at once (numpy).
- ``henon_lyapunov(a, b)``: both exponents of the Hénon map ``(x, y) -> (1 - a x^2 + y, b x)``
  by QR (Gram–Schmidt) re-orthonormalisation; ``lambda_1 + lambda_2 = ln|b|`` holds exactly in
  exact arithmetic (``det J = -b``) and to rounding here.
- ``random_product_lyapunov(N, variance)``: the spectrum of products of i.i.d. ``N x N``
  Gaussian matrices with entries of the given variance, exactly by Newman's formula
  ``lambda_i = (1/2)[ln(2 variance) + psi((N - i + 1)/2)]`` (Newman, Commun. Math. Phys. 103
  (1986) 121; descending) or by QR Monte Carlo with batch-means errors.
- ``stretch_and_fold_window(N)``: the variances for which the spectrum has exponents of both
  signs: ``exp(-psi(N/2))/2 < variance < 2 exp(gamma)`` (``lambda_1 > 0 > lambda_N``; exact).

Examples
--------
>>> import mpmath
>>> from mathml.dynamics import random_product_lyapunov
>>> spec = random_product_lyapunov(2, 0.5)            # N = 2, entries N(0, 1/N)
>>> [mpmath.nstr(v, 6) for v in spec]                  # brief wave2_dynamics.md D9
['-0.288608', '-0.981755']
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

import mpmath
import numpy as np
import sympy as sp

from ..core.errors import InvalidInputError
from ._common import check_int, check_real
from .errors import EscapeError

__all__ = ["LyapunovEstimate", "LyapunovSpectrum", "lyapunov", "logistic_lyapunov", "henon_lyapunov",
           "random_product_lyapunov", "stretch_and_fold_window"]

_BLOCKS = 20


@dataclass(frozen=True)
class LyapunovEstimate:
    """A time-average Lyapunov exponent ``value ± error`` (one standard error of batch means)."""

    value: float
    error: float
    n_iter: int
    method: str

    def __float__(self) -> float:
        return float(self.value)

    def __repr__(self) -> str:
        return f"LyapunovEstimate({self.value:.6g} ± {self.error:.2g}, n_iter={self.n_iter})"

    def _repr_latex_(self) -> str:
        return rf"$\lambda = {self.value:.6g} \pm {self.error:.2g}$"


@dataclass(frozen=True)
class LyapunovSpectrum:
    """A Lyapunov spectrum (descending) with per-exponent errors; iterates over the exponents.

    ``errors`` are 0 for exact values (``method="exact"``, mpmath at ``digits`` digits) and one
    standard error of batch means for Monte Carlo values.
    """

    exponents: tuple
    errors: tuple
    method: str
    details: dict = field(default_factory=dict)

    def __iter__(self):
        return iter(self.exponents)

    def __len__(self) -> int:
        return len(self.exponents)

    def __getitem__(self, i):
        return self.exponents[i]

    def __repr__(self) -> str:
        vals = ", ".join(f"{float(v):.6g}" for v in self.exponents[:6])
        more = ", ..." if len(self.exponents) > 6 else ""
        return f"LyapunovSpectrum([{vals}{more}], method={self.method!r})"

    def _repr_latex_(self) -> str:
        vals = ",\\ ".join(f"{float(v):.6g}" for v in self.exponents[:8])
        more = r",\ \ldots" if len(self.exponents) > 8 else ""
        return r"$\lambda = (" + vals + more + ")$"


_MAX_ITER = 10**7            # pure-Python orbit loops: about 10-30 s at the limit


def _batch_stats(samples: np.ndarray) -> tuple[float, float]:
    blocks = np.array_split(samples, _BLOCKS)
    means = np.array([b.mean() for b in blocks])
    return float(samples.mean()), float(means.std(ddof=1) / math.sqrt(len(means)))


class _Batches:
    """Streaming batch means: ``_BLOCKS`` equal blocks of ``n`` samples (no O(n) array)."""

    def __init__(self, n: int, width: int = 1):
        self.bounds = [len(b) for b in np.array_split(np.empty(n, dtype=np.int8), _BLOCKS)]
        self.sums = np.zeros((_BLOCKS, width))
        self.block, self.left = 0, self.bounds[0]

    def add(self, values) -> None:
        self.sums[self.block] += values
        self.left -= 1
        if self.left == 0 and self.block + 1 < _BLOCKS:
            self.block += 1
            self.left = self.bounds[self.block]

    def stats(self) -> list[tuple[float, float]]:
        counts = np.array(self.bounds, dtype=float)[:, None]
        means = self.sums / counts
        total = self.sums.sum(0) / counts.sum()
        err = means.std(0, ddof=1) / math.sqrt(_BLOCKS)
        return [(float(t), float(e)) for t, e in zip(total, err)]


def lyapunov(f, x, x0, *, n_iter: int = 100_000, transient: int = 1_000) -> LyapunovEstimate:
    """Lyapunov exponent of the 1-D map ``x -> f(x)`` along the orbit of ``x0`` (float64).

    Parameters
    ----------
    f : sympy expression
        The map, in the variable ``x`` (no other free symbols).
    x : sympy.Symbol
    x0 : real
        Starting point.
    n_iter, transient : int
        Averaged iterations and discarded ones.

    Returns
    -------
    LyapunovEstimate
        The time average of ``ln|f'(x_k)|`` and its batch-means standard error (statistical only;
        float64 orbits of chaotic maps are shadowed by true orbits, not equal to them).

    Raises
    ------
    InvalidInputError
        For strings, extra free symbols, non-finite orbits.

    Examples
    --------
    >>> import sympy as sp
    >>> from mathml.dynamics import lyapunov
    >>> x = sp.Symbol('x')
    >>> est = lyapunov(4*x*(1 - x), x, 0.3, n_iter=200_000)
    >>> abs(est.value - 0.6931471805599453) < 4 * est.error + 1e-3     # ln 2
    True
    """
    if isinstance(f, str):
        raise InvalidInputError("f must be a sympy expression (parse strings with mathml.parse_expr)")
    if not isinstance(x, sp.Symbol):
        raise InvalidInputError(f"x must be a sympy Symbol, got {x!r}")
    f = sp.sympify(f)
    extra = f.free_symbols - {x}
    if extra:
        raise InvalidInputError(f"f has free symbols other than {x}: {sorted(map(str, extra))}; "
                                "substitute them")
    n_iter = check_int("n_iter", n_iter, _BLOCKS * 2, _MAX_ITER)
    transient = check_int("transient", transient, 0, _MAX_ITER)
    fx = sp.lambdify(x, f, "math")
    dfx = sp.lambdify(x, sp.diff(f, x), "math")
    z = check_real("x0", x0)
    logs = np.empty(n_iter)
    k = 0
    try:
        for k in range(transient):  # noqa: B007 (k is reported on escape)
            z = float(fx(z))
        for k in range(n_iter):
            d = abs(float(dfx(z)))
            logs[k] = math.log(d) if d > 0 else -745.0
            z = float(fx(z))
            if not math.isfinite(z):
                raise OverflowError
    except (OverflowError, ZeroDivisionError, ValueError, TypeError) as exc:
        raise EscapeError(f"the orbit of x0 = {x0} left the domain of f (or every bounded set) near step "
                          f"{k}: {type(exc).__name__}") from exc
    value, err = _batch_stats(logs)
    return LyapunovEstimate(value, err, n_iter, f"float64 time average, {n_iter} iterations, batch means")


def logistic_lyapunov(r_values, *, n_iter: int = 4000, transient: int = 1000, x0: float = 0.3) -> np.ndarray:
    """Lyapunov exponents of ``r x (1 - x)`` for an array of ``r`` (float64, vectorised).

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.dynamics import logistic_lyapunov
    >>> lam = logistic_lyapunov(np.array([2.5, 3.2, 4.0]), n_iter=20000)
    >>> bool(lam[0] < 0 and lam[1] < 0 and abs(lam[2] - np.log(2)) < 0.02)
    True
    """
    if isinstance(r_values, (str, bytes)):
        raise InvalidInputError("r_values must be an array of numbers in (0, 4], not a string")
    try:
        r = np.asarray(r_values, dtype=float)
    except (TypeError, ValueError):
        raise InvalidInputError("r_values must be an array of real numbers in (0, 4]") from None
    if not np.all(np.isfinite(r)) or np.any((r <= 0) | (r > 4)):
        raise InvalidInputError("r_values must be finite and in (0, 4]")
    n_iter = check_int("n_iter", n_iter, 1, 10**7)
    transient = check_int("transient", transient, 0, 10**7)
    if max(r.size, 1) * (n_iter + transient) > 5 * 10**8:
        raise InvalidInputError(f"{r.size} parameters x {n_iter + transient} iterations exceeds "
                                "the 5e8 budget")
    x = np.full(r.shape, check_real("x0", x0))
    for _ in range(transient):
        x = r * x * (1 - x)
    acc = np.zeros(r.shape)
    with np.errstate(divide="ignore"):
        for _ in range(n_iter):
            acc += np.log(np.maximum(np.abs(r * (1 - 2 * x)), 1e-300))
            x = r * x * (1 - x)
    return acc / n_iter


def henon_lyapunov(a=1.4, b=0.3, *, n_iter: int = 100_000, transient: int = 1_000, seed: int = 0
                   ) -> LyapunovSpectrum:
    """Both Lyapunov exponents of the Hénon map ``(x, y) -> (1 - a x^2 + y, b x)`` by QR.

    Parameters
    ----------
    a, b : real
        Parameters (default: the classical attractor a = 1.4, b = 0.3).
    n_iter, transient : int
    seed : int
        Seeds the random start near the origin (``numpy.random.default_rng``).

    Returns
    -------
    LyapunovSpectrum
        ``(lambda_1, lambda_2)``; unpack as ``l1, l2 = henon_lyapunov(...)``.  Errors are batch
        means standard errors.

    Raises
    ------
    EscapeError
        When the orbit escapes to infinity (no attractor at these parameters).

    Examples
    --------
    >>> import math
    >>> from mathml.dynamics import henon_lyapunov
    >>> l1, l2 = henon_lyapunov(1.4, 0.3, n_iter=50_000)
    >>> round(l1, 2), abs(l1 + l2 - math.log(0.3)) < 1e-12      # Sprott 2003: 0.41922
    (0.42, True)
    """
    a = check_real("a", a)
    b = check_real("b", b)
    if b == 0:
        raise InvalidInputError("b must be nonzero (the map is not invertible and ln|b| = -inf)")
    n_iter = check_int("n_iter", n_iter, _BLOCKS * 2, _MAX_ITER)
    transient = check_int("transient", transient, 0, _MAX_ITER)
    rng = np.random.default_rng(check_int("seed", seed, 0))
    x, y = (float(v) for v in rng.uniform(-0.1, 0.1, 2))
    for k in range(transient):
        x, y = 1 - a * x * x + y, b * x
        if abs(x) > 1e6:
            raise EscapeError(f"the Hénon orbit escaped after {k} steps (a = {a}, b = {b})")
    # tangent frame: columns q1 = (q11, q21), q2 = (q12, q22)
    q11, q21, q12, q22 = 1.0, 0.0, 0.0, 1.0
    batches = _Batches(n_iter, 2)
    for k in range(n_iter):
        # J = [[-2 a x, 1], [b, 0]]
        j11 = -2 * a * x
        v11, v21 = j11 * q11 + q21, b * q11
        v12, v22 = j11 * q12 + q22, b * q12
        r11 = math.hypot(v11, v21)
        q11, q21 = v11 / r11, v21 / r11
        proj = q11 * v12 + q21 * v22
        w1, w2 = v12 - proj * q11, v22 - proj * q21
        r22 = math.hypot(w1, w2)
        # keep the frame right-handed so that r22 carries the sign-free volume
        q12, q22 = w1 / r22, w2 / r22
        batches.add((math.log(r11), math.log(r22)))
        x, y = 1 - a * x * x + y, b * x
        if abs(x) > 1e6:
            raise EscapeError(f"the Hénon orbit escaped after {k} steps (a = {a}, b = {b})")
    (m1, e1), (m2, e2) = batches.stats()
    return LyapunovSpectrum((m1, m2), (e1, e2), f"float64 QR (Gram-Schmidt), {n_iter} steps",
                            {"a": a, "b": b, "n_iter": n_iter, "seed": seed})


def random_product_lyapunov(N: int, variance, method: str = "exact", *, n_layers: int = 20_000,
                            seed: int = 0, digits: int = 15) -> LyapunovSpectrum:
    """Lyapunov spectrum of ``W_n ... W_1``, i.i.d. ``N x N`` Gaussian ``W``, entries of the given variance.

    Parameters
    ----------
    N : int
        Width (1 to 2000 for ``"exact"``, 1 to 200 for ``"qr"``).
    variance : real
        Variance of each entry (``sigma_w^2 / N`` in the deep-net normalisation).
    method : {"exact", "qr"}
        ``"exact"``: Newman's formula with mpmath at ``digits`` digits.  ``"qr"``: Monte Carlo,
        ``n_layers`` seeded Gaussian layers, QR re-orthonormalisation each layer (float64),
        errors from 20 batch means.
    n_layers, seed, digits : int

    Returns
    -------
    LyapunovSpectrum
        Descending exponents.

    Raises
    ------
    InvalidInputError
        For bad sizes, a non-positive variance or an unknown method.

    Examples
    --------
    >>> from mathml.dynamics import random_product_lyapunov
    >>> exact = random_product_lyapunov(4, 0.25)
    >>> mc = random_product_lyapunov(4, 0.25, method="qr", n_layers=20_000, seed=1)
    >>> all(abs(float(e) - m) < 5 * s for e, m, s in zip(exact, mc, mc.errors))
    True
    """
    if method not in ("exact", "qr"):
        raise InvalidInputError(f"method must be 'exact' or 'qr', got {method!r}")
    N = check_int("N", N, 1, 2000 if method == "exact" else 200)
    var = check_real("variance", variance, positive=True)
    if method == "exact":
        digits = check_int("digits", digits, 1, 1000)
        with mpmath.workdps(digits + 5):
            if isinstance(variance, sp.Basic):
                v = mpmath.mpf(str(sp.N(variance, digits + 10)))
            elif isinstance(variance, Fraction):
                v = mpmath.mpf(variance.numerator) / variance.denominator
            else:
                v = (mpmath.mpf(float(variance)) if isinstance(variance, np.floating)
                     else mpmath.mpmathify(variance))
            # psi at the half-integers and integers by the recurrence psi(x + 1) = psi(x) + 1/x
            psi = {1: mpmath.digamma(mpmath.mpf(1) / 2), 2: mpmath.digamma(1)}   # keys: 2x
            for k2 in range(3, N + 1):
                psi[k2] = psi[k2 - 2] + 2 / mpmath.mpf(k2 - 2)
            exps = tuple(+(mpmath.log(2 * v) + psi[N - i + 1]) / 2 for i in range(1, N + 1))
        return LyapunovSpectrum(exps, (0,) * N, f"exact: Newman 1986, mpmath {digits} digits",
                                {"N": N, "variance": variance})
    n_layers = check_int("n_layers", n_layers, _BLOCKS * 2, 10**6)
    if n_layers * max(N, 10) ** 3 > 10**11:
        raise InvalidInputError(f"n_layers * N^3 = {n_layers * N**3:.2g} exceeds the budget 1e11 "
                                "(about a minute)")
    rng = np.random.default_rng(check_int("seed", seed, 0))
    sd = math.sqrt(var)
    Q = np.eye(N)
    batches = _Batches(n_layers, N)
    for _ in range(n_layers):
        Q, R = np.linalg.qr((sd * rng.standard_normal((N, N))) @ Q)
        batches.add(np.log(np.abs(np.diag(R))))
    stats = batches.stats()
    order = np.argsort([-s[0] for s in stats])
    return LyapunovSpectrum(tuple(stats[i][0] for i in order), tuple(stats[i][1] for i in order),
                            f"float64 QR Monte Carlo, {n_layers} layers, seed {seed}",
                            {"N": N, "variance": var, "n_layers": n_layers, "seed": seed})


def stretch_and_fold_window(N: int) -> tuple:
    """The entry variances with exponents of both signs: ``(exp(-psi(N/2))/2, 2 exp(gamma))`` (exact).

    ``lambda_1 = (1/2)[ln(2 v) + psi(N/2)] > 0`` iff ``v > exp(-psi(N/2))/2``, and
    ``lambda_N = (1/2)[ln(2 v) + psi(1/2)] < 0`` iff ``v < exp(-psi(1/2))/2 = 2 e^gamma``
    (``psi(1/2) = -gamma - 2 ln 2``).  In the deep-net normalisation ``v = sigma_w^2 / N`` this is
    ``(N/2) e^{-psi(N/2)} < sigma_w^2 < 2 N e^gamma``.

    Examples
    --------
    >>> from mathml.dynamics import stretch_and_fold_window
    >>> stretch_and_fold_window(2)
    (exp(EulerGamma)/2, 2*exp(EulerGamma))
    """
    N = check_int("N", N, 1, 10**6)
    if N > 200:      # the closed form is a harmonic-type sum of N/2 terms: keep psi unevaluated
        return sp.exp(-sp.polygamma(0, sp.Rational(N, 2), evaluate=False)) / 2, 2 * sp.exp(sp.EulerGamma)
    low = sp.exp(-sp.polygamma(0, sp.Rational(N, 2))) / 2
    return sp.simplify(sp.expand_func(low)), 2 * sp.exp(sp.EulerGamma)
