"""Embeddings: Johnson–Lindenstrauss dimensions, random-projection distortion, and what JL does not say.

JL (for subsets of Euclidean space): ``k >= 4 ln n / (ε²/2 - ε³/3)`` dimensions keep all pairwise
distances of ``n`` points within ``1 ± ε`` (Dasgupta–Gupta; scikit-learn's
``johnson_lindenstrauss_min_dim``).  Freedman's slide states it for *any* finite metric space; that is
false: the 4-cycle with its graph metric needs distortion ``√2`` in every Euclidean dimension (Enflo
1969), because ``Σ_edges |x_i - x_{i+1}|² - |x_1 - x_3|² - |x_2 - x_4|² = |x_1 - x_2 + x_3 - x_4|² >= 0``.

Examples
--------
>>> from mathml.learning import jl_min_dim, euclidean_distortion_lower_bound, cycle_metric
>>> jl_min_dim(10**6, 0.5)                      # scikit-learn's docs: 663
663
>>> euclidean_distortion_lower_bound(cycle_metric(4))
sqrt(2)
"""
from __future__ import annotations

from fractions import Fraction
from typing import Any

import mpmath
import numpy as np
import sympy as sp

from ..core.errors import InvalidInputError

__all__ = ["jl_min_dim", "random_projection_distortion", "euclidean_distortion_lower_bound",
           "cycle_metric", "star_metric"]


def jl_min_dim(n_samples: int, eps: Any) -> int:
    """``floor(4 ln n / (ε²/2 - ε³/3))``, scikit-learn's convention, computed at 50 digits.

    Parameters
    ----------
    n_samples : int >= 1
    eps : number in (0, 1)

    Examples
    --------
    >>> from mathml.learning import jl_min_dim
    >>> [jl_min_dim(n, 0.1) for n in (100, 1000, 10**4)]       # scikit-learn: 3947, 5920, 7894
    [3947, 5920, 7894]
    """
    if isinstance(n_samples, (bool, np.bool_)) or not isinstance(n_samples, (int, np.integer)) \
            or n_samples < 1:
        raise InvalidInputError(f"n_samples must be a positive int, got {n_samples!r}")
    if isinstance(eps, (bool, np.bool_, str, bytes)):
        raise InvalidInputError(f"eps must be a number in (0, 1), got {type(eps).__name__}: {eps!r}")
    with mpmath.workdps(50):
        try:
            if isinstance(eps, sp.Basic):
                if eps.free_symbols or not eps.is_number:
                    raise TypeError
                e = mpmath.mpf(sp.N(eps, 60))
            elif isinstance(eps, (float, np.floating)):
                e = mpmath.mpf(sp.Rational(str(float(eps))))     # the decimal the user typed (0.1 -> 1/10)
            elif isinstance(eps, Fraction):
                e = mpmath.mpf(eps.numerator) / eps.denominator
            else:
                e = mpmath.mpf(eps)
        except (TypeError, ValueError):
            raise InvalidInputError(f"eps must be a real number in (0, 1), got {eps!r}") from None
        if not mpmath.isfinite(e) or not (0 < e < 1):
            raise InvalidInputError(f"eps must lie in (0, 1), got {eps!r}")
        value = 4 * mpmath.log(int(n_samples)) / (e**2 / 2 - e**3 / 3)
        return int(mpmath.floor(value))


def random_projection_distortion(points: Any, k: int, *, seed: int = 0) -> tuple[float, float]:
    """Project with a Gaussian ``k x d`` matrix scaled by ``1/√k``; return (min, max) distance ratios.

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.learning import random_projection_distortion, jl_min_dim
    >>> x = np.random.default_rng(0).normal(size=(50, 2000))
    >>> lo, hi = random_projection_distortion(x, jl_min_dim(50, 0.5), seed=1)
    >>> 0.5 < lo <= hi < 1.5
    True
    """
    try:
        x = np.asarray(points, dtype=float)
    except (TypeError, ValueError):
        raise InvalidInputError("points must be a 2-d array of real numbers") from None
    if x.ndim != 2 or len(x) < 2 or not np.all(np.isfinite(x)):
        raise InvalidInputError("points must be a finite 2-d array with at least 2 rows")
    if isinstance(k, (bool, np.bool_)) or not isinstance(k, (int, np.integer)) or k < 1:
        raise InvalidInputError(f"k must be a positive int, got {k!r}")
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise InvalidInputError(f"seed must be a non-negative int, got {seed!r}")
    pairs = len(x) * (len(x) - 1) // 2
    if x.shape[1] * k > 5 * 10**7 or pairs * (x.shape[1] + k) > 2 * 10**8:
        raise InvalidInputError(f"too large: a {x.shape[1]} x {k} projection of {len(x)} points "
                                "(limits: d k <= 5e7, pairs (d + k) <= 2e8)")
    r = np.random.default_rng(seed).normal(size=(x.shape[1], int(k))) / np.sqrt(k)
    y = x @ r
    i, j = np.triu_indices(len(x), 1)
    d0 = np.linalg.norm(x[i] - x[j], axis=1)
    if np.any(d0 == 0):
        raise InvalidInputError("points must be distinct")
    ratio = np.linalg.norm(y[i] - y[j], axis=1) / d0
    return float(ratio.min()), float(ratio.max())


def cycle_metric(n: int) -> sp.Matrix:
    """Graph metric of the n-cycle (exact)."""
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)) or not 3 <= n <= 2000:
        raise InvalidInputError(f"a cycle needs an integer n in [3, 2000] vertices, got {n!r}")
    n = int(n)
    return sp.Matrix(n, n, lambda i, j: min(abs(i - j), n - abs(i - j)))


def star_metric(leaves: int) -> sp.Matrix:
    """Graph metric of the star K_{1,leaves} (vertex 0 is the centre)."""
    if isinstance(leaves, (bool, np.bool_)) or not isinstance(leaves, (int, np.integer)) \
            or not 1 <= leaves <= 2000:
        raise InvalidInputError(f"leaves must be an integer in [1, 2000], got {leaves!r}")
    leaves = int(leaves)
    n = leaves + 1
    return sp.Matrix(n, n, lambda i, j: 0 if i == j else (1 if 0 in (i, j) else 2))


def euclidean_distortion_lower_bound(metric: Any) -> sp.Expr:
    """A lower bound on the distortion of any embedding of a finite metric into Euclidean space.

    For every 4 points the quadrilateral (short-diagonal) inequality
    ``|x1-x3|² + |x2-x4|² <= Σ_edges |x_i - x_{i+1}|²`` holds in Euclidean space, so a non-contracting
    embedding with distortion ``c`` has ``c² >= (d13² + d24²) / (d12² + d23² + d34² + d41²)``.  The
    bound is the maximum over 4-point cycles (exact: ``√2`` for the 4-cycle, which is attained).

    Parameters
    ----------
    metric : square matrix of distances (exact or float)

    Returns
    -------
    sympy number (>= 1)
        Exact: float distances are converted to the rationals they represent.

    Raises
    ------
    InvalidInputError
        Not a square matrix of finite positive numbers, not symmetric, violating the triangle
        inequality, or more than 60 points.

    Examples
    --------
    >>> from mathml.learning import euclidean_distortion_lower_bound, star_metric
    >>> euclidean_distortion_lower_bound(star_metric(3))      # no 4-cycle inequality bites on a star
    1
    """
    if isinstance(metric, (str, bytes)):
        raise InvalidInputError("metric must be a square matrix of distances, not a string")
    try:
        rows = metric.tolist() if hasattr(metric, "tolist") else [list(r) for r in metric]
    except TypeError:
        raise InvalidInputError(f"metric must be a square matrix of distances, got {metric!r}") from None
    n = len(rows)
    if n < 1 or any(len(r) != n for r in rows):
        raise InvalidInputError("metric must be a non-empty square matrix")
    if n > 60:
        raise InvalidInputError(f"metric has {n} points; the quadrilateral bound is limited to 60 points")
    entries = []
    for r in rows:
        for e in r:
            if isinstance(e, (bool, np.bool_, str, bytes)):
                raise InvalidInputError(f"distances must be numbers, got {e!r}")
            if isinstance(e, (float, np.floating)):
                if not np.isfinite(e):
                    raise InvalidInputError(f"distances must be finite, got {e!r}")
                e = sp.nsimplify(float(e), rational=True)
            elif isinstance(e, Fraction):
                e = sp.Rational(e.numerator, e.denominator)
            elif isinstance(e, (int, np.integer)):
                e = sp.Integer(int(e))
            elif not (isinstance(e, sp.Expr) and e.is_number and e.is_finite and e.is_real):
                raise InvalidInputError(f"distances must be finite real numbers, got {e!r}")
            entries.append(e)
    d = sp.Matrix(n, n, entries)
    for i in range(n):
        if d[i, i] != 0:
            raise InvalidInputError("a metric has zero diagonal")
        for j in range(n):
            if d[i, j] != d[j, i] or (i != j and not d[i, j] > 0):
                raise InvalidInputError("a metric is symmetric with positive off-diagonal entries")
    D = np.array(d.tolist(), dtype=float)
    if n >= 3 and np.any(D[:, None, :] > D[:, :, None] + D[None, :, :] + 1e-9 * D.max()):
        # [i, j, k]: d(i, k) > d(i, j) + d(j, k) for some j: not a metric
        raise InvalidInputError("the distances violate the triangle inequality: not a metric")
    if n < 4:
        return sp.Integer(1)
    # all 4-cycles a-b-c-e-a (three per 4-set) in float64, then the candidates near the top exactly
    from itertools import combinations

    quads = np.array(list(combinations(range(n), 4)))
    idx = np.vstack([quads[:, list(p)] for p in ((0, 1, 2, 3), (0, 1, 3, 2), (0, 2, 1, 3))])
    a, b, c, e = idx.T
    D2 = D**2
    ratio = (D2[a, c] + D2[b, e]) / (D2[a, b] + D2[b, c] + D2[c, e] + D2[e, a])
    top = ratio.max()
    best = sp.Integer(1)
    for k in np.flatnonzero(ratio >= top * (1 - 1e-9)):
        qa, qb, qc, qe = (int(v) for v in idx[k])
        den = d[qa, qb] ** 2 + d[qb, qc] ** 2 + d[qc, qe] ** 2 + d[qe, qa] ** 2
        val = (d[qa, qc] ** 2 + d[qb, qe] ** 2) / den
        if val > best:
            best = val
    return sp.sqrt(best)
