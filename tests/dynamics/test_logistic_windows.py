"""LogisticMap (exact), kneading words, windows, tangent bifurcations, certificates, intermittency."""
from fractions import Fraction

import mpmath
import pytest
import sympy as sp

from mathml.core.errors import InvalidInputError
from mathml.dynamics import (
    LogisticMap,
    certify_least_period,
    certify_superstable,
    intermittency,
    kneading_less,
    kneading_words,
    tangent_bifurcation,
    windows,
)

r = sp.Symbol("r", positive=True)
x = sp.Symbol("x")
A000048 = [1, 1, 1, 2, 3, 5, 9, 16, 28, 51, 93, 170]   # OEIS A000048, n = 1..12


def test_fixed_points_and_multipliers_symbolic():
    f = LogisticMap(r)
    assert f.fixed_points() == [0, 1 - 1 / r]
    assert [sp.simplify(m - e) for m, e in zip(f.multiplier(period=1), [r, 2 - r])] == [0, 0]
    assert sp.expand(f.multiplier(period=2)[0] - (4 + 2 * r - r**2)) == 0


def test_two_cycle_is_a_two_cycle():
    f = LogisticMap(r)
    a, b = f.cycle(2)
    assert sp.simplify(f(a) - b) == 0 and sp.simplify(f(b) - a) == 0
    # multiplier at a point equals the closed form
    assert sp.simplify(f.multiplier(a, period=2) - (4 + 2 * r - r**2)) == 0


def test_exact_in_exact_out():
    f = LogisticMap(Fraction(7, 2))
    assert f(sp.Rational(1, 3)) == sp.Rational(7, 9)
    assert all(isinstance(p, sp.Basic) and not p.has(sp.Float) for p in f.cycle(2))


def test_float_parameter_gives_floats():
    f = LogisticMap(3.5)
    assert f.fixed_points()[1].has(sp.Float)


def test_cycle_three_points():
    f = LogisticMap(sp.Rational(39, 10))
    pts = f.cycle(3)
    assert len(pts) == 6
    with mpmath.workdps(30):
        for p in pts:
            v = sp.N(p, 30)
            w = sp.N(f(f(f(v))), 30)
            assert abs(v - w) < 1e-25 and abs(sp.N(f(v), 30) - v) > 1e-3


def test_cycle_three_symbolic_refused():
    with pytest.raises(InvalidInputError):
        LogisticMap(r).cycle(3)


def test_primitive_polynomial_degrees():
    # degree = sum mu(p/d) 2^d = p * (number of period-p orbits) = 2, 2, 6, 12, 30, 54
    f = LogisticMap(sp.Symbol("s"))
    assert [f.primitive_polynomial(p).degree() for p in range(1, 5)] == [2, 2, 6, 12]
    f = LogisticMap(sp.Rational(39, 10))
    assert [f.primitive_polynomial(p).degree() for p in (5, 6)] == [30, 54]


def test_multiplier_polynomial_saddle_node():
    f = LogisticMap(sp.Symbol("s"))
    s = sp.Symbol("s")
    expected = -(s**2 - 5 * s + 7) * (s**2 - 2 * s - 7) * (s**2 + s + 1)
    assert sp.expand(f.multiplier_polynomial(3, 1) - expected) == 0


@pytest.mark.parametrize("bad", ["3.5", True, sp.nan, float("inf"), sp.I, None])
def test_bad_parameter(bad):
    with pytest.raises(InvalidInputError):
        LogisticMap(bad)


def test_logistic_repr_latex():
    f = LogisticMap(sp.Rational(7, 2))
    assert f._repr_latex_().startswith("$x_{n+1} =") and repr(f) == "LogisticMap(r=7/2)"


def test_kneading_counts():
    assert [len(kneading_words(p)) for p in range(1, 13)] == A000048


def test_kneading_order_antisymmetric():
    words = kneading_words(7)
    for u in words:
        for v in words:
            if u != v:
                assert kneading_less(u, v) != kneading_less(v, u)


def test_windows_counts_and_values():
    assert [len(windows(p, 15)) for p in range(1, 13)] == A000048
    # brief D4: superstable 3-cycle at 3.831874055283315568410363
    with mpmath.workdps(40):
        (w3,) = windows(3, 24)
        assert abs(w3 - mpmath.mpf("3.831874055283315568410363")) < mpmath.mpf(10) ** -23


def test_windows_contain_the_cascade():
    from mathml.dynamics import superstable

    with mpmath.workdps(40):
        assert abs(windows(4, 25)[0] - superstable(2, 25)) < mpmath.mpf(10) ** -24
        assert abs(windows(8, 25)[0] - superstable(3, 25)) < mpmath.mpf(10) ** -24


def test_windows_brute_force_sign_changes():
    # independent: count sign changes of f_r^5(1/2) - 1/2 on a fine grid, minus period-1 roots
    import numpy as np

    rs = np.linspace(2.0001, 4.0, 400001)
    xx = np.full_like(rs, 0.5)
    for _ in range(5):
        xx = rs * xx * (1 - xx)
    g = xx - 0.5
    changes = int(np.sum(np.sign(g[:-1]) != np.sign(g[1:])))
    assert changes == len(windows(5, 15))


def test_certify_superstable_rejects_wrong_point():
    assert not certify_superstable(3.7, 5, mpmath.mpf(10) ** -20)
    with pytest.raises(InvalidInputError):
        certify_superstable(3.7, 5, -1)


def test_tangent_bifurcation_period3_exact():
    tb = tangent_bifurcation(3, exact=True)
    assert tb.r_c == 1 + 2 * sp.sqrt(2)
    with mpmath.workdps(40):
        # brief dynamics_statmech.md §1: the cycle point nearest 0 at onset
        assert abs(tb.x_c - mpmath.mpf("0.15992881844625638894")) < mpmath.mpf(10) ** -19
    assert "r_c" in tb._repr_latex_()


def test_tangent_bifurcation_period4_skips_the_cascade():
    tb = tangent_bifurcation(4)
    assert 3.96 < tb.r_c < 3.9602            # the period-4 window, not 1 + sqrt 6
    with pytest.raises(InvalidInputError):
        tangent_bifurcation(4, near=3.5)      # RLRC is born by period doubling


def test_intermittency_normal_form_against_finite_differences():
    it = intermittency(3, digits=25)
    with mpmath.workdps(50):
        h = mpmath.mpf(10) ** -12

        def f3(xx, rr):
            for _ in range(3):
                xx = rr * xx * (1 - xx)
            return xx
        a = (f3(it.x_c + h, it.r_c) - 2 * f3(it.x_c, it.r_c) + f3(it.x_c - h, it.r_c)) / (2 * h * h)
        b = (f3(it.x_c, it.r_c + h) - f3(it.x_c, it.r_c - h)) / (2 * h)
        assert abs(a - it.a) < 1e-15 and abs(b - it.b) < 1e-15
    assert it.a * it.b < 0


def test_channel_time_limit_from_below():
    it = intermittency(3)
    ratios = [it.simulate_passage(eps, 0.01) / it.passage_time(eps, 0.01) for eps in (1e-5, 1e-6, 1e-7)]
    assert ratios[0] < ratios[1] < ratios[2] < 1.0 and ratios[2] > 0.98
    # passage time -> channel time as eps -> 0
    assert it.passage_time(1e-9, 0.01) / it.channel_time(1e-9) > 0.99


def test_laminar_lengths_scale_like_eps_minus_half():
    it = intermittency(3)
    m1 = it.laminar_lengths(1e-4, n_iter=100_000, seed=3).max()
    m2 = it.laminar_lengths(1e-6, n_iter=400_000, seed=3).max()
    assert m1 < it.channel_time(1e-4) and m2 < it.channel_time(1e-6)
    assert 5 < m2 / m1 < 15                   # sqrt(100) = 10


def test_intermittency_bad_eps():
    it = intermittency(3)
    for bad in (0, -1e-6, 0.5, float("nan")):
        with pytest.raises(InvalidInputError):
            it.channel_time(bad)


def test_certify_least_period_sharkovskii():
    # r = 3.5: attracting 4-cycle, periods 1, 2, 4 only up to 8 (r_3 = 3.544 > 3.5)
    found = [certify_least_period(Fraction(7, 2), n) is not None for n in range(1, 9)]
    assert found == [True, True, False, True, False, False, False, False]
    with pytest.raises(InvalidInputError):
        certify_least_period(3.5, 3)


@pytest.mark.slow
def test_windows_up_to_period_16():
    # OEIS A000048, n = 13..16; near-accumulation words need the kneading bisection fallback
    assert [len(windows(p, 20)) for p in (13, 14, 15, 16)] == [315, 585, 1091, 2048]


def test_certify_fixed_points_at_dyadic_rationals():
    # r = 4: the fixed point 3/4 is dyadic; the scan grid avoids it (regression)
    assert all(certify_least_period(4, n) is not None for n in range(1, 7))


def test_zero_parameter_rejected():
    with pytest.raises(InvalidInputError):
        LogisticMap(0)
    with pytest.raises(InvalidInputError):
        tangent_bifurcation(2)                 # the only period-2 window is born by period doubling
