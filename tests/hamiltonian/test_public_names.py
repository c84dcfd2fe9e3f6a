"""Public hamiltonian names not reached by the other tests, each checked against an independent value.

(The friction parts are left alone here.)"""
import numpy as np
import pytest
import sympy as sp

from mathml.core.errors import InvalidInputError, ShapeMismatchError
from mathml.hamiltonian import (
    BulkNetwork, MetricFit, ResidualLayer, ads_schwarzschild_h, bulk_data, euler_step, fit_metric,
    geodesic_network, separable_network, smoothness_penalty, step_jacobian, symplectic_step,
)
from mathml.hamiltonian.bulk import ETA, PHI, PI, bulk_update
from mathml.hamiltonian.symplectic import METHODS


# --- bulk ---------------------------------------------------------------------------------------

def test_pi_symbol_is_the_momentum_of_the_layer():
    assert isinstance(PI, sp.Symbol) and PI.name == "pi_phi"
    assert PI not in (PHI, ETA) and PI != sp.pi
    # with (PHI, PI) as the state, one layer is W z + (0, s V'(phi)), W = [[1, s], [s m^2, 1 - s h]]
    # (Hashimoto et al., arXiv 1802.08313, eq. for W^(n))
    h, m2, s = sp.symbols("h m2 s")
    new = bulk_update(PHI, PI, h, m2, PHI**3, s)
    J = sp.Matrix([[sp.diff(e, v) for v in (PHI, PI)] for e in new]).subs(PHI, 0)
    assert sp.simplify(J - sp.Matrix([[1, s], [s * m2, 1 - s * h]])) == sp.zeros(2, 2)
    assert sp.expand(new[1] - (PI - s * (h * PI - m2 * PHI - PHI**3))) == 0


def test_smoothness_penalty_by_hand():
    # eta_0^4 (h_1 - h_0)^2 + eta_1^4 (h_2 - h_1)^2 = 1 * 4 + 0.0625 * 1
    assert smoothness_penalty(np.array([1.0, 3.0, 2.0]), np.array([1.0, 0.5, 0.25])) == pytest.approx(4.0625)
    # a constant h costs nothing
    assert smoothness_penalty(np.full(5, 3.0), np.linspace(1, 0.2, 5)) == 0.0


def test_smoothness_penalty_is_the_regulariser_of_the_loss():
    rng = np.random.default_rng(0)
    h = rng.normal(3, 1, 10)
    net = BulkNetwork(3, -1, PHI**4 / 4, h, 1, 0.1, 10)
    phi, pi = rng.uniform(0, 1.5, 20), rng.uniform(-0.2, 0.2, 20)
    y = rng.integers(0, 2, 20)
    # etas = 1 - 0.09 n; penalty = sum_{n>=1} eta_{n-1}^4 (h_n - h_{n-1})^2
    etas = 1 - 0.09 * np.arange(10)
    by_hand = sum(etas[n - 1] ** 4 * (h[n] - h[n - 1]) ** 2 for n in range(1, 10))
    assert smoothness_penalty(h, net.etas) == pytest.approx(by_hand, rel=1e-12)
    assert net.loss(phi, pi, y, reg=1.0) - net.loss(phi, pi, y, reg=0.0) == pytest.approx(by_hand, rel=1e-10)


@pytest.fixture(scope="module")
def metric_fit():
    lam = sp.Symbol("lambda")
    truth = BulkNetwork(3, -1, lam * PHI**4 / 4, ads_schwarzschild_h(3), 1, 0.1, 10, params={lam: 1.0})
    data = bulk_data(truth, 50, 50, seed=0)
    return data, lam, fit_metric(data, layers=10, maxiter=50, deltas=(1.0, 0.3, 0.1), seed=0)


def test_metric_fit_fields_agree_with_its_network(metric_fit):
    (phi, pi, y), lam, fit = metric_fit
    assert isinstance(fit, MetricFit)
    assert fit.h.shape == (10,) and set(fit.params) == {lam}
    np.testing.assert_array_equal(fit.network.h_values, fit.h)
    # accuracy: fraction of points whose |F| < eps classification matches the labels
    F = fit.network.forward(phi, pi)
    assert fit.accuracy == pytest.approx(np.mean((np.abs(F) < 0.1) == (y < 0.5)))
    assert fit.loss == pytest.approx(fit.network.loss(phi, pi, y, eps=0.1, delta=0.1, reg=0.01))
    assert [d for d, _ in fit.history] == [1.0, 0.3, 0.1]
    # the data came from lambda = 1: the coupling is recovered (seeded run gives 0.99995)
    assert abs(fit.params[lam] - 1.0) < 0.05
    assert fit.accuracy >= 0.9


def test_metric_fit_compare_against_closed_form_h(metric_fit):
    _, _, fit = metric_fit
    # AdS_4 Schwarzschild: h(eta) = d coth(d eta) with d = 3 (r^d sqrt F = sinh(d eta)/2)
    etas = 1 - 0.09 * np.arange(10)
    np.testing.assert_allclose(fit.compare(3 * sp.coth(3 * ETA)), fit.h - 3 / np.tanh(3 * etas), atol=1e-12)
    np.testing.assert_allclose(fit.compare(fit.h), 0.0, atol=0)


def test_fit_metric_rejects_bad_data():
    phi, pi = np.zeros(4), np.zeros(4)
    with pytest.raises(InvalidInputError):
        fit_metric((phi, pi, np.array([0, 1, 2, 0])))
    with pytest.raises(ShapeMismatchError):
        fit_metric((phi, pi, np.zeros(3)))
    with pytest.raises(ShapeMismatchError):
        fit_metric((phi, pi, np.zeros(4)), h0=np.ones(3), layers=10)


# --- geodesic -----------------------------------------------------------------------------------

def test_residual_layer_on_the_sphere():
    # round S^2: Gamma^theta_{phi phi} = -sin cos, Gamma^phi_{theta phi} = cot (Carroll, eq. 3.34)
    th, ph, dt = sp.symbols("theta phi dt")
    layer = geodesic_network(sp.diag(1, sp.sin(th)**2), (th, ph), dt)
    assert isinstance(layer, ResidualLayer)
    vt, vp = layer.variables[2:]
    out = layer.step(layer.variables)
    expected = (th + dt * vt, ph + dt * vp, vt + dt * sp.sin(th) * sp.cos(th) * vp**2,
                vp - 2 * dt * sp.cos(th) / sp.sin(th) * vt * vp)
    assert all(sp.simplify(a - b) == 0 for a, b in zip(out, expected))
    assert layer.W == sp.Matrix([[1, 0, dt, 0], [0, 1, 0, dt], [0, 0, 1, 0], [0, 0, 0, 1]])


def test_residual_layer_orderings_for_a_separable_hamiltonian():
    q, p, dt = sp.symbols("q p dt")
    layer = separable_network(q**4 / 4, q, p, dt)
    # W z + dt N(z): forward Euler (q + dt p, p - dt q^3)
    assert layer.step((q, p)) == (q + dt * p, p - dt * q**3)
    # sigma(W z): V' at the new q, symplectic Euler B -> Jacobian determinant exactly 1
    after = layer.activation_after_W((q, p))
    assert sp.expand(after[1] - (p - dt * (q + dt * p)**3)) == 0
    assert sp.simplify(step_jacobian(after, q, p).det()) == 1
    # a numeric state: q = 1, p = 2, dt = 1/10 -> (6/5, 2 - 1/10)
    assert layer.step((1, 2))[0].subs(dt, sp.Rational(1, 10)) == sp.Rational(6, 5)
    with pytest.raises(ShapeMismatchError):
        layer.step((q,))
    with pytest.raises(InvalidInputError):
        layer.step(("q", p))


# --- symplectic ---------------------------------------------------------------------------------

def test_euler_step_is_one_forward_euler_step():
    q, p, dt = sp.symbols("q p dt")
    H = p**2 / 2 + q**4 / 4
    # q' = q + dt dH/dp = q + dt p,  p' = p - dt dH/dq = p - dt q^3
    assert euler_step(H, q, p, dt) == (q + dt * p, p - dt * q**3)
    # from (1, 2) with dt = 1/10: (1 + 0.2, 2 - 0.1)
    assert euler_step(H, q, p, sp.Rational(1, 10), (1, 2)) == (sp.Rational(6, 5), sp.Rational(19, 10))
    # pendulum H = p^2/(2 m) - m g l cos q: (q + dt p/m, p - dt m g l sin q)
    m, g, l = sp.symbols("m g l", positive=True)
    out = euler_step(p**2 / (2 * m) - m * g * l * sp.cos(q), q, p, dt)
    assert sp.simplify(out[0] - (q + dt * p / m)) == 0
    assert sp.simplify(out[1] - (p - dt * m * g * l * sp.sin(q))) == 0


def test_euler_step_rejects_bad_input():
    q, p, dt = sp.symbols("q p dt")
    with pytest.raises(InvalidInputError):
        euler_step("p**2/2", q, p, dt)
    with pytest.raises(InvalidInputError):
        euler_step(p**2 / 2, "q", p, dt)


def test_methods_table_and_jacobian_determinants():
    assert METHODS == ("euler", "symplectic_euler", "leapfrog")
    q, p, dt = sp.symbols("q p dt")
    H = p**2 / 2 + q**2 / 2
    # harmonic oscillator: forward Euler det = 1 + dt^2 (not area preserving); the others det = 1
    dets = {m: sp.simplify(step_jacobian(symplectic_step(H, q, p, dt, method=m), q, p).det())
            for m in METHODS}
    assert dets == {"euler": 1 + dt**2, "symplectic_euler": 1, "leapfrog": 1}
    # leapfrog = symplectic Euler B then A with half steps = position Stormer-Verlet
    # (Hairer-Lubich-Wanner, GNI I.1.4): drift dt/2, kick dt, drift dt/2; by hand for the oscillator
    # q' = (1 - dt^2/2) q + (dt - dt^3/4) p,  p' = -dt q + (1 - dt^2/2) p
    lf = symplectic_step(H, q, p, dt, method="leapfrog")
    assert sp.expand(lf[0] - ((1 - dt**2 / 2) * q + (dt - dt**3 / 4) * p)) == 0
    assert sp.expand(lf[1] - (-dt * q + (1 - dt**2 / 2) * p)) == 0
    with pytest.raises(InvalidInputError):
        symplectic_step(H, q, p, dt, method="rk4")
