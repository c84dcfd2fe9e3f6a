"""flow_equivalence refuses to decide when its two numeric routes disagree."""
import mpmath
import sympy as sp

import mathml as mm
import mathml.gauge.flow as flow
from mathml.gauge import LinearNODE, flow_equivalence


def test_disagreeing_routes_give_unknown(monkeypatch):
    t = LinearNODE().t
    node = LinearNODE(w=sp.sin(t), b=1)
    real_compare = flow._compare

    def broken_compare(ra, rb, dps):
        err, _check = real_compare(ra, rb, dps)
        return err, mpmath.mpf(1)  # pretend quadrature and ODE collocation differ by 1

    monkeypatch.setattr(flow, "_compare", broken_compare)
    v = flow_equivalence(node, node, T=1, points=2)
    assert v.status is mm.Status.unknown
    assert "differ" in v.note and v.counterexample is None


def test_same_model_is_consistent_without_the_patch():
    t = LinearNODE().t
    node = LinearNODE(w=sp.sin(t), b=1)
    v = flow_equivalence(node, node, T=1, points=2)
    assert v.status is mm.Status.consistent and v.digits >= 25
