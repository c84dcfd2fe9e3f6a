"""Spin models: mandatory units, the factor 4, hermiticity, exact matrices, bad inputs."""

import math

import numpy as np
import pytest
import sympy as sp

import mathml as mm
from mathml.quantum import SpinModel, UnitsError, aklt, heisenberg, j1j2, lowest_energies, tfim
from mathml.quantum.operators import as_spin, configurations, dot_product, spin_matrices


@pytest.mark.parametrize("builder,args", [(tfim, (4, 1.0)), (heisenberg, (4,)), (j1j2, (5, 0.5))])
def test_units_are_mandatory(builder, args):
    with pytest.raises(UnitsError, match="units is mandatory"):
        builder(*args)
    with pytest.raises(UnitsError, match="'spin' or 'pauli'"):
        builder(*args, units="Pauli")
    assert issubclass(UnitsError, mm.MathmlError)


def test_factor_four_between_units():
    # sigma_i . sigma_j = 4 S_i . S_j: the Pauli spectrum is 4x the spin spectrum (independent: units)
    for model in (heisenberg,):
        es = lowest_energies(model(8, units="spin"), k=4)
        ep = lowest_energies(model(8, units="pauli"), k=4)
        assert np.allclose(ep, 4 * es, atol=1e-11)
    # J1-J2 too
    assert np.allclose(
        lowest_energies(j1j2(6, 0.3, units="pauli"), k=3),
        4 * lowest_energies(j1j2(6, 0.3, units="spin"), k=3),
        atol=1e-11,
    )
    # TFIM: bond 4x, field 2x: spin-unit (h, J) equals Pauli-unit (h/2, J/4)
    a = tfim(6, 0.8, 1.2, units="spin").matrix().toarray()
    b = tfim(6, 0.4, 0.3, units="pauli").matrix().toarray()
    assert np.allclose(a, b, atol=1e-15)


def test_heisenberg_pauli_units_against_the_brief():
    # brief section 5: N = 12 ring -5.387390917445 in spin units, so 4x that in Pauli units
    E = lowest_energies(heisenberg(12, units="pauli"), k=1, sector={"Sz": 0})[0]
    assert E == pytest.approx(4 * -5.387390917445, abs=1e-10)


@pytest.mark.parametrize(
    "model",
    [
        tfim(5, 0.7, units="pauli"),
        heisenberg(5, units="spin", delta=0.3),
        j1j2(6, 0.5, pbc=False, units="spin"),
        aklt(4),
    ],
)
def test_hamiltonians_are_hermitian_and_real(model):
    H = model.matrix()
    assert abs(H - H.getH()).max() < 1e-15
    assert not np.iscomplexobj(H.data)


def test_exact_matrix_equals_float_matrix_and_is_exact():
    model = j1j2(5, sp.Rational(1, 3), units="spin")
    E = model.exact_matrix()
    assert all(isinstance(v, sp.Rational) for v in E.values())
    assert np.allclose(np.array(E.evalf(), dtype=float), model.matrix().toarray(), atol=1e-15)
    # diagonal of |up up up up up>: 5 bonds * 1/4 + 5 * (1/3) * 1/4 (independent: by hand)
    assert E[0, 0] == sp.Rational(5, 4) + sp.Rational(5, 12)


def test_spin_matrices_commutation_and_casimir():
    for S in (sp.Rational(1, 2), 1, sp.Rational(3, 2)):
        Sz, Sp, Sm = spin_matrices(S)
        d = int(2 * as_spin(S) + 1)
        assert Sp * Sm - Sm * Sp == 2 * Sz  # [S+, S-] = 2 Sz
        Sx, Sy = (Sp + Sm) / 2, (Sp - Sm) / (2 * sp.I)
        casimir = sp.simplify(Sx * Sx + Sy * Sy + Sz * Sz)
        assert casimir == as_spin(S) * (as_spin(S) + 1) * sp.eye(d)
    # S.S for spin 1: total spin j -> (j(j+1) - 4)/2 = -2, -1, 1 with multiplicities 1, 3, 5
    assert sorted(dot_product(1).eigenvals().items()) == [(-2, 1), (-1, 3), (1, 5)]


def test_configurations_follow_the_basis_convention():
    c = configurations(3)
    assert c.shape == (8, 3) and c[0].tolist() == [1, 1, 1] and c[1].tolist() == [1, 1, -1]


def test_repr_and_latex():
    m = heisenberg(6, units="pauli")
    assert repr(m) == "SpinModel('heisenberg', N=6, spin=1/2, units='pauli', pbc=True, 6 terms)"
    tex = m._repr_latex_()
    assert tex.startswith("$$") and tex.endswith("$$") and r"\sigma" in tex and "pauli units" in tex
    assert "S^z" in tfim(4, 1, units="spin")._repr_latex_()
    assert r"\tfrac{1}{3}" in aklt(3)._repr_latex_()


@pytest.mark.parametrize(
    "bad",
    [
        lambda: tfim(-3, 1, units="pauli"),
        lambda: tfim("4", 1, units="pauli"),
        lambda: tfim(2, 1, units="pauli"),
        lambda: tfim(4, float("nan"), units="pauli"),
        lambda: tfim(4, "1", units="pauli"),
        lambda: tfim(4, True, units="pauli"),
        lambda: heisenberg(4, pbc="yes", units="spin"),
        lambda: heisenberg(30, units="spin"),
        lambda: aklt(16),
        lambda: tfim(4, sp.Symbol("h"), units="pauli"),
        lambda: tfim(4, 1 + 2j, units="pauli"),
        lambda: as_spin(0.3),
        lambda: as_spin(-1),
    ],
)
def test_bad_inputs_raise_clear_errors(bad):
    with pytest.raises(mm.InvalidInputError):
        bad()


def test_open_chain_has_fewer_bonds_and_no_momentum():
    m = heisenberg(6, pbc=False, units="spin")
    assert len(m.terms) == 5 and not m.translation_invariant
    # open chain L = 8 ground state (brief section 5: -3.374932598688)
    assert lowest_energies(heisenberg(8, pbc=False, units="spin"), k=1)[0] == pytest.approx(
        -3.374932598688, abs=1e-11
    )


def test_spin_model_dimension_and_local_dimension():
    m = aklt(5)
    assert (m.d, m.dimension) == (3, 243) and isinstance(m, SpinModel)
    assert math.isclose(float(m.spin), 1.0)
