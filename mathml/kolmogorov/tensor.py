r"""Rank across the middle (operator-Schmidt / Kronecker rank) and additive arrays.

For :math:`L \in \operatorname{Hom}(A'\otimes A'', B'\otimes B'')`, a matrix of shape
``(dB1*dB2, dA1*dA2)``, the realignment (Van Loan & Pitsianis 1993) is the
``(dB1*dA1, dB2*dA2)`` matrix :math:`R(L)` with :math:`R(X\otimes Y) = \operatorname{vec}X\,
\operatorname{vec}Y^T`; the Kronecker rank of L is the rank of R(L), and the SVD of R(L) gives
the best single Kronecker product with Frobenius error equal to the singular-value tail.

`realign` and `kronecker_rank` are the one definition of `mathml.core.kronecker` (re-exported
here; `mathml.orbits.kronecker_rank` is the same function): ``L`` of shape ``(b1*b2, a1*a2)``,
``in_dims = (a1, a2)`` the column counts and ``out_dims = (b1, b2)`` the row counts of the two
factors.  Exact input gets the exact rank, floats the numerical rank of `mathml.core.rank`.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp

from ..core.errors import InvalidInputError
from ..core.kronecker import _as_array as _core_as_array
from ..core.kronecker import _dims, kronecker_rank, realign
from ..core.latex import latex as _latex

__all__ = [
    "realign",
    "kronecker_rank",
    "KroneckerApproximation",
    "nearest_kronecker",
    "AdditiveDecomposition",
    "additive_decomposition",
]


def _as_array(L) -> np.ndarray:
    return _core_as_array(L)


@dataclass(frozen=True)
class KroneckerApproximation:
    r"""Best :math:`X\otimes Y` in Frobenius norm, with ``error`` =
    :math:`\sqrt{\sum_{k\ge2}\sigma_k^2}` and all singular values of R(L).

    Parameters
    ----------
    X : numpy.ndarray
        First factor (b1 x a1).
    Y : numpy.ndarray
        Second factor (b2 x a2).
    error : float
        Frobenius error ||L - X (x) Y||_F.
    singular_values : numpy.ndarray
        All singular values of R(L).
    """

    X: np.ndarray
    Y: np.ndarray
    error: float
    singular_values: np.ndarray

    @property
    def matrix(self) -> np.ndarray:
        return np.kron(self.X, self.Y)

    def _repr_latex_(self) -> str:
        sv = ", ".join(f"{s:.4g}" for s in self.singular_values[:6])
        more = r", \dots" if len(self.singular_values) > 6 else ""
        return (rf"$L \approx X\otimes Y,\ \|L - X\otimes Y\|_F = {self.error:.4g},"
                rf"\ \sigma = ({sv}{more})$")


def nearest_kronecker(L, in_dims, out_dims) -> KroneckerApproximation:
    r"""Nearest Kronecker product :math:`X\otimes Y` (X: dA1 -> dB1, Y: dA2 -> dB2).

    Parameters
    ----------
    L : object
        Matrix of shape (b1*b2, a1*a2).
    in_dims : object
        (a1, a2): column counts of the two tensor factors.
    out_dims : object
        (b1, b2): row counts of the two tensor factors.

    Returns
    -------
    KroneckerApproximation
        Nearest Kronecker product :math:`X\otimes Y` (X: dA1 -> dB1, Y: dA2 -> dB2).

    Examples
    --------
    >>> L = np.kron(np.eye(2), np.diag([1., 2.])) + 0.1 * np.kron(np.diag([1., -1.]), np.eye(2))
    >>> approx = nearest_kronecker(L, (2, 2), (2, 2))
    >>> bool(np.isclose(np.linalg.norm(L - approx.matrix), approx.error))
    True
    """
    a1, a2 = _dims(in_dims, "in_dims")
    b1, b2 = _dims(out_dims, "out_dims")
    R = realign(_as_array(L), (a1, a2), (b1, b2))
    U, s, Vh = np.linalg.svd(R, full_matrices=False)
    root = np.sqrt(s[0])
    X = (root * U[:, 0]).reshape(b1, a1)
    Y = (root * Vh[0, :]).reshape(b2, a2)
    return KroneckerApproximation(X, Y, float(np.sqrt(np.sum(s[1:] ** 2))), s)


@dataclass(frozen=True)
class AdditiveDecomposition:
    r"""Least-squares :math:`A_{ij} \approx a_i + b_j` (double centring).

    ``a`` are the row means, ``b`` the column means minus the grand mean; ``residual`` is
    :math:`H_n A H_m`, ``residual_norm`` its Frobenius norm, ``dof`` = (n-1)(m-1).
    Exact (sympy) when the input is a sympy Matrix.

    Parameters
    ----------
    a : sequence
        Row means a_i.
    b : sequence
        Column means minus the grand mean, b_j.
    residual : matrix
        The interaction H_n A H_m.
    residual_norm : float or sympy.Expr
        Its Frobenius norm (exact for sympy input).
    dof : int
        Degrees of freedom (n - 1)(m - 1).
    """

    a: object
    b: object
    residual: object
    residual_norm: object
    dof: int

    @property
    def fitted(self):
        if isinstance(self.residual, sp.MatrixBase):
            return sp.Matrix(len(self.a), len(self.b), lambda i, j: self.a[i] + self.b[j])
        return np.add.outer(self.a, self.b)

    def is_additive(self, atol: float = 1e-10) -> bool:
        """True when the residual vanishes (exactly for sympy input)."""
        if isinstance(self.residual, sp.MatrixBase):
            return all(sp.simplify(e) == 0 for e in self.residual)
        return bool(self.residual_norm <= atol)

    def _repr_latex_(self) -> str:
        rn = (_latex(self.residual_norm) if isinstance(self.residual_norm, sp.Basic)
              else f"{self.residual_norm:.4g}")
        return rf"$A_{{ij}} \approx a_i + b_j,\ \|H A H\|_F = {rn}\ ({self.dof}\ \text{{dof}})$"


def additive_decomposition(A) -> AdditiveDecomposition:
    r"""Least-squares additive fit :math:`a_i + b_j` of a matrix, with the residual
    :math:`H_n A H_m` (two-way ANOVA interaction).  :math:`A` is additive iff the residual is
    zero iff :math:`\exp\circ A` has rank 1.

    Parameters
    ----------
    A : object
        A matrix (numpy or sympy).

    Returns
    -------
    AdditiveDecomposition
        Least-squares additive fit :math:`a_i + b_j` of a matrix, with the residual :math:`H_n A H_m`
        (two-way ANOVA interaction).

    Examples
    --------
    >>> dec = additive_decomposition(sp.Matrix([[1, -1], [-1, 1]]))
    >>> dec.residual_norm, dec.is_additive()
    (2, False)
    >>> additive_decomposition(np.add.outer([0., 1., 3.], [2., 5.])).is_additive()
    True
    """
    if isinstance(A, sp.MatrixBase):
        n, m = A.shape
        if n == 0 or m == 0:
            raise InvalidInputError("A must be a non-empty matrix")
        rows = [sum(A.row(i)) / m for i in range(n)]
        cols = [sum(A.col(j)) / n for j in range(m)]
        grand = sum(A) / (n * m)
        res = sp.Matrix(n, m, lambda i, j: sp.expand(A[i, j] - rows[i] - cols[j] + grand))
        norm = sp.sqrt(sum(sp.expand(e * sp.conjugate(e)) for e in res))
        return AdditiveDecomposition(tuple(rows), tuple(sp.expand(c - grand) for c in cols), res,
                                     sp.simplify(norm), (n - 1) * (m - 1))
    arr = _as_array(A)
    if arr.size == 0:
        raise InvalidInputError("A must be a non-empty matrix")
    rows = arr.mean(axis=1)
    cols = arr.mean(axis=0)
    grand = arr.mean()
    res = arr - rows[:, None] - cols[None, :] + grand
    n, m = arr.shape
    return AdditiveDecomposition(rows, cols - grand, res, float(np.linalg.norm(res)), (n - 1) * (m - 1))
