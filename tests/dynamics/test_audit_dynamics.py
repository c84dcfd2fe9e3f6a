"""Audit of mathml.dynamics: regressions for every bug found and independent cross-checks.

Each regression names the input that misbehaved before the audit (a raw exception, a silently wrong
answer, a hang or a huge allocation) and asserts the fixed behaviour.
"""

import math
import time
from fractions import Fraction

import mpmath
import numpy as np
import pytest
import sympy as sp
from flint import fmpz_poly
from hypothesis import given, settings
from hypothesis import strategies as st

import mathml as mm
import mathml.dynamics as D

BAD = mm.MathmlError
x = sp.Symbol("x")

# RosettaCode "Feigenbaum constant calculation", REXX entry: 87 digits of delta [pub, via the brief];
# alpha: HorizonMath numerics/feigenbaum_alpha.py (cites OEIS A006891), 78 digits [pub, via the brief]
DELTA_87 = "4.669201609102990671853203820466201617258185577475768632745651343004134330211314737138"
ALPHA_78 = "2.50290787509589282228390287321821578638127137672714997733619205677923546317959"
A000048 = [1, 1, 1, 2, 3, 5, 9, 16, 28, 51, 93, 170, 315, 585]  # OEIS A000048, n = 1..14


@pytest.mark.parametrize(
    "call",
    [
        lambda: D.LogisticMap(4).multiplier("0.5"),  # a user string was sympified
        lambda: D.LogisticMap(4)("x"),  # a user string was sympified
        lambda: D.LogisticMap(4).orbit(sp.Rational(1, 3), 40),  # exact sizes double each step: was a hang
        lambda: D.LogisticMap(sp.sqrt(15)).cycle(3),
        lambda: D.LogisticMap(sp.Rational(39, 10)).cycle(8),  # degree-240 root isolation: minutes
        lambda: D.feigenbaum(300),  # was minutes; the limit is 100 digits
        lambda: D.superstable(24, 10),  # was minutes; levels stop at 20
        lambda: D.onset_of_chaos(30),  # needs R_21: minutes; limit 27 digits
        lambda: D.lyapunov(4 * x * (1 - x), x, 0.3, n_iter=10**8),  # was minutes and 800 MB
        lambda: D.henon_lyapunov(n_iter=10**8),  # was minutes and 1.6 GB
        lambda: D.random_product_lyapunov(200, 1, "qr", n_layers=10**7),  # was 16 GB
        lambda: D.random_product_lyapunov(200, 1, "qr", n_layers=10**5),  # ~10 min of QR: refused
        lambda: D.periodic_orbit_count(10**6, 10**6),  # 2e7-bit powers: was a hang
        lambda: D.periodic_point_count(10**6, 10**6),
        lambda: D.Horseshoe().periodic_points(16),  # was > 20 s of Fractions
        lambda: D.cat_map().fixed_points(20),  # 1e8 points: refused
        lambda: D.cat_map()(("0.5", "0.2")),  # strings were parsed by Fraction
        lambda: D.cat_map()((float("nan"), 0.2)),  # was ValueError
        lambda: D.PiecewiseLinearRepeller([20] * 10).survivor_measure(12),  # 10^12 intervals: was a hang
        lambda: D.PiecewiseLinearRepeller([3, 4]).simulate_escape(10**8),
        lambda: D.gutzwiller_amplitude([[sp.Symbol("a"), 1], [1, 1]], 10**4),  # was a hang
        lambda: D.gutzwiller_amplitude([[float("nan"), 1], [1, 1]], 3),  # returned nan
        lambda: D.gutzwiller_amplitude("x"),
        lambda: D.certify_superstable(float("nan"), 2, 1e-10),  # returned False
        lambda: D.logistic_lyapunov(["a"]),  # was ValueError
        lambda: D.logistic_lyapunov(np.full(10**6, 3.5), n_iter=10**4),  # 1e10 updates: refused
    ],
)
def test_bad_or_huge_input_fails_fast(call):
    start = time.perf_counter()
    with pytest.raises(BAD):
        call()
    assert time.perf_counter() - start < 5, "must fail fast"


def test_float_r_cycles_and_primitive_polynomial():
    # before: ArithmeticError "Moebius quotient is not exact (internal error)" for a float r
    pts = D.LogisticMap(3.9).cycle(3)
    exact = D.LogisticMap(sp.Rational(39, 10)).cycle(3)
    assert len(pts) == 6 and all(isinstance(p, sp.Float) for p in pts)
    assert all(abs(float(p) - float(q)) < 1e-15 for p, q in zip(pts, exact))
    assert D.LogisticMap(3.9).primitive_polynomial(3).degree() == 6
    # the points really have period 3 at r = 3.9 (float check)
    for p in pts:
        z = float(p)
        for _ in range(3):
            z = 3.9 * z * (1 - z)
        assert abs(z - float(p)) < 1e-12


def test_numpy_scalars_are_accepted():
    assert D.escape_rate([np.int64(3), 4]) == sp.log(sp.Rational(12, 7))  # was refused
    assert D.LogisticMap(np.int64(4)).fixed_points() == [0, sp.Rational(3, 4)]
    assert D.sharkovskii_precedes(np.int64(3), 5)


def test_cat_map_enumeration_is_linear_in_the_count():
    # before: fixed_points(9) took 10 s and fixed_points(12) hung (a quadratic scan of the bounding box)
    C = D.cat_map()
    for n in range(1, 11):
        pts = C.fixed_points(n)
        assert len(pts) == C.fixed_point_count(n) == sp.lucas(2 * n) - 2  # Lucas numbers (brief D10)
    for p in C.fixed_points(4):
        q = p
        for _ in range(4):
            q = C(q)
        assert q == p


@settings(max_examples=15)
@given(st.integers(-2, 2), st.integers(1, 4))
def test_cat_map_fixed_point_counts_are_conjugation_invariant(a, n):
    # property: P A P^-1 (P in GL(2, Z)) has as many fixed points of every power (exact enumeration)
    A = sp.Matrix([[2, 1], [1, 1]])
    P = sp.Matrix([[1, a], [0, 1]])
    B = P * A * P.inv()
    C1, C2 = D.cat_map(A.tolist()), D.cat_map(B.tolist())
    assert len(C1.fixed_points(n)) == len(C2.fixed_points(n)) == abs((A**n).trace() - 2)


def test_gutzwiller_amplitude_recurrence_matches_matrix_power():
    # det(M^n - 1) by the trace recurrence vs sympy's matrix power (independent)
    for M in ([[2, 1], [1, 1]], [[3, 2], [1, 1]], [[sp.sqrt(2), 1], [1, sp.sqrt(2)]]):
        A = sp.Matrix(M)
        for n in (1, 2, 5, 9):
            ref = 1 / sp.sqrt(abs((A**n - sp.eye(2)).det()))
            assert sp.simplify(D.gutzwiller_amplitude(M, n) - ref) == 0


def test_newman_spectrum_fast_and_exact():
    # before: 2000 mpmath digamma calls at 1000 digits (> 20 s); now the recurrence psi(x + 1) = psi(x) + 1/x
    start = time.perf_counter()
    spec = D.random_product_lyapunov(2000, 1, digits=100)
    assert time.perf_counter() - start < 5
    with mpmath.workdps(110):
        for i in (1, 2, 1000, 2000):
            ref = (mpmath.log(2) + mpmath.digamma(mpmath.mpf(2000 - i + 1) / 2)) / 2
            assert abs(spec[i - 1] - ref) < mpmath.mpf(10) ** -98
    # brief D9: N = 2 and N = 4 at entry variance 1/N
    assert [mpmath.nstr(v, 6) for v in D.random_product_lyapunov(2, 0.5)] == ["-0.288608", "-0.981755"]
    assert [mpmath.nstr(v, 6) for v in D.random_product_lyapunov(4, 0.25)] == [
        "-0.135181",
        "-0.328329",
        "-0.635181",
        "-1.32833",
    ]


def test_qr_monte_carlo_streaming_errors_are_honest():
    exact = D.random_product_lyapunov(3, 1 / 3)
    mc = D.random_product_lyapunov(3, 1 / 3, method="qr", n_layers=20_000, seed=5)
    z = [abs(float(e) - m) / s for e, m, s in zip(exact, mc, mc.errors)]
    assert max(z) < 5 and all(s > 0 for s in mc.errors)


def test_stretch_and_fold_window_large_n():
    # before: sympy expanded psi(N/2) into a sum of N/2 terms (N = 10^6 hung)
    lo, hi = D.stretch_and_fold_window(10**6)
    assert abs(float(sp.N(lo, 20)) - math.exp(-float(mpmath.digamma(5 * 10**5))) / 2) < 1e-18
    assert hi == 2 * sp.exp(sp.EulerGamma)


# ------------------------------------------------------------------ cross-checks


def test_feigenbaum_constants_to_60_digits_against_published_strings():
    fc = D.feigenbaum(60)
    with mpmath.workdps(90):
        assert abs(fc.delta - mpmath.mpf(DELTA_87)) < mpmath.mpf(10) ** -60
        assert abs(fc.alpha - mpmath.mpf(ALPHA_78)) < mpmath.mpf(10) ** -60


@pytest.mark.slow
def test_feigenbaum_constants_to_78_digits():
    fc = D.feigenbaum(80)
    with mpmath.workdps(100):
        assert abs(fc.delta - mpmath.mpf(DELTA_87)) < mpmath.mpf(10) ** -80
        assert abs(fc.alpha - mpmath.mpf(ALPHA_78)) < mpmath.mpf(10) ** -77


def test_window_counts_oeis_a000048_up_to_14():
    assert [len(D.windows(p, 16)) for p in range(1, 15)] == A000048


def _gleason_real_roots(p):
    """Real roots c of f_c^p(0) (z^2 + c) of least period p: flint's rigorous complex root isolation."""

    def real_roots(q):
        z, c = fmpz_poly([0]), fmpz_poly([0, 1])
        for _ in range(q):
            z = z * z + c
        return [float(r.real.mid()) for r, _ in z.complex_roots() if r.imag.contains(0)]

    lower = [v for d in sp.divisors(p)[:-1] for v in real_roots(d)]
    return sorted(v for v in real_roots(p) if all(abs(float(v) - float(w)) > 1e-9 for w in lower))


@pytest.mark.parametrize("p", range(1, 9))
def test_windows_against_gleason_polynomial_roots(p):
    # independent route: c-plane superstable parameters (python-flint), mapped by r = 1 + sqrt(1 - 4c)
    cs = _gleason_real_roots(p)
    rs = sorted(1 + math.sqrt(1 - 4 * c) for c in cs)  # float64 midpoints of the Arb balls
    ws = D.windows(p, 15)
    assert len(ws) == len(rs) == A000048[p - 1]
    assert all(abs(float(a) - b) < 1e-12 for a, b in zip(ws, rs))


def test_superstable_parameters_from_the_literature():
    # period 3 ("airplane"): c^3 + 2c^2 + c + 1 = 0, c = -1.75487766624669276..., r = 1 + sqrt(1 - 4c)
    c = [v for v in sp.Poly(x**3 + 2 * x**2 + x + 1).real_roots()][0]
    r3 = 1 + sp.sqrt(1 - 4 * c)
    with mpmath.workdps(40):
        assert abs(D.windows(3, 30)[0] - mpmath.mpf(str(sp.N(r3, 40)))) < mpmath.mpf(10) ** -29
    # R_1 = 1 + sqrt 5 (exact), R_2..R_6 as tabulated (brief dynamics_statmech.md section 1)
    table = [
        "3.2360679774997896964",
        "3.4985616993277015200",
        "3.5546408627688248654",
        "3.5666673798562685140",
        "3.5692435316371103378",
        "3.5697952937499446205",
    ]
    got = D.superstable_table(6, 25)
    with mpmath.workdps(30):
        assert all(abs(got[n] - mpmath.mpf(v)) < mpmath.mpf(10) ** -18 for n, v in enumerate(table, start=1))


def test_henon_exponents_against_sprott():
    # Sprott, Chaos and Time-Series Analysis (2003), App. A: lambda = 0.41922, -1.62319 at (1.4, 0.3)
    spec = D.henon_lyapunov(1.4, 0.3, n_iter=200_000, seed=1)
    assert abs(spec[0] - 0.41922) < 5 * spec.errors[0] + 1e-4
    assert abs(spec[1] - (-1.62319)) < 5 * spec.errors[1] + 1e-4
    assert abs(spec[0] + spec[1] - math.log(0.3)) < 1e-12


@settings(max_examples=20)
@given(st.integers(1, 40), st.integers(2, 5))
def test_moebius_inversion_of_orbit_counts(n, k):
    # property: sum_{d | n} d * (orbits of least period d) = k^n (points fixed by the n-th power)
    assert sum(d * D.periodic_orbit_count(d, k) for d in sp.divisors(n)) == D.periodic_point_count(n, k)


@settings(max_examples=15)
@given(st.integers(1, 10))
def test_horseshoe_shift_conjugacy(n):
    # property: H maps the point of the word w to the point of the shifted word (exact)
    H = D.Horseshoe(Fraction(1, 4), Fraction(5))
    for i in range(0, 2**n, max(1, 2**n // 16)):
        w = format(i, f"0{n}b")
        assert H(H.periodic_point(w)) == H.periodic_point(w[1:] + w[0])
