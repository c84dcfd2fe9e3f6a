r"""One notion of matrix rank: exact for exact input, one tolerance policy for floats.

Two functions, two kinds of answer:

- `exact_rank`: the rank of a matrix of exact numbers (integers, rationals,
  `fractions.Fraction`, sympy Rationals, python-flint ``fmpz``/``fmpq`` and their
  matrices, and algebraic numbers such as ``sqrt(2)``).  Rational matrices go
  through python-flint ``fmpq_mat.rank()`` (fraction-free elimination over
  :math:`\mathbb{Q}`); algebraic entries through sympy's ``DomainMatrix`` over
  the number field they generate.  The answer is a theorem about the matrix and
  may be reported ``proved``.  Floats, free symbols and transcendental entries
  (``sin(1)``, where zero testing is undecidable in general) are refused.
- `numerical_rank`: the rank of a floating-point matrix, with ONE tolerance
  policy used across mathml: a singular value counts when

  .. math:: \sigma_i > \mathrm{rtol}\cdot\sigma_{\max},\qquad
            \mathrm{rtol} = \max(m, n)\,\varepsilon_{\text{float64}} \text{ by default},

  which is numpy's ``matrix_rank`` default.  A caller whose matrix carries larger
  errors than rounding (finite differences, an iterative solver) states its own
  ``rtol``; the comparison stays relative to :math:`\sigma_{\max}`.  A numerical
  rank is evidence, never a proof: a verdict built on it is at most ``consistent``.

`rank_gap` returns the singular values around the cut, so callers can report how
clear a numerical rank was.

Examples
--------
>>> import numpy as np
>>> import sympy as sp
>>> from mathml.core.rank import exact_rank, numerical_rank
>>> exact_rank(sp.Matrix([[1, 2], [2, 4]]))
1
>>> exact_rank([[1, sp.sqrt(2)], [sp.sqrt(2), 2]])
1
>>> numerical_rank(np.array([[1.0, 2.0], [2.0, 4.0 + 1e-20]]))
1
>>> numerical_rank(np.array([[1.0, 0.0], [0.0, 1e-9]]), rtol=1e-6)
1
"""
from __future__ import annotations

from fractions import Fraction
from numbers import Integral
from typing import Any

import numpy as np
import sympy as sp

from .errors import InvalidInputError, ShapeMismatchError

__all__ = ["default_rtol", "exact_rank", "numerical_rank", "rank_gap", "to_exact_matrix"]


def default_rtol(shape: tuple[int, int]) -> float:
    """The default relative rank tolerance ``max(shape) * eps(float64)`` (numpy's policy).

    Parameters
    ----------
    shape : tuple of int
        The matrix shape ``(m, n)``.

    Returns
    -------
    float

    Examples
    --------
    >>> default_rtol((10, 3)) == 10 * 2.0**-52
    True
    """
    return float(max(shape) * np.finfo(np.float64).eps)


def to_exact_matrix(M: Any) -> sp.Matrix:
    """Convert exact matrix-like input to a sympy Matrix of exact numbers.

    Parameters
    ----------
    M : matrix-like
        sympy Matrix, python-flint ``fmpz_mat``/``fmpq_mat``, numpy integer or object
        array, or a nested list (2-d) of int / Fraction / sympy exact numbers.

    Returns
    -------
    sympy.Matrix

    Raises
    ------
    InvalidInputError
        For floating-point entries, free symbols, strings, or a non-2-d shape.

    Examples
    --------
    >>> from fractions import Fraction
    >>> to_exact_matrix([[1, Fraction(1, 2)]])
    Matrix([[1, 1/2]])
    """
    name = type(M).__name__
    if (type(M).__module__ or "").startswith("flint") and name in ("fmpz_mat", "fmpq_mat"):
        return sp.Matrix(M.nrows(), M.ncols(), [_entry(M[i, j]) for i in range(M.nrows())
                                                 for j in range(M.ncols())])
    if isinstance(M, np.ndarray):
        if M.dtype.kind not in "iuO":
            raise InvalidInputError(
                f"exact_rank got a numpy array of dtype {M.dtype}: floating-point matrices have a numerical "
                "rank only; use numerical_rank (or pass integers, Fractions or sympy Rationals)")
        if M.ndim != 2:
            raise ShapeMismatchError(f"exact_rank needs a 2-d matrix, got shape {M.shape}")
        rows = M.tolist()
    elif isinstance(M, sp.MatrixBase):
        rows = sp.Matrix(M).tolist()
        if not rows:
            return sp.zeros(*M.shape)
    elif isinstance(M, (list, tuple)):
        rows = [list(r) if isinstance(r, (list, tuple)) else r for r in M]
        if any(not isinstance(r, list) for r in rows):
            raise ShapeMismatchError("exact_rank needs a 2-d matrix (a list of rows)")
        if len({len(r) for r in rows}) > 1:
            raise ShapeMismatchError(f"rows of different lengths: {[len(r) for r in rows]}")
    else:
        raise InvalidInputError(
            f"exact_rank cannot read a {name}: pass a sympy Matrix, a python-flint fmpz_mat/fmpq_mat, "
            "a numpy integer array or a list of rows of exact numbers")
    if not rows:
        return sp.zeros(0, 0)
    return sp.Matrix([[_entry(v) for v in r] for r in rows])


def exact_rank(M: Any) -> int:
    """The exact rank of a matrix of rational or algebraic numbers.

    Parameters
    ----------
    M : matrix-like
        See `to_exact_matrix` for the accepted types.

    Returns
    -------
    int
        The rank, computed in exact arithmetic: python-flint ``fmpq_mat.rank()`` for
        rational matrices, sympy ``DomainMatrix.rank()`` over the algebraic number
        field generated by the entries otherwise.

    Raises
    ------
    InvalidInputError
        For floats (use `numerical_rank`), free symbols, or transcendental entries
        whose zero test is not decidable (``sin(1)``, ``exp(1)``).

    Examples
    --------
    >>> import sympy as sp
    >>> from flint import fmpq_mat
    >>> exact_rank(fmpq_mat(2, 3, [1, 2, 3, 2, 4, 6]))
    1
    >>> exact_rank(sp.Matrix([[1, sp.Rational(1, 3)], [3, 1]]))
    1
    >>> exact_rank(sp.eye(4))
    4
    >>> exact_rank([[0.5, 1.0]])   # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    mathml.core.errors.InvalidInputError: exact_rank got the floating-point entry 0.5: ...
    """
    from flint import fmpq, fmpq_mat

    if (type(M).__module__ or "").startswith("flint") and type(M).__name__ in ("fmpz_mat", "fmpq_mat"):
        return int(fmpq_mat(M).rank())
    S = to_exact_matrix(M)
    m, n = S.shape
    if m == 0 or n == 0:
        return 0
    if all(v.is_Rational for v in S):
        F = fmpq_mat(m, n, [fmpq(int(v.p), int(v.q)) for v in S])
        return int(F.rank())
    from sympy.polys.matrices import DomainMatrix

    dm = DomainMatrix.from_list_sympy(m, n, S.tolist(), extension=True)
    dom = dm.domain
    if not (dom.is_QQ or dom.is_ZZ or dom.is_AlgebraicField):
        raise InvalidInputError(
            f"exact_rank needs rational or algebraic entries; these generate the domain {dom}, where zero "
            "testing is not decidable (e.g. sin(1)**2 + cos(1)**2 - 1); use numerical_rank at high precision")
    return int(dm.to_field().rank())


def numerical_rank(M: Any, rtol: float | None = None) -> int:
    r"""The numerical rank: singular values :math:`\sigma_i > \mathrm{rtol}\,\sigma_{\max}`.

    Parameters
    ----------
    M : array_like
        A 2-d real or complex matrix (numpy array, nested list, sympy Matrix of numbers).
    rtol : float, optional
        Relative tolerance in (0, 1).  Default `default_rtol` (``max(m, n) * eps``),
        numpy's policy; state a larger value when the entries carry larger errors.

    Returns
    -------
    int
        0 for an empty or zero matrix.

    Raises
    ------
    InvalidInputError
        For NaN/inf entries, symbolic entries, or an ``rtol`` outside (0, 1).
    ShapeMismatchError
        For input that is not 2-d.

    Examples
    --------
    >>> import numpy as np
    >>> numerical_rank(np.outer([1.0, 2.0, 3.0], [1.0, -1.0]))
    1
    >>> numerical_rank(np.zeros((3, 2)))
    0
    """
    s, tol = _singular_values(M, rtol)
    if s.size == 0 or s[0] == 0:
        return 0
    return int(np.sum(s > tol * s[0]))


def rank_gap(M: Any, rtol: float | None = None) -> tuple[int, float, float]:
    r"""The numerical rank with the singular values on either side of the cut.

    Parameters
    ----------
    M : array_like
        As for `numerical_rank`.
    rtol : float, optional
        As for `numerical_rank`.

    Returns
    -------
    (rank, last_kept, first_dropped) : (int, float, float)
        ``last_kept`` and ``first_dropped`` are relative to :math:`\sigma_{\max}`
        (``first_dropped`` is 0.0 when no singular value is dropped; ``last_kept`` is
        0.0 for rank 0).  A wide gap means a clear rank.

    Examples
    --------
    >>> import numpy as np
    >>> r, kept, dropped = rank_gap(np.diag([1.0, 1e-3, 1e-17]))
    >>> r, kept, dropped < 1e-16
    (2, 0.001, True)
    """
    s, tol = _singular_values(M, rtol)
    if s.size == 0 or s[0] == 0:
        return 0, 0.0, 0.0
    r = int(np.sum(s > tol * s[0]))
    kept = float(s[r - 1] / s[0]) if r else 0.0
    dropped = float(s[r] / s[0]) if r < s.size else 0.0
    return r, kept, dropped


# ---------------------------------------------------------------- internals

def _entry(v: Any) -> sp.Expr:
    if isinstance(v, bool):
        raise InvalidInputError("exact_rank got a bool entry; pass 0/1 as integers")
    if isinstance(v, (float, complex, np.floating, np.complexfloating, sp.Float)):
        raise InvalidInputError(
            f"exact_rank got the floating-point entry {v!r}: a float matrix has a numerical rank only; use "
            "numerical_rank, or pass exact numbers (int, Fraction, sympy Rational)")
    if isinstance(v, (Integral, np.integer)):
        return sp.Integer(int(v))
    if isinstance(v, Fraction):
        return sp.Rational(v.numerator, v.denominator)
    mod = type(v).__module__ or ""
    if mod.startswith("flint"):
        name = type(v).__name__
        if name == "fmpz":
            return sp.Integer(int(v))
        if name == "fmpq":
            return sp.Rational(int(v.p), int(v.q))
        raise InvalidInputError(f"exact_rank got a python-flint {name}, which is not exact; use "
                                "numerical_rank")
    if isinstance(v, str):
        raise InvalidInputError(f"exact_rank got the string {v!r}; parse user strings with mathml.parse_expr")
    if isinstance(v, sp.Basic):
        if v.free_symbols:
            raise InvalidInputError(
                f"exact_rank got the entry {v} with free symbols {sorted(map(str, v.free_symbols))}: "
                "the rank "
                "of a symbolic matrix depends on the values; substitute numbers first")
        if v.has(sp.Float):
            raise InvalidInputError(
                f"exact_rank got the entry {v}, which contains a Float; use numerical_rank or exact numbers")
        if not v.is_number:
            raise InvalidInputError(f"exact_rank needs numbers, got {v!r}")
        return v
    raise InvalidInputError(f"exact_rank cannot read an entry of type {type(v).__name__}: {v!r}")


def _singular_values(M: Any, rtol: float | None) -> tuple[np.ndarray, float]:
    if isinstance(M, sp.MatrixBase):
        if M.free_symbols:
            raise InvalidInputError("numerical_rank needs numbers; the matrix has free symbols "
                                    f"{sorted(map(str, M.free_symbols))}")
        try:
            M = np.array(M.evalf().tolist(), dtype=complex)
        except TypeError as exc:
            raise InvalidInputError(f"numerical_rank needs numeric entries: {exc}") from exc
        if not np.any(M.imag):
            M = M.real
    else:
        if (type(M).__module__ or "").startswith("flint") and type(M).__name__ in ("fmpz_mat", "fmpq_mat"):
            M = np.array([[float(_entry(M[i, j])) for j in range(M.ncols())] for i in range(M.nrows())])
        try:
            M = np.asarray(M)
            if M.dtype == object:
                M = M.astype(complex)
                if not np.any(M.imag):
                    M = M.real
            elif M.dtype.kind not in "fciub":
                raise InvalidInputError(f"numerical_rank needs numbers, got an array of dtype {M.dtype}")
        except (TypeError, ValueError) as exc:
            raise InvalidInputError(f"numerical_rank needs a numeric 2-d matrix: {exc}") from exc
    if M.ndim != 2:
        raise ShapeMismatchError(f"numerical_rank needs a 2-d matrix, got shape {M.shape}")
    if M.dtype.kind in "iub":
        M = M.astype(float)
    if not np.all(np.isfinite(M)):
        raise InvalidInputError("numerical_rank got NaN or infinite entries")
    if rtol is None:
        tol = default_rtol(M.shape) if M.size else 0.0
    else:
        if isinstance(rtol, bool) or not isinstance(rtol, (int, float)) or not (0 < rtol < 1):
            raise InvalidInputError(f"rtol must be a number in (0, 1), got {rtol!r}")
        tol = float(rtol)
    if M.size == 0:
        return np.zeros(0), tol
    return np.linalg.svd(M, compute_uv=False), tol
