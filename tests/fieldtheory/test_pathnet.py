"""Path integral as a network (2403.11420; gauge_hamiltonian_nnft.md section 4; wave2 F6-F8)."""

import math

import numpy as np
import pytest
import sympy as sp

from mathml.core.errors import InvalidInputError
from mathml.fieldtheory import PathNetwork, free_kernel, mehler_kernel, tridiagonal_gaussian

x = sp.Symbol("x")
HO = sp.Rational(9, 8) * x**2  # omega = 1.5, m = 1


def test_free_kernel_exact_every_N_symbolic():
    T = sp.Symbol("T", positive=True)
    a, b = sp.symbols("a b", real=True)
    for kind in ("relu", "step"):
        for N in (1, 2, 3, 5):
            K = PathNetwork(kind, N, T, a, b).kernel()
            assert sp.simplify(K - free_kernel(T, a, b)) == 0


def test_free_kernel_value_F6():
    # brief F6: 0.31225393336676 (N = 200 lattice value 0.3122539333667572)
    for kind in ("relu", "step", "cosine"):
        K = PathNetwork(kind, 200, 1.0, 0.2, 0.9).kernel()
        assert abs(K - 0.31225393336676) < 1e-13


def test_harmonic_trapezoid_errors_F7():
    # brief F7: relative errors 2.232e-5, 1.395e-6, 5.58e-8 at N = 50, 200, 1000 (O(dt^2))
    ref = float(mehler_kernel(1.5, 1, 0.2, 0.9))
    assert abs(ref - 0.18794632683639192) < 1e-16
    errs = [PathNetwork("relu", N, 1.0, 0.2, 0.9).kernel(HO) / ref - 1 for N in (50, 200, 1000)]
    for e, b in zip(errs, (2.232e-5, 1.395e-6, 5.58e-8)):
        assert abs(e - b) < 0.001 * b


def test_midpoint_and_slide_are_first_order():
    ref = float(mehler_kernel(1.5, 1, 0.2, 0.9))
    for rule in ("midpoint", "slide"):
        e1, e2 = (
            abs(PathNetwork("step", N, 1.0, 0.2, 0.9).kernel(HO, rule=rule) / ref - 1) for N in (200, 800)
        )
        assert 3.6 < e1 / e2 < 4.4  # O(dt): error / 4 when N * 4


def test_dense_route_and_kinds_agree():
    for kind in ("relu", "step", "cosine"):
        net = PathNetwork(kind, 40, 1.3, -0.4, 0.5)
        a, b = net.kernel(HO), net.kernel(HO, method="dense")
        assert abs(a / b - 1) < 1e-11


def test_real_time_kernels():
    K = PathNetwork("relu", 30, 1.0, 0.2, 0.9).kernel(real_time=True)
    assert abs(K - complex(free_kernel(1, 0.2, 0.9, real_time=True))) < 1e-13
    ref = complex(mehler_kernel(1.5, 1, 0.2, 0.9, real_time=True))
    e1, e2 = (abs(PathNetwork("step", N, 1.0, 0.2, 0.9).kernel(HO, real_time=True) - ref) for N in (100, 200))
    assert e1 < 1e-4 and 3.5 < e1 / e2 < 4.5


def test_jacobians():
    T = sp.Symbol("T", positive=True)
    for N in (2, 3, 5):
        for kind in ("relu", "step"):
            net = PathNetwork(kind, N, T, 0, 1)
            assert sp.simplify(net.jacobian_matrix().det() - net.jacobian()) == 0
    # the cosine (sine-series) Jacobian: S^2 = (N/2) 1, |det S| = (N/2)^{(N-1)/2}; brief F8: 42.875 at N = 7
    for N in (3, 4, 7, 12):
        net = PathNetwork("cosine", N, 1.0, 0, 1)
        S = net.jacobian_matrix()
        assert np.allclose(S @ S, N / 2 * np.eye(N - 1), atol=1e-12)
        assert abs(abs(np.linalg.det(S)) - net.jacobian()) < 1e-9 * net.jacobian()
    assert PathNetwork("cosine", 7, 1, 0, 0).jacobian() == sp.Rational(343, 8)


def test_grid_path_matches_network_output():
    rng = np.random.default_rng(0)
    for kind in ("relu", "step", "cosine"):
        net = PathNetwork(kind, 9, 2.0, 0.3, -1.1)
        p = rng.normal(size=8)
        xs = net.grid_path(p)
        t = np.arange(10) * 2.0 / 9
        assert np.allclose(net.path(p, t), xs, atol=1e-12)


def test_action_slide_formula_step_variables():
    # the slide's HO action in W variables (real time; Hashimoto talk, "Ex. Free particle, Harmonic
    # oscillator")
    N = 4
    T, x0, xf, k = sp.Symbol("T", positive=True), sp.Symbol("x_i"), sp.Symbol("x_f"), sp.Symbol("k")
    net = PathNetwork("step", N, T, x0, xf)
    W = net.parameter_symbols()
    dt = T / N
    slide = dt / 2 * (sum(w**2 for w in W) + ((xf - x0) / dt - sum(W)) ** 2) - k * dt / 2 * sum(
        (x0 - dt * W[n] / 2 + dt * sum(W[: n + 1])) ** 2 for n in range(N - 1)
    )
    ours = net.action(k * x**2 / 2, rule="slide", real_time=True)
    assert sp.expand(slide - ours) == 0


def test_action_any_potential_matches_quadratic_form():
    net = PathNetwork("relu", 5, sp.Rational(1, 2), sp.Rational(1, 3), 2)
    V = 3 * x**2 - x + 2
    p = [sp.Rational(1, 7), -2, 5, sp.Rational(3, 2)]
    S = net.action(V, params=p)
    d, o, lin, c = net.quadratic_form(V)
    xs = net.grid_path(p)[1:-1]
    A = sp.diag(*d) + sp.Matrix(len(d), len(d), lambda i, j: o[min(i, j)] if abs(i - j) == 1 else 0)
    X = sp.Matrix(xs)
    assert sp.simplify(S - ((X.T * A * X)[0] / 2 + sum(li * xi for li, xi in zip(lin, xs)) + c)) == 0
    quartic = net.action(x**4)
    assert sp.Poly(quartic, *net.parameter_symbols()).total_degree() == 4


def test_tridiagonal_exact_det():
    # det tridiag(-1, 2, -1) of size n is n + 1 (independent: sympy Matrix.det)
    for n in (1, 4, 9):
        r = tridiagonal_gaussian([2] * n, [-1] * (n - 1), [0] * n)
        M = sp.Matrix(n, n, lambda i, j: 2 if i == j else (-1 if abs(i - j) == 1 else 0))
        assert r.det == M.det() == n + 1


def test_errors():
    with pytest.raises(InvalidInputError):
        PathNetwork("sigmoid", 3, 1, 0, 1)
    with pytest.raises(InvalidInputError):
        PathNetwork("relu", 0, 1, 0, 1)
    with pytest.raises(InvalidInputError):
        PathNetwork("relu", 3, -1.0, 0, 1)
    with pytest.raises(InvalidInputError):
        PathNetwork("relu", 3, 1.0, float("nan"), 1)
    net = PathNetwork("relu", 4, 1.0, 0, 1)
    with pytest.raises(InvalidInputError, match="degree"):
        net.kernel(x**4)
    with pytest.raises(InvalidInputError, match="not bounded below"):
        PathNetwork("relu", 50, 10.0, 0, 1).kernel(-(x**2))
    with pytest.raises(InvalidInputError):
        net.grid_path([1, 2])
    with pytest.raises(InvalidInputError):
        net.kernel(method="lu")
    assert "PathNetwork" in repr(net) and net._repr_latex_().startswith("$")
    assert math.isfinite(PathNetwork("relu", 1, 1.0, 0, 1).kernel())
