"""Scalar model: flow maps and gauge transformations against brief section 1.9 ("Test oracles").

Oracles: ../shared/references/gauge_hamiltonian_nnft.md, item 1 (w = sin t, b = 1, T = 1,
x0 = 0.5, computed there with scipy solve_ivp rtol 1e-12); independent checks below use
mpmath.quad on the closed forms.
"""
import mpmath
import pytest
import sympy as sp

import mathml as mm
from mathml.core.errors import InvalidInputError
from mathml.gauge import LinearNODE, flow_equivalence, flow_map

t = LinearNODE().t
BASE = LinearNODE(w=sp.sin(t), b=1)
X0 = sp.Rational(1, 2)


def x_T(node, x0=X0, T=1):
    A, B = flow_map(node, T)
    with mpmath.workdps(30):
        return A * mpmath.mpf(x0.p) / x0.q + B if isinstance(x0, sp.Rational) else A * x0 + B


def test_invariants_match_brief_and_closed_form():
    A, B = flow_map(BASE, 1)
    with mpmath.workdps(30):
        # closed form A = e^{1 - cos 1}, B = int_0^1 e^{cos s - cos 1} ds (independent mpmath.quad)
        assert abs(A - mpmath.exp(1 - mpmath.cos(1))) < mpmath.mpf(10) ** -28
        B_quad = mpmath.quad(lambda s: mpmath.exp(mpmath.cos(s) - mpmath.cos(1)), [0, 1])
        assert abs(B - B_quad) < mpmath.mpf(10) ** -28
    assert abs(float(A) - 1.5835951825093) < 1e-12      # brief
    assert abs(float(B) - 1.3641361980939) < 1e-12      # brief
    assert abs(float(x_T(BASE)) - 2.1559337893485) < 1e-12
    assert abs(float(x_T(BASE, 1)) - 2.9477313806032) < 1e-12


@pytest.mark.parametrize("make", [
    lambda: BASE.rescale(sp.sin(sp.pi * t), T=1),
    lambda: BASE.translate(t * (1 - t), T=1),
    lambda: BASE.affine(sp.exp(sp.sin(sp.pi * t)), t * (1 - t), T=1),
    lambda: BASE.reparametrize(t + sp.Rational(3, 10) * sp.sin(sp.pi * t) / sp.pi, T=1),
])
def test_gauge_transformations_keep_the_oracle_value(make):
    gt = make()
    assert gt.conditions_hold() is True
    assert abs(float(x_T(gt.transformed)) - 2.15593378935) < 1e-11   # brief: 2.15593378935
    v = flow_equivalence(BASE, gt.transformed, T=1, points=1)
    assert v.status == mm.Status.consistent and v.digits >= 27


def test_wrong_pairing_value_and_disproof():
    g = sp.sin(sp.pi * t)
    slide = LinearNODE(BASE.w + g.diff(t), sp.exp(-g) * BASE.b)
    assert abs(float(x_T(slide)) - 1.25110133563) < 1e-10             # brief: 1.25110133563
    v = flow_equivalence(BASE, slide, T=1, points=2)
    assert v.status == mm.Status.disproved


def test_boundary_violation_gives_factor_e():
    gt = BASE.rescale(t**2, T=1)
    assert gt.conditions_hold() is False
    assert abs(float(x_T(gt.transformed)) - 5.86043564295) < 1e-10      # brief: e * x(T)
    v = flow_equivalence(BASE, gt.transformed, T=1, points=1)
    assert v.status == mm.Status.disproved
    assert abs(float(v.counterexample["A_ratio"]) - float(mpmath.e)) < 1e-13


@pytest.mark.parametrize("sign", [1, -1])
def test_undefined_functions_sampled(sign):
    node = LinearNODE()
    g = sp.Function("g")(node.t)
    gt = node.rescale(g, sign=sign)
    T = sp.Symbol("T", positive=True)
    v = flow_equivalence(node, gt.transformed, T=T, functions={"g": mm.vanishing(at=[0, T])},
                         points=4, seed=3)
    assert v.status == mm.Status.consistent and v.points == 4
    # same g but free at the right end: disproved
    bad = flow_equivalence(node, gt.transformed, T=T, functions={"g": mm.vanishing(at=[0])},
                           points=4, seed=3)
    assert bad.status == mm.Status.disproved


def test_mixed_pairing_with_undefined_functions_is_disproved():
    node = LinearNODE()
    g = sp.Function("g")(node.t)
    slide = LinearNODE(node.w + g.diff(node.t), sp.exp(-g) * node.b)
    v = flow_equivalence(node, slide, T=1, functions={"g": mm.vanishing(at=[0, 1])}, points=3)
    assert v.status == mm.Status.disproved
    assert set(v.counterexample) >= {"w", "b", "g", "T"}


def test_deterministic_in_seed():
    node = LinearNODE()
    other = node.translate(sp.Function("c")(node.t)).transformed
    kw = dict(T=1, functions={"c": mm.vanishing(at=[0, 1])}, points=2, seed=11)
    v1, v2 = flow_equivalence(node, other, **kw), flow_equivalence(node, other, **kw)
    assert (v1.status, v1.max_error, v1.digits) == (v2.status, v2.max_error, v2.digits)


@pytest.mark.parametrize("kwargs, match", [
    (dict(T=-1), "T must be"),
    (dict(T="1"), "T must be"),
    (dict(T=1, points=0), "points"),
    (dict(T=1, dps=5), "dps"),
    (dict(T=1, functions={"q": mm.smooth()}), "appears in neither"),
    (dict(T=1, functions={"w": "sin(t)"}), "must be a sampler"),
])
def test_bad_input(kwargs, match):
    node = LinearNODE()
    with pytest.raises(InvalidInputError, match=match):
        flow_equivalence(node, node, **kwargs)


def test_free_symbols_rejected():
    a = sp.Symbol("a")
    with pytest.raises(InvalidInputError, match="free symbols"):
        flow_equivalence(LinearNODE(w=a * t, b=1), BASE, T=1)


def test_not_a_node():
    with pytest.raises(InvalidInputError, match="LinearNODE"):
        flow_equivalence(BASE, "x' = w x", T=1)
    with pytest.raises(InvalidInputError):
        LinearNODE(w="sin(t)")
    with pytest.raises(InvalidInputError, match="sign"):
        BASE.rescale(t, sign=2)


def test_normalized_rescaling_needs_only_periodic_g():
    # brief 1.3: b -> e^{g(t) - g(0)} b needs only g(T) = g(0); g = 1 + sin(2 pi t) on [0, 1]
    gp = 1 + sp.sin(2 * sp.pi * t)
    good = BASE.rescale(gp, T=1, normalized=True)
    assert good.conditions_hold() is True
    assert flow_equivalence(BASE, good.transformed, T=1, points=1).status == mm.Status.consistent
    # the unnormalized map with the same g fails g(0) = 0 and multiplies the flow map by e^{g(T)} = e
    bad = BASE.rescale(gp, T=1)
    assert bad.conditions_hold() is False
    v = flow_equivalence(BASE, bad.transformed, T=1, points=1)
    assert v.status == mm.Status.disproved


def test_function_keys_lambdas_and_float_T():
    node = LinearNODE()
    g_fn = sp.Function("g")
    other = node.rescale(g_fn(node.t)).transformed
    s = sp.Symbol("s")
    v = flow_equivalence(node, other, T=0.5,
                         functions={g_fn: sp.Lambda(s, s * (s - sp.Rational(1, 2))),
                                    "w": sp.cos(node.t), "b": mm.polynomial(2)}, points=2)
    assert v.status == mm.Status.consistent
