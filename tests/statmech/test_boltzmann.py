"""Boltzmann machines: marginals against independent enumerations, gradients, training, the 3x3 Ising demo."""

import numpy as np
import pytest

from mathml import InvalidInputError, ShapeMismatchError
from mathml.statmech import DBM, RBM, BoltzmannMachine, Ising2D, SizeLimitError, configurations


def _rbm_as_bm(rbm):
    nv, nh = rbm.W.shape
    W = np.zeros((nv + nh, nv + nh))
    W[:nv, nv:], W[nv:, :nv] = rbm.W, rbm.W.T
    return BoltzmannMachine(W, np.concatenate([rbm.a, rbm.b]), n_visible=nv, units=rbm.units)


@pytest.mark.parametrize("units", ["binary", "spin"])
def test_rbm_marginal_equals_joint_enumeration(units):
    # independent: the joint table of the same model as a general Boltzmann machine
    rbm = RBM.random(4, 3, seed=5, units=units)
    bm = _rbm_as_bm(rbm)
    assert np.allclose(rbm.visible_marginal(), bm.visible_marginal(), atol=1e-14)
    assert abs(rbm.log_partition_function() - bm.log_partition_function()) < 1e-12
    assert abs(rbm.log_partition_function() - rbm.log_partition_function(method="naive")) < 1e-12
    # hidden marginal by summing the joint over v
    joint = bm.probabilities().reshape(2**3, 2**4)
    assert np.allclose(rbm.hidden_marginal(), joint.sum(axis=1), atol=1e-14)


def test_rbm_product_formula_binary_hidden():
    # brief S8: p(v) proportional to e^{a.v} prod_j (1 + e^{b_j + W_j.v}) for 0/1 hidden units
    rbm = RBM.random(3, 2, seed=1)
    V = configurations(3, "binary").astype(float)
    w = np.exp(V @ rbm.a) * np.prod(1 + np.exp(V @ rbm.W + rbm.b), axis=1)
    assert np.allclose(rbm.visible_marginal(), w / w.sum(), atol=1e-15)


def test_exact_gradient_matches_finite_differences():
    rng = np.random.default_rng(2)
    p = rng.random(8)
    p /= p.sum()
    rbm = RBM.random(3, 2, seed=4, units="spin")
    gW, ga, gb = rbm.exact_gradient(p)

    def loglik(r):
        return float(np.sum(p * np.log(r.visible_marginal())))

    eps = 1e-6
    for i, j in [(0, 0), (2, 1)]:
        up, dn = RBM(rbm.W.copy(), rbm.a, rbm.b, units="spin"), RBM(rbm.W.copy(), rbm.a, rbm.b, units="spin")
        up.W[i, j] += eps
        dn.W[i, j] -= eps
        assert abs((loglik(up) - loglik(dn)) / (2 * eps) - gW[i, j]) < 1e-8
    up = RBM(rbm.W, rbm.a + np.array([eps, 0, 0]), rbm.b, units="spin")
    dn = RBM(rbm.W, rbm.a - np.array([eps, 0, 0]), rbm.b, units="spin")
    assert abs((loglik(up) - loglik(dn)) / (2 * eps) - ga[0]) < 1e-8


def test_bm_gradient_matches_finite_differences():
    rng = np.random.default_rng(3)
    p = rng.random(4)
    p /= p.sum()
    W = np.zeros((3, 3))
    W[0, 2] = W[2, 0] = 0.7
    W[1, 2] = W[2, 1] = -0.4
    bm = BoltzmannMachine(W, [0.1, -0.2, 0.3], n_visible=2, units="spin")
    dW, db = bm.exact_gradient(p)

    def loglik(Wm, b):
        return float(
            np.sum(p * np.log(BoltzmannMachine(Wm, b, n_visible=2, units="spin").visible_marginal()))
        )

    eps = 1e-6
    Wp, Wm = W.copy(), W.copy()
    Wp[0, 2] = Wp[2, 0] = 0.7 + eps
    Wm[0, 2] = Wm[2, 0] = 0.7 - eps
    assert abs((loglik(Wp, bm.b) - loglik(Wm, bm.b)) / (2 * eps) - dW[0, 2]) < 1e-8


def test_dbm_even_layer_sum_equals_full_enumeration():
    for units in ("binary", "spin"):
        dbm = DBM.random([3, 2, 3, 2], seed=7, units=units)
        bm = dbm.to_boltzmann_machine()
        assert abs(dbm.log_partition_function() - bm.log_partition_function()) < 1e-12
        assert np.allclose(dbm.visible_marginal(), bm.visible_marginal(), atol=1e-14)
        back = DBM.from_boltzmann_machine(bm, dbm.layers)
        assert all(np.array_equal(a, b) for a, b in zip(back.weights, dbm.weights))


def test_dbm_fit_exact_keeps_the_layer_structure():
    p = np.array([0.3, 0.05, 0.05, 0.3, 0.05, 0.1, 0.1, 0.05])
    dbm = DBM.random([3, 2, 2], seed=1, scale=0.1)
    kl0 = dbm.kl_divergence(p)
    dbm.fit_exact(p, maxiter=300)
    assert dbm.kl_divergence(p) < 0.1 * kl0
    bm = dbm.to_boltzmann_machine()
    assert np.all(bm.W[~bm.mask] == 0)


def test_cd_training_lowers_kl():
    rng = np.random.default_rng(0)
    data = rng.choice([0, 1], size=(400, 4), p=[0.5, 0.5])
    data[:, 1] = data[:, 0]  # copy bits: strong correlations to learn
    data[:, 3] = data[:, 2]
    rbm = RBM.random(4, 4, seed=1).fit_cd(data, k=1, lr=0.2, epochs=60, seed=2)
    assert rbm.history[-1] < 0.5 * rbm.history[0]


def test_ising_3x3_demo_rbm_reproduces_log_z():
    # Demo of the issue: an RBM trained by exact gradients on the 3 x 3 Ising Boltzmann distribution
    # (K = 0.3) reproduces Z.  "Reproduces Z" means: the estimator ln Z_est = E_data[-K E(v) - ln P_model(v)]
    # equals ln Z_exact + KL(p_data || P_model), so KL <= 1e-8 gives ln Z to 1e-8 (relative Z error 1e-8).
    K = 0.3
    model = Ising2D(3, K)
    V = configurations(9, "spin")
    E = np.array([model.energy(v.reshape(3, 3)) for v in V], dtype=float)
    log_z_exact = float(model.log_partition_function("brute"))
    p = np.exp(-K * E - log_z_exact)
    rbm = RBM.random(9, 9, seed=0, scale=0.1, units="spin").fit_exact(p, maxiter=5000, kl_target=1e-8)
    kl = rbm.kl_divergence(p)
    assert kl <= 1e-8
    log_q = np.log(rbm.visible_marginal())
    log_z_est = float(np.sum(p * (-K * E - log_q)))
    assert abs(log_z_est - log_z_exact) < 1e-6
    assert abs((log_z_est - log_z_exact) - kl) < 1e-12  # the identity ln Z_est = ln Z + KL


def test_boltzmann_errors():
    with pytest.raises(InvalidInputError):
        BoltzmannMachine([[0, 1.0], [2.0, 0]])  # asymmetric
    with pytest.raises(InvalidInputError):
        BoltzmannMachine([[1.0, 0], [0, 0]])  # diagonal
    with pytest.raises(InvalidInputError):
        RBM([[np.nan]])
    with pytest.raises(ShapeMismatchError):
        RBM(np.zeros((2, 3)), a=np.zeros(3))
    with pytest.raises(InvalidInputError):
        RBM(np.zeros((2, 2)), units="ising")
    with pytest.raises(InvalidInputError):
        RBM(np.zeros((2, 2))).kl_divergence([0.5, 0.5])
    with pytest.raises(InvalidInputError):
        RBM(np.zeros((2, 2)), units="spin").free_energy([0, 1])
    with pytest.raises(SizeLimitError):
        RBM(np.zeros((30, 30))).log_partition_function()
    with pytest.raises(ShapeMismatchError):
        DBM([np.zeros((2, 3)), np.zeros((2, 2))])
    assert RBM(np.zeros((2, 2)))._repr_latex_().startswith("$")
    assert DBM.random([2, 2])._repr_latex_().startswith("$")


def test_frustrated_triangle_closed_form():
    # dwave-samplers AIS review (PR #74) asks for the frustrated triangle: three +-1 spins with
    # antiferromagnetic couplings W = -1.  Independent closed form: the 2 aligned states have
    # E = +3, the 6 others E = -1, so Z = 2 e^{-3} + 6 e^{1}.
    W = -(np.ones((3, 3)) - np.eye(3))
    bm = BoltzmannMachine(W, units="spin")
    assert abs(bm.log_partition_function() - np.log(2 * np.exp(-3) + 6 * np.e)) < 1e-14
