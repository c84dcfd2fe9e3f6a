"""Gaussian expectations (mathml.core.gaussian) against closed forms and independent quadrature."""

import math

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st
from scipy.integrate import quad

from mathml.core.errors import InvalidInputError
from mathml.core.gaussian import (
    bivariate_expectation,
    gauss_hermite_rule,
    gaussian_expectation,
    is_exact_number,
    kinks_of,
)

z = sp.Symbol("z", real=True)


def test_exact_moments():
    q = sp.Symbol("q", positive=True)
    # E z^{2k} = (2k - 1)!! q^k (independent: double factorial)
    for k in range(1, 5):
        assert (
            gaussian_expectation(z ** (2 * k), sp.Rational(3, 2))
            == sp.factorial2(2 * k - 1) * sp.Rational(3, 2) ** k
        )
    assert gaussian_expectation(z**3, 5) == 0
    del q


def test_exact_relu_and_exp():
    # E relu(z)^2 = q/2, E relu(z) = sqrt(q/(2 pi)), E e^{a z} = e^{a^2 q/2}
    assert gaussian_expectation(sp.Max(0, z) ** 2, 7) == sp.Rational(7, 2)
    assert sp.simplify(gaussian_expectation(sp.Max(0, z), 2) - 1 / sp.sqrt(sp.pi)) == 0
    assert sp.simplify(gaussian_expectation(sp.exp(3 * z), 2) - sp.exp(9)) == 0


@pytest.mark.filterwarnings("ignore::scipy.integrate.IntegrationWarning")  # reference at 1e-15
def test_numeric_tanh_against_scipy():
    # independent: scipy adaptive quadrature in float64
    for q in (0.3, 1.0, 12.6):
        ref = quad(
            lambda x, q=q: math.tanh(math.sqrt(q) * x) ** 2 * math.exp(-x * x / 2) / math.sqrt(2 * math.pi),
            -40,
            40,
            epsabs=1e-15,
            epsrel=1e-15,
            limit=200,
        )[0]
        v = gaussian_expectation(sp.tanh(z) ** 2, q, dps=20)
        assert abs(float(v) - ref) < 1e-13


def test_numeric_30_digits_cos():
    # E cos(z) = e^{-q/2}
    v = gaussian_expectation(lambda x: mpmath.cos(x), mpmath.mpf(3), dps=30)
    with mpmath.workdps(35):
        assert abs(v - mpmath.exp(-mpmath.mpf(3) / 2)) < mpmath.mpf(10) ** -29


def test_callable_with_breakpoints():
    # |z| has a kink at 0: E|z| = sqrt(2 q / pi)
    v = gaussian_expectation(lambda x: abs(x), 2, dps=20, breakpoints=[0])
    with mpmath.workdps(25):
        assert abs(v - mpmath.sqrt(4 / mpmath.pi)) < mpmath.mpf(10) ** -19


def test_bivariate_williams_and_arccos():
    # Williams 1997 (erf) and Cho & Saul (relu, J_1): brief F1 values
    v = bivariate_expectation(sp.erf(z), sp.erf(z), 1.3, 0.5, 0.7, dps=13)
    assert abs(v - 0.220994228) < 1e-9
    r = bivariate_expectation(sp.Max(0, z), sp.Max(0, z), 1, 0.5, 1, dps=10)
    assert abs(r - 0.304498891) < 1e-9
    exact = math.sqrt(3) / (4 * math.pi) + 1 / 6
    assert abs(r - exact) < 1e-10


def test_bivariate_mp_route():
    # E[sin u sin v] = e^{-(q11+q22)/2} sinh(q12) (independent: characteristic function)
    v = bivariate_expectation(sp.sin(z), sp.sin(z), sp.Rational(1, 2), sp.Rational(1, 4), 1, dps=18)
    with mpmath.workdps(25):
        ref = mpmath.exp(-mpmath.mpf(3) / 4) * mpmath.sinh(mpmath.mpf(1) / 4)
        assert abs(v - ref) < mpmath.mpf(10) ** -17


def test_degenerate_variance():
    assert float(bivariate_expectation(sp.cos(z), sp.cos(z), 0, 0, 1, dps=12)) == pytest.approx(
        math.exp(-0.5), abs=1e-12
    )
    assert gaussian_expectation(lambda x: x + 3, 0) == 3


def test_errors():
    with pytest.raises(InvalidInputError, match="non-negative"):
        gaussian_expectation(z**2, -1)
    with pytest.raises(InvalidInputError, match="semi-definite"):
        bivariate_expectation(z, z, 1, 2, 1)
    with pytest.raises(InvalidInputError, match="string"):
        gaussian_expectation("z**2", 1)
    with pytest.raises(InvalidInputError, match="one symbol"):
        gaussian_expectation(z * sp.Symbol("y"), 1)
    with pytest.raises(InvalidInputError, match="closed form"):
        gaussian_expectation(sp.tanh(z), 1, method="exact")
    with pytest.raises(InvalidInputError):
        gaussian_expectation(z, float("nan"))
    with pytest.raises(InvalidInputError):
        gauss_hermite_rule(0)


def test_helpers():
    assert kinks_of(sp.Max(0, 3 * z - 1), z) == [sp.Rational(1, 3)]
    assert is_exact_number(sp.pi) and not is_exact_number(1.0) and not is_exact_number(True)
    x, w = gauss_hermite_rule(30)
    assert abs(np.sum(w * np.cos(x)) - math.exp(-0.5)) < 1e-14


@settings(max_examples=15)
@given(st.fractions(min_value=0, max_value=5, max_denominator=7), st.integers(0, 3))
def test_property_exact_polynomial_moments(q, k):
    # E z^{2k} q-scaling: E[(sqrt(q) g)^{2k}] = q^k E[g^{2k}]
    q = sp.Rational(q.numerator, q.denominator)
    assert gaussian_expectation(z ** (2 * k), q) == q**k * sp.factorial2(2 * k - 1)


@settings(max_examples=10)
@given(st.floats(0.1, 3), st.floats(-0.95, 0.95))
def test_property_bivariate_symmetric(q, c):
    # swapping the roles of (u, v): E[f(u) g(v)] = E[g(v) f(u)]; tanh odd, sin odd: zero at c = 0
    a = bivariate_expectation(sp.tanh(z), sp.sin(z), q, c * math.sqrt(q), 1.0, dps=12)
    b = bivariate_expectation(sp.sin(z), sp.tanh(z), 1.0, c * math.sqrt(q), q, dps=12)
    assert abs(a - b) < 1e-11


# ---------------------------------------------------------------- audit regressions (issue 13 audit)
from mathml.core.errors import DomainError  # noqa: E402


def test_divergent_expectation_raises():
    # E[e^{z^2}] = int e^{z^2 - z^2/2} dz diverges; before the audit a 1e+2086536... number came back
    with pytest.raises(DomainError, match="diverges"):
        gaussian_expectation(sp.exp(z**2), 1)
    # just integrable: E[e^{z^2/4}] = (1 - q/2)^{-1/2} = sqrt(2) at q = 1 (independent: Gaussian integral)
    assert gaussian_expectation(sp.exp(z**2 / 4), 1) == sp.sqrt(2)


def test_pole_on_the_real_line_raises():
    # E[1/z] is not absolutely integrable; sympy's principal value 0 came back before the audit
    with pytest.raises(DomainError, match="pole"):
        gaussian_expectation(1 / z, 1)
    # a pole off the real axis is fine: E[1/(1+z^2)] = sqrt(pi/2) e^{1/2} erfc(1/sqrt 2) (Mills ratio)
    v = gaussian_expectation(1 / (1 + z**2), 1.0)
    ref = mpmath.sqrt(mpmath.pi / 2) * mpmath.exp(0.5) * mpmath.erfc(1 / mpmath.sqrt(2))
    assert abs(v - ref) < 1e-14


def test_floor_jumps_are_breakpoints():
    # floor(z) + floor(-z) = -1 almost everywhere, so E floor(z) = -1/2 exactly for every q
    # (before the audit: -0.49406, the unlisted jumps broke the quadrature)
    for q in (1.0, 0.3, 7.0):
        assert abs(gaussian_expectation(sp.floor(z), q) + 0.5) < 1e-13
    # E ceiling(2 z) at q = 1 = 1/2 by the same symmetry
    assert abs(gaussian_expectation(sp.ceiling(2 * z), 1.0) - 0.5) < 1e-13


def test_bivariate_fully_correlated_mp_route():
    # rho = 1: E[relu(u)^2] = q/2.  Before the audit the mpmath route (dps > 14) returned
    # 0.5 / sqrt(2 pi) = 0.19947 (a missing sqrt(2 pi) in the degenerate inner integral)
    relu = sp.Max(0, z)
    assert abs(bivariate_expectation(relu, relu, 1.0, 1.0, 1.0, dps=20) - 0.5) < 1e-18
    assert abs(bivariate_expectation(relu, relu, 1.0, 1.0, 1.0) - 0.5) < 1e-14
    assert bivariate_expectation(relu, relu, 2.0, -2.0, 2.0) == 0.0  # v = -u: never both positive


def test_bivariate_jumps_fast_and_right():
    # E[sign(u) sign(v)] = (2/pi) arcsin(rho) and E[theta(u) theta(v)] = 1/4 + arcsin(rho)/(2 pi)
    # (Sheppard 1899); before the audit these took 20 s (theta) or hung (sign)
    for rho in (0.5, -0.3, 0.9):
        s = bivariate_expectation(sp.sign(z), sp.sign(z), 2.0, rho * 2.0, 2.0)
        assert abs(s - 2 / math.pi * math.asin(rho)) < 1e-13
        h = bivariate_expectation(sp.Heaviside(z), sp.Heaviside(z), 1.0, rho, 1.0)
        assert abs(h - (0.25 + math.asin(rho) / (2 * math.pi))) < 1e-13


def test_bivariate_heavy_tails_and_divergence():
    # E[exp((u^2 + v^2)/4)] = det(I - Sigma/2)^{-1/2} = 4/sqrt(3) at rho = 1/2 (Gaussian integral)
    e = sp.exp(z**2 / 4)
    assert abs(bivariate_expectation(e, e, 1.0, 0.5, 1.0) - 4 / math.sqrt(3)) < 1e-12
    with pytest.raises(DomainError):
        bivariate_expectation(sp.exp(z**2), sp.exp(z**2), 1.0, 0.5, 1.0)
    # a function varying far below one standard deviation: a clear error, not a multi-GB grid
    with pytest.raises(DomainError):
        bivariate_expectation(sp.tanh(z), sp.tanh(z), 1e6, 0.5e6, 1e6)


@settings(max_examples=15)
@given(st.floats(0.05, 4), st.sampled_from([1, -1]))
def test_property_degenerate_correlation_is_one_dimensional(q, s):
    # v = s u: E[f(u) f(s u)] is a one-dimensional expectation (independent route: mpmath quad)
    f = sp.tanh(z) + sp.Max(0, z)
    two = bivariate_expectation(f, f, q, s * q, q)
    one = gaussian_expectation(f * f.subs(z, s * z), q, dps=15)
    assert abs(two - float(one)) < 1e-12 * max(1.0, abs(float(one)))
