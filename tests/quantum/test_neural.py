"""Neural-network states: the hidden-sum identity at 30 digits, derivatives, DBM/RBM relations, VMC."""

import itertools

import mpmath
import numpy as np
import pytest

import mathml as mm
from mathml.quantum import (
    DBMState,
    FeedForwardState,
    RBMState,
    heisenberg,
    lowest_energies,
    optimize_exact,
    tfim,
    variational_energy,
    vmc_energy,
    vmc_sr,
)
from mathml.quantum.operators import configurations
from mathml.quantum.variational import energy_gradient
from mathml.quantum.vmc import blocking_error, local_energies, metropolis_samples


def _mp_hidden_sum(a, b, W, s):
    """The defining sum over h at 30 digits (independent of the closed form)."""
    with mpmath.workdps(30):
        total = mpmath.mpf(0)
        for h in itertools.product((1, -1), repeat=len(b)):
            e = sum(mpmath.mpf(a[i]) * s[i] for i in range(len(a))) + sum(
                mpmath.mpf(b[j]) * h[j] for j in range(len(b))
            )
            e += sum(mpmath.mpf(W[i, j]) * s[i] * h[j] for i in range(len(a)) for j in range(len(b)))
            total += mpmath.exp(e)
        return total


@pytest.mark.parametrize("seed", range(4))
def test_rbm_closed_form_equals_hidden_sum_at_30_digits(seed):
    rng = np.random.default_rng(seed)
    a, b, W = rng.normal(size=4), rng.normal(size=3), rng.normal(size=(4, 3))
    rbm = RBMState(a, b, W)
    for s in configurations(4)[rng.choice(16, 4, replace=False)]:
        ref = _mp_hidden_sum(a, b, W, s)
        with mpmath.workdps(30):
            closed = mpmath.exp(sum(mpmath.mpf(a[i]) * int(s[i]) for i in range(4))) * mpmath.fprod(
                2 * mpmath.cosh(mpmath.mpf(b[j]) + sum(mpmath.mpf(W[i, j]) * int(s[i]) for i in range(4)))
                for j in range(3)
            )
            assert abs(closed - ref) / ref < mpmath.mpf(10) ** -28
        assert float(rbm.psi(s)[0]) == pytest.approx(float(ref), rel=1e-13)
        assert float(rbm.hidden_sum(s)[0]) == pytest.approx(float(ref), rel=1e-13)


def test_rbm_log_psi_is_stable_for_large_weights():
    rbm = RBMState(np.zeros(3), np.zeros(2), 400 * np.ones((3, 2)))
    logs = rbm.log_psi(configurations(3))
    assert np.all(np.isfinite(logs))
    assert logs[0].real == pytest.approx(2 * (1200 + 0), rel=1e-12)  # 2 * log(2 cosh 1200) ~ 2400
    v = rbm.amplitudes()
    assert np.isclose(np.linalg.norm(v), 1)


@pytest.mark.parametrize(
    "state",
    [
        RBMState.random(4, 3, seed=1, complex=True),
        RBMState.random(4, 5, seed=2),
        FeedForwardState.random(4, 3, seed=2),
        FeedForwardState.random(4, 2, seed=3, activation="logistic"),
        DBMState.random(4, 2, 3, seed=3, scale=0.4),
    ],
)
def test_jacobians_match_central_differences(state):
    s = configurations(4)
    J = state.jacobian(s)
    th = state.params
    eps = 1e-6
    num = np.array(
        [
            (state.with_params(th + eps * e).psi(s) - state.with_params(th - eps * e).psi(s)) / (2 * eps)
            for e in np.eye(len(th))
        ]
    ).T
    assert np.allclose(J, num, atol=1e-7 * max(1, np.abs(J).max()))
    O = state.log_derivatives(s)
    assert np.allclose(O * state.psi(s)[:, None], J, atol=1e-12)


def test_dbm_with_uncoupled_deep_layer_is_rbm_times_constant():
    dbm = DBMState.random(4, 3, 2, seed=5, scale=0.5)
    flat = DBMState(dbm.a, dbm.b, dbm.c, dbm.W, np.zeros((3, 2)))
    rbm = RBMState(dbm.a, dbm.b, dbm.W)
    s = configurations(4)
    assert np.allclose(flat.psi(s), rbm.psi(s) * np.prod(2 * np.cosh(dbm.c)), rtol=1e-13)


def test_dbm_brute_force_double_sum():
    dbm = DBMState.random(3, 2, 2, seed=6, scale=0.7)
    for s in configurations(3):
        tot = 0.0
        for h in itertools.product((1, -1), repeat=2):
            for d in itertools.product((1, -1), repeat=2):
                h, d = np.array(h), np.array(d)
                tot += np.exp(dbm.a @ s + dbm.b @ h + dbm.c @ d + s @ dbm.W @ h + h @ dbm.U @ d)
        assert dbm.psi(s)[0] == pytest.approx(tot, rel=1e-13)


def test_feedforward_by_hand():
    ff = FeedForwardState(np.array([[0.5, -1.0], [2.0, 0.0]]), np.array([0.1, -0.2]), np.array([1.5, -0.5]))
    s = np.array([1, -1])
    expected = 1.5 * np.tanh(0.5 + 1.0 + 0.1) - 0.5 * np.tanh(2.0 - 0.2)
    assert ff.psi(s)[0] == pytest.approx(expected, rel=1e-15)


def test_reprs_and_latex():
    for st in (RBMState.random(3, 2), FeedForwardState.random(3, 2), DBMState.random(3, 2, 2)):
        tex = st._repr_latex_()
        assert tex.startswith("$$") and tex.endswith("$$") and r"\psi(s)" in tex
        assert repr(st).startswith(type(st).__name__)


@pytest.mark.parametrize(
    "bad",
    [
        lambda: RBMState(np.zeros(3), np.zeros(2), np.zeros((2, 3))),
        lambda: RBMState([np.nan, 0], [0], [[0], [0]]),
        lambda: RBMState("abc", [0], [[0]]),
        lambda: FeedForwardState(np.zeros((2, 3)), np.zeros(2), np.zeros(2), activation="relu"),
        lambda: RBMState.random(3, 2).psi(np.array([[1, 0, 1]])),
        lambda: RBMState.random(3, 2).psi(np.ones((2, 4))),
        lambda: RBMState.random(3, 2).with_params(np.zeros(4)),
        lambda: DBMState(np.zeros(2), np.zeros(17), np.zeros(1), np.zeros((2, 17)), np.zeros((17, 1))),
        lambda: variational_energy(RBMState.random(3, 2), heisenberg(4, units="spin")),
        lambda: variational_energy("psi", heisenberg(4, units="spin")),
        lambda: vmc_energy(RBMState.random(4, 2), heisenberg(4, units="spin"), n_samples=0),
        lambda: optimize_exact(RBMState.random(4, 2), tfim(4, 1, units="pauli"), method="adam"),
        lambda: optimize_exact(RBMState.random(4, 2), tfim(4, 1, units="pauli"), lr=float("nan")),
    ],
)
def test_bad_inputs(bad):
    with pytest.raises(mm.InvalidInputError):
        bad()


def test_variational_energy_of_exact_ground_state_and_bound():
    model = heisenberg(8, units="spin")
    E0 = lowest_energies(model, k=1)[0]
    from mathml.quantum import ground_state

    _, psi = ground_state(model)
    assert variational_energy(psi, model) == pytest.approx(E0, abs=1e-12)
    for seed in range(5):
        assert (
            variational_energy(RBMState.random(8, 8, seed=seed, scale=0.7, complex=bool(seed % 2)), model)
            >= E0 - 1e-12
        )


def test_rbm_represents_product_states_exactly():
    # a = atanh-free: psi(s) = e^{a s} is the product state with amplitudes e^{+-a} per site
    model = tfim(4, 1e9, units="pauli")  # huge field: ground state = all spins along +x
    plus = RBMState(np.zeros(4), np.zeros(1), np.zeros((4, 1)))
    assert variational_energy(plus, model) == pytest.approx(lowest_energies(model, k=1)[0], rel=1e-12)


def test_energy_gradient_is_the_derivative_of_the_energy():
    model = tfim(4, 0.7, units="pauli")
    st = RBMState.random(4, 3, seed=2, scale=0.4)
    E, F, S = energy_gradient(st, model)
    th = st.params
    eps = 1e-6
    num = np.array(
        [
            (
                variational_energy(st.with_params(th + eps * e), model)
                - variational_energy(st.with_params(th - eps * e), model)
            )
            / (2 * eps)
            for e in np.eye(len(th))
        ]
    )
    assert np.allclose(2 * F.real, num, atol=1e-7)  # real parameters: dE/dtheta = 2 Re F
    assert np.all(np.linalg.eigvalsh(S.real) > -1e-12)  # S is positive semidefinite


def test_exact_rbm_optimisation_tfim_n8():
    # the demo: exact-gradient (SR) RBM optimisation on the N = 8 TFIM, relative error < 1e-3
    model = tfim(8, 1, units="pauli")
    E0 = lowest_energies(model, k=1)[0]  # = -2/sin(pi/16)
    res = optimize_exact(RBMState.random(8, 8, seed=0, scale=0.05), model, steps=150, lr=0.05)
    assert abs(res.energy - E0) / abs(E0) < 1e-3
    assert res.energy >= E0 - 1e-12
    assert "exact sr" in repr(res) and res._repr_latex_().startswith("$")


def test_local_energies_average_to_the_variational_energy():
    # exact average of E_loc over |psi|^2 equals <H> (independent of sampling)
    model = heisenberg(6, units="spin")
    st = RBMState.random(6, 6, seed=3, scale=0.4, complex=True)
    s = configurations(6)
    p = np.abs(st.amplitudes()) ** 2
    eloc = local_energies(st, model, s)
    assert np.sum(p * eloc).real == pytest.approx(variational_energy(st, model), abs=1e-12)


def test_blocking_error_on_ar1_process():
    # AR(1) with phi = 0.9: var(mean) = sigma_x^2 / n * (1 + phi) / (1 - phi)   (independent: analytic)
    rng = np.random.default_rng(0)
    phi, n = 0.9, 2**16
    x = np.empty(n)
    x[0] = 0
    noise = rng.normal(size=n)
    for t in range(1, n):
        x[t] = phi * x[t - 1] + noise[t]
    var_x = 1 / (1 - phi**2)
    expected = np.sqrt(var_x / n * (1 + phi) / (1 - phi))
    _, err, levels = blocking_error(x)
    assert 0.75 * expected < err < 1.3 * expected
    assert levels[0] < 0.5 * err  # the naive error underestimates


def test_vmc_energy_within_error_bars():
    model = tfim(8, 1, units="pauli")
    st = RBMState.random(8, 8, seed=3, scale=0.3)
    Ev = variational_energy(st, model)
    z = []
    for seed in range(6):
        est = vmc_energy(st, model, n_samples=3000, seed=seed)
        z.append((est.mean - Ev) / est.error)
    assert max(abs(v) for v in z) < 4
    assert repr(est).startswith("VMCEstimate(") and r"\pm" in est._repr_latex_()


def test_metropolis_samples_follow_psi_squared():
    st = RBMState.random(3, 3, seed=0, scale=0.4)
    samples = metropolis_samples(st, 40_000, seed=1).reshape(-1, 3)
    idx = ((1 - samples) // 2).astype(int) @ np.array([4, 2, 1])
    freq = np.bincount(idx, minlength=8) / len(idx)
    assert np.allclose(freq, np.abs(st.amplitudes()) ** 2, atol=0.015)  # ~5 standard errors


@pytest.mark.slow
def test_vmc_sr_agrees_with_exact_within_error_bars():
    # the demo, second half: VMC + SR reaches the ground state and its energy estimate agrees with
    # the exact variational energy of the same state within its error bars
    model = tfim(8, 1, units="pauli")
    E0 = lowest_energies(model, k=1)[0]
    res = vmc_sr(RBMState.random(8, 8, seed=0, scale=0.05), model, steps=120, n_samples=2000, lr=0.05)
    Ev = variational_energy(res.state, model)
    est = vmc_energy(res.state, model, n_samples=20_000, seed=99)
    assert abs(est.mean - Ev) < 4 * est.error
    assert abs(Ev - E0) / abs(E0) < 1e-3
