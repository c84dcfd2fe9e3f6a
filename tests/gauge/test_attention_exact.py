"""Exact attention ranks, the talk's ReLU attention and its rescaling, flow_equivalence's stated digits."""
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import mathml as mm
from mathml.core.errors import InvalidInputError, ShapeMismatchError
from mathml.gauge import LinearNODE, flow_equivalence
from mathml.gauge.attention import (exact_parameter_rank, numeric_parameter_rank, parameter_jacobian,
                                    parameter_rank, relu_attention, relu_attention_rescale)


@pytest.mark.parametrize("d, dk", [(1, 1), (3, 2), (4, 4), (6, 1), (8, 3)])
def test_exact_rank_is_the_formula_and_matches_the_float_route(d, dk):
    # brief 1.7: rank 2 d d_k - d_k^2 (independent: the float SVD route)
    assert exact_parameter_rank(d, dk, seed=1) == parameter_rank(d, dk) == 2 * d * dk - dk * dk
    assert numeric_parameter_rank(d, dk, seed=1) == parameter_rank(d, dk)


def test_jacobian_is_exact_for_exact_input_and_matches_finite_differences():
    rng = np.random.default_rng(0)
    WQ, WK = rng.integers(-3, 4, size=(3, 2)), rng.integers(-3, 4, size=(3, 2))
    J = parameter_jacobian(WQ, WK)
    assert isinstance(J, sp.MatrixBase) and J.shape == (9, 12)
    # the map is bilinear, so a central difference is exact up to rounding
    Jf = parameter_jacobian(WQ.astype(float), WK.astype(float))
    theta = np.concatenate([WQ.ravel(), WK.ravel()]).astype(float)

    def f(th):
        return (th[:6].reshape(3, 2) @ th[6:].reshape(3, 2).T).ravel()
    fd = np.array([(f(theta + 1e-3 * e) - f(theta - 1e-3 * e)) / 2e-3 for e in np.eye(12)]).T
    assert np.allclose(np.array(J.tolist(), dtype=float), fd, atol=1e-9) and np.allclose(Jf, fd, atol=1e-9)


def test_bad_input():
    with pytest.raises(ShapeMismatchError):
        parameter_jacobian(sp.zeros(3, 2), sp.zeros(2, 2))
    with pytest.raises(InvalidInputError):
        exact_parameter_rank(2, 3)
    with pytest.raises(InvalidInputError):
        exact_parameter_rank(3, 2, bound=0)
    with pytest.raises(InvalidInputError):
        relu_attention_rescale(sp.eye(2), sp.eye(2), sp.eye(2), "1", 1, 1)


_rat = st.fractions(min_value=-4, max_value=4, max_denominator=5)


def _matrix(draw, rows, cols):
    return sp.Matrix(rows, cols, [sp.Rational(v.numerator, v.denominator) for v in draw(
        st.lists(_rat, min_size=rows * cols, max_size=rows * cols))])


@settings(max_examples=20)
@given(data=st.data(), aq=st.fractions(min_value=0.25, max_value=4, max_denominator=7),
       ak=st.fractions(min_value=0.25, max_value=4, max_denominator=7), sign=st.sampled_from([1, -1]))
def test_rescaling_with_positive_logit_factor_is_exact_symmetry(data, aq, ak, sign):
    x, wq, wk, wv = (_matrix(data.draw, *s) for s in ((3, 2), (2, 2), (2, 2), (2, 2)))
    aq = sp.Rational(aq.numerator, aq.denominator) * sign
    ak = sp.Rational(ak.numerator, ak.denominator) * sign
    av = 1 / (aq * ak)                       # alpha_q alpha_k > 0 for either sign
    assert relu_attention(x, *relu_attention_rescale(wq, wk, wv, aq, ak, av)) == relu_attention(x, wq, wk, wv)


def test_the_talks_product_condition_alone_fails_and_float_route_agrees():
    x = sp.Matrix([[1, 2], [-1, 1]])
    wq, wk, wv = sp.Matrix([[1, 0], [1, 1]]), sp.Matrix([[2, -1], [0, 1]]), sp.eye(2)
    h = relu_attention(x, wq, wk, wv)
    flipped = relu_attention(x, *relu_attention_rescale(wq, wk, wv, -1, 1, -1))
    assert flipped != h
    # independent float route: h_i = sum_j relu(q_i . k_j) v_j by explicit loops
    X, Q, K, V = (np.array(M.tolist(), dtype=float) for M in (x, wq, wk, wv))
    q, k, v = X @ Q, X @ K, X @ V
    loops = np.array([sum(max(q[i] @ k[j], 0.0) * v[j] for j in range(2)) for i in range(2)])
    assert np.allclose(np.array(h.tolist(), dtype=float), loops)
    assert np.allclose(relu_attention(X, Q, K, V), loops)


def test_flow_equivalence_digits_are_stated_and_validated():
    t = LinearNODE().t
    a = LinearNODE(w=sp.sin(t), b=1)
    v = flow_equivalence(a, a, T=1, points=1, digits=20)
    assert v.status is mm.Status.consistent and "agrees to 20 digits" in v.method
    for bad in (0, 31, "20", True):
        with pytest.raises(InvalidInputError):
            flow_equivalence(a, a, T=1, points=1, digits=bad)
