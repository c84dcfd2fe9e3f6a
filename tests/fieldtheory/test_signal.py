"""Signal propagation against the brief's mean-field tables (dynamics_statmech.md section 2,
wave2_fieldtheory.md F2; recomputed there with mpmath at 30 digits) and published anchors."""

import mpmath
import numpy as np
import pytest
import sympy as sp
from scipy.integrate import quad

from mathml.core.errors import DomainError, InvalidInputError
from mathml.fieldtheory import SignalPropagation, critical_sigma_w2


def test_poole_tanh_table():
    # brief F2 (sigma_w, sigma_b) -> (q*, chi1), 11-12 significant digits given
    rows = [
        (1.5, 0.3, "0.96084427974", "1.06098126414"),
        (2.5, 0.3, "4.07912387528", "1.58522476501"),
        (4, 0.3, "12.6041494978", "2.36726103555"),
        (3, 1, "7.50876604216", "1.71092016472"),
    ]
    for sw, sb, q, chi in rows:
        s = SignalPropagation("tanh", mpmath.mpf(sw) ** 2, mpmath.mpf(sb) ** 2, dps=16)
        decimals = len(q) - q.index(".") - 1
        assert abs(s.q_star - mpmath.mpf(q)) < 0.51 * 10.0**-decimals
        assert abs(s.chi1 - mpmath.mpf(chi)) < 6e-12


def test_q_star_is_a_fixed_point_to_30_digits():
    s = SignalPropagation("tanh", mpmath.mpf(2) ** 2, mpmath.mpf("0.3") ** 2, dps=30)
    with mpmath.workdps(30):
        assert abs(s.q_map(s.q_star) - s.q_star) < mpmath.mpf(10) ** -27
    # the same quantities at 40 digits (recomputation at higher precision) agree to 30 digits
    t = SignalPropagation("tanh", mpmath.mpf(2) ** 2, mpmath.mpf("0.3") ** 2, dps=40)
    with mpmath.workdps(40):
        assert abs(t.q_star - s.q_star) < mpmath.mpf(10) ** -29 * t.q_star
        assert abs(t.chi1 - s.chi1) < mpmath.mpf(10) ** -29


def test_depth_scales_table_sigma_b2_005():
    # dynamics_statmech.md section 2, "Depth scales, tanh, sigma_b^2 = 0.05"
    rows = [
        (1.5, 0.41803720, 0.93863627, 1, 1.68283, 15.79099),
        (2.5, 1.06395838, 1.13351570, 0.44680423, 1.17987, 11.79560),
    ]
    for sw2, q, chi, c, xq, xc in rows:
        s = SignalPropagation("tanh", sw2, 0.05)
        assert abs(s.q_star - q) < 1e-8 and abs(s.chi1 - chi) < 1e-8
        assert abs(s.c_star - c) < 1e-8
        assert abs(s.xi_q - xq) < 1e-5 and abs(s.xi_c - xc) < 1e-5


@pytest.mark.filterwarnings("ignore::scipy.integrate.IntegrationWarning")  # reference at 1e-15
def test_c_star_is_a_fixed_point_and_float_route_has_12_digits():
    s = SignalPropagation("tanh", 2.5, 0.05)
    assert abs(s.c_map(s.c_star) - s.c_star) < 1e-13
    # independent route for chi1 at q*: scipy adaptive quadrature
    q = float(s.q_star)
    ref = (
        2.5
        * quad(
            lambda z: np.cosh(np.sqrt(q) * z) ** -4 * np.exp(-z * z / 2) / np.sqrt(2 * np.pi),
            -12,
            12,
            epsabs=1e-15,
            epsrel=1e-15,
            limit=200,
        )[0]
    )
    assert abs(s.chi1 - ref) < 1e-13


def test_xi_q_is_the_convergence_rate_of_the_length_map():
    # |q^l - q*| ~ e^{-l/xi_q}: ratio of successive distances -> e^{-1/xi_q}
    s = SignalPropagation("tanh", 2.0, 0.05, dps=25)
    qs = s.q_sequence(s.q_star + mpmath.mpf("1e-6"), 6)
    ratio = (qs[6] - s.q_star) / (qs[5] - s.q_star)
    assert abs(ratio - mpmath.exp(-1 / s.xi_q)) < 1e-5


def test_relu_exact():
    s = SignalPropagation("relu", sp.Rational(3, 2), sp.Rational(1, 10))
    assert s.q_star == sp.Rational(2, 5) and s.chi1 == sp.Rational(3, 4) and s.c_star == 1
    assert s.xi_q == -1 / sp.log(sp.Rational(3, 4)) == s.xi_c
    with pytest.raises(DomainError, match="Dirac"):
        _ = s.chi2
    with pytest.raises(DomainError, match="no finite"):
        _ = SignalPropagation("relu", 3, 0.1).q_star
    # ReLU correlation map at sigma_w2 = 2, sigma_b2 = 0 is q-independent: brief F1 f(0.5)
    r = SignalPropagation("relu", 1.999999, 1e-6)
    assert abs(r.c_map(0.5) - 0.608997781044229) < 1e-5


def test_tanh_ordered_below_one_at_zero_bias():
    # Poole et al.: tanh, sigma_b = 0: q* = 0 and chi1 = sigma_w^2 for sigma_w <= 1
    s = SignalPropagation("tanh", sp.Rational(1, 2), 0)
    assert s.q_star == 0 and abs(s.chi1 - 0.5) < 1e-18 and s.phase == "ordered"


@pytest.mark.filterwarnings("ignore::scipy.integrate.IntegrationWarning")  # reference at 1e-15
def test_chi2_tanh_against_scipy():
    s = SignalPropagation("tanh", 2.0, 0.05)
    q = float(s.q_star)

    def d2(x):
        t = np.tanh(x)
        return -2 * t * (1 - t * t)

    ref = (
        2.0
        * quad(
            lambda z: d2(np.sqrt(q) * z) ** 2 * np.exp(-z * z / 2) / np.sqrt(2 * np.pi),
            -12,
            12,
            epsabs=1e-15,
            epsrel=1e-15,
            limit=200,
        )[0]
    )
    assert abs(s.chi2 - ref) < 1e-12


def test_critical_line():
    # dynamics_statmech.md section 2 critical line (chi1 = 1), and exact anchors (Poole; He et al.)
    assert critical_sigma_w2("tanh", 0) == 1 and critical_sigma_w2("relu", 0.7) == 2
    assert critical_sigma_w2("erf", 0) == sp.pi / 4
    c = critical_sigma_w2("tanh", 0.05, dps=20)
    assert abs(c - mpmath.mpf("1.7609546396067")) < 1e-12
    assert abs(SignalPropagation("tanh", c, 0.05, dps=20).chi1 - 1) < 1e-15


def test_custom_sympy_activation_equals_named():
    x = sp.Symbol("x")
    a = SignalPropagation(sp.tanh(x), 2.0, 0.05)
    assert a.activation.name == "tanh"
    y = sp.Symbol("y")
    b = SignalPropagation(sp.sin(y), 2.0, 0.1, dps=15)
    # sin: E sin^2(sqrt(q) z) = (1 - e^{-2q})/2, so q* solves q = 2 (1 - e^{-2q})/2 + 0.1 (independent)
    q = mpmath.findroot(lambda q: (1 - mpmath.exp(-2 * q)) + mpmath.mpf("0.1") - q, 1)
    assert abs(b.q_star - q) < 1e-13


def test_errors_and_repr():
    with pytest.raises(InvalidInputError):
        SignalPropagation("tanh", -1, 0)
    with pytest.raises(InvalidInputError):
        SignalPropagation("tanh", float("nan"), 0)
    with pytest.raises(InvalidInputError):
        SignalPropagation("softplus", 1, 0)
    with pytest.raises(InvalidInputError):
        SignalPropagation("tanh", 1, 0, dps=True)
    s = SignalPropagation("tanh", 2, sp.Rational(1, 20))
    assert "tanh" in repr(s) and s._repr_latex_().startswith("$")
    with pytest.raises(InvalidInputError):
        s.c_map(1.5)


def test_kinked_custom_activations():
    # |x| and leaky ReLU are positively homogeneous: the length map is linear, q -> sigma_w2 k q + sigma_b2
    # with k = E phi(z)^2 (1 for |x|, (1 + a^2)/2 for leaky slope a): q*, chi1 = xi_q slope in closed form
    x = sp.Symbol("x")
    s = SignalPropagation(sp.Abs(x), 0.5, 0.1)
    assert abs(s.q_star - 0.2) < 1e-14 and abs(s.chi1 - 0.5) < 1e-14
    assert abs(s.xi_q - 1 / np.log(2)) < 1e-12
    with pytest.raises(DomainError):
        _ = s.chi2
    leaky = SignalPropagation(sp.Max(0, x) + sp.Min(0, x) / 10, 1.5, 0.1)
    k = 1.5 * (1 + 0.01) / 2
    assert abs(leaky.q_star - 0.1 / (1 - k)) < 1e-13 and abs(leaky.xi_q + 1 / np.log(k)) < 1e-11
