"""The verification ladder on the issue's examples, bad inputs and the time budget."""
import time

import mpmath
import pytest
import sympy as sp

import mathml as mm
from mathml.core.errors import DomainError, InvalidInputError, ShapeMismatchError
from mathml.core.sampling import vanishing
from mathml.core.inputs import as_pair
from mathml.core.symbolic import symbolic_zero

t, T = sp.symbols("t T", positive=True)
w, g = sp.Function("w"), sp.Function("g")
x = sp.Symbol("x")
xr = sp.Symbol("x", real=True)


def test_leibniz_on_undefined_functions_is_proved():
    v = mm.verify(sp.diff(sp.exp(g(t)) * w(t), t), sp.exp(g(t)) * (w(t).diff(t) + g(t).diff(t) * w(t)))
    assert v.status is mm.Status.proved and v.method == "symbolic: exact normal form"
    assert v.points == 0  # decided before any numeric set-up


def test_pythagoras_is_proved():
    assert mm.verify(sp.sin(t) ** 2 + sp.cos(t) ** 2, 1).status is mm.Status.proved


def test_domain_contradicting_assumption_is_an_error():
    with pytest.raises(DomainError, match="declared positive"):
        mm.verify(sp.sqrt(t**2), t, domain={t: (-2, -1)})


def test_log_exp_complex_disproved_real_holds():
    v = mm.verify(sp.log(sp.exp(x)), x)
    assert v.status is mm.Status.disproved
    z = v.counterexample["x"]
    # independent check: log(exp(z)) = z exactly when -pi < Im z <= pi
    assert abs(sp.im(z)) > sp.pi
    assert mm.verify(sp.log(sp.exp(xr)), xr).status in (mm.Status.proved, mm.Status.consistent)


def test_near_identity_ramanujan_disproved_never_proved():
    # exp(pi sqrt(163)) = 640320^3 + 744 - 7.4993e-13 (Ramanujan's constant; mpmath at 60 digits)
    v = mm.verify(sp.exp(sp.pi * sp.sqrt(163)), 640320**3 + 744, dps=50)
    assert v.status is mm.Status.disproved
    with mpmath.workdps(60):
        gap = mpmath.exp(mpmath.pi * mpmath.sqrt(163)) - (640320**3 + 744)
    assert v.max_error == pytest.approx(float(abs(gap)), rel=1e-6)
    assert mm.verify(sp.exp(sp.pi * sp.sqrt(163)), 640320**3 + 744, dps=20).status is not mm.Status.proved


def test_rigorous_disproof_uses_arb():
    v = mm.verify(sp.exp(sp.pi * sp.sqrt(163)), 640320**3 + 744, dps=50, rigorous=True)
    assert v.status is mm.Status.disproved and "arb" in v.method


def test_conditional_identity_with_vanishing_sampler():
    lhs = sp.Integral(w(t) * g(t).diff(t), (t, 0, T))
    rhs = -sp.Integral(w(t).diff(t) * g(t), (t, 0, T))
    holds = mm.verify(lhs, rhs, functions={"g": vanishing(at=[0, T])}, points=8, timeout=1)
    assert holds.status is mm.Status.consistent
    fails = mm.verify(lhs, rhs, points=8, timeout=1)  # without g(0) = g(T) = 0 the boundary term remains
    assert fails.status is mm.Status.disproved
    ce = fails.counterexample
    assert "T" in ce and "g(t)" in ce


def test_concrete_function_and_lambda():
    # w = t^2: Integral(w', (t, 0, T)) = T^2 exactly
    v = mm.verify(sp.Integral(w(t).diff(t), (t, 0, T)), T**2, functions={"w": t**2}, points=6)
    assert v.holds
    v2 = mm.verify(sp.Integral(w(t).diff(t), (t, 0, T)), T**2 + 1, functions={w: sp.Lambda(t, t**2)},
                   points=6, timeout=1)
    assert v2.status is mm.Status.disproved


def test_matrices_entrywise():
    m1 = sp.Matrix([[sp.sin(2 * x), 1], [0, sp.cosh(x) ** 2]])
    m2 = sp.Matrix([[2 * sp.sin(x) * sp.cos(x), 1], [0, 1 + sp.sinh(x) ** 2]])
    assert mm.verify(m1, m2).status is mm.Status.proved
    bad = mm.verify(m1, m2 + sp.Matrix([[0, 0], [0, x]]))
    assert bad.status is mm.Status.disproved


def test_telescoping_sum_proved_by_doit():
    k, n = sp.symbols("k n", integer=True, positive=True)
    v = mm.verify(sp.Sum(1 / (k * (k + 1)), (k, 1, n)), 1 - 1 / (n + 1))
    assert v.status is mm.Status.proved


def test_symbolic_zero_names_its_procedure():
    assert symbolic_zero([(x + 1) ** 3 - x**3 - 3 * x**2 - 3 * x - 1])[0] == "expand"
    assert symbolic_zero([sp.sin(x) - sp.cos(x)], inline=True)[0] is None


def test_deterministic_per_seed():
    a = mm.verify(sp.log(sp.exp(x)), x, seed=7)
    b = mm.verify(sp.log(sp.exp(x)), x, seed=7)
    assert a.counterexample == b.counterexample and a.status == b.status


def test_time_budget_holds_when_simplify_hangs():
    # sympy.simplify of this sum runs for minutes (measured: > 120 s on sympy 1.14); the exact
    # normal form proves it alone, but not with a nested radical added (sqrt(3 + 2 sqrt 2) = 1 + sqrt 2),
    # so the sympy stage runs and the budget must stop it
    y = sp.Symbol("y", real=True)
    slow = sum(sp.tan(k * xr + y) ** 2 * sp.sec(xr) ** k for k in range(1, 6))
    other = sum((sp.sec(k * xr + y) ** 2 - 1) * sp.sec(xr) ** k for k in range(1, 6))
    assert mm.verify(slow, other, timeout=1.0).method == "symbolic: exact normal form"
    start = time.perf_counter()
    v = mm.verify(slow + sp.sqrt(3 + 2 * sp.sqrt(2)), other + 1 + sp.sqrt(2), timeout=1.0, points=8)
    assert time.perf_counter() - start < 30
    assert v.status is mm.Status.consistent and "budget" in v.note


@pytest.mark.parametrize("bad, message", [
    ("x + 1", "parse it first"),
    ([1, 2], "sympy.Matrix"),
    (object(), "accepted"),
    (float("nan"), "NaN"),
    (float("inf"), "NaN and infinities"),
    (sp.nan, "nan"),
    (sp.zoo, "zoo"),
    (sp.oo, "infinite"),
    (True, "bool"),
])
def test_bad_inputs_raise_clear_errors(bad, message):
    with pytest.raises(InvalidInputError, match=message):
        mm.verify(bad, 1)


def test_shape_mismatch():
    with pytest.raises(ShapeMismatchError, match="same shape"):
        mm.verify(sp.Matrix([1, 2]), sp.Matrix([[1, 2]]))
    with pytest.raises(ShapeMismatchError):
        mm.verify(sp.Matrix([1, 2]), x)


@pytest.mark.parametrize("domain, message", [
    ({xr: (2, 1)}, "empty"),
    ({xr: (1, 1)}, "empty"),
    ({xr: (0, float("inf"))}, "finite"),
    ({xr: (float("nan"), 1)}, "finite"),
    ({"y": (0, 1)}, "not a free symbol"),
    ({xr: (0,)}, "pair"),
])
def test_bad_domains(domain, message):
    with pytest.raises(InvalidInputError, match=message):
        mm.verify(xr**2, xr * xr + 1, domain=domain)


@pytest.mark.parametrize("options, message", [
    ({"points": 0}, "points"), ({"dps": 2}, "dps"), ({"seed": -1}, "seed"),
    ({"timeout": float("nan")}, "timeout"), ({"functions": {"q": t}}, "do not occur"),
])
def test_bad_options(options, message):
    with pytest.raises(InvalidInputError, match=message):
        mm.verify(w(t), w(t) + 1, **options)


def test_as_pair_accepts_eq_and_rejects_inequalities():
    assert as_pair(sp.Eq(x, 1)) == ([x], [1], ())
    with pytest.raises(InvalidInputError, match="inequalities"):
        as_pair(x < 1)


def test_all_points_singular_is_unknown():
    # the only integer in the domain is n = 1, where 1/(n - 1) cannot be evaluated
    n = sp.Symbol("n", integer=True)
    v = mm.verify(1 / (n - 1), 2, domain={n: (sp.Rational(1, 2), sp.Rational(3, 2))}, points=4, timeout=0.5)
    assert v.status is mm.Status.unknown
    assert v.points == 0


def test_indefinite_integral_has_no_numeric_value():
    v = mm.verify(sp.Integral(w(t), t), w(t), points=3, timeout=0.5)
    assert v.status is mm.Status.unknown


def test_time_budget_holds_when_expand_would_blow_up():
    # expanding a product of 40 binomials has 2**40 terms: it must not run in-process
    xs = sp.symbols("a0:40", real=True)
    prod = sp.Mul(*[(v + 1) for v in xs])
    other = sp.Mul(*[(1 + v) for v in reversed(xs)]) * (sp.sin(xs[0]) ** 2 + sp.cos(xs[0]) ** 2)
    start = time.perf_counter()
    v = mm.verify(prod, other, timeout=1.0, points=4)
    assert time.perf_counter() - start < 30
    assert v.status is mm.Status.consistent and "budget" in v.note
