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

from itertools import permutations
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
    if isinstance(n_samples, bool) or not isinstance(n_samples, (int, np.integer)) or n_samples < 1:
        raise InvalidInputError(f"n_samples must be a positive int, got {n_samples!r}")
    with mpmath.workdps(50):
        e = mpmath.mpf(sp.Rational(str(eps)) if isinstance(eps, float) else sp.Rational(eps)) \
            if not isinstance(eps, sp.Basic) else mpmath.mpf(sp.N(eps, 60))
        if not (0 < e < 1):
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
    x = np.asarray(points, dtype=float)
    if x.ndim != 2 or len(x) < 2 or not np.all(np.isfinite(x)):
        raise InvalidInputError("points must be a finite 2-d array with at least 2 rows")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise InvalidInputError(f"k must be a positive int, got {k!r}")
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
    if isinstance(n, bool) or not isinstance(n, int) or n < 3:
        raise InvalidInputError(f"a cycle needs n >= 3 vertices, got {n!r}")
    return sp.Matrix(n, n, lambda i, j: min(abs(i - j), n - abs(i - j)))


def star_metric(leaves: int) -> sp.Matrix:
    """Graph metric of the star K_{1,leaves} (vertex 0 is the centre)."""
    if isinstance(leaves, bool) or not isinstance(leaves, int) or leaves < 1:
        raise InvalidInputError(f"leaves must be a positive int, got {leaves!r}")
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
    """
    d = sp.Matrix(metric)
    n = d.rows
    if d.rows != d.cols or n < 1:
        raise InvalidInputError(f"metric must be a square matrix, got shape {d.shape}")
    d = d.applyfunc(lambda e: sp.nsimplify(e) if isinstance(e, sp.Float) else e)
    for i in range(n):
        if d[i, i] != 0:
            raise InvalidInputError("a metric has zero diagonal")
        for j in range(n):
            if not d[i, j].is_number or d[i, j] != d[j, i] or (i != j and not d[i, j] > 0):
                raise InvalidInputError("a metric is symmetric with positive off-diagonal entries")
    best = sp.Integer(1)
    for a, b, c, e in permutations(range(n), 4):
        if a != min(a, b, c, e) or b > e:
            continue
        num = d[a, c] ** 2 + d[b, e] ** 2
        den = d[a, b] ** 2 + d[b, c] ** 2 + d[c, e] ** 2 + d[e, a] ** 2
        if num / den > best:
            best = num / den
    return sp.sqrt(best)
