"""Rank across the middle and additive arrays (ka_laps.md §5a, §5b; Van Loan & Pitsianis 1993)."""
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st

from mathml.core.errors import InvalidInputError, ShapeMismatchError
from mathml.kolmogorov import additive_decomposition, kronecker_rank, nearest_kronecker, realign

CNOT = np.array([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]], dtype=float)


def swap(d):
    S = np.zeros((d * d, d * d))
    for i in range(d):
        for j in range(d):
            S[j * d + i, i * d + j] = 1
    return S


def test_cnot_rank_2_and_identity_rank_1():
    # CNOT = |0><0| (x) I + |1><1| (x) X: rank 2; I (x) I: rank 1
    assert kronecker_rank(CNOT, (2, 2), (2, 2)) == 2
    assert kronecker_rank(sp.Matrix(CNOT.astype(int)), (2, 2), (2, 2)) == 2
    assert kronecker_rank(np.eye(6), (2, 3), (2, 3)) == 1


@pytest.mark.parametrize("d", [2, 3, 4])
def test_swap_rank_d_squared(d):
    # SWAP = sum_ij E_ij (x) E_ji: rank d^2, all singular values 1 (ka_laps.md §5c oracles)
    S = swap(d)
    assert kronecker_rank(S, (d, d), (d, d)) == d * d
    approx = nearest_kronecker(S, (d, d), (d, d))
    assert np.allclose(approx.singular_values, 1.0)
    assert np.isclose(approx.error, np.sqrt(d * d - 1))


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 5), st.integers(0, 10**6),
       st.sampled_from([((2, 3), (3, 2)), ((3, 3), (2, 2)), ((2, 2), (4, 3))]))
def test_random_sums_of_r_products(r, seed, dims):
    rng = np.random.default_rng(seed)
    (a1, a2), (b1, b2) = dims
    r = min(r, a1 * b1, a2 * b2)
    L = sum(np.kron(rng.normal(size=(b1, a1)), rng.normal(size=(b2, a2))) for _ in range(r))
    assert kronecker_rank(L, (a1, a2), (b1, b2)) == r
    approx = nearest_kronecker(L, (a1, a2), (b1, b2))
    # independent check: error = ||L - X (x) Y||_F and sum sigma^2 = ||L||_F^2
    assert np.isclose(np.linalg.norm(L - approx.matrix), approx.error)
    assert np.isclose(np.sum(approx.singular_values ** 2), np.linalg.norm(L) ** 2)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10**6))
def test_realign_kron_is_outer_product(seed):
    rng = np.random.default_rng(seed)
    X, Y = rng.normal(size=(3, 2)), rng.normal(size=(2, 4))
    R = realign(np.kron(X, Y), (2, 4), (3, 2))
    assert np.allclose(R, np.outer(X.ravel(), Y.ravel()))
    # exact path agrees with the numeric one
    Xs = sp.Matrix(3, 2, lambda i, j: sp.Rational(int(rng.integers(-5, 5)), 3))
    Ys = sp.Matrix(2, 4, lambda i, j: int(rng.integers(-5, 5)))
    Rs = realign(sp.kronecker_product(Xs, Ys), (2, 4), (3, 2))
    assert Rs == sp.Matrix(6, 8, lambda i, j: Xs[i // 2, i % 2] * Ys[j // 4, j % 4])


def test_nearest_kronecker_recovers_product():
    X, Y = np.array([[1., 2.], [3., 4.]]), np.array([[0., 1., 2.], [1., 0., 5.]])
    approx = nearest_kronecker(np.kron(X, Y), (2, 3), (2, 2))
    assert approx.error < 1e-12
    assert np.allclose(approx.matrix, np.kron(X, Y))


def test_additive_residual_values():
    # ka_laps.md §5c: x_i = i/5 (i = 0..5), f = xy: residual ||Hu|| ||Hv|| = 0.7
    x = np.arange(6) / 5
    dec = additive_decomposition(np.outer(x, x))
    Hx = x - x.mean()
    assert np.isclose(dec.residual_norm, 0.7)
    assert np.isclose(dec.residual_norm, np.linalg.norm(Hx) ** 2)
    assert dec.dof == 25
    add = additive_decomposition(np.add.outer(np.sin(x), x ** 2))
    assert add.residual_norm < 1e-14 and np.allclose(add.fitted, np.add.outer(np.sin(x), x ** 2))


def test_freedman_2x2_not_additive_exact():
    A = sp.Matrix([[1, -1], [-1, 1]])
    dec = additive_decomposition(A)
    assert dec.residual == A  # H A H = A: every entry is interaction
    assert dec.residual_norm == 2 and not dec.is_additive()
    assert A.applyfunc(sp.exp).rank() == 2


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10**6), st.integers(2, 5), st.integers(2, 5))
def test_additive_iff_exp_rank_one(seed, n, m):
    rng = np.random.default_rng(seed)
    a, b = rng.normal(size=n), rng.normal(size=m)
    A = np.add.outer(a, b)
    assert additive_decomposition(A).is_additive()
    # a matrix is the realignment of its own vec, viewed in Hom(C (x) C, C^n (x) C^m)
    assert kronecker_rank(np.exp(A).reshape(n * m, 1), (1, 1), (n, m)) == 1
    assert np.linalg.matrix_rank(np.exp(A)) == 1
    B = A.copy()
    B[0, 0] += 0.5
    assert not additive_decomposition(B).is_additive()
    assert np.linalg.matrix_rank(np.exp(B)) == 2


def test_bad_input():
    with pytest.raises(ShapeMismatchError):
        realign(np.eye(4), (2, 2), (2, 3))
    with pytest.raises(InvalidInputError):
        kronecker_rank(np.eye(4), (2,), (2, 2))
    with pytest.raises(InvalidInputError):
        kronecker_rank(np.eye(4), (2, 2), (2, 2), rtol=2.0)
    with pytest.raises(InvalidInputError):
        additive_decomposition(np.array([[np.nan]]))
