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
