"""Exact diagonalisation against published / brief oracles, and the symmetry sectors."""

import numpy as np
import pytest
import sympy as sp

from mathml.core.errors import InvalidInputError
from mathml.quantum import SectorError, aklt, ground_state, heisenberg, j1j2, lowest_energies, tfim
from mathml.quantum.sectors import embed, sector_matrix, sz_codes

# brief dynamics_statmech.md section 5, "Heisenberg ring, S-units" (Sz = 0 ED, Bethe agrees to 1e-12)
HEISENBERG = {
    4: -2.0,
    6: -2.802775637732,
    8: -3.651093408937,
    10: -4.515446354492,
    12: -5.387390917445,
    14: -6.263549533547,
    16: -7.142296360617,
}


@pytest.mark.parametrize("N", sorted(HEISENBERG))
def test_heisenberg_ring_table(N):
    E = lowest_energies(heisenberg(N, units="spin"), k=1, sector={"Sz": 0})[0]
    assert E == pytest.approx(HEISENBERG[N], abs=1e-11)


@pytest.mark.slow
@pytest.mark.parametrize("N,E0", [(18, -8.022749087034), (20, -8.904386529876)])
def test_heisenberg_ring_table_large(N, E0):
    # brief table (Sz = 0 ED) and the Bethe ansatz (independent route) for N = 18, 20
    from mathml.quantum import heisenberg_bethe

    ed = lowest_energies(heisenberg(N, units="spin"), k=1, sector={"Sz": 0})[0]
    assert ed == pytest.approx(E0, abs=1e-11)
    assert float(heisenberg_bethe(N)) == pytest.approx(ed, abs=1e-12)


def test_heisenberg_4x4_torus_not_a_chain_but_n16_ring_ok():
    # the ring value at N = 16 also appears with 15 digits in the brief (Q2: -7.142296360616784)
    E = lowest_energies(heisenberg(16, units="spin"), k=1, sector={"Sz": 0, "momentum": 0})[0]
    assert E == pytest.approx(-7.142296360616784, abs=1e-12)


@pytest.mark.parametrize("N", [3, 4, 5, 6, 7, 8])
def test_aklt_ground_energy(N):
    # AKLT 1987 / brief Q5: E0 = -2N/3 with H = sum S.S + (S.S)^2/3 (periodic)
    sector = {"Sz": 0}
    assert lowest_energies(aklt(N), k=1, sector=sector)[0] == pytest.approx(-2 * N / 3, abs=1e-11)


def test_aklt_open_chain_has_four_edge_states():
    # open AKLT chain: fourfold degenerate ground space at E = -2(N-1)/3 (two free spin-1/2 edges)
    E = lowest_energies(aklt(6, pbc=False), k=5)
    assert np.allclose(E[:4], -2 * 5 / 3, atol=1e-10) and E[4] > E[0] + 1e-3


@pytest.mark.parametrize("N", [6, 8, 10, 12])
def test_majumdar_ghosh_two_dimer_states(N):
    # Majumdar-Ghosh 1969 / brief Q6: E0 = -3N/8, twofold degenerate (N even, periodic)
    E = lowest_energies(j1j2(N, sp.Rational(1, 2), units="spin"), k=3, sector={"Sz": 0})
    assert np.allclose(E[:2], -3 * N / 8, atol=1e-11) and E[2] > E[0] + 1e-3


@pytest.mark.parametrize(
    "model", [heisenberg(6, units="spin"), j1j2(7, 0.4, units="pauli"), aklt(4), tfim(6, 0.6, units="pauli")]
)
def test_momentum_sectors_reassemble_the_spectrum(model):
    full = np.linalg.eigvalsh(model.matrix().toarray())
    parts = []
    for m in range(model.N):
        H, _ = sector_matrix(model, {"momentum": m})
        assert abs(H - H.getH()).max() < 1e-13
        parts += list(np.linalg.eigvalsh(H.toarray()))
    assert np.allclose(np.sort(parts), full, atol=1e-12)


def test_sz_sectors_reassemble_the_spectrum():
    model = j1j2(7, 0.3, units="spin")  # odd N: half-integer Sz
    full = np.linalg.eigvalsh(model.matrix().toarray())
    parts = []
    for two in range(-7, 8, 2):
        parts += list(np.linalg.eigvalsh(model.matrix({"Sz": sp.Rational(two, 2)}).toarray()))
    assert np.allclose(np.sort(parts), full, atol=1e-12)


def test_sector_errors():
    with pytest.raises(SectorError, match="does not conserve total Sz"):
        lowest_energies(tfim(4, 1, units="pauli"), sector={"Sz": 0})
    with pytest.raises(SectorError, match="not translation invariant"):
        lowest_energies(heisenberg(4, pbc=False, units="spin"), sector={"momentum": 0})
    with pytest.raises(SectorError, match="not a magnetisation"):
        lowest_energies(heisenberg(4, units="spin"), sector={"Sz": sp.Rational(1, 2)})
    with pytest.raises(SectorError, match="unknown sector key"):
        lowest_energies(heisenberg(4, units="spin"), sector={"parity": 1})
    with pytest.raises(SectorError, match="empty"):
        # Sz = 2 on 4 spins is the single all-up state, periodic R = 1: only k = 0 exists
        lowest_energies(heisenberg(4, units="spin"), sector={"Sz": 2, "momentum": 1})
    with pytest.raises(SectorError):
        lowest_energies(heisenberg(4, units="spin"), sector=[0])
    with pytest.raises(SectorError):
        lowest_energies(heisenberg(4, units="spin"), sector={"Sz": "0"})
    with pytest.raises(SectorError, match="integer m"):
        lowest_energies(heisenberg(4, units="spin"), sector={"momentum": 0.5})
    with pytest.raises(InvalidInputError, match="expected a SpinModel"):
        lowest_energies(None)


def test_lowest_energies_sorted_and_k_validated():
    E = lowest_energies(heisenberg(10, units="spin"), k=5, sector={"Sz": 0})
    assert np.all(np.diff(E) >= 0)
    assert len(lowest_energies(heisenberg(4, units="spin"), k=100)) == 16
    with pytest.raises(Exception, match="positive integer"):
        lowest_energies(heisenberg(4, units="spin"), k=0)


def test_ground_state_vectors_are_eigenvectors_in_the_full_basis():
    model = heisenberg(10, units="spin")
    for sector in ({"Sz": 0}, {"Sz": 0, "momentum": 5}):
        E, psi = ground_state(model, sector)
        assert np.linalg.norm(model.matrix() @ psi - E * psi) < 1e-10
        assert np.linalg.norm(psi) == pytest.approx(1, abs=1e-12)
    # N/2 = 5 odd: the ground state has momentum pi (m = 5), not 0 (Marshall sign)
    E5 = lowest_energies(model, k=1, sector={"Sz": 0, "momentum": 5})[0]
    E0 = lowest_energies(model, k=1, sector={"Sz": 0, "momentum": 0})[0]
    assert E5 == pytest.approx(HEISENBERG[10], abs=1e-11) and E0 > E5 + 0.1


def test_sz_codes_count_is_binomial():
    from math import comb

    assert len(sz_codes(heisenberg(12, units="spin"), 0)) == comb(12, 6)
    assert len(sz_codes(aklt(5), 0)) == 51  # trinomial coefficient [x^0](x^-1 + 1 + x)^5


def test_embed_momentum_vector_is_translation_eigenvector():
    model = heisenberg(6, units="spin")
    H, info = sector_matrix(model, {"Sz": 0, "momentum": 2})
    v = np.linalg.eigh(H.toarray())[1][:, 0]
    psi = embed(model, v, info)
    # translation T (site i -> i+1) acting on the full vector: T psi = e^{ik} psi with k = 2 pi 2 / 6
    idx = np.arange(64)
    rot = idx // 2 + (idx % 2) * 32
    Tpsi = np.zeros(64, dtype=complex)
    Tpsi[rot] = psi
    k = 2 * np.pi * 2 / 6
    # T psi = e^{ik} psi exactly (the Bloch states are sum_j e^{-ikj} T^j |a>)
    assert np.linalg.norm(Tpsi - np.exp(1j * k) * psi) < 1e-12


@pytest.mark.parametrize(
    "model",
    [
        heisenberg(6, units="spin", delta=0.4),
        tfim(7, 0.6, 0.9, units="pauli"),
        aklt(4),
        j1j2(6, 0.3, pbc=False, units="pauli"),
    ],
)
def test_flip_sectors_reassemble_the_spectrum(model):
    full = np.linalg.eigvalsh(model.matrix().toarray())
    for use_k in (False, True):
        if use_k and not model.translation_invariant:
            continue
        parts = []
        for m in range(model.N) if use_k else [None]:
            for z in (1, -1):
                sec = {"flip": z} if m is None else {"flip": z, "momentum": m}
                try:
                    H, info = sector_matrix(model, sec)
                except SectorError:
                    continue
                assert abs(H - H.getH()).max() < 1e-13
                w, v = np.linalg.eigh(H.toarray())
                parts += list(w)
                psi = embed(model, v[:, 0], info)
                assert np.linalg.norm(model.matrix() @ psi - w[0] * psi) < 1e-10
                # an inversion eigenvector: F psi = psi[::-1] (index b -> d^N - 1 - b)
                assert np.allclose(psi[::-1], z * psi, atol=1e-12)
        assert np.allclose(np.sort(parts), full, atol=1e-12)


def test_flip_sector_errors_and_ground_state_parity():
    with pytest.raises(SectorError, match="only with Sz = 0"):
        lowest_energies(heisenberg(6, units="spin"), sector={"Sz": 1, "flip": 1})
    with pytest.raises(SectorError, match="flip must be"):
        lowest_energies(heisenberg(6, units="spin"), sector={"flip": 0})
    # the N = 12 Heisenberg singlet ground state is even under inversion (N/2 = 6 even); N = 10: odd
    for N, z in ((12, 1), (10, -1)):
        E = lowest_energies(heisenberg(N, units="spin"), k=1, sector={"Sz": 0, "flip": z})[0]
        assert E == pytest.approx(HEISENBERG[N], abs=1e-11)


def test_heisenberg_4x4_torus():
    # brief Q3 [calc]: -11.22848320842886 (S-units); Pauli units -44.9139328 (varbench square_4_PP_16)
    from mathml.quantum import heisenberg_square

    E = lowest_energies(heisenberg_square(4, 4, units="spin"), k=1, sector={"Sz": 0, "flip": 1})[0]
    assert E == pytest.approx(-11.22848320842886, abs=1e-11)
    Ep = lowest_energies(heisenberg_square(4, 4, units="pauli"), k=1, sector={"Sz": 0})[0]
    assert Ep == pytest.approx(-44.9139328, abs=5e-8)
    # 2 x 2 open square = 4-site ring (independent: same bonds)
    assert lowest_energies(heisenberg_square(2, 2, False, units="spin"), k=3) == pytest.approx(
        lowest_energies(heisenberg(4, units="spin"), k=3), abs=1e-12
    )
    with pytest.raises(SectorError, match="not translation invariant"):
        lowest_energies(heisenberg_square(3, 3, units="spin"), sector={"momentum": 1})
    with pytest.raises(InvalidInputError):
        heisenberg_square(2, 4, units="spin")
