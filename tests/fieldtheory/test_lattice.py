"""Lattice oscillator (Creutz & Freedman 1981; wave2 F9) and convolution stencils (F10)."""

import mpmath
import pytest
import sympy as sp

from mathml.core.errors import InvalidInputError
from mathml.fieldtheory import conv_stencil, lattice_oscillator


def test_exact_formulas():
    osc = lattice_oscillator(2, sp.Rational(1, 3))
    assert osc.x2 == sp.radsimp(1 / (4 * sp.sqrt(1 + sp.Rational(1, 9))))
    # cosh(a E1) = 1 + a^2 omega^2 / 2 (Creutz-Freedman), at 50 digits
    assert abs(sp.N(sp.cosh(osc.gap / 3) - (1 + sp.Rational(2, 9)), 50)) < 1e-45


def test_transfer_matrix_to_1e12():
    for w, a in ((1.0, 0.5), (1.5, 0.2), (0.7, 1.3)):
        osc = lattice_oscillator(w, a)
        tm = osc.transfer_matrix()
        assert abs(tm["x2"] - float(osc.x2)) < 1e-12
        assert abs(tm["gap"] - float(osc.gap)) < 1e-12


def test_periodic_lattice_route():
    osc = lattice_oscillator(mpmath.mpf("1.5"), mpmath.mpf("0.25"))
    with mpmath.workdps(30):
        assert abs(osc.periodic_x2(300) - osc.x2) < mpmath.mpf(10) ** -25


def test_correlator_decay_is_gap():
    osc = lattice_oscillator(1.2, 0.3)
    r = osc.correlator(5) / osc.correlator(4)
    assert abs(r - mpmath.exp(-0.3 * osc.gap)) < 1e-15


def test_continuum_limit():
    assert abs(lattice_oscillator(2.0, 1e-5).x2 - 0.25) < 1e-10
    assert abs(lattice_oscillator(2.0, 1e-5).gap - 2.0) < 1e-9


def test_stencil():
    h = sp.Symbol("h", positive=True)
    assert conv_stencil([1 / h**2, -2 / h**2, 1 / h**2], h) == [0, 0, 1]
    # five-point stencil of phi'' is exact to fourth order: coefficients of orders 3, 4 vanish
    c = conv_stencil([-1, 16, -30, 16, -1], h, order=5)
    assert [sp.simplify(v) for v in c[:5]] == [0, 0, 12 * h**2, 0, 0]


def test_errors():
    with pytest.raises(InvalidInputError):
        lattice_oscillator(0, 1)
    with pytest.raises(InvalidInputError):
        lattice_oscillator(1, "a")
    with pytest.raises(InvalidInputError):
        conv_stencil([1, 2])
    with pytest.raises(InvalidInputError):
        conv_stencil([])
    osc = lattice_oscillator(1, 1)
    assert "LatticeOscillator" in repr(osc) and osc._repr_latex_().startswith("$")
