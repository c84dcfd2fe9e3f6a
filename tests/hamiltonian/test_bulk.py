"""AdS/DL bulk network (arXiv 1802.08313; brief section 2.2 oracles)."""
import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st

import mathml as mm
from mathml.hamiltonian import (
    ETA,
    PHI,
    BulkNetwork,
    ads_schwarzschild_h,
    ads_schwarzschild_metric,
    bulk_eom,
    bulk_update,
    bump,
    metric_function,
    talk_bulk_update,
)

lam = sp.Symbol("lambda")


def reference_net(**kw):
    args = dict(d=3, m2=-1, V=PHI**4 / 4, h=ads_schwarzschild_h(3), eta_ini=1, eta_fin=0.1, layers=10)
    args.update(kw)
    return BulkNetwork(**args)


@pytest.mark.parametrize("d", [3, 4, 5])
def test_metric_function_of_ads_schwarzschild(d):
    # brief 2.2: r = r0 cosh^{2/d}(d eta/2) gives sqrt(f g^{d-1}) = (r0^d/2) sinh(d eta), h = d coth(d eta)
    f, g = ads_schwarzschild_metric(d)
    h = metric_function(f, g, d)
    ref = ads_schwarzschild_h(d)
    assert mm.verify(h, ref, timeout=30).status == mm.Status.proved   # generous budget: loaded CI
    assert abs(float((h - ref).subs(ETA, 0.7))) < 5e-16 * d   # brief: < 5e-16 at eta = 0.7
    # h' + h^2 = d^2 exactly
    assert mm.verify(sp.diff(ref, ETA) + ref**2, d**2).status == mm.Status.proved
    # the coordinate: d eta = L dr / (r sqrt(F)) with L = 1
    r = sp.cosh(d * ETA / 2) ** sp.Rational(2, d)
    assert mm.verify(sp.diff(r, ETA), r * sp.sqrt(1 - r**-d)).holds


def test_ads_schwarzschild_with_L():
    L = sp.Symbol("L", positive=True)
    f, g = ads_schwarzschild_metric(3, L)
    assert mm.verify(metric_function(f, g, 3), ads_schwarzschild_h(3, L)).holds


def test_forward_oracles():
    net = reference_net()
    # brief 2.2: (0.5, -0.1) -> phi = 0.5297474, pi = 0.1797779, F = 3.9766403; (1.2, 0.1) -> F = -15.0704951
    traj = net.trajectory(0.5, -0.1)
    assert traj[-1, 0] == pytest.approx(0.5297474, abs=1e-7)
    assert traj[-1, 1] == pytest.approx(0.1797779, abs=1e-7)
    assert net.forward(0.5, -0.1) == pytest.approx(3.9766403, abs=1e-7)
    assert net.forward(1.2, 0.1) == pytest.approx(-15.0704951, abs=1e-7)
    assert net.step == pytest.approx(-0.09)


def test_fixed_point_exact():
    # (1, 0): m^2 phi + V'(phi) = -1 + 1 = 0 and pi stays 0, so every layer fixes it and F = 0
    net = reference_net()
    traj = net.trajectory(1.0, 0.0)
    assert np.all(traj[:, 0] == 1.0) and np.all(traj[:, 1] == 0.0) and net.forward(1.0, 0.0) == 0.0
    s, hn = sp.symbols("s h_n")
    assert bulk_update(sp.Integer(1), sp.Integer(0), hn, -1, 1, s) == (1, 0)


def test_weight_matrices_reproduce_update_and_mpmath():
    net = reference_net()
    Ws = net.weight_matrices()
    phi, pi = 0.5, -0.1
    with mpmath.workdps(40):
        mphi, mpi = mpmath.mpf("0.5"), mpmath.mpf("-0.1")
        for n, W in enumerate(Ws):
            eta = mpmath.mpf(1) - mpmath.mpf("0.09") * n
            h = 3 / mpmath.tanh(3 * eta)
            # independent 40-digit evaluation of the equation of motion step
            mphi, mpi = mphi - mpmath.mpf("0.09") * mpi, mpi + mpmath.mpf("0.09") * (h * mpi + mphi - mphi**3)
            z = W @ np.array([phi, pi]) + np.array([0.0, net.step * phi**3])
            phi, pi = z
        assert abs(phi - float(mphi)) < 1e-13 and abs(pi - float(mpi)) < 1e-13
    assert np.allclose(Ws[0], [[1, -0.09], [0.09, 1 + 0.09 * 3 / np.tanh(3.0)]])


def test_bulk_update_solves_eom_to_first_order():
    # the layer is the Euler step of phi'' + h phi' - m2 phi - V' = 0: compare with a Taylor step
    s, hh, m2 = sp.symbols("s h m2")
    ph, pi_ = sp.symbols("phi0 pi0")
    phi1, pi1 = bulk_update(ph, pi_, hh, m2, ph**3, s)
    # pi' = phi'' = -h pi + m2 phi + V'(phi)
    assert sp.expand(pi1 - (pi_ + s * (-hh * pi_ + m2 * ph + ph**3))) == 0
    assert sp.expand(phi1 - (ph + s * pi_)) == 0
    # and the residual function: phi = e^{-eta} solves phi'' + 2 phi' + phi = 0 (h = 2, m2 = -1, V = 0)
    assert sp.simplify(bulk_eom(2, -1, sp.Integer(0), sp.exp(-ETA))) == 0


def test_talk_form_is_wrong():
    # the talk: pi(eta + d) = pi + d (h pi - V'): sign flipped and m^2 phi dropped (brief FLAG 5)
    s, hh = sp.symbols("s h")
    ph, pi_ = sp.symbols("phi0 pi0")
    right = bulk_update(ph, pi_, hh, -1, ph**3, s)[1]
    talk = talk_bulk_update(ph, pi_, hh, ph**3, s)[1]
    v = mm.verify(talk, right)
    assert v.status == mm.Status.disproved
    # numerically at the fixed point (1, 0) the talk's layer moves pi: -d V'(1) = -s
    assert talk.subs({ph: 1, pi_: 0}) == -s


def test_bump_oracles():
    # brief: t(0) ~ 4e-9, t(0.05) ~ 4.5e-5, t(0.2) ~ 1, t(-0.3) ~ 1
    assert bump(0.0) == pytest.approx(4.12e-9, rel=1e-2)
    assert bump(0.05) == pytest.approx(4.54e-5, rel=1e-2)
    assert bump(0.2) == pytest.approx(1.0, abs=1e-8) and bump(-0.3) == pytest.approx(1.0, abs=1e-8)


def test_vectorised_equals_loop_and_array_h():
    net = reference_net()
    rng = np.random.default_rng(1)
    phi, pi = rng.uniform(0, 1.5, 50), rng.uniform(-0.2, 0.2, 50)
    vec = net.forward(phi, pi)
    loop = np.array([net.forward_loop(a, b) for a, b in zip(phi, pi)])
    # same recursion, different floating-point operation order
    assert np.allclose(vec, loop, rtol=1e-12, atol=1e-11)
    arr = reference_net(h=net.h_values)
    assert np.array_equal(arr.forward(phi, pi), vec)
    assert net.trajectory(phi, pi).shape == (11, 2, 50)


def test_parameter_in_V():
    a = reference_net(V=lam * PHI**4 / 4, params={lam: 1.0})
    assert a.forward(0.5, -0.1) == pytest.approx(3.9766403, abs=1e-7)
    # both points correctly classified: data loss = t(0)/2 ~ 2e-9; the rest is the smoothness penalty
    pen = sum(e**4 * (h1 - h0) ** 2 for e, h0, h1 in zip(a.etas[:-1], a.h_values[:-1], a.h_values[1:]))
    assert a.loss([1.0, 0.5], [0.0, -0.1], [0, 1]) == pytest.approx(bump(0.0) / 2 + 0.01 * pen, rel=1e-6)
    assert a.loss([1.0, 0.5], [0.0, -0.1], [0, 1], reg=0.0) < 1e-8
    with pytest.raises(mm.InvalidInputError, match="lambda"):
        reference_net(V=lam * PHI**4 / 4)


def test_bad_input():
    with pytest.raises(mm.ShapeMismatchError, match="per layer"):
        reference_net(h=[1.0, 2.0])
    with pytest.raises(mm.InvalidInputError, match="layers"):
        reference_net(layers=0)
    with pytest.raises(mm.InvalidInputError, match="horizon"):
        reference_net(eta_fin=0)
    with pytest.raises(mm.InvalidInputError, match="string"):
        reference_net(V="phi**4")


@settings(max_examples=20, deadline=None)
@given(phi=st.floats(0, 1.5), pi=st.floats(-0.2, 0.2), layers=st.integers(1, 12))
def test_layers_compose(phi, pi, layers):
    # splitting [eta_ini, eta_fin] at a layer boundary composes: two networks = one
    net = reference_net(layers=2 * layers, eta_fin=0.1)
    mid = 1 + (0.1 - 1) / 2
    first = reference_net(layers=layers, eta_fin=mid)
    second = BulkNetwork(3, -1, PHI**4 / 4, net.h_values[layers:], mid, 0.1, layers)
    s1 = first.trajectory(phi, pi)[-1]
    assert np.allclose(second.forward(*s1), net.forward(phi, pi), rtol=1e-12, atol=1e-10)


def test_users_own_their_field_and_radial_symbols():
    # issue 10: BulkNetwork(V=lam*phi**4/4) with the user's real phi failed with "name the field with phi="
    import sympy as sp

    from mathml.core.errors import InvalidInputError
    from mathml.hamiltonian import BulkNetwork, ads_schwarzschild_h, bulk_eom, metric_function

    phi, lam = sp.Symbol("phi", real=True), sp.Symbol("lam")
    ref = BulkNetwork(3, -1, PHI**4 / 4, ads_schwarzschild_h(3), 1, sp.Rational(1, 10), 10)
    mine = BulkNetwork(3, -1, lam * phi**4 / 4, ads_schwarzschild_h(3), 1, sp.Rational(1, 10), 10,
                       params={lam: 1})
    assert mine.phi is phi
    # brief section 2.2 oracle F(0.5, -0.1) = 3.9766403 for V = phi^4/4: same network, same value
    assert float(mine.forward(0.5, -0.1)) == pytest.approx(3.9766403, abs=5e-8)
    assert float(mine.forward(0.5, -0.1)) == float(ref.forward(0.5, -0.1))
    # a field with another name is inferred when it is V's only free symbol
    x = sp.Symbol("x")
    assert BulkNetwork(3, -1, x**4 / 4, ads_schwarzschild_h(3), 1, 0.1, 10).phi is x
    # the user's plain eta in h (ETA is positive=True): inferred, same h values
    e = sp.Symbol("eta")
    h_user = 3 / sp.tanh(3 * e)
    net = BulkNetwork(3, -1, PHI**4 / 4, h_user, 1, sp.Rational(1, 10), 10)
    assert net.eta is e and np.allclose(net.h_values, ref.h_values, rtol=1e-15)
    # same name, contradicting assumptions: a clear error, not a silent constant
    with pytest.raises(InvalidInputError, match="contradict"):
        BulkNetwork(3, -1, PHI**4 / 4, 3 / sp.tanh(3 * sp.Symbol("eta", negative=True)), 1, 0.1, 10)
    # metric_function and bulk_eom infer the coordinate instead of differentiating in the wrong symbol
    r = sp.Symbol("r", positive=True)
    assert metric_function(sp.exp(2 * r), sp.exp(2 * r), 4) == 4       # pure AdS_5: h = d
    # phi = e^{-r} with m2 = -1, V = x^4/4: phi'' - m2 phi - V' = 2 e^{-r} - e^{-3r} (by hand)
    assert sp.simplify(bulk_eom(0, -1, x**4 / 4, sp.exp(-r)) - (2 * sp.exp(-r) - sp.exp(-3 * r))) == 0
