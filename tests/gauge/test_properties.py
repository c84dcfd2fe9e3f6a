"""Hypothesis property tests: gauge invariance for random data, exact factor e^{sign g(T)} when the
boundary condition fails, ReLU and attention invariances."""
import mpmath
import numpy as np
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from mathml.core.sampling import smooth
from mathml.gauge import (LinearNODE, attention, attention_symmetry, flow_map, relu_mlp,
                          relu_rescale)

t = LinearNODE().t
seeds = st.integers(0, 2**32 - 1)


def draw(seed):
    rng = np.random.default_rng(seed)
    w = smooth(2).draw(rng, t)
    b = smooth(2).draw(rng, t)
    h = smooth(1).draw(rng, t)
    T = sp.Rational(int(rng.integers(1, 9)), 4)
    return w, b, h, T


@settings(max_examples=12, deadline=None)
@given(seed=seeds, sign=st.sampled_from([1, -1]))
def test_vanishing_g_keeps_flow(seed, sign):
    w, b, h, T = draw(seed)
    g = h * t * (t - T)
    node = LinearNODE(w, b)
    A1, B1 = flow_map(node, T)
    A2, B2 = flow_map(node.rescale(g, sign, T=T).transformed, T)
    with mpmath.workdps(30):
        scale = max(abs(A1), abs(B1))
        assert abs(A1 - A2) / scale < mpmath.mpf(10) ** -26
        assert abs(B1 - B2) / scale < mpmath.mpf(10) ** -26


@settings(max_examples=12, deadline=None)
@given(seed=seeds, sign=st.sampled_from([1, -1]))
def test_g_with_nonzero_end_multiplies_by_exp(seed, sign):
    w, b, h, T = draw(seed)
    g = h * t                            # g(0) = 0, g(T) = h(T) T
    gT = (h * t).subs(t, T)
    node = LinearNODE(w, b)
    A1, B1 = flow_map(node, T)
    A2, B2 = flow_map(node.rescale(g, sign, T=T).transformed, T)
    with mpmath.workdps(30):
        factor = mpmath.exp(sign * mpmath.mpf(str(gT.evalf(45))))
        assert abs(A2 - factor * A1) / abs(A2) < mpmath.mpf(10) ** -26
        assert abs(B2 - factor * B1) / max(abs(B2), abs(A2)) < mpmath.mpf(10) ** -26


@settings(max_examples=25, deadline=None)
@given(seed=seeds, widths=st.lists(st.integers(1, 6), min_size=1, max_size=3))
def test_relu_positive_scaling(seed, widths):
    rng = np.random.default_rng(seed)
    dims = [3] + widths + [2]
    Ws = [rng.normal(size=(dims[k + 1], dims[k])) for k in range(len(dims) - 1)]
    bs = [rng.normal(size=dims[k + 1]) for k in range(len(dims) - 1)]
    scales = [np.exp(rng.uniform(-2, 2, size=wd)) for wd in widths]
    W2, b2 = relu_rescale(Ws, bs, scales)
    X = rng.normal(size=(20, 3))
    y1, y2 = relu_mlp(Ws, bs, X), relu_mlp(W2, b2, X)
    assert np.max(np.abs(y1 - y2)) <= 1e-11 * max(1.0, np.max(np.abs(y1)))


@settings(max_examples=25, deadline=None)
@given(seed=seeds, d=st.integers(2, 8), dk=st.integers(1, 4))
def test_attention_gl_invariance(seed, d, dk):
    dk = min(dk, d)
    rng = np.random.default_rng(seed)
    WQ, WK = rng.normal(size=(d, dk)), rng.normal(size=(d, dk))
    WV, WO = rng.normal(size=(d, 2)), rng.normal(size=(2, d))
    X = rng.normal(size=(4, d))
    A = rng.normal(size=(dk, dk)) + 3 * np.eye(dk)
    WQ2, WK2 = attention_symmetry(WQ, WK, A)
    out1, out2 = attention(X, WQ, WK, WV, WO), attention(X, WQ2, WK2, WV, WO)
    assert np.max(np.abs(out1 - out2)) < 1e-9 * max(1.0, np.max(np.abs(out1)))


@settings(max_examples=25, deadline=None)
@given(seed=seeds, N=st.integers(1, 8), n=st.integers(1, 4))
def test_discrete_chain_invariance(seed, N, n):
    from mathml.gauge import chain_output, discrete_gauge
    rng = np.random.default_rng(seed)
    Ws = [rng.normal(size=(n, n)) for _ in range(N)]
    bs = [rng.normal(size=n) for _ in range(N)]
    Gs = [np.eye(n)] + [rng.normal(size=(n, n)) + 3 * np.eye(n) for _ in range(N - 1)] + [np.eye(n)]
    cs = [np.zeros(n)] + [rng.normal(size=n) for _ in range(N - 1)] + [np.zeros(n)]
    W2, b2 = discrete_gauge(Ws, bs, Gs, cs)
    x = rng.normal(size=n)
    y1, y2 = chain_output(Ws, bs, x), chain_output(W2, b2, x)
    assert np.max(np.abs(y1 - y2)) <= 1e-9 * max(1.0, np.max(np.abs(y1)))
