r"""Type-I (Pomeau–Manneville) intermittency just below a saddle-node of the logistic map.

At the saddle-node ``(r_c, x_c)`` of a period-``p`` window (`tangent_bifurcation`),
``f^p(x) - x ~ a (x - x_c)^2 + b (r - r_c)`` with ``a = (1/2) d^2 f^p/dx^2 (x_c)`` and
``b = d f^p/dr (x_c)`` (both at ``r_c``; ``a b < 0``).  At ``r = r_c - eps`` the graph of ``f^p``
leaves a narrow channel of width ~ ``sqrt(eps)``; treating one ``f^p`` step as unit time,
``du/dn = a u^2 + |b| eps`` gives the passage time

``T(eps, w) = (2 / sqrt(|a b| eps)) arctan(w sqrt(|a| / (|b| eps)))`` steps of ``f^p`` from
``u = -w`` to ``u = +w``, tending to the channel time ``pi / sqrt(|a b| eps)`` steps of ``f^p``,
i.e. ``p pi / sqrt(|a b| eps)`` iterations of ``f`` as ``eps -> 0`` (brief wave2_dynamics.md D5;
Pomeau & Manneville, Commun. Math. Phys. 74 (1980) 189; Hirsch, Huberman & Scalapino,
Phys. Rev. A 25 (1982) 519).

``simulate_passage`` counts the iterations directly (float64), and ``laminar_lengths``
measures laminar phases of a long chaotic orbit.

Examples
--------
>>> import mpmath
>>> from mathml.dynamics import intermittency
>>> it = intermittency(3)
>>> mpmath.nstr(it.a, 10), mpmath.nstr(it.b, 10)     # at x_c = 0.1599..., 20 digits computed
('88.91012989', '-0.7793989801')
>>> round(it.channel_time(1e-6))        # iterations of f at r = r_c - 1e-6
1132
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import mpmath
import numpy as np

from ..core.errors import InvalidInputError
from ._common import bits_for, check_int, check_real, cycle_jets, from_fixed, to_fixed
from .kneading import tangent_bifurcation

__all__ = ["Intermittency", "intermittency"]


@dataclass(frozen=True)
class Intermittency:
    """Normal form of the saddle-node of a period-``p`` window (see the module docstring).

    Attributes
    ----------
    period : int
    r_c, x_c : mpmath.mpf
        The saddle-node parameter and the smallest tangency point (``digits`` digits).
    a, b : mpmath.mpf
        ``(1/2) d^2 f^p/dx^2`` and ``d f^p/dr`` at ``(x_c, r_c)``.
    digits : int
        Correct digits of ``r_c, x_c, a, b``.
    """

    period: int
    r_c: mpmath.mpf
    x_c: mpmath.mpf
    a: mpmath.mpf
    b: mpmath.mpf
    digits: int

    def _eps(self, eps) -> float:
        eps = check_real("eps", eps, positive=True)
        if eps > 1e-2:
            raise InvalidInputError(f"eps = r_c - r must be small (0 < eps <= 0.01), got {eps}")
        return eps

    def channel_time(self, eps) -> float:
        """``p pi / sqrt(|a b| eps)``: iterations of ``f`` through the channel at ``r = r_c - eps``.

        Examples
        --------
        >>> from mathml.dynamics import intermittency
        >>> it = intermittency(3)
        >>> round(it.channel_time(1e-4) / it.channel_time(1e-6), 6)      # eps^(-1/2) law
        0.1
        """
        eps = self._eps(eps)
        return self.period * math.pi / math.sqrt(abs(float(self.a * self.b)) * eps)

    def passage_time(self, eps, width) -> float:
        """The normal-form passage time from ``x_c - w`` to ``x_c + w`` (iterations of ``f``).

        ``p (2/sqrt(|ab| eps)) arctan(w sqrt(|a|/(|b| eps)))``.
        """
        eps = self._eps(eps)
        w = check_real("width", width, positive=True)
        a, b = abs(float(self.a)), abs(float(self.b))
        return self.period * 2 / math.sqrt(a * b * eps) * math.atan(w * math.sqrt(a / (b * eps)))

    def simulate_passage(self, eps, width, *, max_iter: int = 10**7) -> int:
        """Count iterations of ``f`` (float64) to cross the channel from ``x_c ∓ w`` to ``x_c ± w``.

        The direction follows the sign of ``a``; the count is a multiple of ``p``.

        Examples
        --------
        >>> from mathml.dynamics import intermittency
        >>> it = intermittency(3)
        >>> n = it.simulate_passage(1e-6, 0.01)
        >>> abs(n / it.passage_time(1e-6, 0.01) - 1) < 0.05     # normal form vs direct iteration
        True
        """
        eps = self._eps(eps)
        w = check_real("width", width, positive=True)
        max_iter = check_int("max_iter", max_iter, 1, 10**9)
        r = float(self.r_c) - eps
        s = 1.0 if self.a > 0 else -1.0
        xc = float(self.x_c)
        x = xc - s * w
        n = 0
        while s * (x - xc) <= w:
            for _ in range(self.period):
                x = r * x * (1.0 - x)
            n += self.period
            if n > max_iter:
                raise InvalidInputError(f"no passage within max_iter = {max_iter} iterations")
        return n

    def laminar_lengths(self, eps, *, n_iter: int = 200_000, threshold: float = 1e-3, seed: int = 0):
        """Lengths (iterations of ``f``) of the laminar phases of one chaotic orbit at ``r_c - eps``.

        A step is laminar when ``|f^p(x_k) - x_k| < threshold``; float64 iteration from a seeded
        random start.  Returns a numpy integer array.

        Examples
        --------
        >>> from mathml.dynamics import intermittency
        >>> it = intermittency(3)
        >>> lengths = it.laminar_lengths(1e-5, n_iter=100_000, seed=1)
        >>> bool(lengths.max() < it.channel_time(1e-5))       # bounded by the channel time
        True
        """
        eps = self._eps(eps)
        n_iter = check_int("n_iter", n_iter, 10, 10**8)
        threshold = check_real("threshold", threshold, positive=True)
        seed = check_int("seed", seed, 0)
        r = float(self.r_c) - eps
        rng = np.random.default_rng(seed)
        x = float(rng.uniform(0.1, 0.9))
        buf = [x]
        for _ in range(n_iter + self.period):
            x = r * x * (1.0 - x)
            buf.append(x)
        orbit = np.array(buf)
        lam = np.abs(orbit[self.period:] - orbit[:-self.period]) < threshold
        lengths, run = [], 0
        for flag in lam:
            if flag:
                run += 1
            elif run:
                lengths.append(run)
                run = 0
        return np.array(lengths, dtype=np.int64)

    def __repr__(self) -> str:
        d = min(self.digits, 12)
        return (f"Intermittency(period={self.period}, r_c={mpmath.nstr(self.r_c, d)}, "
                f"x_c={mpmath.nstr(self.x_c, d)}, a={mpmath.nstr(self.a, d)}, b={mpmath.nstr(self.b, d)})")

    def _repr_latex_(self) -> str:
        d = min(self.digits, 12)
        p = self.period
        return (rf"$f^{{{p}}}(x) - x \approx {mpmath.nstr(self.a, d)}\,(x - {mpmath.nstr(self.x_c, d)})^2 "
                rf"{mpmath.nstr(self.b, d)}\,(r - {mpmath.nstr(self.r_c, d)})$")


def intermittency(period: int = 3, near=None, digits: int = 20) -> Intermittency:
    """The type-I intermittency normal form at the saddle-node of a period-``period`` window.

    Parameters
    ----------
    period : int
        2 to 16 (3: the period-3 window at ``r_c = 1 + sqrt 8``).
    near : real, optional
        Passed to `tangent_bifurcation` (which window).
    digits : int
        Correct digits of ``r_c, x_c, a, b``.

    Returns
    -------
    Intermittency

    Raises
    ------
    InvalidInputError
        For bad input or a window born by period doubling.

    Examples
    --------
    >>> import mpmath
    >>> from mathml.dynamics import intermittency
    >>> mpmath.nstr(intermittency(3).r_c, 20)        # 1 + sqrt(8)
    '3.8284271247461900976'
    """
    tb = tangent_bifurcation(period, near=near, digits=digits)
    P = bits_for(digits + 4, guard=56 + period)
    X, R = to_fixed(tb.x_c, P), to_fixed(tb.r_c, P)
    _, _, dfdr, d2fdx2, _ = cycle_jets(X, R, period, P)
    with mpmath.workprec(P):
        a = from_fixed(d2fdx2, P) / 2
        b = from_fixed(dfdr, P)
    return Intermittency(period=period, r_c=tb.r_c, x_c=tb.x_c, a=a, b=b, digits=digits)
