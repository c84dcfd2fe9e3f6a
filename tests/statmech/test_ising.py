"""Ising chain and 2D torus against the brief's oracles and independent enumerations."""

from fractions import Fraction

import mpmath
import numpy as np
import pytest
import sympy as sp

from mathml import InvalidInputError
from mathml.statmech import (
    K_C,
    Ising2D,
    IsingChain,
    SizeLimitError,
    decimation_coupling,
    density_of_states,
    onsager_free_energy,
    onsager_internal_energy,
    onsager_specific_heat,
    yang_magnetisation,
)

K7 = Fraction(7, 10)


def test_chain_oracles_brief_s5():
    # brief dynamics_statmech.md section 4: Z_10(0.7) = 10003.1422471481920961, ln Z = 9.21065454733275569394
    with mpmath.workdps(30):
        z = IsingChain(10, K7).partition_function(dps=30)
        assert mpmath.almosteq(z, mpmath.mpf("10003.1422471481920961"), 1e-20)  # 21 digits given
        lz = IsingChain(10, K7).log_partition_function(dps=30)
        assert mpmath.almosteq(lz, mpmath.mpf("9.21065454733275569394"), 1e-20)
        # K' = 0.382942822864013044860, tanh K' = tanh^2 K = 0.365260410017541412633
        kp = sp.N(decimation_coupling(sp.Rational(7, 10)), 30)
        assert abs(kp - sp.Float("0.382942822864013044860", 30)) < 1e-20  # 21 digits given
        assert abs(sp.N(sp.tanh(kp), 30) - sp.Float("0.365260410017541412633", 30)) < 1e-20


def test_chain_transfer_equals_brute_exact():
    # independent: brute force collects exact integer counts; transfer uses the eigenvalues
    for pbc, N in ((True, 7), (False, 6)):
        c = IsingChain(N, sp.Rational(2, 5), sp.Rational(1, 3), pbc=pbc)
        diff = sp.N(c.partition_function() - c.partition_function("brute"), 40)
        assert abs(diff) < 1e-30


def test_chain_decimation_identity_with_field():
    # Z_N(K, h) = A^{N/2} Z_{N/2}(K', h') against brute force at 30 digits
    c = IsingChain(12, Fraction(3, 5), Fraction(-1, 4))
    A, half = c.decimate()
    with mpmath.workdps(30):
        lhs = c.partition_function("brute", dps=30)
        rhs = mpmath.mpf(sp.N(A, 35)) ** 6 * half.partition_function(dps=30)
        assert mpmath.almosteq(lhs, rhs, 1e-25)


def test_open_chain_decimation_and_formula():
    c = IsingChain(7, 0.45, pbc=False)
    A, coarse = c.decimate()
    assert coarse.N == 4 and not coarse.pbc
    assert np.isclose(A**3 * coarse.partition_function(), c.partition_function(), rtol=1e-13)
    assert np.isclose(c.partition_function(), 2 * (2 * np.cosh(0.45)) ** 6, rtol=1e-13)


def test_chain_errors():
    with pytest.raises(InvalidInputError):
        IsingChain(0, 1)
    with pytest.raises(InvalidInputError):
        IsingChain(4, "0.3")
    with pytest.raises(InvalidInputError):
        IsingChain(4, float("nan"))
    with pytest.raises(InvalidInputError):
        IsingChain(5, 0.3).decimate()
    with pytest.raises(SizeLimitError):
        IsingChain(30, 0.3).partition_function("brute")
    with pytest.raises(InvalidInputError):
        IsingChain(4, 0.3).partition_function("magic")


def test_density_of_states_brief_tables():
    # brief dynamics_statmech.md section 4 brute-force tables
    assert density_of_states(2) == {-8: 2, 0: 12, 8: 2}
    assert density_of_states(3) == {-18: 2, -10: 18, -6: 48, -2: 198, 2: 144, 6: 102}
    g4 = {32: 2, 24: 32, 20: 64, 16: 424, 12: 1728, 8: 6688, 4: 13568}
    expected = {**g4, **{-e: c for e, c in g4.items()}, 0: 20524}
    assert density_of_states(4) == expected


def test_energy_matches_dos_enumeration():
    # independent: Ising2D.energy on explicit arrays, summed into a histogram
    rng = np.random.default_rng(0)
    s = rng.choice([-1, 1], size=(3, 3))
    E = Ising2D(3, 0.1).energy(s)
    assert E in density_of_states(3)
    assert Ising2D(3, 0.1).energy(np.ones((3, 3), int)) == -18


@pytest.mark.parametrize(
    "L, K, value",
    [
        (2, "0.5", "121.2329313440659465168"),
        (3, "0.5", "20437.98321384725570166"),
        (4, "0.5", "26839013.61226279250585"),
    ],
)
def test_z_values_brief(L, K, value):
    with mpmath.workdps(30):
        for method in ("kaufman", "transfer", "brute"):
            z = Ising2D(L, mpmath.mpf(K)).partition_function(method, dps=30)
            assert mpmath.almosteq(z, mpmath.mpf(value), 1e-21), method


def test_z_at_kc_brief():
    assert Ising2D(4, K_C).partition_function("brute") == 5509120
    assert Ising2D(2, K_C).partition_function("brute") == 80
    with mpmath.workdps(30):
        z3 = Ising2D(3, K_C).partition_function("kaufman", dps=30)
        assert mpmath.almosteq(z3, mpmath.mpf("8268.541407545172654905"), 1e-20)
        assert mpmath.almosteq(Ising2D(4, K_C).partition_function("kaufman"), 5509120, 1e-25)
        v = Ising2D(4, K_C).log_partition_function() / 16
        assert abs(v - mpmath.mpf("0.9701197161722052")) < 1e-15


def test_kaufman_vs_transfer_up_to_8():
    for L in range(2, 9):
        for K in (0.25, 0.44, 0.7):
            a = Ising2D(L, K).log_partition_function("kaufman", dps=20)
            b = Ising2D(L, K).log_partition_function("transfer", dps=20)
            assert abs(a - b) < 1e-12 * abs(a)


def test_kc_and_onsager_oracles():
    with mpmath.workdps(30):
        assert abs(sp.N(K_C, 30) - sp.Float("0.44068679350977151261630466", 30)) < 1e-25
        assert abs(sp.N(1 / K_C, 30) - sp.Float("2.26918531421302196811449081", 30)) < 1e-24
        # brief S2: -beta f(K_c), -beta f(0.5), -beta f(0.3)
        assert mpmath.almosteq(
            onsager_free_energy(K_C, dps=30), mpmath.mpf("0.929695398341610214985385"), 1e-24
        )
        assert mpmath.almosteq(
            onsager_free_energy(mpmath.mpf("0.5")), mpmath.mpf("1.025792812694917575689449"), 1e-24
        )
        assert mpmath.almosteq(
            onsager_free_energy(Fraction(3, 10)), mpmath.mpf("0.7905590709512628658974187"), 1e-24
        )
        assert mpmath.almosteq(onsager_internal_energy(K_C), -mpmath.sqrt(2), 1e-25)


def test_onsager_is_the_large_L_limit():
    # independent route: Kaufman's ln Z / L^2 at L = 64 (finite-size error ~ e^{-L/xi}) at K = 0.3 and 0.6;
    # in the ordered phase the torus has two degenerate phases: Z_L ~ 2 e^{-beta f L^2}
    for K, degeneracy in ((Fraction(3, 10), 1), (Fraction(3, 5), 2)):
        with mpmath.workdps(25):
            big = (Ising2D(64, K).log_partition_function(dps=25) - mpmath.log(degeneracy)) / 64**2
            assert abs(big - onsager_free_energy(K, dps=25)) < 1e-15


def test_yang_oracles():
    # brief S3: M(0.5) = 0.911319377877495977519, M(0.6) = 0.973608667440300505509
    with mpmath.workdps(30):
        assert mpmath.almosteq(
            yang_magnetisation(mpmath.mpf("0.5")), mpmath.mpf("0.911319377877495977519"), 1e-20
        )
        assert mpmath.almosteq(
            yang_magnetisation(mpmath.mpf("0.6")), mpmath.mpf("0.973608667440300505509"), 1e-20
        )
    assert yang_magnetisation(0.3) == 0.0
    assert yang_magnetisation(K_C) == 0


def test_finite_specific_heat_equals_energy_fluctuations():
    # independent: c = K^2 Var(E) / L^2 from the enumerated density of states of the 3 x 3 torus
    K = 0.42
    g = density_of_states(3)
    E = np.array(list(g), dtype=float)
    w = np.array(list(g.values()), dtype=float) * np.exp(-K * E)
    w /= w.sum()
    var = np.sum(w * E**2) - np.sum(w * E) ** 2
    assert abs(float(Ising2D(3, K).specific_heat()) - K**2 * var / 9) < 1e-10
    u = float(Ising2D(3, K).internal_energy())
    assert abs(u - np.sum(w * E) / 9) < 1e-10


def test_onsager_specific_heat_positive_and_peaked():
    vals = [float(onsager_specific_heat(k, dps=15)) for k in (0.3, 0.4, 0.43, 0.45, 0.5)]
    assert all(v > 0 for v in vals)
    assert vals[2] > vals[1] > vals[0] and vals[3] > vals[4]


def test_ising2d_errors():
    with pytest.raises(InvalidInputError):
        Ising2D(1, 0.4)
    with pytest.raises(InvalidInputError):
        Ising2D(-3, 0.4)
    with pytest.raises(SizeLimitError):
        Ising2D(6, 0.4).partition_function("brute")
    with pytest.raises(SizeLimitError):
        Ising2D(11, 0.4).partition_function("transfer")
    with pytest.raises(InvalidInputError):
        Ising2D(4, sp.Symbol("K")).partition_function("kaufman")
    with pytest.raises(InvalidInputError):
        Ising2D(4, 0.4).energy(np.zeros((4, 4)))
    with pytest.raises(InvalidInputError):
        Ising2D(4, float("inf"))


def test_symbolic_brute_and_repr():
    K = sp.Symbol("K", positive=True)
    z = Ising2D(2, K).partition_function("brute")
    assert sp.simplify(z - (2 * sp.exp(8 * K) + 12 + 2 * sp.exp(-8 * K))) == 0
    assert Ising2D(2, K)._repr_latex_().startswith("$")
    assert IsingChain(4, K)._repr_latex_().startswith("$")


def test_overflow_and_size_limits_are_clear():
    with pytest.raises(InvalidInputError, match="log_partition_function"):
        IsingChain(10**7, 0.3).partition_function()
    assert IsingChain(10**7, 0.3).log_partition_function() > 0
    with pytest.raises(SizeLimitError):
        Ising2D(2**31, 0.4).log_partition_function()
    # antiferromagnet on the even torus: transfer matrix works and equals the ferromagnet (bipartite)
    a = Ising2D(4, -0.4).log_partition_function("transfer")
    assert abs(a - Ising2D(4, 0.4).log_partition_function()) < 1e-25


def test_onsager_double_integral_form_has_constant_ln2():
    # brief section 4: -beta f = ln 2 + (1/2 pi^2) int_0^pi int_0^pi ln[cosh^2 2K - sinh 2K (cos t1 + cos t2)]
    # dt1 dt2;
    # "the constant is ln 2, not ln 2 / 2".  Independent route: scipy dblquad (double precision).
    from scipy.integrate import dblquad

    K = 0.3
    c, s = np.cosh(2 * K), np.sinh(2 * K)
    val, err = dblquad(
        lambda t2, t1: np.log(c**2 - s * (np.cos(t1) + np.cos(t2))),
        0,
        np.pi,
        0,
        np.pi,
        epsabs=1e-13,
        epsrel=1e-13,
    )
    double_form = np.log(2) + val / (2 * np.pi**2)
    assert abs(double_form - float(onsager_free_energy(K, dps=20))) < 1e-10
