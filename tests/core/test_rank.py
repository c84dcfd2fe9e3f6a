"""Tests of mathml.core.rank: exact ranks in exact arithmetic, one numerical rank-tolerance policy."""
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from flint import fmpq_mat, fmpz_mat
from hypothesis import given, settings
from hypothesis import strategies as st

from mathml.core.errors import InvalidInputError, ShapeMismatchError
from mathml.core.rank import (
    default_rtol,
    exact_rank,
    numerical_rank,
    rank_gap,
    to_exact_matrix,
)


def test_exact_rank_of_known_matrices():
    # independent: rank of the n x n Hilbert matrix is n (it is invertible, det = 1/product ...)
    H = sp.Matrix(6, 6, lambda i, j: sp.Rational(1, i + j + 1))
    assert exact_rank(H) == 6
    # float SVD of the 12 x 12 Hilbert matrix (cond ~ 1e16) misses the full rank; exact arithmetic does not
    H12 = sp.Matrix(12, 12, lambda i, j: sp.Rational(1, i + j + 1))
    assert exact_rank(H12) == 12
    assert numerical_rank(np.array(H12.evalf().tolist(), dtype=float)) < 12
    # the outer product u v^T has rank 1
    assert exact_rank(sp.Matrix([1, 2, 3]) * sp.Matrix([[4, 5, 6, 7]])) == 1
    assert exact_rank(sp.zeros(3, 4)) == 0
    assert exact_rank(sp.zeros(0, 3)) == 0


def test_exact_rank_accepts_every_exact_format():
    rows = [[1, 2, 3], [2, 4, 6], [1, 0, 1]]
    expected = 2
    assert exact_rank(rows) == expected
    assert exact_rank(np.array(rows)) == expected
    assert exact_rank(fmpz_mat(rows)) == expected
    assert exact_rank(fmpq_mat(fmpz_mat(rows))) == expected
    assert exact_rank([[Fraction(1, 2), Fraction(1, 3)], [Fraction(3, 2), 1]]) == 1
    assert exact_rank(sp.Matrix(rows)) == expected


def test_exact_rank_with_algebraic_entries():
    r2 = sp.sqrt(2)
    assert exact_rank(sp.Matrix([[1, r2], [r2, 2]])) == 1
    assert exact_rank(sp.Matrix([[1, r2], [r2, 3]])) == 2
    # golden ratio phi satisfies phi^2 = phi + 1: [[1, phi], [phi, phi + 1]] is singular
    phi = (1 + sp.sqrt(5)) / 2
    assert exact_rank(sp.Matrix([[1, phi], [phi, phi + 1]])) == 1


def test_exact_rank_refuses_what_it_cannot_decide():
    with pytest.raises(InvalidInputError, match="numerical_rank"):
        exact_rank(np.array([[1.0, 2.0]]))
    with pytest.raises(InvalidInputError, match="floating-point"):
        exact_rank(sp.Matrix([[sp.Float(1.5), 1]]))
    with pytest.raises(InvalidInputError, match="free symbols"):
        exact_rank(sp.Matrix([[sp.Symbol("x"), 1]]))
    # sin(1)^2 + cos(1)^2 = 1: sympy's domain would treat sin(1), cos(1) as independent
    with pytest.raises(InvalidInputError, match="not decidable"):
        exact_rank(sp.Matrix([[sp.sin(1) ** 2 + sp.cos(1) ** 2, 1], [1, 1]]))
    with pytest.raises(InvalidInputError, match="string"):
        exact_rank([["1", 2]])
    with pytest.raises(ShapeMismatchError):
        exact_rank([[1, 2], [3]])
    with pytest.raises(InvalidInputError):
        exact_rank(3)
    with pytest.raises(InvalidInputError, match="bool"):
        exact_rank([[True, 0]])


def test_numerical_rank_policy_is_numpys_default():
    rng = np.random.default_rng(3)
    for shape in [(5, 3), (3, 8), (20, 20)]:
        A = rng.normal(size=shape) @ np.diag(np.r_[1.0, 1e-3, 1e-20, np.zeros(shape[1] - 3)])
        # independent: numpy.linalg.matrix_rank, documented default tolerance S.max() * max(M, N) * eps
        assert numerical_rank(A) == np.linalg.matrix_rank(A)
        assert numerical_rank(A) == 2
    assert default_rtol((7, 4)) == 7 * np.finfo(float).eps


def test_numerical_rank_with_stated_rtol_and_gap():
    A = np.diag([1.0, 1e-4, 1e-9])
    assert numerical_rank(A) == 3
    assert numerical_rank(A, rtol=1e-6) == 2
    assert numerical_rank(A, rtol=1e-2) == 1
    r, kept, dropped = rank_gap(A, rtol=1e-6)
    assert (r, kept, dropped) == (2, pytest.approx(1e-4), pytest.approx(1e-9))
    assert numerical_rank(np.zeros((2, 2))) == 0
    assert numerical_rank(np.zeros((0, 3))) == 0
    assert numerical_rank(sp.Matrix([[1, sp.sqrt(2)], [sp.sqrt(2), 2]])) == 1
    assert numerical_rank(np.array([[1j, 1], [-1, 1j]])) == 1


@pytest.mark.parametrize("bad", [np.array([[np.nan, 1.0]]), np.array([1.0, 2.0]), [["a", "b"]],
                                 sp.Matrix([[sp.Symbol("x")]])])
def test_numerical_rank_errors(bad):
    with pytest.raises(InvalidInputError):
        numerical_rank(bad)


@pytest.mark.parametrize("rtol", [0, 1, -1e-3, True, "1e-3"])
def test_numerical_rank_rejects_bad_rtol(rtol):
    with pytest.raises(InvalidInputError, match="rtol"):
        numerical_rank(np.eye(2), rtol=rtol)


def test_to_exact_matrix_round_trip():
    M = to_exact_matrix(fmpq_mat(2, 2, [1, 2, 3, 4]) / 3)
    assert M == sp.Matrix([[sp.Rational(1, 3), sp.Rational(2, 3)], [1, sp.Rational(4, 3)]])


small_ints = st.integers(-4, 4)


@settings(max_examples=25, deadline=None)
@given(m=st.integers(1, 5), n=st.integers(1, 5), k=st.integers(1, 4), data=st.data())
def test_rank_of_product_is_bounded_and_matches_sympy(m, n, k, data):
    A = sp.Matrix(m, k, data.draw(st.lists(small_ints, min_size=m * k, max_size=m * k)))
    B = sp.Matrix(k, n, data.draw(st.lists(small_ints, min_size=k * n, max_size=k * n)))
    r = exact_rank(A * B)
    # independent: sympy's own fraction-free rank over QQ
    assert r == (A * B).rank()
    assert r <= min(exact_rank(A), exact_rank(B))
    # integer matrices this small are well conditioned: the float policy agrees
    assert numerical_rank(np.array((A * B).tolist(), dtype=float)) == r


@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 4), data=st.data())
def test_rank_invariant_under_invertible_change_of_basis(n, data):
    M = sp.Matrix(n, n, data.draw(st.lists(small_ints, min_size=n * n, max_size=n * n)))
    # unit upper-triangular P is invertible over ZZ
    P = sp.eye(n)
    for i in range(n):
        for j in range(i + 1, n):
            P[i, j] = data.draw(small_ints)
    assert exact_rank(P * M * P.T) == exact_rank(M)
