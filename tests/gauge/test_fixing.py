"""Gauge fixing: brief 1.8 formulas and 1.9 numbers ("Straight-line gauge", "Weight decay")."""
import mpmath
import numpy as np
import pytest
import sympy as sp

import mathml as mm
from mathml.core.errors import DomainError
from mathml.gauge import (LinearNODE, balanced_gauge, flow_map, linear_transport_gauge,
                          matrix_linear_transport_gauge, regularizer, transport_obstruction,
                          weight_decay_gauge, weight_decay_minimum)

t = LinearNODE().t


def test_straight_line_gauge_numbers():
    A, B = flow_map(LinearNODE(sp.sin(t), 1), 1)
    As, Bs = sp.Float(str(A), 30), sp.Float(str(B), 30)
    w, b = linear_transport_gauge(As, Bs, 1, t=t)
    vals = [float(w.subs(t, 0)), float(w.subs(t, 1)), float(b.subs(t, 0)), float(b.subs(t, 1))]
    assert np.allclose(vals, [0.58359518251, 0.36852548489, 1.36413619809, 0.86141724423], atol=1e-10)
    A2, B2 = flow_map(LinearNODE(w, b), 1)
    assert abs(float(A2 * 0.5 + B2) - 2.1559337893485) < 1e-12       # brief
    # pure rescaling keeps b(0) = 1 (g(0) = 0) != b*(0): the translation is needed
    assert abs(vals[2] - 1) > 0.3


def test_straight_line_has_zero_acceleration_symbolically():
    A, B, T = sp.symbols("A B T", positive=True)
    w, b = linear_transport_gauge(A, B, T, t=t)
    acc = LinearNODE(w, b).acceleration(sp.Symbol("x"))
    assert mm.verify(acc, 0).status == mm.Status.proved
    # its flow map is x -> A x + B: int_0^T w = log A (symbolic)
    assert sp.simplify(sp.integrate(w, (t, 0, T)) - sp.log(A)) == 0


def test_regularizer_is_acceleration_penalty():
    node = LinearNODE()
    x = sp.Symbol("x")
    acc = node.acceleration(x)
    lam, integral = regularizer(node, 3, T=1).as_coeff_Mul()
    assert lam == 3
    integrand = integral.function
    assert sp.expand(integrand - acc.coeff(x, 1)**2 - acc.subs(x, 0)**2) == 0


def test_matrix_obstruction():
    with pytest.raises(DomainError, match="eigenvalue"):
        matrix_linear_transport_gauge([[-1, 0], [0, -1]], [1, 0], 1)
    assert transport_obstruction([[0, -1], [1, 0]]) == []   # rotation by pi/2: complex eigenvalues
    A = sp.Matrix([[2, 1], [0, 3]])
    W, b = matrix_linear_transport_gauge(A, [1, 1], 1, t=t)
    # straight lines: W' + W^2 = 0 and b' + W b = 0
    assert (W.diff(t) + W * W).applyfunc(sp.simplify) == sp.zeros(2, 2)
    assert (b.diff(t) + W * b).applyfunc(sp.simplify) == sp.zeros(2, 1)


def test_weight_decay_minimum_numbers():
    m = weight_decay_minimum(sp.sin(t), 1, t=t).doit()
    assert abs(float(m) - 0.211321970) < 1e-9                       # brief
    g = weight_decay_gauge(sp.sin(t), 1, t=t).doit()
    assert sp.simplify(g.subs(t, 0)) == 0 and sp.simplify(g.subs(t, 1)) == 0
    with mpmath.workdps(30):
        val = mpmath.quad(lambda s: (mpmath.sin(s) + sp.lambdify(t, g.diff(t), "mpmath")(s))**2, [0, 1])
        assert abs(val - (1 - mpmath.cos(1))**2) < 1e-25
        assert abs(mpmath.quad(lambda s: mpmath.sin(s)**2, [0, 1]) - mpmath.mpf("0.272675643")) < 1e-9


def test_balanced_gauge_minimises():
    rng = np.random.default_rng(4)
    W1, b1, W2 = rng.normal(size=(4, 3)), rng.normal(size=4), rng.normal(size=(2, 4))
    lam, mins = balanced_gauge(W1, b1, W2)
    r = np.linalg.norm(np.hstack([W1, b1[:, None]]), axis=1)
    c = np.linalg.norm(W2, axis=0)
    cost = lambda l: (l * r)**2 + (c / l)**2      # noqa: E731
    assert np.allclose(cost(lam), mins)
    for f in (0.5, 0.9, 1.1, 2.0):
        assert np.all(cost(lam * f) >= mins - 1e-12)
