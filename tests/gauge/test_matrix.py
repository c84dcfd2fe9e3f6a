"""Matrix model against brief 1.9 ("Matrix case") and scipy solve_ivp as an independent integrator."""
import mpmath
import numpy as np
import pytest
import sympy as sp

import mathml as mm
from scipy.integrate import solve_ivp
from scipy.linalg import expm

from mathml.core.errors import InvalidInputError, ShapeMismatchError
from mathml.gauge import MatrixNODE, loop_invariants, magnus_error_order

t = sp.Symbol("t", real=True)
W = sp.Matrix([[sp.sin(t), 1], [-t, sp.Rational(1, 2)]])
b = sp.Matrix([1, t])
X0 = [sp.Rational(3, 10), sp.Rational(-7, 10)]
K = sp.Matrix([[0, 1], [2, 0]])
NODE = MatrixNODE(2, W, b, t)


def G_of(K, s):
    """expm(s K) for K^2 = 2: cosh(sqrt2 s) 1 + sinh(sqrt2 s) K / sqrt2 (closed form)."""
    r = sp.sqrt(2)
    return sp.cosh(r * s) * sp.eye(2) + sp.sinh(r * s) / r * K


G = G_of(K, t * (1 - t))
G_INV = G_of(K, -t * (1 - t))


def scipy_flow(node, x0):
    f = sp.lambdify(t, node.W), sp.lambdify(t, node.b)
    sol = solve_ivp(lambda s, x: np.array(f[0](s), float) @ x + np.array(f[1](s), float).ravel(),
                    (0, 1), np.array(x0, float), rtol=1e-12, atol=1e-14)
    return sol.y[:, -1]


def test_propagator_and_flow_match_brief_and_scipy():
    U, B, x = NODE.flow(1, X0)
    brief_U = [[1.3316102, 1.5988035], [-0.6987466, 1.1217611]]
    assert np.allclose(np.array(U.tolist(), float), brief_U, atol=1e-7)
    assert np.allclose([float(x[0]), float(x[1])], [0.7452604, -0.8822353], atol=1e-7)
    assert np.allclose([float(x[0]), float(x[1])], scipy_flow(NODE, X0), atol=1e-10)


def test_gauge_transformation_keeps_flow():
    gt = NODE.gauge(G, T=1, inverse=G_INV)
    assert all((c.lhs - c.rhs).evalf(30).norm() < 1e-28 for c in gt.conditions)
    assert mm.verify(gt.ode_residual(), sp.zeros(2, 1), points=4, timeout=2).holds
    U1, _, x1 = NODE.flow(1, X0)
    U2, _, x2 = gt.transformed.flow(1, X0)
    with mpmath.workdps(30):
        assert mpmath.mnorm(x1 - x2, 1) < mpmath.mpf(10) ** -25
        assert mpmath.mnorm(U1 - U2, 1) < mpmath.mpf(10) ** -25


def test_wrong_order_fails_with_brief_numbers():
    Wn = G_INV * W * G + G_INV * G.diff(t)
    wrong = MatrixNODE(2, Wn, G_INV * b, t)
    _, _, x = wrong.flow(1, X0)
    assert np.allclose([float(x[0]), float(x[1])], [0.9239635, -1.1237566], atol=1e-7)  # brief


def test_loop_invariants_with_G0():
    G0 = sp.Matrix([[1, sp.Rational(3, 10)], [0, 1]])
    # G(t) = G0 expm(t(1-t)K): G(0) = G(1) = G0
    Gt, Ginv = G0 * G, G_INV * G0.inv()
    gt = NODE.gauge(Gt, T=1, inverse=Ginv)
    U1 = NODE.propagator(1)
    U2 = gt.transformed.propagator(1)
    with mpmath.workdps(30):
        tr1, det1 = loop_invariants(U1)
        tr2, det2 = loop_invariants(U2)
        assert abs(float(tr1) - 2.4533713) < 1e-7 and abs(float(det1) - 2.6109071) < 1e-7   # brief
        assert abs(tr1 - tr2) < mpmath.mpf(10) ** -25 and abs(det1 - det2) < mpmath.mpf(10) ** -25
        # det U = exp(int tr W) (Liouville), independent check
        assert abs(det1 - mpmath.exp(1 - mpmath.cos(1) + mpmath.mpf(1) / 2)) < mpmath.mpf(10) ** -25
    # U itself changes to G0 U G0^{-1}
    assert mpmath.mnorm(U1 - U2, 1) > 0.1


def test_magnus_orders():
    # Omega_1: local error O(h^3); Omega_1 + Omega_2: O(h^5) (Iserles & Norsett: Omega_3 = O(h^5))
    Wp = [[0, 1], [t, t**2]]
    assert abs(magnus_error_order(1, Wp, t) - 3) < 0.3
    assert abs(magnus_error_order(2, Wp, t) - 5) < 0.3


def test_magnus_first_term_matches_expm_for_commuting_W():
    # W(t) = f(t) K commutes with itself at all times: U = expm(Omega_1), Omega_2 = 0 exactly
    node = MatrixNODE(2, (1 + t) * K, sp.zeros(2, 1), t)
    om = [sp.Matrix(m).applyfunc(lambda e: e.doit()) for m in node.magnus(2, T=1)]
    assert om[1] == sp.zeros(2, 2)
    U = node.propagator(1)
    assert np.allclose(np.array(U.tolist(), float), expm(1.5 * np.array(K, float)), atol=1e-12)


def test_bad_input():
    with pytest.raises(ShapeMismatchError):
        MatrixNODE(2, W=[[1, 2, 3]])
    with pytest.raises(InvalidInputError):
        MatrixNODE(0)
    with pytest.raises(InvalidInputError):
        MatrixNODE(2, W="[[1]]")
