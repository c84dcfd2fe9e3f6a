"""The exact normal form never proves a false identity (property tests), and proves the true ones it models.

Oracles: random true/false pairs built from `mathml.strategies` (a false pair adds
a non-zero polynomial to one side of a true one), and random expression trees
whose normal-form "proofs" are re-checked with mpmath at 40 digits at random
complex points (independent numeric evaluation).
"""
import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mathml.core.normalform import Unsupported, exact_zero
from mathml.strategies import nonzero_polynomials, polynomials, seeds

x, y = sp.symbols("x y")
w = sp.Function("w")

# (true identity lhs(p, q), rhs(p, q)) templates in two polynomial arguments
TRUE_PAIRS = [
    (lambda p, q: sp.sin(p + q), lambda p, q: sp.sin(p) * sp.cos(q) + sp.cos(p) * sp.sin(q)),
    (lambda p, q: sp.cos(p) ** 2, lambda p, q: 1 - sp.sin(p) ** 2),
    (lambda p, q: sp.exp(p) * sp.exp(q), lambda p, q: sp.exp(p + q)),
    (lambda p, q: sp.tan(p), lambda p, q: sp.sin(p) / sp.cos(p)),
    (lambda p, q: sp.cosh(p) ** 2 - sp.sinh(p) ** 2, lambda p, q: sp.Integer(1)),
    (lambda p, q: (p + q) ** 3, lambda p, q: sp.expand((p + q) ** 3)),
    (lambda p, q: sp.gamma(p + 3), lambda p, q: (p + 2) * (p + 1) * sp.gamma(p + 1)),
    (lambda p, q: sp.diff(w(p) * sp.exp(q), x), lambda p, q: sp.exp(q) * (w(p).diff(x) + w(p) * q.diff(x))),
    (lambda p, q: sp.sin(2 * p), lambda p, q: 2 * sp.sin(p) * sp.cos(p)),
]


@settings(max_examples=25)
@given(k=st.integers(0, len(TRUE_PAIRS) - 1), p=polynomials(x, max_degree=2), q=polynomials(y, max_degree=2),
       r=nonzero_polynomials(x, max_degree=2))
def test_random_true_pairs_are_proved_and_perturbed_ones_never(k, p, q, r):
    lhs_t, rhs_t = TRUE_PAIRS[k]
    lhs, rhs = lhs_t(p, q), rhs_t(p, q)
    assume(not (lhs - rhs).has(sp.nan, sp.zoo))   # e.g. Gamma at a pole for a constant p
    assert exact_zero(lhs - rhs) is True
    wrong = exact_zero(lhs - rhs - r)   # lhs = rhs + r is false: r is a non-zero polynomial
    assert wrong is not True
    if wrong is not False:   # an exact constant: it must be the constant -r
        assert r.is_number and wrong == -r


def _trees():
    leaves = st.sampled_from([x, y, sp.Integer(2), sp.Rational(1, 3), sp.I, w(x), sp.pi])
    unary = [sp.sin, sp.cos, sp.exp, sp.tan, sp.sinh, sp.log, sp.sqrt, lambda e: sp.gamma(e + 1),
             lambda e: e.diff(x), lambda e: e ** 2, lambda e: 1 / (e + 3)]

    def extend(children):
        return st.one_of(
            st.tuples(st.sampled_from(unary), children).map(lambda t: t[0](t[1])),
            st.tuples(children, children).map(lambda t: t[0] + t[1]),
            st.tuples(children, children).map(lambda t: t[0] * t[1]),
            st.tuples(children, children).map(lambda t: t[0] - t[1]),
        )
    return st.recursive(leaves, extend, max_leaves=6)


def _numeric(expr, seed):
    rng = np.random.default_rng(seed)
    lam = sp.Lambda(x, sp.sin(x) * sp.Rational(3, 4) + x ** 2 / 5 + 1)   # w as a concrete function
    e = expr.replace(lambda n: isinstance(n, sp.core.function.AppliedUndef), lambda n: lam(*n.args)).doit()
    values = []
    for _ in range(3):
        re_part, im_part, y_part = (int(v) for v in rng.integers(-90, 90, size=3))
        point = {x: sp.Rational(re_part, 37) + sp.I * sp.Rational(im_part, 41), y: sp.Rational(y_part, 29)}
        v = e.xreplace(point).evalf(40)
        if v.is_number and not v.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
            values.append(complex(v))
    return values


def _check_sound(diff, seed):
    try:
        result = exact_zero(diff)
    except Unsupported:
        return None
    if result is True:
        assert all(abs(v) < 1e-20 for v in _numeric(diff, seed)), diff
    elif result is not False:
        assert all(abs(v - complex(result)) < 1e-20 for v in _numeric(diff, seed)), diff
    return result


@settings(max_examples=25)
@given(a=_trees(), b=_trees(), seed=seeds())
def test_normal_form_proofs_of_random_trees_hold_numerically(a, b, seed):
    _check_sound(a - b, seed)
    for other in (sp.expand(a), a.rewrite(sp.exp)):   # true rewrites: any proof must hold numerically
        _check_sound(a - other, seed)
    assert _check_sound(a - a - x / 7, seed) is not True   # a false pair


@pytest.mark.parametrize("lhs, rhs", [
    (sp.log(x * y), sp.log(x) + sp.log(y)),            # needs positivity
    (sp.sqrt(x * y), sp.sqrt(x) * sp.sqrt(y)),         # branch
    (sp.sqrt(x ** 2), x),
    (sp.exp(sp.log(x) * y), x ** y + 1),
    (sp.binomial(x, y), sp.binomial(x, x - y)),        # false at negative integers (sympy's definition)
    (sp.Abs(x) ** 2, x ** 2),                          # x complex
    (sp.atan(sp.tan(x)), x),
])
def test_assumption_dependent_statements_are_not_proved(lhs, rhs):
    assert exact_zero(lhs - rhs) is not True


def test_exp_of_i_pi_rational_is_algebraic():
    # exp(i pi/3) = 1/2 + i sqrt(3)/2: sin(x + pi/3) expands exactly (sympy's expand_complex as oracle)
    assert exact_zero(sp.sin(x + sp.pi / 3) - sp.sin(x) / 2 - sp.sqrt(3) * sp.cos(x) / 2) is True
    with mpmath.workdps(30):
        assert mpmath.almosteq(mpmath.exp(1j * mpmath.pi / 3), 0.5 + 1j * mpmath.sqrt(3) / 2, 1e-28)
