r"""Periodic-orbit sums: cat-map fixed points, escape rates of linear repellers, Gutzwiller amplitudes.

- ``cat_map(A)``: a hyperbolic toral automorphism ``x -> A x mod 1`` (``A`` integer, det ±1).
  ``#Fix(A^n) = |det(A^n - 1)|`` (``= |tr A^n - 2|`` when det A = 1), enumerated exactly;
  ``h_top = ln |largest eigenvalue|``.  For ``[[2, 1], [1, 1]]``: 1, 5, 16, 45, 121, 320, ...
  ``= L_{2n} - 2`` (Lucas numbers).
- ``PiecewiseLinearRepeller(slopes)``: full affine branches of slopes ``Lambda_i`` on disjoint
  subintervals of [0, 1]; the survivors of ``n`` steps have exact Lebesgue measure
  ``(sum 1/|Lambda_i|)^n`` and the escape rate is ``gamma = -ln sum 1/|Lambda_i|`` (the dynamical
  zeta function ``1/zeta(z) = 1 - z sum 1/|Lambda_i|`` has no curvature corrections; Cvitanović
  et al., ChaosBook, chapter "Why cycle?"). ``escape_rate(slopes)`` returns it exactly.
- ``gutzwiller_amplitude(M, n)``: ``1/|det(M^n - 1)|^{1/2}`` for a 2 x 2 monodromy matrix;
  for eigenvalues ``e^{±chi}`` it equals ``1/(2 sinh(n chi/2))`` (not ``1/(2 sinh(n chi))``).

Examples
--------
>>> from mathml.dynamics import cat_map, escape_rate
>>> [cat_map().fixed_point_count(n) for n in range(1, 9)]     # brief D10
[1, 5, 16, 45, 121, 320, 841, 2205]
>>> escape_rate([3, 4])
log(12/7)
"""
from __future__ import annotations

from fractions import Fraction
import numpy as np
import sympy as sp

from ..core.errors import InvalidInputError
from ..core.latex import latex
from ._common import check_int

__all__ = ["CatMap", "cat_map", "PiecewiseLinearRepeller", "escape_rate", "gutzwiller_amplitude"]


_MAX_POINTS = 2 * 10**5


def _pair(point):
    if isinstance(point, (str, bytes)):
        raise InvalidInputError(f"a point is a pair of numbers, got {point!r}")
    try:
        x, y = point
    except (TypeError, ValueError):
        raise InvalidInputError(f"a point is a pair of numbers, got {point!r}") from None
    return x, y


def _coordinate(v):
    """An exact rational (int, numpy int, Fraction, sympy Rational) as a Fraction, or a finite float."""
    if isinstance(v, (bool, np.bool_, str, bytes)):
        raise InvalidInputError(f"coordinates must be numbers, got {type(v).__name__}: {v!r}")
    if isinstance(v, sp.Rational):
        return Fraction(int(v.p), int(v.q))
    if isinstance(v, (int, np.integer)):
        return Fraction(int(v))
    if isinstance(v, Fraction):
        return v
    if isinstance(v, (float, np.floating)):
        if not np.isfinite(v):
            raise InvalidInputError(f"coordinates must be finite, got {v!r}")
        return float(v)
    raise InvalidInputError(f"coordinates must be rationals or floats, got {type(v).__name__}: {v!r}")


def _int_matrix(A) -> sp.Matrix:
    try:
        M = sp.Matrix(A)
    except (TypeError, ValueError, sp.SympifyError) as exc:
        raise InvalidInputError(f"expected a 2 x 2 integer matrix, got {A!r}") from exc
    if M.shape != (2, 2) or not all(isinstance(v, sp.Integer) for v in M):
        raise InvalidInputError(f"expected a 2 x 2 integer matrix, got {A!r}")
    return M


class CatMap:
    """A hyperbolic automorphism of the 2-torus, ``x -> A x mod 1``.

    Parameters
    ----------
    A : 2 x 2 integer matrix with ``det A = ±1`` and no eigenvalue on the unit circle.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from mathml.dynamics import cat_map
    >>> C = cat_map()
    >>> C((Fraction(1, 5), Fraction(2, 5)))
    (Fraction(4, 5), Fraction(3, 5))
    >>> C.topological_entropy()
    log(sqrt(5)/2 + 3/2)
    """

    def __init__(self, A=((2, 1), (1, 1))):
        M = _int_matrix(A)
        if abs(M.det()) != 1:
            raise InvalidInputError(f"a torus automorphism needs det A = ±1, got det = {M.det()}")
        tr, det = M.trace(), M.det()
        # eigenvalues off the unit circle: (tr)^2 > 4 det for det = 1, or any tr != 0 ... check directly
        if any(sp.Abs(ev) == 1 for ev in M.eigenvals()):
            raise InvalidInputError(f"A = {M.tolist()} has an eigenvalue on the unit circle: not hyperbolic")
        self.A = M
        self._tr, self._det = tr, det

    def __call__(self, point):
        """``A x mod 1`` (exact for rationals; floats stay floats)."""
        x, y = (_coordinate(v) for v in _pair(point))
        a, b, c, d = (int(v) for v in self.A)
        u, v = a * x + b * y, c * x + d * y
        return (u - int(np.floor(u)), v - int(np.floor(v)))

    def fixed_point_count(self, n: int) -> int:
        """``|det(A^n - 1)|``: the number of points with ``A^n x = x mod 1`` (exact integer)."""
        n = check_int("n", n, 1, 10**4)
        return int(abs((self.A ** n - sp.eye(2)).det()))

    def fixed_points(self, n: int) -> list:
        """All points of ``[0,1)^2`` fixed by ``A^n`` (exact Fractions), by lattice enumeration.

        ``x = (A^n - 1)^{-1} m`` for the integer vectors ``m`` in ``(A^n - 1)[0,1)^2`` (one interval of
        ``m_2`` per ``m_1``: linear in the number of points).

        Raises
        ------
        InvalidInputError
            When there are more than 200000 points.
        """
        n = check_int("n", n, 1, 10**4)
        B = self.A ** n - sp.eye(2)
        b11, b12, b21, b22 = (int(v) for v in B)
        D = b11 * b22 - b12 * b21
        if abs(D) > _MAX_POINTS:
            raise InvalidInputError(f"A^{n} has {abs(D)} fixed points; enumeration is limited to "
                                    f"{_MAX_POINTS}")
        # x = adj(B) m / D lies in [0, 1)^2  <=>  0 <= s adj(B) m < |D| with s = sign(D)
        s = 1 if D > 0 else -1
        a11, a12, a21, a22 = s * b22, -s * b12, -s * b21, s * b11
        corners = [(b11 * u + b12 * v, b21 * u + b22 * v) for u in (0, 1) for v in (0, 1)]
        lo = [min(c[i] for c in corners) for i in range(2)]
        hi = [max(c[i] for c in corners) for i in range(2)]
        out, ad = [], abs(D)

        def window(c, d, lo_, hi_):
            """Integers m2 with lo_ <= c + d m2 < hi_ (d != 0), or all of them / none when d = 0."""
            if d == 0:
                return (-(10**30), 10**30) if lo_ <= c < hi_ else (1, 0)
            if d > 0:
                return -((c - lo_) // d), (hi_ - 1 - c) // d
            return -((hi_ - 1 - c) // -d), (c - lo_) // -d

        for m1 in range(lo[0], hi[0] + 1):
            # 0 <= a11 m1 + a12 m2 < |D| and 0 <= a21 m1 + a22 m2 < |D|: an interval of m2 for each m1
            l1, h1 = window(a11 * m1, a12, 0, ad)
            l2, h2 = window(a21 * m1, a22, 0, ad)
            for m2 in range(max(l1, l2, lo[1]), min(h1, h2, hi[1]) + 1):
                u, v = a11 * m1 + a12 * m2, a21 * m1 + a22 * m2
                if 0 <= u < ad and 0 <= v < ad:
                    out.append((u, v))
        out.sort()
        return [(Fraction(u, ad), Fraction(v, ad)) for u, v in out]

    def topological_entropy(self) -> sp.Expr:
        """``ln |lambda_max|`` (exact)."""
        ev = max(self.A.eigenvals(), key=lambda e: abs(sp.N(e)))
        return sp.log(sp.Abs(ev))

    def __repr__(self) -> str:
        return f"CatMap(A={self.A.tolist()})"

    def _repr_latex_(self) -> str:
        return r"$x \mapsto " + latex(self.A) + r" x \bmod 1$"


def cat_map(A=((2, 1), (1, 1))) -> CatMap:
    """Arnold's cat map (default ``[[2, 1], [1, 1]]``) or another hyperbolic toral automorphism.

    Examples
    --------
    >>> from mathml.dynamics import cat_map
    >>> len(cat_map().fixed_points(3)) == cat_map().fixed_point_count(3) == 16
    True
    """
    return CatMap(A)


class PiecewiseLinearRepeller:
    """Full affine branches of the given slopes on disjoint subintervals of [0, 1].

    Branch ``i`` maps ``I_i`` (length ``1/|Lambda_i|``) affinely onto [0, 1]; the intervals are
    placed left to right with equal gaps.  Requires ``sum 1/|Lambda_i| <= 1``.

    Examples
    --------
    >>> from mathml.dynamics import PiecewiseLinearRepeller
    >>> rep = PiecewiseLinearRepeller([3, 4])
    >>> rep.survival(2), rep.survivor_measure(2)         # formula and exact enumeration
    (49/144, 49/144)
    """

    def __init__(self, slopes):
        if isinstance(slopes, str) or not hasattr(slopes, "__iter__"):
            raise InvalidInputError(f"slopes must be a list of nonzero rationals, got {slopes!r}")
        vals = []
        for s in slopes:
            if isinstance(s, (bool, np.bool_)) or not isinstance(s, (int, np.integer, Fraction, sp.Rational)):
                raise InvalidInputError(f"slopes must be exact rationals (int, Fraction, sympy Rational), "
                                        f"got {s!r}")
            s = Fraction(int(s)) if isinstance(s, np.integer) else Fraction(int(sp.Rational(s).p),
                                                                            int(sp.Rational(s).q))
            if abs(s) <= 1:
                raise InvalidInputError(f"every slope must have |slope| > 1 (expanding), got {s}")
            vals.append(s)
        if not vals:
            raise InvalidInputError("at least one slope is needed")
        total = sum(1 / abs(s) for s in vals)
        if total > 1:
            raise InvalidInputError(f"sum of 1/|slope| = {total} > 1: the branches do not fit in [0, 1]")
        self.slopes = tuple(vals)
        gap = (1 - total) / (len(vals) - 1) if len(vals) > 1 else Fraction(0)
        left, self.intervals = Fraction(0), []
        for s in vals:
            self.intervals.append((left, left + 1 / abs(s)))
            left += 1 / abs(s) + gap

    def __call__(self, x):
        x = Fraction(x)
        for (a, b), s in zip(self.intervals, self.slopes):
            if a <= x <= b:
                return (x - a) * s if s > 0 else 1 + (x - a) * s
        return None  # escaped

    def survival(self, n: int) -> sp.Rational:
        """``(sum 1/|Lambda_i|)^n``: measure of the points that stay ``n`` steps (formula)."""
        n = check_int("n", n, 0, 10**6)
        t = sum(1 / abs(s) for s in self.slopes)
        return sp.Rational(t.numerator, t.denominator) ** n

    def survivor_measure(self, n: int) -> sp.Rational:
        """The same measure by exact enumeration of the ``k^n`` surviving intervals (n <= 12)."""
        n = check_int("n", n, 0, 64)
        if len(self.slopes) ** n > 2**20:
            raise InvalidInputError(f"{len(self.slopes)}^{n} surviving intervals is too many to enumerate "
                                    "(limit 2^20)")
        pieces = [(Fraction(0), Fraction(1))]
        for _ in range(n):
            new = []
            for (a, _b), s in zip(self.intervals, self.slopes):
                for (u, v) in pieces:
                    # preimage of [u, v] under branch i
                    lo, hi = (a + u / s, a + v / s) if s > 0 else (a + (u - 1) / s, a + (v - 1) / s)
                    new.append((min(lo, hi), max(lo, hi)))
            pieces = new
        total = sum(b - a for a, b in pieces)
        return sp.Rational(total.numerator, total.denominator)

    def escape_rate(self) -> sp.Expr:
        """``-ln sum 1/|Lambda_i|`` (exact)."""
        return sp.log(1 / self.survival(1))

    def simulate_escape(self, n_points: int = 100_000, n_steps: int = 8, seed: int = 0) -> float:
        """Monte Carlo escape rate: ``-(1/n) ln(fraction surviving n steps)`` (float64, seeded)."""
        n_points = check_int("n_points", n_points, 10, 10**7)
        n_steps = check_int("n_steps", n_steps, 1, 40)
        x = np.random.default_rng(check_int("seed", seed, 0)).uniform(0, 1, n_points)
        alive = np.ones(n_points, bool)
        for _ in range(n_steps):
            new = np.full(n_points, np.nan)
            for (a, b), s in zip(self.intervals, self.slopes):
                m = alive & (x >= float(a)) & (x <= float(b))
                new[m] = (x[m] - float(a)) * float(s) + (0 if s > 0 else 1)
            alive &= ~np.isnan(new)
            x = np.where(alive, new, 0.0)
        frac = alive.mean()
        if frac == 0:
            raise InvalidInputError("no point survived: use more points or fewer steps")
        return float(-np.log(frac) / n_steps)

    def __repr__(self) -> str:
        return f"PiecewiseLinearRepeller(slopes={[str(s) for s in self.slopes]})"

    def _repr_latex_(self) -> str:
        return (r"$\gamma = -\ln\sum_i |\Lambda_i|^{-1} = " + latex(self.escape_rate()) + "$")


def escape_rate(slopes) -> sp.Expr:
    """Escape rate ``-ln sum 1/|Lambda_i|`` of the full-branch affine repeller (exact).

    Examples
    --------
    >>> import sympy as sp
    >>> from mathml.dynamics import escape_rate
    >>> sp.N(escape_rate([3, 4]), 16)           # brief D10
    0.5389965007326870
    """
    return PiecewiseLinearRepeller(slopes).escape_rate()


def gutzwiller_amplitude(M, n: int = 1) -> sp.Expr:
    """The Gutzwiller weight ``1/|det(M^n - 1)|^{1/2}`` of the ``n``-th repetition of an orbit.

    Parameters
    ----------
    M : 2 x 2 matrix
        Monodromy (linearised Poincaré) matrix, exact entries give an exact result.
    n : int
        Repetition number (>= 1).

    Raises
    ------
    InvalidInputError
        For a non-2x2 matrix, strings, non-finite entries, ``n`` outside [1, 10^4] (64 with symbols), or
        ``det(M^n - 1) = 0`` (a marginal orbit: the weight diverges).

    Examples
    --------
    >>> import sympy as sp
    >>> from mathml.dynamics import gutzwiller_amplitude
    >>> gutzwiller_amplitude([[2, 1], [1, 1]], 2)     # = 1/(2 sinh(2 chi/2)) with e^chi = (3+sqrt 5)/2
    sqrt(5)/5
    """
    if isinstance(M, (str, bytes)):
        raise InvalidInputError(f"M must be a 2 x 2 matrix of numbers, got a string {M!r}")
    try:
        rows = M.tolist() if hasattr(M, "tolist") else [list(r) for r in M]
        if any(isinstance(v, (str, bytes, bool, np.bool_)) for r in rows for v in r):
            raise TypeError
        A = sp.Matrix(rows)
    except (TypeError, ValueError, sp.SympifyError) as exc:
        raise InvalidInputError(f"M must be a 2 x 2 matrix of numbers, got {M!r}") from exc
    if A.shape != (2, 2):
        raise InvalidInputError(f"M must be 2 x 2, got shape {A.shape}")
    if any(v.has(sp.nan, sp.oo, -sp.oo, sp.zoo) for v in A):
        raise InvalidInputError("M must have finite entries")
    n = check_int("n", n, 1, 10**4 if not A.free_symbols else 64)
    # det(M^n - 1) = det(M)^n - tr(M^n) + 1, with tr(M^n) from t_k = tr(M) t_{k-1} - det(M) t_{k-2}
    tr, det = A.trace(), A.det()
    t_prev, t_cur = sp.Integer(2), tr
    for _ in range(n - 1):
        t_prev, t_cur = t_cur, sp.expand(tr * t_cur - det * t_prev)
    d = sp.simplify(det**n - t_cur + 1)
    if d == 0:
        raise InvalidInputError("det(M^n - 1) = 0: a marginal orbit has no finite Gutzwiller weight")
    return sp.simplify(1 / sp.sqrt(sp.Abs(d)))
