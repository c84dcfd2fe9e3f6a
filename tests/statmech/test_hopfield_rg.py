"""Hopfield/AGS, variational RG, Mehta-Schwab, PCA-RG, Trotter layers and the Gaussian DBM."""

from fractions import Fraction

import mpmath
import numpy as np
import pytest
import sympy as sp

from mathml import DomainError, InvalidInputError
from mathml.statmech import (
    GaussianDBM,
    Hopfield,
    IsingChain,
    ags_capacity,
    configurations,
    lattice_gaussian_covariance,
    mehta_schwab_1d,
    pca_rg,
    trotter_coupling,
    trotter_layer,
    variational_rg,
)


def test_ags_published_values():
    # AGS PRL 55, 1530 (1985): alpha_c ~ 0.138, m ~ 0.967 (3 digits); brief S6
    a, m = ags_capacity(digits=15)
    assert abs(a - 0.138) < 5e-4 and abs(m - 0.967) < 5e-4
    with mpmath.workdps(40):
        a40, m40 = ags_capacity(digits=40)
        # stated digits: the 15-digit value is the 40-digit value rounded
        assert abs(a40 - a) < 1e-15 and abs(m40 - m) < 1e-15
        # alpha(y) = g(y)^2 / (2 y^2) is maximal at y_c: neighbours are lower
        y = mpmath.erfinv(m40)
        g = lambda t: mpmath.erf(t) - 2 * t / mpmath.sqrt(mpmath.pi) * mpmath.exp(-t * t)  # noqa: E731
        alpha = lambda t: g(t) ** 2 / (2 * t * t)  # noqa: E731
        assert mpmath.almosteq(alpha(y), a40, 1e-35)
        assert alpha(y + mpmath.mpf("1e-5")) < a40 and alpha(y - mpmath.mpf("1e-5")) < a40


def test_hopfield_energy_never_increases_and_patterns_are_stable():
    rng = np.random.default_rng(4)
    xi = rng.choice([-1, 1], size=(3, 200))
    net = Hopfield(xi)
    for mu in range(3):
        assert net.is_fixed_point(xi[mu])  # load 0.015 << 0.138
    s = rng.choice([-1, 1], size=200)
    e0 = net.energy(s)
    s1 = net.recall(s, seed=1)
    assert net.energy(s1) <= e0 and net.is_fixed_point(s1)


def test_hopfield_errors():
    with pytest.raises(InvalidInputError):
        Hopfield([[0, 1, 1]])
    with pytest.raises(InvalidInputError):
        Hopfield([[1, -1]]).energy([1, 1, 1])
    with pytest.raises(InvalidInputError):
        Hopfield([[1, -1]], field=[np.nan, 0])
    assert Hopfield([[1, -1]])._repr_latex_().startswith("$")


def test_mehta_schwab_hidden_marginal_is_decimated_chain():
    # independent: Z of the RBM = (2 cosh w)^{N/2} A^{N/2} Z_{N/2}(K')  (IsingChain closed form)
    K, w, N = 0.45, 2.5, 8
    ms = mehta_schwab_1d(K, N=N, w=w)
    A = 2 * np.sqrt(np.cosh(2 * K))
    expected = N // 2 * np.log(2 * np.cosh(w) * A) + np.log(
        IsingChain(N // 2, ms.coupling).partition_function()
    )
    assert abs(ms.rbm.log_partition_function() - expected) < 1e-12
    rg = ms.variational_rg()
    # Z_RG = (1 + e^{-2w})^{N/2} Z and the defect is at most its bound
    assert abs(rg.log_Z_rg - rg.log_Z - N // 2 * np.log1p(np.exp(-2 * w))) < 1e-12
    assert rg.exactness_defect <= ms.defect_bound() + 1e-15
    assert abs(rg.log_Z - np.log(IsingChain(N, K).partition_function())) < 1e-12


def test_variational_rg_exact_iff_normalised():
    rng = np.random.default_rng(1)
    T = rng.standard_normal((16, 4))
    H = rng.standard_normal(16)
    rg = variational_rg(T, H, 4, 2)
    assert not rg.is_exact(1e-3)
    Tn = T - np.log(np.exp(T).sum(axis=1, keepdims=True))
    rgn = variational_rg(Tn, H, 4, 2)
    assert rgn.is_exact() and abs(rgn.log_Z - rgn.log_Z_rg) < 1e-13
    with pytest.raises(InvalidInputError):
        variational_rg(T, H, 30, 2)


def test_pca_rg_brief_s9():
    # brief S9: L = 16, m = 0.3: top five variances 1/(0.09 + 4 sin^2(pi k/16)), k = 0, +-1, +-2
    res = pca_rg(lattice_gaussian_covariance(16, 0.09), keep=5)
    expected = [1 / (0.09 + 4 * np.sin(np.pi * k / 16) ** 2) for k in (0, 1, 1, 2, 2)]
    assert np.allclose(res.variances[:5], expected, rtol=1e-12)
    assert res.momenta()[:5].tolist() == [0, 1, 1, 2, 2]
    # the discarded modes are exactly the high momenta
    assert set(res.momenta()[5:].tolist()) == {3, 4, 5, 6, 7, 8}
    assert res.coarse_covariance().shape == (16, 16)
    frac = pca_rg(np.diag([4.0, 3.0, 2.0, 1.0]), fraction=0.75)  # 0.4, 0.7, 0.9: three modes
    assert frac.keep == 3


def test_pca_errors():
    with pytest.raises(InvalidInputError):
        pca_rg(np.array([[1.0, 2.0], [0.0, 1.0]]))
    with pytest.raises(InvalidInputError):
        pca_rg(np.diag([1.0, -1.0]))
    with pytest.raises(InvalidInputError):
        lattice_gaussian_covariance(8, 0.0)


def test_trotter_coupling_matrix_elements():
    # <s|e^{a sigma^x}|s'> against scipy's expm at several a (independent numeric route)
    from scipy.linalg import expm

    for a in (0.05, 0.3, 1.7):
        K, C = trotter_coupling(a)
        M = expm(a * np.array([[0.0, 1.0], [1.0, 0.0]]))
        assert np.allclose([[C * np.exp(K), C * np.exp(-K)], [C * np.exp(-K), C * np.exp(K)]], M, rtol=1e-13)
        assert np.allclose(trotter_layer(a, units="binary").matrix(), M, rtol=1e-13)
    K, C = trotter_coupling(sp.Rational(1, 2))
    assert K == -sp.log(sp.tanh(sp.Rational(1, 2))) / 2
    with pytest.raises(DomainError):
        trotter_coupling(-0.1)
    with pytest.raises(DomainError):
        trotter_coupling(0)


def test_gaussian_dbm_exact_and_float_agree():
    g_exact = GaussianDBM([2, [[3, 1], [1, 4]], 2], [[[1, Fraction(1, 2)]], [[1], [0]]])
    g_float = GaussianDBM([2.0, [[3.0, 1.0], [1.0, 4.0]], 2.0], [[[1.0, 0.5]], [[1.0], [0.0]]])
    assert g_exact.exact and not g_float.exact
    S0 = g_exact.marginal_precision()[0, 0]
    assert abs(float(S0) - g_float.marginal_precision()[0, 0]) < 1e-14
    cov = np.linalg.inv(g_float.full_precision())
    assert abs(cov[0, 0] - 1 / float(S0)) < 1e-14  # marginal covariance = (Q^{-1})_vv
    h = g_exact.saddle(Fraction(3, 2))
    assert g_exact.energy(Fraction(3, 2), h) == g_exact.saddle_energy(Fraction(3, 2))
    assert abs(float(g_exact.log_partition_function(1)) - g_float.log_partition_function(1.0)) < 1e-13
    assert g_exact._repr_latex_().startswith("$")


def test_configurations_order():
    c = configurations(3, "binary")
    assert [int("".join(map(str, row[::-1])), 2) for row in c] == list(range(8))


def test_inverse_ising_exact_and_mean_field():
    from mathml.statmech import BoltzmannMachine, inverse_ising, spin_moments

    rng = np.random.default_rng(8)
    n = 5
    A = 0.3 * rng.standard_normal((n, n))
    J = np.triu(A, 1) + np.triu(A, 1).T
    h = 0.2 * rng.standard_normal(n)
    p = BoltzmannMachine(J, h, units="spin").probabilities()
    J_hat, h_hat = inverse_ising(p)
    assert np.max(np.abs(J_hat - J)) < 1e-6 and np.max(np.abs(h_hat - h)) < 1e-6
    # moment matching is what Boltzmann learning guarantees
    m, S = spin_moments(p, n)
    m2, S2 = spin_moments(BoltzmannMachine(J_hat, h_hat, units="spin").probabilities(), n)
    assert np.allclose(m, m2, atol=1e-8) and np.allclose(S, S2, atol=1e-8)
    # naive mean field: error second order in the couplings
    errs = []
    for scale in (0.1, 0.05):
        p = BoltzmannMachine(scale * J / 0.3, units="spin").probabilities()
        J_mf, _ = inverse_ising(p, method="mean_field")
        errs.append(np.max(np.abs(J_mf - scale * J / 0.3)))
    assert errs[1] < errs[0] / 3  # halving J cuts the error by about 4
    with pytest.raises(InvalidInputError):
        inverse_ising([0.5, 0.5, 0.0])
    with pytest.raises(InvalidInputError):
        inverse_ising([0.5, 0.0, 0.0, 0.5], method="mean_field")  # perfectly correlated: singular C


def test_trotter_layers_build_the_deep_boltzmann_state():
    # Carleo-Nomura-Imada / Hashimoto: (e^{dt J Z1Z2} e^{dt G (X1 + X2)})^M |+>, two spins, written as a
    # classical sum over M hidden layers with the Trotter coupling K(dt G) between layers.
    # Independent route: the same operator product as 4 x 4 matrices (scipy expm).
    from itertools import product

    from scipy.linalg import expm

    J, G, dt, M = 1.0, 0.7, 0.2, 3
    X, Z, I2 = np.array([[0, 1], [1, 0.0]]), np.diag([1.0, -1.0]), np.eye(2)
    step = expm(dt * J * np.kron(Z, Z)) @ expm(dt * G * (np.kron(X, I2) + np.kron(I2, X)))
    psi = np.linalg.matrix_power(step, M) @ np.ones(4)
    K, C = trotter_coupling(dt * G)
    spins = [(1, 1), (1, -1), (-1, 1), (-1, -1)]          # kron order: index 2 * (s1 = -1) + (s2 = -1)
    amp = []
    for top in spins:
        total = 0.0
        for layers in product(spins, repeat=M):            # layers[0] touches |+>, layers[-1] = top
            if layers[-1] != top:
                continue
            weight = 1.0
            for k in range(M):
                s = layers[k]
                weight *= np.exp(dt * J * s[0] * s[1])
                if k > 0:
                    prev = layers[k - 1]
                    weight *= C**2 * np.exp(K * (s[0] * prev[0] + s[1] * prev[1]))
            # first layer: <s|e^{dt G X}|+> = e^{dt G} for each spin
            total += weight * np.exp(2 * dt * G)
        amp.append(total)
    assert np.allclose(amp, psi, rtol=1e-12)
