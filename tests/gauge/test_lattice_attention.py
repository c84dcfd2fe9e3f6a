"""Lattice chains, ReLU rescaling and attention against brief 1.9 (discrete chain, ReLU, attention)."""
import numpy as np
import pytest
import sympy as sp

import mathml as mm
from mathml.core.errors import InvalidInputError, ShapeMismatchError
from mathml.gauge import (LinearNODE, attention, attention_symmetry, chain_output, continuum_limit,
                          discrete_gauge, numeric_parameter_rank, parameter_rank, relu_mlp,
                          relu_parameter_rank, relu_rescale, value_output_symmetry)


def random_chain(rng, N=8, n=3):
    Ws = [rng.normal(size=(n, n)) for _ in range(N)]
    bs = [rng.normal(size=n) for _ in range(N)]
    Gs = [np.eye(n)] + [rng.normal(size=(n, n)) + 3 * np.eye(n) for _ in range(N - 1)] + [np.eye(n)]
    cs = [np.zeros(n)] + [rng.normal(size=n) for _ in range(N - 1)] + [np.zeros(n)]
    return Ws, bs, Gs, cs


def test_discrete_chain_exact_invariance():
    rng = np.random.default_rng(0)
    Ws, bs, Gs, cs = random_chain(rng)
    W2, b2 = discrete_gauge(Ws, bs, Gs, cs)
    x = rng.normal(size=3)
    out1, out2 = chain_output(Ws, bs, x), chain_output(W2, b2, x)
    # brief: difference <= 5e-15 relative to O(1) outputs (exact, not O(dt))
    assert np.max(np.abs(out1 - out2)) <= 1e-12 * max(1, np.max(np.abs(out1)))
    # breaking G_N = 1 changes the output by exactly G_N
    Gs[-1] = 2 * np.eye(3)
    W3, b3 = discrete_gauge(Ws, bs, Gs, cs)
    assert np.allclose(chain_output(W3, b3, x), 2 * out1)


def test_discrete_chain_exact_in_sympy():
    q = sp.symbols("q0:12")
    Ws = [sp.Matrix([[q[0], q[1]], [q[2], q[3]]]), sp.Matrix([[q[4], q[5]], [q[6], q[7]]])]
    bs = [sp.Matrix([q[8], q[9]]), sp.Matrix([q[10], q[11]])]
    a = sp.Symbol("a", positive=True)
    Gs = [sp.eye(2), sp.Matrix([[a, 1], [0, 1]]), sp.eye(2)]
    cs = [sp.zeros(2, 1), sp.Matrix([a, 2]), sp.zeros(2, 1)]
    W2, b2 = discrete_gauge(Ws, bs, Gs, cs)
    x = sp.Matrix(sp.symbols("x0 x1"))
    assert (chain_output(W2, b2, x) - chain_output(Ws, bs, x)).applyfunc(sp.simplify) == sp.zeros(2, 1)


def test_relu_rescaling_and_rank():
    rng = np.random.default_rng(1)
    Ws = [rng.normal(size=(5, 3)), rng.normal(size=(4, 5)), rng.normal(size=(2, 4))]
    bs = [rng.normal(size=5), rng.normal(size=4), rng.normal(size=2)]
    W2, b2 = relu_rescale(Ws, bs, [rng.uniform(0.1, 10, 5), rng.uniform(0.1, 10, 4)])
    X = rng.normal(size=(50, 3))
    assert np.max(np.abs(relu_mlp(Ws, bs, X) - relu_mlp(W2, b2, X))) < 1e-13   # brief: ~1e-16
    assert relu_parameter_rank(3, 5, 2) == 27                                   # brief: 32 - 5
    # a negative scale is not a symmetry of ReLU
    with pytest.raises(InvalidInputError, match="positive"):
        relu_rescale(Ws, bs, [-np.ones(5), np.ones(4)])


def test_continuum_limit_is_w_plus_gdot():
    node = LinearNODE()
    g = sp.Function("g")(node.t)
    lim = continuum_limit(node, g)
    assert mm.verify(lim, node.w + g.diff(node.t)).status == mm.Status.proved
    # Euler layers with concrete w, g: (W~ - 1)/dt - (w + g') = O(dt)
    t = node.t
    w, gg = sp.sin(t), sp.sin(sp.pi * t)
    f = sp.lambdify(t, w)
    errs = []
    for dt in (1e-2, 1e-3):
        tn = 0.3
        Wt = np.exp(np.sin(np.pi * (tn + dt)) - np.sin(np.pi * tn)) * (1 + dt * f(tn))
        errs.append(abs((Wt - 1) / dt - (f(tn) + np.pi * np.cos(np.pi * tn))))
    assert 5 < errs[0] / errs[1] < 20          # first order in dt
    del gg


def test_attention_symmetries_brief_numbers():
    rng = np.random.default_rng(2)
    d, dk, n_tok = 8, 3, 5
    WQ, WK = rng.normal(size=(d, dk)), rng.normal(size=(d, dk))
    WV, WO = rng.normal(size=(d, 4)), rng.normal(size=(4, d))
    X = rng.normal(size=(n_tok, d))
    A = rng.normal(size=(dk, dk)) + 2 * np.eye(dk)
    WQ2, WK2 = attention_symmetry(WQ, WK, A)
    assert np.max(np.abs(WQ2 @ WK2.T - WQ @ WK.T)) < 1e-12           # brief: ~2e-15
    B = rng.normal(size=(4, 4)) + 2 * np.eye(4)
    WV2, WO2 = value_output_symmetry(WV, WO, B)
    base = attention(X, WQ, WK, WV, WO)
    assert np.max(np.abs(attention(X, WQ2, WK2, WV2, WO2) - base)) < 1e-11
    bQ, bK = rng.normal(size=dk), rng.normal(size=dk)
    with_bias = attention(X, WQ, WK, WV, WO, bQ, bK)
    # key bias drops out exactly (brief ~6e-16); query bias does not (brief O(0.3))
    assert np.max(np.abs(attention(X, WQ, WK, WV, WO, bQ, None) - with_bias)) < 1e-12
    assert np.max(np.abs(attention(X, WQ, WK, WV, WO, None, bK) - with_bias)) > 1e-3
    assert parameter_rank(8, 3) == 39 == numeric_parameter_rank(8, 3)  # brief: 39


@pytest.mark.parametrize("d, dk", [(4, 1), (5, 2), (6, 6), (7, 3)])
def test_parameter_rank_formula_vs_numeric(d, dk):
    assert parameter_rank(d, dk) == numeric_parameter_rank(d, dk, seed=d)


def test_attention_bad_input():
    with pytest.raises(InvalidInputError, match="d_k <= d"):
        parameter_rank(2, 3)
    with pytest.raises(InvalidInputError, match="invertible"):
        attention_symmetry(np.ones((4, 2)), np.ones((4, 2)), np.ones((2, 2)))
    with pytest.raises(ShapeMismatchError):
        attention_symmetry(np.ones((4, 2)), np.ones((4, 3)), np.eye(2))
    with pytest.raises(ShapeMismatchError):
        discrete_gauge([np.eye(2)], [np.zeros(2)], [np.eye(2)])


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_relu_parameter_rank_exact_is_27_for_3_5_2(seed):
    # brief 1.9: 32 parameters, one rescaling direction per hidden unit: rank 32 - 5 = 27
    assert relu_parameter_rank(3, 5, 2, seed=seed) == 27


@pytest.mark.parametrize("d_in, width, d_out", [(2, 3, 1), (1, 4, 3), (4, 2, 2), (3, 5, 2)])
def test_relu_parameter_rank_never_exceeds_p_minus_width(d_in, width, d_out):
    # the rescaling generators are in the kernel of the Jacobian at every point (relu(lam z) = lam relu(z)),
    # so rank <= P - width for every network and inputs; dead units can lower it further
    P = width * (d_in + 1) + d_out * (width + 1)
    for seed in range(3):
        assert relu_parameter_rank(d_in, width, d_out, seed=seed) <= P - width
        assert relu_parameter_rank(d_in, width, d_out, seed=seed, exact=False) <= P - width


def test_relu_functions_share_the_core_network_type():
    from fractions import Fraction

    import sympy as sp

    from mathml.core.relu import ReluNetwork

    Ws, bs = [[[1], [-1]], [[1, 1]]], [[0, 0], [0]]          # |x|
    out = relu_mlp(Ws, bs, [[Fraction(-3, 2)], [2]])
    assert out == sp.Matrix([[sp.Rational(3, 2)], [2]])        # exact in, exact out
    W2, b2 = relu_rescale(Ws, bs, [[Fraction(2), Fraction(5)]])
    assert ReluNetwork(W2, b2).forward([[-7]]) == sp.Matrix([[7]])
    assert W2[0] == sp.Matrix([[2], [-5]]) and W2[1] == sp.Matrix([[sp.Rational(1, 2), sp.Rational(1, 5)]])
