"""Audit of mathml.statmech: regression tests for the bugs found by adversarial inputs, and
cross-checks against published tables and independent routes that the first tests did not use."""

import math

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st

import mathml as mm
from mathml.core.errors import DomainError, InvalidInputError
from mathml.statmech import (
    DBM,
    K_C,
    RBM,
    BoltzmannMachine,
    GaussianDBM,
    Hopfield,
    Ising2D,
    IsingChain,
    SizeLimitError,
    ags_capacity,
    configurations,
    decimation_coupling,
    decimation_prefactor,
    density_of_states,
    lattice_gaussian_covariance,
    logsumexp,
    onsager_internal_energy,
    onsager_specific_heat,
    pca_rg,
    softplus,
    trotter_coupling,
    variational_rg,
)

# ----------------------------------------------------------------------------------------------
# 2D Ising: antiferromagnet (K < 0)


@pytest.mark.parametrize("L", [2, 4])
@pytest.mark.parametrize("K", [sp.Rational(-1, 2), sp.Rational(-3, 10), sp.Rational(-2)])
def test_even_torus_antiferromagnet_equals_ferromagnet(L, K):
    # independent: flipping one sublattice maps E -> -E on an even torus, so Z(-K) = Z(K);
    # brute force is exact, Kaufman was refused for K < 0 before the audit
    exact = Ising2D(L, K).partition_function("brute")
    assert sp.simplify(exact - Ising2D(L, -K).partition_function("brute")) == 0
    with mpmath.workdps(40):
        kauf = Ising2D(L, K).partition_function("kaufman", dps=40)
        assert abs(kauf / mpmath.mpf(sp.N(exact, 50)) - 1) < mpmath.mpf(10) ** -35


@pytest.mark.parametrize("L", [3, pytest.param(5, marks=pytest.mark.slow)])  # L = 5: 2^25 states, ~7 s
@pytest.mark.parametrize("K", ["-0.001", "-0.3", "-0.5", "-1", "-4"])
def test_odd_torus_antiferromagnet_kaufman_vs_brute(L, K):
    # independent: exact enumeration of the 2^9 / 2^25 states (integer g(E)) at 40 digits;
    # on odd L the antiferromagnet is frustrated and Z(-K) != Z(K)
    with mpmath.workdps(40):
        Km = mpmath.mpf(K)
        g = density_of_states(L)
        brute = mpmath.fsum(c * mpmath.exp(-Km * E) for E, c in g.items())
        kauf = Ising2D(L, Km).partition_function("kaufman", dps=40)
        assert abs(kauf / brute - 1) < mpmath.mpf(10) ** -33
        if abs(Km) >= mpmath.mpf("0.3"):  # the frustration shows up as an O(|K|^L) difference
            assert abs(Ising2D(L, -Km).partition_function("kaufman", dps=40) / brute - 1) > 1e-3


@pytest.mark.parametrize("K", [-0.2, -0.6, -3.0, -10.0])
def test_odd_torus_antiferromagnet_kaufman_vs_transfer_L7(K):
    # independent: float64 trace of T^7 (2^7 x 2^7 row transfer matrix); before the audit the
    # transfer route summed lambda^7 over signed eigenvalues and returned 220.795 instead of
    # 220.778 at K = -3 (and 806.8 instead of 710.8 at K = -10)
    a = Ising2D(7, K).log_partition_function("kaufman")
    b = Ising2D(7, K).log_partition_function("transfer")
    assert abs(a - b) < 1e-11 * abs(a)


def test_odd_torus_antiferromagnet_ground_state_limit():
    # independent: at K -> -oo, ln Z -> |K| (2L^2 - 4L) + ln g_0 (a frustration seam in each direction):
    # the ratio of ln Z at K = -40 and -20 fixes the ground energy 2 * 49 - 28 = 70 on the 7 x 7 torus
    a = Ising2D(7, -40.0).log_partition_function("kaufman")
    b = Ising2D(7, -20.0).log_partition_function("kaufman")
    assert abs((a - b) / 20 - 70) < 1e-12


# ----------------------------------------------------------------------------------------------
# published / closed-form small tori


def test_2x2_torus_closed_form():
    # independent: on the 2x2 torus every pair is joined by two bonds, Z = 2 e^{8K} + 12 + 2 e^{-8K}
    K = sp.Symbol("K")
    z = Ising2D(2, K).partition_function("brute")
    assert sp.simplify(z - (4 * sp.cosh(8 * K) + 12)) == 0
    with mpmath.workdps(30):
        for k in ("0.1", "0.5", "-0.7"):
            kk = mpmath.mpf(k)
            ref = 4 * mpmath.cosh(8 * kk) + 12
            assert abs(Ising2D(2, kk).partition_function("kaufman", dps=30) / ref - 1) < 1e-27


# P. D. Beale, PRL 76, 78 (1996): exact ln g(E) of the 8 x 8 torus, E = -128 ... 0 (as tabulated in
# the MonteCarloX test suite, "log_dos_beale_8x8", 16 digits)
BEALE_8X8_LOG_G = [
    0.6931471805599453,
    4.852030263919617,
    5.545177444479562,
    8.449342524508063,
    9.793672686528922,
    11.887298863200714,
    13.477180596840947,
    15.268195474147658,
    16.912371686315282,
    18.59085846191256,
    20.230089202801466,
    21.870810400320693,
    23.498562234123614,
    25.114602234581373,
    26.70699035290573,
    28.266152815389898,
    29.780704423363996,
    31.241053997806176,
    32.63856452513369,
    33.96613536105969,
    35.217576663643314,
    36.3873411250109,
    37.47007844691906,
    38.46041522581422,
    39.35282710786369,
    40.141667825183845,
    40.82130289691285,
    41.38631975325592,
    41.831753810069756,
    42.153328313883975,
    42.34770636939425,
    42.41274640460084,
]


def test_beale_8x8_density_of_states_from_kaufman():
    # Kaufman's Z at 65 couplings (75 digits) is a degree-64 polynomial in z = e^{-4K} with integer
    # coefficients g(E); solving the Vandermonde system and rounding recovers Beale's exact g(E).
    L, n = 8, 64
    with mpmath.workdps(80):
        nodes = [
            mpmath.mpf("0.01")
            + mpmath.mpf("0.98") * (1 - mpmath.cospi(mpmath.mpf(2 * j + 1) / (2 * (n + 1)))) / 2
            for j in range(n + 1)
        ]
        rhs = []
        for z in nodes:
            K = -mpmath.log(z) / 4
            rhs.append(mpmath.exp(Ising2D(L, K).log_partition_function(dps=75) - 2 * n * K))
        c = mpmath.lu_solve(mpmath.matrix([[z**j for j in range(n + 1)] for z in nodes]), mpmath.matrix(rhs))
        g = [int(mpmath.nint(c[j])) for j in range(n + 1)]  # g at E = -128 + 4 j
        assert max(abs(c[j] - g[j]) for j in range(n + 1)) < 1e-6  # integers to working precision
    assert sum(g) == 2**64 and g == g[::-1]  # all states; E -> -E symmetry of the even torus
    assert g[1] == 0  # E = -124 is impossible (one flipped spin already costs 8)
    nonzero = [x for x in g if x]
    assert nonzero[:6] == [2, 128, 256, 4672, 17920, 145408]  # Beale; also 2, 2N, 4N by counting flips
    for x, lg in zip(nonzero, BEALE_8X8_LOG_G):  # E = -128, -120, -116, ..., 0
        assert abs(math.log(x) - lg) < 1e-13 * max(1.0, lg)


def test_4x4_density_of_states_matches_beale():
    # Beale 1996 / brief dynamics_statmech.md section 4: the 4 x 4 torus
    g = density_of_states(4)
    assert [g[E] for E in (-32, -24, -20, -16, -12, -8, -4, 0)] == [2, 32, 64, 424, 1728, 6688, 13568, 20524]


# ----------------------------------------------------------------------------------------------
# Onsager thermodynamics against Kaufman at large L


@pytest.mark.parametrize("K", ["0.3", "0.6", "-0.3"])
def test_onsager_energy_and_specific_heat_vs_kaufman_L128(K):
    # independent: numerical K-derivatives of Kaufman's ln Z on the 128 x 128 torus (finite-size
    # corrections ~ e^{-L/xi}, below 1e-15 away from K_c)
    with mpmath.workdps(25):
        model = Ising2D(128, mpmath.mpf(K))
        u_fin, c_fin = model.internal_energy(dps=20), model.specific_heat(dps=20)
        u_inf = onsager_internal_energy(mpmath.mpf(K), dps=20)
        c_inf = onsager_specific_heat(mpmath.mpf(K), dps=20)
    assert abs(u_fin - u_inf) < 1e-14 and abs(c_fin / c_inf - 1) < 1e-13


def test_onsager_specific_heat_near_kc_and_at_kc():
    # before: central differences across the singularity gave c(0.4406867935) = 389.4 and
    # c(K_c) = 19.08; independent: -K^2 du/dK by a symmetric difference quotient (step 1e-20, 60 digits)
    with mpmath.workdps(60):
        K = mpmath.mpf("0.4406867935")
        h = mpmath.mpf("1e-20")
        fd = (
            -(K**2)
            * (onsager_internal_energy(K + h, dps=60) - onsager_internal_energy(K - h, dps=60))
            / (2 * h)
        )
        c = onsager_specific_heat(K, dps=30)
    assert abs(c / fd - 1) < 1e-12 and 11.8 < c < 11.9
    with pytest.raises(DomainError):
        onsager_specific_heat(K_C)
    assert onsager_internal_energy(0) == 0  # before: ZeroDivisionError


def test_specific_heat_peak_moves_to_kc_like_one_over_L():
    # Ferdinand & Fisher, Phys. Rev. 185, 832 (1969): the torus peak K*(L) approaches K_c from below
    # with K_c - K*(L) ~ a/L, and c_max grows like (8 K_c^2 / pi) ln L = 0.4945 ln L
    peaks = {}
    with mpmath.workdps(18):
        for L in (4, 8, 16):
            f = lambda K, L=L: Ising2D(L, K).specific_heat(dps=12)  # noqa: E731
            lo, hi, phi = mpmath.mpf("0.38"), mpmath.mpf("0.46"), (mpmath.sqrt(5) - 1) / 2
            for _ in range(22):
                x1, x2 = hi - phi * (hi - lo), lo + phi * (hi - lo)
                lo, hi = (x1, hi) if f(x1) < f(x2) else (lo, x2)
            peaks[L] = ((lo + hi) / 2, f((lo + hi) / 2))
    kc = float(sp.N(K_C))
    shifts = [L * (kc - float(peaks[L][0])) for L in (4, 8, 16)]
    assert all(0.10 < s < 0.16 for s in shifts) and shifts == sorted(shifts)
    slopes = [float(peaks[2 * L][1] - peaks[L][1]) / math.log(2) for L in (4, 8)]
    assert all(0.45 < s < 0.6 for s in slopes) and abs(slopes[1] - 0.4945) < abs(slopes[0] - 0.4945)


# ----------------------------------------------------------------------------------------------
# 1D chain


@pytest.mark.parametrize("k", [1, 3, 6, 10])
def test_iterated_decimation_reproduces_exact_chain(k):
    # ln Z_N(K) = sum over levels of (N_l / 2) ln A(K_l) + ln Z_1(K_final), N = 2^k, iterating
    # K' = (1/2) ln cosh 2K down to one spin with its self-bond (Z_1 = 2 e^K); independent of the
    # closed form (2 cosh K)^N + (2 sinh K)^N
    K = sp.Rational(7, 10)
    assert sp.simplify(IsingChain(4, K).decimate()[1].K - decimation_coupling(K)) == 0
    with mpmath.workdps(40):
        total, Kl, N = mpmath.mpf(0), mpmath.mpf(7) / 10, 2**k
        while N > 1:
            total += N // 2 * mpmath.log(2 * mpmath.sqrt(mpmath.cosh(2 * Kl)))
            Kl, N = mpmath.log(mpmath.cosh(2 * Kl)) / 2, N // 2
        total += mpmath.log(2 * mpmath.exp(Kl))
        exact = mpmath.log(
            (2 * mpmath.cosh(mpmath.mpf(7) / 10)) ** 2**k + (2 * mpmath.sinh(mpmath.mpf(7) / 10)) ** 2**k
        )
        assert abs(total - exact) < mpmath.mpf(10) ** -35
        chain = IsingChain(2**k, mpmath.mpf(7) / 10)  # the package's decimate(), in mpmath
        log_z = mpmath.mpf(0)
        for _ in range(k):
            n_before = chain.N
            A, chain = chain.decimate()
            log_z += n_before // 2 * mpmath.log(A)
        assert chain.N == 1 and abs(chain.K - Kl) < mpmath.mpf(10) ** -35
        assert abs(log_z + chain.log_partition_function(dps=40) - exact) < mpmath.mpf(10) ** -30
    assert decimation_prefactor(K) == 2 * sp.sqrt(sp.cosh(sp.Rational(7, 5)))
    assert decimation_coupling(K) == sp.log(sp.cosh(sp.Rational(7, 5))) / 2


@pytest.mark.parametrize(
    "args, log_z",
    [
        # independent values: ground states counted by hand, e.g. N = 5, K = -1000: bond sum -3 in
        # 2 * 5 states, ln Z = 3000 + ln 10 (+ e^{-2000} corrections)
        ((5, -1000.0), 3000 + math.log(10)),
        ((4, 1000.0), 4000 + math.log(2)),
    ],
)
def test_chain_large_couplings(args, log_z):
    # before: Z = nan for K = 1000 and ln Z = -inf for the frustrated K = -1000 ring
    chain = IsingChain(*args)
    assert abs(chain.log_partition_function() - log_z) < 1e-9
    with pytest.raises(InvalidInputError, match="overflow"):
        chain.partition_function()


@settings(max_examples=20, deadline=None)
@given(
    N=st.integers(1, 11),
    K=st.floats(-40, 40, allow_nan=False),
    h=st.floats(-3, 3, allow_nan=False),
    pbc=st.booleans(),
)
def test_chain_log_z_vs_brute_force_any_sign(N, K, h, pbc):
    # independent: exact enumeration of the 2^N states at 60 digits; includes odd antiferromagnetic
    # rings, where lambda_+^N + lambda_-^N cancels (before: -inf or a crash on mpc)
    if not pbc and N < 2:
        N = 2
    chain = IsingChain(N, K, h, pbc=pbc)
    with mpmath.workdps(60):
        ref = mpmath.log(chain.partition_function("brute", dps=60))
    assert abs(chain.log_partition_function() - float(ref)) < 1e-9 * max(1.0, abs(float(ref)))


def test_open_chain_long_log_z():
    # before: InvalidInputError "Z overflows" from log_partition_function itself
    val = IsingChain(10**6, 0.7, pbc=False).log_partition_function()
    assert abs(val - (math.log(2) + (10**6 - 1) * math.log(2 * math.cosh(0.7)))) < 1e-6


# ----------------------------------------------------------------------------------------------
# Hopfield capacity: Stojnic's closed form, maximised independently


def test_ags_capacity_vs_stojnic_closed_form():
    # Stojnic, arXiv:2403.01907 (abstract): alpha_c = (max_{delta in (0, 1/2)} (1 - 2 delta) /
    # (sqrt 2 erfinv(1 - 2 delta)) - sqrt(2/pi) e^{-erfinv(1 - 2 delta)^2})^2 ~ 0.137906
    with mpmath.workdps(30):

        def f(delta):
            x = mpmath.erfinv(1 - 2 * delta)
            return (1 - 2 * delta) / (mpmath.sqrt(2) * x) - mpmath.sqrt(2 / mpmath.pi) * mpmath.exp(-x * x)

        lo, hi, phi = mpmath.mpf("0.001"), mpmath.mpf("0.1"), (mpmath.sqrt(5) - 1) / 2
        for _ in range(110):
            x1, x2 = hi - phi * (hi - lo), lo + phi * (hi - lo)
            lo, hi = (x1, hi) if f(x1) < f(x2) else (lo, x2)
        alpha = f((lo + hi) / 2) ** 2
        a, m = ags_capacity(digits=25)
        assert abs(alpha - a) < 1e-20
        assert mpmath.nstr(a, 6) == "0.137906"  # Stojnic's printed value
        assert abs(m - (1 - 2 * (lo + hi) / 2)) < 1e-10  # m = erf(y) = 1 - 2 delta


# ----------------------------------------------------------------------------------------------
# Boltzmann machines


@settings(max_examples=15, deadline=None)
@given(
    nv=st.integers(1, 4),
    nh=st.integers(1, 4),
    seed=st.integers(0, 10**6),
    units=st.sampled_from(["binary", "spin"]),
)
def test_rbm_marginals_vs_brute_force(nv, nh, seed, units):
    # independent: the joint table e^{-E(v, h)} over all 2^{nv + nh} states, summed over h
    rbm = RBM.random(nv, nh, scale=1.0, seed=seed, units=units)
    V, H = configurations(nv, units), configurations(nh, units)
    joint = np.exp(-np.array([[float(rbm.energy(v, h)) for h in H] for v in V]))
    pv = joint.sum(axis=1) / joint.sum()
    assert np.allclose(rbm.visible_marginal(), pv, rtol=1e-12, atol=1e-15)
    assert np.allclose(rbm.hidden_marginal(), joint.sum(axis=0) / joint.sum(), rtol=1e-12, atol=1e-15)
    assert abs(rbm.log_partition_function() - math.log(joint.sum())) < 1e-12


@settings(max_examples=15, deadline=None)
@given(nv=st.integers(1, 4), nh=st.integers(1, 4), seed=st.integers(0, 10**6))
def test_rbm_convention_round_trip(nv, nh, seed):
    # s = 2x - 1: binary -> spin -> binary returns the parameters; the distributions agree and
    # ln Z_binary - ln Z_spin = (1/2) 1.(a + b) + (1/4) 1^T W 1
    rbm = RBM.random(nv, nh, scale=1.0, seed=seed)
    spin = rbm.to_units("spin")
    back = spin.to_units("binary")
    assert np.allclose(back.W, rbm.W) and np.allclose(back.a, rbm.a) and np.allclose(back.b, rbm.b)
    assert np.allclose(spin.visible_marginal(), rbm.visible_marginal(), atol=1e-14)
    shift = rbm.a.sum() / 2 + rbm.b.sum() / 2 + rbm.W.sum() / 4
    assert abs(rbm.log_partition_function() - spin.log_partition_function() - shift) < 1e-12


def _ising_ring_distribution(n, K):
    s = configurations(n, "spin").astype(float)
    w = np.exp(K * np.sum(s * np.roll(s, -1, axis=1), axis=1))
    return w / w.sum()


@pytest.mark.parametrize("units", ["binary", "spin"])
def test_dbm_cd_k_decreases_kl(units):
    # the DBM had no CD-k; on a 4-spin Ising ring (K = 0.8) CD-5 lowers the exact KL by > 5x
    p = _ising_ring_distribution(4, 0.8)
    rng = np.random.default_rng(0)
    idx = rng.choice(16, size=400, p=p)
    data = (idx[:, None] >> np.arange(4)) & 1
    if units == "spin":
        data = 2 * data - 1
    dbm = DBM.random([4, 3, 2], scale=0.1, seed=1, units=units)
    p_emp = np.bincount(idx, minlength=16) / len(idx)
    before = dbm.kl_divergence(p_emp)
    dbm.fit_cd(data, k=5, lr=0.1, epochs=40, seed=2)
    assert dbm.history[-1] < before / 5
    assert abs(dbm.history[-1] - dbm.kl_divergence(p_emp)) < 1e-12


def test_boltzmann_machine_cd_k_decreases_kl():
    p = _ising_ring_distribution(3, 0.9)
    rng = np.random.default_rng(3)
    idx = rng.choice(8, size=300, p=p)
    data = 2 * ((idx[:, None] >> np.arange(3)) & 1) - 1
    bm = BoltzmannMachine(np.zeros((4, 4)), n_visible=3, units="spin")
    before = bm.kl_divergence(np.bincount(idx, minlength=8) / 300)
    bm.fit_cd(data, k=2, lr=0.05, epochs=40, seed=0)
    assert bm.history[-1] < before / 5


# ----------------------------------------------------------------------------------------------
# Trotter layer


@pytest.mark.parametrize("a", [1e-8, 0.3, 5.0, 20.0, 300.0])
def test_trotter_coupling_accurate_for_large_a(a):
    # independent: K = (1/2) ln coth a at 60 digits; before: K = -0.0 for a >= 20 (tanh a rounds to 1)
    K, C = trotter_coupling(a)
    with mpmath.workdps(int(a) + 100):  # the definition ln coth a cancels about 0.87 a digits
        am = mpmath.mpf(a)
        ref_K = mpmath.log(mpmath.coth(am)) / 2
        ref_C = mpmath.sqrt(mpmath.sinh(am) * mpmath.cosh(am))
    assert abs(K / ref_K - 1) < 1e-14 and abs(C / ref_C - 1) < 1e-14
    with mpmath.workdps(50):
        Km, _ = trotter_coupling(mpmath.mpf(a))
        assert abs(Km / ref_K - 1) < mpmath.mpf(10) ** -45


# ----------------------------------------------------------------------------------------------
# adversarial inputs: each raises a MathmlError subclass (before: TypeError, ValueError,
# MemoryError, IndexError, ZeroDivisionError, a silent nan, or a minute-long eigendecomposition)

BAD_CALLS = [
    ("RBM.random seed string", lambda: RBM.random(2, 2, seed="a")),
    ("RBM.random 10**18 units", lambda: RBM.random(10**18, 2)),
    ("RBM.sample k string", lambda: RBM.random(2, 2).sample(3, k="a")),
    ("RBM.sample 10**12 samples", lambda: RBM.random(2, 2).sample(10**12)),
    ("RBM.fit_exact maxiter string", lambda: RBM.random(2, 2).fit_exact([0.25] * 4, maxiter="a")),
    ("RBM.fit_cd lr nan", lambda: RBM.random(2, 2).fit_cd(np.array([[1, 0]]), lr=float("nan"))),
    ("RBM.kl_divergence string", lambda: RBM([[1.0]]).kl_divergence("ab")),
    ("DBM weights int", lambda: DBM(3)),
    ("DBM biases int", lambda: DBM([[[1.0]]], 3)),
    ("DBM.random int", lambda: DBM.random(3)),
    ("DBM.random 10**18", lambda: DBM.random([10**18, 2])),
    ("DBM.fit_cd spin data in binary", lambda: DBM.random([2, 2]).fit_cd(np.array([[1, -1]]))),
    ("configurations start string", lambda: configurations(2, start="a")),
    ("logsumexp empty", lambda: logsumexp([])),
    ("softplus string", lambda: softplus("a")),
    ("variational_rg wrong signature", lambda: variational_rg(lambda v: 1, np.zeros(4), 2, 1)),
    ("Hopfield seed string", lambda: Hopfield([[1, -1, 1]]).recall([1, 1, 1], seed="x")),
    ("Hopfield N = 10**5", lambda: Hopfield(np.ones((1, 10**5), dtype=np.int8))),
    ("pca_rg 2049 x 2049", lambda: pca_rg(np.eye(2049))),
    ("pca_rg fraction of zero covariance", lambda: pca_rg(np.zeros((3, 3)), fraction=0.5)),
    ("lattice covariance 64^2 sites", lambda: lattice_gaussian_covariance(64, 0.3, dim=2)),
    ("GaussianDBM string source", lambda: GaussianDBM([2, 3], [1]).log_partition_function("1")),
    ("GaussianDBM string precision", lambda: GaussianDBM(["2", 3], [1])),
    ("GaussianDBM indefinite hidden block", lambda: GaussianDBM([1, -2], [0.5]).log_partition_function(1.0)),
    ("IsingChain.energy string", lambda: IsingChain(3, 0.5).energy("abc")),
    ("IsingChain K = 1000 Z in float64", lambda: IsingChain(4, 1000.0).partition_function()),
    ("trotter_coupling(1e6) overflow", lambda: trotter_coupling(1e6)),
    ("Ising2D(10**6).brute", lambda: Ising2D(10**6, 0.4).partition_function("brute")),
    ("Ising2D(10**6).transfer", lambda: Ising2D(10**6, 0.4).partition_function("transfer")),
    ("Ising2D(10**6).kaufman", lambda: Ising2D(10**6, 0.4).log_partition_function()),
    ("Ising2D odd L, huge |K| cancellation", lambda: Ising2D(99_999, -1000.0).log_partition_function()),
    ("onsager_specific_heat at K_c", lambda: onsager_specific_heat(K_C)),
]


@pytest.mark.parametrize("label, call", BAD_CALLS, ids=[b[0] for b in BAD_CALLS])
def test_bad_input_raises_mathml_error(label, call):
    with pytest.raises(mm.MathmlError):
        call()


def test_exact_in_exact_out_and_numpy_scalars():
    # exact rationals and numpy integers give exact sympy results; numpy floats give floats
    z = IsingChain(4, np.int64(1), pbc=False).partition_function()
    assert z == 16 * sp.cosh(1) ** 3
    assert Ising2D(2, sp.Rational(1, 2)).partition_function("brute") == 2 * sp.exp(4) + 12 + 2 * sp.exp(-4)
    assert isinstance(IsingChain(4, np.float32(0.5)).partition_function(), float)
    K, C = trotter_coupling(sp.Rational(1, 2))
    assert K == -sp.log(sp.tanh(sp.Rational(1, 2))) / 2
    with pytest.raises(SizeLimitError):
        Ising2D(6, sp.Rational(1, 2)).partition_function("brute")


@pytest.mark.parametrize("N, K, h", [(2, 19.0, 1.0), (5, 25.0, -0.7), (4, -30.0, 0.4)])
def test_open_chain_in_field_at_large_coupling(N, K, h):
    # the open-chain eigenvector (e^{-K}, lambda_+ - e^{K+h}) cancelled ~4K/ln 10 digits
    # (ln Z off by 6e-5 at N = 2, K = 19, h = 1); independent: enumeration at 60 digits
    chain = IsingChain(N, K, h, pbc=False)
    with mpmath.workdps(60):
        ref = float(mpmath.log(chain.partition_function("brute", dps=60)))
    assert abs(chain.log_partition_function() - ref) < 1e-12 * abs(ref)
    assert abs(math.log(chain.partition_function()) - ref) < 1e-12 * abs(ref)


@settings(max_examples=25, deadline=None)
@given(L=st.integers(2, 4), K=st.floats(-3, 3, allow_nan=False).filter(lambda k: abs(k) > 1e-6))
def test_kaufman_equals_enumeration_for_any_sign(L, K):
    # property: Kaufman (continued to K < 0) = the exact density-of-states sum, both signs, even and odd L
    with mpmath.workdps(40):
        Km = mpmath.mpf(K)
        ref = mpmath.log(mpmath.fsum(c * mpmath.exp(-Km * E) for E, c in density_of_states(L).items()))
        assert abs(Ising2D(L, Km).log_partition_function(dps=40) - ref) < mpmath.mpf(10) ** -30 * abs(ref)


def test_plot_helpers_refuse_bad_sizes():
    # before: sizes=4 gave a TypeError, sizes=(50000,) ran Kaufman's second derivative for minutes
    pytest.importorskip("matplotlib")
    from mathml.statmech.plot import plot_specific_heat

    for sizes in (4, (50000,), ("4",)):
        with pytest.raises(InvalidInputError):
            plot_specific_heat(sizes=sizes)


def test_inverse_ising_boundary_and_interior():
    # before: perfectly correlated spins returned J = 14.2 (an L-BFGS cut-off of J = infinity)
    from mathml.statmech import inverse_ising

    for p in ([0.5, 0, 0, 0.5], [1.0, 0, 0, 0], [0.5, 0.5, 0, 0]):
        with pytest.raises(DomainError):
            inverse_ising(p)
    with pytest.raises(InvalidInputError):
        inverse_ising(["a", "b"])
    # interior despite zeros: the even-parity states of 3 spins have the moments of the uniform law,
    # so the maximum-likelihood couplings are 0 (independent: all first and second moments vanish)
    J, h = inverse_ising([0.25, 0, 0, 0.25, 0, 0.25, 0.25, 0])
    assert np.abs(J).max() < 1e-6 and np.abs(h).max() < 1e-6
    # a generic model is recovered (independent: the generating couplings)
    J0 = np.array([[0, 0.7, -0.3], [0.7, 0, 0.2], [-0.3, 0.2, 0]])
    b0 = np.array([0.1, -0.2, 0.3])
    J, h = inverse_ising(BoltzmannMachine(J0, b0, units="spin").probabilities())
    assert np.abs(J - J0).max() < 1e-6 and np.abs(h - b0).max() < 1e-6


@pytest.mark.parametrize("K", [1e-300, 1e-20, -1e-8])
def test_onsager_high_temperature_limits(K):
    # high-temperature series (independent): ln Z/N = ln 2 + 2 ln cosh K + tanh^4 K + ..., so
    # u = -2 tanh K (1 + O(K^2)) and c = 2 K^2 sech^2 K (1 + O(K^2)); before: u(1e-300) = -5.7e258
    # and c(1e-300) = 6.2e-574 (the bracket of Onsager's u cancels to O(K^2))
    u, c = onsager_internal_energy(K, dps=20), onsager_specific_heat(K, dps=20)
    Km = mpmath.mpf(K)
    assert abs(u / (-2 * mpmath.tanh(Km)) - 1) < 1e-12
    assert abs(c / (2 * Km**2 / mpmath.cosh(Km) ** 2) - 1) < 1e-12


@pytest.mark.parametrize("K", [20.0, 100.0, 1000.0])
def test_onsager_low_temperature_specific_heat(K):
    # low-temperature series (independent): ln Z/N = 2K + e^{-8K} + 2 e^{-12K} + ..., so
    # c = 64 K^2 e^{-8K} (1 + O(e^{-4K})); before: 0.0 at K = 20 and 100 (cancellation)
    with mpmath.workdps(30):
        c = onsager_specific_heat(mpmath.mpf(K), dps=20)
        ref = 64 * mpmath.mpf(K) ** 2 * mpmath.exp(-8 * mpmath.mpf(K))
        assert abs(c / ref - 1) < 1e-15


@pytest.mark.parametrize("L, K", [(4, 20.0), (3, -20.0), (4, 5.0)])
def test_finite_torus_specific_heat_at_low_temperature(L, K):
    # independent: K^2 d^2/dK^2 of ln sum_E g(E) e^{-KE} at 200 digits; before: 5.7e-40 instead of
    # 8.3e-66 at L = 4, K = 20 (finite differences of ln Z ~ 2 K L^2 at 30 digits)
    g = density_of_states(L)
    with mpmath.workdps(200):
        Km = mpmath.mpf(K)
        ref = Km**2 * mpmath.diff(
            lambda k: mpmath.log(mpmath.fsum(c * mpmath.exp(-k * E) for E, c in g.items())), Km, 2
        )
        ref /= L * L
    assert abs(Ising2D(L, K).specific_heat(dps=20) / ref - 1) < 1e-15
