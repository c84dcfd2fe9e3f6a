"""LinearNODE and GaugeTransformation: symbolic identities (brief 1.3, 1.4, 1.8) and rendering."""
import mpmath
import pytest
import sympy as sp

import mathml as mm
from mathml.gauge import LinearNODE, MatrixNODE, flow_map

NODE = LinearNODE()
t, w, b = NODE.t, NODE.w, NODE.b
g, c = sp.Function("g")(t), sp.Function("c")(t)


def test_induced_maps_are_exact():
    for gt in (NODE.rescale(g), NODE.rescale(g, -1), NODE.translate(c), NODE.affine(sp.exp(g), c)):
        assert mm.verify(gt.ode_residual(), 0).status == mm.Status.proved, gt.name


def test_mixed_pairing_has_nonzero_residual():
    # brief FLAG 1: (w + g', e^{-g} b) is induced by no state map of the form e^{+-g} x
    from mathml.gauge import GaugeTransformation
    for sign in (1, -1):
        slide = GaugeTransformation("slide", NODE, LinearNODE(w + g.diff(t), sp.exp(-g) * b),
                                    sp.Lambda(sp.Symbol("x", real=True),
                                              sp.exp(sign * g) * sp.Symbol("x", real=True)))
        assert mm.verify(slide.ode_residual(), 0).status == mm.Status.disproved


def test_covariant_derivative():
    new = NODE.rescale(g).transformed
    # brief 1.3: (d/dt - w) b is covariant, (d/dt + w) b picks up 2 g' e^g b
    assert mm.verify(new.b.diff(t) - new.w * new.b, sp.exp(g) * (b.diff(t) - w * b)).holds
    extra = new.b.diff(t) + new.w * new.b - sp.exp(g) * (b.diff(t) + w * b)
    assert mm.verify(extra, 2 * g.diff(t) * sp.exp(g) * b).holds


def test_wilson_line_under_rescaling():
    # A~ = A e^{g(T) - g(0)}: symbolic, integrals of a derivative
    gt = NODE.rescale(g)
    T = sp.Symbol("T", positive=True)
    lhs = gt.transformed.wilson_line(0, T).doit()
    rhs = NODE.wilson_line(0, T).doit() * sp.exp(g.subs(t, T) - g.subs(t, 0))
    assert mm.verify(lhs, rhs, domain={T: (sp.Rational(1, 2), 2)}).holds


def test_infinitesimal_reparametrisation_is_first_order():
    base = LinearNODE(sp.sin(t), 1 + t)
    f = sp.sin(sp.pi * t)
    A0, B0 = flow_map(base, 1)
    gaps = []
    for eps in (sp.Rational(1, 1000), sp.Rational(1, 2000)):
        A1, B1 = flow_map(base.reparametrize_infinitesimal(f, eps, T=1).transformed, 1)
        with mpmath.workdps(30):
            gaps.append(abs(A1 - A0) + abs(B1 - B0))
    # O(eps^2): halving eps divides the gap by 4 (brief 1.4)
    assert 3.6 < float(gaps[0] / gaps[1]) < 4.4


def test_reparametrisation_keeps_integral_of_w():
    phi = t + sp.Rational(3, 10) * sp.sin(sp.pi * t) / sp.pi
    new = LinearNODE(sp.cos(t), 1).reparametrize(phi, T=1).transformed
    assert abs(float(sp.Integral(new.w, (t, 0, 1)).evalf(20)) - float(sp.sin(1))) < 1e-15


def test_latex_rendering():
    gt = NODE.rescale(g)
    # one _repr_latex_ convention: $...$ or $$...$$ (here an aligned block); latex() stays an align* block
    rep = gt._repr_latex_()
    assert rep.startswith("$$\\begin{aligned}") and rep.endswith("\\end{aligned}$$")
    assert gt.latex().startswith("\\begin{align*}") and r"\tilde w" in gt.latex()
    rep_m = MatrixNODE(2).gauge(sp.eye(2))._repr_latex_()
    assert rep_m.startswith("$$") and rep_m.endswith("$$") and "align*" not in rep_m
    assert NODE._repr_latex_().startswith("$") and "w" in NODE.latex()
    assert "G W G^{-1}" in MatrixNODE(2).gauge(sp.eye(2)).latex()
    assert MatrixNODE(2)._repr_latex_().startswith("$")


def test_users_own_their_time_symbol():
    # issue 10: LinearNODE(w=sin(t)) with the user's plain t treated w as constant in time, and
    # rescale(g(t)) silently took g' = 0
    from mathml.core.errors import InvalidInputError
    from mathml.gauge import weight_decay_minimum

    tp = sp.Symbol("t")                       # plain, no assumptions
    node = LinearNODE(w=sp.sin(tp), b=1)
    assert node.t is tp and node.w.diff(node.t) == sp.cos(tp)
    # the Wilson line int_0^{1/2} sin = 1 - cos(1/2) (by hand), as with the default real t
    assert node.wilson_line(0, sp.Rational(1, 2)).doit() == sp.exp(1 - sp.cos(sp.Rational(1, 2)))
    gfun = sp.Function("g")
    gt = LinearNODE().rescale(gfun(tp))       # the default node has a real t; the user's g uses a plain t
    assert gt.transformed.w == sp.Function("w")(t) + gfun(t).diff(t)
    assert sp.simplify(gt.ode_residual()) == 0
    # another name: inferred when a function is applied to it; a lone symbol that may be a constant
    # parameter (x' = a x) is neither taken as time nor as a constant silently: t= is asked for
    s = sp.Symbol("s", real=True)
    assert LinearNODE(w=sp.Function("w")(s)).t is s
    assert LinearNODE(w=s**2, t=s).t is s
    a = sp.Symbol("a")
    assert LinearNODE(w=a, t=t).w == a and LinearNODE(w=a, t=t).t is t
    for lone in (a, sp.sin(s)):
        with pytest.raises(InvalidInputError, match="pass t="):
            LinearNODE(w=lone)
    # the user's plain t with a constant parameter: t is found by name
    assert LinearNODE(w=a * tp).t is tp
    # same name, contradicting assumptions: a clear error
    with pytest.raises(InvalidInputError, match="contradict"):
        LinearNODE(w=sp.sin(sp.Symbol("t", imaginary=True)))
    with pytest.raises(InvalidInputError, match="contradict"):
        LinearNODE().rescale(sp.Symbol("t", imaginary=True) ** 2)
    # weight decay in the user's t: (int_0^1 t dt)^2 / 1 = 1/4
    assert weight_decay_minimum(tp, 1).doit() == sp.Rational(1, 4)
    # floats stay floats (one float policy): w = 0.5 is a Float, not silently 1/2
    assert LinearNODE(w=0.5, b=1).w == sp.Float(0.5) and LinearNODE(w=0.5, b=1).w.is_Float


def test_matrix_node_infers_the_users_time():
    tp = sp.Symbol("t")
    node = MatrixNODE(2, W=[[0, 1], [tp, 0]])
    assert node.t is tp
    om = node.magnus(2, T=1)
    # Magnus Omega_1 = int_0^1 W = [[0, 1], [1/2, 0]] (independent: hand integration)
    assert sp.Matrix(om[0]).applyfunc(lambda e: e.doit()) == sp.Matrix([[0, 1], [sp.Rational(1, 2), 0]])
