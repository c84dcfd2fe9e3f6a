"""MPS, AKLT MPS, RBM -> MPS, TTN and the perfect tensor."""

import numpy as np
import pytest
import sympy as sp

import mathml as mm
from mathml.quantum import (
    MPS,
    TTN,
    RBMState,
    aklt,
    aklt_matrices,
    aklt_mps,
    entanglement_entropy,
    five_qubit_code_states,
    five_qubit_code_tensor,
    perfect_tensor_cuts,
    rbm_bond_bound,
    rbm_to_mps,
    schmidt_values,
)


def test_from_dense_round_trip_and_canonical_forms():
    rng = np.random.default_rng(0)
    psi = rng.normal(size=2**7) + 1j * rng.normal(size=2**7)
    psi /= np.linalg.norm(psi)
    mps = MPS.from_dense(psi)
    assert mps.bond_dimensions == [2, 4, 8, 8, 4, 2]
    assert np.allclose(mps.to_dense(), psi, atol=1e-13)
    assert mps.is_left_canonical() and not mps.is_right_canonical()
    right = mps.right_canonical()
    assert right.is_right_canonical() and np.allclose(right.to_dense(), psi, atol=1e-13)
    assert mps.left_canonical().is_left_canonical()
    assert mps.norm() == pytest.approx(1, abs=1e-13)


def test_schmidt_values_match_dense_svd():
    rng = np.random.default_rng(1)
    psi = rng.normal(size=2**8)
    mps = MPS.from_dense(psi)
    for bond in range(1, 8):
        sv = mps.schmidt_values(bond)
        ref = schmidt_values(psi, bond)
        assert np.allclose(sv, ref[: len(sv)], atol=1e-12)
        assert mps.entanglement_entropy(bond) == pytest.approx(entanglement_entropy(psi, bond), abs=1e-12)


def test_truncation_keeps_largest_schmidt_values():
    rng = np.random.default_rng(2)
    psi = rng.normal(size=2**8)
    psi /= np.linalg.norm(psi)
    trunc = MPS.from_dense(psi, max_bond=4)
    assert max(trunc.bond_dimensions) == 4
    # a single cut truncated to 4 values: the overlap is at most the kept weight (Eckart-Young)
    kept = np.sum(schmidt_values(psi, 4)[:4] ** 2)
    assert abs(np.vdot(trunc.to_dense(), psi)) ** 2 <= kept + 1e-12


def test_aklt_mps_is_exact_ground_state_and_norm_formula():
    for N in (3, 4, 5, 6, 7):
        mps = aklt_mps(N)
        v = mps.to_dense()
        H = aklt(N).matrix()
        assert np.linalg.norm(H @ v + 2 * N / 3 * v) < 1e-12 * np.linalg.norm(v)
        # <psi|psi> = tr E^N = 1 + 3 (-1/3)^N (transfer matrix eigenvalues 1, -1/3 x 3)
        assert mps.norm() ** 2 == pytest.approx(1 + 3 * (-1 / 3) ** N, rel=1e-13)
    A = aklt_matrices(exact=True)
    assert sum((a * a.T for a in A), sp.zeros(2, 2)) == sp.eye(2)  # also right-normalised
    assert repr(aklt_mps(4)) == "MPS(N=4, d=3, periodic, bonds=[2, 2, 2, 2])"
    assert r"\operatorname{tr}" in aklt_mps(4)._repr_latex_()


def test_aklt_entanglement_approaches_ln2_plus():
    # AKLT bulk: two Schmidt values 1/2 in the thermodynamic limit -> S -> ln 2 (AKLT 1987 / valence bonds)
    v = aklt_mps(10).to_dense()
    S = entanglement_entropy(v, 5, d=3)
    assert abs(S - 2 * np.log(2)) < 0.01  # periodic ring: two cuts, 2 ln 2


def test_rbm_to_mps_exact_and_bond_bound():
    rng = np.random.default_rng(3)
    for _ in range(5):
        W = rng.normal(0, 0.5, (6, 4)) * (rng.random((6, 4)) < 0.5)
        rbm = RBMState(rng.normal(0, 0.3, 6), rng.normal(0, 0.3, 4) + 1j * rng.normal(0, 0.2, 4), W)
        mps = rbm_to_mps(rbm)
        bound = rbm_bond_bound(rbm)
        assert mps.bond_dimensions == bound
        assert np.allclose(mps.to_dense(), rbm.amplitudes(normalize=False), rtol=1e-12)
        psi = rbm.amplitudes()
        for c in range(1, 6):
            sv = schmidt_values(psi, c)
            assert np.sum(sv > 1e-10 * sv[0]) <= bound[c - 1]


def test_rbm_bond_bound_by_hand():
    # hidden 0 couples sites 0 and 3 (crosses cuts 1, 2, 3); hidden 1 couples site 2 only (local)
    W = np.zeros((4, 2))
    W[0, 0] = W[3, 0] = 1.0
    W[2, 1] = 0.5
    assert rbm_bond_bound(RBMState(np.zeros(4), np.zeros(2), W)) == [2, 2, 2]


def test_ttn_four_site_state_and_schmidt_bound():
    rng = np.random.default_rng(4)
    B = rng.normal(size=(3, 2))
    A1, A2 = rng.normal(size=(3, 2, 2)), rng.normal(size=(2, 2, 2))
    ttn = TTN(B, [A1, A2])
    ref = np.einsum("mn,mij,nkl->ijkl", B, A1, A2).reshape(-1)  # the seed's B_mn A_mij A_nkl
    assert np.allclose(ttn.to_dense(), ref, atol=1e-14)
    assert np.sum(schmidt_values(ref, 2) > 1e-12) <= 2  # cut between the branches: D = 2
    assert ttn.N == 4 and ttn.branch_sites == [[0, 1], [2, 3]]
    assert "B_{" in ttn._repr_latex_() and repr(ttn) == "TTN(N=4, d=2, bonds=[3, 2])"


def test_five_qubit_code_and_perfect_tensor():
    states = five_qubit_code_states()
    assert set(np.unique(states)) == {-1, 0, 1} and (states != 0).sum(axis=1).tolist() == [16, 16]
    T = five_qubit_code_tensor()
    cuts = perfect_tensor_cuts(T)
    assert len(cuts) == 20
    for M in cuts.values():
        assert np.array_equal(M @ M.T, 4 * np.eye(8, dtype=np.int64))
        assert np.allclose(np.linalg.svd(M / 4, compute_uv=False), 0.5)  # brief Q8: singular values 1/2
    # a GHZ tensor on six legs is not perfect
    ghz = np.zeros((2,) * 6)
    ghz[(0,) * 6] = ghz[(1,) * 6] = 1
    assert not all(
        np.allclose(M @ M.T, (M @ M.T).trace() / 8 * np.eye(8)) for M in perfect_tensor_cuts(ghz).values()
    )


@pytest.mark.parametrize(
    "bad",
    [
        lambda: MPS([]),
        lambda: MPS([np.ones((1, 2, 2)), np.ones((3, 2, 1))]),
        lambda: MPS([np.ones((2, 2))]),
        lambda: MPS([np.ones((1, 2, 1)), np.ones((1, 3, 1))]),
        lambda: MPS.from_dense(np.ones(6)),
        lambda: MPS.from_dense(np.zeros(8)),
        lambda: aklt_mps(4).left_canonical(),
        lambda: aklt_mps(1),
        lambda: MPS.from_dense(np.ones(8)).schmidt_values(0),
        lambda: TTN(np.eye(2), [np.ones((2, 2))] * 3),
        lambda: TTN(np.eye(2), [np.ones((3, 2)), np.ones((2, 2))]),
        lambda: perfect_tensor_cuts(np.ones((2, 2, 2))),
        lambda: schmidt_values(np.ones(8), [0, 0]),
        lambda: schmidt_values(np.ones(8), -1),
        lambda: rbm_to_mps(np.ones(3)),
        lambda: schmidt_values(np.ones(7), 1),
    ],
)
def test_bad_inputs(bad):
    with pytest.raises(mm.InvalidInputError):
        bad()


def test_perfect_tensor_check_verdicts():
    from mathml.quantum import perfect_tensor_check

    assert perfect_tensor_check(five_qubit_code_tensor()).status.value == "proved"
    # float version of the same tensor: consistent (not proved)
    assert perfect_tensor_check(five_qubit_code_tensor() / 4.0).status.value == "consistent"
    # a random 4-leg tensor is not perfect
    T = np.random.default_rng(0).integers(-2, 3, size=(2, 2, 2, 2))
    assert perfect_tensor_check(T).status.value == "disproved"
    # the 2-qubit Bell state as a 2-leg tensor is perfect (a unitary)
    assert perfect_tensor_check(np.eye(2, dtype=int)).status.value == "proved"
