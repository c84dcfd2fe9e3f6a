"""Bethe ansatz, TFIM free fermions and block entropies against ED and the brief's tables."""

import mpmath
import numpy as np
import pytest

import mathml as mm
from mathml.quantum import (
    E_INF_HEISENBERG,
    bethe_roots,
    entanglement_entropy,
    ground_state,
    heisenberg,
    heisenberg_bethe,
    lowest_energies,
    tfim,
    tfim_block_entropy,
    tfim_free_fermion,
    tfim_free_fermion_levels,
)
from mathml.quantum.exact import tfim_correlations


@pytest.mark.parametrize("N", [4, 6, 8, 10, 12, 14, 16])
def test_bethe_equals_ed(N):
    # independent routes: Bethe equations (mpmath Newton) vs Sz = 0 sparse ED
    ed = lowest_energies(heisenberg(N, units="spin"), k=1, sector={"Sz": 0})[0]
    assert float(heisenberg_bethe(N)) == pytest.approx(ed, abs=1e-12)


def test_bethe_against_brief_20_digits():
    # brief section 5: N = 8 -3.6510934089371753063, N = 16 -7.1422963606167798639,
    # N = 80 -35.462076149721303002 (per site -0.44327595187151628753)
    with mpmath.workdps(30):
        assert abs(heisenberg_bethe(8, digits=25) - mpmath.mpf("-3.6510934089371753063")) < 1e-18
        assert abs(heisenberg_bethe(16, digits=25) - mpmath.mpf("-7.1422963606167798639")) < 1e-18
        e80 = heisenberg_bethe(80, digits=22)
        assert abs(e80 - mpmath.mpf("-35.462076149721303002")) < 1e-17
        assert abs(e80 / 80 - mpmath.mpf("-0.44327595187151628753")) < 1e-19


def test_bethe_roots_solve_the_bethe_equations():
    N, M = 10, 5
    with mpmath.workdps(40):
        x = bethe_roots(N, digits=30)
        for j in range(M):
            I = mpmath.mpf(j) - mpmath.mpf(M - 1) / 2
            res = N * mpmath.atan(2 * x[j]) - mpmath.pi * I - sum(mpmath.atan(x[j] - x[k]) for k in range(M))
            assert abs(res) < mpmath.mpf(10) ** -28


def test_bethe_thermodynamic_limit_and_units():
    # Hulthen: 1/4 - ln 2; finite-size correction -pi^2/(12 N^2) (conformal, v = pi/2, c = 1)
    with mpmath.workdps(30):
        assert abs(E_INF_HEISENBERG - (mpmath.mpf(1) / 4 - mpmath.log(2))) < 1e-29
        e = heisenberg_bethe(40) / 40
        assert abs(e - E_INF_HEISENBERG + mpmath.pi**2 / (12 * 40**2)) < 0.03 * mpmath.pi**2 / (12 * 40**2)
    with mpmath.workdps(25):
        assert abs(heisenberg_bethe(6, units="pauli") - 4 * heisenberg_bethe(6)) < 1e-17


@pytest.mark.parametrize("bad", [5, 0, -4, 2.0, "8", True, 1000])
def test_bethe_rejects_odd_or_non_integer_n(bad):
    with pytest.raises(mm.InvalidInputError):
        heisenberg_bethe(bad)


# brief section 5, "TFIM, exact diagonalisation = free fermions"
TFIM = [
    (4, 1, -5.226251859506),
    (8, 0.5, -8.509082235140),
    (8, 1, -10.251661790966),
    (8, 2, -17.018164470281),
    (10, 1, -12.784906442999),
    (12, 1, -15.322595151081),
    (80, 0.5, -85.083552797869),
    (80, 1, -101.865708857905),
    (80, 2, -170.167105595738),
]


@pytest.mark.parametrize("N,h,E0", TFIM)
def test_tfim_free_fermion_table(N, h, E0):
    assert tfim_free_fermion(N, h) == pytest.approx(E0, abs=1e-11)


def test_tfim_closed_form_at_criticality():
    # E0 = -2 / sin(pi / (2N)) at h = J = 1 (brief Q1), and E0/N -> -4/pi
    for N in (4, 8, 16, 100):
        assert tfim_free_fermion(N, 1) == pytest.approx(-2 / np.sin(np.pi / (2 * N)), rel=1e-13)
    assert tfim_free_fermion(4000, 1) / 4000 == pytest.approx(-4 / np.pi, abs=1e-7)


@pytest.mark.parametrize("N", [3, 4, 5, 6, 7, 9, 10])
@pytest.mark.parametrize(
    "h,J", [(1, 1), (0.5, 1), (2, 1), (-0.7, 1), (0.3, -1), (1.3, -0.4), (0, 1), (1, 0), (0.99, 1)]
)
def test_tfim_levels_equal_ed(N, h, J):
    # both parity sectors with their boundary conditions: the 8 lowest levels agree with ED
    ed = np.linalg.eigvalsh(tfim(N, h, J, units="pauli").matrix().toarray())[:8]
    assert np.allclose(tfim_free_fermion_levels(N, h, J, k=8), ed, atol=1e-12)


def test_tfim_negative_field_same_spectrum():
    # H(-h) = Z H(h) Z with Z = prod sigma^z (the NetKet #771 hazard): identical spectra
    assert np.allclose(
        tfim_free_fermion_levels(8, -0.6, k=10), tfim_free_fermion_levels(8, 0.6, k=10), atol=1e-12
    )


def test_tfim_spin_units():
    ed = lowest_energies(tfim(8, 0.7, 1.1, units="spin"), k=3)
    assert np.allclose(tfim_free_fermion_levels(8, 0.7, 1.1, k=3, units="spin"), ed, atol=1e-12)


@pytest.mark.parametrize("h", [1.0, 0.5, 2.0])
def test_block_entropy_ring_equals_ed(h):
    N = 10
    _, psi = ground_state(tfim(N, h, units="pauli"))
    for ell in range(1, N // 2 + 1):
        assert tfim_block_entropy(ell, h, N=N) == pytest.approx(entanglement_entropy(psi, ell), abs=1e-10)


def test_infinite_chain_correlations_closed_form_vs_midpoint():
    # at h = J: g_l = 2 / (pi (2l - 1)) exactly; the midpoint rule (h = J + 0) must approach it
    G = tfim_correlations(6, 1.0, 1.0)
    G2 = tfim_correlations(6, 1.0, 1.0 + 1e-12, points=2**16)
    assert np.allclose(G, G2, atol=1e-6)


def test_block_entropy_central_charge_and_gapped_saturation():
    ells = np.array([50, 100, 200, 400])
    S = np.array([tfim_block_entropy(int(ell)) for ell in ells])
    slope = np.polyfit(np.log(ells), S, 1)[0]
    assert 3 * slope == pytest.approx(0.5, abs=2e-3)  # c = 1/2 (Calabrese-Cardy)
    # off criticality the entropy saturates (area law)
    assert tfim_block_entropy(200, 2.0) == pytest.approx(tfim_block_entropy(100, 2.0), abs=1e-10)
    # h -> infinity: product state, S = 0; h = 0, J = 1: GHZ-like cat state, S = ln 2
    assert tfim_block_entropy(10, 1e6) < 1e-8
    assert tfim_block_entropy(10, 1e-9, 1) == pytest.approx(np.log(2), abs=1e-6)


@pytest.mark.parametrize(
    "bad",
    [
        lambda: tfim_block_entropy(0),
        lambda: tfim_block_entropy(2.5),
        lambda: tfim_block_entropy(5, N=4),
        lambda: tfim_free_fermion(8, float("nan")),
        lambda: tfim_free_fermion(8, 1, units="spn"),
        lambda: tfim_free_fermion(1, 1),
        lambda: tfim_free_fermion_levels(8, 1, k=0),
    ],
)
def test_exact_bad_inputs(bad):
    with pytest.raises(mm.InvalidInputError):
        bad()


def test_tfim_against_an_outside_test_suite():
    # Cytnx pytests/example/ED/ed_ising_test.py: L = 4, J = 1, Hx = 0.3 (periodic): E0 = -4.092961599426854
    assert tfim_free_fermion(4, 0.3) == pytest.approx(-4.092961599426854, abs=1e-12)
    assert lowest_energies(tfim(4, 0.3, units="pauli"), k=1)[0] == pytest.approx(
        -4.092961599426854, abs=1e-12
    )
