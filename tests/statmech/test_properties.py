"""Property tests: symmetries, positivity of Z, marginal consistency, decimation invariance."""

import numpy as np
from hypothesis import given, settings, strategies as st

from mathml.statmech import (
    RBM,
    BoltzmannMachine,
    Ising2D,
    IsingChain,
    configurations,
    density_of_states,
    mehta_schwab_1d,
    trotter_coupling,
)

coupling = st.floats(-1.5, 1.5, allow_nan=False)
positive = st.floats(0.01, 1.5, allow_nan=False)


@settings(max_examples=20, deadline=None)
@given(N=st.integers(2, 12).map(lambda n: 2 * (n // 2) or 2), K=coupling, h=st.floats(-1, 1))
def test_decimation_invariance(N, K, h):
    # Z_N(K, h) = A^{N/2} Z_{N/2}(K', h') for every even periodic chain
    chain = IsingChain(N, K, h)
    A, half = chain.decimate()
    assert np.isclose(
        N // 2 * np.log(A) + half.log_partition_function(),
        chain.log_partition_function(),
        rtol=1e-12,
        atol=1e-12,
    )


@settings(max_examples=20, deadline=None)
@given(N=st.integers(1, 10), K=coupling, h=st.floats(-1, 1), pbc=st.booleans())
def test_chain_field_reversal_and_positivity(N, K, h, pbc):
    if not pbc and N < 2:
        N = 2
    z = IsingChain(N, K, h, pbc=pbc).partition_function()
    assert z > 0
    assert np.isclose(z, IsingChain(N, K, -h, pbc=pbc).partition_function(), rtol=1e-12)
    assert np.isclose(z, IsingChain(N, K, h, pbc=pbc).partition_function("brute"), rtol=1e-11)


@settings(max_examples=20, deadline=None)
@given(L=st.sampled_from([2, 4]), K=coupling)
def test_even_torus_z_is_even_in_k(L, K):
    # flipping one sublattice maps E -> -E on an even torus: Z(K) = Z(-K), and Z > 0
    g = density_of_states(L)
    assert all(g[E] == g[-E] for E in g)
    z = Ising2D(L, K).partition_function("brute", dps=20)
    assert z > 0
    assert abs(z - Ising2D(L, -K).partition_function("transfer", dps=20)) < 1e-15 * z


@settings(max_examples=20, deadline=None)
@given(L=st.integers(2, 7), K=positive)
def test_kaufman_positive_and_matches_transfer(L, K):
    a = Ising2D(L, K).log_partition_function("kaufman", dps=20)
    b = Ising2D(L, K).log_partition_function("transfer", dps=20)
    assert abs(a - b) < 1e-11 * abs(a)
    assert a >= L * L * np.log(2) - 1e-12  # Jensen: ln Z(K) >= ln Z(0) + K <-E>_0 = L^2 ln 2


@settings(max_examples=15, deadline=None)
@given(
    nv=st.integers(1, 4),
    nh=st.integers(1, 4),
    seed=st.integers(0, 10**6),
    units=st.sampled_from(["binary", "spin"]),
)
def test_rbm_marginals_consistent(nv, nh, seed, units):
    rbm = RBM.random(nv, nh, seed=seed, units=units)
    pv, ph = rbm.visible_marginal(), rbm.hidden_marginal()
    assert np.isclose(pv.sum(), 1) and np.isclose(ph.sum(), 1) and np.all(pv > 0)
    # transposing the machine swaps the marginals and keeps Z
    assert np.allclose(rbm.transpose().visible_marginal(), ph, atol=1e-14)
    assert np.isclose(rbm.transpose().log_partition_function(), rbm.log_partition_function(), rtol=1e-13)
    # E[h|v] averaged under P(v) equals E[h] under P(h)
    V = configurations(nv, units)
    H = configurations(nh, units)
    assert np.allclose(pv @ rbm.hidden_given_visible(V), ph @ H, atol=1e-12)


@settings(max_examples=15, deadline=None)
@given(nv=st.integers(1, 4), nh=st.integers(1, 3), seed=st.integers(0, 10**6))
def test_spin_rbm_without_biases_is_flip_symmetric(nv, nh, seed):
    rbm = RBM.random(nv, nh, seed=seed, units="spin")
    sym = RBM(rbm.W, units="spin")
    p = sym.visible_marginal()
    assert np.allclose(p, p[::-1], atol=1e-14)  # index k <-> 2^n - 1 - k is v <-> -v


@settings(max_examples=15, deadline=None)
@given(n=st.integers(2, 5), seed=st.integers(0, 10**6), units=st.sampled_from(["binary", "spin"]))
def test_bm_marginal_sums_joint(n, seed, units):
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((n, n))
    W = np.triu(A, 1) + np.triu(A, 1).T
    bm = BoltzmannMachine(W, rng.standard_normal(n), n_visible=1, units=units)
    p = bm.probabilities()
    assert np.all(p > 0) and np.isclose(p.sum(), 1)
    assert np.allclose(bm.visible_marginal(), [p[0::2].sum(), p[1::2].sum()])


@settings(max_examples=15, deadline=None)
@given(K=st.floats(-0.8, 0.8), w=st.floats(0.5, 6.0))
def test_mehta_schwab_hidden_free_energy_is_the_decimated_chain(K, w):
    ms = mehta_schwab_1d(K, N=6, w=w)
    h = configurations(3, "spin")
    F = ms.rbm.hidden_free_energy(h)
    ref = -ms.coupling * np.sum(h * np.roll(h, -1, axis=1), axis=1)
    assert np.ptp(F - ref) < 1e-11


@settings(max_examples=20, deadline=None)
@given(a=st.floats(1e-3, 5.0))
def test_trotter_inverse(a):
    # tanh a = e^{-2K}: the map a -> K is inverted by a = artanh(e^{-2K})
    K, C = trotter_coupling(a)
    assert np.isclose(np.arctanh(np.exp(-2 * K)), a, rtol=1e-9)
    assert np.isclose(C * np.exp(K), np.cosh(a), rtol=1e-12)
