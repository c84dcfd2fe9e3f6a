r"""Köppen's (and Sprecher's) inner function psi, held exactly.

For integers ``n >= 2`` and a base ``gamma >= 2n + 2`` the grid of level ``k`` is
:math:`D_k = \{\sum_{r=1}^k i_r\gamma^{-r}\}`, :math:`\beta(r) = (n^r-1)/(n-1)`, and
Köppen's function (Braun & Griebel, Constr. Approx. 30 (2009), eq. 2.9) is

.. math::
   \psi_k(d) = \begin{cases} d & k = 1\\
   \psi_{k-1}(d - i_k\gamma^{-k}) + i_k\gamma^{-\beta(k)} & i_k < \gamma - 1\\
   \tfrac12\psi_{k-1}(d - i_k\gamma^{-k}) + \tfrac12\psi_{k-1}(d + \gamma^{-k})
   + \tfrac{\gamma-2}{2}\gamma^{-\beta(k)} & i_k = \gamma - 1\end{cases}

with :math:`\psi(1) = 1`.  We evaluate it by the O(k) *pair recursion*: carry
:math:`(\psi(d), \psi(d + \gamma^{-L}))` down the digits.  Values are kept in the sparse
form :math:`\sum_j c_j\gamma^{-\beta(j)}` with dyadic :math:`c_j` (integer numerators over
:math:`2^k`), so deep levels never expand a rational with :math:`\beta(k)` digits.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from numbers import Rational
from typing import Sequence

import numpy as np

from ..core.errors import InvalidInputError

__all__ = [
    "PrecisionError",
    "GammaSeries",
    "PsiEnclosure",
    "beta",
    "shift",
    "lambdas",
    "grid_digits",
    "to_fraction",
    "psi",
    "psi_series",
    "psi_pair",
    "psi_batch",
    "psi_float",
    "psi_reference",
    "sprecher_psi",
    "bits_needed",
]


class PrecisionError(InvalidInputError):
    """A floating-point path was asked for a level that needs more bits than it has."""


def _check_params(n: int, gamma: int, *, strict: bool = False) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or n < 2:
        raise InvalidInputError(f"n must be an integer >= 2 (the dimension), got {n!r}")
    if isinstance(gamma, bool) or not isinstance(gamma, int) or gamma < 3:
        raise InvalidInputError(f"gamma must be an integer base >= 3, got {gamma!r}")
    if strict and gamma < 2 * n + 2:
        raise InvalidInputError(f"gamma must be >= m + 2 = 2n + 2 = {2 * n + 2} for n = {n}, got {gamma}")


def beta(r: int, n: int) -> int:
    r"""The exponent :math:`\beta(r) = (n^r - 1)/(n - 1) = 1 + n + \dots + n^{r-1}`.

    Parameters
    ----------
    r : int
        A rank or an index.
    n : int
        Number of variables n (>= 2).

    Returns
    -------
    int
        The exponent :math:`\beta(r) = (n^r - 1)/(n - 1) = 1 + n + \dots + n^{r-1}`.

    Examples
    --------
    >>> [beta(r, 2) for r in range(1, 7)]
    [1, 3, 7, 15, 31, 63]
    >>> beta(0, 3), beta(4, 3)
    (0, 40)
    """
    if isinstance(r, bool) or not isinstance(r, int) or r < 0:
        raise InvalidInputError(f"r must be a non-negative integer, got {r!r}")
    if isinstance(n, bool) or not isinstance(n, int) or n < 2:
        raise InvalidInputError(f"n must be an integer >= 2, got {n!r}")
    return (n ** r - 1) // (n - 1)


def shift(n: int, gamma: int) -> Fraction:
    r"""The shift :math:`a = 1/(\gamma(\gamma-1)) = \sum_{r\ge2}\gamma^{-r}`.

    Parameters
    ----------
    n : int
        Number of variables n (>= 2).
    gamma : int
        Base gamma of the inner function (integer >= m + 2).

    Returns
    -------
    Fraction
        The shift :math:`a = 1/(\gamma(\gamma-1)) = \sum_{r\ge2}\gamma^{-r}`.

    Examples
    --------
    >>> shift(2, 10)
    Fraction(1, 90)
    """
    _check_params(n, gamma)
    return Fraction(1, gamma * (gamma - 1))


def lambdas(n: int, gamma: int, terms: int) -> tuple[Fraction, ...]:
    r"""The weights :math:`\lambda_1 = 1`, :math:`\lambda_p = \sum_{r=1}^{\text{terms}}
    \gamma^{-(p-1)\beta(r)}`, truncated after ``terms`` terms (the tail is below
    :math:`2\gamma^{-(p-1)\beta(\text{terms}+1)}`).

    Parameters
    ----------
    n : int
        Number of variables n (>= 2).
    gamma : int
        Base gamma of the inner function (integer >= m + 2).
    terms : int
        Number of terms.

    Returns
    -------
    tuple[Fraction, ...]
        The weights :math:`\lambda_1 = 1`, :math:`\lambda_p = \sum_{r=1}^{\text{terms}}
        \gamma^{-(p-1)\beta(r)}`, truncated after ``terms`` terms (the tail ...

    Examples
    --------
    >>> lam = lambdas(2, 10, 3)
    >>> lam[0], lam[1] == Fraction(1, 10) + Fraction(1, 10**3) + Fraction(1, 10**7)
    (Fraction(1, 1), True)
    """
    _check_params(n, gamma)
    if isinstance(terms, bool) or not isinstance(terms, int) or terms < 1:
        raise InvalidInputError(f"terms must be a positive integer, got {terms!r}")
    out = [Fraction(1)]
    for p in range(2, n + 1):
        out.append(sum((Fraction(1, gamma ** ((p - 1) * beta(r, n))) for r in range(1, terms + 1)),
                       Fraction(0)))
    return tuple(out)


def bits_needed(k: int, n: int, gamma: int, *, bumps: bool = False) -> int:
    r"""Bits a floating path needs at level ``k``: :math:`(\beta(k)+3)\log_2\gamma` for psi
    (neighbours differ by :math:`\gamma^{-\beta(k)}`), :math:`(\beta(k+1)+3)\log_2\gamma` for
    the level-``k`` bumps of the outer construction.

    Parameters
    ----------
    k : int
        Grid level k (points j / gamma^k).
    n : int
        Number of variables n (>= 2).
    gamma : int
        Base gamma of the inner function (integer >= m + 2).
    bumps : bool, optional
        Whether to draw the individual bumps.

    Returns
    -------
    int
        Bits a floating path needs at level ``k``: :math:`(\beta(k)+3)\log_2\gamma` for psi (neighbours
        differ by :math:`\gamma^{-\beta(k)}`), ...

    Examples
    --------
    >>> bits_needed(3, 2, 10), bits_needed(4, 2, 10), bits_needed(3, 2, 10, bumps=True)
    (34, 60, 60)
    """
    _check_params(n, gamma)
    b = beta(k + 1 if bumps else k, n)
    return math.ceil((b + 3) * math.log2(gamma))


# ---------------------------------------------------------------------------
# exact inputs


_DECIMAL = re.compile(r"^\s*(\d+)(?:\.(\d*))?\s*$")


def to_fraction(d: object) -> Fraction:
    """Exact rational from a Fraction, int, float (its exact binary value) or decimal string.

    Parameters
    ----------
    d : object
        A point (Fraction, int, decimal string or float).

    Returns
    -------
    Fraction
        Exact rational from a Fraction, int, float (its exact binary value) or decimal string.

    Examples
    --------
    >>> to_fraction("0.59"), to_fraction(3), to_fraction(0.5)
    (Fraction(59, 100), Fraction(3, 1), Fraction(1, 2))
    """
    if isinstance(d, bool):
        raise InvalidInputError("a point must be a number, not a bool")
    if isinstance(d, str):
        mt = _DECIMAL.match(d)
        if not mt:
            raise InvalidInputError(f"a point string must be a non-negative decimal like '0.59', got {d!r}")
        whole, frac = mt.group(1), mt.group(2) or ""
        return Fraction(int(whole + frac), 10 ** len(frac))
    if isinstance(d, (int, Fraction, Rational)):
        return Fraction(d)
    if isinstance(d, (float, np.floating)):
        if not math.isfinite(d):
            raise InvalidInputError(f"a point must be finite, got {d!r}")
        return Fraction(float(d))
    raise InvalidInputError("a point must be a Fraction, int, float or decimal string, got "
                            f"{type(d).__name__}")


def grid_digits(d: object, gamma: int) -> tuple[int, tuple[int, ...]] | None:
    """``(integer part, digits)`` when ``d`` lies on a grid ``D_k`` (finite base-gamma
    expansion; the digits have length k >= 1, trailing zeros dropped), else ``None``.

    Parameters
    ----------
    d : object
        A point (Fraction, int, decimal string or float).
    gamma : int
        Base gamma of the inner function (integer >= m + 2).

    Returns
    -------
    tuple[int, tuple[int, ...]] | None
        ``(integer part, digits)`` when ``d`` lies on a grid ``D_k`` (finite base-gamma expansion; the
        digits have length k >= 1, trailing zeros dropped), ...

    Examples
    --------
    >>> grid_digits("0.59", 10), grid_digits("1.5", 10), grid_digits(Fraction(1, 3), 10)
    ((0, (5, 9)), (1, (5,)), None)
    """
    x = to_fraction(d)
    if x < 0:
        raise InvalidInputError(f"psi is defined for x >= 0, got {x}")
    q = x.denominator
    k = 0
    while q != 1:
        g = math.gcd(q, gamma)
        if g == 1:
            return None
        # count the base-gamma digits needed: smallest k with gamma^k * x integral
        k += 1
        q = x.denominator // math.gcd(x.denominator, gamma ** k)
    whole, digits, _ = _truncate(x, gamma, max(k, 1))   # exact: gamma^k x is an integer
    digits = list(digits)
    while len(digits) > 1 and digits[-1] == 0:
        digits.pop()
    return whole, tuple(digits)


# ---------------------------------------------------------------------------
# exact values


@lru_cache(maxsize=256)
def _beta_table(n: int, k: int) -> tuple[int, ...]:
    return tuple(beta(j, n) for j in range(k + 1))


@dataclass(frozen=True)
class GammaSeries:
    r"""An exact value :math:`\sum_{j=0}^{k} (c_j / 2^{s})\,\gamma^{-\beta(j)}` held sparsely.

    ``numerators[j]`` are integers over the common denominator ``2**scale``; the expanded
    rational (about :math:`\beta(k)\log_2\gamma` bits) is only built by :meth:`to_fraction`.

    Parameters
    ----------
    numerators : tuple of int
        Numerators of the terms.
    scale : int
        Level of the series.
    n : int
        Number of variables.
    gamma : int
        Base gamma.

    Examples
    --------
    >>> s = psi_series("0.58999", n=2, gamma=10)
    >>> s.coefficients()[1:]
    (Fraction(87, 16), Fraction(9, 2), Fraction(1, 1), Fraction(2, 1), Fraction(4, 1))
    """

    numerators: tuple[int, ...]
    scale: int
    n: int
    gamma: int

    def coefficients(self) -> tuple[Fraction, ...]:
        """The dyadic coefficients c_j, j = 0..k (index 0 multiplies gamma^0 = 1)."""
        den = 1 << self.scale
        return tuple(Fraction(c, den) for c in self.numerators)

    def to_fraction(self) -> Fraction:
        """The exact rational value."""
        k = len(self.numerators) - 1
        bt = _beta_table(self.n, k)
        top = bt[k]
        num = sum(c * self.gamma ** (top - bt[j]) for j, c in enumerate(self.numerators) if c)
        return Fraction(num, (1 << self.scale) * self.gamma ** top)

    def __float__(self) -> float:
        bt = _beta_table(self.n, len(self.numerators) - 1)
        den = float(1 << self.scale)
        total = 0.0
        # smallest terms first; below 2^-1100 a term cannot change a double
        for j in range(len(self.numerators) - 1, -1, -1):
            c = self.numerators[j]
            if c and bt[j] * math.log2(self.gamma) < 1100:
                total += (c / den) * float(self.gamma) ** (-bt[j])
        return total

    def latex(self) -> str:
        terms = []
        for j, c in enumerate(self.coefficients()):
            if c == 0:
                continue
            cs = str(c.numerator) if c.denominator == 1 else rf"\tfrac{{{c.numerator}}}{{{c.denominator}}}"
            terms.append(cs if j == 0 else rf"{cs}\,{self.gamma}^{{-{beta(j, self.n)}}}")
        return " + ".join(terms) if terms else "0"

    def _repr_latex_(self) -> str:
        return f"${self.latex()}$"


def _pair_digits(digits: Sequence[int], gamma: int) -> tuple[list[int], list[int], int]:
    """Pair recursion on the digits (i_1..i_k): numerators of psi(d), psi(d + gamma^-k)
    over 2**k, indexed by j = 0..k."""
    k = len(digits)
    den = 1 << k
    half = (gamma - 2) * (den >> 1)
    left = [0] * (k + 1)
    right = [0] * (k + 1)
    i1 = digits[0]
    left[1] = i1 * den
    if i1 + 1 == gamma:
        right[0] = den  # psi(1) = 1
    else:
        right[1] = (i1 + 1) * den
    for col in range(2, k + 1):
        i = digits[col - 1]
        if i <= gamma - 3:
            nl = left[:]
            nl[col] += i * den
            nr = left[:]
            nr[col] += (i + 1) * den
        elif i == gamma - 2:
            nl = left[:]
            nl[col] += i * den
            nr = [(u + v) >> 1 for u, v in zip(left, right)]
            nr[col] += half
        else:
            nl = [(u + v) >> 1 for u, v in zip(left, right)]
            nl[col] += half
            nr = right
        left, right = nl, nr
    return left, right, k


def _check_digits(digits: Sequence[int], gamma: int) -> None:
    if len(digits) == 0 or any((not isinstance(i, (int, np.integer))) or i < 0 or i >= gamma for i in digits):
        raise InvalidInputError(f"digits must be a non-empty sequence of integers in [0, {gamma - 1}]")


def psi_pair(digits: Sequence[int], *, n: int, gamma: int) -> tuple[GammaSeries, GammaSeries]:
    r"""Köppen's psi at :math:`d = \sum i_r\gamma^{-r}` and at its right neighbour
    :math:`d + \gamma^{-k}`, both as :class:`GammaSeries` (O(k) pair recursion).

    Parameters
    ----------
    digits : Sequence[int]
        Number of digits.
    n : int
        Number of variables n (>= 2).
    gamma : int
        Base gamma of the inner function (integer >= m + 2).

    Returns
    -------
    tuple[GammaSeries, GammaSeries]
        Köppen's psi at :math:`d = \sum i_r\gamma^{-r}` and at its right neighbour :math:`d +
        \gamma^{-k}`, both as :class:`GammaSeries` (O(k) pair recursion).

    Examples
    --------
    >>> lo, hi = psi_pair((5, 8), n=2, gamma=10)
    >>> lo.to_fraction(), hi.to_fraction()
    (Fraction(127, 250), Fraction(277, 500))
    """
    _check_params(n, gamma)
    _check_digits(digits, gamma)
    left, right, k = _pair_digits(tuple(int(i) for i in digits), gamma)
    return GammaSeries(tuple(left), k, n, gamma), GammaSeries(tuple(right), k, n, gamma)


def psi_series(d: object, *, n: int, gamma: int) -> GammaSeries:
    """Köppen's psi at a grid point ``d`` (with the extension floor(d) + psi(frac d)) as a
    sparse :class:`GammaSeries`.

    Parameters
    ----------
    d : object
        A point (Fraction, int, decimal string or float).
    n : int
        Number of variables n (>= 2).
    gamma : int
        Base gamma of the inner function (integer >= m + 2).

    Returns
    -------
    GammaSeries
        Köppen's psi at a grid point ``d`` (with the extension floor(d) + psi(frac d)) as a sparse
        :class:`GammaSeries`.

    Examples
    --------
    >>> psi_series("0.59", n=2, gamma=10).to_fraction()
    Fraction(277, 500)
    """
    _check_params(n, gamma)
    g = grid_digits(d, gamma)
    if g is None:
        raise InvalidInputError(f"{d!r} is not on a base-{gamma} grid D_k; use psi(d, level=k) for an "
                                "enclosure")
    whole, digits = g
    left, _, k = _pair_digits(digits, gamma)
    left[0] += whole << k
    return GammaSeries(tuple(left), k, n, gamma)


@dataclass(frozen=True)
class PsiEnclosure:
    r"""An enclosure :math:`\psi(x) \in [\text{lower}, \text{upper}]` from the level-``level``
    truncation of ``x`` (psi is increasing, so the neighbouring grid values bound it).

    The bounds are held as sparse :class:`GammaSeries` (plus the integer part ``whole``);
    ``lower``/``upper``/``error`` expand them to Fractions (about beta(level) digits, so only
    for moderate levels), ``float()`` and ``error_float`` never expand.

    Parameters
    ----------
    x : Fraction
        The point.
    whole : int
        Integer part.
    lower_series : GammaSeries
        Lower bound series.
    upper_series : GammaSeries
        Upper bound series.
    level : int
        Truncation level.
    """

    x: Fraction
    whole: int
    lower_series: GammaSeries
    upper_series: GammaSeries
    level: int

    @property
    def lower(self) -> Fraction:
        return self.whole + self.lower_series.to_fraction()

    @property
    def upper(self) -> Fraction:
        return self.whole + self.upper_series.to_fraction()

    @property
    def value(self) -> Fraction:
        """Midpoint of the enclosure."""
        return (self.lower + self.upper) / 2

    @property
    def error(self) -> Fraction:
        """Half-width: |psi(x) - value| <= error."""
        return (self.upper - self.lower) / 2

    @property
    def error_float(self) -> float:
        """Half-width as a float, from the sparse difference (no expansion)."""
        pairs = zip(self.upper_series.numerators, self.lower_series.numerators)
        diff = GammaSeries(tuple(u - v for u, v in pairs),
                           self.lower_series.scale, self.lower_series.n, self.lower_series.gamma)
        return float(diff) / 2

    def __float__(self) -> float:
        return self.whole + 0.5 * (float(self.lower_series) + float(self.upper_series))

    def latex(self) -> str:
        lo, hi = self.whole + float(self.lower_series), self.whole + float(self.upper_series)
        return (rf"\psi({float(self.x):.6g}) \in [{lo:.12g},\ {hi:.12g}]"
                rf"\ (\text{{level }} {self.level})")

    def _repr_latex_(self) -> str:
        return f"${self.latex()}$"


def _truncate(x: Fraction, gamma: int, level: int) -> tuple[int, tuple[int, ...], bool]:
    whole = math.floor(x)
    scaled = (x - whole) * gamma ** level
    num = math.floor(scaled)
    exact = scaled == num
    digits = []
    for _ in range(level):
        num, r = divmod(num, gamma)
        digits.append(r)
    digits.reverse()
    return whole, tuple(digits), exact


def psi(d: object, *, n: int, gamma: int, variant: str = "koppen", level: int | None = None):
    r"""The inner function psi.

    Parameters
    ----------
    d : Fraction, int, decimal string or float, >= 0
        On a grid :math:`D_k` (finite base-``gamma`` expansion) the value is exact.
        Points x > 1 use the continuous increasing extension
        :math:`\psi(x) = \lfloor x\rfloor + \psi(x - \lfloor x\rfloor)` (never "mod 1").
    n, gamma : int
        Dimension and base.
    variant : {"koppen", "sprecher"}
        Köppen's corrected function (continuous, strictly increasing; Braun–Griebel) or
        Sprecher's 1996 original (neither monotone nor continuous), for contrast.
    level : int, optional
        For points off the grid (floats, other rationals): truncate to :math:`D_{level}` and
        return a :class:`PsiEnclosure` whose ``error`` bounds :math:`|\psi(x) - \text{value}|`.

    Returns
    -------
    Fraction for grid points; PsiEnclosure for off-grid points with ``level``.

    Examples
    --------
    >>> psi("0.59", n=2, gamma=10)
    Fraction(277, 500)
    >>> psi("0.59", n=2, gamma=10, variant="sprecher")
    Fraction(11, 20)
    >>> e = psi(Fraction(1, 3), n=2, gamma=10, level=6)
    >>> float(e.lower) <= float(e.upper), e.error < Fraction(1, 10**2)
    (True, True)
    """
    _check_params(n, gamma)
    if variant not in ("koppen", "sprecher"):
        raise InvalidInputError(f"variant must be 'koppen' or 'sprecher', got {variant!r}")
    x = to_fraction(d)
    if x < 0:
        raise InvalidInputError(f"psi is defined for x >= 0, got {x}")
    g = grid_digits(x, gamma)
    if g is not None and (level is None or len(g[1]) <= level):
        if variant == "sprecher":
            return g[0] + sprecher_psi(g[1], n=n, gamma=gamma)
        return psi_series(x, n=n, gamma=gamma).to_fraction()
    if level is None:
        raise InvalidInputError(f"{d!r} is not on a base-{gamma} grid D_k; pass level=k for an enclosure "
                                "with an error bound")
    if variant == "sprecher":
        raise InvalidInputError("Sprecher's psi is discontinuous: it has no enclosure off the grid")
    if isinstance(level, bool) or not isinstance(level, int) or level < 1:
        raise InvalidInputError(f"level must be a positive integer, got {level!r}")
    whole, digits, _ = _truncate(x, gamma, level)
    lo, hi = psi_pair(digits, n=n, gamma=gamma)
    return PsiEnclosure(x, whole, lo, hi, level)


def psi_float(x: float, *, n: int, gamma: int, level: int, precision_bits: int = 53) -> float:
    """Float psi at level ``level`` (midpoint of the enclosure); raises
    :class:`PrecisionError` when the level needs more than ``precision_bits`` bits.

    Parameters
    ----------
    x : float
        A point in [0, 1] or the variable symbol.
    n : int
        Number of variables n (>= 2).
    gamma : int
        Base gamma of the inner function (integer >= m + 2).
    level : int
        Grid level k.
    precision_bits : int, optional
        Working precision in bits.

    Returns
    -------
    float
        Float psi at level ``level`` (midpoint of the enclosure); raises :class:`PrecisionError` when
        the level needs more than ``precision_bits`` bits.

    Examples
    --------
    >>> psi_float(0.59, n=2, gamma=10, level=2)
    0.554
    >>> psi_float(0.5, n=2, gamma=10, level=5)
    Traceback (most recent call last):
    ...
    mathml.kolmogorov.inner.PrecisionError: level 5 needs 113 bits (n=2, gamma=10), float has 53
    """
    _check_params(n, gamma)
    need = bits_needed(level, n, gamma)
    if need > precision_bits:
        raise PrecisionError(f"level {level} needs {need} bits (n={n}, gamma={gamma}), float has "
                             f"{precision_bits}")
    # a float is an exact binary rational; decimal inputs such as 0.59 are meant as the
    # nearest grid point, so snap to the level grid when within half an ulp-scale
    xf = Fraction(float(x))
    snapped = Fraction(round(xf * gamma ** level), gamma ** level)
    if abs(snapped - xf) <= abs(xf) * Fraction(1, 2 ** 50):
        xf = snapped
    whole, digits, _ = _truncate(xf, gamma, level)
    lo, hi = psi_pair(digits, n=n, gamma=gamma)
    if xf * gamma ** level == math.floor(xf * gamma ** level):
        return whole + float(lo)
    return whole + 0.5 * (float(lo) + float(hi))


def psi_batch(digits: np.ndarray, *, n: int, gamma: int) -> np.ndarray:
    """Vectorised pair recursion: ``digits`` of shape (N, k) -> integer numerators of shape
    (N, k + 1) over ``2**k`` (the sparse coefficients of psi at each row's grid point).

    Parameters
    ----------
    digits : numpy.ndarray
        Number of digits.
    n : int
        Number of variables n (>= 2).
    gamma : int
        Base gamma of the inner function (integer >= m + 2).

    Returns
    -------
    numpy.ndarray
        Vectorised pair recursion: ``digits`` of shape (N, k) -> integer numerators of shape (N, k + 1)
        over ``2**k`` (the sparse coefficients of psi at each ...

    Examples
    --------
    >>> c = psi_batch(np.array([[5, 9], [0, 9]]), n=2, gamma=10)
    >>> [GammaSeries(tuple(int(v) for v in row), 2, 2, 10).to_fraction() for row in c]
    [Fraction(277, 500), Fraction(27, 500)]
    """
    _check_params(n, gamma)
    dg = np.asarray(digits)
    if dg.ndim != 2 or dg.shape[1] < 1 or not np.issubdtype(dg.dtype, np.integer):
        raise InvalidInputError("digits must be an integer array of shape (N, k), k >= 1")
    if dg.size and (dg.min() < 0 or dg.max() >= gamma):
        raise InvalidInputError(f"digits must lie in [0, {gamma - 1}]")
    N, k = dg.shape
    if k + math.log2(gamma) + 2 > 62:
        raise PrecisionError(f"psi_batch holds numerators in int64: level {k} is too deep for gamma={gamma}; "
                             "use psi_pair per point")
    den = np.int64(1) << k
    half = (gamma - 2) * (den >> 1)
    left = np.zeros((N, k + 1), dtype=np.int64)
    right = np.zeros((N, k + 1), dtype=np.int64)
    i1 = dg[:, 0].astype(np.int64)
    left[:, 1] = i1 * den
    top = i1 + 1 == gamma
    right[:, 0] = np.where(top, den, 0)
    right[:, 1] = np.where(top, 0, (i1 + 1) * den)
    for col in range(2, k + 1):
        i = dg[:, col - 1].astype(np.int64)
        mid = (left + right) >> 1
        mid[:, col] += half
        carry = (i == gamma - 1)[:, None]
        pre = (i == gamma - 2)[:, None]
        plain_l = left.copy()
        plain_l[:, col] += i * den
        plain_r = left.copy()
        plain_r[:, col] += (i + 1) * den
        new_left = np.where(carry, mid, plain_l)
        new_right = np.where(carry, right, np.where(pre, mid, plain_r))
        left, right = new_left, new_right
    return left


def psi_reference(d: object, *, n: int, gamma: int) -> Fraction:
    """Plain recursive Fraction implementation of Braun–Griebel (2.9), literally: the
    oracle the pair recursion is tested against and the benchmark baseline.

    Parameters
    ----------
    d : object
        A point (Fraction, int, decimal string or float).
    n : int
        Number of variables n (>= 2).
    gamma : int
        Base gamma of the inner function (integer >= m + 2).

    Returns
    -------
    Fraction
        Plain recursive Fraction implementation of Braun–Griebel (2.9), literally: the oracle the pair
        recursion is tested against and the benchmark baseline.

    Examples
    --------
    >>> psi_reference("0.999", n=2, gamma=10)
    Fraction(2442501, 2500000)
    """
    _check_params(n, gamma)
    x = to_fraction(d)
    g = grid_digits(x, gamma)
    if g is None:
        raise InvalidInputError(f"{d!r} is not on a base-{gamma} grid")
    return g[0] + _ref(x - g[0], len(g[1]), n, gamma)


def _ref(d: Fraction, k: int, n: int, gamma: int) -> Fraction:
    if d == 1:
        return Fraction(1)
    if k == 1:
        return d
    ik = int(d * gamma ** k) % gamma
    base = d - Fraction(ik, gamma ** k)
    if ik < gamma - 1:
        return _ref(base, k - 1, n, gamma) + Fraction(ik, gamma ** beta(k, n))
    return (_ref(base, k - 1, n, gamma) / 2 + _ref(d + Fraction(1, gamma ** k), k - 1, n, gamma) / 2
            + Fraction(gamma - 2, 2 * gamma ** beta(k, n)))


def sprecher_psi(digits: Sequence[int], *, n: int, gamma: int) -> Fraction:
    r"""Sprecher's (1996) psi on :math:`D_k`:
    :math:`\sum_r \tilde\imath_r 2^{-m_r}\gamma^{-\beta(r-m_r)}` (see the module brief).

    Parameters
    ----------
    digits : Sequence[int]
        Number of digits.
    n : int
        Number of variables n (>= 2).
    gamma : int
        Base gamma of the inner function (integer >= m + 2).

    Returns
    -------
    Fraction
        Sprecher's (1996) psi on :math:`D_k`: :math:`\sum_r \tilde\imath_r
        2^{-m_r}\gamma^{-\beta(r-m_r)}` (see the module brief).

    Examples
    --------
    >>> sprecher_psi((5, 8, 9, 9, 9), n=2, gamma=10)
    Fraction(2207, 4000)
    """
    _check_params(n, gamma)
    _check_digits(digits, gamma)
    k = len(digits)
    ang = [r >= 1 and digits[r] == gamma - 1 for r in range(k)]  # <i_r>, 0-based r
    sq = [r >= 1 and digits[r] >= gamma - 2 for r in range(k)]  # [i_r]
    bt = _beta_table(n, k)
    top = bt[k]
    num = 0
    for r in range(k):
        m = 0
        if ang[r]:
            # 1 + sum_{s<r} prod_{t=s}^{r-1} [i_t]: the run of [.] flags ending just before r
            run = 0
            t = r - 1
            while t >= 0 and sq[t]:
                run += 1
                t -= 1
            m = 1 + run
        it = digits[r] - (gamma - 2) * ang[r]
        num += it * (1 << (k - m)) * gamma ** (top - bt[r + 1 - m])
    return Fraction(num, (1 << k) * gamma ** top)
