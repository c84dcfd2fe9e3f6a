"""Quantum kernels (Huang et al. 2021), the RKHS caveat, level statistics (Atas et al. 2013)."""

import numpy as np
import pytest
import sympy as sp

import mathml as mm
from mathml.quantum import (
    fidelity_kernel,
    geometric_difference,
    goe_matrix,
    level_spacing_ratio,
    model_complexity,
)
from mathml.quantum.kernels import (
    angle_kernel,
    basis_states,
    kernel_ridge_predict,
    rkhs_inner_product,
    slide_pairing,
)
from mathml.quantum.spectra import R_GOE, R_GOE_SURMISE, R_POISSON, gap_ratios


def test_angle_kernel_brief_value():
    # brief Q9: 0.6872321194414 (statevector agrees to 1e-15)
    x, y = [0.1, 0.7, -0.3], [0.5, -0.2, 0.4]
    assert fidelity_kernel([x], [y])[0, 0] == pytest.approx(0.6872321194414, abs=1e-13)
    assert abs(fidelity_kernel([x], [y])[0, 0] - angle_kernel([x], [y])[0, 0]) < 1e-15


def test_basis_kernel_identity_and_no_generalisation():
    bits = [[0, 0, 1], [1, 0, 1], [1, 1, 1], [0, 1, 0]]
    K = fidelity_kernel(bits, feature_map="basis")
    assert K.dtype.kind == "i" and np.array_equal(K, np.eye(4, dtype=int))
    y = np.array([1, -1, -1, 1])
    assert model_complexity(K, y) == 4.0  # s_K = N
    Kt = fidelity_kernel([[1, 1, 0]], bits, feature_map="basis")
    assert kernel_ridge_predict(K, y, Kt).tolist() == [0.0]  # unseen point: 0
    assert geometric_difference(K, K) == pytest.approx(1.0, abs=1e-12)  # g(K||K) = 1 (brief Q9)


def test_geometric_difference_scaling():
    # g(K_C || c K_C) = sqrt(c)  (independent: definition)
    rng = np.random.default_rng(0)
    X = rng.normal(size=(6, 3))
    K = angle_kernel(X) + 1e-3 * np.eye(6)
    assert geometric_difference(K, 4 * K) == pytest.approx(2.0, rel=1e-9)


def test_custom_feature_map_and_errors():
    def fmap(X):
        X = np.asarray(X, dtype=float)
        return np.stack([np.cos(X[:, 0]), np.sin(X[:, 0])], axis=1)

    K = fidelity_kernel([[0.0], [np.pi / 2]], feature_map=fmap)
    assert np.allclose(K, [[1, 0], [0, 1]], atol=1e-15)
    for bad in (
        lambda: fidelity_kernel([[0.1]], feature_map="amplitude"),
        lambda: basis_states([[2, 0]]),
        lambda: fidelity_kernel([[np.nan]]),
        lambda: fidelity_kernel(np.zeros((2, 21))),
        lambda: model_complexity(np.eye(2), [1, 2, 3]),
        lambda: geometric_difference(np.eye(2), np.eye(3)),
    ):
        with pytest.raises(mm.InvalidInputError):
            bad()


def test_rkhs_pairing_exact():
    x = [sp.Rational(0), sp.Rational(1, 3), sp.Rational(1)]
    K = sp.Matrix(3, 3, lambda i, j: sp.exp(-((x[i] - x[j]) ** 2)))  # Gaussian kernel, exact
    f = sp.Matrix([1, 2, -1])
    for i in range(3):
        assert sp.simplify(rkhs_inner_product(K, K[:, i], f) - f[i]) == 0
    assert sp.simplify(slide_pairing(K, K[:, 0], f) - f[0]) != 0
    # numeric version agrees with exact
    Kn = np.array(K.evalf(30).tolist(), dtype=float)
    assert rkhs_inner_product(Kn, Kn[:, 1], np.array([1.0, 2.0, -1.0])) == pytest.approx(2.0, rel=1e-9)


def test_level_statistics_reference_values():
    rng = np.random.default_rng(1)
    assert level_spacing_ratio(np.cumsum(rng.exponential(size=200_000))) == pytest.approx(
        float(R_POISSON), abs=3e-3
    )
    r = np.mean([level_spacing_ratio(np.linalg.eigvalsh(goe_matrix(400, seed=s))) for s in range(6)])
    assert r == pytest.approx(R_GOE, abs=0.01)  # Atas et al.: 0.5307
    assert float(R_GOE_SURMISE) == pytest.approx(4 - 2 * np.sqrt(3), abs=1e-15)
    # 3x3 GOE matrices follow the surmise exactly (Atas et al.)
    A = np.random.default_rng(2).normal(size=(100_000, 3, 3))
    E = np.linalg.eigvalsh((A + A.transpose(0, 2, 1)) / 2)
    s1, s2 = E[:, 1] - E[:, 0], E[:, 2] - E[:, 1]
    r3 = np.mean(np.minimum(s1, s2) / np.maximum(s1, s2))
    assert gap_ratios(E[0]).tolist() == [float(np.minimum(s1[0], s2[0]) / np.maximum(s1[0], s2[0]))]
    assert r3 == pytest.approx(float(R_GOE_SURMISE), abs=5e-3)


def test_gap_ratios_by_hand_and_errors():
    assert gap_ratios([0, 1, 3, 4]).tolist() == [0.5, 0.5]
    assert gap_ratios([0, 0, 1, 3]).tolist() == [0.5]  # degenerate pair merged
    for bad in ([0, 1], [0, 0, 0, 1], [0, np.nan, 1]):
        with pytest.raises(mm.InvalidInputError):
            level_spacing_ratio(bad)
    with pytest.raises(mm.InvalidInputError):
        goe_matrix(2)
    with pytest.raises(mm.InvalidInputError):
        goe_matrix(5, seed=-1)
    with pytest.raises(mm.InvalidInputError):
        level_spacing_ratio("abc")


def test_integrable_vs_chaotic_spin_chain():
    # Freedman's "spectral picture": the XXZ chain (Delta = 0.5) is Bethe-integrable -> Poisson statistics;
    # adding J2 = 0.5 breaks integrability -> GOE (antiunitary T x reflection keeps k = 2 pi / N real-type).
    # Sector Sz = 0, k = 2 pi / 16, spin inversion +1 (all symmetries resolved), middle 80 % of 392 levels.
    from mathml.quantum import j1j2

    r = {}
    for J2 in (0.0, 0.5):
        H = j1j2(16, J2, units="spin", delta=0.5).matrix({"Sz": 0, "momentum": 1, "flip": 1}).toarray()
        E = np.linalg.eigvalsh(H)
        r[J2] = level_spacing_ratio(E[len(E) // 10 : -len(E) // 10])
    assert r[0.0] == pytest.approx(float(R_POISSON), abs=0.035)
    assert r[0.5] == pytest.approx(R_GOE, abs=0.035)
    assert r[0.5] - r[0.0] > 0.08
