"""Cos-net two- and four-point functions (gauge_hamiltonian_nnft.md section 3.1; wave2 F3, F4)."""

import mpmath
import numpy as np
import pytest
import sympy as sp

from mathml.core.errors import InvalidInputError
from mathml.fieldtheory import CosNet, cutoff_propagator


def test_two_point_table():
    # brief F3 (m = 1)
    table = {10: ("0.29760311", "0.182786"), 100: ("0.30324622", "0.18392307")}
    for lam, (g05, g1) in table.items():
        net = CosNet(1, lam, 3)
        assert mpmath.nstr(net.two_point(0, 0.5), 8) == g05
        assert mpmath.nstr(net.two_point(1, 0), len(g1) - 2) == g1
        assert net.two_point(0, 0) == sp.atan(lam) / sp.pi


def test_two_point_e1_closed_form():
    # closed form through E1 (brief section 3.1), independent of the quadrature
    m, lam, tau = mpmath.mpf(1), mpmath.mpf(3), mpmath.mpf(2)
    with mpmath.workdps(30):
        cf = mpmath.exp(-m * tau) / (2 * m) - (1 / mpmath.pi) * mpmath.re(
            (
                mpmath.exp(-m * tau) * mpmath.e1(-1j * (lam - 1j * m) * tau)
                - mpmath.exp(m * tau) * mpmath.e1(-1j * (lam + 1j * m) * tau)
            )
            / (2j * m)
        )
    assert abs(cutoff_propagator(2, 1, 3, dps=20, method="quadrature") - cf) < 1e-18
    assert abs(cf - mpmath.mpf("0.0598486")) < 1e-7  # brief: Lambda = 3, G(2)


def test_large_cutoff_limit():
    # Lambda -> infinity: e^{-m|t|}/(2m); the tail (1/pi) int_L^oo cos(pt)/p^2 is below 1/(pi t L^2)
    v = cutoff_propagator(0.7, 2, 400, dps=15)
    assert abs(v - mpmath.exp(-1.4) / 4) < 1 / (mpmath.pi * 0.7 * 400**2)


def test_four_point_value_and_scaling():
    # brief F4: N G4c = 1.198082263 at m = 1, Lambda = 5, points (0, .3, .7, 1)
    v = CosNet(1, 5, 1).four_point_connected(0, 0.3, 0.7, 1.0)
    assert abs(v - mpmath.mpf("1.198082263")) < 1e-9
    assert abs(7 * CosNet(1, 5, 7).four_point_connected(0, 0.3, 0.7, 1.0) - v) < 1e-13


def test_monte_carlo_every_width():
    # two-point exact at N = 1 and N = 3 (not only as N -> infinity); 4-pt within Monte Carlo error
    for width in (1, 3):
        net = CosNet(1, 3, width)
        x = net.sample(400_000, seed=width, taus=[0.0, 1.0])
        g = x[:, 0] * x[:, 1]
        err = 4 * g.std() / np.sqrt(g.size)
        assert abs(g.mean() - float(net.two_point(0, 1))) < err


def test_sample_parameters_distributions():
    a, b, c = CosNet(2, 3, 4).sample_parameters(50_000, seed=3)
    assert abs(a.var() * 4 - 1) < 0.03 and abs(b).max() <= 3 and abs(c).max() <= np.pi
    assert abs(b.var() - 3.0) < 0.05  # Uniform(-3, 3): variance Lambda^2/3


def test_errors_and_repr():
    for bad in ((0, 1, 1), (1, -1, 1), (1, 1, 0), (1, 1, 2.5), ("a", 1, 1), (float("nan"), 1, 1)):
        with pytest.raises(InvalidInputError):
            CosNet(*bad)
    net = CosNet(1, 2, 3)
    with pytest.raises(InvalidInputError):
        net.sample(-5, seed=0)
    with pytest.raises(InvalidInputError):
        net.sample(10, seed=0, taus=[float("inf")])
    assert "CosNet" in repr(net) and net._repr_latex_().startswith("$")


def test_quartic_integral_closed_form_vs_quadrature():
    # I4(s) = -(1/2m) d/dm I2(s) against period-by-period quadrature (independent route)
    from mathml.fieldtheory.cosnet import _i4, _osc_quad

    with mpmath.workdps(25):
        for s, m, lam in ((0.4, 1, 5), (1.3, 2, 7), (0, 1.5, 3)):
            s, m, lam = mpmath.mpf(s), mpmath.mpf(m), mpmath.mpf(lam)
            quad = _osc_quad(lambda p, s=s, m=m: mpmath.cos(p * s) / (p * p + m * m) ** 2, lam, s)
            assert abs(_i4(s, m, lam) - quad) < mpmath.mpf(10) ** -20


def test_huge_cutoff_is_fast_and_tends_to_the_continuum():
    # closed form: no oscillatory quadrature over 10^6 periods; tail below 1/(pi tau Lambda^2)
    v = cutoff_propagator(0.37, 2, 1e6, dps=15)
    assert abs(v - mpmath.exp(-0.74) / 4) < 1 / (mpmath.pi * 0.37 * 1e12)
    with pytest.raises(InvalidInputError):
        cutoff_propagator(0.37, 2, 1e6, method="quadrature")
