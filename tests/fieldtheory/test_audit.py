"""Regression tests from the issue-13 audit: adversarial inputs and independent cross-checks.

Each test names the input that misbehaved before the audit and what happened.
"""

import math

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st

from mathml.core.errors import DomainError, InvalidInputError
from mathml.fieldtheory import (
    CosNet,
    PathNetwork,
    SignalPropagation,
    critical_sigma_w2,
    finite_width_kurtosis,
    kurtosis_by_enumeration,
    nngp_kernel,
)

x = sp.Symbol("x")


# ------------------------------------------------------------------ signal propagation
def test_cubic_activation_has_a_stable_fixed_point():
    # phi = x^3, sigma_w2 = sigma_b2 = 0.1: the length map is 1.5 q^3 + 0.1 (E z^6 = 15), whose smallest
    # positive fixed point is stable.  Before: DomainError "no finite fixed point" (bad bracketing).
    s = SignalPropagation(x**3, 0.1, 0.1)
    roots = sorted(r.real for r in np.roots([1.5, 0, -1, 0.1]) if abs(r.imag) < 1e-12 and r.real > 0)
    assert abs(float(s.q_star) - roots[0]) < 1e-13  # independent: numpy polynomial roots
    assert abs(float(s.chi1) - 0.1 * 9 * 3 * roots[0] ** 2) < 1e-13  # sigma_w2 E[(3 x^2)^2] = 27 sw q^2
    # larger sigma_w2: the cubic map has no fixed point at all (min of 30 q^3 + 0.1 - q is > 0)
    with pytest.raises(DomainError, match="no finite stable fixed point"):
        _ = SignalPropagation(x**3, 2.0, 0.1).q_star


@pytest.mark.slow
def test_softplus_no_nan():
    # before: ValueError "function value at x=1.0 is NaN" (float64 overflow of log(1 + e^x) times 0)
    sp_ = sp.log(1 + sp.exp(x))
    with pytest.raises(DomainError):  # E[softplus^2] > q/2, so 2 E[...] + 0.1 > q: no fixed point
        _ = SignalPropagation(sp_, 2.0, 0.1).q_star
    s = SignalPropagation(sp_, 0.5, 0.1)
    q = s.q_star
    # independent: the fixed-point equation with scipy quadrature
    from scipy.integrate import quad

    e = quad(lambda t: math.log1p(math.exp(math.sqrt(float(q)) * t)) ** 2 * math.exp(-t * t / 2), -30, 30)[0]
    assert abs(0.5 * e / math.sqrt(2 * math.pi) + 0.1 - float(q)) < 1e-12


@pytest.mark.slow
def test_step_activation_q_star_and_divergent_chi1():
    # phi = Heaviside: E[phi^2] = 1/2 at every q > 0, so q* = sigma_w2/2 + sigma_b2; phi' is a Dirac delta so
    # chi1 is infinite.  Before: InvalidInputError about phi'' while computing q*.
    s = SignalPropagation(sp.Heaviside(x), 1.5, 0.1)
    assert abs(s.q_star - mpmath.mpf("0.85")) < 1e-15
    with pytest.raises(DomainError, match="chi1 diverges"):
        _ = s.chi1


@pytest.mark.slow
def test_critical_line_errors_are_clear():
    # x^3: chi1 = 1 only at the UNSTABLE fixed point q = 9 sb/4 (slope 5/3); before: ZeroDivisionError
    with pytest.raises(DomainError, match="unstable"):
        critical_sigma_w2(x**3, 0.1)
    # linear / abs: E[phi^2]/E[phi'^2] = q, so the equation reads sigma_b2 = 0; before: ValueError
    for act in (x, sp.Abs(x)):
        with pytest.raises(DomainError, match="no critical point"):
            critical_sigma_w2(act, 0.1)
    with pytest.raises(DomainError):
        critical_sigma_w2(sp.sign(x), 0.1)
    # before: dps = -1 was accepted and a 1-digit "2.0" returned
    with pytest.raises(InvalidInputError, match="dps"):
        critical_sigma_w2("tanh", 0.1, dps=-1)


@pytest.mark.slow
def test_critical_line_far_out_is_critical():
    # sigma_b2 = 1e6: the critical point must make chi1 = 1 at the q* SignalPropagation finds
    # (the float scan misses the narrow phi'^2 = sech^4 peak unless it splits at the activation's scale)
    sw = critical_sigma_w2("tanh", 10**6, dps=15)
    assert abs(SignalPropagation("tanh", sw, 10**6, dps=15).chi1 - 1) < 1e-10


# ------------------------------------------------------------------ NNGP kernels
def test_nngp_bad_dps_and_depth():
    with pytest.raises(InvalidInputError, match="dps"):  # before: dps = 0 returned 1.0
        nngp_kernel("erf", 2, 0.1, 2, [1], [3], dps=0)
    with pytest.raises(InvalidInputError, match="depth"):  # before: hung
        nngp_kernel("relu", 2.0, 0.1, 10**9, [1.0], [0.5])
    with pytest.raises(InvalidInputError, match="depth"):  # before: exact depth 5 hung (3^depth terms)
        nngp_kernel("relu", 2, sp.Rational(1, 10), 5, [1, 2], [3, -1])
    assert nngp_kernel("relu", 2.0, 0.1, np.int64(2), [1.0], [0.5]) > 0  # numpy depth accepted


def test_nngp_exact_relu_depth_three_matches_float():
    k = nngp_kernel("relu", 2, sp.Rational(1, 10), 3, [1, 2], [3, -1])
    with mpmath.workdps(30):
        f = nngp_kernel("relu", 2, mpmath.mpf(1) / 10, 3, [1, 2], [3, -1], dps=25)  # 0.1 to 30 digits
        assert abs(mpmath.mpf(str(sp.N(k, 30))) - f) < mpmath.mpf(10) ** -23  # 25 digits asked


def test_nngp_sign_activation_closed_form():
    # phi = sign: E[sign u sign v] = (2/pi) arcsin(rho) (Sheppard), one hidden layer.  Before: hung (> 20 s).
    a, b = [1.0, 0.5], [0.3, -0.5]
    k0 = [0.1 + 2.0 * np.dot(u, v) / 2 for u, v in ((a, a), (a, b), (b, b))]
    rho = k0[1] / math.sqrt(k0[0] * k0[2])
    expected = 0.1 + 2.0 * (2 / math.pi) * math.asin(rho)
    assert abs(nngp_kernel(sp.sign(x), 2.0, 0.1, 1, a, b) - expected) < 1e-12


def test_nngp_huge_inputs_fail_fast():
    # before: hung building ever finer trapezoid grids (tanh(1e100 z) is a step for the quadrature)
    with pytest.raises(DomainError):
        nngp_kernel("tanh", 2, 0.0, 2, [1e200], [1e200 * 0.5])


@settings(max_examples=10)
@given(st.floats(0.5, 3), st.floats(0, 0.5), st.integers(1, 3))
def test_property_arccos_kernel_equals_quadrature(sw, sb, depth):
    # Cho & Saul's arc-cosine closed form against bivariate quadrature (independent route)
    a, b = [0.3, -1.0, 0.4], [1.0, 0.5, -0.2]
    c = nngp_kernel("relu", sw, sb, depth, a, b)
    q = nngp_kernel("relu", sw, sb, depth, a, b, method="quadrature")
    assert abs(c - q) < 1e-12 * max(1, abs(c))


# ------------------------------------------------------------------ sizes
def test_sampling_sizes_fail_fast():
    with pytest.raises(InvalidInputError):  # before: MemoryError (745 GiB)
        CosNet(1, 1, 10**6).sample(10**5, 0)
    with pytest.raises(InvalidInputError):  # before: hung (1e9 times)
        CosNet(1, 1, 2).sample(10, 0, taus=range(10**9))
    with pytest.raises(InvalidInputError):  # before: MemoryError (72.8 TiB) in sample_parameters
        CosNet(1, 1, 10**12).sample_parameters(10, 0)
    x_ = CosNet(1, 2, 10**5).sample(20, 0)  # a wide net streams in bounded chunks
    assert x_.shape == (20, 1) and np.all(np.isfinite(x_))


def test_kurtosis_at_huge_width_exact_and_enumeration_capped():
    # 50 layers of width 10^6: 3 (1 + 5e-6)^50 exactly, instantly
    k = finite_width_kurtosis((10**6,) * 50)
    assert k == 3 * sp.Rational(10**6 + 5, 10**6) ** 50
    with pytest.raises(InvalidInputError, match="5000"):  # before: hung
        kurtosis_by_enumeration((10**6,))


def test_path_network_sizes():
    with pytest.raises(InvalidInputError, match="at most"):  # before: hung
        PathNetwork("relu", 10**8, 1.0, 0, 1)
    with pytest.raises(InvalidInputError, match="exact"):
        PathNetwork("cosine", 10**6, 1, 0, 1)
    net = PathNetwork("relu", 10**6, 1.0, 0, 1)
    with pytest.raises(InvalidInputError, match="dense"):  # before: a 10^12-entry list
        net.jacobian_matrix()
    assert net.log_jacobian() == pytest.approx((10**6 - 1) * math.log(1e-6), rel=1e-14)
    # the cosine Jacobian through logs equals the exact (N/2)^((N-1)/2)
    assert PathNetwork("cosine", 7, 1.0, 0, 1).jacobian() == pytest.approx(42.875, rel=1e-14)


# ------------------------------------------------------------------ users own their symbols
def test_signed_symbols_are_refused_not_silently_simplified():
    from mathml.core.gaussian import gaussian_expectation

    xp = sp.Symbol("x", positive=True)
    # Max(0, x) with x positive is already x: before the audit this ran as a LINEAR activation
    with pytest.raises(InvalidInputError, match="assumptions"):
        SignalPropagation(sp.Max(0, xp), 1, 0.1)
    # Abs(z) with z positive is z: before, E|z| came back as E z = 0
    with pytest.raises(InvalidInputError, match="assumptions"):
        gaussian_expectation(sp.Abs(xp), 1)
    u = sp.Symbol("u", real=True)  # a real symbol of the user's own name is fine and recognised as relu
    assert SignalPropagation(sp.Max(0, u), 1, sp.Rational(1, 10)).q_star == sp.Rational(1, 5)


def test_lattice_oscillator_symbolic():
    # positive symbols give the formulas; their continuum limits are 1/(2 omega) and omega
    from mathml.fieldtheory import lattice_oscillator

    w, a = sp.symbols("omega a", positive=True)
    osc = lattice_oscillator(w, a)
    assert sp.simplify(osc.x2 - 1 / (2 * w * sp.sqrt(1 + a**2 * w**2 / 4))) == 0
    assert sp.limit(osc.x2, a, 0) == 1 / (2 * w) and sp.limit(osc.gap, a, 0) == w
    assert sp.simplify(sp.expand_trig(sp.cosh(a * osc.gap)) - (1 + a**2 * w**2 / 2)) == 0
    with pytest.raises(InvalidInputError):
        lattice_oscillator(sp.Symbol("w"), 1)  # sign unknown
    with pytest.raises(InvalidInputError):
        osc.transfer_matrix()


# ------------------------------------------------------------------ propagators and helpers
def test_propagator_inputs_validated():
    from mathml.fieldtheory import conv_stencil, cutoff_propagator, free_kernel, mehler_kernel
    from mathml.fieldtheory.propagators import tridiagonal_gaussian

    # before: free_kernel("1", 0, 1) parsed the string, True was T = 1, NaN gave nan, a list a TypeError
    for bad in ("1", True, float("nan"), [1]):
        with pytest.raises(InvalidInputError):
            free_kernel(bad, 0, 1)
    with pytest.raises(InvalidInputError):  # before: ValueError from float("a")
        mehler_kernel("a", 1, 0, 1)
    with pytest.raises(InvalidInputError):  # before: nan from a symbolic zero frequency
        mehler_kernel(sp.Integer(0), 1, 0, sp.Symbol("y"))
    with pytest.raises(InvalidInputError):  # before: sqrt of a negative time, a complex "kernel"
        free_kernel(sp.Integer(-1), 0, sp.Symbol("y"))
    with pytest.raises(InvalidInputError):  # before: TypeError
        tridiagonal_gaussian(["a"], [], [0])
    with pytest.raises(InvalidInputError):  # before: logabsdet = nan
        tridiagonal_gaussian([float("nan")], [], [0.0])
    with pytest.raises(InvalidInputError):  # before: hung (order 10^6 Taylor terms)
        conv_stencil([1, 2, 3], 1, order=10**6)
    with pytest.raises(InvalidInputError):  # before: [6.0, nan, nan]
        conv_stencil([1, 2, 3], float("nan"))
    for bad in (0, -3, "a"):  # before: dps = 0 returned 0.25, dps = 10^6 hung
        with pytest.raises(InvalidInputError):
            cutoff_propagator(0.5, 1, 1, dps=bad)
    with pytest.raises(InvalidInputError):
        CosNet(1, 1, 2).four_point_connected(0.5, 0, 1, 2, dps="a")  # before: TypeError


def test_real_time_kernel_past_the_caustic_has_the_maslov_phase():
    # omega T = 4.5 > pi: Mehler's kernel carries exp(-i pi floor(omega T / pi) / 2) (Maslov index 1,
    # independent formula); the lattice kernel's phase comes from the inertia of the quadratic form
    from mathml.fieldtheory import PathNetwork

    w, T, x0, xf = 1.5, 3.0, 0.2, 0.9
    s, c = mpmath.sin(w * T), mpmath.cos(w * T)
    K = (
        mpmath.sqrt(w / (2 * mpmath.pi * abs(s)))
        * mpmath.expjpi(-0.25 - 0.5 * mpmath.floor(w * T / mpmath.pi))
        * mpmath.expj(w * ((x0**2 + xf**2) * c - 2 * x0 * xf) / (2 * s))
    )
    lat = PathNetwork("relu", 6400, T, x0, xf).kernel(sp.Rational(9, 8) * x**2, real_time=True)
    assert abs(lat / complex(K) - 1) < 1e-5  # O(dt^2) at N = 6400


def test_linear_potential_kernel():
    # V = g x (Euclidean, m = 1): K = K_free exp(-g T (x0 + xf)/2 + g^2 T^3/24) (independent: classical
    # action of a particle in a constant field); the trapezoid lattice converges at O(dt^2)
    from mathml.fieldtheory import PathNetwork, free_kernel

    exact = free_kernel(1, 0.2, 0.9) * mpmath.exp(-0.55 + mpmath.mpf(1) / 24)
    assert abs(PathNetwork("step", 2000, 1.0, 0.2, 0.9).kernel(x) / exact - 1) < 1e-6
