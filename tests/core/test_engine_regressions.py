"""Regression tests for issue 9: every wrong verdict and crash of the first engine, as a class.

Truth of each statement is checked independently in the test (sympy's own exact
evaluation at the counterexample, or a hand computation stated in a comment).
"""
import mpmath
import pytest
import sympy as sp

import mathml as mm
from mathml.core.sampling import vanishing

x = sp.Symbol("x")                      # complex
xr, yr = sp.symbols("x y", real=True)
i, j = sp.symbols("i j", integer=True)
t, T = sp.symbols("t T", positive=True)
f, g, w = sp.Function("f"), sp.Function("g"), sp.Function("w")
F, G = sp.Function("F"), sp.Function("G")
D = mm.Status.disproved


def _exact_difference_at(lhs, rhs, point):
    """lhs - rhs at a counterexample, computed by sympy's own exact evaluation."""
    subs = {s: sp.nsimplify(point[s.name]) if not isinstance(point[s.name], sp.Basic) else point[s.name]
            for s in (lhs - rhs).free_symbols}
    return sp.N((lhs - rhs).xreplace(subs).doit(), 30)


def test_binomial_symmetry_for_all_integers_is_disproved_with_sympys_values():
    v = mm.verify(sp.binomial(i, j), sp.binomial(i, i - j))
    assert v.status is D
    # independent: sympy's exact binomial at the counterexample differs
    assert _exact_difference_at(sp.binomial(i, j), sp.binomial(i, i - j), v.counterexample) != 0


@pytest.mark.parametrize("seed", [0, 3, 11])
def test_pascal_rule_for_all_integers_holds(seed):
    # sympy: binomial(n, k) = 0 for k < 0 and the generalised value for n < 0, so Pascal's rule
    # holds for all integers (independent: brute force over -6..6 below)
    for n in range(-6, 7):
        for k in range(-6, 7):
            assert sp.binomial(n + 1, k) == sp.binomial(n, k) + sp.binomial(n, k - 1)
    v = mm.verify(sp.binomial(i + 1, j), sp.binomial(i, j) + sp.binomial(i, j - 1), seed=seed)
    assert v.holds


@pytest.mark.parametrize("lhs, rhs", [
    (sp.log(1 / x), -sp.log(x)),
    (sp.sqrt(1 / x), 1 / sp.sqrt(x)),
    (sp.conjugate(sp.sqrt(x)), sp.sqrt(sp.conjugate(x))),
])
def test_statements_false_only_on_a_branch_cut_are_disproved(lhs, rhs):
    v = mm.verify(lhs, rhs, points=16)
    assert v.status is D
    z = v.counterexample["x"]
    assert sp.re(z) < 0   # the counterexample lies on (or at) the negative real axis
    assert _exact_difference_at(lhs, rhs, v.counterexample) != 0


def test_asin_sin_is_disproved_at_large_real_arguments():
    v = mm.verify(sp.asin(sp.sin(xr / 4)), xr / 4)
    assert v.status is D and abs(v.counterexample["x"]) > 2 * sp.pi   # |x/4| > pi/2
    # and it holds on the principal interval, where it is true
    assert mm.verify(sp.asin(sp.sin(xr / 4)), xr / 4, domain={xr: (-6, 6)}, points=8).holds


def test_periodic_test_functions_no_longer_hide_boundary_terms():
    P = 2 * sp.pi
    ftc = mm.verify(sp.Integral(f(xr).diff(xr), (xr, 0, P)), 0, points=4)
    parts = mm.verify(sp.Integral(f(xr) * g(xr).diff(xr), (xr, 0, P)),
                      -sp.Integral(f(xr).diff(xr) * g(xr), (xr, 0, P)), points=4)
    assert ftc.status is D and parts.status is D
    # the vanishing sampler keeps its guarantee: with g(0) = g(T) = 0 the boundary term is 0
    ok = mm.verify(sp.Integral(w(t) * g(t).diff(t), (t, 0, T)), -sp.Integral(w(t).diff(t) * g(t), (t, 0, T)),
                   functions={"g": vanishing(at=[0, T])}, points=6)
    assert ok.status is mm.Status.consistent


def test_two_variable_product_rule_needs_its_mixed_terms():
    lhs = sp.diff(F(xr, yr) * G(xr, yr), xr, yr)
    missing = F(xr, yr).diff(xr) * G(xr, yr).diff(yr) + F(xr, yr).diff(yr) * G(xr, yr).diff(xr)
    full = missing + F(xr, yr).diff(xr, yr) * G(xr, yr) + F(xr, yr) * G(xr, yr).diff(xr, yr)
    assert mm.verify(lhs, missing, points=6).status is D
    assert mm.verify(lhs, full).status is mm.Status.proved
    assert mm.verify(F(xr, yr).diff(xr, yr, xr), 0, points=4).status is D   # third mixed partial


def test_zero_argument_function_is_not_zero():
    v = mm.verify(f(), 0, points=4)
    assert v.status is D and v.counterexample["f()"] != 0


def test_exact_nonzero_constant_difference_is_a_disproof():
    v = mm.verify(1 + sp.Rational(1, 10**40), 1)
    assert v.status is D and v.method.startswith("exact")
    assert v.max_error == pytest.approx(1e-40, rel=1e-12)
    w2 = mm.verify((xr**2 - 1) / (xr - 1), xr - 1)   # difference is exactly 2
    assert w2.status is D and "2 exactly" in w2.note


def test_symbol_free_near_identity_is_a_rigorous_arb_disproof():
    with mpmath.workdps(60):
        gap = mpmath.exp(mpmath.pi * mpmath.sqrt(163)) - (640320**3 + 744)   # -7.4993e-13
    v = mm.verify(sp.exp(sp.pi * sp.sqrt(163)), 640320**3 + 744)
    assert v.status is D and v.method.startswith("arb")
    assert v.max_error == pytest.approx(float(abs(gap)), rel=1e-6)


@pytest.mark.parametrize("lhs, rhs, holds", [
    (sp.Integral(xr * yr, (xr, 0, 1), (yr, 0, 1)), sp.Rational(1, 4), True),
    (sp.Integral(sp.Integral(xr * yr, (xr, 0, 1)), (yr, 0, 2)), 1, True),
    (sp.Integral(xr * yr, (xr, 0, 1), (yr, 0, 2)), sp.Rational(1, 4), False),
    (sp.Sum(i * j, (i, 1, 3), (j, 1, 3)), 36, True),
    (sp.Product(i + j, (i, 1, 2), (j, 1, 2)), 72, True),   # (2*3)*(3*4)
    (sp.Sum(i * j, (i, 1, 3), (j, 1, 3)), 35, False),
])
def test_multiple_integrals_sums_products_are_decided(lhs, rhs, holds):
    v = mm.verify(lhs, rhs, points=4)
    assert v.holds is holds and (holds or v.status is D)


def test_chain_rule_through_an_unknown_inner_function():
    u = sp.Symbol("u")
    first = sp.Subs(sp.Derivative(f(u), u), u, g(t)) * g(t).diff(t)
    assert mm.verify(sp.diff(f(g(t)), t), first).status is mm.Status.proved
    second = (sp.Subs(sp.Derivative(f(u), (u, 2)), u, g(t)) * g(t).diff(t) ** 2
              + sp.Subs(sp.Derivative(f(u), u), u, g(t)) * g(t).diff(t, 2))
    assert mm.verify(sp.diff(f(g(t)), t, 2), second).status is mm.Status.proved
    bad = mm.verify(sp.diff(f(g(t)), t, 2), second - g(t).diff(t, 2), points=4)
    assert bad.status is D
    # the numeric screen evaluates Derivative(f(g(t)), g(t)) itself
    assert mm.verify(sp.Derivative(f(g(t)), g(t)) * g(t).diff(t), first, points=4).holds


def test_atan2_with_complex_arguments_and_irrational_domains():
    v = mm.verify(sp.atan2(x, 1), sp.atan(x), points=6)
    assert v.status in (mm.Status.consistent, mm.Status.proved, D)   # decided, no AttributeError
    d = mm.verify(sp.sin(xr) ** 2, 1 - sp.cos(xr) ** 2, domain={xr: (0, sp.pi / 2)})
    assert d.status is mm.Status.proved
    e = mm.verify(sp.sqrt(sp.sin(xr) ** 2), sp.sin(xr), domain={xr: (0, sp.pi)}, points=6)
    assert e.status is mm.Status.consistent   # sin >= 0 on (0, pi): sampling stayed inside


def test_every_proved_method_is_exact():
    from mathml.core.checks import is_exact_method
    n = sp.Symbol("n", integer=True, positive=True)
    for lhs, rhs in [(sp.sin(xr) ** 2 + sp.cos(xr) ** 2, 1), (xr + 1, 1 + xr),
                     (sp.Sum(i, (i, 1, n)), n * (n + 1) / 2),
                     (sp.sqrt(3 + 2 * sp.sqrt(2)), 1 + sp.sqrt(2))]:
        v = mm.verify(lhs, rhs)
        assert v.status is mm.Status.proved and is_exact_method(v.method), v.method
