"""Hamiltonian <-> network (brief section 2.1; arXiv 1802.08313)."""
import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st

import mathml as mm
from mathml.hamiltonian import (
    HamiltonianNetwork,
    NotRepresentableError,
    hamilton_equations,
    hamiltonian_from_network,
    layer_jacobian_determinant,
    network_from_hamiltonian,
    round_trip,
)

q, p, dt = sp.symbols("q p dt")
x = sp.Symbol("x")
w11, w12, w21, l1, l2, u, v = sp.symbols("w11 w12 w21 lambda1 lambda2 u v", nonzero=True)

# the family; F, G concrete below so that F' = f is explicit
LIBRARY = {"tanh": (sp.log(sp.cosh(x)), sp.tanh(x)), "sin": (-sp.cos(x), sp.sin(x)),
           "cube": (x**4 / 4, x**3)}


def family(a11, a12, a21, lam1, lam2, uu, vv, Fexpr, Gexpr):
    return (a11 * p * q + a12 * p**2 / 2 - a21 * q**2 / 2 + lam1 / vv * Fexpr.subs(x, vv * p)
            - lam2 / uu * Gexpr.subs(x, uu * q))


def test_hamilton_equations_of_family_symbolic():
    # brief 2.1: qdot = w11 q + w12 p + l1 f(vp), pdot = w21 q - w11 p + l2 g(uq), with F' = f, G' = g
    H = w11 * p * q + w12 * p**2 / 2 - w21 * q**2 / 2 + l1 / v * sp.tanh(v * p) - l2 / u * sp.sin(u * q)
    qdot, pdot = hamilton_equations(H, q, p)
    assert sp.simplify(qdot - (w11 * q + w12 * p + l1 * (1 - sp.tanh(v * p)**2))) == 0
    assert sp.simplify(pdot - (w21 * q - w11 * p + l2 * sp.cos(u * q))) == 0


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_layer_is_forward_euler_exactly(name):
    Fx, Gx = LIBRARY[name][0], LIBRARY["sin"][0]
    H = family(w11, w12, w21, l1, l2, u, v, Fx, Gx)
    net = network_from_hamiltonian(H, q, p, dt)
    qdot, pdot = hamilton_equations(H, q, p)
    q1, p1 = net.step((q, p))
    # independent reference: forward Euler written out from H itself
    verdict = mm.verify(sp.Matrix([q1, p1]), sp.Matrix([q + dt * qdot, p + dt * pdot]), timeout=30)
    assert verdict.status == mm.Status.proved
    # and numerically at 30 digits at a random point
    pt = {w11: 0.3, w12: -1.1, w21: 0.7, l1: 1.3, l2: -0.4, u: 0.9, v: 1.7, q: 0.42, p: -0.31, dt: 0.05}
    with mpmath.workdps(30):
        a = sp.N(q1.subs(pt), 30)
        b = sp.N((q + dt * qdot).subs(pt), 30)
        assert abs(a - b) < 1e-28


def test_weight_matrix_rows_3_and_4_are_scaled_rows():
    # brief 2.1: row 3 = v * row 2, row 4 = u * row 1; rows 1-2 give q + dt qdot, p + dt pdot
    Fx = LIBRARY["tanh"][0]
    net = network_from_hamiltonian(family(w11, w12, w21, l1, l2, u, v, Fx, Fx), q, p, dt)
    assert (net.u, net.v, net.lam1, net.lam2) == (u, v, l1, l2)
    W = net.W
    assert sp.expand(W.row(2) - v * W.row(1)) == sp.zeros(1, 4)
    assert sp.expand(W.row(3) - u * W.row(0)) == sp.zeros(1, 4)
    assert W[0, 0] == 1 + dt * w11 and sp.expand(W[1, 1] - (1 - dt * w11)) == 0
    # 4-unit layer: the last two units are f(v p') and g(u q') of the next state
    xi1 = net.layer(net.embed((q, p)))
    assert mm.verify(sp.Matrix([xi1[2] - net.f(v * xi1[1]), xi1[3] - net.g(u * xi1[0])]),
                     sp.zeros(2, 1)).holds


def test_extracted_coefficients_tanh():
    H = 2 * p * q + 3 * p**2 / 2 - 5 * q**2 / 2 + sp.Rational(7, 2) * sp.log(sp.cosh(2 * p))
    net = network_from_hamiltonian(H, q, p, dt)
    # d/dp (7/2) log cosh(2p) = 7 tanh(2p): lam1 = 7, v = 2, f = tanh
    assert (net.w11, net.w12, net.w21, net.lam1, net.v) == (2, 3, 5, 7, 2)
    assert net.f(x) == sp.tanh(x)


def test_numeric_dt_and_numbers():
    net = network_from_hamiltonian(p**2 / 2 + q**2 / 2, q, p, sp.Rational(1, 10))
    # harmonic oscillator Euler step from (1, 0): (1, -1/10), exactly (exact in, exact out)
    assert net.step((1, 0)) == (1, -sp.Rational(1, 10))
    # issue 10: rationals in gave floats out; by hand (3/7 + dt*(-5/4), -5/4 - dt*3/7) with dt = 1/10
    out = net.step((sp.Rational(3, 7), sp.Rational(-5, 4)))
    assert out == (sp.Rational(17, 56), sp.Rational(-181, 140))
    assert all(isinstance(v, sp.Rational) for v in out)
    # floats in, floats out
    assert net.step((1.0, 0)) == (1.0, -0.1) and all(type(v) is float for v in net.step((1.0, 0)))
    tanh_net = network_from_hamiltonian(sp.log(sp.cosh(p)) + q**2 / 2, q, p, sp.Rational(1, 10))
    exact = tanh_net.step((sp.Rational(1, 2), 1))
    assert exact == (sp.Rational(1, 2) + sp.tanh(1) / 10, 1 - sp.Rational(1, 20))
    assert tanh_net.step((0.5, 1.0))[0] == pytest.approx(0.5 + np.tanh(1.0) / 10, abs=1e-15)
    fn = net.numeric_step()
    qs, ps = fn(np.array([1.0, 0.0]), np.array([0.0, 1.0]))
    assert np.allclose(qs, [1.0, 0.1]) and np.allclose(ps, [-0.1, 1.0])


@pytest.mark.parametrize("H, term", [(p**2 * q**2, "p**2*q**2"), (sp.sin(p * q) + p**2, "sin(p*q)"),
                                     (q * p**3, "p**3*q")])
def test_outside_family_raises_naming_term(H, term):
    with pytest.raises(NotRepresentableError, match=term.replace("*", r"\*").replace("(", r"\(")
                       .replace(")", r"\)")):
        network_from_hamiltonian(H, q, p, dt)
    assert issubclass(NotRepresentableError, mm.MathmlError)


def test_bad_input():
    with pytest.raises(mm.InvalidInputError, match="string"):
        network_from_hamiltonian("p**2/2", q, p, dt)
    with pytest.raises(mm.InvalidInputError, match="Symbol"):
        network_from_hamiltonian(p**2, q, 3, dt)
    with pytest.raises(mm.InvalidInputError, match="pair"):
        network_from_hamiltonian(p**2 / 2, q, p, dt).step((1, 2, 3))


def test_jacobian_determinant_formula():
    # brief 2.1: det = 1 - dt^2 [w11^2 + (w12 + l1 v f'(vp)) (w21 + l2 u g'(uq))]
    Fx = LIBRARY["tanh"][0]
    H = family(w11, w12, w21, l1, l2, u, v, Fx, Fx)
    net = network_from_hamiltonian(H, q, p, dt)
    det = layer_jacobian_determinant(net)
    fp = sp.diff(sp.tanh(x), x)
    expected = 1 - dt**2 * (w11**2 + (w12 + l1 * v * fp.subs(x, v * p)) * (w21 + l2 * u * fp.subs(x, u * q)))
    assert mm.verify(det, expected).holds
    # area preserved to O(dt^2): (det - 1)/dt^2 is finite as dt -> 0
    assert sp.limit(sp.simplify((det - 1) / dt), dt, 0) == 0


def test_round_trip_fixed():
    assert round_trip(p**2 / 2 - sp.cos(q) + 2 * p * q, q, p, dt, timeout=30).status == mm.Status.proved
    net = network_from_hamiltonian(p**2 / 2 + q**4 / 4, q, p, dt)
    assert round_trip(net).holds
    assert hamiltonian_from_network(net) == p**2 / 2 + q**4 / 4


coef = st.integers(-4, 4).filter(bool).map(lambda k: sp.Rational(k, 2))


@settings(max_examples=15, deadline=None)
@given(a11=coef, a12=coef, a21=coef, lam1=coef, lam2=coef, uu=coef, vv=coef,
       fname=st.sampled_from(sorted(LIBRARY)), gname=st.sampled_from(sorted(LIBRARY)))
def test_round_trip_property(a11, a12, a21, lam1, lam2, uu, vv, fname, gname):
    H = family(a11, a12, a21, lam1, lam2, uu, vv, LIBRARY[fname][0], LIBRARY[gname][0])
    # H -> network -> H': same Hamilton equations (H' = H + const)
    net = network_from_hamiltonian(H, q, p, dt)
    H2 = hamiltonian_from_network(net)
    diff = H2 - H
    assert mm.verify(sp.Matrix([sp.diff(diff, q), sp.diff(diff, p)]), sp.zeros(2, 1), points=8).holds
    # network -> H -> network: same layer map
    assert round_trip(net, points=8).holds
    assert isinstance(net, HamiltonianNetwork) and net._repr_latex_().startswith("$W =")
