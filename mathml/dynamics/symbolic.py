r"""Symbolic dynamics: orbit counts of the full shift, the Sharkovskii order, the linear Smale horseshoe.

- ``periodic_orbit_count(n, k=2)``: primitive periodic orbits of least period ``n`` of the full
  ``k``-shift (Lyndon words, necklace counting): ``(1/n) sum_{d | n} mu(d) k^{n/d}``; for k = 2
  also the orbits of the r = 4 logistic map and of the doubling map (OEIS A001037).
- ``sharkovskii_precedes(m, n)``: ``m`` comes before ``n`` in Sharkovskii's order
  ``3 > 5 > 7 > ... > 2*3 > 2*5 > ... > 4*3 > ... > 8 > 4 > 2 > 1``: a continuous interval map
  with a point of least period ``m`` has points of least period ``n`` (Sharkovskii 1964;
  Li & Yorke 1975 for m = 3).
- ``Horseshoe``: the affine horseshoe on the unit square with horizontal strips
  ``H_0 = [0,1] x [0, 1/mu]`` and ``H_1 = [0,1] x [1 - 1/mu, 1]`` mapped onto vertical strips of
  width ``lam``: ``(x, y) -> (lam x, mu y)`` on ``H_0`` and ``(1 - lam x, mu (1 - y))`` on
  ``H_1``.  Its invariant set is a product of two Cantor sets, conjugate to the full 2-shift;
  Hausdorff dimension ``ln 2/ln(1/lam) + ln 2/ln mu``.  Points are exact (Fractions).

Examples
--------
>>> from mathml.dynamics import periodic_orbit_count, sharkovskii_precedes
>>> [periodic_orbit_count(n) for n in range(1, 11)]     # OEIS A001037
[2, 1, 2, 3, 6, 9, 18, 30, 56, 99]
>>> sharkovskii_precedes(3, 5), sharkovskii_precedes(5, 3), sharkovskii_precedes(12, 8)
(True, False, True)
"""
from __future__ import annotations

from fractions import Fraction
from numbers import Rational

import sympy as sp

from ..core.errors import InvalidInputError
from ..core.latex import latex
from ._common import check_int

__all__ = ["periodic_orbit_count", "periodic_point_count", "sharkovskii_key", "sharkovskii_precedes",
           "Horseshoe"]


def periodic_orbit_count(n: int, k: int = 2) -> int:
    """Number of periodic orbits of least period ``n`` of the full ``k``-shift (exact integer).

    Examples
    --------
    >>> from mathml.dynamics import periodic_orbit_count
    >>> periodic_orbit_count(6, 3)
    116
    """
    n = check_int("n", n, 1, 10**6)
    k = check_int("k", k, 1, 10**6)
    _check_size(n, k)
    total = sum(int(sp.mobius(d)) * k ** (n // d) for d in sp.divisors(n))
    q, rem = divmod(total, n)
    if rem:  # pragma: no cover - necklace counts are integers
        raise ArithmeticError("necklace count is not an integer")
    return q


def periodic_point_count(n: int, k: int = 2) -> int:
    """Points fixed by the ``n``-th power of the full ``k``-shift: ``k^n`` (all periods dividing n).

    Examples
    --------
    >>> from mathml.dynamics import periodic_point_count, periodic_orbit_count
    >>> periodic_point_count(6) == sum(d * periodic_orbit_count(d) for d in (1, 2, 3, 6))
    True
    """
    n = check_int("n", n, 1, 10**6)
    k = check_int("k", k, 1, 10**6)
    _check_size(n, k)
    return k ** n


def _check_size(n: int, k: int) -> None:
    bits = n * max(k - 1, 1).bit_length()
    if bits > 10**6:
        raise InvalidInputError(f"k^n = {k}^{n} has about {bits} bits; the limit is 10^6 bits")


def sharkovskii_key(m: int) -> tuple:
    """A sort key realising Sharkovskii's order (smaller key = earlier = stronger).

    ``m = 2^a b`` with ``b`` odd: ``(0, a, b)`` when ``b > 1``, ``(1, -a)`` for powers of two.

    Examples
    --------
    >>> from mathml.dynamics import sharkovskii_key
    >>> sorted(range(1, 13), key=sharkovskii_key)
    [3, 5, 7, 9, 11, 6, 10, 12, 8, 4, 2, 1]
    """
    m = check_int("m", m, 1)
    a = (m & -m).bit_length() - 1
    b = m >> a
    return (0, a, b) if b > 1 else (1, -a)


def sharkovskii_precedes(m: int, n: int) -> bool:
    """True when ``m`` strictly precedes ``n`` in Sharkovskii's order (period m forces period n).

    Raises
    ------
    InvalidInputError
        For non-integers or integers below 1.

    Examples
    --------
    >>> from mathml.dynamics import sharkovskii_precedes
    >>> all(sharkovskii_precedes(3, n) for n in range(1, 50) if n != 3)     # Li-Yorke
    True
    """
    return sharkovskii_key(m) < sharkovskii_key(n)


def _frac(value, name: str) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, (Rational, sp.Rational)):
        raise InvalidInputError(f"{name} must be an exact rational (int, Fraction or sympy Rational), "
                                f"got {value!r}")
    if isinstance(value, sp.Rational):
        return Fraction(int(value.p), int(value.q))
    return Fraction(value)


class Horseshoe:
    """The affine Smale horseshoe (exact rational arithmetic).

    Parameters
    ----------
    lam : rational
        Width of the image strips (horizontal contraction), ``0 < lam < 1/2``.
    mu : rational
        Vertical expansion, ``mu > 2``.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from mathml.dynamics import Horseshoe
    >>> H = Horseshoe()                      # lam = 1/3, mu = 3
    >>> p = H.periodic_point("01")
    >>> p, H(H(p)) == p
    ((Fraction(9, 10), Fraction(3, 10)), True)
    >>> H.hausdorff_dimension()
    2*log(2)/log(3)
    """

    def __init__(self, lam=Fraction(1, 3), mu=Fraction(3)):
        self.lam = _frac(lam, "lam")
        self.mu = _frac(mu, "mu")
        if not (0 < self.lam < Fraction(1, 2)):
            raise InvalidInputError(f"lam must satisfy 0 < lam < 1/2, got {self.lam}")
        if not self.mu > 2:
            raise InvalidInputError(f"mu must be > 2, got {self.mu}")

    def strip(self, point) -> int | None:
        """0 or 1 for the horizontal strip containing ``point``; None outside both."""
        x, y = (_frac(v, "coordinate") for v in point)
        if not (0 <= x <= 1 and 0 <= y <= 1):
            return None
        if y <= 1 / self.mu:
            return 0
        if y >= 1 - 1 / self.mu:
            return 1
        return None

    def __call__(self, point):
        """The horseshoe map on ``H_0 ∪ H_1`` (exact).

        Raises
        ------
        InvalidInputError
            If the point is not in ``H_0 ∪ H_1``.
        """
        s = self.strip(point)
        if s is None:
            raise InvalidInputError(f"{point} is not in the strips H_0, H_1 where the horseshoe is defined")
        x, y = (Fraction(v) for v in point)
        return (self.lam * x, self.mu * y) if s == 0 else (1 - self.lam * x, self.mu * (1 - y))

    def inverse(self, point):
        """The inverse map on the vertical strips ``V_0 = [0, lam] x [0,1]``, ``V_1 = [1-lam, 1] x [0,1]``."""
        x, y = (_frac(v, "coordinate") for v in point)
        if 0 <= x <= self.lam and 0 <= y <= 1:
            return (x / self.lam, y / self.mu)
        if 1 - self.lam <= x <= 1 and 0 <= y <= 1:
            return ((1 - x) / self.lam, 1 - y / self.mu)
        raise InvalidInputError(f"{point} is not in the vertical strips V_0, V_1")

    def itinerary(self, point, n: int) -> str:
        """The forward itinerary ``s_0 ... s_{n-1}`` (strip of ``H^k(point)``), exact.

        Raises
        ------
        InvalidInputError
            When the orbit leaves ``H_0 ∪ H_1`` within ``n`` steps.
        """
        n = check_int("n", n, 0, 10**5)
        out, p = [], point
        for _ in range(n):
            s = self.strip(p)
            if s is None:
                raise InvalidInputError(f"the orbit of {point} leaves the horseshoe after {len(out)} steps")
            out.append(str(s))
            p = self(p)
        return "".join(out)

    def periodic_point(self, word: str):
        """The unique invariant point whose bi-infinite itinerary is ``...www.www...`` (exact).

        Solves the affine fixed-point equation of the composed branch maps.

        Examples
        --------
        >>> from mathml.dynamics import Horseshoe
        >>> H = Horseshoe()
        >>> H.itinerary(H.periodic_point("011"), 6)
        '011011'
        """
        if not isinstance(word, str) or not word or set(word) - {"0", "1"}:
            raise InvalidInputError(f"word must be a non-empty string over 0 and 1, got {word!r}")
        # H^n on the cylinder is (x, y) -> (ax x + bx, ay y + by); compose the branches
        ax, bx, ay, by = Fraction(1), Fraction(0), Fraction(1), Fraction(0)
        for s in word:
            if s == "0":
                ax, bx, ay, by = self.lam * ax, self.lam * bx, self.mu * ay, self.mu * by
            else:
                ax, bx, ay, by = -self.lam * ax, 1 - self.lam * bx, -self.mu * ay, self.mu * (1 - by)
        return (bx / (1 - ax), by / (1 - ay))

    def periodic_points(self, n: int) -> list:
        """All ``2^n`` points fixed by ``H^n`` (exact), one per word of length n <= 12."""
        n = check_int("n", n, 1, 12)
        return [self.periodic_point(format(i, f"0{n}b")) for i in range(2 ** n)]

    def hausdorff_dimension(self) -> sp.Expr:
        """``ln 2/ln(1/lam) + ln 2/ln mu`` (exact sympy)."""
        lam = sp.Rational(self.lam.numerator, self.lam.denominator)
        mu = sp.Rational(self.mu.numerator, self.mu.denominator)
        return sp.simplify(sp.log(2) / sp.log(1 / lam) + sp.log(2) / sp.log(mu))

    def topological_entropy(self) -> sp.Expr:
        """``ln 2`` (the full 2-shift)."""
        return sp.log(2)

    def __repr__(self) -> str:
        return f"Horseshoe(lam={self.lam}, mu={self.mu})"

    def _repr_latex_(self) -> str:
        lam = sp.Rational(self.lam.numerator, self.lam.denominator)
        mu = sp.Rational(self.mu.numerator, self.mu.denominator)
        x, y = sp.symbols("x y")
        return (r"$H(x, y) = \begin{cases} (" + latex(lam * x) + ", " + latex(mu * y) + r") & y \le "
                + latex(1 / mu) + r" \\ (" + latex(1 - lam * x) + ", " + latex(mu * (1 - y)) + r") & y \ge "
                + latex(1 - 1 / mu) + r"\end{cases}$")
