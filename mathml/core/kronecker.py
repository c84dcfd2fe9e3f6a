r"""The rank across the middle (operator-Schmidt / Kronecker rank), one definition for every family.

Convention (the one `mathml.kolmogorov.kronecker_rank` and `mathml.orbits.kronecker_rank` share):
a matrix ``L`` of shape ``(b1*b2, a1*a2)`` is an operator
:math:`\mathbb{C}^{a_1}\otimes\mathbb{C}^{a_2}\to\mathbb{C}^{b_1}\otimes\mathbb{C}^{b_2}`;

- ``in_dims = (a1, a2)``: the *column* counts of the two tensor factors,
- ``out_dims = (b1, b2)``: the *row* counts of the two tensor factors,

so :math:`L = \sum_k X_k\otimes Y_k` with :math:`X_k` of shape ``(b1, a1)`` and :math:`Y_k` of
shape ``(b2, a2)`` (for square factors, ``in_dims == out_dims == (n1, n2)``).  The realignment
(Van Loan & Pitsianis 1993) is the ``(b1*a1, b2*a2)`` matrix :math:`R(L)` with
:math:`R(X\otimes Y) = \operatorname{vec}X\,\operatorname{vec}Y^T` (row-major vec); the Kronecker
rank of ``L`` is the rank of :math:`R(L)`.

Exact input (sympy matrices of exact numbers, integer numpy arrays, python-flint matrices) gets
the exact rank (`mathml.core.rank.exact_rank`); floating-point input gets the numerical rank with
the one tolerance policy of `mathml.core.rank.numerical_rank`.

Examples
--------
>>> import numpy as np
>>> from mathml.core.kronecker import kronecker_rank
>>> CNOT = np.array([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]])
>>> kronecker_rank(CNOT, (2, 2), (2, 2))          # exact: integer entries
2
>>> X, Y = np.ones((3, 2)), np.arange(8.0).reshape(2, 4)   # X: 2 -> 3, Y: 4 -> 2
>>> kronecker_rank(np.kron(X, Y), (2, 4), (3, 2))
1
"""
from __future__ import annotations

from typing import Any

import numpy as np
import sympy as sp

from .errors import InvalidInputError, ShapeMismatchError
from .rank import exact_rank, numerical_rank

__all__ = ["kronecker_rank", "realign"]


def _dims(dims: Any, name: str) -> tuple[int, int]:
    try:
        d1, d2 = dims
    except (TypeError, ValueError):
        raise InvalidInputError(f"{name} must be a pair of positive integers (d', d''), got "
                                f"{dims!r}") from None
    for d in (d1, d2):
        if isinstance(d, bool) or not isinstance(d, (int, np.integer)) or d < 1:
            raise InvalidInputError(f"{name} must be a pair of positive integers, got {dims!r}")
    return int(d1), int(d2)


def _is_exact(L: Any) -> bool:
    if (type(L).__module__ or "").startswith("flint") and type(L).__name__ in ("fmpz_mat", "fmpq_mat"):
        return True
    if isinstance(L, sp.MatrixBase):
        return not any(e.has(sp.Float) for e in L)
    return isinstance(L, np.ndarray) and L.dtype.kind in "iu"


def _as_array(L: Any) -> np.ndarray:
    if isinstance(L, sp.MatrixBase):
        if L.free_symbols:
            raise InvalidInputError(f"the matrix has free symbols {sorted(map(str, L.free_symbols))}; "
                                    "substitute numbers first")
        try:
            return np.array(L.evalf(), dtype=complex if L.has(sp.I) else float)
        except (TypeError, ValueError):
            raise InvalidInputError("a sympy matrix must have numeric entries here") from None
    if isinstance(L, (str, bytes)):
        raise InvalidInputError("expected a matrix, got a string")
    arr = np.asarray(L)
    if arr.ndim != 2 or not (np.issubdtype(arr.dtype, np.number)):
        raise InvalidInputError(f"expected a 2-D numeric matrix, got shape {arr.shape} and dtype {arr.dtype}")
    if not np.all(np.isfinite(arr)):
        raise InvalidInputError("the matrix has NaN or infinite entries")
    return arr


def realign(L: Any, in_dims: Any, out_dims: Any) -> Any:
    r"""The realignment :math:`R(L)`, with
    :math:`R(X\otimes Y) = \operatorname{vec}(X)\operatorname{vec}(Y)^T`.

    Parameters
    ----------
    L : matrix of shape ``(b1*b2, a1*a2)``
        numpy array (any numeric dtype) or sympy Matrix (realigned exactly).
    in_dims : (int, int)
        ``(a1, a2)``, the column counts of the two factors.
    out_dims : (int, int)
        ``(b1, b2)``, the row counts of the two factors.

    Returns
    -------
    numpy.ndarray or sympy.Matrix
        Shape ``(b1*a1, b2*a2)``; a sympy Matrix for sympy input.

    Raises
    ------
    InvalidInputError, ShapeMismatchError
        Bad dimensions, or ``L`` not of shape ``(b1*b2, a1*a2)``.

    Examples
    --------
    >>> import numpy as np
    >>> X, Y = np.array([[1., 2.], [3., 4.]]), np.array([[0., 1.], [1., 0.]])
    >>> R = realign(np.kron(X, Y), (2, 2), (2, 2))
    >>> bool(np.allclose(R, np.outer(X.ravel(), Y.ravel())))
    True
    """
    a1, a2 = _dims(in_dims, "in_dims")
    b1, b2 = _dims(out_dims, "out_dims")
    shape = (b1 * b2, a1 * a2)
    if (type(L).__module__ or "").startswith("flint") and type(L).__name__ in ("fmpz_mat", "fmpq_mat"):
        from .rank import to_exact_matrix

        L = to_exact_matrix(L)
    if isinstance(L, sp.MatrixBase):
        if L.shape != shape:
            raise ShapeMismatchError(f"L has shape {L.shape}, expected (b1*b2, a1*a2) = {shape} for "
                                     f"in_dims={in_dims}, out_dims={out_dims}")
        return sp.Matrix(b1 * a1, b2 * a2,
                         lambda r, c: L[(r // a1) * b2 + c // a2, (r % a1) * a2 + c % a2])
    arr = _as_array(L)
    if arr.shape != shape:
        raise ShapeMismatchError(f"L has shape {arr.shape}, expected (b1*b2, a1*a2) = {shape} for "
                                 f"in_dims={in_dims}, out_dims={out_dims}")
    return arr.reshape(b1, b2, a1, a2).transpose(0, 2, 1, 3).reshape(b1 * a1, b2 * a2)


def kronecker_rank(L: Any, in_dims: Any, out_dims: Any, *, rtol: float | None = None) -> int:
    r"""The rank across the middle: least r with :math:`L = \sum_{k=1}^r X_k\otimes Y_k`.

    Parameters
    ----------
    L : matrix of shape ``(b1*b2, a1*a2)``
        Exact input (sympy exact matrix, integer numpy array, python-flint matrix) gets the exact
        rank; float input the numerical rank.
    in_dims : (int, int)
        ``(a1, a2)``: column counts of the factors (``X_k`` has ``a1`` columns, ``Y_k`` has ``a2``).
    out_dims : (int, int)
        ``(b1, b2)``: row counts of the factors.
    rtol : float, optional
        Relative singular-value tolerance for float input (default: the policy of
        `mathml.core.rank.numerical_rank`, ``max(shape) * eps``).  Ignored for exact input.

    Returns
    -------
    int

    Raises
    ------
    InvalidInputError, ShapeMismatchError
        Bad dimensions, shapes, entries or ``rtol``.

    Examples
    --------
    >>> import sympy as sp
    >>> kronecker_rank(sp.Matrix([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]]), (2, 2), (2, 2))
    2
    >>> kronecker_rank(sp.eye(6), (2, 3), (2, 3))
    1
    """
    bad_rtol = isinstance(rtol, bool) or not isinstance(rtol, (int, float)) or not 0 < rtol < 1
    if rtol is not None and bad_rtol:
        raise InvalidInputError(f"rtol must be a number in (0, 1), got {rtol!r}")
    R = realign(L, in_dims, out_dims)
    if _is_exact(L):
        return exact_rank(R)
    return numerical_rank(np.asarray(R), rtol)
