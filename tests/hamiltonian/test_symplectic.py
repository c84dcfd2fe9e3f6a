"""Symplectic layers, energy drift, separable 2x2 layers and the neural geodesic equation."""
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st

import mathml as mm
from mathml.hamiltonian import (
    christoffel_symbols,
    energy_drift,
    geodesic_network,
    separable_network,
    step_jacobian,
    symplectic_form_defect,
    symplectic_step,
)

q, p, dt = sp.symbols("q p dt")
w11, w12, w21, l1, l2, u, v = sp.symbols("w11 w12 w21 lambda1 lambda2 u v")
FAMILY = (w11 * p * q + w12 * p**2 / 2 - w21 * q**2 / 2 + l1 / v * sp.log(sp.cosh(v * p))
          + l2 / u * sp.cos(u * q))


@pytest.mark.parametrize("H, method", [(FAMILY, "symplectic_euler"),
                                       (p**2 / 2 + l2 / u * sp.cos(u * q), "leapfrog")])
def test_symplectic_exactly_for_the_family(H, method):
    # (leapfrog with all symbolic coefficients of FAMILY is exact too, but differentiating the nested
    # composition takes ~15 s; test_symplectic_property covers it with rational coefficients)
    # J^T Omega J = Omega exactly (2-D: det J = 1); symbolic, with a numeric cross-check
    step = symplectic_step(H, q, p, dt, method=method)
    assert mm.verify(step_jacobian(step, q, p).det(), 1, timeout=30).status == mm.Status.proved
    if method == "symplectic_euler":   # the 2x2 form check itself (slow for the longer leapfrog step)
        v = mm.verify(symplectic_form_defect(step, q, p), sp.zeros(2, 2), timeout=30)
        assert v.status == mm.Status.proved


def test_forward_euler_is_not_symplectic():
    step = symplectic_step(p**2 / 2 + q**2 / 2, q, p, dt, method="euler")
    # det = 1 + dt^2 for the oscillator (brief: 1 - dt^2 (w11^2 + w12 w21) with w12 = 1, w21 = -1)
    assert sp.expand(step_jacobian(step, q, p).det()) == 1 + dt**2
    assert mm.verify(symplectic_form_defect(step, q, p), sp.zeros(2, 2)).status == mm.Status.disproved


def test_energy_drift_euler_grows_symplectic_bounded():
    H = p**2 / 2 + q**2 / 2
    # independent closed form: forward Euler multiplies |z|^2 by (1 + dt^2) per step
    eul = energy_drift(H, q, p, 0.01, (1.0, 0.0), 10_000, method="euler")
    assert eul[-1] == pytest.approx((1 + 1e-4) ** 10_000 - 1, rel=1e-9)
    # symplectic Euler conserves q^2 + p^2 + dt q p (modified energy): |dE/E| <= dt/2 (1 + O(dt))
    se = energy_drift(H, q, p, 0.01, (1.0, 0.0), 10_000, method="symplectic_euler")
    assert np.max(np.abs(se)) < 0.0051
    assert np.max(np.abs(se[5000:])) < 1.01 * np.max(np.abs(se[:5000]))   # bounded, no secular growth
    lf = energy_drift(H, q, p, 0.01, (1.0, 0.0), 10_000, method="leapfrog")
    assert np.max(np.abs(lf)) < 3e-5     # O(dt^2) = dt^2/4 for the oscillator


def test_pendulum_drift_comparison():
    H = p**2 / 2 - sp.cos(q)
    eul = energy_drift(H, q, p, 0.01, (1.0, 0.0), 10_000, method="euler")
    se = energy_drift(H, q, p, 0.01, (1.0, 0.0), 10_000, method="symplectic_euler")
    assert abs(eul[-1]) > 10 * np.max(np.abs(se))


def test_implicit_raises():
    with pytest.raises(mm.MathmlError, match="implicit"):
        symplectic_step(p**2 * q**2, q, p, dt)
    with pytest.raises(mm.InvalidInputError, match="method"):
        symplectic_step(p**2, q, p, dt, method="rk4")


def test_separable_layer_is_forward_euler_and_brief_order_is_symplectic():
    layer = separable_network(q**4 / 4 - q**2, q, p, dt)
    q1, p1 = layer.step((q, p))
    assert sp.expand(q1 - (q + dt * p)) == 0 and sp.expand(p1 - (p - dt * (q**3 - 2 * q))) == 0
    # the brief's "W then activation (x1, x2 - dt V'(x1))" evaluates V' at the new q: det = 1
    qa, pa = layer.activation_after_W((q, p))
    assert sp.expand(step_jacobian((qa, pa), q, p).det()) == 1
    assert sp.expand(step_jacobian((q1, p1), q, p).det()) != 1


def test_christoffel_sphere():
    # unit sphere (literature): Gamma^theta_{phi phi} = -sin cos, Gamma^phi_{theta phi} = cot theta
    th, ph = sp.symbols("theta phi")
    G = christoffel_symbols(sp.diag(1, sp.sin(th) ** 2), (th, ph))
    assert sp.simplify(G[0][1][1] + sp.sin(th) * sp.cos(th)) == 0
    assert sp.simplify(G[1][0][1] - sp.cos(th) / sp.sin(th)) == 0
    assert G[0][0][0] == 0 and G[1][1][1] == 0


def test_geodesic_flow_conserves_speed():
    # along x' = v, v' = -Gamma(v, v): d/dt g_ij v^i v^j = 0 (metric compatibility)
    r, th = sp.symbols("r theta", positive=True)
    g = sp.diag(1, r**2)   # polar plane
    layer = geodesic_network(g, (r, th), dt)
    xs, vs = layer.variables[:2], sp.Matrix(layer.variables[2:])
    acc = layer.nonlinearity[2:, 0]
    speed = (vs.T * g * vs)[0]
    dspeed = sum(sp.diff(speed, xs[i]) * vs[i] + sp.diff(speed, vs[i]) * acc[i] for i in range(2))
    assert sp.simplify(dspeed) == 0
    # straight line through the polar chart: Euler layer matches the exact line to O(dt^2)
    state = (1.0, 0.0, 0.0, 1.0)   # r=1, theta=0, moving with v_theta = 1 (velocity (0,1) in xy)
    out = [float(e.subs(dt, 1e-3)) for e in layer.step(state)]
    r_exact = float(sp.sqrt(1 + 1e-6))
    assert abs(out[0] - r_exact) < 1e-6 and abs(out[1] - float(sp.atan(1e-3))) < 1e-6


@settings(max_examples=15, deadline=None)
@given(a=st.integers(1, 5), b=st.integers(1, 5), c=st.integers(-3, 3),
       method=st.sampled_from(["symplectic_euler", "leapfrog"]))
def test_symplectic_property(a, b, c, method):
    H = sp.Rational(a, 2) * p**2 + c * p * q + b * sp.sin(q) + sp.log(sp.cosh(p))
    step = symplectic_step(H, q, p, sp.Rational(1, 7), method=method)
    assert mm.verify(step_jacobian(step, q, p).det(), 1, points=8).holds
