r"""The minimum rank across the middle over isometric identifications (Freedman's question).

For ``L`` on :math:`\mathbb{C}^{n_1}\otimes\mathbb{C}^{n_2}` and unitaries (isometric identifications)
``a, b``, ``b^{-1} L a`` ranges over *every* matrix with the singular values of ``L`` (SVD), so the
minimum Kronecker rank depends only on the multiset of singular values:

- it is 1 iff the multiset is ``{α_i β_j}`` for some ``α`` (n1 values) and ``β`` (n2 values), i.e. the
  log singular values form a sum set; for 2 ⊗ 2, sorted logs ``w <= x <= y <= z`` need ``w + z = x + y``;
- otherwise it is at least 2, and any arrangement of the singular values on the diagonal (permutation
  identifications) gives an upper bound: the rank of the ``n1 x n2`` grid of the arranged values;
- a local search over unitary identifications (alternating projections) lowers that bound when no
  arrangement is optimal (for 3 x 3 factors a generic Kronecker-rank-2 operator has a spectrum that no
  permutation arranges into a rank-2 grid).

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
    witness : ndarray or None
        When the local search set ``rank``: a matrix ``b^{-1} L a`` with the singular values of ``L`` and
        Kronecker rank ``rank`` (float64).
    """

    rank: int
    lower_bound: int
    certified: bool
    arrangement: np.ndarray
    method: str
    witness: np.ndarray | None = None

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
    if isinstance(rtol, (bool, np.bool_)) or not isinstance(rtol, (int, float, np.floating)) or not 0 < rtol < 1:
        raise InvalidInputError(f"rtol must be a number in (0, 1), got {rtol!r}")
    if isinstance(values, (str, bytes)):
        raise InvalidInputError("values must be an array of positive numbers, not a string")
    try:
        v = np.sort(np.asarray(values, dtype=float).ravel())
    except (TypeError, ValueError):
        raise InvalidInputError("values must be an array of positive real numbers") from None
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


def _product_with_zeros(s: np.ndarray, zero: np.ndarray, n1: int, n2: int) -> np.ndarray | None:
    """A rank-1 grid for singular values with ``z`` zeros: ``alpha`` with ``a`` zeros, ``beta`` with ``b`` zeros,
    ``z = a n2 + b n1 - a b``, and the nonzero values a product multiset of size ``(n1 - a)(n2 - b)``."""
    z = int(zero.sum())
    nonzero = s[~zero]
    for a in range(n1):
        for b in range(n2):
            if a * n2 + b * n1 - a * b != z:
                continue
            grid = is_product_multiset(nonzero, (n1 - a, n2 - b))
            if grid is not None:
                out = np.zeros((n1, n2))
                out[: n1 - a, : n2 - b] = grid
                return out
    return None


def _realign(M: np.ndarray, n1: int, n2: int) -> np.ndarray:
    return M.reshape(n1, n2, n1, n2).transpose(0, 2, 1, 3).reshape(n1 * n1, n2 * n2)


def _unrealign(R: np.ndarray, n1: int, n2: int) -> np.ndarray:
    return R.reshape(n1, n1, n2, n2).transpose(0, 2, 1, 3).reshape(n1 * n2, n1 * n2)


def _local_search(s: np.ndarray, n1: int, n2: int, k: int, rng, restarts: int, iters: int,
                  tol: float = 1e-10) -> tuple[float, np.ndarray | None]:
    """Alternating projections between {singular values = s} (i.e. ``U diag(s) V^*``, U, V unitary) and
    {Kronecker rank <= k} (truncated SVD of the realigned matrix), from seeded random unitaries.

    Returns the smallest relative gap ``||tail of the realigned spectrum|| / ||s||`` and the witness
    matrix when the gap is below ``tol``.
    """
    n = n1 * n2
    norm = float(np.linalg.norm(s))
    best = np.inf
    for _ in range(restarts):
        U = np.linalg.qr(rng.normal(size=(n, n)) + 1j * rng.normal(size=(n, n)))[0]
        V = np.linalg.qr(rng.normal(size=(n, n)) + 1j * rng.normal(size=(n, n)))[0]
        M = (U * s) @ V.conj().T
        for _ in range(iters):
            u, sv, vt = np.linalg.svd(_realign(M, n1, n2))
            gap = float(np.sqrt(np.sum(sv[k:] ** 2))) / norm
            best = min(best, gap)
            if gap < tol:
                return gap, M
            P = _unrealign((u[:, :k] * sv[:k]) @ vt[:k], n1, n2)
            U2, _, Vt2 = np.linalg.svd(P)
            M = (U2 * s) @ Vt2
    return best, None


def min_kronecker_rank_isometric(L: Any, dims: Any, *, max_permutations: int = 50000,
                                 seed: int = 0, restarts: int = 20, iters: int = 400) -> IsometricKroneckerRank:
    """Minimum Kronecker rank of ``b^{-1} L a`` over isometric (unitary) ``a, b``; square factors.

    Three stages: (1) the exact criterion for rank 1 (the singular values, zeros included, form a product
    multiset ``{alpha_i beta_j}``); (2) arrangements of the singular values on the diagonal (the rank of
    the ``n1 x n2`` grid is an upper bound); (3) a local search over unitary identifications for each
    smaller rank ``k``: alternating projections between the matrices with the singular values of ``L``
    (``U diag(s) V^*``) and those of Kronecker rank ``<= k``, from ``restarts`` seeded random unitaries.
    A rank found in stage (3) comes with a ``witness`` matrix (float64, relative gap below 1e-10).

    Parameters
    ----------
    L : square matrix of size ``n1 * n2`` (float or exact; singular values in float64)
    dims : (n1, n2)
    max_permutations : int
        Arrangements tried exhaustively up to this many (else seeded random arrangements).
    seed : int
    restarts, iters : int
        Local search: random starts per rank and iterations per start (``0`` restarts: no local search).

    Returns
    -------
    IsometricKroneckerRank

    Raises
    ------
    InvalidInputError
        Non-square ``L``, a size that is not ``n1 * n2``, non-numeric or non-finite entries, bad options.

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.kolmogorov import min_kronecker_rank_isometric
    >>> rng = np.random.default_rng(0)
    >>> A1, A2, B1, B2 = (rng.normal(size=(3, 3)) for _ in range(4))
    >>> L = np.kron(A1, B1) + np.kron(A2, B2)               # Kronecker rank 2, spectrum not a product
    >>> r = min_kronecker_rank_isometric(L, (3, 3))         # float64
    >>> r.rank, r.certified, r.witness is not None
    (2, True, True)
    """
    n1, n2 = _dims(dims, "dims")
    for name, v, low in (("max_permutations", max_permutations, 1), ("seed", seed, 0),
                         ("restarts", restarts, 0), ("iters", iters, 1)):
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, np.integer)) or v < low:
            raise InvalidInputError(f"{name} must be an integer >= {low}, got {v!r}")
    if n1 * n2 > 400:
        raise InvalidInputError(f"n1 * n2 = {n1 * n2} is too large (limit 400)")
    if isinstance(L, (str, bytes)):
        raise InvalidInputError("L must be a square matrix of numbers, not a string")
    try:
        a = np.asarray(np.array(L).tolist(), dtype=complex)
    except (TypeError, ValueError):
        raise InvalidInputError("L must be a square matrix of numbers (no strings or free symbols)") from None
    if a.ndim != 2 or a.shape != (n1 * n2, n1 * n2):
        raise InvalidInputError(f"L must be a square matrix of size n1*n2 = {n1 * n2}, got shape {a.shape}")
    if not np.all(np.isfinite(a)):
        raise InvalidInputError("L must have finite entries")
    s = np.linalg.svd(a, compute_uv=False)
    scale = s.max() if s.size and s.max() > 0 else 1.0
    zero = s <= 1e-12 * scale
    if zero.all():
        return IsometricKroneckerRank(0, 0, True, np.zeros((n1, n2)), "L = 0")
    grid = is_product_multiset(s, (n1, n2)) if not zero.any() else _product_with_zeros(s, zero, n1, n2)
    if grid is not None:
        return IsometricKroneckerRank(1, 1, True, grid, "product multiset of singular values (float64)")
    s = np.where(zero, 0.0, s)
    best_rank, best_grid = n1 * n2, None
    rng = np.random.default_rng(int(seed))
    n = n1 * n2
    total = 1
    for k in range(2, n + 1):
        total *= k
        if total > max_permutations:
            break
    exhaustive = total <= max_permutations
    orders = permutations(range(n)) if exhaustive else (
        tuple(rng.permutation(n)) for _ in range(max_permutations))
    for order in orders:
        grid = s[list(order)].reshape(n1, n2)
        r = numerical_rank(grid)
        if r < best_rank:
            best_rank, best_grid = r, grid
            if r <= 2:
                break
    method = ("arrangements of the singular values, exhaustive" if exhaustive
              else f"{max_permutations} seeded random arrangements")
    witness = None
    if restarts and best_rank > 2 and n <= 64:
        for k in range(2, best_rank):
            gap, M = _local_search(s, n1, n2, k, rng, int(restarts), int(iters))
            if M is not None:
                best_rank, witness = k, M
                method += f"; local search over unitaries reached rank {k} (relative gap {gap:.1e}, float64)"
                break
        else:
            method += f"; local search over unitaries ({restarts} starts per rank) found nothing smaller"
    return IsometricKroneckerRank(best_rank, 2, best_rank == 2, best_grid, method, witness)
