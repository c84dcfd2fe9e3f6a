"""Samplers and symbol sampling: exactness, boundary conditions, assumptions."""
import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from mathml.core.errors import DomainError, InvalidInputError
from mathml.core.sampling import (check_domain, constant, polynomial, positive, random_rational,
                                  sample_symbol, smooth, symbol_range, vanishing)

t, T = sp.symbols("t T", positive=True)


@given(seed=st.integers(0, 2**32 - 1), a=st.fractions(-3, 3, max_denominator=16))
def test_vanishing_vanishes_exactly_at_symbolic_points(seed, a):
    a = sp.Rational(a.numerator, a.denominator)
    g = vanishing(at=[0, T, a]).draw(np.random.default_rng(seed), t, {T: sp.Rational(7, 3)})
    assert g.subs(t, 0) == 0 and g.subs(t, sp.Rational(7, 3)) == 0 and g.subs(t, a) == 0
    assert g != 0  # never the trivial zero function


@given(seed=st.integers(0, 2**32 - 1))
def test_samplers_are_exact_and_deterministic(seed):
    for sampler in (smooth(2), polynomial(3), positive(), constant()):
        f1 = sampler.draw(np.random.default_rng(seed), t)
        f2 = sampler.draw(np.random.default_rng(seed), t)
        assert f1 == f2
        assert not f1.has(sp.Float)
        assert f1.free_symbols <= {t}


@given(seed=st.integers(0, 2**32 - 1))
def test_positive_sampler_is_positive(seed):
    f = positive().draw(np.random.default_rng(seed), sp.Symbol("s", real=True))
    for s in (-3, 0, sp.Rational(5, 2)):
        assert f.subs(sp.Symbol("s", real=True), s).evalf(30) > 0


def test_polynomial_degree_and_smooth_frequencies():
    f = polynomial(4).draw(np.random.default_rng(1), t)
    assert sp.degree(f, t) <= 4
    f = smooth(3).draw(np.random.default_rng(2), t)
    assert {a.args[0] for a in f.atoms(sp.sin)} <= {t, 2 * t, 3 * t}


@pytest.mark.parametrize("sym, kind, low, high", [
    (sp.Symbol("a", positive=True), "real", 0, 5),
    (sp.Symbol("a", negative=True), "real", -5, 0),
    (sp.Symbol("a", real=True), "real", -5, 5),
    (sp.Symbol("a", integer=True, positive=True), "integer", 1, 8),
    (sp.Symbol("a"), "complex", -5, 5),
])
def test_symbol_ranges_follow_assumptions(sym, kind, low, high):
    assert symbol_range(sym) == (kind, low, high)
    rng = np.random.default_rng(0)
    for _ in range(50):
        v = sample_symbol(sym, rng)
        if kind == "complex":
            assert low <= sp.re(v) <= high and low <= sp.im(v) <= high
        else:
            assert low <= v <= high
            if sym.is_positive:
                assert v > 0
            if sym.is_negative:
                assert v < 0
            if sym.is_integer:
                assert v.is_Integer


def test_check_domain_errors():
    with pytest.raises(DomainError, match="declared positive"):
        check_domain(t, -1, 1)
    with pytest.raises(DomainError, match="empty"):
        check_domain(sp.Symbol("r", real=True), 3, 3)
    with pytest.raises(DomainError, match="no integer"):
        check_domain(sp.Symbol("n", integer=True), 0.2, 0.8)
    with pytest.raises(DomainError, match="finite real"):
        check_domain(sp.Symbol("r", real=True), sp.I, 1)
    assert check_domain(sp.Symbol("r", real=True), 0.5, 1) == (sp.Rational(1, 2), 1)


def test_random_rational_is_in_range():
    rng = np.random.default_rng(3)
    vals = [random_rational(rng, sp.Integer(-1), sp.Integer(2)) for _ in range(100)]
    assert all(v.is_Rational and -1 <= v <= 2 for v in vals)


@pytest.mark.parametrize("call, message", [
    (lambda: smooth(-1), "terms"), (lambda: polynomial(1.5), "degree"),
    (lambda: vanishing(at=3), "list of points"), (lambda: vanishing(at=[]), "at least one"),
    (lambda: vanishing(at=[float("nan")]), "finite"), (lambda: vanishing(at=["x"]), "number"),
    (lambda: constant(float("inf")), "finite"),
])
def test_sampler_argument_errors(call, message):
    with pytest.raises(InvalidInputError, match=message):
        call()


# --- issue 9: sample points where identities break, test functions without hidden symmetry ----

def _draws(sym, n=72, seed=0, domain=None):
    rng = np.random.default_rng(seed)
    return [sample_symbol(sym, rng, domain, index=i) for i in range(n)]


def test_complex_points_cover_branch_cuts_circle_and_special_points():
    z = sp.Symbol("z")
    vals = _draws(z)
    assert any(v.is_real and v < 0 for v in vals)                      # the cut of log and sqrt
    assert any(sp.re(v) == 0 and sp.im(v) != 0 for v in vals)          # the imaginary axis
    assert any(sp.Abs(v) == 1 and not v.is_real for v in vals)         # the unit circle, exactly
    assert any(0 < sp.Abs(v) < sp.Rational(1, 500) for v in vals)      # near 0
    assert any(0 < sp.Abs(v - c) < sp.Rational(1, 500) for v in vals for c in (1, -1, sp.I, -sp.I))
    assert any(v.is_Integer and v < 0 for v in vals)                   # negative integers
    assert any(sp.Abs(v) > 100 for v in vals)                          # wide scales
    assert all(not v.has(sp.Float) for v in vals)


def test_real_points_span_scales_and_signs_and_respect_assumptions():
    x = sp.Symbol("x", real=True)
    vals = _draws(x)
    assert any(v > 100 for v in vals) and any(v < -100 for v in vals)
    assert any(0 < abs(v) < sp.Rational(1, 100) for v in vals)
    pos = _draws(sp.Symbol("p", positive=True))
    assert all(v > 0 for v in pos) and max(pos) > 100
    neg = _draws(sp.Symbol("q", negative=True))
    assert all(v < 0 for v in neg)
    dom = _draws(x, domain=(sp.Integer(-1), sp.Integer(1)))
    assert all(-1 <= v <= 1 for v in dom)                              # a domain narrows the scales


def test_irrational_domain_bounds_are_met_from_inside():
    x = sp.Symbol("x", real=True)
    vals = _draws(x, domain=(sp.Integer(0), sp.pi / 2))
    assert all(v.is_Rational and 0 <= v <= sp.pi / 2 for v in vals)
    assert max(vals) > sp.Rational(3, 2)


@given(seed=st.integers(0, 2**32 - 1))
def test_generic_test_functions_are_not_periodic_even_or_polynomial(seed):
    from mathml.core.sampling import generic
    f = generic(3).draw(np.random.default_rng(seed), t)
    assert not f.has(sp.Float)
    if f.diff(t) != 0:
        # a non-constant draw: f(2 pi) != f(0) unless the coefficients conspire (they are k/64)
        assert f.subs(t, 2 * sp.pi) != f.subs(t, 0) or f.diff(t).subs(t, 0) != f.diff(t).subs(t, 2 * sp.pi)


def test_multivariate_test_functions_have_mixed_partials():
    from mathml.core.screen import _function_templates
    x, y = sp.symbols("x y", real=True)
    F = sp.Function("F")
    (func, lam, params, _), = _function_templates([F(x, y)], None)
    a, b = lam.variables
    mixed = sp.diff(lam.expr, a, b)
    assert mixed != 0 and sp.diff(lam.expr, a, 2, b) != 0
    assert mixed.free_symbols >= set(params[:1]) or mixed.free_symbols & set(params)


def test_zero_argument_functions_get_a_random_constant():
    from mathml.core.screen import _function_templates
    f = sp.Function("f")
    (func, lam, params, _), = _function_templates([f()], None)
    assert lam.expr in params


def test_env_strings_go_through_the_safe_parser():
    from mathml.core.errors import ParseError
    g = vanishing(at=[0, T]).draw(np.random.default_rng(0), t, {"T": "7/3"})
    assert g.subs(t, sp.Rational(7, 3)) == 0
    with pytest.raises(ParseError):
        vanishing(at=[0, T]).draw(np.random.default_rng(0), t, {"T": "__import__('os').getcwd()"})
    with pytest.raises(InvalidInputError):
        smooth(2).draw(np.random.default_rng(0), t, {T: float("nan")})
