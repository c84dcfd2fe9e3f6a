"""Hypothesis properties: conjugacies, invariances, orbit counts against Moebius inversion, round trips."""
from fractions import Fraction

import mpmath
import sympy as sp
from hypothesis import given, settings, strategies as st

from mathml.dynamics import (
    Horseshoe,
    LogisticMap,
    cat_map,
    kneading_less,
    periodic_orbit_count,
    periodic_point_count,
    sharkovskii_key,
    sharkovskii_precedes,
)

rationals = st.fractions(min_value=Fraction(1, 100), max_value=Fraction(99, 100), max_denominator=1000)


@given(st.floats(min_value=0.0, max_value=1.0))
def test_tent_conjugacy_r4(y):
    # f_4(h(y)) = h(T(y)) with h(y) = sin^2(pi y/2), T the full tent map (30 digits)
    with mpmath.workdps(30):
        y = mpmath.mpf(y)
        h = lambda t: mpmath.sin(mpmath.pi * t / 2) ** 2  # noqa: E731
        T = 1 - abs(1 - 2 * y)
        assert abs(4 * h(y) * (1 - h(y)) - h(T)) < mpmath.mpf(10) ** -25


@given(st.integers(min_value=1, max_value=40), st.integers(min_value=2, max_value=5))
def test_moebius_inversion(n, k):
    # sum_{d | n} d N_d = k^n (every point of period dividing n lies on exactly one orbit)
    assert sum(d * periodic_orbit_count(d, k) for d in sp.divisors(n)) == periodic_point_count(n, k)


@given(st.integers(1, 300), st.integers(1, 300), st.integers(1, 300))
def test_sharkovskii_is_a_strict_total_order(a, b, c):
    assert sharkovskii_precedes(a, b) + sharkovskii_precedes(b, a) == (a != b)
    if sharkovskii_precedes(a, b) and sharkovskii_precedes(b, c):
        assert sharkovskii_precedes(a, c)
    assert sharkovskii_key(a) != sharkovskii_key(b) or a == b


@settings(max_examples=25)
@given(st.text(alphabet="01", min_size=1, max_size=10))
def test_horseshoe_is_conjugate_to_the_shift(word):
    H = Horseshoe()
    p = H.periodic_point(word)
    assert H(p) == H.periodic_point(word[1:] + word[0])
    assert H.itinerary(p, 2 * len(word)) == word * 2


@settings(max_examples=25)
@given(st.integers(-3, 3), st.integers(-3, 3), st.integers(-3, 3), st.integers(1, 3))
def test_cat_map_counts_match_enumeration(a, b, c, n):
    # integer matrices [[a, b], [c, d]] with det = 1 and |tr| > 2 (hyperbolic)
    if a == 0:
        return
    if (1 + b * c) % a:
        return
    d = (1 + b * c) // a
    if abs(a + d) <= 2:
        return
    C = cat_map([[a, b], [c, d]])
    if C.fixed_point_count(n) > 3000:
        return
    trace = (sp.Matrix([[a, b], [c, d]]) ** n).trace()
    assert len(C.fixed_points(n)) == C.fixed_point_count(n) == abs(trace - 2)


@settings(max_examples=20)
@given(rationals)
def test_logistic_exact_two_cycle_swaps(r0):
    r = 3 + r0                                   # 3 < r < 4: a real 2-cycle
    f = LogisticMap(r)
    a, b = f.cycle(2)
    assert sp.simplify(f(a) - b) == 0 and sp.simplify(f(b) - a) == 0
    assert sp.simplify(f.multiplier(a, period=2) - (4 + 2 * sp.Rational(r) - sp.Rational(r) ** 2)) == 0


@settings(max_examples=20)
@given(rationals, rationals)
def test_logistic_symmetry_x_to_one_minus_x(r0, x0):
    # f(1 - x) = f(x): the map is symmetric about the critical point (exact)
    f = LogisticMap(4 * r0)
    assert f(1 - sp.Rational(x0)) == f(sp.Rational(x0))


@given(st.integers(2, 9), st.data())
def test_kneading_order_is_total_on_words(p, data):
    words = ["".join(w) + "C" for w in
             [data.draw(st.lists(st.sampled_from("LR"), min_size=p - 1, max_size=p - 1)) for _ in range(2)]]
    u, v = words
    if u != v:
        assert kneading_less(u, v) != kneading_less(v, u)
