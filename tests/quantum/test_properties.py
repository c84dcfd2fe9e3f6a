"""Hypothesis properties: hermiticity, symmetry sectors, normalisation, MPS canonical forms, kernels."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mathml.quantum import (
    rbm_bond_bound,
    rbm_to_mps,
    SectorError,
    MPS,
    RBMState,
    fidelity_kernel,
    heisenberg,
    j1j2,
    lowest_energies,
    schmidt_values,
    tfim,
    variational_energy,
)
from mathml.quantum.sectors import sector_matrix

couplings = st.floats(-2, 2, allow_nan=False).map(lambda x: round(x, 3))


@given(
    N=st.integers(3, 7), h=couplings, J=couplings, pbc=st.booleans(), units=st.sampled_from(["spin", "pauli"])
)
def test_tfim_is_hermitian_and_spin_flip_symmetric(N, h, J, pbc, units):
    H = tfim(N, h, J, pbc, units=units).matrix()
    assert abs(H - H.getH()).max() < 1e-14
    # P = prod sigma^x flips every spin: basis index b -> 2^N - 1 - b; [H, P] = 0
    P = np.arange(2**N)[::-1]
    D = H.toarray()
    assert np.allclose(D[np.ix_(P, P)], D, atol=1e-14)


@settings(max_examples=15)
@given(N=st.integers(3, 7), J2=couplings, delta=couplings, m=st.integers(0, 6))
def test_sectors_are_hermitian_and_nested(N, J2, delta, m):
    model = j1j2(N, J2, units="spin")
    full = np.linalg.eigvalsh(model.matrix().toarray())
    sz = 0 if N % 2 == 0 else 0.5
    Hs, _ = sector_matrix(model, {"Sz": sz})
    Hk, _ = sector_matrix(model, {"Sz": sz, "momentum": m % N})
    for H in (Hs, Hk):
        assert abs(H - H.getH()).max() < 1e-13
        # every sector eigenvalue is an eigenvalue of the full Hamiltonian
        ev = np.linalg.eigvalsh(H.toarray())
        assert np.all(np.min(np.abs(ev[:, None] - full[None, :]), axis=1) < 1e-10)
    if N % 2 == 0:
        try:
            Hf, _ = sector_matrix(model, {"Sz": 0, "flip": 1 if m % 2 else -1, "momentum": m % N})
        except SectorError:  # e.g. N = 4, k = 0, flip -1 has no compatible orbit
            return
        assert abs(Hf - Hf.getH()).max() < 1e-13
        ev = np.linalg.eigvalsh(Hf.toarray())
        assert np.all(np.min(np.abs(ev[:, None] - full[None, :]), axis=1) < 1e-10)
    xxz = heisenberg(N, units="pauli", delta=delta)
    assert abs(xxz.matrix({"Sz": sz}) - xxz.matrix({"Sz": sz}).getH()).max() < 1e-14


@settings(max_examples=15)
@given(
    N=st.integers(2, 6),
    M=st.integers(1, 6),
    seed=st.integers(0, 10**6),
    cplx=st.booleans(),
    scale=st.floats(0.01, 3),
)
def test_rbm_amplitudes_normalised_and_energy_bounded(N, M, seed, cplx, scale):
    rbm = RBMState.random(N, M, seed=seed, scale=scale, complex=cplx)
    v = rbm.amplitudes()
    assert abs(np.linalg.norm(v) - 1) < 1e-12
    if N >= 3:
        model = heisenberg(N, units="spin")
        E = variational_energy(rbm, model)
        assert (
            lowest_energies(model, k=1)[0] - 1e-10
            <= E
            <= np.linalg.eigvalsh(model.matrix().toarray())[-1] + 1e-10
        )


@settings(max_examples=20)
@given(N=st.integers(2, 8), seed=st.integers(0, 10**6), max_bond=st.one_of(st.none(), st.integers(1, 6)))
def test_mps_canonical_forms_preserve_the_state(N, seed, max_bond):
    rng = np.random.default_rng(seed)
    psi = rng.normal(size=2**N) + 1j * rng.normal(size=2**N)
    mps = MPS.from_dense(psi, max_bond=max_bond)
    assert mps.is_left_canonical()
    assert abs(mps.norm() - 1) < 1e-12
    right = mps.right_canonical()
    assert right.is_right_canonical()
    assert np.allclose(right.to_dense(), mps.to_dense(), atol=1e-12)
    if max_bond is None:
        assert np.allclose(mps.to_dense(), psi / np.linalg.norm(psi), atol=1e-12)
    for bond in range(1, N):
        sv = mps.schmidt_values(bond)
        assert abs(np.sum(sv**2) - 1) < 1e-12 and np.all(np.diff(sv) <= 1e-14)
        if max_bond is None:
            assert np.allclose(sv, schmidt_values(psi, bond)[: len(sv)], atol=1e-12)


@settings(max_examples=20)
@given(n=st.integers(1, 6), d=st.integers(1, 4), seed=st.integers(0, 10**6))
def test_fidelity_kernel_is_psd_with_unit_diagonal(n, d, seed):
    X = np.random.default_rng(seed).uniform(-np.pi, np.pi, size=(n, d))
    K = fidelity_kernel(X)
    assert np.allclose(np.diag(K), 1, atol=1e-14) and np.allclose(K, K.T, atol=1e-15)
    assert np.linalg.eigvalsh(K).min() > -1e-12
    assert np.all((K >= -1e-15) & (K <= 1 + 1e-15))


@settings(max_examples=20)
@given(N=st.integers(2, 7), M=st.integers(1, 4), seed=st.integers(0, 10**6), density=st.floats(0.1, 1.0))
def test_rbm_to_mps_round_trip(N, M, seed, density):
    rng = np.random.default_rng(seed)
    W = rng.normal(0, 0.5, (N, M)) * (rng.random((N, M)) < density)
    rbm = RBMState(rng.normal(0, 0.3, N), rng.normal(0, 0.3, M), W)
    mps = rbm_to_mps(rbm)
    assert mps.bond_dimensions == rbm_bond_bound(rbm)
    assert np.allclose(mps.to_dense(), rbm.amplitudes(normalize=False), rtol=1e-12)
