"""Property tests (hypothesis): invariances and round trips of the field-theory objects."""

import math

import numpy as np
import sympy as sp
from hypothesis import given, settings, strategies as st

from mathml.fieldtheory import (
    CosNet,
    PathNetwork,
    conv_stencil,
    finite_width_kurtosis,
    free_kernel,
    lattice_oscillator,
    nngp_kernel,
)

x = sp.Symbol("x")


@settings(max_examples=20)
@given(st.lists(st.integers(1, 30), min_size=0, max_size=4))
def test_kurtosis_permutation_invariant_and_above_three(widths):
    k = finite_width_kurtosis(widths)
    assert k == finite_width_kurtosis(list(reversed(widths))) and k >= 3
    assert finite_width_kurtosis(widths + [10**9]) > k


@settings(max_examples=20)
@given(st.floats(0.1, 3), st.floats(0.5, 20), st.floats(-2, 2))
def test_cosnet_two_point_symmetric_and_bounded(m, lam, t):
    net = CosNet(m, lam, 2)
    g = net.two_point(0, t)
    assert abs(g - net.two_point(t, 0)) < 1e-14 and abs(g - net.two_point(1.0 + t, 1.0)) < 1e-12
    assert abs(g) <= float(net.two_point(0, 0)) + 1e-14


@settings(max_examples=15)
@given(
    st.sampled_from(["relu", "step", "cosine"]),
    st.integers(1, 40),
    st.floats(0.2, 3),
    st.floats(-2, 2),
    st.floats(-2, 2),
)
def test_free_kernel_every_N(kind, N, T, a, b):
    K = PathNetwork(kind, N, T, a, b).kernel()
    ref = float(free_kernel(T, a, b))
    assert abs(K - ref) <= 1e-11 * max(1.0, ref)


@settings(max_examples=15)
@given(
    st.sampled_from(["relu", "step", "cosine"]),
    st.integers(2, 12),
    st.lists(st.floats(-3, 3), min_size=11, max_size=11),
)
def test_grid_path_round_trip(kind, N, raw):
    # parameters -> grid path -> parameters (the Jacobian matrix is invertible)
    net = PathNetwork(kind, N, 1.5, 0.1, -0.4)
    p = np.array(raw[: N - 1])
    xs = np.array(net.grid_path(p), dtype=float)[1:-1] - np.array(net.offset(), dtype=float)
    back = np.linalg.solve(net.jacobian_matrix(), xs)
    assert np.allclose(back, p, atol=1e-9)


@settings(max_examples=15)
@given(st.floats(0.1, 3), st.floats(0.01, 2))
def test_lattice_x2_below_continuum(w, a):
    osc = lattice_oscillator(w, a)
    assert 0 < osc.x2 < 1 / (2 * w) and osc.gap < w + 1e-15


@settings(max_examples=15)
@given(st.lists(st.floats(-1, 1), min_size=2, max_size=3), st.lists(st.floats(-1, 1), min_size=2, max_size=3))
def test_relu_kernel_symmetric_and_cauchy_schwarz(u, v):
    n = min(len(u), len(v))
    u, v = u[:n], v[:n]
    k12 = nngp_kernel("relu", 2.0, 0.1, 2, u, v)
    assert abs(k12 - nngp_kernel("relu", 2.0, 0.1, 2, v, u)) < 1e-15
    k11, k22 = nngp_kernel("relu", 2.0, 0.1, 2, u, u), nngp_kernel("relu", 2.0, 0.1, 2, v, v)
    assert k12**2 <= k11 * k22 * (1 + 1e-12)


@settings(max_examples=15)
@given(st.lists(st.integers(-5, 5), min_size=3, max_size=3))
def test_stencil_reproduces_polynomials(k):
    # a stencil applied to a quadratic polynomial equals its truncated Taylor expansion exactly
    h, t = sp.symbols("h t")
    c = conv_stencil(k, h)
    phi = 3 * t**2 - t + 2
    lhs = sum(kj * phi.subs(t, t + j * h) for kj, j in zip(k, (-1, 0, 1)))
    rhs = sum(cm * sp.diff(phi, t, m) for m, cm in enumerate(c))
    assert sp.expand(lhs - rhs) == 0
    assert math.isfinite(float(sum(k)))
