"""Property tests of verify with mathml.strategies."""
import sympy as sp
from hypothesis import given, settings

import mathml as mm
from mathml.strategies import nonzero_polynomials, polynomials, rationals, seeds, test_functions

x = sp.Symbol("x")
t = sp.Symbol("t", real=True)
w = sp.Function("w")


@settings(max_examples=15, deadline=None)
@given(p=nonzero_polynomials(x, max_degree=3), seed=seeds())
def test_never_proves_a_pair_differing_by_a_nonzero_polynomial(p, seed):
    lhs = sp.sin(x) ** 2 + sp.exp(x)
    v = mm.verify(lhs, lhs + p, points=6, seed=seed, timeout=1)
    assert v.status is mm.Status.disproved


@settings(max_examples=15, deadline=None)
@given(p=polynomials(x, max_degree=3), q=polynomials(x, max_degree=2), seed=seeds())
def test_algebraically_equal_pairs_hold(p, q, seed):
    v = mm.verify((p + q) ** 2, sp.expand(p**2 + 2 * p * q + q**2), points=6, seed=seed, timeout=1)
    assert v.status in (mm.Status.proved, mm.Status.consistent)


@settings(max_examples=10, deadline=None)
@given(f=test_functions(t), c=rationals(-3, 3), seed=seeds())
def test_linearity_of_derivative_with_test_functions(f, c, seed):
    # d/dt (c w + f) = c w' + f' for an undefined w and a concrete random f
    v = mm.verify(sp.Derivative(c * w(t) + f, t), c * w(t).diff(t) + f.diff(t), points=6, seed=seed,
                  timeout=1)
    assert v.holds


@settings(max_examples=10, deadline=None)
@given(p=nonzero_polynomials(x, max_degree=2), seed=seeds())
def test_deterministic_per_seed(p, seed):
    a = mm.verify(sp.exp(x) + p, sp.exp(x), points=5, seed=seed, timeout=0.5)
    b = mm.verify(sp.exp(x) + p, sp.exp(x), points=5, seed=seed, timeout=0.5)
    assert (a.status, a.counterexample, a.max_error) == (b.status, b.counterexample, b.max_error)
