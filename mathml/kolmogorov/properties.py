r"""Exhaustive checks of the inner-function properties on small grids.

Monotonicity and the minimal neighbour gap :math:`\gamma^{-\beta(k)}`, the widest-gap
recursion :math:`G_L = \tfrac12 G_{L-1} - \tfrac{\gamma-2}{2}\gamma^{-\beta(L)}`, the
at-most-one-bad-shift property, disjointness of the images :math:`T_k(d)`, and the descents
of Sprecher's original psi.  Values on a whole grid are exact integers over a common
denominator (object arrays), so comparisons never round.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ..core.errors import InvalidInputError
from .inner import _beta_table, _check_params, beta, lambdas, psi_batch, shift, to_fraction

__all__ = [
    "grid_digit_array",
    "grid_values",
    "neighbour_gaps",
    "widest_gap",
    "descents",
    "gap_shifts",
    "cube_width",
    "ImageSeparation",
    "image_separation",
]


def _check_level(k: int, limit: int = 7) -> None:
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= limit:
        raise InvalidInputError(f"exhaustive level k must be an integer in [1, {limit}], got {k!r}")


def grid_digit_array(k: int, gamma: int) -> np.ndarray:
    """All digit strings of D_k in increasing order, shape (gamma**k, k).

    Parameters
    ----------
    k : int
        Grid level k (points j / gamma^k).
    gamma : int
        Base gamma of the inner function (integer >= m + 2).

    Returns
    -------
    numpy.ndarray
        All digit strings of D_k in increasing order, shape (gamma**k, k).

    Examples
    --------
    >>> grid_digit_array(2, 3)[:4].tolist()
    [[0, 0], [0, 1], [0, 2], [1, 0]]
    """
    _check_level(k)
    idx = np.arange(gamma ** k, dtype=np.int64)
    cols = [(idx // gamma ** (k - 1 - c)) % gamma for c in range(k)]
    return np.stack(cols, axis=1)


def _combine(coeffs: np.ndarray, n: int, gamma: int, scale: int) -> tuple[np.ndarray, int]:
    k = coeffs.shape[1] - 1
    bt = _beta_table(n, k)
    top = bt[k]
    vals = np.zeros(coeffs.shape[0], dtype=object)
    for j in range(k + 1):
        col = coeffs[:, j].astype(object)
        vals = vals + col * gamma ** (top - bt[j])
    return vals, (1 << scale) * gamma ** top


def _sprecher_coeffs(dg: np.ndarray, gamma: int) -> np.ndarray:
    """Sprecher's psi on each row as numerators (N, k+1) over 2**k of gamma^-beta(j)."""
    N, k = dg.shape
    out = np.zeros((N, k + 1), dtype=object)
    ang = dg == gamma - 1
    ang[:, 0] = False
    sq = dg >= gamma - 2
    sq[:, 0] = False
    run = np.zeros(N, dtype=np.int64)  # length of the run of [i_t] flags ending at r - 1
    for r in range(k):
        m = np.where(ang[:, r], 1 + run, 0)
        it = dg[:, r] - (gamma - 2) * ang[:, r]
        col = r + 1 - m
        for c in np.unique(col):
            sel = col == c
            out[sel, c] = out[sel, c] + np.array([int(v) for v in it[sel]], dtype=object) * \
                np.array([1 << (k - int(mm)) for mm in m[sel]], dtype=object)
        run = np.where(sq[:, r], run + 1, 0)
    return out


def grid_values(k: int, n: int, gamma: int, *, variant: str = "koppen") -> tuple[np.ndarray, int]:
    """Exact psi on all of D_k in increasing order: (integer numerators, common denominator).

    Parameters
    ----------
    k : int
        Grid level k (points j / gamma^k).
    n : int
        Number of variables n (>= 2).
    gamma : int
        Base gamma of the inner function (integer >= m + 2).
    variant : str, optional
        "koppen" or "sprecher".

    Returns
    -------
    tuple[numpy.ndarray, int]
        Exact psi on all of D_k in increasing order: (integer numerators, common denominator).

    Examples
    --------
    >>> num, den = grid_values(2, 2, 10)
    >>> Fraction(num[59], den)
    Fraction(277, 500)
    """
    _check_params(n, gamma)
    _check_level(k)
    dg = grid_digit_array(k, gamma)
    if variant == "koppen":
        coeffs = psi_batch(dg, n=n, gamma=gamma)
    elif variant == "sprecher":
        coeffs = _sprecher_coeffs(dg, gamma)
    else:
        raise InvalidInputError(f"variant must be 'koppen' or 'sprecher', got {variant!r}")
    return _combine(coeffs, n, gamma, k)


def neighbour_gaps(k: int, n: int, gamma: int) -> tuple[Fraction, Fraction]:
    r"""(smallest, largest) difference of Köppen's psi between neighbours of D_k (including
    the last point's neighbour 1, where psi(1) = 1).

    Parameters
    ----------
    k : int
        Grid level k (points j / gamma^k).
    n : int
        Number of variables n (>= 2).
    gamma : int
        Base gamma of the inner function (integer >= m + 2).

    Returns
    -------
    tuple[Fraction, Fraction]
        (smallest, largest) difference of Köppen's psi between neighbours of D_k (including the last
        point's neighbour 1, where psi(1) = 1).

    Examples
    --------
    >>> neighbour_gaps(2, 2, 10)
    (Fraction(1, 1000), Fraction(23, 500))
    """
    num, den = grid_values(k, n, gamma)
    vals = np.append(num, den)
    diff = vals[1:] - vals[:-1]
    return Fraction(int(min(diff)), den), Fraction(int(max(diff)), den)


def widest_gap(L: int, n: int, gamma: int) -> Fraction:
    r"""The recursion :math:`G_1 = 1/\gamma`, :math:`G_L = G_{L-1}/2 - \tfrac{\gamma-2}{2}
    \gamma^{-\beta(L)}` for the widest neighbour gap of psi on :math:`D_L`.

    Parameters
    ----------
    L : int
        Level L.
    n : int
        Number of variables n (>= 2).
    gamma : int
        Base gamma of the inner function (integer >= m + 2).

    Returns
    -------
    Fraction
        The recursion :math:`G_1 = 1/\gamma`, :math:`G_L = G_{L-1}/2 - \tfrac{\gamma-2}{2}
        \gamma^{-\beta(L)}` for the widest neighbour gap of psi on ...

    Examples
    --------
    >>> float(widest_gap(3, 2, 10))
    0.0229996
    """
    _check_params(n, gamma)
    if isinstance(L, bool) or not isinstance(L, int) or L < 1:
        raise InvalidInputError(f"L must be a positive integer, got {L!r}")
    g = Fraction(1, gamma)
    for level in range(2, L + 1):
        g = g / 2 - Fraction(gamma - 2, 2 * gamma ** beta(level, n))
    return g


def descents(k: int, n: int, gamma: int, *, variant: str = "sprecher") -> list[tuple[Fraction, Fraction]]:
    """Neighbouring pairs (d, d') of D_k with psi(d) > psi(d') (exact).

    Parameters
    ----------
    k : int
        Grid level k (points j / gamma^k).
    n : int
        Number of variables n (>= 2).
    gamma : int
        Base gamma of the inner function (integer >= m + 2).
    variant : str, optional
        "koppen" or "sprecher".

    Returns
    -------
    list[tuple[Fraction, Fraction]]
        Neighbouring pairs (d, d') of D_k with psi(d) > psi(d') (exact).

    Examples
    --------
    >>> descents(2, 2, 10, variant="koppen")
    []
    """
    num, _ = grid_values(k, n, gamma, variant=variant)
    bad = np.nonzero(num[:-1] > num[1:])[0]
    step = gamma ** k
    return [(Fraction(int(i), step), Fraction(int(i) + 1, step)) for i in bad]


def cube_width(k: int, gamma: int) -> Fraction:
    r""":math:`\delta_k = (\gamma-2)/((\gamma-1)\gamma^k)`: the level-k cube is [d, d + delta_k].

    Parameters
    ----------
    k : int
        Grid level k (points j / gamma^k).
    gamma : int
        Base gamma of the inner function (integer >= m + 2).

    Returns
    -------
    Fraction
        :math:`\delta_k = (\gamma-2)/((\gamma-1)\gamma^k)`: the level-k cube is [d, d + delta_k].

    Examples
    --------
    >>> cube_width(1, 10)
    Fraction(4, 45)
    """
    if isinstance(gamma, bool) or not isinstance(gamma, int) or gamma < 3:
        raise InvalidInputError(f"gamma must be an integer base >= 3, got {gamma!r}")
    if isinstance(k, bool) or not isinstance(k, int) or k < 0:
        raise InvalidInputError(f"k must be an integer level >= 0, got {k!r}")
    return Fraction(gamma - 2, (gamma - 1) * gamma ** k)


def gap_shifts(x: object, k: int, *, n: int, gamma: int, m: int | None = None) -> list[int]:
    r"""The shifts q in 0..m for which :math:`x + qa` lies in an open level-k gap
    :math:`(d + \delta_k, d + \gamma^{-k})` (x exact).  For :math:`\gamma \ge m + 2` there is
    at most one.

    Parameters
    ----------
    x : object
        A point in [0, 1] or the variable symbol.
    k : int
        Grid level k (points j / gamma^k).
    n : int
        Number of variables n (>= 2).
    gamma : int
        Base gamma of the inner function (integer >= m + 2).
    m : int | None, optional
        Number of shifts minus one.

    Returns
    -------
    list[int]
        The shifts q in 0..m for which :math:`x + qa` lies in an open level-k gap :math:`(d + \delta_k,
        d + \gamma^{-k})` (x exact).

    Examples
    --------
    >>> gap_shifts(Fraction(99, 1000), 1, n=2, gamma=10)
    [0]
    >>> gap_shifts(Fraction(151, 1000), 1, n=2, gamma=5, m=4)
    [0, 4]
    """
    _check_params(n, gamma)
    m = 2 * n if m is None else m
    x = to_fraction(x)
    a = shift(n, gamma)
    delta = cube_width(k, gamma)
    out = []
    for q in range(m + 1):
        y = (x + q * a) * gamma ** k
        if y - (y.numerator // y.denominator) > delta * gamma ** k:
            out.append(q)
    return out


@dataclass(frozen=True)
class ImageSeparation:
    r"""Result of :func:`image_separation`: the images :math:`T_k(d)` sorted, with the
    smallest distance between consecutive ones (a rigorous lower bound, after the truncation
    error of the weights :math:`\lambda_p`).

    Parameters
    ----------
    k : int
        Grid level.
    n : int
        Number of variables.
    gamma : int
        Base gamma.
    count : int
        Number of images compared.
    min_gap : Fraction
        Least gap between two images.
    min_gap_lower_bound : Fraction
        A rigorous lower bound on the least gap.
    closest_pair : tuple
        The two grid points whose images are closest.
    """

    k: int
    n: int
    gamma: int
    count: int
    min_gap: Fraction
    min_gap_lower_bound: Fraction
    closest_pair: tuple[tuple[Fraction, ...], tuple[Fraction, ...]]

    @property
    def disjoint(self) -> bool:
        return self.min_gap_lower_bound > 0

    def __repr__(self) -> str:
        return (f"ImageSeparation(k={self.k}, n={self.n}, gamma={self.gamma}, count={self.count}, "
                f"min_gap~{float(self.min_gap):.6g})")

    def _repr_latex_(self) -> str:
        return (rf"$\min \operatorname{{gap}}(T_{{{self.k}}}) = {float(self.min_gap):.6g}\ "
                rf"\text{{over {self.count} images}}\ (n={self.n},\ \gamma={self.gamma})$")


def image_separation(k: int, n: int, gamma: int, *, terms: int | None = None) -> ImageSeparation:
    r"""Exhaustively sort :math:`T_k(d) = [\xi(d), \xi(d) + (\gamma-2)b_k]` over
    :math:`d \in D_k^n` and measure the smallest gap between consecutive images.

    Parameters
    ----------
    k : int
        Grid level k (points j / gamma^k).
    n : int
        Number of variables n (>= 2).
    gamma : int
        Base gamma of the inner function (integer >= m + 2).
    terms : int | None, optional
        Number of terms.

    Returns
    -------
    ImageSeparation
        Exhaustively sort :math:`T_k(d) = [\xi(d), \xi(d) + (\gamma-2)b_k]` over :math:`d \in D_k^n` and
        measure the smallest gap between consecutive images.

    Examples
    --------
    >>> s = image_separation(1, 2, 10)
    >>> s.disjoint, round(float(s.min_gap), 8)
    (True, 0.00029103)
    """
    _check_params(n, gamma)
    _check_level(k, 3)
    if gamma ** (n * k) > 200_000:
        raise InvalidInputError(f"gamma^(n k) = {gamma ** (n * k)} images is too many for an exhaustive "
                                "check")
    terms = k + 3 if terms is None else terms
    lam = lambdas(n, gamma, terms)
    # |lambda_p - lam_p| < 2 gamma^{-(p-1) beta(terms+1)}
    lam_err = [Fraction(0)] + [Fraction(2, gamma ** ((p - 1) * beta(terms + 1, n))) for p in range(2, n + 1)]
    num, den = grid_values(k, n, gamma)
    vals = [Fraction(int(v), den) for v in num]
    pts = [Fraction(i, gamma ** k) for i in range(gamma ** k)]
    tail = sum((Fraction(1, gamma ** beta(r, n)) for r in range(k + 1, k + terms + 2)), Fraction(0))
    tail += Fraction(2, gamma ** beta(k + terms + 2, n))
    width = (gamma - 2) * tail * (sum(lam) + sum(lam_err))  # upper bound of the image length
    idx = np.indices((gamma ** k,) * n).reshape(n, -1).T
    starts = []
    for row in idx:
        starts.append((sum(lam[p] * vals[row[p]] for p in range(n)), tuple(pts[i] for i in row)))
    starts.sort(key=lambda s: s[0])
    err = sum(lam_err)  # |xi_true(d) - xi(d)| <= sum_p err_p psi(d_p) <= sum_p err_p
    best = None
    for (s0, d0), (s1, d1) in zip(starts, starts[1:]):
        g = s1 - s0 - width
        if best is None or g < best[0]:
            best = (g, d0, d1)
    return ImageSeparation(k, n, gamma, len(starts), best[0], best[0] - 2 * err, (best[1], best[2]))
