"""The cosine network of neural-network field theory (Halverson 2112.04527; the slide of Hashimoto's talk).

x(tau) = A sum_{n=1}^N a_n cos(b_n tau + c_n) / sqrt(b_n^2 + m^2) with independent parameters

    a_n ~ N(0, 1/N),   b_n ~ Uniform(-Lambda, Lambda),   c_n ~ Uniform(-pi, pi),   A = sqrt(2 Lambda / pi).

Because E_c[cos(t1 + c) cos(t2 + c)] = cos(t1 - t2)/2, E_b = (1/2 Lambda) int db and sum_n E a_n^2 = 1,
the two-point function is EXACTLY, at every width N,

    G(t1, t2) = (1/pi) int_0^Lambda cos(p (t1 - t2)) / (p^2 + m^2) dp,

the cut-off Euclidean propagator of a particle of mass m (-> e^{-m|t|}/(2m) as Lambda -> infinity).
The slide wrote the same distributions with A = 1 and the result int_{-Lambda}^{Lambda} db cos(b t)/(b^2
+ m^2):
that is off by the factor 1/(4 Lambda) (see proofs/fieldtheory.py).

The neurons are i.i.d., so the connected four-point function is N times the single-neuron fourth
cumulant, exactly (1/N):

    G4c = (1/N) [ (3 Lambda / (2 pi^2)) int_0^Lambda [cos p s1 + cos p s2 + cos p s3] / (p^2 + m^2)^2 dp
                  - (G12 G34 + G13 G24 + G14 G23) ],

s1 = t1 + t2 - t3 - t4, s2 = t1 - t2 + t3 - t4, s3 = t1 - t2 - t3 + t4 (E a^4 = 3/N^2 and the
c-average of four cosines).

Examples
--------
>>> import mpmath
>>> from mathml.fieldtheory import CosNet
>>> net = CosNet(1, 10, 4)
>>> mpmath.nstr(net.two_point(0, 0.5), 8)            # brief F3, Lambda = 10
'0.29760311'
"""

from __future__ import annotations

from typing import Any, Sequence

import mpmath
import numpy as np
import sympy as sp

from mathml.core.errors import InvalidInputError
from mathml.core.gaussian import is_exact_number
from mathml.core.latex import latex

__all__ = ["CosNet", "cutoff_propagator"]

_MAX_PARAMS = 4 * 10**7  # numbers per parameter array (320 MB of float64)
_MAX_OUTPUT = 10**8
_MAX_WORK = 2 * 10**10


def _positive(x: Any, name: str) -> Any:
    if isinstance(x, (bool, str)) or x is None:
        raise InvalidInputError(f"{name} must be a positive number, got {x!r}")
    if is_exact_number(x):
        v = sp.nsimplify(x)
        if not (v.is_real and v > 0):
            raise InvalidInputError(f"{name} must be a positive real number, got {x}")
        return v
    try:
        v = mpmath.mpf(x)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"{name} must be a positive number, got {x!r}") from exc
    if not mpmath.isfinite(v) or v <= 0:
        raise InvalidInputError(f"{name} must be a finite positive number, got {x!r}")
    return v


def _mp(x: Any) -> Any:
    return mpmath.mpf(str(sp.N(x, mpmath.mp.dps + 10))) if isinstance(x, sp.Basic) else mpmath.mpf(x)


def _time(x: Any, name: str) -> Any:
    if isinstance(x, (bool, str)) or x is None:
        raise InvalidInputError(f"{name} must be a real number, got {x!r}")
    if is_exact_number(x):
        return sp.nsimplify(x)
    try:
        v = mpmath.mpf(x)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"{name} must be a real number, got {x!r}") from exc
    if not mpmath.isfinite(v):
        raise InvalidInputError(f"{name} must be finite, got {x!r}")
    return v


def _osc_quad(f: Any, cutoff: Any, s: Any) -> Any:
    s = abs(s)
    if s == 0 or cutoff * s < 20:
        return mpmath.quad(f, [0, cutoff])
    n = int(mpmath.ceil(cutoff * s / mpmath.pi))
    pts = [mpmath.pi * k / s for k in range(0, n)] + [cutoff]
    return mpmath.quad(f, pts)


def _i2(s: Any, m: Any, L: Any) -> Any:
    """int_0^L cos(p s)/(p^2 + m^2) dp: arctan at s = 0, else the E1 closed form (brief section 3.1)."""
    s = abs(s)
    if s == 0:
        return mpmath.atan(L / m) / m
    e1 = mpmath.e1
    lower = mpmath.exp(-m * s) * e1(-1j * (L - 1j * m) * s)
    upper = mpmath.exp(m * s) * e1(-1j * (L + 1j * m) * s)
    term = (lower - upper) / (2j * m)
    return mpmath.pi * mpmath.exp(-m * s) / (2 * m) - mpmath.re(term)


def _i4(s: Any, m: Any, L: Any) -> Any:
    """int_0^L cos(p s)/(p^2 + m^2)^2 dp = -(1/(2m)) d/dm int_0^L cos(p s)/(p^2 + m^2) dp."""
    if s == 0:
        return (L / (L * L + m * m) + mpmath.atan(L / m) / m) / (2 * m * m)
    return -mpmath.diff(lambda mu: _i2(s, mu, L), m) / (2 * m)


def cutoff_propagator(tau: Any, mass: Any, cutoff: Any, *, dps: int = 15, method: str = "closed") -> Any:
    """(1/pi) int_0^cutoff cos(p tau) / (p^2 + m^2) dp (mpmath, ``dps`` digits; exact at tau = 0).

    At tau = 0 it is arctan(cutoff/m) / (pi m); for cutoff -> infinity it tends to e^{-m|tau|}/(2m).
    ``method="closed"`` uses the exponential-integral closed form
    e^{-m tau}/(2m) - (1/pi) Re{[e^{-m tau} E1(-i(L - im) tau) - e^{m tau} E1(-i(L + im) tau)]/(2im)}
    (fast at any cutoff); ``method="quadrature"`` integrates period by period (cutoff |tau| <= 10^4).

    >>> import mpmath
    >>> from mathml.fieldtheory.cosnet import cutoff_propagator
    >>> cutoff_propagator(0, 1, 1)
    1/4
    >>> a = cutoff_propagator(2, 1, 3, dps=20)
    >>> b = cutoff_propagator(2, 1, 3, dps=20, method="quadrature")
    >>> bool(abs(a - b) < 1e-19)
    True
    """
    if method not in ("closed", "quadrature"):
        raise InvalidInputError(f"method must be 'closed' or 'quadrature', got {method!r}")
    dps = _dps(dps)
    tau, m, lam = _time(tau, "tau"), _positive(mass, "mass"), _positive(cutoff, "cutoff")
    if tau == 0 and all(isinstance(v, sp.Basic) for v in (m, lam)):
        return sp.atan(lam / m) / (sp.pi * m)
    with mpmath.workdps(dps + 10):
        t, mm_, L = _mp(tau), _mp(m), _mp(lam)
        if method == "closed":
            val = _i2(t, mm_, L) / mpmath.pi
        else:
            if L * abs(t) > 10**4:
                raise InvalidInputError("method='quadrature' handles cutoff*|tau| <= 10^4; use 'closed'")
            val = _osc_quad(lambda p: mpmath.cos(p * t) / (p * p + mm_ * mm_), L, t) / mpmath.pi
    with mpmath.workdps(dps):
        return +val


class CosNet:
    """The cosine network x(tau) of width N with the exact two-point normalisation.

    Parameters
    ----------
    mass : positive number
        m in 1/(p^2 + m^2) (the slide's k/m is m^2 here; hbar = 1, unit kinetic mass).
    cutoff : positive number
        Lambda: b_n ~ Uniform(-Lambda, Lambda).
    width : positive int
        N, the number of neurons.

    Attributes
    ----------
    prefactor : the output scale A = sqrt(2 Lambda / pi)

    Raises
    ------
    InvalidInputError
        Non-positive mass, cutoff or width.

    Examples
    --------
    >>> import mpmath
    >>> from mathml.fieldtheory import CosNet
    >>> net = CosNet(1, 5, 2)
    >>> mpmath.nstr(2 * net.four_point_connected(0, 0.3, 0.7, 1.0), 9)   # N G4c, brief F4
    '1.19808226'
    """

    def __init__(self, mass: Any, cutoff: Any, width: int) -> None:
        self.mass = _positive(mass, "mass")
        self.cutoff = _positive(cutoff, "cutoff")
        if isinstance(width, bool) or not isinstance(width, (int, np.integer)) or width < 1:
            raise InvalidInputError(f"width must be a positive integer, got {width!r}")
        self.width = int(width)

    @property
    def prefactor(self) -> Any:
        """A = sqrt(2 Lambda / pi), the output scale that makes the two-point function exact."""
        lam = self.cutoff
        return sp.sqrt(2 * lam / sp.pi) if isinstance(lam, sp.Basic) else mpmath.sqrt(2 * lam / mpmath.pi)

    @property
    def distributions(self) -> dict:
        """The parameter distributions, as text.

        >>> from mathml.fieldtheory import CosNet
        >>> CosNet(1, 3, 2).distributions['a']
        'Normal(0, 1/N) with N = 2'
        """
        return {
            "a": f"Normal(0, 1/N) with N = {self.width}",
            "b": f"Uniform(-Lambda, Lambda) with Lambda = {self.cutoff}",
            "c": "Uniform(-pi, pi)",
            "A": "sqrt(2 Lambda / pi)",
        }

    def two_point(self, t1: Any, t2: Any, *, dps: int = 15) -> Any:
        """<x(t1) x(t2)> = (1/pi) int_0^Lambda cos(p (t1 - t2))/(p^2 + m^2) dp, exact at every width.

        Parameters
        ----------
        t1, t2 : real numbers
        dps : int
            Digits (exact sympy at t1 = t2 with exact mass and cutoff).

        Examples
        --------
        >>> from mathml.fieldtheory import CosNet
        >>> CosNet(1, 1, 7).two_point(0, 0)
        1/4
        """
        t1, t2 = _time(t1, "t1"), _time(t2, "t2")
        return cutoff_propagator(t1 - t2, self.mass, self.cutoff, dps=dps)

    def _i4(self, s: Any) -> Any:
        return _i4(s, _mp(self.mass), _mp(self.cutoff))

    def four_point_connected(self, t1: Any, t2: Any, t3: Any, t4: Any, *, dps: int = 15) -> Any:
        """The connected four-point function at the net's width (exactly proportional to 1/N).

        Examples
        --------
        >>> import mpmath
        >>> from mathml.fieldtheory import CosNet
        >>> g1, g4 = CosNet(1, 5, 1), CosNet(1, 5, 4)
        >>> taus = (0, 0.3, 0.7, 1)
        >>> mpmath.almosteq(g1.four_point_connected(*taus), 4 * g4.four_point_connected(*taus))
        True
        """
        ts = [_time(t, n) for t, n in zip((t1, t2, t3, t4), ("t1", "t2", "t3", "t4"))]
        dps = _dps(dps)
        with mpmath.workdps(dps + 8):
            a, b, c, d = (_mp(t) for t in ts)
            L = _mp(self.cutoff)
            quartic = (
                3
                * L
                / (2 * mpmath.pi**2)
                * sum(self._i4(s) for s in (a + b - c - d, a - b + c - d, a - b - c + d))
            )
            G = lambda u, v: _mp(self.two_point(u, v, dps=dps + 6))  # noqa: E731
            gauss = G(a, b) * G(c, d) + G(a, c) * G(b, d) + G(a, d) * G(b, c)
            val = (quartic - gauss) / self.width
        with mpmath.workdps(dps):
            return +val

    def sample_parameters(self, n_nets: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Draw (a, b, c), each of shape (n_nets, N), from numpy.random.default_rng(seed).

        >>> from mathml.fieldtheory import CosNet
        >>> a, b, c = CosNet(1, 3, 5).sample_parameters(10, seed=0)
        >>> a.shape, bool(abs(b).max() <= 3)
        ((10, 5), True)
        """
        n_nets = _count(n_nets, "n_nets")
        if n_nets * self.width > _MAX_PARAMS:
            raise InvalidInputError(
                f"n_nets * width = {n_nets * self.width} parameters per array exceeds {_MAX_PARAMS:.0e} "
                "(memory): draw fewer networks or use sample(), which streams in chunks"
            )
        rng = np.random.default_rng(_seed(seed))
        N, L = self.width, float(self.cutoff)
        a = rng.standard_normal((n_nets, N)) / np.sqrt(N)
        b = rng.uniform(-L, L, (n_nets, N))
        c = rng.uniform(-np.pi, np.pi, (n_nets, N))
        return a, b, c

    def sample(
        self, n_nets: int, seed: int, taus: Sequence[float] = (0.0,), *, chunk: int = 250_000
    ) -> np.ndarray:
        """Outputs x(tau) of ``n_nets`` independently drawn networks: an array (n_nets, len(taus)).

        Vectorised over networks (in chunks of ``chunk`` networks, the same stream for every chunk size
        is NOT guaranteed: fix ``chunk`` together with ``seed`` to reproduce a run).  Memory stays
        bounded at any width (the chunk shrinks to at most 10^7 parameters per array); requests beyond
        10^8 outputs or 2 10^10 cosine evaluations raise `InvalidInputError`.

        Examples
        --------
        >>> import numpy as np
        >>> from mathml.fieldtheory import CosNet
        >>> x = CosNet(1, 3, 2).sample(200_000, seed=1, taus=[0.0, 1.0])
        >>> G01 = float(np.mean(x[:, 0] * x[:, 1]))        # exact 0.1987539 (brief, Lambda = 3)
        >>> abs(G01 - 0.1987539) < 0.01
        True
        """
        n_nets = _count(n_nets, "n_nets")
        if hasattr(taus, "__len__") and n_nets * len(taus) > _MAX_OUTPUT:  # before converting a huge list
            raise InvalidInputError(
                f"the output would hold n_nets * len(taus) = {n_nets * len(taus)} numbers (more than "
                f"{_MAX_OUTPUT:.0e}): sample in several calls with different seeds"
            )
        t = np.asarray(taus, dtype=float).ravel()
        if t.size == 0 or not np.all(np.isfinite(t)):
            raise InvalidInputError("taus must be a non-empty sequence of finite numbers")
        if isinstance(chunk, bool) or not isinstance(chunk, int) or chunk < 1:
            raise InvalidInputError(f"chunk must be a positive integer, got {chunk!r}")
        if n_nets * t.size > _MAX_OUTPUT:
            raise InvalidInputError(
                f"the output would hold n_nets * len(taus) = {n_nets * t.size} numbers (more than "
                f"{_MAX_OUTPUT:.0e}): sample in several calls with different seeds"
            )
        if n_nets * self.width * t.size > _MAX_WORK:
            raise InvalidInputError(
                f"n_nets * width * len(taus) = {n_nets * self.width * t.size} cosine evaluations exceeds "
                f"{_MAX_WORK:.0e} (minutes of work): reduce n_nets, the width or the number of times"
            )
        chunk = max(1, min(chunk, _MAX_PARAMS // (4 * self.width)))  # bounded memory at any width
        rng = np.random.default_rng(_seed(seed))
        N, L, m = self.width, float(self.cutoff), float(self.mass)
        A = float(self.prefactor)
        out = np.empty((n_nets, t.size))
        for start in range(0, n_nets, chunk):
            k = min(chunk, n_nets - start)
            a = rng.standard_normal((k, N)) * (A / np.sqrt(N))
            b = rng.uniform(-L, L, (k, N))
            c = rng.uniform(-np.pi, np.pi, (k, N))
            amp = a / np.sqrt(b * b + m * m)
            for j, tj in enumerate(t):
                out[start : start + k, j] = np.einsum("ij,ij->i", amp, np.cos(b * tj + c))
        return out

    def __repr__(self) -> str:
        return f"CosNet(mass={self.mass}, cutoff={self.cutoff}, width={self.width})"

    def _repr_latex_(self) -> str:
        m, L = latex(sp.sympify(self.mass)), latex(sp.sympify(self.cutoff))
        return (
            f"$x(\\tau) = \\sqrt{{2\\Lambda/\\pi}}\\sum_{{n=1}}^{{{self.width}}} a_n "
            f"\\frac{{\\cos(b_n\\tau + c_n)}}{{\\sqrt{{b_n^2 + m^2}}}},\\ m = {m},\\ \\Lambda = {L}$"
        )


def _dps(dps: Any) -> int:
    if isinstance(dps, bool) or not isinstance(dps, (int, np.integer)) or not 5 <= dps <= 200:
        raise InvalidInputError(f"dps must be an integer in [5, 200], got {dps!r}")
    return int(dps)


def _count(n: Any, name: str) -> int:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1 or n > 10**9:
        raise InvalidInputError(f"{name} must be a positive integer (at most 10^9), got {n!r}")
    return int(n)


def _seed(seed: Any) -> int:
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise InvalidInputError(f"seed must be a non-negative integer, got {seed!r}")
    return int(seed)
