r"""The minimum rank across the middle over isometric identifications (Freedman's question).

For ``L`` on :math:`\mathbb{C}^{n_1}\otimes\mathbb{C}^{n_2}` and unitaries (isometric identifications)
``a, b``, ``b^{-1} L a`` ranges over *every* matrix with the singular values of ``L`` (SVD), so the
minimum Kronecker rank depends only on the multiset of singular values:

- it is 1 iff the multiset is ``{α_i β_j}`` for some ``α`` (n1 values) and ``β`` (n2 values), i.e. the
  log singular values form a sum set; for 2 ⊗ 2, sorted logs ``w <= x <= y <= z`` need ``w + z = x + y``;
- otherwise it is at least 2, and any arrangement of the singular values on the diagonal (permutation
  identifications) gives an upper bound: the rank of the ``n1 x n2`` grid of the arranged values.

Freedman's slide says log singular values ``{1, 1, -1, -1}`` are incompatible with tensor rank 1; they
are the singular values of ``I_2 ⊗ diag(e, 1/e)``, so the claim is false as a statement about the
multiset (what fails is a *fixed* pairing, e.g. the non-additive array ``[[1, -1], [-1, 1]]``).

Examples
--------
>>> import numpy as np
>>> from mathml.kolmogorov import min_kronecker_rank_isometric
>>> r = min_kronecker_rank_isometric(np.diag(np.exp([1.0, -1.0, -1.0, 1.0])), (2, 2))   # float64
>>> r.rank, r.certified
(1, True)
>>> min_kronecker_rank_isometric(np.diag([1.0, 2.0, 3.0, 5.0]), (2, 2)).rank     # 1 + 5 != 2 + 3 in logs
2
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import permutations
from typing import Any

import numpy as np

from ..core.errors import InvalidInputError
from ..core.kronecker import _dims
from ..core.rank import numerical_rank

__all__ = ["IsometricKroneckerRank", "min_kronecker_rank_isometric", "is_product_multiset"]


@dataclass(frozen=True)
class IsometricKroneckerRank:
    """Result of `min_kronecker_rank_isometric`.

    Attributes
    ----------
    rank : int
        The smallest Kronecker rank found (an upper bound on the minimum).
    lower_bound : int
        1 if the singular values form a product multiset, else 2.
    certified : bool
        ``rank == lower_bound``: the minimum is known.
    arrangement : ndarray (n1, n2)
        The singular values arranged as the grid whose rank is ``rank``.
    method : str
    """

    rank: int
    lower_bound: int
    certified: bool
    arrangement: np.ndarray
    method: str

    def _repr_latex_(self) -> str:
        rel = "=" if self.certified else r"\le"
        return r"$\min_{a,b\ \mathrm{isometric}} \operatorname{rank}_{\otimes}(b^{-1}La) " + rel + f" {self.rank}$"

    def __repr__(self) -> str:
        return f"IsometricKroneckerRank(rank={self.rank}, certified={self.certified})"


def is_product_multiset(values: Any, dims: Any, *, rtol: float = 1e-9) -> np.ndarray | None:
    """If ``values`` (positive) equal ``{α_i β_j}`` as multisets, return the grid ``α β^T``; else None.

    Backtracking on logarithms: the smallest unexplained value is ``α_new β_1`` or ``α_1 β_new``.
    Comparison uses ``rtol`` on the values (float input).

    Examples
    --------
    >>> from mathml.kolmogorov import is_product_multiset
    >>> is_product_multiset([2.0, 3.0, 4.0, 6.0], (2, 2))
    array([[2., 3.],
           [4., 6.]])
    >>> is_product_multiset([1.0, 2.0, 3.0, 5.0], (2, 2)) is None
    True
    """
    n1, n2 = _dims(dims, "dims")
    v = np.sort(np.asarray(values, dtype=float).ravel())
    if v.size != n1 * n2:
        raise InvalidInputError(f"need {n1 * n2} values for dims {dims}, got {v.size}")
    if np.any(~np.isfinite(v)) or np.any(v <= 0):
        raise InvalidInputError("is_product_multiset needs positive finite values")
    logs = np.log(v)
    tol = np.log1p(rtol) * 4

    def remove(pool: list[float], items: list[float]) -> list[float] | None:
        pool = list(pool)
        for it in items:
            k = next((i for i, p in enumerate(pool) if abs(p - it) <= tol), None)
            if k is None:
                return None
            pool.pop(k)
        return pool

    def search(alpha: list[float], beta: list[float], pool: list[float]) -> tuple | None:
        if len(alpha) == n1 and len(beta) == n2:
            return (alpha, beta) if not pool else None
        if not pool:
            return None
        smallest = pool[0]
        if len(alpha) < n1:
            a_new = smallest - beta[0]
            rest = remove(pool, [a_new + b for b in beta])
            if rest is not None:
                found = search(alpha + [a_new], beta, rest)
                if found:
                    return found
        if len(beta) < n2:
            b_new = smallest - alpha[0]
            rest = remove(pool, [a + b_new for a in alpha])
            if rest is not None:
                found = search(alpha, beta + [b_new], rest)
                if found:
                    return found
        return None

    start = list(logs[1:])
    found = search([0.0], [float(logs[0])], start)
    if found is None:
        return None
    alpha, beta = found
    return np.exp(np.add.outer(np.asarray(alpha), np.asarray(beta)))


def min_kronecker_rank_isometric(L: Any, dims: Any, *, max_permutations: int = 50000,
                                 seed: int = 0) -> IsometricKroneckerRank:
    """Minimum Kronecker rank of ``b^{-1} L a`` over isometric (unitary) ``a, b``; square factors.

    Parameters
    ----------
    L : square matrix of size ``n1 * n2`` (float or exact; singular values in float64)
    dims : (n1, n2)
    max_permutations : int
        Arrangements tried exhaustively up to this many (else seeded random arrangements).
    seed : int

    Returns
    -------
    IsometricKroneckerRank

    Raises
    ------
    InvalidInputError
        Non-square ``L`` or a size that is not ``n1 * n2``.
    """
    n1, n2 = _dims(dims, "dims")
    a = np.asarray(np.array(L).tolist(), dtype=complex)
    if a.ndim != 2 or a.shape != (n1 * n2, n1 * n2):
        raise InvalidInputError(f"L must be a square matrix of size n1*n2 = {n1 * n2}, got shape {a.shape}")
    if not np.all(np.isfinite(a)):
        raise InvalidInputError("L must have finite entries")
    s = np.linalg.svd(a, compute_uv=False)
    scale = s.max() if s.size and s.max() > 0 else 1.0
    zero = s <= 1e-12 * scale
    if not zero.any():
        grid = is_product_multiset(s, (n1, n2))
        if grid is not None:
            return IsometricKroneckerRank(1, 1, True, grid, "product multiset of singular values (float64)")
    elif zero.all():
        return IsometricKroneckerRank(0, 0, True, np.zeros((n1, n2)), "L = 0")
    best_rank, best_grid = n1 * n2, None
    rng = np.random.default_rng(seed)
    n = n1 * n2
    total = 1
    for k in range(2, n + 1):
        total *= k
    orders = permutations(range(n)) if total <= max_permutations else (
        tuple(rng.permutation(n)) for _ in range(max_permutations))
    for order in orders:
        grid = s[list(order)].reshape(n1, n2)
        r = numerical_rank(grid)
        if r < best_rank:
            best_rank, best_grid = r, grid
            if r <= 2:
                break
    lower = 1 if (not zero.any() and is_product_multiset(s, (n1, n2)) is not None) else (
        1 if best_rank == 1 else 2)
    method = ("arrangements of the singular values, exhaustive" if total <= max_permutations
              else f"{max_permutations} seeded random arrangements")
    return IsometricKroneckerRank(best_rank, lower, best_rank == lower, best_grid, method)
